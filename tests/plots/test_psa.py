"""Tests of cilib.plots.psa: charts of a PSA and of a one-way analysis."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from cilib import plots
from cilib.analysis import psa
from cilib.plots import psa as psa_plots

POLICIES = ["no_screening", "universal_25mm", "acog_2023"]


@pytest.fixture(scope="module")
def result():
    return psa.run(POLICIES, draws=3, n=3000, seed=1)


def _check(fig):
    assert isinstance(fig, go.Figure), type(fig)
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text, "axis titles"
    assert fig.layout.template.layout.font.size == plots.FONT_SIZE, "cilib template"
    assert len(fig.to_json()) < 100_000, "a small figure"


def test_psa_charts(result):
    _check(psa_plots.incremental_scatter(result, "no_screening", "scans", "ptb_lt34_per_1000"))
    _check(psa_plots.intervals(result, "ptb_lt34_per_1000"))
    fig = psa_plots.probability_best(result, "survivors_per_1000")
    _check(fig)
    assert np.isclose(sum(fig.data[0].y), 1.0), "the shares of being best add up to 1"


def test_tornado_orders_by_swing():
    table = pd.DataFrame(
        {
            "parameter": ["a", "b"],
            "base": [1.0, 1.0],
            "output_low": [0.0, 0.9],
            "output_high": [3.0, 1.2],
            "swing": [3.0, 0.3],
        }
    )
    fig = psa_plots.tornado(table, output_label="births averted per 1,000")
    _check(fig)
    assert list(fig.data[0].y) == ["b", "a"], "largest swing drawn at the top"


def test_rankogram_shares(result):
    fig = psa_plots.rankogram(result, "survivors_per_1000")
    _check(fig)
    totals = np.sum([trace.y for trace in fig.data], axis=0)
    assert np.allclose(totals, 1.0), f"each policy's ranks cover every draw: {totals}"
