"""Neuron models integrated with the adaptive RKF45 solver: reference cases of the established
simulator, defaults, recordables, parameter validation, receptor ports and solver errors."""
import numpy as np
import pytest

from kernel_ref import load_case, replay, spike_times, trace

REFERENCE_CASES = [
    "A_dc__aeif_cond_alpha", "A_psp__aeif_cond_alpha",
    "A_dc__aeif_cond_exp", "A_drive__aeif_cond_exp",
    "A_drive__aeif_psc_alpha", "A_psp__aeif_psc_alpha",
    "A_dc__hh_cond_exp_traub", "A_psp__hh_cond_exp_traub",
    "A_drive__hh_psc_alpha", "A_psp__hh_psc_alpha",
    "A_dc__iaf_cond_alpha", "A_psp__iaf_cond_alpha",
    "A_dc__iaf_cond_beta", "A_psp__iaf_cond_beta",
    "A_dc__iaf_cond_exp", "A_drive__iaf_cond_exp", "A_psp__iaf_cond_exp",
    "A_dc__iaf_chxk_2008", "A_drive__iaf_chxk_2008", "A_psp__iaf_chxk_2008",
    "A_dc__ht_neuron", "A_psp__ht_neuron", "A_psp_receptors__ht_neuron",
]

@pytest.mark.parametrize("name", REFERENCE_CASES)
def test_reference_case_voltage_and_spikes(nk, name):
    case = load_case(name)
    gids = replay(nk, case)
    ev = nk.get_status(gids["mm"])[0]["events"]
    t_ref, v_ref = trace(case["outputs"]["V_m"])
    np.testing.assert_allclose(ev["times"], t_ref, rtol=0, atol=1e-9)
    assert np.max(np.abs(ev["V_m"] - v_ref)) < 1e-6
    got = spike_times(nk, gids["sr"])
    expected = np.array(case["outputs"]["spike_times"], dtype=float)
    # iaf_chxk_2008 spikes off the grid (interpolated inside the step), like the reference
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)


def test_reference_cases_produce_spikes_where_the_reference_does(nk):
    # guards the case list above against degenerate (silent) replays
    fired = [n for n in REFERENCE_CASES if load_case(n)["outputs"]["spike_times"]]
    assert len(fired) >= 10


SPEC_DEFAULTS = {
    "iaf_cond_alpha": dict(C_m=250.0, E_ex=0.0, E_in=-85.0, E_L=-70.0, g_L=16.6667, I_e=0.0, t_ref=2.0,
                           tau_syn_ex=0.2, tau_syn_in=2.0, V_m=-70.0, V_reset=-60.0, V_th=-55.0),
    "iaf_cond_exp": dict(C_m=250.0, E_ex=0.0, E_in=-85.0, E_L=-70.0, g_L=16.6667, I_e=0.0, t_ref=2.0,
                         tau_syn_ex=0.2, tau_syn_in=2.0, V_m=-70.0, V_reset=-60.0, V_th=-55.0),
    "iaf_cond_beta": dict(C_m=250.0, E_ex=0.0, E_in=-85.0, E_L=-70.0, g_L=16.6667, I_e=0.0, t_ref=2.0,
                          tau_decay_ex=0.2, tau_decay_in=2.0, tau_rise_ex=0.2, tau_rise_in=2.0, V_m=-70.0,
                          V_reset=-60.0, V_th=-55.0),
    "iaf_cond_exp_sfa_rr": dict(C_m=289.5, E_ex=0.0, E_in=-75.0, E_L=-70.0, E_rr=-70.0, E_sfa=-70.0, g_ex=0.0,
                                g_in=0.0, g_L=28.95, g_rr=0.0, g_sfa=0.0, I_e=0.0, q_rr=3214.0, q_sfa=14.48,
                                t_ref=0.5, tau_rr=1.97, tau_sfa=110.0, tau_syn_ex=1.5, tau_syn_in=10.0, V_m=-70.0,
                                V_reset=-70.0, V_th=-57.0),
    "iaf_chxk_2008": dict(ahp_bug=False, C_m=1000.0, E_ahp=-95.0, E_ex=20.0, E_in=-90.0, E_L=-60.0, g_ahp=443.8,
                          g_L=100.0, I_e=0.0, tau_ahp=0.5, tau_syn_ex=1.0, tau_syn_in=1.0, V_m=-60.0, V_th=-45.0),
    "hh_psc_alpha": dict(Act_m=0.05293248525724958, Act_n=0.3176769140606974, C_m=100.0, E_K=-77.0,
                         E_L=-54.402, E_Na=50.0, g_K=3600.0, g_L=30.0, g_Na=12000.0, I_e=0.0,
                         Inact_h=0.5961207535084603, t_ref=2.0, tau_syn_ex=0.2, tau_syn_in=2.0, V_m=-65.0),
    "hh_cond_exp_traub": dict(Act_m=9.895563096746586e-09, Act_n=2.551577051602551e-07, C_m=200.0, E_ex=0.0,
                              E_in=-80.0, E_K=-90.0, E_L=-60.0, E_Na=50.0, g_K=6000.0, g_L=10.0, g_Na=20000.0,
                              I_e=0.0, Inact_h=0.999999999106396, t_ref=2.0, tau_syn_ex=5.0, tau_syn_in=10.0,
                              V_m=-60.0, V_T=-63.0),
}
SPEC_DEFAULTS["ht_neuron"] = dict(
    E_K=-90.0, E_Na=30.0, E_rev_AMPA=0.0, E_rev_GABA_A=-70.0, E_rev_GABA_B=-90.0, E_rev_h=-40.0, E_rev_KNa=-90.0,
    E_rev_NaP=30.0, E_rev_NMDA=0.0, E_rev_T=0.0, g_KL=1.0, g_NaL=0.2, g_peak_AMPA=0.1, g_peak_GABA_A=0.33,
    g_peak_GABA_B=0.0132, g_peak_h=1.0, g_peak_KNa=1.0, g_peak_NaP=1.0, g_peak_NMDA=0.075, g_peak_T=1.0,
    instant_unblock_NMDA=False, S_act_NMDA=0.081, t_ref=2.0, tau_D_KNa=1250.0, tau_decay_AMPA=2.4,
    tau_decay_GABA_A=7.0, tau_decay_GABA_B=200.0, tau_decay_NMDA=40.0, tau_m=16.0, tau_Mg_fast_NMDA=0.68,
    tau_Mg_slow_NMDA=22.7, tau_rise_AMPA=0.5, tau_rise_GABA_A=1.0, tau_rise_GABA_B=60.0, tau_rise_NMDA=4.0,
    tau_spike=1.75, tau_theta=2.0, theta=-51.0, theta_eq=-51.0, V_act_NMDA=-25.57, V_m=-70.0, voltage_clamp=False)
