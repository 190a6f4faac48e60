"""Treatment figures: aggregates only, shared template, units on the axes, published beside simulated."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from cilib.plots import TEMPLATE, colour
from cilib.plots import treatments as treatment_plots

MAX_POINTS = 250


@pytest.fixture(scope="module")
def table():
    """Two trial rows shaped like trials.run_all output (one with a missing published CI)."""
    return pd.DataFrame(
        {
            "trial": ["fonseca_2007", "meis_2003"],
            "outcome": ["spontaneous delivery < 34 wk", "PTB < 37 wk"],
            "control_rate": [0.27, 0.24],
            "control_low": [0.25, 0.22],
            "control_high": [0.29, 0.26],
            "treatment_rate": [0.155, 0.224],
            "treatment_low": [0.14, 0.21],
            "treatment_high": [0.17, 0.24],
            "published_control": [0.344, 0.549],
            "published_treatment": [0.192, 0.363],
            "rr": [0.57, 0.94],
            "rr_low": [0.515, 0.866],
            "rr_high": [0.632, 1.024],
            "rr_counterfactual": [0.59, 0.96],
            "rr_counterfactual_low": [0.57, 0.95],
            "rr_counterfactual_high": [0.61, 0.97],
            "published_rr": [0.56, 0.66],
            "published_rr_low": [0.36, math.nan],
            "published_rr_high": [0.86, math.nan],
        }
    )


@pytest.fixture(scope="module")
def curve_points():
    hr = np.round(np.arange(0.1, 1.01, 0.1), 2)
    return pd.DataFrame(
        {"hr": hr, "rr": 0.4 + 0.6 * hr, "lo": 0.35 + 0.6 * hr, "hi": 0.45 + 0.6 * hr}
    )


@pytest.fixture(scope="module")
def figures(table, curve_points):
    return {
        "trial_forest": treatment_plots.trial_forest(table, counterfactual=True),
        "arm_rates": treatment_plots.arm_rates(table),
        "effect_curve": treatment_plots.effect_curve(
            curve_points,
            x="hr",
            y="rr",
            y_low="lo",
            y_high="hi",
            x_title="Hazard ratio",
            y_title="Risk ratio",
            current_x=0.3,
            published=(0.56, 0.36, 0.86),
        ),
    }


@pytest.mark.parametrize("name", ["trial_forest", "arm_rates", "effect_curve"])
def test_figures_use_the_template_and_titled_axes(figures, name):
    fig = figures[name]
    assert isinstance(fig, go.Figure), f"{name} must return a plotly Figure"
    assert fig.layout.template == TEMPLATE, f"{name} must use the shared cilib template"
    assert fig.layout.xaxis.title.text, f"{name}: the x axis needs a title"
    assert fig.layout.yaxis.title.text, f"{name}: the y axis needs a title"


@pytest.mark.parametrize("name", ["trial_forest", "arm_rates", "effect_curve"])
def test_figures_hold_aggregates_only(figures, name):
    for trace in figures[name].data:
        n = len(trace.x) if trace.x is not None else 0
        assert n <= MAX_POINTS, f"{name}: trace {trace.name!r} holds {n} points (aggregates only)"


def test_forest_shows_simulated_and_published_rr_per_trial(figures, table):
    fig = figures["trial_forest"]
    assert fig.layout.xaxis.type == "log", "risk ratios belong on a log axis"
    assert "Risk ratio" in fig.layout.xaxis.title.text, "the x axis must say it shows risk ratios"
    by_name = {t.name: t for t in fig.data}
    sim = by_name["simulated RR (95% CI)"]
    pub = by_name["published RR (95% CI)"]
    assert np.allclose(sim.x, table["rr"]), "simulated markers must sit at the simulated RRs"
    assert np.allclose(pub.x, table["published_rr"]), "published markers at the published RRs"
    assert sim.marker.color == colour("simulated"), "simulated must use the simulated colour"
    assert pub.marker.color == colour("published"), "published must use the published colour"
    # CI whiskers reach the bounds; a missing published CI is drawn without whiskers
    assert np.allclose(np.asarray(sim.x) + np.asarray(sim.error_x.array), table["rr_high"]), (
        "simulated upper whiskers must reach rr_high"
    )
    assert np.allclose(np.asarray(sim.x) - np.asarray(sim.error_x.arrayminus), table["rr_low"]), (
        "simulated lower whiskers must reach rr_low"
    )
    assert pub.error_x.array[1] == 0 and pub.error_x.arrayminus[1] == 0, (
        "a NaN published CI must give no whiskers, not NaN"
    )
    assert "simulated, same women RR (95% CI)" in by_name, (
        "counterfactual=True adds the same-women RR"
    )
    no_effect = by_name["no effect (RR = 1)"]
    assert list(no_effect.x) == [1.0, 1.0], "the line of no effect must sit at RR = 1"
    lo, hi = (10**v for v in fig.layout.xaxis.range)
    values = table[["rr_low", "rr_high", "published_rr_low", "published_rr_high"]].to_numpy()
    values = values[np.isfinite(values)]
    assert lo < min(values.min(), 1) and hi > max(values.max(), 1), "x range must show all CIs"
    ticks = list(fig.layout.yaxis.ticktext)
    assert len(ticks) == len(table) and "fonseca_2007" in ticks[0], "one labelled row per trial"


def test_forest_without_counterfactual_and_with_labels(table):
    fig = treatment_plots.trial_forest(table, labels={"fonseca_2007": "Fonseca 2007"})
    names = [t.name for t in fig.data]
    assert "simulated, same women RR (95% CI)" not in names, "same-women RR only on request"
    assert fig.layout.yaxis.ticktext[0].startswith("Fonseca 2007"), "labels must rename rows"


def test_arm_rates_in_percent_with_published_diamonds(figures, table):
    fig = figures["arm_rates"]
    assert "%" in fig.layout.xaxis.title.text, "rates are shown in percent"
    by_name = {t.name: t for t in fig.data}
    for arm in ("control", "treatment"):
        sim = by_name[f"{arm}, simulated (95% CI)"]
        pub = by_name[f"{arm}, published"]
        assert np.allclose(sim.x, 100 * table[f"{arm}_rate"]), f"{arm}: simulated rates in %"
        assert np.allclose(pub.x, 100 * table[f"published_{arm}"]), f"{arm}: published rates in %"
        assert sim.marker.color == treatment_plots.ARM_COLOURS[arm], f"{arm}: fixed arm colour"
        assert pub.marker.symbol.startswith("diamond"), f"{arm}: published drawn as diamonds"


def test_effect_curve_draws_points_band_marker_and_published(figures, curve_points):
    fig = figures["effect_curve"]
    by_name = {t.name: t for t in fig.data}
    line = by_name["simulated"]
    assert np.allclose(line.x, curve_points["hr"]), "the curve must pass through the given points"
    assert np.allclose(line.y, curve_points["rr"]), "the curve must show the given outcome"
    assert any(t.fill == "toself" and t.name == "simulated: 95% CI" for t in fig.data), (
        "y_low/y_high must draw a CI band"
    )
    published = by_name["published (95% CI)"]
    assert set(published.y) == {0.56}, "the published RR is a horizontal line"
    marker = next(t for t in fig.data if t.name.startswith("model value"))
    assert set(marker.x) == {0.3}, "current_x marks the model's value"


def test_effect_curve_groups_get_arm_colours():
    pts = pd.DataFrame(
        {
            "days": [0, 7, 14, 0, 7, 14],
            "arm": ["control"] * 3 + ["treatment"] * 3,
            "share": [1.0, 0.6, 0.3, 1.0, 0.8, 0.6],
        }
    )
    fig = treatment_plots.effect_curve(
        pts, x="days", y="share", group="arm", x_title="Days", y_title="Share"
    )
    by_name = {t.name: t for t in fig.data}
    assert set(by_name) == {"control", "treatment"}, f"one line per group, got {set(by_name)}"
    for arm, trace in by_name.items():
        assert trace.line.color == treatment_plots.ARM_COLOURS[arm], f"{arm}: fixed arm colour"
        assert list(trace.x) == [0, 7, 14], f"{arm}: points sorted by x within the group"
