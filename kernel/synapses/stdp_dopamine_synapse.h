// stdp_dopamine_synapse: dopamine-modulated STDP (Izhikevich 2007; Potjans et al. 2010). Pairs
// of pre/post spikes change an eligibility trace c; dopamine spikes collected by a
// volume_transmitter raise a dopamine trace n; the weight follows dw/dt = c (n - b).
#pragma once
#include <cmath>

#include "synapses/stdp_common.h"

namespace nk {

struct StdpDopamineSynapse {
  enum { W, C, N, KPLUS, T_LAST, DOPA_IDX };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {{"weight"},
                                            {"c"},
                                            {"n"},
                                            {"Kplus", false, false},
                                            {"t_last_update", false, false},
                                            {"dopa_index", false, false}};
    return f;
  }
  static std::vector<double> defaults() { return {1.0, 0.0, 0.0, 0.0, 0.0, 0.0}; }
  static constexpr bool uses_history = true;
  static constexpr bool neuromodulated = true;
  struct Common {
    int64_t vt = -1;
    double A_plus = 1.0, A_minus = 1.5, tau_plus = 20.0, tau_c = 1000.0, tau_n = 200.0, b = 0.0, Wmin = 0.0,
           Wmax = 200.0;
    void get(Dict& d) const {
      d.set("vt", vt);
      d.set("A_plus", A_plus);
      d.set("A_minus", A_minus);
      d.set("tau_plus", tau_plus);
      d.set("tau_c", tau_c);
      d.set("tau_n", tau_n);
      d.set("b", b);
      d.set("Wmin", Wmin);
      d.set("Wmax", Wmax);
    }
    void set(const Dict& d) {
      Common x = *this;
      read(d, "vt", x.vt);
      read(d, "A_plus", x.A_plus);
      read(d, "A_minus", x.A_minus);
      read(d, "tau_plus", x.tau_plus);
      read(d, "tau_c", x.tau_c);
      read(d, "tau_n", x.tau_n);
      read(d, "b", x.b);
      read(d, "Wmin", x.Wmin);
      read(d, "Wmax", x.Wmax);
      if (!(x.tau_plus > 0 && x.tau_c > 0 && x.tau_n > 0)) throw BadProperty("All time constants must be positive.");
      *this = x;
    }
    static std::vector<std::string> keys() {
      return {"vt", "A_plus", "A_minus", "tau_plus", "tau_c", "tau_n", "b", "Wmin", "Wmax"};
    }
  };
  static void validate(const double*, const Common&) {}

