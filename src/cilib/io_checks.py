"""Manifests and the checks of files: output paths before a write, tables read back against
the manifest written beside them, and a cohort's values against the data dictionary's dtypes.

Synthetic data for teaching and research only; not for clinical use.

A manifest records how a cohort was made (:func:`make_manifest`) and, for each table written,
a record of the file (:func:`describe`): rows, columns, dtypes, the range of every numeric
column, missing counts and the file's SHA-256. :func:`check_table` refuses a table read back
that differs from its record (a truncated file, a column dropped, a value changed) with one
line naming the file and what differs; CSV ranges are compared to their rounding (1e-5).
:func:`restore_cohort` gives a parsed cohort the dictionary's dtypes and refuses, rather than
wraps or rounds, a value a dtype cannot hold (a parity of 300 or 1.5, a negative count, text
in a number column, 1e300 in float32). :mod:`cilib.io` re-exports the public names it uses.

Examples
--------
>>> import pandas as pd
>>> from cilib.model.schema import COLUMNS
>>> raw = pd.DataFrame({"parity": [1, 300]})
>>> _restore_column(raw["parity"], next(c for c in COLUMNS if c.name == "parity"), "file")
Traceback (most recent call last):
ValueError: file, column 'parity': got [300] in 1 row(s); allowed: integers from 0 to 127
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cilib.model.schema import COLUMNS, Column, data_dictionary
from cilib.params.assumptions import Assumptions
from cilib.params.validation import MAX_SHOWN, shown
from cilib.version import __version__

__all__ = [
    "SUFFIXES",
    "SYNTHETIC_NOTICE",
    "check_output",
    "check_rows_and_columns",
    "check_table",
    "check_target",
    "data_record",
    "describe",
    "load_manifest",
    "make_manifest",
    "manifest_path",
    "manifest_text",
    "restore_cohort",
    "sha256",
    "shown_path",
    "suffix_of",
]

PathLike = str | os.PathLike[str]
#: Suffixes :func:`cilib.io.write_cohort` and :func:`cilib.io.read_cohort` accept.
SUFFIXES: tuple[str, ...] = (".csv", ".parquet")
MANIFEST_SUFFIX = ".manifest.json"
#: Notice stored in every manifest and printed by the command line.
SYNTHETIC_NOTICE = "Synthetic data for teaching and research only; not for clinical use."
#: Relative tolerance of the ranges of a CSV file (floats written with 6 or 10 digits).
CSV_RTOL = 1e-5
#: Units of the data dictionary whose values cannot be negative.
_NON_NEGATIVE = ("id", "count", "unit exponential")


def shown_path(path: PathLike) -> str:
    """A path for an error message: :func:`~cilib.params.validation.shown` of its text, with
    the end of a long path kept (its file name) after ``...``.

    >>> shown_path("/data/" + "x" * 200 + "/cohort.csv")[-13:], len(shown_path("/" * 500))
    ("x/cohort.csv'", 77)
    """
    text = str(path)
    return shown(text if len(text) <= MAX_SHOWN - 2 else "..." + text[-(MAX_SHOWN - 8) :])


# -- paths and checks ------------------------------------------------------------------------
def manifest_path(path: PathLike) -> Path:
    """Path of the manifest that goes with the cohort file ``path``.

    Parameters
    ----------
    path : str or PathLike
        Cohort file, for example ``cohort.csv``.

    Returns
    -------
    Path
        ``<path>.manifest.json``, for example ``cohort.csv.manifest.json``.
    """
    path = Path(path)
    return path.with_name(path.name + MANIFEST_SUFFIX)


def suffix_of(path: Path, allowed: Sequence[str] = SUFFIXES) -> str:
    """The lower-case suffix of ``path``, refused unless it is one of ``allowed``."""
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise ValueError(
            f"output {shown_path(path)}: unsupported file suffix {shown(path.suffix or '(none)')}; "
            f"allowed: {', '.join(allowed)}"
        )
    return suffix


def check_target(path: Path, force: bool) -> None:
    """Refuse to write ``path`` if it is a directory, exists (any entry: a file, a symbolic
    link, even a dangling one) and ``force`` is false, or its directory does not exist."""
    try:
        is_dir, exists, parent = path.is_dir(), os.path.lexists(path), path.parent.is_dir()
    except OSError as e:  # a name too long, for example
        raise ValueError(
            f"output {shown_path(path)}: {e.strerror}; allowed: a path the system accepts"
        ) from None
    if is_dir:
        raise IsADirectoryError(f"output {shown_path(path)} is a directory; allowed: a file path")
    if exists and not force:
        link = " (a symbolic link)" if path.is_symlink() else ""
        raise FileExistsError(
            f"output {shown_path(path)} already exists{link}; use --force (force=True) to "
            "overwrite it"
        )
    if not parent:
        raise FileNotFoundError(
            f"output {shown_path(path)}: directory {shown_path(path.parent)} does not exist; "
            "create it first"
        )


def check_output(path: PathLike, *, force: bool = False) -> tuple[Path, Path]:
    """Check that a cohort can be written to ``path`` (without writing anything).

    Parameters
    ----------
    path : str or PathLike
        Cohort file ending in ``.csv`` or ``.parquet``.
    force : bool
        Allow overwriting existing files.

    Returns
    -------
    tuple of Path
        The cohort path and its manifest path.

    Raises
    ------
    ValueError
        If the suffix is not ``.csv`` or ``.parquet``.
    FileExistsError
        If the cohort file or its manifest exists (a symbolic link too, even a dangling one)
        and ``force`` is false.
    FileNotFoundError
        If the directory does not exist.
    IsADirectoryError
        If a target is a directory.
    """
    path = Path(path)
    suffix_of(path)
    meta = manifest_path(path)
    for target in (path, meta):
        check_target(target, force)
    return path, meta


# -- manifest --------------------------------------------------------------------------------
def make_manifest(
    *, n: int, seed: int, assumptions: Assumptions, command: list[str] | None
) -> dict[str, Any]:
    """Describe how a cohort was made, for the JSON manifest written beside it.

    The manifest holds no timestamps, host names or absolute paths, so the same inputs give
    the same manifest.

    Parameters
    ----------
    n : int
        Number of pregnancies generated.
    seed : int
        Seed passed to :func:`cilib.generate_cohort`.
    assumptions : Assumptions
        Assumptions the cohort was generated with.
    command : list of str or None
        The command line as typed (for example ``["cilib", "generate", ...]``), or None when
        the cohort was made from Python.

    Returns
    -------
    dict
        Keys ``cilib_version``, ``seed``, ``n``, ``scenario``, ``assumptions_hash``,
        ``overridden`` (names of assumptions changed from the scenario), ``overrides`` (their
        values), ``command``, ``synthetic_notice`` and ``columns`` (``column``, ``dtype``,
        ``unit``, ``meaning`` of each column); :func:`cilib.io.write_cohort` adds ``data``.

    Raises
    ------
    TypeError
        If ``assumptions`` is not an :class:`~cilib.Assumptions` or ``command`` is not a list
        of strings.
    """
    if not isinstance(assumptions, Assumptions):
        raise TypeError(
            f"assumptions: got {type(assumptions).__name__}; allowed: a cilib.Assumptions"
        )
    if command is not None and (
        not isinstance(command, list | tuple) or not all(isinstance(c, str) for c in command)
    ):
        raise TypeError(f"command: got {command!r}; allowed: a list of strings or None")
    dictionary = data_dictionary()
    return {
        "cilib_version": __version__,
        "seed": int(seed),
        "n": int(n),
        "scenario": assumptions.scenario_name,
        "assumptions_hash": assumptions.hash(),
        "overridden": list(assumptions.overridden),
        "overrides": {name: assumptions[name] for name in assumptions.overridden},
        "command": list(command) if command is not None else None,
        "synthetic_notice": SYNTHETIC_NOTICE,
        "columns": [
            {k: str(row[k]) for k in ("column", "dtype", "unit", "meaning")}
            for row in dictionary.to_dict("records")
        ],
    }


def manifest_text(manifest: dict[str, Any]) -> str:
    """The JSON text of ``manifest`` (one trailing newline), refused if not serialisable."""
    if not isinstance(manifest, dict):
        raise TypeError(f"manifest: got {type(manifest).__name__}; allowed: a dict")
    try:
        return json.dumps(manifest, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except (TypeError, ValueError) as e:
        raise ValueError(f"manifest: not JSON-serialisable ({e})") from None


# -- records of tables -----------------------------------------------------------------------
def sha256(path: PathLike) -> str:
    """Hex SHA-256 of a file (read in blocks)."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _numeric(s: pd.Series) -> bool:
    return isinstance(s.dtype, np.dtype) and s.dtype.kind in "iuf"


