// gif_cond_exp: generalised integrate-and-fire neuron (Mensi et al. 2012, Pozzorini et al. 2015)
// with exponential synaptic conductances: stochastic spiking with an exponential hazard,
// spike-triggered current and spike-triggered threshold movement; adaptive RKF45.
#pragma once
#include "models/ode_neuron.h"

namespace nk {
namespace gif_cond_exp {

struct Parameters {
  double g_L = 4.0;         // nS
  double E_L = -70.0;       // mV
  double V_reset = -55.0;   // mV
  double Delta_V = 0.5;     // mV
  double V_T_star = -35.0;  // mV
  double lambda_0 = 0.001;  // 1/ms (1/s in the status dictionary)
  double E_ex = 0.0;        // mV
  double E_in = -85.0;      // mV
  double tau_ex = 2.0;      // ms
  double tau_in = 2.0;      // ms
  double t_ref = 4.0;       // ms
  double C_m = 80.0;        // pF
  double I_e = 0.0;         // pA
  double gsl_error_tol = 1e-3;
  DoubleVec tau_stc, q_stc;  // ms, nA
  DoubleVec tau_sfa, q_sfa;  // ms, mV

  static const auto& keys() {
    using P = Parameters;
    static const Key<P> k[] = {{"I_e", &P::I_e},           {"E_L", &P::E_L},         {"g_L", &P::g_L},
                               {"C_m", &P::C_m},           {"V_reset", &P::V_reset}, {"Delta_V", &P::Delta_V},
                               {"V_T_star", &P::V_T_star}, {"t_ref", &P::t_ref},     {"tau_syn_ex", &P::tau_ex},
                               {"tau_syn_in", &P::tau_in}, {"E_ex", &P::E_ex},       {"E_in", &P::E_in},
                               {"gsl_error_tol", &P::gsl_error_tol}};
    return k;
  }
  void get(Dict& d) const {
    put_keys(*this, d, keys());
    d.set("lambda_0", lambda_0 * 1000.0);
    d.set("tau_sfa", tau_sfa);
    d.set("q_sfa", q_sfa);
    d.set("tau_stc", tau_stc);
    d.set("q_stc", q_stc);
  }
  double set(const Dict& d) {
    take_keys(*this, d, keys());
    if (read(d, "lambda_0", lambda_0)) lambda_0 /= 1000.0;
    read(d, "tau_sfa", tau_sfa);
    read(d, "q_sfa", q_sfa);
    read(d, "tau_stc", tau_stc);
    read(d, "q_stc", q_stc);
    if (tau_sfa.size() != q_sfa.size())
      throw BadProperty("'tau_sfa' and 'q_sfa' need to have the same dimensions.\nSize of tau_sfa: " +
                        std::to_string(tau_sfa.size()) + "\nSize of q_sfa: " + std::to_string(q_sfa.size()));
    if (tau_stc.size() != q_stc.size())
      throw BadProperty("'tau_stc' and 'q_stc' need to have the same dimensions.\nSize of tau_stc: " +
                        std::to_string(tau_stc.size()) + "\nSize of q_stc: " + std::to_string(q_stc.size()));
    if (g_L <= 0) throw BadProperty("Membrane conductance must be strictly positive.");
    if (Delta_V <= 0) throw BadProperty("Delta_V must be strictly positive.");
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time must not be negative.");
    if (lambda_0 < 0) throw BadProperty("lambda_0 must not be negative.");
    for (double t : tau_sfa)
      if (t <= 0) throw BadProperty("All time constants must be strictly positive.");
    for (double t : tau_stc)
      if (t <= 0) throw BadProperty("All time constants must be strictly positive.");
    if (tau_ex <= 0 || tau_in <= 0) throw BadProperty("Synapse time constants must be strictly positive.");
    if (gsl_error_tol <= 0) throw BadProperty("The gsl_error_tol must be strictly positive.");
    return 0.0;
  }
};

enum { V_M, G_EX, G_IN, N_STATE };

struct State {
  double y[N_STATE] = {-70.0, 0.0, 0.0};  // mV, nS, nS
  double sfa = 0.0;  // mV, threshold V_T (V_T_star + spike-triggered movement)
  double stc = 0.0;  // pA, spike-triggered current
  DoubleVec sfa_elems, stc_elems;
  long r = 0;
  double I_stim = 0.0;  // pA
  double h_int = 0.0;   // ms

