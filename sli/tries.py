"""Type tries: overloaded SLI commands dispatched on the types of the operands.

A trie is a tree whose level 0 looks at the top of the operand stack, level 1 at the object below,
and so on. Every level is an ordered set of alternatives (type name → subtree or leaf); ``anytype``
is always the last alternative of its level. Dispatch takes the first alternative that matches
exactly or is ``anytype``, and never backtracks (section 5.2 of the SLI specification).
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from .datums import TYPE_NAMES, Builtin, register_type
from .errors import ArgumentType, SliError, StackUnderflow

ANY = "anytype"


class _Leaf:
    __slots__ = ("obj",)

    def __init__(self, obj: Any):
        self.obj = obj


class Trie:
    """An overloaded command (SLI ``trietype``)."""

    __slots__ = ("name", "root", "execute", "fast")

    def __init__(self, name: str):
        self.name = name
        self.root: Dict[str, Any] = {}
        self.fast: Optional[Callable] = None
        self.execute = self._dispatch

    # -- building ------------------------------------------------------------------------------

    def add(self, signature: Sequence[str], obj: Any) -> bool:
        """Add a variant; ``signature`` lists type names from the deepest operand to the top.

        Returns False (and leaves the trie unchanged) for an ambiguous definition.
        """
        if not signature:
            raise ArgumentType(0, "A type signature must contain at least one type.")
        path = list(reversed([str(t) for t in signature]))
        node = self.root
        for depth, tname in enumerate(path):
            last = depth == len(path) - 1
            child = node.get(tname)
            if last:
                if child is not None and not isinstance(child, _Leaf):
                    return False
                node[tname] = _Leaf(obj)
            else:
                if isinstance(child, _Leaf):
                    return False
                if child is None:
                    child = node[tname] = {}
                node = child
        self._keep_any_last(self.root)  # anytype stays the last alternative of its level
        if self.fast is not None:  # a user overload invalidates the builtin shortcut
            self.fast = None
            self.execute = self._dispatch
        return True

    @classmethod
    def _keep_any_last(cls, node: Dict[str, Any]) -> None:
        if ANY in node and next(reversed(node)) != ANY:
            node[ANY] = node.pop(ANY)
        for child in node.values():
            if not isinstance(child, _Leaf):
                cls._keep_any_last(child)

    def set_fast_path(self, fn: Callable) -> None:
        """Install a shortcut ``fn(interp)`` that handles the builtin variants itself and calls
        :meth:`_dispatch` for everything else. Removed as soon as the trie is changed."""
        self.fast = fn
        self.execute = fn

    # -- dispatch ------------------------------------------------------------------------------

    def select(self, ostack: List[Any]) -> Any:
        """The variant for the current operand stack (raises StackUnderflow/ArgumentType)."""
        node = self.root
        level = 0
        n = len(ostack)
        names = TYPE_NAMES
        while True:
            if level >= n:
                raise StackUnderflow(level + 1, n)
            child = node.get(names.get(type(ostack[-1 - level])))
            if child is None:
                child = node.get(ANY)
                if child is None:
                    raise ArgumentType(level)
            if type(child) is _Leaf:
                return child.obj
            node = child
            level += 1

    def _dispatch(self, interp) -> None:
        try:
            variant = self.select(interp.ostack)
        except SliError as err:
            err.command = self.name
            err.command_object = self
            raise
        if type(variant) is Builtin:
            try:
                variant.fn(interp)
            except SliError as err:
                if err.command is None:
                    err.command = variant.name
                raise
        else:
            interp.schedule(variant)

    # -- introspection -------------------------------------------------------------------------

    def variants(self) -> List[Tuple[List[str], Any]]:
        """All (signature deepest→top, object) pairs in the reference's listing order."""
        out: List[Tuple[List[str], Any]] = []

        def walk(node: Dict[str, Any], path: List[str]) -> None:
            for tname, child in node.items():
                if isinstance(child, _Leaf):
                    out.append((list(reversed(path + [tname])), child.obj))
                else:
                    walk(child, path + [tname])

        walk(self.root, [])
        return out

    def lookup(self, signature: Sequence[str]) -> Optional[Any]:
        node: Any = self.root
        for tname in reversed(list(signature)):
            if isinstance(node, _Leaf) or tname not in node:
                return None
            node = node[tname]
        return node.obj if isinstance(node, _Leaf) else None

    def as_arrays(self) -> list:
        """``cva`` form: ``[/type [next] [alternatives]]`` per node, ``[obj]`` per leaf."""
        from .datums import lit

        def node_array(node: Dict[str, Any]) -> list:
            items = list(node.items())
            result: list = []
            for tname, child in reversed(items):
                sub = [child.obj] if isinstance(child, _Leaf) else node_array(child)
                result = [lit(tname), sub, result]
            return result

        return node_array(self.root)

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"+{self.name}+"


register_type(Trie, "trietype")
