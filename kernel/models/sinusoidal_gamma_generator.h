// sinusoidal_gamma_generator: inhomogeneous gamma process with a sinusoidal rate.
#pragma once
#include "models/device_helpers.h"
#include "models/generators.h"

namespace nk {

struct SinGammaParams {
  double rate = 0.0, amplitude = 0.0;  // spikes/s
  double frequency = 0.0;              // Hz
  double phase = 0.0;                  // deg
  double order = 1.0;
  // Integrated hazard of the rate-scaled process, order * integral_{ta}^{tb} lambda(t) dt (ms)
  double delta_Lambda(double ta, double tb) const {
    if (ta == tb) return 0.0;
    const double r = rate / 1000.0, a = amplitude / 1000.0;
    const double om = 2.0 * M_PI * frequency / 1000.0, phi = phase * M_PI / 180.0;
    double dl = order * r * (tb - ta);
    if (a != 0.0 && om != 0.0) dl += -order * a / om * (std::cos(om * tb + phi) - std::cos(om * ta + phi));
    return dl;
  }
};

struct SinGammaData {
  Window win;
  SinGammaParams p;
  bool individual_spike_trains = true;
  // per train: time of the last spike or parameter change (ms) and the integrated hazard up to it
  DoubleVec t0, Lambda0;
  SinGammaParams p_prev;  // parameters in force since the t0 values
  bool started = false;
  double rate_now = 0.0;  // spikes/s (recordable)
  Rng shared;             // the shared train's stream, identical on all thread copies

  void get(Dict& d) const {
    d.set("rate", p.rate);
    d.set("amplitude", p.amplitude);
    d.set("frequency", p.frequency);
    d.set("phase", p.phase);
    d.set("order", p.order);
    d.set("individual_spike_trains", individual_spike_trains);
  }
  void set(const Dict& d, bool prototype) {
    if (!prototype && d.known("individual_spike_trains"))
      throw BadProperty("The individual_spike_trains property can only be set as a model default using "
                        "SetDefaults or upon CopyModel.");
    read(d, "individual_spike_trains", individual_spike_trains);
    read(d, "frequency", p.frequency);
    read(d, "phase", p.phase);
    if (read(d, "order", p.order) && p.order < 1.0) throw BadProperty("The gamma order must be at least 1.");
    read(d, "rate", p.rate);
    read(d, "amplitude", p.amplitude);
    if (!(0.0 <= p.amplitude && p.amplitude <= p.rate))
      throw BadProperty("Rate parameters must fulfill 0 <= amplitude <= rate.");
  }
  // probability of a spike of train k in the step ending at t_ms
  double hazard(size_t k, double t_ms, double h) const {
    const double L = Lambda0[k] + p.delta_Lambda(t0[k], t_ms);
    const double a = p.order, r = rate_now / 1000.0;
    if (L <= 0.0) return a == 1.0 ? h * r : 0.0;
    // h * a * r * L^(a-1) e^-L / Gamma(a, L), evaluated in logarithms
    return h * a * r * std::exp((a - 1.0) * std::log(L) - L - log_upper_gamma(a, L));
  }
};

class SinusoidalGammaGenerator final : public DeviceBase<SinusoidalGammaGenerator, SinGammaData> {
 public:
  const char* help() const override {
    return R"(Name: sinusoidal_gamma_generator - Generates sinusoidally modulated gamma spike trains.
Description: an inhomogeneous gamma process of the given order with rate
lambda(t) = rate + amplitude sin(2 pi frequency t / 1000 + phase pi / 180). Time is rescaled by the
integrated rate Lambda(t) = order * integral of lambda since the last spike; in each step a spike
occurs with the probability h * order * lambda(t) * Lambda^(order-1) e^(-Lambda) / Gamma(order, Lambda)
(the hazard of a gamma process in rescaled time). With individual_spike_trains (default) each target
receives an independent train, otherwise all (on every thread) receive the same one; it can only be set with
SetDefaults or CopyModel. A step (t, t+h] is active if origin+start < t <= origin+stop.
Parameters: rate (1/s, 0), amplitude (1/s, 0 <= amplitude <= rate), frequency (Hz, 0), phase (deg, 0),
order (>= 1, 1.0), individual_spike_trains (True). Recordable: rate (1/s). Sends: SpikeEvent.
References: Barbieri R, Quirk MC, Frank LM, Wilson MA, Brown EN (2001) Construction and analysis of
non-Poisson stimulus-response models of neural spiking activity. J Neurosci Methods 105:25-37.)";
  }
  bool sends_spikes() const override { return true; }
  std::vector<std::string> recordables() const override { return {"rate"}; }
  double recordable(size_t i, int) const override { return D_[i].rate_now; }
  void set_data(SinGammaData& x, const Dict& d) { x.set(d, gids.empty()); }
  void reset_state(size_t i, const NodeBlock&) override {
    D_[i].started = false;
    D_[i].t0.clear();
    D_[i].Lambda0.clear();
    D_[i].rate_now = 0.0;
  }
  void calibrate() override {
    const double now = kernel().time().ms(kernel().clock());
    for (size_t i = 0; i < D_.size(); ++i) {
      SinGammaData& x = D_[i];
      const size_t n = x.individual_spike_trains ? kernel().local_targets(thread, gids[i]) : 1;
      if (!x.started) {
        x.shared = shared_stream(gids[i]);
        x.t0.clear();
        x.Lambda0.clear();
        x.p_prev = x.p;
        x.started = true;
      }
      x.t0.resize(n, now);
      x.Lambda0.resize(n, 0.0);
      // carry the hazard integrated under the old parameters up to now
      for (size_t k = 0; k < n; ++k) {
        x.Lambda0[k] += x.p_prev.delta_Lambda(x.t0[k], now);
        x.t0[k] = now;
      }
      x.p_prev = x.p;
    }
  }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    const TimeBase& tb = k.time();
    const double h = k.h();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t stamp = c.T + lag + 1;
      const double t_ms = tb.ms(stamp);
      for (size_t i = 0; i < D_.size(); ++i) {
        SinGammaData& x = D_[i];
        if (any_frozen && frozen[i]) continue;
        const double om = 2.0 * M_PI * x.p.frequency / 1000.0, phi = x.p.phase * M_PI / 180.0;
        x.rate_now = x.p.rate + x.p.amplitude * std::sin(om * t_ms + phi);
        if (x.t0.empty() || x.rate_now <= 0 || !x.win.step_active(stamp - 1)) continue;
        Rng& rng = *c.rng;
        if (x.individual_spike_trains) {
          k.send_per_target(c, gids[i], lag, [&](size_t t) {
            if (rng.drand() >= x.hazard(t, t_ms, h)) return 0.0;
            x.t0[t] = t_ms;
            x.Lambda0[t] = 0.0;
            return 1.0;
          });
        } else if (x.shared.drand() < x.hazard(0, t_ms, h)) {
          k.send_local(c, gids[i], lag, 1, 1.0);
          x.t0[0] = t_ms;
          x.Lambda0[0] = 0.0;
        }
      }
      if (!loggers.empty()) log_step(stamp);
    }
  }
};

}  // namespace nk
