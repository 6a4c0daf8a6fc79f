"""Connections: Connect with rules and synapse specifications, queries, Disconnect, and the
2.6-era helpers of the tutorial generation (DivergentConnect, ConvergentConnect, ...)."""
from __future__ import annotations

import numbers
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from .. import ll_api
from ..exceptions import NESTError
from ..ll_api import SLILiteral
from .helpers import (
    api,
    broadcast,
    deprecated,
    is_literal,
    is_sequence_of_gids,
    literal_code,
    spp,
    sps,
    sr,
    warn_deprecated,
)

__all__ = ["Connect", "Disconnect", "DisconnectOneToOne", "GetConnections", "DataConnect",
           "CGConnect", "CGParse", "CGSelectImplementation", "FindConnections", "OneToOneConnect",
           "ConvergentConnect", "DivergentConnect", "RandomConvergentConnect",
           "RandomDivergentConnect", "push_connections"]

_model_alias_warned = False


def _gid_datum(nodes: Any, what: str) -> np.ndarray:
    """GIDs as an int64 vector (pushed as an SLI intvector: no per-element work in SLI)."""
    if isinstance(nodes, np.ndarray):
        if nodes.dtype.kind not in "iu" or nodes.ndim != 1:
            raise TypeError(f"{what} must be a one-dimensional list of GIDs (integers)")
        return nodes.astype(np.int64, copy=False)
    if not is_sequence_of_gids(nodes):
        raise TypeError(f"{what} must be a list, tuple or range of GIDs (integers), got {nodes!r:.60}")
    return np.fromiter(nodes, dtype=np.int64, count=len(nodes))


def _handle_from_dict(conn: Dict[str, Any], targets_of: Dict[int, Dict[tuple, int]]) -> List[int]:
    """A 5-element handle for a connection dict; FindConnections' dicts name no target, which is
    looked up among the source's connections by (target_thread, synapse_modelid, port)."""
    try:
        source = int(conn["source"])
        rest = (int(conn["target_thread"]), int(conn["synapse_modelid"]), int(conn["port"]))
    except KeyError as err:
        raise NESTError(f"A connection dictionary needs the key {err.args[0]!r}.") from None
    if "target" in conn:
        return [source, int(conn["target"]), *rest]
    if source not in targets_of:
        targets_of[source] = {tuple(h[2:]): h[1] for h in GetConnections([source])}
    target = targets_of[source].get(rest)
    if target is None:
        raise NESTError(f"There is no connection from {source} with target_thread {rest[0]}, "
                        f"synapse_modelid {rest[1]} and port {rest[2]}.")
    return [source, target, *rest]


def push_connections(conns: Sequence[Any]) -> None:
    """Push connection handles (5-sequences or dicts with source/target_thread/synapse_modelid/
    port) as an SLI array of connection datums (the reference's ``pcd``)."""
    targets_of: Dict[int, Dict[tuple, int]] = {}
    handles = [_handle_from_dict(c, targets_of) if isinstance(c, dict) else [int(x) for x in c]
               for c in conns]
    sps(handles)
    sr("{ cvconnection } Map")


_ARRAY_SHAPES = {
    "one_to_one": lambda pre, post, cs: (len(pre),),
    "fixed_total_number": lambda pre, post, cs: (int(cs.get("N", 0)),),
    "all_to_all": lambda pre, post, cs: (len(post), len(pre)),
    "fixed_indegree": lambda pre, post, cs: (len(post), int(cs.get("indegree", 0))),
    "fixed_outdegree": lambda pre, post, cs: (len(pre), int(cs.get("outdegree", 0))),
}


def _prepare_syn_spec(syn_spec: Dict[str, Any], rule: str, pre: np.ndarray, post: np.ndarray,
                      conn_spec: Dict[str, Any]) -> Dict[str, Any]:
    """Arrays of per-connection values: check the shape the rule needs, flatten row-major."""
    out = {}
    for key, value in syn_spec.items():
        if isinstance(value, (list, tuple, np.ndarray)) and not isinstance(value, str):
            arr = np.asarray(value)
            if arr.dtype.kind not in "iuf":
                raise NESTError(f"'{key}' has the wrong type. One-dimensional parameter arrays can "
                                "only be used in conjunction with rule 'one_to_one' or "
                                "'fixed_total_number'.")
            shape = _ARRAY_SHAPES.get(rule)
            if shape is None:
                raise NESTError(f"'{key}': arrays of synapse parameters cannot be used with rule "
                                f"'{rule}'.")
            expected = shape(pre, post, conn_spec)
            if arr.shape != expected:
                dims = "one" if len(expected) == 1 else "two"
                raise NESTError(f"'{key}' has to be an array of dimension {dims} with shape "
                                f"{expected} for rule '{rule}', got shape {arr.shape}.")
            arr = arr.ravel()
            out[key] = arr.astype(np.float64) if key != "receptor_type" else arr.astype(np.int64)
        else:
            out[key] = value
    return out


