"""Reproductive histories, untreated or managed under a policy: :func:`generate_histories`.

Without a policy the pregnancies are the natural history of :mod:`cilib.model.histories`. With
one, each pregnancy number is re-run in turn under the policy with the obstetric history its
earlier *managed* pregnancies revealed (prior sPTB, mid-trimester losses, prior cerclage), so
that, for example, history-indicated cerclage follows a loss.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from cilib.interventions.simulation import simulate
from cilib.model import population
from cilib.model.histories import OUTCOMES, natural_histories, outcome_codes
from cilib.model.schema import CAUSE, COLUMNS, LATENT_PROCESSES, ONSET, PREGNANCY_ID_STRIDE
from cilib.params import streams
from cilib.params.assumptions import Assumptions, attach
from cilib.params.validation import shown

__all__ = ["generate_histories"]

#: Columns of a pregnancy's outcome, recomputed under the policy.
_OUTCOME_COLUMNS = (
    "dilation_ga_weeks",
    "pprom_ga_weeks",
    "ga_birth_weeks",
    "onset",
    "spontaneous_type",
    "end_cause",
    "midtrimester_loss",
)
#: Columns the policy's result adds: what was given and when.
_TREATMENT_SUFFIXES = ("_given", "_start_weeks", "_refused")


def generate_histories(
    n_women: int,
    *,
    pregnancies: int = 3,
    seed: int,
    assumptions: Assumptions | None = None,
    policy=None,
) -> pd.DataFrame:
    """Simulate several consecutive pregnancies for each of ``n_women`` women.

    Parameters
    ----------
    n_women : int
        Number of women, 1 to 10,000,000.
    pregnancies : int
        Pregnancies reaching 12 weeks per woman, 1 to 10.
    seed : int
        Non-negative seed (streams separate from the cohort's); reproducible and prefix-stable
        in women.
    assumptions : Assumptions, optional
        Defaults to the ``us_contemporary`` scenario.
    policy : optional
        Anything :func:`cilib.simulate` accepts (a preset name, a Policy, a function of the
        cohort). Each pregnancy is then managed under it, in order, with the obstetric history
        its earlier *managed* pregnancies revealed (prior sPTB, mid-trimester losses, prior
        cerclage), so that, for example, history-indicated cerclage follows a loss. Without a
        policy, pregnancies are untreated.

    Returns
    -------
    DataFrame
        One row per pregnancy, ordered by woman then pregnancy: ``woman_id``,
        ``pregnancy_number`` (1 = first), the woman's lasting traits (``race_ethnicity``,
        ``cervical_excision``, ``mullerian_anomaly``, ``des_exposure``,
        ``connective_tissue_disorder``, ``trachelectomy``, ``cervical_insufficiency``,
        ``log_frailty``), the pregnancy's state (``plurality``, ``smoking``,
        ``bacterial_vaginosis``, ``chlamydia``, ``cl_14w_mm``, ``cl_slope_mm_per_week``) and
        outcome (``ga_birth_weeks`` in weeks, ``onset``, ``spontaneous_type``, ``end_cause``,
        ``midtrimester_loss``, ``outcome`` in :data:`cilib.model.histories.OUTCOMES`). With a
        policy, also ``<treatment>_given`` and ``<treatment>_start_weeks`` for each treatment
        it uses and ``treated``.

    Examples
    --------
    >>> import cilib
    >>> h = cilib.generate_histories(1000, pregnancies=3, seed=1)
    >>> len(h), int(h["pregnancy_number"].max())
    (3000, 3)
    """
    for name, v, hi in (("n_women", n_women, 10_000_000), ("pregnancies", pregnancies, 10)):
        if isinstance(v, bool) or not isinstance(v, numbers.Integral) or not 1 <= v <= hi:
            raise ValueError(f"{name}: got {shown(v)}; allowed: an integer 1 to {hi:,}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed: got {shown(seed)}; allowed: a non-negative integer")
    if assumptions is not None and not isinstance(assumptions, Assumptions):
        raise TypeError(
            f"assumptions: got {type(assumptions).__name__}; allowed: a cilib.Assumptions"
        )
    a = assumptions if assumptions is not None else Assumptions.default()
    frame = natural_histories(int(n_women), int(pregnancies), int(seed), a)
    if policy is not None:
        frame = _managed(frame, policy, int(pregnancies), int(seed), a)
    frame = frame.drop(columns=["age_years", *(f"latent_e_{k}" for k in LATENT_PROCESSES)])
    return attach(frame, a, seed=int(seed), n_women=int(n_women), pregnancies=int(pregnancies))


def _pregnancy_frame(cols, codes, cats, k: int, a: Assumptions, cerclage_before) -> pd.DataFrame:
    """Pregnancy ``k`` of every woman as a cohort frame, with the history revealed so far."""
    n = len(cerclage_before)
    woman = np.repeat(np.arange(n), k)
    history = population.obstetric_history(
        a,
        cols["ga_birth_weeks"][:, :k].reshape(-1),
        (codes["onset"][:, :k] == ONSET["spontaneous"]).reshape(-1),
        woman,
        n,
        (codes["end_cause"][:, :k] == CAUSE["dilation"]).reshape(-1),
    )
    values = {
        "pregnancy_id": cols["woman_id"][:, k] * PREGNANCY_ID_STRIDE + k,
        "n_prior_pregnancies": np.full(n, k, dtype=np.int8),
        **history,
        "prior_cerclage": cerclage_before.copy(),
    }
    for c in (col.name for col in COLUMNS):
        if c in cats:
            values[c] = pd.Categorical.from_codes(codes[c][:, k], cats[c])
        elif c in cols and c not in values:
            values[c] = cols[c][:, k]
    return pd.DataFrame({c.name: values[c.name] for c in COLUMNS})


def _managed(h: pd.DataFrame, policy, p: int, seed: int, a: Assumptions) -> pd.DataFrame:
    """Re-run each pregnancy number in turn under ``policy`` with the history revealed so far."""
    n = len(h) // p
    cols = {c: h[c].to_numpy().reshape(n, p).copy() for c in h.columns if c != "outcome"}
    cats = {
        c: h[c].cat.categories for c in h.columns if isinstance(h[c].dtype, pd.CategoricalDtype)
    }
    codes = {c: h[c].cat.codes.to_numpy().reshape(n, p).copy() for c in cats}
    extra: dict[str, np.ndarray] = {}
    cerclage_before = np.zeros(n, dtype=bool)
    for k in range(p):  # a handful of pregnancy numbers, each vectorised over the women
        frame = _pregnancy_frame(cols, codes, cats, k, a, cerclage_before)
        seed_k = streams.child(seed, "managed_pregnancy", k)  # its own tree of streams
        result = simulate(frame, policy, seed=seed_k, assumptions=a)
        for c in _OUTCOME_COLUMNS:
            if c in cats:
                codes[c][:, k] = result[c].cat.codes.to_numpy()
            else:
                cols[c][:, k] = result[c].to_numpy()
        for c in result.columns:
            if c.endswith(_TREATMENT_SUFFIXES) or c == "treated":
                if c not in extra:
                    fill = np.nan if c.endswith("_start_weeks") else False
                    extra[c] = np.full((n, p), fill, dtype=result[c].dtype)
                extra[c][:, k] = result[c].to_numpy()
        if "cerclage_given" in result:
            cerclage_before |= result["cerclage_given"].to_numpy()
    out = {c: v.reshape(-1) for c, v in cols.items()}
    for c, v in codes.items():
        out[c] = pd.Categorical.from_codes(v.reshape(-1), cats[c])
    spontaneous = out["onset"].codes == ONSET["spontaneous"]
    out["outcome"] = pd.Categorical.from_codes(
        outcome_codes(out["ga_birth_weeks"], spontaneous, a), categories=list(OUTCOMES)
    )
    out.update({c: v.reshape(-1) for c, v in extra.items()})
    return pd.DataFrame(out)[[*h.columns, *extra]]
