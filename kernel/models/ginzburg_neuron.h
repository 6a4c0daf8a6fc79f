// ginzburg_neuron: binary neuron with a sigmoidal gain (Ginzburg & Sompolinsky 1994).
#pragma once
#include "models/binary_neuron.h"

namespace nk {

struct GinzburgGain {
  struct Parameters {
    double tau_m = 10.0;  // ms, mean interval between updates
    double theta = 0.0;   // threshold of the sigmoid
    double c_1 = 0.0;     // linear part of the gain
    double c_2 = 1.0;     // amplitude of the sigmoid
    double c_3 = 1.0;     // slope of the sigmoid
    void get(Dict& d) const {
      d.set("tau_m", tau_m);
      d.set("theta", theta);
      d.set("c_1", c_1);
      d.set("c_2", c_2);
      d.set("c_3", c_3);
    }
    void set(const Dict& d) {
      read(d, "tau_m", tau_m);
      read(d, "theta", theta);
      read(d, "c_1", c_1);
      read(d, "c_2", c_2);
      read(d, "c_3", c_3);
      if (tau_m <= 0) throw BadProperty("All time constants must be strictly positive.");
    }
  };
  static bool gain(const Parameters& p, double h, Rng& rng) {
    return rng.drand() < p.c_1 * h + p.c_2 * 0.5 * (1.0 + std::tanh(p.c_3 * (h - p.theta)));
  }
};

class GinzburgNeuron final : public BinaryNeuron<GinzburgNeuron, GinzburgGain> {
 public:
  const char* help() const override {
    return R"(Name: ginzburg_neuron - Binary stochastic neuron with sigmoidal gain function.
Description: at random update times (exponential intervals of mean tau_m) the state becomes 1 with
probability g(h) = c_1 h + c_2 (1 + tanh(c_3 (h - theta)))/2, else 0; h sums the weights of presynaptic binary
neurons in state 1 (plus current input). Transitions are sent as spikes (0->1 multiplicity 2, 1->0
multiplicity 1). Ginzburg & Sompolinsky 1994, "Theory of correlations in stochastic neural networks".
Parameters: tau_m (ms, 10), theta (0), c_1 (0), c_2 (1), c_3 (1); state h (0), S (0).
Receives: SpikeEvent (receptor 0), CurrentEvent. Sends: SpikeEvent.
Recordables: S, h.)";
  }
};

}  // namespace nk
