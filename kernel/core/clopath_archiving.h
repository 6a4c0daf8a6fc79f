// Voltage history of neurons targeted by clopath_synapse (Clopath et al. 2010, "Connectivity
// reflects coding: a model of voltage-based STDP with homeostasis"): per step the neuron hands
// in V and its low-pass filtered potentials; this keeps the depression amount of the recent
// steps (read at each presynaptic spike) and the potentiation amounts since the last one.
#pragma once
#include <cmath>
#include <cstdint>
#include <deque>
#include <vector>

#include "core/archiving.h"
#include "core/dict.h"
#include "core/exceptions.h"

namespace nk {

struct ClopathParameters {
  double A_LTD = 14.0e-5;       // amplitude of depression, 1/mV
  double A_LTP = 8.0e-5;        // amplitude of potentiation, 1/mV^2
  double u_ref_squared = 60.0;  // mV^2, homeostatic reference of u_bar_bar^2
  double theta_plus = -45.3;    // mV, potentiation threshold of V
  double theta_minus = -70.6;   // mV, threshold of the filtered potentials
  bool A_LTD_const = true;      // false: depression scaled by u_bar_bar^2 / u_ref_squared
  double delay_u_bars = 5.0;    // ms, delay of u_bar_plus/minus as the rule sees them

  void get(Dict& d) const {
    d.set("A_LTD", A_LTD);
    d.set("A_LTP", A_LTP);
    d.set("u_ref_squared", u_ref_squared);
    d.set("theta_plus", theta_plus);
    d.set("theta_minus", theta_minus);
    d.set("A_LTD_const", A_LTD_const);
    d.set("delay_u_bars", delay_u_bars);
  }
  void set(const Dict& d) {
    ClopathParameters p = *this;
    read(d, "A_LTD", p.A_LTD);
    read(d, "A_LTP", p.A_LTP);
    read(d, "u_ref_squared", p.u_ref_squared);
    read(d, "theta_plus", p.theta_plus);
    read(d, "theta_minus", p.theta_minus);
    read(d, "A_LTD_const", p.A_LTD_const);
    read(d, "delay_u_bars", p.delay_u_bars);
    if (p.u_ref_squared <= 0) throw BadProperty("Ensure that u_ref_squared > 0");
    if (p.delay_u_bars < 0) throw BadProperty("Ensure that delay_u_bars >= 0");
    *this = p;
  }
};

struct ClopathEntry {
  double t;        // ms
  double dw;       // weight change (LTD) or its part without the presynaptic trace (LTP)
  int64_t access;  // LTP: how many incoming synapses have read it
};

struct ClopathHistory {
  // u_bar_plus/minus of the last delay_u_bars steps (+1); zero before the first steps
  std::vector<double> del_plus, del_minus;
  size_t del_idx = 0;
  // depression values of the last max_delay + 1 writes (a ring: steps without LTD write nothing)
  std::vector<ClopathEntry> ltd;
  size_t ltd_cur = 0;
  std::deque<ClopathEntry> ltp;

  bool initialized() const { return !del_plus.empty(); }
  // Sizes are fixed by the first simulation (delay_u_bars and the largest delay then).
  void init(int64_t delay_steps, int64_t max_delay_steps) {
    del_plus.assign(size_t(delay_steps + 1), 0.0);
    del_minus.assign(size_t(delay_steps + 1), 0.0);
    del_idx = 0;
    ltd.assign(size_t(max_delay_steps + 1), ClopathEntry{0.0, 0.0, 0});
    ltd_cur = 0;
    ltp.clear();
  }
  void clear() {
    del_plus.clear();
    del_minus.clear();
    ltd.clear();
    ltp.clear();
  }

  // End of a step at t (ms): V = u, the filtered potentials, the step h (ms).
  void write(const ClopathParameters& p, int64_t n_incoming, double t, double u, double u_bar_plus,
             double u_bar_minus, double u_bar_bar, double h) {
    del_plus[del_idx] = u_bar_plus;
    del_minus[del_idx] = u_bar_minus;
    del_idx = (del_idx + 1) % del_plus.size();
    const double dplus = del_plus[del_idx], dminus = del_minus[del_idx];
    if (n_incoming == 0) return;
    if (u > p.theta_plus && dplus > p.theta_minus) {
      // entries read by every synapse are dropped, except the latest (it may still be needed)
      while (ltp.size() > 1 && ltp.front().access >= n_incoming) ltp.pop_front();
      ltp.push_back({t, p.A_LTP * (u - p.theta_plus) * (dplus - p.theta_minus) * h, 0});
    }
    if (dminus > p.theta_minus) {
      const double dw = p.A_LTD_const ? p.A_LTD * (dminus - p.theta_minus)
                                      : p.A_LTD * u_bar_bar * u_bar_bar * (dminus - p.theta_minus) / p.u_ref_squared;
      ltd[ltd_cur] = {t, dw, 0};
      ltd_cur = (ltd_cur + 1) % ltd.size();
    }
  }
  // Depression written at time t, 0 if none is kept.
  double ltd_value(double t) const {
    if (t < 0.0) return 0.0;
    for (const auto& e : ltd)
      if (std::fabs(t - e.t) < STDP_EPS) return e.dw;
    return 0.0;
  }
  // Potentiation entries with t1 < t <= t2, marked as read: [first, last) indices into ltp.
  void ltp_range(double t1, double t2, size_t& first, size_t& last) {
    size_t i = 0;
    while (i < ltp.size() && ltp[i].t - STDP_EPS < t1) ++i;
    first = i;
    while (i < ltp.size() && ltp[i].t - STDP_EPS < t2) ++ltp[i++].access;
    last = i;
  }
};

}  // namespace nk
