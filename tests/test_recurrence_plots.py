"""Recurrence figures: the Sankey conserves women, the bars show one bar per history."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib import recurrence_plots as rp
from cilib.histories import OUTCOMES

N_WOMEN = 3_000
SPTB = ["sPTB <28", "sPTB 28-33", "sPTB 34-36"]


@pytest.fixture(scope="module")
def histories():
    return cilib.generate_histories(N_WOMEN, pregnancies=3, seed=11)


def test_transition_counts_conserve_women(histories):
    t = rp.transition_counts(histories)
    per_k = t.groupby("from_pregnancy")["women"].sum()
    assert per_k.index.tolist() == [1, 2], f"transitions 1->2 and 2->3 expected, got {per_k}"
    assert (per_k == N_WOMEN).all(), f"each transition must hold all {N_WOMEN} women: {per_k}"
    assert (t["women"] > 0).all(), "only non-zero transitions are listed"


def test_sankey_links_and_nodes_sum_to_women(histories):
    fig = rp.outcome_sankey(histories)
    sankey = fig.data[0]
    labels = list(sankey.node.label)
    src, tgt = np.asarray(sankey.link.source), np.asarray(sankey.link.target)
    val = np.asarray(sankey.link.value)
    for k in (1, 2):
        from_k = np.array([labels[s].startswith(f"P{k}: ") for s in src])
        assert val[from_k].sum() == N_WOMEN, f"links P{k}->P{k + 1} sum to {val[from_k].sum()}"
        assert all(labels[j].startswith(f"P{k + 1}: ") for j in tgt[from_k]), (
            f"links from P{k} must end in P{k + 1}"
        )
    # every middle node: women in == women out
    for i, label in enumerate(labels):
        if label.startswith("P2: "):
            assert val[tgt == i].sum() == val[src == i].sum(), f"node {label} loses women"
    assert len(labels) == len(set(labels)), "node labels must be unique"
    assert all(lab.split(": ", 1)[1] in OUTCOMES for lab in labels), f"bad labels {labels}"


def test_sankey_needs_two_pregnancies():
    h = cilib.generate_histories(50, pregnancies=1, seed=1)
    with pytest.raises(ValueError, match="at least 2"):
        rp.outcome_sankey(h)


def test_pool_histories_adds_counts(histories):
    t = cilib.recurrence_table(histories)
    pooled = rp.pool_histories(t, {"any sPTB": SPTB}).iloc[0]
    sub = t.set_index("history").loc[SPTB]
    assert pooled.pregnancies == sub["pregnancies"].sum(), "pooled denominators must add up"
    assert pooled.events == sub["events"].sum(), "pooled events must add up"
    assert pooled.ci_low <= pooled.probability <= pooled.ci_high, "CI must contain the estimate"
    with pytest.raises(ValueError, match="unknown"):
        rp.pool_histories(t, {"x": ["no such outcome"]})


def test_bars_one_per_history_with_published(histories):
    t = cilib.recurrence_table(histories)
    pooled = rp.pool_histories(t, {"any sPTB": SPTB})
    table = pd.concat([t, pooled], ignore_index=True)
    fig = rp.recurrence_bars(table, published={"any sPTB": (20.0, 17.0, 23.0), "term": 9.0})
    bars = fig.data[0]
    assert len(bars.x) == len(table), f"{len(bars.x)} bars for {len(table)} histories"
    assert set(bars.x) == set(table["history"]), "each history must have its bar"
    assert list(bars.x[: len(t)]) == [o for o in OUTCOMES if o in set(t["history"])], (
        "outcome bars must follow OUTCOMES order"
    )
    y = dict(zip(bars.x, bars.y, strict=True))
    assert np.isclose(y["any sPTB"], 100 * pooled["probability"].item()), "bars are in %"
    assert len(fig.data) == 2 and list(fig.data[1].x) == ["any sPTB", "term"], (
        "one published marker per given history"
    )
    assert fig.layout.yaxis.title.text.endswith("(%)"), "y axis must state its unit"


def test_bars_without_published_and_bad_label(histories):
    t = cilib.recurrence_table(histories)
    fig = rp.recurrence_bars(t)
    assert len(fig.data) == 1, "no published trace when published is None"
    with pytest.raises(ValueError, match="not a history"):
        rp.recurrence_bars(t, published={"nonsense": 1.0})
