"""clopath_synapse and its neurons (aeif_psc_delta_clopath, hh_psc_alpha_clopath): defaults, the
filtered potentials against their ODEs, the synapse's weight change for hand-computed pairings,
the NEST 3.10 recordings in tests/data/reference/clopath_nest310.json, and the error paths."""
import math

import numpy as np
import pytest

from kernel_ref import load_case

ONE = {"rule": "one_to_one"}
A_LTD, A_LTP, THETA_PLUS, THETA_MINUS = 14.0e-5, 8.0e-5, -45.3, -70.6


@pytest.fixture(scope="module")
def ref():
    return load_case("clopath_nest310")


def err(nk, fn, *args):
    with pytest.raises(nk.KernelError) as e:
        fn(*args)
    return e.value


def test_defaults_of_the_neurons_and_the_synapse(nk):
    a = nk.get_defaults("aeif_psc_delta_clopath")
    expected = {"A_LTD": A_LTD, "A_LTP": A_LTP, "A_LTD_const": True, "delay_u_bars": 5.0, "u_ref_squared": 60.0,
                "theta_plus": THETA_PLUS, "theta_minus": THETA_MINUS, "tau_plus": 7.0, "tau_bar_bar": 500.0,
                "V_peak": 33.0, "V_clamp": 33.0, "t_clamp": 2.0, "I_sp": 400.0, "tau_z": 40.0, "tau_V_th": 50.0,
                "V_th_max": 30.4, "V_th_rest": -50.4, "V_reset": -60.0, "t_ref": 0.0, "C_m": 281.0, "g_L": 30.0,
                "u_bar_plus": -70.6, "u_bar_minus": -70.6, "u_bar_bar": -70.6, "V_m": -70.6, "w": 0.0,
                "tau_minus": 20.0}  # the spike archive's tau_minus is shown; u_bar_minus uses 10 ms
    assert {k: a[k] for k in expected} == expected
    h = nk.get_defaults("hh_psc_alpha_clopath")
    assert (h["tau_plus"], h["tau_bar_bar"], h["u_bar_plus"], h["u_bar_bar"], h["V_m"]) == (114.0, 500.0, 0.0, 0.0, -65.0)
    assert h["Act_m"] == pytest.approx(0.05293248525724958, rel=1e-15)
    assert h["A_LTD"] == A_LTD and h["theta_plus"] == THETA_PLUS and h["E_L"] == -54.402
    s = nk.get_defaults("clopath_synapse")
    assert (s["weight"], s["delay"], s["tau_x"], s["Wmax"], s["Wmin"], s["x_bar"]) == (1.0, 1.0, 15.0, 100.0, 0.0, 0.0)


def test_recordables(nk):
    assert nk.get_defaults("aeif_psc_delta_clopath")["recordables"] == [
        "V_m", "w", "z", "V_th", "u_bar_plus", "u_bar_minus", "u_bar_bar"]
    assert set(nk.get_defaults("hh_psc_alpha_clopath")["recordables"]) >= {"u_bar_plus", "u_bar_minus", "u_bar_bar"}


def test_filtered_potentials_follow_their_odes_at_constant_v(nk):
    # Delta_T = 0 and V = E_L: V stays put and the three traces relax linearly towards it
    V, u0 = -70.6, {"u_bar_plus": -60.0, "u_bar_minus": -50.0, "u_bar_bar": -65.0}
    n = nk.create("aeif_psc_delta_clopath", 1, dict(u0, Delta_T=0.0, tau_plus=7.0, tau_bar_bar=50.0))
    mm = nk.create("multimeter", 1, {"record_from": ["V_m", "u_bar_plus", "u_bar_minus", "u_bar_bar"],
                                     "interval": 0.1})
    nk.connect(mm, n, ONE, {})
    nk.simulate(40.0)
    ev = nk.get_status(mm)[0]["events"]
    t = np.asarray(ev["times"])
    tp, tm, tbb = 7.0, 10.0, 50.0
    A, B = u0["u_bar_minus"] - V, u0["u_bar_bar"] - V
    np.testing.assert_array_equal(ev["V_m"], V)
    np.testing.assert_allclose(ev["u_bar_plus"], V + (u0["u_bar_plus"] - V) * np.exp(-t / tp), atol=1e-6)
    np.testing.assert_allclose(ev["u_bar_minus"], V + A * np.exp(-t / tm), atol=1e-6)
    bb = V + B * np.exp(-t / tbb) + A / tbb * (np.exp(-t / tm) - np.exp(-t / tbb)) / (1.0 / tbb - 1.0 / tm)
    np.testing.assert_allclose(ev["u_bar_bar"], bb, atol=1e-6)


