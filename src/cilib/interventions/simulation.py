"""Outcomes under a treatment policy, with common random numbers: :func:`simulate`.

:func:`simulate` takes the start week of each treatment per pregnancy (what a policy returns)
and recomputes gestation at birth from the cohort's stored latent draws (``latent_e_*``): the
hazards a treatment changes are multiplied from its start to its stop week, and the time at
which each process's cumulative hazard (:func:`cilib.model.hazards.cumulative`) reaches its draw
is found in closed form, segment by segment (at most a few segments per pregnancy, each
vectorised over the cohort). The hazards are rebuilt from the cohort's columns by the one
hazard-input map (:func:`cilib.model.inputs.from_frame`), so untreated pregnancies keep their
natural-history outcome bit for bit.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cilib.interventions import treatments
from cilib.interventions.shared import Natural, Shared
from cilib.interventions.start_weeks import policy_starts
from cilib.model import failure, hazards
from cilib.model.schema import (
    CAUSE,
    CAUSES,
    LAST_SPONTANEOUS,
    LATENT,
    ONSET_CATEGORIES,
    SPONTANEOUS_TYPES,
    categorical,
    onset_codes,
)
from cilib.params import streams
from cilib.params.assumptions import Assumptions, detached, resolve

__all__ = ["outcomes", "simulate"]

#: A process's windows, stacked: ``(start, stop, multiplier)``, each of shape (windows,
#: pregnancies), times from 14 weeks (one row per window, so a whole policy's windows are
#: indexed and compared in a few calls however many there are).
Windows = tuple[np.ndarray, np.ndarray, np.ndarray]
#: Per process, the effects acting on it in one policy: (the effect's windows, its number of
#: rows, the row of each treated pregnancy in it, whether that pregnancy was given it).
Blocks = dict[str, list[tuple[list, int, np.ndarray, np.ndarray]]]
#: Events before the end of a pregnancy that a treatment can change (the onset of painless
#: dilation is not, but whether it comes before the end is).
_EVENT_COLUMNS = ("dilation_ga_weeks", "pprom_ga_weeks")


def _piecewise_time(e, H, H_inverse, windows: Windows):
    """Time at which a cumulative hazard with piecewise multipliers reaches ``e``.

    ``windows`` is a :data:`Windows` (start, stop and multiplier per window and pregnancy,
    time from 14 weeks); outside
    every window the multiplier is 1, inside overlapping windows the multipliers multiply.
    ``H(s, rows)`` and ``H_inverse(y, rows)`` evaluate the cumulative hazard and its inverse for
    the pregnancies ``rows`` (integer positions). Each window adds its log multiplier at its
    start and removes it at its stop; sorted per pregnancy, the running sum of these changes
    is the multiplier of each segment (zero multipliers counted apart), in one vector pass
    whatever the number of windows. ``H`` is evaluated once per breakpoint, for every row and
    breakpoint in one call; the time is found in the first segment whose running sum reaches
    ``e``. Nothing happens before the hazards start (time 0).
    """
    n = len(e)
    effective = (windows[2] != 1.0).any(axis=1)  # no effect on anyone: no segment
    if not effective.any():
        return H_inverse(np.asarray(e, np.float64), np.arange(n))
    starts = np.maximum(windows[0][effective].T, 0.0)
    stops = np.maximum(np.maximum(windows[1][effective].T, 0.0), starts)
    k = windows[2][effective].T.astype(np.float64)
    starts, stops, k = _active_first(starts, stops, k)
    zero = k <= 0.0
    with np.errstate(divide="ignore"):
        log_k = np.where(zero, 0.0, np.log(np.where(zero, 1.0, k)))
    # events: time 0, each window's start (+log k) and stop (-log k), then infinity
    times = np.column_stack([np.zeros(n), starts, stops, np.full(n, np.inf)])
    d_log = np.column_stack([np.zeros(n), log_k, -log_k, np.zeros(n)])
    d_zero = np.column_stack([np.zeros(n), zero, -zero.astype(np.int64), np.zeros(n)])
    order = np.argsort(times, axis=1, kind="stable")
    pts = np.take_along_axis(times, order, axis=1)
    seg_log = np.cumsum(np.take_along_axis(d_log, order, axis=1), axis=1)
    seg_zero = np.cumsum(np.take_along_axis(d_zero, order, axis=1), axis=1)
    # drop the breakpoints that change nothing: an event at the same time as the next one (the
    # last event at a time carries the sum of all at that time), or the last at its time when
    # the multiplier after it is what it was after the last event at the previous time; each
    # row's remaining breakpoints move left, so fewer segments are visited
    last = np.ones(pts.shape, dtype=bool)
    last[:, :-1] = pts[:, :-1] != pts[:, 1:]
    prev = np.full(pts.shape, -1)  # the last event at the previous time (-1: none)
    prev[:, 1:] = np.maximum.accumulate(np.where(last, np.arange(pts.shape[1]), -1), axis=1)[:, :-1]
    before = np.maximum(prev, 0)
    drop = ~last | (
        (prev >= 0)
        & (np.take_along_axis(seg_log, before, axis=1) == seg_log)
        & (np.take_along_axis(seg_zero, before, axis=1) == seg_zero)
    )
    drop[:, -1] = False
    left = np.argsort(drop, axis=1, kind="stable")
    width = int((~drop).sum(axis=1).max())
    left = left[:, :width]
    kept = ~np.take_along_axis(drop, left, axis=1)
    pts = np.where(kept, np.take_along_axis(pts, left, axis=1), np.inf)
    seg_log = np.take_along_axis(seg_log, left, axis=1)
    seg_zero = np.take_along_axis(seg_zero, left, axis=1)
    # H at every breakpoint of every row in one call, then each segment's increment of the
    # modified cumulative hazard, summed left to right (np.cumsum adds in the order a loop
    # over the segments would, so the sums are the same to the last bit)
    h = H(pts.ravel(), np.repeat(np.arange(n), width)).reshape(n, width)
    h_lo, h_hi = h[:, :-1], h[:, 1:]
    m = np.where(seg_zero[:, :-1] > 0, 0.0, np.exp(seg_log[:, :-1]))
    with np.errstate(invalid="ignore"):
        inc = np.where(m > 0, m * (h_hi - h_lo), 0.0)
        acc = np.cumsum(inc, axis=1)  # after each segment
        before = np.concatenate([np.zeros((n, 1)), acc[:, :-1]], axis=1)
        target = h_lo + (e[:, None] - before) / np.where(m > 0, m, 1.0)
        hit = (m > 0) & (acc >= e[:, None]) & (pts[:, 1:] > pts[:, :-1])
    out = np.full(n, np.inf)
    rows = np.flatnonzero(hit.any(axis=1))
    if len(rows):
        first = np.argmax(hit[rows], axis=1)  # the segment in which each reaches e
        out[rows] = H_inverse(target[rows, first], rows)
    return out


def _active_first(starts, stops, k):
    """The windows (one row per pregnancy) with those of multiplier 1 (no effect on that
    pregnancy) moved after the others, in order, and the columns where every pregnancy has
    only such windows dropped. A multiplier of 1 adds a log of exactly 0 at its start and stop,
    so the segments and their sums are the same to the last bit, with fewer events to sort."""
    active = k != 1.0
    width = int(active.sum(axis=1).max())  # at least 1: every window here acts on someone
    if width == k.shape[1]:
        return starts, stops, k
    order = np.argsort(~active, axis=1, kind="stable")[:, :width]
    return tuple(np.take_along_axis(x, order, axis=1) for x in (starts, stops, k))


def _treatment_windows(cohort, starts: pd.DataFrame, a: Assumptions, shared: Shared) -> tuple:
    """Columns of what was given and when, who was treated (``given_any``), and each process's
    :data:`Blocks` for the treated pregnancies only (positions into ``flatnonzero(given_any)``).

    Each treatment's mechanism runs on the pregnancies the policy asked it for, not on the
    whole cohort: an effect is several windows per process, and building them for every row
    of a large cohort would cost far more than the few treated rows need. The windows
    themselves are laid out later (:func:`_windows`), only for the pregnancies whose times
    must be recomputed (:func:`_to_recompute`), about a tenth of the treated.
    """
    n = len(cohort)
    out: dict[str, object] = {}
    given_any = np.zeros(n, dtype=bool)
    effects = []  # (rows asked, Effect on those rows)
    for t in starts.columns:
        start = starts[t].to_numpy(dtype=np.float64)
        rows = np.flatnonzero(~np.isnan(start))
        effect = shared.effect(t, start, rows)
        given = np.zeros(n, dtype=bool)
        given[rows] = effect.given
        out[f"{t}_start_weeks"] = np.where(given, start, np.nan)
        out[f"{t}_given"] = given
        codes = np.full(n, -1, dtype=np.int8)
        codes[rows] = effect.not_given_codes
        reason = categorical(codes, treatments.NOT_GIVEN_REASONS)
        out[f"{t}_not_given_reason"] = reason
        if t == "cerclage":  # a policy that asks after rupture gets a refusal, not a stitch
            out["cerclage_refused"] = np.asarray(reason == "membranes ruptured")
        given_any |= given
        effects.append((rows, effect))
    idx = np.flatnonzero(given_any)
    blocks: Blocks = {}
    position = np.full(n, -1, dtype=np.int64)
    for rows, effect in effects:
        if not len(rows):  # nobody asked for this treatment
            continue
        position[:] = -1
        position[rows] = np.arange(len(rows))
        at = position[idx]  # row of each treated pregnancy in this treatment's frame
        on = at >= 0
        at = np.where(on, at, 0)
        given = on & effect.given[at]
        for p, ws in effect.windows.items():
            if ws:
                blocks.setdefault(p, []).append((ws, len(rows), at, given))
    return out, given_any, {p: blocks[p] for p in treatments.PROCESSES if p in blocks}


def _bounds(ws: list, rows: int, t0: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Over the windows ``ws`` of one effect (on its ``rows`` pregnancies): whether any
    multiplier differs from 1, the product of those above 1, and the earliest start (weeks
    from ``t0``, from 0 at the earliest), per pregnancy."""
    changed = np.zeros(rows, dtype=bool)
    k_max = np.ones(rows)
    begin = np.full(rows, np.inf)
    for b, _, k in ws:
        changed |= np.asarray(k) != 1.0
        k_max = k_max * np.maximum(k, 1.0)
        begin = np.minimum(begin, b)
    return changed, k_max, np.maximum(begin - t0, 0.0)


