"""Tests of cilib.analysis.abc (the calibration posterior's machinery) and of the shipped
posterior (cilib.params.posterior): every draw reproduces every calibration target."""

from __future__ import annotations

import numpy as np
import pytest

from cilib.analysis import abc
from cilib.analysis.calibration import TARGETS, calibrate, within_monte_carlo_error
from cilib.params import posterior
from cilib.stats import effective_sample_size


@pytest.fixture(scope="module")
def space():
    return abc.Space.from_registry()


def test_the_fitting_scale_round_trips_and_spans_the_ranges(space):
    u0 = space.to_u(space.value)
    assert np.allclose(space.from_u(u0), space.value, rtol=1e-12), "to_u then from_u"
    assert np.allclose(space.to_u(space.low), 1.0), "the low end of each range is u = 1"
    assert np.allclose(space.to_u(space.high), 2.0), "the high end is u = 2"
    assert np.all((u0 >= 1.0) & (u0 <= 2.0)), "the fit lies inside the ranges"
    assert len(set(space.columns())) == len(space.params), "one column per record"


def test_scaled_residuals_are_within_one_exactly_when_a_target_passes():
    lo = np.array([t.lower for t in TARGETS])
    hi = np.array([t.upper for t in TARGETS])
    rng = np.random.default_rng(5)
    est = lo + (hi - lo) * rng.uniform(-0.5, 1.5, size=(200, len(TARGETS)))
    r = abc.scaled_residuals(est)
    inside = (est >= lo) & (est <= hi)
    assert np.array_equal(np.abs(r) <= 1.0, inside), "|r| <= 1 iff lower <= est <= upper"
    assert np.array_equal(abc.passes(est), inside.all(axis=1)), "passes: every target inside"
    est[0, 0] = np.nan
    assert np.isinf(abc.scaled_residuals(est)[0, 0]), "a missing estimate is infinitely off"
    assert not abc.passes(est)[0], "and fails"


def _toy_estimates(task):
    """A toy model for the chain: every target at its interval's centre, except the first,
    which passes exactly when u[0] is in [1.2, 1.6] (the second record is unconstrained)."""
    _, u, _, _ = task
    lo = np.array([t.lower for t in TARGETS])
    hi = np.array([t.upper for t in TARGETS])
    est = (lo + hi) / 2
    est[0] = lo[0] + (hi[0] - lo[0]) * (u[0] - 1.2) / 0.4
    return est


def test_a_chain_samples_the_region_that_passes_uniformly(monkeypatch):
    """With the toy model the posterior is uniform on [1.2, 1.6] x [1, 2]: chain means within
    4 Monte-Carlo SEs (uniform SD / sqrt(ESS of the chain)) of 1.4 and 1.5; every state
    passes; the same seed gives the same chain."""
    monkeypatch.setattr(abc, "_estimates", _toy_estimates)
    kwargs = dict(steps=3000, burn=300, n=1, seed=4)
    run = abc.chain(None, np.array([1.4, 1.5]), np.eye(2) / 12, number=0, **kwargs)
    assert abc.passes(run.estimates).all(), "every state passes every target"
    for j, (mid, width) in enumerate([(1.4, 0.4), (1.5, 1.0)]):
        x = run.states[:, j]
        se = width / np.sqrt(12) / np.sqrt(effective_sample_size(x))
        assert abs(x.mean() - mid) < 4 * se, f"record {j}: mean {x.mean():.4f}"
    assert run.states[:, 0].min() >= 1.2 and run.states[:, 0].max() <= 1.6, "inside the region"
    assert 0.1 < run.accepted.mean() < 0.5, f"adapted acceptance {run.accepted.mean():.2f}"
    again = abc.chain(None, np.array([1.4, 1.5]), np.eye(2) / 12, number=0, **kwargs)
    assert np.array_equal(run.states, again.states), "reproducible"
    other = abc.chain(None, np.array([1.4, 1.5]), np.eye(2) / 12, number=1, **kwargs)
    assert not np.array_equal(run.states, other.states), "chains have their own streams"
    with pytest.raises(ValueError, match="u0: misses"):
        abc.chain(None, np.array([1.9, 1.5]), np.eye(2), number=0, **kwargs)


