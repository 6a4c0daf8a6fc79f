"""The SLI interpreter: operand, execution and dictionary stacks and the main loop.

The main loop never recurses in Python per SLI call: procedures, loops and ``stopped`` contexts
are frames on an explicit execution stack (:mod:`sli.frames`). Name lookup goes through a cache
that is kept coherent by the dictionaries on the dictionary stack (:meth:`dict_changed`).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterable, List, Optional, TextIO

from . import frames as fr
from .datums import (
    Builtin,
    Dictionary,
    Literal,
    LiteralProcedure,
    Name,
    Procedure,
    lit,
    name,
)
from .errors import ExecutionStackCleared, QuitInterpreter, SliError
from .parser import parse
from .scanner import LexicalError, format_lexical_error
from .tries import Trie

ProcFrame = fr.ProcFrame
BODY_FRAMES = fr.BODY_FRAMES
SPECIAL_FRAMES = fr.SPECIAL_FRAMES

# Message levels (section 4.4).
M_ALL, M_DEBUG, M_STATUS, M_INFO, M_DEPRECATED, M_WARNING, M_ERROR, M_FATAL, M_QUIET = (
    0, 5, 7, 10, 18, 20, 30, 40, 100)
_LEVEL_NAMES = ((M_FATAL, "Fatal"), (M_ERROR, "Error"), (M_WARNING, "Warning"),
                (M_DEPRECATED, "Deprecated"), (M_INFO, "Info"), (M_STATUS, "Status"),
                (M_DEBUG, "Debug"))


def library_dir() -> Path:
    """Directory of the SLI library files (installed inside the package, or the source tree)."""
    installed = Path(__file__).with_name("lib")
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "lib" / "sli"


class Interpreter:
    """One SLI machine. Create it, then :meth:`startup`, then run code with :meth:`execute`."""

    def __init__(self, stdout: Optional[TextIO] = None, argv: Optional[List[str]] = None):
        self.ostack: List[Any] = []
        # The bottom entry is a sentinel that is never executed or removed, so the loop can
        # always look at estack[-1] (stop may unwind everything above it).
        self.estack: List[Any] = [fr.BOTTOM]
        self.dstack: List[Dictionary] = []
        self._cache: dict = {}
        self.stdout = stdout  # None: whatever sys.stdout is at the time of writing
        self.argv = list(argv or ["sli"])
        self.verbosity = M_INFO
        self.cycles = 0
        self.start_time = time.time()
        self.systemdict = Dictionary()
        self.userdict = Dictionary()
        self.errordict = Dictionary()
        self.statusdict = Dictionary()
        self.error_location: Optional[str] = None
        self.modules: List[Any] = []
        self.help_texts: dict = {}
        self.library_sources: set = set()  # library files: errors point past them to user code
        self._push_dict(self.systemdict)

    # -- output ----------------------------------------------------------------------------------

    @property
    def out(self) -> TextIO:
        return self.stdout if self.stdout is not None else sys.stdout

    def write(self, text: str) -> None:
        self.out.write(text)

    def emit_message(self, level: int, origin: str, text: str, headline: str = "") -> None:
        """The reference's message layout (section 4.4)::

            <empty line>
            <Mon DD HH:MM:SS> <origin> [<Level>]: <headline>
                <text, indented by four spaces and word-wrapped>
        """
        if level < self.verbosity:
            return
        label = next((n for lv, n in _LEVEL_NAMES if level >= lv), "Debug")
        stamp = time.strftime("%b %d %H:%M:%S")
        self.write(f"\n{stamp} {origin} [{label}]: {headline}\n")
        if text:
            width = max(int(os.environ.get("COLUMNS", "78") or 78), 20)
            for line in text.split("\n"):
                self.write(_wrap(line, width - 4))
        self.out.flush()

    # -- dictionary stack and name lookup --------------------------------------------------------

    def _push_dict(self, d: Dictionary) -> None:
        d.on_dstack += 1
        d.interp = self
        self.dstack.append(d)
        self._cache.clear()

    def begin(self, d: Dictionary) -> None:
        self._push_dict(d)

    def end(self) -> None:
        if len(self.dstack) <= 2:
            raise SliError("DictStackUnderflow")
        d = self.dstack.pop()
        d.on_dstack -= 1
        self._cache.clear()

    def set_dstack(self, dicts: Iterable[Dictionary]) -> None:
        for d in self.dstack:
            d.on_dstack -= 1
        self.dstack = []
        for d in dicts:
            self._push_dict(d)
        self._cache.clear()

    def invalidate_lookup_cache(self) -> None:
        self._cache.clear()

    def dict_changed(self, d: Dictionary, key: str, value: Any) -> None:
        """Called by a dictionary on the dictionary stack before ``key`` is set to ``value``."""
        if d is self.dstack[-1]:
            self._cache[key] = value  # the top dictionary shadows everything below
        else:
            self._cache.clear()

    def lookup(self, key: str) -> Any:
        """Value of ``key`` through the dictionary stack, or None."""
        value = self._cache.get(key)
        if value is not None:
            return value
        for d in reversed(self.dstack):
            value = d.data.get(key)
            if value is not None:
                self._cache[key] = value
                return value
        return None

    def resolve(self, key: str) -> Any:
        value = self.lookup(key)
        if value is None:
            raise SliError("DictError", f"Key '/{key}' does not exist in dictionary.",
                           command="SLIInterpreter::execute")
        return value

    def current_dict(self) -> Dictionary:
        return self.dstack[-1]

    def define(self, key: str, value: Any) -> None:
        """``def`` into the current dictionary."""
        self.dstack[-1][key] = value

    # -- registration (the seam modules use) -----------------------------------------------------

    def define_builtin(self, key: str, fn: Callable, doc: str = "") -> Builtin:
        b = Builtin(key, fn, doc)
        self.systemdict[key] = b
        if doc:
            self.help_texts.setdefault(key, doc)
        return b

    def define_trie(self, key: str, variants: Iterable[tuple], doc: str = "") -> Trie:
        """Create (or extend) the trie ``key``: ``variants`` are (signature, object) pairs where
        the signature is a space-separated list of type names, deepest operand first, and the
        object a builtin name (str), a Builtin, or any datum."""
        trie = self.systemdict.get(key)
        if type(trie) is not Trie:
            trie = Trie(key)
        for signature, obj in variants:
            if isinstance(obj, str):
                obj = self.systemdict[obj]
            trie.add(signature.split(), obj)
        self.systemdict[key] = trie
        if doc:
            self.help_texts.setdefault(key, doc)
        return trie

    # -- operand stack API (used by embedding code such as PyNEST) -------------------------------

    def push(self, obj: Any) -> None:
        self.ostack.append(obj)

    def pop(self) -> Any:
        if not self.ostack:
            raise SliError("StackUnderflow")
        return self.ostack.pop()

    # -- execution -------------------------------------------------------------------------------

    def schedule(self, obj: Any) -> None:
        """Put ``obj`` on the execution stack so that it runs next."""
        if type(obj) is Procedure:
            self.estack.append(ProcFrame(obj))
        else:
            self.estack.append(obj)

    def run(self, base: Optional[int] = None) -> None:
        """Run the execution stack until it is back at depth ``base`` (default: its depth minus
        one, i.e. until the object most recently scheduled has finished)."""
        if base is None:
            base = len(self.estack) - 1
        if not self.estack or self.estack[0] is not fr.BOTTOM:  # someone cleared the stack
            self.estack.insert(0, fr.BOTTOM)
            base += 1
        base = max(base, 1)
        while True:
            try:
                self._loop(base)
                return
            except SliError as err:
                error = (err.command or "SLIInterpreter::execute", err.errorname, err.message,
                         err.command_object)
            except KeyboardInterrupt:
                error = (self._current_command(), "SystemSignal",
                         "The operation was interrupted by the system signal 2.", None)
            except RecursionError:
                error = (self._current_command(), "RecursionError",
                         "An object is nested too deeply to be processed.", None)
            except MemoryError:
                error = (self._current_command(), "MemoryError", "Out of memory.", None)
            except ExecutionStackCleared:
                return
            try:
                self.raise_error(*error)
            except ExecutionStackCleared:
                return
            if len(self.estack) <= base:
                return

    def _current_command(self) -> str:
        return "SLIInterpreter::execute"

    def _loop(self, base: int) -> None:
        """The hot loop. Body frames are walked in place; calling a procedure or returning from
        one switches the local frame variables without going back to the outer dispatch."""
        estack = self.estack
        ostack = self.ostack
        push = ostack.append
        cache_get = self._cache.get
        resolve = self.resolve
        body_frames = BODY_FRAMES
        special_frames = SPECIAL_FRAMES
        NAME, BUILTIN, TRIE, PROC, LITPROC = Name, Builtin, Trie, Procedure, LiteralProcedure
        new_frame = ProcFrame
        for_frame = fr.ForFrame
        failed = self._builtin_failed
        while len(estack) > base:
            f = estack[-1]
            ft = type(f)
            if ft in body_frames:
                body = f.body
                pc = f.pc
                n = len(body)
                while True:
                    if pc < n:
                        obj = body[pc]
                        pc += 1
                        t = type(obj)
                        if t is NAME:
                            v = cache_get(obj)
                            if v is None:
                                f.pc = pc
                                v = resolve(obj)
                            obj = v
                            t = type(v)
                        if t is BUILTIN:
                            f.pc = pc
                            try:
                                obj.fn(self)
                            except Exception as err:
                                raise failed(err, obj) from None
                            if estack[-1] is not f:
                                f = estack[-1]
                                if type(f) not in body_frames or len(estack) <= base:
                                    break
                                body = f.body
                                pc = f.pc
                                n = len(body)
                            continue
                        if t is TRIE:
                            f.pc = pc
                            try:
                                obj.execute(self)
                            except Exception as err:
                                raise failed(err, obj) from None
                            if estack[-1] is not f:
                                f = estack[-1]
                                if type(f) not in body_frames or len(estack) <= base:
                                    break
                                body = f.body
                                pc = f.pc
                                n = len(body)
                            continue
                        if t is LITPROC:
                            push(obj.proc)
                            continue
                        if t is PROC:
                            f.pc = pc
                            f = new_frame(obj)
                            estack.append(f)
                            body = obj.body
                            pc = 0
                            n = len(body)
                            continue
                        if t is NAME:  # a name bound to another name is looked up again
                            f.pc = pc
                            estack.append(obj)
                            break
                        exec_hook = getattr(obj, "sli_execute", None)
                        if exec_hook is not None:
                            f.pc = pc
                            exec_hook(self)
                            if estack[-1] is not f:
                                break
                            continue
                        push(obj)
                    else:
                        ft = type(f)
                        if ft is for_frame:  # the counting loop, inlined: it is the hot one
                            counter = f.counter + f.increment
                            if (counter <= f.limit) if f.increment > 0 else (counter >= f.limit):
                                f.counter = counter
                                push(counter)
                                pc = 0
                                continue
                        elif ft is not new_frame:  # other loops: next pass? (procedures end)
                            f.pc = pc
                            if f.again(self):
                                pc = 0
                                continue
                            if estack[-1] is not f:
                                break
                        estack.pop()
                        if len(estack) <= base:
                            break
                        f = estack[-1]
                        if type(f) not in body_frames:
                            break
                        body = f.body
                        pc = f.pc
                        n = len(body)
            elif ft in special_frames:
                f.resume(self)
            else:
                estack.pop()
                self._execute_object(f)

    def _execute_object(self, obj: Any) -> None:
        """Execute one object taken from the execution stack."""
        t = type(obj)
        if t is Name:
            obj = self.resolve(obj)
            t = type(obj)
        if t is Builtin:
            try:
                obj.fn(self)
            except Exception as err:
                raise self._builtin_failed(err, obj) from None
        elif t is Trie:
            try:
                obj.execute(self)
            except Exception as err:
                raise self._builtin_failed(err, obj) from None
        elif t is Procedure:
            self.estack.append(ProcFrame(obj))
        elif t is LiteralProcedure:
            self.ostack.append(obj.proc)
        elif t is Name:
            self.estack.append(obj)
        else:
            hook = getattr(obj, "sli_execute", None)
            if hook is not None:
                hook(self)
            else:
                self.ostack.append(obj)

    def _builtin_failed(self, err: BaseException, obj: Any) -> BaseException:
        """Turn an exception escaping a builtin into an :class:`SliError` naming the command."""
        if isinstance(err, SliError):
            if err.command is None:
                err.command = obj.name
            return err
        if isinstance(err, (QuitInterpreter, ExecutionStackCleared)):
            return err
        if isinstance(err, IndexError):
            return SliError("StackUnderflow", None, obj.name)
        if isinstance(err, RecursionError):
            return SliError("RecursionError", "An object is nested too deeply to be processed.", obj.name)
        if isinstance(err, MemoryError):
            return SliError("MemoryError", "Out of memory.", obj.name)
        return SliError("InternalError", f"{type(err).__name__}: {err}", obj.name)

    # -- errors ----------------------------------------------------------------------------------

    def _location(self) -> Optional[str]:
        """File and line of the token being executed: the innermost frame of user code that
        knows its source (library frames only when no user frame is there)."""
        fallback = None
        for f in reversed(self.estack):
            proc = getattr(f, "proc", None)
            if proc is not None and proc.lines:
                index = min(max(f.pc - 1, 0), len(proc.lines) - 1)
                where = f"{proc.source or '<input>'}:{proc.lines[index]}"
                if proc.source not in self.library_sources:
                    return where
                fallback = fallback or where
        return fallback

    def raise_error(self, command: str, errorname: str, message: Optional[str] = None,
                    command_object: Any = None) -> None:
        """The SLI error mechanism (section 4.1): fill errordict, push the command, ``stop``."""
        ed = self.errordict
        if ed.get("newerror") is True:
            ed["newerror"] = False
            self.raise_error("raiserror", "BadErrorHandler",
                             "The error handler of a stopped context contained itself an error.")
            return
        self.error_location = self._location()
        ed["newerror"] = True
        ed["errorname"] = lit(errorname)
        ed["commandname"] = lit(command)
        if message is not None:
            ed["message"] = message
        if command_object is not None:
            ed["command"] = command_object
        if ed.get("recordstacks") is True:
            ed["ostack"] = list(self.ostack)
            ed["estack"] = [getattr(f, "proc", f) for f in self.estack[1:]
                            if type(f) not in SPECIAL_FRAMES]
            ed["dstack"] = list(self.dstack)
        self.ostack.append(lit(command))
        self.stop()

    def stop(self) -> None:
        """Unwind to the nearest ``stopped`` context and push true there."""
        estack = self.estack
        for i in range(len(estack) - 1, -1, -1):
            if type(estack[i]) is fr.StoppedFrame:
                del estack[i:]
                self.ostack.append(True)
                return
        self.emit_message(M_ERROR, "stop", "No stopped context was found!")
        del estack[1:]
        raise ExecutionStackCleared()

    def format_error(self, command: str) -> str:
        """The text ``print_error`` shows for the error described in errordict."""
        ed = self.errordict
        errorname = str(ed.get("errorname", ""))
        lines: List[str] = []
        message = ed.get("message")
        if errorname == "BadErrorHandler" and message is None:
            message = "The error handler of a stopped context contained itself an error."
        if isinstance(message, str) and message and errorname != "SystemError":
            lines.extend(message.split("\n"))
        cmd_obj = ed.get("command")
        if type(cmd_obj) is Trie:
            lines.append("")
            lines.append(f"Candidates for {cmd_obj!r} are:")
            lines.extend(trie_candidate_lines(cmd_obj))
        if self.error_location:
            lines.append(f"(at {self.error_location})")
        return "\n".join(lines)

    def print_error(self, command: str) -> None:
        ed = self.errordict
        self.emit_message(M_ERROR, command, self.format_error(command), str(ed.get("errorname", "")))
        for key in ("message", "command"):
            if key in ed:
                del ed[key]

    # -- running code ----------------------------------------------------------------------------

    def report_lexical_error(self, err: LexicalError, source: Optional[str]) -> None:
        text = format_lexical_error(err)
        if source:
            text = text.replace("% parser: At line", f"% parser: In {source}, at line", 1)
        self.write(text)

    def parse(self, text: str, source: Optional[str] = None):
        return parse(text, source, lambda e: self.report_lexical_error(e, source))

    def push_code(self, text: str, source: Optional[str] = None) -> None:
        """Schedule the code in ``text`` for execution (top-level tokens run one by one)."""
        result = self.parse(text, source)
        self.estack.append(fr.FileFrame(result.procedure, source, result.syntax_error,
                                        result.diagnostic))

    def execute(self, code: str, source: Optional[str] = None) -> bool:
        """Run ``code`` inside a ``stopped`` context; an error is printed with ``handleerror``.

        Returns True if the code finished without an uncaught error.
        """
        base = len(self.estack)
        self.estack.append(fr.StoppedFrame())
        self.push_code(code, source)
        self.run(base)
        failed = bool(self.ostack) and self.ostack[-1] is True
        if self.ostack:
            self.ostack.pop()
        if failed:
            self.call("handleerror")
        return not failed

    def call(self, key: str, base: Optional[int] = None) -> None:
        """Execute the object bound to ``key`` and run until it is done."""
        depth = len(self.estack)
        self.schedule(self.resolve(key))
        self.run(depth if base is None else base)

    def run_file(self, path: str) -> None:
        text = Path(path).read_bytes().decode("latin-1")
        self.push_code(text, str(path))

    def startup(self, modules: Iterable[Any] = ()) -> None:
        """Install the builtins and library files, then any extra modules."""
        from .startup import initialize

        initialize(self, list(modules))


def trie_candidate_lines(trie: Trie) -> List[str]:
    lines = []
    for signature, obj in trie.variants():
        cols = "".join(t.ljust(15) if len(t) < 15 else t for t in signature)
        callee = repr(obj) if isinstance(obj, (Builtin, Trie)) else _callee_text(obj)
        lines.append(f"{cols}calls {callee}")
    return lines


def _callee_text(obj: Any) -> str:
    from .printing import to_syntax

    return to_syntax(obj)


def _wrap(line: str, width: int) -> str:
    """Indent by four spaces and word-wrap at ``width`` characters."""
    if not line:
        return "    \n"
    out = []
    current = ""
    for word in line.split(" "):
        candidate = word if not current else current + " " + word
        if len(candidate) > width and current:
            out.append("    " + current + " ")
            current = word
        else:
            current = candidate
    out.append("    " + current)
    return "\n".join(out) + "\n"
