// ht_neuron: the thalamocortical point neuron of Hill & Tononi (2005) with four beta-shaped
// synaptic conductances (AMPA, NMDA with voltage-dependent Mg unblock, GABA_A, GABA_B), intrinsic
// currents I_NaP, I_KNa, I_T, I_h and a dynamic threshold; adaptive RKF45 (absolute error 1e-3).
#pragma once
#include "models/iaf_cond_beta.h"
#include "models/ode_neuron.h"

namespace nk {
namespace ht_neuron {

struct Parameters {
  double E_Na = 30.0, E_K = -90.0;          // mV
  double g_NaL = 0.2, g_KL = 1.0;           // leak conductances (relative to tau_m)
  double tau_m = 16.0;                      // ms
  double theta_eq = -51.0, tau_theta = 2.0;  // mV, ms
  double tau_spike = 1.75, t_ref = 2.0;     // ms
  double g_peak_AMPA = 0.1, tau_rise_AMPA = 0.5, tau_decay_AMPA = 2.4, E_rev_AMPA = 0.0;
  double g_peak_NMDA = 0.075, tau_rise_NMDA = 4.0, tau_decay_NMDA = 40.0, E_rev_NMDA = 0.0;
  double V_act_NMDA = -25.57, S_act_NMDA = 0.081;        // mV, 1/mV
  double tau_Mg_slow_NMDA = 22.7, tau_Mg_fast_NMDA = 0.68;  // ms
  double g_peak_GABA_A = 0.33, tau_rise_GABA_A = 1.0, tau_decay_GABA_A = 7.0, E_rev_GABA_A = -70.0;
  double g_peak_GABA_B = 0.0132, tau_rise_GABA_B = 60.0, tau_decay_GABA_B = 200.0, E_rev_GABA_B = -90.0;
  double g_peak_NaP = 1.0, E_rev_NaP = 30.0;
  double g_peak_KNa = 1.0, E_rev_KNa = -90.0, tau_D_KNa = 1250.0;
  double g_peak_T = 1.0, E_rev_T = 0.0;
  double g_peak_h = 1.0, E_rev_h = -40.0;
  bool instant_unblock_NMDA = false;
  bool voltage_clamp = false;

