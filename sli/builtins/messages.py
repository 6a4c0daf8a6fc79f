"""Messages, verbosity, assertions, command options and the informational printouts
(sections 4.4, 6.16, 6.17).

Messages use the interpreter's message layout (:meth:`Interpreter.emit_message`) and are shown
when their level is at least ``interp.verbosity``. Command options live in ``OptionsDictionary``
(one dictionary per command name); the defaults given to ``Options`` and the copies made by
``SaveOptions`` are kept per interpreter so that ``ResetOptions``/``RestoreOptions`` can bring
them back.
"""
from __future__ import annotations

import os
import sys
import weakref
from typing import Any, Dict

from .. import __version__
from ..datums import Dictionary, Literal, name
from ..errors import ArgumentType, SliError
from ..frames import StoppedFrame
from ..interpreter import (M_ALL, M_DEBUG, M_DEPRECATED, M_ERROR, M_FATAL, M_INFO, M_QUIET,
                           M_STATUS, M_WARNING)
from ..printing import to_syntax, to_text
from . import Registry, generator_builtin

LEVELS = {"M_ALL": M_ALL, "M_DEBUG": M_DEBUG, "M_STATUS": M_STATUS, "M_INFO": M_INFO,
          "M_DEPRECATED": M_DEPRECATED, "M_WARNING": M_WARNING, "M_ERROR": M_ERROR,
          "M_FATAL": M_FATAL, "M_QUIET": M_QUIET}


class _OptionsState:
    """Defaults (from ``Options``) and saved copies (from ``SaveOptions``) per command."""

    def __init__(self) -> None:
        self.defaults: Dict[str, Dict[str, Any]] = {}
        self.saved: Dict[str, Dict[str, Any]] = {}


_STATE: "weakref.WeakKeyDictionary[Any, _OptionsState]" = weakref.WeakKeyDictionary()


def _options_state(interp) -> _OptionsState:
    state = _STATE.get(interp)
    if state is None:
        state = _STATE[interp] = _OptionsState()
    return state


class _MessagesRegistry(Registry):
    """Also gives every interpreter its own, empty ``OptionsDictionary``."""

    def install_builtins(self, interp) -> None:
        super().install_builtins(interp)
        interp.systemdict["OptionsDictionary"] = Dictionary()
        _STATE.pop(interp, None)


reg = _MessagesRegistry()

for _key, _level in LEVELS.items():
    reg.constant(_key, _level)


def program_name(interp) -> str:
    """``nest`` when the interpreter was started as nest, else ``sli`` (decides the banners)."""
    argv = interp.statusdict.get("argv") or interp.argv
    first = os.path.basename(str(argv[0])) if argv else "sli"
    return "nest" if first.startswith("nest") else "sli"


def _version(interp) -> str:
    return str(interp.statusdict.get("version", f"nest2-{__version__}"))


# -- messages and verbosity ------------------------------------------------------------------


def _check_level(obj: Any, level: int) -> int:
    if type(obj) is not int:
        raise ArgumentType(level)
    return obj


@reg.builtin("message_")
def message_(interp):
    "level (from) (text) ->   print text as a message from 'from' if level >= verbosity"
    s = interp.ostack
    text, origin, level = s[-1], s[-2], s[-3]
    if type(level) is not int:
        raise ArgumentType(2)
    if not isinstance(origin, str):
        raise ArgumentType(1)
    if not isinstance(text, str):
        raise ArgumentType(0)
    del s[-3:]
    interp.emit_message(level, str.__str__(origin), str.__str__(text))


def _message_text_level(interp):
    "(text) level ->   print text as a message from SLI if level >= verbosity"
    s = interp.ostack
    level, text = s[-1], s[-2]
    del s[-2:]
    interp.emit_message(level, "SLI", str.__str__(text))


reg.trie("message", [
    ("integertype stringtype stringtype", "message_"),
    ("integertype literaltype stringtype", "message_"),
    ("stringtype integertype", _message_text_level),
], doc="level (from) (text) message | (text) level message   print a message (shown if level >= verbosity)")


@reg.builtin("setverbosity_i")
def setverbosity_i(interp):
    "n ->   show only messages with level >= n (M_ALL … M_QUIET)"
    s = interp.ostack
    _check_level(s[-1], 0)
    interp.verbosity = s.pop()


reg.trie("setverbosity", [("integertype", "setverbosity_i")])
reg.trie("shutupto", [("integertype", "setverbosity_i")])


@reg.builtin("verbosity")
def verbosity(interp):
    "-> n   the current verbosity level (default M_INFO = 10)"
    interp.ostack.append(interp.verbosity)


# -- assertions and error helpers ------------------------------------------------------------


