"""Input and output stream datums (``ostreamtype``, ``istreamtype``, ``xistreamtype``).

Output streams format numbers like C++ ostreams. Input streams read one character per byte
(latin-1) and recognise only ``\\n`` as the end of a line, as the reference does; they keep their
own look-ahead buffer so that character-level reads (``getc``, ``ws``, ``ReadInt``) and line
reads can be mixed on files, strings and pipes alike.
"""
from __future__ import annotations

import io
import os
from typing import Any, Optional, TextIO

from .datums import register_type
from .printing import format_double_general, to_syntax, to_text

WHITESPACE = " \t\n\r\f\v"


class OStream:
    """An output stream: standard output/error, a file or a string buffer.

    ``target`` is a file object, or a callable returning one (``cout`` follows ``sys.stdout``
    at the time of writing so that redirection and test capture work). Formatting state follows
    C++ ostreams: precision, float field (general/fixed/scientific), one-shot field width, fill
    adjustment, showpoint and integer base.
    """

    __slots__ = ("_target", "name", "precision", "floatfield", "width", "adjust", "showpoint",
                 "showbase", "base", "closed", "is_string", "std", "fail")

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
        self.fail = False

    @property
    def target(self) -> TextIO:
        t = self._target
        return t() if callable(t) else t

    def write(self, text: str) -> None:
        if self.closed:
            from .errors import SliError

            raise SliError("BadIO", "The stream is closed.")
        try:
            self.target.write(text)
        except (OSError, ValueError):
            self.fail = True

    def flush(self) -> None:
        try:
            self.target.flush()
        except (AttributeError, ValueError, OSError):
            pass

    def good(self) -> bool:
        return not (self.closed or self.fail)

    def fileno(self) -> int:
        return self.target.fileno()

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
    """An input stream: standard input, a file, a pipe or a string.

    ``handle`` is a text file object (latin-1) or anything with ``read``/``readline``.
    Characters are taken from an internal buffer refilled line by line, so interactive input
    and pipes are never read further than needed.
    """

    __slots__ = ("handle", "name", "eof", "fail", "closed", "std", "_buf", "_pos", "path")

    def __init__(self, handle: Any, name: str = "", std: bool = False, path: Optional[str] = None):
        self.handle = handle
        self.name = name
        self.eof = False
        self.fail = False
        self.closed = False
        self.std = std
        self._buf = ""
        self._pos = 0
        self.path = path

    # -- buffer management -----------------------------------------------------------------------

    def _fill(self) -> bool:
        """Make at least one unread character available; False at end of input."""
        if self._pos < len(self._buf):
            return True
        if self.closed:
            return False
        try:
            data = self.handle.readline()
        except (OSError, ValueError, AttributeError):
            data = ""
        if isinstance(data, bytes):
            data = data.decode("latin-1")
        self._buf = data
        self._pos = 0
        return bool(data)

    def buffered(self) -> int:
        """Characters already read from the handle and not yet consumed."""
        return len(self._buf) - self._pos

    def peek(self) -> str:
        """The next character without consuming it ('' at end of input; sets no flags)."""
        if not self._fill():
            return ""
        return self._buf[self._pos]

    def getc(self) -> str:
        """Consume one character; '' at end of input (sets eof and fail)."""
        if not self._fill():
            self.eof = True
            self.fail = True
            return ""
        c = self._buf[self._pos]
        self._pos += 1
        return c

    # -- the reading operations ------------------------------------------------------------------

    def read(self, n: int = -1) -> str:
        """Up to ``n`` characters (all remaining ones if ``n`` < 0); sets eof at the end."""
        parts = []
        need = n
        while need != 0:
            if not self._fill():
                self.eof = True
                break
            avail = len(self._buf) - self._pos
            take = avail if need < 0 else min(avail, need)
            parts.append(self._buf[self._pos:self._pos + take])
            self._pos += take
            if need > 0:
                need -= take
        return "".join(parts)

    def readline(self) -> Optional[str]:
        """One line without its newline; None (eof and fail set) if nothing is left.

        A last line without a newline is returned and sets eof.
        """
        parts = []
        while True:
            if not self._fill():
                self.eof = True
                if not parts:
                    self.fail = True
                    return None
                return "".join(parts)
            buf = self._buf
            nl = buf.find("\n", self._pos)
            if nl >= 0:
                parts.append(buf[self._pos:nl])
                self._pos = nl + 1
                return "".join(parts)
            parts.append(buf[self._pos:])
            self._pos = len(buf)

    def skip_ws(self) -> None:
        """Skip white space (does not set fail at end of input, only eof)."""
        while True:
            c = self.peek()
            if not c:
                self.eof = True
                return
            if c not in WHITESPACE:
                return
            self._pos += 1

    def read_word(self) -> Optional[str]:
        """Skip white space and read a white-space delimited word; None at end of input."""
        self.skip_ws()
        chars = []
        while True:
            c = self.peek()
            if not c:
                self.eof = True
                break
            if c in WHITESPACE:
                break
            chars.append(c)
            self._pos += 1
        if not chars:
            self.fail = True
            return None
        return "".join(chars)

    def read_number(self, kind: str) -> Optional[Any]:
        """Formatted read of an integer (``kind`` 'int') or a double ('double'), like C++ ``>>``.

        Consumes the longest prefix that forms a number; None (fail set) if there is none.
        """
        self.skip_ws()
        text = []

        def take_digits() -> int:
            count = 0
            while True:
                c = self.peek()
                if c and c.isdigit() and c.isascii():
                    text.append(c)
                    self._pos += 1
                    count += 1
                else:
                    return count

        c = self.peek()
        if c in ("+", "-") and c:
            text.append(c)
            self._pos += 1
        digits = take_digits()
        if kind == "double":
            if self.peek() == ".":
                text.append(".")
                self._pos += 1
                digits += take_digits()
            if digits and self.peek() in ("e", "E") and self.peek():
                # an exponent needs at least one digit after the optional sign
                save_pos, save_len = self._pos, len(text)
                text.append(self.peek())
                self._pos += 1
                if self.peek() in ("+", "-") and self.peek():
                    text.append(self.peek())
                    self._pos += 1
                if not take_digits():
                    self._pos = save_pos
                    del text[save_len:]
        if not self.peek():
            self.eof = True
        if not digits:
            self.fail = True
            return None
        s = "".join(text)
        return int(s) if kind == "int" else float(s)

    def available(self) -> int:
        """Characters that can be read without blocking (buffer plus pending data of a pipe)."""
        n = self.buffered()
        if n:
            return n
        handle = self.handle
        if isinstance(handle, io.StringIO):
            pos = handle.tell()
            rest = len(handle.getvalue()) - pos
            return max(rest, 0)
        try:
            fd = handle.fileno()
        except (AttributeError, OSError, ValueError):
            return 0
        try:
            import stat

            st = os.fstat(fd)
            if stat.S_ISREG(st.st_mode):
                return max(st.st_size - os.lseek(fd, 0, os.SEEK_CUR), 0) + 0
        except OSError:
            return 0
        try:
            import select

            ready, _, _ = select.select([fd], [], [], 0)
            if ready:
                import fcntl
                import termios
                import array

                buf = array.array("i", [0])
                try:
                    fcntl.ioctl(fd, termios.FIONREAD, buf, True)
                    return max(buf[0], 1)
                except OSError:
                    return 1
        except (OSError, ValueError):
            pass
        return 0

    def clear(self) -> None:
        self.eof = False
        self.fail = False

    def good(self) -> bool:
        return not (self.eof or self.fail or self.closed)

    def fileno(self) -> int:
        return self.handle.fileno()

    def close(self) -> None:
        if not self.std and not self.closed:
            try:
                self.handle.close()
            finally:
                self.closed = True


