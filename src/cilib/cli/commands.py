"""The subcommands of the command line: generate, params, calibrate, dictionary."""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd

from cilib.cli.formats import (
    CALIBRATION_N,
    DEFAULT_SCENARIO,
    PROG,
    UsageError,
    _csv,
    _markdown,
    _params_markdown_table,
    _params_table,
    _text_table,
)
from cilib.io_checks import shown_path
from cilib.model.cohort import check_memory, generate_cohort
from cilib.model.schema import births, data_dictionary, infants
from cilib.params.assumptions import Assumptions
from cilib.params.validation import shown


# -- subcommands -----------------------------------------------------------------------------
def _load_assumptions(scenario: str | None, file: str | None) -> Assumptions:
    """Assumptions from ``--scenario`` and ``--assumptions`` (see ``cilib generate --help``)."""
    if file is None:
        return Assumptions.scenario(scenario or DEFAULT_SCENARIO)
    path = Path(file)
    if not path.is_file():
        raise UsageError(f"--assumptions: file {shown_path(file)} not found")
    try:
        with path.open("rb") as f:
            raw = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise UsageError(
            f"--assumptions: file {shown_path(file)} is not valid TOML ({e})"
        ) from None
    file_scenario = raw.get("scenario")
    if scenario is not None and file_scenario is not None and file_scenario != scenario:
        raise UsageError(
            f"--scenario {scenario!r} disagrees with scenario = {shown(file_scenario)} in the "
            f"--assumptions file {shown_path(file)}; give one of them, or make them agree"
        )
    try:
        loaded = Assumptions.from_toml(path)
        if scenario is None or loaded.scenario_name == scenario:
            return loaded
        # the file has no scenario key: apply its values on top of --scenario
        base = Assumptions.scenario(scenario)
        values = raw.get("values", {})
        changed = {k: v for k, v in values.items() if k not in base.records or base[k] != v}
        return base.replace(**changed)
    except (ValueError, TypeError) as e:
        message = str(e)
        if file not in message:
            message = f"--assumptions file {shown_path(file)}: {message}"
        raise UsageError(message) from None


def _preterm_summary(cohort: pd.DataFrame, a: Assumptions) -> str:
    """Preterm births as a percentage of births (infants, as national statistics count)."""
    ga = cohort["ga_birth_weeks"].to_numpy()
    w = np.where(births(cohort, a), infants(cohort), 0.0)
    cut = a["preterm_before_weeks"]
    if w.sum() == 0:
        return f"no births at >= {a['loss_before_weeks']:g} wk, so no preterm rate"
    pct = 100.0 * float((w * (ga < cut)).sum() / w.sum())
    return f"preterm birth <{cut:g} wk: {pct:.1f}% of {int(w.sum()):,} births (infants)"


def _cmd_generate(args: argparse.Namespace, argv: list[str]) -> int:
    from cilib.io import SYNTHETIC_NOTICE, check_output, make_manifest, write_cohort

    a = _load_assumptions(args.scenario, args.assumptions)
    data_path, meta_path = check_output(args.out, force=args.force)  # before the slow part
    check_memory(args.n, data_path.suffix.lower(), name="--n")
    cohort = generate_cohort(args.n, seed=args.seed, assumptions=a)
    manifest = make_manifest(n=args.n, seed=args.seed, assumptions=a, command=[PROG, *argv])
    data_path, meta_path = write_cohort(cohort, data_path, manifest=manifest, force=args.force)
    overridden = f", {len(a.overridden)} assumption(s) overridden" if a.overridden else ""
    print(
        f"Generated {args.n:,} synthetic pregnancies (scenario {a.scenario_name}, seed "
        f"{args.seed}, assumptions {a.hash()}{overridden}); {_preterm_summary(cohort, a)}. "
        f"Wrote {data_path} and {meta_path}."
    )
    print(SYNTHETIC_NOTICE)
    return 0


def _cmd_params(args: argparse.Namespace, argv: list[str]) -> int:
    table = _params_table(args.scenario or DEFAULT_SCENARIO, args.group)
    if args.format == "markdown":
        sys.stdout.write(_params_markdown_table(table))
    elif args.format == "csv":
        sys.stdout.write(_csv(table))
    else:
        cols = ["name", "group", "value", "unit", "low", "high", "status", "sources"]
        sys.stdout.write(_text_table(table[cols]))
    return 0


def _cmd_calibrate(args: argparse.Namespace, argv: list[str]) -> int:
    from cilib.analysis.calibration import calibrate  # imported when used: it is slow

    table = calibrate(args.scenario, n=args.n, seed=args.seed)
    cols = [
        "target",
        "key",
        "scenario",
        "published",
        "simulated",
        "ci_low",
        "ci_high",
        "lower",
        "upper",
        "unit",
        "pass",
    ]
    if args.format == "csv":
        sys.stdout.write(_csv(table))
    elif args.format == "markdown":
        rows = table[cols].to_numpy().tolist()
        sys.stdout.write(_markdown(rows, cols, "lllrrrrrrlr"))
    else:
        sys.stdout.write(_text_table(table[cols]))
    failed = table.loc[~table["pass"].astype(bool), "key"].tolist()
    if failed:
        note = f" (tolerances assume --n >= {CALIBRATION_N:,})" if args.n < CALIBRATION_N else ""
        print(
            f"{PROG} calibrate: {len(failed)} of {len(table)} targets outside their acceptance "
            f"interval: {', '.join(failed)}{note}",
            file=sys.stderr,
        )
        return 1
    return 0


def _cmd_dictionary(args: argparse.Namespace, argv: list[str]) -> int:
    from cilib.io import write_data_dictionary

    if args.out is not None:
        path = write_data_dictionary(args.out, force=args.force)
        print(f"Wrote {path}.")
        return 0
    table = data_dictionary()
    if args.format == "csv":
        sys.stdout.write(_csv(table))
    elif args.format == "markdown":
        sys.stdout.write(_markdown(table.to_numpy().tolist(), list(table.columns), "lllll"))
    else:
        sys.stdout.write(_text_table(table))
    return 0