def _assert_gen(interp):
    "proc ->   run proc; unless it leaves true, print 'Assertion {..} failed.' to cerr and raise FailedAssertion"
    s = interp.ostack
    proc = s[-1]
    s.pop()
    yield proc
    result = s.pop() if s else None
    if result is not True:
        cerr = interp.systemdict.get("cerr")
        text = f"Assertion {to_syntax(proc)} failed.\n"
        if cerr is not None and hasattr(cerr, "write"):
            cerr.write(text)
            cerr.flush()
        else:
            sys.stderr.write(text)
        raise SliError("FailedAssertion", command="assert")


reg.builtin("assert")(generator_builtin("assert", _assert_gen, is_loop=False))


@reg.builtin("MissingOptionError_l")
def missing_option_error(interp):
    "/name ->   report that the required option /name is missing and raise MissingOptionError"
    s = interp.ostack
    if type(s[-1]) is not Literal:
        raise ArgumentType(0)
    option = s.pop()
    interp.emit_message(M_ERROR, "MissingOptionError",
                        f"The required option /{option} was not given.")
    raise SliError("MissingOptionError", f"Option /{option} is missing.")


reg.trie("MissingOptionError", [("literaltype", "MissingOptionError_l")])


@reg.builtin("init_errordict")
def init_errordict(interp):
    "->   reset errordict to its state after start-up"
    from ..startup import init_errordict as reset

    reset(interp)


# -- command options -------------------------------------------------------------------------


def _copy(d: Dictionary) -> Dictionary:
    return Dictionary(dict(d.data))


def _options_of(interp, cmd: str) -> Dictionary:
    opts = interp.systemdict["OptionsDictionary"].get(cmd)
    if type(opts) is not Dictionary:
        raise SliError("NoOptionsAvailable", f"Command /{cmd} has no options.")
    return opts


def _literal(obj: Any, level: int) -> Literal:
    if type(obj) is not Literal:
        raise ArgumentType(level)
    return obj


@reg.builtin("Options")
def options(interp):
    "/cmd dict ->   register the options of a command together with their default values"
    s = interp.ostack
    d = s[-1]
    cmd = _literal(s[-2], 1)
    if type(d) is not Dictionary:
        raise ArgumentType(0)
    del s[-2:]
    interp.systemdict["OptionsDictionary"][cmd] = _copy(d)
    _options_state(interp).defaults[cmd] = dict(d.data)


@reg.builtin("SetOptions")
def set_options(interp):
    "/cmd dict ->   change options of a command (unknown option names are reported and ignored)"
    s = interp.ostack
    d = s[-1]
    cmd = _literal(s[-2], 1)
    if type(d) is not Dictionary:
        raise ArgumentType(0)
    opts = _options_of(interp, cmd)
    del s[-2:]
    for key, value in d.items_in_order():
        if key in opts:
            opts[key] = value
        else:
            interp.emit_message(M_WARNING, "SetOptions",
                                f"Unknown option /{key} of command /{cmd} was ignored.")


@reg.builtin("GetOptions")
def get_options(interp):
    "/cmd -> dict   the option dictionary of a command (NoOptionsAvailable if it has none)"
    s = interp.ostack
    cmd = _literal(s[-1], 0)
    opts = _options_of(interp, cmd)
    s[-1] = opts


@reg.builtin("GetOption")
def get_option(interp):
    "/cmd /opt -> value   one option of a command (UnknownOption if it has no such option)"
    s = interp.ostack
    opt = _literal(s[-1], 0)
    cmd = _literal(s[-2], 1)
    opts = _options_of(interp, cmd)
    if opt not in opts:
        raise SliError("UnknownOption", f"Command /{cmd} has no option /{opt}.")
    del s[-2:]
    s.append(opts[opt])


@reg.builtin("ShowOptions")
def show_options(interp):
    "/cmd ->   print the options of a command and their values"
    s = interp.ostack
    cmd = _literal(s[-1], 0)
    opts = _options_of(interp, cmd)
    s.pop()
    lines = [f"Options of /{cmd}:"]
    for key, value in opts.items_in_order():
        lines.append(f"  {str.__str__(key):<24} {to_syntax(value)}")
    interp.write("\n".join(lines) + "\n")


@reg.builtin("SaveOptions")
def save_options(interp):
    "/cmd ->   remember the current options of a command (see RestoreOptions)"
    s = interp.ostack
    cmd = _literal(s[-1], 0)
    opts = _options_of(interp, cmd)
    s.pop()
    _options_state(interp).saved[cmd] = dict(opts.data)


def _replace_options(interp, cmd: str, values: Dict[str, Any]) -> None:
    opts = _options_of(interp, cmd)
    opts.clear()
    for key, value in values.items():
        opts[key] = value


@reg.builtin("RestoreOptions")
def restore_options(interp):
    "/cmd ->   restore the options saved by SaveOptions"
    s = interp.ostack
    cmd = _literal(s[-1], 0)
    _options_of(interp, cmd)
    saved = _options_state(interp).saved.get(cmd)
    if saved is None:
        raise SliError("NoOptionsAvailable", f"No options of /{cmd} were saved.")
    s.pop()
    _replace_options(interp, cmd, saved)


