"""Reproductive histories: several pregnancies per woman, one row per pregnancy, untreated.

:func:`natural_histories` uses the same model as :func:`cilib.generate_cohort` (the same
woman-level traits and the same pregnancy simulation, :mod:`cilib.model.population`), so
recurrence measured here is the recurrence that shapes the cohort's obstetric history. The
public :func:`cilib.generate_histories` adds management under a policy
(:mod:`cilib.interventions.histories`); recurrence tables are in
:mod:`cilib.analysis.recurrence`.

Every woman has the requested number of pregnancies reaching 12 weeks, whatever their outcomes
(a simplification: in reality a loss may be followed by an extra pregnancy, a difficult birth
by none).

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cilib.model import inputs, population
from cilib.model.schema import CATEGORICAL, LAST_SPONTANEOUS, LATENT_PROCESSES, onset_codes
from cilib.params import streams
from cilib.params.assumptions import Assumptions
from cilib.params.definitions import SPTB_BANDS_WEEKS

__all__ = ["BLOCK_WOMEN", "CATEGORIES", "OUTCOMES", "natural_histories", "outcome_codes"]

BLOCK_WOMEN = 32_768
#: Outcome of a pregnancy, in order (``outcome`` column): a spontaneous loss before 24 weeks,
#: spontaneous preterm birth by gestational band (:data:`SPTB_BANDS_WEEKS`), indicated
#: preterm birth, term birth.
OUTCOMES = ("loss", "sPTB <28", "sPTB 28-33", "sPTB 34-36", "indicated PTB", "term")
#: Categories of the categorical columns of a histories frame.
CATEGORIES = {**CATEGORICAL, "outcome": OUTCOMES}
#: Generators of a block: woman uniforms and normals, pregnancy uniforms, normals, latents.
_GENERATORS = 5


def outcome_codes(ga, spontaneous, a: Assumptions) -> np.ndarray:
    """Codes of :data:`OUTCOMES` from gestation at the end (weeks) and spontaneous onset."""
    loss_w, pre_w = a["loss_before_weeks"], a["preterm_before_weeks"]
    b28, b34 = SPTB_BANDS_WEEKS
    code = np.full(len(ga), OUTCOMES.index("term"), dtype=np.int8)
    code[~spontaneous & (ga < pre_w)] = OUTCOMES.index("indicated PTB")
    code[spontaneous & (ga < pre_w)] = OUTCOMES.index("sPTB 34-36")
    code[spontaneous & (ga < b34)] = OUTCOMES.index("sPTB 28-33")
    code[spontaneous & (ga < b28)] = OUTCOMES.index("sPTB <28")
    code[spontaneous & (ga < loss_w)] = OUTCOMES.index("loss")
    return code


def _block(a: Assumptions, seed: streams.Seed, block: int, m: int, p: int) -> dict:
    g = streams.generators(seed, "histories", block, _GENERATORS)
    f32 = np.float32
    woman = population.women(
        a,
        g[0].random((m, population.WOMAN_UNIFORMS), dtype=f32),
        g[1].standard_normal((m, population.WOMAN_NORMALS), dtype=f32),
    )
    widx = np.repeat(np.arange(m), p)
    number = np.tile(np.arange(1, p + 1, dtype=np.int8), m)
    k = m * p
    e = g[4].standard_exponential((k, len(LATENT_PROCESSES)), dtype=f32)
    traits = {key: woman[key][widx] for key in population.PREGNANCY_TRAITS}
    traits["laceration"] = population.laceration(a, woman["u_laceration"][widx], number > 1)
    preg = population.pregnancies(
        a,
        traits,
        g[2].random((k, population.PREGNANCY_UNIFORMS), dtype=f32),
        g[3].standard_normal((k, population.PREGNANCY_NORMALS), dtype=f32),
        e,
        number == 1,
    )
    traits.update({key: woman[key][widx] for key in ("mullerian", "des", "ctd")})
    ga = preg["ga"].astype(np.float64)
    spontaneous = preg["cause"] <= LAST_SPONTANEOUS
    return {
        "woman_id": (block * BLOCK_WOMEN + widx).astype(np.int64),
        "pregnancy_number": number,
        **inputs.to_columns(traits, preg),
        **population.event_columns(preg),
        "ga_birth_weeks": ga,
        "onset": onset_codes(preg["cause"]),
        "spontaneous_type": preg["stype"],
        "end_cause": preg["cause"],
        "midtrimester_loss": spontaneous & (ga < a["loss_before_weeks"]),
        "outcome": outcome_codes(ga, spontaneous, a),
        **{f"latent_e_{name}": e[:, i] for i, name in enumerate(LATENT_PROCESSES)},
    }


def natural_histories(
    n_women: int, pregnancies: int, seed: streams.Seed, a: Assumptions
) -> pd.DataFrame:
    """``pregnancies`` untreated pregnancies for each of ``n_women`` women (arguments checked by
    :func:`cilib.generate_histories`), with ``age_years`` and the latent ``latent_e_*`` draws
    that managing them under a policy needs."""
    parts = [
        _block(a, seed, b, min(BLOCK_WOMEN, n_women - b * BLOCK_WOMEN), pregnancies)
        for b in range(-(-n_women // BLOCK_WOMEN))
    ]
    cols = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    for k, cats in CATEGORIES.items():
        cols[k] = pd.Categorical.from_codes(cols[k].astype(np.int8), categories=list(cats))
    return pd.DataFrame(cols, copy=False)
