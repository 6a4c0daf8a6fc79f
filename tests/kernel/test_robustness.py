"""Errors reach Python intact and no input crashes the process (issue 3, items 6 and 7)."""
import numpy as np
import pytest


@pytest.mark.parametrize("thread", [0, 1])
def test_exception_in_a_thread_reaches_python_intact(nk, thread):
    nk.set_kernel_status({"local_num_threads": 2})
    n = nk.create("iaf_psc_alpha", 4, {"I_e": 400.0})
    nk.connect(n, n, {"rule": "all_to_all"}, {"weight": 1.0, "delay": 1.0})
    nk._inject_update_error(thread, "NumericalInstability", "thread %d failed" % thread)
    with pytest.raises(nk.KernelError) as e:
        nk.simulate(20.0)
    assert e.value.errorname == "NumericalInstability" and e.value.message == "thread %d failed" % thread
    with pytest.raises(nk.KernelError) as e:
        nk.simulate(1.0)
    assert "inconsistent state" in e.value.message
    nk.reset_kernel()
    nk.create("iaf_psc_alpha")
    nk.simulate(1.0)


def test_kernel_error_is_an_exception_with_attributes(nk):
    assert issubclass(nk.KernelError, Exception)
    err = nk.KernelError("BadProperty", "why")
    assert err.errorname == "BadProperty" and err.message == "why" and str(err) == "BadProperty: why"


@pytest.mark.parametrize("call", [
    lambda nk: nk.create("iaf_psc_alpha", -1),
    lambda nk: nk.create("iaf_psc_alpha", 2**40),
    lambda nk: nk.get_status([-3]),
    lambda nk: nk.get_status([1.5]),
    lambda nk: nk.set_status([0], {"foo": 1}),
    lambda nk: nk.simulate(1e300),
    lambda nk: nk.simulate(float("nan")),
    lambda nk: nk.create("poisson_generator", 1, {"start": 1e300}),
    lambda nk: nk.connect([1], [1], {"rule": "one_to_one"}, {"delay": 1e300}),
    lambda nk: nk.connect([1], [1], {"rule": "one_to_one"}, {"weight": "heavy"}),
    lambda nk: nk.connect([1], [1], {"rule": 3}, {}),
    lambda nk: nk.connect([1], [1], {"rule": "fixed_indegree", "indegree": -2}, {}),
    lambda nk: nk.connect([], [1], {"rule": "fixed_indegree", "indegree": 2}, {}),
    lambda nk: nk.get_connection_status(np.array([[1, 1, 7, 0, 0]])),
    lambda nk: nk.get_connection_status(np.array([[1, 1, 0, 0, -1]])),
    lambda nk: nk.get_connection_status(np.array([[1, 1, 0, 99, 0]])),
    lambda nk: nk.set_kernel_status({"local_num_threads": 0}),
    lambda nk: nk.set_kernel_status({"local_num_threads": 100000}),
    lambda nk: nk.set_kernel_status({"rng_seeds": [-1]}),
    lambda nk: nk.set_kernel_status({"resolution": float("nan")}),
    lambda nk: nk.change_subnet(-5),
    lambda nk: nk.layout_network("nope", [2]),
    lambda nk: nk.get_defaults("nope"),
    lambda nk: nk.copy_model("nope", "x"),
    lambda nk: nk.disconnect([1], [1], {"rule": "fixed_indegree"}, {}),
])
def test_bad_input_raises_kernel_error(nk, call):
    nk.create("iaf_psc_alpha")
    with pytest.raises(nk.KernelError):
        call(nk)
    # the kernel still works afterwards
    nk.simulate(0.1)


def test_many_recordables_in_one_multimeter(nk):
    n = nk.create("iaf_psc_alpha")
    rec = ["V_m", "I_syn_ex", "I_syn_in", "weighted_spikes_ex", "weighted_spikes_in"] * 8
    mm = nk.create("multimeter", 1, {"interval": 1.0, "record_from": rec})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.simulate(5.0)
    assert len(nk.get_status(mm)[0]["events"]["V_m"]) == 4


def test_errors_while_building_in_parallel_reach_python(nk):
    nk.set_kernel_status({"local_num_threads": 2})
    a = nk.create("iaf_psc_alpha", 10)
    with pytest.raises(nk.KernelError) as e:
        nk.connect(a, a, {"rule": "all_to_all"}, {"receptor_type": 3})
    assert e.value.errorname == "UnknownReceptorType"
    with pytest.raises(nk.KernelError) as e:
        nk.connect(a, a, {"rule": "fixed_indegree", "indegree": 3}, {"delay": {"distribution": "uniform", "low": -2.0, "high": -1.0}})
    assert e.value.errorname == "BadDelay"
    nk.reset_kernel()
    nk.create("iaf_psc_alpha")
    nk.simulate(1.0)
