"""Test-suite setup shared by unit tests and notebooks (nbval)."""

import os
from pathlib import Path

# Kernels started by nbval inherit this: their IPython startup turns FutureWarning into errors.
os.environ["IPYTHONDIR"] = str(Path(__file__).parent / "tests" / "ipython")
# Notebooks run with a small cohort in CI unless an instructor asks for more.
os.environ.setdefault("CILIB_N", "50000")
