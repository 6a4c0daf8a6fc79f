// Connect / GetConnections / connection status / Disconnect (spec §8).
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <set>
#include <unordered_set>

#include "core/kernel.h"
#include "models/multimeter.h"

#ifdef NK_WITH_OPENMP
#include <omp.h>
#endif

namespace nk {

namespace {

// A syn_spec value: scalar, one value per connection, or a random deviate.
struct ConnParam {
  enum Kind { none, scalar, array, random } kind = none;
  double value = 0.0;
  bool is_int = false;
  DoubleVec arr;
  std::string dist;
  double mu = 0, sigma = 1, low = 0, high = 1, lambda = 1, order = 1, scale = 1, p = 0.5;
  int64_t n = 1, ilow = 0, ihigh = 0;
  int clip = 0;  // 0 none, 1 redraw, 2 clip to boundary
  bool discrete = false;

  static ConnParam parse(const Value& v, const std::string& name) {
    ConnParam c;
    if (auto x = std::get_if<double>(&v.v)) { c.kind = scalar; c.value = *x; return c; }
    if (auto x = std::get_if<int64_t>(&v.v)) { c.kind = scalar; c.value = double(*x); c.is_int = true; return c; }
    if (auto x = std::get_if<DoubleVec>(&v.v)) { c.kind = array; c.arr = *x; return c; }
    if (auto x = std::get_if<IntVec>(&v.v)) {
      c.kind = array;
      c.is_int = true;
      for (auto e : *x) c.arr.push_back(double(e));
      return c;
    }
    if (auto x = std::get_if<ListPtr>(&v.v)) {
      c.kind = array;
      for (auto& e : **x) c.arr.push_back(as_number(e, name));
      return c;
    }
    if (auto x = std::get_if<DictPtr>(&v.v)) {
      const Dict& d = **x;
      c.kind = random;
      if (!read(d, "distribution", c.dist))
        throw BadProperty("Random distribution spec must contain distribution name.");
      std::string base = c.dist;
      auto ends = [&](const std::string& suf) {
        if (base.size() > suf.size() && base.compare(base.size() - suf.size(), suf.size(), suf) == 0) {
          base = base.substr(0, base.size() - suf.size());
          return true;
        }
        return false;
      };
      if (ends("_clipped_to_boundary")) c.clip = 2;
      else if (ends("_clipped")) c.clip = 1;
      auto num = [&](const char* key, double& out) {
        const Value* vv = d.lookup(key);
        if (vv) out = as_number(*vv, key);
      };
      auto inum = [&](const char* key, int64_t& out) { read(d, key, out); };
      if (base == "normal" || base == "lognormal") {
        num("mu", c.mu);
        num("sigma", c.sigma);
        if (c.sigma < 0) throw BadProperty("Normal distribution requires sigma >= 0.");
      } else if (base == "uniform") {
        num("low", c.low);
        num("high", c.high);
        if (!(c.low < c.high)) throw BadProperty("uniform RDV: low < high required.");
      } else if (base == "uniform_int") {
        c.discrete = true;
        inum("low", c.ilow);
        inum("high", c.ihigh);
        if (c.ilow > c.ihigh) throw BadProperty("uniform_int RDV: low <= high required.");
      } else if (base == "exponential") {
        num("lambda", c.lambda);
        if (c.lambda == 0) throw BadProperty("Exponential distribution requires lambda != 0.");
      } else if (base == "gamma") {
        num("order", c.order);
        num("scale", c.scale);
        if (c.order <= 0 || c.scale <= 0) throw BadProperty("Gamma distribution requires order > 0 and scale > 0.");
      } else if (base == "binomial") {
        c.discrete = true;
        num("p", c.p);
        inum("n", c.n);
        if (c.p < 0 || c.p > 1 || c.n < 1) throw BadProperty("Binomial distribution requires 0 <= p <= 1 and n >= 1.");
      } else if (base == "poisson") {
        c.discrete = true;
        c.lambda = 0.0;
        num("lambda", c.lambda);
        if (c.lambda < 0) throw BadProperty("Poisson distribution requires lambda >= 0.");
      } else {
        throw BadProperty("Unknown random deviate: " + c.dist);
      }
      if (c.clip && base != "uniform" && base != "uniform_int") {
        c.low = -HUGE_VAL;
        c.high = HUGE_VAL;
        num("low", c.low);
        num("high", c.high);
      }
      c.dist = base;
      d.check_all_accessed(name + "::");
      return c;
    }
    throw BadProperty(std::string("Cannot handle parameter type. Received ") + v.type_name());
  }

  double draw(Rng& r) const {
    if (dist == "normal") return mu + sigma * r.normal();
    if (dist == "lognormal") return std::exp(mu + sigma * r.normal());
    if (dist == "uniform") return low + (high - low) * r.drand();
    if (dist == "uniform_int") return double(ilow + int64_t(r.ulrand(uint64_t(ihigh - ilow + 1))));
    if (dist == "exponential") return r.exponential() / lambda;
    if (dist == "gamma") return r.gamma(order) * scale;
    if (dist == "binomial") return double(r.binomial(long(n), p));
    if (dist == "poisson") return double(r.poisson(lambda));
    return 0.0;
  }

