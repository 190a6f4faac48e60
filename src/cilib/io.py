"""Reading and writing cohorts, their manifests and the data dictionary.

Synthetic data for teaching and research only; not for clinical use.

A cohort is written as ``.csv`` or ``.parquet`` together with a manifest named
``<file>.manifest.json`` (for example ``cohort.csv.manifest.json``) that records how it was
made: cilib version, seed, size, scenario, assumptions hash, overridden assumptions, the
command and the column documentation. Writes are atomic: every file is first written to a
temporary file in the target directory and then moved into place with :func:`os.replace`; on
any error the temporaries are removed and the targets are left as they were.

CSV files are deterministic byte for byte for the same frame: floats are written with six
significant digits (``%.6g``), missing values as empty fields, ``\\n`` line endings and no
index. Parquet files keep every value exactly. :func:`read_cohort` restores the dtypes of the
data dictionary for both formats.

Examples
--------
>>> import cilib
>>> from cilib.io import make_manifest, read_cohort, write_cohort
>>> a = cilib.Assumptions.default()
>>> cohort = cilib.generate_cohort(1_000, seed=1, assumptions=a)
>>> manifest = make_manifest(n=1_000, seed=1, assumptions=a, command=None)
>>> data, meta = write_cohort(cohort, "cohort.csv", manifest=manifest)  # doctest: +SKIP
>>> read_cohort(data).shape  # doctest: +SKIP
(1000, 33)
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cilib.model.schema import COLUMNS, Column, check_frame, data_dictionary
from cilib.params.assumptions import Assumptions
from cilib.version import __version__

__all__ = [
    "CSV_FLOAT_FORMAT",
    "SUFFIXES",
    "SYNTHETIC_NOTICE",
    "atomic_write",
    "check_output",
    "make_manifest",
    "manifest_path",
    "read_cohort",
    "write_cohort",
    "write_data_dictionary",
]

#: Suffixes :func:`write_cohort` and :func:`read_cohort` accept.
SUFFIXES: tuple[str, ...] = (".csv", ".parquet")
#: Float format of CSV files (six significant digits; deterministic).
CSV_FLOAT_FORMAT = "%.6g"
#: Notice stored in every manifest and printed by the command line.
SYNTHETIC_NOTICE = "Synthetic data for teaching and research only; not for clinical use."
MANIFEST_SUFFIX = ".manifest.json"

PathLike = str | os.PathLike[str]


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


def _suffix(path: Path, allowed: Sequence[str] = SUFFIXES) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise ValueError(
            f"output {str(path)!r}: unsupported file suffix {path.suffix or '(none)'!r}; "
            f"allowed: {', '.join(allowed)}"
        )
    return suffix


def _check_target(path: Path, force: bool) -> None:
    if path.is_dir():
        raise IsADirectoryError(f"output {str(path)!r} is a directory; allowed: a file path")
    if path.exists() and not force:
        raise FileExistsError(
            f"output {str(path)!r} already exists; use --force (force=True) to overwrite it"
        )
    parent = path.parent
    if not parent.is_dir():
        raise FileNotFoundError(
            f"output {str(path)!r}: directory {str(parent)!r} does not exist; create it first"
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
        If the cohort file or its manifest exists and ``force`` is false.
    FileNotFoundError
        If the directory does not exist.
    IsADirectoryError
        If a target is a directory.
    """
    path = Path(path)
    _suffix(path)
    meta = manifest_path(path)
    for target in (path, meta):
        _check_target(target, force)
    return path, meta


# -- atomic writes ---------------------------------------------------------------------------
def _backup(path: Path) -> Path | None:
    """Hard-link an existing file to a hidden name so that it can be restored (None if not)."""
    if not path.is_file():
        return None
    backup = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.bak")
    try:
        os.link(path, backup)
    except OSError:
        return None
    return backup


def _commit(pairs: list[tuple[Path, Path]]) -> None:
    """Move every temporary onto its target; undo the moves already made if one fails."""
    done: list[tuple[Path, Path | None]] = []
    try:
        for tmp, target in pairs:
            backup = _backup(target)
            try:
                os.replace(tmp, target)
            except BaseException:
                if backup is not None:
                    backup.unlink(missing_ok=True)
                raise
            done.append((target, backup))
    except BaseException:
        for target, backup in reversed(done):
            try:
                if backup is not None:
                    os.replace(backup, target)
                else:
                    target.unlink(missing_ok=True)
            except OSError:  # pragma: no cover - best effort; the original error is raised
                pass
        raise
    finally:
        for _, backup in done:
            if backup is not None:
                backup.unlink(missing_ok=True)


