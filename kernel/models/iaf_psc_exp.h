// iaf_psc_exp: leaky integrate-and-fire neuron with exponential postsynaptic currents,
// exact integration, optional escape noise (rho, delta). Receptor 1 takes currents that
// are filtered by the excitatory synapse.
#pragma once
#include "models/neuron_base.h"

namespace nk {
namespace iaf_psc_exp {

struct Parameters {
  double tau_m = 10.0;   // ms
  double C_m = 250.0;    // pF
  double t_ref = 2.0;    // ms
  double E_L = -70.0;    // mV
  double I_e = 0.0;      // pA
  double V_th = 15.0;    // mV, relative to E_L
  double V_reset = 0.0;  // mV, relative to E_L
  double tau_ex = 2.0;   // ms
  double tau_in = 2.0;   // ms
  double rho = 0.01;     // 1/s, escape rate at threshold
  double delta = 0.0;    // mV, escape noise width (0: deterministic)

  void get(Dict& d) const {
    d.set("E_L", E_L);
    d.set("I_e", I_e);
    d.set("V_th", V_th + E_L);
    d.set("V_reset", V_reset + E_L);
    d.set("C_m", C_m);
    d.set("tau_m", tau_m);
    d.set("t_ref", t_ref);
    d.set("tau_syn_ex", tau_ex);
    d.set("tau_syn_in", tau_in);
    d.set("rho", rho);
    d.set("delta", delta);
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
    read(d, "t_ref", t_ref);
    read(d, "rho", rho);
    read(d, "delta", delta);
    if (V_reset >= V_th) throw BadProperty("Reset potential must be smaller than threshold.");
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (tau_m <= 0 || tau_ex <= 0 || tau_in <= 0) throw BadProperty("Membrane and synapse time constant(s) must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time must not be negative.");
    if (rho < 0) throw BadProperty("Stochastic firing intensity must not be negative.");
    if (delta < 0) throw BadProperty("Width of threshold region must not be negative.");
    return dEL;
  }
};

struct State {
  double V = 0.0;  // mV relative to E_L
  double I_ex = 0.0, I_in = 0.0;  // pA
  double I_0 = 0.0, I_1 = 0.0;    // pA, current inputs (receptor 0, 1) of the previous step
  double w_ex = 0.0, w_in = 0.0;
  long r = 0;
  void get(Dict& d, const Parameters& p) const { d.set("V_m", V + p.E_L); }
  void set(const Dict& d, const Parameters& p, double dEL) {
    double v;
    if (read(d, "V_m", v)) V = v - p.E_L; else V -= dEL;
  }
};

struct Internals {
  double P11ex, P11in, P21ex, P21in, P22, P20;
  double I_e, V_th, V_reset, rho, delta, h;
  long n_ref;
  void compute(const Parameters& p, double hh) {
    h = hh;
    P11ex = std::exp(-h / p.tau_ex);
    P11in = std::exp(-h / p.tau_in);
    P22 = std::exp(-h / p.tau_m);
    P21ex = Propagators::P_exp(p.tau_ex, p.tau_m, p.C_m, h);
    P21in = Propagators::P_exp(p.tau_in, p.tau_m, p.C_m, h);
    P20 = -p.tau_m / p.C_m * std::expm1(-h / p.tau_m);
    I_e = p.I_e;
    V_th = p.V_th;
    V_reset = p.V_reset;
    rho = p.rho;
    delta = p.delta;
    n_ref = refractory_steps(p.t_ref);
  }
};

}  // namespace iaf_psc_exp

class IafPscExp final
    : public NeuronBase<IafPscExp, iaf_psc_exp::Parameters, iaf_psc_exp::State, iaf_psc_exp::Internals> {
 public:
  const char* help() const override {
    return R"(Name: iaf_psc_exp - Leaky integrate-and-fire neuron with exponential postsynaptic currents.
Description: C_m dV/dt = -(V - E_L) C_m/tau_m + I_syn_ex + I_syn_in + I_e + I_stim; a spike of weight w (pA)
adds w to I_syn_ex (w >= 0) or I_syn_in (w < 0), which decay with tau_syn_ex / tau_syn_in. Currents on
receptor 1 are filtered by the excitatory synapse. Optional escape noise: firing probability
rho exp((V - V_th)/delta) per unit time when delta > 0.
Parameters: V_m, E_L, C_m, tau_m, t_ref, V_th, V_reset, tau_syn_ex, tau_syn_in, I_e, rho (1/s, 0.01), delta (mV, 0).
Receives: SpikeEvent (receptor 0), CurrentEvent (receptors 0, 1). Sends: SpikeEvent.
Recordables: V_m, I_syn_ex, I_syn_in, weighted_spikes_ex, weighted_spikes_in.)";
  }
  // channels per node: 0 exc spikes, 1 inh spikes, 2 current (receptor 0), 3 current (receptor 1)
  int channels_per_node() const override { return 4; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (ev == EventKind::current) {
      if (receptor == 0) return 2;
      if (receptor == 1) return 3;
      NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    }
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    return w >= 0.0 ? 0 : 1;
  }
  long channel_receptor(int ch) const override { return ch == 3 ? 1 : 0; }
  std::vector<std::string> recordables() const override {
    return {"I_syn_ex", "I_syn_in", "V_m", "weighted_spikes_ex", "weighted_spikes_in"};
  }
  double recordable(size_t i, int r) const override {
    const auto& s = S_[i];
    switch (r) {
      case 0: return s.I_ex;
      case 1: return s.I_in;
      case 2: return s.V + P_[i].E_L;
      case 3: return s.w_ex;
      case 4: return s.w_in;
    }
    return 0.0;
  }
  void update(UpdateCtx& c) override {
    const size_t n = size();
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* in = c.row(step) + chan_base;
      double* const p0 = in;
      double* const p1 = in + 1 * n;
      double* const p2 = in + 2 * n;
      double* const p3 = in + 3 * n;
      for (size_t i = 0; i < n; ++i) {
                if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& v = V_[vi_[i]];
        if (s.r == 0) s.V = s.V * v.P22 + s.I_ex * v.P21ex + s.I_in * v.P21in + (v.I_e + s.I_0) * v.P20;
        else --s.r;
        s.I_ex *= v.P11ex;
        s.I_in *= v.P11in;
        s.I_ex += (1.0 - v.P11ex) * s.I_1;
        s.w_ex = p0[i];
        s.w_in = p1[i];
        s.I_ex += p0[i];
        s.I_in += p1[i];
        bool fire;
        if (v.delta < 1e-10) fire = s.V >= v.V_th;
        else fire = c.rng->drand() < v.rho * std::exp((s.V - v.V_th) / v.delta) * v.h * 1e-3;
        if (fire) {
          s.r = v.n_ref;
          s.V = v.V_reset;
          record_spike(i, step + 1);
          k.emit_spike(c, gids[i], lag, 1);
        }
        s.I_0 = p2[i];
        s.I_1 = p3[i];
        p0[i] = p1[i] = p2[i] = p3[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
