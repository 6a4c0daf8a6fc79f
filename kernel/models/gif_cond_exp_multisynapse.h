// gif_cond_exp_multisynapse: the generalized integrate-and-fire neuron with escape noise of
// gif_cond_exp, with one exponentially decaying conductance per receptor port (own reversal
// potential and time constant); adaptive RKF45 on a run-time-sized state.
#pragma once
#include "models/gif_psc_exp.h"
#include "models/multisynapse.h"
#include "models/ode_neuron.h"

namespace nk {
namespace gif_cond_exp_multisynapse {

struct Parameters {
  double g_L = 4.0;         // nS
  double E_L = -70.0;       // mV
  double V_reset = -55.0;   // mV
  double Delta_V = 0.5;     // mV
  double V_T_star = -35.0;  // mV
  double lambda_0 = 1.0;    // 1/s
  double t_ref = 4.0;       // ms
  double C_m = 80.0;        // pF
  double I_e = 0.0;         // pA
  double gsl_error_tol = 1e-3;
  std::vector<double> E_rev{0.0};    // mV, one per receptor port
  std::vector<double> tau_syn{2.0};  // ms, one per receptor port
  GifKernels K;

  size_t n_ports() const { return tau_syn.size(); }
  bool operator==(const Parameters& o) const {
    return g_L == o.g_L && E_L == o.E_L && V_reset == o.V_reset && Delta_V == o.Delta_V &&
           V_T_star == o.V_T_star && lambda_0 == o.lambda_0 && t_ref == o.t_ref && C_m == o.C_m && I_e == o.I_e &&
           gsl_error_tol == o.gsl_error_tol && E_rev == o.E_rev && tau_syn == o.tau_syn && K == o.K;
  }
  void get(Dict& d) const {
    d.set("I_e", I_e);
    d.set("E_L", E_L);
    d.set("g_L", g_L);
    d.set("C_m", C_m);
    d.set("V_reset", V_reset);
    d.set("Delta_V", Delta_V);
    d.set("V_T_star", V_T_star);
    d.set("lambda_0", lambda_0);
    d.set("t_ref", t_ref);
    d.set("gsl_error_tol", gsl_error_tol);
    d.set("E_rev", E_rev);
    d.set("tau_syn", tau_syn);
    d.set("n_receptors", int64_t(n_ports()));
    K.get(d);
  }
  double set(const Dict& d) {
    read(d, "I_e", I_e);
    read(d, "E_L", E_L);
    read(d, "g_L", g_L);
    read(d, "C_m", C_m);
    read(d, "V_reset", V_reset);
    read(d, "Delta_V", Delta_V);
    read(d, "V_T_star", V_T_star);
    read(d, "lambda_0", lambda_0);
    read(d, "t_ref", t_ref);
    read(d, "gsl_error_tol", gsl_error_tol);
    read(d, "E_rev", E_rev);
    read_tau_syn(d, tau_syn, "All synaptic time constants must be strictly positive.");
    K.set(d);
    if (E_rev.size() != tau_syn.size())
      throw BadProperty("The reversal potential, and synaptic time constant arrays must have the same size.");
    if (g_L <= 0) throw BadProperty("Membrane conductance must be strictly positive.");
    if (Delta_V <= 0) throw BadProperty("Delta_V must be strictly positive.");
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time must not be negative.");
    if (lambda_0 < 0) throw BadProperty("lambda_0 must not be negative.");
    if (gsl_error_tol <= 0) throw BadProperty("The gsl_error_tol must be strictly positive.");
    return 0.0;
  }
};

// state layout: V_m, then one conductance per port
enum { V_M, N_FIXED };

struct State {
  // The reference's state vector has room for two conductances until a SetStatus sizes it to the
  // ports (GetStatus shows g = [0.0, 0.0] for a default node); only n_receptors are integrated.
  std::vector<double> y{-70.0, 0.0, 0.0};  // mV, nS per port
  double I_stim = 0.0;  // pA, current input of the previous step
  double h_int = 0.0;   // ms, proposed solver sub-step
  long r = 0;
  GifKernelState k;

