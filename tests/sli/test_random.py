"""Random generators and deviates (spec section 6.21)."""

import pytest

from sli_harness import fails, new_interpreter, run
from sli.builtins.random import RDV, RNG


@pytest.fixture
def interp():
    return new_interpreter()


RNG_CODE = "rngdict /MT19937 get 42 CreateRNG /r Set "


def test_dicts_and_types(interp):
    s = run(interp, "rngdict /MT19937 get type rdevdict /normal get type "
                    "rngdict /knuthlfg known rdevdict /poisson_clipped_to_boundary known")
    assert s == ["rngfactorytype", "rdvfactorytype", True, True]


def test_same_seed_same_numbers(interp):
    a = run(interp, RNG_CODE + "r drand r drand r 100 irand")[:]
    b = run(interp, RNG_CODE + "r drand r drand r 100 irand")[:]
    assert a == b and 0 <= a[0] < 1 and 0 <= a[2] < 100
    c = run(interp, RNG_CODE + "r 7 seed r drand")
    assert c[0] != a[0]


def test_mt19937_matches_classic_mersenne_twister(interp):
    import numpy as np
    first = np.random.RandomState(42).randint(0, 2 ** 32, dtype=np.uint64)  # genrand_int32
    assert run(interp, RNG_CODE + "r drand") == [first / 2 ** 32]


def test_normal_deviate_statistics(interp):
    s = run(interp, RNG_CODE + "r rdevdict /normal get << /mu 3.0 /sigma 0.5 >> CreateRDV "
                               "2000 RandomArray")
    values = s[0]
    mean = sum(values) / len(values)
    assert abs(mean - 3.0) < 0.05 and all(type(v) is float for v in values)


def test_discrete_deviates_give_integers(interp):
    s = run(interp, RNG_CODE + "r rdevdict /uniform_int get << /low 2 /high 4 >> CreateRDV "
                               "200 RandomArray")
    assert set(s[0]) == {2, 3, 4}
    s = run(interp, RNG_CODE + "r rdevdict /poisson get CreateRDV dup << /lambda 2.0 >> SetStatus "
                               "Random")
    assert type(s[0]) is int


def test_clipped_deviates_respect_bounds(interp):
    s = run(interp, RNG_CODE + "r rdevdict /normal_clipped get << /low -0.5 /high 0.5 >> CreateRDV "
                               "500 RandomArray")
    assert all(-0.5 < v < 0.5 for v in s[0])
    s = run(interp, RNG_CODE + "r rdevdict /exponential_clipped_to_boundary get "
                               "<< /high 0.1 >> CreateRDV 200 RandomArray")
    assert max(s[0]) == 0.1


def test_getstatus_setstatus(interp):
    s = run(interp, RNG_CODE + "r rdevdict /gamma get CreateRDV /v Set "
                               "v << /order 2.0 >> SetStatus_v v GetStatus_v /order get "
                               "v << /scale 3.0 >> SetStatus v GetStatus /scale get")
    assert s == [2.0, 3.0]


def test_bad_parameter_value(interp):
    left, name = fails(interp, RNG_CODE + "r rdevdict /normal get CreateRDV << /sigma -1.0 >> SetStatus")
    assert name == "BadParameterValue" and len(left) == 2
    left, name = fails(interp, RNG_CODE + "r rdevdict /uniform get << /low 2.0 /high 1.0 >> CreateRDV")
    assert name == "BadParameterValue"


def test_dictionary_deviates(interp):
    s = run(interp, RNG_CODE + "r << /distribution /uniform /low 5.0 /high 6.0 >> CreateRDV "
                               "dup Random exch 3 RandomArray")
    assert 5.0 <= s[0] < 6.0 and len(s[1]) == 3
    s = run(interp, RNG_CODE + "r << /distribution /normal >> << /mu 100.0 >> CreateRDV Random")
    assert s[0] > 90
    left, name = fails(interp, RNG_CODE + "r << /distribution /nope >> CreateRDV")
    assert name == "BadProperty"
    left, name = fails(interp, "<< /a 1 >> Random")
    assert name == "BadProperty"


def test_random_subset(interp):
    s = run(interp, RNG_CODE + "r [1 2 3 4 5] 3 RandomSubset")
    assert len(s[0]) == 3 and len(set(s[0])) == 3 and set(s[0]) <= {1, 2, 3, 4, 5}
    left, name = fails(interp, RNG_CODE + "r [1 2] 3 RandomSubset")
    assert name == "RangeCheck"


def test_argument_types_leave_operands(interp):
    left, name = fails(interp, "1 2 CreateRNG")
    assert (left, name) == ([1, 2], "ArgumentType")
    left, name = fails(interp, "1 drand")
    assert (left, name) == ([1], "ArgumentType")
    left, name = fails(interp, RNG_CODE + "r 0 irand")
    assert name == "RangeCheck" and type(left[0]) is RNG


def test_rdv_printing(interp):
    run(interp, RNG_CODE + "r rdevdict /normal get CreateRDV =")
    assert "rdvtype" in interp.stdout.getvalue()
