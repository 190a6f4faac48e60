"""What a treatment does: its effect on the hazards of spontaneous birth, by the pregnancy's state.

Effects are assumption records (group ``treatments`` in :mod:`cilib.defaults`) with sources and
95% CIs. A treatment multiplies hazards from the week it starts until it stops:

- ``vaginal_progesterone``: the labour (term-labour process before 37 wk included: spontaneous
  labour is preterm labour whichever process brings it on), cervix-driven and
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
- ``pessary``: preterm-labour and cervix-driven hazards, ``hr_pessary``.

The effect depends on the pregnancy's own state when the treatment starts (true CL, history,
plurality), never on the policy that chose it. Contraindicated treatments are not given: any
treatment once the pregnancy has ended, and elective cerclage in a multiple pregnancy.
Adherence to progesterone is ``p_adherence_progesterone``; a non-adherent woman is counted as
treated but gets no effect.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cilib.assumptions import Assumptions
from cilib.cervix import TRAJECTORY_WEEKS, true_length

TREATMENTS = ("vaginal_progesterone", "im_17ohpc", "cerclage", "pessary")
PROCESSES = ("term", "preterm", "cervical", "dilation")


def effects(
    cohort: pd.DataFrame,
    treatment: str,
    start_weeks: np.ndarray,
    a: Assumptions,
    adherent: np.ndarray | None = None,
) -> tuple[np.ndarray, dict[str, np.ndarray], np.ndarray]:
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
        multiple pregnancy).
    multipliers : dict
        Hazard multiplier per process in :data:`PROCESSES` (1 where no effect).
    stop_weeks : ndarray
        Gestation at which the effect ends.
    """
    if treatment not in TREATMENTS:
        raise ValueError(f"treatment: got {treatment!r}; allowed: {', '.join(TREATMENTS)}")
    n = len(cohort)
    start = np.asarray(start_weeks, dtype=np.float64)
    ongoing = cohort["ga_birth_weeks"].to_numpy() > np.where(np.isnan(start), np.inf, start)
    given = ~np.isnan(start) & ongoing
    plurality = cohort["plurality"].cat.codes.to_numpy() + 1
    multiple = plurality > 1
    prior = cohort["prior_sptb"].to_numpy(dtype=bool)
    cl = true_length(cohort, np.where(given, start, TRAJECTORY_WEEKS[0]))
    short = cl <= a["short_cervix_mm"]
    one = np.ones(n)
    mult = {p: one.copy() for p in PROCESSES}
    if treatment in ("vaginal_progesterone", "im_17ohpc"):
        if treatment == "vaginal_progesterone":
            hr = np.where(
                multiple,
                a["hr_vp_twin"],
                np.where(short, a["hr_vp_short_cervix"], a["hr_vp_no_short_cervix"]),
            )
        else:
            hr = np.where(~multiple & prior, a["hr_17ohpc_prior_sptb"], 1.0)
        takes = np.ones(n, dtype=bool) if adherent is None else np.asarray(adherent, dtype=bool)
        hr = np.where(given & takes, hr, 1.0)
        mult["term"] = hr  # spontaneous labour at any gestation while the effect lasts
        mult["preterm"] = hr.copy()
        mult["cervical"] = hr.copy()
        mult["dilation"] = hr.copy()
        stop_weeks = a["progesterone_stop_weeks"]
        if treatment == "vaginal_progesterone":  # its effect ends before the drug is stopped
            stop_weeks = min(stop_weeks, a["vp_effect_until_weeks"])
        stop = np.full(n, stop_weeks)
    elif treatment == "cerclage":
        open_cervix = cl <= 0.0
        elective = ~open_cervix
        given &= ~(multiple & elective)  # elective cerclage is contraindicated in multiples
        history = start <= a["history_cerclage_by_weeks"]
        hr = np.where(
            history,
            a["hr_cerclage_history_indicated"],
            np.where(
                prior & short,
                a["hr_cerclage_ultrasound_indicated"],
                np.where(prior, a["hr_cerclage_history_indicated"], a["hr_cerclage_no_prior_sptb"]),
            ),
        )
        # a prophylactic suture on an already effaced cervix (a weak cervix): one hazard ratio
        # for the cervix-driven process and painless dilation
        effaced = open_cervix & history & ~multiple
        hr = np.where(effaced, a["hr_cerclage_effaced_cervix"], hr)
        hr = np.where(multiple, a["hr_cerclage_twin"], hr)
        mult["cervical"] = np.where(given, hr, 1.0)
        # a history-indicated stitch in a singleton is in place before the cervix opens, so it
        # acts on painless dilation whenever the cervix effaces (at placement or later); a
        # later cerclage keeps the rescue effect, a longer latency from dilation to birth
        prophylactic = history & ~multiple
        dilation = np.where(
            prophylactic, a["hr_cerclage_effaced_cervix"], 1.0 / a["rr_dilation_latency_cerclage"]
        )
        mult["dilation"] = np.where(given, dilation, 1.0)
        stop = np.full(n, a["cerclage_removal_weeks"])
    else:  # pessary
        mult["preterm"] = np.where(given, a["hr_pessary"], 1.0)
        mult["cervical"] = mult["preterm"].copy()
        stop = np.full(n, a["pessary_removal_weeks"])
    return given, mult, stop
