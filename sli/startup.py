"""Start-up: builtins, global dictionaries, library files and modules (section 8)."""
from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path
from typing import Any, List

from . import __version__
from . import frames as fr
from .builtins import registries
from .datums import Dictionary, lit
from .interpreter import Interpreter, library_dir
from .streams import IStream, OStream

# Library files of the language, loaded in this order into systemdict.
LIBRARY_FILES = ("sli-init.sli", "testing-helpers.sli")

EXIT_CODES = {
    "success": 0, "skipped": 200, "skipped_no_mpi": 201, "skipped_have_mpi": 202,
    "skipped_no_threading": 203, "skipped_no_gsl": 204, "skipped_no_music": 205,
    "scripterror": 126, "abort": 134, "userabort": 15, "segfault": 139, "exception": 125,
    "fatal": 127, "unknownerror": 10, "restart_serial": 4,
}


def _statusdict(interp: Interpreter) -> None:
    sd = interp.statusdict
    machine = platform.machine() or "unknown"
    system = platform.system().lower() or "unknown"
    sd["argv"] = list(interp.argv)
    sd["version"] = f"nest2-{__version__}"
    sd["exitcode"] = 0
    sd["built"] = time.strftime("%b %d %Y %H:%M:%S", time.localtime(Path(__file__).stat().st_mtime))
    prefix = str(Path(sys.prefix))
    sd["prefix"] = prefix
    sd["prgdatadir"] = str(library_dir().parent)
    sd["prgdocdir"] = str(Path(prefix) / "share" / "doc" / "nest2")
    sd["host"] = f"{machine}-pc-{system}"
    sd["hostos"] = system
    sd["hostvendor"] = "pc"
    sd["hostcpu"] = machine
    sd["platform"] = "default"
    sd["threading"] = "no"
    for key in ("have_mpi", "is_mpi", "have_gsl", "have_music", "have_libneurosim"):
        sd[key] = False
    sd["ndebug"] = True
    sd["architecture"] = Dictionary({lit(k): v for k, v in (
        ("int", 4), ("long", 8), ("long_long", 8), ("have_long_long", True), ("double", 8),
        ("void_ptr", 8))})
    sd["exitcodes"] = Dictionary({lit(k): v for k, v in EXIT_CODES.items()})
    sd["environment"] = Dictionary({lit(k): v for k, v in os.environ.items()})
    sd["userargs"] = []
    sd["interactive"] = True
    sd["files"] = []
    sd["python"] = sys.executable  # the interpreter that runs child SLI processes


def init_errordict(interp: Interpreter) -> None:
    ed = interp.errordict
    ed.clear()
    ed["newerror"] = False
    ed["recordstacks"] = True
    ed["commandname"] = ""
    ed["ostack"] = []
    ed["estack"] = []
    ed["dstack"] = []
    ed["quitbyerror"] = False
    for key in ("oldcommandname", "olderrorname", "oldestack"):
        ed[key] = ""


def load_library_file(interp: Interpreter, path: Path) -> bool:
    """Run one library file in a stopped context; report (not raise) errors in it."""
    interp.library_sources.add(str(path))
    return interp.execute(path.read_bytes().decode("latin-1"), str(path))


def initialize(interp: Interpreter, modules: List[Any]) -> None:
    sd = interp.systemdict
    regs = registries()
    for reg in regs:
        reg.install_builtins(interp)
    for reg in regs:
        reg.install_tries(interp)
    for reg in regs:
        reg.install_fast_paths(interp)
    sd["systemdict"] = interp.systemdict
    sd["userdict"] = interp.userdict
    sd["errordict"] = interp.errordict
    sd["statusdict"] = interp.statusdict
    sd["::stopped"] = False
    sd["newerror"] = False
    sd["recordstacks"] = True
    sd["cout"] = OStream(lambda: interp.out, "cout", std=True)
    sd["cerr"] = OStream(lambda: sys.stderr, "cerr", std=True)
    sd["cin"] = IStream(sys.stdin, "cin", std=True)
    sd["moduleinitializers"] = []
    _statusdict(interp)
    init_errordict(interp)
    interp.begin(interp.userdict)
    interp.begin(interp.systemdict)  # library definitions go to systemdict
    for filename in LIBRARY_FILES:
        path = library_dir() / filename
        if path.exists():
            load_library_file(interp, path)
    for module in list(modules) + _entry_point_modules():
        install_module(interp, module)
    interp.end()  # from here on userdict is the current dictionary
    interp.ostack.clear()
    _prepend_search_path(interp)


def _prepend_search_path(interp: Interpreter) -> None:
    """$SLIUSER directories, then the current directory, go before the library (section 8.2)."""
    path = interp.systemdict.get("SLISearchPath")
    if type(path) is not list:
        return
    extra = [d for d in os.environ.get("SLIUSER", "").split(":") if d] + ["."]
    interp.systemdict["SLISearchPath"] = extra + [p for p in path if p not in extra]


def install_module(interp: Interpreter, module: Any) -> None:
    """Install a module: ``module.install(interp)`` registers its builtins, then its
    ``library_files`` (paths of SLI files) are run into systemdict."""
    if module in interp.modules:
        return
    interp.modules.append(module)
    module.install(interp)
    for path in getattr(module, "library_files", ()):
        load_library_file(interp, Path(path))


def _entry_point_modules() -> List[Any]:
    """Modules announced by installed packages in the ``sli.modules`` entry-point group."""
    try:
        from importlib.metadata import entry_points
    except ImportError:  # pragma: no cover
        return []
    try:
        eps = entry_points(group="sli.modules")
    except TypeError:  # Python < 3.10
        eps = entry_points().get("sli.modules", [])
    found = []
    for ep in eps:
        try:
            found.append(ep.load())
        except Exception as err:  # a broken module must not break the interpreter
            sys.stderr.write(f"sli: could not load module {ep.name}: {err}\n")
    return found