SPEC_DEFAULTS["gif_cond_exp"] = dict(
    C_m=80.0, Delta_V=0.5, E_ex=0.0, E_in=-85.0, E_L=-70.0, E_sfa=0.0, g_L=4.0, gsl_error_tol=0.001, I_e=0.0,
    I_stc=0.0, lambda_0=1.0, q_sfa=[], q_stc=[], t_ref=4.0, tau_sfa=[], tau_stc=[], tau_syn_ex=2.0, tau_syn_in=2.0,
    V_m=-70.0, V_reset=-55.0, V_T_star=-35.0)
ADEX = dict(a=4.0, b=80.5, C_m=281.0, Delta_T=2.0, E_L=-70.6, g_L=30.0, gsl_error_tol=1e-06, I_e=0.0, t_ref=0.0,
            tau_w=144.0, V_m=-70.6, V_peak=0.0, V_reset=-60.0, V_th=-50.4, w=0.0)
SPEC_DEFAULTS.update({
    "aeif_cond_alpha": dict(ADEX, dg_ex=0.0, dg_in=0.0, E_ex=0.0, E_in=-85.0, g_ex=0.0, g_in=0.0, tau_syn_ex=0.2,
                            tau_syn_in=2.0),
    "aeif_cond_exp": dict(ADEX, E_ex=0.0, E_in=-85.0, g_ex=0.0, g_in=0.0, tau_syn_ex=0.2, tau_syn_in=2.0),
    "aeif_psc_alpha": dict(ADEX, dI_syn_ex=0.0, dI_syn_in=0.0, I_syn_ex=0.0, I_syn_in=0.0, tau_syn_ex=0.2,
                           tau_syn_in=2.0),
    "aeif_psc_exp": dict(ADEX, I_syn_ex=0.0, I_syn_in=0.0, tau_syn_ex=0.2, tau_syn_in=2.0),
    "aeif_psc_delta": dict(ADEX, refractory_input=False),
    "aeif_cond_alpha_multisynapse": dict(ADEX, dg=[0.0], E_rev=[0.0], g=[0.0], has_connections=False,
                                         n_receptors=1, tau_syn=[2.0]),
    "aeif_cond_beta_multisynapse": dict(ADEX, dg=[0.0], E_rev=[0.0], g=[0.0], has_connections=False,
                                        n_receptors=1, tau_decay=[20.0], tau_rise=[2.0]),
})

