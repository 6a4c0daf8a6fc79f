// iaf_cond_exp_sfa_rr: conductance-based leaky integrate-and-fire neuron with spike-frequency
// adaptation and relative refractoriness conductances (Dayan & Abbott 2001), adaptive RKF45.
#pragma once
#include "models/ode_neuron.h"

namespace nk {
namespace iaf_cond_exp_sfa_rr {

struct Parameters {
  double V_th = -57.0;     // mV
  double V_reset = -70.0;  // mV
  double t_ref = 0.5;      // ms
  double g_L = 28.95;      // nS
  double C_m = 289.5;      // pF
  double E_ex = 0.0;       // mV
  double E_in = -75.0;     // mV
  double E_L = -70.0;      // mV
  double tau_ex = 1.5;     // ms
  double tau_in = 10.0;    // ms
  double I_e = 0.0;        // pA
  double tau_sfa = 110.0;  // ms
  double tau_rr = 1.97;    // ms
  double E_sfa = -70.0;    // mV
  double E_rr = -70.0;     // mV
  double q_sfa = 14.48;    // nS
  double q_rr = 3214.0;    // nS

  static const auto& keys() {
    static const Key<Parameters> k[] = {
        {"V_th", &Parameters::V_th},         {"V_reset", &Parameters::V_reset}, {"t_ref", &Parameters::t_ref},
        {"g_L", &Parameters::g_L},           {"C_m", &Parameters::C_m},         {"E_ex", &Parameters::E_ex},
        {"E_in", &Parameters::E_in},         {"E_L", &Parameters::E_L},         {"tau_syn_ex", &Parameters::tau_ex},
        {"tau_syn_in", &Parameters::tau_in}, {"I_e", &Parameters::I_e},         {"tau_sfa", &Parameters::tau_sfa},
        {"tau_rr", &Parameters::tau_rr},     {"E_sfa", &Parameters::E_sfa},     {"E_rr", &Parameters::E_rr},
        {"q_sfa", &Parameters::q_sfa},       {"q_rr", &Parameters::q_rr}};
    return k;
  }
  void get(Dict& d) const { put_keys(*this, d, keys()); }
  double set(const Dict& d) {
    take_keys(*this, d, keys());
    if (V_reset >= V_th) throw BadProperty("Reset potential must be smaller than threshold.");
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time cannot be negative.");
    if (tau_ex <= 0 || tau_in <= 0 || tau_sfa <= 0 || tau_rr <= 0)
      throw BadProperty("All time constants must be strictly positive.");
    return 0.0;
  }
};

enum { V_M, G_EX, G_IN, G_SFA, G_RR, N_STATE };

struct State {
  double y[N_STATE] = {-70.0, 0.0, 0.0, 0.0, 0.0};  // mV, nS x4
  long r = 0;            // refractory steps left
  double I_stim = 0.0;   // pA, current input of the previous step
  double h_int = 0.0;    // ms, proposed solver sub-step

  void get(Dict& d, const Parameters&) const {
    d.set("V_m", y[V_M]);
    d.set("g_ex", y[G_EX]);
    d.set("g_in", y[G_IN]);
    d.set("g_sfa", y[G_SFA]);
    d.set("g_rr", y[G_RR]);
  }
  void set(const Dict& d, const Parameters&, double) {
    read(d, "V_m", y[V_M]);
    read(d, "g_ex", y[G_EX]);
    read(d, "g_in", y[G_IN]);
    read(d, "g_sfa", y[G_SFA]);
    read(d, "g_rr", y[G_RR]);
  }
};

struct Internals {
  long n_ref;
  void compute(const Parameters& p, double) { n_ref = refractory_steps(p.t_ref); }
};

// Unlike iaf_cond_exp, the reference keeps integrating V during refractoriness (V is reset to
// V_reset after every step instead) and does not cap it at V_th.
struct Rhs {
  const Parameters& p;
  double I_stim;
  void operator()(const double* y, double* f) const {
    const double V = y[V_M];
    const double I_ex = y[G_EX] * (V - p.E_ex);
    const double I_in = y[G_IN] * (V - p.E_in);
    const double I_L = p.g_L * (V - p.E_L);
    const double I_sfa = y[G_SFA] * (V - p.E_sfa);
    const double I_rr = y[G_RR] * (V - p.E_rr);
    f[V_M] = (-I_L + I_stim + p.I_e - I_ex - I_in - I_sfa - I_rr) / p.C_m;
    f[G_EX] = -y[G_EX] / p.tau_ex;
    f[G_IN] = -y[G_IN] / p.tau_in;
    f[G_SFA] = -y[G_SFA] / p.tau_sfa;
    f[G_RR] = -y[G_RR] / p.tau_rr;
  }
};

}  // namespace iaf_cond_exp_sfa_rr

class IafCondExpSfaRr final : public NeuronBase<IafCondExpSfaRr, iaf_cond_exp_sfa_rr::Parameters,
                                                iaf_cond_exp_sfa_rr::State, iaf_cond_exp_sfa_rr::Internals> {
 public:
  const char* help() const override {
    return R"(Name: iaf_cond_exp_sfa_rr - Conductance-based leaky integrate-and-fire neuron with spike-frequency
adaptation and relative refractory mechanisms.
Description: C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) - g_sfa (V - E_sfa)
- g_rr (V - E_rr) + I_e + I_stim; all conductances decay exponentially (tau_syn_ex, tau_syn_in,
tau_sfa, tau_rr). Spikes of weight w add |w| (nS) to g_ex (w > 0) or g_in (w <= 0). At each output
spike g_sfa += q_sfa and g_rr += q_rr, V is reset to V_reset and clamped for t_ref. Adaptive
Runge-Kutta-Fehlberg 4(5) integration (absolute error 1e-3).
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 289.5), t_ref (ms, 0.5), V_th (mV, -57), V_reset (mV, -70),
E_ex (mV, 0), E_in (mV, -75), g_L (nS, 28.95), tau_syn_ex (ms, 1.5), tau_syn_in (ms, 10), I_e (pA, 0),
tau_sfa (ms, 110), tau_rr (ms, 1.97), E_sfa (mV, -70), E_rr (mV, -70), q_sfa (nS, 14.48), q_rr (nS, 3214);
state g_ex, g_in, g_sfa, g_rr (nS).
Receives: SpikeEvent, CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, g_ex, g_in, g_sfa, g_rr.
References: Dayan & Abbott (2001) Theoretical Neuroscience, p. 166; Muller, Buesing, Schemmel &
Meier (2007) Spike-frequency adapting neural ensembles.)";
  }
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w > 0.0 ? 0 : 1;
  }
  std::vector<std::string> recordables() const override { return {"V_m", "g_ex", "g_in", "g_sfa", "g_rr"}; }
  double recordable(size_t i, int r) const override { return S_[i].y[r]; }
  void update(UpdateCtx& c) override {
    using namespace iaf_cond_exp_sfa_rr;
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
        ode_grid_step(Rhs{p, s.I_stim}, ode::Control::on_y(1e-3, 0.0), h, s.h_int, h, s.y, work, *this);
        s.y[G_EX] += ex[i];
        s.y[G_IN] -= in[i];
        if (s.r > 0) {
          --s.r;
          s.y[V_M] = p.V_reset;
        } else if (s.y[V_M] >= p.V_th) {
          s.r = V_[vi_[i]].n_ref;
          s.y[V_M] = p.V_reset;
          s.y[G_SFA] += p.q_sfa;
          s.y[G_RR] += p.q_rr;
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
