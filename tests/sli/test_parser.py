"""Scanner and parser (sli/scanner.py, sli/parser.py) against the lexical rules of spec §1.

Every example of §1.3–§1.11 appears here, plus a property-based round trip: token sequences
printed with ``sli.printing.to_syntax`` parse back to the same datums.
"""
from __future__ import annotations

import io
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sli import Interpreter
from sli.datums import Literal, LiteralProcedure, Name, Procedure
from sli.parser import parse
from sli.printing import format_double_scientific, to_syntax
from sli.scanner import Scanner, format_lexical_error


# -- helpers -------------------------------------------------------------------------------------

def norm(obj):
    """A type-tagged, comparable form of a parsed datum."""
    t = type(obj)
    if t is bool:
        return ("bool", obj)
    if t is int:
        return ("int", obj)
    if t is float:
        return ("real", obj)
    if t is Literal:
        return ("lit", str(obj))
    if t is Name:
        return ("name", str(obj))
    if t is str:
        return ("str", obj)
    if t in (Procedure, LiteralProcedure):
        return ("proc", [norm(x) for x in obj.body])
    raise AssertionError(f"unexpected datum {obj!r}")


def items(text: str):
    """Parse and return (normalised items, lexical errors, syntax error)."""
    errors = []
    result = parse(text, None, errors.append)
    return [norm(x) for x in result.procedure.body], errors, result.syntax_error


def ok(text: str):
    """Items of a text that must scan without any error."""
    got, errors, syntax = items(text)
    assert not errors, f"unexpected lexical errors in {text!r}: {errors}"
    assert syntax is None
    return got


def I(v):  # noqa: E743
    return ("int", v)


def R(v):
    return ("real", v)


def N(s):
    return ("name", s)


def L(s):
    return ("lit", s)


def S(s):
    return ("str", s)


def P(*xs):
    return ("proc", list(xs))


# -- §1.1 character classes ----------------------------------------------------------------------

@pytest.mark.parametrize("byte", [1, 2, 3, 5, 6, 7, 8, 11, 12, 14, 20, 31, 127, 128, 150, 160])
def test_invalid_bytes_are_lexical_errors(byte):
    got, errors, _ = items(f"1 {chr(byte)} 2")
    assert errors
    assert got == [I(1), I(2)]


@pytest.mark.parametrize("byte", [byte for byte in range(161, 256)])
def test_high_bytes_are_alpha(byte):
    assert ok(f"a{chr(byte)}b {chr(byte)}") == [N(f"a{chr(byte)}b"), N(chr(byte))]


@pytest.mark.parametrize("context", ["% {}", "/* {} */", "({})"])
def test_invalid_bytes_inside_comments_and_strings(context):
    _, errors, _ = items(context.format("\x7f"))
    assert errors


@pytest.mark.parametrize("stop", ["\x00", "\x04"])
def test_nul_and_ctrl_d_end_the_input(stop):
    assert ok(f"1 2{stop} 3 4") == [I(1), I(2)]


def test_whitespace_and_line_ends():
    assert ok("1\t2\r3\n4\r\n5  6") == [I(1), I(2), I(3), I(4), I(5), I(6)]


def test_tokens_need_no_separators():
    assert ok("[1 2]") == [N("["), I(1), I(2), N("]")]
    assert ok("{dup mul}") == [P(N("dup"), N("mul"))]
    assert ok("(a)(b)") == [S("a"), S("b")]
    assert ok("/a/b") == [L("a"), L("b")]
    assert ok("x(y)") == [N("x"), S("y")]
    assert ok("1(2)") == [I(1), S("2")]


# -- §1.3 numbers --------------------------------------------------------------------------------

def test_integers():
    assert ok("1 -2 +3 0 -0") == [I(1), I(-2), I(3), I(0), I(0)]


def test_reals():
    assert ok("1.5 .5 -.5 +.5e1 5. 1e5 1E-3 0.0") == [
        R(1.5), R(0.5), R(-0.5), R(5.0), R(5.0), R(100000.0), R(0.001), R(0.0)]


@pytest.mark.parametrize("text,value", [
    ("1e5", 1e5), ("1E5", 1e5), ("1.e2", 100.0), (".5e3", 500.0), ("2.5e+2", 250.0),
    ("1e-3", 1e-3), ("0.5", 0.5), ("0e3", 0.0),
])
def test_real_forms(text, value):
    got = ok(text)
    assert got == [R(value)]
    assert type(parse(text).procedure.body[0]) is float


