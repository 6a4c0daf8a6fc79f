// quantal_stp_synapse: stochastic quantal release from n sites with Tsodyks-Markram dynamics.
#pragma once
#include <cmath>

#include "core/plastic.h"

namespace nk {

struct QuantalStpSynapse {
  enum { W, U, TAU_REC, TAU_FAC, UU, N, A, T_LAST };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {{"weight"}, {"U"},       {"tau_rec"}, {"tau_fac"},
                                            {"u"},      {"n", true}, {"a", true}, {"t_lastspike", false, false}};
    return f;
  }
  static std::vector<double> defaults() { return {1.0, 0.5, 800.0, 10.0, 0.5, 1.0, 1.0, 0.0}; }
  static constexpr bool uses_history = false;
  using Common = NoCommon;
  static void validate(const double* c, const Common&) {
    if (c[U] > 1.0 || c[U] < 0.0) throw BadProperty("U must be in [0,1].");
    if (c[TAU_REC] <= 0.0) throw BadProperty("tau_rec must be > 0.");
    if (c[TAU_FAC] < 0.0) throw BadProperty("tau_fac must be >= 0.");
    if (c[N] < 1) throw BadProperty("n must be >= 1.");
    if (c[A] < 0 || c[A] > c[N]) throw BadProperty("a must be in [0, n].");
  }
  static void send(double* c, const Common&, SpikeArgs& a) {
    const double h = a.t - c[T_LAST];
    const double p_decay = std::exp(-h / c[TAU_REC]);
    const double u_decay = c[TAU_FAC] < 1.0e-10 ? 0.0 : std::exp(-h / c[TAU_FAC]);
    c[UU] = c[U] + c[UU] * (1.0 - c[U]) * u_decay;
    long avail = std::lround(c[A]);
    for (long depleted = std::lround(c[N]) - avail; depleted > 0; --depleted)
      if (a.rng->drand() < 1.0 - p_decay) ++avail;
    long released = 0;
    for (long k = avail; k > 0; --k)
      if (a.rng->drand() < c[UU]) ++released;
    c[A] = double(avail - released);
    c[T_LAST] = a.t;
    a.send = released > 0;
    a.weight = double(released) * c[W];
  }
  static const char* help() {
    return R"(Probabilistic synapse model with quantal release and short term plasticity.
Description: Fuhrmann et al. (2002), "Coding of temporal information by activity-dependent
synapses". At a spike after an interval h: u <- U + u (1 - U) exp(-h/tau_fac); each of the n - a
depleted sites recovers with probability 1 - exp(-h/tau_rec); each of the a available sites
releases with probability u. If k > 0 sites release, the event carries k * weight and a -= k;
otherwise nothing is sent. Random numbers come from the target thread's generator.
Parameters: weight (1.0), delay (ms, 1.0), U (0.5), u (0.5), tau_rec (ms, 800.0),
tau_fac (ms, 10.0), n (1, release sites), a (1, available sites).)";
  }
};

}  // namespace nk
