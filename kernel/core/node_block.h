// Nodes live in blocks: all nodes of one Create call on one thread, stored contiguously.
// The kernel updates a whole block per call; models implement the virtual interface below.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/communicator.h"
#include "core/dict.h"
#include "core/rng.h"
#include "core/time.h"

namespace nk {

class Kernel;
Kernel& kernel();

enum class ElementType { neuron, recorder, stimulator, structure, other };
const char* element_type_name(ElementType t);

enum class EventKind { spike, current };

// A spike queued for a precise model: it happens `offset` ms before the end of its arrival step.
struct PreciseEvent {
  uint32_t channel;  // absolute input channel of the target
  int32_t mult;
  double offset;
  double weight;  // connection weight (times the sender's weight factor), not multiplied by mult
};

struct UpdateCtx {
  int thread;
  int64_t T;        // slice origin (steps)
  int from, to;     // lags to update
  double* buf;      // ring buffers of this thread: n_slots rows of nch channels
  size_t nch;
  int64_t n_slots;
  std::vector<SpikeRecord>* reg;  // outgoing spikes of this thread
  Rng* rng;
  std::vector<PreciseEvent>* precise = nullptr;  // n_slots queues of precise input
  double* row(int64_t step) const { return buf + size_t(step % n_slots) * nch; }
  // precise input arriving in the step that ends at stamp step + 1 (unordered)
  const std::vector<PreciseEvent>& precise_events(int64_t step) const { return precise[step % n_slots]; }
};

class MultimeterBlock;
struct Archiving;

// A multimeter replica asks a block to sample some of its nodes.
struct LogRequest {
  MultimeterBlock* mm;
  size_t mm_index;               // which multimeter inside its block
  std::vector<uint32_t> locals;  // node indices in the recorded block
  std::vector<uint32_t> order;   // connection order index per recorded node
  std::vector<int64_t> gids;
  std::vector<int> rec_ids;      // recordable ids in the recorded block
  int64_t interval, offset;      // steps
};

class NodeBlock {
 public:
  virtual ~NodeBlock() = default;

  // --- identity -------------------------------------------------------
  int model_id = -1;
  int thread = 0;
  std::vector<int64_t> gids;  // gids of the nodes of this block
  size_t chan_base = 0;       // first input channel in the thread's ring buffers
  // Channels are laid out in planes: all nodes' channel 0, then all nodes' channel 1, ...
  size_t channel_index(size_t i, int c) const { return chan_base + size_t(c) * gids.size() + i; }
  std::vector<char> frozen;
  bool any_frozen = false;
  std::vector<LogRequest> loggers;

  // --- model description ----------------------------------------------
  virtual ElementType element_type() const = 0;
  virtual std::unique_ptr<NodeBlock> make_empty() const = 0;  // a block of the same type, no nodes
  // Append n copies of node `i` of `proto` (same type).
  virtual void append_copies(const NodeBlock& proto, size_t i, size_t n) = 0;
  virtual size_t size() const = 0;
  virtual int channels_per_node() const { return 0; }
  virtual bool sends_spikes() const { return false; }
  virtual bool sends_current() const { return false; }
  virtual bool is_spike_recorder() const { return false; }
  // Recorders that relate spikes of different sources (correlation detectors) receive every spike
  // on the thread-0 copy, whatever thread the source lives on.
  virtual bool gathers_spikes() const { return false; }
  virtual bool is_multimeter() const { return false; }
  virtual bool counts_multiplicity() const { return false; }  // parrot: counts spikes, ignores weights
  virtual bool replicated() const { return element_type() != ElementType::neuron; }
  virtual bool archiving() const { return false; }
  // spike history of node i for STDP synapses (nullptr: the model keeps none)
  virtual Archiving* archive(size_t i) { return nullptr; }
  virtual bool can_freeze() const { return true; }
  // Precise models: spike input arrives as time-stamped events (c.precise_events), spike output
  // carries offsets (supports_precise_spikes).
  virtual bool precise_input() const { return false; }
  virtual bool precise_output() const { return false; }

