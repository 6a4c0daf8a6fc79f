// Binary neurons: state S in {0, 1}, updated at random times (exponential intervals of mean
// tau_m) by a gain function of the summed input h. Transitions travel as spikes: 0->1 with
// multiplicity 2, 1->0 with multiplicity 1; a receiving binary neuron adds +w or -w to h.
#pragma once
#include "models/precise_base.h"

namespace nk {

struct BinaryState {
  double h = 0.0;        // summed input
  double S = 0.0;        // 0 or 1
  double I_stim = 0.0;   // current input of the step (added to h for the gain)
  double t_next = -1.0;  // ms, time of the next update (negative: not drawn yet)
};

// G provides Parameters (with tau_m) and `bool gain(const Parameters&, double h, Rng&)`.
template <class Derived, class G>
class BinaryNeuron : public NodeBlock {
 public:
  using Parameters = typename G::Parameters;
  std::vector<Parameters> P_;
  std::vector<BinaryState> S_;

  ElementType element_type() const override { return ElementType::neuron; }
  std::unique_ptr<NodeBlock> make_empty() const override { return std::make_unique<Derived>(); }
  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    const auto& p = static_cast<const Derived&>(proto);
    P_.insert(P_.end(), n, p.P_[i]);
    S_.insert(S_.end(), n, p.S_[i]);
  }
  size_t size() const override { return P_.size(); }
  void add_default() {
    P_.emplace_back();
    S_.emplace_back();
  }
  bool sends_spikes() const override { return true; }
  // each input spike's multiplicity matters (up or down transition): queued, not summed
  bool precise_input() const override { return true; }
  // channels per node: 0 transitions of presynaptic binary neurons, 1 current
  int channels_per_node() const override { return 2; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    return ev == EventKind::current ? 1 : 0;
  }
  void get_status(size_t i, Dict& d) const override {
    P_[i].get(d);
    d.set("h", S_[i].h);
    d.set("S", S_[i].S);
  }
  void set_status(size_t i, const Dict& d) override {
    Parameters p = P_[i];
    p.set(d);
    BinaryState s = S_[i];
    read(d, "h", s.h);
    read(d, "S", s.S);
    P_[i] = p;
    S_[i] = s;
  }
  void reset_state(size_t i, const NodeBlock& proto) override { S_[i] = static_cast<const Derived&>(proto).S_[0]; }
  std::vector<std::string> recordables() const override { return {"S", "h"}; }
  double recordable(size_t i, int r) const override { return r == 0 ? S_[i].S : S_[i].h; }

  void update(UpdateCtx& c) override {
    const size_t n = size();
    Kernel& k = kernel();
    Rng& rng = *c.rng;
    const double h = k.h();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const cur = c.row(step) + chan_base + n;
      events_.gather(c, step, chan_base, n);
      StepEvents::Ev e;
      for (size_t i = 0; i < n; ++i) {
        BinaryState& s = S_[i];
        const Parameters& p = P_[i];
        while (events_.next(i, e)) {
          if (e.mult == 2) s.h += e.weight / 2.0;  // weight was multiplied by the multiplicity
          else if (e.mult == 1) s.h -= e.weight;
        }
        s.I_stim = cur[i];
        cur[i] = 0.0;
        if (any_frozen && frozen[i]) continue;
        if (s.t_next < 0.0) s.t_next = double(step) * h + rng.exponential() * p.tau_m;
        if (double(step) * h > s.t_next) {
          const double S_new = G::gain(p, s.h + s.I_stim, rng) ? 1.0 : 0.0;
          if (S_new != s.S) {
            s.S = S_new;
            k.emit_spike(c, gids[i], lag, S_new == 1.0 ? 2 : 1);
          }
          s.t_next += rng.exponential() * p.tau_m;
        }
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }

 private:
  StepEvents events_;
};

}  // namespace nk
