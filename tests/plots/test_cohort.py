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
    assert "cilib" in pio.templates, (
        f"importing cilib.plots should register the 'cilib' template; expected it among "
        f"{sorted(pio.templates)}"
    )
    layout = pio.templates["cilib"].layout
    assert layout.font.size >= 16, f"projector fonts: expected >= 16 px, got {layout.font.size}"
    assert layout.plot_bgcolor == "white" and layout.paper_bgcolor == "white", (
        f"template background: expected white plot and paper, got {layout.plot_bgcolor!r} "
        f"and {layout.paper_bgcolor!r}"
    )
    assert pio.templates.default != "cilib", (
        f"importing cilib must not change plotly's default template; expected another "
        f"default, got {pio.templates.default!r}"
    )


def test_colour_maps_are_fixed():
    assert set(plots.ONSET_COLOURS) == {"spontaneous", "indicated"}, (
        f"one colour per onset: expected spontaneous and indicated, got {set(plots.ONSET_COLOURS)}"
    )
    assert set(plots.SCENARIO_COLOURS) == set(cilib.scenarios()), (
        f"one colour per scenario: expected {set(cilib.scenarios())}, "
        f"got {set(plots.SCENARIO_COLOURS)}"
    )
    assert len(set(plots.ONSET_COLOURS.values())) == 2, (
        f"onsets need distinct colours: expected 2, got {plots.ONSET_COLOURS}"
    )
    assert len(set(plots.SCENARIO_COLOURS.values())) == 3, (
        f"scenarios need distinct colours: expected 3, got {plots.SCENARIO_COLOURS}"
    )
    assert plots.colour("indicated") == plots.ONSET_COLOURS["indicated"], (
        f"colour('indicated'): expected the onset colour {plots.ONSET_COLOURS['indicated']}, "
        f"got {plots.colour('indicated')}"
    )


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
    assert fig.layout.xaxis.title.text, (
        f"{name}: expected an x-axis title, got {fig.layout.xaxis.title.text!r}"
    )
    assert fig.layout.yaxis.title.text, (
        f"{name}: expected a y-axis title, got {fig.layout.yaxis.title.text!r}"
    )
    assert fig.layout.template.layout.font.size == plots.FONT_SIZE, (
        f"{name}: expected the cilib template (font size {plots.FONT_SIZE}), got font size "
        f"{fig.layout.template.layout.font.size}"
    )
    for tr in fig.data:
        for axis in ("x", "y"):
            values = getattr(tr, axis, None)
            n = 0 if values is None else len(values)
            assert n <= MAX_POINTS, (
                f"{name}: trace {tr.name!r} has {n} {axis} values; plots must draw aggregates: "
                f"expected <= {MAX_POINTS} points, not cohort rows"
            )
    size = len(fig.to_json())
    assert size < 100_000, (
        f"{name}: expected a small figure (< 100,000 bytes of JSON), got {size:,} bytes"
    )


def test_axis_titles_carry_units(figures):
    for name in ("cl_histogram", "cl_trajectories"):
        fig = figures[name]
        titles = f"{fig.layout.xaxis.title.text} {fig.layout.yaxis.title.text}"
        assert "(mm)" in titles or "(weeks)" in titles, (
            f"{name}: expected a unit '(mm)' or '(weeks)' in the axis titles, got {titles!r}"
        )
    assert "%" in figures["gestation_bars"].layout.yaxis.title.text, (
        f"gestation bars: expected a % y axis, got the title "
        f"{figures['gestation_bars'].layout.yaxis.title.text!r}"
    )


def test_cl_histogram_bars_are_percent_per_group(figures):
    fig = figures["cl_histogram"]
    assert len(fig.data) == 2, f"one bar trace per group, got {len(fig.data)}"
    for tr in fig.data:
        assert tr.type == "bar", (
            f"histograms are drawn as bars of binned counts: expected 'bar', got {tr.type!r}"
        )
        # abs=1e-6: float rounding only. Every CL here lies within the edges (0-68 mm), so the
        # ~34 bin percentages (100 * count / n each) add up to 100 up to rounding error.
        assert sum(tr.y) == pytest.approx(100, abs=1e-6), (
            f"{tr.name}: expected bars summing to 100% when the edges cover every value, "
            f"got {sum(tr.y)}"
        )
    assert len(fig.layout.shapes) == 2, (
        f"one vertical line per reference centile: expected 2, got {len(fig.layout.shapes)}"
    )


