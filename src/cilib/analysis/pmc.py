"""Growing the calibration posterior: ABC population Monte Carlo with the indicator kernel.

The posterior of :mod:`cilib.analysis.abc` is uniform over the region ``R`` of the prior box
whose points reproduce every target. Its random-walk chains have not mixed, and
:mod:`cilib.analysis.reach` found that ``R`` reaches far beyond their draws. Population Monte
Carlo (Beaumont, Cornuet, Marin and Robert 2009, Biometrika 96:983; the ABC-PMC that pyabc's
ABC-SMC generalises) moves a whole weighted population at once, at a fixed tolerance (here:
every target inside its acceptance interval):

- a **generation** (:func:`generation`) draws a particle of the previous population by its
  weight, moves it by a Gaussian step of twice the population's weighted covariance
  (Beaumont et al.'s choice), and keeps the point if it stays in the prior box and passes;
- a kept point's **weight** is its prior density (flat in the box) over the density of the
  proposal that made it, the weighted mixture of the steps from every previous particle. The
  weighted population is then an importance sample of the posterior whatever the previous
  population was (Cappe et al. 2004): it may start from the chains' draws;
- the step grows with the population, so the population spreads over ``R`` generation by
  generation. Its Kish effective sample size (:func:`kish_ess`) says how well it covers ``R``.

Every proposal takes its own slot of the ``abc_pmc`` stream (generation ``g``, slot ``s``:
``g x 10^7 + s``), and the first ``size`` passing slots are kept in slot order, so a
generation does not depend on how many processes evaluate it.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from cilib.params import streams

__all__ = ["Population", "generation", "kernel", "kish_ess", "start"]

_SLOTS_PER_GENERATION = 10_000_000


@dataclass(frozen=True)
class Population:
    """A weighted population of points ``u`` (rows) that pass every target: ``weights`` sum to
    1; ``tried`` proposals were simulated (inside the prior box) and ``proposed`` made in all to
    keep them; ``number`` is its generation (0: the starting population)."""

    points: np.ndarray
    weights: np.ndarray
    number: int = 0
    tried: int = 0
    proposed: int = 0


def kish_ess(weights: np.ndarray) -> float:
    """Kish's effective sample size of importance ``weights``: ``(sum w)^2 / sum w^2``."""
    w = np.asarray(weights, np.float64)
    return float(w.sum() ** 2 / np.sum(w * w))


def start(points: np.ndarray) -> Population:
    """Generation 0: ``points`` (for example the chains' draws), equally weighted."""
    points = np.atleast_2d(np.asarray(points, np.float64))
    if len(points) < 2:
        raise ValueError(f"points: got {len(points)}; allowed: at least 2 points")
    return Population(points, np.full(len(points), 1.0 / len(points)))


def kernel(pop: Population) -> np.ndarray:
    """Covariance of a generation's steps: twice the population's weighted covariance."""
    return 2.0 * np.atleast_2d(np.cov(pop.points.T, aweights=pop.weights, ddof=0))


def _log_mixture(x: np.ndarray, pop: Population, cov: np.ndarray) -> np.ndarray:
    """Log density at the rows of ``x`` of the proposal: sum_j w_j N(x; point_j, cov)."""
    chol = np.linalg.cholesky(cov)
    k = x.shape[1]
    half_log_det = np.log(np.diag(chol)).sum()
    out = np.empty(len(x))
    for start_row in range(0, len(x), 256):  # blocks of points: memory of 256 x N x k
        block = x[start_row : start_row + 256]
        d = block[:, None, :] - pop.points[None, :, :]
        z = np.linalg.solve(chol, d.reshape(-1, k).T).T.reshape(d.shape)
        log_k = -0.5 * np.sum(z * z, axis=2) - half_log_det - 0.5 * k * np.log(2 * np.pi)
        m = log_k.max(axis=1, keepdims=True)
        out[start_row : start_row + 256] = m[:, 0] + np.log(
            np.sum(pop.weights * np.exp(log_k - m), axis=1)
        )
    return out


def generation(
    prev: Population,
    passes: Callable[[np.ndarray], np.ndarray],
    *,
    size: int,
    seed: int,
    batch: int = 64,
    max_tried: int | None = None,
) -> Population:
    """The next generation of ``size`` points from ``prev`` (see the module docstring).

    ``passes(points)`` says which rows of ``points`` (all inside the prior box ``[1, 2]^k``)
    reproduce every target; proposals are simulated ``batch`` at a time, and the first
    ``size`` passing slots are kept. ``max_tried`` bounds the simulations (a ``RuntimeError``
    beyond it).
    """
    if size < 2:
        raise ValueError(f"size: got {size}; allowed: at least 2")
    cov = kernel(prev)
    chol = np.linalg.cholesky(cov + 1e-14 * np.eye(len(cov)))
    g = prev.number + 1
    cdf = np.cumsum(prev.weights)
    kept: list[np.ndarray] = []
    slot = tried = 0
    while len(kept) < size:
        cand = []
        while len(cand) < batch:  # proposals inside the box, in slot order
            rng = streams.generator(seed, "abc_pmc", g * _SLOTS_PER_GENERATION + slot)
            slot += 1
            j = min(int(np.searchsorted(cdf, rng.random() * cdf[-1], side="right")), len(cdf) - 1)
            x = prev.points[j] + chol @ rng.standard_normal(len(cov))
            if np.all((x >= 1.0) & (x <= 2.0)):  # outside the box the prior is 0
                cand.append(x)
        cand = np.array(cand)
        ok = np.asarray(passes(cand), bool)
        tried += len(cand)
        kept.extend(cand[ok][: size - len(kept)])
        if max_tried is not None and tried >= max_tried and len(kept) < size:
            raise RuntimeError(f"generation {g}: {len(kept)} of {size} kept in {tried} simulations")
    points = np.array(kept)
    log_w = -_log_mixture(points, prev, cov)  # flat prior in the box
    w = np.exp(log_w - log_w.max())
    return Population(points, w / w.sum(), number=g, tried=tried, proposed=slot)