def _new_temporary(target: Path) -> Path:
    """Create an empty hidden file beside ``target`` (permissions follow the umask)."""
    while True:
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # pragma: no cover - 48-bit random name collision
            continue
        os.close(fd)
        return tmp


def atomic_write(jobs: list[tuple[Path, Callable[[Path], None]]], *, force: bool) -> None:
    """Write several files all-or-nothing.

    Each ``writer(tmp)`` writes one temporary file in its target's directory; when all have
    succeeded they are moved into place. On any error the temporaries are removed and the
    targets are left as they were.
    """
    for target, _ in jobs:
        _check_target(target, force)
    tmps: list[Path] = []
    try:
        for target, writer in jobs:
            tmps.append(_new_temporary(target))
            writer(tmps[-1])
        _commit(list(zip(tmps, (t for t, _ in jobs), strict=True)))
    finally:
        for tmp in tmps:
            tmp.unlink(missing_ok=True)


def _csv_text(frame: pd.DataFrame) -> str:
    # Booleans as 0/1 (compact, read by every tool). float64 columns (gestation at birth) keep
    # 10 significant digits so that rounding never moves a birth across a week boundary such
    # as 37 weeks; float32 columns carry only ~7 digits anyway and are written with 6.
    out = {}
    for name, col in frame.items():
        if col.dtype == bool:
            out[name] = col.astype(np.uint8)
        elif col.dtype == np.float64:
            text = np.char.mod("%.10g", col.to_numpy())
            out[name] = pd.Series(np.where(col.isna(), "", text), index=col.index)
        else:
            out[name] = col
    return pd.DataFrame(out).to_csv(
        index=False, float_format=CSV_FLOAT_FORMAT, lineterminator="\n", na_rep=""
    )


def _write_text(text: str) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(text)

    return write


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
        ``overridden`` (names of assumptions changed from the scenario), ``overrides``
        (their values), ``command``,
        ``synthetic_notice`` and ``columns`` (``column``, ``dtype``, ``unit``, ``meaning`` of
        each column).

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


