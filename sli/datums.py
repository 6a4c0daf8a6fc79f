"""SLI data types and their Python representation.

SLI values map onto Python objects chosen for speed of the interpreter loop:

=====================  ==========================  =============================================
SLI type               Python representation       notes
=====================  ==========================  =============================================
integertype            ``int``                     (``bool`` is excluded by exact type checks)
doubletype             ``float``
booltype               ``bool``
stringtype             ``str``                     one character per byte (latin-1 code points)
literaltype            :class:`Literal`            ``str`` subclass, the name without the slash
nametype               :class:`Name`               ``str`` subclass, executable
arraytype              ``list``                    never mutated in place: value semantics
proceduretype          :class:`Procedure`          immutable body tuple
literalproceduretype   :class:`LiteralProcedure`   a brace-procedure nested in a body
dictionarytype         :class:`Dictionary`         shared reference
functiontype           :class:`Builtin`
trietype               :class:`sli.tries.Trie`
intvectortype          :class:`IntVector`          wraps a numpy int64 array (shared reference)
doublevectortype       :class:`DoubleVector`       wraps a numpy float64 array (shared reference)
=====================  ==========================  =============================================

Every datum class is registered in :data:`TYPE_NAMES`; :func:`type_name` gives the SLI name.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, Optional

import numpy as np


class Name(str):
    """An executable name: executing it looks it up in the dictionary stack."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Name({str.__repr__(self)})"


class Literal(str):
    """A literal name (``/abc``); executing it pushes it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Literal({str.__repr__(self)})"


# Global intern table: dictionary iteration follows the order in which names were first seen.
_INTERN_ORDER: Dict[str, int] = {}
_NAMES: Dict[str, Name] = {}
_LITERALS: Dict[str, Literal] = {}


def intern_index(text: str) -> int:
    idx = _INTERN_ORDER.get(text)
    if idx is None:
        idx = _INTERN_ORDER[text] = len(_INTERN_ORDER)
    return idx


def name(text: str) -> Name:
    """The unique :class:`Name` object for ``text``."""
    obj = _NAMES.get(text)
    if obj is None:
        intern_index(text)
        obj = _NAMES[text] = Name(text)
    return obj


def lit(text: str) -> Literal:
    """The unique :class:`Literal` object for ``text``."""
    obj = _LITERALS.get(text)
    if obj is None:
        intern_index(text)
        obj = _LITERALS[text] = Literal(text)
    return obj


MARK = lit("mark")


class Procedure:
    """An executable procedure; ``body`` is a tuple of datums.

    Procedures parsed from source text also carry ``source`` (file name or None) and ``lines``
    (the source line of every body element), used to say where an error happened.
    """

    __slots__ = ("body", "lines", "source")

    def __init__(self, body: Iterable[Any], lines: Optional[tuple] = None, source: Optional[str] = None):
        self.body = tuple(body)
        self.lines = lines
        self.source = source

    def __len__(self) -> int:
        return len(self.body)

    def __eq__(self, other: object) -> bool:
        return type(other) is Procedure and sequences_equal(self.body, other.body)

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"Procedure({self.body!r})"


class LiteralProcedure:
    """A procedure written inside another procedure: executing it pushes :attr:`proc`."""

    __slots__ = ("proc",)

    def __init__(self, proc: Procedure):
        self.proc = proc

    @property
    def body(self) -> tuple:
        return self.proc.body

    def __len__(self) -> int:
        return len(self.proc.body)

    def __eq__(self, other: object) -> bool:
        return type(other) is LiteralProcedure and sequences_equal(self.proc.body, other.proc.body)

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"LiteralProcedure({self.proc.body!r})"


class Dictionary:
    """An SLI dictionary: literal keys → datums, shared by reference.

    ``on_dstack`` counts how often the dictionary is on the dictionary stack; the interpreter's
    name-lookup cache is only invalidated by changes to such dictionaries.
    """

    __slots__ = ("data", "on_dstack", "interp", "__weakref__")

    def __init__(self, data: Optional[Dict[str, Any]] = None):
        self.data: Dict[str, Any] = {} if data is None else data
        self.on_dstack = 0
        self.interp = None  # set while on the dictionary stack

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def __setitem__(self, key: str, value: Any) -> None:
        """Store ``value``; keeps the interpreter's lookup cache coherent."""
        if type(key) is not Literal:
            key = lit(key)
        if self.on_dstack:
            self.interp.dict_changed(self, key, value)
        self.data[key] = value

    def __delitem__(self, key: str) -> None:
        del self.data[key]
        if self.on_dstack:
            self.interp.invalidate_lookup_cache()

    def clear(self) -> None:
        self.data.clear()
        if self.on_dstack:
            self.interp.invalidate_lookup_cache()

    def __len__(self) -> int:
        return len(self.data)

    def keys_in_order(self) -> list:
        """Keys in global intern order (the reference iterates dictionaries that way)."""
        return sorted(self.data, key=intern_index)

    def items_in_order(self) -> list:
        data = self.data
        return [(k, data[k]) for k in self.keys_in_order()]

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"Dictionary({len(self.data)} entries)"


