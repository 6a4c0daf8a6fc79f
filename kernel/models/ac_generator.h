// ac_generator: a sinusoidal current, advanced by an exact rotation of (cos, sin) per step.
#pragma once
#include "models/device_helpers.h"
#include "models/generators.h"

namespace nk {

struct AcGenData {
  Window win;
  double amplitude = 0.0;  // pA
  double offset = 0.0;     // pA
  double frequency = 0.0;  // Hz
  double phase = 0.0;      // degrees
  double y_0 = 0.0, y_1 = 0.0;  // amplitude * (cos, sin) of the phase at the current step end
  double A00 = 1, A01 = 0, A10 = 0, A11 = 1;  // rotation by one step
  double I = 0.0;

  void get(Dict& d) const {
    d.set("amplitude", amplitude);
    d.set("offset", offset);
    d.set("frequency", frequency);
    d.set("phase", phase);
    d.set("y_0", y_0);
    d.set("y_1", y_1);
  }
  void set(const Dict& d) {
    read(d, "amplitude", amplitude);
    read(d, "offset", offset);
    read(d, "frequency", frequency);
    read(d, "phase", phase);
  }
};

class AcGenerator final : public DeviceBase<AcGenerator, AcGenData> {
 public:
  const char* help() const override {
    return R"(Name: ac_generator - Provides a sinusoidal (AC) input current.
Description: I(t) = offset + amplitude * sin(2 pi frequency t / 1000 + phase pi / 180), t in ms at the
end of each step. The sine is advanced by an exact rotation matrix per step (no drift from
re-evaluating sin). The current is sent in every step whose end lies in [origin+start, origin+stop);
targets apply it one connection delay later.
Parameters: amplitude (pA, 0), offset (pA, 0), frequency (Hz, 0), phase (deg, 0); state y_0, y_1.
Recordable: I (pA). Sends: CurrentEvent.)";
  }
  bool sends_current() const override { return true; }
  std::vector<std::string> recordables() const override { return {"I"}; }
  double recordable(size_t i, int) const override { return D_[i].I; }
  void calibrate() override {
    const double h = kernel().h(), t = kernel().time().ms(kernel().clock());
    for (auto& x : D_) {
      const double om = 2.0 * M_PI * x.frequency / 1000.0, phi = x.phase * M_PI / 180.0;
      x.y_0 = x.amplitude * std::cos(om * t + phi);
      x.y_1 = x.amplitude * std::sin(om * t + phi);
      x.A00 = std::cos(om * h);
      x.A01 = -std::sin(om * h);
      x.A10 = std::sin(om * h);
      x.A11 = std::cos(om * h);
    }
  }
  void reset_state(size_t i, const NodeBlock&) override { D_[i].I = D_[i].y_0 = D_[i].y_1 = 0.0; }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t stamp = c.T + lag + 1;
      for (size_t i = 0; i < D_.size(); ++i) {
        AcGenData& x = D_[i];
        if (any_frozen && frozen[i]) continue;
        const double y0 = x.y_0;
        x.y_0 = x.A00 * y0 + x.A01 * x.y_1;
        x.y_1 = x.A10 * y0 + x.A11 * x.y_1;
        x.I = x.win.cur_active(stamp) ? x.offset + x.y_1 : 0.0;
        if (x.I != 0.0) k.send_local(c, gids[i], lag, 1, x.I);
      }
      if (!loggers.empty()) log_step(stamp);
    }
  }
};

}  // namespace nk
