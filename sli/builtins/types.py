"""Types, conversions and type predicates (sections 2.5, 6.7)."""
from __future__ import annotations

import re

import numpy as np

from ..datums import (
    Dictionary,
    DoubleVector,
    IntVector,
    Literal,
    LiteralProcedure,
    Name,
    Procedure,
    RangeIterator,
    lit,
    name,
    type_name,
)
from ..errors import ArgumentType, SliError
from ..parser import parse
from ..printing import to_syntax, to_text
from ..tries import Trie
from . import Registry

reg = Registry()


@reg.builtin("type")
def type_(interp):
    "obj -> /typename"
    s = interp.ostack
    s[-1] = lit(type_name(s[-1]))


@reg.builtin("typeinfo")
def typeinfo(interp):
    "obj -> obj /typename"
    s = interp.ostack
    s.append(lit(type_name(s[-1])))


_C_INT = re.compile(r"\s*[+-]?\d+")
_C_FLOAT = re.compile(r"\s*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)", re.I)


def c_atol(text: str) -> int:
    m = _C_INT.match(text)
    return int(m.group(0)) if m else 0


def c_atof(text: str) -> float:
    m = _C_FLOAT.match(text)
    return float(m.group(0)) if m else 0.0


def _cvi_d(interp):
    "d -> i   truncate toward zero"
    s = interp.ostack
    x = s[-1]
    if x != x or x in (float("inf"), float("-inf")):
        raise SliError("RangeCheck", "Cannot convert a non-finite double to an integer.")
    s[-1] = int(x)


def _identity(interp):
    "x -> x"


@reg.builtin("cvi_s")
def cvi_s(interp):
    "string -> i   C atol prefix parse"
    s = interp.ostack
    s[-1] = c_atol(s[-1])


@reg.builtin("cvd_s")
def cvd_s(interp):
    "string -> d   C atof prefix parse"
    s = interp.ostack
    s[-1] = c_atof(s[-1])


def _cvd_i(interp):
    "i -> d"
    s = interp.ostack
    s[-1] = float(s[-1])


_CVI = [("integertype", _identity), ("doubletype", _cvi_d), ("stringtype", "cvi_s")]
_CVD = [("integertype", _cvd_i), ("doubletype", _identity), ("stringtype", "cvd_s")]
reg.trie("cvi", _CVI)
reg.trie("int", _CVI)
reg.trie("cvd", _CVD)
reg.trie("double", _CVD)


@reg.builtin("cvs")
def cvs(interp):
    "obj -> string   text as printed by ="
    s = interp.ostack
    s[-1] = to_text(s[-1])


@reg.builtin("pcvs")
def pcvs(interp):
    "obj -> string   text as printed by =="
    s = interp.ostack
    s[-1] = to_syntax(s[-1])


@reg.builtin("cvlit_n")
def cvlit_n(interp):
    "name -> literal"
    s = interp.ostack
    s[-1] = lit(str(s[-1]))


@reg.builtin("cvlit_p")
def cvlit_p(interp):
    "proc -> array"
    s = interp.ostack
    s[-1] = list(s[-1].body)


def _cvlit_lp(interp):
    "literal procedure -> array"
    s = interp.ostack
    s[-1] = list(s[-1].proc.body)


reg.trie("cvlit", [("nametype", "cvlit_n"), ("proceduretype", "cvlit_p"),
                   ("literalproceduretype", _cvlit_lp), ("stringtype", "cvlit_n"),
                   ("anytype", _identity)])


@reg.builtin("cvn_l", "cvn_s")
def cvn(interp):
    "literal -> name | string -> name"
    s = interp.ostack
    s[-1] = name(str(s[-1]))


reg.trie("cvn", [("literaltype", "cvn_l"), ("stringtype", "cvn_s"), ("nametype", _identity)])


@reg.builtin("cvx_a")
def cvx_a(interp):
    "array -> proc"
    s = interp.ostack
    s[-1] = Procedure(s[-1])


