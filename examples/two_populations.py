"""Two connected populations of ten neurons each (seed tutorial, part 1).

pop1 (I_e = 376 pA) drives pop2 one to one (the default rule: 10 connections) and all to all
(100 more), each synapse 20 pA; ten multimeters record pop2 one to one. pop1 fires in
synchrony, so every volley reaches each pop2 neuron through 11 synapses at once: identical PSPs
of about 3 mV in all of pop2, below threshold. Writes vm_two_populations.png (V_m of three pop2
neurons, lying on top of each other).

    python examples/two_populations.py [output directory]
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

pop1 = nest.Create("iaf_neuron", 10)
nest.SetStatus(pop1, {"I_e": 376.0})
pop2 = nest.Create("iaf_neuron", 10)
multimeter = nest.Create("multimeter", 10)
nest.SetStatus(multimeter, {"withtime": True, "record_from": ["V_m"]})

nest.Connect(pop1, pop2, syn_spec={"weight": 20.0})
nest.Connect(pop1, pop2, "all_to_all", {"weight": 20.0})
nest.Connect(multimeter, pop2)
print("connections pop1 -> pop2:", len(nest.GetConnections(pop1, pop2)))
nest.Simulate(300.0)

pylab.figure(1)
for mm in multimeter[:3]:
    events = nest.GetStatus([mm], "events")[0]
    pylab.plot(events["times"], events["V_m"], label=f"neuron {events['senders'][0]}")
pylab.xlabel("time (ms)")
pylab.ylabel("membrane potential (mV)")
pylab.title("pop2 driven by pop1 (one_to_one + all_to_all, 20 pA each)")
pylab.legend(loc="lower right")
pylab.savefig(outdir / "vm_two_populations.png", dpi=80)
pylab.show()
