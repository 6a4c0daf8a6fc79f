"""PyNEST nodes and models: Create, GetStatus/SetStatus shapes, defaults, CopyModel, Models, and the
Python <-> SLI conversions seen through these functions (numpy scalars and 0-d arrays, bools,
nested dicts, tuples back, JSON output)."""
import json

import numpy as np
import pytest

import nest
from nest.hl_api.helpers import NESTDeprecationWarning


@pytest.fixture(autouse=True)
def fresh_kernel():
    nest.hl_api.helpers._shown_deprecations.clear()  # deprecation warnings show once per session
    nest.ResetKernel()
    yield
    nest.ResetKernel()


# -- Create ----------------------------------------------------------------------------------

def test_create_returns_a_tuple_of_consecutive_gids():
    assert nest.Create("iaf_psc_alpha") == (1,)
    assert nest.Create("iaf_psc_alpha", 3) == (2, 3, 4)
    assert nest.Create("iaf_psc_alpha", np.int64(2)) == (5, 6)


def test_create_with_one_dict_sets_every_node_and_leaves_defaults_alone():
    gids = nest.Create("iaf_psc_alpha", 2, {"I_e": 100.0, "V_m": -60.0})
    assert nest.GetStatus(gids, ["I_e", "V_m"]) == ((100.0, -60.0),) * 2
    assert nest.GetDefaults("iaf_psc_alpha", "I_e") == 0.0


def test_create_with_a_list_of_dicts_sets_each_node():
    gids = nest.Create("iaf_psc_alpha", 3, [{"I_e": 1.0}, {"I_e": 2.0}, {"I_e": 3.0}])
    assert nest.GetStatus(gids, "I_e") == (1.0, 2.0, 3.0)


def test_create_with_an_invalid_dict_creates_nothing():
    with pytest.raises(nest.NESTErrors.DictError):
        nest.Create("iaf_psc_alpha", 2, {"no_such_key": 1.0})
    assert nest.GetKernelStatus("network_size") == 1  # only the root node


def test_create_with_a_failing_list_warns_that_the_nodes_exist():
    with pytest.warns(UserWarning, match=r"nodes have already been created.*\(1, 2\)"):
        with pytest.raises(nest.NESTErrors.BadProperty):
            nest.Create("iaf_psc_alpha", 2, [{"C_m": 250.0}, {"C_m": -1.0}])


@pytest.mark.parametrize("n, error", [(0, nest.NESTErrors.RangeCheck), (-1, nest.NESTErrors.RangeCheck),
                                      (1.5, TypeError), (True, TypeError)])
def test_create_rejects_bad_counts(n, error):
    with pytest.raises(error):
        nest.Create("iaf_psc_alpha", n)


def test_create_rejects_params_that_are_not_dicts():
    with pytest.raises(TypeError):
        nest.Create("iaf_psc_alpha", 2, ["I_e"])


# -- GetStatus / SetStatus shapes ------------------------------------------------------------------

def test_getstatus_returns_one_entry_per_node_in_the_documented_shape():
    gids = nest.Create("iaf_psc_alpha", 2)
    full = nest.GetStatus(gids)
    assert isinstance(full, tuple) and len(full) == 2 and all(isinstance(d, dict) for d in full)
    assert nest.GetStatus(gids, "V_th") == (-55.0, -55.0)
    assert nest.GetStatus(gids, ("V_th", "C_m")) == ((-55.0, 250.0), (-55.0, 250.0))
    assert nest.GetStatus(list(gids), "global_id") == (1, 2)
    assert nest.GetStatus(range(1, 3), "global_id") == (1, 2)
    assert nest.GetStatus(()) == ()


def test_getstatus_of_a_missing_key_is_a_dict_error_naming_the_key():
    gids = nest.Create("iaf_psc_alpha")
    with pytest.raises(nest.NESTErrors.DictError, match=r"Key '/foo' does not exist"):
        nest.GetStatus(gids, "foo")


