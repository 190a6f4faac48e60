"""Screening figures: aggregates only, units on the axes, and a slider that needs no kernel.

Covers :mod:`cilib.plots.screening` (CL by outcome, ROC, PPV) and :mod:`cilib.plots.thresholds`
(threshold slider, metric curves, metrics text), which share the cohort and marker below.
"""

from __future__ import annotations

import re

import numpy as np
import plotly.graph_objects as go
import pytest

import cilib
from cilib import screening
from cilib.params import definitions
from cilib.plots import TEMPLATE
from cilib.plots import screening as screening_plots
from cilib.plots import thresholds as threshold_plots
from cilib.screening import tables as screening_tables

N = 20_000
SEED = 13
MAX_POINTS = 250
THRESHOLDS = np.arange(10, 31)  # slider steps, mm
OPERATING_MM = sorted(definitions.PUBLISHED_THRESHOLDS_MM)


@pytest.fixture(scope="module")
def cohort():
    return cilib.generate_cohort(N, seed=SEED)


@pytest.fixture(scope="module")
def marker_event(cohort):
    cl = screening.screen(cohort, screening.anatomy_scan(), seed=SEED)["cl_first_mm"]
    event = screening_tables.spontaneous_birth_before(
        cohort, definitions.FONSECA_OUTCOME_BEFORE_WEEKS
    )
    return cl, event


@pytest.fixture(scope="module")
def slider(marker_event):
    cl, event = marker_event
    return threshold_plots.threshold_slider(cl, event, THRESHOLDS, active_mm=20)


@pytest.fixture(scope="module")
def figures(cohort, marker_event, slider):
    cl, event = marker_event
    return {
        "cl_by_outcome": screening_plots.cl_by_outcome(cl, event, np.arange(0, 62, 2), 20.0),
        "threshold_slider": slider,
        "metric_curves": threshold_plots.metric_curves(
            screening.sweep(cl, event), range_mm=(5, 45), marks_mm=OPERATING_MM
        ),
        "roc_plot": screening_plots.roc_plot(
            screening.roc(cl, event),
            screening.auc(cl, event),
            screening.sweep(cl, event, thresholds=OPERATING_MM),
        ),
        "ppv_by_population": screening_plots.ppv_by_population(
            screening_tables.strategy_table(cohort, event, 20.0, seed=SEED)
        ),
    }


def _points(trace) -> int:
    return max((len(v) for v in (trace.x, trace.y) if v is not None), default=0)


def test_every_figure_plots_aggregates_in_the_shared_template(figures):
    for name, fig in figures.items():
        assert isinstance(fig, go.Figure), f"{name}: expected a plotly Figure, got {type(fig)}"
        assert fig.layout.template == TEMPLATE, (
            f"{name}: expected the cilib template, got another template"
        )
        for trace in fig.data:
            assert _points(trace) <= MAX_POINTS, (
                f"{name}: trace {trace.name!r}: expected aggregates (at most {MAX_POINTS} "
                f"points), got {_points(trace)}"
            )
        size = len(fig.to_json())
        assert size < 150_000, (
            f"{name}: expected aggregates only (< 150,000 bytes of JSON), got {size:,} bytes"
        )


@pytest.mark.parametrize(
    ("name", "x_unit", "y_unit"),
    [
        ("cl_by_outcome", "(mm)", "%"),
        ("threshold_slider", "(mm)", "%"),
        ("metric_curves", "(mm)", "(%)"),
        ("roc_plot", "(%)", "(%)"),
        ("ppv_by_population", "", "(%)"),
    ],
)
def test_axis_titles_carry_units(figures, name, x_unit, y_unit):
    layout = figures[name].layout
    assert layout.xaxis.title.text and x_unit in layout.xaxis.title.text, (
        f"{name}: x title {layout.xaxis.title.text!r} should contain {x_unit!r}"
    )
    assert y_unit in layout.yaxis.title.text, (
        f"{name}: y title {layout.yaxis.title.text!r} should contain {y_unit!r}"
    )


def test_cl_by_outcome_bars_are_percent_of_each_group(figures):
    fig = figures["cl_by_outcome"]
    assert len(fig.data) == 2, f"one bar trace per outcome group: expected 2, got {len(fig.data)}"
    for trace in fig.data:
        # abs=0.5 percentage points: the bins end at 60 mm and binned() leaves longer CLs in no
        # bin, so a group's bars sum to 100% minus its share of CLs > 60 mm (0.1% of the
        # no-early-birth group at this seed, none of the early births); float rounding is
        # negligible next to that.
        assert sum(trace.y) == pytest.approx(100, abs=0.5), (
            f"{trace.name}: bars are % of their own group and the bins cover the range: "
            f"expected a sum of 100 +/- 0.5, got {sum(trace.y)}"
        )
    line = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(line) == 1 and line[0].x0 == 20.0, (
        f"expected one threshold line at 20 mm, got lines at {[s.x0 for s in line]}"
    )


