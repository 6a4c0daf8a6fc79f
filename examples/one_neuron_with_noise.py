"""One integrate-and-fire neuron driven by Poisson noise (seed tutorial, part 1).

Two poisson_generators (80 kHz excitatory with 1.2 pA, 15 kHz inhibitory with -2.0 pA) replace
the constant current: the membrane potential fluctuates and the neuron fires irregularly.
Writes vm_one_neuron_noise.png and spikes_one_neuron_noise.png.

    python examples/one_neuron_with_noise.py [output directory]
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

neuron = nest.Create("iaf_neuron")
nest.SetStatus(neuron, {"I_e": 0.0})
multimeter = nest.Create("multimeter")
nest.SetStatus(multimeter, {"withtime": True, "record_from": ["V_m"]})
spikedetector = nest.Create("spike_detector",
                            params={"withgid": True, "withtime": True})
noise = nest.Create("poisson_generator", 2)
nest.SetStatus(noise, [{"rate": 80000.0}, {"rate": 15000.0}])

syn_dict_ex = {"weight": 1.2}
syn_dict_in = {"weight": -2.0}
nest.Connect([noise[0]], neuron, syn_spec=syn_dict_ex)
nest.Connect([noise[1]], neuron, syn_spec=syn_dict_in)
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
pylab.title("A: iaf_neuron with Poisson noise as input")
pylab.savefig(outdir / "vm_one_neuron_noise.png", dpi=80)

dSD = nest.GetStatus(spikedetector, keys="events")[0]
evs = dSD["senders"]
ts = dSD["times"]
pylab.figure(2)
pylab.plot(ts, evs, ".")
pylab.xlabel("time (ms)")
pylab.ylabel("neuron id")
pylab.title(f"B: spikes of the neuron ({len(ts)} in 1 s)")
pylab.savefig(outdir / "spikes_one_neuron_noise.png", dpi=80)
pylab.show()
