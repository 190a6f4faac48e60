"""Published tables simulated beside the published ones: the Iams 1996 relative-risk table.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import pandas as pd

from cilib.analysis.targets import TARGETS
from cilib.model.cohort import generate_cohort
from cilib.model.schema import singleton
from cilib.params.assumptions import Assumptions
from cilib.params.definitions import IAMS_OUTCOME_BEFORE_WEEKS, IAMS_SCAN_WEEKS
from cilib.screening.measurement import measure_cervical_length
from cilib.screening.tables import centile_risk_ratios, spontaneous_birth_before

__all__ = ["iams_centiles", "iams_comparison"]


def iams_centiles() -> tuple[float, ...]:
    """Centiles of the Iams 1996 relative-risk targets (``rr_le_p*`` in the TARGETS)."""
    return tuple(
        float(t.key.removeprefix("rr_le_p")) for t in TARGETS if t.key.startswith("rr_le_p")
    )


def iams_comparison(n: int, seed: int, *, assumptions: Assumptions | None = None) -> pd.DataFrame:
    """The Iams 1996 relative-risk table simulated beside the published one.

    A cohort of ``n`` pregnancies is drawn from the ``iams_1996`` scenario; CL is measured at
    :data:`IAMS_SCAN_WEEKS` among singletons still pregnant then, and the event is spontaneous
    birth before :data:`IAMS_OUTCOME_BEFORE_WEEKS` (the Iams outcome). With the same ``n``
    and ``seed`` the relative risks equal those of :func:`cilib.analysis.calibration.calibrate`.

    Parameters
    ----------
    n : int
        Pregnancies simulated (the calibration tolerances assume >= 200,000).
    seed : int
        Seed of the cohort and of the measurement.
    assumptions : Assumptions, optional
        Default ``Assumptions.scenario("iams_1996")``; pass a modified copy to see how an
        assumption moves the table.

    Returns
    -------
    DataFrame
        The columns of :func:`centile_risk_ratios` for the Iams centiles, then
        ``published_cutoff_mm`` (published centile of CL, mm), ``published_rr``,
        ``lower``, ``upper`` (the calibration target and its acceptance interval, from
        :data:`cilib.analysis.targets.TARGETS`) and ``within`` (the simulated RR lies in the
        acceptance interval). ``attrs`` records ``n_measured``, ``scan_weeks`` and
        ``outcome_before_weeks``.
    """
    a = assumptions if assumptions is not None else Assumptions.scenario("iams_1996")
    cohort = generate_cohort(n, seed=seed, assumptions=a)
    cl = measure_cervical_length(cohort, IAMS_SCAN_WEEKS, seed=seed, assumptions=a)
    cl = cl.where(singleton(cohort))  # NaN (not in the table) for multiples and ended pregnancies
    event = spontaneous_birth_before(cohort, IAMS_OUTCOME_BEFORE_WEEKS)
    centiles = iams_centiles()
    table = centile_risk_ratios(cl, event, centiles)
    targets = {t.key: t for t in TARGETS}
    keys = [f"{c:g}" for c in centiles]
    table["published_cutoff_mm"] = [targets[f"cl24_p{k}"].published for k in keys]
    table["published_rr"] = [targets[f"rr_le_p{k}"].published for k in keys]
    table["lower"] = [targets[f"rr_le_p{k}"].lower for k in keys]
    table["upper"] = [targets[f"rr_le_p{k}"].upper for k in keys]
    table["within"] = (table["lower"] <= table["rr"]) & (table["rr"] <= table["upper"])
    table.attrs.update(
        n_measured=int(cl.notna().sum()),
        scan_weeks=IAMS_SCAN_WEEKS,
        outcome_before_weeks=IAMS_OUTCOME_BEFORE_WEEKS,
        scenario=a.scenario_name,
    )
    return table