class XIStream:
    """An executable input stream (``xistreamtype``): executing it runs the rest of the stream.

    It shares the state of the :class:`IStream` it was made from.
    """

    __slots__ = ("stream",)

    def __init__(self, stream: IStream):
        self.stream = stream

    def sli_execute(self, interp) -> None:
        s = self.stream
        text = s.read()
        interp.push_code(text, s.path or s.name or None)

    def __eq__(self, other: object) -> bool:
        return type(other) is XIStream and other.stream is self.stream

    def __hash__(self) -> int:
        return id(self.stream)


def string_ostream() -> OStream:
    return OStream(io.StringIO(), "osstream", is_string=True)


def string_istream(text: str) -> IStream:
    return IStream(io.StringIO(text), "isstream")


def open_read_handle(path: str) -> TextIO:
    """Open a file for reading, one character per byte."""
    return open(path, "r", encoding="latin-1", newline="")


def open_write_handle(path: str, mode: str = "w") -> TextIO:
    return open(path, mode, encoding="latin-1", newline="")


def file_istream(path: str) -> IStream:
    return IStream(open_read_handle(path), path, path=path)


def file_ostream(path: str, mode: str = "w") -> OStream:
    return OStream(open_write_handle(path, mode), path)


register_type(OStream, "ostreamtype")
register_type(IStream, "istreamtype")
register_type(XIStream, "xistreamtype")
