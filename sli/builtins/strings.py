"""String leaves of the container operators and string-only operators (sections 6.9, 6.10).

SLI strings are Python ``str`` objects with one character per byte; their elements are byte
values (integers 0-255). The overloaded container operators (``get``, ``put``, ``join`` …) are
tries defined in :mod:`sli.builtins.arrays`; this module provides their string leaves.
"""
from __future__ import annotations

from ..errors import ArgumentType, range_check
from . import Registry

reg = Registry()


def _byte(value: int) -> str:
    if not 0 <= value <= 255:
        raise range_check("A string element must be a byte value (0-255).")
    return chr(value)


def _check_interval(n: int, start: int, count: int) -> None:
    if start < 0 or count < 0 or start + count > n:
        raise range_check()


def _check_position(n: int, start: int) -> None:
    if start < 0 or start > n:
        raise range_check()


@reg.builtin("length_s")
def length_s(interp):
    "string -> n   number of bytes"
    s = interp.ostack
    s[-1] = len(s[-1])


@reg.builtin("size_s")
def size_s(interp):
    "string -> string n"
    s = interp.ostack
    s.append(len(s[-1]))


@reg.builtin("empty_s")
def empty_s(interp):
    "string -> string bool"
    s = interp.ostack
    s.append(not s[-1])


@reg.builtin("capacity_s")
def capacity_s(interp):
    "string -> string n   allocated capacity (here: the length)"
    s = interp.ostack
    s.append(len(s[-1]))


@reg.builtin("reserve_s")
def reserve_s(interp):
    "string n -> string   pre-allocate capacity (no effect on the contents)"
    s = interp.ostack
    if s[-1] < 0:
        raise range_check()
    s.pop()


@reg.builtin(":resize_s")
def resize_s(interp):
    "string n -> string'   truncate or pad with NUL bytes to n bytes"
    s = interp.ostack
    n = s[-1]
    if n < 0:
        raise range_check()
    s.pop()
    text = s[-1]
    s[-1] = text[:n] + "\0" * (n - len(text))


@reg.builtin("get_s")
def get_s(interp):
    "string i -> byte   byte value at position i (0-based)"
    s = interp.ostack
    text, i = s[-2], s[-1]
    if i < 0 or i >= len(text):
        raise range_check()
    s.pop()
    s[-1] = ord(text[i])


@reg.builtin("put_s")
def put_s(interp):
    "string i byte -> string'   replace the byte at position i (0-based)"
    s = interp.ostack
    text, i, value = s[-3], s[-2], s[-1]
    if i < 0 or i >= len(text):
        raise range_check()
    ch = _byte(value)
    del s[-2:]
    s[-1] = text[:i] + ch + text[i + 1:]


@reg.builtin("getinterval_s")
def getinterval_s(interp):
    "string start n -> substring   n bytes from start (0-based)"
    s = interp.ostack
    text, start, count = s[-3], s[-2], s[-1]
    _check_interval(len(text), start, count)
    del s[-2:]
    s[-1] = text[start:start + count]


@reg.builtin("append_s")
def append_s(interp):
    "string byte -> string'   add a byte at the end"
    s = interp.ostack
    ch = _byte(s[-1])
    s.pop()
    s[-1] = s[-1] + ch


@reg.builtin("prepend_s")
def prepend_s(interp):
    "string byte -> string'   add a byte at the front"
    s = interp.ostack
    ch = _byte(s[-1])
    s.pop()
    s[-1] = ch + s[-1]


@reg.builtin("join_s")
def join_s(interp):
    "string1 string2 -> string1string2"
    s = interp.ostack
    b = s.pop()
    s[-1] = s[-1] + b


@reg.builtin("insert_s")
def insert_s(interp):
    "string1 i string2 -> string3   insert string2 before position i (0-based)"
    s = interp.ostack
    text, i, sub = s[-3], s[-2], s[-1]
    _check_position(len(text), i)
    del s[-2:]
    s[-1] = text[:i] + sub + text[i:]


@reg.builtin("insertelement_s")
def insertelement_s(interp):
    "string i byte -> string'   insert one byte before position i (0-based)"
    s = interp.ostack
    text, i, value = s[-3], s[-2], s[-1]
    _check_position(len(text), i)
    ch = _byte(value)
    del s[-2:]
    s[-1] = text[:i] + ch + text[i:]


@reg.builtin("replace_s")
def replace_s(interp):
    "string1 start n string2 -> string3   replace n bytes from start by string2"
    s = interp.ostack
    text, start, n, sub = s[-4], s[-3], s[-2], s[-1]
    _check_position(len(text), start)
    if n < 0:
        raise range_check()
    del s[-3:]
    s[-1] = text[:start] + sub + text[start + n:]


@reg.builtin("erase_s")
def erase_s(interp):
    "string start n -> string'   remove n bytes from start (0-based)"
    s = interp.ostack
    text, start, n = s[-3], s[-2], s[-1]
    _check_position(len(text), start)
    if n < 0:
        raise range_check()
    del s[-2:]
    s[-1] = text[:start] + text[start + n:]


@reg.builtin("search_s")
def search_s(interp):
    "string seek -> post match pre true | string false   find the first occurrence of seek"
    s = interp.ostack
    text, seek = s[-2], s[-1]
    i = text.find(seek)
    if i < 0:
        s[-1] = False
        return
    s[-2] = text[i + len(seek):]
    s[-1] = seek
    s.append(text[:i])
    s.append(True)


@reg.builtin("searchif_sa")
def searchif_sa(interp):
    "string seek -> bool   true if seek occurs in the string"
    s = interp.ostack
    text, seek = s[-2], s[-1]
    if type(text) is not str or type(seek) is not str:
        raise ArgumentType(0)
    s.pop()
    s[-1] = seek in text


@reg.builtin("reverse_sa")
def reverse_sa(interp):
    "string -> string'   bytes in reverse order"
    s = interp.ostack
    if type(s[-1]) is not str:
        raise ArgumentType(0)
    s[-1] = s[-1][::-1]


def _ascii_case(upper: bool):
    table = {c: c - 32 for c in range(97, 123)} if upper else {c: c + 32 for c in range(65, 91)}

    def convert(interp):
        s = interp.ostack
        if type(s[-1]) is not str:
            raise ArgumentType(0)
        s[-1] = s[-1].translate(table)
    convert.__doc__ = f"string -> string   ASCII {'upper' if upper else 'lower'}-case conversion"
    return convert


reg.builtin("ToUppercase")(_ascii_case(True))
reg.builtin("ToLowercase")(_ascii_case(False))
reg.constant("NewLine", "\n")
reg.constant("DoublyEscapedNewLine", "\\n")
