// iaf_cond_beta: leaky integrate-and-fire neuron with beta-shaped (rise/decay) synaptic
// conductances, integrated with the adaptive RKF45 solver (absolute error 1e-3 on the state).
#pragma once
#include "models/ode_neuron.h"

namespace nk {

// Jump of dg per unit weight that makes the beta conductance (dg' = -dg/tau_decay,
// g' = dg - g/tau_rise) peak at exactly the weight; the alpha limit when the two are equal.
inline double beta_peak_normalisation(double tau_rise, double tau_decay) {
  const double eps = std::numeric_limits<double>::epsilon();
  const double diff = tau_decay - tau_rise;
  double peak = 0.0;
  if (std::fabs(diff) > eps) {
    const double t_peak = tau_decay * tau_rise * std::log(tau_decay / tau_rise) / diff;
    peak = std::exp(-t_peak / tau_decay) - std::exp(-t_peak / tau_rise);
  }
  if (std::fabs(peak) < eps) return M_E / tau_decay;
  return (1.0 / tau_rise - 1.0 / tau_decay) / peak;
}

namespace iaf_cond_beta {

struct Parameters {
  double V_th = -55.0;        // mV
  double V_reset = -60.0;     // mV
  double t_ref = 2.0;         // ms
  double g_L = 16.6667;       // nS
  double C_m = 250.0;         // pF
  double E_ex = 0.0;          // mV
  double E_in = -85.0;        // mV
  double E_L = -70.0;         // mV
  double tau_rise_ex = 0.2;   // ms
  double tau_decay_ex = 0.2;  // ms
  double tau_rise_in = 2.0;   // ms
  double tau_decay_in = 2.0;  // ms
  double I_e = 0.0;           // pA

  static const auto& keys() {
    static const Key<Parameters> k[] = {{"V_th", &Parameters::V_th},
                                        {"V_reset", &Parameters::V_reset},
                                        {"t_ref", &Parameters::t_ref},
                                        {"g_L", &Parameters::g_L},
                                        {"C_m", &Parameters::C_m},
                                        {"E_ex", &Parameters::E_ex},
                                        {"E_in", &Parameters::E_in},
                                        {"E_L", &Parameters::E_L},
                                        {"tau_rise_ex", &Parameters::tau_rise_ex},
                                        {"tau_decay_ex", &Parameters::tau_decay_ex},
                                        {"tau_rise_in", &Parameters::tau_rise_in},
                                        {"tau_decay_in", &Parameters::tau_decay_in},
                                        {"I_e", &Parameters::I_e}};
    return k;
  }
  void get(Dict& d) const { put_keys(*this, d, keys()); }
  double set(const Dict& d) {
    take_keys(*this, d, keys());
    if (V_reset >= V_th) throw BadProperty("Reset potential must be smaller than threshold.");
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time cannot be negative.");
    if (tau_rise_ex <= 0 || tau_decay_ex <= 0 || tau_rise_in <= 0 || tau_decay_in <= 0)
      throw BadProperty("All time constants must be strictly positive.");
    return 0.0;
  }
};

enum { V_M, DG_EX, G_EX, DG_IN, G_IN, N_STATE };

struct State {
  double y[N_STATE] = {-70.0, 0.0, 0.0, 0.0, 0.0};  // mV, nS/ms, nS, nS/ms, nS
  long r = 0;            // refractory steps left
  double I_stim = 0.0;   // pA, current input of the previous step
  double h_int = 0.0;    // ms, proposed solver sub-step

  void get(Dict& d, const Parameters&) const { d.set("V_m", y[V_M]); }
  void set(const Dict& d, const Parameters&, double) { read(d, "V_m", y[V_M]); }
};

struct Internals {
  double g0_ex, g0_in;
  long n_ref;
  void compute(const Parameters& p, double) {
    g0_ex = beta_peak_normalisation(p.tau_rise_ex, p.tau_decay_ex);
    g0_in = beta_peak_normalisation(p.tau_rise_in, p.tau_decay_in);
    n_ref = refractory_steps(p.t_ref);
  }
};

struct Rhs {
  const Parameters& p;
  double I_stim;
  bool refractory;
  void operator()(const double* y, double* f) const {
    const double V = refractory ? p.V_reset : std::min(y[V_M], p.V_th);
    const double I_ex = y[G_EX] * (V - p.E_ex);
    const double I_in = y[G_IN] * (V - p.E_in);
    const double I_L = p.g_L * (V - p.E_L);
    f[V_M] = refractory ? 0.0 : (-I_L - I_ex - I_in + I_stim + p.I_e) / p.C_m;
    f[DG_EX] = -y[DG_EX] / p.tau_decay_ex;
    f[G_EX] = y[DG_EX] - y[G_EX] / p.tau_rise_ex;
    f[DG_IN] = -y[DG_IN] / p.tau_decay_in;
    f[G_IN] = y[DG_IN] - y[G_IN] / p.tau_rise_in;
  }
};

}  // namespace iaf_cond_beta

class IafCondBeta final
    : public NeuronBase<IafCondBeta, iaf_cond_beta::Parameters, iaf_cond_beta::State, iaf_cond_beta::Internals> {
 public:
  const char* help() const override {
    return R"(Name: iaf_cond_beta - Leaky integrate-and-fire neuron with beta-shaped synaptic conductances.
Description: C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) + I_e + I_stim; each
conductance is the difference of two exponentials with time constants tau_rise and tau_decay
(d dg/dt = -dg/tau_decay, dg/dt = dg - g/tau_rise), normalised so that a spike of weight w (nS)
gives a peak conductance |w| (w > 0: excitatory, w <= 0: inhibitory). Equal time constants give
an alpha function. Threshold V_th, reset to V_reset and clamp for t_ref. Adaptive
Runge-Kutta-Fehlberg 4(5) integration (absolute error 1e-3).
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 250), t_ref (ms, 2), V_th (mV, -55), V_reset (mV, -60),
E_ex (mV, 0), E_in (mV, -85), g_L (nS, 16.6667), tau_rise_ex (ms, 0.2), tau_decay_ex (ms, 0.2),
tau_rise_in (ms, 2), tau_decay_in (ms, 2), I_e (pA, 0).
Receives: SpikeEvent, CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, g_ex, g_in, t_ref_remaining.
References: Rotter & Diesmann (1999) Exact digital simulation of time-invariant linear systems with
applications to neuronal modeling; Roth & van Rossum (2010) Modeling synapses.)";
  }
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w > 0.0 ? 0 : 1;
  }
  std::vector<std::string> recordables() const override { return {"V_m", "g_ex", "g_in", "t_ref_remaining"}; }
  double recordable(size_t i, int r) const override {
    using namespace iaf_cond_beta;
    const auto& s = S_[i];
    switch (r) {
      case 0: return s.y[V_M];
      case 1: return s.y[G_EX];
      case 2: return s.y[G_IN];
      case 3: return s.r * kernel().h();
    }
    return 0.0;
  }
  void update(UpdateCtx& c) override {
    using namespace iaf_cond_beta;
    const size_t n = size();
    Kernel& k = kernel();
    const double h = k.h();
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
        ode_grid_step(Rhs{p, s.I_stim, s.r > 0}, ode::Control::on_y(1e-3, 0.0), h, s.h_int, h, s.y, work, *this);
        if (s.r > 0) {
          --s.r;
          s.y[V_M] = p.V_reset;
        } else if (s.y[V_M] >= p.V_th) {
          s.r = v.n_ref;
          s.y[V_M] = p.V_reset;
          record_spike(i, step + 1);
          k.emit_spike(c, gids[i], lag, 1);
        }
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
