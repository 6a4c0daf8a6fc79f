"""Membrane-potential traces from a voltmeter or multimeter (or from files).

Needs matplotlib (``pip install .[plot]``).
"""
from __future__ import annotations

from typing import Any, List, Optional, Sequence

import numpy as np

from .exceptions import NESTError
from .hl_api import GetStatus

__all__ = ["from_device", "from_file", "show"]


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as err:  # pragma: no cover - depends on the installation
        raise ImportError("nest.voltage_trace needs matplotlib: pip install 'nest2[plot]'") from err
    return plt


def show() -> None:
    _pyplot().show()


def from_file(fname: Any, title: Optional[str] = None, grayscale: bool = False):
    """Plot traces from a file: 1 column (V), 2 columns (gid, V) or 3 columns (gid, t, V)."""
    plt = _pyplot()
    files = [fname] if isinstance(fname, str) else list(fname)
    data = np.concatenate([np.atleast_2d(np.loadtxt(f)) for f in files])
    if data.ndim == 2 and data.shape[0] == 1 and len(files) == 1 and data.shape[1] > 3:
        data = data.T
    plt.figure()
    lines = []
    if data.shape[1] == 1:
        lines = plt.plot(data[:, 0], "k" if grayscale else None)
    elif data.shape[1] == 2:
        for gid in np.unique(data[:, 0]):
            v = data[data[:, 0] == gid, 1]
            lines += plt.plot(v, "k" if grayscale else "-", label=f"Neuron {int(gid)}")
    elif data.shape[1] == 3:
        gids = np.unique(data[:, 0])
        t = data[data[:, 0] == gids[0], 1]
        for gid in gids:
            v = data[data[:, 0] == gid, 2]
            lines += plt.plot(t[: len(v)], v, "k" if grayscale else "-", label=f"Neuron {int(gid)}")
        plt.xlabel("Time (ms)")
    else:
        raise ValueError("Inappropriate data shape: 1, 2 or 3 columns are expected.")
    plt.ylabel("Membrane potential (mV)")
    plt.title(title or "Membrane potential")
    plt.draw()
    return lines



def _device_files(status: dict) -> List[str]:
    """The files a recording device wrote (known once it has been simulated)."""
    files = [str(f) for f in status.get("filenames", ())]
    if not files:
        raise NESTError(f"The {status.get('model', 'device')} records to file, but has no "
                        "files yet: simulate first.")
    return files

def from_device(detec: Sequence[int], neurons: Optional[Sequence[int]] = None,
                title: Optional[str] = None, grayscale: bool = False, timeunit: str = "ms"):
    """Plot the V_m traces recorded by one voltmeter or multimeter, one line per neuron."""
    if len(detec) != 1:
        raise NESTError("Please provide a single voltmeter.")
    status = GetStatus(detec)[0]
    model = str(status.get("model", ""))
    recorded = [str(r) for r in status.get("record_from", ())]
    if model not in ("voltmeter", "multimeter") and "V_m" not in recorded:
        raise NESTError("Please provide a voltmeter or a multimeter measuring V_m.")
    if "V_m" not in recorded:
        raise NESTError("Please provide a voltmeter or a multimeter measuring V_m.")
    if status.get("to_memory", True):
        events = status["events"]
        senders = np.asarray(events.get("senders", ()))
        v = np.asarray(events["V_m"], dtype=float)
        if len(v) == 0:
            raise NESTError("No events recorded! Make sure that withtime and withgid are set to True.")
        if "times" in events:
            times = np.asarray(events["times"], dtype=float)
        else:
            interval = float(status.get("interval", 1.0))
            start = float(status.get("origin", 0.0)) + float(status.get("start", 0.0))
            times = start + interval * (np.arange(len(v)) + 1)
        if timeunit == "s":
            times = times / 1000.0
        plt = _pyplot()
        plt.figure()
        lines = []
        for gid in (neurons if neurons is not None else np.unique(senders)):
            sel = senders == gid
            lines += plt.plot(times[sel], v[sel], "k" if grayscale else "-", label=f"Neuron {gid}")
        plt.xlabel("Time (s)" if timeunit == "s" else "Time (ms)")
        plt.ylabel("Membrane potential (mV)")
        plt.title(title or "Membrane potential")
        plt.legend(loc="best")
        plt.draw()
        return lines
    if status.get("to_file"):
        return from_file(_device_files(status), title, grayscale)
    raise NESTError("Provided devices neither records to file, nor to memory.")
