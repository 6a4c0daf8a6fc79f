"""The help system (section 6.19): help, ?, helpindex, apropos, which, helpdesk.

Help texts come from ``interp.help_texts`` (the docstrings of builtins and tries, whose first
line is the stack signature) and, for procedures written in SLI, from the ``%`` comment block
right above their definition in the library file.
"""
from __future__ import annotations

import functools
import html
import inspect
import os
import re
import shlex
import subprocess
import sys
import tempfile
import webbrowser
from pathlib import Path
from typing import Any, List, Optional, Tuple

from ..datums import Builtin, Literal, Name, Procedure, type_name
from ..errors import ArgumentType, SliError
from ..interpreter import trie_candidate_lines
from ..printing import to_syntax
from ..tries import Trie
from . import Registry

reg = Registry()

OVERVIEW = """\
SLI help
  /name help        show the help text of a command (also: /name ?)
  helpindex         list every documented command with its stack signature
  (regexp) apropos  list the commands whose name or help text matches
  /name which       show where a command is defined
  helpdesk          write an HTML index of all commands and open it in a web browser
  stack, pstack     show the operand stack
  quit              leave the interpreter
"""


# -- finding help texts ----------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _file_lines(path: str) -> Tuple[str, ...]:
    try:
        return tuple(Path(path).read_bytes().decode("latin-1").splitlines())
    except OSError:
        return ()


def _comment_above(proc: Procedure, key: str) -> Optional[str]:
    """The ``%`` comment block just above the definition of ``key`` in the source of ``proc``."""
    if not proc.source or not proc.lines:
        return None
    lines = _file_lines(proc.source)
    if not lines:
        return None
    first = proc.lines[0] - 1  # 0-based line of the first token of the body
    pattern = re.compile(r"/" + re.escape(key) + r"(?![\w.:+\-])")
    defline = None
    for i in range(min(first, len(lines) - 1), max(first - 4, -1), -1):
        if pattern.search(lines[i]):
            defline = i
            break
    if defline is None:
        return None
    block: List[str] = []
    i = defline - 1
    while i >= 0 and lines[i].lstrip().startswith("%"):
        block.append(lines[i].lstrip().lstrip("%").strip())
        i -= 1
    block.reverse()
    text = "\n".join(block).strip()
    return text or None


def help_text(interp, key: str) -> Optional[str]:
    """The documentation of ``key``, or None if it has none."""
    text = interp.help_texts.get(key)
    value = interp.lookup(key)
    if not text:
        if type(value) is Builtin and value.doc:
            text = value.doc
        elif type(value) is Procedure:
            text = _comment_above(value, key)
        elif type(value) is Trie:
            for _, leaf in value.variants():
                if type(leaf) is Builtin and leaf.doc:
                    text = leaf.doc
                    break
                if type(leaf) is Procedure:
                    text = _comment_above(leaf, key)
                    if text:
                        break
    return text or None


def documented_names(interp) -> List[str]:
    """Every name visible through the dictionary stack that has a help text, and every
    documentation page (model), sorted."""
    names = set(interp.help_texts)
    for d in interp.dstack:
        for key, value in d.data.items():
            if type(value) in (Builtin, Trie, Procedure):
                names.add(str.__str__(key))
    def listed(n: str) -> bool:
        # documentation pages (the models' help) have no SLI value but belong to the index
        return interp.lookup(n) is not None or interp.help_texts.get(n, "").startswith("Name:")

    visible = [n for n in names if listed(n)]
    return sorted(n for n in visible if help_text(interp, n))


def summary_line(key: str, text: str) -> str:
    """The first line of a help text, without the "Name: key - " head of a documentation page."""
    first = text.split("\n", 1)[0].strip()
    head = f"Name: {key} - "
    return first[len(head):] if first.startswith(head) else first


