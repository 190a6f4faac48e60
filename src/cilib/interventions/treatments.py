"""What a treatment does: its effect on the hazards of spontaneous birth, by the pregnancy's state.

Effects are assumption records (group ``treatments`` of :mod:`cilib.params.registry`) with sources and
95% CIs. A treatment multiplies hazards from the week it starts until it stops:

- ``vaginal_progesterone``: the labour (term-labour process before 37 wk included: spontaneous
  labour is preterm labour whichever process brings it on), rupture, cervix-driven and
  painless-dilation hazards; in twins
  ``hr_vp_twin``, with a short cervix at the start ``hr_vp_short_cervix``, otherwise
  ``hr_vp_no_short_cervix``; stops at ``progesterone_stop_weeks``, its effect at
  ``vp_effect_until_weeks`` if that is earlier.
- ``im_17ohpc``: the same hazards; ``hr_17ohpc_prior_sptb`` for a singleton with a prior sPTB,
  no effect otherwise (``hr_17ohpc_meis_2003`` holds the 2003 estimate).
- ``cerclage``: the cervix-driven hazard (placed by ``history_cerclage_by_weeks``:
  history-indicated; prior sPTB and a short cervix: ultrasound-indicated; no prior sPTB:
  ``hr_cerclage_no_prior_sptb``) and the
  latency from dilation to birth (times ``rr_dilation_latency_cerclage``); a history-indicated
  cerclage in a singleton multiplies the painless-dilation hazard by
  ``hr_cerclage_effaced_cervix`` instead (the suture is in before the cervix opens), and the
  cervix-driven hazard too if the cervix is already fully effaced at placement; removed at
  ``cerclage_removal_weeks``.
- ``pessary``: preterm-labour, rupture and cervix-driven hazards, ``hr_pessary``.

The effect depends on the pregnancy's own state when the treatment starts (:class:`State`: true
CL, history, plurality), never on the policy that chose it; each treatment is one function of
that state (:data:`MECHANISMS`). Contraindicated treatments are not given: any
treatment once the pregnancy has ended, elective cerclage in a multiple pregnancy, and any
cerclage once the membranes have ruptured (:func:`effects` reports these as refused).
Adherence to progesterone is ``p_adherence_progesterone``; a non-adherent woman is counted as
treated but gets no effect.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cilib.model.cervix import TRAJECTORY_WEEKS, true_length
from cilib.model.hazards import TREATABLE_CAUSES
from cilib.model.schema import plurality
from cilib.params.assumptions import Assumptions

__all__ = ["MECHANISMS", "PROCESSES", "TREATMENTS", "State", "effects", "refused"]

#: Hazards a treatment can multiply (see :func:`cilib.model.hazards.treatable_parameters`).
PROCESSES = tuple(TREATABLE_CAUSES)

Effect = tuple[np.ndarray, dict[str, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class State:
    """A pregnancy's state when a treatment starts (one entry per pregnancy).

    ``start`` (weeks, NaN = not given), ``given`` (started while the pregnancy is ongoing),
    ``multiple`` (twins or more), ``prior`` (an earlier sPTB), ``cl`` (true CL at the start,
    mm), ``short`` (``cl`` at or below ``short_cervix_mm``), ``dilated`` (painless dilation
    has begun) and ``ruptured`` (the membranes have ruptured).
    """

    start: np.ndarray
    given: np.ndarray
    multiple: np.ndarray
    prior: np.ndarray
    cl: np.ndarray
    short: np.ndarray
    dilated: np.ndarray
    ruptured: np.ndarray

    def unchanged(self) -> dict[str, np.ndarray]:
        """A multiplier of 1 for every process."""
        one = np.ones(len(self.start))
        return {p: one.copy() for p in PROCESSES}


def _state(cohort: pd.DataFrame, start_weeks, a: Assumptions) -> State:
    start = np.asarray(start_weeks, dtype=np.float64)
    ongoing = cohort["ga_birth_weeks"].to_numpy() > np.where(np.isnan(start), np.inf, start)
    given = ~np.isnan(start) & ongoing
    at = np.where(given, start, TRAJECTORY_WEEKS[0])
    cl = true_length(cohort, at, a)
    return State(
        start=start,
        given=given,
        multiple=plurality(cohort) > 1,
        prior=cohort["prior_sptb"].to_numpy(dtype=bool),
        cl=cl,
        short=cl <= a["short_cervix_mm"],
        dilated=cohort["dilation_ga_weeks"].to_numpy(np.float64) <= at,
        ruptured=cohort["pprom_ga_weeks"].to_numpy(np.float64) <= at,
    )


def _progestogen(s: State, hr: np.ndarray, stop_weeks: float, adherent) -> Effect:
    """A progestogen: ``hr`` on every spontaneous-labour hazard while the woman takes it."""
    takes = np.ones(len(s.start), dtype=bool) if adherent is None else np.asarray(adherent, bool)
    hr = np.where(s.given & takes, hr, 1.0)
    mult = {
        "term": hr,  # spontaneous labour at any gestation while the effect lasts
        "preterm": hr.copy(),
        "pprom": hr.copy(),
        "cervical": hr.copy(),
        "dilation": hr.copy(),
    }
    return s.given, mult, np.full(len(s.start), stop_weeks)


def vaginal_progesterone(s: State, a: Assumptions, adherent=None) -> Effect:
    """Twins ``hr_vp_twin``; a short cervix at the start ``hr_vp_short_cervix``, otherwise
    ``hr_vp_no_short_cervix``; the effect ends at ``vp_effect_until_weeks`` if that is before
    the drug is stopped (``progesterone_stop_weeks``)."""
    hr = np.where(
        s.multiple,
        a["hr_vp_twin"],
        np.where(s.short, a["hr_vp_short_cervix"], a["hr_vp_no_short_cervix"]),
    )
    stop = min(a["progesterone_stop_weeks"], a["vp_effect_until_weeks"])
    return _progestogen(s, hr, stop, adherent)


def im_17ohpc(s: State, a: Assumptions, adherent=None) -> Effect:
    """``hr_17ohpc_prior_sptb`` for a singleton with a prior sPTB, no effect otherwise."""
    hr = np.where(~s.multiple & s.prior, a["hr_17ohpc_prior_sptb"], 1.0)
    return _progestogen(s, hr, a["progesterone_stop_weeks"], adherent)


def cerclage(s: State, a: Assumptions, adherent=None) -> Effect:
    """The cervix-driven hazard by indication (history, ultrasound, no prior sPTB, multiple)
    and painless dilation: prevented by a history-indicated stitch in a singleton, delayed
    (a longer latency to birth) by any other; elective cerclage is contraindicated in
    multiples; never placed after rupture of the membranes; removed at
    ``cerclage_removal_weeks``."""
    open_cervix = s.dilated | (s.cl <= 0.0)  # open, or fully effaced at placement
    given = s.given & ~(s.multiple & ~open_cervix)  # elective cerclage: singletons only
    given &= ~s.ruptured  # contraindicated after PPROM (ACOG PB 142; the seeds)
    history = s.start <= a["history_cerclage_by_weeks"]
    hr = np.where(
        history,
        a["hr_cerclage_history_indicated"],
        np.where(
            s.prior & s.short,
            a["hr_cerclage_ultrasound_indicated"],
            np.where(s.prior, a["hr_cerclage_history_indicated"], a["hr_cerclage_no_prior_sptb"]),
        ),
    )
    # a prophylactic suture on an already effaced cervix (a weak cervix): one hazard ratio
    # for the cervix-driven process and painless dilation
    hr = np.where(open_cervix & history & ~s.multiple, a["hr_cerclage_effaced_cervix"], hr)
    hr = np.where(s.multiple, a["hr_cerclage_twin"], hr)
    mult = s.unchanged()
    mult["cervical"] = np.where(given, hr, 1.0)
    # a history-indicated stitch in a singleton is in place before the cervix opens, so it
    # acts on painless dilation whenever the cervix effaces (at placement or later); a
    # later cerclage keeps the rescue effect, a longer latency from dilation to birth
    dilation = np.where(
        history & ~s.multiple,
        a["hr_cerclage_effaced_cervix"],
        1.0 / a["rr_dilation_latency_cerclage"],
    )
    mult["dilation"] = np.where(given, dilation, 1.0)
    return given, mult, np.full(len(s.start), a["cerclage_removal_weeks"])


def pessary(s: State, a: Assumptions, adherent=None) -> Effect:
    """``hr_pessary`` on the preterm-labour and cervix-driven hazards until removal."""
    mult = s.unchanged()
    mult["preterm"] = np.where(s.given, a["hr_pessary"], 1.0)
    mult["pprom"] = mult["preterm"].copy()
    mult["cervical"] = mult["preterm"].copy()
    return s.given, mult, np.full(len(s.start), a["pessary_removal_weeks"])


#: What each treatment does, one function of the pregnancy's :class:`State` each.
MECHANISMS = {
    "vaginal_progesterone": vaginal_progesterone,
    "im_17ohpc": im_17ohpc,
    "cerclage": cerclage,
    "pessary": pessary,
}
TREATMENTS = tuple(MECHANISMS)


def refused(cohort: pd.DataFrame, treatment: str, start_weeks, a: Assumptions) -> np.ndarray:
    """Pregnancies for which a policy asked for ``treatment`` while it was contraindicated by
    the pregnancy's state (a cerclage after rupture of the membranes), bool per row."""
    if treatment != "cerclage":
        return np.zeros(len(cohort), dtype=bool)
    s = _state(cohort, start_weeks, a)
    return s.given & s.ruptured


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
    given : ndarray of bool
        Started and not contraindicated (pregnancy still ongoing, no elective cerclage in a
        multiple pregnancy, no cerclage after rupture of the membranes).
    multipliers : dict
        Hazard multiplier per process in :data:`PROCESSES` (1 where no effect).
    stop_weeks : ndarray
        Gestation at which the effect ends.
    """
    if treatment not in MECHANISMS:
        raise ValueError(f"treatment: got {treatment!r}; allowed: {', '.join(TREATMENTS)}")
    return MECHANISMS[treatment](_state(cohort, start_weeks, a), a, adherent)