def _summaries(blocks: Blocks, t0: float, m: int, shared: Shared) -> dict[str, tuple]:
    """Per process, over the ``m`` treated pregnancies: whether a treatment changes its hazard
    (a multiplier other than 1 where given), the largest multiplier it can reach (the product
    of those above 1) and when the first treatment starts (weeks from ``t0``; ``inf`` if none),
    from each effect's own :func:`_bounds` (computed once per effect, in ``shared``). The
    product is taken per effect first, so its last bits may differ from a product over every
    window in turn; :func:`_to_recompute` compares it with a relative margin of 1e-9."""
    out = {}
    for p, bl in blocks.items():
        changed, k_max, first = np.zeros(m, dtype=bool), np.ones(m), np.full(m, np.inf)
        for ws, rows, at, given in bl:
            key = ("bounds", t0, *map(id, ws))
            c, k, b = shared.once(key, lambda ws=ws, r=rows: _bounds(ws, r, t0))
            changed |= given & c[at]
            k_max = k_max * np.where(given, k[at], 1.0)
            first = np.minimum(first, np.where(given, b[at], np.inf))
        out[p] = (changed, k_max, first)
    return out


def _rows(blocks: Blocks, pos: np.ndarray) -> Blocks:
    """The :data:`Blocks` of the treated pregnancies at positions ``pos``."""
    return {p: [(ws, r, at[pos], g[pos]) for ws, r, at, g in bl] for p, bl in blocks.items()}


