// Synapses with per-connection state (spec §7.1/§7.2): a model object per synapse type holds the
// common properties and the defaults of one connection; a PlasticStore per (thread, synapse
// type) holds the connections, sorted by source. Each presynaptic spike runs the model's update
// on every connection of its row, in storage order, and the resulting weight goes into the
// target's ring buffer (and to the weight_recorder named by the model, if any).
#pragma once
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "core/archiving.h"
#include "core/dict.h"
#include "core/rng.h"

namespace nk {

class NodeBlock;

// One per-connection value. Values are stored as doubles; `is_int` ones are shown as integers.
// Hidden fields (e.g. the time of the last presynaptic spike) are state not shown in status.
struct SynField {
  const char* name;
  bool is_int = false;
  bool visible = true;
};

// A neuromodulatory spike collected by a volume_transmitter: arrival time and multiplicity.
// A volume transmitter's list starts with a pseudo spike (multiplicity 0) at its last delivery.
struct DopaSpike {
  double t;  // ms
  double mult;
};
using DopaList = std::vector<DopaSpike>;

// What one connection's update sees of a presynaptic spike, and what it sends on.
struct SpikeArgs {
  double t;         // ms, time stamp of the presynaptic spike
  double delay;     // ms, dendritic delay (= synaptic delay)
  Archiving* post;  // spike history of the target (models with uses_history only)
  Rng* rng;         // RNG of the target's thread
  const DopaList* dopa;  // spikes of the model's volume_transmitter (dopamine models only)
  long mult;        // in: multiplicity of the spike; out: multiplicity sent on
  double weight;    // out: weight carried by the event
  bool send;        // out: false if nothing is transmitted
};

// Connections of one synapse type on one thread. All arrays are indexed by connection; after
// finalize() they are sorted by source (stably) and `row` gives each source's range.
struct PlasticStore {
  static constexpr uint32_t COUNT_BIT = 1u << 31;  // target counts spikes (parrot), ignores weight
  size_t stride = 0;                               // doubles per connection
  std::vector<uint32_t> src;                       // source gid
  std::vector<uint32_t> chan;                      // absolute input channel | COUNT_BIT
  std::vector<uint32_t> post;                      // index in the thread's plastic target table
  std::vector<int32_t> delay;                      // steps
  std::vector<double> data;                        // stride values per connection
  std::vector<uint64_t> row;                       // source gid -> first connection (valid if !dirty())
  size_t sorted = 0;

  size_t size() const { return src.size(); }
  bool dirty() const { return sorted != src.size(); }
  uint64_t nrows() const { return row.empty() ? 0 : row.size() - 1; }
  double* conn(uint64_t c) { return data.data() + c * stride; }
  const double* conn(uint64_t c) const { return data.data() + c * stride; }
  void add(uint32_t s, uint32_t ch, uint32_t p, int32_t d, const double* x) {
    src.push_back(s);
    chan.push_back(ch);
    post.push_back(p);
    delay.push_back(d);
    data.insert(data.end(), x, x + stride);
  }
  void finalize();                          // stable sort by source, rebuild `row`
  void erase(const std::vector<char>& dead);  // drop the marked connections (keeps the order)
};

// A weight_recorder replica that receives the transmitted weights of one synapse type.
struct WeightSink {
  NodeBlock* block = nullptr;
  size_t idx = 0;
};

// Everything the delivery of one presynaptic spike to one row needs.
struct DeliverArgs {
  double t;        // ms, spike time stamp
  int64_t s_emit;  // step in which the spike was emitted (stamp - 1)
  long mult;
  uint32_t source;
  double h;  // ms per step
  double* ring;
  size_t nch;
  int64_t n_slots;
  Archiving* const* parch;                                 // plastic target table: histories
  const std::pair<NodeBlock*, uint32_t>* ptargets;         // plastic target table: nodes
  Rng* rng;
  WeightSink wr;
  const DopaList* dopa;
};

class PlasticModel {
 public:
  virtual ~PlasticModel() = default;
  virtual std::unique_ptr<PlasticModel> clone() const = 0;
  virtual std::string help(const std::string& name) const = 0;
  virtual const std::vector<SynField>& fields() const = 0;  // fields()[0] is the weight
  virtual bool uses_history() const = 0;
  virtual void get_common(Dict& d) const = 0;
  virtual void set_common(const Dict& d) = 0;
  virtual std::vector<std::string> common_keys() const = 0;
  virtual void validate(const double* c) const = 0;  // throws BadProperty
  virtual void deliver(PlasticStore& st, uint64_t b, uint64_t e, const DeliverArgs& a) = 0;
  // Neuromodulated models: the gid of their volume_transmitter (-1 none) and the update of all
  // connections of a store to the delivery time t_trig of that transmitter.
  virtual bool neuromodulated() const { return false; }
  // models reading the voltage history of *_clopath neurons (Archiving::clopath)
  virtual bool needs_clopath() const { return false; }
  // models with sub-step delays: index of the per-connection delay offset (ms), else -1
  virtual int delay_offset_field() const { return -1; }
  virtual int64_t volume_transmitter() const { return -1; }
  virtual void trigger(PlasticStore& st, double t_trig, double h, Archiving* const* parch, const DopaList& dopa) {}

