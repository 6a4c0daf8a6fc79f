"""Arrays, generic containers, Mathematica-style list operators, numeric vectors and the
functional operators (sections 6.5 functional part, 6.9, 6.11, 6.12, 6.26 ``arraylib``).

Conventions: PostScript-style operators (``get``, ``put``, ``getinterval``, ``search``, ``insert``,
``erase``) are 0-based; Mathematica-style ones (``Part``, ``Take``, ``Drop``, ``Range``, ``Table``,
``MapIndexed``, ``MapAt``, ``ReplacePart``) are 1-based and count negative positions from the end.
Arrays are never mutated in place; every operator builds a new list. String operators on
single strings live in :mod:`sli.builtins.strings`; the tries here refer to them by name.
"""
from __future__ import annotations

import math
from typing import Any, List

import numpy as np

from ..datums import (
    MARK,
    Builtin,
    Dictionary,
    DoubleVector,
    IntVector,
    Literal,
    LiteralProcedure,
    Name,
    Procedure,
    RangeIterator,
    datum_equal,
    lit,
    name,
    type_name,
)
from ..errors import ArgumentType, SliError, StackUnderflow, range_check
from ..frames import MapFrame
from . import Registry, generator_builtin

M_INFO, M_WARNING, M_ERROR = 10, 20, 30


class _ArrayRegistry(Registry):
    """Registry that also gives every interpreter its own ``arraylib`` namespace dictionary."""

    def install_builtins(self, interp) -> None:
        super().install_builtins(interp)
        interp.systemdict["arraylib"] = _make_arraylib()


reg = _ArrayRegistry()

_NUM = (int, float)
_VECTORS = (IntVector, DoubleVector)


def _as_procedure(obj) -> Procedure:
    return obj if type(obj) is Procedure else Procedure((obj,))


def _int(obj, level: int) -> int:
    if type(obj) is not int:
        raise ArgumentType(level)
    return obj


def _array(obj, level: int) -> list:
    if type(obj) is not list:
        raise ArgumentType(level)
    return obj


def _take_result(interp, command: str) -> Any:
    """The top object after a call of user code is the result (StackUnderflow if none)."""
    if not interp.ostack:
        err = StackUnderflow(1, 0)
        err.command = command
        raise err
    return interp.ostack.pop()


def _mark_index(s) -> int:
    for i in range(len(s) - 1, -1, -1):
        if type(s[i]) is Literal and s[i] == "mark":
            return i
    return -1


# ================================================================================================
# construction
# ================================================================================================

@reg.builtin("]", "arraycreate")
def arraycreate(interp):
    "mark a1 ... an -> [a1 ... an]   collect the objects above the topmost mark"
    s = interp.ostack
    i = _mark_index(s)
    if i < 0:
        interp.emit_message(M_ERROR, "arraycreate", "", "Opening bracket missing.")
        raise SliError("SyntaxError")
    items = s[i + 1:]
    del s[i:]
    s.append(items)


@reg.builtin("arraystore")
def arraystore(interp):
    "a1 ... an n -> [a1 ... an]   pack the top n objects into an array"
    s = interp.ostack
    n = _int(s[-1], 0)
    if n < 0:
        raise range_check()
    if len(s) < n + 1:
        raise StackUnderflow(n + 1, len(s))
    s.pop()
    items = s[len(s) - n:]
    del s[len(s) - n:]
    s.append(items)


@reg.builtin("arrayload", "arrayload_")
def arrayload(interp):
    "[a1 ... an] -> a1 ... an n   unpack an array and push its length"
    s = interp.ostack
    a = _array(s[-1], 0)
    s.pop()
    s.extend(a)
    s.append(len(a))


def _arrayload_vec(interp):
    "vector -> x1 ... xn n"
    s = interp.ostack
    a = s.pop().a.tolist()
    s.extend(a)
    s.append(len(a))


reg.trie("arrayload", [("arraytype", "arrayload"), ("intvectortype", _arrayload_vec),
                       ("doublevectortype", _arrayload_vec)])


def _array_n(interp):
    "n -> [0 0 ... 0]   array of n integer zeros"
    s = interp.ostack
    n = s[-1]
    if n < 0:
        raise range_check()
    s[-1] = [0] * n


reg.trie("array", [("integertype", _array_n)])


# ================================================================================================
# length, size, empty, capacity
# ================================================================================================

@reg.builtin("length_a")
def length_a(interp):
    "array -> n"
    s = interp.ostack
    s[-1] = len(s[-1])


@reg.builtin("length_p", "length_lp")
def length_p(interp):
    "proc -> n   number of body elements"
    s = interp.ostack
    s[-1] = len(s[-1].body)


@reg.builtin("length_iv", "length_dv")
def length_vec(interp):
    "vector -> n"
    s = interp.ostack
    s[-1] = int(len(s[-1].a))


reg.trie("length", [
    ("proceduretype", "length_p"), ("literalproceduretype", "length_lp"), ("arraytype", "length_a"),
    ("stringtype", "length_s"), ("dictionarytype", "length_d"), ("doublevectortype", "length_dv"),
    ("intvectortype", "length_iv"),
])


@reg.builtin("size_a")
def size_a(interp):
    "array -> array n"
    s = interp.ostack
    s.append(len(s[-1]))


@reg.builtin("size_iter")
def size_iter(interp):
    "iterator -> iterator n"
    s = interp.ostack
    s.append(len(s[-1].values()))


def _size_vec(interp):
    "vector -> vector n"
    s = interp.ostack
    s.append(int(len(s[-1].a)))


reg.trie("size", [("arraytype", "size_a"), ("stringtype", "size_s"), ("iteratortype", "size_iter"),
                  ("intvectortype", _size_vec), ("doublevectortype", _size_vec)])


@reg.builtin("empty_a")
def empty_a(interp):
    "array -> array bool"
    s = interp.ostack
    s.append(not s[-1])


reg.trie("empty", [("arraytype", "empty_a"), ("dictionarytype", "empty_D"), ("stringtype", "empty_s")])


@reg.builtin("capacity_a")
def capacity_a(interp):
    "array -> array n   allocated capacity (here: the length)"
    s = interp.ostack
    s.append(len(s[-1]))


@reg.builtin("reserve_a")
def reserve_a(interp):
    "array n -> array   pre-allocate capacity (no effect on the contents)"
    s = interp.ostack
    if s[-1] < 0:
        raise range_check()
    s.pop()


@reg.builtin(":resize_a")
def resize_a(interp):
    "array n -> array   truncate or extend (with integer zeros) to n elements"
    s = interp.ostack
    n = s[-1]
    if n < 0:
        raise range_check()
    s.pop()
    a = s[-1]
    s[-1] = a[:n] + [0] * (n - len(a))


@reg.builtin("shrink_a")
def shrink_a(interp):
    "array -> array bool   release unused capacity (always true here)"
    interp.ostack.append(True)


@reg.builtin("references_a")
def references_a(interp):
    "array -> array n   reference count of the array storage (1 here: value semantics)"
    interp.ostack.append(1)


@reg.builtin("allocations")
def allocations(interp):
    "-> n   global count of array reallocations (0 here)"
    interp.ostack.append(0)


@reg.builtin("valid_a")
def valid_a(interp):
    "array -> array bool   internal consistency check"
    s = interp.ostack
    _array(s[-1], 0)
    s.append(True)


reg.trie("capacity", [("arraytype", "capacity_a"), ("stringtype", "capacity_s")])
reg.trie("reserve", [("arraytype integertype", "reserve_a"), ("stringtype integertype", "reserve_s")])
reg.trie(":resize", [("arraytype integertype", ":resize_a"), ("stringtype integertype", ":resize_s")])
reg.trie("shrink", [("arraytype", "shrink_a")])
reg.trie("references", [("arraytype", "references_a")])


# ================================================================================================
# get / put
# ================================================================================================

def _index(seq_len: int, i: int) -> int:
    if i < 0 or i >= seq_len:
        raise range_check()
    return i


@reg.builtin("get_a")
def get_a(interp):
    "array i -> obj   element i (0-based)"
    s = interp.ostack
    a, i = s[-2], s[-1]
    value = a[_index(len(a), i)]
    s.pop()
    s[-1] = value


@reg.builtin("get_p", "get_lp")
def get_p(interp):
    "proc i -> obj   body element i (0-based)"
    s = interp.ostack
    body, i = s[-2].body, s[-1]
    value = body[_index(len(body), i)]
    if type(value) is LiteralProcedure:
        value = value.proc
    s.pop()
    s[-1] = value


@reg.builtin("get_a_a")
def get_a_a(interp):
    "array [i1 ... in] -> [a_i1 ... a_in]   several elements at once (0-based)"
    s = interp.ostack
    a, idx = s[-2], s[-1]
    out = []
    for i in idx:
        if type(i) is not int:
            raise ArgumentType(0)
        out.append(a[_index(len(a), i)])
    s.pop()
    s[-1] = out


def get_path(obj, path) -> Any:
    """Follow ``path`` like repeated ``get``: literals in dictionaries, 0-based integers in
    arrays, procedures, strings and vectors. An array in the path selects several entries at
    that level (``dict [[/a /b]] get`` -> ``[a b]``, as PyNEST's GetStatus with a key list uses)."""
    for key in path:
        t = type(obj)
        if type(key) is list:
            return [get_path(obj, [k]) for k in key]
        if t is Dictionary:
            if type(key) not in (Literal, Name):
                raise ArgumentType(0)
            value = obj.data.get(key)
            if value is None:
                raise SliError("DictError", f"Key '/{key}' does not exist in dictionary.")
            obj = value
        elif type(key) is not int:
            raise ArgumentType(0)
        elif t is list:
            obj = obj[_index(len(obj), key)]
        elif t in (Procedure, LiteralProcedure):
            obj = obj.body[_index(len(obj.body), key)]
            if type(obj) is LiteralProcedure:
                obj = obj.proc
        elif t is str:
            obj = ord(obj[_index(len(obj), key)])
        elif t in _VECTORS:
            obj = obj.a[_index(len(obj.a), key)].item()
        else:
            raise ArgumentType(1)
    return obj


