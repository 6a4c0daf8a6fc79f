// The model registry: adding a model is one include and one line here.
#include "core/kernel.h"
#include "models/amat2_psc_exp.h"
#include "models/erfc_neuron.h"
#include "models/generators.h"
#include "models/gif_psc_exp.h"
#include "models/gif_psc_exp_multisynapse.h"
#include "models/ginzburg_neuron.h"
#include "models/glif_psc.h"
#include "models/iaf_chs_2007.h"
#include "models/iaf_psc_alpha_multisynapse.h"
#include "models/iaf_psc_alpha_ps.h"
#include "models/iaf_psc_delta_ps.h"
#include "models/iaf_psc_exp_multisynapse.h"
#include "models/iaf_psc_exp_ps.h"
#include "models/iaf_psc_exp_ps_lossless.h"
#include "models/iaf_tum_2000.h"
#include "models/izhikevich.h"
#include "models/mat2_psc_exp.h"
#include "models/mcculloch_pitts_neuron.h"
#include "models/iaf_neuron.h"
#include "models/iaf_psc_alpha.h"
#include "models/iaf_psc_delta.h"
#include "models/iaf_psc_exp.h"
#include "models/multimeter.h"
#include "models/parrot_neuron.h"
#include "models/parrot_neuron_ps.h"
#include "models/pp_pop_psc_delta.h"
#include "models/pp_psc_delta.h"
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
#include "synapses/clopath_synapse.h"
#include "synapses/stdp_synapse_hom.h"
#include "synapses/stdp_triplet_synapse.h"
#include "synapses/tsodyks2_synapse.h"
#include "synapses/tsodyks_synapse.h"
#include "synapses/vogels_sprekeler_synapse.h"
// ode2: binary-state recorders
#include "models/correlospinmatrix_detector.h"
#include "models/spin_detector.h"

namespace nk {

void register_ode_models(Kernel& k);  // models/ode_models.cpp

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
  // stimulation and recording devices of the model zoo
  k.register_node_model("ac_generator", one<AcGenerator>());
  k.register_node_model("correlation_detector", one<CorrelationDetector>());
  k.register_node_model("correlomatrix_detector", one<CorrelomatrixDetector>());
  // ode2
  k.register_node_model("spin_detector", one<SpinDetector>());
  k.register_node_model("correlospinmatrix_detector", one<CorrelospinmatrixDetector>());
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

  // exact-integration and stochastic models
  k.register_node_model("iaf_psc_alpha_multisynapse", one<IafPscAlphaMultisynapse>());
  k.register_node_model("iaf_psc_exp_multisynapse", one<IafPscExpMultisynapse>());
  k.register_node_model("izhikevich", one<Izhikevich>());
  k.register_node_model("mat2_psc_exp", one<Mat2PscExp>());
  k.register_node_model("amat2_psc_exp", one<Amat2PscExp>());
  k.register_node_model("gif_psc_exp", one<GifPscExp>());
  k.register_node_model("gif_psc_exp_multisynapse", one<GifPscExpMultisynapse>());
  k.register_node_model("iaf_tum_2000", one<IafTum2000>());
  k.register_node_model("iaf_chs_2007", one<IafChs2007>());
  k.register_node_model("pp_psc_delta", one<PpPscDelta>());
  k.register_node_model("glif_psc", one<GlifPsc>());
  k.register_node_model("pp_pop_psc_delta", one<PpPopPscDelta>());

  // precise spike timing (off-grid spikes)
  k.register_node_model("iaf_psc_exp_ps", one<IafPscExpPs>());
  k.register_node_model("iaf_psc_exp_ps_lossless", one<IafPscExpPsLossless>());
  k.register_node_model("iaf_psc_alpha_ps", one<IafPscAlphaPs>());
  for (auto name : {IafPscAlphaPs::Name::canon, IafPscAlphaPs::Name::presc}) {
    auto alias = std::make_unique<IafPscAlphaPs>();
    alias->name = name;
    alias->add_default();
    k.register_node_model(name == IafPscAlphaPs::Name::canon ? "iaf_psc_alpha_canon" : "iaf_psc_alpha_presc",
                          std::move(alias));
  }
  k.register_node_model("iaf_psc_delta_ps", one<IafPscDeltaPs>());
  k.register_node_model("parrot_neuron_ps", one<ParrotNeuronPs>());
  k.register_node_model("poisson_generator_ps", one<PoissonGeneratorPs>());

  // binary neurons
  k.register_node_model("mcculloch_pitts_neuron", one<McCullochPittsNeuron>());
  k.register_node_model("ginzburg_neuron", one<GinzburgNeuron>());
  k.register_node_model("erfc_neuron", one<ErfcNeuron>());

  // ODE-integrated models (models/ode_models.cpp)
  register_ode_models(k);
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
  k.register_synapse_model("clopath_synapse", syn<ClopathSynapse>());
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
