// pp_pop_psc_delta: a population of N escape-noise point-process neurons with shared input,
// simulated by counting neurons per age (time since their last spike) and drawing binomial
// numbers of spikes per age group; adaptation through the quasi-renewal approximation.
#pragma once
#include "models/neuron_base.h"

namespace nk {
namespace pp_pop_psc_delta {

struct Parameters {
  int64_t N = 100;          // neurons in the population
  double tau_m = 10.0;      // ms
  double C_m = 250.0;       // pF
  double rho_0 = 10.0;      // Hz, rate at h = eta
  double delta_u = 1.0;     // mV, voltage scale of the escape rate
  double len_kernel = 5.0;  // ms, ages beyond this share one group (eta ~ 0 there)
  double I_e = 0.0;         // pA
  std::vector<double> tau_eta{10.0};  // ms
  std::vector<double> val_eta{0.0};   // mV

  bool operator==(const Parameters& o) const {
    return N == o.N && tau_m == o.tau_m && C_m == o.C_m && rho_0 == o.rho_0 && delta_u == o.delta_u &&
           len_kernel == o.len_kernel && I_e == o.I_e && tau_eta == o.tau_eta && val_eta == o.val_eta;
  }
  void get(Dict& d) const {
    d.set("N", N);
    d.set("tau_m", tau_m);
    d.set("C_m", C_m);
    d.set("rho_0", rho_0);
    d.set("delta_u", delta_u);
    d.set("len_kernel", len_kernel);
    d.set("I_e", I_e);
    d.set("tau_eta", tau_eta);
    d.set("val_eta", val_eta);
  }
  double set(const Dict& d) {
    read(d, "N", N);
    read(d, "tau_m", tau_m);
    read(d, "C_m", C_m);
    read(d, "rho_0", rho_0);
    read(d, "delta_u", delta_u);
    read(d, "len_kernel", len_kernel);
    read(d, "I_e", I_e);
    read(d, "tau_eta", tau_eta);
    read(d, "val_eta", val_eta);
    if (tau_eta.size() != val_eta.size())
      throw BadProperty("'tau_eta' and 'val_eta' need to have the same dimension.\nSize of tau_eta: " +
                        std::to_string(tau_eta.size()) + "\nSize of val_eta: " + std::to_string(val_eta.size()));
    if (C_m <= 0) throw BadProperty("Capacitance must be strictly positive.");
    if (tau_m <= 0) throw BadProperty("Membrane time constant must be strictly positive.");
    for (double t : tau_eta)
      if (t <= 0) throw BadProperty("All time constants must be strictly positive.");
    if (N <= 0) throw BadProperty("Number of neurons must be positive.");
    if (rho_0 < 0) throw BadProperty("Rho_0 cannot be negative.");
    if (delta_u <= 0) throw BadProperty("Delta_u must be positive.");
    if (len_kernel <= 0) throw BadProperty("len_kernel must be positive.");
    return 0.0;
  }
};

struct State {
  double V = 0.0;       // mV, input potential h
  double I_stim = 0.0;  // pA, current input of the previous step
  int64_t n_events = 0; // spikes of the population in the last step
  // occupation[a]: neurons whose last spike was a+1 steps ago; the last entry holds all older ones
  std::vector<int64_t> occupation;
  std::vector<int64_t> history;  // population spikes of the last steps, most recent first
  void get(Dict& d, const Parameters&) const {
    d.set("V_m", V);
    d.set("n_events", n_events);
  }
  void set(const Dict& d, const Parameters&, double) { read(d, "V_m", V); }
};

struct Internals {
  double P33, P30, I_e, rho_0, delta_u, h;
  int64_t N;
  size_t L;                  // age groups
  std::vector<double> eta;   // eta at age (a+1) steps
  std::vector<double> qr;    // exp(-eta/delta_u) - 1 at age (a+1) steps
  void compute(const Parameters& p, double hh) {
    h = hh;
    P33 = std::exp(-h / p.tau_m);
    P30 = -p.tau_m / p.C_m * std::expm1(-h / p.tau_m);
    I_e = p.I_e;
    rho_0 = p.rho_0;
    delta_u = p.delta_u;
    N = p.N;
    L = size_t(std::max(1L, std::lround(p.len_kernel / h)));
    eta.assign(L, 0.0);
    qr.assign(L, 0.0);
    for (size_t a = 0; a + 1 < L; ++a) {  // the oldest group is beyond the kernel: eta = 0
      for (size_t k = 0; k < p.tau_eta.size(); ++k) eta[a] += p.val_eta[k] * std::exp(-double(a + 1) * h / p.tau_eta[k]);
      qr[a] = std::expm1(-eta[a] / delta_u);
    }
  }
};

}  // namespace pp_pop_psc_delta

class PpPopPscDelta final : public NeuronBase<PpPopPscDelta, pp_pop_psc_delta::Parameters, pp_pop_psc_delta::State,
                                              pp_pop_psc_delta::Internals> {
 public:
  const char* help() const override {
    return R"(Name: pp_pop_psc_delta - Population of point-process neurons with leaky integration of delta-shaped inputs.
Description: N neurons share the input potential h: tau_m dh/dt = -h + tau_m/C_m (I_e + I_stim), each input spike
of weight w adds w (mV). A neuron whose last spike was a time a ago fires with rate
rho_0 exp((h - eta(a))/delta_u + sum over earlier population spikes (exp(-eta(t - s)/delta_u) - 1)), with
eta(a) = sum_k val_eta[k] exp(-a/tau_eta[k]); the sum is the quasi-renewal approximation of Naud & Gerstner
2012, "Coding and decoding with adapting neurons: a population approach to the peri-stimulus time
histogram". Neurons are counted per age (in steps, up to len_kernel; older ones form one group) and each
group fires a binomial number of spikes with probability 1 - exp(-rate h) per step (Deger, Schwalger, Naud &
Gerstner 2014, "Fluctuations and information filtering in coupled populations of spiking neurons with
adaptation"). The population emits one spike event per step with the total count as multiplicity.
Parameters: N (100), tau_m (ms, 10), C_m (pF, 250), rho_0 (Hz, 10), delta_u (mV, 1), len_kernel (ms, 5),
I_e (pA, 0), tau_eta (ms list, [10]), val_eta (mV list, [0]); state V_m (mV, 0), read-only n_events.
Receives: SpikeEvent (receptor 0), CurrentEvent. Sends: SpikeEvent (multiplicity = spike count).
Recordables: V_m, n_events.)";
  }
  // channels per node: 0 spikes (mV), 1 current
  int channels_per_node() const override { return 2; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    return ev == EventKind::current ? 1 : 0;
  }
  void reset_state(size_t i, const NodeBlock& proto) override {
    NeuronBase::reset_state(i, proto);
    S_[i].occupation.clear();
    S_[i].history.clear();
  }
  void calibrate() override {
    NeuronBase::calibrate();
    for (size_t i = 0; i < size(); ++i) {
      const auto& v = V_[vi_[i]];
      auto& s = S_[i];
      int64_t total = 0;
      for (auto x : s.occupation) total += x;
      if (s.occupation.size() != v.L || total != v.N) {  // (re)start with every neuron long silent
        s.occupation.assign(v.L, 0);
        s.occupation.back() = v.N;
        s.history.assign(v.L, 0);
      }
      if (fired_.capacity() < v.L) fired_.reserve(v.L);
    }
  }
  std::vector<std::string> recordables() const override { return {"V_m", "n_events"}; }
  double recordable(size_t i, int r) const override { return r == 0 ? S_[i].V : double(S_[i].n_events); }
  void update(UpdateCtx& c) override {
    const size_t n = size();
    Kernel& k = kernel();
    Rng& rng = *c.rng;
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const spk = c.row(step) + chan_base;
      double* const cur = spk + n;
      for (size_t i = 0; i < n; ++i) {
        if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& v = V_[vi_[i]];
        s.V = v.P30 * (s.I_stim + v.I_e) + v.P33 * s.V + spk[i];
        const size_t L = v.L;
        // quasi-renewal term of a group: population spikes before its last spike
        std::vector<int64_t>& occ = s.occupation;
        double qr_older = 0.0;  // sum over history entries older than the group's age
        std::vector<int64_t>& fired = fired_;
        fired.assign(L, 0);  // capacity kept across steps
        int64_t total = 0;
        for (size_t a = L; a-- > 0;) {
          const double theta = v.eta[a] - v.delta_u * qr_older;
          const double rate = v.rho_0 * std::exp((s.V - theta) / v.delta_u);  // Hz
          const double p = -std::expm1(-rate * v.h * 1e-3);
          fired[a] = occ[a] > 0 ? rng.binomial(occ[a], p) : 0;
          total += fired[a];
          qr_older += double(s.history[a]) / double(v.N) * v.qr[a];
        }
        // age everybody by one step; the spiking neurons start again at age 1
        if (L > 1) {
          occ[L - 1] += occ[L - 2] - fired[L - 2] - fired[L - 1];
          for (size_t a = L - 2; a >= 1; --a) occ[a] = occ[a - 1] - fired[a - 1];
          occ[0] = total;
        }
        for (size_t a = L - 1; a > 0; --a) s.history[a] = s.history[a - 1];
        s.history[0] = total;
        s.n_events = total;
        if (total > 0) {
          record_spike(i, step + 1);
          k.emit_spike(c, gids[i], lag, total);
        }
        s.I_stim = cur[i];
        spk[i] = cur[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }

 private:
  std::vector<int64_t> fired_;  // spikes per age group in the current step
};

}  // namespace nk
