"""Remaining models of the zoo: gif_cond_exp_multisynapse, glif_cond, spin_detector and
correlospinmatrix_detector (defaults, dynamics against models they coincide with, hand-computed
recorder results, validation and receptor errors)."""
import json
import pathlib

import numpy as np
import pytest

MAX = 1.7976931348623157e308


def kernel_error(nk, fn, *args):
    with pytest.raises(nk.KernelError) as err:
        fn(*args)
    return err.value


def run_neuron(nk, model, params, syn_specs, dc=None, T=300.0, record=("V_m",)):
    """One neuron with spike inputs (one generator per syn_spec) and optional dc input; returns
    the multimeter events and the spike times."""
    n = nk.create(model, 1, params)
    times = [[10.0, 30.0, 31.0, 50.0, 120.0], [20.0, 60.0, 61.0, 200.0]]
    for spec, ts in zip(syn_specs, times):
        sg = nk.create("spike_generator", 1, {"spike_times": ts})
        nk.connect(sg, n, {"rule": "one_to_one"}, spec)
    if dc is not None:
        d = nk.create("dc_generator", 1, {"amplitude": dc})
        nk.connect(d, n, {"rule": "one_to_one"}, {})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": list(record)})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    sd = nk.create("spike_detector")
    nk.connect(n, sd, {"rule": "one_to_one"}, {})
    nk.simulate(T)
    return nk.get_status(mm)[0]["events"], nk.get_status(sd)[0]["events"]["times"]


# ---------------------------------------------------------------- defaults and recordables

GIF_MULTI_DEFAULTS = dict(C_m=80.0, Delta_V=0.5, E_L=-70.0, E_rev=[0.0], E_sfa=0.0, g=[0.0, 0.0], g_L=4.0,
                          gsl_error_tol=0.001,
                          has_connections=False, I_e=0.0, I_stc=0.0, lambda_0=1.0, n_receptors=1, q_sfa=[],
                          q_stc=[], t_ref=4.0, tau_sfa=[], tau_stc=[], tau_syn=[2.0], V_m=-70.0, V_reset=-55.0,
                          V_T_star=-35.0)
GLIF_COND_DEFAULTS = dict(adapting_threshold=False, after_spike_currents=False, asc_amps=[-9.18, -198.94],
                          asc_decay=[0.003, 0.1], asc_init=[0.0, 0.0], asc_r=[1.0, 1.0], ASCurrents=[0.0, 0.0],
                          C_m=58.72, dg=[0.0], E_L=-78.85, E_rev=[0.0, -85.0], g=[0.0], g_m=9.43,
                          has_connections=False, spike_dependent_threshold=False, t_ref=3.75, tau_syn=[0.2, 2.0],
                          th_spike_add=0.37, th_spike_decay=0.009, th_voltage_decay=0.09, th_voltage_index=0.005,
                          V_m=-78.85, V_reset=-78.85, V_th=-51.68, voltage_reset_add=18.51,
                          voltage_reset_fraction=0.2)
CSD_DEFAULTS = dict(delta_tau=0.1, N_channels=1, tau_max=1.0, Tstart=0.0, Tstop=MAX)


@pytest.mark.parametrize("model,expected", [("gif_cond_exp_multisynapse", GIF_MULTI_DEFAULTS),
                                            ("glif_cond", GLIF_COND_DEFAULTS),
                                            ("correlospinmatrix_detector", CSD_DEFAULTS)])
def test_defaults_match_the_measured_reference(nk, model, expected):
    d = nk.get_defaults(model)
    for key, value in expected.items():
        assert key in d, key
        if isinstance(value, list):
            assert len(d[key]) == len(value), key
            np.testing.assert_allclose(d[key], value, rtol=1e-12, err_msg=key)
        elif isinstance(value, bool):
            assert d[key] is value, key
        else:
            assert d[key] == pytest.approx(value, rel=1e-12, abs=0), key


