"""Tidy summary tables of a synthetic cohort: prevalences, gestation at birth, preterm rates.

Every function is pure: it reads a cohort from :func:`cilib.generate_cohort` (and the
:class:`cilib.Assumptions` it was drawn from, where the comparison needs them) and returns a new
:class:`pandas.DataFrame` with one row per group. Plots in :mod:`cilib.plots` draw these tables,
never the raw rows.

Denominators follow national statistics: rates of birth count infants (a twin pregnancy counts
twice, triplets three times) and exclude pregnancies that ended before ``loss_before_weeks``
(mid-trimester losses); risk-factor prevalences count index pregnancies (cohort rows).
Intervals are 95% Wilson score intervals; for infant-weighted rates the Wilson interval uses
the effective sample size implied by a cluster-robust variance (the pregnancy is the cluster),
so twins are not counted as independent observations.

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> import cilib
>>> from cilib.analysis import summary
>>> a = cilib.Assumptions.default()
>>> c = cilib.generate_cohort(2_000, seed=1, assumptions=a)
>>> t = summary.preterm_rates(c, a)
>>> list(t.columns[:4])
['group_type', 'group', 'births', 'infants']
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from cilib.analysis.targets import TARGETS
from cilib.model.population import BV_RECORDS, RACE_SHARE_RECORDS
from cilib.model.schema import births, infants
from cilib.params.assumptions import Assumptions, resolve
from cilib.params.definitions import GESTATION_BANDS_WEEKS
from cilib.params.validation import floats, shown
from cilib.stats import quantile_ci, weighted_rate, wilson_interval

# (label, cohort column, how to make it boolean, record or None, comparison)
_FACTORS: tuple[tuple[str, str, object, str | None, str], ...] = (
    ("smoking", "smoking", None, "p_smoking", "record value"),
    (
        "bacterial vaginosis",
        "bacterial_vaginosis",
        None,
        None,
        "population-weighted expectation over race/ethnicity (p_race_* x p_bv_*)",
    ),
    ("chlamydia", "chlamydia", None, "p_chlamydia", "record value"),
    (
        "cervical excision",
        "cervical_excision",
        ("ne", "none"),
        "p_cervical_excision",
        "record value",
    ),
    ("Mullerian anomaly", "mullerian_anomaly", None, "p_mullerian_anomaly", "record value"),
    ("DES exposure", "des_exposure", None, "p_des_exposure", "record value"),
    (
        "connective-tissue disorder",
        "connective_tissue_disorder",
        None,
        "p_connective_tissue_disorder",
        "record value",
    ),
    ("trachelectomy", "trachelectomy", None, "p_trachelectomy", "record value"),
    (
        "cervical insufficiency",
        "cervical_insufficiency",
        None,
        "p_cervical_insufficiency",
        "baseline for a woman without other risk factors; excision, trachelectomy, "
        "connective-tissue disorder and uterine anomaly raise the cohort prevalence above it",
    ),
    (
        "twins",
        "plurality",
        ("eq", "twin"),
        "p_twin",
        "record value (twin deliveries per pregnancy)",
    ),
    (
        "nulliparous",
        "parity",
        ("eq", 0),
        None,
        "emergent: simulated from the number of earlier pregnancies and their outcomes",
    ),
    (
        "prior sPTB",
        "prior_sptb",
        None,
        None,
        "emergent: earlier pregnancies simulated with the same model",
    ),
    (
        "prior mid-trimester loss",
        "prior_midtrimester_losses",
        ("gt", 0),
        None,
        "emergent: earlier pregnancies simulated with the same model",
    ),
)


# ------------------------------------------------------------------------------- prevalence
def _indicator(series: pd.Series, how) -> np.ndarray:
    if how is None:
        return series.to_numpy(dtype=bool)
    op, ref = how
    values = series.astype(object) if isinstance(series.dtype, pd.CategoricalDtype) else series
    if op == "eq":
        out = values == ref
    elif op == "ne":
        out = values != ref
    else:
        out = values > ref
    return out.to_numpy(dtype=bool)


def _bv_expectation(a: Assumptions) -> dict[str, object]:
    shares = {race: a[rec] for race, rec in RACE_SHARE_RECORDS.items()}
    shares["NH White"] = 1.0 - sum(shares.values())
    recs = {race: a.record(name) for race, name in BV_RECORDS.items()}
    sources: list[str] = []
    for r in recs.values():
        sources += [s for s in r.sources if s not in sources]
    return {
        "record": ", ".join(BV_RECORDS.values()),
        "value": sum(shares[g] * recs[g].value for g in recs),
        "low": sum(shares[g] * recs[g].low for g in recs),
        "high": sum(shares[g] * recs[g].high for g in recs),
        "sources": ", ".join(sources),
    }


def prevalence_table(cohort: pd.DataFrame, assumptions: Assumptions | None = None) -> pd.DataFrame:
    """Simulated prevalence of each risk factor beside the assumption it was drawn from.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort`.
    assumptions : Assumptions, optional
        The assumptions the cohort was generated with; by default those it carries
        (:func:`cilib.assumptions_of`, which raises if it carries none).

    Returns
    -------
    DataFrame
        One row per risk factor (smoking, bacterial vaginosis, chlamydia, cervical excision,
        Mullerian anomaly, DES exposure, connective-tissue disorder, trachelectomy, cervical
        insufficiency, twins, nulliparous, prior sPTB, prior mid-trimester loss) with columns

        ``risk_factor`` (label), ``column`` (cohort column it is read from),
        ``n`` (index pregnancies), ``count`` (pregnancies with the factor),
        ``simulated``, ``ci_low``, ``ci_high`` (proportion of pregnancies and its Wilson 95%
        interval), ``record`` (assumption name(s) it was drawn from, empty when the figure
        emerges from the model), ``value`` (that record's value; for bacterial vaginosis the
        expectation weighted by the race/ethnicity shares; NaN when emergent), ``low``,
        ``high`` (the record's plausible range, weighted likewise for bacterial vaginosis),
        ``sources`` (citation keys), ``comparison`` (what ``value`` means).
        All proportions are in [0, 1] per index pregnancy.

    Examples
    --------
    >>> import cilib
    >>> a = cilib.Assumptions.default()
    >>> t = prevalence_table(cilib.generate_cohort(1_000, seed=1, assumptions=a), a)
    >>> t.loc[t.risk_factor == "smoking", "record"].item()
    'p_smoking'
    """
    assumptions = resolve(cohort, assumptions)
    n = len(cohort)
    rows = []
    for label, column, how, record, comparison in _FACTORS:
        x = _indicator(cohort[column], how)
        count = int(x.sum())
        lo, hi = wilson_interval(count, n)
        row = {
            "risk_factor": label,
            "column": column,
            "n": n,
            "count": count,
            "simulated": count / n if n else math.nan,
            "ci_low": lo,
            "ci_high": hi,
            "record": "",
            "value": math.nan,
            "low": math.nan,
            "high": math.nan,
            "sources": "",
            "comparison": comparison,
        }
        if column == "bacterial_vaginosis":
            row.update(_bv_expectation(assumptions))
        elif record is not None:
            r = assumptions.record(record)
            row.update(
                record=record, value=r.value, low=r.low, high=r.high, sources=", ".join(r.sources)
            )
        rows.append(row)
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------------- gestation
def _band_labels(cuts: Sequence[float]) -> list[str]:
    def fmt(x: float) -> str:
        return f"{x:g}"

    labels = [f"<{fmt(cuts[0])}"]
    for lo, hi in zip(cuts[:-1], cuts[1:], strict=True):
        if float(lo).is_integer() and float(hi).is_integer():
            last = hi - 1
            labels.append(fmt(lo) if last == lo else f"{fmt(lo)}-{fmt(last)}")
        else:
            labels.append(f"{fmt(lo)}-<{fmt(hi)}")
    labels.append(f">={fmt(cuts[-1])}")
    return labels


def gestation_distribution(
    cohort: pd.DataFrame,
    bins_weeks: Sequence[float] | None = None,
    *,
    assumptions: Assumptions | None = None,
) -> pd.DataFrame:
    """Births by gestational-age band and onset, counted in infants.

    Twins count 2 and triplets 3; pregnancies that ended before ``loss_before_weeks``
    (mid-trimester losses) are excluded.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort`.
    bins_weeks : sequence of float, optional
        Increasing interior cut points in completed weeks; the bands are ``<first``,
        ``[first, second)``, ..., ``>=last``. Default :data:`GESTATION_BANDS_WEEKS`, giving
        <28, 28-31, 32-33, 34-36, 37-38, 39-40 and >=41 weeks.
    assumptions : Assumptions, optional
        Source of ``loss_before_weeks``; by default the assumptions the cohort carries
        (:func:`cilib.assumptions_of`, which raises if it carries none).

    Returns
    -------
    DataFrame
        One row per band and onset (``spontaneous``, ``indicated``), bands in order, with
        columns ``band`` (ordered categorical label), ``lower_weeks``, ``upper_weeks`` (band
        limits in weeks; the first band starts at ``loss_before_weeks`` and the last ends at
        ``inf``), ``onset``, ``births`` (pregnancies), ``infants`` and ``percent`` (infants as
        a percentage of all infants born, so the column sums to 100).

    Examples
    --------
    >>> import cilib
    >>> t = gestation_distribution(cilib.generate_cohort(2_000, seed=1))
    >>> round(float(t["percent"].sum()), 6)
    100.0
    """
    a = resolve(cohort, assumptions)
    allowed = "increasing gestational ages in weeks"
    bins = GESTATION_BANDS_WEEKS if bins_weeks is None else bins_weeks
    cuts = [float(x) for x in np.atleast_1d(floats("bins_weeks", bins, allowed))]
    if not cuts or any(b <= a_ for a_, b in zip(cuts[:-1], cuts[1:], strict=True)):
        raise ValueError(
            f"bins_weeks: got {shown(bins_weeks)}; allowed: increasing gestational ages in weeks"
        )
    labels = _band_labels(cuts)
    born = births(cohort, a)
    ga = cohort["ga_birth_weeks"].to_numpy()[born]
    weight = infants(cohort)[born]
    onset = cohort["onset"].to_numpy()[born]
    band = np.digitize(ga, cuts)  # 0 .. len(cuts)
    total = weight.sum()
    lowers = [a["loss_before_weeks"], *cuts]
    uppers = [*cuts, math.inf]
    rows = []
    for b, label in enumerate(labels):
        for o in cohort["onset"].cat.categories:
            sel = (band == b) & (onset == o)
            rows.append(
                {
                    "band": label,
                    "lower_weeks": lowers[b],
                    "upper_weeks": uppers[b],
                    "onset": o,
                    "births": int(sel.sum()),
                    "infants": float(weight[sel].sum()),
                    "percent": 100.0 * weight[sel].sum() / total if total else math.nan,
                }
            )
    out = pd.DataFrame(rows)
    out["band"] = pd.Categorical(out["band"], categories=labels, ordered=True)
    return out


# ------------------------------------------------------------------------------- preterm
_PTB_TARGETS = {
    ("all", "all"): "ptb_all",
    ("race_ethnicity", "NH Black"): "ptb_nh_black",
    ("race_ethnicity", "Hispanic"): "ptb_hispanic",
    ("plurality", "twin"): "twin_ptb",
}


def preterm_rates(cohort: pd.DataFrame, assumptions: Assumptions | None = None) -> pd.DataFrame:
    """Preterm birth (before ``preterm_before_weeks``) among births, counted in infants.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort`.
    assumptions : Assumptions, optional
        Source of ``preterm_before_weeks`` and ``loss_before_weeks`` (by default those the
        cohort carries, :func:`cilib.assumptions_of`); its scenario decides which published
        targets (:data:`cilib.analysis.targets.TARGETS`) are shown beside the rates.

    Returns
    -------
    DataFrame
        One row for all births, then one per race/ethnicity group and per plurality, with
        columns ``group_type`` (``all``, ``race_ethnicity``, ``plurality``), ``group``,
        ``births`` (pregnancies ending at or after ``loss_before_weeks``), ``infants``,
        ``preterm_infants``, ``ptb_percent``, ``ci_low_percent``, ``ci_high_percent``
        (percentage of infants born preterm and its 95% Wilson interval at the
        cluster-robust effective sample size), ``target_key``, ``published_percent``,
        ``lower_percent``, ``upper_percent`` (the matching calibration target and its
        acceptance interval, empty/NaN where the scenario has none). Groups with no births
        have NaN rates.
    """
    assumptions = resolve(cohort, assumptions)
    targets = {t.key: t for t in TARGETS if t.scenario == assumptions.scenario_name}
    born = births(cohort, assumptions)
    w_all = np.where(born, infants(cohort), 0.0)
    ptb = cohort["ga_birth_weeks"].to_numpy() < assumptions["preterm_before_weeks"]
    groups: list[tuple[str, str, np.ndarray]] = [("all", "all", np.ones(len(cohort), bool))]
    for col in ("race_ethnicity", "plurality"):
        values = cohort[col].to_numpy()
        for cat in cohort[col].cat.categories:
            groups.append((col, cat, values == cat))
    rows = []
    for gtype, name, sel in groups:
        w = w_all * sel
        p, lo, hi = weighted_rate(ptb, w)
        key = _PTB_TARGETS.get((gtype, name), "")
        t = targets.get(key)
        rows.append(
            {
                "group_type": gtype,
                "group": name,
                "births": int((born & sel).sum()),
                "infants": float(w.sum()),
                "preterm_infants": float((w * ptb).sum()),
                "ptb_percent": 100 * p,
                "ci_low_percent": 100 * lo,
                "ci_high_percent": 100 * hi,
                "target_key": key if t is not None else "",
                "published_percent": t.published if t is not None else math.nan,
                "lower_percent": t.lower if t is not None else math.nan,
                "upper_percent": t.upper if t is not None else math.nan,
            }
        )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------------- CL
def cl_centiles(cl: pd.Series, centiles: Sequence[float] = (1, 5, 10, 25, 50, 75)) -> pd.DataFrame:
    """Centiles of cervical length with distribution-free 95% confidence intervals.

    Parameters
    ----------
    cl : Series
        Cervical lengths in mm (for example from :func:`cilib.cervical_length`); missing
        values (pregnancies already ended) are dropped.
    centiles : sequence of float
        Centiles in (0, 100).

    Returns
    -------
    DataFrame
        One row per centile with columns ``centile`` (0-100), ``cl_mm`` (sample quantile,
        linear interpolation), ``ci_low_mm``, ``ci_high_mm`` (95% interval from binomial
        order statistics) and ``n`` (non-missing values used).

    Examples
    --------
    >>> import pandas as pd
    >>> cl_centiles(pd.Series(range(101)), centiles=(50,))["cl_mm"].item()
    50.0
    """
    allowed = "numbers strictly between 0 and 100"
    x = floats("cl", cl, "cervical lengths in mm, one per pregnancy (NaN = not measured)")
    if x.ndim != 1:
        raise ValueError(f"cl: got an array of shape {x.shape}; allowed: one value per pregnancy")
    x = np.sort(x[~np.isnan(x)])
    n = len(x)
    rows = []
    for c in np.atleast_1d(floats("centiles", centiles, allowed)).tolist():
        if not 0 < float(c) < 100:
            raise ValueError(
                f"centiles: got {shown(c)}; allowed: numbers strictly between 0 and 100"
            )
        est, lo, hi = quantile_ci(x, float(c) / 100, presorted=True)
        rows.append({"centile": float(c), "cl_mm": est, "ci_low_mm": lo, "ci_high_mm": hi, "n": n})
    return pd.DataFrame(rows)


def binned(values, edges) -> pd.DataFrame:
    """Counts of values per bin, for drawing histograms from aggregates.

    Parameters
    ----------
    values : array-like
        Values (any unit); NaNs are dropped.
    edges : array-like
        Increasing bin edges in the unit of ``values``; bins are ``[left, right)`` except the
        last, which includes its right edge (as :func:`numpy.histogram`). Values outside the
        edges fall in no bin.

    Returns
    -------
    DataFrame
        One row per bin with columns ``left``, ``right``, ``mid`` (bin limits and centre),
        ``count`` and ``percent`` (percentage of all non-missing values, so the column sums
        to less than 100 when some values fall outside the edges).

    Examples
    --------
    >>> binned([1, 2, 2, 9], [0, 5, 10])["count"].tolist()
    [3, 1]
    """
    v = floats("values", values, "numbers (NaN = missing)")
    v = v[~np.isnan(v)]
    e = floats("edges", edges, "at least two increasing values")
    if e.ndim != 1 or len(e) < 2 or not (np.diff(e) > 0).all():
        raise ValueError(f"edges: got {shown(edges)}; allowed: at least two increasing values")
    counts, _ = np.histogram(v, bins=e)
    total = len(v)
    return pd.DataFrame(
        {
            "left": e[:-1],
            "right": e[1:],
            "mid": (e[:-1] + e[1:]) / 2,
            "count": counts.astype(np.int64),
            "percent": 100.0 * counts / total if total else np.full(len(counts), np.nan),
        }
    )


__all__ = [
    "binned",
    "cl_centiles",
    "gestation_distribution",
    "preterm_rates",
    "prevalence_table",
]
