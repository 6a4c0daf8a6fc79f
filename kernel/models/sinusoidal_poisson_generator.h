// sinusoidal_poisson_generator: Poisson spikes with rate(t) = rate + amplitude sin(2 pi f t + phase).
#pragma once
#include "models/device_helpers.h"
#include "models/generators.h"

namespace nk {

struct SinPoissonData {
  Window win;
  double rate = 0.0, amplitude = 0.0;  // spikes/s
  double frequency = 0.0;              // Hz
  double phase = 0.0;                  // deg
  bool individual_spike_trains = true;
  double y_0 = 0.0, y_1 = 0.0;  // amplitude * (cos, sin) of the phase at the current step end
  double A00 = 1, A01 = 0, A10 = 0, A11 = 1;
  double rate_now = 0.0;  // spikes/s in the last step (recordable)
  Rng shared;             // the shared train's stream, identical on all thread copies
  bool seeded = false;

  void get(Dict& d) const {
    d.set("rate", rate);
    d.set("amplitude", amplitude);
    d.set("frequency", frequency);
    d.set("phase", phase);
    d.set("individual_spike_trains", individual_spike_trains);
  }
  void set(const Dict& d, bool prototype) {
    if (!prototype && d.known("individual_spike_trains"))
      throw BadProperty("The individual_spike_trains property can only be set as a model default using "
                        "SetDefaults or upon CopyModel.");
    read(d, "individual_spike_trains", individual_spike_trains);
    read(d, "rate", rate);
    read(d, "amplitude", amplitude);
    read(d, "frequency", frequency);
    read(d, "phase", phase);
  }
};

class SinusoidalPoissonGenerator final : public DeviceBase<SinusoidalPoissonGenerator, SinPoissonData> {
 public:
  const char* help() const override {
    return R"(Name: sinusoidal_poisson_generator - Generates sinusoidally modulated Poisson spike trains.
Description: in each step the number of spikes is Poisson distributed with mean
lambda(t) h / 1000, lambda(t) = rate + amplitude sin(2 pi frequency t / 1000 + phase pi / 180)
(t at the step end; no spikes while lambda <= 0). With individual_spike_trains (default) every target
receives an independent train; otherwise all targets (on every thread) receive the same train.
individual_spike_trains can only be set with SetDefaults or CopyModel. A step (t, t+h] is active if
origin+start < t <= origin+stop.
Parameters: rate (1/s, 0), amplitude (1/s, 0), frequency (Hz, 0), phase (deg, 0),
individual_spike_trains (True). Recordable: rate (1/s). Sends: SpikeEvent.)";
  }
  bool sends_spikes() const override { return true; }
  std::vector<std::string> recordables() const override { return {"rate"}; }
  double recordable(size_t i, int) const override { return D_[i].rate_now; }
  void set_data(SinPoissonData& x, const Dict& d) { x.set(d, gids.empty()); }
  void reset_state(size_t i, const NodeBlock&) override {
    D_[i].rate_now = D_[i].y_0 = D_[i].y_1 = 0.0;
    D_[i].seeded = false;
  }
  void calibrate() override {
    const double h = kernel().h(), t = kernel().time().ms(kernel().clock());
    for (size_t i = 0; i < D_.size(); ++i) {
      SinPoissonData& x = D_[i];
      if (!x.seeded) {
        x.shared = shared_stream(gids[i]);
        x.seeded = true;
      }
      const double om = 2.0 * M_PI * x.frequency / 1000.0, phi = x.phase * M_PI / 180.0;
      x.y_0 = x.amplitude * std::cos(om * t + phi);
      x.y_1 = x.amplitude * std::sin(om * t + phi);
      x.A00 = std::cos(om * h);
      x.A01 = -std::sin(om * h);
      x.A10 = std::sin(om * h);
      x.A11 = std::cos(om * h);
    }
  }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    const double h = k.h();
    for (int lag = c.from; lag < c.to; ++lag) {
      for (size_t i = 0; i < D_.size(); ++i) {
        SinPoissonData& x = D_[i];
        if (any_frozen && frozen[i]) continue;
        const double y0 = x.y_0;
        x.y_0 = x.A00 * y0 + x.A01 * x.y_1;
        x.y_1 = x.A10 * y0 + x.A11 * x.y_1;
        x.rate_now = x.rate + x.y_1;
        if (x.rate_now <= 0 || !x.win.step_active(c.T + lag)) continue;
        const double mean = x.rate_now * h / 1000.0;
        Rng& rng = *c.rng;
        if (x.individual_spike_trains) {
          k.send_per_target(c, gids[i], lag, [&](size_t) { return double(rng.poisson(mean)); });
        } else {
          const long n = x.shared.poisson(mean);
          if (n > 0) k.send_local(c, gids[i], lag, n, 1.0);
        }
      }
      if (!loggers.empty()) log_step(c.T + lag + 1);
    }
  }
};

}  // namespace nk
