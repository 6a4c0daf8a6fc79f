"""Two connected neurons (seed tutorial, part 1).

neuron1 (I_e = 376 pA) fires periodically; each spike reaches neuron2 through a synapse of
weight 20 pA after 1 ms and evokes a postsynaptic potential, which a multimeter records.
Writes vm_psp_two_neurons.png.

    python examples/two_neurons.py [output directory]
"""
import os
import sys
from pathlib import Path

import matplotlib

if not os.environ.get("DISPLAY") and not os.environ.get("MPLBACKEND"):
    matplotlib.use("Agg")

outdir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "figures"
outdir.mkdir(parents=True, exist_ok=True)

import pylab  # noqa: E402
import nest  # noqa: E402

neuron1 = nest.Create("iaf_neuron")
nest.SetStatus(neuron1, {"I_e": 376.0})
neuron2 = nest.Create("iaf_neuron")
multimeter = nest.Create("multimeter")
nest.SetStatus(multimeter, {"withtime": True, "record_from": ["V_m"]})

weight = 20.0
delay = 1.0
nest.Connect(neuron1, neuron2, weight, delay)  # the tutorial's shortcut: one connection
nest.Connect(multimeter, neuron2)
nest.Simulate(1000.0)

dmm = nest.GetStatus(multimeter)[0]
Vms = dmm["events"]["V_m"]
ts = dmm["events"]["times"]
pylab.figure(1)
pylab.plot(ts, Vms)
pylab.xlabel("time (ms)")
pylab.ylabel("membrane potential of neuron2 (mV)")
pylab.title("Postsynaptic potentials in neuron2 evoked by the spikes of neuron1")
pylab.savefig(outdir / "vm_psp_two_neurons.png", dpi=80)
pylab.show()
