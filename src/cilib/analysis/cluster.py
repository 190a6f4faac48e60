"""A local Dask cluster set up for cilib's PSA (:func:`local_cluster`).

distributed's nanny starts each worker with ``MALLOC_TRIM_THRESHOLD_=65536`` so that freed
memory goes back to the system. Setting that variable switches off glibc's adaptive mmap
threshold, so every array over 128 KiB (a column of a 100,000-pregnancy cohort is 0.4-0.8 MB)
is mapped fresh from the system and unmapped when freed, page faults included. Measured on a
2-core machine (``MALLOC_*`` set by hand, one process, CPU time per PSA draw of 100,000
pregnancies and 10 presets): 0.98 s without the variable, 1.91 s with it, 0.95 s with
:data:`WORKER_ENVIRON`, which keeps arrays up to 32 MiB in the heap and trims the heap only
above 128 MiB. Whatever the environment a worker was started with (``dask worker``,
dask-jobqueue, Kubernetes), :func:`tune_allocator` sets the same two thresholds with glibc's
``mallopt`` in each process that runs PSA draws (:mod:`cilib.analysis.psa` calls it
in every chunk); it changes how memory is allocated, never a number.

distributed's workers also sample their tasks' stacks for the dashboard's profile
(``distributed.worker.profile``) and keep an hour of those samples; on PSA chunks that grew a
worker by about 6 MB per chunk of 25 draws (measured on one worker, 8 chunks: resident memory
after each chunk 237 -> 281 MB with it, 226 -> 240 MB without it). :func:`local_cluster`
starts its workers without it (:data:`WORKER_CONFIG`); workers started elsewhere take
``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` in their environment.

distributed's housekeeping wakes every process of a cluster often: the event-loop health tick
every 20 ms, the system monitor every 0.5 s, the worker's memory monitor every 0.1 s and work
stealing every 0.1 s. On a machine whose every core runs a worker, that time comes out of the
draws. Measured on 2 cores, a cluster of 2 workers idle for 20 s: the scheduler's process
(with the nannies) took 1.16 s of CPU and each worker 0.6 s with the defaults; 0.21 s and
0.08 s at :data:`WORKER_CONFIG`'s intervals. During 100 draws the scheduler's process took
3.0 and 2.7 s of CPU with the defaults, 0.6 s with them. The longer intervals only make the
cluster's statistics coarser and its reaction to memory pressure (spilling, pausing) slower,
which a PSA worker, flat at a few hundred MB, does not need. Workers started elsewhere take
them as ``DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL=1s`` and the like (README).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache

__all__ = [
    "WORKER_CONFIG",
    "WORKER_ENVIRON",
    "WORKER_PRELOAD",
    "local_cluster",
    "release_memory",
    "tune_allocator",
]

#: glibc's allocator thresholds (bytes) that :func:`tune_allocator` sets, named as the
#: environment variables that would set them at a process's start.
WORKER_ENVIRON = {
    "MALLOC_TRIM_THRESHOLD_": 128 * 2**20,
    "MALLOC_MMAP_THRESHOLD_": 32 * 2**20,
}
#: Dask configuration of :func:`local_cluster` (its scheduler, nannies and workers): no
#: statistical profiler, and housekeeping at intervals of seconds, not milliseconds.
WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing-interval": "1s",
}


#: Modules a worker imports when it starts (``dask worker --preload``), so that its first chunk
#: of draws does not also pay for importing cilib, pandas and scipy (about 2 s).
WORKER_PRELOAD = ("cilib.analysis.psa",)


def local_cluster(workers: int):
    """A ``distributed.LocalCluster`` of ``workers`` processes with one thread each, without a
    dashboard, the workers' profiler or frequent housekeeping (:data:`WORKER_CONFIG`), with
    cilib imported as each worker starts (:data:`WORKER_PRELOAD`; close it, or use it as a
    context manager); its workers' allocator is set by
    :func:`tune_allocator` when they run draws."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(WORKER_CONFIG):  # the nannies pass it to the workers they start
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            preload=list(WORKER_PRELOAD),
        )


_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameter numbers


@cache
def tune_allocator() -> bool:
    """Set :data:`WORKER_ENVIRON`'s thresholds in this process with glibc's ``mallopt``, once;
    True if done (Linux with glibc), False elsewhere (nothing to do)."""
    libc = _libc()
    if libc is None:
        return False
    trim = libc.mallopt(_M_TRIM_THRESHOLD, WORKER_ENVIRON["MALLOC_TRIM_THRESHOLD_"])
    mmap = libc.mallopt(_M_MMAP_THRESHOLD, WORKER_ENVIRON["MALLOC_MMAP_THRESHOLD_"])
    return bool(trim and mmap)


def release_memory() -> bool:
    """Give the memory the allocator holds free back to the system (glibc's ``malloc_trim``,
    every arena); True if done (Linux with glibc), False elsewhere.

    Called after each chunk of PSA draws: with the high trim threshold of :func:`tune_allocator`
    freed memory stays in the process, and a Dask worker runs its tasks in threads whose
    allocator arenas each keep their own. Measured (a chunk of 8 draws of 100,000 pregnancies
    per fresh thread, 64 draws): peak resident memory 333 -> 497 MB without it, 337 -> 372 MB
    with it (what remains is the largest draw's own need)."""
    libc = _libc()
    return bool(libc is not None and libc.malloc_trim(0) >= 0)


@cache
def _libc():
    """glibc, or None where there is none (not Linux, or musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt, libc.malloc_trim  # noqa: B018 (glibc's; musl has neither)
        return libc
    except (OSError, AttributeError):
        return None
