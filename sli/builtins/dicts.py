"""Definitions, the dictionary stack, dictionaries, namespaces and type tries (6.6–6.8)."""
from __future__ import annotations

from ..datums import (
    Builtin,
    Dictionary,
    Literal,
    LiteralProcedure,
    Name,
    Procedure,
    lit,
    type_name,
)
from ..errors import ArgumentType, SliError
from ..printing import to_syntax, to_text
from ..tries import Trie
from . import Registry

reg = Registry()


def _literal(obj, level: int) -> Literal:
    if type(obj) is not Literal:
        raise ArgumentType(level)
    return obj


def _dict(obj, level: int) -> Dictionary:
    if type(obj) is not Dictionary:
        raise ArgumentType(level)
    return obj


# -- definitions ---------------------------------------------------------------------------------

@reg.builtin("def_")
def def_(interp):
    "/name obj ->   define name in the current dictionary"
    s = interp.ostack
    key = _literal(s[-2], 1)
    value = s.pop()
    s.pop()
    interp.dstack[-1][key] = value


def _typed_def(interp):
    "/name [/t1 ... /tn] obj ->   add an overloaded variant with the given type signature"
    s = interp.ostack
    key, types, value = s[-3], s[-2], s[-1]
    if not all(type(t) is Literal for t in types):
        raise ArgumentType(1, "The type signature must be an array of type names (literals).")
    existing = interp.lookup(key)
    if not types:
        if type(existing) is Trie:
            raise SliError("AmbiguousParameterListError",
                           f"/{key} is overloaded; a definition with an empty parameter list is ambiguous.")
        del s[-3:]
        interp.dstack[-1][key] = value
        return
    trie = existing if type(existing) is Trie else Trie(str(key))
    if not trie.add([str(t) for t in types], value):
        interp.emit_message(40, "def", f"Ambiguous function definition for /{key}: the signature "
                            "extends or is extended by an existing one. Definition ignored.")
    del s[-3:]
    interp.dstack[-1][key] = trie


reg.builtin(":def_")(_typed_def)
reg.trie("def", [
    ("literaltype proceduretype", "def_"),
    ("literaltype arraytype proceduretype", ":def_"),
    ("literaltype anytype", "def_"),
    ("literaltype arraytype anytype", ":def_"),
])


def _fast_def(trie):
    slow = trie._dispatch

    def fast(interp):
        s = interp.ostack
        if len(s) > 1 and type(s[-2]) is Literal:
            key = s[-2]
            value = s.pop()
            s.pop()
            d = interp.dstack[-1]
            d.data[key] = value
            interp._cache[key] = value  # d is the top dictionary: it shadows all others
            return
        slow(interp)
    return fast


reg.fast_path("def")(_fast_def)


def _set_names(interp, values, names) -> None:
    if type(names) is list:
        if type(values) is not list or len(values) != len(names):
            raise SliError("DimensionMismatch", "Set: values and names must have the same structure.")
        for v, n in zip(values, names):
            _set_names(interp, v, n)
        return
    if type(names) is not Literal:
        raise ArgumentType(0)
    interp.dstack[-1][names] = values


@reg.builtin("Set_")
def set_(interp):
    "obj /name ->   define name (arguments in reverse order of def)"
    s = interp.ostack
    key = _literal(s[-1], 0)
    s.pop()
    interp.dstack[-1][key] = s.pop()


def _set_arrays(interp):
    "[v1 ... vn] [/n1 ... /nn] ->   define every name with the matching value"
    s = interp.ostack
    _set_names(interp, s[-2], s[-1])
    del s[-2:]


reg.trie("Set", [("anytype literaltype", "Set_"), ("arraytype arraytype", _set_arrays)])


@reg.builtin("load")
def load(interp):
    "/name -> obj   value of name from the dictionary stack, not executed"
    s = interp.ostack
    key = s[-1]
    if type(key) not in (Literal, Name):
        raise ArgumentType(0)
    value = interp.lookup(key)
    if value is None:
        raise SliError("UndefinedName", f"Key '/{key}' does not exist in dictionary.")
    s[-1] = value


@reg.builtin("lookup")
def lookup(interp):
    "/name -> obj true | false"
    s = interp.ostack
    key = s[-1]
    if type(key) not in (Literal, Name):
        raise ArgumentType(0)
    value = interp.lookup(key)
    if value is None:
        s[-1] = False
    else:
        s[-1] = value
        s.append(True)


@reg.builtin("known_")
def known(interp):
    "dict /key -> bool   is key defined in dict"
    s = interp.ostack
    key = s[-1]
    d = _dict(s[-2], 1)
    if type(key) not in (Literal, Name):
        raise ArgumentType(0)
    s.pop()
    s[-1] = key in d.data


reg.trie("known", [("dictionarytype literaltype", "known_")])


