"""Nodes, models and status dictionaries (spec §5, §9.6-9.8)."""
import numpy as np
import pytest


def test_gids_start_at_one_and_are_consecutive(nk):
    a = nk.create("iaf_psc_alpha", 3)
    b = nk.create("spike_detector")
    assert list(a) == [1, 2, 3] and list(b) == [4]
    assert a.dtype == np.int64
    assert nk.get_kernel_status()["network_size"] == 5


def test_create_with_one_dict_or_a_list_of_dicts(nk):
    a = nk.create("iaf_psc_alpha", 2, {"I_e": 100.0})
    assert [s["I_e"] for s in nk.get_status(a)] == [100.0, 100.0]
    b = nk.create("iaf_psc_alpha", 2, [{"I_e": 1.0}, {"I_e": 2.0}])
    assert [s["I_e"] for s in nk.get_status(b)] == [1.0, 2.0]
    with pytest.raises(nk.KernelError):
        nk.create("iaf_psc_alpha", 3, [{"I_e": 1.0}])


def test_failed_create_leaves_no_nodes(nk):
    with pytest.raises(nk.KernelError) as e:
        nk.create("iaf_psc_alpha", 2, {"C_m": -1.0})
    assert e.value.errorname == "BadProperty"
    assert nk.get_kernel_status()["network_size"] == 1


def test_create_zero_nodes_is_a_range_check(nk):
    with pytest.raises(nk.KernelError) as e:
        nk.create("iaf_psc_alpha", 0)
    assert e.value.errorname == "RangeCheck"


def test_unknown_model(nk):
    with pytest.raises(nk.KernelError) as e:
        nk.create("no_such_model")
    assert e.value.errorname == "UnknownModelName"
    assert e.value.message == ("/no_such_model is not a known model name. "
                               "Please check the modeldict for a list of available models.")


def test_common_status_keys(nk):
    n = nk.create("iaf_psc_alpha")
    st = nk.get_status(n)[0]
    for k in ("global_id", "model", "local", "element_type", "frozen", "thread", "vp", "parent", "local_id",
              "thread_local_id", "supports_precise_spikes", "recordables", "tau_minus", "t_spike"):
        assert k in st, k
    assert st["global_id"] == 1 and st["model"] == "iaf_psc_alpha" and st["element_type"] == "neuron"
    assert st["parent"] == 0 and st["local_id"] == 1 and st["vp"] == 1 % 1
    assert st["V_m"] == -70.0 and st["V_min"] == -np.inf and type(st["C_m"]) is float
    assert "V_m" in st["recordables"]


def test_iaf_psc_alpha_defaults_match_spec(nk):
    d = nk.get_defaults("iaf_psc_alpha")
    expected = {"C_m": 250.0, "E_L": -70.0, "I_e": 0.0, "t_ref": 2.0, "tau_m": 10.0, "tau_syn_ex": 2.0,
                "tau_syn_in": 2.0, "V_m": -70.0, "V_reset": -70.0, "V_th": -55.0}
    for k, v in expected.items():
        assert d[k] == v, k
    assert nk.get_defaults("iaf_psc_delta")["V_min"] == -1.7976931348623157e308
    assert nk.get_defaults("iaf_psc_exp")["rho"] == 0.01
    assert nk.get_defaults("iaf_neuron")["tau_syn"] == 2.0
    assert list(nk.get_defaults("voltmeter")["record_from"]) == ["V_m"]
    assert nk.get_defaults("multimeter")["record_from"] == []
    assert nk.get_defaults("spike_detector")["withgid"] is True


def test_int_for_double_is_a_type_mismatch(nk):
    n = nk.create("iaf_psc_alpha")
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(n, {"I_e": 5})
    assert e.value.errorname == "TypeMismatch"
    with pytest.raises(nk.KernelError) as e:
        nk.create("iaf_psc_alpha", 1, {"C_m": 250})
    assert e.value.errorname == "TypeMismatch"


def test_unknown_key_is_a_dict_error_naming_it(nk):
    n = nk.create("iaf_psc_alpha")
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(n, {"I_e": 5.0, "foo": 1.0})
    assert e.value.errorname == "DictError"
    assert e.value.message == "Unused dictionary items:  foo"


def test_bad_property_message_names_model_and_gid(nk):
    n = nk.create("iaf_psc_alpha")
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(n, {"C_m": 0.0})
    assert e.value.errorname == "BadProperty"
    assert e.value.message == "Setting status of a 'iaf_psc_alpha' with GID 1: Capacitance must be > 0."
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(n, {"V_reset": -50.0})
    assert e.value.message.endswith("Reset potential must be smaller than threshold.")
    # a failed SetStatus changes nothing
    assert nk.get_status(n)[0]["V_reset"] == -70.0


