"""The kernel's SLI builtins ("nestmodule"): convert datums, call the kernel, convert back.

This is the only place that knows both the SLI datums and the kernel's Python API
(``nestkernel``). Kernel exceptions become SLI errors with the kernel's error name and message.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Dict, List, Optional

import numpy as np

import nestkernel
from sli.builtins import Registry
from sli.datums import (
    Dictionary,
    DoubleVector,
    IntVector,
    Literal,
    lit,
    type_name,
)
from sli.errors import ArgumentType, SliError, StackUnderflow

from .datums import Connection, GIDCollection

reg = Registry()

# Status keys whose string values are SLI literals (names), not strings.
LITERAL_KEYS = frozenset({
    "model", "element_type", "type_id", "synapse_model", "rule", "distribution", "recordables",
    "record_from", "synapse_modelid_name", "mode",
})


# -- conversion ----------------------------------------------------------------------------------

def to_kernel(obj: Any) -> Any:
    """SLI datum → value for the kernel's Python API."""
    t = type(obj)
    if t is bool or t is int or t is float:
        return obj
    if t is str:
        return obj
    if t is Literal:
        return str(obj)
    if t is Dictionary:
        return {str(k): to_kernel(v) for k, v in obj.data.items()}
    if t is list:
        return [to_kernel(x) for x in obj]
    if t is IntVector or t is DoubleVector:
        return obj.a
    if t is GIDCollection:
        return obj.gids
    if t is Connection:
        return np.asarray(obj.handle, dtype=np.int64)
    raise SliError("TypeMismatch", f"A {type_name(obj)} cannot be passed to the kernel.")


def dict_from_kernel(d: dict) -> Dictionary:
    """A kernel status dict → SLI dictionary (scalars are passed through without recursion)."""
    out = {}
    for k, v in d.items():
        t = type(v)
        out[_literal_key(k)] = v if (t is float or t is int or t is bool) else from_kernel(v, k)
    return Dictionary(out)


_LITERAL_KEYS: Dict[str, Literal] = {}


def _literal_key(key: str) -> Literal:
    """The literal for a status key (a plain dict lookup: status keys repeat for every node)."""
    obj = _LITERAL_KEYS.get(key)
    if obj is None:
        obj = _LITERAL_KEYS[key] = lit(key)
    return obj


def from_kernel(obj: Any, key: str = "") -> Any:
    """Kernel value → SLI datum (``key`` decides whether strings are literals)."""
    t = type(obj)
    if t is bool or t is int or t is float:
        return obj
    if t is str:
        return lit(obj) if key in LITERAL_KEYS else obj
    if t is dict:
        return dict_from_kernel(obj)
    if t is list or t is tuple:
        return [from_kernel(x, key) for x in obj]
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "iub":
            return IntVector(obj.astype(np.int64, copy=False))
        if obj.dtype.kind == "f":
            return DoubleVector(obj)
        return [from_kernel(x, key) for x in obj.tolist()]
    if obj is None:
        return Dictionary()
    if isinstance(obj, np.generic):
        return from_kernel(obj.item(), key)
    return obj


def gids_of(obj: Any, level: int) -> np.ndarray:
    t = type(obj)
    if t is GIDCollection:
        return obj.gids
    if t is IntVector:
        return obj.a
    if t is int:
        return np.array([obj], dtype=np.int64)
    if t is list:
        if not all(type(x) is int for x in obj):
            raise ArgumentType(level, "An array of node ids (integers) is expected.")
        return np.asarray(obj, dtype=np.int64)
    raise ArgumentType(level)


def kernel_call(fn: Callable, reports_as: Optional[str] = None) -> Callable:
    """Run a builtin's kernel work, turning kernel errors into SLI errors. ``reports_as`` names
    the command the reference would report (bulk builtins stand in for per-node commands)."""

    @functools.wraps(fn)
    def wrapper(interp):
        try:
            return fn(interp)
        except nestkernel.KernelError as err:
            # an empty message still replaces the previous error's message in errordict
            raise SliError(err.errorname, err.message or "", command=reports_as) from None

    return wrapper