  static const auto& keys() {
    using P = Parameters;
    static const Key<P> k[] = {
        {"E_Na", &P::E_Na}, {"E_K", &P::E_K}, {"g_NaL", &P::g_NaL}, {"g_KL", &P::g_KL}, {"tau_m", &P::tau_m},
        {"theta_eq", &P::theta_eq}, {"tau_theta", &P::tau_theta}, {"tau_spike", &P::tau_spike},
        {"t_ref", &P::t_ref}, {"g_peak_AMPA", &P::g_peak_AMPA}, {"tau_rise_AMPA", &P::tau_rise_AMPA},
        {"tau_decay_AMPA", &P::tau_decay_AMPA}, {"E_rev_AMPA", &P::E_rev_AMPA},
        {"g_peak_NMDA", &P::g_peak_NMDA}, {"tau_rise_NMDA", &P::tau_rise_NMDA},
        {"tau_decay_NMDA", &P::tau_decay_NMDA}, {"E_rev_NMDA", &P::E_rev_NMDA}, {"V_act_NMDA", &P::V_act_NMDA},
        {"S_act_NMDA", &P::S_act_NMDA}, {"tau_Mg_slow_NMDA", &P::tau_Mg_slow_NMDA},
        {"tau_Mg_fast_NMDA", &P::tau_Mg_fast_NMDA}, {"g_peak_GABA_A", &P::g_peak_GABA_A},
        {"tau_rise_GABA_A", &P::tau_rise_GABA_A}, {"tau_decay_GABA_A", &P::tau_decay_GABA_A},
        {"E_rev_GABA_A", &P::E_rev_GABA_A}, {"g_peak_GABA_B", &P::g_peak_GABA_B},
        {"tau_rise_GABA_B", &P::tau_rise_GABA_B}, {"tau_decay_GABA_B", &P::tau_decay_GABA_B},
        {"E_rev_GABA_B", &P::E_rev_GABA_B}, {"g_peak_NaP", &P::g_peak_NaP}, {"E_rev_NaP", &P::E_rev_NaP},
        {"g_peak_KNa", &P::g_peak_KNa}, {"E_rev_KNa", &P::E_rev_KNa}, {"tau_D_KNa", &P::tau_D_KNa},
        {"g_peak_T", &P::g_peak_T}, {"E_rev_T", &P::E_rev_T}, {"g_peak_h", &P::g_peak_h},
        {"E_rev_h", &P::E_rev_h}};
    return k;
  }
  void get(Dict& d) const {
    put_keys(*this, d, keys());
    d.set("instant_unblock_NMDA", instant_unblock_NMDA);
    d.set("voltage_clamp", voltage_clamp);
    auto rt = std::make_shared<Dict>();
    rt->set("AMPA", int64_t(1));
    rt->set("NMDA", int64_t(2));
    rt->set("GABA_A", int64_t(3));
    rt->set("GABA_B", int64_t(4));
    d.set("receptor_types", rt);
  }
  double set(const Dict& d) {
    take_keys(*this, d, keys());
    read(d, "instant_unblock_NMDA", instant_unblock_NMDA);
    read(d, "voltage_clamp", voltage_clamp);
    auto bad = [](const std::string& m) { return KernelError("BadParameter", m); };
    const std::pair<const char*, double> non_negative[] = {
        {"g_peak_AMPA", g_peak_AMPA}, {"g_peak_GABA_A", g_peak_GABA_A}, {"g_peak_GABA_B", g_peak_GABA_B},
        {"g_peak_KNa", g_peak_KNa},   {"S_act_NMDA", S_act_NMDA},       {"g_peak_NMDA", g_peak_NMDA},
        {"g_peak_T", g_peak_T},       {"g_peak_h", g_peak_h},           {"g_peak_NaP", g_peak_NaP},
        {"g_KL", g_KL},               {"g_NaL", g_NaL},                 {"t_ref", t_ref}};
    for (const auto& [name, value] : non_negative)
      if (value < 0) throw bad(std::string(name) + " >= 0 required.");
    const std::pair<const char*, double> positive[] = {
        {"tau_rise_AMPA", tau_rise_AMPA},       {"tau_decay_AMPA", tau_decay_AMPA},
        {"tau_rise_GABA_A", tau_rise_GABA_A},   {"tau_decay_GABA_A", tau_decay_GABA_A},
        {"tau_rise_GABA_B", tau_rise_GABA_B},   {"tau_decay_GABA_B", tau_decay_GABA_B},
        {"tau_rise_NMDA", tau_rise_NMDA},       {"tau_decay_NMDA", tau_decay_NMDA},
        {"tau_Mg_fast_NMDA", tau_Mg_fast_NMDA}, {"tau_Mg_slow_NMDA", tau_Mg_slow_NMDA},
        {"tau_spike", tau_spike},               {"tau_theta", tau_theta},
        {"tau_m", tau_m},                       {"tau_D_KNa", tau_D_KNa}};
    for (const auto& [name, value] : positive)
      if (value <= 0) throw bad(std::string(name) + " > 0 required.");
    if (tau_rise_AMPA >= tau_decay_AMPA) throw bad("tau_rise_AMPA < tau_decay_AMPA required.");
    if (tau_rise_GABA_A >= tau_decay_GABA_A) throw bad("tau_rise_GABA_A < tau_decay_GABA_A required.");
    if (tau_rise_GABA_B >= tau_decay_GABA_B) throw bad("tau_rise_GABA_B < tau_decay_GABA_B required.");
    if (tau_rise_NMDA >= tau_decay_NMDA) throw bad("tau_rise_NMDA < tau_decay_NMDA required.");
    if (tau_Mg_fast_NMDA >= tau_Mg_slow_NMDA) throw bad("tau_Mg_fast_NMDA < tau_Mg_slow_NMDA required.");
    return 0.0;
  }

