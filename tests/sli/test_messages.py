"""Messages, verbosity, assert, options, banners, prompts, reset (spec sections 4.4, 6.16, 6.17)."""
from __future__ import annotations

import io
import re

import pytest

from sli import Interpreter
from sli.datums import Dictionary


@pytest.fixture
def interp():
    i = Interpreter(stdout=io.StringIO())
    i.startup()
    i.stdout = io.StringIO()
    return i


def run(interp, code: str) -> str:
    interp.stdout = io.StringIO()
    interp.execute(code)
    return interp.stdout.getvalue()


STAMP = r"[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d"


def test_message_levels_are_the_reference_values(interp):
    interp.execute("M_ALL M_DEBUG M_STATUS M_INFO M_DEPRECATED M_WARNING M_ERROR M_FATAL M_QUIET")
    assert interp.ostack == [0, 5, 7, 10, 18, 20, 30, 40, 100]


def test_message_three_argument_form(interp):
    out = run(interp, "M_WARNING (MyModule) (Something odd happened.) message")
    assert re.fullmatch(rf"\n{STAMP} MyModule \[Warning\]: \n    Something odd happened.\n", out)
    assert interp.ostack == []


def test_message_two_argument_form_comes_from_SLI(interp):
    out = run(interp, "(hello) M_INFO message")
    assert re.fullmatch(rf"\n{STAMP} SLI \[Info\]: \n    hello\n", out)


def test_messages_below_the_verbosity_are_suppressed(interp):
    assert run(interp, "M_DEBUG (x) (debug text) message") == ""
    interp.execute("M_ALL setverbosity")
    assert "[Debug]" in run(interp, "M_DEBUG (x) (debug text) message")
    interp.execute("M_ERROR setverbosity")
    assert run(interp, "M_WARNING (x) (warn) message") == ""
    assert "[Error]" in run(interp, "M_ERROR (x) (bad) message")


def test_verbosity_and_shutupto(interp):
    interp.execute("verbosity M_FATAL shutupto verbosity")
    assert interp.ostack == [10, 40]
    assert interp.verbosity == 40


def test_setverbosity_checks_its_operand(interp):
    out = run(interp, "(loud) setverbosity")
    assert "ArgumentType" in out
    assert interp.ostack[0] == "loud"


def test_message_with_wrong_types_is_an_error(interp):
    assert "ArgumentType" in run(interp, "1 2 message")


def test_assert_passes_silently_and_fails_with_FailedAssertion(interp, capsys):
    assert run(interp, "{1 1 eq} assert") == ""
    assert interp.ostack == []
    out = run(interp, "{1 2 eq} assert")
    assert "assert [Error]: FailedAssertion" in out
    assert "Assertion {1 2 eq} failed." in capsys.readouterr().err


def test_assert_failure_can_be_caught(interp):
    interp.execute("{ {false} assert } stopped")
    assert interp.ostack[-1] is True
    assert interp.errordict["errorname"] == "FailedAssertion"


def test_missing_option_error(interp):
    out = run(interp, "/tau MissingOptionError")
    assert "/tau" in out and "MissingOptionError" in out


def test_options_set_get_save_restore_reset(interp):
    interp.execute("/MyCmd << /tol 1.0 /steps 10 >> Options")
    interp.execute("/MyCmd /tol GetOption")
    assert interp.ostack == [1.0]
    interp.execute("pop /MyCmd << /tol 0.5 >> SetOptions /MyCmd /tol GetOption")
    assert interp.ostack == [0.5]
    interp.execute("pop /MyCmd SaveOptions /MyCmd << /steps 99 >> SetOptions "
                   "/MyCmd /steps GetOption /MyCmd RestoreOptions /MyCmd /steps GetOption "
                   "/MyCmd ResetOptions /MyCmd /tol GetOption")
    assert interp.ostack == [99, 10, 1.0]
    interp.execute("clear /MyCmd GetOptions")
    assert type(interp.ostack[0]) is Dictionary
    assert interp.systemdict["OptionsDictionary"]["MyCmd"] is interp.ostack[0]


def test_option_errors(interp):
    assert "NoOptionsAvailable" in run(interp, "/NoSuchCmd GetOptions")
    interp.execute("clear /MyCmd << /a 1 >> Options")
    assert "UnknownOption" in run(interp, "/MyCmd /b GetOption")
    out = run(interp, "clear /MyCmd << /zz 2 >> SetOptions")
    assert "[Warning]" in out and "/zz" in out
    assert "ShowOptions" not in run(interp, "clear /MyCmd ShowOptions")
    assert "a" in run(interp, "/MyCmd ShowOptions")


def test_options_are_per_interpreter():
    a, b = Interpreter(stdout=io.StringIO()), Interpreter(stdout=io.StringIO())
    a.startup()
    b.startup()
    a.execute("/X << /k 1 >> Options")
    assert "X" not in b.systemdict["OptionsDictionary"]


def test_prompt_and_sprompt(interp):
    interp.execute("sprompt")
    assert interp.ostack == ["SLI ] "]
    interp.execute("clear 1 2 sprompt")
    assert interp.ostack[-1] == "SLI [2] "
    assert run(interp, "prompt") == "SLI [3] "


def test_banners_depend_on_the_program_name():
    for prog, title in (("sli", "-- S L I --"), ("nest", "-- N E S T --")):
        i = Interpreter(stdout=io.StringIO(), argv=[prog])
        i.startup()
        out = run(i, "welcome")
        assert out.splitlines()[1].strip() == title
        assert len(run(i, "shortwelcome").splitlines()) == 1
    i = Interpreter(stdout=io.StringIO())
    i.startup()
    assert "Version:" in run(i, "sysinfo")
    assert "NEST Initiative" in run(i, "authors")
    assert "GNU General Public License" in run(i, "license")


def test_reset_clears_stacks_userdict_and_error_state(interp):
    interp.execute("/myvar 1 def 1 2 3 << >> begin 1 0 div")
    interp.execute("reset")
    assert interp.ostack == []
    assert interp.dstack == [interp.systemdict, interp.userdict]
    assert "myvar" not in interp.userdict
    assert interp.errordict["newerror"] is False


def test_init_errordict_restores_the_start_state(interp):
    interp.execute("errordict /newerror true put init_errordict")
    assert interp.errordict["newerror"] is False
    assert interp.errordict["recordstacks"] is True


def test_executive_runs_inputs_until_end_of_input(interp, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("1 2 add =\n1 0 div\n{ 5\n} exec =\n"))
    out = run(interp, "executive (after) =")
    assert "SLI ] 3\n" in out
    assert "DivisionByZero" in out
    assert "5\n" in out and out.endswith("after\n")
