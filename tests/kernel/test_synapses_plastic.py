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


# ---------------------------------------------------------------- rules without reference cases
# Pre/post spike trains of C_stdp_synapse_mult drive parrots; the weights the kernel records are
# compared with an independent Python transcription of each rule (spec §7.2).

EPS = 1e-6


class PostHistory:
    """Postsynaptic traces at each spike (K-, triplet K-) as the archiving node keeps them."""

    def __init__(self, times, tau_minus, tau_minus_triplet=110.0):
        self.entries, k, k3, last = [], 0.0, 0.0, -1.0
        for t in times:
            k = k * math.exp((last - t) / tau_minus) + 1.0
            k3 = k3 * math.exp((last - t) / tau_minus_triplet) + 1.0
            self.entries.append((t, k, k3))
            last = t
        self.tau_minus, self.tau3 = tau_minus, tau_minus_triplet

    def window(self, t1, t2):
        return [e for e in self.entries if t1 + EPS <= e[0] < t2 + EPS]

    def latest_before(self, t):
        prior = [e for e in self.entries if t - e[0] > EPS]
        return prior[-1] if prior else None

    def K(self, t):
        e = self.latest_before(t)
        return 0.0 if e is None else e[1] * math.exp((e[0] - t) / self.tau_minus)

    def K_nn(self, t):
        e = self.latest_before(t)
        return 0.0 if e is None else math.exp((e[0] - t) / self.tau_minus)


def gutig_fac(w, k, p):
    n = w / p["Wmax"] + p["lambda"] * (1 - w / p["Wmax"]) ** p["mu_plus"] * k
    return min(n, 1.0) * p["Wmax"]


def gutig_dep(w, k, p):
    n = w / p["Wmax"] - p["alpha"] * p["lambda"] * (w / p["Wmax"]) ** p["mu_minus"] * k
    return max(n, 0.0) * p["Wmax"]


def rule_nn_symm(pre, hist, d, w, p):
    out, t_last = [], 0.0
    for t in pre:
        for (tj, _, _) in hist.window(t_last - d, t - d):
            w = gutig_fac(w, math.exp((t_last - tj - d) / p["tau_plus"]), p)
        w = gutig_dep(w, hist.K_nn(t - d), p)
        out.append(w)
        t_last = t
    return out


def rule_nn_pre_centered(pre, hist, d, w, p):
    out, t_last, kplus = [], 0.0, 0.0
    for t in pre:
        for (tj, _, _) in hist.window(t_last - d, t - d):
            w = gutig_fac(w, kplus * math.exp((t_last - tj - d) / p["tau_plus"]), p)
            kplus = 0.0
        w = gutig_dep(w, hist.K_nn(t - d), p)
        out.append(w)
        kplus = kplus * math.exp((t_last - t) / p["tau_plus"]) + 1.0
        t_last = t
    return out


def rule_nn_restr(pre, hist, d, w, p):
    out, t_last = [], 0.0
    for t in pre:
        win = hist.window(t_last - d, t - d)
        if win:
            w = gutig_fac(w, math.exp((t_last - win[0][0] - d) / p["tau_plus"]), p)
            w = gutig_dep(w, hist.K_nn(t - d), p)
        out.append(w)
        t_last = t
    return out


def rule_pl(pre, hist, d, w, p):
    out, t_last, kplus = [], 0.0, 0.0
    for t in pre:
        for (tj, _, _) in hist.window(t_last - d, t - d):
            w += p["lambda"] * w ** p["mu"] * kplus * math.exp((t_last - tj - d) / p["tau_plus"])
        w = max(w - p["lambda"] * p["alpha"] * w * hist.K(t - d), 0.0)
        out.append(w)
        kplus = kplus * math.exp((t_last - t) / p["tau_plus"]) + 1.0
        t_last = t
    return out


def rule_vogels(pre, hist, d, w, p):
    out, t_last, kplus = [], 0.0, 0.0
    clip = lambda x: min(max(x, 0.0), p["Wmax"])
    for t in pre:
        for (tj, _, _) in hist.window(t_last - d, t - d):
            w = clip(w + p["eta"] * kplus * math.exp((t_last - tj - d) / p["tau"]))
        w = clip(w + p["eta"] * hist.K(t - d))
        w = clip(w - p["alpha"] * p["eta"])
        out.append(w)
        kplus = kplus * math.exp((t_last - t) / p["tau"]) + 1.0
        t_last = t
    return out


