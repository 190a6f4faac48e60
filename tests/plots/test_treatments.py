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
    assert isinstance(fig, go.Figure), f"{name}: expected a plotly Figure, got {type(fig)}"
    assert fig.layout.template == TEMPLATE, (
        f"{name}: expected the shared cilib template, got another template"
    )
    assert fig.layout.xaxis.title.text, (
        f"{name}: expected an x-axis title, got {fig.layout.xaxis.title.text!r}"
    )
    assert fig.layout.yaxis.title.text, (
        f"{name}: expected a y-axis title, got {fig.layout.yaxis.title.text!r}"
    )


@pytest.mark.parametrize("name", ["trial_forest", "arm_rates", "effect_curve"])
def test_figures_hold_aggregates_only(figures, name):
    for trace in figures[name].data:
        n = len(trace.x) if trace.x is not None else 0
        assert n <= MAX_POINTS, (
            f"{name}: trace {trace.name!r}: expected aggregates only (<= {MAX_POINTS} points), "
            f"got {n}"
        )


def test_forest_shows_simulated_and_published_rr_per_trial(figures, table):
    fig = figures["trial_forest"]
    assert fig.layout.xaxis.type == "log", (
        f"risk ratios belong on a log axis: expected 'log', got {fig.layout.xaxis.type!r}"
    )
    assert "Risk ratio" in fig.layout.xaxis.title.text, (
        f"the x axis must say it shows risk ratios: expected 'Risk ratio' in "
        f"{fig.layout.xaxis.title.text!r}"
    )
    by_name = {t.name: t for t in fig.data}
    sim = by_name["simulated RR (95% CI)"]
    pub = by_name["published RR (95% CI)"]
    # np.allclose (default rtol 1e-5) in this test: float rounding only; markers are the
    # table's values and whiskers the differences error_bars() takes from them.
    assert np.allclose(sim.x, table["rr"]), (
        f"simulated markers at the simulated RRs: expected {table['rr'].tolist()}, "
        f"got {list(sim.x)}"
    )
    assert np.allclose(pub.x, table["published_rr"]), (
        f"published markers at the published RRs: expected {table['published_rr'].tolist()}, "
        f"got {list(pub.x)}"
    )
    assert sim.marker.color == colour("simulated"), (
        f"simulated: expected the simulated colour {colour('simulated')}, got {sim.marker.color}"
    )
    assert pub.marker.color == colour("published"), (
        f"published: expected the published colour {colour('published')}, got {pub.marker.color}"
    )
    # CI whiskers reach the bounds; a missing published CI is drawn without whiskers
    assert np.allclose(np.asarray(sim.x) + np.asarray(sim.error_x.array), table["rr_high"]), (
        f"simulated upper whiskers: expected to reach rr_high {table['rr_high'].tolist()}, "
        f"got {(np.asarray(sim.x) + np.asarray(sim.error_x.array)).tolist()}"
    )
    assert np.allclose(np.asarray(sim.x) - np.asarray(sim.error_x.arrayminus), table["rr_low"]), (
        f"simulated lower whiskers: expected to reach rr_low {table['rr_low'].tolist()}, "
        f"got {(np.asarray(sim.x) - np.asarray(sim.error_x.arrayminus)).tolist()}"
    )
    assert pub.error_x.array[1] == 0 and pub.error_x.arrayminus[1] == 0, (
        f"a NaN published CI must give no whiskers: expected 0 and 0, got "
        f"{pub.error_x.array[1]} and {pub.error_x.arrayminus[1]}"
    )
    assert "simulated, same women RR (95% CI)" in by_name, (
        f"counterfactual=True adds the same-women RR: expected its trace among {list(by_name)}"
    )
    no_effect = by_name["no effect (RR = 1)"]
    assert list(no_effect.x) == [1.0, 1.0], (
        f"the line of no effect: expected x = [1.0, 1.0], got {list(no_effect.x)}"
    )
    lo, hi = (10**v for v in fig.layout.xaxis.range)
    values = table[["rr_low", "rr_high", "published_rr_low", "published_rr_high"]].to_numpy()
    values = values[np.isfinite(values)]
    assert lo < min(values.min(), 1) and hi > max(values.max(), 1), (
        f"x range must show all CIs and RR = 1: expected a range beyond "
        f"({min(values.min(), 1)}, {max(values.max(), 1)}), got ({lo}, {hi})"
    )
    ticks = list(fig.layout.yaxis.ticktext)
    assert len(ticks) == len(table) and "fonseca_2007" in ticks[0], (
        f"one labelled row per trial: expected {len(table)} rows, fonseca_2007 first, got {ticks}"
    )


def test_forest_without_counterfactual_and_with_labels(table):
    fig = treatment_plots.trial_forest(table, labels={"fonseca_2007": "Fonseca 2007"})
    names = [t.name for t in fig.data]
    assert "simulated, same women RR (95% CI)" not in names, (
        f"same-women RR only on request: expected no such trace, got {names}"
    )
    assert fig.layout.yaxis.ticktext[0].startswith("Fonseca 2007"), (
        f"labels must rename rows: expected 'Fonseca 2007...', got {fig.layout.yaxis.ticktext[0]!r}"
    )


