"""Arithmetic, mathematical functions, comparison and logic (sections 6.2–6.4)."""
from __future__ import annotations

import math
import operator

import numpy as np

from ..datums import DoubleVector, IntVector, datum_equal
from ..errors import ArgumentType, SliError, range_check
from . import Registry

reg = Registry()

NUMBER = (int, float)
INT_MAX = (1 << 63) - 1
INT_MIN = -(1 << 63)


def wrap64(value: int) -> int:
    """Integers are 64-bit C longs in the reference: results wrap around without an error."""
    value &= (1 << 64) - 1
    return value - (1 << 64) if value > INT_MAX else value


def _num(x, level: int):
    t = type(x)
    if t is int or t is float:
        return x
    raise ArgumentType(level)


def _int_div(a: int, b: int) -> int:
    """C integer division: truncates toward zero."""
    if b == 0:
        raise SliError("DivisionByZero")
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _float_div(a, b) -> float:
    if b == 0:
        raise SliError("DivisionByZero")
    return a / b


# -- typed leaves of add/sub/mul/div -----------------------------------------------------------

def _binary(op):
    def leaf(interp):
        s = interp.ostack
        b = s.pop()
        s[-1] = op(s[-1], b)
    return leaf


def _binary_int(op):
    def leaf(interp):
        s = interp.ostack
        b = s.pop()
        r = op(s[-1], b)
        s[-1] = r if INT_MIN <= r <= INT_MAX else wrap64(r)
    return leaf


def _binary_float(op):
    def leaf(interp):
        s = interp.ostack
        b = s.pop()
        s[-1] = op(float(s[-1]), float(b))
    return leaf


for _name, _op in (("add", operator.add), ("sub", operator.sub), ("mul", operator.mul)):
    reg.builtin(f"{_name}_ii")(_binary_int(_op))
    for _suffix in ("id", "di", "dd"):
        reg.builtin(f"{_name}_{_suffix}")(_binary_float(_op))


@reg.builtin("div_ii")
def div_ii(interp):
    "i1 i2 -> i   integer division truncating toward zero"
    s = interp.ostack
    q = _int_div(s[-2], s[-1])
    s.pop()
    s[-1] = q


@reg.builtin("div_id", "div_di", "div_dd")
def div_dd(interp):
    "x y -> d   division; DivisionByZero for a zero divisor"
    s = interp.ostack
    q = _float_div(float(s[-2]), float(s[-1]))
    s.pop()
    s[-1] = q


@reg.builtin("mod")
def mod(interp):
    "i1 i2 -> i   remainder with the sign of the dividend"
    s = interp.ostack
    a, b = s[-2], s[-1]
    if type(a) is not int or type(b) is not int:
        raise ArgumentType(0 if type(b) is not int else 1)
    if b == 0:
        raise SliError("DivisionByZero")
    r = abs(a) % abs(b)
    s.pop()
    s[-1] = r if a >= 0 else -r


# -- element-wise variants on arrays and vectors -----------------------------------------------

def _elementwise(op, a, b, level=0):
    ta, tb = type(a), type(b)
    if ta is list and tb is list:
        if len(a) != len(b):
            raise range_check("Arrays must have equal length.")
        return [_elementwise(op, x, y) for x, y in zip(a, b)]
    if ta is list:
        return [_elementwise(op, x, b) for x in a]
    if tb is list:
        return [_elementwise(op, a, y) for y in b]
    if ta in NUMBER and tb in NUMBER:
        return op(a, b)
    raise ArgumentType(level)


def _scalar_op(name):
    def op(a, b):
        if name == "add":
            return a + b
        if name == "sub":
            return a - b
        if name == "mul":
            return a * b
        if type(a) is int and type(b) is int:
            return _int_div(a, b)
        return _float_div(float(a), float(b))
    return op


def _array_variant(name):
    op = _scalar_op(name)

    def variant(interp):
        s = interp.ostack
        result = _elementwise(op, s[-2], s[-1])
        s.pop()
        s[-1] = result
    variant.__doc__ = f"a b -> c   element-wise {name} of arrays and numbers"
    return variant