RULES = [
    ("stdp_nn_symm_synapse", rule_nn_symm, {"tau_plus": 15.0, "lambda": 0.05, "alpha": 1.2, "mu_plus": 0.4,
                                             "mu_minus": 0.6, "Wmax": 80.0}, {}),
    ("stdp_nn_pre-centered_synapse", rule_nn_pre_centered, {"tau_plus": 15.0, "lambda": 0.05, "alpha": 1.2,
                                                             "mu_plus": 0.4, "mu_minus": 0.6, "Wmax": 80.0}, {}),
    ("stdp_nn_restr_synapse", rule_nn_restr, {"tau_plus": 15.0, "lambda": 0.05, "alpha": 1.2, "mu_plus": 1.0,
                                               "mu_minus": 1.0, "Wmax": 80.0}, {}),
    ("stdp_pl_synapse_hom", rule_pl, {"tau_plus": 18.0, "lambda": 0.05, "alpha": 1.1, "mu": 0.4}, {}),
    ("vogels_sprekeler_synapse", rule_vogels, {"tau": 25.0, "alpha": 0.2, "eta": 0.5, "Wmax": 60.0}, {}),
]


def run_pair(nk, model, pre_times, post_times, syn_spec, delay=1.0, tau_minus=25.0, defaults=None):
    wr = nk.create("weight_recorder")
    nk.copy_model(model, "plastic_syn", dict(defaults or {}, weight_recorder=int(wr[0])))
    sg_pre = nk.create("spike_generator", 1, {"spike_times": pre_times})
    sg_post = nk.create("spike_generator", 1, {"spike_times": post_times})
    pre = nk.create("parrot_neuron")
    post = nk.create("parrot_neuron", 1, {"tau_minus": tau_minus})
    nk.connect(sg_pre, pre, {"rule": "one_to_one"}, {"model": "static_synapse"})
    nk.connect(sg_post, post, {"rule": "one_to_one"}, {"model": "static_synapse"})
    nk.connect(pre, post, {"rule": "one_to_one"}, dict(syn_spec, model="plastic_syn", receptor_type=1,
                                                       delay=delay))
    nk.simulate(800.0)
    return nk.get_status(wr)[0]["events"], nk.get_connections(pre, post)


@pytest.mark.parametrize("model,rule,params,_", RULES, ids=[r[0] for r in RULES])
@pytest.mark.parametrize("delay", [1.0, 2.5])
def test_stdp_rule_matches_python_transcription(nk, model, rule, params, _, delay):
    case = load_case("C_stdp_synapse_mult")
    hom = model.endswith("_hom")
    w0 = 30.0
    syn = {"weight": w0} if hom else dict(params, weight=w0)
    ev, _conn = run_pair(nk, model, case["pre_generator_times"], case["post_generator_times"], syn, delay=delay,
                         tau_minus=params.get("tau", 25.0), defaults=params if hom else None)
    pre = np.round(np.array(case["pre_generator_times"]) + 1.0, 9)
    post = np.round(np.array(case["post_generator_times"]) + 1.0, 9)
    hist = PostHistory(list(post), params.get("tau", 25.0))
    expected = rule(list(pre), hist, delay, w0, params)
    np.testing.assert_allclose(ev["times"], pre, atol=1e-9)
    assert_rel(ev["weights"], expected, rel=1e-12)
    assert np.ptp(ev["weights"]) > 0.1  # the spike trains do change the weight


def test_ht_synapse_depletes_and_recovers(nk):
    times = [10.0, 20.0, 30.0, 230.0]
    ev, conn = run_pair(nk, "ht_synapse", times, [], {"weight": 2.0, "tau_P": 100.0, "delta_P": 0.25})
    P, t_last, exp_w = 1.0, 0.0, []
    for t in np.array(times) + 1.0:
        P = 1 - (1 - P) * math.exp(-(t - t_last) / 100.0)
        exp_w.append(2.0 * P)
        P *= 0.75
        t_last = t
    assert_rel(ev["weights"], exp_w, rel=1e-12)
    assert nk.get_connection_status(conn)[0]["P"] == pytest.approx(P, rel=1e-12)


