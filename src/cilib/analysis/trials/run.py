"""Published trials re-run inside the synthetic population.

:func:`run_trial` draws a trial's eligible women (:mod:`.specs`) from a large generated cohort,
randomises them with a seeded stream, applies the arms with :func:`cilib.simulate` (control =
no treatment, i.e. the natural history, plus any background treatment both arms received) and
reports both arms' rates and the risk ratio with 95% CIs beside the published ones.

Because :func:`cilib.simulate` uses common random numbers, every eligible woman can also be
followed under both arms. That *counterfactual* ("same women") RR has far smaller Monte-Carlo
error and is what ``scripts/fit_treatments.py`` calibrates the hazard ratios to; the
*randomised* RR (two different halves of the women) is the one that compares with a trial.

The control rates test the natural-history model: nobody fitted them.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cilib.analysis.trials.specs import Trial, get, trials
from cilib.interventions.simulation import simulate
from cilib.model.cohort import generate_cohort
from cilib.model.schema import neonatal_survival as schema_neonatal_survival
from cilib.params import streams
from cilib.params.assumptions import Assumptions, calibrated_values
from cilib.params.definitions import DAYS_PER_WEEK
from cilib.params.streams import DEFAULT_SEED
from cilib.params.validation import shown
from cilib.stats import odds_ratio_ci, paired_rr, risk_ratio, wilson_interval

__all__ = [
    "CONTROL_TOLERANCE_POINTS",
    "CONTROL_TOLERANCE_RATIO",
    "Population",
    "TrialResult",
    "arm_outcomes",
    "birth_weeks",
    "by_stratum",
    "fitted_values",
    "latency_days",
    "neonatal_survival",
    "population",
    "randomise",
    "run_all",
    "run_trial",
    "trial_assumptions",
]

#: ``control_near_published``: the simulated control rate is within this many percentage
#: points of the published one, or within a factor of 1.25 (whichever is wider).
CONTROL_TOLERANCE_POINTS = 5.0
CONTROL_TOLERANCE_RATIO = 1.25


@dataclass(frozen=True)
class Population:
    """The eligible women of one trial drawn from a cohort (before randomisation)."""

    cohort: pd.DataFrame  # the eligible pregnancies, cohort columns
    start_weeks: np.ndarray  # start of the trial treatment per eligible pregnancy
    assumptions: Assumptions  # with the trial's overrides applied
    n_source: int
    extra: dict = field(default_factory=dict)  # e.g. measured CL at enrolment


def _check_int(label: str, v, minimum: int) -> int:
    if isinstance(v, bool) or not isinstance(v, numbers.Integral) or v < minimum:
        raise ValueError(f"{label}: got {shown(v)}; allowed: an integer >= {minimum}")
    return int(v)


def fitted_values() -> dict[str, float]:
    """Treatment HRs fitted by ``scripts/fit_treatments.py`` (``data/calibrated_treatments.toml``).

    :meth:`Assumptions.scenario` applies them only to records whose status is "calibrated";
    ``run_trial(..., fitted=True)`` applies them whatever the status.
    """
    return calibrated_values(("calibrated_treatments.toml",)).get("*", {})


def trial_assumptions(
    spec: Trial, assumptions: Assumptions | None = None, *, fitted: bool = False
) -> Assumptions:
    """The trial's scenario (or ``assumptions``) with the trial's overrides applied, and the
    fitted treatment HRs first if ``fitted``."""
    if assumptions is not None and not isinstance(assumptions, Assumptions):
        raise TypeError(
            f"assumptions: got {shown(assumptions)} of type {type(assumptions).__name__}; "
            "allowed: a cilib.Assumptions or None"
        )
    a = assumptions if assumptions is not None else Assumptions.scenario(spec.scenario)
    if fitted:
        values = fitted_values()
        if values:
            a = a.replace(**values)
    over = spec.overrides(a)
    return a.replace(**over) if over else a


def population(
    spec: str | Trial,
    *,
    n_source: int | None = None,
    seed: int = DEFAULT_SEED,
    assumptions: Assumptions | None = None,
    fitted: bool = False,
) -> Population:
    """Generate the source cohort and keep the trial's eligible women (no randomisation)."""
    spec = get(spec)
    n = _check_int("n_source", spec.n_source if n_source is None else n_source, 1)
    seed = _check_int("seed", seed, 0)
    a = trial_assumptions(spec, assumptions, fitted=fitted)
    cohort = generate_cohort(n, seed=seed, assumptions=a)
    ok, start, extra = spec.eligible(cohort, a, seed)
    idx = np.flatnonzero(ok)
    return Population(
        cohort=cohort.iloc[idx],
        start_weeks=np.asarray(start, dtype=np.float64)[idx],
        assumptions=a,
        n_source=n,
        extra={k: np.asarray(v)[idx] for k, v in extra.items()},
    )


