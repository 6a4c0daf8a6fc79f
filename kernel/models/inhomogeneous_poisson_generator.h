// inhomogeneous_poisson_generator: Poisson spike trains with a piecewise constant rate.
#pragma once
#include "models/device_helpers.h"
#include "models/generators.h"

namespace nk {

struct InhomPoissonData {
  Window win;
  std::vector<int64_t> stamps;  // steps at which the rate changes
  DoubleVec values;             // spikes/s
  bool allow_offgrid_times = false;
  size_t idx = 0;
  double rate = 0.0;  // spikes/s in force

  void get(Dict& d) const {
    const TimeBase& tb = kernel().time();
    DoubleVec t(stamps.size());
    for (size_t k = 0; k < stamps.size(); ++k) t[k] = tb.ms(stamps[k]);
    d.set("rate_times", t);
    d.set("rate_values", values);
    d.set("allow_offgrid_times", allow_offgrid_times);
  }
  void set(const Dict& d, const std::string& model) {
    DoubleVec times, vals = values;
    const bool tc = read(d, "rate_times", times);
    const bool vc = read(d, "rate_values", vals);
    bool off = allow_offgrid_times;
    if (read(d, "allow_offgrid_times", off) && off != allow_offgrid_times && !(tc || stamps.empty()))
      throw BadProperty("Option can only be set together with rate times or if no rate times have been set.");
    if (tc != vc) throw BadProperty("Rate times and values must be reset together.");
    allow_offgrid_times = off;
    if (!tc) return;
    if (times.size() != vals.size()) throw BadProperty("Rate times and values have to be the same size.");
    const double now = kernel().time().ms(kernel().clock());
    stamps = change_steps(
        times, off, model,
        [now](double t) {
          if (t <= now) throw BadProperty("Time points must lie strictly in the future.");
        },
        "Rate times must be strictly increasing.");
    values = vals;
    idx = 0;
  }
};

class InhomogeneousPoissonGenerator final
    : public DeviceBase<InhomogeneousPoissonGenerator, InhomPoissonData> {
 public:
  const char* help() const override {
    return R"(Name: inhomogeneous_poisson_generator - Poisson spike trains with a piecewise constant rate.
Description: the rate is 0 until rate_times[0]; from rate_times[i] (ms, strictly increasing, in the
future when set) on it is rate_values[i] (1/s). Each target receives an independent Poisson train: in
each active step a Poisson number of spikes with mean rate h / 1000. A step (t, t+h] is active if
origin+start < t <= origin+stop. Times must be on the grid unless allow_offgrid_times (rounded up).
Parameters: rate_times (ms), rate_values (1/s), allow_offgrid_times (False). Sends: SpikeEvent.)";
  }
  bool sends_spikes() const override { return true; }
  void set_data(InhomPoissonData& x, const Dict& d) { x.set(d, model_name()); }
  void reset_state(size_t i, const NodeBlock&) override {
    D_[i].idx = 0;
    D_[i].rate = 0.0;
  }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    const double h = k.h();
    for (size_t i = 0; i < D_.size(); ++i) {
      InhomPoissonData& x = D_[i];
      if (any_frozen && frozen[i]) continue;
      while (x.idx < x.stamps.size() && x.stamps[x.idx] <= c.T + c.from) ++x.idx;  // past changes
      for (int lag = c.from; lag < c.to; ++lag) {
        const int64_t now = c.T + lag;
        if (x.idx < x.stamps.size() && x.stamps[x.idx] == now + 1) x.rate = x.values[x.idx++];
        if (x.rate <= 0 || !x.win.step_active(now)) continue;
        const double mean = x.rate * h / 1000.0;
        Rng& rng = *c.rng;
        k.send_per_target(c, gids[i], lag, [&](size_t) { return double(rng.poisson(mean)); });
      }
    }
  }
};

}  // namespace nk
