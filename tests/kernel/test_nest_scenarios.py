"""nestkernel against NEST 3.10 on small scenarios (recorded by nest_scenarios.py): spikes exactly,
membrane potentials within 1e-9 mV."""
import json

import numpy as np
import pytest

import nest_scenarios as sc
from kernel_ref import REF_DIR

REF = json.loads((REF_DIR / "nest310_scenarios.json").read_text())["results"]


@pytest.mark.parametrize("name", list(sc.SCENARIOS) + ["mixed_network_1t", "mixed_network_2t"])
def test_scenario_matches_nest_3_10(nk, name):
    k = sc.Kernel()
    got = sc.mixed_network(k, int(name[-2])) if name.startswith("mixed") else sc.SCENARIOS[name](k)
    ref = REF[name]
    assert set(got) == set(ref)
    for key, val in ref.items():
        val = np.asarray(val, dtype=float)
        assert got[key].shape == val.shape, key
        np.testing.assert_allclose(got[key], val, rtol=0, atol=1e-9, err_msg=key)
    if name.startswith("mixed"):
        assert len(ref["times"]) > 1000
