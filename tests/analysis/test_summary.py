"""Tests of cilib.summary: documented columns, denominators (infants, not pregnancies) and CIs.

No test depends on a calibrated value: expectations come from the assumptions themselves, from
hand-made frames, or from Monte-Carlo error bounds at the cohort size used.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib.analysis import summary
from cilib.model import population
from cilib.model.schema import (
    ONSET_CATEGORIES,
    PLURALITY_CATEGORIES,
    RACE_CATEGORIES,
)

N = 20_000
SEED = 11

PREVALENCE_COLUMNS = [
    "risk_factor",
    "column",
    "n",
    "count",
    "simulated",
    "ci_low",
    "ci_high",
    "record",
    "value",
    "low",
    "high",
    "sources",
    "comparison",
]
GESTATION_COLUMNS = ["band", "lower_weeks", "upper_weeks", "onset", "births", "infants", "percent"]
PRETERM_COLUMNS = [
    "group_type",
    "group",
    "births",
    "infants",
    "preterm_infants",
    "ptb_percent",
    "ci_low_percent",
    "ci_high_percent",
    "target_key",
    "published_percent",
    "lower_percent",
    "upper_percent",
]
RISK_FACTORS = [
    "smoking",
    "bacterial vaginosis",
    "chlamydia",
    "cervical excision",
    "Mullerian anomaly",
    "DES exposure",
    "connective-tissue disorder",
    "trachelectomy",
    "cervical insufficiency",
    "twins",
    "nulliparous",
    "prior sPTB",
    "prior mid-trimester loss",
]


@pytest.fixture(scope="module")
def assumptions():
    return cilib.Assumptions.default()


@pytest.fixture(scope="module")
def cohort(assumptions):
    return cilib.generate_cohort(N, seed=SEED, assumptions=assumptions)


def _tiny_frame(plurality: list[str]) -> pd.DataFrame:
    """Hand-made cohort rows: only the columns the summaries read."""
    ga = [30.0, 35.0, 39.0, 33.0, 20.0, 38.0, 22.0]
    onset = [
        "spontaneous",
        "indicated",
        "spontaneous",
        "spontaneous",
        "spontaneous",
        "spontaneous",
        "indicated",
    ]
    loss = [False, False, False, False, True, False, False]
    race = ["NH White", "NH Black", "NH Black", "Hispanic", "NH White", "NH White", "Other"]
    return pd.DataFrame(
        {
            "race_ethnicity": pd.Categorical(race, categories=list(RACE_CATEGORIES)),
            "plurality": pd.Categorical(plurality, categories=list(PLURALITY_CATEGORIES)),
            "ga_birth_weeks": ga,
            "onset": pd.Categorical(onset, categories=list(ONSET_CATEGORIES)),
            "midtrimester_loss": loss,
        }
    )


TINY_PLURALITY = ["singleton", "twin", "singleton", "triplet", "singleton", "twin", "singleton"]


# ------------------------------------------------------------------------------- prevalence
def test_prevalence_table_has_documented_columns_and_rows(cohort, assumptions):
    t = summary.prevalence_table(cohort, assumptions)
    assert list(t.columns) == PREVALENCE_COLUMNS, f"columns: got {list(t.columns)}"
    assert t["risk_factor"].tolist() == RISK_FACTORS, f"rows: got {t['risk_factor'].tolist()}"
    assert (t["n"] == N).all(), "every prevalence should count all index pregnancies"
    inside = (t["ci_low"] <= t["simulated"]) & (t["simulated"] <= t["ci_high"])
    assert inside.all(), f"CI does not contain the estimate for {t.loc[~inside, 'risk_factor']}"
    assert t[["simulated", "ci_low", "ci_high"]].stack().between(0, 1).all(), (
        "prevalences and CIs must be proportions in [0, 1]"
    )


def test_prevalence_records_are_the_assumptions(cohort, assumptions):
    t = summary.prevalence_table(cohort, assumptions).set_index("risk_factor")
    for name in ("smoking", "chlamydia", "twins", "trachelectomy"):
        rec = assumptions.record(t.loc[name, "record"])
        got = t.loc[name, ["value", "low", "high"]].tolist()
        assert got == [rec.value, rec.low, rec.high], (
            f"{name}: expected value/low/high of {rec.name} {rec.value, rec.low, rec.high}, "
            f"got {got}"
        )
        assert t.loc[name, "sources"] == ", ".join(rec.sources), f"{name}: sources differ"
    emergent = t.loc[["nulliparous", "prior sPTB", "prior mid-trimester loss"]]
    assert (emergent["record"] == "").all() and emergent["value"].isna().all(), (
        "emergent rows should name no record and have no value"
    )


@pytest.mark.parametrize(
    "factor", ["smoking", "chlamydia", "cervical excision", "Mullerian anomaly", "twins"]
)
def test_directly_drawn_prevalence_matches_record_within_mc_error(cohort, assumptions, factor):
    row = summary.prevalence_table(cohort, assumptions).set_index("risk_factor").loc[factor]
    # binomial Monte-Carlo error at n = 20,000, z = 4 (two-sided false-alarm rate 6e-5)
    se = math.sqrt(row.value * (1 - row.value) / row.n)
    assert abs(row.simulated - row.value) <= 4 * se, (
        f"{factor}: simulated {row.simulated:.4f} vs record {row.value:.4f}; expected within "
        f"4 binomial SEs ({4 * se:.4f}) at n={row.n}"
    )


def test_bv_expectation_is_population_weighted(assumptions):
    bv = {name: 0.1 * (i + 1) for i, name in enumerate(population.BV_RECORDS.values())}
    a = assumptions.replace(**bv)
    shares = {g: a[r] for g, r in population.RACE_SHARE_RECORDS.items()}
    shares["NH White"] = 1 - sum(shares.values())
    expected = sum(shares[g] * bv[r] for g, r in population.BV_RECORDS.items())
    c = cilib.generate_cohort(N, seed=SEED, assumptions=a)
    row = summary.prevalence_table(c, a).set_index("risk_factor").loc["bacterial vaginosis"]
    # rel=1e-12: floating-point only, the same weighted sum in another order
    assert row.value == pytest.approx(expected, rel=1e-12), (
        f"BV expectation: expected sum(share x p_bv) = {expected}, got {row.value}"
    )
    se = math.sqrt(expected * (1 - expected) / N)  # binomial, z = 4 as above
    assert abs(row.simulated - expected) <= 4 * se, (
        f"BV simulated {row.simulated:.4f} vs population-weighted {expected:.4f} (4 SE {4 * se:.4f})"
    )


# ------------------------------------------------------------------------------- gestation
def test_gestation_distribution_counts_infants_and_drops_losses():
    # a hand-made frame carries no assumptions: they are given explicitly
    t = summary.gestation_distribution(
        _tiny_frame(TINY_PLURALITY), assumptions=cilib.Assumptions.default()
    )
    assert list(t.columns) == GESTATION_COLUMNS, f"columns: got {list(t.columns)}"
    infants = t.set_index(["band", "onset"], drop=True)["infants"]
    expected = {
        ("28-31", "spontaneous"): 1,  # singleton at 30 wk
        ("32-33", "spontaneous"): 3,  # triplets at 33 wk
        ("34-36", "indicated"): 2,  # twins at 35 wk
        ("37-38", "spontaneous"): 2,  # twins at 38 wk
        ("39-40", "spontaneous"): 1,  # singleton at 39 wk
    }
    for key, n in expected.items():
        assert infants[key] == n, f"{key}: expected {n} infants, got {infants[key]}"
    assert infants.sum() == 9, (
        f"expected 9 infants (losses at 20 and 22 wk excluded), got {infants.sum()}"
    )
    # pytest.approx default (rel 1e-6): floating-point only, shares of 9 infants
    assert t["percent"].sum() == pytest.approx(100), "percent should sum to 100"
    assert t.loc[t["band"] == "32-33", "percent"].sum() == pytest.approx(100 * 3 / 9), (
        "triplets should weigh 3 infants out of 9"
    )
    assert t.loc[t["band"] == "32-33", "births"].sum() == 1, "births count pregnancies"


def test_gestation_distribution_default_bands(cohort):
    t = summary.gestation_distribution(cohort)
    bands = ["<28", "28-31", "32-33", "34-36", "37-38", "39-40", ">=41"]
    assert list(t["band"].cat.categories) == bands, f"bands: got {t['band'].cat.categories}"
    assert len(t) == len(bands) * len(ONSET_CATEGORIES), f"expected band x onset rows: {len(t)}"
    # pytest.approx default (rel 1e-6): floating-point only, the bands cover every birth
    assert t["percent"].sum() == pytest.approx(100), "percent should sum to 100"
    born = cohort["ga_birth_weeks"] >= cilib.Assumptions.default()["loss_before_weeks"]
    infants = (cohort["plurality"].cat.codes + 1)[born].sum()
    assert t["infants"].sum() == infants, f"expected {infants} infants, got {t['infants'].sum()}"


def test_gestation_distribution_custom_bins_and_errors(cohort):
    t = summary.gestation_distribution(cohort, bins_weeks=[32, 37])
    assert list(t["band"].cat.categories) == ["<32", "32-36", ">=37"], (
        f"custom bands: got {list(t['band'].cat.categories)}"
    )
    with pytest.raises(ValueError, match="bins_weeks"):
        summary.gestation_distribution(cohort, bins_weeks=[37, 32])


# ------------------------------------------------------------------------------- preterm
def test_preterm_rates_infant_weighting_on_tiny_frame():
    a = cilib.Assumptions.default()
    t = summary.preterm_rates(_tiny_frame(TINY_PLURALITY), a)
    assert list(t.columns) == PRETERM_COLUMNS, f"columns: got {list(t.columns)}"
    row = t.loc[t["group_type"] == "all"].iloc[0]
    assert (row.births, row.infants, row.preterm_infants) == (5, 9, 6), (
        f"expected 5 births, 9 infants, 6 preterm infants, got "
        f"{(row.births, row.infants, row.preterm_infants)}"
    )
    # pytest.approx default (rel 1e-6): floating-point only
    assert row.ptb_percent == pytest.approx(100 * 6 / 9), f"expected 66.7%, got {row.ptb_percent}"
    by = t.set_index("group")
    assert by.loc["twin", "infants"] == 4 and by.loc["twin", "preterm_infants"] == 2, (
        "two twin pregnancies = 4 infants, one pair preterm"
    )
    assert by.loc["triplet", "ptb_percent"] == 100, "the triplets were born at 33 wk"
    assert math.isnan(by.loc["NH Asian", "ptb_percent"]), "a group with no births has NaN rate"


def test_twins_do_not_narrow_the_interval():
    # Every pregnancy a twin: twice the infants but the same outcomes, so the same information.
    a = cilib.Assumptions.default()
    single = summary.preterm_rates(_tiny_frame(["singleton"] * 7), a).iloc[0]
    twins = summary.preterm_rates(_tiny_frame(["twin"] * 7), a).iloc[0]
    assert twins.infants == 2 * single.infants, "twin infants should be doubled"
    # pytest.approx default (rel 1e-6): floating-point only; the effective sizes are equal
    assert (twins.ci_low_percent, twins.ci_high_percent) == pytest.approx(
        (single.ci_low_percent, single.ci_high_percent)
    ), "counting each twin pair twice must not narrow the CI (pregnancy is the cluster)"


def test_preterm_rates_on_cohort(cohort, assumptions):
    t = summary.preterm_rates(cohort, assumptions)
    expected_groups = ["all", *RACE_CATEGORIES, *PLURALITY_CATEGORIES]
    assert t["group"].tolist() == expected_groups, f"groups: got {t['group'].tolist()}"
    ok = t["ptb_percent"].notna()
    inside = (t.loc[ok, "ci_low_percent"] <= t.loc[ok, "ptb_percent"]) & (
        t.loc[ok, "ptb_percent"] <= t.loc[ok, "ci_high_percent"]
    )
    assert inside.all(), "each CI should contain its estimate"
    keyed = t.set_index("group")["target_key"]
    assert (keyed["all"], keyed["NH Black"], keyed["twin"]) == (
        "ptb_all",
        "ptb_nh_black",
        "twin_ptb",
    ), f"us_contemporary targets should be attached, got {keyed.to_dict()}"
    from cilib.analysis.targets import TARGETS

    t1 = next(x for x in TARGETS if x.key == "ptb_all")
    all_row = t.iloc[0]
    assert (all_row.published_percent, all_row.lower_percent, all_row.upper_percent) == (
        t1.published,
        t1.lower,
        t1.upper,
    ), "target 1 figures should come from TARGETS"


def test_preterm_rates_other_scenario_has_no_us_targets():
    a = cilib.Assumptions.scenario("iams_1996")
    t = summary.preterm_rates(cilib.generate_cohort(2_000, seed=SEED, assumptions=a), a)
    assert (t["target_key"] == "").all() and t["published_percent"].isna().all(), (
        "US targets must not be shown beside another scenario's cohort"
    )


# ------------------------------------------------------------------------------- CL
def test_cl_centiles_known_values_and_ci():
    cl = pd.Series(np.arange(1001, dtype=float))
    t = summary.cl_centiles(cl, centiles=(10, 50))
    assert list(t.columns) == ["centile", "cl_mm", "ci_low_mm", "ci_high_mm", "n"], (
        f"columns: got {list(t.columns)}"
    )
    assert t["cl_mm"].tolist() == [100.0, 500.0], f"expected 100 and 500 mm, got {t['cl_mm']}"
    assert ((t["ci_low_mm"] < t["cl_mm"]) & (t["cl_mm"] < t["ci_high_mm"])).all(), (
        "CI should straddle the centile"
    )
    assert (t["n"] == 1001).all(), "n counts the values used"


def test_cl_centiles_drop_nan_and_are_monotone(cohort):
    cl = cilib.cervical_length(cohort, 24)
    t = summary.cl_centiles(cl)
    assert t["centile"].tolist() == [1, 5, 10, 25, 50, 75], f"default centiles: {t['centile']}"
    assert t["n"].iloc[0] == cl.notna().sum(), "NaNs (pregnancies already ended) must be dropped"
    assert t["cl_mm"].is_monotonic_increasing, "centiles must increase"
    with pytest.raises(ValueError, match="centiles"):
        summary.cl_centiles(cl, centiles=(0, 50))


def test_binned_counts_and_percent():
    t = summary.binned([1.0, 2.0, 2.5, 9.0, np.nan, 50.0], [0, 5, 10])
    assert list(t.columns) == ["left", "right", "mid", "count", "percent"], f"{list(t.columns)}"
    assert t["count"].tolist() == [3, 1], f"expected counts [3, 1], got {t['count'].tolist()}"
    # pytest.approx default (rel 1e-6): floating-point only, 3 and 1 of 5 values
    assert t["percent"].tolist() == pytest.approx([60.0, 20.0]), (
        "percent is of all non-missing values, including those outside the edges"
    )
    assert t["mid"].tolist() == [2.5, 7.5], "bin centres"
    with pytest.raises(ValueError, match="edges"):
        summary.binned([1.0], [5, 0])


def test_summaries_do_not_mutate_the_cohort(cohort, assumptions):
    before = cohort.copy()
    summary.prevalence_table(cohort, assumptions)
    summary.gestation_distribution(cohort, assumptions=assumptions)
    summary.preterm_rates(cohort, assumptions)
    pd.testing.assert_frame_equal(cohort, before, obj="cohort after summaries")


# ------------------------------------------------------------------ the cohort's assumptions
def test_tables_use_the_assumptions_the_cohort_carries():
    """cilib 0.1 summarised any cohort with the ``us_contemporary`` values (issue 11): a cohort
    whose loss definition was changed was tabulated with the default one."""
    a = cilib.Assumptions.default().replace(loss_before_weeks=22.0)
    c = cilib.generate_cohort(30_000, seed=4, assumptions=a)
    t = summary.gestation_distribution(c)
    assert t["lower_weeks"].iloc[0] == 22.0, f"first band starts at {t['lower_weeks'].iloc[0]}"
    born = c["ga_birth_weeks"].to_numpy() >= 22.0
    assert t["births"].sum() == born.sum(), "births counted from 22 weeks, as the cohort says"
    late_losses = ((c["ga_birth_weeks"] >= 22.0) & (c["ga_birth_weeks"] < 24.0)).sum()
    assert late_losses > 0, "the test needs pregnancies ending at 22-24 wk to tell the two apart"
    pd.testing.assert_frame_equal(summary.preterm_rates(c), summary.preterm_rates(c, a))
    pd.testing.assert_frame_equal(summary.prevalence_table(c), summary.prevalence_table(c, a))


def test_tables_refuse_a_cohort_without_metadata():
    c = cilib.generate_cohort(1_000, seed=4)
    c.attrs = {}
    for table in (summary.gestation_distribution, summary.preterm_rates, summary.prevalence_table):
        with pytest.raises(ValueError, match="no cilib metadata"):
            table(c)
