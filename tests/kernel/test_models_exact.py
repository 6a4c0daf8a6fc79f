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


# --- gif_psc_exp_multisynapse -----------------------------------------------------------------

def test_gif_multisynapse_equals_gif_with_two_ports(nk):
    kern = {"Delta_V": 1e-6, "q_sfa": [5.0], "tau_sfa": [100.0], "q_stc": [10.0], "tau_stc": [30.0], "I_e": 190.0}
    a = nk.create("gif_psc_exp", 1, dict(kern, tau_syn_ex=3.0, tau_syn_in=6.0))
    b = nk.create("gif_psc_exp_multisynapse", 1, dict(kern, tau_syn=[3.0, 6.0]))
    sg = nk.create("spike_generator", 1, {"spike_times": [5.0, 30.0, 31.0, 70.0]})
    sgi = nk.create("spike_generator", 1, {"spike_times": [50.0, 90.0]})
    nk.connect(sg, a, {"rule": "one_to_one"}, {"weight": 300.0})
    nk.connect(sgi, a, {"rule": "one_to_one"}, {"weight": -200.0})
    nk.connect(sg, b, {"rule": "one_to_one"}, {"weight": 300.0, "receptor_type": 1})
    nk.connect(sgi, b, {"rule": "one_to_one"}, {"weight": -200.0, "receptor_type": 2})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m", "E_sfa", "I_stc"]})
    nk.connect(mm, np.concatenate([a, b]), {"rule": "all_to_all"}, {})
    sd = nk.create("spike_detector")
    nk.connect(np.concatenate([a, b]), sd, {"rule": "all_to_all"}, {})
    nk.simulate(200.0)
    ev = nk.get_status(mm)[0]["events"]
    for key in ("V_m", "E_sfa", "I_stc"):
        np.testing.assert_allclose(ev[key][ev["senders"] == a[0]], ev[key][ev["senders"] == b[0]], rtol=0, atol=1e-9)
    sev = nk.get_status(sd)[0]["events"]
    ta, tb = sev["times"][sev["senders"] == a[0]], sev["times"][sev["senders"] == b[0]]
    assert len(ta) > 2
    np.testing.assert_array_equal(ta, tb)


def test_gif_multisynapse_port_errors(nk):
    n = nk.create("gif_psc_exp_multisynapse", 1, {"tau_syn": [1.0, 2.0]})
    assert nk.get_status(n)[0]["n_receptors"] == 2
    sg = nk.create("spike_generator")
    with pytest.raises(nk.KernelError) as err:
        nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": 3})
    assert err.value.errorname == "IncompatibleReceptorType"


# --- iaf_tum_2000 -----------------------------------------------------------------------------

def test_tum_2000_with_equal_refractory_times_equals_iaf_psc_exp(nk):
    a = nk.create("iaf_tum_2000", 1, {"I_e": 400.0, "t_ref_abs": 2.0, "t_ref_tot": 2.0})
    b = nk.create("iaf_psc_exp", 1, {"I_e": 400.0, "t_ref": 2.0})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
    nk.connect(mm, np.concatenate([a, b]), {"rule": "all_to_all"}, {})
    nk.simulate(200.0)
    ev = nk.get_status(mm)[0]["events"]
    va, vb = ev["V_m"][ev["senders"] == a[0]], ev["V_m"][ev["senders"] == b[0]]
    assert va.max() > -56.0
    np.testing.assert_allclose(va, vb, rtol=0, atol=1e-12)


def test_tum_2000_total_refractoriness_blocks_spikes_while_V_integrates(nk):
    n, ev, sp = _run_with_dc(nk, "iaf_tum_2000", {"I_e": 2000.0, "t_ref_abs": 0.5, "t_ref_tot": 5.0}, T=100.0)
    isi = np.diff(sp)
    assert len(isi) > 5 and isi.min() >= 5.1 - 1e-9
    # V leaves V_reset 0.5 ms after each spike although no spike is allowed for 5 ms
    k = int(round(sp[1] / 0.1)) - 1
    assert ev["V_m"][k + 5] == pytest.approx(-70.0) and ev["V_m"][k + 10] > -70.0 + 1.0


