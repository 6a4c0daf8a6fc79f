"""Control flow: conditionals, loops, exit, stopped/stop, errors, quit (sections 3.4–3.6, 6.5, 6.16)."""
from __future__ import annotations

from ..datums import (
    Builtin,
    LiteralProcedure,
    DoubleVector,
    IntVector,
    Dictionary,
    Literal,
    Procedure,
    RangeIterator,
    lit,
)
from ..errors import ArgumentType, QuitInterpreter, SliError, type_mismatch
from ..frames import (
    FileFrame,
    ForallFrame,
    ForFrame,
    LoopFrame,
    MarkFrame,
    RepeatFrame,
    StoppedFrame,
)
from ..datums import type_name
from . import Registry

reg = Registry()


def _as_procedure(obj) -> Procedure:
    """Loop bodies are procedures; any other object becomes a one-element body."""
    return obj if type(obj) is Procedure else Procedure((obj,))


@reg.builtin("if", "if_")
def if_(interp):
    "bool proc ->   execute proc if bool is true"
    s = interp.ostack
    cond = s[-2]
    if type(cond) is not bool:
        raise type_mismatch("booltype", type_name(cond))
    obj = s.pop()
    s.pop()
    if cond:
        interp.schedule(obj)


@reg.builtin("ifelse", "ifelse_")
def ifelse(interp):
    "bool proc1 proc2 ->   execute proc1 if bool is true, proc2 otherwise"
    s = interp.ostack
    cond = s[-3]
    if type(cond) is not bool:
        raise type_mismatch("booltype", type_name(cond))
    no = s.pop()
    yes = s.pop()
    s.pop()
    interp.schedule(yes if cond else no)


@reg.builtin("exec", "exec_")
def exec_(interp):
    "obj ->   execute obj (data objects are pushed back)"
    interp.schedule(interp.ostack.pop())


@reg.builtin("loop")
def loop(interp):
    "proc ->   execute proc until exit"
    interp.estack.append(LoopFrame(_as_procedure(interp.ostack.pop())))


@reg.builtin("exit")
def exit_(interp):
    "->   leave the innermost loop"
    estack = interp.estack
    for i in range(len(estack) - 1, -1, -1):
        if getattr(estack[i], "is_loop", False):
            del estack[i:]
            return
    raise SliError("EStackUnderflow")


@reg.builtin("repeat_")
def repeat(interp):
    "n proc ->   execute proc n times"
    s = interp.ostack
    n = s[-2]
    if type(n) is not int:
        raise ArgumentType(1)
    proc = s.pop()
    s.pop()
    if n > 0:
        interp.estack.append(RepeatFrame(_as_procedure(proc), n))


@reg.builtin("for_i")
def for_i(interp):
    "start increment limit proc ->   counting loop over integers, pushes the counter"
    s = interp.ostack
    start, inc, limit = s[-4], s[-3], s[-2]
    if not (type(start) is int and type(inc) is int and type(limit) is int):
        raise ArgumentType(1)
    proc = s.pop()
    del s[-3:]
    if inc == 0 or (inc > 0 and start > limit) or (inc < 0 and start < limit):
        return
    s.append(start)
    interp.estack.append(ForFrame(_as_procedure(proc), start, inc, limit))


def _for_doubles(interp):
    "start increment limit proc ->   counting loop with a double among the bounds"
    s = interp.ostack
    start, inc, limit = (float(x) for x in s[-4:-1])
    for x in s[-4:-1]:
        if type(x) not in (int, float):
            raise ArgumentType(1)
    proc = s.pop()
    del s[-3:]
    values = []
    if inc > 0:
        n = int((limit - start) / inc + 1e-9) + 1 if limit >= start else 0
    elif inc < 0:
        n = int((start - limit) / -inc + 1e-9) + 1 if limit <= start else 0
    else:
        n = 0
    values = [start + i * inc for i in range(max(n, 0))]
    _start_forall(interp, _as_procedure(proc), values)


def _start_forall(interp, proc: Procedure, items, indexed: bool = False) -> None:
    frame = ForallFrame(proc, items, indexed)
    if frame.start(interp):
        interp.estack.append(frame)


@reg.builtin("forall_a")
def forall_a(interp):
    "array proc ->   execute proc for every element"
    s = interp.ostack
    proc = s.pop()
    _start_forall(interp, _as_procedure(proc), s.pop())


@reg.builtin("forall_s")
def forall_s(interp):
    "string proc ->   execute proc for every byte value"
    s = interp.ostack
    proc = s.pop()
    _start_forall(interp, _as_procedure(proc), [ord(c) for c in s.pop()])


@reg.builtin("forall_iv", "forall_dv")
def forall_vector(interp):
    "vector proc ->   execute proc for every element"
    s = interp.ostack
    proc = s.pop()
    _start_forall(interp, _as_procedure(proc), s.pop().a.tolist())