@reg.builtin("get_d_a")
def get_d_a(interp):
    "dict [k1 ... kn] -> obj   nested lookup: every key is applied with get"
    s = interp.ostack
    value = get_path(s[-2], s[-1])
    s.pop()
    s[-1] = value


@reg.builtin("get_iv_i", "get_dv_i")
def get_vec_i(interp):
    "vector i -> x   element i (0-based)"
    s = interp.ostack
    v, i = s[-2], s[-1]
    value = v.a[_index(len(v.a), i)].item()
    s.pop()
    s[-1] = value


@reg.builtin("get_iv_iv", "get_dv_iv")
def get_vec_iv(interp):
    "vector intvector -> vector   the elements at the given 0-based indices"
    s = interp.ostack
    v, idx = s[-2], s[-1]
    n = len(v.a)
    ind = idx.a
    if len(ind) and (ind.min() < 0 or ind.max() >= n):
        raise range_check()
    result = type(v)(v.a[ind])
    s.pop()
    s[-1] = result


def _get_vec_a(interp):
    "vector [i1 ... in] -> vector   the elements at the given 0-based indices"
    s = interp.ostack
    idx = s[-1]
    if not all(type(i) in _NUM for i in idx):
        raise ArgumentType(0)
    s[-1] = IntVector([int(i) for i in idx])
    get_vec_iv(interp)


reg.trie("get", [
    ("arraytype integertype", "get_a"), ("proceduretype integertype", "get_p"),
    ("literalproceduretype integertype", "get_lp"), ("stringtype integertype", "get_s"),
    ("doublevectortype integertype", "get_dv_i"), ("intvectortype integertype", "get_iv_i"),
    ("arraytype arraytype", "get_a_a"), ("dictionarytype arraytype", "get_d_a"),
    ("intvectortype arraytype", _get_vec_a), ("doublevectortype arraytype", _get_vec_a),
    ("dictionarytype literaltype", "get_d"),
    ("doublevectortype intvectortype", "get_dv_iv"), ("intvectortype intvectortype", "get_iv_iv"),
])


@reg.builtin("put_a")
def put_a(interp):
    "array i obj -> array'   replace element i (0-based)"
    s = interp.ostack
    a, i = s[-3], s[-2]
    _index(len(a), i)
    value = s.pop()
    s.pop()
    new = list(a)
    new[i] = value
    s[-1] = new


@reg.builtin("put_p")
def put_p(interp):
    "proc i obj -> proc'   replace body element i (0-based)"
    s = interp.ostack
    p, i = s[-3], s[-2]
    _index(len(p.body), i)
    value = s.pop()
    s.pop()
    body = list(p.body)
    body[i] = value
    s[-1] = Procedure(body)


@reg.builtin("put_lp")
def put_lp(interp):
    "literal proc i obj -> literal proc'   replace body element i (0-based)"
    s = interp.ostack
    p, i = s[-3], s[-2]
    _index(len(p.body), i)
    value = s.pop()
    s.pop()
    body = list(p.body)
    body[i] = value
    s[-1] = LiteralProcedure(Procedure(body))


def _put_path(obj, path, value):
    if not path:
        return value
    i = path[0]
    if type(i) is not int:
        raise ArgumentType(1)
    if type(obj) is not list:
        raise ArgumentType(2)
    _index(len(obj), i)
    new = list(obj)
    new[i] = _put_path(obj[i], path[1:], value)
    return new


@reg.builtin("put_a_a_t")
def put_a_a_t(interp):
    "array [i1 ... in] obj -> array'   replace an element of nested arrays (0-based path)"
    s = interp.ostack
    a, path, value = s[-3], s[-2], s[-1]
    if not path:
        raise range_check()
    new = _put_path(a, path, value)
    del s[-2:]
    s[-1] = new


@reg.builtin("put_iv_i_i", "put_dv_i_d")
def put_vec(interp):
    "vector i x -> vector   store x at index i (the vector is shared, as in the reference)"
    s = interp.ostack
    v, i = s[-3], s[-2]
    _index(len(v.a), i)
    x = s.pop()
    s.pop()
    v.a[i] = x


reg.trie("put", [
    ("arraytype integertype integertype", "put_a"), ("stringtype integertype integertype", "put_s"),
    ("proceduretype integertype integertype", "put_p"),
    ("literalproceduretype integertype integertype", "put_lp"),
    ("intvectortype integertype integertype", "put_iv_i_i"),
    ("arraytype arraytype integertype", "put_a_a_t"),
    ("dictionarytype literaltype integertype", "put_d"),
    ("arraytype arraytype doubletype", "put_a_a_t"), ("proceduretype integertype doubletype", "put_p"),
    ("literalproceduretype integertype doubletype", "put_lp"),
    ("doublevectortype integertype doubletype", "put_dv_i_d"),
    ("dictionarytype literaltype doubletype", "put_d"),
    ("arraytype arraytype anytype", "put_a_a_t"), ("arraytype integertype anytype", "put_a"),
    ("literalproceduretype integertype anytype", "put_lp"),
    ("proceduretype integertype anytype", "put_p"), ("dictionarytype literaltype anytype", "put_d"),
])


# ================================================================================================
# intervals, append, prepend, join, insert, replace, erase, search
# ================================================================================================

def _interval(n: int, start: int, count: int) -> None:
    if start < 0 or count < 0 or start > n or start + count > n:
        raise range_check()


@reg.builtin("getinterval_a")
def getinterval_a(interp):
    "array start n -> array'   n elements from start (0-based)"
    s = interp.ostack
    a, start, count = s[-3], s[-2], s[-1]
    _interval(len(a), start, count)
    del s[-2:]
    s[-1] = a[start:start + count]


def _getinterval_vec(interp):
    "vector start n -> vector'"
    s = interp.ostack
    v, start, count = s[-3], s[-2], s[-1]
    _interval(len(v.a), start, count)
    del s[-2:]
    s[-1] = type(v)(v.a[start:start + count].copy())


reg.trie("getinterval", [
    ("arraytype integertype integertype", "getinterval_a"),
    ("stringtype integertype integertype", "getinterval_s"),
    ("intvectortype integertype integertype", _getinterval_vec),
    ("doublevectortype integertype integertype", _getinterval_vec),
])


def _seq_replace(c, start: int, n: int, sub):
    """std::string::replace-like: start must be within 0..len, n is clipped."""
    if start < 0 or start > len(c) or n < 0:
        raise range_check()
    return c[:start] + sub + c[start + n:]


@reg.builtin("putinterval")
def putinterval(interp):
    "container start sub -> container'   overwrite the elements from start with sub"
    s = interp.ostack
    c, start, sub = s[-3], s[-2], s[-1]
    tc = type(c)
    if tc not in (list, str) or type(sub) is not tc:
        raise ArgumentType(0 if tc in (list, str) else 2)
    if type(start) is not int:
        raise ArgumentType(1)
    if start < 0 or start + len(sub) > len(c):
        raise range_check()
    del s[-2:]
    s[-1] = _seq_replace(c, start, len(sub), sub)


@reg.builtin("append_a")
def append_a(interp):
    "array obj -> array'   add obj at the end"
    s = interp.ostack
    obj = s.pop()
    s[-1] = s[-1] + [obj]


@reg.builtin("append_p")
def append_p(interp):
    "proc obj -> proc'   add obj at the end of the body"
    s = interp.ostack
    obj = s.pop()
    s[-1] = Procedure(s[-1].body + (obj,))


@reg.builtin("prepend_a")
def prepend_a(interp):
    "array obj -> array'   add obj at the front"
    s = interp.ostack
    obj = s.pop()
    s[-1] = [obj] + s[-1]


@reg.builtin("prepend_p")
def prepend_p(interp):
    "proc obj -> proc'   add obj at the front of the body"
    s = interp.ostack
    obj = s.pop()
    s[-1] = Procedure((obj,) + s[-1].body)


reg.trie("append", [
    ("arraytype integertype", "append_a"), ("proceduretype integertype", "append_p"),
    ("stringtype integertype", "append_s"), ("arraytype anytype", "append_a"),
    ("proceduretype anytype", "append_p"),
])
reg.trie("prepend", [
    ("arraytype integertype", "prepend_a"), ("proceduretype integertype", "prepend_p"),
    ("stringtype integertype", "prepend_s"), ("arraytype anytype", "prepend_a"),
    ("proceduretype anytype", "prepend_p"),
])


@reg.builtin("join_a")
def join_a(interp):
    "array1 array2 -> array1array2"
    s = interp.ostack
    b = s.pop()
    s[-1] = s[-1] + b


@reg.builtin("join_p")
def join_p(interp):
    "proc1 proc2 -> proc   concatenated bodies"
    s = interp.ostack
    b = s.pop()
    s[-1] = Procedure(s[-1].body + b.body)


reg.trie("join", [("arraytype arraytype", "join_a"), ("stringtype stringtype", "join_s"),
                  ("proceduretype proceduretype", "join_p"), ("dictionarytype dictionarytype", "join_d")])


@reg.builtin("insert_a")
def insert_a(interp):
    "array1 i array2 -> array3   insert the elements of array2 before position i (0-based)"
    s = interp.ostack
    a, i, b = s[-3], s[-2], s[-1]
    if i < 0 or i > len(a):
        raise range_check()
    del s[-2:]
    s[-1] = a[:i] + b + a[i:]


@reg.builtin("insertelement_a")
def insertelement_a(interp):
    "array i obj -> array'   insert obj before position i (0-based)"
    s = interp.ostack
    a, i, obj = s[-3], s[-2], s[-1]
    if i < 0 or i > len(a):
        raise range_check()
    del s[-2:]
    s[-1] = a[:i] + [obj] + a[i:]


reg.trie("insert", [("arraytype integertype arraytype", "insert_a"),
                    ("stringtype integertype stringtype", "insert_s")])
reg.trie("insertelement", [("stringtype integertype integertype", "insertelement_s"),
                           ("arraytype integertype anytype", "insertelement_a")])


@reg.builtin("replace_a")
def replace_a(interp):
    "array1 start n array2 -> array3   replace n elements from start by the elements of array2"
    s = interp.ostack
    a, start, n, b = s[-4], s[-3], s[-2], s[-1]
    result = _seq_replace(a, start, n, b)
    del s[-3:]
    s[-1] = result


