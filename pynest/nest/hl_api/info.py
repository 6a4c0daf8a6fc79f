"""Information: version, help, messages and verbosity."""
from __future__ import annotations

import os
import sys
import tempfile
import webbrowser
from html import escape
from typing import Any, Optional

from sli.builtins.help import documented_names, format_help

from .. import ll_api
from ..exceptions import NESTError
from .helpers import api, literal_code, spp, sps, sr

__all__ = ["sysinfo", "authors", "version", "message", "get_verbosity", "set_verbosity", "help",
           "helpdesk", "get_argv"]

_LEVELS = {"M_ALL": 0, "M_DEBUG": 5, "M_STATUS": 7, "M_INFO": 10, "M_DEPRECATED": 18,
           "M_WARNING": 20, "M_ERROR": 30, "M_FATAL": 40, "M_QUIET": 100}


@api
def sysinfo() -> None:
    """Print information about this build and machine."""
    sr("sysinfo")


@api
def authors() -> None:
    """Print the authors of this implementation."""
    sr("authors")


@api
def version() -> str:
    """Kernel name and version, e.g. ``"NEST nest2-0.1.0"``."""
    sr("statusdict /kernelname known { statusdict /kernelname get } { (NEST) } ifelse "
       "statusdict /version get")
    v = spp()
    name = spp()
    return f"{name} {v}"


@api
def message(level: int, sender: str, text: str) -> None:
    """Print a log message (shown if ``level`` is at least the verbosity)."""
    sps(level)
    sps(sender)
    sps(text)
    sr("message")


@api
def get_verbosity() -> int:
    """Current verbosity level (messages below it are suppressed)."""
    sr("verbosity")
    return spp()


@api
def set_verbosity(level: Any) -> None:
    """Set the verbosity: a level name ("M_ALL" ... "M_QUIET") or its number."""
    if isinstance(level, str):
        if level not in _LEVELS:
            raise ValueError(f"unknown verbosity level {level!r}; use one of {', '.join(_LEVELS)}")
        sr(f"{level} setverbosity")
    else:
        sps(int(level))
        sr("setverbosity")


def _help_text(obj: str) -> str:
    """The help page of a model (complete as the kernel gives it) or of an SLI command (as SLI's
    ``help`` shows it: synopsis, description, variants of an overloaded command)."""
    interp = ll_api.engine
    name = str(obj)
    text = interp.help_texts.get(name)
    if text and text.startswith("Name:"):
        return text
    page = format_help(interp, name)
    if page is None:
        raise NESTError(f"No help available for '{obj}'. nest.helpdesk() lists all documented "
                        "models and commands.")
    return page


def _documented_names() -> list:
    interp = ll_api.engine
    models = [k for k, v in interp.help_texts.items() if v.startswith("Name:")]
    return sorted(set(documented_names(interp)) | set(models))


def help(obj: Optional[Any] = None, pager: Optional[str] = None, return_text: bool = False) -> Optional[str]:
    """Show the documentation of a model or command (``nest.help("iaf_psc_alpha")``).

    Without an argument, explain how to get help. ``return_text=True`` returns the text
    instead of printing it; ``pager`` names a pager program to show it with.
    """
    if obj is None:
        text = ("Type nest.help(name) for the documentation of a model or command, e.g.\n"
                "    nest.help('iaf_psc_alpha')\n"
                "nest.helpdesk() opens an index of everything that is documented, and\n"
                "help(nest.Create) shows the Python documentation of a function.")
    else:
        name = obj.__name__ if callable(obj) and hasattr(obj, "__name__") else str(obj)
        if callable(obj) and getattr(obj, "__doc__", None) and name not in ll_api.engine.help_texts:
            text = obj.__doc__
        else:
            text = _help_text(name)
    if return_text:
        return text
    if pager:
        import subprocess

        try:
            subprocess.run([pager], input=text.encode(), check=False)
            return None
        except OSError:
            pass
    print(text)
    return None


def helpdesk(browser: Optional[str] = None) -> str:
    """Write an HTML index of every documented model and command and open it in a browser.

    Returns the path of the index file (also useful without a browser).
    """
    texts = {name: _help_text(name) for name in _documented_names()}
    directory = os.path.join(tempfile.gettempdir(), "nest2-helpdesk")
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, "index.html")
    rows = "\n".join(
        f'<dt id="{escape(k)}"><code>{escape(k)}</code></dt><dd><pre>{escape(v)}</pre></dd>'
        for k, v in sorted(texts.items()))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("<!DOCTYPE html><html><head><meta charset='utf-8'><title>NEST help index</title>"
                 "</head><body><h1>NEST models and commands</h1><dl>\n" + rows + "\n</dl></body></html>\n")
    try:
        (webbrowser.get(browser) if browser else webbrowser).open("file://" + path)
    except webbrowser.Error:
        pass
    return path


def get_argv() -> tuple:
    """The command line as the kernel saw it (``statusdict/argv``)."""
    sr("statusdict /argv get")
    return spp()
