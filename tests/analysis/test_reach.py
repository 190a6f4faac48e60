"""Tests of cilib.analysis.reach: shells around a posterior's draws and the mass they imply."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cilib.analysis import abc, reach
from cilib.analysis.calibration import TARGETS

CENTER = np.array([1.5, 1.5, 1.5])
SIGMA = 0.05  # the metric's SD per record: Mahalanobis radius r lies r * SIGMA away
RHO = 0.3  # the toy region: a ball of this Euclidean radius around CENTER


def _ball(task):
    """Toy model: every target at its interval's centre, the first outside it (above) unless
    u lies in the ball of radius RHO around CENTER."""
    _, u, _, _ = task
    lo = np.array([t.lower for t in TARGETS])
    hi = np.array([t.upper for t in TARGETS])
    est = (lo + hi) / 2
    if np.linalg.norm(u - CENTER) > RHO:
        est[0] = hi[0] + (hi[0] - lo[0])
    return est


def test_directions_are_unit_vectors_reproducible_and_their_own_per_shell():
    d = reach.directions(3, 0, 50, 4)
    assert d.shape == (50, 4), f"shape {d.shape}"
    assert np.allclose(np.linalg.norm(d, axis=1), 1.0, rtol=1e-12), "unit vectors"
    assert np.array_equal(d, reach.directions(3, 0, 50, 4)), "same seed, same directions"
    assert np.array_equal(d[:10], reach.directions(3, 0, 10, 4)), "point j keeps its direction"
    assert not np.array_equal(d, reach.directions(3, 1, 50, 4)), "each shell its own"
    # uniform on the sphere: each component has mean 0 and variance 1/dim; 2,000 points give
    # a standard error of about sqrt(1/4 / 2000) = 0.011 for the mean, so 0.05 is 4.5 SEs
    big = reach.directions(3, 2, 2000, 4)
    assert np.all(np.abs(big.mean(axis=0)) < 0.05), f"means {big.mean(axis=0)}"
    with pytest.raises(ValueError, match="count"):
        reach.directions(3, 0, -1, 4)


def test_shells_pass_inside_the_region_and_skip_points_outside_the_box(monkeypatch):
    """Shells at Euclidean distance r * SIGMA: inside the ball (<= RHO = 6 * SIGMA) every
    point passes, beyond it none; at r = 12 (0.6 away) some points leave the box [1, 2]^3 and
    are not simulated."""
    calls = []
    monkeypatch.setattr(abc, "_estimates", lambda task: calls.append(1) or _ball(task))
    radii = [2.0, 5.0, 7.0, 12.0]
    t = reach.shells(None, CENTER, SIGMA**2 * np.eye(3), radii, 30, n=1, seed=9)
    assert len(t) == 4 * 30, f"{len(t)} rows"
    by = t.groupby("radius")
    assert by["passes"].all()[[2.0, 5.0]].all(), "inside the ball every point passes"
    assert not by["passes"].any()[[7.0, 12.0]].any(), "beyond it none"
    assert (t.loc[t["radius"] == 7.0, "missed"] == 1).all(), "one target missed"
    out = t[~t["inside_box"]]
    assert len(out) and (out["radius"] == 12.0).all(), "only the widest shell leaves the box"
    assert (out["missed"] == -1).all() and not out["passes"].any(), "outside: not simulated"
    assert len(calls) == int(t["inside_box"].sum()), "one simulation per point inside the box"
    again = reach.shells(None, CENTER, SIGMA**2 * np.eye(3), radii, 30, n=1, seed=9)
    pd.testing.assert_frame_equal(t, again, obj="same seed")
    with pytest.raises(ValueError, match="radii"):
        reach.shells(None, CENTER, np.eye(3), [-1.0], 3, n=1, seed=9)


def test_radial_mass_weighs_each_shell_by_its_volume():
    """Rates 1/2 at r = 1 and 1/4 at r = 2 in 3 dimensions: the second shell holds
    2**2 * (1/4) / (1/2) = 2 times the mass per unit radius of the first; a shell before the
    first pass has none to compare."""
    t = pd.DataFrame(
        {
            "radius": [0.5] * 2 + [1.0] * 4 + [2.0] * 4,
            "inside_box": [True] * 10,
            "passes": [False, False, True, True, False, False, True, False, False, False],
        }
    )
    m = reach.radial_mass(t, 3)
    assert m["points"].tolist() == [2, 4, 4] and m["passed"].tolist() == [0, 2, 1], m
    assert m["rate"].tolist() == [0.0, 0.5, 0.25], m
    assert np.isnan(m["relative_mass"].iloc[0]), "before the first pass: NaN"
    assert m["relative_mass"].iloc[1:].tolist() == pytest.approx([1.0, 2.0], rel=1e-12), m
