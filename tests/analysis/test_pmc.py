"""ABC population Monte Carlo (cilib.analysis.pmc) on a region whose posterior is known: a
disc inside the prior box, started from a small cluster near its centre."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import multivariate_normal

from cilib.analysis import pmc

CENTRE, RADIUS = np.array([1.5, 1.5]), 0.4


def in_disc(points):
    return np.linalg.norm(points - CENTRE, axis=1) <= RADIUS


def cluster(count=200, spread=0.04, seed=3):
    rng = np.random.default_rng(seed)
    angle, r = rng.uniform(0, 2 * np.pi, count), spread * np.sqrt(rng.uniform(size=count))
    return CENTRE + np.column_stack([r * np.cos(angle), r * np.sin(angle)])


@pytest.fixture(scope="module")
def grown():
    pop = pmc.start(cluster())
    for _ in range(8):
        pop = pmc.generation(pop, in_disc, size=400, seed=11)
    return pop


def test_the_population_grows_to_the_uniform_law_on_the_region(grown):
    """Uniform on a disc of radius R: mean the centre, E[(x - c)^2] = R^2/4 per axis, and
    (x - c)^2 has SD R^2/4 (E[x^4] = R^4/8). Tolerance: 4 Monte-Carlo standard errors at the
    population's Kish ESS (the draws are a weighted sample, not independent equal ones)."""
    w, x = grown.weights, grown.points - CENTRE
    ess = pmc.kish_ess(w)
    assert ess > 100, f"weights collapsed: Kish ESS {ess:.0f} of {len(w)}"
    se_mean, se_sq = RADIUS / 2 / np.sqrt(ess), RADIUS**2 / 4 / np.sqrt(ess)
    mean, sq = w @ x, w @ (x * x)
    assert np.all(np.abs(mean) < 4 * se_mean), f"mean off the centre: {mean} (SE {se_mean:.4f})"
    assert np.all(np.abs(sq - RADIUS**2 / 4) < 4 * se_sq), (
        f"E[(x - c)^2] {sq} against {RADIUS**2 / 4} (SE {se_sq:.4f})"
    )
    start_sq = np.mean((cluster() - CENTRE) ** 2, axis=0)
    assert np.all(start_sq < 0.1 * RADIUS**2 / 4), "the start was a small cluster"


def test_every_point_passes_inside_the_box_and_the_weights_sum_to_one(grown):
    assert np.all(in_disc(grown.points)), "a kept point misses the region"
    assert np.all((grown.points >= 1.0) & (grown.points <= 2.0)), "a point outside the box"
    assert grown.weights.sum() == pytest.approx(1.0), "weights not normalised"
    assert grown.number == 8 and grown.proposed >= grown.tried >= len(grown.points), grown


def test_a_generation_does_not_depend_on_the_batch_size():
    pop = pmc.start(cluster(50))
    a = pmc.generation(pop, in_disc, size=60, seed=5, batch=7)
    b = pmc.generation(pop, in_disc, size=60, seed=5, batch=64)
    assert np.array_equal(a.points, b.points), "the kept points depend on the batching"
    assert np.array_equal(a.weights, b.weights), "the weights depend on the batching"


def test_the_proposal_density_is_the_weighted_mixture_of_steps():
    pop = pmc.Population(np.array([[1.2, 1.3], [1.6, 1.5], [1.4, 1.8]]), np.array([0.2, 0.5, 0.3]))
    cov = pmc.kernel(pop)
    x = np.array([[1.5, 1.5], [1.1, 1.9]])
    want = sum(
        w * multivariate_normal(p, cov).pdf(x) for p, w in zip(pop.points, pop.weights, strict=True)
    )
    got = np.exp(pmc._log_mixture(x, pop, cov))
    assert np.allclose(got, want, rtol=1e-10), f"{got} against scipy's {want}"


def test_bad_input_and_an_empty_region_raise():
    with pytest.raises(ValueError, match="points: got 1; allowed: at least 2"):
        pmc.start(np.array([[1.5, 1.5]]))
    pop = pmc.start(cluster(20))
    with pytest.raises(ValueError, match="size: got 1; allowed: at least 2"):
        pmc.generation(pop, in_disc, size=1, seed=1)
    with pytest.raises(RuntimeError, match="0 of 10 kept in 16 simulations"):
        pmc.generation(
            pop, lambda p: np.zeros(len(p), bool), size=10, seed=1, batch=8, max_tried=16
        )