reg.trie("replace", [("arraytype integertype integertype arraytype", "replace_a"),
                     ("stringtype integertype integertype stringtype", "replace_s")])


@reg.builtin("erase_a")
def erase_a(interp):
    "array start n -> array'   remove n elements from start (0-based)"
    s = interp.ostack
    a, start, n = s[-3], s[-2], s[-1]
    result = _seq_replace(a, start, n, [])
    del s[-2:]
    s[-1] = result


@reg.builtin("erase_p")
def erase_p(interp):
    "proc start n -> proc'   remove n body elements from start"
    s = interp.ostack
    p, start, n = s[-3], s[-2], s[-1]
    result = _seq_replace(p.body, start, n, ())
    del s[-2:]
    s[-1] = Procedure(result)


def _erase_all(interp):
    "container -> empty container"
    s = interp.ostack
    t = type(s[-1])
    s[-1] = [] if t is list else ("" if t is str else Procedure(()))


reg.trie("erase", [
    ("arraytype", _erase_all), ("proceduretype", _erase_all), ("stringtype", _erase_all),
    ("arraytype integertype integertype", "erase_a"), ("proceduretype integertype integertype", "erase_p"),
    ("stringtype integertype integertype", "erase_s"),
])


def _find_sub(a: list, b: list) -> int:
    n, m = len(a), len(b)
    for i in range(n - m + 1):
        if all(datum_equal(a[i + k], b[k]) for k in range(m)):
            return i
    return -1


@reg.builtin("search_a")
def search_a(interp):
    "array seek -> post match pre true | array false   find the first occurrence of seek"
    s = interp.ostack
    a, b = s[-2], s[-1]
    i = _find_sub(a, b)
    if i < 0:
        s[-1] = False
        return
    s[-2] = a[i + len(b):]
    s[-1] = a[i:i + len(b)]
    s.append(a[:i])
    s.append(True)


reg.trie("search", [("arraytype arraytype", "search_a"), ("stringtype stringtype", "search_s")])


def _searchif(interp):
    "container seek -> bool   true if seek occurs in container"
    s = interp.ostack
    a, b = s[-2], s[-1]
    found = (b in a) if type(a) is str else _find_sub(a, b) >= 0
    s.pop()
    s[-1] = found


reg.trie("searchif", [("stringtype stringtype", _searchif), ("arraytype arraytype", _searchif)])


@reg.builtin("Reverse")
def reverse_a(interp):
    "array -> array'   reversed order"
    s = interp.ostack
    _array(s[-1], 0)
    s[-1] = s[-1][::-1]


reg.trie("reverse", [("stringtype", "reverse_sa"), ("arraytype", "Reverse")])


@reg.builtin("revert")
def revert(interp):
    "container -> container'   deprecated alias of reverse"
    s = interp.ostack
    if type(s[-1]) not in (list, str):
        raise ArgumentType(0)
    interp.emit_message(M_WARNING, "revert", "", "revert is deprecated, use reverse instead.")
    s[-1] = s[-1][::-1]


# ================================================================================================
# First, Last, Rest, Most, Take, Drop, Part, ReplacePart ...
# ================================================================================================

def _container(obj, level: int = 0):
    if type(obj) not in (list, str):
        raise ArgumentType(level)
    return obj


def _elem(c, i: int):
    """Element i of an array or string (byte value for strings)."""
    return ord(c[i]) if type(c) is str else c[i]


@reg.builtin("First")
def first(interp):
    "container -> obj   first element (string: byte value)"
    s = interp.ostack
    c = _container(s[-1])
    if not c:
        raise range_check()
    s[-1] = _elem(c, 0)


@reg.builtin("Last")
def last(interp):
    "container -> obj   last element"
    s = interp.ostack
    c = _container(s[-1])
    if not c:
        raise range_check()
    s[-1] = _elem(c, len(c) - 1)


@reg.builtin("Rest")
def rest(interp):
    "container -> container'   all but the first element"
    s = interp.ostack
    c = s[-1]
    if type(c) is Procedure:
        s[-1] = Procedure(c.body[1:])
        return
    _container(c)
    s[-1] = c[1:]


def _most(interp):
    "container -> container'   all but the last element"
    s = interp.ostack
    c = s[-1]
    if not c:
        raise range_check()
    s[-1] = c[:-1]


reg.trie("Most", [("arraytype", _most), ("stringtype", _most)])


@reg.builtin("LRest")
def lrest(interp):
    "container -> container'   deprecated alias of Most"
    s = interp.ostack
    _container(s[-1])
    interp.emit_message(M_WARNING, "LRest", "", "LRest deprecated, use Most for Mathematica compatibility")
    _most(interp)


def m2s(n: int, i: int) -> int:
    """Mathematica index (1..n, -n..-1) to a 0-based one; RangeCheck when out of range."""
    j = i - 1 if i > 0 else n + i
    if i == 0 or j < 0 or j >= n:
        raise range_check()
    return j


def _slice(c, idx: List[int]):
    return "".join(c[i] for i in idx) if type(c) is str else [c[i] for i in idx]


def _seq_positions(n: int, spec: list, command: str) -> List[int]:
    """0-based positions of a Mathematica sequence spec [i], [i j] or [i j step]."""
    if not all(type(x) is int for x in spec):
        raise ArgumentType(0)
    if len(spec) == 1:
        return [m2s(n, spec[0])]
    if len(spec) in (2, 3):
        step = spec[2] if len(spec) == 3 else 1
        if step == 0:
            raise range_check()
        a = m2s(n, spec[0])
        b = m2s(n, spec[1]) if not (spec[1] == 0 and len(spec) == 2) else -1
        return list(range(a, b + (1 if step > 0 else -1), step))
    raise SliError("IllegalSequenceSpecification", None, command)


def _take_i(interp):
    "container n -> container'   first n (n >= 0) or last -n elements"
    s = interp.ostack
    c, n = s[-2], s[-1]
    if abs(n) > len(c):
        raise range_check()
    s.pop()
    s[-1] = c[:n] if n >= 0 else c[len(c) + n:]


def _take_a(interp):
    "container [n1 n2 (s)] -> container' | container [n] -> element   1-based sequence"
    s = interp.ostack
    c, spec = s[-2], s[-1]
    if spec and all(type(x) is list for x in spec):  # per-level sequence specs
        result = _part(c, [_seq_positions_1based(c, sp) for sp in spec], 0)
        s.pop()
        s[-1] = result
        return
    if len(spec) == 1:
        if type(spec[0]) is not int:
            raise ArgumentType(0)
        value = _elem(c, m2s(len(c), spec[0]))
    else:
        value = _slice(c, _seq_positions(len(c), spec, "Take"))
    s.pop()
    s[-1] = value


def _seq_positions_1based(c, spec):
    level_len = len(c)
    return [i + 1 for i in _seq_positions(level_len, spec, "Take")]


reg.trie("Take", [("arraytype integertype", _take_i), ("stringtype integertype", _take_i),
                  ("arraytype arraytype", _take_a), ("stringtype arraytype", _take_a)])


def _drop_positions(c, spec) -> set:
    if type(spec) is int:
        n = len(c)
        if abs(spec) > n:
            raise range_check()
        return set(range(spec)) if spec >= 0 else set(range(n + spec, n))
    return set(_seq_positions(len(c), spec, "Drop"))


def _drop(c, spec):
    gone = _drop_positions(c, spec)
    keep = [i for i in range(len(c)) if i not in gone]
    return _slice(c, keep)


def _drop_a(interp):
    "array n -> array' | array [n1 (n2 (s))] -> array'   remove elements (1-based)"
    s = interp.ostack
    c, spec = s[-2], s[-1]
    result = _drop(c, spec)
    s.pop()
    s[-1] = result


def _drop_nested(c, specs):
    if not specs:
        return c
    first, rest_ = specs[0], specs[1:]
    reduced = _drop(c, first)
    if not rest_:
        return reduced
    return [_drop_nested(_array(x, 1), rest_) for x in reduced]


def _drop_p_gen(interp):
    "array {[seq1] ... [seqn]} -> array'   remove the sequences level by level"
    s = interp.ostack
    c, p = s[-2], s[-1]
    del s[-2:]
    base = len(s)
    s.append(c)
    s.append(MARK)
    yield p  # the procedure builds the sequence specifications
    i = _mark_index(s)
    if i < base:
        raise SliError("UnmatchedMark")
    specs = s[i + 1:]
    del s[i:]
    s.pop()
    if not all(type(x) in (int, list) for x in specs):
        raise ArgumentType(0)
    s.append(_drop_nested(c, specs))


_drop_p = generator_builtin("Drop", _drop_p_gen)


reg.trie("Drop", [("arraytype integertype", _drop_a), ("arraytype arraytype", _drop_a),
                  ("arraytype proceduretype", _drop_p)])


def _part(c, spec: list, level: int):
    if not spec:
        return c
    if type(c) not in (list, str):
        raise range_check("Part specification is deeper than the object.")
    i, rest_ = spec[0], spec[1:]
    if type(i) is Literal and i == "All":
        i = list(range(1, len(c) + 1))
    if type(i) is list:
        out = []
        for k in i:
            if type(k) is not int:
                raise ArgumentType(0)
            out.append(_part(_elem(c, m2s(len(c), k)), rest_, level + 1))
        return out
    if type(i) is not int:
        raise ArgumentType(0)
    return _part(_elem(c, m2s(len(c), i)), rest_, level + 1)


def _part_a(interp):
    "container [i1 i2 ...] -> obj   Mathematica-style extraction (1-based, /All, index lists)"
    s = interp.ostack
    c, spec = s[-2], s[-1]
    if not spec:
        raise range_check()
    result = _part(c, spec, 0)
    s.pop()
    s[-1] = result


reg.builtin("Part_a")(_part_a)
reg.trie("Part", [("arraytype arraytype", "Part_a"), ("stringtype arraytype", "Part_a")])


