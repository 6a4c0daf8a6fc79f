"""The example scripts run and write the figures they announce; their numbers are those the
tutorial describes."""
import runpy
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nest  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def run_example(tmp_path, monkeypatch):
    verbosity = nest.get_verbosity()

    def run(name, *args):
        nest.ResetKernel()
        monkeypatch.setattr(sys, "argv", [name, *args, str(tmp_path)])
        ns = runpy.run_path(str(EXAMPLES / name), run_name="__main__")
        return ns, tmp_path

    yield run
    plt.close("all")
    nest.set_verbosity(verbosity)  # brunel.py quiets the interpreter
    nest.ResetKernel()


def pngs(directory):
    return sorted(p.name for p in directory.glob("*.png") if p.stat().st_size > 1000)


def test_one_neuron(run_example):
    ns, out = run_example("one_neuron.py")
    assert pngs(out) == ["spikes_one_neuron.png", "vm_one_neuron.png"]
    isi = np.diff(ns["ts"])
    assert len(ns["ts"]) == 16 and np.ptp(isi) < 1e-9


def test_one_neuron_with_noise(run_example):
    ns, out = run_example("one_neuron_with_noise.py")
    assert pngs(out) == ["spikes_one_neuron_noise.png", "vm_one_neuron_noise.png"]
    assert ns["Vms"].std() > 1.0 and len(ns["ts"]) > 0


def test_two_neurons(run_example):
    ns, out = run_example("two_neurons.py")
    assert pngs(out) == ["vm_psp_two_neurons.png"]
    assert -70.0 < ns["Vms"].max() < -69.0


def test_two_populations(run_example, capsys):
    ns, out = run_example("two_populations.py")
    assert pngs(out) == ["vm_two_populations.png"]
    assert "connections pop1 -> pop2: 110" in capsys.readouterr().out


def test_brunel_builds_the_network_of_the_sli_example(run_example, capsys):
    ns, out = run_example("brunel.py", "30")
    text = capsys.readouterr().out
    assert "12500 neurons, 15637550 synapses" in text  # the count brunel.sli prints
    assert ns["J_ex"] == pytest.approx(20.68015524367846, rel=1e-12)
    assert ns["p_rate"] == pytest.approx(20000.0)
    assert pngs(out) == ["brunel_raster.png"]