SPEC_RECORDABLES = {
    "iaf_cond_alpha_mc": {"V_m.s", "g_ex.s", "g_in.s", "V_m.p", "g_ex.p", "g_in.p", "V_m.d", "g_ex.d", "g_in.d",
                          "t_ref_remaining"},
    "iaf_cond_alpha": {"g_ex", "g_in", "t_ref_remaining", "V_m"},
    "iaf_cond_exp": {"g_ex", "g_in", "V_m"},
    "iaf_cond_beta": {"g_ex", "g_in", "t_ref_remaining", "V_m"},
    "iaf_cond_exp_sfa_rr": {"g_ex", "g_in", "g_rr", "g_sfa", "V_m"},
    "iaf_chxk_2008": {"g_ahp", "g_ex", "g_in", "I_ahp", "I_syn_ex", "I_syn_in", "V_m"},
    "hh_psc_alpha": {"Act_m", "Act_n", "I_syn_ex", "I_syn_in", "Inact_h", "V_m"},
    "hh_cond_exp_traub": {"Act_m", "Act_n", "g_ex", "g_in", "Inact_h", "V_m"},
    "aeif_cond_alpha": {"g_ex", "g_in", "V_m", "w"},
    "aeif_cond_exp": {"g_ex", "g_in", "V_m", "w"},
    "aeif_psc_alpha": {"I_syn_ex", "I_syn_in", "V_m", "w"},
    "aeif_psc_exp": {"I_syn_ex", "I_syn_in", "V_m", "w"},
    "aeif_psc_delta": {"V_m", "w"},
    "aeif_cond_alpha_multisynapse": {"V_m", "w", "g_1"},
    "aeif_cond_beta_multisynapse": {"V_m", "w", "g_1"},
    "gif_cond_exp": {"E_sfa", "g_ex", "g_in", "I_stc", "V_m"},
    "ht_neuron": {"g_AMPA", "g_GABA_A", "g_GABA_B", "g_NMDA", "I_h", "I_KNa", "I_NaP", "I_T", "theta", "V_m"},
}


@pytest.mark.parametrize("model", sorted(SPEC_DEFAULTS))
def test_defaults_match_the_measured_reference(nk, model):
    d = nk.get_defaults(model)
    for key, value in SPEC_DEFAULTS[model].items():
        assert key in d, key
        if isinstance(value, list):
            assert len(d[key]) == len(value), key
            np.testing.assert_allclose(d[key], value, rtol=1e-12, err_msg=key)
        elif isinstance(value, bool):
            assert d[key] is value, key
        else:
            assert d[key] == pytest.approx(value, rel=1e-12, abs=0), key


@pytest.mark.parametrize("model", sorted(SPEC_RECORDABLES))
def test_recordables_are_offered_and_recorded(nk, model):
    names = sorted(SPEC_RECORDABLES[model])
    assert set(nk.get_defaults(model)["recordables"]) == SPEC_RECORDABLES[model]
    n = nk.create(model)
    mm = nk.create("multimeter", 1, {"interval": 1.0, "record_from": names})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.simulate(5.0)
    ev = nk.get_status(mm)[0]["events"]
    for name in names:
        assert len(ev[name]) == 4 and np.all(np.isfinite(ev[name])), name


def test_help_text_names_the_model(nk):
    for model in set(SPEC_DEFAULTS) | set(SPEC_RECORDABLES):
        assert nk.model_help(model).startswith(f"Name: {model} - ")


BAD_PARAMETERS = [
    ("iaf_cond_alpha", {"V_reset": -50.0}, "Reset potential must be smaller than threshold."),
    ("iaf_cond_alpha", {"C_m": 0.0}, "Capacitance must be strictly positive."),
    ("iaf_cond_alpha", {"t_ref": -1.0}, "Refractory time cannot be negative."),
    ("iaf_cond_alpha", {"tau_syn_in": 0.0}, "All time constants must be strictly positive."),
    ("iaf_cond_exp", {"tau_syn_ex": -1.0}, "All time constants must be strictly positive."),
    ("iaf_cond_beta", {"tau_rise_ex": 0.0}, "All time constants must be strictly positive."),
    ("iaf_cond_exp_sfa_rr", {"tau_rr": 0.0}, "All time constants must be strictly positive."),
    ("iaf_chxk_2008", {"tau_ahp": 0.0}, "All time constants must be strictly positive."),
    ("hh_psc_alpha", {"g_K": -1.0}, "All conductances must be non-negative."),
    ("hh_psc_alpha", {"Act_m": -0.1}, "All (in)activation variables must be non-negative."),
    ("hh_cond_exp_traub", {"C_m": -1.0}, "Capacitance must be strictly positive."),
    ("aeif_cond_alpha", {"V_reset": 1.0}, "Ensure that: V_reset < V_peak ."),
    ("aeif_cond_alpha", {"Delta_T": -1.0}, "Delta_T must be positive."),
    ("aeif_cond_alpha", {"V_peak": -55.0, "V_reset": -70.0}, "V_peak >= V_th required."),
    ("aeif_cond_alpha", {"gsl_error_tol": 0.0}, "The gsl_error_tol must be strictly positive."),
    ("aeif_cond_alpha", {"g_ex": -1.0}, "Conductances must not be negative."),
    ("aeif_cond_exp", {"tau_w": 0.0}, "All time constants must be strictly positive."),
    ("aeif_psc_alpha", {"tau_syn_ex": 0.0}, "All time constants must be strictly positive."),
    ("aeif_psc_delta", {"C_m": 0.0}, "Ensure that C_m > 0"),
    ("aeif_psc_delta", {"tau_w": 0.0}, "tau_w must be strictly positive."),
    ("aeif_cond_beta_multisynapse", {"E_rev": [0.0, -85.0]},
     "If the number of receptor ports is changed, all three arrays E_rev, tau_rise and tau_decay must be provided."),
    ("aeif_cond_beta_multisynapse", {"E_rev": [0.0, 1.0], "tau_rise": [1.0], "tau_decay": [2.0, 3.0]},
     "The reversal potential, synaptic rise time and synaptic decay time arrays must have the same size."),
    ("aeif_cond_beta_multisynapse", {"tau_rise": [3.0], "tau_decay": [2.0]},
     "Synaptic rise time must be smaller than or equal to decay time."),
    ("aeif_cond_alpha_multisynapse", {"tau_syn": [0.0]}, "All synaptic time constants must be strictly positive"),
]


