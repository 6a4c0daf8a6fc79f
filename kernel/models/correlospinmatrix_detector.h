// correlospinmatrix_detector: raw auto- and cross-correlation functions of the binary states of
// N_channels pools of binary neurons, from their spike-encoded state transitions.
#pragma once
#include <deque>

#include "core/kernel.h"
#include "models/device_helpers.h"
#include "models/recording.h"

namespace nk {

class CorrelospinmatrixDetector final : public NodeBlock {
 public:
  const char* help() const override {
    return R"(Name: correlospinmatrix_detector - Device for measuring the correlation matrix of binary neurons.
Description: sources (binary neurons) connect with receptor_type 0 .. N_channels-1; the connections of a
receptor are pooled. The spike encoding is decoded as by spin_detector: a double spike (multiplicity 2,
or two single spikes of one channel in one step) switches a channel on, a single spike switches it off.
A single spike is only known to be a down transition when the next spike arrives, so the last pulse
is counted once a further event has been received. Each completed on-pulse [t_on, t_off) of channel i
is correlated with itself and with the stored pulses of all channels, giving
count_covariance[i][j][t0 + k] = number of steps t with s_i(t) = s_j(t - k delta_tau) = 1
(t0 = tau_max/delta_tau, |k| <= t0) for the binary states s sampled on the grid. As in the reference,
events are decoded in delivery order (within a min_delay slice sender by sender, not by time) and
the decoder keeps one previous event for all channels: a down transition whose next received event is
an up transition of the same channel loses that pulse, and the channel's next pulse is taken to start
at the lost pulse's end. Spikes count if
origin+start < t <= origin+stop. Setting N_channels, delta_tau, tau_max, Tstart or Tstop clears the
result.
Parameters: N_channels (int, 1), delta_tau (ms, resolution; multiple of the resolution), tau_max (ms,
10 delta_tau; multiple of delta_tau), Tstart (ms, 0), Tstop (ms, inf) (kept, not used in the counts),
recording-device keys; result count_covariance (N x N lists of 2 tau_max/delta_tau + 1 integers).
Receives: SpikeEvent (receptors 0 .. N_channels-1).
Reference: Ginzburg & Sompolinsky (1994) Theory of correlations in stochastic neural networks.)";
  }
  struct Pulse {
    int64_t on, off;  // steps
    long channel;
  };
  struct Data {
    Window win;
    RecordingParams rp;
    double delta_tau = 0.1, tau_max = 1.0, Tstart = 0.0, Tstop = 1.7976931348623157e308;
    int64_t dt_steps = 1, tau_steps = 10, N_channels = 1;
    // decoding state
    long last_channel = 0;
    int64_t last_stamp = std::numeric_limits<int64_t>::min();
    bool tentative_down = false;
    std::vector<char> on;
    std::vector<int64_t> last_change;
    std::deque<Pulse> pulses;  // completed pulses, by increasing off time
    std::vector<std::vector<IntVec>> count;
    void reset() {
      const size_t N = size_t(N_channels), nb = size_t(1 + 2 * (tau_steps / dt_steps));
      last_channel = 0;
      last_stamp = std::numeric_limits<int64_t>::min();
      tentative_down = false;
      pulses.clear();
      on.assign(N, 0);
      last_change.assign(N, 0);
      count.assign(N, std::vector<IntVec>(N, IntVec(nb, 0)));
    }
  };
  std::vector<Data> D_;

