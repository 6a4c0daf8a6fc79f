// Shared plumbing of neuron models: per-node parameters/state, spike-history keys,
// propagators shared between nodes with equal parameters, exact-integration helpers.
#pragma once
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "core/archiving.h"
#include "core/kernel.h"
#include "core/node_block.h"

namespace nk {

// Exact propagators of a leaky membrane (tau_m, C) driven by synaptic currents with time
// constant tau_s, over one step h. The expressions are evaluated in a form that stays
// accurate when tau_s approaches tau_m (the singular case has a closed-form limit).
struct Propagators {
  // V response to a current I(0)=1 decaying with tau_s (exponential PSC; alpha "P32")
  static double P_exp(double tau_s, double tau_m, double C, double h) {
    const double a = 1.0 / tau_s - 1.0 / tau_m, x = a * h, em = std::exp(-h / tau_m);
    const double g = std::fabs(x) < 1e-12 ? 1.0 - 0.5 * x : -std::expm1(-x) / x;
    return em * h * g / C;
  }
  // V response to dI(0)=1 of an alpha PSC (alpha "P31")
  static double P_alpha(double tau_s, double tau_m, double C, double h) {
    const double a = 1.0 / tau_s - 1.0 / tau_m, x = a * h, em = std::exp(-h / tau_m);
    double f;
    if (std::fabs(x) < 1e-2)
      f = 0.5 + x * (-1.0 / 3.0 + x * (1.0 / 8.0 + x * (-1.0 / 30.0 + x * (1.0 / 144.0 - x / 840.0))));
    else
      f = (-std::expm1(-x) - x * std::exp(-x)) / (x * x);
    return em * h * h * f / C;
  }
};

inline long refractory_steps(double t_ref) { return std::lround(t_ref / kernel().h()); }

template <class P, class = void>
struct has_equality : std::false_type {};
template <class P>
struct has_equality<P, std::void_t<decltype(std::declval<const P&>() == std::declval<const P&>())>>
    : std::true_type {};

// Parameters made of plain numbers compare bytewise; those holding arrays (tau_syn lists)
// provide operator==; others never count as equal (their nodes then do not share internals).
template <class P>
inline bool same_params(const P& a, const P& b) {
  if constexpr (std::is_trivially_copyable_v<P>) return std::memcmp(&a, &b, sizeof(P)) == 0;
  else if constexpr (has_equality<P>::value) return a == b;
  else return false;
}

// Common implementation of the NodeBlock interface for neuron models with
// parameters P, state S and internals V. `P::set` returns the change of E_L.
template <class Derived, class P, class S, class V>
class NeuronBase : public NodeBlock {
 public:
  std::vector<P> P_;
  std::vector<S> S_;
  std::vector<Archiving> A_;
  std::vector<V> V_;          // distinct internals
  std::vector<uint32_t> vi_;  // node -> internals

  ElementType element_type() const override { return ElementType::neuron; }
  std::unique_ptr<NodeBlock> make_empty() const override { return std::make_unique<Derived>(); }
  void append_copies(const NodeBlock& proto, size_t i, size_t n) override {
    const auto& p = static_cast<const Derived&>(proto);
    P_.insert(P_.end(), n, p.P_[i]);
    S_.insert(S_.end(), n, p.S_[i]);
    A_.insert(A_.end(), n, p.A_[i]);
  }
  size_t size() const override { return P_.size(); }
  void add_default() {
    P_.emplace_back();
    S_.emplace_back();
    A_.emplace_back();
  }
  bool sends_spikes() const override { return true; }
  bool archiving() const override { return true; }
  void get_status(size_t i, Dict& d) const override {
    P_[i].get(d);
    S_[i].get(d, P_[i]);
    A_[i].get(d);
  }
  void set_status(size_t i, const Dict& d) override {
    P p = P_[i];
    const double delta_EL = p.set(d);
    S s = S_[i];
    s.set(d, p, delta_EL);
    Archiving a = A_[i];
    a.set(d);
    P_[i] = p;
    S_[i] = s;
    A_[i] = a;
  }
  void reset_state(size_t i, const NodeBlock& proto) override {
    const auto& p = static_cast<const Derived&>(proto);
    S_[i] = p.S_[0];
    A_[i].clear_history();
  }
  void calibrate() override {
    const double h = kernel().h();
    V_.clear();
    vi_.resize(size());
    for (size_t i = 0; i < size(); ++i) {
      if (i > 0 && same_params(P_[i], P_[i - 1])) {
        vi_[i] = vi_[i - 1];
        continue;
      }
      V v;
      v.compute(P_[i], h);
      V_.push_back(v);
      vi_[i] = uint32_t(V_.size() - 1);
    }
  }
  Archiving* archive(size_t i) override { return &A_[i]; }
  void record_spike(size_t i, int64_t stamp) {
    Archiving& a = A_[i];
    if (a.n_incoming > 0) {
      const Kernel& k = kernel();
      a.set_spike(k.time().ms(stamp), k.time().ms(k.min_delay_steps()));
    } else {
      a.t_spike = kernel().time().ms(stamp);
    }
  }
};

}  // namespace nk