def format_help(interp, key: str) -> Optional[str]:
    text = help_text(interp, key)
    value = interp.lookup(key)
    if text is None and type(value) is not Trie:
        return None
    if text and text.startswith("Name:"):
        # a complete documentation page (the models' help): it has its own Name line and sections
        page = [text.rstrip("\n")]
        if value is not None:
            page.append(f"Type: {type_name(value)}")
        return "\n".join(page) + "\n"
    lines = [f"Name: {key}"]
    if text:
        first, _, rest = text.partition("\n")
        lines.append(f"Synopsis: {first.strip()}")
        if rest.strip():
            lines.append("Description:")
            lines.extend("  " + line for line in rest.strip().splitlines())
    if type(value) is Trie:
        lines.append("Variants (types from the deepest operand to the top):")
        lines.extend("  " + line for line in trie_candidate_lines(value))
    if value is not None:
        lines.append(f"Type: {type_name(value)}")
    return "\n".join(lines) + "\n"


def _name_operand(interp, level: int = 0) -> str:
    obj = interp.ostack[-1 - level]
    if not isinstance(obj, str):
        raise ArgumentType(level)
    return str.__str__(obj)


def _no_help(key: str) -> SliError:
    return SliError("NoHelpInformationError", f"No help information is available for /{key}.")


# -- help, ? ---------------------------------------------------------------------------------


@reg.builtin("help")
def help_(interp):
    "/name help   show the help text of a command (without a name: an overview)"
    s = interp.ostack
    if not s or type(s[-1]) not in (Literal, Name, str):
        interp.write(OVERVIEW)
        return
    key = _name_operand(interp)
    text = format_help(interp, key)
    if text is None:
        raise _no_help(key)
    s.pop()
    interp.write(text)


@reg.builtin("?")
def question(interp):
    "/name ?   show the help text of a command; any other object: show it and its type"
    s = interp.ostack
    obj = s[-1]
    if type(obj) in (Literal, Name, str):
        help_(interp)
        return
    s.pop()
    interp.write(f"{to_syntax(obj)}   ({type_name(obj)})\n")


@reg.builtin("helpindex")
def helpindex(interp):
    "->   list every documented command with its stack signature"
    out = []
    for key in documented_names(interp):
        first = summary_line(key, help_text(interp, key))
        out.append(f"{key:<24} {first}" if len(key) < 24 else f"{key}  {first}")
    interp.write("\n".join(out) + "\n")


def _apropos(interp, pattern: str) -> None:
    try:
        regex = re.compile(pattern, re.IGNORECASE)
    except re.error as err:
        raise SliError("InvalidRegexError", f"Invalid regular expression: {err}.")
    interp.ostack.pop()
    hits = []
    for key in documented_names(interp):
        text = help_text(interp, key) or ""
        if regex.search(key) or regex.search(text):
            hits.append(f"{key:<24} {summary_line(key, text)}")
    interp.write("\n".join(hits) + "\n" if hits else f"No command matches {pattern}.\n")


@reg.builtin("apropos_s")
def apropos_s(interp):
    "(regexp) apropos   list the commands whose name or help text matches the expression"
    s = interp.ostack
    if type(s[-1]) is not str:
        raise ArgumentType(0)
    _apropos(interp, s[-1])


@reg.builtin("apropos_l")
def apropos_l(interp):
    "/regexp apropos   list the commands whose name or help text matches the expression"
    s = interp.ostack
    if type(s[-1]) is not Literal:
        raise ArgumentType(0)
    _apropos(interp, str.__str__(s[-1]))


reg.trie("apropos", [("stringtype", "apropos_s"), ("literaltype", "apropos_l")])


# -- which -----------------------------------------------------------------------------------


def _python_location(fn: Any) -> str:
    target = inspect.unwrap(fn)
    try:
        path = inspect.getsourcefile(target) or "?"
        line = inspect.getsourcelines(target)[1]
    except (OSError, TypeError):
        return getattr(target, "__module__", "?")
    return f"{path}:{line}"


def _location(value: Any) -> str:
    if type(value) is Builtin:
        return f"builtin {value!r} in {_python_location(value.fn)}"
    if type(value) is Procedure:
        if value.source and value.lines:
            return f"procedure in {value.source}:{value.lines[0]}"
        return "procedure (not from a file)"
    return type_name(value)


def _owner(interp, key: str) -> str:
    for d in reversed(interp.dstack):
        if key in d.data:
            for label in ("systemdict", "userdict"):
                if d is getattr(interp, label):
                    return label
            return "a dictionary on the dictionary stack"
    return "no dictionary"


