"""Raster plots of spike data (from a spike_detector, from files, or from arrays).

Needs matplotlib (``pip install .[plot]``).
"""
from __future__ import annotations

from typing import Any, List, Optional, Sequence, Union

import numpy as np

from .exceptions import NESTError
from .hl_api import GetDefaults, GetStatus

__all__ = ["from_device", "from_file", "from_file_numpy", "from_data", "extract_events", "show",
           "savefig"]


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as err:  # pragma: no cover - depends on the installation
        raise ImportError("nest.raster_plot needs matplotlib: pip install 'nest2[plot]'") from err
    return plt


def show() -> None:
    _pyplot().show()


def savefig(*args: Any, **kwargs: Any) -> None:
    _pyplot().savefig(*args, **kwargs)


def extract_events(data: np.ndarray, time: Optional[Sequence[float]] = None,
                   sel: Optional[Sequence[int]] = None) -> np.ndarray:
    """Rows (sender, time, ...) with t_min <= time < t_max and sender in ``sel``.

    ``time`` is ``[t_max]`` or ``[t_min, t_max]``.
    """
    data = np.asarray(data, dtype=float)
    mask = np.ones(len(data), dtype=bool)
    if time is not None:
        t_min, t_max = (0.0, time[0]) if len(time) == 1 else (time[0], time[1])
        mask &= (data[:, 1] >= t_min) & (data[:, 1] < t_max)
    if sel is not None:
        mask &= np.isin(data[:, 0], np.asarray(sel))
    return data[mask]


def from_data(data: Any, sel: Optional[Sequence[int]] = None, **kwargs: Any):
    """Plot ``data[:, 0]`` (sender GIDs) against ``data[:, 1]`` (times)."""
    data = np.asarray(data, dtype=float)
    if data.size == 0:
        raise NESTError("No data to plot.")
    if sel is not None:
        data = extract_events(data, sel=sel)
    ts = data[:, 1]
    gids = data[:, 0]
    return _make_plot(ts, ts, gids, gids, **kwargs)


def from_file_numpy(fname: Union[str, List[str]], **kwargs: Any):
    """Plot the spikes in one or more files (columns: gid, time), read with numpy."""
    files = [fname] if isinstance(fname, str) else list(fname)
    tables = []
    for f in files:
        with open(f) as fh:
            lines = fh.read().splitlines()
        tables.append(np.loadtxt(lines, ndmin=2) if any(ln.strip() for ln in lines)
                      else np.zeros((0, 2)))
    if not any(len(t) for t in tables):
        raise NESTError("No data to plot: the spike files are empty.")
    return from_data(np.concatenate([t for t in tables if len(t)]), **kwargs)


def from_file(fname: Union[str, List[str]], **kwargs: Any):
    """Plot the spikes in one or more spike detector files (columns: gid, time)."""
    return from_file_numpy(fname, **kwargs)



def _device_files(status: dict) -> List[str]:
    """The files a recording device wrote (known once it has been simulated)."""
    files = [str(f) for f in status.get("filenames", ())]
    if not files:
        raise NESTError(f"The {status.get('model', 'device')} records to file, but has no "
                        "files yet: simulate first.")
    return files

def from_device(detec: Sequence[int], plot_lid: bool = False, **kwargs: Any):
    """Plot the spikes recorded by a spike_detector (from memory, or from its files)."""
    if len(detec) != 1:
        raise NESTError("Please provide a single spike_detector.")
    status = GetStatus(detec)[0]
    model = str(status.get("model", ""))
    if GetDefaults(model, "type_id") != "spike_detector" and model != "spike_detector":
        raise NESTError("Please provide a spike_detector.")
    if status.get("to_memory", True):
        events = status["events"]
        ts = np.asarray(events["times"], dtype=float)
        gids = np.asarray(events["senders"])
        if len(ts) == 0:
            raise NESTError("No events recorded!")
        if plot_lid:
            gids = np.asarray([GetStatus([int(g)], "local_id")[0] for g in gids])
        kwargs.setdefault("xlabel", "Steps" if status.get("time_in_steps") else "Time (ms)")
        kwargs.setdefault("title", f"Raster plot from device '{detec[0]}'")
        return _make_plot(ts, ts, gids, gids, **kwargs)
    if status.get("to_file"):
        return from_file(_device_files(status), **kwargs)
    raise NESTError("No data to plot. Make sure that either to_memory or to_file are set.")


def _make_plot(ts, ts1, gids, neurons, hist: bool = True, hist_binwidth: float = 5.0,
               grayscale: bool = False, title: Optional[str] = None, xlabel: Optional[str] = None):
    plt = _pyplot()
    plt.figure()
    color_marker = ".k" if grayscale else "."
    color_bar = "gray" if grayscale else "blue"
    color_edge = "black"
    xlabel = xlabel or "Time (ms)"
    ylabel = "Neuron ID"
    if hist:
        ax1 = plt.axes([0.1, 0.3, 0.85, 0.6])
        plotid = plt.plot(ts1, gids, color_marker)
        plt.ylabel(ylabel)
        plt.xticks([])
        xlim = plt.xlim()
        plt.axes([0.1, 0.1, 0.85, 0.17])
        t_bins = np.arange(np.amin(ts), np.amax(ts) + hist_binwidth, float(hist_binwidth))
        n, _ = np.histogram(ts, bins=t_bins)
        num_neurons = len(np.unique(neurons))
        heights = 1000 * n / (hist_binwidth * num_neurons)
        plt.bar(t_bins[:-1], heights, width=hist_binwidth, color=color_bar, edgecolor=color_edge,
                align="edge")
        plt.yticks([int(x) for x in np.linspace(0.0, int(max(heights) * 1.1) + 5, 4)])
        plt.ylabel("Rate (Hz)")
        plt.xlabel(xlabel)
        plt.xlim(xlim)
        plt.sca(ax1)
    else:
        plotid = plt.plot(ts1, gids, color_marker)
        plt.xlabel(xlabel)
        plt.ylabel(ylabel)
    plt.title(title or "Raster plot")
    plt.draw()
    return plotid
