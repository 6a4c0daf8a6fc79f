// bernoulli_synapse: static synapse that transmits each spike with probability p_transmit.
#pragma once
#include "core/plastic.h"

namespace nk {

struct BernoulliSynapse {
  enum { W, P };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {{"weight"}, {"p_transmit"}};
    return f;
  }
  static std::vector<double> defaults() { return {1.0, 1.0}; }
  static constexpr bool uses_history = false;
  using Common = NoCommon;
  static void validate(const double* c, const Common&) {
    if (c[P] < 0.0 || c[P] > 1.0) throw BadProperty("Spike transmission probability must be in [0, 1].");
  }
  static void send(double* c, const Common&, SpikeArgs& a) {
    long out = 0;  // each unit of multiplicity passes independently
    for (long k = 0; k < a.mult; ++k)
      if (a.rng->drand() < c[P]) ++out;
    a.mult = out;
    a.send = out > 0;
    a.weight = c[W];
  }
  static const char* help() {
    return R"(Static synapse with stochastic transmission.
Description: each presynaptic spike (each unit of its multiplicity) is transmitted with probability
p_transmit, drawn from the target thread's generator; the event carries the fixed weight and the
number of transmitted spikes as multiplicity.
Parameters: weight (1.0), delay (ms, 1.0), p_transmit (1.0, in [0, 1]).)";
  }
};

}  // namespace nk
