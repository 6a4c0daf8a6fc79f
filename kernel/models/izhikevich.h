// izhikevich: the two-variable spiking model of Izhikevich (2003), forward Euler on the grid.
#pragma once
#include <cfloat>

#include "models/neuron_base.h"

namespace nk {
namespace izhikevich {

struct Parameters {
  double a = 0.02;         // 1/ms, recovery time scale
  double b = 0.2;          // sensitivity of U to V
  double c = -65.0;        // mV, reset of V
  double d = 8.0;          // mV, jump of U at a spike
  double I_e = 0.0;        // pA (model units)
  double V_th = 30.0;      // mV, spike cut-off
  double V_min = -DBL_MAX; // mV, lower bound of V
  double consistent = 1.0; // 1: both variables from the old values; 0: the paper's two half steps

  void get(Dict& d) const {
    d.set("a", a);
    d.set("b", b);
    d.set("c", c);
    d.set("d", this->d);
    d.set("I_e", I_e);
    d.set("V_th", V_th);
    d.set("V_min", V_min);
    d.set("consistent_integration", consistent != 0.0);
  }
  double set(const Dict& dd) {
    read(dd, "a", a);
    read(dd, "b", b);
    read(dd, "c", c);
    read(dd, "d", d);
    read(dd, "I_e", I_e);
    read(dd, "V_th", V_th);
    read(dd, "V_min", V_min);
    bool ci;
    if (read(dd, "consistent_integration", ci)) consistent = ci ? 1.0 : 0.0;
    return 0.0;
  }
};

struct State {
  double V = -65.0;     // mV
  double U = 0.0;       // mV
  double I_stim = 0.0;  // pA, current input of the previous step
  void get(Dict& d, const Parameters&) const {
    d.set("V_m", V);
    d.set("U_m", U);
  }
  void set(const Dict& d, const Parameters&, double) {
    read(d, "V_m", V);
    read(d, "U_m", U);
  }
};

struct Internals {
  double h, a, b, c, d, I_e, V_th, V_min;
  bool consistent;
  void compute(const Parameters& p, double hh) {
    h = hh;
    a = p.a;
    b = p.b;
    c = p.c;
    d = p.d;
    I_e = p.I_e;
    V_th = p.V_th;
    V_min = p.V_min;
    consistent = p.consistent != 0.0;
  }
};

}  // namespace izhikevich

class Izhikevich final
    : public NeuronBase<Izhikevich, izhikevich::Parameters, izhikevich::State, izhikevich::Internals> {
 public:
  const char* help() const override {
    return R"(Name: izhikevich - Izhikevich neuron model.
Description: dV/dt = 0.04 V^2 + 5 V + 140 - U + I, dU/dt = a (b V - U); if V >= V_th: V <- c, U <- U + d and a
spike is emitted (Izhikevich 2003, "Simple model of spiking neurons"). Forward Euler with the simulation step.
With consistent_integration (default) both variables advance from the values at the start of the step;
otherwise V takes two half steps and U is then advanced with the new V, as in the original paper.
Spike weights are voltage jumps (mV); V is bounded below by V_min.
Parameters: V_m (mV, -65), U_m (mV, 0), a (0.02), b (0.2), c (mV, -65), d (mV, 8), I_e (pA, 0), V_th (mV, 30),
V_min (mV, -1.8e308), consistent_integration (true).
Receives: SpikeEvent (receptor 0), CurrentEvent. Sends: SpikeEvent.
Recordables: V_m, U_m.)";
  }
  // channels per node: 0 spikes (mV), 1 current
  int channels_per_node() const override { return 2; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    return ev == EventKind::current ? 1 : 0;
  }
  std::vector<std::string> recordables() const override { return {"V_m", "U_m"}; }
  double recordable(size_t i, int r) const override { return r == 0 ? S_[i].V : S_[i].U; }
  void update(UpdateCtx& c) override {
    const size_t n = size();
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const spk = c.row(step) + chan_base;
      double* const cur = spk + n;
      for (size_t i = 0; i < n; ++i) {
        if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& v = V_[vi_[i]];
        if (v.consistent) {
          const double V0 = s.V, U0 = s.U;
          s.V = V0 + (v.h * (0.04 * V0 * V0 + 5.0 * V0 + 140.0 - U0 + s.I_stim + v.I_e) + spk[i]);
          s.U = U0 + v.h * v.a * (v.b * V0 - U0);
        } else {
          s.V += 0.5 * v.h * (0.04 * s.V * s.V + 5.0 * s.V + 140.0 - s.U + s.I_stim + v.I_e) + spk[i];
          s.V += 0.5 * v.h * (0.04 * s.V * s.V + 5.0 * s.V + 140.0 - s.U + s.I_stim + v.I_e);
          s.U += v.h * v.a * (v.b * s.V - s.U);
        }
        if (s.V < v.V_min) s.V = v.V_min;
        if (s.V >= v.V_th) {
          s.V = v.c;
          s.U += v.d;
          record_spike(i, step + 1);
          k.emit_spike(c, gids[i], lag, 1);
        }
        s.I_stim = cur[i];
        spk[i] = cur[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