def builtin(*names: str, reports_as: Optional[str] = None) -> Callable:
    def register(fn: Callable) -> Callable:
        return reg.builtin(*names)(kernel_call(fn, reports_as))
    return register


def _dict(obj: Any, level: int) -> Dictionary:
    if type(obj) is not Dictionary:
        raise ArgumentType(level)
    return obj


def _literal(obj: Any, level: int) -> Literal:
    if type(obj) is not Literal:
        raise ArgumentType(level)
    return obj


# -- model dictionaries --------------------------------------------------------------------------

def refresh_model_dicts(interp) -> None:
    """Keep modeldict/synapsedict (name → id) in step with the kernel's models."""
    sd = interp.systemdict
    for key, kind in (("modeldict", "nodes"), ("synapsedict", "synapses")):
        d = sd.data.get(key)
        if type(d) is not Dictionary:
            d = Dictionary()
            sd[key] = d
        d.data.clear()
        for i, model in enumerate(nestkernel.models(kind)):
            d.data[lit(model)] = i
        interp.invalidate_lookup_cache()


# -- kernel and simulation -----------------------------------------------------------------------

@builtin("ResetKernel")
def reset_kernel(interp):
    "->   delete all nodes and connections, restore all defaults and kernel parameters"
    nestkernel.reset_kernel()
    _vp_rngs.clear()  # generators given through rngs / grng are replaced as well
    refresh_model_dicts(interp)


@builtin("::ResetNetwork")
def reset_network(interp):
    "->   reset the dynamic state of all nodes"
    nestkernel.reset_network()


def _time_arg(interp) -> float:
    t = interp.ostack[-1]
    if type(t) is not float:
        raise ArgumentType(0)
    return t


@builtin("Simulate_d")
def simulate_d(interp):
    "t Simulate_d ->   simulate t milliseconds"
    nestkernel.simulate(_time_arg(interp))
    interp.ostack.pop()


@builtin("Run_d")
def run_d(interp):
    "t Run_d ->   run t milliseconds inside Prepare/Cleanup"
    nestkernel.run(_time_arg(interp))
    interp.ostack.pop()


@builtin("Prepare")
def prepare(interp):
    "->   prepare a sequence of Run calls"
    nestkernel.prepare()


@builtin("Cleanup")
def cleanup(interp):
    "->   finish a sequence of Run calls"
    nestkernel.cleanup()


@builtin("Rank")
def rank(interp):
    "-> n   MPI rank of this process"
    interp.ostack.append(int(nestkernel.get_kernel_status().get("mpi_rank", 0)))


@builtin("NumProcesses")
def num_processes(interp):
    "-> n   number of MPI processes"
    interp.ostack.append(int(nestkernel.get_kernel_status().get("num_processes", 1)))


@builtin("SyncProcesses")
def sync_processes(interp):
    "->   barrier across MPI processes (nothing to do in a single process)"


@builtin("ProcessorName")
def processor_name(interp):
    "-> string   host name of this process"
    import socket

    interp.ostack.append(socket.gethostname())


# -- models --------------------------------------------------------------------------------------

@builtin("GetDefaults_l")
def get_defaults_l(interp):
    "/model GetDefaults -> dict   default parameters of a node or synapse model"
    s = interp.ostack
    model = _literal(s[-1], 0)
    s[-1] = from_kernel(nestkernel.get_defaults(str(model)))


@builtin("SetDefaults_l_D")
def set_defaults_l_d(interp):
    "/model dict SetDefaults ->   change the defaults of a model"
    s = interp.ostack
    params = _dict(s[-1], 0)
    model = _literal(s[-2], 1)
    nestkernel.set_defaults(str(model), to_kernel(params))
    del s[-2:]


