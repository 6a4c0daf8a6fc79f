"""Small scenarios run identically in NEST 3.10 and in nestkernel.

    /tmp/nest310/bin/python tests/kernel/nest_scenarios.py   # writes tests/data/reference/nest310_scenarios.json

The JSON holds NEST 3.10's results (the established simulator as oracle, recorded once);
test_nest_scenarios.py runs the same scenarios through nestkernel and compares.
"""
import json
import pathlib
import sys

import numpy as np

OUT = pathlib.Path(__file__).resolve().parents[1] / "data" / "reference" / "nest310_scenarios.json"


class Nest3:
    """Adapter: NEST 3.x API."""

    def __init__(self):
        import nest
        self.nest = nest
        nest.set_verbosity("M_ERROR")

    def reset(self, threads=1, resolution=0.1):
        self.nest.ResetKernel()
        self.nest.SetKernelStatus({"local_num_threads": threads, "resolution": resolution})

    def create(self, model, n=1, params=None):
        model = {"spike_detector": "spike_recorder"}.get(model, model)
        nc = self.nest.Create(model, n, params=params) if params else self.nest.Create(model, n)
        return nc

    def ids(self, nc):
        return np.array(nc.tolist())

    def connect(self, a, b, rule, syn):
        syn = dict(syn)
        if "model" in syn:
            syn["synapse_model"] = syn.pop("model")
        self.nest.Connect(a, b, rule, syn)

    def connect_pairs(self, nodes, src, tgt, w, d):
        for k in range(len(src)):
            self.nest.Connect(nodes[int(src[k]):int(src[k]) + 1], nodes[int(tgt[k]):int(tgt[k]) + 1], "one_to_one",
                              {"weight": float(w[k]), "delay": float(d[k])})

    def set(self, nodes, i, params):
        self.nest.SetStatus(nodes[i:i + 1], params)

    def sub(self, nodes, sl):
        return nodes[sl]

    def simulate(self, t):
        self.nest.Simulate(t)

    def events(self, dev):
        return {k: np.asarray(v, dtype=float) for k, v in dev.get("events").items()}


class Kernel:
    """Adapter: nestkernel."""

    def __init__(self):
        import nestkernel
        self.nk = nestkernel

    def reset(self, threads=1, resolution=0.1):
        self.nk.reset_kernel()
        self.nk.set_kernel_status({"local_num_threads": threads, "resolution": resolution})

    def create(self, model, n=1, params=None):
        return self.nk.create(model, n, params)

    def ids(self, nc):
        return np.asarray(nc)

    def connect(self, a, b, rule, syn):
        self.nk.connect(a, b, {"rule": rule}, syn)

    def connect_pairs(self, nodes, src, tgt, w, d):
        self.nk.connect(nodes[src], nodes[tgt], {"rule": "one_to_one"}, {"weight": w, "delay": d})

    def set(self, nodes, i, params):
        self.nk.set_status(nodes[i:i + 1], params)

    def sub(self, nodes, sl):
        return nodes[sl]

    def simulate(self, t):
        self.nk.simulate(t)

    def events(self, dev):
        return {k: np.asarray(v, dtype=float) for k, v in self.nk.get_status(dev)[0]["events"].items()}


def multimeter_offset(k):
    k.reset()
    n = k.create("iaf_psc_alpha", 1, {"I_e": 300.0})
    mm = k.create("multimeter", 1, {"interval": 2.0, "offset": 1.0, "record_from": ["V_m"]})
    k.connect(mm, n, "one_to_one", {})
    k.simulate(20.0)
    e = k.events(mm)
    return {"times": e["times"], "V_m": e["V_m"]}


def iaf_psc_exp_receptor_1(k):
    k.reset()
    n = k.create("iaf_psc_exp")
    dc = k.create("dc_generator", 1, {"amplitude": 200.0, "start": 5.0, "stop": 25.0})
    k.connect(dc, n, "one_to_one", {"receptor_type": 1, "delay": 1.0})
    mm = k.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m", "I_syn_ex"]})
    k.connect(mm, n, "one_to_one", {})
    k.simulate(50.0)
    e = k.events(mm)
    return {"V_m": e["V_m"], "I_syn_ex": e["I_syn_ex"]}


def iaf_psc_delta_refractory_input(k):
    k.reset()
    n = k.create("iaf_psc_delta", 1, {"refractory_input": True})
    sg = k.create("spike_generator", 1, {"spike_times": [1.0, 2.5, 3.0], "spike_weights": [1.0, 0.25, 0.1]})
    k.connect(sg, n, "one_to_one", {"weight": 20.0, "delay": 1.0})
    mm = k.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
    k.connect(mm, n, "one_to_one", {})
    k.simulate(10.0)
    return {"V_m": k.events(mm)["V_m"]}


