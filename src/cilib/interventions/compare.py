"""Compare treatment policies on the same women (common random numbers).

:func:`compare_policies` runs several policies on one cohort with one seed: every arm shares
the women, their latent draws, the screening measurements and the adherence and
shared-decision draws, so arms differ only by policy, and differences between arms are paired.
Each screening schedule is run once, whichever policies use it.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from cilib.interventions import policies as policy_rules
from cilib.interventions.shared import Shared
from cilib.interventions.simulation import outcomes
from cilib.interventions.start_weeks import check_starts
from cilib.interventions.treatments import TREATMENTS
from cilib.model.schema import births, infants, neonatal_survival
from cilib.params.assumptions import Assumptions, detached, resolve
from cilib.params.definitions import PRETERM_CUTS_WEEKS
from cilib.params.validation import modelled_weeks, number, shown
from cilib.screening.schedules import combine_screens, screen, shared_draws
from cilib.stats import Z95, count_at_or_below, weighted_rate, wilson_interval

__all__ = ["compare_policies"]


def _as_policy(p, label: str) -> policy_rules.Policy:
    if isinstance(p, str | policy_rules.Policy):
        return policy_rules.get(p, param=label)
    if isinstance(p, pd.DataFrame) or callable(p):
        frame = p
        return policy_rules.Policy(
            label.replace("policies[", "policy ").rstrip("]"),
            rule=lambda c, s, a: frame(c) if callable(frame) else frame,
            description="start weeks given directly",
        )
    raise TypeError(
        f"{label}: got {type(p).__name__}; allowed: a preset name, a cilib.policies.Policy, "
        "a DataFrame of start weeks or a function of the cohort returning one"
    )


def _run_arms(cohort, arms, seed, a):
    """Start weeks and screening of each policy, screening once per schedule."""
    needs: dict = {}
    for p in arms:
        for s in p.schedules(a):
            needs.setdefault(s, set()).update(p.thresholds(a))
    with shared_draws():  # every schedule's uptake and scan errors are the same draws
        done = {
            s: screen(cohort, s, seed=seed, thresholds_mm=sorted(th), assumptions=a)
            for s, th in needs.items()
        }
    out = []
    combined: dict[tuple, pd.DataFrame] = {}  # policies with the same schedules share them
    for p in arms:
        sch = tuple(p.schedules(a))
        if sch and sch not in combined:
            combined[sch] = combine_screens([done[s] for s in sch])
        screened = combined.get(sch)
        out.append((p.decide(cohort, screened, a, seed=seed), screened))
    return out


def _ci_percent(p_lo_hi):
    return tuple(100 * x for x in p_lo_hi)


_CUTS = np.asarray(PRETERM_CUTS_WEEKS, dtype=np.float64)
if np.any(np.diff(_CUTS) <= 0):
    raise ValueError("PRETERM_CUTS_WEEKS: not increasing; allowed: cuts in increasing order")


def _weight_below(ga: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Per cut of :data:`PRETERM_CUTS_WEEKS`, the sum of ``weight`` where ``ga`` is below it
    (NaN is below none), in one pass. The weights are whole infants (0 to 3), so every sum is
    exact, the same float whatever the order of its terms (:func:`weighted_proportion`'s)."""
    band = count_at_or_below(_CUTS, ga)  # the cuts at or below each ga
    return np.cumsum(np.bincount(band, weights=weight, minlength=len(_CUTS) + 1))[:-1]


