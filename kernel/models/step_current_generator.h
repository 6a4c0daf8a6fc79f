// step_current_generator: a piecewise constant current that jumps to amplitude_values[i] at
// amplitude_times[i].
#pragma once
#include "models/device_helpers.h"
#include "models/generators.h"

namespace nk {

struct StepCurrentData {
  Window win;
  std::vector<int64_t> stamps;  // steps of the changes (absolute times, not relative to origin)
  DoubleVec values;             // pA
  bool allow_offgrid_times = false;
  size_t idx = 0;     // next change
  double amp = 0.0;   // amplitude in force (pA)
  double I = 0.0;     // output of the last step (recordable)

  void get(Dict& d) const {
    const TimeBase& tb = kernel().time();
    DoubleVec t(stamps.size());
    for (size_t k = 0; k < stamps.size(); ++k) t[k] = tb.ms(stamps[k]);
    d.set("amplitude_times", t);
    d.set("amplitude_values", values);
    d.set("allow_offgrid_times", allow_offgrid_times);
  }
  void set(const Dict& d, const std::string& model) {
    DoubleVec times, vals = values;
    const bool tc = read(d, "amplitude_times", times);
    const bool vc = read(d, "amplitude_values", vals);
    bool off = allow_offgrid_times;
    const bool oc = read(d, "allow_offgrid_times", off);
    if (tc != vc) throw BadProperty("Amplitude times and values must be reset together.");
    if (oc && !(tc || stamps.empty()))
      throw BadProperty("allow_offgrid_times can only be changed before amplitude_times have been set, or together "
                        "with amplitude_times and amplitude_values.");
    if ((tc ? times.size() : stamps.size()) != vals.size())
      throw BadProperty("Amplitude times and values have to be the same size.");
    if (tc)
      stamps = change_steps(
          times, off, model,
          [](double t) {
            if (t <= 0.0) throw BadProperty("Amplitude can only be changed at strictly positive times (t > 0).");
          },
          (model + ": amplitude times must be at strictly increasing time steps.").c_str());
    values = vals;
    allow_offgrid_times = off;
    if (tc || vc) idx = 0;
  }
};

class StepCurrentGenerator final : public DeviceBase<StepCurrentGenerator, StepCurrentData> {
 public:
  const char* help() const override {
    return R"(Name: step_current_generator - Provides a piecewise constant DC input current.
Description: the current is 0 pA until the first of amplitude_times; at amplitude_times[i] (ms,
strictly increasing, > 0, absolute times) it jumps to amplitude_values[i] (pA). The current is sent
in every step whose end lies in [origin+start, origin+stop); targets apply it one connection delay
later. Times must be on the grid unless allow_offgrid_times is set (then rounded up to the end of
their step). Times and values must be set together and have the same length.
Parameters: amplitude_times (ms), amplitude_values (pA), allow_offgrid_times (bool, False).
Recordable: I (pA). Sends: CurrentEvent.)";
  }
  bool sends_current() const override { return true; }
  std::vector<std::string> recordables() const override { return {"I"}; }
  double recordable(size_t i, int) const override { return D_[i].I; }
  void set_data(StepCurrentData& x, const Dict& d) { x.set(d, model_name()); }
  void reset_state(size_t i, const NodeBlock&) override {
    D_[i].idx = 0;
    D_[i].amp = D_[i].I = 0.0;
  }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    for (auto& x : D_)  // changes in the past are skipped
      while (x.idx < x.stamps.size() && x.stamps[x.idx] <= c.T + c.from) ++x.idx;
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t stamp = c.T + lag + 1;
      for (size_t i = 0; i < D_.size(); ++i) {
        StepCurrentData& x = D_[i];
        if (any_frozen && frozen[i]) continue;
        // the value changes one step ahead: the step ending at the change time carries it
        if (x.idx < x.stamps.size() && x.stamps[x.idx] == stamp) x.amp = x.values[x.idx++];
        x.I = x.win.cur_active(stamp) ? x.amp : 0.0;
        if (x.I != 0.0) k.send_local(c, gids[i], lag, 1, x.I);
      }
      if (!loggers.empty()) log_step(stamp);
    }
  }
};

}  // namespace nk
