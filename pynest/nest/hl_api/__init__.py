"""The high-level PyNEST API, split by topic. Every function generates SLI code."""
from .connections import *  # noqa: F401,F403
from .helpers import broadcast, is_iterable, is_literal  # noqa: F401
from .info import *  # noqa: F401,F403
from .models import *  # noqa: F401,F403
from .nodes import *  # noqa: F401,F403
from .simulation import *  # noqa: F401,F403
from .subnets import *  # noqa: F401,F403
from . import connections, info, models, nodes, simulation, subnets

__all__ = (connections.__all__ + info.__all__ + models.__all__ + nodes.__all__
           + simulation.__all__ + subnets.__all__)
