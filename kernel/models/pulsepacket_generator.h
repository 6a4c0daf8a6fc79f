// pulsepacket_generator: Gaussian packets of `activity` spikes around given pulse times.
#pragma once
#include <algorithm>
#include <deque>

#include "models/device_helpers.h"
#include "models/generators.h"

namespace nk {

struct PulsePacketData {
  Window win;
  DoubleVec pulse_times;  // ms, sorted
  int64_t activity = 0;   // spikes per pulse
  double sdev = 0.0;      // ms
  double tolerance = 1.0;  // ms: pulses are drawn when their center comes this close
  size_t start_idx = 0, stop_idx = 0;  // pulses [start, stop) are due; [0, start) are done
  std::deque<int64_t> pending;         // drawn spike steps, sorted
  Rng shared;                          // identical on all thread copies
  bool seeded = false;

  void get(Dict& d) const {
    d.set("pulse_times", pulse_times);
    d.set("activity", activity);
    d.set("sdev", sdev);
  }
  void set(const Dict& d) {
    const bool a = read(d, "activity", activity);
    const bool s = read(d, "sdev", sdev);
    if (activity < 0) throw BadProperty("The activity cannot be negative.");
    if (sdev < 0) throw BadProperty("The standard deviation cannot be negative.");
    if (read(d, "pulse_times", pulse_times) || a || s) {
      std::sort(pulse_times.begin(), pulse_times.end());
      pending.clear();
    }
  }
};

class PulsepacketGenerator final : public DeviceBase<PulsepacketGenerator, PulsePacketData> {
 public:
  static constexpr double SDEV_TOLERANCE = 10.0;  // pulses are drawn 10 sdev ahead of their center
  const char* help() const override {
    return R"(Name: pulsepacket_generator - Generates sequences of Gaussian pulse packets.
Description: around each of pulse_times (ms) `activity` spike times are drawn from a normal
distribution with standard deviation sdev (ms); each is emitted in the step containing it (spikes
in the same step are one event with multiplicity). A pulse is drawn once the simulation time comes
within 10 sdev (1 ms if sdev = 0) of its center; spikes before the current time are dropped.
All targets receive the same train (on every thread). Activity is tested once per min_delay slice at its start T:
origin+start < T <= origin+stop.
Parameters: pulse_times (ms, []), activity (int, 0), sdev (ms, 0). Sends: SpikeEvent.)";
  }
  bool sends_spikes() const override { return true; }
  void calibrate() override {
    const double now = kernel().time().ms(kernel().clock());
    for (size_t i = 0; i < D_.size(); ++i) {
      PulsePacketData& x = D_[i];
      if (!x.seeded) {
        x.shared = shared_stream(gids[i]);
        x.seeded = true;
      }
      x.tolerance = x.sdev > 0.0 ? x.sdev * SDEV_TOLERANCE : 1.0;
      x.start_idx = x.stop_idx = 0;
      while (x.stop_idx < x.pulse_times.size() && x.pulse_times[x.stop_idx] - now <= x.tolerance) {
        if (std::fabs(x.pulse_times[x.stop_idx] - now) > x.tolerance) ++x.start_idx;  // long past
        ++x.stop_idx;
      }
    }
  }
  void reset_state(size_t i, const NodeBlock&) override {
    D_[i].pending.clear();
    D_[i].seeded = false;
  }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    const double T_ms = k.time().ms(c.T);
    for (size_t i = 0; i < D_.size(); ++i) {
      PulsePacketData& x = D_[i];
      if (any_frozen && frozen[i]) continue;
      if ((x.start_idx == x.pulse_times.size() && x.pending.empty()) || !x.win.step_active(c.T)) continue;
      while (x.stop_idx < x.pulse_times.size() && x.pulse_times[x.stop_idx] - T_ms <= x.tolerance) ++x.stop_idx;
      if (x.start_idx < x.stop_idx) {
        for (; x.start_idx < x.stop_idx; ++x.start_idx)
          for (int64_t a = 0; a < x.activity; ++a) {
            const int64_t s = step_at_or_after(x.sdev * x.shared.normal() + x.pulse_times[x.start_idx]);
            if (s >= c.T) x.pending.push_back(s);
          }
        std::sort(x.pending.begin(), x.pending.end());
      }
      while (!x.pending.empty() && x.pending.front() < c.T + c.to) {
        const int64_t s = x.pending.front();
        long n = 0;
        while (!x.pending.empty() && x.pending.front() == s) {
          x.pending.pop_front();
          ++n;
        }
        k.send_local(c, gids[i], int(s - c.T), n, 1.0);
      }
    }
  }
};

}  // namespace nk
