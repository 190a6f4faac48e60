"""Fingerprints of the package's main outputs, to prove that a restructure changes nothing.

Each fingerprint is a small frame computed through the public API (a cohort per scenario, every
preset simulated, ``compare_policies``, the re-run trials, histories natural and managed, the
calibration and validation tables, the data dictionary). What is stored in
``tests/reference/fingerprints.json`` is, per frame, a SHA-256 of the whole frame (values, dtypes
and index, bit for bit), one short hash per column (so a failure names the columns that moved)
and the mean of every numeric column (so a commit message can say by how much they moved).

Bit identity holds on one platform. The model computes in float32, and NumPy picks its SIMD
kernels for ``exp``, ``log`` and the like (and OpenBLAS its matrix kernels) by the CPU it runs
on: AVX2 and AVX-512 kernels agree to within a few ULP, not bit for bit (NumPy documents its
SIMD functions' accuracy in ULP). So each fingerprint also records the platform it was made on
(:func:`platform_tag`) and, for every float column, its count of NaNs and the exact sums of its
values and of their squares (``math.fsum``). On the recording platform every column must be
bit-identical. On another one every column but the float ones must still be; a float column
whose hash moved passes if its NaN count is identical and both sums agree within what moving
every value by :data:`PORTABLE_RTOL` of the column's root mean square could do. This weaker
check still catches a model change: one that moves 5% of a cohort's birth weeks by a week
moves the sum by about 1e-3 of its scale.

Usage::

    python tests/reference/fingerprints.py            # compare with the stored fingerprints
    python tests/reference/fingerprints.py --update   # store new fingerprints (review the diff)

``tests/test_reference_fingerprints.py`` runs the comparison in the test suite. Regenerate only
in a commit that says which numbers moved and why.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import platform
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

import cilib
from cilib.analysis import calibration

STORE = Path(__file__).with_name("fingerprints.json")
#: Every fingerprint uses these sizes and seeds: small enough for the fast suite, large enough
#: that every preset treats someone and every trial enrols women.
N_COHORT, SEED = 20_000, 1
N_WOMEN = 5_000
N_CALIBRATION = 20_000
TRIALS_SCALE = 0.1
#: How far another platform's kernels may move each float value, relative to its column's root
#: mean square: four ULP of float32 (4 x 2**-23), the model's precision. A value near zero is
#: the difference of terms of the column's size and carries their ULPs, so it can move by more
#: of itself. Measured between AVX2 and AVX-512 on this project's outputs: 2% of values moved,
#: by at most 1.5e-5 (under 4e-7 of their column's scale and up to 1.4e-6 of themselves in the
#: columns compared value by value: cl_14w_mm, ga_birth_weeks, prior_sptb_ga_weeks); every
#: stored sum moved by at most 2.6e-9 of its scale.
PORTABLE_RTOL = 4 * 2.0**-23


def platform_tag() -> str:
    """The machine and NumPy's SIMD extensions found at run time (what picks its kernels)."""
    simd = np.show_config(mode="dicts").get("SIMD Extensions", {})
    return f"{platform.machine()} simd:{','.join(simd.get('found', []))}"


def _column_bytes(s: pd.Series) -> bytes:
    if isinstance(s.dtype, pd.CategoricalDtype):
        cats = "\x1f".join(map(str, s.cat.categories)).encode()
        return cats + b"\x1e" + np.ascontiguousarray(s.cat.codes.to_numpy()).tobytes()
    values = s.to_numpy()
    if values.dtype == object:
        return "\x1f".join(map(repr, values)).encode()
    return np.ascontiguousarray(values).tobytes()


def _sha(data: bytes, length: int = 64) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def digest(frame: pd.DataFrame) -> dict:
    """Hash of the frame, a short hash per column and the mean of numeric columns."""
    columns = {}
    means = {}
    sums = {}
    whole = hashlib.sha256()
    index = np.ascontiguousarray(frame.index.to_numpy()).tobytes()
    whole.update(index)
    for name in frame.columns:
        s = frame[name]
        raw = _column_bytes(s)
        columns[str(name)] = f"{s.dtype}:{_sha(raw, 16)}"
        whole.update(str(name).encode() + b"\x1d" + str(s.dtype).encode() + b"\x1d" + raw)
        if s.dtype.kind in "iufb":
            m = float(s.to_numpy(dtype=np.float64).mean()) if len(s) else math.nan
            means[str(name)] = None if math.isnan(m) else float(f"{m:.6g}")
        if s.dtype.kind == "f":
            x = s.to_numpy(dtype=np.float64)
            ok = x[~np.isnan(x)]
            sums[str(name)] = [int(len(x) - len(ok)), math.fsum(ok), math.fsum(ok * ok)]
    return {
        "rows": len(frame),
        "sha256": whole.hexdigest(),
        "columns": columns,
        "means": means,
        "sums": sums,
        "order": [str(c) for c in frame.columns],
        "index": _sha(index, 16),
        "platform": platform_tag(),
    }


