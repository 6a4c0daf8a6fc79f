// Receptor-port plumbing shared by the *_multisynapse models: spikes arrive on receptor
// ports 1..n (one input channel each), currents on port 0 (channel 0).
#pragma once
#include <algorithm>
#include <string>
#include <vector>

#include "models/neuron_base.h"

namespace nk {

// Input channels are laid out when a population is created, while the number of ports can
// grow later through SetStatus: each node reserves room for at least this many ports.
constexpr size_t kMinPortCapacity = 8;

template <class Derived, class P, class S, class V>
class MultisynapseBase : public NeuronBase<Derived, P, S, V> {
  using Base = NeuronBase<Derived, P, S, V>;

 public:
  size_t port_capacity = 0;  // fixed once the block holds nodes
  mutable std::vector<char> connected;  // per node: a connection targets one of its ports

  int channels_per_node() const override { return int(1 + port_capacity); }
  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    const auto& p = static_cast<const Derived&>(proto);
    if (this->size() == 0 && port_capacity == 0)
      port_capacity = std::max(kMinPortCapacity, p.P_[i].n_ports());
    Base::append_copies(proto, i, n);
    connected.resize(this->size(), 0);
  }
  int input_channel(size_t i, EventKind ev, long receptor, double) const override {
    if (ev == EventKind::current) {
      if (receptor != 0)
        throw KernelError("UnknownReceptorType", "Receptor type " + std::to_string(receptor) +
                                                     " is not available in " + this->model_name() + ".");
      return 0;
    }
    if (receptor <= 0 || size_t(receptor) > this->P_[i].n_ports())
      throw KernelError("IncompatibleReceptorType", "Receptor type " + std::to_string(receptor) + " in " +
                                                        this->model_name() + " does not accept SpikeEvent.");
    connected.resize(this->size(), 0);
    connected[i] = 1;
    return int(receptor);
  }
  long channel_receptor(int ch) const override { return ch; }
  void get_status(size_t i, Dict& d) const override {
    Base::get_status(i, d);
    d.set("has_connections", i < connected.size() && connected[i] != 0);
  }
  void set_status(size_t i, const Dict& d) override {
    const size_t old_n = this->P_[i].n_ports();
    P p = this->P_[i];
    p.set(d);  // validates the ports before anything changes
    if (p.n_ports() < old_n && i < connected.size() && connected[i])
      throw BadProperty("The neuron has connections, therefore the number of ports cannot be reduced.");
    // only nodes of a created population have their channels laid out (prototypes have no gids)
    if (p.n_ports() > port_capacity && !this->gids.empty())
      throw BadProperty(this->model_name() + " nodes were created with room for " + std::to_string(port_capacity) +
                        " receptor ports; give tau_syn to Create to have more.");
    Base::set_status(i, d);
    this->S_[i].fit(this->P_[i]);
  }
  void reset_state(size_t i, const NodeBlock& proto) override {
    Base::reset_state(i, proto);
    this->S_[i].fit(this->P_[i]);
    this->S_[i].clear_ports();
  }
  std::vector<std::string> recordables() const override {
    size_t n = 0;
    for (const auto& p : this->P_) n = std::max(n, p.n_ports());
    std::vector<std::string> r{"V_m", "I_syn"};
    for (size_t k = 1; k <= n; ++k) r.push_back("I_syn_" + std::to_string(k));
    return r;
  }
};

// Reads a list of synaptic time constants (ms); all must be positive.
inline bool read_tau_syn(const Dict& d, std::vector<double>& tau, const char* message) {
  std::vector<double> t;
  if (!read(d, "tau_syn", t)) return false;
  for (double x : t)
    if (x <= 0) throw BadProperty(message);
  tau = t;
  return true;
}

}  // namespace nk