def _replace_at(a, path: list, fn):
    """New array with fn(old) stored at the 1-based nested position ``path``."""
    if type(a) is not list:
        raise range_check("Position specification is deeper than the object.")
    i = path[0]
    if type(i) is not int:
        raise ArgumentType(0)
    j = m2s(len(a), i)
    new = list(a)
    new[j] = fn(a[j]) if len(path) == 1 else _replace_at(a[j], path[1:], fn)
    return new


def _positions(spec) -> List[list]:
    """An integer, a nested position [i j ...] or a list of positions [[i ..] [j ..]]."""
    if type(spec) is int:
        return [[spec]]
    if not spec:
        raise range_check()
    if type(spec[0]) is list:
        if not all(type(p) is list and p for p in spec):
            raise ArgumentType(0)
        return spec
    return [spec]


def _replace_part(interp):
    "array obj i -> array' | array obj [i j ...] -> array' | array obj [[..] [..]] -> array'"
    s = interp.ostack
    a, value, spec = s[-3], s[-2], s[-1]
    for path in _positions(spec):
        a = _replace_at(a, path, lambda old: value)
    del s[-2:]
    s[-1] = a


reg.trie("ReplacePart", [("arraytype anytype integertype", _replace_part),
                         ("arraytype anytype arraytype", _replace_part)])


@reg.builtin("ReplaceOccurrences")
def replace_occurrences(interp):
    "container old new -> container'   replace every occurrence of old by new"
    s = interp.ostack
    c, old, new = s[-3], s[-2], s[-1]
    t = type(c)
    if t not in (list, str) or type(old) is not t or type(new) is not t:
        raise ArgumentType(0)
    if t is str:
        result = c.replace(old, new) if old else c
    else:
        result, i = [], 0
        while old:
            j = _find_sub(c[i:], old)
            if j < 0:
                break
            result += c[i:i + j] + new
            i += j + len(old)
        result += c[i:]
    del s[-2:]
    s[-1] = result


@reg.builtin("MemberQ")
def memberq(interp):
    "array obj -> bool   true if obj eq some element"
    s = interp.ostack
    a = _array(s[-2], 1)
    obj = s.pop()
    s[-1] = any(datum_equal(x, obj) for x in a)


@reg.builtin("HasDifferentMemberQ")
def hasdifferentmemberq(interp):
    "array obj -> bool   true if some element is not eq obj"
    s = interp.ostack
    a = _array(s[-2], 1)
    obj = s.pop()
    s[-1] = any(not datum_equal(x, obj) for x in a)


def _math_to_sli_i(interp):
    "container i -> container i'   Mathematica index to 0-based index"
    s = interp.ostack
    i = s[-1]
    s[-1] = i - 1 if i >= 0 else len(s[-2]) + i


def _math_to_sli_a(interp):
    "container [i ...] -> container [i' ...]"
    s = interp.ostack
    n = len(s[-2])
    if not all(type(i) is int for i in s[-1]):
        raise ArgumentType(0)
    s[-1] = [i - 1 if i >= 0 else n + i for i in s[-1]]


reg.builtin("MathematicaToSliIndex_i")(_math_to_sli_i)
reg.builtin("MathematicaToSliIndex_a")(_math_to_sli_a)
reg.trie("MathematicaToSliIndex", [
    ("arraytype integertype", "MathematicaToSliIndex_i"), ("stringtype integertype", "MathematicaToSliIndex_i"),
    ("arraytype arraytype", "MathematicaToSliIndex_a"), ("stringtype arraytype", "MathematicaToSliIndex_a"),
])


def _sli_to_math(interp):
    "i -> i+1 | [i ...] -> [i+1 ...]"
    s = interp.ostack
    x = s[-1]
    if type(x) is list:
        if not all(type(i) is int for i in x):
            raise ArgumentType(0)
        s[-1] = [i + 1 for i in x]
    else:
        s[-1] = x + 1


reg.trie("SliToMathematicaIndex", [("integertype", _sli_to_math), ("arraytype", _sli_to_math)])


@reg.builtin("MathematicaSequenceToExplicitRange_a_a_")
def math_seq_to_range(interp):
    "container [seq] -> container [0-based positions]"
    s = interp.ostack
    s[-1] = _seq_positions(len(s[-2]), s[-1], "Drop")


# ================================================================================================
# Sort, Rotate, Flatten, Partition, Transpose, Dimensions, TensorRank, shapes, products
# ================================================================================================

@reg.builtin("Sort")
def sort(interp):
    "array -> array'   sort a homogeneous array of numbers or strings ascending"
    s = interp.ostack
    a = _array(s[-1], 0)
    if all(type(x) in _NUM for x in a) or all(type(x) is str for x in a):
        s[-1] = sorted(a)
    else:
        raise SliError("TypeMismatch", "Sort: the array must contain only numbers or only strings.")


def _sort_colon(interp):
    "array -> array'   sort (help-system helper)"
    sort(interp)


reg.builtin(":sort_a")(_sort_colon)
reg.trie(":sort", [("arraytype", ":sort_a")])


@reg.builtin("Rotate")
def rotate(interp):
    "array n -> array'   rotate left by n positions"
    s = interp.ostack
    a = _array(s[-2], 1)
    n = _int(s[-1], 0)
    s.pop()
    if a:
        n %= len(a)
        s[-1] = a[n:] + a[:n]


def _flatten(a: list, depth) -> list:
    out = []
    for x in a:
        if type(x) is list and (depth is None or depth > 0):
            out.extend(_flatten(x, None if depth is None else depth - 1))
        else:
            out.append(x)
    return out


@reg.builtin("Flatten_")
def flatten_raw(interp):
    "array -> array'   remove one level of nesting"
    s = interp.ostack
    s[-1] = _flatten(_array(s[-1], 0), 1)


def _flatten_a(interp):
    "array -> array'   remove all nesting"
    s = interp.ostack
    s[-1] = _flatten(s[-1], None)


def _flatten_a_i(interp):
    "array n -> array'   remove n levels of nesting"
    s = interp.ostack
    n = s.pop()
    s[-1] = _flatten(s[-1], max(n, 0))


reg.builtin("Flatten_a")(_flatten_a)
reg.builtin("Flatten_a_i")(_flatten_a_i)
reg.trie("Flatten", [("arraytype integertype", "Flatten_a_i"), ("arraytype", "Flatten_a")])


@reg.builtin("Partition_a_i_i")
def partition_a_i_i(interp):
    "array n d -> [[..] ..]   pieces of length n at offset d; incomplete tail dropped"
    s = interp.ostack
    a, n, d = s[-3], s[-2], s[-1]
    if n < 0 or d < 1:
        raise range_check()
    out = [a[i:i + n] for i in range(0, len(a) - n + 1, d)] if n <= len(a) else []
    del s[-2:]
    s[-1] = out


def _partition_a_i(interp):
    "array n -> [[..] ..]   pieces of length n"
    s = interp.ostack
    s.append(s[-1])
    try:
        partition_a_i_i(interp)
    except SliError:
        s.pop()
        raise


reg.trie("Partition", [("arraytype integertype integertype", "Partition_a_i_i"),
                       ("arraytype integertype", _partition_a_i)])


@reg.builtin("Transpose", "Transpose_")
def transpose(interp):
    "matrix -> matrix'   swap the first two levels of a rectangular array"
    s = interp.ostack
    a = _array(s[-1], 0)
    if not a:
        s[-1] = []
        return
    if not all(type(r) is list for r in a):
        raise SliError("DimensionMismatch", "Transpose: a rectangular array is required.")
    n = len(a[0])
    if not all(len(r) == n for r in a):
        raise SliError("DimensionMismatch", "Transpose: all rows must have the same length.")
    s[-1] = [[r[j] for r in a] for j in range(n)]


reg.trie("Transpose", [("arraytype", "Transpose")])


def _dimensions(a) -> list:
    dims = []
    while type(a) is list:
        dims.append(len(a))
        if not a:
            break
        a = a[0]
    return dims


def _dimensions_a(interp):
    "array -> [d1 d2 ...]   sizes of a (hyper-rectangular) nested array, from the first elements"
    s = interp.ostack
    s[-1] = _dimensions(s[-1])


def _dimensions_v(interp):
    "vector -> [n]"
    s = interp.ostack
    s[-1] = [int(len(s[-1].a))]


reg.trie("Dimensions", [("arraytype", _dimensions_a), ("intvectortype", _dimensions_v),
                        ("doublevectortype", _dimensions_v)])


def _tensor_rank(a) -> int:
    n = 1
    while a and type(a[0]) is list:
        a = a[0]
        n += 1
    if not a and n == 1:
        raise range_check()
    return n


@reg.builtin("TensorRank_")
def tensorrank_raw(interp):
    "array -> n   depth of nesting, following first elements"
    s = interp.ostack
    a = _array(s[-1], 0)
    if not a:
        raise range_check()
    s[-1] = _tensor_rank(a)


def _tensorrank_v(interp):
    "vector -> 1"
    interp.ostack[-1] = 1


reg.trie("TensorRank", [("arraytype", "TensorRank_"), ("intvectortype", _tensorrank_v),
                        ("doublevectortype", _tensorrank_v)])


def _layout(dims, value):
    if len(dims) == 1:
        return [value] * dims[0]
    return [_layout(dims[1:], value) for _ in range(dims[0])]


@reg.builtin("LayoutArray")
def layoutarray(interp):
    "[d1 d2 ...] val -> array   nested array of that shape filled with val"
    s = interp.ostack
    dims = _array(s[-2], 1)
    if not dims or not all(type(d) is int for d in dims):
        raise ArgumentType(1)
    if any(d < 0 for d in dims):
        raise range_check()
    value = s.pop()
    s[-1] = _layout(dims, value)


def _array_shape(a, dims):
    if not dims:
        return []
    d, rest_ = dims[0], dims[1:]
    if type(d) is Literal and d == "All":
        d = len(a)
    if type(d) is not int:
        raise ArgumentType(0)
    if d > len(a):
        return []
    head = a[:d]
    if not rest_:
        return head
    out = []
    for x in head:
        sub = _array_shape(x, rest_) if type(x) is list else []
        if sub:
            out.append(sub)
    return out


