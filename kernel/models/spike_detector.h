// spike_detector: records sender and emission time of every spike it receives while its
// window (origin+start, origin+stop] contains the spike's time stamp.
#pragma once
#include <cstdio>

#include "core/kernel.h"
#include "models/recording.h"

namespace nk {

class SpikeDetector : public NodeBlock {  // spin_detector derives from it
 public:
  const char* help() const override {
    return R"(Name: spike_detector - Device for recording spikes.
Description: records sender GID and emission time of every spike it receives while
origin+start < t <= origin+stop, once per unit of multiplicity. Connect as Connect(neurons, detector).
Results are in events (senders, times[, weights]) or written to file/screen.
Parameters: origin, start, stop (ms), withgid, withtime, withweight, time_in_steps, to_memory, to_file,
to_screen, record_to, label, file_extension (gdf), precision, n_events (set 0 to clear).)";
  }
  struct Data {
    Window win;
    RecordingParams rp;
    IntVec senders;
    IntVec steps;
    DoubleVec offsets;  // ms before the stamp (0 for grid spikes)
    DoubleVec weights;
    RecordSink sink;
  };
  std::vector<Data> D_;

  ElementType element_type() const override { return ElementType::recorder; }
  std::unique_ptr<NodeBlock> make_empty() const override { return std::make_unique<SpikeDetector>(); }
  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    const auto& p = static_cast<const SpikeDetector&>(proto);
    for (size_t k = 0; k < n; ++k) {
      D_.push_back(p.D_[i]);
      D_.back().senders.clear();
      D_.back().steps.clear();
      D_.back().offsets.clear();
      D_.back().weights.clear();
    }
  }
  size_t size() const override { return D_.size(); }
  void add_default() { D_.emplace_back(); }
  bool is_spike_recorder() const override { return true; }

  void get_status(size_t i, Dict& d) const override { get_status_replicated(i, {}, d); }
  void get_status_replicated(size_t i, const std::vector<NodeBlock*>& reps, Dict& d) const override {
    const Data& x = D_[i];
    x.win.get(d);
    x.rp.get(d);
    IntVec senders, steps;
    DoubleVec weights, offsets;
    std::vector<const NodeBlock*> all;
    if (reps.empty()) all.push_back(this);
    for (auto* r : reps) all.push_back(r);
    for (auto* r : all) {
      const Data& y = static_cast<const SpikeDetector*>(r)->D_[i];
      senders.insert(senders.end(), y.senders.begin(), y.senders.end());
      steps.insert(steps.end(), y.steps.begin(), y.steps.end());
      offsets.insert(offsets.end(), y.offsets.begin(), y.offsets.end());
      weights.insert(weights.end(), y.weights.begin(), y.weights.end());
    }
    auto ev = std::make_shared<Dict>();
    if (x.rp.withgid) ev->set("senders", senders);
    if (x.rp.withtime) {
      if (x.rp.time_in_steps) {
        ev->set("times", steps);
        if (x.rp.precise_times) ev->set("offsets", offsets);
      } else {
        const TimeBase& tb = kernel().time();
        DoubleVec t(steps.size());
        for (size_t k = 0; k < steps.size(); ++k) t[k] = tb.ms(steps[k]) - (x.rp.precise_times ? offsets[k] : 0.0);
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
    int64_t ne;
    if (read(d, "n_events", ne)) {
      if (ne != 0) throw BadProperty("n_events can only be set to 0.");
      x.senders.clear();
      x.steps.clear();
      x.offsets.clear();
      x.weights.clear();
    }
    D_[i].win = x.win;
    D_[i].rp = x.rp;
    D_[i].senders.swap(x.senders);
    D_[i].steps.swap(x.steps);
    D_[i].offsets.swap(x.offsets);
    D_[i].weights.swap(x.weights);
  }
  void reset_state(size_t i, const NodeBlock&) override {  // recorded data is state
    D_[i].senders.clear();
    D_[i].steps.clear();
    D_[i].offsets.clear();
    D_[i].weights.clear();
  }
  void calibrate() override {
    for (size_t i = 0; i < D_.size(); ++i) {
      RecordingParams& rp = D_[i].rp;
      if (kernel().off_grid_spiking() && !rp.precise_times_user) {
        rp.precise_times = true;
        if (!rp.precision_user) rp.precision = 15;
      }
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
  void handle_spike(size_t i, int64_t sender, int64_t stamp, long mult, double weight) override {
    handle_precise_spike(i, sender, stamp, 0.0, mult, weight);
  }
  void handle_precise_spike(size_t i, int64_t sender, int64_t stamp, double offset, long mult,
                            double weight) override {
    Data& x = D_[i];
    if (!x.win.rec_active(stamp)) return;
    for (long m = 0; m < mult; ++m) write_event(x, sender, stamp, offset, weight);
  }

 protected:
  // Store one event in memory and/or write it to screen and file.
  void write_event(Data& x, int64_t sender, int64_t stamp, double offset, double weight) {
    if (x.rp.to_memory) {
      x.senders.push_back(sender);
      x.steps.push_back(stamp);
      x.offsets.push_back(offset);
      if (x.rp.withweight) x.weights.push_back(weight);
    }
    if (x.rp.to_screen || x.sink.f) {
      std::string line;
      if (x.rp.withgid) line += std::to_string(sender) + "\t";
      if (x.rp.withtime)
        line += (x.rp.time_in_steps
                     ? std::to_string(stamp) + (x.rp.precise_times ? "\t" + x.rp.format_time(offset) : "")
                     : x.rp.format_time(kernel().time().ms(stamp) - (x.rp.precise_times ? offset : 0.0))) +
                "\t";
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