def test_glif_cond_has_no_I_e_and_sizes_its_conductances_at_simulation(nk):
    assert "I_e" not in nk.get_defaults("glif_cond")
    n = nk.create("glif_cond")
    assert len(nk.get_status(n)[0]["g"]) == 1  # as the reference reports before calibration
    nk.simulate(1.0)
    st = nk.get_status(n)[0]
    assert len(st["g"]) == 2 and len(st["dg"]) == 2


def test_recorder_defaults(nk):
    d = nk.get_defaults("spin_detector")
    assert d["withweight"] is True and d["file_extension"] == "gdf" and d["n_events"] == 0
    c = nk.get_defaults("correlospinmatrix_detector")
    assert len(c["count_covariance"]) == 1 and len(c["count_covariance"][0]) == 1
    assert len(c["count_covariance"][0][0]) == 0


@pytest.mark.parametrize("model,names", [
    ("gif_cond_exp_multisynapse", {"E_sfa", "I_stc", "V_m"}),
    ("glif_cond", {"ASCurrents_sum", "I", "threshold", "threshold_spike", "threshold_voltage", "V_m", "g_1", "g_2"}),
])
def test_recordables(nk, model, names):
    assert set(nk.get_defaults(model)["recordables"]) == names
    n = nk.create(model)
    mm = nk.create("multimeter", 1, {"interval": 1.0, "record_from": sorted(names)})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.simulate(5.0)
    ev = nk.get_status(mm)[0]["events"]
    for name in names:
        assert len(ev[name]) == 4 and np.all(np.isfinite(ev[name])), name


@pytest.mark.parametrize("model", ["gif_cond_exp_multisynapse", "glif_cond", "spin_detector",
                                   "correlospinmatrix_detector"])
def test_help_text_names_the_model(nk, model):
    assert nk.model_help(model).startswith(f"Name: {model} - ")


# ---------------------------------------------------------------- gif_cond_exp_multisynapse

GIF_KERNELS = dict(tau_stc=[10.0, 50.0], q_stc=[20.0, 5.0], tau_sfa=[20.0], q_sfa=[3.0], I_e=170.0)


def test_gif_multisynapse_with_one_port_is_gif_cond_exp(nk):
    a, sa = run_neuron(nk, "gif_cond_exp", GIF_KERNELS, [{"weight": 5.0}], record=("V_m", "E_sfa", "I_stc"))
    nk.reset_kernel()
    b, sb = run_neuron(nk, "gif_cond_exp_multisynapse", GIF_KERNELS, [{"weight": 5.0, "receptor_type": 1}],
                       record=("V_m", "E_sfa", "I_stc"))
    assert len(sa) >= 5
    np.testing.assert_array_equal(sb, sa)
    for key in ("V_m", "E_sfa", "I_stc"):
        np.testing.assert_allclose(b[key], a[key], rtol=0, atol=1e-9, err_msg=key)


def test_gif_multisynapse_second_port_is_the_inhibitory_synapse_of_gif_cond_exp(nk):
    # gif_cond_exp routes negative weights to g_in (E_in, tau_syn_in); here that is port 2
    a, sa = run_neuron(nk, "gif_cond_exp", dict(GIF_KERNELS, tau_syn_in=5.0),
                       [{"weight": 5.0}, {"weight": -8.0}], record=("V_m",))
    nk.reset_kernel()
    b, sb = run_neuron(nk, "gif_cond_exp_multisynapse", dict(GIF_KERNELS, E_rev=[0.0, -85.0], tau_syn=[2.0, 5.0]),
                       [{"weight": 5.0, "receptor_type": 1}, {"weight": 8.0, "receptor_type": 2}], record=("V_m",))
    np.testing.assert_array_equal(sb, sa)
    np.testing.assert_allclose(b["V_m"], a["V_m"], rtol=0, atol=1e-9)


