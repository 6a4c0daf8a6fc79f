"""Precise spike timing: off-grid spikes carried as (stamp, offset), the _ps neuron models against the
reference cases (V_m within 1e-9 mV, spike times within 1e-9 ms), spike_generator with precise_times,
parrot_neuron_ps, spike_detector offsets and precise_times."""
import numpy as np
import pytest

from kernel_ref import check_trace, load_case, replay, spike_times, to_float_params

REFERENCE_CASES = [
    "A_dc__iaf_psc_exp_ps",
    "A_drive__iaf_psc_exp_ps",
    "A_dc__iaf_psc_exp_ps_lossless",
    "A_drive__iaf_psc_exp_ps_lossless",
    "A_drive__iaf_psc_alpha_ps",
    "A_drive__iaf_psc_delta_ps",
    "A_psp__iaf_psc_delta_ps",
]


@pytest.mark.parametrize("name", REFERENCE_CASES)
def test_precise_model_matches_reference_case(nk, name):
    case = load_case(name)
    gids = replay(nk, case)
    check_trace(nk, gids["mm"], "V_m", case["outputs"]["V_m"], tol=1e-9)
    np.testing.assert_allclose(spike_times(nk, gids["sr"]), case["outputs"]["spike_times"], rtol=0, atol=1e-9)


def test_precise_spike_times_are_off_grid(nk):
    case = load_case("A_dc__iaf_psc_exp_ps")
    gids = replay(nk, case)
    t = spike_times(nk, gids["sr"])
    assert len(t) > 3
    assert np.abs(t / 0.1 - np.round(t / 0.1)).max() > 1e-3


def precise_generator_variants():
    return [v for v in load_case("D_spike_generator_semantics")["outputs"]["variants"]
            if v["target_model"].endswith("_ps")]


@pytest.mark.parametrize("variant", precise_generator_variants(), ids=lambda v: v["variant"])
def test_spike_generator_precise_times_reach_precise_targets(nk, variant):
    nk.set_kernel_status({"resolution": 0.1})
    sg = nk.create("spike_generator", 1, to_float_params(variant["generator_params"]))
    tgt = nk.create(variant["target_model"])
    sd = nk.create("spike_detector")
    conn = variant["connection"]
    nk.connect(sg, tgt, {"rule": "one_to_one"}, {"weight": float(conn["weight"]), "delay": float(conn["delay"])})
    nk.connect(tgt, sd, {"rule": "one_to_one"}, {})
    mm = None
    if "target_V_m" in variant:
        mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
        nk.connect(mm, tgt, {"rule": "one_to_one"}, {})
    nk.simulate(float(variant["simtime"]))
    np.testing.assert_allclose(spike_times(nk, sd), variant["target_spike_times"], rtol=0, atol=1e-9)
    if mm is not None:
        check_trace(nk, mm, "V_m", variant["target_V_m"])
    st = nk.get_status(sg)[0]
    np.testing.assert_allclose(st["spike_times"], variant["generator_status_after"]["spike_times"], atol=1e-12)


def test_exp_ps_input_at_off_grid_time_matches_closed_form(nk):
    """One input at t0 = 10.05 ms + 1 ms delay: I(t) = w exp(-(t-t1)/tau_s) from t1 = 11.05, and
    V(t) = w/C tau_s tau_m/(tau_m - tau_s) (exp(-(t-t1)/tau_m) - exp(-(t-t1)/tau_s))."""
    w, C, tm, ts = 100.0, 250.0, 10.0, 2.0
    n = nk.create("iaf_psc_exp_ps")
    sg = nk.create("spike_generator", 1, {"spike_times": [10.05], "precise_times": True})
    nk.connect(sg, n, {"rule": "one_to_one"}, {"weight": w, "delay": 1.0})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.simulate(40.0)
    ev = nk.get_status(mm)[0]["events"]
    t = ev["times"]
    u = t - 11.05
    expected = np.where(u > 0, w / C * ts * tm / (tm - ts) * (np.exp(-u / tm) - np.exp(-u / ts)), 0.0) - 70.0
    np.testing.assert_allclose(ev["V_m"], expected, rtol=0, atol=1e-10)


