"""The help system: help, ?, helpindex, apropos, which, helpdesk (spec section 6.19)."""
from __future__ import annotations

import io

import pytest

from sli import Interpreter
from sli.builtins import help as helpmod


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


def test_help_shows_the_stack_signature_of_a_builtin(interp):
    out = run(interp, "/exch help")
    assert "Name: exch" in out
    assert "Synopsis: a b -> b a" in out
    assert "functiontype" in out
    assert interp.ostack == []


def test_help_lists_the_variants_of_a_trie(interp):
    out = run(interp, "/add help")
    assert "Variants" in out
    assert "integertype    integertype    calls -add_ii-" in out


def test_question_mark_is_help_for_names_and_inspect_for_objects(interp):
    assert "Synopsis: a b -> b a" in run(interp, "/exch ?")
    assert run(interp, "[1 2] ?") == "[1 2]   (arraytype)\n"
    assert interp.ostack == []


def test_help_without_a_name_prints_an_overview(interp):
    out = run(interp, "help")
    assert "/name help" in out and "apropos" in out


def test_undocumented_name_raises_NoHelpInformationError(interp):
    out = run(interp, "/no_such_command_here help")
    assert "NoHelpInformationError" in out
    assert "/no_such_command_here" in out
    assert interp.ostack[0] == "no_such_command_here"  # the operand stays


def test_help_of_an_sli_procedure_comes_from_its_comment(interp, tmp_path):
    lib = tmp_path / "lib.sli"
    lib.write_text("% square a number\n% x -> x*x   (longer text)\n/mysquare\n{ dup mul } def\n")
    interp.execute(lib.read_text(), str(lib))
    out = run(interp, "/mysquare help")
    assert "Synopsis: square a number" in out
    assert "x -> x*x" in out


def test_helpindex_lists_documented_names(interp):
    out = run(interp, "helpindex")
    lines = out.splitlines()
    assert any(line.startswith("exch ") and "a b -> b a" in line for line in lines)
    names = [line.split()[0] for line in lines]
    assert names == sorted(names)


def test_apropos_searches_names_and_texts(interp):
    out = run(interp, "(swap the two) apropos")
    assert out.startswith("exch")
    assert "exch" in run(interp, "/^exch$ apropos")
    assert "No command matches" in run(interp, "(zzzqqq_nothing) apropos")
    assert "InvalidRegexError" in run(interp, "(\\(unclosed) apropos")


def test_which_names_the_source(interp):
    out = run(interp, "/exch which")
    assert "systemdict" in out and "stack.py" in out
    out = run(interp, "/add which")
    assert "math.py" in out
    interp.execute("/myproc { 1 } def")
    assert "userdict" in run(interp, "/myproc which")
    assert "UndefinedName" in run(interp, "/not_defined_anywhere which")


def test_helpdesk_writes_an_index_without_a_browser(interp, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(helpmod.webbrowser, "open", lambda url: opened.append(url) or False)
    monkeypatch.setattr(helpmod.tempfile, "mkdtemp", lambda prefix="": str(tmp_path))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("BROWSER", raising=False)
    out = run(interp, "helpdesk")
    index = tmp_path / "index.html"
    assert f"written to {index}" in out
    page = index.read_text()
    assert "<code>exch</code>" in page and "a b -&gt; b a" in page
    assert opened == []  # no display: no attempt to start a browser


def test_helpdesk_opens_a_browser_when_one_is_available(interp, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(helpmod.webbrowser, "open", lambda url: opened.append(url) or True)
    monkeypatch.setattr(helpmod.tempfile, "mkdtemp", lambda prefix="": str(tmp_path))
    monkeypatch.setenv("BROWSER", "true")
    out = run(interp, "helpdesk")
    assert opened == [(tmp_path / "index.html").as_uri()]
    assert "opened in a web browser" in out


def test_helpdesk_survives_a_failing_browser(interp, monkeypatch, tmp_path):
    def broken(url):
        raise RuntimeError("no browser")

    monkeypatch.setattr(helpmod.webbrowser, "open", broken)
    monkeypatch.setattr(helpmod.tempfile, "mkdtemp", lambda prefix="": str(tmp_path))
    monkeypatch.setenv("BROWSER", "true")
    assert "written to" in run(interp, "helpdesk")


def test_edit_starts_the_configured_editor(interp, monkeypatch, tmp_path):
    log = tmp_path / "log"
    monkeypatch.setenv("VISUAL", f"sh -c 'echo \"$0\" > {log}'")
    interp.execute("(some_file.sli) edit")
    assert log.read_text().strip() == "some_file.sli"
    assert interp.ostack == []
    monkeypatch.setenv("VISUAL", "/no/such/editor/program")
    assert "ProcOpenFailed" in run(interp, "(x.sli) edit")


def test_help_configuration_constants_exist(interp):
    interp.execute("HelpRoot HelpExtension HelpSearchPath")
    assert isinstance(interp.ostack[0], str) and interp.ostack[1] == ".hlp"
    assert interp.ostack[2] == [interp.ostack[0]]
