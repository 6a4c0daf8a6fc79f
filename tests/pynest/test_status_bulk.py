"""GetStatus/SetStatus of many nodes through the bulk SLI commands: return shapes, the column
path for lists of dicts and the per-node fallback, strict types and error messages."""
import numpy as np
import pytest

import nest


@pytest.fixture(autouse=True)
def reset():
    nest.ResetKernel()
    nest.set_verbosity("M_ERROR")


def test_return_shapes_for_one_and_many_nodes_and_keys():
    n = nest.Create("iaf_psc_alpha", 3)
    assert nest.GetStatus(n[:1], "V_m") == (-70.0,)
    assert nest.GetStatus(n, "V_m") == (-70.0, -70.0, -70.0)
    assert nest.GetStatus(n, "global_id") == (1, 2, 3)
    assert all(type(x) is int for x in nest.GetStatus(n, "global_id"))
    assert nest.GetStatus(n, ["V_m", "global_id"]) == ((-70.0, 1), (-70.0, 2), (-70.0, 3))
    dicts = nest.GetStatus(n)
    assert type(dicts) is tuple and len(dicts) == 3 and dicts[2]["global_id"] == 3
    assert nest.GetStatus(n, "model") == ("iaf_psc_alpha",) * 3
    assert nest.GetStatus([], "V_m") == []


def test_list_of_dicts_sets_each_node():
    n = nest.Create("iaf_psc_alpha", 4)
    nest.SetStatus(n, [{"V_m": -60.0 - i, "I_e": float(i)} for i in range(4)])
    assert nest.GetStatus(n, "V_m") == (-60.0, -61.0, -62.0, -63.0)
    assert nest.GetStatus(n, "I_e") == (0.0, 1.0, 2.0, 3.0)


def test_dicts_of_different_shape_take_the_per_node_path():
    n = nest.Create("iaf_psc_alpha", 3)
    nest.SetStatus(n, [{"V_m": -60.0}, {"I_e": 2.0}, {"V_m": np.float64(-50.0), "I_e": 1.0}])
    assert nest.GetStatus(n, ["V_m", "I_e"]) == ((-60.0, 0.0), (-70.0, 2.0), (-50.0, 1.0))


def test_key_and_values_form():
    n = nest.Create("iaf_psc_alpha", 3)
    nest.SetStatus(n, "V_m", [-1.0, -2.0, -3.0])
    assert nest.GetStatus(n, "V_m") == (-1.0, -2.0, -3.0)
    nest.SetStatus(n, "I_e", 4.0)
    assert nest.GetStatus(n, "I_e") == (4.0,) * 3


def test_string_and_bool_columns():
    sd = nest.Create("spike_detector", 2)
    nest.SetStatus(sd, [{"label": "a", "to_file": False}, {"label": "b", "to_file": False}])
    assert nest.GetStatus(sd, "label") == ("a", "b")
    mm = nest.Create("multimeter", 2)
    nest.SetStatus(mm, [{"record_from": ["V_m"]}, {"record_from": ["V_m"]}])
    assert nest.GetStatus(mm, "record_from") == (("V_m",), ("V_m",))


def test_integer_values_stay_a_type_mismatch():
    n = nest.Create("iaf_psc_alpha", 3)
    with pytest.raises(nest.NESTErrors.TypeMismatch) as err:
        nest.SetStatus(n, [{"I_e": 376} for _ in n])
    assert "SetStatus_id" in str(err.value)
    assert nest.GetStatus(n, "I_e") == (0.0,) * 3
    with pytest.raises(nest.NESTErrors.TypeMismatch):
        nest.SetStatus(n, {"I_e": 376})


def test_unknown_keys_and_nodes():
    n = nest.Create("iaf_psc_alpha", 2)
    with pytest.raises(nest.NESTErrors.DictError) as err:
        nest.GetStatus(n, "foo")
    assert "DictError in get_d: Key '/foo' does not exist in dictionary." in str(err.value)
    with pytest.raises(nest.NESTErrors.DictError) as err:
        nest.SetStatus(n, [{"foo": 1.0}, {"foo": 2.0}])
    assert "foo" in str(err.value)
    with pytest.raises(nest.NESTErrors.UnknownNode):
        nest.GetStatus([1, 99], "V_m")
    with pytest.raises(TypeError):
        nest.SetStatus(n, [{"V_m": 1.0}] * 3)
    with pytest.raises(TypeError):
        nest.GetStatus(n, 3)


def test_connections_with_one_dict_and_with_a_list():
    n = nest.Create("iaf_psc_alpha", 3)
    nest.Connect(n, n, "all_to_all")
    conns = nest.GetConnections(n[:1])
    nest.SetStatus(conns, {"weight": 2.0})
    assert nest.GetStatus(conns, "weight") == (2.0,) * len(conns)
    nest.SetStatus(conns, [{"weight": float(i)} for i in range(len(conns))])
    assert nest.GetStatus(conns, "weight") == tuple(float(i) for i in range(len(conns)))
    assert nest.GetStatus(conns, ["source", "weight"])[1] == (1, 1.0)
