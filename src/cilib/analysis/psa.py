"""Probabilistic sensitivity analysis: the policies' outcomes over draws of the assumptions.

Each draw takes a value of every varied assumption from its sampling distribution
(:mod:`cilib.params.distributions`), generates its own cohort and runs every policy on it with
:func:`cilib.compare_policies` (common random numbers across the policies of a draw). Draw
``d`` takes its seeds from the stream registry (``psa_draw`` slot ``d``: its cohort, its
policies, and ``psa_parameters`` for its parameter values), so a draw's numbers depend only on
the seed and ``d``: the result is bit-identical whatever the chunk size or the number of
workers. Draws run in chunks, in process or as tasks of a Dask cluster (``client``); each chunk
returns its per-draw aggregates, so memory stays flat as draws grow, and a chunk whose worker
fails is recomputed with the same numbers.

Which assumptions vary (``vary``): by default (``"all"``) every record with a range. The
calibrated natural history varies jointly: each draw takes one draw of the calibration
posterior (:mod:`cilib.params.posterior`, chosen by the draw's ``psa_posterior`` stream), so
every draw still reproduces the calibration targets; the other records are drawn independently
from their sampling distributions (:mod:`cilib.params.distributions`). The calibrated
treatment effects vary over the values that reproduce the ends of their target trial's 95% CI
(``scripts/fit_treatment_ranges.py``: calibration uncertainty mapped through the model); they
were fitted at the natural history's fitted point, not refitted for each posterior draw. The
race and plurality shares are held, because independent draws of shares can sum to more than
one (``p_twin`` is calibrated, so it moves with the posterior). ``"natural_history"`` varies
only the posterior; ``"treatments"`` only the treatment, policy and neonatal-outcome records;
a list of names varies exactly those (calibrated natural-history names are refused there:
drawn alone they would no longer reproduce the targets).

Synthetic data for teaching and research only; not for clinical use.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cilib.analysis.cluster import release_memory, tune_allocator
from cilib.interventions.compare import compare_policies
from cilib.interventions.policies import get as get_policy
from cilib.model.cohort import generate_cohort
from cilib.params import posterior, streams
from cilib.params.assumptions import Assumptions, calibrated_ranges
from cilib.params.distributions import sampling
from cilib.params.registry import SHARE_GROUPS
from cilib.params.streams import DEFAULT_SEED
from cilib.params.validation import shown
from cilib.version import __version__

__all__ = [
    "OUTCOMES",
    "POSTERIOR_DRAW",
    "PSAResult",
    "Plan",
    "assemble",
    "draw_parameters",
    "execute",
    "plan",
    "run",
    "uses_posterior",
    "varied_parameters",
]

#: Outcomes recorded per draw and policy: name -> (column of compare_policies, scale). Rates
#: per 1,000 pregnancies or infants; counts as they are; NNS and NNT as ratios.
OUTCOMES: dict[str, tuple[str, float]] = {
    "pregnancies": ("pregnancies", 1.0),
    "infants": ("infants", 1.0),
    "ptb_lt28_per_1000": ("ptb_lt28_percent", 10.0),
    "ptb_lt32_per_1000": ("ptb_lt32_percent", 10.0),
    "ptb_lt34_per_1000": ("ptb_lt34_percent", 10.0),
    "ptb_lt37_per_1000": ("ptb_lt37_percent", 10.0),
    "midtrimester_loss_per_1000": ("midtrimester_loss_percent", 10.0),
    "survivors_per_1000": ("survivors_per_1000", 1.0),
    "women_screened": ("women_screened", 1.0),
    "scans": ("scans", 1.0),
    "treated_any": ("treated_any", 1.0),
    "treated_vaginal_progesterone": ("treated_vaginal_progesterone", 1.0),
    "treated_im_17ohpc": ("treated_im_17ohpc", 1.0),
    "treated_cerclage": ("treated_cerclage", 1.0),
    "treated_pessary": ("treated_pessary", 1.0),
    "ptb_averted": ("ptb_averted", 1.0),
    "nns": ("nns", 1.0),
    "nnt": ("nnt", 1.0),
}
#: Column of :attr:`PSAResult.parameters` with the calibration-posterior draw of each PSA draw.
POSTERIOR_DRAW = "posterior_draw"
#: Most draws of a default chunk: each task leaves a Dask worker about 0.5 MB larger (measured),
#: so chunks of 10 grew a worker's peak 361 -> 402 MB from 100 to 1,000 draws; 25 keep it flat.
MAX_CHUNK = 25
_TREATMENT_GROUPS = ("treatments", "policies", "neonatal outcomes")
_SHARES = {name for names in SHARE_GROUPS.values() for name in names}
_KEYWORDS = ("all", "natural_history", "treatments")


def uses_posterior(vary: str | Sequence[str]) -> bool:
    """Whether ``vary`` draws the calibrated natural history from the calibration posterior
    (``"all"`` and ``"natural_history"``, when the package ships a posterior)."""
    joint = ("all", "natural_history")
    return isinstance(vary, str) and vary in joint and posterior.load() is not None


def _natural_history(a: Assumptions) -> set[str]:
    """The calibrated records fitted to the calibration targets (not to trials)."""
    return {r.name for r in a.records.values() if r.natural_history_fit}


def varied_parameters(a: Assumptions, vary: str | Sequence[str] = "all") -> list[str]:
    """Names of the assumptions a PSA draws independently (sorted), see the module docstring;
    the calibration posterior's records (:func:`uses_posterior`) are not among them.

    Raises
    ------
    ValueError
        For an unknown ``vary`` keyword or name, a named record without a range, or a named
        calibrated natural-history record.
    """
    records = a.records
    if isinstance(vary, str):
        if vary not in _KEYWORDS:
            raise ValueError(
                f"vary: got {shown(vary)}; allowed: {', '.join(map(repr, _KEYWORDS))} or a list of names"
            )
        if vary == "natural_history":
            return []
        ranged = set(calibrated_ranges())
        keep = [
            r.name
            for r in records.values()
            if r.low < r.high
            and r.distribution != "fixed"
            and (r.status != "calibrated" or r.name in ranged)
            and r.name not in _SHARES
            and (vary == "all" or r.group in _TREATMENT_GROUPS)
        ]
        return sorted(keep)
    names = list(vary)
    unknown = [x for x in names if x not in records]
    if unknown:
        raise ValueError(f"vary: got unknown assumptions {unknown}; allowed: record names")
    flat = [x for x in names if records[x].low >= records[x].high]
    if flat:
        raise ValueError(f"vary: got {flat}, which have no range; allowed: records with a range")
    joint = sorted(set(names) & _natural_history(a))
    if joint:
        raise ValueError(
            f"vary: got calibrated natural-history records {joint}; allowed: other records "
            "(the natural history varies jointly, with vary='all' or 'natural_history')"
        )
    return sorted(set(names))


def draw_parameters(
    a: Assumptions,
    names: Sequence[str],
    draws: Sequence[int],
    seed,
    *,
    joint: bool = False,
) -> pd.DataFrame:
    """The values of ``names`` in each of ``draws`` (one row per draw, index ``draw``): one
    uniform per name from draw ``d``'s ``psa_parameters`` stream, through the record's quantile
    function, so draw ``d`` has the same values whatever other draws are made. With ``joint``,
    also the calibrated natural history of one calibration-posterior draw, chosen uniformly by
    draw ``d``'s ``psa_posterior`` stream (its number in column ``posterior_draw``)."""
    samplers = [sampling(a.record(x)) for x in names]
    post = posterior.load() if joint else None
    seeds = [streams.child(seed, "psa_draw", int(d)) for d in draws]
    # one uniform per record from each draw's own stream, then one quantile call per record
    # for the whole chunk (elementwise: the values of one call per draw, at a fraction of the cost)
    u = np.array([streams.generator(s, "psa_parameters").random(len(names)) for s in seeds])
    u = u.reshape(len(seeds), len(names))  # (0, k) for an empty chunk
    columns = {x: f.ppf(u[:, j]) for j, (x, f) in enumerate(zip(names, samplers, strict=True))}
    rows = [{x: float(v[i]) for x, v in columns.items()} for i in range(len(seeds))]
    if post is not None:
        for row, s in zip(rows, seeds, strict=True):
            i = int(streams.generator(s, "psa_posterior").integers(post.size))
            row.update(post.values(i, a))
            row[POSTERIOR_DRAW] = i
    return pd.DataFrame(rows, index=pd.Index(list(draws), name="draw"))


