// erfc_neuron: binary neuron whose gain is a complementary error function (Gaussian noise on
// the threshold).
#pragma once
#include "models/binary_neuron.h"

namespace nk {

struct ErfcGain {
  struct Parameters {
    double tau_m = 10.0;  // ms, mean interval between updates
    double theta = 0.0;   // threshold
    double sigma = 1.0;   // width of the threshold noise
    void get(Dict& d) const {
      d.set("tau_m", tau_m);
      d.set("theta", theta);
      d.set("sigma", sigma);
    }
    void set(const Dict& d) {
      read(d, "tau_m", tau_m);
      read(d, "theta", theta);
      read(d, "sigma", sigma);
      if (tau_m <= 0) throw BadProperty("All time constants must be strictly positive.");
      if (sigma < 0) throw BadProperty("Parameter sigma must be non-negative.");
    }
  };
  static bool gain(const Parameters& p, double h, Rng& rng) {
    return rng.drand() < 0.5 * std::erfc(-(h - p.theta) / (std::sqrt(2.0) * p.sigma));
  }
};

class ErfcNeuron final : public BinaryNeuron<ErfcNeuron, ErfcGain> {
 public:
  const char* help() const override {
    return R"(Name: erfc_neuron - Binary stochastic neuron with complementary error function as gain.
Description: at random update times (exponential intervals of mean tau_m) the state becomes 1 with probability
g(h) = erfc(-(h - theta)/(sqrt(2) sigma))/2, the probability that h exceeds a threshold theta blurred by
Gaussian noise of width sigma; h sums the weights of presynaptic binary neurons in state 1 (plus current
input). Transitions are sent as spikes (0->1 multiplicity 2, 1->0 multiplicity 1). Helias et al. 2014, "The
correlation structure of local neuronal networks intrinsically results from recurrent dynamics".
Parameters: tau_m (ms, 10), theta (0), sigma (1); state h (0), S (0).
Receives: SpikeEvent (receptor 0), CurrentEvent. Sends: SpikeEvent.
Recordables: S, h.)";
  }
};

}  // namespace nk
