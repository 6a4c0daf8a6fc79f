// Shared parts of the precise (off-grid) neuron models: a step's input events of one block in
// time order, and root finding for threshold crossings inside a step.
#pragma once
#include <algorithm>
#include <cmath>
#include <vector>

#include "models/neuron_base.h"

namespace nk {

// The precise spike input of one block for one step, grouped by node, earliest event first
// (largest offset first: offsets count back from the end of the step).
class StepEvents {
 public:
  struct Ev {
    uint32_t node;
    int32_t mult;
    double offset;  // ms before the end of the step
    double weight;  // weight times multiplicity
  };
  void gather(const UpdateCtx& c, int64_t step, size_t chan_base, size_t n) {
    evs_.clear();
    pos_ = 0;
    for (const PreciseEvent& e : c.precise_events(step))
      if (e.channel >= chan_base && e.channel < chan_base + n)
        evs_.push_back({uint32_t(e.channel - chan_base), e.mult, e.offset, e.weight * double(e.mult)});
    if (evs_.size() > 1)
      std::stable_sort(evs_.begin(), evs_.end(), [](const Ev& a, const Ev& b) {
        return a.node != b.node ? a.node < b.node : a.offset > b.offset;
      });
  }
  bool empty_for(size_t i) const { return pos_ >= evs_.size() || evs_[pos_].node != i; }
  // Next event of node i (nodes are visited in increasing order).
  bool next(size_t i, Ev& out) {
    if (empty_for(i)) return false;
    out = evs_[pos_++];
    return true;
  }
  // Offset of node i's next event without taking it (-1 when there is none).
  double peek_offset(size_t i) const { return empty_for(i) ? -1.0 : evs_[pos_].offset; }

 private:
  std::vector<Ev> evs_;
  size_t pos_ = 0;
};

// First t in [0, dt] with f(t) >= 0, given f(0) < 0 <= f(dt) and a single crossing: bisection
// down to adjacent doubles, so the result is exact to the last bit of t.
template <class F>
double find_crossing(F&& f, double dt) {
  double lo = 0.0, hi = dt;
  for (int k = 0; k < 200; ++k) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (f(mid) >= 0.0) hi = mid;
    else lo = mid;
  }
  return hi;
}

// Bookkeeping of precise spikes and refractoriness in continuous time.
struct PreciseSpikeState {
  bool refractory = false;
  int64_t last_spike_step = 0;     // stamp of the last spike
  double last_spike_offset = 0.0;  // its offset (ms)
};

}  // namespace nk
