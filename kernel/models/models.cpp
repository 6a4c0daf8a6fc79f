// The model registry: adding a model is one include and one line here.
#include "core/kernel.h"
#include "models/generators.h"
#include "models/iaf_neuron.h"
#include "models/iaf_psc_alpha.h"
#include "models/iaf_psc_delta.h"
#include "models/iaf_psc_exp.h"
#include "models/multimeter.h"
#include "models/parrot_neuron.h"
#include "models/spike_detector.h"

namespace nk {

void register_ode_models(Kernel& k);  // models/ode_models.cpp

template <class M>
static std::unique_ptr<NodeBlock> one() {
  auto b = std::make_unique<M>();
  b->add_default();
  return b;
}

void register_all_models(Kernel& k) {
  k.register_node_model("subnet", nullptr);
  k.register_node_model("iaf_psc_alpha", one<IafPscAlpha>());
  k.register_node_model("iaf_psc_delta", one<IafPscDelta>());
  k.register_node_model("iaf_psc_exp", one<IafPscExp>());
  k.register_node_model("iaf_neuron", one<IafNeuron>());
  k.register_node_model("parrot_neuron", one<ParrotNeuron>());
  k.register_node_model("spike_detector", one<SpikeDetector>());
  k.register_node_model("multimeter", std::make_unique<MultimeterBlock>(std::vector<std::string>{}));
  k.register_node_model("voltmeter", std::make_unique<MultimeterBlock>(std::vector<std::string>{"V_m"}));
  k.register_node_model("spike_generator", one<SpikeGenerator>());
  k.register_node_model("poisson_generator", one<PoissonGenerator>());
  k.register_node_model("dc_generator", one<DcGenerator>());
  register_ode_models(k);

  k.register_synapse_model("static_synapse", false);
  k.register_synapse_model("static_synapse_hom_w", true);
}

}  // namespace nk
