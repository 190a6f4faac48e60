"""cilib.stats: each interval and ratio against an independent reference or a hand-worked case."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import binomtest

from cilib import stats

# Every tolerance in this module is floating-point only: pytest.approx's default (rel 1e-6)
# and abs=1e-12 compare two implementations of the same closed form, or a closed form with
# its hand-worked value; none is statistical.


def scipy_wilson(k, n):
    ci = binomtest(int(k), int(n)).proportion_ci(method="wilson")
    return ci.low, ci.high


def test_wilson_matches_scipy_over_grid():
    ks, ns = [], []
    for n in (1, 2, 3, 5, 10, 17, 50, 100, 333, 1000, 50_000):
        for k in sorted({0, 1, 2, n // 3, n // 2, n - 2, n - 1, n} & set(range(n + 1))):
            ks.append(k)
            ns.append(n)
    lo, hi = stats.wilson_interval(np.array(ks), np.array(ns))
    for k, n, a, b in zip(ks, ns, lo, hi, strict=True):
        want_lo, want_hi = scipy_wilson(k, n)
        # 1e-10: floating-point only, two implementations of the Wilson closed form (they
        # agree to ~1e-16 on this grid; the margin leaves room for other platforms' libm)
        assert abs(a - want_lo) < 1e-10, f"Wilson low for k={k}, n={n}: {a} vs scipy {want_lo}"
        assert abs(b - want_hi) < 1e-10, f"Wilson high for k={k}, n={n}: {b} vs scipy {want_hi}"


def test_wilson_scalar_and_edge_cases():
    lo, hi = stats.wilson_interval(3, 10)
    assert isinstance(lo, float) and isinstance(hi, float), "scalars in, floats out"
    assert (lo, hi) == pytest.approx(scipy_wilson(3, 10), abs=1e-12), "scalar = scipy"
    lo, hi = stats.wilson_interval(0, 0)
    assert math.isnan(lo) and math.isnan(hi), f"n = 0 has no interval, got {(lo, hi)}"
    with pytest.raises(ValueError, match="k: got values outside"):
        stats.wilson_interval(5, 3)


def test_weighted_rate_reduces_to_wilson_for_singletons():
    """With every weight 1 the cluster-robust effective size is the number of units, so the
    interval is the plain Wilson interval of k/n (the design effect of singletons is 1)."""
    y = np.array([1] * 7 + [0] * 23)
    p, lo, hi = stats.weighted_rate(y, np.ones(len(y)))
    assert p == pytest.approx(7 / 30), f"proportion 7/30 expected, got {p}"
    assert (lo, hi) == pytest.approx(scipy_wilson(7, 30), abs=1e-12), "Wilson at n = 30"


def test_weighted_rate_counts_twins_once_in_the_effective_size():
    """Twins share their outcome: 30 twin pregnancies with 7 preterm carry the information of
    30 pregnancies, not of 60 independent infants, so the interval equals Wilson's at n = 30
    while the proportion counts infants."""
    y = np.array([1] * 7 + [0] * 23)
    p, lo, hi = stats.weighted_rate(y, np.full(len(y), 2.0))
    assert p == pytest.approx(7 / 30), f"14 of 60 infants = 7/30 expected, got {p}"
    assert (lo, hi) == pytest.approx(scipy_wilson(7, 30), abs=1e-12), (
        "twins must not halve the variance: the interval is Wilson's at 30 pregnancies"
    )
    wide = hi - lo
    _, lo60, hi60 = stats.weighted_rate(np.repeat(y, 2), np.ones(60))
    assert hi60 - lo60 < wide, "60 independent infants would give a narrower interval"


def test_weighted_rate_no_weight_is_nan():
    p, lo, hi = stats.weighted_rate(np.array([1, 0]), np.zeros(2))
    assert all(math.isnan(x) for x in (p, lo, hi)), "no units: no rate"


def test_risk_ratio_hand_worked():
    rr, lo, hi = stats.risk_ratio(10, 100, 5, 200)
    assert rr == pytest.approx((10 / 100) / (5 / 200)), f"RR 4 expected, got {rr}"
    se = math.sqrt(1 / 10 - 1 / 100 + 1 / 5 - 1 / 200)  # Katz: var log RR
    assert lo == pytest.approx(rr * math.exp(-stats.Z95 * se)), "Katz lower limit"
    assert hi == pytest.approx(rr * math.exp(stats.Z95 * se)), "Katz upper limit"
    assert all(math.isnan(x) for x in stats.risk_ratio(1, 10, 0, 10)), "no reference events"
    rr0, lo0, hi0 = stats.risk_ratio(0, 10, 2, 10)
    assert rr0 == 0 and math.isnan(lo0) and math.isnan(hi0), "no exposed events: RR 0, no CI"


def test_paired_rr_hand_worked():
    y0 = np.array([1, 1, 0, 0, 1, 0, 1, 0], dtype=bool)
    y1 = np.array([1, 0, 0, 0, 1, 0, 0, 0], dtype=bool)
    rr, lo, hi = stats.paired_rr(y0, y1)
    assert rr == pytest.approx(0.5), f"RR should be 2/4 = 0.5, got {rr}"
    # delta method on the same units: var log RR = (v1/p1^2 + v0/p0^2 - 2 c/(p1 p0)) / n
    cov = np.cov(y1.astype(float), y0.astype(float))
    var = (cov[0, 0] / 0.25**2 + cov[1, 1] / 0.5**2 - 2 * cov[0, 1] / (0.25 * 0.5)) / 8
    assert lo == pytest.approx(0.5 * math.exp(-stats.Z95 * math.sqrt(var))), "delta-method low"
    assert hi == pytest.approx(0.5 * math.exp(stats.Z95 * math.sqrt(var))), "delta-method high"


def test_quantile_ci_matches_order_statistics():
    x = np.arange(1000, dtype=float)
    q, lo, hi = stats.quantile_ci(x, 0.5)
    half = stats.Z95 * math.sqrt(1000 * 0.5 * 0.5)  # binomial SD of the rank, ~15.8
    assert q == 499.5, f"median of 0..999 is 499.5, got {q}"
    assert (lo, hi) == (x[math.floor(500 - half)], x[math.ceil(500 + half)]), (
        f"order statistics at ranks 500 -/+ {half:.1f} expected, got {(lo, hi)}"
    )
    assert all(math.isnan(v) for v in stats.quantile_ci([], 0.5)), "empty sample"


def test_mean_and_sd_intervals():
    rng = np.random.default_rng(3)
    x = rng.normal(10.0, 2.0, 400)
    m, lo, hi = stats.mean_ci(x)
    se = x.std(ddof=1) / 20
    assert (lo, hi) == pytest.approx((m - stats.Z95 * se, m + stats.Z95 * se)), "normal CI"
    s, slo, shi = stats.sd_ci(x)
    assert slo < s < shi and s == pytest.approx(x.std(ddof=1)), "SD inside its CI"


def test_delong_hand_worked():
    """Events at 1 and 2 mm, non-events at 2 and 3 mm: P(event < non-event) = 3/4, the tie
    at 2 mm counting half: AUC = (1 + 1 + 0.5 + 1) / 4 = 0.875."""
    auc, se = stats.delong(np.array([1.0, 2.0]), np.array([2.0, 3.0]))
    assert auc == pytest.approx(0.875), f"AUC 0.875 expected, got {auc}"
    assert se > 0, "two of each class give a standard error"
    auc1, se1 = stats.delong(np.array([1.0]), np.array([2.0, 3.0]))
    assert auc1 == 1.0 and math.isnan(se1), "one event: AUC but no standard error"


@pytest.mark.parametrize("bad", [True, "1", float("nan"), float("inf"), -1.0])
def test_real_refuses_bad_values(bad):
    with pytest.raises((TypeError, ValueError), match="z: got"):
        stats.real(bad, "z", positive=True)


@pytest.mark.parametrize("rho", [0.0, 0.5, 0.9])
def test_effective_sample_size_of_an_ar1_chain(rho):
    """ESS of an AR(1) chain is n (1 - rho) / (1 + rho). The estimate's relative SE is about
    sqrt(2 (2M + 1) / n), M the lags summed (under 100 here, for rho = 0.9): about 4.5% at
    n = 200,000; 15% is over 3 of those SEs."""
    from scipy.signal import lfilter

    n = 200_000
    z = np.random.default_rng(11).standard_normal(n) * math.sqrt(1 - rho * rho)
    x = lfilter([1.0], [1.0, -rho], z)  # x[i] = rho x[i-1] + z[i]
    expected = n * (1 - rho) / (1 + rho)
    got = stats.effective_sample_size(x)
    assert abs(got / expected - 1) < 0.15, f"ESS {got:.0f}, expected {expected:.0f}"
    assert stats.effective_sample_size(np.ones(10)) == 10, "a constant chain: its length"


def test_count_at_or_below_is_searchsorted_right():
    """Against numpy's binary search, on values at, between and beyond the edges, NaN and
    infinities included, in float64 and float32."""
    edges = np.array([22.0, 24.0, 28.0, 32.0, 34.0, 37.0])
    rng = np.random.default_rng(5)
    x = np.concatenate(
        [
            rng.uniform(15.0, 45.0, 2_000),
            edges,
            np.nextafter(edges, -np.inf),
            [np.nan, -np.inf, np.inf],
        ]
    )
    for values in (x, x.astype(np.float32)):
        got = stats.count_at_or_below(edges, values)
        want = np.searchsorted(edges, values, side="right")
        assert got.dtype == np.int8, f"int8 expected, got {got.dtype}"
        assert np.array_equal(got, want), f"differs from searchsorted at {values[got != want][:5]}"
    with pytest.raises(ValueError, match="edges: got 128 edges; allowed: at most 127"):
        stats.count_at_or_below(np.arange(128.0), x)
