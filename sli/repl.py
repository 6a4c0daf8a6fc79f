"""The interactive SLI session (section 8.4): prompt, history, completion, multi-line input.

On a terminal the session uses prompt_toolkit: persistent history in ``~/.sli_history`` (or
``$SLI_HISTORY``), tab completion of every name visible through the dictionary stack, and input
that continues on the next line while a procedure ``{``, a string ``(`` or a dictionary ``<<`` is
open. Without a terminal it reads plain lines with the same prompts.

Each input runs in its own ``stopped`` context (:meth:`Interpreter.execute`), so errors are
printed and the session goes on. Ctrl-C while code runs becomes the SLI error ``SystemSignal``
and returns to the prompt; Ctrl-C at the prompt clears the line; Ctrl-D or ``quit`` leave.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import List, Optional

from .errors import QuitInterpreter
from .scanner import Scanner

CONTINUATION = "  ... "

# Characters that end an SLI name (whitespace, brackets, braces, strings, comments, literals).
_WORD_RE = re.compile(r"[^\s\[\]{}()%/]*$")


class _OpenStringScanner(Scanner):
    """A scanner that also notes whether the input ends inside a string."""

    unterminated_string = False

    def _string(self, start, out):  # noqa: D401 - same contract as Scanner._string
        before = len(out)
        end = super()._string(start, out)
        if len(out) == before and end >= len(self.text):
            self.unterminated_string = True
        return end


def needs_more(text: str) -> bool:
    """True while ``text`` has an unclosed ``{``, ``(`` or ``<<`` (more lines are needed)."""
    scanner = _OpenStringScanner(text, on_error=lambda err: None)
    braces = dicts = 0
    for tok in scanner.tokens():
        if tok.kind == "lbrace":
            braces += 1
        elif tok.kind == "rbrace":
            braces -= 1
        elif tok.kind == "name" and tok.value == "<<":
            dicts += 1
        elif tok.kind == "name" and tok.value == ">>":
            dicts -= 1
    return scanner.unterminated_string or braces > 0 or dicts > 0


def visible_names(interp) -> List[str]:
    """Every key of every dictionary on the dictionary stack, sorted and without duplicates."""
    names = set()
    for d in interp.dstack:
        names.update(str.__str__(k) for k in d.data)
    return sorted(names)


def complete_word(interp, text_before_cursor: str) -> tuple:
    """(word being typed, candidate names) for the text left of the cursor."""
    word = _WORD_RE.search(text_before_cursor).group(0)
    if not word:
        return word, []
    return word, [n for n in visible_names(interp) if n.startswith(word)]


def prompt_text(interp) -> str:
    n = len(interp.ostack)
    return "SLI ] " if n == 0 else f"SLI [{n}] "


def history_path() -> Path:
    env = os.environ.get("SLI_HISTORY")
    return Path(env) if env else Path.home() / ".sli_history"


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class InputReader:
    """Reads one complete input (possibly several lines) at the SLI prompt.

    Uses prompt_toolkit when stdin and stdout are terminals, else a plain line loop.
    :meth:`read` returns None at end of input; Ctrl-C at the prompt discards the line.
    """

    def __init__(self, interp, use_terminal: Optional[bool] = None, stdin=None):
        self.interp = interp
        self.stdin = stdin if stdin is not None else sys.stdin
        if use_terminal is None:
            use_terminal = _is_terminal(self.stdin) and _is_terminal(sys.stdout)
        self.session = self._make_session() if use_terminal else None

    # -- prompt_toolkit session ------------------------------------------------------------------

    def _make_session(self):
        from prompt_toolkit import PromptSession
        from prompt_toolkit.completion import Completer, Completion
        from prompt_toolkit.history import FileHistory, InMemoryHistory
        from prompt_toolkit.key_binding import KeyBindings

        interp = self.interp

        class NameCompleter(Completer):
            def get_completions(self, document, complete_event):
                word, matches = complete_word(interp, document.text_before_cursor)
                for match in matches:
                    yield Completion(match, start_position=-len(word))

        bindings = KeyBindings()

        @bindings.add("enter")
        def _enter(event):
            buf = event.current_buffer
            state = buf.complete_state
            if state is not None and state.current_completion is not None:
                buf.apply_completion(state.current_completion)
                return
            if needs_more(buf.text) and buf.document.is_cursor_at_the_end:
                buf.insert_text("\n")
            else:
                buf.validate_and_handle()

        try:
            path = history_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            history = FileHistory(str(path))
        except OSError:
            history = InMemoryHistory()
        return PromptSession(history=history, completer=NameCompleter(), key_bindings=bindings,
                             multiline=True, complete_while_typing=False,
                             prompt_continuation=lambda width, line, wrap: CONTINUATION.rjust(width),
                             enable_history_search=False)

    # -- reading ---------------------------------------------------------------------------------

    def read(self) -> Optional[str]:
        if self.session is not None:
            return self._read_terminal()
        return self._read_plain()

    def _read_terminal(self) -> Optional[str]:
        while True:
            try:
                text = self.session.prompt(prompt_text(self.interp))
            except KeyboardInterrupt:
                continue  # Ctrl-C at the prompt: drop the line
            except EOFError:
                return None
            return text

    def _read_plain(self) -> Optional[str]:
        out = self.interp.out
        lines: List[str] = []
        while True:
            out.write(prompt_text(self.interp) if not lines else CONTINUATION)
            out.flush()
            try:
                line = self.stdin.readline()
            except KeyboardInterrupt:
                out.write("\n")
                lines = []
                continue
            if not line:
                if lines:
                    return "".join(lines)
                return None
            lines.append(line)
            if not needs_more("".join(lines)):
                return "".join(lines)


def guard_estack(interp) -> None:
    """Keep a never-executed stopped frame at the bottom of the execution stack.

    ``stop`` at the top level of an input unwinds to the input's own stopped context; if that
    context were the bottom frame the execution stack would become empty while the main loop
    still looks at its top, so a sentinel stays below it.
    """
    from .frames import StoppedFrame

    if not interp.estack:
        interp.estack.append(StoppedFrame())


class Repl:
    """The interactive session of ``sli``/``nest`` without arguments."""

    def __init__(self, interp, use_terminal: Optional[bool] = None, stdin=None):
        self.interp = interp
        self.reader = InputReader(interp, use_terminal, stdin)
        guard_estack(interp)

    def run_input(self, text: str) -> None:
        """Run one input in its own stopped context; errors and Ctrl-C leave the session intact."""
        interp = self.interp
        base = len(interp.estack)
        try:
            interp.execute(text, "<stdin>")
        except KeyboardInterrupt:
            # Interrupted outside the interpreter loop (parsing, printing an error ...).
            del interp.estack[base:]
            interp.errordict["newerror"] = False
            interp.write("\nInterrupted.\n")
        finally:
            try:
                interp.out.flush()
            except (OSError, ValueError):
                pass

    def loop(self) -> int:
        """Read and run inputs until end of input or ``quit``; returns the exit code."""
        interp = self.interp
        try:
            while True:
                text = self.reader.read()
                if text is None:
                    interp.write("\n")
                    break
                if text.strip():
                    self.run_input(text)
        except QuitInterpreter as q:
            return q.code
        code = interp.statusdict.get("exitcode", 0)
        return code if type(code) is int else 0


def run_repl(interp, banner: bool = True, use_terminal: Optional[bool] = None) -> int:
    """Print the welcome banner and run the session; returns the exit code."""
    if banner and interp.lookup("welcome") is not None:
        interp.call("welcome")
    return Repl(interp, use_terminal).loop()

