"""Connection rules, syn_spec forms, delays, receptors, GetConnections and Disconnect (spec §8)."""
import numpy as np
import pytest


def count_pairs(nk, conns):
    st = nk.get_connection_status(conns)
    return [(c["source"], c["target"]) for c in st]


def test_one_to_one_and_size_mismatch(nk):
    a = nk.create("iaf_psc_alpha", 3)
    b = nk.create("iaf_psc_alpha", 3)
    nk.connect(a, b, {"rule": "one_to_one"}, {"weight": 2.0})
    assert sorted(count_pairs(nk, nk.get_connections())) == [(1, 4), (2, 5), (3, 6)]
    with pytest.raises(nk.KernelError) as e:
        nk.connect(a, b[:2], {"rule": "one_to_one"}, {})
    assert e.value.errorname == "DimensionMismatch"
    assert e.value.message == "Source and Target population must be of the same size."


def test_all_to_all_with_and_without_autapses(nk):
    a = nk.create("iaf_psc_alpha", 3)
    nk.connect(a, a, {"rule": "all_to_all"}, {})
    assert len(nk.get_connections()) == 9
    nk.reset_kernel()
    a = nk.create("iaf_psc_alpha", 3)
    nk.connect(a, a, {"rule": "all_to_all", "autapses": False}, {})
    pairs = count_pairs(nk, nk.get_connections())
    assert len(pairs) == 6 and all(s != t for s, t in pairs)


def test_fixed_indegree_counts_and_constraints(nk):
    src = nk.create("iaf_psc_alpha", 20)
    tgt = nk.create("iaf_psc_alpha", 5)
    nk.connect(src, tgt, {"rule": "fixed_indegree", "indegree": 7, "multapses": False}, {})
    pairs = count_pairs(nk, nk.get_connections())
    assert len(pairs) == 35
    for t in tgt:
        srcs = [s for s, tt in pairs if tt == t]
        assert len(srcs) == 7 and len(set(srcs)) == 7
    with pytest.raises(nk.KernelError) as e:
        nk.connect(src, tgt, {"rule": "fixed_indegree", "indegree": 30, "multapses": False}, {})
    assert e.value.message == "Indegree cannot be larger than population size."
    with pytest.raises(nk.KernelError) as e:
        nk.connect(src, tgt, {"rule": "fixed_indegree"}, {})
    assert e.value.errorname == "DictError"


def test_fixed_indegree_without_autapses(nk):
    a = nk.create("iaf_psc_alpha", 5)
    nk.connect(a, a, {"rule": "fixed_indegree", "indegree": 4, "autapses": False}, {})
    assert all(s != t for s, t in count_pairs(nk, nk.get_connections()))


def test_fixed_outdegree(nk):
    src = nk.create("iaf_psc_alpha", 4)
    tgt = nk.create("iaf_psc_alpha", 10)
    nk.connect(src, tgt, {"rule": "fixed_outdegree", "outdegree": 3, "multapses": False}, {})
    pairs = count_pairs(nk, nk.get_connections())
    for s in src:
        ts = [t for ss, t in pairs if ss == s]
        assert len(ts) == 3 and len(set(ts)) == 3


def test_fixed_total_number(nk):
    src = nk.create("iaf_psc_alpha", 10)
    tgt = nk.create("iaf_psc_alpha", 10)
    nk.connect(src, tgt, {"rule": "fixed_total_number", "N": 37}, {})
    assert nk.get_kernel_status()["num_connections"] == 37
    with pytest.raises(nk.KernelError) as e:
        nk.connect(src, tgt, {"rule": "fixed_total_number", "N": 5, "multapses": False}, {})
    assert e.value.errorname == "NotImplemented"


def test_pairwise_bernoulli_probability(nk):
    src = nk.create("iaf_psc_alpha", 100)
    tgt = nk.create("iaf_psc_alpha", 100)
    nk.connect(src, tgt, {"rule": "pairwise_bernoulli", "p": 0.2}, {})
    n = nk.get_kernel_status()["num_connections"]
    assert abs(n - 2000) < 5 * np.sqrt(2000 * 0.8)
    with pytest.raises(nk.KernelError) as e:
        nk.connect(src, tgt, {"rule": "pairwise_bernoulli", "p": 1.5}, {})
    assert e.value.message == "Connection probability 0 <= p <= 1 required."


def test_symmetric_pairwise_bernoulli_makes_pairs(nk):
    a = nk.create("iaf_psc_alpha", 30)
    nk.connect(a, a, {"rule": "symmetric_pairwise_bernoulli", "p": 0.3, "autapses": False, "multapses": True,
                      "make_symmetric": True}, {})
    pairs = count_pairs(nk, nk.get_connections())
    assert len(pairs) > 0 and sorted(pairs) == sorted((t, s) for s, t in pairs)


