"""Synthetic pregnancy cohorts: women, their earlier pregnancies, and the index pregnancy.

One row per index pregnancy ongoing at 12 weeks. A woman's obstetric history comes from
simulating her earlier pregnancies with the same model (same woman-level frailty and cervix),
so that the prevalence of a prior sPTB and the recurrence of sPTB agree by construction.

Generation is vectorised and works in fixed-size blocks; block ``b`` draws from streams spawned
from ``SeedSequence(seed, spawn_key=(0, b))`` and every stream is filled row by row, so a cohort
of ``k`` rows equals the first ``k`` rows of a larger cohort with the same seed.
"""

from __future__ import annotations

import math
import numbers
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
from scipy import special

from cilib import cervix, outcomes
from cilib.assumptions import Assumptions
from cilib.schema import (
    ONSET_CATEGORIES,
    RACE_CATEGORIES,
    check_frame,
    make_frame,
)

BLOCK_SIZE = 65_536
STREAM_COHORT = 0  # top-level spawn key of the cohort stage
MAX_N = 50_000_000
_RACE_P = ("p_race_nh_black", "p_race_hispanic", "p_race_nh_asian", "p_race_other")
_BV = ("p_bv_nh_white", "p_bv_nh_black", "p_bv_hispanic", "p_bv_nh_asian", "p_bv_other")


def _streams(seed: int, block: int, k: int) -> list[np.random.Generator]:
    ss = np.random.SeedSequence(seed, spawn_key=(STREAM_COHORT, block))
    return [np.random.Generator(np.random.PCG64(c)) for c in ss.spawn(k)]


def _race_codes(u: np.ndarray, a: Assumptions) -> np.ndarray:
    # order of RACE_CATEGORIES: NH White (remainder), NH Black, Hispanic, NH Asian, Other
    cuts = np.cumsum([a[p] for p in _RACE_P])
    code = np.searchsorted(cuts, u, side="right") + 1  # 1..4 inside the shares
    return np.where(code > len(_RACE_P), 0, code).astype(np.int8)


def _poisson_inverse(u: np.ndarray, lam: np.ndarray, kmax: int) -> np.ndarray:
    p = np.exp(-lam)
    cdf = p.copy()
    k = np.zeros(len(u), dtype=np.int8)
    for j in range(1, kmax + 1):
        k += u > cdf
        p = p * lam / j
        cdf += p
    return k


def _pregnancies(a, woman, u, z, e, first) -> dict[str, np.ndarray]:
    """Simulate pregnancies (index or earlier) of the women indexed in ``woman``.

    ``first`` marks each woman's first pregnancy reaching 12 weeks.
    """
    plurality = np.where(
        u[:, 0] < a["p_triplet"], 3, np.where(u[:, 0] < a["p_triplet"] + a["p_twin"], 2, 1)
    ).astype(np.int8)
    race = woman["race"]
    p_bv = np.array([a[k] for k in _BV])[race]
    smoking = u[:, 1] < a["p_smoking"]
    bv = u[:, 2] < p_bv
    chlamydia = u[:, 3] < a["p_chlamydia"]
    level, slope = cervix.trajectory(
        a,
        z_woman=woman["z_cervix"],
        z_pregnancy=z,
        excision=woman["excision"],
        trachelectomy=woman["trachelectomy"],
        insufficiency=woman["insufficiency"],
        plurality=plurality,
    )
    lp_spont, lp_cervical, lp_ind = outcomes.pregnancy_log_hr(
        a,
        lp_race=woman["lp_race"],
        lp_woman=woman["lp_woman"],
        plurality=plurality,
        smoking=smoking,
        bv=bv,
        chlamydia=chlamydia,
        first=first,
        log_frailty=woman["log_frailty"],
    )
    ga, cause, stype = outcomes.natural_history(
        a,
        cl14_mm=level,
        slope_mm_per_week=slope,
        plurality=plurality,
        lp_spontaneous=lp_spont,
        lp_cervical=lp_cervical,
        lp_indicated=lp_ind,
        e=e,
        u_type=u[:, 4],
    )
    return dict(
        plurality=plurality,
        smoking=smoking,
        bv=bv,
        chlamydia=chlamydia,
        cl14=level,
        slope=slope,
        ga=ga,
        cause=cause,
        stype=stype,
    )


#: Woman-level arrays that :func:`_pregnancies` reads.
_PREGNANCY_INPUTS = (
    "race",
    "excision",
    "trachelectomy",
    "insufficiency",
    "lp_race",
    "lp_woman",
    "log_frailty",
    "z_cervix",
)


