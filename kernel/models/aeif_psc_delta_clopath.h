// aeif_psc_delta_clopath: AdEx neuron with delta inputs, the adaptive threshold and spike
// after-depolarisation of Clopath et al. (2010), V clamped after a spike, and the filtered
// potentials that clopath_synapse reads.
#pragma once
#include "models/aeif_common.h"
#include "models/clopath_common.h"

namespace nk {
namespace aeif_psc_delta_clopath {

struct Parameters : ClopathTraceParameters {
  double V_peak = 33.0;     // mV, spike detection
  double V_reset = -60.0;   // mV
  double t_ref = 0.0;       // ms, refractory time after the clamp
  double g_L = 30.0;        // nS
  double C_m = 281.0;       // pF
  double E_L = -70.6;       // mV
  double Delta_T = 2.0;     // mV
  double tau_w = 144.0;     // ms
  double tau_z = 40.0;      // ms, decay of the after-spike current z
  double tau_V_th = 50.0;   // ms, relaxation of the threshold
  double V_th_max = 30.4;   // mV, threshold just after a spike
  double V_th_rest = -50.4; // mV
  double a = 4.0;           // nS
  double b = 80.5;          // pA
  double I_sp = 400.0;      // pA, z just after a spike
  double I_e = 0.0;         // pA
  double V_clamp = 33.0;    // mV, V during t_clamp after a spike
  double t_clamp = 2.0;     // ms
  double gsl_error_tol = 1e-6;

  Parameters() { tau_plus = 7.0; }
  static const auto& keys() {
    using P = Parameters;
    static const Key<P> k[] = {
        {"V_peak", &P::V_peak},     {"V_reset", &P::V_reset},     {"t_ref", &P::t_ref},
        {"g_L", &P::g_L},           {"C_m", &P::C_m},             {"E_L", &P::E_L},
        {"Delta_T", &P::Delta_T},   {"tau_w", &P::tau_w},         {"tau_z", &P::tau_z},
        {"tau_V_th", &P::tau_V_th}, {"V_th_max", &P::V_th_max},   {"V_th_rest", &P::V_th_rest},
        {"a", &P::a},               {"b", &P::b},                 {"I_sp", &P::I_sp},
        {"I_e", &P::I_e},           {"V_clamp", &P::V_clamp},     {"t_clamp", &P::t_clamp},
        {"gsl_error_tol", &P::gsl_error_tol}};
    return k;
  }
  void get(Dict& d) const {
    put_keys(*this, d, keys());
    get_traces(d);
  }
  double set(const Dict& d) {
    Parameters p = *this;
    take_keys(p, d, keys());
    p.set_traces(d);
    if (p.V_reset >= p.V_peak) throw BadProperty("Ensure that V_reset < V_peak .");
    if (p.Delta_T < 0.0) throw BadProperty("Delta_T must be positive.");
    if (p.Delta_T > 0.0 &&
        (p.V_peak - p.V_th_rest) / p.Delta_T >= std::log(std::numeric_limits<double>::max() / 1e20))
      throw BadProperty(
          "The current combination of V_peak, V_th and Delta_T will lead to numerical overflow at spike time; "
          "try for instance to increase Delta_T or to reduce V_peak to avoid this problem.");
    if (p.V_peak < p.V_th_rest) throw BadProperty("V_peak >= V_th_rest required.");
    if (p.V_th_max < p.V_th_rest) throw BadProperty("V_th_max >= V_th_rest required.");
    if (p.C_m <= 0) throw BadProperty("Ensure that C_m > 0");
    if (p.t_ref < 0) throw BadProperty("Refractory time cannot be negative.");
    if (p.t_clamp < 0) throw BadProperty("Ensure that t_clamp >= 0");
    if (p.tau_w <= 0 || p.tau_z <= 0 || p.tau_V_th <= 0)
      throw BadProperty("All time constants must be strictly positive.");
    if (p.gsl_error_tol <= 0.0) throw BadProperty("The gsl_error_tol must be strictly positive.");
    *this = p;
    return 0.0;
  }
};

enum { V_M, W, Z, V_TH, U_BAR_PLUS, U_BAR_MINUS, U_BAR_BAR, N_STATE };

struct State {
  double y[N_STATE] = {-70.6, 0.0, 0.0, -50.4, -70.6, -70.6, -70.6};
  long r = 0;        // refractory steps left
  long clamp_r = 0;  // clamp steps left
  double I_stim = 0.0;
  double h_int = 0.0;

