// iaf_cond_alpha_mc: three-compartment (soma, proximal, distal dendrite) integrate-and-fire neuron
// with alpha-shaped conductances in each compartment; adaptive RKF45 (absolute error 1e-3).
#pragma once
#include "models/ode_neuron.h"

namespace nk {
namespace iaf_cond_alpha_mc {

enum { SOMA, PROX, DIST, NCOMP };
inline const char* comp_name(int n) {
  static const char* names[] = {"soma", "proximal", "distal"};
  return names[n];
}

struct Compartment {
  double g_L, C_m, E_ex = 0.0, E_in = -85.0, E_L = -70.0, tau_ex = 0.5, tau_in = 2.0, I_e = 0.0;
  static const auto& keys() {
    using C = Compartment;
    static const Key<C> k[] = {{"g_L", &C::g_L},   {"E_L", &C::E_L},          {"E_ex", &C::E_ex},
                               {"E_in", &C::E_in}, {"C_m", &C::C_m},          {"tau_syn_ex", &C::tau_ex},
                               {"tau_syn_in", &C::tau_in}, {"I_e", &C::I_e}};
    return k;
  }
};

struct Parameters {
  double V_th = -55.0;     // mV (soma)
  double V_reset = -60.0;  // mV
  double t_ref = 2.0;      // ms
  double g_sp = 2.5;       // nS, soma-proximal coupling
  double g_pd = 1.0;       // nS, proximal-distal coupling
  Compartment c[NCOMP] = {{10.0, 150.0}, {5.0, 75.0}, {10.0, 150.0}};

