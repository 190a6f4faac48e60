"""Write the reference cohort in data/synthetic/ (20,000 pregnancies, seed 2024).

Usage: python scripts/make_reference_data.py
Rerun after any change to the model or the calibrated values; tests/test_reference_data.py
regenerates the cohort and fails if the committed files differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cilib
from cilib import io

OUT = Path(__file__).resolve().parents[1] / "data" / "synthetic"
N, SEED = 20_000, 2024
COHORT = OUT / f"cohort_us_contemporary_n{N}_seed{SEED}.csv"
DICTIONARY = OUT / "data_dictionary.csv"
COMMAND = [
    "cilib",
    "generate",
    "--n",
    str(N),
    "--seed",
    str(SEED),
    "--scenario",
    "us_contemporary",
    "--out",
    f"data/synthetic/{COHORT.name}",
]


def write(out_dir: Path = OUT, force: bool = True) -> tuple[Path, Path, Path]:
    a = cilib.Assumptions.default()
    cohort = cilib.generate_cohort(N, seed=SEED, assumptions=a)
    manifest = io.make_manifest(n=N, seed=SEED, assumptions=a, command=COMMAND)
    data, meta = io.write_cohort(cohort, out_dir / COHORT.name, manifest=manifest, force=force)
    dd = io.write_data_dictionary(out_dir / DICTIONARY.name, force=force)
    return data, meta, dd


if __name__ == "__main__":
    for p in write():
        print(p, p.stat().st_size, "bytes")
    sys.exit(0)
