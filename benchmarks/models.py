"""Per-model throughput of issue 5, beside NEST 3.10 in the same run.

    python benchmarks/models.py [--repeat 3] [--nest310 /tmp/nest310/bin/python] [--only a,b]

Neuron models: 10,000 unconnected neurons driven by a constant I_e, simulated for 1 s at
h = 0.1 ms with one thread; prints neuron updates per second (N x steps / simulation time).
Synapse models: 1,000 parrot neurons driven by one 10 Hz poisson_generator, connected
all_to_all (1M synapses, weight 1 pA, delay 1 ms) onto 1,000 iaf_psc_alpha with I_e = 370 pA
(near rheobase, so the targets fire and STDP rules read their spike histories), 1 s; prints
synaptic events per second (parrot spikes x 1,000 / simulation time). Each measurement runs in its own process
(`nestkernel` here, `nest` 3.x there); medians of --repeat runs. Models that a simulator lacks
are reported as missing.
"""
import argparse
import json
import statistics
import subprocess
import sys

# I_e (pA) that makes each model fire regularly at roughly 10-40 Hz (the reference's dc searches
# where there is one, else a value from the model's rheobase); "dc": a dc_generator of that
# amplitude instead, for models without I_e.
NEURONS = {
    "exact": {
        "iaf_psc_alpha": {"I_e": 376.0}, "iaf_psc_exp": {"I_e": 380.0},
        "iaf_psc_delta": {"I_e": 380.0}, "iaf_psc_alpha_multisynapse": {"I_e": 380.0},
        "iaf_psc_exp_multisynapse": {"I_e": 380.0}, "mat2_psc_exp": {"I_e": 550.0},
        "amat2_psc_exp": {"I_e": 110.0}, "iaf_tum_2000": {"I_e": 380.0},
        "iaf_chs_2007": {}, "gif_psc_exp": {"I_e": 210.0}, "pp_psc_delta": {"I_e": 200.0},
    },
    "ode": {
        "iaf_cond_alpha": {"I_e": 260.0}, "iaf_cond_exp": {"I_e": 260.0},
        "iaf_cond_beta": {"I_e": 260.0}, "iaf_cond_exp_sfa_rr": {"I_e": 500.0},
        "iaf_chxk_2008": {"I_e": 1600.0}, "aeif_cond_alpha": {"I_e": 950.0},
        "aeif_cond_exp": {"I_e": 950.0}, "aeif_psc_alpha": {"I_e": 950.0},
        "aeif_psc_exp": {"I_e": 950.0}, "aeif_psc_delta": {"I_e": 950.0},
        "hh_psc_alpha": {"I_e": 700.0}, "hh_cond_exp_traub": {"I_e": 59.0},
        "gif_cond_exp": {"I_e": 210.0}, "gif_cond_exp_multisynapse": {"I_e": 158.0},
        "glif_cond": {"dc": 262.0},
        "aeif_psc_delta_clopath": {"I_e": 2000.0}, "hh_psc_alpha_clopath": {"I_e": 700.0},
    },
    "precise": {
        "iaf_psc_alpha_ps": {"I_e": 376.0}, "iaf_psc_delta_ps": {"I_e": 380.0},
        "iaf_psc_exp_ps": {"I_e": 380.0}, "iaf_psc_exp_ps_lossless": {"I_e": 380.0},
    },
    "other": {"izhikevich": {"I_e": 11.0}, "ht_neuron": {"dc": 39.0}},
}
SYNAPSES = ["static_synapse", "stdp_synapse", "stdp_synapse_hom", "stdp_triplet_synapse",
            "stdp_pl_synapse_hom", "tsodyks_synapse", "tsodyks2_synapse", "quantal_stp_synapse",
            "vogels_sprekeler_synapse"]

N_NEURONS, T_SIM = 10000, 1000.0

