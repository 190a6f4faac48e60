"""Synthetic pregnancy cohorts: women, their earlier pregnancies, and the index pregnancy.

One row per index pregnancy ongoing at 12 weeks. A woman's obstetric history comes from
simulating her earlier pregnancies with the same model (same woman-level frailty and cervix,
:mod:`cilib.model.population`), so that the prevalence of a prior sPTB and the recurrence of
sPTB agree by construction.

Generation is vectorised and works in fixed-size blocks; block ``b`` draws from the generators
of slot ``b`` of the ``cohort`` stream (:mod:`cilib.params.streams`) and every stream is filled
row by row, so a cohort of ``k`` rows equals the first ``k`` rows of a larger cohort with the
same seed.
"""

from __future__ import annotations

import numbers
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from cilib.model import care, inputs, population
from cilib.model.schema import CAUSE, LAST_SPONTANEOUS, LATENT_PROCESSES, make_frame, onset_codes
from cilib.params import streams
from cilib.params.assumptions import Assumptions, attach

__all__ = ["BLOCK_SIZE", "MAX_N", "generate_cohort"]

BLOCK_SIZE = 65_536
MAX_N = 50_000_000
#: Generators of a block, in order: woman uniforms and normals, earlier pregnancies' uniforms,
#: normals and latent draws, the index pregnancy's uniforms, normals and latent draws, and the
#: care of the earlier pregnancies (the ninth, added in cilib 0.2: spawning one more child
#: leaves the first eight, and so every other draw, unchanged).
_GENERATORS = 9


def _earlier(a: Assumptions, woman: dict, g: list, m: int) -> dict[str, np.ndarray]:
    """The obstetric history of ``m`` women from their simulated earlier pregnancies, laid out
    woman by woman (prefix-stable)."""
    f32 = np.float32
    n_prior = woman["n_prior"]
    widx = np.repeat(np.arange(m), n_prior)
    k = len(widx)
    starts = np.cumsum(n_prior) - n_prior
    first = np.zeros(k, dtype=bool)
    first[starts[n_prior > 0]] = True
    traits = {key: woman[key][widx] for key in population.PREGNANCY_TRAITS}
    traits["laceration"] = np.zeros(k, dtype=bool)  # see population.laceration
    hist = population.pregnancies(
        a,
        traits,
        g[2].random((k, population.PREGNANCY_UNIFORMS), dtype=f32),
        g[3].standard_normal((k, population.PREGNANCY_NORMALS), dtype=f32),
        g[4].standard_exponential((k, len(LATENT_PROCESSES)), dtype=f32),
        first,
    )
    spontaneous = hist["cause"] <= LAST_SPONTANEOUS
    painless = hist["cause"] == CAUSE["dilation"]
    history = population.obstetric_history(a, hist["ga"], spontaneous, widx, m, painless)
    history["prior_cerclage"] = care.prior_cerclage(a, hist, widx, m, g[8].random(k, dtype=f32))
    return history


def _block(a: Assumptions, seed: streams.Seed, block: int, m: int) -> dict[str, np.ndarray]:
    g = streams.generators(seed, "cohort", block, _GENERATORS)
    f32 = np.float32  # latent draws in single precision: ample, and half the work
    wu = g[0].random((m, population.WOMAN_UNIFORMS), dtype=f32)
    wz = g[1].standard_normal((m, population.WOMAN_NORMALS), dtype=f32)
    woman = population.women(a, wu, wz)
    history = _earlier(a, woman, g, m)
    e = g[7].standard_exponential((m, len(LATENT_PROCESSES)), dtype=f32)
    woman["laceration"] = population.laceration(a, woman["u_laceration"], history["parity"] > 0)
    idx = population.pregnancies(
        a,
        woman,
        g[5].random((m, population.PREGNANCY_UNIFORMS), dtype=f32),
        g[6].standard_normal((m, population.PREGNANCY_NORMALS), dtype=f32),
        e,
        woman["n_prior"] == 0,
    )
    return dict(
        n_prior_pregnancies=woman["n_prior"],
        **history,
        **inputs.to_columns(woman, idx),
        **population.event_columns(idx),
        ga_birth_weeks=idx["ga"].astype(np.float64),
        onset=onset_codes(idx["cause"]),
        spontaneous_type=idx["stype"],
        end_cause=idx["cause"],
        latent_e=e.astype(np.float32),
    )


