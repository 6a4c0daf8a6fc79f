"""Processes, environment and time (section 6.15).

Child processes are started with :mod:`subprocess` where no SLI code has to run in the child;
``fork``, ``spoon`` and ``system`` with pre-code fork the Python process, so the child continues to
interpret SLI (it leaves with ``os._exit`` and never returns into the caller's Python frames).
"""
from __future__ import annotations

import io
import os
import resource
import select
import signal
import subprocess
import sys
import time

from ..datums import Dictionary, Literal, Procedure, lit, name
from ..errors import ArgumentType, SliError
from ..streams import IStream, OStream, string_istream
from . import Registry, generator_builtin

reg = Registry()


def _string(obj, level: int) -> str:
    if type(obj) is not str:
        raise ArgumentType(level)
    return obj


def _system_error(err: OSError) -> SliError:
    return SliError("SystemError", f"{err.strerror or err} (errno {err.errno}).")


def _flush_all(interp) -> None:
    for stream in (interp.out, sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, ValueError, OSError):
            pass


# -- environment -----------------------------------------------------------------------------------


@reg.builtin("getenv")
def getenv(interp):
    "(VAR) -> (value) true | false   environment variable lookup"
    s = interp.ostack
    key = _string(s[-1], 0)
    value = os.environ.get(key)
    if value is None:
        s[-1] = False
    else:
        s[-1] = value
        s.append(True)


@reg.builtin("environment")
def environment(interp):
    "-> dict   all environment variables (statusdict/environment)"
    env = interp.statusdict.get("environment")
    if not isinstance(env, Dictionary):
        env = Dictionary({lit(k): v for k, v in os.environ.items()})
    interp.ostack.append(env)


# -- running commands ------------------------------------------------------------------------------


def _argv(cmd) -> list:
    """A command given as an array of strings, or a string split at white space."""
    if type(cmd) is list:
        if not cmd or any(type(x) is not str for x in cmd):
            raise SliError("ArgumentType", "The command array must contain strings.")
        return list(cmd)
    args = cmd.split()
    if not args:
        raise SliError("BadParameterValue", "Empty command.")
    return args


def _wait_status(status: int):
    """(status, normalExitFlag) from a waitpid status."""
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status), True
    if os.WIFSIGNALED(status):
        return os.WTERMSIG(status), False
    return status, False


# Runs the procedure on the stack top in a stopped context (used in forked children, which
# must never unwind into the parent's code).
_STOPPED = Procedure((name("stopped"),))


_children: dict = {}  # Popen objects of children we do not wait for (keeps subprocess from reaping)


def _start(argv: list) -> int:
    """Start a child running ``argv``; its pid. Reaping is left to wait/waitPID."""
    spawn = getattr(os, "posix_spawnp", None)
    try:
        if spawn is not None:
            return spawn(argv[0], argv, dict(os.environ))
        proc = subprocess.Popen(argv)
    except OSError as err:
        raise _system_error(err)
    _children[proc.pid] = proc
    return proc.pid


def _system_gen(interp):
    """cmd [flag [precode]] system -> status normalExitFlag (flag 0) | - (flag 1) | pid (flag 2)

    Runs a command (string: split at white space; array: command and arguments) in a child
    process. With pre-code, the process forks and the child executes the pre-code before
    replacing itself by the command."""
    s = interp.ostack
    precode = None
    flag = 0
    depth = 1
    if type(s[-1]) is Procedure:
        precode = s[-1]
        if type(s[-2]) is not int:
            raise ArgumentType(1)
        flag = s[-2]
        depth = 3
    elif type(s[-1]) is int:
        flag = s[-1]
        depth = 2
    cmd = s[-depth]
    if type(cmd) not in (str, list):
        raise ArgumentType(depth - 1)
    if flag not in (0, 1, 2):
        raise SliError("RangeCheck", "The flag of system must be 0, 1 or 2.")
    argv = _argv(cmd)
    _flush_all(interp)
    if precode is None:
        pid = _start(argv)
    else:
        pid = os.fork()
        if pid == 0:
            del s[-depth:]
            code = 126
            try:
                s.append(precode)
                yield _STOPPED
                if s and s[-1] is True:
                    s.pop()
                    yield name("handleerror")
                else:
                    _flush_all(interp)
                    code = 127
                    os.execvp(argv[0], argv)
            finally:
                _flush_all(interp)
                os._exit(code)
    del s[-depth:]
    if flag == 0:
        _, status = os.waitpid(pid, 0)
        code, normal = _wait_status(status)
        s.append(code)
        s.append(normal)
    elif flag == 2:
        s.append(pid)
    return


