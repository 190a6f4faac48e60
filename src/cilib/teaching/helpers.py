"""Helpers that keep the teaching notebooks thin: the tables and checks they repeat.

Each function turns the notebook's own objects (a cohort, a trial population, a calibration
table) into one small table or line of text, so that a notebook cell calls one function instead
of carrying loops and reshapes.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from cilib.analysis import trials
from cilib.analysis.recurrence import SECOND_TRIMESTER_FROM_WEEKS
from cilib.analysis.targets import TARGETS
from cilib.interventions.simulation import simulate
from cilib.io import read_cohort
from cilib.model.cervix import cervical_length
from cilib.model.cohort import generate_cohort
from cilib.model.schema import singleton
from cilib.params.assumptions import Assumptions
from cilib.stats import paired_rr

__all__ = [
    "EXAMPLE_SEEN_WEEKS",
    "SAVED_COHORT",
    "cohort_for",
    "example_shapes",
    "hr_sweep",
    "misses",
    "next_pregnancy_by_loss_cause",
    "rescue_latency_days",
    "still_pregnant",
    "trial_what_ifs",
    "versus_target",
]

#: Days in a week, to turn gestational weeks into days.
DAYS_PER_WEEK = 7.0
#: Gestation (weeks) at which :func:`example_shapes` tells its example cervixes apart: a display
#: choice, late enough for a shortening cervix to have crossed the threshold and early enough
#: for a term birth to come after it; not a clinical value.
EXAMPLE_SEEN_WEEKS = 30.0


def versus_target(key: str, simulated: float, ci_low: float, ci_high: float) -> str:
    """Two lines: a simulated figure with its 95% CI, and the calibration target it is held to.

    Parameters
    ----------
    key : str
        Key of the target in :data:`cilib.analysis.targets.TARGETS`.
    simulated, ci_low, ci_high : float
        The simulated figure and its Monte-Carlo 95% CI, in the target's unit.

    Returns
    -------
    str
        For printing beside the notebook's sentence about the figure.

    Examples
    --------
    >>> print(versus_target("ptb_all", 10.15, 9.86, 10.43))
    Simulated: 10.2% (95% CI 9.9-10.4)
    Published (target 1, nvsr_2022_births, nvsr_2023_births): 10.4%, accepted 10.1-10.7%
    """
    t = next((t for t in TARGETS if t.key == key), None)
    if t is None:
        raise ValueError(f"key: got {key!r:.80}; allowed: a key of cilib.analysis.targets.TARGETS")
    u = t.unit if t.unit == "%" else f" {t.unit}"
    return (
        f"Simulated: {simulated:.1f}{u} (95% CI {ci_low:.1f}-{ci_high:.1f})\n"
        f"Published (target {t.id}, {', '.join(t.sources)}): {t.published:g}{u}, "
        f"accepted {t.lower:g}-{t.upper:g}{u}"
    )


def hr_sweep(
    spec: str | trials.Trial,
    pop: trials.Population,
    record: str,
    hazard_ratios: Sequence[float],
    *,
    seed: int,
) -> pd.DataFrame:
    """Same-women arm rates and risk ratio of a trial for each value of one hazard ratio.

    Parameters
    ----------
    spec : str or Trial
        The trial (:func:`cilib.trials.get`).
    pop : Population
        Its eligible women (:func:`cilib.trials.population`), drawn once: every value is
        applied to the same women (common random numbers), so the curve is smooth.
    record : str
        The hazard-ratio record to vary, for example ``"hr_vp_short_cervix"``.
    hazard_ratios : sequence of float
        The values to try (what-if values).
    seed : int
        Seed of the simulation.

    Returns
    -------
    DataFrame
        ``hr``, ``control_rate``, ``treatment_rate``, ``rr``, ``rr_low``, ``rr_high``.
    """
    rows = []
    for hr in hazard_ratios:
        a = pop.assumptions.replace(**{record: float(hr)})
        y0, y1 = trials.arm_outcomes(spec, pop, seed=seed, assumptions=a)
        rr, lo, hi = paired_rr(y0, y1)
        rows.append((hr, y0.mean(), y1.mean(), rr, lo, hi))
    columns = ["hr", "control_rate", "treatment_rate", "rr", "rr_low", "rr_high"]
    return pd.DataFrame(rows, columns=columns)


def trial_what_ifs(
    spec: str | trials.Trial,
    what_ifs: dict[str, Assumptions],
    record: str,
    *,
    n_source: int,
    seed: int,
) -> pd.DataFrame:
    """One re-run trial under several sets of assumptions, one row each.

    Parameters
    ----------
    spec : str or Trial
        The trial (:func:`cilib.trials.get`).
    what_ifs : dict
        Assumptions by label (for example the fitted record and a what-if value).
    record : str
        The record that differs between them, shown as ``model HR``.
    n_source : int
        Size of the trial's source cohort.
    seed : int
        Seed of the trial (the same for every row: the same women).

    Returns
    -------
    DataFrame
        Indexed by ``choice``: ``model HR``, ``n_eligible``, the same-women RR
        (``rr_counterfactual`` with ``_low``/``_high``) and the published RR with its CI.
    """
    columns = ["n_eligible", "rr_counterfactual", "rr_counterfactual_low"]
    columns += ["rr_counterfactual_high", "published_rr", "published_rr_low", "published_rr_high"]
    rows = {}
    for label, a in what_ifs.items():
        row = trials.run_trial(spec, n_source=n_source, seed=seed, assumptions=a).row
        rows[label] = {"model HR": a[record], **{k: row[k] for k in columns}}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("choice")


def rescue_latency_days(
    cohort: pd.DataFrame,
    exam_weeks: pd.Series,
    *,
    seed: int,
    assumptions: Assumptions | None = None,
) -> pd.DataFrame:
    """Days from the examination that finds the cervix open to birth, without and with a
    rescue cerclage placed at that examination (the same women).

    Parameters
    ----------
    cohort : DataFrame
        The women found with an open cervix (rows of a :func:`cilib.generate_cohort` cohort).
    exam_weeks : Series
        Gestation of that examination (weeks), indexed like ``cohort``.
    seed : int
        Seed of the simulation.
    assumptions : Assumptions, optional
        What-if assumptions for the stitched arm; the cohort's by default.

    Returns
    -------
    DataFrame
        ``control`` (the natural history) and ``treatment`` (a stitch at the examination).
    """
    stitch = pd.DataFrame({"cerclage": exam_weeks}, index=cohort.index)
    treated = simulate(cohort, stitch, seed=seed, assumptions=assumptions)
    return pd.DataFrame(
        {
            "control": DAYS_PER_WEEK * (cohort["ga_birth_weeks"] - exam_weeks),
            "treatment": DAYS_PER_WEEK * (treated["ga_birth_weeks"] - exam_weeks),
        }
    )


def still_pregnant(latency: pd.DataFrame, days: Sequence[float]) -> pd.DataFrame:
    """Share of each arm still pregnant at each day after the examination (a survival curve).

    Parameters
    ----------
    latency : DataFrame
        One column of days to birth per arm (from :func:`rescue_latency_days`).
    days : sequence of float
        Days after the examination.

    Returns
    -------
    DataFrame
        ``days``, ``arm``, ``share`` (long format, for :func:`cilib.plots.treatments.effect_curve`).
    """
    d = np.asarray(days, dtype=np.float64)
    return pd.concat(
        [
            pd.DataFrame(
                {"days": d, "arm": arm, "share": (latency[arm].to_numpy()[:, None] > d).mean(0)}
            )
            for arm in latency.columns
        ],
        ignore_index=True,
    )


def next_pregnancy_by_loss_cause(histories: pd.DataFrame, assumptions: Assumptions) -> pd.DataFrame:
    """First-pregnancy losses at 16-23+6 wk by the process that ended them, and how often the
    second pregnancy then ended spontaneously at 16-36+6 wk (Purisch 2018's outcome).

    Parameters
    ----------
    histories : DataFrame
        From :func:`cilib.generate_histories` (at least two pregnancies per woman).
    assumptions : Assumptions
        Source of ``loss_before_weeks`` and ``preterm_before_weeks``.

    Returns
    -------
    DataFrame
        Indexed by ``cause of the loss`` (``end_cause``), most frequent first: ``women``,
        ``events`` and ``next pregnancy early (%)``.
    """
    h = histories.sort_values(["woman_id", "pregnancy_number"], kind="stable")
    p = int(h["pregnancy_number"].max())
    ga = h["ga_birth_weeks"].to_numpy().reshape(-1, p)
    spont = (h["onset"] == "spontaneous").to_numpy().reshape(-1, p)
    cause = h["end_cause"].to_numpy().astype(str).reshape(-1, p)
    early = spont & (ga >= SECOND_TRIMESTER_FROM_WEEKS)
    loss_1 = early[:, 0] & (ga[:, 0] < assumptions["loss_before_weeks"])
    early_2 = early[:, 1] & (ga[:, 1] < assumptions["preterm_before_weeks"])
    out = (
        pd.DataFrame({"cause of the loss": cause[loss_1, 0], "early_2": early_2[loss_1]})
        .groupby("cause of the loss")["early_2"]
        .agg(women="size", events="sum")
    )
    out["next pregnancy early (%)"] = 100 * out["events"] / out["women"]
    return out.sort_values("women", ascending=False)


def misses(
    table: pd.DataFrame,
    value: str,
    ci: tuple[str, str],
    interval: tuple[str, str],
    *,
    label: str | None = None,
) -> list[str]:
    """Rows whose 95% CI does not reach an interval: the notebooks' closing checks.

    A simulated figure is consistent with a published one when its Monte-Carlo 95% CI
    overlaps the published (or acceptance) interval, i.e. when the interval widened on each
    side by the CI's half-width contains the figure.

    Parameters
    ----------
    table : DataFrame
        One row per figure.
    value : str
        Column of the simulated figure.
    ci : tuple of str
        Columns of its 95% CI (low, high).
    interval : tuple of str
        Columns of the interval it must reach (low, high).
    label : str, optional
        Column naming each row in the message; the index by default.

    Returns
    -------
    list of str
        One line per row that misses, ``"name: value (CI) vs low-high"``; empty if none does.

    Examples
    --------
    >>> t = pd.DataFrame({"rr": [0.5, 2.0], "lo": [0.4, 1.8], "hi": [0.6, 2.2],
    ...                   "low": [0.3, 0.3], "high": [0.9, 0.9]}, index=["a", "b"])
    >>> misses(t, "rr", ("lo", "hi"), ("low", "high"))
    ['b: 2 (1.8-2.2) vs 0.3-0.9']
    """
    names = table.index if label is None else table[label]
    lo, hi = (table[c].to_numpy(np.float64) for c in ci)
    low, high = (table[c].to_numpy(np.float64) for c in interval)
    miss = (hi < low) | (lo > high)
    return [
        f"{n}: {v:.3g} ({a:.3g}-{b:.3g}) vs {c:.3g}-{d:.3g}"
        for n, v, a, b, c, d, m in zip(names, table[value], lo, hi, low, high, miss, strict=True)
        if m
    ]


#: Where the README's main command writes the cohort notebook 01 starts from.
SAVED_COHORT = Path("..") / "output" / "cohort.parquet"


def cohort_for(n: int, seed: int, assumptions: Assumptions, saved=SAVED_COHORT) -> pd.DataFrame:
    """The cohort of ``n`` pregnancies with ``seed`` and ``assumptions``: read from ``saved``
    (the README's main command writes it) when that file holds exactly this cohort (its
    manifest's size, seed and assumptions hash; the reader checks the file against the
    manifest), generated otherwise. Prints which, so a student knows where the rows came from.
    """
    path = Path(saved)
    if path.is_file():
        c = read_cohort(path)
        same = (c.attrs.get("n"), c.attrs.get("seed"), c.attrs.get("assumptions_hash"))
        if same == (n, seed, assumptions.hash()):
            print(f"Read {len(c):,} pregnancies from {path} (made by the README's main command).")
            return c
    print(f"Generated {n:,} pregnancies (seed {seed}).")
    return generate_cohort(n, seed=seed, assumptions=assumptions)


def example_shapes(
    cohort: pd.DataFrame,
    a: Assumptions,
    from_weeks: float,
    seen_weeks: float = EXAMPLE_SEEN_WEEKS,
) -> dict[str, pd.Series]:
    """Three shapes of a cervix's course, as masks of the singletons of ``cohort`` born at term
    (at or after ``preterm_before_weeks``) whose true CL is above ``short_cervix_mm`` at
    ``from_weeks``: it stays above ``short_cervix_mm`` at ``seen_weeks``, it is at or below it
    then but not closed to 0 mm, or it has effaced fully (0 mm). Keys are chart labels that
    name the thresholds; each mask has one value per row of ``cohort`` (False for the others),
    and a chart picks one pregnancy of each."""
    short = a["short_cervix_mm"]
    c = cohort[singleton(cohort) & (cohort["ga_birth_weeks"] >= a["preterm_before_weeks"])]
    start = cervical_length(c, from_weeks, a)
    seen = cervical_length(c, seen_weeks, a)
    long_then = start > short
    shortened = long_then & (seen <= short)
    shapes = {
        f"stays above {short:g} mm at {seen_weeks:g} wk": long_then & (seen > short),
        f"shortens to 0-{short:g} mm by {seen_weeks:g} wk": shortened & (seen > 0),
        f"effaces (0 mm) by {seen_weeks:g} wk": shortened & (seen <= 0),
    }
    return {k: m.reindex(cohort.index, fill_value=False) for k, m in shapes.items()}