def _number(pattern: str, text: str) -> float:
    match = re.search(pattern, text)
    assert match, f"expected {pattern!r} in the annotation, got {text!r}"
    return float(match.group(1).replace(",", ""))


def test_slider_has_one_step_per_threshold_matching_metrics(slider, marker_event):
    cl, event = marker_event
    (sl,) = slider.layout.sliders
    assert len(sl.steps) == len(THRESHOLDS), (
        f"one step per threshold: expected {len(THRESHOLDS)}, got {len(sl.steps)}"
    )
    assert [s.label for s in sl.steps] == [f"{t:g}" for t in THRESHOLDS], (
        f"step labels: expected the thresholds in mm {[f'{t:g}' for t in THRESHOLDS]}, "
        f"got {[s.label for s in sl.steps]}"
    )
    for step, t in zip(sl.steps, THRESHOLDS, strict=True):
        assert step.method == "update", (
            f"each step restyles the bars and relayouts the rest: expected method 'update', "
            f"got {step.method!r}"
        )
        data, layout, traces = step.args
        assert list(traces) == [0, 1], (
            f"both bar traces are restyled: expected [0, 1], got {list(traces)}"
        )
        line = [s for s in layout["shapes"] if s["type"] == "line"][0]
        rect = [s for s in layout["shapes"] if s["type"] == "rect"][0]
        assert line["x0"] == line["x1"] == t, (
            f"step {t}: expected the threshold line at {t} mm, got {line['x0']}-{line['x1']}"
        )
        assert rect["x1"] == t, (
            f"step {t}: expected the shaded positive region to end at {t} mm, got {rect['x1']}"
        )
        text = layout["annotations"][-1]["text"]
        m = screening.metrics(cl, event, float(t)).iloc[0]
        assert f"CL ≤ {t:g} mm" in text, (
            f"step {t}: the box names its threshold: expected 'CL ≤ {t:g} mm' in {text!r}"
        )
        for label, value in (
            ("sensitivity", m.sensitivity),
            ("specificity", m.specificity),
            ("PPV", m.ppv),
            ("NPV", m.npv),
        ):
            shown = _number(rf"{label} (\d+\.\d)%", text)
            # abs=0.05 percentage points: the box rounds each metric to one decimal (.1f), so
            # it is off from metrics() by at most half of its last digit (plus 1e-9 for a
            # value exactly on the half, e.g. 31.25 printed as 31.2 from its binary form).
            assert shown == pytest.approx(100 * value, abs=0.05 + 1e-9), (
                f"step {t} mm: {label}: expected {100 * value:.3f}% as in metrics(), got {shown}%"
            )
        assert _number(r"\((\d[\d,]*) of", text) == m.tp, (
            f"step {t}: true positives: expected '({m.tp:,} of' in the box, got {text!r}"
        )
        opacity = np.asarray(data["marker.opacity"][0])
        mids = np.asarray(slider.data[0].x)
        assert (opacity[mids <= t] > opacity[mids > t].max(initial=0)).all(), (
            f"step {t}: bars at or below the threshold are highlighted: expected opacities "
            f"{opacity[mids <= t].tolist()} above {opacity[mids > t].max(initial=0)}"
        )


def test_slider_starts_on_the_active_step(slider):
    (sl,) = slider.layout.sliders
    assert THRESHOLDS[sl.active] == 20, (
        f"active_mm=20 selects the 20 mm step: expected 20, got {THRESHOLDS[sl.active]}"
    )
    line = [s for s in slider.layout.shapes if s.type == "line"][0]
    assert line.x0 == 20, (
        f"the initial figure shows the active step (no kernel needed): expected the line at "
        f"20 mm, got {line.x0}"
    )
    start_text = slider.layout.annotations[-1].text
    assert start_text == sl.steps[sl.active].args[1]["annotations"][-1]["text"], (
        f"the initial box is the active step's: expected "
        f"{sl.steps[sl.active].args[1]['annotations'][-1]['text']!r}, got {start_text!r}"
    )


