"""Tests of cilib.io: cohort files, manifests and the data dictionary file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import cilib
from cilib import io as cio
from cilib.model.schema import COLUMNS, check_frame

N = 1_500
SEED = 11


@pytest.fixture(scope="module")
def assumptions() -> cilib.Assumptions:
    return cilib.Assumptions.scenario("iams_1996").replace(p_smoking=0.1)


@pytest.fixture(scope="module")
def cohort(assumptions: cilib.Assumptions) -> pd.DataFrame:
    return cilib.generate_cohort(N, seed=SEED, assumptions=assumptions)


@pytest.fixture(scope="module")
def manifest(assumptions: cilib.Assumptions) -> dict:
    return cio.make_manifest(
        n=N, seed=SEED, assumptions=assumptions, command=["cilib", "generate", "--n", str(N)]
    )


def _files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def _assert_frames_match(got: pd.DataFrame, want: pd.DataFrame, *, exact: bool, what: str):
    got, want = got.copy(), want.copy()
    got.attrs, want.attrs = {}, {}
    # Parquet is compared exactly. CSV rounding only: float32 columns are written with 6
    # significant digits (%.6g, relative error <= 5e-6, so rtol=1e-5) and float64 with 10
    # (5e-10); atol=1e-6 covers values near 0, where a relative bound alone is too strict.
    try:
        pd.testing.assert_frame_equal(got, want, check_exact=exact, rtol=1e-5, atol=1e-6)
    except AssertionError as e:
        raise AssertionError(f"{what}: read-back frame differs from the original: {e}") from e


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_round_trip_restores_dtypes_and_values(tmp_path, cohort, manifest, suffix):
    data, meta = cio.write_cohort(cohort, tmp_path / f"cohort{suffix}", manifest=manifest)
    assert data == tmp_path / f"cohort{suffix}", f"returned data path {data}"
    assert meta.name == f"cohort{suffix}.manifest.json", f"manifest named {meta.name}"
    back = cio.read_cohort(data)
    assert check_frame(back) == [], f"{suffix} read-back problems: {check_frame(back)}"
    for c in COLUMNS:
        assert str(back[c.name].dtype) == c.dtype, f"{suffix} {c.name}: dtype {back[c.name].dtype}"
    _assert_frames_match(back, cohort, exact=suffix == ".parquet", what=suffix)
    assert back.attrs.get("assumptions_hash") == manifest["assumptions_hash"], (
        f"{suffix}: attrs from the manifest not restored: {back.attrs}"
    )


def test_csv_round_trip_keeps_missing_values(tmp_path, cohort, manifest):
    data, _ = cio.write_cohort(cohort, tmp_path / "c.csv", manifest=manifest)
    back = cio.read_cohort(data)
    for name in ("prior_sptb_ga_weeks", "spontaneous_type"):
        want = cohort[name].isna().to_numpy()
        assert want.any(), f"test needs missing values in {name}"
        assert np.array_equal(back[name].isna().to_numpy(), want), f"{name}: NaN pattern changed"


def test_csv_format_is_deterministic_and_plain(tmp_path, assumptions, manifest):
    paths = []
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        c = cilib.generate_cohort(N, seed=SEED, assumptions=assumptions)
        paths.append(cio.write_cohort(c, tmp_path / d / "c.csv", manifest=manifest))
    (a_data, a_meta), (b_data, b_meta) = paths
    assert a_data.read_bytes() == b_data.read_bytes(), "CSV differs for the same seed"
    assert a_meta.read_bytes() == b_meta.read_bytes(), "manifest differs for the same inputs"
    raw = a_data.read_bytes()
    assert b"\r" not in raw, "CSV must use \\n line endings"
    header, first = raw.decode().split("\n")[:2]
    assert header.split(",") == [c.name for c in COLUMNS], f"CSV header {header!r}"
    assert not header.startswith(","), "CSV must not have an index column"
    fields = {f.lower() for line in raw.decode().split("\n")[1:] for f in line.split(",")}
    assert not fields & {"nan", "<na>", "null"}, "missing values must be written empty"
    assert "" in fields, "missing values should be empty fields"
    assert len(first.split(",")) == len(COLUMNS), f"first row has wrong field count: {first!r}"


def test_csv_differs_for_another_seed(tmp_path, assumptions, manifest):
    a = cilib.generate_cohort(200, seed=1, assumptions=assumptions)
    b = cilib.generate_cohort(200, seed=2, assumptions=assumptions)
    pa, _ = cio.write_cohort(a, tmp_path / "a.csv", manifest=manifest)
    pb, _ = cio.write_cohort(b, tmp_path / "b.csv", manifest=manifest)
    assert pa.read_bytes() != pb.read_bytes(), "different seeds gave identical CSV"


def test_refuses_to_overwrite(tmp_path, cohort, manifest):
    data, meta = cio.write_cohort(cohort, tmp_path / "c.csv", manifest=manifest)
    before = (data.read_bytes(), meta.read_bytes())
    with pytest.raises(FileExistsError, match="--force") as info:
        cio.write_cohort(cohort.head(10), data, manifest=manifest)
    assert "\n" not in str(info.value), f"message is not one line: {info.value}"
    assert (data.read_bytes(), meta.read_bytes()) == before, "refused write changed the files"
    assert _files(tmp_path) == ["c.csv", "c.csv.manifest.json"], f"left {_files(tmp_path)}"


def test_refuses_when_only_the_manifest_exists(tmp_path, cohort, manifest):
    cio.manifest_path(tmp_path / "c.parquet").write_text("{}")
    with pytest.raises(FileExistsError, match="manifest.json"):
        cio.write_cohort(cohort, tmp_path / "c.parquet", manifest=manifest)
    assert not (tmp_path / "c.parquet").exists(), "cohort written although the manifest existed"


def test_force_overwrites(tmp_path, cohort, manifest):
    data, meta = cio.write_cohort(cohort.head(5), tmp_path / "c.csv", manifest={"old": True})
    cio.write_cohort(cohort, data, manifest=manifest, force=True)
    assert len(cio.read_cohort(data)) == N, "force did not replace the cohort"
    assert json.loads(meta.read_text())["n"] == N, "force did not replace the manifest"
    assert _files(tmp_path) == ["c.csv", "c.csv.manifest.json"], f"left {_files(tmp_path)}"


def test_failed_write_leaves_nothing(tmp_path, cohort, manifest, monkeypatch):
    def broken_replace(src, dst):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(cio.os, "replace", broken_replace)
    for suffix in (".csv", ".parquet"):
        with pytest.raises(OSError, match="simulated"):
            cio.write_cohort(cohort, tmp_path / f"c{suffix}", manifest=manifest)
    assert _files(tmp_path) == [], f"failed writes left files: {_files(tmp_path)}"


def test_failed_writer_leaves_nothing(tmp_path, cohort, manifest, monkeypatch):
    def broken_to_parquet(self, *args, **kwargs):
        raise OSError("parquet writer failed (simulated)")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", broken_to_parquet)
    with pytest.raises(OSError, match="simulated"):
        cio.write_cohort(cohort, tmp_path / "c.parquet", manifest=manifest)
    assert _files(tmp_path) == [], f"failed write left files: {_files(tmp_path)}"


def test_failure_on_second_file_rolls_back_overwrite(tmp_path, cohort, manifest, monkeypatch):
    data, meta = cio.write_cohort(cohort.head(20), tmp_path / "c.csv", manifest={"old": 1})
    before = (data.read_bytes(), meta.read_bytes())
    real_replace = os.replace

    def replace_then_fail(src, dst):
        if str(dst).endswith(".manifest.json"):
            raise OSError("manifest rename failed (simulated)")
        return real_replace(src, dst)

    monkeypatch.setattr(cio.os, "replace", replace_then_fail)
    with pytest.raises(OSError, match="simulated"):
        cio.write_cohort(cohort, data, manifest=manifest, force=True)
    assert (data.read_bytes(), meta.read_bytes()) == before, "failed overwrite was not undone"
    assert _files(tmp_path) == ["c.csv", "c.csv.manifest.json"], f"left {_files(tmp_path)}"


def test_failure_on_second_file_removes_new_first_file(tmp_path, cohort, manifest, monkeypatch):
    real_replace = os.replace

    def replace_then_fail(src, dst):
        if str(dst).endswith(".manifest.json"):
            raise OSError("manifest rename failed (simulated)")
        return real_replace(src, dst)

    monkeypatch.setattr(cio.os, "replace", replace_then_fail)
    with pytest.raises(OSError, match="simulated"):
        cio.write_cohort(cohort, tmp_path / "c.csv", manifest=manifest)
    assert _files(tmp_path) == [], f"half-written output left: {_files(tmp_path)}"


@pytest.mark.parametrize("name", ["cohort.txt", "cohort", "cohort.csv.gz", "cohort.json"])
def test_bad_suffix(tmp_path, cohort, manifest, name):
    with pytest.raises(ValueError) as info:
        cio.write_cohort(cohort, tmp_path / name, manifest=manifest)
    message = str(info.value)
    assert name in message, f"message does not name the path: {message}"
    assert ".csv" in message and ".parquet" in message, f"allowed suffixes missing: {message}"
    assert _files(tmp_path) == [], f"bad suffix wrote {_files(tmp_path)}"


def test_missing_directory(tmp_path, cohort, manifest):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        cio.write_cohort(cohort, tmp_path / "no" / "c.csv", manifest=manifest)
    assert _files(tmp_path) == [], f"missing directory created something: {_files(tmp_path)}"


def test_refuses_frame_that_does_not_match_dictionary(tmp_path, cohort, manifest):
    bad = cohort.assign(extra=1)
    with pytest.raises(ValueError, match="data dictionary"):
        cio.write_cohort(bad, tmp_path / "c.csv", manifest=manifest)
    assert _files(tmp_path) == [], f"refused frame wrote {_files(tmp_path)}"


def test_refuses_manifest_that_is_not_json(tmp_path, cohort):
    with pytest.raises(ValueError, match="manifest"):
        cio.write_cohort(cohort, tmp_path / "c.csv", manifest={"x": object()})
    assert _files(tmp_path) == [], f"refused manifest wrote {_files(tmp_path)}"


def test_manifest_contents(tmp_path, cohort, manifest, assumptions):
    _, meta = cio.write_cohort(cohort, tmp_path / "c.parquet", manifest=manifest)
    text = meta.read_text(encoding="utf-8")
    got = json.loads(text)
    assert got == manifest, "manifest file differs from the manifest given"
    assert set(got) == {
        "cilib_version", "seed", "n", "scenario", "assumptions_hash", "overridden", "overrides",
        "command",
        "synthetic_notice", "columns",
    }, f"manifest keys {sorted(got)}"  # fmt: skip
    assert got["cilib_version"] == cilib.__version__, f"version {got['cilib_version']}"
    assert (got["n"], got["seed"]) == (N, SEED), f"n, seed = {got['n']}, {got['seed']}"
    assert got["scenario"] == "iams_1996", f"scenario {got['scenario']}"
    assert got["assumptions_hash"] == assumptions.hash(), "hash is not Assumptions.hash()"
    assert got["overridden"] == ["p_smoking"], f"overridden {got['overridden']}"
    assert got["overrides"] == {"p_smoking": assumptions["p_smoking"]}, (
        f"overrides {got['overrides']}"
    )
    assert got["command"] == ["cilib", "generate", "--n", str(N)], f"command {got['command']}"
    assert got["synthetic_notice"] == (
        "Synthetic data for teaching and research only; not for clinical use."
    ), f"notice {got['synthetic_notice']!r}"
    dictionary = cilib.data_dictionary()
    assert [c["column"] for c in got["columns"]] == list(dictionary["column"]), "columns differ"
    assert all(set(c) == {"column", "dtype", "unit", "meaning"} for c in got["columns"]), (
        "column entries must have column, dtype, unit, meaning"
    )
    assert str(tmp_path) not in text, "manifest must not contain absolute paths"


def test_manifest_is_deterministic_and_allows_no_command(assumptions):
    a = cio.make_manifest(n=5, seed=1, assumptions=assumptions, command=None)
    b = cio.make_manifest(n=5, seed=1, assumptions=assumptions, command=None)
    assert a == b, "make_manifest is not deterministic"
    assert a["command"] is None, f"command {a['command']!r}"
    plain = cio.make_manifest(n=5, seed=1, assumptions=cilib.Assumptions.default(), command=[])
    assert plain["overridden"] == [], f"default assumptions report overrides {plain['overridden']}"
    with pytest.raises(TypeError, match="assumptions"):
        cio.make_manifest(n=5, seed=1, assumptions={"p_smoking": 0.1}, command=None)


def test_read_cohort_rejects_bad_files(tmp_path, cohort, manifest):
    with pytest.raises(FileNotFoundError, match="missing.csv"):
        cio.read_cohort(tmp_path / "missing.csv")
    with pytest.raises(ValueError, match="allowed"):
        cio.read_cohort(tmp_path / "c.xlsx")
    data, _ = cio.write_cohort(cohort.head(20), tmp_path / "c.csv", manifest=manifest)
    frame = pd.read_csv(data, keep_default_na=False)
    frame.drop(columns=["onset"]).to_csv(tmp_path / "short.csv", index=False)
    with pytest.raises(ValueError, match="onset"):
        cio.read_cohort(tmp_path / "short.csv")
    frame.assign(plurality="quadruplet").to_csv(tmp_path / "cat.csv", index=False)
    with pytest.raises(ValueError, match="quadruplet"):
        cio.read_cohort(tmp_path / "cat.csv")


def test_write_data_dictionary(tmp_path):
    path = cio.write_data_dictionary(tmp_path / "dictionary.csv")
    back = pd.read_csv(path, keep_default_na=False)
    assert list(back["column"]) == [c.name for c in COLUMNS], "dictionary columns differ"
    assert list(back.columns) == ["column", "dtype", "unit", "meaning", "categories"], (
        f"dictionary header {list(back.columns)}"
    )
    before = path.read_bytes()
    with pytest.raises(FileExistsError, match="--force"):
        cio.write_data_dictionary(path)
    cio.write_data_dictionary(path, force=True)
    assert path.read_bytes() == before, "dictionary CSV is not deterministic"
    with pytest.raises(ValueError, match=".csv"):
        cio.write_data_dictionary(tmp_path / "dictionary.parquet")
    assert _files(tmp_path) == ["dictionary.csv"], f"left {_files(tmp_path)}"
