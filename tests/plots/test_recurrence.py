"""Recurrence figures: the Sankey conserves women, the bars show one bar per history."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib.analysis.recurrence import ci_definitions
from cilib.model.histories import OUTCOMES
from cilib.plots import recurrence as rp

N_WOMEN = 3_000
SPTB = ["sPTB <28", "sPTB 28-33", "sPTB 34-36"]


@pytest.fixture(scope="module")
def histories():
    return cilib.generate_histories(N_WOMEN, pregnancies=3, seed=11)


def test_transition_counts_conserve_women(histories):
    t = rp.transition_counts(histories)
    per_k = t.groupby("from_pregnancy")["women"].sum()
    assert per_k.index.tolist() == [1, 2], (
        f"expected transitions 1->2 and 2->3, got {per_k.index.tolist()}"
    )
    assert (per_k == N_WOMEN).all(), (
        f"each transition must hold all women: expected {N_WOMEN}, got {per_k.tolist()}"
    )
    assert (t["women"] > 0).all(), (
        f"only non-zero transitions are listed: expected women > 0, got {t['women'].min()}"
    )


def test_sankey_links_and_nodes_sum_to_women(histories):
    fig = rp.outcome_sankey(histories)
    sankey = fig.data[0]
    labels = list(sankey.node.label)
    src, tgt = np.asarray(sankey.link.source), np.asarray(sankey.link.target)
    val = np.asarray(sankey.link.value)
    for k in (1, 2):
        from_k = np.array([labels[s].startswith(f"P{k}: ") for s in src])
        assert val[from_k].sum() == N_WOMEN, (
            f"links P{k}->P{k + 1}: expected {N_WOMEN} women, got {val[from_k].sum()}"
        )
        assert all(labels[j].startswith(f"P{k + 1}: ") for j in tgt[from_k]), (
            f"links from P{k}: expected to end in P{k + 1}, got "
            f"{sorted({labels[j] for j in tgt[from_k]})}"
        )
    # every middle node: women in == women out
    for i, label in enumerate(labels):
        if label.startswith("P2: "):
            assert val[tgt == i].sum() == val[src == i].sum(), (
                f"node {label}: expected women in == women out, got {val[tgt == i].sum()} in "
                f"and {val[src == i].sum()} out"
            )
    assert len(labels) == len(set(labels)), f"expected unique node labels, got {labels}"
    assert all(lab.split(": ", 1)[1] in OUTCOMES for lab in labels), (
        f"expected labels 'P<k>: <outcome>' with outcomes from {OUTCOMES}, got {labels}"
    )


def test_sankey_needs_two_pregnancies():
    h = cilib.generate_histories(50, pregnancies=1, seed=1)
    with pytest.raises(ValueError, match="at least 2"):
        rp.outcome_sankey(h)


def test_pool_histories_adds_counts(histories):
    t = cilib.recurrence_table(histories)
    pooled = rp.pool_histories(t, {"any sPTB": SPTB}).iloc[0]
    sub = t.set_index("history").loc[SPTB]
    assert pooled.pregnancies == sub["pregnancies"].sum(), (
        f"pooled denominators must add up: expected {sub['pregnancies'].sum()}, "
        f"got {pooled.pregnancies}"
    )
    assert pooled.events == sub["events"].sum(), (
        f"pooled events must add up: expected {sub['events'].sum()}, got {pooled.events}"
    )
    assert pooled.ci_low <= pooled.probability <= pooled.ci_high, (
        f"expected the CI to contain the estimate, got {pooled.probability} outside "
        f"({pooled.ci_low}, {pooled.ci_high})"
    )
    with pytest.raises(ValueError, match="unknown"):
        rp.pool_histories(t, {"x": ["no such outcome"]})


def test_bars_one_per_history_with_published(histories):
    t = cilib.recurrence_table(histories)
    pooled = rp.pool_histories(t, {"any sPTB": SPTB})
    table = pd.concat([t, pooled], ignore_index=True)
    fig = rp.recurrence_bars(table, published={"any sPTB": (20.0, 17.0, 23.0), "term": 9.0})
    bars = fig.data[0]
    assert len(bars.x) == len(table), (
        f"one bar per history: expected {len(table)} bars, got {len(bars.x)}"
    )
    assert set(bars.x) == set(table["history"]), (
        f"each history must have its bar: expected {set(table['history'])}, got {set(bars.x)}"
    )
    assert list(bars.x[: len(t)]) == [o for o in OUTCOMES if o in set(t["history"])], (
        f"outcome bars must follow OUTCOMES order: expected "
        f"{[o for o in OUTCOMES if o in set(t['history'])]}, "
        f"got {list(bars.x[: len(t)])}"
    )
    y = dict(zip(bars.x, bars.y, strict=True))
    # np.isclose (default rtol 1e-5): float rounding of the x100 only
    assert np.isclose(y["any sPTB"], 100 * pooled["probability"].item()), (
        f"bars are in %: expected {100 * pooled['probability'].item()}, got {y['any sPTB']}"
    )
    assert len(fig.data) == 2 and list(fig.data[1].x) == ["any sPTB", "term"], (
        f"one published marker per given history: expected 2 traces, the second at "
        f"['any sPTB', 'term'], got {[list(tr.x) for tr in fig.data]}"
    )
    assert fig.layout.yaxis.title.text.endswith("(%)"), (
        f"y axis must state its unit: expected a title ending '(%)', "
        f"got {fig.layout.yaxis.title.text!r}"
    )


def test_bars_without_published_and_bad_label(histories):
    t = cilib.recurrence_table(histories)
    fig = rp.recurrence_bars(t)
    assert len(fig.data) == 1, (
        f"no published trace when published is None: expected 1 trace, got {len(fig.data)}"
    )
    with pytest.raises(ValueError, match="not a history"):
        rp.recurrence_bars(t, published={"nonsense": 1.0})


# ------------------------------------------------------ recurrence of cervical insufficiency
@pytest.fixture(scope="module")
def ci_table_managed():
    h = cilib.generate_histories(6_000, pregnancies=3, seed=12, policy="acog_2021")
    return cilib.ci_recurrence(h)


def test_ci_bars_one_trace_per_cerclage_group(histories, ci_table_managed):
    untreated = cilib.ci_recurrence(histories)
    fig = rp.ci_recurrence_bars(untreated)
    assert len(fig.data) == 1, (
        f"untreated histories: expected one bar trace (no cerclage), got {len(fig.data)}"
    )
    t = ci_table_managed
    groups = list(dict.fromkeys(t["cerclage"]))
    assert set(groups) == {"none", "cerclage"}, (
        f"expected both groups 'none' and 'cerclage', got {groups}"
    )
    fig = rp.ci_recurrence_bars(t, outcome="ends_lt34")
    assert len(fig.data) == 2, f"one bar trace per cerclage group: expected 2, got {len(fig.data)}"
    for trace, group in zip(fig.data, ("none", "cerclage"), strict=True):
        s = t[(t["cerclage"] == group) & (t["outcome"] == "ends_lt34")]
        assert list(trace.y) == s["definition"].tolist(), (
            f"{group}: one bar per definition: expected {s['definition'].tolist()}, "
            f"got {list(trace.y)}"
        )
        # np.allclose (default rtol 1e-5) here and below: float rounding of the x100 and of
        # the error bar (upper - value, added back) only.
        assert np.allclose(trace.x, 100 * s["probability"]), (
            f"{group}: bars are in %: expected {(100 * s['probability']).tolist()}, "
            f"got {list(trace.x)}"
        )
        assert trace.marker.color == rp.CERCLAGE_COLOURS[group], (
            f"{group}: expected the fixed colour {rp.CERCLAGE_COLOURS[group]}, "
            f"got {trace.marker.color}"
        )
        upper = np.asarray(trace.error_x.array) + np.asarray(trace.x)
        assert np.allclose(upper, 100 * s["ci_high"]), (
            f"{group}: error bars reach the CI: expected {(100 * s['ci_high']).tolist()}, "
            f"got {upper.tolist()}"
        )
    assert fig.layout.xaxis.title.text.endswith("(%)"), (
        f"x axis must state its unit: expected a title ending '(%)', "
        f"got {fig.layout.xaxis.title.text!r}"
    )


def test_ci_bars_published_markers(ci_table_managed):
    strict = ci_definitions()[0]
    published = {(strict, "none"): (72.0, 68.0, 76.0), (strict, "cerclage"): (30.0, 25.0, 35.0)}
    fig = rp.ci_recurrence_bars(ci_table_managed, published=published)
    assert len(fig.data) == 4, (
        f"two bar traces and one published trace per cerclage group: expected 4 traces, "
        f"got {len(fig.data)}"
    )
    markers = [tr for tr in fig.data if tr.type == "scatter"]
    assert [tr.offsetgroup for tr in markers] == ["none", "cerclage"], (
        f"markers sit on the bars: expected offset groups ['none', 'cerclage'], "
        f"got {[tr.offsetgroup for tr in markers]}"
    )
    assert [list(tr.x) for tr in markers] == [[72.0], [30.0]], (
        f"published values as given: expected [[72.0], [30.0]], "
        f"got {[list(tr.x) for tr in markers]}"
    )
    assert all(tr.marker.symbol == "diamond" for tr in markers), (
        f"published values are diamonds: expected symbol 'diamond', "
        f"got {[tr.marker.symbol for tr in markers]}"
    )


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"outcome": "ptb_lt37"}, "outcome: got 'ptb_lt37'; allowed: ends_lt28"),
        ({"published": {("no such definition", "none"): (1, 0, 2)}}, "not a definition"),
        ({"published": {(ci_definitions()[0], "vaginal"): (1, 0, 2)}}, "cerclage 'vaginal'"),
    ],
)
def test_ci_bars_bad_input(ci_table_managed, kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        rp.ci_recurrence_bars(ci_table_managed, **kwargs)


def test_ci_recurrence_bars_need_the_tables_definition():
    """The chart used to fall back to the default loss definition when the table had none."""
    h = cilib.generate_histories(2_000, pregnancies=3, seed=1)
    table = cilib.ci_recurrence(h)
    table.attrs = {}
    with pytest.raises(ValueError, match="loss_before_weeks"):
        rp.ci_recurrence_bars(table)