OURS = r'''
import json, sys, time
import nestkernel as nk
kind, model, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if model not in nk.models("nodes" if kind == "neuron" else "synapses"):
    print("RESULT null"); sys.exit()
if kind == "neuron":
    dc = params.pop("dc", None)
    n = nk.create(model, N, params)
    if dc is not None:
        nk.connect(nk.create("dc_generator", 1, {"amplitude": dc}), n, {"rule": "all_to_all"}, {})
    t0 = time.perf_counter(); nk.simulate(T); dt = time.perf_counter() - t0
    print("RESULT " + json.dumps(N * round(T / 0.1) / dt))
else:
    pg = nk.create("poisson_generator", 1, {"rate": 10.0})
    pre = nk.create("parrot_neuron", 1000)
    post = nk.create("iaf_psc_alpha", 1000, {"I_e": 370.0})
    sd = nk.create("spike_detector")
    nk.connect(pg, pre, {"rule": "all_to_all"}, {})
    nk.connect(pre, sd, {"rule": "all_to_all"}, {})
    nk.connect(pre, post, {"rule": "all_to_all"}, {"model": model, "weight": 1.0, "delay": 1.0})
    t0 = time.perf_counter(); nk.simulate(T); dt = time.perf_counter() - t0
    n = len(nk.get_status(sd)[0]["events"]["times"])
    print("RESULT " + json.dumps(n * 1000 / dt))
'''

NEST3 = r'''
import json, sys, time
import nest
nest.set_verbosity("M_ERROR")
kind, model, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if model not in (nest.node_models if kind == "neuron" else nest.synapse_models):
    print("RESULT null"); sys.exit()
if kind == "neuron":
    dc = params.pop("dc", None)
    n = nest.Create(model, N, params=params)
    if dc is not None:
        nest.Connect(nest.Create("dc_generator", params={"amplitude": dc}), n)
    t0 = time.perf_counter(); nest.Simulate(T); dt = time.perf_counter() - t0
    print("RESULT " + json.dumps(N * round(T / 0.1) / dt))
else:
    pg = nest.Create("poisson_generator", params={"rate": 10.0})
    pre = nest.Create("parrot_neuron", 1000)
    post = nest.Create("iaf_psc_alpha", 1000, params={"I_e": 370.0})
    sr = nest.Create("spike_recorder")
    nest.Connect(pg, pre)
    nest.Connect(pre, sr)
    nest.Connect(pre, post, "all_to_all", {"synapse_model": model, "weight": 1.0, "delay": 1.0})
    t0 = time.perf_counter(); nest.Simulate(T); dt = time.perf_counter() - t0
    print("RESULT " + json.dumps(sr.n_events * 1000 / dt))
'''


def measure(python: str, program: str, kind: str, model: str, params: dict, repeat: int):
    prog = f"N = {N_NEURONS}\nT = {T_SIM}\n" + program
    values = []
    for _ in range(repeat):
        out = subprocess.run([python, "-c", prog, kind, model, json.dumps(params)],
                             capture_output=True, text=True)
        if out.returncode != 0 or "RESULT " not in out.stdout:
            return f"error: {(out.stderr.strip().splitlines() or ['?'])[-1]}"
        v = json.loads(out.stdout.split("RESULT ", 1)[1])
        if v is None:
            return None
        values.append(v)
    return statistics.median(values)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--nest310", default="", help="python of a venv with nest-simulator 3.10")
    ap.add_argument("--only", default="", help="comma-separated model names")
    args = ap.parse_args()
    only = set(filter(None, args.only.split(",")))
    rows = [("neuron", fam, m, p) for fam, ms in NEURONS.items() for m, p in ms.items()]
    rows += [("synapse", "synapse", m, {}) for m in SYNAPSES]
    print(f"{'family':8s} {'model':28s} {'ours /s':>10s} {'NEST 3.10 /s':>13s} {'speed-up':>9s}")
    for kind, fam, model, params in rows:
        if only and model not in only:
            continue
        ours = measure(sys.executable, OURS, kind, model, params, args.repeat)
        other = measure(args.nest310, NEST3, kind, model, params, args.repeat) if args.nest310 else None
        fmt = lambda v: "missing" if v is None else (v if isinstance(v, str) else f"{v:.3g}")
        ratio = f"{ours / other:9.2f}" if isinstance(ours, float) and isinstance(other, float) else ""
        print(f"{fam:8s} {model:28s} {fmt(ours):>10s} {fmt(other) if args.nest310 else '':>13s} {ratio}",
              flush=True)


if __name__ == "__main__":
    main()