@pytest.mark.parametrize("model,params,message", BAD_PARAMETERS)
def test_invalid_parameters_raise_bad_property(nk, model, params, message):
    n = nk.create(model)
    before = nk.get_status(n)[0]
    with pytest.raises(nk.KernelError) as err:
        nk.set_status(n, params)
    assert err.value.errorname == "BadProperty"
    assert err.value.message.endswith(message)
    after = nk.get_status(n)[0]
    for key in params:
        np.testing.assert_array_equal(after[key], before[key])


def test_ht_neuron_receptor_types_and_errors(nk):
    n = nk.create("ht_neuron")
    assert nk.get_status(n)[0]["receptor_types"] == {"AMPA": 1, "NMDA": 2, "GABA_A": 3, "GABA_B": 4}
    sg = nk.create("spike_generator")
    with pytest.raises(nk.KernelError) as err:
        nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": 0})
    assert err.value.errorname == "IncompatibleReceptorType"
    with pytest.raises(nk.KernelError) as err:
        nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": 5})
    assert err.value.errorname == "UnknownReceptorType"
    with pytest.raises(nk.KernelError) as err:
        nk.set_status(n, {"tau_rise_NMDA": 50.0})
    assert err.value.errorname == "BadParameter"
    assert err.value.message.endswith("tau_rise_NMDA < tau_decay_NMDA required.")
    with pytest.raises(nk.KernelError) as err:
        nk.set_status(n, {"g_peak_h": -1.0})
    assert err.value.message.endswith("g_peak_h >= 0 required.")


def test_ht_neuron_voltage_clamp_and_equilibrate(nk):
    n = nk.create("ht_neuron", 1, {"voltage_clamp": True, "V_m": -60.0})
    sg = nk.create("spike_generator", 1, {"spike_times": [5.0]})
    nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": 1, "weight": 10.0})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m", "g_AMPA", "I_NaP"]})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.simulate(20.0)
    ev = nk.get_status(mm)[0]["events"]
    assert np.all(ev["V_m"] == -60.0)
    assert ev["g_AMPA"].max() == pytest.approx(1.0, rel=1e-3)  # weight 10 x g_peak_AMPA 0.1
    m_inf = 1.0 / (1.0 + np.exp(-(-60.0 + 55.7) / 7.7))
    assert ev["I_NaP"][-1] == pytest.approx(-m_inf**3 * (-60.0 - 30.0), rel=1e-12)
    nk.set_status(n, {"V_m": -80.0, "equilibrate": True, "voltage_clamp": False})
    assert nk.get_status(n)[0]["V_m"] == -80.0