def _range(s: pd.Series) -> list[Any]:
    """Smallest and largest finite value (JSON has no NaN or infinity)."""
    v = s[np.isfinite(s)] if s.dtype.kind == "f" else s
    if v.empty:
        return [None, None]
    return [v.min().item(), v.max().item()]


def describe(frame: pd.DataFrame, path: PathLike) -> dict[str, Any]:
    """The manifest record of ``frame`` as written to the file ``path``.

    Parameters
    ----------
    frame : DataFrame
        The table as it will be read back (dtypes of the data dictionary for a cohort).
    path : str or PathLike
        The file just written (its SHA-256 is recorded).

    Returns
    -------
    dict
        ``rows``, ``columns`` (names in order), ``dtypes`` (column: dtype), ``ranges`` (numeric column: ``[min, max]``,
        ``null`` when all missing), ``missing`` (column: count, columns with some only) and
        ``sha256``.
    """
    missing = {k: s.isna().sum() for k, s in frame.items()}  # a column at a time: small
    return {
        "rows": len(frame),
        "columns": [str(k) for k in frame.columns],
        "dtypes": {str(k): str(v) for k, v in frame.dtypes.items()},
        "ranges": {str(k): _range(s) for k, s in frame.items() if _numeric(s)},
        "missing": {str(k): int(v) for k, v in missing.items() if v},
        "sha256": sha256(path),
    }


