"""The SLI scanner: bytes (as latin-1 text) → tokens, with the reference's lexical rules.

Lexical errors (invalid bytes, malformed numbers, bad string escapes, a lone ``/`` …) do not
raise: as in the reference, the scanner reports a diagnostic, drops the partial token together
with the offending character, and continues with the next character.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, List, Optional

# Character classes of the reference scanner (section 1.1 of the SLI specification).
_PUNCT = r"_~`!@#$^&=|:;'<,>?\""
_HIGH = "\xa1-\xff"
_ALPHA = "A-Za-z" + _PUNCT + _HIGH
_ALPHA_NO_ETN = "A-DF-Za-df-mo-su-z" + _PUNCT + _HIGH
_WS = " \t\r\n"
_INVALID = "\x01-\x03\x05-\x08\x0b\x0c\x0e-\x1f\x7f-\xa0"
_NAMECH = f"[{_ALPHA}0-9\\\\*+\\-.]"
_NAME_END = f"(?=[{_WS}\\[\\]{{}}(%/]|\\Z)"
_NUMBER_END = f"(?=[{_WS}\\[\\]{{}}(%/\\\\A-DF-Za-df-z{_PUNCT}{_HIGH}]|\\Z)"
_EXP = "[eE][+-]?[0-9]+"
_INTPART = "(?:0|[1-9][0-9]*)"

_TOKEN_RE = re.compile(
    "|".join(
        [
            f"(?P<ws>[{_WS}]+)",
            f"(?P<comment>%[^\\r\\n{_INVALID}]*)",
            f"(?P<ccomment>/\\*[^{_INVALID}]*?\\*/)",
            f"(?P<real>[+-]?(?:{_INTPART}\\.[0-9]*(?:{_EXP})?|\\.[0-9]+(?:{_EXP})?|{_INTPART}{_EXP}){_NUMBER_END})",
            f"(?P<int>[+-]?{_INTPART}{_NUMBER_END})",
            f"(?P<literal>/[{_ALPHA}0-9\\\\.+\\-]{_NAMECH}*{_NAME_END})",
            f"(?P<dropsign>[+-](?=[eE]|\\.[{_ALPHA_NO_ETN}*]))",
            f"(?P<name>(?:[{_ALPHA}\\\\*]|[+-](?=[A-DF-Za-df-z{_PUNCT}{_HIGH}\\\\])|--|\\.(?=[{_ALPHA_NO_ETN}*])){_NAMECH}*{_NAME_END})",
            f"(?P<signname>[+-]{_NAME_END})",
            "(?P<lbrace>\\{)",
            "(?P<rbrace>\\})",
            "(?P<lbracket>\\[)",
            "(?P<rbracket>\\])",
        ]
    )
)
_INVALID_RE = re.compile(f"[{_INVALID}]")
_NAMECH_RUN = re.compile(f"{_NAMECH}*")


@dataclass(frozen=True)
class Token:
    """One token: ``kind`` is int, real, string, literal, name, lbrace or rbrace."""

    kind: str
    value: Any
    line: int
    column: int


@dataclass(frozen=True)
class LexicalError:
    line: int
    column: int
    message: str
    context: str


def _wrap64(value: int) -> int:
    """Integers are accumulated in a 64-bit C long by the reference: overflow wraps."""
    value &= (1 << 64) - 1
    return value - (1 << 64) if value >= 1 << 63 else value


class Scanner:
    """Turns source text into :class:`Token` objects.

    ``text`` holds one character per byte (decode files as latin-1). ``on_error`` receives a
    :class:`LexicalError` for every lexical error; the default collects them in ``errors``.
    """

    def __init__(self, text: str, on_error: Optional[Callable[[LexicalError], None]] = None):
        end = len(text)
        for stop in ("\x00", "\x04"):  # NUL and Ctrl-D end the input like EOF
            i = text.find(stop)
            if 0 <= i < end:
                end = i
        self.text = text[:end]
        self.errors: List[LexicalError] = []
        self.on_error = on_error or self.errors.append
        self._line_starts = [0] + [m.end() for m in re.finditer("\r\n|\n|\r", self.text)]

    # -- positions and diagnostics -------------------------------------------------------------

    def position(self, index: int) -> tuple:
        """1-based (line, column) of a character index."""
        lo, hi = 0, len(self._line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._line_starts[mid] <= index:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, index - self._line_starts[lo] + 1

    def _error(self, index: int, message: str = "") -> None:
        line, column = self.position(index)
        start = self._line_starts[line - 2] if line >= 2 else self._line_starts[0]
        context = self.text[start : index + 1]
        self.on_error(LexicalError(line, column, message, context))

    # -- scanning ------------------------------------------------------------------------------

    def tokens(self) -> List[Token]:
        text = self.text
        n = len(text)
        pos = 0
        out: List[Token] = []
        append = out.append
        match = _TOKEN_RE.match
        position = self.position
        while pos < n:
            ch = text[pos]
            if ch == "(":
                pos = self._string(pos, out)
                continue
            m = match(text, pos)
            if m is None:
                pos = self._recover(pos)
                continue
            kind = m.lastgroup
            end = m.end()
            if kind in ("ws", "comment", "ccomment", "dropsign"):
                pos = end
                continue
            line, column = position(pos)
            raw = m.group(kind)
            if kind == "int":
                append(Token("int", _wrap64(int(raw)), line, column))
            elif kind == "real":
                append(Token("real", float(raw), line, column))
            elif kind == "literal":
                append(Token("literal", raw[1:], line, column))
            elif kind in ("name", "signname"):
                append(Token("name", raw, line, column))
            elif kind == "lbracket":
                append(Token("name", "[", line, column))
            elif kind == "rbracket":
                append(Token("name", "]", line, column))
            else:
                append(Token(kind, raw, line, column))
            pos = end
        return out

    def _string(self, start: int, out: List[Token]) -> int:
        """Scan a string starting at ``(``; return the index after it (or after an error)."""
        text = self.text
        n = len(text)
        depth = 1
        pos = start + 1
        chunks: List[str] = []
        run_start = pos
        escapes = {"n": "\n", "t": "\t", "\\": "\\", "(": "(", ")": ")"}
        while pos < n:
            ch = text[pos]
            if ch == "\\":
                chunks.append(text[run_start:pos])
                if pos + 1 >= n:
                    self._error(pos, "")
                    return n
                esc = escapes.get(text[pos + 1])
                if esc is None:
                    self._error(pos + 1, "")
                    return pos + 2
                chunks.append(esc)
                pos += 2
                run_start = pos
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    chunks.append(text[run_start:pos])
                    line, column = self.position(start)
                    out.append(Token("string", "".join(chunks), line, column))
                    return pos + 1
            elif _INVALID_RE.match(ch):
                self._error(pos, "")
                return pos + 1
            pos += 1
        self._error(n - 1 if n else 0, "")  # end of input inside a string
        return n

    def _recover(self, pos: int) -> int:
        """Report a lexical error at ``pos`` and return where scanning continues."""
        text = self.text
        n = len(text)
        ch = text[pos]
        offending = pos
        if ch == "/" and pos + 1 < n and text[pos + 1] == "*":
            # Unterminated comment, or an invalid byte inside it.
            bad = _INVALID_RE.search(text, pos + 2)
            offending = bad.start() if bad else n - 1
        elif ch == "/":
            if pos + 1 < n and re.match(f"[{_ALPHA}0-9\\\\.+\\-]", text[pos + 1]):
                offending = _NAMECH_RUN.match(text, pos + 2).end()
            else:
                offending = pos + 1
        elif ch == "%":
            offending = pos + len(re.match(f"%[^\\r\\n{_INVALID}]*", text[pos:]).group(0))
        elif ch.isdigit() or (ch in "+-." and pos + 1 < n and (text[pos + 1].isdigit() or text[pos + 1] == ".")):
            offending = self._number_offending(pos)
        elif ch in "+-.":
            offending = pos + 1
        elif _INVALID_RE.match(ch) or ch == ")":
            offending = pos
        else:
            offending = _NAMECH_RUN.match(text, pos + 1).end()
        offending = min(offending, n - 1)
        self._error(offending, "")
        return offending + 1

    def _number_offending(self, pos: int) -> int:
        """Index of the first character that the reference's number automaton rejects."""
        text = self.text
        n = len(text)
        i = pos
        if text[i] in "+-":
            i += 1
        if i < n and text[i] == "0":
            i += 1
            if i < n and text[i].isdigit():
                return i
        while i < n and text[i].isdigit():
            i += 1
        if i < n and text[i] == ".":
            i += 1
            while i < n and text[i].isdigit():
                i += 1
        if i < n and text[i] in "eE":
            i += 1
            if i < n and text[i] in "+-":
                i += 1
            if i >= n or not text[i].isdigit():
                return i
            while i < n and text[i].isdigit():
                i += 1
        return i


def format_lexical_error(err: LexicalError, message: str = "") -> str:
    """The reference's 4-line parser diagnostic (printed to stdout)."""
    lines = err.context.splitlines() or [""]
    return (
        f"% parser: At line {err.line} position {err.column}.\n"
        f"% parser: Syntax Error: {message or err.message}\n"
        "% parser: Context preceding the error follows:\n" + "\n".join(lines[-2:]) + "\n"
    )