def test_a_resumed_chain_continues_exactly_as_one_run(monkeypatch):
    """Each step has its own random stream: 30 steps, saved, then resumed to 80 gives the
    80 steps of one run, bit for bit (and checkpoints come every ``every`` steps)."""
    monkeypatch.setattr(abc, "_estimates", _toy_estimates)
    kwargs = dict(burn=20, n=1, seed=9, number=0)
    u0, shape = np.array([1.4, 1.5]), np.eye(2) / 12
    whole = abc.chain(None, u0, shape, steps=80, **kwargs)
    saved = []
    part = abc.chain(None, u0, shape, steps=30, checkpoint=saved.append, every=10, **kwargs)
    assert [len(c.states) for c in saved] == [10, 20, 30, 30], "every 10 steps and at the end"
    resumed = abc.chain(None, u0, shape, steps=80, start=part, **kwargs)
    assert np.array_equal(whole.states, resumed.states), "the same states"
    assert np.array_equal(whole.accepted, resumed.accepted), "the same moves"
    assert np.array_equal(whole.first(30).states, part.states), "first() cuts a chain"
    with pytest.raises(ValueError, match="start: another chain"):
        abc.chain(None, u0, shape, steps=80, start=part, **{**kwargs, "number": 1})


def test_chains_after_a_pilot_start_where_it_ended_with_its_shape(monkeypatch):
    """A pilot's states shape the next chains' steps (their pooled covariance) and each next
    chain, numbered after the pilot's, starts from its own point; with the toy model the
    shape is long along the unconstrained record and short along the constrained one."""
    monkeypatch.setattr(abc, "_estimates", _toy_estimates)
    kwargs = dict(steps=400, burn=50, n=1, seed=6)
    shape0 = np.eye(2) / 12
    pilot = abc.chains(None, np.array([1.4, 1.5]), shape0, 2, **kwargs)
    shape = abc.pilot_shape(pilot)
    states = np.vstack([c.states for c in pilot])
    assert np.allclose(shape, np.cov(states, rowvar=False), atol=1e-9), "pooled covariance"
    assert shape[1, 1] > 2 * shape[0, 0], f"longer where unconstrained: {np.diag(shape)}"
    starts = np.array([c.states[-1] for c in pilot])
    after = abc.chains(None, starts, shape, 2, first=2, **kwargs)
    assert [c.number for c in after] == [2, 3], "numbered after the pilot's chains"
    for c, u0 in zip(after, starts, strict=True):
        alone = abc.chain(None, u0, shape, number=c.number, **kwargs)
        assert np.array_equal(c.states, alone.states), f"chain {c.number}: from its own start"
        assert abc.passes(c.estimates).all(), "every state passes"


def test_split_rhat_flags_chains_that_disagree():
    rng = np.random.default_rng(8)
    same = [rng.standard_normal(1000) for _ in range(2)]
    assert abs(abc.split_rhat(same) - 1) < 0.01, "chains of one law: about 1"
    apart = [rng.standard_normal(1000), rng.standard_normal(1000) + 1.0]
    assert abc.split_rhat(apart) > 1.1, "chains a standard deviation apart"


@pytest.fixture(scope="module")
def shipped():
    post = posterior.load()
    if post is None:
        pytest.fail("the package ships no calibration posterior (scripts/fit_posterior.py)")
    return post


def test_the_posterior_lies_inside_the_ranges_and_records_its_run(shipped, space):
    values = shipped.particles[space.columns()].to_numpy()
    assert np.all((values >= space.low - 1e-12) & (values <= space.high + 1e-12)), "in range"
    assert (shipped.particles["worst_residual"] <= 1.0).all(), "every draw passes every target"
    for key in ("n", "seed", "acceptance", "ess_min", "rhat_max", "fitted_point_sha256"):
        assert key in shipped.meta, f"posterior.toml records {key}"
    assert shipped.meta["draws"] == shipped.size, "its count is its size"
    assert shipped.size >= 100, f"only {shipped.size} draws"


@pytest.mark.slow
def test_a_sample_of_posterior_draws_reproduces_every_target(shipped, space):
    """Re-run at the posterior's cohort size and seed: three draws (chosen by a fixed seed)
    must pass every calibration target, as each did when it was kept."""
    picks = np.random.default_rng(2024).choice(shipped.size, size=3, replace=False)
    n, seed = int(shipped.meta["n"]), int(shipped.meta["seed"])
    for i in picks:
        for scenario in abc.SCENARIOS:
            a = space.assumptions(space.to_u(_row(shipped, space, i)))[scenario]
            table = calibrate(assumptions=a, n=n, seed=seed)
            bad = table.loc[~table["pass"], "key"].tolist()
            assert not bad, f"posterior draw {i} misses {bad} in {scenario}"