def test_tum_2000_rejects_total_shorter_than_absolute(nk):
    with pytest.raises(nk.KernelError) as err:
        nk.create("iaf_tum_2000", 1, {"t_ref_abs": 3.0, "t_ref_tot": 2.0})
    assert err.value.errorname == "BadProperty"


# --- iaf_chs_2007 -----------------------------------------------------------------------------

def test_chs_2007_epsp_peaks_at_tau_epsp_with_V_epsp(nk):
    n = nk.create("iaf_chs_2007")
    sg = nk.create("spike_generator", 1, {"spike_times": [10.0]})
    nk.connect(sg, n, {"rule": "one_to_one"}, {"weight": 0.5, "delay": 1.0})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.simulate(60.0)
    ev = nk.get_status(mm)[0]["events"]
    k = int(np.argmax(ev["V_m"]))
    assert ev["times"][k] == pytest.approx(11.0 + 8.5, abs=1e-9)
    assert ev["V_m"][k] == pytest.approx(0.5 * 0.77, rel=1e-12)


def test_chs_2007_spike_resets_by_V_reset_and_noise_adds(nk):
    noise = list(np.linspace(0.0, 0.2, 200))
    n = nk.create("iaf_chs_2007", 1, {"V_noise": 1.0, "noise": noise})
    sg = nk.create("spike_generator", 1, {"spike_times": [1.0]})
    nk.connect(sg, n, {"rule": "one_to_one"}, {"weight": 2.0})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
    sd = nk.create("spike_detector")
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.connect(n, sd, {"rule": "one_to_one"}, {})
    nk.simulate(15.0)
    ev = nk.get_status(mm)[0]["events"]
    assert ev["V_m"][0] == pytest.approx(noise[0]) and ev["V_m"][5] == pytest.approx(noise[5])
    sp = spike_times(nk, sd)
    assert len(sp) == 1
    k = int(round(sp[0] / 0.1)) - 1
    assert ev["V_m"][k] < 0.0  # reset by 2.31 below a value just above 1


def test_chs_2007_exhausted_noise_is_an_error(nk):
    nk.create("iaf_chs_2007", 1, {"V_noise": 1.0, "noise": [0.1] * 10})
    with pytest.raises(nk.KernelError):
        nk.simulate(5.0)


# --- pp_psc_delta -----------------------------------------------------------------------------

def _pp_count(nk, N, T, params):
    pop = nk.create("pp_psc_delta", N, params)
    sd = nk.create("spike_detector")
    nk.connect(pop, sd, {"rule": "all_to_all"}, {})
    nk.simulate(T)
    return spike_times(nk, sd)


def test_pp_psc_delta_poisson_counts_without_dead_time(nk):
    rate, N, T = 40.0, 20, 10000.0  # c_3 = 0: constant rate c_2 (Hz)
    sp = _pp_count(nk, N, T, {"c_1": 0.0, "c_2": rate, "c_3": 0.0, "dead_time": 0.0})
    expected = N * rate * T / 1000.0
    assert abs(len(sp) - expected) < 5 * np.sqrt(expected)


def test_pp_psc_delta_multiplicity_at_high_rate(nk):
    """Without dead time the count per step is Poisson(rate h): several spikes share a step."""
    rate, T = 5000.0, 1000.0
    sp = _pp_count(nk, 1, T, {"c_1": 0.0, "c_2": rate, "c_3": 0.0, "dead_time": 0.0})
    expected = rate * T / 1000.0
    assert abs(len(sp) - expected) < 5 * np.sqrt(expected)
    _, counts = np.unique(np.round(sp, 6), return_counts=True)
    assert counts.max() >= 3


