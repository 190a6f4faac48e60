"""Births per completed week among the women a policy treats: the treatment-stop artefact check.

A treatment whose effect ended with a cliff would pile births up in the week after it (the
deferred births arriving at once). :func:`birth_week_steps` compares, week by week, each week's
births with the mean of its two neighbours among the women a policy treats, under the policy
and untreated (their natural history: the same women, common random numbers), so that the
step a treatment adds is separated from the shape every birth curve has (project target 26).

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> import cilib
>>> from cilib.analysis.steps import birth_week_steps
>>> c = cilib.generate_cohort(20_000, seed=1)
>>> r = cilib.simulate(c, "universal_25mm", seed=1)
>>> t = birth_week_steps(c, r)
>>> list(t.index)
[30, 31, 32, 33, 34, 35]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cilib.params.validation import shown

__all__ = ["STEP_WEEKS", "birth_week_steps"]

#: Completed weeks of gestation checked for a step (target 26: 30 to 35 weeks).
STEP_WEEKS = (30, 35)


def _counts(ga: np.ndarray, weeks: np.ndarray) -> np.ndarray:
    done = np.floor(ga)
    return np.array([(done == w).sum() for w in weeks], dtype=np.float64)


def birth_week_steps(
    cohort: pd.DataFrame, result: pd.DataFrame, weeks: tuple[int, int] = STEP_WEEKS
) -> pd.DataFrame:
    """Week-on-week steps in births among the treated, under the policy and untreated.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort` (its ``ga_birth_weeks`` is the untreated outcome).
    result : DataFrame
        :func:`cilib.simulate` of ``cohort`` under a policy (``treated``, ``ga_birth_weeks``).
    weeks : (int, int)
        First and last completed week checked (default :data:`STEP_WEEKS`).

    Returns
    -------
    DataFrame indexed by completed week
        ``births_untreated`` and ``births_treated`` (counts among the treated women),
        ``step_untreated`` and ``step_treated`` (the week's births over the mean of the week
        before and after), ``log_excess`` (log of the treated step over the untreated one),
        ``se`` (its Poisson standard error, the two arms taken as independent: the same women
        are positively correlated, so this overstates the error) and ``z`` (``log_excess /
        se``). An artefact of a treatment's end shows as a large positive ``z``.

    Raises
    ------
    ValueError
        If ``result`` is not indexed like ``cohort`` or ``weeks`` is not an increasing pair.
    """
    if not isinstance(result, pd.DataFrame) or not result.index.equals(cohort.index):
        raise ValueError(
            f"result: got {type(result).__name__}"
            f"{'' if not isinstance(result, pd.DataFrame) else ' not indexed like cohort'}; "
            "allowed: cilib.simulate(cohort, ...) of this cohort"
        )
    pair = isinstance(weeks, tuple | list) and len(weeks) == 2
    lo, hi = weeks if pair else (None, None)
    if not (isinstance(lo, int) and isinstance(hi, int) and lo <= hi):
        raise ValueError(f"weeks: got {shown(weeks)}; allowed: two increasing whole weeks")
    treated = result["treated"].to_numpy(bool)
    all_weeks = np.arange(lo - 1, hi + 2)
    out = {}
    for arm, frame in (("untreated", cohort), ("treated", result)):
        c = _counts(frame["ga_birth_weeks"].to_numpy(np.float64)[treated], all_weeks)
        here, around = c[1:-1], c[:-2] + c[2:]
        out[f"births_{arm}"] = here
        with np.errstate(divide="ignore", invalid="ignore"):
            out[f"step_{arm}"] = here / (around / 2.0)
            out[f"_var_{arm}"] = 1.0 / here + 1.0 / around
    table = pd.DataFrame(out, index=pd.Index(all_weeks[1:-1], name="week"))
    with np.errstate(divide="ignore", invalid="ignore"):
        table["log_excess"] = np.log(table["step_treated"] / table["step_untreated"])
        table["se"] = np.sqrt(table.pop("_var_untreated") + table.pop("_var_treated"))
        table["z"] = table["log_excess"] / table["se"]
    return table
