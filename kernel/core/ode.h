// Adaptive embedded Runge-Kutta-Fehlberg 4(5) integration with the semantics of GSL's `rkf45`
// stepper, its "standard" step-size control and the classic `gsl_odeiv_evolve_apply` driver,
// which is what the reference simulator's ODE neuron models use.
//
// A model integrates one simulation step h as
//     double t = 0; while (t < h) ode::evolve_apply(rhs, control, t, h, s.h_int, y, work);
// where `s.h_int` is the node's proposed internal step size, carried over from step to step.
// One call makes exactly one accepted sub-step: it clips the sub-step to the end of the
// interval, retries with a smaller step while the error test fails, and proposes the size of
// the next sub-step (which may grow by at most a factor 5).
//
// The right-hand side is a functor `void operator()(const double* y, double* dydt) const`
// (the models are autonomous within one step). The state size is a template parameter, so the
// hot loop runs on fixed-size stack arrays; `kDynamic` selects a size known only at run time
// (multisynapse models), with the scratch space kept in the caller's `OdeWork`.
#pragma once
#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "core/exceptions.h"

namespace nk {

// Error names and messages of the reference simulator (spec §9.9).
inline KernelError GSLSolverFailure(const std::string& model, int status) {
  return KernelError("GSLSolverFailure", "In model " + model + ", the GSL solver returned with exit status " +
                                             std::to_string(status) +
                                             ".\nPlease make sure you have installed a recent GSL version (> gsl-1.10).");
}
inline KernelError NumericalInstability(const std::string& model) {
  return KernelError("NumericalInstability", "NEST detected a numerical instability while updating " + model + ".");
}

namespace ode {

constexpr size_t kDynamic = 0;
// Status reported when the state stops being finite (GSL's code for a bad user function).
constexpr int kStatusBadFunction = 9;
// Status reported when one simulation step needs more than kMaxSubsteps solver steps (GSL's code
// for "no progress"): the tolerance cannot be met and GSL would crawl on in steps of one ulp.
constexpr int kStatusNoProgress = 27;
constexpr long kMaxSubsteps = 1000000;

// Standard step-size control: the tolerated error of component i is
//   D_i = eps_abs + eps_rel * (a_y |y_i| + a_dydt h |y'_i|).
struct Control {
  double eps_abs = 1e-3, eps_rel = 0.0, a_y = 1.0, a_dydt = 0.0;
  // error relative to the state (GSL "y" control)
  static Control on_y(double eps_abs, double eps_rel) { return {eps_abs, eps_rel, 1.0, 0.0}; }
  // error relative to the step's change of the state (GSL "yp" control)
  static Control on_dydt(double eps_abs, double eps_rel) { return {eps_abs, eps_rel, 0.0, 1.0}; }
};

// Scratch arrays of one integration: six stage derivatives, trial state, saved state, error
// estimate, derivative at the start and at the end of the sub-step.
template <size_t N>
struct OdeWork {
  std::array<double, N> k1, k2, k3, k4, k5, k6, ytmp, y0, yerr, dydt_in, dydt_out;
  long substeps = 0;  // solver steps taken in the current simulation step
  static constexpr size_t dim() { return N; }
};

template <>
struct OdeWork<kDynamic> {
  size_t n = 0;
  std::vector<double> buf;
  double *k1, *k2, *k3, *k4, *k5, *k6, *ytmp, *y0, *yerr, *dydt_in, *dydt_out;
  long substeps = 0;
  explicit OdeWork(size_t dim = 0) { resize(dim); }
  void resize(size_t dim) {
    if (dim == n && !buf.empty()) return;
    n = dim;
    buf.assign(11 * (n ? n : 1), 0.0);
    double* p = buf.data();
    double** slots[] = {&k1, &k2, &k3, &k4, &k5, &k6, &ytmp, &y0, &yerr, &dydt_in, &dydt_out};
    for (double** s : slots) {
      *s = p;
      p += n;
    }
  }
  size_t dim() const { return n; }
};

namespace detail {

template <class A>
inline double* ptr(A& a) {
  return a.data();
}
inline double* ptr(double* a) { return a; }

// Fehlberg's coefficients (Fehlberg 1969, "Low-order classical Runge-Kutta formulas with step
// size control"): stage nodes, stage weights, 5th-order weights and the 4th/5th-order difference.
constexpr double a2 = 1.0 / 4.0, a3 = 3.0 / 8.0, a4 = 12.0 / 13.0, a5 = 1.0, a6 = 1.0 / 2.0;
constexpr double b21 = 1.0 / 4.0;
constexpr double b31 = 3.0 / 32.0, b32 = 9.0 / 32.0;
constexpr double b41 = 1932.0 / 2197.0, b42 = -7200.0 / 2197.0, b43 = 7296.0 / 2197.0;
constexpr double b51 = 8341.0 / 4104.0, b52 = -32832.0 / 4104.0, b53 = 29440.0 / 4104.0, b54 = -845.0 / 4104.0;
constexpr double b61 = -6080.0 / 20520.0, b62 = 41040.0 / 20520.0, b63 = -28352.0 / 20520.0,
                 b64 = 9295.0 / 20520.0, b65 = -5643.0 / 20520.0;
constexpr double c1 = 902880.0 / 7618050.0, c3 = 3953664.0 / 7618050.0, c4 = 3855735.0 / 7618050.0,
                 c5 = -1371249.0 / 7618050.0, c6 = 277020.0 / 7618050.0;
constexpr double e1 = 1.0 / 360.0, e3 = -128.0 / 4275.0, e4 = -2197.0 / 75240.0, e5 = 1.0 / 50.0, e6 = 2.0 / 55.0;
constexpr int kOrder = 5;  // the order the control uses for rkf45

// One RKF45 step of size h from y (in place), with k1 = dydt_in given; writes the error
// estimate and the derivative at the new point.
template <class W, class F>
inline void rkf45_step(const F& f, double h, double* y, W& w) {
  const size_t n = w.dim();
  double *k1 = ptr(w.dydt_in), *k2 = ptr(w.k2), *k3 = ptr(w.k3), *k4 = ptr(w.k4), *k5 = ptr(w.k5),
         *k6 = ptr(w.k6), *yt = ptr(w.ytmp);
  for (size_t i = 0; i < n; ++i) yt[i] = y[i] + b21 * h * k1[i];
  f(yt, k2);
  for (size_t i = 0; i < n; ++i) yt[i] = y[i] + h * (b31 * k1[i] + b32 * k2[i]);
  f(yt, k3);
  for (size_t i = 0; i < n; ++i) yt[i] = y[i] + h * (b41 * k1[i] + b42 * k2[i] + b43 * k3[i]);
  f(yt, k4);
  for (size_t i = 0; i < n; ++i) yt[i] = y[i] + h * (b51 * k1[i] + b52 * k2[i] + b53 * k3[i] + b54 * k4[i]);
  f(yt, k5);
  for (size_t i = 0; i < n; ++i)
    yt[i] = y[i] + h * (b61 * k1[i] + b62 * k2[i] + b63 * k3[i] + b64 * k4[i] + b65 * k5[i]);
  f(yt, k6);
  double* yerr = ptr(w.yerr);
  for (size_t i = 0; i < n; ++i) {
    y[i] += h * (c1 * k1[i] + c3 * k3[i] + c4 * k4[i] + c5 * k5[i] + c6 * k6[i]);
    yerr[i] = h * (e1 * k1[i] + e3 * k3[i] + e4 * k4[i] + e5 * k5[i] + e6 * k6[i]);
  }
  f(y, ptr(w.dydt_out));
}

enum class Adjust { decrease, keep, increase };

// Standard control: shrink the step if the worst component exceeds its tolerance by more than
// 10 %, grow it if all are below half of theirs; safety factor 0.9, change at most 5x.
inline Adjust adjust_step(const Control& c, size_t n, const double* y, const double* yerr, const double* dydt,
                          double& h) {
  const double h_old = h;
  double rmax = DBL_MIN;
  for (size_t i = 0; i < n; ++i) {
    const double D = c.eps_rel * (c.a_y * std::fabs(y[i]) + c.a_dydt * std::fabs(h_old * dydt[i])) + c.eps_abs;
    const double r = std::fabs(yerr[i]) / std::fabs(D);
    if (r > rmax) rmax = r;
  }
  // Above rmax = 1850 > (0.9/0.2)^5 the factor is clamped at 0.2, below 3.3e-5 < (0.9/5)^6 at 5;
  // skipping pow() there gives the same step and saves its cost in quiet phases.
  if (rmax > 1.1) {
    double r = 0.2;
    if (rmax < 1850.0) r = std::max(0.9 / std::pow(rmax, 1.0 / kOrder), 0.2);
    h = r * h_old;
    return Adjust::decrease;
  }
  if (rmax < 0.5) {
    double r = 5.0;
    if (rmax > 3.3e-5) r = std::max(std::min(0.9 / std::pow(rmax, 1.0 / (kOrder + 1.0)), 5.0), 1.0);
    h = r * h_old;
    return Adjust::increase;
  }
  return Adjust::keep;
}

}  // namespace detail

// Advance y from t towards t1 by one accepted sub-step; h is the proposed sub-step size on
// entry and the proposal for the next sub-step on return. Returns 0, or a GSL-like status when
// the state has become non-finite or the simulation step makes no progress (the caller raises
// GSLSolverFailure). A call with t == 0 starts a new simulation step.
template <class W, class F>
inline int evolve_apply(const F& f, const Control& c, double& t, double t1, double& h, double* y, W& w) {
  const size_t n = w.dim();
  const double t0 = t;
  const double dt = t1 - t0;
  double h0 = h;
  double* y0 = detail::ptr(w.y0);
  for (size_t i = 0; i < n; ++i) y0[i] = y[i];
  f(y, detail::ptr(w.dydt_in));
  for (;;) {
    bool final_step = false;
    if (h0 > dt) {
      h0 = dt;
      final_step = true;
    }
    detail::rkf45_step(f, h0, y, w);
    t = final_step ? t1 : t0 + h0;
    const double h_taken = h0;
    if (detail::adjust_step(c, n, y, detail::ptr(w.yerr), detail::ptr(w.dydt_out), h0) == detail::Adjust::decrease) {
      // retry only if the step really shrank and still moves t by at least one ulp
      volatile double t_next = t + h0;
      if (std::fabs(h0) < std::fabs(h_taken) && t_next != t) {
        for (size_t i = 0; i < n; ++i) y[i] = y0[i];
        continue;
      }
      h0 = h_taken;
    }
    break;
  }
  h = h0;
  for (size_t i = 0; i < n; ++i)
    if (!std::isfinite(y[i])) return kStatusBadFunction;
  // Steps may legitimately shrink to one ulp for a few calls (a kink in the right-hand side), but
  // a tolerance that cannot be met keeps them there and GSL would never finish the interval.
  if (t0 == 0.0) w.substeps = 0;
  if (++w.substeps > kMaxSubsteps) return kStatusNoProgress;
  return 0;
}

}  // namespace ode
}  // namespace nk