  void get(Dict& d, const Parameters&) const {
    d.set("V_m", y[V_M]);
    d.set("g_ex", y[G_EX]);
    d.set("g_in", y[G_IN]);
    d.set("E_sfa", sfa);
    d.set("I_stc", stc);
  }
  void set(const Dict& d, const Parameters&, double) {
    read(d, "V_m", y[V_M]);
    read(d, "g_ex", y[G_EX]);
    read(d, "g_in", y[G_IN]);
  }
};

struct Internals {
  DoubleVec P_sfa, P_stc;  // decay of the adaptation elements over one step
  long n_ref = 0;
  void compute(const Parameters& p, double h) {
    P_sfa.resize(p.tau_sfa.size());
    P_stc.resize(p.tau_stc.size());
    for (size_t k = 0; k < P_sfa.size(); ++k) P_sfa[k] = std::exp(-h / p.tau_sfa[k]);
    for (size_t k = 0; k < P_stc.size(); ++k) P_stc[k] = std::exp(-h / p.tau_stc[k]);
    n_ref = refractory_steps(p.t_ref);
  }
};

struct Rhs {
  const Parameters& p;
  double I_stim, stc;
  bool refractory;
  void operator()(const double* y, double* f) const {
    const double V = refractory ? p.V_reset : y[V_M];
    const double I_ex = y[G_EX] * (V - p.E_ex);
    const double I_in = y[G_IN] * (V - p.E_in);
    const double I_L = p.g_L * (V - p.E_L);
    f[V_M] = refractory ? 0.0 : (-I_L + I_stim + p.I_e - I_ex - I_in - stc) / p.C_m;
    f[G_EX] = -y[G_EX] / p.tau_ex;
    f[G_IN] = -y[G_IN] / p.tau_in;
  }
};

}  // namespace gif_cond_exp

class GifCondExp final
    : public NeuronBase<GifCondExp, gif_cond_exp::Parameters, gif_cond_exp::State, gif_cond_exp::Internals> {
 public:
  const char* help() const override {
    return R"(Name: gif_cond_exp - Conductance-based generalized integrate-and-fire neuron with stochastic spiking.
Description: C_m dV/dt = -g_L (V - E_L) - eta(t) - g_ex (V - E_ex) - g_in (V - E_in) + I_e + I_stim, where
eta is the sum of spike-triggered currents (jump q_stc[k], decay tau_stc[k]); the threshold is
V_T = V_T_star + sum of spike-triggered threshold movements (q_sfa[k], tau_sfa[k]). Spikes are drawn
with the hazard lambda = lambda_0 exp((V - V_T)/Delta_V): probability 1 - exp(-lambda h) per step
(uniform numbers from the thread's generator). After a spike V is held at V_reset for t_ref.
Conductances decay exponentially; a spike of weight w >= 0 adds w (nS) to g_ex, w < 0 adds |w| to
g_in. Adaptive Runge-Kutta-Fehlberg 4(5) with absolute error gsl_error_tol.
Parameters: V_m (mV, -70), E_L (mV, -70), g_L (nS, 4), C_m (pF, 80), V_reset (mV, -55), Delta_V (mV, 0.5),
V_T_star (mV, -35), lambda_0 (1/s, 1), t_ref (ms, 4), tau_stc (ms, []), q_stc (pA, []), tau_sfa (ms, []),
q_sfa (mV, []), E_ex (mV, 0), E_in (mV, -85), tau_syn_ex (ms, 2), tau_syn_in (ms, 2), I_e (pA, 0),
gsl_error_tol (1e-3); state E_sfa (mV), I_stc (pA), g_ex, g_in (nS).
Receives: SpikeEvent, CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, E_sfa, I_stc, g_ex, g_in.
References: Mensi et al. (2012) Parameter extraction and classification of three cortical neuron types
reveals two distinct adaptation mechanisms; Pozzorini et al. (2015) Automated high-throughput
characterization of single neurons by means of simplified spiking models.)";
  }
  // channels per node: 0 excitatory spikes (w >= 0), 1 inhibitory spikes, 2 current
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w >= 0.0 ? 0 : 1;
  }
  std::vector<std::string> recordables() const override { return {"V_m", "E_sfa", "I_stc", "g_ex", "g_in"}; }
  double recordable(size_t i, int r) const override {
    using namespace gif_cond_exp;
    const auto& s = S_[i];
    switch (r) {
      case 0: return s.y[V_M];
      case 1: return s.sfa;
      case 2: return s.stc;
      case 3: return s.y[G_EX];
      case 4: return s.y[G_IN];
    }
    return 0.0;
  }
  void calibrate() override {
    NeuronBase::calibrate();
    for (size_t i = 0; i < size(); ++i) {
      S_[i].sfa_elems.resize(P_[i].tau_sfa.size(), 0.0);
      S_[i].stc_elems.resize(P_[i].tau_stc.size(), 0.0);
    }
  }
  void update(UpdateCtx& c) override {
    using namespace gif_cond_exp;
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
        // adaptation values of this step, then their decay
        s.stc = 0.0;
        for (size_t q = 0; q < s.stc_elems.size(); ++q) {
          s.stc += s.stc_elems[q];
          s.stc_elems[q] *= v.P_stc[q];
        }
        s.sfa = p.V_T_star;
        for (size_t q = 0; q < s.sfa_elems.size(); ++q) {
          s.sfa += s.sfa_elems[q];
          s.sfa_elems[q] *= v.P_sfa[q];
        }
        ode_grid_step(Rhs{p, s.I_stim, s.stc, s.r > 0}, ode::Control::on_y(p.gsl_error_tol, 0.0), h, s.h_int, h,
                      s.y, work, *this);
        s.y[G_EX] += ex[i];
        s.y[G_IN] -= in[i];
        if (s.r == 0) {
          const double lambda = p.lambda_0 * std::exp((s.y[V_M] - s.sfa) / p.Delta_V);
          if (lambda > 0.0 && c.rng->drand() < -std::expm1(-lambda * h)) {
            for (size_t q = 0; q < s.stc_elems.size(); ++q) s.stc_elems[q] += p.q_stc[q];
            for (size_t q = 0; q < s.sfa_elems.size(); ++q) s.sfa_elems[q] += p.q_sfa[q];
            s.r = v.n_ref;
            record_spike(i, step + 1);
            k.emit_spike(c, gids[i], lag, 1);
          }
        } else {
          --s.r;
          s.y[V_M] = p.V_reset;
        }
        s.I_stim = cur[i];
        ex[i] = in[i] = cur[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
