// Pieces shared by the STDP rules: the Gütig et al. (2003) weight dependence and the walk over
// the postsynaptic spikes seen since the previous presynaptic spike.
#pragma once
#include <cmath>

#include "core/plastic.h"

namespace nk {
namespace stdp {

// x^mu; the common exponents 1 (multiplicative) and 0 (additive) skip the costly pow (exact)
inline double power(double x, double mu) {
  if (mu == 1.0) return x;
  if (mu == 0.0) return 1.0;
  return std::pow(x, mu);
}

// Potentiation of w by the presynaptic trace value kplus (weights normalised by Wmax).
inline double facilitate(double w, double kplus, double lambda, double mu_plus, double Wmax) {
  const double nw = w / Wmax + lambda * power(1.0 - w / Wmax, mu_plus) * kplus;
  return nw < 1.0 ? nw * Wmax : Wmax;
}
// Depression of w by the postsynaptic trace value kminus.
inline double depress(double w, double kminus, double lambda, double alpha, double mu_minus, double Wmax) {
  const double nw = w / Wmax - alpha * lambda * power(w / Wmax, mu_minus) * kminus;
  return nw > 0.0 ? nw * Wmax : 0.0;
}

// Calls f(minus_dt, entry) for each postsynaptic spike t_j with t_last - d < t_j <= t - d,
// where minus_dt = t_last - (t_j + d) < 0: the spikes as seen at the synapse.
template <class F>
inline void for_post_spikes(Archiving& post, double t_last, double t, double d, F&& f) {
  size_t i0, i1;
  post.get_history(t_last - d, t - d, i0, i1);
  for (size_t i = i0; i < i1; ++i) f(t_last - (post.history[i].t + d), post.history[i]);
}

// Potentiation of w by every postsynaptic spike in (t_last - d, t - d], pairing each with the
// presynaptic trace kplus of t_last. The loop runs on w/Wmax so that its dependency chain holds
// no division (equal to repeated facilitate() up to rounding).
inline double facilitate_all(double w, Archiving& post, double t_last, double t, double d, double kplus,
                             double tau_plus, double lambda, double mu_plus, double Wmax) {
  size_t i0, i1;
  post.get_history(t_last - d, t - d, i0, i1);
  if (i0 == i1) return w;
  double wn = w / Wmax;
  for (size_t i = i0; i < i1; ++i) {
    const double k = lambda * kplus * std::exp((t_last - (post.history[i].t + d)) / tau_plus);
    wn += power(1.0 - wn, mu_plus) * k;
    if (!(wn < 1.0)) wn = 1.0;
  }
  return wn * Wmax;
}

inline void check_same_sign(double w, double Wmax) {
  if (!same_sign(w, Wmax)) throw BadProperty("Weight and Wmax must have same sign.");
}

}  // namespace stdp
}  // namespace nk