def test_pp_psc_delta_dead_time_makes_a_renewal_process(nk):
    rate, N, T, dead = 100.0, 20, 10000.0, 3.0
    sp = _pp_count(nk, N, T, {"c_1": 0.0, "c_2": rate, "c_3": 0.0, "dead_time": dead})
    h = 0.1
    p = -np.expm1(-rate * h / 1000.0)
    mean_isi = dead + h / p
    expected = N * T / mean_isi
    cv = np.sqrt(1 - p) * (h / p) / mean_isi
    assert abs(len(sp) - expected) < 5 * np.sqrt(expected) * cv + 5


def test_pp_psc_delta_random_dead_time_mean(nk):
    rate, N, T, dead = 100.0, 20, 10000.0, 3.0
    sp = _pp_count(nk, N, T, {"c_1": 0.0, "c_2": rate, "c_3": 0.0, "dead_time": dead, "dead_time_random": True,
                              "dead_time_shape": 4})
    h = 0.1
    p = -np.expm1(-rate * h / 1000.0)
    expected = N * T / (dead + h / p)  # gamma dead time with mean dead_time
    assert abs(len(sp) - expected) < 0.03 * expected


def test_pp_psc_delta_adaptation_lowers_rate(nk):
    base = {"c_1": 0.0, "c_2": 50.0, "c_3": 0.5, "dead_time": 1.0}
    n0 = len(_pp_count(nk, 10, 5000.0, base))
    nk.reset_kernel()
    n1 = len(_pp_count(nk, 10, 5000.0, dict(base, tau_sfa=[50.0], q_sfa=[2.0])))
    assert n1 < 0.7 * n0


def test_pp_psc_delta_validation(nk):
    for bad in ({"tau_sfa": [10.0], "q_sfa": []}, {"dead_time": -1.0}, {"dead_time_shape": 0}, {"C_m": 0.0}):
        with pytest.raises(nk.KernelError) as err:
            nk.create("pp_psc_delta", 1, bad)
        assert err.value.errorname == "BadProperty"


# --- glif_psc -----------------------------------------------------------------------------------

def _glif_run(nk, params, amplitude=300.0, T=300.0, record=("V_m", "threshold", "threshold_spike",
                                                            "threshold_voltage", "ASCurrents_sum")):
    n = nk.create("glif_psc", 1, params)
    dc = nk.create("dc_generator", 1, {"amplitude": amplitude})
    nk.connect(dc, n, {"rule": "one_to_one"}, {})
    sd = nk.create("spike_detector")
    nk.connect(n, sd, {"rule": "one_to_one"}, {})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": list(record)})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.simulate(T)
    return nk.get_status(mm)[0]["events"], spike_times(nk, sd)


def test_glif1_is_a_leaky_integrate_and_fire_neuron(nk):
    """GLIF1 (no flags) equals iaf_psc_alpha_multisynapse with tau_m = C_m/g, same threshold, reset,
    refractoriness and alpha synapses."""
    C, g = 58.72, 9.43
    a = nk.create("glif_psc", 1, {"tau_syn": [2.0, 5.0]})
    b = nk.create("iaf_psc_alpha_multisynapse", 1, {"tau_syn": [2.0, 5.0], "C_m": C, "tau_m": C / g, "E_L": -78.85,
                                                     "V_m": -78.85, "V_th": -51.68, "V_reset": -78.85, "t_ref": 3.75})
    dc = nk.create("dc_generator", 1, {"amplitude": 262.0})
    sg = nk.create("spike_generator", 1, {"spike_times": [20.0, 60.0, 61.0]})
    both = np.concatenate([a, b])
    nk.connect(dc, both, {"rule": "all_to_all"}, {})
    nk.connect(sg, both, {"rule": "all_to_all"}, {"weight": 200.0, "receptor_type": 1})
    nk.connect(sg, both, {"rule": "all_to_all"}, {"weight": -50.0, "receptor_type": 2})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
    nk.connect(mm, both, {"rule": "all_to_all"}, {})
    sd = nk.create("spike_detector")
    nk.connect(both, sd, {"rule": "all_to_all"}, {})
    nk.simulate(200.0)
    ev = nk.get_status(mm)[0]["events"]
    np.testing.assert_allclose(ev["V_m"][ev["senders"] == a[0]], ev["V_m"][ev["senders"] == b[0]], rtol=0, atol=1e-9)
    sev = nk.get_status(sd)[0]["events"]
    ta, tb = sev["times"][sev["senders"] == a[0]], sev["times"][sev["senders"] == b[0]]
    assert len(ta) > 3
    np.testing.assert_array_equal(ta, tb)


