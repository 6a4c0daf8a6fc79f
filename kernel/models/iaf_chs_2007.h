// iaf_chs_2007: normalized spike-response neuron of Carandini, Horton & Sincich (2007) with
// alpha-shaped EPSPs, an exponentially relaxing reset and an optional noise signal.
#pragma once
#include "models/neuron_base.h"

namespace nk {
namespace iaf_chs_2007 {

struct Parameters {
  double tau_epsp = 8.5;    // ms, time constant of the EPSP
  double tau_reset = 15.4;  // ms, time constant of the reset's recovery
  double V_epsp = 0.77;     // peak EPSP of a unit weight (normalized units, threshold 1)
  double V_reset = 2.31;    // size of the reset (normalized units)
  double V_noise = 0.0;     // scale of the noise signal
  std::vector<double> noise;  // noise value per step, consumed from the first update on

  bool operator==(const Parameters& o) const {
    return tau_epsp == o.tau_epsp && tau_reset == o.tau_reset && V_epsp == o.V_epsp && V_reset == o.V_reset &&
           V_noise == o.V_noise && noise == o.noise;
  }
  void get(Dict& d) const {
    d.set("tau_epsp", tau_epsp);
    d.set("tau_reset", tau_reset);
    d.set("V_epsp", V_epsp);
    d.set("V_reset", V_reset);
    d.set("V_noise", V_noise);
    d.set("noise", noise);
  }
  double set(const Dict& d) {
    read(d, "tau_epsp", tau_epsp);
    read(d, "tau_reset", tau_reset);
    read(d, "V_epsp", V_epsp);
    read(d, "V_reset", V_reset);
    read(d, "V_noise", V_noise);
    read(d, "noise", noise);
    if (V_epsp < 0) throw BadProperty("EPSP cannot be negative.");
    if (V_reset < 0) throw BadProperty("Reset potential cannot be negative.");
    if (tau_epsp <= 0 || tau_reset <= 0) throw BadProperty("All time constants must be strictly positive.");
    return 0.0;
  }
};

struct State {
  double V = 0.0;        // membrane potential (threshold at 1)
  double I_syn = 0.0;    // synaptic drive of the EPSP
  double V_syn = 0.0;    // summed EPSPs
  double V_spike = 0.0;  // relaxing reset (<= 0)
  size_t position = 0;   // next noise sample
  void get(Dict& d, const Parameters&) const { d.set("V_m", V); }
  void set(const Dict& d, const Parameters&, double) { read(d, "V_m", V); }
};

struct Internals {
  double P11, P22, P21, P30, V_reset, V_noise;
  std::vector<double> noise;
  void compute(const Parameters& p, double h) {
    P11 = P22 = std::exp(-h / p.tau_epsp);
    // unit drive gives V_epsp (t/tau) exp(1 - t/tau): peak V_epsp at t = tau_epsp
    P21 = p.V_epsp * M_E / p.tau_epsp * h * P11;
    P30 = std::exp(-h / p.tau_reset);
    V_reset = p.V_reset;
    V_noise = p.V_noise;
    noise = p.noise;
  }
};

}  // namespace iaf_chs_2007

class IafChs2007 final
    : public NeuronBase<IafChs2007, iaf_chs_2007::Parameters, iaf_chs_2007::State, iaf_chs_2007::Internals> {
 public:
  const char* help() const override {
    return R"(Name: iaf_chs_2007 - Spike-response neuron with alpha-shaped EPSPs and exponential reset relaxation.
Description: V = V_syn + V_spike + V_noise * noise[k] in units where the threshold is 1. Each input spike of
weight w adds an EPSP w V_epsp (t/tau_epsp) exp(1 - t/tau_epsp); at a spike (V >= 1) V_spike drops by V_reset
and relaxes to 0 with tau_reset. noise holds one value per simulation step (consumed from the first step on;
the simulation fails when it runs out while V_noise > 0). Carandini, Horton & Sincich 2007, "Thalamic filtering
of retinal spike trains by postsynaptic summation". Integrated exactly.
Parameters: V_m (0), tau_epsp (ms, 8.5), tau_reset (ms, 15.4), V_epsp (0.77), V_reset (2.31), V_noise (0),
noise (list, []).
Receives: SpikeEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m.)";
  }
  int channels_per_node() const override { return 1; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0 || ev != EventKind::spike) NodeBlock::input_channel(0, ev, receptor, w);
    return 0;
  }
  std::vector<std::string> recordables() const override { return {"V_m"}; }
  double recordable(size_t i, int) const override { return S_[i].V; }
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
        s.V_syn = s.V_syn * v.P22 + s.I_syn * v.P21;
        s.V_spike *= v.P30;
        s.I_syn = s.I_syn * v.P11 + in[i];
        in[i] = 0.0;
        double noise = 0.0;
        if (v.V_noise > 0.0 && !v.noise.empty()) {
          if (s.position >= v.noise.size())
            throw KernelException("iaf_chs_2007: the noise signal is exhausted; give one value per step.");
          noise = v.V_noise * v.noise[s.position++];
        }
        s.V = s.V_syn + s.V_spike + noise;
        if (s.V >= 1.0) {
          s.V_spike -= v.V_reset;
          s.V -= v.V_reset;
          record_spike(i, step + 1);
          k.emit_spike(c, gids[i], lag, 1);
        }
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
