"""Competing hazards of birth and loss: cumulative hazards, closed-form times, the earliest wins.

Competing processes start at ``hazard_start_weeks`` (14 wk); each has a Gompertz hazard
``h(t) = exp(log_h0 + rate * (t - 14))``, so the time at which its cumulative hazard
(:func:`cumulative`) reaches a unit-exponential draw has a closed form (:func:`gompertz_time`)
and the whole cohort is drawn with a handful of vector operations:

1. term labour: physiological spontaneous labour around ``term_labour_median_weeks``;
2. preterm labour/PPROM through non-cervical pathways;
3. cervix-driven spontaneous birth: ``h = h25 * exp(beta * (25 mm - CL(t)))`` with ``CL(t)`` the
   pregnancy's linear true cervical-length trajectory, so it rises as the cervix shortens; once
   the cervix is fully effaced the hazard stays at its 0-mm value (:func:`floor_cumulative`);
4. painless dilation: once the trajectory reaches 0 mm the cervix is open, and birth follows
   after an exponential latency (mean ``dilation_to_birth_weeks``, the expectant arm of the
   physical-examination-indicated cerclage trials);
5. sporadic mid-trimester loss: a constant hazard ``h_sporadic_loss_per_week`` from 14 wk until
   ``sporadic_loss_before_weeks``, the same for every pregnancy and unchanged by any risk
   factor or treatment: losses from fetal causes that do not recur, so that a loss is not
   always a sign of a lasting maternal trait (Purisch 2018: a term birth after a loss is
   reassuring);
6. medically indicated birth, plus a planned birth (elective induction or caesarean for
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

from cilib.model.schema import CAUSE, CAUSES, LAST_SPONTANEOUS, LATENT, SPONTANEOUS_TYPES
from cilib.params.assumptions import Assumptions

__all__ = [
    "CL_REFERENCE_MM",
    "TREATABLE_CAUSES",
    "cumulative",
    "floor_cumulative",
    "gompertz_floor_time",
    "gompertz_time",
    "natural_history",
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
    "cervical": "cervical",
    "dilation": "dilation",
}
#: A rate below this is treated as zero (constant hazard).
_FLAT = 1e-9


# ------------------------------------------------------------------ cumulative hazards
def cumulative(s, log_h0, rate):
    """Cumulative Gompertz hazard from 0 to ``s``: ``exp(log_h0) (exp(rate s) - 1) / rate``.

    ``s`` may be ``inf``; with ``rate`` near zero the hazard is constant (``exp(log_h0) s``).
    """
    with np.errstate(over="ignore", invalid="ignore"):
        base = np.exp(log_h0)
        safe = np.where(rate > _FLAT, rate, 1.0)
        return np.where(rate > _FLAT, base * np.expm1(rate * s) / safe, base * s)


def floor_cumulative(s, log_h0, rate, cap):
    """:func:`cumulative` of a hazard that stops rising at ``cap`` and stays constant after."""
    below = cumulative(np.minimum(s, cap), log_h0, rate)
    with np.errstate(over="ignore", invalid="ignore"):
        after = np.exp(log_h0 + rate * cap) * np.maximum(s - cap, 0.0)
    return below + np.where(s > cap, after, 0.0)


def gompertz_time(e: np.ndarray, log_h0: np.ndarray | float, rate: np.ndarray | float):
    """Time (weeks after the origin) at which a Gompertz cumulative hazard reaches ``e``.

    Solves ``exp(log_h0) * (exp(rate * s) - 1) / rate = e`` for ``s``; with ``rate`` near zero
    the hazard is constant and ``s = e * exp(-log_h0)``. Returns ``inf`` where the hazard is
    zero.
    """
    log_h0 = np.asarray(log_h0)
    if log_h0.ndim == 0:  # a Python float keeps float32 draws in float32
        x = e * math.exp(-float(log_h0))
    else:  # a new array; the steps below work in place on it
        x = np.negative(log_h0)
        np.exp(x, out=x)
        x *= e
    rate = np.asarray(rate)
    if rate.ndim == 0:
        if rate > _FLAT:
            x *= rate
            np.log1p(x, out=x)
            x /= rate
        return x
    positive = rate > _FLAT
    if positive.all():  # the usual case: in place, no temporaries
        x *= rate
        np.log1p(x, out=x)
        x /= rate
        return x
    safe = np.where(positive, rate, 1.0)
    return np.where(positive, np.log1p(x * safe) / safe, x)


def gompertz_floor_time(e, log_h0, rate, s_cap):
    """Like :func:`gompertz_time`, but the hazard stops rising at ``s_cap`` and stays constant.

    ``H(s)`` is :func:`cumulative` up to ``s_cap``, then grows linearly at the hazard reached at
    ``s_cap`` (:func:`floor_cumulative`).
    """
    log_h0 = np.asarray(log_h0)
    rate = np.asarray(rate)
    s = gompertz_time(e, log_h0, rate)
    over = s > s_cap
    if np.any(over):
        lh, r, sc = (np.broadcast_to(x, s.shape)[over] for x in (log_h0, rate, s_cap))
        h_cap = np.exp(lh + r * sc)
        s[over] = sc + (np.broadcast_to(e, s.shape)[over] - cumulative(sc, lh, r)) / h_cap
    return s


# ------------------------------------------------------------------ the processes
def treatable_parameters(
    a: Assumptions, *, cl14_mm, slope_mm_per_week, plurality, lp_spontaneous, lp_cervical
) -> dict:
    """Parameters of the processes a treatment can change (time measured from 14 weeks).

    Returns ``{"term": (log_h0, rate), "preterm": (log_h0, rate), "cervical": (log_h0, rate,
    s_zero), "dilation": (s_zero, latency_weeks)}``: Gompertz hazards, the cervical one
    constant after ``s_zero`` (the week after 14 at which the cervix is fully effaced), and
    painless dilation at ``s_zero`` plus an exponential latency.
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
    beta = a["log_hr_cervical_per_mm"]
    cervical_log_h0 = (
        math.log(a["h_cervical_per_week_at_25mm"])
        + beta * (CL_REFERENCE_MM - np.maximum(cl14_mm, 0.0))
        + lp_cervical
    )
    with np.errstate(divide="ignore"):
        s_zero = np.where(cl14_mm > 0, cl14_mm / slope_mm_per_week, 0.0)
    return {
        "term": (term_log_h0, g1),
        "preterm": (log_h0 + lp_spontaneous, g2),
        "cervical": (cervical_log_h0, beta * slope_mm_per_week, s_zero),
        "dilation": (s_zero, a["dilation_to_birth_weeks"]),
    }