@pytest.mark.parametrize("p,expected", [(1.0, 40), (0.0, 0)])
def test_bernoulli_synapse_extremes(nk, p, expected):
    ev, _ = run_pair(nk, "bernoulli_synapse", [10.0 + 10 * k for k in range(40)], [],
                     {"weight": 3.0, "p_transmit": p})
    assert len(ev["times"]) == expected
    assert np.all(ev["weights"] == 3.0)


def test_bernoulli_synapse_transmits_a_fraction_p(nk):
    nk.set_kernel_status({"resolution": 0.1})
    pre = nk.create("parrot_neuron")
    sg = nk.create("spike_generator", 1, {"spike_times": [1.0 + k for k in range(500)]})
    post = nk.create("parrot_neuron", 40)
    sd = nk.create("spike_detector")
    nk.connect(sg, pre, {"rule": "one_to_one"}, {"model": "static_synapse"})
    nk.connect(pre, post, {"rule": "all_to_all"}, {"model": "bernoulli_synapse", "p_transmit": 0.3})
    nk.connect(post, sd, {"rule": "all_to_all"}, {})
    nk.simulate(600.0)
    n = nk.get_status(sd)[0]["n_events"]
    trials = 500 * 40
    assert abs(n - 0.3 * trials) < 4 * math.sqrt(trials * 0.3 * 0.7)


def test_quantal_stp_releases_at_most_available_sites(nk):
    ev, conn = run_pair(nk, "quantal_stp_synapse", [10.0 + 5 * k for k in range(200)], [],
                        {"weight": 1.5, "n": 5, "a": 5, "U": 0.4, "u": 0.4})
    k = np.round(ev["weights"] / 1.5)
    assert np.all(k >= 1) and np.all(k <= 5) and np.allclose(k * 1.5, ev["weights"])
    st = nk.get_connection_status(conn)[0]
    assert isinstance(st["n"], int) and isinstance(st["a"], int) and 0 <= st["a"] <= 5


# ---------------------------------------------------------------- status, defaults, copies

def two_neurons(nk, model="iaf_psc_alpha"):
    return nk.create(model, 1), nk.create(model, 1)


def test_defaults_show_parameters_state_and_common_keys(nk):
    d = nk.get_defaults("stdp_synapse")
    for k in ("weight", "delay", "tau_plus", "lambda", "alpha", "mu_plus", "mu_minus", "Wmax", "Kplus"):
        assert k in d
    assert d["weight_recorder"] == -1 and d["num_connections"] == 0
    h = nk.get_defaults("stdp_synapse_hom")
    assert h["tau_plus"] == 20.0 and h["Kplus"] == 0.0
    t = nk.get_defaults("tsodyks2_synapse")
    assert (t["U"], t["u"], t["x"], t["tau_rec"], t["tau_fac"]) == (0.5, 0.5, 1.0, 800.0, 0.0)
    assert nk.get_defaults("vogels_sprekeler_synapse")["weight"] == 0.5
    assert isinstance(nk.get_defaults("quantal_stp_synapse")["n"], int)


def test_connection_status_shows_and_sets_state(nk):
    a, b = two_neurons(nk)
    nk.connect(a, b, {"rule": "one_to_one"}, {"model": "tsodyks_synapse", "weight": 5.0, "U": 0.3, "x": 0.7,
                                              "y": 0.2, "delay": 2.0})
    c = nk.get_connections(a, b, "tsodyks_synapse")
    st = nk.get_connection_status(c)[0]
    assert (st["source"], st["target"], st["synapse_model"]) == (a[0], b[0], "tsodyks_synapse")
    assert (st["weight"], st["delay"], st["U"], st["x"], st["y"], st["u"]) == (5.0, 2.0, 0.3, 0.7, 0.2, 0.0)
    assert "t_lastspike" not in st
    nk.set_connection_status(c, {"x": 0.5, "u": 0.1, "weight": -4.0, "delay": 3.0})
    st = nk.get_connection_status(c)[0]
    assert (st["x"], st["u"], st["weight"], st["delay"]) == (0.5, 0.1, -4.0, 3.0)
    assert nk.get_defaults("tsodyks_synapse")["num_connections"] == 1