  ElementType element_type() const override { return ElementType::recorder; }
  std::unique_ptr<NodeBlock> make_empty() const override { return std::make_unique<CorrelospinmatrixDetector>(); }
  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    D_.insert(D_.end(), n, static_cast<const CorrelospinmatrixDetector&>(proto).D_[i]);
  }
  size_t size() const override { return D_.size(); }
  void add_default() { D_.emplace_back(); }
  bool is_spike_recorder() const override { return true; }
  bool gathers_spikes() const override { return true; }  // pulses of sources on all threads meet
  bool can_freeze() const override { return false; }
  long recorder_port(size_t i, long receptor) const override {
    if (receptor < 0 || receptor > D_[i].N_channels - 1)
      throw KernelError("UnknownReceptorType", "Receptor type " + std::to_string(receptor) + " is not available in " +
                                                   model_name() + ".");
    return receptor;
  }
  void get_status(size_t i, Dict& d) const override {
    const Data& x = D_[i];
    x.win.get(d);
    x.rp.get(d);
    d.set("delta_tau", x.delta_tau);
    d.set("tau_max", x.tau_max);
    d.set("Tstart", x.Tstart);
    d.set("Tstop", x.Tstop);
    d.set("N_channels", x.N_channels);
    List C;
    for (const auto& row : x.count) {
      List Ci;
      for (const auto& v : row) Ci.push_back(v);
      C.push_back(Ci);
    }
    if (C.empty()) C.push_back(List{IntVec{}});  // before the first simulation: [[[]]]
    d.set("count_covariance", C);
  }
  void set_status(size_t i, const Dict& d) override {
    Data x = D_[i];
    x.win.set(d);
    x.rp.set(d);
    bool reset = false;
    int64_t N;
    if (read(d, "N_channels", N)) {
      if (N < 1) throw BadProperty("/N_channels can only be larger than zero.");
      x.N_channels = N;
      reset = true;
    }
    const struct {
      const char* key;
      double* value;
      const char* message;
    } times[] = {{"delta_tau", &x.delta_tau, "/delta_tau must not be negative."},
                 {"tau_max", &x.tau_max, "/tau_max must not be negative."},
                 {"Tstart", &x.Tstart, "/Tstart must not be negative."},
                 {"Tstop", &x.Tstop, "/Tstop must not be negative."}};
    for (const auto& t : times) {
      if (!read(d, t.key, *t.value)) continue;
      reset = true;
      if (*t.value < 0) throw BadProperty(t.message);
    }
    const TimeBase& tb = kernel().time();
    if (!tb.on_grid(x.delta_tau)) throw StepMultipleRequired(model_name(), "delta_tau", x.delta_tau);
    const int64_t dt_tics = tb.ms_to_tics(x.delta_tau), tau_tics = tb.ms_to_tics(x.tau_max);
    if (dt_tics <= 0 || tau_tics % dt_tics != 0)
      throw TimeMultipleRequired(model_name(), "tau_max", x.tau_max, "delta_tau", x.delta_tau);
    x.dt_steps = dt_tics / tb.tics_per_step;
    x.tau_steps = tau_tics / tb.tics_per_step;
    if (reset) x.reset();
    D_[i] = std::move(x);
  }
  void reset_state(size_t i, const NodeBlock&) override { D_[i].reset(); }
  void calibrate() override {
    for (auto& x : D_)
      if (x.count.empty()) x.reset();
  }
  // Decoded in delivery order (within a min_delay slice: sender by sender, as the reference does).
  void update(UpdateCtx&) override {}
  void handle_port_spike(size_t i, long channel, int64_t, int64_t stamp, long mult, double) override {
    Data& x = D_[i];
    if (!x.win.rec_active(stamp)) return;
    decode(x, channel, stamp, mult);
  }

 private:
  static void decode(Data& x, long channel, int64_t stamp, long mult) {
    bool down = false;  // the previous single spike is now known to be a down transition
    if (mult == 1) {
      if (channel == x.last_channel && stamp == x.last_stamp) {
        // second single spike of a pair: the channel switched on, the first one was no down
        x.on[channel] = 1;
        x.last_change[channel] = stamp;
        x.tentative_down = false;
      } else {
        down = x.tentative_down;
        x.tentative_down = true;
      }
    } else if (mult == 2) {
      x.on[channel] = 1;
      down = x.tentative_down;
      x.on[x.last_channel] = 0;  // the reference clears the previous event's channel here
      x.last_change[channel] = stamp;
      x.tentative_down = false;
    }
    if (down) close_pulse(x, x.last_channel, x.last_stamp);
    x.last_channel = channel;
    x.last_stamp = stamp;
  }
  // Channel i has switched off at t_off: correlate its pulse with itself and the stored pulses.
  static void close_pulse(Data& x, long i, int64_t t_off) {
    const int64_t t_on = x.last_change[size_t(i)];
    // pulses ending more than tau_max + delta_tau (+ one min_delay of delivery disorder) before the
    // earliest pulse still open cannot overlap any later pulse at a counted lag
    int64_t earliest_on = t_on;
    for (size_t n = 0; n < x.on.size(); ++n)
      if (x.on[n]) earliest_on = std::min(earliest_on, x.last_change[n]);
    const int64_t horizon = x.tau_steps + x.dt_steps + kernel().min_delay_steps();
    while (!x.pulses.empty() && earliest_on - x.pulses.front().off >= horizon) x.pulses.pop_front();
    auto pos = x.pulses.begin();
    while (pos != x.pulses.end() && pos->off <= t_off) ++pos;
    x.pulses.insert(pos, Pulse{t_on, t_off, i});

    const int64_t dt = x.dt_steps, t0 = x.tau_steps / dt;
    auto overlap = [](int64_t a_on, int64_t a_off, int64_t b_on, int64_t b_off) {
      return std::min(a_off, b_off) - std::max(a_on, b_on);
    };
    auto& C = x.count;
    for (const Pulse& pj : x.pulses) {
      const long j = pj.channel;
      const int64_t zero = overlap(t_on, t_off, pj.on, pj.off);
      if (zero > 0) {
        C[i][j][t0] += zero;
        if (i != j) C[j][i][t0] += zero;
      }
      // lags k < 0, and k > 0 between different channels (C++ division truncates toward zero)
      auto add_lag = [&](int64_t k) {
        const int64_t ov = overlap(t_on, t_off, pj.on - k * dt, pj.off - k * dt);
        if (ov > 0) {
          C[i][j][t0 - k] += ov;
          C[j][i][t0 + k] += ov;
        }
      };
      for (int64_t k = std::max(pj.on - t_off, -x.tau_steps) / dt; k < 0; ++k) add_lag(k);
      if (i != j)
        for (int64_t k = 1; k <= std::min(pj.off - t_on, x.tau_steps) / dt; ++k) add_lag(k);
    }
    x.last_change[size_t(i)] = t_off;
  }
};

}  // namespace nk
