"""Random numbers (section 6.21): generators (``rngtype``) and deviates (``rdvtype``).

Generators wrap numpy bit generators; ``MT19937`` uses the classic Mersenne-Twister seeding, so
``drand`` gives the reference's 32-bit resolution doubles. Deviates draw through a numpy
``Generator`` sharing the state of their generator.
"""
from __future__ import annotations

import math
from typing import Any, Callable, Dict, Tuple

import numpy as np

from ..datums import Dictionary, DoubleVector, IntVector, Literal, lit, register_type
from ..errors import ArgumentType, SliError
from . import Registry

reg = Registry()

_TWO32 = 4294967296.0


class RNG:
    """SLI ``rngtype``: a seeded uniform random generator."""

    __slots__ = ("kind", "bitgen", "gen")

    def __init__(self, kind: str, seed: int):
        self.kind = kind
        self.seed(seed)

    def seed(self, seed: int) -> None:
        if self.kind == "MT19937":
            bitgen = np.random.MT19937(0)
            bitgen._legacy_seeding(seed & 0xFFFFFFFF)
        else:
            bitgen = np.random.PCG64(seed & 0xFFFFFFFFFFFFFFFF)
        self.bitgen = bitgen
        self.gen = np.random.Generator(bitgen)

    def _raw32(self, n: int = 1) -> np.ndarray:
        if self.kind == "MT19937":
            return self.bitgen.random_raw(n).astype(np.float64)
        return (self.bitgen.random_raw(n) >> np.uint64(32)).astype(np.float64)

    def drand(self) -> float:
        """Uniform double in [0, 1)."""
        return float(self._raw32(1)[0] / _TWO32)

    def drand_array(self, n: int) -> np.ndarray:
        return self._raw32(n) / _TWO32

    def irand(self, n: int) -> int:
        """Uniform integer in [0, n)."""
        return int(self.drand() * n)

    def sli_text(self) -> str:
        return f"<rngtype:{self.kind}>"


class RNGFactory:
    """SLI ``rngfactorytype``: an entry of ``rngdict``."""

    __slots__ = ("kind",)

    def __init__(self, kind: str):
        self.kind = kind

    def create(self, seed: int) -> RNG:
        return RNG(self.kind, seed)


# -- deviates --------------------------------------------------------------------------------------
# Each deviate kind: parameter defaults, a validator, a sampler gen,params,n -> array, discrete?


def _check(cond: bool, message: str) -> None:
    if not cond:
        raise SliError("BadParameterValue", message)


def _v_normal(p):
    _check(p["sigma"] >= 0, "sigma must be non-negative.")


def _v_uniform(p):
    _check(p["low"] < p["high"], "low < high required.")


def _v_uniform_int(p):
    _check(p["low"] <= p["high"], "low <= high required.")


def _v_exponential(p):
    _check(p["lambda"] != 0, "lambda must not be zero.")


def _v_gamma(p):
    _check(p["order"] > 0, "order > 0 required.")
    _check(p["scale"] > 0, "scale > 0 required.")


def _v_binomial(p):
    _check(0 <= p["p"] <= 1, "0 <= p <= 1 required.")
    _check(p["n"] >= 1, "n >= 1 required.")


def _v_poisson(p):
    _check(p["lambda"] >= 0, "lambda >= 0 required.")


def _v_clipped(p):
    _check(p["low"] < p["high"], "low < high required.")


