"""Property-based tests of the cohort readers (issue 15): a written cohort reads back as it
was; any tampering with the file (rows, columns, values, bytes) or with its manifest is
refused with a one-line ValueError, never read as a wrong frame; without a manifest, a value
an integer dtype cannot hold is refused, never wrapped or rounded."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cilib
from cilib import io as cio
from cilib.model.schema import COLUMNS

FAST = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ROWS = 40
NAMES = [c.name for c in COLUMNS]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, tuple[bytes, bytes]]:
    """A small cohort written as CSV and Parquet: the bytes of each file and its manifest."""
    folder = tmp_path_factory.mktemp("written")
    cohort = cilib.generate_cohort(ROWS, seed=3)
    manifest = cio.make_manifest(
        n=ROWS, seed=3, assumptions=cilib.Assumptions.default(), command=None
    )
    out = {}
    for suffix in (".csv", ".parquet"):
        data, meta = cio.write_cohort(cohort, folder / f"c{suffix}", manifest=manifest)
        out[suffix] = (data.read_bytes(), meta.read_bytes())
    return out


def _place(folder: Path, suffix: str, data: bytes, meta: bytes | None) -> Path:
    path = folder / f"c{suffix}"
    path.write_bytes(data)
    manifest = cio.manifest_path(path)
    if meta is None:
        manifest.unlink(missing_ok=True)
    else:
        manifest.write_bytes(meta)
    return path


def _refused(path: Path, what: str) -> None:
    try:
        frame = cio.read_cohort(path)
    except ValueError as e:
        assert "\n" not in str(e), f"{what}: message is not one line: {e}"
        return
    raise AssertionError(f"{what}: read as a frame of shape {frame.shape} instead of refused")


@FAST
@given(
    n=st.integers(0, 60), seed=st.integers(0, 2**32), suffix=st.sampled_from([".csv", ".parquet"])
)
def test_a_written_cohort_reads_back(tmp_path, n, seed, suffix):
    cohort = cilib.generate_cohort(max(n, 1), seed=seed).head(n)
    manifest = cio.make_manifest(
        n=n, seed=seed, assumptions=cilib.Assumptions.default(), command=None
    )
    data, _ = cio.write_cohort(cohort, tmp_path / f"c{suffix}", manifest=manifest, force=True)
    back = cio.read_cohort(data)
    back.attrs, want = {}, cohort.copy()
    want.attrs = {}
    exact = suffix == ".parquet"
    pd.testing.assert_frame_equal(back, want, check_exact=exact, rtol=1e-5, atol=1e-6)


# -- tampering with a CSV file ---------------------------------------------------------------
def _lines(raw: bytes) -> list[str]:
    return raw.decode("utf-8").splitlines(keepends=True)


@st.composite
def csv_tampering(draw, raw: bytes) -> tuple[str, bytes]:
    lines = _lines(raw)
    kind = draw(st.sampled_from(["drop row", "repeat row", "swap rows", "edit field",
                                 "drop column", "cut bytes"]))  # fmt: skip
    row = draw(st.integers(1, len(lines) - 1))
    if kind == "drop row":
        lines.pop(row)
    elif kind == "repeat row":
        lines.insert(row, lines[row])
    elif kind == "swap rows":
        other = draw(st.integers(1, len(lines) - 1).filter(lambda r: lines[r] != lines[row]))
        lines[row], lines[other] = lines[other], lines[row]
    elif kind in ("edit field", "drop column"):
        col = draw(st.integers(0, len(NAMES) - 1))
        if kind == "edit field":
            fields = lines[row].rstrip("\n").split(",")
            text = st.one_of(
                st.integers(-1000, 1000).map(str),
                st.floats(allow_nan=False, allow_infinity=False).map(repr),
                st.sampled_from(["", "nan", "True", "x", "1e400", "-0"]),
                st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=8),
            )
            fields[col] = draw(text.filter(lambda v, old=fields[col]: v != old))
            lines[row] = ",".join(fields) + "\n"
        else:
            lines = [",".join(np.delete(ln.rstrip("\n").split(","), col)) + "\n" for ln in lines]
    else:
        cut = draw(st.integers(1, len(raw) - 1))
        return f"{kind} at byte {cut}", raw[:cut]
    return f"{kind} (row {row})", "".join(lines).encode("utf-8")


@FAST
@given(data=st.data())
def test_any_tampering_with_a_csv_is_refused(tmp_path, written, data):
    raw, meta = written[".csv"]
    what, tampered = data.draw(csv_tampering(raw))
    if tampered == raw:  # swapping equal rows, for example: nothing to refuse
        return
    _refused(_place(tmp_path, ".csv", tampered, meta), what)


# -- tampering with a Parquet file and with manifests ----------------------------------------
@FAST
@given(data=st.data())
def test_any_changed_parquet_value_is_refused(tmp_path, written, data):
    raw, meta = written[".parquet"]
    path = _place(tmp_path, ".parquet", raw, meta)
    table = pq.read_table(path)
    name = data.draw(st.sampled_from([c.name for c in COLUMNS if c.dtype != "category"]))
    row = data.draw(st.integers(0, ROWS - 1))
    values = table.column(name).to_pylist()
    kind = np.dtype(dict((c.name, c.dtype) for c in COLUMNS)[name]).kind
    new = data.draw(
        st.booleans()
        if kind == "b"
        else st.integers(0, 100)
        if kind == "i"
        else st.floats(0, 100, width=32)  # fmt: skip
    )
    if values[row] == new:
        return
    values[row] = new
    i = table.schema.get_field_index(name)
    table = table.set_column(i, name, pa.array(values, type=table.schema.field(name).type))
    pq.write_table(table, path)
    _refused(path, f"{name}[{row}] = {new!r}")


@FAST
@given(key=st.sampled_from(["rows", "sha256", "dtypes", "ranges", "missing"]), data=st.data())
def test_any_changed_manifest_record_is_refused(tmp_path, written, key, data):
    raw, meta = written[".csv"]
    info = json.loads(meta)
    record = info["data"]
    if key == "rows":
        record["rows"] = data.draw(st.integers(0, 10**6).filter(lambda r: r != ROWS))
    elif key == "sha256":
        record["sha256"] = data.draw(st.text("0123456789abcdef", min_size=64, max_size=64))
    elif key == "dtypes":
        name = data.draw(st.sampled_from(NAMES))
        record["dtypes"][name] = data.draw(st.sampled_from(["int16", "float64", "object", "x"]))
    elif key == "ranges":
        name = data.draw(st.sampled_from(sorted(record["ranges"])))
        record["ranges"][name] = [-1.0, 1e6]
    else:
        name = data.draw(st.sampled_from(NAMES))
        record["missing"][name] = record["missing"].get(name, 0) + data.draw(st.integers(1, 5))
    _refused(_place(tmp_path, ".csv", raw, json.dumps(info).encode()), f"manifest {key}")


# -- values that an integer dtype cannot hold (no manifest: the dtypes alone guard) -----------
@FAST
@given(
    value=st.one_of(
        st.integers(-(2**40), 2**40),
        st.floats(-1e6, 1e6, allow_nan=False).filter(lambda v: v != int(v)),
    ),
    suffix=st.sampled_from([".csv", ".parquet"]),
)
def test_an_int8_count_reads_exactly_or_is_refused(tmp_path, written, value, suffix):
    cohort = cio.read_cohort(_place(tmp_path, ".parquet", written[".parquet"][0], None))
    raw = cohort.astype({"parity": np.float64 if isinstance(value, float) else np.int64})
    raw.loc[5, "parity"] = value
    path = tmp_path / f"raw{suffix}"
    (raw.to_csv(path, index=False) if suffix == ".csv" else raw.to_parquet(path, index=False))
    if isinstance(value, int) and 0 <= value <= 127:
        back = cio.read_cohort(path)
        assert int(back.loc[5, "parity"]) == value, (
            f"parity {value} read as {back.loc[5, 'parity']}"
        )
    else:
        _refused(path, f"parity {value!r}")
