"""The NESTErrors hierarchy: each error class raised through the Python API, with its parent class
and the text "<ErrorName> in <command>: <message>" of the reference."""
import pytest

import nest
from nest import NESTErrors

# deprecated 2.x functions are used on purpose; tests that check the warning use pytest.warns
pytestmark = pytest.mark.filterwarnings("ignore::nest.hl_api.helpers.NESTDeprecationWarning")


@pytest.fixture(autouse=True)
def fresh_kernel():
    nest.ResetKernel()
    yield
    nest.ResetKernel()
    nest.ll_api.engine.ostack.clear()


def neuron(n=1):
    return nest.Create("iaf_psc_alpha", n)


# name, parent class, the call, the start of the text
CASES = [
    ("UnknownModelName", "KernelException", lambda: nest.Create("no_such_model"),
     "UnknownModelName in Create_l_i: /no_such_model is not a known model name. Please check the "
     "modeldict for a list of available models."),
    ("NewModelNameExists", "KernelException", lambda: nest.CopyModel("iaf_psc_alpha", "iaf_psc_exp"),
     "NewModelNameExists in CopyModel_l_l_D: /iaf_psc_exp is the name of an existing model and "
     "cannot be re-used."),
    ("UnknownSynapseType", "KernelException",
     lambda: nest.Connect(neuron(), neuron(), syn_spec="no_such_synapse"),
     "UnknownSynapseType in Connect_g_g_D_D: Synapse with name no_such_synapse does not exist."),
    ("UnknownNode", "KernelException", lambda: nest.GetStatus([99]),
     "UnknownNode in GetStatus_i: Node with id 99 doesn't exist."),
    ("UnknownReceptorType", "KernelException",
     lambda: nest.Connect(neuron(), neuron(), syn_spec={"receptor_type": 1}),
     "UnknownReceptorType in Connect_g_g_D_D: Receptor type 1 is not available in iaf_psc_alpha."),
    ("IllegalConnection", "KernelException",
     lambda: nest.Connect(neuron(), nest.Create("poisson_generator")),
     "IllegalConnection in Connect_g_g_D_D: Creation of connection is not possible because:\n"),
    ("UnexpectedEvent", "KernelException",
     lambda: nest.Connect(nest.Create("spike_detector"), neuron()),
     "UnexpectedEvent in Connect_g_g_D_D: Source node does not send output. Note that detectors "
     "need to be connected as Connect(neuron, detector)."),
    ("BadDelay", "KernelException",
     lambda: nest.Connect(neuron(), neuron(), syn_spec={"delay": 0.0}),
     "BadDelay in Connect_g_g_D_D: Delay value 0 is invalid: Delay must be greater than or equal "
     "to resolution"),
    ("BadProperty", "KernelException", lambda: nest.SetStatus(neuron(), {"C_m": -1.0}),
     "BadProperty in SetStatus_id: Setting status of a 'iaf_psc_alpha' with GID 1: Capacitance "
     "must be > 0."),
    ("BadParameter", "KernelException", lambda: nest.Simulate(-1.0),
     "BadParameter in Simulate_d: The simulation time cannot be negative."),
    ("DimensionMismatch", "KernelException", lambda: nest.Connect(neuron(2), neuron(3), "one_to_one"),
     "DimensionMismatch in Connect_g_g_D_D: "),
    ("KernelException", "SLIException", lambda: nest.Run(10.0),
     "KernelException in Run_d: Run called without calling Prepare."),
    ("SubnetExpected", "KernelException", lambda: nest.ChangeSubnet(neuron()),
     "SubnetExpected in ChangeSubnet"),
    ("DictError", "InterpreterError", lambda: nest.SetStatus(neuron(), {"foo": 1.0}),
     "DictError in SetStatus_id: Unused dictionary items:  foo"),
    ("RangeCheck", "InterpreterError", lambda: nest.Create("iaf_psc_alpha", 0),
     "RangeCheck in Create_l_i"),
    ("TypeMismatch", "InterpreterError", lambda: nest.SetStatus(neuron(), {"I_e": 376}),
     "TypeMismatch in SetStatus_id: "),
    ("ArgumentType", "InterpreterError", lambda: nest.sr("1 (a) add"),
     "ArgumentType in add: "),
    ("StackUnderflow", "InterpreterError", lambda: nest.sr("clear pop"),
     "StackUnderflow in pop"),
    ("NotImplemented", "SLIException",
     lambda: nest.Connect(neuron(2), neuron(2), {"rule": "fixed_total_number", "N": 2,
                                                 "multapses": False}),
     "NotImplemented in Connect_g_g_D_D: "),
    ("IOError", "SLIException", None, "IOError in Simulate_d: The device file"),
]


def file_exists_error(tmp_path):
    nest.SetKernelStatus({"data_path": str(tmp_path), "overwrite_files": False})
    sd = nest.Create("spike_detector", params={"to_file": True})
    nest.Connect(neuron(), sd)
    nest.Simulate(1.0)
    nest.ResetKernel()
    nest.SetKernelStatus({"data_path": str(tmp_path), "overwrite_files": False})
    sd = nest.Create("spike_detector", params={"to_file": True})
    nest.Connect(neuron(), sd)
    nest.Simulate(1.0)  # the same file name again


