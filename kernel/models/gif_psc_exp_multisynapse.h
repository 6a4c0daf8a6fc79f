// gif_psc_exp_multisynapse: generalized integrate-and-fire neuron with escape noise (as
// gif_psc_exp) and one exponentially decaying synaptic current per receptor port.
#pragma once
#include "models/gif_psc_exp.h"
#include "models/multisynapse.h"

namespace nk {
namespace gif_psc_exp_multisynapse {

struct Parameters {
  double g_L = 4.0;         // nS
  double E_L = -70.0;       // mV
  double V_reset = -55.0;   // mV
  double Delta_V = 0.5;     // mV, escape-noise width
  double V_T_star = -35.0;  // mV, baseline threshold
  double lambda_0 = 1.0;    // 1/s, firing intensity at threshold
  double t_ref = 4.0;       // ms
  double C_m = 80.0;        // pF
  std::vector<double> tau_syn{2.0};  // ms, one per receptor port
  double I_e = 0.0;         // pA
  GifKernels K;

  bool operator==(const Parameters& o) const {
    return g_L == o.g_L && E_L == o.E_L && V_reset == o.V_reset && Delta_V == o.Delta_V &&
           V_T_star == o.V_T_star && lambda_0 == o.lambda_0 && t_ref == o.t_ref && C_m == o.C_m &&
           tau_syn == o.tau_syn && I_e == o.I_e && K == o.K;
  }
  size_t n_ports() const { return tau_syn.size(); }
  void get(Dict& d) const {
    d.set("tau_syn", tau_syn);
    d.set("n_receptors", int64_t(tau_syn.size()));
    d.set("g_L", g_L);
    d.set("E_L", E_L);
    d.set("V_reset", V_reset);
    d.set("Delta_V", Delta_V);
    d.set("V_T_star", V_T_star);
    d.set("lambda_0", lambda_0);
    d.set("t_ref", t_ref);
    d.set("C_m", C_m);
    d.set("I_e", I_e);
    K.get(d);
  }
  double set(const Dict& d) {
    read(d, "g_L", g_L);
    read(d, "E_L", E_L);
    read(d, "V_reset", V_reset);
    read(d, "Delta_V", Delta_V);
    read(d, "V_T_star", V_T_star);
    read(d, "lambda_0", lambda_0);
    read(d, "t_ref", t_ref);
    read(d, "C_m", C_m);
    read_tau_syn(d, tau_syn, "Synapse time constants must be strictly positive.");
    read(d, "I_e", I_e);
    K.set(d);
    if (g_L <= 0) throw BadProperty("Membrane conductance must be strictly positive.");
    if (Delta_V <= 0) throw BadProperty("Delta_V must be strictly positive.");
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time must not be negative.");
    if (lambda_0 < 0) throw BadProperty("lambda_0 must not be negative.");
    return 0.0;
  }
};

struct State {
  double V = -70.0;               // mV
  std::vector<double> I{0.0};     // pA per port
  double I_stim = 0.0;            // pA, current input of the previous step
  long r = 0;
  GifKernelState k;
  void fit(const Parameters& p) {
    I.resize(p.n_ports(), 0.0);
    k.fit(p.K);
  }
  void clear_ports() {
    std::fill(I.begin(), I.end(), 0.0);
    k.clear();
  }
  void get(Dict& d, const Parameters&) const {
    d.set("V_m", V);
    d.set("E_sfa", k.E_sfa);
    d.set("I_stc", k.I_stc);
  }
  void set(const Dict& d, const Parameters& p, double) {
    read(d, "V_m", V);
    k.fit(p.K);
  }
};

struct Internals {
  double P33, P30, P31;
  std::vector<double> P11, P21;
  std::vector<double> P_stc, P_sfa, q_stc, q_sfa;
  double I_e, E_L, V_reset, V_T_star, Delta_V, lambda_0, h;  // lambda_0 in 1/ms
  long n_ref;
  void compute(const Parameters& p, double hh) {
    h = hh;
    const double tau_m = p.C_m / p.g_L;
    P33 = std::exp(-h / tau_m);
    P30 = -std::expm1(-h / tau_m) / p.g_L;
    P31 = -std::expm1(-h / tau_m);
    P11.clear();
    P21.clear();
    for (double ts : p.tau_syn) {
      P11.push_back(std::exp(-h / ts));
      P21.push_back(Propagators::P_exp(ts, tau_m, p.C_m, h));
    }
    P_stc.clear();
    P_sfa.clear();
    for (double t : p.K.tau_stc) P_stc.push_back(std::exp(-h / t));
    for (double t : p.K.tau_sfa) P_sfa.push_back(std::exp(-h / t));
    q_stc = p.K.q_stc;
    q_sfa = p.K.q_sfa;
    I_e = p.I_e;
    E_L = p.E_L;
    V_reset = p.V_reset;
    V_T_star = p.V_T_star;
    Delta_V = p.Delta_V;
    lambda_0 = p.lambda_0 / 1000.0;
    n_ref = refractory_steps(p.t_ref);
  }
};

}  // namespace gif_psc_exp_multisynapse

class GifPscExpMultisynapse final
    : public MultisynapseBase<GifPscExpMultisynapse, gif_psc_exp_multisynapse::Parameters,
                              gif_psc_exp_multisynapse::State, gif_psc_exp_multisynapse::Internals> {
 public:
  const char* help() const override {
    return R"(Name: gif_psc_exp_multisynapse - Current-based generalized integrate-and-fire neuron with escape noise and several receptor ports.
Description: C_m dV/dt = -g_L (V - E_L) - eta(t) + sum_k I_k + I_e + I_stim, where the
spike-triggered current eta = sum_j stc_j decays with tau_stc[j] and jumps by q_stc[j] at each spike.
The threshold V_T = V_T_star + sum_j sfa_j (decay tau_sfa[j], jump q_sfa[j]). Firing is stochastic with
intensity lambda_0 exp((V - V_T)/Delta_V): a spike in a step with probability 1 - exp(-lambda h); after a
spike V = V_reset for t_ref. Mensi et al. 2012, "Parameter extraction and classification of three cortical
neuron types reveals two distinct adaptation mechanisms"; Pozzorini et al. 2015, "Automated
high-throughput characterization of single neurons by means of simplified spiking models".
Spikes of weight w (pA, sign kept) on receptor port k (1..n) add w to I_k, which decays with tau_syn[k].
Parameters: V_m (mV, -70), E_L (mV, -70), g_L (nS, 4), C_m (pF, 80), V_reset (mV, -55), Delta_V (mV, 0.5),
V_T_star (mV, -35), lambda_0 (1/s, 1), t_ref (ms, 4), tau_stc, q_stc (ms, pA lists), tau_sfa, q_sfa
(ms, mV lists), tau_syn (list of ms, [2.0]), I_e (pA, 0); read-only E_sfa, I_stc, n_receptors,
has_connections. The number of ports cannot be reduced once connections exist.
Receives: SpikeEvent (receptor ports 1..n), CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, E_sfa, I_stc.)";
  }
  std::vector<std::string> recordables() const override { return {"E_sfa", "I_stc", "V_m"}; }
  double recordable(size_t i, int r) const override {
    const auto& s = S_[i];
    return r == 0 ? s.k.E_sfa : r == 1 ? s.k.I_stc : s.V;
  }
  void update(UpdateCtx& c) override {
    using namespace gif_psc_exp;  // kernel helpers
    const size_t n = size();
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const in = c.row(step) + chan_base;
      for (size_t i = 0; i < n; ++i) {
        if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& v = V_[vi_[i]];
        gif_kernels_step(s.k, v.P_stc, v.P_sfa, v.V_T_star);
        const size_t np = s.I.size();
        for (size_t q = 0; q < np; ++q) {
          double& x = in[(1 + q) * n + i];
          s.I[q] = s.I[q] * v.P11[q] + x;
          x = 0.0;
        }
        if (s.r == 0) {
          double V = v.P30 * (s.I_stim + v.I_e - s.k.I_stc) + v.P33 * s.V + v.P31 * v.E_L;
          for (size_t q = 0; q < np; ++q) V += s.I[q] * v.P21[q];
          s.V = V;
          if (gif_fires(s.V, s.k.E_sfa, v.lambda_0, v.Delta_V, v.h, *c.rng)) {
            gif_kernels_jump(s.k, v.q_stc, v.q_sfa);
            s.r = v.n_ref;
            record_spike(i, step + 1);
            k.emit_spike(c, gids[i], lag, 1);
          }
        } else {
          --s.r;
          s.V = v.V_reset;
        }
        s.I_stim = in[i];
        in[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