def _vector_variant(name):
    ops = {"add": np.add, "sub": np.subtract, "mul": np.multiply}

    def variant(interp):
        s = interp.ostack
        a, b = s[-2], s[-1]
        va = a.a if type(a) in (IntVector, DoubleVector) else np.asarray(a)
        vb = b.a if type(b) in (IntVector, DoubleVector) else np.asarray(b)
        if va.ndim and vb.ndim and va.shape != vb.shape:
            raise range_check("Vectors must have equal length.")
        if name == "div":
            if np.any(vb == 0):
                raise SliError("DivisionByZero")
            if va.dtype.kind == "i" and vb.dtype.kind == "i":
                q = np.abs(va) // np.abs(vb)
                r = np.where((va >= 0) == (vb >= 0), q, -q)
            else:
                r = va / vb
        else:
            r = ops[name](va, vb)
        result = IntVector(r) if r.dtype.kind == "i" else DoubleVector(r)
        s.pop()
        s[-1] = result
    return variant


for _name in ("add", "sub", "mul", "div"):
    _arr = _array_variant(_name)
    _vec = _vector_variant(_name)
    for _leaf in ("a_a", "i_a", "a_i"):
        reg.builtin(f"{_name}_{_leaf}")(_arr)
    for _leaf in ("iv_iv", "i_iv", "d_iv", "dv_dv", "d_dv"):
        reg.builtin(f"{_name}_{_leaf}")(_vec)
    reg.trie(_name, [
        ("integertype integertype", f"{_name}_ii"),
        ("doubletype integertype", f"{_name}_di"),
        ("arraytype integertype", _arr),
        ("intvectortype integertype", _vec),
        ("integertype doubletype", f"{_name}_id"),
        ("doubletype doubletype", f"{_name}_dd"),
        ("arraytype doubletype", _arr),
        ("doublevectortype doubletype", _vec),
        ("arraytype arraytype", _arr),
        ("doubletype arraytype", _arr),
        ("integertype arraytype", _arr),
        ("intvectortype intvectortype", f"{_name}_iv_iv"),
        ("integertype intvectortype", _vec),
        ("doubletype intvectortype", _vec),
        ("doublevectortype doublevectortype", f"{_name}_dv_dv"),
        ("doubletype doublevectortype", _vec),
        ("integertype doublevectortype", _vec),
    ])


def _fast_arith(name):
    def factory(trie):
        slow = trie._dispatch
        if name == "add":
            def fast(interp):
                s = interp.ostack
                if len(s) > 1:
                    b = s[-1]
                    a = s[-2]
                    tb = type(b)
                    ta = type(a)
                    if ta is int and tb is int:
                        s.pop()
                        r = a + b
                        s[-1] = r if INT_MIN <= r <= INT_MAX else wrap64(r)
                        return
                    if (ta is float or ta is int) and (tb is float or tb is int):
                        s.pop()
                        s[-1] = float(a) + b
                        return
                slow(interp)
        elif name == "sub":
            def fast(interp):
                s = interp.ostack
                if len(s) > 1:
                    b = s[-1]
                    a = s[-2]
                    tb = type(b)
                    ta = type(a)
                    if ta is int and tb is int:
                        s.pop()
                        r = a - b
                        s[-1] = r if INT_MIN <= r <= INT_MAX else wrap64(r)
                        return
                    if (ta is float or ta is int) and (tb is float or tb is int):
                        s.pop()
                        s[-1] = float(a) - b
                        return
                slow(interp)
        elif name == "mul":
            def fast(interp):
                s = interp.ostack
                if len(s) > 1:
                    b = s[-1]
                    a = s[-2]
                    tb = type(b)
                    ta = type(a)
                    if ta is int and tb is int:
                        s.pop()
                        r = a * b
                        s[-1] = r if INT_MIN <= r <= INT_MAX else wrap64(r)
                        return
                    if (ta is float or ta is int) and (tb is float or tb is int):
                        s.pop()
                        s[-1] = float(a) * b
                        return
                slow(interp)
        else:
            def fast(interp):
                s = interp.ostack
                if len(s) > 1:
                    b = s[-1]
                    a = s[-2]
                    tb = type(b)
                    ta = type(a)
                    if (ta is float or ta is int) and (tb is float or tb is int) and b:
                        s.pop()
                        s[-1] = _int_div(a, b) if ta is int and tb is int else float(a) / b
                        return
                slow(interp)
        return fast
    return factory