BASE_KINDS: Dict[str, Tuple[Dict[str, Any], Callable, Callable, bool]] = {
    "normal": ({"mu": 0.0, "sigma": 1.0}, _v_normal,
               lambda g, p, n: g.normal(p["mu"], p["sigma"], n), False),
    "lognormal": ({"mu": 0.0, "sigma": 1.0}, _v_normal,
                  lambda g, p, n: g.lognormal(p["mu"], p["sigma"], n), False),
    "uniform": ({"low": 0.0, "high": 1.0}, _v_uniform,
                lambda g, p, n: p["low"] + (p["high"] - p["low"]) * g.random(n), False),
    "uniform_int": ({"low": 0, "high": 0}, _v_uniform_int,
                    lambda g, p, n: g.integers(p["low"], p["high"], n, endpoint=True), True),
    "exponential": ({"lambda": 1.0}, _v_exponential,
                    lambda g, p, n: g.exponential(1.0 / p["lambda"], n), False),
    "gamma": ({"order": 1.0, "scale": 1.0}, _v_gamma,
              lambda g, p, n: g.gamma(p["order"], p["scale"], n), False),
    "binomial": ({"p": 0.5, "n": 1}, _v_binomial,
                 lambda g, p, n: g.binomial(p["n"], p["p"], n), True),
    "poisson": ({"lambda": 0.0}, _v_poisson,
                lambda g, p, n: g.poisson(p["lambda"], n), True),
}
_CLIPPABLE = ("normal", "lognormal", "exponential", "binomial", "poisson")
_INT_PARAMS = {"n"}


def _kind_spec(kind: str):
    """(defaults, validator, sampler, discrete) of a deviate kind, clipped variants included."""
    if kind in BASE_KINDS:
        return BASE_KINDS[kind]
    for suffix, mode in (("_clipped_to_boundary", "boundary"), ("_clipped", "redraw")):
        if kind.endswith(suffix):
            base = kind[: -len(suffix)]
            defaults, validate, sample, discrete = BASE_KINDS[base]
            if discrete:
                bounds = {"low": -(2 ** 63), "high": 2 ** 63 - 1}
            else:
                bounds = {"low": -math.inf, "high": math.inf}

            def validate_clipped(p, validate=validate):
                validate(p)
                _v_clipped(p)

            def sample_clipped(g, p, n, sample=sample, discrete=discrete, mode=mode):
                lo, hi = p["low"], p["high"]
                x = sample(g, p, n)
                if mode == "boundary":
                    return np.clip(x, lo, hi)
                inside = (x >= lo) & (x <= hi) if discrete else (x > lo) & (x < hi)
                tries = 0
                while not inside.all():
                    bad = ~inside
                    x[bad] = sample(g, p, int(bad.sum()))
                    inside = (x >= lo) & (x <= hi) if discrete else (x > lo) & (x < hi)
                    tries += 1
                    if tries > 100000:
                        raise SliError("KernelException", "Clipped deviate: interval too narrow.")
                return x

            return dict(defaults, **bounds), validate_clipped, sample_clipped, discrete
    raise KeyError(kind)


class RDV:
    """SLI ``rdvtype``: a random deviate generator bound to an RNG."""

    __slots__ = ("kind", "rng", "params", "_validate", "_sample", "discrete")

    def __init__(self, kind: str, rng: RNG):
        defaults, self._validate, self._sample, self.discrete = _kind_spec(kind)
        self.kind = kind
        self.rng = rng
        self.params = dict(defaults)

    def set_params(self, d: Dictionary) -> None:
        new = dict(self.params)
        for key, value in d.data.items():
            key = str(key)
            if key not in new:
                continue
            old = new[key]
            if type(value) not in (int, float):
                raise SliError("TypeMismatch", f"Expected datatype: doubletype\nProvided datatype: "
                                               f"{type(value).__name__}")
            if type(old) is int or key in _INT_PARAMS:
                if type(value) is not int:
                    if float(value) != int(value):
                        raise SliError("TypeMismatch", "Expected datatype: integertype")
                    value = int(value)
            else:
                value = float(value)
            new[key] = value
        self._validate(new)
        self.params = new

    def status(self) -> Dictionary:
        d = Dictionary()
        for key, value in self.params.items():
            if isinstance(value, float) and math.isinf(value):
                value = float(value)
            d[key] = value
        return d

    def draw(self, n: int) -> np.ndarray:
        return self._sample(self.rng.gen, self.params, n)

    def sli_text(self) -> str:
        return f"<rdvtype:{self.kind}>"


class RDVFactory:
    """SLI ``rdvfactorytype``: an entry of ``rdevdict``."""

    __slots__ = ("kind",)

    def __init__(self, kind: str):
        self.kind = kind

    def create(self, rng: RNG) -> RDV:
        return RDV(self.kind, rng)


