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

__all__ = ["COVERAGE_HELD", "RHAT_MIXED", "Posterior", "column", "fitted_point_hash", "load"]

PARTICLES_FILE = "posterior.csv"
#: Columns of the posterior table that are not records: the chain and step a draw comes from
#: and its largest scaled target residual.
BOOKKEEPING = ("chain", "step", "worst_residual")
META_FILE = "posterior.toml"
#: Largest split R-hat of chains that count as mixed (Gelman et al., BDA3 11.4: below 1.1).
RHAT_MIXED = 1.1
#: Least out-of-sample share of the passing simulations that a history-matched posterior's
#: emulated region must hold for its draws to go without a caveat (a stated assumption: one
#: passing simulation in ten judged implausible is flagged).
COVERAGE_HELD = 0.9


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

    def caveat(self) -> str | None:
        """One line for a PSA's reader when the chains have not mixed (largest split R-hat at
        or above :data:`RHAT_MIXED`): the draws then understate the spread of the natural
        history (README, "Calibration uncertainty"); or, for a history-matched posterior, when
        its waves were still reaching further out (the trust radius grew in the last wave) or
        its emulated region holds less than :data:`COVERAGE_HELD` of the passing simulations
        out of sample; else None."""
        rhat = float(self.meta.get("rhat_max", float("nan")))
        held = float(self.meta.get("coverage_out_of_sample", 1.0))
        growth = float(self.meta.get("trust_growth_last_wave", 1.0))
        if rhat < RHAT_MIXED:
            reasons = []  # a history-matched posterior's: its chains mixed on the emulator
            if growth > 1.0:
                reasons.append(
                    "was still reaching further out (its trust radius grew "
                    f"{growth - 1:.0%} in the last wave)"
                )
            if held < COVERAGE_HELD:
                reasons.append(
                    f"holds only {held:.0%} of the simulations that pass every target in its "
                    "emulated region (out of sample)"
                )
            if reasons:
                return (
                    "note: the calibration posterior's history matching "
                    + " and ".join(reasons)
                    + ", so its draws may miss part of the region that reproduces the targets "
                    "and the natural history's share of this PSA's spread is a lower bound "
                    "(README, 'Calibration uncertainty')"
                )
            return None
        return (
            f"note: the calibration posterior's chains have not mixed (split R-hat {rhat:.2f}, "
            f"effective sample size {float(self.meta.get('ess_min', float('nan'))):.0f} at "
            "least), so the natural history's share of this PSA's spread is a lower bound "
            "(README, 'Calibration uncertainty')"
        )

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
