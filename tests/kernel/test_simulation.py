"""Simulation control, timing rules, threads and reproducibility (spec §9)."""
import numpy as np
import pytest


def test_simulate_time_validation(nk):
    with pytest.raises(nk.KernelError) as e:
        nk.simulate(-1.0)
    assert e.value.errorname == "BadParameter" and e.value.message == "The simulation time cannot be negative."
    with pytest.raises(nk.KernelError) as e:
        nk.simulate(0.05)
    assert e.value.message == "The simulation time must be a multiple of the simulation resolution."
    with pytest.raises(nk.KernelError) as e:
        nk.simulate(float("inf"))
    assert e.value.message == "The simulation time must be finite."
    nk.simulate(0.0)
    assert nk.get_kernel_status()["biological_time"] == 0.0


def test_prepare_run_cleanup_protocol(nk):
    with pytest.raises(nk.KernelError):
        nk.run(1.0)
    with pytest.raises(nk.KernelError):
        nk.cleanup()
    n = nk.create("iaf_psc_alpha", 1, {"I_e": 500.0})
    nk.prepare()
    with pytest.raises(nk.KernelError):
        nk.prepare()
    nk.run(5.0)
    nk.run(5.0)
    nk.cleanup()
    v_split = nk.get_status(n)[0]["V_m"]
    nk.reset_kernel()
    n = nk.create("iaf_psc_alpha", 1, {"I_e": 500.0})
    nk.simulate(10.0)
    assert nk.get_status(n)[0]["V_m"] == v_split
    assert nk.get_kernel_status()["biological_time"] == pytest.approx(10.0)


def test_split_simulation_equals_one_long_run(nk):
    def run(chunks):
        nk.reset_kernel()
        pop = nk.create("iaf_psc_alpha", 10, [{"I_e": 350.0 + 10 * i} for i in range(10)])
        nk.connect(pop, pop, {"rule": "all_to_all", "autapses": False}, {"weight": 30.0, "delay": 1.5})
        sd = nk.create("spike_detector")
        nk.connect(pop, sd, {"rule": "all_to_all"}, {})
        for c in chunks:
            nk.simulate(c)
        ev = nk.get_status(sd)[0]["events"]
        return ev["senders"], ev["times"]
    s1, t1 = run([100.0])
    s2, t2 = run([33.3, 0.2, 66.5])
    assert len(t1) > 10
    np.testing.assert_array_equal(s1, s2)
    np.testing.assert_array_equal(t1, t2)


def test_multimeter_lags_one_slice(nk):
    n = nk.create("iaf_psc_alpha")
    mm = nk.create("multimeter", 1, {"interval": 1.0, "record_from": ["V_m"]})
    nk.connect(mm, n, {"rule": "one_to_one"}, {"delay": 1.0})
    nk.simulate(10.0)
    assert list(nk.get_status(mm)[0]["events"]["times"]) == [float(t) for t in range(1, 10)]
    nk.simulate(5.0)
    assert list(nk.get_status(mm)[0]["events"]["times"]) == [float(t) for t in range(1, 15)]


def test_multimeter_offset_and_window(nk):
    n = nk.create("iaf_psc_alpha")
    mm = nk.create("multimeter", 1, {"interval": 2.0, "offset": 1.0, "start": 4.0, "stop": 9.0,
                                     "record_from": ["V_m", "I_syn_ex"]})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.simulate(20.0)
    ev = nk.get_status(mm)[0]["events"]
    assert list(ev["times"]) == [5.0, 7.0, 9.0]
    assert list(ev["I_syn_ex"]) == [0.0, 0.0, 0.0]
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(mm, {"interval": 0.5})
    assert e.value.errorname == "BadProperty"


def test_reset_network_restores_state_and_keeps_time(nk):
    n = nk.create("iaf_psc_alpha", 1, {"I_e": 500.0})
    sd = nk.create("spike_detector")
    nk.connect(n, sd, {"rule": "one_to_one"}, {})
    nk.simulate(50.0)
    assert nk.get_status(sd)[0]["n_events"] > 0
    assert nk.get_status(n)[0]["V_m"] != -70.0
    nk.reset_network()
    assert nk.get_status(n)[0]["V_m"] == -70.0
    assert nk.get_status(sd)[0]["n_events"] == 0
    assert nk.get_status(n)[0]["I_e"] == 500.0
    assert nk.get_kernel_status()["biological_time"] == pytest.approx(50.0)


def deterministic_network(nk, threads):
    nk.reset_kernel()
    nk.set_kernel_status({"local_num_threads": threads})
    pop = nk.create("iaf_psc_alpha", 40, [{"I_e": 360.0 + 3.0 * i} for i in range(40)])
    w = np.array([[((7 * i + 13 * j) % 11 - 5) * 15.0 for j in range(40)] for i in range(40)])
    nk.connect(pop, pop, {"rule": "all_to_all", "autapses": False},
               {"weight": w, "delay": 1.0})  # [target][source]; diagonal entries unused
    sg = nk.create("spike_generator", 1, {"spike_times": [5.0, 10.0, 10.5, 30.0]})
    nk.connect(sg, pop, {"rule": "all_to_all"}, {"weight": 200.0, "delay": 2.0})
    sd = nk.create("spike_detector")
    nk.connect(pop, sd, {"rule": "all_to_all"}, {})
    nk.simulate(300.0)
    ev = nk.get_status(sd)[0]["events"]
    order = np.lexsort((ev["senders"], ev["times"]))
    return ev["senders"][order], ev["times"][order]


