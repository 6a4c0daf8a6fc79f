"""Synapses with per-connection state and the weight_recorder: the plasticity reference cases
(pre parrot -> post parrot on receptor 1, weight after every presynaptic spike within 1e-9
relative), connection status of plastic synapses, and the error paths."""
import math

import numpy as np
import pytest

from kernel_ref import load_case, syn_spec_2x, to_float_params

C_CASES = [
    "C_stdp_synapse_mult",
    "C_stdp_synapse_delay3",
    "C_stdp_synapse_hom",
    "C_stdp_triplet_synapse",
    "C_tsodyks_synapse",
    "C_tsodyks_synapse_depr",
    "C_tsodyks2_synapse",
    "C_tsodyks2_synapse_depr",
    "C_quantal_stp_synapse_detlimit",
]


def replay_plastic(nk, case):
    """Build a C case (CopyModel with the weight_recorder) and simulate it piecewise; returns the
    gids and the connection status after every Simulate call."""
    nk.set_kernel_status({"resolution": float(case["kernel"]["resolution"])})
    gids = {}
    for n in case["nodes"]:
        gids[n["name"]] = nk.create(n["model"], n["n"], to_float_params(n["params_set"]))
    for d in case["devices"]:
        model = {"spike_recorder": "spike_detector"}.get(d["model"], d["model"])
        gids[d["name"]] = nk.create(model, 1, to_float_params(d["params_set"]))
    cm = case["copy_model"]
    params = dict(cm["params"])
    params["weight_recorder"] = int(gids[params["weight_recorder"]][0])
    nk.copy_model(cm["from"], cm["to"], params)
    for c in case["connections"]:
        rule = c["conn_spec"] if isinstance(c["conn_spec"], str) else c["conn_spec"]["rule"]
        src = c["source"] if isinstance(c["source"], list) else [c["source"]]
        nk.connect(np.concatenate([gids[s] for s in src]), gids[c["target"]], {"rule": rule},
                   syn_spec_2x(c["syn_spec"]))
    conn = nk.get_connections(gids["pre"], gids["post"])
    assert len(conn) == 1
    states = []
    for t in case["simulate_calls"]:
        nk.simulate(float(t))
        states.append(nk.get_connection_status(conn)[0])
    return gids, states


def assert_rel(actual, expected, rel=1e-9):
    np.testing.assert_allclose(np.asarray(actual, float), np.asarray(expected, float), rtol=rel, atol=1e-300)


@pytest.mark.parametrize("name", C_CASES)
def test_plastic_case_matches_reference(nk, name):
    case = load_case(name)
    gids, states = replay_plastic(nk, case)
    out = case["outputs"]
    sr = nk.get_status(gids["sr"])[0]["events"]
    pre, post = int(gids["pre"][0]), int(gids["post"][0])
    np.testing.assert_allclose(sr["times"][sr["senders"] == pre], out["pre_spike_times"], atol=1e-9)
    np.testing.assert_allclose(sr["times"][sr["senders"] == post], out["post_spike_times"], atol=1e-9)
    wr = nk.get_status(gids["wr"])[0]["events"]
    np.testing.assert_allclose(wr["times"], out["weight_recorder"]["times"], atol=1e-9)
    # the reference rounds recorded weights to 1e-12 absolute
    np.testing.assert_allclose(wr["weights"], out["weight_recorder"]["weights"], rtol=1e-9, atol=2e-12)
    assert set(wr["senders"]) == {pre} and set(wr["targets"]) == {post}
    # full-precision snapshots of the synapse state after each Simulate call
    snaps = out["snapshots"]
    assert len(snaps) == len(states) or len(snaps) == len(states) - 1
    for snap, st in zip(snaps, states):
        for key, ref in snap["state"].items():
            if isinstance(ref, (int, float)):
                assert key in st, key
                assert_rel(st[key], ref)
    for key, ref in out["final_state"].items():
        if isinstance(ref, (int, float)):
            assert_rel(states[-1][key], ref)
