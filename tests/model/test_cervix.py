"""cilib.cervix: the open-cervix examination and the trajectory arrays."""

from __future__ import annotations

import numpy as np
import pytest

import cilib
from cilib.model.cervix import first_open, trajectory_arrays, true_length
from cilib.params.assumptions import assumptions_of


def test_first_open_is_the_first_examination_finding_an_ongoing_open_cervix():
    c = cilib.generate_cohort(100_000, seed=11)
    a = assumptions_of(c)
    weeks = [16.0, 18.0, 20.0, 22.0]
    found = first_open(c, weeks).to_numpy()
    ga = c["ga_birth_weeks"].to_numpy()
    onset = c["dilation_ga_weeks"].to_numpy()
    expected = np.full(len(c), np.nan)
    for w in reversed(weeks):  # the earliest week after the onset of dilation wins
        expected[(onset <= w) & (ga > w)] = w
    differ = np.flatnonzero(~((found == expected) | (np.isnan(found) & np.isnan(expected))))
    assert np.array_equal(found, expected, equal_nan=True), (
        f"first_open expected the earliest week after the onset of dilation while ongoing; "
        f"{differ.size} rows differ, first {differ[:5]}"
    )
    hit = ~np.isnan(found)
    cl = true_length(c.loc[hit], found[hit], a)
    assert (cl == 0).all(), f"an open cervix has a true CL of 0 mm; got up to {cl.max():.3g}"
    assert (~np.isnan(found)).sum() > 10, "no open cervix found: the test means nothing"
    assert (found[~np.isnan(found)] < ga[~np.isnan(found)]).all(), (
        "an open cervix is found only before the pregnancy ends"
    )


@pytest.mark.parametrize("mm", [25.0, 10.0, 0.0])
def test_reaches_finds_the_first_week_at_or_below_a_threshold(mm):
    """The crossing (closed form on the linear trajectory, bisection inside a funnel) against
    the true CL: the crossing week has CL at the threshold, CL is above it a moment earlier;
    pregnancies already short give the start, those never short by the end give inf."""
    import cilib
    from cilib.model.cervix import reaches, true_length

    c = cilib.generate_cohort(20_000, seed=4)
    a = cilib.assumptions_of(c)
    t = reaches(c, mm, 16.0, 34.0, a)
    already = true_length(c, 16.0, a) <= mm
    assert np.all(t[already] == 16.0), "already short at the start: the start"
    never = true_length(c, 34.0, a) > mm
    assert np.all(np.isinf(t[never])), "not short by the end: inf"
    mid = ~already & ~never
    assert mid.sum() > 30, "the test needs crossings inside the window"
    at = true_length(c, np.where(mid, t, 20.0), a)[mid]
    # 1e-6 mm: the bisection's 1e-13-week error times a shortening of a few mm/week, with room
    assert np.allclose(at, mm, atol=1e-6), "CL at the crossing is the threshold"
    before = true_length(c, np.where(mid, t - 1e-3, 20.0), a)[mid]
    assert np.all(before > mm), "a moment earlier the cervix was longer"


def test_trajectory_arrays_of_some_rows_are_those_rows_of_all():
    c = cilib.generate_cohort(2_000, seed=4)
    rows = np.flatnonzero(c["prior_sptb"].to_numpy())[::2]
    assert len(rows) > 0, "some rows to take"
    for part, whole in zip(trajectory_arrays(c, rows), trajectory_arrays(c), strict=True):
        assert part.dtype == np.float64, f"float64 expected, got {part.dtype}"
        assert np.array_equal(part, whole[rows], equal_nan=True), "rows differ from the whole"