def poisson_window_coarse_grid(k):
    k.reset(resolution=1.0)
    pg = k.create("poisson_generator", 1, {"rate": 1e6, "start": 2.0, "stop": 5.0})
    p = k.create("parrot_neuron")
    sd = k.create("spike_detector")
    k.connect(pg, p, "one_to_one", {"delay": 1.0})
    k.connect(p, sd, "one_to_one", {})
    k.simulate(10.0)
    return {"times": np.unique(k.events(sd)["times"])}


def refractory_rounding(k):
    k.reset()
    n = k.create("iaf_psc_alpha", 1, {"t_ref": 1.05, "I_e": 1000.0})
    sd = k.create("spike_detector")
    k.connect(n, sd, "one_to_one", {})
    k.simulate(50.0)
    return {"times": k.events(sd)["times"]}


def split_simulate(k):
    k.reset()
    n = k.create("iaf_psc_alpha", 1, {"I_e": 800.0})
    m2 = k.create("iaf_psc_alpha")
    k.connect(n, m2, "one_to_one", {"delay": 2.0, "weight": 10.0})
    sd = k.create("spike_detector")
    k.connect(n, sd, "one_to_one", {})
    mm = k.create("multimeter", 1, {"interval": 0.5, "record_from": ["V_m"]})
    k.connect(mm, m2, "one_to_one", {})
    k.simulate(13.3)
    k.simulate(7.7)
    e, m = k.events(sd), k.events(mm)
    return {"spikes": e["times"], "mm_times": m["times"], "mm_V_m": m["V_m"]}


def exp_singular_and_duplicates(k):
    k.reset()
    n = k.create("iaf_psc_exp", 1, {"tau_syn_ex": 10.0, "tau_m": 10.0})
    sg = k.create("spike_generator", 1, {"spike_times": [2.0, 2.0, 4.0]})
    k.connect(sg, n, "one_to_one", {"weight": 300.0, "delay": 0.5})
    mm = k.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m", "I_syn_ex"]})
    k.connect(mm, n, "one_to_one", {})
    k.simulate(30.0)
    e = k.events(mm)
    return {"V_m": e["V_m"], "I_syn_ex": e["I_syn_ex"]}


def alpha_lower_bound(k):
    k.reset()
    n = k.create("iaf_psc_alpha", 1, {"V_min": -72.0})
    sg = k.create("spike_generator", 1, {"spike_times": [2.0]})
    k.connect(sg, n, "one_to_one", {"weight": -5000.0, "delay": 1.0})
    mm = k.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
    k.connect(mm, n, "one_to_one", {})
    k.simulate(30.0)
    return {"V_m": k.events(mm)["V_m"]}


def mixed_network(k, threads):
    """100 neurons of three models, E_L/V_th changed per node, random weights and delays (0.5-3 ms)."""
    rng = np.random.default_rng(5)
    n_all = 100
    pairs = [(i, j) for i in range(n_all) for j in range(n_all) if i != j and (i * 7 + j * 3) % 5 == 0]
    src = np.array([p[0] for p in pairs])
    tgt = np.array([p[1] for p in pairs])
    w = rng.normal(0, 40.0, len(pairs))
    d = np.round(rng.uniform(0.5, 3.0, len(pairs)), 1)
    w = np.where(tgt >= 80, w / 20.0, w)  # iaf_psc_delta weights are in mV
    k.reset(threads=threads)
    a = k.create("iaf_psc_alpha", 60, {"I_e": 376.0})
    b = k.create("iaf_psc_exp", 20, {"I_e": 370.0})
    c = k.create("iaf_psc_delta", 20, {"I_e": 360.0})
    nodes = a + b + c if isinstance(k, Nest3) else np.concatenate([a, b, c])
    ids = k.ids(nodes)
    for i in range(60):
        k.set(nodes, i, {"E_L": -70.0 + 0.1 * i, "V_th": -55.0 + 0.05 * (i % 7)})
    k.connect_pairs(nodes, src, tgt, w, d)
    sd = k.create("spike_detector")
    k.connect(nodes, sd, "all_to_all", {})
    mm = k.create("multimeter", 1, {"interval": 0.5, "record_from": ["V_m"]})
    k.connect(mm, k.sub(nodes, slice(None, None, 25)), "all_to_all", {})
    k.simulate(300.0)
    e, m = k.events(sd), k.events(mm)
    o = np.lexsort((e["senders"], e["times"]))
    om = np.lexsort((m["times"], m["senders"]))
    return {"senders": e["senders"][o] - ids[0], "times": e["times"][o],
            "mm_senders": m["senders"][om] - ids[0], "mm_times": m["times"][om], "mm_V_m": m["V_m"][om]}


