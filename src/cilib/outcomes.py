"""Natural history without treatment: gestation at birth and onset from competing hazards.

Competing processes start at ``hazard_start_weeks`` (14 wk); each has a Gompertz hazard
``h(t) = exp(log_h0 + rate * (t - 14))`` so the time at which its cumulative hazard reaches a
unit-exponential draw has a closed form (:func:`gompertz_time`) and the whole cohort is drawn
with a handful of vector operations:

1. term labour: physiological spontaneous labour around ``term_labour_median_weeks``;
2. preterm labour/PPROM through non-cervical pathways;
3. cervix-driven spontaneous birth: ``h = h25 * exp(beta * (25 mm - CL(t)))`` with ``CL(t)`` the
   pregnancy's linear true cervical-length trajectory, so it rises as the cervix shortens;
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

The risk factors multiply the hazards of term labour, preterm labour and cervix-driven birth (a
hazard ratio of spontaneous birth), so that they also bring term labour earlier; the woman's
frailty enters the cervix-driven hazard only in part (``frailty_cervical_share`` of its log), as
her cervical length already reflects some of it. The earliest
time wins. A spontaneous end before ``loss_before_weeks`` is a mid-trimester loss.
"""

from __future__ import annotations

import math

import numpy as np

from cilib.assumptions import Assumptions

# Causes of the end of pregnancy (codes stored in the cohort as ``end_cause``).
CAUSES = (
    "term_labour",
    "preterm_labour",
    "cervical",
    "dilation",
    "sporadic_loss",
    "indicated",
    "planned",
)
TERM, PRETERM, CERVICAL, DILATION, SPORADIC, INDICATED, PLANNED = range(7)
#: Causes up to this code are spontaneous ends (onset ``spontaneous``); the rest are indicated.
LAST_SPONTANEOUS = SPORADIC
#: Latent unit-exponential draws per pregnancy, one per random process (column order of ``e``).
LATENT_PROCESSES = ("term", "preterm", "cervical", "dilation", "indicated", "planned", "sporadic")
#: Spontaneous onset subtypes (``spontaneous_type``); indicated births have a missing value.
SPONTANEOUS_TYPES = ("labour", "pprom", "painless_dilation")
#: The 25 mm reference of ``h_cervical_per_week_at_25mm`` (a parametrisation, not an effect).
CL_REFERENCE_MM = 25.0
PRETERM_REFERENCE_WEEKS = 24.0
INDICATED_REFERENCE_WEEKS = 37.0


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
        if rate > 1e-9:
            x *= rate
            np.log1p(x, out=x)
            x /= rate
        return x
    positive = rate > 1e-9
    if positive.all():  # the usual case: in place, no temporaries
        x *= rate
        np.log1p(x, out=x)
        x /= rate
        return x
    safe = np.where(positive, rate, 1.0)
    return np.where(positive, np.log1p(x * safe) / safe, x)


def gompertz_floor_time(e, log_h0, rate, s_cap):
    """Like :func:`gompertz_time`, but the hazard stops rising at ``s_cap`` and stays constant.

    ``H(s) = exp(log_h0) (exp(rate s) - 1) / rate`` up to ``s_cap``, then grows linearly at the
    hazard reached at ``s_cap``.
    """
    log_h0 = np.asarray(log_h0)
    rate = np.asarray(rate)
    s = gompertz_time(e, log_h0, rate)
    over = s > s_cap
    if np.any(over):
        lh, r, sc = (np.broadcast_to(x, s.shape)[over] for x in (log_h0, rate, s_cap))
        safe = np.where(r > 1e-9, r, 1.0)
        h_cap = np.exp(lh + r * sc)
        h_at_cap = np.where(r > 1e-9, np.exp(lh) * np.expm1(r * sc) / safe, np.exp(lh) * sc)
        s[over] = sc + (np.broadcast_to(e, s.shape)[over] - h_at_cap) / h_cap
    return s


_RACE_HR = ("hr_ptb_nh_black", "hr_ptb_hispanic", "hr_ptb_nh_asian", "hr_ptb_other")