def test_negative_weight_after_set_status_reaches_the_inhibitory_channel(nk):
    pre = nk.create("parrot_neuron")
    sg = nk.create("spike_generator", 1, {"spike_times": [5.0]})
    n = nk.create("iaf_psc_exp", 1)
    mm = nk.create("multimeter", 1, {"record_from": ["I_syn_in", "I_syn_ex"], "interval": 0.1})
    nk.connect(sg, pre, {"rule": "one_to_one"}, {"model": "static_synapse"})
    nk.connect(pre, n, {"rule": "one_to_one"}, {"model": "tsodyks2_synapse", "weight": 10.0})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.set_connection_status(nk.get_connections(pre, n), {"weight": -10.0})
    nk.simulate(20.0)
    ev = nk.get_status(mm)[0]["events"]
    assert ev["I_syn_in"].min() < -4.0 and ev["I_syn_ex"].max() == 0.0


def test_common_properties_apply_to_existing_connections(nk):
    a, b = two_neurons(nk)
    nk.copy_model("tsodyks_synapse_hom", "hom2", {"U": 0.1})
    nk.connect(a, b, {"rule": "one_to_one"}, {"model": "hom2", "weight": 2.0})
    nk.set_defaults("hom2", {"tau_rec": 100.0})
    d = nk.get_defaults("hom2")
    assert (d["U"], d["tau_rec"]) == (0.1, 100.0)
    assert nk.get_defaults("tsodyks_synapse_hom")["U"] == 0.5  # the original is untouched
    assert "U" not in nk.get_connection_status(nk.get_connections(a, b))[0]


def test_disconnect_removes_a_plastic_connection(nk):
    a, b = two_neurons(nk)
    nk.connect(a, b, {"rule": "all_to_all"}, {"model": "stdp_synapse"})
    nk.connect(b, a, {"rule": "all_to_all"}, {"model": "stdp_synapse"})
    nk.disconnect(a, b, {"rule": "one_to_one"}, {"model": "stdp_synapse"})
    conns = nk.get_connections(synapse_model="stdp_synapse")
    assert [tuple(c[:2]) for c in conns] == [(b[0], a[0])]
    assert nk.get_kernel_status()["num_connections"] == 1


def test_spike_history_is_kept_and_pruned(nk):
    sg = nk.create("spike_generator", 1, {"spike_times": [float(t) for t in range(10, 400, 10)]})
    post = nk.create("parrot_neuron")
    pre = nk.create("parrot_neuron")
    nk.connect(sg, post, {"rule": "one_to_one"}, {"model": "static_synapse"})
    assert nk.get_status(post)[0]["archiver_length"] == 0
    nk.connect(pre, post, {"rule": "one_to_one"}, {"model": "stdp_synapse", "receptor_type": 1})
    nk.simulate(400.0)
    # no presynaptic spike ever reads the history: nothing may be dropped
    assert nk.get_status(post)[0]["archiver_length"] == 39
    assert nk.get_status(post)[0]["t_spike"] == pytest.approx(391.0)


def test_history_is_pruned_once_read(nk):
    sg = nk.create("spike_generator", 1, {"spike_times": [float(t) for t in range(10, 800, 10)]})
    sgp = nk.create("spike_generator", 1, {"spike_times": [float(t) for t in range(15, 800, 10)]})
    post, pre = nk.create("parrot_neuron"), nk.create("parrot_neuron")
    nk.connect(sg, post, {"rule": "one_to_one"}, {"model": "static_synapse"})
    nk.connect(sgp, pre, {"rule": "one_to_one"}, {"model": "static_synapse"})
    nk.connect(pre, post, {"rule": "one_to_one"}, {"model": "stdp_synapse", "receptor_type": 1})
    nk.simulate(800.0)
    assert nk.get_status(post)[0]["archiver_length"] <= 3


@pytest.mark.parametrize("threads", [2])
def test_stdp_weights_do_not_depend_on_threads(nk, threads):
    def run(n_threads):
        nk.reset_kernel()
        nk.set_kernel_status({"local_num_threads": n_threads, "resolution": 0.1})
        rng = np.random.default_rng(5)  # deterministic input: Poisson draws depend on the VP count
        sgs = nk.create("spike_generator", 20, [{"spike_times": list(np.round(np.sort(rng.uniform(1, 499, 15)), 1))}
                                               for _ in range(20)])
        pre = nk.create("parrot_neuron", 20)
        post = nk.create("iaf_psc_alpha", 6, {"I_e": 360.0})
        nk.connect(sgs, pre, {"rule": "one_to_one"}, {"model": "static_synapse"})
        nk.connect(pre, post, {"rule": "all_to_all"}, {"model": "stdp_synapse", "weight": 20.0})
        nk.simulate(500.0)
        st = nk.get_connection_status(nk.get_connections(synapse_model="stdp_synapse"))
        return sorted((s["source"], s["target"], s["weight"], s["Kplus"]) for s in st)
    one = run(1)
    assert len({w for _, _, w, _ in one}) > 10
    assert run(threads) == one


