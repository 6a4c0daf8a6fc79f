// iaf_psc_delta: leaky integrate-and-fire neuron whose input spikes make V_m jump by the
// weight (mV); exact integration.
#pragma once
#include <cfloat>

#include "models/neuron_base.h"

namespace nk {
namespace iaf_psc_delta {

struct Parameters {
  double tau_m = 10.0;   // ms
  double C_m = 250.0;    // pF
  double t_ref = 2.0;    // ms
  double E_L = -70.0;    // mV
  double I_e = 0.0;      // pA
  double V_th = 15.0;    // mV, relative to E_L
  double V_min = -DBL_MAX;  // mV, relative to E_L
  double V_reset = 0.0;  // mV, relative to E_L
  double refractory_input = 0.0;  // 1.0 if spikes arriving during refractoriness are kept

  void get(Dict& d) const {
    d.set("E_L", E_L);
    d.set("I_e", I_e);
    d.set("V_th", V_th + E_L);
    d.set("V_min", V_min + E_L);
    d.set("V_reset", V_reset + E_L);
    d.set("C_m", C_m);
    d.set("tau_m", tau_m);
    d.set("t_ref", t_ref);
    d.set("refractory_input", refractory_input != 0.0);
  }
  double set(const Dict& d) {
    const double E_L_old = E_L;
    read(d, "E_L", E_L);
    const double delta = E_L - E_L_old;
    double v;
    if (read(d, "V_reset", v)) V_reset = v - E_L; else V_reset -= delta;
    if (read(d, "V_th", v)) V_th = v - E_L; else V_th -= delta;
    if (read(d, "V_min", v)) V_min = v - E_L; else if (V_min > -DBL_MAX) V_min -= delta;
    read(d, "I_e", I_e);
    read(d, "C_m", C_m);
    read(d, "tau_m", tau_m);
    read(d, "t_ref", t_ref);
    bool b;
    if (read(d, "refractory_input", b)) refractory_input = b ? 1.0 : 0.0;
    if (V_reset >= V_th) throw BadProperty("Reset potential must be smaller than threshold.");
    if (C_m <= 0) throw BadProperty("Capacitance must be > 0.");
    if (tau_m <= 0) throw BadProperty("Membrane time constant must be > 0.");
    if (t_ref < 0) throw BadProperty("Refractory time must not be negative.");
    return delta;
  }
};

struct State {
  double V = 0.0;       // mV relative to E_L
  double I_stim = 0.0;  // pA
  double refr_input = 0.0;  // mV collected during refractoriness
  long r = 0;
  void get(Dict& d, const Parameters& p) const { d.set("V_m", V + p.E_L); }
  void set(const Dict& d, const Parameters& p, double delta_EL) {
    double v;
    if (read(d, "V_m", v)) V = v - p.E_L; else V -= delta_EL;
  }
};

struct Internals {
  double P30, P33, I_e, V_th, V_min, V_reset, h_over_tau;
  bool refr_input;
  long n_ref;
  void compute(const Parameters& p, double h) {
    P33 = std::exp(-h / p.tau_m);
    P30 = -p.tau_m / p.C_m * std::expm1(-h / p.tau_m);
    I_e = p.I_e;
    V_th = p.V_th;
    V_min = p.V_min;
    V_reset = p.V_reset;
    refr_input = p.refractory_input != 0.0;
    h_over_tau = h / p.tau_m;
    n_ref = refractory_steps(p.t_ref);
  }
};

}  // namespace iaf_psc_delta

class IafPscDelta final : public NeuronBase<IafPscDelta, iaf_psc_delta::Parameters, iaf_psc_delta::State,
                                            iaf_psc_delta::Internals> {
 public:
  const char* help() const override {
    return R"(Name: iaf_psc_delta - Leaky integrate-and-fire neuron with delta-shaped postsynaptic potentials.
Description: tau_m dV/dt = -(V - E_L) + tau_m/C_m (I_e + I_stim); a spike of weight w (mV) makes V jump by w
in its arrival step. Spikes arriving during refractoriness are dropped unless refractory_input is true.
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 250), tau_m (ms, 10), t_ref (ms, 2), V_th (mV, -55),
V_reset (mV, -70), V_min (mV, lowest double), I_e (pA, 0), refractory_input (bool, false).
Receives: SpikeEvent, CurrentEvent. Sends: SpikeEvent. Recordables: V_m.)";
  }
  // channels per node: 0 spikes (mV), 1 current
  int channels_per_node() const override { return 2; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    return ev == EventKind::current ? 1 : 0;
  }
  std::vector<std::string> recordables() const override { return {"V_m"}; }
  double recordable(size_t i, int) const override { return S_[i].V + P_[i].E_L; }
  void update(UpdateCtx& c) override {
    const size_t n = size();
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* in = c.row(step) + chan_base;
      double* const p0 = in;
      double* const p1 = in + 1 * n;
      for (size_t i = 0; i < n; ++i) {
                if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& v = V_[vi_[i]];
        if (s.r == 0) {
          s.V = v.P30 * (s.I_stim + v.I_e) + v.P33 * s.V + p0[i];
          if (v.refr_input) {
            s.V += s.refr_input;
            s.refr_input = 0.0;
          }
          if (s.V < v.V_min) s.V = v.V_min;
        } else {
          if (v.refr_input) s.refr_input += p0[i] * std::exp(-double(s.r) * v.h_over_tau);
          --s.r;
        }
        if (s.V >= v.V_th) {
          s.r = v.n_ref;
          s.V = v.V_reset;
          record_spike(i, step + 1);
          k.emit_spike(c, gids[i], lag, 1);
        }
        s.I_stim = p1[i];
        p0[i] = p1[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