def load_manifest(path: Path) -> dict[str, Any] | None:
    """The manifest at ``path`` as a dict, or None when there is none.

    Raises
    ------
    ValueError
        If the file is not a JSON object (a damaged manifest is refused, not ignored).
    """
    if not os.path.lexists(path):
        return None
    try:
        info = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ValueError(
            f"manifest {shown_path(path)}: cannot read it ({' '.join(str(e).split())}); allowed: "
            "the JSON object cilib wrote with the data"
        ) from None
    if not isinstance(info, dict):
        raise ValueError(
            f"manifest {shown_path(path)}: got a JSON {type(info).__name__}; allowed: an object"
        )
    return info


def _expect(record: dict, key: str, kind: type, where: str) -> Any:
    value = record.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        what = {int: "integer", list: "array"}.get(kind, "object")
        raise ValueError(
            f"{where}: its manifest's {key!r} is {shown(value)}; allowed: a JSON {what}"
        )
    return value


def check_rows_and_columns(frame: pd.DataFrame, record: dict, where: str) -> None:
    """Refuse ``frame`` unless it has the rows and the columns (in order) of ``record``."""
    if not isinstance(record, dict):
        raise ValueError(f"{where}: its manifest's record is {shown(record)}; allowed: an object")
    rows = _expect(record, "rows", int, where)
    if len(frame) != rows:
        raise ValueError(f"{where}: has {len(frame):,} rows; its manifest says {rows:,}")
    want = _expect(record, "columns", list, where)
    got = [str(c) for c in frame.columns]
    if got != want:
        lost = [c for c in want if c not in got]
        new = [c for c in got if c not in want]
        what = f"missing {shown(lost)}, unexpected {shown(new)}" if lost or new else "order"
        raise ValueError(f"{where}: columns differ from its manifest ({what})")


def _span(r: Any) -> str:
    if isinstance(r, list) and len(r) == 2:
        return "all missing" if r[0] is None else f"from {r[0]!r} to {r[1]!r}"
    return shown(r)


def _close(got: Any, want: Any, rtol: float) -> bool:
    if got is None or want is None or got == want:
        return got == want
    return abs(got - want) <= rtol * abs(want)


def check_table(
    frame: pd.DataFrame, record: dict, where: str, path: Path, *, rtol: float = 0.0
) -> None:
    """Refuse ``frame`` read from ``path`` unless it matches its manifest ``record``.

    Rows and columns first, then dtypes, missing values, ranges (to ``rtol``, relative) and
    last the file's SHA-256, so that the message says what differs where it can.

    Raises
    ------
    ValueError
        One line naming the file (``where``) and the first difference found.
    """
    check_rows_and_columns(frame, record, where)
    dtypes = _expect(record, "dtypes", dict, where)
    for name in frame.columns:
        if str(frame[name].dtype) != dtypes.get(name):
            raise ValueError(
                f"{where}, column {name!r}: dtype {frame[name].dtype}; its manifest says "
                f"{shown(dtypes.get(name))}"
            )
    missing = _expect(record, "missing", dict, where)
    for name, s in frame.items():
        count = s.isna().sum()
        if int(count) != missing.get(name, 0):
            raise ValueError(
                f"{where}, column {name!r}: {int(count):,} missing values; its manifest says "
                f"{shown(missing.get(name, 0))}"
            )
    ranges = _expect(record, "ranges", dict, where)
    for name, want in ranges.items():
        got = _range(frame[name]) if name in frame and _numeric(frame[name]) else None
        ok = isinstance(want, list) and len(want) == 2 and got is not None
        if not ok or not all(_close(g, w, rtol) for g, w in zip(got, want, strict=True)):
            raise ValueError(
                f"{where}, column {name!r}: values {_span(got)}; its manifest says {_span(want)}"
            )
    want, got = record.get("sha256"), sha256(path)
    if want is not None and got != want:
        raise ValueError(
            f"{where}: its content differs from the file its manifest describes (SHA-256 "
            f"{got[:12]}..., manifest {shown(want)}): it was changed after it was written"
        )


