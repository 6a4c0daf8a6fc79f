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
// stimulation and recording devices of the model zoo
#include "models/ac_generator.h"
#include "models/correlation_detector.h"
#include "models/correlomatrix_detector.h"
#include "models/gamma_sup_generator.h"
#include "models/inhomogeneous_poisson_generator.h"
#include "models/mip_generator.h"
#include "models/noise_generator.h"
#include "models/ppd_sup_generator.h"
#include "models/pulsepacket_generator.h"
#include "models/sinusoidal_gamma_generator.h"
#include "models/sinusoidal_poisson_generator.h"
#include "models/spike_dilutor.h"
#include "models/step_current_generator.h"

namespace nk {

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
  // stimulation and recording devices of the model zoo
  k.register_node_model("ac_generator", one<AcGenerator>());
  k.register_node_model("correlation_detector", one<CorrelationDetector>());
  k.register_node_model("correlomatrix_detector", one<CorrelomatrixDetector>());
  k.register_node_model("gamma_sup_generator", one<GammaSupGenerator>());
  k.register_node_model("inhomogeneous_poisson_generator", one<InhomogeneousPoissonGenerator>());
  k.register_node_model("mip_generator", one<MipGenerator>());
  k.register_node_model("noise_generator", one<NoiseGenerator>());
  k.register_node_model("ppd_sup_generator", one<PpdSupGenerator>());
  k.register_node_model("pulsepacket_generator", one<PulsepacketGenerator>());
  k.register_node_model("sinusoidal_gamma_generator", one<SinusoidalGammaGenerator>());
  k.register_node_model("sinusoidal_poisson_generator", one<SinusoidalPoissonGenerator>());
  k.register_node_model("spike_dilutor", one<SpikeDilutor>());
  k.register_node_model("step_current_generator", one<StepCurrentGenerator>());

  k.register_synapse_model("static_synapse", false);
  k.register_synapse_model("static_synapse_hom_w", true);
}

}  // namespace nk
