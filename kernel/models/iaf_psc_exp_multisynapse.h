// iaf_psc_exp_multisynapse: leaky integrate-and-fire neuron with one exponentially decaying
// current per receptor port (time constants tau_syn[k]), integrated exactly.
#pragma once
#include "models/multisynapse.h"

namespace nk {
namespace iaf_psc_exp_multisynapse {

struct Parameters {
  double tau_m = 10.0;   // ms
  double C_m = 250.0;    // pF
  double t_ref = 2.0;    // ms
  double E_L = -70.0;    // mV
  double I_e = 0.0;      // pA
  double V_th = 15.0;    // mV, relative to E_L
  double V_reset = 0.0;  // mV, relative to E_L
  std::vector<double> tau_syn{2.0};  // ms, one per receptor port

  size_t n_ports() const { return tau_syn.size(); }
  bool operator==(const Parameters& o) const {
    return tau_m == o.tau_m && C_m == o.C_m && t_ref == o.t_ref && E_L == o.E_L && I_e == o.I_e &&
           V_th == o.V_th && V_reset == o.V_reset && tau_syn == o.tau_syn;
  }
  void get(Dict& d) const {
    d.set("E_L", E_L);
    d.set("I_e", I_e);
    d.set("V_th", V_th + E_L);
    d.set("V_reset", V_reset + E_L);
    d.set("C_m", C_m);
    d.set("tau_m", tau_m);
    d.set("t_ref", t_ref);
    d.set("tau_syn", tau_syn);
    d.set("n_synapses", int64_t(tau_syn.size()));
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
    read(d, "t_ref", t_ref);
    read_tau_syn(d, tau_syn, "All synaptic time constants must be strictly positive.");
    if (V_reset >= V_th) throw BadProperty("Reset potential must be smaller than threshold.");
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (tau_m <= 0) throw BadProperty("Membrane time constant must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time must not be negative.");
    return delta;
  }
};

struct State {
  double V = 0.0;       // mV relative to E_L
  double I_stim = 0.0;  // pA, current input of the previous step
  long r = 0;           // refractory steps left
  std::vector<double> I{0.0};  // pA per port

  void fit(const Parameters& p) { I.resize(p.n_ports(), 0.0); }
  void clear_ports() { std::fill(I.begin(), I.end(), 0.0); }
  void get(Dict& d, const Parameters& p) const { d.set("V_m", V + p.E_L); }
  void set(const Dict& d, const Parameters& p, double delta_EL) {
    double v;
    if (read(d, "V_m", v)) V = v - p.E_L; else V -= delta_EL;
  }
};

struct Internals {
  std::vector<double> P11, P21;
  double P20, P22, I_e, V_th;
  double V_reset;
  long n_ref;
  void compute(const Parameters& p, double h) {
    const size_t n = p.tau_syn.size();
    P11.resize(n);
    P21.resize(n);
    for (size_t k = 0; k < n; ++k) {
      P11[k] = std::exp(-h / p.tau_syn[k]);
      P21[k] = Propagators::P_exp(p.tau_syn[k], p.tau_m, p.C_m, h);
    }
    P22 = std::exp(-h / p.tau_m);
    P20 = -p.tau_m / p.C_m * std::expm1(-h / p.tau_m);
    I_e = p.I_e;
    V_th = p.V_th;
    V_reset = p.V_reset;
    n_ref = refractory_steps(p.t_ref);
  }
};

}  // namespace iaf_psc_exp_multisynapse

class IafPscExpMultisynapse final
    : public MultisynapseBase<IafPscExpMultisynapse, iaf_psc_exp_multisynapse::Parameters,
                              iaf_psc_exp_multisynapse::State, iaf_psc_exp_multisynapse::Internals> {
 public:
  const char* help() const override {
    return R"(Name: iaf_psc_exp_multisynapse - Leaky integrate-and-fire neuron with exponential currents on several receptor ports.
Description: C_m dV/dt = -(V - E_L) C_m/tau_m + sum_k I_k + I_e + I_stim. A spike of weight w (pA, sign kept)
on receptor port k (1..n) adds w to I_k, which decays with tau_syn[k]. Integrated exactly
(Rotter & Diesmann 1999, "Exact digital simulation of time-invariant linear systems with applications to
neuronal modeling"); tau_syn[k] == tau_m uses the closed-form limit. After a spike V is clamped to V_reset
for t_ref.
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 250), tau_m (ms, 10), t_ref (ms, 2), V_th (mV, -55),
V_reset (mV, -70), I_e (pA, 0), tau_syn (list of ms, [2.0]); read-only n_synapses,
has_connections. The number of ports cannot be reduced once connections exist.
Receives: SpikeEvent (receptor ports 1..n), CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, I_syn (sum over ports), I_syn_1 ... I_syn_n.)";
  }
  double recordable(size_t i, int r) const override {
    const auto& s = S_[i];
    if (r == 0) return s.V + P_[i].E_L;
    if (r == 1) {
      double sum = 0.0;
      for (double x : s.I) sum += x;
      return sum;
    }
    const size_t k = size_t(r - 2);
    return k < s.I.size() ? s.I[k] : 0.0;
  }
  void update(UpdateCtx& c) override {
    const size_t n = size();
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const in = c.row(step) + chan_base;
      for (size_t i = 0; i < n; ++i) {
        if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& v = V_[vi_[i]];
        const size_t np = s.I.size();
        if (s.r == 0) {
          double V = s.V * v.P22 + (v.I_e + s.I_stim) * v.P20;
          for (size_t q = 0; q < np; ++q) V += v.P21[q] * s.I[q];
          s.V = V;
        } else {
          --s.r;
        }
        for (size_t q = 0; q < np; ++q) {
          double& x = in[(1 + q) * n + i];
          s.I[q] = s.I[q] * v.P11[q] + x;
          x = 0.0;
        }
        if (s.V >= v.V_th) {
          s.r = v.n_ref;
          s.V = v.V_reset;
          record_spike(i, step + 1);
          k.emit_spike(c, gids[i], lag, 1);
        }
        s.I_stim = in[i];
        in[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