def test_hh_traces_filter_the_membrane_potential(nk):
    n = nk.create("hh_psc_alpha_clopath", 1, {"I_e": 600.0})
    mm = nk.create("multimeter", 1, {"record_from": ["V_m", "u_bar_plus", "u_bar_minus"], "interval": 0.1})
    nk.connect(mm, n, ONE, {})
    nk.simulate(40.0)
    ev = nk.get_status(mm)[0]["events"]
    # Euler check of tau du/dt = V - u between samples (coarse: V moves fast in spikes)
    for key, tau in (("u_bar_plus", 114.0), ("u_bar_minus", 10.0)):
        u, v = np.asarray(ev[key]), np.asarray(ev["V_m"])
        du = np.diff(u) / 0.1
        mid = 0.5 * ((v[1:] - u[1:]) + (v[:-1] - u[:-1])) / tau
        quiet = np.abs(np.diff(v)) < 0.5
        np.testing.assert_allclose(du[quiet], mid[quiet], rtol=2e-3, atol=1e-3)


def compare_trace(ev, case, keys, atol):
    t = np.round(np.asarray(ev["times"]), 6)
    idx = np.searchsorted(t, np.round(case["times"], 6))
    for k in keys:
        np.testing.assert_allclose(np.asarray(ev[k])[idx], case[k], rtol=0, atol=atol, err_msg=k)


@pytest.mark.parametrize("model,case_name,keys", [
    ("aeif_psc_delta_clopath", "aeif", ["V_m", "w", "z", "V_th", "u_bar_plus", "u_bar_minus", "u_bar_bar"]),
    ("hh_psc_alpha_clopath", "hh", ["V_m", "Act_m", "u_bar_plus", "u_bar_minus", "u_bar_bar"]),
    ("aeif_psc_delta_clopath", "aeif_inputs", ["V_m", "w", "z", "V_th", "u_bar_plus", "u_bar_minus", "u_bar_bar"]),
])
def test_neuron_traces_match_nest310(nk, ref, model, case_name, keys):
    case = ref[case_name]
    n = nk.create(model, 1, case["params"])
    if "sg_times" in case:
        sg = nk.create("spike_generator", 1, {"spike_times": case["sg_times"]})
        nk.connect(sg, n, ONE, {"model": "static_synapse", "weight": case["input_weight"], "delay": 1.0})
    mm = nk.create("multimeter", 1, {"record_from": keys, "interval": 0.1})
    sd = nk.create("spike_detector")
    nk.connect(mm, n, ONE, {})
    nk.connect(n, sd, ONE, {})
    nk.simulate(case["T"])
    np.testing.assert_allclose(nk.get_status(sd)[0]["events"]["times"], case["spikes"], atol=1e-9)
    compare_trace(nk.get_status(mm)[0]["events"], case, keys, atol=1e-9)


def run_syn_case(nk, case, model):
    pre_sg = nk.create("spike_generator", 1, {"spike_times": case["pre_times"]})
    pre = nk.create("parrot_neuron")
    post_sg = nk.create("spike_generator", 1, {"spike_times": case["post_drive_times"]})
    post = nk.create(model, 1, case["post_params"])
    sd = nk.create("spike_detector")
    nk.connect(pre_sg, pre, ONE, {"model": "static_synapse"})
    drive = 40.0 if model.startswith("aeif") else 4000.0
    nk.connect(post_sg, post, ONE, {"model": "static_synapse", "weight": drive, "delay": 1.0})
    nk.connect(pre, post, ONE, dict(case["syn"], model="clopath_synapse", weight=5.0, delay=case["delay"]))
    nk.connect(post, sd, ONE, {})
    conn = nk.get_connections(pre, post, "clopath_synapse")
    out, t = [], 0.0
    while t < case["T"]:
        nk.simulate(case["chunk"])
        t += case["chunk"]
        st = nk.get_connection_status(conn)[0]
        out.append([t, st["weight"], st["x_bar"]])
    return np.array(out), nk.get_status(sd)[0]["events"]["times"]


@pytest.mark.parametrize("case_name,model", [
    ("syn_ltp", "aeif_psc_delta_clopath"), ("syn_ltd", "aeif_psc_delta_clopath"),
    ("syn_homeo", "aeif_psc_delta_clopath"), ("syn_hh", "hh_psc_alpha_clopath")])
def test_synapse_weights_match_nest310(nk, ref, case_name, model):
    case = ref[case_name]
    w, post_spikes = run_syn_case(nk, case, model)
    np.testing.assert_allclose(post_spikes, case["post_spikes"], atol=1e-9)
    np.testing.assert_allclose(w, case["weights"], rtol=0, atol=1e-12)
    assert np.ptp(w[:, 1]) > 1e-3  # the pairing does change the weight


