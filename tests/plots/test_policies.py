"""Policy comparison figures and the guideline table: aggregates, units, fixed colours."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

import cilib
from cilib.interventions import policies
from cilib.interventions.policies import Policy, short_cervix, start_at, starts
from cilib.plots import policies as policy_plots
from cilib.screening import anatomy_scan

N = 5_000
SEED = 11
PRESETS = ["no_screening", "history_based", "universal_25mm", "legacy_17ohpc_2011"]


def _mine(cohort, screened, a):
    found, week = short_cervix(screened, 20, before_weeks=24)
    return starts(cohort, vaginal_progesterone=start_at(found, week))


MINE = Policy("my VP at <=20 mm", rule=_mine, schedule=anatomy_scan)


@pytest.fixture(scope="module")
def table():
    cohort = cilib.generate_cohort(N, seed=SEED)
    return cilib.compare_policies(cohort, [*PRESETS, MINE], seed=SEED)


def _bar(fig: go.Figure) -> go.Bar:
    bars = [t for t in fig.data if isinstance(t, go.Bar)]
    assert bars, "the figure must draw bars"
    return bars[0]


def test_every_preset_has_its_own_colour():
    missing = set(policies.presets()) - set(policy_plots.POLICY_COLOURS)
    assert not missing, f"presets without a fixed colour: {missing}"
    colours = list(policy_plots.POLICY_COLOURS.values())
    assert len(set(colours)) == len(colours), "two presets share a colour"
    extra = policy_plots.policy_colours(["a", "no_screening", "b"])
    assert extra["no_screening"] == policy_plots.POLICY_COLOURS["no_screening"], (
        "a preset keeps its fixed colour among user policies"
    )
    assert extra["a"] != extra["b"], "two user policies must get different colours"


@pytest.mark.parametrize("measure", ["ptb_lt28", "ptb_lt34_percent", "midtrimester_loss"])
def test_rates_by_policy(table, measure):
    fig = policy_plots.rates_by_policy(table, measure)
    bar = _bar(fig)
    stem = measure.removesuffix("_percent")
    assert list(bar.y) == table["policy"].tolist(), "one bar per policy, in the table's order"
    assert np.allclose(bar.x, table[f"{stem}_percent"]), "bars must show the table's rates"
    lo = np.asarray(bar.x) - np.asarray(bar.error_x.arrayminus)
    assert np.allclose(lo, table[f"{stem}_ci_low"]), "error bars must end at the CI bounds"
    assert "%" in fig.layout.xaxis.title.text, "the rate axis must give its unit"
    assert bar.marker.color[0] == policy_plots.POLICY_COLOURS["no_screening"], (
        "the reference must keep its fixed colour"
    )


def test_rates_by_policy_rejects_unknown_measure(table):
    with pytest.raises(ValueError, match="measure"):
        policy_plots.rates_by_policy(table, "ptb_lt99x")


@pytest.mark.parametrize("per", ["pregnancies", "screened"])
def test_averted_per_100k(table, per):
    fig = policy_plots.averted_per_100k(table, per=per)
    bar = _bar(fig)
    col = "pregnancies" if per == "pregnancies" else "women_screened"
    shown = table.loc[table[col] > 0]
    expected = policy_plots.PER * shown["ptb_averted"] / shown[col]
    assert np.allclose(bar.x, expected), f"averted per 100,000 {per} must match the table"
    if per == "screened":
        assert "no_screening" not in list(bar.y), "a policy screening nobody has no rate"
    else:
        ref = list(bar.y).index("no_screening")
        assert bar.x[ref] == 0, "the reference averts nothing against itself"
    assert "100,000" in fig.layout.xaxis.title.text, "the axis must name its denominator"


def test_treatments_used_stacks_and_over_treatment(table):
    fig = policy_plots.treatments_used(table)
    names = {t.name for t in fig.data}
    assert "vaginal progesterone" in names and "IM 17-OHPC" in names, (
        f"each treatment given must be a series; got {names}"
    )
    anyway = next(t for t in fig.data if "term anyway" in t.name)
    treated = next(t for t in fig.data if t.name.startswith("women treated"))
    assert (np.asarray(anyway.x) <= np.asarray(treated.x) + 1e-9).all(), (
        "treated women who would have delivered at term cannot outnumber the treated"
    )
    assert fig.layout.xaxis.title.text == "Women treated per 100,000 pregnancies", (
        "the axis must give the unit and denominator"
    )


def test_figures_store_aggregates_only(table):
    for fig in (
        policy_plots.rates_by_policy(table, "ptb_lt37"),
        policy_plots.averted_per_100k(table),
        policy_plots.treatments_used(table),
    ):
        assert all(len(t.x) <= len(table) for t in fig.data), "one point per policy at most"
        assert fig.layout.template.layout.font.size >= 16, "fonts must be projector-sized"


def test_guideline_table():
    t = policy_plots.guideline_table()
    assert t["policy"].tolist() == policies.presets(), "one row per preset, in order"
    cols = {"who is screened", "how", "CL threshold", "treatments", "rules", "sources"}
    assert cols <= set(t.columns), f"missing columns {cols - set(t.columns)}"
    row = t.set_index("policy")
    assert row.loc["no_screening", "who is screened"] == "nobody", "no screening scans nobody"
    assert row.loc["universal_25mm", "who is screened"] == "everyone", "universal scans all"
    assert row.loc["rcog_2022", "treatments"] == "cerclage", (
        "RCOG GTG 75 is a cerclage guideline: 'no progesterone' must not count as VP"
    )
    assert "pessary" not in row.loc["smfm_2024", "treatments"], "'no pessary' is not a pessary"
    assert "17-OHPC" in row.loc["legacy_17ohpc_2011", "treatments"], "legacy gives 17-OHPC"
    assert "Meis" in row.loc["legacy_17ohpc_2011", "sources"], "citations must be readable"
    mine = policy_plots.guideline_table([MINE, "no_screening"])
    assert mine.loc[0, "how"].startswith("one TV CL"), "a user policy's schedule is described"