@reg.builtin("undef", "undef_")
def undef(interp):
    "dict /key ->   remove key from dict"
    s = interp.ostack
    key = s[-1]
    d = _dict(s[-2], 1)
    del s[-2:]
    if key in d.data:
        del d[key]


# -- the dictionary stack ------------------------------------------------------------------------

@reg.builtin("begin", "begin_")
def begin(interp):
    "dict ->   push dict on the dictionary stack"
    s = interp.ostack
    d = _dict(s[-1], 0)
    s.pop()
    interp.begin(d)


@reg.builtin("end")
def end(interp):
    "->   pop the dictionary stack"
    interp.end()


@reg.builtin("currentdict")
def currentdict(interp):
    "-> dict   top of the dictionary stack"
    interp.ostack.append(interp.dstack[-1])


@reg.builtin("countdictstack")
def countdictstack(interp):
    "-> n"
    interp.ostack.append(len(interp.dstack))


@reg.builtin("dictstack")
def dictstack(interp):
    "-> [dicts]   the dictionary stack, bottom first"
    interp.ostack.append(list(interp.dstack))


@reg.builtin("cleardictstack")
def cleardictstack(interp):
    "->   pop all but the two bottom dictionaries"
    interp.set_dstack(interp.dstack[:2])


@reg.builtin("restoredstack")
def restoredstack(interp):
    "[dicts] ->   replace the dictionary stack"
    s = interp.ostack
    dicts = s[-1]
    if type(dicts) is not list or not all(type(d) is Dictionary for d in dicts) or not dicts:
        raise ArgumentType(0)
    s.pop()
    interp.set_dstack(dicts)


# -- bind ----------------------------------------------------------------------------------------

def bind_procedure(interp, proc: Procedure) -> Procedure:
    """Replace names bound to builtins or tries by those objects, recursively."""
    out = []
    for obj in proc.body:
        t = type(obj)
        if t is Name:
            value = interp.lookup(obj)
            if type(value) in (Builtin, Trie):
                obj = value
        elif t is LiteralProcedure:
            obj = LiteralProcedure(bind_procedure(interp, obj.proc))
        elif t is Procedure:
            obj = bind_procedure(interp, obj)
        out.append(obj)
    return Procedure(out, proc.lines, proc.source)


@reg.builtin("bind")
def bind(interp):
    "proc -> proc   replace names of builtins and tries by the objects themselves"
    s = interp.ostack
    proc = s[-1]
    if type(proc) is not Procedure:
        raise ArgumentType(0)
    s[-1] = bind_procedure(interp, proc)


# -- dictionaries --------------------------------------------------------------------------------

@reg.builtin(">>")
def close_dict(interp):
    "mark /k1 v1 ... /kn vn -> dict   build a dictionary (the first of duplicate keys wins)"
    s = interp.ostack
    i = len(s) - 1
    while i >= 0 and not (type(s[i]) is Literal and s[i] == "mark"):
        i -= 1
    if i < 0:
        raise SliError("UnmatchedMark")
    items = s[i + 1:]
    if len(items) % 2:
        raise ArgumentType(0, "Initializer list must be pairs of literal and value.")
    data = {}
    for k in range(0, len(items), 2):
        key = items[k]
        if type(key) is not Literal:
            raise ArgumentType(0, "Literal expected as dictionary key.")
        if key not in data:
            data[key] = items[k + 1]
    del s[i:]
    s.append(Dictionary(data))


@reg.builtin("dict")
def dict_(interp):
    "-> dict   a new empty dictionary"
    interp.ostack.append(Dictionary())


@reg.builtin("get_d")
def get_d(interp):
    "dict /key -> value"
    s = interp.ostack
    d, key = s[-2], s[-1]
    value = d.data.get(key)
    if value is None:
        raise SliError("DictError", f"Key '/{key}' does not exist in dictionary.")
    s.pop()
    s[-1] = value


@reg.builtin("put_d")
def put_d(interp):
    "dict /key value ->   store key"
    s = interp.ostack
    d, key, value = s[-3], s[-2], s[-1]
    del s[-3:]
    d[key] = value


@reg.builtin("length_d")
def length_d(interp):
    "dict -> n"
    s = interp.ostack
    s[-1] = len(s[-1].data)


@reg.builtin("empty_D")
def empty_d(interp):
    "dict -> dict bool"
    s = interp.ostack
    s.append(not s[-1].data)


@reg.builtin("keys")
def keys(interp):
    "dict -> [/k1 ...]"
    s = interp.ostack
    d = _dict(s[-1], 0)
    s[-1] = [lit(k) for k in d.keys_in_order()]


@reg.builtin("values")
def values(interp):
    "dict -> [v1 ...]   values in the order of keys"
    s = interp.ostack
    d = _dict(s[-1], 0)
    s[-1] = [v for _, v in d.items_in_order()]


