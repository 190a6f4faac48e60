"""Cervix: the true cervical-length trajectory and its measurement.

Part of the assumptions registry (:mod:`cilib.params.registry`): every record has its unit,
plausible range, distribution, status and citation keys (:data:`cilib.params.references.REFERENCES`).
"""

from __future__ import annotations

from cilib.params.records import Record
from cilib.params.records import record as _r

_CX = dict(group="cervix")

CERVIX: tuple[Record, ...] = (
    _r(
        "cl_14w_mean_mm",
        42.0,
        "mm",
        38.0,
        46.0,
        bounds=(20, 60),
        distribution="normal",
        sources=("carvalho_2003", "hassan_2000"),
        status="calibrated",
        targets=(5, 8, 9, 12),
        note="Mean true CL at 14 wk (Carvalho 2003: 42.4 mm at 11-14 wk).",
        **_CX,
    ),
    _r(
        "cl_14w_lower_tail",
        0.3,
        "dimensionless",
        0.0,
        2.0,
        bounds=(0, 3),
        distribution="normal",
        sources=("iams_1996", "fonseca_2007"),
        status="calibrated",
        targets=(9, 12, 13, 107),
        note="Stretch of the lower half of the woman's share of the "
        "14-wk level (z -> sinh(tau z)/tau for z < 0): a constitutionally short cervix is a "
        "lasting trait, so it recurs in her next pregnancies and makes painless dilation recur; "
        "some such cervices are short but stable, so a short cervix in mid-pregnancy does not "
        "always progress (34% of CL <= 15 mm deliver < 34 wk).",
        **_CX,
    ),
    _r(
        "cl_14w_sd_mm",
        5.0,
        "mm",
        3.0,
        8.0,
        bounds=(0.5, 15),
        distribution="normal",
        status="calibrated",
        targets=(8, 9),
        note="Spread of true CL at 14 wk.",
        **_CX,
    ),
    _r(
        "cl_shortening_median_mm_per_week",
        0.36,
        "mm/week",
        0.2,
        0.6,
        bounds=(0, 5),
        distribution="normal",
        sources=("carvalho_2003", "parma_2002_cl_decline"),
        status="calibrated",
        targets=(8, 9, 12),
        note="Median linear shortening; Carvalho "
        "2003 term deliverers 42.7 -> 39.3 mm and all women 42.4 -> 38.6 mm over ~10.5 wk "
        "(~0.36 mm/wk).",
        **_CX,
    ),
    _r(
        "cl_shortening_log_sd",
        0.9,
        "log(mm/week)",
        0.3,
        1.6,
        bounds=(0, 3),
        distribution="normal",
        sources=("carvalho_2003", "iams_1996"),
        status="calibrated",
        targets=(9,),
        note="Log-normal spread of the shortening rate; its right tail makes "
        "the heavy lower tail of CL (preterm deliverers shorten 40.6 -> 26.7 mm).",
        **_CX,
    ),
    _r(
        "rho_frailty_cervix",
        0.5,
        "correlation",
        0.0,
        0.9,
        bounds=(-1, 1),
        distribution="normal",
        sources=("mercer_1999", "iams_1996"),
        status="calibrated",
        targets=(7, 11),
        note="Correlation between a woman's propensity to spontaneous birth "
        "and her cervix's shortening rate (inflammation ripens the cervix), so that a short "
        "cervix marks the women at risk.",
        **_CX,
    ),
    _r(
        "cl_woman_share",
        0.5,
        "fraction",
        0.2,
        0.8,
        bounds=(0, 1),
        distribution="beta",
        status="calibrated",
        targets=(107,),
        note="Share of the variance of CL at 14 wk and of the log "
        "shortening rate that a woman's pregnancies have in common; not in the dossier, fitted "
        "to the recurrence of painless dilation.",
        **_CX,
    ),
    _r(
        "rr_shortening_insufficiency",
        1.5,
        "rate ratio",
        1.0,
        10.0,
        bounds=(1, 100),
        distribution="lognormal",
        status="calibrated",
        targets=(9, 107),
        note="Latent cervical weakness multiplies the underlying shortening rate (a weak "
        "cervix is also a shorter one before it fails); the failure itself is the "
        "cervical-failure process (cilib.model.failure), not this rate. Fitted with the CL "
        "tail and the recurrence of strict cervical insufficiency.",
        **_CX,
    ),
    _r(
        "cl_twin_shift_mm",
        -3.0,
        "mm",
        -10.0,
        0.0,
        bounds=(-20, 10),
        distribution="normal",
        sources=("twin_cl_brazil_2023",),
        status="calibrated",
        targets=(102, 103),
        note="Twins: CL at 14 wk relative to singletons; fitted to the twin median 35.5 mm "
        "at 18-22+6 wk.",
        **_CX,
    ),
    _r(
        "rr_shortening_twin",
        1.6,
        "rate ratio",
        1.0,
        5.0,
        bounds=(0.1, 10),
        distribution="lognormal",
        sources=("twin_cl_brazil_2023",),
        status="calibrated",
        targets=(102, 103),
        note="Twin cervices shorten faster; fitted to the twin 10th centile 17.8 mm at 18-22+6 wk.",
        **_CX,
    ),
    _r(
        "rr_shortening_log_sd_twin",
        1.3,
        "ratio",
        1.0,
        2.5,
        bounds=(0.1, 5),
        distribution="lognormal",
        sources=("twin_cl_brazil_2023",),
        status="calibrated",
        targets=(102, 103),
        note="Twin cervices also vary more: the spread of the log "
        "shortening rate is multiplied by this (median 35.5 mm but 10th centile 17.8 mm).",
        **_CX,
    ),
    _r(
        "cl_measurement_sd_mm",
        1.26,
        "mm",
        0.9,
        1.8,
        bounds=(0, 10),
        distribution="normal",
        sources=("heath_1998_demographics",),
        status="derived",
        note="95% of repeat "
        "measurements within 3.5 mm: SD of a difference 3.5/1.96 = 1.79 mm, of one "
        "measurement 1.79/sqrt(2) = 1.26 mm.",
        group="measurement",
    ),
    _r(
        "cl_measurement_offset_mm",
        0.0,
        "mm",
        -1.0,
        1.0,
        bounds=(-15, 15),
        distribution="normal",
        sources=("smfm_2024",),
        status="assumption",
        note="Standardised transvaginal measurement (FMF/PQF protocols) is taken as unbiased.",
        group="measurement",
    ),
)
