"""Command line of ``sli`` and ``nest`` (sections 8.4 and 8.5).

::

    sli [options] [file.sli [more.sli ...] [--] [script arguments ...]]
    sli [options] -c 'code'
    sli [options] -            (or --batch: read code from standard input)
    sli                        (interactive session)

Files run one after the other inside one ``stopped`` context; an uncaught error is printed with
``handleerror`` and ends the program with exit code 126 (``scripterror``). ``quit`` ends it with
``statusdict/exitcode`` (default 0), ``n quit_i`` with ``n``.

After the first file, further arguments ending in ``.sli`` are more files; the first argument
that is neither such a file nor an option (or everything after ``--``) starts the script
arguments. ``statusdict/argv`` holds the whole command line, so a script finds its arguments
after its own name; ``statusdict/files`` lists the files.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, List, Optional, TextIO

from . import __version__
from .datums import Dictionary
from .errors import QuitInterpreter
from .frames import StoppedFrame
from .interpreter import (M_ALL, M_DEBUG, M_DEPRECATED, M_ERROR, M_FATAL, M_INFO, M_QUIET,
                          M_STATUS, M_WARNING, Interpreter)
from .repl import guard_estack

VERBOSITY_LEVELS = {"ALL": M_ALL, "DEBUG": M_DEBUG, "STATUS": M_STATUS, "INFO": M_INFO,
                    "DEPRECATED": M_DEPRECATED, "WARNING": M_WARNING, "ERROR": M_ERROR,
                    "FATAL": M_FATAL, "QUIET": M_QUIET}

SCRIPT_ERROR = 126
UNKNOWN_ERROR = 10

USAGE = """\
usage: {prog} [options] [file.sli [more.sli ...] [--] [arguments ...]]
       {prog} [options] -c 'code'
       {prog} [options] - | --batch

Runs SLI files, a command or standard input; without arguments it starts an
interactive session.

options:
  -h, --help              print this text and exit
  -v, --version           print the version and exit
  -c code                 execute code and exit
  -, --batch              read code from standard input, execute it and exit
  --userargs=a:b:...      store [(a) (b) ...] in statusdict/userargs
  -d, --debug             show all messages (verbosity M_ALL)
  --verbosity=LEVEL       initial verbosity: ALL, DEBUG, STATUS, INFO, DEPRECATED,
                          WARNING, ERROR, FATAL or QUIET (default INFO)

exit codes: 0 (or statusdict/exitcode) after quit or a normal end, n after n quit_i,
126 after an uncaught error.
"""


@dataclass
class CommandLine:
    """The parsed command line."""

    prog: str = "sli"
    argv: List[str] = field(default_factory=list)
    files: List[str] = field(default_factory=list)
    script_args: List[str] = field(default_factory=list)
    code: Optional[str] = None
    batch: bool = False
    show_help: bool = False
    show_version: bool = False
    userargs: List[str] = field(default_factory=list)
    verbosity: int = M_INFO
    errors: List[str] = field(default_factory=list)

    @property
    def interactive(self) -> bool:
        return not (self.files or self.code is not None or self.batch)


def program_name(argv0: str) -> str:
    """``nest`` when called as nest, else ``sli`` (the banners and help texts differ)."""
    return "nest" if os.path.basename(argv0).startswith("nest") else "sli"


def parse_command_line(argv: List[str]) -> CommandLine:
    """Process the arguments left to right, as the reference's ``:commandline`` does."""
    cl = CommandLine(prog=program_name(argv[0] if argv else "sli"), argv=list(argv))
    args = list(argv[1:])
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg in ("-h", "--help"):
            cl.show_help = True
        elif arg in ("-v", "--version"):
            cl.show_version = True
        elif arg in ("-", "--batch"):
            cl.batch = True
        elif arg == "-c":
            if i >= len(args):
                cl.errors.append("Option '-c' needs an extra argument")
            elif cl.code is None:
                cl.code = args[i]
                i += 1
            else:
                i += 1
        elif arg.startswith("--userargs="):
            value = arg[len("--userargs="):]
            cl.userargs = value.split(":") if value else []
        elif arg in ("-d", "--debug"):
            cl.verbosity = M_ALL
        elif arg.startswith("--verbosity="):
            level = arg[len("--verbosity="):].upper()
            if level.startswith("M_"):
                level = level[2:]
            if level in VERBOSITY_LEVELS:
                cl.verbosity = VERBOSITY_LEVELS[level]
            else:
                cl.errors.append(f"Unknown verbosity level '{arg[len('--verbosity='):]}'; "
                                 f"use one of {', '.join(VERBOSITY_LEVELS)}")
        elif arg == "--" and cl.files:
            cl.script_args = args[i:]
            break
        elif not cl.files or arg.endswith(".sli"):
            cl.files.append(arg)
        else:
            cl.script_args = args[i - 1:]
            break
    return cl


# -- running ---------------------------------------------------------------------------------


def _exit_code(interp: Interpreter) -> int:
    code = interp.statusdict.get("exitcode", 0)
    return code if type(code) is int else 0


def _script_error(interp: Interpreter) -> int:
    interp.errordict["quitbyerror"] = True
    codes = interp.statusdict.get("exitcodes")
    code = codes.get("scripterror") if isinstance(codes, Dictionary) else None
    return code if type(code) is int else SCRIPT_ERROR


