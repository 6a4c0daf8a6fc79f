"""Builtin SLI operators, one module per topic.

How to write a builtin
----------------------
A builtin is a Python function ``fn(interp)`` working on ``interp.ostack`` (a list, top of stack
at the end). Register it on the module's :class:`Registry`::

    reg = Registry()

    @reg.builtin("exch", "exch_")
    def exch(interp):
        "a b -> b a   swap the two top objects"
        s = interp.ostack
        s[-1], s[-2] = s[-2], s[-1]

Rules:

* Check operands *before* removing any: on error the operands must stay on the stack. An
  ``IndexError`` escaping a builtin becomes ``StackUnderflow``; raise :class:`~sli.errors.SliError`
  (or ``ArgumentType``, ``range_check()``, ``type_mismatch()``) for everything else. The command
  name in the error message is filled in by the interpreter.
* Never call the interpreter loop recursively. To execute SLI code, put it on the execution stack
  with ``interp.schedule(obj)`` and return; a builtin that must run code repeatedly and continue
  afterwards is a generator wrapped by :func:`generator_builtin` (see ``Table`` in arrays.py).
* Arrays (Python lists) are never mutated in place: build a new list.
* The docstring's first line is the stack signature shown by ``help``.

Overloaded operators are type tries: ``reg.trie(name, [(signature, leaf), ...])`` where the
signature lists SLI type names from the deepest operand to the top, and ``leaf`` is the name of a
registered builtin or a Python function (for variants that the reference implements in SLI).
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, List, Optional, Tuple

from ..datums import Builtin
from ..frames import GeneratorFrame


class Registry:
    """Collects the builtins and tries of one module; :meth:`install` puts them in systemdict."""

    def __init__(self) -> None:
        self.builtins: List[Tuple[Tuple[str, ...], Callable, str]] = []
        self.tries: List[Tuple[str, List[Tuple[str, Any]], str]] = []
        self.fast_paths: List[Tuple[str, Callable]] = []
        self.constants: List[Tuple[str, Any]] = []

    def builtin(self, *names: str) -> Callable:
        def register(fn: Callable) -> Callable:
            self.builtins.append((names, fn, (fn.__doc__ or "").strip()))
            return fn

        return register

    def trie(self, name: str, variants: Iterable[Tuple[str, Any]], doc: str = "") -> None:
        self.tries.append((name, list(variants), doc))

    def fast_path(self, name: str) -> Callable:
        """Register ``factory(trie) -> fn(interp)``, a shortcut for the hot variants of a trie."""

        def register(factory: Callable) -> Callable:
            self.fast_paths.append((name, factory))
            return factory

        return register

    def constant(self, name: str, value: Any) -> None:
        self.constants.append((name, value))

    def install_builtins(self, interp) -> None:
        for key, value in self.constants:
            interp.systemdict[key] = value
        for names, fn, doc in self.builtins:
            for key in names:
                interp.define_builtin(key, fn, doc)

    def install_tries(self, interp) -> None:
        for key, variants, doc in self.tries:
            resolved = []
            for signature, leaf in variants:
                if callable(leaf) and not isinstance(leaf, Builtin):
                    leaf = Builtin(key, leaf, (leaf.__doc__ or "").strip())
                resolved.append((signature, leaf))
            interp.define_trie(key, resolved, doc or next((b.doc for _, b in resolved
                                                           if isinstance(b, Builtin) and b.doc), ""))

    def install_fast_paths(self, interp) -> None:
        for key, factory in self.fast_paths:
            trie = interp.systemdict[key]
            trie.set_fast_path(factory(trie))


def generator_builtin(name: str, gen_fn: Callable, is_loop: bool = True) -> Callable:
    """Wrap ``gen_fn(interp)`` (a generator yielding objects to execute) as a builtin.

    The generator validates its operands before its first ``yield`` (raise SliError there to
    leave them on the stack). After each yielded object has run, it resumes and can inspect the
    stack. ``exit`` terminates it when ``is_loop`` is True.
    """

    def start(interp) -> None:
        gen = gen_fn(interp)
        frame = GeneratorFrame(gen, name, is_loop)
        interp.estack.append(frame)
        try:
            obj = next(gen)
        except StopIteration:
            interp.estack.pop()
            return
        except BaseException:
            interp.estack.pop()
            raise
        interp.schedule(obj)

    start.__doc__ = gen_fn.__doc__
    return start


def pop_n(interp, n: int) -> List[Any]:
    """Remove and return the top ``n`` operands (deepest first); StackUnderflow if too few."""
    s = interp.ostack
    if len(s) < n:
        raise IndexError
    items = s[-n:]
    del s[-n:]
    return items


ALL_MODULES = (
    "stack",
    "control",
    "math",
    "types",
    "dicts",
    "arrays",
    "strings",
    "io",
    "filesystem",
    "system",
    "regex",
    "random",
    "messages",
    "help",
)


def registries() -> List[Registry]:
    """The registries of every builtin module that exists, in installation order."""
    import importlib

    regs = []
    for mod in ALL_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{mod}")
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{mod}":
                raise
            continue
        regs.append(module.reg)
    return regs