def _women(a: Assumptions, wu: np.ndarray, wz: np.ndarray) -> dict[str, np.ndarray]:
    """Lasting traits of women from their uniform (m, 10) and normal (m, 3) draws."""
    f32 = np.float32
    lo, hi = a["age_min_years"], a["age_max_years"]
    mu, sd = a["age_mean_years"], a["age_sd_years"]
    plo, phi = float(special.ndtr((lo - mu) / sd)), float(special.ndtr((hi - mu) / sd))
    age = mu + sd * special.ndtri(plo + wu[:, 0] * (phi - plo))
    race = _race_codes(wu[:, 1], a)
    lam = a["mean_prior_pregnancies"] * np.maximum(age - lo, 0.0) / (mu - lo)
    n_prior = _poisson_inverse(wu[:, 2], lam, int(a["max_prior_pregnancies"]))
    excised = wu[:, 3] < a["p_cervical_excision"]
    excision = np.where(
        excised, np.where(wu[:, 4] < a["p_cold_knife_given_excision"], 2, 1), 0
    ).astype(np.int8)
    mullerian = wu[:, 5] < a["p_mullerian_anomaly"]
    des = wu[:, 6] < a["p_des_exposure"]
    ctd = wu[:, 7] < a["p_connective_tissue_disorder"]
    trach = wu[:, 8] < a["p_trachelectomy"]
    p0 = a["p_cervical_insufficiency"]
    log_odds = (
        float(special.logit(p0))
        + (excision == 1) * f32(math.log(a["or_insufficiency_lletz"]))
        + (excision == 2) * f32(math.log(a["or_insufficiency_cold_knife"]))
        + trach * f32(math.log(a["or_insufficiency_trachelectomy"]))
        + ctd * f32(math.log(a["or_insufficiency_ctd"]))
        + mullerian * f32(math.log(a["or_insufficiency_mullerian"]))
    )
    insufficiency = wu[:, 9] < special.expit(log_odds)
    log_frailty = a["sd_log_frailty"] * wz[:, 0]
    lp_race, lp_woman = outcomes.woman_log_hr(
        a,
        race=race,
        log_frailty=log_frailty,
        excision=excision,
        mullerian=mullerian,
        des=des,
        ctd=ctd,
    )
    rho = a["rho_frailty_cervix"]
    z_cervix = np.column_stack((wz[:, 1], rho * wz[:, 0] + math.sqrt(1.0 - rho * rho) * wz[:, 2]))
    return dict(
        age=age,
        n_prior=n_prior,
        mullerian=mullerian,
        des=des,
        ctd=ctd,
        log_frailty=log_frailty,
        race=race,
        excision=excision,
        trachelectomy=trach,
        insufficiency=insufficiency,
        lp_race=lp_race,
        lp_woman=lp_woman,
        z_cervix=z_cervix,
    )


def _block(a: Assumptions, seed: int, block: int, m: int) -> dict[str, np.ndarray]:
    g = _streams(seed, block, 8)
    f32 = np.float32  # latent draws in single precision: ample, and half the work
    wu = g[0].random((m, 10), dtype=f32)
    wz = g[1].standard_normal((m, 3), dtype=f32)
    woman = _women(a, wu, wz)
    age, n_prior, race = woman["age"], woman["n_prior"], woman["race"]
    excision, mullerian, des = woman["excision"], woman["mullerian"], woman["des"]
    ctd, trach, insufficiency = woman["ctd"], woman["trachelectomy"], woman["insufficiency"]
    log_frailty = woman["log_frailty"]
    # --- earlier pregnancies, laid out woman by woman (prefix-stable)
    widx = np.repeat(np.arange(m), n_prior)
    k = len(widx)
    starts = np.cumsum(n_prior) - n_prior
    first_prior = np.zeros(k, dtype=bool)
    first_prior[starts[n_prior > 0]] = True
    hist = _pregnancies(
        a,
        {key: woman[key][widx] for key in _PREGNANCY_INPUTS},
        g[2].random((k, 5), dtype=f32),
        g[3].standard_normal((k, 2), dtype=f32),
        g[4].standard_exponential((k, len(outcomes.LATENT_PROCESSES)), dtype=f32),
        first_prior,
    )
    spont = hist["cause"] <= outcomes.LAST_SPONTANEOUS
    loss = spont & (hist["ga"] < a["loss_before_weeks"])
    birth = hist["ga"] >= a["loss_before_weeks"]
    sptb = spont & birth & (hist["ga"] < a["preterm_before_weeks"])
    parity = np.bincount(widx, weights=birth, minlength=m).astype(np.int8)
    losses = np.bincount(widx, weights=loss, minlength=m).astype(np.int8)
    n_sptb = np.bincount(widx, weights=sptb, minlength=m).astype(np.int8)
    earliest = np.full(m, np.nan)
    has = n_prior > 0
    if k:
        mins = np.minimum.reduceat(np.where(sptb, hist["ga"], np.inf), starts[has])
        earliest[has] = np.where(np.isfinite(mins), mins, np.nan)
    # --- the index pregnancy
    e = g[7].standard_exponential((m, len(outcomes.LATENT_PROCESSES)), dtype=f32)
    idx = _pregnancies(
        a,
        woman,
        g[5].random((m, 5), dtype=f32),
        g[6].standard_normal((m, 2), dtype=f32),
        e,
        n_prior == 0,
    )
    return dict(
        age_years=age.astype(np.float32),
        race_ethnicity=race,
        n_prior_pregnancies=n_prior,
        parity=parity,
        prior_sptb=n_sptb > 0,
        prior_sptb_count=n_sptb,
        prior_sptb_ga_weeks=earliest.astype(np.float32),
        prior_midtrimester_losses=losses,
        prior_cerclage=np.zeros(m, dtype=bool),
        cervical_excision=excision,
        mullerian_anomaly=mullerian,
        des_exposure=des,
        connective_tissue_disorder=ctd,
        trachelectomy=trach,
        cervical_insufficiency=insufficiency,
        plurality=idx["plurality"] - 1,
        smoking=idx["smoking"],
        bacterial_vaginosis=idx["bv"],
        chlamydia=idx["chlamydia"],
        cl_14w_mm=idx["cl14"].astype(np.float32),
        cl_slope_mm_per_week=idx["slope"].astype(np.float32),
        log_frailty=log_frailty.astype(np.float32),
        ga_birth_weeks=idx["ga"].astype(np.float64),
        onset=(idx["cause"] > outcomes.LAST_SPONTANEOUS).astype(np.int8),
        spontaneous_type=idx["stype"],
        end_cause=idx["cause"],
        latent_e=e.astype(np.float32),
    )