for _name in ("add", "sub", "mul", "div"):
    reg.fast_path(_name)(_fast_arith(_name))


# -- unary numeric -----------------------------------------------------------------------------

@reg.builtin("neg_i", "neg_d")
def neg(interp):
    "x -> -x"
    s = interp.ostack
    x = -s[-1]
    s[-1] = wrap64(x) if type(x) is int and x > INT_MAX else x


@reg.builtin("neg_iv", "neg_dv")
def neg_vector(interp):
    "vector -> vector   element-wise negation"
    s = interp.ostack
    v = s[-1]
    s[-1] = type(v)(-v.a)


@reg.builtin("not_b")
def not_b(interp):
    "b -> b   logical not"
    s = interp.ostack
    s[-1] = not s[-1]


@reg.builtin("not_i")
def not_i(interp):
    "i -> i   bitwise complement"
    s = interp.ostack
    s[-1] = ~s[-1]


reg.trie("neg", [("integertype", "neg_i"), ("doubletype", "neg_d"), ("booltype", "not_b"),
                 ("intvectortype", "neg_iv"), ("doublevectortype", "neg_dv")])
reg.trie("not", [("booltype", "not_b"), ("integertype", "not_i")])


@reg.builtin("abs_i", "abs_d")
def abs_(interp):
    "x -> |x|"
    s = interp.ostack
    s[-1] = abs(s[-1])


reg.trie("abs", [("integertype", "abs_i"), ("doubletype", "abs_d")])


@reg.builtin("inv_", "inv_d")
def inv(interp):
    "d -> 1/d   (1/0 gives inf, as in the reference)"
    s = interp.ostack
    x = float(s[-1])
    s[-1] = 1.0 / x if x else math.copysign(math.inf, x)


@reg.builtin("inv_dv")
def inv_dv(interp):
    "doublevector -> doublevector   element-wise reciprocal"
    s = interp.ostack
    with np.errstate(divide="ignore"):
        s[-1] = DoubleVector(1.0 / s[-1].a)


reg.trie("inv", [("doubletype", "inv_"), ("doublevectortype", "inv_dv")])


def _minmax(pick):
    def leaf(interp):
        s = interp.ostack
        b = s.pop()
        a = s[-1]
        s[-1] = pick(a, b)
    return leaf


_max = _minmax(lambda a, b: a if a >= b else b)
_min = _minmax(lambda a, b: a if a <= b else b)
for _s in ("i_i", "i_d", "d_i", "d_d"):
    reg.builtin(f"max_{_s}")(_max)
    reg.builtin(f"min_{_s}")(_min)
_NUMSIGS = (("integertype integertype", "i_i"), ("integertype doubletype", "i_d"),
            ("doubletype integertype", "d_i"), ("doubletype doubletype", "d_d"))
reg.trie("max", [(sig, f"max_{s}") for sig, s in _NUMSIGS])
reg.trie("min", [(sig, f"min_{s}") for sig, s in _NUMSIGS])


@reg.builtin("int_d")
def int_d(interp):
    "d -> i   truncate toward zero"
    s = interp.ostack
    x = s[-1]
    if not math.isfinite(x):
        raise range_check("Cannot convert a non-finite double to an integer.")
    s[-1] = int(x)


@reg.builtin("double_i")
def double_i(interp):
    "i -> d"
    s = interp.ostack
    s[-1] = float(s[-1])


# -- mathematical functions --------------------------------------------------------------------

def _unary_float(fn, domain=None):
    def leaf(interp):
        s = interp.ostack
        x = float(s[-1])
        if domain is not None and not domain(x):
            raise range_check()
        s[-1] = fn(x)
    return leaf


