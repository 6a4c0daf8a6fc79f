// stdp_pl_synapse_hom: power-law STDP (Morrison et al. 2007) with common parameters.
#pragma once
#include "synapses/stdp_common.h"

namespace nk {

struct StdpPlSynapseHom {
  enum { W, KPLUS, T_LAST };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {{"weight"}, {"Kplus"}, {"t_lastspike", false, false}};
    return f;
  }
  static std::vector<double> defaults() { return {1.0, 0.0, 0.0}; }
  static constexpr bool uses_history = true;
  struct Common {
    double tau_plus = 20.0, lambda = 0.1, alpha = 1.0, mu = 0.4;
    void get(Dict& d) const {
      d.set("tau_plus", tau_plus);
      d.set("lambda", lambda);
      d.set("alpha", alpha);
      d.set("mu", mu);
    }
    void set(const Dict& d) {
      Common x = *this;
      read(d, "tau_plus", x.tau_plus);
      read(d, "lambda", x.lambda);
      read(d, "alpha", x.alpha);
      read(d, "mu", x.mu);
      if (!(x.tau_plus > 0)) throw BadProperty("Parameter tau_plus must be positive.");
      *this = x;
    }
    static std::vector<std::string> keys() { return {"tau_plus", "lambda", "alpha", "mu"}; }
  };
  static void validate(const double*, const Common&) {}
  static void send(double* c, const Common& cp, SpikeArgs& a) {
    double w = c[W];
    stdp::for_post_spikes(*a.post, c[T_LAST], a.t, a.delay, [&](double minus_dt, const HistEntry&) {
      w += cp.lambda * std::pow(w, cp.mu) * c[KPLUS] * std::exp(minus_dt / cp.tau_plus);
    });
    const double nw = w - cp.lambda * cp.alpha * w * a.post->K_value(a.t - a.delay);
    w = nw > 0.0 ? nw : 0.0;
    c[W] = a.weight = w;
    c[KPLUS] = c[KPLUS] * std::exp((c[T_LAST] - a.t) / cp.tau_plus) + 1.0;
    c[T_LAST] = a.t;
  }
  static const char* help() {
    return R"(Synapse type for power-law spike-timing dependent plasticity.
Description: Morrison et al. (2007), "Spike-timing dependent plasticity in balanced random
networks". Pairing as in stdp_synapse; potentiation dw = lambda w^mu K+ exp((t_last - t_j - d)/tau_plus)
per postsynaptic spike, depression dw = -lambda alpha w K-(t - d), weight floored at 0.
Parameters: common tau_plus (ms, 20.0), lambda (0.1), alpha (1.0), mu (0.4); per connection
weight (1.0), delay (ms, 1.0), Kplus (0.0).)";
  }
};

}  // namespace nk
