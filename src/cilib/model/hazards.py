"""Competing hazards of birth and loss: cumulative hazards, closed-form times, the earliest wins.

Competing processes start at ``hazard_start_weeks`` (14 wk); each has a Gompertz hazard
``h(t) = exp(log_h0 + rate * (t - 14))``, so the time at which its cumulative hazard
(:func:`cumulative`) reaches a unit-exponential draw has a closed form (:func:`gompertz_time`)
and the whole cohort is drawn with a handful of vector operations:

1. term labour: physiological spontaneous labour around ``term_labour_median_weeks``;
2. preterm labour through non-cervical pathways (infection, inflammation, bleeding,
   overdistension);
3. PPROM: rupture of the membranes before term, with a hazard that also rises as the cervix
   shortens (``log_hr_pprom_per_mm``: a short cervix at 23-24 wk predicts PPROM, Mercer 2000),
   and faster below ``cervical_knee_mm`` (``log_hr_pprom_per_mm_below_knee``), then birth
   after a latency (:mod:`cilib.model.failure`);
4. cervix-driven spontaneous birth: ``h = h25 * exp(beta * (25 mm - CL(t)))`` with ``CL(t)`` the
   pregnancy's linear true cervical-length trajectory, so it rises as the cervix shortens, and
   steeper still below ``cervical_knee_mm`` (``log_hr_cervical_per_mm_below_knee`` more per
   mm: the Heath 1998 curve, 4% at 15 mm to 78% at 5 mm); once the cervix is fully effaced
   the hazard stays at its 0-mm value (:func:`knee_cumulative`);
5. painless dilation: the cervix fails (opens without contractions) at a gestation drawn by
   the cervical-failure process, and birth follows after a latency, unless the dilation
   arrests (:mod:`cilib.model.failure`);
6. sporadic mid-trimester loss: a constant hazard ``h_sporadic_loss_per_week`` from 14 wk until
   ``sporadic_loss_before_weeks``, the same for every pregnancy and unchanged by any risk
   factor or treatment: losses from fetal causes that do not recur, so that a loss is not
   always a sign of a lasting maternal trait (Purisch 2018: a term birth after a loss is
   reassuring);
7. medically indicated birth, plus a planned birth (elective induction or caesarean for
   singletons at a week spread over the planned window, induction for prolonged pregnancy at
   its end; planned birth of twins and triplets at a fixed week).

The log hazard ratios of each pregnancy come from :mod:`cilib.model.inputs` (the one map from
risk factors to hazards). The earliest time wins (:func:`resolve`). A spontaneous end before
``loss_before_weeks`` is a mid-trimester loss. :func:`treatable_parameters` are the parameters
of the processes a treatment can change; :mod:`cilib.interventions.simulation` reuses them and
:func:`cumulative` to recompute treated pregnancies.
"""

from __future__ import annotations

import math

import numpy as np

from cilib.model import failure
from cilib.model.gompertz import cumulative, gompertz_time
from cilib.model.schema import CAUSE, CAUSES, LAST_SPONTANEOUS, LATENT, SPONTANEOUS_TYPES
from cilib.params.assumptions import Assumptions

__all__ = [
    "CL_REFERENCE_MM",
    "TREATABLE_CAUSES",
    "cervical_log_hr",
    "rupture_cumulative",
    "rupture_time",
    "cumulative",
    "knee_cumulative",
    "knee_time",
    "gompertz_time",
    "natural_history",
    "parameters_of",
    "process_times",
    "resolve",
    "times_from_parameters",
    "treatable_parameters",
]

#: The 25 mm reference of ``h_cervical_per_week_at_25mm`` (a parametrisation, not an effect).
CL_REFERENCE_MM = 25.0
#: Reference gestations of ``h_preterm_labour_per_week_24w`` and ``h_indicated_per_week_37w``.
PRETERM_REFERENCE_WEEKS = 24.0
INDICATED_REFERENCE_WEEKS = 37.0
#: The processes a treatment can change (keys of :func:`treatable_parameters`, named as their
#: latent draws) and the cause each ends a pregnancy with.
TREATABLE_CAUSES = {
    "term": "term_labour",
    "preterm": "preterm_labour",
    "pprom": "pprom",
    "cervical": "cervical",
    "dilation": "dilation",
}


