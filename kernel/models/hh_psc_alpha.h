// hh_psc_alpha: Hodgkin-Huxley neuron with alpha-shaped postsynaptic currents, adaptive RKF45
// (absolute error 1e-3); a spike is a local maximum of V at or above 0 mV.
#pragma once
#include "models/ode_neuron.h"

namespace nk {
namespace hh_psc_alpha {

struct Parameters {
  double t_ref = 2.0;      // ms
  double g_Na = 12000.0;   // nS
  double g_K = 3600.0;     // nS
  double g_L = 30.0;       // nS
  double C_m = 100.0;      // pF
  double E_Na = 50.0;      // mV
  double E_K = -77.0;      // mV
  double E_L = -54.402;    // mV
  double tau_ex = 0.2;     // ms
  double tau_in = 2.0;     // ms
  double I_e = 0.0;        // pA

  static const auto& keys() {
    static const Key<Parameters> k[] = {
        {"t_ref", &Parameters::t_ref}, {"g_Na", &Parameters::g_Na}, {"g_K", &Parameters::g_K},
        {"g_L", &Parameters::g_L},     {"C_m", &Parameters::C_m},   {"E_Na", &Parameters::E_Na},
        {"E_K", &Parameters::E_K},     {"E_L", &Parameters::E_L},   {"tau_syn_ex", &Parameters::tau_ex},
        {"tau_syn_in", &Parameters::tau_in}, {"I_e", &Parameters::I_e}};
    return k;
  }
  void get(Dict& d) const { put_keys(*this, d, keys()); }
  double set(const Dict& d) {
    take_keys(*this, d, keys());
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time cannot be negative.");
    if (tau_ex <= 0 || tau_in <= 0) throw BadProperty("All time constants must be strictly positive.");
    if (g_K < 0 || g_Na < 0 || g_L < 0) throw BadProperty("All conductances must be non-negative.");
    return 0.0;
  }
};

enum { V_M, HH_M, HH_H, HH_N, DI_EX, I_EX, DI_IN, I_IN, N_STATE };

// Opening (alpha) and closing (beta) rates of the gates at V (mV), in 1/ms.
struct Rates {
  double a_n, b_n, a_m, b_m, a_h, b_h;
  explicit Rates(double V) {
    a_n = 0.01 * (V + 55.0) / (1.0 - std::exp(-(V + 55.0) / 10.0));
    b_n = 0.125 * std::exp(-(V + 65.0) / 80.0);
    a_m = 0.1 * (V + 40.0) / (1.0 - std::exp(-(V + 40.0) / 10.0));
    b_m = 4.0 * std::exp(-(V + 65.0) / 18.0);
    a_h = 0.07 * std::exp(-(V + 65.0) / 20.0);
    b_h = 1.0 / (1.0 + std::exp(-(V + 35.0) / 10.0));
  }
};

struct State {
  double y[N_STATE] = {};
  long r = 0;
  double I_stim = 0.0;  // pA
  double h_int = 0.0;   // ms
  State() {
    y[V_M] = -65.0;  // gates start at their steady state for this voltage
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
  double i0_ex, i0_in;
  long n_ref;
  void compute(const Parameters& p, double) {
    i0_ex = M_E / p.tau_ex;
    i0_in = M_E / p.tau_in;
    n_ref = refractory_steps(p.t_ref);
  }
};

struct Rhs {
  const Parameters& p;
  double I_stim;
  void operator()(const double* y, double* f) const {
    const double V = y[V_M], m = y[HH_M], hh = y[HH_H], nn = y[HH_N];
    const Rates q(V);
    const double I_Na = p.g_Na * m * m * m * hh * (V - p.E_Na);
    const double I_K = p.g_K * nn * nn * nn * nn * (V - p.E_K);
    const double I_L = p.g_L * (V - p.E_L);
    f[V_M] = (-(I_Na + I_K + I_L) + I_stim + p.I_e + y[I_EX] + y[I_IN]) / p.C_m;
    f[HH_M] = q.a_m * (1.0 - m) - q.b_m * m;
    f[HH_H] = q.a_h * (1.0 - hh) - q.b_h * hh;
    f[HH_N] = q.a_n * (1.0 - nn) - q.b_n * nn;
    f[DI_EX] = -y[DI_EX] / p.tau_ex;
    f[I_EX] = y[DI_EX] - y[I_EX] / p.tau_ex;
    f[DI_IN] = -y[DI_IN] / p.tau_in;
    f[I_IN] = y[DI_IN] - y[I_IN] / p.tau_in;
  }
};

}  // namespace hh_psc_alpha

class HhPscAlpha final
    : public NeuronBase<HhPscAlpha, hh_psc_alpha::Parameters, hh_psc_alpha::State, hh_psc_alpha::Internals> {
 public:
  const char* help() const override {
    return R"(Name: hh_psc_alpha - Hodgkin-Huxley neuron model with alpha-shaped postsynaptic currents.
Description: C_m dV/dt = -g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L) + I_ex + I_in + I_e + I_stim,
dx/dt = alpha_x(V) (1 - x) - beta_x(V) x for x = m, h, n with the rates of Hodgkin & Huxley (1952)
shifted to a -65 mV resting potential. A spike of weight w (pA) starts an alpha current with peak w
at tau_syn (w > 0: excitatory, otherwise inhibitory, sign kept). A spike is emitted when V >= 0 mV and
V has fallen during the step (the peak has passed), then no spike for t_ref; V is not reset.
Adaptive Runge-Kutta-Fehlberg 4(5) integration (absolute error 1e-3). Gates start at steady state.
Parameters: V_m (mV, -65), E_L (mV, -54.402), C_m (pF, 100), g_Na (nS, 12000), E_Na (mV, 50), g_K (nS, 3600),
E_K (mV, -77), g_L (nS, 30), tau_syn_ex (ms, 0.2), tau_syn_in (ms, 2), t_ref (ms, 2), I_e (pA, 0);
state Act_m, Inact_h, Act_n.
Receives: SpikeEvent, CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, Act_m, Inact_h, Act_n, I_syn_ex, I_syn_in.
References: Hodgkin & Huxley (1952) A quantitative description of membrane current and its application
to conduction and excitation in nerve; Gerstner & Kistler (2002) Spiking Neuron Models.)";
  }
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w > 0.0 ? 0 : 1;
  }
  std::vector<std::string> recordables() const override {
    return {"V_m", "Act_m", "Inact_h", "Act_n", "I_syn_ex", "I_syn_in"};
  }
  double recordable(size_t i, int r) const override {
    using namespace hh_psc_alpha;
    static const int idx[] = {V_M, HH_M, HH_H, HH_N, I_EX, I_IN};
    return S_[i].y[idx[r]];
  }
  void update(UpdateCtx& c) override {
    using namespace hh_psc_alpha;
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
        const double V_old = s.y[V_M];
        ode_grid_step(Rhs{p, s.I_stim}, ode::Control::on_y(1e-3, 0.0), h, s.h_int, h, s.y, work, *this);
        s.y[DI_EX] += ex[i] * v.i0_ex;
        s.y[DI_IN] += in[i] * v.i0_in;
        if (s.r > 0) {
          --s.r;
        } else if (s.y[V_M] >= 0.0 && V_old > s.y[V_M]) {
          s.r = v.n_ref;
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
