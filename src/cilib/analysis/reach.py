"""How far the region that reproduces every calibration target reaches beyond the posterior's
draws: pass rates on shells around them.

The calibration posterior (:mod:`cilib.analysis.abc`) is uniform over the region ``R`` of the
prior box whose points reproduce every target. In ``d`` dimensions the volume of a shell of
radius ``r`` grows as ``r**(d - 1)``: if the share of a shell that lies in ``R`` falls slowly
as ``r`` grows, most of the posterior's mass lies far from where its chains have been, and
draws from those chains understate its spread. :func:`shells` measures that share:
``count`` points on each shell of Mahalanobis radius ``r`` around ``center`` in the metric
``cov`` (directions uniform on the sphere, point ``j`` of shell ``i`` from its own slot of the
``abc_reach`` stream), each simulated as the posterior's fit does (:func:`abc.evaluate`).
:func:`radial_mass` turns the pass rates into the posterior's relative mass per unit radius,
``r**(d - 1) * rate``, against the innermost shell.

``scripts/probe_posterior.py`` runs it around the shipped draws (README, "Calibration
uncertainty").

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from cilib.analysis import abc
from cilib.params import streams

__all__ = ["directions", "radial_mass", "shells"]

_PER_SHELL = 10_000_000


def directions(seed: int, shell: int, count: int, dim: int) -> np.ndarray:
    """``count`` unit vectors (rows) of ``dim`` components, uniform on the sphere: row ``j``
    from slot ``shell * 10**7 + j`` of the ``abc_reach`` stream under ``seed``."""
    if not 0 <= count <= _PER_SHELL:
        raise ValueError(f"count: got {count}; allowed: 0 to {_PER_SHELL}")
    z = np.array(
        [
            streams.generator(seed, "abc_reach", shell * _PER_SHELL + j).standard_normal(dim)
            for j in range(count)
        ]
    ).reshape(count, dim)
    return z / np.linalg.norm(z, axis=1, keepdims=True)


def shells(
    space: abc.Space,
    center: np.ndarray,
    cov: np.ndarray,
    radii: Sequence[float],
    count: int,
    *,
    n: int,
    seed: int,
    workers: int = 1,
) -> pd.DataFrame:
    """Points on shells of Mahalanobis radius ``radii`` (in the metric ``cov``) around
    ``center`` (fitting scale ``u``), and whether each reproduces every target.

    Returns one row per point: ``shell`` (index into ``radii``), ``radius``, ``point``,
    ``inside_box`` (in the prior box; points outside it are not simulated, their posterior
    density is 0), ``passes`` (every target inside its interval, :func:`abc.passes`) and
    ``missed`` (targets outside their interval; -1 outside the box). The same seed gives the
    same table whatever ``workers``.
    """
    center = np.asarray(center, np.float64)
    chol = np.linalg.cholesky(np.asarray(cov, np.float64))
    radii = [float(r) for r in radii]
    bad = [r for r in radii if not np.isfinite(r) or r < 0]
    if bad:
        raise ValueError(f"radii: got {bad[0]!r}; allowed: finite radii >= 0")
    u = np.vstack(
        [center + r * directions(seed, i, count, len(center)) @ chol.T for i, r in enumerate(radii)]
    ).reshape(-1, len(center))
    inside = abc.Space.inside(u)
    table = pd.DataFrame(
        {
            "shell": np.repeat(np.arange(len(radii)), count),
            "radius": np.repeat(radii, count),
            "point": np.tile(np.arange(count), len(radii)),
            "inside_box": inside,
            "passes": False,
            "missed": -1,
        }
    )
    if inside.any():
        est = abc.evaluate(space, u[inside], n=n, seed=seed, workers=workers)
        table.loc[inside, "passes"] = abc.passes(est)
        table.loc[inside, "missed"] = (np.abs(abc.scaled_residuals(est)) > 1.0).sum(axis=1)
    return table


def radial_mass(table: pd.DataFrame, dim: int) -> pd.DataFrame:
    """Per shell of :func:`shells`: ``points``, ``inside_box``, ``passed``, ``rate`` (share
    of the shell's points that pass, those outside the box counted as failing) and
    ``relative_mass`` (``(r / r0)**(dim - 1) * rate / rate0`` against the innermost shell
    with a pass: the posterior's mass per unit radius there relative to that shell; NaN
    before it)."""
    g = table.groupby("radius", sort=True)
    out = pd.DataFrame(
        {
            "points": g.size(),
            "inside_box": g["inside_box"].sum(),
            "passed": g["passes"].sum(),
        }
    )
    out["rate"] = out["passed"] / out["points"]
    r = out.index.to_numpy(np.float64)
    first = np.flatnonzero(out["rate"].to_numpy() > 0)
    if len(first):
        r0, rate0 = r[first[0]], out["rate"].iloc[first[0]]
        mass = (r / r0) ** (dim - 1) * out["rate"].to_numpy() / rate0
        mass[: first[0]] = np.nan
    else:
        mass = np.full(len(r), np.nan)
    out["relative_mass"] = mass
    return out.reset_index()
