"""Reproductive histories and recurrence tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib.histories import OUTCOMES


@pytest.fixture(scope="module")
def histories():
    return cilib.generate_histories(60_000, pregnancies=3, seed=2)


def test_layout_and_reproducibility(histories):
    h = histories
    assert len(h) == 180_000 and h["pregnancy_number"].tolist()[:6] == [1, 2, 3, 1, 2, 3]
    traits = ["race_ethnicity", "cervical_insufficiency", "log_frailty"]
    per_woman = h.groupby("woman_id")[traits].nunique()
    assert (per_woman == 1).all().all(), (
        "lasting traits are the same in all of a woman's pregnancies"
    )
    small = cilib.generate_histories(500, pregnancies=3, seed=2)
    pd.testing.assert_frame_equal(small, h.iloc[:1500], obj="prefix of the histories")
    assert set(h["outcome"].cat.categories) == set(OUTCOMES)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"n_women": 0, "seed": 1}, "n_women"),
        ({"n_women": 5, "pregnancies": 11, "seed": 1}, "pregnancies"),
        ({"n_women": 5, "seed": -1}, "seed"),
    ],
)
def test_bad_input(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        cilib.generate_histories(**kwargs)


def test_recurrence_after_sptb_exceeds_recurrence_after_term(histories):
    t = cilib.recurrence_table(histories, event="sptb_lt37").set_index("history")
    for band in ("sPTB <28", "sPTB 28-33", "sPTB 34-36", "loss"):
        assert t.loc[band, "ci_low"] > t.loc["term", "ci_high"], (
            f"sPTB after {band} ({t.loc[band, 'probability']:.3f}) should exceed after term "
            f"({t.loc['term', 'probability']:.3f})"
        )
    assert t["pregnancies"].sum() == 2 * 60_000, "pregnancies 2 and 3 are both counted"


def test_sequences(histories):
    t = cilib.recurrence_table(histories, event="sptb_lt34", history=2)
    assert t["history"].str.contains(" > ").all() and t["pregnancies"].sum() == 60_000
    with pytest.raises(ValueError, match="history"):
        cilib.recurrence_table(histories, history=3)
    with pytest.raises(ValueError, match="event"):
        cilib.recurrence_table(histories, event="ptb")


def test_histories_agree_with_the_cohorts_obstetric_history():
    """A cohort woman with exactly one earlier pregnancy had it as her first pregnancy, so the
    share with a prior sPTB must equal the sPTB rate of first pregnancies in the histories.
    Tolerance: 4 standard errors of the difference of two independent proportions."""
    c = cilib.generate_cohort(200_000, seed=3)
    one = c[c["n_prior_pregnancies"] == 1]
    p_cohort = one["prior_sptb"].mean()
    h = cilib.generate_histories(100_000, pregnancies=1, seed=3)
    ga = h["ga_birth_weeks"]
    a = cilib.Assumptions.default()
    sptb = (
        (h["onset"] == "spontaneous")
        & (ga >= a["loss_before_weeks"])
        & (ga < a["preterm_before_weeks"])
    )
    p_hist = sptb.mean()
    se = np.sqrt(p_cohort * (1 - p_cohort) / len(one) + p_hist * (1 - p_hist) / len(h))
    assert abs(p_cohort - p_hist) < 4 * se, f"cohort {p_cohort:.4f} vs histories {p_hist:.4f}"
    losses = one["prior_midtrimester_losses"].gt(0).mean()
    p_loss = h["midtrimester_loss"].mean()
    se = np.sqrt(losses * (1 - losses) / len(one) + p_loss * (1 - p_loss) / len(h))
    assert abs(losses - p_loss) < 4 * se, f"losses: cohort {losses:.4f} vs histories {p_loss:.4f}"


def test_managed_histories_use_what_earlier_pregnancies_revealed():
    plain = cilib.generate_histories(20_000, pregnancies=3, seed=4)
    none = cilib.generate_histories(20_000, pregnancies=3, seed=4, policy="no_screening")
    assert np.array_equal(plain["ga_birth_weeks"], none["ga_birth_weeks"]), (
        "a policy that treats nobody must leave the histories untouched"
    )
    h = cilib.generate_histories(20_000, pregnancies=3, seed=4, policy="acog_2021")
    c = h["cerclage_given"].to_numpy().reshape(-1, 3)
    assert c[:, 1:].sum() > c[:, 0].sum(), "history-indicated cerclage follows earlier pregnancies"
    loss1 = h["midtrimester_loss"].to_numpy().reshape(-1, 3)[:, 0]
    plural2 = (h["plurality"] != "singleton").to_numpy().reshape(-1, 3)[:, 1]
    ended2 = h["ga_birth_weeks"].to_numpy().reshape(-1, 3)[:, 1] <= 14
    eligible = loss1 & ~plural2 & ~ended2
    assert eligible.sum() > 20 and c[eligible, 1].mean() > 0.9, (
        "after a mid-trimester loss, ACOG's history-indicated cerclage is placed next time"
    )
    ga_plain = plain["ga_birth_weeks"].to_numpy().reshape(-1, 3)
    ga = h["ga_birth_weeks"].to_numpy().reshape(-1, 3)
    # protective treatments never bring a birth earlier (same latent draws; float32 rounding)
    assert (ga >= ga_plain - 1e-5).all(), "managed pregnancies never end earlier"
