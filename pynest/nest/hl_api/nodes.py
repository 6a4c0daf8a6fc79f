"""Nodes: creating them and reading or changing their properties."""
from __future__ import annotations

import json
import warnings
from typing import Any, List, Optional, Sequence, Tuple, Union

import numpy as np

from ..exceptions import NESTError
from ..ll_api import SLILiteral
from .helpers import (api, broadcast, deprecated, is_literal, is_sequence_of_gids, literal_code, spp, sps,
                      sr, warn_deprecated)

__all__ = ["Create", "GetStatus", "SetStatus", "GetLID"]

CONN_LEN = 5

_DEPRECATED_MODELS = {"subnet", "aeif_cond_alpha_RK5", "iaf_psc_alpha_canon", "iaf_psc_delta_canon"}


@api
def Create(model: str, n: int = 1, params: Union[None, dict, Sequence[dict]] = None) -> Tuple[int, ...]:
    """Create ``n`` nodes of ``model``; return their global ids as a tuple.

    ``params`` is a dict applied to all new nodes (invalid keys fail before any node is
    created) or a list of one dict per node.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError("n must be an integer")
    n = int(n)
    if model in _DEPRECATED_MODELS:
        warn_deprecated(f"The model {model} is deprecated.")
    if isinstance(params, dict):
        sps(params)
        sps(n)
        sr(f"{literal_code(model)} 3 1 roll exch Create")
        last = spp()
        return tuple(range(last - n + 1, last + 1))
    sps(n)
    sr(f"{literal_code(model)} exch Create")
    last = spp()
    gids = tuple(range(last - n + 1, last + 1))
    if params is not None:
        if not isinstance(params, (list, tuple)) or not all(isinstance(p, dict) for p in params):
            raise TypeError("params must be a dict or a list of dicts")
        try:
            SetStatus(gids, list(params))
        except Exception:
            warnings.warn(f"SetStatus() call failed, but nodes have already been created! The "
                          f"GIDs of the new nodes are: {gids}.")
            raise
    return gids


def _is_connections(nodes: Sequence[Any]) -> bool:
    if not nodes:
        return False
    first = nodes[0]
    return isinstance(first, dict) or (not isinstance(first, (int, np.integer)) and len(first) == CONN_LEN)


def _push_nodes(nodes: Any) -> None:
    if not isinstance(nodes, (list, tuple, range)):
        raise TypeError("nodes must be a list of nodes or synapses")
    if _is_connections(nodes):
        from .connections import push_connections

        push_connections(nodes)
    else:
        if not is_sequence_of_gids(nodes):
            raise TypeError("nodes must be a list of nodes or synapses")
        _push_gids(nodes)


def to_json(obj: Any) -> str:
    def plain(x: Any) -> Any:
        if isinstance(x, SLILiteral):
            return x.name
        if isinstance(x, np.ndarray):
            return x.tolist()
        if isinstance(x, dict):
            return {k: plain(v) for k, v in x.items()}
        if isinstance(x, (list, tuple)):
            return [plain(v) for v in x]
        return x

    return json.dumps(plain(obj))


def _push_gids(nodes: Sequence[Any]) -> None:
    """Push node ids as one int vector (no per-node datum)."""
    sps(np.fromiter(nodes, dtype=np.int64, count=len(nodes)))


@api
def GetStatus(nodes: Sequence[Any], keys: Union[None, str, Sequence[str]] = None,
              output: str = "") -> Any:
    """Properties of nodes (or connections): a tuple with one entry per node, which is the
    status dict, the value of ``keys`` (a string), or a tuple of values (a list of keys)."""
    if not isinstance(nodes, (list, tuple, range)):
        raise TypeError("nodes must be a list of nodes or synapses")
    if len(nodes) == 0:
        return nodes
    if not (keys is None or is_literal(keys) or isinstance(keys, (list, tuple))):
        raise TypeError("keys should be either a string or an iterable")
    if _is_connections(nodes):
        _push_nodes(nodes)
        if keys is None:
            sr("GetStatus")
        elif is_literal(keys):
            sr(f"GetStatus {{ {literal_code(keys)} get }} Map")
        else:
            sr(f"GetStatus {{ [ [ {' '.join(literal_code(k) for k in keys)} ] ] get }} Map")
        result = spp()
    else:
        _push_nodes(nodes)  # validates the ids
        if keys is None:
            sr("GetStatus_nodes")
            result = spp()
        elif is_literal(keys):
            # one bulk kernel call; a numeric result arrives as one vector
            sr(f"{literal_code(keys)} GetStatus_nodes_l")
            result = _as_tuple(spp())
        else:
            sr(f"GetStatus_nodes {{ [ [ {' '.join(literal_code(k) for k in keys)} ] ] get }} Map")
            result = spp()
    if output == "json":
        result = to_json(result)
    return result


def _as_tuple(values: Any) -> tuple:
    return tuple(values.tolist()) if isinstance(values, np.ndarray) else tuple(values)


def _columns(params: Sequence[dict]) -> Optional[dict]:
    """Per-node dicts as columns {key: values}, when every dict has the same keys and each key
    has scalar values of one Python type (the kernel then sets them without per-node datums);
    None when the dicts do not have that shape."""
    keys = params[0].keys()
    if not all(p.keys() == keys for p in params):
        return None
    columns = {}
    for k in keys:
        col = [p[k] for p in params]
        t = type(col[0])
        if not all(type(v) is t for v in col):
            return None
        if t is float:
            columns[k] = np.array(col, dtype=np.float64)
        elif t is int:
            columns[k] = np.array(col, dtype=np.int64)
        elif t is bool or t is str:
            columns[k] = col
        else:
            return None
    return columns


@api
def SetStatus(nodes: Sequence[Any], params: Union[dict, str, Sequence[dict]], val: Any = None) -> None:
    """Set properties of nodes (or connections).

    ``params`` is one dict for all nodes, a list with one dict per node, or a key name with
    ``val`` (one value for all nodes, or a list with one value per node).
    """
    if not isinstance(nodes, (list, tuple, range)):
        raise TypeError("nodes must be a list of nodes or synapses")
    if len(nodes) == 0:
        return
    if val is not None and is_literal(params):
        if isinstance(val, (list, tuple, np.ndarray)) and not isinstance(val, str):
            params = [{str(params): v} for v in val]
        else:
            params = {str(params): val}
    if isinstance(params, dict):
        params = [params]
    if not isinstance(params, (list, tuple)) or not all(isinstance(p, dict) for p in params):
        raise TypeError("status dict must be a dict, or list of dicts of length 1 or len(nodes)")
    if len(params) not in (1, len(nodes)):
        raise TypeError("status dict must be a dict, or list of dicts of length 1 or len(nodes)")
    _push_nodes(nodes)
    if len(params) == 1:
        sps(params[0])
        sr("SetStatus_nodes_D")
        return
    columns = None if _is_connections(nodes) else _columns(params)
    if columns is not None:
        sps(columns)
        sr("SetStatus_nodes_columns")
    else:
        sps(list(params))
        sr("exch cva exch 2 arraystore Transpose { arrayload pop SetStatus } forall")


@api
@deprecated()
def GetLID(gid: Sequence[int]) -> int:
    """Local id (1-based index in its parent subnet) of one node."""
    if len(gid) != 1:
        raise NESTError("GetLID() expects exactly one GID.")
    sps(gid[0])
    sr("GetStatus /local_id get")
    return spp()
