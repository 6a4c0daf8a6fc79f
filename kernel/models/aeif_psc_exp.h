// aeif_psc_exp: adaptive exponential integrate-and-fire neuron with exponentially decaying
// postsynaptic currents (Brette & Gerstner 2005); spikes are detected after every sub-step.
#pragma once
#include "models/aeif_common.h"

namespace nk {
namespace aeif_psc_exp {

struct Parameters : AdexParameters {
  double tau_ex = 0.2;  // ms
  double tau_in = 2.0;  // ms

  static const auto& keys() {
    static const Key<Parameters> k[] = {{"tau_syn_ex", &Parameters::tau_ex}, {"tau_syn_in", &Parameters::tau_in}};
    return k;
  }
  void get(Dict& d) const {
    get_adex(d);
    put_keys(*this, d, keys());
  }
  double set(const Dict& d) {
    take_keys(*this, d, keys());
    set_adex(d);
    if (tau_ex <= 0 || tau_in <= 0 || tau_w <= 0) throw BadProperty("All time constants must be strictly positive.");
    return 0.0;
  }
};

enum { V_M, I_EX, I_IN, W, N_STATE };

struct State {
  double y[N_STATE] = {-70.6, 0.0, 0.0, 0.0};  // mV, pA, pA, pA
  long r = 0;
  double I_stim = 0.0;  // pA
  double h_int = 0.0;   // ms

  void get(Dict& d, const Parameters&) const {
    d.set("V_m", y[V_M]);
    d.set("I_syn_ex", y[I_EX]);
    d.set("I_syn_in", y[I_IN]);
    d.set("w", y[W]);
  }
  void set(const Dict& d, const Parameters&, double) {
    read(d, "V_m", y[V_M]);
    read(d, "I_syn_ex", y[I_EX]);
    read(d, "I_syn_in", y[I_IN]);
    read(d, "w", y[W]);
  }
};

struct Internals {
  long n_ref;
  void compute(const Parameters& p, double) { n_ref = refractory_steps(p.t_ref); }
};

// inhibitory currents are kept positive and subtracted
struct Rhs {
  const Parameters& p;
  const double& I_stim;
  const long& r;
  void operator()(const double* y, double* f) const {
    const bool refractory = r > 0;
    const double V = p.V_eff(y[V_M], refractory);
    f[V_M] = refractory
                 ? 0.0
                 : (-p.g_L * (V - p.E_L) + p.I_spike(V) + y[I_EX] - y[I_IN] - y[W] + p.I_e + I_stim) / p.C_m;
    f[I_EX] = -y[I_EX] / p.tau_ex;
    f[I_IN] = -y[I_IN] / p.tau_in;
    f[W] = (p.a * (V - p.E_L) - y[W]) / p.tau_w;
  }
};

}  // namespace aeif_psc_exp

class AeifPscExp final : public NeuronBase<AeifPscExp, aeif_psc_exp::Parameters, aeif_psc_exp::State,
                                             aeif_psc_exp::Internals> {
 public:
  const char* help() const override {
    return R"(Name: aeif_psc_exp - Current-based adaptive exponential integrate-and-fire neuron with
exponentially decaying postsynaptic currents.
Description: C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T) + I_syn_ex - I_syn_in - w
+ I_e + I_stim;  tau_w dw/dt = a (V - E_L) - w. A spike of weight w_s > 0 (pA) adds w_s to I_syn_ex,
one with w_s <= 0 adds |w_s| to I_syn_in; both decay with tau_syn_ex / tau_syn_in. V is capped at V_peak inside the
equations and held at V_reset while refractory. Spikes are detected after every internal solver
step (V >= V_peak, or V_th if Delta_T = 0): V <- V_reset, w += b, refractory for t_ref.
Adaptive Runge-Kutta-Fehlberg 4(5), tolerance gsl_error_tol on the state change; V < -1000 mV or
|w| > 1e6 pA raises NumericalInstability.
Parameters: V_m (mV, -70.6), C_m (pF, 281), g_L (nS, 30), E_L (mV, -70.6), V_th (mV, -50.4), Delta_T (mV, 2),
V_peak (mV, 0), V_reset (mV, -60), t_ref (ms, 0), a (nS, 4), b (pA, 80.5), tau_w (ms, 144),
tau_syn_ex (ms, 0.2), tau_syn_in (ms, 2), I_e (pA, 0), gsl_error_tol (1e-6); state w, I_syn_ex, I_syn_in.
Receives: SpikeEvent, CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, I_syn_ex, I_syn_in, w.
References: Brette & Gerstner (2005) Adaptive exponential integrate-and-fire model as an effective
description of neuronal activity.)";
  }
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w > 0.0 ? 0 : 1;
  }
  std::vector<std::string> recordables() const override { return {"V_m", "I_syn_ex", "I_syn_in", "w"}; }
  double recordable(size_t i, int r) const override {
    using namespace aeif_psc_exp;
    static const int idx[] = {V_M, I_EX, I_IN, W};
    return S_[i].y[idx[r]];
  }
  void update(UpdateCtx& c) override {
    using namespace aeif_psc_exp;
    const size_t n = size();
    const double h = kernel().h();
    ode::OdeWork<N_STATE> work;
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const ex = c.row(step) + chan_base;
      double* const in = ex + n;
      double* const cur = ex + 2 * n;
      for (size_t i = 0; i < n; ++i) {
        if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& p = P_[i];
        const auto& v = V_[vi_[i]];
        const Rhs rhs{p, s.I_stim, s.r};
        adex_step<V_M, W>(*this, c, i, lag, s, p, v.n_ref, rhs, work, h);
        s.y[I_EX] += ex[i];
        s.y[I_IN] -= in[i];
        s.I_stim = cur[i];
        ex[i] = in[i] = cur[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
