#include "core/node_block.h"

#include "core/kernel.h"
#include "models/multimeter.h"

namespace nk {

int NodeBlock::input_channel(size_t i, EventKind ev, long receptor, double weight) const {
  if (ev == EventKind::current)
    throw KernelError("IllegalConnection", "Creation of connection is not possible because:\n" + model_name() +
                                               " does not handle current input.");
  throw KernelError("UnknownReceptorType", "Receptor type " + std::to_string(receptor) + " is not available in " +
                                               model_name() + ".");
}

long NodeBlock::recorder_port(size_t, long receptor) const {
  if (receptor != 0)
    throw KernelError("UnknownReceptorType", "Receptor type " + std::to_string(receptor) + " is not available in " +
                                               model_name() + ".");
  return 0;
}

int NodeBlock::recordable_id(const std::string& name) const {
  auto r = recordables();
  for (size_t k = 0; k < r.size(); ++k)
    if (r[k] == name) return int(k);
  return -1;
}

const std::string& NodeBlock::model_name() const { return kernel().node_model(model_id).name; }

void NodeBlock::log_step(int64_t stamp) {
  static thread_local std::vector<double> vals;
  for (auto& L : loggers) {
    if (L.offset == 0 ? (stamp <= 0 || stamp % L.interval != 0)
                      : (stamp < L.offset || (stamp - L.offset) % L.interval != 0))
      continue;
    for (size_t j = 0; j < L.locals.size(); ++j) {
      const uint32_t i = L.locals[j];
      if (any_frozen && frozen[i]) continue;
      const size_t n = L.rec_ids.size();
      vals.resize(n);
      for (size_t r = 0; r < n; ++r) vals[r] = recordable(i, L.rec_ids[r]);
      L.mm->record_sample(L.mm_index, L.order[j], L.gids[j], stamp, vals.data(), n);
    }
  }
}

void Window::get(Dict& d) const {
  d.set("origin", origin);
  d.set("start", start);
  d.set("stop", stop);
}

void Window::recalc() {
  const TimeBase& tb = kernel().time();
  o = tb.device_steps(origin, "origin");
  s = tb.device_steps(start, "start");
  e = tb.device_steps(stop, "stop");
}

void Window::set(const Dict& d) {
  Window w = *this;
  read(d, "origin", w.origin);
  read(d, "start", w.start);
  read(d, "stop", w.stop);
  if (w.stop < w.start) throw BadProperty("stop >= start required.");
  w.recalc();
  *this = w;
}

}  // namespace nk