def test_gif_cond_exp_deterministic_limit(nk):
    """With a tiny Delta_V the hazard is 0 below and infinite above the threshold: the spike train
    no longer depends on the random numbers, and the first spike is the first step at which the
    passive membrane reaches V_T_star."""
    params = {"I_e": 210.0, "Delta_V": 1e-6, "q_sfa": [5.0], "tau_sfa": [100.0], "q_stc": [10.0],
              "tau_stc": [30.0]}
    trains = []
    for seed in (1, 7):
        nk.reset_kernel()
        nk.set_kernel_status({"rng_seeds": [seed]})
        n = nk.create("gif_cond_exp", 1, params)
        sd = nk.create("spike_detector")
        nk.connect(n, sd, {"rule": "one_to_one"}, {})
        mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["E_sfa", "I_stc"]})
        nk.connect(mm, n, {"rule": "one_to_one"}, {})
        nk.simulate(300.0)
        trains.append(spike_times(nk, sd).copy())
    np.testing.assert_array_equal(trains[0], trains[1])
    t = np.arange(1, 3000) * 0.1
    v_passive = -70.0 + 210.0 / 4.0 * (1.0 - np.exp(-t * 4.0 / 80.0))
    assert trains[0][0] == pytest.approx(t[np.argmax(v_passive >= -35.0)])
    isi = np.diff(trains[0])
    assert len(isi) > 4 and isi[1] > isi[0]  # adaptation
    ev = nk.get_status(mm)[0]["events"]
    assert ev["E_sfa"].max() > -35.0 + 5.0 and ev["I_stc"].max() > 10.0


def test_gif_cond_exp_list_sizes_must_match(nk):
    n = nk.create("gif_cond_exp")
    with pytest.raises(nk.KernelError) as err:
        nk.set_status(n, {"tau_sfa": [10.0, 20.0], "q_sfa": [1.0]})
    assert err.value.errorname == "BadProperty"
    assert err.value.message.endswith("'tau_sfa' and 'q_sfa' need to have the same dimensions.\n"
                                      "Size of tau_sfa: 2\nSize of q_sfa: 1")


def test_iaf_cond_alpha_mc_defaults_and_receptors(nk):
    d = nk.get_defaults("iaf_cond_alpha_mc")
    assert (d["V_th"], d["V_reset"], d["t_ref"], d["g_sp"], d["g_pd"]) == (-55.0, -60.0, 2.0, 2.5, 1.0)
    for comp, c_m, g_l in (("soma", 150.0, 10.0), ("proximal", 75.0, 5.0), ("distal", 150.0, 10.0)):
        assert d[comp] == {"C_m": c_m, "E_L": -70.0, "E_ex": 0.0, "E_in": -85.0, "I_e": 0.0, "V_m": -70.0,
                           "g_L": g_l, "tau_syn_ex": 0.5, "tau_syn_in": 2.0}
    assert d["receptor_types"] == {"soma_exc": 1, "soma_inh": 2, "proximal_exc": 3, "proximal_inh": 4,
                                   "distal_exc": 5, "distal_inh": 6, "soma_curr": 7, "proximal_curr": 8,
                                   "distal_curr": 9}
    assert set(d["recordables"]) == {"V_m.s", "g_ex.s", "g_in.s", "V_m.p", "g_ex.p", "g_in.p", "V_m.d", "g_ex.d",
                                     "g_in.d", "t_ref_remaining"}
    n = nk.create("iaf_cond_alpha_mc")
    sg, dc = nk.create("spike_generator"), nk.create("dc_generator")
    for src, receptor, name in ((sg, 7, "IncompatibleReceptorType"), (sg, 0, "IncompatibleReceptorType"),
                                (sg, 10, "UnknownReceptorType"), (dc, 2, "IncompatibleReceptorType")):
        with pytest.raises(nk.KernelError) as err:
            nk.connect(src, n, {"rule": "one_to_one"}, {"receptor_type": receptor})
        assert err.value.errorname == name
    with pytest.raises(nk.KernelError) as err:
        nk.set_status(n, {"proximal": {"C_m": 0.0}})
    assert err.value.message.endswith("Capacitance (proximal) must be strictly positive.")
    nk.set_status(n, {"distal": {"V_m": -65.0, "I_e": 50.0}})
    st = nk.get_status(n)[0]
    assert st["distal"]["V_m"] == -65.0 and st["distal"]["I_e"] == 50.0 and st["soma"]["V_m"] == -70.0


def test_uncoupled_mc_soma_equals_iaf_cond_alpha(nk):
    soma = {"C_m": 150.0, "g_L": 10.0, "tau_syn_ex": 0.5, "tau_syn_in": 2.0, "I_e": 160.0}
    drive = [([10.0, 12.0], 3.0), ([30.0], 4.0)]
    ref, ref_spikes = run_voltage(nk, "iaf_cond_alpha", soma, [(drive[0][0], drive[0][1], 0),
                                                                (drive[1][0], -drive[1][1], 0)])
    got, got_spikes = run_voltage(nk, "iaf_cond_alpha_mc", {"g_sp": 0.0, "g_pd": 0.0, "soma": soma},
                                  [(drive[0][0], drive[0][1], 1), (drive[1][0], drive[1][1], 2)],
                                  record=("V_m.s",))
    assert len(ref_spikes) > 0
    np.testing.assert_array_equal(got_spikes, ref_spikes)
    np.testing.assert_array_equal(got["V_m.s"], ref["V_m"])


