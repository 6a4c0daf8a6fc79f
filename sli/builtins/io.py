"""Printing and output streams (section 6.13)."""
from __future__ import annotations

from ..datums import type_name
from ..errors import ArgumentType, SliError
from ..printing import to_syntax, to_text
from ..streams import IStream, OStream
from . import Registry

reg = Registry()


def _ostream(obj, level: int) -> OStream:
    if type(obj) is not OStream:
        raise ArgumentType(level)
    return obj


def _cout(interp) -> OStream:
    return interp.systemdict["cout"]


@reg.builtin("=")
def print_short(interp):
    "obj ->   print obj in short form and a newline"
    obj = interp.ostack.pop()
    out = _cout(interp)
    out.emit(obj)
    out.write("\n")


@reg.builtin("==")
def print_syntax(interp):
    "obj ->   print obj in syntax form and a newline"
    obj = interp.ostack.pop()
    out = _cout(interp)
    out.emit(obj, syntax=True)
    out.write("\n")


@reg.builtin("=only", "=_")
def print_short_only(interp):
    "obj ->   print obj in short form"
    _cout(interp).emit(interp.ostack.pop())


@reg.builtin("==only", "==_")
def print_syntax_only(interp):
    "obj ->   print obj in syntax form"
    _cout(interp).emit(interp.ostack.pop(), syntax=True)


@reg.builtin("stack")
def stack(interp):
    "->   print the operand stack with =, top first"
    out = _cout(interp)
    for obj in reversed(interp.ostack):
        out.emit(obj)
        out.write("\n")


@reg.builtin("pstack")
def pstack(interp):
    "->   print the operand stack with ==, top first"
    out = _cout(interp)
    for obj in reversed(interp.ostack):
        out.emit(obj, syntax=True)
        out.write("\n")


@reg.builtin("typestack")
def typestack(interp):
    "->   print type:value of every operand, top first"
    out = _cout(interp)
    for obj in reversed(interp.ostack):
        out.write(f"{type_name(obj)}:{to_syntax(obj)}\n")


@reg.builtin("<-", "<-_", "print")
def print_(interp):
    "ostream obj -> ostream   write obj in = form"
    s = interp.ostack
    stream = _ostream(s[-2], 1)
    stream.emit(s.pop())


@reg.builtin("<--", "<--_", "pprint")
def pprint(interp):
    "ostream obj -> ostream   write obj in == form"
    s = interp.ostack
    stream = _ostream(s[-2], 1)
    stream.emit(s.pop(), syntax=True)


@reg.builtin("endl", "endl_")
def endl(interp):
    "ostream -> ostream   write a newline and flush"
    stream = _ostream(interp.ostack[-1], 0)
    stream.write("\n")
    stream.flush()


@reg.builtin("ends")
def ends(interp):
    "ostream -> ostream   write a NUL character"
    _ostream(interp.ostack[-1], 0).write("\0")


@reg.builtin("flush")
def flush(interp):
    "ostream -> ostream"
    _ostream(interp.ostack[-1], 0).flush()


def _set_int_attr(attr):
    def fn(interp):
        s = interp.ostack
        n = s[-1]
        if type(n) is not int:
            raise ArgumentType(0)
        stream = _ostream(s[-2], 1)
        s.pop()
        setattr(stream, attr, n)
    return fn


reg.builtin("setw")(_set_int_attr("width"))
reg.builtin("setprecision")(_set_int_attr("precision"))


def _set_attr(attr, value):
    def fn(interp):
        stream = _ostream(interp.ostack[-1], 0)
        setattr(stream, attr, value)
    fn.__doc__ = "ostream -> ostream"
    return fn


for _key, _attr, _value in (
    ("fixed", "floatfield", "fixed"), ("scientific", "floatfield", "scientific"),
    ("default", "floatfield", "general"), ("showpoint", "showpoint", True),
    ("noshowpoint", "showpoint", False), ("showbase", "showbase", True),
    ("noshowbase", "showbase", False), ("dec", "base", 10), ("hex", "base", 16), ("oct", "base", 8),
    ("left", "adjust", "left"), ("right", "adjust", "right"), ("internal", "adjust", "internal"),
):
    reg.builtin(_key)(_set_attr(_attr, _value))