def constant_v_pairing(nk, V, pre_gen, tau_x=15.0, Wmax=100.0, w0=5.0, t_clamp=0.1, V_clamp=None):
    """Pre parrot -> clopath_synapse (delay 1) -> post held at V: V_m starts at V_peak, just above V,
    and spikes once its threshold V_th (Delta_T = 0), relaxing from -50.4 mV, is below it; it is then
    clamped at V_clamp = V and refractory at V_reset = V for the rest of the run, so input does not
    move it. The traces (started at V, delay_u_bars = 0) stay at V up to < 1e-6 mV: every step
    writes the same LTD value and, if V > theta_plus, the same LTP amount. A static connection of
    delay 5 ms keeps 51 steps of LTD values."""
    post = nk.create("aeif_psc_delta_clopath", 1, {
        "Delta_T": 0.0, "E_L": V + 1.0, "V_m": V + 1e-6, "V_peak": V + 1e-6, "V_reset": V,
        "V_th_rest": V - 10.0, "V_th_max": V - 5.0, "t_clamp": t_clamp,
        "V_clamp": V if V_clamp is None else V_clamp, "t_ref": 10000.0,
        "u_bar_plus": V, "u_bar_minus": V, "u_bar_bar": V, "delay_u_bars": 0.0})
    sg = nk.create("spike_generator", 1, {"spike_times": pre_gen})
    pre = nk.create("parrot_neuron")
    other = nk.create("parrot_neuron")
    sd = nk.create("spike_detector")
    nk.connect(sg, pre, ONE, {"model": "static_synapse"})
    nk.connect(pre, other, ONE, {"model": "static_synapse", "delay": 5.0})
    nk.connect(pre, sd, ONE, {})
    nk.connect(pre, post, ONE, {"model": "clopath_synapse", "weight": w0, "tau_x": tau_x, "Wmax": Wmax})
    nk.simulate(max(pre_gen) + 10.0)
    st = nk.get_connection_status(nk.get_connections(pre, post))[0]
    return np.asarray(nk.get_status(sd)[0]["events"]["times"]), st


def hand_weight(V, t_pre, d, tau_x, w0, Wmax, h=0.1):
    """The Clopath rule at constant V: LTD per presynaptic spike, LTP summed step by step."""
    ltd = A_LTD * (V - THETA_MINUS) if V > THETA_MINUS else 0.0
    ltp = A_LTP * (V - THETA_PLUS) * (V - THETA_MINUS) * h if V > THETA_PLUS else 0.0
    w, x_bar, t_last = w0, 0.0, 0.0
    for t in t_pre:
        n_steps = int(round((t - t_last) / h))
        for j in range(1, n_steps + 1):  # post steps at t_last - d + j h, all after t_last - d
            if t_last - d + j * h <= 0.0:
                continue  # nothing written before the simulation starts
            w = min(w + ltp * x_bar * math.exp(-j * h / tau_x), Wmax)
        w = max(w - ltd, 0.0)
        x_bar = x_bar * math.exp((t_last - t) / tau_x) + 1.0 / tau_x
        t_last = t
    return w, x_bar


NEST310 = {-40.0: 5.018751539216654, -60.0: 4.9940639997863325}


@pytest.mark.parametrize("V,grows", [(-40.0, True), (-60.0, False)])
def test_weight_change_at_constant_postsynaptic_potential(nk, V, grows):
    # above theta_plus the high postsynaptic depolarisation potentiates; below only depression acts
    t_pre, st = constant_v_pairing(nk, V, [4.0, 9.0, 12.0, 30.0], tau_x=8.0)
    w, x_bar = hand_weight(V, t_pre, 1.0, 8.0, 5.0, 100.0)
    assert st["weight"] == pytest.approx(w, rel=1e-10)  # traces move by < 1e-7 mV in the first step
    assert st["x_bar"] == pytest.approx(x_bar, rel=1e-12)
    np.testing.assert_allclose(t_pre, [5.0, 10.0, 13.0, 31.0])
    assert (st["weight"] > 5.0) == grows
    assert st["weight"] == pytest.approx(NEST310[V], rel=1e-12)  # same network in NEST 3.10


# NEST 3.10, same network and parameters (tau_x 8): with t_clamp = 0 V stays at V_clamp = 33 mV
# through the refractory time while the traces see V_reset, so 33 mV drives potentiation
CLAMP0_NEST310 = {-40.0: 5.513051621689222, -60.0: 5.136279413777883}


