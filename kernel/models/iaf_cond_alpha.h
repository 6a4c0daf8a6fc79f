// iaf_cond_alpha: leaky integrate-and-fire neuron with alpha-shaped synaptic conductances,
// integrated with the adaptive RKF45 solver (absolute error 1e-3 on the state).
#pragma once
#include "models/ode_neuron.h"

namespace nk {
namespace iaf_cond_alpha {

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

  void get(Dict& d) const {
    d.set("V_th", V_th);
    d.set("V_reset", V_reset);
    d.set("t_ref", t_ref);
    d.set("g_L", g_L);
    d.set("C_m", C_m);
    d.set("E_ex", E_ex);
    d.set("E_in", E_in);
    d.set("E_L", E_L);
    d.set("tau_syn_ex", tau_ex);
    d.set("tau_syn_in", tau_in);
    d.set("I_e", I_e);
  }
  double set(const Dict& d) {
    read(d, "V_th", V_th);
    read(d, "V_reset", V_reset);
    read(d, "t_ref", t_ref);
    read(d, "E_L", E_L);
    read(d, "E_ex", E_ex);
    read(d, "E_in", E_in);
    read(d, "C_m", C_m);
    read(d, "g_L", g_L);
    read(d, "tau_syn_ex", tau_ex);
    read(d, "tau_syn_in", tau_in);
    read(d, "I_e", I_e);
    if (V_reset >= V_th) throw BadProperty("Reset potential must be smaller than threshold.");
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time cannot be negative.");
    if (tau_ex <= 0 || tau_in <= 0) throw BadProperty("All time constants must be strictly positive.");
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
  double g0_ex, g0_in;  // dg jump per nS of spike weight (peak conductance = weight)
  long n_ref;
  void compute(const Parameters& p, double) {
    g0_ex = M_E / p.tau_ex;
    g0_in = M_E / p.tau_in;
    n_ref = refractory_steps(p.t_ref);
  }
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
    f[V_M] = refractory ? 0.0 : (-I_L - I_ex - I_in + I_stim + p.I_e) / p.C_m;
    f[DG_EX] = -y[DG_EX] / p.tau_ex;
    f[G_EX] = y[DG_EX] - y[G_EX] / p.tau_ex;
    f[DG_IN] = -y[DG_IN] / p.tau_in;
    f[G_IN] = y[DG_IN] - y[G_IN] / p.tau_in;
  }
};

}  // namespace iaf_cond_alpha

class IafCondAlpha final : public NeuronBase<IafCondAlpha, iaf_cond_alpha::Parameters, iaf_cond_alpha::State,
                                             iaf_cond_alpha::Internals> {
 public:
  const char* help() const override {
    return R"(Name: iaf_cond_alpha - Leaky integrate-and-fire neuron with alpha-shaped synaptic conductances.
Description: C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) + I_e + I_stim.
A spike of weight w > 0 (nS) makes g_ex follow w (t/tau_syn_ex) exp(1 - t/tau_syn_ex); a spike with
w <= 0 does the same for g_in with |w|. When V reaches V_th the neuron spikes, V is reset to V_reset
and clamped there for t_ref; the conductances keep evolving. Integrated with the adaptive
Runge-Kutta-Fehlberg 4(5) method (absolute error 1e-3, relative 0), sub-step size carried over
between simulation steps.
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 250), t_ref (ms, 2), V_th (mV, -55), V_reset (mV, -60),
E_ex (mV, 0), E_in (mV, -85), g_L (nS, 16.6667), tau_syn_ex (ms, 0.2), tau_syn_in (ms, 2), I_e (pA, 0).
Receives: SpikeEvent, CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, g_ex, g_in, t_ref_remaining.
References: Meffin, Burkitt & Grayden (2004) An analytical model for the large, fluctuating synaptic
conductance state typical of neocortical neurons in vivo; Kuhn & Rotter (2004) Neuronal integration
of synaptic input in the fluctuation-driven regime.)";
  }
  // channels per node: 0 excitatory spikes, 1 inhibitory spikes (weights <= 0), 2 current
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w > 0.0 ? 0 : 1;
  }
  std::vector<std::string> recordables() const override { return {"V_m", "g_ex", "g_in", "t_ref_remaining"}; }
  double recordable(size_t i, int r) const override {
    using namespace iaf_cond_alpha;
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
    using namespace iaf_cond_alpha;
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
