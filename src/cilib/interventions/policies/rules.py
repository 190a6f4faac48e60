"""Who gets which treatment and when: the :class:`Policy` type and the predicates rules use.

A policy turns a cohort (and, if it screens, the results of its screening schedule) into the
gestation in weeks at which each treatment starts (columns among
:data:`cilib.interventions.treatments.TREATMENTS`; NaN = not given). What a treatment then does
lives in :mod:`cilib.interventions.treatments`; a policy holds only eligibility and timing.

Rules are built from small named predicates that return boolean arrays (:func:`singleton`,
:func:`prior_sptb`, :func:`prior_midtrimester_loss`, :func:`short_cervix`, ...). A user policy
takes a few lines:

>>> import cilib
>>> from cilib.policies import Policy, short_cervix, singleton, start_at, starts
>>> from cilib.screening import anatomy_scan
>>> def rule(cohort, screened, a):
...     found, week = short_cervix(screened, 15, before_weeks=24)
...     return starts(cohort, vaginal_progesterone=start_at(found & singleton(cohort), week))
>>> mine = Policy("VP at <=15 mm", rule=rule, schedule=anatomy_scan)
>>> r = cilib.simulate(cilib.generate_cohort(2_000, seed=1), mine, seed=1)
>>> bool(r["vaginal_progesterone_given"].sum() <= r["screen_scanned"].sum())
True

Random streams: shared decisions ("consider", "choice of") use one uniform per pregnancy from
the ``preference`` stream (:func:`preference`), so every policy arm sees the same woman's
inclination (common random numbers).

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cilib.interventions.treatments import TREATMENTS
from cilib.model.schema import singleton
from cilib.params import streams
from cilib.params.assumptions import Assumptions, resolve
from cilib.params.definitions import CL_THRESHOLDS_MM
from cilib.params.references import REFERENCES
from cilib.params.validation import aligned, floats, number, shown
from cilib.screening.schedules import Schedule, combine_screens, screen

__all__ = [
    "Policy",
    "RuleText",
    "earliest",
    "no_contraindication",
    "ongoing",
    "open_cervix_found",
    "policy",
    "preference",
    "prior_cerclage",
    "prior_late_midtrimester_loss",
    "prior_midtrimester_loss",
    "prior_painless_loss",
    "prior_sptb",
    "prior_sptb_at_least",
    "short_cervix",
    "singleton",
    "start_at",
    "starts",
]


# ------------------------------------------------------------------ predicates
_WEEKS = "a number of weeks, or one per pregnancy"


def _weeks(name: str, value, index: pd.Index):
    """``value`` checked to be weeks (a number, or numbers one per pregnancy, NaN allowed); a
    Series is read by the cohort's ``index``. A checked scalar is returned as given, so the
    comparisons that use it are those of the unchecked code."""
    value = aligned(name, value, index)
    if np.ndim(value) == 0:
        number(name, value, what=_WEEKS)
        return value
    arr = floats(name, value, _WEEKS)
    if arr.shape != (len(index),):
        raise ValueError(
            f"{name}: got an array of shape {arr.shape}; allowed: {_WEEKS} ({len(index)})"
        )
    return arr


def prior_sptb(cohort: pd.DataFrame, before_weeks: float | None = None) -> np.ndarray:
    """An earlier spontaneous preterm birth (the earliest before ``before_weeks``, if given)."""
    prior = cohort["prior_sptb"].to_numpy(dtype=bool)
    if before_weeks is None:
        return prior
    before_weeks = _weeks("before_weeks", before_weeks, cohort.index)
    return prior & (cohort["prior_sptb_ga_weeks"].to_numpy() < before_weeks)


def prior_sptb_at_least(cohort: pd.DataFrame, count: int) -> np.ndarray:
    """At least ``count`` earlier spontaneous preterm births."""
    number("count", count, 0, what="a whole number of births, at least 0", integer=True)
    return cohort["prior_sptb_count"].to_numpy() >= count


def prior_midtrimester_loss(cohort: pd.DataFrame) -> np.ndarray:
    """An earlier spontaneous loss at 14-23+6 weeks."""
    return cohort["prior_midtrimester_losses"].to_numpy() > 0


def prior_late_midtrimester_loss(cohort: pd.DataFrame) -> np.ndarray:
    """An earlier spontaneous loss at 16+0-23+6 weeks (from ``late_loss_from_weeks``: NICE
    NG25's mid-trimester loss)."""
    return cohort["prior_midtrimester_losses_16w"].to_numpy() > 0


def prior_painless_loss(cohort: pd.DataFrame) -> np.ndarray:
    """An earlier mid-trimester loss by painless dilation of the cervix (ACOG PB 142's
    'second-trimester loss attributed to painless cervical dilation')."""
    return cohort["prior_painless_losses"].to_numpy() > 0


def prior_cerclage(cohort: pd.DataFrame) -> np.ndarray:
    """A cerclage in an earlier pregnancy."""
    return cohort["prior_cerclage"].to_numpy(dtype=bool)


def ongoing(cohort: pd.DataFrame, weeks) -> np.ndarray:
    """Pregnancy still ongoing at ``weeks`` (natural history; for fixed-week starts that no
    earlier treatment precedes, where the natural and treated histories agree)."""
    return cohort["ga_birth_weeks"].to_numpy() > _weeks("weeks", weeks, cohort.index)


def no_contraindication(cohort: pd.DataFrame, treatment: str) -> np.ndarray:
    """Treatment not contraindicated before it starts (elective cerclage: singletons only).

    An ended pregnancy is never treated either (:func:`cilib.simulate` enforces it); policies
    only start treatments at scans, which happen while the pregnancy is ongoing, or by 14 wk.
    """
    if treatment not in TREATMENTS:
        raise ValueError(f"treatment: got {shown(treatment)}; allowed: {', '.join(TREATMENTS)}")
    if treatment == "cerclage":
        return singleton(cohort)
    return np.ones(len(cohort), dtype=bool)


def short_cervix(
    screened: pd.DataFrame | None, mm: float, before_weeks: float
) -> tuple[np.ndarray, np.ndarray]:
    """Measured CL at or below ``mm`` at a scan before ``before_weeks``.

    Returns
    -------
    found : ndarray of bool
    weeks : ndarray of float
        Gestation of the first such scan (NaN where not found): the treatment start.
    """
    if screened is None:
        raise ValueError(
            "screened: got None (no screening results); allowed: the screening results of a "
            "policy with a schedule= (for example cilib.screening.anatomy_scan)"
        )
    number("mm", mm, 0.0, what="a non-negative number of mm")
    number("before_weeks", before_weeks, what="a number of weeks")
    col = f"ga_first_le_{float(mm):g}mm_weeks"
    if col not in screened.columns:
        have = [c for c in screened.columns if c.startswith("ga_first_le_")]
        raise ValueError(
            f"mm: got {float(mm):g}, no column {col!r} in the screening results (have {have}); "
            f"allowed: add {float(mm):g} to the policy's thresholds_mm"
        )
    weeks = screened[col].to_numpy(dtype=np.float64)
    found = weeks < before_weeks  # NaN (never found) compares False
    return found, np.where(found, weeks, np.nan)


def open_cervix_found(
    cohort: pd.DataFrame, from_weeks: float, before_weeks: float
) -> tuple[np.ndarray, np.ndarray]:
    """Painless dilation found on examination between ``from_weeks`` and ``before_weeks``:
    a woman with symptoms (``symptoms_ga_weeks``: pelvic pressure, backache, bleeding,
    discharge) is examined, and the open cervix is found at the later of her symptoms and the
    dilation, if both come before the end of the pregnancy (natural history). Most dilations
    give no symptoms and are not found this way.

    Returns
    -------
    found : ndarray of bool
    weeks : ndarray of float
        Gestation at which the open cervix is found (NaN where not found): the start of a
        physical-examination-indicated cerclage.
    """
    number("from_weeks", from_weeks, what="a number of weeks")
    number("before_weeks", before_weeks, what="a number of weeks")
    dilation = cohort["dilation_ga_weeks"].to_numpy(np.float64)
    symptoms = cohort["symptoms_ga_weeks"].to_numpy(np.float64)
    week = np.maximum(dilation, symptoms)  # NaN unless both happened
    with np.errstate(invalid="ignore"):
        found = (week >= from_weeks) & (week < before_weeks) & ongoing(cohort, week)
    return found, np.where(found, week, np.nan)


def preference(cohort: pd.DataFrame, seed: int) -> np.ndarray:
    """One uniform per pregnancy for shared decisions; the same in every policy arm."""
    return streams.generator(seed, "preference").random(len(cohort))


def start_at(mask, weeks) -> np.ndarray:
    """Start week where ``mask`` holds (``weeks`` scalar or per pregnancy), NaN elsewhere."""
    m = np.asarray(mask)
    if str(getattr(mask, "dtype", "")) == "boolean" and not pd.isna(mask).any():
        m = np.asarray(mask, dtype=bool)  # pandas' nullable booleans without NA
    if m.dtype != np.bool_:
        raise TypeError(
            f"mask: got {shown(mask)} of dtype {m.dtype}; allowed: a boolean mask, one value "
            "per pregnancy"
        )
    return np.where(m, weeks, np.nan).astype(np.float64)


def _start_weeks(name: str, v, index: pd.Index) -> np.ndarray:
    """One treatment's start weeks for :func:`starts`: numbers (not a boolean mask), a scalar
    or one per pregnancy (a Series read by the cohort's index)."""
    v = aligned(name, v, index)
    allowed = "start weeks (numbers, NaN = not given), a scalar or one per pregnancy"
    arr = np.asarray(v)
    if arr.dtype == np.bool_:
        raise TypeError(
            f"{name}: got a boolean mask; allowed: {allowed}: use np.where(mask, week, np.nan) "
            "or start_at(mask, week)"
        )
    try:
        return np.broadcast_to(np.asarray(arr, np.float64), (len(index),)).copy()
    except (TypeError, ValueError, OverflowError):
        raise (TypeError if arr.dtype.kind in "OUSV" else ValueError)(
            f"{name}: got {shown(v)} (shape {arr.shape}); allowed: {allowed} ({len(index)})"
        ) from None


def starts(cohort: pd.DataFrame, **weeks) -> pd.DataFrame:
    """Frame of treatment start weeks indexed like the cohort (columns as given).

    Each keyword is a treatment (:data:`cilib.interventions.treatments.TREATMENTS`) and its
    start weeks: a scalar or one number per pregnancy, NaN where not given (a Series is read
    by the cohort's index). A boolean mask is refused: use :func:`start_at`.
    """
    unknown = [k for k in weeks if k not in TREATMENTS]
    if unknown:
        raise ValueError(
            f"starts: unknown treatments {shown(unknown)}; allowed: {', '.join(TREATMENTS)}"
        )
    cols = {k: _start_weeks(k, v, cohort.index) for k, v in weeks.items()}
    return pd.DataFrame(cols, index=cohort.index, copy=False)


def earliest(*weeks: np.ndarray) -> np.ndarray:
    """Element-wise earliest of start weeks (NaN = not given)."""
    out = weeks[0]
    for w in weeks[1:]:
        out = np.fmin(out, w)
    return out


# ------------------------------------------------------------------ Policy
Rule = Callable[..., pd.DataFrame]


@dataclass(frozen=True)
class RuleText:
    """One recommendation a preset encodes, in words: ``text``, its ``source`` (a citation
    key of :data:`cilib.params.references.REFERENCES`) and ``where`` (recommendation number,
    grade or section, as the guideline gives it)."""

    text: str
    source: str
    where: str = ""

    def __post_init__(self) -> None:
        if self.source not in REFERENCES:
            raise ValueError(f"source: got {shown(self.source)}; allowed: cilib.references keys")


ScheduleSpec = Schedule | Sequence[Schedule] | Callable[[Assumptions], object] | None


@dataclass(frozen=True)
class Policy:
    """A treatment policy: who is screened, and who gets which treatment when.

    Parameters
    ----------
    name : str
        Label in tables and charts.
    rule : callable
        ``rule(cohort, screened, assumptions)`` (or with a keyword-only ``seed`` for shared
        decisions, see :func:`preference`) returning start weeks per treatment, indexed like
        the cohort; ``screened`` is None when the policy does not screen.
    schedule : Schedule, sequence of Schedule, callable or None
        Screening the rule needs; a callable takes the assumptions and returns one or several
        schedules (e.g. :func:`cilib.screening.serial_scans`). Several schedules are combined
        with :func:`combine_screens`.
    thresholds_mm : tuple of float
        CL thresholds the rule passes to :func:`short_cervix`, besides 15, 20, 25 mm and the
        ``short_cervix_mm`` record.
    description, sources
        The rules in words, and citation keys (:data:`cilib.params.references.REFERENCES`).
    rules : tuple of RuleText
        Each recommendation the rule encodes with its source (:meth:`rules_table`).
    """

    name: str
    rule: Rule
    schedule: ScheduleSpec = None
    thresholds_mm: tuple[float, ...] = ()
    description: str = ""
    sources: tuple[str, ...] = field(default=())
    rules: tuple[RuleText, ...] = field(default=())

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"name: got {shown(self.name)}; allowed: a non-empty string")
        if not callable(self.rule):
            raise TypeError(f"rule: got {type(self.rule).__name__}; allowed: a function")
        bad = [k for k in self.sources if k not in REFERENCES]
        if bad:
            raise ValueError(
                f"sources: unknown citation keys {shown(bad)}; allowed: cilib.references keys"
            )
        spec = self.schedule
        if not (spec is None or isinstance(spec, Schedule) or callable(spec)):
            if isinstance(spec, str | bytes) or not isinstance(spec, Sequence):
                raise TypeError(
                    f"schedule: got {shown(spec)}; allowed: None, a cilib.screening.Schedule, "
                    "a sequence of them or a function of the assumptions returning them"
                )
        allowed = "a sequence of non-negative numbers of mm"
        th = self.thresholds_mm
        if isinstance(th, str | bytes) or not isinstance(th, Sequence):
            raise TypeError(f"thresholds_mm: got {shown(th)}; allowed: {allowed}")
        th = tuple(number("thresholds_mm", t, 0.0, what=allowed) for t in th)
        object.__setattr__(self, "thresholds_mm", th)

    def rules_table(self) -> pd.DataFrame:
        """The recommendations this policy encodes: ``rule``, ``source`` and ``where``."""
        return pd.DataFrame(
            [(r.text, r.source, r.where) for r in self.rules],
            columns=["rule", "source", "where"],
        )

    def schedules(self, assumptions: Assumptions) -> tuple[Schedule, ...]:
        """The screening schedules under these assumptions (empty if none)."""
        spec = self.schedule
        if callable(spec) and not isinstance(spec, Schedule):
            spec = spec(assumptions)
        if spec is None:
            return ()
        out = (spec,) if isinstance(spec, Schedule) else tuple(spec)
        if not all(isinstance(s, Schedule) for s in out):
            raise TypeError(
                f"schedule: got {shown(out)} for policy {shown(self.name)}; allowed: "
                "cilib.screening.Schedule objects"
            )
        return out

    def thresholds(self, assumptions: Assumptions) -> tuple[float, ...]:
        """CL thresholds (mm) to screen with."""
        t = {*CL_THRESHOLDS_MM, float(assumptions["short_cervix_mm"]), *self.thresholds_mm}
        return tuple(sorted(t))

    def decide(
        self,
        cohort: pd.DataFrame,
        screened: pd.DataFrame | None,
        assumptions: Assumptions,
        *,
        seed: int,
    ) -> pd.DataFrame:
        """Run the rule on screening results already computed."""
        takes_seed = "seed" in inspect.signature(self.rule).parameters
        args = (cohort, screened, assumptions)
        out = self.rule(*args, seed=seed) if takes_seed else self.rule(*args)
        if not isinstance(out, pd.DataFrame):
            raise TypeError(
                f"policy {shown(self.name)}: the rule returned {type(out).__name__}; allowed: a "
                "DataFrame of start weeks (see cilib.policies.starts)"
            )
        return out

    def apply(
        self, cohort: pd.DataFrame, *, seed: int, assumptions: Assumptions | None = None
    ) -> tuple[pd.DataFrame, pd.DataFrame | None]:
        """Screen (once per schedule) and run the rule: ``(start weeks, screening or None)``."""
        a = resolve(cohort, assumptions)
        schedules = self.schedules(a)
        screened = None
        if schedules:
            th = self.thresholds(a)
            screened = combine_screens(
                [screen(cohort, s, seed=seed, thresholds_mm=th, assumptions=a) for s in schedules]
            )
        return self.decide(cohort, screened, a, seed=seed), screened


def policy(name: str, **kwargs) -> Callable[[Rule], Policy]:
    """Decorator: ``@policy("my rule", schedule=anatomy_scan)`` turns a rule into a Policy."""

    def wrap(rule: Rule) -> Policy:
        kw = dict(kwargs)
        kw.setdefault("description", inspect.getdoc(rule) or "")
        return Policy(name, rule=rule, **kw)

    return wrap