def test_gif_multisynapse_conductance_decays_exponentially(nk):
    n = nk.create("gif_cond_exp_multisynapse", 1, {"E_rev": [0.0, -80.0], "tau_syn": [2.0, 7.0],
                                                   "lambda_0": 0.0})
    sg = nk.create("spike_generator", 1, {"spike_times": [1.0]})
    nk.connect(sg, n, {"rule": "one_to_one"}, {"weight": 3.0, "receptor_type": 2, "delay": 1.0})
    nk.simulate(2.0)  # the spike lands in the step ending at 2.0
    assert nk.get_status(n)[0]["g"] == pytest.approx([0.0, 3.0], abs=1e-12)
    nk.simulate(7.0)
    g = nk.get_status(n)[0]["g"]
    assert g[0] == 0.0 and g[1] == pytest.approx(3.0 * np.exp(-1.0), rel=1e-3)
    assert nk.get_status(n)[0]["V_m"] < -70.0  # pulled towards E_rev = -80


# ---------------------------------------------------------------- glif_cond

IAF_COND = dict(C_m=250.0, E_L=-70.0, V_th=-55.0, V_reset=-60.0, t_ref=2.0, V_m=-70.0)


def test_glif1_cond_is_iaf_cond_alpha(nk):
    # GLIF1 with the default ports (0.2 ms at 0 mV, 2 ms at -85 mV) is iaf_cond_alpha without I_e
    a, sa = run_neuron(nk, "iaf_cond_alpha", dict(IAF_COND, g_L=16.6667),
                       [{"weight": 20.0}, {"weight": -30.0}], dc=300.0, record=("V_m", "g_ex", "g_in"))
    nk.reset_kernel()
    b, sb = run_neuron(nk, "glif_cond", dict(IAF_COND, g_m=16.6667),
                       [{"weight": 20.0, "receptor_type": 1}, {"weight": 30.0, "receptor_type": 2}], dc=300.0,
                       record=("V_m", "g_1", "g_2"))
    assert len(sa) >= 10
    np.testing.assert_array_equal(sb, sa)
    np.testing.assert_allclose(b["V_m"], a["V_m"], rtol=0, atol=1e-9)
    np.testing.assert_allclose(b["g_1"], a["g_ex"], rtol=0, atol=1e-9)
    np.testing.assert_allclose(b["g_2"], a["g_in"], rtol=0, atol=1e-9)


def first_spike_index(ev, spikes):
    return int(np.argmin(np.abs(ev["times"] - spikes[0])))


def test_glif1_cond_holds_V_reset_for_t_ref(nk):
    ev, s = run_neuron(nk, "glif_cond", {}, [], dc=300.0, T=60.0, record=("V_m",))
    k = first_spike_index(ev, s)
    n_ref = 38  # round(3.75 / 0.1)
    np.testing.assert_array_equal(ev["V_m"][k:k + n_ref + 1], -78.85)
    assert ev["V_m"][k + n_ref + 1] > -78.85


def test_glif2_cond_resets_voltage_and_raises_the_spike_threshold(nk):
    p = dict(spike_dependent_threshold=True)
    ev, s = run_neuron(nk, "glif_cond", p, [], dc=300.0, T=100.0,
                       record=("V_m", "threshold", "threshold_spike"))
    assert len(s) >= 3
    E_L, h, k_s = -78.85, 0.1, 0.009
    for t in s[:3]:
        k = int(np.argmin(np.abs(ev["times"] - t)))
        assert ev["V_m"][k] == pytest.approx(E_L + 0.2 * (ev["V_m"][k - 1] - E_L) + 18.51, abs=1e-9)
        # decay over the step, then over t_ref, plus the jump; frozen while refractory
        th = ev["threshold_spike"][k - 1] * np.exp(-k_s * h) * np.exp(-k_s * 3.75) + 0.37
        assert ev["threshold_spike"][k] == pytest.approx(th, abs=1e-12)
        assert ev["threshold"][k] == pytest.approx(-51.68 + th, abs=1e-9)
        np.testing.assert_array_equal(ev["threshold_spike"][k:k + 39], ev["threshold_spike"][k])


