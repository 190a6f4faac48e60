"""What a treatment does: its effect on the hazards of spontaneous birth, over time and by state.

Effects are assumption records (group ``treatments`` of :mod:`cilib.params.registry`) with sources and
95% CIs. A treatment is an interval of gestation (start to stop or removal) during which it
multiplies hazards; the multiplier may change inside the interval as the pregnancy's state
evolves, so an effect is a list of windows per hazard (:class:`Effect`):

- ``vaginal_progesterone``: acts on the cervix (the cervix-driven and painless-dilation
  hazards) with ``hr_vp_no_short_cervix`` while the true CL is above ``short_cervix_mm`` and
  with ``hr_vp_short_cervix`` from the week it reaches it (:func:`cilib.model.cervix.reaches`),
  whenever that is while she takes it; on preterm labour and rupture with
  ``hr_vp_no_short_cervix``; in twins ``hr_vp_twin`` on all of these, and
  ``hr_vp_twin_short_cervix`` on the cervix once it is short. Physiological labour at
  term is not changed. Taken until ``progesterone_stop_weeks``; the effect wanes towards term
  (from ``vp_fade_from_weeks``, fitted to PREGNANT's small effect on birth before 37 weeks).
- ``im_17ohpc``: every spontaneous-labour hazard (term labour before the stop included);
  ``hr_17ohpc_prior_sptb`` for a singleton with a prior sPTB, no effect otherwise
  (``hr_17ohpc_meis_2003`` holds the 2003 estimate).
- ``cerclage``: in a singleton the stitch supports the shortening cervix: it takes
  ``cerclage_support_share`` of the rise of the cervix-driven log hazard below
  ``short_cervix_mm`` away (:func:`cervical_rise`), week by week as the true CL shortens while
  it is in, so the effect is nil on a long cervix and grows as it shortens; placed for
  history (by ``history_cerclage_by_weeks``) it also multiplies the cervix-driven hazard by
  ``hr_cerclage_history_indicated`` and the painless-dilation hazard by
  ``hr_cerclage_effaced_cervix`` (the suture is in before the cervix opens; both hazards
  take this ratio if the cervix is already fully effaced); any later stitch lengthens the
  latency from dilation to birth (times ``rr_dilation_latency_cerclage``); twins
  ``hr_cerclage_twin``; removed at ``cerclage_removal_weeks``.
- ``pessary``: preterm-labour, rupture and cervix-driven hazards, ``hr_pessary``.
- ``bed_rest`` (a what-if no preset uses): the same hazards, ``hr_bed_rest`` (Cochrane: no
  evidence of benefit), until ``preterm_before_weeks``.

No effect ends with a cliff: vaginal progesterone's wanes from ``vp_fade_from_weeks`` over
``vp_fade_weeks`` (in :data:`FADE_STEPS` steps), and what is left of a progestogen's effect at
the last dose returns to 0 over ``progesterone_washout_weeks`` (in :data:`WASHOUT_STEPS`
steps).
The effect depends on the pregnancy's own state (:class:`State`: true CL, history,
plurality), never on the policy that chose it; each treatment is one function of that state
(:data:`MECHANISMS`). Contraindicated treatments are not given: any treatment once the
pregnancy has ended, elective cerclage in a multiple pregnancy, and any cerclage once the
membranes have ruptured (:attr:`Effect.not_given` says why, one reason per pregnancy). Adherence to progesterone is
``p_adherence_progesterone``; a non-adherent woman is counted as treated but gets no effect.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from cilib.model import cervix
from cilib.model.cervix import TRAJECTORY_WEEKS, crossing_weeks, trajectory_arrays, true_length
from cilib.model.hazards import TREATABLE_CAUSES, cervical_log_hr
from cilib.model.schema import categorical, plurality
from cilib.params.assumptions import Assumptions
from cilib.params.validation import shown

__all__ = [
    "MECHANISMS",
    "PROCESSES",
    "TREATMENTS",
    "FADE_STEPS",
    "SUPPORT_STEPS",
    "WASHOUT_STEPS",
    "Effect",
    "State",
    "effects",
    "hazard_ratio_table",
    "NOT_GIVEN_REASONS",
    "state",
]

#: Hazards a treatment can multiply (see :func:`cilib.model.hazards.treatable_parameters`).
PROCESSES = tuple(TREATABLE_CAUSES)
#: Steps of the washout after a progestogen's last dose (a numerical resolution, not a
#: clinical number: the log hazard ratio falls by 1/WASHOUT_STEPS of its value per step).
WASHOUT_STEPS = 4
#: Steps of vaginal progesterone's waning towards term (a numerical resolution, as above).
FADE_STEPS = 8
#: Steps of a cerclage's support as the cervix shortens below ``short_cervix_mm`` (a numerical
#: resolution: the log hazard ratio changes by 1/SUPPORT_STEPS of its 0-mm value per step).
SUPPORT_STEPS = 12

#: ``(begin, end, multiplier)``: a hazard multiplier per pregnancy from ``begin`` to ``end``
#: (weeks of gestation; empty where ``end <= begin``).
Window = tuple[np.ndarray, np.ndarray, np.ndarray]


@dataclass(frozen=True)
class Effect:
    """What one treatment does to each pregnancy.

    ``given`` (bool per pregnancy: started and not contraindicated) and ``windows``: for each
    process in :data:`PROCESSES`, a list of :data:`Window`; inside overlapping windows the
    multipliers multiply, outside every window the multiplier is 1.
    """

    given: np.ndarray
    windows: dict[str, list[Window]]
    #: Codes into :data:`NOT_GIVEN_REASONS` (-1: given or not asked for); set by :func:`effects`.
    not_given_codes: np.ndarray | None = None

    @property
    def not_given(self) -> pd.Categorical:
        """Why each pregnancy the treatment was asked for did not get it
        (:data:`NOT_GIVEN_REASONS`; missing where it was given or not asked for)."""
        codes = self.not_given_codes
        if codes is None:
            codes = np.full(len(self.given), -1, dtype=np.int8)
        return categorical(codes, NOT_GIVEN_REASONS)

    def multiplier(self, process: str, weeks) -> np.ndarray:
        """The hazard multiplier of ``process`` at gestation ``weeks`` (a scalar or one value
        per pregnancy), 1 where the treatment is not given."""
        m = np.ones(len(self.given))
        t = np.asarray(weeks, np.float64)
        for begin, end, k in self.windows.get(process, []):
            m = m * np.where(self.given & (begin <= t) & (t < end), k, 1.0)
        return m


@dataclass(frozen=True)
class State:
    """A pregnancy's state when a treatment starts, and how it evolves (one entry per
    pregnancy).

    ``start`` (weeks, NaN = not given), ``given`` (started while the pregnancy is ongoing),
    ``multiple`` (twins or more), ``prior`` (an earlier sPTB), ``cl`` (true CL at the start,
    mm), ``short`` (``cl`` at or below ``short_cervix_mm``), ``short_from`` (weeks: when the
    true CL first reaches ``short_cervix_mm``, the start if it already has, ``inf`` if not by
    ``progesterone_stop_weeks``; found when first read), ``dilated`` (painless dilation has
    begun) and ``ruptured`` (the membranes have ruptured).
    """

    start: np.ndarray
    given: np.ndarray
    multiple: np.ndarray
    prior: np.ndarray
    cl: np.ndarray
    short: np.ndarray
    dilated: np.ndarray
    ruptured: np.ndarray
    #: ``crossing(threshold_mm, until_weeks)``: the week the true CL first reaches
    #: ``threshold_mm`` (per pregnancy; the start if it already has, ``inf`` if not by
    #: ``until_weeks`` or not given), :func:`cilib.model.cervix.crossing_weeks` on the given
    #: rows; for a 1-D array of thresholds, one row per threshold.
    crossing: Callable[[float, float], np.ndarray] | None = None
    #: ``(short_cervix_mm, progesterone_stop_weeks)``: the crossing :attr:`short_from` reads.
    short_cervix: tuple[float, float] = (0.0, 0.0)

    @functools.cached_property
    def short_from(self) -> np.ndarray:
        """Weeks at which the true CL first reaches ``short_cervix_mm`` (see the class); only
        progesterone reads it, so the search is made on first use, not for every treatment."""
        return self.crossing(*self.short_cervix)

    def during(self, stop_weeks, k) -> Window:
        """One window from the start to ``stop_weeks`` with multiplier ``k`` where given."""
        n = len(self.start)
        begin = np.where(self.given, self.start, np.inf)
        stop = np.broadcast_to(np.asarray(stop_weeks, np.float64), (n,))
        k = np.broadcast_to(np.asarray(k, np.float64), (n,))
        return begin, stop, np.where(self.given, k, 1.0)


#: The cohort columns a :class:`State` reads (a caller may pass only these, e.g. for the few
#: rows a policy treats: taking every column of those rows would cost more than the state).
STATE_COLUMNS = (*cervix.TRAJECTORY_COLUMNS, "plurality", "prior_sptb", "pprom_ga_weeks")


def _state(cohort: pd.DataFrame, start_weeks, a: Assumptions) -> State:
    start = np.asarray(start_weeks, dtype=np.float64)
    ongoing = cohort["ga_birth_weeks"].to_numpy() > np.where(np.isnan(start), np.inf, start)
    given = ~np.isnan(start) & ongoing
    at = np.where(given, start, TRAJECTORY_WEEKS[0])
    cl = true_length(cohort, at, a)
    rows = np.flatnonzero(given)  # crossings are searched only where the treatment is given
    traj = trajectory_arrays(cohort, rows)

    def crossing(threshold_mm, until_weeks: float) -> np.ndarray:
        # several thresholds: the given rows stacked once per threshold, one search for all
        th = np.asarray(threshold_mm, np.float64)
        m = th.size
        out = np.full((m, len(cohort)), np.inf)
        if len(rows):
            found = crossing_weeks(
                *(np.tile(x, m) for x in traj),
                np.repeat(th.ravel(), len(rows)),
                np.tile(at[rows], m),
                until_weeks,
                a["failure_funnel_weeks"],
            )
            out[:, rows] = found.reshape(m, len(rows))
        return out[0] if th.ndim == 0 else out

    return State(
        start=start,
        given=given,
        multiple=plurality(cohort) > 1,
        prior=cohort["prior_sptb"].to_numpy(dtype=bool),
        cl=cl,
        short=cl <= a["short_cervix_mm"],
        dilated=cohort["dilation_ga_weeks"].to_numpy(np.float64) <= at,
        ruptured=cohort["pprom_ga_weeks"].to_numpy(np.float64) <= at,
        crossing=crossing,
        short_cervix=(a["short_cervix_mm"], a["progesterone_stop_weeks"]),
    )


def state(cohort: pd.DataFrame, start_weeks, a: Assumptions) -> State:
    """The :class:`State` of each pregnancy for a treatment started at ``start_weeks``
    (weeks, NaN = not given): what the mechanisms read, e.g. ``short_from``, the week the
    true CL reaches ``short_cervix_mm``."""
    return _state(cohort, np.asarray(start_weeks, dtype=np.float64), a)


def _profile(begin, end, k, a: Assumptions, fade=None) -> list[Window]:
    """Windows of multiplier ``k`` from ``begin`` to ``end`` (per pregnancy) whose log is
    scaled by a factor of gestation that never jumps by more than one step: 1, then (if
    ``fade = (from, to)``) falling linearly to 0 from ``from`` to ``to`` weeks in
    :data:`FADE_STEPS` steps, and after the last dose (``progesterone_stop_weeks``) falling
    from its value then to 0 over ``progesterone_washout_weeks`` in :data:`WASHOUT_STEPS`
    steps. Each step takes the factor at its midpoint (the mean of the linear fall over it)."""
    stop, wash = a["progesterone_stop_weeks"], a["progesterone_washout_weeks"]
    f_from, f_to = fade if fade is not None else (np.inf, np.inf)

    def waning(t: float) -> float:
        if not np.isfinite(f_from) or t < f_from:
            return 1.0
        return max(0.0, (f_to - t) / (f_to - f_from)) if f_to > f_from else 0.0

    def factor(t: float) -> float:
        if t < stop:
            return waning(t)
        return waning(stop) * max(0.0, 1.0 - (t - stop) / wash) if wash > 0 else 0.0

    points = {-np.inf, stop}
    if np.isfinite(f_from):
        points |= {f_from + j * (f_to - f_from) / FADE_STEPS for j in range(FADE_STEPS + 1)}
    points |= {stop + j * wash / WASHOUT_STEPS for j in range(WASHOUT_STEPS + 1)}
    points = sorted(points)
    log_k = np.log(k)
    out = []
    for lo, hi in zip(points[:-1], points[1:], strict=True):
        w = factor(hi - 0.5 if not np.isfinite(lo) else 0.5 * (lo + hi))
        if w > 0:
            out.append((np.maximum(begin, lo), np.minimum(end, hi), np.exp(log_k * w)))
    return out


def _adherent(s: State, adherent) -> np.ndarray:
    return s.given & (True if adherent is None else np.asarray(adherent, bool))


def vaginal_progesterone(s: State, a: Assumptions, adherent=None) -> Effect:
    """While she takes it (to ``progesterone_stop_weeks``), then washing out: the cervix-driven
    and painless-dilation hazards times ``hr_vp_no_short_cervix`` until the true CL reaches
    ``short_cervix_mm`` and ``hr_vp_short_cervix`` from then on; preterm labour and rupture
    times ``hr_vp_no_short_cervix``; twins ``hr_vp_twin``, and ``hr_vp_twin_short_cervix`` on
    the cervix once it is short; term labour unchanged.
    Every effect wanes towards term, its log hazard ratio falling linearly from
    ``vp_fade_from_weeks`` to 0 over ``vp_fade_weeks``; what is left at the last dose washes
    out over ``progesterone_washout_weeks``."""
    takes = _adherent(s, adherent)
    fade = (a["vp_fade_from_weeks"], a["vp_fade_from_weeks"] + a["vp_fade_weeks"])
    base = np.where(takes, np.where(s.multiple, a["hr_vp_twin"], a["hr_vp_no_short_cervix"]), 1.0)
    short = np.where(s.multiple, a["hr_vp_twin_short_cervix"], a["hr_vp_short_cervix"])
    short_hr = np.where(takes, short, base)
    begin = np.where(s.given, s.start, np.inf)
    forever = np.full(len(begin), np.inf)
    turn = np.maximum(s.short_from, begin)  # when the cervix becomes short while taken
    cervix = [*_profile(begin, turn, base, a, fade), *_profile(turn, forever, short_hr, a, fade)]
    labour = _profile(begin, forever, base, a, fade)
    windows = {"cervical": cervix, "dilation": list(cervix), "preterm": labour}
    windows["pprom"] = list(labour)
    return Effect(s.given, windows)


def im_17ohpc(s: State, a: Assumptions, adherent=None) -> Effect:
    """Every spontaneous-labour hazard times ``hr_17ohpc_prior_sptb`` for a singleton with a
    prior sPTB (no effect otherwise) while she takes it, then washing out."""
    takes = _adherent(s, adherent)
    hr = np.where(takes & ~s.multiple & s.prior, a["hr_17ohpc_prior_sptb"], 1.0)
    begin = np.where(s.given, s.start, np.inf)
    windows = _profile(begin, np.full(len(begin), np.inf), hr, a)
    return Effect(s.given, {p: list(windows) for p in PROCESSES})


def cervical_rise(cl_mm, a: Assumptions) -> np.ndarray:
    """Rise of the cervix-driven log hazard (:func:`cilib.model.hazards.cervical_log_hr`) as
    the true CL shortens from ``short_cervix_mm`` to ``cl_mm`` (0 at or above it): what a
    cerclage's support (``cerclage_support_share``) takes a share of."""
    ref = a["short_cervix_mm"]
    c = np.minimum(np.asarray(cl_mm, np.float64), ref)
    return cervical_log_hr(c, a) - cervical_log_hr(ref, a)