@reg.builtin("ArrayShape")
def arrayshape(interp):
    "array [d1 d2 ...] -> array'   truncate to the given shape (di an integer or /All)"
    s = interp.ostack
    a, dims = _array(s[-2], 1), _array(s[-1], 0)
    result = _array_shape(a, dims)
    s.pop()
    s[-1] = result


def _scale(x, t):
    if type(t) is list:
        return [_scale(x, e) for e in t]
    if type(t) not in _NUM or type(x) not in _NUM:
        raise ArgumentType(0)
    return x * t


def _addt(a, b):
    if type(a) is list:
        if type(b) is not list or len(a) != len(b):
            raise SliError("DimensionMismatch")
        return [_addt(x, y) for x, y in zip(a, b)]
    return a + b


def _dot(a, b):
    if a and type(a[0]) is list:
        return [_dot(row, b) for row in a]
    if len(a) != len(b):
        raise SliError("DimensionMismatch")
    total = None
    for x, y in zip(a, b):
        term = _scale(x, y)
        total = term if total is None else _addt(total, term)
    return 0 if total is None else total


@reg.builtin("Dot")
def dot(interp):
    "a b -> c   contract the last index of a with the first index of b"
    s = interp.ostack
    a, b = _array(s[-2], 1), _array(s[-1], 0)
    da, db = _dimensions(a), _dimensions(b)
    if not da or not db or da[-1] != db[0]:
        raise SliError("DimensionMismatch")
    result = _dot(a, b)
    s.pop()
    s[-1] = result


@reg.builtin("Dot1D")
def dot1d(interp):
    "v1 v2 -> x   inner product of two arrays or vectors"
    s = interp.ostack
    a, b = s[-2], s[-1]
    va = a.a.tolist() if type(a) in _VECTORS else _array(a, 1)
    vb = b.a.tolist() if type(b) in _VECTORS else _array(b, 0)
    if len(va) != len(vb):
        raise range_check("Vectors must have equal length.")
    if not all(type(x) in _NUM for x in va + vb):
        raise ArgumentType(0)
    total = 0
    for x, y in zip(va, vb):
        total = total + x * y
    s.pop()
    s[-1] = total


@reg.builtin("OuterProduct")
def outerproduct(interp):
    "v1 v2 -> matrix   all products of the elements (Outer[Times, v1, v2])"
    s = interp.ostack
    a, b = _array(s[-2], 1), _array(s[-1], 0)
    result = [_scale(x, b) for x in a]
    s.pop()
    s[-1] = result


@reg.builtin("astore")
def astore(interp):
    "a1 ... an array -> array   obsolete: pack as many objects as the array is long"
    s = interp.ostack
    n = len(_array(s[-1], 0))
    if len(s) < n + 1:
        raise StackUnderflow(n + 1, len(s))
    s.pop()
    items = s[len(s) - n:]
    del s[len(s) - n:]
    s.append(items)
    interp.emit_message(M_INFO, "SLI", "", "astore is obsolete:\nIn contrast to PostScript SLI arrays are "
                        "dynamic\nuse arraystore instead.")


@reg.builtin("aload")
def aload(interp):
    "array -> a1 ... an array   obsolete PostScript aload"
    s = interp.ostack
    a = _array(s[-1], 0)
    s.pop()
    s.extend(a)
    s.append([0] * len(a))
    interp.emit_message(M_INFO, "SLI", "", "aload is obsolete:\nIn contrast to PostScript SLI arrays are "
                        "dynamic\nuse arrayload instead.")


def _trim(interp):
    "container elem flag -> container'   strip leading (0), trailing (1) or both (2) occurrences"
    s = interp.ostack
    c, elem, flag = s[-3], s[-2], s[-1]
    if flag not in (0, 1, 2):
        raise range_check()
    if type(c) is str:
        ch = elem if type(elem) is str else chr(elem & 0xFF)
        if len(ch) != 1:
            raise range_check()
        result = c.lstrip(ch) if flag == 0 else (c.rstrip(ch) if flag == 1 else c.strip(ch))
    else:
        lo, hi = 0, len(c)
        if flag in (0, 2):
            while lo < hi and datum_equal(c[lo], elem):
                lo += 1
        if flag in (1, 2):
            while hi > lo and datum_equal(c[hi - 1], elem):
                hi -= 1
        result = c[lo:hi]
    del s[-2:]
    s[-1] = result


reg.builtin("trim_sa")(_trim)
reg.trie("trim", [("stringtype stringtype integertype", "trim_sa"),
                  ("stringtype integertype integertype", "trim_sa"),
                  ("arraytype anytype integertype", "trim_sa")])


def _breakup(interp):
    "container sep -> [pieces]   split at every occurrence of sep"
    s = interp.ostack
    c, sep = s[-2], s[-1]
    if not sep:
        raise range_check()
    if type(c) is str:
        pieces = c.split(sep)
    else:
        pieces, i = [], 0
        while True:
            j = _find_sub(c[i:], sep)
            if j < 0:
                pieces.append(c[i:])
                break
            pieces.append(c[i:i + j])
            i += j + len(sep)
    s.pop()
    s[-1] = pieces


def _breakup_n(interp):
    "container n -> [pieces of length n]   the last piece may be shorter"
    s = interp.ostack
    c, n = s[-2], s[-1]
    if n < 1:
        raise range_check()
    s.pop()
    s[-1] = [c[i:i + n] for i in range(0, len(c), n)]


reg.builtin("breakup_sa")(_breakup)
reg.builtin("breakup_sa_i")(_breakup_n)
reg.trie("breakup", [("stringtype stringtype", "breakup_sa"), ("arraytype arraytype", "breakup_sa"),
                     ("stringtype integertype", "breakup_sa_i"), ("arraytype integertype", "breakup_sa_i")])


@reg.builtin("cv1d")
def cv1d(interp):
    "y x w -> i   2-D coordinate to the row-major index y*w + x"
    s = interp.ostack
    y, x, w = s[-3], s[-2], s[-1]
    if not all(type(v) is int for v in (y, x, w)):
        raise ArgumentType(0)
    del s[-2:]
    s[-1] = y * w + x


@reg.builtin("cv2d")
def cv2d(interp):
    "i w -> y x   row-major index to 2-D coordinate"
    s = interp.ostack
    i, w = s[-2], s[-1]
    if type(i) is not int or type(w) is not int:
        raise ArgumentType(0)
    if w == 0:
        raise SliError("DivisionByZero")
    s[-2], s[-1] = i // w, i % w


def _area_coords(interp, n: int):
    s = interp.ostack
    vals = s[-n:]
    if len(s) < n:
        raise StackUnderflow(n, len(s))
    if not all(type(v) is int for v in vals):
        raise ArgumentType(0)
    return vals


@reg.builtin("area")
def area(interp):
    "w ay ax h wd by bx -> [indices]   row-major indices of an h x wd area anchored at (ay-by, ax-bx)"
    s = interp.ostack
    w, ay, ax, h, wd, by, bx = _area_coords(interp, 7)
    del s[-7:]
    s.append([(ay - by + r) * w + (ax - bx + c) for r in range(h) for c in range(wd)])


@reg.builtin("area2")
def area2(interp):
    "ay ax h wd by bx -> [[y x] ...]   2-D indices of an h x wd area anchored at (ay-by, ax-bx)"
    s = interp.ostack
    ay, ax, h, wd, by, bx = _area_coords(interp, 6)
    del s[-6:]
    s.append([[ay - by + r, ax - bx + c] for r in range(h) for c in range(wd)])


# ================================================================================================
# Range, RangeIterator, arange, Table
# ================================================================================================

def range_values(spec) -> list:
    """The values of a Range spec [n], [n1 n2] or [n1 n2 d] (all integers or all doubles)."""
    if type(spec) is not list or not 1 <= len(spec) <= 3:
        raise range_check("Range: an array with 1 to 3 numbers is expected.")
    if all(type(x) is int for x in spec):
        if len(spec) == 1:
            return list(range(1, spec[0] + 1))
        a, b = spec[0], spec[1]
        d = spec[2] if len(spec) == 3 else 1
        if d == 0:
            raise range_check("Range: the increment must not be zero.")
        return list(range(a, b + (1 if d > 0 else -1), d))
    if all(type(x) is float for x in spec):
        if len(spec) == 1:
            return [float(k) for k in range(1, int(math.floor(spec[0])) + 1)]
        a, b = spec[0], spec[1]
        d = spec[2] if len(spec) == 3 else 1.0
        if d == 0:
            raise range_check("Range: the increment must not be zero.")
        n = int(math.floor((b - a) / d + 1e-10)) + 1
        return [a + k * d for k in range(max(n, 0))]
    raise ArgumentType(0)


@reg.builtin("Range", "Range_")
def range_(interp):
    "[n] | [n1 n2] | [n1 n2 d] -> array   arithmetic sequence (integers or doubles)"
    s = interp.ostack
    s[-1] = range_values(s[-1])


reg.trie("Range", [("arraytype", "Range")])


@reg.builtin("arange", "arange_")
def arange(interp):
    "[n] | [n1 n2] | [n1 n2 d] -> vector   like Range but an int or double vector"
    s = interp.ostack
    spec = s[-1]
    values = range_values(spec)
    s[-1] = IntVector(values) if type(spec[0]) is int else DoubleVector(values)


reg.trie("arange", [("arraytype", "arange")])


@reg.builtin("RangeIterator_a")
def rangeiterator_a(interp):
    "[n1 n2 d] -> iterator   lazy integer range"
    s = interp.ostack
    spec = s[-1]
    if len(spec) != 3 or not all(type(x) is int for x in spec):
        raise ArgumentType(0)
    if spec[2] == 0:
        raise range_check()
    s[-1] = RangeIterator(*spec)


def _rangeiterator(interp):
    "[n] | [n1 n2] | [n1 n2 d] -> iterator"
    s = interp.ostack
    spec = s[-1]
    if len(spec) == 1:
        spec = [1, spec[0], 1]
    elif len(spec) == 2:
        spec = spec + [1]
    old = s[-1]
    s[-1] = spec
    try:
        rangeiterator_a(interp)
    except SliError:
        s[-1] = old
        raise


reg.trie("RangeIterator", [("arraytype", _rangeiterator)])