  // steady states of the gating variables at V (mV)
  double m_eq_NMDA(double V) const { return 1.0 / (1.0 + std::exp(-S_act_NMDA * (V - V_act_NMDA))); }
  double m_NMDA(double V, double m_eq, double m_fast, double m_slow) const {
    const double A1 = 0.51 - 0.0028 * V;  // weight of the fast unblock component
    return instant_unblock_NMDA ? m_eq : A1 * m_fast + (1.0 - A1) * m_slow;
  }
  static double m_eq_h(double V) { return 1.0 / (1.0 + std::exp((V + 75.0) / 5.5)); }
  static double h_eq_T(double V) { return 1.0 / (1.0 + std::exp((V + 83.0) / 4.0)); }
  static double m_eq_T(double V) { return 1.0 / (1.0 + std::exp(-(V + 59.0) / 6.2)); }
  double D_eq_KNa(double V) const {
    const double influx = 0.025 / (1.0 + std::exp(-(V + 10.0) / 5.0));
    return tau_D_KNa * influx + 0.001;
  }
};

enum {
  V_M, THETA, DG_AMPA, G_AMPA, DG_NMDA, G_NMDA, DG_GABA_A, G_GABA_A, DG_GABA_B, G_GABA_B,
  M_FAST_NMDA, M_SLOW_NMDA, M_IH, D_IKNA, M_IT, H_IT, N_STATE
};

// Intrinsic currents at state y and (possibly clamped) voltage V, in mV/ms * tau_m units.
struct Intrinsic {
  double I_NaP, I_KNa, I_T, I_h;
  Intrinsic(const Parameters& p, const double* y, double V) {
    const double m_inf_NaP = 1.0 / (1.0 + std::exp(-(V + 55.7) / 7.7));
    I_NaP = -p.g_peak_NaP * std::pow(m_inf_NaP, 3.0) * (V - p.E_rev_NaP);
    const double m_inf_KNa = 1.0 / (1.0 + std::pow(0.25 / y[D_IKNA], 3.5));
    I_KNa = -p.g_peak_KNa * m_inf_KNa * (V - p.E_rev_KNa);
    I_T = -p.g_peak_T * std::pow(y[M_IT], 2.0) * y[H_IT] * (V - p.E_rev_T);
    I_h = -p.g_peak_h * y[M_IH] * (V - p.E_rev_h);
  }
};

struct State {
  double y[N_STATE] = {};
  long r = 0;              // steps left of the post-spike potassium current
  double I_stim = 0.0;     // pA
  double h_int = 0.0;      // ms
  double I_NaP = 0.0, I_KNa = 0.0, I_T = 0.0, I_h = 0.0;  // at the end of the last solver step