def _support(s: State, who: np.ndarray, a: Assumptions, end: float) -> list[Window]:
    """A cerclage's support of a shortening cervix, for the pregnancies ``who`` from placement
    to ``end``: the cervix-driven hazard times ``exp(-phi * rise(CL(t)))`` (:func:`cervical_rise`,
    ``phi = cerclage_support_share``), so the effect is nil while the cervix is longer than
    ``short_cervix_mm`` and grows as it shortens, in :data:`SUPPORT_STEPS` equal steps of
    the log hazard ratio at the weeks the true CL crosses each step's length."""
    phi = a["cerclage_support_share"]
    full = float(cervical_rise(0.0, a))
    if phi <= 0.0 or full <= 0.0 or not who.any() or s.crossing is None:
        return []
    ref, knee = a["short_cervix_mm"], a["cervical_knee_mm"]
    grid = np.unique([0.0, ref, *([knee] if 0.0 < knee < ref else [])])
    rise = cervical_rise(grid, a)  # decreasing in CL, piecewise linear: inverted exactly
    lengths = np.interp(np.linspace(0.0, full, SUPPORT_STEPS + 1), rise[::-1], grid[::-1])
    begin = np.where(who, s.start, np.inf)
    cross = list(np.maximum(s.crossing(lengths, end), begin))
    cross.append(np.full(len(begin), end))
    out = []
    for j in range(SUPPORT_STEPS + 1):
        level = full * min(j + 0.5, SUPPORT_STEPS) / SUPPORT_STEPS
        out.append(
            (cross[j], np.minimum(cross[j + 1], end), np.where(who, np.exp(-phi * level), 1.0))
        )
    return out


