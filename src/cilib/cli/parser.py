"""The ``cilib`` argument parser and :func:`main`: bad input exits with status 2 and one line."""

from __future__ import annotations

import argparse
import difflib
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from cilib.cli.commands import _cmd_calibrate, _cmd_dictionary, _cmd_generate, _cmd_params
from cilib.cli.formats import (
    CALIBRATION_N,
    CALIBRATION_SEED,
    DEFAULT_SCENARIO,
    FORMATS,
    PROG,
    UsageError,
)
from cilib.io import Interrupted, interruptible
from cilib.model.cohort import MAX_N
from cilib.params.assumptions import scenarios
from cilib.params.validation import shown
from cilib.version import __version__

__all__ = ["build_parser", "main"]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (``cilib <sub>: error: ...``), status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {_short(message)}\n")


# -- argument types --------------------------------------------------------------------------
def _int_arg(name: str, lo: int, hi: int | None, allowed: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            value = None
        if value is None or value < lo or (hi is not None and value > hi):
            raise argparse.ArgumentTypeError(f"got {shown(text)}; allowed: {allowed}")
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
        raise argparse.ArgumentTypeError(f"got {shown(text)}{hint}; allowed: {', '.join(known)}")
    return text


# -- parser ----------------------------------------------------------------------------------
NOTICE = "Synthetic data for teaching and research only; not for clinical use."


def _subcommand(sub, name: str, help: str, description: str, func) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=description, epilog=NOTICE, allow_abbrev=False)
    p.set_defaults(func=func)
    return p


def _scenario_option(p: argparse.ArgumentParser, help: str) -> None:
    p.add_argument("--scenario", type=_scenario_arg, default=None, metavar="NAME", help=help)


def _add_generate(sub, scen: str) -> None:
    g = _subcommand(
        sub,
        "generate",
        "generate a cohort and write it with a manifest",
        "Generate a synthetic cohort and write it (.csv or .parquet) with a JSON manifest beside "
        "it (<out>.manifest.json). Assumptions come from --scenario, then from the "
        "--assumptions TOML file; the file's own 'scenario' key is used when --scenario is not "
        "given, and the two must agree when both are given.",
        _cmd_generate,
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
    _scenario_option(g, f"scenario ({scen}; default {DEFAULT_SCENARIO})")
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


def _add_params(sub, scen: str) -> None:
    p = _subcommand(
        sub,
        "params",
        "show the assumptions of a scenario",
        "Print the assumption records of a scenario (value, unit, plausible range, status and "
        "sources).",
        _cmd_params,
    )
    _scenario_option(p, f"scenario ({scen}; default {DEFAULT_SCENARIO})")
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


def _add_calibrate(sub, scen: str) -> None:
    c = _subcommand(
        sub,
        "calibrate",
        "compare simulated figures with published targets",
        "Simulate each scenario and compare its figures with the published calibration targets. "
        "Exits with status 1 if any target is outside its acceptance interval (the tolerances "
        f"assume --n >= {CALIBRATION_N:,}).",
        _cmd_calibrate,
    )
    _scenario_option(c, f"one scenario ({scen}); default all")
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


def _add_dictionary(sub, scen: str) -> None:
    d = _subcommand(
        sub,
        "dictionary",
        "show the data dictionary of cohort columns",
        "Print every cohort column with its dtype, unit, meaning and categories.",
        _cmd_dictionary,
    )
    d.add_argument("--format", choices=FORMATS, default="table", help="output format")
    d.add_argument(
        "--out",
        default=None,
        metavar="FILE.csv",
        help="write the dictionary to this CSV file instead of printing it",
    )
    d.add_argument("--force", action="store_true", help="overwrite an existing --out file")


#: The subcommands, in the order of ``cilib --help``.
def _add_psa(sub, scen: str) -> None:
    from cilib.cli.psa import add_psa

    add_psa(sub, scen, _subcommand, _int_arg, _scenario_arg)


def _add_notebooks(sub, scen: str) -> None:
    from cilib.cli.notebooks import add_notebooks

    add_notebooks(sub, _subcommand)


SUBCOMMANDS = {
    "generate": _add_generate,
    "params": _add_params,
    "calibrate": _add_calibrate,
    "dictionary": _add_dictionary,
    "psa": _add_psa,
    "notebooks": _add_notebooks,
}


def build_parser() -> argparse.ArgumentParser:
    """The ``cilib`` argument parser (subcommands generate, params, calibrate, dictionary,
    psa, notebooks)."""
    parser = _Parser(
        prog=PROG,
        description="Synthetic pregnancy cohorts for teaching and researching cervical "
        "insufficiency and short-cervix screening.",
        epilog=NOTICE,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(
        dest="command", metavar="{" + ",".join(SUBCOMMANDS) + "}", required=True
    )
    scen = ", ".join(scenarios())
    for add in SUBCOMMANDS.values():
        add(sub, scen)
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
        (with one ``cilib: error: ...`` line on stderr and nothing written), 128 + the signal
        number when SIGINT (130), SIGTERM (143) or SIGHUP (129) stops it (one line on stderr;
        files being written are removed, nothing partial is left).
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version and usage errors
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    with interruptible() as received:
        try:
            code = args.func(args, argv)
            if received:  # a signal whose exception something swallowed
                raise Interrupted(received[0])
            return code
        except KeyboardInterrupt as e:  # Interrupted, or Ctrl-C where cilib had no handler
            signum = getattr(e, "signum", signal.SIGINT)
            print(f"{PROG}: interrupted by {signal.Signals(signum).name}", file=sys.stderr)
            return 128 + signum
        except (UsageError, ValueError, TypeError, OSError) as e:
            if isinstance(e, BrokenPipeError):
                _silence_stdout()
                return 1
            print(f"{PROG}: error: {_short(_describe(e))}", file=sys.stderr)
            return 2


def _short(message: str, limit: int = 600) -> str:
    """``message`` on one line, each word cut to 80 characters and the whole to ``limit``: a
    huge value echoed by some error never floods the terminal."""
    words = [w if len(w) <= 80 else f"{w[:50]}...{w[-27:]}" for w in str(message).split()]
    text = " ".join(words)
    return text if len(text) <= limit else f"{text[: limit // 2]} ... {text[-limit // 2 + 5 :]}"


def _silence_stdout() -> None:
    """After a broken pipe (``cilib params | head``), stop Python complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # pragma: no cover
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
