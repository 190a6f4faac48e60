"""Screening tables: natural frequencies, Iams-style centile risk ratios, precomputed steps."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib import screening
from cilib.analysis import calibration
from cilib.analysis.tables import iams_comparison
from cilib.analysis.targets import TARGETS
from cilib.params import definitions
from cilib.screening import tables as screening_tables
from cilib.screening.tables import (
    centile_risk_ratios,
    downsample_roc,
    downsample_sweep,
    natural_frequencies,
    spontaneous_birth_before,
    strategy_table,
    threshold_steps,
)
from cilib.stats import Z95

N = 20_000
SEED = 11


@pytest.fixture(scope="module")
def cohort():
    return cilib.generate_cohort(N, seed=SEED)


@pytest.fixture(scope="module")
def marker_event(cohort):
    cl = screening.screen(cohort, screening.anatomy_scan(), seed=SEED)["cl_first_mm"]
    event = spontaneous_birth_before(cohort, definitions.FONSECA_OUTCOME_BEFORE_WEEKS)
    return cl, event


# ------------------------------------------------------------------------------ 2x2
def test_natural_frequencies_hand_worked():
    # 100 women: 10 screen positive of whom 2 give birth early; 3 early births are missed.
    row = pd.Series({"threshold_mm": 20.0, "tp": 2, "fp": 8, "fn": 3, "tn": 87})
    t = natural_frequencies(row)  # per 10,000: multiply every cell by 100
    expected = np.array([[200.0, 800.0, 1000.0], [300.0, 8700.0, 9000.0], [500.0, 9500.0, 1e4]])
    # assert_allclose default (rtol 1e-7): floating-point only, counts x 10,000 / 100
    np.testing.assert_allclose(t.to_numpy(), expected, err_msg="cells x 100, with totals")
    assert list(t.columns) == ["early birth", "no early birth", "total"], list(t.columns)
    assert t.index[0] == "CL ≤ 20 mm (positive)", f"row labels carry the threshold: {t.index[0]}"
    assert t.index[-1] == "total", "last row holds the column totals"
    one_row_frame = natural_frequencies(row.to_frame().T, per=100)
    np.testing.assert_allclose(one_row_frame.to_numpy(), expected / 100, err_msg="per=100")


def test_natural_frequencies_of_a_metrics_row_reproduce_the_metrics(marker_event):
    cl, event = marker_event
    m = screening.metrics(cl, event, 20.0)
    t = natural_frequencies(m, per=10_000)
    # pytest.approx default (rel 1e-6) here and below: floating-point only, rescaled counts
    assert t.iloc[-1, -1] == pytest.approx(10_000), "natural frequencies sum to 10,000"
    assert t.iloc[:2, :2].to_numpy().sum() == pytest.approx(10_000), "the four cells sum too"
    r = m.iloc[0]
    assert t.iloc[0, 0] / t.iloc[0, 2] == pytest.approx(r.ppv), "top-left / row total is the PPV"
    assert t.iloc[0, 0] / t.iloc[2, 0] == pytest.approx(r.sensitivity), "... / column is sens."
    assert t.iloc[0, 2] / 10_000 == pytest.approx(r.positive_rate), "first row total: positives"
    assert t.iloc[2, 0] / 10_000 == pytest.approx(r.prevalence), "first column total: prevalence"


@pytest.mark.parametrize(
    ("row", "kwargs", "fragment"),
    [
        (pd.DataFrame({"tp": [1, 2], "fp": 1, "fn": 1, "tn": 1}), {}, "got 2 rows"),
        (pd.Series({"tp": 1, "fp": 1}), {}, "missing"),
        (pd.Series({"tp": 1, "fp": 1, "fn": 1, "tn": 1}), {"per": 0}, "per: got 0"),
        (pd.Series({"tp": 0, "fp": 0, "fn": 0, "tn": 0}), {}, "no pregnancies"),
    ],
)
def test_natural_frequencies_refuses_bad_input(row, kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        natural_frequencies(row, **kwargs)


# ------------------------------------------------------------------------------ Iams RR
def _hand_cohort():
    # 20 women with CL 1..20 mm (plus one unmeasured); early births at 1, 2, 3, 8, 12 and 18 mm.
    # Linear-interpolation centiles: P75 = 1 + 0.75 * 19 = 15.25, P50 = 10.5, P25 = 5.75 mm.
    cl = np.append(np.arange(1.0, 21.0), np.nan)
    event = np.isin(cl, [1, 2, 3, 8, 12, 18])
    event[-1] = True  # the unmeasured woman must not count anywhere
    return cl, event


def test_centile_risk_ratios_hand_worked():
    cl, event = _hand_cohort()
    t = centile_risk_ratios(cl, event, centiles=(75, 50, 25))
    # assert_allclose and pytest.approx defaults in this test: floating-point only, hand values
    np.testing.assert_allclose(t["cutoff_mm"], [15.25, 10.5, 5.75], err_msg="sample centiles")
    assert t["n"].tolist() == [15, 10, 5], f"women at or below each cut-off: {t['n'].tolist()}"
    assert t["events"].tolist() == [5, 4, 3], f"events at or below: {t['events'].tolist()}"
    # reference: CL > 15.25 mm, i.e. 16..20 mm, one early birth (18 mm) of 5
    assert (t["n_reference"] == 5).all() and (t["events_reference"] == 1).all(), "reference"
    np.testing.assert_allclose(t["risk_reference"], 0.2, err_msg="reference risk 1/5")
    np.testing.assert_allclose(t["rr"], [(5 / 15) / 0.2, 0.4 / 0.2, 0.6 / 0.2], err_msg="RRs")
    se = math.sqrt(1 / 3 - 1 / 5 + 1 / 1 - 1 / 5)  # log-method SE of the 25th-centile RR
    assert t["rr_low"].iloc[2] == pytest.approx(3 * math.exp(-Z95 * se)), "lower CI limit"
    assert t["rr_high"].iloc[2] == pytest.approx(3 * math.exp(Z95 * se)), "upper CI limit"


def test_centile_risk_ratios_undefined_cases():
    cl = np.arange(1.0, 21.0)
    no_reference_events = cl <= 2
    t = centile_risk_ratios(cl, no_reference_events, centiles=(75,))
    assert math.isnan(t["rr"].item()), "no events above the reference centile: RR undefined"
    only_reference = cl >= 19
    t = centile_risk_ratios(cl, only_reference, centiles=(50,))
    assert t["rr"].item() == 0 and math.isnan(t["rr_low"].item()), "no exposed events: RR 0, no CI"
    with pytest.raises(ValueError, match="strictly between 0 and 100"):
        centile_risk_ratios(cl, only_reference, centiles=(100,))
    with pytest.raises(ValueError, match="event"):
        centile_risk_ratios(cl, cl.astype(int), centiles=(50,))


def test_iams_comparison_matches_calibration_and_targets():
    n, seed = N, 3
    t = iams_comparison(n, seed)
    assert t["centile"].tolist() == [75.0, 50.0, 25.0, 10.0, 5.0, 1.0], "Iams centiles, in order"
    figures = calibration.simulated_figures(cilib.Assumptions.scenario("iams_1996"), n, seed)
    targets = {x.key: x for x in TARGETS}
    for row in t.itertuples():
        key = f"rr_le_p{row.centile:g}"
        rr, lo, hi = figures[key]
        # pytest.approx default (rel 1e-6): floating-point only, the same cohort and formula
        assert (row.rr, row.rr_low, row.rr_high) == pytest.approx((rr, lo, hi)), (
            f"{key}: the table must reproduce calibrate()'s simulated RR and CI"
        )
        assert row.published_rr == targets[key].published, f"{key}: published RR from TARGETS"
        assert (row.lower, row.upper) == (targets[key].lower, targets[key].upper), key
        assert row.published_cutoff_mm == targets[f"cl24_p{row.centile:g}"].published, key
        assert row.within == (row.lower <= row.rr <= row.upper), f"{key}: 'within' flag"
    assert t.attrs["scan_weeks"] == definitions.IAMS_SCAN_WEEKS, "scan gestation recorded"
    assert 0 < t.attrs["n_measured"] <= n, "measured pregnancies recorded"
    # Science: a shorter cervix never lowers the risk. Tolerance: the table's own 95% Katz
    # intervals must not overlap (a gap of about 2.8 SEs for similar SEs; the seed is fixed).
    assert t["rr_low"].iloc[3] > t["rr_high"].iloc[0], "RR at P10 must exceed RR at P75"
    assert (t["rr_low"] > 1).all(), "every centile group has a higher risk than the reference"


# ------------------------------------------------------------------------------ steps
def test_threshold_steps_equal_metrics_at_each_threshold(marker_event):
    cl, event = marker_event
    thresholds = np.arange(10, 31)
    steps = threshold_steps(cl, event, thresholds)
    assert steps["threshold_mm"].tolist() == thresholds.astype(float).tolist(), "one per step"
    cols = ["tp", "fp", "fn", "tn", "sensitivity", "specificity", "ppv", "npv"]
    for i, t in enumerate(thresholds):
        m = screening.metrics(cl, event, float(t))
        pd.testing.assert_frame_equal(
            steps.iloc[[i]][cols].reset_index(drop=True), m[cols], obj=f"step at {t} mm"
        )
    assert steps["sensitivity"].is_monotonic_increasing, "a higher threshold never finds fewer"
    with pytest.raises(ValueError, match="thresholds"):
        threshold_steps(cl, event, [])


def test_downsample_sweep_is_exact_and_short(marker_event):
    cl, event = marker_event
    full = screening.sweep(cl, event)
    assert len(full) > 1_000, "the full sweep has one row per distinct CL"
    small = downsample_sweep(full, max_points=150, range_mm=(5.0, 45.0))
    assert len(small) <= 150, f"at most 150 rows, got {len(small)}"
    assert small["threshold_mm"].is_monotonic_increasing, "thresholds ascending"
    for row in small.iloc[::37].itertuples():
        m = screening.metrics(cl, event, row.threshold_mm).iloc[0]
        assert (row.tp, row.fp) == (m.tp, m.fp), f"counts at {row.threshold_mm:.2f} mm"
        # pytest.approx default (rel 1e-6): floating-point only, the same counts
        assert row.sensitivity == pytest.approx(m.sensitivity), f"at {row.threshold_mm:.2f} mm"
    short = full.iloc[:10]
    assert len(downsample_sweep(short, max_points=200)) == 10, "short sweeps are kept whole"


def test_downsample_roc_keeps_the_curve(marker_event):
    cl, event = marker_event
    full = screening.roc(cl, event)
    small = downsample_roc(full, max_points=200)
    assert len(small) <= 200, f"at most 200 points, got {len(small)}"
    assert (small.iloc[0].fpr, small.iloc[0].tpr) == (0.0, 0.0), "starts at (0, 0)"
    assert (small.iloc[-1].fpr, small.iloc[-1].tpr) == (1.0, 1.0), "ends at (1, 1)"
    area = np.trapezoid(small["tpr"], small["fpr"])
    exact = screening.auc(cl, event)["auc"].item()
    # Was `< 0.005`, a literal. Exact bound: the kept points lie on the full ROC curve, whose
    # area is the AUC; between two kept points the monotone curve stays inside their
    # rectangle, so chord and curve differ by at most half of it: sum(dfpr x dtpr) / 2
    # (~0.0016 here), plus 1e-12 for floating point.
    bound = 0.5 * float((np.diff(small["fpr"]) * np.diff(small["tpr"])).sum()) + 1e-12
    assert abs(area - exact) <= bound, (
        f"down-sampled area {area:.4f} vs AUC {exact:.4f}: expected within {bound:.4f}"
    )


# ------------------------------------------------------------------------------ outcome
def test_spontaneous_birth_before(cohort):
    e34 = spontaneous_birth_before(cohort, 34)
    e37 = spontaneous_birth_before(cohort, 37)
    assert e34.index.equals(cohort.index) and e34.dtype == bool, "bool, indexed like the cohort"
    assert not (e34 & (cohort["onset"] == "indicated")).any(), "indicated births are not events"
    assert (cohort.loc[e34, "ga_birth_weeks"] < 34).all(), "events end before the limit"
    assert (e37 | ~e34).all(), "a later limit never removes an event"
    with pytest.raises(ValueError, match="weeks"):
        spontaneous_birth_before(cohort, 0)


def test_strategy_table(cohort, marker_event):
    cl, event = marker_event
    t = strategy_table(cohort, event, 20.0, seed=SEED)
    assert t[["strategy", "group"]].values.tolist() == [
        [screening_tables.UNIVERSAL, "all"],
        [screening_tables.UNIVERSAL, "nulliparous"],
        [screening_tables.UNIVERSAL, "prior sPTB"],
        [screening_tables.HISTORY_BASED, "prior sPTB"],
    ], "universal in three groups, history-based only after a prior sPTB"
    universal_all = t.iloc[0]
    direct = screening.metrics(cl, event, 20.0).iloc[0]
    assert (universal_all.tp, universal_all.fp) == (direct.tp, direct.fp), "same as metrics()"
    assert universal_all.pregnancies == len(cohort), "group size"
    assert t.iloc[2].prevalence > universal_all.prevalence, "prior sPTB: higher prevalence"
    assert t.iloc[0].share_of_all_events_found > t.iloc[3].share_of_all_events_found, (
        "universal screening flags more of the population's early births than history-based"
    )
    assert t.iloc[3].n <= t.iloc[3].pregnancies, "only offered women who accept are scanned"
    with pytest.raises(ValueError, match="groups"):
        strategy_table(cohort, event, 20.0, seed=SEED, groups=("everyone",))
