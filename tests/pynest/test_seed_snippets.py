"""The seed document (PyNEST tutorial, part 1): every code snippet runs verbatim, in the order the
text builds its scripts, and the statements the text makes about the results hold.

The snippets are copies of the seed's code blocks in ``tests/data/seed_snippets/snippet_NN.py``
(NN = order in the seed). Three needed a minimal fix, noted at the top of each file: 03 uses
IPython's ``nest.Models?``; 19 and 22 lack a closing parenthesis.
"""
import ast
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # the scripts call pylab.show(); no display in tests

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nest  # noqa: E402

SNIPPET_DIR = Path(__file__).resolve().parents[1] / "data" / "seed_snippets"


def snippet_text(number: int) -> str:
    return (SNIPPET_DIR / f"snippet_{number:02d}.py").read_text()


class Session:
    """One Python namespace in which snippets run one after another, as at the prompt: the value
    of a trailing expression is returned (the console would print it)."""

    def __init__(self):
        self.ns = {"__name__": "__seed__"}

    def run(self, number: int):
        tree = ast.parse(snippet_text(number), filename=f"snippet_{number:02d}.py")
        last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        if last is not None:
            tree.body.pop()
        exec(compile(tree, f"snippet_{number:02d}.py", "exec"), self.ns)
        if last is not None:
            expr = ast.Expression(last.value)
            return eval(compile(expr, f"snippet_{number:02d}.py", "eval"), self.ns)
        return None

    def run_all(self, *numbers: int):
        return [self.run(n) for n in numbers]

    def __getitem__(self, name):
        return self.ns[name]


@pytest.fixture
def seed():
    """A fresh kernel and namespace per script (the seed's scripts each start with import nest)."""
    import matplotlib.pyplot as plt

    nest.ResetKernel()
    yield Session()
    plt.close("all")
    nest.ResetKernel()


def test_there_are_25_snippets_as_in_the_seed():
    assert sorted(p.name for p in SNIPPET_DIR.glob("snippet_*.py")) == [
        f"snippet_{n:02d}.py" for n in range(1, 26)]


def test_intro_snippets_import_nest_list_its_functions_and_show_help(seed, capsys):
    seed.run(1)
    names = seed.run(2)
    for fn in ("Create", "GetStatus", "SetStatus", "Connect", "Simulate", "Models", "help",
               "helpdesk", "ResetKernel"):
        assert fn in names
    seed.run(3)
    shown = capsys.readouterr().out
    assert "Models" in shown and "synapses" in shown  # the docstring of nest.Models


def test_one_neuron_with_constant_current_script(seed):
    seed.run(4)
    assert seed["neuron"] == (1,)
    status = seed.run(5)
    assert isinstance(status, tuple) and len(status) == 1 and isinstance(status[0], dict)
    for key in ("I_e", "V_m", "V_th", "V_reset", "C_m", "tau_m", "t_ref", "model", "global_id"):
        assert key in status[0]
    assert status[0]["model"] == "iaf_neuron"
    seed.run_all(6, 7, 9, 10, 11, 12, 13, 14, 15)

    # 1000 ms with the multimeter's default interval of 1 ms: the last min_delay slice is not
    # delivered yet, so 999 samples at 1, 2, ..., 999 ms
    np.testing.assert_array_equal(seed.ns["dmm"]["events"]["times"], np.arange(1.0, 1000.0))
    vms = seed["Vms"]
    assert vms.shape == (999,) and vms.max() < -55.0 and vms.min() >= -70.0

    # "a value causing the neuron to spike periodically"
    spikes = seed["dSD"]["times"]
    assert len(spikes) >= 10
    assert np.all(seed["evs"] == 1)
    isi = np.diff(spikes)
    assert np.ptp(isi) < 1e-9 and isi[0] > 2.0  # equal intervals, longer than t_ref

    # the two figures hold exactly the recorded data
    import matplotlib.pyplot as plt

    assert plt.get_fignums() == [1, 2]
    (vm_line,) = plt.figure(1).axes[0].lines
    np.testing.assert_array_equal(vm_line.get_ydata(), vms)
    (spike_line,) = plt.figure(2).axes[0].lines
    np.testing.assert_array_equal(spike_line.get_xdata(), spikes)


