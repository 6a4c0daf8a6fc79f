"""Exact-integration and stochastic neuron models (multisynapse, izhikevich, MAT2/AMAT2, GIF, ...):
reference cases of the established simulator replayed within 1e-9 mV / 1e-9 ms, parameter and
receptor validation, and statistics of the stochastic models with fixed seeds."""
import numpy as np
import pytest

from kernel_ref import check_trace, load_case, replay, spike_times

REFERENCE_CASES = [
    "A_dc__iaf_psc_alpha_multisynapse",
    "A_drive__iaf_psc_alpha_multisynapse",
    "A_psp__iaf_psc_alpha_multisynapse",
    "A_dc__iaf_psc_exp_multisynapse",
    "A_dc__mat2_psc_exp",
    "A_drive__mat2_psc_exp",
    "A_psp__mat2_psc_exp",
    "A_dc__amat2_psc_exp",
    "A_drive__amat2_psc_exp",
    "A_psp__amat2_psc_exp",
    # gif_psc_exp with Delta_V = 1e-6 mV: the hazard is 0 or infinite, so firing is deterministic
    "A_dc__gif_psc_exp",
    "A_psp__gif_psc_exp",
    "A_dc__izhikevich",
    "A_drive__izhikevich",
]


@pytest.mark.parametrize("name", REFERENCE_CASES)
def test_model_matches_reference_case(nk, name):
    case = load_case(name)
    if case["model"] == "izhikevich":
        # the reference (3.x) starts U_m at b*V_m; 2.x starts it at 0: give the reference's value
        case["nodes"][0]["params_set"]["U_m"] = case["nodes"][0]["model_defaults"]["U_m"]
    gids = replay(nk, case)
    check_trace(nk, gids["mm"], "V_m", case["outputs"]["V_m"], tol=1e-9)
    np.testing.assert_allclose(spike_times(nk, gids["sr"]), case["outputs"]["spike_times"], rtol=0, atol=1e-9)


def _run_with_dc(nk, model, params, T=300.0, record=("V_m",)):
    n = nk.create(model, 1, params)
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": list(record)})
    sd = nk.create("spike_detector")
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.connect(n, sd, {"rule": "one_to_one"}, {})
    nk.simulate(T)
    return n, nk.get_status(mm)[0]["events"], spike_times(nk, sd)


# --- multisynapse ---------------------------------------------------------------------------

@pytest.mark.parametrize("model", ["iaf_psc_alpha_multisynapse", "iaf_psc_exp_multisynapse"])
def test_multisynapse_defaults_and_ports(nk, model):
    d = nk.get_defaults(model)
    assert d["tau_syn"] == pytest.approx([2.0]) and d["n_synapses"] == 1 and d["has_connections"] is False
    n = nk.create(model, 1, {"tau_syn": [1.0, 3.0, 7.0]})
    st = nk.get_status(n)[0]
    assert st["n_synapses"] == 3
    assert "I_syn_3" in st["recordables"]


@pytest.mark.parametrize("model", ["iaf_psc_alpha_multisynapse", "iaf_psc_exp_multisynapse"])
@pytest.mark.parametrize("port", [0, 3])
def test_multisynapse_rejects_ports_outside_1_to_n(nk, model, port):
    n = nk.create(model, 1, {"tau_syn": [1.0, 3.0]})
    sg = nk.create("spike_generator")
    with pytest.raises(nk.KernelError) as err:
        nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": port})
    assert err.value.errorname == "IncompatibleReceptorType"
    assert err.value.message.endswith(f"Receptor type {port} in {model} does not accept SpikeEvent.")


def test_multisynapse_current_only_on_port_0(nk):
    n = nk.create("iaf_psc_alpha_multisynapse", 1, {"tau_syn": [1.0, 3.0]})
    dc = nk.create("dc_generator")
    with pytest.raises(nk.KernelError) as err:
        nk.connect(dc, n, {"rule": "one_to_one"}, {"receptor_type": 1})
    assert err.value.errorname == "UnknownReceptorType"


def test_multisynapse_ports_cannot_shrink_once_connected(nk):
    n = nk.create("iaf_psc_exp_multisynapse", 1, {"tau_syn": [1.0, 3.0]})
    sg = nk.create("spike_generator")
    nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": 2})
    assert nk.get_status(n)[0]["has_connections"] is True
    with pytest.raises(nk.KernelError) as err:
        nk.set_status(n, {"tau_syn": [1.0]})
    assert err.value.errorname == "BadProperty"
    assert "cannot be reduced" in err.value.message
    nk.set_status(n, {"tau_syn": [1.0, 3.0, 5.0]})  # growing stays allowed
    assert nk.get_status(n)[0]["n_synapses"] == 3


