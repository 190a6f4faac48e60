"""Writing and reading a probabilistic sensitivity analysis: Parquet with a manifest, and
dampack's PSA layout.

:func:`write_psa` writes ``outcomes.parquet``, ``parameters.parquet``, ``summary.csv`` and
``manifest.json`` (the settings that reproduce the run, the row counts and a notice that the
data are synthetic) into a directory, all or nothing (:func:`cilib.io.atomic_write`);
:func:`read_psa` reads them back and checks each table against the manifest's record of it
(rows, columns, dtypes, missing values, ranges and SHA-256; :func:`cilib.io_checks.check_table`):
a truncated or edited file is refused with one line naming it and what differs.
:func:`write_dampack` writes the three CSV tables R's dampack ``make_psa_obj`` takes: the
drawn ``parameters``, the ``effectiveness`` of each policy (one column per policy, one row per
draw) and, when costs are given, the ``cost`` table in the same layout.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from cilib.analysis.psa import OUTCOMES, PSAResult
from cilib.io import SYNTHETIC_NOTICE, atomic_write
from cilib.io_checks import check_table, describe, load_manifest, shown_path
from cilib.params.validation import shown

__all__ = ["read_psa", "write_dampack", "write_psa"]

PathLike = str | os.PathLike[str]
_FILES = ("outcomes.parquet", "parameters.parquet", "summary.csv", "manifest.json")
_TABLES = {"outcomes": False, "parameters": True}  # table: written with its index


def _text(text: str):
    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    return write


def _directory(out: PathLike) -> Path:
    path = Path(out)
    if os.path.lexists(path) and not path.is_dir():
        raise ValueError(
            f"out: got {shown_path(path)}, an existing file or link; allowed: a directory"
        )
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_psa(result: PSAResult, out: PathLike, *, force: bool = False) -> Path:
    """Write ``result`` into the directory ``out`` (created if needed); returns its path.

    The manifest records each table (:func:`cilib.io_checks.describe`) for :func:`read_psa`.

    Raises
    ------
    FileExistsError
        If one of the files exists and ``force`` is false (nothing is written).
    """
    path = _directory(out)
    frames = {"outcomes": result.outcomes, "parameters": result.parameters}
    tables: dict[str, dict] = {}

    def parquet(name: str):
        def write(tmp: Path) -> None:
            frames[name].to_parquet(tmp, index=_TABLES[name])
            tables[name] = describe(pd.read_parquet(tmp), tmp)  # the table as read back

        return write

    def manifest(tmp: Path) -> None:
        text = {
            "synthetic": True,
            "notice": SYNTHETIC_NOTICE,
            "settings": result.settings,
            "rows": {name: len(frame) for name, frame in frames.items()},
            "tables": tables,
            "files": list(_FILES),
        }
        _text(json.dumps(text, indent=2, sort_keys=True) + "\n")(tmp)

    jobs = [
        (path / "outcomes.parquet", parquet("outcomes")),
        (path / "parameters.parquet", parquet("parameters")),
        (path / "summary.csv", _text(result.summary().to_csv(index=False, lineterminator="\n"))),
        (path / "manifest.json", manifest),
    ]
    atomic_write(jobs, force=force)
    return path


def read_psa(out: PathLike) -> PSAResult:
    """Read a directory written by :func:`write_psa`.

    Raises
    ------
    ValueError
        If a file is missing, the manifest is damaged, or a table differs from the manifest's
        record of it (rows, columns, dtypes, missing values, ranges, SHA-256).
    """
    path = Path(out)
    missing = [f for f in _FILES if not (path / f).is_file()]
    if missing:
        raise ValueError(
            f"out: {shown_path(path)} lacks {missing}; allowed: a directory of write_psa"
        )
    manifest = load_manifest(path / "manifest.json") or {}
    rows = manifest.get("rows") if isinstance(manifest.get("rows"), dict) else {}
    tables = manifest.get("tables") if isinstance(manifest.get("tables"), dict) else {}
    frames = {}
    for name in _TABLES:
        file = path / f"{name}.parquet"
        try:
            frames[name] = pd.read_parquet(file)
        except (ValueError, TypeError, OSError) as e:
            raise ValueError(
                f"{name}.parquet: cannot read it ({' '.join(str(e).split())})"
            ) from None
        if rows.get(name) != len(frames[name]):
            raise ValueError(
                f"{name}.parquet: got {len(frames[name])} rows; allowed: the manifest's "
                f"{shown(rows.get(name))}"
            )
        if name in tables:  # manifests of cilib 0.2 and earlier have the rows only
            check_table(frames[name], tables[name], f"{name}.parquet in {shown_path(path)}", file)
    if not isinstance(manifest.get("settings"), dict):
        raise ValueError(f"manifest.json in {shown_path(path)}: no 'settings' object")
    return PSAResult(**frames, settings=manifest["settings"])


def write_dampack(
    result: PSAResult,
    out: PathLike,
    *,
    effectiveness: str = "survivors_per_1000",
    cost: pd.DataFrame | None = None,
    cq: pd.DataFrame | None = None,
    force: bool = False,
) -> Path:
    """Write dampack's PSA tables (``parameters.csv``, ``effectiveness.csv`` and, with
    ``cost``, ``cost.csv``) into ``out``: rows are draws in order, columns the policies.

    Parameters
    ----------
    result : PSAResult
    out : path
        Directory (created if needed).
    effectiveness : str
        The outcome of :data:`cilib.analysis.psa.OUTCOMES` to report as effectiveness (higher
        is better in dampack: the default is expected neonatal survivors per 1,000), or
        ``"qaly"`` with ``cq`` (:func:`cilib.analysis.economics.costs_and_qalys`).
    cost : DataFrame, optional
        One row per draw, one column per policy (the same layout).
    force : bool
        Overwrite existing files.

    Raises
    ------
    ValueError
        For an unknown outcome or a cost table of another shape.
    FileExistsError
        If a file exists and ``force`` is false (nothing is written).
    """
    if effectiveness == "qaly" and cq is not None:
        wide = cq.pivot(index="draw", columns="policy", values="qaly")
        wide = wide[list(dict.fromkeys(cq["policy"]))]
    elif effectiveness in OUTCOMES:
        wide = result.wide(effectiveness)
    else:
        raise ValueError(
            f"effectiveness: got {effectiveness!r}; allowed: {', '.join(OUTCOMES)}, or 'qaly' "
            "with cq"
        )
    path = _directory(out)
    csv = {"lineterminator": "\n"}
    jobs = [
        (path / "parameters.csv", _text(result.parameters.to_csv(index=False, **csv))),
        (path / "effectiveness.csv", _text(wide.to_csv(index=False, **csv))),
    ]
    if cost is not None:
        if list(cost.columns) != list(wide.columns) or len(cost) != len(wide):
            raise ValueError(
                f"cost: got {cost.shape} with columns {list(cost.columns)}; allowed: one row "
                f"per draw ({len(wide)}) and one column per policy {list(wide.columns)}"
            )
        jobs.append((path / "cost.csv", _text(cost.to_csv(index=False, **csv))))
    atomic_write(jobs, force=force)
    return path
