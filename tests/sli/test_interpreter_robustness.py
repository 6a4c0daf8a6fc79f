"""Robustness: arbitrary input only ever produces SLI errors or diagnostics, deep recursion and
huge operand stacks work, in linear time."""
from __future__ import annotations

import io
import signal
import time
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sli import Interpreter
from sli.errors import QuitInterpreter
from sli.parser import parse


class Hang(BaseException):
    """Raised when code under test does not return in time (a BaseException, so that no
    ``except Exception`` in the interpreter can swallow it)."""


@contextmanager
def time_limit(seconds: float, interrupts: int = 3):
    """Deliver SIGINT-like interrupts (KeyboardInterrupt) every ``seconds``; after
    ``interrupts`` of them raise :class:`Hang`."""
    fired = [0]

    def handler(signum, frame):
        fired[0] += 1
        if fired[0] > interrupts:
            raise Hang(f"no return within {seconds * (interrupts + 1):.0f} s")
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds, seconds)
    try:
        yield fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture(scope="module")
def interp():
    i = Interpreter(stdout=io.StringIO())
    i.startup()
    return i


def fresh_state(i: Interpreter) -> None:
    i.ostack.clear()
    i.estack.clear()
    i.set_dstack([i.systemdict, i.userdict])
    i.errordict["newerror"] = False
    i.stdout = io.StringIO()


def still_works(i: Interpreter) -> None:
    fresh_state(i)
    assert i.execute("1 2 add")
    assert i.ostack == [3]
    fresh_state(i)


# -- arbitrary bytes -----------------------------------------------------------------------------

@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=300))
def test_parser_accepts_arbitrary_bytes(data):
    errors = []
    with time_limit(5, interrupts=0):
        result = parse(data.decode("latin-1"), None, errors.append)
    assert result.syntax_error in (None, "Open brace missing.", "Unexpected end of input.")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_interpreter_accepts_arbitrary_bytes(interp, data):
    fresh_state(interp)
    with time_limit(5):
        try:
            interp.execute(data.decode("latin-1"), "<fuzz>")
        except QuitInterpreter:
            pass  # `quit` is a language feature
    still_works(interp)


# Token soup: real operator names, small numbers, strings, literals and brackets, so that the
# interpreter runs actual operators on ill-typed operands. Looping and allocating operators are
# left out so that every program terminates quickly.
VOCABULARY = """
add sub mul div mod neg abs sqrt exp ln pow cvi cvd cvs cvx cvlit cvn pcvs type
pop dup exch index copy roll count clear counttomark mark [ ] << >> { } { } {
eq ne lt gt leq geq and or not xor if ifelse exec stopped stop raiseerror handleerror
get put length getinterval join append token known undef def load begin end currentdict
bind trie addtotrie dict keys values cva forall forallindexed Map
errordict userdict systemdict statusdict newerror print_error = == =only ==only
true false 0 1 2 -1 3.5 /a /b /c (x) (abc) /add /integertype [/integertype]
""".split()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(VOCABULARY), max_size=40))
def test_interpreter_survives_token_soup(interp, words):
    fresh_state(interp)
    code = " ".join(words)
    with time_limit(5):
        try:
            interp.execute(code, "<soup>")
        except QuitInterpreter:
            pass
    still_works(interp)


def test_interrupt_returns_to_a_sane_state(interp):
    fresh_state(interp)
    with time_limit(0.5, interrupts=3) as fired:
        ok = interp.execute("{ 1 pop } loop")
    assert fired[0] == 1
    assert not ok
    assert interp.errordict["errorname"] == "SystemSignal"
    still_works(interp)


# -- deep recursion ------------------------------------------------------------------------------

def test_100000_nested_procedure_calls(interp):
    fresh_state(interp)
    with time_limit(30, interrupts=0):
        assert interp.execute("/f { dup 0 gt { 1 sub f } if } def 100000 f")
    assert interp.ostack == [0]
    fresh_state(interp)
    with time_limit(30, interrupts=0):
        assert interp.execute("/g { dup 0 gt { 1 sub g 1 add } if } def 100000 g")
    assert interp.ostack == [100000]
    fresh_state(interp)


def test_deep_recursion_error_unwinds(interp):
    fresh_state(interp)
    with time_limit(30, interrupts=0):
        assert interp.execute("/h { dup 0 gt { 1 sub h } { 1 0 div } ifelse } def "
                              "{ 100000 h } stopped")
    assert interp.ostack[-1] is True
    assert interp.errordict["errorname"] == "DivisionByZero"
    still_works(interp)


# -- huge operand stack --------------------------------------------------------------------------

def _timed(i: Interpreter, code: str) -> float:
    start = time.perf_counter()
    assert i.execute(code)
    return time.perf_counter() - start


def test_operand_stack_of_10_million_items_in_linear_time(interp):
    fresh_state(interp)
    with time_limit(120, interrupts=0):
        small = _timed(interp, "0 1 1000000 {} for count")
        assert interp.ostack[-1] == 1000001
        fresh_state(interp)
        big = _timed(interp, "0 1 10000000 {} for count")
        assert interp.ostack[-1] == 10000001
        assert interp.ostack[0] == 0 and interp.ostack[-2] == 10000000
        clear = _timed(interp, "clear count")
        assert interp.ostack == [0]
    fresh_state(interp)
    # linear: ten times the items take about ten times as long (quadratic growth would be 100x)
    assert big < 30 * max(small, 0.05), (small, big)
    assert big < 15.0, f"10 million pushes took {big:.1f} s"
    assert clear < 1.0
