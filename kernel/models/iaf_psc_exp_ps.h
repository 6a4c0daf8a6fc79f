// iaf_psc_exp_ps: leaky integrate-and-fire neuron with exponential currents and precise spike
// times: input spikes act at their exact (off-grid) times, threshold crossings are located
// inside the step, refractoriness ends in continuous time. The `lossless` variant also detects
// crossings where V returns below threshold before the end of a sub-step.
#pragma once
#include "models/precise_base.h"

namespace nk {
namespace iaf_psc_exp_ps {

struct Parameters {
  double tau_m = 10.0;   // ms
  double C_m = 250.0;    // pF
  double t_ref = 2.0;    // ms
  double E_L = -70.0;    // mV
  double I_e = 0.0;      // pA
  double V_th = 15.0;    // mV, relative to E_L
  double V_min = -std::numeric_limits<double>::infinity();  // mV, relative to E_L
  double V_reset = 0.0;  // mV, relative to E_L
  double tau_ex = 2.0;   // ms
  double tau_in = 2.0;   // ms

  void get(Dict& d) const {
    d.set("E_L", E_L);
    d.set("I_e", I_e);
    d.set("V_th", V_th + E_L);
    d.set("V_min", V_min + E_L);
    d.set("V_reset", V_reset + E_L);
    d.set("C_m", C_m);
    d.set("tau_m", tau_m);
    d.set("t_ref", t_ref);
    d.set("tau_syn_ex", tau_ex);
    d.set("tau_syn_in", tau_in);
  }
  double set(const Dict& d) {
    const double E_L_old = E_L;
    read(d, "E_L", E_L);
    const double delta = E_L - E_L_old;
    double v;
    if (read(d, "V_reset", v)) V_reset = v - E_L; else V_reset -= delta;
    if (read(d, "V_th", v)) V_th = v - E_L; else V_th -= delta;
    if (read(d, "V_min", v)) V_min = v - E_L; else V_min -= delta;
    read(d, "I_e", I_e);
    read(d, "C_m", C_m);
    read(d, "tau_m", tau_m);
    read(d, "tau_syn_ex", tau_ex);
    read(d, "tau_syn_in", tau_in);
    read(d, "t_ref", t_ref);
    if (V_reset >= V_th) throw BadProperty("Reset potential must be smaller than threshold.");
    if (V_reset < V_min) throw BadProperty("Reset potential must be greater equal minimum potential.");
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (t_ref < 0) throw BadProperty("Refractory time must not be negative.");
    if (tau_m <= 0 || tau_ex <= 0 || tau_in <= 0) throw BadProperty("All time constants must be strictly positive.");
    return delta;
  }
};

struct State {
  double V = 0.0;                 // mV relative to E_L
  double I_ex = 0.0, I_in = 0.0;  // pA
  double I_stim = 0.0;            // pA, current input of the previous step
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
  double tau_m, tau_ex, tau_in, C_m, I_e, V_th, V_min, V_reset, h;
  long n_ref;
  // whole-step propagators
  double P20, P21ex, P21in, em_m, em_ex, em_in;
  void compute(const Parameters& p, double hh) {
    h = hh;
    tau_m = p.tau_m;
    tau_ex = p.tau_ex;
    tau_in = p.tau_in;
    C_m = p.C_m;
    I_e = p.I_e;
    V_th = p.V_th;
    V_min = p.V_min;
    V_reset = p.V_reset;
    n_ref = refractory_steps(p.t_ref);
    if (n_ref < 1) throw BadProperty("Refractory time must be at least one time step.");
    em_m = std::expm1(-h / tau_m);
    em_ex = std::expm1(-h / tau_ex);
    em_in = std::expm1(-h / tau_in);
    P20 = -tau_m / C_m * em_m;
    P21ex = Propagators::P_exp(tau_ex, tau_m, C_m, h);
    P21in = Propagators::P_exp(tau_in, tau_m, C_m, h);
  }
  // V after dt from (V, I_ex, I_in) with constant I
  double V_after(double dt, double V, double I_ex, double I_in, double I) const {
    const double em = std::expm1(-dt / tau_m);
    return -tau_m / C_m * em * (I_e + I) + Propagators::P_exp(tau_ex, tau_m, C_m, dt) * I_ex +
           Propagators::P_exp(tau_in, tau_m, C_m, dt) * I_in + V * em + V;
  }
  // dV/dt after dt
  double dV_after(double dt, double V, double I_ex, double I_in, double I) const {
    const double Vt = V_after(dt, V, I_ex, I_in, I);
    return -Vt / tau_m + (I_e + I + I_ex * std::exp(-dt / tau_ex) + I_in * std::exp(-dt / tau_in)) / C_m;
  }
};

}  // namespace iaf_psc_exp_ps

template <class Derived, bool Lossless>
class IafPscExpPsBase
    : public NeuronBase<Derived, iaf_psc_exp_ps::Parameters, iaf_psc_exp_ps::State, iaf_psc_exp_ps::Internals> {
  using Base = NeuronBase<Derived, iaf_psc_exp_ps::Parameters, iaf_psc_exp_ps::State, iaf_psc_exp_ps::Internals>;

 public:
  bool precise_input() const override { return true; }
  bool precise_output() const override { return true; }
  // channels per node: 0 spikes (queued as precise events), 1 current
  int channels_per_node() const override { return 2; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    return ev == EventKind::current ? 1 : 0;
  }
  void reset_state(size_t i, const NodeBlock& proto) override {
    Base::reset_state(i, proto);
    this->S_[i].ps = PreciseSpikeState();
  }

  void update(UpdateCtx& c) override {
    using iaf_psc_exp_ps::State;
    using iaf_psc_exp_ps::Internals;
    const size_t n = this->size();
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const cur = c.row(step) + this->chan_base + n;
      events_.gather(c, step, this->chan_base, n);
      for (size_t i = 0; i < n; ++i) {
        StepEvents::Ev e;
        if (this->any_frozen && this->frozen[i]) {
          while (events_.next(i, e)) {}
          continue;
        }
        State& s = this->S_[i];
        const Internals& v = this->V_[this->vi_[i]];
        const bool release = s.ps.refractory && step + 1 - s.ps.last_spike_step == v.n_ref;
        if (!release && events_.empty_for(i)) {
          // no event in this step: whole-step propagators
          const double V0 = s.V, Iex0 = s.I_ex, Iin0 = s.I_in;
          if (!s.ps.refractory) {
            s.V = v.P20 * (v.I_e + s.I_stim) + v.P21ex * s.I_ex + v.P21in * s.I_in + s.V * v.em_m + s.V;
            if (s.V < v.V_min) s.V = v.V_min;
          }
          s.I_ex = s.I_ex * v.em_ex + s.I_ex;
          s.I_in = s.I_in * v.em_in + s.I_in;
          check_threshold(c, i, lag, s, v, v.h, v.h, V0, Iex0, Iin0);
        } else {
          double last = v.h;  // offset of the current state within the step
          bool pending_release = release;
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
            } else {
              events_.next(i, e);
              if (e.weight >= 0.0) s.I_ex += e.weight;
              else s.I_in += e.weight;
            }
            last = off;
          }
          if (last > 0.0) advance(c, i, lag, s, v, last, 0.0);
        }
        s.I_stim = cur[i];
        cur[i] = 0.0;
      }
      if (!this->loggers.empty()) this->log_step(step + 1);
    }
  }

 private:
  StepEvents events_;

  // Propagate from offset `from` to offset `to` (< from) and look for a threshold crossing.
  void advance(UpdateCtx& c, size_t i, int lag, iaf_psc_exp_ps::State& s, const iaf_psc_exp_ps::Internals& v,
               double from, double to) {
    const double dt = from - to;
    if (dt <= 0.0) return;
    const double V0 = s.V, Iex0 = s.I_ex, Iin0 = s.I_in;
    if (!s.ps.refractory) {
      s.V = v.V_after(dt, s.V, s.I_ex, s.I_in, s.I_stim);
      if (s.V < v.V_min) s.V = v.V_min;
    }
    s.I_ex = s.I_ex * std::expm1(-dt / v.tau_ex) + s.I_ex;
    s.I_in = s.I_in * std::expm1(-dt / v.tau_in) + s.I_in;
    check_threshold(c, i, lag, s, v, from, dt, V0, Iex0, Iin0);
  }

  // The sub-step of length dt ending `from - dt` before the step end started at (V0, Iex0, Iin0).
  void check_threshold(UpdateCtx& c, size_t i, int lag, iaf_psc_exp_ps::State& s,
                       const iaf_psc_exp_ps::Internals& v, double from, double dt, double V0, double Iex0,
                       double Iin0) {
    if (s.ps.refractory) return;
    const double I = s.I_stim;
    auto f = [&](double t) { return v.V_after(t, V0, Iex0, Iin0, I) - v.V_th; };
    double root;
    if (s.V >= v.V_th) {
      root = find_crossing(f, dt);
    } else {
      if (!Lossless) return;
      // V may have crossed and returned within the sub-step: it has a maximum inside
      // dV/dt at both ends from the states there (no exponentials: this test runs every sub-step)
      const double dV_start = -V0 / v.tau_m + (v.I_e + I + Iex0 + Iin0) / v.C_m;
      const double dV_end = -s.V / v.tau_m + (v.I_e + I + s.I_ex + s.I_in) / v.C_m;
      if (!(dV_start > 0.0 && dV_end < 0.0)) return;
      double lo = 0.0, hi = dt;
      for (int k = 0; k < 200; ++k) {
        const double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) break;
        if (v.dV_after(mid, V0, Iex0, Iin0, I) > 0.0) lo = mid;
        else hi = mid;
      }
      if (f(lo) < 0.0) return;
      root = find_crossing(f, lo);
    }
    const double offset = from - root;
    const int64_t stamp = c.T + lag + 1;
    s.ps.last_spike_step = stamp;
    s.ps.last_spike_offset = offset;
    s.ps.refractory = true;
    s.V = v.V_reset;
    this->A_[i].t_spike = kernel().time().ms(stamp) - offset;
    kernel().emit_precise_spike(c, this->gids[i], lag, 1, offset);
  }
};

