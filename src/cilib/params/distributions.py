"""Sampling distributions of the assumption records, for probabilistic sensitivity analysis.

Each record's ``distribution`` names a family; :func:`sampling` turns the record into a frozen
:mod:`scipy.stats` distribution whose centre is the record's value and whose central 95% spans
about its plausible range (``low`` to ``high``, a 95% CI where one was published), truncated to
its hard ``bounds``, and says why (:func:`reason`):

- ``beta`` for probabilities, fractions and shares: mean at the value, variance by the method
  of moments from the range taken as mean +/- 1.96 SD;
- ``lognormal`` for ratios (hazard, odds, risk and rate ratios): median at the value, log-SD
  from the range on the log scale (the upper side if the low end is 0);
- ``normal`` for durations, lengths, rates, slopes and other quantities on a linear scale:
  mean at the value, SD from the range, truncated to the bounds;
- ``fixed`` for definitions and anything without a range: the value itself;
- ``uniform`` and ``triangular`` over the range where a record asks for them.

The calibrated natural history (records fitted to the calibration targets, not to trials) has a
family too, but a probabilistic sensitivity analysis does not draw it record by record: it
takes whole draws of the calibration posterior (:mod:`cilib.params.posterior`), so that every
draw still reproduces the targets; :func:`reason` says so.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from cilib.params.records import Record, family_for_unit
from cilib.stats import Z95

__all__ = ["Sampling", "family_for_unit", "reason", "sampling"]

_WHY = {
    "fixed": "fixed: a definition or a value without a range",
    "beta": "beta: a probability, mean at the value, spread from the range as a 95% interval",
    "lognormal": "log-normal: a ratio, median at the value, log-spread from the range as a 95% "
    "interval",
    "normal": "normal: a quantity on a linear scale, mean at the value, spread from the range as "
    "a 95% interval, truncated to the bounds",
    "uniform": "uniform over the range: nothing favours one value over another",
    "triangular": "triangular over the range, peaked at the value",
}
_POSTERIOR = (
    "but a PSA draws it jointly with the other calibrated records from the calibration "
    "posterior, not from this family"
)


def reason(record: Record) -> str:
    """Why the record samples from its distribution (one line, for the parameter table)."""
    if record.low == record.high:
        return _WHY["fixed"]
    if record.natural_history_fit:
        return f"{_WHY[record.distribution]}; {_POSTERIOR}"
    return _WHY[record.distribution]


@dataclass(frozen=True)
class Sampling:
    """A record's sampling distribution: ``family``, the frozen scipy distribution ``dist``
    (``None`` when fixed), the ``value`` it is centred on and ``why``."""

    name: str
    family: str
    dist: object | None
    value: float
    why: str

    def draw(self, rng: np.random.Generator, size: int | None = None):
        """Draws (float64) by inverse transform of one uniform each, so a draw depends only on
        its own uniform."""
        u = rng.random(size)
        return self.ppf(u)

    def ppf(self, u) -> np.ndarray:
        """Quantiles at ``u`` (the value itself when fixed)."""
        u = np.asarray(u, np.float64)
        if self.dist is None:
            return np.full(u.shape, self.value)
        return np.asarray(self.dist.ppf(u), np.float64)


def _truncate(dist_cls, lo: float, hi: float, loc: float, scale: float):
    a, b = (lo - loc) / scale, (hi - loc) / scale
    return dist_cls(a, b, loc=loc, scale=scale)


@functools.lru_cache(maxsize=4096)
def sampling(record: Record) -> Sampling:
    """The record's :class:`Sampling` (see the module docstring for each family); cached by
    record (records are immutable, and freezing a scipy distribution costs milliseconds, once
    per record and PSA chunk otherwise).

    Raises
    ------
    ValueError
        If the record's range cannot define its distribution (a ratio whose value is not
        positive, a probability outside [0, 1]).
    """
    family = "fixed" if record.low == record.high else record.distribution
    v, lo, hi = record.value, record.low, record.high
    b_lo, b_hi = record.bounds
    if family == "fixed":
        dist = None
    elif family == "uniform":
        dist = stats.uniform(loc=lo, scale=hi - lo)
    elif family == "triangular":
        dist = stats.triang(c=(v - lo) / (hi - lo), loc=lo, scale=hi - lo)
    elif family == "beta":
        if not 0.0 <= v <= 1.0:
            raise ValueError(f"{record.name}: got value {v}; allowed: a probability in [0, 1]")
        m = min(max(v, 1e-6), 1 - 1e-6)
        sd = (hi - lo) / (2 * Z95)
        k = max(m * (1 - m) / sd**2 - 1.0, 2.0)  # concentration, at least 2 (unimodal-ish)
        dist = stats.beta(m * k, (1 - m) * k)
    elif family == "lognormal":
        if v <= 0:
            raise ValueError(f"{record.name}: got value {v}; allowed: a positive ratio")
        up = math.log(hi / v) if hi > v else 0.0
        down = math.log(v / lo) if lo > 0 and lo < v else up
        sigma = max((up + down) / (2 * Z95), 1e-12)
        mu = math.log(v)
        top = math.inf if not math.isfinite(b_hi) else (math.log(b_hi) - mu) / sigma
        bottom = -math.inf if b_lo <= 0 else (math.log(b_lo) - mu) / sigma
        dist = _LogTruncNorm(bottom, top, mu, sigma)
    elif family == "normal":
        sd = max((hi - lo) / (2 * Z95), 1e-12)
        dist = _truncate(stats.truncnorm, b_lo, b_hi, v, sd)
    else:  # pragma: no cover - Record.problems() refuses other names
        raise ValueError(f"{record.name}: distribution {family!r} unknown")
    return Sampling(record.name, family, dist, v, reason(record))


class _LogTruncNorm:
    """exp of a truncated normal: a log-normal cut to the record's bounds."""

    def __init__(self, a: float, b: float, mu: float, sigma: float):
        self._z = stats.truncnorm(a, b, loc=mu, scale=sigma)

    def ppf(self, u):
        return np.exp(self._z.ppf(u))

    def interval(self, confidence: float):
        lo, hi = self._z.interval(confidence)
        return math.exp(lo), math.exp(hi)