def test_unknown_rule_and_unused_keys(nk):
    a = nk.create("iaf_psc_alpha", 2)
    with pytest.raises(nk.KernelError) as e:
        nk.connect(a, a, {"rule": "foo"}, {})
    assert e.value.errorname == "BadProperty" and e.value.message == "Unknown connectivity rule: foo"
    with pytest.raises(nk.KernelError) as e:
        nk.connect(a, a, {"rule": "one_to_one"}, {"weight": 1.0, "bogus": 2.0})
    assert e.value.errorname == "DictError" and "bogus" in e.value.message
    with pytest.raises(nk.KernelError) as e:
        nk.connect(a, a, {"rule": "one_to_one"}, {"model": "no_such_synapse"})
    assert e.value.errorname == "UnknownSynapseType"
    assert e.value.message == "Synapse with name no_such_synapse does not exist."


def test_delay_validation_and_rounding(nk):
    a = nk.create("iaf_psc_alpha", 2)
    for bad in (-1.0, 0.0, 0.04):
        with pytest.raises(nk.KernelError) as e:
            nk.connect(a[:1], a[1:], {"rule": "one_to_one"}, {"delay": bad})
        assert e.value.errorname == "BadDelay"
    with pytest.raises(nk.KernelError) as e:
        nk.connect(a[:1], a[1:], {"rule": "one_to_one"}, {"delay": 0.0})
    assert e.value.message == "Delay value 0 is invalid: Delay must be greater than or equal to resolution"
    nk.connect(a[:1], a[1:], {"rule": "one_to_one"}, {"delay": 1.26})
    assert nk.get_connection_status(nk.get_connections())[0]["delay"] == pytest.approx(1.3)


def test_delays_outside_the_simulated_range_are_refused_after_simulate(nk):
    a = nk.create("iaf_psc_alpha", 2)
    nk.connect(a[:1], a[1:], {"rule": "one_to_one"}, {"delay": 1.0})
    nk.simulate(1.0)
    with pytest.raises(nk.KernelError) as e:
        nk.connect(a[:1], a[1:], {"rule": "one_to_one"}, {"delay": 3.0})
    assert e.value.errorname == "BadDelay"


def test_receptor_types(nk):
    a = nk.create("iaf_psc_alpha", 2)
    with pytest.raises(nk.KernelError) as e:
        nk.connect(a[:1], a[1:], {"rule": "one_to_one"}, {"receptor_type": 1})
    assert e.value.errorname == "UnknownReceptorType"
    assert e.value.message == "Receptor type 1 is not available in iaf_psc_alpha."
    p = nk.create("parrot_neuron")
    nk.connect(a[:1], p, {"rule": "one_to_one"}, {"receptor_type": 1})
    assert nk.get_connection_status(nk.get_connections(target=p))[0]["receptor"] == 1
    e_ = nk.create("iaf_psc_exp")
    dc = nk.create("dc_generator")
    nk.connect(dc, e_, {"rule": "one_to_one"}, {"receptor_type": 1})


def test_array_parameters(nk):
    a = nk.create("iaf_psc_alpha", 3)
    b = nk.create("iaf_psc_alpha", 3)
    w = np.array([1.0, 2.0, 3.0])
    d = np.array([1.0, 1.5, 2.0])
    nk.connect(a, b, {"rule": "one_to_one"}, {"weight": w, "delay": d})
    st = sorted(nk.get_connection_status(nk.get_connections()), key=lambda c: c["source"])
    assert [c["weight"] for c in st] == [1.0, 2.0, 3.0]
    assert [c["delay"] for c in st] == pytest.approx([1.0, 1.5, 2.0])
    with pytest.raises(nk.KernelError) as e:
        nk.connect(a, b, {"rule": "one_to_one"}, {"weight": np.array([1.0, 2.0])})
    assert e.value.errorname == "DimensionMismatch"
    nk.connect(a[:2], b[:2], {"rule": "all_to_all"}, {"weight": np.array([[1.0, 2.0], [3.0, 4.0]])})
    st = nk.get_connection_status(nk.get_connections(source=a[:2], target=b[:2]))
    triples = {(c["source"], c["target"], c["weight"]) for c in st}
    # a 2-D array for all_to_all is indexed [target][source]
    assert {(1, 4, 1.0), (2, 4, 2.0), (1, 5, 3.0), (2, 5, 4.0)} <= triples


