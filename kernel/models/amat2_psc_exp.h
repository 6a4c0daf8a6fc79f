// amat2_psc_exp: MAT2 neuron (non-resetting, two-timescale adaptive threshold) with an added
// threshold component driven by the membrane voltage (AMAT2), integrated exactly.
#pragma once
#include "models/linear_propagator.h"
#include "models/neuron_base.h"

namespace nk {
namespace amat2_psc_exp {

struct Parameters {
  double tau_m = 10.0;    // ms
  double C_m = 200.0;     // pF
  double t_ref = 2.0;     // ms, total refractory time (no spikes, V keeps integrating)
  double E_L = -70.0;     // mV
  double I_e = 0.0;       // pA
  double tau_ex = 1.0;    // ms
  double tau_in = 3.0;    // ms
  double tau_1 = 10.0;    // ms, short threshold time constant
  double tau_2 = 200.0;   // ms, long threshold time constant
  double alpha_1 = 10.0;  // mV, short threshold jump
  double alpha_2 = 0.0;   // mV, long threshold jump
  double omega = 5.0;     // mV, resting threshold relative to E_L
  double beta = 0.0;      // 1/ms, weight of the voltage-driven threshold component
  double tau_v = 5.0;     // ms, time constant of its kernel

  void get(Dict& d) const {
    d.set("E_L", E_L);
    d.set("I_e", I_e);
    d.set("C_m", C_m);
    d.set("tau_m", tau_m);
    d.set("tau_syn_ex", tau_ex);
    d.set("tau_syn_in", tau_in);
    d.set("t_ref", t_ref);
    d.set("tau_1", tau_1);
    d.set("tau_2", tau_2);
    d.set("alpha_1", alpha_1);
    d.set("alpha_2", alpha_2);
    d.set("omega", omega + E_L);
    d.set("beta", beta);
    d.set("tau_v", tau_v);
  }
  double set(const Dict& d) {
    const double E_L_old = E_L;
    read(d, "E_L", E_L);
    const double delta = E_L - E_L_old;
    double v;
    if (read(d, "omega", v)) omega = v - E_L; else omega -= delta;
    read(d, "I_e", I_e);
    read(d, "C_m", C_m);
    read(d, "tau_m", tau_m);
    read(d, "tau_syn_ex", tau_ex);
    read(d, "tau_syn_in", tau_in);
    read(d, "t_ref", t_ref);
    read(d, "tau_1", tau_1);
    read(d, "tau_2", tau_2);
    read(d, "alpha_1", alpha_1);
    read(d, "alpha_2", alpha_2);
    read(d, "beta", beta);
    read(d, "tau_v", tau_v);
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (tau_m <= 0 || tau_ex <= 0 || tau_in <= 0 || t_ref <= 0 || tau_1 <= 0 || tau_2 <= 0 ||
        tau_v <= 0)
      throw BadProperty("All time constants must be strictly positive.");
    return delta;
  }
};

struct State {
  double V = 0.0;                 // mV relative to E_L
  double I_ex = 0.0, I_in = 0.0;  // pA
  double I_stim = 0.0;            // pA, current input of the previous step
  double th_1 = 0.0, th_2 = 0.0;  // mV, threshold components
  double th_dv = 0.0, th_v = 0.0; // mV/ms, mV: voltage-driven component and its auxiliary variable
  long r = 0;
  void get(Dict& d, const Parameters& p) const {
    d.set("V_m", V + p.E_L);
    d.set("V_th_alpha_1", th_1);
    d.set("V_th_alpha_2", th_2);
    d.set("V_th_v", th_v);
    d.set("V_th", p.E_L + p.omega + th_1 + th_2 + th_v);
  }
  void set(const Dict& d, const Parameters& p, double delta_EL) {
    double v;
    if (read(d, "V_m", v)) V = v - p.E_L; else V -= delta_EL;
    read(d, "V_th_alpha_1", th_1);
    read(d, "V_th_alpha_2", th_2);
    read(d, "V_th_v", th_v);
  }
};

struct Internals {
  double P11ex, P11in, P21ex, P21in, P22, P20, P_th1, P_th2;
  // rows of the propagator for (th_dv, th_v) acting on (I, I_ex, I_in, V, th_dv, th_v)
  double Pdv[6], Pv[6];
  double I_e, omega, alpha_1, alpha_2;
  long n_ref;
  void compute(const Parameters& p, double h) {
    P11ex = std::exp(-h / p.tau_ex);
    P11in = std::exp(-h / p.tau_in);
    P22 = std::exp(-h / p.tau_m);
    P21ex = Propagators::P_exp(p.tau_ex, p.tau_m, p.C_m, h);
    P21in = Propagators::P_exp(p.tau_in, p.tau_m, p.C_m, h);
    P20 = -p.tau_m / p.C_m * std::expm1(-h / p.tau_m);
    // state (I, I_ex, I_in, V, th_dv, th_v); I = I_e + I_stim is constant over a step
    Matrix<6> A{};
    A[1][1] = -1.0 / p.tau_ex;
    A[2][2] = -1.0 / p.tau_in;
    const double dV[6] = {1.0 / p.C_m, 1.0 / p.C_m, 1.0 / p.C_m, -1.0 / p.tau_m, 0.0, 0.0};
    for (int j = 0; j < 6; ++j) {
      A[3][j] = dV[j];
      A[4][j] = p.beta * dV[j];
    }
    A[4][4] = -1.0 / p.tau_v;
    A[5][4] = 1.0;
    A[5][5] = -1.0 / p.tau_v;
    for (auto& row : A)
      for (auto& x : row) x *= h;
    const Matrix<6> E = expm(A);
    for (int j = 0; j < 6; ++j) {
      Pdv[j] = E[4][j];
      Pv[j] = E[5][j];
    }
    P_th1 = std::exp(-h / p.tau_1);
    P_th2 = std::exp(-h / p.tau_2);
    I_e = p.I_e;
    omega = p.omega;
    alpha_1 = p.alpha_1;
    alpha_2 = p.alpha_2;
    n_ref = refractory_steps(p.t_ref);
    if (n_ref < 1) throw BadProperty("Total refractory time must be at least one time step.");
  }
};

}  // namespace amat2_psc_exp

class Amat2PscExp final
    : public NeuronBase<Amat2PscExp, amat2_psc_exp::Parameters, amat2_psc_exp::State, amat2_psc_exp::Internals> {
 public:
  const char* help() const override {
    return R"(Name: amat2_psc_exp - Non-resetting leaky integrate-and-fire neuron with exponential currents and a multi-timescale, voltage-dependent adaptive threshold.
Description: C_m dV/dt = -(V - E_L) C_m/tau_m + I_syn_ex + I_syn_in + I_e + I_stim, integrated exactly;
the membrane is never reset. The threshold is V_th = omega + th_1 + th_2, where th_k decays with tau_k and
jumps by alpha_k at each spike (Kobayashi, Tsubo & Shinomoto 2009, "Made-to-order spiking neuron model
equipped with a multi-timescale adaptive threshold") plus th_v = beta * integral of s exp(-s/tau_v) dV/dt(t-s) ds,
the voltage-driven component of Yamauchi, Kim & Shinomoto 2011 ("Elemental spiking neuron model for
reproducing diverse firing patterns and predicting precise firing times"); the threshold is
omega + th_1 + th_2 + th_v. The linear system is propagated exactly. A spike is emitted when V >= V_th outside the total
refractory time t_ref (at least one step). Spikes of weight w (pA) add w to I_syn_ex (w >= 0) or I_syn_in.
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 200), tau_m (ms, 10), tau_syn_ex (ms, 1), tau_syn_in (ms, 3),
t_ref (ms, 2), tau_1 (ms, 10), tau_2 (ms, 200), alpha_1 (mV, 10), alpha_2 (mV, 0), omega (mV, -65, absolute),
beta (1/ms, 0), tau_v (ms, 5), I_e (pA, 0), state V_th_alpha_1, V_th_alpha_2, V_th_v (mV, 0); read-only V_th.
Receives: SpikeEvent (receptor 0), CurrentEvent. Sends: SpikeEvent.
Recordables: V_m, V_th, V_th_v, I_syn_ex, I_syn_in.)";
  }
  // channels per node: 0 exc spikes, 1 inh spikes, 2 current
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w >= 0.0 ? 0 : 1;
  }
  std::vector<std::string> recordables() const override {
    return {"I_syn_ex", "I_syn_in", "V_m", "V_th", "V_th_v"};
  }
  double recordable(size_t i, int r) const override {
    const auto& s = S_[i];
    const auto& p = P_[i];
    switch (r) {
      case 0: return s.I_ex;
      case 1: return s.I_in;
      case 2: return s.V + p.E_L;
      case 3: return p.E_L + p.omega + s.th_1 + s.th_2 + s.th_v;
      case 4: return s.th_v;
    }
    return 0.0;
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
        const double I = v.I_e + s.I_stim;
        const double th_v = v.Pv[0] * I + v.Pv[1] * s.I_ex + v.Pv[2] * s.I_in + v.Pv[3] * s.V +
                            v.Pv[4] * s.th_dv + v.Pv[5] * s.th_v;
        s.th_dv = v.Pdv[0] * I + v.Pdv[1] * s.I_ex + v.Pdv[2] * s.I_in + v.Pdv[3] * s.V + v.Pdv[4] * s.th_dv;
        s.th_v = th_v;
        s.V = s.V * v.P22 + s.I_ex * v.P21ex + s.I_in * v.P21in + (v.I_e + s.I_stim) * v.P20;
        s.th_1 *= v.P_th1;
        s.th_2 *= v.P_th2;
        s.I_ex = s.I_ex * v.P11ex + p0[i];
        s.I_in = s.I_in * v.P11in + p1[i];
        if (s.r == 0) {
          if (s.V >= v.omega + s.th_1 + s.th_2 + s.th_v) {
            s.r = v.n_ref;
            s.th_1 += v.alpha_1;
            s.th_2 += v.alpha_2;
            record_spike(i, step + 1);
            k.emit_spike(c, gids[i], lag, 1);
          }
        } else {
          --s.r;
        }
        s.I_stim = p2[i];
        p0[i] = p1[i] = p2[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