def woman_log_hr(
    a: Assumptions,
    *,
    race: np.ndarray,
    log_frailty: np.ndarray,
    excision: np.ndarray,
    mullerian: np.ndarray,
    des: np.ndarray,
    ctd: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Woman-level log hazard ratios: (race only, all lasting traits) as float32.

    ``race`` holds codes in the order of :data:`cilib.schema.RACE_CATEGORIES`; ``excision`` 0
    none, 1 LLETZ, 2 cold-knife cone. The same function serves the cohort generator and
    :func:`cilib.simulate`, so both compute bit-identical hazards.
    """
    f = np.float32
    lp_race = np.log(np.array([1.0] + [a[k] for k in _RACE_HR], dtype=f))[race]
    lp_woman = (
        lp_race
        + math.log(a["hr_sptb_population"])
        + log_frailty
        + (excision > 0) * f(math.log(a["hr_sptb_excision"]))
        + mullerian * f(math.log(a["hr_sptb_mullerian"]))
        + des * f(math.log(a["hr_sptb_des"]))
        + ctd * f(math.log(a["hr_sptb_ctd"]))
    )
    return lp_race, lp_woman


def pregnancy_log_hr(
    a: Assumptions,
    *,
    lp_race: np.ndarray,
    lp_woman: np.ndarray,
    plurality: np.ndarray,
    smoking: np.ndarray,
    bv: np.ndarray,
    chlamydia: np.ndarray,
    first: np.ndarray,
    log_frailty: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Log hazard ratios of one pregnancy, float32: (labour processes, cervix-driven, indicated).

    ``plurality`` is 1, 2 or 3; ``first`` marks a woman's first pregnancy reaching 12 weeks.
    The cervix-driven hazard takes the share ``frailty_cervical_share`` of the woman's log
    frailty (her other traits in full): how much of her propensity acts through the cervix
    beyond what her cervical length already shows.
    """
    f = np.float32
    lp_spont = (
        lp_woman
        + (plurality == 2) * f(math.log(a["hr_sptb_twin"]))
        + (plurality == 3) * f(math.log(a["hr_sptb_triplet"]))
        + smoking * f(math.log(a["hr_sptb_smoking"]))
        + bv * f(math.log(a["hr_sptb_bv"]))
        + chlamydia * f(math.log(a["hr_sptb_chlamydia"]))
        + first * f(math.log(a["hr_sptb_first_pregnancy"]))
    )
    lp_ind = lp_race + (plurality - 1) * f(math.log(a["hr_indicated_twin"]))
    lp_cervical = lp_spont + log_frailty * f(a["frailty_cervical_share"] - 1.0)
    return lp_spont, lp_cervical, lp_ind


def natural_history(
    a: Assumptions,
    *,
    cl14_mm: np.ndarray,
    slope_mm_per_week: np.ndarray,
    plurality: np.ndarray,
    lp_spontaneous: np.ndarray,
    lp_cervical: np.ndarray,
    lp_indicated: np.ndarray,
    e: np.ndarray,
    u_type: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Draw gestation at birth (weeks) and its cause for each pregnancy, without treatment.

    Parameters
    ----------
    a : Assumptions
        Uses the ``hazards`` and ``definitions`` records.
    cl14_mm, slope_mm_per_week : ndarray
        True CL at 14 wk (mm) and its linear shortening rate (mm/week).
    plurality : ndarray of int
        1, 2 or 3 fetuses.
    lp_spontaneous, lp_cervical, lp_indicated : ndarray
        Log hazard ratios of labour (term and preterm), of the cervix-driven process and of
        indicated birth (:func:`pregnancy_log_hr`).
    e : ndarray, shape (n, 7)
        Unit-exponential latent draws, one per process (:data:`LATENT_PROCESSES`);
        kept in the cohort so that every policy arm reuses them (common random numbers).
    u_type : ndarray
        Uniform draw choosing labour or PPROM for spontaneous preterm births.

    Returns
    -------
    ga_weeks : ndarray of float32
        Gestation at birth or loss, weeks.
    cause : ndarray of int8
        Index into :data:`CAUSES`.
    spontaneous_type : ndarray of int8
        Index into :data:`SPONTANEOUS_TYPES`, -1 for indicated births.
    """
    times = process_times(
        a,
        cl14_mm=cl14_mm,
        slope_mm_per_week=slope_mm_per_week,
        plurality=plurality,
        lp_spontaneous=lp_spontaneous,
        lp_cervical=lp_cervical,
        lp_indicated=lp_indicated,
        e=e,
    )
    return resolve(a, times, u_type)


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


def process_times(
    a: Assumptions,
    *,
    cl14_mm,
    slope_mm_per_week,
    plurality,
    lp_spontaneous,
    lp_cervical,
    lp_indicated,
    e,
) -> np.ndarray:
    """Gestation (weeks) at which each competing process would end the pregnancy, (7, n)."""
    p = treatable_parameters(
        a,
        cl14_mm=cl14_mm,
        slope_mm_per_week=slope_mm_per_week,
        plurality=plurality,
        lp_spontaneous=lp_spontaneous,
        lp_cervical=lp_cervical,
    )
    return times_from_parameters(a, p, plurality=plurality, lp_indicated=lp_indicated, e=e)


def times_from_parameters(a: Assumptions, p: dict, *, plurality, lp_indicated, e) -> np.ndarray:
    """:func:`process_times` from the :func:`treatable_parameters` ``p`` already computed (so
    that a caller that needs both computes them once)."""
    t0 = a["hazard_start_weeks"]
    twin = plurality >= 2
    triplet = plurality >= 3
    # float32 throughout: ample for weeks (resolution ~1e-5 week) and twice as fast
    times = np.empty((len(CAUSES), len(e)), dtype=np.float32)
    # 1. term labour
    times[TERM] = gompertz_time(e[:, 0], *p["term"])
    # 2. preterm labour / PPROM, non-cervical pathways
    times[PRETERM] = gompertz_time(e[:, 1], *p["preterm"])
    # 3. cervix-driven: log h = log h25 + beta * (25 - CL(t)), CL(t) = CL14 - slope * s >= 0;
    #    once the cervix is fully effaced (CL 0 mm) the hazard stays at its 0-mm value.
    times[CERVICAL] = gompertz_floor_time(e[:, 2], *p["cervical"])
    # 4. painless dilation: the cervix is open from the week the trajectory reaches 0 mm
    s_zero, latency = p["dilation"]
    times[DILATION] = s_zero + latency * e[:, 3]
    # 5. indicated
    g4 = a["indicated_slope_per_week"]
    log_h0 = math.log(a["h_indicated_per_week_37w"]) + g4 * (t0 - INDICATED_REFERENCE_WEEKS)
    times[INDICATED] = gompertz_time(e[:, 4], log_h0 + lp_indicated, g4)
    # 6. sporadic mid-trimester loss: constant hazard until sporadic_loss_before_weeks, the same
    #    for every pregnancy (fetal causes that do not recur), then none
    h_sporadic = a["h_sporadic_loss_per_week"]
    window = a["sporadic_loss_before_weeks"] - t0
    if h_sporadic > 0:
        s_sporadic = e[:, 6] * np.float32(1.0 / h_sporadic)
        times[SPORADIC] = np.where(s_sporadic < window, s_sporadic, np.float32(np.inf))
    else:
        times[SPORADIC] = np.inf
    times[:PLANNED] += t0
    # planned birth: singletons at a week spread uniformly over the planned window (the
    # exponential draw turned into a uniform), twins and triplets at a fixed week
    lo, hi = a["planned_birth_earliest_weeks"], a["planned_birth_latest_weeks"]
    singleton_week = lo - (hi - lo) * np.expm1(-e[:, 5])
    times[PLANNED] = np.where(
        triplet,
        np.float32(a["planned_birth_triplet_weeks"]),
        np.where(twin, np.float32(a["planned_birth_twin_weeks"]), singleton_week),
    )
    return times


def resolve(a: Assumptions, times: np.ndarray, u_type: np.ndarray):
    """Earliest process wins: (ga_weeks, cause, spontaneous_type) from :func:`process_times`."""
    cause = np.argmin(times, axis=0).astype(np.int8)
    ga = np.take_along_axis(times, cause[None, :].astype(np.intp), axis=0)[0]
    spontaneous = cause <= LAST_SPONTANEOUS
    preterm = ga < a["preterm_before_weeks"]
    stype = np.where(
        spontaneous,
        np.where(
            (cause == DILATION) & preterm,
            2,
            np.where(preterm & (u_type < a["p_pprom_given_spontaneous"]), 1, 0),
        ),
        -1,
    ).astype(np.int8)
    return ga, cause, stype