def test_arm_rates_in_percent_with_published_diamonds(figures, table):
    fig = figures["arm_rates"]
    assert "%" in fig.layout.xaxis.title.text, (
        f"rates are shown in percent: expected '%' in {fig.layout.xaxis.title.text!r}"
    )
    by_name = {t.name: t for t in fig.data}
    for arm in ("control", "treatment"):
        sim = by_name[f"{arm}, simulated (95% CI)"]
        pub = by_name[f"{arm}, published"]
        # np.allclose (default rtol 1e-5): float rounding of the x100 only
        assert np.allclose(sim.x, 100 * table[f"{arm}_rate"]), (
            f"{arm}: simulated rates in %: expected {(100 * table[f'{arm}_rate']).tolist()}, "
            f"got {list(sim.x)}"
        )
        assert np.allclose(pub.x, 100 * table[f"published_{arm}"]), (
            f"{arm}: published rates in %: expected "
            f"{(100 * table[f'published_{arm}']).tolist()}, got {list(pub.x)}"
        )
        assert sim.marker.color == treatment_plots.ARM_COLOURS[arm], (
            f"{arm}: expected the fixed arm colour {treatment_plots.ARM_COLOURS[arm]}, "
            f"got {sim.marker.color}"
        )
        assert pub.marker.symbol.startswith("diamond"), (
            f"{arm}: published drawn as diamonds: expected a diamond symbol, "
            f"got {pub.marker.symbol!r}"
        )


def test_effect_curve_draws_points_band_marker_and_published(figures, curve_points):
    fig = figures["effect_curve"]
    by_name = {t.name: t for t in fig.data}
    line = by_name["simulated"]
    # np.allclose (default rtol 1e-5): float rounding only; the line is the given points
    assert np.allclose(line.x, curve_points["hr"]), (
        f"the curve must pass through the given points: expected x {curve_points['hr'].tolist()}, "
        f"got {list(line.x)}"
    )
    assert np.allclose(line.y, curve_points["rr"]), (
        f"the curve must show the given outcome: expected y {curve_points['rr'].tolist()}, "
        f"got {list(line.y)}"
    )
    assert any(t.fill == "toself" and t.name == "simulated: 95% CI" for t in fig.data), (
        f"y_low/y_high must draw a CI band: expected a filled 'simulated: 95% CI' trace, got "
        f"{[(t.name, t.fill) for t in fig.data]}"
    )
    published = by_name["published (95% CI)"]
    assert set(published.y) == {0.56}, (
        f"the published RR is a horizontal line: expected y = 0.56 throughout, "
        f"got {list(published.y)}"
    )
    marker = next(t for t in fig.data if t.name.startswith("model value"))
    assert set(marker.x) == {0.3}, (
        f"current_x marks the model's value: expected x = 0.3, got {list(marker.x)}"
    )


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
    assert set(by_name) == {"control", "treatment"}, (
        f"one line per group: expected control and treatment, got {set(by_name)}"
    )
    for arm, trace in by_name.items():
        assert trace.line.color == treatment_plots.ARM_COLOURS[arm], (
            f"{arm}: expected the fixed arm colour {treatment_plots.ARM_COLOURS[arm]}, "
            f"got {trace.line.color}"
        )
        assert list(trace.x) == [0, 7, 14], (
            f"{arm}: points sorted by x within the group: expected [0, 7, 14], got {list(trace.x)}"
        )


def test_hazard_ratio_over_gestation_draws_one_step_line_per_treatment_and_process():
    import cilib
    from cilib.interventions import treatments

    a = cilib.Assumptions.default()
    c = cilib.generate_cohort(5_000, seed=3)
    s = treatments.state(c, np.full(len(c), 16.0), a)
    i = int(np.flatnonzero(s.given & ~s.multiple & (s.short_from > 20) & (s.short_from < 30))[0])
    table = treatments.hazard_ratio_table(
        c.iloc[[i]], {"vaginal_progesterone": 16.0, "cerclage": 14.0}, a
    )
    assert set(table["treatment"]) == {"vaginal_progesterone", "cerclage"}, "both treatments"
    vp = table[(table["treatment"] == "vaginal_progesterone") & (table["process"] == "cervical")]
    before = vp.loc[vp["week"] < 16, "hazard_ratio"]
    assert (before == 1.0).all(), "no effect before the start"
    short = vp.loc[(vp["week"] > s.short_from[i] + 0.1) & (vp["week"] < 28), "hazard_ratio"]
    np.testing.assert_array_equal(short, a["hr_vp_short_cervix"])
    fig = treatment_plots.hazard_ratio_over_gestation(table, markers={"short": 24.0})
    assert len(fig.data) == 4, "two treatments x two processes"
    assert all(t.line.shape == "hv" for t in fig.data), "step lines"
    assert fig.layout.yaxis.type == "log", "hazard ratios on a log axis"
    with pytest.raises(ValueError, match="one pregnancy"):
        treatments.hazard_ratio_table(c.iloc[:2], {"cerclage": 14.0}, a)
