// noise_generator: piecewise constant Gaussian current, an independent value for every target.
#pragma once
#include "models/device_helpers.h"
#include "models/generators.h"

namespace nk {

struct NoiseGenData {
  Window win;
  double mean = 0.0, std = 0.0, std_mod = 0.0;  // pA
  double frequency = 0.0;                       // Hz, of the variance modulation
  double phase = 0.0;                           // deg
  double dt = 1.0;                              // ms, interval between new values
  int64_t dt_steps = 10;
  double y_0 = 0.0, y_1 = 0.0;  // (cos, sin) of the modulation phase
  double A00 = 1, A01 = 0, A10 = 0, A11 = 1;
  int64_t next_step = 0;  // first step that draws new values
  DoubleVec amps;         // one current per target on this thread (pA)
  double I_avg = 0.0;

  void get(Dict& d) const {
    d.set("mean", mean);
    d.set("std", std);
    d.set("std_mod", std_mod);
    d.set("dt", dt);
    d.set("phase", phase);
    d.set("frequency", frequency);
    d.set("y_0", y_0);
    d.set("y_1", y_1);
  }
  void set(const Dict& d, const std::string& model) {
    read(d, "mean", mean);
    read(d, "std", std);
    read(d, "std_mod", std_mod);
    read(d, "frequency", frequency);
    read(d, "phase", phase);
    read(d, "dt", dt);
    if (std < 0 || std_mod < 0) throw BadProperty("The standard deviation cannot be negative.");
    if (std_mod > std)
      throw BadProperty("The modulation apmlitude must be smaller or equal to the baseline amplitude.");
    const TimeBase& tb = kernel().time();
    if (!tb.on_grid(dt)) throw StepMultipleRequired(model, "dt", dt);
    dt_steps = tb.steps(dt);
  }
};

class NoiseGenerator final : public DeviceBase<NoiseGenerator, NoiseGenData> {
 public:
  const char* help() const override {
    return R"(Name: noise_generator - Generates a Gaussian white noise current.
Description: every dt ms each target receives a new current value drawn independently from a
normal distribution with mean `mean` and standard deviation sqrt(std^2 + std_mod^2 sin(2 pi
frequency t / 1000 + phase)); the value is held until the next draw. Active in steps whose end lies
in [origin+start, origin+stop); draws restart when the generator becomes active again.
Parameters: mean (pA, 0), std (pA, 0), dt (ms, 1.0, multiple of the resolution), std_mod (pA, 0,
<= std), frequency (Hz, 0), phase (deg, 0). Recordable: I (pA, the average over the targets).
Sends: CurrentEvent (a different value to each target).)";
  }
  bool sends_current() const override { return true; }
  std::vector<std::string> recordables() const override { return {"I"}; }
  double recordable(size_t i, int) const override { return D_[i].I_avg; }
  void set_data(NoiseGenData& x, const Dict& d) { x.set(d, model_name()); }
  void reset_state(size_t i, const NodeBlock&) override {
    D_[i].next_step = 0;
    D_[i].amps.assign(D_[i].amps.size(), 0.0);
    D_[i].I_avg = 0.0;
  }
  void calibrate() override {
    const double h = kernel().h(), t = kernel().time().ms(kernel().clock());
    for (size_t i = 0; i < D_.size(); ++i) {
      NoiseGenData& x = D_[i];
      const size_t n = kernel().local_targets(thread, gids[i]);
      if (n != x.amps.size()) {  // new targets: draw new values for all at the next active step
        x.amps.assign(n, 0.0);
        x.next_step = 0;
      }
      const double om = 2.0 * M_PI * x.frequency / 1000.0, phi = x.phase * M_PI / 180.0;
      x.y_0 = std::cos(om * t + phi);
      x.y_1 = std::sin(om * t + phi);
      x.A00 = std::cos(om * h);
      x.A01 = -std::sin(om * h);
      x.A10 = std::sin(om * h);
      x.A11 = std::cos(om * h);
    }
  }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t now = c.T + lag;
      for (size_t i = 0; i < D_.size(); ++i) {
        NoiseGenData& x = D_[i];
        if (any_frozen && frozen[i]) continue;
        x.I_avg = 0.0;
        if (!x.win.cur_active(now + 1)) continue;
        if (x.std_mod != 0.0) {
          const double y0 = x.y_0;
          x.y_0 = x.A00 * y0 + x.A01 * x.y_1;
          x.y_1 = x.A10 * y0 + x.A11 * x.y_1;
        }
        if (now >= x.next_step) {  // >=: the generator may wake from an inactive period
          const double sigma = std::sqrt(x.std * x.std + x.y_1 * x.std_mod * x.std_mod);
          for (double& a : x.amps) a = x.mean + sigma * c.rng->normal();
          x.next_step = now + x.dt_steps;
        }
        for (double a : x.amps) x.I_avg += a;
        if (!x.amps.empty()) x.I_avg /= double(x.amps.size());
        k.send_per_target(c, gids[i], lag, [&](size_t t) { return x.amps[t]; });
      }
      if (!loggers.empty()) log_step(now + 1);
    }
  }
};

}  // namespace nk