_system = generator_builtin("system", _system_gen, is_loop=False)
reg.builtin("system_as_i_p")(_system)
reg.trie("system", [(sig, _system) for sig in (
    "arraytype", "stringtype", "arraytype integertype", "stringtype integertype",
    "arraytype integertype proceduretype", "stringtype integertype proceduretype")])


@reg.builtin("sysexec_a", "sysexec_s")
def sysexec(interp):
    "(cmd) | [args] ->   replace the current process by the command"
    s = interp.ostack
    if type(s[-1]) not in (str, list):
        raise ArgumentType(0)
    argv = _argv(s[-1])
    _flush_all(interp)
    try:
        os.execvp(argv[0], argv)
    except OSError as err:
        raise _system_error(err)


reg.trie("sysexec", [("arraytype", "sysexec_a"), ("stringtype", "sysexec_s")])


def _spawn(interp, shell: bool):
    s = interp.ostack
    flag = None
    depth = 1
    if type(s[-1]) is int:
        flag = s[-1]
        depth = 2
    cmd = s[-depth]
    if type(cmd) not in (str, list):
        raise ArgumentType(depth - 1)
    if flag not in (None, 0, 1, 2):
        raise SliError("RangeCheck", "The flag of spawn must be 0, 1 or 2.")
    if shell:
        line = cmd if type(cmd) is str else " ".join(cmd)
        argv = ["/bin/sh", "-c", line]
    else:
        argv = _argv(cmd)
    _flush_all(interp)
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    except OSError as err:
        raise _system_error(err)
    del s[-depth:]
    if flag in (None, 0):  # wait for the child; its output is kept for reading
        out, _ = proc.communicate()
        ear = string_istream(out.decode("latin-1"))
        mouth = OStream(io.StringIO(), "spawn-stdin")
        s.append(ear)
        s.append(mouth)
        return
    ear = IStream(io.TextIOWrapper(proc.stdout, encoding="latin-1", newline=""), "spawn-stdout")
    mouth = OStream(io.TextIOWrapper(proc.stdin, encoding="latin-1", newline="",
                                     write_through=True), "spawn-stdin")
    if flag == 2:
        s.append(proc.pid)
    s.append(ear)
    s.append(mouth)


def _spawn_fn(interp):
    "cmd [flag] spawn -> ear mouth | pid ear mouth   run a command with piped stdin/stdout"
    _spawn(interp, False)


def _shpawn_fn(interp):
    "cmd [flag] shpawn -> ear mouth | pid ear mouth   like spawn, through /bin/sh"
    _spawn(interp, True)


reg.builtin("spawn_as_i")(_spawn_fn)
_SPAWN_SIGS = ("arraytype", "stringtype", "arraytype integertype", "stringtype integertype")
reg.trie("spawn", [(sig, _spawn_fn) for sig in _SPAWN_SIGS])
reg.trie("shpawn", [(sig, _shpawn_fn) for sig in _SPAWN_SIGS])


@reg.builtin("fork_", "fork")
def fork(interp):
    "-> pid   POSIX fork (0 in the child)"
    _flush_all(interp)
    try:
        pid = os.fork()
    except OSError as err:
        raise _system_error(err)
    interp.ostack.append(pid)


def _spoon_gen(interp):
    "cmd -> pid   fork; the child executes cmd and exits"
    s = interp.ostack
    cmd = s[-1]
    _flush_all(interp)
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            yield _STOPPED
            if s and s[-1] is True:
                s.pop()
                code = 126
                yield name("handleerror")
        finally:
            _flush_all(interp)
            os._exit(code)
    s[-1] = pid


reg.trie("spoon", [("anytype", generator_builtin("spoon", _spoon_gen, is_loop=False))])


