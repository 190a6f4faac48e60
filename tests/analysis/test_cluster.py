"""The local cluster of ``cilib psa --workers N`` gives its workers cilib's allocator settings."""

from __future__ import annotations

import os

import pytest

pytest.importorskip("distributed")

from distributed import Client  # noqa: E402

from cilib.analysis.cluster import WORKER_ENVIRON, local_cluster  # noqa: E402


def _environ():
    return {k: os.environ.get(k) for k in WORKER_ENVIRON}


def test_workers_get_the_allocator_settings():
    with local_cluster(1) as cluster, Client(cluster) as client:
        (seen,) = client.run(_environ).values()
    want = {k: str(v) for k, v in WORKER_ENVIRON.items()}
    assert seen == want, f"worker environment {seen}, expected {want}"