# ---------------------------------------------------------------- error paths

def err(nk, fn, *args):
    with pytest.raises(nk.KernelError) as e:
        fn(*args)
    return e.value


def test_weight_and_wmax_must_have_the_same_sign(nk):
    a, b = two_neurons(nk)
    e = err(nk, nk.connect, a, b, {"rule": "one_to_one"}, {"model": "stdp_synapse", "weight": -1.0})
    assert e.errorname == "BadProperty" and "Weight and Wmax must have same sign." in e.message
    e = err(nk, nk.set_defaults, "stdp_synapse", {"Wmax": -5.0})
    assert e.errorname == "BadProperty"
    assert nk.get_defaults("stdp_synapse")["Wmax"] == 100.0
    assert nk.get_kernel_status()["num_connections"] == 0


@pytest.mark.parametrize("model,spec,msg", [
    ("tsodyks_synapse", {"U": 1.5}, "U must be in [0,1]."),
    ("tsodyks_synapse", {"x": 0.8, "y": 0.5}, "x + y must be <= 1.0."),
    ("tsodyks_synapse", {"tau_psc": 0.0}, "tau_psc must be > 0."),
    ("tsodyks2_synapse", {"tau_rec": -1.0}, "tau_rec must be > 0."),
    ("tsodyks2_synapse", {"tau_fac": -1.0}, "tau_fac must be >= 0."),
    ("quantal_stp_synapse", {"n": 2, "a": 3}, "a must be in [0, n]."),
    ("bernoulli_synapse", {"p_transmit": 1.5}, "Spike transmission probability must be in [0, 1]."),
    ("ht_synapse", {"delta_P": 2.0}, "0 <= delta_P <= 1 required."),
    ("ht_synapse", {"tau_P": 0.0}, "tau_P > 0 required."),
    ("stdp_triplet_synapse", {"Kplus": -1.0}, "State Kplus must be positive."),
    ("vogels_sprekeler_synapse", {"Wmax": -1.0}, "Weight and Wmax must have same sign."),
])
def test_bad_synapse_parameters_are_rejected(nk, model, spec, msg):
    a, b = two_neurons(nk)
    e = err(nk, nk.connect, a, b, {"rule": "one_to_one"}, dict(spec, model=model))
    assert e.errorname == "BadProperty" and msg in e.message
    e = err(nk, nk.set_defaults, model, spec)
    assert e.errorname == "BadProperty"


def test_set_status_on_a_connection_validates_and_keeps_the_old_state(nk):
    a, b = two_neurons(nk)
    nk.connect(a, b, {"rule": "one_to_one"}, {"model": "tsodyks2_synapse", "U": 0.2})
    c = nk.get_connections(a, b)
    e = err(nk, nk.set_connection_status, c, {"U": 2.0, "x": 0.3})
    assert e.errorname == "BadProperty"
    st = nk.get_connection_status(c)[0]
    assert (st["U"], st["x"]) == (0.2, 1.0)
    e = err(nk, nk.set_connection_status, c, {"U": 1})
    assert e.errorname == "TypeMismatch"


def test_common_properties_cannot_be_set_per_connection(nk):
    a, b = two_neurons(nk)
    e = err(nk, nk.connect, a, b, {"rule": "one_to_one"}, {"model": "stdp_synapse_hom", "tau_plus": 10.0})
    assert e.errorname == "BadProperty" and "common property" in e.message
    nk.connect(a, b, {"rule": "one_to_one"}, {"model": "stdp_synapse_hom", "weight": 3.0})
    e = err(nk, nk.set_connection_status, nk.get_connections(a, b), {"tau_plus": 10.0})
    assert e.errorname == "DictError" and "common synapse properties" in e.message
    e = err(nk, nk.connect, a, b, {"rule": "one_to_one"}, {"model": "stdp_synapse", "weight_recorder": 1})
    assert e.errorname == "BadProperty"


