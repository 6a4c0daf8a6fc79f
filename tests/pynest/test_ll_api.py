"""The low-level PyNEST API: conversion tables, sr/sps/spp, sli_func and the error path."""
from array import array

import numpy as np
import pytest

import nest
from nest import ll_api
from nest.ll_api import SLILiteral


@pytest.fixture(autouse=True)
def clean_stack():
    ll_api.engine.ostack.clear()
    yield
    ll_api.engine.ostack.clear()


def roundtrip(obj):
    nest.sps(obj)
    return nest.spp()


def sli_type(obj):
    nest.sps(obj)
    nest.sr("type")
    return str(nest.spp())


@pytest.mark.parametrize(
    "value, typename",
    [
        (True, "booltype"),
        (3, "integertype"),
        (2.5, "doubletype"),
        ("abc", "stringtype"),
        (b"abc", "stringtype"),
        (SLILiteral("abc"), "literaltype"),
        ([1, 2], "arraytype"),
        ((1, 2), "arraytype"),
        (range(3), "arraytype"),
        ({"a": 1}, "dictionarytype"),
        (np.int32(4), "integertype"),
        (np.float32(0.5), "doubletype"),
        (np.array(7), "integertype"),
        (np.bool_(True), "booltype"),
        (np.arange(3), "intvectortype"),
        (np.arange(3, dtype=np.uint8), "intvectortype"),
        (np.linspace(0, 1, 3), "doublevectortype"),
        (array("l", [1, 2]), "intvectortype"),
        (array("d", [1.0]), "doublevectortype"),
    ],
)
def test_python_values_become_the_reference_sli_types(value, typename):
    assert sli_type(value) == typename


def test_bool_is_not_converted_to_integer():
    assert roundtrip(True) is True


def test_arrays_come_back_as_tuples_and_dicts_with_str_keys():
    assert roundtrip([1, [2.5, "x"], {"k": (1,)}]) == (1, (2.5, "x"), {"k": (1,)})


def test_literals_come_back_as_sliliteral_equal_to_their_name():
    value = roundtrip(SLILiteral("iaf_neuron"))
    assert isinstance(value, SLILiteral)
    assert value == "iaf_neuron" and hash(value) == hash("iaf_neuron")


def test_numpy_vectors_round_trip_without_per_element_conversion():
    ints = roundtrip(np.arange(5))
    doubles = roundtrip(np.linspace(0.0, 1.0, 4))
    assert ints.dtype.kind == "i" and ints.tolist() == [0, 1, 2, 3, 4]
    assert doubles.dtype == np.float64 and doubles.tolist() == [0.0, 1 / 3, 2 / 3, 1.0]


def test_unicode_strings_round_trip():
    assert roundtrip("µs and ½") == "µs and ½"


def test_none_and_unknown_objects_are_rejected():
    with pytest.raises(nest.PyNESTError, match="unknown Python type"):
        nest.sps(None)
    with pytest.raises(nest.PyNESTError, match="only vectors"):
        nest.sps(np.zeros((2, 2)))
    with pytest.raises(nest.PyNESTError, match="only vectors"):
        nest.sps(np.array(["a", "b"]))


def test_popping_an_unconvertible_datum_is_an_error():
    nest.sr("{1 add}")
    with pytest.raises(nest.PyNESTError, match="unknown SLI type: proceduretype"):
        nest.spp()


def test_pop_from_empty_stack():
    with pytest.raises(nest.PyNESTError, match="interpreter stack is empty"):
        nest.spp()


def test_sr_runs_code_and_leaves_results():
    nest.sr("1 2 add 3 mul")
    assert nest.spp() == 9


def test_sr_raises_the_error_class_named_after_the_sli_error():
    with pytest.raises(nest.NESTErrors.ArgumentType) as info:
        nest.sr("1 /a add")
    err = info.value
    assert err.errorname == "ArgumentType" and err.commandname == "add"
    assert str(err).startswith("ArgumentType in add: The type of")
    assert isinstance(err, nest.NESTErrors.InterpreterError)
    assert isinstance(err, nest.NESTError)
    assert ll_api.engine.ostack == []  # the stack is cleared after an error
    assert ll_api.engine.errordict["newerror"] is False


def test_unknown_names_raise_dicterror_with_the_reference_text():
    with pytest.raises(nest.NESTErrors.DictError) as info:
        nest.sr("/foo_bar_unknown_name cvn exec")
    assert "Key '/foo_bar_unknown_name' does not exist in dictionary." in str(info.value)


def test_errors_without_message_have_plain_text():
    with pytest.raises(nest.NESTErrors.DivisionByZero) as info:
        nest.sr("1 0 div")
    assert str(info.value) == "DivisionByZero in div_ii"


def test_kernel_error_names_derive_from_kernelexception():
    assert issubclass(nest.NESTErrors.BadProperty, nest.NESTErrors.KernelException)
    assert issubclass(nest.NESTErrors.UndefinedName, nest.NESTErrors.DictError)


def test_sli_func_returns_none_single_value_or_tuple():
    assert nest.sli_func("pop", 1) is None
    assert nest.sli_func("add", 1, 2) == 3
    assert nest.sli_func("dup", 4) == (4, 4)


def test_sli_func_litconv_turns_slash_strings_into_literals():
    assert nest.sli_func("type", "/abc", litconv=True) == "literaltype"
    assert nest.sli_func("type", "/abc") == "stringtype"


def test_sli_func_rejects_unknown_keywords():
    with pytest.raises(nest.PyNESTError):
        nest.sli_func("pop", 1, bogus=True)


def test_stack_checker_reports_leftovers_in_debug_mode():
    @ll_api.stack_checker
    def leaky():
        nest.sps(1)

    ll_api.set_debug(True)
    try:
        with pytest.raises(nest.NESTError, match="left 1 elements on the stack"):
            leaky()
    finally:
        ll_api.set_debug(False)
