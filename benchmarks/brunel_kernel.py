"""Brunel balanced network driven directly through the nestkernel bindings (issue 3).

NE = 10000, NI = 2500 iaf_psc_alpha (C_m 250 pF, tau_m 20 ms, tau_syn 0.5 ms, t_ref 2 ms,
E_L = V_reset = 0, V_th = 20 mV), fixed_indegree CE = 1000, CI = 250, g = 5, eta = 2, one
poisson_generator to all neurons, delay 1.5 ms, h = 0.1 ms, 1000 ms.

Runs the kernel with 1 and 2 threads, the C yardstick limit_brunel.c (-O3) and, if present,
NEST 3.10 from /tmp/nest310, alternately and each in its own process; prints medians and ratios.

    python benchmarks/brunel_kernel.py --repeat 3
"""
from __future__ import annotations

import argparse
import json
import math
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
LIMIT_SRC = pathlib.Path(os.environ.get("LIMIT_BRUNEL_SRC", "/work/shared/bench/limit_brunel.c"))

NE, NI, CE, CI = 10000, 2500, 1000, 250
TAU_M, TAU_S, C_M, THETA = 20.0, 0.5, 250.0, 20.0
G, ETA, DELAY, H = 5.0, 2.0, 1.5, 0.1


def psc_for_psp(psp_mv: float) -> float:
    """PSC amplitude (pA) of an alpha current whose PSP peaks at psp_mv (tau_m, tau_s, C_m above)."""
    a = 1.0 / TAU_S - 1.0 / TAU_M
    # peak time of the PSP of a unit alpha current, by bisection on dV/dt = 0
    def dv(t):
        return (math.e / TAU_S) / C_M * (-math.exp(-t / TAU_M) / TAU_M + math.exp(-t / TAU_S) / TAU_S
                                          - (math.exp(-t / TAU_S) - t * math.exp(-t / TAU_S) / TAU_S) * a) / a**2
    lo, hi = 1e-6, 50.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        (lo, hi) = (mid, hi) if dv(mid) > 0 else (lo, mid)
    t = lo
    v = (math.e / TAU_S) / C_M * ((math.exp(-t / TAU_M) - math.exp(-t / TAU_S)) / a**2 - t * math.exp(-t / TAU_S) / a)
    return psp_mv / v


def parameters(variant: str) -> tuple[float, float]:
    """(J_ex in pA, Poisson rate in Hz)."""
    if variant == "issue":  # the numbers quoted in issue 3
        return 87.8, 8800.0
    j = psc_for_psp(0.1)  # 0.1 mV PSP -> 20.68 pA, the yardstick's value
    nu_th = THETA * C_M / (j * CE * math.e * TAU_M * TAU_S)
    return j, 1000.0 * ETA * nu_th * CE


def peak_rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def child_kernel(threads: int, t_sim: float, variant: str) -> dict:
    import nestkernel as nk
    j_ex, p_rate = parameters(variant)
    t0 = time.perf_counter()
    nk.reset_kernel()
    nk.set_kernel_status({"local_num_threads": threads, "resolution": H})
    params = {"C_m": C_M, "tau_m": TAU_M, "tau_syn_ex": TAU_S, "tau_syn_in": TAU_S, "t_ref": 2.0,
              "E_L": 0.0, "V_reset": 0.0, "V_th": THETA, "V_m": 0.0}
    nodes = nk.create("iaf_psc_alpha", NE + NI, params)
    ex, inh = nodes[:NE], nodes[NE:]
    noise = nk.create("poisson_generator", 1, {"rate": p_rate})
    sd = nk.create("spike_detector")
    syn_ex = {"model": "static_synapse", "weight": j_ex, "delay": DELAY}
    syn_in = {"model": "static_synapse", "weight": -G * j_ex, "delay": DELAY}
    nk.connect(noise, nodes, {"rule": "all_to_all"}, syn_ex)
    nk.connect(ex, nodes, {"rule": "fixed_indegree", "indegree": CE}, syn_ex)
    nk.connect(inh, nodes, {"rule": "fixed_indegree", "indegree": CI}, syn_in)
    nk.connect(nodes, sd, {"rule": "all_to_all"}, {})
    t1 = time.perf_counter()
    nk.simulate(t_sim)
    t2 = time.perf_counter()
    n_spikes = int(nk.get_status(sd)[0]["n_events"])
    n = NE + NI
    return {"who": f"kernel-{threads}t", "build_s": t1 - t0, "sim_s": t2 - t1, "peak_rss_mb": peak_rss_mb(),
            "rate_hz": n_spikes / n / (t_sim / 1000.0), "spikes": n_spikes,
            "neuron_updates_per_s": n * (t_sim / H) / (t2 - t1),
            "syn_events_per_s": n_spikes * (CE + CI) / (t2 - t1),
            "num_connections": nk.get_kernel_status()["num_connections"], "J_ex": j_ex, "p_rate": p_rate}