  std::vector<double> defaults;  // one connection with the model's defaults
  int64_t weight_recorder = -1;  // gid, -1 = none

  size_t stride() const { return fields().size(); }
  int field_index(const std::string& name) const;
  void get_conn(const double* c, Dict& d) const;
  void set_conn(double* c, const Dict& d) const;  // reads the visible fields present in d
  void record_weight(const DeliverArgs& a, uint32_t post, double w) const;
};

// Sign convention of the reference: zero counts as positive.
inline bool same_sign(double a, double b) { return (a >= 0) == (b >= 0); }

template <class M, class = void>
struct ContinuousDelayField {
  static constexpr int value = -1;
};
template <class M>
struct ContinuousDelayField<M, std::void_t<decltype(M::continuous_delay)>> {
  static constexpr int value = M::continuous_delay;
};

template <class M, class = void>
struct NeedsClopath : std::false_type {};
template <class M>
struct NeedsClopath<M, std::void_t<decltype(M::needs_clopath)>> : std::true_type {};

template <class M, class = void>
struct IsNeuromodulated : std::false_type {};
template <class M>
struct IsNeuromodulated<M, std::void_t<decltype(M::neuromodulated)>> : std::true_type {};

// Glue between a synapse rule M and the model interface. M provides: fields(), defaults(),
// uses_history, struct Common { get, set, keys }, validate(c, cp) and
// send(c, cp, SpikeArgs&) -- the per-spike update of one connection, inlined in the row loop.
template <class M>
class PlasticImpl final : public PlasticModel {
 public:
  typename M::Common cp;
  PlasticImpl() { defaults = M::defaults(); }
  std::unique_ptr<PlasticModel> clone() const override { return std::make_unique<PlasticImpl>(*this); }
  std::string help(const std::string& name) const override { return "Name: " + name + " - " + M::help(); }
  const std::vector<SynField>& fields() const override { return M::fields(); }
  bool uses_history() const override { return M::uses_history; }
  void get_common(Dict& d) const override { cp.get(d); }
  void set_common(const Dict& d) override { cp.set(d); }
  std::vector<std::string> common_keys() const override { return M::Common::keys(); }
  void validate(const double* c) const override { M::validate(c, cp); }
  void deliver(PlasticStore& st, uint64_t b, uint64_t e, const DeliverArgs& a) override {
    const size_t S = st.stride;
    for (uint64_t c = b; c < e; ++c) {
      const int32_t d = st.delay[c];
      SpikeArgs sa{a.t, d * a.h, M::uses_history ? a.parch[st.post[c]] : nullptr, a.rng, a.dopa, a.mult, 0.0, true};
      M::send(st.data.data() + c * S, cp, sa);
      if (!sa.send) continue;
      const uint32_t ch = st.chan[c];
      double* r = a.ring + size_t((a.s_emit + d) % a.n_slots) * a.nch;
      if (ch & PlasticStore::COUNT_BIT) r[ch & ~PlasticStore::COUNT_BIT] += double(sa.mult);
      else r[ch] += sa.weight * double(sa.mult);
      if (a.wr.block) record_weight(a, st.post[c], sa.weight);
    }
  }
  bool neuromodulated() const override { return IsNeuromodulated<M>::value; }
  bool needs_clopath() const override { return NeedsClopath<M>::value; }
  int delay_offset_field() const override { return ContinuousDelayField<M>::value; }
  int64_t volume_transmitter() const override {
    if constexpr (IsNeuromodulated<M>::value) return cp.vt;
    return -1;
  }
  void trigger(PlasticStore& st, double t_trig, double h, Archiving* const* parch, const DopaList& dopa) override {
    if constexpr (IsNeuromodulated<M>::value)
      for (uint64_t c = 0; c < st.size(); ++c)
        M::trigger(st.data.data() + c * st.stride, cp, t_trig, st.delay[c] * h, *parch[st.post[c]], dopa);
  }
};

// For models without common properties.
struct NoCommon {
  void get(Dict&) const {}
  void set(const Dict&) {}
  static std::vector<std::string> keys() { return {}; }
};

}  // namespace nk
