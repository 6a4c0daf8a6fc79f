"""Model dynamics beyond the reference cases: singular propagators, receptors, escape noise."""
import numpy as np
import pytest


def trace(nk, model, params, spike_w=100.0, t=60.0, receptor=0, source="spike_generator"):
    nk.reset_kernel()
    n = nk.create(model, 1, params)
    if source == "spike_generator":
        sg = nk.create("spike_generator", 1, {"spike_times": [5.0]})
    else:
        sg = nk.create("dc_generator", 1, {"amplitude": spike_w, "start": 5.0, "stop": 25.0})
    nk.connect(sg, n, {"rule": "one_to_one"},
               {"weight": spike_w if source == "spike_generator" else 1.0, "delay": 1.0, "receptor_type": receptor})
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.simulate(t)
    return nk.get_status(mm)[0]["events"]["V_m"]


@pytest.mark.parametrize("model,keys", [("iaf_psc_alpha", ("tau_syn_ex",)), ("iaf_psc_exp", ("tau_syn_ex",)),
                                        ("iaf_neuron", ("tau_syn",))])
def test_equal_time_constants_use_the_singular_limit(nk, model, keys):
    base = {"tau_m": 10.0}
    v_sing = trace(nk, model, dict(base, **{k: 10.0 for k in keys}))
    v_near = trace(nk, model, dict(base, **{k: 10.0 + 1e-7 for k in keys}))
    assert np.all(np.isfinite(v_sing))
    assert v_sing.max() > -70.0 + 0.1
    np.testing.assert_allclose(v_sing, v_near, atol=1e-6)


def test_alpha_psp_peak_matches_closed_form(nk):
    tau_m, tau_s, C, w = 20.0, 0.5, 250.0, 87.8
    v = trace(nk, "iaf_psc_alpha", {"tau_m": tau_m, "tau_syn_ex": tau_s, "C_m": C, "E_L": 0.0, "V_m": 0.0,
                                    "V_reset": 0.0, "V_th": 20.0}, spike_w=w)
    a = 1 / tau_s - 1 / tau_m
    t = np.arange(1, 400) * 0.1
    psp = w * np.e / tau_s / C * ((np.exp(-t / tau_m) - np.exp(-t / tau_s)) / a**2 - t * np.exp(-t / tau_s) / a)
    # spike at 5 ms + delay 1 ms: the current starts at 6 ms; V is sampled on the same grid
    np.testing.assert_allclose(v[60:60 + 399], psp, rtol=0, atol=1e-10)  # sample k is at (k+1) h


def test_iaf_psc_exp_receptor_1_filters_current_through_the_synapse(nk):
    v0 = trace(nk, "iaf_psc_exp", {}, spike_w=200.0, receptor=0, source="dc")
    v1 = trace(nk, "iaf_psc_exp", {}, spike_w=200.0, receptor=1, source="dc")
    i = int(round(6.2 / 0.1)) - 1
    assert v0[i] > v1[i] > -70.0  # filtered current rises more slowly
    for v in (v0, v1):  # both decay back towards rest after the pulse
        assert v[-1] + 70.0 < 0.5 * (v.max() + 70.0)


def test_iaf_psc_exp_escape_noise_fires_below_threshold(nk):
    n = nk.create("iaf_psc_exp", 20, {"delta": 2.0, "rho": 200.0, "I_e": 300.0})
    sd = nk.create("spike_detector")
    nk.connect(n, sd, {"rule": "all_to_all"}, {})
    nk.simulate(500.0)
    ev = nk.get_status(sd)[0]["events"]
    assert len(ev["times"]) > 20
    nk.reset_kernel()
    n = nk.create("iaf_psc_exp", 20, {"I_e": 300.0})  # deterministic: V_inf = -58 mV < V_th
    sd = nk.create("spike_detector")
    nk.connect(n, sd, {"rule": "all_to_all"}, {})
    nk.simulate(500.0)
    assert nk.get_status(sd)[0]["n_events"] == 0


def test_iaf_psc_delta_refractory_input(nk):
    def run(refr_input):
        nk.reset_kernel()
        n = nk.create("iaf_psc_delta", 1, {"refractory_input": refr_input})
        sg = nk.create("spike_generator", 1, {"spike_times": [1.0, 2.5], "spike_weights": [1.0, 0.25]})
        nk.connect(sg, n, {"rule": "one_to_one"}, {"weight": 20.0, "delay": 1.0})  # 20 mV fires, 5 mV arrives while refractory
        nk.simulate(6.0)
        return nk.get_status(n)[0]["V_m"]
    assert run(False) == -70.0
    assert run(True) > -70.0


def test_t_ref_counts_whole_steps(nk):
    n = nk.create("iaf_psc_delta", 1, {"t_ref": 1.0})
    sg = nk.create("spike_generator", 1, {"spike_times": [1.0, 1.5, 2.5]})
    sd = nk.create("spike_detector")
    nk.connect(sg, n, {"rule": "one_to_one"}, {"weight": 30.0, "delay": 1.0})
    nk.connect(n, sd, {"rule": "one_to_one"}, {})
    nk.simulate(10.0)
    # 30 mV input at 2.0 fires at 2.0; 2.5 arrives while refractory (until 3.0); 3.5 fires again
    assert list(nk.get_status(sd)[0]["events"]["times"]) == [2.0, 3.5]
    assert nk.get_status(n)[0]["t_spike"] == pytest.approx(3.5)