@pytest.mark.parametrize("model", ["iaf_psc_exp_ps", "iaf_psc_alpha_ps", "iaf_psc_delta_ps"])
def test_precise_models_are_resolution_independent(nk, model):
    """Spike times of a precise model driven by off-grid input do not depend on the step size."""
    w = {"iaf_psc_delta_ps": 3.0}.get(model, 300.0)
    runs = []
    for h in (0.1, 0.025):
        nk.reset_kernel()
        nk.set_kernel_status({"resolution": h})
        n = nk.create(model, 1, {"I_e": 450.0})
        sg = nk.create("spike_generator", 1, {"spike_times": [3.013, 7.2871, 7.5, 15.331, 22.0071, 22.0072],
                                              "precise_times": True})
        sd = nk.create("spike_detector")
        nk.connect(sg, n, {"rule": "one_to_one"}, {"weight": w, "delay": 1.0})
        nk.connect(n, sd, {"rule": "one_to_one"}, {})
        nk.simulate(100.0)
        runs.append(spike_times(nk, sd))
    assert len(runs[0]) > 2
    np.testing.assert_allclose(runs[0], runs[1], rtol=0, atol=1e-9)


def test_alpha_ps_aliases(nk):
    for name in ("iaf_psc_alpha_canon", "iaf_psc_alpha_presc"):
        d = nk.get_defaults(name)
        assert d["supports_precise_spikes"] is True and d["V_th"] == -55.0


def test_creating_a_precise_model_switches_on_off_grid_spiking(nk):
    assert nk.get_kernel_status()["off_grid_spiking"] is False
    nk.create("iaf_psc_alpha")
    assert nk.get_kernel_status()["off_grid_spiking"] is False
    nk.create("parrot_neuron_ps")
    assert nk.get_kernel_status()["off_grid_spiking"] is True


def _detector_run(nk, sd_params):
    sg = nk.create("spike_generator", 1, {"spike_times": [1.04, 2.01, 3.0], "precise_times": True})
    p = nk.create("parrot_neuron_ps")
    sd = nk.create("spike_detector", 1, sd_params)
    nk.connect(sg, p, {"rule": "one_to_one"}, {"delay": 1.0})
    nk.connect(p, sd, {"rule": "one_to_one"}, {})
    nk.simulate(10.0)
    return nk.get_status(sd)[0]


def test_spike_detector_precise_times_set_automatically(nk):
    st = _detector_run(nk, {})
    assert st["precise_times"] is True and st["precision"] == 15
    np.testing.assert_allclose(st["events"]["times"], [2.04, 3.01, 4.0], atol=1e-12)


def test_spike_detector_user_choice_of_precise_times_wins(nk):
    st = _detector_run(nk, {"precise_times": False})
    assert st["precise_times"] is False
    np.testing.assert_allclose(st["events"]["times"], [2.1, 3.1, 4.0], atol=1e-12)


def test_spike_detector_offsets_with_time_in_steps(nk):
    st = _detector_run(nk, {"time_in_steps": True})
    ev = st["events"]
    np.testing.assert_array_equal(ev["times"], [21, 31, 40])
    np.testing.assert_allclose(ev["offsets"], [0.06, 0.09, 0.0], atol=1e-12)


def test_precise_spikes_reach_grid_models_in_their_step(nk):
    """A grid model receives an off-grid spike in the step that contains it."""
    sg = nk.create("spike_generator", 1, {"spike_times": [5.03], "precise_times": True})
    p = nk.create("parrot_neuron_ps")
    n = nk.create("iaf_psc_delta")
    nk.connect(sg, p, {"rule": "one_to_one"}, {"delay": 1.0})
    nk.connect(p, n, {"rule": "one_to_one"}, {"weight": 5.0, "delay": 1.0})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.simulate(10.0)
    ev = nk.get_status(mm)[0]["events"]
    jump = ev["times"][np.argmax(ev["V_m"] > -69.0)]
    assert jump == pytest.approx(7.1)  # 5.03 + 2 ms lies in the step ending at 7.1


