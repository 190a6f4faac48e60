"""Calibrate treatment hazard ratios to published trial risk ratios.

For each treatment effect, a one-dimensional root search (scipy.optimize.brentq) finds the
hazard ratio at which the simulated *counterfactual* risk ratio (every eligible woman followed
under both arms, common random numbers) of the target trial equals the published RR:

- hr_vp_short_cervix: Romero 2018 IPD, PTB < 33 wk, singletons with CL <= 25 mm, RR 0.62
  (evidence.md target 14; Fonseca 2007 and Hassan 2011 are left as checks);
- hr_cerclage_ultrasound_indicated: Berghella 2011, PTB < 35 wk, RR 0.70 (target 15);
- hr_17ohpc_meis_2003: Meis 2003, PTB < 37 wk, RR 0.66;
- hr_cerclage_history_indicated: MRC/RCOG 1993, delivery < 33 wk, derived RR 0.76;
- hr_cerclage_effaced_cervix (last, with the HRs above): the Danish strict-CI cohort, 30% of
  second pregnancies with a cerclage ending < 28 wk (two pregnancies managed under acog_2021).

Eligible women are drawn once per trial from a fixed-seed cohort; only the HR changes between
evaluations. A fitted value outside the record's [low, high] is written anyway and flagged:
the mechanism dilutes a hazard ratio (births before the start, indicated births, non-adherence,
effects on some hazards only), so the HR that reproduces a trial's RR can lie beyond the RR's CI.

Writes src/cilib/data/calibrated_treatments.toml. Only records with status "calibrated" take
the fitted values (see cilib.assumptions).

Usage: python scripts/fit_treatments.py [--scale 2.0] [--seed 20240601] [--dry-run]

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from scipy.optimize import brentq

from cilib import trials
from cilib.assumptions import Assumptions

OUT = Path(__file__).resolve().parents[1] / "src" / "cilib" / "data" / "calibrated_treatments.toml"

#: (assumption, trial, published RR the counterfactual RR must reproduce)
TARGETS = (
    ("hr_vp_short_cervix", "romero_2018", 0.62),
    ("hr_cerclage_ultrasound_indicated", "berghella_2011", 0.70),
    ("hr_17ohpc_meis_2003", "meis_2003", 0.66),
    ("hr_cerclage_history_indicated", "mrc_rcog_1993", 0.76),
)
HR_LOW, HR_HIGH = 1e-3, 1.0
#: Fitted after the trials, to the Danish strict-CI cohort's cerclage arm (a validation check).
EFFACED = "hr_cerclage_effaced_cervix"


def _uncalibrated(scenario: str) -> Assumptions:
    """The scenario with every treatment HR at its published starting value (record default),
    so that a previous fit never feeds into this one."""
    from cilib.defaults import BASE_RECORDS

    a = Assumptions.scenario(scenario)
    start = {r.name: r.value for r in BASE_RECORDS if r.group == "treatments"}
    return a.replace(**{n: start[n] for n in (*(n for n, _, _ in TARGETS), EFFACED)})


def fit_one(param: str, trial: str, target: float, *, seed: int, scale: float) -> dict:
    spec = trials.get(trial)
    t0 = time.perf_counter()
    base = _uncalibrated(spec.scenario)
    pop = trials.population(spec, n_source=int(spec.n_source * scale), seed=seed, assumptions=base)

    def rr(hr: float) -> float:
        a = trials.trial_assumptions(spec, base.replace(**{param: hr}))
        y0, y1 = trials.arm_outcomes(spec, pop, seed=seed, assumptions=a)
        return trials.paired_rr(y0, y1)[0]

    rec = base.record(param)
    lo_rr, hi_rr = rr(HR_LOW), rr(HR_HIGH)
    row = {
        "assumption": param,
        "trial": trial,
        "target_rr": target,
        "n_eligible": len(pop.cohort),
        "rr_at_start_value": rr(rec.value),
        "rr_range": (lo_rr, hi_rr),
        "record_low": rec.low,
        "record_high": rec.high,
    }
    if not lo_rr <= target <= hi_rr:
        row.update(value=None, status="unreachable: RR cannot reach the target for HR in (0, 1]")
    else:
        hr = brentq(lambda h: rr(h) - target, HR_LOW, HR_HIGH, xtol=1e-4)
        a = trials.trial_assumptions(spec, base.replace(**{param: hr}))
        y0, y1 = trials.arm_outcomes(spec, pop, seed=seed, assumptions=a)
        fit_rr, fit_lo, fit_hi = trials.paired_rr(y0, y1)
        inside = rec.low <= hr <= rec.high
        row.update(
            value=hr,
            rr_fitted=(fit_rr, fit_lo, fit_hi),
            status="inside record range" if inside else "OUTSIDE record range [low, high]",
        )
    row["seconds"] = time.perf_counter() - t0
    return row


def fit_effaced(hrs: dict, *, seed: int, n_women: int = 400_000) -> dict:
    """hr_cerclage_effaced_cervix so that, after strict cervical insufficiency, a cerclage in the
    next pregnancy (two pregnancies managed under acog_2021) gives the Danish cohort's rate of
    ends before 28 wk (check ``ci_recurrence_lt28_cerclage``), with the trial HRs just fitted."""
    from cilib.calibration import CHECKS, _cerclage_recurrence

    check = next(t for t in CHECKS if t.key == "ci_recurrence_lt28_cerclage")
    t0 = time.perf_counter()
    base = _uncalibrated("us_contemporary").replace(**hrs)
    rec = base.record(EFFACED)

    def rate(hr: float) -> float:
        return _cerclage_recurrence(base.replace(**{EFFACED: hr}), seed, n_women)[0]

    lo_rate, hi_rate = rate(HR_LOW), rate(HR_HIGH)
    row = {
        "assumption": EFFACED,
        "trial": "danish_ci_cohort",
        "target_rr": check.published,
        "n_eligible": n_women,
        "rr_at_start_value": rate(rec.value),
        "rr_range": (lo_rate, hi_rate),
        "record_low": rec.low,
        "record_high": rec.high,
    }
    if not lo_rate <= check.published <= hi_rate:
        row.update(
            value=None, status="unreachable: the rate cannot reach the target for HR in (0, 1]"
        )
    else:
        hr = brentq(lambda h: rate(h) - check.published, HR_LOW, HR_HIGH, xtol=1e-4)
        inside = rec.low <= hr <= rec.high
        row.update(
            value=hr,
            rr_fitted=(rate(hr), float("nan"), float("nan")),
            status="inside record range" if inside else "OUTSIDE record range [low, high]",
        )
    row["seconds"] = time.perf_counter() - t0
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20_240_601)
    ap.add_argument("--scale", type=float, default=2.0, help="multiple of each trial's n_source")
    ap.add_argument("--dry-run", action="store_true", help="fit and print, do not write")
    args = ap.parse_args(argv)
    rows = []
    for param, trial, target in TARGETS:
        row = fit_one(param, trial, target, seed=args.seed, scale=args.scale)
        rows.append(row)
        print(
            f"{param:34s} {trial:16s} target RR {target:.3f}  n={row['n_eligible']:6d}  "
            f"RR at start value {row['rr_at_start_value']:.3f}  "
            f"RR range over HR (0,1]: {row['rr_range'][1]:.3f}..{row['rr_range'][0]:.3f}  ->  "
            + (
                f"HR {row['value']:.4f} (record {row['record_low']:g}-{row['record_high']:g}, "
                f"{row['status']}); fitted RR {row['rr_fitted'][0]:.3f} "
                f"({row['rr_fitted'][1]:.3f}-{row['rr_fitted'][2]:.3f})"
                if row["value"] is not None
                else row["status"]
            )
            + f"  [{row['seconds']:.1f} s]",
            flush=True,
        )
    row = fit_effaced(
        {r["assumption"]: r["value"] for r in rows if r["value"] is not None}, seed=args.seed
    )
    rows.append(row)
    print(
        f"{EFFACED:34s} danish_ci_cohort target {row['target_rr']:g}% ends <28 wk; rate at "
        f"start value {row['rr_at_start_value']:.1f}%, over HR (0,1]: {row['rr_range'][0]:.1f}.."
        f"{row['rr_range'][1]:.1f}%  ->  "
        + (
            f"HR {row['value']:.4f} ({row['status']}); fitted {row['rr_fitted'][0]:.1f}%"
            if row["value"] is not None
            else row["status"]
        )
        + f"  [{row['seconds']:.1f} s]",
        flush=True,
    )
    fitted = [r for r in rows if r["value"] is not None]
    lines = [
        "# Written by scripts/fit_treatments.py; do not edit by hand.",
        f"# Counterfactual (same-women) RR of each target trial; seed = {args.seed}, "
        f"n_source = {args.scale:g} x each trial's default.",
    ]
    for r in rows:
        where = "" if r["value"] is None else f", {r['status']}"
        lines.append(
            f"# {r['assumption']}: {r['trial']} RR {r['target_rr']:g}"
            f" (record range {r['record_low']:g}-{r['record_high']:g}{where})"
            + ("" if r["value"] is not None else f"; NOT FITTED: {r['status']}")
        )
    lines += ["", '[values."*"]']
    lines += [f"{r['assumption']} = {r['value']!r}" for r in fitted]
    text = "\n".join(lines) + "\n"
    if args.dry_run:
        print(text)
    else:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
