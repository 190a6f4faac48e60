"""History care: prior_cerclage comes from the care of the earlier pregnancies (issue 11)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib.interventions.policies import encodings
from cilib.model import care
from cilib.model.schema import CAUSE

N = 120_000
SEED = 1


@pytest.fixture(scope="module")
def cohort():
    return cilib.generate_cohort(N, seed=SEED)


def test_prior_cerclage_follows_an_indication(cohort):
    """cilib 0.1 always wrote False here, so ACOG's 'history-indicated cerclage after an
    earlier cerclage' never fired. Now some women had one, and each of them had what
    indicates it: a mid-trimester loss or a spontaneous birth before 34 wk in an earlier
    pregnancy, and so at least two earlier pregnancies."""
    had = cohort["prior_cerclage"].to_numpy()
    assert had.sum() > 100, f"expected a few hundred women with a prior cerclage, got {had.sum()}"
    indicated = (cohort["prior_midtrimester_losses"] > 0) | (cohort["prior_sptb_ga_weeks"] < 34)
    assert indicated[had].all(), "every prior cerclage follows a loss or an sPTB before 34 wk"
    assert (cohort.loc[had, "n_prior_pregnancies"] >= 2).all(), "the stitch follows the event"


def test_care_changes_nothing_but_prior_cerclage(cohort):
    """The care of earlier pregnancies has its own stream: no care at all leaves every other
    column bit-identical (the earlier outcomes stay the natural history)."""
    a = cilib.Assumptions.default().replace(
        p_history_cerclage_after_loss=0.0, p_history_cerclage_short_cervix=0.0
    )
    none = cilib.generate_cohort(N, seed=SEED, assumptions=a)
    assert not none["prior_cerclage"].any(), "no care, no prior cerclage"
    for column in cohort.columns.drop("prior_cerclage"):
        a, b = none[column], cohort[column]
        assert a.dtype == b.dtype, f"{column}: dtype {a.dtype} vs {b.dtype}"
        if isinstance(a.dtype, pd.CategoricalDtype):  # codes: far faster than assert_frame_equal
            a, b = a.cat.codes, b.cat.codes
        assert np.array_equal(a.to_numpy(), b.to_numpy(), equal_nan=a.dtype.kind == "f"), (
            f"{column} changed when only the care pattern did"
        )


def test_more_care_never_gives_fewer_prior_cerclages(cohort):
    a = cilib.Assumptions.default().replace(
        p_history_cerclage_after_loss=1.0, p_history_cerclage_short_cervix=1.0
    )
    full = cilib.generate_cohort(N, seed=SEED, assumptions=a)["prior_cerclage"].to_numpy()
    assert (full >= cohort["prior_cerclage"].to_numpy()).all(), "same draws, higher uptake"
    assert full.sum() > cohort["prior_cerclage"].sum(), "uptake 1 must add women"


def test_care_pattern_on_hand_built_histories():
    """Five women, laid out pregnancy by pregnancy; u = 0 accepts every indicated cerclage."""
    a = cilib.Assumptions.default()
    spont, planned = CAUSE["cervical"], CAUSE["planned"]
    long_cervix, short_cervix = (45.0, 0.1), (30.0, 1.0)  # (CL at 14 wk mm, mm/week)
    rows = [  # woman, ga, cause, plurality, cervix
        (0, 20.0, spont, 1, long_cervix),  # A: a loss ...
        (0, 39.0, planned, 1, long_cervix),  # ... then a singleton: history-indicated
        (1, 30.0, spont, 1, long_cervix),  # B: sPTB at 30 wk ...
        (1, 39.0, planned, 1, short_cervix),  # ... then a short cervix: ultrasound-indicated
        (2, 20.0, spont, 1, long_cervix),  # C: a loss ...
        (2, 39.0, planned, 2, long_cervix),  # ... then twins: no elective cerclage
        (3, 30.0, spont, 1, long_cervix),  # D: sPTB ...
        (3, 39.0, planned, 1, long_cervix),  # ... then a long cervix: none
        (4, 39.0, planned, 1, short_cervix),  # E: a short cervix with no history: none
    ]
    woman = np.array([r[0] for r in rows])
    earlier = {
        "ga": np.array([r[1] for r in rows]),
        "cause": np.array([r[2] for r in rows], dtype=np.int8),
        "plurality": np.array([r[3] for r in rows], dtype=np.int8),
        "cl14_mm": np.array([r[4][0] for r in rows]),
        "slope_mm_per_week": np.array([r[4][1] for r in rows]),
        "dilation_ga": np.full(len(rows), np.nan, dtype=np.float32),  # no cervical failure
    }
    got = care.prior_cerclage(a, earlier, woman, 5, np.zeros(len(rows)))
    assert got.tolist() == [True, True, False, False, False], got.tolist()
    none = care.prior_cerclage(a, earlier, woman, 5, np.ones(len(rows)))  # u = 1: nobody
    assert not none.any(), none.tolist()


def test_acog_gives_a_history_indicated_cerclage_after_a_prior_cerclage(cohort):
    """The branch of the acog_2021 preset for 'an earlier cerclage' now fires: women whose
    only indication is a prior (ultrasound-indicated) cerclage get a stitch at 13 wk."""
    r = cilib.simulate(cohort, "acog_2021", seed=SEED)
    only_prior_cerclage = (
        cohort["prior_cerclage"]
        & (cohort["prior_midtrimester_losses"] == 0)
        & (cohort["plurality"] == "singleton")
        & (cohort["ga_birth_weeks"] > encodings.ACOG_HIC_WEEKS)
    ).to_numpy()
    assert only_prior_cerclage.sum() > 10, f"{only_prior_cerclage.sum()} such women"
    start = r["cerclage_start_weeks"].to_numpy()[only_prior_cerclage]
    assert (start == encodings.ACOG_HIC_WEEKS).all(), (
        f"every one of them gets a cerclage at {encodings.ACOG_HIC_WEEKS} wk; got {start[:5]}"
    )
