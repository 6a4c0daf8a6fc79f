"""Binary neurons (mcculloch_pitts_neuron, ginzburg_neuron, erfc_neuron): transitions encoded as spike
multiplicity (up = 2, down = 1), stochastic update times of mean tau_m, gain functions."""
import math

import numpy as np
import pytest

from kernel_ref import spike_times


def test_up_transition_is_sent_with_multiplicity_2(nk):
    n = nk.create("mcculloch_pitts_neuron", 1, {"theta": -1.0})  # h = 0 > theta: goes up
    sd = nk.create("spike_detector")
    nk.connect(n, sd, {"rule": "one_to_one"}, {})
    nk.simulate(200.0)
    t = spike_times(nk, sd)
    assert len(t) == 2 and t[0] == t[1]  # one event of multiplicity 2, recorded twice
    assert nk.get_status(n)[0]["S"] == 1.0


def test_receiver_adds_weight_on_up_and_subtracts_on_down(nk):
    up = nk.create("mcculloch_pitts_neuron", 1, {"theta": -1.0})
    down = nk.create("mcculloch_pitts_neuron", 1, {"theta": 1.0, "S": 1.0})
    tgt_up = nk.create("mcculloch_pitts_neuron", 1, {"theta": 100.0})
    tgt_down = nk.create("mcculloch_pitts_neuron", 1, {"theta": 100.0})
    nk.connect(up, tgt_up, {"rule": "one_to_one"}, {"weight": 1.5})
    nk.connect(down, tgt_down, {"rule": "one_to_one"}, {"weight": 2.5})
    nk.simulate(300.0)
    assert nk.get_status(up)[0]["S"] == 1.0 and nk.get_status(down)[0]["S"] == 0.0
    assert nk.get_status(tgt_up)[0]["h"] == pytest.approx(1.5)
    assert nk.get_status(tgt_down)[0]["h"] == pytest.approx(-2.5)


def test_update_times_are_exponential_with_mean_tau_m(nk):
    """ginzburg with c_3 = 0 has g = c_2/2 = 0.5 whatever h: every update flips the state with
    probability 1/2, so transitions form a Poisson process of rate 1/(2 tau_m)."""
    N, T, tau = 50, 20000.0, 10.0
    pop = nk.create("ginzburg_neuron", N, {"c_1": 0.0, "c_2": 1.0, "c_3": 0.0, "tau_m": tau})
    sd = nk.create("spike_detector")
    nk.connect(pop, sd, {"rule": "all_to_all"}, {})
    nk.simulate(T)
    ev = nk.get_status(sd)[0]["events"]
    # each up transition is recorded twice, each down once
    transitions = 0
    for g in pop:
        t = ev["times"][ev["senders"] == g]
        transitions += len(np.unique(t))
    expected = N * T / (2 * tau)
    assert abs(transitions - expected) < 5 * math.sqrt(expected)


@pytest.mark.parametrize("theta", [0.0, -1.0, 1.5])
def test_erfc_neuron_up_probability(nk, theta):
    """Without input each update sets S = 1 with probability erfc(theta/(sqrt 2 sigma))/2: the
    time-averaged fraction of neurons up equals it."""
    N, T = 200, 2000.0
    pop = nk.create("erfc_neuron", N, {"theta": theta, "sigma": 1.0, "tau_m": 5.0})
    mm = nk.create("multimeter", 1, {"interval": 10.0, "record_from": ["S"]})
    nk.connect(mm, pop, {"rule": "all_to_all"}, {})
    nk.simulate(T)
    ev = nk.get_status(mm)[0]["events"]
    S = ev["S"][ev["times"] > 100.0]
    p = 0.5 * math.erfc(theta / math.sqrt(2.0))
    # samples 10 ms apart are correlated over ~tau_m = 5 ms: a generous bound from the count
    assert abs(S.mean() - p) < 5 * math.sqrt(p * (1 - p) / len(S) * 3) + 0.01


def test_mcculloch_pitts_network_reaches_threshold_state(nk):
    """Five up-going sources with weight 1 drive a threshold-3.5 neuron up; their input is then 5."""
    src = nk.create("mcculloch_pitts_neuron", 5, {"theta": -1.0, "tau_m": 2.0})
    tgt = nk.create("mcculloch_pitts_neuron", 1, {"theta": 3.5, "tau_m": 2.0})
    nk.connect(src, tgt, {"rule": "all_to_all"}, {"weight": 1.0})
    nk.simulate(500.0)
    st = nk.get_status(tgt)[0]
    assert st["h"] == pytest.approx(5.0) and st["S"] == 1.0


@pytest.mark.parametrize("model,params", [("mcculloch_pitts_neuron", {"tau_m": 0.0}),
                                          ("erfc_neuron", {"sigma": -1.0}), ("ginzburg_neuron", {"tau_m": -1.0})])
def test_binary_validation(nk, model, params):
    with pytest.raises(nk.KernelError) as err:
        nk.create(model, 1, params)
    assert err.value.errorname == "BadProperty"


def test_binary_defaults(nk):
    assert nk.get_defaults("erfc_neuron")["sigma"] == 1.0
    d = nk.get_defaults("ginzburg_neuron")
    assert (d["c_1"], d["c_2"], d["c_3"], d["tau_m"], d["theta"]) == (0.0, 1.0, 1.0, 10.0, 0.0)
    assert nk.get_defaults("mcculloch_pitts_neuron")["recordables"] == ["S", "h"]
