"""PyNEST call overheads of issue 4, measured through `import nest` (medians of repeated runs).

    python benchmarks/pynest_api.py [--repeat 7] [--n 10000] [--nest310 /tmp/nest310/bin/python]

Prints one row per call: the median wall time, the issue's target (the established 2.x PyNEST
on this machine kind) and the ratio. With --nest310 the same calls run through NEST 3.10's
`nest.GetStatus`/`nest.SetStatus` (still present in 3.x) in a separate process, for comparison.
Connect is measured from Python and from SLI on the same 1M-synapse network.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

TARGETS_MS = {
    "Create": 3.0,
    "GetStatus(nodes, 'V_m')": 29.0,
    "GetStatus(nodes)": 430.0,
    "SetStatus(nodes, list of dicts)": 22.0,
}

# The calls timed in each simulator; `nest`, `n` and `ver` come from the runner below.
CALLS = r'''
import time, statistics, json, sys
import numpy as np
def med(f, repeat):
    ts = []
    for _ in range(repeat):
        nest.ResetKernel()
        nest.set_verbosity("M_ERROR")
        setup = f.setup() if hasattr(f, "setup") else None
        t0 = time.perf_counter(); f(setup); ts.append(time.perf_counter() - t0)
    return statistics.median(ts) * 1e3

class Create:
    def __call__(self, _): nest.Create("iaf_psc_alpha", n)
class GetVm:
    def setup(self): return nest.Create("iaf_psc_alpha", n)
    def __call__(self, nodes): nest.GetStatus(nodes, "V_m")
class GetAll:
    def setup(self): return nest.Create("iaf_psc_alpha", n)
    def __call__(self, nodes): nest.GetStatus(nodes)
class SetList:
    def setup(self):
        nodes = nest.Create("iaf_psc_alpha", n)
        return nodes, [{"V_m": -70.0 + 0.001 * i} for i in range(n)]
    def __call__(self, a): nest.SetStatus(a[0], a[1])
out = {
    "Create": med(Create(), repeat),
    "GetStatus(nodes, 'V_m')": med(GetVm(), repeat),
    "GetStatus(nodes)": med(GetAll(), repeat),
    "SetStatus(nodes, list of dicts)": med(SetList(), repeat),
}
print("RESULT " + json.dumps(out))
'''


def run_ours(n: int, repeat: int) -> dict:
    import nest

    ns = {"nest": nest, "n": n, "repeat": repeat}
    code = CALLS
    import io
    import contextlib

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(code, ns)
    res = json.loads(buf.getvalue().split("RESULT ", 1)[1])

    # Simulate(1.0) called 1,000 times: overhead per call beyond the kernel's own time.
    nest.ResetKernel()
    nest.Create("iaf_psc_alpha", 10)
    t0 = time.perf_counter()
    for _ in range(1000):
        nest.Simulate(1.0)
    per_call = (time.perf_counter() - t0)
    import nestkernel
    nestkernel.reset_kernel()
    nestkernel.create("iaf_psc_alpha", 10)
    t0 = time.perf_counter()
    for _ in range(1000):
        nestkernel.simulate(1.0)
    kernel_only = time.perf_counter() - t0
    res["Simulate(1.0) overhead per call"] = (per_call - kernel_only)  # s/1000 calls = ms per call

    # Connect of 1M synapses: Python vs the same call issued from SLI.
    def connect_py():
        nest.ResetKernel()
        nest.set_verbosity("M_ERROR")
        a = nest.Create("iaf_psc_alpha", 1000)
        t0 = time.perf_counter()
        nest.Connect(a, a, {"rule": "all_to_all"}, {"weight": 1.0, "delay": 1.0})
        return time.perf_counter() - t0

    def connect_sli():
        nest.ResetKernel()
        nest.set_verbosity("M_ERROR")
        nest.sr("/iaf_psc_alpha 1000 Create pop")
        t0 = time.perf_counter()
        nest.sr("1 1000 cvgidcollection dup << /rule /all_to_all >> << /weight 1.0 /delay 1.0 >> Connect")
        return time.perf_counter() - t0

    py = statistics.median(connect_py() for _ in range(repeat))
    sl = statistics.median(connect_sli() for _ in range(repeat))
    res["Connect 1M from Python"] = py * 1e3
    res["Connect 1M from SLI"] = sl * 1e3
    return res


def run_nest310(python: str, n: int, repeat: int) -> dict:
    prog = f"import nest\nn = {n}\nrepeat = {repeat}\n" + CALLS
    out = subprocess.run([python, "-c", prog], capture_output=True, text=True, check=True).stdout
    return json.loads(out.split("RESULT ", 1)[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--nest310", default="", help="python of a venv with nest-simulator 3.10")
    args = ap.parse_args()
    ours = run_ours(args.n, args.repeat)
    other = run_nest310(args.nest310, args.n, args.repeat) if args.nest310 else {}
    print(f"{'call':36s} {'ours ms':>10s} {'target ms':>10s} {'× target':>9s} {'NEST 3.10 ms':>13s}")
    for k, v in ours.items():
        tgt = TARGETS_MS.get(k)
        ratio = f"{v / tgt:9.2f}" if tgt else " " * 9
        t = f"{tgt:10.1f}" if tgt else " " * 10
        o = f"{other[k]:13.1f}" if k in other else ""
        print(f"{k:36s} {v:10.2f} {t} {ratio} {o}")
    r = ours["Connect 1M from Python"] / ours["Connect 1M from SLI"]
    print(f"Connect Python/SLI ratio: {r:.2f} (required ≤ 1.2)")
    print(f"Simulate(1.0) overhead: {ours['Simulate(1.0) overhead per call']:.3f} ms per call (required ≤ 2)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
