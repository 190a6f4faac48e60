"""Cervical failure (painless dilation) and rupture of the membranes (PPROM): the two processes
that change the state of a pregnancy before they end it.

**Cervical failure.** The cervix of a pregnancy that nothing else ends first fails (opens
without contractions) with probability ``P = 1 - exp(-Lambda)``, at a gestation ``T_f`` drawn
from ``F``, a log-normal distribution of the weeks after 14 with median
``failure_median_weeks - 14`` and log-SD ``failure_log_sd``: the seeds' "usually between 16
and 20 weeks", "typically 14 to 27 weeks". ``Lambda = -log(1 - p)`` with ``p``
``p_failure_insufficiency`` for a woman with the latent weakness, ``p_failure_base``
otherwise, multiplied by ``hr_failure_laceration`` after a cervical laceration at an earlier
birth and ``hr_failure_twin`` per extra fetus (:func:`failure_log_scale`). The onset has a
closed form (:func:`failure_onset`): ``F(T_f - 14) = (1 - exp(-e)) / P``, none if that is 1
or more.

**Birth after dilation.** From the onset the open cervix ends the pregnancy with hazard
``1 / dilation_to_birth_weeks`` until its cumulative hazard reaches ``-log(p_dilation_arrest)``:
a share ``p_dilation_arrest`` of open cervices stop progressing and the pregnancy goes on until
another process ends it (the expectant arms of the physical-examination-indicated cerclage
studies: a mean latency of about 19 days, yet 17% born at 34 weeks or later;
:func:`dilation_cumulative`). A treatment multiplies this hazard (a stitch that holds).

**PPROM.** The membranes rupture before ``preterm_before_weeks`` with a Gompertz hazard
``h_pprom_per_week_24w * exp(pprom_slope_per_week * (t - 24))`` times the pregnancy's
spontaneous-birth hazard ratios (rupture at term is part of term labour). Birth follows with a
hazard that rises log-linearly with gestation (a mean latency of ``pprom_latency_at_24_weeks``
at 24 weeks, ``pprom_latency_log_change_per_week``), and delivery within
``pprom_latency_from_34_weeks`` from ``pprom_delivery_weeks`` (:func:`pprom_birth`). Clinical
chorioamnionitis follows a rupture with a probability that falls with gestation at rupture
(:func:`chorioamnionitis`).

**Symptoms** (pelvic pressure, backache, cramping, light bleeding, discharge) precede a failure
in a share ``p_symptoms_failure`` of them, by up to ``symptoms_lead_weeks``; a share
``p_symptoms_background`` of other pregnancies have such symptoms once, at a week drawn
uniformly over ``symptoms_background_weeks`` (:func:`symptoms`). Most women with a failing
cervix notice nothing, as the seeds say.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from cilib.model.gompertz import cumulative, gompertz_time
from cilib.params.assumptions import Assumptions

__all__ = [
    "chorioamnionitis",
    "dilation_cumulative",
    "dilation_inverse",
    "failure_log_scale",
    "failure_onset",
    "pprom_birth",
    "symptoms",
]

#: Reference gestation of the PPROM hazard and latency records (weeks).
PPROM_REFERENCE_WEEKS = 24.0


def failure_log_scale(a: Assumptions, *, insufficiency, laceration, plurality) -> np.ndarray:
    """``log Lambda`` per pregnancy (float32): the total cumulative hazard of cervical failure
    over a pregnancy that nothing else ends."""
    f = np.float32
    base = math.log(-math.log1p(-a["p_failure_base"]))
    weak = math.log(-math.log1p(-a["p_failure_insufficiency"]))
    return (
        np.where(insufficiency, f(weak), f(base))
        + laceration * f(math.log(a["hr_failure_laceration"]))
        + (plurality - 1) * f(math.log(a["hr_failure_twin"]))
    ).astype(f)


def failure_onset(a: Assumptions, log_scale, e) -> np.ndarray:
    """Gestation (weeks, float32) at which the cervix fails, ``inf`` if it does not.

    The pregnancy fails with probability ``p = 1 - exp(-Lambda)`` (``Lambda`` from
    :func:`failure_log_scale`) and, if it does, at a gestation drawn from the log-normal timing
    ``F``: the cumulative hazard is ``-log(1 - p F(t - 14))``, inverted in closed form from the
    unit-exponential draw ``e``.
    """
    t0 = a["hazard_start_weeks"]
    mu = math.log(a["failure_median_weeks"] - t0)
    with np.errstate(over="ignore"):
        p = -np.expm1(-np.exp(log_scale.astype(np.float64)))
    q = -np.expm1(-np.asarray(e, dtype=np.float64)) / p
    inside = q < 1.0
    onset = np.full(len(q), np.inf)
    onset[inside] = t0 + np.exp(mu + a["failure_log_sd"] * special.ndtri(q[inside]))
    return onset.astype(np.float32)


def _arrest_cap(a: Assumptions) -> float:
    return -math.log(a["p_dilation_arrest"])


def dilation_cumulative(a: Assumptions, s, onset_s):
    """Cumulative hazard of birth by the open cervix ``s`` weeks after 14 (onset ``onset_s``,
    also after 14): ``(s - onset_s) / dilation_to_birth_weeks``, capped at
    ``-log(p_dilation_arrest)``."""
    with np.errstate(invalid="ignore"):
        h = np.maximum(s - onset_s, 0.0) / a["dilation_to_birth_weeks"]
    return np.minimum(np.where(np.isnan(h), 0.0, h), _arrest_cap(a))


def dilation_inverse(a: Assumptions, y, onset_s):
    """Inverse of :func:`dilation_cumulative`: weeks after 14 at which it reaches ``y``,
    ``inf`` beyond the cap (an arrested dilation)."""
    return np.where(y < _arrest_cap(a), onset_s + a["dilation_to_birth_weeks"] * y, np.inf)


def pprom_birth(a: Assumptions, rupture, e_latency) -> np.ndarray:
    """Gestation at birth (weeks, float32) after a rupture at ``rupture`` weeks (``inf`` stays
    ``inf``), latency draw ``e_latency`` (unit exponential).

    After the rupture, birth has a hazard that depends on the current gestation ``t``:
    ``exp(-pprom_latency_log_change_per_week * (t - 24)) / pprom_latency_at_24_weeks`` under
    expectant care (a mean latency of ``pprom_latency_at_24_weeks`` at 24 weeks, longer
    earlier, shorter later), then ``1 / pprom_latency_from_34_weeks`` from
    ``pprom_delivery_weeks`` (delivery).
    A hazard in gestation, not a latency scaled by the gestation at rupture, so that a later
    rupture never brings birth earlier.
    """
    r = np.asarray(rupture, dtype=np.float64)
    e = np.asarray(e_latency, dtype=np.float64)
    if r.ndim == 1 and e.shape == r.shape:  # most membranes do not rupture: solve the others
        out = np.full(len(r), np.inf, dtype=np.float32)
        i = np.flatnonzero(np.isfinite(r))
        out[i] = _pprom_birth(a, r[i], e[i])
        return out
    return _pprom_birth(a, r, e)


def _pprom_birth(a: Assumptions, r: np.ndarray, e: np.ndarray) -> np.ndarray:
    rate = -a["pprom_latency_log_change_per_week"]
    m_delivery = a["pprom_latency_from_34_weeks"]
    finite = np.isfinite(r)
    r0 = np.where(finite, r, PPROM_REFERENCE_WEEKS)
    log_h = rate * (r0 - PPROM_REFERENCE_WEEKS) - math.log(a["pprom_latency_at_24_weeks"])
    deliver = a["pprom_delivery_weeks"]
    before = np.maximum(deliver - r0, 0.0)
    to_delivery = cumulative(before, log_h, rate)  # cumulative hazard from rupture to 34 weeks
    expectant = r0 + gompertz_time(e, log_h, rate)
    delivered = np.maximum(r0, deliver) + (e - to_delivery) * m_delivery
    birth = np.where(e < to_delivery, expectant, delivered)
    return np.where(finite, birth, np.inf).astype(np.float32)


def chorioamnionitis(a: Assumptions, rupture, u) -> np.ndarray:
    """Clinical chorioamnionitis after a rupture at ``rupture`` weeks (NaN = none), uniform
    ``u``: log-odds ``logit(p_chorioamnionitis_pprom_24w)`` plus
    ``chorioamnionitis_log_odds_per_week`` per week after 24."""
    rupture = np.asarray(rupture, dtype=np.float64)
    log_odds = float(special.logit(a["p_chorioamnionitis_pprom_24w"])) + a[
        "chorioamnionitis_log_odds_per_week"
    ] * (np.nan_to_num(rupture, nan=PPROM_REFERENCE_WEEKS) - PPROM_REFERENCE_WEEKS)
    return ~np.isnan(rupture) & (u < special.expit(log_odds))


def symptoms(a: Assumptions, dilation, end, u_any, u_when) -> np.ndarray:
    """Onset of symptoms (weeks, float32; NaN if none or after the end ``end``).

    ``dilation`` is the onset of painless dilation (NaN if none); ``u_any`` and ``u_when`` are
    uniforms deciding whether and when.
    """
    dilation = np.asarray(dilation, dtype=np.float64)
    failed = ~np.isnan(dilation)
    lo, hi = a["symptoms_background_from_weeks"], a["symptoms_background_until_weeks"]
    onset = np.where(
        failed,
        np.where(
            u_any < a["p_symptoms_failure"], dilation - a["symptoms_lead_weeks"] * u_when, np.nan
        ),
        np.where(u_any < a["p_symptoms_background"], lo + (hi - lo) * u_when, np.nan),
    )
    onset = np.where(onset < np.asarray(end, dtype=np.float64), onset, np.nan)
    return onset.astype(np.float32)