def test_glif2_resets_voltage_and_raises_threshold(nk):
    ev, sp = _glif_run(nk, {"spike_dependent_threshold": True})
    assert len(sp) > 3
    E_L = -78.85
    for t in sp[:3]:
        k = int(round(t / 0.1)) - 1  # sample at the end of the spike step
        v_before = ev["V_m"][k - 1]
        assert ev["V_m"][k] == pytest.approx(E_L + 0.2 * (v_before - E_L) + 18.51, abs=1e-9)
        # threshold component: jumped by 0.37 after decaying through t_ref, then one step of decay
        assert ev["threshold_spike"][k] > ev["threshold_spike"][k - 1] + 0.3


def test_glif3_after_spike_currents_jump_by_amps(nk):
    ev, sp = _glif_run(nk, {"after_spike_currents": True})
    k = int(round(sp[0] / 0.1)) - 1
    # as in NEST 3.10: the new currents (amps -9.18 and -198.94 pA) act from the end of the
    # refractory period (t_ref 3.75 ms); until then the sum keeps its value
    n_ref = int(round(3.75 / 0.1))
    assert ev["ASCurrents_sum"][k] == 0.0 and ev["ASCurrents_sum"][k + n_ref] == 0.0
    first = ev["ASCurrents_sum"][k + n_ref + 1]
    assert -9.18 - 198.94 < first < -0.5 * (9.18 + 198.94)
    assert len(sp) >= 2 and np.diff(sp).min() > 10.0  # the hyperpolarizing currents slow firing


def test_glif5_voltage_threshold_matches_closed_form(nk):
    """No input, V starting 20 mV above E_L: V = 20 exp(-k t), th_v' = a V - b th_v gives
    th_v = a 20 (exp(-k t) - exp(-b t)) / (b - k)."""
    a, b, k = 0.005, 0.09, 9.43 / 58.72
    ev, sp = _glif_run(nk, {"spike_dependent_threshold": True, "after_spike_currents": True,
                            "adapting_threshold": True, "V_m": -78.85 + 20.0}, amplitude=0.0, T=50.0)
    assert len(sp) == 0
    t = ev["times"]
    expected = a * 20.0 * (np.exp(-k * t) - np.exp(-b * t)) / (b - k)
    np.testing.assert_allclose(ev["threshold_voltage"], expected, rtol=0, atol=1e-9)
    np.testing.assert_allclose(ev["threshold"], -51.68 + expected, rtol=0, atol=1e-9)


@pytest.mark.parametrize("params", [
    {"adapting_threshold": True},
    {"adapting_threshold": True, "after_spike_currents": True},
    {"asc_init": [0.0], "asc_decay": [0.1, 0.2], "asc_amps": [1.0, 2.0], "asc_r": [1.0, 1.0]},
    {"voltage_reset_fraction": 1.5},
    {"V_reset": -50.0},
    {"tau_syn": [2.0, -1.0]},
    {"t_ref": 0.0},
])
def test_glif_invalid_parameters(nk, params):
    with pytest.raises(nk.KernelError) as err:
        nk.create("glif_psc", 1, params)
    assert err.value.errorname == "BadProperty"


def test_glif_receptor_ports(nk):
    n = nk.create("glif_psc", 1, {"tau_syn": [1.0, 2.0, 3.0]})
    sg = nk.create("spike_generator")
    nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": 3})
    with pytest.raises(nk.KernelError) as err:
        nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": 0})
    assert err.value.errorname == "IncompatibleReceptorType"


