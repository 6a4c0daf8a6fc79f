"""Fixtures for the kernel tests: a fresh kernel per test and reference-case loading."""
import json
import pathlib

import numpy as np
import pytest

nestkernel = pytest.importorskip("nestkernel")

REF_DIR = pathlib.Path(__file__).resolve().parents[1] / "data" / "reference"


@pytest.fixture(autouse=True)
def fresh_kernel():
    nestkernel.reset_kernel()
    yield
    nestkernel.reset_kernel()


@pytest.fixture
def nk():
    return nestkernel


def load_case(name: str) -> dict:
    with open(REF_DIR / f"{name}.json") as f:
        return json.load(f)


def trace(enc: dict) -> tuple:
    """Decode a reference trace into (times, values)."""
    values = np.array([float(v) for v in enc["values"]])
    if "times" in enc:
        return np.array(enc["times"], dtype=float), values
    return enc["t0"] + enc["dt"] * np.arange(enc["n"]), values
