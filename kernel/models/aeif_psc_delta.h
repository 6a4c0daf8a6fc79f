// aeif_psc_delta: adaptive exponential integrate-and-fire neuron whose inputs are voltage jumps
// (Brette & Gerstner 2005); inputs and spikes are handled after every solver sub-step.
#pragma once
#include "models/aeif_common.h"

namespace nk {
namespace aeif_psc_delta {

struct Parameters : AdexParameters {
  bool refractory_input = false;  // spikes arriving while refractory are applied afterwards

  void get(Dict& d) const {
    get_adex(d);
    d.set("refractory_input", refractory_input);
  }
  double set(const Dict& d) {
    take_keys(static_cast<AdexParameters&>(*this), d, adex_keys());
    if (V_reset >= V_peak) throw BadProperty("Ensure that V_reset < V_peak .");
    if (Delta_T < 0.0) throw BadProperty("Delta_T must be positive.");
    if (Delta_T > 0.0 && (V_peak - V_th) / Delta_T >= std::log(std::numeric_limits<double>::max() / 1e20))
      throw BadProperty(
          "The current combination of V_peak, V_th and Delta_T will lead to numerical overflow at spike time; "
          "try for instance to increase Delta_T or to reduce V_peak to avoid this problem.");
    if (V_peak < V_th) throw BadProperty("V_peak >= V_th required.");
    if (C_m <= 0) throw BadProperty("Ensure that C_m > 0");
    if (t_ref < 0) throw BadProperty("Refractory time cannot be negative.");
    if (tau_w <= 0) throw BadProperty("tau_w must be strictly positive.");
    if (gsl_error_tol <= 0.0) throw BadProperty("The gsl_error_tol must be strictly positive.");
    read(d, "refractory_input", refractory_input);
    return 0.0;
  }
};

enum { V_M, W, N_STATE };

struct State {
  double y[N_STATE] = {-70.6, 0.0};  // mV, pA
  long r = 0;
  double refr_spikes = 0.0;  // mV, input held back during refractoriness
  double I_stim = 0.0;       // pA
  double h_int = 0.0;        // ms

  void get(Dict& d, const Parameters&) const {
    d.set("V_m", y[V_M]);
    d.set("w", y[W]);
  }
  void set(const Dict& d, const Parameters&, double) {
    read(d, "V_m", y[V_M]);
    read(d, "w", y[W]);
  }
};

struct Internals {
  double tau_m;  // ms, C_m / g_L, discounts input held back during refractoriness
  long n_ref;
  void compute(const Parameters& p, double) {
    tau_m = p.C_m / p.g_L;
    n_ref = refractory_steps(p.t_ref);
  }
};

struct Rhs {
  const Parameters& p;
  const double& I_stim;
  const long& r;
  void operator()(const double* y, double* f) const {
    const bool refractory = r > 0;
    const double V = p.V_eff(y[V_M], refractory);
    f[V_M] = refractory ? 0.0 : (-p.g_L * (V - p.E_L) + p.I_spike(V) - y[W] + p.I_e + I_stim) / p.C_m;
    f[W] = (p.a * (V - p.E_L) - y[W]) / p.tau_w;
  }
};

}  // namespace aeif_psc_delta

class AeifPscDelta final : public NeuronBase<AeifPscDelta, aeif_psc_delta::Parameters, aeif_psc_delta::State,
                                             aeif_psc_delta::Internals> {
 public:
  const char* help() const override {
    return R"(Name: aeif_psc_delta - Current-based adaptive exponential integrate-and-fire neuron with delta
synapses.
Description: C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T) - w + I_e + I_stim;
tau_w dw/dt = a (V - E_L) - w. A spike of weight J (mV) makes V jump by J after the first internal
solver step of the step in which it arrives. Input arriving while the neuron is refractory is
discarded, or, with refractory_input = true, added when refractoriness ends, discounted by
exp(-remaining refractory time / tau_m), tau_m = C_m/g_L. V is capped at V_peak inside the
equations and held at V_reset while refractory; spikes are detected after every internal solver
step (V >= V_peak, or V_th if Delta_T = 0): V <- V_reset, w += b, refractory for t_ref.
Adaptive Runge-Kutta-Fehlberg 4(5), tolerance gsl_error_tol on the state change; V < -1000 mV or
|w| > 1e6 pA raises NumericalInstability.
Parameters: V_m (mV, -70.6), C_m (pF, 281), g_L (nS, 30), E_L (mV, -70.6), V_th (mV, -50.4), Delta_T (mV, 2),
V_peak (mV, 0), V_reset (mV, -60), t_ref (ms, 0), a (nS, 4), b (pA, 80.5), tau_w (ms, 144), I_e (pA, 0),
gsl_error_tol (1e-6), refractory_input (false); state w (pA).
Receives: SpikeEvent, CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, w.
References: Brette & Gerstner (2005) Adaptive exponential integrate-and-fire model as an effective
description of neuronal activity.)";
  }
  // channels per node: 0 spikes (voltage jumps, any sign), 1 current
  int channels_per_node() const override { return 2; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    return ev == EventKind::current ? 1 : 0;
  }
  std::vector<std::string> recordables() const override { return {"V_m", "w"}; }
  double recordable(size_t i, int r) const override { return S_[i].y[r]; }
  void update(UpdateCtx& c) override {
    using namespace aeif_psc_delta;
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
        const Rhs rhs{p, s.I_stim, s.r};
        const auto ctl = ode::Control::on_dydt(p.gsl_error_tol, p.gsl_error_tol);
        if (s.h_int <= 0.0) s.h_int = h;
        double input = jumps[i];  // consumed by the first sub-step
        double t = 0.0;
        while (t < h) {
          const int status = ode::evolve_apply(rhs, ctl, t, h, s.h_int, s.y, work);
          if (status != 0) throw GSLSolverFailure(model_name(), status);
          check_adex_state(s.y[V_M], s.y[W], *this);
          if (s.r == 0) {
            s.y[V_M] += input;
            if (p.refractory_input && s.refr_spikes != 0.0) {
              s.y[V_M] += s.refr_spikes;
              s.refr_spikes = 0.0;
            }
          } else {
            s.y[V_M] = p.V_reset;
            if (p.refractory_input) s.refr_spikes += input * std::exp(-s.r * h / v.tau_m);
          }
          input = 0.0;
          if (s.r == 0 && s.y[V_M] >= p.V_detect()) {
            s.y[V_M] = p.V_reset;
            s.r = adex_refractory_start(v.n_ref);
            s.y[W] += p.b;
            record_spike(i, step + 1);
            k.emit_spike(c, gids[i], lag, 1);
          }
        }
        if (s.r > 0) --s.r;
        s.I_stim = cur[i];
        jumps[i] = cur[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