def test_getstatus_with_keys_returns_one_value_or_tuple_per_node(seed):
    seed.run(4)
    # snippet 6 has two expressions; the value of the last one (the key list) is returned
    assert seed.run(6) == ((-70.0, -55.0),)
    assert nest.GetStatus(seed["neuron"], "I_e") == (0.0,)  # "a tuple with one element"
    # for a list of nodes: outer tuple per node, inner tuple per key
    more = nest.Create("iaf_neuron", 3)
    assert nest.GetStatus(more, "I_e") == (0.0, 0.0, 0.0)
    assert nest.GetStatus(more, ["V_reset", "V_th"]) == ((-70.0, -55.0),) * 3
    assert [d["global_id"] for d in nest.GetStatus(more)] == [2, 3, 4]


def test_setting_a_double_with_an_integer_is_an_error(seed):
    seed.run_all(4, 7)
    with pytest.raises(nest.NESTErrors.TypeMismatch) as err:
        seed.run(8)
    assert "SetStatus" in str(err.value) and "376.0" in str(err.value)
    assert nest.GetStatus(seed["neuron"], "I_e") == (376.0,)  # unchanged by the failed call


def test_multimeter_and_spike_detector_settings(seed):
    seed.run_all(4, 9, 10)
    mm = nest.GetStatus(seed["multimeter"])[0]
    assert mm["withtime"] is True and mm["record_from"] == ("V_m",)
    sd = nest.GetStatus(seed["spikedetector"], ["withgid", "withtime", "model"])[0]
    assert sd == (True, True, "spike_detector")
    assert "V_m" in nest.GetStatus(seed["neuron"], "recordables")[0]


def test_one_neuron_with_poisson_noise_script(seed):
    # the one-neuron script with the noise lines inserted after its line 9 and I_e set to 0
    seed.run_all(4, 7, 17, 9, 10, 16, 18, 11, 12, 13, 14, 15)
    assert nest.GetStatus(seed["noise"], "rate") == (80000.0, 15000.0)
    conns = nest.GetConnections(target=seed["neuron"], synapse_model="static_synapse")
    by_source = {s: w for s, w in nest.GetStatus(conns, ["source", "weight"])}
    noise = seed["noise"]
    assert by_source[noise[0]] == 1.2 and by_source[noise[1]] == -2.0
    vms = seed["Vms"]
    # net drive 80000*1.2 - 15000*2.0 pA/s: a fluctuating membrane potential, no constant current
    assert nest.GetStatus(seed["neuron"], "I_e") == (0.0,)
    assert vms.std() > 1.0 and vms.max() > -60.0
    isi = np.diff(seed["dSD"]["times"])
    assert len(isi) == 0 or np.ptp(isi) > 1.0  # irregular, unlike the constant-current neuron


def test_two_connected_neurons_script(seed):
    seed.run_all(19, 20)
    conns = nest.GetConnections(seed["neuron1"], seed["neuron2"])
    assert nest.GetStatus(conns, ["weight", "delay"]) == ((20.0, 1.0),)  # the default delay of 1 ms
    seed.run(21)  # the weight/delay shortcut adds one more connection
    conns = nest.GetConnections(seed["neuron1"], seed["neuron2"])
    assert nest.GetStatus(conns, ["weight", "delay"]) == ((20.0, 1.0), (20.0, 1.0))
    seed.run_all(12, 13)
    vms, ts = seed["Vms"], seed["ts"]
    # neuron1 fires periodically from 59.3 ms on (the constant-current neuron above); each spike
    # reaches neuron2 1 ms later and evokes one postsynaptic potential ("as in Fig. 4")
    first_rise = ts[np.argmax(vms > -70.0)]
    assert 60.3 < first_rise <= 61.3
    peaks = np.flatnonzero((vms[1:-1] > vms[:-2]) & (vms[1:-1] >= vms[2:]))
    assert len(peaks) == 16
    assert vms.max() > -69.6  # two 20 pA synapses: PSPs of about half a millivolt