@api
def Connect(pre: Sequence[int], post: Sequence[int], conn_spec: Any = None, syn_spec: Any = None,
            model: Optional[str] = None) -> None:
    """Connect ``pre`` to ``post`` nodes.

    conn_spec : rule name or dict with "rule" and its parameters ("indegree", "p", "N", ...),
                plus "autapses"/"multapses". Default: "one_to_one".
    syn_spec  : synapse model name or dict with "model", "weight", "delay", "receptor_type" and
                model parameters; values may be numbers, arrays (one per connection) or
                distribution dicts such as {"distribution": "uniform", "low": 0.5, "high": 1.0}.
    Numbers in place of conn_spec and syn_spec are a weight and a delay (tutorial shortcut):
    ``Connect(a, b, 20.0, 1.0)`` connects one to one with weight 20 pA and delay 1 ms.
    ``model`` is the old name of syn_spec.
    """
    global _model_alias_warned
    if model is not None:
        if syn_spec is not None:
            raise NESTError("'model' is an alias for 'syn_spec' and cannot be used together "
                            "with 'syn_spec'.")
        if not _model_alias_warned:
            _model_alias_warned = True
            warn_deprecated("The argument 'model' is deprecated; use 'syn_spec'.")
        syn_spec = model
    pre_v = _gid_datum(pre, "pre")
    post_v = _gid_datum(post, "post")
    if isinstance(conn_spec, numbers.Real) and not isinstance(conn_spec, bool):
        # the tutorial's Connect(pre, post, weight, delay): one-to-one with weight and delay
        if not (isinstance(syn_spec, numbers.Real) and not isinstance(syn_spec, bool)):
            raise NESTError("Connect(pre, post, weight, delay): both a weight and a delay are "
                            "needed when the third argument is a number.")
        weight, delay = float(conn_spec), float(syn_spec)
        conn_spec = {"rule": "one_to_one"}
        syn_spec = {"weight": weight, "delay": delay}
    sps(pre_v)
    sps(post_v)
    rule = None
    if conn_spec is None:
        sr("/Connect /conn_spec GetOption")
        rule = str(ll_api.engine.ostack[-1].data.get("rule", ""))
    elif is_literal(conn_spec):
        rule = str(conn_spec)
        sps(rule)
        sr("cvlit")
    elif isinstance(conn_spec, dict):
        if "rule" not in conn_spec:
            ll_api.engine.ostack.clear()
            raise NESTError("conn_spec needs the key 'rule' (e.g. {'rule': 'fixed_indegree', "
                            "'indegree': 10}).")
        rule = str(conn_spec["rule"])
        sps(conn_spec)
    else:
        ll_api.engine.ostack.clear()
        raise NESTError("conn_spec must be a rule name or a dictionary")
    if syn_spec is None:
        pass
    elif is_literal(syn_spec):
        sps(str(syn_spec))
        sr("cvlit")
    elif isinstance(syn_spec, dict):
        try:
            prepared = _prepare_syn_spec(syn_spec, rule, pre_v, post_v,
                                         conn_spec if isinstance(conn_spec, dict) else {})
        except NESTError:
            ll_api.engine.ostack.clear()
            raise
        sps(prepared)
    else:
        ll_api.engine.ostack.clear()
        raise NESTError("syn_spec must be a synapse model name or a dictionary")
    sr("Connect")


@api
def Disconnect(pre: Sequence[int], post: Sequence[int], conn_spec: Any = "one_to_one",
               syn_spec: Any = "static_synapse") -> None:
    """Remove connections between ``pre`` and ``post`` (rules one_to_one and all_to_all)."""
    if is_literal(conn_spec):
        conn_spec = {"rule": str(conn_spec)}
    if is_literal(syn_spec):
        syn_spec = {"model": str(syn_spec)}
    sps(_gid_datum(pre, "pre"))
    sps(_gid_datum(post, "post"))
    sps(conn_spec)
    sps(syn_spec)
    sr("Disconnect_g_g_D_D")


@api
@deprecated("Disconnect")
def DisconnectOneToOne(source: int, target: int, syn_spec: Any) -> None:
    """Remove one connection between two single GIDs."""
    if is_literal(syn_spec):
        syn_spec = {"model": str(syn_spec)}
    sps(source)
    sps(target)
    sps(syn_spec)
    sr("Disconnect")