  State() {
    const Parameters p;
    y[V_M] = (p.g_NaL * p.E_Na + p.g_KL * p.E_K) / (p.g_NaL + p.g_KL);
    y[THETA] = p.theta_eq;
    equilibrate(p);
  }
  void equilibrate(const Parameters& p) {
    const double V = y[V_M];
    y[M_FAST_NMDA] = y[M_SLOW_NMDA] = p.m_eq_NMDA(V);
    y[M_IH] = Parameters::m_eq_h(V);
    y[D_IKNA] = p.D_eq_KNa(V);
    y[M_IT] = Parameters::m_eq_T(V);
    y[H_IT] = Parameters::h_eq_T(V);
  }
  void get(Dict& d, const Parameters&) const {
    d.set("V_m", y[V_M]);
    d.set("theta", y[THETA]);
  }
  void set(const Dict& d, const Parameters& p, double) {
    read(d, "V_m", y[V_M]);
    read(d, "theta", y[THETA]);
    bool eq = false;
    read(d, "equilibrate", eq);
    if (eq) equilibrate(p);
  }
};

struct Internals {
  double cond_step[4];  // conductance jump per unit weight for AMPA, NMDA, GABA_A, GABA_B
  long n_ref;
  void compute(const Parameters& p, double) {
    cond_step[0] = p.g_peak_AMPA * beta_peak_normalisation(p.tau_rise_AMPA, p.tau_decay_AMPA);
    cond_step[1] = p.g_peak_NMDA * beta_peak_normalisation(p.tau_rise_NMDA, p.tau_decay_NMDA);
    cond_step[2] = p.g_peak_GABA_A * beta_peak_normalisation(p.tau_rise_GABA_A, p.tau_decay_GABA_A);
    cond_step[3] = p.g_peak_GABA_B * beta_peak_normalisation(p.tau_rise_GABA_B, p.tau_decay_GABA_B);
    n_ref = refractory_steps(p.t_ref);
  }
};

struct Rhs {
  const Parameters& p;
  const double& I_stim;
  const long& r;
  double V_clamp;
  void operator()(const double* y, double* f) const {
    const double V = p.voltage_clamp ? V_clamp : y[V_M];
    // The Mg unblock cannot exceed its equilibrium (instantaneous block); clamp locally, the
    // state itself is clamped after each solver step.
    const double m_eq = p.m_eq_NMDA(V);
    const double m_fast = std::min(m_eq, y[M_FAST_NMDA]);
    const double m_slow = std::min(m_eq, y[M_SLOW_NMDA]);
    const double m_NMDA = p.m_NMDA(V, m_eq, m_fast, m_slow);
    const double I_syn = -y[G_AMPA] * (V - p.E_rev_AMPA) - y[G_NMDA] * m_NMDA * (V - p.E_rev_NMDA) -
                         y[G_GABA_A] * (V - p.E_rev_GABA_A) - y[G_GABA_B] * (V - p.E_rev_GABA_B);
    const double I_spike = r > 0 ? -(V - p.E_K) / p.tau_spike : 0.0;
    const double I_Na = -p.g_NaL * (V - p.E_Na);
    const double I_K = -p.g_KL * (V - p.E_K);
    const Intrinsic c(p, y, V);
    f[V_M] = (I_Na + I_K + I_syn + c.I_NaP + c.I_KNa + c.I_T + c.I_h + I_stim) / p.tau_m + I_spike;
    f[THETA] = -(y[THETA] - p.theta_eq) / p.tau_theta;
    f[DG_AMPA] = -y[DG_AMPA] / p.tau_rise_AMPA;
    f[G_AMPA] = y[DG_AMPA] - y[G_AMPA] / p.tau_decay_AMPA;
    f[DG_NMDA] = -y[DG_NMDA] / p.tau_rise_NMDA;
    f[G_NMDA] = y[DG_NMDA] - y[G_NMDA] / p.tau_decay_NMDA;
    f[M_FAST_NMDA] = (m_eq - m_fast) / p.tau_Mg_fast_NMDA;
    f[M_SLOW_NMDA] = (m_eq - m_slow) / p.tau_Mg_slow_NMDA;
    f[DG_GABA_A] = -y[DG_GABA_A] / p.tau_rise_GABA_A;
    f[G_GABA_A] = y[DG_GABA_A] - y[G_GABA_A] / p.tau_decay_GABA_A;
    f[DG_GABA_B] = -y[DG_GABA_B] / p.tau_rise_GABA_B;
    f[G_GABA_B] = y[DG_GABA_B] - y[G_GABA_B] / p.tau_decay_GABA_B;
    f[D_IKNA] = (p.D_eq_KNa(V) - y[D_IKNA]) / p.tau_D_KNa;
    const double tau_m_T = 0.22 / (std::exp(-(V + 132.0) / 16.7) + std::exp((V + 16.8) / 18.2)) + 0.13;
    const double tau_h_T = 8.2 + (56.6 + 0.27 * std::exp((V + 115.2) / 5.0)) / (1.0 + std::exp((V + 86.0) / 3.2));
    f[M_IT] = (Parameters::m_eq_T(V) - y[M_IT]) / tau_m_T;
    f[H_IT] = (Parameters::h_eq_T(V) - y[H_IT]) / tau_h_T;
    const double tau_m_h = 1.0 / (std::exp(-14.59 - 0.086 * V) + std::exp(-1.87 + 0.0701 * V));
    f[M_IH] = (Parameters::m_eq_h(V) - y[M_IH]) / tau_m_h;
  }
};

}  // namespace ht_neuron

class HtNeuron final : public NeuronBase<HtNeuron, ht_neuron::Parameters, ht_neuron::State, ht_neuron::Internals> {
 public:
  std::vector<double> V_clamp_;  // per node: the voltage held when voltage_clamp is on (V_m at Prepare)

