"""Helpers shared by the high-level API: argument checks, broadcasting, deprecation, error hints."""
from __future__ import annotations

import functools
import numbers
import os
import sys
import warnings
from typing import Any, Callable, Dict, Iterable, List, Sequence

import numpy as np

from ..exceptions import NESTError, SLIException
from ..ll_api import SLILiteral, spp, sps, sr, stack_checker

__all__ = ["is_iterable", "is_literal", "is_string", "is_sequence_of_gids", "broadcast",
           "deprecated", "warn_deprecated", "NESTDeprecationWarning", "api", "spp", "sps", "sr",
           "SLILiteral", "literal_code"]

_shown_deprecations: set = set()
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class NESTDeprecationWarning(UserWarning):
    """A deprecated PyNEST function, model or argument was used.

    A UserWarning, as in the reference: Python hides DeprecationWarning unless it is raised
    directly in ``__main__``, and the user would never see it.
    """


def warn_deprecated(message: str) -> None:
    """Warn, attributing the warning to the first caller outside the nest package."""
    frame = sys._getframe(0)  # stacklevel 1 is this function
    level = 1
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    warnings.warn(message, NESTDeprecationWarning, stacklevel=level)


def is_iterable(obj: Any) -> bool:
    try:
        iter(obj)
    except TypeError:
        return False
    return True


def is_string(obj: Any) -> bool:
    return isinstance(obj, str)


def is_literal(obj: Any) -> bool:
    return isinstance(obj, (str, SLILiteral))


def is_sequence_of_gids(seq: Any) -> bool:
    return isinstance(seq, (list, tuple, range)) and all(
        isinstance(x, numbers.Integral) and not isinstance(x, bool) for x in seq)


def literal_code(name: Any) -> str:
    """SLI source text of a literal for a model or key name (``/iaf_neuron``)."""
    text = str(name)
    if not text or any(c in text for c in " \t\r\n()[]{}/%<>"):
        raise NESTError(f"'{text}' is not a valid name: names must be non-empty and contain no "
                        "white space or the characters ()[]{}/%<>.")
    return "/" + text


def broadcast(item: Any, length: int, allowed_types: tuple, name: str = "item") -> List[Any]:
    """Return ``item`` as a list of ``length`` elements (a single value is repeated)."""
    if isinstance(item, allowed_types):
        return [item] * length
    if len(item) == 1:
        return list(item) * length
    if len(item) != length:
        raise TypeError(f"'{name}' must be a single value, a list with one element or a list "
                        f"with {length} elements.")
    return list(item)


def deprecated(alt: str = "", text: str = "") -> Callable:
    """Mark a function as deprecated: the first call per session prints a warning."""

    def decorate(f: Callable) -> Callable:
        @functools.wraps(f)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if f.__name__ not in _shown_deprecations:
                _shown_deprecations.add(f.__name__)
                msg = text or (f"{f.__name__} is deprecated and will be removed in a future "
                               "version of NEST." + (f" Use {alt} instead." if alt else ""))
                warn_deprecated(msg)
            return f(*args, **kwargs)

        return wrapper

    return decorate


def _int_values(obj: Any, path: str = "") -> List[str]:
    """Paths of int values inside dicts/lists (candidates for an int-for-double mistake)."""
    found = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            found += _int_values(v, f"{path}['{k}']" if path else repr(k))
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            if isinstance(v, (dict, list, tuple)):
                found += _int_values(v, f"{path}[{i}]")
    elif isinstance(obj, (int, np.integer)) and not isinstance(obj, bool) and path:
        found.append(f"{path}: {obj}")
    return found


def _hint(err: SLIException, fname: str, args: Sequence[Any], kwargs: Dict[str, Any]) -> str:
    hint = f"(raised by nest.{fname})"
    if err.errorname == "TypeMismatch" and "doubletype" in err.errormessage:
        ints = [p for a in list(args) + list(kwargs.values()) for p in _int_values(a)]
        if ints:
            first = ints[0].split(": ")
            hint += (f"\nA floating-point number is expected where an integer was given "
                     f"({', '.join(ints)}): write {first[1]}.0 instead of {first[1]}.")
        else:
            hint += "\nA floating-point number is expected: write e.g. 376.0, not 376."
    elif err.errorname == "UnknownModelName":
        hint += "\nnest.Models() lists the available models."
    elif err.errorname == "DictError" and "Unused dictionary items" in err.errormessage:
        hint += "\nGetDefaults(model) lists the properties a model accepts."
    return hint


def api(f: Callable) -> Callable:
    """Decorate a public function: stack checking in debug mode, and errors that name the
    Python call that failed and, where it is obvious, the fix."""
    checked = stack_checker(f)

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return checked(*args, **kwargs)
        except SLIException as err:
            if not err.hint:
                err.hint = _hint(err, f.__name__, args, kwargs)
                err.args = (f"{err.errorname} in {err.commandname}{err.errormessage}\n{err.hint}",)
            raise

    return wrapper
