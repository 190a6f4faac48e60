"""Work that several policies run on one cohort with one seed share: :class:`Shared`.

:func:`cilib.interventions.compare.compare_policies` runs every policy on the same women with
the same draws (common random numbers). Much of what :func:`cilib.interventions.simulate` does
per policy is then the same for every policy: the adherence draws, the columns the treatment
mechanisms read, a treatment's effect when two policies give it to the same women at the same
weeks, the natural history (hazard inputs, process times) of the pregnancies a policy
treats, and the treated outcome of a pregnancy that two policies treat at the same weeks.
:class:`Shared` computes each once. Every value is computed elementwise, so what a
policy reads from it equals, bit for bit, what it would compute alone.

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from cilib.interventions import treatments
from cilib.model import hazards, inputs
from cilib.params import streams
from cilib.params.assumptions import Assumptions

__all__ = ["Natural", "Shared", "adherence", "natural"]

#: The natural history of some pregnancies as the treated outcomes read it: hazard inputs
#: (:func:`cilib.model.inputs.from_frame`), onset of painless dilation, process times (8, n)
#: and rupture of the membranes (weeks, float64; the caller's own arrays).
Natural = tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, np.ndarray]


def adherence(seed, n: int, a: Assumptions) -> np.ndarray:
    """Whether each woman takes progesterone as prescribed (the ``adherence`` stream: the same
    draws for every policy run with ``seed``)."""
    return streams.generator(seed, "adherence").random(n) < a["p_adherence_progesterone"]


def natural(sub: pd.DataFrame, a: Assumptions) -> Natural:
    """The :data:`Natural` history of the pregnancies ``sub`` (rows of a cohort)."""
    x = inputs.from_frame(sub, a)
    times, onset, rupture = hazards.process_times(a, x)
    return x, onset, times.astype(np.float64), rupture.astype(np.float64)


class Shared:
    """What the policies ``starts`` (checked start-week frames, one per policy) share on
    ``cohort`` with ``seed`` (see the module docstring).

    Attributes
    ----------
    adherent : ndarray of bool
        :func:`adherence` of every woman.
    narrow : DataFrame
        The cohort's :data:`cilib.interventions.treatments.STATE_COLUMNS`.
    """

    def __init__(self, cohort: pd.DataFrame, starts: Sequence[pd.DataFrame], a, seed) -> None:
        n = len(cohort)
        self.adherent = adherence(seed, n, a)
        self.narrow = cohort[list(treatments.STATE_COLUMNS)]
        self._a = a
        self._effects: dict[tuple[str, bytes, bytes], treatments.Effect] = {}
        self._once: dict[tuple, object] = {}
        # per policy run so far: the rows whose treated outcomes it computed, their start weeks
        # of every treatment (NaN: not asked) and those outcomes
        self._treated: list[tuple[np.ndarray, np.ndarray, tuple]] = []
        asked = np.zeros(n, dtype=bool)  # every row any policy asks a treatment for
        for frame in starts:
            for t in frame.columns:
                asked |= ~np.isnan(frame[t].to_numpy(np.float64))
        rows = np.flatnonzero(asked)
        self._position = np.full(n, -1, dtype=np.int64)
        self._position[rows] = np.arange(len(rows))
        self._natural = natural(cohort.iloc[rows], a) if len(rows) else None

    def effect(self, treatment: str, start: np.ndarray, rows: np.ndarray) -> treatments.Effect:
        """:func:`cilib.interventions.treatments.effects` of ``treatment`` on the ``rows``
        asked for it (``start``: start weeks of every woman, NaN where not asked), computed
        once per treatment and start weeks."""
        key = (treatment, rows.tobytes(), start[rows].tobytes())  # NaN elsewhere: all of it
        if key not in self._effects:
            self._effects[key] = treatments.effects(
                self.narrow.iloc[rows], treatment, start[rows], self._a, self.adherent[rows]
            )
        return self._effects[key]

    def once(self, key: tuple, compute: Callable[[], object]) -> object:
        """``compute()``, called once per ``key`` (for derived values of the effects this
        keeps, keyed by their windows' ids, which stay valid while it keeps them)."""
        if key not in self._once:
            self._once[key] = compute()
        return self._once[key]

    def natural(self, idx: np.ndarray) -> Natural:
        """The :data:`Natural` history of the pregnancies ``idx`` (rows some policy asked a
        treatment for), as new arrays."""
        pos = self._position[idx]
        if self._natural is None or np.any(pos < 0):
            raise ValueError("idx: rows no policy asked a treatment for; allowed: asked rows")
        x, onset, times, rupture = self._natural
        return {k: v[pos] for k, v in x.items()}, onset[pos], times[:, pos], rupture[pos]

    def treated(
        self, idx: np.ndarray, starts: pd.DataFrame, compute: Callable[[np.ndarray], tuple]
    ) -> tuple:
        """The treated outcomes (a tuple of arrays over ``idx``) of the treated rows ``idx``
        under the checked start weeks ``starts``. A row that an earlier policy treated with the
        same start weeks of every treatment (NaN where not asked) takes that policy's values:
        a pregnancy's outcome is computed elementwise from its own start weeks and draws, so
        they are the same bit for bit. ``compute(positions)`` (positions into ``idx``) gives
        the values of the other rows."""
        key = np.full((len(idx), len(treatments.TREATMENTS)), np.nan)
        for j, t in enumerate(treatments.TREATMENTS):
            if t in starts.columns:
                key[:, j] = starts[t].to_numpy(np.float64)[idx]
        todo = np.ones(len(idx), dtype=bool)
        parts = []  # (positions into idx, values there)
        for rows, k, values in self._treated:
            _, i, j = np.intersect1d(idx, rows, assume_unique=True, return_indices=True)
            same = todo[i] & ((key[i] == k[j]) | (np.isnan(key[i]) & np.isnan(k[j]))).all(axis=1)
            i, j = i[same], j[same]
            todo[i] = False
            parts.append((i, [v[j] for v in values]))
        pos = np.flatnonzero(todo)
        if len(pos):
            new = compute(pos)
            self._treated.append((idx[pos], key[pos], new))
            parts.append((pos, new))
        out = [np.empty(len(idx), dtype=v.dtype) for v in parts[-1][1]]
        for i, values in parts:
            for o, v in zip(out, values, strict=True):
                o[i] = v
        return tuple(out)