@reg.builtin("ResetOptions")
def reset_options(interp):
    "/cmd ->   set the options of a command back to the defaults given to Options"
    s = interp.ostack
    cmd = _literal(s[-1], 0)
    _options_of(interp, cmd)
    s.pop()
    defaults = _options_state(interp).defaults.get(cmd)
    if defaults is not None:
        _replace_options(interp, cmd, defaults)


for _name in ("Options", "SetOptions"):
    reg.trie(_name, [("literaltype dictionarytype", _name)])
for _name in ("SaveOptions", "RestoreOptions", "ResetOptions"):
    reg.trie(_name, [("literaltype", _name)])


# -- banners and informational printouts -----------------------------------------------------


def welcome_text(interp) -> str:
    prog = program_name(interp)
    title = "-- N E S T --" if prog == "nest" else "-- S L I --"
    what = ("NEST 2.x simulator, Python re-implementation" if prog == "nest"
            else "Simulation Language Interpreter of NEST 2.x")
    return "\n".join([
        "",
        f"              {title}",
        "",
        f"  {what}",
        f"  Version {_version(interp)}",
        "",
        "  Getting help:    /name help   (or /name ?),  (regexp) apropos,  helpindex,",
        "                   helpdesk (HTML index in a web browser)",
        "  Information:     sysinfo  authors  license",
        "  Leaving:         quit  or  Ctrl-D",
        "",
    ]) + "\n"


def short_welcome_text(interp) -> str:
    prog = program_name(interp)
    return f"{'NEST' if prog == 'nest' else 'SLI'} {_version(interp)} (Python re-implementation of NEST 2.x)\n"


@reg.builtin("welcome")
def welcome(interp):
    "->   print the welcome banner of the interactive session"
    interp.write(welcome_text(interp))


@reg.builtin("shortwelcome")
def shortwelcome(interp):
    "->   print the one-line banner"
    interp.write(short_welcome_text(interp))


@reg.builtin("sysinfo")
def sysinfo(interp):
    "->   print information about this installation"
    sd = interp.statusdict
    rows = [("Version", "version"), ("Built", "built"), ("Host", "host"), ("Prefix", "prefix"),
            ("Data directory", "prgdatadir"), ("Threading", "threading")]
    lines = ["", "System information:"]
    for label, key in rows:
        lines.append(f"  {label + ':':<16}{to_text(sd.get(key, ''))}")
    lines.append(f"  {'Python:':<16}{sys.version.split()[0]}")
    interp.write("\n".join(lines) + "\n\n")


@reg.builtin("authors")
def authors(interp):
    "->   print who wrote this software"
    interp.write("\nThe SLI language and the NEST simulator are the work of the NEST Initiative.\n"
                 "This Python re-implementation was written by the nest2 project contributors.\n\n")


@reg.builtin("license")
def license_(interp):
    "->   print the licence terms"
    interp.write("\nThis program is free software; you can redistribute it and/or modify it under\n"
                 "the terms of the GNU General Public License as published by the Free Software\n"
                 "Foundation; either version 2 of the License, or (at your option) any later\n"
                 "version. It comes WITHOUT ANY WARRANTY; see the GNU General Public License.\n\n")


# -- prompt, executive, reset ----------------------------------------------------------------


def prompt_string(interp) -> str:
    n = len(interp.ostack)
    return "SLI ] " if n == 0 else f"SLI [{n}] "


@reg.builtin("sprompt")
def sprompt(interp):
    "-> string   the prompt: (SLI ] ) with an empty stack, (SLI [n] ) with n objects"
    interp.ostack.append(prompt_string(interp))


@reg.builtin("prompt")
def prompt(interp):
    "->   print the prompt (see sprompt)"
    out = interp.out
    out.write(prompt_string(interp))
    out.flush()


class _RunInput:
    """Executing it runs one input of the executive inside its own stopped context."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def sli_execute(self, interp) -> None:
        interp.estack.append(StoppedFrame())
        interp.push_code(self.text, "<stdin>")


def _executive_gen(interp):
    "->   interactive read-eval loop: prompt, read an input, run it; errors are printed, EOF leaves"
    from ..repl import InputReader

    reader = InputReader(interp)
    s = interp.ostack
    while True:
        text = reader.read()
        if text is None:
            interp.write("\n")
            return
        if not text.strip():
            continue
        yield _RunInput(text)
        failed = bool(s) and s[-1] is True
        if s:
            s.pop()
        if failed:
            yield name("handleerror")


reg.builtin("executive")(generator_builtin("executive", _executive_gen, is_loop=False))


@reg.builtin("reset")
def reset(interp):
    "->   clear the operand stack, the dictionary stack above userdict, userdict and the error state"
    del interp.ostack[:]
    interp.set_dstack([interp.systemdict, interp.userdict])
    interp.userdict.clear()
    from ..startup import init_errordict as reset_errordict

    reset_errordict(interp)
