"""Tests of cilib.analysis.emulate (history matching of the calibration posterior) on toy
regions whose uniform law is known, so that the wiring is tested, not the model."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from cilib.analysis import emulate
from cilib.stats import effective_sample_size

RADIUS = 0.3  # the toy region: a disc of this radius around (1.5, 1.5), cut by 1.3 <= x


def _toy_residuals(u):
    """Two targets: |r0| <= 1 iff 1.3 <= x <= 1.9 (linear); |r1| <= 1 iff the point is within
    RADIUS of (1.5, 1.5) (quadratic, no cross term): both in the emulator's features."""
    u = np.atleast_2d(u)
    d2 = ((u - 1.5) ** 2).sum(axis=1)
    return np.column_stack([(u[:, 0] - 1.6) / 0.3, 2 * d2 / RADIUS**2 - 1])


@pytest.fixture(scope="module")
def toy():
    rng = np.random.default_rng(11)
    u = rng.uniform(1.0, 2.0, size=(400, 2))
    metric = np.diag([0.02, 0.02])
    return u, _toy_residuals(u), metric


def test_the_emulator_learns_a_quadratic_exactly(toy):
    u, res, metric = toy
    em = emulate.Emulator.fit(u, res, metric)
    assert np.all(em.error < 1e-3), f"cross-validated errors {em.error} of an exact fit"
    grid = np.random.default_rng(3).uniform(1.0, 2.0, size=(50, 2))
    got = em.predict(grid)
    assert np.allclose(got, _toy_residuals(grid), atol=1e-3), "predictions off the design"
    worst = np.abs(_toy_residuals(grid)).max(axis=1)
    clear = (worst < 0.99) | (worst > 1.01)  # off the edge by more than the fit's error
    assert np.array_equal(em.plausible(grid, 3.0)[clear], worst[clear] <= 1.0), "R_hat = R"
    assert (
        emulate.coverage(u, res, metric, margin=3.0)
        == (int((np.abs(res) <= 1).all(axis=1).sum()),) * 2
    ), "every passing point is held out of sample"


def _uniform_moments(n=400_000):
    """Mean of x and of (x - 1.5)^2 under the uniform law of the toy region, by rejection from
    the box (independent draws; their error is far below the chains')."""
    pts = np.random.default_rng(1).uniform(1.0, 2.0, size=(n, 2))
    inside = pts[np.abs(_toy_residuals(pts)).max(axis=1) <= 1.0]
    return inside[:, 0].mean(), ((inside[:, 0] - 1.5) ** 2).mean()


def test_the_sampler_is_uniform_on_the_emulated_region(toy):
    """Chain means of x and (x - 1.5)^2 within 4 Monte-Carlo SEs of the region's uniform law;
    the SE is the pooled SD over the square root of the summed ESS of the chains."""
    u, res, metric = toy
    em = emulate.Emulator.fit(u, res, metric)
    starts = np.tile([1.5, 1.5], (40, 1))
    states, acc, scale = emulate.sample(em, starts, steps=2000, burn=300, margin=0.0, seed=2)
    assert states.shape == (2000, 40, 2), "recorded steps x chains x records"
    assert 0.1 < acc < 0.5 and scale > 0, f"acceptance {acc} near its target 0.25"
    assert em.plausible(states.reshape(-1, 2), 0.0).all(), "every state in R_hat"
    want_mean, want_m2 = _uniform_moments()
    for got, want, what in [
        (states[..., 0], want_mean, "mean of x"),
        ((states[..., 0] - 1.5) ** 2, want_m2, "second moment of x"),
    ]:
        ess = sum(effective_sample_size(got[:, c]) for c in range(got.shape[1]))
        se = got.std() / np.sqrt(ess)
        assert abs(got.mean() - want) < 4 * se, (
            f"{what}: {got.mean():.5f} vs {want:.5f} +/- {4 * se:.5f}"
        )
    again = emulate.sample(em, starts, steps=2000, burn=300, margin=0.0, seed=2)[0]
    assert np.array_equal(states, again), "the same seed gives the same chains"
    other = emulate.sample(em, starts, steps=2000, burn=300, margin=0.0, seed=3)[0]
    assert not np.array_equal(states, other), "another seed, other chains"


