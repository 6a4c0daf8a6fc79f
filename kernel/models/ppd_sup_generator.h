// ppd_sup_generator: superposition of n_proc Poisson processes with dead time, per target.
#pragma once
#include "models/device_helpers.h"
#include "models/gamma_sup_generator.h"
#include "models/generators.h"

namespace nk {

struct AgeDistribution {  // components of one target's superposition
  uint64_t active = 0;               // components outside their dead time
  std::vector<uint64_t> refractory;  // components per dead-time step (a ring)
  size_t next = 0;                   // the bin whose components become active next
};

struct PpdSupData {
  Window win;
  double rate = 0.0;       // spikes/s of each component
  double dead_time = 0.0;  // ms
  int64_t n_proc = 1;
  double frequency = 0.0;           // Hz
  double relative_amplitude = 0.0;  // of the rate modulation, 0..1
  double hazard_step = 0.0, omega = 0.0;
  std::vector<AgeDistribution> ages;  // per target on this thread

  void get(Dict& d) const {
    d.set("rate", rate);
    d.set("dead_time", dead_time);
    d.set("n_proc", n_proc);
    d.set("frequency", frequency);
    d.set("relative_amplitude", relative_amplitude);
  }
  void set(const Dict& d) {
    read(d, "dead_time", dead_time);
    if (dead_time < 0) throw BadProperty("The dead time cannot be negative.");
    read(d, "rate", rate);
    if (1000.0 / rate <= dead_time) throw BadProperty("The inverse rate has to be larger than the dead time.");
    read(d, "n_proc", n_proc);
    if (n_proc < 1) throw BadProperty("The number of component processes cannot be smaller than one");
    read(d, "frequency", frequency);
    read(d, "relative_amplitude", relative_amplitude);
    if (relative_amplitude > 1.0 || relative_amplitude < 0.0)
      throw BadProperty("The relative amplitude of the rate modulation must be in [0,1].");
  }
};

class PpdSupGenerator final : public DeviceBase<PpdSupGenerator, PpdSupData> {
 public:
  const char* help() const override {
    return R"(Name: ppd_sup_generator - Simulates the superimposed spike train of a population of Poisson processes with dead time.
Description: each target receives the superposition of n_proc independent Poisson processes with
dead time (PPD). The kernel keeps the number of components in each step of their dead time and the
number of free components; in each step the free components fire with probability
h / (1000/rate - dead_time) * (1 + relative_amplitude sin(2 pi frequency t / 1000)), drawn binomially
(Poisson for many components with small probability). Each component has rate `rate` on average.
A step (t, t+h] is active if origin+start < t <= origin+stop.
Parameters: rate (1/s, 0, 1000/rate > dead_time), dead_time (ms, 0), n_proc (int, 1),
frequency (Hz, 0), relative_amplitude (0..1, 0). Sends: SpikeEvent.
References: Deger M, Helias M, Boucsein C, Rotter S (2012) Statistical properties of superimposed
stationary spike trains. Journal of Computational Neuroscience 32:443-463.)";
  }
  bool sends_spikes() const override { return true; }
  void calibrate() override {
    const double h = kernel().h();
    for (size_t i = 0; i < D_.size(); ++i) {
      PpdSupData& x = D_[i];
      const size_t bins = size_t(x.dead_time / h);
      x.omega = 2.0 * M_PI * x.frequency / 1000.0;
      x.hazard_step = x.rate > 0 ? h / (1000.0 / x.rate - x.dead_time) : 0.0;
      const uint64_t n = uint64_t(x.n_proc);
      // equilibrium: a fraction rate*h of the components in each dead-time bin
      const uint64_t per_bin = std::min<uint64_t>(uint64_t(x.rate / 1000.0 * double(n) * h),
                                                  bins ? n / bins : 0);
      AgeDistribution a;
      a.refractory.assign(bins, per_bin);
      a.active = n - per_bin * bins;
      x.ages.resize(kernel().local_targets(thread, gids[i]), a);
    }
  }
  void reset_state(size_t i, const NodeBlock&) override { D_[i].ages.clear(); }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    const TimeBase& tb = k.time();
    for (size_t i = 0; i < D_.size(); ++i) {
      PpdSupData& x = D_[i];
      if ((any_frozen && frozen[i]) || x.rate <= 0 || x.ages.empty()) continue;
      Rng& rng = *c.rng;
      for (int lag = c.from; lag < c.to; ++lag) {
        const int64_t t = c.T + lag;
        if (!x.win.step_active(t)) continue;
        double p = x.hazard_step;
        if (x.relative_amplitude > 0.0 && x.frequency != 0.0)
          p *= 1.0 + x.relative_amplitude * std::sin(x.omega * tb.ms(t));
        k.send_per_target(c, gids[i], lag, [&](size_t tg) {
          AgeDistribution& a = x.ages[tg];
          const uint64_t n = draw_transitions(rng, a.active, p);
          if (!a.refractory.empty()) {
            a.active += a.refractory[a.next] - n;
            a.refractory[a.next] = n;
            a.next = (a.next + 1) % a.refractory.size();
          }
          return double(n);
        });
      }
    }
  }
};

}  // namespace nk
