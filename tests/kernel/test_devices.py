"""Recording and stimulating devices (spec §6)."""
import numpy as np
import pytest


def test_spike_detector_counts_multiplicity_and_resets(nk):
    sg = nk.create("spike_generator", 1, {"spike_times": [1.0, 2.0], "spike_multiplicities": [2, 1]})
    p = nk.create("parrot_neuron")
    sd = nk.create("spike_detector")
    nk.connect(sg, p, {"rule": "one_to_one"}, {})
    nk.connect(p, sd, {"rule": "one_to_one"}, {})
    nk.simulate(10.0)
    st = nk.get_status(sd)[0]
    assert st["n_events"] == 3 and list(st["events"]["times"]) == [2.0, 2.0, 3.0]
    assert list(st["events"]["senders"]) == [2, 2, 2]
    nk.set_status(sd, {"n_events": 0})
    assert nk.get_status(sd)[0]["n_events"] == 0
    with pytest.raises(nk.KernelError):
        nk.set_status(sd, {"n_events": 3})


def test_spike_detector_time_in_steps_and_weights(nk):
    sg = nk.create("spike_generator", 1, {"spike_times": [1.0]})
    p = nk.create("parrot_neuron")
    sd = nk.create("spike_detector", 1, {"time_in_steps": True})
    nk.connect(sg, p, {"rule": "one_to_one"}, {})
    nk.connect(p, sd, {"rule": "one_to_one"}, {})
    nk.simulate(5.0)
    t = nk.get_status(sd)[0]["events"]["times"]
    assert t.dtype == np.int64 and list(t) == [20]


def test_spike_detector_file_name_and_format(nk, tmp_path):
    nk.set_kernel_status({"data_path": str(tmp_path), "data_prefix": "pre_"})
    sg = nk.create("spike_generator", 1, {"spike_times": [1.0, 2.5]})
    sd = nk.create("spike_detector", 1, {"to_file": True, "label": "mysd"})
    nk.connect(sg, sd, {"rule": "one_to_one"}, {})
    nk.simulate(5.0)
    f = tmp_path / "pre_mysd-2-0.gdf"
    assert f.read_text() == "1\t1.000\t\n1\t2.500\t\n"
    assert nk.get_status(sd)[0]["filenames"] == [str(f)]


def test_voltmeter_to_screen_format(nk, capfd):
    n = nk.create("iaf_psc_alpha")
    vm = nk.create("voltmeter", 1, {"to_screen": True, "to_memory": False})
    nk.connect(vm, n, {"rule": "one_to_one"}, {})
    nk.simulate(3.0)
    out = capfd.readouterr().out
    assert "1\t1.000\t-70.000\t\n" in out
    assert nk.get_status(vm)[0]["n_events"] == 0


def test_poisson_generator_window_is_shifted_by_one_step(nk):
    nk.set_kernel_status({"resolution": 1.0})
    pg = nk.create("poisson_generator", 1, {"rate": 1e6, "start": 2.0, "stop": 5.0})
    p = nk.create("parrot_neuron")
    sd = nk.create("spike_detector")
    nk.connect(pg, p, {"rule": "one_to_one"}, {"delay": 1.0})
    nk.connect(p, sd, {"rule": "one_to_one"}, {})
    nk.simulate(10.0)
    # emitted stamps 4, 5, 6 arrive 1 ms later at the parrot
    assert sorted(set(nk.get_status(sd)[0]["events"]["times"])) == [5.0, 6.0, 7.0]


def test_dc_generator_drives_membrane_after_delay(nk):
    dc = nk.create("dc_generator", 1, {"amplitude": 1000.0, "start": 1.0, "stop": 2.0})
    n = nk.create("iaf_psc_alpha")
    mm = nk.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
    nk.connect(dc, n, {"rule": "one_to_one"}, {"delay": 1.0})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.simulate(6.0)
    ev = nk.get_status(mm)[0]["events"]
    moving = ev["times"][1:][np.diff(ev["V_m"]) != 0]
    assert moving[0] == pytest.approx(2.1)
    changing = ev["times"][1:][np.diff(np.diff(ev["V_m"]), prepend=0) != 0]
    assert ev["V_m"][ev["times"] == 2.0][0] == -70.0


def test_device_times_must_be_on_the_grid(nk):
    with pytest.raises(nk.KernelError) as e:
        nk.create("poisson_generator", 1, {"start": 0.05})
    assert e.value.errorname == "BadProperty"
    assert e.value.message.endswith("start must be a multiple of the simulation resolution.")
    with pytest.raises(nk.KernelError):
        nk.create("multimeter", 1, {"interval": 0.05})


def test_spike_generator_spike_weights_scale_the_connection(nk):
    sg = nk.create("spike_generator", 1, {"spike_times": [1.0], "spike_weights": [2.5]})
    n = nk.create("iaf_psc_delta")
    nk.connect(sg, n, {"rule": "one_to_one"}, {"weight": 2.0, "delay": 1.0})
    nk.simulate(2.0)
    v = nk.get_status(n)[0]["V_m"]
    assert v == pytest.approx(-70.0 + 5.0 * np.exp(-0.0 / 10.0), abs=1e-12)
    with pytest.raises(nk.KernelError):
        nk.set_status(sg, {"spike_times": [1.0, 2.0], "spike_weights": [1.0]})


def test_recording_flags_round_trip(nk):
    sd = nk.create("spike_detector", 1, {"record_to": ["file", "memory"], "precision": 5, "withweight": True})
    st = nk.get_status(sd)[0]
    assert st["to_file"] and st["to_memory"] and not st["to_screen"]
    assert st["precision"] == 5 and st["withweight"] and "weights" in st["events"]
    assert st["file_extension"] == "gdf"
    assert nk.get_defaults("multimeter")["file_extension"] == "dat"


def test_multimeter_accumulator_sums_over_nodes(nk):
    n = nk.create("iaf_psc_alpha", 3, [{"I_e": 100.0}, {"I_e": 200.0}, {"I_e": 300.0}])
    mm = nk.create("multimeter", 1, {"interval": 1.0, "record_from": ["V_m"], "to_accumulator": True})
    single = nk.create("multimeter", 1, {"interval": 1.0, "record_from": ["V_m"]})
    nk.connect(mm, n, {"rule": "all_to_all"}, {})
    nk.connect(single, n, {"rule": "all_to_all"}, {})
    nk.simulate(10.0)
    acc = nk.get_status(mm)[0]
    assert not acc["to_memory"] and "senders" not in acc["events"]
    ev = nk.get_status(single)[0]["events"]
    assert list(acc["events"]["times"]) == [float(t) for t in range(1, 10)]
    for t, v in zip(acc["events"]["times"], acc["events"]["V_m"]):
        assert v == pytest.approx(ev["V_m"][ev["times"] == t].sum(), abs=1e-9)


def test_random_deviate_names(nk):
    names = nk.distributions()
    assert {"normal", "lognormal", "uniform", "uniform_int", "exponential", "gamma", "binomial", "poisson",
            "normal_clipped", "poisson_clipped_to_boundary"} <= set(names)
    assert nk.num_processes() == 1 and nk.rank() == 0
