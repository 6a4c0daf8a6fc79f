// correlomatrix_detector: auto- and cross-covariance histograms of N_channels spike pools.
#pragma once
#include <deque>

#include "models/correlation_detector.h"

namespace nk {

class CorrelomatrixDetector final : public NodeBlock {
 public:
  const char* help() const override {
    return R"(Name: correlomatrix_detector - Device for measuring the covariance matrix of several inputs.
Description: sources connect with receptor_type 0 .. N_channels-1 (one pool per channel). For each
pair of spikes (i on channel a at t_i, j on channel b at t_j, including a spike with itself) with the
later stamp in [Tstart, Tstop] and |t_i - t_j| <= tau_max + delta_tau/2 the bin
n = floor((|t_i - t_j| + delta_tau/2) / delta_tau) of covariance[a][b] (a the channel of the later
spike; for n = 0 the element with the lower channel first, mirrored into [b][a]) grows by the
product of the weights times multiplicities, count_covariance by the multiplicity. Bins cover time
lags 0 .. tau_max; n_events counts spikes per channel. Changing N_channels, delta_tau, tau_max,
Tstart or Tstop clears the results.
Parameters: N_channels (int, 1), delta_tau (ms, 0.5, odd multiple of the resolution), tau_max (ms,
5.0, multiple of delta_tau), Tstart (ms, 0), Tstop (ms, inf), recording-device keys.
Receives: SpikeEvent (receptors 0 .. N_channels-1).)";
  }
  struct Spike {
    int64_t step;
    double weight;
    long channel;
  };
  struct Data {
    Window win;
    RecordingParams rp;
    double delta_tau = 0.5, tau_max = 5.0;
    int64_t dt_steps = 5, tau_steps = 50, N_channels = 1;
    CountWindow cw;
    IntVec n_events = IntVec(1, 0);
    std::deque<Spike> incoming;
    std::vector<std::vector<DoubleVec>> covariance;
    std::vector<std::vector<IntVec>> count_covariance;
    void reset() {
      const size_t N = size_t(N_channels), nb = size_t(1 + tau_steps / dt_steps);
      n_events.assign(N, 0);
      incoming.clear();
      covariance.assign(N, std::vector<DoubleVec>(N, DoubleVec(nb, 0.0)));
      count_covariance.assign(N, std::vector<IntVec>(N, IntVec(nb, 0)));
    }
  };
  std::vector<Data> D_;

  ElementType element_type() const override { return ElementType::recorder; }
  std::unique_ptr<NodeBlock> make_empty() const override { return std::make_unique<CorrelomatrixDetector>(); }
  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    D_.insert(D_.end(), n, static_cast<const CorrelomatrixDetector&>(proto).D_[i]);
  }
  size_t size() const override { return D_.size(); }
  void add_default() { D_.emplace_back(); }
  bool is_spike_recorder() const override { return true; }
  bool gathers_spikes() const override { return true; }  // pairs span sources on all threads
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
    d.set("Tstart", x.cw.Tstart);
    d.set("Tstop", x.cw.Tstop);
    d.set("N_channels", x.N_channels);
    d.set("n_events", x.n_events);
    List C, CC;
    for (size_t a = 0; a < x.covariance.size(); ++a) {
      List Ca, CCa;
      for (size_t b = 0; b < x.covariance[a].size(); ++b) {
        Ca.push_back(x.covariance[a][b]);
        CCa.push_back(x.count_covariance[a][b]);
      }
      C.push_back(Ca);
      CC.push_back(CCa);
    }
    if (C.empty()) {  // before the first simulation, as the reference shows it: [[[]]]
      C.push_back(List{DoubleVec{}});
      CC.push_back(List{IntVec{}});
    }
    d.set("covariance", C);
    d.set("count_covariance", CC);
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
    reset |= read(d, "delta_tau", x.delta_tau);
    reset |= read(d, "tau_max", x.tau_max);
    reset |= read(d, "Tstart", x.cw.Tstart);
    reset |= read(d, "Tstop", x.cw.Tstop);
    const TimeBase& tb = kernel().time();
    if (!tb.on_grid(x.delta_tau)) throw StepMultipleRequired(model_name(), "delta_tau", x.delta_tau);
    x.dt_steps = tb.steps(x.delta_tau);
    const int64_t tau_tics = tb.ms_to_tics(x.tau_max), dt_tics = tb.ms_to_tics(x.delta_tau);
    if (x.dt_steps <= 0 || tau_tics < 0 || tau_tics % dt_tics != 0)
      throw TimeMultipleRequired(model_name(), "tau_max", x.tau_max, "delta_tau", x.delta_tau);
    if (x.dt_steps % 2 != 1) throw BadProperty("/delta_tau must be odd multiple of resolution.");
    x.tau_steps = tau_tics / tb.tics_per_step;
    IntVec ne;
    if (read(d, "n_events", ne)) {
      for (int64_t v : ne)
        if (v != 0) throw BadProperty("/n_events can only be set to 0.");
      reset = true;
    }
    if (reset) x.reset();
    D_[i] = std::move(x);
  }
  void reset_state(size_t i, const NodeBlock&) override { D_[i].reset(); }
  void calibrate() override {
    for (auto& x : D_)
      if (x.covariance.empty()) x.reset();
  }
  void update(UpdateCtx&) override {}
  void handle_port_spike(size_t i, long sender, int64_t, int64_t stamp, long mult, double weight) override {
    Data& x = D_[i];
    if (!x.win.rec_active(stamp)) return;
    const double w = double(mult) * weight;
    auto it = x.incoming.end();
    while (it != x.incoming.begin() && std::prev(it)->step > stamp) --it;
    x.incoming.insert(it, Spike{stamp, w, sender});
    const double dt = double(x.dt_steps);
    const double tau_edge = double(x.tau_steps) + 0.5 * dt;
    const int64_t min_delay = kernel().min_delay_steps();
    // spikes may arrive up to one min_delay out of order: keep that much more history
    while (!x.incoming.empty() && double(stamp - x.incoming.front().step) >= tau_edge + double(min_delay))
      x.incoming.pop_front();
    if (!x.cw.contains(stamp)) return;
    ++x.n_events[sender];
    for (const Spike& s : x.incoming) {
      const long other = s.channel;
      long si = sender, oi = other;
      if (stamp < s.step) std::swap(si, oi);
      const double lag = std::fabs(double(stamp - s.step));
      const double b = si <= oi ? -std::floor((0.5 * dt - lag) / dt) : std::floor((0.5 * dt + lag) / dt);
      const size_t bin = size_t(b);
      if (bin >= x.covariance[si][oi].size()) continue;
      const bool mirror = bin == 0 && (stamp != s.step || other != sender);
      x.covariance[si][oi][bin] += w * s.weight;
      x.count_covariance[si][oi][bin] += mult;
      if (mirror) {
        x.covariance[oi][si][bin] += w * s.weight;
        x.count_covariance[oi][si][bin] += mult;
      }
    }
  }
};

}  // namespace nk