def test_glif3_cond_after_spike_currents_start_at_their_amplitudes(nk):
    ev, s = run_neuron(nk, "glif_cond", dict(after_spike_currents=True), [], dc=300.0, T=60.0,
                       record=("V_m", "ASCurrents_sum"))
    k = first_spike_index(ev, s)
    # the currents set at the spike act only after the refractory period (the sum is frozen)
    n_ref, h = 38, 0.1
    np.testing.assert_array_equal(ev["ASCurrents_sum"][:k + n_ref + 1], 0.0)
    mean = sum(a * -np.expm1(-kd * h) / (kd * h) for a, kd in ((-9.18, 0.003), (-198.94, 0.1)))
    assert ev["ASCurrents_sum"][k + n_ref + 1] == pytest.approx(mean, abs=1e-9)


def test_glif5_cond_voltage_threshold_moves(nk):
    p = dict(spike_dependent_threshold=True, after_spike_currents=True, adapting_threshold=True)
    ev, s = run_neuron(nk, "glif_cond", p, [], dc=300.0, T=200.0, record=("threshold_voltage", "V_m"))
    assert len(s) >= 2
    assert np.max(ev["threshold_voltage"]) > 0.5


def test_glif_cond_variants_spike_differently(nk):
    counts = []
    for flags in [{}, dict(spike_dependent_threshold=True), dict(after_spike_currents=True)]:
        nk.reset_kernel()
        counts.append(len(run_neuron(nk, "glif_cond", flags, [], dc=300.0, T=300.0)[1]))
    assert counts[1] > counts[0] > counts[2] > 0


def load_nest310(part="cases"):
    path = pathlib.Path(__file__).resolve().parents[1] / "data" / "reference" / "zoo2_nest310.json"
    with open(path) as f:
        return json.load(f)[part]


@pytest.mark.parametrize("name", sorted(load_nest310()))
def test_matches_nest_3_10(nk, name):
    # traces and spikes recorded with NEST 3.10 (see the file's description for the set-up)
    case = load_nest310()[name]
    specs = [{"weight": w, "receptor_type": r + 1} for r, w in enumerate(case["weights"])]
    rec = sorted(case["every_10th_sample"])
    ev, spikes = run_neuron(nk, case["model"], case["params"], specs, dc=case["dc"], T=300.0, record=rec)
    assert len(case["spike_times"]) >= 5
    np.testing.assert_allclose(spikes, case["spike_times"], rtol=0, atol=1e-9)
    np.testing.assert_allclose(ev["times"][9::10], np.arange(1, 300) * 1.0, rtol=0, atol=1e-9)
    for key in rec:
        np.testing.assert_allclose(ev[key][9::10], case["every_10th_sample"][key], rtol=0, atol=1e-8, err_msg=key)


# ---------------------------------------------------------------- validation and receptors

BAD_PARAMETERS = [
    ("gif_cond_exp_multisynapse", {"E_rev": [0.0, -85.0]},
     "The reversal potential, and synaptic time constant arrays must have the same size."),
    ("gif_cond_exp_multisynapse", {"tau_syn": [0.0]}, "All synaptic time constants must be strictly positive."),
    ("gif_cond_exp_multisynapse", {"tau_sfa": [1.0]},
     "'tau_sfa' and 'q_sfa' need to have the same dimensions.\nSize of tau_sfa: 1\nSize of q_sfa: 0"),
    ("gif_cond_exp_multisynapse", {"Delta_V": 0.0}, "Delta_V must be strictly positive."),
    ("gif_cond_exp_multisynapse", {"g_L": 0.0}, "Membrane conductance must be strictly positive."),
    ("gif_cond_exp_multisynapse", {"gsl_error_tol": 0.0}, "The gsl_error_tol must be strictly positive."),
    ("glif_cond", {"adapting_threshold": True},
     "Incorrect model mechanism combination setting. See documentation for GLIF model combination settings."),
    ("glif_cond", {"V_reset": -50.0}, "Reset potential must be smaller than threshold."),
    ("glif_cond", {"g_m": 0.0}, "Membrane conductance must be strictly positive."),
    ("glif_cond", {"t_ref": 0.0}, "Refractory time constant must be strictly positive."),
    ("glif_cond", {"tau_syn": [0.2, 0.0], "E_rev": [0.0, -85.0]},
     "All synaptic time constants must be strictly positive."),
    ("glif_cond", {"E_rev": [0.0]}, "The reversal potential, and synaptic time constant arrays must have the same size."),
    ("glif_cond", {"asc_r": [1.0]},
     "All after spike current parameters (i.e., asc_init, k, asc_amps, r) must have the same size."),
    ("glif_cond", {"voltage_reset_fraction": 1.5},
     "Voltage fraction coefficient following spike must be within [0.0, 1.0]."),
]


