"""Reproductive histories and recurrence tables."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib import policies
from cilib.analysis.recurrence import (
    CI_OUTCOMES,
    CI_RECURRENCE_SOURCES,
    SECOND_TRIMESTER_FROM_WEEKS,
    STRICT_CI_BEFORE_WEEKS,
    STRICT_CI_FROM_WEEKS,
    ci_definitions,
)
from cilib.model.histories import OUTCOMES
from cilib.params.references import REFERENCES


@pytest.fixture(scope="module")
def histories():
    return cilib.generate_histories(60_000, pregnancies=3, seed=2)


def test_layout_and_reproducibility(histories):
    h = histories
    assert len(h) == 180_000, f"60,000 women x 3 pregnancies expected, got {len(h)} rows"
    first = h["pregnancy_number"].tolist()[:6]
    assert first == [1, 2, 3, 1, 2, 3], f"pregnancies expected woman by woman, got {first}"
    traits = ["race_ethnicity", "cervical_insufficiency", "log_frailty"]
    per_woman = h.groupby("woman_id")[traits].nunique()
    assert (per_woman == 1).all().all(), (
        "lasting traits are the same in all of a woman's pregnancies"
    )
    small = cilib.generate_histories(500, pregnancies=3, seed=2)
    pd.testing.assert_frame_equal(small, h.iloc[:1500], obj="prefix of the histories")
    got = set(h["outcome"].cat.categories)
    assert got == set(OUTCOMES), f"outcome categories {sorted(OUTCOMES)} expected, got {got}"


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
    # The table's own Wilson 95% intervals must not overlap: for similar SEs that needs a
    # difference of about 1.96 x sqrt(2) = 2.8 SEs (one-sided ~0.3%); the seed is fixed.
    for band in ("sPTB <28", "sPTB 28-33", "sPTB 34-36", "loss"):
        assert t.loc[band, "ci_low"] > t.loc["term", "ci_high"], (
            f"sPTB after {band} ({t.loc[band, 'probability']:.3f}) should exceed after term "
            f"({t.loc['term', 'probability']:.3f})"
        )
    assert t["pregnancies"].sum() == 2 * 60_000, "pregnancies 2 and 3 are both counted"


def test_sequences(histories):
    t = cilib.recurrence_table(histories, event="sptb_lt34", history=2)
    assert t["history"].str.contains(" > ").all(), "history=2 labels are sequences 'a > b'"
    assert t["pregnancies"].sum() == 60_000, (
        f"one third pregnancy per woman expected (60,000), got {t['pregnancies'].sum()}"
    )
    with pytest.raises(ValueError, match="history"):
        cilib.recurrence_table(histories, history=3)
    with pytest.raises(ValueError, match="event"):
        cilib.recurrence_table(histories, event="ptb")


def test_histories_agree_with_the_cohorts_obstetric_history():
    """A cohort woman with exactly one earlier pregnancy had it as her first pregnancy, so the
    share with a prior sPTB must equal the sPTB rate of first pregnancies in the histories.
    Tolerance: 4 standard errors of the difference of two independent proportions (two-sided
    false-alarm rate 6e-5 per comparison)."""
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
    # binomial SE of the difference (~68,000 cohort women vs 100,000 first pregnancies), z = 4
    se = np.sqrt(p_cohort * (1 - p_cohort) / len(one) + p_hist * (1 - p_hist) / len(h))
    assert abs(p_cohort - p_hist) < 4 * se, f"cohort {p_cohort:.4f} vs histories {p_hist:.4f}"
    losses = one["prior_midtrimester_losses"].gt(0).mean()
    p_loss = h["midtrimester_loss"].mean()
    se = np.sqrt(losses * (1 - losses) / len(one) + p_loss * (1 - p_loss) / len(h))  # as above
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
    painless1 = loss1 & (h["end_cause"] == "dilation").to_numpy().reshape(-1, 3)[:, 0]
    plural2 = (h["plurality"] != "singleton").to_numpy().reshape(-1, 3)[:, 1]
    ended2 = h["ga_birth_weeks"].to_numpy().reshape(-1, 3)[:, 1] <= 14
    eligible = painless1 & ~plural2 & ~ended2
    assert eligible.sum() > 20, f"the test needs women with a painless loss, got {eligible.sum()}"
    # The rule is deterministic (acog_2021, PB 142: every singleton after a mid-trimester loss
    # by painless dilation gets a cerclage at 13 wk if still pregnant), so all of them.
    missed = int((~c[eligible, 1]).sum())
    assert missed == 0, (
        "after a painless mid-trimester loss, ACOG's history-indicated cerclage is placed next "
        f"time: {missed} of {eligible.sum()} singletons ongoing at 14 wk got none"
    )
    # a loss from another cause (a sporadic loss, labour, rupture) is not a PB 142 indication
    other = loss1 & ~painless1 & ~plural2 & ~ended2
    no_other_reason = ~c[:, 0]  # the first pregnancy had no cerclage (PB 142's other reason)
    early_stitch = c[:, 1] & (h["cerclage_start_weeks"].to_numpy().reshape(-1, 3)[:, 1] < 14)
    assert other.sum() > 20, f"the test needs other losses, got {other.sum()}"
    assert not early_stitch[other & no_other_reason].any(), (
        "a history-indicated cerclage followed a loss that was not painless"
    )
    ga_plain = plain["ga_birth_weeks"].to_numpy().reshape(-1, 3)
    ga = h["ga_birth_weeks"].to_numpy().reshape(-1, 3)
    # protective treatments never bring a birth earlier (same latent draws; float32 rounding)
    assert (ga >= ga_plain - 1e-5).all(), "managed pregnancies never end earlier"


# ------------------------------------------------------ recurrence of cervical insufficiency
@pytest.fixture(scope="module")
def untreated():
    return cilib.generate_histories(40_000, pregnancies=3, seed=21)


@pytest.fixture(scope="module")
def managed():
    return cilib.generate_histories(20_000, pregnancies=3, seed=21, policy="acog_2021")


def _matrices(h):
    """(woman, pregnancy) arrays of gestation, spontaneous end and painless dilation."""
    ga = h["ga_birth_weeks"].to_numpy().reshape(-1, 3)
    spont = (h["onset"] == "spontaneous").to_numpy().reshape(-1, 3)
    painless = spont & (h["spontaneous_type"] == "painless_dilation").to_numpy().reshape(-1, 3)
    return ga, spont, painless


def test_ci_recurrence_counts_match_a_direct_count(untreated):
    a = cilib.Assumptions.default()
    lw = a["loss_before_weeks"]
    t = cilib.ci_recurrence(untreated)
    strict_label, _, any_loss_label, *_ = ci_definitions()
    ga, spont, painless = _matrices(untreated)
    second = ga >= SECOND_TRIMESTER_FROM_WEEKS
    conditions = {
        strict_label: painless & (ga >= STRICT_CI_FROM_WEEKS) & (ga < STRICT_CI_BEFORE_WEEKS),
        any_loss_label: spont & second & (ga < lw),
    }
    outcomes = {"ends_lt28": ga < STRICT_CI_BEFORE_WEEKS, "painless_loss": painless & (ga < lw)}
    for label, cond in conditions.items():
        women = int(cond[:, :2].sum())  # pairs 1->2 and 2->3
        assert women > 50, f"{label}: too few women ({women}) for the test to mean anything"
        for outcome, y in outcomes.items():
            row = t[(t["definition"] == label) & (t["outcome"] == outcome)]
            assert len(row) == 1, f"{label}, {outcome}: one row expected (untreated), got {row}"
            events = int((cond[:, :2] & y[:, 1:]).sum())
            assert row["women"].item() == women, f"{label}: women {row['women'].item()} != {women}"
            assert row["events"].item() == events, (
                f"{label}, {outcome}: events {row['events'].item()} != direct count {events}"
            )


def test_ci_recurrence_untreated_has_no_cerclage_group_and_valid_rates(untreated):
    t = cilib.ci_recurrence(untreated)
    assert set(t["cerclage"]) == {"none"}, "untreated histories: every pair is 'none'"
    assert list(dict.fromkeys(t["definition"])) == list(ci_definitions()), (
        "all five definitions occur, in the documented order"
    )
    for _, g in t.groupby(["definition", "cerclage"], sort=False):
        assert g["outcome"].tolist() == list(CI_OUTCOMES), "outcomes in the documented order"
        assert g["women"].nunique() == 1, "one denominator per group"
    assert (t["events"] <= t["women"]).all(), "events cannot exceed women"
    assert (t["women"] > 0).all(), "every listed group has women"
    p, lo, hi = t["probability"], t["ci_low"], t["ci_high"]
    assert ((lo <= p) & (p <= hi)).all(), "the CI must contain the estimate"
    assert ((lo >= 0) & (hi <= 1)).all(), "probabilities and limits in [0, 1]"
    by = t.set_index(["definition", "outcome"])["probability"]
    for d in ci_definitions():
        total = by[(d, "midtrimester_loss")] + by[(d, "live_birth_24w")]
        # 1e-12: floating-point rounding of the sum of two ratios of counts
        assert total <= 1 + 1e-12, f"{d}: a pregnancy cannot be both a loss and a birth"
        assert by[(d, "ends_lt28")] <= by[(d, "ends_lt34")], f"{d}: <28 wk is within <34 wk"


def test_ci_recurrence_two_losses_need_an_earlier_pregnancy(untreated):
    a = cilib.Assumptions.default()
    ga, spont, _ = _matrices(untreated)
    loss = spont & (ga >= SECOND_TRIMESTER_FROM_WEEKS) & (ga < a["loss_before_weeks"])
    t = cilib.ci_recurrence(untreated)
    two = t[t["definition"] == "two losses in a row"]
    expected = int((loss[:, 0] & loss[:, 1]).sum())  # only the pair 2->3 (k = 2)
    assert expected > 0, "the event the test depends on must happen"
    assert (two["women"] == expected).all(), f"{two['women'].iloc[0]} pairs, expected {expected}"
    first_two = untreated[untreated["pregnancy_number"] <= 2]
    t2 = cilib.ci_recurrence(first_two)  # two pregnancies: no k >= 2
    assert "two losses in a row" not in set(t2["definition"]), "needs k >= 2"
    assert len(set(t2["definition"])) == 4, "the other definitions still have women"


def test_ci_recurrence_splits_by_cerclage_in_the_next_pregnancy(managed):
    a = cilib.Assumptions.default()
    t = cilib.ci_recurrence(managed)
    label = ci_definitions()[2]
    groups = t[(t["definition"] == label) & (t["outcome"] == "ends_lt28")]
    assert set(groups["cerclage"]) == {"none", "cerclage"}, (
        f"after a loss under acog_2021 some get a cerclage and some do not: {groups}"
    )
    ga, spont, _ = _matrices(managed)
    cerclage = managed["cerclage_given"].to_numpy().reshape(-1, 3)
    loss = spont & (ga >= SECOND_TRIMESTER_FROM_WEEKS) & (ga < a["loss_before_weeks"])
    w = groups.set_index("cerclage")["women"]
    assert w["cerclage"] == int((loss[:, :2] & cerclage[:, 1:]).sum()), (
        "every pair with a cerclage in pregnancy k+1 is in the 'cerclage' group"
    )
    want = int((loss[:, :2] & ~cerclage[:, 1:]).sum())
    assert w["none"] == want, f"'none' group: {want} pairs expected, got {w['none']}"
    # PB 142's history-indicated cerclage follows painless losses, not all losses: both groups
    # are present (checked above) and the painless-loss pairs mostly got one
    painless = loss & (managed["end_cause"] == "dilation").to_numpy().reshape(-1, 3)
    stitched = int((painless[:, :2] & cerclage[:, 1:]).sum())
    assert stitched > int((painless[:, :2] & ~cerclage[:, 1:]).sum()), (
        "ACOG's history-indicated cerclage follows most painless losses"
    )


@pytest.mark.parametrize(
    ("case", "error", "fragment"),
    [
        ("not a frame", TypeError, "histories: got list"),
        ("no onset", ValueError, "histories: missing columns \\['onset'\\]"),
        ("one pregnancy", ValueError, "histories: got 1 pregnancies per woman"),
        ("a subset of rows", ValueError, "histories: every woman needs pregnancies 1 to 2"),
    ],
)
def test_ci_recurrence_bad_input(case, error, fragment):
    h = cilib.generate_histories(200, pregnancies=2, seed=1)
    arg = {
        "not a frame": [1, 2, 3],
        "no onset": h.drop(columns=["onset"]),
        "one pregnancy": cilib.generate_histories(50, pregnancies=1, seed=1),
        "a subset of rows": h.iloc[1:],
    }[case]
    with pytest.raises(error, match=fragment):
        cilib.ci_recurrence(arg)


def test_ci_recurrence_bad_assumptions():
    h = cilib.generate_histories(200, pregnancies=2, seed=1)
    with pytest.raises(TypeError, match="assumptions"):
        cilib.ci_recurrence(h, assumptions={"loss_before_weeks": 24})


def test_ci_recurrence_sources_are_registered():
    missing = [k for k in CI_RECURRENCE_SOURCES if k not in REFERENCES]
    assert not missing, f"unknown citation keys {missing}"
    assert cilib.ci_recurrence.__doc__ is not None, "ci_recurrence needs a docstring"
    for key in CI_RECURRENCE_SOURCES:
        assert key in cilib.ci_recurrence.__doc__, f"{key} must be cited in the docstring"


def test_managed_pregnancies_of_different_seeds_share_no_draws():
    """cilib 0.1 managed pregnancy k under seed s with seed s + 7919 k, so pregnancy 2 of
    seed 1 drew what pregnancy 1 of seed 7920 drew (issue 11). Each pregnancy number is now a
    stage of the stream registry, with streams of its own: the shared-decision draws a policy
    sees differ between every pregnancy of two histories with different seeds."""
    seen: list[np.ndarray] = []

    @policies.policy("record the shared-decision draws")
    def record(cohort, screened, a, *, seed):
        seen.append(policies.preference(cohort, seed))
        return policies.starts(cohort)

    for seed in (1, 1 + 7919):
        cilib.generate_histories(500, pregnancies=2, seed=seed, policy=record)
    assert len(seen) == 4, f"two pregnancies under two seeds: 4 calls expected, got {len(seen)}"
    for i, j in itertools.combinations(range(4), 2):
        assert not np.array_equal(seen[i], seen[j]), (
            f"calls {i} and {j} drew the same shared-decision uniforms"
        )