def test_unknown_keys_are_dict_errors(nk):
    a, b = two_neurons(nk)
    e = err(nk, nk.connect, a, b, {"rule": "one_to_one"}, {"model": "stdp_synapse", "tau_minus": 10.0})
    assert e.errorname == "DictError" and "tau_minus" in e.message
    e = err(nk, nk.set_defaults, "tsodyks_synapse", {"tau_plus": 3.0})
    assert e.errorname == "DictError"


def test_weight_recorder_must_be_a_weight_recorder(nk):
    sd = nk.create("spike_detector")
    e = err(nk, nk.copy_model, "stdp_synapse", "x_syn", {"weight_recorder": int(sd[0])})
    assert e.errorname == "BadProperty"
    assert "x_syn" not in nk.models("synapses")
    e = err(nk, nk.set_defaults, "stdp_synapse", {"weight_recorder": 99})
    assert e.errorname == "BadProperty"


def test_plastic_synapses_reject_devices(nk):
    pg = nk.create("poisson_generator")
    n = nk.create("iaf_psc_alpha")
    sd = nk.create("spike_detector")
    e = err(nk, nk.connect, pg, n, {"rule": "one_to_one"}, {"model": "stdp_synapse"})
    assert e.errorname == "UnsupportedEvent"
    e = err(nk, nk.connect, n, sd, {"rule": "one_to_one"}, {"model": "tsodyks_synapse"})
    assert e.errorname == "IllegalConnection"


def test_stale_handles_are_inexistent_connections(nk):
    a, b = two_neurons(nk)
    nk.connect(a, b, {"rule": "one_to_one"}, {"model": "stdp_synapse"})
    c = nk.get_connections(a, b)
    c[0, 4] = 5
    assert err(nk, nk.get_connection_status, c).errorname == "InexistentConnection"
    assert err(nk, nk.set_connection_status, c, {"weight": 2.0}).errorname == "InexistentConnection"


# ---------------------------------------------------------------- dopamine-modulated STDP

def dopamine_pair(nk, pre_times, post_times, dopa_times, common, w0=10.0, delay=1.0, interval=1, threads=1):
    nk.set_kernel_status({"local_num_threads": threads, "resolution": 0.1})
    vt = nk.create("volume_transmitter", 1, {"deliver_interval": interval})
    wr = nk.create("weight_recorder")
    nk.copy_model("stdp_dopamine_synapse", "dopa", dict(common, vt=int(vt[0]), weight_recorder=int(wr[0])))
    parrots = nk.create("parrot_neuron", 3)
    gens = nk.create("spike_generator", 3, [{"spike_times": pre_times}, {"spike_times": post_times},
                                            {"spike_times": dopa_times}])
    nk.connect(gens, parrots, {"rule": "one_to_one"}, {"model": "static_synapse"})
    nk.connect(parrots[2:], vt, {"rule": "one_to_one"}, {"model": "static_synapse"})
    nk.connect(parrots[:1], parrots[1:2], {"rule": "one_to_one"},
               {"model": "dopa", "weight": w0, "delay": delay, "receptor_type": 1})
    nk.simulate(300.0)
    return nk.get_status(wr)[0]["events"], nk.get_connections(parrots[:1], parrots[1:2])


DOPA = {"A_plus": 1.0, "A_minus": 1.5, "tau_plus": 20.0, "tau_c": 100.0, "tau_n": 50.0, "b": 0.0,
        "Wmin": -1000.0, "Wmax": 1000.0}


def dopamine_closed_form(w0, tp, tq, td, tp2, d, p):
    """Weight at the second presynaptic spike tp2: one pairing (pre tp, post tq at the synapse
    tq + d) charges c; one dopamine spike at td; dw/dt = c n (b = 0)."""
    c0 = p["A_plus"] * math.exp((tp - (tq + d)) / p["tau_plus"])
    k = 1.0 / p["tau_c"] + 1.0 / p["tau_n"]
    # integral over [td, tp2] of c0 e^{-(t - tq - d)/tau_c} (1/tau_n) e^{-(t - td)/tau_n}
    pref = c0 / p["tau_n"] * math.exp((tq + d) / p["tau_c"] + td / p["tau_n"])
    return w0 + pref * (math.exp(-k * td) - math.exp(-k * tp2)) / k


