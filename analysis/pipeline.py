"""Per-article stages (NLP, then the analyses built on it), run in batches, cached as Parquet parts.

Each stage turns a batch of articles into tables (the NLP stage: ``sentences`` and ``tokens``). A
batch's output is written as one Parquet *part* per table under ``data/processed/<table>/``, named
by the stage's version and the batch's articles, and recorded in ``data/processed/parts.json``.
A stage's version hashes its code, the lexicons it reads and the versions of the stages it builds
on, so editing a module or a lexicon invalidates exactly the parts that depend on it; adding an
article computes one new small batch and leaves the others alone.

Batches run in this process (``jobs=1``), in worker processes (``jobs>1``), or on a Dask cluster
(``engine="dask"``); all three write the same parts. Memory stays bounded by the batch size.

Example:
    >>> run_stages(corpus_tables, processed_dir, jobs=2)  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from pathlib import Path

import pandas as pd

from analysis.config import PATHS

PACKAGE_DIR = Path(__file__).parent
INDEX_NAME = "parts.json"


@dataclass(frozen=True)
class Stage:
    """A per-article stage: ``func`` ("module:function") maps a batch Corpus to its output tables."""

    name: str
    tables: tuple[str, ...]
    func: str
    modules: tuple[str, ...]
    lexicons: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


STAGES: tuple[Stage, ...] = (
    Stage(
        "nlp",
        ("sentences", "tokens"),
        "analysis.nlp:stage",
        ("nlp", "quotemarks", "attributes", "triggers"),
    ),
    Stage(
        "sentiment",
        ("sentence_sentiment",),
        "analysis.sentiment:stage",
        ("sentiment",),
        after=("nlp",),
    ),
    Stage(
        "claims",
        ("claims",),
        "analysis.claims:stage",
        ("claims", "triggers"),
        ("claims.csv",),
        after=("nlp",),
    ),
    Stage(
        "quotes",
        ("quotes",),
        "analysis.quotes:stage",
        ("quotes", "quotemarks", "triggers"),
        ("speakers.csv",),
        after=("nlp",),
    ),
)


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:12]


@cache
def stage_version(name: str, lexicon_dir: Path | None = None) -> str:
    """Hash of the stage's code, lexicons, model (for NLP) and the versions it builds on."""
    stage = _stage(name)
    lexicon_dir = lexicon_dir or PATHS.lexicons
    parts: list[bytes | str] = [stage.name]
    parts += [(PACKAGE_DIR / f"{m}.py").read_bytes() for m in stage.modules]
    for lex in stage.lexicons:
        path = lexicon_dir / lex
        parts.append(path.read_bytes() if path.exists() else b"(missing)")
    if name == "nlp":
        from analysis.nlp import model_version

        parts.append(model_version())
    parts += [stage_version(dep, lexicon_dir) for dep in stage.after]
    return _digest(*parts)


def _stage(name: str) -> Stage:
    return next(s for s in STAGES if s.name == name)


def _func(stage: Stage) -> Callable:
    module, _, attr = stage.func.partition(":")
    return getattr(import_module(module), attr)


def batch_key(article_ids: Sequence[str]) -> str:
    """Name of a batch: a hash of its sorted article ids."""
    return _digest(*sorted(article_ids))


# -- the parts index -----------------------------------------------------------------------------
@dataclass
class Index:
    """What parts exist: stage -> batch key -> {"version", "articles"}."""

    path: Path
    stages: dict[str, dict[str, dict]] = field(default_factory=dict)

    @classmethod
    def read(cls, processed_dir: Path) -> Index:
        path = processed_dir / INDEX_NAME
        data = json.loads(path.read_text()) if path.exists() else {}
        return cls(path, data)

    def write(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.stages, indent=1, sort_keys=True))
        tmp.replace(self.path)

    def current(self, stage: str, version: str) -> dict[str, list[str]]:
        """Batch key -> article ids of the parts of ``stage`` at ``version``."""
        return {
            key: entry["articles"]
            for key, entry in self.stages.get(stage, {}).items()
            if entry["version"] == version
        }


def part_path(processed_dir: Path, table: str, version: str, key: str) -> Path:
    """Where one batch's part of ``table`` lives."""
    return processed_dir / table / f"{version}-{key}.parquet"


