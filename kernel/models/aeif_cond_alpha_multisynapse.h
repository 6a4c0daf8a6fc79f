// aeif_cond_alpha_multisynapse: AdEx neuron with any number of alpha-shaped conductance ports.
#pragma once
#include "models/aeif_cond_multisynapse.h"

namespace nk {

class AeifCondAlphaMultisynapse final : public AeifCondMultisynapse<AeifCondAlphaMultisynapse> {
 public:
  // the defaults of the alpha variant: one port, tau_syn = 2 ms
  void make_alpha_defaults() {
    for (auto& p : P_) {
      p.shape = aeif_multisynapse::Shape::alpha;
      p.tau_rise = p.tau_decay = DoubleVec{2.0};
    }
  }
  const char* help() const override {
    return R"(Name: aeif_cond_alpha_multisynapse - Conductance-based adaptive exponential integrate-and-fire neuron
with any number of receptor ports with alpha-shaped conductances.
Description: C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T) + sum_k g_k (E_rev[k] - V)
- w + I_e + I_stim;  tau_w dw/dt = a (V - E_L) - w. Port k (receptor_type k, 1..n) has an alpha
conductance with time constant tau_syn[k]; a spike of weight w_s >= 0 (nS) gives peak conductance
w_s at tau_syn[k] (negative weights are refused). Spike detection, reset (V_reset, w += b),
refractoriness and integration as in aeif_cond_alpha (adaptive Runge-Kutta-Fehlberg 4(5),
tolerance gsl_error_tol). The number of ports is len(E_rev); changing it needs E_rev and tau_syn
together, and ports cannot be removed once connected.
Parameters: as aeif_cond_alpha without E_ex, E_in, tau_syn_*, plus E_rev (mV, [0]), tau_syn (ms, [2]),
n_receptors (read-only), has_connections (read-only); state w, g, dg (lists).
Receives: SpikeEvent (receptors 1..n), CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, w, g_1 ... g_n.
References: Brette & Gerstner (2005) Adaptive exponential integrate-and-fire model as an effective
description of neuronal activity.)";
  }
};

}  // namespace nk
