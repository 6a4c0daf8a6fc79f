// iaf_psc_alpha_ps: leaky integrate-and-fire neuron with alpha-shaped currents and precise spike
// times (input at exact off-grid times, threshold crossings located inside the step,
// refractoriness ending in continuous time).
#pragma once
#include "models/precise_base.h"

namespace nk {
namespace iaf_psc_alpha_ps {

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
  double dI_ex = 0.0, dI_in = 0.0;  // pA/ms
  double I_ex = 0.0, I_in = 0.0;  // pA
  double I_stim = 0.0;            // pA, current input of the previous step
  PreciseSpikeState ps;
  void get(Dict& d, const Parameters& p) const {
    d.set("V_m", V + p.E_L);
    d.set("is_refractory", ps.refractory);
    d.set("I_syn_ex", I_ex);
    d.set("I_syn_in", I_in);
    d.set("dI_syn_ex", dI_ex);
    d.set("dI_syn_in", dI_in);
  }
  void set(const Dict& d, const Parameters& p, double delta_EL) {
    double v;
    if (read(d, "V_m", v)) V = v - p.E_L; else V -= delta_EL;
    read(d, "I_syn_ex", I_ex);
    read(d, "I_syn_in", I_in);
    read(d, "dI_syn_ex", dI_ex);
    read(d, "dI_syn_in", dI_in);
  }
};

// The state that the propagators act on.
struct Vec {
  double V, dI_ex, I_ex, dI_in, I_in;
};

struct Internals {
  double tau_m, tau_ex, tau_in, C_m, I_e, V_th, V_min, V_reset, h, psc_ex, psc_in;
  long n_ref;
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
    psc_ex = M_E / p.tau_ex;
    psc_in = M_E / p.tau_in;
    n_ref = refractory_steps(p.t_ref);
    if (n_ref < 1) throw BadProperty("Refractory time must be at least one time step.");
    whole = props(h);
  }
  // propagators over dt (the whole step's are kept: most steps have no input events)
  struct Props {
    double em, P31ex, P32ex, P31in, P32in, eex, ein;
  };
  Props whole;
  Props props(double dt) const {
    return {std::expm1(-dt / tau_m), Propagators::P_alpha(tau_ex, tau_m, C_m, dt),
            Propagators::P_exp(tau_ex, tau_m, C_m, dt), Propagators::P_alpha(tau_in, tau_m, C_m, dt),
            Propagators::P_exp(tau_in, tau_m, C_m, dt), std::exp(-dt / tau_ex), std::exp(-dt / tau_in)};
  }
  // V after dt (constant current I)
  double V_after(const Props& q, const Vec& x, double I) const {
    return -tau_m / C_m * q.em * (I_e + I) + q.P31ex * x.dI_ex + q.P32ex * x.I_ex + q.P31in * x.dI_in +
           q.P32in * x.I_in + x.V * q.em + x.V;
  }
  double V_after(double dt, const Vec& x, double I) const { return V_after(props(dt), x, I); }
  void propagate(double dt, Vec& x, double I, bool refractory) const {
    const Props q = dt == h ? whole : props(dt);
    if (!refractory) {
      x.V = V_after(q, x, I);
      if (x.V < V_min) x.V = V_min;
    }
    const double eex = q.eex, ein = q.ein;
    x.I_ex = dt * eex * x.dI_ex + eex * x.I_ex;
    x.dI_ex *= eex;
    x.I_in = dt * ein * x.dI_in + ein * x.I_in;
    x.dI_in *= ein;
  }
};

}  // namespace iaf_psc_alpha_ps