@pytest.mark.parametrize("threads", [2, 3, 4])
def test_one_and_several_threads_give_identical_spikes(nk, threads):
    s1, t1 = deterministic_network(nk, 1)
    s2, t2 = deterministic_network(nk, threads)
    assert len(t1) > 100
    np.testing.assert_array_equal(s1, s2)
    np.testing.assert_array_equal(t1, t2)


def random_network(nk, threads, seeds=None):
    nk.reset_kernel()
    nk.set_kernel_status({"local_num_threads": threads})
    if seeds:
        nk.set_kernel_status({"rng_seeds": seeds})
    pop = nk.create("iaf_psc_alpha", 100)
    pg = nk.create("poisson_generator", 1, {"rate": 20000.0})
    nk.connect(pg, pop, {"rule": "all_to_all"}, {"weight": 30.0, "delay": 1.0})
    nk.connect(pop, pop, {"rule": "fixed_indegree", "indegree": 10},
               {"weight": {"distribution": "normal", "mu": 10.0, "sigma": 5.0}, "delay": 1.5})
    sd = nk.create("spike_detector")
    nk.connect(pop, sd, {"rule": "all_to_all"}, {})
    nk.simulate(200.0)
    ev = nk.get_status(sd)[0]["events"]
    order = np.lexsort((ev["senders"], ev["times"]))
    return ev["senders"][order], ev["times"][order]


@pytest.mark.parametrize("threads", [1, 2])
def test_random_network_is_bit_identical_across_runs(nk, threads):
    s1, t1 = random_network(nk, threads)
    s2, t2 = random_network(nk, threads)
    assert len(t1) > 100
    np.testing.assert_array_equal(s1, s2)
    np.testing.assert_array_equal(t1, t2)
    s3, t3 = random_network(nk, threads, seeds=[100 + i for i in range(threads)])
    assert len(t3) != len(t1) or not np.array_equal(t1, t3)


def test_vp_assignment_with_two_threads(nk):
    nk.set_kernel_status({"local_num_threads": 2})
    n = nk.create("iaf_psc_alpha", 4)
    st = nk.get_status(n)
    assert [s["vp"] for s in st] == [1, 0, 1, 0]
    assert [s["thread"] for s in st] == [1, 0, 1, 0]


def test_existing_device_file_is_an_io_error(nk, tmp_path):
    nk.set_kernel_status({"data_path": str(tmp_path)})
    nk.create("spike_detector", 1, {"to_file": True, "label": "x"})
    (tmp_path / "x-1-0.gdf").write_text("exists")
    with pytest.raises(nk.KernelError) as e:
        nk.simulate(1.0)
    assert e.value.errorname == "IOError"


@pytest.mark.parametrize("threads", [1, 2])
def test_ctrl_c_stops_at_a_slice_boundary_and_the_kernel_stays_usable(nk, threads):
    import os
    import signal
    import threading
    nk.set_kernel_status({"local_num_threads": threads})
    pop = nk.create("iaf_psc_alpha", 2000, {"I_e": 400.0})
    nk.connect(pop, pop, {"rule": "fixed_indegree", "indegree": 50}, {"weight": 1.0, "delay": 1.0})
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        nk.simulate(1e6)
    timer.join()
    t = nk.get_kernel_status()["biological_time"]
    assert 0.0 < t < 1e6
    assert t == pytest.approx(round(t))  # min_delay is 1 ms: stopped at a slice end
    nk.simulate(10.0)
    assert nk.get_kernel_status()["biological_time"] == pytest.approx(t + 10.0)


@pytest.mark.parametrize("threads", [1, 2])
def test_nodes_and_connections_added_between_simulations(nk, threads):
    nk.set_kernel_status({"local_num_threads": threads})
    a = nk.create("iaf_psc_alpha", 4, {"I_e": 450.0})
    sd = nk.create("spike_detector")
    nk.connect(a, sd, {"rule": "all_to_all"}, {})
    nk.connect(a, a, {"rule": "all_to_all", "autapses": False}, {"weight": 5.0, "delay": 1.0})
    nk.simulate(50.0)
    b = nk.create("parrot_neuron", 3)
    nk.connect(a, b, {"rule": "all_to_all"}, {"delay": 1.0})
    nk.connect(b, sd, {"rule": "all_to_all"}, {})
    nk.simulate(50.0)
    ev = nk.get_status(sd)[0]["events"]
    from_a = np.sort(ev["times"][np.isin(ev["senders"], a)])
    from_b = np.sort(ev["times"][np.isin(ev["senders"], b)])
    # every spike of a after the parrots joined (and emitted by 99 ms) is relayed by each parrot 1 ms later
    relayed = np.sort(np.repeat(from_a[(from_a > 50.0) & (from_a <= 99.0)] + 1.0, 3))
    np.testing.assert_allclose(from_b, relayed, atol=1e-9)
