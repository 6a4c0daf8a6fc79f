// weight_recorder: records, for each spike transmitted through a synapse type that names it
// (common property `weight_recorder`), the sender, the target, the presynaptic spike time and
// the weight carried by the event after the synapse update.
#pragma once
#include <algorithm>
#include <cstdio>

#include "core/kernel.h"
#include "models/recording.h"

namespace nk {

class WeightRecorder final : public NodeBlock {
 public:
  const char* help() const override {
    return R"(Name: weight_recorder - Device for recording the weights of transmitted spikes.
Description: set it as the weight_recorder of a synapse model (SetDefaults or CopyModel with
{'weight_recorder': gid}); every spike transmitted through a connection of that model is recorded
with senders, targets, times (presynaptic spike time, ms) and weights (the weight carried by the
event after the synapse update) while origin+start < t <= origin+stop.
Parameters: origin, start, stop (ms), senders, targets (GID filters, empty = all), withgid,
withtime, withweight, withtargetgid, time_in_steps, to_memory, to_file, to_screen, record_to, label,
file_extension (csv), precision, n_events (set 0 to clear).)";
  }
  struct Data {
    Window win;
    RecordingParams rp;
    IntVec filter_senders, filter_targets;  // sorted
    IntVec senders, targets, steps;
    DoubleVec weights;
    RecordSink sink;
    Data() {
      rp.withweight = true;
      rp.withtargetgid = true;
      rp.file_extension = "csv";
    }
  };
  std::vector<Data> D_;

  ElementType element_type() const override { return ElementType::recorder; }
  std::unique_ptr<NodeBlock> make_empty() const override { return std::make_unique<WeightRecorder>(); }
  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    const auto& p = static_cast<const WeightRecorder&>(proto);
    for (size_t k = 0; k < n; ++k) {
      D_.push_back(p.D_[i]);
      clear_events(D_.back());
    }
  }
  size_t size() const override { return D_.size(); }
  void add_default() { D_.emplace_back(); }

  static void clear_events(Data& x) {
    x.senders.clear();
    x.targets.clear();
    x.steps.clear();
    x.weights.clear();
  }
  void get_status(size_t i, Dict& d) const override { get_status_replicated(i, {}, d); }
  void get_status_replicated(size_t i, const std::vector<NodeBlock*>& reps, Dict& d) const override {
    const Data& x = D_[i];
    x.win.get(d);
    x.rp.get(d);
    d.set("senders", x.filter_senders);
    d.set("targets", x.filter_targets);
    IntVec senders, targets, steps;
    DoubleVec weights;
    std::vector<const NodeBlock*> all;
    if (reps.empty()) all.push_back(this);
    for (auto* r : reps) all.push_back(r);
    for (auto* r : all) {
      const Data& y = static_cast<const WeightRecorder*>(r)->D_[i];
      senders.insert(senders.end(), y.senders.begin(), y.senders.end());
      targets.insert(targets.end(), y.targets.begin(), y.targets.end());
      steps.insert(steps.end(), y.steps.begin(), y.steps.end());
      weights.insert(weights.end(), y.weights.begin(), y.weights.end());
    }
    auto ev = std::make_shared<Dict>();
    if (x.rp.withgid) ev->set("senders", senders);
    if (x.rp.withtargetgid) ev->set("targets", targets);
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
    if (x.rp.withweight) ev->set("weights", weights);
    d.set("events", ev);
    d.set("n_events", int64_t(steps.size()));
    if (x.sink.f) d.set("filenames", List{x.sink.filename});
  }
  void set_status(size_t i, const Dict& d) override {
    Data x = D_[i];
    x.win.set(d);
    x.rp.set(d);
    if (read(d, "senders", x.filter_senders)) std::sort(x.filter_senders.begin(), x.filter_senders.end());
    if (read(d, "targets", x.filter_targets)) std::sort(x.filter_targets.begin(), x.filter_targets.end());
    int64_t ne;
    const bool clear = read(d, "n_events", ne);
    if (clear && ne != 0) throw BadProperty("n_events can only be set to 0.");
    Data& y = D_[i];
    y.win = x.win;
    y.rp = x.rp;
    y.filter_senders.swap(x.filter_senders);
    y.filter_targets.swap(x.filter_targets);
    if (clear) clear_events(y);
  }
  void reset_state(size_t i, const NodeBlock&) override { clear_events(D_[i]); }
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
  void handle_weight(size_t i, int64_t sender, int64_t target, int64_t stamp, double weight) override {
    Data& x = D_[i];
    if (!x.win.rec_active(stamp)) return;
    if (!x.filter_senders.empty() &&
        !std::binary_search(x.filter_senders.begin(), x.filter_senders.end(), sender))
      return;
    if (!x.filter_targets.empty() &&
        !std::binary_search(x.filter_targets.begin(), x.filter_targets.end(), target))
      return;
    if (x.rp.to_memory) {
      x.senders.push_back(sender);
      x.targets.push_back(target);
      x.steps.push_back(stamp);
      x.weights.push_back(weight);
    }
    if (x.rp.to_screen || x.sink.f) {
      std::string line;
      if (x.rp.withgid) line += std::to_string(sender) + "\t";
      if (x.rp.withtargetgid) line += std::to_string(target) + "\t";
      if (x.rp.withtime)
        line += (x.rp.time_in_steps ? std::to_string(stamp) : x.rp.format_time(kernel().time().ms(stamp))) + "\t";
      if (x.rp.withweight) line += x.rp.format_time(weight) + "\t";
      line += "\n";
      if (x.rp.to_screen) std::fputs(line.c_str(), stdout);
      if (x.sink.f) {
        std::fputs(line.c_str(), x.sink.f);
        if (x.rp.flush_records) std::fflush(x.sink.f);
      }
    }
  }
};

}  // namespace nk
