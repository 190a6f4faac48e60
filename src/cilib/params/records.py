"""Assumption records: one documented number each, and the scenario type.

Every number the model uses is a :class:`Record`: a value with its unit, plausible range,
distribution for uncertainty analysis, hard bounds for overrides, citation keys, population,
year and a note. The registry of records is :mod:`cilib.params.registry`; the validated,
overridable set of values is :class:`cilib.params.assumptions.Assumptions`.

Examples
--------
>>> r = record("p_example", 0.2, "probability", 0.1, 0.3, bounds=PROBABILITY,
...            status="assumption", note="an example")
>>> r.problems()
[]
>>> check_value(r, 0.25)
0.25
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from cilib.params.validation import number

__all__ = [
    "DISTRIBUTIONS",
    "PROBABILITY",
    "RATIO",
    "STATUSES",
    "Record",
    "Scenario",
    "check_value",
    "family_for_unit",
    "record",
]

STATUSES = ("sourced", "derived", "calibrated", "assumption")
DISTRIBUTIONS = ("fixed", "normal", "lognormal", "beta", "uniform", "triangular")


@dataclass(frozen=True)
class Record:
    """One model assumption.

    Parameters
    ----------
    name : str
        Identifier; units in the name (``_weeks``, ``_mm``, ``_years``), ``p_`` for
        probabilities, ``hr_``/``rr_``/``or_`` for ratios.
    value : float
        The value used by the model.
    unit : str
        Unit of ``value`` ("probability", "hazard ratio", "mm", "weeks", ...).
    low, high : float
        Plausible range (95% CI where published); the default value lies inside it.
    bounds : tuple of float
        Hard limits an override must respect (for example 0-1 for a probability).
    distribution : str
        Sampling distribution for uncertainty analysis (:mod:`cilib.params.distributions`):
        centred on ``value``, its central 95% about ``low``-``high``, within ``bounds``.
    sources : tuple of str
        Citation keys in :data:`cilib.params.references.REFERENCES`.
    status : str
        ``sourced`` (read from a source), ``derived`` (arithmetic on sourced figures),
        ``calibrated`` (fitted to the targets in ``targets``) or ``assumption`` (stated
        assumption, the note says why).
    population, year : str
        Population and period the value describes.
    note : str
        How the value was obtained or why it was assumed.
    targets : tuple of int
        Calibration targets (evidence.md numbering) a calibrated value was fitted to.
    integer : bool
        Whether the value must be an integer.
    """

    name: str
    value: float
    unit: str
    low: float
    high: float
    bounds: tuple[float, float] = (-math.inf, math.inf)
    distribution: str = "uniform"
    sources: tuple[str, ...] = ()
    status: str = "sourced"
    population: str = ""
    year: str = ""
    note: str = ""
    targets: tuple[int, ...] = ()
    integer: bool = False
    group: str = ""

    @property
    def natural_history_fit(self) -> bool:
        """Calibrated to the natural-history targets (``scripts/fit_calibration.py``), not to
        a trial as the treatment effects are: the records of the calibration posterior."""
        return self.status == "calibrated" and self.group != "treatments"

    def problems(self) -> list[str]:
        """Return a list of documentation problems (empty when the record is complete)."""
        out = []
        if not self.unit:
            out.append("no unit")
        if self.status not in STATUSES:
            out.append(f"status {self.status!r} not one of {STATUSES}")
        if self.status in ("sourced", "derived") and not self.sources:
            out.append("no source")
        if self.status == "assumption" and not self.note:
            out.append("stated assumption without a note saying why")
        if self.status == "calibrated" and not self.targets:
            out.append("calibrated without naming its targets")
        if self.distribution not in DISTRIBUTIONS:
            out.append(f"distribution {self.distribution!r} not one of {DISTRIBUTIONS}")
        if not (self.bounds[0] <= self.low <= self.high <= self.bounds[1]):
            out.append(f"range [{self.low}, {self.high}] not inside bounds {self.bounds}")
        if not (self.low <= self.value <= self.high):
            out.append(f"value {self.value} outside its range [{self.low}, {self.high}]")
        return out


def _fmt(x: float) -> str:
    return f"{x:g}"


def check_value(record: Record, value: Any) -> float:
    """Validate an override for ``record`` and return it as a float.

    Raises
    ------
    TypeError
        If ``value`` is not a real number (booleans and strings are refused).
    ValueError
        If ``value`` is NaN, infinite, too large for a float, not an integer where one is
        required, or outside the bounds; the message names the assumption, the value (cut to
        80 characters, :func:`cilib.params.validation.shown`) and the allowed range.
    """
    lo, hi = record.bounds
    kind = "an integer" if record.integer else "a number"
    allowed = f"{kind} in [{_fmt(lo)}, {_fmt(hi)}] ({record.unit})"
    return number(
        f"assumption {record.name!r}", value, lo, hi, what=allowed, integer=record.integer
    )


@dataclass(frozen=True)
class Scenario:
    """A named assumption set describing one population and measurement setting."""

    name: str
    description: str
    overrides: tuple[Record, ...] = ()
    sources: tuple[str, ...] = ()


#: Bounds of a probability.
PROBABILITY = (0.0, 1.0)
#: Bounds of a hazard, odds or rate ratio.
RATIO = (0.0, 1000.0)


_PROBABILITY_UNITS = ("probability", "fraction", "share")
_RATIO_UNITS = ("hazard ratio", "odds ratio", "rate ratio", "risk ratio", "ratio")


def family_for_unit(unit: str) -> str:
    """The sampling distribution a record of ``unit`` takes unless it names one: ``beta`` for
    probabilities, fractions and shares, ``lognormal`` for ratios, ``normal`` otherwise
    (:mod:`cilib.params.distributions`)."""
    if unit in _PROBABILITY_UNITS:
        return "beta"
    if unit in _RATIO_UNITS:
        return "lognormal"
    return "normal"


def record(name: str, value: float, unit: str, low: float, high: float, **kw: Any) -> Record:
    """A :class:`Record` with ``value``, ``low`` and ``high`` as floats (registry shorthand);
    without a ``distribution``, the family of its unit (:func:`family_for_unit`), or ``fixed``
    when it has no range."""
    kw.setdefault("distribution", "fixed" if low == high else family_for_unit(unit))
    return Record(name=name, value=float(value), unit=unit, low=float(low), high=float(high), **kw)
