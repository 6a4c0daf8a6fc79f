// iaf_neuron (NEST 2.6-2.16): leaky integrate-and-fire neuron with one alpha-shaped
// synaptic current (tau_syn) for both signs; exact integration.
#pragma once
#include "models/neuron_base.h"

namespace nk {
namespace iaf_neuron {

struct Parameters {
  double tau_m = 10.0;   // ms
  double C_m = 250.0;    // pF
  double t_ref = 2.0;    // ms
  double E_L = -70.0;    // mV
  double I_e = 0.0;      // pA
  double V_th = 15.0;    // mV, relative to E_L
  double V_reset = 0.0;  // mV, relative to E_L
  double tau_syn = 2.0;  // ms

  void get(Dict& d) const {
    d.set("E_L", E_L);
    d.set("I_e", I_e);
    d.set("V_th", V_th + E_L);
    d.set("V_reset", V_reset + E_L);
    d.set("C_m", C_m);
    d.set("tau_m", tau_m);
    d.set("t_ref", t_ref);
    d.set("tau_syn", tau_syn);
  }
  double set(const Dict& d) {
    const double E_L_old = E_L;
    read(d, "E_L", E_L);
    const double delta = E_L - E_L_old;
    double v;
    if (read(d, "V_reset", v)) V_reset = v - E_L; else V_reset -= delta;
    if (read(d, "V_th", v)) V_th = v - E_L; else V_th -= delta;
    read(d, "I_e", I_e);
    read(d, "C_m", C_m);
    read(d, "tau_m", tau_m);
    read(d, "tau_syn", tau_syn);
    read(d, "t_ref", t_ref);
    if (V_reset >= V_th) throw BadProperty("Reset potential must be smaller than threshold.");
    if (C_m <= 0) throw BadProperty("Capacitance must be > 0.");
    if (tau_m <= 0 || tau_syn <= 0) throw BadProperty("All time constants must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time must not be negative.");
    return delta;
  }
};

struct State {
  double V = 0.0, dI = 0.0, I = 0.0, I_stim = 0.0;
  long r = 0;
  void get(Dict& d, const Parameters& p) const { d.set("V_m", V + p.E_L); }
  void set(const Dict& d, const Parameters& p, double delta_EL) {
    double v;
    if (read(d, "V_m", v)) V = v - p.E_L; else V -= delta_EL;
  }
};

struct Internals {
  double P11, P21, P22, P31, P32, P30, P33, PSCInit, I_e, V_th, V_reset;
  long n_ref;
  void compute(const Parameters& p, double h) {
    P11 = P22 = std::exp(-h / p.tau_syn);
    P21 = h * P11;
    P33 = std::exp(-h / p.tau_m);
    P30 = -p.tau_m / p.C_m * std::expm1(-h / p.tau_m);
    P31 = Propagators::P_alpha(p.tau_syn, p.tau_m, p.C_m, h);
    P32 = Propagators::P_exp(p.tau_syn, p.tau_m, p.C_m, h);
    PSCInit = M_E / p.tau_syn;
    I_e = p.I_e;
    V_th = p.V_th;
    V_reset = p.V_reset;
    n_ref = refractory_steps(p.t_ref);
  }
};

}  // namespace iaf_neuron

class IafNeuron final
    : public NeuronBase<IafNeuron, iaf_neuron::Parameters, iaf_neuron::State, iaf_neuron::Internals> {
 public:
  const char* help() const override {
    return R"(Name: iaf_neuron - Leaky integrate-and-fire neuron with one alpha-shaped synaptic current (NEST 2.6-2.16).
Description: as iaf_psc_alpha, but excitatory and inhibitory spikes share one alpha current with time
constant tau_syn (the sign of the weight is kept).
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 250), tau_m (ms, 10), tau_syn (ms, 2), t_ref (ms, 2),
V_th (mV, -55), V_reset (mV, -70), I_e (pA, 0).
Receives: SpikeEvent, CurrentEvent. Sends: SpikeEvent. Recordables: V_m.)";
  }
  int channels_per_node() const override { return 2; }  // 0 spikes, 1 current
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    return ev == EventKind::current ? 1 : 0;
  }
  std::vector<std::string> recordables() const override { return {"V_m"}; }
  double recordable(size_t i, int) const override { return S_[i].V + P_[i].E_L; }
  void update(UpdateCtx& c) override {
    const size_t n = size();
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* in = c.row(step) + chan_base;
      double* const p0 = in;
      double* const p1 = in + 1 * n;
      for (size_t i = 0; i < n; ++i) {
                if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& v = V_[vi_[i]];
        if (s.r == 0) s.V = v.P30 * (s.I_stim + v.I_e) + v.P31 * s.dI + v.P32 * s.I + v.P33 * s.V;
        else --s.r;
        s.I = v.P21 * s.dI + v.P22 * s.I;
        s.dI *= v.P11;
        s.dI += v.PSCInit * p0[i];
        if (s.V >= v.V_th) {
          s.r = v.n_ref;
          s.V = v.V_reset;
          record_spike(i, step + 1);
          k.emit_spike(c, gids[i], lag, 1);
        }
        s.I_stim = p1[i];
        p0[i] = p1[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
