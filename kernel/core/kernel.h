// The kernel: time, models, nodes, connections, simulation loop, threads and kernel status.
#pragma once
#include <array>
#include <functional>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/communicator.h"
#include "core/connections.h"
#include "core/dict.h"
#include "core/node_block.h"
#include "core/plastic.h"
#include "core/rng.h"
#include "core/time.h"

namespace nk {

struct NodeModel {
  std::string name;
  std::string type_id;                // built-in model this one was copied from
  std::unique_ptr<NodeBlock> proto;   // one node holding the defaults (nullptr for subnet)
  bool user = false;
};

struct SynModel {
  std::string name;
  std::string type_id;
  bool hom_w = false;
  double weight = 1.0;
  double delay = 1.0;  // ms
  bool user = false;
  std::shared_ptr<PlasticModel> plastic;  // synapses with state; nullptr: static (ConnStore path)
};

struct Group {  // the nodes of one Create call
  int64_t first, n;
  int model;
  bool replicated;  // devices: one replica per thread
  bool subnet;
  int64_t parent;
};

struct SubnetInfo {
  std::string label;
  DictPtr customdict;
  std::vector<std::pair<int64_t, int64_t>> children;  // ranges (first, n)
  int64_t nchildren = 0;
};

struct DevTarget {
  NodeBlock* block;
  uint32_t idx;
  uint32_t port;  // receptor port at the recorder (0 except for correlation detectors)
};

struct ThreadData {
  std::vector<std::unique_ptr<NodeBlock>> blocks;  // one per group (nullptr for subnets)
  size_t nch = 0;
  std::vector<double> ring;
  std::vector<SpikeRecord> regs[2];  // outgoing spikes, double-buffered by slice parity
  std::vector<SpikeRecord> incoming; // all spikes of the last slice, in delivery order
  std::vector<std::vector<PreciseEvent>> precise;  // per ring slot: queued input of precise models
  Rng rng;
  std::vector<std::array<ConnStore, N_KINDS>> stores;  // per synapse id
  std::vector<DevTarget> devtargets;
  std::map<std::pair<const NodeBlock*, uint64_t>, uint32_t> devtarget_index;  // (block, idx << 32 | port)
  std::vector<AuxConn> aux;
  // synapses with state: one store per synapse id, and the targets they reach
  std::vector<PlasticStore> pstores;
  std::vector<std::pair<NodeBlock*, uint32_t>> ptargets;
  std::map<std::pair<const NodeBlock*, uint32_t>, uint32_t> ptarget_index;
  std::vector<Archiving*> parch;  // spike history of each plastic target (resolved at Prepare)
  // Each thread keeps its own copy of what every volume_transmitter collected: all threads see
  // all spikes of a slice, so no thread reads another thread's data during delivery.
  struct VtState {
    std::vector<std::pair<int64_t, double>> pending;  // (arrival stamp, multiplicity), not yet arrived
    DopaList list{{0.0, 0.0}};
  };
  std::vector<VtState> vts;  // per volume_transmitter slot
  void resize_syn(size_t n) {
    stores.resize(n);
    pstores.resize(n);
  }
  // Ports number a (thread, synapse type)'s connections over the kinds in enum order, so a
  // recorder connection's port is its index in the K_DEVICE store plus this base.
  int64_t device_port_base(size_t syn) const {
    return int64_t(stores[syn][K_WEIGHTED].tgt.size() + stores[syn][K_COUNT].tgt.size());
  }
};

struct NodeRef {
  const Group* g;
  size_t gi;
  NodeBlock* block;  // on the node's own thread (thread 0 replica for devices)
  size_t idx;
  int thread;
};

using ConnHandle = std::array<int64_t, 5>;

struct ConnDecision {  // cached classification of a (source block, target block) pair
  const NodeBlock* sb = nullptr;
  const NodeBlock* tb = nullptr;
  int kind = -1;
  EventKind ev = EventKind::spike;
  size_t cpn = 0;
};

struct ConnCtx {  // per building thread: caches and the delay extrema seen
  ConnDecision cd;
  size_t hint_s = SIZE_MAX, hint_t = SIZE_MAX;
  int64_t dmin = INT64_MAX, dmax = 0;
};  // source, target, thread, synapse id, port

class Kernel {
 public:
  Kernel();
  void reset_kernel();
  void reset_network();

