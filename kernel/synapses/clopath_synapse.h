// clopath_synapse: voltage-based STDP of Clopath et al. (2010); the postsynaptic side (filtered
// potentials, depression per step, potentiation history) lives in the *_clopath neurons.
#pragma once
#include "core/clopath_archiving.h"
#include "core/plastic.h"

namespace nk {

struct ClopathSynapse {
  enum { W, X_BAR, TAU_X, WMAX, WMIN, T_LAST };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {{"weight"}, {"x_bar"}, {"tau_x"},
                                            {"Wmax"},   {"Wmin"},  {"t_lastspike", false, false}};
    return f;
  }
  static std::vector<double> defaults() { return {1.0, 0.0, 15.0, 100.0, 0.0, 0.0}; }
  static constexpr bool uses_history = true;
  static constexpr bool needs_clopath = true;  // targets: *_clopath neurons only
  using Common = NoCommon;
  static void validate(const double* c, const Common&) {
    if (!same_sign(c[W], c[WMAX])) throw BadProperty("Weight and Wmax must have same sign.");
  }
  static void send(double* c, const Common&, SpikeArgs& a) {
    double w = c[W];
    ClopathHistory& hist = *a.post->clopath;
    size_t i0, i1;
    hist.ltp_range(c[T_LAST] - a.delay, a.t - a.delay, i0, i1);
    for (size_t i = i0; i < i1; ++i) {
      const ClopathEntry& e = hist.ltp[i];
      const double x = c[X_BAR] * std::exp((c[T_LAST] - (e.t + a.delay)) / c[TAU_X]);
      w += e.dw * x;
      if (!(w < c[WMAX])) w = c[WMAX];
    }
    w -= hist.ltd_value(a.t - a.delay);
    if (!(w > c[WMIN])) w = c[WMIN];
    c[W] = a.weight = w;
    c[X_BAR] = c[X_BAR] * std::exp((c[T_LAST] - a.t) / c[TAU_X]) + 1.0 / c[TAU_X];
    c[T_LAST] = a.t;
  }
  static const char* help() {
    return R"(Synapse type for voltage-based spike-timing dependent plasticity.
Description: the rule of Clopath et al. (2010, "Connectivity reflects coding: a model of
voltage-based STDP with homeostasis"); the target must be an aeif_psc_delta_clopath or
hh_psc_alpha_clopath neuron, which writes after each step t_k the depression value LTD(t_k) and,
when V > theta_plus, a potentiation amount P(t_k) = A_LTP (V - theta_plus)(u_bar_plus - theta_minus) h.
On a presynaptic spike at t (delay d, also the dendritic delay): for each potentiation entry t_k in
(t_last - d, t - d], w += P(t_k) x_bar exp((t_last - t_k - d)/tau_x), capped at Wmax; then
w -= LTD(t - d) (0 if none was written), floored at Wmin. The event carries the new weight; then
x_bar <- x_bar exp((t_last - t)/tau_x) + 1/tau_x.
Parameters: weight (1.0), delay (ms, 1.0), tau_x (ms, 15.0), Wmax (100.0; same sign as weight),
Wmin (0.0); state x_bar (1/ms, 0.0).)";
  }
};

}  // namespace nk
