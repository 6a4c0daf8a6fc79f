// hh_cond_exp_traub: Hodgkin-Huxley neuron with Traub & Miles (1991) kinetics and exponential
// synaptic conductances, adaptive RKF45 (absolute error 1e-3).
#pragma once
#include "models/ode_neuron.h"

namespace nk {
namespace hh_cond_exp_traub {

struct Parameters {
  double g_Na = 20000.0;  // nS
  double g_K = 6000.0;    // nS
  double g_L = 10.0;      // nS
  double C_m = 200.0;     // pF
  double E_Na = 50.0;     // mV
  double E_K = -90.0;     // mV
  double E_L = -60.0;     // mV
  double V_T = -63.0;     // mV, shifts the gate kinetics (threshold near -50 mV)
  double E_ex = 0.0;      // mV
  double E_in = -80.0;    // mV
  double tau_ex = 5.0;    // ms
  double tau_in = 10.0;   // ms
  double t_ref = 2.0;     // ms
  double I_e = 0.0;       // pA

  static const auto& keys() {
    static const Key<Parameters> k[] = {
        {"g_Na", &Parameters::g_Na}, {"g_K", &Parameters::g_K},   {"g_L", &Parameters::g_L},
        {"C_m", &Parameters::C_m},   {"E_Na", &Parameters::E_Na}, {"E_K", &Parameters::E_K},
        {"E_L", &Parameters::E_L},   {"V_T", &Parameters::V_T},   {"E_ex", &Parameters::E_ex},
        {"E_in", &Parameters::E_in}, {"tau_syn_ex", &Parameters::tau_ex}, {"tau_syn_in", &Parameters::tau_in},
        {"t_ref", &Parameters::t_ref}, {"I_e", &Parameters::I_e}};
    return k;
  }
  void get(Dict& d) const { put_keys(*this, d, keys()); }
  double set(const Dict& d) {
    take_keys(*this, d, keys());
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (tau_ex <= 0 || tau_in <= 0) throw BadProperty("All time constants must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time cannot be negative.");
    return 0.0;
  }
};

enum { V_M, HH_M, HH_H, HH_N, G_EX, G_IN, N_STATE };

// Gate rates (1/ms) as functions of u = V - V_T (mV).
struct Rates {
  double a_n, b_n, a_m, b_m, a_h, b_h;
  explicit Rates(double u) {
    a_n = 0.032 * (15.0 - u) / (std::exp((15.0 - u) / 5.0) - 1.0);
    b_n = 0.5 * std::exp((10.0 - u) / 40.0);
    a_m = 0.32 * (13.0 - u) / (std::exp((13.0 - u) / 4.0) - 1.0);
    b_m = 0.28 * (u - 40.0) / (std::exp((u - 40.0) / 5.0) - 1.0);
    a_h = 0.128 * std::exp((17.0 - u) / 18.0);
    b_h = 4.0 / (1.0 + std::exp((40.0 - u) / 5.0));
  }
};

struct State {
  double y[N_STATE] = {};
  long r = 0;
  double I_stim = 0.0;  // pA
  double h_int = 0.0;   // ms
  State() {
    // The reference initialises the gates with the rates evaluated at V_m itself (not V_m - V_T);
    // the measured defaults (Act_m = 9.9e-9, ...) are these values.
    y[V_M] = -60.0;
    const Rates q(y[V_M]);
    y[HH_M] = q.a_m / (q.a_m + q.b_m);
    y[HH_H] = q.a_h / (q.a_h + q.b_h);
    y[HH_N] = q.a_n / (q.a_n + q.b_n);
  }
  void get(Dict& d, const Parameters&) const {
    d.set("V_m", y[V_M]);
    d.set("Act_m", y[HH_M]);
    d.set("Inact_h", y[HH_H]);
    d.set("Act_n", y[HH_N]);
  }
  void set(const Dict& d, const Parameters&, double) {
    double m = y[HH_M], hh = y[HH_H], nn = y[HH_N];
    read(d, "Act_m", m);
    read(d, "Inact_h", hh);
    read(d, "Act_n", nn);
    if (m < 0 || hh < 0 || nn < 0) throw BadProperty("All (in)activation variables must be non-negative.");
    read(d, "V_m", y[V_M]);
    y[HH_M] = m;
    y[HH_H] = hh;
    y[HH_N] = nn;
  }
};

struct Internals {
  long n_ref;
  void compute(const Parameters& p, double) { n_ref = refractory_steps(p.t_ref); }
};

struct Rhs {
  const Parameters& p;
  double I_stim;
  void operator()(const double* y, double* f) const {
    const double V = y[V_M], m = y[HH_M], hh = y[HH_H], nn = y[HH_N];
    const double I_Na = p.g_Na * m * m * m * hh * (V - p.E_Na);
    const double I_K = p.g_K * nn * nn * nn * nn * (V - p.E_K);
    const double I_L = p.g_L * (V - p.E_L);
    const double I_ex = y[G_EX] * (V - p.E_ex);
    const double I_in = y[G_IN] * (V - p.E_in);
    f[V_M] = (-I_Na - I_K - I_L - I_ex - I_in + I_stim + p.I_e) / p.C_m;
    const Rates q(V - p.V_T);
    f[HH_M] = q.a_m - (q.a_m + q.b_m) * m;
    f[HH_H] = q.a_h - (q.a_h + q.b_h) * hh;
    f[HH_N] = q.a_n - (q.a_n + q.b_n) * nn;
    f[G_EX] = -y[G_EX] / p.tau_ex;
    f[G_IN] = -y[G_IN] / p.tau_in;
  }
};

}  // namespace hh_cond_exp_traub

class HhCondExpTraub final : public NeuronBase<HhCondExpTraub, hh_cond_exp_traub::Parameters,
                                               hh_cond_exp_traub::State, hh_cond_exp_traub::Internals> {
 public:
  const char* help() const override {
    return R"(Name: hh_cond_exp_traub - Hodgkin-Huxley neuron with Traub kinetics and exponential conductances.
Description: C_m dV/dt = -g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L) - g_ex (V - E_ex)
- g_in (V - E_in) + I_e + I_stim; gate rates of Traub & Miles (1991) as functions of V - V_T;
conductances decay exponentially and a spike of weight w adds |w| nS (w > 0: g_ex, else g_in).
A spike is emitted when V >= V_T + 30 mV and V has fallen during the step, then none for t_ref.
Adaptive Runge-Kutta-Fehlberg 4(5) integration (absolute error 1e-3).
Parameters: V_m (mV, -60), g_Na (nS, 20000), g_K (nS, 6000), g_L (nS, 10), C_m (pF, 200), E_Na (mV, 50),
E_K (mV, -90), E_L (mV, -60), V_T (mV, -63), E_ex (mV, 0), E_in (mV, -80), tau_syn_ex (ms, 5),
tau_syn_in (ms, 10), t_ref (ms, 2), I_e (pA, 0); state Act_m, Inact_h, Act_n.
Receives: SpikeEvent, CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, g_ex, g_in, Act_m, Inact_h, Act_n.
References: Traub & Miles (1991) Neuronal Networks of the Hippocampus; Brette et al. (2007) Simulation
of networks of spiking neurons: a review of tools and strategies.)";
  }
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w > 0.0 ? 0 : 1;
  }
  std::vector<std::string> recordables() const override {
    return {"V_m", "g_ex", "g_in", "Act_m", "Inact_h", "Act_n"};
  }
  double recordable(size_t i, int r) const override {
    using namespace hh_cond_exp_traub;
    static const int idx[] = {V_M, G_EX, G_IN, HH_M, HH_H, HH_N};
    return S_[i].y[idx[r]];
  }
  void update(UpdateCtx& c) override {
    using namespace hh_cond_exp_traub;
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
        const double V_old = s.y[V_M];
        ode_grid_step(Rhs{p, s.I_stim}, ode::Control::on_y(1e-3, 0.0), h, s.h_int, h, s.y, work, *this);
        s.y[G_EX] += ex[i];
        s.y[G_IN] -= in[i];
        if (s.r > 0) {
          --s.r;
        } else if (s.y[V_M] >= p.V_T + 30.0 && V_old > s.y[V_M]) {
          s.r = V_[vi_[i]].n_ref;
          record_spike(i, step + 1);
          k.emit_spike(c, gids[i], lag, 1);
        }
        s.I_stim = cur[i];
        ex[i] = in[i] = cur[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
