// vogels_sprekeler_synapse: symmetric inhibitory STDP (Vogels et al. 2011).
#pragma once
#include "synapses/stdp_common.h"

namespace nk {

struct VogelsSprekelerSynapse {
  enum { W, TAU, ALPHA, ETA, WMAX, KPLUS, T_LAST };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {{"weight"}, {"tau"},   {"alpha"},
                                            {"eta"},    {"Wmax"},  {"Kplus"},
                                            {"t_lastspike", false, false}};
    return f;
  }
  static std::vector<double> defaults() { return {0.5, 20.0, 0.12, 0.001, 1.0, 0.0, 0.0}; }
  static constexpr bool uses_history = true;
  using Common = NoCommon;
  static void validate(const double* c, const Common&) { stdp::check_same_sign(c[W], c[WMAX]); }
  // |w| moves by dw and stays within [0, |Wmax|]; the sign is that of Wmax
  static double move(double w, double dw, double Wmax) {
    double nw = std::fabs(w) + dw;
    nw = nw < std::fabs(Wmax) ? nw : std::fabs(Wmax);
    return std::copysign(nw > 0.0 ? nw : 0.0, Wmax);
  }
  static void send(double* c, const Common&, SpikeArgs& a) {
    double w = c[W];
    stdp::for_post_spikes(*a.post, c[T_LAST], a.t, a.delay, [&](double minus_dt, const HistEntry&) {
      w = move(w, c[ETA] * c[KPLUS] * std::exp(minus_dt / c[TAU]), c[WMAX]);
    });
    w = move(w, c[ETA] * a.post->K_value(a.t - a.delay), c[WMAX]);  // pairing with earlier post spikes
    w = move(w, -c[ALPHA] * c[ETA], c[WMAX]);                       // constant depression per pre spike
    c[W] = a.weight = w;
    c[KPLUS] = c[KPLUS] * std::exp((c[T_LAST] - a.t) / c[TAU]) + 1.0;
    c[T_LAST] = a.t;
  }
  static const char* help() {
    return R"(Synapse type for symmetric spike-timing dependent plasticity of inhibitory synapses.
Description: Vogels et al. (2011), "Inhibitory plasticity balances excitation and inhibition in
sensory pathways and memory networks". Each postsynaptic spike in (t_last - d, t - d] adds
eta K+ exp((t_last - t_j - d)/tau); the presynaptic spike adds eta K-(t - d) and subtracts
alpha eta. |w| stays in [0, |Wmax|]. The target's tau_minus should equal tau.
Parameters: weight (0.5), delay (ms, 1.0), tau (ms, 20.0), alpha (0.12), eta (0.001), Wmax (1.0);
state Kplus (0.0).)";
  }
};

}  // namespace nk