def test_random_distributions(nk):
    a = nk.create("iaf_psc_alpha", 50)
    nk.connect(a, a, {"rule": "all_to_all"},
               {"weight": {"distribution": "uniform", "low": 2.0, "high": 3.0},
                "delay": {"distribution": "normal_clipped", "mu": 1.5, "sigma": 0.5, "low": 0.5, "high": 2.5}})
    st = nk.get_connection_status(nk.get_connections())
    w = np.array([c["weight"] for c in st])
    d = np.array([c["delay"] for c in st])
    assert w.min() >= 2.0 and w.max() < 3.0 and abs(w.mean() - 2.5) < 0.05
    assert d.min() >= 0.5 and d.max() <= 2.5
    with pytest.raises(nk.KernelError) as e:
        nk.connect(a, a, {"rule": "one_to_one"}, {"weight": {"distribution": "nonsense"}})
    assert e.value.message == "Unknown random deviate: nonsense"
    with pytest.raises(nk.KernelError) as e:
        nk.connect(a, a, {"rule": "one_to_one"}, {"weight": {"distribution": "uniform", "a": 1.0}})
    assert e.value.errorname == "DictError" and "weight::a" in e.value.message


def test_get_connections_filters_and_handles(nk):
    a = nk.create("iaf_psc_alpha", 3)
    nk.connect(a, a, {"rule": "all_to_all"}, {})
    c = nk.get_connections(source=[1])
    assert c.shape == (3, 5) and set(c[:, 0]) == {1}
    c = nk.get_connections(target=[2, 3], synapse_model="static_synapse")
    assert len(c) == 6 and set(c[:, 1]) == {2, 3}
    assert len(nk.get_connections(synapse_model="static_synapse_hom_w")) == 0


def test_connection_set_status(nk):
    a = nk.create("iaf_psc_alpha", 2)
    nk.connect(a[:1], a[1:], {"rule": "one_to_one"}, {"weight": 5.0, "delay": 1.0})
    c = nk.get_connections()
    nk.set_connection_status(c, {"weight": -3.0})
    assert nk.get_connection_status(c)[0]["weight"] == -3.0
    nk.set_connection_status(c, {"delay": 2.0})
    c = nk.get_connections()
    assert nk.get_connection_status(c)[0]["delay"] == 2.0
    with pytest.raises(nk.KernelError) as e:
        nk.set_connection_status(c, {"tau_plus": 3.0})
    assert e.value.errorname == "DictError"


def test_static_synapse_hom_w(nk):
    nk.set_defaults("static_synapse_hom_w", {"weight": 7.0})
    a = nk.create("iaf_psc_alpha", 2)
    nk.connect(a, a, {"rule": "all_to_all"}, {"model": "static_synapse_hom_w"})
    assert {c["weight"] for c in nk.get_connection_status(nk.get_connections())} == {7.0}
    with pytest.raises(nk.KernelError):
        nk.connect(a, a, {"rule": "all_to_all"}, {"model": "static_synapse_hom_w", "weight": 2.0})
    with pytest.raises(nk.KernelError):
        nk.set_connection_status(nk.get_connections(), {"weight": 1.0})


def test_disconnect(nk):
    a = nk.create("iaf_psc_alpha", 3)
    nk.connect(a, a, {"rule": "all_to_all"}, {})
    nk.disconnect(a[:2], a[1:], {"rule": "one_to_one"}, {"model": "static_synapse"})
    pairs = count_pairs(nk, nk.get_connections())
    assert len(pairs) == 7 and (1, 2) not in pairs and (2, 3) not in pairs
    nk.disconnect(a[:1], a[:1], {"rule": "all_to_all"}, {"model": "static_synapse"})
    assert (1, 1) not in count_pairs(nk, nk.get_connections())


def test_wrong_direction_for_devices(nk):
    n = nk.create("iaf_psc_alpha")
    sd = nk.create("spike_detector")
    mm = nk.create("multimeter", 1, {"record_from": ["V_m"]})
    with pytest.raises(nk.KernelError) as e:
        nk.connect(sd, n, {"rule": "one_to_one"}, {})
    assert e.value.errorname == "UnexpectedEvent"
    with pytest.raises(nk.KernelError) as e:
        nk.connect(n, mm, {"rule": "one_to_one"}, {})
    assert e.value.errorname == "IllegalConnection"
    p = nk.create("parrot_neuron")
    vm = nk.create("voltmeter")
    with pytest.raises(nk.KernelError) as e:
        nk.connect(vm, p, {"rule": "one_to_one"}, {})
    assert e.value.errorname == "IllegalConnection"