def cerclage(s: State, a: Assumptions, adherent=None) -> Effect:
    """A singleton's stitch supports the shortening cervix (:func:`_support`: an effect on the
    cervix-driven hazard that grows as the true CL shortens below ``short_cervix_mm``, whenever
    that happens while it is in place), times ``hr_cerclage_history_indicated`` if placed for
    history by ``history_cerclage_by_weeks``; a history-indicated stitch also prevents
    painless dilation (``hr_cerclage_effaced_cervix``), any later one delays birth after it
    (the latency times ``rr_dilation_latency_cerclage``); in multiples ``hr_cerclage_twin``.
    Elective cerclage is contraindicated in multiples; never placed after rupture of the
    membranes; removed at ``cerclage_removal_weeks``."""
    open_cervix = s.dilated | (s.cl <= 0.0)  # open, or fully effaced at placement
    given = s.given & ~(s.multiple & ~open_cervix)  # elective cerclage: singletons only
    given &= ~s.ruptured  # contraindicated after PPROM (ACOG PB 142; the seeds)
    history = s.start <= a["history_cerclage_by_weeks"]
    singleton = given & ~s.multiple
    hr = np.where(history, a["hr_cerclage_history_indicated"], 1.0)
    # a prophylactic suture on an already effaced cervix (a weak cervix): one hazard ratio
    # for the cervix-driven process and painless dilation
    hr = np.where(open_cervix & history, a["hr_cerclage_effaced_cervix"], hr)
    hr = np.where(s.multiple, a["hr_cerclage_twin"], hr)
    # a history-indicated stitch in a singleton is in place before the cervix opens, so it
    # acts on painless dilation whenever the cervix effaces (at placement or later); a
    # later cerclage keeps the rescue effect, a longer latency from dilation to birth
    dilation = np.where(
        history & ~s.multiple,
        a["hr_cerclage_effaced_cervix"],
        1.0 / a["rr_dilation_latency_cerclage"],
    )
    removal = a["cerclage_removal_weeks"]
    begin = np.where(given, s.start, np.inf)
    end = np.full(len(s.start), removal)
    cervical = [(begin, end, np.where(given, hr, 1.0)), *_support(s, singleton, a, removal)]
    windows = {
        "cervical": [w for w in cervical if np.any(w[2] != 1.0)],
        "dilation": [(begin, end, np.where(given, dilation, 1.0))],
    }
    return Effect(given, windows)


