"""Running the per-article stages (:mod:`analysis.stages`) in batches, as articles are read.

Each stage turns a batch of articles into tables (the NLP stage: ``sentences`` and ``tokens``). A
batch's output is written as one Parquet *part* per table into the table store
(:mod:`analysis.store`), named by the stage's version and the batch's articles. A stage's version
hashes its code, the lexicons it reads and the versions of the stages it builds on, so editing a
module or a lexicon invalidates exactly the parts that depend on it; adding an article computes
one new small batch and leaves the others alone.

Articles arrive as they are read (:class:`ArticleInputs`); :class:`Batcher` groups them into
batches and :func:`run_stages` runs each batch in this process (``jobs=1``), in worker processes
(``jobs>1``) or on a Dask cluster (``engine="dask"``), all three writing the same parts. Only a few
batches per worker are in flight, and reading waits for them, so memory is bounded by the batch
size whatever the size of the corpus. A batch whose stage raises or whose worker process dies is
retried one article at a time and only the articles that fail alone are reported (``failed``);
an article deleted or edited since its part was written leaves that part (:func:`_shrink`).

Example:
    >>> run_stages(articles_as_read, processed_dir, jobs=2)  # doctest: +SKIP
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from analysis.atomic import is_temp
from analysis.corpus import TABLE_NAMES, Corpus
from analysis.stages import STAGES, digest, function, stage, version
from analysis.store import Index, part_path
from analysis.writers import write_table


# -- running batches -----------------------------------------------------------------------------
@dataclass
class Batch:
    """One batch of work: its articles' input tables and the stages to run on it."""

    key: str
    article_ids: list[str]
    stages: list[str]
    inputs: dict[str, pd.DataFrame]
    #: article id -> fingerprint of the text and paragraphs the stages read (recorded in the index)
    fingerprints: dict[str, str] = field(default_factory=dict)


def batch_key(article_ids: Sequence[str]) -> str:
    """Name of a batch: a hash of its sorted article ids."""
    return digest(*sorted(article_ids))


def run_batch(batch: Batch) -> tuple[str, dict[str, pd.DataFrame], dict[str, float]]:
    """Run ``batch.stages`` in order on one batch. Pure: writes nothing.

    Returns:
        (batch key, output tables, seconds spent in each stage).
    """
    tables = dict(batch.inputs)
    out: dict[str, pd.DataFrame] = {}
    seconds: dict[str, float] = {}
    for name in batch.stages:
        s = stage(name)
        started = time.perf_counter()
        c = Corpus(**{n: tables.get(n, pd.DataFrame()) for n in TABLE_NAMES})
        made = function(s)(c)
        seconds[name] = time.perf_counter() - started
        for table in s.tables:
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

    @property
    def fingerprint(self) -> str:
        """A hash of the exact text and paragraphs the stages read: the article id hashes the
        text with its whitespace normalized, so an edit of whitespace alone keeps the id but
        changes this, and the article is parsed again (its offsets index the new text)."""
        paragraphs = [[p["kind"], p["spans"], p["text"]] for p in self.paragraphs]
        return digest(self.text["text"], str(self.text["offset_base"]), json.dumps(paragraphs))


@dataclass
class StageStats:
    """What :func:`run_stages` did."""

    batches_run: int = 0
    articles_processed: int = 0
    parts_reused: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    #: what was found missing, torn or corrupt in the store (and rebuilt)
    repaired: list[str] = field(default_factory=list)
    #: article id -> fingerprint of every article read (committed by the ingest)
    fingerprints: dict[str, str] = field(default_factory=dict)
    #: article id -> why its stages failed (a stage raised, or its worker process died)
    failed: dict[str, str] = field(default_factory=dict)


#: With more than one job, the articles left when reading ends (all of a small corpus, the tail of
#: a big one) are split into this many batches per job, balanced by words, so every worker stays
#: busy to the end: a worker finishing early waits for at most a quarter of another's share.
TAIL_BATCHES_PER_JOB = 4
#: ... but no tail batch is made smaller than this many words (a batch has a fixed cost: its
#: tables and parts), unless the whole tail is.
MIN_TAIL_BATCH_WORDS = 2_000