@builtin("CopyModel_l_l_D")
def copy_model(interp):
    "/old /new dict CopyModel ->   register a copy of a model with new defaults"
    s = interp.ostack
    params = _dict(s[-1], 0)
    new = _literal(s[-2], 1)
    old = _literal(s[-3], 2)
    nestkernel.copy_model(str(old), str(new), to_kernel(params))
    del s[-3:]
    refresh_model_dicts(interp)


# -- nodes ---------------------------------------------------------------------------------------

@builtin("Create_l_i")
def create_l_i(interp):
    "/model n Create -> gid   create n nodes; returns the last global id"
    s = interp.ostack
    n = s[-1]
    model = _literal(s[-2], 1)
    if type(n) is not int:
        raise ArgumentType(0)
    if n <= 0:
        raise SliError("RangeCheck", "The number of nodes to create must be positive.")
    gids = nestkernel.create(str(model), n)
    del s[-2:]
    s.append(int(gids[-1]))


@builtin("Create_l_i_D")
def create_l_i_d(interp):
    "/model n dict Create -> gid   create n nodes with the given parameters"
    s = interp.ostack
    params = _dict(s[-1], 0)
    n = s[-2]
    model = _literal(s[-3], 2)
    if type(n) is not int:
        raise ArgumentType(1)
    if n <= 0:
        raise SliError("RangeCheck", "The number of nodes to create must be positive.")
    gids = nestkernel.create(str(model), n, to_kernel(params))
    del s[-3:]
    s.append(int(gids[-1]))


@builtin("GetStatus_i")
def get_status_i(interp):
    "gid GetStatus -> dict   status of a node (gid 0: the kernel)"
    s = interp.ostack
    gid = s[-1]
    if gid == 0:  # the kernel status plus the root subnet's node keys
        status = nestkernel.get_kernel_status()
        root = nestkernel.get_status([0])[0]
        root.setdefault("thread_local_id", -1)
        status.update(root)
    else:
        status = nestkernel.get_status([gid])[0]
    s[-1] = from_kernel(status)


@builtin("SetStatus_id")
def set_status_id(interp):
    "gid dict SetStatus ->   change the properties of a node (gid 0: kernel parameters)"
    s = interp.ostack
    params = _dict(s[-1], 0)
    gid = s[-2]
    if gid == 0:
        given = _given_generators(params)
        kparams = {str(k): (given[str(k)][0] if str(k) in given else to_kernel(v)) for k, v in params.data.items()}
        nestkernel.set_kernel_status(kparams)
        _adopt_generators(given)
    else:
        nestkernel.set_status([gid], to_kernel(params))
    del s[-2:]


@builtin("GetStatus_C")
def get_status_c(interp):
    "conn GetStatus -> dict   status of a connection"
    s = interp.ostack
    conn = s[-1]
    s[-1] = from_kernel(nestkernel.get_connection_status(np.asarray([conn.handle]))[0])


@builtin("SetStatus_CD")
def set_status_cd(interp):
    "conn dict SetStatus ->   change the properties of a connection"
    s = interp.ostack
    params = _dict(s[-1], 0)
    conn = s[-2]
    nestkernel.set_connection_status(np.asarray([conn.handle]), to_kernel(params))
    del s[-2:]


@builtin("GetStatus_a")
def get_status_a(interp):
    "[conns] GetStatus_a -> [dicts] | [gids] GetStatus_a -> [dicts]   status of many connections or nodes"
    s = interp.ostack
    conns = s[-1]
    if type(conns) is not list:
        raise ArgumentType(0)
    if not conns:
        s[-1] = []
        return
    if all(type(c) is int for c in conns):
        get_status_nodes.__wrapped__(interp)
        return
    if not all(type(c) is Connection for c in conns):
        raise ArgumentType(0)
    handles = np.asarray([c.handle for c in conns], dtype=np.int64)
    s[-1] = [from_kernel(d) for d in nestkernel.get_connection_status(handles)]


