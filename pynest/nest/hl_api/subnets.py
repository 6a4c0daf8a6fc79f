"""The network tree of NEST 2.x: subnets (deprecated since 2.14, first-class in the tutorial)."""
from __future__ import annotations

from typing import Any, Optional, Sequence, Tuple

from ..exceptions import NESTError
from .helpers import api, deprecated, literal_code, spp, sps, sr
from .nodes import Create, GetStatus, SetStatus

__all__ = ["PrintNetwork", "CurrentSubnet", "ChangeSubnet", "GetLeaves", "GetNodes",
           "GetChildren", "GetNetwork", "BeginSubnet", "EndSubnet", "LayoutNetwork", "PrintNodes"]


def _one_gid(gids: Any, fname: str) -> int:
    if not isinstance(gids, (list, tuple)) or len(gids) != 1:
        raise NESTError(f"{fname}() expects exactly one GID.")
    return int(gids[0])


@api
@deprecated()
def PrintNetwork(depth: int = 1, subnet: Optional[Sequence[int]] = None) -> None:
    """Print the network tree below ``subnet`` (default: the current subnet) to ``depth`` levels."""
    if subnet is None:
        subnet = CurrentSubnet()
    sps(_one_gid(subnet, "PrintNetwork"))
    sr(f"{int(depth)} PrintNetwork")


def PrintNodes() -> None:
    """Print the network tree (without deprecation warning)."""
    sps(0)
    sr("1 PrintNetwork")


@api
@deprecated()
def CurrentSubnet() -> Tuple[int]:
    """``(gid,)`` of the current working subnet (0 is the root)."""
    sr("CurrentSubnet")
    return (spp(),)


@api
@deprecated()
def ChangeSubnet(subnet: Sequence[int]) -> None:
    """Make ``subnet`` the working subnet: new nodes are created inside it."""
    sps(_one_gid(subnet, "ChangeSubnet"))
    sr("ChangeSubnet")


def _tree_query(command: str, subnets: Sequence[int], properties: Optional[dict]) -> Tuple:
    if not isinstance(subnets, (list, tuple)):
        raise TypeError("subnets must be a list of GIDs")
    from ..ll_api import sli_func

    result = sli_func(f"/props Set {{ props {command} }} Map", list(subnets), properties or {})
    return tuple(result) if isinstance(result, tuple) else (result,)


@api
@deprecated()
def GetLeaves(subnets: Sequence[int], properties: Optional[dict] = None, local_only: bool = False) -> Tuple:
    """For each subnet, the GIDs of all descendants that are not subnets."""
    return _tree_query("GetLocalLeaves" if local_only else "GetGlobalLeaves", subnets, properties)


@api
@deprecated()
def GetNodes(subnets: Sequence[int], properties: Optional[dict] = None, local_only: bool = False) -> Tuple:
    """For each subnet, the GIDs of all descendants (including subnets)."""
    return _tree_query("GetLocalNodes" if local_only else "GetGlobalNodes", subnets, properties)


@api
@deprecated()
def GetChildren(subnets: Sequence[int], properties: Optional[dict] = None, local_only: bool = False) -> Tuple:
    """For each subnet, the GIDs of its immediate children."""
    return _tree_query("GetLocalChildren" if local_only else "GetGlobalChildren", subnets, properties)


@api
@deprecated()
def GetNetwork(gid: Sequence[int], depth: int) -> Tuple:
    """Nested tuple: the subnet followed by its children, down to ``depth`` levels."""
    sps(_one_gid(gid, "GetNetwork"))
    sps(int(depth))
    sr("GetNetwork")
    return spp()


@api
@deprecated()
def BeginSubnet(label: Optional[str] = None, params: Optional[dict] = None) -> None:
    """Create a subnet and make it the working subnet."""
    sn = Create("subnet")
    if label is not None:
        SetStatus(sn, "label", label)
    if params is not None:
        SetStatus(sn, "customdict", params)
    ChangeSubnet(sn)


@api
@deprecated()
def EndSubnet() -> Tuple[int]:
    """Leave the working subnet (go to its parent); return the subnet left."""
    csn = CurrentSubnet()
    if csn[0] == 0:  # the root node has no parent entry to ask for
        raise NESTError("Unexpected EndSubnet(). Cannot go higher than the root node.")
    parent = GetStatus(csn, "parent")
    ChangeSubnet(parent)
    return csn


@api
@deprecated()
def LayoutNetwork(model: str, dim: Sequence[int], label: Optional[str] = None,
                  params: Optional[dict] = None) -> Tuple[int]:
    """Create nested subnets of shape ``dim`` with ``model`` leaves; return ``(root_subnet,)``."""
    if not isinstance(dim, (list, tuple)) or not all(isinstance(d, int) for d in dim):
        raise ValueError("dim must be a list of integers")
    sps(list(dim))
    sr(f"{literal_code(model)} exch LayoutNetwork")
    if label is not None:
        sps(label)
        sr("exch dup << /label 5 -1 roll >> SetStatus")
    if params is not None:
        sps(params)
        sr("exch dup << /customdict 5 -1 roll >> SetStatus")
    return (spp(),)