@reg.builtin("cleardict")
def cleardict(interp):
    "dict ->   remove all entries"
    s = interp.ostack
    d = _dict(s[-1], 0)
    s.pop()
    d.clear()


@reg.builtin("clonedict")
def clonedict(interp):
    "dict -> dict dict'   shallow copy"
    s = interp.ostack
    d = _dict(s[-1], 0)
    s.append(Dictionary(dict(d.data)))


@reg.builtin("join_d")
def join_d(interp):
    "dict1 dict2 ->   copy the entries of dict2 into dict1"
    s = interp.ostack
    a, b = _dict(s[-2], 1), _dict(s[-1], 0)
    del s[-2:]
    for k, v in b.data.items():
        a[k] = v


def dict_table(d: Dictionary) -> str:
    rows = sorted(d.data.items(), key=lambda kv: str(kv[0]))
    out = ["--------------------------------------------------",
           f"{'Name':<25}{'Type':<25}Value",
           "--------------------------------------------------"]
    for k, v in rows:
        text = to_syntax(v) if type(v) in (int, float, bool, str, Literal) else to_text(v)
        if len(text) > 30:
            text = text[:27] + "..."
        out.append(f"{str(k):<25}{type_name(v):<25}{text}")
    out.append("--------------------------------------------------")
    out.append(f"Total number of entries: {len(d.data)}")
    return "\n".join(out) + "\n"


@reg.builtin("info_d")
def info_d(interp):
    "ostream dict ->   print the dictionary's contents"
    s = interp.ostack
    d = _dict(s[-1], 0)
    stream = s[-2]
    del s[-2:]
    stream.write(dict_table(d))


def _info(interp):
    "dict ->   print the dictionary's contents (sorted table)"
    s = interp.ostack
    d = _dict(s[-1], 0)
    s.pop()
    interp.write(dict_table(d))


def _info_trie(interp):
    "trie ->   print the variants of a trie"
    from ..interpreter import trie_candidate_lines

    t = interp.ostack.pop()
    interp.write("\n".join(trie_candidate_lines(t)) + "\n")


reg.trie("info", [("dictionarytype", _info), ("trietype", _info_trie)])


@reg.builtin("who")
def who(interp):
    "->   print the current dictionary"
    interp.write(dict_table(interp.dstack[-1]))


@reg.builtin("whos")
def whos(interp):
    "->   print every dictionary of the dictionary stack"
    for d in reversed(interp.dstack):
        interp.write(dict_table(d))


@reg.builtin("SubsetQ")
def subsetq(interp):
    "dict1 dict2 -> bool   every key of dict2 is in dict1 with an equal value"
    from ..datums import datum_equal

    s = interp.ostack
    a, b = _dict(s[-2], 1), _dict(s[-1], 0)
    result = all(k in a.data and datum_equal(a.data[k], v) for k, v in b.data.items())
    s.pop()
    s[-1] = result


def _append_to(interp, join: bool):
    s = interp.ostack
    target = None
    if type(s[-1]) is Dictionary:
        target = s[-1]
        key = _literal(s[-2], 1)
        obj = s[-3]
        n = 3
    else:
        key = _literal(s[-1], 0)
        obj = s[-2]
        n = 2
    holder = target if target is not None else None
    current = (holder.data.get(key) if holder is not None else interp.lookup(key))
    if current is None:
        raise SliError("UndefinedName", f"Key '/{key}' does not exist in dictionary.")
    if join:
        if type(current) is Dictionary and type(obj) is Dictionary:
            for k, v in obj.data.items():
                current[k] = v
            del s[-n:]
            return
        if type(current) is list and type(obj) is list:
            new = current + obj
        elif type(current) is str and type(obj) is str:
            new = current + obj
        else:
            raise ArgumentType(n - 1)
    else:
        if type(current) is list:
            new = current + [obj]
        elif type(current) is str and type(obj) is int:
            new = current + chr(obj & 0xFF)
        else:
            raise ArgumentType(n - 1)
    del s[-n:]
    (holder if holder is not None else interp.dstack[-1])[key] = new


@reg.builtin("AppendTo")
def append_to(interp):
    "obj /name -> | obj /name dict ->   append obj to the array stored under name"
    _append_to(interp, join=False)


@reg.builtin("JoinTo")
def join_to(interp):
    "container /name -> | container /name dict ->   join container to the one stored under name"
    _append_to(interp, join=True)


# -- namespaces ----------------------------------------------------------------------------------

@reg.builtin("namespace")
def namespace(interp):
    "/name namespace   open (create if needed) the dictionary name and push it"
    s = interp.ostack
    key = _literal(s[-1], 0)
    current = interp.dstack[-1]
    d = current.data.get(key)
    if d is None:
        d = Dictionary()
        current[key] = d
    elif type(d) is not Dictionary:
        raise SliError("TypeMismatchError", f"/{key} is not a namespace (a dictionary).")
    s.pop()
    interp.begin(d)