def arm_outcomes(
    spec: str | Trial,
    pop: Population,
    *,
    seed: int,
    assumptions: Assumptions | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Outcome of every eligible woman under control and under treatment (same women)."""
    spec = get(spec)
    a = pop.assumptions if assumptions is None else assumptions
    c = pop.cohort
    nan = np.full(len(c), np.nan)
    base = {t: pop.start_weeks for t in spec.background}
    control = pd.DataFrame({**base, spec.treatment: nan}, index=c.index)
    treated = pd.DataFrame({**base, spec.treatment: pop.start_weeks}, index=c.index)
    y0 = spec.outcome(simulate(c, control, seed=seed, assumptions=a), a)
    y1 = spec.outcome(simulate(c, treated, seed=seed, assumptions=a), a)
    return np.asarray(y0, dtype=bool), np.asarray(y1, dtype=bool)


def by_stratum(
    spec: str | Trial,
    pop: Population,
    strata: dict[str, np.ndarray],
    *,
    seed: int,
    assumptions: Assumptions | None = None,
) -> pd.DataFrame:
    """Both arms' outcome rates in the same women (common random numbers), stratum by stratum.

    Parameters
    ----------
    spec : str or Trial
        The trial.
    pop : Population
        Its eligible women (:func:`population`).
    strata : dict of str to ndarray of bool
        Label -> mask over ``pop.cohort``, e.g. by ``pop.extra["cl_enrolment_mm"]``.
    seed : int
        Seed of the simulation.
    assumptions : Assumptions, optional
        Instead of ``pop.assumptions``.

    Returns
    -------
    DataFrame
        One row per stratum (index = label): ``n``, ``control_rate``, ``treatment_rate``,
        ``rr`` and ``odds_ratio`` (same-women ratios of the outcome under treatment vs
        control), with the odds ratio's 95% CI (Woolf, ``odds_ratio_low``/``_high``: the
        arms taken as independent, so wider than the same women's Monte-Carlo error; NaN
        with an empty cell).
    """
    y0, y1 = arm_outcomes(spec, pop, seed=seed, assumptions=assumptions)
    rows = {}
    for label, mask in strata.items():
        m = np.asarray(mask, bool)
        p0, p1 = float(y0[m].mean()), float(y1[m].mean())
        arm = np.r_[np.zeros(m.sum(), bool), np.ones(m.sum(), bool)]
        odds, low, high = odds_ratio_ci(np.r_[y0[m], y1[m]], arm)
        rows[label] = {
            "n": int(m.sum()),
            "control_rate": p0,
            "treatment_rate": p1,
            "rr": p1 / p0 if p0 > 0 else math.nan,
            "odds_ratio": odds,
            "odds_ratio_low": low,
            "odds_ratio_high": high,
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def birth_weeks(
    spec: str | Trial,
    pop: Population,
    *,
    seed: int,
    assumptions: Assumptions | None = None,
) -> pd.DataFrame:
    """Gestation at birth (or loss; weeks) of every eligible woman under control and under
    treatment (same women, common random numbers): columns ``control`` and ``treatment``,
    indexed like ``pop.cohort``."""
    spec = get(spec)
    a = pop.assumptions if assumptions is None else assumptions
    c = pop.cohort
    nan = np.full(len(c), np.nan)
    base = {t: pop.start_weeks for t in spec.background}
    arms = {}
    for arm, start in (("control", nan), ("treatment", pop.start_weeks)):
        plan = pd.DataFrame({**base, spec.treatment: start}, index=c.index)
        arms[arm] = simulate(c, plan, seed=seed, assumptions=a)["ga_birth_weeks"].to_numpy(
            np.float64
        )
    return pd.DataFrame(arms, index=c.index)


def latency_days(
    spec: str | Trial,
    pop: Population,
    *,
    seed: int,
    assumptions: Assumptions | None = None,
) -> pd.DataFrame:
    """Days from the start of the trial treatment to birth (or loss) of every eligible woman,
    under control and under treatment (same women, common random numbers): columns
    ``control`` and ``treatment``, indexed like ``pop.cohort``. Ehsanipoor 2015's prolongation
    of pregnancy is the mean of ``treatment - control`` (target 24)."""
    ga = birth_weeks(spec, pop, seed=seed, assumptions=assumptions)
    return DAYS_PER_WEEK * ga.sub(pop.start_weeks, axis=0)


def neonatal_survival(
    spec: str | Trial,
    pop: Population,
    *,
    seed: int,
    assumptions: Assumptions | None = None,
) -> pd.DataFrame:
    """Probability that each eligible woman's baby survives the neonatal period, under control
    and under treatment (same women; :func:`cilib.model.schema.neonatal_survival` of the
    gestation at birth, 0 after a loss before ``neonatal_survival_from_weeks``): columns
    ``control`` and ``treatment``. Its mean per arm is the arm's expected survival, e.g.
    Ehsanipoor 2015's 43% vs 71% (target 24)."""
    a = pop.assumptions if assumptions is None else assumptions
    ga = birth_weeks(spec, pop, seed=seed, assumptions=a)
    return ga.apply(lambda col: schema_neonatal_survival(col.to_numpy(), a))


