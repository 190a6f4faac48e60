"""Recurrence across pregnancies: preterm birth by earlier outcome, cervical insufficiency.

:func:`recurrence_table` gives the probability of an outcome in pregnancy k+1 by the outcome of
pregnancy k (or by the sequence of earlier outcomes); :func:`ci_recurrence` the recurrence after
cervical insufficiency under its different definitions, by cerclage in the next pregnancy. Both
read a frame of :func:`cilib.generate_histories` and use the assumptions it carries (or those
given); intervals are Wilson 95% CIs (:func:`cilib.stats.wilson_interval`).

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from cilib.model.schema import spontaneous
from cilib.params.assumptions import Assumptions, resolve
from cilib.params.definitions import SPTB_BANDS_WEEKS
from cilib.params.validation import shown
from cilib.stats import wilson_interval

__all__ = [
    "CERCLAGE_GROUPS",
    "CI_OUTCOMES",
    "CI_OUTCOME_BEFORE_WEEKS",
    "CI_RECURRENCE_SOURCES",
    "EVENTS",
    "SECOND_TRIMESTER_FROM_WEEKS",
    "STRICT_CI_BEFORE_WEEKS",
    "STRICT_CI_FROM_WEEKS",
    "ci_definitions",
    "ci_recurrence",
    "recurrence_table",
]

#: Events of :func:`recurrence_table`.
EVENTS = ("sptb_lt37", "sptb_lt34", "sptb_lt28", "midtrimester_loss")


def _events(h: pd.DataFrame, a: Assumptions) -> dict[str, np.ndarray]:
    ga = h["ga_birth_weeks"].to_numpy()
    spont = spontaneous(h)
    born = ga >= a["loss_before_weeks"]
    return {
        "sptb_lt37": spont & born & (ga < a["preterm_before_weeks"]),
        "sptb_lt34": spont & born & (ga < SPTB_BANDS_WEEKS[1]),
        "sptb_lt28": spont & born & (ga < SPTB_BANDS_WEEKS[0]),
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
        For the definitions; by default those the histories carry
        (:func:`cilib.assumptions_of`, which raises if they carry none).

    Returns
    -------
    DataFrame
        One row per earlier-outcome pattern: ``history``, ``pregnancies`` (next pregnancies
        counted), ``events``, ``probability``, ``ci_low``, ``ci_high`` (Wilson 95%).
    """
    a = _check_histories(histories, assumptions, _TABLE_COLUMNS)
    if not isinstance(event, str) or event not in EVENTS:
        raise ValueError(f"event: got {shown(event)}; allowed: {', '.join(EVENTS)}")
    h, p = _by_woman(histories)
    if isinstance(history, bool) or not isinstance(history, numbers.Integral):
        raise TypeError(f"history: got {shown(history)}; allowed: an integer 1 to {p - 1}")
    if not 1 <= history <= p - 1:
        raise ValueError(f"history: got {shown(history)}; allowed: an integer 1 to {p - 1}")
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
#: Columns :func:`recurrence_table` reads.
_TABLE_COLUMNS = (*_CI_COLUMNS, "midtrimester_loss", "outcome")


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
        For ``loss_before_weeks``; by default those the histories carry
        (:func:`cilib.assumptions_of`, which raises if they carry none).

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
    Citation keys of :data:`cilib.params.references.REFERENCES`: ``danish_ci_cohort`` (strict
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
    a = _check_histories(histories, assumptions)
    h, p = _by_woman(histories)
    lw = a["loss_before_weeks"]
    ga = h["ga_birth_weeks"].to_numpy(np.float64).reshape(-1, p)
    spont = spontaneous(h).reshape(-1, p)
    painless = spont & (h["spontaneous_type"] == "painless_dilation").to_numpy().reshape(-1, p)
    conditions = _ci_conditions(ga, spont, painless, lw)
    next_outcomes = np.stack(
        [
            ga < STRICT_CI_BEFORE_WEEKS,
            ga < CI_OUTCOME_BEFORE_WEEKS,
            spont & (ga < lw),
            painless & (ga < lw),
            ga >= lw,
        ]
    )[:, :, 1:]  # (outcome, woman, pregnancy k+1), in the order of CI_OUTCOMES
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
    table = _with_wilson(
        pd.DataFrame(rows, columns=["definition", "cerclage", "women", "outcome", "events"])
    )
    table.attrs.update(histories.attrs)
    table.attrs["loss_before_weeks"] = float(lw)
    return table


def _check_histories(
    histories, assumptions: Assumptions | None, columns: tuple[str, ...] = _CI_COLUMNS
) -> Assumptions:
    """The assumptions to read ``histories`` with, after checking its type and ``columns``."""
    if not isinstance(histories, pd.DataFrame):
        raise TypeError(
            f"histories: got {type(histories).__name__}; allowed: a DataFrame from "
            "cilib.generate_histories"
        )
    missing = [c for c in columns if c not in histories.columns]
    if missing:
        raise ValueError(
            f"histories: missing columns {missing}; allowed: a DataFrame from "
            "cilib.generate_histories"
        )
    return resolve(histories, assumptions, name="histories")


def _by_woman(histories: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Rows sorted by woman then pregnancy, and the number of pregnancies per woman (>= 2)."""
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
    return h, p


def _ci_conditions(ga, spont, painless, lw: float) -> tuple[np.ndarray, ...]:
    """Each definition of cervical insufficiency met by each pregnancy (:func:`ci_definitions`
    order), arrays of shape (woman, pregnancy)."""
    loss = spont & (ga >= SECOND_TRIMESTER_FROM_WEEKS) & (ga < lw)
    previous_loss = np.zeros_like(loss)
    previous_loss[:, 1:] = loss[:, :-1]
    t14 = STRICT_CI_FROM_WEEKS
    return (
        painless & (ga >= t14) & (ga < STRICT_CI_BEFORE_WEEKS),
        painless & (ga >= t14) & (ga < lw),
        loss,
        spont & (ga >= t14) & (ga < STRICT_CI_BEFORE_WEEKS),
        previous_loss & loss,
    )


def _with_wilson(table: pd.DataFrame) -> pd.DataFrame:
    """``probability``, ``ci_low`` and ``ci_high`` (Wilson 95%) of ``events`` among ``women``."""
    table = table.astype({"women": np.int64, "events": np.int64})
    n, k = table["women"].to_numpy(float), table["events"].to_numpy(float)
    lo, hi = wilson_interval(k, n)
    table["probability"] = k / n
    table["ci_low"], table["ci_high"] = lo, hi
    return table
