// glif_psc: the generalized leaky integrate-and-fire models of the Allen Institute (GLIF1-5,
// chosen by three flags) with alpha-shaped synaptic currents on receptor ports 1..n.
#pragma once
#include "models/multisynapse.h"

namespace nk {
namespace glif_psc {

struct Parameters {
  double g = 9.43;         // nS, membrane conductance
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
  std::vector<double> tau_syn{2.0};  // ms, one per receptor port
  bool spike_dependent_threshold = false, after_spike_currents = false, adapting_threshold = false;

  size_t n_ports() const { return tau_syn.size(); }
  bool operator==(const Parameters& o) const {
    return g == o.g && E_L == o.E_L && V_th == o.V_th && C_m == o.C_m && t_ref == o.t_ref &&
           V_reset == o.V_reset && th_spike_add == o.th_spike_add && th_spike_decay == o.th_spike_decay &&
           voltage_reset_fraction == o.voltage_reset_fraction && voltage_reset_add == o.voltage_reset_add &&
           th_voltage_index == o.th_voltage_index && th_voltage_decay == o.th_voltage_decay &&
           asc_init == o.asc_init && asc_decay == o.asc_decay && asc_amps == o.asc_amps && asc_r == o.asc_r &&
           tau_syn == o.tau_syn && spike_dependent_threshold == o.spike_dependent_threshold &&
           after_spike_currents == o.after_spike_currents && adapting_threshold == o.adapting_threshold;
  }
  void get(Dict& d) const {
    d.set("g", g);
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
    d.set("spike_dependent_threshold", spike_dependent_threshold);
    d.set("after_spike_currents", after_spike_currents);
    d.set("adapting_threshold", adapting_threshold);
  }
  double set(const Dict& d) {
    const double E_L_old = E_L;
    read(d, "E_L", E_L);
    read(d, "V_reset", V_reset);
    read(d, "V_th", V_th);
    read(d, "g", g);
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
    if (g <= 0) throw BadProperty("Membrane conductance must be strictly positive.");
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
    return E_L - E_L_old;
  }
};

struct State {
  double V = 0.0;        // mV relative to E_L
  double I_stim = 0.0;   // pA, current input of the previous step
  double th_spike = 0.0, th_voltage = 0.0;  // mV, threshold components
  double threshold = -51.68 + 78.85;  // mV relative to E_L
  double asc_sum = 0.0;  // pA
  double I_syn = 0.0;    // pA
  long r = 0;
  std::vector<double> asc{0.0, 0.0};  // pA
  std::vector<double> dI{0.0}, I{0.0};  // alpha currents per port