class Builtin:
    """A function implemented in Python (SLI ``functiontype``).

    ``fn(interp)`` operates on the interpreter's stacks. It must check its operands before
    removing any, so that an error leaves them on the stack (the reference convention).
    """

    __slots__ = ("name", "fn", "doc")

    def __init__(self, name: str, fn: Callable, doc: str = ""):
        self.name = name
        self.fn = fn
        self.doc = doc

    def __repr__(self) -> str:
        return f"-{self.name}-"


class IntVector:
    """SLI ``intvectortype``: a shared numpy int64 array."""

    __slots__ = ("a",)

    def __init__(self, a: Any):
        self.a = np.asarray(a, dtype=np.int64)

    def __eq__(self, other: object) -> bool:
        return type(other) is IntVector and np.array_equal(self.a, other.a)

    def __hash__(self) -> int:
        return id(self)


class DoubleVector:
    """SLI ``doublevectortype``: a shared numpy float64 array."""

    __slots__ = ("a",)

    def __init__(self, a: Any):
        self.a = np.asarray(a, dtype=np.float64)

    def __eq__(self, other: object) -> bool:
        return type(other) is DoubleVector and np.array_equal(self.a, other.a)

    def __hash__(self) -> int:
        return id(self)


class RangeIterator:
    """SLI ``iteratortype`` produced by ``RangeIterator``: a lazy arithmetic sequence."""

    __slots__ = ("start", "stop", "step")

    def __init__(self, start: int, stop: int, step: int):
        self.start, self.stop, self.step = start, stop, step

    def values(self) -> range:
        return range(self.start, self.stop + (1 if self.step > 0 else -1), self.step)


TYPE_NAMES: Dict[type, str] = {
    int: "integertype",
    float: "doubletype",
    bool: "booltype",
    str: "stringtype",
    Literal: "literaltype",
    Name: "nametype",
    list: "arraytype",
    Procedure: "proceduretype",
    LiteralProcedure: "literalproceduretype",
    Dictionary: "dictionarytype",
    Builtin: "functiontype",
    IntVector: "intvectortype",
    DoubleVector: "doublevectortype",
    RangeIterator: "iteratortype",
}

CLASSES: Dict[str, type] = {v: k for k, v in TYPE_NAMES.items()}


def register_type(cls: type, type_name_: str) -> None:
    """Register a datum class (e.g. of a kernel module) under its SLI type name."""
    TYPE_NAMES[cls] = type_name_
    CLASSES[type_name_] = cls


def type_name(obj: Any) -> str:
    """The SLI type name of a datum (``/integertype`` etc. without the slash)."""
    return TYPE_NAMES.get(type(obj), "unknowntype")


def sequences_equal(a: Iterable[Any], b: Iterable[Any]) -> bool:
    a = tuple(a)
    b = tuple(b)
    return len(a) == len(b) and all(datum_equal(x, y) for x, y in zip(a, b))


def datum_equal(a: Any, b: Any) -> bool:
    """SLI equality (``eq``): no coercion between types; names and literals compare by text."""
    ta, tb = type(a), type(b)
    if ta is not tb:
        if ta in (Name, Literal) and tb in (Name, Literal):
            return str.__eq__(a, b)
        return False
    if ta is list:
        return sequences_equal(a, b)
    if ta in (int, float, bool, str, Name, Literal):
        return a == b
    return a is b or a == b
