"""The data dictionary and the decoders: every cohort column, and one way to read each concept.

:data:`COLUMNS` documents every cohort column (dtype, unit, meaning, categories);
:func:`data_dictionary` is its table. The decoders (:func:`plurality`, :func:`singleton`,
:func:`infants`, :func:`spontaneous`, :func:`births`) are the one place where a concept is read
from a frame's columns: every other module calls them instead of decoding categories itself.

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"plurality": pd.Categorical(["singleton", "twin"], PLURALITY_CATEGORIES)})
>>> infants(f).tolist(), singleton(f).tolist()
([1.0, 2.0], [True, False])
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cilib.params.registry import SURVIVAL_BANDS
from cilib.stats import count_at_or_below

__all__ = [
    "CAUSE",
    "CATEGORICAL",
    "CAUSES",
    "COLUMNS",
    "EXCISION_CATEGORIES",
    "LAST_SPONTANEOUS",
    "LATENT",
    "LATENT_PROCESSES",
    "ONSET",
    "ONSET_CATEGORIES",
    "PLURALITY_CATEGORIES",
    "PREGNANCY_ID_STRIDE",
    "RACE_CATEGORIES",
    "SPONTANEOUS_TYPES",
    "Column",
    "births",
    "categorical",
    "check_frame",
    "data_dictionary",
    "infants",
    "make_frame",
    "neonatal_survival",
    "onset_codes",
    "plurality",
    "singleton",
    "spontaneous",
]

#: Causes of the end of pregnancy: the competing processes of :mod:`cilib.model.hazards`, in
#: code order (``end_cause``). Causes up to ``sporadic_loss`` are spontaneous ends.
CAUSES = (
    "term_labour",
    "preterm_labour",
    "pprom",
    "cervical",
    "dilation",
    "sporadic_loss",
    "indicated",
    "planned",
)
#: Code of each cause (its position in :data:`CAUSES`).
CAUSE = {name: code for code, name in enumerate(CAUSES)}
#: The last spontaneous cause: codes up to it have onset ``spontaneous``, the rest ``indicated``.
LAST_SPONTANEOUS = CAUSE["sporadic_loss"]
#: Latent unit-exponential draws per pregnancy, one per random process (column order of ``e``
#: and of the ``latent_e_*`` columns).
LATENT_PROCESSES = (
    "term",
    "preterm",
    "cervical",
    "dilation",
    "indicated",
    "planned",
    "sporadic",
    "failure",
    "rupture",
    "pprom_latency",
)
#: Column of each latent draw in ``e``.
LATENT = {name: i for i, name in enumerate(LATENT_PROCESSES)}
#: Spontaneous onset subtypes (``spontaneous_type``); indicated births have a missing value.
SPONTANEOUS_TYPES = ("labour", "pprom", "painless_dilation")

RACE_CATEGORIES = ("NH White", "NH Black", "Hispanic", "NH Asian", "Other")
EXCISION_CATEGORIES = ("none", "LLETZ", "cold-knife cone")
PLURALITY_CATEGORIES = ("singleton", "twin", "triplet")
ONSET_CATEGORIES = ("spontaneous", "indicated")
#: Code of each onset (its position in :data:`ONSET_CATEGORIES`).
ONSET = {name: code for code, name in enumerate(ONSET_CATEGORIES)}
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
        "prior_midtrimester_losses_16w",
        "int8",
        "count",
        "Of them, losses at 16+0 weeks or later (NICE NG25 counts losses from 16+0).",
    ),
    _C(
        "prior_painless_losses",
        "int8",
        "count",
        "Of them, losses by painless dilation of the cervix (a history of cervical "
        "insufficiency: ACOG PB 142's painless second-trimester loss).",
    ),
    _C(
        "prior_cerclage",
        "bool",
        "",
        "Cerclage in an earlier pregnancy: drawn from the history-care pattern in generate_cohort "
        "(cilib.model.care; the earlier outcome stays untreated), the policy's own in "
        "generate_histories(policy=...).",
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
    _C(
        "prior_dc_count",
        "int8",
        "count",
        "Earlier dilation and curettage or surgical terminations (mechanical dilation).",
    ),
    _C("prior_sti", "bool", "", "A sexually transmitted infection before this pregnancy."),
    _C(
        "prior_laceration",
        "bool",
        "",
        "Cervical laceration at an earlier birth (only after one; see cilib.model.population).",
    ),
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
    _C(
        "dilation_ga_weeks",
        "float32",
        "weeks",
        "Onset of painless dilation (cervical failure) while pregnant, untreated; NaN if none.",
    ),
    _C(
        "pprom_ga_weeks",
        "float32",
        "weeks",
        "Preterm prelabour rupture of the membranes while pregnant, untreated; NaN if none.",
    ),
    _C(
        "chorioamnionitis",
        "bool",
        "",
        "Clinical chorioamnionitis (intra-amniotic infection) after PPROM, untreated.",
    ),
    _C(
        "symptoms_ga_weeks",
        "float32",
        "weeks",
        "Onset of symptoms (pelvic pressure, backache, cramping, light bleeding or discharge) "
        "while pregnant; NaN if none (most pregnancies, most failures too).",
    ),
    _C("ga_birth_weeks", "float64", "weeks", "Gestation at birth or loss, untreated."),
    _C("onset", "category", "", "Onset of birth or loss.", ONSET_CATEGORIES),
    _C(
        "spontaneous_type",
        "category",
        "",
        "Labour, PPROM (the membranes ruptured first) or painless dilation (the cervix failed "
        "first); missing for indicated births.",
        SPONTANEOUS_TYPES,
    ),
    _C(
        "end_cause",
        "category",
        "",
        "Competing process that ended the pregnancy.",
        CAUSES,
    ),
    _C("midtrimester_loss", "bool", "", "Spontaneous end before 24 weeks."),
    *(
        _C(
            f"latent_e_{k}",
            "float32",
            "unit exponential",
            f"Latent draw of the {k} process, reused by every policy arm (common random numbers).",
        )
        for k in LATENT_PROCESSES
    ),
)


#: The categories of every categorical column, from :data:`COLUMNS`.
CATEGORICAL: dict[str, tuple[str, ...]] = {c.name: c.categories for c in COLUMNS if c.categories}


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


@functools.lru_cache(maxsize=64)
def _dtype(cats: tuple[str, ...]) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(list(cats))


def categorical(codes: np.ndarray, cats: tuple[str, ...]) -> pd.Categorical:
    """A categorical of ``cats`` from codes the model computed (-1 = missing), without
    re-checking them (pandas infers and checks the categories on every call otherwise: a
    tenth of a millisecond each, and a PSA draw makes hundreds)."""
    return pd.Categorical.from_codes(codes, dtype=_dtype(tuple(cats)), validate=False)


def _cat(codes: np.ndarray, cats: tuple[str, ...]) -> pd.Categorical:
    return categorical(codes.astype(np.int8), cats)


def make_frame(cols: dict[str, np.ndarray], n: int, loss_before_weeks: float) -> pd.DataFrame:
    """Assemble raw arrays from the generator into a frame that matches :data:`COLUMNS`."""
    woman = np.arange(n, dtype=np.int64)
    latent = cols.pop("latent_e")
    out = {
        "pregnancy_id": woman * PREGNANCY_ID_STRIDE + cols["n_prior_pregnancies"],
        "woman_id": woman,
    }
    for c in COLUMNS[2:]:
        if c.name in CATEGORICAL:
            out[c.name] = _cat(cols[c.name], CATEGORICAL[c.name])
        elif c.name == "midtrimester_loss":
            spont = cols["onset"] == ONSET["spontaneous"]
            out[c.name] = spont & (cols["ga_birth_weeks"] < loss_before_weeks)
        elif c.name.startswith("latent_e_"):
            out[c.name] = latent[:, LATENT[c.name.removeprefix("latent_e_")]]
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


# ------------------------------------------------------------------ decoders
def plurality(frame: pd.DataFrame) -> np.ndarray:
    """Number of fetuses per pregnancy, int8: 1 singleton, 2 twins, 3 triplets."""
    return frame["plurality"].array.codes + 1  # the Categorical's codes: no Series built


def singleton(frame: pd.DataFrame) -> np.ndarray:
    """Singleton pregnancy (bool per row)."""
    return frame["plurality"].array.codes == 0


def infants(frame: pd.DataFrame) -> np.ndarray:
    """Infants per pregnancy as float64 weights (1 singleton, 2 twins, 3 triplets)."""
    return plurality(frame).astype(np.float64)


def onset_codes(cause: np.ndarray) -> np.ndarray:
    """Codes of ``onset`` (int8) from the codes of ``end_cause``: causes up to
    :data:`LAST_SPONTANEOUS` are spontaneous, the rest indicated."""
    return np.where(cause <= LAST_SPONTANEOUS, ONSET["spontaneous"], ONSET["indicated"]).astype(
        np.int8
    )


def spontaneous(frame: pd.DataFrame) -> np.ndarray:
    """Pregnancy ended with a spontaneous onset (labour, PPROM, painless dilation or loss)."""
    return (frame["onset"].cat.codes == ONSET["spontaneous"]).to_numpy()


def births(frame: pd.DataFrame, a) -> np.ndarray:
    """Pregnancies that ended in a birth: at or after ``loss_before_weeks`` (assumptions ``a``)."""
    return frame["ga_birth_weeks"].to_numpy() >= a["loss_before_weeks"]


def neonatal_survival(ga_weeks, a) -> np.ndarray:
    """Probability (float64) that an infant born at ``ga_weeks`` survives the neonatal period,
    by completed week: 0 before ``neonatal_survival_from_weeks``, then the
    ``p_neonatal_survival_*`` records of its band (assumptions ``a``; EPICure 2, EPIPAGE-2 and
    US 1997 figures, citation keys costeloe_2012, ancel_2015, joseph_2004). A pregnancy's
    expected survivors are this times :func:`infants`."""
    week = np.floor(np.asarray(ga_weeks, np.float64))
    # the band of each week: the last whose start it has reached (0 before the first band)
    p = np.array([0.0, *(a[name] for _, name in SURVIVAL_BANDS)])
    p = p[count_at_or_below(_BAND_STARTS, week)]
    return np.where(week >= a["neonatal_survival_from_weeks"], p, 0.0)


_BAND_STARTS = np.array([start for start, _ in SURVIVAL_BANDS])
if np.any(np.diff(_BAND_STARTS) <= 0):
    raise ValueError("SURVIVAL_BANDS: starts not increasing; allowed: bands in gestation order")