  void get(Dict& d, const Parameters&) const {
    d.set("V_m", y[V_M]);
    d.set("w", y[W]);
    d.set("z", y[Z]);
    d.set("V_th", y[V_TH]);
    d.set("u_bar_plus", y[U_BAR_PLUS]);
    d.set("u_bar_minus", y[U_BAR_MINUS]);
    d.set("u_bar_bar", y[U_BAR_BAR]);
  }
  void set(const Dict& d, const Parameters&, double) {
    read(d, "V_m", y[V_M]);
    read(d, "w", y[W]);
    read(d, "z", y[Z]);
    read(d, "u_bar_plus", y[U_BAR_PLUS]);
    read(d, "u_bar_minus", y[U_BAR_MINUS]);
    read(d, "u_bar_bar", y[U_BAR_BAR]);
  }
};

struct Internals {
  long n_ref, n_clamp;
  void compute(const Parameters& p, double) {
    n_ref = refractory_steps(p.t_ref);
    n_clamp = refractory_steps(p.t_clamp);
  }
};

struct Rhs {
  const Parameters& p;
  const double& I_stim;
  const long& r;
  const long& clamp_r;
  void operator()(const double* y, double* f) const {
    const bool held = r > 0 || clamp_r > 0;
    const double V = clamp_r > 0 ? p.V_clamp : (r > 0 ? p.V_reset : std::min(y[V_M], p.V_peak));
    const double I_spike = p.Delta_T == 0.0 ? 0.0 : p.g_L * p.Delta_T * std::exp((V - y[V_TH]) / p.Delta_T);
    f[V_M] = held ? 0.0 : (-p.g_L * (V - p.E_L) + I_spike - y[W] + y[Z] + p.I_e + I_stim) / p.C_m;
    f[W] = clamp_r > 0 ? 0.0 : (p.a * (V - p.E_L) - y[W]) / p.tau_w;  // adaptation pauses in the clamp
    f[Z] = -y[Z] / p.tau_z;
    f[V_TH] = -(y[V_TH] - p.V_th_rest) / p.tau_V_th;
    p.trace_rhs(V, y + U_BAR_PLUS, f + U_BAR_PLUS);
  }
};

}  // namespace aeif_psc_delta_clopath

class AeifPscDeltaClopath final
    : public ClopathNeuron<NeuronBase<AeifPscDeltaClopath, aeif_psc_delta_clopath::Parameters,
                                      aeif_psc_delta_clopath::State, aeif_psc_delta_clopath::Internals>> {
 public:
  const char* help() const override {
    return R"(Name: aeif_psc_delta_clopath - Adaptive exponential integrate-and-fire neuron with delta
synapses and the voltage traces of the Clopath plasticity rule.
Description: C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T) - w + z + I_e + I_stim;
tau_w dw/dt = a (V - E_L) - w; tau_z dz/dt = -z; tau_V_th dV_th/dt = -(V_th - V_th_rest);
tau_plus du_bar_plus/dt = V - u_bar_plus; tau_minus du_bar_minus/dt = V - u_bar_minus;
tau_bar_bar du_bar_bar/dt = u_bar_minus - u_bar_bar. A spike of weight J (mV) makes V jump by J
after the first internal solver step of the step in which it arrives (discarded while clamped or
refractory). When V reaches V_peak (V_th if Delta_T = 0) the neuron spikes: V <- V_clamp, held for
t_clamp with w frozen, then V <- V_reset, held for t_ref (with t_clamp = 0 there is neither clamp
nor refractoriness and V stays at V_clamp); w += b, z <- I_sp, V_th <- V_th_max.
After every step V, the filtered potentials delayed by delay_u_bars and u_bar_bar go to the
Clopath history read by clopath_synapse: depression A_LTD (u_bar_minus - theta_minus) if
u_bar_minus > theta_minus (times u_bar_bar^2/u_ref_squared unless A_LTD_const), potentiation
A_LTP (V - theta_plus)(u_bar_plus - theta_minus) h if V > theta_plus and u_bar_plus > theta_minus.
Adaptive Runge-Kutta-Fehlberg 4(5), tolerance gsl_error_tol.
Parameters: V_m (mV, -70.6), C_m (pF, 281), g_L (nS, 30), E_L (mV, -70.6), Delta_T (mV, 2),
V_peak (mV, 33), V_reset (mV, -60), t_ref (ms, 0), a (nS, 4), b (pA, 80.5), tau_w (ms, 144),
tau_z (ms, 40), I_sp (pA, 400), tau_V_th (ms, 50), V_th_rest (mV, -50.4), V_th_max (mV, 30.4),
V_clamp (mV, 33), t_clamp (ms, 2), I_e (pA, 0), gsl_error_tol (1e-6), tau_plus (ms, 7),
tau_minus (ms, 10 for u_bar_minus), tau_bar_bar (ms, 500), A_LTD (1/mV, 1.4e-4), A_LTP (1/mV^2, 8e-5),
theta_plus (mV, -45.3), theta_minus (mV, -70.6), A_LTD_const (true), delay_u_bars (ms, 5),
u_ref_squared (mV^2, 60); state w (pA), z (pA), V_th (mV), u_bar_plus, u_bar_minus, u_bar_bar (mV).
Receives: SpikeEvent, CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, w, z, V_th, u_bar_plus, u_bar_minus, u_bar_bar.
References: Clopath et al. (2010) Connectivity reflects coding: a model of voltage-based STDP with
homeostasis; Brette & Gerstner (2005) Adaptive exponential integrate-and-fire model as an effective
description of neuronal activity.)";
  }
  int channels_per_node() const override { return 2; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    return ev == EventKind::current ? 1 : 0;
  }
  std::vector<std::string> recordables() const override {
    return {"V_m", "w", "z", "V_th", "u_bar_plus", "u_bar_minus", "u_bar_bar"};
  }
  double recordable(size_t i, int r) const override { return S_[i].y[r]; }
  void update(UpdateCtx& c) override {
    using namespace aeif_psc_delta_clopath;
    const size_t n = size();
    Kernel& k = kernel();
    const double h = k.h();
    ode::OdeWork<N_STATE> work;
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const jumps = c.row(step) + chan_base;
      double* const cur = jumps + n;
      for (size_t i = 0; i < n; ++i) {
        if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& p = P_[i];
        const auto& v = V_[vi_[i]];
        const Rhs rhs{p, s.I_stim, s.r, s.clamp_r};
        const auto ctl = ode::Control::on_dydt(p.gsl_error_tol, p.gsl_error_tol);
        if (s.h_int <= 0.0) s.h_int = h;
        double input = jumps[i];
        double t = 0.0;
        while (t < h) {
          const int status = ode::evolve_apply(rhs, ctl, t, h, s.h_int, s.y, work);
          if (status != 0) throw GSLSolverFailure(model_name(), status);
          check_adex_state(s.y[V_M], s.y[W], *this);
          // input of the step arrives after the first solver sub-step, before the spike check
          if (s.r == 0 && s.clamp_r == 0) s.y[V_M] += input;
          input = 0.0;
          // held (clamped or refractory) V does not move: dV/dt = 0 in the equations
          if (s.clamp_r == 0 && s.r == 0 && s.y[V_M] >= (p.Delta_T > 0.0 ? p.V_peak : s.y[V_TH])) {
            s.y[V_M] = p.V_clamp;
            s.y[W] += p.b;
            s.y[Z] = p.I_sp;
            s.y[V_TH] = p.V_th_max;
            // one extra count for the count-down after the loop; refractoriness starts when the
            // clamp ends, so with t_clamp = 0 there is none and V stays at V_clamp (as in the reference)
            s.clamp_r = v.n_clamp > 0 ? v.n_clamp + 1 : 0;
            record_spike(i, step + 1);
            k.emit_spike(c, gids[i], lag, 1);
          }
        }
        if (s.clamp_r == 1) {
          s.clamp_r = 0;
          s.y[V_M] = p.V_reset;
          s.r = v.n_ref;
        } else if (s.clamp_r > 1) {
          --s.clamp_r;
        } else if (s.r > 0) {
          --s.r;
        }
        write_history(i, step + 1, s.y[V_M], s.y[U_BAR_PLUS], s.y[U_BAR_MINUS], s.y[U_BAR_BAR]);
        s.I_stim = cur[i];
        jumps[i] = cur[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