def _manifest_text(manifest: dict[str, Any]) -> str:
    if not isinstance(manifest, dict):
        raise TypeError(f"manifest: got {type(manifest).__name__}; allowed: a dict")
    try:
        return json.dumps(manifest, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except (TypeError, ValueError) as e:
        raise ValueError(f"manifest: not JSON-serialisable ({e})") from None


# -- cohorts ---------------------------------------------------------------------------------
def write_cohort(
    cohort: pd.DataFrame,
    path: PathLike,
    *,
    manifest: dict[str, Any],
    force: bool = False,
) -> tuple[Path, Path]:
    """Write a cohort (``.csv`` or ``.parquet``) and its JSON manifest, atomically.

    Parameters
    ----------
    cohort : DataFrame
        A frame from :func:`cilib.generate_cohort` (it must match the data dictionary).
    path : str or PathLike
        Output file; its suffix (``.csv`` or ``.parquet``) chooses the format. The manifest
        goes to ``<path>.manifest.json``.
    manifest : dict
        JSON-serialisable description, usually from :func:`make_manifest`.
    force : bool
        Overwrite existing files.

    Returns
    -------
    tuple of Path
        The cohort path and the manifest path.

    Raises
    ------
    ValueError
        For an unsupported suffix, a frame that does not match the data dictionary or a
        manifest that is not JSON-serialisable.
    FileExistsError
        If the cohort file or the manifest exists and ``force`` is false.
    FileNotFoundError
        If the output directory does not exist.
    OSError
        If writing fails; nothing is left behind.
    """
    if not isinstance(cohort, pd.DataFrame):
        raise TypeError(f"cohort: got {type(cohort).__name__}; allowed: a pandas DataFrame")
    path, meta = check_output(path, force=force)
    problems = check_frame(cohort)
    if problems:
        raise ValueError(
            f"cohort does not match the data dictionary ({len(problems)} problem(s)): {problems[0]}"
        )
    meta_text = _manifest_text(manifest)
    if _suffix(path) == ".csv":
        write_data: Callable[[Path], None] = _write_text(_csv_text(cohort))
    else:

        def write_data(tmp: Path) -> None:
            cohort.to_parquet(tmp, engine="pyarrow", index=False)

    atomic_write([(path, write_data), (meta, _write_text(meta_text))], force=force)
    return path, meta


def _restore(raw: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Give ``raw`` the column order and dtypes of the data dictionary."""
    names = [c.name for c in COLUMNS]
    missing = [n for n in names if n not in raw.columns]
    extra = [str(n) for n in raw.columns if n not in names]
    if missing or extra:
        raise ValueError(
            f"cohort file {str(path)!r}: columns do not match the data dictionary "
            f"(missing {missing}, unexpected {extra})"
        )
    out = {}
    for c in COLUMNS:
        out[c.name] = _restore_column(raw[c.name], c, path)
    return pd.DataFrame(out, index=pd.RangeIndex(len(raw)))


def _restore_column(s: pd.Series, c: Column, path: Path) -> pd.Series:
    where = f"cohort file {str(path)!r}, column {c.name!r}"
    if c.dtype == "category":
        values = s.astype(object).where(s.notna(), None)
        bad = sorted({str(v) for v in values.dropna() if v not in c.categories})
        if bad:
            raise ValueError(
                f"{where}: unknown categories {bad[:5]}; allowed: {', '.join(c.categories)}"
            )
        return pd.Series(
            pd.Categorical(values, categories=list(c.categories)), name=c.name
        ).reset_index(drop=True)
    if s.isna().any() and c.dtype in ("bool", "int8", "int16", "int32", "int64"):
        raise ValueError(f"{where}: missing values in a {c.dtype} column")
    try:
        if c.dtype == "bool" and s.dtype != bool:
            text = s.astype(str).str.strip().str.lower()
            ok = ("true", "false", "1", "0")
            if not text.isin(ok).all():
                bad = sorted(set(text[~text.isin(ok)]))[:5]
                raise ValueError(f"{where}: got {bad}; allowed: 0, 1, True, False")
            return text.isin(("true", "1")).reset_index(drop=True).rename(c.name)
        return s.astype(np.dtype(c.dtype)).reset_index(drop=True)
    except (TypeError, ValueError, OverflowError) as e:
        if str(e).startswith(where):
            raise
        raise ValueError(f"{where}: cannot read as {c.dtype} ({e})") from None


def read_cohort(path: PathLike) -> pd.DataFrame:
    """Read a cohort written by :func:`write_cohort`, restoring the dictionary's dtypes.

    Categorical columns get their categories, and boolean, integer and float32 columns their
    dtypes, so that :func:`cilib.model.schema.check_frame` finds no problems. If the manifest is
    present its ``scenario``, ``seed``, ``n``, ``assumptions_hash`` and ``overrides`` go to
    ``attrs``, so that :func:`cilib.assumptions_of` can rebuild the assumptions.

    Parameters
    ----------
    path : str or PathLike
        A ``.csv`` or ``.parquet`` cohort file.

    Returns
    -------
    DataFrame
        The cohort. CSV files hold floats to six significant digits.

    Raises
    ------
    ValueError
        For an unsupported suffix or a file whose columns or values do not match the data
        dictionary.
    FileNotFoundError
        If ``path`` does not exist.
    """
    path = Path(path)
    suffix = _suffix(path)
    if not path.is_file():
        raise FileNotFoundError(f"cohort file {str(path)!r} not found")
    if suffix == ".csv":
        dtypes = {c.name: (str if c.dtype in ("category", "bool") else c.dtype) for c in COLUMNS}
        try:
            raw = pd.read_csv(
                path, dtype=dtypes, keep_default_na=False, na_values=[""], encoding="utf-8"
            )
        except (ValueError, TypeError) as e:
            raise ValueError(f"cohort file {str(path)!r}: cannot read as a cohort ({e})") from None
    else:
        raw = pd.read_parquet(path, engine="pyarrow")
    frame = _restore(raw, path)
    meta = manifest_path(path)
    if meta.is_file():
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            info = {}
        if isinstance(info, dict):
            keys = ("scenario", "seed", "n", "assumptions_hash", "overrides")
            frame.attrs.update({k: info[k] for k in keys if k in info}, synthetic=True)
    return frame


def write_data_dictionary(path: PathLike, force: bool = False) -> Path:
    """Write the data dictionary (:func:`cilib.data_dictionary`) as CSV, atomically.

    Parameters
    ----------
    path : str or PathLike
        Output file ending in ``.csv``.
    force : bool
        Overwrite an existing file.

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    ValueError
        If the suffix is not ``.csv``.
    FileExistsError
        If ``path`` exists and ``force`` is false.
    """
    path = Path(path)
    _suffix(path, allowed=(".csv",))
    text = data_dictionary().to_csv(index=False, lineterminator="\n")
    atomic_write([(path, _write_text(text))], force=force)
    return path