@reg.builtin("which_l")
def which_l(interp):
    "/name which   show where a command is defined"
    s = interp.ostack
    if type(s[-1]) is not Literal:
        raise ArgumentType(0)
    key = str.__str__(s[-1])
    value = interp.lookup(key)
    if value is None:
        raise SliError("UndefinedName", f"/{key} is not defined.")
    s.pop()
    lines = [f"/{key} is defined in {_owner(interp, key)}: {_location(value)}"]
    if type(value) is Trie:
        for signature, leaf in value.variants():
            lines.append(f"  {' '.join(signature)} -> {_location(leaf)}")
    interp.write("\n".join(lines) + "\n")


reg.trie("which", [("literaltype", "which_l")])


# -- helpdesk --------------------------------------------------------------------------------


def write_help_index(interp, directory: Optional[str] = None) -> Path:
    """Write ``index.html`` with every documented name and its help text; return its path."""
    folder = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="sli-help-"))
    folder.mkdir(parents=True, exist_ok=True)
    names = documented_names(interp)
    rows = []
    entries = []
    for key in names:
        text = format_help(interp, key) or ""
        anchor = "n" + "".join(f"{ord(c):x}" for c in key)
        first = summary_line(key, help_text(interp, key) or "")
        rows.append(f'<tr><td><a href="#{anchor}"><code>{html.escape(key)}</code></a></td>'
                    f"<td><code>{html.escape(first)}</code></td></tr>")
        entries.append(f'<h2 id="{anchor}"><code>{html.escape(key)}</code></h2>'
                       f"<pre>{html.escape(text)}</pre>")
    page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>SLI help index</title>"
            "<style>body{font-family:sans-serif;margin:2em}td{padding:0 1em}"
            "pre{background:#f4f4f4;padding:.5em}</style></head><body>\n"
            f"<h1>SLI help index</h1><p>{len(names)} documented names.</p>\n"
            "<table>\n" + "\n".join(rows) + "\n</table>\n" + "\n".join(entries) +
            "\n</body></html>\n")
    path = folder / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def _can_open_browser() -> bool:
    """Only try a browser where one can show up without taking over the terminal."""
    if os.environ.get("BROWSER"):
        return True
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@reg.builtin("helpdesk", ":helpdesk_complete_command")
def helpdesk(interp):
    "->   write an HTML index of all documented commands and open it in a web browser"
    try:
        path = write_help_index(interp)
    except OSError as err:
        raise SliError("BadIO", f"Could not write the help index: {err}.")
    opened = False
    if _can_open_browser():
        try:
            opened = bool(webbrowser.open(path.as_uri()))
        except Exception:  # no usable browser: just tell where the index is
            opened = False
    if opened:
        interp.write(f"Help index opened in a web browser: {path}\n")
    else:
        interp.write(f"Help index written to {path}\n")
    interp.systemdict["HelpdeskURL"] = path.as_uri()


# -- edit ------------------------------------------------------------------------------------


@reg.builtin("edit_s")
def edit_s(interp):
    "(file) edit   open a file in the editor named by $VISUAL or $EDITOR (default vi)"
    s = interp.ostack
    path = s[-1]
    if type(path) is not str:
        raise ArgumentType(0)
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        subprocess.call(shlex.split(editor) + [path])
    except (OSError, ValueError) as err:
        raise SliError("ProcOpenFailed", f"Could not start the editor '{editor}': {err}.")
    s.pop()


reg.trie("edit", [("stringtype", "edit_s")])


# -- configuration constants of the reference's help system ----------------------------------

_HELP_ROOT = str(Path(tempfile.gettempdir()) / "sli-help")
reg.constant("HelpRoot", _HELP_ROOT)
reg.constant("SLIHelpRoot", _HELP_ROOT)
reg.constant("CPPHelpRoot", _HELP_ROOT)
reg.constant("HelpdeskURL", "")
reg.constant("HelpExtension", ".hlp")
reg.constant("TextIndexFilename", "helpindex.hlp")
reg.constant("HelpSearchPath", [_HELP_ROOT])
reg.constant("SimpleKeyword", "^(Name|Synopsis|Description|Parameters|Examples|Bugs|Diagnostics|Author|FirstVersion|Remarks|Availability|References|Source|Variants):")
reg.constant("ReferencingKeyword", "^(SeeAlso|Sends|Receives|Transmits):")
reg.constant("InvariantsKeyword", "^Examples:")