@pytest.mark.parametrize("model,params,message", BAD_PARAMETERS)
def test_invalid_parameters_raise_bad_property(nk, model, params, message):
    n = nk.create(model)
    before = nk.get_status(n)[0]
    err = kernel_error(nk, nk.set_status, n, params)
    assert err.errorname == "BadProperty"
    assert err.message.endswith(message)
    after = nk.get_status(n)[0]
    for key in params:
        np.testing.assert_array_equal(after[key], before[key])


@pytest.mark.parametrize("model", ["gif_cond_exp_multisynapse", "glif_cond"])
def test_receptor_errors(nk, model):
    n = nk.create(model)
    ports = nk.get_status(n)[0]["tau_syn"].size
    sg = nk.create("spike_generator")
    for bad in (0, ports + 1):
        err = kernel_error(nk, nk.connect, sg, n, {"rule": "one_to_one"}, {"receptor_type": bad})
        assert err.errorname == "IncompatibleReceptorType"
    dc = nk.create("dc_generator")
    err = kernel_error(nk, nk.connect, dc, n, {"rule": "one_to_one"}, {"receptor_type": 1})
    assert err.errorname == "UnknownReceptorType"
    nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": ports})
    assert nk.get_status(n)[0]["has_connections"] is True
    err = kernel_error(nk, nk.set_status, n, {"tau_syn": [2.0] * (ports - 1), "E_rev": [0.0] * (ports - 1)}
                       if ports > 1 else {"tau_syn": [], "E_rev": []})
    assert err.errorname == "BadProperty"
    assert err.message.endswith("The neuron has connections, therefore the number of ports cannot be reduced.")


def test_ports_can_grow_through_set_status(nk):
    n = nk.create("gif_cond_exp_multisynapse")
    nk.set_status(n, {"E_rev": [0.0, -85.0, -90.0], "tau_syn": [2.0, 5.0, 100.0]})
    st = nk.get_status(n)[0]
    assert st["n_receptors"] == 3 and len(st["g"]) == 3
    sg = nk.create("spike_generator", 1, {"spike_times": [1.0]})
    nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": 3, "weight": 2.0})
    nk.simulate(3.0)
    assert nk.get_status(n)[0]["g"][2] == pytest.approx(2.0 * np.exp(-1.0 / 100.0), rel=1e-6)


# ---------------------------------------------------------------- iaf_chxk_2008 precise output

def test_iaf_chxk_2008_sends_off_grid_spikes(nk):
    assert nk.get_defaults("iaf_chxk_2008")["supports_precise_spikes"] is True
    n = nk.create("iaf_chxk_2008", 1, {"I_e": 2000.0})
    sd = nk.create("spike_detector")
    nk.connect(n, sd, {"rule": "one_to_one"}, {})
    nk.simulate(100.0)
    assert nk.get_kernel_status()["off_grid_spiking"] is True
    ev = nk.get_status(sd)[0]["events"]
    t = ev["times"]
    assert len(t) >= 3
    off_grid = np.abs(t / 0.1 - np.round(t / 0.1))
    assert np.all(off_grid > 1e-6)
    assert nk.get_status(n)[0]["t_spike"] == pytest.approx(t[-1], abs=1e-12)


# ---------------------------------------------------------------- spin_detector