@api
def GetConnections(source: Optional[Sequence[int]] = None, target: Optional[Sequence[int]] = None,
                   synapse_model: Optional[str] = None, synapse_label: Optional[int] = None) -> Tuple:
    """Connection handles ``(source, target, target_thread, synapse_model_id, port)`` matching
    the given filters, as a tuple of ``array('l')``."""
    params: Dict[str, Any] = {}
    for key, value in (("source", source), ("target", target)):
        if value is not None:
            if not isinstance(value, (list, tuple, range)):
                raise TypeError(f"{key} must be a list of GIDs")
            params[key] = list(value)
    if synapse_model is not None:
        params["synapse_model"] = SLILiteral(synapse_model)
    if synapse_label is not None:
        params["synapse_label"] = synapse_label
    sps(params)
    sr("GetConnections")
    return spp()


_CONNECTION_BOOKKEEPING = {"source", "target", "target_thread", "port", "synapse_model",
                           "synapse_modelid", "receptor", "sizeof", "type_id", "synapse_id"}


def _connect_one_to_one_arrays(sources: List[int], targets: List[int], model: str,
                               values: Dict[str, List[Any]]) -> None:
    syn: Dict[str, Any] = {"model": model}
    for key, column in values.items():
        syn[key] = np.asarray(column, dtype=np.int64 if key == "receptor_type" else float)
    Connect(sources, targets, "one_to_one", syn)


@api
@deprecated()
def DataConnect(pre: Sequence[Any], params: Any = None, model: str = "static_synapse") -> None:
    """Connect from explicit data: ``pre`` GIDs with per-source dicts of target/weight/delay
    arrays, or a list of synapse status dicts (``params`` None).

    Both forms become one_to_one Connect calls with per-connection arrays, so the kernel
    checks every weight and delay as it does for Connect.
    """
    if params is not None:
        params = params if isinstance(params, (list, tuple)) else [params]
        for gid, d in zip(pre, broadcast(params, len(pre), (dict,), "params")):
            if "target" not in d:
                raise NESTError("DataConnect: each parameter dictionary needs a 'target' array.")
            targets = [int(t) for t in np.asarray(d["target"]).ravel()]
            values = {k: list(np.asarray(v).ravel()) for k, v in d.items() if k != "target"}
            for k, v in values.items():
                if len(v) != len(targets):
                    raise NESTError(f"DataConnect: '{k}' has {len(v)} values for "
                                    f"{len(targets)} targets.")
            _connect_one_to_one_arrays([int(gid)] * len(targets), targets, model, values)
        return
    # status dicts of existing connections: group by synapse model and key set, connect in bulk;
    # bookkeeping entries (ports, threads, sizes) are not synapse parameters and are skipped
    groups: Dict[Tuple[str, Tuple[str, ...]], Tuple[List[int], List[int], Dict[str, List[Any]]]] = {}
    for d in pre:
        if not isinstance(d, dict) or "source" not in d or "target" not in d:
            raise TypeError("DataConnect: expected synapse status dictionaries with 'source' and "
                            "'target'")
        keys = tuple(sorted(k for k, v in d.items() if k not in _CONNECTION_BOOKKEEPING
                            and isinstance(v, (numbers.Real, np.number))
                            and not isinstance(v, bool)))
        syn_model = str(d.get("synapse_model", model))
        srcs, tgts, cols = groups.setdefault((syn_model, keys), ([], [], {k: [] for k in keys}))
        srcs.append(int(d["source"]))
        tgts.append(int(d["target"]))
        for k in keys:
            cols[k].append(d[k])
    for (syn_model, _), (srcs, tgts, cols) in groups.items():
        _connect_one_to_one_arrays(srcs, tgts, syn_model, cols)


def _no_libneurosim(name: str):
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise NESTError("NEST was not compiled with support for libneurosim: the connection "
                        "generator interface is not available.")

    # named before decorating: the deprecation warning names the function
    refuse.__name__ = refuse.__qualname__ = name
    refuse.__doc__ = "Connection-generator interface (needs libneurosim, which this build lacks)."
    return deprecated()(refuse)


CGConnect = _no_libneurosim("CGConnect")
CGParse = _no_libneurosim("CGParse")
CGSelectImplementation = _no_libneurosim("CGSelectImplementation")


@api
@deprecated("GetConnections")
def FindConnections(source: Sequence[int], target: Any = None, synapse_model: Any = None,
                    synapse_type: Any = None) -> Tuple:
    """Connections from each source (optionally to target / of a synapse model), as dicts."""
    if synapse_model is not None and synapse_type is not None:
        raise NESTError("'synapse_type' is alias for 'synapse_model' and cannot be used together "
                        "with 'synapse_model'.")
    if synapse_type is not None:
        synapse_model = synapse_type
    queries: List[Dict[str, Any]] = [{"source": s} for s in source]
    if target is not None:
        for q, t in zip(queries, broadcast(target, len(source), (int,), "target")):
            q["target"] = t
    if synapse_model is not None:
        for q, m in zip(queries, broadcast(synapse_model, len(source), (str,), "synapse_model")):
            q["synapse_model"] = SLILiteral(m)
    result = []
    for q in queries:
        conns = GetConnections([q["source"]], [q["target"]] if "target" in q else None,
                               str(q["synapse_model"]) if "synapse_model" in q else None)
        result += [{"source": c[0], "target_thread": c[2], "synapse_modelid": c[3], "port": c[4]}
                   for c in conns]
    return tuple(result)


