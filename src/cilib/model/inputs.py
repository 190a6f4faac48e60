"""The hazard-input map: how a woman's traits and her pregnancy's state become hazard inputs.

This module is the one place that says which risk factor multiplies which hazard, and which
cohort column holds it. Cohort generation and histories (:mod:`cilib.model.population`) build
the inputs from freshly drawn arrays; :func:`cilib.simulate` rebuilds them from a cohort's
columns with :func:`from_frame`; both go through :func:`log_hazard_ratios`, so they compute
bit-identical hazards. A new risk factor is one row of :data:`COLUMNS` and one row of
:data:`WOMAN_HR` or :data:`PREGNANCY_HR` (its prevalence is drawn in
:mod:`cilib.model.population`).

The inputs are plain dicts of numpy arrays keyed by input name:

- woman traits: ``race`` (codes of :data:`cilib.model.schema.RACE_CATEGORIES`), ``excision``
  (0 none, 1 LLETZ, 2 cold-knife cone), ``mullerian``, ``des``, ``ctd``, ``trachelectomy``,
  ``insufficiency`` (bool), ``log_frailty`` (float32);
- pregnancy state: ``plurality`` (1-3), ``smoking``, ``bv``, ``chlamydia`` (bool), ``first``
  (her first pregnancy reaching 12 weeks), ``cl14_mm`` and ``slope_mm_per_week`` (the true CL
  trajectory);
- hazard inputs (:func:`hazard_inputs`): ``plurality``, ``cl14_mm``, ``slope_mm_per_week``,
  ``lp_spontaneous``, ``lp_cervical``, ``lp_indicated`` (float32 log hazard ratios) and ``e``
  (the latent draws, shape (n, 7)).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from cilib.model import failure
from cilib.model.schema import LATENT_PROCESSES, plurality
from cilib.params.assumptions import Assumptions
from cilib.params.definitions import AGE_BANDS_YEARS
from cilib.stats import count_at_or_below

__all__ = [
    "COLUMNS",
    "PREGNANCY_HR",
    "RACE_HR",
    "AGE_HR",
    "WOMAN_HR",
    "age_band",
    "failure_log_scale",
    "from_frame",
    "hazard_inputs",
    "log_hazard_ratios",
    "to_columns",
    "woman_log_hr",
]

#: Cohort column of each input: the one map between the model's inputs and a frame's columns
#: (categorical columns hold codes, ``plurality`` is stored as 0-2 codes of 1-3 fetuses).
COLUMNS: dict[str, str] = {
    "race": "race_ethnicity",
    "excision": "cervical_excision",
    "mullerian": "mullerian_anomaly",
    "des": "des_exposure",
    "ctd": "connective_tissue_disorder",
    "trachelectomy": "trachelectomy",
    "dc_count": "prior_dc_count",
    "sti": "prior_sti",
    "age": "age_years",
    "insufficiency": "cervical_insufficiency",
    "log_frailty": "log_frailty",
    "plurality": "plurality",
    "smoking": "smoking",
    "bv": "bacterial_vaginosis",
    "chlamydia": "chlamydia",
    "laceration": "prior_laceration",
    "cl14_mm": "cl_14w_mm",
    "slope_mm_per_week": "cl_slope_mm_per_week",
}
#: Inputs that are woman-level traits (shared by all her pregnancies).
WOMAN_INPUTS = (
    "race",
    "excision",
    "mullerian",
    "des",
    "ctd",
    "trachelectomy",
    "dc_count",
    "sti",
    "age",
    "insufficiency",
    "log_frailty",
)
#: Inputs that belong to one pregnancy.
PREGNANCY_INPUTS = (
    "plurality",
    "smoking",
    "bv",
    "chlamydia",
    "laceration",
    "cl14_mm",
    "slope_mm_per_week",
)

#: Hazard ratio of spontaneous (and indicated) birth per race/ethnicity group after NH White.
RACE_HR = ("hr_ptb_nh_black", "hr_ptb_hispanic", "hr_ptb_nh_asian", "hr_ptb_other")
#: Hazard ratio of spontaneous and indicated birth per maternal age band after 20-29 years
#: (bands of :data:`cilib.params.definitions.AGE_BANDS_YEARS`, in order).
AGE_HR = ("hr_ptb_age_under_20", None, "hr_ptb_age_30_39", "hr_ptb_age_40_plus")
#: Lasting traits that multiply the hazards of spontaneous birth: (record, log-HR multiplier),
#: summed in this order after race and age, the population ratio and the frailty.
WOMAN_HR = (
    ("hr_sptb_excision", lambda w: w["excision"] > 0),
    ("hr_sptb_mullerian", lambda w: w["mullerian"]),
    ("hr_sptb_des", lambda w: w["des"]),
    ("hr_sptb_ctd", lambda w: w["ctd"]),
    ("hr_sptb_dc_per_procedure", lambda w: w["dc_count"]),
    ("hr_sptb_prior_sti", lambda w: w["sti"]),
)
#: Pregnancy states that multiply the hazards of spontaneous birth: (record, indicator).
PREGNANCY_HR = (
    ("hr_sptb_twin", lambda p: p["plurality"] == 2),
    ("hr_sptb_triplet", lambda p: p["plurality"] == 3),
    ("hr_sptb_smoking", lambda p: p["smoking"]),
    ("hr_sptb_bv", lambda p: p["bv"]),
    ("hr_sptb_chlamydia", lambda p: p["chlamydia"]),
    ("hr_sptb_laceration", lambda p: p["laceration"]),
    ("hr_sptb_first_pregnancy", lambda p: p["first"]),
)


def age_band(age) -> np.ndarray:
    """Index (int8) of each age in the bands of :data:`AGE_HR`."""
    return count_at_or_below(np.asarray(AGE_BANDS_YEARS), age)


def woman_log_hr(a: Assumptions, woman: dict) -> tuple[np.ndarray, np.ndarray]:
    """Woman-level log hazard ratios, float32: (race and age, which act on indicated birth
    too; all lasting traits and frailty)."""
    f = np.float32
    lp_race = np.log(np.array([1.0] + [a[k] for k in RACE_HR], dtype=f))[woman["race"]]
    age_hr = np.array([1.0 if k is None else a[k] for k in AGE_HR], dtype=f)
    lp_race = lp_race + np.log(age_hr)[age_band(woman["age"])]
    lp_woman = lp_race + math.log(a["hr_sptb_population"])
    lp_woman = lp_woman + woman["log_frailty"]
    for record, indicator in WOMAN_HR:
        lp_woman = lp_woman + indicator(woman) * f(math.log(a[record]))
    return lp_race, lp_woman


def log_hazard_ratios(
    a: Assumptions, woman: dict, pregnancy: dict, lp_race: np.ndarray, lp_woman: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Log hazard ratios of each pregnancy, float32: (labour processes, cervix-driven, indicated).

    ``lp_race`` and ``lp_woman`` come from :func:`woman_log_hr` (indexed to the pregnancies).
    The cervix-driven hazard takes the share ``frailty_cervical_share`` of the woman's log
    frailty (her other traits in full): how much of her propensity acts through the cervix
    beyond what her cervical length already shows, and ``hr_cervical_twin`` per extra fetus (a
    twin's short cervix predicts less than a singleton's). Indicated birth depends on race, age
    and plurality only.
    """
    f = np.float32
    lp_spont = lp_woman
    for record, indicator in PREGNANCY_HR:
        lp_spont = lp_spont + indicator(pregnancy) * f(math.log(a[record]))
    lp_ind = lp_race + (pregnancy["plurality"] - 1) * f(math.log(a["hr_indicated_twin"]))
    lp_cervical = lp_spont + woman["log_frailty"] * f(a["frailty_cervical_share"] - 1.0)
    lp_cervical = lp_cervical + (pregnancy["plurality"] - 1) * f(math.log(a["hr_cervical_twin"]))
    return lp_spont, lp_cervical, lp_ind