def pessary(s: State, a: Assumptions, adherent=None) -> Effect:
    """``hr_pessary`` on the preterm-labour, rupture and cervix-driven hazards until removal."""
    window = s.during(a["pessary_removal_weeks"], a["hr_pessary"])
    return Effect(s.given, {p: [window] for p in ("preterm", "pprom", "cervical")})


def bed_rest(s: State, a: Assumptions, adherent=None) -> Effect:
    """A what-if: ``hr_bed_rest`` on the preterm-labour, rupture and cervix-driven hazards from
    the start to ``preterm_before_weeks`` (no preset uses it; its record says why)."""
    window = s.during(a["preterm_before_weeks"], a["hr_bed_rest"])
    return Effect(s.given, {p: [window] for p in ("preterm", "pprom", "cervical")})


#: What each treatment does, one function of the pregnancy's :class:`State` each.
MECHANISMS = {
    "vaginal_progesterone": vaginal_progesterone,
    "im_17ohpc": im_17ohpc,
    "cerclage": cerclage,
    "pessary": pessary,
    "bed_rest": bed_rest,
}
TREATMENTS = tuple(MECHANISMS)


#: Why a treatment a policy asked for was not given (:attr:`Effect.not_given`).
NOT_GIVEN_REASONS = ("pregnancy ended", "membranes ruptured", "elective cerclage in a multiple")


