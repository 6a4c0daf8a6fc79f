// hh_psc_alpha_clopath: hh_psc_alpha with the filtered potentials read by clopath_synapse
// (Clopath et al. 2010) integrated alongside the Hodgkin-Huxley equations.
#pragma once
#include "models/clopath_common.h"
#include "models/hh_psc_alpha.h"

namespace nk {
namespace hh_psc_alpha_clopath {

struct Parameters : hh_psc_alpha::Parameters, ClopathTraceParameters {
  Parameters() { tau_plus = 114.0; }
  void get(Dict& d) const {
    hh_psc_alpha::Parameters::get(d);
    get_traces(d);
  }
  double set(const Dict& d) {
    Parameters p = *this;
    p.hh_psc_alpha::Parameters::set(d);
    p.set_traces(d);
    *this = p;
    return 0.0;
  }
};

constexpr int N_HH = hh_psc_alpha::N_STATE;
enum { U_BAR_PLUS = N_HH, U_BAR_MINUS, U_BAR_BAR, N_STATE };

struct State {
  double y[N_STATE] = {};
  long r = 0;
  double I_stim = 0.0;
  double h_int = 0.0;
  State() {
    const hh_psc_alpha::State hh;
    std::copy(hh.y, hh.y + N_HH, y);
  }
  void get(Dict& d, const Parameters& p) const {
    hh_state().get(d, p);
    d.set("u_bar_plus", y[U_BAR_PLUS]);
    d.set("u_bar_minus", y[U_BAR_MINUS]);
    d.set("u_bar_bar", y[U_BAR_BAR]);
  }
  void set(const Dict& d, const Parameters& p, double dE) {
    hh_psc_alpha::State hh = hh_state();
    hh.set(d, p, dE);
    double u[3] = {y[U_BAR_PLUS], y[U_BAR_MINUS], y[U_BAR_BAR]};
    read(d, "u_bar_plus", u[0]);
    read(d, "u_bar_minus", u[1]);
    read(d, "u_bar_bar", u[2]);
    std::copy(hh.y, hh.y + N_HH, y);
    std::copy(u, u + 3, y + U_BAR_PLUS);
  }

 private:
  hh_psc_alpha::State hh_state() const {
    hh_psc_alpha::State hh;
    std::copy(y, y + N_HH, hh.y);
    return hh;
  }
};

using Internals = hh_psc_alpha::Internals;

struct Rhs {
  const Parameters& p;
  double I_stim;
  void operator()(const double* y, double* f) const {
    hh_psc_alpha::Rhs{p, I_stim}(y, f);
    p.trace_rhs(y[hh_psc_alpha::V_M], y + U_BAR_PLUS, f + U_BAR_PLUS);
  }
};

}  // namespace hh_psc_alpha_clopath

class HhPscAlphaClopath final
    : public ClopathNeuron<NeuronBase<HhPscAlphaClopath, hh_psc_alpha_clopath::Parameters,
                                      hh_psc_alpha_clopath::State, hh_psc_alpha::Internals>> {
 public:
  const char* help() const override {
    return R"(Name: hh_psc_alpha_clopath - Hodgkin-Huxley neuron with alpha-shaped postsynaptic currents and the
voltage traces of the Clopath plasticity rule.
Description: the dynamics, inputs and spike condition of hh_psc_alpha (V >= 0 mV after the peak,
then no spike for t_ref), plus tau_plus du_bar_plus/dt = V - u_bar_plus,
tau_minus du_bar_minus/dt = V - u_bar_minus, tau_bar_bar du_bar_bar/dt = u_bar_minus - u_bar_bar,
integrated together (adaptive Runge-Kutta-Fehlberg 4(5), absolute error 1e-3). After every step V,
the filtered potentials delayed by delay_u_bars and u_bar_bar go to the Clopath history read by
clopath_synapse (see aeif_psc_delta_clopath).
Parameters: those of hh_psc_alpha, tau_plus (ms, 114), tau_minus (ms, 10 for u_bar_minus),
tau_bar_bar (ms, 500), A_LTD (1/mV, 1.4e-4), A_LTP (1/mV^2, 8e-5), theta_plus (mV, -45.3),
theta_minus (mV, -70.6), A_LTD_const (true), delay_u_bars (ms, 5), u_ref_squared (mV^2, 60);
state Act_m, Inact_h, Act_n, u_bar_plus, u_bar_minus, u_bar_bar (mV, 0).
Receives: SpikeEvent, CurrentEvent (receptor 0). Sends: SpikeEvent.
Recordables: V_m, Act_m, Inact_h, Act_n, I_syn_ex, I_syn_in, u_bar_plus, u_bar_minus, u_bar_bar.
References: Clopath et al. (2010) Connectivity reflects coding: a model of voltage-based STDP with
homeostasis; Hodgkin & Huxley (1952) A quantitative description of membrane current and its
application to conduction and excitation in nerve.)";
  }
  int channels_per_node() const override { return 3; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    if (receptor != 0) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::current) return 2;
    return w > 0.0 ? 0 : 1;
  }
  std::vector<std::string> recordables() const override {
    return {"V_m", "Act_m", "Inact_h", "Act_n", "I_syn_ex", "I_syn_in", "u_bar_plus", "u_bar_minus", "u_bar_bar"};
  }
  double recordable(size_t i, int r) const override {
    using namespace hh_psc_alpha;
    static const int idx[] = {V_M,
                              HH_M,
                              HH_H,
                              HH_N,
                              I_EX,
                              I_IN,
                              hh_psc_alpha_clopath::U_BAR_PLUS,
                              hh_psc_alpha_clopath::U_BAR_MINUS,
                              hh_psc_alpha_clopath::U_BAR_BAR};
    return S_[i].y[idx[r]];
  }
  void update(UpdateCtx& c) override {
    using namespace hh_psc_alpha;
    using hh_psc_alpha_clopath::N_STATE;
    const size_t n = size();
    Kernel& k = kernel();
    const double h = k.h();
    ode::OdeWork<N_STATE> work;
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const ex = c.row(step) + chan_base;
      double* const in = ex + n;
      double* const cur = ex + 2 * n;
      for (size_t i = 0; i < n; ++i) {
        if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& p = P_[i];
        const auto& v = V_[vi_[i]];
        const double V_old = s.y[V_M];
        ode_grid_step(hh_psc_alpha_clopath::Rhs{p, s.I_stim}, ode::Control::on_y(1e-3, 0.0), h, s.h_int, h, s.y,
                      work, *this);
        s.y[DI_EX] += ex[i] * v.i0_ex;
        s.y[DI_IN] += in[i] * v.i0_in;
        if (s.r > 0) {
          --s.r;
        } else if (s.y[V_M] >= 0.0 && V_old > s.y[V_M]) {
          s.r = v.n_ref;
          record_spike(i, step + 1);
          k.emit_spike(c, gids[i], lag, 1);
        }
        write_history(i, step + 1, s.y[V_M], s.y[hh_psc_alpha_clopath::U_BAR_PLUS],
                      s.y[hh_psc_alpha_clopath::U_BAR_MINUS], s.y[hh_psc_alpha_clopath::U_BAR_BAR]);
        s.I_stim = cur[i];
        ex[i] = in[i] = cur[i] = 0.0;
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
