// Small helpers shared by the device models of the model zoo: reference-style error messages,
// grid conversion of device times, and the regularised upper incomplete gamma function.
#pragma once
#include <cmath>
#include <cstdio>
#include <string>

#include "core/kernel.h"

namespace nk {

// A number as C++ streams print it by default (6 significant digits), as in the reference messages.
inline std::string fmt_num(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

// A time as the reference prints it: "0.25 ms (= 250 tics = 3 steps)" (steps rounded up).
inline std::string time_text(double ms) {
  const TimeBase& tb = kernel().time();
  const int64_t tics = tb.ms_to_tics(ms);
  const int64_t steps = tics / tb.tics_per_step + (tics % tb.tics_per_step > 0 ? 1 : 0);
  return fmt_num(double(tics) / tb.tics_per_ms) + " ms (= " + std::to_string(tics) + " tics = " +
         std::to_string(steps) + (steps == 1 ? " step)" : " steps)");
}

inline KernelError StepMultipleRequired(const std::string& model, const char* prop, double ms) {
  return KernelError("StepMultipleRequired", std::string("The time property ") + prop + " = " + time_text(ms) +
                                                 " of model " + model + " must be a multiple of the resolution " +
                                                 time_text(kernel().h()) + ".");
}

inline KernelError TimeMultipleRequired(const std::string& model, const char* prop, double ms, const char* base,
                                        double base_ms) {
  return KernelError("TimeMultipleRequired", "In model " + model + ", the time property " + prop + " = " +
                                                 time_text(ms) + " must be multiple of time property " + base +
                                                 " = " + time_text(base_ms) + ".");
}

// The step whose end is at or after `ms` (a time on the grid maps to its own step). Exact for
// negative times too.
inline int64_t step_at_or_after(double ms) {
  const TimeBase& tb = kernel().time();
  const int64_t tics = std::llround(ms * tb.tics_per_ms);
  const int64_t q = tics / tb.tics_per_step, r = tics % tb.tics_per_step;
  return (r > 0) ? q + 1 : q;
}

// Converts device change times (ms) to strictly increasing steps: on the grid, or rounded up to the
// end of their step when `offgrid` is allowed. Throws BadProperty with the model's message.
template <class TooEarly>
std::vector<int64_t> change_steps(const DoubleVec& times, bool offgrid, const std::string& model, TooEarly&& check,
                                  const char* not_increasing) {
  const TimeBase& tb = kernel().time();
  std::vector<int64_t> st;
  int64_t prev = 0;
  for (size_t k = 0; k < times.size(); ++k) {
    const double t = times[k];
    check(t);
    int64_t s;
    if (tb.on_grid(t)) s = tb.steps(t);
    else if (offgrid) s = step_at_or_after(t);
    else
      throw BadProperty(model + ": Time point " + fmt_num(t) + " is not representable in current resolution.");
    if (k > 0 && s <= prev) throw BadProperty(not_increasing);
    st.push_back(s);
    prev = s;
  }
  return st;
}

// The random stream of a device whose output all targets share (one train for every target): the
// same on every thread's copy, so targets on different threads receive the same train. Seeded from
// grng_seed and the device's gid.
inline Rng shared_stream(int64_t gid) {
  return Rng(uint64_t(kernel().grng_seed()) * 0x9E3779B97F4A7C15ull + uint64_t(gid) * 0xD1B54A32D192ED03ull + 1);
}

// log of the upper incomplete gamma function Gamma(a, x) = integral_x^inf t^(a-1) e^-t dt (a > 0,
// x >= 0): series for P(a, x) below x = a + 1, Lentz's continued fraction for Q(a, x) above.
inline double log_upper_gamma(double a, double x) {
  const double lga = std::lgamma(a);
  if (x <= 0) return lga;
  const double lpre = a * std::log(x) - x;  // log(x^a e^-x)
  if (x < a + 1.0) {
    double ap = a, del = 1.0 / a, sum = del;
    for (int n = 0; n < 1000; ++n) {
      ap += 1.0;
      del *= x / ap;
      sum += del;
      if (std::fabs(del) < std::fabs(sum) * 1e-16) break;
    }
    const double P = std::exp(lpre - lga) * sum;  // regularised lower gamma
    return lga + std::log1p(-std::min(P, 1.0 - 1e-300));
  }
  const double tiny = 1e-300;
  double b = x + 1.0 - a, c = 1.0 / tiny, d = 1.0 / b, h = d;
  for (int i = 1; i < 1000; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::fabs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) < 1e-16) break;
  }
  return lpre + std::log(h);
}

}  // namespace nk
