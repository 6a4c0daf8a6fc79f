"""The former gaps of the kernel: recorded targets/ports/rports, the per-thread builders of
fixed_outdegree / fixed_total_number / symmetric_pairwise_bernoulli, and the rngs / grng keys
(spec pynest.md 4, 6.2, 8.2, 9.3)."""
from collections import Counter

import numpy as np
import pytest


def _err(nk, fn, *args):
    with pytest.raises(nk.KernelError) as e:
        fn(*args)
    return e.value.errorname, e.value.message


# ------------------------------------------------------------------ recorders


def _spiking_net(nk, sd_params, threads=1):
    nk.set_kernel_status({"local_num_threads": threads})
    n = nk.create("iaf_psc_alpha", 5, {"I_e": 500.0})
    sd = nk.create("spike_detector", 1, sd_params)
    nk.connect(n, sd, {"rule": "all_to_all"}, {"model": "static_synapse"})
    return n, sd


@pytest.mark.parametrize("threads", [1, 2])
def test_spike_detector_records_targets_ports_and_rports(nk, threads):
    n, sd = _spiking_net(nk, {"withtargetgid": True, "withport": True, "withrport": True}, threads)
    nk.simulate(40.0)
    ev = nk.get_status(sd)[0]["events"]
    assert len(ev["senders"]) >= 10
    for key in ("targets", "ports", "rports", "times"):
        assert len(ev[key]) == len(ev["senders"])
    assert set(ev["targets"]) == {int(sd[0])}  # the receiver of the spike is the detector
    assert set(ev["rports"]) == {0}
    port_of = {int(c[0]): int(c[4]) for c in nk.get_connections(target=sd)}
    assert len(port_of) == 5
    assert [port_of[int(s)] for s in ev["senders"]] == list(ev["ports"])
    if threads == 1:  # one thread: ports number the detector's connections 0..4
        assert sorted(port_of.values()) == [0, 1, 2, 3, 4]


def test_disabled_flags_record_nothing_extra(nk):
    n, sd = _spiking_net(nk, {})
    nk.simulate(20.0)
    ev = nk.get_status(sd)[0]["events"]
    assert set(ev) == {"senders", "times"}
    nk.set_status(sd, {"withport": True, "n_events": 0})
    nk.simulate(20.0)
    ev = nk.get_status(sd)[0]["events"]
    assert set(ev) == {"senders", "times", "ports"} and len(ev["ports"]) == len(ev["times"]) > 0


def test_clearing_events_clears_the_new_columns(nk):
    n, sd = _spiking_net(nk, {"withtargetgid": True, "withport": True, "withrport": True})
    nk.simulate(30.0)
    nk.set_status(sd, {"n_events": 0})
    ev = nk.get_status(sd)[0]["events"]
    assert all(len(ev[k]) == 0 for k in ("senders", "targets", "ports", "rports"))


def test_spike_detector_file_columns_in_reference_order(nk, tmp_path):
    nk.set_kernel_status({"data_path": str(tmp_path), "overwrite_files": True})
    n, sd = _spiking_net(nk, {"withtargetgid": True, "withport": True, "withrport": True, "withweight": True,
                              "to_file": True, "label": "sd"})
    nk.simulate(30.0)
    ev = nk.get_status(sd)[0]["events"]
    nk.reset_kernel()  # closes the file
    lines = (tmp_path / "sd-6-0.gdf").read_text().splitlines(keepends=True)
    assert len(lines) == len(ev["senders"])
    for line, s, p, t, w in zip(lines, ev["senders"], ev["ports"], ev["times"], ev["weights"]):
        assert line == f"{s}\t6\t{p}\t0\t{t:.3f}\t{w:.3f}\t\n"


def test_spike_detector_screen_columns(nk, capfd):
    n, sd = _spiking_net(nk, {"withgid": False, "withport": True, "to_screen": True, "to_memory": False,
                              "time_in_steps": True})
    nk.simulate(20.0)
    out = capfd.readouterr().out.splitlines()
    assert out, "nothing printed"
    port_set = {str(int(c[4])) for c in nk.get_connections(target=sd)}
    for line in out:
        port, steps, rest = line.split("\t")
        assert port in port_set and steps.isdigit() and rest == ""