def test_spin_detector_decodes_multiplicities_and_pairs(nk):
    # sender 1: a pair of single spikes at 2 (up), singles at 5 and 7 (down);
    # sender 2: multiplicity 2 at 3 (up), 1 at 4 (down)
    sg1 = nk.create("spike_generator", 1, {"spike_times": [2.0, 2.0, 5.0, 7.0]})
    sg2 = nk.create("spike_generator", 1, {"spike_times": [3.0, 4.0], "spike_multiplicities": [2, 1]})
    sd = nk.create("spin_detector")
    nk.connect(list(sg1) + list(sg2), sd, {"rule": "all_to_all"}, {})
    nk.simulate(10.0)
    ev = nk.get_status(sd)[0]["events"]
    got = sorted(zip(ev["times"], ev["senders"], ev["weights"]))
    g1, g2 = int(sg1[0]), int(sg2[0])
    assert got == [(2.0, g1, 1.0), (3.0, g2, 1.0), (4.0, g2, 0.0), (5.0, g1, 0.0), (7.0, g1, 0.0)]
    assert nk.get_status(sd)[0]["n_events"] == 5


def test_spin_detector_window_and_clearing(nk):
    sg = nk.create("spike_generator", 1, {"spike_times": [2.0, 4.0, 6.0], "spike_multiplicities": [2, 1, 2]})
    sd = nk.create("spin_detector", 1, {"start": 2.0, "stop": 6.0})
    nk.connect(sg, sd, {"rule": "one_to_one"}, {})
    nk.simulate(10.0)
    ev = nk.get_status(sd)[0]["events"]
    np.testing.assert_array_equal(ev["times"], [4.0, 6.0])
    np.testing.assert_array_equal(ev["weights"], [0.0, 1.0])
    nk.set_status(sd, {"n_events": 0})
    assert nk.get_status(sd)[0]["events"]["times"].size == 0


def test_spin_detector_on_a_binary_network_follows_the_states(nk):
    # a is switched on by a dc input during [10, 30), b follows a (weight 1 > theta 0.5);
    # the detector must report exactly the state changes seen by a multimeter
    a = nk.create("mcculloch_pitts_neuron", 1, {"tau_m": 2.0, "theta": 0.5})
    b = nk.create("mcculloch_pitts_neuron", 1, {"tau_m": 2.0, "theta": 0.5})
    dc = nk.create("dc_generator", 1, {"amplitude": 1.0, "start": 10.0, "stop": 30.0})
    nk.connect(dc, a, {"rule": "one_to_one"}, {})
    nk.connect(a, b, {"rule": "one_to_one"}, {"weight": 1.0})
    sd = nk.create("spin_detector")
    nk.connect(list(a) + list(b), sd, {"rule": "all_to_all"}, {})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["S"]})
    nk.connect(mm, list(a) + list(b), {"rule": "all_to_all"}, {})
    nk.simulate(81.0)
    ev = nk.get_status(sd)[0]["events"]
    trace = nk.get_status(mm)[0]["events"]
    expected = []
    for g in (int(a[0]), int(b[0])):
        m = trace["senders"] == g
        t, S = trace["times"][m], trace["S"][m]
        changed = np.nonzero(np.diff(np.concatenate([[0.0], S])))[0]
        expected += [(round(t[k], 9), g, S[k]) for k in changed]
    got = [(round(t, 9), int(s), w) for t, s, w in zip(ev["times"], ev["senders"], ev["weights"])]
    assert sorted(got) == sorted(expected)
    ups = {g: t for t, g, w in got if w == 1.0}
    downs = {g: t for t, g, w in got if w == 0.0}
    assert len(got) == 4 and ups[int(b[0])] > ups[int(a[0])] > 10.0 and downs[int(b[0])] > downs[int(a[0])] > 30.0


# ---------------------------------------------------------------- correlospinmatrix_detector