def test_parrot_ps_keeps_multiplicity_and_ignores_receptor_1(nk):
    sg = nk.create("spike_generator", 1, {"spike_times": [1.05, 2.05], "spike_multiplicities": [2, 1],
                                          "precise_times": True})
    sg1 = nk.create("spike_generator", 1, {"spike_times": [3.05], "precise_times": True})
    p = nk.create("parrot_neuron_ps")
    sd = nk.create("spike_detector")
    nk.connect(sg, p, {"rule": "one_to_one"}, {"delay": 1.0})
    nk.connect(sg1, p, {"rule": "one_to_one"}, {"delay": 1.0, "receptor_type": 1})
    nk.connect(p, sd, {"rule": "one_to_one"}, {})
    nk.simulate(10.0)
    np.testing.assert_allclose(spike_times(nk, sd), [2.05, 2.05, 3.05], atol=1e-12)


def test_delta_ps_refractory_input(nk):
    """Input arriving during refractoriness is dropped, or with refractory_input added at its end decayed."""
    res = {}
    for flag in (False, True):
        nk.reset_kernel()
        n = nk.create("iaf_psc_delta_ps", 1, {"refractory_input": flag})
        sg = nk.create("spike_generator", 1, {"spike_times": [1.0, 2.0], "spike_weights": [16.0, 8.0],
                                              "precise_times": True})
        nk.connect(sg, n, {"rule": "one_to_one"}, {"weight": 1.0, "delay": 1.0})  # 1st fires at 2.0
        sg2 = nk.create("spike_generator", 1, {"spike_times": [2.55], "precise_times": True})
        nk.connect(sg2, n, {"rule": "one_to_one"}, {"weight": 5.0, "delay": 1.0})  # arrives at 3.55
        mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
        nk.connect(mm, n, {"rule": "one_to_one"}, {})
        nk.simulate(6.0)
        ev = nk.get_status(mm)[0]["events"]
        res[flag] = ev["V_m"][ev["times"] == 5.0][0]
    # refractory from 2.0 to 4.0: the 8 mV input (3.0) and the 5 mV input (3.55) are refractory input
    assert res[False] == pytest.approx(-70.0)
    expected = 8.0 * np.exp(-(4.0 - 3.0) / 10.0) + 5.0 * np.exp(-(4.0 - 3.55) / 10.0)
    assert res[True] == pytest.approx(-70.0 + expected * np.exp(-1.0 / 10.0), abs=1e-9)


@pytest.mark.parametrize("model", ["iaf_psc_exp_ps", "iaf_psc_alpha_ps", "iaf_psc_delta_ps"])
def test_refractory_time_must_cover_a_step(nk, model):
    nk.create(model, 1, {"t_ref": 0.0})
    with pytest.raises(nk.KernelError) as err:
        nk.simulate(1.0)
    assert err.value.errorname == "BadProperty"


def test_precise_models_reject_other_receptors(nk):
    n = nk.create("iaf_psc_exp_ps")
    sg = nk.create("spike_generator")
    with pytest.raises(nk.KernelError) as err:
        nk.connect(sg, n, {"rule": "one_to_one"}, {"receptor_type": 1})
    assert err.value.errorname == "UnknownReceptorType"