@pytest.mark.parametrize("model", ["iaf_psc_alpha_multisynapse", "iaf_psc_exp_multisynapse"])
def test_multisynapse_rejects_non_positive_tau_syn(nk, model):
    with pytest.raises(nk.KernelError) as err:
        nk.create(model, 1, {"tau_syn": [1.0, 0.0]})
    assert err.value.errorname == "BadProperty"


@pytest.mark.parametrize("model,ps", [("iaf_psc_alpha_multisynapse", "iaf_psc_alpha"),
                                      ("iaf_psc_exp_multisynapse", "iaf_psc_exp")])
def test_multisynapse_ports_equal_the_single_synapse_model(nk, model, ps):
    """Port 1 excitatory, port 2 inhibitory with the single-synapse model's time constants give
    the single-synapse model's trace, including the singular case tau_syn == tau_m."""
    for tau in (2.0, 10.0):
        nk.reset_kernel()
        a = nk.create(model, 1, {"tau_syn": [tau, 5.0], "I_e": 200.0})
        b = nk.create(ps, 1, {"tau_syn_ex": tau, "tau_syn_in": 5.0, "I_e": 200.0})
        sg = nk.create("spike_generator", 1, {"spike_times": [5.0, 12.0, 12.5, 30.0]})
        sgi = nk.create("spike_generator", 1, {"spike_times": [20.0, 40.0]})
        nk.connect(sg, a, {"rule": "one_to_one"}, {"weight": 900.0, "receptor_type": 1})
        nk.connect(sgi, a, {"rule": "one_to_one"}, {"weight": -300.0, "receptor_type": 2})
        nk.connect(sg, b, {"rule": "one_to_one"}, {"weight": 900.0})
        nk.connect(sgi, b, {"rule": "one_to_one"}, {"weight": -300.0})
        mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
        nk.connect(mm, np.concatenate([a, b]), {"rule": "all_to_all"}, {})
        nk.simulate(60.0)
        ev = nk.get_status(mm)[0]["events"]
        va, vb = ev["V_m"][ev["senders"] == a[0]], ev["V_m"][ev["senders"] == b[0]]
        assert va.max() > -60.0
        np.testing.assert_allclose(va, vb, rtol=0, atol=1e-9)


# --- izhikevich -------------------------------------------------------------------------------

def test_izhikevich_defaults_follow_2x(nk):
    d = nk.get_defaults("izhikevich")
    assert d["U_m"] == 0.0 and d["V_m"] == -65.0 and d["consistent_integration"] is True


def test_izhikevich_original_integration_differs(nk):
    _, ev1, sp1 = _run_with_dc(nk, "izhikevich", {"I_e": 10.0})
    nk.reset_kernel()
    _, ev2, sp2 = _run_with_dc(nk, "izhikevich", {"I_e": 10.0, "consistent_integration": False})
    assert len(sp1) > 3 and len(sp2) > 3
    assert np.abs(ev1["V_m"] - ev2["V_m"]).max() > 1e-3


# --- mat2 / amat2 -----------------------------------------------------------------------------

def test_mat2_threshold_recordable_jumps_by_alpha(nk):
    _, ev, sp = _run_with_dc(nk, "mat2_psc_exp", {"I_e": 550.0}, T=50.0, record=("V_m", "V_th"))
    assert len(sp) >= 1
    k = int(round(sp[0] / 0.1)) - 1  # sample index at the spike step
    assert ev["V_th"][k] - ev["V_th"][k - 1] == pytest.approx(37.0 + 2.0, abs=0.5)


def test_mat2_refractory_must_cover_a_step(nk):
    n = nk.create("mat2_psc_exp", 1, {"t_ref": 0.01})
    with pytest.raises(nk.KernelError) as err:
        nk.simulate(1.0)
    assert err.value.errorname == "BadProperty"


