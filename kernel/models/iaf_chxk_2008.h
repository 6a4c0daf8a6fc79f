// iaf_chxk_2008: conductance-based integrate-and-fire neuron of the retina-LGN model of Casti et
// al. (2008) with an after-hyperpolarising conductance instead of a reset; adaptive RKF45.
#pragma once
#include "models/ode_neuron.h"

namespace nk {
namespace iaf_chxk_2008 {

struct Parameters {
  double V_th = -45.0;    // mV
  double g_L = 100.0;     // nS
  double C_m = 1000.0;    // pF
  double E_ex = 20.0;     // mV
  double E_in = -90.0;    // mV
  double E_L = -60.0;     // mV
  double tau_ex = 1.0;    // ms
  double tau_in = 1.0;    // ms
  double I_e = 0.0;       // pA
  double tau_ahp = 0.5;   // ms
  double g_ahp = 443.8;   // nS
  double E_ahp = -95.0;   // mV
  bool ahp_bug = false;   // keep only the AHP of the latest spike (as the original code did)

  static const auto& keys() {
    static const Key<Parameters> k[] = {
        {"V_th", &Parameters::V_th},           {"g_L", &Parameters::g_L},         {"C_m", &Parameters::C_m},
        {"E_ex", &Parameters::E_ex},           {"E_in", &Parameters::E_in},       {"E_L", &Parameters::E_L},
        {"tau_syn_ex", &Parameters::tau_ex},   {"tau_syn_in", &Parameters::tau_in}, {"I_e", &Parameters::I_e},
        {"tau_ahp", &Parameters::tau_ahp},     {"g_ahp", &Parameters::g_ahp},     {"E_ahp", &Parameters::E_ahp}};
    return k;
  }
  void get(Dict& d) const {
    put_keys(*this, d, keys());
    d.set("ahp_bug", ahp_bug);
  }
  double set(const Dict& d) {
    take_keys(*this, d, keys());
    read(d, "ahp_bug", ahp_bug);
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (tau_ex <= 0 || tau_in <= 0 || tau_ahp <= 0) throw BadProperty("All time constants must be strictly positive.");
    return 0.0;
  }
};

enum { V_M, DG_EX, G_EX, DG_IN, G_IN, DG_AHP, G_AHP, N_STATE };

struct State {
  double y[N_STATE] = {-60.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};  // mV, then (nS/ms, nS) pairs
  double I_stim = 0.0;   // pA, current input of the previous step
  double h_int = 0.0;    // ms, proposed solver sub-step