def binary_correlation(pulses, n_channels, n_steps, tau_steps, dt_steps):
    """count[i][j][t0 + k] = number of steps t with s_i(t) = s_j(t - k dt) = 1."""
    s = np.zeros((n_channels, n_steps + 2 * tau_steps), dtype=np.int64)
    for ch, on, off in pulses:
        s[ch, tau_steps + on:tau_steps + off] = 1
    t0 = tau_steps // dt_steps
    out = np.zeros((n_channels, n_channels, 2 * t0 + 1), dtype=np.int64)
    for i in range(n_channels):
        for j in range(n_channels):
            for k in range(-t0, t0 + 1):
                out[i, j, t0 + k] = np.sum(s[i] * np.roll(s[j], k * dt_steps))
    return out


def test_correlospinmatrix_reference_example(nk):
    # the reference's documented example: channel 0 on during [10, 16), channel 1 during [15, 20);
    # the single spike on channel 2 only completes the last down transition
    sg1 = nk.create("spike_generator", 1, {"spike_times": [10.0, 10.0, 16.0]})
    sg2 = nk.create("spike_generator", 1, {"spike_times": [15.0, 15.0, 20.0]})
    sg3 = nk.create("spike_generator", 1, {"spike_times": [25.0]})
    csd = nk.create("correlospinmatrix_detector", 1, {"N_channels": 3, "tau_max": 10.0, "delta_tau": 1.0})
    for r, sg in enumerate((sg1, sg2, sg3)):
        nk.connect(sg, csd, {"rule": "one_to_one"}, {"receptor_type": r})
    nk.simulate(100.0)
    got = np.array(nk.get_status(csd)[0]["count_covariance"])
    assert got.shape == (3, 3, 21)
    expected = binary_correlation([(0, 100, 160), (1, 150, 200)], 3, 1000, 100, 10)
    np.testing.assert_array_equal(got, expected)
    assert got[0, 0, 10] == 60 and got[1, 1, 10] == 50 and got[0, 1, 5] == 50 and got[1, 0, 15] == 50


def test_correlospinmatrix_needs_a_later_event_to_close_the_last_pulse(nk):
    sg = nk.create("spike_generator", 1, {"spike_times": [1.0, 3.0], "spike_multiplicities": [2, 1]})
    csd = nk.create("correlospinmatrix_detector")
    nk.connect(sg, csd, {"rule": "one_to_one"}, {})
    nk.simulate(10.0)
    assert np.all(np.array(nk.get_status(csd)[0]["count_covariance"]) == 0)


def run_correlospin(nk, pulses, closing_time, n_channels, tau_max, delta_tau, T=20.0, delay=1.0):
    """Binary pulses (channel, on step, off step) sent as up (multiplicity 2) and down (1) spikes;
    a single spike on channel 0 at closing_time completes the last down transition."""
    events = [(closing_time, 0, 1)]
    for ch, on, off in pulses:
        events += [(on / 10.0, ch, 2), (off / 10.0, ch, 1)]
    csd = nk.create("correlospinmatrix_detector", 1,
                    {"N_channels": n_channels, "tau_max": tau_max, "delta_tau": delta_tau})
    for ch in range(n_channels):
        evs = sorted((t, m) for t, c, m in events if c == ch)
        if not evs:
            continue
        sg = nk.create("spike_generator", 1, {"spike_times": [t for t, _ in evs],
                                              "spike_multiplicities": [m for _, m in evs]})
        nk.connect(sg, csd, {"rule": "one_to_one"}, {"receptor_type": ch, "delay": delay})
    nk.simulate(T)
    return np.array(nk.get_status(csd)[0]["count_covariance"])


# every down transition is followed by an event of another channel, so no pulse is lost
INTERLEAVED = [(0, 20, 45), (1, 30, 48), (0, 50, 62), (1, 55, 70), (0, 75, 90), (1, 85, 95)]


@pytest.mark.parametrize("tau_max,delta_tau", [(2.0, 0.1), (1.5, 0.3), (0.5, 0.5)])
def test_correlospinmatrix_interleaved_channels_match_the_binary_states(nk, tau_max, delta_tau):
    # with delay = resolution every step is delivered on its own, so events arrive in time order
    got = run_correlospin(nk, INTERLEAVED, 12.0, 2, tau_max, delta_tau, delay=0.1)
    tau, dt = round(tau_max * 10), round(delta_tau * 10)
    np.testing.assert_array_equal(got, binary_correlation(INTERLEAVED, 2, 200, tau, dt))
    np.testing.assert_array_equal(got[0, 1], got[1, 0][::-1])
    np.testing.assert_array_equal(got[0, 0], got[0, 0][::-1])