def _check_args(n, seed, assumptions) -> Assumptions:
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"n: got {n!r}; allowed: an integer number of pregnancies, 1 to {MAX_N:,}")
    if not 1 <= n <= MAX_N:
        raise ValueError(f"n: got {n!r}; allowed: an integer number of pregnancies, 1 to {MAX_N:,}")
    streams.check_seed(seed)
    if assumptions is None:
        return Assumptions.default()
    if not isinstance(assumptions, Assumptions):
        raise TypeError(
            f"assumptions: got {type(assumptions).__name__}; allowed: a cilib.Assumptions "
            "(for example cilib.Assumptions.scenario('iams_1996'))"
        )
    return assumptions


def generate_cohort(
    n: int, seed: int, assumptions: Assumptions | None = None, *, threads: int | None = None
) -> pd.DataFrame:
    """Generate a synthetic cohort of pregnancies ongoing at 12 weeks.

    Synthetic data for teaching and research only; not for clinical use.

    Parameters
    ----------
    n : int
        Number of index pregnancies (rows), 1 to 50,000,000.
    seed : int
        Non-negative seed; the same seed gives an identical frame, and the first ``k`` rows of
        a cohort of ``n`` equal a cohort of ``k``. (A stage's seed path from
        :func:`cilib.params.streams.child`, e.g. one draw of a PSA, is accepted too.)
    assumptions : Assumptions, optional
        Defaults to ``Assumptions.default()`` (the ``us_contemporary`` scenario).
    threads : int, optional
        Threads that generate the blocks (default: one per core); 1 inside a worker process
        that already has a core of its own, such as a Dask worker of a PSA. The result does
        not depend on it.

    Returns
    -------
    DataFrame
        One row per index pregnancy with the columns of :func:`cilib.data_dictionary`
        (woman traits, obstetric history, risk factors, latent cervix and hazard draws,
        ``ga_birth_weeks`` and ``onset``). ``attrs`` holds the scenario, seed and assumptions
        hash.

    Examples
    --------
    >>> import cilib
    >>> c = cilib.generate_cohort(2000, seed=1)
    >>> len(c), c["pregnancy_id"].is_unique
    (2000, True)
    """
    a = _check_args(n, seed, assumptions)
    n, seed = int(n), streams.check_seed(seed)
    n_blocks = -(-n // BLOCK_SIZE)
    # a one-row block tells the dtypes and shapes of the columns (cheap), so every block can
    # write straight into the output arrays
    probe = _block(a, seed, 0, 1)
    cols = {k: np.empty((n, *v.shape[1:]), dtype=v.dtype) for k, v in probe.items()}

    def block(b: int) -> None:
        lo = b * BLOCK_SIZE
        hi = min(lo + BLOCK_SIZE, n)
        for k, v in _block(a, seed, b, hi - lo).items():
            cols[k][lo:hi] = v

    if threads is not None and (
        isinstance(threads, bool) or not isinstance(threads, int) or threads < 1
    ):
        raise ValueError(f"threads: got {threads!r}; allowed: an integer >= 1")
    workers = min(n_blocks, threads or os.cpu_count() or 1)
    if workers > 1:
        # Blocks have their own streams, so running them on threads (numpy releases the GIL
        # in its array work) changes nothing in the result, only the time it takes.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(block, range(n_blocks)))
    else:
        for b in range(n_blocks):
            block(b)
    frame = make_frame(cols, n, a["loss_before_weeks"])
    return attach(frame, a, seed=seed, n=n)
