"""Per-pregnancy Series are read by the cohort's index, not by position (issue 15, F7):
gestations of a measurement, the eligibility a schedule returns and screening results that
are combined."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib.screening import Schedule, anatomy_scan, combine_screens, screen, serial_scans

SEED = 5


@pytest.fixture(scope="module")
def cohort():
    return cilib.generate_cohort(2_000, seed=SEED)


def _weeks(cohort) -> pd.Series:
    """A different gestation per pregnancy (16-30 weeks), indexed like the cohort."""
    return pd.Series(16.0 + (cohort.index.to_numpy() % 15), index=cohort.index)


def _one_line(info, name: str) -> str:
    msg = str(info.value)
    assert "\n" not in msg, f"message is not one line: {msg!r}"
    assert name in msg, f"message does not name {name!r}: {msg!r}"
    return msg


@pytest.mark.parametrize("fn", ["cervical_length", "measure_cervical_length"])
def test_ga_weeks_series_is_read_by_label(cohort, fn):
    """F7: a reordered ``ga_weeks`` Series was applied by position (each pregnancy got
    another's gestation)."""
    call = getattr(cilib, fn)
    kw = {"seed": SEED} if fn == "measure_cervical_length" else {}
    weeks = _weeks(cohort)
    in_order = call(cohort, weeks, **kw)
    reordered = call(cohort, weeks.iloc[::-1], **kw)
    pd.testing.assert_series_equal(in_order, reordered, obj=f"{fn} of a reversed Series")
    by_array = call(cohort, weeks.to_numpy(), **kw)
    pd.testing.assert_series_equal(in_order, by_array, obj=f"{fn} of the same weeks as an array")


@pytest.mark.parametrize("fn", ["cervical_length", "measure_cervical_length"])
def test_ga_weeks_series_with_other_labels_is_refused(cohort, fn):
    """F7: a Series whose labels are not the cohort's was silently used by position."""
    call = getattr(cilib, fn)
    kw = {"seed": SEED} if fn == "measure_cervical_length" else {}
    shifted = _weeks(cohort).set_axis(cohort.index + 1)
    with pytest.raises(ValueError) as info:
        call(cohort, shifted, **kw)
    msg = _one_line(info, "ga_weeks")
    assert "index" in msg, f"the message says the index is the problem: {msg!r}"


def test_eligibility_series_is_read_by_label(cohort):
    """F7: a schedule's ``eligible`` function returning a Series in another order (or with
    other labels) was read by position."""
    twins = (cohort["plurality"].astype(str) != "singleton").to_numpy()
    mask = pd.Series(twins, index=cohort.index)

    def by_label(c):
        return mask.loc[c.index].iloc[::-1]

    s = Schedule("reversed", 18.0, 22.0, eligible=by_label)
    got = screen(cohort, s, seed=SEED)["eligible"].to_numpy()
    assert twins.sum() > 10, "the test needs eligible women"
    assert np.array_equal(got, twins), "eligibility follows the labels, not the positions"
    bad = Schedule("shifted", 18.0, 22.0, eligible=lambda c: mask.set_axis(c.index + 1))
    with pytest.raises(ValueError) as info:
        screen(cohort, bad, seed=SEED)
    _one_line(info, "eligible")


def test_combine_screens_reads_frames_by_label(cohort):
    """F7: screening results of the same women in another order were combined by
    position."""
    a = screen(cohort, anatomy_scan(), seed=SEED)
    b = screen(cohort, serial_scans(), seed=SEED)
    together = combine_screens([a, b])
    shuffled = combine_screens([a, b.sample(frac=1.0, random_state=2)])
    pd.testing.assert_frame_equal(together, shuffled, obj="combine_screens of a shuffled frame")
    with pytest.raises(ValueError) as info:
        combine_screens([a, b.set_axis(cohort.index + 7)])
    _one_line(info, "frames[1]")
    with pytest.raises(ValueError) as info:
        combine_screens([])
    _one_line(info, "frames")


def test_centile_risk_ratios_refuses_misaligned_series(cohort):
    """F7: marker and event Series with different labels were paired by position."""
    from cilib.screening.tables import centile_risk_ratios

    cl = cilib.cervical_length(cohort, 22)
    event = pd.Series((cohort["ga_birth_weeks"] < 34).to_numpy(), index=cohort.index)
    table = centile_risk_ratios(cl, event, centiles=(25,))
    assert table["n"].iloc[0] > 0, "the aligned call works"
    with pytest.raises(ValueError) as info:
        centile_risk_ratios(cl, event.set_axis(cohort.index + 3), centiles=(25,))
    _one_line(info, "event")