def test_dendritic_input_reaches_the_soma_attenuated(nk):
    ev, _ = run_voltage(nk, "iaf_cond_alpha_mc", {}, [([10.0], 5.0, 5)], t=60.0,
                        record=("V_m.s", "V_m.p", "V_m.d"))
    peaks = [ev[k].max() + 70.0 for k in ("V_m.d", "V_m.p", "V_m.s")]
    assert peaks[0] > peaks[1] > peaks[2] > 0.0


def test_adex_overflow_guard(nk):
    n = nk.create("aeif_cond_exp")
    with pytest.raises(nk.KernelError) as err:
        nk.set_status(n, {"Delta_T": 0.01, "V_peak": 100.0})
    assert err.value.errorname == "BadProperty" and "numerical overflow" in err.value.message


def run_voltage(nk, model, params, inputs=(), t=100.0, record=("V_m",)):
    """inputs: (spike_times, weight, receptor) per spike generator."""
    nk.reset_kernel()
    n = nk.create(model, 1, params)
    for times, w, rec in inputs:
        sg = nk.create("spike_generator", 1, {"spike_times": times})
        nk.connect(sg, n, {"rule": "one_to_one"}, {"weight": w, "receptor_type": rec})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": list(record)})
    sd = nk.create("spike_detector")
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.connect(n, sd, {"rule": "one_to_one"}, {})
    nk.simulate(t)
    return nk.get_status(mm)[0]["events"], spike_times(nk, sd)


@pytest.mark.parametrize("model,extra", [
    ("aeif_cond_alpha_multisynapse", {"tau_syn": [0.2, 2.0]}),
    ("aeif_cond_beta_multisynapse", {"tau_rise": [0.2, 2.0], "tau_decay": [0.2, 2.0]}),
])
def test_multisynapse_with_two_alpha_ports_equals_aeif_cond_alpha(nk, model, extra):
    drive = [([10.0, 30.0, 31.0], 40.0), ([50.0, 52.0, 70.0], 30.0)]
    ref, ref_spikes = run_voltage(nk, "aeif_cond_alpha", {"I_e": 500.0},
                                  [(drive[0][0], drive[0][1], 0), (drive[1][0], -drive[1][1], 0)])
    got, got_spikes = run_voltage(nk, model, dict({"I_e": 500.0, "E_rev": [0.0, -85.0]}, **extra),
                                  [(drive[0][0], drive[0][1], 1), (drive[1][0], drive[1][1], 2)])
    assert len(ref_spikes) > 0
    np.testing.assert_array_equal(got_spikes, ref_spikes)
    np.testing.assert_allclose(got["V_m"], ref["V_m"], rtol=0, atol=1e-9)


def test_beta_conductance_peaks_at_the_weight(nk):
    tau_r, tau_d, w = 0.5, 3.0, 7.0
    ev, _ = run_voltage(nk, "aeif_cond_beta_multisynapse",
                        {"E_rev": [0.0], "tau_rise": [tau_r], "tau_decay": [tau_d], "a": 0.0, "b": 0.0},
                        [([10.0], w, 1)], t=30.0, record=("V_m", "g_1"))
    t_peak = tau_d * tau_r * np.log(tau_d / tau_r) / (tau_d - tau_r)
    t = ev["times"] - 11.0
    expected = w * (np.exp(-t / tau_d) - np.exp(-t / tau_r)) / (np.exp(-t_peak / tau_d) - np.exp(-t_peak / tau_r))
    mask = t >= 0
    np.testing.assert_allclose(ev["g_1"][mask], expected[mask], rtol=0, atol=1e-4 * w)
    assert ev["g_1"].max() == pytest.approx(w, rel=1e-3)


def test_iaf_cond_beta_with_equal_time_constants_equals_iaf_cond_alpha(nk):
    drive = [([10.0, 20.0], 20.0, 0), ([40.0], -20.0, 0)]
    ref, _ = run_voltage(nk, "iaf_cond_alpha", {"tau_syn_ex": 0.5, "tau_syn_in": 3.0}, drive)
    got, _ = run_voltage(nk, "iaf_cond_beta", {"tau_rise_ex": 0.5, "tau_decay_ex": 0.5, "tau_rise_in": 3.0,
                                               "tau_decay_in": 3.0}, drive)
    np.testing.assert_allclose(got["V_m"], ref["V_m"], rtol=0, atol=1e-9)