def balanced_split(words: Sequence[int], pieces: int) -> list[int]:
    """Where to cut a run of articles with these word counts into ``pieces`` contiguous runs of
    about equal words (at most ``len(words)`` runs, none empty): the start index of each run."""
    weights = [max(1, n) for n in words]
    pieces = max(1, min(pieces, len(weights)))
    total, cuts, running = sum(weights), [0], 0
    for i in range(1, len(weights)):
        running += weights[i - 1]
        need = pieces - len(cuts)
        if need == 0:
            break
        if running >= total * len(cuts) / pieces or len(weights) - i == need:
            cuts.append(i)
    return cuts


class Batcher:
    """Groups articles, as they are read, into the batches of work their stages need.

    An article no current NLP part covers with its fingerprint (new, or its text changed) joins a
    new batch (every stage, in reading order). Articles are held until more than ``jobs`` batches'
    worth is waiting; then a full batch goes (it closes at ``batch_size`` articles or
    ``batch_words`` words, whichever comes first, so a run of long articles makes no bigger
    batch). What is left when reading ends is split into :data:`TAIL_BATCHES_PER_JOB` batches per
    job balanced by words (:func:`balanced_split`), so with several jobs no worker idles while
    another finishes a big last batch, whatever the size of the corpus; with one job it is one
    batch. Batching changes no table. An article whose part is current but whose batch
    lacks a later stage (its code or lexicon changed) waits for the rest of that batch, which then
    reruns just the missing stages. Memory holds the articles of the batches being formed, not the
    corpus. The store is checked first: a batch whose parts are missing, torn or corrupt is
    forgotten, so its articles are computed again (:attr:`repaired` says what was wrong).
    """

    def __init__(
        self,
        processed_dir: Path,
        *,
        batch_size: int,
        batch_words: int,
        jobs: int = 1,
        on_current: Callable[[int], None] | None = None,
    ) -> None:
        self.processed_dir = processed_dir
        self.jobs = max(1, jobs)
        self.on_current = on_current  # told of each article that needs no work (progress)
        self.batch_size, self.batch_words = batch_size, batch_words
        self.index = Index.read(processed_dir, repair=True)
        self.repaired = self.index.drop_broken(processed_dir)
        nlp = self.index.entries("nlp", version("nlp"))
        self.members = {key: entry["fingerprints"] for key, entry in nlp.items()}
        self.home = {a: key for key, fps in self.members.items() for a in fps}
        later = {s.name: self.index.entries(s.name, version(s.name)) for s in STAGES[1:]}
        self.missing = {
            key: [name for name, parts in later.items() if key not in parts] for key in self.members
        }
        self.fresh: list[ArticleInputs] = []
        self.fresh_words = 0
        self.waiting: dict[str, list[ArticleInputs]] = {}
        self.seen: dict[str, str] = {}  # article id -> fingerprint, of every article read

    def batches(self, articles: Iterable[ArticleInputs]) -> Iterator[Batch]:
        """The batches to run for ``articles`` (read lazily, so reading and work interleave)."""
        for art in articles:
            fingerprint = self.seen[art.article_id] = art.fingerprint
            key = self.home.get(art.article_id)
            if key is not None and self.members[key][art.article_id] != fingerprint:
                key = None  # its text changed (whitespace included): parsed again
            if key is None:
                self.fresh.append(art)
                self.fresh_words += _words(art)
                while (
                    len(self.fresh) > self.jobs * self.batch_size
                    or self.fresh_words > self.jobs * self.batch_words
                ):
                    yield self._batch(self._take_full(), all_stages=True)
            elif self.missing[key]:
                self.waiting.setdefault(key, []).append(art)
                if len(self.waiting[key]) == len(self.members[key]):
                    yield self._batch(self.waiting.pop(key), key=key)
            elif self.on_current:
                self.on_current(1)
        for run in self._tail():
            yield self._batch(run, all_stages=True)
        for key, arts in self.waiting.items():  # batches some of whose articles are gone
            yield self._batch(arts, key=key)

    def _take_full(self) -> list[ArticleInputs]:
        """Take a full batch from the front of the waiting articles (at least one article)."""
        taken, words = 1, _words(self.fresh[0])
        while taken < min(self.batch_size, len(self.fresh)):
            more = _words(self.fresh[taken])
            if words + more > self.batch_words:
                break
            taken, words = taken + 1, words + more
        arts, self.fresh = self.fresh[:taken], self.fresh[taken:]
        self.fresh_words -= words
        return arts

    def _tail(self) -> list[list[ArticleInputs]]:
        """The articles left when reading ends, as balanced batches (see the class docstring)."""
        if not self.fresh:
            return []
        pieces = 1 if self.jobs == 1 else self.jobs * TAIL_BATCHES_PER_JOB
        pieces = min(pieces, max(1, self.fresh_words // MIN_TAIL_BATCH_WORDS))
        cuts = balanced_split([_words(a) for a in self.fresh], pieces)
        runs = [self.fresh[a:b] for a, b in zip(cuts, [*cuts[1:], len(self.fresh)], strict=True)]
        self.fresh, self.fresh_words = [], 0
        return runs

    def _batch(
        self, arts: list[ArticleInputs], *, key: str | None = None, all_stages: bool = False
    ) -> Batch:
        ids = [a.article_id for a in arts]
        fingerprints = {a.article_id: self.seen[a.article_id] for a in arts}
        inputs = {
            "articles": pd.DataFrame([a.article for a in arts]),
            "paragraphs": pd.DataFrame([p for a in arts for p in a.paragraphs]),
            "texts": pd.DataFrame([a.text for a in arts]),
        }
        if all_stages:
            return Batch(batch_key(ids), ids, [s.name for s in STAGES], inputs, fingerprints)
        stages = self.missing[key]
        # the tables of the stages the rerun builds on, from their current parts, for the
        # batch's articles still read (the others are taken out of every part afterwards)
        for name in {dep for s in stages for dep in stage(s).after} - set(stages):
            for table in stage(name).tables:
                part = pd.read_parquet(part_path(self.processed_dir, table, version(name), key))
                inputs[table] = part[part["article_id"].isin(ids)].reset_index(drop=True)
        return Batch(key, ids, stages, inputs, fingerprints)


def _words(art: ArticleInputs) -> int:
    return int(art.article.get("n_words") or 0)


def run_stages(
    articles: Iterable[ArticleInputs],
    processed_dir: Path,
    *,
    jobs: int = 1,
    batch_size: int = 100,
    batch_words: int = 120_000,
    engine: Literal["local", "dask"] = "local",
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
        on_done: called with the number of articles of each finished batch, and with 1 for each
            article already up to date (progress).
    """
    batcher = Batcher(
        processed_dir, batch_size=batch_size, batch_words=batch_words, jobs=jobs, on_current=on_done
    )
    index, stats = batcher.index, StageStats(parts_reused=len(batcher.members))
    stats.repaired = batcher.repaired
    results = _execute(batcher.batches(articles), jobs=jobs, engine=engine, scheduler=scheduler)
    for result in _isolating(results, jobs=jobs, engine=engine, scheduler=scheduler):
        if isinstance(result, Failure):
            for aid in result.batch.article_ids:
                stats.failed[aid] = f"batch {result.batch.key}: {result.message}"
                batcher.seen.pop(aid, None)
            continue
        batch, tables, seconds = result
        for name, secs in seconds.items():
            stats.stage_seconds[name] = stats.stage_seconds.get(name, 0.0) + secs
        for name in batch.stages:
            _write_parts(index, processed_dir, name, batch, tables)
        stats.batches_run += 1
        stats.articles_processed += len(batch.article_ids) if "nlp" in batch.stages else 0
        index.write()
        if on_done:
            on_done(len(batch.article_ids))
    _shrink(index, batcher.seen, processed_dir)
    _collect_garbage(index, batcher.seen, processed_dir)
    index.write()
    _remove_unlisted(index, processed_dir)
    stats.fingerprints = batcher.seen
    return stats


def _write_parts(
    index: Index, processed_dir: Path, name: str, batch: Batch, tables: dict[str, pd.DataFrame]
) -> None:
    """Write one stage's tables for one batch and record them; drop the batch's parts of older code."""
    s, current = stage(name), version(name)
    paths = {}
    for table in s.tables:
        paths[table] = part_path(processed_dir, table, current, batch.key)
        paths[table].parent.mkdir(parents=True, exist_ok=True)
        write_table(tables[table], table, paths[table])
    previous = index.stages.get(name, {}).get(batch.key)
    if previous and previous["version"] != current:  # the same batch under older code
        for table in s.tables:
            part_path(processed_dir, table, previous["version"], batch.key).unlink(missing_ok=True)
    index.record(name, batch.key, current, batch.fingerprints, paths)


Result = tuple[Batch, dict[str, pd.DataFrame], dict[str, float]]


@dataclass
class Failure:
    """A batch whose stages raised or whose worker process died (with its inputs, to retry)."""

    batch: Batch
    message: str


def _single(batch: Batch, aid: str) -> Batch:
    inputs = {
        name: frame[frame["article_id"] == aid].reset_index(drop=True)
        for name, frame in batch.inputs.items()
    }
    return Batch(batch_key([aid]), [aid], batch.stages, inputs, {aid: batch.fingerprints[aid]})


def _isolating(
    results: Iterator[Result | Failure],
    *,
    jobs: int,
    engine: Literal["local", "dask"],
    scheduler: str | None,
) -> Iterator[Result | Failure]:
    """``results``, with each failed batch of new articles run again one article at a time, so
    only the articles that fail alone are lost (the stages are per article: the same rows)."""
    for result in results:
        whole = isinstance(result, Failure) and len(result.batch.article_ids) > 1
        if not whole or len(result.batch.stages) < len(STAGES):
            yield result
            continue
        singles = (_single(result.batch, aid) for aid in result.batch.article_ids)
        yield from _execute(singles, jobs=jobs, engine=engine, scheduler=scheduler)


def _run(batch: Batch) -> Result:
    """:func:`run_batch`, returning the batch (without its inputs) instead of its key."""
    _, tables, seconds = run_batch(batch)
    return (
        Batch(batch.key, batch.article_ids, batch.stages, {}, batch.fingerprints),
        tables,
        seconds,
    )


def _failed(exc: BaseException) -> str:
    if isinstance(exc, BrokenProcessPool):
        return "its worker process died (killed by the system, out of memory, or a crash)"
    return f"a stage raised {type(exc).__name__}: {exc}"


def _run_here(batch: Batch) -> Result | Failure:
    try:
        return _run(batch)
    except Exception as exc:  # one batch must not stop the corpus
        return Failure(batch, _failed(exc))


def _execute(
    batches: Iterator[Batch], *, jobs: int, engine: Literal["local", "dask"], scheduler: str | None
) -> Iterator[Result | Failure]:
    """Run ``batches`` here, in ``jobs`` worker processes or on Dask, at most a few in flight per
    worker (so reading the next articles waits for the work), yielding results as they finish;
    a batch that raises, or whose worker dies, is a :class:`Failure` and the others go on."""
    if engine == "dask":
        yield from _execute_dask(batches, scheduler=scheduler)
    elif jobs <= 1:
        yield from map(_run_here, batches)
    else:
        yield from _execute_pool(batches, jobs)


def warm() -> None:
    """Import every stage's code and load the spaCy model in this process, so a worker is ready
    when its first batch comes (a worker does this while the main process is still reading)."""
    from analysis.nlp import load_model

    for s in STAGES:
        function(s)
    load_model()


def _warmed_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` workers, each started now and told to :func:`warm` up: their start-up
    (about as long as reading and cleaning 150 articles) overlaps the reading instead of following
    it. A warm-up that fails is ignored: the batch that needs the model reports the error."""
    pool = ProcessPoolExecutor(max_workers=jobs)
    for _ in range(jobs):
        pool.submit(warm)
    return pool


def _execute_pool(batches: Iterator[Batch], jobs: int) -> Iterator[Result | Failure]:
    """:func:`_execute` in worker processes. When a worker dies the pool is lost with every batch
    in flight: those are run again one at a time in a fresh pool of their own, so the batch that
    kills its worker is named and the others finish, and a new pool takes the rest."""
    pool = _warmed_pool(jobs)
    pending: dict[Future, Batch] = {}

    def outcome(fut: Future, batch: Batch) -> Result | Failure | None:
        """The future's result, a Failure, or None when its pool broke."""
        try:
            return fut.result()
        except BrokenProcessPool:
            return None
        except Exception as exc:
            return Failure(batch, _failed(exc))

    def recover(extra: list[Batch]) -> Iterator[Result | Failure]:
        nonlocal pool
        broken = list(extra)
        for fut, batch in list(pending.items()):
            made = outcome(fut, batch)
            if made is None:
                broken.append(batch)
            else:
                yield made
        pending.clear()
        pool.shutdown(wait=False, cancel_futures=True)
        for batch in broken:
            with ProcessPoolExecutor(max_workers=1) as alone:
                try:
                    yield alone.submit(_run, batch).result()
                except Exception as exc:
                    yield Failure(batch, _failed(exc))
        pool = _warmed_pool(jobs)

    def finished(futures: Iterable[Future]) -> Iterator[Result | Failure]:
        for fut in futures:
            made = outcome(fut, pending[fut])
            if made is None:
                yield from recover([])
                return
            del pending[fut]
            yield made

    try:
        for batch in batches:
            try:
                pending[pool.submit(_run, batch)] = batch
            except BrokenProcessPool:
                yield from recover([batch])
                continue
            if len(pending) >= 2 * jobs:
                done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                yield from finished(done)
        while pending:
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            yield from finished(done)
    finally:
        pool.shutdown()


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


def _kept(entry: dict, seen: dict[str, str]) -> dict[str, str]:
    """The articles of an index entry still read with the same text (fingerprint)."""
    return {a: fp for a, fp in entry.get("fingerprints", {}).items() if seen.get(a) == fp}


def _shrink(index: Index, seen: dict[str, str], processed_dir: Path) -> None:
    """Take the rows of articles deleted, or changed, since a part was written out of that part:
    the part is rewritten with the rows of its other articles, under their batch key (the stages
    are per article, so the rows are those a clean run computes). Parts none of whose articles
    are left go to :func:`_collect_garbage`."""
    for name, entries in index.stages.items():
        try:
            s, current = stage(name), version(name)
        except KeyError:
            continue
        for key, entry in list(entries.items()):
            kept = _kept(entry, seen)
            if entry["version"] != current or not kept:
                continue
            new = batch_key(list(kept))
            if new == key and kept == entry["fingerprints"]:
                continue
            paths = {t: part_path(processed_dir, t, current, new) for t in s.tables}
            for table, path in paths.items():
                part = pd.read_parquet(part_path(processed_dir, table, current, key))
                write_table(part[part["article_id"].isin(kept)], table, path)
            del entries[key]  # its files go with the unlisted ones, once the index is written
            index.record(name, new, current, kept, paths)


def _collect_garbage(index: Index, seen: dict[str, str], processed_dir: Path) -> None:
    """Forget parts of old versions and parts whose articles are all gone or changed."""
    for name, entries in list(index.stages.items()):
        try:
            current = version(name)
        except KeyError:  # a stage that no longer exists
            current = None
        for key, entry in list(entries.items()):
            if entry["version"] != current or not _kept(entry, seen):
                del entries[key]


def _remove_unlisted(index: Index, processed_dir: Path) -> None:
    """Delete the files of the table folders the (written) index does not list: parts forgotten,
    rewritten or left by a killed run, and temporary files."""
    listed = {
        part_path(processed_dir, table, entry["version"], key)
        for name, entries in index.stages.items()
        for key, entry in entries.items()
        for table in entry.get("parts", {})
    }
    for folder in {processed_dir / t for s in STAGES for t in s.tables}:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.suffix == ".parquet" and path not in listed or is_temp(path):
                path.unlink(missing_ok=True)
