"""Tests of cilib.plots: plotly figures of aggregates, with axis titles and the shared template."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

import cilib
from cilib import plots
from cilib.analysis import summary
from cilib.analysis.calibration import calibrate

N = 20_000
SEED = 5
MAX_POINTS = 200


@pytest.fixture(scope="module")
def assumptions():
    return cilib.Assumptions.default()


@pytest.fixture(scope="module")
def cohort(assumptions):
    return cilib.generate_cohort(N, seed=SEED, assumptions=assumptions)


def _calibration_table() -> pd.DataFrame:
    """Hand-made calibrate()-like table: one pass, one far-off fail, one asymmetric interval."""
    return pd.DataFrame(
        {
            "target": [1, 8, 11],
            "key": ["ptb_all", "cl24_mean", "rr_le_p10"],
            "scenario": ["us_contemporary", "iams_1996", "iams_1996"],
            "description": ["PTB", "CL mean", "RR"],
            "published": [10.4, 35.2, 6.19],
            "simulated": [10.5, 50.0, 5.0],
            "ci_low": [10.2, 49.0, 4.0],
            "ci_high": [10.8, 51.0, 6.0],
            "lower": [10.1, 34.5, 6.19 / 1.35],
            "upper": [10.7, 35.9, 6.19 * 1.35],
            "unit": ["%", "mm", "ratio"],
        }
    )


@pytest.fixture(scope="module")
def figures(cohort, assumptions):
    cl24 = cilib.cervical_length(cohort, 24)
    return {
        "cl_histogram": plots.cl_histogram(
            {
                "true": cl24,
                "measured": cilib.measure_cervical_length(
                    cohort, 24, seed=SEED, assumptions=assumptions
                ),
            },
            np.arange(0, 70, 2),
            reference_centiles={"P10": 26.0, "P50": 35.0},
        ),
        "cl_trajectories": plots.cl_trajectories(cohort, n_lines=30, seed=SEED),
        "gestation_bars": plots.gestation_bars(summary.gestation_distribution(cohort)),
        "prevalence_dot_plot": plots.prevalence_dot_plot(
            summary.prevalence_table(cohort, assumptions)
        ),
        "calibration_plot": plots.calibration_plot(_calibration_table()),
        "calibration_plot_real": plots.calibration_plot(
            calibrate("us_contemporary", n=5_000, seed=SEED)
        ),
    }


def test_template_is_registered_and_readable():
    assert "cilib" in pio.templates, "importing cilib.plots should register the 'cilib' template"
    layout = pio.templates["cilib"].layout
    assert layout.font.size >= 16, f"projector fonts should be >= 16 px, got {layout.font.size}"
    assert layout.plot_bgcolor == "white" and layout.paper_bgcolor == "white", (
        "template background should be white"
    )
    assert pio.templates.default != "cilib", "importing cilib must not change plotly's default"


def test_colour_maps_are_fixed():
    assert set(plots.ONSET_COLOURS) == {"spontaneous", "indicated"}, "one colour per onset"
    assert set(plots.SCENARIO_COLOURS) == set(cilib.scenarios()), "one colour per scenario"
    assert len(set(plots.ONSET_COLOURS.values())) == 2, "onsets need distinct colours"
    assert len(set(plots.SCENARIO_COLOURS.values())) == 3, "scenarios need distinct colours"
    assert plots.colour("indicated") == plots.ONSET_COLOURS["indicated"], "colour() lookup"


@pytest.mark.parametrize(
    "name",
    [
        "cl_histogram",
        "cl_trajectories",
        "gestation_bars",
        "prevalence_dot_plot",
        "calibration_plot",
        "calibration_plot_real",
    ],
)
def test_figures_are_small_titled_aggregates(figures, name):
    fig = figures[name]
    assert isinstance(fig, go.Figure), f"{name}: expected a plotly Figure, got {type(fig)}"
    assert fig.layout.xaxis.title.text, f"{name}: x axis has no title"
    assert fig.layout.yaxis.title.text, f"{name}: y axis has no title"
    assert fig.layout.template.layout.font.size == plots.FONT_SIZE, (
        f"{name}: figure should use the cilib template"
    )
    for tr in fig.data:
        for axis in ("x", "y"):
            values = getattr(tr, axis, None)
            n = 0 if values is None else len(values)
            assert n <= MAX_POINTS, (
                f"{name}: trace {tr.name!r} has {n} {axis} values; plots must draw aggregates "
                f"(<= {MAX_POINTS} points), not cohort rows"
            )
    size = len(fig.to_json())
    assert size < 100_000, f"{name}: figure JSON is {size} bytes; expected a small figure"


def test_axis_titles_carry_units(figures):
    for name in ("cl_histogram", "cl_trajectories"):
        fig = figures[name]
        titles = f"{fig.layout.xaxis.title.text} {fig.layout.yaxis.title.text}"
        assert "(mm)" in titles or "(weeks)" in titles, f"{name}: no unit in titles {titles!r}"
    assert "%" in figures["gestation_bars"].layout.yaxis.title.text, "gestation bars: % axis"


def test_cl_histogram_bars_are_percent_per_group(figures):
    fig = figures["cl_histogram"]
    assert len(fig.data) == 2, f"one bar trace per group, got {len(fig.data)}"
    for tr in fig.data:
        assert tr.type == "bar", f"histograms are drawn as bars of binned counts, got {tr.type}"
        assert sum(tr.y) == pytest.approx(100, abs=1e-6), (
            f"{tr.name}: bars should sum to 100% when the edges cover every value, got {sum(tr.y)}"
        )
    assert len(fig.layout.shapes) == 2, "one vertical line per reference centile"


def test_cl_trajectories_are_reproducible_and_non_negative(cohort, figures):
    fig = figures["cl_trajectories"]
    assert len(fig.data) == 30 + 3, f"30 sample lines plus 3 band traces, got {len(fig.data)}"
    again = plots.cl_trajectories(cohort, n_lines=30, seed=SEED)
    other = plots.cl_trajectories(cohort, n_lines=30, seed=SEED + 1)
    ys = [np.asarray(t.y, dtype=float) for t in fig.data]
    assert all(
        np.array_equal(a, np.asarray(b.y, dtype=float), equal_nan=True)
        for a, b in zip(ys, again.data, strict=True)
    ), "same seed must give the same lines"
    assert not all(
        np.array_equal(a, np.asarray(b.y, dtype=float), equal_nan=True)
        for a, b in zip(ys, other.data, strict=True)
    ), "another seed, other lines"
    finite = np.concatenate([y[np.isfinite(y)] for y in ys])
    assert (finite >= 0).all(), "cervical length is never negative"
    median, p10 = ys[2], ys[1]
    assert (median >= p10).all(), "median line must lie above the 10th centile"


def test_gestation_bars_use_onset_colours(figures):
    fig = figures["gestation_bars"]
    colours = {tr.name: tr.marker.color for tr in fig.data}
    assert colours == plots.ONSET_COLOURS, f"bars should be coloured by onset, got {colours}"
    assert fig.layout.barmode == "stack", "onsets should stack to the band total"


def test_prevalence_dot_plot_shows_all_factors(figures):
    fig = figures["prevalence_dot_plot"]
    names = [tr.name for tr in fig.data]
    assert names == ["published/assumed range", "assumption value", "simulated (95% CI)"], (
        f"traces: got {names}"
    )
    assert fig.layout.xaxis.type == "log", "prevalences span orders of magnitude: log axis"
    assert len(fig.layout.yaxis.categoryarray) == 13, "one row per risk factor"


def test_calibration_plot_standardises_and_clips():
    t = _calibration_table()
    fig = plots.calibration_plot(t)
    xs = np.concatenate([np.asarray(tr.x, dtype=float) for tr in fig.data])
    assert xs[0] == pytest.approx((10.5 - 10.4) / (10.7 - 10.4)), "passing target inside +/-1"
    assert xs[1] == pytest.approx(5.0), "a far-off value is drawn at the +5 edge"
    assert xs[2] == pytest.approx(-(6.19 - 5.0) / (6.19 - 6.19 / 1.35)), (
        "values below the published figure scale by its lower half-width"
    )
    assert {tr.name for tr in fig.data} == {"us_contemporary", "iams_1996"}, "one trace/scenario"
    colours = {tr.name: tr.marker.color for tr in fig.data}
    assert all(colours[s] == plots.SCENARIO_COLOURS[s] for s in colours), "scenario colours"
    pd.testing.assert_frame_equal(t, _calibration_table(), obj="calibration table (not mutated)")