def test_cl_trajectories_are_reproducible_and_non_negative(cohort, figures):
    fig = figures["cl_trajectories"]
    assert len(fig.data) == 30 + 3, f"30 sample lines plus 3 band traces, got {len(fig.data)}"
    again = plots.cl_trajectories(cohort, n_lines=30, seed=SEED)
    other = plots.cl_trajectories(cohort, n_lines=30, seed=SEED + 1)
    ys = [np.asarray(t.y, dtype=float) for t in fig.data]
    assert all(
        np.array_equal(a, np.asarray(b.y, dtype=float), equal_nan=True)
        for a, b in zip(ys, again.data, strict=True)
    ), "same seed: expected the same lines, got different ones"
    assert not all(
        np.array_equal(a, np.asarray(b.y, dtype=float), equal_nan=True)
        for a, b in zip(ys, other.data, strict=True)
    ), "another seed: expected other lines, got the same ones"
    finite = np.concatenate([y[np.isfinite(y)] for y in ys])
    assert (finite >= 0).all(), (
        f"cervical length is never negative: expected min >= 0, got {finite.min()}"
    )
    median, p10 = ys[2], ys[1]
    assert (median >= p10).all(), (
        f"median line must lie above the 10th centile: expected median >= P10 every week, "
        f"got median - P10 = {np.round(median - p10, 3).tolist()}"
    )


def test_gestation_bars_use_onset_colours(figures):
    fig = figures["gestation_bars"]
    colours = {tr.name: tr.marker.color for tr in fig.data}
    assert colours == plots.ONSET_COLOURS, (
        f"bars should be coloured by onset: expected {plots.ONSET_COLOURS}, got {colours}"
    )
    assert fig.layout.barmode == "stack", (
        f"onsets should stack to the band total: expected barmode 'stack', "
        f"got {fig.layout.barmode!r}"
    )


def test_prevalence_dot_plot_shows_all_factors(figures):
    fig = figures["prevalence_dot_plot"]
    names = [tr.name for tr in fig.data]
    assert names == ["published/assumed range", "assumption value", "simulated (95% CI)"], (
        f"traces: expected range, assumption value and simulated, got {names}"
    )
    assert fig.layout.xaxis.type == "log", (
        f"prevalences span orders of magnitude: expected a log x axis, "
        f"got {fig.layout.xaxis.type!r}"
    )
    assert len(fig.layout.yaxis.categoryarray) == 13, (
        f"one row per risk factor: expected 13 rows, got {len(fig.layout.yaxis.categoryarray)}"
    )


def test_calibration_plot_standardises_and_clips():
    t = _calibration_table()
    fig = plots.calibration_plot(t)
    xs = np.concatenate([np.asarray(tr.x, dtype=float) for tr in fig.data])
    # pytest.approx's default tolerance (relative 1e-6): float rounding of the standardisation
    # (v - published) / half-width; the values are exact decimals otherwise.
    assert xs[0] == pytest.approx((10.5 - 10.4) / (10.7 - 10.4)), (
        f"passing target inside +/-1: expected {(10.5 - 10.4) / (10.7 - 10.4)}, got {xs[0]}"
    )
    assert xs[1] == pytest.approx(5.0), (
        f"a far-off value is drawn at the +5 edge: expected 5.0, got {xs[1]}"
    )
    assert xs[2] == pytest.approx(-(6.19 - 5.0) / (6.19 - 6.19 / 1.35)), (
        f"values below the published figure scale by its lower half-width: expected "
        f"{-(6.19 - 5.0) / (6.19 - 6.19 / 1.35)}, got {xs[2]}"
    )
    assert {tr.name for tr in fig.data} == {"us_contemporary", "iams_1996"}, (
        f"one trace per scenario: expected us_contemporary and iams_1996, got "
        f"{ {tr.name for tr in fig.data} }"
    )
    colours = {tr.name: tr.marker.color for tr in fig.data}
    assert all(colours[s] == plots.SCENARIO_COLOURS[s] for s in colours), (
        f"scenario colours: expected {plots.SCENARIO_COLOURS}, got {colours}"
    )
    pd.testing.assert_frame_equal(t, _calibration_table(), obj="calibration table (not mutated)")


def test_cl_trajectories_use_the_cohorts_assumptions():
    """cilib 0.1 coloured the lines by the us_contemporary preterm definition whatever the
    cohort (issue 11); the chart now reads the cohort's own assumptions, or raises."""
    a = cilib.Assumptions.default().replace(preterm_before_weeks=36.0)
    c = cilib.generate_cohort(3_000, seed=SEED, assumptions=a)
    names = {t.name for t in plots.cl_trajectories(c, n_lines=40, seed=SEED).data}
    assert any("36 wk" in str(n) for n in names), f"legend must use 36 wk, got {names}"
    assert not any("37 wk" in str(n) for n in names), f"37 wk is not this cohort's, got {names}"
    c.attrs = {}
    with pytest.raises(ValueError, match="no cilib metadata"):
        plots.cl_trajectories(c)