@reg.builtin("forall_iter")
def forall_iter(interp):
    "iterator proc ->   execute proc for every value of a RangeIterator"
    s = interp.ostack
    proc = s.pop()
    _start_forall(interp, _as_procedure(proc), list(s.pop().values()))


@reg.builtin("forall_di")
def forall_di(interp):
    "dict proc ->   execute proc with /key value for every entry (of a snapshot)"
    s = interp.ostack
    proc = s.pop()
    d = s.pop()
    flat = []
    for k, v in d.items_in_order():
        flat.append((lit(k), v))
    proc = _as_procedure(proc)
    # each pass pushes two objects: expand to a body that receives the pair
    _start_forall(interp, Procedure((_PUSH_PAIR,) + proc.body), flat)


def _push_pair(interp):
    s = interp.ostack
    k, v = s.pop()
    s.append(k)
    s.append(v)


_PUSH_PAIR = Builtin("::forall_di", _push_pair)


@reg.builtin("forallindexed_a")
def forallindexed_a(interp):
    "array proc ->   execute proc with element and 0-based index"
    s = interp.ostack
    proc = s.pop()
    _start_forall(interp, _as_procedure(proc), s.pop(), indexed=True)


@reg.builtin("forallindexed_s")
def forallindexed_s(interp):
    "string proc ->   execute proc with byte value and 0-based index"
    s = interp.ostack
    proc = s.pop()
    _start_forall(interp, _as_procedure(proc), [ord(c) for c in s.pop()], indexed=True)


@reg.builtin("stopped")
def stopped(interp):
    "obj -> bool   execute obj; true if it was ended by stop or an error"
    obj = interp.ostack.pop()
    interp.estack.append(StoppedFrame())
    interp.schedule(obj)


@reg.builtin("stop")
def stop(interp):
    "->   unwind to the nearest stopped context"
    interp.stop()


@reg.builtin("case", "case_")
def case(interp):
    "bool proc -> proc | -   keep proc if bool is true (part of switch)"
    s = interp.ostack
    cond = s[-2]
    if type(cond) is not bool:
        raise type_mismatch("booltype", type_name(cond))
    proc = s.pop()
    s.pop()
    if cond:
        s.append(proc)


def _mark_index(s) -> int:
    for i in range(len(s) - 1, -1, -1):
        if type(s[i]) is Literal and s[i] == "mark":
            return i
    raise SliError("UnmatchedMark")


@reg.builtin("switch")
def switch(interp):
    "mark obj1 ... objn ->   execute the objects above the mark until one calls exit"
    s = interp.ostack
    i = _mark_index(s)
    objs = s[i + 1:]
    del s[i:]
    interp.estack.append(MarkFrame())
    for obj in reversed(objs):
        interp.schedule(obj)


@reg.builtin("switchdefault")
def switchdefault(interp):
    "mark obj1 ... objn default ->   like switch; default runs only if nothing else is there"
    s = interp.ostack
    i = _mark_index(s)
    objs = s[i + 1:]
    del s[i:]
    if len(objs) > 1:
        objs = objs[:-1]
    interp.estack.append(MarkFrame())
    for obj in reversed(objs):
        interp.schedule(obj)


@reg.builtin("quit")
def quit_(interp):
    "->   leave the interpreter with exit code statusdict/exitcode"
    code = interp.statusdict.get("exitcode", 0)
    raise QuitInterpreter(code if type(code) is int else 0)


@reg.builtin("quit_i")
def quit_i(interp):
    "n ->   leave the interpreter with exit code n"
    code = interp.ostack[-1]
    if type(code) is not int:
        raise ArgumentType(0)
    interp.ostack.pop()
    interp.statusdict["exitcode"] = code
    raise QuitInterpreter(code)


@reg.builtin("closeinput")
def closeinput(interp):
    "->   stop reading the current input file"
    estack = interp.estack
    for i in range(len(estack) - 1, -1, -1):
        if type(estack[i]) is FileFrame:
            del estack[i:]
            return


@reg.builtin("raiseerror")
def raiseerror(interp):
    "/command /errorname ->   raise an error"
    s = interp.ostack
    err, cmd = s[-1], s[-2]
    if type(err) is not Literal or type(cmd) is not Literal:
        raise ArgumentType(0 if type(err) is not Literal else 1)
    del s[-2:]
    interp.raise_error(str(cmd), str(err))


@reg.builtin("raiseagain")
def raiseagain(interp):
    "->   raise the last error again"
    ed = interp.errordict
    ed["newerror"] = False
    interp.raise_error(str(ed.get("commandname", "")), str(ed.get("errorname", "")),
                       ed.get("message"))


@reg.builtin("print_error")
def print_error(interp):
    "/command ->   print the error described in errordict"
    cmd = interp.ostack.pop()
    interp.print_error(str(cmd))


