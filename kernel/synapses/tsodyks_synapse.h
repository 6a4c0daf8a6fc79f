// tsodyks_synapse / tsodyks_synapse_hom: short-term plasticity with a synaptic current state
// (Tsodyks, Uziel & Markram 2000); the _hom variant shares U and the time constants.
#pragma once
#include <cmath>

#include "core/plastic.h"

namespace nk {
namespace tsodyks {

struct Params {
  double U = 0.5, tau_psc = 3.0, tau_rec = 800.0, tau_fac = 0.0;  // 1, ms, ms, ms
  void check() const {
    if (U > 1.0 || U < 0.0) throw BadProperty("U must be in [0,1].");
    if (tau_psc <= 0.0) throw BadProperty("tau_psc must be > 0.");
    if (tau_rec <= 0.0) throw BadProperty("tau_rec must be > 0.");
    if (tau_fac < 0.0) throw BadProperty("tau_fac must be >= 0.");
  }
};

// Advances x, y, u from the last spike to t, applies the spike; returns the released fraction.
inline double spike(double& x, double& y, double& u, double& t_last, double t, const Params& p) {
  const double h = t - t_last;
  const double Puu = p.tau_fac == 0.0 ? 0.0 : std::exp(-h / p.tau_fac);
  const double Pyy = std::exp(-h / p.tau_psc);
  const double Pzz = std::exp(-h / p.tau_rec);
  const double Pxy = ((Pzz - 1.0) * p.tau_rec - (Pyy - 1.0) * p.tau_psc) / (p.tau_psc - p.tau_rec);
  const double Pxz = 1.0 - Pzz;
  const double z = 1.0 - x - y;
  u *= Puu;
  x += Pxy * y + Pxz * z;
  y *= Pyy;
  u += p.U * (1.0 - u);
  const double dy = u * x;
  x -= dy;
  y += dy;
  t_last = t;
  return dy;
}

inline void check_xy(double x, double y) {
  if (x + y > 1.0) throw BadProperty("x + y must be <= 1.0.");
}

constexpr const char* DESCRIPTION = R"(Tsodyks, Uziel & Markram (2000), "Synchrony generation in recurrent networks with
frequency-dependent synapses". Resources are recovered (x), active (y) or inactive (z = 1 - x - y);
u is the utilisation. At a spike after an interval h: u <- u exp(-h/tau_fac) (0 if tau_fac = 0),
x, y, z relax exactly with tau_psc and tau_rec, u <- u + U (1 - u), the fraction u x moves from x
to y, and the event carries weight * u * x. Use targets whose synaptic time constant equals tau_psc.)";

}  // namespace tsodyks

struct TsodyksSynapse {
  enum { W, U, TAU_PSC, TAU_REC, TAU_FAC, X, Y, UU, T_LAST };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {{"weight"}, {"U"}, {"tau_psc"}, {"tau_rec"}, {"tau_fac"},
                                            {"x"},      {"y"}, {"u"},       {"t_lastspike", false, false}};
    return f;
  }
  static std::vector<double> defaults() { return {1.0, 0.5, 3.0, 800.0, 0.0, 1.0, 0.0, 0.0, 0.0}; }
  static constexpr bool uses_history = false;
  using Common = NoCommon;
  static tsodyks::Params params(const double* c) { return {c[U], c[TAU_PSC], c[TAU_REC], c[TAU_FAC]}; }
  static void validate(const double* c, const Common&) {
    tsodyks::check_xy(c[X], c[Y]);
    params(c).check();
  }
  static void send(double* c, const Common&, SpikeArgs& a) {
    a.weight = tsodyks::spike(c[X], c[Y], c[UU], c[T_LAST], a.t, params(c)) * c[W];
  }
  static std::string help_text() {
    return std::string("Synapse type with short term plasticity.\nDescription: ") + tsodyks::DESCRIPTION +
           "\nParameters: weight (1.0), delay (ms, 1.0), U (0.5), tau_psc (ms, 3.0), tau_rec (ms, 800.0), "
           "tau_fac (ms, 0.0); state x (1.0), y (0.0), u (0.0).";
  }
  static const char* help() {
    static const std::string s = help_text();
    return s.c_str();
  }
};

struct TsodyksSynapseHom {
  enum { W, X, Y, UU, T_LAST };
  static const std::vector<SynField>& fields() {
    static const std::vector<SynField> f = {{"weight"}, {"x"}, {"y"}, {"u"}, {"t_lastspike", false, false}};
    return f;
  }
  static std::vector<double> defaults() { return {1.0, 1.0, 0.0, 0.0, 0.0}; }
  static constexpr bool uses_history = false;
  struct Common {
    tsodyks::Params p;
    void get(Dict& d) const {
      d.set("U", p.U);
      d.set("tau_psc", p.tau_psc);
      d.set("tau_rec", p.tau_rec);
      d.set("tau_fac", p.tau_fac);
    }
    void set(const Dict& d) {
      tsodyks::Params x = p;
      read(d, "U", x.U);
      read(d, "tau_psc", x.tau_psc);
      read(d, "tau_rec", x.tau_rec);
      read(d, "tau_fac", x.tau_fac);
      x.check();
      p = x;
    }
    static std::vector<std::string> keys() { return {"U", "tau_psc", "tau_rec", "tau_fac"}; }
  };
  static void validate(const double* c, const Common&) { tsodyks::check_xy(c[X], c[Y]); }
  static void send(double* c, const Common& cp, SpikeArgs& a) {
    a.weight = tsodyks::spike(c[X], c[Y], c[UU], c[T_LAST], a.t, cp.p) * c[W];
  }
  static std::string help_text() {
    return std::string("Synapse type with short term plasticity and homogeneous parameters.\nDescription: ") +
           tsodyks::DESCRIPTION +
           "\nU and the time constants are common properties (SetDefaults/CopyModel only).\n"
           "Parameters: common U (0.5), tau_psc (ms, 3.0), tau_rec (ms, 800.0), tau_fac (ms, 0.0); "
           "per connection weight (1.0), delay (ms, 1.0), x (1.0), y (0.0), u (0.0).";
  }
  static const char* help() {
    static const std::string s = help_text();
    return s.c_str();
  }
};

}  // namespace nk