def data_record(info: dict[str, Any], where: str) -> dict[str, Any] | None:
    """The record of the data file in a cohort's manifest ``info`` (None if it has none).

    A manifest of cilib 0.2 or earlier has no ``data`` record: its ``n`` and ``columns``
    stand in for the rows and the columns.
    """
    if "data" in info:
        return _expect(info, "data", dict, where)
    if isinstance(info.get("n"), int) and isinstance(info.get("columns"), list):
        names = [c.get("column") for c in info["columns"] if isinstance(c, dict)]
        return {"rows": info["n"], "columns": names}
    return None


# -- cohorts ---------------------------------------------------------------------------------
def restore_cohort(raw: pd.DataFrame, where: str) -> pd.DataFrame:
    """Give ``raw`` the column order and dtypes of the data dictionary.

    Raises
    ------
    ValueError
        For missing or unexpected columns, or a value that its column's dtype cannot hold
        (one line naming ``where``, the column and up to five such values).
    """
    names = [c.name for c in COLUMNS]
    missing = [n for n in names if n not in raw.columns]
    extra = [str(n) for n in raw.columns if n not in names]
    if missing or extra:
        raise ValueError(
            f"{where}: columns do not match the data dictionary "
            f"(missing {shown(missing)}, unexpected {shown(extra)})"
        )
    out = {c.name: _restore_column(raw[c.name], c, where) for c in COLUMNS}
    return pd.DataFrame(out, index=pd.RangeIndex(len(raw)))


def _restore_column(s: pd.Series, c: Column, where: str) -> pd.Series:
    where = f"{where}, column {c.name!r}"
    if c.dtype == "category":
        values = s.astype(object).where(s.notna(), None)
        bad = sorted({str(v) for v in values.dropna() if v not in c.categories})
        if bad:
            raise ValueError(
                f"{where}: unknown categories {shown(bad[:5])}; allowed: {', '.join(c.categories)}"
            )
        return pd.Series(pd.Categorical(values, categories=list(c.categories)), name=c.name)
    if s.isna().any() and c.dtype in ("bool", "int8", "int16", "int32", "int64"):
        raise ValueError(f"{where}: {int(s.isna().sum()):,} missing values in a {c.dtype} column")
    if c.dtype == "bool":
        if s.dtype == bool:
            return s.reset_index(drop=True)
        text = s.astype(str).str.strip().str.lower()
        ok = ("true", "false", "1", "0")
        if not text.isin(ok).all():
            raise ValueError(
                f"{where}: got {shown(sorted(set(text[~text.isin(ok)]))[:5])}; allowed: 0, 1, "
                "True, False"
            )
        return text.isin(("true", "1")).reset_index(drop=True).rename(c.name)
    return pd.Series(_numbers(s, c, where), name=c.name)


def _numbers(s: pd.Series, c: Column, where: str) -> np.ndarray:
    """The values of a numeric column as ``c.dtype``, refusing what that dtype cannot hold."""
    if _numeric(s):
        values = s.to_numpy()
    else:
        obj = s.astype(object).where(s.notna(), None)
        if s.dtype.kind == "b" or obj.map(lambda v: isinstance(v, bool | np.bool_)).any():
            raise ValueError(f"{where}: got booleans; allowed: numbers ({c.dtype})")
        parsed = pd.to_numeric(obj, errors="coerce")
        bad = parsed.isna() & obj.notna()
        if bad.any():
            raise ValueError(
                f"{where}: got {shown(sorted({str(v) for v in obj[bad]})[:5])}; allowed: "
                f"numbers ({c.dtype})"
            )
        values = parsed.to_numpy()
    target = np.dtype(c.dtype)
    low = 0 if c.unit in _NON_NEGATIVE else None
    if target.kind == "i":
        info = np.iinfo(target)
        low = info.min if low is None else low
        wrong = (values < low) | (values > info.max)
        if values.dtype.kind == "f":
            wrong |= ~np.isfinite(values) | (values != np.round(values))
        allowed = f"integers from {low} to {info.max}"
    else:
        big = float(np.finfo(target).max)
        with np.errstate(invalid="ignore"):
            wrong = np.isinf(values) | (np.abs(values) > big)
            if low is not None:
                wrong |= values < low
        span = f"from 0 to {big:g}" if low is not None else f"within +-{big:g}"
        allowed = f"numbers {span} ({c.dtype}), or empty for missing"
    if wrong.any():
        examples = list(dict.fromkeys(values[wrong].tolist()))[:5]
        raise ValueError(
            f"{where}: got {shown(examples)} in {int(wrong.sum()):,} row(s); allowed: {allowed}"
        )
    return values.astype(target)
