"""PyNEST: the Python interface of the NEST 2.x simulator.

``import nest`` starts one SLI interpreter (with the simulation kernel loaded as a module); every
function generates SLI code that this interpreter runs, so SLI scripts and Python scripts drive
the same engine with the same semantics.
"""
from . import ll_api  # noqa: F401  (starts the interpreter unless DELAY_PYNEST_INIT is set)
from .exceptions import NESTError, NESTErrors, PyNESTError  # noqa: F401
from .ll_api import SLILiteral, sli_func, sli_pop, sli_push, sli_run, spp, sps, sr  # noqa: F401

from .hl_api import *  # noqa: F401,F403,E402
from . import hl_api  # noqa: E402

__all__ = hl_api.__all__ + ["NESTError", "NESTErrors", "PyNESTError", "SLILiteral", "sli_func", "sli_pop",
           "sli_push", "sli_run", "spp", "sps", "sr", "ll_api"]
