// iaf_cond_exp: leaky integrate-and-fire neuron with exponentially decaying synaptic
// conductances, integrated with the adaptive RKF45 solver (absolute error 1e-3 on the state).
#pragma once
#include "models/ode_neuron.h"

namespace nk {
namespace iaf_cond_exp {

struct Parameters {
  double V_th = -55.0;     // mV
  double V_reset = -60.0;  // mV
  double t_ref = 2.0;      // ms
  double g_L = 16.6667;    // nS
  double C_m = 250.0;      // pF
  double E_ex = 0.0;       // mV
  double E_in = -85.0;     // mV
  double E_L = -70.0;      // mV
  double tau_ex = 0.2;     // ms
  double tau_in = 2.0;     // ms
  double I_e = 0.0;        // pA

  static const auto& keys() {
    static const Key<Parameters> k[] = {
        {"V_th", &Parameters::V_th},         {"V_reset", &Parameters::V_reset}, {"t_ref", &Parameters::t_ref},
        {"g_L", &Parameters::g_L},           {"C_m", &Parameters::C_m},         {"E_ex", &Parameters::E_ex},
        {"E_in", &Parameters::E_in},         {"E_L", &Parameters::E_L},         {"tau_syn_ex", &Parameters::tau_ex},
        {"tau_syn_in", &Parameters::tau_in}, {"I_e", &Parameters::I_e}};
    return k;
  }
  void get(Dict& d) const { put_keys(*this, d, keys()); }
  double set(const Dict& d) {
    take_keys(*this, d, keys());
    if (V_reset >= V_th) throw BadProperty("Reset potential must be smaller than threshold.");
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time cannot be negative.");
    if (tau_ex <= 0 || tau_in <= 0) throw BadProperty("All time constants must be strictly positive.");
    return 0.0;
  }
};

enum { V_M, G_EX, G_IN, N_STATE };

struct State {
  double y[N_STATE] = {-70.0, 0.0, 0.0};  // mV, nS, nS
  long r = 0;            // refractory steps left
  double I_stim = 0.0;   // pA, current input of the previous step
  double h_int = 0.0;    // ms, proposed solver sub-step

  void get(Dict& d, const Parameters&) const { d.set("V_m", y[V_M]); }
  void set(const Dict& d, const Parameters&, double) { read(d, "V_m", y[V_M]); }
};

struct Internals {
  long n_ref;
  void compute(const Parameters& p, double) { n_ref = refractory_steps(p.t_ref); }
};

// dy/dt; V is held at V_reset while refractory and capped at V_th in the currents
struct Rhs {
  const Parameters& p;
  double I_stim;
  bool refractory;
  void operator()(const double* y, double* f) const {
    const double V = refractory ? p.V_reset : std::min(y[V_M], p.V_th);
    const double I_ex = y[G_EX] * (V - p.E_ex);
    const double I_in = y[G_IN] * (V - p.E_in);
    const double I_L = p.g_L * (V - p.E_L);
    f[V_M] = refractory ? 0.0 : (-I_L + I_stim + p.I_e - I_ex - I_in) / p.C_m;
    f[G_EX] = -y[G_EX] / p.tau_ex;
    f[G_IN] = -y[G_IN] / p.tau_in;
  }
};

}  // namespace iaf_cond_exp

class IafCondExp final
    : public NeuronBase<IafCondExp, iaf_cond_exp::Parameters, iaf_cond_exp::State, iaf_cond_exp::Internals> {
 public:
  const char* help() const override {
    return R"(Name: iaf_cond_exp - Leaky integrate-and-fire neuron with exponential synaptic conductances.
Description: C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) + I_e + I_stim,
dg_ex/dt = -g_ex/tau_syn_ex, dg_in/dt = -g_in/tau_syn_in. A spike of weight w > 0 (nS) adds w to
g_ex, one with w <= 0 adds |w| to g_in. When V reaches V_th the neuron spikes and V is clamped to
V_reset for t_ref. Integrated with the adaptive Runge-Kutta-Fehlberg 4(5) method (absolute
error 1e-3), sub-step size carried over between simulation steps.
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 250), t_ref (ms, 2), V_th (mV, -55), V_reset (mV, -60),
E_ex (mV, 0), E_in (mV, -85), g_L (nS, 16.6667), tau_syn_ex (ms, 0.2), tau_syn_in (ms, 2), I_e (pA, 0).
Receives: SpikeEvent, CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, g_ex, g_in.
References: Meffin, Burkitt & Grayden (2004) An analytical model for the large, fluctuating synaptic
conductance state typical of neocortical neurons in vivo.)";
  }
  // channels per node: 0 excitatory spikes, 1 inhibitory spikes (weights <= 0), 2 current
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w > 0.0 ? 0 : 1;
  }
  std::vector<std::string> recordables() const override { return {"V_m", "g_ex", "g_in"}; }
  double recordable(size_t i, int r) const override { return S_[i].y[r]; }
  void update(UpdateCtx& c) override {
    using namespace iaf_cond_exp;
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
        ode_grid_step(Rhs{p, s.I_stim, s.r > 0}, ode::Control::on_y(1e-3, 0.0), h, s.h_int, h, s.y, work, *this);
        s.y[G_EX] += ex[i];
        s.y[G_IN] -= in[i];
        if (s.r > 0) {
          --s.r;
          s.y[V_M] = p.V_reset;
        } else if (s.y[V_M] >= p.V_th) {
          s.r = V_[vi_[i]].n_ref;
          s.y[V_M] = p.V_reset;
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
