"""Low-level PyNEST API: one SLI interpreter per process and the push/pop/run primitives.

Every high-level function generates SLI code that :func:`sr` runs; bulk data (GID arrays,
weights, recorded events) travels as numpy arrays pushed with :func:`sps` and popped with
:func:`spp`, never as text.
"""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import numpy as np

from sli import Interpreter
from sli import frames as _frames
from sli.datums import (
    Dictionary,
    DoubleVector,
    IntVector,
    Literal,
    lit,
    type_name,
)
from sli.startup import load_library_file

from .exceptions import NESTError, NESTErrors, PyNESTError

__all__ = [
    "SLILiteral", "sli_push", "sps", "sli_pop", "spp", "sli_run", "sr", "sli_func",
    "check_stack", "stack_checker", "get_debug", "set_debug", "init", "engine",
]


class SLILiteral:
    """An SLI literal name on the Python side; compares and hashes like its name."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = str(name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SLILiteral):
            return self.name == other.name
        if isinstance(other, str):
            return self.name == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.name)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"SLILiteral({self.name!r})"


# -- conversion ----------------------------------------------------------------------------------

def python_to_datum(obj: Any) -> Any:
    """Python object → SLI datum (the conversion table of the reference's engine.push)."""
    t = type(obj)
    if t is bool or t is int or t is float:
        return obj
    if t is str:
        return obj.encode("utf-8").decode("latin-1")
    if isinstance(obj, bool):
        return bool(obj)
    if isinstance(obj, SLILiteral):
        return lit(obj.name)
    if isinstance(obj, np.ndarray):
        if obj.ndim == 0:
            return python_to_datum(obj.item())
        if obj.ndim != 1:
            raise PyNESTError("only vectors of integers or floats are supported "
                              f"(got an array with {obj.ndim} dimensions)")
        kind = obj.dtype.kind
        if kind in "iu":
            return IntVector(obj.astype(np.int64, copy=False))
        if kind == "f":
            return DoubleVector(obj.astype(np.float64, copy=False))
        raise PyNESTError(f"only vectors of integers or floats are supported (got dtype {obj.dtype})")
    if isinstance(obj, np.generic):
        return python_to_datum(obj.item())
    if isinstance(obj, int):
        return int(obj)
    if isinstance(obj, float):
        return float(obj)
    if isinstance(obj, (bytes, bytearray)):
        return bytes(obj).decode("latin-1")
    if isinstance(obj, str):
        return str(obj).encode("utf-8").decode("latin-1")
    if isinstance(obj, (list, tuple, range)):
        return [python_to_datum(x) for x in obj]
    if isinstance(obj, dict):
        return Dictionary({lit(str(k)): python_to_datum(v) for k, v in obj.items()})
    if isinstance(obj, memoryview) or hasattr(obj, "typecode"):
        return python_to_datum(np.asarray(obj))
    raise PyNESTError(f"unknown Python type: {type(obj).__name__}")


# literal → plain str, so that dictionaries reach Python with str keys without a copy per key
_PLAIN_KEYS: Dict[Any, str] = {}


def datum_to_python(obj: Any) -> Any:
    """SLI datum → Python object (the conversion table of the reference's engine.pop)."""
    t = type(obj)
    if t is bool or t is int or t is float:
        return obj
    if t is str:
        return obj.encode("latin-1").decode("utf-8", errors="replace")
    if t is Literal:
        return SLILiteral(str(obj))
    if t is list:
        return tuple(datum_to_python(x) for x in obj)
    if t is Dictionary:
        out = {}
        keys = _PLAIN_KEYS
        for k, v in obj.data.items():  # scalars (most status entries) without a recursive call
            key = keys.get(k)
            if key is None:
                key = keys[k] = str(k)
            tv = type(v)
            out[key] = v if (tv is float or tv is int or tv is bool) else datum_to_python(v)
        return out
    if t is IntVector or t is DoubleVector:
        return obj.a.copy()
    convert = getattr(obj, "to_python", None)
    if convert is not None:
        return convert()
    raise PyNESTError(f"unknown SLI type: {type_name(obj)}")


# -- the engine ----------------------------------------------------------------------------------

engine: Optional[Interpreter] = None
_debug = False


def init(argv: Optional[List[str]] = None) -> None:
    """Start the interpreter (done at import unless DELAY_PYNEST_INIT is set)."""
    global engine
    if engine is not None:
        raise PyNESTError("NEST already initialized.")
    argv = list(sys.argv if argv is None else argv)
    quiet = "--quiet" in argv
    argv = [a for a in argv if a not in ("--quiet", "--debug")]
    interp = Interpreter(argv=argv or ["python"])
    interp.startup()
    if not load_library_file_quietly(interp, Path(__file__).with_name("pynest-init.sli")):
        raise PyNESTError("Initialization of NEST failed.")
    engine = interp
    if not quiet and "pywelcome" in interp.systemdict:
        sr("pywelcome")


def load_library_file_quietly(interp: Interpreter, path: Path) -> bool:
    interp.begin(interp.systemdict)
    try:
        return load_library_file(interp, path)
    finally:
        interp.end()


def _engine() -> Interpreter:
    if engine is None:
        init()
    return engine  # type: ignore[return-value]


def sli_push(obj: Any) -> None:
    """Convert ``obj`` to an SLI datum and push it on the operand stack."""
    _engine().ostack.append(python_to_datum(obj))


def sli_pop() -> Any:
    """Pop the top of the operand stack and convert it to Python."""
    stack = _engine().ostack
    if not stack:
        raise PyNESTError("interpreter stack is empty")
    return datum_to_python(stack.pop())


sps = sli_push
spp = sli_pop


def sli_run(cmd: str) -> None:
    """Run SLI code; an SLI error becomes ``NESTErrors.<ErrorName>`` (text
    ``"<ErrorName> in <command><message>"``) and the operand stack is cleared."""
    interp = _engine()
    base = len(interp.estack)
    interp.estack.append(_frames.StoppedFrame())
    interp.push_code(cmd)
    interp.run(base)
    if interp.ostack.pop() is True:  # the flag the stopped context left
        _raise_pending_error(interp)


def _raise_pending_error(interp: Interpreter) -> None:
    ed = interp.errordict
    s = interp.ostack
    if ed.get("newerror") is not True:
        s.clear()
        raise NESTError("Software Interrupt: the SLI code called stop outside an error.")
    errorname = str(ed.get("errorname", ""))
    commandname = str(s.pop()) if s and type(s[-1]) is Literal else str(ed.get("commandname", ""))
    message = ed.get("message")
    text = f": {message}" if isinstance(message, str) and message else ""
    ed["newerror"] = False
    for key in ("message", "command"):
        if key in ed:
            del ed[key]
    s.clear()
    raise NESTErrors.get(errorname)(commandname, text)


sr = sli_run


def sli_func(s: str, *args: Any, **kwargs: Any) -> Any:
    """Run SLI code ``s`` on ``args``; return None, the single result, or a tuple of results."""
    namespace = kwargs.pop("namespace", None)
    litconv = kwargs.pop("litconv", False)
    if kwargs:
        raise PyNESTError(f"unrecognized keyword argument(s): {', '.join(kwargs)}")
    if namespace is not None:
        s = f"{namespace} using {s} endusing"
    sli_push(list(args))
    sli_push(s)
    sr("sli_func_litconv" if litconv else "sli_func")
    result = sli_pop()
    if not result:
        return None
    if len(result) == 1:
        return result[0]
    return result


def get_debug() -> bool:
    return _debug


def set_debug(dbg: bool = True) -> None:
    global _debug
    _debug = bool(dbg)


def stack_checker(f: Callable) -> Callable:
    """In debug mode, check that ``f`` leaves the SLI operand stack as it found it."""

    @functools.wraps(f)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if not _debug:
            return f(*args, **kwargs)
        before = len(_engine().ostack)
        result = f(*args, **kwargs)
        left = len(_engine().ostack) - before
        if left:
            raise NESTError(f"Function '{f.__name__}' left {left} elements on the stack.")
        return result

    return checked


check_stack = stack_checker

if not os.environ.get("DELAY_PYNEST_INIT"):
    init(["python", "--quiet"] + [a for a in sys.argv[1:] if a == "--quiet"])
