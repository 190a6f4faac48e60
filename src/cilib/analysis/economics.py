"""Costs, QALYs, ICERs and cost-effectiveness acceptability curves of a PSA.

A cost/utility table (TOML, :func:`load_costs`) prices the PSA's outcomes: each scan, each woman
given each treatment, each infant born in a band of gestation (neonatal care) and each
mid-trimester loss, and values each infant surviving the neonatal period in QALYs.
:func:`costs_and_qalys` turns every draw x policy of a :class:`~cilib.analysis.psa.PSAResult`
into a cost and QALYs per pregnancy; :func:`icers` compares each policy with a reference;
:func:`ceac` gives the probability that each policy has the highest net monetary benefit at each
willingness to pay. The package's example table (``data/costs_example.toml``) is
**illustrative**: its numbers are not read from any source.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from cilib.analysis.psa import PSAResult
from cilib.params.validation import floats, shown

__all__ = ["COSTS", "UTILITIES", "CostTable", "ceac", "costs_and_qalys", "icers", "load_costs"]

#: Cost keys a table must price (per scan, per woman treated, per infant by band, per loss).
COSTS = (
    "scan",
    "vaginal_progesterone",
    "im_17ohpc",
    "cerclage",
    "pessary",
    "bed_rest",
    "infant_lt28",
    "infant_28_31",
    "infant_32_33",
    "infant_34_36",
    "midtrimester_loss",
)
#: Utility keys a table must give.
UTILITIES = ("qaly_per_survivor",)
_TREATED = ("vaginal_progesterone", "im_17ohpc", "cerclage", "pessary")


@dataclass(frozen=True)
class CostTable:
    """A validated cost/utility table: ``currency``, whether its numbers are
    ``illustrative``, ``costs`` (:data:`COSTS`) and ``utilities`` (:data:`UTILITIES`)."""

    currency: str
    illustrative: bool
    costs: dict[str, float]
    utilities: dict[str, float]


def _section(raw: dict, name: str, keys: tuple[str, ...], where: str) -> dict[str, float]:
    got = raw.get(name)
    if not isinstance(got, dict):
        raise ValueError(f"{where}: no [{name}] table; allowed: a table with {', '.join(keys)}")
    missing = [k for k in keys if k not in got]
    if missing:
        raise ValueError(f"{where} [{name}]: missing {missing}; allowed: every one of {list(keys)}")
    unknown = [k for k in got if k not in keys]
    if unknown:
        raise ValueError(f"{where} [{name}]: unknown {unknown}; allowed: {list(keys)}")
    out = {}
    for k in keys:
        v = got[k]
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v) or v < 0:
            raise ValueError(f"{where} [{name}] {k}: got {shown(v)}; allowed: a number >= 0")
        out[k] = float(v)
    return out


def load_costs(path: str | Path | None = None) -> CostTable:
    """Read and validate a cost/utility table (default: the package's illustrative example).

    Raises
    ------
    ValueError
        If the file is missing or not TOML, or an entry is missing, unknown, negative or not a
        number (one line naming the entry).
    """
    if path is None:
        where = "costs_example.toml"
        text = (resources.files("cilib") / "data" / where).read_text(encoding="utf-8")
    else:
        if not isinstance(path, str | os.PathLike):
            raise TypeError(
                f"path: got {shown(path)} of type {type(path).__name__}; allowed: a path to a "
                "TOML cost table or None"
            )
        where = str(path)
        if not Path(path).is_file():
            raise ValueError(f"path: got {shown(where)}, not a file; allowed: a TOML cost table")
        text = Path(path).read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"costs: {where!r} is not valid TOML ({e})") from None
    return CostTable(
        currency=str(raw.get("currency", "")),
        illustrative=bool(raw.get("illustrative", False)),
        costs=_section(raw, "costs", COSTS, where),
        utilities=_section(raw, "utilities", UTILITIES, where),
    )


def costs_and_qalys(result: PSAResult, table: CostTable) -> pd.DataFrame:
    """Cost and QALYs per pregnancy of every draw and policy: columns ``draw``, ``policy``,
    ``cost`` and ``qaly`` (infants by band of gestation from the rates per 1,000 infants;
    survivors from the expected survivors per 1,000 pregnancies)."""
    w = result.outcomes.pivot_table(
        index=["draw", "policy"], columns="outcome", values="value", sort=False
    )
    c = table.costs
    n = w["pregnancies"]
    per_infant = w["infants"] / n / 1000.0  # infants per pregnancy, per 1,000 of the rates
    bands = {
        "infant_lt28": w["ptb_lt28_per_1000"],
        "infant_28_31": w["ptb_lt32_per_1000"] - w["ptb_lt28_per_1000"],
        "infant_32_33": w["ptb_lt34_per_1000"] - w["ptb_lt32_per_1000"],
        "infant_34_36": w["ptb_lt37_per_1000"] - w["ptb_lt34_per_1000"],
    }
    cost = w["scans"] * c["scan"] / n
    cost += sum(w[f"treated_{t}"] * c[t] for t in _TREATED) / n
    cost += sum(rate * per_infant * c[band] for band, rate in bands.items())
    cost += w["midtrimester_loss_per_1000"] / 1000.0 * c["midtrimester_loss"]
    qaly = w["survivors_per_1000"] / 1000.0 * table.utilities["qaly_per_survivor"]
    out = pd.DataFrame({"cost": cost, "qaly": qaly}).reset_index()
    return out[["draw", "policy", "cost", "qaly"]]


def icers(cq: pd.DataFrame, reference: str) -> pd.DataFrame:
    """Each policy against ``reference``: mean incremental cost and QALYs over the draws (with
    their 2.5% and 97.5% quantiles) and the ICER (mean incremental cost over mean incremental
    QALYs; NaN when the QALYs do not differ).

    Raises
    ------
    ValueError
        If ``reference`` is not a policy of ``cq``.
    """
    policies = list(dict.fromkeys(cq["policy"]))
    if reference not in policies:
        raise ValueError(f"reference: got {shown(reference)}; allowed: {', '.join(policies)}")
    wide = cq.pivot(index="draw", columns="policy", values=["cost", "qaly"])
    rows = []
    for p in policies:
        if p == reference:
            continue
        dc = wide["cost"][p] - wide["cost"][reference]
        dq = wide["qaly"][p] - wide["qaly"][reference]
        mean_dq = float(dq.mean())
        rows.append(
            {
                "policy": p,
                "incremental_cost": float(dc.mean()),
                "incremental_cost_low": float(dc.quantile(0.025)),
                "incremental_cost_high": float(dc.quantile(0.975)),
                "incremental_qaly": mean_dq,
                "incremental_qaly_low": float(dq.quantile(0.025)),
                "incremental_qaly_high": float(dq.quantile(0.975)),
                "icer": float(dc.mean()) / mean_dq if mean_dq != 0 else math.nan,
            }
        )
    return pd.DataFrame(rows)


def ceac(cq: pd.DataFrame, willingness_to_pay) -> pd.DataFrame:
    """Cost-effectiveness acceptability: for each willingness to pay per QALY, the share of
    draws in which each policy has the highest net monetary benefit (``wtp * qaly - cost``;
    ties split). Columns ``wtp``, ``policy``, ``probability``.

    Raises
    ------
    ValueError
        If a willingness to pay is negative or not finite.
    """
    allowed = "finite numbers >= 0"
    wtp = np.atleast_1d(floats("willingness_to_pay", willingness_to_pay, allowed))
    if not np.all(np.isfinite(wtp)) or np.any(wtp < 0):
        raise ValueError(f"willingness_to_pay: got {shown(wtp.tolist())}; allowed: {allowed}")
    cost = cq.pivot(index="draw", columns="policy", values="cost")
    qaly = cq.pivot(index="draw", columns="policy", values="qaly")[cost.columns]
    rows = []
    for lam in wtp:
        nmb = lam * qaly - cost
        best = nmb.eq(nmb.max(axis=1), axis=0)
        share = best.div(best.sum(axis=1), axis=0).mean()
        rows += [{"wtp": float(lam), "policy": p, "probability": float(share[p])} for p in cost]
    return pd.DataFrame(rows)
