// spike_dilutor: repeats each incoming spike to each target independently with probability p_copy.
#pragma once
#include "models/device_helpers.h"
#include "models/generators.h"

namespace nk {

struct SpikeDilutorData {
  Window win;
  double p_copy = 1.0;
  void get(Dict& d) const { d.set("p_copy", p_copy); }
  void set(const Dict& d) {
    read(d, "p_copy", p_copy);
    if (p_copy < 0 || p_copy > 1) throw BadProperty("Copy probability must be in [0, 1].");
  }
};

class SpikeDilutor final : public DeviceBase<SpikeDilutor, SpikeDilutorData> {
 public:
  const char* help() const override {
    return R"(Name: spike_dilutor - Repeats incoming spikes with a certain probability.
Description: the spikes arriving in a step (the mother process, e.g. from a poisson_generator) are
forwarded in that step to each target independently: each spike is copied to a target with
probability p_copy. Activity is tested once per min_delay slice at its start T:
origin+start < T <= origin+stop. Like every device the dilutor has one copy per thread, and a copy
forwards the spikes it receives only to the targets on its own thread (as in NEST 2.x): use it with
one thread, or with sources and targets on the same thread.
Parameters: p_copy (0..1, 1.0). Receives: SpikeEvent (receptor 0). Sends: SpikeEvent.)";
  }
  bool sends_spikes() const override { return true; }
  int channels_per_node() const override { return 1; }
  bool counts_multiplicity() const override { return true; }
  int input_channel(size_t i, EventKind ev, long receptor, double w) const override {
    if (ev == EventKind::spike && receptor == 0) return 0;
    return NodeBlock::input_channel(i, ev, receptor, w);
  }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      double* in = c.row(c.T + lag) + chan_base;
      for (size_t i = 0; i < D_.size(); ++i) {
        const long n = std::lround(in[i]);
        in[i] = 0.0;
        const SpikeDilutorData& x = D_[i];
        if (n <= 0 || (any_frozen && frozen[i]) || !x.win.step_active(c.T)) continue;
        Rng& rng = *c.rng;
        k.send_per_target(c, gids[i], lag, [&](size_t) { return double(rng.binomial(n, x.p_copy)); });
      }
    }
  }
};

}  // namespace nk