namespace iaf_psc_alpha_ps {
constexpr const char* kHelpBody = R"(Description: C_m dV/dt = -(V - E_L) C_m/tau_m + I_syn_ex + I_syn_in + I_e + I_stim; a spike of weight w (pA) at t0
adds w (t-t0)/tau_syn exp(1-(t-t0)/tau_syn) to I_syn_ex (w >= 0) or I_syn_in, at its exact (off-grid) time.
Within a step the state is propagated exactly from event to event; when V is at or above V_th at the end of a
sub-step, the crossing time is located by bisection and sent as an off-grid spike (stamp and offset); V is
clamped to V_reset for t_ref, which ends in continuous time. Also available as iaf_psc_alpha_canon and
iaf_psc_alpha_presc (2.x names of earlier implementations of the same model; here all three use exact
threshold location). Morrison, Straube, Plesser & Diesmann 2007, "Exact subthreshold integration with
continuous spike times in discrete-time neural network simulations".
Parameters: V_m (mV, -70), E_L (mV, -70), C_m (pF, 250), tau_m (ms, 10), t_ref (ms, 2), V_th (mV, -55),
V_reset (mV, -70), V_min (mV, -inf), tau_syn_ex (ms, 2), tau_syn_in (ms, 2), I_e (pA, 0), I_syn_ex, I_syn_in,
dI_syn_ex, dI_syn_in (state); read-only is_refractory.
Receives: SpikeEvent (receptor 0, precise), CurrentEvent. Sends: SpikeEvent (precise).
Recordables: V_m, I_syn_ex, I_syn_in.)";
}  // namespace iaf_psc_alpha_ps

class IafPscAlphaPs final
    : public NeuronBase<IafPscAlphaPs, iaf_psc_alpha_ps::Parameters, iaf_psc_alpha_ps::State, iaf_psc_alpha_ps::Internals> {
 public:
  // The 2.x names of earlier implementations of this model are registered as aliases of it.
  enum class Name { ps, canon, presc };
  Name name = Name::ps;
  const char* help() const override {
    static const std::string texts[] = {
        std::string("Name: iaf_psc_alpha_ps - Leaky integrate-and-fire neuron with alpha-shaped currents and precise "
                    "spike times.\n") + iaf_psc_alpha_ps::kHelpBody,
        std::string("Name: iaf_psc_alpha_canon - Alias of iaf_psc_alpha_ps (2.x name of the canonical "
                    "implementation).\n") + iaf_psc_alpha_ps::kHelpBody,
        std::string("Name: iaf_psc_alpha_presc - Alias of iaf_psc_alpha_ps (2.x name of the prescient "
                    "implementation).\n") + iaf_psc_alpha_ps::kHelpBody};
    return texts[int(name)].c_str();
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
  }
  std::vector<std::string> recordables() const override { return {"I_syn_ex", "I_syn_in", "V_m"}; }
  double recordable(size_t i, int r) const override {
    const auto& s = S_[i];
    return r == 0 ? s.I_ex : r == 1 ? s.I_in : s.V + P_[i].E_L;
  }

  void update(UpdateCtx& c) override {
    using namespace iaf_psc_alpha_ps;
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
          } else {
            events_.next(i, e);
            if (e.weight >= 0.0) s.dI_ex += v.psc_ex * e.weight;
            else s.dI_in += v.psc_in * e.weight;
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

  // Propagate from offset `from` to offset `to` (< from); locate a threshold crossing.
  void advance(UpdateCtx& c, size_t i, int lag, iaf_psc_alpha_ps::State& s, const iaf_psc_alpha_ps::Internals& v,
               double from, double to) {
    using iaf_psc_alpha_ps::Vec;
    const double dt = from - to;
    if (dt <= 0.0) return;
    const Vec x0{s.V, s.dI_ex, s.I_ex, s.dI_in, s.I_in};
    Vec x = x0;
    v.propagate(dt, x, s.I_stim, s.ps.refractory);
    s.V = x.V;
    s.dI_ex = x.dI_ex;
    s.I_ex = x.I_ex;
    s.dI_in = x.dI_in;
    s.I_in = x.I_in;
    if (s.ps.refractory || s.V < v.V_th) return;
    const double I = s.I_stim;
    const double root = find_crossing([&](double t) { return v.V_after(t, x0, I) - v.V_th; }, dt);
    const double offset = from - root;
    const int64_t stamp = c.T + lag + 1;
    s.ps.last_spike_step = stamp;
    s.ps.last_spike_offset = offset;
    s.ps.refractory = true;
    s.V = v.V_reset;
    A_[i].t_spike = kernel().time().ms(stamp) - offset;
    kernel().emit_precise_spike(c, gids[i], lag, 1, offset);
  }
};

}  // namespace nk
