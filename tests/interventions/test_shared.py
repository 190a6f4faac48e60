"""Shared: what policies run on one cohort with one seed compute once gives, bit for bit,
what each policy computes alone."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib.interventions import policies
from cilib.interventions.shared import Shared, natural
from cilib.interventions.simulation import outcomes
from cilib.interventions.start_weeks import check_starts

SEED = 21


@pytest.fixture(scope="module")
def setup():
    cohort = cilib.generate_cohort(20_000, seed=SEED)
    a = cilib.assumptions_of(cohort)
    starts = {}
    for name in policies.presets():
        frame, _ = policies.get(name).apply(cohort, seed=SEED, assumptions=a)
        starts[name] = check_starts(cohort, frame, a)
    return cohort, a, starts


def test_every_preset_through_the_shared_work_equals_it_alone(setup):
    cohort, a, starts = setup
    shared = Shared(cohort, list(starts.values()), a, SEED)
    treated = 0
    for name, frame in starts.items():
        together = outcomes(cohort, frame, None, a, shared)
        alone = cilib.simulate(cohort, frame, seed=SEED, assumptions=a)
        pd.testing.assert_frame_equal(together, alone, check_exact=True, obj=name)
        treated += int(together["treated"].sum())
    assert treated > 0, "the presets treat someone on 20,000 pregnancies: the check is not empty"


def test_an_effect_is_computed_once_per_treatment_and_start_weeks(setup):
    cohort, a, starts = setup
    frame = starts["acog_2021"]
    shared = Shared(cohort, [frame], a, SEED)
    start = frame["im_17ohpc"].to_numpy()
    rows = np.flatnonzero(~np.isnan(start))
    first = shared.effect("im_17ohpc", start, rows)
    assert shared.effect("im_17ohpc", start.copy(), rows) is first, "same weeks: reused"
    later = np.where(np.isnan(start), np.nan, start + 1.0)
    assert shared.effect("im_17ohpc", later, rows) is not first, "other weeks: recomputed"


def test_natural_history_of_asked_rows_equals_computing_it_alone(setup):
    cohort, a, starts = setup
    frame = starts["smfm_2024"]
    shared = Shared(cohort, [frame], a, SEED)
    asked = np.flatnonzero(frame.notna().any(axis=1).to_numpy())
    idx = asked[::3]
    x, onset, times, rupture = shared.natural(idx)
    x0, onset0, times0, rupture0 = natural(cohort.iloc[idx], a)
    for k in x0:
        assert np.array_equal(x[k], x0[k]), f"hazard input {k} differs"
    for got, want, what in ((onset, onset0, "onset"), (times, times0, "times")):
        assert np.array_equal(got, want, equal_nan=True), f"{what} differs"
    assert np.array_equal(rupture, rupture0), "rupture differs"
    unasked = np.flatnonzero(~frame.notna().any(axis=1).to_numpy())[:3]
    with pytest.raises(ValueError, match="idx: rows no policy asked"):
        shared.natural(unasked)


def test_a_row_treated_the_same_way_is_computed_once(setup):
    cohort, a, starts = setup
    frame = starts["acog_2021"]
    idx = np.flatnonzero(frame.notna().any(axis=1).to_numpy())
    shared = Shared(cohort, [frame], a, SEED)
    asked = []

    def compute(pos):  # a stand-in outcome: the row and its first start week
        asked.append(pos)
        return idx[pos] * 10, frame.to_numpy()[idx[pos], 0].astype(np.float32)

    first = shared.treated(idx, frame, compute)
    assert len(asked) == 1 and len(asked[0]) == len(idx), "the first policy computes every row"
    again = shared.treated(idx[::2], frame, compute)
    assert len(asked) == 1, "the same rows at the same weeks: nothing recomputed"
    for got, want in zip(again, first, strict=True):
        assert got.dtype == want.dtype and np.array_equal(got, want[::2], equal_nan=True), (
            "reused values are those of the rows asked, in their order"
        )
    later = frame.copy()
    moved = idx[: len(idx) // 2]
    later.iloc[moved, 0] = later.iloc[moved, 0] + 1.0
    shared.treated(idx, later, compute)
    assert len(asked) == 2, "rows at other weeks are computed again"
    assert np.array_equal(idx[asked[-1]], moved[~np.isnan(frame.iloc[moved, 0].to_numpy())]), (
        "only the rows whose start weeks changed (of any treatment) are recomputed"
    )