_FUNCTIONS = {
    "sin": (math.sin, None),
    "cos": (math.cos, None),
    "asin": (math.asin, lambda x: -1.0 <= x <= 1.0),
    "acos": (math.acos, lambda x: -1.0 <= x <= 1.0),
    "exp": (lambda x: math.exp(x) if x < 709.78 else math.inf, None),
    "ln": (math.log, lambda x: x > 0),
    "log": (math.log10, lambda x: x > 0),
    "sqr": (lambda x: x * x, None),
    "sqrt": (math.sqrt, lambda x: x >= 0),
}
for _name, (_fn, _domain) in _FUNCTIONS.items():
    _leaf = _unary_float(_fn, _domain)
    reg.builtin(f"{_name}_d")(_leaf)
    reg.trie(_name, [("integertype", _leaf), ("doubletype", f"{_name}_d")])


@reg.builtin("pow_dd")
def pow_dd(interp):
    "x y -> d   x to the power y; negative x needs an integer exponent"
    s = interp.ostack
    x, y = float(s[-2]), s[-1]
    if type(y) is float and x < 0:
        raise range_check()
    if x == 0 and y < 0:
        raise range_check()
    try:
        r = math.pow(x, float(y))
    except OverflowError:
        r = math.inf
    s.pop()
    s[-1] = r


reg.builtin("pow_di")(pow_dd)
reg.trie("pow", [("doubletype doubletype", "pow_dd"), ("integertype doubletype", "pow_dd"),
                 ("doubletype integertype", "pow_di"), ("integertype integertype", "pow_di")])


@reg.builtin("modf_d")
def modf_d(interp):
    "d -> frac int   fractional and integral part, both doubles"
    s = interp.ostack
    frac, whole = math.modf(s[-1])
    s[-1] = frac
    s.append(whole)


@reg.builtin("frexp_d")
def frexp_d(interp):
    "d -> mantissa exponent"
    s = interp.ostack
    m, e = math.frexp(s[-1])
    s[-1] = m
    s.append(e)


@reg.builtin("ldexp_di")
def ldexp_di(interp):
    "d i -> d*2^i"
    s = interp.ostack
    e = s.pop()
    s[-1] = math.ldexp(s[-1], e)


@reg.builtin("dexp_i")
def dexp_i(interp):
    "i -> 2^i as double"
    s = interp.ostack
    s[-1] = math.ldexp(1.0, s[-1])


reg.trie("modf", [("doubletype", "modf_d")])
reg.trie("frexp", [("doubletype", "frexp_d")])
reg.trie("ldexp", [("doubletype integertype", "ldexp_di")])
reg.trie("dexp", [("integertype", "dexp_i")])


@reg.builtin("round_d")
def round_d(interp):
    "d -> d   floor(d + 0.5)"
    s = interp.ostack
    s[-1] = float(math.floor(s[-1] + 0.5))


@reg.builtin("floor_d")
def floor_d(interp):
    "d -> d"
    s = interp.ostack
    s[-1] = float(math.floor(s[-1]))


@reg.builtin("ceil_d")
def ceil_d(interp):
    "d -> d"
    s = interp.ostack
    s[-1] = float(math.ceil(s[-1]))


def _trunc(interp):
    "d -> d   truncate toward zero"
    s = interp.ostack
    s[-1] = float(math.trunc(s[-1]))


def _iround(interp):
    "d -> i   round to the nearest integer (floor(d + 0.5))"
    s = interp.ostack
    s[-1] = int(math.floor(s[-1] + 0.5))


def _identity(interp):
    "i -> i"


def _round_int(interp):
    "i -> d"
    s = interp.ostack
    s[-1] = float(s[-1])


reg.builtin("iround_d")(_iround)
reg.trie("round", [("doubletype", "round_d"), ("integertype", _round_int)])
reg.trie("floor", [("doubletype", "floor_d"), ("integertype", _identity)])
reg.trie("ceil", [("doubletype", "ceil_d"), ("integertype", _identity)])
reg.trie("trunc", [("doubletype", _trunc), ("integertype", _round_int)])
reg.trie("iround", [("doubletype", _iround), ("integertype", _identity)])