def _at(x, rows: int, sub: np.ndarray) -> np.ndarray:
    """Entries ``sub`` of a window's values on ``rows`` pregnancies (an array, or a scalar)."""
    if isinstance(x, np.ndarray) and x.shape == (rows,):
        return x[sub]  # the usual case: no broadcast view to build (a few microseconds each)
    return np.broadcast_to(x, (rows,))[sub]


def _windows(bl: list, pos: np.ndarray, t0: float) -> Windows:
    """The :data:`Windows` of one process for the treated pregnancies at positions ``pos``
    (time from ``t0``; a window that is not given starts never and multiplies by 1)."""
    parts = []
    for ws, rows, at, given in bl:
        sub, g = at[pos], given[pos]
        begin, end, k = (np.stack([_at(w[j], rows, sub) for w in ws]) for j in range(3))
        # an effect acts from the later of its begin and 14 wk
        parts.append(
            (np.where(g, np.maximum(begin - t0, 0.0), np.inf), end - t0, np.where(g, k, 1.0))
        )
    return tuple(np.concatenate([w[j] for w in parts]) for j in range(3))


def simulate(
    cohort: pd.DataFrame,
    policy,
    *,
    seed: int,
    assumptions: Assumptions | None = None,
) -> pd.DataFrame:
    """Gestation at birth and onset under a treatment policy.

    Parameters
    ----------
    cohort : DataFrame
        From :func:`cilib.generate_cohort`.
    policy : str, Policy, DataFrame or callable
        A preset name (:func:`cilib.policies.presets`), a :class:`cilib.policies.Policy`, or
        the start week of each treatment per pregnancy (columns among
        :data:`cilib.interventions.treatments.TREATMENTS`; NaN = not given) as a frame or a
        function of the cohort returning one. Start weeks are numbers from 0 to the latest
        planned birth (:func:`cilib.params.validation.modelled_weeks`: every pregnancy has
        ended by then); a boolean mask is refused (use ``np.where(mask, week, np.nan)``). The
        frame is read by the cohort's index: the same labels in another order are reordered,
        other labels refused.
    seed : int
        Seed of the policy's own draws (adherence); the same seed gives every policy arm the
        same draws.
    assumptions : Assumptions, optional
        Defaults to the cohort's own.

    Returns
    -------
    DataFrame, indexed like ``cohort``
        ``<treatment>_start_weeks``, ``<treatment>_given`` and
        ``<treatment>_not_given_reason`` (why a treatment the policy asked for was not given:
        :data:`cilib.interventions.treatments.NOT_GIVEN_REASONS`) per treatment in the policy,
        ``cerclage_refused`` (a cerclage asked for after rupture of the membranes) when the
        policy can place one, ``treated`` (any treatment given), ``dilation_ga_weeks`` and
        ``pprom_ga_weeks`` (weeks, NaN if none before the end), ``ga_birth_weeks``,
        ``onset``, ``spontaneous_type``, ``end_cause`` and ``midtrimester_loss`` under the
        policy (the cohort's ``chorioamnionitis`` and ``symptoms_ga_weeks`` stay those of the
        untreated pregnancy), and the screening results
        the policy used (``screen_*`` columns, see :func:`cilib.screening.screen`). A policy
        that treats nobody returns the cohort's natural-history columns exactly.
    """
    seed = streams.check_seed(seed)
    a = resolve(cohort, assumptions)
    starts, screened = policy_starts(cohort, policy, seed, a)  # a policy sees it as given
    cohort = detached(cohort)
    return outcomes(cohort, starts, screened, a, Shared(cohort, [starts], a, seed))