@pytest.mark.parametrize("model", ["aeif_cond_alpha_multisynapse", "aeif_cond_beta_multisynapse"])
def test_multisynapse_receptor_errors(nk, model):
    n = nk.create(model, 1, {"E_rev": [0.0, -85.0], ("tau_syn" if "alpha" in model else "tau_decay"): [2.0, 5.0],
                             **({} if "alpha" in model else {"tau_rise": [1.0, 1.0]})})
    sg = nk.create("spike_generator")
    for receptor in (0, 3):
        with pytest.raises(nk.KernelError) as err:
            nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": receptor})
        assert err.value.errorname == "IncompatibleReceptorType"
        assert err.value.message == f"Receptor type {receptor} in {model} does not accept SpikeEvent."
    with pytest.raises(nk.KernelError) as err:
        nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": 1, "weight": -1.0})
    assert err.value.errorname == "BadProperty"
    dc = nk.create("dc_generator")
    with pytest.raises(nk.KernelError) as err:
        nk.connect(dc, n, {"rule": "one_to_one"}, {"receptor_type": 1})
    assert err.value.errorname == "UnknownReceptorType"
    assert not nk.get_status(n)[0]["has_connections"]
    nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": 2})
    assert nk.get_status(n)[0]["has_connections"]
    shrink = {"E_rev": [0.0], ("tau_syn" if "alpha" in model else "tau_decay"): [2.0]}
    if "beta" in model:
        shrink["tau_rise"] = [1.0]
    with pytest.raises(nk.KernelError) as err:
        nk.set_status(n, shrink)
    assert err.value.message.endswith("The neuron has connections, therefore the number of ports cannot be reduced.")
    grow = {"E_rev": [0.0, -85.0, -70.0], ("tau_syn" if "alpha" in model else "tau_decay"): [2.0, 5.0, 8.0]}
    if "beta" in model:
        grow["tau_rise"] = [1.0, 1.0, 1.0]
    nk.set_status(n, grow)
    st = nk.get_status(n)[0]
    assert st["n_receptors"] == 3 and len(st["g"]) == 3
    nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": 3})


def test_ports_added_after_creation_receive_input(nk):
    n = nk.create("aeif_cond_beta_multisynapse")
    nk.set_status(n, {"E_rev": [0.0, 0.0, 0.0, -80.0], "tau_rise": [1.0] * 4, "tau_decay": [5.0] * 4})
    sg = nk.create("spike_generator", 1, {"spike_times": [5.0]})
    nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": 4, "weight": 10.0})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["g_4", "g_1", "V_m"]})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.simulate(20.0)
    ev = nk.get_status(mm)[0]["events"]
    assert ev["g_4"].max() == pytest.approx(10.0, rel=1e-3)
    assert np.all(ev["g_1"] == 0.0)
    assert ev["V_m"].min() < -70.6 - 0.1  # inhibitory reversal at -80 mV


def test_currents_on_receptor_1_are_refused_by_single_port_models(nk):
    n = nk.create("iaf_cond_alpha")
    dc = nk.create("dc_generator")
    with pytest.raises(nk.KernelError) as err:
        nk.connect(dc, n, {"rule": "one_to_one"}, {"receptor_type": 1})
    assert err.value.errorname == "UnknownReceptorType"


@pytest.mark.parametrize("model", ["aeif_cond_alpha", "aeif_psc_delta", "aeif_cond_beta_multisynapse"])
def test_adex_divergence_raises_numerical_instability(nk, model):
    nk.create(model, 1, {"I_e": -1e8})
    with pytest.raises(nk.KernelError) as err:
        nk.simulate(10.0)
    assert err.value.errorname == "NumericalInstability"
    assert model in err.value.message


def test_non_finite_state_raises_gsl_solver_failure(nk):
    nk.create("hh_psc_alpha", 1, {"V_m": 1e5})
    with pytest.raises(nk.KernelError) as err:
        nk.simulate(10.0)
    assert err.value.errorname == "GSLSolverFailure"
    assert err.value.message.startswith("In model hh_psc_alpha, the GSL solver returned with exit status")


def test_unreachable_tolerance_raises_gsl_solver_failure_instead_of_hanging(nk):
    # no representable step meets 1e-30: GSL would crawl on in one-ulp steps forever
    nk.create("aeif_cond_alpha", 1, {"gsl_error_tol": 1e-30, "I_e": 500.0})
    with pytest.raises(nk.KernelError) as err:
        nk.simulate(5.0)
    assert err.value.errorname == "GSLSolverFailure" and "exit status 27" in err.value.message


def test_strong_drive_at_coarse_resolution_still_integrates(nk):
    # spike upstrokes force sub-steps of a few ulp for a while; that is progress, not failure
    nk.set_kernel_status({"resolution": 1.0})
    n = nk.create("aeif_cond_alpha", 1, {"I_e": 5000.0})
    sd = nk.create("spike_detector")
    nk.connect(n, sd, {"rule": "one_to_one"}, {})
    nk.simulate(200.0)
    assert len(spike_times(nk, sd)) > 50


