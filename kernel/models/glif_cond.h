// glif_cond: the generalized leaky integrate-and-fire models of the Allen Institute (GLIF1-5,
// chosen by three flags) with alpha-shaped synaptic conductances on receptor ports 1..n; the
// membrane and conductances are integrated with adaptive RKF45, the threshold and after-spike
// currents exactly (as in glif_psc).
#pragma once
#include "models/multisynapse.h"
#include "models/ode_neuron.h"

namespace nk {
namespace glif_cond {

struct Parameters {
  double g_m = 9.43;       // nS, membrane conductance
  double E_L = -78.85;     // mV
  double V_th = -51.68;    // mV, baseline threshold (absolute)
  double C_m = 58.72;      // pF
  double t_ref = 3.75;     // ms
  double V_reset = -78.85; // mV, absolute (reset of GLIF1/3)
  double th_spike_add = 0.37;         // mV, threshold jump per spike
  double th_spike_decay = 0.009;      // 1/ms
  double voltage_reset_fraction = 0.2;
  double voltage_reset_add = 18.51;   // mV
  double th_voltage_index = 0.005;    // 1/ms, coupling of V into the threshold
  double th_voltage_decay = 0.09;     // 1/ms
  std::vector<double> asc_init{0.0, 0.0};        // pA
  std::vector<double> asc_decay{0.003, 0.1};     // 1/ms
  std::vector<double> asc_amps{-9.18, -198.94};  // pA
  std::vector<double> asc_r{1.0, 1.0};
  std::vector<double> tau_syn{0.2, 2.0};  // ms, one per receptor port
  std::vector<double> E_rev{0.0, -85.0};  // mV, one per receptor port
  bool spike_dependent_threshold = false, after_spike_currents = false, adapting_threshold = false;

