"""Kernel status (spec §4): keys, types, defaults and validation."""
import numpy as np
import pytest

EXPECTED_TYPES = {
    "resolution": float, "tics_per_ms": float, "tics_per_step": int, "ms_per_tic": float, "T_min": float,
    "T_max": float, "biological_time": float, "time": float, "to_do": int, "print_time": bool,
    "local_num_threads": int, "total_num_virtual_procs": int, "num_processes": int, "grng_seed": int,
    "min_delay": float, "max_delay": float, "num_connections": int, "network_size": int, "data_path": str,
    "data_prefix": str, "overwrite_files": bool, "dict_miss_is_error": bool, "off_grid_spiking": bool,
    "keep_source_table": bool, "sort_connections_by_source": bool, "adaptive_spike_buffers": bool,
    "adaptive_target_buffers": bool, "buffer_size_spike_data": int, "buffer_size_target_data": int,
    "max_buffer_size_spike_data": int, "max_buffer_size_target_data": int,
    "growth_factor_buffer_spike_data": float, "growth_factor_buffer_target_data": float,
    "buffer_size_secondary_events": int, "max_num_syn_models": int, "use_wfr": bool, "wfr_comm_interval": float,
    "wfr_tol": float, "wfr_max_iterations": int, "wfr_interpolation_order": int,
    "structural_plasticity_synapses": dict, "structural_plasticity_update_interval": int,
    "local_spike_counter": int, "time_simulate": float, "time_communicate_prepare": float,
    "time_construction_create": float, "time_construction_connect": float,
}


def test_every_kernel_status_key_has_its_type(nk):
    st = nk.get_kernel_status()
    for key, typ in EXPECTED_TYPES.items():
        assert key in st, key
        assert type(st[key]) is typ, (key, type(st[key]))
    assert list(st["rng_seeds"]) == [1]


def test_kernel_status_defaults(nk):
    st = nk.get_kernel_status()
    assert st["resolution"] == 0.1 and st["tics_per_ms"] == 1000.0 and st["tics_per_step"] == 100
    assert st["min_delay"] == pytest.approx(0.1) and st["max_delay"] == pytest.approx(0.1)
    assert st["T_max"] == pytest.approx(1152921504606846.8) and st["T_min"] == -st["T_max"]
    assert st["network_size"] == 1 and st["num_connections"] == 0 and st["grng_seed"] == 0
    assert st["max_num_syn_models"] == 512 and st["dict_miss_is_error"] is True


def test_resolution_change_sets_tics_per_step(nk):
    nk.set_kernel_status({"resolution": 0.01})
    assert nk.get_kernel_status()["tics_per_step"] == 10
    nk.set_kernel_status({"resolution": 0.5, "tics_per_ms": 10000.0})
    st = nk.get_kernel_status()
    assert st["tics_per_step"] == 5000 and st["ms_per_tic"] == pytest.approx(1e-4)


def test_resolution_change_after_nodes_is_refused(nk):
    nk.create("iaf_psc_alpha")
    with pytest.raises(nk.KernelError) as e:
        nk.set_kernel_status({"resolution": 0.2})
    assert e.value.errorname == "KernelException"
    assert "Please call ResetKernel first" in e.value.message


def test_resolution_must_be_positive_multiple_of_tic(nk):
    for bad in (0.0, -0.1, 0.0001, 0.00105):
        with pytest.raises(nk.KernelError) as e:
            nk.set_kernel_status({"resolution": bad})
        assert e.value.errorname == "BadProperty"


def test_tics_per_ms_alone_is_refused(nk):
    with pytest.raises(nk.KernelError) as e:
        nk.set_kernel_status({"tics_per_ms": 100.0})
    assert e.value.errorname == "KernelException"


def test_time_alias_only_accepts_zero(nk):
    nk.create("iaf_psc_alpha")
    nk.simulate(5.0)
    assert nk.get_kernel_status()["time"] == pytest.approx(5.0)
    with pytest.raises(nk.KernelError) as e:
        nk.set_kernel_status({"time": 3.0})
    assert e.value.message == "The simulation time can only be set to 0.0."
    nk.set_kernel_status({"time": 0.0})
    assert nk.get_kernel_status()["biological_time"] == 0.0
    nk.set_kernel_status({"biological_time": 0.0})