@api
@deprecated("Connect")
def OneToOneConnect(pre: Sequence[int], post: Sequence[int], params: Any = None, delay: Any = None,
                    model: str = "static_synapse") -> None:
    """Connect pre[i] to post[i]; params: dict(s) of synapse properties, or weights with delay."""
    if len(pre) != len(post):
        raise NESTError("pre and post have to be the same length")
    if delay is not None and params is None or params is not None and delay is None and \
            not isinstance(params, (dict, list, tuple)):
        raise NESTError("Both 'params' and 'delay' have to be given.")
    syn: Dict[str, Any] = {"model": model}
    if delay is not None:
        syn["weight"] = np.asarray(broadcast(params, len(pre), (float, int), "params"), dtype=float)
        syn["delay"] = np.asarray(broadcast(delay, len(pre), (float, int), "delay"), dtype=float)
        Connect(list(pre), list(post), "one_to_one", syn)
    elif params is not None:
        for s, t, p in zip(pre, post, broadcast(params, len(pre), (dict,), "params")):
            d = dict(p)
            d.setdefault("model", model)
            Connect([s], [t], "one_to_one", d)
    else:
        Connect(list(pre), list(post), "one_to_one", {"model": model})


def _weights_delays(weight: Any, delay: Any, n: int) -> Dict[str, Any]:
    if (weight is None) != (delay is None):
        raise NESTError("Both 'weight' and 'delay' have to be given.")
    if weight is None:
        return {}
    return {"weight": np.asarray(broadcast(weight, n, (float, int), "weight"), dtype=float),
            "delay": np.asarray(broadcast(delay, n, (float, int), "delay"), dtype=float)}


@api
@deprecated("Connect")
def ConvergentConnect(pre: Sequence[int], post: Sequence[int], weight: Any = None, delay: Any = None,
                      model: str = "static_synapse") -> None:
    """Connect every node in ``pre`` to each node in ``post``."""
    for target in post:
        syn = {"model": model, **_weights_delays(weight, delay, len(pre))}
        Connect(list(pre), [target] * len(pre), "one_to_one", syn)


@api
@deprecated("Connect")
def DivergentConnect(pre: Sequence[int], post: Sequence[int], weight: Any = None, delay: Any = None,
                     model: str = "static_synapse") -> None:
    """Connect each node in ``pre`` to every node in ``post``."""
    for source in pre:
        syn = {"model": model, **_weights_delays(weight, delay, len(post))}
        Connect([source] * len(post), list(post), "one_to_one", syn)


def _random_connect(indegree: bool, pre, post, n, weight, delay, model, options) -> None:
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError("number of connections n should be an integer")
    options = dict(options or {})
    autapses = bool(options.pop("allow_autapses", True))
    multapses = bool(options.pop("allow_multapses", True))
    if options:
        raise NESTError(f"Unknown option(s): {', '.join(options)}")
    syn = {"model": model}
    if weight is not None or delay is not None:
        if weight is None or delay is None:
            raise NESTError("Both 'weight' and 'delay' have to be given.")
        syn["weight"] = float(weight) if not isinstance(weight, (list, tuple)) else float(weight[0])
        syn["delay"] = float(delay) if not isinstance(delay, (list, tuple)) else float(delay[0])
    key = "indegree" if indegree else "outdegree"
    Connect(list(pre), list(post), {"rule": f"fixed_{key}", key: n, "autapses": autapses,
                                    "multapses": multapses}, syn)


@api
@deprecated("Connect with rule 'fixed_indegree'")
def RandomConvergentConnect(pre: Sequence[int], post: Sequence[int], n: int, weight: Any = None,
                            delay: Any = None, model: str = "static_synapse",
                            options: Optional[dict] = None) -> None:
    """For each node in ``post``, draw ``n`` sources from ``pre``."""
    _random_connect(True, pre, post, n, weight, delay, model, options)


@api
@deprecated("Connect with rule 'fixed_outdegree'")
def RandomDivergentConnect(pre: Sequence[int], post: Sequence[int], n: int, weight: Any = None,
                           delay: Any = None, model: str = "static_synapse",
                           options: Optional[dict] = None) -> None:
    """For each node in ``pre``, draw ``n`` targets from ``post``."""
    _random_connect(False, pre, post, n, weight, delay, model, options)