# -- running batches -----------------------------------------------------------------------------
@dataclass
class Batch:
    """One batch of work: its articles' input tables and the stages to run on it."""

    key: str
    article_ids: list[str]
    stages: list[str]
    inputs: dict[str, pd.DataFrame]


def run_batch(batch: Batch) -> tuple[str, dict[str, pd.DataFrame], dict[str, float]]:
    """Run ``batch.stages`` in order on one batch. Pure: writes nothing.

    Returns:
        (batch key, output tables, seconds spent in each stage).
    """
    from analysis.corpus import Corpus

    tables = dict(batch.inputs)
    out: dict[str, pd.DataFrame] = {}
    seconds: dict[str, float] = {}
    names = ("files", "articles", "paragraphs", "removed", "texts", "sentences", "tokens")
    for name in batch.stages:
        stage = _stage(name)
        started = time.perf_counter()
        c = Corpus(**{n: tables.get(n, pd.DataFrame()) for n in names})
        made = _func(stage)(c)
        seconds[name] = time.perf_counter() - started
        for table in stage.tables:
            out[table] = made[table]
            tables[table] = made[table]
    return batch.key, out, seconds


def _init_worker() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")


def _select(frame: pd.DataFrame, ids: set[str]) -> pd.DataFrame:
    return frame[frame["article_id"].isin(ids)]


@dataclass
class StageStats:
    """What :func:`run_stages` did."""

    batches_run: int = 0
    articles_processed: int = 0
    parts_reused: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)


def plan(
    articles: pd.DataFrame, processed_dir: Path, *, batch_size: int
) -> tuple[list[tuple[str, list[str], list[str]]], Index]:
    """Which batches need which stages: [(key, article ids, stage names)], and the index."""
    index = Index.read(processed_dir)
    ids = list(articles["article_id"])
    wanted = set(ids)
    nlp_version = stage_version("nlp")
    covered: dict[str, list[str]] = {}
    for key, members in index.current("nlp", nlp_version).items():
        if set(members) & wanted:
            covered[key] = members
    done = {a for members in covered.values() for a in members}
    todo = [a for a in ids if a not in done]
    batches = [(batch_key(chunk), chunk) for chunk in _chunks(todo, batch_size)]
    work: list[tuple[str, list[str], list[str]]] = [
        (k, m, [s.name for s in STAGES]) for k, m in batches
    ]
    for key, members in covered.items():
        missing = [
            s.name for s in STAGES[1:] if key not in index.current(s.name, stage_version(s.name))
        ]
        if missing:
            work.append((key, members, missing))
    return work, index


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _inputs(
    key: str,
    members: list[str],
    stages: list[str],
    base: dict[str, pd.DataFrame],
    processed_dir: Path,
) -> dict[str, pd.DataFrame]:
    ids = set(members)
    inputs = {name: _select(frame, ids) for name, frame in base.items()}
    # the tables of the stages the work builds on, when those stages are not rerun themselves
    upstream = {dep for name in stages for dep in _stage(name).after} - set(stages)
    for name in upstream:
        for table in _stage(name).tables:
            inputs[table] = pd.read_parquet(
                part_path(processed_dir, table, stage_version(name), key)
            )
    return inputs


def run_stages(
    base: dict[str, pd.DataFrame],
    processed_dir: Path,
    *,
    jobs: int = 1,
    batch_size: int = 100,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = False,
) -> StageStats:
    """Bring every stage's parts up to date for the loaded articles.

    Args:
        base: the ingest tables the stages read: ``articles``, ``paragraphs``, ``texts``.
        processed_dir: where parts and ``parts.json`` live.
        jobs: worker processes for the local engine (1: run in this process).
        batch_size: articles per batch (bounds memory).
        engine: ``local`` or ``dask``.
        scheduler: Dask scheduler address (``engine="dask"``); None starts a local cluster.
        progress: show a progress bar.
    """
    work, index = plan(base["articles"], processed_dir, batch_size=batch_size)
    stats = StageStats(parts_reused=len(index.current("nlp", stage_version("nlp"))))
    batches = (
        Batch(key, members, stages, _inputs(key, members, stages, base, processed_dir))
        for key, members, stages in work
    )
    results = _execute(
        batches, len(work), jobs=jobs, engine=engine, scheduler=scheduler, progress=progress
    )
    members_of = {key: (members, stages) for key, members, stages in work}
    for key, tables, seconds in results:
        for name, secs in seconds.items():
            stats.stage_seconds[name] = stats.stage_seconds.get(name, 0.0) + secs
        members, stages = members_of[key]
        for name in stages:
            stage = _stage(name)
            version = stage_version(name)
            for table in stage.tables:
                path = part_path(processed_dir, table, version, key)
                path.parent.mkdir(parents=True, exist_ok=True)
                tables[table].to_parquet(path, index=False)
            previous = index.stages.get(name, {}).get(key)
            if previous and previous["version"] != version:  # the same batch under older code
                for table in stage.tables:
                    part_path(processed_dir, table, previous["version"], key).unlink(
                        missing_ok=True
                    )
            index.stages.setdefault(name, {})[key] = {"version": version, "articles": members}
        stats.batches_run += 1
        stats.articles_processed += len(members) if "nlp" in stages else 0
        index.write()
    _collect_garbage(index, set(base["articles"]["article_id"]), processed_dir)
    index.write()
    return stats


