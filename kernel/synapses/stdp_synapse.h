// stdp_synapse: pair-based STDP with all-to-all pairing and the multiplicative/additive weight
// dependence of Gütig et al. (2003); the postsynaptic trace uses the target's tau_minus.
#pragma once
#include "synapses/stdp_common.h"

namespace nk {

struct StdpSynapse {
  enum { W, TAU_PLUS, LAMBDA, ALPHA, MU_PLUS, MU_MINUS, WMAX, KPLUS, T_LAST };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {{"weight"},   {"tau_plus"}, {"lambda"}, {"alpha"},
                                            {"mu_plus"},  {"mu_minus"}, {"Wmax"},   {"Kplus"},
                                            {"t_lastspike", false, false}};
    return f;
  }
  static std::vector<double> defaults() { return {1.0, 20.0, 0.01, 1.0, 1.0, 1.0, 100.0, 0.0, 0.0}; }
  static constexpr bool uses_history = true;
  using Common = NoCommon;
  static void validate(const double* c, const Common&) { stdp::check_same_sign(c[W], c[WMAX]); }
  static void send(double* c, const Common&, SpikeArgs& a) {
    const double w = stdp::facilitate_all(c[W], *a.post, c[T_LAST], a.t, a.delay, c[KPLUS], c[TAU_PLUS], c[LAMBDA],
                                          c[MU_PLUS], c[WMAX]);
    c[W] = a.weight =
        stdp::depress(w, a.post->K_value(a.t - a.delay), c[LAMBDA], c[ALPHA], c[MU_MINUS], c[WMAX]);
    c[KPLUS] = c[KPLUS] * std::exp((c[T_LAST] - a.t) / c[TAU_PLUS]) + 1.0;
    c[T_LAST] = a.t;
  }
  static const char* help() {
    return R"(Synapse type for spike-timing dependent plasticity.
Description: pair-based STDP with all-to-all spike pairing (Gütig et al. 2003, "Learning input
correlations through nonlinear temporally asymmetric Hebbian plasticity"). On a presynaptic spike
at t (delay d, also the dendritic delay), every postsynaptic spike t_j in (t_last - d, t - d]
potentiates: w/Wmax += lambda (1 - w/Wmax)^mu_plus K+ exp((t_last - t_j - d)/tau_plus), capped at
Wmax; then the spike depresses: w/Wmax -= alpha lambda (w/Wmax)^mu_minus K-(t - d), floored at 0.
The event carries the new weight; then K+ <- K+ exp((t_last - t)/tau_plus) + 1. K- is the
postsynaptic trace of the target (time constant tau_minus of the neuron, ms).
Parameters: weight (1.0), delay (ms, 1.0), tau_plus (ms, 20.0), lambda (0.01), alpha (1.0),
mu_plus (1.0), mu_minus (1.0), Wmax (100.0; same sign as weight); state Kplus (0.0).)";
  }
};

}  // namespace nk
