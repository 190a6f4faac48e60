"""Fingerprints of the package's main outputs, to prove that a restructure changes nothing.

Each fingerprint is a small frame computed through the public API (a cohort per scenario, every
preset simulated, ``compare_policies``, the re-run trials, histories natural and managed, the
calibration and validation tables, the data dictionary). What is stored in
``tests/reference/fingerprints.json`` is, per frame, a SHA-256 of the whole frame (values, dtypes
and index, bit for bit), one short hash per column (so a failure names the columns that moved)
and the mean of every numeric column (so a commit message can say by how much they moved).

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
    whole = hashlib.sha256()
    whole.update(np.ascontiguousarray(frame.index.to_numpy()).tobytes())
    for name in frame.columns:
        s = frame[name]
        raw = _column_bytes(s)
        columns[str(name)] = f"{s.dtype}:{_sha(raw, 16)}"
        whole.update(str(name).encode() + b"\x1d" + str(s.dtype).encode() + b"\x1d" + raw)
        if s.dtype.kind in "iufb":
            m = float(s.to_numpy(dtype=np.float64).mean()) if len(s) else math.nan
            means[str(name)] = None if math.isnan(m) else float(f"{m:.6g}")
    return {"rows": len(frame), "sha256": whole.hexdigest(), "columns": columns, "means": means}


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
    """One line per fingerprint that differs, naming the columns that moved and their means."""
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
            if a["columns"].get(col) != b["columns"].get(col):
                ma, mb = a["means"].get(col), b["means"].get(col)
                moved.append(f"{col} (mean {ma} -> {mb})" if ma != mb else col)
        rows = "" if a["rows"] == b["rows"] else f" rows {a['rows']} -> {b['rows']};"
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
