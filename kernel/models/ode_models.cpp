// Registry of the neuron models integrated with the adaptive RKF45 solver (core/ode.h). They live
// in their own translation unit so that editing one of them does not rebuild every other model.
#include "core/kernel.h"
#include "models/aeif_cond_alpha.h"
#include "models/aeif_cond_alpha_multisynapse.h"
#include "models/aeif_cond_beta_multisynapse.h"
#include "models/aeif_cond_exp.h"
#include "models/aeif_psc_alpha.h"
#include "models/aeif_psc_delta.h"
#include "models/aeif_psc_delta_clopath.h"
#include "models/hh_psc_alpha_clopath.h"
#include "models/aeif_psc_exp.h"
#include "models/gif_cond_exp.h"
#include "models/hh_cond_exp_traub.h"
#include "models/hh_psc_alpha.h"
#include "models/ht_neuron.h"
#include "models/iaf_chxk_2008.h"
#include "models/iaf_cond_alpha.h"
#include "models/iaf_cond_alpha_mc.h"
#include "models/iaf_cond_beta.h"
#include "models/iaf_cond_exp.h"
#include "models/iaf_cond_exp_sfa_rr.h"
// ode2: remaining ODE models of the zoo
#include "models/gif_cond_exp_multisynapse.h"
#include "models/glif_cond.h"

namespace nk {

template <class M>
static std::unique_ptr<NodeBlock> ode_proto() {
  auto b = std::make_unique<M>();
  b->add_default();
  return b;
}

void register_ode_models(Kernel& k) {
  k.register_node_model("aeif_cond_alpha", ode_proto<AeifCondAlpha>());
  k.register_node_model("aeif_cond_exp", ode_proto<AeifCondExp>());
  {
    auto alpha = std::make_unique<AeifCondAlphaMultisynapse>();
    alpha->add_default_node();
    alpha->make_alpha_defaults();
    k.register_node_model("aeif_cond_alpha_multisynapse", std::move(alpha));
    auto beta = std::make_unique<AeifCondBetaMultisynapse>();
    beta->add_default_node();
    k.register_node_model("aeif_cond_beta_multisynapse", std::move(beta));
  }
  k.register_node_model("aeif_psc_alpha", ode_proto<AeifPscAlpha>());
  k.register_node_model("aeif_psc_delta", ode_proto<AeifPscDelta>());
  k.register_node_model("aeif_psc_exp", ode_proto<AeifPscExp>());
  k.register_node_model("iaf_cond_alpha", ode_proto<IafCondAlpha>());
  k.register_node_model("iaf_cond_alpha_mc", ode_proto<IafCondAlphaMc>());
  k.register_node_model("iaf_cond_beta", ode_proto<IafCondBeta>());
  k.register_node_model("iaf_cond_exp", ode_proto<IafCondExp>());
  k.register_node_model("iaf_cond_exp_sfa_rr", ode_proto<IafCondExpSfaRr>());
  k.register_node_model("iaf_chxk_2008", ode_proto<IafChxk2008>());
  k.register_node_model("hh_psc_alpha", ode_proto<HhPscAlpha>());
  k.register_node_model("aeif_psc_delta_clopath", ode_proto<AeifPscDeltaClopath>());
  k.register_node_model("hh_psc_alpha_clopath", ode_proto<HhPscAlphaClopath>());
  k.register_node_model("gif_cond_exp", ode_proto<GifCondExp>());
  k.register_node_model("hh_cond_exp_traub", ode_proto<HhCondExpTraub>());
  k.register_node_model("ht_neuron", ode_proto<HtNeuron>());
  // ode2
  k.register_node_model("gif_cond_exp_multisynapse", ode_proto<GifCondExpMultisynapse>());
  k.register_node_model("glif_cond", ode_proto<GlifCond>());
}

}  // namespace nk