def test_amat2_with_beta_zero_equals_mat2(nk):
    p = {"I_e": 400.0, "C_m": 100.0, "tau_m": 5.0, "alpha_1": 37.0, "alpha_2": 2.0, "omega": -51.0}
    _, ev1, sp1 = _run_with_dc(nk, "mat2_psc_exp", dict(p))
    nk.reset_kernel()
    _, ev2, sp2 = _run_with_dc(nk, "amat2_psc_exp", dict(p))
    np.testing.assert_allclose(ev1["V_m"], ev2["V_m"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(sp1, sp2, atol=1e-12)


def test_amat2_voltage_threshold_follows_kernel(nk):
    """th_v = beta * int s exp(-s/tau_v) V'(t-s) ds: for V stepping from rest with a constant current,
    V(t) = R I (1 - exp(-t/tau_m)); compare with the convolution evaluated numerically."""
    beta, tau_v, tau_m, C, I = 0.5, 4.0, 10.0, 200.0, 50.0
    _, ev, sp = _run_with_dc(nk, "amat2_psc_exp", {"I_e": I, "beta": beta, "tau_v": tau_v, "omega": 0.0},
                             T=30.0, record=("V_m", "V_th_v"))
    assert len(sp) == 0
    t = ev["times"]
    s = np.linspace(0.0, 30.0, 300001)
    ds = s[1] - s[0]
    for tk in (2.0, 10.0, 25.0):
        k = int(np.argmin(np.abs(t - tk)))
        ss = s[s <= tk]
        dV = (I / C) * np.exp(-(tk - ss) / tau_m)  # V'(tk - ss)
        f = ss * np.exp(-ss / tau_v) * dV
        expected = beta * ds * (f.sum() - 0.5 * (f[0] + f[-1]))  # trapezoidal rule
        assert ev["V_th_v"][k] == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("model,params", [
    ("mat2_psc_exp", {"C_m": 0.0}),
    ("mat2_psc_exp", {"tau_1": -1.0}),
    ("amat2_psc_exp", {"tau_v": 0.0}),
    ("izhikevich", {"a": 1}),  # int for a double: TypeMismatch
    ("gif_psc_exp", {"Delta_V": 0.0}),
    ("gif_psc_exp", {"g_L": -1.0}),
    ("gif_psc_exp", {"tau_sfa": [10.0, 20.0], "q_sfa": [1.0]}),
    ("gif_psc_exp", {"tau_stc": [0.0], "q_stc": [1.0]}),
])
def test_invalid_parameters_are_rejected(nk, model, params):
    with pytest.raises(nk.KernelError) as err:
        nk.create(model, 1, params)
    assert err.value.errorname in ("BadProperty", "TypeMismatch")


def test_gif_sfa_dimension_message(nk):
    with pytest.raises(nk.KernelError) as err:
        nk.create("gif_psc_exp", 1, {"tau_sfa": [10.0, 20.0], "q_sfa": [1.0]})
    assert "'tau_sfa' and 'q_sfa' need to have the same dimensions." in err.value.message


# --- stochastic models ------------------------------------------------------------------------

def test_gif_escape_noise_rate_matches_hazard(nk):
    """Without input and without kernels V stays at E_L: each step fires with probability
    p = 1 - exp(-lambda h), lambda = lambda_0 exp((E_L - V_T_star)/Delta_V); refractoriness
    t_ref makes the process a renewal process with mean interval t_ref + h/p (geometric waiting)."""
    lam0, dv, E_L, VT = 50.0, 2.0, -70.0, -68.0  # lambda = 50 * exp(-1) Hz
    N, T, h, t_ref = 50, 20000.0, 0.1, 4.0
    pop = nk.create("gif_psc_exp", N, {"lambda_0": lam0, "Delta_V": dv, "V_T_star": VT, "E_L": E_L, "V_m": E_L,
                                      "V_reset": E_L, "t_ref": t_ref})
    sd = nk.create("spike_detector")
    nk.connect(pop, sd, {"rule": "all_to_all"}, {})
    nk.simulate(T)
    n_spk = len(spike_times(nk, sd))
    lam = lam0 * np.exp((E_L - VT) / dv) / 1000.0  # 1/ms
    p = -np.expm1(-lam * h)
    mean_isi = t_ref + h / p  # refractory steps are n_ref = t_ref/h, then geometric waiting
    expected = N * T / mean_isi
    cv = np.sqrt(1.0 - p) * (h / p) / mean_isi  # CV of the interval (shifted geometric)
    sd_count = np.sqrt(N * T / mean_isi) * cv  # renewal process: var(count) ~ T cv^2 / mean
    assert abs(n_spk - expected) < 5 * sd_count + 5
