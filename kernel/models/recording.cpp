#include "models/recording.h"

#include <sys/stat.h>

#include "core/kernel.h"

namespace nk {

static int digits(int64_t n) {
  int d = 1;
  while (n >= 10) { n /= 10; ++d; }
  return d;
}

void RecordSink::open(const RecordingParams& rp, const std::string& model, int64_t gid, int vp) {
  close();
  Kernel& k = kernel();
  auto st = k.get_status();
  std::string path, prefix;
  read(*st, "data_path", path);
  read(*st, "data_prefix", prefix);
  const int64_t nsize = k.network_size();
  char gbuf[32], vbuf[32];
  std::snprintf(gbuf, sizeof gbuf, "%0*lld", digits(nsize), (long long)gid);
  std::snprintf(vbuf, sizeof vbuf, "%0*d", digits(k.num_vps()), vp);
  std::string name = (path.empty() ? "" : path + "/") + prefix + (rp.label.empty() ? model : rp.label) + "-";
  if (rp.use_gid_in_filename) name += std::string(gbuf) + "-";
  name += std::string(vbuf) + "." + rp.file_extension;
  bool overwrite = false;
  read(*st, "overwrite_files", overwrite);
  struct stat sb;
  if (!overwrite && ::stat(name.c_str(), &sb) == 0)
    throw KernelError("IOError", "The device file '" + name +
                                     "' exists already and will not be overwritten. Please change data_path, "
                                     "data_prefix or label, or set /overwrite_files to true in the root node.");
  f = std::fopen(name.c_str(), rp.binary ? "wb" : "w");
  if (!f) throw KernelError("IOError", "I/O error while opening file '" + name + "'.");
  filename = name;
}

}  // namespace nk
