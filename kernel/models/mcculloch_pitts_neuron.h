// mcculloch_pitts_neuron: binary neuron with a Heaviside gain (S = 1 iff h > theta).
#pragma once
#include "models/binary_neuron.h"

namespace nk {

struct McCullochPittsGain {
  struct Parameters {
    double tau_m = 10.0;  // ms, mean interval between updates
    double theta = 0.0;   // threshold
    void get(Dict& d) const {
      d.set("tau_m", tau_m);
      d.set("theta", theta);
    }
    void set(const Dict& d) {
      read(d, "tau_m", tau_m);
      read(d, "theta", theta);
      if (tau_m <= 0) throw BadProperty("All time constants must be strictly positive.");
    }
  };
  static bool gain(const Parameters& p, double h, Rng&) { return h > p.theta; }
};

class McCullochPittsNeuron final : public BinaryNeuron<McCullochPittsNeuron, McCullochPittsGain> {
 public:
  const char* help() const override {
    return R"(Name: mcculloch_pitts_neuron - Binary deterministic neuron with Heaviside gain function.
Description: at random update times (exponentially distributed intervals of mean tau_m, drawn from the
thread's random stream) the state becomes S = 1 if h > theta, else 0, where h sums the weights of the
presynaptic binary neurons in state 1 (plus current input). Changes are sent as spikes: 0->1 with
multiplicity 2, 1->0 with multiplicity 1; a receiving binary neuron adds +w or -w to h accordingly.
McCulloch & Pitts 1943, "A logical calculus of the ideas immanent in nervous activity".
Parameters: tau_m (ms, 10), theta (0); state h (0), S (0).
Receives: SpikeEvent (receptor 0), CurrentEvent. Sends: SpikeEvent.
Recordables: S, h.)";
  }
};

}  // namespace nk