def _wait(interp, pid: int, nohang: bool) -> None:
    s = interp.ostack
    try:
        got, status = os.waitpid(pid, os.WNOHANG if nohang else 0)
    except ChildProcessError as err:
        raise _system_error(err)
    except OSError as err:
        raise _system_error(err)
    if got == 0:
        s.append(0)
        return
    code, normal = _wait_status(status)
    s.append(code)
    s.append(normal)
    s.append(got)


@reg.builtin("waitPID_i_b")
def wait_pid(interp):
    "pid noHangFlag -> status normalExitFlag pid | 0   wait for a specific child"
    s = interp.ostack
    if type(s[-1]) is not bool:
        raise ArgumentType(0)
    if type(s[-2]) is not int:
        raise ArgumentType(1)
    nohang = s.pop()
    pid = s.pop()
    try:
        _wait(interp, pid, nohang)
    except SliError:
        s.extend([pid, nohang])
        raise


reg.trie("waitPID", [("integertype booltype", "waitPID_i_b")])


@reg.builtin("wait_b")
def wait_any(interp):
    "noHangFlag -> status normalExitFlag pid | 0   wait for any child"
    s = interp.ostack
    if type(s[-1]) is not bool:
        raise ArgumentType(0)
    nohang = s.pop()
    try:
        _wait(interp, -1, nohang)
    except SliError:
        s.append(nohang)
        raise


reg.trie("wait", [("booltype", "wait_b")])

signaldict = Dictionary()
for _sig in sorted(signal.Signals, key=lambda x: x.value):
    if not _sig.name.startswith("SIG_"):
        signaldict[_sig.name] = int(_sig.value)
reg.constant("signaldict", signaldict)


@reg.builtin("kill_i_i")
def kill_i_i(interp):
    "pid signal ->   send a signal"
    s = interp.ostack
    if type(s[-1]) is not int:
        raise ArgumentType(0)
    if type(s[-2]) is not int:
        raise ArgumentType(1)
    try:
        os.kill(s[-2], s[-1])
    except OSError as err:
        raise _system_error(err)
    del s[-2:]


@reg.builtin("kill_i_l")
def kill_i_l(interp):
    "pid /SIGNAME ->   send a signal given by name (see signaldict)"
    s = interp.ostack
    number = signaldict.get(lit(str(s[-1])))
    if number is None:
        raise SliError("UnknownSignal", f"Unknown signal name: {s[-1]}")
    if type(s[-2]) is not int:
        raise ArgumentType(1)
    try:
        os.kill(s[-2], number)
    except OSError as err:
        raise _system_error(err)
    del s[-2:]


reg.trie("kill", [("integertype integertype", "kill_i_i"), ("integertype literaltype", "kill_i_l")])


# -- pipes and file descriptors --------------------------------------------------------------------


@reg.builtin("pipe")
def pipe(interp):
    "-> istream ostream   a new pipe (read end, write end)"
    try:
        r, w = os.pipe()
    except OSError as err:
        raise _system_error(err)
    ear = IStream(os.fdopen(r, "r", encoding="latin-1", newline=""), "pipe")
    mouth = OStream(open(w, "w", encoding="latin-1", newline="", closefd=True), "pipe")
    interp.ostack.append(ear)
    interp.ostack.append(mouth)


def _fd(stream) -> int:
    try:
        return stream.fileno()
    except (AttributeError, OSError, ValueError):
        raise SliError("BadIO", "The stream has no file descriptor.")


def _dup2(interp):
    "stream1 stream2 ->   make the descriptor of stream2 a copy of that of stream1"
    s = interp.ostack
    a, b = s[-2], s[-1]
    fa, fb = _fd(a), _fd(b)
    for stream in (a, b):
        if type(stream) is OStream:
            stream.flush()
    _flush_all(interp)
    try:
        os.dup2(fa, fb)
    except OSError as err:
        raise _system_error(err)
    del s[-2:]


for _key, _sig in (("dup2_is_is", "istreamtype istreamtype"), ("dup2_os_is", "ostreamtype istreamtype"),
                   ("dup2_os_os", "ostreamtype ostreamtype"), ("dup2_is_os", "istreamtype ostreamtype")):
    reg.builtin(_key)(_dup2)
reg.trie("dup2", [("istreamtype istreamtype", "dup2_is_is"), ("ostreamtype istreamtype", "dup2_os_is"),
                  ("ostreamtype ostreamtype", "dup2_os_os"), ("istreamtype ostreamtype", "dup2_is_os")])


