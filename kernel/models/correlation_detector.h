// correlation_detector: cross-correlation histogram of two spike sources (receptor ports 0, 1).
#pragma once
#include <deque>
#include <iterator>

#include "models/device_helpers.h"
#include "models/recording.h"

namespace nk {

// Window [Tstart, Tstop] (ms) of the spikes that enter a correlation histogram.
struct CountWindow {
  double Tstart = 0.0, Tstop = 1.7976931348623157e308;
  bool contains(int64_t stamp) const {
    const TimeBase& tb = kernel().time();
    const double t = tb.ms(stamp), half_tic = 0.5 / tb.tics_per_ms;  // compare on the tic grid
    return Tstart - half_tic <= t && t <= Tstop + half_tic;
  }
};

struct CorrSpike {
  int64_t step;
  double weight;  // multiplicity * weight
};

// Inserts behind all spikes with the same or an earlier step (spikes may arrive out of order).
inline void insert_sorted(std::deque<CorrSpike>& q, const CorrSpike& s) {
  auto it = q.end();
  while (it != q.begin() && std::prev(it)->step > s.step) --it;
  q.insert(it, s);
}

class CorrelationDetector final : public NodeBlock {
 public:
  const char* help() const override {
    return R"(Name: correlation_detector - Device for evaluating cross-correlation between two spike sources.
Description: connect the two sources with receptor_type 0 and 1. For every pair of a spike t1 of
source 0 and t2 of source 1 (both accepted while origin+start < t <= origin+stop; the later spike of
the pair must have a stamp in [Tstart, Tstop]) bin n = 0 .. 2 tau_max/delta_tau of the histogram
with t2 - t1 in [n delta_tau - tau_max - delta_tau/2, n delta_tau - tau_max + delta_tau/2) is
incremented: `histogram` by the product of the two spikes' weights times multiplicities (Kahan
summation, correction terms in `histogram_correction`), `count_histogram` by the multiplicity.
n_events counts the spikes of each source; setting it to [0, 0] clears all results. Changing
delta_tau, tau_max, Tstart or Tstop also clears them.
Parameters: delta_tau (ms, 1.0, multiple of the resolution), tau_max (ms, 10.0, multiple of
delta_tau), Tstart (ms, 0), Tstop (ms, inf), recording-device keys.
Receives: SpikeEvent (receptors 0 and 1).)";
  }
  struct Data {
    Window win;
    RecordingParams rp;
    double delta_tau = 1.0, tau_max = 10.0;  // ms
    int64_t dt_steps = 10, tau_steps = 100;
    CountWindow cw;
    IntVec n_events = IntVec(2, 0);
    std::deque<CorrSpike> incoming[2];
    DoubleVec histogram, histogram_correction;
    IntVec count_histogram;

    void reset() {
      n_events.assign(2, 0);
      incoming[0].clear();
      incoming[1].clear();
      const size_t n = size_t(1 + 2 * tau_steps / dt_steps);
      histogram.assign(n, 0.0);
      histogram_correction.assign(n, 0.0);
      count_histogram.assign(n, 0);
    }
  };
  std::vector<Data> D_;

  ElementType element_type() const override { return ElementType::recorder; }
  std::unique_ptr<NodeBlock> make_empty() const override { return std::make_unique<CorrelationDetector>(); }
  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    D_.insert(D_.end(), n, static_cast<const CorrelationDetector&>(proto).D_[i]);
  }
  size_t size() const override { return D_.size(); }
  void add_default() { D_.emplace_back(); }
  bool is_spike_recorder() const override { return true; }
  bool gathers_spikes() const override { return true; }  // pairs span sources on all threads
  bool can_freeze() const override { return false; }
  long recorder_port(size_t, long receptor) const override {
    if (receptor < 0 || receptor > 1)
      throw KernelError("UnknownReceptorType", "Receptor type " + std::to_string(receptor) + " is not available in " +
                                                   model_name() + ".");
    return receptor;
  }

  // All spikes reach the thread-0 copy (gathers_spikes), whose status is the device's status.
  void get_status(size_t i, Dict& d) const override {
    const Data& x = D_[i];
    x.win.get(d);
    x.rp.get(d);
    d.set("delta_tau", x.delta_tau);
    d.set("tau_max", x.tau_max);
    d.set("Tstart", x.cw.Tstart);
    d.set("Tstop", x.cw.Tstop);
    d.set("n_events", x.n_events);
    d.set("histogram", x.histogram);
    d.set("histogram_correction", x.histogram_correction);
    d.set("count_histogram", x.count_histogram);
  }
  void set_status(size_t i, const Dict& d) override {
    Data x = D_[i];
    x.win.set(d);
    x.rp.set(d);
    bool reset = read(d, "delta_tau", x.delta_tau);
    reset |= read(d, "tau_max", x.tau_max);
    reset |= read(d, "Tstart", x.cw.Tstart);
    reset |= read(d, "Tstop", x.cw.Tstop);
    const TimeBase& tb = kernel().time();
    if (!tb.on_grid(x.delta_tau)) throw StepMultipleRequired(model_name(), "delta_tau", x.delta_tau);
    x.dt_steps = tb.steps(x.delta_tau);
    const int64_t tau_tics = tb.ms_to_tics(x.tau_max), dt_tics = tb.ms_to_tics(x.delta_tau);
    if (x.dt_steps <= 0 || tau_tics < 0 || tau_tics % dt_tics != 0)
      throw TimeMultipleRequired(model_name(), "tau_max", x.tau_max, "delta_tau", x.delta_tau);
    x.tau_steps = tau_tics / tb.tics_per_step;
    IntVec ne;
    if (read(d, "n_events", ne)) {
      if (ne.size() == 2 && ne[0] == 0 && ne[1] == 0) reset = true;
      else throw BadProperty("/n_events can only be set to [0 0].");
    }
    if (reset) x.reset();
    D_[i] = std::move(x);
  }
  void reset_state(size_t i, const NodeBlock&) override { D_[i].reset(); }
  void calibrate() override {
    for (auto& x : D_)
      if (x.histogram.empty()) x.reset();
  }
  void update(UpdateCtx&) override {}
  void handle_port_spike(size_t i, long port, int64_t, int64_t stamp, long mult, double weight) override {
    Data& x = D_[i];
    if (!x.win.rec_active(stamp)) return;
    const int other = 1 - int(port);
    std::deque<CorrSpike>& others = x.incoming[other];
    const double tau_edge = double(x.tau_steps) + 0.5 * double(x.dt_steps);
    // drop spikes of the other source that can no longer fall into the window; the half-step
    // asymmetry keeps the left bin edge closed and the right one open
    while (!others.empty() && double(stamp - others.front().step) - 0.5 * other >= tau_edge) others.pop_front();
    const double w = double(mult) * weight;
    if (x.cw.contains(stamp)) {
      ++x.n_events[port];
      const double sign = 2.0 * double(port) - 1.0;
      for (const CorrSpike& s : others) {
        const size_t bin = size_t(std::floor((tau_edge + sign * double(stamp - s.step)) / double(x.dt_steps)));
        if (bin >= x.histogram.size()) continue;
        const double y = w * s.weight - x.histogram_correction[bin];  // Kahan summation
        const double t = x.histogram[bin] + y;
        x.histogram_correction[bin] = (t - x.histogram[bin]) - y;
        x.histogram[bin] = t;
        x.count_histogram[bin] += mult;
      }
    }
    insert_sorted(x.incoming[port], {stamp, w});
  }
};

}  // namespace nk
