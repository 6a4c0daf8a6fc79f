// mat2_psc_exp: non-resetting leaky integrate-and-fire neuron with exponential currents and a
// two-timescale adaptive threshold (MAT2), integrated exactly.
#pragma once
#include "models/neuron_base.h"

namespace nk {
namespace mat2_psc_exp {

struct Parameters {
  double tau_m = 5.0;     // ms
  double C_m = 100.0;     // pF
  double t_ref = 2.0;     // ms, total refractory time (no spikes, V keeps integrating)
  double E_L = -70.0;     // mV
  double I_e = 0.0;       // pA
  double tau_ex = 1.0;    // ms
  double tau_in = 3.0;    // ms
  double tau_1 = 10.0;    // ms, short threshold time constant
  double tau_2 = 200.0;   // ms, long threshold time constant
  double alpha_1 = 37.0;  // mV, short threshold jump
  double alpha_2 = 2.0;   // mV, long threshold jump
  double omega = 19.0;    // mV, resting threshold relative to E_L

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
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (tau_m <= 0 || tau_ex <= 0 || tau_in <= 0 || t_ref <= 0 || tau_1 <= 0 || tau_2 <= 0)
      throw BadProperty("All time constants must be strictly positive.");
    return delta;
  }
};

struct State {
  double V = 0.0;                 // mV relative to E_L
  double I_ex = 0.0, I_in = 0.0;  // pA
  double I_stim = 0.0;            // pA, current input of the previous step
  double th_1 = 0.0, th_2 = 0.0;  // mV, threshold components
  long r = 0;
  void get(Dict& d, const Parameters& p) const {
    d.set("V_m", V + p.E_L);
    d.set("V_th_alpha_1", th_1);
    d.set("V_th_alpha_2", th_2);
    d.set("V_th", p.E_L + p.omega + th_1 + th_2);
  }
  void set(const Dict& d, const Parameters& p, double delta_EL) {
    double v;
    if (read(d, "V_m", v)) V = v - p.E_L; else V -= delta_EL;
    read(d, "V_th_alpha_1", th_1);
    read(d, "V_th_alpha_2", th_2);
  }
};

struct Internals {
  double P11ex, P11in, P21ex, P21in, P22, P20, P_th1, P_th2;
  double I_e, omega, alpha_1, alpha_2;
  long n_ref;
  void compute(const Parameters& p, double h) {
    P11ex = std::exp(-h / p.tau_ex);
    P11in = std::exp(-h / p.tau_in);
    P22 = std::exp(-h / p.tau_m);
    P21ex = Propagators::P_exp(p.tau_ex, p.tau_m, p.C_m, h);
    P21in = Propagators::P_exp(p.tau_in, p.tau_m, p.C_m, h);
    P20 = -p.tau_m / p.C_m * std::expm1(-h / p.tau_m);
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

}  // namespace mat2_psc_exp

class Mat2PscExp final
    : public NeuronBase<Mat2PscExp, mat2_psc_exp::Parameters, mat2_psc_exp::State, mat2_psc_exp::Internals> {
 public:
  const char* help() const override {
    return R"(Name: mat2_psc_exp - Non-resetting leaky integrate-and-fire neuron with exponential currents and a multi-timescale adaptive threshold.
Description: C_m dV/dt = -(V - E_L) C_m/tau_m + I_syn_ex + I_syn_in + I_e + I_stim, integrated exactly;
the membrane is never reset. The threshold is V_th = omega + th_1 + th_2, where th_k decays with tau_k and
jumps by alpha_k at each spike (Kobayashi, Tsubo & Shinomoto 2009, "Made-to-order spiking neuron model
equipped with a multi-timescale adaptive threshold"). A spike is emitted when V >= V_th outside the total
refractory time t_ref (at least one step). Spikes of weight w (pA) add w to I_syn_ex (w >= 0) or I_syn_in.
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 100), tau_m (ms, 5), tau_syn_ex (ms, 1), tau_syn_in (ms, 3),
t_ref (ms, 2), tau_1 (ms, 10), tau_2 (ms, 200), alpha_1 (mV, 37), alpha_2 (mV, 2), omega (mV, -51, absolute),
I_e (pA, 0), state V_th_alpha_1, V_th_alpha_2 (mV, 0); read-only V_th.
Receives: SpikeEvent (receptor 0), CurrentEvent. Sends: SpikeEvent.
Recordables: V_m, V_th.)";
  }
  // channels per node: 0 exc spikes, 1 inh spikes, 2 current
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w >= 0.0 ? 0 : 1;
  }
  std::vector<std::string> recordables() const override { return {"V_m", "V_th"}; }
  double recordable(size_t i, int r) const override {
    const auto& s = S_[i];
    const auto& p = P_[i];
    return r == 0 ? s.V + p.E_L : p.E_L + p.omega + s.th_1 + s.th_2;
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
        s.V = s.V * v.P22 + s.I_ex * v.P21ex + s.I_in * v.P21in + (v.I_e + s.I_stim) * v.P20;
        s.th_1 *= v.P_th1;
        s.th_2 *= v.P_th2;
        s.I_ex = s.I_ex * v.P11ex + p0[i];
        s.I_in = s.I_in * v.P11in + p1[i];
        if (s.r == 0) {
          if (s.V >= v.omega + s.th_2 + s.th_1) {
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
