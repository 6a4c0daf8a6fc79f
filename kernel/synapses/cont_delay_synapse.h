// cont_delay_synapse: static synapse whose delay need not be a multiple of the resolution.
#pragma once
#include "core/plastic.h"

namespace nk {

struct ContDelaySynapse {
  enum { W, DELAY_OFFSET };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {{"weight"}, {"delay_offset", false, false}};
    return f;
  }
  static std::vector<double> defaults() { return {1.0, 0.0}; }
  static constexpr bool uses_history = false;
  // the delay is stored as whole steps (rounded up) minus an offset within the last step (ms)
  static constexpr int continuous_delay = DELAY_OFFSET;
  using Common = NoCommon;
  static void validate(const double*, const Common&) {}
  static void send(double* c, const Common&, SpikeArgs& a) { a.weight = c[W]; }
  static const char* help() {
    return R"(Synapse type for continuous delays.
Description: a static synapse whose delay may lie between grid points: it is stored as the next
larger number of steps and an offset within the last step (the status shows the exact delay).
Spikes carry the offset to models with precise spike times; this kernel's models are all
grid-based, so they receive the spike at the rounded-up step. Both neighbouring step counts must
be valid delays.
Parameters: weight (1.0), delay (ms, 1.0, any value >= resolution).)";
  }
};

}  // namespace nk