# ================================================================================================
# Map and friends (user code runs on the execution stack, never by Python recursion)
# ================================================================================================

def _start_map(interp, proc, items, finish, indexed: bool = False) -> None:
    frame = MapFrame(_as_procedure(proc), items, finish, indexed)
    if frame.start(interp):
        interp.estack.append(frame)
    else:
        interp.ostack.append(finish([]))


def _bytes_result(results) -> str:
    for r in results:
        if type(r) is not int:
            err = ArgumentType(0, "Map on a string: the procedure must return integer byte values.")
            err.command = "Map"
            raise err
    return "".join(chr(r & 0xFF) for r in results)


def _vector_result(kind):
    def finish(results):
        if kind is IntVector:
            if not all(type(r) is int for r in results):
                err = ArgumentType(0, "Map on an intvector: the procedure must return integers.")
                err.command = "Map"
                raise err
            return IntVector(results)
        if not all(type(r) in _NUM for r in results):
            err = ArgumentType(0, "Map on a doublevector: the procedure must return numbers.")
            err.command = "Map"
            raise err
        return DoubleVector([float(r) for r in results])
    return finish


def _identity_list(results):
    return list(results)


@reg.builtin("Map", "Map_")
def map_(interp):
    "array proc -> array' | vector proc -> vector'   apply proc to every element"
    s = interp.ostack
    c, proc = s[-2], s[-1]
    t = type(c)
    if t is list:
        items, finish = c, _identity_list
    elif t in _VECTORS:
        items, finish = c.a.tolist(), _vector_result(t)
    else:
        raise ArgumentType(1)
    del s[-2:]
    _start_map(interp, proc, items, finish)


def _map_s(interp):
    "string proc -> string'   apply proc to every byte; results must be byte values"
    s = interp.ostack
    proc = s.pop()
    items = [ord(ch) for ch in s.pop()]
    _start_map(interp, proc, items, _bytes_result)


def _map_iter(interp):
    "iterator proc -> array   apply proc to every value of the iterator"
    s = interp.ostack
    proc = s.pop()
    _start_map(interp, proc, list(s.pop().values()), _identity_list)


def _map_level_gen(interp):
    "array proc [n] -> array'   apply proc at depth n"
    s = interp.ostack
    a, proc, level = s[-3], s[-2], s[-1]
    if len(level) != 1 or type(level[0]) is not int:
        raise ArgumentType(0)
    depth = level[0]
    del s[-3:]
    proc = _as_procedure(proc)

    def walk(x, d):
        if type(x) is not list:
            err = ArgumentType(1)
            err.command = "Map"
            raise err
        out = []
        for e in x:
            if d > 1:
                r = yield from walk(e, d - 1)
            else:
                s.append(e)
                yield proc
                r = _take_result(interp, "::Map")
            out.append(r)
        return out

    result = yield from walk(a, max(depth, 1))
    s.append(result)


reg.builtin("Map_s")(_map_s)
reg.builtin("Map_iter")(_map_iter)
reg.builtin("MapAtLevel")(generator_builtin("MapAtLevel", _map_level_gen))
reg.trie("Map", [
    ("arraytype proceduretype", "Map"), ("iteratortype proceduretype", "Map_iter"),
    ("stringtype proceduretype", "Map_s"), ("doublevectortype proceduretype", "Map"),
    ("intvectortype proceduretype", "Map"), ("arraytype proceduretype arraytype", "MapAtLevel"),
])


def _map_indexed_gen(interp):
    "array proc -> array' | string proc -> string'   proc gets element and 1-based index"
    s = interp.ostack
    c, proc = s[-2], s[-1]
    is_str = type(c) is str
    if not is_str:
        _array(c, 1)
    del s[-2:]
    proc = _as_procedure(proc)
    out = []
    for k in range(len(c)):
        s.append(_elem(c, k))
        s.append(k + 1)
        yield proc
        out.append(_take_result(interp, "::MapIndexed"))
    s.append(_bytes_result(out) if is_str else out)


reg.builtin("MapIndexed_a")(generator_builtin("MapIndexed", _map_indexed_gen))
reg.builtin("MapIndexed_s")(generator_builtin("MapIndexed", _map_indexed_gen))
reg.trie("MapIndexed", [("arraytype proceduretype", "MapIndexed_a"),
                        ("stringtype proceduretype", "MapIndexed_s")])


def _thread_args(interp, command: str) -> list:
    s = interp.ostack
    arrays = s[-2]
    if not all(type(a) is list for a in arrays):
        raise ArgumentType(1)
    if arrays and any(len(a) != len(arrays[0]) for a in arrays):
        if command == "ScanThread":
            raise SliError("ArraysMustHaveEqualLength")
        raise range_check("All arrays must have the same length.")
    return arrays


def _map_thread_gen(interp):
    "[[a1 ..] [b1 ..] ..] proc -> [f(a1,b1,..) ..]   apply proc to corresponding elements"
    s = interp.ostack
    arrays = _thread_args(interp, "MapThread")
    proc = _as_procedure(s[-1])
    del s[-2:]
    out = []
    n = len(arrays[0]) if arrays else 0
    for k in range(n):
        s.extend(a[k] for a in arrays)
        yield proc
        out.append(_take_result(interp, "::MapThread"))
    s.append(out)


def _scan_thread_gen(interp):
    "[[a1 ..] [b1 ..] ..] proc ->   like MapThread but the results are not collected"
    s = interp.ostack
    arrays = _thread_args(interp, "ScanThread")
    proc = _as_procedure(s[-1])
    del s[-2:]
    n = len(arrays[0]) if arrays else 0
    for k in range(n):
        s.extend(a[k] for a in arrays)
        yield proc


reg.builtin("MapThread_a")(generator_builtin("MapThread", _map_thread_gen))
reg.trie("MapThread", [("arraytype proceduretype", "MapThread_a")])
reg.trie("ScanThread", [("arraytype proceduretype", generator_builtin("ScanThread", _scan_thread_gen))])


def _get_at(a, path):
    for i in path:
        if type(a) is not list:
            raise range_check("Position specification is deeper than the object.")
        if type(i) is not int:
            raise ArgumentType(0)
        a = a[m2s(len(a), i)]
    return a


def _map_at_gen(interp):
    "array proc i | array proc [i j ..] | array proc [[..] [..]] -> array'   apply proc at positions"
    s = interp.ostack
    a, proc, spec = s[-3], _as_procedure(s[-2]), s[-1]
    paths = _positions(spec)
    for p in paths:  # validate every position before running anything
        _get_at(a, p)
    del s[-3:]
    for p in paths:
        s.append(_get_at(a, p))
        yield proc
        value = _take_result(interp, "MapAt")
        a = _replace_at(a, p, lambda old: value)
    s.append(a)


_map_at = generator_builtin("MapAt", _map_at_gen)
reg.trie("MapAt", [("arraytype proceduretype integertype", _map_at),
                   ("arraytype proceduretype arraytype", _map_at)])


def _table(interp):
    "[n] | [n1 n2] | [n1 n2 d] proc -> array   proc applied to each value of the Range"
    s = interp.ostack
    values = range_values(s[-2])
    proc = s.pop()
    s.pop()
    _start_map(interp, proc, values, _identity_list)


reg.builtin("Table_")(_table)
reg.trie("Table", [("arraytype proceduretype", "Table_")])


def _select_gen(interp):
    "array proc -> array'   keep the elements for which proc returns true"
    s = interp.ostack
    a, proc = s[-2], _as_procedure(s[-1])
    del s[-2:]
    out = []
    for x in a:
        s.append(x)
        yield proc
        flag = _take_result(interp, "Select")
        if type(flag) is not bool:
            raise SliError("TypeMismatch", f"Expected datatype: booltype\nProvided datatype: {type_name(flag)}")
        if flag:
            out.append(x)
    s.append(out)


reg.trie("Select", [("arraytype proceduretype", generator_builtin("Select", _select_gen))])


def _split_gen(interp):
    "array proc -> [[..] ..]   split into runs of neighbours for which proc returns true"
    s = interp.ostack
    a, proc = s[-2], _as_procedure(s[-1])
    del s[-2:]
    if not a:
        s.append([])
        return
    runs = [[a[0]]]
    for prev, x in zip(a, a[1:]):
        s.append(prev)
        s.append(x)
        yield proc
        same = _take_result(interp, "Split")
        if same is True:
            runs[-1] = runs[-1] + [x]
        else:
            runs.append([x])
    s.append(runs)


def _split_eq(interp):
    "array -> [[..] ..]   split into runs of equal neighbours"
    s = interp.ostack
    a = s[-1]
    runs = []
    for x in a:
        if runs and datum_equal(runs[-1][-1], x):
            runs[-1].append(x)
        else:
            runs.append([x])
    s[-1] = runs


reg.builtin("Split_")(generator_builtin("Split", _split_gen))
reg.trie("Split", [("arraytype proceduretype", "Split_"), ("arraytype", _split_eq)])


def _merge_gen(interp):
    "array1 array2 proc -> array   merge two sorted arrays; proc compares (e1 e2 -> e1 first?)"
    s = interp.ostack
    a, b, proc = s[-3], s[-2], _as_procedure(s[-1])
    del s[-3:]
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        s.append(a[i])
        s.append(b[j])
        yield proc
        if _take_result(interp, "MergeLists") is True:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    s.append(out + a[i:] + b[j:])


_merge = generator_builtin("MergeLists", _merge_gen)
reg.builtin("MergeLists_")(_merge)


def _merge_default(interp):
    "array1 array2 -> array   merge two sorted arrays with lt"
    interp.ostack.append(Procedure((name("lt"),)))
    _merge(interp)


reg.trie("MergeLists", [("arraytype arraytype proceduretype", "MergeLists_"),
                        ("arraytype arraytype", _merge_default)])


# ================================================================================================
# functional control operators (section 6.5)
# ================================================================================================

def _nest(interp):
    "x proc n -> y   apply proc n times to x"
    s = interp.ostack
    s[-2], s[-1] = s[-1], s[-2]
    interp.schedule(interp.systemdict["repeat"])


reg.trie("Nest", [("anytype proceduretype integertype", _nest)])