def test_precise_network_is_thread_count_independent(nk):
    """Precise neurons coupled to each other give identical spikes with 1 and 2 threads."""
    runs = []
    for threads in (1, 2):
        nk.reset_kernel()
        nk.set_kernel_status({"local_num_threads": threads, "resolution": 0.1})
        pop = nk.create("iaf_psc_exp_ps", 20, [{"I_e": 360.0 + 3.0 * k} for k in range(20)])
        nk.connect(pop, pop, {"rule": "all_to_all"}, {"weight": 15.0, "delay": 1.3})
        sd = nk.create("spike_detector")
        nk.connect(pop, sd, {"rule": "all_to_all"}, {})
        nk.simulate(200.0)
        ev = nk.get_status(sd)[0]["events"]
        order = np.lexsort((ev["senders"], ev["times"]))
        runs.append((ev["senders"][order], ev["times"][order]))
    assert len(runs[0][1]) > 50
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    np.testing.assert_allclose(runs[0][1], runs[1][1], rtol=0, atol=1e-12)


# --- poisson_generator_ps ---------------------------------------------------------------------

def _pg_ps_trains(nk, params, n_targets=10, T=20000.0):
    pg = nk.create("poisson_generator_ps", 1, params)
    p = nk.create("parrot_neuron_ps", n_targets)
    sd = nk.create("spike_detector")
    nk.connect(pg, p, {"rule": "all_to_all"}, {"delay": 1.0})
    nk.connect(p, sd, {"rule": "all_to_all"}, {})
    nk.simulate(T)
    ev = nk.get_status(sd)[0]["events"]
    return [np.sort(ev["times"][ev["senders"] == g]) for g in p]


@pytest.mark.parametrize("dead_time", [0.0, 2.0])
def test_poisson_generator_ps_rate_cv_and_dead_time(nk, dead_time):
    rate, T = 100.0, 20000.0
    trains = _pg_ps_trains(nk, {"rate": rate, "dead_time": dead_time}, T=T)
    counts = np.array([len(t) for t in trains])
    mean_isi = 1000.0 / rate
    cv = (mean_isi - dead_time) / mean_isi  # exponential part over the whole interval
    sd_count = np.sqrt(T / mean_isi) * cv  # renewal process: var(N) = T cv^2 / mean
    assert np.all(np.abs(counts - rate * T / 1000.0) < 5 * sd_count)
    isis = np.concatenate([np.diff(t) for t in trains])
    assert isis.min() >= dead_time - 1e-9
    assert abs(isis.std() / isis.mean() - cv) < 0.03
    # off-grid times, and different trains for different targets
    assert np.abs(trains[0] / 0.1 - np.round(trains[0] / 0.1)).max() > 1e-3
    assert not np.array_equal(trains[0][:5], trains[1][:5])


def test_poisson_generator_ps_window(nk):
    trains = _pg_ps_trains(nk, {"rate": 500.0, "start": 100.0, "stop": 300.0}, n_targets=3, T=500.0)
    allt = np.concatenate(trains) - 1.0  # parrots relay one delay later
    assert allt.min() > 100.0 and allt.max() <= 300.0
    assert len(allt) > 200


@pytest.mark.parametrize("params", [{"rate": -1.0}, {"dead_time": -1.0}, {"rate": 1000.0, "dead_time": 2.0}])
def test_poisson_generator_ps_validation(nk, params):
    with pytest.raises(nk.KernelError) as err:
        nk.create("poisson_generator_ps", 1, params)
    assert err.value.errorname == "BadProperty"


def test_grid_poisson_generator_drives_precise_targets(nk):
    """poisson_generator output reaches precise targets through the event queue: parrot_neuron_ps
    relays every spike (with its multiplicity) on the grid."""
    rate, T, N = 200.0, 10000.0, 5
    pg = nk.create("poisson_generator", 1, {"rate": rate})
    p = nk.create("parrot_neuron_ps", N)
    sd = nk.create("spike_detector")
    nk.connect(pg, p, {"rule": "all_to_all"}, {"delay": 1.0})
    nk.connect(p, sd, {"rule": "all_to_all"}, {})
    nk.simulate(T)
    t = spike_times(nk, sd)
    expected = N * rate * T / 1000.0
    assert abs(len(t) - expected) < 5 * np.sqrt(expected)
    np.testing.assert_allclose(t / 0.1, np.round(t / 0.1), atol=1e-6)
