"""Reference cases of the established simulator (tests/data/reference) replayed through nestkernel:
V_m within 1e-9 mV, spike times exactly on the grid, device windows and samples identical."""
import numpy as np
import pytest

from kernel_ref import check_trace, load_case, replay, spike_times, to_float_params, trace

SINGLE_NEURON_CASES = [
    "A_dc376__iaf_psc_alpha",
    "A_drive__iaf_psc_alpha",
    "A_drive__iaf_psc_delta",
    "A_drive__iaf_psc_exp",
    "A_psp__iaf_psc_alpha",
    "A_psp__iaf_psc_exp",
    "B_dc_res0.01__iaf_psc_alpha",
    "B_psp_res0.01__iaf_psc_alpha",
    "B_psp_res1.0__iaf_psc_alpha",
]


@pytest.mark.parametrize("name", SINGLE_NEURON_CASES)
def test_single_neuron_case_matches_reference(nk, name):
    case = load_case(name)
    gids = replay(nk, case)
    check_trace(nk, gids["mm"], "V_m", case["outputs"]["V_m"])
    np.testing.assert_allclose(spike_times(nk, gids["sr"]), case["outputs"]["spike_times"], rtol=0, atol=1e-9)
    kst = nk.get_kernel_status()
    assert kst["min_delay"] == pytest.approx(case["kernel"]["min_delay"])
    assert kst["max_delay"] == pytest.approx(case["kernel"]["max_delay"])
    assert kst["biological_time"] == pytest.approx(case["kernel"]["biological_time"])


@pytest.mark.parametrize("name", ["D_dc_generator_origin", "D_dc_generator_start_stop"])
def test_dc_generator_window_matches_reference(nk, name):
    case = load_case(name)
    gids = replay(nk, case)
    check_trace(nk, gids["mm"], "V_m", case["outputs"]["V_m"])
    check_trace(nk, gids["mm_gen"], "I", case["outputs"]["generator_I"])
    np.testing.assert_allclose(spike_times(nk, gids["sr"]), case["outputs"]["spike_times"], atol=1e-9)


def test_parrot_relays_drive_and_ignores_receptor_1(nk):
    case = load_case("A_drive__parrot_neuron")
    gids = replay(nk, case)
    np.testing.assert_allclose(spike_times(nk, gids["sr"]), case["outputs"]["spike_times"], rtol=0, atol=1e-9)


def test_spike_recorder_window_boundaries(nk):
    case = load_case("D_spike_recorder_start_stop")
    gids = replay(nk, case)
    for d in case["devices"]:
        if d["model"] != "spike_recorder":
            continue
        np.testing.assert_allclose(spike_times(nk, gids[d["name"]]), case["outputs"][d["name"]], rtol=0, atol=1e-9)


def spike_generator_variants():
    return [v for v in load_case("D_spike_generator_semantics")["outputs"]["variants"]
            if not v["target_model"].endswith("_ps")]


@pytest.mark.parametrize("variant", spike_generator_variants(), ids=lambda v: v["variant"])
def test_spike_generator_semantics(nk, variant):
    nk.set_kernel_status({"resolution": 0.1})
    params = to_float_params(variant["generator_params"])
    if not variant["accepted"]:
        sg = nk.create("spike_generator")
        with pytest.raises(nk.KernelError) as err:
            nk.set_status(sg, params)
        assert err.value.errorname == variant["error"]
        expected = variant["error_message"].split(": ", 1)[1]
        assert err.value.message.endswith(expected)
        return
    sg = nk.create("spike_generator", 1, params)
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
    for k, v in variant.get("generator_status_after", {}).items():
        if k in st:
            np.testing.assert_allclose(np.asarray(st[k], dtype=float), np.asarray(v, dtype=float), rtol=0, atol=1e-9)


def test_network_of_ten_neurons_matches_reference(nk):
    case = load_case("E_network__iaf_psc_alpha")
    nk.set_kernel_status({"resolution": 0.1})
    pop = nk.create("iaf_psc_alpha", 10, [{"I_e": float(x)} for x in case["I_e_list"]])
    for pre, post, w, d in case["connection_list"]:
        nk.connect([int(pop[pre])], [int(pop[post])], {"rule": "one_to_one"},
                   {"model": "static_synapse", "weight": float(w), "delay": float(d)})
    sd = nk.create("spike_detector")
    nk.connect(pop, sd, {"rule": "all_to_all"}, {})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
    rec = [int(pop[i]) for i in (0, 4, 9)]
    nk.connect(mm, rec, {"rule": "all_to_all"}, {})
    nk.simulate(200.0)
    ev = nk.get_status(sd)[0]["events"]
    for k in range(10):
        ref = case["outputs"]["spike_times_per_neuron"][str(k)]
        np.testing.assert_allclose(ev["times"][ev["senders"] == pop[k]], ref, rtol=0, atol=1e-9)
    mev = nk.get_status(mm)[0]["events"]
    for i, g in zip((0, 4, 9), rec):
        t_ref, v_ref = trace(case["outputs"]["V_m"][str(i)])
        sel = mev["senders"] == g
        np.testing.assert_allclose(mev["times"][sel], t_ref, rtol=0, atol=1e-9)
        np.testing.assert_allclose(mev["V_m"][sel], v_ref, rtol=0, atol=1e-9)
    kst = nk.get_kernel_status()
    assert kst["min_delay"] == pytest.approx(0.5) and kst["max_delay"] == pytest.approx(4.2)


def test_poisson_generator_statistics(nk):
    case = load_case("D_poisson_generator_stats")
    stats = case["outputs"]["statistics"]
    T = 100000.0  # 100 s keeps the test fast; the reference ran 1000 s
    pg = nk.create("poisson_generator", 1, {"rate": 100.0})
    parrots = nk.create("parrot_neuron", 10)
    sd = nk.create("spike_detector")
    nk.connect(pg, parrots, {"rule": "all_to_all"}, {"weight": 1.0, "delay": 1.0})
    nk.connect(parrots, sd, {"rule": "all_to_all"}, {})
    nk.simulate(T)
    ev = nk.get_status(sd)[0]["events"]
    rates, cvs = [], []
    for p in parrots:
        t = np.sort(ev["times"][ev["senders"] == p])
        rates.append(len(t) / (T / 1000.0))
        isi = np.diff(t)
        cvs.append(isi.std() / isi.mean())
        assert t[0] >= case["checks"]["t_first_possible_ms"]
    sd_rate = stats["expected"]["rate_sd_single_target_hz"] * np.sqrt(1000.0 / (T / 1000.0))
    for r in rates:
        assert abs(r - 100.0) < 4 * sd_rate
    assert abs(np.mean(rates) - stats["rate_hz_mean"]) < 4 * sd_rate
    assert abs(np.mean(cvs) - stats["cv_isi_mean"]) < 0.02