  const char* help() const override {
    return R"(Name: ht_neuron - Neuron model after Hill & Tononi (2005).
Description: tau_m dV/dt = -g_NaL (V - E_Na) - g_KL (V - E_K) + I_syn + I_NaP + I_KNa + I_T + I_h + I_stim,
plus -(V - E_K)/tau_spike while the post-spike potassium current is active (t_ref after a spike).
The threshold relaxes: dtheta/dt = -(theta - theta_eq)/tau_theta. A spike is emitted when V >= theta
(outside the potassium period); then V and theta are set to E_Na. Synapses (receptor_type 1 AMPA,
2 NMDA, 3 GABA_A, 4 GABA_B) are beta-shaped conductances with peak g_peak_X per unit weight; NMDA
is scaled by a Mg unblock with fast and slow components relaxing towards
1/(1 + exp(-S_act_NMDA (V - V_act_NMDA))) (instantaneous with instant_unblock_NMDA). Intrinsic currents:
persistent sodium I_NaP, sodium-dependent potassium I_KNa (with sodium variable D), low-threshold
calcium I_T (m^2 h) and hyperpolarisation-activated I_h. voltage_clamp holds V at its value at the
start of the simulation. Adaptive Runge-Kutta-Fehlberg 4(5) (absolute error 1e-3). Errors in the
parameters raise BadParameter. SetStatus with equilibrate = true sets all gating variables to their
steady state at V_m. There is no I_e; use a dc_generator.
Parameters: E_Na (mV, 30), E_K (mV, -90), g_NaL (0.2), g_KL (1.0), tau_m (ms, 16), theta_eq (mV, -51),
tau_theta (ms, 2), tau_spike (ms, 1.75), t_ref (ms, 2), g_peak_AMPA (0.1), tau_rise_AMPA (ms, 0.5),
tau_decay_AMPA (ms, 2.4), E_rev_AMPA (mV, 0), g_peak_NMDA (0.075), tau_rise_NMDA (ms, 4), tau_decay_NMDA
(ms, 40), E_rev_NMDA (mV, 0), V_act_NMDA (mV, -25.57), S_act_NMDA (1/mV, 0.081), tau_Mg_slow_NMDA (ms, 22.7),
tau_Mg_fast_NMDA (ms, 0.68), instant_unblock_NMDA (false), g_peak_GABA_A (0.33), tau_rise_GABA_A (ms, 1),
tau_decay_GABA_A (ms, 7), E_rev_GABA_A (mV, -70), g_peak_GABA_B (0.0132), tau_rise_GABA_B (ms, 60),
tau_decay_GABA_B (ms, 200), E_rev_GABA_B (mV, -90), g_peak_NaP (1), E_rev_NaP (mV, 30), g_peak_KNa (1),
E_rev_KNa (mV, -90), tau_D_KNa (ms, 1250), g_peak_T (1), E_rev_T (mV, 0), g_peak_h (1), E_rev_h (mV, -40),
voltage_clamp (false); state V_m (mV, -70), theta (mV, -51); receptor_types.
Receives: SpikeEvent (receptors 1-4), CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, theta, g_AMPA, g_NMDA, g_GABA_A, g_GABA_B, I_NaP, I_KNa, I_T, I_h.
References: Hill & Tononi (2005) Modeling sleep and wakefulness in the thalamocortical system;
Compte et al. (2003) Cellular and network mechanisms of slow oscillatory activity (<1 Hz) and wave
propagations in a cortical network model.)";
  }
  // channels per node: 0-3 spikes on AMPA, NMDA, GABA_A, GABA_B; 4 current
  int channels_per_node() const override { return 5; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (ev == EventKind::current) {
      if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
      return 4;
    }
    if (receptor < 1 || receptor > 4) {
      if (receptor == 0)
        throw KernelError("IncompatibleReceptorType",
                          "Receptor type 0 in " + model_name() + " does not accept SpikeEvent.");
      NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    }
    return int(receptor - 1);
  }
  long channel_receptor(int ch) const override { return ch < 4 ? ch + 1 : 0; }
  std::vector<std::string> recordables() const override {
    return {"V_m", "theta", "g_AMPA", "g_NMDA", "g_GABA_A", "g_GABA_B", "I_NaP", "I_KNa", "I_T", "I_h"};
  }
  double recordable(size_t i, int r) const override {
    using namespace ht_neuron;
    const auto& s = S_[i];
    const auto& p = P_[i];
    switch (r) {
      case 0: return s.y[V_M];
      case 1: return s.y[THETA];
      case 2: return s.y[G_AMPA];
      case 3: {
        const double V = s.y[V_M];
        return s.y[G_NMDA] * p.m_NMDA(V, p.m_eq_NMDA(V), s.y[M_FAST_NMDA], s.y[M_SLOW_NMDA]);
      }
      case 4: return s.y[G_GABA_A];
      case 5: return s.y[G_GABA_B];
      case 6: return s.I_NaP;
      case 7: return s.I_KNa;
      case 8: return s.I_T;
      case 9: return s.I_h;
    }
    return 0.0;
  }
  void calibrate() override {
    NeuronBase::calibrate();
    V_clamp_.resize(size());
    for (size_t i = 0; i < size(); ++i) V_clamp_[i] = S_[i].y[ht_neuron::V_M];
  }
  void update(UpdateCtx& c) override {
    using namespace ht_neuron;
    const size_t n = size();
    Kernel& k = kernel();
    const double h = k.h();
    const auto ctl = ode::Control::on_y(1e-3, 0.0);
    ode::OdeWork<N_STATE> work;
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const in = c.row(step) + chan_base;
      double* const cur = in + 4 * n;
      for (size_t i = 0; i < n; ++i) {
        if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& p = P_[i];
        const auto& v = V_[vi_[i]];
        const Rhs rhs{p, s.I_stim, s.r, V_clamp_[i]};
        if (s.h_int <= 0.0) s.h_int = h;
        double t = 0.0;
        while (t < h) {
          const int status = ode::evolve_apply(rhs, ctl, t, h, s.h_int, s.y, work);
          if (status != 0) throw GSLSolverFailure(model_name(), status);
          // the intrinsic currents as the solver last evaluated them (recordables)
          const Intrinsic ic(p, s.y, p.voltage_clamp ? V_clamp_[i] : s.y[V_M]);
          s.I_NaP = ic.I_NaP;
          s.I_KNa = ic.I_KNa;
          s.I_T = ic.I_T;
          s.I_h = ic.I_h;
          if (p.voltage_clamp) s.y[V_M] = V_clamp_[i];
          const double m_eq = p.m_eq_NMDA(s.y[V_M]);
          s.y[M_FAST_NMDA] = std::min(m_eq, s.y[M_FAST_NMDA]);
          s.y[M_SLOW_NMDA] = std::min(m_eq, s.y[M_SLOW_NMDA]);
          if (s.r == 0 && s.y[V_M] >= s.y[THETA]) {
            s.y[V_M] = p.E_Na;
            s.y[THETA] = p.E_Na;
            s.r = v.n_ref + 1;  // the count-down after the loop takes one step off
            record_spike(i, step + 1);
            k.emit_spike(c, gids[i], lag, 1);
          }
        }
        if (s.r > 0) --s.r;
        for (int q = 0; q < 4; ++q) {
          double& x = in[q * n + i];
          s.y[DG_AMPA + 2 * q] += v.cond_step[q] * x;
          x = 0.0;
        }
        s.I_stim = cur[i];
        cur[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
