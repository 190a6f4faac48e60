"""Plotly figures and a side-by-side table for comparing screening-and-treatment policies.

Every figure function takes the table of :func:`cilib.compare_policies` (one row per policy,
aggregates only) and returns a :class:`plotly.graph_objects.Figure` in the shared ``cilib``
template (:data:`cilib.plots.TEMPLATE`); nothing is shown or saved here. Policies are drawn as
horizontal bars, one row each, top to bottom in the table's order, so long names stay readable
on a projector. Each preset has a fixed colour (:data:`POLICY_COLOURS`); other policies get the
colours of :data:`EXTRA_COLOURS` in order of appearance.

- :func:`rates_by_policy`: a rate (births before 28/32/34/37 weeks, mid-trimester losses) with
  its 95% CI per policy.
- :func:`averted_per_100k`: preterm births averted against the reference, per 100,000
  pregnancies or per 100,000 women screened, with the paired 95% CI.
- :func:`treatments_used`: women treated by treatment per 100,000 pregnancies (stacked), the
  women treated with any treatment, and those of them who would have delivered at term anyway.
- :func:`guideline_table`: the policies side by side (who is screened, how, CL threshold,
  treatments, rules, sources), built from the :class:`cilib.policies.Policy` objects.

Synthetic data for teaching and research only; not for clinical use.

Examples
--------
>>> import cilib
>>> from cilib.plots import policies as policy_plots
>>> c = cilib.generate_cohort(2_000, seed=1)
>>> t = cilib.compare_policies(c, ["no_screening", "universal_25mm"], seed=1)
>>> policy_plots.rates_by_policy(t, "ptb_lt34").layout.xaxis.title.text
'Infants born before 34 weeks (% of infants born, 95% CI)'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cilib.interventions import policies as policy_rules
from cilib.interventions.treatments import TREATMENTS
from cilib.params.assumptions import Assumptions
from cilib.params.references import get_reference
from cilib.plots._style import (
    BLACK,
    BLUE,
    FONT_SIZE,
    GREEN,
    GREY,
    ORANGE,
    PURPLE,
    SKY_BLUE,
    VERMILLION,
    error_bars,
    figure,
    legend_below,
)

__all__ = [
    "EXTRA_COLOURS",
    "PER",
    "POLICY_COLOURS",
    "TREATMENT_COLOURS",
    "TREATMENT_LABELS",
    "WHISKER_COLOUR",
    "averted_per_100k",
    "guideline_table",
    "policy_colours",
    "rates_by_policy",
    "treatments_used",
]

#: Denominator of the "per 100,000" charts.
PER = 100_000
#: Dark gold: Okabe-Ito yellow is unreadable as a thin bar on a white projector screen.
_GOLD = "#B59B00"
#: Brown (ColorBrewer Dark2): light enough for the dark whisker drawn over it.
_BROWN = "#A6761D"
#: Colour of the 95% CI whiskers drawn over the policy bars.
WHISKER_COLOUR = "#222222"
#: Fixed colour per preset policy (Okabe and Ito palette; the reference arm is grey).
POLICY_COLOURS = {
    "no_screening": GREY,
    "history_based": SKY_BLUE,
    "smfm_2024": BLUE,
    "acog_2021": ORANGE,
    "acog_2023": "#CC6677",  # Tol muted rose: the same guideline after 2023
    "nice_ng25": GREEN,
    "rcog_2022": PURPLE,
    "figo_2021": VERMILLION,
    "legacy_17ohpc_2011": _BROWN,  # not black: the dark CI whisker must show on every bar
    "universal_25mm": _GOLD,
}
#: Colours of user-defined policies, in order of appearance (Paul Tol's muted and vibrant
#: palettes, without their darkest colours, which would hide the whisker drawn over a bar).
EXTRA_COLOURS = ("#AA4499", "#44AA99", "#88CCEE", "#999933", "#EE8866", "#DDCC77")
#: Fixed colour per treatment.
TREATMENT_COLOURS = {
    "vaginal_progesterone": BLUE,
    "im_17ohpc": PURPLE,
    "cerclage": ORANGE,
    "pessary": GREEN,
    "bed_rest": GREY,
}
#: Readable names of the treatments.
TREATMENT_LABELS = {
    "vaginal_progesterone": "vaginal progesterone",
    "im_17ohpc": "IM 17-OHPC",
    "cerclage": "cerclage",
    "pessary": "pessary",
    "bed_rest": "bed rest (what-if)",
}
_TERM_ANYWAY = "treated, would have delivered at term anyway"
_MARKER_LINE = dict(color="#333333", width=1)


def policy_colours(names: Iterable[str]) -> dict[str, str]:
    """Colour of each policy: fixed for presets, :data:`EXTRA_COLOURS` in order for others."""
    out, k = {}, 0
    for name in names:
        if name in out:
            continue
        if name in POLICY_COLOURS:
            out[name] = POLICY_COLOURS[name]
        else:
            out[name] = EXTRA_COLOURS[k % len(EXTRA_COLOURS)]
            k += 1
    return out


def _check(table: pd.DataFrame, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(
            f"table: missing columns {missing}; allowed: the table of cilib.compare_policies"
        )


def _rows_axis(fig: go.Figure, names: list[str]) -> None:
    fig.update_yaxes(
        categoryorder="array", categoryarray=names[::-1], showgrid=False, title_text="Policy"
    )


def _height(n: int) -> int:
    return 160 + 52 * n


def _measure(measure: str) -> tuple[str, str]:
    """Column stem and axis label of a rate measure."""
    stem = measure.removesuffix("_percent")
    if stem == "midtrimester_loss":
        return stem, "Mid-trimester losses (% of pregnancies, 95% CI)"
    m = re.fullmatch(r"ptb_lt(\d+(?:\.\d+)?)", stem)
    if m:
        return stem, f"Infants born before {m.group(1)} weeks (% of infants born, 95% CI)"
    raise ValueError(
        f"measure: got {measure!r}; allowed: 'midtrimester_loss' or 'ptb_lt<weeks>' "
        "(for example 'ptb_lt34'), with or without the '_percent' suffix"
    )


def _policy_bars(x, lo, hi, names: list[str], colours: dict, **trace) -> go.Bar:
    """One horizontal bar per policy in its colour, with the 95% CI as error bars."""
    return go.Bar(
        x=x,
        y=names,
        orientation="h",
        marker_color=[colours[n] for n in names],
        marker_line=_MARKER_LINE,
        error_x=error_bars(x, lo, hi, color=WHISKER_COLOUR, width=7),
        **trace,
    )


def rates_by_policy(table: pd.DataFrame, measure: str = "ptb_lt34") -> go.Figure:
    """One rate per policy with its 95% CI, as horizontal bars.

    Parameters
    ----------
    table : DataFrame
        From :func:`cilib.compare_policies`.
    measure : str
        ``"ptb_lt28"``, ``"ptb_lt32"``, ``"ptb_lt34"``, ``"ptb_lt37"`` (infants born before that
        many weeks, % of infants born) or ``"midtrimester_loss"`` (% of pregnancies).

    Returns
    -------
    Figure
        One bar per policy in its fixed colour, with the 95% CI (the Monte-Carlo uncertainty
        of this cohort) as error bars, and the value written at the end of each bar.
    """
    stem, label = _measure(measure)
    cols = [f"{stem}_percent", f"{stem}_ci_low", f"{stem}_ci_high"]
    _check(table, ["policy", *cols])
    names = table["policy"].astype(str).tolist()
    colours = policy_colours(names)
    x = table[cols[0]].to_numpy(dtype=np.float64)
    title = label.split(" (")[0]
    fig = figure(title, label, "Policy", height=_height(len(names)), showlegend=False)
    fig.add_trace(
        _policy_bars(
            x,
            table[cols[1]],
            table[cols[2]],
            names,
            colours,
            text=[f"{v:.2f}%" for v in x],
            textposition="inside",
            insidetextanchor="start",
            textfont=dict(color="white", size=FONT_SIZE - 2),
            customdata=table[cols[1:]].to_numpy(dtype=np.float64),
            hovertemplate="%{y}: %{x:.2f}% (95% CI %{customdata[0]:.2f}-%{customdata[1]:.2f})"
            "<extra></extra>",
        )
    )
    _rows_axis(fig, names)
    fig.update_xaxes(rangemode="tozero")
    return fig


def averted_per_100k(table: pd.DataFrame, per: str = "pregnancies") -> go.Figure:
    """Preterm births averted against the reference policy, per 100,000, with the paired CI.

    Parameters
    ----------
    table : DataFrame
        From :func:`cilib.compare_policies` (``attrs`` give the reference and the gestation).
    per : {"pregnancies", "screened"}
        Denominator: all pregnancies of the cohort, or the women each policy screened
        (policies that screen nobody are then left out).

    Returns
    -------
    Figure
        One bar per policy: infants delivered before ``averted_before_weeks`` under the
        reference minus under the policy (mid-trimester losses included), per 100,000, with the
        95% CI of the paired per-pregnancy differences; a vertical line marks no effect.
    """
    if per not in ("pregnancies", "screened"):
        raise ValueError(f"per: got {per!r}; allowed: 'pregnancies' or 'screened'")
    cols = ["ptb_averted", "ptb_averted_ci_low", "ptb_averted_ci_high"]
    denom_col = "pregnancies" if per == "pregnancies" else "women_screened"
    _check(table, ["policy", denom_col, *cols])
    t = table.loc[table[denom_col] > 0] if per == "screened" else table
    denom = t[denom_col].to_numpy(dtype=np.float64)
    x, lo, hi = (PER * t[c].to_numpy(dtype=np.float64) / denom for c in cols)
    names = t["policy"].astype(str).tolist()
    colours = policy_colours(table["policy"].astype(str))
    weeks = table.attrs.get("averted_before_weeks", 37.0)
    ref = table.attrs.get("reference", "the reference")
    who = "pregnancies" if per == "pregnancies" else "women screened"
    fig = figure(
        f"Preterm births (<{weeks:g} wk) averted compared with {ref}",
        f"Infants born before {weeks:g} weeks averted per {PER:,} {who} (95% CI)",
        "Policy",
        height=_height(len(names)),
        showlegend=False,
    )
    fig.add_vline(x=0, line=dict(color=BLACK, width=1.5))
    fig.add_trace(
        _policy_bars(
            x,
            lo,
            hi,
            names,
            colours,
            customdata=np.column_stack([lo, hi, t["ptb_averted"], denom]),
            hovertemplate="%{y}: %{x:.0f} per " + f"{PER:,}" + " (95% CI %{customdata[0]:.0f} "
            "to %{customdata[1]:.0f}); %{customdata[2]:.0f} infants of %{customdata[3]:,.0f} "
            + who
            + "<extra></extra>",
        )
    )
    _rows_axis(fig, names)
    return fig


def treatments_used(table: pd.DataFrame) -> go.Figure:
    """Women treated per 100,000 pregnancies, by treatment, and over-treatment.

    Parameters
    ----------
    table : DataFrame
        From :func:`cilib.compare_policies`.

    Returns
    -------
    Figure
        Per policy, stacked bars of women given each treatment (a woman given two treatments
        counts in both), a black tick at the women given any treatment, and a hatched inner
        bar for the treated women whose natural-history birth was at term: they would have
        delivered at term without treatment (over-treatment).
    """
    _check(table, ["policy", "pregnancies", "treated_any", "treated_term_anyway"])
    names = table["policy"].astype(str).tolist()
    scale = PER / table["pregnancies"].to_numpy(dtype=np.float64)
    fig = figure(
        "Who gets treated",
        f"Women treated per {PER:,} pregnancies",
        "Policy",
        height=_height(len(names)) + 130,
        barmode="overlay",
        **legend_below(_height(len(names)) + 130, rows=2),
    )
    _add_treatment_stack(fig, table, names, scale)
    anyway = scale * table["treated_term_anyway"].to_numpy(dtype=np.float64)
    fig.add_trace(
        go.Bar(
            x=anyway,
            y=names,
            orientation="h",
            width=0.3,
            name=_TERM_ANYWAY,
            marker=dict(
                color="rgba(255,255,255,0.55)",
                line=dict(color=BLACK, width=1.5),
                pattern=dict(shape="/", fgcolor=BLACK, size=8, solidity=0.35),
            ),
            hovertemplate="%{y}: %{x:,.0f} per " + f"{PER:,}" + "<extra>term anyway</extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=scale * table["treated_any"].to_numpy(dtype=np.float64),
            y=names,
            mode="markers",
            name="women treated (any treatment)",
            marker=dict(symbol="line-ns", size=30, line=dict(color=BLACK, width=4)),
            hovertemplate="%{y}: %{x:,.0f} per " + f"{PER:,}" + "<extra>any treatment</extra>",
        )
    )
    _rows_axis(fig, names)
    fig.update_xaxes(rangemode="tozero")
    return fig


def _add_treatment_stack(
    fig: go.Figure, table: pd.DataFrame, names: list[str], scale: np.ndarray
) -> None:
    """Stacked bars of the women given each treatment, per 100,000 (``scale`` per policy row)."""
    used = [t for t in TREATMENTS if f"treated_{t}" in table.columns]
    base = np.zeros(len(names))
    for t in used:
        v = scale * table[f"treated_{t}"].to_numpy(dtype=np.float64)
        if not (v > 0).any():
            continue
        fig.add_trace(
            go.Bar(
                x=v,
                base=base.copy(),
                y=names,
                orientation="h",
                width=0.75,
                name=TREATMENT_LABELS.get(t, t),
                marker_color=TREATMENT_COLOURS.get(t, GREY),
                marker_line=_MARKER_LINE,
                hovertemplate="%{y}: %{x:,.0f} per " + f"{PER:,}" + "<extra>"
                f"{TREATMENT_LABELS.get(t, t)}</extra>",
            )
        )
        base += v


# ------------------------------------------------------------------------------ table
#: Readable labels of screening eligibility (schedule ``eligible`` names).
_ELIGIBLE_LABELS = {
    "all": "everyone",
    "singleton": "singletons",
    "prior_sptb": "prior sPTB",
    "singleton_prior_sptb": "singletons with a prior sPTB",
    "no_prior_sptb": "no prior sPTB",
    "_singleton_no_prior_sptb": "singletons without a prior sPTB",
    "_nice_history": "prior sPTB or mid-trimester loss before 34 wk",
    "_rcog_surveillance": "singletons with a prior sPTB or mid-trimester loss",
}
_TREATMENT_WORDS = {
    "vaginal progesterone": r"\bVP\b|vaginal progesterone",
    "IM 17-OHPC": r"17-OHPC",
    "cerclage": r"cerclage",
    "pessary": r"pessary",
}
#: A treatment named in a clause after one of these words is not counted as given.
_NEGATION = re.compile(r"\b(no|not|without|allows|withdrawn)\b", re.IGNORECASE)
_THRESHOLD = re.compile(r"CL\s*(?:<=|<|≤|\d+-)\s*\d+(?:\.\d+)?\s*mm")


def _who(schedule) -> str:
    e = schedule.eligible
    key = e if isinstance(e, str) else getattr(e, "__name__", "custom")
    return _ELIGIBLE_LABELS.get(key, key.strip("_").replace("_", " "))


def _how(schedule) -> str:
    lo, hi = schedule.start_weeks, schedule.end_weeks
    if schedule.every_weeks:
        return f"serial TV CL every {schedule.every_weeks:g} wk, {lo:g} to {hi:g} wk"
    return f"one TV CL, {lo:g} to <{hi:g} wk"


def _treatments(description: str) -> str:
    found = []
    for clause in re.split(r"[.;,:()]", description):
        for label, pattern in _TREATMENT_WORDS.items():
            m = re.search(pattern, clause)
            if m and not _NEGATION.search(clause[: m.start()]) and label not in found:
                found.append(label)
    order = list(_TREATMENT_WORDS)
    return ", ".join(sorted(found, key=order.index)) or "none"


def _source(key: str) -> str:
    r = get_reference(key)
    body = r.title.split(" (")[0]
    first = body.split()[0] if body else ""
    who = r.authors or body
    if r.authors and first.isupper() and len(first) > 1:  # e.g. "Shennan et al., FIGO"
        who = f"{r.authors}, {first}"
    return f"{who} ({r.year})" if r.year else who


def guideline_table(
    presets: Sequence | None = None, assumptions: Assumptions | None = None
) -> pd.DataFrame:
    """The policies side by side, one row each, for an instructor to present.

    Parameters
    ----------
    presets : sequence of str or Policy, optional
        Preset names or :class:`cilib.policies.Policy` objects; all presets if omitted.
    assumptions : Assumptions, optional
        Resolve the screening schedules (windows come from assumption records); default
        :meth:`cilib.Assumptions.default`.

    Returns
    -------
    DataFrame
        Columns ``policy``; ``who is screened`` and ``how`` (from the policy's schedules, one
        line per schedule); ``CL threshold`` (the CL cut-offs named in the description);
        ``treatments`` (named in the description, skipping clauses such as "no pessary");
        ``rules`` (the description); ``sources`` (short citations of the citation keys).
    """
    a = assumptions if assumptions is not None else Assumptions.default()
    names = policy_rules.presets() if presets is None else list(presets)
    rows = []
    for p in (policy_rules.get(n) for n in names):
        sch = p.schedules(a)
        thresholds = list(dict.fromkeys(m.group(0) for m in _THRESHOLD.finditer(p.description)))
        rows.append(
            {
                "policy": p.name,
                "who is screened": "; ".join(_who(s) for s in sch) or "nobody",
                "how": "; ".join(_how(s) for s in sch) or "no scan",
                "CL threshold": ", ".join(thresholds) or "none",
                "treatments": _treatments(p.description),
                "rules": p.description,
                "sources": "; ".join(_source(k) for k in p.sources) or "none",
            }
        )
    return pd.DataFrame(rows)
