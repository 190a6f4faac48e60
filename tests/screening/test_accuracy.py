"""Diagnostic accuracy of a low-is-positive marker: 2x2 metrics, sweeps, ROC and AUC."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from cilib import stats
from cilib.screening import accuracy, auc, metrics, roc, sweep

Z = stats.Z95
METRIC_COLUMNS = list(accuracy.COLUMNS)


# ------------------------------------------------------------------------------ helpers
def hand_table():
    """Markers/events with tp=8, fp=2, fn=2, tn=88 at 20 mm, ties at 20 mm, 3 missing markers.

    Events: 8 at or below 20 mm (two exactly at 20) and 2 above. Non-events: 2 at or below
    20 mm (one exactly at 20) and 88 above. Three unmeasured pregnancies (2 events).
    """
    ev = [10, 12, 14, 15, 16, 18, 20, 20, 30, 35]
    non = [19, 20, *np.linspace(21, 60, 88)]
    marker = np.array([*ev, *non, np.nan, np.nan, np.nan], dtype=float)
    event = np.array([True] * 10 + [False] * 90 + [True, True, False])
    order = np.random.default_rng(7).permutation(len(marker))  # order must not matter
    return marker[order], event[order]


def _event_probability(cl):
    return 1 / (1 + np.exp(2.5 + 0.15 * (cl - 37)))


def random_data(n=2000, seed=3, missing=0.05):
    """CL rounded to 1 mm (many ties), events more likely with a short cervix, some missing."""
    rng = np.random.default_rng(seed)
    cl = np.round(rng.normal(37, 8, n))
    p = _event_probability(cl)
    event = rng.random(n) < p
    cl[rng.random(n) < missing] = np.nan
    return cl, event


def population_auc() -> float:
    """The AUC of :func:`random_data`'s generator, exactly: P(an event's CL is lower than a
    non-event's) + P(tie) / 2, summed over the rounded-normal CL values (missingness is
    independent of both, so it does not change the AUC)."""
    from scipy.stats import norm

    k = np.arange(-40.0, 120.0)  # 9.6 SD either side of 37 mm: the rest has mass < 1e-20
    w = norm.cdf(k + 0.5, 37, 8) - norm.cdf(k - 0.5, 37, 8)
    ev, non = w * _event_probability(k), w * (1 - _event_probability(k))
    above = non[::-1].cumsum()[::-1] - non  # non-events with a strictly longer cervix
    return float(((ev * above).sum() + 0.5 * (ev * non).sum()) / (ev.sum() * non.sum()))


def scipy_wilson(k, n):
    from scipy.stats import binomtest

    ci = binomtest(int(k), int(n)).proportion_ci(method="wilson")
    return ci.low, ci.high


def assert_same_row(got: pd.Series, want: pd.Series, context: str) -> None:
    for col in want.index:
        a, b = got[col], want[col]
        if isinstance(b, str):
            assert a == b, f"{context}: column {col} is {a!r}, expected {b!r}"
        else:
            # rel_tol=1e-12: floating-point only, the same ratios of counts computed two ways
            same = (np.isnan(a) and np.isnan(b)) or a == b or math.isclose(a, b, rel_tol=1e-12)
            assert same, f"{context}: column {col} is {a!r}, expected {b!r}"


def one_line_error(excinfo, name: str) -> None:
    msg = str(excinfo.value)
    assert "\n" not in msg, f"error message should be one line, got {msg!r}"
    assert name in msg, f"error message should name {name!r}, got {msg!r}"


# ------------------------------------------------------------------------------ 2x2 by hand
def test_hand_worked_table():
    marker, event = hand_table()
    row = metrics(marker, event, 20.0).iloc[0]
    counts = {c: int(row[c]) for c in ("n", "n_missing", "tp", "fp", "fn", "tn")}
    want = {"n": 100, "n_missing": 3, "tp": 8, "fp": 2, "fn": 2, "tn": 88}
    assert counts == want, f"2x2 counts at 20 mm should be {want} (ties positive), got {counts}"
    expected = {
        "prevalence": 10 / 100,
        "sensitivity": 0.8,
        "specificity": 88 / 90,
        "ppv": 8 / 10,
        "npv": 88 / 90,
        "lr_pos": 0.8 / (2 / 90),
        "lr_neg": 0.2 / (88 / 90),
        "positive_rate": 10 / 100,
        "nns": 100 / 8,
    }
    # rel_tol=1e-12 here and below: floating-point only, ratios of small integers
    for name, value in expected.items():
        assert math.isclose(row[name], value, rel_tol=1e-12), (
            f"{name} should be {value} for tp=8, fp=2, fn=2, tn=88, got {row[name]}"
        )
    assert math.isclose(row["lr_pos"], 36.0, rel_tol=1e-12), "LR+ = 0.8 / (2/90) = 36"


def test_hand_worked_intervals():
    marker, event = hand_table()
    row = metrics(marker, event, 20.0).iloc[0]
    for name, k, n in (
        ("sensitivity", 8, 10),
        ("specificity", 88, 90),
        ("ppv", 8, 10),
        ("npv", 88, 90),
    ):
        lo, hi = scipy_wilson(k, n)
        # abs_tol=1e-12: floating-point only, two implementations of the same closed form
        assert math.isclose(row[f"{name}_low"], lo, abs_tol=1e-12), f"{name}_low != scipy Wilson"
        assert math.isclose(row[f"{name}_high"], hi, abs_tol=1e-12), f"{name}_high != scipy Wilson"
    se_pos = math.sqrt(1 / 8 - 1 / 10 + 1 / 2 - 1 / 90)
    se_neg = math.sqrt(1 / 2 - 1 / 10 + 1 / 88 - 1 / 90)
    for name, lr, se in (("lr_pos", 36.0, se_pos), ("lr_neg", 0.2 / (88 / 90), se_neg)):
        lo, hi = lr * math.exp(-Z * se), lr * math.exp(Z * se)
        # rel_tol=1e-12: floating-point only (the same log-method formula)
        assert math.isclose(row[f"{name}_low"], lo, rel_tol=1e-12), f"{name}_low: log method"
        assert math.isclose(row[f"{name}_high"], hi, rel_tol=1e-12), f"{name}_high: log method"
        assert row[f"{name}_low"] < row[name] < row[f"{name}_high"], f"{name} inside its CI"


def test_ties_at_threshold_are_positive():
    marker, event = hand_table()
    at = metrics(marker, event, 20.0).iloc[0]
    below = metrics(marker, event, 19.999).iloc[0]
    assert (at["tp"], at["fp"]) == (8, 2), "markers equal to the threshold screen positive"
    assert (below["tp"], below["fp"]) == (6, 1), (
        "just below 20 mm the two events and one non-event at exactly 20 mm become negative"
    )


def test_missing_markers_excluded_not_negative():
    marker, event = hand_table()
    row = metrics(marker, event, 20.0).iloc[0]
    assert row["tp"] + row["fp"] + row["fn"] + row["tn"] == row["n"] == 100, (
        "the 2x2 table should hold only the 100 measured pregnancies"
    )
    assert row["fn"] == 2, "the 2 events with a missing marker must not count as false negatives"
    assert row["n_missing"] == 3, "the 3 unmeasured pregnancies should be counted in n_missing"


def test_pandas_inputs_and_no_mutation():
    marker, event = hand_table()
    idx = pd.RangeIndex(len(marker)) + 100
    m = pd.Series(marker, index=idx).astype("Float64")
    m[m.isna()] = pd.NA
    e = pd.Series(event, index=idx).astype("boolean")
    m_before, e_before = m.copy(), e.copy()
    got = metrics(m, e, 20.0)
    want = metrics(marker, event, 20.0)
    assert_same_row(got.iloc[0], want.iloc[0], "nullable Float64/boolean Series vs numpy")
    pd.testing.assert_series_equal(m, m_before, obj="marker after metrics()")
    pd.testing.assert_series_equal(e, e_before, obj="event after metrics()")
    assert list(got.columns) == METRIC_COLUMNS, f"columns should be {METRIC_COLUMNS}"


def test_zero_cells_give_inf_or_zero_without_warnings():
    marker = np.array([10.0, 12.0, 30.0, 40.0, 50.0])
    event = np.array([True, True, False, False, True])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        row = metrics(marker, event, 15.0).iloc[0]  # tp=2, fp=0, fn=1, tn=2
        none_pos = metrics(marker, event, 5.0).iloc[0]  # nobody positive: tp=fp=0
    assert row["lr_pos"] == np.inf, "fp = 0 with tp > 0 gives LR+ = inf"
    assert np.isnan(row["lr_pos_low"]) and np.isnan(row["lr_pos_high"]), "fp = 0: LR+ CI is NaN"
    assert np.isfinite(row["lr_neg_low"]), "LR- needs fn, tn > 0 only, so its CI exists"
    assert np.isnan(none_pos["lr_pos"]), "tp = fp = 0 makes LR+ 0/0, undefined"
    assert none_pos["nns"] == np.inf, "tp = 0 means no case is ever found: nns = inf"
    assert none_pos["lr_neg"] == 1.0, "nobody positive: LR- = 1 (the test tells nothing)"


def test_single_class_metrics_still_returned():
    marker = np.array([10.0, 20.0, 30.0])
    row = metrics(marker, np.zeros(3, dtype=bool), 20.0).iloc[0]
    assert np.isnan(row["sensitivity"]), "no events: sensitivity has a zero denominator"
    # math.isclose default (rel 1e-9): floating-point only, 1/3
    assert math.isclose(row["specificity"], 1 / 3), "specificity is still defined without events"
    assert row["prevalence"] == 0.0, "no events: prevalence 0"


# ------------------------------------------------------------------------------ sweep
def test_sweep_rows_equal_metrics():
    cl, event = random_data()
    s = sweep(cl, event)
    distinct = np.unique(cl[~np.isnan(cl)])
    assert np.array_equal(s["threshold_mm"].to_numpy(), distinct), (
        "sweep should have one row per distinct measured marker value, ascending"
    )
    for _, row in s.iterrows():
        want = metrics(cl, event, row["threshold_mm"]).iloc[0]
        assert_same_row(row, want, f"sweep vs metrics at {row['threshold_mm']} mm")


def test_sweep_given_thresholds_equal_metrics():
    cl, event = random_data()
    thresholds = [0.0, 15.0, 24.5, 25.0, 36.2, 200.0]
    s = sweep(cl, event, thresholds=thresholds[::-1])
    assert s["threshold_mm"].tolist() == thresholds, "given thresholds come back ascending"
    for _, row in s.iterrows():
        want = metrics(cl, event, row["threshold_mm"]).iloc[0]
        assert_same_row(row, want, f"sweep(thresholds=) vs metrics at {row['threshold_mm']} mm")


def test_sweep_is_monotone():
    cl, event = random_data(n=5000, seed=11)
    s = sweep(cl, event)
    assert (np.diff(s["sensitivity"]) >= 0).all(), "a higher threshold never lowers sensitivity"
    assert (np.diff(s["specificity"]) <= 0).all(), "a higher threshold never raises specificity"
    assert (np.diff(s["positive_rate"]) > 0).all(), (
        "a higher threshold never screens fewer positive (each distinct value adds positives)"
    )
    assert s["positive_rate"].iloc[-1] == 1.0, "at the largest marker everyone is positive"


def test_sweep_by_group_equals_subsets():
    cl, event = random_data(n=3000, seed=5)
    rng = np.random.default_rng(5)
    parity = pd.Categorical(
        rng.choice(["nulliparous", "parous"], len(cl)), categories=["parous", "nulliparous"]
    )
    s = sweep(cl, event, by=parity)
    assert list(s.columns) == ["group", *METRIC_COLUMNS, "status"], "group first, status last"
    assert list(s["group"].unique()) == ["parous", "nulliparous"], "categorical order respected"
    for label in ("parous", "nulliparous"):
        keep = np.asarray(parity == label)
        got = s[s["group"] == label].drop(columns=["group", "status"]).reset_index(drop=True)
        want = sweep(cl[keep], event[keep])
        pd.testing.assert_frame_equal(got, want, obj=f"sweep by group {label} vs subset")
        assert (s.loc[s["group"] == label, "status"] == "ok").all(), f"{label} should be ok"


# ------------------------------------------------------------------------------ subgroups
def test_dict_groups_with_an_empty_group():
    cl, event = random_data(n=1000, seed=2)
    groups = {
        "all": np.ones(len(cl), dtype=bool),
        "short history": cl < 30,
        "twins": np.zeros(len(cl), dtype=bool),  # nobody: an empty subgroup
        "unmeasured": np.isnan(cl),  # members but no measured marker: also empty
    }
    out = metrics(cl, event, 25.0, by=groups)
    assert out["group"].tolist() == list(groups), "one row per group in dict order"
    status = dict(zip(out["group"], out["status"], strict=True))
    assert status == {
        "all": "ok",
        "short history": "ok",
        "twins": "empty subgroup",
        "unmeasured": "empty subgroup",
    }, f"empty groups are flagged, the others ok: {status}"
    empty = out.set_index("group").loc["twins"]
    assert empty[["n", "tp", "fp", "fn", "tn"]].sum() == 0, "empty subgroup: all counts 0"
    assert np.isnan(empty["sensitivity"]) and np.isnan(empty["nns"]), "empty: metrics NaN"
    unmeasured = out.set_index("group").loc["unmeasured"]
    assert unmeasured["n_missing"] == np.isnan(cl).sum(), "unmeasured members counted as missing"
    assert_same_row(
        out.iloc[0].drop(["group", "status"]),
        metrics(cl, event, 25.0).iloc[0],
        "group 'all' vs ungrouped",
    )
    s = sweep(cl, event, by=groups)
    assert (s.loc[s["group"] == "twins", "status"] == "empty subgroup").all(), "sweep: flagged"
    assert (s["group"] == "twins").sum() == 1, "an empty subgroup gets exactly one sweep row"


def test_auc_by_groups_with_empty_and_one_class():
    cl, event = random_data(n=1000, seed=4)
    groups = {
        "all": np.ones(len(cl), dtype=bool),
        "twins": np.zeros(len(cl), dtype=bool),
        "no events": ~event,
    }
    out = auc(cl, event, by=groups).set_index("group")
    assert out.loc["all", "status"] == "ok", "full cohort has both classes"
    assert out.loc["twins", "status"] == "empty subgroup", "empty group flagged, not an error"
    assert out.loc["no events", "status"] == "no events", "a group without events is flagged"
    assert np.isnan(out.loc["no events", "auc"]), "AUC undefined without events"
    assert out.loc["all", "auc"] == auc(cl, event)["auc"].iloc[0], "'all' equals ungrouped AUC"


# ------------------------------------------------------------------------------ AUC and ROC
def test_auc_equals_mann_whitney():
    from scipy.stats import mannwhitneyu

    cl, event = random_data(n=1500, seed=8)
    cases = cl[event & ~np.isnan(cl)]
    controls = cl[~event & ~np.isnan(cl)]
    # mannwhitneyu(cases, controls).statistic = #(case > control) + #ties/2: the probability
    # that an event has the HIGHER marker. Our AUC is the probability that an event has the
    # LOWER marker (ties 1/2), hence 1 - U / (n1 n0).
    u = mannwhitneyu(cases, controls).statistic
    want = 1 - u / (len(cases) * len(controls))
    got = auc(cl, event).iloc[0]
    # rel_tol=1e-12: floating-point only (scipy counts U from ranks, cilib from midranks)
    assert math.isclose(got["auc"], want, rel_tol=1e-12), f"AUC {got['auc']} != 1 - U/(n1 n0)"
    # Was `auc > 0.6`, a literal. The generator's AUC is known exactly (population_auc,
    # 0.784); the estimate must lie within 4 of its DeLong SEs (about 0.02 at ~150 events),
    # a two-sided false-alarm rate of 6e-5, which also puts it well above 0.5.
    true = population_auc()
    assert abs(got["auc"] - true) < 4 * got["se"], (
        f"a short cervix predicting the event: AUC {got['auc']:.3f} expected within "
        f"{4 * got['se']:.3f} of the generator's {true:.3f}"
    )
    assert (got["n_events"], got["n_non_events"]) == (len(cases), len(controls)), "class sizes"
    assert got["n_missing"] == np.isnan(cl).sum(), "missing markers counted"
    assert got["auc_low"] < got["auc"] < got["auc_high"], "AUC inside its CI"


def test_delong_se_matches_brute_force():
    rng = np.random.default_rng(12)
    cl = np.round(rng.normal(35, 6, 60))  # ties on purpose
    event = rng.random(60) < 1 / (1 + np.exp(0.2 * (cl - 30)))
    x, y = cl[event], cl[~event]
    # psi(x_i, y_j) = 1 if the event's marker is lower, 1/2 if tied
    psi = (x[:, None] < y[None, :]) + 0.5 * (x[:, None] == y[None, :])
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    se = math.sqrt(v10.var(ddof=1) / len(x) + v01.var(ddof=1) / len(y))
    got = auc(cl, event).iloc[0]
    # rel_tol 1e-12 / 1e-10: floating-point only; midrank sums against a brute-force mean of
    # psi (the SE sums squares, hence the looser 1e-10)
    assert math.isclose(got["auc"], psi.mean(), rel_tol=1e-12), "AUC = mean of psi over pairs"
    assert math.isclose(got["se"], se, rel_tol=1e-10), f"DeLong SE {got['se']} vs brute {se}"
    assert math.isclose(got["auc_high"], min(1.0, psi.mean() + Z * se), rel_tol=1e-10), "CI"


def test_auc_useless_marker_near_half():
    rng = np.random.default_rng(21)
    n = 20_000
    cl = rng.normal(37, 8, n)
    event = rng.random(n) < 0.1  # independent of the marker
    got = auc(cl, event).iloc[0]
    # Under independence the AUC estimate is approximately normal around 0.5 with standard
    # deviation ~ se, so |AUC - 0.5| < 4 se fails by chance with probability ~6e-5 (and the
    # seed is fixed, so the test is deterministic).
    assert abs(got["auc"] - 0.5) < 4 * got["se"], f"useless marker: AUC {got['auc']} far from 0.5"
    n1, n0 = got["n_events"], got["n_non_events"]
    null_se = math.sqrt((n1 + n0 + 1) / (12 * n1 * n0))  # exact null SD of U / (n1 n0)
    # Was `< 0.1`, a literal (about 11 SEs). Under the null each placement value is uniform,
    # so its sample variance has relative SD sqrt(0.8 / n) (uniform kurtosis 1.8); DeLong's
    # variance weights the events' term by w1 = n0 / (n1 + n0) and the non-events' by w0,
    # and the SE, a square root, halves the relative error: rel SD = 0.5 sqrt(0.8 (w1^2 / n1
    # + w0^2 / n0)), about 0.009 here; 4 of them (two-sided 6e-5) gives 0.036.
    w1 = n0 / (n1 + n0)
    rel_sd = 0.5 * math.sqrt(0.8 * (w1**2 / n1 + (1 - w1) ** 2 / n0))
    assert abs(got["se"] / null_se - 1) < 4 * rel_sd, (
        f"DeLong SE {got['se']:.5f} expected within {4 * rel_sd:.3f} (relative) of the exact "
        f"null SD {null_se:.5f}"
    )


def test_auc_perfect_marker():
    cl = np.array([5.0, 10.0, 15.0, 30.0, 40.0, 50.0])
    event = np.array([True, True, True, False, False, False])
    got = auc(cl, event).iloc[0]
    assert got["auc"] == 1.0, "every event shorter than every non-event: AUC 1"
    assert got["se"] == 0.0 and got["auc_high"] == 1.0, "perfect separation: SE 0, CI at 1"
    assert auc(cl, ~event)["auc"].iloc[0] == 0.0, "reversed marker: AUC 0"


def test_auc_needs_both_classes():
    with pytest.raises(ValueError) as exc:
        auc([10.0, 20.0, 30.0], [False, False, False])
    one_line_error(exc, "no events")
    with pytest.raises(ValueError) as exc:
        auc([10.0, 20.0, np.nan], [True, True, False])
    one_line_error(exc, "no non-events")


def test_roc_curve_shape_and_area():
    cl, event = random_data(n=1500, seed=9)
    r = roc(cl, event)
    assert list(r.columns) == ["fpr", "tpr", "threshold_mm"], "ROC columns"
    assert (r["fpr"].iloc[0], r["tpr"].iloc[0]) == (0.0, 0.0), "ROC starts at (0, 0)"
    assert (r["fpr"].iloc[-1], r["tpr"].iloc[-1]) == (1.0, 1.0), "ROC ends at (1, 1)"
    assert (np.diff(r["fpr"]) >= 0).all() and (np.diff(r["tpr"]) >= 0).all(), "ROC monotone"
    area = float(
        np.sum(np.diff(r["fpr"]) * (r["tpr"].to_numpy()[1:] + r["tpr"].to_numpy()[:-1]) / 2)
    )
    want = auc(cl, event)["auc"].iloc[0]
    # rel_tol=1e-12: floating-point only; the trapezoid area of the full ROC (ties as
    # diagonal steps) is exactly the AUC with ties counted half
    assert math.isclose(area, want, rel_tol=1e-12), f"trapezoid area {area} != AUC {want}"


# ------------------------------------------------------------------------------ bad input
@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"threshold_mm": float("nan")}, ValueError, "threshold_mm"),
        ({"threshold_mm": float("inf")}, ValueError, "threshold_mm"),
        ({"threshold_mm": "25"}, TypeError, "threshold_mm"),
        ({"threshold_mm": True}, TypeError, "threshold_mm"),
        ({"event": np.array([1, 0, 1, 0])}, ValueError, "event"),
        ({"event": pd.array([True, None, False, True], dtype="boolean")}, ValueError, "event"),
        ({"event": np.array([1.0, 0.0, 1.0, 0.0])}, ValueError, "event"),
        ({"event": np.array(["y", "n", "y", "n"])}, ValueError, "event"),
        ({"event": np.array([True, False, True])}, ValueError, "marker, event"),
        ({"marker": np.full(4, np.nan)}, ValueError, "no pregnancies with a measured marker"),
        ({"marker": np.array(["10", "20", "30", "40"])}, ValueError, "marker"),
        ({"z": -1.0}, ValueError, "z"),
        ({"by": np.array(["a", None, "b", "a"], dtype=object)}, ValueError, "by"),
        ({"by": {"twins": np.array([0, 1, 0, 0])}}, ValueError, "by['twins']"),
    ],
)
def test_bad_input_one_line_errors(kwargs, error, name):
    args = {
        "marker": np.array([10.0, 20.0, 30.0, 40.0]),
        "event": np.array([True, False, True, False]),
        "threshold_mm": 25.0,
    } | kwargs
    marker, event, threshold = args.pop("marker"), args.pop("event"), args.pop("threshold_mm")
    with pytest.raises(error) as exc:
        metrics(marker, event, threshold, **args)
    one_line_error(exc, name)


def test_misaligned_series_index():
    marker = pd.Series([10.0, 20.0, 30.0], index=[0, 1, 2])
    event = pd.Series([True, False, True], index=[2, 1, 0])
    for fn in (
        lambda: metrics(marker, event, 20.0),
        lambda: sweep(marker, event),
        lambda: auc(marker, event),
    ):
        with pytest.raises(ValueError) as exc:
            fn()
        one_line_error(exc, "index")


def test_sweep_bad_thresholds():
    with pytest.raises(ValueError) as exc:
        sweep([10.0, 20.0], [True, False], thresholds=[10.0, np.nan])
    one_line_error(exc, "thresholds")