def failure_log_scale(a: Assumptions, woman: dict, pregnancy: dict) -> np.ndarray:
    """Log of each pregnancy's total hazard of cervical failure
    (:func:`cilib.model.failure.failure_log_scale`): the latent weakness, a laceration at an
    earlier birth and the number of fetuses."""
    return failure.failure_log_scale(
        a,
        insufficiency=woman["insufficiency"],
        laceration=pregnancy["laceration"],
        plurality=pregnancy["plurality"],
    )


def hazard_inputs(
    a: Assumptions,
    woman: dict,
    pregnancy: dict,
    e: np.ndarray,
    *,
    lp_race: np.ndarray | None = None,
    lp_woman: np.ndarray | None = None,
) -> dict:
    """The inputs of :func:`cilib.model.hazards.process_times` for each pregnancy.

    ``woman`` holds the traits indexed to the pregnancies (one row each), ``pregnancy`` their
    state and ``e`` the latent draws. ``lp_race`` and ``lp_woman`` may be passed when already
    computed by :func:`woman_log_hr` for these rows.
    """
    if lp_race is None or lp_woman is None:
        lp_race, lp_woman = woman_log_hr(a, woman)
    lp_spont, lp_cervical, lp_ind = log_hazard_ratios(a, woman, pregnancy, lp_race, lp_woman)
    return {
        "plurality": pregnancy["plurality"],
        "cl14_mm": pregnancy["cl14_mm"],
        "slope_mm_per_week": pregnancy["slope_mm_per_week"],
        "lp_spontaneous": lp_spont,
        "lp_cervical": lp_cervical,
        "lp_indicated": lp_ind,
        "lp_failure": failure_log_scale(a, woman, pregnancy),
        "e": e,
    }


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    if name == "plurality":
        return plurality(frame)
    s = frame[COLUMNS[name]]
    return s.cat.codes.to_numpy() if isinstance(s.dtype, pd.CategoricalDtype) else s.to_numpy()


def from_frame(frame: pd.DataFrame, a: Assumptions) -> dict:
    """Hazard inputs of the pregnancies of a cohort frame, read through :data:`COLUMNS`.

    Uses the trait and state columns, ``n_prior_pregnancies`` (a first pregnancy has none) and
    the ``latent_e_*`` draws; gives the same hazards as the generator that made the frame.
    """
    woman = {k: _column(frame, k) for k in WOMAN_INPUTS}
    pregnancy = {k: _column(frame, k) for k in PREGNANCY_INPUTS}
    pregnancy["first"] = frame["n_prior_pregnancies"].to_numpy() == 0
    e = np.column_stack([frame[f"latent_e_{k}"].to_numpy() for k in LATENT_PROCESSES])
    return hazard_inputs(a, woman, pregnancy, e)


def to_columns(woman: dict, pregnancy: dict) -> dict[str, np.ndarray]:
    """Cohort columns (codes for categoricals) of traits and states, through :data:`COLUMNS`.

    The inverse of :func:`from_frame`'s reading: ``plurality`` 1-3 becomes codes 0-2, float
    inputs are stored as float32.
    """
    out = {}
    for name, column in COLUMNS.items():
        source = woman if name in WOMAN_INPUTS else pregnancy
        value = source[name]
        if name == "plurality":
            value = value - 1
        elif value.dtype.kind == "f":
            value = value.astype(np.float32)
        out[column] = value
    return out
