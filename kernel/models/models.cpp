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
#include "models/volume_transmitter.h"
#include "models/weight_recorder.h"
#include "synapses/bernoulli_synapse.h"
#include "synapses/cont_delay_synapse.h"
#include "synapses/ht_synapse.h"
#include "synapses/quantal_stp_synapse.h"
#include "synapses/stdp_dopamine_synapse.h"
#include "synapses/stdp_nn_pre_centered_synapse.h"
#include "synapses/stdp_nn_restr_synapse.h"
#include "synapses/stdp_nn_symm_synapse.h"
#include "synapses/stdp_pl_synapse_hom.h"
#include "synapses/stdp_synapse.h"
#include "synapses/stdp_synapse_hom.h"
#include "synapses/stdp_triplet_synapse.h"
#include "synapses/tsodyks2_synapse.h"
#include "synapses/tsodyks_synapse.h"
#include "synapses/vogels_sprekeler_synapse.h"

namespace nk {

template <class M>
static std::unique_ptr<PlasticModel> syn() {
  return std::make_unique<PlasticImpl<M>>();
}

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
  k.register_node_model("weight_recorder", one<WeightRecorder>());
  k.register_node_model("volume_transmitter", one<VolumeTransmitter>());

  k.register_synapse_model("static_synapse", false);
  k.register_synapse_model("static_synapse_hom_w", true);

  // synapses with per-connection state
  k.register_synapse_model("bernoulli_synapse", syn<BernoulliSynapse>());
  k.register_synapse_model("cont_delay_synapse", syn<ContDelaySynapse>());
  k.register_synapse_model("ht_synapse", syn<HtSynapse>());
  k.register_synapse_model("quantal_stp_synapse", syn<QuantalStpSynapse>());
  k.register_synapse_model("stdp_synapse", syn<StdpSynapse>());
  k.register_synapse_model("stdp_synapse_hom", syn<StdpSynapseHom>());
  k.register_synapse_model("stdp_dopamine_synapse", syn<StdpDopamineSynapse>());
  k.register_synapse_model("stdp_nn_restr_synapse", syn<StdpNnRestrSynapse>());
  k.register_synapse_model("stdp_nn_symm_synapse", syn<StdpNnSymmSynapse>());
  k.register_synapse_model("stdp_nn_pre-centered_synapse", syn<StdpNnPreCenteredSynapse>());
  k.register_synapse_model("stdp_pl_synapse_hom", syn<StdpPlSynapseHom>());
  k.register_synapse_model("stdp_triplet_synapse", syn<StdpTripletSynapse>());
  k.register_synapse_model("tsodyks_synapse", syn<TsodyksSynapse>());
  k.register_synapse_model("tsodyks_synapse_hom", syn<TsodyksSynapseHom>());
  k.register_synapse_model("tsodyks2_synapse", syn<Tsodyks2Synapse>());
  k.register_synapse_model("vogels_sprekeler_synapse", syn<VogelsSprekelerSynapse>());
}

}  // namespace nk