register_type(RNG, "rngtype")
register_type(RNGFactory, "rngfactorytype")
register_type(RDV, "rdvtype")
register_type(RDVFactory, "rdvfactorytype")

RNG_KINDS = ("MT19937", "knuthlfg")
RDV_KINDS = tuple(sorted(list(BASE_KINDS) + [k + s for k in _CLIPPABLE
                                              for s in ("_clipped", "_clipped_to_boundary")]))

rngdict = Dictionary()
for _k in RNG_KINDS:
    rngdict[_k] = RNGFactory(_k)
rdevdict = Dictionary()
for _k in RDV_KINDS:
    rdevdict[_k] = RDVFactory(_k)
reg.constant("rngdict", rngdict)
reg.constant("rdevdict", rdevdict)


def _value(rdv: RDV, x) -> Any:
    return int(x) if rdv.discrete else float(x)


# -- builtins --------------------------------------------------------------------------------------


@reg.builtin("CreateRNG_gt_i")
def create_rng(interp):
    "rngfactory seed -> rng   a new random generator"
    s = interp.ostack
    if type(s[-1]) is not int:
        raise ArgumentType(0)
    if type(s[-2]) is not RNGFactory:
        raise ArgumentType(1)
    seed = s.pop()
    s[-1] = s[-1].create(seed)


reg.trie("CreateRNG", [("rngfactorytype integertype", "CreateRNG_gt_i")])


@reg.builtin("CreateRDV_g_vf")
def create_rdv(interp):
    "rng rdvfactory -> rdv   a new random deviate generator"
    s = interp.ostack
    if type(s[-1]) is not RDVFactory:
        raise ArgumentType(0)
    if type(s[-2]) is not RNG:
        raise ArgumentType(1)
    factory = s.pop()
    s[-1] = factory.create(s[-1])


def _create_rdv_params(interp):
    "rng rdvfactory dict -> rdv   a new deviate generator with parameters"
    s = interp.ostack
    rdv = s[-2].create(s[-3])
    rdv.set_params(s[-1])
    del s[-3:]
    s.append(rdv)


def _deviate_from_dict(rng: RNG, d: Dictionary) -> Dictionary:
    """A copy of the distribution spec ``d`` (``/distribution`` name + parameters) holding the
    created deviate under ``/rdv``."""
    kind = d.get("distribution")
    if isinstance(kind, RDVFactory):
        kind = kind.kind
    if not isinstance(kind, str):
        raise SliError("BadProperty", "Random distribution spec must contain distribution name.")
    if str(kind) not in rdevdict:
        raise SliError("BadProperty", f"Unknown random deviate: {kind}")
    rdv = RDV(str(kind), rng)
    rdv.set_params(d)
    out = Dictionary()
    for key, value in d.data.items():
        out[key] = value
    out["rdv"] = rdv
    return out


def _create_rdv_dict(interp):
    "rng dict -> dict'   dict gives /distribution and parameters; dict' holds the deviate as /rdv"
    s = interp.ostack
    result = _deviate_from_dict(s[-2], s[-1])
    s.pop()
    s[-1] = result


def _create_rdv_dict_dict(interp):
    "rng dict params -> dict'   as rng dict CreateRDV, with params overriding entries of dict"
    s = interp.ostack
    merged = Dictionary()
    for src in (s[-2], s[-1]):
        for key, value in src.data.items():
            merged[key] = value
    result = _deviate_from_dict(s[-3], merged)
    del s[-3:]
    s.append(result)


reg.trie("CreateRDV", [("rngtype rdvfactorytype", "CreateRDV_g_vf"),
                       ("rngtype rdvfactorytype dictionarytype", _create_rdv_params),
                       ("rngtype dictionarytype", _create_rdv_dict),
                       ("rngtype dictionarytype dictionarytype", _create_rdv_dict_dict)])


@reg.builtin("seed_g_i")
def seed(interp):
    "rng n ->   reseed the generator"
    s = interp.ostack
    if type(s[-1]) is not int:
        raise ArgumentType(0)
    if type(s[-2]) is not RNG:
        raise ArgumentType(1)
    s[-2].seed(s[-1])
    del s[-2:]


