// aeif_cond_alpha: adaptive exponential integrate-and-fire neuron with alpha-shaped synaptic
// conductances (Brette & Gerstner 2005); spikes are detected after every solver sub-step.
#pragma once
#include "models/aeif_common.h"

namespace nk {
namespace aeif_cond_alpha {

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

enum { V_M, DG_EX, G_EX, DG_IN, G_IN, W, N_STATE };

struct State {
  double y[N_STATE] = {-70.6, 0.0, 0.0, 0.0, 0.0, 0.0};  // mV, nS/ms, nS, nS/ms, nS, pA
  long r = 0;
  double I_stim = 0.0;  // pA
  double h_int = 0.0;   // ms

  void get(Dict& d, const Parameters&) const {
    d.set("V_m", y[V_M]);
    d.set("g_ex", y[G_EX]);
    d.set("dg_ex", y[DG_EX]);
    d.set("g_in", y[G_IN]);
    d.set("dg_in", y[DG_IN]);
    d.set("w", y[W]);
  }
  void set(const Dict& d, const Parameters&, double) {
    double z[N_STATE];
    std::copy(y, y + N_STATE, z);
    read(d, "V_m", z[V_M]);
    read(d, "g_ex", z[G_EX]);
    read(d, "dg_ex", z[DG_EX]);
    read(d, "g_in", z[G_IN]);
    read(d, "dg_in", z[DG_IN]);
    read(d, "w", z[W]);
    if (z[G_EX] < 0 || z[G_IN] < 0) throw BadProperty("Conductances must not be negative.");
    std::copy(z, z + N_STATE, y);
  }
};

struct Internals {
  double g0_ex, g0_in;
  long n_ref;
  void compute(const Parameters& p, double) {
    g0_ex = M_E / p.tau_ex;
    g0_in = M_E / p.tau_in;
    n_ref = refractory_steps(p.t_ref);
  }
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
    f[DG_EX] = -y[DG_EX] / p.tau_ex;
    f[G_EX] = y[DG_EX] - y[G_EX] / p.tau_ex;
    f[DG_IN] = -y[DG_IN] / p.tau_in;
    f[G_IN] = y[DG_IN] - y[G_IN] / p.tau_in;
    f[W] = (p.a * (V - p.E_L) - y[W]) / p.tau_w;
  }
};

}  // namespace aeif_cond_alpha

class AeifCondAlpha final : public NeuronBase<AeifCondAlpha, aeif_cond_alpha::Parameters, aeif_cond_alpha::State,
                                              aeif_cond_alpha::Internals> {
 public:
  const char* help() const override {
    return R"(Name: aeif_cond_alpha - Conductance-based adaptive exponential integrate-and-fire neuron with
alpha-shaped synaptic conductances.
Description: C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T) - g_ex (V - E_ex)
- g_in (V - E_in) - w + I_e + I_stim;  tau_w dw/dt = a (V - E_L) - w.
Within the equations V is capped at V_peak, and during the refractory time V is held at V_reset.
Spikes are detected after every internal solver step: when V >= V_peak (V_th if Delta_T = 0) V is
reset to V_reset, w += b, and the neuron is refractory for t_ref (several spikes per step are
possible when t_ref = 0). A spike of weight w_s > 0 (nS) starts an alpha conductance with peak w_s
on g_ex, w_s <= 0 one with peak |w_s| on g_in. Adaptive Runge-Kutta-Fehlberg 4(5) with error
tolerance gsl_error_tol relative to the change of the state; V < -1000 mV or |w| > 1e6 pA raises
NumericalInstability.
Parameters: V_m (mV, -70.6), C_m (pF, 281), g_L (nS, 30), E_L (mV, -70.6), V_th (mV, -50.4), Delta_T (mV, 2),
V_peak (mV, 0), V_reset (mV, -60), t_ref (ms, 0), a (nS, 4), b (pA, 80.5), tau_w (ms, 144), E_ex (mV, 0),
E_in (mV, -85), tau_syn_ex (ms, 0.2), tau_syn_in (ms, 2), I_e (pA, 0), gsl_error_tol (1e-6);
state w (pA), g_ex, dg_ex, g_in, dg_in.
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
  double recordable(size_t i, int r) const override {
    using namespace aeif_cond_alpha;
    static const int idx[] = {V_M, G_EX, G_IN, W};
    return S_[i].y[idx[r]];
  }
  void update(UpdateCtx& c) override {
    using namespace aeif_cond_alpha;
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
        s.y[DG_EX] += ex[i] * v.g0_ex;
        s.y[DG_IN] -= in[i] * v.g0_in;
        s.I_stim = cur[i];
        ex[i] = in[i] = cur[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
