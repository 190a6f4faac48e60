"""Synthetic pregnancy cohorts: women, their earlier pregnancies, and the index pregnancy.

One row per index pregnancy ongoing at 12 weeks. A woman's obstetric history comes from
simulating her earlier pregnancies with the same model (same woman-level frailty and cervix,
:mod:`cilib.model.population`), so that the prevalence of a prior sPTB and the recurrence of
sPTB agree by construction.

Generation is vectorised and works in fixed-size blocks; block ``b`` draws from the generators
of slot ``b`` of the ``cohort`` stream (:mod:`cilib.params.streams`) and every stream is filled
row by row, so a cohort of ``k`` rows equals the first ``k`` rows of a larger cohort with the
same seed.

Before it allocates anything, :func:`generate_cohort` compares the memory a cohort of ``n``
rows will take (:func:`memory_needed`) with the memory available (:func:`available_memory`)
and refuses, with the estimate and the largest ``n`` that fits, a cohort that would not fit.
"""

from __future__ import annotations

import numbers
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from cilib.model import care, inputs, population
from cilib.model.schema import (
    CAUSE,
    COLUMNS,
    LAST_SPONTANEOUS,
    LATENT_PROCESSES,
    make_frame,
    onset_codes,
)
from cilib.params import streams
from cilib.params.assumptions import Assumptions, attach
from cilib.params.validation import shown

__all__ = [
    "BLOCK_SIZE",
    "MAX_N",
    "ROW_BYTES",
    "available_memory",
    "check_memory",
    "generate_cohort",
    "memory_needed",
]

BLOCK_SIZE = 65_536
MAX_N = 50_000_000
#: Bytes of one cohort row in memory: the item sizes of the data dictionary's dtypes (a
#: category is one byte of codes).
ROW_BYTES = sum(1 if c.dtype == "category" else np.dtype(c.dtype).itemsize for c in COLUMNS)
#: Peak memory per row, in units of :data:`ROW_BYTES`, of generating a cohort, and of
#: generating it and writing it to a file of each suffix (:mod:`cilib.io`). Measured as the
#: rise of the peak resident memory (``ru_maxrss``) of a fresh process at n = 2,000,000 and one
#: thread: 1.1 (the output arrays become the frame without a copy), 1.1 with CSV (one chunk of
#: text at a time) and 2.1 with Parquet (pyarrow's table is a second copy); rounded up.
MEMORY_FACTOR = {None: 1.25, ".csv": 1.25, ".parquet": 2.25}
#: Peak memory of the draws and intermediate arrays of one block of :data:`BLOCK_SIZE` rows,
#: bytes; one block per thread is in flight (measured: 23 MB with one thread, 40 MB more with
#: a second; rounded up).
BLOCK_MEMORY = 48_000_000
_CGROUP = (  # (limit, usage, statistics) files of cgroup v2 and v1
    ("memory.max", "memory.current", "memory.stat", "inactive_file"),
    ("memory/memory.limit_in_bytes", "memory/memory.usage_in_bytes", "memory/memory.stat",
     "total_inactive_file"),
)  # fmt: skip
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


def _cgroup_room() -> int | None:
    """Bytes the process's memory cgroup can still take (limit - usage + reclaimable page
    cache), or None without a limit."""
    root = "/sys/fs/cgroup/"
    for limit_file, usage_file, stat_file, cache_key in _CGROUP:
        try:
            with open(root + limit_file) as f:
                limit = f.read().strip()
            with open(root + usage_file) as f:
                usage = int(f.read())
            with open(root + stat_file) as f:
                stat = dict(line.split() for line in f if line.count(" ") == 1)
        except (OSError, ValueError):
            continue
        if not limit.isdigit() or int(limit) >= 2**62:  # "max", or v1's "unlimited"
            return None
        return max(int(limit) - usage + int(stat.get(cache_key, 0)), 0)
    return None


