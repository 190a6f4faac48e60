"""Answer checks of the notebooks' exercises: right or not, without giving the answer away.

Each exercise of ``notebooks/`` has one check here. A check recomputes the expected value from
the same inputs the notebook already holds (its cohort, seed, screening result or PSA), by a
route independent of the notebook's solution where one exists, compares the student's answer
with it within a tolerance stated beside the check (the rounding of the printed figure: the
expected value itself has no Monte-Carlo error, since it comes from the same cohort and seed),
and returns a :class:`Verdict`: right or wrong, with a hint, never the expected value.

A student copy of a notebook has its solution cells removed; its check cells still run, and
an answer left at ``None`` gets "no answer yet".

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> from cilib.teaching import check
>>> check("nb02_ppv", None, cl=None, event=None, threshold_mm=20)
No answer yet: store your answer in `answer_ppv` and run this cell again.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cilib.analysis import summary, trials
from cilib.analysis.psa import PSAResult
from cilib.interventions import policies
from cilib.interventions.simulation import simulate
from cilib.model.cohort import generate_cohort
from cilib.model.histories import OUTCOMES
from cilib.params.assumptions import assumptions_of
from cilib.screening import metrics, sweep
from cilib.stats import paired_rr

__all__ = [
    "EXERCISES",
    "Verdict",
    "check",
    "nb01_smoke_free",
    "nb02_ppv",
    "nb02_threshold",
    "nb03_two_sptb",
    "nb04_fonseca_full_effect",
    "nb05_nnt",
    "nb06_overtreatment",
    "nb07_share_helped",
]

#: The outcomes of a histories frame that are spontaneous preterm births (any band).
SPTB_OUTCOMES = tuple(o for o in OUTCOMES if o.startswith("sPTB"))


@dataclass(frozen=True)
class Verdict:
    """The result of an answer check.

    Attributes
    ----------
    exercise : str
        Exercise id, for example ``"nb02_ppv"``.
    correct : bool or None
        True if right, False if wrong, None if no answer was given yet.
    message : str
        One or two sentences for the student: the verdict and a hint, never the expected value.
    """

    exercise: str
    correct: bool | None
    message: str

    def __bool__(self) -> bool:
        return self.correct is True

    def __repr__(self) -> str:
        return self.message

    def _repr_markdown_(self) -> str:
        return self.message


def _number(answer) -> float | None:
    """The answer as a float, or None if it is not a single finite number."""
    try:
        value = float(np.asarray(answer, dtype=np.float64).item())
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _no_answer(exercise: str, name: str) -> Verdict:
    return Verdict(
        exercise, None, f"No answer yet: store your answer in `{name}` and run this cell again."
    )


def _verdict(exercise: str, name: str, answer, expected: float, tol: float, hint: str) -> Verdict:
    """Compare one answer with the expected value; the message never states the value."""
    if answer is None:
        return _no_answer(exercise, name)
    value = _number(answer)
    if value is None:
        return Verdict(exercise, False, f"`{name}` must be one finite number, got {answer!r:.80}.")
    if abs(value - expected) <= tol:
        return Verdict(exercise, True, f"Correct: `{name}` is right.")
    if 0 < abs(expected) <= 1 and abs(value / 100 - expected) <= tol:
        return Verdict(
            exercise, False, f"Not yet: `{name}` looks like a percentage; give a proportion (0-1)."
        )
    side = "high" if value > expected else "low"
    return Verdict(exercise, False, f"Not yet: `{name}` is too {side}. Hint: {hint}")


def _preterm_per_1000(cohort: pd.DataFrame) -> float:
    """Preterm infants per 1,000 infants born (:func:`cilib.analysis.summary.preterm_rates`)."""
    rates = summary.preterm_rates(cohort)
    return 10 * float(rates.loc[rates["group_type"] == "all", "ptb_percent"].item())


def nb01_smoke_free(answer_per_1000: float | None, cohort: pd.DataFrame, *, seed: int) -> Verdict:
    """Notebook 01: preterm infants per 1,000 births averted if nobody smoked.

    Parameters
    ----------
    answer_per_1000 : float or None
        The student's reduction, preterm infants per 1,000 infants born.
    cohort : DataFrame
        The notebook's cohort (:func:`cilib.generate_cohort`, carrying its assumptions).
    seed : int
        The notebook's seed; the smoke-free cohort is regenerated with it.

    Returns
    -------
    Verdict
    """
    if answer_per_1000 is None:
        return _no_answer("nb01_smoke_free", "answer_per_1000")
    a = assumptions_of(cohort)
    smoke_free = generate_cohort(len(cohort), seed=seed, assumptions=a.replace(p_smoking=0.0))
    expected = _preterm_per_1000(cohort) - _preterm_per_1000(smoke_free)
    # tolerance: half a unit of the 2nd decimal the solution prints
    hint = (
        f"count infants (twins twice) born from {a['loss_before_weeks']:g} weeks, with and "
        "without smoking, same seed."
    )
    return _verdict("nb01_smoke_free", "answer_per_1000", answer_per_1000, expected, 0.005, hint)


def nb02_ppv(
    answer_ppv: float | None, cl: pd.Series, event: pd.Series, threshold_mm: float
) -> Verdict:
    """Notebook 02, exercise 1: the PPV at ``threshold_mm`` from the natural frequencies.

    Parameters
    ----------
    answer_ppv : float or None
        The student's PPV, a proportion.
    cl, event : Series
        Measured CL (mm, NaN if not scanned) and the outcome, as in the notebook.
    threshold_mm : float
        The threshold of the natural-frequency table.

    Returns
    -------
    Verdict
    """
    if answer_ppv is None:
        return _no_answer("nb02_ppv", "answer_ppv")
    expected = float(metrics(cl, event, threshold_mm)["ppv"].item())
    # tolerance: half a unit of the 0.1% the solution prints
    hint = "early births among the screen-positive women, divided by all screen-positive women."
    return _verdict("nb02_ppv", "answer_ppv", answer_ppv, expected, 0.0005, hint)


def nb02_threshold(
    answer_threshold_mm: float | None, cl: pd.Series, event: pd.Series, target_sensitivity: float
) -> Verdict:
    """Notebook 02, exercise 2: the smallest whole-millimetre threshold reaching a sensitivity.

    Parameters
    ----------
    answer_threshold_mm : float or None
        The student's threshold (mm).
    cl, event : Series
        Measured CL (mm) and the outcome, as in the notebook.
    target_sensitivity : float
        The sensitivity to reach (a proportion).

    Returns
    -------
    Verdict
    """
    if answer_threshold_mm is None:
        return _no_answer("nb02_threshold", "answer_threshold_mm")
    whole_mm = np.arange(0, np.ceil(np.nanmax(cl)) + 1)
    s = sweep(cl, event, thresholds=whole_mm)
    expected = float(s.loc[s["sensitivity"] >= target_sensitivity, "threshold_mm"].min())
    # tolerance 0: a whole number of millimetres, exactly
    hint = "try every whole millimetre and keep the first whose sensitivity reaches the target."
    return _verdict("nb02_threshold", "answer_threshold_mm", answer_threshold_mm, expected, 0, hint)


def nb03_two_sptb(answer: float | None, histories: pd.DataFrame) -> Verdict:
    """Notebook 03: risk of sPTB <37 wk in pregnancy 3 after sPTBs in pregnancies 1 and 2.

    Parameters
    ----------
    answer : float or None
        The student's probability, a proportion.
    histories : DataFrame
        The notebook's :func:`cilib.generate_histories` frame (three pregnancies per woman).

    Returns
    -------
    Verdict
    """
    if answer is None:
        return _no_answer("nb03_two_sptb", "answer")
    h = histories.sort_values(["woman_id", "pregnancy_number"], kind="stable")
    p = int(h["pregnancy_number"].max())
    sptb = np.isin(h["outcome"].to_numpy().astype(str), SPTB_OUTCOMES).reshape(-1, p)
    expected = float(sptb[sptb[:, 0] & sptb[:, 1], 2].mean())
    # tolerance: half a unit of the 0.1% the solution prints
    hint = "keep the women whose first two pregnancies were both sPTB (any band)."
    return _verdict("nb03_two_sptb", "answer", answer, expected, 0.0005, hint)


def nb04_fonseca_full_effect(
    answer_rr: float | None, pop: trials.Population, *, seed: int
) -> Verdict:
    """Notebook 04: same-women RR of Fonseca 2007 with progesterone at full effect to the stop.

    Parameters
    ----------
    answer_rr : float or None
        The student's same-women risk ratio.
    pop : Population
        The notebook's Fonseca population (:func:`cilib.trials.population`).
    seed : int
        The notebook's seed.

    Returns
    -------
    Verdict
    """
    if answer_rr is None:
        return _no_answer("nb04_fonseca_full_effect", "answer_rr")
    a = pop.assumptions
    full = a.replace(vp_fade_from_weeks=a["progesterone_stop_weeks"])
    y0, y1 = trials.arm_outcomes("fonseca_2007", pop, seed=seed, assumptions=full)
    expected = float(paired_rr(y0, y1)[0])
    # tolerance: half a unit of the 3rd decimal the solution prints
    hint = "set vp_fade_from_weeks to progesterone_stop_weeks and keep the fitted hazard ratio."
    return _verdict("nb04_fonseca_full_effect", "answer_rr", answer_rr, expected, 0.0005, hint)


def nb05_nnt(
    answer_nnt_published: float | None, answer_nnt_simulated: float | None, table: pd.DataFrame
) -> Verdict:
    """Notebook 05: NNT of the MRC/RCOG 1993 cerclage trial, published and simulated.

    Parameters
    ----------
    answer_nnt_published, answer_nnt_simulated : float or None
        The student's two numbers needed to treat.
    table : DataFrame
        The notebook's :func:`cilib.trials.run_all` table holding ``mrc_rcog_1993``.

    Returns
    -------
    Verdict
        Correct only if both are right.
    """
    spec = trials.get("mrc_rcog_1993")
    row = table.set_index("trial").loc[spec.name]
    hint = "NNT = 1 / (control rate - treatment rate), rates as proportions."
    # tolerance: half a woman, the rounding of the whole-number NNT the solution prints
    verdicts = [
        _verdict("nb05_nnt", name, answer, 1 / (control - treated), 0.5, hint)
        for name, answer, control, treated in (
            (
                "answer_nnt_published",
                answer_nnt_published,
                spec.published_control,
                spec.published_treatment,
            ),
            (
                "answer_nnt_simulated",
                answer_nnt_simulated,
                row["control_rate"],
                row["treatment_rate"],
            ),
        )
    ]
    return _combine("nb05_nnt", verdicts)


def _combine(exercise: str, verdicts: list[Verdict]) -> Verdict:
    """One verdict from several answers: correct only if all are."""
    if all(v.correct for v in verdicts):
        return Verdict(exercise, True, "Correct: both answers are right.")
    correct = None if all(v.correct is None for v in verdicts) else False
    return Verdict(exercise, correct, " ".join(v.message for v in verdicts if not v.correct))


def nb06_overtreatment(
    answer_share: float | None,
    answer_nnt: float | None,
    cohort: pd.DataFrame,
    table: pd.DataFrame,
    *,
    seed: int,
    policy: str = "acog_2021",
) -> Verdict:
    """Notebook 06: share of treated women who would have delivered at term anyway, and NNT.

    Parameters
    ----------
    answer_share, answer_nnt : float or None
        The student's share (a proportion) and number needed to treat.
    cohort : DataFrame
        The notebook's cohort (its natural history).
    table : DataFrame
        The notebook's :func:`cilib.compare_policies` table.
    seed : int
        The notebook's seed; ``policy`` is re-simulated on ``cohort`` with it.
    policy : str
        The exercise's policy.

    Returns
    -------
    Verdict
        Correct only if both are right.
    """
    if answer_share is None and answer_nnt is None:
        return _no_answer("nb06_overtreatment", "answer_share` and `answer_nnt")
    arm = simulate(cohort, policies.get(policy), seed=seed)
    treated = arm["treated"].to_numpy()
    at_term = cohort["ga_birth_weeks"].to_numpy() >= assumptions_of(cohort)["preterm_before_weeks"]
    row = table.set_index("policy").loc[policy]
    verdicts = [
        # tolerance: half a unit of the whole percentage the solution prints
        _verdict(
            "nb06_overtreatment",
            "answer_share",
            answer_share,
            float((treated & at_term).sum() / treated.sum()),
            0.005,
            "treated women whose natural-history birth was at term, over all treated women.",
        ),
        # tolerance: half a unit of the one decimal the solution prints
        _verdict(
            "nb06_overtreatment",
            "answer_nnt",
            answer_nnt,
            float(row["treated_any"] / row["ptb_averted"]),
            0.05,
            "women treated (any treatment) per preterm birth averted.",
        ),
    ]
    return _combine("nb06_overtreatment", verdicts)


def nb07_share_helped(
    answer_share: float | None,
    result: PSAResult,
    *,
    policy: str = "universal_25mm",
    reference: str = "no_screening",
    outcome: str = "ptb_lt34_per_1000",
) -> Verdict:
    """Notebook 07: share of PSA draws in which ``policy`` has fewer early births.

    Parameters
    ----------
    answer_share : float or None
        The student's share of draws, a proportion.
    result : PSAResult
        The notebook's :func:`cilib.psa.run` result.
    policy, reference, outcome : str
        The exercise's policy, reference and outcome.

    Returns
    -------
    Verdict
    """
    o = result.outcomes[result.outcomes["outcome"] == outcome]
    wide = o.pivot(index="draw", columns="policy", values="value")
    expected = float((wide[policy] < wide[reference]).mean())
    # tolerance: half a unit of the whole percentage the solution prints
    hint = f"compare {policy} with {reference} draw by draw and count the draws where it is lower."
    return _verdict("nb07_share_helped", "answer_share", answer_share, expected, 0.005, hint)


#: Check of each exercise, by id.
EXERCISES: dict[str, Callable[..., Verdict]] = {
    "nb01_smoke_free": nb01_smoke_free,
    "nb02_ppv": nb02_ppv,
    "nb02_threshold": nb02_threshold,
    "nb03_two_sptb": nb03_two_sptb,
    "nb04_fonseca_full_effect": nb04_fonseca_full_effect,
    "nb05_nnt": nb05_nnt,
    "nb06_overtreatment": nb06_overtreatment,
    "nb07_share_helped": nb07_share_helped,
}


def check(exercise: str, *answers, **inputs) -> Verdict:
    """Check the answer(s) to one exercise, by its id (see :data:`EXERCISES`).

    Parameters
    ----------
    exercise : str
        Exercise id, for example ``"nb02_ppv"``.
    *answers
        The student's answer(s), in the order the exercise asks for them (None: not yet).
    **inputs
        The notebook objects the check needs (see the exercise's function).

    Returns
    -------
    Verdict
        Right or wrong with a hint; it never contains the expected value.
    """
    if exercise not in EXERCISES:
        raise ValueError(f"exercise: got {exercise!r}; allowed: {', '.join(EXERCISES)}")
    return EXERCISES[exercise](*answers, **inputs)
