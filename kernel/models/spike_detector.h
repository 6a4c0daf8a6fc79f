// spike_detector: records sender and emission time of every spike it receives while its
// window (origin+start, origin+stop] contains the spike's time stamp; on request also the
// receiver (the detector itself), the connection's port and its receptor port.
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
Results are in events (senders, times[, weights, targets, ports, rports]) or written to file/screen,
one line per spike with the enabled fields in the order sender, target, port, rport, time, weight,
each followed by a TAB.
targets is the GID of the receiving detector; ports is the port of the connection that carried the
spike (as GetConnections reports it); rports is the receptor port of that connection (0).
Parameters: origin, start, stop (ms), withgid, withtime, withweight, withtargetgid, withport,
withrport, time_in_steps, to_memory, to_file, to_screen, record_to, label, file_extension (gdf),
precision, n_events (set 0 to clear).)";
  }
  struct Data {
    Window win;
    RecordingParams rp;
    IntVec senders;
    IntVec steps;
    DoubleVec offsets;  // ms before the stamp (0 for grid spikes)
    DoubleVec weights;
    IntVec targets, ports, rports;
    RecordSink sink;
    void clear_events() {
      senders.clear();
      steps.clear();
      offsets.clear();
      weights.clear();
      targets.clear();
      ports.clear();
      rports.clear();
    }
  };
  std::vector<Data> D_;

  ElementType element_type() const override { return ElementType::recorder; }
  std::unique_ptr<NodeBlock> make_empty() const override { return std::make_unique<SpikeDetector>(); }
  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    const auto& p = static_cast<const SpikeDetector&>(proto);
    for (size_t k = 0; k < n; ++k) {
      D_.push_back(p.D_[i]);
      D_.back().clear_events();
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
    IntVec senders, steps, targets, ports, rports;
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
      targets.insert(targets.end(), y.targets.begin(), y.targets.end());
      ports.insert(ports.end(), y.ports.begin(), y.ports.end());
      rports.insert(rports.end(), y.rports.begin(), y.rports.end());
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
    if (x.rp.withtargetgid) ev->set("targets", targets);
    if (x.rp.withport) ev->set("ports", ports);
    if (x.rp.withrport) ev->set("rports", rports);
    d.set("events", ev);
    d.set("n_events", int64_t(steps.size()));
    if (x.sink.f) d.set("filenames", List{x.sink.filename});
  }
  void set_status(size_t i, const Dict& d) override {
    Window win = D_[i].win;
    RecordingParams rp = D_[i].rp;
    win.set(d);
    rp.set(d);
    int64_t ne;
    if (read(d, "n_events", ne)) {
      if (ne != 0) throw BadProperty("n_events can only be set to 0.");
      D_[i].clear_events();
    }
    D_[i].win = win;
    D_[i].rp = rp;
  }
  void reset_state(size_t i, const NodeBlock&) override {  // recorded data is state
    D_[i].clear_events();
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
    handle_recorded_spike(i, -1, 0, sender, stamp, 0.0, mult, weight);
  }
  void handle_precise_spike(size_t i, int64_t sender, int64_t stamp, double offset, long mult,
                            double weight) override {
    handle_recorded_spike(i, -1, 0, sender, stamp, offset, mult, weight);
  }
  void handle_recorded_spike(size_t i, int64_t port, long rport, int64_t sender, int64_t stamp, double offset,
                             long mult, double weight) override {
    Data& x = D_[i];
    if (!x.win.rec_active(stamp)) return;
    for (long m = 0; m < mult; ++m) write_event(x, gids[i], port, rport, sender, stamp, offset, weight);
  }

 protected:
  // Store one event in memory and/or write it to screen and file (columns in the order of spec 6.2).
  void write_event(Data& x, int64_t target, int64_t port, long rport, int64_t sender, int64_t stamp, double offset,
                   double weight) {
    if (x.rp.to_memory) {
      x.senders.push_back(sender);
      x.steps.push_back(stamp);
      x.offsets.push_back(offset);
      if (x.rp.withweight) x.weights.push_back(weight);
      if (x.rp.withtargetgid) x.targets.push_back(target);
      if (x.rp.withport) x.ports.push_back(port);
      if (x.rp.withrport) x.rports.push_back(rport);
    }
    if (x.rp.to_screen || x.sink.f) {
      std::string line;
      if (x.rp.withgid) line += std::to_string(sender) + "\t";
      if (x.rp.withtargetgid) line += std::to_string(target) + "\t";
      if (x.rp.withport) line += std::to_string(port) + "\t";
      if (x.rp.withrport) line += std::to_string(rport) + "\t";
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