@builtin("SetStatus_aa")
def set_status_aa(interp):
    "[conns] [dicts] SetStatus_aa ->   set the status of many connections"
    s = interp.ostack
    conns, dicts = s[-2], s[-1]
    if type(conns) is not list or type(dicts) is not list:
        raise ArgumentType(0)
    if not all(type(d) is Dictionary for d in dicts):
        raise ArgumentType(0)
    if len(conns) != len(dicts):
        raise SliError("DimensionMismatch", "The number of dictionaries must match the number of nodes or connections.")
    if all(type(c) is int for c in conns):  # [gids] [dicts]: node by node
        for gid, d in zip(conns, dicts):
            nestkernel.set_status([gid], to_kernel(d))
        del s[-2:]
        return
    if not all(type(c) is Connection for c in conns):
        raise ArgumentType(1)
    handles = np.asarray([c.handle for c in conns], dtype=np.int64)
    nestkernel.set_connection_status(handles, [to_kernel(d) for d in dicts])
    del s[-2:]


@builtin("GetStatus_nodes", reports_as="GetStatus_i")
def get_status_nodes(interp):
    "nodes GetStatus_nodes -> [dicts]   status of many nodes (intvector, gidcollection or array of gids)"
    s = interp.ostack
    gids = gids_of(s[-1], 0)
    s[-1] = [dict_from_kernel(d) for d in nestkernel.get_status(gids)]


@builtin("GetStatus_nodes_l")
def get_status_nodes_l(interp):
    "nodes /key GetStatus_nodes_l -> values   one status entry of many nodes (a vector if numeric)"
    s = interp.ostack
    key = _literal(s[-1], 0)
    gids = gids_of(s[-2], 1)
    try:
        values = nestkernel.get_status_values(gids, str(key))
    except nestkernel.KernelError as err:
        # the reference runs `GetStatus /key get` per node: a missing key fails in get_d
        command = "get_d" if err.errorname == "DictError" else "GetStatus_i"
        raise SliError(err.errorname, err.message or None, command=command) from None
    del s[-1]
    s[-1] = from_kernel(values, str(key))


@builtin("SetStatus_nodes_D", reports_as="SetStatus_id")
def set_status_nodes_d(interp):
    "nodes dict SetStatus_nodes_D ->   give many nodes the same properties"
    s = interp.ostack
    params = _dict(s[-1], 0)
    target = s[-2]
    if type(target) is list and target and all(type(c) is Connection for c in target):
        handles = np.asarray([c.handle for c in target], dtype=np.int64)
        nestkernel.set_connection_status(handles, [to_kernel(params)] * len(target))
    else:
        nestkernel.set_status(gids_of(target, 1), to_kernel(params))
    del s[-2:]


@builtin("SetStatus_nodes_columns", reports_as="SetStatus_id")
def set_status_nodes_columns(interp):
    "nodes << /key column ... >> SetStatus_nodes_columns ->   node i gets << /key column[i] ... >>"
    s = interp.ostack
    columns = _dict(s[-1], 0)
    gids = gids_of(s[-2], 1)
    nestkernel.set_status_columns(gids, to_kernel(columns))
    del s[-2:]


# -- GID collections and connections -------------------------------------------------------------

@builtin("cvgidcollection_i_i")
def cvgidcollection_i_i(interp):
    "first last cvgidcollection -> gidcollection"
    s = interp.ostack
    first, last = s[-2], s[-1]
    del s[-2:]
    s.append(GIDCollection(np.arange(first, last + 1, dtype=np.int64)))


@builtin("cvgidcollection_ia", "cvgidcollection_iv")
def cvgidcollection_a(interp):
    "[gids] cvgidcollection -> gidcollection"
    s = interp.ostack
    s[-1] = GIDCollection(gids_of(s[-1], 0))


