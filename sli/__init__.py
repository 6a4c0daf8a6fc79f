"""SLI, the Simulation Language Interpreter of NEST 2.x, implemented in Python.

>>> from sli import Interpreter
>>> interp = Interpreter()
>>> interp.startup()
>>> interp.execute("1 2 add =")
3
True
"""
__version__ = "0.1.0"

from .interpreter import Interpreter  # noqa: E402
from .errors import SliError  # noqa: E402

__all__ = ["Interpreter", "SliError", "__version__"]