@pytest.mark.parametrize("name", sorted(load_nest310("correlospinmatrix_cases")))
def test_correlospinmatrix_matches_nest_3_10(nk, name):
    # delay 1 ms: the events of a min_delay slice arrive sender by sender, not in time order, and the
    # decoder (one previous event for all channels) sees them in that order, as in the reference
    case = load_nest310("correlospinmatrix_cases")[name]
    got = run_correlospin(nk, [tuple(p) for p in case["pulses"]], case["closing_time"], case["N_channels"],
                          case["tau_max"], case["delta_tau"])
    np.testing.assert_array_equal(got, case["count_covariance"])


def test_correlospinmatrix_loses_a_pulse_whose_down_is_followed_by_its_own_up(nk):
    # As in the reference, the decoder keeps one previous event for all channels: channel 0 goes
    # down at 3.0 and up at 4.0 with no event in between, so the pulse [2.0, 3.0) is lost and the
    # next pulse is counted as [3.0, 6.0) instead of [4.0, 6.0).
    got = run_correlospin(nk, [(0, 20, 30), (0, 40, 60)], 8.0, 2, 1.0, 0.1)
    np.testing.assert_array_equal(got, binary_correlation([(0, 30, 60)], 2, 200, 10, 1))
    assert got[0, 0, 10] == 30


def test_correlospinmatrix_parameters_and_errors(nk):
    csd = nk.create("correlospinmatrix_detector")
    err = kernel_error(nk, nk.set_status, csd, {"N_channels": 0})
    assert err.errorname == "BadProperty" and err.message.endswith("/N_channels can only be larger than zero.")
    err = kernel_error(nk, nk.set_status, csd, {"delta_tau": -0.1})
    assert err.errorname == "BadProperty" and err.message.endswith("/delta_tau must not be negative.")
    err = kernel_error(nk, nk.set_status, csd, {"Tstop": -1.0})
    assert err.errorname == "BadProperty" and err.message.endswith("/Tstop must not be negative.")
    assert kernel_error(nk, nk.set_status, csd, {"delta_tau": 0.25}).errorname == "StepMultipleRequired"
    assert kernel_error(nk, nk.set_status, csd, {"tau_max": 0.25}).errorname == "TimeMultipleRequired"
    nk.set_status(csd, {"N_channels": 2, "tau_max": 0.4, "delta_tau": 0.2})
    st = nk.get_status(csd)[0]
    assert st["N_channels"] == 2 and np.array(st["count_covariance"]).shape == (2, 2, 5)
    sg = nk.create("spike_generator")
    err = kernel_error(nk, nk.connect, sg, csd, {"rule": "one_to_one"}, {"receptor_type": 2})
    assert err.errorname == "UnknownReceptorType"
    nk.connect(sg, csd, {"rule": "one_to_one"}, {"receptor_type": 1})


def test_correlospinmatrix_setting_parameters_clears_the_counts(nk):
    sg = nk.create("spike_generator", 1, {"spike_times": [1.0, 3.0], "spike_multiplicities": [2, 1]})
    closing = nk.create("spike_generator", 1, {"spike_times": [5.0]})
    csd = nk.create("correlospinmatrix_detector", 1, {"N_channels": 2})
    nk.connect(sg, csd, {"rule": "one_to_one"}, {"receptor_type": 0})
    nk.connect(closing, csd, {"rule": "one_to_one"}, {"receptor_type": 1})
    nk.simulate(10.0)
    assert np.array(nk.get_status(csd)[0]["count_covariance"])[0, 0, 10] == 20
    nk.set_status(csd, {"Tstart": 0.0})
    assert np.all(np.array(nk.get_status(csd)[0]["count_covariance"]) == 0)
