"""Delivery speed of synapses with state against static synapses (issue 5).

N_PRE parrot neurons, each driven by its own Poisson input, connect all-to-all to N_POST
iaf_psc_alpha neurons (1M connections for 1000 x 1000) through `static_synapse` or a plastic
model; the targets fire (I_e near rheobase), so STDP synapses read and prune spike histories.
One thread, h = 0.1 ms, delay 1 ms. Each run is a separate process; prints medians.
`--syn-params '{"lambda": 0.0}'` keeps STDP weights fixed (all bookkeeping still done), so the
targets fire exactly as with static synapses; by default the weights grow and so does the rate.

    python benchmarks/plastic_kernel.py --repeat 3 --models static_synapse stdp_synapse
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

N_PRE, N_POST, RATE, T_SIM = 1000, 1000, 10.0, 1000.0


def child(model: str, threads: int, t_sim: float, syn_params: dict) -> dict:
    import nestkernel as nk
    t0 = time.perf_counter()
    nk.reset_kernel()
    nk.set_kernel_status({"local_num_threads": threads, "resolution": 0.1})
    pg = nk.create("poisson_generator", 1, {"rate": RATE})
    pre = nk.create("parrot_neuron", N_PRE)
    post = nk.create("iaf_psc_alpha", N_POST, {"I_e": 370.0})
    sd = nk.create("spike_detector")
    nk.connect(pg, pre, {"rule": "all_to_all"}, {"model": "static_synapse"})
    if model != "static_synapse" and syn_params:
        nk.set_defaults(model, syn_params)
    nk.connect(pre, post, {"rule": "all_to_all"}, {"model": model, "weight": 1.0, "delay": 1.0})
    nk.connect(pre, sd, {"rule": "all_to_all"}, {})
    sd_post = nk.create("spike_detector")
    nk.connect(post, sd_post, {"rule": "all_to_all"}, {})
    t1 = time.perf_counter()
    nk.simulate(t_sim)
    t2 = time.perf_counter()
    n_pre_spikes = int(nk.get_status(sd)[0]["n_events"])
    n_post_spikes = int(nk.get_status(sd_post)[0]["n_events"])
    return {"model": model, "build_s": t1 - t0, "sim_s": t2 - t1,
            "syn_events": n_pre_spikes * N_POST, "syn_events_per_s": n_pre_spikes * N_POST / (t2 - t1),
            "post_rate_hz": n_post_spikes / N_POST / (t_sim / 1000.0),
            "num_connections": nk.get_kernel_status()["num_connections"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--time", type=float, default=T_SIM, help="simulated time in ms")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--models", nargs="+", default=["static_synapse", "stdp_synapse"])
    ap.add_argument("--syn-params", default="{}", help="JSON dict of SetDefaults for the plastic models")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.models[0], args.threads, args.time, json.loads(args.syn_params))))
        return
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    runs: dict[str, list[dict]] = {m: [] for m in args.models}
    for _ in range(args.repeat):
        for m in args.models:  # alternate models so machine load affects both alike
            out = subprocess.run([sys.executable, __file__, "--child", "--threads", str(args.threads),
                                  "--time", str(args.time), "--models", m, "--syn-params", args.syn_params],
                                 check=True, capture_output=True, text=True, env=env).stdout
            runs[m].append(json.loads(out.strip().splitlines()[-1]))
    print("| model | connections | build s | sim s | syn events/s | post rate Hz |")
    print("|---|---|---|---|---|---|")
    for m, rs in runs.items():
        med = lambda k: statistics.median(r[k] for r in rs)
        print(f"| {m} | {rs[0]['num_connections']} | {med('build_s'):.2f} | {med('sim_s'):.2f} | "
              f"{med('syn_events_per_s'):.3g} | {med('post_rate_hz'):.1f} |")


if __name__ == "__main__":
    main()
