"""Helpers of the kernel tests: reference data in tests/data/reference (a unique module name, so
that it never collides with other test directories' conftest modules)."""
import json
import pathlib

import numpy as np

REF_DIR = pathlib.Path(__file__).resolve().parents[1] / "data" / "reference"


def load_case(name: str) -> dict:
    with open(REF_DIR / f"{name}.json") as f:
        return json.load(f)


def trace(enc: dict) -> tuple:
    """Decode a reference trace into (times, values)."""
    values = np.array([float(v) for v in enc["values"]])
    if "times" in enc:
        return np.array(enc["times"], dtype=float), values
    return enc["t0"] + enc["dt"] * np.arange(enc["n"]), values


MODEL_2X = {"spike_recorder": "spike_detector"}


def syn_spec_2x(spec: dict) -> dict:
    out = {}
    for k, v in spec.items():
        out["model" if k == "synapse_model" else k] = v
    return out


def to_float_params(params: dict) -> dict:
    return {k: (float(v) if isinstance(v, int) and not isinstance(v, bool) and k not in ("spike_multiplicities",) else v)
            for k, v in params.items()}


def replay(nk, case: dict) -> dict:
    """Build and simulate the network of a reference case; return name -> gids."""
    nk.set_kernel_status({"resolution": float(case["kernel"]["resolution"])})
    gids = {}
    for n in case["nodes"]:
        gids[n["name"]] = nk.create(n["model"], n["n"], to_float_params(n["params_set"]))
    for d in case["devices"]:
        gids[d["name"]] = nk.create(MODEL_2X.get(d["model"], d["model"]), 1, to_float_params(d["params_set"]))
    for c in case["connections"]:
        rule = c["conn_spec"] if isinstance(c["conn_spec"], str) else c["conn_spec"]["rule"]
        nk.connect(gids[c["source"]], gids[c["target"]], {"rule": rule}, syn_spec_2x(c["syn_spec"]))
    for t in case["simulate_calls"]:
        nk.simulate(float(t))
    return gids


def check_trace(nk, mm, key, ref_enc, tol=1e-9):
    ev = nk.get_status(mm)[0]["events"]
    t_ref, v_ref = trace(ref_enc)
    assert len(ev["times"]) == len(t_ref)
    np.testing.assert_allclose(ev["times"], t_ref, rtol=0, atol=1e-9)
    np.testing.assert_allclose(ev[key], v_ref, rtol=0, atol=tol)


def spike_times(nk, sd):
    return nk.get_status(sd)[0]["events"]["times"]