@reg.builtin("finite_q_d")
def finite_q_d(interp):
    "d -> bool   true if finite"
    s = interp.ostack
    s[-1] = math.isfinite(s[-1])


@reg.builtin("UnitStep_i", "UnitStep_d")
def unitstep(interp):
    "x -> 0|1   1 if x >= 0 (result of the type of x)"
    s = interp.ostack
    x = s[-1]
    s[-1] = type(x)(1 if x >= 0 else 0)


@reg.builtin("UnitStep_ia", "UnitStep_da")
def unitstep_a(interp):
    "array -> 0|1   1 if every element is >= 0"
    s = interp.ostack
    a = s[-1]
    kind = float if a and type(a[0]) is float else int
    s[-1] = kind(1 if all(x >= 0 for x in a) else 0)


reg.trie("UnitStep", [("integertype", "UnitStep_i"), ("doubletype", "UnitStep_d"),
                      ("arraytype", "UnitStep_ia")])


@reg.builtin("Sign")
def sign(interp):
    "x -> -1|0|1"
    s = interp.ostack
    x = _num(s[-1], 0)
    s[-1] = (x > 0) - (x < 0)


def _number_array(a, level=0):
    if type(a) is not list:
        raise ArgumentType(level)
    for x in a:
        if type(x) not in NUMBER:
            raise ArgumentType(level)
    return a


@reg.builtin("Plus", "Total")
def plus(interp):
    "[x1 ... xn] -> sum"
    s = interp.ostack
    a = _number_array(s[-1])
    total = 0
    for x in a:
        total = total + x
    s[-1] = total


@reg.builtin("Times")
def times(interp):
    "[x1 ... xn] -> product"
    s = interp.ostack
    a = _number_array(s[-1])
    p = 1
    for x in a:
        p = p * x
    s[-1] = p


@reg.builtin("Max", "GetMax")
def max_(interp):
    "[x1 ... xn] -> largest element"
    s = interp.ostack
    a = _number_array(s[-1])
    if not a:
        raise range_check("Array must not be empty.")
    s[-1] = max(a)


@reg.builtin("Min", "GetMin")
def min_(interp):
    "[x1 ... xn] -> smallest element"
    s = interp.ostack
    a = _number_array(s[-1])
    if not a:
        raise range_check("Array must not be empty.")
    s[-1] = min(a)


@reg.builtin("Mean")
def mean(interp):
    "[x1 ... xn] -> d   arithmetic mean"
    s = interp.ostack
    a = _number_array(s[-1])
    if not a:
        raise range_check("Array must not be empty.")
    s[-1] = float(sum(a)) / len(a)


def _variance(a):
    n = len(a)
    if n < 2:
        raise range_check("At least two elements are needed.")
    m = float(sum(a)) / n
    return sum((x - m) ** 2 for x in a) / (n - 1)


@reg.builtin("Variance")
def variance(interp):
    "[x1 ... xn] -> d   unbiased sample variance"
    s = interp.ostack
    s[-1] = _variance(_number_array(s[-1]))


@reg.builtin("StandardDeviation")
def standard_deviation(interp):
    "[x1 ... xn] -> d   square root of the sample variance"
    s = interp.ostack
    s[-1] = math.sqrt(_variance(_number_array(s[-1])))


def _cyclic(x, lo, hi):
    span = hi - lo
    if span <= 0:
        raise range_check("The interval must have positive length.")
    return lo + math.fmod(math.fmod(x - lo, span) + span, span)


@reg.builtin("CyclicValue_d_d_d")
def cyclic3(interp):
    "x lo hi -> y   x mapped cyclically into [lo, hi)"
    s = interp.ostack
    x, lo, hi = (float(_num(v, 2 - i)) for i, v in enumerate(s[-3:]))
    y = _cyclic(x, lo, hi)
    del s[-3:]
    s.append(y)


