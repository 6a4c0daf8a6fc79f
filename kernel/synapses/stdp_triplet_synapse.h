// stdp_triplet_synapse: triplet STDP with all-to-all interactions (Pfister & Gerstner 2006).
#pragma once
#include "synapses/stdp_common.h"

namespace nk {

struct StdpTripletSynapse {
  enum { W, TAU_PLUS, TAU_PLUS_T, APLUS, AMINUS, APLUS_T, AMINUS_T, WMAX, KPLUS, KPLUS_T, T_LAST };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {
        {"weight"},         {"tau_plus"},       {"tau_plus_triplet"}, {"Aplus"}, {"Aminus"},
        {"Aplus_triplet"},  {"Aminus_triplet"}, {"Wmax"},             {"Kplus"}, {"Kplus_triplet"},
        {"t_lastspike", false, false}};
    return f;
  }
  static std::vector<double> defaults() {
    return {1.0, 16.8, 101.0, 5e-10, 0.007, 0.0062, 0.00023, 100.0, 0.0, 0.0, 0.0};
  }
  static constexpr bool uses_history = true;
  using Common = NoCommon;
  static void validate(const double* c, const Common&) {
    stdp::check_same_sign(c[W], c[WMAX]);
    if (!(c[TAU_PLUS] > 0)) throw BadProperty("Parameter tau_plus must be positive.");
    if (!(c[TAU_PLUS_T] > 0)) throw BadProperty("Parameter tau_plus_triplet must be positive.");
    if (c[KPLUS] < 0) throw BadProperty("State Kplus must be positive.");
    if (c[KPLUS_T] < 0) throw BadProperty("State Kplus_triplet must be positive.");
  }
  static void send(double* c, const Common&, SpikeArgs& a) {
    double w = c[W];
    const double Wmax = c[WMAX];
    stdp::for_post_spikes(*a.post, c[T_LAST], a.t, a.delay, [&](double minus_dt, const HistEntry& e) {
      // the triplet trace just before the postsynaptic spike (the entry holds it just after)
      const double ky = e.Kminus_triplet - 1.0;
      const double nw = std::fabs(w) + c[KPLUS] * std::exp(minus_dt / c[TAU_PLUS]) * (c[APLUS] + c[APLUS_T] * ky);
      w = std::copysign(nw < std::fabs(Wmax) ? nw : std::fabs(Wmax), Wmax);
    });
    c[KPLUS_T] *= std::exp((c[T_LAST] - a.t) / c[TAU_PLUS_T]);
    const double nw =
        std::fabs(w) - a.post->K_value(a.t - a.delay) * (c[AMINUS] + c[AMINUS_T] * c[KPLUS_T]);
    w = std::copysign(nw > 0.0 ? nw : 0.0, Wmax);
    c[W] = a.weight = w;
    c[KPLUS_T] += 1.0;
    c[KPLUS] = c[KPLUS] * std::exp((c[T_LAST] - a.t) / c[TAU_PLUS]) + 1.0;
    c[T_LAST] = a.t;
  }
  static const char* help() {
    return R"(Synapse type for triplet spike-timing dependent plasticity.
Description: Pfister & Gerstner (2006), "Triplets of spikes in a model of spike timing-dependent
plasticity", all-to-all interactions. Each postsynaptic spike t_j in (t_last - d, t - d] potentiates
|w| += K+ exp((t_last - t_j - d)/tau_plus) (Aplus + Aplus_triplet (K-_triplet(t_j) - 1)), capped at
|Wmax|; the presynaptic spike depresses |w| -= K-(t - d) (Aminus + Aminus_triplet K+_triplet),
floored at 0 (sign of Wmax kept). The postsynaptic traces use tau_minus and tau_minus_triplet of
the target neuron.
Parameters: weight (1.0), delay (ms, 1.0), tau_plus (ms, 16.8), tau_plus_triplet (ms, 101.0),
Aplus (5e-10), Aminus (0.007), Aplus_triplet (0.0062), Aminus_triplet (0.00023), Wmax (100.0);
state Kplus (0.0), Kplus_triplet (0.0).)";
  }
};

}  // namespace nk
