// stdp_nn_restr_synapse: STDP with restricted symmetric nearest-neighbour pairing.
#pragma once
#include "synapses/stdp_common.h"

namespace nk {

struct StdpNnRestrSynapse {
  enum { W, TAU_PLUS, LAMBDA, ALPHA, MU_PLUS, MU_MINUS, WMAX, KPLUS, T_LAST };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {{"weight"}, {"tau_plus"}, {"lambda"}, {"alpha"}, {"mu_plus"}, {"mu_minus"}, {"Wmax"}, {"Kplus", false, false},
                                            {"t_lastspike", false, false}};
    return f;
  }
  static std::vector<double> defaults() { return {1.0, 20.0, 0.01, 1.0, 1.0, 1.0, 100.0, 0.0, 0.0}; }
  static constexpr bool uses_history = true;
  using Common = NoCommon;
  static void validate(const double* c, const Common&) { stdp::check_same_sign(c[W], c[WMAX]); }
  static void send(double* c, const Common&, SpikeArgs& a) {
    double w = c[W];
    size_t i0, i1;
    Archiving& post = *a.post;
    post.get_history(c[T_LAST] - a.delay, a.t - a.delay, i0, i1);
    // pairs only across alternations: at least one postsynaptic spike since the last presynaptic one
    if (i0 != i1) {
      const double minus_dt = c[T_LAST] - (post.history[i0].t + a.delay);
      w = stdp::facilitate(w, std::exp(minus_dt / c[TAU_PLUS]), c[LAMBDA], c[MU_PLUS], c[WMAX]);
      double K, K_nn, K_t;
      post.K_values(a.t - a.delay, K, K_nn, K_t);
      w = stdp::depress(w, K_nn, c[LAMBDA], c[ALPHA], c[MU_MINUS], c[WMAX]);
    }
    c[W] = a.weight = w;
    c[T_LAST] = a.t;
  }
  static const char* help() {
    return R"(Synapse type for STDP with restricted symmetric nearest-neighbour pairing.
Description: Gütig et al. (2003) weight dependence; a presynaptic spike only interacts when at
least one postsynaptic spike occurred since the previous presynaptic spike: the first of those
potentiates (paired with the previous presynaptic spike), the last one before the new
presynaptic spike depresses, as in Morrison et al. (2008), "Phenomenological models of synaptic
plasticity based on spike timing".
Parameters: weight (1.0), delay (ms, 1.0), tau_plus (ms, 20.0), lambda (0.01), alpha (1.0),
mu_plus (1.0), mu_minus (1.0), Wmax (100.0; same sign as weight).)";
  }
};

}  // namespace nk
