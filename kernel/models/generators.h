// Stimulating devices: spike_generator, poisson_generator, dc_generator. One replica per
// thread; each replica sends to the targets living on its thread.
#pragma once
#include <cmath>

#include "core/kernel.h"

namespace nk {

// Common plumbing: per-device data D with `win`, get(Dict&), set(const Dict&).
template <class Derived, class D>
class DeviceBase : public NodeBlock {
 public:
  std::vector<D> D_;
  ElementType element_type() const override { return ElementType::stimulator; }
  std::unique_ptr<NodeBlock> make_empty() const override { return std::make_unique<Derived>(); }
  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    const auto& p = static_cast<const Derived&>(proto);
    D_.insert(D_.end(), n, p.D_[i]);
  }
  size_t size() const override { return D_.size(); }
  void add_default() { D_.emplace_back(); }
  void get_status(size_t i, Dict& d) const override {
    D_[i].win.get(d);
    D_[i].get(d);
  }
  void set_status(size_t i, const Dict& d) override {
    D x = D_[i];
    x.win.set(d);
    static_cast<Derived*>(this)->set_data(x, d);
    D_[i] = x;
  }
  // Devices whose validation needs the model name or the prototype flag hide this with their own.
  void set_data(D& x, const Dict& d) { x.set(d); }
};

// ---------------------------------------------------------------- spike_generator
struct SpikeGenData {
  Window win;
  DoubleVec spike_times;  // ms, as reported
  std::vector<int64_t> stamps;  // steps, relative to origin
  DoubleVec spike_weights;
  IntVec spike_multiplicities;
  bool precise_times = false, allow_offgrid_times = false, shift_now_spikes = false;
  size_t pos = 0;  // next spike to emit
  int64_t last_origin = 0;

  void get(Dict& d) const {
    d.set("spike_times", spike_times);
    d.set("spike_weights", spike_weights);
    d.set("spike_multiplicities", spike_multiplicities);
    d.set("precise_times", precise_times);
    d.set("allow_offgrid_times", allow_offgrid_times);
    d.set("allow_offgrid_spikes", allow_offgrid_times);
    d.set("shift_now_spikes", shift_now_spikes);
  }
  void set(const Dict& d) {
    const TimeBase& tb = kernel().time();
    bool b;
    const bool had_spikes = !spike_times.empty();
    bool flags_changed = false;
    if (read(d, "precise_times", b)) { flags_changed |= b != precise_times; precise_times = b; }
    if (read(d, "allow_offgrid_times", b)) { flags_changed |= b != allow_offgrid_times; allow_offgrid_times = b; }
    if (read(d, "allow_offgrid_spikes", b)) { flags_changed |= b != allow_offgrid_times; allow_offgrid_times = b; }
    if (read(d, "shift_now_spikes", b)) { flags_changed |= b != shift_now_spikes; shift_now_spikes = b; }
    if (precise_times && (allow_offgrid_times || shift_now_spikes))
      throw BadProperty("Option precise_times cannot be set to true when either allow_offgrid_times or "
                        "shift_now_spikes is set to true.");
    DoubleVec times;
    const bool ht = read(d, "spike_times", times);
    if (flags_changed && had_spikes && !ht)
      throw BadProperty("Options can only be set together with spike times or if no spike times have been set.");
    if (ht) {
      for (size_t k = 1; k < times.size(); ++k)
        if (times[k] < times[k - 1]) throw BadProperty("Spike times must be sorted in non-descending order.");
      std::vector<int64_t> st;
      DoubleVec shown;
      const int64_t now = kernel().clock();
      for (double t : times) {
        int64_t s;
        double shown_t = t;
        if (t == 0.0 && !shift_now_spikes) throw BadProperty("spike time cannot be set to 0.");
        if (precise_times) {
          s = tb.ceil_steps(t);
        } else if (tb.on_grid(t)) {
          s = tb.steps(t);
        } else if (allow_offgrid_times) {
          s = tb.ceil_steps(t);
          shown_t = tb.ms(s);
        } else {
          char buf[64];
          std::snprintf(buf, sizeof buf, "%g", t);
          throw BadProperty(std::string("spike_generator: Time point ") + buf +
                            " is not representable in current resolution.");
        }
        if (shift_now_spikes && s == now) {
          s = now + 1;
          if (!precise_times) shown_t = tb.ms(s);
        }
        st.push_back(s);
        shown.push_back(shown_t);
      }
      spike_times = shown;
      stamps = st;
      pos = 0;
    }
    DoubleVec w;
    if (read(d, "spike_weights", w)) spike_weights = w;
    IntVec m;
    if (read(d, "spike_multiplicities", m)) spike_multiplicities = m;
    if (!spike_weights.empty() && spike_weights.size() != spike_times.size())
      throw BadProperty("spike_weights must have the same number of elements as spike_times, or 0 elements to clear the property.");
    if (!spike_multiplicities.empty() && spike_multiplicities.size() != spike_times.size())
      throw BadProperty("spike_multiplicities must have the same number of elements as spike_times, or 0 elements to clear the property.");
    if (d.known("origin") && win.o != last_origin) pos = 0;  // a new origin rewinds the generator
  }
};