  size_t n_ports() const { return tau_syn.size(); }
  bool operator==(const Parameters& o) const {
    return g_m == o.g_m && E_L == o.E_L && V_th == o.V_th && C_m == o.C_m && t_ref == o.t_ref &&
           V_reset == o.V_reset && th_spike_add == o.th_spike_add && th_spike_decay == o.th_spike_decay &&
           voltage_reset_fraction == o.voltage_reset_fraction && voltage_reset_add == o.voltage_reset_add &&
           th_voltage_index == o.th_voltage_index && th_voltage_decay == o.th_voltage_decay &&
           asc_init == o.asc_init && asc_decay == o.asc_decay && asc_amps == o.asc_amps && asc_r == o.asc_r &&
           tau_syn == o.tau_syn && E_rev == o.E_rev && spike_dependent_threshold == o.spike_dependent_threshold &&
           after_spike_currents == o.after_spike_currents && adapting_threshold == o.adapting_threshold;
  }
  void get(Dict& d) const {
    d.set("g_m", g_m);
    d.set("E_L", E_L);
    d.set("V_th", V_th);
    d.set("C_m", C_m);
    d.set("t_ref", t_ref);
    d.set("V_reset", V_reset);
    d.set("th_spike_add", th_spike_add);
    d.set("th_spike_decay", th_spike_decay);
    d.set("voltage_reset_fraction", voltage_reset_fraction);
    d.set("voltage_reset_add", voltage_reset_add);
    d.set("th_voltage_index", th_voltage_index);
    d.set("th_voltage_decay", th_voltage_decay);
    d.set("asc_init", asc_init);
    d.set("asc_decay", asc_decay);
    d.set("asc_amps", asc_amps);
    d.set("asc_r", asc_r);
    d.set("tau_syn", tau_syn);
    d.set("E_rev", E_rev);
    d.set("spike_dependent_threshold", spike_dependent_threshold);
    d.set("after_spike_currents", after_spike_currents);
    d.set("adapting_threshold", adapting_threshold);
  }
  double set(const Dict& d) {
    const double E_L_old = E_L;
    read(d, "E_L", E_L);
    read(d, "V_reset", V_reset);
    read(d, "V_th", V_th);
    read(d, "g_m", g_m);
    read(d, "C_m", C_m);
    read(d, "t_ref", t_ref);
    read(d, "th_spike_add", th_spike_add);
    read(d, "th_spike_decay", th_spike_decay);
    read(d, "voltage_reset_fraction", voltage_reset_fraction);
    read(d, "voltage_reset_add", voltage_reset_add);
    read(d, "th_voltage_index", th_voltage_index);
    read(d, "th_voltage_decay", th_voltage_decay);
    read(d, "asc_init", asc_init);
    read(d, "asc_decay", asc_decay);
    read(d, "asc_amps", asc_amps);
    read(d, "asc_r", asc_r);
    read_tau_syn(d, tau_syn, "All synaptic time constants must be strictly positive.");
    read(d, "E_rev", E_rev);
    read(d, "spike_dependent_threshold", spike_dependent_threshold);
    read(d, "after_spike_currents", after_spike_currents);
    read(d, "adapting_threshold", adapting_threshold);
    const bool sdt = spike_dependent_threshold, asc = after_spike_currents, at = adapting_threshold;
    // GLIF1 (none), GLIF2 (sdt), GLIF3 (asc), GLIF4 (sdt, asc), GLIF5 (all three)
    if (at && !(sdt && asc))
      throw BadProperty("Incorrect model mechanism combination setting. See documentation for GLIF model "
                        "combination settings.");
    if (V_reset >= V_th) throw BadProperty("Reset potential must be smaller than threshold.");
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (g_m <= 0) throw BadProperty("Membrane conductance must be strictly positive.");
    if (t_ref <= 0) throw BadProperty("Refractory time constant must be strictly positive.");
    if (voltage_reset_fraction < 0 || voltage_reset_fraction > 1)
      throw BadProperty("Voltage fraction coefficient following spike must be within [0.0, 1.0].");
    if (th_spike_decay <= 0) throw BadProperty("Spike induced threshold time constant must be strictly positive.");
    if (th_voltage_decay <= 0) throw BadProperty("Voltage-induced threshold time constant must be strictly positive.");
    if (asc_init.size() != asc_decay.size() || asc_init.size() != asc_amps.size() || asc_init.size() != asc_r.size())
      throw BadProperty("All after spike current parameters (i.e., asc_init, k, asc_amps, r) must have the same "
                        "size.");
    for (double k : asc_decay)
      if (k <= 0) throw BadProperty("After-spike current time constant must be strictly positive.");
    for (double r : asc_r)
      if (r < 0 || r > 1) throw BadProperty("After spike current fraction following spike coefficients r must be "
                                            "within [0.0, 1.0].");
    if (E_rev.size() != tau_syn.size())
      throw BadProperty("The reversal potential, and synaptic time constant arrays must have the same size.");
    return E_L - E_L_old;
  }
};

// state layout: V_m (relative to E_L), then (dg, g) for each port
enum { V_M, N_FIXED };
inline size_t dg_index(size_t k) { return N_FIXED + 2 * k; }
inline size_t g_index(size_t k) { return N_FIXED + 2 * k + 1; }

struct State {
  // One port until the node is calibrated or set (the reference reports g = dg = [0.0] then).
  std::vector<double> y{0.0, 0.0, 0.0};  // mV, then (nS/ms, nS) per port
  double I_stim = 0.0;   // pA, current input of the previous step
  double h_int = 0.0;    // ms, proposed solver sub-step
  double th_spike = 0.0, th_voltage = 0.0;  // mV, threshold components
  double threshold = -51.68 + 78.85;  // mV relative to E_L
  double asc_sum = 0.0;  // pA
  long r = 0;
  std::vector<double> asc{0.0, 0.0};  // pA

