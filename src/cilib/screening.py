"""Cervical-length screening: measured CL, scan schedules, and test-accuracy metrics.

A short cervix, a measured CL **at or below** the threshold, is a positive test.

- :func:`measure_cervical_length`: one transvaginal measurement (true CL plus the scenario's
  measurement offset and error) from its own random stream.
- :class:`Schedule`, :func:`anatomy_scan`, :func:`serial_scans`, :func:`screen`: who is offered
  a scan, who accepts (``p_tvcl_uptake``), when they are scanned, the shortest measured CL
  and the gestation at which each threshold is first crossed.
- :func:`metrics`, :func:`sweep`, :func:`auc`, :func:`roc`: 2x2 tables, sensitivity,
  specificity, predictive values and likelihood ratios with 95% CIs, by subgroup with ``by=``
  (see :mod:`cilib.accuracy`).

Random streams: every scan ``k`` of a schedule draws its measurement error from stream
``(seed, k)``, the scan gestation from ``(seed, 1000 + k)`` and acceptance from
``(seed, 2000)``, all separate from the cohort's streams. Row ``i`` always takes draw ``i``, so
adding a scan or another schedule never changes the draws of the others, and screening two
policies with one seed compares them on the same women (common random numbers).

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cilib.accuracy import auc, metrics, roc, sweep
from cilib.assumptions import Assumptions
from cilib.cervix import TRAJECTORY_WEEKS, cervical_length, measurement_stream

__all__ = [
    "Schedule",
    "anatomy_scan",
    "assumptions_of",
    "auc",
    "measure_cervical_length",
    "metrics",
    "roc",
    "screen",
    "serial_scans",
    "subgroups",
    "sweep",
]

_TIMING_STREAM = 1000
_UPTAKE_STREAM = 2000


def assumptions_of(cohort: pd.DataFrame) -> Assumptions:
    """The assumptions a cohort was generated with, rebuilt from its ``attrs``.

    ``generate_cohort`` and ``cilib.io.read_cohort`` record the scenario and any overridden
    values; the rebuilt assumptions are checked against the recorded hash.

    Raises
    ------
    ValueError
        If the cohort carries no cilib metadata (pass ``assumptions=`` explicitly then) or the
        rebuilt assumptions do not match the recorded hash.
    """
    info = getattr(cohort, "attrs", {}) or {}
    if "scenario" not in info:
        raise ValueError(
            "cohort: no cilib metadata in cohort.attrs (it was rebuilt or filtered in a way "
            "that dropped them); allowed: a cohort from cilib.generate_cohort or "
            "cilib.io.read_cohort, or pass assumptions= explicitly"
        )
    a = Assumptions.scenario(info["scenario"])
    overrides = info.get("overrides") or {}
    if overrides:
        a = a.replace(**overrides)
    recorded = info.get("assumptions_hash")
    if recorded is not None and recorded != a.hash():
        raise ValueError(
            f"cohort: its assumptions hash {recorded} does not match the rebuilt assumptions "
            f"({a.hash()}); allowed: pass the assumptions it was generated with"
        )
    return a


def _resolve(cohort: pd.DataFrame, assumptions: Assumptions | None) -> Assumptions:
    if assumptions is None:
        return assumptions_of(cohort)
    if not isinstance(assumptions, Assumptions):
        raise TypeError(
            f"assumptions: got {type(assumptions).__name__}; allowed: a cilib.Assumptions or None"
        )
    return assumptions


def _check_seed(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed: got {seed!r}; allowed: a non-negative integer")
    return int(seed)


def measure_cervical_length(
    cohort: pd.DataFrame,
    ga_weeks,
    *,
    seed: int,
    scan: int = 0,
    assumptions: Assumptions | None = None,
) -> pd.Series:
    """Transvaginal cervical length as measured at a gestation.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort`.
    ga_weeks : float or array-like
        Gestation of the scan, weeks (14-34); a scalar or one value per pregnancy.
    seed : int
        Seed of the measurement streams (independent of the cohort's).
    scan : int
        Number of the scan; each has its own stream, so repeated scans have independent
        errors and adding one never changes another.
    assumptions : Assumptions, optional
        Defaults to the cohort's own (:func:`assumptions_of`). Uses
        ``cl_measurement_offset_mm`` and ``cl_measurement_sd_mm`` (Heath 1998; calibrated per
        scenario).

    Returns
    -------
    Series of float64, mm
        ``cl_measured_mm``: true CL plus offset and error, never negative; NaN where the
        pregnancy ended at or before ``ga_weeks``.

    Examples
    --------
    >>> import cilib
    >>> c = cilib.generate_cohort(1000, seed=1)
    >>> m = cilib.measure_cervical_length(c, ga_weeks=22, seed=1)
    >>> bool(m.isna().sum() == (c["ga_birth_weeks"] <= 22).sum())
    True
    """
    a = _resolve(cohort, assumptions)
    seed = _check_seed(seed)
    if isinstance(scan, bool) or not isinstance(scan, numbers.Integral) or not 0 <= scan < 1000:
        raise ValueError(f"scan: got {scan!r}; allowed: an integer 0-999")
    true = cervical_length(cohort, ga_weeks).to_numpy()
    z = measurement_stream(seed, int(scan)).standard_normal(len(true))
    m = true + a["cl_measurement_offset_mm"] + a["cl_measurement_sd_mm"] * z
    return pd.Series(np.maximum(m, 0.0), index=cohort.index, name="cl_measured_mm")


Eligibility = str | Callable[[pd.DataFrame], "np.ndarray | pd.Series"]
_ELIGIBLE: dict[str, Callable[[pd.DataFrame], np.ndarray]] = {
    "all": lambda c: np.ones(len(c), dtype=bool),
    "singleton": lambda c: (c["plurality"] == "singleton").to_numpy(),
    "prior_sptb": lambda c: c["prior_sptb"].to_numpy(dtype=bool),
    "singleton_prior_sptb": lambda c: (
        (c["plurality"] == "singleton").to_numpy() & c["prior_sptb"].to_numpy(dtype=bool)
    ),
    "no_prior_sptb": lambda c: ~c["prior_sptb"].to_numpy(dtype=bool),
}


@dataclass(frozen=True)
class Schedule:
    """A screening schedule.

    Parameters
    ----------
    name : str
        Label used in tables and charts.
    start_weeks, end_weeks : float
        Window of the scan(s), weeks.
    every_weeks : float or None
        ``None``: one scan at a gestation drawn uniformly in ``[start_weeks, end_weeks)``.
        A number: scans at ``start_weeks``, ``start_weeks + every_weeks``, ... up to and
        including ``end_weeks``.
    eligible : str or callable
        Who is offered the scan: ``"all"``, ``"singleton"``, ``"prior_sptb"``,
        ``"singleton_prior_sptb"``, ``"no_prior_sptb"`` or a function of the cohort returning
        a boolean mask.
    uptake : bool
        Whether offered women accept with probability ``p_tvcl_uptake`` (non-Hispanic Black
        women with the odds of declining raised by ``or_tvcl_decline_nh_black``).
    sources : tuple of str
        Citation keys of the guideline the schedule encodes.
    """

    name: str
    start_weeks: float
    end_weeks: float
    every_weeks: float | None = None
    eligible: Eligibility = "all"
    uptake: bool = True
    sources: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        lo, hi = TRAJECTORY_WEEKS
        for label, v in (("start_weeks", self.start_weeks), ("end_weeks", self.end_weeks)):
            if not isinstance(v, numbers.Real) or math.isnan(v) or not lo <= v <= hi:
                raise ValueError(f"{label}: got {v!r}; allowed: weeks in [{lo:g}, {hi:g}]")
        if self.end_weeks < self.start_weeks:
            raise ValueError(
                f"end_weeks: got {self.end_weeks!r}; allowed: at least start_weeks "
                f"({self.start_weeks!r})"
            )
        if self.every_weeks is not None and not (
            isinstance(self.every_weeks, numbers.Real) and self.every_weeks > 0
        ):
            raise ValueError(
                f"every_weeks: got {self.every_weeks!r}; allowed: a positive number or None"
            )
        if isinstance(self.eligible, str) and self.eligible not in _ELIGIBLE:
            raise ValueError(
                f"eligible: got {self.eligible!r}; allowed: {', '.join(_ELIGIBLE)} or a "
                "function of the cohort"
            )

    def scan_weeks(self) -> list[float]:
        """Gestations of serial scans (empty for a single scan in a window)."""
        if self.every_weeks is None:
            return []
        n = int(math.floor((self.end_weeks - self.start_weeks) / self.every_weeks + 1e-9)) + 1
        return [self.start_weeks + k * self.every_weeks for k in range(n)]

    def eligible_mask(self, cohort: pd.DataFrame) -> np.ndarray:
        """Boolean mask of the pregnancies offered the scan."""
        rule = _ELIGIBLE[self.eligible] if isinstance(self.eligible, str) else self.eligible
        mask = np.asarray(rule(cohort))
        if mask.dtype != bool or mask.shape != (len(cohort),):
            raise ValueError(
                f"eligible: the function returned {mask.dtype} of shape {mask.shape}; "
                f"allowed: a boolean mask of length {len(cohort)}"
            )
        return mask


def anatomy_scan(assumptions: Assumptions | None = None, *, eligible: Eligibility = "all"):
    """One transvaginal CL measurement at the 18+0 to 22+6 wk anatomy scan (ACOG PB 234)."""
    a = assumptions if assumptions is not None else Assumptions.default()
    return Schedule(
        "anatomy scan",
        a["anatomy_scan_start_weeks"],
        a["anatomy_scan_end_weeks"],
        eligible=eligible,
        sources=a.record("anatomy_scan_start_weeks").sources,
    )


def serial_scans(
    assumptions: Assumptions | None = None, *, eligible: Eligibility = "prior_sptb"
) -> Schedule:
    """Serial CL every 2 wk from 16+0 to 24+0 wk after a prior sPTB (ACOG PB 234, NICE NG25)."""
    a = assumptions if assumptions is not None else Assumptions.default()
    return Schedule(
        "serial scans after prior sPTB",
        a["serial_scan_start_weeks"],
        a["serial_scan_end_weeks"],
        every_weeks=a["serial_scan_interval_weeks"],
        eligible=eligible,
        sources=a.record("serial_scan_start_weeks").sources,
    )


def _accepts(cohort: pd.DataFrame, a: Assumptions, seed: int) -> np.ndarray:
    p = a["p_tvcl_uptake"]
    odds_decline = (1.0 - p) / p if p > 0 else math.inf
    black = (cohort["race_ethnicity"] == "NH Black").to_numpy()
    odds = np.where(black, odds_decline * a["or_tvcl_decline_nh_black"], odds_decline)
    p_decline = odds / (1.0 + odds)
    u = measurement_stream(seed, _UPTAKE_STREAM).random(len(cohort))
    return u >= p_decline


def screen(
    cohort: pd.DataFrame,
    schedule: Schedule,
    *,
    seed: int,
    thresholds_mm: Sequence[float] = (15.0, 20.0, 25.0),
    assumptions: Assumptions | None = None,
) -> pd.DataFrame:
    """Apply a screening schedule to a cohort.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort`.
    schedule : Schedule
        For example :func:`anatomy_scan` or :func:`serial_scans`.
    seed : int
        Seed of the screening streams.
    thresholds_mm : sequence of float
        Thresholds (mm) whose first crossing is reported.
    assumptions : Assumptions, optional
        Defaults to the cohort's own.

    Returns
    -------
    DataFrame, indexed like ``cohort``
        ``eligible``, ``accepted`` (offered and accepted), ``scanned`` (at least one scan
        while still pregnant), ``n_scans``, ``first_scan_ga_weeks``, ``cl_first_mm`` (CL at
        the first scan), ``cl_min_mm`` and ``cl_min_ga_weeks`` (shortest measured CL and when),
        and for each threshold ``t`` the column ``ga_first_le_<t>mm_weeks``: gestation of the
        first scan with a CL at or below ``t`` (NaN if never). Missing values mark pregnancies
        not scanned; a scan after the pregnancy ended does not happen.
    """
    if not isinstance(schedule, Schedule):
        raise TypeError(
            f"schedule: got {type(schedule).__name__}; allowed: a cilib.screening.Schedule "
            "(for example cilib.screening.anatomy_scan())"
        )
    a = _resolve(cohort, assumptions)
    seed = _check_seed(seed)
    thresholds = [float(t) for t in thresholds_mm]
    if any(math.isnan(t) or t < 0 for t in thresholds):
        raise ValueError(f"thresholds_mm: got {thresholds_mm!r}; allowed: non-negative mm")
    n = len(cohort)
    eligible = schedule.eligible_mask(cohort)
    accepted = eligible & (_accepts(cohort, a, seed) if schedule.uptake else True)
    weeks = schedule.scan_weeks()
    if not weeks:  # one scan at a gestation drawn in the window
        u = measurement_stream(seed, _TIMING_STREAM).random(n)
        when = [schedule.start_weeks + (schedule.end_weeks - schedule.start_weeks) * u]
    else:
        when = [np.full(n, w) for w in weeks]
    ga_birth = cohort["ga_birth_weeks"].to_numpy()
    n_scans = np.zeros(n, dtype=np.int8)
    first_ga = np.full(n, np.nan)
    cl_first = np.full(n, np.nan)
    cl_min = np.full(n, np.inf)
    cl_min_ga = np.full(n, np.nan)
    crossed = {t: np.full(n, np.nan) for t in thresholds}
    for k, ga in enumerate(when):  # a handful of scans, each vectorised over the cohort
        done = accepted & (ga_birth > ga)
        cl = measure_cervical_length(cohort, ga, seed=seed, scan=k, assumptions=a).to_numpy()
        cl = np.where(done, cl, np.nan)
        n_scans += done
        new = done & np.isnan(first_ga)
        first_ga[new] = ga[new]
        cl_first[new] = cl[new]
        lower = done & (cl < cl_min)
        cl_min[lower] = cl[lower]
        cl_min_ga[lower] = ga[lower]
        for t in thresholds:
            hit = done & (cl <= t) & np.isnan(crossed[t])
            crossed[t][hit] = ga[hit]
    out = {
        "eligible": eligible,
        "accepted": accepted,
        "scanned": n_scans > 0,
        "n_scans": n_scans,
        "first_scan_ga_weeks": first_ga,
        "cl_first_mm": cl_first,
        "cl_min_mm": np.where(np.isfinite(cl_min), cl_min, np.nan),
        "cl_min_ga_weeks": cl_min_ga,
    }
    for t in thresholds:
        out[f"ga_first_le_{t:g}mm_weeks"] = crossed[t]
    frame = pd.DataFrame(out, index=cohort.index)
    frame.attrs.update(schedule=schedule.name, seed=seed)
    return frame


def subgroups(cohort: pd.DataFrame) -> dict[str, np.ndarray]:
    """The usual screening subgroups as boolean masks, for ``by=`` in the metrics.

    Keys: ``all``, ``nulliparous``, ``parous, no prior sPTB``, ``prior sPTB``, ``singleton``,
    ``twins``, and one per race/ethnicity group. Groups overlap.
    """
    parous = cohort["parity"].to_numpy() > 0
    prior = cohort["prior_sptb"].to_numpy(dtype=bool)
    plurality = cohort["plurality"].to_numpy()
    groups = {
        "all": np.ones(len(cohort), dtype=bool),
        "nulliparous": ~parous,
        "parous, no prior sPTB": parous & ~prior,
        "prior sPTB": prior,
        "singleton": plurality == "singleton",
        "twins": plurality == "twin",
    }
    race = cohort["race_ethnicity"].to_numpy()
    for cat in cohort["race_ethnicity"].cat.categories:
        groups[str(cat)] = race == cat
    return groups
