"""The ``cilib`` command line: generate cohorts, show assumptions, calibrate, document columns.

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
.. code-block:: console

    $ cilib generate --n 100000 --seed 1 --scenario iams_1996 --out cohort.parquet
    $ cilib params --format markdown
    $ cilib calibrate --scenario fmf_london
    $ cilib dictionary --format csv

Every subcommand has ``--help``. Bad input exits with status 2 and one line on stderr;
``calibrate`` exits with status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import difflib
import math
import os
import sys
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pandas as pd

from cilib.model.cohort import MAX_N, generate_cohort
from cilib.model.schema import births, data_dictionary, infants
from cilib.params.assumptions import Assumptions, scenarios
from cilib.params.streams import DEFAULT_SEED
from cilib.version import __version__

__all__ = ["main", "params_markdown"]

PROG = "cilib"
FORMATS = ("table", "csv", "markdown")
DEFAULT_SCENARIO = "us_contemporary"
CALIBRATION_N = 200_000
CALIBRATION_SEED = DEFAULT_SEED


class UsageError(Exception):
    """Bad command-line input detected after parsing (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (``cilib <sub>: error: ...``), status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {_one_line(message)}\n")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# -- argument types --------------------------------------------------------------------------
def _int_arg(name: str, lo: int, hi: int | None, allowed: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            value = None
        if value is None or value < lo or (hi is not None and value > hi):
            raise argparse.ArgumentTypeError(f"got {text!r}; allowed: {allowed}")
        return value

    parse.__name__ = name
    return parse


_n_arg = _int_arg("n", 1, MAX_N, f"an integer number of pregnancies, 1 to {MAX_N:,}")
_seed_arg = _int_arg("seed", 0, None, "a non-negative integer")


def _scenario_arg(text: str) -> str:
    known = scenarios()
    if text not in known:
        close = difflib.get_close_matches(text, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise argparse.ArgumentTypeError(f"got {text!r}{hint}; allowed: {', '.join(known)}")
    return text


# -- formatting ------------------------------------------------------------------------------
def _g(x: Any) -> str:
    """Deterministic short number format (``:g``); empty for missing values."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    if isinstance(x, bool | np.bool_):
        return "yes" if x else "no"
    if isinstance(x, int | float | np.integer | np.floating):
        return f"{float(x):g}"
    return str(x)


def _md_cell(x: Any) -> str:
    return _g(x).replace("|", "\\|").replace("\n", " ")


def _markdown(rows: list[list[Any]], header: list[str], align: str) -> str:
    """A GitHub markdown table; ``align`` has one of ``l``/``r`` per column."""
    sep = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(sep) + " |"]
    lines += ["| " + " | ".join(_md_cell(x) for x in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _text_table(frame: pd.DataFrame) -> str:
    shown = frame.copy()
    for col in shown.columns:
        if shown[col].dtype.kind in "fcb":
            shown[col] = [_g(x) for x in shown[col]]
    return shown.to_string(index=False) + "\n"


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def _params_table(scenario: str, group: str | None) -> pd.DataFrame:
    table = Assumptions.scenario(scenario).table()
    if group is not None:
        groups = list(dict.fromkeys(table["group"]))
        if group not in groups:
            close = difflib.get_close_matches(group, groups, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise UsageError(f"--group: got {group!r}{hint}; allowed: {', '.join(groups)}")
        table = table[table["group"] == group].reset_index(drop=True)
    return table


def params_markdown(scenario: str = DEFAULT_SCENARIO, *, group: str | None = None) -> str:
    """The assumptions of a scenario as a GitHub markdown table.

    This is the output of ``cilib params --format markdown`` and the source of the README's
    parameter table. Columns: name | value | unit | range | status | sources; numbers use
    ``:g`` so that the text is deterministic.

    Parameters
    ----------
    scenario : str
        Scenario name (see :func:`cilib.scenarios`).
    group : str, optional
        Only the assumptions of this group (``population``, ``cervix``, ...).

    Returns
    -------
    str
        The table, one line per assumption, ending in a newline.

    Raises
    ------
    ValueError
        For an unknown scenario or group.
    """
    if not isinstance(scenario, str) or scenario not in scenarios():
        Assumptions.scenario(scenario)  # raises the library's ValueError
    try:
        table = _params_table(scenario, group)
    except UsageError as e:
        raise ValueError(str(e).removeprefix("--")) from None
    return _params_markdown_table(table)


def _params_markdown_table(table: pd.DataFrame) -> str:
    rows = [
        [
            f"`{r['name']}`",
            r["value"],
            r["unit"],
            f"{r['low']:g} to {r['high']:g}",
            r["status"],
            r["sources"],
        ]
        for r in table.to_dict("records")
    ]
    return _markdown(rows, ["name", "value", "unit", "range", "status", "sources"], "lrllll")


# -- subcommands -----------------------------------------------------------------------------
def _load_assumptions(scenario: str | None, file: str | None) -> Assumptions:
    """Assumptions from ``--scenario`` and ``--assumptions`` (see ``cilib generate --help``)."""
    if file is None:
        return Assumptions.scenario(scenario or DEFAULT_SCENARIO)
    path = Path(file)
    if not path.is_file():
        raise UsageError(f"--assumptions: file {file!r} not found")
    try:
        with path.open("rb") as f:
            raw = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise UsageError(f"--assumptions: file {file!r} is not valid TOML ({e})") from None
    file_scenario = raw.get("scenario")
    if scenario is not None and file_scenario is not None and file_scenario != scenario:
        raise UsageError(
            f"--scenario {scenario!r} disagrees with scenario = {file_scenario!r} in the "
            f"--assumptions file {file!r}; give one of them, or make them agree"
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
            message = f"--assumptions file {file!r}: {message}"
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


# -- parser ----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    """The ``cilib`` argument parser (subcommands generate, params, calibrate, dictionary)."""
    notice = "Synthetic data for teaching and research only; not for clinical use."
    parser = _Parser(
        prog=PROG,
        description="Synthetic pregnancy cohorts for teaching and researching cervical "
        "insufficiency and short-cervix screening.",
        epilog=notice,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(
        dest="command", metavar="{generate,params,calibrate,dictionary}", required=True
    )
    scen = ", ".join(scenarios())

    g = sub.add_parser(
        "generate",
        help="generate a cohort and write it with a manifest",
        description="Generate a synthetic cohort and write it (.csv or .parquet) with a JSON "
        "manifest beside it (<out>.manifest.json). Assumptions come from --scenario, then "
        "from the --assumptions TOML file; the file's own 'scenario' key is used when "
        "--scenario is not given, and the two must agree when both are given.",
        epilog=notice,
        allow_abbrev=False,
    )
    g.add_argument(
        "--n",
        type=_n_arg,
        required=True,
        metavar="N",
        help=f"number of pregnancies, 1 to {MAX_N:,}",
    )
    g.add_argument(
        "--seed",
        type=_seed_arg,
        required=True,
        metavar="S",
        help="non-negative integer seed; the same seed gives the same cohort",
    )
    g.add_argument(
        "--scenario",
        type=_scenario_arg,
        default=None,
        metavar="NAME",
        help=f"scenario ({scen}; default {DEFAULT_SCENARIO})",
    )
    g.add_argument(
        "--assumptions",
        default=None,
        metavar="FILE.toml",
        help="TOML file with 'scenario' and a [values] table of overrides "
        "(as written by Assumptions.to_toml)",
    )
    g.add_argument(
        "--out", required=True, metavar="FILE", help="output file ending in .csv or .parquet"
    )
    g.add_argument("--force", action="store_true", help="overwrite existing output files")
    g.set_defaults(func=_cmd_generate)

    p = sub.add_parser(
        "params",
        help="show the assumptions of a scenario",
        description="Print the assumption records of a scenario (value, unit, plausible "
        "range, status and sources).",
        epilog=notice,
        allow_abbrev=False,
    )
    p.add_argument(
        "--scenario",
        type=_scenario_arg,
        default=None,
        metavar="NAME",
        help=f"scenario ({scen}; default {DEFAULT_SCENARIO})",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="output format (default table; markdown is the README's table)",
    )
    p.add_argument(
        "--group",
        default=None,
        metavar="GROUP",
        help="only this group of assumptions (population, cervix, hazards, ...)",
    )
    p.set_defaults(func=_cmd_params)

    c = sub.add_parser(
        "calibrate",
        help="compare simulated figures with published targets",
        description="Simulate each scenario and compare its figures with the published "
        "calibration targets. Exits with status 1 if any target is outside its acceptance "
        f"interval (the tolerances assume --n >= {CALIBRATION_N:,}).",
        epilog=notice,
        allow_abbrev=False,
    )
    c.add_argument(
        "--scenario",
        type=_scenario_arg,
        default=None,
        metavar="NAME",
        help=f"one scenario ({scen}); default all",
    )
    c.add_argument(
        "--n",
        type=_n_arg,
        default=CALIBRATION_N,
        metavar="N",
        help=f"pregnancies per scenario (default {CALIBRATION_N:,})",
    )
    c.add_argument(
        "--seed",
        type=_seed_arg,
        default=CALIBRATION_SEED,
        metavar="S",
        help=f"seed (default {CALIBRATION_SEED})",
    )
    c.add_argument("--format", choices=FORMATS, default="table", help="output format")
    c.set_defaults(func=_cmd_calibrate)

    d = sub.add_parser(
        "dictionary",
        help="show the data dictionary of cohort columns",
        description="Print every cohort column with its dtype, unit, meaning and categories.",
        epilog=notice,
        allow_abbrev=False,
    )
    d.add_argument("--format", choices=FORMATS, default="table", help="output format")
    d.add_argument(
        "--out",
        default=None,
        metavar="FILE.csv",
        help="write the dictionary to this CSV file instead of printing it",
    )
    d.add_argument("--force", action="store_true", help="overwrite an existing --out file")
    d.set_defaults(func=_cmd_dictionary)
    return parser


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror and not isinstance(exc, FileExistsError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror}"
    return str(exc) or type(exc).__name__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``cilib`` command line.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        Exit status: 0 on success, 1 when ``calibrate`` misses a target, 2 for bad input
        (with one ``cilib: error: ...`` line on stderr and nothing written).
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version and usage errors
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    try:
        return args.func(args, argv)
    except (UsageError, ValueError, TypeError, OSError) as e:
        if isinstance(e, BrokenPipeError):
            _silence_stdout()
            return 1
        print(f"{PROG}: error: {_one_line(_describe(e))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def _silence_stdout() -> None:
    """After a broken pipe (``cilib params | head``), stop Python complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # pragma: no cover
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
