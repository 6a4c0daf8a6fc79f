"""Processes, environment and time (spec section 6.15)."""
import os
import sys

import pytest

from sli_harness import fails, new_interpreter, run
from sli.streams import IStream, OStream


@pytest.fixture
def interp():
    return new_interpreter()


def test_getenv(interp, monkeypatch):
    monkeypatch.setenv("SLI_T_VAR", "v1")
    assert run(interp, "(SLI_T_VAR) getenv") == ["v1", True]
    assert run(interp, "(SLI_T_UNSET_VAR_XYZ) getenv") == [False]
    left, name = fails(interp, "1 getenv")
    assert (left, name) == ([1], "ArgumentType")


def test_environment_dict(interp):
    assert run(interp, "environment type") == ["dictionarytype"]


def test_system_waits_and_returns_status(interp):
    assert run(interp, "(true) system") == [0, True]
    assert run(interp, "[(sh) (-c) (exit 3)] system") == [3, True]
    assert run(interp, "(true) 0 system") == [0, True]


def test_system_flag_2_returns_pid(interp):
    s = run(interp, "(true) 2 system dup false waitPID")
    assert s[1:] == [0, True, s[0]]


def test_system_with_precode_runs_in_child(interp, tmp_path):
    f = tmp_path / "pre.txt"
    s = run(interp, f"[(true)] 0 {{ ({f}) ofstream pop (pre) <- close }} system")
    assert s == [0, True]
    assert f.read_text() == "pre"


def test_system_errors(interp):
    left, name = fails(interp, "(no_such_command_xyz_123) system")
    assert name == "SystemError" and left == ["no_such_command_xyz_123"]
    left, name = fails(interp, "(true) 7 system")
    assert name == "RangeCheck"
    left, name = fails(interp, "/x system")
    assert name == "ArgumentType"


def test_spawn_reads_output(interp):
    s = run(interp, "(echo hello) spawn pop getline")
    assert s[1:] == ["hello", True]
    s = run(interp, "(echo a b | tr a-z A-Z) shpawn pop getline")
    assert s[1:] == ["A B", True]


def test_spawn_with_pipes_and_pid(interp):
    s = run(interp, "(cat) 2 spawn (ping) <- endl close getline 4 -1 roll false waitPID")
    assert s[1:3] == ["ping", True]
    assert s[3:5] == [0, True]


def test_fork_pushes_pid(interp, monkeypatch):
    monkeypatch.setattr(os, "fork", lambda: 4242)  # never fork the test runner itself
    assert run(interp, "fork fork_") == [4242, 4242]


def test_spoon_runs_code_in_child(interp, tmp_path):
    f = tmp_path / "spoon.txt"
    s = run(interp, f"{{ ({f}) ofstream pop (child) <- close }} spoon false waitPID")
    assert s[:2] == [0, True]
    assert f.read_text() == "child"


def test_wait_nohang_and_no_children(interp):
    s = run(interp, "(sleep 5) 2 system dup true waitPID exch /SIGKILL kill false wait")
    assert s[0] == 0
    assert s[1:3] == [9, False]
    left, name = fails(interp, "false wait")
    assert name == "SystemError" and left == [False]


def test_kill_unknown_signal(interp):
    left, name = fails(interp, "1 /SIGNOPE kill")
    assert name == "UnknownSignal"
    assert run(interp, "signaldict /SIGTERM get") == [15]


def test_pipe_roundtrip(interp):
    s = run(interp, "pipe (data) <- endl close getline")
    assert s[1:] == ["data", True]


def test_available_and_nonblock(interp):
    s = run(interp, "pipe /w Set /r Set r available exch pop r true setNONBLOCK pop "
                    "w (x) <- endl pop r available exch pop r in_avail exch pop")
    assert s == [False, True, 2]


def test_dup2_redirects_descriptor(interp, tmp_path):
    f1, f2 = tmp_path / "1", tmp_path / "2"
    run(interp, f"({f1}) ofstream pop /a Set ({f2}) ofstream pop /b Set a b dup2 b (via) <- close a close")
    assert f1.read_text() == "via"


def test_isatty_and_ids(interp):
    s = run(interp, "(x) isstream pop isatty getPID getPPID getPGRP")
    assert s == [False, os.getpid(), os.getppid(), os.getpgrp()]
    assert isinstance(run(interp, "ctermid")[0], str)


def test_mkfifo(interp, tmp_path):
    p = tmp_path / "fifo"
    run(interp, f"({p}) mkfifo")
    import stat
    assert stat.S_ISFIFO(os.stat(p).st_mode)
    left, name = fails(interp, f"({p}) mkfifo")
    assert name == "SystemError"


def test_memory_thisjob(interp):
    s = run(interp, "memory_thisjob")
    assert type(s[0]) is int and s[0] > 0


def test_times(interp):
    s = run(interp, "time pclocks pclockspersec ptimes realtime usertime systemtime clock")
    assert abs(s[0] - __import__("time").time()) < 5
    assert len(s[1]) == 5 and all(type(x) is int for x in s[1])
    assert s[2] > 0
    assert len(s[3]) == 5 and all(type(x) is float for x in s[3])
    assert all(type(x) is float for x in s[4:])


def test_tic_toc_and_sleep(interp):
    s = run(interp, "tic 0.05 sleep toc")
    assert 0.04 < s[0] < 2.0
    run(interp, "0 sleep")
    left, name = fails(interp, "-1 sleep")
    assert (left, name) == ([-1], "BadParameterValue")


def test_pgetrusage(interp):
    s = run(interp, "pgetrusage")
    assert s[0]["utime"] >= 0 and "maxrss" in s[1]


def test_ms2hms(interp):
    assert run(interp, "3723000 ms2hms") == [[1, 2, 3]]
    assert run(interp, "3723500.0 ms2hms") == [[1, 2, 3.5]]
    left, name = fails(interp, "(x) ms2hms")
    assert name == "ArgumentType"


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no affinity API")
def test_taskset_thisjob(interp):
    cpus = sorted(os.sched_getaffinity(0))
    run(interp, f"({','.join(map(str, cpus))}) taskset_thisjob")
    assert sorted(os.sched_getaffinity(0)) == cpus


def test_sysexec_in_child(interp, tmp_path):
    f = tmp_path / "exec.txt"
    s = run(interp, f"{{ [(sh) (-c) (echo done > {f})] sysexec }} spoon false waitPID")
    assert s[:2] == [0, True]
    assert f.read_text() == "done\n"
