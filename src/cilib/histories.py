"""Reproductive histories: several pregnancies per woman, one row per pregnancy.

:func:`generate_histories` uses the same model as :func:`cilib.generate_cohort` (the same
woman-level traits and the same pregnancy simulation), so recurrence measured here is the
recurrence that shapes the cohort's obstetric history. :func:`recurrence_table` gives the
probability of an outcome in pregnancy k+1 by the outcome of pregnancy k (or by the sequence of
earlier outcomes), with Wilson 95% CIs.

Every woman has the requested number of pregnancies reaching 12 weeks, whatever their outcomes
(a simplification: in reality a loss may be followed by an extra pregnancy, a difficult birth
by none). Pregnancies are untreated (natural history) unless a policy is given, in which case
each is managed under it with the history its earlier managed pregnancies revealed.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from cilib import outcomes
from cilib.accuracy import wilson_interval
from cilib.assumptions import Assumptions
from cilib.cohort import _PREGNANCY_INPUTS, _pregnancies, _women
from cilib.schema import (
    COLUMNS,
    END_CAUSE_CATEGORIES,
    EXCISION_CATEGORIES,
    LATENT_NAMES,
    ONSET_CATEGORIES,
    PLURALITY_CATEGORIES,
    PREGNANCY_ID_STRIDE,
    RACE_CATEGORIES,
    SPONTANEOUS_TYPE_CATEGORIES,
)

STREAM_HISTORIES = 5  # top-level spawn key (cohort 0, measurement 1)
BLOCK_WOMEN = 32_768
#: Outcome of a pregnancy, in order (``outcome`` column): a spontaneous loss before 24 weeks,
#: spontaneous preterm birth by gestational band, indicated preterm birth, term birth.
OUTCOMES = ("loss", "sPTB <28", "sPTB 28-33", "sPTB 34-36", "indicated PTB", "term")
EVENTS = ("sptb_lt37", "sptb_lt34", "sptb_lt28", "midtrimester_loss")
_SPTB_BANDS_WEEKS = (28.0, 34.0)  # the gestational bands of OUTCOMES (a tabulation choice)


def _outcome_codes(ga, spontaneous, a: Assumptions) -> np.ndarray:
    loss_w, pre_w = a["loss_before_weeks"], a["preterm_before_weeks"]
    b28, b34 = _SPTB_BANDS_WEEKS
    code = np.full(len(ga), OUTCOMES.index("term"), dtype=np.int8)
    code[~spontaneous & (ga < pre_w)] = OUTCOMES.index("indicated PTB")
    code[spontaneous & (ga < pre_w)] = OUTCOMES.index("sPTB 34-36")
    code[spontaneous & (ga < b34)] = OUTCOMES.index("sPTB 28-33")
    code[spontaneous & (ga < b28)] = OUTCOMES.index("sPTB <28")
    code[spontaneous & (ga < loss_w)] = OUTCOMES.index("loss")
    return code


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
        ``midtrimester_loss``, ``outcome`` in :data:`OUTCOMES`). With a policy, also
        ``<treatment>_given`` and ``<treatment>_start_weeks`` for each treatment it uses and
        ``treated``.

    Examples
    --------
    >>> import cilib
    >>> h = cilib.generate_histories(1000, pregnancies=3, seed=1)
    >>> len(h), int(h["pregnancy_number"].max())
    (3000, 3)
    """
    for name, v, hi in (("n_women", n_women, 10_000_000), ("pregnancies", pregnancies, 10)):
        if isinstance(v, bool) or not isinstance(v, numbers.Integral) or not 1 <= v <= hi:
            raise ValueError(f"{name}: got {v!r}; allowed: an integer 1 to {hi:,}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed: got {seed!r}; allowed: a non-negative integer")
    if assumptions is not None and not isinstance(assumptions, Assumptions):
        raise TypeError(
            f"assumptions: got {type(assumptions).__name__}; allowed: a cilib.Assumptions"
        )
    a = assumptions if assumptions is not None else Assumptions.default()
    parts = [
        _block(a, int(seed), b, min(BLOCK_WOMEN, n_women - b * BLOCK_WOMEN), pregnancies)
        for b in range(-(-n_women // BLOCK_WOMEN))
    ]
    cols = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    cat = {
        "race_ethnicity": RACE_CATEGORIES,
        "cervical_excision": EXCISION_CATEGORIES,
        "plurality": PLURALITY_CATEGORIES,
        "onset": ONSET_CATEGORIES,
        "spontaneous_type": SPONTANEOUS_TYPE_CATEGORIES,
        "end_cause": END_CAUSE_CATEGORIES,
        "outcome": OUTCOMES,
    }
    for k, cats in cat.items():
        cols[k] = pd.Categorical.from_codes(cols[k].astype(np.int8), categories=list(cats))
    frame = pd.DataFrame(cols, copy=False)
    if policy is not None:
        frame = _managed(frame, policy, pregnancies, int(seed), a)
    frame = frame.drop(columns=["age_years", *(f"latent_e_{k}" for k in LATENT_NAMES)])
    frame.attrs.update(scenario=a.scenario_name, seed=int(seed), assumptions_hash=a.hash())
    return frame


_OUTCOME_COLUMNS = ("ga_birth_weeks", "onset", "spontaneous_type", "end_cause", "midtrimester_loss")


def _managed(h: pd.DataFrame, policy, p: int, seed: int, a: Assumptions) -> pd.DataFrame:
    """Re-run each pregnancy number in turn under ``policy`` with the history revealed so far."""
    from cilib.simulate import simulate

    n = len(h) // p
    cols = {c: h[c].to_numpy().reshape(n, p).copy() for c in h.columns if c not in ("outcome",)}
    cats = {
        c: h[c].cat.categories for c in h.columns if isinstance(h[c].dtype, pd.CategoricalDtype)
    }
    codes = {c: h[c].cat.codes.to_numpy().reshape(n, p).copy() for c in cats}
    extra: dict[str, np.ndarray] = {}
    cerclage_before = np.zeros(n, dtype=bool)
    for k in range(p):
        ga_prev = cols["ga_birth_weeks"][:, :k]
        spont_prev = codes["onset"][:, :k] == 0
        birth = ga_prev >= a["loss_before_weeks"]
        sptb = spont_prev & birth & (ga_prev < a["preterm_before_weeks"])
        loss = spont_prev & ~birth
        earliest = np.where(sptb, ga_prev, np.inf).min(axis=1, initial=np.inf)
        frame = pd.DataFrame(
            {
                "pregnancy_id": cols["woman_id"][:, k] * PREGNANCY_ID_STRIDE + k,
                "woman_id": cols["woman_id"][:, k],
                "age_years": cols["age_years"][:, k],
                "race_ethnicity": pd.Categorical.from_codes(
                    codes["race_ethnicity"][:, k], cats["race_ethnicity"]
                ),
                "n_prior_pregnancies": np.full(n, k, dtype=np.int8),
                "parity": birth.sum(axis=1).astype(np.int8),
                "prior_sptb": sptb.any(axis=1),
                "prior_sptb_count": sptb.sum(axis=1).astype(np.int8),
                "prior_sptb_ga_weeks": np.where(np.isfinite(earliest), earliest, np.nan).astype(
                    np.float32
                ),
                "prior_midtrimester_losses": loss.sum(axis=1).astype(np.int8),
                "prior_cerclage": cerclage_before.copy(),
                **{
                    c: (
                        pd.Categorical.from_codes(codes[c][:, k], cats[c])
                        if c in cats
                        else cols[c][:, k]
                    )
                    for c in (col.name for col in COLUMNS)
                    if c in cols and c not in ("woman_id", "age_years", "race_ethnicity")
                },
            }
        )
        frame = frame[[c.name for c in COLUMNS]]
        result = simulate(frame, policy, seed=seed + 7919 * k, assumptions=a)
        for c in _OUTCOME_COLUMNS:
            if c in cats:
                codes[c][:, k] = result[c].cat.codes.to_numpy()
            else:
                cols[c][:, k] = result[c].to_numpy()
        for c in result.columns:
            if c.endswith("_given") or c.endswith("_start_weeks") or c == "treated":
                if c not in extra:
                    fill = np.nan if c.endswith("_start_weeks") else False
                    extra[c] = np.full((n, p), fill, dtype=result[c].dtype)
                extra[c][:, k] = result[c].to_numpy()
        if "cerclage_given" in result:
            cerclage_before |= result["cerclage_given"].to_numpy()
    out = {c: v.reshape(-1) for c, v in cols.items()}
    for c, v in codes.items():
        out[c] = pd.Categorical.from_codes(v.reshape(-1), cats[c])
    spontaneous = out["onset"].codes == 0
    out["outcome"] = pd.Categorical.from_codes(
        _outcome_codes(out["ga_birth_weeks"], spontaneous, a), categories=list(OUTCOMES)
    )
    out.update({c: v.reshape(-1) for c, v in extra.items()})
    return pd.DataFrame(out)[[*h.columns, *extra]]


def _block(a: Assumptions, seed: int, block: int, m: int, p: int) -> dict[str, np.ndarray]:
    ss = np.random.SeedSequence(seed, spawn_key=(STREAM_HISTORIES, block))
    g = [np.random.Generator(np.random.PCG64(c)) for c in ss.spawn(5)]
    f32 = np.float32
    woman = _women(a, g[0].random((m, 10), dtype=f32), g[1].standard_normal((m, 3), dtype=f32))
    widx = np.repeat(np.arange(m), p)
    number = np.tile(np.arange(1, p + 1, dtype=np.int8), m)
    k = m * p
    e = g[4].standard_exponential((k, len(outcomes.LATENT_PROCESSES)), dtype=f32)
    preg = _pregnancies(
        a,
        {key: woman[key][widx] for key in _PREGNANCY_INPUTS},
        g[2].random((k, 5), dtype=f32),
        g[3].standard_normal((k, 2), dtype=f32),
        e,
        number == 1,
    )
    ga = preg["ga"].astype(np.float64)
    spontaneous = preg["cause"] <= outcomes.LAST_SPONTANEOUS
    return {
        "woman_id": (block * BLOCK_WOMEN + widx).astype(np.int64),
        "pregnancy_number": number,
        "race_ethnicity": woman["race"][widx],
        "cervical_excision": woman["excision"][widx],
        "mullerian_anomaly": woman["mullerian"][widx],
        "des_exposure": woman["des"][widx],
        "connective_tissue_disorder": woman["ctd"][widx],
        "trachelectomy": woman["trachelectomy"][widx],
        "cervical_insufficiency": woman["insufficiency"][widx],
        "log_frailty": woman["log_frailty"][widx].astype(f32),
        "plurality": preg["plurality"] - 1,
        "smoking": preg["smoking"],
        "bacterial_vaginosis": preg["bv"],
        "chlamydia": preg["chlamydia"],
        "cl_14w_mm": preg["cl14"].astype(f32),
        "cl_slope_mm_per_week": preg["slope"].astype(f32),
        "ga_birth_weeks": ga,
        "onset": (~spontaneous).astype(np.int8),
        "spontaneous_type": preg["stype"],
        "end_cause": preg["cause"],
        "midtrimester_loss": spontaneous & (ga < a["loss_before_weeks"]),
        "outcome": _outcome_codes(ga, spontaneous, a),
        "age_years": woman["age"][widx].astype(f32),
        **{f"latent_e_{name}": e[:, i] for i, name in enumerate(LATENT_NAMES)},
    }


def _events(h: pd.DataFrame, a: Assumptions) -> dict[str, np.ndarray]:
    ga = h["ga_birth_weeks"].to_numpy()
    spont = (h["onset"] == "spontaneous").to_numpy()
    born = ga >= a["loss_before_weeks"]
    return {
        "sptb_lt37": spont & born & (ga < a["preterm_before_weeks"]),
        "sptb_lt34": spont & born & (ga < _SPTB_BANDS_WEEKS[1]),
        "sptb_lt28": spont & born & (ga < _SPTB_BANDS_WEEKS[0]),
        "midtrimester_loss": h["midtrimester_loss"].to_numpy(),
    }


def recurrence_table(
    histories: pd.DataFrame,
    *,
    event: str = "sptb_lt37",
    history: int = 1,
    assumptions: Assumptions | None = None,
) -> pd.DataFrame:
    """Probability of an event in pregnancy k+1 by the outcomes of the earlier pregnancies.

    Parameters
    ----------
    histories : DataFrame
        From :func:`generate_histories`.
    event : str
        ``sptb_lt37``, ``sptb_lt34``, ``sptb_lt28`` (spontaneous birth at 24 weeks or later
        and before 37, 34 or 28 weeks) or ``midtrimester_loss``.
    history : int
        How many earlier pregnancies define the condition: 1 (the previous outcome) or more
        (the sequence, oldest first, joined with " > ").
    assumptions : Assumptions, optional
        Defaults to the ``us_contemporary`` scenario (for the definitions).

    Returns
    -------
    DataFrame
        One row per earlier-outcome pattern: ``history``, ``pregnancies`` (next pregnancies
        counted), ``events``, ``probability``, ``ci_low``, ``ci_high`` (Wilson 95%).
    """
    if event not in EVENTS:
        raise ValueError(f"event: got {event!r}; allowed: {', '.join(EVENTS)}")
    p = int(histories["pregnancy_number"].max())
    if isinstance(history, bool) or not isinstance(history, numbers.Integral):
        raise ValueError(f"history: got {history!r}; allowed: an integer 1 to {p - 1}")
    if not 1 <= history <= p - 1:
        raise ValueError(f"history: got {history!r}; allowed: an integer 1 to {p - 1}")
    a = assumptions if assumptions is not None else Assumptions.default()
    h = histories.sort_values(["woman_id", "pregnancy_number"], kind="stable")
    y = _events(h, a)[event].reshape(-1, p)
    out = h["outcome"].to_numpy().astype(str).reshape(-1, p)
    rows = []
    for k in range(history, p):  # next pregnancy k+1 (0-based column k)
        labels = out[:, k - history]
        for j in range(k - history + 1, k):
            labels = np.char.add(np.char.add(labels, " > "), out[:, j])
        frame = pd.DataFrame({"history": labels, "y": y[:, k]})
        rows.append(frame)
    data = pd.concat(rows, ignore_index=True)
    g = data.groupby("history", sort=True)["y"].agg(["size", "sum"])
    lo, hi = wilson_interval(g["sum"].to_numpy(float), g["size"].to_numpy(float))
    table = pd.DataFrame(
        {
            "history": g.index,
            "pregnancies": g["size"].to_numpy(),
            "events": g["sum"].to_numpy(),
            "probability": g["sum"].to_numpy() / g["size"].to_numpy(),
            "ci_low": lo,
            "ci_high": hi,
        }
    )
    return table.reset_index(drop=True)


# ------------------------------------------------------------- cervical insufficiency
#: Purisch 2018: second-trimester losses are spontaneous ends from 16+0 (to 23+6) weeks.
SECOND_TRIMESTER_FROM_WEEKS = 16.0
#: Danish strict-CI cohort: a first pregnancy ending in the second trimester, from 14+0 weeks
#: (also where the model's hazards start), used for the strict and painless-loss definitions.
STRICT_CI_FROM_WEEKS = 14.0
#: Danish strict-CI cohort (``danish_ci_cohort``): painless dilation before 28 weeks defines
#: strict cervical insufficiency, and recurrence is the next pregnancy ending before 28 weeks.
STRICT_CI_BEFORE_WEEKS = 28.0
#: Danish strict-CI cohort: its second outcome, the next pregnancy ending before 34 weeks.
CI_OUTCOME_BEFORE_WEEKS = 34.0
#: Outcomes of pregnancy k+1 in :func:`ci_recurrence`, in order.
CI_OUTCOMES = ("ends_lt28", "ends_lt34", "midtrimester_loss", "painless_loss", "live_birth_24w")
#: Groups of :func:`ci_recurrence` by cerclage in pregnancy k+1, in order.
CERCLAGE_GROUPS = ("none", "cerclage")
#: Citation keys of the definitions and outcomes of :func:`ci_recurrence`.
CI_RECURRENCE_SOURCES = ("danish_ci_cohort", "purisch_2018", "merck_ci")
_CI_COLUMNS = ("woman_id", "pregnancy_number", "ga_birth_weeks", "onset", "spontaneous_type")


def _before_label(weeks: float) -> str:
    """The last day before ``weeks`` as weeks+days ("23+6" for 24), else "<weeks"."""
    days = weeks * 7
    if days != round(days):
        return f"<{weeks:g}"
    last = int(round(days)) - 1
    return f"{last // 7}+{last % 7}"


def ci_definitions(assumptions: Assumptions | None = None) -> tuple[str, ...]:
    """Labels of the cervical-insufficiency definitions of :func:`ci_recurrence`, in order.

    Built from :data:`SECOND_TRIMESTER_FROM_WEEKS`, :data:`STRICT_CI_BEFORE_WEEKS` and the
    ``loss_before_weeks`` assumption (default scenario ``us_contemporary``), so that a label
    always states the cut-offs it uses.

    Examples
    --------
    >>> ci_definitions()[2]
    'any loss 16-23+6 wk'
    """
    a = assumptions if assumptions is not None else Assumptions.default()
    lw, t2, strict = a["loss_before_weeks"], SECOND_TRIMESTER_FROM_WEEKS, STRICT_CI_BEFORE_WEEKS
    return (
        f"strict: painless dilation <{strict:g} wk",
        f"painless loss <{lw:g} wk",
        f"any loss {t2:g}-{_before_label(lw)} wk",
        f"second-trimester loss or birth <{strict:g} wk",
        "two losses in a row",
    )


def ci_recurrence(
    histories: pd.DataFrame, *, assumptions: Assumptions | None = None
) -> pd.DataFrame:
    """Recurrence after cervical insufficiency under its different definitions, by cerclage.

    For every pair of consecutive pregnancies (k, k+1) of a woman, pregnancy k is classified by
    each definition of cervical insufficiency (a pregnancy may meet several; each definition is
    its own group), and pregnancy k+1 by whether a cerclage was given in it. The outcomes of
    pregnancy k+1 are counted in each group, with Wilson 95% CIs. A woman with three or more
    pregnancies contributes one pair per k.

    Definitions of pregnancy k (gestations in weeks; "spontaneous" is ``onset``, "painless
    dilation" is a spontaneous end with ``spontaneous_type == "painless_dilation"``; ``L`` is
    the ``loss_before_weeks`` assumption, 24 by default):

    ``strict: painless dilation <28 wk``
        Painless dilation at 14 to <28 weeks: the strict criteria of the Danish
        register-validated cohort (``danish_ci_cohort``), a first pregnancy ending in the
        second trimester.
    ``painless loss <24 wk``
        Painless dilation at 14 to <L weeks: fetal loss due to cervical insufficiency, the
        textbook definition behind "recurrence about 30% or less" (``merck_ci``).
    ``any loss 16-23+6 wk``
        Any spontaneous end at 16 to <L weeks, whatever its mechanism (``purisch_2018``).
    ``second-trimester loss or birth <28 wk``
        Any spontaneous end at 14 to <28 weeks: the Danish source population.
    ``two losses in a row``
        Pregnancies k-1 and k both spontaneous ends at 16 to <L weeks (only k >= 2); recurrence
        is highest after two or more losses (``merck_ci``).

    Parameters
    ----------
    histories : DataFrame
        From :func:`generate_histories`, with at least 2 pregnancies per woman: needs
        ``woman_id``, ``pregnancy_number``, ``ga_birth_weeks``, ``onset`` and
        ``spontaneous_type``, and uses ``cerclage_given`` when present (histories managed
        under a policy that can place a cerclage).
    assumptions : Assumptions, optional
        Defaults to the ``us_contemporary`` scenario (for ``loss_before_weeks``).

    Returns
    -------
    DataFrame
        One row per definition, cerclage group and outcome (definitions, then groups, then
        outcomes in the orders given here; groups with no women left out):

        ``definition``
            As above (labels state the cut-offs in use, see :func:`ci_definitions`).
        ``cerclage``
            ``"cerclage"`` if a cerclage was given in pregnancy k+1, else ``"none"``; without
            a ``cerclage_given`` column (untreated histories) always ``"none"``. Under a
            policy, ``"none"`` may have had other treatments.
        ``women``
            Pairs (k, k+1) counted (a woman once per k).
        ``outcome``
            Of pregnancy k+1 (:data:`CI_OUTCOMES`): ``ends_lt28`` (birth or loss before 28
            weeks, any onset: the Danish outcome), ``ends_lt34`` (before 34 weeks, any onset),
            ``midtrimester_loss`` (spontaneous end before L weeks, as the column of that
            name, so from 12 weeks), ``painless_loss`` (painless
            dilation before L weeks: recurrence of fetal loss due to cervical insufficiency),
            ``live_birth_24w`` (born at L weeks or later, a proxy for the Danish take-home-baby
            rate).
        ``events``, ``probability``, ``ci_low``, ``ci_high``
            Pregnancies k+1 with the outcome, their share of ``women`` and its Wilson 95% CI
            (fractions).

        ``attrs`` copies those of ``histories`` and adds ``loss_before_weeks``.

    References
    ----------
    Citation keys of :data:`cilib.references.REFERENCES`: ``danish_ci_cohort`` (strict
    criteria; next pregnancy <28 wk: 72% without cerclage), ``purisch_2018`` (losses at
    16-23+6 wk), ``merck_ci`` (recurrence of loss due to cervical insufficiency about 30% or
    less).

    Examples
    --------
    >>> import cilib
    >>> h = cilib.generate_histories(2_000, pregnancies=3, seed=1)
    >>> t = cilib.ci_recurrence(h)
    >>> t.columns.tolist()
    ['definition', 'cerclage', 'women', 'outcome', 'events', 'probability', 'ci_low', 'ci_high']
    >>> sorted(set(t["cerclage"]))
    ['none']
    """
    if not isinstance(histories, pd.DataFrame):
        raise TypeError(
            f"histories: got {type(histories).__name__}; allowed: a DataFrame from "
            "cilib.generate_histories"
        )
    missing = [c for c in _CI_COLUMNS if c not in histories.columns]
    if missing:
        raise ValueError(
            f"histories: missing columns {missing}; allowed: a DataFrame from "
            "cilib.generate_histories"
        )
    if assumptions is not None and not isinstance(assumptions, Assumptions):
        raise TypeError(
            f"assumptions: got {type(assumptions).__name__}; allowed: a cilib.Assumptions"
        )
    a = assumptions if assumptions is not None else Assumptions.default()
    h = histories.sort_values(["woman_id", "pregnancy_number"], kind="stable")
    number = h["pregnancy_number"].to_numpy()
    p = int(number.max()) if len(h) else 0
    if p < 2:
        raise ValueError(
            f"histories: got {p} pregnancies per woman; allowed: at least 2 (pairs k, k+1)"
        )
    if len(h) % p or not np.array_equal(
        number.reshape(-1, p), np.tile(np.arange(1, p + 1), (len(h) // p, 1))
    ):
        raise ValueError(
            f"histories: every woman needs pregnancies 1 to {p}; allowed: a DataFrame from "
            "cilib.generate_histories (not a subset of its rows)"
        )
    lw = a["loss_before_weeks"]
    t2 = SECOND_TRIMESTER_FROM_WEEKS
    ga = h["ga_birth_weeks"].to_numpy(np.float64).reshape(-1, p)
    spont = (h["onset"] == "spontaneous").to_numpy().reshape(-1, p)
    painless = spont & (h["spontaneous_type"] == "painless_dilation").to_numpy().reshape(-1, p)
    loss = spont & (ga >= t2) & (ga < lw)
    previous_loss = np.zeros_like(loss)
    previous_loss[:, 1:] = loss[:, :-1]
    t14 = STRICT_CI_FROM_WEEKS
    conditions = (
        painless & (ga >= t14) & (ga < STRICT_CI_BEFORE_WEEKS),
        painless & (ga >= t14) & (ga < lw),
        loss,
        spont & (ga >= t14) & (ga < STRICT_CI_BEFORE_WEEKS),
        previous_loss & loss,
    )
    next_outcomes = np.stack(
        [
            ga < STRICT_CI_BEFORE_WEEKS,
            ga < CI_OUTCOME_BEFORE_WEEKS,
            spont & (ga < lw),
            painless & (ga < lw),
            ga >= lw,
        ]
    )[:, :, 1:]  # (outcome, woman, pregnancy k+1)
    if "cerclage_given" in h.columns:
        cerclage = h["cerclage_given"].to_numpy(dtype=bool).reshape(-1, p)[:, 1:]
    else:
        cerclage = np.zeros((len(h) // p, p - 1), dtype=bool)
    rows = []
    for label, condition in zip(ci_definitions(a), conditions, strict=True):
        for group, in_group in zip(CERCLAGE_GROUPS, (~cerclage, cerclage), strict=True):
            pair = condition[:, :-1] & in_group  # (woman, k) for k = 1..p-1
            women = int(pair.sum())
            if women == 0:
                continue
            events = next_outcomes[:, pair].sum(axis=1)  # pair selects (woman, k)
            rows.extend(
                (label, group, women, o, int(e)) for o, e in zip(CI_OUTCOMES, events, strict=True)
            )
    table = pd.DataFrame(rows, columns=["definition", "cerclage", "women", "outcome", "events"])
    table = table.astype({"women": np.int64, "events": np.int64})
    n, k = table["women"].to_numpy(float), table["events"].to_numpy(float)
    lo, hi = wilson_interval(k, n)
    table["probability"] = k / n
    table["ci_low"], table["ci_high"] = lo, hi
    table.attrs.update(histories.attrs)
    table.attrs["loss_before_weeks"] = float(lw)
    return table
