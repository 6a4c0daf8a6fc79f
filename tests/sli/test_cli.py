"""The sli/nest command line: arguments, statusdict, exit codes (spec sections 8.4, 8.5)."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sli import Interpreter
from sli.cli import parse_command_line, run_batch, run_code, run_files
from sli.interpreter import M_ALL, M_ERROR, M_INFO
from sli.repl import guard_estack

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "sli.cli", *args], input=stdin, text=True,
                          capture_output=True, timeout=timeout, env=env, cwd=str(REPO))


@pytest.fixture
def interp():
    i = Interpreter(stdout=io.StringIO())
    i.startup()
    guard_estack(i)
    i.stdout = io.StringIO()
    return i


# -- parsing the command line ----------------------------------------------------------------


def test_files_and_script_arguments_are_separated():
    cl = parse_command_line(["sli", "a.sli", "b.sli", "x", "y.sli", "-c"])
    assert cl.files == ["a.sli", "b.sli"]
    assert cl.script_args == ["x", "y.sli", "-c"]
    assert not cl.interactive


def test_double_dash_ends_the_file_list():
    cl = parse_command_line(["sli", "a.sli", "--", "b.sli"])
    assert cl.files == ["a.sli"] and cl.script_args == ["b.sli"]


def test_first_argument_is_a_file_whatever_its_name():
    assert parse_command_line(["sli", "script"]).files == ["script"]


def test_options_are_recognised():
    cl = parse_command_line(["nest", "--userargs=a:b", "--verbosity=ERROR", "-c", "1 ="])
    assert cl.prog == "nest"
    assert cl.userargs == ["a", "b"]
    assert cl.verbosity == M_ERROR
    assert cl.code == "1 ="
    assert parse_command_line(["sli", "-d"]).verbosity == M_ALL
    assert parse_command_line(["sli"]).verbosity == M_INFO
    assert parse_command_line(["sli", "--batch"]).batch
    assert parse_command_line(["sli", "-"]).batch
    assert parse_command_line(["sli"]).interactive


def test_bad_options_are_reported():
    assert parse_command_line(["sli", "-c"]).errors == ["Option '-c' needs an extra argument"]
    assert parse_command_line(["sli", "--verbosity=LOUD"]).errors


# -- running in-process ----------------------------------------------------------------------


def test_files_run_in_order_in_one_stopped_context(interp, tmp_path):
    a = tmp_path / "a.sli"
    b = tmp_path / "b.sli"
    a.write_text("/x 1 def (a) =\n")
    b.write_text("x 1 add =\n")
    assert run_files(interp, [str(a), str(b)]) is True
    assert interp.stdout.getvalue() == "a\n2\n"


def test_error_in_a_file_stops_the_remaining_files(interp, tmp_path):
    a = tmp_path / "a.sli"
    b = tmp_path / "b.sli"
    a.write_text("(before) = 1 0 div (after) =\n")
    b.write_text("(second) =\n")
    assert run_files(interp, [str(a), str(b)]) is False
    out = interp.stdout.getvalue()
    assert "before" in out and "DivisionByZero" in out
    assert "after" not in out and "second" not in out
    assert interp.errordict["newerror"] is False


def test_missing_file_is_an_error(interp, tmp_path):
    assert run_files(interp, [str(tmp_path / "missing.sli")]) is False


def test_code_runs_in_an_extra_dictionary(interp):
    depth = len(interp.dstack)
    assert run_code(interp, "/y 5 def y =") is True
    assert len(interp.dstack) == depth + 1
    assert "y" not in interp.userdict
    assert interp.stdout.getvalue() == "5\n"


def test_batch_reads_complete_pieces(interp):
    stream = io.StringIO("1 2 add =\n{ 3\n 4 } exec\nadd =\n")
    assert run_batch(interp, stream) is True
    assert interp.stdout.getvalue() == "3\n7\n"


def test_batch_error_names_the_true_line(interp):
    stream = io.StringIO("1 =\n2 =\n nosuchname\n(never) =\n")
    assert run_batch(interp, stream) is False
    out = interp.stdout.getvalue()
    assert "<stdin>:3" in out and "never" not in out


# -- the real command line (subprocess) ------------------------------------------------------


def test_script_output_exit_code_and_statusdict(tmp_path):
    script = tmp_path / "args.sli"
    script.write_text("statusdict begin argv == files == userargs == interactive == end\n")
    r = run_cli(str(script), "alpha", "beta", "--userargs=u:v")
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.strip().splitlines()
    assert lines[-4] == f"[(sli) ({script}) (alpha) (beta) (--userargs=u:v)]"
    assert lines[-3] == f"[({script})]"
    assert lines[-2] == "[]"  # --userargs after the script arguments belongs to the script
    assert lines[-1] == "false"
    assert "SLI" not in r.stdout  # no banner when stdout is not a terminal


def test_uncaught_error_in_a_file_exits_126(tmp_path):
    script = tmp_path / "bad.sli"
    script.write_text("(start) =\n1 /a add\n(unreached) =\n")
    r = run_cli(str(script))
    assert r.returncode == 126
    assert "start" in r.stdout and "unreached" not in r.stdout
    assert "add [Error]: ArgumentType" in r.stdout
    assert f"{script}:2" in r.stdout


def test_quit_and_quit_i_set_the_exit_code():
    assert run_cli("-c", "(x) = 3 quit_i").returncode == 3
    r = run_cli("-c", "statusdict /exitcode 7 put quit")
    assert r.returncode == 7, r.stdout + r.stderr
    assert run_cli("-c", "1 2 add").returncode == 0


def test_c_option_error_exits_126_and_userargs_are_stored():
    r = run_cli("--userargs=a:b", "-c", "statusdict begin userargs == interactive == end 1 0 div")
    assert r.returncode == 126
    assert "[(a) (b)]\nfalse\n" in r.stdout
    assert "DivisionByZero" in r.stdout


def test_batch_from_stdin():
    r = run_cli("-", stdin="1 2 add =\n{ (multi) =\n} exec\nstop\n(unreached) =\n")
    assert r.returncode == 126
    assert "3\nmulti\n" in r.stdout and "Software Interrupt" in r.stdout
    assert "unreached" not in r.stdout


def test_help_and_version():
    r = run_cli("--help")
    assert r.returncode == 0 and "usage: sli" in r.stdout
    r = run_cli("-v")
    assert r.returncode == 0 and r.stdout.startswith("NEST version ")


def test_missing_c_argument_is_an_error():
    r = run_cli("-c")
    assert r.returncode != 0 and "needs an extra argument" in r.stderr


def test_without_terminal_the_session_reads_lines():
    r = run_cli(stdin="1 2\n(x) =\n1 0 div\nclear 5 =\n")
    assert r.returncode == 0
    assert "-- S L I --" in r.stdout
    assert "SLI ] SLI [2] x\nSLI [2] " in r.stdout
    assert "DivisionByZero" in r.stdout
    assert "5\nSLI ] " in r.stdout
