"""The balanced random network of Brunel (2000), model A, with PyNEST.

The same network as examples/brunel.sli: 10,000 excitatory and 2,500 inhibitory
integrate-and-fire neurons with alpha-shaped postsynaptic currents, fixed in-degrees
(CE = 1000, CI = 250), relative inhibition g = 5, external Poisson drive at eta = 2 times the
threshold rate, delay 1.5 ms, PSP amplitude J = 0.1 mV. Prints build and simulation times and
the mean firing rate of 50 recorded neurons, and writes brunel_raster.png (raster plot and rate
histogram of those neurons).

    python examples/brunel.py [simulation time in ms] [output directory]

Reference: N. Brunel, "Dynamics of sparsely connected networks of excitatory and inhibitory
spiking neurons", Journal of Computational Neuroscience 8 (2000) 183-208.
"""
import math
import os
import sys
import time
from pathlib import Path

import matplotlib

if not os.environ.get("DISPLAY") and not os.environ.get("MPLBACKEND"):
    matplotlib.use("Agg")

simtime = float(sys.argv[1]) if len(sys.argv) > 1 else 1000.0
outdir = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parent.parent / "docs" / "figures"

import nest  # noqa: E402
import nest.raster_plot  # noqa: E402

nest.set_verbosity("M_WARNING")

order = 2500
NE = 4 * order          # number of excitatory neurons
NI = order              # number of inhibitory neurons
CE = 1000               # excitatory in-degree
CI = 250                # inhibitory in-degree
g = 5.0                 # relative strength of inhibition
eta = 2.0               # external rate relative to the threshold rate
delay = 1.5             # synaptic delay (ms)
J = 0.1                 # PSP amplitude (mV)
N_rec = 50              # neurons whose spikes are recorded

neuron_params = {"C_m": 250.0, "tau_m": 20.0, "tau_syn_ex": 0.5, "tau_syn_in": 0.5, "t_ref": 2.0,
                 "E_L": 0.0, "V_reset": 0.0, "V_m": 0.0, "V_th": 20.0}


def psp_peak_of_unit_current(tau_m: float, tau_s: float, C_m: float) -> float:
    """Peak (mV) of the PSP that an alpha-shaped current of amplitude 1 pA evokes."""
    b = 1.0 / tau_s - 1.0 / tau_m

    def psp(t: float) -> float:
        return math.e / (tau_s * C_m * b) * (
            (math.exp(-t / tau_m) - math.exp(-t / tau_s)) / b - t * math.exp(-t / tau_s))

    def slope(t: float) -> float:
        return ((math.exp(-t / tau_s) / tau_s - math.exp(-t / tau_m) / tau_m) / b
                - math.exp(-t / tau_s) + t * math.exp(-t / tau_s) / tau_s)

    # the PSP rises, then decays: bisect for the zero of its slope
    lo, hi = 1e-9, 10.0 * tau_m
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if slope(mid) > 0.0 else (lo, mid)
    return psp(0.5 * (lo + hi))


J_ex = J / psp_peak_of_unit_current(neuron_params["tau_m"], neuron_params["tau_syn_ex"],
                                    neuron_params["C_m"])
J_in = -g * J_ex
nu_th = neuron_params["V_th"] / (J * CE * neuron_params["tau_m"])  # spikes per ms per input
p_rate = 1000.0 * eta * nu_th * CE                                  # Hz, summed over CE inputs

nest.ResetKernel()
nest.SetKernelStatus({"resolution": 0.1, "print_time": False, "local_num_threads": 1})

start = time.time()
nest.SetDefaults("iaf_psc_alpha", neuron_params)
nodes_ex = nest.Create("iaf_psc_alpha", NE)
nodes_in = nest.Create("iaf_psc_alpha", NI)
all_neurons = nodes_ex + nodes_in
noise = nest.Create("poisson_generator", params={"rate": p_rate})
spikes = nest.Create("spike_detector", params={"withgid": True, "withtime": True})

nest.CopyModel("static_synapse", "excitatory", {"weight": J_ex, "delay": delay})
nest.CopyModel("static_synapse", "inhibitory", {"weight": J_in, "delay": delay})

nest.Connect(noise, all_neurons, "all_to_all", "excitatory")
nest.Connect(nodes_ex, all_neurons, {"rule": "fixed_indegree", "indegree": CE}, "excitatory")
nest.Connect(nodes_in, all_neurons, {"rule": "fixed_indegree", "indegree": CI}, "inhibitory")
nest.Connect(all_neurons[:N_rec], spikes, "all_to_all")
build_time = time.time() - start

start = time.time()
nest.Simulate(simtime)
sim_time = time.time() - start

n_events = nest.GetStatus(spikes, "n_events")[0]
rate = n_events / N_rec / simtime * 1000.0
print(f"Brunel network: {NE + NI} neurons, {nest.GetKernelStatus('num_connections')} synapses")
print(f"Building took      {build_time:.3f} s")
print(f"Simulating took    {sim_time:.3f} s for {simtime:g} ms")
print(f"Mean firing rate   {rate:.1f} Hz")

if n_events:
    outdir.mkdir(parents=True, exist_ok=True)
    nest.raster_plot.from_device(spikes, hist=True,
                                 title=f"Brunel network, model A: {N_rec} of {NE + NI} neurons")
    nest.raster_plot.savefig(outdir / "brunel_raster.png", dpi=80)
    nest.raster_plot.show()
