"""Reference cases of the established simulator replayed through ``import nest``: the results equal
the reference (V_m within 1e-9 mV, spike times on the grid) and are bit-identical to the same
case replayed directly on the kernel module (the path the kernel tests use)."""
import sys
from pathlib import Path

import numpy as np
import pytest

import nest
import nestkernel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kernel"))
from kernel_ref import (MODEL_2X, load_case, replay, syn_spec_2x,  # noqa: E402
                        to_float_params, trace)

CASES = [
    "A_dc376__iaf_psc_alpha",
    "A_drive__iaf_psc_alpha",
    "A_drive__iaf_psc_delta",
    "A_drive__iaf_psc_exp",
    "A_psp__iaf_psc_alpha",
    "A_psp__iaf_psc_exp",
    "B_dc_res0.01__iaf_psc_alpha",
    "B_psp_res1.0__iaf_psc_alpha",
    "D_dc_generator_start_stop",
    "A_drive__parrot_neuron",
]


REF_DIR = Path(__file__).resolve().parents[1] / "data" / "reference"


def replayable_cases():
    """Every stored case of a single network built by Create/Connect/Simulate and read through
    recorders (categories A, B and the generator/recorder cases of D)."""
    names = []
    for path in sorted(REF_DIR.glob("[ABD]_*.json")):
        case = load_case(path.stem)
        if case.get("nodes") and case.get("simulate_calls") and \
                sum(case["simulate_calls"]) <= 1000.0 and "statistics" not in case["outputs"]:
            names.append(path.stem)
    return names


def models_of(case: dict) -> set:
    return {n["model"] for n in case["nodes"]} | \
        {MODEL_2X.get(d["model"], d["model"]) for d in case["devices"]}


@pytest.fixture(autouse=True)
def fresh_kernel():
    nest.ResetKernel()
    yield
    nest.ResetKernel()


def replay_pynest(case: dict) -> dict:
    """The case's network built with PyNEST calls; returns name -> GID tuple."""
    nest.SetKernelStatus({"resolution": float(case["kernel"]["resolution"])})
    gids = {}
    for n in case["nodes"]:
        gids[n["name"]] = nest.Create(n["model"], n["n"], to_float_params(n["params_set"]))
    for d in case["devices"]:
        gids[d["name"]] = nest.Create(MODEL_2X.get(d["model"], d["model"]), 1,
                                      to_float_params(d["params_set"]))
    for c in case["connections"]:
        rule = c["conn_spec"] if isinstance(c["conn_spec"], str) else c["conn_spec"]["rule"]
        nest.Connect(gids[c["source"]], gids[c["target"]], rule, syn_spec_2x(c["syn_spec"]))
    for t in case["simulate_calls"]:
        nest.Simulate(float(t))
    return gids


def recorded_events(gids: dict) -> dict:
    """Events of every recording device, through PyNEST."""
    out = {}
    for name, g in gids.items():
        status = nest.GetStatus(g[:1])[0]
        if "events" in status and str(status["model"]) in ("spike_detector", "multimeter"):
            out[name] = {k: np.asarray(v) for k, v in status["events"].items()}
    return out


@pytest.mark.parametrize("name", CASES)
def test_case_through_pynest_matches_reference_and_kernel_path(name):
    case = load_case(name)
    gids = replay_pynest(case)
    events = recorded_events(gids)
    outputs = case["outputs"]

    if "V_m" in outputs:
        t_ref, v_ref = trace(outputs["V_m"])
        np.testing.assert_allclose(events["mm"]["times"], t_ref, rtol=0, atol=1e-9)
        np.testing.assert_allclose(events["mm"]["V_m"], v_ref, rtol=0, atol=1e-9)
    np.testing.assert_allclose(events["sr"]["times"], outputs["spike_times"], rtol=0, atol=1e-9)
    kernel = nest.GetKernelStatus()
    for key in ("min_delay", "max_delay", "biological_time"):
        assert kernel[key if key != "biological_time" else "time"] == pytest.approx(case["kernel"][key])

    # the same case on the kernel module directly gives identical numbers
    nest.ResetKernel()
    direct_gids = replay(nestkernel, case)
    for dev, ev in events.items():
        direct = nestkernel.get_status(direct_gids[dev])[0]["events"]
        assert set(direct) == set(ev)
        for key, values in ev.items():
            np.testing.assert_array_equal(values, direct[key], err_msg=f"{dev} {key}")


def test_network_case_through_pynest():
    case = load_case("E_network__iaf_psc_alpha")
    nest.SetKernelStatus({"resolution": 0.1})
    pop = nest.Create("iaf_psc_alpha", 10, [{"I_e": float(x)} for x in case["I_e_list"]])
    conns = np.array(case["connection_list"])
    pre = [pop[int(i)] for i in conns[:, 0]]
    post = [pop[int(i)] for i in conns[:, 1]]
    # one Connect call with per-connection arrays instead of one call per connection
    nest.Connect(pre, post, "one_to_one", {"weight": conns[:, 2], "delay": conns[:, 3]})
    sd = nest.Create("spike_detector")
    nest.Connect(pop, sd, "all_to_all")
    mm = nest.Create("multimeter", params={"interval": 0.1, "record_from": ["V_m"]})
    nest.Connect(mm, [pop[0], pop[4], pop[9]], "all_to_all")
    nest.Simulate(200.0)
    ev = nest.GetStatus(sd, "events")[0]
    for k in range(10):
        ref = case["outputs"]["spike_times_per_neuron"][str(k)]
        np.testing.assert_allclose(ev["times"][ev["senders"] == pop[k]], ref, rtol=0, atol=1e-9)
    mev = nest.GetStatus(mm, "events")[0]
    for i in (0, 4, 9):
        t_ref, v_ref = trace(case["outputs"]["V_m"][str(i)])
        sel = mev["senders"] == pop[i]
        np.testing.assert_allclose(mev["times"][sel], t_ref, rtol=0, atol=1e-9)
        np.testing.assert_allclose(mev["V_m"][sel], v_ref, rtol=0, atol=1e-9)
    assert nest.GetKernelStatus(["min_delay", "max_delay"]) == pytest.approx((0.5, 4.2))


@pytest.mark.parametrize("name", replayable_cases())
def test_every_stored_case_gives_identical_events_through_pynest_and_the_kernel(name):
    case = load_case(name)
    missing = models_of(case) - set(nest.Models())
    assert not missing, f"model(s) of the reference case missing: {', '.join(sorted(missing))}"
    events = recorded_events(replay_pynest(case))
    assert events
    nest.ResetKernel()
    direct_gids = replay(nestkernel, case)
    for dev, ev in events.items():
        direct = nestkernel.get_status(direct_gids[dev])[0]["events"]
        for key, values in ev.items():
            np.testing.assert_array_equal(values, direct[key], err_msg=f"{dev} {key}")
