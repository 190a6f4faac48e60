"""generate_cohort and cervical_length: schema, reproducibility, history, science directions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib.model.cervix import TRAJECTORY_WEEKS
from cilib.model.cohort import BLOCK_SIZE
from cilib.model.schema import check_frame


@pytest.fixture(scope="module")
def cohort():
    return cilib.generate_cohort(40_000, seed=11)


def test_frame_matches_data_dictionary(cohort):
    assert check_frame(cohort) == [], "generated frame must match cilib.data_dictionary()"
    dd = cilib.data_dictionary()
    assert list(dd["column"]) == list(cohort.columns)
    assert dd["unit"].notna().all() and dd["meaning"].str.len().gt(0).all()
    assert cohort["woman_id"].is_unique and cohort["pregnancy_id"].is_unique
    assert cohort.attrs["scenario"] == "us_contemporary" and cohort.attrs["seed"] == 11


def test_same_seed_same_frame_and_different_seed_differs():
    a = cilib.generate_cohort(3000, seed=5)
    b = cilib.generate_cohort(3000, seed=5)
    pd.testing.assert_frame_equal(a, b)
    c = cilib.generate_cohort(3000, seed=6)
    assert not np.array_equal(a["ga_birth_weeks"], c["ga_birth_weeks"]), "seeds must matter"


@pytest.mark.parametrize("k", [1, 777, BLOCK_SIZE + 10])
def test_prefix_stable(k):
    big = cilib.generate_cohort(BLOCK_SIZE + 500, seed=3)
    small = cilib.generate_cohort(k, seed=3)
    pd.testing.assert_frame_equal(small, big.iloc[:k], obj=f"first {k} rows")


@pytest.mark.parametrize(
    ("kwargs", "exc", "fragment"),
    [
        ({"n": 0, "seed": 1}, ValueError, "n: got 0"),
        ({"n": -5, "seed": 1}, ValueError, "n: got -5"),
        ({"n": 10.5, "seed": 1}, TypeError, "n: got 10.5"),
        ({"n": True, "seed": 1}, TypeError, "n: got True"),
        ({"n": 10, "seed": -1}, ValueError, "seed: got -1"),
        ({"n": 10, "seed": "1"}, TypeError, "seed: got '1'"),
        ({"n": 10, "seed": 1, "assumptions": {"p_smoking": 0.1}}, TypeError, "assumptions"),
    ],
)
def test_bad_input_one_line_errors(kwargs, exc, fragment):
    with pytest.raises(exc) as info:
        cilib.generate_cohort(**kwargs)
    assert fragment in str(info.value) and "\n" not in str(info.value), str(info.value)


def test_history_is_internally_consistent(cohort):
    c = cohort
    assert (c["parity"] <= c["n_prior_pregnancies"]).all(), "births cannot exceed pregnancies"
    assert (c["parity"] + c["prior_midtrimester_losses"] <= c["n_prior_pregnancies"]).all(), (
        "births and losses are distinct earlier pregnancies"
    )
    assert (c["prior_sptb"] == (c["prior_sptb_count"] > 0)).all()
    ga = c.loc[c["prior_sptb"], "prior_sptb_ga_weeks"]
    assert ga.between(24, 37, inclusive="left").all(), "earliest prior sPTB in 24-37 wk"
    assert c.loc[~c["prior_sptb"], "prior_sptb_ga_weeks"].isna().all()
    first = c["n_prior_pregnancies"] == 0
    assert not c.loc[first, ["prior_sptb", "prior_cerclage"]].any().any()
    assert c["prior_sptb"].mean() > 0.02, "some women must have a prior sPTB"


def test_outcome_columns(cohort):
    c = cohort
    assert c["ga_birth_weeks"].between(TRAJECTORY_WEEKS[0], 45).all()
    loss = c["ga_birth_weeks"] < 24
    spont = c["onset"] == "spontaneous"
    assert (c["midtrimester_loss"] == (loss & spont)).all()
    assert c.loc[~spont, "spontaneous_type"].isna().all(), "indicated births have no subtype"
    assert c.loc[spont, "spontaneous_type"].notna().all()
    assert set(c.loc[c["midtrimester_loss"], "spontaneous_type"]) <= {
        "painless_dilation",
        "labour",
        "pprom",
    }


def test_cervical_length(cohort):
    cl20 = cilib.cervical_length(cohort, ga_weeks=20)
    cl24 = cilib.cervical_length(cohort, 24)
    born = cohort["ga_birth_weeks"] <= 24
    assert cl24[born].isna().all(), "CL must be NaN once the pregnancy has ended"
    assert cl24[~born].notna().all()
    assert (cl24.dropna() >= 0).all(), "CL is never negative"
    both = cl24.notna()
    assert (cl24[both] <= cl20[both]).all(), "the cervix never lengthens"
    per_row = cilib.cervical_length(cohort, np.full(len(cohort), 24.0))
    pd.testing.assert_series_equal(per_row, cl24)


@pytest.mark.parametrize(
    ("ga", "exc", "fragment"),
    [
        (10, ValueError, "ga_weeks: got 10"),
        (float("nan"), ValueError, "ga_weeks: got nan"),
        ("24", TypeError, "ga_weeks"),
        ([20, 21], ValueError, "shape"),
    ],
)
def test_cervical_length_bad_input(cohort, ga, exc, fragment):
    with pytest.raises(exc, match=fragment):
        cilib.cervical_length(cohort, ga)


def test_trajectory_origin_matches_the_registry():
    assert TRAJECTORY_WEEKS[0] == cilib.Assumptions.default()["hazard_start_weeks"]


# ----------------------------------------------------------------------- science directions
def test_shorter_cervix_means_more_early_spontaneous_birth(cohort):
    cl = cilib.cervical_length(cohort, 20)
    early = (cohort["onset"] == "spontaneous") & (cohort["ga_birth_weeks"] < 34)
    short, long_ = early[cl <= 25].mean(), early[cl > 35].mean()
    assert (cl <= 25).sum() > 100, "the test needs short cervices to exist"
    assert short > 3 * long_, f"sPTB<34 with CL<=25 ({short:.3f}) vs >35 mm ({long_:.3f})"


def test_prior_sptb_raises_risk(cohort):
    c = cohort[(cohort["parity"] > 0) & (cohort["plurality"] == "singleton")]
    sptb = (c["onset"] == "spontaneous") & (c["ga_birth_weeks"] < 37)
    with_, without = sptb[c["prior_sptb"]].mean(), sptb[~c["prior_sptb"]].mean()
    assert c["prior_sptb"].sum() > 200
    assert with_ > 1.5 * without, f"recurrence {with_:.3f} vs {without:.3f}"


def test_common_random_numbers_make_hazard_changes_monotone():
    """Raising a hazard ratio only brings births earlier, and only for the exposed."""
    base = cilib.Assumptions.default()
    a = cilib.generate_cohort(20_000, seed=2, assumptions=base)
    b = cilib.generate_cohort(20_000, seed=2, assumptions=base.replace(hr_sptb_smoking=3.0))
    exposed = a["smoking"].to_numpy()
    ga_a, ga_b = a["ga_birth_weeks"].to_numpy(), b["ga_birth_weeks"].to_numpy()
    assert exposed.sum() > 300
    assert np.all(ga_b[exposed] <= ga_a[exposed] + 1e-12), "HR > 1 cannot delay birth"
    assert np.any(ga_b[exposed] < ga_a[exposed]), "HR 3 must bring some births earlier"
    assert np.array_equal(ga_b[~exposed], ga_a[~exposed]), (
        "non-smokers' index pregnancies must be untouched"
    )


def test_twins_and_insufficiency_end_earlier():
    a = cilib.Assumptions.default().replace(p_twin=0.3, p_cervical_insufficiency=0.01)
    c = cilib.generate_cohort(30_000, seed=4, assumptions=a)
    ga = c["ga_birth_weeks"]
    twin = c["plurality"] == "twin"
    assert ga[twin].median() < ga[~twin].median() - 1, "twins are born earlier"
    ci = c["cervical_insufficiency"]
    assert ci.sum() > 100
    assert c["midtrimester_loss"][ci].mean() > 5 * c["midtrimester_loss"][~ci].mean(), (
        "latent cervical weakness must raise mid-trimester loss"
    )


def test_prevalences_match_their_records(cohort):
    """Simulated prevalences lie within 4 binomial standard errors of the input (p ~ 6e-5)."""
    a = cilib.Assumptions.default()
    n = len(cohort)
    for col, rec in [
        ("smoking", "p_smoking"),
        ("chlamydia", "p_chlamydia"),
        ("mullerian_anomaly", "p_mullerian_anomaly"),
    ]:
        p = a[rec]
        se = np.sqrt(p * (1 - p) / n)
        got = cohort[col].mean()
        assert abs(got - p) < 4 * se, f"{col}: {got:.4f} vs {rec}={p} (4 SE = {4 * se:.4f})"
    twins = (cohort["plurality"] != "singleton").mean()
    p = a["p_twin"] + a["p_triplet"]
    assert abs(twins - p) < 4 * np.sqrt(p * (1 - p) / n), f"multiples {twins:.4f} vs {p}"


def test_lower_tail_of_cl_is_heavier_than_normal():
    """evidence.md target 9: a normal with the cohort's mean and SD puts the 1st centile too
    high. With 40,000 pregnancies the SE of the 1st centile is about 0.3 mm, so a 2 mm margin
    is far outside Monte-Carlo error."""
    c = cilib.generate_cohort(40_000, seed=8, assumptions=cilib.Assumptions.scenario("iams_1996"))
    cl = cilib.cervical_length(c, 24).dropna()
    normal_p1 = cl.mean() - 2.326 * cl.std()
    assert cl.quantile(0.01) < normal_p1 - 2, (
        f"1st centile {cl.quantile(0.01):.1f} mm vs normal {normal_p1:.1f} mm: tail not heavy"
    )
