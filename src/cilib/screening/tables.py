"""Tables for teaching cervical-length screening: natural frequencies, centile risk ratios.

Pure functions on top of :mod:`cilib.screening.accuracy` (``metrics``, ``sweep``): each takes
markers (measured CL in mm, NaN = not measured) and events (booleans), or a cohort, and returns
a new :class:`pandas.DataFrame`. :mod:`cilib.plots.screening` and :mod:`cilib.plots.thresholds` draw these tables.

A cervical length **at or below** the threshold is a positive screen (a short cervix).

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> import pandas as pd
>>> row = pd.Series({"threshold_mm": 20.0, "tp": 2, "fp": 8, "fn": 3, "tn": 87})
>>> natural_frequencies(row, per=100)["total"].tolist()
[10.0, 90.0, 100.0]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from cilib.model.schema import spontaneous
from cilib.params.assumptions import Assumptions, resolve
from cilib.params.definitions import (
    IAMS_REFERENCE_CENTILE,
)
from cilib.params.validation import aligned, floats, number, shown
from cilib.screening.accuracy import inputs, metrics, sweep
from cilib.screening.schedules import anatomy_scan, screen, serial_scans, subgroups
from cilib.stats import risk_ratio

_COUNTS = ("tp", "fp", "fn", "tn")


# ------------------------------------------------------------------------------ helpers
def _marker_event(marker, event) -> tuple[np.ndarray, np.ndarray]:
    """The measured markers and their events (:func:`cilib.screening.accuracy.inputs`: two
    Series must share their index)."""
    m, e, _ = inputs(marker, event)
    keep = ~np.isnan(m)
    return m[keep], e[keep]


def _positive_number(value, name: str) -> float:
    return number(name, value, 0.0, what="a positive number", above=True)


def spontaneous_birth_before(cohort: pd.DataFrame, weeks: float) -> pd.Series:
    """Outcome of a screening study: spontaneous birth (or loss) before ``weeks``.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort` (uses ``onset`` and ``ga_birth_weeks``).
    weeks : float
        Outcome definition in completed weeks, for example
        :data:`FONSECA_OUTCOME_BEFORE_WEEKS` or :data:`IAMS_OUTCOME_BEFORE_WEEKS`.

    Returns
    -------
    Series of bool, indexed like ``cohort``
        True where the pregnancy ended spontaneously before ``weeks`` (a spontaneous end
        before 24 weeks, a mid-trimester loss, counts too, as in the trials). Indicated births
        are never events.

    Examples
    --------
    >>> import cilib
    >>> c = cilib.generate_cohort(1_000, seed=1)
    >>> from cilib.params.definitions import FONSECA_OUTCOME_BEFORE_WEEKS
    >>> e = spontaneous_birth_before(c, FONSECA_OUTCOME_BEFORE_WEEKS)
    >>> bool((c.loc[e, "onset"] == "spontaneous").all())
    True
    """
    w = _positive_number(weeks, "weeks")
    spont = spontaneous(cohort)
    early = cohort["ga_birth_weeks"].to_numpy() < w
    return pd.Series(spont & early, index=cohort.index, name=f"sptb_before_{w:g}_weeks")


# ------------------------------------------------------------------------------ 2x2
def natural_frequencies(metrics_row, per: int = 10_000) -> pd.DataFrame:
    """The 2x2 table of a screen as expected counts per ``per`` women screened.

    Natural frequencies ("of 10,000 women screened, 116 have a short cervix, and 47 of them
    give birth early") are easier to reason with than conditional probabilities.

    Parameters
    ----------
    metrics_row : Series or one-row DataFrame
        A row of :func:`cilib.screening.metrics` (or :func:`~cilib.screening.sweep`): needs
        ``tp``, ``fp``, ``fn``, ``tn`` and uses ``threshold_mm`` for the labels when present.
    per : int
        Number of women screened the table is scaled to.

    Returns
    -------
    DataFrame
        Expected counts (float, not rounded) with rows ``CL ≤ t mm (positive)``,
        ``CL > t mm (negative)`` and ``total``, and columns ``early birth``,
        ``no early birth`` and ``total``. The bottom-right cell equals ``per``.

    Examples
    --------
    >>> import pandas as pd
    >>> row = pd.Series({"threshold_mm": 20.0, "tp": 2, "fp": 8, "fn": 3, "tn": 87})
    >>> natural_frequencies(row, per=100)
                           early birth  no early birth  total
    CL ≤ 20 mm (positive)          2.0             8.0   10.0
    CL > 20 mm (negative)          3.0            87.0   90.0
    total                          5.0            95.0  100.0
    """
    if not isinstance(metrics_row, pd.Series | pd.DataFrame):
        raise TypeError(
            f"metrics_row: got {type(metrics_row).__name__}; allowed: a row of "
            "cilib.screening.metrics() (a Series or a one-row DataFrame)"
        )
    if isinstance(metrics_row, pd.DataFrame):
        if len(metrics_row) != 1:
            raise ValueError(
                f"metrics_row: got {len(metrics_row)} rows; allowed: one row of metrics()"
            )
        metrics_row = metrics_row.iloc[0]
    missing = [c for c in _COUNTS if c not in metrics_row.index]
    if missing:
        raise ValueError(f"metrics_row: missing {missing}; allowed: a row of metrics()")
    per = _positive_number(per, "per")
    tp, fp, fn, tn = (float(metrics_row[c]) for c in _COUNTS)
    n = tp + fp + fn + tn
    if not n > 0:
        raise ValueError("metrics_row: no pregnancies measured (tp + fp + fn + tn = 0)")
    cells = np.array([[tp, fp], [fn, tn]]) * (per / n)
    t = metrics_row.get("threshold_mm", math.nan)
    pos, neg = (
        ("positive", "negative")
        if t is None or (isinstance(t, float) and math.isnan(t))
        else (f"CL ≤ {t:g} mm (positive)", f"CL > {t:g} mm (negative)")
    )
    table = pd.DataFrame(cells, index=[pos, neg], columns=["early birth", "no early birth"])
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    return table


# ------------------------------------------------------------------------------ Iams 1996
def centile_risk_ratios(
    marker,
    event,
    centiles: Sequence[float] = (75, 50, 25, 10, 5, 1),
    *,
    reference_centile: float = IAMS_REFERENCE_CENTILE,
) -> pd.DataFrame:
    """Risk of the event at or below each CL centile against the group above a reference.

    This is the layout of Iams et al. 1996 (their table of relative risks): women whose CL is
    at or below the 75th, 50th, ... 1st centile, each compared with women above the 75th.

    Parameters
    ----------
    marker : array-like of float
        Measured cervical length, mm; NaN (not measured) rows are dropped.
    event : array-like of bool
        The outcome, one per marker.
    centiles : sequence of float
        Centiles in (0, 100) of the measured CL used as cut-offs.
    reference_centile : float
        Women with CL above this centile form the reference group.

    Returns
    -------
    DataFrame
        One row per centile with ``centile``, ``cutoff_mm`` (sample centile, linear
        interpolation, mm), ``n`` and ``events`` (women at or below the cut-off and how many
        had the event), ``risk``, ``n_reference``, ``events_reference``, ``risk_reference``
        (women above the reference centile), ``rr`` (``risk / risk_reference``) and
        ``rr_low``, ``rr_high`` (95% log-method CI; NaN when a group has no events).

    Examples
    --------
    >>> import numpy as np
    >>> cl = np.arange(1.0, 21.0)  # 20 women, 1-20 mm; the 75th centile is 15.25 mm
    >>> sptb = cl <= 3  # 3 early births among the 15 at or below the 75th centile
    >>> sptb[19] = True  # and 1 among the 5 above it
    >>> centile_risk_ratios(cl, sptb, centiles=(75,))[["cutoff_mm", "risk", "rr"]]
       cutoff_mm  risk   rr
    0      15.25   0.2  1.0
    """
    m, e = _marker_event(marker, event)
    ref_cut = float(np.quantile(m, _fraction(reference_centile, "reference_centile")))
    ref = m > ref_cut
    n_ref, ev_ref = int(ref.sum()), int((ref & e).sum())
    rows = []
    for c in centiles:
        cut = float(np.quantile(m, _fraction(c)))
        below = m <= cut
        n1, a = int(below.sum()), int((below & e).sum())
        rr, lo, hi = risk_ratio(a, n1, ev_ref, n_ref)
        rows.append(
            {
                "centile": float(c),
                "cutoff_mm": cut,
                "n": n1,
                "events": a,
                "risk": a / n1 if n1 else math.nan,
                "n_reference": n_ref,
                "events_reference": ev_ref,
                "risk_reference": ev_ref / n_ref if n_ref else math.nan,
                "rr": rr,
                "rr_low": lo,
                "rr_high": hi,
            }
        )
    return pd.DataFrame(rows)


def _fraction(centile, name: str = "centiles") -> float:
    allowed = "numbers strictly between 0 and 100"
    c = number(name, centile, 0.0, 100.0, what=allowed)
    if not 0 < c < 100:
        raise ValueError(f"{name}: got {shown(centile)}; allowed: {allowed}")
    return c / 100


# ------------------------------------------------------------------------------ thresholds
def threshold_steps(marker, event, thresholds) -> pd.DataFrame:
    """Accuracy at each threshold of a slider, precomputed.

    Parameters
    ----------
    marker : array-like of float
        Measured cervical length, mm (NaN = not measured).
    event : array-like of bool
        The outcome.
    thresholds : array-like of float
        Thresholds in mm, one slider step each (for example 10 to 30 mm by 1 mm).

    Returns
    -------
    DataFrame
        One row per threshold (ascending, duplicates dropped) with the columns of
        :func:`cilib.screening.sweep`: ``threshold_mm``, counts ``tp``, ``fp``, ``fn``,
        ``tn``, ``sensitivity``, ``specificity``, ``ppv``, ``npv`` (proportions with 95%
        limits), ``positive_rate`` and so on. Identical to :func:`cilib.screening.metrics`
        evaluated at each threshold.
    """
    allowed = "a 1-D list of finite numbers of mm"
    thr = floats("thresholds", thresholds, allowed)
    if thr.ndim != 1 or thr.size == 0 or not np.isfinite(thr).all():
        raise ValueError(f"thresholds: got {shown(thresholds)}; allowed: {allowed}")
    return sweep(marker, event, thresholds=thr)


def _max_points(max_points) -> int:
    return int(number("max_points", max_points, 2, what="a whole number, at least 2", integer=True))


def downsample_sweep(
    table: pd.DataFrame,
    max_points: int = 200,
    range_mm: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """At most ``max_points`` rows of a sweep, on an even grid of thresholds, exactly.

    A sweep has one row per distinct measured CL (tens of thousands). The metrics are step
    functions of the threshold, so the value at a grid threshold ``g`` is that of the last
    row with ``threshold_mm <= g``; nothing is interpolated.

    Parameters
    ----------
    table : DataFrame
        From :func:`cilib.screening.sweep` (one group, thresholds ascending).
    max_points : int
        Number of grid thresholds.
    range_mm : tuple of float, optional
        Smallest and largest threshold, mm; default the range of ``table``.

    Returns
    -------
    DataFrame
        Rows of ``table`` with ``threshold_mm`` replaced by the grid value (grid values below
        the first threshold are dropped: nobody is positive there).
    """
    if not isinstance(table, pd.DataFrame) or "threshold_mm" not in table.columns:
        raise TypeError(
            f"table: got {type(table).__name__}; allowed: a DataFrame from cilib.screening.sweep"
        )
    if "group" in table.columns and table["group"].nunique() > 1:
        raise ValueError("table: got several groups; allowed: a sweep of one group")
    k = _max_points(max_points)
    thr = table["threshold_mm"].to_numpy(dtype=np.float64)
    if len(thr) <= k and range_mm is None:
        return table.reset_index(drop=True)
    if range_mm is None:
        lo, hi = thr[0], thr[-1]
    else:
        r = floats("range_mm", range_mm, "two numbers of mm, smallest first")
        if r.shape != (2,) or not (np.isfinite(r).all() and r[0] <= r[1]):
            raise ValueError(
                f"range_mm: got {shown(range_mm)}; allowed: two numbers of mm, smallest first"
            )
        lo, hi = float(r[0]), float(r[1])
    grid = np.linspace(lo, hi, k)
    idx = np.searchsorted(thr, grid, side="right") - 1
    ok = idx >= 0
    out = table.iloc[idx[ok]].reset_index(drop=True)
    out["threshold_mm"] = grid[ok]
    return out


def downsample_roc(table: pd.DataFrame, max_points: int = 200) -> pd.DataFrame:
    """At most ``max_points`` points of an ROC curve, evenly spaced along the curve.

    Parameters
    ----------
    table : DataFrame
        From :func:`cilib.screening.roc` (``fpr``, ``tpr``, ``threshold_mm``).
    max_points : int
        Points kept, including the first and last.

    Returns
    -------
    DataFrame
        Rows of ``table`` chosen at even steps of the path length ``|dfpr| + |dtpr|``, so
        the steep part of the curve keeps as much detail as the flat part.
    """
    k = _max_points(max_points)
    if len(table) <= k:
        return table.reset_index(drop=True)
    f, t = table["fpr"].to_numpy(), table["tpr"].to_numpy()
    path = np.concatenate(([0.0], np.cumsum(np.abs(np.diff(f)) + np.abs(np.diff(t)))))
    idx = np.unique(np.searchsorted(path, np.linspace(0.0, path[-1], k), side="left"))
    idx = np.unique(np.concatenate(([0], np.minimum(idx, len(table) - 1), [len(table) - 1])))
    return table.iloc[idx].reset_index(drop=True)


# ------------------------------------------------------------------------------ strategies
UNIVERSAL = "universal (anatomy scan)"
HISTORY_BASED = "history-based (serial scans)"


def strategy_table(
    cohort: pd.DataFrame,
    event,
    threshold_mm: float,
    *,
    seed: int,
    groups: Sequence[str] = ("all", "nulliparous", "prior sPTB"),
    assumptions: Assumptions | None = None,
) -> pd.DataFrame:
    """The same CL threshold in different populations and under two screening strategies.

    *Universal*: one scan at the anatomy scan for every woman
    (:func:`cilib.screening.anatomy_scan`), analysed in each of ``groups``. *History-based*:
    serial scans only for women with a prior sPTB (:func:`cilib.screening.serial_scans`); a
    woman screens positive if any of her scans is at or below the threshold (her shortest
    CL). Both use the same seed, so they measure the same women with the same errors where
    the scans coincide.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort`.
    event : Series of bool
        The outcome, indexed like ``cohort`` (for example :func:`spontaneous_birth_before`).
    threshold_mm : float
        Cut-off, mm.
    seed : int
        Seed of the screening streams.
    groups : sequence of str
        Keys of :func:`cilib.screening.subgroups` for the universal strategy.
    assumptions : Assumptions, optional
        Defaults to the cohort's own.

    Returns
    -------
    DataFrame
        One row per (strategy, group): ``strategy``, ``group``, ``pregnancies`` (in the
        group), ``events_in_group``, the columns of :func:`cilib.screening.metrics` (among the
        women scanned), and ``share_of_all_events_found``: true positives as a share of all
        events in the whole cohort (how much of the population's early birth the strategy
        flags).
    """
    a = resolve(cohort, assumptions)
    e = np.asarray(aligned("event", event, cohort.index))
    if e.dtype != np.bool_ or e.shape != (len(cohort),):
        raise ValueError(f"event: got {e.dtype} of shape {e.shape}; allowed: one bool per row")
    masks = subgroups(cohort)
    unknown = [g for g in groups if g not in masks]
    if unknown:
        raise ValueError(f"groups: got {shown(unknown)}; allowed: {', '.join(masks)}")
    total_events = int(e.sum())
    universal = screen(cohort, anatomy_scan(a), seed=seed, assumptions=a)["cl_first_mm"]
    history = screen(cohort, serial_scans(a), seed=seed, assumptions=a)["cl_min_mm"]
    parts = []
    for strategy, marker, gs in (
        (UNIVERSAL, universal, list(groups)),
        (HISTORY_BASED, history, ["prior sPTB"]),
    ):
        by = {g: masks[g] for g in gs}
        t = metrics(marker.to_numpy(), e, threshold_mm, by=by)
        t.insert(0, "strategy", strategy)
        t.insert(2, "pregnancies", [int(by[g].sum()) for g in gs])
        t.insert(3, "events_in_group", [int((by[g] & e).sum()) for g in gs])
        t["share_of_all_events_found"] = t["tp"] / total_events if total_events else math.nan
        parts.append(t)
    out = pd.concat(parts, ignore_index=True)
    out["group"] = out["group"].astype(str)
    return out


__all__ = [
    "HISTORY_BASED",
    "UNIVERSAL",
    "centile_risk_ratios",
    "downsample_roc",
    "downsample_sweep",
    "natural_frequencies",
    "spontaneous_birth_before",
    "strategy_table",
    "threshold_steps",
]