@builtin("size_g")
def size_g(interp):
    "gidcollection size -> gidcollection n"
    s = interp.ostack
    s.append(len(s[-1]))


@builtin("cva_g")
def cva_g(interp):
    "gidcollection cva -> [gids]"
    s = interp.ostack
    s[-1] = [int(x) for x in s[-1].gids]


@builtin("cvconnection")
def cvconnection(interp):
    "[source target thread synapse_id port] cvconnection -> conn"
    s = interp.ostack
    a = s[-1]
    if type(a) is not list or len(a) != 5 or not all(type(x) is int for x in a):
        raise ArgumentType(0, "An array of five integers (source target thread synapse port) is expected.")
    s[-1] = Connection(a)


@builtin("cva_C")
def cva_c(interp):
    "conn cva -> [source target thread synapse_id port]"
    s = interp.ostack
    s[-1] = list(s[-1].handle)


@builtin("cvdict_C")
def cvdict_c(interp):
    "conn cvdict -> dict   the connection's status"
    get_status_c.__wrapped__(interp)


def _collections_with_specs(kernel_fn, doc):
    """gidcoll gidcoll conn_spec syn_spec -> : the shared body of Connect/Disconnect_g_g_D_D."""

    def leaf(interp):
        s = interp.ostack
        syn_spec = _dict(s[-1], 0)
        conn_spec = _dict(s[-2], 1)
        targets = gids_of(s[-3], 2)
        sources = gids_of(s[-4], 3)
        kernel_fn(sources, targets, to_kernel(conn_spec), to_kernel(syn_spec))
        del s[-4:]

    leaf.__doc__ = doc
    return leaf


builtin("Connect_g_g_D_D")(_collections_with_specs(
    lambda *a: nestkernel.connect(*a),
    "gidcoll gidcoll conn_spec syn_spec Connect_g_g_D_D ->   connect with a rule and synapse spec"))
builtin("Disconnect_g_g_D_D")(_collections_with_specs(
    lambda *a: nestkernel.disconnect(*a),
    "gidcoll gidcoll conn_spec syn_spec Disconnect_g_g_D_D ->   remove connections"))


@builtin("Disconnect")
def disconnect(interp):
    "source target syn_dict Disconnect ->   remove the connection from source to target"
    s = interp.ostack
    if len(s) < 3:
        raise StackUnderflow(3, len(s))
    syn_spec = _dict(s[-1], 0)
    target, source = s[-2], s[-3]
    if type(target) is not int or type(source) is not int:
        raise ArgumentType(1)
    spec = to_kernel(syn_spec)
    model = spec.get("model", spec.get("synapse_model", "static_synapse"))
    # this single-connection path of the reference fails for a missing connection
    nestkernel.get_status_values([source, target], "global_id")  # UnknownNode first
    if len(nestkernel.get_connections([source], [target], str(model))) == 0:
        raise SliError("InexistentConnection",
                       "Deletion of connection is not possible because it does not exist.")
    nestkernel.disconnect(np.array([source]), np.array([target]), {"rule": "one_to_one"}, spec)
    del s[-3:]


@builtin("GetConnections_D")
def get_connections_d(interp):
    "dict GetConnections -> [conns]   connections matching /source, /target, /synapse_model"
    s = interp.ostack
    query = _dict(s[-1], 0)
    known = {"source", "target", "synapse_model", "synapse_label"}
    unknown = [str(k) for k in query.data if str(k) not in known]
    if unknown:
        raise SliError("DictError", "Unused dictionary items: " + " ".join(unknown))
    source = query.data.get("source")
    target = query.data.get("target")
    model = query.data.get("synapse_model")
    for value, level in ((source, "source"), (target, "target")):
        if value is not None and not (type(value) in (list, IntVector, GIDCollection)):
            raise SliError("ArgumentError", f"GetConnections: /{level} must be an array of node ids.")
    handles = nestkernel.get_connections(
        None if source is None else gids_of(source, 0),
        None if target is None else gids_of(target, 0),
        None if model is None else str(model))
    s[-1] = [Connection(h) for h in handles.tolist()]


