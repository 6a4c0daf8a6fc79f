// Keys shared by recording devices (spec §6.2) and their text output.
#pragma once
#include <cstdio>
#include <string>

#include "core/dict.h"
#include "core/node_block.h"

namespace nk {

struct RecordingParams {
  bool withgid = true, withtime = true, withweight = false, withtargetgid = false, withport = false,
       withrport = false;
  bool time_in_steps = false, precise_times = false;
  bool to_memory = true, to_file = false, to_screen = false, to_accumulator = false;
  std::string label, file_extension = "gdf";
  int64_t precision = 3;
  bool scientific = false, binary = false;
  int64_t fbuffer_size = -1;
  bool close_after_simulate = false, flush_after_simulate = true, flush_records = false, close_on_reset = true;
  bool use_gid_in_filename = true;
  // precise_times and precision follow off_grid_spiking unless the user set them
  bool precise_times_user = false, precision_user = false;

  void get(Dict& d) const {
    d.set("withgid", withgid);
    d.set("withtime", withtime);
    d.set("withweight", withweight);
    d.set("withtargetgid", withtargetgid);
    d.set("withport", withport);
    d.set("withrport", withrport);
    d.set("time_in_steps", time_in_steps);
    d.set("precise_times", precise_times);
    d.set("to_memory", to_memory);
    d.set("to_file", to_file);
    d.set("to_screen", to_screen);
    d.set("to_accumulator", to_accumulator);
    List rt;
    if (to_file) rt.push_back("file");
    if (to_memory) rt.push_back("memory");
    if (to_screen) rt.push_back("screen");
    if (to_accumulator) rt.push_back("accumulator");
    d.set("record_to", rt);
    d.set("label", label);
    d.set("file_extension", file_extension);
    d.set("precision", precision);
    d.set("scientific", scientific);
    d.set("binary", binary);
    d.set("fbuffer_size", fbuffer_size);
    d.set("close_after_simulate", close_after_simulate);
    d.set("flush_after_simulate", flush_after_simulate);
    d.set("flush_records", flush_records);
    d.set("close_on_reset", close_on_reset);
    d.set("use_gid_in_filename", use_gid_in_filename);
  }
  void set(const Dict& d) {
    read(d, "withgid", withgid);
    read(d, "withtime", withtime);
    read(d, "withweight", withweight);
    read(d, "withtargetgid", withtargetgid);
    read(d, "withport", withport);
    read(d, "withrport", withrport);
    read(d, "time_in_steps", time_in_steps);
    if (read(d, "precise_times", precise_times)) precise_times_user = true;
    read(d, "to_memory", to_memory);
    read(d, "to_file", to_file);
    read(d, "to_screen", to_screen);
    read(d, "to_accumulator", to_accumulator);
    std::vector<std::string> rt;
    if (read_strings(d, "record_to", rt)) {
      to_memory = to_file = to_screen = to_accumulator = false;
      for (auto& r : rt) {
        if (r == "memory") to_memory = true;
        else if (r == "file") to_file = true;
        else if (r == "screen") to_screen = true;
        else if (r == "accumulator") to_accumulator = true;
        else throw BadProperty("/record_to must be array, allowed entries: /file, /memory, /screen, /accumulator.");
      }
    }
    read(d, "label", label);
    read(d, "file_extension", file_extension);
    if (read(d, "precision", precision)) precision_user = true;
    read(d, "scientific", scientific);
    read(d, "binary", binary);
    int64_t fb = fbuffer_size;
    if (read(d, "fbuffer_size", fb)) {
      if (fb < 0) throw BadProperty("File buffer size must be >= 0.");
      fbuffer_size = fb;
    }
    read(d, "close_after_simulate", close_after_simulate);
    read(d, "flush_after_simulate", flush_after_simulate);
    read(d, "flush_records", flush_records);
    read(d, "close_on_reset", close_on_reset);
    read(d, "use_gid_in_filename", use_gid_in_filename);
    if (to_accumulator) {  // accumulator mode excludes the other outputs
      to_file = to_screen = to_memory = withgid = withweight = false;
    }
    if (!use_gid_in_filename && label.empty())
      throw BadProperty("If use_gid_in_filename is false, a label must be given.");
  }
  std::string format_time(double ms) const {
    char buf[64];
    std::snprintf(buf, sizeof buf, scientific ? "%.*e" : "%.*f", int(precision), ms);
    return buf;
  }
};

// A text sink for to_file / to_screen output of one device replica.
struct RecordSink {
  std::FILE* f = nullptr;
  std::string filename;
  void open(const RecordingParams& rp, const std::string& model, int64_t gid, int vp);
  void close() {
    if (f) std::fclose(f);
    f = nullptr;
  }
  ~RecordSink() { close(); }
  RecordSink() = default;
  RecordSink(const RecordSink&) {}
  RecordSink& operator=(const RecordSink&) { return *this; }
};

}  // namespace nk
