// Shared implementation of the AdEx models with n conductance-based receptor ports
// (aeif_cond_alpha_multisynapse, aeif_cond_beta_multisynapse). Port k (1..n) has its own
// reversal potential and time constants; the state size depends on n, so the solver runs on the
// run-time-sized workspace.
#pragma once
#include <algorithm>

#include "models/aeif_common.h"
#include "models/iaf_cond_beta.h"

namespace nk {
namespace aeif_multisynapse {

// Beta: rise and decay time constants per port; alpha: one time constant per port.
enum class Shape { alpha, beta };

struct Parameters : AdexParameters {
  Shape shape = Shape::beta;
  DoubleVec E_rev{0.0};        // mV
  DoubleVec tau_rise{2.0};     // ms (beta)
  DoubleVec tau_decay{20.0};   // ms (beta); alpha: tau_syn
  size_t n_receptors() const { return E_rev.size(); }

  void get(Dict& d) const {
    get_adex(d);
    d.set("E_rev", E_rev);
    if (shape == Shape::beta) {
      d.set("tau_rise", tau_rise);
      d.set("tau_decay", tau_decay);
    } else {
      d.set("tau_syn", tau_decay);
    }
    d.set("n_receptors", int64_t(n_receptors()));
  }
  // has_connections: the node is a target already, so ports must not disappear
  void set(const Dict& d, bool has_connections) {
    const size_t old_n = n_receptors();
    const bool e_flag = read(d, "E_rev", E_rev);
    bool r_flag = false, d_flag = false;
    if (shape == Shape::beta) {
      r_flag = read(d, "tau_rise", tau_rise);
      d_flag = read(d, "tau_decay", tau_decay);
    } else {
      d_flag = read(d, "tau_syn", tau_decay);
      r_flag = d_flag;
      if (d_flag) tau_rise = tau_decay;
    }
    if (e_flag || r_flag || d_flag) {
      const bool resized = E_rev.size() != old_n || tau_rise.size() != old_n || tau_decay.size() != old_n;
      if (shape == Shape::beta) {
        if (resized && !(e_flag && r_flag && d_flag))
          throw BadProperty(
              "If the number of receptor ports is changed, all three arrays E_rev, tau_rise and tau_decay must be "
              "provided.");
        if (E_rev.size() != tau_rise.size() || E_rev.size() != tau_decay.size())
          throw BadProperty(
              "The reversal potential, synaptic rise time and synaptic decay time arrays must have the same size.");
      } else {
        if (resized && !(e_flag && d_flag))
          throw BadProperty("If the number of receptor ports is changed, both arrays E_rev and tau_syn must be provided.");
        if (E_rev.size() != tau_decay.size())
          throw BadProperty("The reversal potential, and synaptic time constant arrays must have the same size.");
      }
      if (E_rev.size() < old_n && has_connections)
        throw BadProperty("The neuron has connections, therefore the number of ports cannot be reduced.");
      for (size_t k = 0; k < tau_decay.size(); ++k) {
        if (tau_rise[k] <= 0 || tau_decay[k] <= 0)
          throw BadProperty("All synaptic time constants must be strictly positive");
        if (tau_decay[k] < tau_rise[k])
          throw BadProperty("Synaptic rise time must be smaller than or equal to decay time.");
      }
    }
    set_adex(d);
    if (tau_w <= 0) throw BadProperty("All time constants must be strictly positive.");
  }
  // the generic NeuronBase interface (the model class passes the connection flag instead)
  double set(const Dict& d) {
    set(d, false);
    return 0.0;
  }
};

// state layout: V_m, w, then (dg, g) for each port
enum { V_M, W, N_FIXED };
inline size_t dg_index(size_t k) { return N_FIXED + 2 * k; }
inline size_t g_index(size_t k) { return N_FIXED + 2 * k + 1; }

struct State {
  DoubleVec y{-70.6, 0.0, 0.0, 0.0};  // mV, pA, then nS/ms, nS per port
  long r = 0;
  double I_stim = 0.0;  // pA
  double h_int = 0.0;   // ms