  // --- kernel status ---
  DictPtr get_status() const;
  void set_status(const Dict& d);
  const TimeBase& time() const { return tb_; }
  int num_threads() const { return n_threads_; }
  int num_vps() const { return n_threads_ * comm_->num_processes(); }
  double h() const { return tb_.h(); }
  int64_t clock() const { return clock_; }
  int64_t min_delay_steps() const;
  int64_t max_delay_steps() const;
  bool dict_miss_is_error() const { return dict_miss_is_error_; }
  bool simulated() const { return simulated_; }

  // --- models ---
  void register_node_model(const std::string& name, std::unique_ptr<NodeBlock> proto);
  void register_synapse_model(const std::string& name, bool hom_w);
  void register_synapse_model(const std::string& name, std::unique_ptr<PlasticModel> model);
  int model_id(const std::string& name) const;  // throws UnknownModelName
  int synapse_id(const std::string& name) const;  // throws UnknownSynapseType
  bool has_model(const std::string& name) const;
  const NodeModel& node_model(int id) const { return models_[id]; }
  DictPtr get_defaults(const std::string& model) const;
  void set_defaults(const std::string& model, const Dict& d);
  void copy_model(const std::string& old_name, const std::string& new_name, const Dict& d);
  std::vector<std::string> node_model_names() const;
  std::string model_help(const std::string& name) const;
  std::vector<std::string> synapse_model_names() const;

  // --- nodes ---
  // returns the first gid; params (one dict for all nodes) are validated once on a prototype copy
  int64_t create(const std::string& model, int64_t n, const Dict* params = nullptr);
  void rollback_create(int64_t first);
  int64_t network_size() const { return next_gid_; }
  NodeRef node(int64_t gid) const;  // throws UnknownNode
  bool node_exists(int64_t gid) const { return gid >= 0 && gid < next_gid_; }
  // `only`: build just this key (bulk GetStatus of one key)
  DictPtr node_status(int64_t gid, const std::string* only = nullptr) const;
  void set_node_status(int64_t gid, const Dict& d);
  int vp_of(int64_t gid) const { return int(gid % num_vps()); }
  int thread_of_vp(int vp) const { return vp / comm_->num_processes(); }

  // --- subnets ---
  int64_t current_subnet() const { return cwn_; }
  void change_subnet(int64_t gid);
  std::vector<int64_t> children(int64_t gid) const;
  std::vector<int64_t> descendants(int64_t gid, bool leaves_only) const;
  bool is_subnet(int64_t gid) const;
  std::string print_network(int64_t gid, int64_t depth) const;

  // --- connections ---
  void connect(const IntVec& sources, const IntVec& targets, const Dict& conn_spec, const Dict& syn_spec);
  void connect_one(int64_t s, int64_t t, int syn, double w, double delay_ms, long receptor);
  void connect_resolved(const NodeRef& sr, const NodeRef& tr, int64_t s, int64_t t, int syn, double w,
                        double delay_ms, long receptor, ConnCtx& cx);
  void connect_plastic(const NodeRef& sr, const NodeRef& tr, int64_t s, int syn, const double* data,
                       double delay_ms, long receptor, ConnCtx& cx);
  void merge_delays(const ConnCtx& cx);
  void check_device_synapse(const NodeRef& sr, int64_t s, int syn);
  NodeRef node_hint(int64_t gid, size_t& hint) const;
  void reserve_for_targets(const IntVec& targets, int syn, size_t per_target);
  std::vector<ConnHandle> get_connections(const IntVec* sources, const IntVec* targets, int syn);
  DictPtr connection_status(const ConnHandle& c);
  void set_connection_status(const ConnHandle& c, const Dict& d);
  void set_plastic_connection_status(ThreadData& td, const ConnHandle& c, const Dict& d);
  void disconnect(const IntVec& sources, const IntVec& targets, const Dict& conn_spec, const Dict& syn_spec);
  int64_t num_connections() const;
  Rng& thread_rng(int t) { return threads_[t].rng; }
  Rng& global_rng() { return grng_; }
  int64_t grng_seed() const { return grng_seed_; }
  int storage_thread(const NodeRef& s, const NodeRef& t) const;

  // --- simulation ---
  void prepare();
  void run(double ms);
  void cleanup();
  void simulate(double ms);

