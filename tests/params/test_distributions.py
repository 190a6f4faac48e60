"""Tests of cilib.params.distributions: each record's sampling distribution."""

from __future__ import annotations

import numpy as np
import pytest

import cilib
from cilib.params.distributions import sampling
from cilib.params.records import record
from cilib.params.registry import BASE_RECORDS

U = np.array([1e-9, 0.001, 0.025, 0.5, 0.975, 0.999, 1 - 1e-9])


@pytest.mark.parametrize("r", BASE_RECORDS, ids=lambda r: r.name)
def test_every_record_samples_inside_its_bounds(r):
    s = sampling(r)
    x = s.ppf(U)
    assert np.all(np.isfinite(x)), f"{r.name}: non-finite quantiles {x}"
    assert r.bounds[0] <= x.min() and x.max() <= r.bounds[1], f"{r.name}: {x} outside {r.bounds}"
    assert np.all(np.diff(x) >= 0), f"{r.name}: quantiles must not decrease"
    if r.unit == "probability":
        assert 0.0 <= x.min() and x.max() <= 1.0, f"{r.name}: a probability outside [0, 1]"
    if "ratio" in r.unit:
        assert x.min() > 0.0, f"{r.name}: a ratio must stay positive"
    assert s.why, f"{r.name}: the distribution says why"


def test_families_follow_the_units():
    """Probabilities beta, ratios log-normal, other quantities normal, no range fixed."""
    cases = {
        ("probability", 0.2, 0.1, 0.3): "beta",
        ("hazard ratio", 0.7, 0.5, 0.9): "lognormal",
        ("weeks", 20.0, 18.0, 22.0): "normal",
        ("weeks", 20.0, 20.0, 20.0): "fixed",
    }
    for (unit, v, lo, hi), family in cases.items():
        s = sampling(record("x", v, unit, lo, hi))
        assert s.family == family, f"{unit}: {s.family} instead of {family}"


@pytest.mark.parametrize(
    ("unit", "value", "low", "high", "centre"),
    [
        ("probability", 0.2, 0.1, 0.3, "mean"),
        ("hazard ratio", 0.7, 0.5, 0.98, "median"),
        ("mm", 30.0, 26.0, 34.0, "mean"),
    ],
)
def test_centre_at_the_value_and_range_as_a_95_percent_interval(unit, value, low, high, centre):
    """The 2.5% and 97.5% quantiles sit near the range's ends (beta by the method of moments
    and a log-normal from a possibly asymmetric range: within a fifth of the range) and the
    centre at the value (a million draws: Monte-Carlo SE of the mean below 1e-4 here)."""
    s = sampling(record("x", value, unit, low, high))
    q_lo, q_hi = s.ppf([0.025, 0.975])
    width = high - low
    assert abs(q_lo - low) < width / 5 and abs(q_hi - high) < width / 5, (
        f"{unit}: 95% interval {q_lo:.3f}-{q_hi:.3f} vs range {low}-{high}"
    )
    x = s.draw(np.random.default_rng(1), 1_000_000)
    got = x.mean() if centre == "mean" else np.median(x)
    assert abs(got - value) < 5e-3 * max(1.0, value), f"{unit}: {centre} {got:.4f} vs {value}"


def test_parameter_table_says_which_distribution_and_why():
    t = cilib.Assumptions.default().table()
    assert {"distribution", "distribution_why"} <= set(t.columns), "table columns"
    assert t["distribution_why"].str.len().gt(0).all(), "every record says why"
    fixed = t["low"] == t["high"]
    assert (t.loc[fixed, "distribution"] == "fixed").all(), "no range: fixed"
