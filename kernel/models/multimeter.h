// multimeter / voltmeter: samples recordables of the nodes it is connected to every
// `interval`; the samples of one min_delay slice are collected at the start of the next.
#pragma once
#include <algorithm>
#include <map>
#include <cstdio>

#include "core/kernel.h"
#include "models/recording.h"

namespace nk {

class MultimeterBlock final : public NodeBlock {
 public:
  const char* help() const override {
    if (voltmeter_)
      return R"(Name: voltmeter - Device to record the membrane potential (a multimeter with record_from [V_m]).
Description: connect as Connect(voltmeter, neurons); see multimeter for sampling and timing.)";
    return R"(Name: multimeter - Device to record analog data from neurons (voltmeter: record_from [V_m]).
Description: connect as Connect(meter, neurons); samples the recordables named in record_from at the end of
every step whose time is offset + k*interval (k >= 1) within (origin+start, origin+stop]. Samples of one
min_delay slice are collected at the start of the next, so the last slice of a Simulate call appears
after the next call. interval, offset and record_from are fixed once connected.
withtargetgid adds events targets (the meter's GID), withrport adds rports (0); both are also printed
(sender, target, rport, time, values). withport is stored but ports of samples are not recorded.
Parameters: interval (ms, 1), offset (ms, 0), record_from, plus the recording keys of spike_detector.)";
  }
  struct Sample {
    uint32_t order;
    int64_t gid;
    int64_t stamp;
    size_t vals;  // offset into pending_vals
  };
  struct Data {
    Window win;
    RecordingParams rp;
    double interval = 1.0, offset = 0.0;  // ms
    std::vector<std::string> record_from;
    bool connected = false;
    uint32_t n_targets = 0;
    std::vector<Sample> pending;
    std::vector<double> pending_vals;
    IntVec senders, steps;
    std::vector<DoubleVec> values;
    RecordSink sink;
  };
  std::vector<Data> D_;

