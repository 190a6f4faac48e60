"""Women and their pregnancies, drawn from uniform and normal variates.

:func:`women` turns a block of draws into women's lasting traits (age, race/ethnicity, number of
earlier pregnancies, cervical risk factors, the latent cervical weakness and frailty);
:func:`pregnancies` turns further draws into the state of each pregnancy of those women
(plurality, smoking, infections, the cervical-length trajectory) and its natural history.
Cohorts (:mod:`cilib.model.cohort`) and histories (:mod:`cilib.model.histories`) both draw with
these two functions, so a woman's earlier pregnancies follow the same model as her index one.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from cilib.model import cervix, failure, hazards, inputs
from cilib.params.assumptions import Assumptions
from cilib.stats import count_at_or_below

__all__ = [
    "BV_RECORDS",
    "RACE_SHARE_RECORDS",
    "event_columns",
    "laceration",
    "obstetric_history",
    "pregnancies",
    "women",
]

#: Share record of each race/ethnicity group (codes 1-4); non-Hispanic White (code 0) is the
#: remainder.
RACE_SHARE_RECORDS = {
    "NH Black": "p_race_nh_black",
    "Hispanic": "p_race_hispanic",
    "NH Asian": "p_race_nh_asian",
    "Other": "p_race_other",
}
#: Bacterial vaginosis record of each race/ethnicity group, in code order.
BV_RECORDS = {
    "NH White": "p_bv_nh_white",
    "NH Black": "p_bv_nh_black",
    "Hispanic": "p_bv_hispanic",
    "NH Asian": "p_bv_nh_asian",
    "Other": "p_bv_other",
}
#: Odds ratios of the latent cervical weakness: (record, indicator of the woman's traits).
INSUFFICIENCY_OR = (
    ("or_insufficiency_lletz", lambda w: w["excision"] == 1),
    ("or_insufficiency_cold_knife", lambda w: w["excision"] == 2),
    ("or_insufficiency_trachelectomy", lambda w: w["trachelectomy"]),
    ("or_insufficiency_ctd", lambda w: w["ctd"]),
    ("or_insufficiency_mullerian", lambda w: w["mullerian"]),
    ("or_insufficiency_des", lambda w: w["des"]),
    ("or_insufficiency_dc_per_procedure", lambda w: w["dc_count"]),
    ("or_insufficiency_nh_black", lambda w: w["race"] == RACE_CODE_NH_BLACK),
)
#: Code of non-Hispanic Black in ``race`` (position in :data:`RACE_SHARE_RECORDS` plus one).
RACE_CODE_NH_BLACK = 1
#: Woman-level arrays of :func:`women` that :func:`pregnancies` reads (indexed to pregnancies).
PREGNANCY_TRAITS = (
    "race",
    "excision",
    "trachelectomy",
    "dc_count",
    "sti",
    "age",
    "insufficiency",
    "lp_race",
    "lp_woman",
    "log_frailty",
    "z_cervix",
)
#: Uniform and normal draws per woman, and per pregnancy.
WOMAN_UNIFORMS, WOMAN_NORMALS = 13, 3
PREGNANCY_UNIFORMS, PREGNANCY_NORMALS = 7, 2


def _race_codes(u: np.ndarray, a: Assumptions) -> np.ndarray:
    cuts = np.cumsum([a[p] for p in RACE_SHARE_RECORDS.values()])
    code = count_at_or_below(cuts, u) + 1  # 1..4 inside the shares
    return np.where(code > len(RACE_SHARE_RECORDS), 0, code).astype(np.int8)


def _poisson_inverse(u: np.ndarray, lam: np.ndarray, kmax: int) -> np.ndarray:
    p = np.exp(-lam)
    cdf = p.copy()
    k = np.zeros(len(u), dtype=np.int8)
    for j in range(1, kmax + 1):  # at most max_prior_pregnancies steps, vectorised over women
        k += u > cdf
        p = p * lam / j
        cdf += p
    return k


def _age(a: Assumptions, u: np.ndarray) -> np.ndarray:
    """Maternal age, years: a normal truncated to the fertility age span, by inversion."""
    lo, hi = a["age_min_years"], a["age_max_years"]
    mu, sd = a["age_mean_years"], a["age_sd_years"]
    plo, phi = float(special.ndtr((lo - mu) / sd)), float(special.ndtr((hi - mu) / sd))
    return mu + sd * special.ndtri(plo + u * (phi - plo))


def _dc_count(a: Assumptions, u: np.ndarray) -> np.ndarray:
    """Earlier mechanical dilations of the cervix (D&C, surgical termination): at least one
    with probability ``p_prior_dc``, each further one with ``p_dc_repeat`` (by inversion of
    one uniform; at most ``max_prior_dc``)."""
    count = np.zeros(len(u), dtype=np.int8)
    threshold = a["p_prior_dc"]
    for _ in range(int(a["max_prior_dc"])):  # a few steps, vectorised over women
        count += u < threshold
        threshold *= a["p_dc_repeat"]
    return count


def laceration(a: Assumptions, u: np.ndarray, after_birth: np.ndarray) -> np.ndarray:
    """Cervical laceration at an earlier birth: ``p_prior_laceration`` among pregnancies that
    follow a birth (``after_birth``), from the woman's uniform ``u``.

    A cohort's earlier pregnancies are simulated together, so they carry no laceration; the
    index pregnancy carries one after an earlier birth, and a history's pregnancies after its
    first (a stated simplification: the laceration is the woman's, not dated to one birth).
    """
    return after_birth & (u < a["p_prior_laceration"])


def women(a: Assumptions, wu: np.ndarray, wz: np.ndarray) -> dict[str, np.ndarray]:
    """Lasting traits of women from their uniform (m, 13) and normal (m, 3) draws.

    Returns the woman inputs of :mod:`cilib.model.inputs` (``race``, ``excision``,
    ``mullerian``, ``des``, ``ctd``, ``trachelectomy``, ``dc_count``, ``sti``, ``age``,
    ``insufficiency``, ``log_frailty``) plus ``n_prior`` (earlier pregnancies reaching 12
    weeks), ``z_cervix`` (the woman's share of the CL level and log shortening rate,
    correlated with her frailty by ``rho_frailty_cervix``), her log hazard ratios ``lp_race``
    and ``lp_woman``, and ``u_laceration`` (the uniform of :func:`laceration`).
    """
    f32 = np.float32
    age = _age(a, wu[:, 0])
    lo, mu = a["age_min_years"], a["age_mean_years"]
    lam = a["mean_prior_pregnancies"] * np.maximum(age - lo, 0.0) / (mu - lo)
    excised = wu[:, 3] < a["p_cervical_excision"]
    woman = {
        "race": _race_codes(wu[:, 1], a),
        "excision": np.where(
            excised, np.where(wu[:, 4] < a["p_cold_knife_given_excision"], 2, 1), 0
        ).astype(np.int8),
        "mullerian": wu[:, 5] < a["p_mullerian_anomaly"],
        "des": wu[:, 6] < a["p_des_exposure"],
        "ctd": wu[:, 7] < a["p_connective_tissue_disorder"],
        "trachelectomy": wu[:, 8] < a["p_trachelectomy"],
        "dc_count": _dc_count(a, wu[:, 10]),
        "sti": wu[:, 11] < a["p_prior_sti"],
        "age": age,
    }
    log_odds = float(special.logit(a["p_cervical_insufficiency"]))
    for record, indicator in INSUFFICIENCY_OR:
        log_odds = log_odds + indicator(woman) * f32(math.log(a[record]))
    woman["insufficiency"] = wu[:, 9] < special.expit(log_odds)
    woman["log_frailty"] = a["sd_log_frailty"] * wz[:, 0]
    woman["lp_race"], woman["lp_woman"] = inputs.woman_log_hr(a, woman)
    rho = a["rho_frailty_cervix"]
    woman["z_cervix"] = np.column_stack(
        (wz[:, 1], rho * wz[:, 0] + math.sqrt(1.0 - rho * rho) * wz[:, 2])
    )
    woman["u_laceration"] = wu[:, 12]
    woman["n_prior"] = _poisson_inverse(wu[:, 2], lam, int(a["max_prior_pregnancies"]))
    return woman


def pregnancies(
    a: Assumptions,
    woman: dict[str, np.ndarray],
    u: np.ndarray,
    z: np.ndarray,
    e: np.ndarray,
    first: np.ndarray,
) -> dict[str, np.ndarray]:
    """Simulate pregnancies (index or earlier) of the women indexed in ``woman``.

    ``woman`` holds the traits of :func:`women` indexed to one row per pregnancy and
    ``laceration`` (:func:`laceration`); ``u`` (n, 7) uniforms and ``z`` (n, 2) normals of each
    pregnancy, ``e`` its latent draws and ``first`` whether it is the woman's first pregnancy
    reaching 12 weeks. Returns the pregnancy inputs of :mod:`cilib.model.inputs`
    (``plurality``, ``smoking``, ``bv``, ``chlamydia``, ``laceration``, ``first``,
    ``cl14_mm``, ``slope_mm_per_week``), the natural history (``ga`` in weeks, float32,
    ``cause``, ``stype``, ``dilation_ga``, ``pprom_ga``; see
    :func:`cilib.model.hazards.natural_history`), ``chorioamnionitis`` and ``symptoms_ga``
    (:mod:`cilib.model.failure`).
    """
    plurality = np.where(
        u[:, 0] < a["p_triplet"], 3, np.where(u[:, 0] < a["p_triplet"] + a["p_twin"], 2, 1)
    ).astype(np.int8)
    p_bv = np.array([a[k] for k in BV_RECORDS.values()])[woman["race"]]
    level, slope = cervix.trajectory(
        a,
        z_woman=woman["z_cervix"],
        z_pregnancy=z,
        excision=woman["excision"],
        trachelectomy=woman["trachelectomy"],
        insufficiency=woman["insufficiency"],
        plurality=plurality,
    )
    pregnancy = {
        "plurality": plurality,
        "smoking": u[:, 1] < a["p_smoking"],
        "bv": u[:, 2] < p_bv,
        "chlamydia": u[:, 3] < a["p_chlamydia"],
        "laceration": woman["laceration"],
        "first": first,
        "cl14_mm": level,
        "slope_mm_per_week": slope,
    }
    x = inputs.hazard_inputs(
        a, woman, pregnancy, e, lp_race=woman["lp_race"], lp_woman=woman["lp_woman"]
    )
    pregnancy.update(hazards.natural_history(a, x))
    pregnancy["chorioamnionitis"] = failure.chorioamnionitis(a, pregnancy["pprom_ga"], u[:, 4])
    pregnancy["symptoms_ga"] = failure.symptoms(
        a, pregnancy["dilation_ga"], pregnancy["ga"], u[:, 5], u[:, 6]
    )
    return pregnancy


def event_columns(pregnancy: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Cohort columns of what happened before the end of each pregnancy (untreated), from
    :func:`pregnancies`: ``dilation_ga_weeks``, ``pprom_ga_weeks``, ``chorioamnionitis``,
    ``symptoms_ga_weeks``."""
    return {
        "dilation_ga_weeks": pregnancy["dilation_ga"],
        "pprom_ga_weeks": pregnancy["pprom_ga"],
        "chorioamnionitis": pregnancy["chorioamnionitis"],
        "symptoms_ga_weeks": pregnancy["symptoms_ga"],
    }


def obstetric_history(
    a: Assumptions,
    ga: np.ndarray,
    spontaneous: np.ndarray,
    woman: np.ndarray,
    n_women: int,
    painless: np.ndarray,
) -> dict[str, np.ndarray]:
    """A woman's obstetric history from her earlier pregnancies, as cohort columns.

    ``ga`` (weeks) and ``spontaneous`` (onset) describe the earlier pregnancies, laid out woman
    by woman; ``woman`` is the row (0 to ``n_women - 1``) of the woman each belongs to, in
    increasing order. Returns ``parity`` (births at or after ``loss_before_weeks``),
    ``prior_sptb``, ``prior_sptb_count`` (spontaneous births before ``preterm_before_weeks``),
    ``prior_sptb_ga_weeks`` (the earliest, NaN if none), ``prior_midtrimester_losses``, of
    them ``prior_midtrimester_losses_16w`` (at ``late_loss_from_weeks`` or later) and
    ``prior_painless_losses`` (``painless``: ended by painless dilation of the cervix, what a
    history of cervical insufficiency records).
    """
    loss = spontaneous & (ga < a["loss_before_weeks"])
    late_loss = loss & (ga >= a["late_loss_from_weeks"])
    painless_loss = loss & np.asarray(painless, bool)
    birth = ga >= a["loss_before_weeks"]
    sptb = spontaneous & birth & (ga < a["preterm_before_weeks"])
    n_prior = np.bincount(woman, minlength=n_women)
    n_sptb = np.bincount(woman, weights=sptb, minlength=n_women).astype(np.int8)
    earliest = np.full(n_women, np.nan)
    has = n_prior > 0
    if len(woman):
        starts = np.cumsum(n_prior) - n_prior
        mins = np.minimum.reduceat(np.where(sptb, ga, np.inf), starts[has])
        earliest[has] = np.where(np.isfinite(mins), mins, np.nan)
    return {
        "parity": np.bincount(woman, weights=birth, minlength=n_women).astype(np.int8),
        "prior_sptb": n_sptb > 0,
        "prior_sptb_count": n_sptb,
        "prior_sptb_ga_weeks": earliest.astype(np.float32),
        "prior_midtrimester_losses": np.bincount(woman, weights=loss, minlength=n_women).astype(
            np.int8
        ),
        "prior_midtrimester_losses_16w": np.bincount(
            woman, weights=late_loss, minlength=n_women
        ).astype(np.int8),
        "prior_painless_losses": np.bincount(
            woman, weights=painless_loss, minlength=n_women
        ).astype(np.int8),
    }
