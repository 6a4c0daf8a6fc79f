// volume_transmitter: collects the spikes of the neurons connected to it (e.g. dopaminergic
// neurons) and hands them to the neuromodulated synapses that name it (common property `vt`)
// every `deliver_interval` min_delay slices. The kernel keeps the collected spikes per thread.
#pragma once
#include "core/kernel.h"

namespace nk {

class VolumeTransmitter final : public NodeBlock {
 public:
  const char* help() const override {
    return R"(Name: volume_transmitter - Node that collects neuromodulatory spikes.
Description: Connect(dopaminergic_neurons, vt) makes it collect their spikes (times of arrival,
multiplicities); every deliver_interval min_delay slices it delivers them to all
stdp_dopamine_synapse connections whose common property vt is its GID (Potjans et al. 2010,
"Enabling functional neural circuit simulations with distributed computing of neuromodulated
plasticity"). It has no output.
Parameters: deliver_interval (1, in min_delay slices, >= 1).)";
  }
  std::vector<int64_t> deliver_interval_;

  ElementType element_type() const override { return ElementType::other; }
  std::unique_ptr<NodeBlock> make_empty() const override { return std::make_unique<VolumeTransmitter>(); }
  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    const auto& p = static_cast<const VolumeTransmitter&>(proto);
    deliver_interval_.insert(deliver_interval_.end(), n, p.deliver_interval_[i]);
  }
  size_t size() const override { return deliver_interval_.size(); }
  void add_default() { deliver_interval_.push_back(1); }
  // receives spikes like a recorder: connections live on the source's thread
  bool is_spike_recorder() const override { return true; }
  bool can_freeze() const override { return false; }
  void get_status(size_t i, Dict& d) const override { d.set("deliver_interval", deliver_interval_[i]); }
  void set_status(size_t i, const Dict& d) override {
    int64_t di = deliver_interval_[i];
    read(d, "deliver_interval", di);
    if (di < 1) throw BadProperty("deliver_interval must be >= 1.");
    deliver_interval_[i] = di;
  }
  void update(UpdateCtx&) override {}
};

}  // namespace nk
