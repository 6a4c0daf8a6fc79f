"""Throughput of gif_cond_exp_multisynapse and glif_cond (issue 5, model zoo part 2).

10,000 unconnected neurons, h = 0.1 ms, 1000 ms, spikes recorded: gif_cond_exp_multisynapse driven
by I_e = 158 pA (stochastic firing), glif_cond (GLIF1 defaults; the model has no I_e) by one
dc_generator of 262 pA connected to all neurons. Each run is a fresh process; the kernel runs with
1 and 2 threads and, if present, NEST 3.10 from /tmp/nest310 with 1 thread. Prints neuron updates
per second (medians).

    python benchmarks/zoo2_models.py --repeat 3
"""
from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import subprocess
import sys

N, T, H = 10000, 1000.0, 0.1
# model -> (parameters at Create, dc amplitude or None)
MODELS = {"gif_cond_exp_multisynapse": ({"I_e": 158.0}, None), "glif_cond": ({}, 262.0)}
NEST310 = pathlib.Path("/tmp/nest310/bin/python")

KERNEL_RUN = """
import json, time, nestkernel as nk
nk.set_kernel_status({{"resolution": {h}, "local_num_threads": {threads}}})
n = nk.create("{model}", {n}, {params})
if {dc} is not None:
    dc = nk.create("dc_generator", 1, {{"amplitude": {dc}}})
    nk.connect(dc, n, {{"rule": "all_to_all"}}, {{}})
sd = nk.create("spike_detector")
nk.connect(n, sd, {{"rule": "all_to_all"}}, {{}})
t0 = time.perf_counter(); nk.simulate({t}); dt = time.perf_counter() - t0
print(json.dumps({{"seconds": dt, "spikes": len(nk.get_status(sd)[0]["events"]["times"])}}))
"""

NEST_RUN = """
import json, time, nest
nest.set_verbosity("M_ERROR")
nest.resolution = {h}
nest.local_num_threads = 1
n = nest.Create("{model}", {n}, {params})
if {dc} is not None:
    dc = nest.Create("dc_generator", params={{"amplitude": {dc}}})
    nest.Connect(dc, n)
sr = nest.Create("spike_recorder")
nest.Connect(n, sr)
t0 = time.perf_counter(); nest.Simulate({t}); dt = time.perf_counter() - t0
print(json.dumps({{"seconds": dt, "spikes": sr.n_events}}))
"""


def run(python: str, code: str) -> dict:
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    updates = N * round(T / H)
    for model, (params, dc) in MODELS.items():
        variants = [("kernel 1 thread", sys.executable, KERNEL_RUN, 1),
                    ("kernel 2 threads", sys.executable, KERNEL_RUN, 2)]
        if NEST310.exists():
            variants.append(("NEST 3.10 1 thread", str(NEST310), NEST_RUN, 1))
        times = {name: [] for name, *_ in variants}
        rates = {}
        for _ in range(args.repeat):
            for name, python, template, threads in variants:
                r = run(python, template.format(h=H, threads=threads, model=model, n=N, params=repr(params),
                                                dc=repr(dc), t=T))
                times[name].append(r["seconds"])
                rates[name] = r["spikes"] / N / (T / 1000.0)
        for name, ts in times.items():
            med = statistics.median(ts)
            print(f"{model:26s} {name:20s} {med:7.2f} s  {updates / med / 1e6:6.2f} M neuron updates/s"
                  f"  ({rates[name]:.1f} Hz)")


if __name__ == "__main__":
    main()