def test_precise_generator_to_detector_records_its_port(nk):
    pg = nk.create("poisson_generator_ps", 1, {"rate": 2000.0})
    sd = nk.create("spike_detector", 1, {"withport": True, "withrport": True})
    nk.connect(pg, sd, {"rule": "all_to_all"}, {"model": "static_synapse"})
    nk.simulate(20.0)
    ev = nk.get_status(sd)[0]["events"]
    port = int(nk.get_connections(target=sd)[0][4])
    assert len(ev["ports"]) > 5 and set(ev["ports"]) == {port} and set(ev["rports"]) == {0}


def test_multimeter_records_targets_and_rports(nk, tmp_path):
    nk.set_kernel_status({"data_path": str(tmp_path)})
    n = nk.create("iaf_psc_alpha", 2)
    mm = nk.create("multimeter", 1, {"record_from": ["V_m"], "withtargetgid": True, "withrport": True,
                                     "to_file": True, "label": "mm"})
    nk.connect(mm, n, {"rule": "all_to_all"}, {"model": "static_synapse"})
    nk.simulate(5.0)
    ev = nk.get_status(mm)[0]["events"]
    assert len(ev["V_m"]) == 8
    assert list(ev["targets"]) == [3] * 8 and list(ev["rports"]) == [0] * 8
    nk.reset_kernel()
    first = (tmp_path / "mm-3-0.dat").read_text().splitlines()[0]
    assert first == "1\t3\t0\t1.000\t-70.000\t"


# ------------------------------------------------------------------ connection rules


def _pairs(nk, **kw):
    c = nk.get_connections(**kw)
    return Counter(zip(c[:, 0].tolist(), c[:, 1].tolist()))


def _build(nk, threads, conn, n=60, syn=None, seeds=None):
    nk.reset_kernel()
    nk.set_kernel_status({"local_num_threads": threads})
    if seeds:
        nk.set_kernel_status(seeds)
    g = nk.create("iaf_psc_alpha", n)
    nk.connect(g, g, conn, syn or {"model": "static_synapse"})
    return g


def test_fixed_outdegree_draws_the_same_target_lists_for_any_thread_count(nk):
    conn = {"rule": "fixed_outdegree", "outdegree": 7}
    _build(nk, 1, conn)
    one = _pairs(nk)
    _build(nk, 2, conn)
    two = _pairs(nk)
    assert one == two and sum(one.values()) == 60 * 7
    _build(nk, 2, conn, seeds={"grng_seed": 99})
    assert _pairs(nk) != two  # the target lists come from the global generator


def test_fixed_outdegree_parameters_are_reproducible_per_vp_count(nk):
    conn = {"rule": "fixed_outdegree", "outdegree": 5}
    syn = {"model": "static_synapse", "weight": {"distribution": "uniform", "low": 0.0, "high": 1.0}}
    def weights():
        c = nk.get_connections()
        st = nk.get_connection_status(c)
        return sorted((int(x[0]), int(x[1]), d["weight"]) for x, d in zip(c, st))
    _build(nk, 2, conn, syn=syn)
    a = weights()
    _build(nk, 2, conn, syn=syn)
    assert weights() == a
    _build(nk, 2, conn, syn=syn, seeds={"rng_seeds": [5, 6]})
    assert weights() != a


def test_fixed_outdegree_degree_statistics_with_two_threads(nk):
    ns, k = 400, 50
    _build(nk, 2, {"rule": "fixed_outdegree", "outdegree": k, "autapses": False, "multapses": False}, n=ns)
    c = nk.get_connections()
    out = Counter(c[:, 0].tolist())
    assert set(out.values()) == {k} and len(out) == ns
    assert not np.any(c[:, 0] == c[:, 1])
    assert len(set(zip(c[:, 0].tolist(), c[:, 1].tolist()))) == ns * k
    indeg = np.bincount(c[:, 1], minlength=ns + 1)[1:]
    # indegrees: sum of ns-1 Bernoulli(k/(ns-1)) draws; mean k, variance ~ k (1 - k/(ns-1))
    var = k * (1 - k / (ns - 1))
    assert indeg.mean() == k
    assert 0.7 * var < indeg.var() < 1.3 * var
    chi2 = ((indeg - k) ** 2 / k).sum()  # ~ chi2(ns-1): mean 399, sd 28
    assert 250 < chi2 < 500