def _execute(
    batches: Iterator[Batch],
    total: int,
    *,
    jobs: int,
    engine: str,
    scheduler: str | None,
    progress: bool,
) -> Iterator[tuple[str, dict[str, pd.DataFrame]]]:
    bar = None
    if progress and total:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, desc="Analysing", unit="batch", leave=False)
    if engine == "dask":
        yield from _execute_dask(batches, scheduler=scheduler, bar=bar)
    elif jobs <= 1:
        for batch in batches:
            yield run_batch(batch)
            if bar:
                bar.update()
    else:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker) as pool:
            pending = set()
            for batch in batches:
                pending.add(pool.submit(run_batch, batch))
                if len(pending) >= 2 * jobs:  # keep memory bounded: a few batches in flight
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in done:
                        yield fut.result()
                        if bar:
                            bar.update()
            for fut in pending:
                yield fut.result()
                if bar:
                    bar.update()
    if bar:
        bar.close()


def _execute_dask(
    batches: Iterator[Batch], *, scheduler: str | None, bar
) -> Iterator[tuple[str, dict[str, pd.DataFrame], dict[str, float]]]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise RuntimeError(
            "the Dask engine needs the optional extra: pip install 'presslens[dask]'"
        ) from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
        client = Client(cluster)
    try:
        futures = [client.submit(run_batch, batch, pure=False) for batch in batches]
        for fut in as_completed(futures):
            yield fut.result()
            if bar:
                bar.update()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _collect_garbage(index: Index, loaded: set[str], processed_dir: Path) -> None:
    """Delete parts of old versions and parts whose articles are all gone."""
    for name, entries in list(index.stages.items()):
        try:
            version = stage_version(name)
            tables = _stage(name).tables
        except StopIteration:  # a stage that no longer exists
            version, tables = None, ()
        for key, entry in list(entries.items()):
            if entry["version"] == version and set(entry["articles"]) & loaded:
                continue
            for table in tables or _tables_on_disk(processed_dir):
                part_path(processed_dir, table, entry["version"], key).unlink(missing_ok=True)
            del entries[key]


def _tables_on_disk(processed_dir: Path) -> list[str]:
    return [p.name for p in processed_dir.iterdir() if p.is_dir() and p.name != "cache"]


def read_table(
    table: str, processed_dir: Path, articles: pd.DataFrame, *, columns: list[str] | None = None
) -> pd.DataFrame:
    """One stage table for the loaded articles, in article order (then row order within each)."""
    stage = next(s for s in STAGES if table in s.tables)
    index = Index.read(processed_dir)
    version = stage_version(stage.name)
    paths = [
        part_path(processed_dir, table, version, key) for key in index.current(stage.name, version)
    ]
    paths = [p for p in paths if p.exists()]
    if not paths:
        stale = bool(index.stages.get(stage.name))
        why = "is out of date (its code or a lexicon changed)" if stale else "has not been built"
        raise FileNotFoundError(
            f"The '{table}' table in {processed_dir} {why}. Run `python -m analysis ingest`."
        )
    frame = pd.concat(
        [pd.read_parquet(p, columns=columns) for p in sorted(paths)], ignore_index=True
    )
    order = {a: i for i, a in enumerate(articles["article_id"])}
    frame = frame[frame["article_id"].isin(order)]
    rank = frame["article_id"].map(order)
    frame = frame.assign(_rank=rank).sort_values("_rank", kind="stable").drop(columns="_rank")
    return frame.reset_index(drop=True)