@reg.builtin("handleerror")
def handleerror(interp):
    "/command ->   print the pending error (or 'Software Interrupt') and reset newerror"
    s = interp.ostack
    ed = interp.errordict
    cmd = s.pop() if s else lit("")
    if ed.get("newerror") is True:
        interp.print_error(str(cmd) if type(cmd) in (Literal, str) else str(ed.get("commandname", "")))
        ed["newerror"] = False
    else:
        interp.write("\n Software Interrupt \n\n")


@reg.builtin("currentname")
def currentname(interp):
    "-> false   name of the running procedure (not tracked, as in the reference)"
    interp.ostack.append(False)


@reg.builtin("noop")
def noop(interp):
    "->   does nothing"


@reg.builtin("cycles")
def cycles(interp):
    "-> n   interpreter cycles so far (approximate: counted per execution-stack step)"
    interp.ostack.append(interp.cycles)


@reg.builtin("setguard")
def setguard(interp):
    "n ->   accepted and ignored, as in the reference"
    interp.ostack.pop()


@reg.builtin("removeguard")
def removeguard(interp):
    "->   accepted and ignored"


reg.trie("repeat", [("integertype proceduretype", "repeat_")])
reg.trie("for", [
    ("integertype integertype integertype proceduretype", "for_i"),
    ("anytype integertype integertype proceduretype", _for_doubles),
    ("anytype anytype integertype proceduretype", _for_doubles),
    ("anytype anytype anytype proceduretype", _for_doubles),
])
reg.trie("forall", [
    ("arraytype proceduretype", "forall_a"),
    ("stringtype proceduretype", "forall_s"),
    ("iteratortype proceduretype", "forall_iter"),
    ("dictionarytype proceduretype", "forall_di"),
    ("doublevectortype proceduretype", "forall_dv"),
    ("intvectortype proceduretype", "forall_iv"),
])
reg.trie("forallindexed", [
    ("arraytype proceduretype", "forallindexed_a"),
    ("stringtype proceduretype", "forallindexed_s"),
])
reg.trie("raiseerror", [("literaltype literaltype", "raiseerror")])


# -- SLIFunctionWrapper: overloaded functions with named local parameters -----------------------

class _WrapperCall:
    """State of one SLIFunctionWrapper call: the operands to restore if the body fails."""


def _wrapper_leaf(fname: str, names: list, body: Procedure) -> Procedure:
    n = len(names)

    def enter(interp):
        s = interp.ostack
        if len(s) < n:
            raise IndexError
        args = s[len(s) - n:]
        local = Dictionary()
        for key, value in zip(names, args):
            local[key] = value
        del s[len(s) - n:]
        local[":sfw_args"] = args
        interp.begin(local)

    def leave(interp):
        interp.end()

    def fail(interp):
        # restore the caller's operands, then report the error as raised by the function
        s = interp.ostack
        local = interp.dstack[-1]
        args = local.data.get(":sfw_args", [])
        interp.end()
        ed = interp.errordict
        if ed.get("newerror") is True:
            s.extend(args)
            ed["newerror"] = False
            interp.raise_error(fname, str(ed.get("errorname", "")), ed.get("message"))
        else:
            interp.stop()

    return Procedure((
        Builtin(":sfw_enter", enter),
        LiteralProcedure(body),
        _STOPPED_BUILTIN,
        LiteralProcedure(Procedure((Builtin(":sfw_fail", fail),))),
        LiteralProcedure(Procedure((Builtin(":sfw_leave", leave),))),
        _IFELSE_BUILTIN,
    ))


@reg.builtin("SLIFunctionWrapper")
def sli_function_wrapper(interp):
    "/name [/types] [/vars] proc -> | /name [/t1 /v1 ...] proc ->   define a function with named parameters"
    s = interp.ostack
    body = s[-1]
    if type(body) is not Procedure:
        raise ArgumentType(0)
    if len(s) >= 4 and type(s[-3]) is list and type(s[-2]) is list and type(s[-4]) is Literal:
        fname, types, names, n = s[-4], s[-3], s[-2], 4
    elif len(s) >= 3 and type(s[-2]) is list and type(s[-3]) is Literal:
        pairs = s[-2]
        if len(pairs) % 2:
            raise ArgumentType(1, "The parameter list must hold type/name pairs.")
        fname, types, names, n = s[-3], pairs[::2], pairs[1::2], 3
    else:
        raise ArgumentType(1)
    if len(types) != len(names) or not all(type(x) is Literal for x in list(types) + list(names)):
        raise ArgumentType(1, "Types and parameter names must be literals of equal number.")
    from ..tries import Trie

    leaf = _wrapper_leaf(str(fname), list(names), body)
    del s[-n:]
    if types:
        existing = interp.lookup(fname)
        trie = existing if type(existing) is Trie else Trie(str(fname))
        trie.add([str(t) for t in types], leaf)
        interp.dstack[-1][fname] = trie
    else:
        interp.dstack[-1][fname] = leaf


_STOPPED_BUILTIN = Builtin("stopped", stopped)
_IFELSE_BUILTIN = Builtin("ifelse", ifelse)
