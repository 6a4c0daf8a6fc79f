// Time on an integer grid: tics underneath, steps of `resolution`, all device times checked against it.
#pragma once
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "core/exceptions.h"

namespace nk {

constexpr int64_t STEP_INF = std::numeric_limits<int64_t>::max() / 4;  // "never" (stop = +inf)

struct TimeBase {
  double tics_per_ms = 1000.0;
  int64_t tics_per_step = 100;

  double h() const { return double(tics_per_step) / tics_per_ms; }
  int64_t ms_to_tics(double ms) const { return std::llround(ms * tics_per_ms); }
  // Delays: rounded to the nearest step.
  int64_t delay_steps(double ms) const { return std::llround(ms / h()); }
  // true if ms is an integer number of steps
  bool on_grid(double ms) const {
    if (!std::isfinite(ms)) return false;
    const double tics = ms * tics_per_ms;
    if (std::fabs(tics) > 4e18) return false;
    const double rt = std::round(tics);
    if (std::fabs(tics - rt) > 1e-6 * std::max(1.0, std::fabs(tics)) && std::fabs(tics - rt) > 1e-3) return false;
    return (int64_t(rt) % tics_per_step) == 0;
  }
  int64_t steps(double ms) const { return ms_to_tics(ms) / tics_per_step; }
  // step count for a device time; +max (1.797e308) means never
  int64_t device_steps(double ms, const char* name) const {
    if (ms >= DBL_MAX || std::isinf(ms)) return STEP_INF;
    if (!on_grid(ms)) throw BadProperty(std::string(name) + " must be a multiple of the simulation resolution.");
    return steps(ms);
  }
  // the end of the step containing ms (off-grid times are rounded up)
  int64_t ceil_steps(double ms) const {
    const double tics = ms * tics_per_ms;
    const int64_t t = std::llround(tics);
    if (std::fabs(tics - double(t)) < 1e-6) return (t + tics_per_step - 1) / tics_per_step;
    return int64_t(std::ceil(tics / double(tics_per_step)));
  }
  double ms(int64_t steps) const { return double(steps) * double(tics_per_step) / tics_per_ms; }
  int64_t tmax_tics() const { return ((((int64_t(1) << 60) - 1) / tics_per_step) - 1) * tics_per_step; }
};

}  // namespace nk
