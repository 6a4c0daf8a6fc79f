// iaf_psc_exp_ps_lossless: iaf_psc_exp_ps with lossless threshold detection (a crossing is
// found even when V is back below threshold at the end of a sub-step).
#pragma once
#include "models/iaf_psc_exp_ps.h"

namespace nk {

class IafPscExpPsLossless final : public IafPscExpPsBase<IafPscExpPsLossless, true> {
 public:
  const char* help() const override {
    return R"(Name: iaf_psc_exp_ps_lossless - Precise-spike-time leaky integrate-and-fire neuron with exponential currents and lossless threshold detection.
Description: as iaf_psc_exp_ps, but a sub-step in which V rises through V_th and falls back below it before the
sub-step ends is also detected: when dV/dt changes sign inside the sub-step, the maximum of V is located and
compared with V_th, so no crossing of the exactly integrated trajectory is missed. Krishnan, Porta Mana,
Helias, Diesmann & Di Napoli 2018, "Perfect detection of spikes in the linear sub-threshold dynamics of point
neurons". The spike time is the first crossing, located by bisection.
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 250), tau_m (ms, 10), t_ref (ms, 2), V_th (mV, -55),
V_reset (mV, -70), V_min (mV, -inf), tau_syn_ex (ms, 2), tau_syn_in (ms, 2), I_e (pA, 0); read-only
is_refractory, I_syn, I_syn_ex, I_syn_in.
Receives: SpikeEvent (receptor 0, precise), CurrentEvent. Sends: SpikeEvent (precise).
Recordables: V_m, I_syn, I_syn_ex, I_syn_in.)";
  }
  void get_status(size_t i, Dict& d) const override {
    IafPscExpPsBase::get_status(i, d);
    d.set("I_syn_ex", S_[i].I_ex);
    d.set("I_syn_in", S_[i].I_in);
    d.set("I_syn", S_[i].I_ex + S_[i].I_in);
  }
  std::vector<std::string> recordables() const override { return {"I_syn", "I_syn_ex", "I_syn_in", "V_m"}; }
  double recordable(size_t i, int r) const override {
    const auto& s = S_[i];
    switch (r) {
      case 0: return s.I_ex + s.I_in;
      case 1: return s.I_ex;
      case 2: return s.I_in;
    }
    return s.V + P_[i].E_L;
  }
};

}  // namespace nk
