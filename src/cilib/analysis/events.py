"""Tables of the events before birth: painless dilation (cervical failure) and PPROM.

:func:`dilation_timing` counts onsets of painless dilation per week of gestation;
:func:`pprom_outcomes` summarises ruptures of the membranes by gestation at rupture (latency to
birth, chorioamnionitis). Both read an untreated cohort (:func:`cilib.generate_cohort`) or a
history frame, and return aggregates only.

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> import cilib
>>> from cilib.analysis import events
>>> c = cilib.generate_cohort(20_000, seed=1)
>>> t = events.dilation_timing(c)
>>> int(t["pregnancies"].sum()) == int(c["dilation_ga_weeks"].notna().sum())
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cilib.params.definitions import DAYS_PER_WEEK, PRETERM_CUTS_WEEKS
from cilib.params.validation import shown
from cilib.stats import wilson_interval

__all__ = ["RUPTURE_BANDS_WEEKS", "dilation_timing", "pprom_outcomes"]
#: Bands of gestation at rupture (weeks): previable (before 24), 24-27, 28-31, 32-33, 34-36.
RUPTURE_BANDS_WEEKS = (14.0, 24.0, *(float(w) for w in PRETERM_CUTS_WEEKS))


def _check(frame: pd.DataFrame, columns: tuple[str, ...]) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(
            f"cohort: got {type(frame).__name__}; allowed: a DataFrame from "
            "cilib.generate_cohort or cilib.generate_histories"
        )
    missing = [c for c in columns if c not in frame]
    if missing:
        raise ValueError(
            f"cohort: missing columns {missing}; allowed: a frame from cilib.generate_cohort "
            "or cilib.generate_histories (cilib 0.2 or later)"
        )


def dilation_timing(cohort: pd.DataFrame, bin_weeks: float = 1.0) -> pd.DataFrame:
    """Onsets of painless dilation per band of gestation.

    Parameters
    ----------
    cohort : DataFrame
        Uses ``dilation_ga_weeks`` (weeks, NaN if none).
    bin_weeks : float
        Width of the bands (weeks), more than 0 and at most 4.

    Returns
    -------
    DataFrame
        ``from_weeks``, ``to_weeks`` (the band), ``pregnancies`` (onsets in it) and
        ``percent`` (of all onsets), one row per band from 14 weeks to the latest onset.
    """
    _check(cohort, ("dilation_ga_weeks",))
    if isinstance(bin_weeks, bool) or not isinstance(bin_weeks, int | float):
        raise TypeError(f"bin_weeks: got {shown(bin_weeks)}; allowed: a number of weeks in (0, 4]")
    if not 0 < bin_weeks <= 4:
        raise ValueError(f"bin_weeks: got {shown(bin_weeks)}; allowed: a number of weeks in (0, 4]")
    onset = cohort["dilation_ga_weeks"].to_numpy(np.float64)
    onset = onset[~np.isnan(onset)]
    top = max(float(onset.max()) if len(onset) else 28.0, 28.0)
    edges = np.arange(14.0, top + bin_weeks, bin_weeks)
    counts, _ = np.histogram(onset, bins=edges)
    total = max(len(onset), 1)
    return pd.DataFrame(
        {
            "from_weeks": edges[:-1],
            "to_weeks": edges[1:],
            "pregnancies": counts,
            "percent": 100.0 * counts / total,
        }
    )


def pprom_outcomes(cohort: pd.DataFrame) -> pd.DataFrame:
    """Ruptures of the membranes by gestation at rupture: latency to birth and infection.

    Parameters
    ----------
    cohort : DataFrame
        Uses ``pprom_ga_weeks``, ``ga_birth_weeks`` and ``chorioamnionitis``.

    Returns
    -------
    DataFrame
        One row per band of :data:`RUPTURE_BANDS_WEEKS`: ``band``, ``ruptures``,
        ``median_latency_days``, ``born_within_7_days`` (%), ``chorioamnionitis`` (%) with
        its Wilson 95% CI (``chorio_ci_low``, ``chorio_ci_high``).
    """
    _check(cohort, ("pprom_ga_weeks", "ga_birth_weeks", "chorioamnionitis"))
    rupture = cohort["pprom_ga_weeks"].to_numpy(np.float64)
    latency = DAYS_PER_WEEK * (cohort["ga_birth_weeks"].to_numpy() - rupture)
    chorio = cohort["chorioamnionitis"].to_numpy(bool)
    rows = []
    edges = RUPTURE_BANDS_WEEKS
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        sel = (rupture >= lo) & (rupture < hi)
        n = int(sel.sum())
        k = int(chorio[sel].sum())
        low, high = (float(x) for x in wilson_interval(k, n)) if n else (np.nan, np.nan)
        rows.append(
            {
                "band": f"{lo:g}-{hi - 1:g} wk",
                "ruptures": n,
                "median_latency_days": float(np.median(latency[sel])) if n else np.nan,
                "born_within_7_days": 100.0 * float(np.mean(latency[sel] < 7.0)) if n else np.nan,
                "chorioamnionitis": 100.0 * k / n if n else np.nan,
                "chorio_ci_low": 100.0 * low,
                "chorio_ci_high": 100.0 * high,
            }
        )
    return pd.DataFrame(rows)
