"""Screening schedules: who is offered a scan, who accepts, when they are scanned, what is found.

:class:`Schedule`, :func:`anatomy_scan` and :func:`serial_scans` describe a schedule;
:func:`screen` applies it to a cohort: eligibility, acceptance (``p_tvcl_uptake``), the scans
while the pregnancy is ongoing, the shortest measured CL and the gestation at which each
threshold is first crossed. :func:`combine_screens` joins the results of several schedules.

Random streams (:mod:`cilib.params.streams`): scan ``k`` of a schedule draws its measurement
error from slot ``k`` of the ``scan`` stream, a single scan's gestation from ``scan_timing``
and acceptance from ``uptake``, all separate from the cohort's streams. Row ``i`` always takes
draw ``i``, so adding a scan or another schedule never changes the draws of the others, and
screening two policies with one seed compares them on the same women (common random numbers).

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cilib.model.cervix import TRAJECTORY_WEEKS, length, trajectory_arrays
from cilib.model.schema import plurality, singleton
from cilib.params import streams
from cilib.params.assumptions import Assumptions, resolve
from cilib.params.definitions import CL_THRESHOLDS_MM
from cilib.params.validation import aligned, number, shown
from cilib.screening.measurement import MAX_SCANS, measured

__all__ = [
    "Schedule",
    "anatomy_scan",
    "combine_screens",
    "screen",
    "serial_scans",
    "shared_draws",
    "subgroups",
]


Eligibility = str | Callable[[pd.DataFrame], "np.ndarray | pd.Series"]
_ELIGIBLE: dict[str, Callable[[pd.DataFrame], np.ndarray]] = {
    "all": lambda c: np.ones(len(c), dtype=bool),
    "singleton": singleton,
    "prior_sptb": lambda c: c["prior_sptb"].to_numpy(dtype=bool),
    "singleton_prior_sptb": lambda c: singleton(c) & c["prior_sptb"].to_numpy(dtype=bool),
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
        if not isinstance(self.name, str) or not self.name:
            raise (TypeError if not isinstance(self.name, str) else ValueError)(
                f"name: got {shown(self.name)}; allowed: a non-empty string"
            )
        lo, hi = TRAJECTORY_WEEKS
        for label in ("start_weeks", "end_weeks"):
            number(label, getattr(self, label), lo, hi, what=f"weeks in [{lo:g}, {hi:g}]")
        if self.end_weeks < self.start_weeks:
            raise ValueError(
                f"end_weeks: got {self.end_weeks!r}; allowed: at least start_weeks "
                f"({self.start_weeks!r})"
            )
        if self.every_weeks is not None:
            # at most MAX_SCANS scans from start_weeks to end_weeks
            least = (self.end_weeks - self.start_weeks) / (MAX_SCANS - 0.5)
            number(
                "every_weeks",
                self.every_weeks,
                max(least, 1e-9),
                math.inf,
                what=f"None or a number of weeks of at least {least:.3g} (at most {MAX_SCANS} "
                "scans between start_weeks and end_weeks)",
            )
        if not (isinstance(self.eligible, str) or callable(self.eligible)):
            raise TypeError(
                f"eligible: got {shown(self.eligible)}; allowed: {', '.join(_ELIGIBLE)} or a "
                "function of the cohort"
            )
        if isinstance(self.eligible, str) and self.eligible not in _ELIGIBLE:
            raise ValueError(
                f"eligible: got {shown(self.eligible)}; allowed: {', '.join(_ELIGIBLE)} or a "
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
        mask = np.asarray(aligned("eligible", rule(cohort), cohort.index))
        if mask.dtype != bool or mask.shape != (len(cohort),):
            raise ValueError(
                f"eligible: the function returned {mask.dtype} of shape {mask.shape}; "
                f"allowed: a boolean mask of length {len(cohort)}"
            )
        return mask


def _assumptions(assumptions) -> Assumptions:
    if assumptions is None:
        return Assumptions.default()
    if not isinstance(assumptions, Assumptions):
        raise TypeError(
            f"assumptions: got {shown(assumptions)} of type {type(assumptions).__name__}; "
            "allowed: a cilib.Assumptions or None"
        )
    return assumptions


def anatomy_scan(assumptions: Assumptions | None = None, *, eligible: Eligibility = "all"):
    """One transvaginal CL measurement at the 18+0 to 22+6 wk anatomy scan (ACOG PB 234)."""
    a = _assumptions(assumptions)
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
    a = _assumptions(assumptions)
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
    race = cohort["race_ethnicity"]  # compared by code: string comparison costs ms per call
    codes = race.cat.codes.to_numpy()
    black = codes == race.cat.categories.get_loc("NH Black")
    odds = np.where(black, odds_decline * a["or_tvcl_decline_nh_black"], odds_decline)
    p_decline = odds / (1.0 + odds)
    u = _draws(seed, "uptake", 0, len(cohort), normal=False)
    return u >= p_decline


_SHARED: contextvars.ContextVar[dict | None] = contextvars.ContextVar("draws", default=None)


@contextlib.contextmanager
def shared_draws():
    """Within this context, the screening draws of one stream slot (every woman's uptake,
    scan timing and scan ``k``'s measurement errors) are drawn once and reused: every schedule
    screened with a seed draws the same ones, so several schedules screened together
    (:func:`cilib.interventions.compare.compare_policies`) need them once. They are let go
    when the context ends."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def _draws(seed: streams.Seed, name: str, index: int, n: int, normal: bool) -> np.ndarray:
    """``n`` uniforms (standard normals if ``normal``) from slot ``index`` of stream ``name``
    (read-only; shared within :func:`shared_draws`)."""
    cache = _SHARED.get()
    key = (seed, name, index, n, normal)
    if cache is not None and key in cache:
        return cache[key]
    g = streams.generator(seed, name, index)
    x = g.standard_normal(n) if normal else g.random(n)
    x.flags.writeable = False
    if cache is not None:
        cache[key] = x
    return x


def _scans(cohort, accepted, when, seed, thresholds, a) -> dict[str, np.ndarray]:
    """:func:`screen`'s scan columns: the women ``accepted`` scanned at each of ``when`` (weeks
    per pregnancy) while still pregnant."""
    n = len(cohort)
    ga_birth = cohort["ga_birth_weeks"].to_numpy()
    n_scans = np.zeros(n, dtype=np.int8)
    first_ga = np.full(n, np.nan)
    cl_first = np.full(n, np.nan)
    cl_min = np.full(n, np.inf)
    cl_min_ga = np.full(n, np.nan)
    crossed = {t: np.full(n, np.nan) for t in thresholds}
    if len(when) > MAX_SCANS:
        raise ValueError(f"schedule: {len(when)} scans; allowed: at most {MAX_SCANS}")
    # only the women who accept are followed: every update below is on their rows (for a
    # schedule limited to a subgroup, a few percent of the cohort), with the same values as
    # updates over the whole cohort
    cand = np.flatnonzero(accepted)
    traj = trajectory_arrays(cohort, cand)
    birth = ga_birth[cand]
    for k, ga in enumerate(when):  # a handful of scans, each vectorised over those women
        at = ga[cand]
        on = birth > at  # still pregnant at the scan
        rows, g = cand[on], at[on]
        # every woman's error is drawn (scan k's stream, as measure_cervical_length), but only
        # the women scanned are measured
        z = _draws(seed, "scan", k, n, normal=True)
        true = length(*(x[on] for x in traj), g, a["failure_funnel_weeks"])
        cl = measured(true, z[rows], a)
        n_scans[rows] += 1
        new = np.isnan(first_ga[rows])
        first_ga[rows[new]] = g[new]
        cl_first[rows[new]] = cl[new]
        lower = cl < cl_min[rows]
        cl_min[rows[lower]] = cl[lower]
        cl_min_ga[rows[lower]] = g[lower]
        for t in thresholds:
            hit = (cl <= t) & np.isnan(crossed[t][rows])
            crossed[t][rows[hit]] = g[hit]
    out = {
        "scanned": n_scans > 0,
        "n_scans": n_scans,
        "first_scan_ga_weeks": first_ga,
        "cl_first_mm": cl_first,
        "cl_min_mm": np.where(np.isfinite(cl_min), cl_min, np.nan),
        "cl_min_ga_weeks": cl_min_ga,
    }
    for t in thresholds:
        out[f"ga_first_le_{t:g}mm_weeks"] = crossed[t]
    return out


def screen(
    cohort: pd.DataFrame,
    schedule: Schedule,
    *,
    seed: int,
    thresholds_mm: Sequence[float] = CL_THRESHOLDS_MM,
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
    a = resolve(cohort, assumptions)
    seed = streams.check_seed(seed)
    allowed = "a sequence of non-negative numbers of mm"
    if isinstance(thresholds_mm, str | bytes) or not isinstance(thresholds_mm, Iterable):
        raise TypeError(f"thresholds_mm: got {shown(thresholds_mm)}; allowed: {allowed}")
    thresholds = [number("thresholds_mm", t, 0.0, what=allowed) for t in thresholds_mm]
    n = len(cohort)
    eligible = schedule.eligible_mask(cohort)
    accepted = eligible & (_accepts(cohort, a, seed) if schedule.uptake else True)
    weeks = schedule.scan_weeks()
    if not weeks:  # one scan at a gestation drawn in the window
        u = _draws(seed, "scan_timing", 0, n, normal=False)
        when = [schedule.start_weeks + (schedule.end_weeks - schedule.start_weeks) * u]
    else:
        when = [np.full(n, w) for w in weeks]
    out = {
        "eligible": eligible,
        "accepted": accepted,
        **_scans(cohort, accepted, when, seed, thresholds, a),
    }
    frame = pd.DataFrame(out, index=cohort.index, copy=False)  # this call's own arrays
    frame.attrs.update(schedule=schedule.name, seed=seed)
    return frame


def subgroups(cohort: pd.DataFrame) -> dict[str, np.ndarray]:
    """The usual screening subgroups as boolean masks, for ``by=`` in the metrics.

    Keys: ``all``, ``nulliparous``, ``parous, no prior sPTB``, ``prior sPTB``, ``singleton``,
    ``twins``, and one per race/ethnicity group. Groups overlap.
    """
    parous = cohort["parity"].to_numpy() > 0
    prior = cohort["prior_sptb"].to_numpy(dtype=bool)
    fetuses = plurality(cohort)
    groups = {
        "all": np.ones(len(cohort), dtype=bool),
        "nulliparous": ~parous,
        "parous, no prior sPTB": parous & ~prior,
        "prior sPTB": prior,
        "singleton": fetuses == 1,
        "twins": fetuses == 2,
    }
    race = cohort["race_ethnicity"].to_numpy()
    for cat in cohort["race_ethnicity"].cat.categories:
        groups[str(cat)] = race == cat
    return groups


def combine_screens(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Screening results of several schedules as one frame (earliest finding, all scans).

    Each frame is read by the first one's index (the same labels in another order are
    reordered; other labels are refused).
    """
    if isinstance(frames, pd.DataFrame) or not isinstance(frames, Iterable):
        raise TypeError(
            f"frames: got {type(frames).__name__}; allowed: a sequence of frames from screen()"
        )
    frames = list(frames)
    bad = [i for i, f in enumerate(frames) if not isinstance(f, pd.DataFrame)]
    if not frames or bad:
        got = f"{type(frames[bad[0]]).__name__} at {bad[0]}" if bad else "no frames"
        raise (TypeError if bad else ValueError)(
            f"frames: got {got}; allowed: a non-empty sequence of frames from screen()"
        )
    if len(frames) == 1:
        return frames[0]
    first = frames[0]
    frames = [first, *(aligned(f"frames[{i}]", f, first.index) for i, f in enumerate(frames) if i)]
    out = {k: first[k].to_numpy().copy() for k in first.columns}
    crossings = [c for c in first.columns if c.startswith("ga_first_le_")]
    crossings = [c for c in crossings if all(c in f.columns for f in frames)]
    for f in frames[1:]:
        for k in ("eligible", "accepted", "scanned"):
            out[k] |= f[k].to_numpy()
        out["n_scans"] = out["n_scans"] + f["n_scans"].to_numpy()
        ga = f["first_scan_ga_weeks"].to_numpy()
        earlier = ga < np.nan_to_num(out["first_scan_ga_weeks"], nan=np.inf)
        out["first_scan_ga_weeks"] = np.where(earlier, ga, out["first_scan_ga_weeks"])
        out["cl_first_mm"] = np.where(earlier, f["cl_first_mm"].to_numpy(), out["cl_first_mm"])
        cl = f["cl_min_mm"].to_numpy()
        lower = cl < np.nan_to_num(out["cl_min_mm"], nan=np.inf)
        out["cl_min_mm"] = np.where(lower, cl, out["cl_min_mm"])
        out["cl_min_ga_weeks"] = np.where(
            lower, f["cl_min_ga_weeks"].to_numpy(), out["cl_min_ga_weeks"]
        )
        for c in crossings:
            out[c] = np.fmin(out[c], f[c].to_numpy())
    keep = [c for c in first.columns if not c.startswith("ga_first_le_") or c in crossings]
    frame = pd.DataFrame({k: out[k] for k in keep}, index=first.index, copy=False)
    frame.attrs.update(
        schedule=" + ".join(str(f.attrs.get("schedule", "")) for f in frames),
        seed=first.attrs.get("seed"),
    )
    return frame
