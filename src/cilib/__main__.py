"""``python -m cilib``: the command line (see :mod:`cilib.cli`)."""

import sys

from cilib.cli import main

if __name__ == "__main__":
    sys.exit(main())