# -- the network tree ----------------------------------------------------------------------------

@builtin("CurrentSubnet")
def current_subnet(interp):
    "-> gid   the current working subnet"
    interp.ostack.append(int(nestkernel.current_subnet()))


@builtin("ChangeSubnet")
def change_subnet(interp):
    "gid ChangeSubnet ->   make gid the working subnet"
    s = interp.ostack
    gid = s[-1]
    if type(gid) is not int:
        raise ArgumentType(0)
    nestkernel.change_subnet(gid)
    s.pop()


def _filter(gids: np.ndarray, props: Optional[Dictionary]) -> List[int]:
    result = [int(g) for g in gids]
    if props is None or not props.data:
        return result
    wanted = {str(k): to_kernel(v) for k, v in props.data.items()}
    kept = []
    for gid, status in zip(result, nestkernel.get_status(np.asarray(result, dtype=np.int64))):
        if all(_equal(status.get(k), v) for k, v in wanted.items()):
            kept.append(gid)
    return kept


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b))
    return type(a) is type(b) and a == b


def _tree(kind: str):
    def query(interp):
        s = interp.ostack
        props = None
        if type(s[-1]) is Dictionary:
            props = s[-1]
            gid = s[-2]
            n = 2
        else:
            gid = s[-1]
            n = 1
        if type(gid) is not int:
            raise ArgumentType(n - 1)
        if kind == "children":
            gids = nestkernel.get_children(gid)
        else:
            gids = nestkernel.get_nodes(gid, kind == "leaves")
        result = _filter(gids, props)
        del s[-n:]
        s.append(result)
    query.__doc__ = f"gid [dict] -> [gids]   the {kind} of a subnet (optionally filtered by status)"
    return kernel_call(query)


for _kind, _names in (("nodes", ("GetGlobalNodes", "GetLocalNodes")),
                      ("leaves", ("GetGlobalLeaves", "GetLocalLeaves")),
                      ("children", ("GetGlobalChildren", "GetLocalChildren"))):
    reg.builtin(*_names)(_tree(_kind))


@builtin("GetNetwork")
def get_network(interp):
    "gid depth GetNetwork -> nested array of the subnet's node ids"
    s = interp.ostack
    depth, gid = s[-1], s[-2]
    if type(depth) is not int or type(gid) is not int:
        raise ArgumentType(0)

    def walk(g: int, d: int) -> Any:
        children = [int(c) for c in nestkernel.get_children(g)]
        if d <= 1:
            return [g] + children
        out: list = [g]
        for c in children:
            grandchildren = nestkernel.get_children(c) if _is_subnet(c) else None
            out.append(walk(c, d - 1) if grandchildren is not None else c)
        return out

    result = walk(gid, depth)
    del s[-2:]
    s.append(result)


def _is_subnet(gid: int) -> bool:
    return str(nestkernel.get_status([gid])[0].get("model")) == "subnet"


@builtin("LayoutNetwork_l_a")
def layout_network(interp):
    "/model [d1 d2 ...] LayoutNetwork -> gid   nested subnets with model leaves"
    s = interp.ostack
    dims, model = s[-1], _literal(s[-2], 1)
    if type(dims) is not list or not all(type(d) is int for d in dims):
        raise ArgumentType(0)
    gid = nestkernel.layout_network(str(model), dims)
    del s[-2:]
    s.append(int(gid))


@builtin("PrintNetwork")
def print_network(interp):
    "gid depth PrintNetwork ->   print the network tree"
    s = interp.ostack
    depth, gid = s[-1], s[-2]
    if type(depth) is not int or type(gid) is not int:
        raise ArgumentType(0)
    text = nestkernel.print_network(gid, depth)
    del s[-2:]
    interp.write(text if text.endswith("\n") else text + "\n")


