"""Input and output stream datums (``ostreamtype``, ``istreamtype``) with C++-style formatting."""
from __future__ import annotations

import io
from typing import Any, Callable, Optional, TextIO

from .datums import register_type
from .printing import format_double_general, to_syntax, to_text


class OStream:
    """An output stream: standard output/error, a file or a string buffer.

    ``target`` is a file object, or a callable returning one (``cout`` follows ``sys.stdout``
    at the time of writing so that redirection and test capture work). Formatting state follows
    C++ ostreams: precision, float field (general/fixed/scientific), one-shot field width, fill
    adjustment, showpoint and integer base.
    """

    __slots__ = ("_target", "name", "precision", "floatfield", "width", "adjust", "showpoint",
                 "showbase", "base", "closed", "is_string", "std")

    def __init__(self, target: Any, name: str = "", is_string: bool = False, std: bool = False):
        self._target = target
        self.name = name
        self.precision = 6
        self.floatfield = "general"
        self.width = 0
        self.adjust = "right"
        self.showpoint = False
        self.showbase = False
        self.base = 10
        self.closed = False
        self.is_string = is_string
        self.std = std

    @property
    def target(self) -> TextIO:
        t = self._target
        return t() if callable(t) else t

    def write(self, text: str) -> None:
        if self.closed:
            from .errors import SliError

            raise SliError("BadIO", "The stream is closed.")
        self.target.write(text)

    def flush(self) -> None:
        try:
            self.target.flush()
        except (AttributeError, ValueError):
            pass

    def good(self) -> bool:
        return not self.closed

    def format_number(self, x: Any) -> str:
        if type(x) is float:
            if self.floatfield == "fixed":
                text = "%.*f" % (self.precision, x)
            elif self.floatfield == "scientific":
                text = "%.*e" % (self.precision, x)
            else:
                text = format_double_general(x, self.precision or 6)
                if self.showpoint and "." not in text and "e" not in text and "n" not in text:
                    digits = len(text.lstrip("-"))
                    text += "." + "0" * max(self.precision - digits, 0)
            return text
        if self.base == 16:
            return ("0x" if self.showbase else "") + format(x, "x")
        if self.base == 8:
            return ("0" if self.showbase and x else "") + format(x, "o")
        return str(x)

    def emit(self, obj: Any, syntax: bool = False) -> None:
        """Write ``obj`` in ``=`` (or ``==``) form, honouring width and number formatting."""
        if type(obj) in (int, float) and not syntax:
            text = self.format_number(obj)
        else:
            text = to_syntax(obj) if syntax else to_text(obj)
        if self.width:
            text = text.ljust(self.width) if self.adjust == "left" else text.rjust(self.width)
            self.width = 0
        self.write(text)

    def getvalue(self) -> str:
        return self.target.getvalue()

    def close(self) -> None:
        if not self.std and not self.closed:
            try:
                self.target.close() if not self.is_string else None
            finally:
                self.closed = True


class IStream:
    """An input stream: standard input, a file or a string."""

    __slots__ = ("handle", "name", "eof", "fail", "closed", "std")

    def __init__(self, handle: Any, name: str = "", std: bool = False):
        self.handle = handle
        self.name = name
        self.eof = False
        self.fail = False
        self.closed = False
        self.std = std

    def read(self, n: int = -1) -> str:
        data = self.handle.read(n)
        if n < 0 or len(data) < n:
            self.eof = True
        return data

    def readline(self) -> Optional[str]:
        line = self.handle.readline()
        if not line:
            self.eof = True
            self.fail = True
            return None
        if line.endswith("\n"):
            return line[:-1]
        self.eof = True
        return line

    def good(self) -> bool:
        return not (self.eof or self.fail or self.closed)

    def close(self) -> None:
        if not self.std and not self.closed:
            self.handle.close()
            self.closed = True


def string_ostream() -> OStream:
    return OStream(io.StringIO(), "osstream", is_string=True)


def string_istream(text: str) -> IStream:
    return IStream(io.StringIO(text), "isstream")


register_type(OStream, "ostreamtype")
register_type(IStream, "istreamtype")
