"""Tables of painless dilation and PPROM (cilib.analysis.events)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib.analysis import events


@pytest.fixture(scope="module")
def cohort():
    return cilib.generate_cohort(100_000, seed=3)


def test_dilation_timing_counts_every_onset_once(cohort):
    t = events.dilation_timing(cohort, bin_weeks=2.0)
    onset = cohort["dilation_ga_weeks"].dropna().to_numpy()
    assert t["pregnancies"].sum() == len(onset), "every onset in exactly one band"
    # abs 1e-9: floating point of a sum of shares
    assert t["percent"].sum() == pytest.approx(100.0, abs=1e-9), "shares add up to 100%"
    assert (t["to_weeks"] - t["from_weeks"] == 2.0).all(), "bands of the requested width"
    lo, hi = 18.0, 20.0
    row = t.loc[t["from_weeks"] == lo, "pregnancies"].item()
    assert row == ((onset >= lo) & (onset < hi)).sum(), "the 18-20 wk band counts its onsets"


@pytest.mark.parametrize("bad", [0, -1.0, 5.0, True, "2"])
def test_dilation_timing_refuses_a_bad_bin(cohort, bad):
    with pytest.raises((TypeError, ValueError), match="bin_weeks"):
        events.dilation_timing(cohort, bin_weeks=bad)


def test_pprom_outcomes_by_band(cohort):
    t = events.pprom_outcomes(cohort)
    rupture = cohort["pprom_ga_weeks"].to_numpy()
    assert t["ruptures"].sum() == (~np.isnan(rupture)).sum(), "every rupture in one band"
    assert (t["chorio_ci_low"] <= t["chorioamnionitis"]).all(), "CI below the estimate"
    assert (t["chorioamnionitis"] <= t["chorio_ci_high"]).all(), "CI above the estimate"
    early, late = t["median_latency_days"].iloc[0], t["median_latency_days"].iloc[-1]
    assert early > late, f"latency must be longer after an early rupture ({early} vs {late})"


def test_events_refuse_a_frame_without_the_columns():
    with pytest.raises(ValueError, match="missing columns"):
        events.pprom_outcomes(pd.DataFrame({"ga_birth_weeks": [30.0]}))
    with pytest.raises(TypeError, match="cohort"):
        events.dilation_timing([1, 2, 3])
