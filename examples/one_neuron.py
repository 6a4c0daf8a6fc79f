"""One integrate-and-fire neuron driven by a constant current (seed tutorial, part 1).

The neuron (iaf_neuron, I_e = 376 pA, just above the rheobase of 375 pA) fires periodically; a
multimeter records its membrane potential and a spike detector its spikes. Writes
vm_one_neuron.png and spikes_one_neuron.png (docs/figures, or the directory given as argument).

    python examples/one_neuron.py [output directory]
"""
import os
import sys
from pathlib import Path

import matplotlib

if not os.environ.get("DISPLAY") and not os.environ.get("MPLBACKEND"):
    matplotlib.use("Agg")  # no display: write the figures only

outdir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "figures"
outdir.mkdir(parents=True, exist_ok=True)

# -- the tutorial's script ----------------------------------------------------------------------
import pylab  # noqa: E402
import nest  # noqa: E402

neuron = nest.Create("iaf_neuron")
nest.SetStatus(neuron, {"I_e": 376.0})
multimeter = nest.Create("multimeter")
nest.SetStatus(multimeter, {"withtime": True, "record_from": ["V_m"]})
spikedetector = nest.Create("spike_detector",
                            params={"withgid": True, "withtime": True})
nest.Connect(multimeter, neuron)
nest.Connect(neuron, spikedetector)
nest.Simulate(1000.0)

dmm = nest.GetStatus(multimeter)[0]
Vms = dmm["events"]["V_m"]
ts = dmm["events"]["times"]
pylab.figure(1)
pylab.plot(ts, Vms)
pylab.xlabel("time (ms)")
pylab.ylabel("membrane potential (mV)")
pylab.title("A: iaf_neuron with constant input current (I_e = 376 pA)")
pylab.savefig(outdir / "vm_one_neuron.png", dpi=80)

dSD = nest.GetStatus(spikedetector, keys="events")[0]
evs = dSD["senders"]
ts = dSD["times"]
pylab.figure(2)
pylab.plot(ts, evs, ".")
pylab.xlabel("time (ms)")
pylab.ylabel("neuron id")
pylab.title(f"B: spikes of the neuron ({len(ts)} in 1 s)")
pylab.savefig(outdir / "spikes_one_neuron.png", dpi=80)
pylab.show()
