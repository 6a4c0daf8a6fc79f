"""Deterministic device scenarios run identically in NEST 3.10 and in nestkernel.

    /tmp/nest310/bin/python tests/kernel/devices_zoo_scenarios.py   # writes nest310_devices_zoo.json

Only behaviour that NEST 3.10 shares with the 2.x semantics of spec §6.1 is recorded here. Two
windows differ in 3.10 and are left to test_devices_zoo.py: sinusoidal_poisson_generator (3.10 uses
the current-generator window, 2.x the left step edge) and pulsepacket_generator (3.10 is active one
slice earlier than the 2.x slice-origin rule).
"""
import json
import pathlib

import numpy as np

import nest_scenarios as sc

OUT = pathlib.Path(__file__).resolve().parents[1] / "data" / "reference" / "nest310_devices_zoo.json"
WINDOW = {"origin": 5.0, "start": 2.0, "stop": 5.0}


class Nest3(sc.Nest3):
    def status(self, dev, key):
        return np.asarray(dev.get(key), dtype=float)


class Kernel(sc.Kernel):
    def status(self, dev, key):
        return np.asarray(self.nk.get_status(dev)[0][key], dtype=float)


def generator_current(k, model, params):
    """I of a current generator (multimeter on the generator) and V_m of its target, two runs."""
    k.reset()
    g = k.create(model, 1, dict(params, **WINDOW))
    n = k.create("iaf_psc_alpha")
    k.connect(g, n, "one_to_one", {"delay": 1.5})
    mm = k.create("multimeter", 1, {"interval": 0.1, "record_from": ["I"]})
    vm = k.create("multimeter", 1, {"interval": 0.1, "record_from": ["V_m"]})
    k.connect(mm, g, "one_to_one", {})
    k.connect(vm, n, "one_to_one", {})
    k.simulate(8.0)
    k.simulate(7.0)
    ev, ev_v = k.events(mm), k.events(vm)
    return {"times": ev["times"], "I": ev["I"], "V_m": ev_v["V_m"]}


def ac_generator_window(k):
    return generator_current(k, "ac_generator", {"amplitude": 300.0, "offset": 50.0, "frequency": 170.0,
                                                  "phase": 45.0})


def step_current_window(k):
    return generator_current(k, "step_current_generator", {
        "allow_offgrid_times": True, "amplitude_times": [1.0, 7.05, 8.0, 9.9, 12.0],
        "amplitude_values": [100.0, 400.0, -200.0, 300.0, 600.0]})


def noise_generator_redraw_steps(k):
    k.reset()
    g = k.create("noise_generator", 1, dict({"mean": 0.0, "std": 1.0, "dt": 0.3}, **WINDOW))
    n = k.create("iaf_psc_alpha")
    k.connect(g, n, "one_to_one", {})
    mm = k.create("multimeter", 1, {"interval": 0.1, "record_from": ["I"]})
    k.connect(mm, g, "one_to_one", {})
    k.simulate(15.0)
    ev = k.events(mm)
    return {"changes": ev["times"][1:][np.diff(ev["I"]) != 0], "zero": ev["times"][ev["I"] == 0.0]}


def pulsepacket_without_jitter(k):
    k.reset()
    g = k.create("pulsepacket_generator", 1, {"pulse_times": [30.0, 10.0, 10.05], "activity": 3, "sdev": 0.0})
    p = k.create("parrot_neuron")
    sd = k.create("spike_detector")
    k.connect(g, p, "one_to_one", {"delay": 1.0})
    k.connect(p, sd, "one_to_one", {})
    k.simulate(50.0)
    return {"times": np.sort(k.events(sd)["times"])}


def spike_window(model, params):
    def scenario(k):
        k.reset()
        g = k.create(model, 1, dict(params, **WINDOW))
        sd = k.create("spike_detector")
        k.connect(g, sd, "one_to_one", {})
        k.simulate(20.0)
        return {"times": np.unique(np.round(k.events(sd)["times"], 9))}
    return scenario


def dilutor_window(k):
    k.reset()
    pg = k.create("poisson_generator", 1, {"rate": 1e6})
    dil = k.create("spike_dilutor", 1, WINDOW)
    sd = k.create("spike_detector")
    k.connect(pg, dil, "one_to_one", {})
    k.connect(dil, sd, "one_to_one", {})
    k.simulate(20.0)
    return {"times": np.unique(np.round(k.events(sd)["times"], 9))}


T0 = [10.0, 20.0, 40.0, 50.0, 50.0, 61.0]
T1 = [11.0, 12.2, 19.5, 25.0, 36.5, 43.5, 50.0, 57.5, 58.0, 64.5]


def correlation(params):
    def scenario(k):
        k.reset()
        cd = k.create("correlation_detector", 1, params)
        for port, times, w in ((0, T0, 2.0), (1, T1, -0.5)):
            sg = k.create("spike_generator", 1, {"spike_times": times})
            k.connect(sg, cd, "one_to_one", {"receptor_type": port, "weight": w})
        k.simulate(80.0)
        return {key: k.status(cd, key) for key in ("histogram", "count_histogram", "n_events")}
    return scenario


def correlomatrix(params, channels):
    def scenario(k):
        k.reset()
        cm = k.create("correlomatrix_detector", 1, dict(params, N_channels=len(channels)))
        for port, (times, w) in enumerate(channels):
            sg = k.create("spike_generator", 1, {"spike_times": times})
            k.connect(sg, cm, "one_to_one", {"receptor_type": port, "weight": w})
        k.simulate(80.0)
        return {key: k.status(cm, key).ravel() for key in ("covariance", "count_covariance", "n_events")}
    return scenario


SCENARIOS = {
    "ac_generator_window": ac_generator_window,
    "step_current_window": step_current_window,
    "noise_generator_redraw_steps": noise_generator_redraw_steps,
    "pulsepacket_without_jitter": pulsepacket_without_jitter,
    "inhomogeneous_poisson_window": spike_window("inhomogeneous_poisson_generator",
                                                 {"rate_times": [0.1], "rate_values": [1e6]}),
    "gamma_sup_window": spike_window("gamma_sup_generator", {"rate": 1000.0, "n_proc": 10000}),
    "ppd_sup_window": spike_window("ppd_sup_generator", {"rate": 1000.0, "n_proc": 10000}),
    "sinusoidal_gamma_window": spike_window("sinusoidal_gamma_generator", {"rate": 1e4}),
    "mip_window": spike_window("mip_generator", {"rate": 1e6}),
    "spike_dilutor_window": dilutor_window,
    "correlation_detector": correlation({"delta_tau": 1.0, "tau_max": 3.0}),
    "correlation_detector_tstart_tstop": correlation({"delta_tau": 0.5, "tau_max": 4.0, "Tstart": 15.0,
                                                      "Tstop": 55.0}),
    "correlomatrix_detector": correlomatrix({"delta_tau": 0.5, "tau_max": 1.0}, [
        ([10.0, 12.0, 30.0, 31.3], 1.0), ([10.3, 11.2, 30.0], 2.0), ([11.7, 30.4, 31.0], -1.0)]),
}


def run_all(k) -> dict:
    return {name: {key: np.asarray(v, dtype=float).tolist() for key, v in f(k).items()}
            for name, f in SCENARIOS.items()}


if __name__ == "__main__":
    import nest
    OUT.write_text(json.dumps({"nest_version": nest.__version__, "results": run_all(Nest3())}, indent=None) + "\n")
    print("wrote", OUT)
