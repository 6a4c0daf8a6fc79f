// tsodyks2_synapse: short-term plasticity in the (u, x) form without synaptic current state.
#pragma once
#include <cmath>

#include "core/plastic.h"

namespace nk {

struct Tsodyks2Synapse {
  enum { W, U, TAU_REC, TAU_FAC, UU, X, T_LAST };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {{"weight"}, {"U"}, {"tau_rec"}, {"tau_fac"},
                                            {"u"},      {"x"}, {"t_lastspike", false, false}};
    return f;
  }
  // t_lastspike < 0: no spike yet (the first spike is transmitted with the initial u and x)
  static std::vector<double> defaults() { return {1.0, 0.5, 800.0, 0.0, 0.5, 1.0, -1.0}; }
  static constexpr bool uses_history = false;
  using Common = NoCommon;
  static void validate(const double* c, const Common&) {
    if (c[U] > 1.0 || c[U] < 0.0) throw BadProperty("U must be in [0,1].");
    if (c[TAU_REC] <= 0.0) throw BadProperty("tau_rec must be > 0.");
    if (c[TAU_FAC] < 0.0) throw BadProperty("tau_fac must be >= 0.");
  }
  static void send(double* c, const Common&, SpikeArgs& a) {
    if (c[T_LAST] >= 0.0) {  // x and u of this spike from those of the previous one
      const double h = a.t - c[T_LAST];
      const double x_decay = std::exp(-h / c[TAU_REC]);
      const double u_decay = c[TAU_FAC] < 1.0e-10 ? 0.0 : std::exp(-h / c[TAU_FAC]);
      c[X] = 1.0 + (c[X] - c[X] * c[UU] - 1.0) * x_decay;
      c[UU] = c[U] + c[UU] * (1.0 - c[U]) * u_decay;
    }
    a.weight = c[X] * c[UU] * c[W];
    c[T_LAST] = a.t;
  }
  static const char* help() {
    return R"(Synapse type with short term plasticity.
Description: Tsodyks & Markram (1997), "The neural code between neocortical pyramidal neurons
depends on neurotransmitter release probability", in the form of Fuhrmann et al. (2002), "Coding
of temporal information by activity-dependent synapses". At a spike after an interval h:
x <- 1 + (x - x u - 1) exp(-h/tau_rec), u <- U + u (1 - U) exp(-h/tau_fac) (decay 0 if tau_fac is
0); the event carries weight * u * x. The first spike is transmitted with the initial u and x.
Parameters: weight (1.0), delay (ms, 1.0), U (0.5), tau_rec (ms, 800.0), tau_fac (ms, 0.0);
state u (0.5), x (1.0).)";
  }
};

}  // namespace nk