@reg.builtin("CyclicValue_d_a")
def cyclic2(interp):
    "x [lo hi] -> y   x mapped cyclically into [lo, hi)"
    s = interp.ostack
    bounds = s[-1]
    if type(bounds) is not list or len(bounds) != 2:
        raise ArgumentType(0)
    x = float(_num(s[-2], 1))
    y = _cyclic(x, float(_num(bounds[0], 0)), float(_num(bounds[1], 0)))
    del s[-2:]
    s.append(y)


reg.trie("CyclicValue", [("anytype arraytype", "CyclicValue_d_a"),
                         ("anytype anytype anytype", "CyclicValue_d_d_d")])


# -- comparison and logic ----------------------------------------------------------------------

@reg.builtin("eq", "eq_", "eq_iv", "eq_dv")
def eq(interp):
    "a b -> bool   equality without type coercion"
    s = interp.ostack
    b = s[-1]
    a = s[-2]
    s.pop()
    s[-1] = datum_equal(a, b)


@reg.builtin("neq", "neq_")
def neq(interp):
    "a b -> bool"
    s = interp.ostack
    b = s[-1]
    a = s[-2]
    s.pop()
    s[-1] = not datum_equal(a, b)


reg.trie("eq", [("intvectortype intvectortype", "eq_iv"), ("doublevectortype doublevectortype", "eq_dv"),
                ("anytype anytype", "eq_")])
reg.trie("neq", [("anytype anytype", "neq_")])


def _fast_equality(negate):
    def factory(trie):
        def fast(interp):
            s = interp.ostack
            b = s[-1]
            a = s[-2]
            ta = type(a)
            if ta is type(b) and (ta is int or ta is float or ta is bool or ta is str):
                s.pop()
                s[-1] = (a != b) if negate else (a == b)
                return
            s.pop()
            s[-1] = (not datum_equal(a, b)) if negate else datum_equal(a, b)
        return fast
    return factory


def _fast_eq_checked(negate):
    base = _fast_equality(negate)

    def factory(trie):
        inner = base(trie)
        slow = trie._dispatch

        def fast(interp):
            s = interp.ostack
            if len(s) > 1 and type(s[-1]) not in (IntVector, DoubleVector):
                inner(interp)
            else:
                slow(interp)
        return fast
    return factory


reg.fast_path("eq")(_fast_eq_checked(False))
reg.fast_path("neq")(_fast_eq_checked(True))

_COMPARE = {"lt": operator.lt, "gt": operator.gt, "leq": operator.le, "geq": operator.ge}
for _name, _op in _COMPARE.items():
    _leaf = _binary(_op)
    for _s in ("ii", "id", "di", "dd"):
        reg.builtin(f"{_name}_{_s}")(_leaf)
    sigs = [("integertype integertype", f"{_name}_ii"), ("integertype doubletype", f"{_name}_id"),
            ("doubletype integertype", f"{_name}_di"), ("doubletype doubletype", f"{_name}_dd")]
    if _name in ("lt", "gt"):
        reg.builtin(f"{_name}_ss")(_leaf)
        sigs.append(("stringtype stringtype", f"{_name}_ss"))
    else:
        sigs.append(("stringtype stringtype", _leaf))
    reg.trie(_name, sigs)


def _fast_compare(op):
    def factory(trie):
        slow = trie._dispatch

        def fast(interp):
            s = interp.ostack
            if len(s) > 1:
                b = s[-1]
                a = s[-2]
                ta = type(a)
                tb = type(b)
                if (ta is int or ta is float) and (tb is int or tb is float):
                    s.pop()
                    s[-1] = op(a, b)
                    return
            slow(interp)
        return fast
    return factory


for _name, _op in _COMPARE.items():
    reg.fast_path(_name)(_fast_compare(_op))


@reg.builtin("and_bb", "and_ii")
def and_(interp):
    "b1 b2 -> b | i1 i2 -> i   logical or bitwise and"
    s = interp.ostack
    b = s.pop()
    s[-1] = s[-1] & b


@reg.builtin("or_bb", "or_ii")
def or_(interp):
    "b1 b2 -> b | i1 i2 -> i   logical or bitwise or"
    s = interp.ostack
    b = s.pop()
    s[-1] = s[-1] | b


