"""glif_psc (GLIF1-5) against traces recorded with NEST 3.10: the threshold and the after-spike
currents advance only outside the refractory period, and the currents of a step drive V in it."""
import json

import numpy as np
import pytest

from kernel_ref import REF_DIR

DATA = json.loads((REF_DIR / "glif_psc_nest310.json").read_text())


@pytest.mark.parametrize("variant", sorted(DATA["variants"]))
def test_glif_psc_matches_nest310(nk, variant):
    case = DATA["variants"][variant]
    n = nk.create("glif_psc", 1, case["params"])
    dc = nk.create("dc_generator", 1, {"amplitude": 400.0})
    nk.connect(dc, n, {"rule": "all_to_all"}, {})
    sd = nk.create("spike_detector")
    nk.connect(n, sd, {"rule": "all_to_all"}, {})
    mm = nk.create("multimeter", 1, {"record_from": ["V_m"], "interval": 0.1})
    nk.connect(mm, n, {"rule": "all_to_all"}, {})
    nk.simulate(300.0)
    np.testing.assert_allclose(nk.get_status(sd)[0]["events"]["times"], case["spike_times"], rtol=0, atol=1e-9)
    v = nk.get_status(mm)[0]["events"]["V_m"][::10]
    np.testing.assert_allclose(v, case["V_m_every_10th"], rtol=0, atol=1e-8)
