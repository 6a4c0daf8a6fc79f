#include "core/kernel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <thread>

#include <sys/stat.h>

#include "core/barrier.h"
#include "models/volume_transmitter.h"

#ifdef NK_WITH_OPENMP
#include <omp.h>
#endif

namespace nk {

void register_all_models(Kernel& k);  // models/models.cpp

static Kernel* g_kernel = nullptr;
Kernel& kernel() {
  if (!g_kernel) g_kernel = new Kernel();  // lives for the process
  return *g_kernel;
}

const char* element_type_name(ElementType t) {
  switch (t) {
    case ElementType::neuron: return "neuron";
    case ElementType::recorder: return "recorder";
    case ElementType::stimulator: return "stimulator";
    case ElementType::structure: return "structure";
  }
  return "other";
}

static double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

Kernel::Kernel() : comm_(new SingleProcessCommunicator()) {
  g_kernel = this;
  reset_kernel();
}

void Kernel::reset_kernel() {
  tb_ = TimeBase();
  n_threads_ = 1;
  models_.clear();
  model_index_.clear();
  syn_models_.clear();
  syn_index_.clear();
  groups_.clear();
  subnets_.clear();
  threads_.clear();
  vt_gids_.clear();
  vt_interval_.clear();
  vt_inputs_.clear();
  register_all_models(*this);
  n_builtin_models_ = models_.size();
  n_builtin_syns_ = syn_models_.size();
  defaults_modified_ = false;
  next_gid_ = 1;
  cwn_ = 0;
  groups_.push_back({0, 1, model_id("subnet"), true, true, -1});
  subnets_[0] = SubnetInfo();
  min_delay_ = INT64_MAX;
  max_delay_ = 0;
  user_delays_ = false;
  user_min_ = user_max_ = 1;
  sim_min_ = sim_max_ = 0;
  clock_ = slice_pos_ = to_do_ = 0;
  prepared_ = simulated_ = inconsistent_ = false;
  inject_thread_ = -1;
  n_slots_ = 0;
  reg_toggle_ = 0;
  device_syn_.clear();
  print_time_ = false;
  dict_miss_is_error_ = true;
  overwrite_files_ = false;
  const char* dp = std::getenv("NEST_DATA_PATH");
  const char* pf = std::getenv("NEST_DATA_PREFIX");
  data_path_ = dp ? dp : "";
  data_prefix_ = pf ? pf : "";
  off_grid_spiking_ = false;
  keep_source_table_ = sort_connections_by_source_ = true;
  adaptive_spike_buffers_ = adaptive_target_buffers_ = true;
  buffer_size_spike_data_ = buffer_size_target_data_ = 2;
  max_buffer_size_spike_data_ = 8388608;
  max_buffer_size_target_data_ = 16777216;
  growth_factor_spike_ = growth_factor_target_ = 1.5;
  use_wfr_ = true;
  wfr_comm_interval_ = 1.0;
  wfr_tol_ = 0.0001;
  wfr_max_iterations_ = 15;
  wfr_interpolation_order_ = 3;
  sp_update_interval_ = 1000;
  rng_buffsize_ = 131072;
  communicate_allgather_ = true;
  send_buffer_size_ = receive_buffer_size_ = 1;
  sp_synapses_ = std::make_shared<Dict>();
  local_spike_counter_ = 0;
  time_simulate_ = time_prepare_ = time_create_ = time_connect_ = 0;
  rng_seeds_.clear();
  for (int v = 0; v < n_threads_; ++v) rng_seeds_.push_back(v + 1);
  grng_seed_ = 0;
  init_threads();
}

void Kernel::init_threads() {
  threads_.clear();
  threads_.resize(n_threads_);
  for (auto& td : threads_) {
    td.blocks.resize(groups_.size());
    td.resize_syn(syn_models_.size());
  }
  reseed();
}

uint64_t Kernel::rng_seed_material(const Value& v) {
  const DictPtr* dp = std::get_if<DictPtr>(&v.v);
  int64_t seed = 0;
  if (!dp || !read(**dp, "seed", seed)) type_mismatch("rngtype", v);
  return uint64_t(seed);
}

void Kernel::reseed() {
  for (int t = 0; t < n_threads_; ++t) threads_[t].rng.seed_with(uint64_t(rng_seeds_[t]));
  grng_.seed_with(uint64_t(grng_seed_) ^ 0x5DEECE66Dull);
}

void Kernel::reset_network() {
  if (!simulated_) return;
  for (auto& td : threads_) {
    for (size_t gi = 0; gi < td.blocks.size(); ++gi) {
      auto& b = td.blocks[gi];
      if (!b) continue;
      const NodeBlock& proto = *models_[b->model_id].proto;
      for (size_t i = 0; i < b->size(); ++i) b->reset_state(i, proto);
      b->clear_buffers();
    }
    std::fill(td.ring.begin(), td.ring.end(), 0.0);
    for (auto& q : td.precise) q.clear();
    td.regs[0].clear();
    td.regs[1].clear();
    for (auto& vs : td.vts) vs.pending.clear();  // queued neuromodulatory spikes are dropped too
  }
}

// ----------------------------------------------------------------- models

void Kernel::register_node_model(const std::string& name, std::unique_ptr<NodeBlock> proto) {
  const int id = int(models_.size());
  if (proto) proto->model_id = id;
  models_.push_back({name, name, std::move(proto), false});
  model_index_[name] = id;
}

void Kernel::register_synapse_model(const std::string& name, bool hom_w) {
  const int id = int(syn_models_.size());
  SynModel m;
  m.name = m.type_id = name;
  m.hom_w = hom_w;
  syn_models_.push_back(m);
  syn_index_[name] = id;
  for (auto& td : threads_) td.resize_syn(syn_models_.size());
}

void Kernel::register_synapse_model(const std::string& name, std::unique_ptr<PlasticModel> model) {
  register_synapse_model(name, false);
  SynModel& m = syn_models_.back();
  m.weight = model->defaults[0];
  m.plastic = std::move(model);
}

bool Kernel::has_model(const std::string& name) const {
  return model_index_.count(name) || syn_index_.count(name);
}

int Kernel::model_id(const std::string& name) const {
  auto it = model_index_.find(name);
  if (it == model_index_.end()) throw UnknownModelName(name);
  return it->second;
}

int Kernel::synapse_id(const std::string& name) const {
  auto it = syn_index_.find(name);
  if (it == syn_index_.end()) throw UnknownSynapseType(name);
  return it->second;
}

std::vector<std::string> Kernel::node_model_names() const {
  std::vector<std::string> r;
  for (auto& m : models_) r.push_back(m.name);
  return r;
}

std::string Kernel::model_help(const std::string& name) const {
  auto sit = syn_index_.find(name);
  if (sit != syn_index_.end()) {
    if (syn_models_[sit->second].plastic) return syn_models_[sit->second].plastic->help(name);
    if (syn_models_[sit->second].hom_w)
      return "Name: static_synapse_hom_w - Synapse with fixed delay and one weight shared by all connections.\n"
             "Description: the weight is a common property, set with SetDefaults or CopyModel.\n"
             "Parameters: weight (1.0), delay (ms, 1.0).";
    return "Name: static_synapse - Synapse with fixed weight and delay.\n"
           "Parameters: weight (1.0), delay (ms, 1.0), receptor_type (0).";
  }
  const NodeModel& m = models_[model_id(name)];
  if (!m.proto)
    return "Name: subnet - Container node of the network tree.\n"
           "Parameters: label (string), customdict (dict); number_of_children (read-only).";
  return m.proto->help();
}

std::vector<std::string> Kernel::synapse_model_names() const {
  std::vector<std::string> r;
  for (auto& m : syn_models_) r.push_back(m.name);
  return r;
}

static void rethrow_with_prefix(const KernelError& e, const std::string& prefix) {
  if (e.name() == "BadProperty" || e.name() == "BadParameter") throw KernelError(e.name(), prefix + e.message());
  throw e;
}

DictPtr Kernel::get_defaults(const std::string& model) const {
  auto d = std::make_shared<Dict>();
  auto sit = syn_index_.find(model);
  if (sit != syn_index_.end()) {
    const SynModel& m = syn_models_[sit->second];
    d->set("weight", m.weight);
    d->set("delay", m.delay);
    d->set("has_delay", true);
    int64_t n = 0;
    for (auto& td : threads_)
      for (auto& st : td.stores[sit->second]) n += int64_t(st.size());
    for (auto& td : threads_)
      for (auto& a : td.aux) n += a.syn == sit->second;
    for (auto& td : threads_) n += int64_t(td.pstores[sit->second].size());
    d->set("num_connections", n);
    d->set("receptor_type", int64_t(0));
    d->set("requires_symmetric", false);
    d->set("sizeof", int64_t(12));
    d->set("synapse_model", m.name);
    d->set("weight_recorder", int64_t(-1));
    d->set("type_id", m.type_id);
    if (m.plastic) {
      const PlasticModel& pm = *m.plastic;
      pm.get_common(*d);
      pm.get_conn(pm.defaults.data(), *d);
      d->set("weight_recorder", pm.weight_recorder);
      d->set("sizeof", int64_t(16 + 8 * pm.stride()));
    }
    return d;
  }
  const int id = model_id(model);
  const NodeModel& m = models_[id];
  if (!m.proto) {  // subnet
    d->set("customdict", std::make_shared<Dict>());
    d->set("label", std::string(""));
    d->set("number_of_children", int64_t(0));
    d->set("element_type", std::string("structure"));
    d->set("frozen", true);
  } else {
    m.proto->get_status(0, *d);
    d->set("element_type", std::string(element_type_name(m.proto->element_type())));
    d->set("frozen", false);
    auto rec = m.proto->recordables();
    if (!rec.empty()) {
      List l;
      for (auto& r : rec) l.push_back(r);
      d->set("recordables", l);
    }
  }
  int64_t inst = 0;
  for (auto& g : groups_)
    if (g.model == id) inst += g.n;
  d->set("model", m.name);
  d->set("type_id", m.type_id);
  d->set("global_id", int64_t(0));
  d->set("vp", int64_t(-1));
  d->set("thread_local_id", int64_t(-1));
  d->set("thread", int64_t(0));
  d->set("local", true);
  d->set("instantiations", inst);
  d->set("elementsize", int64_t(64));
  d->set("supports_precise_spikes", m.proto && m.proto->precise_output());
  d->set("node_uses_wfr", false);
  return d;
}

void Kernel::set_defaults(const std::string& model, const Dict& d) {
  auto sit = syn_index_.find(model);
  if (sit != syn_index_.end()) {
    if (syn_models_[sit->second].plastic) {
      set_plastic_defaults(sit->second, d);
      return;
    }
    SynModel& m = syn_models_[sit->second];
    double w = m.weight, dl = m.delay;
    read(d, "weight", w);
    if (read(d, "delay", dl)) {
      const int64_t s = tb_.delay_steps(dl);
      check_delay(s, dl);
    }
    m.weight = w;
    m.delay = dl;
    if (dict_miss_is_error_) d.check_all_accessed();
    return;
  }
  const int id = model_id(model);
  NodeModel& m = models_[id];
  if (!m.proto) {
    if (dict_miss_is_error_) d.check_all_accessed();
    return;
  }
  auto copy = m.proto->make_empty();
  copy->model_id = id;
  copy->append_copies(*m.proto, 0, 1);
  try {
    copy->set_status(0, d);
  } catch (const KernelError& e) {
    rethrow_with_prefix(e, "Setting status of model '" + model + "': ");
  }
  bool fr;
  if (read(d, "frozen", fr)) {}
  if (dict_miss_is_error_) d.check_all_accessed();
  m.proto = std::move(copy);
  defaults_modified_ = true;
}

void Kernel::copy_model(const std::string& old_name, const std::string& new_name, const Dict& d) {
  if (has_model(new_name))
    throw KernelError("NewModelNameExists", "/" + new_name + " is the name of an existing model and cannot be re-used.");
  auto sit = syn_index_.find(old_name);
  if (sit != syn_index_.end()) {
    if (syn_models_.size() >= 512) throw KernelException("Synapse model count exceeded");
    SynModel m = syn_models_[sit->second];
    m.name = new_name;
    m.user = true;
    if (m.plastic) m.plastic = m.plastic->clone();
    syn_models_.push_back(m);
    syn_index_[new_name] = int(syn_models_.size()) - 1;
    for (auto& td : threads_) td.resize_syn(syn_models_.size());
    try {
      set_defaults(new_name, d);
    } catch (...) {
      syn_index_.erase(new_name);
      syn_models_.pop_back();
      for (auto& td : threads_) td.resize_syn(syn_models_.size());
      throw;
    }
    return;
  }
  const int id = model_id(old_name);
  const NodeModel& om = models_[id];
  NodeModel nm;
  nm.name = new_name;
  nm.type_id = om.type_id;
  nm.user = true;
  const int nid = int(models_.size());
  if (om.proto) {
    nm.proto = om.proto->make_empty();
    nm.proto->append_copies(*om.proto, 0, 1);
    nm.proto->model_id = nid;
    try {
      nm.proto->set_status(0, d);
    } catch (const KernelError& e) {
      rethrow_with_prefix(e, "Setting status of model '" + new_name + "': ");
    }
  }
  if (dict_miss_is_error_) d.check_all_accessed();
  models_.push_back(std::move(nm));
  model_index_[new_name] = nid;
}

// ----------------------------------------------------------------- nodes

size_t Kernel::group_index(int64_t gid) const {
  auto it = std::upper_bound(groups_.begin(), groups_.end(), gid,
                             [](int64_t g, const Group& gr) { return g < gr.first; });
  return size_t(it - groups_.begin()) - 1;
}

size_t Kernel::block_local_index(const Group& g, int t, int64_t gid) const {
  if (g.replicated) return size_t(gid - g.first);
  const int64_t nvp = num_vps();
  const int64_t first_t = g.first + (((t - g.first) % nvp) + nvp) % nvp;
  return size_t((gid - first_t) / nvp);
}

NodeRef Kernel::node(int64_t gid) const {
  if (!node_exists(gid)) throw UnknownNode(gid);
  const size_t gi = group_index(gid);
  const Group& g = groups_[gi];
  NodeRef r{&g, gi, nullptr, 0, 0};
  if (g.subnet) return r;
  r.thread = g.replicated ? 0 : thread_of_vp(vp_of(gid));
  r.block = threads_[r.thread].blocks[gi].get();
  r.idx = block_local_index(g, r.thread, gid);
  return r;
}

std::vector<NodeBlock*> Kernel::replicas(int64_t gid) const {
  NodeRef r = node(gid);
  std::vector<NodeBlock*> v;
  if (r.g->subnet) return v;
  if (!r.g->replicated) {
    v.push_back(r.block);
    return v;
  }
  for (auto& td : threads_) v.push_back(td.blocks[r.gi].get());
  return v;
}

int64_t Kernel::create(const std::string& model, int64_t n, const Dict* params) {
  if (n <= 0) throw KernelError("RangeCheck", "");
  if (n > int64_t(UINT32_MAX) - next_gid_) throw KernelException("Too many nodes: GIDs are limited to 2^32.");
  const double t0 = now_s();
  const int id = model_id(model);
  const NodeModel& m = models_[id];
  const int64_t first = next_gid_;
  std::unique_ptr<NodeBlock> tmp;
  const NodeBlock* proto = m.proto.get();
  bool frozen = false;
  if (params && m.proto) {
    tmp = m.proto->make_empty();
    tmp->model_id = id;
    tmp->append_copies(*m.proto, 0, 1);
    try {
      tmp->set_status(0, *params);
    } catch (const KernelError& e) {
      rethrow_with_prefix(e, "Setting status of a '" + model + "' with GID " + std::to_string(first) + ": ");
    }
    read(*params, "frozen", frozen);
    if (frozen && !tmp->can_freeze()) throw BadProperty(model + " cannot be frozen.");
    if (dict_miss_is_error_) params->check_all_accessed();
    proto = tmp.get();
  } else if (params) {
    std::string label;
    read(*params, "label", label);
    if (dict_miss_is_error_) params->check_all_accessed();
  }
  Group g{first, n, id, true, m.proto == nullptr, cwn_};
  if (m.proto) g.replicated = m.proto->replicated();
  groups_.push_back(g);
  const size_t gi = groups_.size() - 1;
  for (int t = 0; t < n_threads_; ++t) {
    ThreadData& td = threads_[t];
    td.blocks.resize(groups_.size());
    if (!m.proto) continue;
    auto b = m.proto->make_empty();
    b->model_id = id;
    b->thread = t;
    if (g.replicated) {
      for (int64_t i = 0; i < n; ++i) b->gids.push_back(first + i);
    } else {
      for (int64_t gid = first; gid < first + n; ++gid)
        if (thread_of_vp(vp_of(gid)) == t) b->gids.push_back(gid);
    }
    b->append_copies(*proto, 0, b->gids.size());
    b->frozen.assign(b->gids.size(), frozen ? 1 : 0);
    b->any_frozen = frozen && !b->gids.empty();
    b->chan_base = td.nch;
    td.nch += b->gids.size() * size_t(b->channels_per_node());
    td.blocks[gi] = std::move(b);
  }
  if (g.subnet)
    for (int64_t i = 0; i < n; ++i) subnets_[first + i] = SubnetInfo();
  SubnetInfo& parent = subnets_[cwn_];
  parent.children.push_back({first, n});
  parent.nchildren += n;
  if (m.proto && m.proto->precise_output()) off_grid_spiking_ = true;
  next_gid_ += n;
  time_create_ += now_s() - t0;
  return first;
}

void Kernel::rollback_create(int64_t first) {
  if (groups_.empty() || groups_.back().first != first) return;
  const Group g = groups_.back();
  for (auto& td : threads_) {
    if (td.blocks.back()) td.nch -= td.blocks.back()->gids.size() * size_t(td.blocks.back()->channels_per_node());
    td.blocks.pop_back();
  }
  if (g.subnet)
    for (int64_t i = 0; i < g.n; ++i) subnets_.erase(first + i);
  SubnetInfo& parent = subnets_[g.parent];
  parent.children.pop_back();
  parent.nchildren -= g.n;
  groups_.pop_back();
  next_gid_ = first;
}

bool Kernel::is_subnet(int64_t gid) const { return subnets_.count(gid) != 0; }

static int64_t local_id_in_parent(const SubnetInfo& p, int64_t gid) {
  int64_t base = 0;
  for (auto& r : p.children) {
    if (gid >= r.first && gid < r.first + r.second) return base + (gid - r.first) + 1;
    base += r.second;
  }
  return 0;
}

DictPtr Kernel::node_status(int64_t gid, const std::string* only) const {
  NodeRef r = node(gid);
  auto d = std::make_shared<Dict>();
  d->only = only;
  const std::string& mname = models_[r.g->model].name;
  if (r.g->subnet) {
    const SubnetInfo& s = subnets_.at(gid);
    d->set("label", s.label);
    d->set("customdict", s.customdict ? s.customdict : std::make_shared<Dict>());
    d->set("number_of_children", s.nchildren);
    d->set("element_type", std::string("structure"));
    d->set("frozen", true);
    d->set("thread", int64_t(0));
    d->set("vp", int64_t(vp_of(gid)));
  } else {
    if (r.g->replicated) r.block->get_status_replicated(r.idx, replicas(gid), *d);
    else r.block->get_status(r.idx, *d);
    d->set("element_type", std::string(element_type_name(r.block->element_type())));
    d->set("frozen", bool(r.block->frozen[r.idx]));
    d->set("thread", int64_t(r.thread));
    d->set("vp", int64_t(r.g->replicated ? r.thread : vp_of(gid)));
    auto rec = (only && *only != "recordables") ? std::vector<std::string>{} : r.block->recordables();
    if (!rec.empty()) {
      List l;
      for (auto& x : rec) l.push_back(x);
      d->set("recordables", l);
    }
    int64_t tl = -1;
    if (simulated_ || prepared_) {
      tl = 0;
      const ThreadData& td = threads_[r.thread];
      for (size_t gi = 0; gi < r.gi; ++gi)
        if (td.blocks[gi]) tl += int64_t(td.blocks[gi]->size());
      tl += int64_t(r.idx);
    }
    d->set("thread_local_id", tl);
  }
  d->set("global_id", gid);
  d->set("model", mname);
  d->set("local", true);
  d->set("supports_precise_spikes", r.block && r.block->precise_output());
  d->set("node_uses_wfr", false);
  if (gid != 0) {
    d->set("parent", r.g->parent);
    if (!only || *only == "local_id") d->set("local_id", local_id_in_parent(subnets_.at(r.g->parent), gid));
  }
  d->only = nullptr;
  return d;
}

void Kernel::set_node_status(int64_t gid, const Dict& d) {
  NodeRef r = node(gid);
  if (r.g->subnet) {
    SubnetInfo& s = subnets_[gid];
    std::string label;
    DictPtr cd;
    bool fr;
    if (read(d, "label", label)) s.label = label;
    if (read_dict(d, "customdict", cd)) s.customdict = cd;
    read(d, "frozen", fr);
    if (dict_miss_is_error_) d.check_all_accessed();
    return;
  }
  const std::string& mname = models_[r.g->model].name;
  bool fr;
  const bool has_frozen = read(d, "frozen", fr);
  if (has_frozen && fr && !r.block->can_freeze())
    throw BadProperty("Setting status of a '" + mname + "' with GID " + std::to_string(gid) + ": " + mname +
                      " cannot be frozen.");
  for (NodeBlock* b : replicas(gid)) {
    const size_t idx = r.g->replicated ? r.idx : r.idx;
    try {
      b->set_status(idx, d);
    } catch (const KernelError& e) {
      rethrow_with_prefix(e, "Setting status of a '" + mname + "' with GID " + std::to_string(gid) + ": ");
    }
    if (has_frozen) {
      b->frozen[idx] = fr;
      b->any_frozen = std::any_of(b->frozen.begin(), b->frozen.end(), [](char c) { return c != 0; });
    }
  }
  if (dict_miss_is_error_) d.check_all_accessed();
}

void Kernel::change_subnet(int64_t gid) {
  if (!node_exists(gid)) throw UnknownNode(gid);
  if (!is_subnet(gid)) throw KernelError("SubnetExpected", "");
  cwn_ = gid;
}

std::vector<int64_t> Kernel::children(int64_t gid) const {
  if (!node_exists(gid)) throw UnknownNode(gid);
  auto it = subnets_.find(gid);
  if (it == subnets_.end()) throw KernelError("SubnetExpected", "");
  std::vector<int64_t> r;
  for (auto& c : it->second.children)
    for (int64_t i = 0; i < c.second; ++i) r.push_back(c.first + i);
  return r;
}

std::vector<int64_t> Kernel::descendants(int64_t gid, bool leaves_only) const {
  std::vector<int64_t> r;
  for (int64_t c : children(gid)) {
    const bool sub = is_subnet(c);
    if (!sub || !leaves_only) r.push_back(c);
    if (sub) {
      auto sub_r = descendants(c, leaves_only);
      r.insert(r.end(), sub_r.begin(), sub_r.end());
    }
  }
  std::sort(r.begin(), r.end());
  return r;
}

std::string Kernel::print_network(int64_t gid, int64_t depth) const {
  // dimensions of a subnet: its number of children, followed by the common dimensions of its
  // children if they are all subnets of equal shape (as LayoutNetwork builds them)
  std::function<std::vector<int64_t>(int64_t)> dims = [&](int64_t g) {
    std::vector<int64_t> d{subnets_.at(g).nchildren};
    auto ch = children(g);
    if (ch.empty() || !std::all_of(ch.begin(), ch.end(), [&](int64_t c) { return is_subnet(c); })) return d;
    auto first = dims(ch[0]);
    for (int64_t c : ch)
      if (dims(c) != first) return d;
    d.insert(d.end(), first.begin(), first.end());
    return d;
  };
  auto dim_str = [&](int64_t g) {
    std::string r = " dim=[";
    auto d = dims(g);
    for (size_t i = 0; i < d.size(); ++i) r += (i ? " " : "") + std::to_string(d[i]);
    return r + "]";
  };
  std::string out;
  std::function<void(int64_t, int64_t, const std::string&)> rec = [&](int64_t g, int64_t lvl, const std::string& ind) {
    const SubnetInfo& s = subnets_.at(g);
    const std::string name = !s.label.empty() ? s.label : (g == 0 ? "root" : "subnet");
    const int64_t lid = g == 0 ? 0 : local_id_in_parent(subnets_.at(groups_[group_index(g)].parent), g);
    out += "+-[" + std::to_string(lid) + "] " + name + dim_str(g) + "\n";
    if (lvl + 1 > depth) return;
    auto ch = children(g);
    if (ch.empty()) return;
    out += ind + "   |\n";
    size_t i = 0;
    while (i < ch.size()) {
      const bool last_item = [&] {
        if (is_subnet(ch[i])) return i + 1 == ch.size();
        size_t j = i;
        const int mdl = groups_[group_index(ch[i])].model;
        while (j + 1 < ch.size() && !is_subnet(ch[j + 1]) && groups_[group_index(ch[j + 1])].model == mdl) ++j;
        return j + 1 == ch.size();
      }();
      const std::string cind = ind + (last_item ? "      " : "   |  ");
      if (is_subnet(ch[i])) {
        out += ind + "   ";
        rec(ch[i], lvl + 1, cind);
        ++i;
        continue;
      }
      size_t j = i;
      const int mdl = groups_[group_index(ch[i])].model;
      while (j + 1 < ch.size() && !is_subnet(ch[j + 1]) && groups_[group_index(ch[j + 1])].model == mdl) ++j;
      const std::string& mn = models_[mdl].name;
      if (j == i) out += ind + "   +-[" + std::to_string(i + 1) + "] " + mn + "\n";
      else out += ind + "   +-[" + std::to_string(i + 1) + "]...[" + std::to_string(j + 1) + "] " + mn + "\n";
      i = j + 1;
    }
  };
  if (!node_exists(gid)) throw UnknownNode(gid);
  if (!is_subnet(gid)) {
    NodeRef r = node(gid);
    return "+-[" + std::to_string(local_id_in_parent(subnets_.at(r.g->parent), gid)) + "] " +
           models_[r.g->model].name + "\n";
  }
  rec(gid, 1, "");
  return out;
}

// ----------------------------------------------------------------- delays

int64_t Kernel::min_delay_steps() const {
  if (sim_min_ > 0) return sim_min_;
  if (user_delays_) return user_min_;
  return min_delay_ == INT64_MAX ? 1 : min_delay_;
}

int64_t Kernel::max_delay_steps() const {
  if (sim_max_ > 0) return sim_max_;
  if (user_delays_) return user_max_;
  return max_delay_ == 0 ? 1 : max_delay_;
}

void Kernel::check_delay(int64_t steps, double ms) {
  const bool bad = !std::isfinite(ms) || steps < 1 || (simulated_ && (steps < sim_min_ || steps > sim_max_)) ||
                   (user_delays_ && (steps < user_min_ || steps > user_max_));
  if (!bad) return;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", ms);
  const std::string pre = std::string("Delay value ") + buf + " is invalid: ";
  if (!std::isfinite(ms) || steps < 1) throw BadDelay(pre + "Delay must be greater than or equal to resolution");
  if (simulated_ && (steps < sim_min_ || steps > sim_max_))
    throw BadDelay(pre + "Minimum and maximum delay cannot be changed after Simulate has been called.");
  if (steps < user_min_)
    throw BadDelay(pre + "Delay must be greater than or equal to min_delay. You may set min_delay before creating "
                         "connections.");
  throw BadDelay(pre + "Delay must be smaller than or equal to max_delay. You may set max_delay before creating "
                       "connections.");
}

// ----------------------------------------------------------------- kernel status

DictPtr Kernel::get_status() const {
  auto d = std::make_shared<Dict>();
  d->set("resolution", h());
  d->set("tics_per_ms", tb_.tics_per_ms);
  d->set("tics_per_step", tb_.tics_per_step);
  d->set("ms_per_tic", 1.0 / tb_.tics_per_ms);
  const double tmax = double(tb_.tmax_tics()) / tb_.tics_per_ms;
  d->set("T_max", tmax);
  d->set("T_min", -tmax);
  d->set("biological_time", tb_.ms(clock_));
  d->set("time", tb_.ms(clock_));
  d->set("to_do", to_do_);
  d->set("print_time", print_time_);
  d->set("local_num_threads", int64_t(n_threads_));
  d->set("total_num_virtual_procs", int64_t(num_vps()));
  d->set("num_processes", int64_t(comm_->num_processes()));
  d->set("rng_seeds", rng_seeds_);
  d->set("grng_seed", grng_seed_);
  d->set("min_delay", tb_.ms(min_delay_steps()));
  d->set("max_delay", tb_.ms(max_delay_steps()));
  d->set("num_connections", num_connections());
  d->set("network_size", next_gid_);
  d->set("data_path", data_path_);
  d->set("data_prefix", data_prefix_);
  d->set("overwrite_files", overwrite_files_);
  d->set("dict_miss_is_error", dict_miss_is_error_);
  d->set("off_grid_spiking", off_grid_spiking_);
  d->set("keep_source_table", keep_source_table_);
  d->set("sort_connections_by_source", sort_connections_by_source_);
  d->set("adaptive_spike_buffers", adaptive_spike_buffers_);
  d->set("adaptive_target_buffers", adaptive_target_buffers_);
  d->set("buffer_size_spike_data", buffer_size_spike_data_);
  d->set("buffer_size_target_data", buffer_size_target_data_);
  d->set("max_buffer_size_spike_data", max_buffer_size_spike_data_);
  d->set("max_buffer_size_target_data", max_buffer_size_target_data_);
  d->set("growth_factor_buffer_spike_data", growth_factor_spike_);
  d->set("growth_factor_buffer_target_data", growth_factor_target_);
  d->set("buffer_size_secondary_events", int64_t(0));
  d->set("max_num_syn_models", int64_t(512));
  d->set("use_wfr", use_wfr_);
  d->set("wfr_comm_interval", wfr_comm_interval_);
  d->set("wfr_tol", wfr_tol_);
  d->set("wfr_max_iterations", wfr_max_iterations_);
  d->set("wfr_interpolation_order", wfr_interpolation_order_);
  d->set("structural_plasticity_synapses", sp_synapses_);
  d->set("structural_plasticity_update_interval", sp_update_interval_);
  d->set("local_spike_counter", local_spike_counter_);
  d->set("time_simulate", time_simulate_);
  d->set("time_communicate_prepare", time_prepare_);
  d->set("time_construction_create", time_create_);
  d->set("time_construction_connect", time_connect_);
  d->set("rng_buffsize", rng_buffsize_);
  d->set("communicate_allgather", communicate_allgather_);
  d->set("send_buffer_size", send_buffer_size_);
  d->set("receive_buffer_size", receive_buffer_size_);
  return d;
}

void Kernel::set_threads(int64_t n) {
  if (n < 1) throw BadProperty("Number of threads must be a positive integer.");
  // the OpenMP runtime aborts the process when it cannot start a thread: stay far from that
  if (n > 256) throw BadProperty("Number of threads must not exceed 256.");
  if (n == n_threads_) return;
  auto refuse = [](const std::string& why) { throw KernelError(why, ""); };
  if (next_gid_ > 1) refuse("Nodes exist: Thread/process number cannot be changed.");
  if (models_.size() > n_builtin_models_) refuse("Custom neuron models exist: Thread/process number cannot be changed.");
  if (syn_models_.size() > n_builtin_syns_)
    refuse("Custom synapse types exist: Thread/process number cannot be changed.");
  if (user_delays_) refuse("Delay extrema have been set: Thread/process number cannot be changed.");
  if (simulated_) refuse("Simulation has been run: Thread/process number cannot be changed.");
  if (tb_.tics_per_step != 100 || tb_.tics_per_ms != 1000.0)
    refuse("Resolution has been set: Thread/process number cannot be changed.");
  if (defaults_modified_) refuse("Model defaults have been modified: Thread/process number cannot be changed.");
  n_threads_ = int(n);
  rng_seeds_.clear();
  for (int v = 0; v < num_vps(); ++v) rng_seeds_.push_back(v + 1);
  init_threads();
}

void Kernel::set_status(const Dict& d) {
  // threads / virtual processes
  int64_t nt;
  if (read(d, "local_num_threads", nt)) set_threads(nt);
  int64_t nvp;
  if (read(d, "total_num_virtual_procs", nvp)) {
    if (nvp % comm_->num_processes() != 0)
      throw BadProperty("Number of virtual processes (threads*processes) must be an integer multiple of the number of processes.");
    set_threads(nvp / comm_->num_processes());
  }
  // random numbers. `rngs` / `grng` replace the generators by given ones. The kernel's streams
  // are its own xoshiro256** generators, so a given generator arrives as seed material drawn
  // from it (a dict {"seed": int}, see rng_seed_material) and the stream restarts from that.
  if (const Value* v = d.lookup("rngs")) {
    const ListPtr* lp = std::get_if<ListPtr>(&v->v);
    if (!lp) type_mismatch("arraytype", *v);
    if (int64_t((*lp)->size()) != num_vps())
      throw DimensionMismatch("Number of RNGs must equal number of virtual processes (threads*processes). "
                              "RNGs not changed.");
    std::vector<uint64_t> material;
    for (const Value& e : **lp) material.push_back(rng_seed_material(e));
    for (int t = 0; t < n_threads_; ++t)
      threads_[t].rng.seed_with(material[size_t(t * comm_->num_processes() + comm_->rank())]);
  }
  if (const Value* v = d.lookup("grng")) grng_.seed_with(rng_seed_material(*v));
  IntVec seeds;
  if (read(d, "rng_seeds", seeds)) {
    if (int64_t(seeds.size()) != num_vps())
      throw DimensionMismatch("Number of seeds must equal number of virtual processes.");
    for (auto s : seeds)
      if (s < 0) throw BadProperty("Seeds must be non-negative.");
    rng_seeds_ = seeds;
    reseed();
  }
  int64_t gs;
  if (read(d, "grng_seed", gs)) {
    if (gs < 0) throw BadProperty("Seed must be non-negative.");
    grng_seed_ = gs;
    reseed();
  }
  // time representation
  double res = 0, tpm = 0;
  const bool has_res = read(d, "resolution", res);
  const bool has_tpm = read(d, "tics_per_ms", tpm);
  if (has_tpm && !has_res)
    throw KernelException("change of tics_per_step requires simultaneous specification of resolution.");
  if (has_res) {
    if (next_gid_ > 1 || num_connections() > 0 || simulated_)
      throw KernelException(
          "Cannot change time representation after nodes have been created. Please call ResetKernel first.");
    const double tpms = has_tpm ? tpm : tb_.tics_per_ms;
    if (!(tpms > 0)) throw BadProperty("tics_per_ms must be positive.");
    const double tics = res * tpms;
    if (!(res > 0) || tics < 1.0 - 1e-9)
      throw BadProperty("Resolution must be greater than or equal to one tic. Value unchanged.");
    if (std::fabs(tics - std::round(tics)) > 1e-6 * tics)
      throw BadProperty("Resolution must be a multiple of the tic length. Value unchanged.");
    tb_.tics_per_ms = tpms;
    tb_.tics_per_step = std::llround(tics);
  }
  double t;
  bool has_t = read(d, "biological_time", t);
  if (!has_t) has_t = read(d, "time", t);
  if (has_t) {
    if (t != 0.0) throw BadProperty("The simulation time can only be set to 0.0.");
    if (clock_ != 0 || slice_pos_ != 0) {
      clock_ = slice_pos_ = 0;
      for (auto& td : threads_) {
        std::fill(td.ring.begin(), td.ring.end(), 0.0);
        for (auto& q : td.precise) q.clear();
        td.regs[0].clear();
        td.regs[1].clear();
      }
    }
  }
  bool b;
  if (read(d, "print_time", b)) print_time_ = b;
  // delays
  double mind = 0, maxd = 0;
  const bool hmin = read(d, "min_delay", mind), hmax = read(d, "max_delay", maxd);
  if (hmin != hmax) throw BadProperty("Both min_delay and max_delay have to be specified");
  if (hmin) {
    if (num_connections() > 0) throw BadProperty("Connections already exist. Please call ResetKernel first");
    const int64_t smin = std::llround(std::floor(mind * tb_.tics_per_ms + 1e-9)) / tb_.tics_per_step;
    const int64_t ptics = std::llround(std::ceil(maxd * tb_.tics_per_ms - 1e-9));
    const int64_t smax = (ptics + tb_.tics_per_step - 1) / tb_.tics_per_step;
    if (smin < 1) throw BadDelay("min_delay must be greater than or equal to resolution.");
    if (smax < smin) throw BadDelay("max_delay must be greater than or equal to min_delay.");
    user_delays_ = true;
    user_min_ = smin;
    user_max_ = smax;
  }
  std::string s;
  int64_t iv0;
  if (read(d, "data_path", s)) {
    struct stat sb;
    if (s.empty() || (::stat(s.c_str(), &sb) == 0 && S_ISDIR(sb.st_mode))) data_path_ = s;
    else std::fprintf(stderr, "SetKernelStatus [Error]: Variable data_path not set: Directory '%s' does not exist.\n", s.c_str());
  }
  if (read(d, "data_prefix", s)) {
    if (s.find('/') == std::string::npos) data_prefix_ = s;
    else std::fprintf(stderr, "SetKernelStatus [Error]: Invalid value for data_prefix: must not contain '/'.\n");
  }
  // NEST 2.6 keys (seed era): accepted and reported, no effect on a single process
  if (read(d, "rng_buffsize", iv0)) {
    if (iv0 < 1) throw BadProperty("rng_buffsize must be >= 1.");
    rng_buffsize_ = iv0;
  }
  if (read(d, "communicate_allgather", b)) communicate_allgather_ = b;
  if (read(d, "send_buffer_size", iv0)) {
    if (iv0 < 1) throw BadProperty("send_buffer_size must be >= 1.");
    send_buffer_size_ = iv0;
  }
  if (read(d, "receive_buffer_size", iv0)) {
    if (iv0 < 1) throw BadProperty("receive_buffer_size must be >= 1.");
    receive_buffer_size_ = iv0;
  }
  if (read(d, "overwrite_files", b)) overwrite_files_ = b;
  if (read(d, "dict_miss_is_error", b)) dict_miss_is_error_ = b;
  if (read(d, "off_grid_spiking", b)) off_grid_spiking_ = b;
  if (read(d, "keep_source_table", b)) keep_source_table_ = b;
  if (read(d, "sort_connections_by_source", b)) sort_connections_by_source_ = b;
  if (read(d, "adaptive_spike_buffers", b)) adaptive_spike_buffers_ = b;
  if (read(d, "adaptive_target_buffers", b)) adaptive_target_buffers_ = b;
  int64_t iv;
  if (read(d, "max_buffer_size_spike_data", iv)) max_buffer_size_spike_data_ = iv;
  if (read(d, "max_buffer_size_target_data", iv)) max_buffer_size_target_data_ = iv;
  if (read(d, "buffer_size_spike_data", iv)) {
    if (iv >= max_buffer_size_spike_data_) throw BadProperty("buffer_size_spike_data must be smaller than max_buffer_size_spike_data");
    buffer_size_spike_data_ = iv;
  }
  if (read(d, "buffer_size_target_data", iv)) {
    if (iv >= max_buffer_size_target_data_) throw BadProperty("buffer_size_target_data must be smaller than max_buffer_size_target_data");
    buffer_size_target_data_ = iv;
  }
  double dv;
  if (read(d, "growth_factor_buffer_spike_data", dv)) growth_factor_spike_ = dv;
  if (read(d, "growth_factor_buffer_target_data", dv)) growth_factor_target_ = dv;
  if (read(d, "use_wfr", b)) {
    if (next_gid_ > 1) throw KernelException("Cannot enable/disable usage of waveform relaxation after nodes have been created. Please call ResetKernel first.");
    use_wfr_ = b;
  }
  if (read(d, "wfr_comm_interval", dv)) {
    if (dv < h()) throw BadProperty("wfr_comm_interval must be greater than or equal to resolution.");
    wfr_comm_interval_ = dv;
  }
  if (read(d, "wfr_tol", dv)) {
    if (dv < 0) throw BadProperty("wfr_tol must be >= 0.");
    wfr_tol_ = dv;
  }
  if (read(d, "wfr_max_iterations", iv)) {
    if (iv <= 0) throw BadProperty("wfr_max_iterations must be > 0.");
    wfr_max_iterations_ = iv;
  }
  if (read(d, "wfr_interpolation_order", iv)) {
    if (iv != 0 && iv != 1 && iv != 3) throw BadProperty("wfr_interpolation_order must be 0, 1, or 3.");
    wfr_interpolation_order_ = iv;
  }
  DictPtr dp;
  if (read_dict(d, "structural_plasticity_synapses", dp)) sp_synapses_ = dp;
  if (read(d, "structural_plasticity_update_interval", iv)) sp_update_interval_ = iv;
  // root subnet keys
  if (read(d, "label", s)) subnets_[0].label = s;
  if (read_dict(d, "customdict", dp)) subnets_[0].customdict = dp;
  if (read(d, "frozen", b)) {}
  if (dict_miss_is_error_) d.check_all_accessed();
}

// ----------------------------------------------------------------- simulation

void Kernel::finalize_connections() {
  const int nt = n_threads_;
#ifdef NK_WITH_OPENMP
#pragma omp parallel for num_threads(nt) schedule(static, 1)
#endif
  for (int t = 0; t < nt; ++t) {
    ThreadData& td = threads_[t];
    for (auto& ss : td.stores)
      for (auto& st : ss) st.finalize();
    for (auto& ps : td.pstores) ps.finalize();
    td.parch.resize(td.ptargets.size());
    for (size_t k = 0; k < td.ptargets.size(); ++k) td.parch[k] = td.ptargets[k].first->archive(td.ptargets[k].second);
  }
  collect_volume_transmitters();
}

int Kernel::vt_slot(int64_t gid) const {
  for (size_t v = 0; v < vt_gids_.size(); ++v)
    if (vt_gids_[v] == gid) return int(v);
  return -1;
}

void Kernel::collect_volume_transmitters() {
  vt_gids_.clear();
  vt_interval_.clear();
  for (size_t gi = 0; gi < groups_.size(); ++gi) {
    const Group& g = groups_[gi];
    if (g.subnet || models_[g.model].type_id != "volume_transmitter") continue;
    const auto* b = static_cast<const VolumeTransmitter*>(threads_[0].blocks[gi].get());
    for (int64_t k = 0; k < g.n; ++k) {
      vt_gids_.push_back(g.first + k);
      vt_interval_.push_back(b->deliver_interval_[size_t(k)]);
    }
  }
  vt_inputs_.clear();
  for (auto& td : threads_) td.vts.resize(vt_gids_.size());  // gids only grow: slots stay put
  if (vt_gids_.empty()) return;
  vt_inputs_.resize(size_t(next_gid_));
  for (auto& td : threads_)
    for (auto& ss : td.stores) {
      const ConnStore& st = ss[K_DEVICE];
      for (uint64_t src = 0; src < st.nrows(); ++src) {
        uint64_t b = st.row[src];
        for (uint64_t g = st.segrow[src]; g < st.segrow[src + 1]; ++g) {
          for (uint64_t c = b; c < st.segs[g].end; ++c) {
            const DevTarget& dt = td.devtargets[st.channel(c)];
            if (models_[dt.block->model_id].type_id != "volume_transmitter") continue;
            const int slot = vt_slot(dt.block->gids[dt.idx]);
            vt_inputs_[src].push_back({uint32_t(slot), st.segs[g].delay});
          }
          b = st.segs[g].end;
        }
      }
    }
}

// Per thread at the end of a slice, before the synapses see its spikes (reference order): the
// spikes that arrived at each transmitter during the slice join its list; at a delivery time
// the neuromodulated connections of this thread are brought up to date and the list restarts.
__attribute__((noinline)) void Kernel::volume_transmitters(int t, int64_t T, const std::vector<SpikeRecord>& spikes) {
  ThreadData& td = threads_[t];
  const int64_t end = T + dmin_run_;
  for (size_t v = 0; v < vt_gids_.size(); ++v) {
    ThreadData::VtState& vs = td.vts[v];
    if (!vs.pending.empty()) {
      std::stable_sort(vs.pending.begin(), vs.pending.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      size_t k = 0;
      for (; k < vs.pending.size() && vs.pending[k].first <= end; ++k) {
        const double tk = tb_.ms(vs.pending[k].first);
        if (vs.list.size() > 1 && vs.list.back().t == tk) vs.list.back().mult += vs.pending[k].second;
        else vs.list.push_back({tk, vs.pending[k].second});
      }
      vs.pending.erase(vs.pending.begin(), vs.pending.begin() + long(k));
    }
    if (end % (vt_interval_[v] * dmin_run_) == 0) {
      const double t_trig = tb_.ms(end);
      for (size_t syn = 0; syn < syn_models_.size(); ++syn) {
        PlasticModel* pm = syn_models_[syn].plastic.get();
        if (pm && pm->neuromodulated() && pm->volume_transmitter() == vt_gids_[v] && td.pstores[syn].size())
          pm->trigger(td.pstores[syn], t_trig, tb_.h(), td.parch.data(), vs.list);
      }
      vs.list.assign(1, {t_trig, 0.0});
    }
  }
  for (const SpikeRecord& sp : spikes) {
    if (sp.gid >= vt_inputs_.size()) continue;
    for (const auto& in : vt_inputs_[sp.gid])
      td.vts[in.first].pending.push_back({T + sp.lag + 1 + in.second, double(sp.mult)});
  }
}

void Kernel::set_plastic_defaults(int syn, const Dict& d) {
  SynModel& m = syn_models_[syn];
  std::unique_ptr<PlasticModel> pm = m.plastic->clone();
  double dl = m.delay;
  if (read(d, "delay", dl)) check_delay(tb_.delay_steps(dl), dl);
  pm->set_common(d);
  pm->set_conn(pm->defaults.data(), d);
  int64_t wr = pm->weight_recorder;
  if (read(d, "weight_recorder", wr) && wr != -1) {
    if (!node_exists(wr) || is_subnet(wr) || models_[node(wr).block->model_id].type_id != "weight_recorder")
      throw BadProperty("weight_recorder must be the GID of a weight_recorder.");
  }
  pm->weight_recorder = wr;
  if (pm->neuromodulated() && d.known("vt")) {
    const int64_t vt = pm->volume_transmitter();
    if (vt != -1 && (!node_exists(vt) || is_subnet(vt) || models_[node(vt).block->model_id].type_id != "volume_transmitter"))
      throw BadProperty("Dopamine source must be volume transmitter");
  }
  pm->validate(pm->defaults.data());
  if (dict_miss_is_error_) d.check_all_accessed();
  m.delay = dl;
  m.weight = pm->defaults[0];
  m.plastic = std::move(pm);
}

WeightSink Kernel::weight_sink(int t, int64_t gid) const {
  WeightSink ws;
  if (gid < 0 || !node_exists(gid)) return ws;
  const size_t gi = group_index(gid);
  const Group& g = groups_[gi];
  if (g.subnet) return ws;
  ws.block = threads_[t].blocks[gi].get();
  ws.idx = block_local_index(g, t, gid);
  return ws;
}

void Kernel::ensure_ring_buffers() {
  for (auto& td : threads_) {
    // the slot count changes only before the first run or after the clock was reset: nothing queued
    if (td.precise.size() != size_t(n_slots_)) td.precise.assign(size_t(n_slots_), {});
    const size_t need = size_t(n_slots_) * td.nch;
    if (td.ring.size() == need) continue;
    std::vector<double> nr(need, 0.0);
    if (!td.ring.empty()) {  // nodes were added: keep queued input of the existing channels
      const size_t old_nch = td.ring.size() / size_t(n_slots_);
      for (int64_t s = 0; s < n_slots_ && old_nch <= td.nch; ++s)
        std::copy(td.ring.begin() + s * old_nch, td.ring.begin() + (s + 1) * old_nch, nr.begin() + s * td.nch);
    }
    td.ring.swap(nr);
  }
}

void Kernel::prepare() {
  if (inconsistent_)
    throw KernelException("Kernel is in inconsistent state after an earlier error. Please run ResetKernel first.");
  if (prepared_) throw KernelException("Prepare called twice.");
  const double t0 = now_s();
  if (!simulated_) {
    sim_min_ = 0;
    sim_max_ = 0;
    int64_t mn = min_delay_steps(), mx = max_delay_steps();
    comm_->reduce_delay_extrema(mn, mx);
    dmin_run_ = mn;
    n_slots_ = mn + mx;
    sim_min_ = mn;
    sim_max_ = mx;
    for (auto& td : threads_) td.ring.clear();
  }
  ensure_ring_buffers();
  finalize_connections();
  for (auto& td : threads_)
    for (auto& b : td.blocks)
      if (b) b->calibrate();
  prepared_ = true;
  local_spike_counter_ = 0;
  time_prepare_ = now_s() - t0;
}

void Kernel::cleanup() {
  if (!prepared_) throw KernelException("Cleanup called without calling Prepare.");
  prepared_ = false;
}

void Kernel::simulate(double ms) {
  prepare();
  try {
    run(ms);
  } catch (...) {
    prepared_ = false;
    throw;
  }
  cleanup();
}

void Kernel::run(double ms) {
  if (!prepared_) throw KernelException("Run called without calling Prepare.");
  if (!std::isfinite(ms)) throw BadParameter("The simulation time must be finite.");
  if (ms < 0) throw BadParameter("The simulation time cannot be negative.");
  if (ms * tb_.tics_per_ms > double(tb_.tmax_tics())) throw KernelException("Simulation time exceeds T_max.");
  if (!tb_.on_grid(ms)) throw BadParameter("The simulation time must be a multiple of the simulation resolution.");
  const int64_t steps = tb_.steps(ms);
  if (clock_ + steps > tb_.tmax_tics() / tb_.tics_per_step) throw KernelException("Simulation time exceeds T_max.");
  if (steps == 0) return;
  const double t0 = now_s();
  to_do_ = steps;
  print_total_ = steps;
  print_done_ = 0;
  // new nodes created after an earlier run need buffer space and calibration
  ensure_ring_buffers();
  interrupted_ = false;
  // Ctrl-C and errors stop every thread after the barrier of the same loop iteration: the
  // iteration is recorded, not a flag. (A flag raced: a slow thread could read it right after
  // the previous barrier, leave one iteration early and strand the others in the barrier.)
  constexpr int64_t never = std::numeric_limits<int64_t>::max();
  std::atomic<int64_t> stop_after{never};
  std::atomic<int64_t> failed_after{never};
  double last_check = t0;
  std::exception_ptr err;
  std::mutex err_m;
  Barrier barrier(n_threads_);
  const int64_t T0 = clock_ - slice_pos_, pos0 = slice_pos_, todo0 = to_do_;
  int64_t T_end = T0, pos_end = pos0;
  // One barrier per slice: spike registers are double-buffered, so after the barrier every
  // thread reads all registers of this slice while the next slice writes the other buffer.
  // (A multi-process communicator needs one exchange per process: a second barrier then.)
  const int toggle0 = reg_toggle_;
  int toggle_end = toggle0;
  auto body = [&](int t) {
    ThreadData& td = threads_[t];
    int64_t T = T0, pos = pos0, todo = todo0;
    int cur = toggle0;
    const int64_t D = dmin_run_;
    int64_t iteration = 0;
    // a failure before the barrier takes effect after it; one after it, after the next one
    auto fail = [&](int64_t after_iteration) {
      std::lock_guard<std::mutex> lk(err_m);
      if (!err) err = std::current_exception();
      if (after_iteration < failed_after) failed_after = after_iteration;
    };
    std::vector<const std::vector<SpikeRecord>*> regs(threads_.size());
    for (; todo > 0; ++iteration) {
      const int from = int(pos);
      const int to = int(std::min<int64_t>(D, pos + todo));
      try {
        if (from == 0 && T > 0)
          for (auto& b : td.blocks)
            if (b && b->is_multimeter()) b->collect(T);
        if (inject_thread_ == t) {
          inject_thread_ = -1;
          throw KernelError(inject_name_, inject_message_);
        }
        UpdateCtx c{t, T, from, to, td.ring.data(), td.nch, n_slots_, &td.regs[cur], &td.rng};
        c.precise = td.precise.data();
        for (auto& b : td.blocks)
          if (b && b->size()) b->update(c);
        for (int lag = from; lag < to; ++lag) td.precise[size_t((T + lag) % n_slots_)].clear();
      } catch (...) {
        fail(iteration);
      }
      if (t == 0 && interrupt_hook_) {
        const double now = now_s();
        if (now - last_check > 0.05) {
          last_check = now;
          try {
            if (interrupt_hook_()) stop_after = iteration;
          } catch (...) {
            fail(iteration);
          }
        }
      }
      barrier.wait();
      if (failed_after <= iteration) break;
      todo -= (to - from);
      if (to == D) {
        try {
          for (size_t k = 0; k < threads_.size(); ++k) regs[k] = &threads_[k].regs[cur];
          comm_->exchange_spikes(regs, td.incoming);
          // a fixed delivery order makes the ring-buffer sums independent of the thread count
          std::sort(td.incoming.begin(), td.incoming.end(), [](const SpikeRecord& a, const SpikeRecord& b) {
            return a.lag != b.lag ? a.lag < b.lag : a.gid < b.gid;
          });
          if (t == 0) {
            local_spike_counter_ += int64_t(td.incoming.size());
            if (print_time_) {
              print_done_ = todo0 - todo;
              std::printf("\r%3d %%: network time: %.1f ms, realtime factor: %.4f",
                          int(100.0 * print_done_ / print_total_), tb_.ms(T + D),
                          (tb_.ms(print_done_) / 1000.0) / std::max(1e-9, now_s() - t0));
              std::fflush(stdout);
            }
          }
          deliver(t, T, td.incoming);
        } catch (...) {
          fail(iteration + 1);
        }
        cur ^= 1;
        td.regs[cur].clear();  // everybody finished reading it before this slice's barrier
        T += D;
        pos = 0;
      } else {
        pos = to;
      }
      if (stop_after <= iteration) break;  // set before this iteration's barrier: all stop here
    }
    if (t == 0) {
      T_end = T;
      pos_end = pos;
      toggle_end = cur;
    }
  };
  if (n_threads_ == 1) {
    body(0);
  } else {
#ifdef NK_WITH_OPENMP
    std::atomic<int> started{0};
#pragma omp parallel num_threads(n_threads_)
    {
      const int t = omp_get_thread_num();
      if (omp_get_num_threads() == n_threads_) {
        started++;
        body(t);
      }
    }
    if (started != n_threads_) throw KernelException("Could not start the requested number of threads.");
#else
    std::vector<std::thread> pool;
    for (int t = 1; t < n_threads_; ++t) pool.emplace_back(body, t);
    body(0);
    for (auto& th : pool) th.join();
#endif
  }
  if (print_time_) {
    std::printf("\n");
    std::fflush(stdout);
  }
  if (err) {
    inconsistent_ = true;
    to_do_ = 0;
    std::rethrow_exception(err);
  }
  interrupted_ = stop_after != never;
  clock_ = T_end + pos_end;
  slice_pos_ = pos_end;
  reg_toggle_ = toggle_end;
  to_do_ = 0;
  simulated_ = true;
  for (auto& td : threads_)
    for (auto& b : td.blocks)
      if (b) b->post_run();
  time_simulate_ = now_s() - t0;
}

namespace {
// Views of a store's synapses: plain (channel array + weight array) or packed (one word each).
struct PlainView {
  const uint32_t* t;
  const double* w;
  uint32_t ch(uint64_t c) const { return t[c]; }
  double wt(uint64_t c) const { return w[c]; }
};
struct PackedView {
  const uint32_t* t;
  const double* tab;
  uint32_t ch(uint64_t c) const { return t[c] & ConnStore::CH_MASK; }
  double wt(uint64_t c) const { return tab[t[c] >> ConnStore::CH_BITS]; }
};
// Call f with the right view of the store (the hot loops are compiled once per view).
template <class F>
inline void with_view(const ConnStore& st, F&& f) {
  if (st.packed) f(PackedView{st.tgt.data(), st.wtab.data()});
  else f(PlainView{st.tgt.data(), st.w.data()});
}
}  // namespace

void Kernel::deliver(int t, int64_t T, const std::vector<SpikeRecord>& spikes) {
  if (__builtin_expect(!vt_gids_.empty(), 0)) volume_transmitters(t, T, spikes);
  if (spikes.empty()) return;
  ThreadData& td = threads_[t];
  double* const ring = td.ring.data();
  const size_t nch = td.nch;
  const int64_t ns = n_slots_;
  for (size_t syn = 0; syn < td.stores.size(); ++syn) {
    if (syn_models_[syn].plastic) {
      deliver_plastic(t, T, spikes, syn);
      continue;
    }
    auto& ss = td.stores[syn];
    const bool hom = syn_models_[syn].hom_w;
    const double hw = syn_models_[syn].weight;
    for (int k = 0; k < N_KINDS; ++k) {
      const ConnStore& st = ss[k];
      if (st.tgt.empty()) continue;
      const uint64_t nrows = st.nrows();
      const uint64_t* row = st.row.data();
      const uint64_t* segrow = st.segrow.data();
      const DelaySeg* segs = st.segs.data();
      with_view(st, [&](const auto v) {
        for (const SpikeRecord& sp : spikes) {
          if (sp.gid >= nrows) continue;
          uint64_t b = row[sp.gid];
          if (b == row[sp.gid + 1]) continue;
          const int64_t s_emit = T + sp.lag;
          const double mult = sp.mult;
          for (uint64_t g = segrow[sp.gid]; g < segrow[sp.gid + 1]; ++g) {
            const uint64_t e = segs[g].end;
            const int64_t arrival = s_emit + segs[g].delay;
            if (k == K_DEVICE) {
              const int64_t port0 = td.device_port_base(syn);
              for (uint64_t c = b; c < e; ++c) {
                const DevTarget& dt = td.devtargets[v.ch(c)];
                dt.block->handle_recorded_spike(dt.idx, port0 + int64_t(c), long(dt.port), int64_t(sp.gid),
                                                s_emit + 1, sp.offset, sp.mult, hom ? hw : v.wt(c));
              }
            } else if (k == K_PRECISE) {
              auto& q = td.precise[size_t(arrival % ns)];
              for (uint64_t c = b; c < e; ++c) q.push_back({v.ch(c), sp.mult, sp.offset, hom ? hw : v.wt(c)});
            } else {
              double* r = ring + size_t(arrival % ns) * nch;
              if (k == K_COUNT) {
                for (uint64_t c = b; c < e; ++c) r[v.ch(c)] += mult;
              } else if (hom) {
                const double x = hw * mult;
                for (uint64_t c = b; c < e; ++c) r[v.ch(c)] += x;
              } else if (sp.mult == 1) {
                for (uint64_t c = b; c < e; ++c) r[v.ch(c)] += v.wt(c);
              } else {
                for (uint64_t c = b; c < e; ++c) r[v.ch(c)] += v.wt(c) * mult;
              }
            }
            b = e;
          }
        }
      });
    }
  }
}

// kept out of line so that it cannot change the code of the static loops in deliver()
__attribute__((noinline)) void Kernel::deliver_plastic(int t, int64_t T, const std::vector<SpikeRecord>& spikes, size_t syn) {
  ThreadData& td = threads_[t];
  PlasticStore& st = td.pstores[syn];
  if (st.size() == 0) return;
  PlasticModel& pm = *syn_models_[syn].plastic;
  DeliverArgs a{};
  a.h = tb_.h();
  a.ring = td.ring.data();
  a.nch = td.nch;
  a.n_slots = n_slots_;
  a.parch = td.parch.data();
  a.ptargets = td.ptargets.data();
  a.rng = &td.rng;
  a.wr = weight_sink(t, pm.weight_recorder);
  if (pm.neuromodulated()) {
    const int slot = vt_slot(pm.volume_transmitter());
    if (slot < 0) return;
    a.dopa = &td.vts[size_t(slot)].list;
  }
  const uint64_t nrows = st.nrows();
  for (const SpikeRecord& sp : spikes) {
    if (sp.gid >= nrows) continue;
    const uint64_t b = st.row[sp.gid], e = st.row[sp.gid + 1];
    if (b == e) continue;
    a.s_emit = T + sp.lag;
    a.t = tb_.ms(a.s_emit + 1);
    a.mult = sp.mult;
    a.source = uint32_t(sp.gid);
    pm.deliver(st, b, e, a);
  }
}

void Kernel::send_local(UpdateCtx& cx, int64_t gid, int lag, long mult, double factor, double offset) {
  ThreadData& td = threads_[cx.thread];
  const int64_t s_emit = cx.T + lag;
  for (size_t syn = 0; syn < td.stores.size(); ++syn) {
    auto& ss = td.stores[syn];
    const bool hom = syn_models_[syn].hom_w;
    const double hw = syn_models_[syn].weight;
    for (int k = 0; k < N_KINDS; ++k) {
      const ConnStore& st = ss[k];
      if (uint64_t(gid) >= st.nrows()) continue;
      uint64_t b = st.row[gid];
      for (uint64_t g = st.segrow[gid]; g < st.segrow[gid + 1]; ++g) {
        const uint64_t e = st.segs[g].end;
        double* r = cx.row(s_emit + st.segs[g].delay);
        for (uint64_t c = b; c < e; ++c) {
          const double w = hom ? hw : st.weight(c);
          if (k == K_DEVICE) {
            const DevTarget& dt = td.devtargets[st.channel(c)];
            dt.block->handle_recorded_spike(dt.idx, td.device_port_base(syn) + int64_t(c), long(dt.port), gid,
                                            s_emit + 1, offset, mult, w * factor);
          } else if (k == K_PRECISE) {
            cx.precise[size_t((s_emit + st.segs[g].delay) % cx.n_slots)].push_back(
                {st.channel(c), int32_t(mult), offset, w * factor});
          } else if (k == K_COUNT) {
            r[st.channel(c)] += double(mult);
          } else {
            r[st.channel(c)] += w * factor * double(mult);
          }
        }
        b = e;
      }
    }
  }
}

void Kernel::send_to(UpdateCtx& cx, int64_t gid, int lag, double offset, int kind, uint32_t channel,
                     int32_t delay, double weight) {
  const int64_t s_emit = cx.T + lag;
  if (kind == K_DEVICE) {
    // the caller names the connection by its channel: its port is that of the first recorder
    // connection of `gid` with this channel (rare path: precise generators sending to recorders)
    const ThreadData& td = threads_[cx.thread];
    int64_t port = -1;
    for (size_t syn = 0; syn < td.stores.size() && port < 0; ++syn) {
      const ConnStore& st = td.stores[syn][K_DEVICE];
      if (uint64_t(gid) >= st.nrows()) continue;
      for (uint64_t c = st.row[gid]; c < st.row[gid + 1]; ++c)
        if (st.channel(c) == channel) {
          port = td.device_port_base(syn) + int64_t(c);
          break;
        }
    }
    const DevTarget& dt = td.devtargets[channel];
    dt.block->handle_recorded_spike(dt.idx, port, long(dt.port), gid, s_emit + 1, offset, 1, weight);
  } else if (kind == K_PRECISE) {
    cx.precise[size_t((s_emit + delay) % cx.n_slots)].push_back({channel, 1, offset, weight});
  } else {
    cx.row(s_emit + delay)[channel] += kind == K_COUNT ? 1.0 : weight;
  }
}

void Kernel::send_poisson(UpdateCtx& cx, int64_t gid, int lag, const PoissonTable& pt) {
  ThreadData& td = threads_[cx.thread];
  const int64_t s_emit = cx.T + lag;
  Rng& rng = *cx.rng;
  for (size_t syn = 0; syn < td.stores.size(); ++syn) {
    auto& ss = td.stores[syn];
    const bool hom = syn_models_[syn].hom_w;
    const double hw = syn_models_[syn].weight;
    for (int k = 0; k < N_KINDS; ++k) {
      const ConnStore& st = ss[k];
      if (uint64_t(gid) >= st.nrows()) continue;
      uint64_t b = st.row[gid];
      with_view(st, [&](const auto v) {
        for (uint64_t g = st.segrow[gid]; g < st.segrow[gid + 1]; ++g) {
          const uint64_t e = st.segs[g].end;
          double* r = cx.row(s_emit + st.segs[g].delay);
          if (k == K_WEIGHTED && !hom) {
            for (uint64_t c = b; c < e; ++c) r[v.ch(c)] += v.wt(c) * double(pt.draw(rng));  // branch-free
          } else {
            for (uint64_t c = b; c < e; ++c) {
              const long n = pt.draw(rng);
              if (!n) continue;
              if (k == K_DEVICE) {
                const DevTarget& dt = td.devtargets[v.ch(c)];
                dt.block->handle_recorded_spike(dt.idx, td.device_port_base(syn) + int64_t(c), long(dt.port), gid,
                                                s_emit + 1, 0.0, n, hom ? hw : v.wt(c));
              } else if (k == K_PRECISE) {
                cx.precise[size_t((s_emit + st.segs[g].delay) % cx.n_slots)].push_back(
                    {v.ch(c), int32_t(n), 0.0, hom ? hw : v.wt(c)});
              } else if (k == K_COUNT) {
                r[v.ch(c)] += double(n);
              } else {
                r[v.ch(c)] += hw * double(n);
              }
            }
          }
          b = e;
        }
      });
    }
  }
}

size_t Kernel::local_targets(int thread, int64_t gid) const {
  size_t n = 0;
  for (const auto& ss : threads_[thread].stores)
    for (const ConnStore& st : ss)
      if (uint64_t(gid) < st.nrows()) n += st.row[gid + 1] - st.row[gid];
  return n;
}

int64_t Kernel::num_connections() const {
  int64_t n = 0;
  for (auto& td : threads_) {
    for (auto& ss : td.stores)
      for (auto& st : ss) n += int64_t(st.size());
    for (auto& ps : td.pstores) n += int64_t(ps.size());
    n += int64_t(td.aux.size());
  }
  return comm_->sum(n);
}

}  // namespace nk
