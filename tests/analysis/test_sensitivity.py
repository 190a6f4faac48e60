"""Tests of cilib.analysis.sensitivity: one-way and Sobol sensitivity analysis."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cilib.analysis import sensitivity
from cilib.params.distributions import sampling
from cilib.params.records import record


def _uniform(name: str, lo: float, hi: float):
    return sampling(record(name, 0.5 * (lo + hi), "dimensionless", lo, hi, distribution="uniform"))


def test_sobol_indices_of_the_ishigami_function():
    """The wiring (quantiles through each parameter's distribution, SALib's sample and
    analysis) on a function with known indices: Ishigami (a = 7, b = 0.1) on U(-pi, pi)^3 has
    S1 = (0.314, 0.442, 0) and ST = (0.558, 0.442, 0.244). With 2^12 base samples the
    estimator's bootstrap half-widths are about 0.02-0.04; the tolerance is 0.06."""
    names = ("x1", "x2", "x3")
    samplers = [_uniform(x, -math.pi, math.pi) for x in names]

    def ishigami(v):
        x1, x2, x3 = (v[x] for x in names)
        return math.sin(x1) + 7 * math.sin(x2) ** 2 + 0.1 * x3**4 * math.sin(x1)

    si = sensitivity.sobol(ishigami, samplers, base_samples=4096, seed=1).set_index("parameter")
    for name, s1, st in zip(names, (0.314, 0.442, 0.0), (0.558, 0.442, 0.244), strict=True):
        assert abs(si.loc[name, "S1"] - s1) < 0.06, f"{name}: S1 {si.loc[name, 'S1']:.3f}"
        assert abs(si.loc[name, "ST"] - st) < 0.06, f"{name}: ST {si.loc[name, 'ST']:.3f}"


def test_sobol_refuses_bad_sizes():
    s = [_uniform("a", 0, 1), _uniform("b", 0, 1)]
    with pytest.raises(ValueError, match="base_samples: got 6"):
        sensitivity.sobol(lambda v: 0.0, s, base_samples=6)
    with pytest.raises(ValueError, match="samplers: got 1"):
        sensitivity.sobol(lambda v: 0.0, s[:1])


def test_one_way_swings_of_a_linear_function():
    """A linear output: each swing is |coefficient| x (97.5% - 2.5% quantile), exactly."""
    names = ["hr_bed_rest", "hr_pessary"]
    coef = {"hr_bed_rest": 2.0, "hr_pessary": -5.0}

    def linear(v):
        return sum(coef[k] * v.get(k, 0.0) for k in coef)

    t = sensitivity.one_way(linear, names).set_index("parameter")
    for name in names:
        want = abs(coef[name]) * (t.loc[name, "high"] - t.loc[name, "low"])
        assert np.isclose(t.loc[name, "swing"], want), f"{name}: {t.loc[name, 'swing']} vs {want}"
    assert list(t.index) == sorted(names, key=lambda x: -t.loc[x, "swing"]), "largest first"


def test_model_output_is_a_paired_effect():
    """No progesterone effect (HR 1): universal screening changes nothing (exact, common
    random numbers); with the fitted effect it averts births before 34 weeks."""
    f = sensitivity.model_output("universal_25mm", "ptb_lt34_per_1000", n=20_000, seed=2)
    assert f({"hr_vp_short_cervix": 1.0}) == 0.0, "no effect: no difference"
    assert f({}) < 0.0, "the fitted effect lowers births before 34 weeks"
    with pytest.raises(ValueError, match="outcome: got 'nope'"):
        sensitivity.model_output("universal_25mm", "nope")


def test_morris_ranks_a_linear_function_by_its_slopes():
    """On a linear function of three U(0, 1) parameters, every elementary effect equals the
    coefficient (per unit of the quantile scale, the range being 1), so mu_star is |coefficient|
    exactly and sigma is 0."""
    coef = {"a": 5.0, "b": -2.0, "c": 0.5}
    samplers = [_uniform(x, 0.0, 1.0) for x in coef]
    table = sensitivity.morris(
        lambda v: sum(coef[k] * v[k] for k in coef), samplers, trajectories=8, seed=1
    )
    assert list(table["parameter"]) == ["a", "b", "c"], "ordered by |slope|"
    got = table.set_index("parameter")
    for name, c in coef.items():
        assert np.isclose(got.loc[name, "mu_star"], abs(c), rtol=1e-6), got
        assert got.loc[name, "sigma"] < 1e-6, got
    with pytest.raises(ValueError, match="levels: got 3"):
        sensitivity.morris(lambda v: 0.0, samplers, levels=3)
