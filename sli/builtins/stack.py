"""Operand stack manipulation (section 6.1)."""
from __future__ import annotations

from ..datums import MARK, Literal
from ..errors import ArgumentType, SliError, range_check
from . import Registry

reg = Registry()


def _count(interp, level: int = 0) -> int:
    """The integer at ``level`` (0 = top), checked."""
    value = interp.ostack[-1 - level]
    if type(value) is not int:
        raise ArgumentType(level)
    return value


@reg.builtin("pop", ";", "pop_", ";_")
def pop(interp):
    "a -> ;   discard the top object"
    interp.ostack.pop()


@reg.builtin("npop")
def npop(interp):
    "a1 ... an n -> ;   discard n objects below the count"
    s = interp.ostack
    n = _count(interp)
    if n < 0:
        raise range_check()
    if len(s) < n + 1:
        raise IndexError
    del s[len(s) - n - 1:]


@reg.builtin("dup", "dup_")
def dup(interp):
    "a -> a a   duplicate the top object"
    s = interp.ostack
    s.append(s[-1])


@reg.builtin("exch", "exch_")
def exch(interp):
    "a b -> b a   swap the two top objects"
    s = interp.ostack
    s[-1], s[-2] = s[-2], s[-1]


@reg.builtin("over")
def over(interp):
    "a b -> a b a   copy the object below the top"
    s = interp.ostack
    s.append(s[-2])


@reg.builtin("index", "pick")
def index(interp):
    "an ... a0 k -> an ... a0 ak   copy the object at level k"
    s = interp.ostack
    k = _count(interp)
    if k < 0:
        raise range_check()
    if len(s) < k + 2:
        raise IndexError
    s[-1] = s[-2 - k]


@reg.builtin("copy")
def copy(interp):
    "a1 ... an n -> a1 ... an a1 ... an   duplicate the top n objects"
    s = interp.ostack
    n = _count(interp)
    if n < 0:
        raise range_check()
    if len(s) < n + 1:
        raise IndexError
    s.pop()
    if n:
        s.extend(s[-n:])


@reg.builtin("roll")
def roll(interp):
    "a(n-1) ... a0 n k -> ...   rotate the top n objects by k positions towards the top"
    s = interp.ostack
    k = _count(interp)
    n = _count(interp, 1)
    if n < 0:
        raise range_check()
    if len(s) < n + 2:
        raise IndexError
    del s[-2:]
    if n:
        k %= n
        if k:
            block = s[-n:]
            s[-n:] = block[-k:] + block[:-k]


@reg.builtin("rollu")
def rollu(interp):
    "a b c -> c a b"
    s = interp.ostack
    a, b, c = s[-3], s[-2], s[-1]
    s[-3], s[-2], s[-1] = c, a, b


@reg.builtin("rolld")
def rolld(interp):
    "a b c -> b c a"
    s = interp.ostack
    a, b, c = s[-3], s[-2], s[-1]
    s[-3], s[-2], s[-1] = b, c, a


@reg.builtin("rot")
def rot(interp):
    "a1 ... an -> an a1 ... a(n-1)   rotate the whole stack up by one"
    s = interp.ostack
    if s:
        s.insert(0, s.pop())


@reg.builtin("count")
def count(interp):
    "-> n   number of objects on the operand stack"
    interp.ostack.append(len(interp.ostack))


@reg.builtin("clear")
def clear(interp):
    "a1 ... an ->   empty the operand stack"
    interp.ostack.clear()


def _mark_position(interp) -> int:
    s = interp.ostack
    for i in range(len(s) - 1, -1, -1):
        item = s[i]
        if type(item) is Literal and item == "mark":
            return i
    raise SliError("UnmatchedMark")


@reg.builtin("counttomark")
def counttomark(interp):
    "mark a1 ... an -> mark a1 ... an n   number of objects above the topmost mark"
    s = interp.ostack
    s.append(len(s) - 1 - _mark_position(interp))


@reg.builtin("operandstack")
def operandstack(interp):
    "-> [a1 ... an]   copy of the operand stack (bottom first)"
    interp.ostack.append(list(interp.ostack))


@reg.builtin("restoreostack")
def restoreostack(interp):
    "[a1 ... an] -> a1 ... an   replace the operand stack by the array's elements"
    s = interp.ostack
    if type(s[-1]) is not list:
        raise ArgumentType(0)
    items = s[-1]
    s[:] = items


@reg.builtin("execstack")
def execstack(interp):
    "-> array   copy of the execution stack"
    interp.ostack.append([getattr(f, "proc", f) for f in interp.estack[1:]])


@reg.builtin("restoreestack")
def restoreestack(interp):
    "array ->   replace the execution stack (low level)"
    s = interp.ostack
    if type(s[-1]) is not list:
        raise ArgumentType(0)
    items = s.pop()
    del interp.estack[1:]
    for obj in items:
        interp.schedule(obj)


for _key in ("mark", "[", "<<", "<.", "<#", "<", "switchbegin"):
    reg.constant(_key, MARK)
