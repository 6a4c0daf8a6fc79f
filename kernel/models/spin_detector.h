// spin_detector: records the state transitions of binary neurons. Binary neurons signal a
// transition by spikes: one spike (multiplicity 1) = down (new state 0), two spikes in one step
// (multiplicity 2, or two single spikes of the same sender in the same step) = up (new state 1).
#pragma once
#include "models/spike_detector.h"

namespace nk {

class SpinDetector final : public SpikeDetector {
 public:
  const char* help() const override {
    return R"(Name: spin_detector - Device for recording the state transitions of binary neurons.
Description: decodes the spike encoding of binary neurons (ginzburg_neuron, mcculloch_pitts_neuron,
erfc_neuron): a spike of multiplicity 1 is a transition to state 0, a spike of multiplicity 2 (or two
single spikes of the same sender in the same step) a transition to state 1. Each transition is
recorded once, with sender, time (stamp of the transition) and weights = the new state (0 or 1),
while origin+start < t <= origin+stop. A single spike is held back until the next spike or the end of
the step's delivery shows whether its pair follows. Connect as Connect(neurons, detector).
Parameters: as spike_detector; withweight defaults to true, file_extension gdf.)";
  }
  struct Pending {
    bool active = false;
    int64_t sender = 0, stamp = 0;
    double offset = 0.0, state = 0.0;
  };
  std::vector<Pending> pending_;

  SpinDetector() = default;
  std::unique_ptr<NodeBlock> make_empty() const override { return std::make_unique<SpinDetector>(); }
  void add_default() {
    SpikeDetector::add_default();
    D_.back().rp.withweight = true;
  }
  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    SpikeDetector::append_copies(proto, i, n);
    pending_.resize(D_.size());
  }
  void reset_state(size_t i, const NodeBlock& proto) override {
    SpikeDetector::reset_state(i, proto);
    pending_.resize(D_.size());
    pending_[i] = Pending{};
  }
  void update(UpdateCtx&) override { flush_all(); }
  void post_run() override {
    flush_all();
    SpikeDetector::post_run();
  }
  // every spike reaches a recorder here (handle_spike / handle_precise_spike forward to it)
  void handle_recorded_spike(size_t i, int64_t, long, int64_t sender, int64_t stamp, double offset, long mult,
                             double) override {
    Data& x = D_[i];
    if (!x.win.rec_active(stamp) || (mult != 1 && mult != 2)) return;  // no other encoding exists
    pending_.resize(D_.size());
    Pending& p = pending_[i];
    if (mult == 1 && p.active && p.state == 0.0 && p.sender == sender && p.stamp == stamp) {
      p.state = 1.0;  // the second single spike of a pair: an up transition
      return;
    }
    flush(i);
    p = Pending{true, sender, stamp, offset, mult == 2 ? 1.0 : 0.0};
  }

 private:
  void flush(size_t i) {
    Pending& p = pending_[i];
    if (!p.active) return;
    write_event(D_[i], gids[i], -1, 0, p.sender, p.stamp, p.offset, p.state);
    p.active = false;
  }
  void flush_all() {
    pending_.resize(D_.size());
    for (size_t i = 0; i < D_.size(); ++i) flush(i);
  }
};

}  // namespace nk