@builtin("Install")
def install(interp):
    "(module) Install ->   load an extension module"
    name = interp.ostack[-1]
    raise SliError("DynamicModuleManagementError",
                   f"Module '{name}' cannot be loaded: this build has no dynamically loadable modules.")


# -- tries of the kernel commands (variants written in SLI live in nest-init.sli) ---------------

reg.trie("GetDefaults", [("literaltype", "GetDefaults_l")])
reg.trie("SetDefaults", [("literaltype dictionarytype", "SetDefaults_l_D")])
reg.trie("Simulate", [("doubletype", "Simulate_d")])
reg.trie("Run", [("doubletype", "Run_d")])
reg.trie("cvgidcollection", [("integertype integertype", "cvgidcollection_i_i"),
                             ("arraytype", "cvgidcollection_ia"),
                             ("intvectortype", "cvgidcollection_iv")])


# -- random generators of virtual processes ------------------------------------------------------

_vp_rngs: Dict[Any, Any] = {}


def _rng_for(key: Any, seed: int):
    from sli.builtins.random import RNG

    rng = _vp_rngs.get(key)
    if rng is None or rng[0] != seed:
        rng = _vp_rngs[key] = (seed, RNG("MT19937", seed))
    return rng[1]


def _seed_material(obj: Any) -> Any:
    """The kernel's stand-in for an SLI generator in `rngs` / `grng`: 63 bits drawn from it.

    The kernel keeps its own xoshiro256** streams; a given generator restarts a stream from seed
    material drawn from it. Other values pass unchanged, so the kernel reports them (after its
    length check) as TypeMismatch.
    """
    from sli.builtins.random import RNG

    if type(obj) is not RNG:
        return to_kernel(obj)
    hi, lo = (int(x) for x in obj._raw32(2))
    return {"seed": ((hi << 32) | lo) & ((1 << 63) - 1)}


def _given_generators(params: Dictionary) -> Dict[str, Any]:
    """`rngs` / `grng` of a kernel SetStatus: key -> (kernel value, the SLI objects)."""
    given = {}
    for key, value in params.data.items():
        name = str(key)
        if name == "rngs":
            objs = list(value) if type(value) is list else value
            given[name] = ([_seed_material(x) for x in objs] if type(objs) is list else to_kernel(objs), objs)
        elif name == "grng":
            given[name] = (_seed_material(value), value)
    return given


def _adopt_generators(given: Dict[str, Any]) -> None:
    """After the kernel accepted them, GetVpRNG / GetGlobalRNG return the given generators."""
    if not given:
        return
    status = nestkernel.get_kernel_status()
    if "rngs" in given:
        seeds = list(status.get("rng_seeds", []))
        for vp, rng in enumerate(given["rngs"][1]):
            _vp_rngs[("vp", vp)] = (int(seeds[vp]) if vp < len(seeds) else vp + 1, rng)
    if "grng" in given:
        _vp_rngs["global"] = (int(status.get("grng_seed", 0)), given["grng"][1])


@builtin("GetVpRNG")
def get_vp_rng(interp):
    "gid GetVpRNG -> rng   a generator seeded like the node's virtual process (rng_seeds)"
    s = interp.ostack
    gid = s[-1]
    if type(gid) is not int:
        raise ArgumentType(0)
    status = nestkernel.get_kernel_status()
    n_vp = int(status.get("total_num_virtual_procs", 1))
    seeds = list(status.get("rng_seeds", [1]))
    vp = gid % n_vp
    s[-1] = _rng_for(("vp", vp), int(seeds[vp] if vp < len(seeds) else vp + 1))


@builtin("GetGlobalRNG")
def get_global_rng(interp):
    "-> rng   a generator seeded like the global generator (grng_seed)"
    status = nestkernel.get_kernel_status()
    interp.ostack.append(_rng_for("global", int(status.get("grng_seed", 0))))
