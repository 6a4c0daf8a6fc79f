// Spike-triggered current (stc) and threshold (sfa) kernels of the generalized
// integrate-and-fire (GIF) models: sums of exponentials that jump by q at each spike.
#pragma once
#include <string>
#include <vector>

#include "core/dict.h"

namespace nk {

struct GifKernels {
  std::vector<double> tau_stc, q_stc;  // ms, pA
  std::vector<double> tau_sfa, q_sfa;  // ms, mV

  bool operator==(const GifKernels& o) const {
    return tau_stc == o.tau_stc && q_stc == o.q_stc && tau_sfa == o.tau_sfa && q_sfa == o.q_sfa;
  }
  void get(Dict& d) const {
    d.set("tau_stc", tau_stc);
    d.set("q_stc", q_stc);
    d.set("tau_sfa", tau_sfa);
    d.set("q_sfa", q_sfa);
  }
  void set(const Dict& d) {
    read(d, "tau_stc", tau_stc);
    read(d, "q_stc", q_stc);
    read(d, "tau_sfa", tau_sfa);
    read(d, "q_sfa", q_sfa);
    if (tau_sfa.size() != q_sfa.size())
      throw BadProperty("'tau_sfa' and 'q_sfa' need to have the same dimensions.\nSize of tau_sfa: " +
                        std::to_string(tau_sfa.size()) + "\nSize of q_sfa: " + std::to_string(q_sfa.size()));
    if (tau_stc.size() != q_stc.size())
      throw BadProperty("'tau_stc' and 'q_stc' need to have the same dimensions.\nSize of tau_stc: " +
                        std::to_string(tau_stc.size()) + "\nSize of q_stc: " + std::to_string(q_stc.size()));
    for (double t : tau_sfa)
      if (t <= 0) throw BadProperty("All time constants must be strictly positive.");
    for (double t : tau_stc)
      if (t <= 0) throw BadProperty("All time constants must be strictly positive.");
  }
};

// State of the kernels: one element per exponential, plus the sums seen by the membrane.
struct GifKernelState {
  std::vector<double> stc, sfa;
  double I_stc = 0.0;  // pA, summed spike-triggered current
  double E_sfa = 0.0;  // mV, threshold including V_T_star (0 before the first update)
  void fit(const GifKernels& k) {
    stc.resize(k.tau_stc.size(), 0.0);
    sfa.resize(k.tau_sfa.size(), 0.0);
  }
  void clear() {
    std::fill(stc.begin(), stc.end(), 0.0);
    std::fill(sfa.begin(), sfa.end(), 0.0);
    I_stc = E_sfa = 0.0;
  }
};

}  // namespace nk
