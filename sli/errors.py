"""SLI errors as raised by Python builtins.

A builtin signals an error by raising :class:`SliError` *before* it removes any operand, so the
operands stay on the stack (the reference convention). The interpreter turns the exception into
the SLI error mechanism (``raiseerror``): errordict is filled, the command name is pushed and the
execution stack unwinds to the nearest ``stopped``.
"""
from __future__ import annotations

from typing import Any, Optional


class SliError(Exception):
    """An SLI error with its reference name (``ArgumentType``, ``RangeCheck`` …)."""

    def __init__(self, errorname: str, message: Optional[str] = None, command: Optional[str] = None,
                 command_object: Any = None):
        super().__init__(errorname if message is None else f"{errorname}: {message}")
        self.errorname = errorname
        self.message = message
        self.command = command
        self.command_object = command_object


class StackUnderflow(SliError):
    def __init__(self, needed: int = 0, given: int = 0):
        if needed:
            msg = f"Command needs (at least) {needed} argument(s)"
            if given < needed:
                msg += f", but the stack has only {given}"
            super().__init__("StackUnderflow", msg + ".")
        else:
            super().__init__("StackUnderflow")


_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def argument_type_message(level: int) -> str:
    """The reference's ArgumentType text; ``level`` counts stack levels from the top (0 = TOS)."""
    if level <= 0:
        which = "one or more parameters"
    else:
        which = _ORDINALS.get(level, f"{level}th") + " parameter"
    return f"The type of {which} did not match the argument(s) of this function."


class ArgumentType(SliError):
    def __init__(self, level: int = 0, message: Optional[str] = None):
        super().__init__("ArgumentType", message or argument_type_message(level))


def type_mismatch(expected: str, provided: Optional[str] = None) -> SliError:
    text = f"Expected datatype: {expected}"
    if provided:
        text += f"\nProvided datatype: {provided}"
    return SliError("TypeMismatch", text)


def range_check(message: Optional[str] = None) -> SliError:
    return SliError("RangeCheck", message)


class QuitInterpreter(Exception):
    """Raised internally by ``quit``: leave the interpreter with an exit code."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


class ExecutionStackCleared(Exception):
    """Raised internally when ``stop`` finds no ``stopped`` context: the execution stack has been
    cleared and the interpreter loop must end."""