def outcomes(cohort, starts: pd.DataFrame, screened, a: Assumptions, shared: Shared):
    """:func:`simulate`'s frame from checked start weeks (:func:`check_starts`) and the
    screening results the policy used (or None), with the work policies on this cohort and
    seed share (:class:`cilib.interventions.shared.Shared`, built with these start weeks)."""
    out, given_any, blocks = _treatment_windows(cohort, starts, a, shared)
    ga = cohort["ga_birth_weeks"].to_numpy().copy()
    cause = cohort["end_cause"].cat.codes.to_numpy().copy()
    stype = cohort["spontaneous_type"].cat.codes.to_numpy().copy()
    events = {k: cohort[k].to_numpy().copy() for k in _EVENT_COLUMNS}
    idx = np.flatnonzero(given_any)
    if len(idx):  # rows another policy treated the same way are shared (Shared.treated)
        new = shared.treated(
            idx,
            starts,
            lambda pos: _treated_outcomes(shared.natural(idx[pos]), a, _rows(blocks, pos), shared),
        )
        ga[idx], cause[idx], stype[idx] = new[0], new[1], new[2]
        events["dilation_ga_weeks"][idx], events["pprom_ga_weeks"][idx] = new[3], new[4]
    out["treated"] = given_any
    out.update(events)
    out["ga_birth_weeks"] = ga
    out["onset"] = categorical(onset_codes(cause), ONSET_CATEGORIES)
    out["spontaneous_type"] = categorical(stype.astype(np.int8), SPONTANEOUS_TYPES)
    out["end_cause"] = categorical(cause.astype(np.int8), CAUSES)
    out["midtrimester_loss"] = (cause <= LAST_SPONTANEOUS) & (ga < a["loss_before_weeks"])
    if screened is not None:  # the screening results the policy used, prefixed
        out.update({f"screen_{c}": screened[c].to_numpy() for c in screened.columns})
    # the arrays are this call's own: no copy, no consolidation into blocks (a tenth of the
    # time of a PSA draw went into copying these frames)
    return pd.DataFrame(out, index=cohort.index, copy=False)


