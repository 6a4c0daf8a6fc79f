// parrot_neuron_ps: re-emits every spike arriving on receptor 0 at its exact (off-grid) time,
// with its multiplicity; ignores weights and spikes on receptor 1.
#pragma once
#include "models/parrot_neuron.h"
#include "models/precise_base.h"

namespace nk {

class ParrotNeuronPs final : public NeuronBase<ParrotNeuronPs, parrot_neuron::Parameters, parrot_neuron::State,
                                               parrot_neuron::Internals> {
 public:
  const char* help() const override {
    return R"(Name: parrot_neuron_ps - Neuron that repeats incoming spikes, keeping their precise times.
Description: every spike arriving on receptor 0 is re-emitted with its multiplicity at its exact (off-grid)
arrival time, i.e. one connection delay after it was sent; weights are ignored. Spikes on receptor 1 are
accepted and ignored.
Receives: SpikeEvent (receptors 0, 1, precise). Sends: SpikeEvent (precise).)";
  }
  bool precise_input() const override { return true; }
  bool precise_output() const override { return true; }
  int channels_per_node() const override { return 2; }  // 0 relayed spikes, 1 ignored spikes
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (ev == EventKind::current) throw IllegalConnection("parrot_neuron_ps does not handle current input.");
    if (receptor == 0 || receptor == 1) return int(receptor);
    return NodeBlock::input_channel(0, ev, receptor, w);
  }
  long channel_receptor(int ch) const override { return ch; }
  void update(UpdateCtx& c) override {
    const size_t n = size();
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      events_.gather(c, step, chan_base, n);
      StepEvents::Ev e;
      for (size_t i = 0; i < n; ++i) {
        while (events_.next(i, e)) {
          if ((any_frozen && frozen[i]) || e.mult <= 0) continue;
          A_[i].t_spike = k.time().ms(step + 1) - e.offset;
          k.emit_precise_spike(c, gids[i], lag, e.mult, e.offset);
        }
      }
    }
  }

 private:
  StepEvents events_;
};

}  // namespace nk
