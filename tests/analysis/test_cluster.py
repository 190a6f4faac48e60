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