  void fit(const Parameters& p) {
    y.resize(N_FIXED + p.n_ports(), 0.0);
    k.fit(p.K);
  }
  void clear_ports() {
    std::fill(y.begin() + N_FIXED, y.end(), 0.0);
    k.clear();
  }
  void get(Dict& d, const Parameters&) const {
    d.set("V_m", y[V_M]);
    d.set("E_sfa", k.E_sfa);
    d.set("I_stc", k.I_stc);
    d.set("g", std::vector<double>(y.begin() + N_FIXED, y.end()));
  }
  void set(const Dict& d, const Parameters& p, double) {
    read(d, "V_m", y[V_M]);
    fit(p);
  }
};

struct Internals {
  std::vector<double> P_stc, P_sfa, q_stc, q_sfa;
  double lambda_0 = 0.0;  // 1/ms
  long n_ref = 0;
  void compute(const Parameters& p, double h) {
    P_stc.clear();
    P_sfa.clear();
    for (double t : p.K.tau_stc) P_stc.push_back(std::exp(-h / t));
    for (double t : p.K.tau_sfa) P_sfa.push_back(std::exp(-h / t));
    q_stc = p.K.q_stc;
    q_sfa = p.K.q_sfa;
    lambda_0 = p.lambda_0 / 1000.0;
    n_ref = refractory_steps(p.t_ref);
  }
};

struct Rhs {
  const Parameters& p;
  double I_stim, I_stc;
  bool refractory;
  void operator()(const double* y, double* f) const {
    // while refractory V is clamped to V_reset, which the synaptic currents see
    const double V = refractory ? p.V_reset : y[V_M];
    double I_syn = 0.0;
    const size_t n = p.n_ports();
    for (size_t q = 0; q < n; ++q) {
      const double g = y[N_FIXED + q];
      I_syn += g * (V - p.E_rev[q]);
      f[N_FIXED + q] = -g / p.tau_syn[q];
    }
    f[V_M] = refractory ? 0.0 : (-p.g_L * (V - p.E_L) + I_stim + p.I_e - I_syn - I_stc) / p.C_m;
  }
};

}  // namespace gif_cond_exp_multisynapse

class GifCondExpMultisynapse final
    : public MultisynapseBase<GifCondExpMultisynapse, gif_cond_exp_multisynapse::Parameters,
                              gif_cond_exp_multisynapse::State, gif_cond_exp_multisynapse::Internals> {
 public:
  const char* help() const override {
    return R"(Name: gif_cond_exp_multisynapse - Conductance-based generalized integrate-and-fire neuron with stochastic spiking and several receptor ports.
Description: C_m dV/dt = -g_L (V - E_L) - eta(t) - sum_k g_k (V - E_rev[k]) + I_e + I_stim, where eta is
the sum of spike-triggered currents (jump q_stc[j], decay tau_stc[j]); the threshold is
V_T = V_T_star + sum of spike-triggered threshold movements (jump q_sfa[j], decay tau_sfa[j]). Spikes are
drawn with the hazard lambda = lambda_0 exp((V - V_T)/Delta_V): probability 1 - exp(-lambda h) per step.
After a spike V is held at V_reset for t_ref. A spike of weight w (nS) on receptor port k (1..n) adds w
to g_k, which decays with tau_syn[k]. Adaptive Runge-Kutta-Fehlberg 4(5) with absolute error
gsl_error_tol. With one port (E_rev = E_ex, tau_syn = tau_syn_ex) and excitatory input it is gif_cond_exp.
Parameters: V_m (mV, -70), E_L (mV, -70), g_L (nS, 4), C_m (pF, 80), V_reset (mV, -55), Delta_V (mV, 0.5),
V_T_star (mV, -35), lambda_0 (1/s, 1), t_ref (ms, 4), tau_stc (ms, []), q_stc (pA, []), tau_sfa (ms, []),
q_sfa (mV, []), E_rev (mV list, [0]), tau_syn (ms list, [2]), I_e (pA, 0), gsl_error_tol (1e-3);
state E_sfa (mV), I_stc (pA), g (nS per port); read-only n_receptors, has_connections. The number of
ports cannot be reduced once connections exist.
Receives: SpikeEvent (receptor ports 1..n), CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, E_sfa, I_stc.
References: Mensi et al. (2012) Parameter extraction and classification of three cortical neuron types
reveals two distinct adaptation mechanisms; Pozzorini et al. (2015) Automated high-throughput
characterization of single neurons by means of simplified spiking models.)";
  }
  std::vector<std::string> recordables() const override { return {"E_sfa", "I_stc", "V_m"}; }
  double recordable(size_t i, int r) const override {
    const auto& s = S_[i];
    return r == 0 ? s.k.E_sfa : r == 1 ? s.k.I_stc : s.y[gif_cond_exp_multisynapse::V_M];
  }
  void calibrate() override {
    MultisynapseBase::calibrate();
    for (size_t i = 0; i < size(); ++i) {
      auto& s = S_[i];
      if (s.y.size() < gif_cond_exp_multisynapse::N_FIXED + P_[i].n_ports()) s.fit(P_[i]);
      s.k.fit(P_[i].K);
    }
  }
  void update(UpdateCtx& c) override {
    using namespace gif_cond_exp_multisynapse;
    const size_t n = size();
    Kernel& k = kernel();
    const double h = k.h();
    ode::OdeWork<ode::kDynamic> work;
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const in = c.row(step) + chan_base;
      for (size_t i = 0; i < n; ++i) {
        if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& p = P_[i];
        const auto& v = V_[vi_[i]];
        gif_psc_exp::gif_kernels_step(s.k, v.P_stc, v.P_sfa, p.V_T_star);
        const size_t np = p.n_ports();
        work.resize(N_FIXED + np);
        ode_grid_step(Rhs{p, s.I_stim, s.k.I_stc, s.r > 0}, ode::Control::on_y(p.gsl_error_tol, 0.0), h, s.h_int,
                      h, s.y.data(), work, *this);
        for (size_t q = 0; q < np; ++q) {
          double& x = in[(1 + q) * n + i];
          s.y[N_FIXED + q] += x;
          x = 0.0;
        }
        if (s.r == 0) {
          if (gif_psc_exp::gif_fires(s.y[V_M], s.k.E_sfa, v.lambda_0, p.Delta_V, h, *c.rng)) {
            gif_psc_exp::gif_kernels_jump(s.k, v.q_stc, v.q_sfa);
            s.r = v.n_ref;
            record_spike(i, step + 1);
            k.emit_spike(c, gids[i], lag, 1);
          }
        } else {
          --s.r;
          s.y[V_M] = p.V_reset;
        }
        s.I_stim = in[i];
        in[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
