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