  MultimeterBlock() = default;
  explicit MultimeterBlock(std::vector<std::string> rec) {
    D_.emplace_back();
    D_[0].record_from = std::move(rec);
    D_[0].rp.file_extension = "dat";
    voltmeter_ = !D_[0].record_from.empty();
  }
  bool voltmeter_ = false;
  ElementType element_type() const override { return ElementType::recorder; }
  std::unique_ptr<NodeBlock> make_empty() const override {
    auto b = std::make_unique<MultimeterBlock>();
    b->voltmeter_ = voltmeter_;
    return b;
  }
  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    const auto& p = static_cast<const MultimeterBlock&>(proto);
    for (size_t k = 0; k < n; ++k) {
      D_.push_back(p.D_[i]);
      Data& x = D_.back();
      x.connected = false;
      x.n_targets = 0;
      x.pending.clear();
      x.pending_vals.clear();
      x.senders.clear();
      x.steps.clear();
      x.values.assign(x.record_from.size(), DoubleVec());
    }
  }
  size_t size() const override { return D_.size(); }
  bool is_multimeter() const override { return true; }
  bool can_freeze() const override { return false; }

  void get_status(size_t i, Dict& d) const override { get_status_replicated(i, {}, d); }
  void get_status_replicated(size_t i, const std::vector<NodeBlock*>& reps, Dict& d) const override {
    const Data& x = D_[i];
    x.win.get(d);
    x.rp.get(d);
    d.set("interval", x.interval);
    d.set("offset", x.offset);
    List rf;
    for (auto& r : x.record_from) rf.push_back(r);
    d.set("record_from", rf);
    std::vector<const NodeBlock*> all;
    if (reps.empty()) all.push_back(this);
    for (auto* r : reps) all.push_back(r);
    IntVec senders, steps;
    std::vector<DoubleVec> values(x.record_from.size());
    for (auto* r : all) {
      const Data& y = static_cast<const MultimeterBlock*>(r)->D_[i];
      senders.insert(senders.end(), y.senders.begin(), y.senders.end());
      steps.insert(steps.end(), y.steps.begin(), y.steps.end());
      for (size_t k = 0; k < values.size() && k < y.values.size(); ++k)
        values[k].insert(values[k].end(), y.values[k].begin(), y.values[k].end());
    }
    auto ev = std::make_shared<Dict>();
    if (x.rp.withgid) ev->set("senders", senders);
    if (x.rp.withtime) {
      if (x.rp.time_in_steps) {
        ev->set("times", steps);
      } else {
        const TimeBase& tb = kernel().time();
        DoubleVec t(steps.size());
        for (size_t k = 0; k < steps.size(); ++k) t[k] = tb.ms(steps[k]);
        ev->set("times", t);
      }
    }
    // every sample is received by the meter itself through receptor port 0
    if (x.rp.withtargetgid) ev->set("targets", IntVec(steps.size(), gids[i]));
    if (x.rp.withrport) ev->set("rports", IntVec(steps.size(), 0));
    for (size_t k = 0; k < values.size(); ++k) ev->set(x.record_from[k], values[k]);
    d.set("events", ev);
    d.set("n_events", int64_t(steps.size()));
    if (x.sink.f) d.set("filenames", List{x.sink.filename});
  }
  void set_status(size_t i, const Dict& d) override {
    Data& cur = D_[i];
    Window win = cur.win;
    RecordingParams rp = cur.rp;
    win.set(d);
    rp.set(d);
    double interval = cur.interval, offset = cur.offset;
    std::vector<std::string> rf = cur.record_from;
    const bool hi = read(d, "interval", interval), ho = read(d, "offset", offset), hr = read_strings(d, "record_from", rf);
    if ((hi || ho || hr) && cur.connected) {
      if ((hi && interval != cur.interval) || (ho && offset != cur.offset) || (hr && rf != cur.record_from))
        throw BadProperty("The recordables cannot be changed after the multimeter has been connected to nodes.");
    }
    const TimeBase& tb = kernel().time();
    if (interval < tb.h() - 1e-12 || !tb.on_grid(interval))
      throw BadProperty("The sampling interval must be at least as long as the simulation resolution and a multiple of it.");
    if (offset != 0.0 && (offset < tb.h() - 1e-12 || !tb.on_grid(offset)))
      throw BadProperty("The offset must be at least as long as the simulation resolution and a multiple of it.");
    int64_t ne;
    const bool clear = read(d, "n_events", ne);
    if (clear && ne != 0) throw BadProperty("n_events can only be set to 0.");
    cur.win = win;
    cur.rp = rp;
    cur.interval = interval;
    cur.offset = offset;
    if (hr && !cur.connected) {
      cur.record_from = rf;
      cur.values.assign(rf.size(), DoubleVec());
    }
    if (clear) {
      cur.senders.clear();
      cur.steps.clear();
      for (auto& v : cur.values) v.clear();
    }
  }
  void reset_state(size_t i, const NodeBlock&) override {  // recorded data is state
    Data& x = D_[i];
    x.pending.clear();
    x.pending_vals.clear();
    x.senders.clear();
    x.steps.clear();
    for (auto& v : x.values) v.clear();
  }
  void calibrate() override {
    for (size_t i = 0; i < D_.size(); ++i) {
      if (D_[i].rp.to_file && !D_[i].sink.f) D_[i].sink.open(D_[i].rp, model_name(), gids[i], thread);
      if (!D_[i].rp.to_file) D_[i].sink.close();
    }
  }
  void post_run() override {
    for (auto& x : D_) {
      if (x.sink.f && x.rp.flush_after_simulate) std::fflush(x.sink.f);
      if (x.rp.close_after_simulate) x.sink.close();
    }
  }
  void update(UpdateCtx&) override {}
  void record_sample(size_t i, uint32_t order, int64_t gid, int64_t stamp, const double* v, size_t n) {
    Data& x = D_[i];
    x.pending.push_back({order, gid, stamp, x.pending_vals.size()});
    x.pending_vals.insert(x.pending_vals.end(), v, v + n);
  }
  void collect(int64_t T) override {
    const TimeBase& tb = kernel().time();
    for (size_t i = 0; i < D_.size(); ++i) {
      Data& x = D_[i];
      if (x.pending.empty()) continue;
      std::stable_sort(x.pending.begin(), x.pending.end(),
                       [](const Sample& a, const Sample& b) { return a.order < b.order; });
      const size_t nv = x.record_from.size();
      if (x.rp.to_accumulator) {  // one entry per time point: the sum over all recorded nodes
        std::map<int64_t, size_t> at;
        for (const Sample& s : x.pending) {
          if (s.stamp > T || !x.win.rec_active(s.stamp)) continue;
          auto it = at.find(s.stamp);
          if (it == at.end()) {
            it = at.emplace(s.stamp, x.steps.size()).first;
            x.steps.push_back(s.stamp);
            for (size_t k = 0; k < nv; ++k) x.values[k].push_back(0.0);
          }
          for (size_t k = 0; k < nv; ++k) x.values[k][it->second] += x.pending_vals[s.vals + k];
        }
        x.pending.clear();
        x.pending_vals.clear();
        continue;
      }
      for (const Sample& s : x.pending) {
        if (s.stamp > T || !x.win.rec_active(s.stamp)) continue;
        if (x.rp.to_memory) {
          x.senders.push_back(s.gid);
          x.steps.push_back(s.stamp);
          for (size_t k = 0; k < nv; ++k) x.values[k].push_back(x.pending_vals[s.vals + k]);
        }
        if (x.rp.to_screen || x.sink.f) {
          std::string line;
          if (x.rp.withgid) line += std::to_string(s.gid) + "\t";
          if (x.rp.withtargetgid) line += std::to_string(gids[i]) + "\t";
          if (x.rp.withrport) line += "0\t";
          if (x.rp.withtime) line += (x.rp.time_in_steps ? std::to_string(s.stamp) : x.rp.format_time(tb.ms(s.stamp))) + "\t";
          for (size_t k = 0; k < nv; ++k) line += x.rp.format_time(x.pending_vals[s.vals + k]) + "\t";
          line += "\n";
          if (x.rp.to_screen) std::fputs(line.c_str(), stdout);
          if (x.sink.f) std::fputs(line.c_str(), x.sink.f);
        }
      }
      x.pending.clear();
      x.pending_vals.clear();
    }
  }
};

}  // namespace nk
