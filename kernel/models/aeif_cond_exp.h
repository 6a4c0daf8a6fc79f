// aeif_cond_exp: adaptive exponential integrate-and-fire neuron with exponentially decaying
// synaptic conductances (Brette & Gerstner 2005); spikes are detected after every sub-step.
#pragma once
#include "models/aeif_common.h"

namespace nk {
namespace aeif_cond_exp {

struct Parameters : AdexParameters {
  double E_ex = 0.0;    // mV
  double E_in = -85.0;  // mV
  double tau_ex = 0.2;  // ms
  double tau_in = 2.0;  // ms

  static const auto& keys() {
    static const Key<Parameters> k[] = {{"E_ex", &Parameters::E_ex}, {"E_in", &Parameters::E_in},
                                        {"tau_syn_ex", &Parameters::tau_ex}, {"tau_syn_in", &Parameters::tau_in}};
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

enum { V_M, G_EX, G_IN, W, N_STATE };

struct State {
  double y[N_STATE] = {-70.6, 0.0, 0.0, 0.0};  // mV, nS, nS, pA
  long r = 0;
  double I_stim = 0.0;  // pA
  double h_int = 0.0;   // ms

  void get(Dict& d, const Parameters&) const {
    d.set("V_m", y[V_M]);
    d.set("g_ex", y[G_EX]);
    d.set("g_in", y[G_IN]);
    d.set("w", y[W]);
  }
  void set(const Dict& d, const Parameters&, double) {
    double z[N_STATE];
    std::copy(y, y + N_STATE, z);
    read(d, "V_m", z[V_M]);
    read(d, "g_ex", z[G_EX]);
    read(d, "g_in", z[G_IN]);
    read(d, "w", z[W]);
    if (z[G_EX] < 0 || z[G_IN] < 0) throw BadProperty("Conductances must not be negative.");
    std::copy(z, z + N_STATE, y);
  }
};

struct Internals {
  long n_ref;
  void compute(const Parameters& p, double) { n_ref = refractory_steps(p.t_ref); }
};

struct Rhs {
  const Parameters& p;
  const double& I_stim;
  const long& r;
  void operator()(const double* y, double* f) const {
    const bool refractory = r > 0;
    const double V = p.V_eff(y[V_M], refractory);
    const double I_ex = y[G_EX] * (V - p.E_ex);
    const double I_in = y[G_IN] * (V - p.E_in);
    f[V_M] = refractory ? 0.0
                        : (-p.g_L * (V - p.E_L) + p.I_spike(V) - I_ex - I_in - y[W] + p.I_e + I_stim) / p.C_m;
    f[G_EX] = -y[G_EX] / p.tau_ex;
    f[G_IN] = -y[G_IN] / p.tau_in;
    f[W] = (p.a * (V - p.E_L) - y[W]) / p.tau_w;
  }
};

}  // namespace aeif_cond_exp

class AeifCondExp final
    : public NeuronBase<AeifCondExp, aeif_cond_exp::Parameters, aeif_cond_exp::State, aeif_cond_exp::Internals> {
 public:
  const char* help() const override {
    return R"(Name: aeif_cond_exp - Conductance-based adaptive exponential integrate-and-fire neuron with
exponentially decaying synaptic conductances.
Description: C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T) - g_ex (V - E_ex)
- g_in (V - E_in) - w + I_e + I_stim;  tau_w dw/dt = a (V - E_L) - w;  dg/dt = -g/tau_syn.
A spike of weight w_s adds |w_s| (nS) to g_ex (w_s > 0) or g_in (w_s <= 0). V is capped at V_peak
inside the equations and held at V_reset while refractory. Spikes are detected after every
internal solver step: V >= V_peak (V_th if Delta_T = 0) resets V to V_reset, adds b to w and starts
t_ref. Adaptive Runge-Kutta-Fehlberg 4(5) with tolerance gsl_error_tol on the state change;
V < -1000 mV or |w| > 1e6 pA raises NumericalInstability.
Parameters: V_m (mV, -70.6), C_m (pF, 281), g_L (nS, 30), E_L (mV, -70.6), V_th (mV, -50.4), Delta_T (mV, 2),
V_peak (mV, 0), V_reset (mV, -60), t_ref (ms, 0), a (nS, 4), b (pA, 80.5), tau_w (ms, 144), E_ex (mV, 0),
E_in (mV, -85), tau_syn_ex (ms, 0.2), tau_syn_in (ms, 2), I_e (pA, 0), gsl_error_tol (1e-6);
state w (pA), g_ex, g_in (nS).
Receives: SpikeEvent, CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, g_ex, g_in, w.
References: Brette & Gerstner (2005) Adaptive exponential integrate-and-fire model as an effective
description of neuronal activity.)";
  }
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w > 0.0 ? 0 : 1;
  }
  std::vector<std::string> recordables() const override { return {"V_m", "g_ex", "g_in", "w"}; }
  double recordable(size_t i, int r) const override { return S_[i].y[r]; }
  void update(UpdateCtx& c) override {
    using namespace aeif_cond_exp;
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
        s.y[G_EX] += ex[i];
        s.y[G_IN] -= in[i];
        s.I_stim = cur[i];
        ex[i] = in[i] = cur[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
