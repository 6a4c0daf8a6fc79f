// stdp_synapse_hom: the rule of stdp_synapse with the parameters shared by all connections of
// the type (common properties, set with SetDefaults/CopyModel); weight and Kplus per connection.
#pragma once
#include "synapses/stdp_common.h"

namespace nk {

struct StdpSynapseHom {
  enum { W, KPLUS, T_LAST };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {{"weight"}, {"Kplus"}, {"t_lastspike", false, false}};
    return f;
  }
  static std::vector<double> defaults() { return {1.0, 0.0, 0.0}; }
  static constexpr bool uses_history = true;
  struct Common {
    double tau_plus = 20.0, lambda = 0.01, alpha = 1.0, mu_plus = 1.0, mu_minus = 1.0, Wmax = 100.0;
    void get(Dict& d) const {
      d.set("tau_plus", tau_plus);
      d.set("lambda", lambda);
      d.set("alpha", alpha);
      d.set("mu_plus", mu_plus);
      d.set("mu_minus", mu_minus);
      d.set("Wmax", Wmax);
    }
    void set(const Dict& d) {
      Common x = *this;
      read(d, "tau_plus", x.tau_plus);
      read(d, "lambda", x.lambda);
      read(d, "alpha", x.alpha);
      read(d, "mu_plus", x.mu_plus);
      read(d, "mu_minus", x.mu_minus);
      read(d, "Wmax", x.Wmax);
      if (!(x.tau_plus > 0)) throw BadProperty("Parameter tau_plus must be positive.");
      *this = x;
    }
    static std::vector<std::string> keys() { return {"tau_plus", "lambda", "alpha", "mu_plus", "mu_minus", "Wmax"}; }
  };
  static void validate(const double* c, const Common& cp) {}
  static void send(double* c, const Common& cp, SpikeArgs& a) {
    const double w = stdp::facilitate_all(c[W], *a.post, c[T_LAST], a.t, a.delay, c[KPLUS], cp.tau_plus, cp.lambda,
                                          cp.mu_plus, cp.Wmax);
    c[W] = a.weight = stdp::depress(w, a.post->K_value(a.t - a.delay), cp.lambda, cp.alpha, cp.mu_minus, cp.Wmax);
    c[KPLUS] = c[KPLUS] * std::exp((c[T_LAST] - a.t) / cp.tau_plus) + 1.0;
    c[T_LAST] = a.t;
  }
  static const char* help() {
    return R"(Synapse type for spike-timing dependent plasticity with homogeneous parameters.
Description: the rule of stdp_synapse (Gütig et al. 2003, "Learning input correlations through
nonlinear temporally asymmetric Hebbian plasticity"); tau_plus, lambda, alpha, mu_plus, mu_minus
and Wmax are common properties of all connections of the type (SetDefaults/CopyModel only).
Parameters: common tau_plus (ms, 20.0), lambda (0.01), alpha (1.0), mu_plus (1.0), mu_minus (1.0),
Wmax (100.0); per connection weight (1.0), delay (ms, 1.0), Kplus (0.0).)";
  }
};

}  // namespace nk