  // --- spike sending from inside update (device output goes to local targets directly) ---
  void send_local(UpdateCtx& c, int64_t gid, int lag, long mult, double factor, double offset = 0.0);
  void send_poisson(UpdateCtx& c, int64_t gid, int lag, const PoissonTable& pt);
  // Generators with an independent output per target: value_of(k) is called once for each of the
  // device's k = 0 .. local_targets(thread, gid)-1 connections on this thread (a stable order while
  // the connections do not change) and returns that target's spike multiplicity (spike senders) or
  // current amplitude (current senders); 0 sends nothing.
  template <class F>
  void send_per_target(UpdateCtx& c, int64_t gid, int lag, F&& value_of);
  size_t local_targets(int thread, int64_t gid) const;
  void emit_spike(UpdateCtx& c, int64_t gid, int lag, long mult) { c.reg->push_back({uint64_t(gid), lag, int32_t(mult)}); }
  void emit_precise_spike(UpdateCtx& c, int64_t gid, int lag, long mult, double offset) {
    c.reg->push_back({uint64_t(gid), lag, int32_t(mult), offset});
  }
  bool off_grid_spiking() const { return off_grid_spiking_; }
  // Devices that draw a separate spike train per target: visit the connections of `gid` stored
  // on this thread, f(kind, channel, delay, weight), then send single spikes with send_to.
  template <class F>
  void for_each_local_target(const UpdateCtx& c, int64_t gid, F&& f) const {
    const ThreadData& td = threads_[c.thread];
    for (size_t syn = 0; syn < td.stores.size(); ++syn) {
      const bool hom = syn_models_[syn].hom_w;
      const double hw = syn_models_[syn].weight;
      for (int k = 0; k < N_KINDS; ++k) {
        const ConnStore& st = td.stores[syn][k];
        if (uint64_t(gid) >= st.nrows()) continue;
        uint64_t b = st.row[gid];
        for (uint64_t g = st.segrow[gid]; g < st.segrow[gid + 1]; ++g) {
          for (uint64_t x = b; x < st.segs[g].end; ++x) f(k, st.channel(x), st.segs[g].delay, hom ? hw : st.weight(x));
          b = st.segs[g].end;
        }
      }
    }
  }
  // One spike of `gid` emitted in step T+lag, `offset` ms before its end, to one connection.
  void send_to(UpdateCtx& c, int64_t gid, int lag, double offset, int kind, uint32_t channel, int32_t delay,
               double weight);

  ThreadData& thread_data(int t) { return threads_[t]; }
  // Called by thread 0 about every 50 ms of a run; returning true stops the run at the end of
  // the current slice with a consistent state (the bindings use it for Ctrl-C).
  void set_interrupt_hook(std::function<bool()> hook) { interrupt_hook_ = std::move(hook); }
  bool interrupted() const { return interrupted_; }
  // Testing aid: the update loop of `thread` throws this error once, at its next slice.
  void inject_update_error(int thread, const std::string& name, const std::string& message) {
    inject_thread_ = thread;
    inject_name_ = name;
    inject_message_ = message;
  }
  std::vector<NodeBlock*> replicas(int64_t gid) const;  // all replicas of a device (one per thread)
  size_t group_index(int64_t gid) const;
  const std::vector<Group>& groups() const { return groups_; }

 private:
  void init_threads();
  void check_delay(int64_t steps, double ms);
  void deliver(int t, int64_t T, const std::vector<SpikeRecord>& spikes);
  void deliver_plastic(int t, int64_t T, const std::vector<SpikeRecord>& spikes, size_t syn);
  WeightSink weight_sink(int t, int64_t gid) const;
  void volume_transmitters(int t, int64_t T, const std::vector<SpikeRecord>& spikes);
  void collect_volume_transmitters();
  int vt_slot(int64_t gid) const;
  void set_plastic_defaults(int syn, const Dict& d);
  // delay in steps of a plastic connection; sub-step models also get their offset (ms)
  int64_t plastic_delay(const PlasticModel& pm, double ms, double* conn);
  void finalize_connections();
  void ensure_ring_buffers();
  void set_threads(int64_t n);
  void reseed();
  // The stand-in for an RNG object in `rngs` / `grng`: a dict whose integer `seed` was drawn from
  // the given generator; anything else is a TypeMismatch.
  static uint64_t rng_seed_material(const Value& v);
  size_t block_local_index(const Group& g, int t, int64_t gid) const;

  TimeBase tb_;
  std::unique_ptr<Communicator> comm_;
  int n_threads_ = 1;
  std::vector<ThreadData> threads_;
  Rng grng_;
  IntVec rng_seeds_;
  int64_t grng_seed_ = 0;

  std::vector<NodeModel> models_;
  std::map<std::string, int> model_index_;
  size_t n_builtin_models_ = 0;
  std::vector<SynModel> syn_models_;
  std::map<std::string, int> syn_index_;
  size_t n_builtin_syns_ = 0;
  bool defaults_modified_ = false;