NEST3_CHILD = r"""
import json, sys, time
import nest
threads, t_sim, j_ex, p_rate = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
NE, NI, CE, CI, G, DELAY = 10000, 2500, 1000, 250, 5.0, 1.5
t0 = time.perf_counter()
nest.set_verbosity("M_ERROR")
nest.ResetKernel()
nest.SetKernelStatus({"local_num_threads": threads, "resolution": 0.1})
params = {"C_m": 250.0, "tau_m": 20.0, "tau_syn_ex": 0.5, "tau_syn_in": 0.5, "t_ref": 2.0,
          "E_L": 0.0, "V_reset": 0.0, "V_th": 20.0, "V_m": 0.0}
nodes = nest.Create("iaf_psc_alpha", NE + NI, params)
ex, inh = nodes[:NE], nodes[NE:]
noise = nest.Create("poisson_generator", params={"rate": p_rate})
sr = nest.Create("spike_recorder")
nest.Connect(noise, nodes, "all_to_all", {"weight": j_ex, "delay": DELAY})
nest.Connect(ex, nodes, {"rule": "fixed_indegree", "indegree": CE}, {"weight": j_ex, "delay": DELAY})
nest.Connect(inh, nodes, {"rule": "fixed_indegree", "indegree": CI}, {"weight": -G * j_ex, "delay": DELAY})
nest.Connect(nodes, sr)
t1 = time.perf_counter()
nest.Simulate(t_sim)
t2 = time.perf_counter()
n = NE + NI
spikes = sr.n_events
rss = 0.0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM"):
        rss = int(line.split()[1]) / 1024.0
print(json.dumps({"who": f"nest3.10-{threads}t", "build_s": t1 - t0, "sim_s": t2 - t1, "peak_rss_mb": rss,
                  "rate_hz": spikes / n / (t_sim / 1000.0), "spikes": spikes,
                  "neuron_updates_per_s": n * (t_sim / 0.1) / (t2 - t1),
                  "syn_events_per_s": spikes * (CE + CI) / (t2 - t1)}))
"""


def build_limit(out_dir: pathlib.Path) -> pathlib.Path | None:
    if not LIMIT_SRC.exists() or shutil.which("gcc") is None:
        return None
    exe = out_dir / "limit_brunel"
    if not exe.exists() or exe.stat().st_mtime < LIMIT_SRC.stat().st_mtime:
        subprocess.run(["gcc", "-O3", "-march=native", "-o", str(exe), str(LIMIT_SRC), "-lm"], check=True)
    return exe


def run_limit(exe: pathlib.Path, t_sim: float) -> dict:
    out = subprocess.run([str(exe), "2500", str(t_sim), "8", "1", str(CE), str(CI)], check=True,
                         capture_output=True, text=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    return {"who": "limit_brunel.c", "build_s": r["build_s"], "sim_s": r["sim_s"], "rate_hz": r["rate_all_hz"],
            "neuron_updates_per_s": r["neuron_updates_per_s"], "syn_events_per_s": r["syn_events_per_s"],
            "peak_rss_mb": float("nan")}


# numpy's OpenBLAS keeps spinning worker threads that would compete with the kernel's threads
CHILD_ENV = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")


def run_child(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True,
                         env=CHILD_ENV)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--time", type=float, default=1000.0, help="simulated time in ms")
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--params", choices=["issue", "psp"], default="issue",
                    help="issue: J=87.8 pA, 8.8 kHz drive (issue 3); psp: J from 0.1 mV PSP (20.68 pA) as limit_brunel.c")
    ap.add_argument("--nest", default="/tmp/nest310/bin/python", help="python of a NEST 3.10 venv (skipped if absent)")
    ap.add_argument("--json", help="write all raw results here")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("child_args", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        threads, t_sim, variant = int(a.child_args[0]), float(a.child_args[1]), a.child_args[2]
        print(json.dumps(child_kernel(threads, t_sim, variant)))
        return

    j_ex, p_rate = parameters(a.params)
    exe = build_limit(pathlib.Path(os.environ.get("TMPDIR", "/tmp")))
    have_nest = pathlib.Path(a.nest).exists()
    results: dict[str, list[dict]] = {}
    for rep in range(a.repeat):
        for th in a.threads:
            results.setdefault(f"kernel-{th}t", []).append(run_child([str(th), str(a.time), a.params]))
            if have_nest:
                out = subprocess.run([a.nest, "-c", NEST3_CHILD, str(th), str(a.time), str(j_ex), str(p_rate)],
                                     capture_output=True, text=True, env=CHILD_ENV)
                if out.returncode == 0:
                    results.setdefault(f"nest3.10-{th}t", []).append(json.loads(out.stdout.strip().splitlines()[-1]))
        if exe:
            results.setdefault("limit_brunel.c", []).append(run_limit(exe, a.time))
        print(f"repeat {rep + 1}/{a.repeat} done", file=sys.stderr)

    def med(who, key):
        vals = [r[key] for r in results.get(who, []) if key in r and not math.isnan(r[key])]
        return statistics.median(vals) if vals else float("nan")

    print(f"Brunel network, params={a.params} (J_ex={j_ex:.2f} pA, poisson {p_rate:.0f} Hz), "
          f"T={a.time:g} ms, medians of {a.repeat}")
    if not have_nest:
        print(f"NEST 3.10 not found at {a.nest}: NEST ratios use the issue's figures (18 s / 7.5 s, build 1.9 s, 741 MB)")
    nest_ref = {1: 18.0, 2: 7.5}
    limit = med("limit_brunel.c", "sim_s")
    hdr = "| run | build s | sim s | peak RSS MB | rate Hz | neuron upd/s | syn events/s | × limit_brunel.c | × NEST 3.10 |"
    print(hdr)
    print("|" + "---|" * 9)
    for who in results:
        sim = med(who, "sim_s")
        ratio_nest = ""
        if who.startswith("kernel-"):
            th = int(who.split("-")[1][:-1])
            ns = med(f"nest3.10-{th}t", "sim_s") if have_nest else nest_ref.get(th, float("nan"))
            ratio_nest = f"{sim / ns:.3f}"
        print(f"| {who} | {med(who, 'build_s'):.2f} | {sim:.2f} | {med(who, 'peak_rss_mb'):.0f} | "
              f"{med(who, 'rate_hz'):.1f} | {med(who, 'neuron_updates_per_s'):.3g} | {med(who, 'syn_events_per_s'):.3g} | "
              f"{sim / limit if limit == limit else float('nan'):.2f} | {ratio_nest} |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
