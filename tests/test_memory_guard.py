"""The size guard of generate_cohort (issue 15, F4): the memory a cohort needs is estimated
from the data dictionary's dtypes and compared with the memory available, before anything
is allocated. The available memory is injected, so nothing large is ever allocated here."""

from __future__ import annotations

import numpy as np
import pytest

import cilib
from cilib.model import cohort as cohort_module
from cilib.model.schema import COLUMNS


def test_row_bytes_come_from_the_data_dictionary():
    want = sum(1 if c.dtype == "category" else np.dtype(c.dtype).itemsize for c in COLUMNS)
    assert cohort_module.ROW_BYTES == want == 123, f"ROW_BYTES {cohort_module.ROW_BYTES}"
    small = cilib.generate_cohort(20_000, seed=1)  # categories' labels: once per frame
    measured = small.memory_usage(index=False).sum() / len(small)
    assert measured == pytest.approx(want, abs=0.2), f"a frame takes {measured} B per row"


def test_estimate_grows_with_n_and_with_writing():
    need = cohort_module.memory_needed
    assert need(2_000_000) < need(4_000_000) < need(8_000_000), "the estimate must grow with n"
    assert need(4_000_000, ".parquet") >= need(4_000_000), "writing needs at least as much"
    big = need(50_000_000, ".csv", threads=2)
    assert big > 50_000_000 * cohort_module.ROW_BYTES, "less than the output arrays alone"


def test_generate_cohort_refuses_before_allocating(monkeypatch):
    monkeypatch.setattr(cohort_module, "available_memory", lambda: 10**9)
    with pytest.raises(ValueError) as info:
        cilib.generate_cohort(40_000_000, seed=1)
    message = str(info.value)
    assert "\n" not in message and message.startswith("n: got 40,000,000"), message
    for needle in ("GB", "1.0 GB are free", "at most about", "different seed values"):
        assert needle in message, f"message lacks {needle!r}: {message}"
    monkeypatch.setattr(cohort_module, "available_memory", lambda: 10**12)
    assert len(cilib.generate_cohort(100, seed=1)) == 100, "a cohort that fits is generated"


def test_available_memory_reads_the_system():
    avail = cohort_module.available_memory()
    assert avail is None or avail > 0, f"available memory {avail}"


def test_parquet_that_does_not_fit_hints_at_csv_when_that_fits(monkeypatch):
    need = cohort_module.memory_needed
    n = 10_000_000
    avail = (need(n, ".csv", threads=1) + need(n, ".parquet", threads=1)) // 2
    monkeypatch.setattr(cohort_module, "available_memory", lambda: avail)
    cohort_module.check_memory(n, ".csv", name="--n", threads=1)  # fits: no error
    with pytest.raises(ValueError, match="or write .csv") as info:
        cohort_module.check_memory(n, ".parquet", name="--n", threads=1)
    assert str(info.value).startswith("--n: got 10,000,000"), f"message {info.value}"
