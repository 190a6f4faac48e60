"""One-way and global (Sobol) sensitivity analysis of a policy's effect.

The output studied is one outcome of :data:`cilib.analysis.psa.OUTCOMES` for a policy minus
the same outcome for a reference policy, on the same women (common random numbers), e.g.
births before 34 weeks averted per 1,000 by universal screening over no screening.
:func:`model_output` turns that into a function of the assumption values; every evaluation
uses the same seed, so the cohort's latent draws are shared and a change in the output comes
from the parameters, not from sampling noise.

- :func:`one_way`: each parameter at the 2.5% and 97.5% quantiles of its sampling
  distribution (about its plausible range), the others at their values: a tornado chart's
  bars (:func:`cilib.plots.psa.tornado`).
- :func:`sobol`: first-order and total Sobol indices with SALib (Saltelli's scheme on the
  parameters' quantiles, each mapped through its own distribution).
- :func:`morris`: Morris elementary-effects screening with SALib, for many parameters at a
  cost of (k + 1) evaluations per trajectory.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from cilib.analysis.psa import OUTCOMES, varied_parameters
from cilib.interventions.compare import compare_policies
from cilib.model.cohort import generate_cohort
from cilib.params.assumptions import Assumptions
from cilib.params.distributions import Sampling, sampling
from cilib.params.streams import DEFAULT_SEED
from cilib.params.validation import shown

__all__ = ["model_output", "morris", "one_way", "sobol"]

#: The quantiles of a parameter's distribution a one-way analysis sets it to.
ONE_WAY_QUANTILES = (0.025, 0.975)


def model_output(
    policy,
    outcome: str,
    *,
    reference="no_screening",
    n: int = 50_000,
    seed: int = DEFAULT_SEED,
    scenario: str | Assumptions = "us_contemporary",
) -> Callable[[Mapping[str, float]], float]:
    """A function of assumption values returning ``outcome`` under ``policy`` minus under
    ``reference`` (same cohort seed at every call).

    Raises
    ------
    ValueError
        For an unknown outcome (policies are checked at the first call).
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome: got {shown(outcome)}; allowed: {', '.join(OUTCOMES)}")
    base = scenario if isinstance(scenario, Assumptions) else Assumptions.scenario(scenario)
    column, scale = OUTCOMES[outcome]
    arms = [reference, policy]

    def evaluate(values: Mapping[str, float]) -> float:
        a = base.replace(**dict(values)) if values else base
        cohort = generate_cohort(n, seed=seed, assumptions=a)
        t = compare_policies(cohort, arms, seed=seed, reference=reference, assumptions=a)
        v = t[column].to_numpy(np.float64) * scale
        return float(v[1] - v[0])

    return evaluate


def one_way(
    evaluate: Callable[[Mapping[str, float]], float],
    names: Sequence[str] | None = None,
    *,
    scenario: str | Assumptions = "us_contemporary",
) -> pd.DataFrame:
    """Each parameter at the ends of its distribution (:data:`ONE_WAY_QUANTILES`), the others
    at their values.

    Returns
    -------
    DataFrame
        One row per parameter, largest swing first: ``parameter``, ``value``, ``low``,
        ``high`` (the parameter's settings), ``base``, ``output_low``, ``output_high``
        (the output at each end) and ``swing`` (``|output_high - output_low|``).
    """
    a = scenario if isinstance(scenario, Assumptions) else Assumptions.scenario(scenario)
    names = varied_parameters(a, "treatments") if names is None else varied_parameters(a, names)
    base = evaluate({})
    rows = []
    for name in names:
        lo, hi = (float(x) for x in sampling(a.record(name)).ppf(ONE_WAY_QUANTILES))
        rows.append(
            {
                "parameter": name,
                "value": a[name],
                "low": lo,
                "high": hi,
                "base": base,
                "output_low": evaluate({name: lo}),
                "output_high": evaluate({name: hi}),
            }
        )
    table = pd.DataFrame(rows)
    table["swing"] = (table["output_high"] - table["output_low"]).abs()
    return table.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def _problem(samplers: Sequence[Sampling]) -> dict:
    """SALib's problem: each parameter on its quantile scale, (0, 1)."""
    names = [s.name for s in samplers]
    return {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}