@reg.builtin("using")
def using(interp):
    "/name using | dict using   make a namespace's names visible; close with endusing"
    s = interp.ostack
    obj = s[-1]
    if type(obj) is Literal:
        d = interp.lookup(obj)
        if d is None:
            raise SliError("UndefinedNameError", f"Namespace /{obj} is not known.")
        if type(d) is not Dictionary:
            raise SliError("TypeMismatchError", f"/{obj} is not a namespace (a dictionary).")
    elif type(obj) is Dictionary:
        d = obj
    else:
        raise ArgumentType(0)
    s.pop()
    current = interp.dstack[-1]
    interp.begin(d)
    interp.begin(current)


@reg.builtin("endusing")
def endusing(interp):
    "->   close a using block"
    interp.end()
    interp.end()


_END = Builtin("end", lambda interp: interp.end())


def _call(interp, d: Dictionary, key) -> None:
    value = d.data.get(key)
    if value is None:
        raise SliError("UnknownMember", f"/{key} is not a member of the dictionary.")
    interp.begin(d)
    interp.estack.append(_END)
    interp.schedule(value)


@reg.builtin("call", "call_")
def call(interp):
    "dict /name call   execute name from dict with dict on the dictionary stack"
    s = interp.ostack
    d, key = _dict(s[-2], 1), _literal(s[-1], 0)
    del s[-2:]
    _call(interp, d, key)


def _nested(depth):
    def lookup_path(interp):
        s = interp.ostack
        items = s[-(depth + 1):]
        d = items[0]
        for key in items[1:-1]:
            nxt = d.data.get(key)
            if type(nxt) is not Dictionary:
                raise SliError("UnknownMember", f"/{key} is not a dictionary member.")
            d = nxt
        del s[-(depth + 1):]
        _call(interp, d, items[-1])
    lookup_path.__doc__ = "dict /n1 ... /nk :: ->   execute a name looked up through nested dictionaries"
    return lookup_path


reg.trie("::", [
    ("dictionarytype literaltype", "call"),
    ("dictionarytype literaltype literaltype", _nested(2)),
    ("dictionarytype literaltype literaltype literaltype", _nested(3)),
    ("dictionarytype literaltype literaltype literaltype literaltype", _nested(4)),
])


# -- type tries ----------------------------------------------------------------------------------

@reg.builtin("trie", "trie_")
def trie(interp):
    "/name -> trie   a new empty type trie"
    s = interp.ostack
    key = _literal(s[-1], 0)
    s[-1] = Trie(str(key))


@reg.builtin("addtotrie", "addtotrie_")
def addtotrie(interp):
    "trie [/t1 ... /tn] obj -> trie   add a variant (types deepest first)"
    s = interp.ostack
    t, types = s[-3], s[-2]
    if type(t) is not Trie:
        raise ArgumentType(2)
    if type(types) is not list or not types or not all(type(x) is Literal for x in types):
        raise ArgumentType(1, "The type array must be a non-empty array of type names (literals).")
    obj = s.pop()
    s.pop()
    if not t.add([str(x) for x in types], obj):
        interp.emit_message(40, "addtotrie", "Ambiguous function definition: variant ignored.")


@reg.builtin("cva_t")
def cva_t(interp):
    "trie -> array   the trie as nested arrays"
    s = interp.ostack
    s[-1] = s[-1].as_arrays()


@reg.builtin("cvt_a")
def cvt_a(interp):
    "/name array -> trie   rebuild a trie from its cva form"
    s = interp.ostack
    key, arr = _literal(s[-2], 1), s[-1]
    t = Trie(str(key))

    def walk(node, path):
        while node:
            tname, sub, alt = node
            if len(sub) == 1:
                t.add(list(reversed(path + [str(tname)])), sub[0])
            else:
                walk(sub, path + [str(tname)])
            node = alt

    walk(arr, [])
    del s[-2:]
    s.append(t)


@reg.builtin("trieinfo", "trieinfo_os_t")
def trieinfo(interp):
    "ostream trie ->   print the variants of a trie"
    from ..interpreter import trie_candidate_lines

    s = interp.ostack
    t = s.pop()
    stream = s.pop()
    stream.write("\n".join(trie_candidate_lines(t)) + "\n")


@reg.builtin("variant")
def variant(interp):
    "/name [/types] -> obj true | false   the variant of a trie for a signature"
    s = interp.ostack
    key, types = _literal(s[-2], 1), s[-1]
    t = interp.lookup(key)
    del s[-2:]
    obj = t.lookup([str(x) for x in types]) if type(t) is Trie else None
    if obj is None:
        s.append(False)
    else:
        s.append(obj)
        s.append(True)
