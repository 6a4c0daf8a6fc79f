// iaf_psc_alpha: leaky integrate-and-fire neuron with alpha-shaped postsynaptic currents,
// integrated exactly (Rotter & Diesmann 1999). V_m is stored relative to E_L.
#pragma once
#include "models/neuron_base.h"

namespace nk {

class IafPscAlpha;

namespace iaf_psc_alpha {

struct Parameters {
  double tau_m = 10.0;   // ms
  double C_m = 250.0;    // pF
  double t_ref = 2.0;    // ms
  double E_L = -70.0;    // mV
  double I_e = 0.0;      // pA
  double V_th = 15.0;    // mV, relative to E_L
  double V_min = -std::numeric_limits<double>::infinity();  // mV, relative to E_L
  double V_reset = 0.0;  // mV, relative to E_L
  double tau_ex = 2.0;   // ms
  double tau_in = 2.0;   // ms

  void get(Dict& d) const {
    d.set("E_L", E_L);
    d.set("I_e", I_e);
    d.set("V_th", V_th + E_L);
    d.set("V_min", V_min + E_L);
    d.set("V_reset", V_reset + E_L);
    d.set("C_m", C_m);
    d.set("tau_m", tau_m);
    d.set("t_ref", t_ref);
    d.set("tau_syn_ex", tau_ex);
    d.set("tau_syn_in", tau_in);
  }
  double set(const Dict& d) {
    const double E_L_old = E_L;
    read(d, "E_L", E_L);
    const double delta = E_L - E_L_old;
    double v;
    if (read(d, "V_reset", v)) V_reset = v - E_L; else V_reset -= delta;
    if (read(d, "V_th", v)) V_th = v - E_L; else V_th -= delta;
    if (read(d, "V_min", v)) V_min = v - E_L; else V_min -= delta;
    read(d, "I_e", I_e);
    read(d, "C_m", C_m);
    read(d, "tau_m", tau_m);
    read(d, "tau_syn_ex", tau_ex);
    read(d, "tau_syn_in", tau_in);
    read(d, "t_ref", t_ref);
    if (V_reset >= V_th) throw BadProperty("Reset potential must be smaller than threshold.");
    if (C_m <= 0) throw BadProperty("Capacitance must be > 0.");
    if (tau_m <= 0 || tau_ex <= 0 || tau_in <= 0) throw BadProperty("All time constants must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time must not be negative.");
    return delta;
  }
};

struct State {
  double V = 0.0;  // mV relative to E_L
  double dI_ex = 0.0, I_ex = 0.0, dI_in = 0.0, I_in = 0.0;  // pA/ms, pA
  double I_stim = 0.0;  // pA, current input of the previous step
  double w_ex = 0.0, w_in = 0.0;  // summed spike weights of the last step (recordables)
  long r = 0;  // refractory steps left

  void get(Dict& d, const Parameters& p) const { d.set("V_m", V + p.E_L); }
  void set(const Dict& d, const Parameters& p, double delta_EL) {
    double v;
    if (read(d, "V_m", v)) V = v - p.E_L; else V -= delta_EL;
  }
};

struct Internals {
  double P11ex, P21ex, P22ex, P31ex, P32ex;
  double P11in, P21in, P22in, P31in, P32in;
  double P30, P33, EPSCInit, IPSCInit;
  double I_e, V_th, V_min, V_reset;
  long n_ref;
  void compute(const Parameters& p, double h) {
    P11ex = P22ex = std::exp(-h / p.tau_ex);
    P11in = P22in = std::exp(-h / p.tau_in);
    P21ex = h * P11ex;
    P21in = h * P11in;
    P33 = std::exp(-h / p.tau_m);
    P30 = -p.tau_m / p.C_m * std::expm1(-h / p.tau_m);
    P31ex = Propagators::P_alpha(p.tau_ex, p.tau_m, p.C_m, h);
    P32ex = Propagators::P_exp(p.tau_ex, p.tau_m, p.C_m, h);
    P31in = Propagators::P_alpha(p.tau_in, p.tau_m, p.C_m, h);
    P32in = Propagators::P_exp(p.tau_in, p.tau_m, p.C_m, h);
    EPSCInit = M_E / p.tau_ex;
    IPSCInit = M_E / p.tau_in;
    I_e = p.I_e;
    V_th = p.V_th;
    V_min = p.V_min;
    V_reset = p.V_reset;
    n_ref = refractory_steps(p.t_ref);
  }
};

}  // namespace iaf_psc_alpha

class IafPscAlpha final : public NeuronBase<IafPscAlpha, iaf_psc_alpha::Parameters, iaf_psc_alpha::State,
                                            iaf_psc_alpha::Internals> {
 public:
  const char* help() const override {
    return R"(Name: iaf_psc_alpha - Leaky integrate-and-fire neuron with alpha-shaped postsynaptic currents.
Description: C_m dV/dt = -(V - E_L) C_m/tau_m + I_syn_ex + I_syn_in + I_e + I_stim; each spike of weight w
(pA) at t0 adds w (t-t0)/tau_syn exp(1-(t-t0)/tau_syn) to I_syn_ex (w > 0) or I_syn_in (w <= 0).
Integrated exactly on the grid; after a spike V is clamped to V_reset for t_ref.
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 250), tau_m (ms, 10), t_ref (ms, 2), V_th (mV, -55),
V_reset (mV, -70), tau_syn_ex (ms, 2), tau_syn_in (ms, 2), I_e (pA, 0), V_min (mV, -inf).
Receives: SpikeEvent (receptor 0), CurrentEvent. Sends: SpikeEvent.
Recordables: V_m, I_syn_ex, I_syn_in, weighted_spikes_ex, weighted_spikes_in.)";
  }
  // channels per node: 0 excitatory spikes, 1 inhibitory spikes, 2 current
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w > 0.0 ? 0 : 1;
  }
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
      for (size_t i = 0; i < n; ++i) {
                if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& v = V_[vi_[i]];
        if (s.r == 0) {
          s.V = v.P30 * (s.I_stim + v.I_e) + v.P31ex * s.dI_ex + v.P32ex * s.I_ex + v.P31in * s.dI_in +
                v.P32in * s.I_in + v.P33 * s.V;
          if (s.V < v.V_min) s.V = v.V_min;
        } else {
          --s.r;
        }
        s.I_ex = v.P21ex * s.dI_ex + v.P22ex * s.I_ex;
        s.dI_ex *= v.P11ex;
        s.I_in = v.P21in * s.dI_in + v.P22in * s.I_in;
        s.dI_in *= v.P11in;
        s.w_ex = p0[i];
        s.w_in = p1[i];
        s.dI_ex += v.EPSCInit * p0[i];
        s.dI_in += v.IPSCInit * p1[i];
        if (s.V >= v.V_th) {
          s.r = v.n_ref;
          s.V = v.V_reset;
          record_spike(i, step + 1);
          k.emit_spike(c, gids[i], lag, 1);
        }
        s.I_stim = p2[i];
        p0[i] = p1[i] = p2[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
