"""Ctrl-C during nest.Simulate with two threads: the run stops at the end of a slice with the SLI
error SystemSignal and the kernel stays usable.

Run in a subprocess (it sends SIGINT to itself) next to a CPU-bound process: on a loaded machine
one kernel thread may lag behind the other, which used to leave the faster one waiting forever
in the slice barrier (the stop flag was read one iteration early by the slower thread).
"""
import subprocess
import sys

SCRIPT = r"""
import os, signal, threading
import nest
for trial in range(10):
    nest.ResetKernel()
    nest.SetKernelStatus({"local_num_threads": 2})
    pop = nest.Create("iaf_psc_alpha", 2000, {"I_e": 400.0})
    nest.Connect(pop, pop, {"rule": "fixed_indegree", "indegree": 50},
                 {"weight": 1.0, "delay": 1.0})
    timer = threading.Timer(0.1, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    try:
        nest.Simulate(1e6)
    except nest.NESTErrors.SystemSignal as err:
        assert str(err).startswith("SystemSignal in "), err
    else:
        raise SystemExit("Simulate was not interrupted")
    timer.join()
    t = nest.GetKernelStatus("time")
    assert 0.0 < t < 1e6 and t == round(t), t  # min_delay 1 ms: stopped at a slice end
    nest.Simulate(10.0)
    assert nest.GetKernelStatus("time") == t + 10.0
print("ok")
"""


def test_ctrl_c_with_two_threads_under_load_stops_cleanly():
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                              timeout=90)
    finally:
        burner.kill()
        burner.wait()
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