class SpikeGenerator final : public DeviceBase<SpikeGenerator, SpikeGenData> {
 public:
  const char* help() const override {
    return R"(Name: spike_generator - Generates spikes at given times.
Description: emits spikes at spike_times (ms, relative to origin, non-decreasing) that lie in
(origin+start, origin+stop]; spike_weights multiply the connection weight, spike_multiplicities set
the multiplicity. Times must be on the grid unless allow_offgrid_times (rounded up) or precise_times.
A time of 0 needs shift_now_spikes. Sends: SpikeEvent.)";
  }
  bool sends_spikes() const override { return true; }
  void calibrate() override {
    for (auto& x : D_) {
      if (x.win.o != x.last_origin) x.pos = 0;
      x.last_origin = x.win.o;
    }
  }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    for (size_t i = 0; i < D_.size(); ++i) {
      SpikeGenData& x = D_[i];
      if (any_frozen && frozen[i]) continue;
      const int64_t first = c.T + c.from + 1, last = c.T + c.to;  // stamps of this update
      while (x.pos < x.stamps.size() && x.win.o + x.stamps[x.pos] < first) ++x.pos;  // past spikes
      while (x.pos < x.stamps.size() && x.win.o + x.stamps[x.pos] <= last) {
        const int64_t stamp = x.win.o + x.stamps[x.pos];
        if (x.win.rec_active(stamp)) {
          const long mult = x.spike_multiplicities.empty() ? 1 : long(x.spike_multiplicities[x.pos]);
          const double wf = x.spike_weights.empty() ? 1.0 : x.spike_weights[x.pos];
          // precise times keep the distance to the end of their step as the spike's offset
          const double offset = x.precise_times ? kernel().time().ms(x.stamps[x.pos]) - x.spike_times[x.pos] : 0.0;
          if (mult > 0) k.send_local(c, gids[i], int(stamp - 1 - c.T), mult, wf, offset);
        }
        ++x.pos;
      }
    }
  }
};

// ---------------------------------------------------------------- poisson_generator
struct PoissonGenData {
  Window win;
  double rate = 0.0;  // spikes/s
  PoissonTable table;
  void get(Dict& d) const { d.set("rate", rate); }
  void set(const Dict& d) {
    read(d, "rate", rate);
    if (rate < 0) throw BadProperty("The rate cannot be negative.");
  }
};

class PoissonGenerator final : public DeviceBase<PoissonGenerator, PoissonGenData> {
 public:
  const char* help() const override {
    return R"(Name: poisson_generator - Generates Poisson spike trains.
Description: every target receives, independently in each step, a Poisson number of spikes with mean
rate*h/1000; the step (t, t+h] is active if origin+start < t <= origin+stop. Parameter: rate (1/s, 0).
Sends: SpikeEvent.)";
  }
  bool sends_spikes() const override { return true; }
  void calibrate() override {
    for (auto& x : D_) x.table.init(x.rate * kernel().h() / 1000.0);
  }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    for (size_t i = 0; i < D_.size(); ++i) {
      const PoissonGenData& x = D_[i];
      if ((any_frozen && frozen[i]) || x.rate <= 0) continue;
      for (int lag = c.from; lag < c.to; ++lag)
        if (x.win.step_active(c.T + lag)) k.send_poisson(c, gids[i], lag, x.table);
    }
  }
};

// ---------------------------------------------------------------- dc_generator
struct DcGenData {
  Window win;
  double amplitude = 0.0;  // pA
  double I = 0.0;          // current output of the last step (recordable)
  void get(Dict& d) const { d.set("amplitude", amplitude); }
  void set(const Dict& d) { read(d, "amplitude", amplitude); }
};