def _not_given_codes(s: State, effect: Effect) -> np.ndarray:
    """Reason codes of :attr:`Effect.not_given` from the state and what the mechanism gave: a
    pregnancy that had ended by the start; or one the mechanism refused, after rupture of the
    membranes if they had ruptured, otherwise an elective cerclage in a multiple pregnancy (the
    only other refusal a mechanism makes)."""
    code = np.full(len(s.start), -1, dtype=np.int8)
    code[~np.isnan(s.start) & ~s.given] = 0
    refused = s.given & ~effect.given
    code[refused] = np.where(s.ruptured[refused], 1, 2)
    return code


def effects(
    cohort: pd.DataFrame,
    treatment: str,
    start_weeks: np.ndarray,
    a: Assumptions,
    adherent: np.ndarray | None = None,
) -> Effect:
    """Effect of one treatment on each pregnancy that starts it.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort`.
    treatment : str
        One of :data:`TREATMENTS`.
    start_weeks : ndarray
        Gestation at which the treatment starts (weeks); NaN = not given.
    a : Assumptions
        Effect records.
    adherent : ndarray of bool, optional
        Whether each woman takes progesterone as prescribed (all, if omitted).

    Returns
    -------
    Effect
        ``given`` (started and not contraindicated: pregnancy still ongoing, no elective
        cerclage in a multiple pregnancy, no cerclage after rupture of the membranes) and the
        hazard-multiplier ``windows`` per process in :data:`PROCESSES`
        (:meth:`Effect.multiplier` reads the multiplier at a gestation); ``not_given`` says why
        a pregnancy asked for it did not get it.
    """
    if treatment not in MECHANISMS:
        raise ValueError(f"treatment: got {shown(treatment)}; allowed: {', '.join(TREATMENTS)}")
    s = _state(cohort, start_weeks, a)
    effect = MECHANISMS[treatment](s, a, adherent)
    return replace(effect, not_given_codes=_not_given_codes(s, effect))