@reg.builtin("xor_", "xor_bb")
def xor(interp):
    "b1 b2 -> b   exclusive or"
    s = interp.ostack
    b = s.pop()
    s[-1] = s[-1] ^ b


reg.trie("and", [("booltype booltype", "and_bb"), ("integertype integertype", "and_ii")])
reg.trie("or", [("booltype booltype", "or_bb"), ("integertype integertype", "or_ii")])
reg.trie("xor", [("booltype booltype", "xor_")])

reg.constant("true", True)
reg.constant("false", False)
reg.constant("E", math.e)
reg.constant("Pi", math.pi)


# -- FindRoot ------------------------------------------------------------------------------------

def _find_root(interp):
    "proc a b eps FindRoot -> x   a root of the function proc in [a, b] (bisection)"
    s = interp.ostack
    proc, a, b, eps = s[-4], s[-3], s[-2], s[-1]
    from ..datums import Procedure

    if type(proc) is not Procedure:
        raise ArgumentType(3)
    for level, x in ((2, a), (1, b), (0, eps)):
        if type(x) not in NUMBER:
            raise ArgumentType(level)
    del s[-4:]
    a, b, eps = float(a), float(b), float(eps)

    def value_at(x):
        s.append(x)
        yield proc
        if not s or type(s[-1]) not in NUMBER:
            raise SliError("ArgumentType", "FindRoot: the function must return a number.")
        return float(s.pop())

    fa = yield from value_at(a)
    fb = yield from value_at(b)
    if fa == 0.0 or fb == 0.0:
        s.append(a if fa == 0.0 else b)
        return
    if (fa > 0) == (fb > 0):
        raise SliError("RangeCheck", "FindRoot: the function must change its sign in [a, b].")
    for _ in range(2000):
        if abs(b - a) <= eps:
            break
        m = 0.5 * (a + b)
        fm = yield from value_at(m)
        if fm == 0.0:
            a = b = m
            break
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
        else:
            b = m
    s.append(0.5 * (a + b))


from . import generator_builtin  # noqa: E402

reg.builtin("FindRoot")(generator_builtin("FindRoot", _find_root, is_loop=False))


# -- Lambert W -----------------------------------------------------------------------------------

def lambert_w(x: float, branch: int) -> float:
    """W(x) on the principal (0) or lower (-1) branch, by Halley iteration."""
    if x < -1.0 / math.e:
        raise range_check("LambertW is real only for x >= -1/e.")
    if branch == -1 and not x < 0.0:
        raise range_check("The branch W_-1 is real only for -1/e <= x < 0.")
    if x == 0.0:
        return 0.0
    if branch == 0:
        w = math.log1p(x) if x > -0.25 else -1.0 + math.sqrt(2.0 * (1.0 + math.e * x))
    else:
        w = math.log(-x) - math.log(-math.log(-x)) if x > -0.25 else -1.0 - math.sqrt(2.0 * (1.0 + math.e * x))
    for _ in range(100):
        ew = math.exp(w)
        f = w * ew - x
        wp1 = w + 1.0
        if wp1 == 0.0:
            break
        step = f / (ew * wp1 - (w + 2.0) * f / (2.0 * wp1))
        w -= step
        if abs(step) <= 1e-15 * (1.0 + abs(w)):
            break
    return w


def _lambert(branch: int):
    def leaf(interp):
        s = interp.ostack
        x = s[-1]
        if type(x) not in NUMBER:
            raise ArgumentType(0)
        s[-1] = lambert_w(float(x), branch)
    leaf.__doc__ = f"x -> W(x)   Lambert W function, branch {branch}"
    return leaf


reg.builtin("LambertW0")(_lambert(0))
reg.builtin("LambertWm1")(_lambert(-1))


@reg.builtin("LambertW")
def lambert_w_branch(interp):
    "x branch -> W(x)   Lambert W function on branch 0 or -1"
    s = interp.ostack
    x, branch = s[-2], s[-1]
    if type(x) not in NUMBER or branch not in (0, -1) or type(branch) is not int:
        raise ArgumentType(0 if type(branch) is not int else 1)
    del s[-2:]
    s.append(lambert_w(float(x), branch))
