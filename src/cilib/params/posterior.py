"""The calibration posterior of the natural history, as saved by ``scripts/fit_posterior.py``.

``data/posterior.csv`` holds the kept draws of :mod:`cilib.analysis.abc` (one row per draw:
its chain and step, the value of every calibrated natural-history record, the largest scaled
residual of its targets) and ``data/posterior.toml`` the run's settings and
diagnostics (method, cohort size and seed, acceptance, effective sample size, ...). Every draw
reproduces every calibration target at the fit's cohort size and seed. A probabilistic
sensitivity analysis (:mod:`cilib.psa`) takes one draw of it per PSA draw, jointly, instead of
holding the natural history at its fitted point.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import functools
import hashlib
import tomllib
from dataclasses import dataclass
from importlib import resources

import pandas as pd

from cilib.params.assumptions import Assumptions

__all__ = ["Posterior", "column", "fitted_point_hash", "load"]

PARTICLES_FILE = "posterior.csv"
#: Columns of the posterior table that are not records: the chain and step a draw comes from
#: and its largest scaled target residual.
BOOKKEEPING = ("chain", "step", "worst_residual")
META_FILE = "posterior.toml"


def column(scope: str, name: str) -> str:
    """A record's column in the posterior table: its name for the shared biology (scope
    ``'*'``), ``name[scenario]`` for a scenario's own record."""
    return name if scope == "*" else f"{name}[{scope}]"


def fitted_point_hash() -> str:
    """SHA-256 of ``data/calibrated.toml``: a posterior is valid for the fit it was drawn
    around, and records the hash of that fit."""
    path = resources.files("cilib") / "data" / "calibrated.toml"
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Posterior:
    """The kept draws (``particles``, one row each) and the run's ``meta`` (settings and
    diagnostics)."""

    particles: pd.DataFrame
    meta: dict

    @property
    def size(self) -> int:
        """Number of draws."""
        return len(self.particles)

    def values(self, i: int, assumptions: Assumptions) -> dict[str, float]:
        """Draw ``i``'s values of the records that ``assumptions`` calibrates, keyed by record
        name: the shared ones (unless its scenario fixes the record, as ``iams_1996`` fixes
        ``p_twin`` at 0) and its scenario's own (``name[scenario]``)."""
        row = self.particles.iloc[int(i)]
        scenario = assumptions.scenario_name
        out = {}
        for col in self.parameter_columns():
            name, _, scope = col.partition("[")
            mine = scope[:-1] == scenario if scope else True
            if mine and assumptions.record(name).status == "calibrated":
                out[name] = float(row[col])
        return out

    def parameter_columns(self) -> list[str]:
        """The record columns of :attr:`particles` (every column but the bookkeeping)."""
        return [c for c in self.particles.columns if c not in BOOKKEEPING]


@functools.cache
def load() -> Posterior | None:
    """The shipped posterior, or ``None`` if the package has none.

    Raises
    ------
    ValueError
        If it was drawn around another fit than ``data/calibrated.toml`` (refit with
        ``scripts/fit_posterior.py``).
    """
    base = resources.files("cilib") / "data"
    if not (base / PARTICLES_FILE).is_file():
        return None
    with (base / META_FILE).open("rb") as f:
        meta = tomllib.load(f)
    if meta.get("fitted_point_sha256") != fitted_point_hash():
        raise ValueError(
            "posterior: drawn around another fit than data/calibrated.toml; allowed: a "
            "posterior refitted by scripts/fit_posterior.py"
        )
    with (base / PARTICLES_FILE).open("r") as f:
        particles = pd.read_csv(f)
    return Posterior(particles=particles, meta=meta)