@pytest.mark.parametrize("name, parent, call, text", CASES, ids=[c[0] for c in CASES])
def test_error_class_parent_and_text(name, parent, call, text, tmp_path):
    with pytest.raises(nest.NESTError) as err:
        if call is None:
            file_exists_error(tmp_path)
        else:
            call()
    error = err.value
    assert type(error) is getattr(NESTErrors, name)
    assert type(error).__name__ == name and error.errorname == name
    assert isinstance(error, getattr(NESTErrors, parent))
    assert isinstance(error, NESTErrors.SLIException) and isinstance(error, nest.NESTError)
    assert str(error).startswith(text)
    assert str(error) == f"{error.errorname} in {error.commandname}{error.errormessage}" + \
        (f"\n{error.hint}" if error.hint else "")
    assert nest.ll_api.engine.ostack == []  # the error path clears the operand stack


def test_thread_count_is_fixed_once_nodes_exist():
    nest.Create("iaf_psc_alpha")
    with pytest.raises(nest.NESTError) as err:
        nest.SetKernelStatus({"local_num_threads": 2})
    # the kernel reports this refusal with a sentence as the error name
    assert err.value.errorname == "Nodes exist: Thread/process number cannot be changed."
    assert str(err.value).startswith("Nodes exist: Thread/process number cannot be changed. "
                                     "in SetStatus_id")
    assert isinstance(err.value, nest.NESTErrors.SLIException)


def test_missing_key_in_get_is_a_dict_error_from_get_d():
    with pytest.raises(NESTErrors.DictError) as err:
        nest.GetStatus(neuron(), "foo")
    assert str(err.value).startswith("DictError in get_d: Key '/foo' does not exist in dictionary.")


def test_python_side_errors_are_pynest_errors():
    with pytest.raises(nest.PyNESTError, match="unknown Python type"):
        nest.sps(object())
    nest.ll_api.engine.ostack.clear()
    with pytest.raises(nest.PyNESTError, match="interpreter stack is empty"):
        nest.spp()
    assert issubclass(nest.PyNESTError, nest.NESTError)
    assert NESTErrors.PyNESTError is nest.PyNESTError and NESTErrors.NESTError is nest.NESTError


def test_hl_api_validation_raises_plain_nesterror():
    with pytest.raises(nest.NESTError) as err:
        nest.GetLID([1, 2])
    assert type(err.value) is nest.NESTError


@pytest.mark.parametrize("name, parent", [
    ("TypeMismatch", "InterpreterError"), ("SystemSignal", "InterpreterError"),
    ("UndefinedName", "DictError"), ("EntryTypeMismatch", "DictError"),
    ("UnaccessedDictionaryEntry", "DictError"), ("BadParameterValue", "SLIException"),
    ("ModelInUse", "KernelException"), ("IncompatibleReceptorType", "KernelException"),
    ("InexistentConnection", "KernelException"), ("UnsupportedEvent", "KernelException"),
    ("GSLSolverFailure", "KernelException"), ("NumericalInstability", "KernelException"),
    ("StepMultipleRequired", "KernelException"), ("MUSICPortUnconnected", "KernelException"),
    ("SomethingNew", "SLIException"),
])
def test_error_classes_are_created_on_first_use_with_the_reference_parent(name, parent):
    cls = getattr(NESTErrors, name)
    assert cls is getattr(NESTErrors, name)  # created once
    assert issubclass(cls, getattr(NESTErrors, parent))
    assert issubclass(NESTErrors.InterpreterError, NESTErrors.SLIException)
    assert issubclass(NESTErrors.KernelException, NESTErrors.SLIException)
    err = cls("Cmd", ": text")
    assert str(err) == f"{name} in Cmd: text"
    assert (err.errorname, err.commandname, err.errormessage) == (name, "Cmd", ": text")


def test_api_errors_name_the_python_call_and_suggest_the_fix():
    with pytest.raises(NESTErrors.TypeMismatch) as err:
        nest.SetStatus(neuron(), {"I_e": 376})
    assert "(raised by nest.SetStatus)" in str(err.value)
    assert "write 376.0 instead of 376" in str(err.value)
    with pytest.raises(NESTErrors.UnknownModelName) as err:
        nest.Create("iaf_neuronn")
    assert "nest.Models()" in str(err.value)


def test_the_kernel_stays_usable_after_errors():
    for call in (lambda: nest.Create("x"), lambda: nest.Simulate(-1.0), lambda: nest.sr("pop")):
        with pytest.raises(nest.NESTError):
            call()
    n = nest.Create("iaf_psc_alpha", params={"I_e": 500.0})
    sd = nest.Create("spike_detector")
    nest.Connect(n, sd)
    nest.Simulate(50.0)
    assert nest.GetStatus(sd, "n_events")[0] > 0