def randomise(n: int, ratio: tuple[int, int], seed: int) -> np.ndarray:
    """Boolean allocation to treatment: a seeded random permutation with exactly
    ``round(n * t / (t + c))`` women in the treatment arm."""
    n = _check_int("n", n, 0)
    if (
        not isinstance(ratio, tuple | list)
        or len(ratio) != 2
        or not all(isinstance(x, numbers.Integral) and not isinstance(x, bool) for x in ratio)
        or min(ratio) < 0
        or sum(ratio) == 0
    ):
        raise ValueError(
            f"ratio: got {shown(ratio)}; allowed: two non-negative integers (treated, control), "
            "not both 0"
        )
    t, c = ratio
    k = int(round(n * t / (t + c)))
    arm = np.zeros(n, dtype=bool)
    arm[streams.generator(seed, "randomisation").permutation(n)[:k]] = True
    return arm


@dataclass(frozen=True)
class TrialResult:
    """One re-run trial: the summary row and, per eligible woman, arm and outcomes."""

    spec: Trial
    row: dict
    women: pd.DataFrame  # arm (bool, treatment), y_control, y_treatment, y (as randomised)


def _close(sim: float, pub: float) -> bool:
    if math.isnan(pub) or math.isnan(sim):
        return False
    tol = max(CONTROL_TOLERANCE_POINTS / 100, abs(pub) * (CONTROL_TOLERANCE_RATIO - 1))
    return abs(sim - pub) <= tol


def _proportion(k: int, n: int) -> tuple[float, float, float]:
    """Proportion with its Wilson 95% interval (:func:`cilib.stats.wilson_interval`)."""
    return (k / n, *wilson_interval(k, n)) if n else (math.nan, math.nan, math.nan)


def _inside(low: float, high: float, rr: float) -> bool | None:
    """Whether ``rr`` lies in [low, high]; None when either is unknown."""
    return None if math.isnan(low) or math.isnan(rr) else bool(low <= rr <= high)


