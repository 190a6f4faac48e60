"""Tests of cilib.analysis.economics: cost tables, costs and QALYs, ICERs, CEACs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cilib.analysis import economics
from cilib.analysis.psa import OUTCOMES, PSAResult
from cilib.cli import main
from cilib.plots import psa as psa_plots

EXAMPLE = """
currency = "units"
[costs]
scan = 100.0
vaginal_progesterone = 10.0
im_17ohpc = 20.0
cerclage = 30.0
pessary = 40.0
bed_rest = 0.0
infant_lt28 = 1000.0
infant_28_31 = 500.0
infant_32_33 = 200.0
infant_34_36 = 50.0
midtrimester_loss = 5.0
[utilities]
qaly_per_survivor = 20.0
"""


def _result() -> PSAResult:
    """Two draws x two policies with known outcomes (every other outcome 0)."""
    base = dict.fromkeys(OUTCOMES, 0.0)
    rows = []
    for draw in (0, 1):
        for policy, scans, vp, lt28, lt37, surv in (
            ("ref", 0.0, 0.0, 5.0, 100.0, 990.0),
            ("pol", 1000.0, 50.0, 4.0, 99.0, 991.0 + draw),
        ):
            v = {**base, "pregnancies": 1000.0, "infants": 1000.0, "scans": scans}
            v.update(treated_vaginal_progesterone=vp, ptb_lt28_per_1000=lt28)
            v.update(ptb_lt32_per_1000=lt28, ptb_lt34_per_1000=lt28, ptb_lt37_per_1000=lt37)
            v.update(survivors_per_1000=surv)
            rows += [(draw, policy, k, x) for k, x in v.items()]
    outcomes = pd.DataFrame(rows, columns=["draw", "policy", "outcome", "value"])
    return PSAResult(outcomes=outcomes, parameters=pd.DataFrame(index=[0, 1]))


def test_costs_and_qalys_by_hand(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(EXAMPLE)
    table = economics.load_costs(path)
    cq = economics.costs_and_qalys(_result(), table).set_index(["draw", "policy"])
    # reference: 5 per 1,000 infants < 28 wk x 1,000 + 95 per 1,000 at 34-36 wk x 50, per pregnancy
    want_ref = 5 / 1000 * 1000 + 95 / 1000 * 50
    assert np.isclose(cq.loc[(0, "ref"), "cost"], want_ref), cq
    want_pol = 1000 * 100 / 1000 + 50 * 10 / 1000 + 4 / 1000 * 1000 + 95 / 1000 * 50
    assert np.isclose(cq.loc[(0, "pol"), "cost"], want_pol), cq
    assert np.isclose(cq.loc[(1, "pol"), "qaly"], 992 / 1000 * 20), cq
    icer = economics.icers(cq.reset_index(), "ref").iloc[0]
    dq = np.mean([1 / 1000 * 20, 2 / 1000 * 20])
    assert np.isclose(icer["incremental_qaly"], dq), icer
    assert np.isclose(icer["icer"], (want_pol - want_ref) / dq), icer


def test_ceac_probabilities():
    table = economics.load_costs()
    assert table.illustrative, "the shipped example says it is illustrative"
    cq = economics.costs_and_qalys(_result(), table)
    curve = economics.ceac(cq, [0.0, 1e3, 1e9])
    sums = curve.groupby("wtp")["probability"].sum()
    assert np.allclose(sums, 1.0), sums
    at_zero = curve[curve["wtp"] == 0].set_index("policy")["probability"]
    assert at_zero["ref"] == 1.0, "at no willingness to pay the cheaper policy always wins"
    at_large = curve[curve["wtp"] == 1e9].set_index("policy")["probability"]
    assert at_large["pol"] == 1.0, "at a huge willingness to pay the one with more QALYs wins"
    fig = psa_plots.ceac(curve, currency=table.currency)
    assert fig.layout.xaxis.title.text and len(fig.data) == 2, "one curve per policy"
    with pytest.raises(ValueError, match="willingness_to_pay: got"):
        economics.ceac(cq, [-1.0])


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (("scan = 100.0\n", ""), "missing ['scan']"),
        (("scan = 100.0", "scan = -1.0"), "scan: got -1.0"),
        (("scan = 100.0", 'scan = "cheap"'), "scan: got 'cheap'"),
        (("scan = 100.0", "scan = 100.0\nmri = 5.0"), "unknown ['mri']"),
        (("[utilities]\nqaly_per_survivor = 20.0\n", ""), "no [utilities] table"),
    ],
)
def test_bad_cost_tables_are_one_line_errors(tmp_path, capsys, edit, fragment):
    path = tmp_path / "bad.toml"
    path.write_text(EXAMPLE.replace(*edit))
    with pytest.raises(ValueError, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        economics.load_costs(path)
    out = tmp_path / "o"
    argv = ["psa", "--policies", "no_screening", "--draws", "1", "--n", "100"]
    code = main([*argv, "--costs", str(path), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert not out.exists(), "nothing written"
