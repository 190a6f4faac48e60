"""Tests of cilib.io: cohort files, manifests and the data dictionary file."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
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
    data, meta = cio.write_cohort(cohort, tmp_path / "c.parquet", manifest=manifest)
    text = meta.read_text(encoding="utf-8")
    got = json.loads(text)
    record = got.pop("data")
    assert got == manifest, "manifest file differs from the manifest given (besides 'data')"
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
    # the record of the file written, which read_cohort checks
    assert record["rows"] == N, f"data.rows {record['rows']}"
    assert record["dtypes"] == {c.name: c.dtype for c in COLUMNS}, "data.dtypes differ"
    assert record["columns"] == [c.name for c in COLUMNS], "data.columns differ"
    assert record["sha256"] == hashlib.sha256(data.read_bytes()).hexdigest(), "data.sha256"
    age = cohort["age_years"]
    assert record["ranges"]["age_years"] == [float(age.min()), float(age.max())], "age range"
    missing = cohort["prior_sptb_ga_weeks"].isna().sum()
    assert record["missing"]["prior_sptb_ga_weeks"] == missing, f"missing {record['missing']}"


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


# -- issue 15: files are checked against their manifests (F5) --------------------------------
def _one_line_naming(info, *needles: str) -> str:
    message = str(info.value)
    assert "\n" not in message, f"message is not one line: {message!r}"
    for needle in needles:
        assert needle in message, f"message does not name {needle!r}: {message}"
    return message


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_truncated_file_is_refused_against_its_manifest(tmp_path, cohort, manifest, suffix):
    data, _ = cio.write_cohort(cohort, tmp_path / f"c{suffix}", manifest=manifest)
    if suffix == ".csv":
        lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
        data.write_text("".join(lines[:-100]), encoding="utf-8")  # whole lines lost
    else:
        pq.write_table(pq.read_table(data).slice(0, N - 100), data)
    with pytest.raises(ValueError) as info:
        cio.read_cohort(data)
    _one_line_naming(info, data.name, f"{N - 100:,} rows", f"manifest says {N:,}")


def test_a_csv_cut_inside_a_line_is_refused(tmp_path, cohort, manifest):
    data, _ = cio.write_cohort(cohort, tmp_path / "c.csv", manifest=manifest)
    raw = data.read_bytes()
    data.write_bytes(raw[: len(raw) - 40])  # the last row loses its last fields
    with pytest.raises(ValueError) as info:
        cio.read_cohort(data)
    _one_line_naming(info, data.name)


def test_a_truncated_file_is_refused_against_an_old_manifest(tmp_path, cohort, manifest):
    """Manifests written before issue 15 have no 'data' record: their n stands in."""
    data, meta = cio.write_cohort(cohort, tmp_path / "c.csv", manifest=manifest)
    old = json.loads(meta.read_text())
    del old["data"]
    meta.write_text(json.dumps(old))
    assert len(cio.read_cohort(data)) == N, "an intact file with an old manifest must read"
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    data.write_text("".join(lines[:-10]), encoding="utf-8")
    with pytest.raises(ValueError) as info:
        cio.read_cohort(data)
    _one_line_naming(info, data.name, f"{N - 10:,} rows", f"manifest says {N:,}")


def _edit_csv(data: Path, column: str, row: int, value: str) -> None:
    frame = pd.read_csv(data, dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    data.write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8")


@pytest.mark.parametrize(
    ("column", "value", "needles"),
    [
        ("age_years", "99", ["age_years", "values from", "manifest says"]),
        ("ga_birth_weeks", "", ["ga_birth_weeks", "missing values", "manifest says"]),
        ("cl_14w_mm", None, ["SHA-256", "changed after it was written"]),  # inside the range
    ],
)
def test_an_edited_value_is_refused(tmp_path, cohort, manifest, column, value, needles):
    data, _ = cio.write_cohort(cohort, tmp_path / "c.csv", manifest=manifest)
    if value is None:  # swap two rows' values: same range, same missing count
        frame = pd.read_csv(data, dtype=str, keep_default_na=False)
        a, b = frame.loc[0, column], frame.loc[1, column]
        assert a != b, "test needs two different values"
        _edit_csv(data, column, 0, b)
        _edit_csv(data, column, 1, a)
    else:
        _edit_csv(data, column, 0, value)
    with pytest.raises(ValueError) as info:
        cio.read_cohort(data)
    _one_line_naming(info, data.name, *needles)


def test_a_dropped_or_added_column_is_refused(tmp_path, cohort, manifest):
    data, _ = cio.write_cohort(cohort, tmp_path / "c.parquet", manifest=manifest)
    table = pq.read_table(data)
    pq.write_table(table.drop_columns(["smoking"]), data)
    with pytest.raises(ValueError) as info:
        cio.read_cohort(data)
    _one_line_naming(info, data.name, "smoking")


def test_a_damaged_manifest_is_refused(tmp_path, cohort, manifest):
    data, meta = cio.write_cohort(cohort.head(20), tmp_path / "c.csv", manifest=manifest)
    meta.write_text('{"data": ', encoding="utf-8")
    with pytest.raises(ValueError) as info:
        cio.read_cohort(data)
    _one_line_naming(info, meta.name, "cannot read it", "JSON")
    meta.write_text('{"data": {"rows": "many"}}', encoding="utf-8")
    with pytest.raises(ValueError) as info:
        cio.read_cohort(data)
    _one_line_naming(info, data.name, "'rows'")


def test_without_a_manifest_the_file_is_read_unchecked(tmp_path, cohort, manifest):
    data, meta = cio.write_cohort(cohort, tmp_path / "c.csv", manifest=manifest)
    meta.unlink()
    back = cio.read_cohort(data)
    assert len(back) == N and "assumptions_hash" not in back.attrs, "read without a manifest"


# -- values the dtypes cannot hold (F6) ------------------------------------------------------
@pytest.mark.parametrize(
    ("column", "values", "needle"),
    [
        ("parity", [300], "300"),  # int8 would wrap it to 44
        ("parity", [1.5], "1.5"),  # would be cut to 1
        ("parity", [-1], "-1"),  # a count is never negative
        ("prior_sptb_count", [200.0], "200"),
        ("age_years", [1e300], "1e+300"),  # float32 would make it inf
        ("latent_e_term", [-0.5], "-0.5"),  # a unit exponential draw is >= 0
        ("pregnancy_id", [2.0**70], "1.18"),
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_values_out_of_a_dtype_are_refused(tmp_path, cohort, column, values, needle, suffix):
    """F6: written without a manifest (so only the dtypes guard), never wrapped or rounded."""
    raw = cohort.head(5).copy()
    raw[column] = raw[column].astype(np.float64)
    raw.loc[2, column] = values[0]
    path = tmp_path / f"raw{suffix}"
    if suffix == ".csv":
        raw.to_csv(path, index=False)
    else:
        raw.to_parquet(path, index=False)
    with pytest.raises(ValueError) as info:
        cio.read_cohort(path)
    message = _one_line_naming(info, path.name, repr(column), needle, "allowed")
    assert "1 row(s)" in message, f"message should count the rows: {message}"


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_text_and_missing_values_in_integer_columns_are_refused(tmp_path, cohort, suffix):
    raw = cohort.head(5).astype({"parity": str})
    raw.loc[1, "parity"] = "two"
    path = tmp_path / f"raw{suffix}"
    (raw.to_csv(path, index=False) if suffix == ".csv" else raw.to_parquet(path, index=False))
    with pytest.raises(ValueError) as info:
        cio.read_cohort(path)
    _one_line_naming(info, "'parity'", "two")
    raw = cohort.head(5).astype({"prior_dc_count": np.float64})
    raw.loc[3, "prior_dc_count"] = np.nan
    (raw.to_csv(path, index=False) if suffix == ".csv" else raw.to_parquet(path, index=False))
    with pytest.raises(ValueError) as info:
        cio.read_cohort(path)
    _one_line_naming(info, "'prior_dc_count'", "missing")


# -- existing paths, long values, chunked CSV (F13, F12) -------------------------------------
@pytest.mark.parametrize("which", ["data", "manifest"])
def test_a_dangling_symlink_counts_as_existing(tmp_path, cohort, manifest, which):
    """F13: a dangling link at the output was overwritten without force."""
    out = tmp_path / "c.csv"
    link = out if which == "data" else cio.manifest_path(out)
    link.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError) as info:
        cio.write_cohort(cohort.head(10), out, manifest=manifest)
    _one_line_naming(info, link.name, "symbolic link", "--force")
    assert link.is_symlink() and not (tmp_path / "nowhere").exists(), "the link was touched"
    cio.write_cohort(cohort.head(10), out, manifest=manifest, force=True)
    assert not link.is_symlink() and len(cio.read_cohort(out)) == 10, "force replaces the link"


def test_a_huge_path_is_not_echoed_whole(tmp_path, cohort, manifest):
    """F12: a value echoed in a message is cut to 80 characters."""
    huge = "x" * 1_000_000
    for call in (
        lambda: cio.write_cohort(cohort, tmp_path / f"{huge}.txt", manifest=manifest),
        lambda: cio.read_cohort(tmp_path / f"{huge}.xlsx"),
        lambda: cio.write_cohort(cohort, f"/{huge}/c.csv", manifest=manifest),
    ):
        with pytest.raises(ValueError) as info:
            call()
        assert len(str(info.value)) < 300, f"message of {len(str(info.value))} characters"


def test_csv_written_in_chunks_has_the_same_bytes(tmp_path, cohort, manifest, monkeypatch):
    whole, _ = cio.write_cohort(cohort, tmp_path / "whole.csv", manifest=manifest)
    monkeypatch.setattr(cio, "CSV_CHUNK_ROWS", 7)  # 1,500 rows in 215 chunks
    chunked, _ = cio.write_cohort(cohort, tmp_path / "chunked.csv", manifest=manifest)
    assert chunked.read_bytes() == whole.read_bytes(), "chunked CSV differs from one piece"
    empty, _ = cio.write_cohort(cohort.head(0), tmp_path / "empty.csv", manifest=manifest)
    header = ",".join(c.name for c in COLUMNS) + "\n"
    assert empty.read_text() == header, f"an empty cohort is its header: {empty.read_text()!r}"