reg.trie("seed", [("rngtype integertype", "seed_g_i")])


@reg.builtin("irand_g_i")
def irand(interp):
    "rng n -> i   uniform integer in [0, n)"
    s = interp.ostack
    if type(s[-1]) is not int:
        raise ArgumentType(0)
    if type(s[-2]) is not RNG:
        raise ArgumentType(1)
    if s[-1] <= 0:
        raise SliError("RangeCheck", "n must be positive.")
    n = s.pop()
    s[-1] = s[-1].irand(n)


reg.trie("irand", [("rngtype integertype", "irand_g_i")])


@reg.builtin("drand_g")
def drand(interp):
    "rng -> d   uniform double in [0, 1)"
    s = interp.ostack
    if type(s[-1]) is not RNG:
        raise ArgumentType(0)
    s[-1] = s[-1].drand()


reg.trie("drand", [("rngtype", "drand_g")])


def _rdv_of(obj, level: int) -> RDV:
    if type(obj) is RDV:
        return obj
    if isinstance(obj, Dictionary) and type(obj.get("rdv")) is RDV:
        return obj.get("rdv")
    if isinstance(obj, Dictionary):
        raise SliError("BadProperty", "The dictionary does not hold a random deviate (/rdv).")
    raise ArgumentType(level)


@reg.builtin("Random_i")
def random_(interp):
    "rdv -> x | dict -> x   one random deviate"
    s = interp.ostack
    rdv = _rdv_of(s[-1], 0)
    s[-1] = _value(rdv, rdv.draw(1)[0])


reg.trie("Random", [("rdvtype", "Random_i"), ("dictionarytype", "Random_i")])


@reg.builtin("RandomArray_v_i")
def random_array(interp):
    "rdv n -> [x1 .. xn]   n random deviates"
    s = interp.ostack
    if type(s[-1]) is not int:
        raise ArgumentType(0)
    rdv = _rdv_of(s[-2], 1)
    if s[-1] < 0:
        raise SliError("RangeCheck", "n must not be negative.")
    n = s.pop()
    values = rdv.draw(n)
    s[-1] = [int(x) for x in values] if rdv.discrete else [float(x) for x in values]


reg.trie("RandomArray", [("rdvtype integertype", "RandomArray_v_i"),
                         ("dictionarytype integertype", "RandomArray_v_i")])


@reg.builtin("RandomSubset")
def random_subset(interp):
    "rng array n -> array'   n distinct elements of array, in random order"
    s = interp.ostack
    if type(s[-1]) is not int:
        raise ArgumentType(0)
    if type(s[-2]) is not list:
        raise ArgumentType(1)
    if type(s[-3]) is not RNG:
        raise ArgumentType(2)
    n, items, rng = s[-1], s[-2], s[-3]
    if n < 0 or n > len(items):
        raise SliError("RangeCheck", "The subset size must be between 0 and the array length.")
    pool = list(items)
    result = []
    for _ in range(n):  # partial Fisher-Yates with the generator's uniform integers
        j = rng.irand(len(pool))
        result.append(pool[j])
        pool[j] = pool[-1]
        pool.pop()
    del s[-3:]
    s.append(result)


@reg.builtin("GetStatus_v")
def get_status_v(interp):
    "rdv -> dict   parameters of a deviate generator"
    s = interp.ostack
    if type(s[-1]) is not RDV:
        raise ArgumentType(0)
    s[-1] = s[-1].status()


@reg.builtin("SetStatus_v")
def set_status_v(interp):
    "rdv dict ->   set parameters of a deviate generator"
    s = interp.ostack
    if not isinstance(s[-1], Dictionary):
        raise ArgumentType(0)
    if type(s[-2]) is not RDV:
        raise ArgumentType(1)
    s[-2].set_params(s[-1])
    del s[-2:]


reg.trie("GetStatus", [("rdvtype", "GetStatus_v")])
reg.trie("SetStatus", [("rdvtype dictionarytype", "SetStatus_v")])
