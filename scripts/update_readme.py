"""Regenerate the generated tables in README.md (assumptions, calibration, simulated trials).

Usage: python scripts/update_readme.py [--check]
With --check, exit 1 if README.md is out of date instead of writing it.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

from cilib.params.streams import DEFAULT_SEED

README = Path(__file__).resolve().parents[1] / "README.md"


def _markdown(table, flag: str, first: str) -> str:
    """Markdown rows of a calibration-style table; ``flag`` is its pass/consistent column."""
    lines = [
        f"| {first} | target | published | simulated (95% MC CI) | accepted | {flag} | source |",
        "| --- | --- | ---: | --- | --- | --- | --- |",
    ]
    for r in table.to_dict("records"):
        label = r["target"] if first == "#" else r["key"]
        lines.append(
            f"| {label} | {r['description']} | {r['published']:g} {r['unit']} | "
            f"{r['simulated']:.3g} ({r['ci_low']:.3g} to {r['ci_high']:.3g}) | "
            f"{r['lower']:.3g} to {r['upper']:.3g} | {'yes' if r[flag] else 'NO'} | "
            f"{r['sources']} |"
        )
    return "\n".join(lines)


def calibration_markdown(n: int = 200_000, seed: int = DEFAULT_SEED) -> str:
    from cilib.analysis.calibration import calibrate

    parts = []
    for scenario, table in calibrate(n=n, seed=seed).groupby("scenario", sort=False):
        parts.append(f"**{scenario}**\n\n" + _markdown(table, "pass", "#"))
    return "\n\n".join(parts)


def validation_markdown(n: int = 200_000, seed: int = DEFAULT_SEED) -> str:
    from cilib.analysis.calibration import validation

    return _markdown(validation(n=n, seed=seed), "consistent", "check")


def _pct(x: float) -> str:
    return "—" if math.isnan(x) else f"{100 * x:.1f}"


def trials_markdown(seed: int = DEFAULT_SEED) -> str:
    """The simulated trials beside the published ones (``cilib.trials.run_all``, scale 1)."""
    from cilib.analysis import trials

    lines = [
        "| trial | outcome | control, simulated (95% CI) | control, published | near | "
        "RR, simulated (95% CI) | RR, published (95% CI) | inside |",
        "| --- | --- | --- | ---: | --- | --- | --- | --- |",
    ]
    for r in trials.run_all(seed=seed).to_dict("records"):
        near = r["control_near_published"]
        lines.append(
            f"| {r['trial']} | {r['outcome']} | {_pct(r['control_rate'])} "
            f"({_pct(r['control_low'])} to {_pct(r['control_high'])}) % | "
            f"{_pct(r['published_control'])} | "
            f"{'—' if near is None else 'yes' if near else 'NO'} | "
            f"{r['rr']:.2f} ({r['rr_low']:.2f} to {r['rr_high']:.2f}) | "
            f"{r['published_rr']:.2f} ({r['published_rr_low']:.2f} to "
            f"{r['published_rr_high']:.2f}) | {'yes' if r['rr_within_published_ci'] else 'NO'} |"
        )
    return "\n".join(lines)


def posterior_markdown() -> str:
    """The calibration posterior: its run's diagnostics and each record's spread, beside the
    spread of the ABC-MCMC chains it started from (the pilot)."""
    from importlib import resources

    import pandas as pd

    from cilib.analysis.abc import summary
    from cilib.params import posterior

    post = posterior.load()
    if post is None:
        return "No calibration posterior ships with this version."
    m = post.meta
    with (resources.files("cilib") / "data" / "posterior_pilot.csv").open("r") as f:
        pilot = summary(pd.read_csv(f)).set_index("record")
    lines = [
        f"{post.size} draws, kept of {m['candidates']:,} candidates (pass rate "
        f"{m['pass_rate']:.2f}): the final states of {m['chains']:,} chains of "
        f"{m['steps_per_chain']:,} steps on the emulator (after {m['burn']:,} of burn-in; "
        f"acceptance {m['acceptance']:.2f}; split R-hat over the chains at most "
        f"{m['sampler_rhat_max']:.3f}; longest autocorrelation time "
        f"{m['sampler_iat_max_recorded_steps']:.1f} recorded steps of {m['thin']}), each "
        f"simulated at {m['n']:,} pregnancies per scenario, seed {m['seed']}. The emulator was "
        f"fitted to {m['training_points']:,} simulations ({m['training_passing']} passing); its "
        f"cross-validated error is {m['emulator_error_median']:.3f} (median) to "
        f"{m['emulator_error_max']:.3f} (largest) of a target's half-interval, and out of "
        f"sample it judges plausible {m['coverage_out_of_sample']:.0%} of the simulations that "
        f"pass. Largest target residual {m['worst_residual_max']:.3f} (at most 1: every draw "
        "passes). Pilot: the ABC-MCMC chains' 95% interval.",
        "",
        "| record | fitted | 2.5% | median | 97.5% | pilot 2.5% | pilot 97.5% |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in summary(post.particles).to_dict("records"):
        p = pilot.loc[r["record"]]
        lines.append(
            f"| `{r['record']}` | {r['fitted']:.4g} | {r['low']:.4g} | {r['median']:.4g} | "
            f"{r['high']:.4g} | {p['low']:.4g} | {p['high']:.4g} |"
        )
    return "\n".join(lines)


def render(text: str) -> str:
    from cilib.cli import params_markdown

    for name, body in (
        ("params-table", params_markdown()),
        ("calibration-table", calibration_markdown()),
        ("validation-table", validation_markdown()),
        ("trials-table", trials_markdown()),
        ("posterior-table", posterior_markdown()),
    ):
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        text = pattern.sub(lambda m, b=body: m.group(1) + b + "\n" + m.group(2), text)
    return text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    old = README.read_text(encoding="utf-8")
    new = render(old)
    if args.check:
        print("README.md is up to date" if new == old else "README.md is out of date")
        return 0 if new == old else 1
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
