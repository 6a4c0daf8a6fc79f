"""String operators and the string leaves of the container operators (spec sections 6.9, 6.10)."""
import io

import pytest

from sli import Interpreter


@pytest.fixture(scope="module")
def interp():
    i = Interpreter(stdout=io.StringIO())
    i.startup()
    return i


def run(i, code):
    i.ostack.clear()
    ok = i.execute(code)
    return ok, list(i.ostack)


def error(i, code):
    i.ostack.clear()
    i.execute(f"{{ {code} }} stopped")
    assert i.ostack[-1] is True, code
    i.ostack.pop()
    name = str(i.errordict["errorname"])
    i.errordict["newerror"] = False
    return name, list(i.ostack[:-1])


@pytest.mark.parametrize("code, expected", [
    ("(Hello, World) ToUppercase", "HELLO, WORLD"),
    ("(Hello, World) ToLowercase", "hello, world"),
    ("(\xe4b) ToUppercase", "\xe4B"),
    ("NewLine", "\n"),
    ("DoublyEscapedNewLine length", 2),
    ("(abc) length", 3),
    ("() length", 0),
    ("(abc) 0 get", 97),
    ("(abc) 2 120 put", "abx"),
    ("(abc) 255 append length", 4),
    ("(bc) 97 prepend", "abc"),
    ("(ab) (cd) join", "abcd"),
    ("(abef) 2 (cd) insert", "abcdef"),
    ("(ac) 1 98 insertelement", "abc"),
    ("(abcdef) 1 3 (X) replace", "aXef"),
    ("(abcdef) 1 10 (X) replace", "aX"),
    ("(abcdef) 2 2 erase", "abef"),
    ("(abc) erase", ""),
    ("(abc) reverse", "cba"),
    ("(hello world) (o w) searchif", True),
    ("(abc) 0 3 getinterval", "abc"),
    ("(abc) 3 0 getinterval", ""),
    ("(a,b) (,) breakup", ["a", "b"]),
    ("(--a--) (-) 2 trim", "a"),
    ("(--a--) 45 1 trim", "--a"),
    ("(abc) 5 reserve", "abc"),
    ("(abc) capacity exch pop", 3),
])
def test_string_operator_results(interp, code, expected):
    ok, stack = run(interp, code)
    assert ok, code
    assert stack[-1] == expected


def test_strings_have_value_semantics(interp):
    ok, stack = run(interp, "/s (abc) def s 0 65 put s")
    assert stack == ["Abc", "abc"]


def test_search_on_strings(interp):
    assert run(interp, "(key=value) (=) search") == (True, ["value", "=", "key", True])
    assert run(interp, "(abc) (zz) search") == (True, ["abc", False])


def test_size_and_empty_on_strings(interp):
    assert run(interp, "(ab) size") == (True, ["ab", 2])
    assert run(interp, "() empty") == (True, ["", True])


@pytest.mark.parametrize("code, errname, left", [
    ("(abc) 3 get", "RangeCheck", ["abc", 3]),
    ("(abc) -1 get", "RangeCheck", ["abc", -1]),
    ("(abc) 0 256 put", "RangeCheck", ["abc", 0, 256]),
    ("(abc) 0 -1 put", "RangeCheck", ["abc", 0, -1]),
    ("(abc) 0 (x) put", "ArgumentType", ["abc", 0, "x"]),
    ("(abc) 1 5 getinterval", "RangeCheck", ["abc", 1, 5]),
    ("(abc) 256 append", "RangeCheck", ["abc", 256]),
    ("(abc) (d) append", "ArgumentType", ["abc", "d"]),
    ("(abc) 4 (x) insert", "RangeCheck", ["abc", 4, "x"]),
    ("(abc) 4 1 erase", "RangeCheck", ["abc", 4, 1]),
    ("(abc) 1 -1 erase", "RangeCheck", ["abc", 1, -1]),
    ("(abc) [1] join", "ArgumentType", ["abc", [1]]),
    ("1 ToUppercase", "ArgumentType", [1]),
    ("ToLowercase", "StackUnderflow", []),
    ("(abc) (b) search_a", None, None),
])
def test_string_errors_leave_operands(interp, code, errname, left):
    if errname is None:
        return
    name, stack = error(interp, code)
    assert name == errname, code
    assert stack == left, code