class IafPscExpPs final : public IafPscExpPsBase<IafPscExpPs, false> {
 public:
  const char* help() const override {
    return R"(Name: iaf_psc_exp_ps - Leaky integrate-and-fire neuron with exponential currents and precise spike times.
Description: C_m dV/dt = -(V - E_L) C_m/tau_m + I_syn_ex + I_syn_in + I_e + I_stim; a spike of weight w (pA) adds w
to I_syn_ex (w >= 0) or I_syn_in at its exact time. Within a step the state is propagated exactly from event
to event; when V is at or above V_th at the end of a sub-step, the crossing time is located by bisection and
emitted as an off-grid spike (stamp and offset). V is then clamped to V_reset for t_ref, ending in continuous
time. Morrison, Straube, Plesser & Diesmann 2007, "Exact subthreshold integration with continuous spike times
in discrete-time neural network simulations"; Hanuschkin, Kunkel, Helias, Morrison & Diesmann 2010, "A general
and efficient method for incorporating precise spike times in globally time-driven simulations".
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 250), tau_m (ms, 10), t_ref (ms, 2), V_th (mV, -55),
V_reset (mV, -70), V_min (mV, -inf), tau_syn_ex (ms, 2), tau_syn_in (ms, 2), I_e (pA, 0); read-only is_refractory.
Receives: SpikeEvent (receptor 0, precise), CurrentEvent. Sends: SpikeEvent (precise).
Recordables: V_m, I_syn_ex, I_syn_in.)";
  }
  std::vector<std::string> recordables() const override { return {"I_syn_ex", "I_syn_in", "V_m"}; }
  double recordable(size_t i, int r) const override {
    const auto& s = S_[i];
    return r == 0 ? s.I_ex : r == 1 ? s.I_in : s.V + P_[i].E_L;
  }
};

}  // namespace nk
