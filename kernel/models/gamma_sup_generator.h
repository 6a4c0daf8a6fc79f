// gamma_sup_generator: superposition of n_proc independent gamma processes, per target.
#pragma once
#include "models/device_helpers.h"
#include "models/generators.h"

namespace nk {

// Number of transitions among `occ` components that each move with probability p in a step:
// binomial, or its Poisson limit (capped at occ) for many components with a small p.
inline uint64_t draw_transitions(Rng& rng, uint64_t occ, double p) {
  if (occ == 0) return 0;
  if ((occ >= 100 && p <= 0.01) || (occ >= 500 && p * double(occ) <= 0.1))
    return std::min<uint64_t>(occ, uint64_t(rng.poisson(p * double(occ))));
  return uint64_t(rng.binomial(long(occ), p));
}

struct GammaSupData {
  Window win;
  double rate = 0.0;       // spikes/s of each component process
  int64_t gamma_shape = 1;
  int64_t n_proc = 1;
  double transition_prob = 0.0;
  // per target on this thread: number of components in each of the gamma_shape phases
  std::vector<std::vector<uint64_t>> occ;

  void get(Dict& d) const {
    d.set("rate", rate);
    d.set("gamma_shape", gamma_shape);
    d.set("n_proc", n_proc);
  }
  void set(const Dict& d) {
    read(d, "gamma_shape", gamma_shape);
    if (gamma_shape < 1) throw BadProperty("The shape must be larger or equal 1");
    read(d, "rate", rate);
    if (rate < 0.0) throw BadProperty("The rate must be larger than 0.");
    read(d, "n_proc", n_proc);
    if (n_proc < 1) throw BadProperty("The number of component processes cannot be smaller than one");
  }
};

class GammaSupGenerator final : public DeviceBase<GammaSupGenerator, GammaSupData> {
 public:
  const char* help() const override {
    return R"(Name: gamma_sup_generator - Simulates the superimposed spike train of a population of gamma processes.
Description: each target receives the superposition of n_proc independent gamma processes of
integer shape gamma_shape and rate `rate`. A gamma process of shape k is a chain of k exponential
phases with transition rate k*rate; a spike is emitted when a component leaves the last phase. The
kernel keeps the number of components in each phase and draws the transitions of each step
(probability k*rate*h/1000) binomially (Poisson for many components and small probabilities).
Components start near the equilibrium distribution. A step (t, t+h] is active if
origin+start < t <= origin+stop.
Parameters: rate (1/s, 0, per component), gamma_shape (int, 1), n_proc (int, 1). Sends: SpikeEvent.
References: Deger M, Helias M, Boucsein C, Rotter S (2012) Statistical properties of superimposed
stationary spike trains. Journal of Computational Neuroscience 32:443-463.)";
  }
  bool sends_spikes() const override { return true; }
  void calibrate() override {
    const double h = kernel().h();
    for (size_t i = 0; i < D_.size(); ++i) {
      GammaSupData& x = D_[i];
      x.transition_prob = x.rate * double(x.gamma_shape) * h / 1000.0;
      const uint64_t shape = uint64_t(x.gamma_shape), n = uint64_t(x.n_proc), per_phase = n / shape;
      std::vector<uint64_t> start(shape, per_phase);
      start.back() += n - per_phase * shape;
      // new targets start from the equilibrium guess; existing ones keep their state
      x.occ.resize(kernel().local_targets(thread, gids[i]), start);
    }
  }
  void reset_state(size_t i, const NodeBlock&) override { D_[i].occ.clear(); }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    for (size_t i = 0; i < D_.size(); ++i) {
      GammaSupData& x = D_[i];
      if ((any_frozen && frozen[i]) || x.rate <= 0 || x.occ.empty()) continue;
      Rng& rng = *c.rng;
      for (int lag = c.from; lag < c.to; ++lag) {
        if (!x.win.step_active(c.T + lag)) continue;
        k.send_per_target(c, gids[i], lag, [&](size_t t) {
          std::vector<uint64_t>& occ = x.occ[t];
          const size_t m = occ.size();
          // all phases draw from the occupation at the start of the step
          uint64_t moved_prev = draw_transitions(rng, occ[0], x.transition_prob);
          const uint64_t first_moved = moved_prev;
          occ[0] -= moved_prev;
          for (size_t p = 1; p < m; ++p) {
            const uint64_t moved = draw_transitions(rng, occ[p], x.transition_prob);
            occ[p] += moved_prev;
            occ[p] -= moved;
            moved_prev = moved;
          }
          if (m == 1) {
            occ[0] += first_moved;
            return double(first_moved);
          }
          occ[0] += moved_prev;  // leaving the last phase is a spike and restarts the component
          return double(moved_prev);
        });
      }
    }
  }
};

}  // namespace nk