def _nestlist_gen(interp):
    "x proc n -> [x f(x) ... f^n(x)]"
    s = interp.ostack
    x, proc, n = s[-3], _as_procedure(s[-2]), s[-1]
    del s[-3:]
    out = [x]
    for _ in range(max(n, 0)):
        s.append(out[-1])
        yield proc
        out.append(_take_result(interp, "NestList"))
    s.append(out)


reg.trie("NestList", [("anytype anytype integertype", generator_builtin("NestList", _nestlist_gen))])


def _fixed_point_gen(interp):
    "x proc [n] -> y   apply proc until the result no longer changes (at most n times)"
    s = interp.ostack
    if type(s[-1]) is int and type(s[-2]) is Procedure:
        x, proc, limit = s[-3], s[-2], s[-1]
        del s[-3:]
    else:
        x, proc, limit = s[-2], s[-1], None
        del s[-2:]
    k = 0
    while limit is None or k < limit:
        k += 1
        s.append(x)
        yield proc
        y = _take_result(interp, "FixedPoint")
        if datum_equal(x, y):
            x = y
            break
        x = y
    s.append(x)


_fixed_point = generator_builtin("FixedPoint", _fixed_point_gen)
reg.builtin("FixedPoint__p")(_fixed_point)
reg.builtin("FixedPoint__p_i")(_fixed_point)
reg.trie("FixedPoint", [("anytype proceduretype integertype", "FixedPoint__p_i"),
                        ("anytype proceduretype", "FixedPoint__p")])

reg.trie("Fold", [("anytype arraytype proceduretype", "forall"),
                  ("anytype intvectortype proceduretype", "forall"),
                  ("anytype doublevectortype proceduretype", "forall")])


def _foldlist_gen(interp):
    "x [a1 ... an] proc -> [x f(x,a1) ...]   all intermediate fold results"
    s = interp.ostack
    x, a, proc = s[-3], s[-2], _as_procedure(s[-1])
    del s[-3:]
    out = [x]
    for e in a:
        s.append(out[-1])
        s.append(e)
        yield proc
        out.append(_take_result(interp, "FoldList"))
    s.append(out)


reg.trie("FoldList", [("anytype arraytype anytype", generator_builtin("FoldList", _foldlist_gen))])


@reg.builtin("Apply")
def apply(interp):
    "[a1 ... an] proc -> result   push the elements, then execute proc"
    s = interp.ostack
    a = _array(s[-2], 1)
    proc = s.pop()
    s.pop()
    s.extend(a)
    interp.schedule(proc)


_N_BEGIN = (name("<<"), name(">>"), name("begin"))
_N_SET, _N_END = name("Set"), name("end")


def make_function(body, names) -> Procedure:
    """``<< >> begin /nk Set ... /n1 Set body end`` for argument names n1 .. nk."""
    code = list(_N_BEGIN)
    for n in reversed(names):
        code += [lit(str(n)), _N_SET]
    code += list(body.body) + [_N_END]
    return Procedure(code)


def _function_body(obj):
    if type(obj) is str:
        return compile_math(obj)
    if type(obj) is Procedure:
        return obj
    if type(obj) is LiteralProcedure:
        return obj.proc
    raise ArgumentType(0)


def _function_l(interp):
    "proc /n1 ... /nk -> proc'   pure function with named arguments"
    s = interp.ostack
    i = len(s) - 1
    while i >= 0 and type(s[i]) is Literal:
        i -= 1
    if i < 0:
        raise StackUnderflow()
    body = _function_body(s[i])
    names = s[i + 1:]
    del s[i:]
    s.append(make_function(body, names))


def _function_a(interp):
    "[/n1 ... /nk] proc -> proc'   pure function with named arguments"
    s = interp.ostack
    names, body = s[-2], s[-1]
    if not all(type(n) is Literal for n in names):
        raise ArgumentType(1)
    proc = make_function(_function_body(body), names)
    del s[-2:]
    s.append(proc)


reg.builtin("Function_")(_function_l)
reg.trie("Function", [("literaltype", "Function_"), ("arraytype anytype", _function_a)])


@reg.builtin("ExecFunction")
def execfunction(interp):
    "proc /n1 ... /nk -> result   build the pure function and execute it"
    s = interp.ostack
    if s and type(s[-1]) is list:
        _function_a(interp)
    else:
        _function_l(interp)
    interp.schedule(s.pop())


def inline(proc: Procedure, d: Dictionary) -> Procedure:
    out = []
    for obj in proc.body:
        t = type(obj)
        if t is Name and obj in d.data:
            value = d.data[obj]
            if type(value) is Procedure:
                out.extend(value.body)
            else:
                out.append(value)
        elif t is LiteralProcedure:
            out.append(LiteralProcedure(inline(obj.proc, d)))
        else:
            out.append(obj)
    return Procedure(out)


def _inline(interp):
    "proc dict -> proc'   replace names defined in dict by their definitions"
    s = interp.ostack
    result = inline(s[-2], s[-1])
    s.pop()
    s[-1] = result


reg.builtin(":Inline")(_inline)
reg.trie("Inline", [("proceduretype dictionarytype", ":Inline")])
reg.constant("pdef", Procedure((name("def"),)))


# -- CompileMath ---------------------------------------------------------------------------------

import re  # noqa: E402

_MATH_TOKEN = re.compile(r"""
    \s*(?:
      (?P<num>(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?)
    | (?P<id>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<op>//|\*\*|==|!=|<=|>=|<<|>>|[-+*/^()<>=;,:'\[\]{}\#])
    )""", re.X)


def _math_tokens(text: str) -> list:
    toks, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _MATH_TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise SliError("SyntaxError", f"CompileMath: cannot read '{text[pos:].strip()}'.")
        pos = m.end()
        if m.group("num") is not None:
            t = m.group("num")
            toks.append(("num", float(t) if any(c in t for c in ".eE") else int(t)))
        elif m.group("id") is not None:
            toks.append(("id", m.group("id")))
        else:
            toks.append(("op", m.group("op")))
    toks.append(("end", None))
    return toks


_BINARY = {"+": "add", "-": "sub", "*": "mul", "/": "div", "^": "pow", "**": "pow", "==": "eq",
           "!=": "neq", "<": "lt", "<=": "leq", ">": "gt", ">=": "geq"}


class _MathCompiler:
    """Predictive recursive-descent compiler of infix expressions to SLI postfix code."""

    def __init__(self, text: str):
        self.toks = _math_tokens(text)
        self.pos = 0
        self.out: list = []
        self.args: List[set] = []

    def peek(self, kind=None, value=None) -> bool:
        k, v = self.toks[self.pos]
        return (kind is None or k == kind) and (value is None or v == value)

    def op(self, value) -> bool:
        return self.peek("op", value)

    def next(self):
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def expect(self, value) -> None:
        if not self.op(value):
            raise SliError("SyntaxError", f"CompileMath: '{value}' expected.", "match")
        self.pos += 1

    def emit(self, *objs) -> None:
        self.out.extend(objs)

    def statement(self) -> Procedure:
        while not self.peek("end"):
            start = self.pos
            self.expr()
            if self.op(";"):
                self.next()
                self.emit(name("pop"))
            elif self.pos == start:
                raise SliError("SyntaxError", "CompileMath: unexpected token.", "statement")
        return Procedure(self.out)

    def expr(self) -> None:
        self.binary_level(0)
        while self.op("//"):
            self.next()
            if self.peek("id", "Function"):
                self.binary_level(0)
                self.emit(name("exec"))
            elif self.peek("id"):
                self.emit(name(self.next()[1]))
            else:
                self.purefunction()
                self.emit(name("exec"))

    _LEVELS = (("<", "<=", ">", ">="), ("==", "!="), ("+", "-"), ("*", "/"))

    def binary_level(self, level: int) -> None:
        if level == len(self._LEVELS):
            self.factor()
            return
        self.binary_level(level + 1)
        while self.peek("op") and self.toks[self.pos][1] in self._LEVELS[level]:
            sym = self.next()[1]
            self.binary_level(level + 1)
            self.emit(name(_BINARY[sym]))

    def factor(self) -> None:
        self.signedfactor()
        while self.op("^") or self.op("**"):
            self.next()
            self.signedfactor()
            self.emit(name("pow"))

    def signedfactor(self) -> None:
        if self.op("-"):
            self.next()
            self.unsignedfactor()
            self.emit(name("neg"))
        else:
            self.unsignedfactor()

    def unsignedfactor(self) -> None:
        kind, value = self.toks[self.pos]
        if kind == "id":
            self.next()
            if self.op("="):
                self.next()
                self.emit(lit(value))
                self.delayedexpr()
                self.emit(name("dup"), name("rolld"), name("Set"))
            else:
                self.factorarg()
                self.emit(name(value))
        elif self.op("#"):
            self.next()
            if self.peek("num") and type(self.toks[self.pos][1]) is int:
                arg = "#" + str(self.next()[1])
            else:
                arg = "#"
            self.emit(name(arg))
            if self.args:
                self.args[-1].add(arg)
        elif self.op("("):
            self.next()
            self.expr()
            self.expect(")")
        elif kind == "num":
            self.emit(self.next()[1])
        elif self.op("["):
            self.array()
        elif self.op("<<"):
            self.dictionary()
        elif self.op("{"):
            self.purefunction()
        else:
            raise SliError("SyntaxError", "CompileMath: unexpected token.", "unsignedfactor")

    def factorarg(self) -> None:
        kind, value = self.toks[self.pos]
        if kind == "id":
            self.next()
            self.factorarg()
            self.emit(name(value))
        elif self.op("("):
            self.next()
            if self.op(")"):
                self.next()
            else:
                self.seq()
                self.expect(")")
        elif kind == "num":
            self.emit(self.next()[1])
        elif self.op("["):
            self.array()
        elif self.op("<<"):
            self.dictionary()

    def seq(self) -> None:
        self.delayedexpr()
        while self.op(","):
            self.next()
            self.delayedexpr()

    def delayedexpr(self) -> None:
        if self.op("{"):
            self.purefunction()
        else:
            self.litarg()

    def litarg(self) -> None:
        if self.op("'"):
            self.next()
            kind, value = self.next()
            self.emit(lit(str(value)))
        else:
            self.expr()

    def array(self) -> None:
        self.expect("[")
        self.emit(name("["))
        if not self.op("]"):
            self.expr()
            while self.op(","):
                self.next()
                self.expr()
        self.expect("]")
        self.emit(name("]"))

    def dictionary(self) -> None:
        self.expect("<<")
        self.emit(name("<<"))
        if not self.op(">>"):
            while True:
                self.litarg()
                self.expect(":")
                self.expr()
                if not self.op(","):
                    break
                self.next()
        self.expect(">>")
        self.emit(name(">>"))

    def purefunction(self) -> None:
        self.expect("{")
        start = len(self.out)
        self.args.append(set())
        while not self.op("}"):
            if self.peek("end"):
                raise SliError("SyntaxError", "CompileMath: '}' expected.", "match")
            self.expr()
            if self.op(";"):
                self.next()
                self.emit(name("pop"))
        self.next()
        body = self.out[start:]
        del self.out[start:]
        args = self.args.pop()
        if args:
            prefix = list(_N_BEGIN)
            for a in sorted(args, reverse=True):
                prefix += [lit(a), _N_SET]
            body = prefix + body + [_N_END]
        self.emit(LiteralProcedure(Procedure(body)))


