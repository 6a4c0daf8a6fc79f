"""Bulk status commands of many nodes (GetStatus_nodes, GetStatus_nodes_l, SetStatus_nodes_D,
SetStatus_nodes_columns) and the GetStatus/SetStatus overloads that use them."""
import numpy as np
import pytest

from sli import Interpreter
from sli.datums import DoubleVector, IntVector

nestkernel = pytest.importorskip("nestkernel")


@pytest.fixture
def sli():
    interp = Interpreter()
    interp.startup()
    interp.execute("ResetKernel /iaf_psc_alpha 3 Create pop")

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
        return str(ed["errorname"]), str(ed["commandname"]), str(ed.get("message"))

    run.error = error
    return run


@pytest.mark.parametrize("nodes", ["[1 2 3]", "[1 2 3] cv_iv", "1 3 cvgidcollection"])
def test_getstatus_of_many_nodes_gives_one_dict_per_node(sli, nodes):
    [dicts] = sli(f"{nodes} GetStatus")
    assert [d["global_id"] for d in dicts] == [1, 2, 3]
    assert all(str(d["model"]) == "iaf_psc_alpha" for d in dicts)


def test_one_key_of_many_nodes_is_a_vector_when_numeric(sli):
    [v] = sli("[1 2 3] cv_iv /V_m GetStatus_nodes_l")
    assert type(v) is DoubleVector and list(v.a) == [-70.0] * 3
    [g] = sli("1 3 cvgidcollection /global_id GetStatus_nodes_l")
    assert type(g) is IntVector and list(g.a) == [1, 2, 3]
    [m] = sli("[1 2 3] /model GetStatus_nodes_l")
    assert [str(x) for x in m] == ["iaf_psc_alpha"] * 3


def test_missing_key_fails_like_get_on_each_status(sli):
    name, command, message = sli.error("[1 2] /foo GetStatus_nodes_l")
    assert (name, command) == ("DictError", "get_d")
    assert "/foo" in message


def test_one_dict_for_many_nodes(sli):
    sli("[1 2 3] << /I_e 5.0 >> SetStatus")
    assert sli("[1 2 3] /I_e GetStatus_nodes_l")[0].a.tolist() == [5.0] * 3
    sli("1 3 cvgidcollection << /I_e 6.0 >> SetStatus")
    assert sli("3 /I_e get") == [6.0]


def test_columns_give_each_node_its_own_value(sli):
    sli("[1 2 3] << /V_m [-60.0 -61.0 -62.0] cv_dv /I_e [1.0 2.0 3.0] >> SetStatus_nodes_columns")
    assert sli("[1 2 3] /V_m GetStatus_nodes_l")[0].a.tolist() == [-60.0, -61.0, -62.0]
    assert sli("[1 2 3] /I_e GetStatus_nodes_l")[0].a.tolist() == [1.0, 2.0, 3.0]


def test_columns_keep_strict_types_and_report_the_reference_command(sli):
    name, command, _ = sli.error("[1 2 3] << /V_m [1 2 3] cv_iv >> SetStatus_nodes_columns")
    assert (name, command) == ("TypeMismatch", "SetStatus_id")
    name, command, message = sli.error("[1 2 3] << /foo [1.0 2.0 3.0] >> SetStatus_nodes_columns")
    assert (name, command) == ("DictError", "SetStatus_id") and "foo" in message
    name, _, _ = sli.error("[1 2 3] << /V_m [1.0 2.0] >> SetStatus_nodes_columns")
    assert name == "DimensionMismatch"
    name, _, _ = sli.error("[1 2 3] << /V_m 1.0 >> SetStatus_nodes_columns")
    assert name == "TypeMismatch"


def test_unknown_nodes_and_wrong_arguments(sli):
    assert sli.error("[1 99] /V_m GetStatus_nodes_l")[0] == "UnknownNode"
    assert sli.error("[1 99] << /I_e 1.0 >> SetStatus")[0] == "UnknownNode"
    assert sli.error("[1 (a)] GetStatus")[0] == "ArgumentType"
    assert sli.error("[1 2] 3 GetStatus_nodes_l")[0] == "ArgumentType"


def test_a_failing_node_leaves_earlier_nodes_changed(sli):
    # the reference sets node by node: nodes before the failing one keep their new values
    sli.error("[1 2 3] << /C_m [100.0 -1.0 100.0] >> SetStatus_nodes_columns")
    assert sli("[1 2 3] /C_m GetStatus_nodes_l")[0].a.tolist() == [100.0, 250.0, 250.0]


def test_array_of_connections_with_one_dict(sli):
    sli("1 2 Connect 1 3 Connect")
    sli("<< /source [1] >> GetConnections << /weight 2.5 >> SetStatus")
    [w] = sli("<< /source [1] >> GetConnections { /weight get } Map")
    assert w == [2.5, 2.5]


def test_get_with_an_array_in_the_path_selects_several_keys(sli):
    assert sli("<< /a 1 /b 2 >> [[/a /b]] get") == [[1, 2]]
    assert sli("<< /d << /a 1 /b 2 >> >> [/d [/b /a]] get") == [[2, 1]]
