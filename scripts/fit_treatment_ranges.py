"""The uncertainty of each calibrated treatment effect: the values that reproduce the ends of
its target's 95% CI.

``scripts/fit_treatments.py`` finds the value of each calibrated treatment record at which the
re-run trial reproduces the published figure. This script asks the same question of the two
ends of the published 95% CI: holding every other effect at its fitted value, which value of
the record gives the CI's lower end, and which its upper end (scipy.optimize.brentq on the
same women, common random numbers; a figure the record cannot reach within its bracket is
clamped to the bracket's end and reported). That interval is the record's range in the
probabilistic sensitivity analysis (``cilib.analysis.psa``): the calibration uncertainty of a
one-target fit mapped through the model, rather than a guess.

Writes src/cilib/data/calibrated_ranges.toml (read by cilib.params.assumptions). Run after
scripts/fit_treatments.py.

Usage: python scripts/fit_treatment_ranges.py [--scale 1.0] [--seed S] [--dry-run]

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

from fit_treatments import _trial_rr, write_or_print  # the same trial populations
from scipy.optimize import brentq

from cilib.analysis import trials
from cilib.params.assumptions import Assumptions
from cilib.params.streams import DEFAULT_SEED

OUT = Path(__file__).resolve().parents[1] / "src" / "cilib" / "data" / "calibrated_ranges.toml"

#: record -> (trial, bracket searched): the trial whose published RR CI the record maps.
RR_TARGETS = {
    "hr_vp_short_cervix": ("romero_2018", (1e-3, 1.0)),
    "vp_fade_from_weeks": ("hassan_2011_ptb37", (28.0, 37.0)),
    "cerclage_support_share": ("berghella_2011", (0.0, 1.0)),
    "hr_vp_twin_short_cervix": ("romero_2017_twins", (1e-3, 1.0)),
    "hr_cerclage_history_indicated": ("mrc_rcog_1993", (1e-3, 1.0)),
}
RESCUE = ("rr_dilation_latency_cerclage", "ehsanipoor_2015", (1.0, 10.0))


def _solve(f, target: float, bracket: tuple[float, float]) -> tuple[float, str]:
    """The x in ``bracket`` with f(x) = target (f monotone), or the nearer end if unreachable."""
    lo, hi = bracket
    f_lo, f_hi = f(lo) - target, f(hi) - target
    if f_lo == 0:
        return lo, "exact"
    if f_hi == 0 or f_lo * f_hi > 0:
        return (hi if abs(f_hi) <= abs(f_lo) else lo), "clamped to the bracket"
    return brentq(lambda x: f(x) - target, lo, hi, xtol=1e-4), "solved"


def _fitted() -> Assumptions:
    return Assumptions.scenario("us_contemporary")


def rr_range(name: str, trial: str, bracket, *, seed: int, scale: float) -> dict:
    t0 = time.perf_counter()
    spec = trials.get(trial)
    a = _fitted()
    fixed = {r.name: a[r.name] for r in a.records.values() if r.status == "calibrated"}
    rr, _, _ = _trial_rr(trial, seed=seed, scale=scale, fixed=fixed)
    ends = []
    for end in (spec.published_rr_low, spec.published_rr_high):
        x, how = _solve(lambda v: rr(**{name: v})[0], end, bracket)
        ends.append((x, how))
    return _row(name, trial, a[name], ends, t0)


def rescue_range(*, seed: int, scale: float) -> dict:
    t0 = time.perf_counter()
    name, trial, bracket = RESCUE
    spec = trials.get(trial)
    a = _fitted()
    pop = trials.population(spec, n_source=int(spec.n_source * scale), seed=seed, assumptions=a)

    def gain(ratio: float) -> float:
        b = trials.trial_assumptions(spec, a.replace(**{name: ratio}))
        lat = trials.latency_days(spec, pop, seed=seed, assumptions=b)
        return float((lat["treatment"] - lat["control"]).mean())

    _, low, high = trials.EHSANIPOOR_PROLONGATION_DAYS
    ends = [_solve(gain, end, bracket) for end in (low, high)]
    return _row(name, trial, a[name], ends, t0)


def _row(name, trial, value, ends, t0) -> dict:
    (x1, how1), (x2, how2) = ends
    lo, hi = min(x1, x2, value), max(x1, x2, value)
    return {
        "name": name,
        "trial": trial,
        "value": value,
        "low": lo,
        "high": hi,
        "how": f"{how1} / {how2}",
        "seconds": time.perf_counter() - t0,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--scale", type=float, default=1.0, help="multiple of each trial's n_source")
    ap.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = ap.parse_args(argv)
    rows = [
        rr_range(name, trial, bracket, seed=args.seed, scale=args.scale)
        for name, (trial, bracket) in RR_TARGETS.items()
    ]
    rows.append(rescue_range(seed=args.seed, scale=args.scale))
    lines = [
        "# Written by scripts/fit_treatment_ranges.py; do not edit by hand.",
        "# Each calibrated treatment effect's range: the values that reproduce the ends of its",
        f"# target's published 95% CI (seed {args.seed}, n_source x {args.scale:g}).",
    ]
    for r in rows:
        print(
            f"{r['name']:32s} {r['trial']:18s} fitted {r['value']:.4g}  range "
            f"{r['low']:.4g}-{r['high']:.4g} ({r['how']}) [{r['seconds']:.0f} s]",
            flush=True,
        )
        lines.append(f"# {r['name']}: {r['trial']}, {r['how']}")
    lines += ["", '[ranges."*"]']
    lines += [
        f"{r['name']} = [{float(r['low'])!r}, {float(r['high'])!r}]"
        for r in rows
        if math.isfinite(r["low"]) and math.isfinite(r["high"])
    ]
    write_or_print("\n".join(lines) + "\n", OUT, dry_run=args.dry_run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