def test_changing_E_L_keeps_absolute_potentials(nk):
    n = nk.create("iaf_psc_alpha")
    nk.set_status(n, {"E_L": -60.0})
    st = nk.get_status(n)[0]
    assert (st["V_m"], st["V_th"], st["V_reset"]) == (-70.0, -55.0, -70.0)
    nk.set_status(n, {"E_L": -65.0, "V_m": -64.0})
    assert nk.get_status(n)[0]["V_m"] == -64.0


def test_unknown_node(nk):
    with pytest.raises(nk.KernelError) as e:
        nk.get_status([7])
    assert e.value.errorname == "UnknownNode" and e.value.message == "Node with id 7 doesn't exist."


def test_set_defaults_and_copy_model(nk):
    nk.set_defaults("iaf_psc_alpha", {"I_e": 10.0})
    assert nk.get_status(nk.create("iaf_psc_alpha"))[0]["I_e"] == 10.0
    nk.copy_model("iaf_psc_alpha", "hot_iaf", {"I_e": 500.0})
    n = nk.create("hot_iaf")
    st = nk.get_status(n)[0]
    assert st["model"] == "hot_iaf" and st["I_e"] == 500.0
    assert nk.get_defaults("hot_iaf")["type_id"] == "iaf_psc_alpha"
    with pytest.raises(nk.KernelError) as e:
        nk.copy_model("iaf_psc_alpha", "hot_iaf")
    assert e.value.errorname == "NewModelNameExists"
    with pytest.raises(nk.KernelError) as e:
        nk.set_defaults("iaf_psc_alpha", {"C_m": -1.0})
    assert e.value.message.startswith("Setting status of model 'iaf_psc_alpha': ")


def test_copied_synapse_model_gets_new_defaults(nk):
    nk.copy_model("static_synapse", "strong", {"weight": 5.0, "delay": 2.0})
    n = nk.create("iaf_psc_alpha", 2)
    nk.connect(n[:1], n[1:], {"rule": "one_to_one"}, {"model": "strong"})
    c = nk.get_connection_status(nk.get_connections())[0]
    assert c["synapse_model"] == "strong" and c["weight"] == 5.0 and c["delay"] == 2.0
    assert "strong" in nk.models("synapses")


def test_frozen_node_does_not_update(nk):
    n = nk.create("iaf_psc_alpha", 2, {"I_e": 300.0})
    nk.set_status(n[:1], {"frozen": True})
    nk.simulate(20.0)
    s0, s1 = nk.get_status(n)
    assert s0["frozen"] and s0["V_m"] == -70.0 and s1["V_m"] != -70.0
    mm = nk.create("multimeter")
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(mm, {"frozen": True})
    assert e.value.errorname == "BadProperty"


def test_subnets_and_network_tree(nk):
    a = nk.create("iaf_psc_alpha")
    top = nk.layout_network("iaf_psc_alpha", [2, 2])
    assert top == 2
    assert list(nk.get_children(0)) == [1, 2]
    assert list(nk.get_children(top)) == [3, 6]
    assert list(nk.get_nodes(top, False)) == [3, 4, 5, 6, 7, 8]
    assert list(nk.get_nodes(0, True)) == [1, 4, 5, 7, 8]
    st = nk.get_status([top])[0]
    assert st["model"] == "subnet" and st["number_of_children"] == 2 and st["element_type"] == "structure"
    assert nk.get_status([5])[0]["parent"] == 3 and nk.get_status([5])[0]["local_id"] == 2
    out = nk.print_network(0, 2)
    assert out.startswith("+-[0] root dim=[2]")
    assert "   +-[1] iaf_psc_alpha\n" in out and "   +-[2] subnet dim=[2 2]\n" in out
    assert nk.current_subnet() == 0
    nk.change_subnet(top)
    b = nk.create("iaf_psc_alpha")
    assert nk.get_status(b)[0]["parent"] == top
    nk.change_subnet(0)
    with pytest.raises(nk.KernelError) as e:
        nk.change_subnet(int(a[0]))
    assert e.value.errorname == "SubnetExpected"


def test_every_model_has_a_help_text(nk):
    for m in nk.models() + nk.models("synapses"):
        assert nk.model_help(m).startswith("Name: " + m + " - "), m
    with pytest.raises(nk.KernelError):
        nk.model_help("nope")