@pytest.mark.parametrize("interval,threads,delay", [(1, 1, 1.0), (3, 1, 1.0), (1, 2, 2.0), (7, 2, 1.5)])
def test_dopamine_weight_follows_eligibility_times_dopamine(nk, interval, threads, delay):
    ev, conn = dopamine_pair(nk, [10.0, 200.0], [20.0], [50.0], DOPA, delay=delay, interval=interval,
                             threads=threads)
    expected = dopamine_closed_form(10.0, 11.0, 21.0, 52.0, 201.0, delay, DOPA)
    np.testing.assert_allclose(ev["times"], [11.0, 201.0], atol=1e-9)
    assert ev["weights"][0] == 10.0
    assert expected - 10.0 > 1e-3
    assert_rel(ev["weights"][1:], [expected], rel=1e-11)


def test_dopamine_without_dopamine_spikes_keeps_the_weight(nk):
    ev, conn = dopamine_pair(nk, [10.0, 200.0], [20.0], [], DOPA)
    assert list(ev["weights"]) == [10.0, 10.0]
    st = nk.get_connection_status(conn)[0]
    assert st["c"] != 0.0 and st["n"] == 0.0
    assert nk.get_defaults("dopa")["vt"] >= 1


def test_dopamine_synapse_requires_a_volume_transmitter(nk):
    a, b = two_neurons(nk)
    e = err(nk, nk.connect, a, b, {"rule": "one_to_one"}, {"model": "stdp_dopamine_synapse"})
    assert e.errorname == "BadProperty" and "No volume transmitter" in e.message
    e = err(nk, nk.set_defaults, "stdp_dopamine_synapse", {"vt": int(a[0])})
    assert e.errorname == "BadProperty"
    vt = nk.create("volume_transmitter")
    e = err(nk, nk.set_status, vt, {"deliver_interval": 0})
    assert e.errorname == "BadProperty"


def test_cont_delay_synapse_keeps_the_exact_delay_and_delivers_at_the_next_step(nk):
    sg = nk.create("spike_generator", 1, {"spike_times": [10.0]})
    pre = nk.create("parrot_neuron")
    post = nk.create("parrot_neuron")
    sd = nk.create("spike_detector")
    nk.connect(sg, pre, {"rule": "one_to_one"}, {"model": "static_synapse"})
    nk.connect(pre, post, {"rule": "one_to_one"}, {"model": "cont_delay_synapse", "delay": 1.73})
    nk.connect(post, sd, {"rule": "one_to_one"}, {})
    c = nk.get_connections(pre, post)
    assert nk.get_connection_status(c)[0]["delay"] == pytest.approx(1.73, abs=1e-12)
    nk.simulate(20.0)
    # pre spikes at 11.0; 1.73 ms is stored as 18 steps minus 0.07 ms
    np.testing.assert_allclose(nk.get_status(sd)[0]["events"]["times"], [12.8], atol=1e-9)
    nk.set_connection_status(c, {"delay": 1.5})  # within the delay extrema of the first run
    assert nk.get_connection_status(c)[0]["delay"] == 1.5
    e = err(nk, nk.set_connection_status, c, {"delay": 0.05})
    assert e.errorname == "BadDelay"


def test_weight_recorder_filters_senders_targets_and_window(nk):
    wr = nk.create("weight_recorder", 1, {"senders": [3], "start": 15.0})
    nk.copy_model("tsodyks2_synapse", "rec_syn", {"weight_recorder": int(wr[0])})
    sg = nk.create("spike_generator", 1, {"spike_times": [10.0, 20.0, 30.0]})  # gid 2
    pre = nk.create("parrot_neuron", 2)  # gids 3, 4
    post = nk.create("parrot_neuron", 2)  # gids 5, 6
    nk.connect(sg, pre, {"rule": "all_to_all"}, {"model": "static_synapse"})
    nk.connect(pre, post, {"rule": "all_to_all"}, {"model": "rec_syn", "receptor_type": 1})
    nk.simulate(40.0)
    ev = nk.get_status(wr)[0]["events"]
    assert list(ev["senders"]) == [3, 3, 3, 3]
    assert sorted(ev["targets"]) == [5, 5, 6, 6]
    np.testing.assert_allclose(sorted(ev["times"]), [21.0, 21.0, 31.0, 31.0])
    nk.set_status(wr, {"n_events": 0})
    assert nk.get_status(wr)[0]["n_events"] == 0
