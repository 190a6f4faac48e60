"""data/synthetic/: the committed reference cohort is what the code regenerates.

Every column but the float ones, the data dictionary and the manifest (but for the CSV's
checksum and float ranges) must be identical byte for byte. Float values must agree to within
what another CPU's SIMD kernels may do to them (``PORTABLE_RTOL`` of
``tests/reference/fingerprints.py``: four float32 ULP, the model's precision, of the larger of
the value and its column's median magnitude, since a value near zero is the difference of
terms of the column's size and carries their ULPs) plus one unit in the last of the six
significant digits the CSV keeps (a value that moved by a ULP can print one unit apart). On the
platform that wrote them the files are byte-identical; elsewhere about 2% of float values move
by a ULP or so (measured between AVX2 and AVX-512).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from tests import scripts
from tests.reference.fingerprints import PORTABLE_RTOL as RTOL


def _moved_floats(a: pd.Series, b: pd.Series) -> int:
    """How many values of float column ``a`` differ from ``b`` by more than the platform's
    kernels and the CSV's rounding allow (a NaN where the other has none counts)."""
    x, y = a.to_numpy(np.float64), b.to_numpy(np.float64)
    nan = np.isnan(x)
    digit = 10.0 ** (np.floor(np.log10(np.where(nan | (x == 0), 1.0, np.abs(x)))) - 5)
    size = np.maximum(np.abs(x), np.nanmedian(np.abs(x)) if not nan.all() else 0.0)
    bad = np.abs(x - y) > RTOL * size + digit
    return int((nan != np.isnan(y)).sum() + (bad & ~nan).sum())


def test_reference_cohort_regenerates_identically(tmp_path):
    mod = scripts.load("make_reference_data")
    data, meta, dictionary = mod.write(tmp_path, force=False)
    for path in (data, meta, dictionary):
        assert (mod.OUT / path.name).exists(), f"{path.name} missing: run {mod.__file__}"
    assert (mod.OUT / dictionary.name).read_bytes() == dictionary.read_bytes(), dictionary.name
    old, new = (json.loads(p.read_text()) for p in (mod.OUT / meta.name, meta))
    for m in (old, new):
        m["data"].pop("sha256")
    ranges_old, ranges_new = old["data"].pop("ranges"), new["data"].pop("ranges")
    assert old == new, f"{meta.name} differs from a fresh run: rerun {mod.__file__}"
    assert ranges_old.keys() == ranges_new.keys(), f"{meta.name}: columns with ranges differ"
    for k, v in ranges_old.items():
        assert np.allclose(v, ranges_new[k], rtol=RTOL, atol=0), f"{meta.name}: range of {k}"
    committed = pd.read_csv(mod.OUT / data.name, keep_default_na=False, na_values=[""])
    fresh = pd.read_csv(data, keep_default_na=False, na_values=[""])
    assert list(committed.columns) == list(fresh.columns), f"{data.name}: columns differ"
    moved = {}
    for col in committed.columns:
        if committed[col].dtype.kind == "f" and fresh[col].dtype.kind == "f":
            if n := _moved_floats(committed[col], fresh[col]):
                moved[col] = n
        elif not committed[col].equals(fresh[col]):
            moved[col] = int((committed[col] != fresh[col]).sum())
    assert not moved, (
        f"{data.name} differs from a fresh run (values moved per column: {moved}): the model "
        f"changed; rerun python scripts/make_reference_data.py and review the diff"
    )
    sizes = sum((mod.OUT / p.name).stat().st_size for p in (data, meta, dictionary))
    assert sizes < 5_000_000, f"reference data is {sizes / 1e6:.1f} MB; keep it under 5 MB"
