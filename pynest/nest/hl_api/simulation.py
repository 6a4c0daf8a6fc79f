"""Simulation control and kernel status."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator, Optional, Sequence, Union

from .helpers import api, deprecated, is_literal, literal_code, spp, sps, sr

__all__ = ["Simulate", "Run", "Prepare", "Cleanup", "RunManager", "ResetKernel", "ResetNetwork",
           "SetKernelStatus", "GetKernelStatus", "Install", "EnableStructuralPlasticity",
           "DisableStructuralPlasticity", "SetStructuralPlasticityStatus",
           "GetStructuralPlasticityStatus", "Rank", "NumProcesses", "SetAcceptableLatency",
           "SetMaxBuffered", "SyncProcesses"]


@api
def Simulate(t: float) -> None:
    """Simulate the network for ``t`` milliseconds (Prepare, Run(t), Cleanup)."""
    sps(float(t))
    sr("ms Simulate")


@api
def Run(t: float) -> None:
    """Advance a prepared simulation by ``t`` ms (call Prepare first, Cleanup at the end)."""
    sps(float(t))
    sr("ms Run")


@api
def Prepare() -> None:
    """Calibrate the nodes and build the communication structures before Run."""
    sr("Prepare")


@api
def Cleanup() -> None:
    """Finish a sequence of Run calls (recording devices flush and close their files)."""
    sr("Cleanup")


@contextmanager
def RunManager() -> Iterator[None]:
    """Context manager around several Run calls: Prepare on entry, Cleanup on exit."""
    Prepare()
    try:
        yield
    finally:
        Cleanup()


@api
def ResetKernel() -> None:
    """Delete all nodes and connections and restore every default and kernel parameter."""
    sr("ResetKernel")


@api
@deprecated("ResetKernel")
def ResetNetwork() -> None:
    """Reset the dynamic state of all nodes (time and synaptic state are kept)."""
    sr("ResetNetwork")


@api
def SetKernelStatus(params: dict) -> None:
    """Set kernel parameters, e.g. ``{"resolution": 0.1, "local_num_threads": 2}``."""
    if not isinstance(params, dict):
        raise TypeError("params must be a dictionary")
    sps(0)
    sps(params)
    sr("SetStatus")


@api
def GetKernelStatus(keys: Union[None, str, Sequence[str]] = None) -> Any:
    """Kernel parameters: a dict, one value (``keys`` a string) or a tuple of values."""
    sr("0 GetStatus")
    status = spp()
    sr("/subnet GetDefaults")
    for key in spp():
        status.pop(key, None)
    if keys is None:
        return status
    if is_literal(keys):
        return status[str(keys)]
    if isinstance(keys, (list, tuple)):
        return tuple(status[str(k)] for k in keys)
    raise TypeError("keys should be either a string or an iterable")


@api
def Install(module_name: str) -> None:
    """Load an extension module (this build has no dynamically loadable modules)."""
    sps(str(module_name))
    sr("Install")


@api
def EnableStructuralPlasticity() -> None:
    """Switch on structural plasticity updates."""
    sr("EnableStructuralPlasticity")


@api
def DisableStructuralPlasticity() -> None:
    """Switch off structural plasticity updates."""
    sr("DisableStructuralPlasticity")


@api
def SetStructuralPlasticityStatus(params: dict) -> None:
    """Set structural plasticity parameters."""
    sps(params)
    sr("SetStructuralPlasticityStatus")


@api
def GetStructuralPlasticityStatus(keys: Union[None, str, Sequence[str]] = None) -> Any:
    """Structural plasticity parameters: a dict, one value or a tuple of values."""
    sps({})
    sr("GetStructuralPlasticityStatus")
    status = spp()
    if keys is None:
        return status
    if is_literal(keys):
        return status[str(keys)]
    return tuple(status[str(k)] for k in keys)


@api
def Rank() -> int:
    """MPI rank of this process (0 without MPI)."""
    sr("Rank")
    return spp()


@api
def NumProcesses() -> int:
    """Number of MPI processes (1 without MPI)."""
    sr("NumProcesses")
    return spp()


@api
def SyncProcesses() -> None:
    """Barrier across MPI processes."""
    sr("SyncProcesses")


@api
def SetAcceptableLatency(port_name: str, latency: float) -> None:
    """MUSIC input port latency (this build has no MUSIC support)."""
    sps(str(port_name))
    sps(float(latency))
    sr("exch cvlit exch SetAcceptableLatency")


@api
def SetMaxBuffered(port_name: str, size: int) -> None:
    """MUSIC input port buffer size (this build has no MUSIC support)."""
    sps(str(port_name))
    sps(int(size))
    sr("exch cvlit exch SetMaxBuffered")
