"""Reading and writing cohorts, their manifests and the data dictionary.

Synthetic data for teaching and research only; not for clinical use.

A cohort is written as ``.csv`` or ``.parquet`` together with a manifest named
``<file>.manifest.json`` (for example ``cohort.csv.manifest.json``) that records how it was
made (cilib version, seed, size, scenario, assumptions hash, overridden assumptions, the
command and the column documentation) and what was written (rows, dtypes, ranges, missing
counts, SHA-256; :mod:`cilib.io_checks`). :func:`read_cohort` restores the dtypes of the data
dictionary for both formats, refuses values they cannot hold, and refuses a file that differs
from its manifest.

Writes are atomic: every file is first written to a temporary file in the target directory
and then moved into place with :func:`os.replace`; on any error, and on SIGINT, SIGTERM or
SIGHUP (:func:`interruptible`), the temporaries are removed and the targets are left as they
were. An existing path (a symbolic link too, even a dangling one) is overwritten only with
``force``.

CSV files are deterministic byte for byte for the same frame: floats are written with six
significant digits (``%.6g``), missing values as empty fields, ``\\n`` line endings and no
index. Parquet files keep every value exactly.

Examples
--------
>>> import cilib
>>> from cilib.io import make_manifest, read_cohort, write_cohort
>>> a = cilib.Assumptions.default()
>>> cohort = cilib.generate_cohort(1_000, seed=1, assumptions=a)
>>> manifest = make_manifest(n=1_000, seed=1, assumptions=a, command=None)
>>> data, meta = write_cohort(cohort, "cohort.csv", manifest=manifest)  # doctest: +SKIP
>>> read_cohort(data).shape  # doctest: +SKIP
(1000, 48)
"""

from __future__ import annotations

import os
import signal
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cilib.io_checks import (
    CSV_RTOL,
    SUFFIXES,
    SYNTHETIC_NOTICE,
    check_output,
    check_rows_and_columns,
    check_table,
    check_target,
    data_record,
    describe,
    load_manifest,
    make_manifest,
    manifest_path,
    manifest_text,
    restore_cohort,
    shown_path,
    suffix_of,
)
from cilib.model.schema import COLUMNS, check_frame, data_dictionary

__all__ = [
    "CSV_FLOAT_FORMAT",
    "SUFFIXES",
    "SYNTHETIC_NOTICE",
    "Interrupted",
    "atomic_write",
    "check_output",
    "interruptible",
    "make_manifest",
    "manifest_path",
    "read_cohort",
    "write_cohort",
    "write_data_dictionary",
]

#: Float format of CSV files (six significant digits; deterministic).
CSV_FLOAT_FORMAT = "%.6g"
#: Rows of a CSV file formatted at a time (bounds the memory the text takes).
CSV_CHUNK_ROWS = 20_000

PathLike = str | os.PathLike[str]


