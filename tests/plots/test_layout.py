"""Charts read on a projector: no label, legend or title drawn over another (issue 15).

Geometry is checked in pixels from the layout alone (no browser): the plot area is the figure
height minus its top and bottom margins, a horizontal legend's ``y`` is a fraction of that area,
and a line of text at the template's font is about 0.6 x font size wide per character (Arial).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib import plots
from cilib.analysis.targets import TARGETS
from cilib.plots import policies as policy_plots
from cilib.plots import recurrence as recurrence_plots
from cilib.plots import treatments as treatment_plots

FONT_PX = plots.FONT_SIZE
CHAR_PX = 0.6 * FONT_PX  # average width of one character of Arial at the template's size
#: Below the plot area: the tick (5 px) and its padding (3), one line of tick labels, the
#: x-axis title's standoff (12) and its line of text, and a gap of 6 px: a legend must start
#: at least this far down.
X_TITLE_BAND_PX = 5 + 3 + 1.3 * FONT_PX + 12 + 1.3 * FONT_PX + 6
#: Widest row label that leaves most of a 1000-px-wide figure to the data (40% of it).
MAX_ROW_LABEL_PX = 0.4 * 1000


def _margins(fig) -> tuple[float, float]:
    template = plots.TEMPLATE.layout.margin
    t = fig.layout.margin.t if fig.layout.margin.t is not None else template.t
    b = fig.layout.margin.b if fig.layout.margin.b is not None else template.b
    return float(t), float(b)


def _plot_px(fig) -> float:
    t, b = _margins(fig)
    return float(fig.layout.height or 450) - t - b


def _calibration_like_table() -> pd.DataFrame:
    """Every calibration target, as calibrate() lays it out, with simulated = published."""
    return pd.DataFrame(
        {
            "target": [t.id for t in TARGETS],
            "key": [t.key for t in TARGETS],
            "scenario": [t.scenario for t in TARGETS],
            "description": [t.description for t in TARGETS],
            "unit": [t.unit for t in TARGETS],
            "published": [t.published for t in TARGETS],
            "lower": [t.lower for t in TARGETS],
            "upper": [t.upper for t in TARGETS],
            "simulated": [t.published for t in TARGETS],
            "ci_low": [t.lower for t in TARGETS],
            "ci_high": [t.upper for t in TARGETS],
        }
    )


@pytest.fixture(scope="module")
def trials_table() -> pd.DataFrame:
    """Two trial rows shaped like trials.run_all output: the two-row charts of notebooks 04-05."""
    return pd.DataFrame(
        {
            "trial": ["meis_2003", "prolong_2020"],
            "outcome": ["PTB < 37 wk", "PTB < 35 wk"],
            "control_rate": [0.30, 0.11],
            "control_low": [0.25, 0.09],
            "control_high": [0.35, 0.13],
            "treatment_rate": [0.20, 0.11],
            "treatment_low": [0.17, 0.10],
            "treatment_high": [0.23, 0.12],
            "published_control": [0.549, 0.115],
            "published_treatment": [0.363, 0.111],
            "rr": [0.66, 0.97],
            "rr_low": [0.55, 0.8],
            "rr_high": [0.8, 1.2],
            "rr_counterfactual": [0.66, 0.98],
            "rr_counterfactual_low": [0.6, 0.9],
            "rr_counterfactual_high": [0.7, 1.05],
            "published_rr": [0.66, 0.95],
            "published_rr_low": [0.54, 0.71],
            "published_rr_high": [0.81, 1.26],
        }
    )


def test_calibration_rows_have_short_unique_labels():
    """cilib 0.x labelled each of the ~40 rows with its full description and unit (up to about
    90 characters): unreadable on a projector. Labels are now cut, the hover text keeps all."""
    table = _calibration_like_table()
    fig = plots.calibration_plot(table)
    labels = list(fig.layout.yaxis.categoryarray)
    assert len(labels) == len(table) == len(set(labels)), (
        f"one distinct label per target: {len(table)} targets, {len(set(labels))} labels"
    )
    widest = max(labels, key=len)
    assert len(widest) * CHAR_PX <= MAX_ROW_LABEL_PX, (
        f"row label {widest!r} is {len(widest) * CHAR_PX:.0f} px wide; allowed "
        f"{MAX_ROW_LABEL_PX:.0f} px"
    )
    row_px = _plot_px(fig) / len(table)
    assert row_px >= 1.3 * FONT_PX, (
        f"rows must not overlap: {row_px:.1f} px per row for a {FONT_PX}-px font"
    )
    hover = " ".join(str(c) for tr in fig.data for c in np.asarray(tr.customdata)[:, -1])
    assert all(d in hover for d in table["description"]), "hover text must keep every description"


def _legend_clearance(fig) -> tuple[float, float]:
    """Pixels from the bottom of the plot area to the top of a legend placed below it, and
    pixels left for the legend under that point within the bottom margin."""
    legend = fig.layout.legend
    assert legend.orientation == "h", f"expected a horizontal legend, got {legend.orientation!r}"
    down = -float(legend.y) * _plot_px(fig)
    if legend.yanchor != "top":  # anchored by its bottom ('auto' below the plot): one row up
        down -= 1.3 * FONT_PX
    return down, _margins(fig)[1] - down


@pytest.mark.parametrize("chart", ["trial_forest", "arm_rates", "effect_curve"])
def test_legend_sits_below_the_x_axis_title(trials_table, chart):
    """The two-row forest and arm charts of notebooks 04 and 05 put the legend 53 px below the
    plot: on the x-axis title. It must start below the title and fit in the bottom margin."""
    if chart == "effect_curve":
        points = pd.DataFrame({"hr": [0.2, 0.5, 1.0], "rr": [0.5, 0.7, 1.0]})
        fig = treatment_plots.effect_curve(
            points, x="hr", y="rr", x_title="Hazard ratio", y_title="Risk ratio", title="t"
        )
    else:
        fig = getattr(treatment_plots, chart)(trials_table)
    down, room = _legend_clearance(fig)
    assert down >= X_TITLE_BAND_PX, (
        f"{chart}: legend starts {down:.0f} px below the plot, inside the x-axis title band "
        f"({X_TITLE_BAND_PX:.0f} px)"
    )
    assert room >= 1.3 * FONT_PX, f"{chart}: only {room:.0f} px left for the legend"


def test_who_gets_treated_legend_clears_its_axis_title():
    """Notebook 06's 'Who gets treated' chart: the same defect with ten policies."""
    n = 10
    table = pd.DataFrame(
        {
            "policy": [f"p{i}" for i in range(n)],
            "pregnancies": 1000,
            "treated_any": 10,
            "treated_term_anyway": 5,
            "treated_vaginal_progesterone": 10,
        }
    )
    fig = policy_plots.treatments_used(table)
    down, room = _legend_clearance(fig)
    assert down >= X_TITLE_BAND_PX, f"legend starts {down:.0f} px below the plot"
    assert room >= 1.3 * FONT_PX, f"only {room:.0f} px left for the legend"