def generator_origin_between_runs(k):
    k.reset()
    sg = k.create("spike_generator", 1, {"spike_times": [1.0, 3.0, 6.0]})
    p = k.create("parrot_neuron")
    sd = k.create("spike_detector", 1, {"start": 2.0})
    k.connect(sg, p, "one_to_one", {"delay": 1.0})
    k.connect(p, sd, "one_to_one", {})
    k.simulate(10.0)
    k.set(sg, 0, {"origin": 10.0})
    k.set(sd, 0, {"origin": 10.0})
    k.simulate(10.0)
    return {"times": k.events(sd)["times"]}


def multimeter_window_interval_offset(k):
    k.reset()
    n = k.create("iaf_psc_alpha", 2, {"I_e": 400.0})
    mm = k.create("multimeter", 1, {"interval": 0.3, "offset": 0.2, "start": 5.0, "stop": 17.0, "origin": 1.0,
                                    "record_from": ["V_m", "I_syn_ex"]})
    sg = k.create("spike_generator", 1, {"spike_times": [4.0, 9.0]})
    k.connect(sg, n, "all_to_all", {"weight": 50.0, "delay": 1.5})
    k.connect(mm, n, "all_to_all", {})
    k.simulate(20.0)
    e = k.events(mm)
    o = np.lexsort((e["senders"], e["times"]))
    return {"times": e["times"][o], "V_m": e["V_m"][o], "I_syn_ex": e["I_syn_ex"][o]}


def dc_generator_origin_two_threads(k):
    k.reset(threads=2)
    n = k.create("iaf_psc_alpha", 4)
    dc = k.create("dc_generator", 1, {"amplitude": 250.0, "start": 2.0, "stop": 7.0, "origin": 1.0})
    k.connect(dc, n, "all_to_all", {"delay": 2.0})
    mm = k.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
    k.connect(mm, n, "all_to_all", {})
    k.simulate(15.0)
    e = k.events(mm)
    o = np.lexsort((e["senders"], e["times"]))
    return {"times": e["times"][o], "V_m": e["V_m"][o]}


def zero_refractory_strong_drive(k):
    k.reset()
    n = k.create("iaf_psc_alpha", 1, {"t_ref": 0.0, "I_e": 20000.0})
    m = k.create("iaf_psc_delta", 1, {"t_ref": 0.0, "I_e": 20000.0, "V_min": -80.0})
    sd = k.create("spike_detector")
    k.connect(n, sd, "one_to_one", {})
    k.connect(m, sd, "one_to_one", {})
    k.simulate(5.0)
    e = k.events(sd)
    o = np.lexsort((e["senders"], e["times"]))
    return {"times": e["times"][o]}


def parameter_changes_between_runs(k):
    k.reset()
    n = k.create("iaf_psc_exp", 1, {"I_e": 300.0})
    mm = k.create("multimeter", 1, {"interval": 0.5, "record_from": ["V_m"]})
    k.connect(mm, n, "one_to_one", {})
    k.simulate(20.0)
    k.set(n, 0, {"E_L": -60.0, "I_e": 500.0})
    k.simulate(20.0)
    k.set(n, 0, {"tau_m": 5.0, "V_th": -50.0})
    k.simulate(30.0)
    return {"V_m": k.events(mm)["V_m"]}


def frozen_neuron(k):
    k.reset()
    n = k.create("iaf_psc_alpha", 2, {"I_e": 500.0})
    k.set(n, 1, {"frozen": True})
    sd = k.create("spike_detector")
    k.connect(n, sd, "all_to_all", {})
    k.simulate(30.0)
    k.set(n, 1, {"frozen": False})
    k.simulate(30.0)
    e = k.events(sd)
    o = np.lexsort((e["senders"], e["times"]))
    return {"times": e["times"][o]}


SCENARIOS = {f.__name__: f for f in (generator_origin_between_runs, multimeter_window_interval_offset,
                                      dc_generator_origin_two_threads, zero_refractory_strong_drive,
                                      parameter_changes_between_runs, frozen_neuron, multimeter_offset, iaf_psc_exp_receptor_1, iaf_psc_delta_refractory_input,
                                      poisson_window_coarse_grid, refractory_rounding, split_simulate,
                                      exp_singular_and_duplicates, alpha_lower_bound)}


def run_all(k) -> dict:
    out = {name: f(k) for name, f in SCENARIOS.items()}
    out["mixed_network_1t"] = mixed_network(k, 1)
    out["mixed_network_2t"] = mixed_network(k, 2)
    return out


if __name__ == "__main__":
    res = run_all(Nest3())
    import nest
    doc = {"generated_with": f"NEST {nest.__version__}", "script": "tests/kernel/nest_scenarios.py",
           "results": {s: {k: np.asarray(v).tolist() for k, v in r.items()} for s, r in res.items()}}
    OUT.write_text(json.dumps(doc))
    print(f"wrote {OUT}", file=sys.stderr)