def _summary(cohort, result, screened, a, w, natural_ga, ref_ga, before_weeks, intervals):
    ga = result["ga_birth_weeks"].to_numpy()
    n = len(cohort)
    born = births(result, a)
    row: dict[str, object] = {"pregnancies": n, "births": int(born.sum())}
    row["infants"] = float((w * born).sum())
    loss = result["midtrimester_loss"].to_numpy()
    row["midtrimester_loss_percent"] = 100 * loss.mean()
    if intervals:
        lo, hi = wilson_interval(float(loss.sum()), n)
        row["midtrimester_loss_ci_low"], row["midtrimester_loss_ci_high"] = 100 * lo, 100 * hi
    weight = w * born
    if not intervals:  # the same point estimates as weighted_rate's, every cut in one pass
        below = _weight_below(ga, weight)
        sw = float(weight.sum())
    for j, cut in enumerate(PRETERM_CUTS_WEEKS):
        if intervals:
            p, lo, hi = _ci_percent(weighted_rate(ga < cut, weight))
            row[f"ptb_lt{cut}_percent"] = p
            row[f"ptb_lt{cut}_ci_low"], row[f"ptb_lt{cut}_ci_high"] = lo, hi
        else:
            row[f"ptb_lt{cut}_percent"] = 100 * float(below[j] / sw) if sw > 0 else math.nan
    row["survivors_per_1000"] = 1000.0 * float((w * neonatal_survival(ga, a)).sum()) / n
    if screened is not None:
        row["women_screened"] = int(screened["scanned"].to_numpy().sum())
        row["scans"] = int(screened["n_scans"].to_numpy(np.int64).sum())
    else:
        row["women_screened"], row["scans"] = 0, 0
    any_treated = np.zeros(n, dtype=bool)
    for t in TREATMENTS:
        col = f"{t}_given"
        given = result[col].to_numpy() if col in result.columns else np.zeros(n, dtype=bool)
        row[f"treated_{t}"] = int(given.sum())
        any_treated |= given
    row["treated_any"] = int(any_treated.sum())
    row["treated_term_anyway"] = int(
        (any_treated & (natural_ga >= a["preterm_before_weeks"])).sum()
    )
    # paired difference per pregnancy: infants ending before the cut (losses included)
    d = w * ((ref_ga < before_weeks).astype(np.float64) - (ga < before_weeks))
    total = float(d.sum())
    row["ptb_averted"] = total
    if intervals:
        se = float(np.sqrt(n) * d.std(ddof=1)) if n > 1 else math.nan
        row["ptb_averted_ci_low"], row["ptb_averted_ci_high"] = total - Z95 * se, total + Z95 * se
    row["nns"] = row["women_screened"] / total if total > 0 and row["women_screened"] else math.nan
    row["nnt"] = row["treated_any"] / total if total > 0 and row["treated_any"] else math.nan
    return row


