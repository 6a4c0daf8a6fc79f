// Neurons for clopath_synapse: the filtered membrane potentials u_bar_plus, u_bar_minus
// (time constants tau_plus, tau_minus) and u_bar_bar (tau_bar_bar, filtering u_bar_minus) are
// part of the ODE state; each step ends by handing V and these to the Clopath history.
#pragma once
#include <memory>

#include "core/clopath_archiving.h"
#include "models/ode_neuron.h"

namespace nk {

struct ClopathTraceParameters {
  double tau_plus;            // ms, time constant of u_bar_plus
  double tau_minus = 10.0;    // ms, time constant of u_bar_minus (also the archive's tau_minus)
  double tau_bar_bar = 500.0; // ms, time constant of u_bar_bar
  ClopathParameters rule;

  void get_traces(Dict& d) const {
    d.set("tau_plus", tau_plus);
    d.set("tau_bar_bar", tau_bar_bar);
    rule.get(d);
  }
  void set_traces(const Dict& d) {
    read(d, "tau_plus", tau_plus);
    read(d, "tau_minus", tau_minus);
    read(d, "tau_bar_bar", tau_bar_bar);
    if (tau_plus <= 0 || tau_minus <= 0 || tau_bar_bar <= 0)
      throw BadProperty("All time constants must be strictly positive.");
    rule.set(d);
  }
  // d/dt of the three traces at V (filtered potentials y[0..2] = plus, minus, bar_bar)
  void trace_rhs(double V, const double* u, double* f) const {
    f[0] = (V - u[0]) / tau_plus;
    f[1] = (V - u[1]) / tau_minus;
    f[2] = (u[1] - u[2]) / tau_bar_bar;
  }
};

// The Clopath history of each node of a model deriving from NeuronBase; A_[i].clopath points
// into C_, refreshed whenever the vectors may have moved (connection time, calibration).
template <class Base>
class ClopathNeuron : public Base {
 public:
  std::vector<ClopathHistory> C_;

  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    Base::append_copies(proto, i, n);
    C_.resize(this->size());
  }
  Archiving* archive(size_t i) override {
    C_.resize(this->size());
    this->A_[i].clopath = &C_[i];
    return &this->A_[i];
  }
  void reset_state(size_t i, const NodeBlock& proto) override {
    Base::reset_state(i, proto);
    if (i < C_.size()) C_[i].clear();
  }
  void calibrate() override {
    Base::calibrate();
    C_.resize(this->size());
    const Kernel& k = kernel();
    for (size_t i = 0; i < this->size(); ++i) {
      this->A_[i].clopath = &C_[i];
      if (!C_[i].initialized())
        C_[i].init(k.time().steps(this->P_[i].rule.delay_u_bars), k.max_delay_steps());
    }
  }
  void write_history(size_t i, int64_t stamp, double V, double ubp, double ubm, double ubb) {
    const Kernel& k = kernel();
    C_[i].write(this->P_[i].rule, this->A_[i].n_incoming, k.time().ms(stamp), V, ubp, ubm, ubb, k.h());
  }
};

}  // namespace nk