def hazard_ratio_table(
    cohort: pd.DataFrame,
    start_weeks: dict[str, float],
    a: Assumptions,
    *,
    weeks=None,
    processes: tuple[str, ...] = ("cervical", "preterm"),
) -> pd.DataFrame:
    """Hazard multiplier of each treatment over gestation for one pregnancy (aggregate-free:
    a curve per treatment and process, for charts such as
    :func:`cilib.plots.treatments.hazard_ratio_over_gestation`).

    Parameters
    ----------
    cohort : DataFrame
        One row from :func:`cilib.generate_cohort` (``cohort.iloc[[i]]``).
    start_weeks : dict
        Treatment name (:data:`TREATMENTS`) -> start week.
    a : Assumptions
        Effect records.
    weeks : array-like, optional
        Gestations (weeks); default 14 to 40 by 0.05.
    processes : tuple of str
        Processes of :data:`PROCESSES` to report.

    Returns
    -------
    DataFrame
        Long format: ``treatment``, ``process``, ``week`` and ``hazard_ratio`` (1 where the
        treatment does not act).

    Raises
    ------
    ValueError
        If ``cohort`` is not one row, or a treatment or process is unknown.
    """
    if len(cohort) != 1:
        raise ValueError(f"cohort: got {len(cohort)} rows; allowed: one pregnancy (iloc[[i]])")
    unknown = [p for p in processes if p not in PROCESSES]
    if unknown:
        raise ValueError(f"processes: got {unknown}; allowed: {', '.join(PROCESSES)}")
    grid = np.arange(14.0, 40.0 + 1e-9, 0.05) if weeks is None else np.asarray(weeks, float)
    rows = []
    for t, start in start_weeks.items():
        e = effects(cohort, t, np.array([float(start)]), a)
        for p in processes:
            hr = np.array([e.multiplier(p, w)[0] for w in grid])
            rows.append(
                pd.DataFrame({"treatment": t, "process": p, "week": grid, "hazard_ratio": hr})
            )
    return pd.concat(rows, ignore_index=True)
