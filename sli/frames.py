"""Execution-stack frames.

Most frames run a procedure body: they hold ``body`` and the program counter ``pc`` and the
interpreter loop walks the body in place. When the body is exhausted the loop calls
``again(interp)``: a loop frame prepares the next pass and returns True, other frames return
False and are popped. Frames whose ``is_loop`` is True are what ``exit`` unwinds to.
"""
from __future__ import annotations

from typing import Any, Iterator, List, Optional, Sequence

from .datums import Procedure
from .errors import SliError, StackUnderflow


class ProcFrame:
    """A running procedure."""

    __slots__ = ("body", "pc", "proc")
    is_loop = False

    def __init__(self, proc: Procedure):
        self.proc = proc
        self.body = proc.body
        self.pc = 0

    def again(self, interp) -> bool:
        return False


class FileFrame(ProcFrame):
    """Top-level code of a file or string being executed (``run``, ``cvx exec`` of a stream)."""

    __slots__ = ("path", "syntax_error", "diagnostic")
    is_loop = False

    def __init__(self, proc: Procedure, path: Optional[str], syntax_error: Optional[str] = None,
                 diagnostic: str = ""):
        super().__init__(proc)
        self.path = path
        self.syntax_error = syntax_error
        self.diagnostic = diagnostic

    def again(self, interp) -> bool:
        if self.syntax_error:
            # the tokens before the structural error have run; now report it, as the reference
            message, self.syntax_error = self.syntax_error, None
            interp.write(self.diagnostic)
            raise SliError("SyntaxError", message, command="::parse")
        return False


class LoopFrame(ProcFrame):
    """``proc loop``: repeat forever until ``exit``."""

    __slots__ = ()
    is_loop = True

    def again(self, interp) -> bool:
        return True


class RepeatFrame(ProcFrame):
    """``n proc repeat``."""

    __slots__ = ("remaining",)
    is_loop = True

    def __init__(self, proc: Procedure, count: int):
        super().__init__(proc)
        self.remaining = count

    def again(self, interp) -> bool:
        self.remaining -= 1
        return self.remaining > 0


class ForFrame(ProcFrame):
    """``start increment limit proc for`` on integers; pushes the counter before each pass."""

    __slots__ = ("counter", "increment", "limit")
    is_loop = True

    def __init__(self, proc: Procedure, start: int, increment: int, limit: int):
        super().__init__(proc)
        self.counter = start
        self.increment = increment
        self.limit = limit

    def again(self, interp) -> bool:
        counter = self.counter + self.increment
        self.counter = counter
        if (counter <= self.limit) if self.increment > 0 else (counter >= self.limit):
            interp.ostack.append(counter)
            return True
        return False


class ForallFrame(ProcFrame):
    """Iterate a sequence of datums, pushing each element (and its 0-based index if indexed)."""

    __slots__ = ("items", "index", "indexed")
    is_loop = True

    def __init__(self, proc: Procedure, items: Sequence[Any], indexed: bool = False):
        super().__init__(proc)
        self.items = items
        self.index = 0
        self.indexed = indexed

    def start(self, interp) -> bool:
        """Push the first element; False if there is none."""
        if not self.items:
            return False
        interp.ostack.append(self.items[0])
        if self.indexed:
            interp.ostack.append(0)
        return True

    def again(self, interp) -> bool:
        index = self.index + 1
        if index < len(self.items):
            self.index = index
            interp.ostack.append(self.items[index])
            if self.indexed:
                interp.ostack.append(index)
            return True
        return False


class MapFrame(ForallFrame):
    """``Map``: after every pass the top of the stack is taken as the result for the element."""

    __slots__ = ("results", "finish")
    is_loop = True

    def __init__(self, proc: Procedure, items: Sequence[Any], finish, indexed: bool = False):
        super().__init__(proc, items, indexed)
        self.results: List[Any] = []
        self.finish = finish  # results list -> datum pushed at the end

    def again(self, interp) -> bool:
        if not interp.ostack:
            raise _map_underflow()
        self.results.append(interp.ostack.pop())
        if ForallFrame.again(self, interp):
            return True
        interp.ostack.append(self.finish(self.results))
        return False


def _map_underflow() -> SliError:
    err = StackUnderflow(1, 0)
    err.command = "::Map"
    return err


class StoppedFrame:
    """Marker of a ``stopped`` context; reached normally it pushes ``false``."""

    __slots__ = ()
    is_loop = False

    def resume(self, interp) -> None:
        interp.estack.pop()
        interp.ostack.append(False)


class MarkFrame:
    """The mark that ``switch`` leaves on the execution stack (a target for ``exit``)."""

    __slots__ = ()
    is_loop = True

    def resume(self, interp) -> None:
        interp.estack.pop()


class GeneratorFrame:
    """Drives a Python generator that yields objects to execute, one at a time.

    Builtins that call SLI code repeatedly (``Table``, ``Select``, ``Fold`` …) are written as
    generators: after each yielded object has been executed the generator resumes, so the
    interpreter never recurses in Python and ``exit``/``stop``/errors work as usual.
    """

    __slots__ = ("gen", "name", "is_loop")

    def __init__(self, gen: Iterator[Any], name: str, is_loop: bool = True):
        self.gen = gen
        self.name = name
        self.is_loop = is_loop

    def resume(self, interp) -> None:
        try:
            obj = next(self.gen)
        except StopIteration:
            interp.estack.pop()
            return
        except SliError as err:
            if err.command is None:
                err.command = self.name
            raise
        interp.schedule(obj)


class _Bottom:
    """The sentinel at the bottom of every execution stack."""

    __slots__ = ()
    is_loop = False

    def resume(self, interp) -> None:  # never reached: run() stops above it
        raise AssertionError("the execution-stack sentinel was executed")


BOTTOM = _Bottom()

BODY_FRAMES = frozenset({ProcFrame, FileFrame, LoopFrame, RepeatFrame, ForFrame, ForallFrame, MapFrame})
SPECIAL_FRAMES = frozenset({StoppedFrame, MarkFrame, GeneratorFrame})