def process_times(a: Assumptions, inputs: dict) -> np.ndarray:
    """Gestation (weeks) at which each competing process would end each pregnancy, (7, n).

    ``inputs`` are the hazard inputs of :func:`cilib.model.inputs.hazard_inputs`.
    """
    p = treatable_parameters(
        a,
        cl14_mm=inputs["cl14_mm"],
        slope_mm_per_week=inputs["slope_mm_per_week"],
        plurality=inputs["plurality"],
        lp_spontaneous=inputs["lp_spontaneous"],
        lp_cervical=inputs["lp_cervical"],
    )
    return times_from_parameters(
        a, p, plurality=inputs["plurality"], lp_indicated=inputs["lp_indicated"], e=inputs["e"]
    )


def times_from_parameters(a: Assumptions, p: dict, *, plurality, lp_indicated, e) -> np.ndarray:
    """:func:`process_times` from the :func:`treatable_parameters` ``p`` already computed (so
    that a caller that needs both computes them once)."""
    t0 = a["hazard_start_weeks"]
    twin = plurality >= 2
    triplet = plurality >= 3
    # float32 throughout: ample for weeks (resolution ~1e-5 week) and twice as fast
    times = np.empty((len(CAUSES), len(e)), dtype=np.float32)
    times[CAUSE["term_labour"]] = gompertz_time(e[:, LATENT["term"]], *p["term"])
    # preterm labour / PPROM, non-cervical pathways
    times[CAUSE["preterm_labour"]] = gompertz_time(e[:, LATENT["preterm"]], *p["preterm"])
    # cervix-driven: log h = log h25 + beta * (25 - CL(t)), CL(t) = CL14 - slope * s >= 0;
    # once the cervix is fully effaced (CL 0 mm) the hazard stays at its 0-mm value.
    times[CAUSE["cervical"]] = gompertz_floor_time(e[:, LATENT["cervical"]], *p["cervical"])
    # painless dilation: the cervix is open from the week the trajectory reaches 0 mm
    s_zero, latency = p["dilation"]
    times[CAUSE["dilation"]] = s_zero + latency * e[:, LATENT["dilation"]]
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
    return times


#: Code of each spontaneous type (:data:`SPONTANEOUS_TYPES`); indicated births get -1.
_TYPE = {name: code for code, name in enumerate(SPONTANEOUS_TYPES)}


def resolve(a: Assumptions, times: np.ndarray, u_type: np.ndarray):
    """Earliest process wins: ``(ga_weeks, cause, spontaneous_type)`` from :func:`process_times`.

    A spontaneous preterm end by painless dilation is ``painless_dilation``; another
    spontaneous preterm end is PPROM with probability ``p_pprom_given_spontaneous`` (uniform
    ``u_type``), labour otherwise; indicated births get -1 (a missing type).
    """
    cause = np.argmin(times, axis=0).astype(np.int8)
    ga = np.take_along_axis(times, cause[None, :].astype(np.intp), axis=0)[0]
    spontaneous = cause <= LAST_SPONTANEOUS
    preterm = ga < a["preterm_before_weeks"]
    pprom = np.where(preterm & (u_type < a["p_pprom_given_spontaneous"]), _TYPE["pprom"], 0)
    stype = np.where(
        spontaneous,
        np.where((cause == CAUSE["dilation"]) & preterm, _TYPE["painless_dilation"], pprom),
        -1,
    ).astype(np.int8)
    return ga, cause, stype


def natural_history(a: Assumptions, inputs: dict, u_type: np.ndarray):
    """Gestation at birth (weeks, float32), its cause and spontaneous type, without treatment.

    Parameters
    ----------
    a : Assumptions
        Uses the ``hazards`` and ``definitions`` records.
    inputs : dict
        Hazard inputs of each pregnancy (:func:`cilib.model.inputs.hazard_inputs`): CL
        trajectory, plurality, log hazard ratios and the latent unit-exponential draws ``e``,
        shape (n, 7), one per process (:data:`cilib.model.schema.LATENT_PROCESSES`), kept in
        the cohort so that every policy arm reuses them (common random numbers).
    u_type : ndarray
        Uniform draw choosing labour or PPROM for spontaneous preterm births.

    Returns
    -------
    ga_weeks : ndarray of float32
        Gestation at birth or loss, weeks.
    cause : ndarray of int8
        Index into :data:`cilib.model.schema.CAUSES`.
    spontaneous_type : ndarray of int8
        Index into :data:`cilib.model.schema.SPONTANEOUS_TYPES`, -1 for indicated births.
    """
    return resolve(a, process_times(a, inputs), u_type)