@pytest.mark.slow
def test_a_sample_of_posterior_draws_holds_at_another_seed_within_monte_carlo_error(shipped, space):
    """The draws pass at the fit's seed by construction; at another seed (7, as the fitted
    point's check in test_calibration) each of three draws (chosen by a fixed seed) must put
    every target inside its interval widened by Monte-Carlo error (Bonferroni over the
    targets at a family-wise error of 0.1%: calibration.within_monte_carlo_error). Strictly,
    at other seeds even the fitted point misses several targets by Monte-Carlo error (README,
    'Calibration uncertainty'), so a strict check would fail for the right draws."""
    picks = np.random.default_rng(7).choice(shipped.size, size=3, replace=False)
    n = int(shipped.meta["n"])
    for i in picks:
        for scenario in abc.SCENARIOS:
            a = space.assumptions(space.to_u(_row(shipped, space, i)))[scenario]
            table = calibrate(assumptions=a, n=n, seed=7)
            bad = table.loc[~within_monte_carlo_error(table), "key"].tolist()
            assert not bad, f"posterior draw {i} misses {bad} in {scenario} at seed 7"


def _row(post, space, i) -> np.ndarray:
    return post.particles.iloc[int(i)][space.columns()].to_numpy(np.float64)


def test_a_posterior_drawn_around_another_fit_is_refused(monkeypatch):
    """posterior.toml records the SHA-256 of calibrated.toml: after a refit the old posterior
    no longer describes the model, and loading it says so."""
    monkeypatch.setattr(posterior, "fitted_point_hash", lambda: "another fit")
    posterior.load.cache_clear()
    try:
        with pytest.raises(ValueError, match="drawn around another fit"):
            posterior.load()
    finally:
        monkeypatch.undo()
        posterior.load.cache_clear()


def test_a_scenario_that_fixes_a_record_keeps_it_fixed(shipped):
    """iams_1996 fixes p_twin at 0 (a singleton cohort): its posterior values leave it out,
    and take iams_1996's own measurement offset, not another scenario's."""
    from cilib.params.assumptions import Assumptions

    iams = shipped.values(0, Assumptions.scenario("iams_1996"))
    us = shipped.values(0, Assumptions.scenario("us_contemporary"))
    assert "p_twin" not in iams and "p_twin" in us, "p_twin: fixed in iams_1996 only"
    row = shipped.particles.iloc[0]
    offset = "cl_measurement_offset_mm"
    assert iams[offset] == row[f"{offset}[iams_1996]"], "the scenario's own offset"
    assert us[offset] == row[f"{offset}[us_contemporary]"], "and the other's"


def test_the_caveat_names_an_unmixed_posterior_only():
    """Posterior.caveat: one line with the split R-hat and the least ESS at or above
    RHAT_MIXED (BDA3's 1.1), None below it."""
    import pandas as pd

    def post(rhat):
        return posterior.Posterior(pd.DataFrame(), {"rhat_max": rhat, "ess_min": 6.7})

    line = post(4.89).caveat()
    assert line is not None and "\n" not in line, line
    assert "R-hat 4.89" in line and "sample size 7" in line and "lower bound" in line, line
    assert post(posterior.RHAT_MIXED).caveat() is not None, "at the threshold: not mixed"
    assert post(1.01).caveat() is None, "mixed chains need no caveat"
    held = posterior.Posterior(pd.DataFrame(), {"rhat_max": 1.01, "coverage_out_of_sample": 0.8})
    line = held.caveat()
    assert line is not None and "only 80%" in line and "\n" not in line, f"low coverage: {line}"
    assert "lower bound" in line and "grew" not in line, line
    held.meta["coverage_out_of_sample"] = posterior.COVERAGE_HELD
    assert held.caveat() is None, "an emulated region that holds the passing points: no caveat"
    held.meta["trust_growth_last_wave"] = 1.1
    line = held.caveat()
    assert line is not None and "grew 10%" in line and "only" not in line, f"growing: {line}"
    held.meta["coverage_out_of_sample"] = 0.34
    line = held.caveat()
    assert "grew 10%" in line and "only 34%" in line and "\n" not in line, f"both: {line}"