def test_metric_curves_match_metrics(figures, marker_event):
    cl, event = marker_event
    fig = figures["metric_curves"]
    lines = {t.name: t for t in fig.data if t.showlegend is not False and t.name}
    assert set(lines) == {"sensitivity", "specificity", "PPV", "NPV"}, (
        f"one line per metric: expected sensitivity, specificity, PPV and NPV, got {set(lines)}"
    )
    sens = lines["sensitivity"]
    assert len(sens.x) <= 200, f"down-sampled: expected at most 200 thresholds, got {len(sens.x)}"
    i = len(sens.x) // 2
    m = screening.metrics(cl, event, float(sens.x[i])).iloc[0]
    # pytest.approx's default tolerance (relative 1e-6): float rounding only; the sweep and
    # metrics() count the same women at the same threshold.
    assert sens.y[i] == pytest.approx(100 * m.sensitivity), (
        f"curve value is metrics() at x = {sens.x[i]}: expected {100 * m.sensitivity}, "
        f"got {sens.y[i]}"
    )
    assert np.all(np.diff(sens.y) >= 0), (
        f"sensitivity never falls as the threshold rises: expected non-negative steps, "
        f"got a smallest step of {np.diff(sens.y).min()}"
    )
    assert np.all(np.diff(lines["specificity"].y) <= 0), (
        f"specificity never rises as the threshold rises: expected non-positive steps, "
        f"got a largest step of {np.diff(lines['specificity'].y).max()}"
    )


def test_roc_plot_marks_and_labels_operating_points(figures, marker_event):
    cl, event = marker_event
    fig = figures["roc_plot"]
    points = [t for t in fig.data if t.mode == "markers+text"]
    assert len(points) == 1, f"one trace of operating points: expected 1, got {len(points)}"
    assert list(points[0].text) == [f"{t:g} mm" for t in OPERATING_MM], (
        f"operating points labelled with their thresholds: expected "
        f"{[f'{t:g} mm' for t in OPERATING_MM]}, got {list(points[0].text)}"
    )
    for x, y, t in zip(points[0].x, points[0].y, OPERATING_MM, strict=True):
        m = screening.metrics(cl, event, t).iloc[0]
        # pytest.approx's default tolerance (relative 1e-6): float rounding of the x100 only
        assert (x, y) == pytest.approx((100 * (1 - m.specificity), 100 * m.sensitivity)), (
            f"{t} mm point at (FPR, sensitivity) from metrics(): expected "
            f"{(100 * (1 - m.specificity), 100 * m.sensitivity)}, got {(x, y)}"
        )
    auc = screening.auc(cl, event).iloc[0]
    text = " ".join(a.text for a in fig.layout.annotations)
    assert f"AUC {auc.auc:.3f}" in text and f"{auc.auc_low:.3f}" in text, (
        f"the AUC and its lower limit on the chart: expected 'AUC {auc.auc:.3f}' and "
        f"'{auc.auc_low:.3f}' in {text!r}"
    )


def test_ppv_by_population_bars(figures, cohort, marker_event):
    cl, event = marker_event
    table = screening_tables.strategy_table(cohort, event, 20.0, seed=SEED)
    fig = figures["ppv_by_population"]
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 2, f"one bar trace per strategy: expected 2, got {len(bars)}"
    universal = bars[0]
    assert list(universal.x) == ["all women", "nulliparous", "prior sPTB"], (
        f"universal screening groups: expected ['all women', 'nulliparous', 'prior sPTB'], "
        f"got {list(universal.x)}"
    )
    expected = 100 * table.loc[table.strategy == screening_tables.UNIVERSAL, "ppv"].to_numpy()
    # assert_allclose's default rtol 1e-7: float rounding of the x100 only
    np.testing.assert_allclose(universal.y, expected, err_msg="bar heights are PPV in %")
    assert list(bars[1].x) == ["prior sPTB"], (
        f"history-based screening only after a prior sPTB: expected ['prior sPTB'], "
        f"got {list(bars[1].x)}"
    )
    assert "20" in fig.layout.title.text, (
        f"the title names the threshold: expected '20' in {fig.layout.title.text!r}"
    )


def test_bad_input_is_refused(marker_event):
    cl, event = marker_event
    with pytest.raises(ValueError, match="marker, event"):
        screening_plots.cl_by_outcome(cl, event.astype(int), [0, 10, 20], 15.0)
    halves = np.arange(len(cl)) % 2 == 0
    two_groups = screening.sweep(cl, event, by={"even": halves, "odd": ~halves})
    with pytest.raises(ValueError, match="several groups"):
        threshold_plots.metric_curves(two_groups)
