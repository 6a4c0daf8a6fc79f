// pp_psc_delta: point-process neuron with leaky membrane, delta synapses, exponential-linear
// escape rate, spike-frequency adaptation and a (possibly random) dead time.
#pragma once
#include "models/neuron_base.h"

namespace nk {
namespace pp_psc_delta {

struct Parameters {
  double tau_m = 10.0;            // ms
  double C_m = 250.0;             // pF
  double dead_time = 1.0;         // ms
  double dead_time_random = 0.0;  // 1: gamma-distributed dead time
  int64_t dead_time_shape = 1;    // shape of that gamma distribution
  double with_reset = 1.0;        // 1: V_m is reset to 0 after a spike
  std::vector<double> tau_sfa, q_sfa;  // ms, mV: adaptation kernels
  double c_1 = 0.0;    // Hz/mV, linear part of the rate
  double c_2 = 1.238;  // Hz, prefactor of the exponential part
  double c_3 = 0.25;   // 1/mV, coefficient in the exponent
  double I_e = 0.0;    // pA

  bool operator==(const Parameters& o) const {
    return tau_m == o.tau_m && C_m == o.C_m && dead_time == o.dead_time && dead_time_random == o.dead_time_random &&
           dead_time_shape == o.dead_time_shape && with_reset == o.with_reset && tau_sfa == o.tau_sfa &&
           q_sfa == o.q_sfa && c_1 == o.c_1 && c_2 == o.c_2 && c_3 == o.c_3 && I_e == o.I_e;
  }
  void get(Dict& d) const {
    d.set("tau_m", tau_m);
    d.set("C_m", C_m);
    d.set("dead_time", dead_time);
    d.set("dead_time_random", dead_time_random != 0.0);
    d.set("dead_time_shape", dead_time_shape);
    d.set("with_reset", with_reset != 0.0);
    d.set("tau_sfa", tau_sfa);
    d.set("q_sfa", q_sfa);
    d.set("c_1", c_1);
    d.set("c_2", c_2);
    d.set("c_3", c_3);
    d.set("I_e", I_e);
  }
  double set(const Dict& d) {
    read(d, "tau_m", tau_m);
    read(d, "C_m", C_m);
    read(d, "dead_time", dead_time);
    bool b;
    if (read(d, "dead_time_random", b)) dead_time_random = b ? 1.0 : 0.0;
    read(d, "dead_time_shape", dead_time_shape);
    if (read(d, "with_reset", b)) with_reset = b ? 1.0 : 0.0;
    read(d, "tau_sfa", tau_sfa);
    read(d, "q_sfa", q_sfa);
    read(d, "c_1", c_1);
    read(d, "c_2", c_2);
    read(d, "c_3", c_3);
    read(d, "I_e", I_e);
    if (tau_sfa.size() != q_sfa.size())
      throw BadProperty("'tau_sfa' and 'q_sfa' need to have the same dimension.\nSize of tau_sfa: " +
                        std::to_string(tau_sfa.size()) + "\nSize of q_sfa: " + std::to_string(q_sfa.size()));
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (tau_m <= 0) throw BadProperty("Membrane time constant must be strictly positive.");
    for (double t : tau_sfa)
      if (t <= 0) throw BadProperty("All time constants must be strictly positive.");
    if (dead_time < 0) throw BadProperty("Absolute refractory time must not be negative.");
    if (dead_time_shape < 1) throw BadProperty("Shape of the dead time gamma distribution must not be smaller than 1.");
    if (c_3 < 0) throw BadProperty("c_3 must be positive.");
    return 0.0;
  }
};

struct State {
  double V = 0.0;       // mV, relative to rest
  double I_stim = 0.0;  // pA, current input of the previous step
  double E_sfa = 0.0;   // mV, summed adaptation
  std::vector<double> q;  // adaptation elements
  long r = 0;           // dead-time steps left
  void get(Dict& d, const Parameters&) const {
    d.set("V_m", V);
    d.set("E_sfa", E_sfa);
    d.set("t_ref_remaining", r * kernel().h());
  }
  void set(const Dict& d, const Parameters& p, double) {
    read(d, "V_m", V);
    double t;
    if (read(d, "t_ref_remaining", t)) r = std::lround(t / kernel().h());
    q.resize(p.tau_sfa.size(), 0.0);
  }
};

struct Internals {
  double P33, P30, I_e, c_1, c_2, c_3, h;
  std::vector<double> Q, q_sfa;
  bool random_dead_time, reset;
  double dead_time;       // ms, at least one step unless 0
  double dead_time_rate;  // 1/ms, rate of the gamma distribution
  double shape;
  long dead_steps;
  void compute(const Parameters& p, double hh) {
    h = hh;
    P33 = std::exp(-h / p.tau_m);
    P30 = -p.tau_m / p.C_m * std::expm1(-h / p.tau_m);
    Q.clear();
    for (double t : p.tau_sfa) Q.push_back(std::exp(-h / t));
    q_sfa = p.q_sfa;
    I_e = p.I_e;
    c_1 = p.c_1;
    c_2 = p.c_2;
    c_3 = p.c_3;
    random_dead_time = p.dead_time_random != 0.0;
    reset = p.with_reset != 0.0;
    dead_time = (p.dead_time != 0.0 && p.dead_time < h) ? h : p.dead_time;
    shape = double(p.dead_time_shape);
    dead_time_rate = dead_time > 0 ? shape / dead_time : 0.0;
    dead_steps = std::lround(dead_time / h);
  }
};

}  // namespace pp_psc_delta

class PpPscDelta final
    : public NeuronBase<PpPscDelta, pp_psc_delta::Parameters, pp_psc_delta::State, pp_psc_delta::Internals> {
 public:
  const char* help() const override {
    return R"(Name: pp_psc_delta - Point-process neuron with leaky integration of delta-shaped inputs.
Description: tau_m dV/dt = -V + tau_m/C_m (I_e + I_stim); each input spike of weight w adds w (mV) to V.
Spikes are generated with the rate r = c_1 (V - E_sfa) + c_2 exp(c_3 (V - E_sfa)) (Hz), where E_sfa = sum_j
q_j is the adaptation (elements decay with tau_sfa[j] and jump by q_sfa[j] per spike). With dead_time > 0
(raised to one step if smaller) a step fires one spike with probability 1 - exp(-r h); with dead_time = 0 the
number of spikes is Poisson(r h) and is sent as the spike's multiplicity. After a spike no spike is emitted for
dead_time (gamma-distributed with shape dead_time_shape and that mean if dead_time_random), and V is reset to 0
if with_reset. Cardanobile & Rotter 2010, "Multiplicatively interacting point processes and applications to
neural modeling"; Jolivet, Rauch, Luescher & Gerstner 2006, "Predicting spike timing of neocortical pyramidal
neurons by simple threshold models". Random numbers from the thread's stream.
Parameters: V_m (mV, 0), C_m (pF, 250), tau_m (ms, 10), dead_time (ms, 1), dead_time_random (false),
dead_time_shape (1), with_reset (true), tau_sfa, q_sfa (ms, mV lists, []), c_1 (Hz/mV, 0), c_2 (Hz, 1.238),
c_3 (1/mV, 0.25), I_e (pA, 0), t_ref_remaining (ms, 0); read-only E_sfa.
Receives: SpikeEvent (receptor 0), CurrentEvent. Sends: SpikeEvent.
Recordables: V_m, E_sfa.)";
  }
  // channels per node: 0 spikes (mV), 1 current
  int channels_per_node() const override { return 2; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    return ev == EventKind::current ? 1 : 0;
  }
  void reset_state(size_t i, const NodeBlock& proto) override {
    NeuronBase::reset_state(i, proto);
    S_[i].q.assign(P_[i].tau_sfa.size(), 0.0);
  }
  std::vector<std::string> recordables() const override { return {"E_sfa", "V_m"}; }
  double recordable(size_t i, int r) const override { return r == 0 ? S_[i].E_sfa : S_[i].V; }
  void update(UpdateCtx& c) override {
    const size_t n = size();
    Kernel& k = kernel();
    Rng& rng = *c.rng;
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const spk = c.row(step) + chan_base;
      double* const cur = spk + n;
      for (size_t i = 0; i < n; ++i) {
        if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& v = V_[vi_[i]];
        s.V = v.P30 * (s.I_stim + v.I_e) + v.P33 * s.V + spk[i];
        s.E_sfa = 0.0;
        for (size_t j = 0; j < s.q.size(); ++j) {
          s.q[j] *= v.Q[j];
          s.E_sfa += s.q[j];
        }
        if (s.r == 0) {
          const double u = s.V - s.E_sfa;
          const double rate = v.c_1 * u + v.c_2 * std::exp(v.c_3 * u);  // Hz
          if (rate > 0.0) {
            long n_spikes = 0;
            if (v.dead_time > 0.0) n_spikes = rng.drand() <= -std::expm1(-rate * v.h * 1e-3) ? 1 : 0;
            else n_spikes = rng.poisson(rate * v.h * 1e-3);
            if (n_spikes > 0) {
              s.r = v.random_dead_time ? std::lround(rng.gamma(v.shape) / v.dead_time_rate / v.h) : v.dead_steps;
              for (size_t j = 0; j < s.q.size(); ++j) s.q[j] += v.q_sfa[j] * double(n_spikes);
              record_spike(i, step + 1);
              k.emit_spike(c, gids[i], lag, n_spikes);
              if (v.reset) s.V = 0.0;
            }
          }
        } else {
          --s.r;
        }
        s.I_stim = cur[i];
        spk[i] = cur[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
