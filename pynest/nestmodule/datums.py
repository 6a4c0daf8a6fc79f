"""SLI datum types of the kernel: global-id collections and connection handles."""
from __future__ import annotations

from array import array
from typing import Any

import numpy as np

from sli.datums import register_type


class GIDCollection:
    """SLI ``gidcollectiontype``: an ordered set of global ids (a numpy int64 array)."""

    __slots__ = ("gids",)

    def __init__(self, gids: Any):
        self.gids = np.asarray(gids, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.gids)

    def __eq__(self, other: object) -> bool:
        return type(other) is GIDCollection and np.array_equal(self.gids, other.gids)

    def __hash__(self) -> int:
        return id(self)

    def sli_syntax(self) -> str:
        g = self.gids
        if len(g) > 1 and np.all(np.diff(g) == 1):
            return f"<gidcollection {g[0]}..{g[-1]}>"
        return "<gidcollection " + " ".join(str(int(x)) for x in g[:20]) + (" ...>" if len(g) > 20 else ">")

    def to_python(self) -> tuple:
        return tuple(int(x) for x in self.gids)


class Connection:
    """SLI ``connectiontype``: (source, target, target thread, synapse id, port)."""

    __slots__ = ("handle",)

    def __init__(self, handle: Any):
        self.handle = tuple(int(x) for x in handle)

    def __eq__(self, other: object) -> bool:
        return type(other) is Connection and self.handle == other.handle

    def __hash__(self) -> int:
        return hash(self.handle)

    def sli_syntax(self) -> str:
        return "<connection " + " ".join(str(x) for x in self.handle) + ">"

    def to_python(self) -> array:
        return array("l", self.handle)


register_type(GIDCollection, "gidcollectiontype")
register_type(Connection, "connectiontype")