def _check_args(n, seed, assumptions) -> Assumptions:
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"n: got {n!r}; allowed: an integer number of pregnancies, 1 to {MAX_N:,}")
    if not 1 <= n <= MAX_N:
        raise ValueError(f"n: got {n!r}; allowed: an integer number of pregnancies, 1 to {MAX_N:,}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed: got {seed!r}; allowed: a non-negative integer")
    if seed < 0:
        raise ValueError(f"seed: got {seed!r}; allowed: a non-negative integer")
    if assumptions is None:
        return Assumptions.default()
    if not isinstance(assumptions, Assumptions):
        raise TypeError(
            f"assumptions: got {type(assumptions).__name__}; allowed: a cilib.Assumptions "
            "(for example cilib.Assumptions.scenario('iams_1996'))"
        )
    return assumptions


def generate_cohort(n: int, seed: int, assumptions: Assumptions | None = None) -> pd.DataFrame:
    """Generate a synthetic cohort of pregnancies ongoing at 12 weeks.

    Synthetic data for teaching and research only; not for clinical use.

    Parameters
    ----------
    n : int
        Number of index pregnancies (rows), 1 to 50,000,000.
    seed : int
        Non-negative seed; the same seed gives an identical frame, and the first ``k`` rows of
        a cohort of ``n`` equal a cohort of ``k``.
    assumptions : Assumptions, optional
        Defaults to ``Assumptions.default()`` (the ``us_contemporary`` scenario).

    Returns
    -------
    DataFrame
        One row per index pregnancy with the columns of :func:`cilib.data_dictionary`
        (woman traits, obstetric history, risk factors, latent cervix and hazard draws,
        ``ga_birth_weeks`` and ``onset``). ``attrs`` holds the scenario, seed and assumptions
        hash.

    Examples
    --------
    >>> import cilib
    >>> c = cilib.generate_cohort(2000, seed=1)
    >>> len(c), c["pregnancy_id"].is_unique
    (2000, True)
    """
    a = _check_args(n, seed, assumptions)
    n, seed = int(n), int(seed)
    n_blocks = -(-n // BLOCK_SIZE)
    # a one-row block tells the dtypes and shapes of the columns (cheap), so every block can
    # write straight into the output arrays
    probe = _block(a, seed, 0, 1)
    cols = {k: np.empty((n, *v.shape[1:]), dtype=v.dtype) for k, v in probe.items()}

    def block(b: int) -> None:
        lo = b * BLOCK_SIZE
        hi = min(lo + BLOCK_SIZE, n)
        for k, v in _block(a, seed, b, hi - lo).items():
            cols[k][lo:hi] = v

    workers = min(n_blocks, os.cpu_count() or 1)
    if workers > 1:
        # Blocks have their own streams, so running them on threads (numpy releases the GIL
        # in its array work) changes nothing in the result, only the time it takes.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(block, range(n_blocks)))
    else:
        for b in range(n_blocks):
            block(b)
    frame = make_frame(cols, n, a["loss_before_weeks"])
    frame.attrs.update(
        scenario=a.scenario_name,
        seed=seed,
        n=n,
        assumptions_hash=a.hash(),
        overrides={name: a[name] for name in a.overridden},
        synthetic=True,
    )
    return frame


__all__ = ["generate_cohort", "check_frame", "RACE_CATEGORIES", "ONSET_CATEGORIES"]
