"""PSA draws run with glibc's allocator thresholds set (``cilib.analysis.cluster``), whatever
environment a Dask worker was started with."""

from __future__ import annotations

import sys

import pytest

from cilib.analysis import cluster, psa


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mallopt is glibc's")
def test_tune_allocator_sets_the_thresholds_on_glibc():
    cluster.tune_allocator.cache_clear()
    assert cluster.tune_allocator() is True, "mallopt refused cilib's allocator thresholds"


def test_every_chunk_tunes_the_allocator(monkeypatch):
    calls = []
    monkeypatch.setattr(psa, "tune_allocator", lambda: calls.append(1) or True)
    p = psa.plan(["no_screening"], draws=1, n=500, seed=1, vary="treatments")
    psa._run_chunk(p.spec, [0])
    assert calls == [1], "a chunk of draws must tune the allocator before it runs"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_release_memory_trims_on_glibc():
    assert cluster.release_memory() is True, "malloc_trim is glibc's: it must be found and run"


def test_every_chunk_releases_its_memory_after_its_draws(monkeypatch):
    calls = []
    real = psa._one_draw
    monkeypatch.setattr(psa, "_one_draw", lambda *a: calls.append("draw") or real(*a))
    monkeypatch.setattr(psa, "release_memory", lambda: calls.append("release") or True)
    p = psa.plan(["no_screening"], draws=2, n=500, seed=1, vary="treatments")
    psa._run_chunk(p.spec, [0, 1])
    assert calls == ["draw", "draw", "release"], f"released once, after the draws: {calls}"


def test_the_local_cluster_starts_its_workers_without_the_profiler():
    """distributed's statistical profiler keeps an hour of stack samples in each worker, which
    grew a worker by megabytes per chunk of draws: the workers cilib starts run without it."""
    import dask
    from distributed import Client

    before = dask.config.get("distributed.worker.profile.enabled")
    with cluster.local_cluster(1) as c, Client(c) as client:
        got = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    assert list(got.values()) == [False], f"worker profiler enabled: {got}"
    after = dask.config.get("distributed.worker.profile.enabled")
    assert after == before, "the setting is the workers' only, not this process's"


def test_the_local_cluster_keeps_its_housekeeping_to_seconds():
    """distributed's housekeeping (tick, system and memory monitors, work stealing) woke every
    20-500 ms and took about a tenth of a core from the draws on 2 cores: the scheduler and
    the workers cilib starts run it at :data:`cluster.WORKER_CONFIG`'s intervals."""
    from dask.utils import parse_timedelta
    from distributed import Client

    def ms(key):
        return 1000 * parse_timedelta(cluster.WORKER_CONFIG[key])

    def timers(server):
        return {k: v.callback_time for k, v in server.periodic_callbacks.items()}

    with cluster.local_cluster(1) as c, Client(c) as client:
        scheduler = client.run_on_scheduler(lambda dask_scheduler: timers(dask_scheduler))
        (worker,) = client.run(lambda dask_worker: timers(dask_worker)).values()
    tick, monitor = (
        ms("distributed.admin.tick.interval"),
        ms("distributed.admin.system-monitor.interval"),
    )
    assert scheduler["tick"] == tick and scheduler["monitor"] == monitor, f"scheduler: {scheduler}"
    assert scheduler["stealing"] == ms("distributed.scheduler.work-stealing-interval"), scheduler
    assert worker["tick"] == tick and worker["monitor"] == monitor, f"worker: {worker}"
    assert worker["memory_monitor"] == ms("distributed.worker.memory.monitor-interval"), worker
    assert min(scheduler["tick"], worker["tick"], worker["memory_monitor"]) >= 1000, "wakes < 1 s"


def test_the_local_cluster_imports_cilib_as_its_workers_start(monkeypatch):
    """A worker's first chunk of draws paid for importing cilib (about 2 s, inside the timed
    run); the workers cilib starts import it as they start (:data:`cluster.WORKER_PRELOAD`)."""
    from distributed import Client

    def loaded():  # nested: sent by value, so running it imports nothing of cilib
        import sys

        return "cilib.analysis.psa" in sys.modules

    with cluster.local_cluster(1) as c, Client(c) as client:
        assert list(client.run(loaded).values()) == [True], "cilib not imported at the start"
    monkeypatch.setattr(cluster, "WORKER_PRELOAD", ())
    with cluster.local_cluster(1) as c, Client(c) as client:
        got = list(client.run(loaded).values())
    assert got == [False], "without the preload a fresh worker has not imported cilib"