def test_unknown_nodes_in_connect(nk):
    a = nk.create("iaf_psc_alpha")
    with pytest.raises(nk.KernelError) as e:
        nk.connect(a, [99], {"rule": "one_to_one"}, {})
    assert e.value.errorname == "UnknownNode"


def test_connections_added_after_finalizing_are_merged(nk):
    a = nk.create("iaf_psc_alpha", 3)
    nk.connect(a[:1], a[1:2], {"rule": "one_to_one"}, {"delay": 1.0, "weight": 1.0})
    assert len(nk.get_connections()) == 1  # compresses the rows
    nk.connect(a[:1], a[2:], {"rule": "one_to_one"}, {"delay": 2.0, "weight": 2.0})
    nk.connect(a[1:2], a[2:], {"rule": "one_to_one"}, {"delay": 0.5, "weight": 3.0})
    st = sorted((c["source"], c["target"], c["weight"], c["delay"])
                for c in nk.get_connection_status(nk.get_connections()))
    assert st == [(1, 2, 1.0, 1.0), (1, 3, 2.0, 2.0), (2, 3, 3.0, 0.5)]


def test_device_connections_share_one_synapse_type(nk):
    sg = nk.create("spike_generator")
    n = nk.create("iaf_psc_alpha", 2)
    nk.connect(sg, n[:1], {"rule": "one_to_one"}, {"model": "static_synapse"})
    with pytest.raises(nk.KernelError) as e:
        nk.connect(sg, n[1:], {"rule": "one_to_one"}, {"model": "static_synapse_hom_w"})
    assert e.value.errorname == "IllegalConnection"
    assert e.value.message.endswith("All outgoing connections from a device must use the same synapse type.")


def test_ports_number_connections_of_a_thread_and_type_consecutively(nk):
    n = nk.create("iaf_psc_alpha", 3)
    sd = nk.create("spike_detector")
    vm = nk.create("voltmeter")
    nk.connect(n, n, {"rule": "all_to_all"}, {})
    nk.connect(n, sd, {"rule": "all_to_all"}, {})
    nk.connect(vm, n, {"rule": "all_to_all"}, {})
    c = nk.get_connections()
    assert list(c[:, 4]) == list(range(15))
    st = nk.get_connection_status(c)
    assert sum(s["target"] == sd[0] for s in st) == 3 and sum(s["source"] == vm[0] for s in st) == 3
    with pytest.raises(nk.KernelError):
        nk.get_connection_status(np.array([[1, 1, 0, 0, 15]]))


def test_synapses_with_few_distinct_weights_are_packed_into_four_bytes(nk):
    a = nk.create("iaf_psc_alpha", 20)
    nk.connect(a[:10], a[10:], {"rule": "all_to_all"}, {"weight": np.where(np.arange(100) % 2, 2.0, -3.0).reshape(10, 10)})
    c = nk.get_connections()
    st = nk.get_connection_status(c)
    assert {s["sizeof"] for s in st} == {4} and sorted({s["weight"] for s in st}) == [-3.0, 2.0]
    # new weights extend the table; beyond 255 distinct weights the store falls back to 12 bytes
    nk.set_connection_status(c, [{"weight": float(i) + 0.5} for i in range(len(c))])
    assert [s["weight"] for s in nk.get_connection_status(c)] == [float(i) + 0.5 for i in range(len(c))]
    nk.reset_kernel()
    a = nk.create("iaf_psc_alpha", 40)
    w = np.arange(400, dtype=float).reshape(20, 20) + 0.25
    nk.connect(a[:20], a[20:], {"rule": "all_to_all"}, {"weight": w})
    st = nk.get_connection_status(nk.get_connections())
    assert {s["sizeof"] for s in st} == {12}
    assert sorted(s["weight"] for s in st) == sorted(w.ravel().tolist())
    nk.set_connection_status(nk.get_connections()[:1], {"weight": -1.0})
    nk.simulate(5.0)


def test_packed_store_survives_growth_beyond_its_table(nk):
    a = nk.create("iaf_psc_alpha", 30)
    nk.connect(a[:15], a[15:], {"rule": "all_to_all"}, {"weight": 1.0})
    c = nk.get_connections()
    nk.set_connection_status(c, [{"weight": 10.0 + i} for i in range(len(c))])  # 225 distinct: packed
    nk.connect(a[15:], a[:15], {"rule": "all_to_all"}, {"weight": np.arange(225.0).reshape(15, 15) + 1000.0})
    st = nk.get_connection_status(nk.get_connections())  # merged store: 450 distinct, unpacked
    assert sorted(s["weight"] for s in st) == sorted([10.0 + i for i in range(225)] + [1000.0 + i for i in range(225)])
    assert {s["sizeof"] for s in st} == {12}
