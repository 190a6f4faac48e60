"""Start weeks and averted-before weeks are checked (issue 15, F7-F9): a boolean mask is not
"week 1", a week outside the modelled span is refused, and a frame or Series of start weeks is
read by the cohort's index, not by position."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from cilib.policies import start_at, starts
from hypothesis import given, settings
from hypothesis import strategies as st

import cilib
from cilib.interventions.compare import compare_policies
from cilib.interventions.start_weeks import check_starts
from cilib.params.validation import modelled_weeks

SEED = 3


@pytest.fixture(scope="module")
def cohort():
    return cilib.generate_cohort(3_000, seed=SEED)


def _one_line(info, *names: str) -> str:
    msg = str(info.value)
    assert "\n" not in msg, f"message is not one line: {msg!r}"
    for name in names:
        assert name in msg, f"message does not name {name!r}: {msg!r}"
    return msg


def _mask(cohort) -> np.ndarray:
    return (cohort["prior_sptb"] | (cohort["plurality"].astype(str) != "singleton")).to_numpy()


# ------------------------------------------------------------------------------ F8
def test_a_boolean_mask_as_start_weeks_is_refused(cohort):
    """F8: a mask column was read as 1.0, "start at week 1" for the women in the mask."""
    frame = pd.DataFrame({"cerclage": _mask(cohort)}, index=cohort.index)
    with pytest.raises(TypeError) as info:
        cilib.simulate(cohort, frame, seed=SEED)
    msg = _one_line(info, "cerclage", "np.where(mask, week, np.nan)")
    assert "boolean" in msg, f"the message says what is wrong: {msg!r}"
    nullable = frame.astype("boolean")
    with pytest.raises(TypeError, match="np.where"):
        cilib.simulate(cohort, nullable, seed=SEED)


def test_starts_refuses_a_boolean_mask(cohort):
    """F8: ``starts(cohort, cerclage=mask)`` turned the mask into 0.0/1.0 weeks."""
    with pytest.raises(TypeError) as info:
        starts(cohort, cerclage=_mask(cohort))
    _one_line(info, "cerclage", "start_at(mask, week)")
    ok = starts(cohort, cerclage=start_at(_mask(cohort), 20.0))
    assert set(np.unique(ok["cerclage"].dropna())) == {20.0}, "start_at gives the week"


# ------------------------------------------------------------------------------ F9
@pytest.mark.parametrize("week", [50.0, 1e9, math.inf, -1.0, -math.inf])
def test_start_weeks_outside_the_modelled_span_are_refused(cohort, week):
    """F9: start week 50 or 1e9 was accepted (nobody treated, no error)."""
    frame = pd.DataFrame({"pessary": week}, index=cohort.index)
    with pytest.raises(ValueError) as info:
        cilib.simulate(cohort, frame, seed=SEED)
    msg = _one_line(info, "pessary")
    _, end = modelled_weeks(cilib.assumptions_of(cohort))
    assert f"[0, {end:g}]" in msg, f"the allowed span is given: {msg!r}"


def test_the_span_ends_at_the_latest_planned_birth(cohort):
    """The bound comes from the assumptions: every pregnancy has ended by the latest planned
    birth, and a start at that week is accepted (and gives nothing)."""
    a = cilib.assumptions_of(cohort)
    start, end = modelled_weeks(a)
    assert start == a["hazard_start_weeks"], f"births start at hazard_start_weeks, got {start}"
    assert end == max(
        a["planned_birth_latest_weeks"],
        a["planned_birth_twin_weeks"],
        a["planned_birth_triplet_weeks"],
    ), f"the span ends at the latest planned birth, got {end}"
    assert (cohort["ga_birth_weeks"] <= end).all(), "a pregnancy outlasts the modelled span"
    r = cilib.simulate(cohort, pd.DataFrame({"pessary": end}, index=cohort.index), seed=SEED)
    assert not r["treated"].any(), "nobody is still pregnant at the end of the span"
    later = a.replace(planned_birth_latest_weeks=43.0)
    assert modelled_weeks(later)[1] == 43.0, "the span follows the assumptions"


@pytest.mark.parametrize(
    ("value", "exc"),
    [(math.nan, ValueError), (math.inf, ValueError), (1e9, ValueError), (10.0, ValueError),
     ("37", TypeError), (None, TypeError), (10**400, ValueError)],
    ids=["nan", "inf", "1e9", "10", "str", "None", "1e400"],
)  # fmt: skip
def test_averted_before_weeks_is_checked(cohort, value, exc):
    """F9: ``averted_before_weeks=nan`` returned 0.0 averted (every comparison false)."""
    with pytest.raises(exc) as info:
        compare_policies(cohort, ["universal_25mm"], seed=SEED, averted_before_weeks=value)
    _one_line(info, "averted_before_weeks")


# ------------------------------------------------------------------------------ F7
def test_a_start_frame_is_read_by_the_cohorts_index(cohort):
    """F7: a frame with the cohort's labels in another order is read by label (it was
    refused), and gives the same result as the frame in order."""
    weeks = np.where(_mask(cohort), 16.0 + (cohort.index.to_numpy() % 8), np.nan)
    frame = pd.DataFrame({"vaginal_progesterone": weeks}, index=cohort.index)
    shuffled = frame.sample(frac=1.0, random_state=1)
    assert not shuffled.index.equals(cohort.index), "the test needs another order"
    a = cilib.simulate(cohort, frame, seed=SEED)
    b = cilib.simulate(cohort, shuffled, seed=SEED)
    assert a["treated"].sum() > 50, "the test needs treated women"
    pd.testing.assert_frame_equal(a, b, obj="simulate of a shuffled start frame")


def test_a_start_frame_with_other_labels_is_refused(cohort):
    frame = pd.DataFrame({"pessary": 20.0}, index=cohort.index + 1)
    with pytest.raises(ValueError) as info:
        cilib.simulate(cohort, frame, seed=SEED)
    _one_line(info, "policy", "index")


def test_starts_reads_a_series_by_the_cohorts_index(cohort):
    """F7: ``starts(cohort, x=series)`` took the values by position."""
    weeks = pd.Series(14.0 + (cohort.index.to_numpy() % 10), index=cohort.index)
    reversed_ = weeks.iloc[::-1]
    got = starts(cohort, pessary=reversed_)["pessary"]
    assert got.equals(weeks.rename("pessary")), "values follow their labels, not positions"
    with pytest.raises(ValueError) as info:
        starts(cohort, pessary=weeks.set_axis(cohort.index + 10))
    _one_line(info, "pessary", "index")


def test_compare_names_the_reference_in_its_error(cohort):
    with pytest.raises(ValueError) as info:
        compare_policies(cohort, ["universal_25mm"], seed=SEED, reference="no_screenin")
    msg = _one_line(info, "reference")
    assert "did you mean 'no_screening'" in msg, f"a close name is suggested: {msg!r}"


SMALL = cilib.generate_cohort(50, seed=SEED)


@given(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["cerclage", "pessary"]))
@settings(max_examples=80, deadline=None)
def test_start_weeks_are_accepted_exactly_inside_the_span(week, treatment):
    """Property: NaN or a week in [0, end of the span] passes unchanged; anything else is a
    one-line ValueError naming the column."""
    a = cilib.assumptions_of(SMALL)
    end = modelled_weeks(a)[1]
    frame = pd.DataFrame({treatment: week}, index=SMALL.index)
    if math.isnan(week) or 0.0 <= week <= end:
        got = check_starts(SMALL, frame, a)
        assert got[treatment].equals(frame[treatment].astype(np.float64)), f"{week} changed"
        return
    with pytest.raises(ValueError) as info:
        check_starts(SMALL, frame, a)
    _one_line(info, treatment)
