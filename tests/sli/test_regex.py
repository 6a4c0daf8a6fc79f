"""POSIX regular expressions (spec section 6.20)."""

import pytest

from sli_harness import fails, new_interpreter, run
from sli.builtins.regex import Regex, translate


@pytest.fixture
def interp():
    return new_interpreter()


def test_posix_classes_translate():
    assert translate("[[:digit:]]+") == "[0-9]+"
    assert translate("[]a]") == "[\\]a]"
    assert translate("[a\\]") == "[a\\\\]"
    assert translate(r"\(ab\)*", extended=False) == "(ab)*"
    assert translate("a+?", extended=False) == "a\\+\\?"


def test_regcomp_gives_regextype(interp):
    assert run(interp, "(a+) regcomp type") == ["regextype"]
    assert type(run(interp, "(a+) regexdict /REG_ICASE get regcomp")[0]) is Regex


def test_regcomp_invalid_expression(interp):
    left, name = fails(interp, "(a[b) regcomp")
    assert (left, name) == (["a[b"], "InvalidRegexError")
    left, name = fails(interp, "([[:nope:]]) regcomp")
    assert name == "InvalidRegexError"
    left, name = fails(interp, "(\\(a) regcomp")
    assert name == "InvalidRegexError"


def test_regexec_positions(interp):
    assert run(interp, "(b(c+)) regcomp (abccd) 2 0 regexec") == [[[1, 4], [2, 4]], 0]
    assert run(interp, "(x) regcomp (abc) 1 0 regexec") == [[[-1, -1]], 1]
    assert run(interp, "(b) regcomp (abc) 0 0 regexec") == [0]


def test_regexec_notbol(interp):
    assert run(interp, "(^a) regcomp (abc) 0 regexdict /REG_NOTBOL get regexec") == [1]


def test_regexec_argument_type(interp):
    left, name = fails(interp, "(a) (abc) 0 0 regexec")
    assert name == "ArgumentType" and left == ["a", "abc", 0, 0]


def test_icase_flag(interp):
    assert run(interp, "(ABC) regexdict /REG_ICASE get regexdict /REG_EXTENDED get add regcomp "
                       "(xabcx) regex_find") == [True]


def test_regex_find_string_and_stream(interp):
    assert run(interp, "(o+) (foo) regex_find (z) (foo) regex_find") == [True, False]
    assert run(interp, "(^b) regcomp (a\nbc) isstream pop regex_find") == [True]
    assert run(interp, "(q) (a\nbc) isstream pop regex_find") == [False]


def test_regex_replace(interp):
    assert run(interp, "([0-9]+) (<\\\\0>) (a1b22) regex_replace") == ["a<1>b<22>"]
    assert run(interp, "(b) regcomp (X) (abcb) regex_replace") == ["aXcX"]
    s = run(interp, "(a) (A) (aa\nba) isstream pop osstream pop dup 5 1 roll regex_replace str")
    assert s == ["AA\nbA\n"]


def test_grep_array_and_file(interp, tmp_path):
    assert run(interp, "[(foo) (bar) (baz)] (^ba) grep") == [["bar", "baz"]]
    f = tmp_path / "g.txt"
    f.write_text("alpha\nbeta\ngamma\n")
    assert run(interp, f"({f}) (m) grep") == [["gamma"]]
    left, name = fails(interp, f"({tmp_path}/none) (m) grep")
    assert name == "FileOpenError"


def test_regerror_and_regexdict(interp):
    assert run(interp, "(a) regcomp regexdict /REG_NOMATCH get :regerror") == ["No match"]
    assert run(interp, "regexdict /REG_EXTENDED get") == [1]
