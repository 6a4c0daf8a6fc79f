// iaf_psc_delta_ps: leaky integrate-and-fire neuron with delta-shaped inputs (voltage jumps)
// and precise spike times; threshold crossings driven by the constant current are located
// analytically, crossings caused by a jump happen at the input's exact time.
#pragma once
#include <cfloat>

#include "models/precise_base.h"

namespace nk {
namespace iaf_psc_delta_ps {

struct Parameters {
  double tau_m = 10.0;      // ms
  double C_m = 250.0;       // pF
  double t_ref = 2.0;       // ms
  double E_L = -70.0;       // mV
  double I_e = 0.0;         // pA
  double V_th = 15.0;       // mV, relative to E_L
  double V_min = -DBL_MAX;  // mV, relative to E_L
  double V_reset = 0.0;     // mV, relative to E_L
  double refractory_input = 0.0;  // 1: input during refractoriness is added, decayed, at its end

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
    if (V_reset < V_min) throw BadProperty("Reset potential must be greater equal minimum potential.");
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (tau_m <= 0) throw BadProperty("Membrane time constant must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time must not be negative.");
    return delta;
  }
};

struct State {
  double V = 0.0;         // mV relative to E_L
  double I_stim = 0.0;    // pA, current input of the previous step
  double refr_input = 0.0;  // mV collected during refractoriness (decayed to its end)
  PreciseSpikeState ps;
  void get(Dict& d, const Parameters& p) const {
    d.set("V_m", V + p.E_L);
    d.set("is_refractory", ps.refractory);
  }
  void set(const Dict& d, const Parameters& p, double delta_EL) {
    double v;
    if (read(d, "V_m", v)) V = v - p.E_L; else V -= delta_EL;
  }
};

struct Internals {
  double tau_m, R, I_e, V_th, V_min, V_reset, h, t_ref;
  bool refractory_input;
  long n_ref;
  void compute(const Parameters& p, double hh) {
    h = hh;
    tau_m = p.tau_m;
    R = p.tau_m / p.C_m;
    I_e = p.I_e;
    V_th = p.V_th;
    V_min = p.V_min;
    V_reset = p.V_reset;
    t_ref = p.t_ref;
    refractory_input = p.refractory_input != 0.0;
    n_ref = refractory_steps(p.t_ref);
    if (n_ref < 1) throw BadProperty("Refractory time must be at least one time step.");
  }
};

}  // namespace iaf_psc_delta_ps