# --- pp_pop_psc_delta ---------------------------------------------------------------------------

def _pop_count(nk, params, T=10000.0):
    n = nk.create("pp_pop_psc_delta", 1, params)
    sd = nk.create("spike_detector")
    nk.connect(n, sd, {"rule": "one_to_one"}, {})
    nk.simulate(T)
    return spike_times(nk, sd)


def test_pp_pop_without_adaptation_is_a_poisson_population(nk):
    N, rho, T, h = 200, 20.0, 10000.0, 0.1
    sp = _pop_count(nk, {"N": N, "rho_0": rho}, T)
    p = -np.expm1(-rho * h / 1000.0)
    expected = N * (T / h) * p
    assert abs(len(sp) - expected) < 5 * np.sqrt(expected)
    _, counts = np.unique(np.round(sp, 6), return_counts=True)
    assert counts.max() >= 2  # several neurons of the population fire in one step: multiplicity


def test_pp_pop_refractory_kernel_lowers_the_rate(nk):
    """A strong, short eta acts as a dead time of about len_kernel: the rate falls towards
    1/(dead time + 1/rho)."""
    N, rho, T = 200, 100.0, 5000.0
    sp = _pop_count(nk, {"N": N, "rho_0": rho, "val_eta": [1000.0], "tau_eta": [100.0], "len_kernel": 5.0}, T)
    rate = len(sp) / N / (T / 1000.0)
    expected = 1000.0 / (5.0 + 1000.0 / rho)  # 66.7 Hz
    assert abs(rate - expected) < 0.05 * expected


def test_pp_pop_input_potential_integrates_delta_inputs(nk):
    n = nk.create("pp_pop_psc_delta", 1, {"rho_0": 0.0})
    sg = nk.create("spike_generator", 1, {"spike_times": [5.0]})
    nk.connect(sg, n, {"rule": "one_to_one"}, {"weight": 2.0, "delay": 1.0})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.simulate(30.0)
    ev = nk.get_status(mm)[0]["events"]
    t = ev["times"]
    expected = np.where(t >= 6.0 - 1e-9, 2.0 * np.exp(-(t - 6.0) / 10.0), 0.0)
    np.testing.assert_allclose(ev["V_m"], expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("params", [{"N": 0}, {"delta_u": 0.0}, {"tau_eta": [1.0, 2.0]}, {"C_m": -1.0}])
def test_pp_pop_validation(nk, params):
    with pytest.raises(nk.KernelError) as err:
        nk.create("pp_pop_psc_delta", 1, params)
    assert err.value.errorname == "BadProperty"


def test_multisynapse_port_room_is_fixed_at_create(nk):
    """Input channels are laid out at Create: at least 8 ports per node, more when tau_syn is
    given to Create; growing beyond that later is refused with a clear message."""
    many = nk.create("iaf_psc_exp_multisynapse", 1, {"tau_syn": [1.0 + k for k in range(12)]})
    sg = nk.create("spike_generator", 1, {"spike_times": [1.0]})
    nk.connect(sg, many, {"rule": "one_to_one"}, {"receptor_type": 12, "weight": 100.0})
    few = nk.create("iaf_psc_exp_multisynapse")
    nk.set_status(few, {"tau_syn": [1.0 + k for k in range(8)]})
    with pytest.raises(nk.KernelError) as err:
        nk.set_status(few, {"tau_syn": [1.0 + k for k in range(9)]})
    assert err.value.errorname == "BadProperty" and "give tau_syn to Create" in err.value.message
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["I_syn_12"]})
    nk.connect(mm, many, {"rule": "one_to_one"}, {})
    nk.simulate(5.0)
    ev = nk.get_status(mm)[0]["events"]
    assert ev["I_syn_12"][ev["times"] == 2.0][0] == pytest.approx(100.0)