@pytest.mark.parametrize("nodes", [np.array([1]), 1, "1"])
def test_getstatus_and_setstatus_need_a_list_tuple_or_range(nodes):
    nest.Create("iaf_psc_alpha")
    with pytest.raises(TypeError, match="nodes must be a list of nodes or synapses"):
        nest.GetStatus(nodes)
    with pytest.raises(TypeError):
        nest.SetStatus(nodes, {"V_m": 0.0})


def test_getstatus_rejects_keys_of_the_wrong_type():
    gids = nest.Create("iaf_psc_alpha")
    with pytest.raises(TypeError):
        nest.GetStatus(gids, 3)


def test_setstatus_forms_one_dict_list_of_dicts_key_and_value():
    gids = nest.Create("iaf_psc_alpha", 3)
    nest.SetStatus(gids, {"I_e": 5.0})
    assert nest.GetStatus(gids, "I_e") == (5.0,) * 3
    nest.SetStatus(gids, [{"I_e": 1.0}, {"I_e": 2.0}, {"I_e": 3.0}])
    assert nest.GetStatus(gids, "I_e") == (1.0, 2.0, 3.0)
    nest.SetStatus(gids, "V_m", -60.0)
    assert nest.GetStatus(gids, "V_m") == (-60.0,) * 3
    nest.SetStatus(gids, "V_m", [-61.0, -62.0, -63.0])
    assert nest.GetStatus(gids, "V_m") == (-61.0, -62.0, -63.0)
    nest.SetStatus(gids, [{"I_e": 7.0}])  # a one-element list is broadcast
    assert nest.GetStatus(gids, "I_e") == (7.0,) * 3
    nest.SetStatus((), {"I_e": 1.0})  # nothing to do


def test_setstatus_with_a_list_of_the_wrong_length_is_a_type_error():
    gids = nest.Create("iaf_psc_alpha", 3)
    with pytest.raises(TypeError, match="status dict must be a dict"):
        nest.SetStatus(gids, [{"I_e": 1.0}, {"I_e": 2.0}])


def test_setstatus_errors_name_model_and_gid():
    gids = nest.Create("iaf_psc_alpha")
    with pytest.raises(nest.NESTErrors.BadProperty) as err:
        nest.SetStatus(gids, {"C_m": -1.0})
    assert str(err.value).startswith("BadProperty in SetStatus_id: Setting status of a "
                                     "'iaf_psc_alpha' with GID 1: Capacitance must be > 0.")
    with pytest.raises(nest.NESTErrors.DictError, match="Unused dictionary items:  foo"):
        nest.SetStatus(gids, {"foo": 1.0})


def test_getstatus_json_output_turns_literals_into_names_and_tuples_into_lists():
    gids = nest.Create("iaf_psc_alpha", 2)
    text = nest.GetStatus(gids, ["model", "V_th"], output="json")
    assert json.loads(text) == [["iaf_psc_alpha", -55.0], ["iaf_psc_alpha", -55.0]]
    full = json.loads(nest.GetStatus(gids[:1], output="json"))
    assert full[0]["model"] == "iaf_psc_alpha" and "V_m" in full[0]["recordables"]


def test_getlid_is_the_index_in_the_parent_subnet():
    nest.Create("iaf_psc_alpha", 3)
    with pytest.warns(NESTDeprecationWarning):
        assert nest.GetLID([3]) == 3
    with pytest.raises(nest.NESTError, match=r"GetLID\(\) expects exactly one GID."):
        nest.GetLID([1, 2])


def test_sli_get_with_a_key_array_selects_several_entries():
    # the SLI that GetStatus with a key list sends: dict [[/a /b]] get -> [a b]
    nest.sr("<< /a 1 /b 2.5 /c << /d 3 >> >> dup [[/a /b]] get exch [/c /d] get")
    assert nest.spp() == 3
    assert nest.spp() == (1, 2.5)


# -- models and defaults ---------------------------------------------------------------------------