@reg.builtin("available_is", "available")
def available(interp):
    "istream -> istream bool   true if data can be read without blocking"
    s = interp.ostack
    if type(s[-1]) is not IStream:
        raise ArgumentType(0)
    s.append(s[-1].available() > 0)


reg.trie("available", [("istreamtype", "available_is")])


@reg.builtin("setNONBLOCK_is_b")
def set_nonblock(interp):
    "istream bool -> istream   switch non-blocking mode of the stream's descriptor"
    s = interp.ostack
    if type(s[-1]) is not bool:
        raise ArgumentType(0)
    if type(s[-2]) is not IStream:
        raise ArgumentType(1)
    fd = _fd(s[-2])
    try:
        os.set_blocking(fd, not s[-1])
    except OSError as err:
        raise _system_error(err)
    s.pop()


reg.trie("setNONBLOCK", [("istreamtype booltype", "setNONBLOCK_is_b")])


@reg.builtin("mkfifo_s")
def mkfifo(interp):
    "(path) ->   create a named pipe"
    s = interp.ostack
    path = _string(s[-1], 0)
    try:
        os.mkfifo(path)
    except OSError as err:
        raise _system_error(err)
    s.pop()


reg.trie("mkfifo", [("stringtype", "mkfifo_s")])


def _isatty(interp):
    s = interp.ostack
    try:
        result = os.isatty(s[-1].fileno())
    except (AttributeError, OSError, ValueError):
        result = False
    s[-1] = result


for _key in ("isatty_is", "isatty_os"):
    reg.builtin(_key)(_isatty)
reg.trie("isatty", [("istreamtype", "isatty_is"), ("ostreamtype", "isatty_os")])


@reg.builtin("ctermid")
def ctermid(interp):
    "-> (name)   name of the controlling terminal"
    interp.ostack.append(os.ctermid())


@reg.builtin("getPID")
def get_pid(interp):
    "-> n   process id"
    interp.ostack.append(os.getpid())


@reg.builtin("getPPID")
def get_ppid(interp):
    "-> n   parent process id"
    interp.ostack.append(os.getppid())


@reg.builtin("getPGRP")
def get_pgrp(interp):
    "-> n   process group"
    interp.ostack.append(os.getpgrp())


def _cpu_list(text: str) -> set:
    cpus = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            lo, hi = part.split("-", 1)
            cpus.update(range(int(lo), int(hi) + 1))
        else:
            cpus.add(int(part))
    return cpus


def _taskset(interp, cpus_text: str, pid: int) -> None:
    try:
        os.sched_setaffinity(pid, _cpu_list(cpus_text))
    except ValueError:
        raise SliError("BadParameterValue", f"Invalid CPU list: {cpus_text}")
    except OSError as err:
        raise _system_error(err)


def _taskset_s_i(interp):
    "(cpu-list) pid ->   bind a process to the listed processors"
    s = interp.ostack
    _taskset(interp, s[-2], s[-1])
    del s[-2:]


def _taskset_thisjob(interp):
    "(cpu-list) ->   bind the current process to the listed processors"
    s = interp.ostack
    _taskset(interp, s[-1], 0)
    s.pop()


reg.trie("taskset", [("stringtype integertype", _taskset_s_i)])
reg.trie("taskset_thisjob", [("stringtype", _taskset_thisjob)])


def _proc_status_kb(key: str) -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


@reg.builtin("memory_thisjob", ":memory_thisjob_linux")
def memory_thisjob(interp):
    "-> n   virtual memory size of the current process in kB"
    kb = _proc_status_kb("VmSize")
    if not kb:
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    interp.ostack.append(kb)


