"""Writing and reading a probabilistic sensitivity analysis: Parquet with a manifest, and
dampack's PSA layout.

:func:`write_psa` writes ``outcomes.parquet``, ``parameters.parquet``, ``summary.csv`` and
``manifest.json`` (the settings that reproduce the run, the row counts and a notice that the
data are synthetic) into a directory, all or nothing (:func:`cilib.io.atomic_write`);
:func:`read_psa` reads them back and checks the row counts against the manifest.
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

__all__ = ["read_psa", "write_dampack", "write_psa"]

PathLike = str | os.PathLike[str]
_FILES = ("outcomes.parquet", "parameters.parquet", "summary.csv", "manifest.json")


def _text(text: str):
    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    return write


def _parquet(frame: pd.DataFrame, index: bool):
    def write(tmp: Path) -> None:
        frame.to_parquet(tmp, index=index)

    return write


def _directory(out: PathLike) -> Path:
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise ValueError(f"out: got {str(path)!r}, an existing file; allowed: a directory")
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_psa(result: PSAResult, out: PathLike, *, force: bool = False) -> Path:
    """Write ``result`` into the directory ``out`` (created if needed); returns its path.

    Raises
    ------
    FileExistsError
        If one of the files exists and ``force`` is false (nothing is written).
    """
    path = _directory(out)
    manifest = {
        "synthetic": True,
        "notice": SYNTHETIC_NOTICE,
        "settings": result.settings,
        "rows": {"outcomes": len(result.outcomes), "parameters": len(result.parameters)},
        "files": list(_FILES),
    }
    jobs = [
        (path / "outcomes.parquet", _parquet(result.outcomes, index=False)),
        (path / "parameters.parquet", _parquet(result.parameters, index=True)),
        (path / "summary.csv", _text(result.summary().to_csv(index=False, lineterminator="\n"))),
        (path / "manifest.json", _text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")),
    ]
    atomic_write(jobs, force=force)
    return path


def read_psa(out: PathLike) -> PSAResult:
    """Read a directory written by :func:`write_psa`.

    Raises
    ------
    ValueError
        If a file is missing or the tables do not have the row counts of the manifest.
    """
    path = Path(out)
    missing = [f for f in _FILES if not (path / f).is_file()]
    if missing:
        raise ValueError(f"out: {str(path)!r} lacks {missing}; allowed: a directory of write_psa")
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    outcomes = pd.read_parquet(path / "outcomes.parquet")
    parameters = pd.read_parquet(path / "parameters.parquet")
    rows = manifest.get("rows", {})
    for name, frame in (("outcomes", outcomes), ("parameters", parameters)):
        if rows.get(name) != len(frame):
            raise ValueError(
                f"{name}.parquet: got {len(frame)} rows; allowed: the manifest's {rows.get(name)}"
            )
    return PSAResult(outcomes=outcomes, parameters=parameters, settings=manifest["settings"])


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
