"""SLI interpreter speed: loop and procedure-call benchmarks against a plain Python loop.

Run:  python benchmarks/sli_ops.py [--repeat N]

Prints the CPU time (median of N runs) of each benchmark and its ratio to a plain Python loop
summing 10 million integers, measured in the same run. The established C++ interpreter needs
0.27 s for `{add} for` and 0.87 s for the procedure loop on the reference machine (issue 2).
"""
from __future__ import annotations

import argparse
import statistics
import time

from sli import Interpreter

N = 10_000_000

BENCHMARKS = {
    "add_loop": f"0 1 1 {N} {{add}} for pop",
    "proc_loop": f"/f {{dup mul}} def 0 1 1 {N} {{f add}} for pop",
}
REFERENCE_CPP = {"add_loop": 0.27, "proc_loop": 0.87}
REQUIRED_RATIO = {"add_loop": 17.0, "proc_loop": 55.0}


def python_loop() -> float:
    start = time.process_time()
    total = 0
    for i in range(1, N + 1):
        total += i
    return time.process_time() - start


def sli_time(interp: Interpreter, code: str) -> float:
    start = time.process_time()
    ok = interp.execute(code)
    elapsed = time.process_time() - start
    if not ok:
        raise RuntimeError(f"benchmark code failed: {code}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    interp = Interpreter()
    interp.startup()
    # The machine's speed drifts (shared cores): each SLI run is paired with a Python-loop run
    # right before it, and the ratio is taken per pair.
    print(f"{'benchmark':<12} {'CPU s (median)':>15} {'Python loop s':>14} {'x Python loop':>14} "
          f"{'x C++ SLI':>10} {'required':>9}")
    for name, code in BENCHMARKS.items():
        times, pys, ratios = [], [], []
        for _ in range(args.repeat):
            py = python_loop()
            t = sli_time(interp, code)
            pys.append(py)
            times.append(t)
            ratios.append(t / py)
        med = statistics.median(times)
        ratio = statistics.median(ratios)
        ok = "ok" if ratio <= REQUIRED_RATIO[name] else "MISSED"
        print(f"{name:<12} {med:>15.3f} {statistics.median(pys):>14.3f} {ratio:>14.1f} "
              f"{med / REFERENCE_CPP[name]:>10.1f} {'<= ' + str(REQUIRED_RATIO[name]):>9} {ok}")


if __name__ == "__main__":
    main()