def test_fixed_total_number_statistics_and_reproducibility(nk):
    ns, N = 300, 6000
    conn = {"rule": "fixed_total_number", "N": N, "autapses": False}
    _build(nk, 2, conn, n=ns)
    c = nk.get_connections()
    a = _pairs(nk)
    assert len(c) == N and not np.any(c[:, 0] == c[:, 1])
    expected = N / ns
    for col in (0, 1):
        deg = np.bincount(c[:, col], minlength=ns + 1)[1:]
        chi2 = ((deg - expected) ** 2 / expected).sum()  # ~ chi2(ns-1): mean 299, sd 24
        assert 190 < chi2 < 420, (col, chi2)
    # the VP split follows the targets: about half on each thread
    per_thread = Counter(c[:, 2].tolist())
    assert abs(per_thread[0] - N / 2) < 5 * np.sqrt(N / 4)
    _build(nk, 2, conn, n=ns)
    assert _pairs(nk) == a
    _build(nk, 2, conn, n=ns, seeds={"rng_seeds": [3, 4]})
    assert _pairs(nk) != a


def test_fixed_total_number_uses_each_array_weight_once(nk):
    w = np.arange(1.0, 101.0)
    _build(nk, 2, {"rule": "fixed_total_number", "N": 100}, n=20, syn={"model": "static_synapse", "weight": w})
    st = nk.get_connection_status(nk.get_connections())
    assert sorted(d["weight"] for d in st) == list(w)


def test_fixed_total_number_errors(nk):
    g = nk.create("iaf_psc_alpha", 3)
    f = lambda spec: nk.connect(g, g, spec, {"model": "static_synapse"})
    assert _err(nk, f, {"rule": "fixed_total_number", "N": -1}) == (
        "BadProperty", "Total number of connections cannot be negative.")
    assert _err(nk, f, {"rule": "fixed_total_number", "N": 10})[0] == "BadProperty"
    assert _err(nk, f, {"rule": "fixed_total_number", "N": 2, "multapses": False})[0] == "NotImplemented"


SYM = {"rule": "symmetric_pairwise_bernoulli", "p": 0.1, "autapses": False, "make_symmetric": True}


@pytest.mark.parametrize("threads", [1, 2])
def test_symmetric_pairwise_bernoulli_is_symmetric(nk, threads):
    syn = {"model": "static_synapse", "weight": {"distribution": "uniform", "low": 1.0, "high": 2.0}}
    n = 200
    _build(nk, threads, SYM, n=n, syn=syn)
    c = nk.get_connections()
    st = nk.get_connection_status(c)
    pairs = Counter(zip(c[:, 0].tolist(), c[:, 1].tolist()))
    assert all(pairs[(t, s)] == m for (s, t), m in pairs.items())
    assert not np.any(c[:, 0] == c[:, 1])
    # one drawn pair gives both directions: 2 n E[k], E[k] ~ n p
    mean = 2 * n * n * 0.1
    assert abs(len(c) - mean) < 6 * np.sqrt(2 * mean)
    assert all(1.0 <= d["weight"] < 2.0 for d in st)
    assert np.array_equal(np.bincount(c[:, 0]), np.bincount(c[:, 1], minlength=len(np.bincount(c[:, 0]))))


def test_symmetric_pairwise_bernoulli_pairs_do_not_depend_on_threads(nk):
    _build(nk, 1, SYM, n=100)
    one = _pairs(nk)
    _build(nk, 2, SYM, n=100)
    assert _pairs(nk) == one
    _build(nk, 2, SYM, n=100, seeds={"grng_seed": 4})
    assert _pairs(nk) != one


def test_symmetric_pairwise_bernoulli_errors(nk):
    g = nk.create("iaf_psc_alpha", 3)
    f = lambda spec: nk.connect(g, g, spec, {"model": "static_synapse"})
    cases = [
        ({**SYM, "p": 1.0}, "Connection probability 0 <= p < 1 required."),
        ({**SYM, "p": -0.1}, "Connection probability 0 <= p < 1 required."),
        ({**SYM, "multapses": False}, "Multapses must be enabled."),
        ({**SYM, "autapses": True}, "Autapses must be disabled."),
        ({**SYM, "make_symmetric": False}, "Symmetric connections must be enabled."),
    ]
    for spec, message in cases:
        assert _err(nk, f, spec) == ("BadProperty", message)
    assert nk.get_kernel_status()["num_connections"] == 0


