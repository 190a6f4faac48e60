"""The package's main outputs are bit-identical to the stored fingerprints (tests/reference/).

A restructure must not move any of them; a bug fix that does regenerates them
(``python tests/reference/fingerprints.py --update``) in its own commit, whose message says
which numbers moved and by how much.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reference import fingerprints

HERE = Path(__file__).resolve().parent / "reference"

STORED = fingerprints.load()
FRAMES = fingerprints.frames()


def test_every_stored_fingerprint_is_computed():
    assert sorted(STORED) == sorted(FRAMES), (
        "tests/reference/fingerprints.json and fingerprints.frames() list different outputs: "
        f"stored only {sorted(set(STORED) - set(FRAMES))}, "
        f"computed only {sorted(set(FRAMES) - set(STORED))}"
    )


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_output_is_bit_identical(name):
    fresh = fingerprints.digest(FRAMES[name]())
    diff = fingerprints.differences({name: STORED[name]}, {name: fresh})
    assert not diff, f"{diff[0]}; if intended, regenerate with --update and explain the change"


def test_fingerprints_are_small():
    size = sum(p.stat().st_size for p in HERE.iterdir() if p.is_file())
    assert size < 1_000_000, f"tests/reference/ holds {size:,} bytes; the issue allows < 1 MB"


def test_another_platform_may_move_float_columns_only_by_its_kernels():
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    weeks = rng.normal(39.0, 2.0, 20_000).astype(np.float32)
    base = pd.DataFrame({"weeks": weeks, "count": np.arange(20_000)})
    stored = fingerprints.digest(base)

    def fresh(frame, platform):
        return {"t": fingerprints.digest(frame) | {"platform": platform}}

    ulp = base.copy()
    ulp.loc[::50, "weeks"] = np.nextafter(weeks[::50], np.float32(np.inf))  # 2% by one ULP
    there, here = "elsewhere", stored["platform"]
    assert not fingerprints.differences({"t": stored}, fresh(ulp, there)), "kernels' ULPs pass"
    assert fingerprints.differences({"t": stored}, fresh(ulp, here)), "same platform: bits"
    one = base.copy()
    one.loc[:9, "weeks"] += np.float32(1.0)  # ten births in 20,000 a week later
    assert fingerprints.differences({"t": stored}, fresh(one, there)), "a real change fails"
    ints = base.copy()
    ints.loc[3, "count"] = -1
    assert fingerprints.differences({"t": stored}, fresh(ints, there)), "integers: bit for bit"
