// Shared pieces of the neuron models integrated with the adaptive RKF45 solver (core/ode.h).
#pragma once
#include <cmath>

#include "core/ode.h"
#include "models/neuron_base.h"

namespace nk {

// A double-valued status key bound to a member of a parameter or state struct; models list
// their keys once and use them for both get and set.
template <class T>
struct Key {
  const char* name;
  double T::*member;
};
template <class T, size_t K>
inline void put_keys(const T& x, Dict& d, const Key<T> (&keys)[K]) {
  for (const auto& k : keys) d.set(k.name, x.*(k.member));
}
template <class T, size_t K>
inline void take_keys(T& x, const Dict& d, const Key<T> (&keys)[K]) {
  for (const auto& k : keys) read(d, k.name, x.*(k.member));
}

// Integrate one simulation step [0, h] with adaptive sub-steps; h_int is the node's proposed
// sub-step size, which persists across steps (0 = not yet set: start with h_first).
template <class W, class F>
inline void ode_grid_step(const F& rhs, const ode::Control& ctl, double h, double& h_int, double h_first, double* y,
                          W& work, const NodeBlock& block) {
  if (h_int <= 0.0) h_int = h_first;
  double t = 0.0;
  while (t < h) {
    const int status = ode::evolve_apply(rhs, ctl, t, h, h_int, y, work);
    if (status != 0) throw GSLSolverFailure(block.model_name(), status);
  }
}

// Status keys of the AdEx family: the exponential term must not overflow at V_peak.
inline void check_adex_spike_params(double V_reset, double V_peak, double V_th, double Delta_T, double C_m,
                                    double t_ref, double gsl_error_tol) {
  if (V_reset >= V_peak) throw BadProperty("Ensure that: V_reset < V_peak .");
  if (Delta_T < 0.0) throw BadProperty("Delta_T must be positive.");
  if (Delta_T > 0.0) {
    const double max_exp_arg = std::log(std::numeric_limits<double>::max() / 1e20);
    if ((V_peak - V_th) / Delta_T >= max_exp_arg)
      throw BadProperty(
          "The current combination of V_peak, V_th and Delta_T will lead to numerical overflow at spike time; "
          "try for instance to increase Delta_T or to reduce V_peak to avoid this problem.");
  }
  if (V_peak < V_th) throw BadProperty("V_peak >= V_th required.");
  if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
  if (t_ref < 0) throw BadProperty("Refractory time cannot be negative.");
  if (gsl_error_tol <= 0.0) throw BadProperty("The gsl_error_tol must be strictly positive.");
}

// Throws if an AdEx state has left the range the reference model accepts.
inline void check_adex_state(double V, double w, const NodeBlock& block) {
  if (V < -1e3 || w < -1e6 || w > 1e6) throw NumericalInstability(block.model_name());
}

}  // namespace nk
