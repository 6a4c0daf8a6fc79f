"""``python -m sli``: the ``sli`` command line."""
import sys

from .cli import main

sys.exit(main())