def compare_policies(
    cohort: pd.DataFrame,
    policies: Sequence,
    *,
    seed: int,
    reference="no_screening",
    assumptions: Assumptions | None = None,
    averted_before_weeks: float = 37.0,
    intervals: bool = True,
) -> pd.DataFrame:
    """Outcomes of several policies on the same women, and their effect against a reference.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort`.
    policies : sequence
        Preset names (:func:`cilib.policies.presets`), :class:`cilib.policies.Policy` objects,
        or start-week frames (or functions of the cohort returning one), labelled
        ``policy <i>``. Labels must be unique.
    seed : int
        One seed for every arm (screening, adherence, shared decisions): common random numbers.
    reference : str or Policy
        The arm against which preterm births averted are counted (run even if not listed).
    assumptions : Assumptions, optional
        Defaults to the cohort's own.
    averted_before_weeks : float
        Gestation (weeks) defining the preterm births averted (37; 34 for early PTB), within
        the weeks in which the model has births (:func:`cilib.params.validation.modelled_weeks`).
    intervals : bool
        With False, the ``*_ci_low`` and ``*_ci_high`` columns are left out (the point
        estimates are the same): what a probabilistic sensitivity analysis, which reads only
        each draw's point estimates, asks for.

    Returns
    -------
    DataFrame, one row per policy (wide format), indexed 0..k-1
        ``policy``; ``pregnancies``, ``births`` (ending at or after ``loss_before_weeks``),
        ``infants`` (born, twins count twice); ``midtrimester_loss_percent`` (losses before
        ``loss_before_weeks`` per pregnancy, Wilson 95% CI in ``..._ci_low``/``..._ci_high``);
        ``ptb_lt<c>_percent`` for c in :data:`PRETERM_CUTS_WEEKS`: infants born before c weeks
        among infants born, with a 95% Wilson interval at the cluster-robust effective sample
        size (Monte-Carlo uncertainty of this cohort); ``survivors_per_1000``: expected infants
        surviving the neonatal period per 1,000 pregnancies (:func:`cilib.model.schema.
        neonatal_survival` of each birth week; losses count as none); ``women_screened`` (scanned at least
        once) and ``scans`` (sum of ``n_scans``); ``treated_<treatment>`` and ``treated_any``
        (women given each treatment); ``treated_term_anyway`` (treated women whose
        natural-history birth is at or after ``preterm_before_weeks``); ``ptb_averted``: infants
        delivered before ``averted_before_weeks`` (mid-trimester losses included, so a loss
        turned into a preterm birth is not counted as harm) under the reference minus under
        the policy, with a 95% CI from the paired per-pregnancy differences
        (``ptb_averted_ci_low``/``_high``); ``nns`` (women screened per PTB averted) and ``nnt``
        (women treated per PTB averted), NaN when nothing is averted.

    Examples
    --------
    >>> import cilib
    >>> from cilib.interventions.compare import compare_policies
    >>> c = cilib.generate_cohort(5_000, seed=1)
    >>> t = compare_policies(c, ["no_screening", "universal_25mm"], seed=1)
    >>> t["policy"].tolist(), float(t.loc[0, "ptb_averted"])
    (['no_screening', 'universal_25mm'], 0.0)
    """
    a = resolve(cohort, assumptions)
    lo, hi = modelled_weeks(a)
    averted_before_weeks = number(
        "averted_before_weeks",
        averted_before_weeks,
        lo,
        hi,
        what=f"a gestation in weeks in [{lo:g}, {hi:g}] (the weeks in which the model has births)",
    )
    if isinstance(policies, str | policy_rules.Policy | pd.DataFrame):
        policies = [policies]
    if not isinstance(policies, Iterable) or isinstance(policies, Mapping):
        raise TypeError(
            f"policies: got {shown(policies)} of type {type(policies).__name__}; allowed: a list "
            "of preset names, cilib.policies.Policy objects or start-week frames"
        )
    arms = [_as_policy(p, f"policies[{i}]") for i, p in enumerate(list(policies))]
    if not arms:
        raise ValueError("policies: got an empty sequence; allowed: at least one policy")
    names = [p.name for p in arms]
    dup = sorted({x for x in names if names.count(x) > 1})
    if dup:
        raise ValueError(f"policies: duplicate names {dup}; allowed: each policy once")
    ref = _as_policy(reference, "reference")
    listed = ref.name in names
    run = arms if listed else [*arms, ref]
    decided = _run_arms(cohort, run, seed, a)  # policies see the cohort as given
    cohort = detached(cohort)  # from here on, only this module's code reads it
    starts = [check_starts(cohort, st, a) for st, _ in decided]
    shared = Shared(cohort, starts, a, seed)  # what every arm would otherwise redo
    results = [outcomes(cohort, st, None, a, shared) for st in starts]
    ref_result = results[names.index(ref.name)] if listed else results[-1]
    ref_ga = ref_result["ga_birth_weeks"].to_numpy()
    natural_ga = cohort["ga_birth_weeks"].to_numpy()
    w = infants(cohort)
    rows = []
    for p, (_, screened), result in zip(arms, decided, results, strict=False):
        row = {"policy": p.name}
        row.update(
            _summary(
                cohort, result, screened, a, w, natural_ga, ref_ga, averted_before_weeks, intervals
            )
        )
        rows.append(row)
    table = pd.DataFrame(rows)
    table.attrs.update(reference=ref.name, seed=seed, averted_before_weeks=averted_before_weeks)
    return table