def _longest_line_px(title: str) -> float:
    return max(len(line) for line in title.split("<br>")) * CHAR_PX


def test_long_y_titles_fit_beside_the_plot():
    """A vertical y-axis title longer than the plot is tall runs up into the chart title
    (notebooks 03 and 04); it is wrapped to the plot's height."""
    bars = pd.DataFrame(
        {
            "history": ["term", "sPTB <28"],
            "pregnancies": [1000, 50],
            "events": [50, 15],
            "probability": [0.05, 0.3],
            "ci_low": [0.04, 0.2],
            "ci_high": [0.06, 0.4],
        }
    )
    long_y = "Risk ratio of spontaneous birth before 34 weeks, the same women in both arms"
    recurrence_y = "sPTB <37 wk in the next pregnancy (%)"
    points = pd.DataFrame({"hr": [0.2, 0.5, 1.0], "rr": [0.5, 0.7, 1.0]})
    figs = {
        "recurrence_bars": recurrence_plots.recurrence_bars(bars),
        "effect_curve": treatment_plots.effect_curve(
            points, x="hr", y="rr", x_title="Hazard ratio", y_title=long_y, title="t"
        ),
    }
    for name, fig in figs.items():
        title = fig.layout.yaxis.title.text
        assert _longest_line_px(title) <= _plot_px(fig), (
            f"{name}: y title {title!r} is {_longest_line_px(title):.0f} px long on a plot "
            f"{_plot_px(fig):.0f} px tall"
        )
        assert title.replace("<br>", " ") in (long_y, recurrence_y), (
            f"{name}: wrapping must keep the words: {title!r}"
        )


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""
    rgb = np.array([int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]) / 255
    lin = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(lin @ [0.2126, 0.7152, 0.0722])


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_policy_bars_do_not_hide_their_whiskers():
    """Notebook 06: the legacy_17ohpc_2011 bar was black and hid its black CI whisker. Every
    policy colour must contrast with the whisker by at least 3:1 (WCAG, graphical objects)."""
    table = pd.DataFrame(
        {
            "policy": list(policy_plots.POLICY_COLOURS),
            "ptb_lt34_percent": 3.0,
            "ptb_lt34_ci_low": 2.8,
            "ptb_lt34_ci_high": 3.2,
        }
    )
    fig = policy_plots.rates_by_policy(table, "ptb_lt34")
    whisker = fig.data[0].error_x.color
    colours = [*policy_plots.POLICY_COLOURS.values(), *policy_plots.EXTRA_COLOURS]
    low = {c: round(_contrast(c, whisker), 2) for c in colours if _contrast(c, whisker) < 3}
    assert not low, f"bar colours too dark for the whisker {whisker}: {low}"


@pytest.fixture(scope="module")
def sankey_figure():
    return recurrence_plots.outcome_sankey(cilib.generate_histories(3_000, pregnancies=3, seed=11))


def test_sankey_labels_do_not_overlap(sankey_figure):
    """Notebook 03: the small early-outcome nodes were stacked 1-2% of the height apart, so
    their labels overlapped. Within each pregnancy, node centres must be a label apart."""
    sankey = sankey_figure.data[0]
    label_px = float(sankey.textfont.size or FONT_PX)
    assert sankey.node.pad >= 1.3 * label_px, (
        f"node gap {sankey.node.pad} px is less than a label ({label_px:.0f} px)"
    )
    plot_px = _plot_px(sankey_figure)
    nodes = pd.DataFrame({"x": sankey.node.x, "y": sankey.node.y})
    for x, column in nodes.groupby("x"):
        gaps = np.diff(np.sort(column["y"].to_numpy())) * plot_px
        assert (gaps >= label_px).all(), (
            f"pregnancy column at x={x:.2f}: node centres {np.round(gaps, 1).tolist()} px apart, "
            f"less than a {label_px:.0f}-px label"
        )