# ------------------------------------------------------------------ cumulative hazards
def knee_cumulative(s, log_h0, rate, knee_rate, s_knee, s_zero, end_rate=0.0):
    """Cumulative hazard of a log-linear hazard whose slope changes at ``s_knee`` (from
    ``rate`` to ``knee_rate``) and again at ``s_zero`` (to ``end_rate``; ``s_knee <=
    s_zero``).

    The cervix-driven hazard on a linear CL trajectory (shallow above the knee CL, steep below
    it, constant once the cervix is fully effaced: ``end_rate`` 0) and the rupture hazard
    (rising with gestation and with shortening until full effacement, with gestation only
    after: ``end_rate`` its gestational slope).
    """
    with np.errstate(over="ignore", invalid="ignore"):
        h1 = cumulative(np.minimum(s, s_knee), log_h0, rate)
        lh1 = log_h0 + rate * s_knee
        h2 = cumulative(np.clip(s - s_knee, 0.0, s_zero - s_knee), lh1, knee_rate)
        lh2 = lh1 + knee_rate * (s_zero - s_knee)
        h3 = cumulative(np.maximum(s - s_zero, 0.0), lh2, end_rate)
    return h1 + h2 + h3


def knee_time(e, log_h0, rate, knee_rate, s_knee, s_zero, end_rate=0.0):
    """Inverse of :func:`knee_cumulative`: the time at which it reaches ``e``, in closed form
    segment by segment."""
    log_h0, rate, knee_rate, s_knee, s_zero, end_rate = np.broadcast_arrays(
        *(
            np.asarray(x, dtype=np.float64)
            for x in (log_h0, rate, knee_rate, s_knee, s_zero, end_rate)
        )
    )
    e = np.asarray(e, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        c1 = cumulative(s_knee, log_h0, rate)
        if e.ndim != 1 or e.shape != log_h0.shape:  # scalars or other shapes: every segment
            lh1 = log_h0 + rate * s_knee
            c2 = c1 + cumulative(s_zero - s_knee, lh1, knee_rate)
            lh2 = lh1 + knee_rate * (s_zero - s_knee)
            first = gompertz_time(e, log_h0, rate)
            second = s_knee + gompertz_time(np.maximum(e - c1, 0.0), lh1, knee_rate)
            third = s_zero + gompertz_time(np.maximum(e - c2, 0.0), lh2, end_rate)
            return np.where(e < c1, first, np.where(e < c2, second, third))
        # one pregnancy per entry: each is solved in its own segment only, and the second
        # segment's total is found only past the first (the same values, elementwise)
        out = np.empty(len(e))
        one = e < c1
        i = np.flatnonzero(one)
        out[i] = gompertz_time(e[i], log_h0[i], rate[i])
        j = np.flatnonzero(~one)
        lh1 = log_h0[j] + rate[j] * s_knee[j]
        c2 = c1[j] + cumulative(s_zero[j] - s_knee[j], lh1, knee_rate[j])
        two = e[j] < c2
        k = j[two]
        out[k] = s_knee[k] + gompertz_time(np.maximum(e[k] - c1[k], 0.0), lh1[two], knee_rate[k])
        k, lh1, c2 = j[~two], lh1[~two], c2[~two]
        lh2 = lh1 + knee_rate[k] * (s_zero[k] - s_knee[k])
        out[k] = s_zero[k] + gompertz_time(np.maximum(e[k] - c2, 0.0), lh2, end_rate[k])
    return out


# ------------------------------------------------------------------ the processes
def cervical_log_hr(cl_mm, a: Assumptions, log_h_reference: float = 0.0) -> np.ndarray:
    """Log hazard ratio of the cervix-driven hazard at a true CL of ``cl_mm`` against
    :data:`CL_REFERENCE_MM`: ``log_hr_cervical_per_mm`` per mm, plus
    ``log_hr_cervical_per_mm_below_knee`` per mm below ``cervical_knee_mm``; constant below
    0 mm (a fully effaced cervix). Added to ``log_h_reference`` (the log hazard at the
    reference CL) first, so the cohort's log hazard is summed in one order everywhere."""
    c = np.maximum(cl_mm, 0.0)  # in the input's precision (the cohort's float32 levels)
    beta, beta2 = a["log_hr_cervical_per_mm"], a["log_hr_cervical_per_mm_below_knee"]
    return (
        log_h_reference
        + beta * (CL_REFERENCE_MM - c)
        + beta2 * np.maximum(a["cervical_knee_mm"] - c, 0.0)
    )


def treatable_parameters(
    a: Assumptions,
    *,
    cl14_mm,
    slope_mm_per_week,
    plurality,
    lp_spontaneous,
    lp_cervical,
    dilation_ga,
) -> dict:
    """Parameters of the processes a treatment can change (time measured from 14 weeks).

    Returns ``{"term": (log_h0, rate), "preterm": (log_h0, rate), "pprom": (log_h0, rate,
    knee_rate, s_knee, s_zero, end_rate, s_cap), "cervical": (log_h0, rate, knee_rate, s_knee,
    s_zero), "dilation": (s_onset,)}``: Gompertz hazards, the rupture hazard also rising with
    shortening (faster below the knee CL), with gestation alone once the cervix is fully
    effaced (``end_rate``) and zero after ``s_cap`` (term), the cervical one steeper
    after ``s_knee`` (the week after 14 at which the linear trajectory reaches
    ``cervical_knee_mm``) and constant after ``s_zero`` (0 mm), and birth by the open
    cervix from the onset of painless dilation ``dilation_ga`` (weeks, ``inf`` if none;
    :func:`cilib.model.failure.dilation_cumulative`).
    """
    t0 = a["hazard_start_weeks"]
    # term labour (median M: exp(a1) / g1 ~= ln 2 at M)
    g1 = a["term_labour_rate_per_week"]
    twin = plurality >= 2
    triplet = plurality >= 3
    m = a["term_labour_median_weeks"] + a["term_labour_shift_twin_weeks"] * (
        twin.astype(np.float32) + triplet
    )
    term_log_h0 = math.log(g1 * math.log(2.0)) + g1 * (t0 - m) + lp_spontaneous
    g2 = a["preterm_labour_slope_per_week"]
    log_h0 = math.log(a["h_preterm_labour_per_week_24w"]) + g2 * (t0 - PRETERM_REFERENCE_WEEKS)
    beta, beta2 = a["log_hr_cervical_per_mm"], a["log_hr_cervical_per_mm_below_knee"]
    knee = a["cervical_knee_mm"]
    cl14 = np.maximum(cl14_mm, 0.0)
    cervical_log_h0 = (
        cervical_log_hr(cl14, a, math.log(a["h_cervical_per_week_at_25mm"])) + lp_cervical
    )
    g3 = a["pprom_slope_per_week"]
    bp, bp2 = a["log_hr_pprom_per_mm"], a["log_hr_pprom_per_mm_below_knee"]
    pprom_log_h0 = (
        math.log(a["h_pprom_per_week_24w"])
        + g3 * (t0 - PRETERM_REFERENCE_WEEKS)
        + bp * (CL_REFERENCE_MM - cl14)
        + bp2 * np.maximum(knee - cl14, 0.0)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        s_zero = np.where(cl14 > 0, cl14 / slope_mm_per_week, 0.0)
        s_knee = np.where(cl14 > knee, (cl14 - knee) / slope_mm_per_week, 0.0)
    return {
        "term": (term_log_h0, g1),
        "preterm": (log_h0 + lp_spontaneous, g2),
        "pprom": (
            pprom_log_h0 + lp_spontaneous,
            g3 + bp * slope_mm_per_week,
            g3 + (bp + bp2) * slope_mm_per_week,
            s_knee,
            s_zero,
            g3,
            a["preterm_before_weeks"] - t0,
        ),
        "cervical": (
            cervical_log_h0,
            beta * slope_mm_per_week,
            (beta + beta2) * slope_mm_per_week,
            s_knee,
            s_zero,
        ),
        "dilation": (np.asarray(dilation_ga, dtype=np.float64) - t0,),
    }


def rupture_cumulative(s, log_h0, rate, knee_rate, s_knee, s_zero, end_rate, cap):
    """Cumulative rupture hazard: log-linear in time (``rate``: gestation plus shortening),
    steeper (``knee_rate``) while the cervix shortens below the knee CL (``s_knee`` to
    ``s_zero``), rising with gestation alone (``end_rate``) once it is fully effaced, zero
    after ``cap`` (term)."""
    capped = np.minimum(s, cap)
    return knee_cumulative(capped, log_h0, rate, knee_rate, s_knee, s_zero, end_rate)


def rupture_time(e, log_h0, rate, knee_rate, s_knee, s_zero, end_rate, cap):
    """Inverse of :func:`rupture_cumulative`: ``inf`` where ``e`` is beyond its total."""
    s = knee_time(e, log_h0, rate, knee_rate, s_knee, s_zero, end_rate)
    return np.where(s < cap, s, np.inf)


def process_times(a: Assumptions, inputs: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gestation (weeks) at which each competing process would end each pregnancy, shape
    (8, n), with the onset of painless dilation and the rupture of the membranes (weeks,
    ``inf`` if none): see :func:`times_from_parameters`.

    ``inputs`` are the hazard inputs of :func:`cilib.model.inputs.hazard_inputs`.
    """
    onset = failure.failure_onset(a, inputs["lp_failure"], inputs["e"][:, LATENT["failure"]])
    p = parameters_of(a, inputs, onset)
    times, rupture = times_from_parameters(
        a, p, plurality=inputs["plurality"], lp_indicated=inputs["lp_indicated"], e=inputs["e"]
    )
    return times, onset, rupture


def parameters_of(a: Assumptions, inputs: dict, onset) -> dict:
    """:func:`treatable_parameters` of the pregnancies with hazard ``inputs``
    (:func:`cilib.model.inputs.hazard_inputs`) and onset of painless dilation ``onset``
    (weeks)."""
    return treatable_parameters(
        a,
        cl14_mm=inputs["cl14_mm"],
        slope_mm_per_week=inputs["slope_mm_per_week"],
        plurality=inputs["plurality"],
        lp_spontaneous=inputs["lp_spontaneous"],
        lp_cervical=inputs["lp_cervical"],
        dilation_ga=onset,
    )


def times_from_parameters(
    a: Assumptions, p: dict, *, plurality, lp_indicated, e
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`process_times` from the :func:`treatable_parameters` ``p`` already computed (so
    that a caller that needs both computes them once): the times (8, n) and the rupture of
    the membranes (weeks, ``inf`` if none)."""
    t0 = a["hazard_start_weeks"]
    twin = plurality >= 2
    triplet = plurality >= 3
    # float32 throughout: ample for weeks (resolution ~1e-5 week) and twice as fast
    times = np.empty((len(CAUSES), len(e)), dtype=np.float32)
    times[CAUSE["term_labour"]] = gompertz_time(e[:, LATENT["term"]], *p["term"])
    # preterm labour, non-cervical pathways
    times[CAUSE["preterm_labour"]] = gompertz_time(e[:, LATENT["preterm"]], *p["preterm"])
    # PPROM: the rupture, then birth after a latency that depends on gestation at rupture
    rupture = t0 + rupture_time(e[:, LATENT["rupture"]], *p["pprom"])
    times[CAUSE["pprom"]] = failure.pprom_birth(a, rupture, e[:, LATENT["pprom_latency"]]) - t0
    # cervix-driven: log h = log h25 + beta * (25 - CL(t)) + beta2 * max(knee - CL(t), 0),
    # CL(t) = CL14 - slope * s >= 0; constant once the cervix is fully effaced (CL 0 mm).
    times[CAUSE["cervical"]] = knee_time(e[:, LATENT["cervical"]], *p["cervical"])
    # painless dilation: birth by the open cervix from the onset of the failure
    (onset_s,) = p["dilation"]
    times[CAUSE["dilation"]] = failure.dilation_inverse(a, e[:, LATENT["dilation"]], onset_s)
    g4 = a["indicated_slope_per_week"]
    log_h0 = math.log(a["h_indicated_per_week_37w"]) + g4 * (t0 - INDICATED_REFERENCE_WEEKS)
    times[CAUSE["indicated"]] = gompertz_time(e[:, LATENT["indicated"]], log_h0 + lp_indicated, g4)
    # sporadic mid-trimester loss: constant hazard until sporadic_loss_before_weeks, the same
    # for every pregnancy (fetal causes that do not recur), then none
    h_sporadic = a["h_sporadic_loss_per_week"]
    window = a["sporadic_loss_before_weeks"] - t0
    sporadic = CAUSE["sporadic_loss"]
    if h_sporadic > 0:
        s_sporadic = e[:, LATENT["sporadic"]] * np.float32(1.0 / h_sporadic)
        times[sporadic] = np.where(s_sporadic < window, s_sporadic, np.float32(np.inf))
    else:
        times[sporadic] = np.inf
    planned = CAUSE["planned"]
    times[:planned] += t0  # every process but the planned birth is timed from 14 weeks
    # planned birth: singletons at a week spread uniformly over the planned window (the
    # exponential draw turned into a uniform), twins and triplets at a fixed week
    lo, hi = a["planned_birth_earliest_weeks"], a["planned_birth_latest_weeks"]
    singleton_week = lo - (hi - lo) * np.expm1(-e[:, LATENT["planned"]])
    times[planned] = np.where(
        triplet,
        np.float32(a["planned_birth_triplet_weeks"]),
        np.where(twin, np.float32(a["planned_birth_twin_weeks"]), singleton_week),
    )
    return times, rupture.astype(np.float32)


#: Code of each spontaneous type (:data:`SPONTANEOUS_TYPES`); indicated births get -1.
_TYPE = {name: code for code, name in enumerate(SPONTANEOUS_TYPES)}


def resolve(a: Assumptions, times: np.ndarray, onset, rupture):
    """Earliest process wins: ``(ga_weeks, cause, spontaneous_type, dilation_ga, pprom_ga)``.

    ``times`` are those of :func:`process_times`, ``onset`` and ``rupture`` the onset of
    painless dilation and the rupture of the membranes (weeks, ``inf`` if none). A spontaneous
    preterm end is ``painless_dilation`` if the cervix failed first, ``pprom`` if the
    membranes ruptured first, ``labour`` otherwise; indicated births get -1 (a missing type).
    ``dilation_ga`` and ``pprom_ga`` (float32) are NaN unless they came before the end.
    """
    cause = np.argmin(times, axis=0).astype(np.int8)
    ga = np.take_along_axis(times, cause[None, :].astype(np.intp), axis=0)[0]
    spontaneous = cause <= LAST_SPONTANEOUS
    preterm = ga < a["preterm_before_weeks"]
    dilated = onset < np.minimum(rupture, ga)
    ruptured = rupture < np.minimum(onset, ga)
    kind = np.where(
        dilated, _TYPE["painless_dilation"], np.where(ruptured, _TYPE["pprom"], _TYPE["labour"])
    )
    stype = np.where(spontaneous, np.where(preterm, kind, _TYPE["labour"]), -1).astype(np.int8)
    nan = np.float32(np.nan)
    dilation_ga = np.where(onset < ga, onset, nan).astype(np.float32)
    pprom_ga = np.where(rupture < ga, rupture, nan).astype(np.float32)
    return ga, cause, stype, dilation_ga, pprom_ga


def natural_history(a: Assumptions, inputs: dict) -> dict[str, np.ndarray]:
    """The untreated end of each pregnancy and the events before it.

    Parameters
    ----------
    a : Assumptions
        Uses the ``hazards``, ``natural history`` and ``definitions`` records.
    inputs : dict
        Hazard inputs of each pregnancy (:func:`cilib.model.inputs.hazard_inputs`): CL
        trajectory, plurality, log hazard ratios and the latent unit-exponential draws ``e``,
        shape (n, 10), one per process (:data:`cilib.model.schema.LATENT_PROCESSES`), kept in
        the cohort so that every policy arm reuses them (common random numbers).

    Returns
    -------
    dict of ndarray
        ``ga`` (weeks, float32, gestation at birth or loss), ``cause`` (int8 index into
        :data:`cilib.model.schema.CAUSES`), ``stype`` (int8 index into
        :data:`cilib.model.schema.SPONTANEOUS_TYPES`, -1 for indicated births),
        ``dilation_ga`` and ``pprom_ga`` (weeks, float32, NaN if none before the end).
    """
    times, onset, rupture = process_times(a, inputs)
    ga, cause, stype, dilation_ga, pprom_ga = resolve(a, times, onset, rupture)
    return {
        "ga": ga,
        "cause": cause,
        "stype": stype,
        "dilation_ga": dilation_ga,
        "pprom_ga": pprom_ga,
    }
