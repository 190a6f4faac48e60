"""The data dictionary: every cohort column with its dtype, unit and meaning."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cilib.outcomes import CAUSES, LATENT_PROCESSES, SPONTANEOUS_TYPES

RACE_CATEGORIES = ("NH White", "NH Black", "Hispanic", "NH Asian", "Other")
EXCISION_CATEGORIES = ("none", "LLETZ", "cold-knife cone")
PLURALITY_CATEGORIES = ("singleton", "twin", "triplet")
ONSET_CATEGORIES = ("spontaneous", "indicated")
SPONTANEOUS_TYPE_CATEGORIES = SPONTANEOUS_TYPES
#: Categories of ``end_cause``: the competing processes of :mod:`cilib.outcomes`, in code order.
END_CAUSE_CATEGORIES = CAUSES
#: Names of the ``latent_e_*`` columns, in the column order of the latent draws.
LATENT_NAMES = LATENT_PROCESSES
#: pregnancy_id = woman_id * PREGNANCY_ID_STRIDE + number of earlier pregnancies.
PREGNANCY_ID_STRIDE = 16


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    unit: str
    meaning: str
    categories: tuple[str, ...] = ()


_C = Column
COLUMNS: tuple[Column, ...] = (
    _C("pregnancy_id", "int64", "id", "Unique pregnancy id: woman_id * 16 + earlier pregnancies."),
    _C("woman_id", "int64", "id", "Woman id (row number in the cohort; prefix-stable)."),
    _C("age_years", "float32", "years", "Maternal age at the index pregnancy."),
    _C("race_ethnicity", "category", "", "Mother's race/ethnicity (NVSS groups).", RACE_CATEGORIES),
    _C("n_prior_pregnancies", "int8", "count", "Earlier pregnancies that reached 12 weeks."),
    _C("parity", "int8", "count", "Earlier births at >= 24 weeks."),
    _C("prior_sptb", "bool", "", "Any earlier spontaneous birth at 24+0 to 36+6 weeks."),
    _C("prior_sptb_count", "int8", "count", "Number of earlier spontaneous preterm births."),
    _C(
        "prior_sptb_ga_weeks",
        "float32",
        "weeks",
        "Gestation of the earliest earlier sPTB; NaN if none.",
    ),
    _C(
        "prior_midtrimester_losses", "int8", "count", "Earlier spontaneous losses at 14-23+6 weeks."
    ),
    _C(
        "prior_cerclage",
        "bool",
        "",
        "Cerclage in an earlier pregnancy. generate_cohort simulates earlier pregnancies "
        "untreated, so it is False there; generate_histories(policy=...) sets it.",
    ),
    _C(
        "cervical_excision",
        "category",
        "",
        "Prior excisional treatment of the cervix.",
        EXCISION_CATEGORIES,
    ),
    _C("mullerian_anomaly", "bool", "", "Congenital uterine (Mullerian) anomaly."),
    _C("des_exposure", "bool", "", "In-utero diethylstilbestrol exposure."),
    _C("connective_tissue_disorder", "bool", "", "Connective-tissue disorder (Ehlers-Danlos)."),
    _C("trachelectomy", "bool", "", "Prior radical trachelectomy."),
    _C("cervical_insufficiency", "bool", "", "Latent cervical weakness (lasting trait)."),
    _C("plurality", "category", "", "Number of fetuses.", PLURALITY_CATEGORIES),
    _C("smoking", "bool", "", "Smoking during the index pregnancy."),
    _C("bacterial_vaginosis", "bool", "", "Bacterial vaginosis in the index pregnancy."),
    _C("chlamydia", "bool", "", "Chlamydia infection in the index pregnancy."),
    _C("cl_14w_mm", "float32", "mm", "True cervical length at 14 weeks (trajectory level)."),
    _C("cl_slope_mm_per_week", "float32", "mm/week", "Linear shortening rate of true CL."),
    _C(
        "log_frailty",
        "float32",
        "log hazard",
        "Woman-level random propensity to spontaneous birth (log hazard), shared by her pregnancies.",
    ),
    _C("ga_birth_weeks", "float64", "weeks", "Gestation at birth or loss, untreated."),
    _C("onset", "category", "", "Onset of birth or loss.", ONSET_CATEGORIES),
    _C(
        "spontaneous_type",
        "category",
        "",
        "Labour, PPROM or painless dilation; missing for indicated births.",
        SPONTANEOUS_TYPE_CATEGORIES,
    ),
    _C(
        "end_cause",
        "category",
        "",
        "Competing process that ended the pregnancy.",
        END_CAUSE_CATEGORIES,
    ),
    _C("midtrimester_loss", "bool", "", "Spontaneous end before 24 weeks."),
    *(
        _C(
            f"latent_e_{k}",
            "float32",
            "unit exponential",
            f"Latent draw of the {k} process, reused by every policy arm (common random numbers).",
        )
        for k in LATENT_NAMES
    ),
)


def data_dictionary() -> pd.DataFrame:
    """Every cohort column with dtype, unit and meaning.

    Returns
    -------
    DataFrame
        Columns ``column``, ``dtype``, ``unit``, ``meaning``, ``categories``.
    """
    return pd.DataFrame(
        [
            {
                "column": c.name,
                "dtype": c.dtype,
                "unit": c.unit,
                "meaning": c.meaning,
                "categories": ", ".join(c.categories),
            }
            for c in COLUMNS
        ]
    )


def _cat(codes: np.ndarray, cats: tuple[str, ...]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes.astype(np.int8), categories=list(cats))


def make_frame(cols: dict[str, np.ndarray], n: int, loss_before_weeks: float) -> pd.DataFrame:
    """Assemble raw arrays from the generator into a frame that matches :data:`COLUMNS`."""
    woman = np.arange(n, dtype=np.int64)
    latent = cols.pop("latent_e")
    out = {
        "pregnancy_id": woman * PREGNANCY_ID_STRIDE + cols["n_prior_pregnancies"],
        "woman_id": woman,
    }
    cat_codes = {
        "race_ethnicity": RACE_CATEGORIES,
        "cervical_excision": EXCISION_CATEGORIES,
        "plurality": PLURALITY_CATEGORIES,
        "onset": ONSET_CATEGORIES,
        "spontaneous_type": SPONTANEOUS_TYPE_CATEGORIES,
        "end_cause": END_CAUSE_CATEGORIES,
    }
    for c in COLUMNS[2:]:
        if c.name in cat_codes:
            out[c.name] = _cat(cols[c.name], cat_codes[c.name])
        elif c.name == "midtrimester_loss":
            out[c.name] = (cols["onset"] == 0) & (cols["ga_birth_weeks"] < loss_before_weeks)
        elif c.name.startswith("latent_e_"):
            out[c.name] = latent[:, LATENT_NAMES.index(c.name.removeprefix("latent_e_"))]
        else:
            out[c.name] = cols[c.name]
    # copy=False: keep one block per column instead of consolidating (a copy of every column)
    return pd.DataFrame(out, copy=False)


def check_frame(frame: pd.DataFrame) -> list[str]:
    """Differences between a frame and the data dictionary (empty list when it matches)."""
    problems = []
    names = [c.name for c in COLUMNS]
    if list(frame.columns) != names:
        problems.append(f"columns {list(frame.columns)} != {names}")
    for c in COLUMNS:
        if c.name not in frame:
            continue
        dt = frame[c.name].dtype
        if str(dt) != c.dtype:
            problems.append(f"{c.name}: dtype {dt} != {c.dtype}")
        elif c.categories and tuple(dt.categories) != c.categories:
            problems.append(f"{c.name}: categories {tuple(dt.categories)} != {c.categories}")
    return problems