@pytest.mark.parametrize("V", [-40.0, -60.0])
def test_without_clamp_time_v_stays_at_v_clamp_as_nest310(nk, V):
    _, st = constant_v_pairing(nk, V, [4.0, 9.0, 12.0, 30.0], tau_x=8.0, t_clamp=0.0, V_clamp=33.0)
    assert st["weight"] == pytest.approx(CLAMP0_NEST310[V], rel=1e-9)
    assert st["x_bar"] == pytest.approx(0.15207664867847973, rel=1e-12)


def test_weight_stays_within_wmin_and_wmax(nk):
    _, st = constant_v_pairing(nk, -30.0, [2.0 + 3.0 * k for k in range(20)], Wmax=5.01)
    assert st["weight"] == pytest.approx(5.01 - A_LTD * (-30.0 - THETA_MINUS), rel=1e-10)
    nk.reset_kernel()
    sg = nk.create("spike_generator", 1, {"spike_times": [2.0 + 3.0 * k for k in range(20)]})
    pre = nk.create("parrot_neuron")
    post = nk.create("aeif_psc_delta_clopath", 1, {"E_L": -60.0, "V_m": -60.0, "Delta_T": 0.0, "u_bar_minus": -60.0})
    nk.connect(sg, pre, ONE, {"model": "static_synapse"})
    nk.connect(pre, post, ONE, {"model": "clopath_synapse", "weight": 0.01, "Wmin": 0.005})
    nk.simulate(80.0)
    assert nk.get_connection_status(nk.get_connections(pre, post))[0]["weight"] == 0.005


def test_tau_minus_sets_the_u_bar_minus_time_constant(nk):
    n = nk.create("aeif_psc_delta_clopath", 1, {"Delta_T": 0.0, "u_bar_minus": -50.0, "tau_minus": 20.0})
    assert nk.get_status(n)[0]["tau_minus"] == 20.0
    nk.simulate(10.0)
    u = nk.get_status(n)[0]["u_bar_minus"]
    assert u == pytest.approx(-70.6 + 20.6 * math.exp(-10.0 / 20.0), abs=1e-6)


def test_clopath_synapse_needs_a_clopath_neuron(nk):
    a, b = nk.create("parrot_neuron"), nk.create("iaf_psc_alpha")
    e = err(nk, nk.connect, a, b, ONE, {"model": "clopath_synapse"})
    assert e.errorname == "IllegalConnection"
    assert "not supported by the neuron model" in e.message
    assert nk.get_kernel_status()["num_connections"] == 0


@pytest.mark.parametrize("model,params,msg", [
    ("aeif_psc_delta_clopath", {"u_ref_squared": 0.0}, "Ensure that u_ref_squared > 0"),
    ("aeif_psc_delta_clopath", {"delay_u_bars": -1.0}, "delay_u_bars >= 0"),
    ("aeif_psc_delta_clopath", {"tau_plus": 0.0}, "All time constants must be strictly positive."),
    ("aeif_psc_delta_clopath", {"tau_z": -1.0}, "All time constants must be strictly positive."),
    ("aeif_psc_delta_clopath", {"t_clamp": -1.0}, "Ensure that t_clamp >= 0"),
    ("aeif_psc_delta_clopath", {"V_reset": 40.0}, "Ensure that V_reset < V_peak ."),
    ("aeif_psc_delta_clopath", {"C_m": 0.0}, "Ensure that C_m > 0"),
    ("aeif_psc_delta_clopath", {"V_th_max": -60.0}, "V_th_max >= V_th_rest required."),
    ("aeif_psc_delta_clopath", {"t_ref": -1.0}, "Refractory time cannot be negative."),
    ("aeif_psc_delta_clopath", {"tau_V_th": 0.0}, "All time constants must be strictly positive."),
    ("hh_psc_alpha_clopath", {"tau_bar_bar": -5.0}, "All time constants must be strictly positive."),
    ("hh_psc_alpha_clopath", {"C_m": 0.0}, "Capacitance must be strictly positive."),
])
def test_bad_neuron_parameters_are_rejected(nk, model, params, msg):
    n = nk.create(model)
    before = nk.get_status(n)[0]
    e = err(nk, nk.set_status, n, params)
    assert e.errorname == "BadProperty" and msg in e.message
    after = nk.get_status(n)[0]
    assert {k: after[k] for k in params} == {k: before[k] for k in params}


def test_weight_and_wmax_must_have_the_same_sign(nk):
    a, b = nk.create("parrot_neuron"), nk.create("aeif_psc_delta_clopath")
    e = err(nk, nk.connect, a, b, ONE, {"model": "clopath_synapse", "weight": -1.0})
    assert e.errorname == "BadProperty" and "Weight and Wmax must have same sign." in e.message