  void get(Dict& d) const {
    d.set("V_th", V_th);
    d.set("V_reset", V_reset);
    d.set("t_ref", t_ref);
    d.set("g_sp", g_sp);
    d.set("g_pd", g_pd);
    for (int n = 0; n < NCOMP; ++n) {
      auto dd = std::make_shared<Dict>();
      put_keys(c[n], *dd, Compartment::keys());
      d.set(comp_name(n), dd);
    }
  }
  double set(const Dict& d) {
    read(d, "V_th", V_th);
    read(d, "V_reset", V_reset);
    read(d, "t_ref", t_ref);
    read(d, "g_sp", g_sp);
    read(d, "g_pd", g_pd);
    for (int n = 0; n < NCOMP; ++n) {
      DictPtr dd;
      if (read_dict(d, comp_name(n), dd)) take_keys(c[n], *dd, Compartment::keys());
    }
    if (V_reset >= V_th) throw BadProperty("Reset potential must be smaller than threshold.");
    if (t_ref < 0) throw BadProperty("Refractory time cannot be negative.");
    for (int n = 0; n < NCOMP; ++n) {
      if (c[n].C_m <= 0) throw BadProperty(std::string("Capacitance (") + comp_name(n) + ") must be strictly positive.");
      if (c[n].tau_ex <= 0 || c[n].tau_in <= 0)
        throw BadProperty(std::string("All time constants (") + comp_name(n) + ") must be strictly positive.");
    }
    return 0.0;
  }
};

// per compartment: V_m, dg_ex, g_ex, dg_in, g_in
enum { V_M, DG_EX, G_EX, DG_IN, G_IN, PER_COMP };
constexpr int N_STATE = NCOMP * PER_COMP;
constexpr int idx(int comp, int var) { return comp * PER_COMP + var; }

struct State {
  double y[N_STATE] = {};
  long r = 0;
  double I_stim[NCOMP] = {0.0, 0.0, 0.0};  // pA
  double h_int = 0.0;                      // ms
  State() {
    for (int n = 0; n < NCOMP; ++n) y[idx(n, V_M)] = -70.0;
  }
  void get(Dict& d, const Parameters&) const {
    // the compartment dictionaries were made by Parameters::get
    for (int n = 0; n < NCOMP; ++n) {
      auto* v = d.lookup(comp_name(n));
      if (v)
        if (auto dd = std::get_if<DictPtr>(&v->v)) (*dd)->set("V_m", y[idx(n, V_M)]);
    }
  }
  void set(const Dict& d, const Parameters&, double) {
    for (int n = 0; n < NCOMP; ++n) {
      DictPtr dd;
      if (read_dict(d, comp_name(n), dd)) read(*dd, "V_m", y[idx(n, V_M)]);
    }
  }
};

struct Internals {
  double g0_ex[NCOMP], g0_in[NCOMP];
  long n_ref;
  void compute(const Parameters& p, double) {
    for (int n = 0; n < NCOMP; ++n) {
      g0_ex[n] = M_E / p.c[n].tau_ex;
      g0_in[n] = M_E / p.c[n].tau_in;
    }
    n_ref = refractory_steps(p.t_ref);
  }
};

struct Rhs {
  const Parameters& p;
  const double* I_stim;
  bool refractory;
  void operator()(const double* y, double* f) const {
    for (int n = 0; n < NCOMP; ++n) {
      double V, I_conn;
      if (n == SOMA) {
        V = refractory ? p.V_reset : std::min(y[idx(SOMA, V_M)], p.V_th);
        I_conn = p.g_sp * (V - y[idx(PROX, V_M)]);
      } else if (n == PROX) {
        V = y[idx(PROX, V_M)];
        I_conn = p.g_sp * (V - y[idx(SOMA, V_M)]) + p.g_pd * (V - y[idx(DIST, V_M)]);
      } else {
        V = y[idx(DIST, V_M)];
        I_conn = p.g_pd * (V - y[idx(PROX, V_M)]);
      }
      const Compartment& c = p.c[n];
      const double I_ex = y[idx(n, G_EX)] * (V - c.E_ex);
      const double I_in = y[idx(n, G_IN)] * (V - c.E_in);
      const double I_L = c.g_L * (V - c.E_L);
      // as in the reference, refractoriness freezes all three membrane potentials
      f[idx(n, V_M)] = refractory ? 0.0 : (-I_L - I_ex - I_in - I_conn + I_stim[n] + c.I_e) / c.C_m;
      f[idx(n, DG_EX)] = -y[idx(n, DG_EX)] / c.tau_ex;
      f[idx(n, G_EX)] = y[idx(n, DG_EX)] - y[idx(n, G_EX)] / c.tau_ex;
      f[idx(n, DG_IN)] = -y[idx(n, DG_IN)] / c.tau_in;
      f[idx(n, G_IN)] = y[idx(n, DG_IN)] - y[idx(n, G_IN)] / c.tau_in;
    }
  }
};

}  // namespace iaf_cond_alpha_mc

class IafCondAlphaMc final : public NeuronBase<IafCondAlphaMc, iaf_cond_alpha_mc::Parameters,
                                               iaf_cond_alpha_mc::State, iaf_cond_alpha_mc::Internals> {
 public:
  const char* help() const override {
    return R"(Name: iaf_cond_alpha_mc - Multi-compartment conductance-based leaky integrate-and-fire neuron.
Description: three passive compartments (soma, proximal and distal dendrite) in a chain, coupled by
g_sp (soma-proximal) and g_pd (proximal-distal): C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex)
- g_in (V - E_in) - coupling currents + I_e + I_stim in each compartment, with alpha-shaped
conductances (peak = weight at tau_syn). The soma spikes when V >= V_th and is reset to V_reset;
during t_ref all membrane potentials are frozen and the soma is held at V_reset. Adaptive
Runge-Kutta-Fehlberg 4(5) (absolute error 1e-3).
Receptor types: soma_exc 1, soma_inh 2, proximal_exc 3, proximal_inh 4, distal_exc 5, distal_inh 6
(spikes; weights are conductances in nS), soma_curr 7, proximal_curr 8, distal_curr 9 (currents).
Parameters: V_th (mV, -55), V_reset (mV, -60), t_ref (ms, 2), g_sp (nS, 2.5), g_pd (nS, 1.0), and in the
dictionaries soma / proximal / distal: V_m (mV, -70), E_L (mV, -70), C_m (pF, 150 / 75 / 150), g_L (nS,
10 / 5 / 10), E_ex (mV, 0), E_in (mV, -85), tau_syn_ex (ms, 0.5), tau_syn_in (ms, 2), I_e (pA, 0).
Receives: SpikeEvent (receptors 1-6), CurrentEvent (receptors 7-9). Sends: SpikeEvent.
Recordables: V_m.s, g_ex.s, g_in.s, V_m.p, g_ex.p, g_in.p, V_m.d, g_ex.d, g_in.d, t_ref_remaining.
References: Bernander, Douglas, Martin & Koch (1991) Synaptic background activity influences
spatiotemporal integration in single pyramidal cells; Meffin, Burkitt & Grayden (2004).)";
  }
  // channels per node: 0-5 spikes (compartment-wise excitatory, inhibitory), 6-8 currents
  int channels_per_node() const override { return 9; }
  int input_channel(size_t, EventKind ev, long receptor, double w) const override {
    const bool spike_port = receptor >= 1 && receptor <= 6, current_port = receptor >= 7 && receptor <= 9;
    if (receptor < 0 || receptor > 9) NodeBlock::input_channel(0, EventKind::spike, receptor, w);
    if (ev == EventKind::spike) {
      if (!spike_port)
        throw KernelError("IncompatibleReceptorType", "Receptor type " + std::to_string(receptor) + " in " +
                                                          model_name() + " does not accept SpikeEvent.");
      return int(receptor - 1);
    }
    if (!current_port)
      throw KernelError("IncompatibleReceptorType", "Receptor type " + std::to_string(receptor) + " in " +
                                                        model_name() + " does not accept CurrentEvent.");
    return int(receptor - 1);
  }
  long channel_receptor(int ch) const override { return ch + 1; }
  void get_status(size_t i, Dict& d) const override {
    NeuronBase::get_status(i, d);
    auto rt = std::make_shared<Dict>();
    const char* names[] = {"soma_exc", "soma_inh", "proximal_exc", "proximal_inh", "distal_exc",
                           "distal_inh", "soma_curr", "proximal_curr", "distal_curr"};
    for (int k = 0; k < 9; ++k) rt->set(names[k], int64_t(k + 1));
    d.set("receptor_types", rt);
  }
  std::vector<std::string> recordables() const override {
    return {"V_m.s", "g_ex.s", "g_in.s", "V_m.p", "g_ex.p", "g_in.p", "V_m.d", "g_ex.d", "g_in.d", "t_ref_remaining"};
  }
  double recordable(size_t i, int r) const override {
    using namespace iaf_cond_alpha_mc;
    if (r == 9) return S_[i].r * kernel().h();
    static const int var[] = {V_M, G_EX, G_IN};
    return S_[i].y[idx(r / 3, var[r % 3])];
  }
  void update(UpdateCtx& c) override {
    using namespace iaf_cond_alpha_mc;
    const size_t n = size();
    Kernel& k = kernel();
    const double h = k.h();
    ode::OdeWork<N_STATE> work;
    for (int lag = c.from; lag < c.to; ++lag) {
      const int64_t step = c.T + lag;
      double* const in = c.row(step) + chan_base;
      for (size_t i = 0; i < n; ++i) {
        if (any_frozen && frozen[i]) continue;
        auto& s = S_[i];
        const auto& p = P_[i];
        const auto& v = V_[vi_[i]];
        ode_grid_step(Rhs{p, s.I_stim, s.r > 0}, ode::Control::on_y(1e-3, 0.0), h, s.h_int, h, s.y, work, *this);
        for (int m = 0; m < NCOMP; ++m) {
          double& ex = in[(2 * m) * n + i];
          double& inh = in[(2 * m + 1) * n + i];
          s.y[idx(m, DG_EX)] += ex * v.g0_ex[m];
          s.y[idx(m, DG_IN)] += inh * v.g0_in[m];
          ex = inh = 0.0;
        }
        if (s.r > 0) {
          --s.r;
          s.y[idx(SOMA, V_M)] = p.V_reset;
        } else if (s.y[idx(SOMA, V_M)] >= p.V_th) {
          s.r = v.n_ref;
          s.y[idx(SOMA, V_M)] = p.V_reset;
          record_spike(i, step + 1);
          k.emit_spike(c, gids[i], lag, 1);
        }
        for (int m = 0; m < NCOMP; ++m) {
          double& cur = in[(6 + m) * n + i];
          s.I_stim[m] = cur;
          cur = 0.0;
        }
      }
      if (!loggers.empty()) log_step(step + 1);
    }
  }
};

}  // namespace nk
