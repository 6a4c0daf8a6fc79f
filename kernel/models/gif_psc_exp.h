// gif_psc_exp: generalized integrate-and-fire neuron (Mensi et al. 2012, Pozzorini et al. 2015)
// with exponential synaptic currents, spike-triggered current and threshold kernels and
// stochastic (escape-noise) firing; membrane integrated exactly.
#pragma once
#include "models/gif_common.h"
#include "models/neuron_base.h"

namespace nk {
namespace gif_psc_exp {

struct Parameters {
  double g_L = 4.0;         // nS
  double E_L = -70.0;       // mV
  double V_reset = -55.0;   // mV
  double Delta_V = 0.5;     // mV, escape-noise width
  double V_T_star = -35.0;  // mV, baseline threshold
  double lambda_0 = 1.0;    // 1/s, firing intensity at threshold
  double t_ref = 4.0;       // ms
  double C_m = 80.0;        // pF
  double tau_ex = 2.0;      // ms
  double tau_in = 2.0;      // ms
  double I_e = 0.0;         // pA
  GifKernels K;

  bool operator==(const Parameters& o) const {
    return g_L == o.g_L && E_L == o.E_L && V_reset == o.V_reset && Delta_V == o.Delta_V &&
           V_T_star == o.V_T_star && lambda_0 == o.lambda_0 && t_ref == o.t_ref && C_m == o.C_m &&
           tau_ex == o.tau_ex && tau_in == o.tau_in && I_e == o.I_e && K == o.K;
  }
  void get(Dict& d) const {
    d.set("g_L", g_L);
    d.set("E_L", E_L);
    d.set("V_reset", V_reset);
    d.set("Delta_V", Delta_V);
    d.set("V_T_star", V_T_star);
    d.set("lambda_0", lambda_0);
    d.set("t_ref", t_ref);
    d.set("C_m", C_m);
    d.set("tau_syn_ex", tau_ex);
    d.set("tau_syn_in", tau_in);
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
    read(d, "tau_syn_ex", tau_ex);
    read(d, "tau_syn_in", tau_in);
    read(d, "I_e", I_e);
    K.set(d);
    if (g_L <= 0) throw BadProperty("Membrane conductance must be strictly positive.");
    if (Delta_V <= 0) throw BadProperty("Delta_V must be strictly positive.");
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time must not be negative.");
    if (lambda_0 < 0) throw BadProperty("lambda_0 must not be negative.");
    if (tau_ex <= 0 || tau_in <= 0) throw BadProperty("Synapse time constants must be strictly positive.");
    return 0.0;
  }
};

struct State {
  double V = -70.0;               // mV
  double I_ex = 0.0, I_in = 0.0;  // pA
  double I_stim = 0.0;            // pA, current input of the previous step
  long r = 0;
  GifKernelState k;
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
  double P33, P30, P31, P11ex, P11in, P21ex, P21in;
  std::vector<double> P_stc, P_sfa, q_stc, q_sfa;
  double I_e, E_L, V_reset, V_T_star, Delta_V, lambda_0, h;  // lambda_0 in 1/ms
  long n_ref;
  void compute(const Parameters& p, double hh) {
    h = hh;
    const double tau_m = p.C_m / p.g_L;
    P33 = std::exp(-h / tau_m);
    P30 = -std::expm1(-h / tau_m) / p.g_L;
    P31 = -std::expm1(-h / tau_m);
    P11ex = std::exp(-h / p.tau_ex);
    P11in = std::exp(-h / p.tau_in);
    P21ex = Propagators::P_exp(p.tau_ex, tau_m, p.C_m, h);
    P21in = Propagators::P_exp(p.tau_in, tau_m, p.C_m, h);
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

// The kernel part of one GIF step: sums of the elements before they decay.
inline void gif_kernels_step(GifKernelState& k, const std::vector<double>& P_stc, const std::vector<double>& P_sfa,
                             double V_T_star) {
  k.I_stc = 0.0;
  for (size_t j = 0; j < k.stc.size(); ++j) {
    k.I_stc += k.stc[j];
    k.stc[j] *= P_stc[j];
  }
  k.E_sfa = V_T_star;
  for (size_t j = 0; j < k.sfa.size(); ++j) {
    k.E_sfa += k.sfa[j];
    k.sfa[j] *= P_sfa[j];
  }
}

// Escape noise: spike with probability 1 - exp(-lambda h), lambda = lambda_0 exp((V - E_sfa)/Delta_V).
inline bool gif_fires(double V, double E_sfa, double lambda_0, double Delta_V, double h, Rng& rng) {
  const double lambda = lambda_0 * std::exp((V - E_sfa) / Delta_V);
  return lambda > 0.0 && rng.drand() < -std::expm1(-lambda * h);
}

inline void gif_kernels_jump(GifKernelState& k, const std::vector<double>& q_stc, const std::vector<double>& q_sfa) {
  for (size_t j = 0; j < k.stc.size(); ++j) k.stc[j] += q_stc[j];
  for (size_t j = 0; j < k.sfa.size(); ++j) k.sfa[j] += q_sfa[j];
}

}  // namespace gif_psc_exp

class GifPscExp final
    : public NeuronBase<GifPscExp, gif_psc_exp::Parameters, gif_psc_exp::State, gif_psc_exp::Internals> {
 public:
  const char* help() const override {
    return R"(Name: gif_psc_exp - Current-based generalized integrate-and-fire neuron with escape noise.
Description: C_m dV/dt = -g_L (V - E_L) - eta(t) + I_syn_ex + I_syn_in + I_e + I_stim, where the
spike-triggered current eta = sum_j stc_j decays with tau_stc[j] and jumps by q_stc[j] at each spike.
The threshold V_T = V_T_star + sum_j sfa_j (decay tau_sfa[j], jump q_sfa[j]). Firing is stochastic with
intensity lambda_0 exp((V - V_T)/Delta_V): a spike in a step with probability 1 - exp(-lambda h); after a
spike V = V_reset for t_ref. Mensi et al. 2012, "Parameter extraction and classification of three cortical
neuron types reveals two distinct adaptation mechanisms"; Pozzorini et al. 2015, "Automated
high-throughput characterization of single neurons by means of simplified spiking models".
Spikes of weight w (pA) add w to I_syn_ex (w >= 0) or I_syn_in, decaying with tau_syn_ex / tau_syn_in.
Parameters: V_m (mV, -70), E_L (mV, -70), g_L (nS, 4), C_m (pF, 80), V_reset (mV, -55), Delta_V (mV, 0.5),
V_T_star (mV, -35), lambda_0 (1/s, 1), t_ref (ms, 4), tau_stc, q_stc (ms, pA lists), tau_sfa, q_sfa
(ms, mV lists), tau_syn_ex (ms, 2), tau_syn_in (ms, 2), I_e (pA, 0); read-only E_sfa, I_stc.
Receives: SpikeEvent (receptor 0), CurrentEvent. Sends: SpikeEvent.
Recordables: V_m, E_sfa, I_stc, I_syn_ex, I_syn_in.)";
  }
  // channels per node: 0 exc spikes, 1 inh spikes, 2 current
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w >= 0.0 ? 0 : 1;
  }
  void reset_state(size_t i, const NodeBlock& proto) override {
    NeuronBase::reset_state(i, proto);
    S_[i].k.fit(P_[i].K);
    S_[i].k.clear();
  }
  std::vector<std::string> recordables() const override { return {"E_sfa", "I_stc", "I_syn_ex", "I_syn_in", "V_m"}; }
  double recordable(size_t i, int r) const override {
    const auto& s = S_[i];
    switch (r) {
      case 0: return s.k.E_sfa;
      case 1: return s.k.I_stc;
      case 2: return s.I_ex;
      case 3: return s.I_in;
      case 4: return s.V;
    }
    return 0.0;
  }
  void update(UpdateCtx& c) override {
    using namespace gif_psc_exp;
    const size_t n = size();
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const p0 = c.row(step) + chan_base;
      double* const p1 = p0 + n;
      double* const p2 = p0 + 2 * n;
      for (size_t i = 0; i < n; ++i) {
        if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& v = V_[vi_[i]];
        gif_kernels_step(s.k, v.P_stc, v.P_sfa, v.V_T_star);
        s.I_ex = s.I_ex * v.P11ex + p0[i];
        s.I_in = s.I_in * v.P11in + p1[i];
        if (s.r == 0) {
          s.V = v.P30 * (s.I_stim + v.I_e - s.k.I_stc) + v.P33 * s.V + v.P31 * v.E_L + s.I_ex * v.P21ex +
                s.I_in * v.P21in;
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
        s.I_stim = p2[i];
        p0[i] = p1[i] = p2[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