def _cvx_s(interp):
    "string -> proc   the tokens of the string as a procedure"
    s = interp.ostack
    result = interp.parse(s[-1])
    if result.syntax_error:
        raise SliError("SyntaxError", result.syntax_error)
    s[-1] = result.procedure


reg.trie("cvx", [("arraytype", "cvx_a"), ("stringtype", _cvx_s), ("anytype", _identity)])


@reg.builtin("cvlp_p")
def cvlp(interp):
    "proc -> literal procedure"
    s = interp.ostack
    s[-1] = LiteralProcedure(s[-1])


reg.trie("cvlp", [("proceduretype", "cvlp_p")])


def _tokens(interp, text: str) -> list:
    result = interp.parse(text)
    if result.syntax_error:
        raise SliError("SyntaxError", result.syntax_error)
    return list(result.procedure.body)


@reg.builtin("cst", "css")
def cst(interp):
    "string -> array   the tokens of the string, not executed"
    s = interp.ostack
    if type(s[-1]) is not str:
        raise ArgumentType(0)
    s[-1] = _tokens(interp, s[-1])


@reg.builtin("token_s", "symbol_s")
def token_s(interp):
    "string -> post any true | false   read one token from a string"
    s = interp.ostack
    text = s[-1]
    from ..scanner import Scanner

    toks = Scanner(text).tokens()
    if not toks:
        s[-1] = False
        return
    first = toks[0]
    if first.kind == "lbrace":
        depth = 0
        end_tok = None
        for t in toks:
            depth += {"lbrace": 1, "rbrace": -1}.get(t.kind, 0)
            if depth == 0:
                end_tok = t
                break
        if end_tok is None:
            raise SliError("SyntaxError", "Unexpected end of input.")
    else:
        end_tok = first
    # position right after the token: re-scan by locating its end in the text
    end = _token_end(text, end_tok)
    items = _tokens(interp, text[:end])
    s[-1] = text[end:]
    s.append(items[0] if items else False)
    s.append(True)


def _token_end(text: str, tok) -> int:
    from ..scanner import Scanner

    sc = Scanner(text)
    lines = sc._line_starts
    start = lines[tok.line - 1] + tok.column - 1
    if tok.kind == "string":
        depth = 0
        i = start
        while i < len(text):
            c = text[i]
            if c == "\\":
                i += 2
                continue
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return len(text)
    if tok.kind == "rbrace":
        return start + 1
    m = re.compile(r"[^\s\[\]{}(%/]*").match(text, start + 1)
    return m.end()


reg.trie("token", [("stringtype", "token_s")])
reg.trie("symbol", [("stringtype", "symbol_s")])


@reg.builtin("cva_d")
def cva_d(interp):
    "dict -> [/k1 v1 ...]"
    s = interp.ostack
    flat = []
    for k, v in s[-1].items_in_order():
        flat.append(lit(k))
        flat.append(v)
    s[-1] = flat


def _cva_vec(interp):
    "vector -> array"
    s = interp.ostack
    s[-1] = s[-1].a.tolist()


def _cva_a(interp):
    "array -> array   (element-wise cva of nested vectors)"
    s = interp.ostack
    s[-1] = [x.a.tolist() if type(x) in (IntVector, DoubleVector) else x for x in s[-1]]


def _cva_iter(interp):
    "iterator -> array"
    s = interp.ostack
    s[-1] = list(s[-1].values())


def _cva_p(interp):
    "procedure -> array"
    s = interp.ostack
    s[-1] = list(s[-1].body)


reg.trie("cva", [("dictionarytype", "cva_d"), ("trietype", "cva_t"), ("intvectortype", _cva_vec),
                 ("doublevectortype", _cva_vec), ("arraytype", _cva_a), ("iteratortype", _cva_iter),
                 ("proceduretype", _cva_p)])