  // w over an interval dt in which c decays from c0 and n from n0 (exact integral), clipped
  static void advance_weight(double* x, double c0, double n0, double dt, const Common& cp) {
    const double taus = (cp.tau_c + cp.tau_n) / (cp.tau_c * cp.tau_n);
    double w = x[W] - c0 * (n0 / taus * std::expm1(-taus * dt) - cp.b * cp.tau_c * std::expm1(-dt / cp.tau_c));
    x[W] = std::min(std::max(w, cp.Wmin), cp.Wmax);
  }
  // consume the next dopamine spike: n jumps by multiplicity / tau_n
  static void next_dopa(double* x, const DopaList& dopa, const Common& cp) {
    const size_t i = size_t(x[DOPA_IDX]);
    x[N] = x[N] * std::exp((dopa[i].t - dopa[i + 1].t) / cp.tau_n) + dopa[i + 1].mult / cp.tau_n;
    x[DOPA_IDX] = double(i + 1);
  }
  // Advance w, c, n from t0 to t1 through the dopamine spikes in (t0, t1]. On entry w and c are
  // at t0 and n at the time of the last consumed dopamine spike.
  static void process_dopa(double* x, const DopaList& dopa, double t0, double t1, const Common& cp) {
    auto has_next = [&]() {
      const size_t i = size_t(x[DOPA_IDX]);
      return i + 1 < dopa.size() && t1 - dopa[i + 1].t > -STDP_EPS;
    };
    auto t_cur = [&]() { return dopa[size_t(x[DOPA_IDX])].t; };
    if (has_next()) {
      const double n0 = x[N] * std::exp((t_cur() - t0) / cp.tau_n);
      advance_weight(x, x[C], n0, dopa[size_t(x[DOPA_IDX]) + 1].t - t0, cp);
      next_dopa(x, dopa, cp);
      while (has_next()) {
        const double cd = x[C] * std::exp((t0 - t_cur()) / cp.tau_c);
        advance_weight(x, cd, x[N], dopa[size_t(x[DOPA_IDX]) + 1].t - t_cur(), cp);
        next_dopa(x, dopa, cp);
      }
      const double cd = x[C] * std::exp((t0 - t_cur()) / cp.tau_c);
      advance_weight(x, cd, x[N], t1 - t_cur(), cp);
    } else {
      const double n0 = x[N] * std::exp((t_cur() - t0) / cp.tau_n);
      advance_weight(x, x[C], n0, t1 - t0, cp);
    }
    x[C] *= std::exp((t0 - t1) / cp.tau_c);
  }
  static void send(double* x, const Common& cp, SpikeArgs& a) {
    const DopaList& dopa = *a.dopa;
    const double d = a.delay, t_last = x[T_LAST];
    double t0 = t_last;
    stdp::for_post_spikes(*a.post, t_last, a.t, d, [&](double, const HistEntry& e) {
      process_dopa(x, dopa, t0, e.t + d, cp);
      t0 = e.t + d;
      if (a.t - e.t > STDP_EPS) x[C] += cp.A_plus * x[KPLUS] * std::exp((t_last - t0) / cp.tau_plus);
    });
    process_dopa(x, dopa, t0, a.t, cp);
    x[C] -= cp.A_minus * a.post->K_value(a.t - d);
    a.weight = x[W];
    x[KPLUS] = x[KPLUS] * std::exp((t_last - a.t) / cp.tau_plus) + 1.0;
    x[T_LAST] = a.t;
  }
  // the volume transmitter delivers its spikes: bring everything up to t_trig
  static void trigger(double* x, const Common& cp, double t_trig, double d, Archiving& post, const DopaList& dopa) {
    const double t_last = x[T_LAST];
    double t0 = t_last;
    stdp::for_post_spikes(post, t_last, t_trig, d, [&](double, const HistEntry& e) {
      process_dopa(x, dopa, t0, e.t + d, cp);
      t0 = e.t + d;
      x[C] += cp.A_plus * x[KPLUS] * std::exp((t_last - t0) / cp.tau_plus);
    });
    process_dopa(x, dopa, t0, t_trig, cp);
    x[N] *= std::exp((dopa[size_t(x[DOPA_IDX])].t - t_trig) / cp.tau_n);
    x[KPLUS] *= std::exp((t_last - t_trig) / cp.tau_plus);
    x[T_LAST] = t_trig;
    x[DOPA_IDX] = 0.0;
  }
  static const char* help() {
    return R"(Synapse type for dopamine-modulated spike-timing dependent plasticity.
Description: Izhikevich (2007), "Solving the distal reward problem through linkage of STDP and
dopamine signaling"; Potjans, Morrison & Diesmann (2010), "Enabling functional neural circuit
simulations with distributed computing of neuromodulated plasticity". Each postsynaptic spike
after a presynaptic one adds A_plus K+ to the eligibility trace c, each presynaptic spike
subtracts A_minus K-(t - d); c decays with tau_c. Dopamine spikes (collected by the
volume_transmitter vt from the neurons connected to it) increase the trace n by 1/tau_n; n decays
with tau_n. The weight follows dw/dt = c (n - b), integrated exactly between events and clipped to
[Wmin, Wmax]. Weights are brought up to date at presynaptic spikes and whenever the volume
transmitter delivers (every deliver_interval min_delay slices).
Parameters: common vt (gid of a volume_transmitter, required), A_plus (1.0), A_minus (1.5),
tau_plus (ms, 20.0), tau_c (ms, 1000.0), tau_n (ms, 200.0), b (0.0), Wmin (0.0), Wmax (200.0);
per connection weight (1.0), delay (ms, 1.0), c (0.0), n (0.0).)";
  }
};

}  // namespace nk
