// aeif_cond_beta_multisynapse: AdEx neuron with any number of beta-shaped conductance ports.
#pragma once
#include "models/aeif_cond_multisynapse.h"

namespace nk {

class AeifCondBetaMultisynapse final : public AeifCondMultisynapse<AeifCondBetaMultisynapse> {
 public:
  AeifCondBetaMultisynapse() = default;
  const char* help() const override {
    return R"(Name: aeif_cond_beta_multisynapse - Conductance-based adaptive exponential integrate-and-fire neuron
with any number of receptor ports with beta-shaped conductances.
Description: C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T) + sum_k g_k (E_rev[k] - V)
- w + I_e + I_stim;  tau_w dw/dt = a (V - E_L) - w. Port k (receptor_type k, 1..n) has conductance
g_k with d dg_k/dt = -dg_k/tau_decay[k], dg_k/dt = dg_k - g_k/tau_rise[k], normalised so that a spike
of weight w_s >= 0 (nS) gives peak conductance w_s (negative weights are refused). Spike detection,
reset (V_reset, w += b), refractoriness and integration as in aeif_cond_alpha (adaptive
Runge-Kutta-Fehlberg 4(5), tolerance gsl_error_tol). The number of ports is len(E_rev); changing it
needs E_rev, tau_rise and tau_decay together, and ports cannot be removed once connected.
Parameters: as aeif_cond_alpha without E_ex, E_in, tau_syn_*, plus E_rev (mV, [0]), tau_rise (ms, [2]),
tau_decay (ms, [20]), n_receptors (read-only), has_connections (read-only); state w, g, dg (lists).
Receives: SpikeEvent (receptors 1..n), CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, w, g_1 ... g_n.
References: Brette & Gerstner (2005) Adaptive exponential integrate-and-fire model as an effective
description of neuronal activity; Roth & van Rossum (2010) Modeling synapses.)";
  }
};

}  // namespace nk