def _cvdict_a(interp):
    "[/k1 v1 ...] -> dict"
    s = interp.ostack
    a = s[-1]
    if len(a) % 2 or not all(type(k) is Literal for k in a[::2]):
        raise ArgumentType(0, "An array of literal/value pairs is expected.")
    data = {}
    for k, v in zip(a[::2], a[1::2]):
        data.setdefault(k, v)
    s[-1] = Dictionary(data)


reg.trie("cvdict", [("dictionarytype", _identity), ("arraytype", _cvdict_a)])


@reg.builtin("array2intvector")
def array2intvector(interp):
    "[ints] -> intvector"
    s = interp.ostack
    a = s[-1]
    if type(a) is not list or not all(type(x) is int for x in a):
        raise ArgumentType(0)
    s[-1] = IntVector(np.array(a, dtype=np.int64))


@reg.builtin("array2doublevector")
def array2doublevector(interp):
    "[doubles] -> doublevector"
    s = interp.ostack
    a = s[-1]
    if type(a) is not list or not all(type(x) is float for x in a):
        raise ArgumentType(0)
    s[-1] = DoubleVector(np.array(a, dtype=np.float64))


@reg.builtin("intvector2array", "doublevector2array")
def vector2array(interp):
    "vector -> array"
    s = interp.ostack
    if type(s[-1]) not in (IntVector, DoubleVector):
        raise ArgumentType(0)
    s[-1] = s[-1].a.tolist()


def _cv_iv(interp):
    "[numbers] -> intvector"
    s = interp.ostack
    a = s[-1]
    if not all(type(x) in (int, float) for x in a):
        raise ArgumentType(0)
    s[-1] = IntVector(np.array([int(x) for x in a], dtype=np.int64))


def _cv_dv(interp):
    "[numbers] -> doublevector"
    s = interp.ostack
    a = s[-1]
    if not all(type(x) in (int, float) for x in a):
        raise ArgumentType(0)
    s[-1] = DoubleVector(np.array(a, dtype=np.float64))


reg.trie("cv_iv", [("arraytype", _cv_iv), ("intvectortype", _identity)])
reg.trie("cv_dv", [("arraytype", _cv_dv), ("doublevectortype", _identity)])


def _predicate(*types):
    def pred(interp):
        s = interp.ostack
        s.append(type(s[-1]) in types)
    pred.__doc__ = "obj -> obj bool"
    return pred


for _key, _types in (("ArrayQ", (list,)), ("LiteralQ", (Literal,)), ("NumberQ", (int, float)),
                     ("IntegerQ", (int,)), ("DoubleQ", (float,)), ("StringQ", (str,)),
                     ("DictQ", (Dictionary,)), ("ProcedureQ", (Procedure,)), ("TrieQ", (Trie,))):
    reg.builtin(_key)(_predicate(*_types))


@reg.builtin("FiniteQ")
def finiteq(interp):
    "obj -> obj bool   doubles: finite?; integers: true"
    s = interp.ostack
    x = s[-1]
    s.append(type(x) is int or (type(x) is float and x == x and abs(x) != float("inf")))


def _rectangular_depth(a) -> int:
    if type(a) is not list:
        return 0
    if not a:
        return 1
    if not all(type(x) is list for x in a):
        return 1
    n = len(a[0])
    if not all(len(x) == n for x in a):
        return 1
    return 1 + min(_rectangular_depth(x) for x in a)


@reg.builtin("MatrixQ")
def matrixq(interp):
    "obj -> bool   true for a rectangular two-level array"
    s = interp.ostack
    s[-1] = _rectangular_depth(s[-1]) >= 2


@reg.builtin("container")
def container(interp):
    "array -> [] | string -> ()   empty container of the same kind"
    s = interp.ostack
    c = s[-1]
    if type(c) is list:
        s[-1] = []
    elif type(c) is str:
        s[-1] = ""
    else:
        raise ArgumentType(0)


@reg.builtin("cvo")
def cvo(interp):
    "dict -> dict   label the dictionary as an object"
    s = interp.ostack
    d = s[-1]
    if type(d) is not Dictionary:
        raise ArgumentType(0)
    d["__is_object"] = True