  void get(Dict& d, const Parameters&) const { d.set("V_m", y[V_M]); }
  void set(const Dict& d, const Parameters&, double) { read(d, "V_m", y[V_M]); }
};

struct Internals {
  double g0_ex, g0_in, g0_ahp;  // dg jumps: unit peak for synapses, g_ahp peak for the AHP
  void compute(const Parameters& p, double) {
    g0_ex = M_E / p.tau_ex;
    g0_in = M_E / p.tau_in;
    g0_ahp = p.g_ahp * M_E / p.tau_ahp;
  }
};

struct Rhs {
  const Parameters& p;
  double I_stim;
  void operator()(const double* y, double* f) const {
    const double V = y[V_M];
    const double I_ex = y[G_EX] * (V - p.E_ex);
    const double I_in = y[G_IN] * (V - p.E_in);
    const double I_ahp = y[G_AHP] * (V - p.E_ahp);
    const double I_L = p.g_L * (V - p.E_L);
    f[V_M] = (-I_L - I_ex - I_in - I_ahp + I_stim + p.I_e) / p.C_m;
    f[DG_EX] = -y[DG_EX] / p.tau_ex;
    f[G_EX] = y[DG_EX] - y[G_EX] / p.tau_ex;
    f[DG_IN] = -y[DG_IN] / p.tau_in;
    f[G_IN] = y[DG_IN] - y[G_IN] / p.tau_in;
    f[DG_AHP] = -y[DG_AHP] / p.tau_ahp;
    f[G_AHP] = y[DG_AHP] - y[G_AHP] / p.tau_ahp;
  }
};

}  // namespace iaf_chxk_2008

class IafChxk2008 final
    : public NeuronBase<IafChxk2008, iaf_chxk_2008::Parameters, iaf_chxk_2008::State, iaf_chxk_2008::Internals> {
 public:
  const char* help() const override {
    return R"(Name: iaf_chxk_2008 - Conductance-based leaky integrate-and-fire neuron used in Casti et al. 2008.
Description: C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) - g_ahp (V - E_ahp) + I_e + I_stim.
Synaptic and after-hyperpolarisation (AHP) conductances are alpha functions (tau_syn_ex, tau_syn_in,
tau_ahp); a spike of weight w gives a synaptic peak |w| nS (w > 0 excitatory, w <= 0 inhibitory).
A spike is emitted when V crosses V_th from below within a step; there is no reset and no
refractory time. The spike time is located by linear interpolation inside the step and the AHP
conductance (peak g_ahp) is started from that time; with ahp_bug = true earlier AHP activation is
discarded at each spike, as in the original Fortran code. Spikes are sent off-grid: stamp of the
step end with the interpolated offset, so the spike time is stamp - offset. Adaptive Runge-Kutta-Fehlberg 4(5) integration (absolute error 1e-3).
Parameters: V_m (mV, -60), E_L (mV, -60), C_m (pF, 1000), V_th (mV, -45), E_ex (mV, 20), E_in (mV, -90),
g_L (nS, 100), tau_syn_ex (ms, 1), tau_syn_in (ms, 1), I_e (pA, 0), tau_ahp (ms, 0.5), g_ahp (nS, 443.8),
E_ahp (mV, -95), ahp_bug (false).
Receives: SpikeEvent, CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, g_ex, g_in, g_ahp, I_syn_ex, I_syn_in, I_ahp.
References: Casti, Hayot, Xiao & Kaplan (2008) A simple model of retina-LGN transmission.)";
  }
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w > 0.0 ? 0 : 1;
  }
  // the interpolated spike time leaves the grid; input is still read on the grid
  bool precise_output() const override { return true; }
  std::vector<std::string> recordables() const override {
    return {"V_m", "g_ex", "g_in", "g_ahp", "I_syn_ex", "I_syn_in", "I_ahp"};
  }
  double recordable(size_t i, int r) const override {
    using namespace iaf_chxk_2008;
    const auto& y = S_[i].y;
    const auto& p = P_[i];
    switch (r) {
      case 0: return y[V_M];
      case 1: return y[G_EX];
      case 2: return y[G_IN];
      case 3: return y[G_AHP];
      case 4: return y[G_EX] * (y[V_M] - p.E_ex);
      case 5: return y[G_IN] * (y[V_M] - p.E_in);
      case 6: return y[G_AHP] * (y[V_M] - p.E_ahp);
    }
    return 0.0;
  }
  void update(UpdateCtx& c) override {
    using namespace iaf_chxk_2008;
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
        const double V_prev = s.y[V_M];
        ode_grid_step(Rhs{p, s.I_stim}, ode::Control::on_y(1e-3, 0.0), h, s.h_int, h, s.y, work, *this);
        if (V_prev < p.V_th && s.y[V_M] >= p.V_th) {
          // time from the interpolated crossing to the end of the step
          const double dt = h * (s.y[V_M] - p.V_th) / (s.y[V_M] - V_prev);
          const double ddg = v.g0_ahp * std::exp(-dt / p.tau_ahp);
          const double dg = ddg * dt;
          if (p.ahp_bug) {
            s.y[G_AHP] = dg;
            s.y[DG_AHP] = ddg;
          } else {
            s.y[G_AHP] += dg;
            s.y[DG_AHP] += ddg;
          }
          A_[i].t_spike = k.time().ms(step + 1) - dt;
          k.emit_precise_spike(c, gids[i], lag, 1, dt);
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
