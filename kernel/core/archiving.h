// Spike history of neurons targeted by STDP-type synapses (the "archiving node" of spec §5.1,
// §7.2): post-synaptic traces K− and triplet K−, kept per spike so that a synapse can read
// them at its dendritic delay when the next presynaptic spike arrives.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/dict.h"
#include "core/exceptions.h"

namespace nk {

struct ClopathHistory;

constexpr double STDP_EPS = 1e-6;  // ms: spikes closer than this count as simultaneous

struct HistEntry {
  double t;               // ms, spike time stamp
  double Kminus;          // K− just after this spike
  double Kminus_triplet;  // triplet K− just after this spike
  int64_t access;         // how many incoming STDP synapses have read this entry
};

// Spike history as a vector with a moving head: an empty one allocates nothing (every neuron
// carries one, most never need it), dropping old entries is O(1) amortised.
class History {
 public:
  size_t size() const { return v_.size() - head_; }
  bool empty() const { return size() == 0; }
  HistEntry& operator[](size_t i) { return v_[head_ + i]; }
  const HistEntry& operator[](size_t i) const { return v_[head_ + i]; }
  HistEntry& front() { return v_[head_]; }
  std::vector<HistEntry>::iterator begin() { return v_.begin() + long(head_); }
  std::vector<HistEntry>::iterator end() { return v_.end(); }
  void push_back(const HistEntry& e) { v_.push_back(e); }
  void pop_front() {
    if (++head_ > 32 && 2 * head_ > v_.size()) {
      v_.erase(v_.begin(), v_.begin() + long(head_));
      head_ = 0;
    }
  }
  void clear() {
    v_.clear();
    head_ = 0;
  }

 private:
  std::vector<HistEntry> v_;
  size_t head_ = 0;
};

struct Archiving {
  double tau_minus = 20.0;           // ms
  double tau_minus_triplet = 110.0;  // ms
  double Ca = 0.0;
  double tau_Ca = 10000.0;  // ms
  double beta_Ca = 0.001;
  double t_spike = -1.0;  // ms, time of the last spike
  // traces and history exist only while STDP synapses point here (n_incoming > 0)
  double Kminus = 0.0, Kminus_triplet = 0.0;
  History history;
  int64_t n_incoming = 0;
  double max_delay = 0.0;  // ms, largest dendritic delay of the incoming STDP synapses
  // voltage history of Clopath neurons (owned by the model, pointer refreshed before use)
  ClopathHistory* clopath = nullptr;

  void get(Dict& d) const {
    d.set("tau_minus", tau_minus);
    d.set("tau_minus_triplet", tau_minus_triplet);
    d.set("Ca", Ca);
    d.set("tau_Ca", tau_Ca);
    d.set("beta_Ca", beta_Ca);
    d.set("t_spike", t_spike);
    d.set("archiver_length", int64_t(history.size()));
    d.set("synaptic_elements", std::make_shared<Dict>());
  }
  void set(const Dict& d) {
    read(d, "tau_minus", tau_minus);
    read(d, "tau_minus_triplet", tau_minus_triplet);
    read(d, "Ca", Ca);
    read(d, "tau_Ca", tau_Ca);
    read(d, "beta_Ca", beta_Ca);
    if (tau_minus <= 0 || tau_minus_triplet <= 0) throw BadProperty("All time constants must be strictly positive.");
  }
  void clear_history() {
    history.clear();
    Kminus = Kminus_triplet = 0.0;
    t_spike = -1.0;
  }

  // A new STDP synapse with dendritic delay `delay` (ms) will first read the history after
  // `t_first_read`: entries up to then count as read by it, so pruning is not held up.
  void register_stdp(double t_first_read, double delay) {
    for (auto it = history.begin(); it != history.end(); ++it) {
      if (t_first_read - it->t <= -STDP_EPS) break;
      ++it->access;
    }
    ++n_incoming;
    if (delay > max_delay) max_delay = delay;
  }
  void unregister_stdp() {
    if (n_incoming > 0) --n_incoming;
  }

  // The node spiked at t (ms). An entry is dropped once every incoming synapse has read it and
  // a later spike lies more than max_delay + min_delay before t (no synapse can need it again).
  // out of line: it is inlined into every neuron model's update loop otherwise
  void set_spike(double t, double min_delay_ms);

  // Entries with t1 < t <= t2 (up to STDP_EPS), marked as read: [first, last) indices.
  void get_history(double t1, double t2, size_t& first, size_t& last) {
    // the history is sorted by time: binary search for t_i >= t1 + eps and t_i >= t2 + eps
    auto before = [](const HistEntry& e, double x) { return e.t < x; };
    const auto b = std::lower_bound(history.begin(), history.end(), t1 + STDP_EPS, before);
    const auto e = std::lower_bound(b, history.end(), t2 + STDP_EPS, before);
    for (auto it = b; it != e; ++it) ++it->access;
    first = size_t(b - history.begin());
    last = size_t(e - history.begin());
  }

  // Index of the latest spike strictly before t, or -1.
  long latest_before(double t) const {
    for (long i = long(history.size()) - 1; i >= 0; --i)
      if (t - history[size_t(i)].t > STDP_EPS) return i;
    return -1;
  }
  // K− at time t (value of the trace just before t)
  double K_value(double t) const {
    const long i = latest_before(t);
    return i < 0 ? 0.0 : history[size_t(i)].Kminus * std::exp((history[size_t(i)].t - t) / tau_minus);
  }
  // K−, triplet K− and the nearest-neighbour K− (only the latest spike counts) at time t
  void K_values(double t, double& K, double& K_nn, double& K_triplet) const {
    const long i = latest_before(t);
    if (i < 0) {
      K = K_nn = K_triplet = 0.0;
      return;
    }
    const HistEntry& e = history[size_t(i)];
    const double dt = e.t - t;
    K = e.Kminus * std::exp(dt / tau_minus);
    K_nn = std::exp(dt / tau_minus);
    K_triplet = e.Kminus_triplet * std::exp(dt / tau_minus_triplet);
  }
};

}  // namespace nk
