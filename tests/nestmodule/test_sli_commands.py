"""The kernel's SLI commands (nestmodule + nest-init.sli) driven from SLI code."""
import numpy as np
import pytest

from sli import Interpreter

nestkernel = pytest.importorskip("nestkernel")


@pytest.fixture
def sli():
    interp = Interpreter()
    interp.startup()
    interp.execute("ResetKernel")

    def run(code):
        interp.ostack.clear()
        assert interp.execute(code), f"SLI code failed: {code}"
        return list(interp.ostack)

    def error(code):
        interp.ostack.clear()
        interp.execute("{ " + code + " } stopped")
        assert interp.ostack.pop() is True, f"no error raised by: {code}"
        ed = interp.errordict
        ed["newerror"] = False
        return str(ed["errorname"]), str(ed["commandname"]), ed.get("message")

    run.error = error
    run.interp = interp
    return run


def test_create_returns_the_last_gid_and_nodes_count_from_one(sli):
    assert sli("/iaf_psc_alpha Create /iaf_psc_alpha 4 Create") == [1, 5]
    assert sli("0 GetStatus /network_size get") == [6]


def test_create_with_a_dictionary_sets_the_parameters(sli):
    assert sli("/iaf_psc_alpha 2 << /I_e 100.0 >> Create 2 /I_e get") == [2, 100.0]


def test_status_values_keep_their_types(sli):
    sli("/iaf_psc_alpha Create pop")
    assert sli("1 /V_m get type 1 /model get type 1 /global_id get type") == [
        "doubletype", "literaltype", "integertype"]


def test_an_integer_for_a_double_parameter_is_a_type_mismatch(sli):
    sli("/iaf_psc_alpha Create pop")
    name, command, message = sli.error("1 << /I_e 376 >> SetStatus")
    assert (name, command) == ("TypeMismatch", "SetStatus_id")
    assert "doubletype" in message


def test_unknown_model_and_unknown_key_errors(sli):
    assert sli.error("/no_such_model Create")[:2] == ("UnknownModelName", "Create_l_i")
    sli("/iaf_psc_alpha Create pop")
    name, _, message = sli.error("1 << /no_such_key 1.0 >> SetStatus")
    assert name == "DictError" and "no_such_key" in message


def test_bad_property_values_are_rejected(sli):
    sli("/iaf_psc_alpha Create pop")
    assert sli.error("1 << /C_m -1.0 >> SetStatus")[0] == "BadProperty"


def test_connect_between_two_nodes_is_one_to_one_with_weight_and_delay(sli):
    sli("/iaf_psc_alpha 2 Create pop 1 2 20.0 1.5 Connect")
    conns = sli("<< /source [1] >> GetConnections")[0]
    assert len(conns) == 1
    assert sli("<< /source [1] >> GetConnections 0 get GetStatus dup /weight get exch /delay get") == [20.0, 1.5]


def test_populations_connect_one_to_one_by_default(sli):
    sli("/iaf_psc_alpha 6 Create pop [1 2 3] [4 5 6] Connect")
    assert sli("0 GetStatus /num_connections get") == [3]
    sli("[1 2 3] [4 5 6] /all_to_all Connect")
    assert sli("0 GetStatus /num_connections get") == [12]
    assert sli.error("[1 2] [4 5 6] Connect")[0] == "DimensionMismatch"


def test_connect_with_rule_and_synapse_dictionaries(sli):
    sli("/iaf_psc_alpha 10 Create pop")
    sli("[1 2 3 4 5] [6 7 8 9 10] << /rule /fixed_indegree /indegree 2 >> "
        "<< /model /static_synapse /weight 2.5 >> Connect")
    weights = sli("<< /target [6] >> GetConnections { GetStatus /weight get } Map")[0]
    assert weights == [2.5, 2.5]


def test_delay_below_resolution_is_a_bad_delay(sli):
    sli("/iaf_psc_alpha 2 Create pop")
    assert sli.error("1 2 1.0 0.01 Connect")[0] == "BadDelay"


def test_simulate_advances_time_and_accepts_integers(sli):
    sli("10.0 Simulate 5 Simulate")
    assert sli("0 GetStatus /biological_time get") == [15.0]
    assert sli.error("-1.0 Simulate")[0] == "BadParameter"


def test_recorded_events_arrive_as_vectors(sli):
    sli("/iaf_psc_alpha << /I_e 376.0 >> Create /spike_detector Create Connect 300.0 Simulate")
    times = sli("2 /events get /times get")[0]
    assert type(times).__name__ == "DoubleVector" and len(times.a) > 0


def test_model_dictionaries_follow_copy_model(sli):
    sli("/iaf_psc_alpha /my_neuron << /tau_m 20.0 >> CopyModel")
    assert sli("modeldict /my_neuron known") == [True]
    assert sli("/my_neuron GetDefaults /tau_m get") == [20.0]
    assert sli.error("/iaf_psc_alpha /my_neuron CopyModel")[0] == "NewModelNameExists"


def test_unit_converters(sli):
    assert sli("10 ms 376 pA 2.5 mV") == [10.0, 376.0, 2.5]


def test_subnets_and_network_tree(sli):
    sli("/subnet Create ChangeSubnet /iaf_psc_alpha 3 Create pop 0 ChangeSubnet")
    assert sli("1 GetGlobalLeaves") == [[2, 3, 4]]
    assert sli("CurrentSubnet") == [0]


def test_every_model_has_a_help_text(sli):
    texts = sli.interp.help_texts
    for model in nestkernel.models("nodes") + nestkernel.models("synapses"):
        if model != "subnet":
            assert model in texts and model in texts[model], model


def test_array_of_gids_with_array_of_dicts_sets_node_by_node(sli):
    sli("/iaf_psc_alpha 2 Create [1 2] [<< /V_m -60.0 >> << /V_m -61.0 >>] SetStatus")
    assert sli("1 /V_m get 2 /V_m get") == [-60.0, -61.0]
    assert sli.error("[1 2] [<< /V_m -60.0 >>] SetStatus")[0] == "DimensionMismatch"
    assert sli.error("[1 2] [1 2] SetStatus")[0] == "ArgumentType"


def test_status_of_the_root_node_has_the_kernel_and_the_subnet_keys(sli):
    [d] = sli("0 GetStatus")
    assert str(d["model"]) == "subnet" and d["global_id"] == 0 and d["number_of_children"] == 0
    assert d["resolution"] == 0.1 and "thread_local_id" in d


def test_an_error_without_message_does_not_show_the_previous_message(sli):
    sli.error("/iaf_psc_alpha Create << /resolution 0.5 >> SetKernelStatus")
    name, _, message = sli.error("<< /local_num_threads 2 >> SetKernelStatus")
    assert "time representation" not in str(message)