def test_models_lists_nodes_synapses_and_filters_by_substring():
    nodes = nest.Models("nodes")
    synapses = nest.Models("synapses")
    assert "iaf_psc_alpha" in nodes and "spike_detector" in nodes and "subnet" in nodes
    assert "static_synapse" in synapses and "static_synapse" not in nodes
    assert nest.Models() == tuple(sorted(nodes + synapses))
    assert nest.Models(sel="iaf_psc") == tuple(m for m in nest.Models() if "iaf_psc" in m)
    assert nest.Models("synapses", sel="static") == tuple(s for s in synapses if "static" in s)
    with pytest.raises(ValueError):
        nest.Models("neurons")


def test_connection_rules_are_the_seven_rules():
    assert nest.ConnectionRules() == ("all_to_all", "fixed_indegree", "fixed_outdegree",
                                      "fixed_total_number", "one_to_one", "pairwise_bernoulli",
                                      "symmetric_pairwise_bernoulli")


def test_getdefaults_shapes_and_synapse_models():
    d = nest.GetDefaults("iaf_psc_alpha")
    assert d["C_m"] == 250.0 and d["tau_m"] == 10.0
    assert nest.GetDefaults("iaf_psc_alpha", "V_th") == -55.0
    assert nest.GetDefaults("iaf_psc_alpha", ["V_th", "C_m"]) == (-55.0, 250.0)
    assert nest.GetDefaults("static_synapse", ["weight", "delay"]) == (1.0, 1.0)
    assert json.loads(nest.GetDefaults("iaf_psc_alpha", "C_m", output="json")) == 250.0
    with pytest.raises(nest.NESTErrors.UnknownModelName):
        nest.GetDefaults("no_such_model")
    with pytest.raises(TypeError):
        nest.GetDefaults("iaf_psc_alpha", 3)


def test_setdefaults_affects_nodes_created_later_only():
    early = nest.Create("iaf_psc_alpha")
    nest.SetDefaults("iaf_psc_alpha", {"tau_m": 20.0})
    nest.SetDefaults("iaf_psc_alpha", "C_m", 200.0)
    late = nest.Create("iaf_psc_alpha")
    assert nest.GetStatus(early + late, ["tau_m", "C_m"]) == ((10.0, 250.0), (20.0, 200.0))
    nest.SetDefaults("static_synapse", {"weight": 2.5})
    nest.Connect(early, late)
    assert nest.GetStatus(nest.GetConnections(early), "weight") == (2.5,)
    with pytest.raises(nest.NESTErrors.TypeMismatch):
        nest.SetDefaults("iaf_psc_alpha", {"tau_m": 20})
    with pytest.raises(TypeError):
        nest.SetDefaults("iaf_psc_alpha", "tau_m")


def test_copymodel_registers_node_and_synapse_models_with_changed_defaults():
    nest.CopyModel("iaf_psc_alpha", "slow_neuron", {"tau_m": 30.0})
    nest.CopyModel("static_synapse", "strong", {"weight": 10.0})
    nest.CopyModel("iaf_psc_alpha", "plain_copy")
    assert "slow_neuron" in nest.Models("nodes") and "strong" in nest.Models("synapses")
    a = nest.Create("slow_neuron")
    b = nest.Create("plain_copy")
    assert nest.GetStatus(a + b, ["model", "tau_m"]) == (("slow_neuron", 30.0), ("plain_copy", 10.0))
    nest.Connect(a, b, syn_spec="strong")
    assert nest.GetStatus(nest.GetConnections(a), ["weight", "synapse_model"]) == ((10.0, "strong"),)
    with pytest.raises(nest.NESTErrors.NewModelNameExists):
        nest.CopyModel("iaf_psc_alpha", "slow_neuron")
    with pytest.raises(nest.NESTErrors.UnknownModelName):
        nest.CopyModel("no_such_model", "x")
    with pytest.raises(TypeError):
        nest.CopyModel("iaf_psc_alpha", "y", ["tau_m"])
    nest.ResetKernel()
    assert "slow_neuron" not in nest.Models()  # copies are user models: ResetKernel removes them