def _row(spec: Trial, pop: Population, y0, y1, arm, fitted: bool) -> dict:
    """The summary row of a re-run trial (see :func:`run_trial`)."""
    y = np.where(arm, y1, y0)
    n1, n0 = int(arm.sum()), int((~arm).sum())
    k1, k0 = int(y[arm].sum()), int(y[~arm].sum())
    pc, pcl, pch = _proportion(k0, n0)
    pt, ptl, pth = _proportion(k1, n1)
    rr, rrl, rrh = risk_ratio(k1, n1, k0, n0)
    cf, cfl, cfh = paired_rr(y0, y1)
    return {
        "trial": spec.name,
        "citation": spec.citation,
        "scenario": pop.assumptions.scenario_name,
        "outcome": spec.outcome_label,
        "n_source": pop.n_source,
        "n_eligible": len(y0),
        "n_treatment": n1,
        "n_control": n0,
        "control_rate": pc,
        "control_low": pcl,
        "control_high": pch,
        "treatment_rate": pt,
        "treatment_low": ptl,
        "treatment_high": pth,
        "rr": rr,
        "rr_low": rrl,
        "rr_high": rrh,
        "rr_counterfactual": cf,
        "rr_counterfactual_low": cfl,
        "rr_counterfactual_high": cfh,
        "control_rate_counterfactual": float(y0.mean()) if len(y0) else math.nan,
        "published_control": spec.published_control,
        "published_treatment": spec.published_treatment,
        "published_rr": spec.published_rr,
        "published_rr_low": spec.published_rr_low,
        "published_rr_high": spec.published_rr_high,
        "rr_within_published_ci": _inside(spec.published_rr_low, spec.published_rr_high, rr),
        "rr_counterfactual_within_published_ci": _inside(
            spec.published_rr_low, spec.published_rr_high, cf
        ),
        "control_near_published": _close(pc, spec.published_control)
        if not math.isnan(spec.published_control)
        else None,
        "fitted_hrs": fitted,
        "published_verified": spec.verified,
        "note": spec.note,
    }


def run_trial(
    name_or_spec: str | Trial,
    *,
    n_source: int | None = None,
    seed: int = DEFAULT_SEED,
    assumptions: Assumptions | None = None,
    fitted: bool = False,
) -> TrialResult:
    """Re-run one trial in its scenario.

    Parameters
    ----------
    name_or_spec : str or Trial
        A name from :func:`trials` or a :class:`Trial`.
    n_source : int, optional
        Size of the generated cohort the eligible women are drawn from (the spec's default
        gives at least about 2,000 women per arm).
    seed : int
        Seed of the cohort, the trial's scans, the randomisation and the treatment draws.
    assumptions : Assumptions, optional
        Instead of the trial's scenario (the trial's overrides are still applied).
    fitted : bool
        Apply the treatment HRs of ``data/calibrated_treatments.toml`` whatever their
        records' status (see :func:`fitted_values`).

    Returns
    -------
    TrialResult
        ``row``: arm sizes, control and treatment rates with Wilson 95% CIs, the randomised RR
        (Katz CI), the counterfactual same-women RR (delta-method CI) and the published
        figures; ``women``: allocation and outcomes per eligible woman.
    """
    spec = get(name_or_spec)
    pop = population(spec, n_source=n_source, seed=seed, assumptions=assumptions, fitted=fitted)
    y0, y1 = arm_outcomes(spec, pop, seed=seed)
    arm = randomise(len(y0), spec.ratio, seed)
    row = _row(spec, pop, y0, y1, arm, fitted)
    y = np.where(arm, y1, y0)
    women = pd.DataFrame(
        {"treatment_arm": arm, "y_control": y0, "y_treatment": y1, "y": y}, index=pop.cohort.index
    )
    return TrialResult(spec=spec, row=row, women=women)


def run_all(
    names: list[str] | None = None,
    *,
    seed: int = DEFAULT_SEED,
    scale: float = 1.0,
    fitted: bool = False,
) -> pd.DataFrame:
    """Re-run several trials (all by default); one row per trial.

    ``scale`` multiplies each trial's default ``n_source`` (e.g. 0.25 for a quick look).
    ``control_near_published`` compares the simulated control rate with the published one
    within ``CONTROL_TOLERANCE_POINTS`` points or a factor ``CONTROL_TOLERANCE_RATIO``.
    """
    rows = []
    for name in names or trials():
        spec = get(name)
        n = max(1, int(round(spec.n_source * scale)))
        rows.append(run_trial(spec, n_source=n, seed=seed, fitted=fitted).row)
    return pd.DataFrame(rows)
