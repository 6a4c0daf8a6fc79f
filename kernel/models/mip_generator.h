// mip_generator: multiple interaction process; every target receives a thinned copy of one
// mother Poisson train.
#pragma once
#include "models/device_helpers.h"
#include "models/generators.h"

namespace nk {

struct MipGenData {
  Window win;
  double rate = 0.0;     // spikes/s of the mother process
  double p_copy = 1.0;   // probability that a mother spike is copied to a target
  int64_t mother_seed = 0;
  Rng mother{0};         // seeded with mother_seed: identical on every thread
  PoissonTable table;

  void get(Dict& d) const {
    d.set("rate", rate);
    d.set("p_copy", p_copy);
    d.set("mother_seed", mother_seed);
  }
  void set(const Dict& d) {
    read(d, "rate", rate);
    read(d, "p_copy", p_copy);
    if (read(d, "mother_seed", mother_seed)) mother.seed_with(uint64_t(mother_seed));
    if (rate < 0) throw BadProperty("Rate must be non-negative.");
    if (p_copy < 0 || p_copy > 1) throw BadProperty("Copy probability must be in [0, 1].");
  }
};

class MipGenerator final : public DeviceBase<MipGenerator, MipGenData> {
 public:
  const char* help() const override {
    return R"(Name: mip_generator - Generates correlated spike trains by copying a mother process.
Description: a mother Poisson process with the given rate is drawn from an own random generator
seeded with mother_seed (so it is the same on all threads); each target receives each mother spike
independently with probability p_copy. Pairs of targets then have spike-count correlation p_copy.
Activity is tested once per min_delay slice at its start T: origin+start < T <= origin+stop.
Parameters: rate (1/s, 0), p_copy (0..1, 1.0), mother_seed (int, 0). Sends: SpikeEvent.
References: Kuhn A, Aertsen A, Rotter S (2003) Higher-order statistics of input ensembles and the
response of simple model neurons. Neural Computation 15:67-101.)";
  }
  bool sends_spikes() const override { return true; }
  void calibrate() override {
    for (auto& x : D_) x.table.init(x.rate * kernel().h() / 1000.0);
  }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    for (size_t i = 0; i < D_.size(); ++i) {
      MipGenData& x = D_[i];
      if ((any_frozen && frozen[i]) || x.rate <= 0 || !x.win.step_active(c.T)) continue;
      Rng& rng = *c.rng;
      for (int lag = c.from; lag < c.to; ++lag) {
        const long n = x.table.draw(x.mother);
        if (n > 0)
          k.send_per_target(c, gids[i], lag, [&](size_t) { return double(rng.binomial(n, x.p_copy)); });
      }
    }
  }
};

}  // namespace nk