def test_sfa_and_relative_refractoriness_slow_down_firing(nk):
    ev, spikes = run_voltage(nk, "iaf_cond_exp_sfa_rr", {"I_e": 1000.0}, t=500.0, record=("V_m", "g_sfa", "g_rr"))
    isi = np.diff(spikes)
    assert len(spikes) > 5
    assert isi[-1] > isi[0]  # adaptation lengthens the intervals
    assert ev["g_sfa"].max() > 14.48
    _, no_sfa = run_voltage(nk, "iaf_cond_exp_sfa_rr", {"I_e": 1000.0, "q_sfa": 0.0, "q_rr": 0.0}, t=500.0)
    assert len(no_sfa) > len(spikes)


def test_aeif_psc_delta_input_jumps_the_voltage(nk):
    w = 2.0
    ev, _ = run_voltage(nk, "aeif_psc_delta", {"a": 0.0}, [([10.0], w, 0)], t=20.0)
    t, v = ev["times"], ev["V_m"]
    jump = v[np.isclose(t, 11.0)][0] - v[np.isclose(t, 10.9)][0]
    assert jump == pytest.approx(w, abs=1e-3)


def test_aeif_psc_delta_refractory_input(nk):
    params = {"I_e": 1000.0, "t_ref": 5.0}
    _, spikes = run_voltage(nk, "aeif_psc_delta", params, t=200.0)
    t_in = float(np.round(spikes[0] + 1.0, 1))  # arrives (one delay later) while refractory
    base, _ = run_voltage(nk, "aeif_psc_delta", params, [([t_in - 1.0], 5.0, 0)], t=200.0)
    kept, _ = run_voltage(nk, "aeif_psc_delta", dict(params, refractory_input=True), [([t_in - 1.0], 5.0, 0)],
                          t=200.0)
    quiet, _ = run_voltage(nk, "aeif_psc_delta", params, t=200.0)
    np.testing.assert_allclose(base["V_m"], quiet["V_m"], rtol=0, atol=1e-12)  # discarded
    assert np.max(np.abs(kept["V_m"] - quiet["V_m"])) > 1.0


def test_reset_network_restarts_the_integration(nk):
    n = nk.create("aeif_cond_alpha", 1, {"I_e": 900.0})
    sd = nk.create("spike_detector")
    nk.connect(n, sd, {"rule": "one_to_one"}, {})
    nk.simulate(100.0)
    first = spike_times(nk, sd).copy()
    v_first = nk.get_status(n)[0]["V_m"]
    nk.reset_network()
    nk.set_status(sd, {"n_events": 0})
    nk.simulate(100.0)
    # time runs on after ResetNetwork: the same train, 100 ms later
    np.testing.assert_allclose(spike_times(nk, sd), first + 100.0, rtol=0, atol=1e-9)
    assert nk.get_status(n)[0]["V_m"] == v_first


@pytest.mark.parametrize("model,params", [("aeif_cond_alpha", {"I_e": 900.0}), ("iaf_cond_exp", {"I_e": 300.0}),
                                          ("hh_psc_alpha", {"I_e": 500.0})])
def test_piecewise_simulation_continues_the_solver_state(nk, model, params):
    def run(chunks):
        nk.reset_kernel()
        n = nk.create(model, 1, params)
        mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
        nk.connect(mm, n, {"rule": "one_to_one"}, {})
        for t in chunks:
            nk.simulate(t)
        return nk.get_status(mm)[0]["events"]["V_m"]
    whole, pieces = run([100.0]), run([30.0, 0.7, 69.3])
    np.testing.assert_array_equal(whole, pieces)


def test_frozen_neurons_are_not_integrated(nk):
    n = nk.create("aeif_cond_exp", 2, {"I_e": 900.0})
    nk.set_status(n[1:], {"frozen": True})
    nk.simulate(50.0)
    v = [st["V_m"] for st in nk.get_status(n)]
    assert v[0] != -70.6 and v[1] == -70.6


def test_results_do_not_depend_on_the_number_of_threads(nk):
    def run(threads):
        nk.reset_kernel()
        nk.set_kernel_status({"local_num_threads": threads})
        n = nk.create("aeif_cond_exp", 4, [{"I_e": 700.0 + 50.0 * k} for k in range(4)])
        sd = nk.create("spike_detector")
        nk.connect(n, sd, {"rule": "all_to_all"}, {})
        nk.connect(n, n, {"rule": "all_to_all"}, {"weight": 2.0, "delay": 1.5})
        nk.simulate(200.0)
        ev = nk.get_status(sd)[0]["events"]
        order = np.lexsort((ev["senders"], ev["times"]))
        return ev["times"][order], ev["senders"][order]
    t1, s1 = run(1)
    t2, s2 = run(2)
    assert len(t1) > 10
    np.testing.assert_array_equal(t1, t2)
    np.testing.assert_array_equal(s1, s2)