  size_t ports() const { return (y.size() - N_FIXED) / 2; }
  void fit(const Parameters& p) {
    y.resize(N_FIXED + 2 * p.n_ports(), 0.0);
    asc.resize(p.asc_init.size(), 0.0);
  }
  void clear_ports() { std::fill(y.begin() + N_FIXED, y.end(), 0.0); }
  void get(Dict& d, const Parameters& p) const {
    d.set("V_m", y[V_M] + p.E_L);
    d.set("ASCurrents", asc);
    std::vector<double> g(ports()), dg(ports());
    for (size_t k = 0; k < ports(); ++k) {
      g[k] = y[g_index(k)];
      dg[k] = y[dg_index(k)];
    }
    d.set("g", g);
    d.set("dg", dg);
  }
  void set(const Dict& d, const Parameters& p, double delta_EL) {
    double v;
    if (read(d, "V_m", v)) y[V_M] = v - p.E_L;
    else y[V_M] -= delta_EL;
    // after-spike currents start from asc_init (given or changed in size)
    std::vector<double> a;
    if (read(d, "ASCurrents", a)) {
      if (a.size() != p.asc_init.size())
        throw BadProperty("All after spike current parameters (i.e., asc_init, k, asc_amps, r) must have the same "
                          "size.");
      asc = a;
    } else if (d.known("asc_init") || asc.size() != p.asc_init.size()) {
      asc = p.asc_init;
    }
    asc_sum = 0.0;
    for (double x : asc) asc_sum += x;
    threshold = p.V_th - p.E_L + th_spike + th_voltage;
    fit(p);
  }
};

struct Internals {
  double th_inf, V_reset, g;
  double fraction, reset_add, th_spike_add, th_spike_decay_h, th_spike_decay_ref;
  double a_v, b_v, decay_v, potential_decay, k_m;
  bool sdt, asc_on, at;
  std::vector<double> g0;  // dg jump per nS of weight (alpha peak normalisation), per port
  std::vector<double> asc_decay_h, asc_stable, asc_ref_decay, asc_amps;
  long n_ref;
  void compute(const Parameters& p, double h) {
    g0.clear();
    for (double ts : p.tau_syn) g0.push_back(M_E / ts);
    asc_decay_h.clear();
    asc_stable.clear();
    asc_ref_decay.clear();
    for (size_t a = 0; a < p.asc_decay.size(); ++a) {
      const double k = p.asc_decay[a];
      asc_decay_h.push_back(std::exp(-k * h));
      asc_stable.push_back(-std::expm1(-k * h) / (k * h));  // mean of the decaying current over a step
      asc_ref_decay.push_back(p.asc_r[a] * std::exp(-k * p.t_ref));
    }
    asc_amps = p.asc_amps;
    th_inf = p.V_th - p.E_L;
    V_reset = p.V_reset - p.E_L;
    g = p.g_m;
    fraction = p.voltage_reset_fraction;
    reset_add = p.voltage_reset_add;
    th_spike_add = p.th_spike_add;
    th_spike_decay_h = std::exp(-p.th_spike_decay * h);
    th_spike_decay_ref = std::exp(-p.th_spike_decay * p.t_ref);
    a_v = p.th_voltage_index;
    b_v = p.th_voltage_decay;
    decay_v = std::exp(-b_v * h);
    potential_decay = std::exp(-h * p.g_m / p.C_m);
    k_m = p.g_m / p.C_m;
    sdt = p.spike_dependent_threshold;
    asc_on = p.after_spike_currents;
    at = p.adapting_threshold;
    n_ref = refractory_steps(p.t_ref);
  }
};

struct Rhs {
  const Parameters& p;
  double I_stim, asc_sum;
  void operator()(const double* y, double* f) const {
    const double V = y[V_M];  // relative to E_L
    double I_syn = 0.0;
    const size_t n = p.n_ports();
    for (size_t k = 0; k < n; ++k) {
      const size_t j = dg_index(k);
      I_syn += y[j + 1] * (V + p.E_L - p.E_rev[k]);
      f[j] = -y[j] / p.tau_syn[k];
      f[j + 1] = y[j] - y[j + 1] / p.tau_syn[k];
    }
    f[V_M] = (-p.g_m * V + I_stim + asc_sum - I_syn) / p.C_m;
  }
};

}  // namespace glif_cond

class GlifCond final
    : public MultisynapseBase<GlifCond, glif_cond::Parameters, glif_cond::State, glif_cond::Internals> {
 public:
  const char* help() const override {
    return R"(Name: glif_cond - Generalized leaky integrate-and-fire neuron (Allen Institute GLIF models 1-5) with alpha-shaped synaptic conductances.
Description: C_m dV/dt = -g_m (V - E_L) + sum_j I_j - sum_k g_k (V - E_rev[k]) + I_stim, spike when
V > theta = V_th + th_s + th_v. The three flags select the model: none = GLIF1 (LIF); spike_dependent_threshold
= GLIF2 (after a spike V <- E_L + voltage_reset_fraction (V - E_L) + voltage_reset_add, and th_s jumps by
th_spike_add, decaying with rate th_spike_decay); after_spike_currents = GLIF3 (currents I_j decay with rates
asc_decay[j]; at a spike I_j <- asc_amps[j] + asc_r[j] I_j exp(-asc_decay[j] t_ref)); both = GLIF4; all three
= GLIF5 (adapting_threshold: dth_v/dt = th_voltage_index (V - E_L) - th_voltage_decay th_v, integrated exactly
for the membrane's relaxation over each step). Without spike_dependent_threshold V resets to V_reset. V is held
for t_ref after a spike while the conductances keep evolving; the threshold components and the
after-spike currents are frozen meanwhile (the currents set at a spike act from its end). A spike of weight w (nS) on receptor port k (1..n)
starts an alpha conductance with time constant tau_syn[k] and peak w. Membrane and conductances: adaptive
Runge-Kutta-Fehlberg 4(5), absolute error 1e-3.
Teeter et al. 2018, "Generalized leaky integrate-and-fire models classify multiple neuron types".
Parameters: V_m (mV, -78.85), V_th (mV, -51.68), g_m (nS, 9.43), E_L (mV, -78.85), C_m (pF, 58.72),
t_ref (ms, 3.75), V_reset (mV, -78.85), th_spike_add (mV, 0.37), th_spike_decay (1/ms, 0.009),
voltage_reset_fraction (0.2), voltage_reset_add (mV, 18.51), th_voltage_index (1/ms, 0.005),
th_voltage_decay (1/ms, 0.09), asc_init (pA), asc_decay (1/ms), asc_amps (pA), asc_r, tau_syn (ms list,
[0.2, 2.0]), E_rev (mV list, [0, -85]), spike_dependent_threshold, after_spike_currents, adapting_threshold
(false); state ASCurrents (pA), g (nS), dg (nS/ms) per port; read-only has_connections.
Receives: SpikeEvent (receptor ports 1..n), CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, threshold, threshold_spike, threshold_voltage, ASCurrents_sum, I, g_1 ... g_n.)";
  }
  std::vector<std::string> recordables() const override {
    size_t m = 0;
    for (const auto& p : P_) m = std::max(m, p.n_ports());
    std::vector<std::string> r{"V_m", "threshold", "threshold_spike", "threshold_voltage", "ASCurrents_sum", "I"};
    for (size_t k = 1; k <= m; ++k) r.push_back("g_" + std::to_string(k));
    return r;
  }
  double recordable(size_t i, int r) const override {
    const auto& s = S_[i];
    const double E_L = P_[i].E_L;
    switch (r) {
      case 0: return s.y[glif_cond::V_M] + E_L;
      case 1: return s.threshold + E_L;
      case 2: return s.th_spike;
      case 3: return s.th_voltage;
      case 4: return s.asc_sum;
      case 5: return s.I_stim;
    }
    const size_t k = size_t(r - 6);
    return k < s.ports() ? s.y[glif_cond::g_index(k)] : 0.0;
  }
  void calibrate() override {
    MultisynapseBase::calibrate();
    for (size_t i = 0; i < size(); ++i) S_[i].fit(P_[i]);
  }
  void update(UpdateCtx& c) override {
    using namespace glif_cond;
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
        const double v_old = s.y[V_M];
        work.resize(s.y.size());
        // the whole state is integrated also while refractory, so the conductances evolve and
        // the solver's step size follows the same sequence; V is then held
        ode_grid_step(Rhs{p, s.I_stim, s.asc_sum}, ode::Control::on_y(1e-3, 0.0), h, s.h_int, h, s.y.data(), work,
                      *this);
        if (s.r == 0) {
          // threshold and after-spike currents advance only outside the refractory period
          if (v.sdt) s.th_spike *= v.th_spike_decay_h;
          s.asc_sum = 0.0;
          if (v.asc_on) {
            for (size_t a = 0; a < s.asc.size(); ++a) {
              s.asc_sum += v.asc_stable[a] * s.asc[a];
              s.asc[a] *= v.asc_decay_h[a];
            }
          }
          if (v.at) {
            // th_v driven by V relaxing from v_old towards beta (exact for that relaxation)
            const double beta = (s.I_stim + s.asc_sum) / v.g;
            const double phi = v.a_v / (v.b_v - v.k_m);
            s.th_voltage = phi * (v_old - beta) * v.potential_decay +
                           v.decay_v * (s.th_voltage - phi * (v_old - beta) - v.a_v / v.b_v * beta) +
                           v.a_v / v.b_v * beta;
          }
          s.threshold = v.th_inf + s.th_spike + s.th_voltage;
          if (s.y[V_M] > s.threshold) {
            s.r = v.n_ref;
            // the new currents act from the end of the refractory period (the sum keeps its value)
            if (v.asc_on)
              for (size_t a = 0; a < s.asc.size(); ++a) s.asc[a] = v.asc_amps[a] + s.asc[a] * v.asc_ref_decay[a];
            if (v.sdt) {
              s.y[V_M] = v.fraction * v_old + v.reset_add;
              s.th_spike = s.th_spike * v.th_spike_decay_ref + v.th_spike_add;
              s.threshold = v.th_inf + s.th_spike + s.th_voltage;
            } else {
              s.y[V_M] = v.V_reset;
            }
            record_spike(i, step + 1);
            k.emit_spike(c, gids[i], lag, 1);
          }
        } else {
          --s.r;
          s.y[V_M] = v_old;
          s.threshold = v.th_inf + s.th_spike + s.th_voltage;
        }
        const size_t np = s.ports();
        for (size_t q = 0; q < np; ++q) {
          double& x = in[(1 + q) * n + i];
          s.y[dg_index(q)] += x * v.g0[q];
          x = 0.0;
        }
        s.I_stim = in[i];
        in[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