def test_connected_populations_script(seed):
    seed.run(22)
    pop1, pop2 = seed["pop1"], seed["pop2"]
    assert pop1 == tuple(range(1, 11)) and pop2 == tuple(range(11, 21))
    seed.run(23)
    conns = nest.GetConnections(pop1, pop2)
    # the default rule one_to_one: ten connections, i-th to i-th
    assert len(conns) == 10
    assert sorted(nest.GetStatus(conns, ["source", "target"])) == [(i, i + 10) for i in range(1, 11)]
    seed.run(24)
    assert len(nest.GetConnections(pop1, pop2)) == 10 + 10 ** 2
    seed.run(25)
    mm = seed["multimeter"]
    assert sorted(nest.GetStatus(nest.GetConnections(mm), ["source", "target"])) == \
        [(m, t) for m, t in zip(mm, pop2)]
    nest.Simulate(100.0)
    for m, target in zip(mm, pop2):
        events = nest.GetStatus([m], "events")[0]
        assert len(events["V_m"]) == 99 and set(events["senders"]) == {target}


def test_command_overview_signatures_accept_the_documented_keywords(seed, monkeypatch):
    """The seed's command overview: each function called with the keyword names it lists."""
    import webbrowser

    assert nest.Models(mtype="nodes", sel="iaf_neuron") == ("iaf_neuron",)
    assert "static_synapse" in nest.Models(mtype="synapses")
    assert set(nest.Models(mtype="all")) == set(nest.Models("nodes") + nest.Models("synapses"))
    opened = []
    monkeypatch.setattr(webbrowser, "get", lambda name=None: type(
        "Browser", (), {"open": lambda self, url: opened.append((name, url))})())
    nest.helpdesk(browser="firefox")
    assert opened and opened[0][0] == "firefox"
    assert nest.help(obj="iaf_neuron", return_text=True).startswith("Name: iaf_neuron")

    nodes = nest.Create(model="iaf_neuron", n=2, params={"I_e": 376.0})
    assert nest.GetStatus(nodes=nodes, keys="I_e") == (376.0, 376.0)
    nest.SetStatus(nodes=nodes, params="I_e", val=[1.0, 2.0])
    assert nest.GetStatus(nodes, ["I_e"]) == ((1.0,), (2.0,))
    nest.SetStatus(nodes, params=[{"V_m": -60.0}, {"V_m": -61.0}])
    assert nest.GetStatus(nodes, "V_m") == (-60.0, -61.0)

    # conn_spec as a name or a dict with the rule's parameters; autapses and multapses switches;
    # syn_spec as a model name or a dict with scalars, receptor_type (an integer), distributions
    nest.Connect(pre=nodes, post=nodes, conn_spec={"rule": "all_to_all", "autapses": False},
                 syn_spec={"model": "static_synapse", "receptor_type": 0,
                           "weight": {"distribution": "normal", "mu": 5.0, "sigma": 0.5},
                           "delay": 2.0})
    conns = nest.GetConnections(nodes)
    assert sorted(nest.GetStatus(conns, ["source", "target"])) == [(1, 2), (2, 1)]
    weights = nest.GetStatus(conns, "weight")
    assert all(2.0 < w < 8.0 for w in weights) and weights[0] != weights[1]
    assert nest.GetStatus(conns, "delay") == (2.0, 2.0)
    nest.Connect(nodes, nodes, conn_spec={"rule": "fixed_indegree", "indegree": 3,
                                          "multapses": True}, syn_spec="static_synapse")
    assert len(nest.GetConnections(nodes)) == 2 + 6
    with pytest.raises(nest.NESTError):  # without multapses, 3 distinct sources out of 2 cannot be drawn
        nest.Connect(nodes, nodes, {"rule": "fixed_indegree", "indegree": 3, "multapses": False})
    nest.Simulate(t=10.0)
    assert nest.GetKernelStatus("time") == 10.0
