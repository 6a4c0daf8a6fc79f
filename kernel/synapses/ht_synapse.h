// ht_synapse: depressing synapse of the Hill-Tononi model (Hill & Tononi 2005).
#pragma once
#include <cmath>

#include "core/plastic.h"

namespace nk {

struct HtSynapse {
  enum { W, TAU_P, DELTA_P, PP, T_LAST };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {{"weight"}, {"tau_P"}, {"delta_P"}, {"P"}, {"t_lastspike", false, false}};
    return f;
  }
  static std::vector<double> defaults() { return {1.0, 500.0, 0.125, 1.0, 0.0}; }
  static constexpr bool uses_history = false;
  using Common = NoCommon;
  static void validate(const double* c, const Common&) {
    if (!(c[TAU_P] > 0.0)) throw BadProperty("tau_P > 0 required.");
    if (c[DELTA_P] < 0.0 || c[DELTA_P] > 1.0) throw BadProperty("0 <= delta_P <= 1 required.");
    if (c[PP] < 0.0 || c[PP] > 1.0) throw BadProperty("0 <= P <= 1 required.");
  }
  static void send(double* c, const Common&, SpikeArgs& a) {
    // the pool recovers towards 1 since the last spike, is used, then depleted by delta_P
    c[PP] = 1.0 - (1.0 - c[PP]) * std::exp(-(a.t - c[T_LAST]) / c[TAU_P]);
    a.weight = c[W] * c[PP];
    c[PP] *= 1.0 - c[DELTA_P];
    c[T_LAST] = a.t;
  }
  static const char* help() {
    return R"(Synapse with depression after Hill & Tononi (2005).
Description: Hill & Tononi (2005), "Modeling sleep and wakefulness in the thalamocortical system".
A pool P of available resources recovers as P <- 1 - (1 - P) exp(-h/tau_P) over the interval h
since the last spike; the event carries weight * P, then P <- P (1 - delta_P).
Parameters: weight (1.0), delay (ms, 1.0), tau_P (ms, 500.0), delta_P (0.125), P (1.0).)";
  }
};

}  // namespace nk