class DcGenerator final : public DeviceBase<DcGenerator, DcGenData> {
 public:
  const char* help() const override {
    return R"(Name: dc_generator - Provides a constant current.
Description: sends amplitude (pA) to its targets in every step whose end lies in [origin+start, origin+stop);
the target applies it one step after it arrives (delay d). Recordable: I. Sends: CurrentEvent.)";
  }
  bool sends_current() const override { return true; }
  std::vector<std::string> recordables() const override { return {"I"}; }
  double recordable(size_t i, int) const override { return D_[i].I; }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t stamp = c.T + lag + 1;
      for (size_t i = 0; i < D_.size(); ++i) {
        DcGenData& x = D_[i];
        if (any_frozen && frozen[i]) continue;
        x.I = x.win.cur_active(stamp) ? x.amplitude : 0.0;
        if (x.I != 0.0) k.send_local(c, gids[i], lag, 1, x.I);
      }
      if (!loggers.empty()) log_step(stamp);
    }
  }
};

}  // namespace nk

namespace nk {

// ---------------------------------------------------------------- poisson_generator_ps
struct PoissonGenPsData {
  Window win;
  double rate = 0.0;       // spikes/s
  double dead_time = 0.0;  // ms
  std::vector<double> next;  // per local target: time of its next spike (ms), NaN before the start
  void get(Dict& d) const {
    d.set("rate", rate);
    d.set("dead_time", dead_time);
  }
  void set(const Dict& d) {
    double r = rate, dt = dead_time;
    read(d, "rate", r);
    read(d, "dead_time", dt);
    if (r < 0) throw BadProperty("The rate cannot be negative.");
    if (dt < 0) throw BadProperty("The dead time cannot be negative.");
    if (r > 0 && 1000.0 / r < dt) throw BadProperty("The inverse rate cannot be smaller than the dead time.");
    if (r != rate || dt != dead_time) next.clear();  // new parameters restart the processes
    rate = r;
    dead_time = dt;
  }
};

class PoissonGeneratorPs final : public DeviceBase<PoissonGeneratorPs, PoissonGenPsData> {
 public:
  const char* help() const override {
    return R"(Name: poisson_generator_ps - Generates Poisson spike trains with dead time and precise spike times.
Description: every target receives its own renewal process: intervals are dead_time plus an exponential
interval of mean 1000/rate - dead_time (ms), so the mean rate is `rate`. Each process starts in its
stationary state at origin+start (the time to the first spike follows the forward-recurrence distribution)
and emits spikes at exact times t with origin+start < t <= origin+stop, sent as off-grid spikes.
Parameters: rate (1/s, 0), dead_time (ms, 0; at most 1000/rate). Sends: SpikeEvent (precise).)";
  }
  bool sends_spikes() const override { return true; }
  bool precise_output() const override { return true; }
  void update(UpdateCtx& c) override {
    Kernel& k = kernel();
    const TimeBase& tb = k.time();
    Rng& rng = *c.rng;
    const double t_begin = tb.ms(c.T + c.from), t_end = tb.ms(c.T + c.to);
    for (size_t i = 0; i < D_.size(); ++i) {
      PoissonGenPsData& x = D_[i];
      if ((any_frozen && frozen[i]) || x.rate <= 0) continue;
      const double t_on = tb.ms(x.win.o + x.win.s);
      const double t_off = x.win.e >= STEP_INF ? std::numeric_limits<double>::infinity() : tb.ms(x.win.o + x.win.e);
      if (t_end <= t_on || t_begin >= t_off) continue;
      const double mean_isi = 1000.0 / x.rate;
      const double exp_mean = mean_isi - x.dead_time;
      size_t j = 0;
      k.for_each_local_target(c, gids[i], [&](int kind, uint32_t ch, int32_t delay, double w) {
        if (j >= x.next.size()) x.next.push_back(std::numeric_limits<double>::quiet_NaN());
        double& t = x.next[j++];
        if (std::isnan(t)) {  // stationary start: forward-recurrence time of the renewal process
          const double t0 = std::max(t_on, t_begin);
          t = (rng.drand() * mean_isi < x.dead_time) ? t0 + rng.drand() * x.dead_time
                                                      : t0 + x.dead_time + exp_mean * rng.exponential();
        }
        while (t <= t_end) {
          if (t > t_on && t <= t_off) {
            const int64_t stamp = tb.ceil_steps(t);
            k.send_to(c, gids[i], int(stamp - 1 - c.T), tb.ms(stamp) - t, kind, ch, delay, w);
          }
          t += x.dead_time + exp_mean * rng.exponential();
        }
      });
    }
  }
};

}  // namespace nk