def test_min_and_max_delay_must_be_given_together(nk):
    with pytest.raises(nk.KernelError) as e:
        nk.set_kernel_status({"min_delay": 0.5})
    assert e.value.message == "Both min_delay and max_delay have to be specified"
    nk.set_kernel_status({"min_delay": 0.5, "max_delay": 3.0})
    st = nk.get_kernel_status()
    assert (st["min_delay"], st["max_delay"]) == (pytest.approx(0.5), pytest.approx(3.0))
    n = nk.create("iaf_psc_alpha", 2)
    with pytest.raises(nk.KernelError) as e:
        nk.connect(n, n, {"rule": "one_to_one"}, {"delay": 0.2})
    assert e.value.errorname == "BadDelay"
    with pytest.raises(nk.KernelError) as e:
        nk.connect(n, n, {"rule": "one_to_one"}, {"delay": 4.0})
    assert e.value.errorname == "BadDelay"


def test_delay_extrema_follow_connections(nk):
    n = nk.create("iaf_psc_alpha", 3)
    nk.connect(n[:1], n[1:2], {"rule": "one_to_one"}, {"delay": 2.5})
    nk.connect(n[1:2], n[2:], {"rule": "one_to_one"}, {"delay": 0.7})
    st = nk.get_kernel_status()
    assert st["min_delay"] == pytest.approx(0.7) and st["max_delay"] == pytest.approx(2.5)


def test_rng_seeds_need_one_seed_per_virtual_process(nk):
    with pytest.raises(nk.KernelError) as e:
        nk.set_kernel_status({"rng_seeds": [1, 2]})
    assert e.value.errorname == "DimensionMismatch"
    nk.set_kernel_status({"local_num_threads": 2})
    nk.set_kernel_status({"rng_seeds": [10, 11], "grng_seed": 5})
    st = nk.get_kernel_status()
    assert list(st["rng_seeds"]) == [10, 11] and st["grng_seed"] == 5
    assert st["total_num_virtual_procs"] == 2


def test_thread_change_after_nodes_names_the_reason(nk):
    nk.create("iaf_psc_alpha")
    with pytest.raises(nk.KernelError) as e:
        nk.set_kernel_status({"local_num_threads": 2})
    assert e.value.errorname == "Nodes exist: Thread/process number cannot be changed."


def test_unknown_key_and_wrong_type(nk):
    with pytest.raises(nk.KernelError) as e:
        nk.set_kernel_status({"foo": 1})
    assert e.value.errorname == "DictError" and "foo" in e.value.message
    with pytest.raises(nk.KernelError) as e:
        nk.set_kernel_status({"resolution": 1})
    assert e.value.errorname == "TypeMismatch"
    nk.set_kernel_status({"dict_miss_is_error": False})
    nk.set_kernel_status({"foo": 1})


def test_reset_kernel_restores_defaults(nk):
    nk.set_kernel_status({"resolution": 0.2, "print_time": True, "overwrite_files": True})
    nk.create("iaf_psc_alpha", 4)
    nk.copy_model("iaf_psc_alpha", "my_iaf")
    nk.reset_kernel()
    st = nk.get_kernel_status()
    assert st["resolution"] == 0.1 and st["network_size"] == 1 and not st["print_time"]
    assert "my_iaf" not in nk.models()


def test_print_time_writes_progress(nk, capfd):
    nk.set_kernel_status({"print_time": True})
    nk.create("iaf_psc_alpha")
    nk.simulate(2.0)
    out = capfd.readouterr().out
    assert "network time" in out and "%" in out


def test_data_path_must_exist(nk, tmp_path):
    nk.set_kernel_status({"data_path": str(tmp_path)})
    nk.set_kernel_status({"data_path": str(tmp_path / "missing")})
    assert nk.get_kernel_status()["data_path"] == str(tmp_path)
    nk.set_kernel_status({"data_prefix": "a/b"})
    assert nk.get_kernel_status()["data_prefix"] == ""


def test_nest_2_6_keys_are_accepted(nk):
    nk.set_kernel_status({"rng_buffsize": 1000, "communicate_allgather": False})
    st = nk.get_kernel_status()
    assert st["rng_buffsize"] == 1000 and st["communicate_allgather"] is False