  // Input channel (relative to node, 0..channels_per_node-1) for an incoming event; throws
  // UnknownReceptorType / IncompatibleReceptorType.
  virtual int input_channel(size_t i, EventKind ev, long receptor, double weight) const;
  virtual long channel_receptor(int ch) const { return 0; }

  virtual std::vector<std::string> recordables() const { return {}; }
  virtual const char* help() const { return ""; }  // the text `help` shows for the model
  virtual double recordable(size_t i, int rec) const { return 0.0; }
  int recordable_id(const std::string& name) const;

  // --- status -----------------------------------------------------------
  virtual void get_status(size_t i, Dict& d) const = 0;
  // Devices: status assembled from all thread replicas (recorders merge their events).
  virtual void get_status_replicated(size_t i, const std::vector<NodeBlock*>& reps, Dict& d) const {
    get_status(i, d);
  }
  virtual void set_status(size_t i, const Dict& d) = 0;
  // Reset the state of node i to the defaults of proto's node 0 (ResetNetwork).
  virtual void reset_state(size_t i, const NodeBlock& proto) {}

  // --- simulation -----------------------------------------------------
  virtual void calibrate() {}
  virtual void update(UpdateCtx& c) = 0;
  virtual void post_run() {}
  // Recorders: a spike from `sender` stamped `stamp` (steps) arrives at device i.
  virtual void handle_spike(size_t i, int64_t sender, int64_t stamp, long mult, double weight) {}
  // Recorders with receptor ports (correlation detectors): the port of a connection is checked once
  // when it is made (UnknownReceptorType) and handed to handle_port_spike at every delivery.
  virtual long recorder_port(size_t i, long receptor) const;
  virtual void handle_port_spike(size_t i, long port, int64_t sender, int64_t stamp, long mult, double weight) {
    handle_spike(i, sender, stamp, mult, weight);
  }
  // ... an off-grid spike, `offset` ms before the stamp (recorders that keep offsets override this)
  virtual void handle_precise_spike(size_t i, int64_t sender, int64_t stamp, double offset, long mult,
                                    double weight) {
    handle_spike(i, sender, stamp, mult, weight);
  }
  // weight_recorder: a spike from `sender` to `target` stamped `stamp` carried `weight`.
  virtual void handle_weight(size_t i, int64_t sender, int64_t target, int64_t stamp, double weight) {}
  // Every spike delivered to a recorder arrives here: `port` is the connection's port as
  // GetConnections reports it, `rport` its receptor port (withport / withrport). By default the
  // spike is handed on to the port-less handlers above.
  virtual void handle_recorded_spike(size_t i, int64_t port, long rport, int64_t sender, int64_t stamp,
                                     double offset, long mult, double weight) {
    if (offset != 0.0) handle_precise_spike(i, sender, stamp, offset, mult, weight);
    else handle_port_spike(i, rport, sender, stamp, mult, weight);
  }
  // Multimeters: move samples logged before `T` into the recorded events.
  virtual void collect(int64_t T) {}
  virtual void clear_buffers() {}

  // Samples recordables of the block at step end `stamp` (called by models once per step).
  void log_step(int64_t stamp);
  const std::string& model_name() const;
};

// Common keys of all devices: the activity window of spec §6.1.
struct Window {
  double origin = 0.0, start = 0.0, stop = 1.7976931348623157e308;  // ms
  int64_t o = 0, s = 0, e = STEP_INF;                                // steps
  void get(Dict& d) const;
  void set(const Dict& d);  // validates and converts
  void recalc();
  // recording devices and spike_generator: t_min < stamp <= t_max
  bool rec_active(int64_t stamp) const { return o + s < stamp && (e >= STEP_INF || stamp <= o + e); }
  // current generators: stamps in [t_min, t_max)
  bool cur_active(int64_t stamp) const { return o + s <= stamp && (e >= STEP_INF || stamp < o + e); }
  // poisson-like generators: step (t, t+h] with t_min < t <= t_max
  bool step_active(int64_t t) const { return o + s < t && (e >= STEP_INF || t <= o + e); }
};

}  // namespace nk
