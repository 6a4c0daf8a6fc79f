"""Throughput of the RKF45-integrated neuron models (issue 5).

10,000 unconnected neurons driven by a constant I_e (regular firing near 27 Hz), h = 0.1 ms,
1000 ms, spikes recorded: iaf_cond_alpha (I_e 260 pA) and aeif_cond_alpha (I_e 950 pA). Each run
is a fresh process; the kernel runs with 1 and 2 threads and, if present, NEST 3.10 from
/tmp/nest310 with 1 thread. Prints neuron updates per second (medians).

    python benchmarks/ode_models.py --repeat 3
"""
from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import subprocess
import sys

N, T, H = 10000, 1000.0, 0.1
MODELS = {"iaf_cond_alpha": 260.0, "aeif_cond_alpha": 950.0}
NEST310 = pathlib.Path("/tmp/nest310/bin/python")

KERNEL_RUN = """
import json, time, nestkernel as nk
nk.set_kernel_status({{"resolution": {h}, "local_num_threads": {threads}}})
n = nk.create("{model}", {n}, {{"I_e": {ie}}})
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
n = nest.Create("{model}", {n}, {{"I_e": {ie}}})
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
    for model, ie in MODELS.items():
        variants = [("kernel 1 thread", sys.executable, KERNEL_RUN, 1),
                    ("kernel 2 threads", sys.executable, KERNEL_RUN, 2)]
        if NEST310.exists():
            variants.append(("NEST 3.10 1 thread", str(NEST310), NEST_RUN, 1))
        times = {name: [] for name, *_ in variants}
        rates = {}
        for _ in range(args.repeat):
            for name, python, template, threads in variants:
                r = run(python, template.format(h=H, threads=threads, model=model, n=N, ie=ie, t=T))
                times[name].append(r["seconds"])
                rates[name] = r["spikes"] / N / (T / 1000.0)
        for name, ts in times.items():
            med = statistics.median(ts)
            print(f"{model:16s} {name:20s} {med:7.2f} s  {updates / med / 1e6:6.2f} M neuron updates/s"
                  f"  ({rates[name]:.1f} Hz)")


if __name__ == "__main__":
    main()