  size_t ports() const { return (y.size() - N_FIXED) / 2; }
  void resize(size_t n) { y.resize(N_FIXED + 2 * n, 0.0); }
  void get(Dict& d) const {
    d.set("V_m", y[V_M]);
    d.set("w", y[W]);
    DoubleVec g(ports()), dg(ports());
    for (size_t k = 0; k < ports(); ++k) {
      g[k] = y[g_index(k)];
      dg[k] = y[dg_index(k)];
    }
    d.set("g", g);
    d.set("dg", dg);
  }
  void set(const Dict& d) {
    read(d, "V_m", y[V_M]);
    read(d, "w", y[W]);
  }
  void get(Dict& d, const Parameters&) const { get(d); }
  void set(const Dict& d, const Parameters& p, double) {
    set(d);
    resize(p.n_receptors());
  }
};

struct Internals {
  DoubleVec g0;  // dg jump per nS of weight, per port
  long n_ref = 0;
  void compute(const Parameters& p, double) {
    g0.resize(p.n_receptors());
    for (size_t k = 0; k < g0.size(); ++k)
      g0[k] = p.shape == Shape::beta ? beta_peak_normalisation(p.tau_rise[k], p.tau_decay[k]) : M_E / p.tau_decay[k];
    n_ref = refractory_steps(p.t_ref);
  }
};

struct Rhs {
  const Parameters& p;
  const double& I_stim;
  const long& r;
  void operator()(const double* y, double* f) const {
    const bool refractory = r > 0;
    const double V = p.V_eff(y[V_M], refractory);
    double I_syn = 0.0;
    const size_t n = p.n_receptors();
    for (size_t k = 0; k < n; ++k) {
      const size_t j = dg_index(k);
      I_syn += y[j + 1] * (p.E_rev[k] - V);
      f[j] = -y[j] / p.tau_decay[k];
      f[j + 1] = y[j] - y[j + 1] / p.tau_rise[k];
    }
    f[V_M] = refractory ? 0.0 : (-p.g_L * (V - p.E_L) + p.I_spike(V) + I_syn - y[W] + p.I_e + I_stim) / p.C_m;
    f[W] = (p.a * (V - p.E_L) - y[W]) / p.tau_w;
  }
};

}  // namespace aeif_multisynapse

// The model class; Derived supplies name-specific defaults and the help text.
template <class Derived>
class AeifCondMultisynapse : public NeuronBase<Derived, aeif_multisynapse::Parameters, aeif_multisynapse::State,
                                               aeif_multisynapse::Internals> {
  using Base = NeuronBase<Derived, aeif_multisynapse::Parameters, aeif_multisynapse::State,
                          aeif_multisynapse::Internals>;

 public:
  using Base::P_;
  using Base::S_;
  using Base::V_;
  using Base::vi_;
  // Ports get ring-buffer channels when the nodes are laid out; later SetStatus may use at most
  // this many ports (at least kMinPorts, or the largest count present at creation).
  static constexpr size_t kMinPorts = 10;
  mutable long port_capacity_ = -1;
  mutable std::vector<char> connected_;

  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    Base::append_copies(proto, i, n);
    connected_.resize(this->size(), 0);
  }
  void add_default_node() {
    this->add_default();
    connected_.resize(this->size(), 0);
  }
  size_t capacity() const {
    if (port_capacity_ < 0) {
      size_t m = kMinPorts;
      for (const auto& p : P_) m = std::max(m, p.n_receptors());
      port_capacity_ = long(m);
    }
    return size_t(port_capacity_);
  }
  // channels: one per port (receptor k -> channel k-1), then the current input
  int channels_per_node() const override { return int(capacity()) + 1; }
  int input_channel(size_t i, EventKind ev, long receptor, double w) const override {
    if (ev == EventKind::current) {
      if (receptor != 0) NodeBlock::input_channel(i, EventKind::spike, receptor, w);
      return int(capacity());
    }
    if (receptor <= 0 || receptor > long(P_[i].n_receptors()))
      throw KernelError("IncompatibleReceptorType", "Receptor type " + std::to_string(receptor) + " in " +
                                                        this->model_name() + " does not accept SpikeEvent.");
    if (w < 0)
      throw BadProperty("Synaptic weights for conductance-based multisynapse models must be positive.");
    connected_[i] = 1;
    return int(receptor - 1);
  }
  void get_status(size_t i, Dict& d) const override {
    P_[i].get(d);
    S_[i].get(d);
    this->A_[i].get(d);
    d.set("has_connections", bool(connected_.size() > i && connected_[i]));
  }
  void set_status(size_t i, const Dict& d) override {
    auto p = P_[i];
    p.set(d, connected_.size() > i && connected_[i]);
    if (port_capacity_ >= 0 && p.n_receptors() > size_t(port_capacity_))
      throw BadProperty("This node was created with room for " + std::to_string(port_capacity_) +
                        " receptor ports; create it with the full E_rev list to use more.");
    auto s = S_[i];
    s.set(d);
    s.resize(p.n_receptors());
    auto a = this->A_[i];
    a.set(d);
    P_[i] = p;
    S_[i] = s;
    this->A_[i] = a;
  }
  void reset_state(size_t i, const NodeBlock& proto) override {
    const auto& pr = static_cast<const Derived&>(proto);
    S_[i] = pr.S_[0];
    S_[i].resize(P_[i].n_receptors());
    this->A_[i].t_spike = -1.0;
  }
  std::vector<std::string> recordables() const override {
    std::vector<std::string> r{"V_m", "w"};
    size_t m = 0;
    for (const auto& p : P_) m = std::max(m, p.n_receptors());
    for (size_t k = 1; k <= m; ++k) r.push_back("g_" + std::to_string(k));
    return r;
  }
  double recordable(size_t i, int r) const override {
    const auto& s = S_[i];
    if (r < 2) return s.y[r];
    const size_t k = size_t(r - 2);
    return k < s.ports() ? s.y[aeif_multisynapse::g_index(k)] : 0.0;
  }
  void update(UpdateCtx& c) override {
    using namespace aeif_multisynapse;
    const size_t n = this->size();
    Kernel& k = kernel();
    const double h = k.h();
    const size_t cap = capacity();
    ode::OdeWork<ode::kDynamic> work;
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const base = c.row(step) + this->chan_base;
      double* const cur = base + cap * n;
      for (size_t i = 0; i < n; ++i) {
        if (this->any_frozen && this->frozen[i]) continue;
        auto& s = S_[i];
        const auto& p = P_[i];
        const auto& v = V_[vi_[i]];
        work.resize(s.y.size());
        const Rhs rhs{p, s.I_stim, s.r};
        const auto ctl = ode::Control::on_dydt(p.gsl_error_tol, p.gsl_error_tol);
        if (s.h_int <= 0.0) s.h_int = std::min(0.01, h);
        double t = 0.0;
        while (t < h) {
          const int status = ode::evolve_apply(rhs, ctl, t, h, s.h_int, s.y.data(), work);
          if (status != 0) throw GSLSolverFailure(this->model_name(), status);
          check_adex_state(s.y[V_M], s.y[W], *this);
          if (s.r > 0) {
            s.y[V_M] = p.V_reset;
          } else if (s.y[V_M] >= p.V_detect()) {
            s.y[V_M] = p.V_reset;
            s.y[W] += p.b;
            s.r = adex_refractory_start(v.n_ref);
            this->record_spike(i, step + 1);
            k.emit_spike(c, this->gids[i], lag, 1);
          }
        }
        if (s.r > 0) --s.r;
        for (size_t q = 0; q < cap; ++q) {
          double& in = base[q * n + i];
          if (q < s.ports()) s.y[dg_index(q)] += in * v.g0[q];
          in = 0.0;
        }
        s.I_stim = cur[i];
        cur[i] = 0.0;
      }
      if (!this->loggers.empty()) this->log_step(step + 1);
    }
  }
};

}  // namespace nk