def _finish_stopped_context(interp: Interpreter, base: int) -> bool:
    """Complete the stopped context opened at estack depth ``base``; True if it failed (the
    error has then been printed with ``handleerror``)."""
    if len(interp.estack) > base:
        interp.run(base)
    s = interp.ostack
    failed = bool(s) and s[-1] is True
    if s:
        s.pop()
    if failed:
        interp.call("handleerror")
    return failed


def _run_chunks(interp: Interpreter, chunks: Iterator[tuple]) -> bool:
    """Run (text, source) chunks one after the other inside one stopped context.

    Used for files while no SLI ``run`` command exists, and for code from standard input
    (read incrementally, so that a pipe can feed it). Returns True on success.
    """
    estack = interp.estack
    base = len(estack)
    estack.append(StoppedFrame())
    for text, source in chunks:
        if text is None:  # a file that could not be read: ``source`` is the error text
            interp.raise_error("run", "FileOpenError", source)
            break
        interp.push_code(text, source)
        interp.run(base + 1)
        if len(estack) <= base:  # the stopped context was unwound by an error or stop
            break
    return not _finish_stopped_context(interp, base)


def _file_chunks(files: List[str]) -> Iterator[tuple]:
    for path in files:
        try:
            yield Path(path).read_bytes().decode("latin-1"), path
        except OSError as err:
            yield None, f"Could not open the file {path}: {err.strerror or err}."


def _stdin_chunks(stream: TextIO) -> Iterator[tuple]:
    """Complete pieces of code from ``stream`` (a piece ends where no ``{``, ``(`` or ``<<`` is
    open); blank lines are prepended so that error locations carry the true line numbers."""
    from .repl import needs_more

    lines: List[str] = []
    consumed = 0
    while True:
        line = stream.readline()
        if line:
            lines.append(line)
            if needs_more("".join(lines)):
                continue
        if lines:
            yield "\n" * consumed + "".join(lines), "<stdin>"
            consumed += len(lines)
            lines = []
        if not line:
            return


def run_files(interp: Interpreter, files: List[str]) -> bool:
    """``{ {run} forall } stopped {handleerror ...} if`` — True if no uncaught error occurred."""
    if interp.lookup("run") is not None:
        interp.ostack.append(list(files))
        return interp.execute("{run} forall", "<command line>")
    return _run_chunks(interp, _file_chunks(files))


def run_code(interp: Interpreter, code: str) -> bool:
    """Run the code of ``-c`` in an extra dictionary; True if no uncaught error occurred."""
    interp.begin(Dictionary())
    return interp.execute(code, "<command line>")


def run_batch(interp: Interpreter, stream: TextIO) -> bool:
    """Run code read from ``stream`` (``-``/``--batch``) in an extra dictionary."""
    interp.begin(Dictionary())
    return _run_chunks(interp, _stdin_chunks(stream))


def _configure_statusdict(interp: Interpreter, cl: CommandLine) -> None:
    sd = interp.statusdict
    sd["argv"] = list(cl.argv)
    sd["files"] = list(cl.files)
    sd["userargs"] = list(cl.userargs)
    sd["interactive"] = cl.interactive


def version_text(interp: Interpreter) -> str:
    sd = interp.statusdict
    return (f"NEST version {sd.get('version', __version__)}, built on {sd.get('built', '')} "
            f"for {sd.get('host', '')}\n"
            "A Python re-implementation of NEST 2.x; free software under the GNU GPL, "
            "version 2 or later.\n")


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def execute(cl: CommandLine) -> int:
    """Start an interpreter for the parsed command line and run it; returns the exit code."""
    if cl.show_help:
        sys.stdout.write(USAGE.format(prog=cl.prog))
        return 0
    if cl.errors:
        for text in cl.errors:
            sys.stderr.write(f"{cl.prog}: {text}\n")
        return SCRIPT_ERROR
    interp = Interpreter(argv=cl.argv)
    interp.verbosity = cl.verbosity
    interp.startup()
    guard_estack(interp)
    _configure_statusdict(interp, cl)
    if cl.show_version:
        interp.write(version_text(interp))
        return 0
    try:
        if cl.code is not None:
            ok = run_code(interp, cl.code)
        elif cl.batch:
            ok = run_batch(interp, sys.stdin)
        elif cl.files:
            if _is_terminal(sys.stdout) and interp.lookup("shortwelcome") is not None:
                interp.call("shortwelcome")
            ok = run_files(interp, cl.files)
        else:
            from .repl import run_repl

            return run_repl(interp)
        return _exit_code(interp) if ok else _script_error(interp)
    except QuitInterpreter as q:
        if q.code:
            interp.errordict["quitbyerror"] = True
        return q.code
    finally:
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            pass


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of the ``sli`` and ``nest`` console scripts."""
    if argv is None:
        argv = list(sys.argv)
        if argv and os.path.basename(argv[0]) in ("__main__.py", "cli.py"):
            argv[0] = "sli"
    try:
        return execute(parse_command_line(argv))
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted.\n")
        return UNKNOWN_ERROR


if __name__ == "__main__":
    sys.exit(main())
