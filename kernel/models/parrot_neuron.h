// parrot_neuron: re-emits every spike arriving on receptor 0 (with its multiplicity) at
// the arrival time; ignores weights and spikes on receptor 1.
#pragma once
#include "models/neuron_base.h"

namespace nk {
namespace parrot_neuron {
struct Parameters {
  double unused = 0.0;
  void get(Dict&) const {}
  double set(const Dict&) { return 0.0; }
};
struct State {
  void get(Dict&, const Parameters&) const {}
  void set(const Dict&, const Parameters&, double) {}
};
struct Internals {
  void compute(const Parameters&, double) {}
};
}  // namespace parrot_neuron

class ParrotNeuron final : public NeuronBase<ParrotNeuron, parrot_neuron::Parameters, parrot_neuron::State,
                                             parrot_neuron::Internals> {
 public:
  const char* help() const override {
    return R"(Name: parrot_neuron - Neuron that repeats incoming spikes.
Description: every spike arriving on receptor 0 is re-emitted (with its multiplicity) in the step it
arrives; weights are ignored. Spikes on receptor 1 are accepted and ignored.
Receives: SpikeEvent (receptors 0, 1). Sends: SpikeEvent.)";
  }
  int channels_per_node() const override { return 2; }  // 0 relayed spikes, 1 ignored spikes
  bool counts_multiplicity() const override { return true; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (ev == EventKind::current)
      throw IllegalConnection("parrot_neuron does not handle current input.");
    if (receptor == 0 || receptor == 1) return int(receptor);
    return NodeBlock::input_channel(0, ev, receptor, w);
  }
  long channel_receptor(int ch) const override { return ch; }
  void update(UpdateCtx& c) override {
    const size_t n = size();
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* in = c.row(step) + chan_base;
      double* const p0 = in;
      double* const p1 = in + 1 * n;
      for (size_t i = 0; i < n; ++i) {
                if (any_frozen && frozen[i]) continue;
        const long m = std::lround(p0[i]);
        p0[i] = p1[i] = 0.0;
        if (m > 0) {
          record_spike(i, step + 1);
          k.emit_spike(c, gids[i], lag, m);
        }
      }
    }
  }
};

}  // namespace nk