def _one_draw(spec: dict, d: int, values: dict[str, float]) -> pd.DataFrame:
    a = spec["assumptions"].replace(**values) if values else spec["assumptions"]
    s = streams.child(spec["seed"], "psa_draw", d)
    cohort = generate_cohort(spec["n"], seed=s, assumptions=a, threads=spec.get("threads"))
    arms, ref = spec["policies"], spec["reference"]  # point estimates only: no intervals
    table = compare_policies(cohort, arms, seed=s, reference=ref, assumptions=a, intervals=False)
    values = np.array([table[col].to_numpy(np.float64) * k for col, k in OUTCOMES.values()])
    names = table["policy"].to_numpy()  # long format: outcome by outcome, as melt lays it out
    long = {
        "policy": np.tile(names, len(OUTCOMES)),
        "outcome": np.repeat(list(OUTCOMES), len(names)),
    }
    return pd.DataFrame({"draw": d, **long, "value": values.ravel()})


def _run_chunk(spec: dict, draws: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Outcomes and parameter values of the draws of one chunk (a pure function of its
    arguments: a Dask task)."""
    tune_allocator()  # a Dask worker's allocator may be set to unmap every array (cluster.py)
    params = draw_parameters(
        spec["assumptions"], spec["names"], draws, spec["seed"], joint=spec.get("joint", False)
    )
    values = params.drop(columns=[POSTERIOR_DRAW], errors="ignore")
    outs = [_one_draw(spec, d, values.loc[d].to_dict()) for d in draws]
    release_memory()  # what the draws freed goes back: a worker's memory stays flat
    return pd.concat(outs, ignore_index=True), params


@dataclass(frozen=True)
class PSAResult:
    """A PSA's tidy ``outcomes`` (``draw``, ``policy``, ``outcome``, ``value``), its drawn
    ``parameters`` (one row per draw) and the ``settings`` that reproduce it."""

    outcomes: pd.DataFrame
    parameters: pd.DataFrame
    settings: dict = field(default_factory=dict)

    def wide(self, outcome: str) -> pd.DataFrame:
        """One outcome as a table: one row per draw, one column per policy (in run order).

        Raises
        ------
        ValueError
            For an outcome that is not in :data:`OUTCOMES`.
        """
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome: got {shown(outcome)}; allowed: {', '.join(OUTCOMES)}")
        o = self.outcomes[self.outcomes["outcome"] == outcome]
        table = o.pivot(index="draw", columns="policy", values="value")
        return table[list(dict.fromkeys(o["policy"]))]

    def summary(self) -> pd.DataFrame:
        """Mean and central 95% interval (2.5% and 97.5% quantiles over the draws) of each
        policy's outcomes: columns ``policy``, ``outcome``, ``mean``, ``low``, ``high``,
        ``draws`` (non-missing values)."""
        g = self.outcomes.groupby(["policy", "outcome"], sort=False)["value"]
        out = g.agg(
            mean="mean",
            low=lambda v: v.quantile(0.025),
            high=lambda v: v.quantile(0.975),
            draws="count",
        )
        return out.reset_index()

    def incremental(self, reference: str) -> pd.DataFrame:
        """Each policy minus ``reference`` within each draw (same draws, same women): tidy
        ``draw``, ``policy``, ``outcome``, ``difference``.

        Raises
        ------
        ValueError
            If ``reference`` is not one of the policies.
        """
        policies = list(dict.fromkeys(self.outcomes["policy"]))
        if reference not in policies:
            raise ValueError(f"reference: got {shown(reference)}; allowed: {', '.join(policies)}")
        wide = self.outcomes.pivot_table(
            index=["draw", "outcome"], columns="policy", values="value", dropna=False
        )
        diff = wide.sub(wide[reference], axis=0).drop(columns=reference)
        long = diff.reset_index().melt(
            id_vars=["draw", "outcome"], var_name="policy", value_name="difference"
        )
        return long[["draw", "policy", "outcome", "difference"]]


def _check_int(label: str, v, minimum: int) -> int:
    if isinstance(v, bool) or not isinstance(v, numbers.Integral) or v < minimum:
        raise ValueError(f"{label}: got {shown(v)}; allowed: an integer >= {minimum}")
    return int(v)


@dataclass(frozen=True)
class Plan:
    """What a PSA will compute: the ``spec`` every chunk reads, the ``chunks`` of draw numbers
    and the ``settings`` that reproduce it (JSON-serialisable when the policies are names)."""

    spec: dict
    chunks: list[list[int]]
    settings: dict


def plan(
    policies: Sequence,
    draws: int = 1_000,
    n: int = 100_000,
    *,
    scenario: str | Assumptions = "us_contemporary",
    seed: int = DEFAULT_SEED,
    reference="no_screening",
    vary: str | Sequence[str] = "all",
    chunk_size: int | None = None,
    workers: int = 1,
) -> Plan:
    """Validate the arguments of :func:`run` and split the draws into chunks (default: about
    four chunks per worker, at most :data:`MAX_CHUNK` draws each); fails fast on an unknown
    policy."""
    if isinstance(policies, str) or hasattr(policies, "apply"):
        policies = [policies]  # one preset name or Policy
    if not isinstance(policies, Iterable) or isinstance(policies, pd.DataFrame):
        raise TypeError(
            f"policies: got {shown(policies)}; allowed: a list of preset names or "
            "cilib.policies.Policy objects"
        )
    draws = _check_int("draws", draws, 1)
    n = _check_int("n", n, 1)
    seed = _check_int("seed", seed, 0)
    a = scenario if isinstance(scenario, Assumptions) else Assumptions.scenario(scenario)
    names = varied_parameters(a, vary)
    if chunk_size is None:
        chunk_size = max(1, min(MAX_CHUNK, math.ceil(draws / (4 * max(int(workers), 1)))))
    chunk_size = _check_int("chunk_size", chunk_size, 1)
    spec = {
        "assumptions": a,
        "names": names,
        "seed": seed,
        "n": n,
        "policies": list(policies),
        "reference": reference,
        "joint": uses_posterior(vary),
    }
    _check_policies(spec["policies"], reference)
    chunks = [list(range(i, min(i + chunk_size, draws))) for i in range(0, draws, chunk_size)]
    settings = {
        "policies": [getattr(p, "name", p) for p in spec["policies"]],
        "draws": draws,
        "n": n,
        "scenario": a.scenario_name,
        "seed": seed,
        "reference": getattr(reference, "name", reference),
        "vary": vary if isinstance(vary, str) else sorted(vary),
        "chunk_size": chunk_size,
        "varied": names,
        "posterior": _posterior_settings() if spec["joint"] else None,
        "held_calibrated": _held_calibrated(a, names, spec["joint"]),
        "assumptions_hash": a.hash(),
        "cilib_version": __version__,
    }
    return Plan(spec=spec, chunks=chunks, settings=settings)


def execute(
    p: Plan,
    *,
    client=None,
    skip: Collection[int] = (),
    on_chunk: Callable[[int, pd.DataFrame, pd.DataFrame], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[int, tuple[pd.DataFrame, pd.DataFrame]]:
    """Compute the chunks of ``p`` not in ``skip`` (indices into ``p.chunks``), in process or
    on the Dask ``client``; ``on_chunk(i, outcomes, parameters)`` is called as each finishes
    (e.g. to save it), ``progress(k)`` with its number of draws. Returns ``{i: (outcomes,
    parameters)}``."""
    todo = [i for i in range(len(p.chunks)) if i not in set(skip)]
    parts: dict[int, tuple[pd.DataFrame, pd.DataFrame]] = {}

    def finished(i: int, part) -> None:
        parts[i] = part
        if on_chunk is not None:
            on_chunk(i, *part)
        if progress is not None:
            progress(len(p.chunks[i]))

    if client is None:
        for i in todo:
            finished(i, _run_chunk(p.spec, p.chunks[i]))
        return parts
    from distributed import as_completed

    # a worker process has its own core: one thread per cohort, no oversubscription
    spec_future = client.scatter({**p.spec, "threads": 1}, broadcast=True)
    futures = {client.submit(_run_chunk, spec_future, p.chunks[i], pure=False): i for i in todo}
    for fut in as_completed(futures):
        # a chunk's result leaves the worker once it is here: worker memory stays flat
        finished(futures.pop(fut), fut.result())
        fut.release()
    return parts


def assemble(p: Plan, parts: dict[int, tuple[pd.DataFrame, pd.DataFrame]]) -> PSAResult:
    """The :class:`PSAResult` of every chunk of ``p``, in draw order.

    Raises
    ------
    ValueError
        If a chunk is missing.
    """
    missing = [i for i in range(len(p.chunks)) if i not in parts]
    if missing:
        raise ValueError(f"parts: chunks {missing[:5]} missing; allowed: every chunk of the plan")
    outcomes = pd.concat([parts[i][0] for i in range(len(p.chunks))], ignore_index=True)
    parameters = pd.concat([parts[i][1] for i in range(len(p.chunks))])
    return PSAResult(outcomes=outcomes, parameters=parameters, settings=dict(p.settings))


def run(
    policies: Sequence,
    draws: int = 1_000,
    n: int = 100_000,
    *,
    scenario: str | Assumptions = "us_contemporary",
    seed: int = DEFAULT_SEED,
    reference="no_screening",
    vary: str | Sequence[str] = "all",
    client=None,
    chunk_size: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> PSAResult:
    """Run a probabilistic sensitivity analysis (see the module docstring).

    Parameters
    ----------
    policies : sequence
        Preset names or :class:`cilib.policies.Policy` objects (picklable when a ``client``
        runs them).
    draws : int
        Number of parameter draws (>= 1).
    n : int
        Pregnancies per draw (>= 1).
    scenario : str or Assumptions
        A scenario name (:func:`cilib.scenarios`) or the assumptions to start from.
    seed : int
        The one seed of every draw (>= 0).
    reference : str or Policy
        The arm ``ptb_averted``, NNS and NNT are counted against.
    vary : str or list of str
        Which assumptions are drawn (:func:`varied_parameters`).
    client : distributed.Client, optional
        Run the chunks as tasks of this Dask cluster; in process if omitted.
    chunk_size : int, optional
        Draws per task (default: about four tasks per worker, at most :data:`MAX_CHUNK` draws
        each).
    progress : callable, optional
        Called with the number of draws of each finished chunk (e.g. a tqdm bar's update).

    Returns
    -------
    PSAResult
        ``outcomes`` (one row per draw x policy x outcome of :data:`OUTCOMES`), ``parameters``
        (the drawn values) and ``settings``.

    Raises
    ------
    ValueError
        For draws, n, seed or chunk_size out of range, an unknown scenario, policy or ``vary``.
    """
    if progress is not None and not callable(progress):
        raise TypeError(
            f"progress: got {shown(progress)}; allowed: None or a function of the number of "
            "draws done"
        )
    if client is not None and not hasattr(client, "scheduler_info"):
        raise TypeError(
            f"client: got {shown(client)} of type {type(client).__name__}; allowed: None or a "
            "dask.distributed.Client"
        )
    workers = len(client.scheduler_info().get("workers", {})) if client is not None else 1
    p = plan(
        policies,
        draws,
        n,
        scenario=scenario,
        seed=seed,
        reference=reference,
        vary=vary,
        chunk_size=chunk_size,
        workers=workers,
    )
    return assemble(p, execute(p, client=client, progress=progress))


def _held_calibrated(a: Assumptions, names: Sequence[str], joint: bool) -> list[str]:
    """The calibrated records a PSA holds at their fitted values: neither drawn on their own
    nor taken from the posterior (treatment effects without a CI-mapped range, say)."""
    calibrated = {r.name for r in a.records.values() if r.status == "calibrated"}
    return sorted(calibrated - set(names) - (_natural_history(a) if joint else set()))


def _posterior_settings() -> dict:
    """What identifies the calibration posterior a PSA drew from."""
    meta = posterior.load().meta
    keys = ("draws", "n", "seed", "fitted_point_sha256", "ess_min", "rhat_max")
    return {k: meta[k] for k in keys} | {"coverage": meta.get("coverage_out_of_sample")}


def _check_policies(policies: Sequence, reference) -> None:
    """Fail fast, before any task runs: every policy and the reference must be a preset name or
    a :class:`cilib.policies.Policy` (:func:`cilib.policies.get` raises the library's error),
    listed once."""
    names = [get_policy(p, param=f"policies[{i}]").name for i, p in enumerate(policies)]
    if not names:
        raise ValueError("policies: got an empty sequence; allowed: at least one policy")
    dup = sorted({x for x in names if names.count(x) > 1})
    if dup:
        raise ValueError(f"policies: duplicate names {shown(dup)}; allowed: each policy once")
    get_policy(reference, param="reference")
