"""The ``cilib`` command line: generate cohorts, show assumptions, calibrate, document columns.

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
.. code-block:: console

    $ cilib generate --n 100000 --seed 1 --scenario iams_1996 --out cohort.parquet
    $ cilib params --format markdown
    $ cilib calibrate --scenario fmf_london
    $ cilib dictionary --format csv

Every subcommand has ``--help``. Bad input exits with status 2 and one line on stderr;
``calibrate`` exits with status 1 when a target is missed.
"""

from cilib.cli.formats import params_markdown
from cilib.cli.parser import build_parser, main

__all__ = ["build_parser", "main", "params_markdown"]