def test_numbers_end_at_letters_and_delimiters():
    assert ok("12abc") == [I(12), N("abc")]
    assert ok("1.abc") == [R(1.0), N("abc")]
    assert ok("10ms") == [I(10), N("ms")]
    assert ok("0x1F") == [I(0), N("x1F")]
    assert ok("3D") == [I(3), N("D")]
    assert ok("1[2]3{4}5(6)7%c") == [I(1), N("["), I(2), N("]"), I(3), P(I(4)), I(5), S("6"), I(7)]
    assert ok("1/a") == [I(1), L("a")]
    assert ok("1_a") == [I(1), N("_a")]


@pytest.mark.parametrize("text", ["1-2", "2*", "3)", "00", "01", "007", "5e", "5e+", "1..2", "1.2.3"])
def test_malformed_numbers_are_lexical_errors(text):
    _, errors, syntax = items(text)
    assert errors, text
    assert syntax is None


def test_minus_zero_is_an_integer():
    assert ok("-0") == [I(0)]
    assert type(parse("-0").procedure.body[0]) is int


def test_integer_overflow_wraps_like_a_c_long():
    assert ok("9223372036854775807") == [I(2**63 - 1)]
    assert ok("9223372036854775808") == [I(-(2**63))]


# -- §1.4 executable names -----------------------------------------------------------------------

def test_sign_prefixed_names():
    assert ok("-x +foo -- -->") == [N("-x"), N("+foo"), N("--"), N("-->")]


def test_lone_signs_are_names():
    assert ok("+ -") == [N("+"), N("-")]
    assert ok("{+}") == [P(N("+"))]


def test_sign_before_e_is_dropped():
    assert ok("-exp") == [N("exp")]
    assert ok("+Exp") == [N("Exp")]


def test_dot_names():
    assert ok(".x") == [N(".x")]
    assert ok("-.x") == [N(".x")]
    assert ok(".*") == [N(".*")]


@pytest.mark.parametrize("text", [". ", ".n", ".t", ".e", ".\\", "++", "+-", "-+", "-*", "+*"])
def test_bad_name_starts_are_lexical_errors(text):
    _, errors, _ = items(text)
    assert errors, text


@pytest.mark.parametrize("text", [
    "<<", ">>", "==", "=", "=only", "==only", "<-", "<--", "::", ":foo", "::parse", "a,b;c",
    '"x"', "<.", ".>", "#>", "-->", "a\\qb", "x.y", "add_ii", "a*b", "e", "E", "n", "t", "\\", "*",
])
def test_single_names(text):
    assert ok(text) == [N(text)]


def test_name_swallows_following_name_characters():
    assert ok("/c>>") == [L("c>>")]
    assert ok("<</a 1>>") == [N("<<"), L("a"), I(1), N(">>")]


def test_name_followed_by_close_paren_is_an_error():
    _, errors, _ = items("abc)")
    assert errors


def test_names_end_at_delimiters():
    assert ok("a[b]c{d}e(f)g%h") == [N("a"), N("["), N("b"), N("]"), N("c"), P(N("d")),
                                      N("e"), S("f"), N("g")]
    assert ok("a/b") == [N("a"), L("b")]


# -- §1.5 literal names --------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["1abc", "--", "-", "+", "a.b", "==", "<<", "abc", "e", "n", "t",
                                  ".x", "\\x", "a*b", "x-1"])
def test_literals(text):
    assert ok("/" + text) == [L(text)]


@pytest.mark.parametrize("text", ["/ x", "//x", "/[", "/(a)", "/%", "/)"])
def test_bad_literals_are_lexical_errors(text):
    _, errors, _ = items(text)
    assert errors, text


def test_slash_space_error_then_name():
    got, errors, _ = items("/ x")
    assert errors
    assert got == [N("x")]


# -- §1.6 comments -------------------------------------------------------------------------------

def test_line_comments():
    assert ok("1 % comment\n2") == [I(1), I(2)]
    assert ok("1 % comment\r2") == [I(1), I(2)]
    assert ok("abc%x") == [N("abc")]
    assert ok("% comment") == []