def _portable(a: dict, b: dict, col: str) -> bool:
    """Whether float column ``col`` moved only as another platform's kernels move it."""
    if a.get("platform") == b.get("platform") or col not in a.get("sums", {}):
        return False
    dtype_a, dtype_b = (d["columns"].get(col, ":").split(":")[0] for d in (a, b))
    if dtype_a != dtype_b or col not in b.get("sums", {}):
        return False
    (na, sa, qa), (nb, sb, qb) = a["sums"][col], b["sums"][col]
    # |x| summed is at most sqrt(n * sum of squares) (Cauchy-Schwarz); each x**2 moves by at
    # most (2 r + r**2) of itself when x moves by r of itself
    scale = math.sqrt(a["rows"] * qa)
    r = PORTABLE_RTOL
    return na == nb and abs(sa - sb) <= r * scale and abs(qa - qb) <= (2 * r + r * r) * qa


def _cohorts() -> dict[str, pd.DataFrame]:
    return {
        s: cilib.generate_cohort(N_COHORT, seed=SEED, assumptions=cilib.Assumptions.scenario(s))
        for s in cilib.scenarios()
    }


def _trials() -> pd.DataFrame:
    return cilib.trials.run_all(seed=SEED, scale=TRIALS_SCALE)


def frames() -> dict[str, Callable[[], pd.DataFrame]]:
    """Name -> function computing the frame (cohorts are generated once and shared)."""
    cache: dict[str, dict] = {}

    def cohort(s: str) -> pd.DataFrame:
        if "c" not in cache:
            cache["c"] = _cohorts()
        return cache["c"][s]

    out: dict[str, Callable[[], pd.DataFrame]] = {}
    for s in cilib.scenarios():
        out[f"cohort/{s}"] = lambda s=s: cohort(s)
    us = "us_contemporary"
    for p in cilib.policies.presets():
        out[f"simulate/{p}"] = lambda p=p: cilib.simulate(cohort(us), p, seed=SEED)
    out["compare_policies"] = lambda: cilib.compare_policies(
        cohort(us), cilib.policies.presets(), seed=SEED
    )
    out["compare_policies/averted_34"] = lambda: cilib.compare_policies(
        cohort(us), ["history_based", "universal_25mm"], seed=SEED, averted_before_weeks=34.0
    )
    out["trials/run_all"] = _trials
    out["histories/natural"] = lambda: cilib.generate_histories(N_WOMEN, pregnancies=3, seed=SEED)
    out["histories/acog_2021"] = lambda: cilib.generate_histories(
        N_WOMEN, pregnancies=3, seed=SEED, policy="acog_2021"
    )
    out["calibration"] = lambda: calibration.calibrate(n=N_CALIBRATION, seed=SEED)
    out["validation"] = lambda: calibration.validation(n=N_CALIBRATION, seed=SEED)
    out["data_dictionary"] = cilib.data_dictionary
    return out


def compute() -> dict[str, dict]:
    return {name: digest(fn()) for name, fn in frames().items()}


def load() -> dict[str, dict]:
    return json.loads(STORE.read_text(encoding="utf-8"))


def differences(stored: dict, fresh: dict) -> list[str]:
    """One line per fingerprint that differs, naming the columns that moved and their means.

    Across platforms (``platform`` differs), float columns whose sums agree within
    :data:`PORTABLE_RTOL` do not count as moved (the module's docstring says why)."""
    lines = []
    for name in sorted(set(stored) | set(fresh)):
        if name not in fresh or name not in stored:
            lines.append(f"{name}: {'new' if name in fresh else 'gone'}")
            continue
        a, b = stored[name], fresh[name]
        if a["sha256"] == b["sha256"]:
            continue
        moved = []
        for col in sorted(set(a["columns"]) | set(b["columns"])):
            if a["columns"].get(col) != b["columns"].get(col) and not _portable(a, b, col):
                ma, mb = a["means"].get(col), b["means"].get(col)
                moved.append(f"{col} (mean {ma} -> {mb})" if ma != mb else col)
        rows = "" if a["rows"] == b["rows"] else f" rows {a['rows']} -> {b['rows']};"
        same_shape = (
            not rows and a.get("order") == b.get("order") and a.get("index") == b.get("index")
        )
        if same_shape and not moved and a.get("platform") != b.get("platform"):
            continue  # only float columns moved, within another platform's kernels
        lines.append(f"{name}:{rows} {', '.join(moved) or 'column order or index'}")
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="store the fresh fingerprints")
    args = ap.parse_args(argv)
    fresh = compute()
    if args.update:
        STORE.write_text(json.dumps(fresh, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {STORE} ({len(fresh)} fingerprints)")
        return 0
    diff = differences(load(), fresh)
    print("\n".join(diff) if diff else f"all {len(fresh)} fingerprints hold")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
