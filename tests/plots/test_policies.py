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
    assert bars, f"expected at least one bar trace, got {[t.type for t in fig.data]}"
    return bars[0]


def test_every_preset_has_its_own_colour():
    missing = set(policies.presets()) - set(policy_plots.POLICY_COLOURS)
    assert not missing, f"expected a fixed colour for every preset; missing for {missing}"
    colours = list(policy_plots.POLICY_COLOURS.values())
    assert len(set(colours)) == len(colours), (
        f"expected one distinct colour per preset, got {policy_plots.POLICY_COLOURS}"
    )
    extra = policy_plots.policy_colours(["a", "no_screening", "b"])
    assert extra["no_screening"] == policy_plots.POLICY_COLOURS["no_screening"], (
        f"a preset keeps its fixed colour among user policies: expected "
        f"{policy_plots.POLICY_COLOURS['no_screening']}, got {extra['no_screening']}"
    )
    assert extra["a"] != extra["b"], (
        f"two user policies must get different colours: expected a != b, got {extra}"
    )


@pytest.mark.parametrize("measure", ["ptb_lt28", "ptb_lt34_percent", "midtrimester_loss"])
def test_rates_by_policy(table, measure):
    fig = policy_plots.rates_by_policy(table, measure)
    bar = _bar(fig)
    stem = measure.removesuffix("_percent")
    assert list(bar.y) == table["policy"].tolist(), (
        f"one bar per policy, in the table's order: expected {table['policy'].tolist()}, "
        f"got {list(bar.y)}"
    )
    # np.allclose (default rtol 1e-5, atol 1e-8) here and below: float rounding only; the bars
    # are the table's values passed through plotly (and a subtraction for the error bar).
    assert np.allclose(bar.x, table[f"{stem}_percent"]), (
        f"bars must show the table's rates: expected {table[f'{stem}_percent'].tolist()}, "
        f"got {list(bar.x)}"
    )
    lo = np.asarray(bar.x) - np.asarray(bar.error_x.arrayminus)
    assert np.allclose(lo, table[f"{stem}_ci_low"]), (
        f"error bars must end at the CI bounds: expected {table[f'{stem}_ci_low'].tolist()}, "
        f"got {lo.tolist()}"
    )
    assert "%" in fig.layout.xaxis.title.text, (
        f"the rate axis must give its unit: expected '%' in {fig.layout.xaxis.title.text!r}"
    )
    assert bar.marker.color[0] == policy_plots.POLICY_COLOURS["no_screening"], (
        f"the reference must keep its fixed colour: expected "
        f"{policy_plots.POLICY_COLOURS['no_screening']}, got {bar.marker.color[0]}"
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
    # np.allclose (default rtol 1e-5): float rounding of PER * averted / denominator only
    assert np.allclose(bar.x, expected), (
        f"averted per 100,000 {per} must match the table: expected {expected.tolist()}, "
        f"got {list(bar.x)}"
    )
    if per == "screened":
        assert "no_screening" not in list(bar.y), (
            f"a policy screening nobody has no rate: expected no 'no_screening' bar, "
            f"got {list(bar.y)}"
        )
    else:
        ref = list(bar.y).index("no_screening")
        assert bar.x[ref] == 0, (
            f"the reference averts nothing against itself: expected 0, got {bar.x[ref]}"
        )
    assert "100,000" in fig.layout.xaxis.title.text, (
        f"the axis must name its denominator: expected '100,000' in {fig.layout.xaxis.title.text!r}"
    )


def test_treatments_used_stacks_and_over_treatment(table):
    fig = policy_plots.treatments_used(table)
    names = {t.name for t in fig.data}
    assert "vaginal progesterone" in names and "IM 17-OHPC" in names, (
        f"each treatment given must be a series: expected 'vaginal progesterone' and "
        f"'IM 17-OHPC' among the trace names, got {names}"
    )
    anyway = next(t for t in fig.data if "term anyway" in t.name)
    treated = next(t for t in fig.data if t.name.startswith("women treated"))
    # + 1e-9: a margin for float rounding only. Both sides are counts times the same
    # per-100,000 factor, so equal counts (every treated woman would have delivered at term)
    # give values that can differ only in their last bits, far below 1e-9.
    assert (np.asarray(anyway.x) <= np.asarray(treated.x) + 1e-9).all(), (
        f"treated women who would have delivered at term cannot outnumber the treated: "
        f"expected {list(anyway.x)} <= {list(treated.x)}"
    )
    assert fig.layout.xaxis.title.text == "Women treated per 100,000 pregnancies", (
        f"the axis must give the unit and denominator: expected 'Women treated per 100,000 "
        f"pregnancies', got {fig.layout.xaxis.title.text!r}"
    )


def test_figures_store_aggregates_only(table):
    for fig in (
        policy_plots.rates_by_policy(table, "ptb_lt37"),
        policy_plots.averted_per_100k(table),
        policy_plots.treatments_used(table),
    ):
        assert all(len(t.x) <= len(table) for t in fig.data), (
            f"one point per policy at most: expected <= {len(table)} points per trace, got "
            f"{[len(t.x) for t in fig.data]}"
        )
        assert fig.layout.template.layout.font.size >= 16, (
            f"fonts must be projector-sized: expected >= 16 px, got "
            f"{fig.layout.template.layout.font.size}"
        )


def test_guideline_table():
    t = policy_plots.guideline_table()
    assert t["policy"].tolist() == policies.presets(), (
        f"one row per preset, in order: expected {policies.presets()}, got {t['policy'].tolist()}"
    )
    cols = {"who is screened", "how", "CL threshold", "treatments", "rules", "sources"}
    assert cols <= set(t.columns), (
        f"expected columns {sorted(cols)}; missing {sorted(cols - set(t.columns))}"
    )
    row = t.set_index("policy")
    assert row.loc["no_screening", "who is screened"] == "nobody", (
        f"no screening scans nobody: expected 'nobody', "
        f"got {row.loc['no_screening', 'who is screened']!r}"
    )
    assert row.loc["universal_25mm", "who is screened"] == "everyone", (
        f"universal scans all: expected 'everyone', "
        f"got {row.loc['universal_25mm', 'who is screened']!r}"
    )
    assert row.loc["rcog_2022", "treatments"] == "cerclage", (
        f"RCOG GTG 75 is a cerclage guideline, 'no progesterone' must not count as VP: "
        f"expected 'cerclage', got {row.loc['rcog_2022', 'treatments']!r}"
    )
    assert "pessary" not in row.loc["smfm_2024", "treatments"], (
        f"'no pessary' is not a pessary: expected no pessary in "
        f"{row.loc['smfm_2024', 'treatments']!r}"
    )
    assert "17-OHPC" in row.loc["legacy_17ohpc_2011", "treatments"], (
        f"legacy gives 17-OHPC: expected it in {row.loc['legacy_17ohpc_2011', 'treatments']!r}"
    )
    assert "Meis" in row.loc["legacy_17ohpc_2011", "sources"], (
        f"citations must be readable: expected 'Meis' in "
        f"{row.loc['legacy_17ohpc_2011', 'sources']!r}"
    )
    mine = policy_plots.guideline_table([MINE, "no_screening"])
    assert mine.loc[0, "how"].startswith("one TV CL"), (
        f"a user policy's schedule is described: expected 'one TV CL...', "
        f"got {mine.loc[0, 'how']!r}"
    )
