"""Per-article stages (NLP, then the analyses built on it), run in batches, cached as Parquet parts.

Each stage turns a batch of articles into tables (the NLP stage: ``sentences`` and ``tokens``). A
batch's output is written as one Parquet *part* per table under ``data/processed/<table>/``, named
by the stage's version and the batch's articles, and recorded in ``data/processed/parts.json``.
A stage's version hashes its code, the lexicons it reads and the versions of the stages it builds
on, so editing a module or a lexicon invalidates exactly the parts that depend on it; adding an
article computes one new small batch and leaves the others alone.

Articles arrive as they are read (:class:`ArticleInputs`); :class:`Batcher` groups them into
batches and :func:`run_stages` runs each batch in this process (``jobs=1``), in worker processes
(``jobs>1``) or on a Dask cluster (``engine="dask"``), all three writing the same parts. Only a few
batches per worker are in flight, and reading waits for them, so memory is bounded by the batch
size whatever the size of the corpus.

Example:
    >>> run_stages(articles_as_read, processed_dir, jobs=2)  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
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
        ("sentiment", "sentiment_model", "quotemarks"),
        ("sentiment_overrides.csv",),
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


@dataclass
class ArticleInputs:
    """One article as read: its row of ``articles``, its ``paragraphs`` rows and its ``texts`` row."""

    article: dict
    paragraphs: list[dict]
    text: dict

    @property
    def article_id(self) -> str:
        return self.article["article_id"]


@dataclass
class StageStats:
    """What :func:`run_stages` did."""

    batches_run: int = 0
    articles_processed: int = 0
    parts_reused: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)


class Batcher:
    """Groups articles, as they are read, into the batches of work their stages need.

    An article no current NLP part covers joins a new batch (every stage, in reading order; a
    batch closes at ``batch_size`` articles or ``batch_words`` words, whichever comes first, so a
    run of long articles makes no bigger batch); an article whose part is current but whose batch
    lacks a later stage (its code or lexicon changed) waits for the rest of that batch, which then
    reruns just the missing stages. Memory holds the articles of the batches being formed, not the
    corpus.
    """

    def __init__(self, processed_dir: Path, *, batch_size: int, batch_words: int) -> None:
        self.processed_dir = processed_dir
        self.batch_size, self.batch_words = batch_size, batch_words
        self.index = Index.read(processed_dir)
        self.members = self.index.current("nlp", stage_version("nlp"))
        self.home = {a: key for key, ids in self.members.items() for a in ids}
        later = {s.name: self.index.current(s.name, stage_version(s.name)) for s in STAGES[1:]}
        self.missing = {
            key: [name for name, parts in later.items() if key not in parts] for key in self.members
        }
        self.fresh: list[ArticleInputs] = []
        self.fresh_words = 0
        self.waiting: dict[str, list[ArticleInputs]] = {}
        self.seen: set[str] = set()

    def batches(self, articles: Iterable[ArticleInputs]) -> Iterator[Batch]:
        """The batches to run for ``articles`` (read lazily, so reading and work interleave)."""
        for art in articles:
            self.seen.add(art.article_id)
            key = self.home.get(art.article_id)
            if key is None:
                self.fresh.append(art)
                self.fresh_words += int(art.article.get("n_words") or 0)
                if len(self.fresh) >= self.batch_size or self.fresh_words >= self.batch_words:
                    yield self._batch(self.fresh, all_stages=True)
                    self.fresh, self.fresh_words = [], 0
            elif self.missing[key]:
                self.waiting.setdefault(key, []).append(art)
                if len(self.waiting[key]) == len(self.members[key]):
                    yield self._batch(self.waiting.pop(key), key=key)
        if self.fresh:
            yield self._batch(self.fresh, all_stages=True)
        for key, arts in self.waiting.items():  # batches some of whose articles are gone
            yield self._batch(arts, key=key)

    def _batch(
        self, arts: list[ArticleInputs], *, key: str | None = None, all_stages: bool = False
    ) -> Batch:
        ids = [a.article_id for a in arts]
        inputs = {
            "articles": pd.DataFrame([a.article for a in arts]),
            "paragraphs": pd.DataFrame([p for a in arts for p in a.paragraphs]),
            "texts": pd.DataFrame([a.text for a in arts]),
        }
        if all_stages:
            return Batch(batch_key(ids), ids, [s.name for s in STAGES], inputs)
        stages = self.missing[key]
        # the tables of the stages the rerun builds on, from their current parts
        for name in {dep for s in stages for dep in _stage(s).after} - set(stages):
            for table in _stage(name).tables:
                path = part_path(self.processed_dir, table, stage_version(name), key)
                inputs[table] = pd.read_parquet(path)
        return Batch(key, self.members[key], stages, inputs)


def run_stages(
    articles: Iterable[ArticleInputs],
    processed_dir: Path,
    *,
    jobs: int = 1,
    batch_size: int = 100,
    batch_words: int = 120_000,
    engine: str = "local",
    scheduler: str | None = None,
    on_done: Callable[[int], None] | None = None,
) -> StageStats:
    """Bring every stage's parts up to date for ``articles`` (read lazily, in batches), then
    delete the parts of articles no longer read and of older code.

    Args:
        articles: every article of the corpus, as read (an iterator is consumed as work proceeds).
        processed_dir: where parts and ``parts.json`` live.
        jobs: worker processes for the local engine (1: run in this process).
        batch_size, batch_words: a batch closes at this many articles or words (bounds memory).
        engine: ``local`` or ``dask``.
        scheduler: Dask scheduler address (``engine="dask"``); None starts a local cluster.
        on_done: called with the number of articles of each finished batch (progress).
    """
    batcher = Batcher(processed_dir, batch_size=batch_size, batch_words=batch_words)
    index, stats = batcher.index, StageStats(parts_reused=len(batcher.members))
    results = _execute(batcher.batches(articles), jobs=jobs, engine=engine, scheduler=scheduler)
    for batch, tables, seconds in results:
        for name, secs in seconds.items():
            stats.stage_seconds[name] = stats.stage_seconds.get(name, 0.0) + secs
        for name in batch.stages:
            _write_parts(index, processed_dir, name, batch, tables)
        stats.batches_run += 1
        stats.articles_processed += len(batch.article_ids) if "nlp" in batch.stages else 0
        index.write()
        if on_done:
            on_done(len(batch.article_ids))
    _collect_garbage(index, batcher.seen, processed_dir)
    index.write()
    return stats


def _write_parts(
    index: Index, processed_dir: Path, name: str, batch: Batch, tables: dict[str, pd.DataFrame]
) -> None:
    """Write one stage's tables for one batch and record them; drop the batch's parts of older code."""
    stage, version = _stage(name), stage_version(name)
    for table in stage.tables:
        path = part_path(processed_dir, table, version, batch.key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tables[table].to_parquet(path, index=False)
    previous = index.stages.get(name, {}).get(batch.key)
    if previous and previous["version"] != version:  # the same batch under older code
        for table in stage.tables:
            part_path(processed_dir, table, previous["version"], batch.key).unlink(missing_ok=True)
    index.stages.setdefault(name, {})[batch.key] = {
        "version": version,
        "articles": batch.article_ids,
    }


Result = tuple[Batch, dict[str, pd.DataFrame], dict[str, float]]


def _run(batch: Batch) -> Result:
    """:func:`run_batch`, returning the batch (without its inputs) instead of its key."""
    _, tables, seconds = run_batch(batch)
    return Batch(batch.key, batch.article_ids, batch.stages, {}), tables, seconds


def _execute(
    batches: Iterator[Batch], *, jobs: int, engine: str, scheduler: str | None
) -> Iterator[Result]:
    """Run ``batches`` here, in ``jobs`` worker processes or on Dask, at most a few in flight per
    worker (so reading the next articles waits for the work), yielding results as they finish."""
    if engine == "dask":
        yield from _execute_dask(batches, scheduler=scheduler)
    elif jobs <= 1:
        yield from map(_run, batches)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            pending: set = set()
            for batch in batches:
                pending.add(pool.submit(_run, batch))
                if len(pending) >= 2 * jobs:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    yield from (fut.result() for fut in done)
            yield from (fut.result() for fut in pending)


def _execute_dask(batches: Iterator[Batch], *, scheduler: str | None) -> Iterator[Result]:
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
        limit = 2 * max(sum(client.nthreads().values()), 1)
        running = as_completed()
        for batch in batches:
            running.add(client.submit(_run, batch, pure=False))
            if running.count() >= limit:
                yield next(running).result()
        yield from (fut.result() for fut in running)
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