def available_memory() -> int | None:
    """Bytes of memory this process can take now, or None when the system does not say.

    ``MemAvailable`` of ``/proc/meminfo`` (Linux; free pages from :func:`os.sysconf`
    elsewhere), lowered to what the memory cgroup allows where a limit is set (a container).
    """
    avail = None
    try:
        with open("/proc/meminfo") as f:
            kb = [line.split()[1] for line in f if line.startswith("MemAvailable:")]
        avail = int(kb[0]) * 1024 if kb else None
    except (OSError, ValueError):
        pass
    if avail is None:
        try:
            avail = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        except (ValueError, OSError, AttributeError):
            pass
    room = _cgroup_room()
    if room is not None:
        avail = room if avail is None else min(avail, room)
    return avail


def memory_needed(n: int, suffix: str | None = None, threads: int | None = None) -> int:
    """Estimated peak memory, in bytes, of generating ``n`` rows (and writing them to a
    ``suffix`` file): ``n * ROW_BYTES * MEMORY_FACTOR[suffix]`` plus a block per thread.

    Examples
    --------
    >>> round(memory_needed(10_000_000, threads=1) / 1e9, 2)
    1.59
    """
    blocks = min(-(-n // BLOCK_SIZE), threads or os.cpu_count() or 1)
    rows = n * ROW_BYTES * MEMORY_FACTOR[suffix]
    return int(rows + blocks * BLOCK_MEMORY * min(n, BLOCK_SIZE) / BLOCK_SIZE)


def check_memory(
    n: int, suffix: str | None = None, *, name: str = "n", threads: int | None = None
) -> None:
    """Refuse ``n`` rows when :func:`memory_needed` exceeds :func:`available_memory`.

    Raises
    ------
    ValueError
        One line naming ``name``, the estimate, the memory available, the largest ``n`` that
        fits and what to do instead.
    """
    need, avail = memory_needed(n, suffix, threads), available_memory()
    if avail is None or need <= avail:
        return
    fixed = (threads or os.cpu_count() or 1) * BLOCK_MEMORY  # at most: n >= a block a thread
    fit = max(int((avail - fixed) / (ROW_BYTES * MEMORY_FACTOR[suffix])) // 1000 * 1000, 0)
    writing = f" and write as {suffix}" if suffix else ""
    flag = "--" if name.startswith("--") else ""
    csv = suffix == ".parquet" and memory_needed(n, ".csv", threads) <= avail
    raise ValueError(
        f"{name}: got {n:,}; allowed: at most about {fit:,} pregnancies with the memory "
        f"available ({n:,} need about {need / 1e9:.1f} GB to generate{writing}, and "
        f"{avail / 1e9:.1f} GB are free); use a smaller {name}"
        + (", or write .csv (it needs less memory than .parquet)" if csv else "")
        + f", or generate several smaller cohorts with different {flag}seed values"
    )


def _check_args(n, seed, assumptions, threads) -> Assumptions:
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(
            f"n: got {shown(n)}; allowed: an integer number of pregnancies, 1 to {MAX_N:,}"
        )
    if not 1 <= n <= MAX_N:
        raise ValueError(
            f"n: got {shown(n)}; allowed: an integer number of pregnancies, 1 to {MAX_N:,}"
        )
    streams.check_seed(seed)
    if threads is not None and (
        isinstance(threads, bool) or not isinstance(threads, int) or threads < 1
    ):
        raise ValueError(f"threads: got {threads!r}; allowed: an integer >= 1")
    if assumptions is not None and not isinstance(assumptions, Assumptions):
        raise TypeError(
            f"assumptions: got {type(assumptions).__name__}; allowed: a cilib.Assumptions "
            "(for example cilib.Assumptions.scenario('iams_1996'))"
        )
    check_memory(int(n), threads=threads)  # before anything is allocated
    return Assumptions.default() if assumptions is None else assumptions


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
    a = _check_args(n, seed, assumptions, threads)
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
