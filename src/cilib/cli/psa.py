"""``cilib psa``: a probabilistic sensitivity analysis from the command line, resumable, in
process or on Dask (``--workers N`` starts a local cluster, ``--scheduler ADDRESS`` joins one).

Each finished chunk of draws is saved under ``<out>/.psa_chunks/`` beside the run's settings;
running the same command again skips the chunks already there, so an interrupted run resumes.
When every chunk is done the results are written (:func:`cilib.psa_files.write_psa`, plus
dampack's tables in ``<out>/dampack``) and the chunks are removed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

import pandas as pd

from cilib.analysis import economics, psa
from cilib.cli.formats import DEFAULT_SCENARIO, UsageError
from cilib.io import atomic_write
from cilib.io_checks import shown_path
from cilib.params import posterior
from cilib.params.streams import DEFAULT_SEED
from cilib.params.validation import shown
from cilib.psa_files import write_dampack, write_psa

__all__ = ["add_psa", "cmd_psa"]

_CHUNKS = ".psa_chunks"


def add_psa(sub, scen: str, subcommand, int_arg, scenario_arg) -> None:
    """Add the ``psa`` subcommand to the ``cilib`` parser."""
    p = subcommand(
        sub,
        "psa",
        "probabilistic sensitivity analysis of policies",
        "Draw the assumptions from their distributions, simulate every policy on each draw's "
        "cohort and write the outcomes per draw (Parquet with a manifest, a summary CSV and "
        "dampack's tables). Resumable: the same command skips the chunks already finished.",
        cmd_psa,
    )
    p.add_argument("--policies", required=True, metavar="A,B,...", help="preset names")
    p.add_argument("--draws", type=int_arg("draws", 1, None, "an integer >= 1"), default=1_000)
    p.add_argument("--n", type=int_arg("n", 1, None, "an integer >= 1"), default=100_000)
    p.add_argument("--seed", type=int_arg("seed", 0, None, "a non-negative integer"), default=None)
    p.add_argument("--scenario", type=scenario_arg, default=DEFAULT_SCENARIO, metavar="NAME")
    p.add_argument("--reference", default="no_screening", metavar="POLICY")
    p.add_argument("--vary", choices=("all", "natural_history", "treatments"), default="all")
    p.add_argument("--chunk-size", type=int_arg("chunk-size", 1, None, "an integer >= 1"))
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--workers", type=int_arg("workers", 1, 256, "an integer 1 to 256"), default=None
    )
    where.add_argument("--scheduler", default=None, metavar="ADDRESS")
    p.add_argument(
        "--costs",
        default=None,
        metavar="FILE.toml",
        help="cost/utility table: dampack's tables then hold costs and QALYs per pregnancy, "
        "and icers.csv is written (see cilib.analysis.economics)",
    )
    p.add_argument("--out", required=True, metavar="DIR", help="output directory")
    p.add_argument("--force", action="store_true", help="overwrite results, discard old chunks")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def _client(args):
    if args.scheduler is None and args.workers is None:
        return None, None
    try:
        from distributed import Client

        from cilib.analysis.cluster import local_cluster
    except ImportError:  # pragma: no cover - distributed is a dependency of the psa extra
        raise UsageError("--workers/--scheduler: install cilib[psa] (dask, distributed)") from None
    if args.scheduler is not None:
        try:
            return Client(args.scheduler, timeout="10s"), None
        except (OSError, TimeoutError) as e:
            raise UsageError(f"--scheduler: cannot reach {shown(args.scheduler)} ({e})") from None
    cluster = local_cluster(args.workers)
    return Client(cluster), cluster


def _chunk_files(chunks: Path, i: int) -> tuple[Path, Path]:
    return chunks / f"outcomes_{i:05d}.parquet", chunks / f"parameters_{i:05d}.parquet"


def _prepare(out: Path, settings: dict, force: bool) -> Path:
    """The chunk directory of this run: refuse finished results without --force, and a chunk
    directory of another run (other arguments) unless --force discards it."""
    if os.path.lexists(out) and not out.is_dir():
        raise UsageError(
            f"--out: got {shown_path(out)}, an existing file or link; allowed: a directory"
        )
    done = [f for f in ("outcomes.parquet", "manifest.json") if os.path.lexists(out / f)]
    if done and not force:
        raise UsageError(
            f"--out: {shown_path(out)} already holds results; use --force to overwrite"
        )
    chunks = out / _CHUNKS
    run = chunks / "run.json"
    if run.exists():
        old = json.loads(run.read_text(encoding="utf-8"))
        if old != settings:
            if not force:
                raise UsageError(
                    f"--out: {shown_path(out)} holds an unfinished run with other arguments; run it "
                    "again with them, or use --force to discard it"
                )
            shutil.rmtree(chunks)
    chunks.mkdir(parents=True, exist_ok=True)
    if not run.exists():
        text = json.dumps(settings, indent=2, sort_keys=True) + "\n"
        atomic_write([(run, lambda tmp: tmp.write_text(text, encoding="utf-8"))], force=False)
    return chunks


def _compute(p: psa.Plan, args, client, chunks: Path, done: set[int]) -> None:
    """Compute the chunks not yet done, saving each as it finishes, with a progress bar."""

    def save(i: int, outcomes: pd.DataFrame, parameters: pd.DataFrame) -> None:
        o, q = _chunk_files(chunks, i)
        atomic_write(
            [
                (o, lambda tmp: outcomes.to_parquet(tmp, index=False)),
                (q, lambda tmp: parameters.to_parquet(tmp, index=True)),
            ],
            force=True,
        )

    bar = None
    if not args.no_progress:
        from tqdm import tqdm

        bar = tqdm(
            total=p.settings["draws"],
            initial=sum(len(p.chunks[i]) for i in done),
            unit="draw",
            desc="cilib psa",
            file=sys.stderr,
        )
    try:
        psa.execute(
            p,
            client=client,
            skip=done,
            on_chunk=save,
            progress=None if bar is None else bar.update,
        )
    finally:
        if bar is not None:
            bar.close()


def _write_economics(result, costs, out: Path, reference: str) -> None:
    """dampack's tables with costs and QALYs per pregnancy, and the ICERs against the
    reference (``icers.csv``)."""
    cq = economics.costs_and_qalys(result, costs)
    order = list(dict.fromkeys(cq["policy"]))
    cost = cq.pivot(index="draw", columns="policy", values="cost")[order]
    write_dampack(result, out / "dampack", effectiveness="qaly", cost=cost, cq=cq, force=True)
    text = economics.icers(cq, reference).to_csv(index=False, lineterminator="\n")
    atomic_write(
        [(out / "icers.csv", lambda tmp: tmp.write_text(text, encoding="utf-8"))], force=True
    )


def cmd_psa(args: argparse.Namespace, argv: list[str]) -> int:
    """Run ``cilib psa`` (see :func:`add_psa`)."""
    policies = [x.strip() for x in args.policies.split(",") if x.strip()]
    if not policies:
        raise UsageError("--policies: got no names; allowed: preset names separated by commas")
    costs = economics.load_costs(args.costs) if args.costs is not None else None
    workers = args.workers or 1
    p = psa.plan(
        policies,
        args.draws,
        args.n,
        scenario=args.scenario,
        seed=DEFAULT_SEED if args.seed is None else args.seed,
        reference=args.reference,
        vary=args.vary,
        chunk_size=args.chunk_size,
        workers=workers,
    )
    out = Path(args.out)
    client, cluster = _client(args)  # an unreachable scheduler fails before anything is written
    try:
        chunks = _prepare(out, p.settings, args.force)
        done = {i for i in range(len(p.chunks)) if all(f.exists() for f in _chunk_files(chunks, i))}
        _compute(p, args, client, chunks, done)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    parts = {
        i: tuple(pd.read_parquet(f) for f in _chunk_files(chunks, i)) for i in range(len(p.chunks))
    }
    result = psa.assemble(p, parts)
    write_psa(result, out, force=args.force)
    if costs is None:
        write_dampack(result, out / "dampack", force=True)
    else:
        _write_economics(result, costs, out, args.reference)
    shutil.rmtree(chunks)
    print(
        f"{p.settings['draws']} draws x {len(policies)} policies x {p.settings['n']:,} "
        f"pregnancies written to {out} ({len(p.chunks) - len(done)} chunks computed, "
        f"{len(done)} resumed)"
    )
    caveat = posterior.load().caveat() if p.settings["posterior"] is not None else None
    if caveat is not None:
        print(caveat)
    return 0