def _cumulative_hazards(a: Assumptions, p: dict, n: int) -> dict:
    """Per treatable process, its cumulative hazard ``H(s, rows)`` and inverse ``H^-1(y, rows)``
    (time from 14 weeks) from the :func:`cilib.model.hazards.treatable_parameters` ``p``."""

    def full(x):
        return np.broadcast_to(np.asarray(x, np.float64), (n,)).copy()

    lht, rt = (full(x) for x in p["term"])
    lh, r = (full(x) for x in p["preterm"])
    lhp, rp, rkp, skp, szp, rep, capp = (full(x) for x in p["pprom"])
    lhc, rc, rk, sk, sz = (full(x) for x in p["cervical"])
    onset = full(p["dilation"][0])
    return {
        "term": (
            lambda s, m: hazards.cumulative(s, lht[m], rt[m]),
            lambda y, m: hazards.gompertz_time(y, lht[m], rt[m]),
        ),
        "preterm": (
            lambda s, m: hazards.cumulative(s, lh[m], r[m]),
            lambda y, m: hazards.gompertz_time(y, lh[m], r[m]),
        ),
        "pprom": (
            lambda s, m: hazards.rupture_cumulative(
                s, lhp[m], rp[m], rkp[m], skp[m], szp[m], rep[m], capp[m]
            ),
            lambda y, m: hazards.rupture_time(
                y, lhp[m], rp[m], rkp[m], skp[m], szp[m], rep[m], capp[m]
            ),
        ),
        "cervical": (
            lambda s, m: hazards.knee_cumulative(s, lhc[m], rc[m], rk[m], sk[m], sz[m]),
            lambda y, m: hazards.knee_time(y, lhc[m], rc[m], rk[m], sk[m], sz[m]),
        ),
        "dilation": (
            lambda s, m: failure.dilation_cumulative(a, s, onset[m]),
            lambda y, m: failure.dilation_inverse(a, y, onset[m]),
        ),
    }


def _fired(process: str, times, rupture):
    """When ``process`` fired in natural history: its time, or the rupture for PPROM."""
    return rupture if process == "pprom" else times[CAUSE[hazards.TREATABLE_CAUSES[process]]]