# ------------------------------------------------------------------ rngs / grng


def _poisson_spikes(nk, status=None, threads=1):
    nk.reset_kernel()
    nk.set_kernel_status({"local_num_threads": threads})
    if status:
        nk.set_kernel_status(status)
    pg = nk.create("poisson_generator", 1, {"rate": 2000.0})
    p = nk.create("parrot_neuron", 4)
    sd = nk.create("spike_detector")
    nk.connect(pg, p, {"rule": "all_to_all"}, {"model": "static_synapse"})
    nk.connect(p, sd, {"rule": "all_to_all"}, {"model": "static_synapse"})
    nk.simulate(30.0)
    ev = nk.get_status(sd)[0]["events"]
    return sorted(zip(ev["senders"].tolist(), ev["times"].tolist()))


def test_rngs_reseed_the_vp_streams(nk):
    base = _poisson_spikes(nk)
    a = _poisson_spikes(nk, {"rngs": [{"seed": 12345}]})
    assert a == _poisson_spikes(nk, {"rngs": [{"seed": 12345}]}) and a != base
    assert a != _poisson_spikes(nk, {"rngs": [{"seed": 12346}]})
    two = _poisson_spikes(nk, {"rngs": [{"seed": 1}, {"seed": 2}]}, threads=2)
    assert two == _poisson_spikes(nk, {"rngs": [{"seed": 1}, {"seed": 2}]}, threads=2)
    assert two != _poisson_spikes(nk, {"rngs": [{"seed": 1}, {"seed": 3}]}, threads=2)
    assert "rngs" not in nk.get_kernel_status() and "grng" not in nk.get_kernel_status()


def test_grng_reseeds_the_global_stream(nk):
    conn = {"rule": "fixed_outdegree", "outdegree": 4}
    _build(nk, 1, conn, seeds={"grng": {"seed": 77}})
    a = _pairs(nk)
    _build(nk, 1, conn, seeds={"grng": {"seed": 77}})
    assert _pairs(nk) == a
    _build(nk, 1, conn)
    assert _pairs(nk) != a


def test_rngs_errors(nk):
    nk.set_kernel_status({"local_num_threads": 2})
    f = nk.set_kernel_status
    assert _err(nk, f, {"rngs": [{"seed": 1}]}) == (
        "DimensionMismatch",
        "Number of RNGs must equal number of virtual processes (threads*processes). RNGs not changed.")
    assert _err(nk, f, {"rngs": [1, 2]})[0] == "TypeMismatch"
    assert _err(nk, f, {"rngs": 3})[0] == "TypeMismatch"
    assert _err(nk, f, {"grng": 3})[0] == "TypeMismatch"
    assert _err(nk, f, {"grng": {"nope": 3}})[0] == "TypeMismatch"


def test_rngs_from_pynest(nk):
    nest = pytest.importorskip("nest")
    nest.set_verbosity("M_ERROR")

    def spikes(code):
        nest.ResetKernel()
        nest.sr(code)
        pg = nest.Create("poisson_generator", params={"rate": 1000.0})
        p = nest.Create("parrot_neuron", 2)
        sd = nest.Create("spike_detector")
        nest.Connect(pg, p, "all_to_all")
        nest.Connect(p, sd, "all_to_all")
        nest.Simulate(50.0)
        return list(nest.GetStatus(sd, "events")[0]["times"])

    a = spikes("0 << /rngs [rngdict /MT19937 get 42 CreateRNG] >> SetStatus")
    assert len(a) > 20
    assert a == spikes("0 << /rngs [rngdict /MT19937 get 42 CreateRNG] >> SetStatus")
    assert a != spikes("0 << /rngs [rngdict /MT19937 get 43 CreateRNG] >> SetStatus")
    assert a != spikes("")
    nest.ResetKernel()
    with pytest.raises(nest.NESTErrors.DimensionMismatch):
        nest.SetKernelStatus({"rngs": [1, 2]})
    with pytest.raises(nest.NESTErrors.TypeMismatch):
        nest.SetKernelStatus({"rngs": [1]})
    with pytest.raises(nest.NESTErrors.TypeMismatch):
        nest.SetKernelStatus({"grng": 5})
    nest.ResetKernel()