# -- conversions through the API -------------------------------------------------------------------

def test_numpy_scalars_and_zero_d_arrays_are_plain_values():
    gids = nest.Create("iaf_psc_alpha", 2)
    nest.SetStatus(gids, {"I_e": np.float64(3.5), "V_m": np.array(-65.0)})
    assert nest.GetStatus(gids, ["I_e", "V_m"]) == ((3.5, -65.0),) * 2
    nest.SetStatus(gids, {"I_e": np.float32(0.5)})
    assert nest.GetStatus(gids[:1], "I_e") == (0.5,)
    with pytest.raises(nest.NESTErrors.TypeMismatch):
        nest.SetStatus(gids, {"I_e": np.int64(3)})  # an integer stays an integer


def test_bools_stay_bools_and_are_not_numbers():
    sd = nest.Create("spike_detector", params={"withgid": np.bool_(False)})
    assert nest.GetStatus(sd, "withgid") == (False,)
    assert nest.GetStatus(sd, "withgid")[0] is False
    with pytest.raises(nest.NESTErrors.TypeMismatch):
        nest.SetStatus(nest.Create("iaf_psc_alpha"), {"I_e": True})


def test_sequences_go_in_as_lists_tuples_or_arrays_and_come_back_as_tuples_or_arrays():
    sg = nest.Create("spike_generator", 3)
    nest.SetStatus(sg, [{"spike_times": [1.0, 2.0]}, {"spike_times": (3.0,)},
                        {"spike_times": np.array([4.0, 5.5])}])
    values = nest.GetStatus(sg, "spike_times")
    assert [list(v) for v in values] == [[1.0, 2.0], [3.0], [4.0, 5.5]]
    mm = nest.Create("multimeter", params={"record_from": ("V_m",)})
    assert nest.GetStatus(mm, "record_from") == (("V_m",),)


def test_nested_dicts_round_trip():
    nest.sps({"outer": {"inner": [1, 2.0, "x"], "flag": True}})
    assert nest.spp() == {"outer": {"inner": (1, 2.0, "x"), "flag": True}}


def test_recorded_events_are_numpy_arrays():
    n = nest.Create("iaf_psc_alpha", params={"I_e": 500.0})
    sd = nest.Create("spike_detector")
    nest.Connect(n, sd)
    nest.Simulate(100.0)
    events = nest.GetStatus(sd, "events")[0]
    assert isinstance(events["times"], np.ndarray) and events["times"].dtype == np.float64
    assert isinstance(events["senders"], np.ndarray) and events["senders"].dtype.kind == "i"
    assert len(events["times"]) == nest.GetStatus(sd, "n_events")[0] > 0


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.uint16])
def test_numpy_integer_arrays_are_gid_lists_for_connect(dtype):
    a = nest.Create("iaf_psc_alpha", 3)
    nest.Connect(np.array(a, dtype=dtype), np.array(a, dtype=dtype), "one_to_one",
                 {"weight": np.array([1.0, 2.0, 3.0], dtype=np.float32)})
    assert nest.GetStatus(nest.GetConnections(a), ["source", "target", "weight"]) == \
        ((1, 1, 1.0), (2, 2, 2.0), (3, 3, 3.0))
    with pytest.raises(TypeError):
        nest.Connect(np.array(a, dtype=float), a)


def test_sli_vectors_and_literals_come_back_as_numpy_arrays_and_sliliterals():
    nest.sr("<# 1 2 3 #> <. 0.5 1.5 .> /iaf_psc_alpha")
    lit = nest.spp()
    doubles = nest.spp()
    ints = nest.spp()
    assert isinstance(lit, nest.SLILiteral) and lit == "iaf_psc_alpha" and str(lit) == "iaf_psc_alpha"
    assert doubles.dtype == np.float64 and doubles.tolist() == [0.5, 1.5]
    assert ints.dtype.kind == "i" and ints.tolist() == [1, 2, 3]
