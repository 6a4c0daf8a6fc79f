"""Self-tests of the SLI test runner (spec section 7.3): scripts with known exit codes."""
from __future__ import annotations

from pathlib import Path

import pytest

SELFTESTS = Path(__file__).with_name("selftests")

EXPECTED = {
    "test_pass.sli": 0,
    "test_goodhandler.sli": 0,
    "test_lazyhandler.sli": 0,
    "test_fail.sli": 126,
    "test_stop.sli": 126,
    "test_badhandler.sli": 126,
    "test_pass_or_die.sli": 2,
    "test_assert_or_die_b.sli": 1,
    "test_assert_or_die_p.sli": 1,
    "test_assert_or_die_msg.sli": 1,
    "test_assert_or_die_nonbool.sli": 2,
    "test_assert_or_die_error.sli": 2,
    "test_fail_or_die.sli": 3,
    "test_crash_or_die.sli": 3,
    "test_failbutnocrash_or_die_pass.sli": 3,
    "test_failbutnocrash_or_die_crash.sli": 3,
    "test_passorfailbutnocrash_or_die.sli": 3,
    "test_skip_gsl.sli": 204,
    "test_skip_gracefully.sli": 205,
    "test_quit_i.sli": 42,
}


def test_every_selftest_has_an_expectation():
    assert sorted(p.name for p in SELFTESTS.glob("*.sli")) == sorted(EXPECTED)


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_selftest_exit_code(script, sli_runner):
    proc = sli_runner(SELFTESTS / script)
    assert proc.returncode == EXPECTED[script], (
        f"{script}: exit code {proc.returncode}, expected {EXPECTED[script]}\n"
        f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
    )


def test_uncaught_error_is_reported(sli_runner):
    proc = sli_runner(SELFTESTS / "test_fail.sli")
    assert "[Error]: DivisionByZero" in proc.stdout


def test_assertion_message_is_fatal(sli_runner):
    proc = sli_runner(SELFTESTS / "test_assert_or_die_msg.sli")
    assert "[Fatal]" in proc.stdout
    assert "Assertion failed: the message." in proc.stdout


def test_fail_or_die_message(sli_runner):
    proc = sli_runner(SELFTESTS / "test_fail_or_die.sli")
    assert "unittest::fail_or_die" in proc.stdout
    assert "Code block failed to raise an error" in proc.stdout