class IafPscDeltaPs final
    : public NeuronBase<IafPscDeltaPs, iaf_psc_delta_ps::Parameters, iaf_psc_delta_ps::State,
                        iaf_psc_delta_ps::Internals> {
 public:
  const char* help() const override {
    return R"(Name: iaf_psc_delta_ps - Leaky integrate-and-fire neuron with delta-shaped inputs and precise spike times.
Description: tau_m dV/dt = -(V - E_L) + tau_m/C_m (I_e + I_stim); a spike of weight w (mV) makes V jump by w at its
exact (off-grid) time. A jump reaching V_th fires at the input's time; a crossing driven by the current is
located analytically, t = tau_m ln((V_inf - V0)/(V_inf - V_th)). After a spike V is clamped to V_reset for t_ref
(ending in continuous time); input arriving then is discarded, or, with refractory_input, added at the end of
the refractory period, decayed by exp(-(t_end - t)/tau_m). Morrison, Straube, Plesser & Diesmann 2007, "Exact
subthreshold integration with continuous spike times in discrete-time neural network simulations".
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 250), tau_m (ms, 10), t_ref (ms, 2, at least one step),
V_th (mV, -55), V_reset (mV, -70), V_min (mV, -1.8e308), I_e (pA, 0), refractory_input (false); read-only
is_refractory.
Receives: SpikeEvent (receptor 0, precise), CurrentEvent. Sends: SpikeEvent (precise).
Recordables: V_m.)";
  }
  bool precise_input() const override { return true; }
  bool precise_output() const override { return true; }
  // channels per node: 0 spikes (queued as precise events), 1 current
  int channels_per_node() const override { return 2; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    return ev == EventKind::current ? 1 : 0;
  }
  void reset_state(size_t i, const NodeBlock& proto) override {
    NeuronBase::reset_state(i, proto);
    S_[i].ps = PreciseSpikeState();
    S_[i].refr_input = 0.0;
  }
  std::vector<std::string> recordables() const override { return {"V_m"}; }
  double recordable(size_t i, int) const override { return S_[i].V + P_[i].E_L; }

  void update(UpdateCtx& c) override {
    using namespace iaf_psc_delta_ps;
    const size_t n = size();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const cur = c.row(step) + chan_base + n;
      events_.gather(c, step, chan_base, n);
      for (size_t i = 0; i < n; ++i) {
        StepEvents::Ev e;
        if (any_frozen && frozen[i]) {
          while (events_.next(i, e)) {}
          continue;
        }
        State& s = S_[i];
        const Internals& v = V_[vi_[i]];
        bool pending_release = s.ps.refractory && step + 1 - s.ps.last_spike_step == v.n_ref;
        double last = v.h;  // offset of the current state within the step
        for (;;) {
          const double ev_off = events_.peek_offset(i);
          const double rel_off = pending_release ? s.ps.last_spike_offset : -1.0;
          if (ev_off < 0.0 && rel_off < 0.0) break;
          const bool is_release = rel_off >= ev_off;
          const double off = is_release ? rel_off : ev_off;
          advance(c, i, lag, s, v, last, off);
          if (is_release) {
            s.ps.refractory = false;
            pending_release = false;
            if (s.refr_input != 0.0) {
              jump(c, i, lag, s, v, s.refr_input, off);
              s.refr_input = 0.0;
            }
          } else {
            events_.next(i, e);
            if (!s.ps.refractory) {
              jump(c, i, lag, s, v, e.weight, off);
            } else if (v.refractory_input) {
              // time from the input to the end of the refractory period
              const double t_in = kernel().time().ms(step + 1) - off;
              const double t_end = kernel().time().ms(s.ps.last_spike_step) - s.ps.last_spike_offset + v.t_ref;
              s.refr_input += e.weight * std::exp(-(t_end - t_in) / v.tau_m);
            }
          }
          last = off;
        }
        if (last > 0.0) advance(c, i, lag, s, v, last, 0.0);
        s.I_stim = cur[i];
        cur[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }

 private:
  StepEvents events_;

  void fire(UpdateCtx& c, size_t i, int lag, iaf_psc_delta_ps::State& s, const iaf_psc_delta_ps::Internals& v,
            double offset) {
    const int64_t stamp = c.T + lag + 1;
    s.ps.last_spike_step = stamp;
    s.ps.last_spike_offset = offset;
    s.ps.refractory = true;
    s.V = v.V_reset;
    A_[i].t_spike = kernel().time().ms(stamp) - offset;
    kernel().emit_precise_spike(c, gids[i], lag, 1, offset);
  }
  void jump(UpdateCtx& c, size_t i, int lag, iaf_psc_delta_ps::State& s, const iaf_psc_delta_ps::Internals& v,
            double w, double offset) {
    s.V += w;
    if (s.V < v.V_min) s.V = v.V_min;
    if (s.V >= v.V_th) fire(c, i, lag, s, v, offset);
  }
  // Relax V from offset `from` to offset `to` (< from) under the constant current.
  void advance(UpdateCtx& c, size_t i, int lag, iaf_psc_delta_ps::State& s, const iaf_psc_delta_ps::Internals& v,
               double from, double to) {
    const double dt = from - to;
    if (dt <= 0.0 || s.ps.refractory) return;
    const double V0 = s.V, V_inf = v.R * (v.I_e + s.I_stim);
    const double em = std::expm1(-dt / v.tau_m);
    s.V = -V_inf * em + V0 * em + V0;
    if (s.V < v.V_min) s.V = v.V_min;
    if (s.V >= v.V_th) {
      const double t = v.tau_m * std::log((V_inf - V0) / (V_inf - v.V_th));
      fire(c, i, lag, s, v, from - std::min(std::max(t, 0.0), dt));
    }
  }
};

}  // namespace nk