# -- signals ---------------------------------------------------------------------------------
class Interrupted(KeyboardInterrupt):
    """SIGINT, SIGTERM or SIGHUP arrived (``signum``); raised by the handlers of
    :func:`interruptible` so that writes remove their temporary files before the process
    ends. The command line exits with status 128 + ``signum`` (130 for Ctrl-C)."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"interrupted by {signal.Signals(signum).name}")
        self.signum = signum


#: Signals that stop cilib cleanly (SIGHUP where the platform has it).
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
_received: list[int] = []  # stop signals received while a handler of interruptible was in place
_deferring = [0]  # > 0 while cleanups and commits run: signals are recorded, raised after


def _stop(signum: int, frame: Any) -> None:
    _received.append(signum)
    if not _deferring[0]:
        raise Interrupted(signum)


def _is_default(signum: int, handler: Any) -> bool:
    default = signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL
    return handler == default


@contextmanager
def interruptible() -> Iterator[list[int]]:
    """In the block, SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted` in the main thread.

    Only signals whose handler is Python's default are taken over (and given back after the
    block), so nested blocks and handlers of the caller's own are left alone. If the block
    ends by such a signal that would have killed the process (SIGTERM, SIGHUP), the process
    is killed by it after the cleanups have run, as it would have been without cilib.

    Yields
    ------
    list of int
        The signals received in the block, even those whose exception was swallowed (numpy's
        ``np.char.mod`` loses a KeyboardInterrupt raised while it runs, for example):
        :func:`atomic_write` commits nothing once one arrived.
    """
    installed: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in STOP_SIGNALS:
            handler = signal.getsignal(signum)
            if _is_default(signum, handler):
                installed[signum] = signal.signal(signum, _stop)
    if installed:
        _received.clear()
    try:
        yield _received
    except Interrupted as e:
        if e.signum in installed and installed[e.signum] == signal.SIG_DFL:
            _restore(installed)
            os.kill(os.getpid(), e.signum)  # die by the signal, now that nothing is left
        raise
    finally:
        _restore(installed)


def _restore(installed: dict[int, Any]) -> None:
    for signum, handler in installed.items():
        signal.signal(signum, handler)
    if installed:
        _received.clear()


@contextmanager
def _deferred() -> Iterator[None]:
    """Stop signals arriving in the block are raised at its end, so that it runs whole."""
    before = len(_received)
    _deferring[0] += 1
    try:
        yield
    finally:
        _deferring[0] -= 1
    if len(_received) > before and not _deferring[0]:
        raise Interrupted(_received[before])


# -- atomic writes ---------------------------------------------------------------------------
def _backup(path: Path) -> Path | None:
    """Hard-link an existing file (or symbolic link) to a hidden name so that it can be
    restored (None if there is nothing or it cannot be linked)."""
    if not os.path.lexists(path) or path.is_dir():
        return None
    backup = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.bak")
    try:
        os.link(path, backup, follow_symlinks=False)
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


def _new_temporary(target: Path, tmps: list[Path]) -> Path:
    """Create an empty hidden file beside ``target``, listed in ``tmps`` before it exists (so
    that an interruption cannot leave it behind); permissions follow the umask."""
    while True:
        tmps.append(target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.tmp"))
        try:
            fd = os.open(tmps[-1], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # pragma: no cover - 48-bit random name collision
            tmps.pop()
            continue
        os.close(fd)
        return tmps[-1]


def atomic_write(jobs: list[tuple[Path, Callable[[Path], None]]], *, force: bool) -> None:
    """Write several files all-or-nothing.

    Each ``writer(tmp)`` writes one temporary file in its target's directory; when all have
    succeeded they are moved into place. On any error, and on SIGINT, SIGTERM or SIGHUP
    (:func:`interruptible`), the temporaries are removed and the targets are left as they
    were; a signal that arrives while the files are moved into place is raised once they are.
    """
    for target, _ in jobs:
        check_target(target, force)
    tmps: list[Path] = []
    with interruptible() as received:
        try:
            for target, writer in jobs:
                writer(_new_temporary(target, tmps))
            with _deferred():
                if received:  # a signal whose exception was swallowed while writing
                    raise Interrupted(received[0])
                _commit(list(zip(tmps, (t for t, _ in jobs), strict=True)))
        finally:
            with _deferred():
                for tmp in tmps:
                    tmp.unlink(missing_ok=True)


def _csv_text(frame: pd.DataFrame, header: bool = True) -> str:
    # Booleans as 0/1 (compact, read by every tool). float64 columns (gestation at birth) keep
    # 10 significant digits so that rounding never moves a birth across a week boundary such
    # as 37 weeks; float32 columns carry only ~7 digits anyway and are written with 6.
    out = {}
    for name, col in frame.items():
        if col.dtype == bool:
            out[name] = col.astype(np.uint8)
        elif col.dtype == np.float64:
            # a Python loop, not np.char.mod: that one swallows Ctrl-C (numpy 2.4) and is
            # slower; the text is the same
            text = ["" if v != v else f"{v:.10g}" for v in col.to_numpy().tolist()]
            out[name] = pd.Series(text, index=col.index, dtype=object)
        else:
            out[name] = col
    return pd.DataFrame(out).to_csv(
        index=False,
        header=header,
        float_format=CSV_FLOAT_FORMAT,
        lineterminator="\n",
        na_rep="",
    )


def _write_csv(frame: pd.DataFrame) -> Callable[[Path], None]:
    """A writer of ``frame`` as CSV, :data:`CSV_CHUNK_ROWS` rows at a time (the same bytes as
    one piece: every value is formatted on its own); it stops at the next chunk once a stop
    signal arrived, even one whose exception numpy's formatting swallowed."""

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            for lo in range(0, max(len(frame), 1), CSV_CHUNK_ROWS):
                if _received:  # a signal whose exception the formatting swallowed (F2)
                    raise Interrupted(_received[0])
                f.write(_csv_text(frame.iloc[lo : lo + CSV_CHUNK_ROWS], header=lo == 0))

    return write


def _write_text(text: str) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(text)

    return write


# -- cohorts ---------------------------------------------------------------------------------
def write_cohort(
    cohort: pd.DataFrame,
    path: PathLike,
    *,
    manifest: dict[str, Any],
    force: bool = False,
) -> tuple[Path, Path]:
    """Write a cohort (``.csv`` or ``.parquet``) and its JSON manifest, atomically.

    The manifest written is ``manifest`` with a ``data`` record of the file
    (:func:`cilib.io_checks.describe`: rows, dtypes, ranges, missing counts, SHA-256), against
    which :func:`read_cohort` checks the file.

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
            f"cohort does not match the data dictionary ({len(problems)} problem(s)): "
            f"{problems[0][:300]}"
        )
    manifest_text(manifest)  # refuse a manifest that cannot be written before the slow part
    written: list[Path] = []

    def write_data(tmp: Path) -> None:
        if suffix_of(path) == ".csv":
            _write_csv(cohort)(tmp)
        else:
            cohort.to_parquet(tmp, engine="pyarrow", index=False)
        written.append(tmp)

    def write_meta(tmp: Path) -> None:
        data = {"data": describe(cohort, written[0])}
        _write_text(manifest_text({**manifest, **data}))(tmp)

    atomic_write([(path, write_data), (meta, write_meta)], force=force)
    return path, meta


def _read_raw(path: Path, where: str) -> pd.DataFrame:
    """The table in ``path`` as parsed: CSV categories and booleans as text, numbers as
    pandas reads them (dtypes are restored and checked by :func:`restore_cohort`)."""
    try:
        if suffix_of(path) == ".parquet":
            return pd.read_parquet(path, engine="pyarrow")
        text = {c.name: str for c in COLUMNS if c.dtype in ("category", "bool")}
        return pd.read_csv(path, dtype=text, keep_default_na=False, na_values=[""])
    except (ValueError, TypeError) as e:
        message = " ".join(str(e).split())
        raise ValueError(f"{where}: cannot read as a cohort ({message[:300]})") from None


def read_cohort(path: PathLike) -> pd.DataFrame:
    """Read a cohort written by :func:`write_cohort`, restoring the dictionary's dtypes.

    Categorical columns get their categories, and boolean, integer and float32 columns their
    dtypes, so that :func:`cilib.model.schema.check_frame` finds no problems; a value a dtype
    cannot hold (a parity of 300 or 1.5, text in a number column) is refused, never wrapped
    or rounded. If the manifest is present the file must match it (rows, columns, dtypes,
    missing values, ranges and SHA-256: a truncated or edited file is refused), and its
    ``scenario``, ``seed``, ``n``, ``assumptions_hash`` and ``overrides`` go to ``attrs``, so
    that :func:`cilib.assumptions_of` can rebuild the assumptions.

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
        For an unsupported suffix, a file whose columns or values do not match the data
        dictionary, a file that differs from its manifest, or a damaged manifest (one line
        naming the file and what differs).
    FileNotFoundError
        If ``path`` does not exist.
    """
    path = Path(path)
    suffix = suffix_of(path)
    where = f"cohort file {shown_path(path)}"
    try:
        found = path.is_file()
    except OSError as e:  # a name too long, for example
        raise ValueError(f"{where}: {e.strerror}; allowed: a path the system accepts") from None
    if not found:
        raise FileNotFoundError(f"{where} not found")
    info = load_manifest(manifest_path(path))
    raw = _read_raw(path, where)
    record = None if info is None else data_record(info, where)
    if record is not None:
        check_rows_and_columns(raw, record, where)
    frame = restore_cohort(raw, where)
    if record is not None and "sha256" in record:
        check_table(frame, record, where, path, rtol=CSV_RTOL if suffix == ".csv" else 0.0)
    if info is not None:
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
    suffix_of(path, allowed=(".csv",))
    text = data_dictionary().to_csv(index=False, lineterminator="\n")
    atomic_write([(path, _write_text(text))], force=force)
    return path