  double get(Rng& r, size_t idx) const {
    switch (kind) {
      case scalar: return value;
      case array: return arr[idx];
      case random: {
        double x = draw(r);
        if (clip == 1 && dist != "uniform" && dist != "uniform_int") {
          int guard = 0;
          while (discrete ? (x < low || x > high) : (x <= low || x >= high)) {
            x = draw(r);
            if (++guard > 1000000) throw BadProperty("Clipped distribution: could not draw a value inside the bounds.");
          }
        } else if (clip == 2) {
          x = std::min(std::max(x, low), high);
        }
        return x;
      }
      default: return 0.0;
    }
  }
  void check_size(size_t need, const char* name) const {
    if (kind == array && arr.size() != need)
      throw DimensionMismatch(std::string("Array of ") + name + " values has the wrong length: expected " +
                              std::to_string(need) + ", got " + std::to_string(arr.size()) + ".");
  }
};

}  // namespace

void Kernel::reserve_for_targets(const IntVec& targets, int syn, size_t per_target) {
  // neuron targets only: a rough count per thread avoids repeated regrowth of the staging lists
  if (syn_models_[syn].plastic) return;
  std::vector<size_t> per_thread(n_threads_, 0);
  size_t hint = SIZE_MAX;
  for (auto t : targets) {
    const NodeRef r = node_hint(t, hint);
    if (!r.g->replicated && !r.g->subnet) per_thread[r.thread] += per_target;
  }
  for (int th = 0; th < n_threads_; ++th)
    if (per_thread[th]) threads_[th].stores[syn][K_WEIGHTED].reserve_more(per_thread[th]);
}

int Kernel::storage_thread(const NodeRef& s, const NodeRef& t) const {
  if (!t.g->replicated) return t.thread;
  if (!s.g->replicated && !t.block->gathers_spikes()) return s.thread;
  return 0;
}

NodeRef Kernel::node_hint(int64_t gid, size_t& hint) const {
  if (hint < groups_.size()) {
    const Group& g = groups_[hint];
    if (gid >= g.first && gid < g.first + g.n) {
      NodeRef r{&g, hint, nullptr, 0, 0};
      if (g.subnet) return r;
      r.thread = g.replicated ? 0 : thread_of_vp(vp_of(gid));
      r.block = threads_[r.thread].blocks[hint].get();
      r.idx = block_local_index(g, r.thread, gid);
      return r;
    }
  }
  NodeRef r = node(gid);
  hint = r.gi;
  return r;
}

void Kernel::connect_one(int64_t s, int64_t t, int syn, double w, double delay_ms, long receptor) {
  ConnCtx cx;
  const NodeRef sr = node_hint(s, cx.hint_s), tr = node_hint(t, cx.hint_t);
  check_device_synapse(sr, s, syn);
  connect_resolved(sr, tr, s, t, syn, w, delay_ms, receptor, cx);
  merge_delays(cx);
}

void Kernel::merge_delays(const ConnCtx& cx) {
  min_delay_ = std::min(min_delay_, cx.dmin);
  max_delay_ = std::max(max_delay_, cx.dmax);
}

void Kernel::check_device_synapse(const NodeRef& sr, int64_t s, int syn) {
  if (sr.g->subnet || sr.block->element_type() != ElementType::stimulator) return;
  auto it = device_syn_.find(s);
  if (it == device_syn_.end()) device_syn_.emplace(s, syn);
  else if (it->second != syn)
    throw IllegalConnection("All outgoing connections from a device must use the same synapse type.");
}

int64_t Kernel::plastic_delay(const PlasticModel& pm, double ms, double* conn) {
  const int off = pm.delay_offset_field();
  if (off < 0) {
    const int64_t d = tb_.delay_steps(ms);
    check_delay(d, ms);
    return d;
  }
  const double q = ms / tb_.h();
  double whole;
  const double frac = std::modf(q, &whole);
  if (!std::isfinite(ms) || frac == 0.0) {
    const int64_t d = tb_.delay_steps(ms);
    check_delay(d, ms);
    conn[off] = 0.0;
    return d;
  }
  // between two grid points: both neighbouring step counts must be valid delays
  check_delay(int64_t(whole), ms);
  check_delay(int64_t(whole) + 1, ms);
  conn[off] = tb_.h() * (1.0 - frac);
  return int64_t(whole) + 1;
}

void Kernel::connect_plastic(const NodeRef& sr, const NodeRef& tr, int64_t s, int syn, const double* data,
                             double delay_ms, long receptor, ConnCtx& cx) {
  if (sr.g->subnet || tr.g->subnet) throw IllegalConnection("Subnets cannot be connected.");
  if (sr.g->replicated)
    throw KernelError("UnsupportedEvent", "The current synapse type does not support the event type of the sender.");
  if (tr.g->replicated)
    throw IllegalConnection("Synapses with plasticity (" + syn_models_[syn].name + ") cannot target devices.");
  const PlasticModel& pm = *syn_models_[syn].plastic;
  if (pm.neuromodulated() && pm.volume_transmitter() < 0)
    throw BadProperty("No volume transmitter has been assigned to the dopamine synapse.");
  ThreadData& td = threads_[tr.thread];
  NodeBlock* tb = tr.block;
  std::array<double, 64> x;
  std::copy(data, data + pm.stride(), x.begin());
  data = x.data();
  const int64_t d = plastic_delay(pm, delay_ms, x.data());
  pm.validate(data);
  if (tb->channels_per_node() == 0) throw IllegalConnection("The target " + tb->model_name() + " does not accept input.");
  const int ch = tb->input_channel(tr.idx, EventKind::spike, receptor, data[0]);
  uint32_t chan = uint32_t(tb->channel_index(tr.idx, ch));
  if (tb->counts_multiplicity()) chan |= PlasticStore::COUNT_BIT;
  if (pm.uses_history()) {
    Archiving* a = tb->archive(tr.idx);
    if (!a) throw IllegalConnection("The target " + tb->model_name() + " keeps no spike history for STDP.");
    if (pm.needs_clopath() && !a->clopath)
      throw IllegalConnection("This synapse model is not supported by the neuron model of at least one connection.");
    const double d_ms = tb_.ms(d);
    a->register_stdp(0.0 - d_ms, d_ms);  // the last presynaptic spike time starts at 0
  }
  auto key = std::make_pair(static_cast<const NodeBlock*>(tb), uint32_t(tr.idx));
  auto it = td.ptarget_index.find(key);
  if (it == td.ptarget_index.end()) {
    td.ptargets.push_back({tb, uint32_t(tr.idx)});
    it = td.ptarget_index.emplace(key, uint32_t(td.ptargets.size() - 1)).first;
  }
  PlasticStore& st = td.pstores[syn];
  st.stride = pm.stride();
  st.add(uint32_t(s), chan, it->second, int32_t(d), data);
  if (d < cx.dmin) cx.dmin = d;
  if (d > cx.dmax) cx.dmax = d;
}

void Kernel::connect_resolved(const NodeRef& sr, const NodeRef& tr, int64_t s, int64_t t, int syn, double w,
                              double delay_ms, long receptor, ConnCtx& cx) {
  if (sr.g->subnet || tr.g->subnet) throw IllegalConnection("Subnets cannot be connected.");
  const int st = storage_thread(sr, tr);
  ThreadData& td = threads_[st];
  NodeBlock* sb = sr.g->replicated ? td.blocks[sr.gi].get() : sr.block;
  NodeBlock* tb = tr.g->replicated ? td.blocks[tr.gi].get() : tr.block;
  const size_t tidx = tr.idx;
  const int64_t d = tb_.delay_steps(delay_ms);
  check_delay(d, delay_ms);
  const SynModel& sm = syn_models_[syn];
  if (sm.hom_w) w = sm.weight;
  // the kind of connection depends only on the two blocks: decide once per pair
  ConnDecision& cd = cx.cd;
  if (cd.sb != sb || cd.tb != tb) {
    cd.sb = sb;
    cd.tb = tb;
    cd.kind = -1;
    if (sb->is_multimeter()) {
      cd.kind = K_LOGGER;
    } else {
      if (sb->is_spike_recorder())
        throw KernelError("UnexpectedEvent", "Source node does not send output. Note that detectors need to be "
                                             "connected as Connect(neuron, detector).");
      if (tb->is_multimeter())
        throw IllegalConnection("Multimeters and voltmeters must be connected as Connect(meter, neuron).");
      if (tb->is_spike_recorder()) {
        if (!sb->sends_spikes()) throw IllegalConnection("The source does not emit spikes.");
        cd.kind = K_DEVICE;
      } else if (sb->sends_current() || sb->sends_spikes()) {
        if (tb->channels_per_node() == 0)
          throw IllegalConnection("The target " + tb->model_name() + " does not accept input.");
        cd.ev = sb->sends_current() ? EventKind::current : EventKind::spike;
        cd.kind = (cd.ev == EventKind::spike && tb->precise_input())          ? K_PRECISE
                  : (cd.ev == EventKind::spike && tb->counts_multiplicity()) ? K_COUNT
                                                                             : K_WEIGHTED;
        cd.cpn = size_t(tb->channels_per_node());
      } else {
        throw IllegalConnection("The source " + sb->model_name() + " does not send output.");
      }
    }
  }
  if (cd.kind == K_LOGGER) {
    auto* mm = static_cast<MultimeterBlock*>(sb);
    auto& md = mm->D_[sr.idx];
    LogRequest* L = nullptr;
    for (auto& l : tb->loggers)
      if (l.mm == mm && l.mm_index == sr.idx) L = &l;
    std::vector<int> ids;
    for (auto& name : md.record_from) {
      const int id = tb->recordable_id(name);
      if (id < 0) throw IllegalConnection("Cannot connect with unknown recordable " + name);
      ids.push_back(id);
    }
    if (!L) {
      LogRequest nl;
      nl.mm = mm;
      nl.mm_index = sr.idx;
      nl.rec_ids = ids;
      nl.interval = tb_.steps(md.interval);
      nl.offset = tb_.steps(md.offset);
      tb->loggers.push_back(nl);
      L = &tb->loggers.back();
    }
    L->locals.push_back(uint32_t(tidx));
    L->order.push_back(md.n_targets++);
    L->gids.push_back(t);
    md.connected = true;
    td.aux.push_back({s, t, syn, int32_t(d), w});
  } else if (cd.kind == K_DEVICE) {
    const uint32_t port = uint32_t(tb->recorder_port(tidx, receptor));
    auto key = std::make_pair(static_cast<const NodeBlock*>(tb), (uint64_t(tidx) << 32) | port);
    auto it = td.devtarget_index.find(key);
    if (it == td.devtarget_index.end()) {
      td.devtargets.push_back({tb, uint32_t(tidx), port});
      it = td.devtarget_index.emplace(key, uint32_t(td.devtargets.size() - 1)).first;
    }
    td.stores[syn][K_DEVICE].add(uint32_t(s), it->second, int32_t(d), w);
  } else {
    const int ch = tb->input_channel(tidx, cd.ev, receptor, w);
    td.stores[syn][cd.kind].add(uint32_t(s), uint32_t(tb->channel_index(tidx, ch)), int32_t(d), w);
  }
  if (d < cx.dmin) cx.dmin = d;
  if (d > cx.dmax) cx.dmax = d;
}

void Kernel::connect(const IntVec& sources, const IntVec& targets, const Dict& cs, const Dict& ss) {
  const double t0 = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  std::string rule;
  if (!read(cs, "rule", rule)) throw BadProperty("Connectivity rule must be given.");
  bool autapses = true, multapses = true, symmetric = false;
  read(cs, "autapses", autapses);
  read(cs, "multapses", multapses);
  read(cs, "make_symmetric", symmetric);
  static const std::set<std::string> rules = {"one_to_one", "all_to_all", "fixed_indegree", "fixed_outdegree",
                                              "fixed_total_number", "pairwise_bernoulli",
                                              "symmetric_pairwise_bernoulli"};
  if (!rules.count(rule)) throw BadProperty("Unknown connectivity rule: " + rule);
  int64_t indegree = 0, outdegree = 0, N = 0;
  double p = 0;
  auto need_int = [&](const char* key, int64_t& out) {
    if (!read(cs, key, out)) throw DictError(std::string("Key '/") + key + "' does not exist in dictionary.");
  };
  if (rule == "fixed_indegree") need_int("indegree", indegree);
  if (rule == "fixed_outdegree") need_int("outdegree", outdegree);
  if (rule == "fixed_total_number") need_int("N", N);
  if (rule == "pairwise_bernoulli" || rule == "symmetric_pairwise_bernoulli") {
    const Value* v = cs.lookup("p");
    if (!v) throw DictError("Key '/p' does not exist in dictionary.");
    p = as_number(*v, "p");
  }
  // syn_spec
  std::string model = "static_synapse";
  if (!read(ss, "model", model)) read(ss, "synapse_model", model);
  const int syn = synapse_id(model);
  const SynModel& sm = syn_models_[syn];
  ConnParam pw, pd, pr;
  if (const Value* v = ss.lookup("weight")) {
    if (sm.hom_w)
      throw BadProperty("Weight cannot be specified since it needs to be equal for all connections when " + model +
                        " is used.");
    pw = ConnParam::parse(*v, "weight");
  }
  if (const Value* v = ss.lookup("delay")) pd = ConnParam::parse(*v, "delay");
  if (const Value* v = ss.lookup("receptor_type")) {
    pr = ConnParam::parse(*v, "receptor_type");
    if (pr.kind == ConnParam::scalar && !pr.is_int) type_mismatch("integertype", *v);
  }
  // synapses with state: further per-connection parameters from the model's fields
  const PlasticModel* pm = sm.plastic.get();
  std::vector<std::pair<int, ConnParam>> pextra;
  if (pm) {
    for (auto& key : pm->common_keys())
      if (ss.known(key))
        throw BadProperty(key + " is a common property of " + model +
                          " and cannot be set per connection; use SetDefaults or CopyModel.");
    if (ss.known("weight_recorder"))
      throw BadProperty("weight_recorder is a common property of " + model +
                        " and cannot be set per connection; use SetDefaults or CopyModel.");
    const auto& f = pm->fields();
    for (size_t k = 1; k < f.size(); ++k)
      if (f[k].visible)
        if (const Value* v = ss.lookup(f[k].name)) pextra.push_back({int(k), ConnParam::parse(*v, f[k].name)});
  }
  if (dict_miss_is_error_) {
    cs.check_all_accessed();
    ss.check_all_accessed();
  }
  for (auto g : sources)
    if (!node_exists(g)) throw UnknownNode(g);
  for (auto g : targets)
    if (!node_exists(g)) throw UnknownNode(g);
  if (symmetric && rule != "one_to_one" && rule != "symmetric_pairwise_bernoulli")
    throw KernelError("NotImplemented", "This connection rule does not support symmetric connections.");

  const size_t ns = sources.size(), nt = targets.size();
  // a device's outgoing connections must share one synapse type: checked once per source
  {
    size_t h = SIZE_MAX;
    std::set<int64_t> seen;
    for (auto g : sources) {
      const NodeRef r = node_hint(g, h);
      if (!r.g->subnet && r.g->replicated && seen.insert(g).second) check_device_synapse(r, g, syn);
    }
    if (symmetric)
      for (auto g : targets) {
        const NodeRef r = node_hint(g, h);
        if (!r.g->subnet && r.g->replicated && seen.insert(g).second) check_device_synapse(r, g, syn);
      }
  }
  ConnCtx seq_cx;
  auto make = [&](int64_t s, int64_t t, size_t idx, Rng& rng, ConnCtx& cx) {
    if (pm) {  // draw order per connection: other parameters, delay, weight
      std::array<double, 64> x;
      std::copy(pm->defaults.begin(), pm->defaults.end(), x.begin());
      for (auto& pe : pextra) x[size_t(pe.first)] = pe.second.get(rng, idx);
      const double d = pd.kind == ConnParam::none ? sm.delay : pd.get(rng, idx);
      if (pw.kind != ConnParam::none) x[0] = pw.get(rng, idx);
      const long r = pr.kind == ConnParam::none ? 0 : long(std::llround(pr.get(rng, idx)));
      connect_plastic(node_hint(s, cx.hint_s), node_hint(t, cx.hint_t), s, syn, x.data(), d, r, cx);
      return;
    }
    // draw order per connection: delay, then weight
    const double d = pd.kind == ConnParam::none ? sm.delay : pd.get(rng, idx);
    const double w = pw.kind == ConnParam::none ? sm.weight : pw.get(rng, idx);
    const long r = pr.kind == ConnParam::none ? 0 : long(std::llround(pr.get(rng, idx)));
    connect_resolved(node_hint(s, cx.hint_s), node_hint(t, cx.hint_t), s, t, syn, w, d, r, cx);
  };
  auto rng_for = [&](int64_t t) -> Rng& {
    const NodeRef r = node(t);
    return threads_[r.g->replicated ? 0 : r.thread].rng;
  };
  auto check_arrays = [&](size_t need) {
    for (auto& pe : pextra) pe.second.check_size(need, pm->fields()[size_t(pe.first)].name);
    pw.check_size(need, "weight");
    pd.check_size(need, "delay");
    pr.check_size(need, "receptor_type");
  };
  // Target-driven rules build in parallel when every target is a neuron and no source is a
  // recorder: thread t creates the connections of its own targets with its own RNG stream, in
  // target order, so the result does not depend on the number of OpenMP threads that run.
  bool parallel = n_threads_ > 1;
  if (parallel) {
    size_t h = SIZE_MAX;
    for (auto g : targets) {
      const NodeRef r = node_hint(g, h);
      if (r.g->subnet || r.g->replicated) { parallel = false; break; }
    }
    for (size_t i = 0; parallel && i < ns; ++i) {
      const NodeRef r = node_hint(sources[i], h);
      if (r.g->subnet || (r.g->replicated && r.block->element_type() == ElementType::recorder)) parallel = false;
    }
  }
  // body(th, ctx) does thread th's share of the work with its own context; in sequential mode it
  // runs once as body(-1, ctx) and does all of it.
  auto run_threads = [&](auto&& body) {
    if (!parallel) {
      body(-1, seq_cx);
      return;
    }
    std::vector<ConnCtx> ctxs(n_threads_);
    std::vector<std::exception_ptr> errs(n_threads_);
    const int nth = n_threads_;
#ifdef NK_WITH_OPENMP
#pragma omp parallel num_threads(nth)
#endif
    {
#ifdef NK_WITH_OPENMP
      const int tid = omp_get_thread_num(), team = omp_get_num_threads();
#else
      const int tid = 0, team = 1;
#endif
      for (int th = tid; th < nth; th += team) {
        try {
          body(th, ctxs[th]);
        } catch (...) {
          errs[th] = std::current_exception();
        }
      }
    }
    for (auto& c : ctxs) merge_delays(c);
    for (auto& e : errs)
      if (e) std::rethrow_exception(e);
  };
  auto for_each_target = [&](auto&& per_target) {  // per_target(ti, rng, ctx)
    run_threads([&](int th, ConnCtx& cx) {
      if (th < 0) {
        for (size_t ti = 0; ti < nt; ++ti) per_target(ti, rng_for(targets[ti]), cx);
        return;
      }
      size_t h = SIZE_MAX;
      for (size_t ti = 0; ti < nt; ++ti) {
        const NodeRef r = node_hint(targets[ti], h);
        if (r.thread == th) per_target(ti, threads_[th].rng, cx);
      }
    });
  };

  if (rule == "one_to_one") {
    if (ns != nt) throw DimensionMismatch("Source and Target population must be of the same size.");
    check_arrays(ns);
    if (symmetric) parallel = false;
    for_each_target([&](size_t i, Rng& rng, ConnCtx& cx) {
      if (!autapses && sources[i] == targets[i]) return;
      make(sources[i], targets[i], i, rng, cx);
      if (symmetric) make(targets[i], sources[i], i, rng_for(sources[i]), cx);
    });
  } else if (rule == "all_to_all") {
    check_arrays(ns * nt);
    reserve_for_targets(targets, syn, ns);
    for_each_target([&](size_t ti, Rng& rng, ConnCtx& cx) {
      for (size_t si = 0; si < ns; ++si) {
        if (!autapses && sources[si] == targets[ti]) continue;
        make(sources[si], targets[ti], ti * ns + si, rng, cx);
      }
    });
  } else if (rule == "fixed_indegree") {
    if (ns == 0) throw BadProperty("Source array must not be empty.");
    if (indegree < 0) throw BadProperty("Indegree cannot be less than zero.");
    if (!multapses && size_t(indegree) > ns) throw BadProperty("Indegree cannot be larger than population size.");
    check_arrays(nt * size_t(indegree));
    reserve_for_targets(targets, syn, size_t(indegree));
    if (!multapses && !autapses && size_t(indegree) == ns) {
      // every target would need all sources including itself: no connections (as the reference)
    } else {
      for_each_target([&](size_t ti, Rng& rng, ConnCtx& cx) {
        const int64_t t = targets[ti];
        std::unordered_set<int64_t> used;
        for (int64_t k = 0; k < indegree; ++k) {
          int64_t s;
          for (;;) {
            s = sources[rng.ulrand(ns)];
            if (!autapses && s == t) continue;
            if (!multapses && used.count(s)) continue;
            break;
          }
          if (!multapses) used.insert(s);
          make(s, t, ti * size_t(indegree) + size_t(k), rng, cx);
        }
      });
    }
  } else if (rule == "fixed_outdegree") {
    if (nt == 0) throw BadProperty("Target array must not be empty.");
    if (outdegree < 0) throw BadProperty("Outdegree cannot be less than zero.");
    if (!multapses && size_t(outdegree) > nt) throw BadProperty("Outdegree cannot be larger than population size.");
    check_arrays(ns * size_t(outdegree));
    if (!(!multapses && !autapses && size_t(outdegree) == nt)) {
      // Every thread replays the global generator from the same state, so all draw the same
      // target lists (as every rank would); each connects the targets living on it, drawing
      // synapse parameters from its own stream in (source, draw) order.
      const Rng grng_start = grng_;
      int64_t tmin = targets[0], tmax = targets[0];
      for (auto t : targets) {
        tmin = std::min(tmin, t);
        tmax = std::max(tmax, t);
      }
      run_threads([&](int th, ConnCtx& cx) {
        Rng g = grng_start;
        std::vector<char> used(multapses ? 0 : size_t(tmax - tmin + 1), 0);
        std::vector<int64_t> tg(static_cast<size_t>(outdegree));
        for (size_t si = 0; si < ns; ++si) {
          const int64_t s = sources[si];
          for (int64_t k = 0; k < outdegree; ++k) {
            int64_t t;
            for (;;) {
              t = targets[g.ulrand(nt)];
              if (!autapses && s == t) continue;
              if (!multapses && used[size_t(t - tmin)]) continue;
              break;
            }
            if (!multapses) used[size_t(t - tmin)] = 1;
            tg[size_t(k)] = t;
          }
          if (!multapses)
            for (auto t : tg) used[size_t(t - tmin)] = 0;
          for (size_t k = 0; k < tg.size(); ++k) {
            const size_t idx = si * size_t(outdegree) + k;
            if (th < 0) make(s, tg[k], idx, rng_for(tg[k]), cx);
            else if (thread_of_vp(vp_of(tg[k])) == th) make(s, tg[k], idx, threads_[th].rng, cx);
          }
        }
        if (th <= 0) grng_ = g;  // all replays end in the same state
      });
    }
  } else if (rule == "fixed_total_number") {
    if (!multapses)
      throw KernelError("NotImplemented",
                        "Connect doesn't support the suppression of multapses in the FixedTotalNumber connector.");
    if (N < 0) throw BadProperty("Total number of connections cannot be negative.");
    if (uint64_t(N) > uint64_t(ns) * uint64_t(nt))
      throw BadProperty("Total number of connections cannot exceed product of source and targer population sizes.");
    check_arrays(size_t(N));
    if (N > 0 && (ns == 0 || nt == 0)) throw BadProperty("Source and target arrays must not be empty.");
    const int nvp = num_vps();
    std::vector<std::vector<int64_t>> tv(nvp);
    for (auto t : targets) {
      const NodeRef r = node(t);
      tv[r.g->replicated ? 0 : vp_of(t)].push_back(t);
    }
    std::vector<int64_t> share(nvp, 0);
    int64_t left = N, tleft = int64_t(nt);
    for (int v = 0; v < nvp; ++v) {
      if (tleft == 0) break;
      const double pk = double(tv[v].size()) / double(tleft);
      share[v] = v == nvp - 1 || pk >= 1.0 ? left : grng_.binomial(long(left), pk);
      left -= share[v];
      tleft -= int64_t(tv[v].size());
    }
    std::vector<size_t> first(nvp + 1, 0);  // array-parameter index of each VP's first connection
    for (int v = 0; v < nvp; ++v) first[v + 1] = first[v] + size_t(share[v]);
    // each VP draws its share with its own stream, on the thread that owns it
    run_threads([&](int th, ConnCtx& cx) {
      for (int v = 0; v < nvp; ++v) {
        if (th >= 0 && thread_of_vp(v) != th) continue;
        Rng& rng = threads_[thread_of_vp(v)].rng;
        size_t idx = first[v];
        for (int64_t k = 0; k < share[v]; ++k) {
          int64_t s, t;
          for (;;) {
            s = sources[rng.ulrand(ns)];
            t = tv[v][rng.ulrand(tv[v].size())];
            if (!autapses && s == t) continue;
            break;
          }
          make(s, t, idx++, rng, cx);
        }
      }
    });
  } else if (rule == "pairwise_bernoulli") {
    if (p < 0 || p > 1) throw BadProperty("Connection probability 0 <= p <= 1 required.");
    if (pw.kind == ConnParam::array || pd.kind == ConnParam::array)
      throw BadProperty("pairwise_bernoulli does not support array parameters.");
    for_each_target([&](size_t ti, Rng& rng, ConnCtx& cx) {
      for (size_t si = 0; si < ns; ++si) {
        if (!autapses && sources[si] == targets[ti]) continue;
        if (rng.drand() < p) make(sources[si], targets[ti], 0, rng, cx);
      }
    });
  } else if (rule == "symmetric_pairwise_bernoulli") {
    if (p < 0 || p >= 1) throw BadProperty("Connection probability 0 <= p < 1 required.");
    if (!multapses) throw BadProperty("Multapses must be enabled.");
    if (autapses) throw BadProperty("Autapses must be disabled.");
    if (!symmetric) throw BadProperty("Symmetric connections must be enabled.");
    // sources become targets of the reverse connections
    if (parallel) {
      size_t h = SIZE_MAX;
      for (auto g : sources)
        if (node_hint(g, h).g->replicated) { parallel = false; break; }
    }
    // Every thread builds the same generator from one seed of the global generator and walks all
    // targets: per target an indegree ~ Binomial(n_sources, p) (redrawn while it equals n_sources),
    // then that many distinct sources other than the target. Each drawn pair yields s->t and t->s;
    // a thread creates the ones whose target lives on it, parameters from its own stream.
    const uint64_t seed = grng_.next();
    std::vector<int64_t> distinct(sources.begin(), sources.end());
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    run_threads([&](int th, ConnCtx& cx) {
      Rng shared(seed);
      std::unordered_set<int64_t> used;
      auto connect_on_owner = [&](int64_t from, int64_t to) {
        if (th < 0) make(from, to, 0, rng_for(to), cx);
        else if (thread_of_vp(vp_of(to)) == th) make(from, to, 0, threads_[th].rng, cx);
      };
      for (size_t ti = 0; ti < nt; ++ti) {
        const int64_t t = targets[ti];
        long k;
        do { k = shared.binomial(long(ns), p); } while (size_t(k) == ns && ns > 0);
        // repeated source GIDs can leave fewer candidates than draws
        const size_t avail = distinct.size() - (std::binary_search(distinct.begin(), distinct.end(), t) ? 1 : 0);
        k = std::min<long>(k, long(avail));
        used.clear();
        while (long(used.size()) < k) {
          const int64_t s = sources[shared.ulrand(ns)];
          if (s == t || !used.insert(s).second) continue;
          connect_on_owner(s, t);
          connect_on_owner(t, s);
        }
      }
    });
  }
  merge_delays(seq_cx);
  time_connect_ += std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count() - t0;
}

// ----------------------------------------------------------------- queries

namespace {
struct ChannelMap {  // channel -> (block, node, channel within node)
  std::vector<std::pair<size_t, NodeBlock*>> bases;
  explicit ChannelMap(ThreadData& td) {
    for (auto& b : td.blocks)
      if (b && b->channels_per_node() > 0 && b->size() > 0) bases.push_back({b->chan_base, b.get()});
    std::sort(bases.begin(), bases.end(), [](auto& a, auto& b) { return a.first < b.first; });
  }
  void decode(uint32_t ch, NodeBlock*& b, size_t& idx, int& c) const {
    auto it = std::upper_bound(bases.begin(), bases.end(), size_t(ch),
                               [](size_t x, const std::pair<size_t, NodeBlock*>& e) { return x < e.first; });
    --it;
    b = it->second;
    const size_t rel = ch - it->first;
    idx = rel % b->gids.size();
    c = int(rel / b->gids.size());
  }
};
}  // namespace

std::vector<ConnHandle> Kernel::get_connections(const IntVec* sources, const IntVec* targets, int syn) {
  finalize_connections();
  std::vector<char> smask, tmask;
  if (sources) {
    smask.assign(size_t(next_gid_), 0);
    for (auto g : *sources)
      if (g >= 0 && g < next_gid_) smask[g] = 1;
  }
  if (targets) {
    tmask.assign(size_t(next_gid_), 0);
    for (auto g : *targets)
      if (g >= 0 && g < next_gid_) tmask[g] = 1;
  }
  std::vector<ConnHandle> out;
  for (int t = 0; t < n_threads_; ++t) {
    ThreadData& td = threads_[t];
    ChannelMap cm(td);
    for (size_t s = 0; s < td.stores.size(); ++s) {
      if (syn >= 0 && int(s) != syn) continue;
      if (syn_models_[s].plastic) {  // ports are positions in the plastic store
        const PlasticStore& ps = td.pstores[s];
        for (uint64_t c = 0; c < ps.size(); ++c) {
          if (sources && !smask[ps.src[c]]) continue;
          const auto& pt = td.ptargets[ps.post[c]];
          const int64_t tg = pt.first->gids[pt.second];
          if (targets && !tmask[tg]) continue;
          out.push_back({int64_t(ps.src[c]), tg, t, int64_t(s), int64_t(c)});
        }
        continue;
      }
      // ports number the connections of (thread, synapse type) consecutively over the kinds
      int64_t port_base[N_KINDS + 1];
      port_base[0] = 0;
      for (int k = 0; k < N_KINDS; ++k) port_base[k + 1] = port_base[k] + int64_t(td.stores[s][k].tgt.size());
      for (int k = 0; k < N_KINDS; ++k) {
        const ConnStore& st = td.stores[s][k];
        for (uint64_t src = 0; src < st.nrows(); ++src) {
          if (sources && !smask[src]) continue;
          for (uint64_t c = st.row[src]; c < st.row[src + 1]; ++c) {
            int64_t tg;
            if (k == K_DEVICE) {
              const DevTarget& dt = td.devtargets[st.channel(c)];
              tg = dt.block->gids[dt.idx];
            } else {
              NodeBlock* b;
              size_t idx;
              int ch;
              cm.decode(st.channel(c), b, idx, ch);
              tg = b->gids[idx];
            }
            if (targets && !tmask[tg]) continue;
            out.push_back({int64_t(src), tg, t, int64_t(s), port_base[k] + int64_t(c)});
          }
        }
      }
      for (size_t a = 0; a < td.aux.size(); ++a) {
        const AuxConn& ac = td.aux[a];
        if (ac.syn != int(s)) continue;
        if (sources && !smask[ac.src]) continue;
        if (targets && !tmask[ac.tgt]) continue;
        out.push_back({ac.src, ac.tgt, t, int64_t(s), port_base[K_LOGGER] + int64_t(a)});
      }
    }
  }
  return out;
}

static void split_port(const ThreadData& td, int syn, int64_t port, int& kind, uint64_t& idx) {
  if (port < 0) throw KernelError("InexistentConnection", "Connection does not exist.");
  uint64_t p = uint64_t(port);
  for (kind = 0; kind < N_KINDS; ++kind) {
    const uint64_t n = td.stores[syn][kind].tgt.size();
    if (p < n) {
      idx = p;
      return;
    }
    p -= n;
  }
  kind = K_LOGGER;
  idx = p;
  if (idx >= td.aux.size() || td.aux[idx].syn != syn)
    throw KernelError("InexistentConnection", "Connection does not exist.");
}

static void check_handle(const ConnHandle& c, int nthreads, size_t nsyn) {
  if (c[2] < 0 || c[2] >= nthreads || c[3] < 0 || size_t(c[3]) >= nsyn)
    throw KernelError("InexistentConnection", "Connection does not exist.");
}

DictPtr Kernel::connection_status(const ConnHandle& c) {
  check_handle(c, n_threads_, syn_models_.size());
  finalize_connections();
  ThreadData& td = threads_[c[2]];
  const SynModel& sm = syn_models_[c[3]];
  if (sm.plastic) {
    const PlasticStore& ps = td.pstores[c[3]];
    if (c[4] < 0 || uint64_t(c[4]) >= ps.size()) throw KernelError("InexistentConnection", "Connection does not exist.");
    const uint64_t idx = uint64_t(c[4]);
    const auto& pt = td.ptargets[ps.post[idx]];
    ChannelMap cm(td);
    NodeBlock* b;
    size_t ni;
    int ch;
    cm.decode(ps.chan[idx] & ~PlasticStore::COUNT_BIT, b, ni, ch);
    auto d = std::make_shared<Dict>();
    d->set("synapse_model", sm.name);
    d->set("sizeof", int64_t(16 + 8 * ps.stride));
    d->set("source", int64_t(ps.src[idx]));
    d->set("target", pt.first->gids[pt.second]);
    const int off = sm.plastic->delay_offset_field();
    d->set("delay", tb_.ms(ps.delay[idx]) - (off < 0 ? 0.0 : ps.conn(idx)[off]));
    d->set("receptor", int64_t(b->channel_receptor(ch)));
    sm.plastic->get_conn(ps.conn(idx), *d);
    return d;
  }
  int kind;
  uint64_t idx;
  split_port(td, int(c[3]), c[4], kind, idx);
  auto d = std::make_shared<Dict>();
  d->set("synapse_model", sm.name);
  d->set("sizeof", int64_t(12));
  if (kind == K_LOGGER) {
    if (idx >= td.aux.size()) throw KernelError("InexistentConnection", "Connection does not exist.");
    const AuxConn& a = td.aux[idx];
    d->set("source", a.src);
    d->set("target", a.tgt);
    d->set("weight", a.w);
    d->set("delay", tb_.ms(a.delay));
    d->set("receptor", int64_t(0));
    return d;
  }
  if (kind < 0 || kind >= N_KINDS) throw KernelError("InexistentConnection", "Connection does not exist.");
  const ConnStore& st = td.stores[c[3]][kind];
  if (idx >= st.tgt.size()) throw KernelError("InexistentConnection", "Connection does not exist.");
  d->set("sizeof", int64_t(st.bytes_per_synapse()));
  int64_t tg;
  long rec = 0;
  if (kind == K_DEVICE) {
    const DevTarget& dt = td.devtargets[st.channel(idx)];
    tg = dt.block->gids[dt.idx];
    rec = long(dt.port);
  } else {
    ChannelMap cm(td);
    NodeBlock* b;
    size_t ni;
    int ch;
    cm.decode(st.channel(idx), b, ni, ch);
    tg = b->gids[ni];
    rec = b->channel_receptor(ch);
  }
  d->set("source", int64_t(st.source_of(idx)));
  d->set("target", tg);
  d->set("weight", sm.hom_w ? sm.weight : st.weight(idx));
  d->set("delay", tb_.ms(st.delay_of(idx)));
  d->set("receptor", int64_t(rec));
  return d;
}

void Kernel::set_plastic_connection_status(ThreadData& td, const ConnHandle& c, const Dict& d) {
  const SynModel& sm = syn_models_[c[3]];
  PlasticStore& ps = td.pstores[c[3]];
  if (c[4] < 0 || uint64_t(c[4]) >= ps.size()) throw KernelError("InexistentConnection", "Connection does not exist.");
  const uint64_t idx = uint64_t(c[4]);
  std::vector<double> x(ps.conn(idx), ps.conn(idx) + ps.stride);
  sm.plastic->set_conn(x.data(), d);
  double dl = 0;
  const bool hd = read(d, "delay", dl);
  if (dict_miss_is_error_) {
    auto miss = d.unaccessed();
    if (!miss.empty()) {
      std::string m = "Unused dictionary items: ";
      for (auto& k : miss) m += " " + k;
      throw DictError(m + "\nMaybe you tried to set common synapse properties through an individual synapse?");
    }
  }
  int64_t ds = ps.delay[idx];
  if (hd) ds = plastic_delay(*sm.plastic, dl, x.data());
  sm.plastic->validate(x.data());
  // the sign of the weight may move the connection to the other synaptic channel
  if (!(ps.chan[idx] & PlasticStore::COUNT_BIT)) {
    ChannelMap cm(td);
    NodeBlock* b;
    size_t ni;
    int ch;
    cm.decode(ps.chan[idx], b, ni, ch);
    const int nch = b->input_channel(ni, EventKind::spike, b->channel_receptor(ch), x[0]);
    ps.chan[idx] = uint32_t(b->channel_index(ni, nch));
  }
  std::copy(x.begin(), x.end(), ps.conn(idx));
  if (hd && ds != ps.delay[idx]) {
    ps.delay[idx] = int32_t(ds);
    min_delay_ = std::min(min_delay_, ds);
    max_delay_ = std::max(max_delay_, ds);
  }
}

void Kernel::set_connection_status(const ConnHandle& c, const Dict& d) {
  check_handle(c, n_threads_, syn_models_.size());
  finalize_connections();
  ThreadData& td = threads_[c[2]];
  if (syn_models_[c[3]].plastic) {
    set_plastic_connection_status(td, c, d);
    return;
  }
  int kind;
  uint64_t idx;
  split_port(td, int(c[3]), c[4], kind, idx);
  const SynModel& sm = syn_models_[c[3]];
  double w = 0, dl = 0;
  const bool hw = read(d, "weight", w), hd = read(d, "delay", dl);
  if (dict_miss_is_error_) {
    auto miss = d.unaccessed();
    if (!miss.empty()) {
      std::string m = "Unused dictionary items: ";
      for (auto& k : miss) m += " " + k;
      throw DictError(m + "\nMaybe you tried to set common synapse properties through an individual synapse?");
    }
  }
  int64_t ds = 0;
  if (hd) {
    ds = tb_.delay_steps(dl);
    check_delay(ds, dl);
  }
  if (hw && sm.hom_w)
    throw BadProperty("Setting of individual weights is not possible! The common weights can be changed via "
                      "CopyModel() or SetDefaults().");
  if (kind == K_LOGGER) {
    if (idx >= td.aux.size()) throw KernelError("InexistentConnection", "Connection does not exist.");
    if (hw) td.aux[idx].w = w;
    if (hd) td.aux[idx].delay = int32_t(ds);
    return;
  }
  if (kind < 0 || kind >= N_KINDS) throw KernelError("InexistentConnection", "Connection does not exist.");
  ConnStore& st = td.stores[c[3]][kind];
  if (idx >= st.tgt.size()) throw KernelError("InexistentConnection", "Connection does not exist.");
  if (hw) {
    if (kind == K_WEIGHTED) {  // the sign may move the connection to the other synaptic channel
      ChannelMap cm(td);
      NodeBlock* b;
      size_t ni;
      int ch;
      cm.decode(st.channel(idx), b, ni, ch);
      const long rec = b->channel_receptor(ch);
      const bool is_current = false;
      (void)is_current;
      const NodeRef src = node(int64_t(st.source_of(idx)));
      NodeBlock* sb = src.g->replicated ? td.blocks[src.gi].get() : src.block;
      const EventKind ev = sb->sends_current() ? EventKind::current : EventKind::spike;
      const int nch = b->input_channel(ni, ev, rec, w);
      st.set_channel(idx, uint32_t(b->channel_index(ni, nch)));
    }
    st.set_weight(idx, w);
  }
  if (hd && ds != st.delay_of(idx)) {
    const uint64_t pos = idx;
    st.decompress();  // staging keeps the compressed order, so `pos` still names the connection
    auto dl_all = st.staged_delays();
    dl_all[pos] = int32_t(ds);
    st.set_staged(std::move(st.staged), dl_all);
    min_delay_ = std::min(min_delay_, ds);
    max_delay_ = std::max(max_delay_, ds);
  }
}

void Kernel::disconnect(const IntVec& sources, const IntVec& targets, const Dict& cs, const Dict& ss) {
  std::string rule;
  if (!read(cs, "rule", rule)) throw BadProperty("Connectivity rule must be given.");
  bool b;
  read(cs, "autapses", b);
  read(cs, "multapses", b);
  std::string model = "static_synapse";
  if (!read(ss, "model", model)) read(ss, "synapse_model", model);
  const int syn = synapse_id(model);
  for (auto& kv : ss.items) ss.accessed.insert(kv.first);  // only the model is evaluated
  if (dict_miss_is_error_) cs.check_all_accessed();
  std::vector<std::pair<int64_t, int64_t>> pairs;
  if (rule == "one_to_one") {
    if (sources.size() != targets.size())
      throw DimensionMismatch("Source and Target population must be of the same size.");
    for (size_t i = 0; i < sources.size(); ++i) pairs.push_back({sources[i], targets[i]});
  } else if (rule == "all_to_all") {
    for (auto t : targets)
      for (auto s : sources) pairs.push_back({s, t});
  } else {
    throw KernelError("NotImplemented", "Disconnect only supports the rules one_to_one and all_to_all.");
  }
  for (auto& pr : pairs) {
    if (!node_exists(pr.first)) throw UnknownNode(pr.first);
    if (!node_exists(pr.second)) throw UnknownNode(pr.second);
  }
  finalize_connections();
  if (syn_models_[syn].plastic) {
    std::map<int, std::vector<char>> pdead;
    for (auto& pr : pairs) {
      const NodeRef sr = node(pr.first), tr = node(pr.second);
      if (sr.g->subnet || tr.g->subnet || tr.g->replicated) continue;
      ThreadData& td = threads_[tr.thread];
      PlasticStore& ps = td.pstores[syn];
      const uint64_t s = uint64_t(pr.first);
      if (s >= ps.nrows()) continue;
      auto& mark = pdead[tr.thread];
      if (mark.empty()) mark.assign(ps.size(), 0);
      for (uint64_t c = ps.row[s]; c < ps.row[s + 1]; ++c) {
        const auto& pt = td.ptargets[ps.post[c]];
        if (mark[c] || pt.first != tr.block || pt.second != tr.idx) continue;
        mark[c] = 1;
        if (syn_models_[syn].plastic->uses_history())
          if (Archiving* a = tr.block->archive(tr.idx)) a->unregister_stdp();
        break;
      }
    }
    for (auto& kv : pdead) threads_[kv.first].pstores[syn].erase(kv.second);
    return;
  }
  // removal marks per (thread, kind)
  std::map<std::pair<int, int>, std::vector<char>> dead;
  for (auto& pr : pairs) {
    const NodeRef sr = node(pr.first), tr = node(pr.second);
    if (sr.g->subnet || tr.g->subnet) continue;
    const int st = storage_thread(sr, tr);
    ThreadData& td = threads_[st];
    NodeBlock* tb = tr.g->replicated ? td.blocks[tr.gi].get() : tr.block;
    for (int k = 0; k < N_KINDS; ++k) {
      ConnStore& cst = td.stores[syn][k];
      const uint64_t s = uint64_t(pr.first);
      if (s >= cst.nrows()) continue;
      auto& mark = dead[{st, k}];
      if (mark.empty()) mark.assign(cst.tgt.size(), 0);
      bool found = false;
      for (uint64_t c = cst.row[s]; c < cst.row[s + 1] && !found; ++c) {
        if (mark[c]) continue;
        bool match;
        if (k == K_DEVICE) {
          const DevTarget& dt = td.devtargets[cst.channel(c)];
          match = dt.block == tb && dt.idx == tr.idx;
        } else {
          match = false;
          for (int ch = 0; ch < tb->channels_per_node(); ++ch) match |= cst.channel(c) == tb->channel_index(tr.idx, ch);
        }
        if (match) {
          mark[c] = 1;
          found = true;
        }
      }
      if (found) break;
    }
  }
  for (auto& kv : dead) {
    ConnStore& cst = threads_[kv.first.first].stores[syn][kv.first.second];
    const auto& mark = kv.second;
    if (std::find(mark.begin(), mark.end(), 1) == mark.end()) continue;
    cst.decompress();
    const auto dl_all = cst.staged_delays();
    StagedList keep;
    std::vector<int32_t> keep_d;
    cst.staged.for_each([&](size_t i, const StagedConn& c) {
      if (i >= mark.size() || !mark[i]) {
        keep.push_back(c);
        keep_d.push_back(dl_all[i]);
      }
    });
    cst.set_staged(std::move(keep), keep_d);
  }
}

}  // namespace nk
