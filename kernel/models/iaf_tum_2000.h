// iaf_tum_2000: leaky integrate-and-fire neuron with exponential postsynaptic currents and
// separate absolute and total refractory periods; exact integration.
#pragma once
#include "models/neuron_base.h"

namespace nk {
namespace iaf_tum_2000 {

struct Parameters {
  double tau_m = 10.0;   // ms
  double C_m = 250.0;    // pF
  double t_ref_abs = 2.0;  // ms, V clamped
  double t_ref_tot = 2.0;  // ms, no spikes (V integrates after t_ref_abs)
  double E_L = -70.0;    // mV
  double I_e = 0.0;      // pA
  double V_th = 15.0;    // mV, relative to E_L
  double V_reset = 0.0;  // mV, relative to E_L
  double tau_ex = 2.0;   // ms
  double tau_in = 2.0;   // ms

  void get(Dict& d) const {
    d.set("E_L", E_L);
    d.set("I_e", I_e);
    d.set("V_th", V_th + E_L);
    d.set("V_reset", V_reset + E_L);
    d.set("C_m", C_m);
    d.set("tau_m", tau_m);
    d.set("t_ref_abs", t_ref_abs);
    d.set("t_ref_tot", t_ref_tot);
    d.set("tau_syn_ex", tau_ex);
    d.set("tau_syn_in", tau_in);
  }
  double set(const Dict& d) {
    const double E_L_old = E_L;
    read(d, "E_L", E_L);
    const double dEL = E_L - E_L_old;
    double v;
    if (read(d, "V_reset", v)) V_reset = v - E_L; else V_reset -= dEL;
    if (read(d, "V_th", v)) V_th = v - E_L; else V_th -= dEL;
    read(d, "I_e", I_e);
    read(d, "C_m", C_m);
    read(d, "tau_m", tau_m);
    read(d, "tau_syn_ex", tau_ex);
    read(d, "tau_syn_in", tau_in);
    read(d, "t_ref_abs", t_ref_abs);
    read(d, "t_ref_tot", t_ref_tot);
    if (V_reset >= V_th) throw BadProperty("Reset potential must be smaller than threshold.");
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (tau_m <= 0 || tau_ex <= 0 || tau_in <= 0) throw BadProperty("Membrane and synapse time constant(s) must be strictly positive.");
    if (t_ref_abs < 0 || t_ref_tot < 0) throw BadProperty("Refractory time must not be negative.");
    if (t_ref_tot < t_ref_abs)
      throw BadProperty("Total refractory period must be larger or equal than absolute refractory time.");
    return dEL;
  }
};

struct State {
  double V = 0.0;  // mV relative to E_L
  double I_ex = 0.0, I_in = 0.0;  // pA
  double I_0 = 0.0;  // pA, current input of the previous step
  long r_abs = 0, r_tot = 0;  // refractory steps left
  void get(Dict& d, const Parameters& p) const { d.set("V_m", V + p.E_L); }
  void set(const Dict& d, const Parameters& p, double dEL) {
    double v;
    if (read(d, "V_m", v)) V = v - p.E_L; else V -= dEL;
  }
};

struct Internals {
  double P11ex, P11in, P21ex, P21in, P22, P20;
  double I_e, V_th, V_reset;
  long n_abs, n_tot;
  void compute(const Parameters& p, double h) {
    P11ex = std::exp(-h / p.tau_ex);
    P11in = std::exp(-h / p.tau_in);
    P22 = std::exp(-h / p.tau_m);
    P21ex = Propagators::P_exp(p.tau_ex, p.tau_m, p.C_m, h);
    P21in = Propagators::P_exp(p.tau_in, p.tau_m, p.C_m, h);
    P20 = -p.tau_m / p.C_m * std::expm1(-h / p.tau_m);
    I_e = p.I_e;
    V_th = p.V_th;
    V_reset = p.V_reset;
    n_abs = refractory_steps(p.t_ref_abs);
    n_tot = refractory_steps(p.t_ref_tot);
  }
};

}  // namespace iaf_tum_2000

class IafTum2000 final
    : public NeuronBase<IafTum2000, iaf_tum_2000::Parameters, iaf_tum_2000::State, iaf_tum_2000::Internals> {
 public:
  const char* help() const override {
    return R"(Name: iaf_tum_2000 - Leaky integrate-and-fire neuron with exponential currents and absolute and total refractory periods.
Description: C_m dV/dt = -(V - E_L) C_m/tau_m + I_syn_ex + I_syn_in + I_e + I_stim, integrated exactly; a spike of
weight w (pA) adds w to I_syn_ex (w >= 0) or I_syn_in, which decay with tau_syn_ex / tau_syn_in. After a spike V is
clamped to V_reset for t_ref_abs and no spike is emitted for t_ref_tot (t_ref_tot >= t_ref_abs). Tsodyks, Uziel &
Markram 2000, "Synchrony generation in recurrent networks with frequency-dependent synapses" (used with
tsodyks_synapse).
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 250), tau_m (ms, 10), t_ref_abs (ms, 2), t_ref_tot (ms, 2),
V_th (mV, -55), V_reset (mV, -70), tau_syn_ex (ms, 2), tau_syn_in (ms, 2), I_e (pA, 0).
Receives: SpikeEvent (receptor 0), CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, I_syn_ex, I_syn_in.)";
  }
  // channels per node: 0 exc spikes, 1 inh spikes, 2 current
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w >= 0.0 ? 0 : 1;
  }
  std::vector<std::string> recordables() const override { return {"I_syn_ex", "I_syn_in", "V_m"}; }
  double recordable(size_t i, int r) const override {
    const auto& s = S_[i];
    return r == 0 ? s.I_ex : r == 1 ? s.I_in : s.V + P_[i].E_L;
  }
  void update(UpdateCtx& c) override {
    const size_t n = size();
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const p0 = c.row(step) + chan_base;
      double* const p1 = p0 + n;
      double* const p2 = p0 + 2 * n;
      for (size_t i = 0; i < n; ++i) {
        if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& v = V_[vi_[i]];
        if (s.r_abs == 0) s.V = s.V * v.P22 + s.I_ex * v.P21ex + s.I_in * v.P21in + (v.I_e + s.I_0) * v.P20;
        else --s.r_abs;
        s.I_ex = s.I_ex * v.P11ex + p0[i];
        s.I_in = s.I_in * v.P11in + p1[i];
        if (s.r_tot == 0) {
          if (s.V >= v.V_th) {
            s.r_abs = v.n_abs;
            s.r_tot = v.n_tot;
            s.V = v.V_reset;
            record_spike(i, step + 1);
            k.emit_spike(c, gids[i], lag, 1);
          }
        } else {
          --s.r_tot;
        }
        s.I_0 = p2[i];
        p0[i] = p1[i] = p2[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