  void fit(const Parameters& p) {
    dI.resize(p.n_ports(), 0.0);
    I.resize(p.n_ports(), 0.0);
    asc.resize(p.asc_init.size(), 0.0);
  }
  void clear_ports() {
    std::fill(dI.begin(), dI.end(), 0.0);
    std::fill(I.begin(), I.end(), 0.0);
  }
  void get(Dict& d, const Parameters& p) const {
    d.set("V_m", V + p.E_L);
    d.set("ASCurrents", asc);
    d.set("threshold_spike", th_spike);
    d.set("threshold_voltage", th_voltage);
  }
  void set(const Dict& d, const Parameters& p, double delta_EL) {
    double v;
    if (read(d, "V_m", v)) V = v - p.E_L; else V -= delta_EL;
    read(d, "threshold_spike", th_spike);
    read(d, "threshold_voltage", th_voltage);
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
  }
};

struct Internals {
  double P33, P30, th_inf, V_reset, g, h;
  double fraction, reset_add, th_spike_add, th_spike_decay_h, th_spike_decay_ref;
  double a_v, b_v, decay_v, potential_decay, k_m;
  bool sdt, asc_on, at;
  std::vector<double> P11, P21, P22, P31, P32, psc_init;
  std::vector<double> asc_decay_h, asc_stable, asc_ref_decay, asc_amps;
  long n_ref;
  void compute(const Parameters& p, double hh) {
    h = hh;
    const double tau_m = p.C_m / p.g;
    P33 = std::exp(-h / tau_m);
    P30 = -std::expm1(-h / tau_m) / p.g;
    const size_t n = p.tau_syn.size();
    P11.resize(n); P21.resize(n); P22.resize(n); P31.resize(n); P32.resize(n); psc_init.resize(n);
    for (size_t k = 0; k < n; ++k) {
      const double ts = p.tau_syn[k];
      P11[k] = P22[k] = std::exp(-h / ts);
      P21[k] = h * P11[k];
      P31[k] = Propagators::P_alpha(ts, tau_m, p.C_m, h);
      P32[k] = Propagators::P_exp(ts, tau_m, p.C_m, h);
      psc_init[k] = M_E / ts;
    }
    asc_decay_h.clear(); asc_stable.clear(); asc_ref_decay.clear();
    for (size_t a = 0; a < p.asc_decay.size(); ++a) {
      const double k = p.asc_decay[a];
      asc_decay_h.push_back(std::exp(-k * h));
      asc_stable.push_back(-std::expm1(-k * h) / (k * h));  // mean of the decaying current over a step
      asc_ref_decay.push_back(p.asc_r[a] * std::exp(-k * p.t_ref));
    }
    asc_amps = p.asc_amps;
    th_inf = p.V_th - p.E_L;
    V_reset = p.V_reset - p.E_L;
    g = p.g;
    fraction = p.voltage_reset_fraction;
    reset_add = p.voltage_reset_add;
    th_spike_add = p.th_spike_add;
    th_spike_decay_h = std::exp(-p.th_spike_decay * h);
    th_spike_decay_ref = std::exp(-p.th_spike_decay * p.t_ref);
    a_v = p.th_voltage_index;
    b_v = p.th_voltage_decay;
    decay_v = std::exp(-b_v * h);
    potential_decay = P33;
    k_m = p.g / p.C_m;
    sdt = p.spike_dependent_threshold;
    asc_on = p.after_spike_currents;
    at = p.adapting_threshold;
    n_ref = refractory_steps(p.t_ref);
  }
};

}  // namespace glif_psc

class GlifPsc final
    : public MultisynapseBase<GlifPsc, glif_psc::Parameters, glif_psc::State, glif_psc::Internals> {
 public:
  const char* help() const override {
    return R"(Name: glif_psc - Generalized leaky integrate-and-fire neuron (Allen Institute GLIF models 1-5) with alpha-shaped synaptic currents.
Description: C_m dV/dt = -g (V - E_L) + sum_j I_j + I_syn + I_stim, spike when V > theta = V_th + th_s + th_v.
The three flags select the model: none = GLIF1 (LIF); spike_dependent_threshold = GLIF2 (after a spike
V <- E_L + voltage_reset_fraction (V - E_L) + voltage_reset_add, and th_s jumps by th_spike_add, decaying with
rate th_spike_decay); after_spike_currents = GLIF3 (currents I_j decay with rates asc_decay[j]; at a spike
I_j <- asc_amps[j] + asc_r[j] I_j exp(-asc_decay[j] t_ref)); both = GLIF4; all three = GLIF5 (adapting_threshold:
dth_v/dt = th_voltage_index (V - E_L) - th_voltage_decay th_v, integrated exactly over each step for the
membrane's relaxation). Without spike_dependent_threshold V resets to V_reset. V is held for t_ref after a spike.
Teeter et al. 2018, "Generalized leaky integrate-and-fire models classify multiple neuron types".
A spike of weight w (pA) on receptor port k (1..n) adds an alpha current with time constant tau_syn[k].
Parameters: V_m (mV, -78.85), V_th (mV, -51.68), g (nS, 9.43), E_L (mV, -78.85), C_m (pF, 58.72), t_ref (ms, 3.75),
V_reset (mV, -78.85), th_spike_add (mV, 0.37), th_spike_decay (1/ms, 0.009), voltage_reset_fraction (0.2),
voltage_reset_add (mV, 18.51), th_voltage_index (1/ms, 0.005), th_voltage_decay (1/ms, 0.09), asc_init (pA),
asc_decay (1/ms), asc_amps (pA), asc_r, tau_syn (ms list), spike_dependent_threshold, after_spike_currents,
adapting_threshold (false); state ASCurrents, threshold_spike, threshold_voltage; read-only has_connections.
Receives: SpikeEvent (receptor ports 1..n), CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, threshold, threshold_spike, threshold_voltage, ASCurrents_sum, I, I_syn.)";
  }
  std::vector<std::string> recordables() const override {
    return {"V_m", "threshold", "threshold_spike", "threshold_voltage", "ASCurrents_sum", "I", "I_syn"};
  }
  double recordable(size_t i, int r) const override {
    const auto& s = S_[i];
    const double E_L = P_[i].E_L;
    switch (r) {
      case 0: return s.V + E_L;
      case 1: return s.threshold + E_L;
      case 2: return s.th_spike;
      case 3: return s.th_voltage;
      case 4: return s.asc_sum;
      case 5: return s.I_stim;
      case 6: return s.I_syn;
    }
    return 0.0;
  }
  void update(UpdateCtx& c) override {
    const size_t n = size();
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const in = c.row(step) + chan_base;
      for (size_t i = 0; i < n; ++i) {
        if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& v = V_[vi_[i]];
        const double v_old = s.V;
        const size_t np = s.I.size();
        if (s.r == 0) {
          // the after-spike currents of this step drive V in this step
          s.asc_sum = 0.0;
          for (size_t a = 0; a < s.asc.size(); ++a) {
            s.asc_sum += v.asc_stable[a] * s.asc[a];
            s.asc[a] *= v.asc_decay_h[a];
          }
          double V = v_old * v.P33 + (s.I_stim + s.asc_sum) * v.P30;
          s.I_syn = 0.0;
          for (size_t q = 0; q < np; ++q) {
            V += v.P31[q] * s.dI[q] + v.P32[q] * s.I[q];
            s.I_syn += s.I[q];
          }
          s.V = V;
          // threshold and after-spike currents advance only outside the refractory period
          if (v.sdt) s.th_spike *= v.th_spike_decay_h;
          if (v.at) {
            // th_v driven by V relaxing from v_old towards beta (exact for that relaxation)
            const double beta = (s.I_stim + s.asc_sum) / v.g;
            const double phi = v.a_v / (v.b_v - v.k_m);
            s.th_voltage = phi * (v_old - beta) * v.potential_decay +
                           v.decay_v * (s.th_voltage - phi * (v_old - beta) - v.a_v / v.b_v * beta) +
                           v.a_v / v.b_v * beta;
          }
          s.threshold = v.th_inf + s.th_spike + s.th_voltage;
          if (s.V > s.threshold) {
            s.r = v.n_ref;
            // the new currents act from the end of the refractory period (the sum keeps its value)
            if (v.asc_on)
              for (size_t a = 0; a < s.asc.size(); ++a) s.asc[a] = v.asc_amps[a] + s.asc[a] * v.asc_ref_decay[a];
            if (v.sdt) {
              s.V = v.fraction * v_old + v.reset_add;
              s.th_spike = s.th_spike * v.th_spike_decay_ref + v.th_spike_add;
              s.threshold = v.th_inf + s.th_spike + s.th_voltage;
            } else {
              s.V = v.V_reset;
            }
            record_spike(i, step + 1);
            k.emit_spike(c, gids[i], lag, 1);
          }
        } else {
          --s.r;
          s.threshold = v.th_inf + s.th_spike + s.th_voltage;
        }
        for (size_t q = 0; q < np; ++q) {
          double& x = in[(1 + q) * n + i];
          s.I[q] = v.P21[q] * s.dI[q] + v.P22[q] * s.I[q];
          s.dI[q] = s.dI[q] * v.P11[q] + v.psc_init[q] * x;
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
