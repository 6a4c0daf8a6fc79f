"""Shared pytest configuration: the SLI test-script runner.

Every ``tests/sli/*.sli`` and ``tests/nestmodule/sli/*.sli`` file is collected as one test. It runs in its own process
(``python -m sli.cli <file>``) and is judged by its exit code, with the rules of NEST's test runner
(spec section 7.3): 0 passes, 200-205 are skips, anything else fails and shows the output.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import List, Optional

import pytest

REPO = Path(__file__).resolve().parent.parent
SLI_TEST_DIR = REPO / "tests" / "sli"
# SLI scripts of the kernel commands (nestmodule), judged by the same exit-code rules
NESTMODULE_SLI_TEST_DIR = REPO / "tests" / "nestmodule" / "sli"
SLI_SCRIPT_DIRS = (SLI_TEST_DIR, NESTMODULE_SLI_TEST_DIR)
SCRIPT_TIMEOUT = 120  # seconds per script

EXIT_MEANINGS = {
    0: "success",
    1: "failed: missed SLI assertion (assert_or_die)",
    2: "failed: error in tested code block (pass_or_die, erroring assert_or_die)",
    3: "failed: tested code block failed to fail (fail_or_die, crash_or_die, ...)",
    4: "failed: re-run serial",
    10: "failed: unknown error",
    125: "failed: unknown C++ exception",
    126: "failed: error in test script (uncaught SLI error)",
    127: "failed: fatal error",
    134: "failed: missed C++ assertion (abort)",
    139: "failed: segmentation fault",
}
SKIP_REASONS = {
    200: "skipped",
    201: "skipped: no MPI",
    202: "skipped: have MPI",
    203: "skipped: no threading",
    204: "skipped: no GSL",
    205: "skipped: no MUSIC",
}

# Used only while the CLI module (sli/cli.py) does not exist yet: run the script through the
# Interpreter API with the exit-code rules of section 8.5.
_FALLBACK_RUNNER = r"""
import sys
from pathlib import Path
from sli import Interpreter
from sli.errors import QuitInterpreter
from sli.interpreter import library_dir

path = sys.argv[1]
interp = Interpreter(argv=["sli", path])
interp.startup()
if interp.systemdict.get("run") is None:
    def run(i):
        "(file) run   (test-runner stand-in until the real run exists)"
        fname = str(i.ostack[-1])
        if ".sli" not in fname:
            fname += ".sli"
        candidate = Path(fname) if "/" in fname else library_dir() / fname
        i.ostack.pop()
        i.push_code(candidate.read_bytes().decode("latin-1"), str(candidate))
    interp.define_builtin("run", run)
code = 0
try:
    if path == "-":
        text = sys.stdin.buffer.read().decode("latin-1")
    else:
        text = Path(path).read_bytes().decode("latin-1")
    if not interp.execute(text, path):
        code = 126
    else:
        code = interp.statusdict.get("exitcode", 0)
except QuitInterpreter as q:
    code = q.code
sys.stdout.flush()
sys.exit(code)
"""


def have_cli() -> bool:
    return importlib.util.find_spec("sli.cli") is not None


def sli_command(path: str) -> List[str]:
    """Command line that runs one SLI file (``-`` for stdin) in a fresh interpreter process."""
    if have_cli():
        return [sys.executable, "-m", "sli.cli", path]
    return [sys.executable, "-c", _FALLBACK_RUNNER, path]


def sli_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env.setdefault("COLUMNS", "78")
    return env


def run_sli(path: str, stdin: Optional[str] = None, timeout: float = SCRIPT_TIMEOUT,
            cwd: Optional[Path] = None) -> subprocess.CompletedProcess:
    """Run an SLI script in a subprocess; returns the completed process (text output)."""
    return subprocess.run(
        sli_command(str(path)),
        input=stdin,
        capture_output=True,
        text=True,
        encoding="latin-1",
        timeout=timeout,
        env=sli_env(),
        cwd=str(cwd or Path(path).parent if path != "-" else REPO),
    )


@pytest.fixture
def sli_runner():
    """``sli_runner(path) -> CompletedProcess`` for tests that check exit codes themselves."""
    return run_sli


class SliScriptFailure(Exception):
    pass


class SliScriptItem(pytest.Item):
    def runtest(self) -> None:
        try:
            proc = run_sli(str(self.path))
        except subprocess.TimeoutExpired as err:
            raise SliScriptFailure(f"timed out after {err.timeout} s") from None
        code = proc.returncode
        if code in SKIP_REASONS:
            pytest.skip(f"{SKIP_REASONS[code]} (exit code {code})")
        if code != 0:
            meaning = EXIT_MEANINGS.get(code, "unexpected exit code")
            raise SliScriptFailure(
                f"exit code {code}: {meaning}\n"
                f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
            )

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, SliScriptFailure):
            return f"{self.path.name}: {excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f"SLI script {self.path.name}"


class SliScriptFile(pytest.File):
    def collect(self):
        yield SliScriptItem.from_parent(self, name=self.path.stem)


def pytest_collect_file(parent, file_path):
    # Scripts directly in tests/sli or tests/nestmodule/sli (the self-tests in tests/sli/selftests
    # have their own expected exit codes and are run by test_selftests.py).
    if file_path.suffix == ".sli" and file_path.parent in SLI_SCRIPT_DIRS:
        return SliScriptFile.from_parent(parent, path=file_path)
    return None