def compile_math(text: str) -> Procedure:
    return _MathCompiler(text).statement()


@reg.builtin("CompileMath")
def compilemath(interp):
    "(infix expression) -> proc   compile conventional math notation to a procedure"
    s = interp.ostack
    if type(s[-1]) is not str:
        raise ArgumentType(0)
    s[-1] = compile_math(s[-1])


@reg.builtin("ExecMath")
def execmath(interp):
    "(infix expression) -> value   compile and execute"
    s = interp.ostack
    if type(s[-1]) is not str:
        raise ArgumentType(0)
    proc = compile_math(s[-1])
    s.pop()
    interp.schedule(proc)


# ================================================================================================
# numeric vectors (section 6.12)
# ================================================================================================

def _close_vector(interp, kind):
    s = interp.ostack
    i = _mark_index(s)
    if i < 0:
        interp.emit_message(M_ERROR, "arraycreate", "", "Opening bracket missing.")
        raise SliError("SyntaxError")
    items = s[i + 1:]
    if not all(type(x) in _NUM for x in items):
        raise ArgumentType(0)
    del s[i:]
    s.append(IntVector([int(x) for x in items]) if kind is IntVector
             else DoubleVector([float(x) for x in items]))


@reg.builtin("#>")
def close_intvector(interp):
    "mark i1 ... in -> intvector   close an int-vector literal <# ... #>"
    _close_vector(interp, IntVector)


@reg.builtin(".>")
def close_doublevector(interp):
    "mark d1 ... dn -> doublevector   close a double-vector literal <. ... .>"
    _close_vector(interp, DoubleVector)


@reg.builtin(">")
def close_vector(interp):
    "mark x1 ... xn -> intvector | doublevector | array   type chosen by the first element"
    s = interp.ostack
    i = _mark_index(s)
    if i < 0:
        raise SliError("UnmatchedMark")
    if i == len(s) - 1:
        raise range_check()
    t = type(s[i + 1])
    if t is int:
        _close_vector(interp, IntVector)
    elif t is float:
        _close_vector(interp, DoubleVector)
    else:
        items = s[i + 1:]
        del s[i:]
        s.append(items)


def _filled(kind, value):
    def make(interp):
        s = interp.ostack
        n = _int(s[-1], 0)
        if n < 0:
            raise range_check()
        s[-1] = kind(np.full(n, value))
    make.__doc__ = f"n -> {'intvector' if kind is IntVector else 'doublevector'} of n {value}s"
    return make


reg.builtin("zeros_dv")(_filled(DoubleVector, 0.0))
reg.builtin("ones_dv")(_filled(DoubleVector, 1.0))
reg.builtin("zeros_iv")(_filled(IntVector, 0))
reg.builtin("ones_iv")(_filled(IntVector, 1))
reg.trie("zeros", [("integertype", "zeros_dv")])
reg.trie("ones", [("integertype", "ones_dv")])


def _dub(interp):
    "array vector -> vector   array minus vector (the reference names this variant dub)"
    s = interp.ostack
    a, v = s[-2], s[-1]
    if not all(type(x) in _NUM for x in a):
        raise ArgumentType(1)
    if len(a) != len(v.a):
        raise range_check("Vectors must have equal length.")
    result = type(v)(np.asarray(a, dtype=v.a.dtype) - v.a)
    s.pop()
    s[-1] = result


reg.trie("dub", [("arraytype intvectortype", _dub), ("arraytype doublevectortype", _dub)])


# ================================================================================================
# arraylib namespace (section 6.26)
# ================================================================================================

def _numbers(a, level=0) -> list:
    if type(a) in _VECTORS:
        return a.a.tolist()
    if type(a) is not list or not all(type(x) in _NUM for x in a):
        raise ArgumentType(level)
    return a


def _al_sum(interp):
    "[x1 ... xn] -> x   sum of the elements"
    s = interp.ostack
    a = _numbers(s[-1])
    total = 0
    for x in a:
        total += x
    s[-1] = total


def _al_product(interp):
    "[x1 ... xn] -> x   product of the elements"
    s = interp.ostack
    a = _numbers(s[-1])
    total = 1
    for x in a:
        total *= x
    s[-1] = total


def _al_mean(interp):
    "[x1 ... xn] -> d   mean"
    s = interp.ostack
    a = _numbers(s[-1])
    if not a:
        raise range_check()
    s[-1] = float(sum(a)) / len(a)


def _var(a) -> float:
    if len(a) < 2:
        raise range_check()
    m = float(sum(a)) / len(a)
    return sum((x - m) ** 2 for x in a) / (len(a) - 1)


def _al_var(interp):
    "[x1 ... xn] -> d   unbiased variance"
    s = interp.ostack
    s[-1] = _var(_numbers(s[-1]))


def _al_sdev(interp):
    "[x1 ... xn] -> d   standard deviation"
    s = interp.ostack
    s[-1] = math.sqrt(_var(_numbers(s[-1])))


def _reform(flat, dims):
    if len(dims) == 1:
        return flat
    size = len(flat) // dims[0]
    return [_reform(flat[k * size:(k + 1) * size], dims[1:]) for k in range(dims[0])]


def _al_reform(interp):
    "array [d1 ... dn] -> array'   reshape a hyper-rectangular array"
    s = interp.ostack
    a, dims = _array(s[-2], 1), _array(s[-1], 0)
    if not dims or not all(type(d) is int and d > 0 for d in dims):
        raise ArgumentType(0)
    flat = _flatten(a, None)
    if math.prod(dims) != len(flat):
        raise range_check("Reform: the new dimensions do not match the number of elements.")
    s.pop()
    s[-1] = _reform(flat, dims)


def _al_getdeep(interp):
    "container [i1 ... in] -> obj   nested get through arrays, dictionaries and procedures"
    s = interp.ostack
    _array(s[-1], 0)
    value = get_path(s[-2], s[-1])
    s.pop()
    s[-1] = value


def _edge(mode):
    def fn(interp):
        s = interp.ostack
        pts, h, w = s[-3], s[-2], s[-1]
        if type(h) is not int or type(w) is not int or type(pts) is not list:
            raise ArgumentType(0)
        out = []
        for p in pts:
            y, x = p
            if mode == "truncate":
                if 0 <= y < h and 0 <= x < w:
                    out.append([y, x])
            elif mode == "clip":
                out.append([min(max(y, 0), h - 1), min(max(x, 0), w - 1)])
            else:
                out.append([y % h, x % w])
        del s[-2:]
        s[-1] = out
    fn.__doc__ = f"[[y x] ...] h w -> [[y x] ...]   {mode} indices at the array edges"
    return fn


def _al_indexwrap(interp):
    "i n -> i'   cyclic index in [0, n)"
    s = interp.ostack
    i, n = _int(s[-2], 1), _int(s[-1], 0)
    if n <= 0:
        raise range_check()
    s.pop()
    s[-1] = i % n


def _make_arraylib() -> Dictionary:
    d = Dictionary()
    for key, fn in (("Sum", _al_sum), ("Product", _al_product), ("Mean", _al_mean), ("Var", _al_var),
                    ("SDev", _al_sdev), ("Reform", _al_reform), ("getdeep", _al_getdeep),
                    ("EdgeTruncate", _edge("truncate")), ("EdgeClip", _edge("clip")),
                    ("EdgeWrap", _edge("wrap")), ("IndexWrap", _al_indexwrap),
                    ("IndexWrap_i_i", _al_indexwrap)):
        d[key] = Builtin(f"arraylib::{key}", fn, (fn.__doc__ or "").strip())
    return d


# -- helper names of the reference library (same behaviour as the operators above) --------------

reg.builtin("Take_a_i")(_take_i)
reg.builtin("Take_a_a")(_take_a)
reg.builtin("Drop_sequence_a_i_")(_drop_a)
reg.builtin("Drop_sequence_a_a_")(_drop_a)
reg.builtin("Drop_sequences_")(_drop_p)
reg.trie("Drop_sequence_", [("arraytype integertype", _drop_a), ("arraytype arraytype", _drop_a)])
reg.builtin("ReplacePart_i_", "ReplacePart_a_")(_replace_part)
reg.builtin("MapAt_i_", "MapAt_a_")(_map_at)


@reg.builtin("Drop_preposti_")
def drop_preposti(interp):
    "array [i] -> pre post element   split an array around the 1-based position i"
    s = interp.ostack
    a, spec = _array(s[-2], 1), _array(s[-1], 0)
    if len(spec) != 1 or type(spec[0]) is not int:
        raise ArgumentType(0)
    j = m2s(len(a), spec[0])
    s[-2], s[-1] = a[:j], a[j + 1:]
    s.append(a[j])


def _map_recursion(interp):
    "array proc n -> array'   Map at depth n"
    s = interp.ostack
    n = _int(s[-1], 0)
    s[-1] = [n]
    return _map_level_gen(interp)


reg.builtin("MapRecursion")(generator_builtin("MapRecursion", _map_recursion))