def _to_recompute(
    t0: float, times, rupture, summaries, cumulative, *, skip_late: bool = True
) -> dict[str, np.ndarray]:
    """Rows (positions) of each treatable process whose time must be recomputed.

    A process whose hazard no treatment changes, or that fires before its first treatment
    starts, keeps its natural-history time (bit for bit). The earliest of these kept times,
    ``bound``, is an upper bound on the new end of the pregnancy. A changed process that
    fired (ruptured, for PPROM) at or after ``bound`` cannot end the pregnancy or come before
    its end if it still reaches its draw ``e`` after ``bound``: it is not recomputed
    (:func:`hazards.resolve` gives the same result either way). That is certain when its
    multipliers are all at most 1 (a smaller hazard fires later), and when they are not, if
    the largest possible multiplier ``K`` (the product of those above 1) times its
    natural-history cumulative hazard at ``bound`` stays below ``e`` (with a relative margin
    of 1e-9 for rounding). ``cumulative[process](s, rows) -> (H(s), e)`` gives the cumulative
    hazard at ``s`` weeks from 14 and the draws. ``skip_late=False`` recomputes them all
    (for the tests). In a PSA this leaves about a tenth of the treated rows to recompute.
    ``summaries`` are :func:`_summaries`'s.
    """
    n = times.shape[1]
    changed, ceiling = {}, {}
    for process, (c, k_max, first_start) in summaries.items():
        if not c.any():
            continue
        # a process that fires before its first treatment starts fires as in natural history
        c = c & (_fired(process, times, rupture) > t0 + first_start)
        if c.any():
            changed[process], ceiling[process] = c, k_max
    kept = times.copy()
    for process, c in changed.items():
        kept[CAUSE[hazards.TREATABLE_CAUSES[process]], c] = np.inf
    bound = kept.min(axis=0)  # the new end is at or before this
    todo = {}
    for process, c in changed.items():
        late = c & (_fired(process, times, rupture) >= bound) if skip_late else np.zeros(n, bool)
        raised = np.flatnonzero(late & (ceiling[process] > 1.0))
        if len(raised):  # still below its draw at the bound, even at the largest multiplier
            h, e = cumulative[process](bound[raised] - t0, raised)
            with np.errstate(invalid="ignore"):
                late[raised] = ceiling[process][raised] * h * (1.0 + 1e-9) < e
        idx = np.flatnonzero(c & ~late)
        if len(idx):
            todo[process] = idx
    return todo


def _treated_outcomes(natural: Natural, a: Assumptions, blocks: Blocks, shared: Shared):
    """Recompute the competing processes of treated pregnancies (their :data:`Natural` history,
    whose arrays this changes) with the multipliers of their :data:`Blocks`:
    :func:`cilib.model.hazards.resolve`'s ``(ga, cause, type, dilation_ga, pprom_ga)``."""
    x, onset, times, rupture = natural
    p = hazards.parameters_of(a, x, onset)
    t0 = a["hazard_start_weeks"]
    fns = _cumulative_hazards(a, p, len(onset))

    def draw(process):
        return x["e"][:, LATENT["rupture" if process == "pprom" else process]]

    cumulative = {q: (lambda s, r, q=q: (fns[q][0](s, r), draw(q)[r])) for q in fns}
    todo = _to_recompute(t0, times, rupture, _summaries(blocks, t0, len(onset), shared), cumulative)
    for process, (H, H_inverse) in fns.items():
        if process not in todo:
            continue
        row = CAUSE[hazards.TREATABLE_CAUSES[process]]
        idx = todo[process]
        new = t0 + _piecewise_time(
            draw(process)[idx].astype(np.float64),
            lambda s, r, idx=idx, H=H: H(s, idx[r]),
            lambda y, r, idx=idx, H_inverse=H_inverse: H_inverse(y, idx[r]),
            _windows(blocks[process], idx, t0),
        )
        if process == "pprom":  # the new rupture, then birth after its latency
            rupture[idx] = new
            new = failure.pprom_birth(a, new, x["e"][idx, LATENT["pprom_latency"]])
        times[row, idx] = new
    return hazards.resolve(a, times, onset, rupture)