def test_c_comments():
    assert ok("/* c */") == []
    assert ok("1 /* a\n b */ 2") == [I(1), I(2)]
    assert ok("abc/*c*/") == [N("abc")]
    assert ok("/** x **/ 3") == [I(3)]


def test_c_comments_do_not_nest():
    got, errors, _ = items("/* a /* b */ c */")
    assert got[0] == N("c")
    assert errors  # the trailing "*/" leaves a "/" followed by nothing valid


def test_unterminated_c_comment_is_a_lexical_error():
    got, errors, _ = items("1 /* never closed")
    assert errors
    assert got == [I(1)]


# -- §1.7 strings --------------------------------------------------------------------------------

def test_nested_parentheses():
    assert ok("(a(b)c)") == [S("a(b)c")]
    assert ok("(()(()))") == [S("()(())")]


def test_line_breaks_kept_in_strings():
    assert ok("(a\nb\r\nc)") == [S("a\nb\r\nc")]


def test_the_five_escapes():
    assert ok(r"(\n\t\\\(\))") == [S("\n\t\\()")]
    assert ok(r"(a\(b)") == [S("a(b")]


@pytest.mark.parametrize("text", [r"(\r)", r'(\")', r"(\0)", r"(\x41)", "(a\\\nb)"])
def test_other_escapes_are_lexical_errors(text):
    _, errors, _ = items(text)
    assert errors, text


def test_end_of_input_inside_a_string():
    got, errors, _ = items("1 (abc")
    assert errors
    assert got == [I(1)]


def test_string_bytes():
    assert ok("(\xe9\xb5)") == [S("\xe9\xb5")]


# -- §1.8 braces, brackets, dictionary delimiters -----------------------------------------------

def test_brackets_are_names():
    assert ok("[1 2]") == [N("["), I(1), I(2), N("]")]
    assert ok("[ 1 2") == [N("["), I(1), I(2)]
    assert ok("mark 1 2 ]") == [N("mark"), I(1), I(2), N("]")]


def test_nested_procedures_are_literal_procedures():
    body = parse("{1 {2} 3}").procedure.body
    assert type(body[0]) is LiteralProcedure
    inner = body[0].proc.body
    assert type(inner[1]) is LiteralProcedure
    assert norm(body[0]) == P(I(1), P(I(2)), I(3))


def test_unmatched_close_brace_is_a_syntax_error():
    got, _, syntax = items("1 2 } 3")
    assert syntax == "Open brace missing."
    assert got == [I(1), I(2)]


def test_unclosed_brace_is_a_syntax_error():
    got, _, syntax = items("1 { 2 { 3 }")
    assert syntax == "Unexpected end of input."
    assert got == [I(1)]


def test_deeply_nested_procedures_parse():
    depth = 5000
    body = parse("{" * depth + "1" + "}" * depth).procedure.body
    obj = body[0]
    for _ in range(depth - 1):
        obj = obj.body[0]
    assert obj.body == (1,)


# -- §1.10 lexical errors vs syntax errors -------------------------------------------------------

def test_lexical_error_recovery_examples():
    assert items("{1.2.3}")[0] == [P(I(3))]
    # "(a\q" is lost; scanning continues with "b", whose partial token is lost with the ")"
    got, errors, _ = items(r"(a\qb)")
    assert got == []
    assert len(errors) == 2
    assert items(r"(a\qb )")[0] == [N("b")]
    got, errors, syntax = items("00")
    assert got == [] and errors and syntax is None


def test_lexical_error_diagnostic_format():
    errors = []
    Scanner("1 2\n3 00 4", errors.append).tokens()
    assert len(errors) == 1
    text = format_lexical_error(errors[0])
    lines = text.splitlines()
    assert lines[0].startswith("% parser: At line 2 position ")
    assert lines[1] == "% parser: Syntax Error: "
    assert lines[2] == "% parser: Context preceding the error follows:"
    assert lines[3] == "1 2"
    assert lines[4].startswith("3 0")


def _interp():
    out = io.StringIO()
    i = Interpreter(stdout=out)
    i.startup()
    return i, out


def test_lexical_errors_do_not_raise():
    i, out = _interp()
    assert i.execute("00 1 {1.2.3} exec")
    assert i.ostack == [1, 3]
    assert "% parser: At line 1" in out.getvalue()


