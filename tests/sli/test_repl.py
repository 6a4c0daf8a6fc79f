"""The interactive session: driven through a pseudo-terminal (pexpect) and through its parts."""
from __future__ import annotations

import io
import os
import re
import sys
import time
from pathlib import Path

import pytest

from sli import Interpreter
from sli.repl import InputReader, Repl, complete_word, needs_more, prompt_text, visible_names

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 30


# -- the parts -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["{", "1 { 2", "(abc", "(a (b) ", "<< /a 1", "{ (}", "/a { <<"])
def test_open_constructs_need_more_input(text):
    assert needs_more(text)


@pytest.mark.parametrize("text", ["", "1 2 add", "{ 1 }", "(a) (b)", "<< /a 1 >>", "}", "% {",
                                  "(\\() ", "{ (}) }", "[ 1 2"])
def test_complete_inputs_run_at_once(text):
    assert not needs_more(text)


@pytest.fixture
def interp():
    i = Interpreter(stdout=io.StringIO())
    i.startup()
    i.stdout = io.StringIO()
    return i


def test_prompt_shows_the_stack_depth(interp):
    assert prompt_text(interp) == "SLI ] "
    interp.ostack.extend([1, 2])
    assert prompt_text(interp) == "SLI [2] "


def test_completion_walks_the_dictionary_stack(interp):
    interp.execute("/myuservariable 1 def")
    names = visible_names(interp)
    assert "add" in names and "myuservariable" in names
    word, matches = complete_word(interp, "1 2 myuser")
    assert word == "myuser" and matches == ["myuservariable"]
    word, matches = complete_word(interp, "/myuser")
    assert matches == ["myuservariable"]
    assert complete_word(interp, "1 ")[1] == []


def test_plain_session_keeps_going_after_errors(interp):
    stdin = io.StringIO("1 0 div\nclear\n{ 1\n2 } exec add =\nquit\n(never) =\n")
    code = Repl(interp, use_terminal=False, stdin=stdin).loop()
    assert code == 0
    text = interp.stdout.getvalue()
    assert "DivisionByZero" in text and "3\n" in text and "never" not in text


def test_plain_reader_prompts_and_joins_open_lines(interp):
    reader = InputReader(interp, use_terminal=False, stdin=io.StringIO("{ 1\n2 }\n"))
    assert reader.read() == "{ 1\n2 }\n"
    interp.ostack.append(1)
    assert reader.read() is None
    assert interp.stdout.getvalue() == "SLI ]   ... SLI [1] "


def test_quit_i_leaves_with_its_code(interp):
    assert Repl(interp, use_terminal=False, stdin=io.StringIO("4 quit_i\n")).loop() == 4


# -- through a pseudo-terminal ---------------------------------------------------------------

pexpect = pytest.importorskip("pexpect")

ANSI = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|[()][A-Z0-9]|[=>])")


class Terminal:
    """A session in a pseudo-terminal; output is matched with the terminal escapes removed."""

    def __init__(self, tmp_path, prog="sli"):
        env = dict(os.environ, TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1",
                   SLI_HISTORY=str(tmp_path / "history"), COLUMNS="100", LINES="40",
                   PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        code = f"import sys; from sli.cli import main; sys.exit(main([{prog!r}]))"
        self.child = pexpect.spawn(sys.executable, ["-c", code], env=env, cwd=str(REPO),
                                   encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 100))
        self.raw = ""
        self.pos = 0

    def wait(self, pattern: str, timeout: float = TIMEOUT) -> str:
        """Wait until the cleaned output after the last match contains ``pattern`` (regex)."""
        deadline = time.monotonic() + timeout
        while True:
            text = ANSI.sub("", self.raw)
            m = re.compile(pattern).search(text, self.pos)
            if m:
                self.pos = m.end()
                return m.group(0)
            if time.monotonic() > deadline:
                raise AssertionError(f"{pattern!r} not seen; output so far:\n{text[self.pos:]}")
            try:
                self.raw += self.child.read_nonblocking(4096, timeout=0.2)
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                text = ANSI.sub("", self.raw)
                if re.compile(pattern).search(text, self.pos):
                    continue
                raise AssertionError(f"{pattern!r} not seen before EOF:\n{text[self.pos:]}")

    def prompt(self, depth: int = 0) -> None:
        self.wait(r"SLI \]" if depth == 0 else rf"SLI \[{depth}\]")

    def run(self, line: str, output: str, depth: int = 0) -> None:
        """Send an input line, wait for ``output`` (regex) on a line of its own, then the prompt."""
        self.child.sendline(line)
        self.wait(r"\n" + output + r"\r?\n")
        self.prompt(depth)

    def exit_status(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus


@pytest.fixture
def term(tmp_path):
    t = Terminal(tmp_path)
    t.wait(re.escape("-- S L I --"))
    t.prompt()
    yield t
    if t.child.isalive():
        t.child.terminate(force=True)


def test_terminal_session(term, tmp_path):
    # results and the stack depth in the prompt
    term.run("1 2 add dup =", "3", depth=1)
    # multi-line input while a procedure is open
    term.child.sendline("{ 10")
    term.wait(re.escape("..."))
    term.run("20 } exec add =", "30", depth=1)
    term.run("clear count =", "0")
    # an error is printed and the session continues with the operands kept
    term.child.sendline("(a) 1 add")
    term.wait("ArgumentType")
    term.prompt(2)
    term.run("clear count =", "0")
    # tab completion of a user-defined name
    term.child.sendline("/zzuniquevariable 42 def")
    term.prompt()
    term.child.send("zzuniq\t")
    term.wait("zzuniquevariable")
    term.run(" =", "42")
    # help for a documented name
    term.child.sendline("/exch help")
    term.wait(re.escape("a b -> b a"))
    term.prompt()
    # Ctrl-C interrupts a running loop and returns to the prompt with the stacks sane
    term.child.sendline("5 {} loop")
    term.wait(re.escape("{} loop"))
    time.sleep(1.0)
    term.child.sendintr()
    term.wait("SystemSignal")
    term.prompt(1)
    term.run("= count =", "5\r?\n0")
    # Ctrl-C at the prompt clears the line
    term.child.send("1 2 3")
    term.wait("1 2 3")
    term.child.sendintr()
    term.prompt()
    term.run("count =", "0")
    # Ctrl-D leaves
    term.child.sendeof()
    assert term.exit_status() == 0
    history = (tmp_path / "history").read_text()
    assert "1 2 add dup =" in history and "/zzuniquevariable 42 def" in history


def test_terminal_quit_leaves_with_exit_code(tmp_path):
    t = Terminal(tmp_path, prog="nest")
    t.wait(re.escape("-- N E S T --"))
    t.prompt()
    t.child.sendline("7 quit_i")
    assert t.exit_status() == 7
