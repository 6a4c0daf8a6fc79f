"""Models: listing, defaults and copies."""
from __future__ import annotations

from typing import Any, Optional, Sequence, Tuple, Union

from ..exceptions import NESTError
from .helpers import api, is_literal, literal_code, spp, sps, sr

__all__ = ["Models", "ConnectionRules", "SetDefaults", "GetDefaults", "CopyModel"]


@api
def Models(mtype: str = "all", sel: Optional[str] = None) -> Tuple[str, ...]:
    """Names of the available models, sorted.

    mtype : "all", "nodes" (neuron and device models) or "synapses".
    sel   : keep only names containing this string.
    """
    if mtype not in ("all", "nodes", "synapses"):
        raise ValueError("type has to be one of 'all', 'nodes' or 'synapses'")
    names: list = []
    if mtype in ("all", "nodes"):
        sr("modeldict")
        names += list(spp().keys())
    if mtype in ("all", "synapses"):
        sr("synapsedict")
        names += list(spp().keys())
    if sel is not None:
        names = [n for n in names if sel in n]
    return tuple(sorted(names))


@api
def ConnectionRules() -> Tuple[str, ...]:
    """Names of the connection rules, sorted."""
    sr("connruledict")
    return tuple(sorted(spp().keys()))


@api
def SetDefaults(model: str, params: Union[dict, str], val: Any = None) -> None:
    """Set default properties of a node or synapse model (affects later Create/Connect calls).

    ``SetDefaults(model, {"tau_m": 20.0})`` or ``SetDefaults(model, "tau_m", 20.0)``.
    """
    if val is not None:
        if is_literal(params):
            params = {str(params): val}
    if not isinstance(params, dict):
        raise TypeError("params must be a dictionary (or a key with val)")
    sps(params)
    sr(f"{literal_code(model)} exch SetDefaults")


@api
def GetDefaults(model: str, keys: Union[None, str, Sequence[str]] = None, output: str = "") -> Any:
    """Default properties of a model: a dict, one value (``keys`` a string) or a tuple of values."""
    if keys is None:
        cmd = f"{literal_code(model)} GetDefaults"
    elif is_literal(keys):
        cmd = f"{literal_code(model)} GetDefaults {literal_code(keys)} get"
    elif isinstance(keys, (list, tuple)):
        key_code = " ".join(literal_code(k) for k in keys)
        cmd = f"{literal_code(model)} GetDefaults [ {key_code} ] {{ 1 index exch get }} Map exch pop"
    else:
        raise TypeError("keys should be either a string or an iterable")
    sr(cmd)
    result = spp()
    if output == "json":
        from .nodes import to_json

        result = to_json(result)
    return result


@api
def CopyModel(existing: str, new: str, params: Optional[dict] = None) -> None:
    """Register ``new`` as a copy of model ``existing`` (with changed defaults ``params``)."""
    if params is not None:
        if not isinstance(params, dict):
            raise TypeError("params must be a dictionary")
        sps(params)
        sr(f"{literal_code(existing)} {literal_code(new)} 3 2 roll CopyModel")
    else:
        sr(f"{literal_code(existing)} {literal_code(new)} CopyModel")