  std::vector<Group> groups_;
  // volume transmitters (slot = index): gid, deliver interval, and per source gid the
  // (slot, delay in steps) of its connections to them (rebuilt at Prepare)
  std::vector<int64_t> vt_gids_, vt_interval_;
  std::vector<std::vector<std::pair<uint32_t, int32_t>>> vt_inputs_;
  std::map<int64_t, SubnetInfo> subnets_;
  int64_t next_gid_ = 1;
  int64_t cwn_ = 0;

  // delays (steps)
  int64_t min_delay_ = INT64_MAX, max_delay_ = 0;  // over connections
  bool user_delays_ = false;
  int64_t user_min_ = 1, user_max_ = 1;
  int64_t sim_min_ = 0, sim_max_ = 0;  // frozen after the first simulation

  // clock
  int64_t clock_ = 0;      // steps simulated so far
  int64_t slice_pos_ = 0;  // lag within the current slice
  int64_t to_do_ = 0;
  bool prepared_ = false;
  bool simulated_ = false;
  bool inconsistent_ = false;
  int64_t n_slots_ = 0;
  int64_t dmin_run_ = 1;
  int reg_toggle_ = 0;  // which of the two spike registers the current slice writes
  std::map<int64_t, int> device_syn_;  // synapse type of each stimulating device's connections
  std::atomic<int> inject_thread_{-1};
  std::function<bool()> interrupt_hook_;
  bool interrupted_ = false;
  std::string inject_name_, inject_message_;

  // flags
  bool print_time_ = false;
  bool dict_miss_is_error_ = true;
  bool overwrite_files_ = false;
  std::string data_path_, data_prefix_;
  bool off_grid_spiking_ = false, keep_source_table_ = true, sort_connections_by_source_ = true;
  bool adaptive_spike_buffers_ = true, adaptive_target_buffers_ = true;
  int64_t buffer_size_spike_data_ = 2, buffer_size_target_data_ = 2;
  int64_t max_buffer_size_spike_data_ = 8388608, max_buffer_size_target_data_ = 16777216;
  double growth_factor_spike_ = 1.5, growth_factor_target_ = 1.5;
  bool use_wfr_ = true;
  double wfr_comm_interval_ = 1.0, wfr_tol_ = 0.0001;
  int64_t wfr_max_iterations_ = 15, wfr_interpolation_order_ = 3;
  int64_t sp_update_interval_ = 1000;
  int64_t rng_buffsize_ = 131072, send_buffer_size_ = 1, receive_buffer_size_ = 1;
  bool communicate_allgather_ = true;
  DictPtr sp_synapses_;
  int64_t local_spike_counter_ = 0;
  double time_simulate_ = 0, time_prepare_ = 0, time_create_ = 0, time_connect_ = 0;
  int64_t print_total_ = 0, print_done_ = 0;
};

template <class F>
void Kernel::send_per_target(UpdateCtx& cx, int64_t gid, int lag, F&& value_of) {
  ThreadData& td = threads_[cx.thread];
  const int64_t s_emit = cx.T + lag;
  size_t k = 0;
  for (size_t syn = 0; syn < td.stores.size(); ++syn) {
    const bool hom = syn_models_[syn].hom_w;
    const double hw = syn_models_[syn].weight;
    for (int kind = 0; kind < N_KINDS; ++kind) {
      const ConnStore& st = td.stores[syn][kind];
      if (uint64_t(gid) >= st.nrows()) continue;
      uint64_t b = st.row[gid];
      for (uint64_t g = st.segrow[gid]; g < st.segrow[gid + 1]; ++g) {
        const uint64_t e = st.segs[g].end;
        double* r = cx.row(s_emit + st.segs[g].delay);
        for (uint64_t c = b; c < e; ++c, ++k) {
          const double x = value_of(k);
          if (x == 0.0) continue;
          const double w = hom ? hw : st.weight(c);
          if (kind == K_DEVICE) {
            const DevTarget& dt = td.devtargets[st.channel(c)];
            dt.block->handle_recorded_spike(dt.idx, td.device_port_base(syn) + int64_t(c), long(dt.port), gid,
                                            s_emit + 1, 0.0, long(x), w);
          } else if (kind == K_COUNT) {
            r[st.channel(c)] += x;
          } else if (kind == K_PRECISE) {  // spike senders only: currents never use this kind
            cx.precise[size_t((s_emit + st.segs[g].delay) % cx.n_slots)].push_back(
                {st.channel(c), int32_t(x), 0.0, w});
          } else {
            r[st.channel(c)] += w * x;
          }
        }
        b = e;
      }
    }
  }
}

}  // namespace nk
