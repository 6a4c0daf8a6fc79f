"""Text forms of datums: ``=`` (short form, also ``cvs``) and ``==`` (syntax form, ``pcvs``)."""
from __future__ import annotations

import math
from typing import Any

from .datums import (
    Builtin,
    Dictionary,
    DoubleVector,
    IntVector,
    Literal,
    LiteralProcedure,
    Name,
    Procedure,
    type_name,
)


def format_double_general(x: float, precision: int = 6) -> str:
    """C++ ostream default float format (``%g`` with ``precision`` significant digits)."""
    if math.isnan(x):
        return "nan" if math.copysign(1.0, x) > 0 else "-nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return "%.*g" % (precision, x)


def format_double_scientific(x: float, precision: int = 6) -> str:
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return "%.*e" % (precision, x)


def to_text(obj: Any) -> str:
    """The ``=`` form: strings raw, names without slash, containers as ``<typename>``."""
    t = type(obj)
    if t is int or t is str or t is Literal or t is Name:
        return str.__str__(obj) if t is not int else str(obj)
    if t is float:
        return format_double_general(obj)
    if t is bool:
        return "true" if obj else "false"
    if t is Builtin:
        return f"-{obj.name}-"
    from .tries import Trie

    if t is Trie:
        return f"+{obj.name}+"
    custom = getattr(obj, "sli_text", None)
    if custom is not None:
        return custom()
    return f"<{type_name(obj)}>"


def to_syntax(obj: Any) -> str:
    """The ``==`` form: re-readable where the type allows it."""
    t = type(obj)
    if t is int:
        return str(obj)
    if t is float:
        return format_double_scientific(obj)
    if t is bool:
        return "true" if obj else "false"
    if t is str:
        return f"({obj})"
    if t is Literal:
        return "/" + str.__str__(obj)
    if t is Name:
        return str.__str__(obj)
    if t is list:
        return "[" + " ".join(to_syntax(x) for x in obj) + "]"
    if t is Procedure:
        return "{" + " ".join(to_syntax(x) for x in obj.body) + "}"
    if t is LiteralProcedure:
        return "/{" + " ".join(to_syntax(x) for x in obj.proc.body) + "}"
    if t is IntVector:
        return "<# " + " ".join(str(int(v)) for v in obj.a) + (" #>" if len(obj.a) else "#>")
    if t is DoubleVector:
        return "<. " + " ".join(format_double_general(float(v)) for v in obj.a) + (" .>" if len(obj.a) else ".>")
    if t is Dictionary:
        return "<dictionarytype>"
    custom = getattr(obj, "sli_syntax", None)
    if custom is not None:
        return custom()
    return to_text(obj)