@pytest.mark.parametrize("code", ["1 }", "{ 1", "{ { } "])
def test_syntax_errors_raise_SyntaxError(code):
    i, out = _interp()
    assert not i.execute(code)
    assert i.errordict["errorname"] == "SyntaxError"
    assert i.errordict["commandname"] == "::parse"
    # the 4-line parser diagnostic with the structural message precedes the SLI error
    assert "% parser: Syntax Error: " in out.getvalue()


def test_tokens_before_a_syntax_error_run():
    i, _ = _interp()
    i.execute("/x 42 def }")
    assert i.lookup("x") == 42


# -- §1.11 tokenisation examples -----------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("/x 5 def x =", [L("x"), I(5), N("def"), N("x"), N("=")]),
    ("<</a 1 /b [1 2.5] >>", [N("<<"), L("a"), I(1), L("b"), N("["), I(1), R(2.5), N("]"), N(">>")]),
    ("statusdict/argv :: 0 get", [N("statusdict"), L("argv"), N("::"), I(0), N("get")]),
    ("{dup mul} 3 exch exec", [P(N("dup"), N("mul")), I(3), N("exch"), N("exec")]),
    (r"(a(b)c\) \\ x)", [S("a(b)c) \\ x")]),
    ("1.5e-3 .5 5. -0.5 -5", [R(0.0015), R(0.5), R(5.0), R(-0.5), I(-5)]),
    ("--> =only ==", [N("-->"), N("=only"), N("==")]),
    ("12abc 10ms 0x1F", [I(12), N("abc"), I(10), N("ms"), I(0), N("x1F")]),
    ("% comment", []),
    ("/* c */", []),
    ("-exp -.x", [N("exp"), N(".x")]),
])
def test_tokenisation_table(text, expected):
    assert ok(text) == expected


def test_scanner_token_kinds_and_positions():
    toks = Scanner("/x 5\n  def").tokens()
    assert [(t.kind, t.value) for t in toks] == [("literal", "x"), ("int", 5), ("name", "def")]
    assert (toks[2].line, toks[2].column) == (2, 3)


def test_unittest_path_is_not_one_token():
    assert ok("unittest/assert_or_die") == [N("unittest"), L("assert_or_die")]
    assert ok("A/B/C/name ::") == [N("A"), L("B"), L("C"), L("name"), N("::")]


# -- property: printed token sequences parse back ------------------------------------------------

_NAME_START = "A-Za-z_:=<>?!@#$^&|;',~`\""
_NAME_REST = "A-Za-z0-9_:=<>?!@#$^&|;',~`\".+*-"
names = st.from_regex(f"[{_NAME_START}][{_NAME_REST}]{{0,8}}", fullmatch=True)
ints = st.integers(min_value=-(2**63), max_value=2**63 - 1)
reals = st.floats(allow_nan=False, allow_infinity=False).map(
    lambda x: float(format_double_scientific(x)))
_STRING_CHARS = st.sampled_from(
    [chr(c) for c in range(32, 127) if chr(c) not in "()\\"] + ["\n", "\t", "\xe9", "\xff"])


@st.composite
def balanced_strings(draw, depth=0):
    """String contents that ``==`` prints re-readably: nested parentheses, LF and TAB."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 3 and draw(st.booleans()):
            parts.append("(" + draw(balanced_strings(depth + 1)) + ")")
        else:
            parts.append(draw(st.text(_STRING_CHARS, max_size=6)))
    return "".join(parts)


leaves = st.one_of(
    ints,
    reals,
    balanced_strings(),
    names.map(Name),
    names.map(Literal),
)
datums = st.recursive(leaves, lambda kids: st.lists(kids, max_size=5).map(Procedure), max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(datums, max_size=12))
def test_printed_sequences_round_trip(seq):
    text = " ".join(to_syntax(x) for x in seq)
    assert ok(text) == [norm(x) for x in seq], text


def _escape(s: str) -> str:
    return (s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            .replace("\n", "\\n").replace("\t", "\\t"))


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from([chr(c) for c in range(32, 127)] + ["\n", "\t", "\xa9"]), max_size=40))
def test_escaped_strings_round_trip(s):
    assert ok("(" + _escape(s) + ")") == [S(s)]


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_real_syntax_is_a_real(x):
    got = ok(to_syntax(x))
    assert got[0][0] == "real"
    assert math.isclose(got[0][1], x, rel_tol=1e-6, abs_tol=0.0) or abs(x) < 1e-300