def _evaluate_design(
    evaluate: Callable[[Mapping[str, float]], float], samplers: Sequence[Sampling], u
) -> np.ndarray:
    """``evaluate`` at each row of a design of quantiles, each through its parameter's
    distribution (a quantile of 0 or 1 is infinite for open supports: clipped to 1e-9)."""
    q = np.clip(np.asarray(u, np.float64), 1e-9, 1.0 - 1e-9)
    x = np.column_stack([s.ppf(q[:, j]) for j, s in enumerate(samplers)])
    names = [s.name for s in samplers]
    return np.array([evaluate(dict(zip(names, row, strict=True))) for row in x])


def sobol(
    evaluate: Callable[[Mapping[str, float]], float],
    samplers: Sequence[Sampling],
    *,
    base_samples: int = 64,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """First-order and total Sobol indices of ``evaluate`` over independent parameters.

    SALib draws Saltelli's sample of the parameters' quantiles (``base_samples`` x (k + 2)
    evaluations for k parameters, ``base_samples`` a power of 2), each quantile goes through its
    :class:`~cilib.params.distributions.Sampling`, and SALib estimates the indices with
    bootstrap 95% intervals.

    Returns
    -------
    DataFrame
        One row per parameter: ``parameter``, ``S1``, ``S1_conf``, ``ST``, ``ST_conf``.

    Raises
    ------
    ValueError
        If ``base_samples`` is not a power of 2 of at least 4, or fewer than two parameters.
    """
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample

    if base_samples < 4 or base_samples & (base_samples - 1):
        raise ValueError(f"base_samples: got {base_samples}; allowed: a power of 2, >= 4")
    if len(samplers) < 2:
        raise ValueError(f"samplers: got {len(samplers)}; allowed: at least two parameters")
    problem = _problem(samplers)
    u = sample.sample(problem, base_samples, calc_second_order=False, seed=seed)
    y = _evaluate_design(evaluate, samplers, u)
    si = analyze.analyze(problem, y, calc_second_order=False, seed=seed)
    return pd.DataFrame(
        {
            "parameter": problem["names"],
            "S1": si["S1"],
            "S1_conf": si["S1_conf"],
            "ST": si["ST"],
            "ST_conf": si["ST_conf"],
        }
    )


def morris(
    evaluate: Callable[[Mapping[str, float]], float],
    samplers: Sequence[Sampling],
    *,
    trajectories: int = 10,
    levels: int = 4,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Morris screening of ``evaluate`` over independent parameters: ``trajectories`` x (k + 1)
    evaluations on a grid of ``levels`` quantiles of each parameter (SALib), each quantile
    through its :class:`~cilib.params.distributions.Sampling`.

    Returns
    -------
    DataFrame
        One row per parameter, most influential first: ``parameter``, ``mu_star`` (mean
        absolute elementary effect, per unit of the quantile scale), ``mu_star_conf``
        (bootstrap 95% half-width) and ``sigma`` (spread of the effects: interactions or
        non-linearity).

    Raises
    ------
    ValueError
        If ``trajectories`` < 2, ``levels`` is not an even number >= 2, or fewer than two
        parameters.
    """
    from SALib.analyze import morris as analyze
    from SALib.sample import morris as sample

    if trajectories < 2:
        raise ValueError(f"trajectories: got {trajectories}; allowed: an integer >= 2")
    if levels < 2 or levels % 2:
        raise ValueError(f"levels: got {levels}; allowed: an even integer >= 2")
    if len(samplers) < 2:
        raise ValueError(f"samplers: got {len(samplers)}; allowed: at least two parameters")
    problem = _problem(samplers)
    u = sample.sample(problem, trajectories, num_levels=levels, seed=seed)
    y = _evaluate_design(evaluate, samplers, u)
    mi = analyze.analyze(problem, u, y, num_levels=levels, seed=seed)
    out = pd.DataFrame(
        {
            "parameter": problem["names"],
            "mu_star": mi["mu_star"],
            "mu_star_conf": mi["mu_star_conf"],
            "sigma": mi["sigma"],
        }
    )
    return out.sort_values("mu_star", ascending=False, kind="stable").reset_index(drop=True)