def test_a_design_point_does_not_depend_on_the_design_length():
    space = SimpleNamespace(params=(("*", "a"), ("*", "b")))
    draws = np.random.default_rng(0).normal(1.5, 0.01, size=(30, 2))
    long = emulate.design(space, draws, 7, seed=9)
    assert np.array_equal(long[:3], emulate.design(space, draws, 3, seed=9)), "slot per point"
    assert not np.array_equal(long, emulate.design(space, draws, 7, seed=10)), "seeded"


def test_design_points_spread_as_their_widths_say():
    """Point i is the draws' mean plus s z in their metric, s ~ U(0.5, 3), z standard normal in
    k = 2 dimensions: E|.|^2 = k (lo^2 + lo hi + hi^2) / 3. The mean over 2,000 points is within
    4 Monte-Carlo SEs (the sample SD of |.|^2 over the square root of 2,000)."""
    space = SimpleNamespace(params=(("*", "a"), ("*", "b")))
    draws = np.random.default_rng(0).normal(1.5, 0.01, size=(30, 2))
    pts = emulate.design(space, draws, 2000, seed=9)
    z = np.linalg.solve(np.linalg.cholesky(np.cov(draws, rowvar=False)), (pts - draws.mean(0)).T)
    r2 = (z * z).sum(axis=0)
    lo, hi = 0.5, 3.0
    want = 2 * (lo * lo + lo * hi + hi * hi) / 3
    se = r2.std() / np.sqrt(len(r2))
    assert abs(r2.mean() - want) < 4 * se, (
        f"mean |z|^2 {r2.mean():.3f} vs {want:.3f} +/- {4 * se:.3f}"
    )


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda s, d: emulate.design(s, d, 0, seed=1), "count: got 0"),
        (lambda s, d: emulate.design(s, d, 3, seed=1, widths=(2.0, 1.0)), "widths"),
        (lambda s, d: emulate.design(s, d[:2], 3, seed=1), "draws: got shape"),
    ],
)
def test_bad_design_input_gets_a_one_line_error(call, match):
    space = SimpleNamespace(params=(("*", "a"), ("*", "b")))
    draws = np.random.default_rng(0).normal(1.5, 0.01, size=(30, 2))
    with pytest.raises(ValueError, match=match) as err:
        call(space, draws)
    assert "\n" not in str(err.value), "one line"


def test_bad_sampler_input_gets_a_one_line_error(toy):
    u, res, metric = toy
    em = emulate.Emulator.fit(u, res, metric)
    with pytest.raises(ValueError, match="starts: a point outside R_hat"):
        emulate.sample(em, [[1.05, 1.05]], steps=10, burn=0, margin=0.0, seed=1)
    with pytest.raises(ValueError, match="steps: got 0"):
        emulate.sample(em, [[1.5, 1.5]], steps=0, burn=0, margin=0.0, seed=1)
    with pytest.raises(ValueError, match="at least"):
        emulate.Emulator.fit(u[:5], res[:5], metric)


def test_the_summary_of_one_draw_per_chain_pools_the_draws():
    """Draws that are each a chain's last state (the shipped posterior) are independent: their
    ESS comes from the pooled draws (close to their number for independent draws: within
    30% at 400, the estimator's spread), and R-hat, which needs chains, is not given."""
    import pandas as pd

    from cilib.analysis.abc import summary

    space = SimpleNamespace(columns=lambda: ["a"], value=np.array([0.5]))
    x = np.random.default_rng(4).normal(size=400)
    frame = pd.DataFrame({"chain": np.arange(400), "step": 7, "a": x})
    row = summary(frame, space).iloc[0]
    assert 0.7 * 400 < row["ess"] < 1.3 * 400, f"ESS {row['ess']:.0f} of 400 independent draws"
    assert np.isnan(row["rhat"]), "no R-hat from one draw per chain"


def test_the_pilot_chains_match_the_fit():
    """scripts/history_match.py starts from the ABC-MCMC draws: they must be of this fit."""
    import tomllib
    from importlib import resources

    from cilib.params.posterior import fitted_point_hash

    with (resources.files("cilib") / "data" / "posterior_pilot.toml").open("rb") as f:
        meta = tomllib.load(f)
    assert meta["fitted_point_sha256"] == fitted_point_hash(), "pilot drawn around another fit"
