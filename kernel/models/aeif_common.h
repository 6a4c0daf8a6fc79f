// Parameters and spike handling shared by the adaptive exponential integrate-and-fire (AdEx)
// models of Brette & Gerstner (2005), all integrated with the adaptive RKF45 solver with error
// control on the state change (absolute = relative = gsl_error_tol).
#pragma once
#include "models/ode_neuron.h"

namespace nk {

struct AdexParameters {
  double V_peak = 0.0;      // mV, spike detection
  double V_reset = -60.0;   // mV
  double t_ref = 0.0;       // ms
  double g_L = 30.0;        // nS
  double C_m = 281.0;       // pF
  double E_L = -70.6;       // mV
  double Delta_T = 2.0;     // mV, slope factor
  double tau_w = 144.0;     // ms
  double a = 4.0;           // nS, subthreshold adaptation
  double b = 80.5;          // pA, spike-triggered adaptation
  double V_th = -50.4;      // mV
  double I_e = 0.0;         // pA
  double gsl_error_tol = 1e-6;

  static const auto& adex_keys() {
    static const Key<AdexParameters> k[] = {
        {"V_peak", &AdexParameters::V_peak}, {"V_reset", &AdexParameters::V_reset},
        {"t_ref", &AdexParameters::t_ref},   {"g_L", &AdexParameters::g_L},
        {"C_m", &AdexParameters::C_m},       {"E_L", &AdexParameters::E_L},
        {"Delta_T", &AdexParameters::Delta_T}, {"tau_w", &AdexParameters::tau_w},
        {"a", &AdexParameters::a},           {"b", &AdexParameters::b},
        {"V_th", &AdexParameters::V_th},     {"I_e", &AdexParameters::I_e},
        {"gsl_error_tol", &AdexParameters::gsl_error_tol}};
    return k;
  }
  void get_adex(Dict& d) const { put_keys(*this, d, adex_keys()); }
  void set_adex(const Dict& d) {
    take_keys(*this, d, adex_keys());
    check_adex_spike_params(V_reset, V_peak, V_th, Delta_T, C_m, t_ref, gsl_error_tol);
  }
  // exponential spike current at (clamped) V
  double I_spike(double V) const { return Delta_T == 0.0 ? 0.0 : g_L * Delta_T * std::exp((V - V_th) / Delta_T); }
  // V used inside the right-hand side: V_reset while refractory, never above V_peak
  double V_eff(double V, bool refractory) const { return refractory ? V_reset : std::min(V, V_peak); }
  // spike detection threshold: V_peak, or V_th for the integrate-and-fire limit Delta_T = 0
  double V_detect() const { return Delta_T > 0.0 ? V_peak : V_th; }
};

// Refractory counter after a spike: one extra step because the count-down follows the
// integration loop; zero when there is no refractory time, so the rest of the step runs free.
inline long adex_refractory_start(long n_ref) { return n_ref > 0 ? n_ref + 1 : 0; }

// One simulation step of node i of an AdEx block with state vector s.y (V at index V_M, w at W):
// integrate, hold V at V_reset while refractory, detect and send spikes inside the integration
// loop. The caller applies the step's input afterwards.
template <int V_M, int W, class Block, class S, class Rhs, class Work>
inline void adex_step(Block& b, UpdateCtx& c, size_t i, int lag, S& s, const AdexParameters& p, long n_ref,
                      const Rhs& rhs, Work& work, double h) {
  const auto ctl = ode::Control::on_dydt(p.gsl_error_tol, p.gsl_error_tol);
  if (s.h_int <= 0.0) s.h_int = std::min(0.01, h);
  double t = 0.0;
  while (t < h) {
    const int status = ode::evolve_apply(rhs, ctl, t, h, s.h_int, s.y, work);
    if (status != 0) throw GSLSolverFailure(b.model_name(), status);
    check_adex_state(s.y[V_M], s.y[W], b);
    if (s.r > 0) {
      s.y[V_M] = p.V_reset;
    } else if (s.y[V_M] >= p.V_detect()) {
      s.y[V_M] = p.V_reset;
      s.y[W] += p.b;
      s.r = adex_refractory_start(n_ref);
      b.record_spike(i, c.T + lag + 1);
      kernel().emit_spike(c, b.gids[i], lag, 1);
    }
  }
  if (s.r > 0) --s.r;
}

}  // namespace nk