@reg.builtin("hardware_memory_thisjob")
def hardware_memory_thisjob(interp):
    "-> n   resident memory of the current process in kB"
    interp.ostack.append(_proc_status_kb("VmRSS") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


# -- time ------------------------------------------------------------------------------------------


@reg.builtin("time")
def time_(interp):
    "-> n   seconds since the epoch"
    interp.ostack.append(int(time.time()))


def _clk_tck() -> int:
    try:
        return int(os.sysconf("SC_CLK_TCK"))
    except (ValueError, OSError, AttributeError):
        return 100


def _times() -> list:
    t = os.times()
    return [t.elapsed, t.user, t.system, t.children_user, t.children_system]


@reg.builtin("pclocks")
def pclocks(interp):
    "-> [real user sys cuser csys]   process times in clock ticks"
    tck = _clk_tck()
    interp.ostack.append([int(round(x * tck)) for x in _times()])


@reg.builtin("pclockspersec")
def pclockspersec(interp):
    "-> n   clock ticks per second"
    interp.ostack.append(_clk_tck())


@reg.builtin("ptimes")
def ptimes(interp):
    "-> [real user sys cuser csys]   process times in seconds"
    tck = _clk_tck()
    interp.ostack.append([round(x * tck) / tck for x in _times()])


def _time_component(index: int, doc: str):
    def fn(interp):
        tck = _clk_tck()
        interp.ostack.append(round(_times()[index] * tck) / tck)
    fn.__doc__ = doc
    return fn


reg.builtin("realtime", "clock")(_time_component(0, "-> d   real time in seconds"))
reg.builtin("usertime")(_time_component(1, "-> d   user time of the process in seconds"))
reg.builtin("systemtime")(_time_component(2, "-> d   system time of the process in seconds"))


@reg.builtin("tic")
def tic(interp):
    "->   start the wall-clock timer"
    interp.tic_time = time.perf_counter()


@reg.builtin("toc")
def toc(interp):
    "-> d   seconds since the last tic"
    start = getattr(interp, "tic_time", None)
    if start is None:
        start = interp.start_time - time.time() + time.perf_counter()
    interp.ostack.append(time.perf_counter() - start)


_RUSAGE_KEYS = ("maxrss", "ixrss", "idrss", "isrss", "minflt", "majflt", "nswap", "inblock",
                "oublock", "msgsnd", "msgrcv", "nsignals", "nvcsw", "nivcsw")


def _rusage_dict(who) -> Dictionary:
    ru = resource.getrusage(who)
    d = Dictionary()
    d["utime"] = float(ru.ru_utime)
    d["stime"] = float(ru.ru_stime)
    for key in _RUSAGE_KEYS:
        d[key] = int(getattr(ru, "ru_" + key))
    return d


@reg.builtin("pgetrusage")
def pgetrusage(interp):
    "-> selfdict childdict   getrusage() of the process and of its children"
    interp.ostack.append(_rusage_dict(resource.RUSAGE_SELF))
    interp.ostack.append(_rusage_dict(resource.RUSAGE_CHILDREN))


@reg.builtin("sleep_d")
def sleep_d(interp):
    "d ->   pause d seconds"
    s = interp.ostack
    t = s[-1]
    if type(t) not in (int, float):
        raise ArgumentType(0)
    if t < 0:
        raise SliError("BadParameterValue", "The time must not be negative.")
    s.pop()
    time.sleep(t)


reg.trie("sleep", [("integertype", "sleep_d"), ("doubletype", "sleep_d")])


@reg.builtin("ms2hms")
def ms2hms(interp):
    "ms -> [h min sec]   split milliseconds into hours, minutes and seconds"
    s = interp.ostack
    ms = s[-1]
    if type(ms) not in (int, float):
        raise ArgumentType(0)
    if type(ms) is int:
        total = ms // 1000
        s[-1] = [total // 3600, (total // 60) % 60, total % 60]
    else:
        hours = int(ms // 3600000)
        minutes = int((ms - hours * 3600000) // 60000)
        s[-1] = [hours, minutes, (ms - hours * 3600000 - minutes * 60000) / 1000.0]


# Helpers the reference library uses inside spawn/shpawn, kept as names of the same behaviour.
reg.builtin(":spawn_Open_pipes_define_Precode_call_system",
            ":spawn_Open_pipes_define_Precode_call_system_withdict",
            ":shpawn_add_monitors", ":shpawn_create_command_and_flags")(_spawn_fn)


@reg.builtin(":shpawn_comarray_to_string")
def shpawn_comarray_to_string(interp):
    "[args] -> (command line)   join a command array with blanks"
    s = interp.ostack
    if type(s[-1]) is not list or any(type(x) is not str for x in s[-1]):
        raise ArgumentType(0)
    s[-1] = " ".join(s[-1])
