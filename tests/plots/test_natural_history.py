"""Charts of painless dilation and PPROM (cilib.plots.natural_history)."""

from __future__ import annotations

import pandas as pd
import pytest

import cilib
from cilib.analysis import events
from cilib.params.definitions import DILATION_PEAK_WEEKS, DILATION_WINDOW_WEEKS
from cilib.plots import natural_history


@pytest.fixture(scope="module")
def cohort():
    return cilib.generate_cohort(50_000, seed=2)


def test_dilation_timing_bars_draw_the_table_and_the_windows(cohort):
    table = events.dilation_timing(cohort)
    fig = natural_history.dilation_timing_bars(table)
    (bar,) = fig.data
    assert list(bar.y) == list(table["percent"]), "bars are the table's shares"
    shapes = {(s.x0, s.x1) for s in fig.layout.shapes}
    assert {DILATION_WINDOW_WEEKS, DILATION_PEAK_WEEKS} <= shapes, "both bands drawn"
    assert len(bar.x) < 60, "an aggregate: one bar per week, never raw rows"


def test_pprom_bars_two_panels(cohort):
    table = events.pprom_outcomes(cohort)
    fig = natural_history.pprom_bars(table)
    assert len(fig.data) == 2, "latency and chorioamnionitis panels"
    assert list(fig.data[0].x) == list(table["band"]), "one bar per band of rupture"


@pytest.mark.parametrize("fn", [natural_history.dilation_timing_bars, natural_history.pprom_bars])
def test_charts_refuse_other_tables(fn):
    with pytest.raises(ValueError, match="table"):
        fn(pd.DataFrame({"x": [1]}))
