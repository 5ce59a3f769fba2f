"""Ingest: read a folder of articles into clean tables, incrementally, accounting for every file.

:func:`run` reads every file under the raw folder (recursively), cleans it, drops duplicates, applies
the manifest (``data/raw/sources.csv``) and the outlet aliases, runs the per-article stages
(:mod:`analysis.pipeline`) and writes the tables of :mod:`analysis.schema` as Parquet to
``data/processed/``, plus ``ingest_report.csv``. Files are read one at a time and exports a record
at a time, and each article goes on to the analysis as it is read, so memory does not grow with the
corpus. A document already cleaned is not cleaned again (:mod:`analysis.cache`), and an article
already parsed is not parsed again. :func:`build` does the same in memory for a few files.

Every input ends as ``loaded``, ``duplicate`` (of which file) or ``rejected`` (with a reason), one
row per article or record in the ``files`` table; ``ingest_report.csv`` adds the articles of the
last ingest ``removed`` or ``changed`` and the parts ``repaired``. Bad input never raises. One
ingest at a time per output folder (:mod:`analysis.lock`); the store is checked and healed on
every run (:mod:`analysis.store`).

Example:
    >>> stats = run()                                  # doctest: +SKIP
    >>> corpus.load().articles.shape                   # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Literal, TypeVar

import pandas as pd

from analysis import outlets, pipeline, repetition, store, wordcount
from analysis.cache import CHUNK, CleanedCache, code_version
from analysis.cleaning import clean_page
from analysis.config import PATHS
from analysis.corpus import TABLE_NAMES, Corpus
from analysis.dates import parse_date
from analysis.inputs import check_path
from analysis.lock import ingest_lock
from analysis.markup import write_csv
from analysis.readers import FORMATS, Document, stream_file
from analysis.schema import EXTRA_PREFIX, META_NAMES, PARSED_KINDS, columns
from analysis.writers import TableWriter, frame_of, write_if_changed

T = TypeVar("T")

#: Cached cleanings are redone when the reading or cleaning code changes.
PARSER_VERSION = code_version(
    "readers", "cleaning", "lineshape", "repetition", "profiles", "dates", "ingest"
)
MANIFEST_NAME = "sources.csv"
#: A paragraph longer than this is not prose (a page without line breaks, a data dump): the article
#: is rejected with that reason. spaCy refuses texts over 1,000,000 characters and a 900,000-
#: character paragraph took 234 s and 3.2 GB; the longest paragraphs of news text are a few thousand.
MAX_PARAGRAPH_CHARS = 100_000
#: An article whose analysed text is longer than this (a book, a whole site in one record) is
#: rejected: a very long feature is about 100,000 characters.
MAX_ARTICLE_CHARS = 1_000_000
#: The ingest tables written as articles arrive (row groups).
STREAMED = ("paragraphs", "removed", "texts")


@dataclass
class IngestStats:
    """What an ingest did, for the summary line and the closing note."""

    files: int = 0
    files_read: int = 0
    files_cached: int = 0
    loaded: int = 0
    duplicates: int = 0
    rejected: int = 0
    articles_parsed: int = 0
    seconds: float = 0.0
    manifest_rows: int = 0
    manifest_unmatched: list[str] = field(default_factory=list)
    report: pd.DataFrame | None = None
    read_seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    #: batches of per-article stages run (see :class:`analysis.pipeline.Batcher`)
    batches_run: int = 0
    #: what was found missing, torn or corrupt in the output folder, and rebuilt
    repaired: list[str] = field(default_factory=list)
    #: articles (file, or file#record) of the last ingest no longer read: rows removed everywhere
    removed_articles: list[str] = field(default_factory=list)
    #: articles whose text changed since the last ingest (whitespace included): parsed again
    changed_articles: list[str] = field(default_factory=list)


def discover(raw_dir: Path, *, skip: Path | None = None) -> list[tuple[Path, str]]:
    """Every entry under ``raw_dir`` that is not a folder (recursively, sorted: FIFOs and other
    odd files too, so the report accounts for them) as (path, path relative to raw_dir), leaving
    out the manifest and the folder ``skip`` (an output folder inside the raw folder)."""
    found = []
    skip = skip.resolve() if skip is not None else None
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_symlink() or not p.is_dir()):
        rel = path.relative_to(raw_dir).as_posix()
        if rel == MANIFEST_NAME or skip is not None and path.resolve().is_relative_to(skip):
            continue
        found.append((path, rel))
    return found


def _article_id(texts: Iterable[str]) -> str:
    normalized = " ".join(" ".join(texts).split())
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


def _article_from(doc: Document) -> tuple[dict, list[dict], list[dict], dict] | str:
    page = clean_page(doc.text, title_in_text=doc.title_in_text, repeated=doc.repeated)
    paras = [(p.kind, p.spans, p.text(doc.text)) for p in page.paragraphs]
    content = [t for kind, _, t in paras if kind in PARSED_KINDS]
    if not any(kind == "body" for kind, _, _ in paras):
        return f"no article text found ({len(page.removed)} stretches of page furniture, no body paragraph)"
    longest = max(len(t) for t in content)
    if longest > MAX_PARAGRAPH_CHARS:
        return (f"a paragraph of {longest:,} characters (limit {MAX_PARAGRAPH_CHARS:,}): not prose "
                "that can be parsed; add line breaks between its paragraphs or split the file")  # fmt: skip
    if sum(map(len, content)) > MAX_ARTICLE_CHARS:
        return (f"{sum(map(len, content)):,} characters of text (limit {MAX_ARTICLE_CHARS:,} for "
                "one article): split it into articles")  # fmt: skip
    article_id = _article_id(content)
    meta = dict(doc.meta)
    source = dict(doc.meta_source)
    standfirst = next((t for kind, _, t in paras if kind == "standfirst"), None)
    if standfirst:
        meta.setdefault("standfirst", standfirst)
        source.setdefault("standfirst", "text")
    for key, value in page.meta.items():
        if key in META_NAMES and key not in meta:
            meta[key] = value
            source[key] = page.meta_source.get(key, "text")
    if "published" in meta:
        meta["published"] = parse_date(meta["published"]) or None
    article = {
        "article_id": article_id,
        "file": doc.file,
        "record": doc.record,
        "format": doc.fmt,
        "encoding": doc.encoding,
        "offset_base": doc.offset_base,
        "n_words": sum(wordcount.count_words(t) for t in content),
        "n_paragraphs": len(paras),
        "source_id": doc.source_id,
        **{f"{EXTRA_PREFIX}{k}": v for k, v in doc.extra.items()},
    }
    for key in META_NAMES:
        value = meta.get(key)
        article[key] = value if value not in ("", []) else None
        article[f"{key}_source"] = (
            source.get(key, "missing") if article[key] is not None else "missing"
        )
    paragraphs = [
        {
            "article_id": article_id,
            "paragraph": i,
            "kind": kind,
            "text": text,
            "spans": [list(s) for s in spans],
            "start": spans[0][0],
            "end": spans[-1][1],
        }
        for i, (kind, spans, text) in enumerate(paras)
    ]
    removed = [
        {"article_id": article_id, "file": doc.file, "start": r.start, "end": r.end,
         "text": doc.text[r.start : r.end], "reason": r.reason}
        for r in page.removed
    ]  # fmt: skip
    return (
        article,
        paragraphs,
        removed,
        {"article_id": article_id, "offset_base": doc.offset_base, "text": doc.text},
    )


@dataclass
class ArticleRows:
    """One article's rows of the ingest tables."""

    article: dict
    paragraphs: list[dict]
    removed: list[dict]
    text: dict


def _clean(doc: Document) -> ArticleRows | str:
    """One document's rows, or why it has no article; a cleaning bug must not stop the others."""
    try:
        made = _article_from(doc)
    except Exception as exc:
        return f"could not be cleaned ({type(exc).__name__}: {exc})"
    return made if isinstance(made, str) else ArticleRows(*made)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _read(
    inputs: Sequence[tuple[Path, str]],
    cache: CleanedCache[ArticleRows | str],
    stats: IngestStats,
    *,
    on_file: Callable[[], None] | None = None,
    repeated: repetition.Repetition | None = None,
) -> Iterator[tuple[dict, ArticleRows | None]]:
    """Every input's report row(s), in order, each with its article's rows when it is loaded.

    Files are read one at a time and exports a chunk of records at a time; an article whose text
    was already loaded is a duplicate of the first file (or record) that had it. Counts files
    read and files entirely from the cache in ``stats``. Page dumps get the lines that recur in
    their folder (``repeated``) before cleaning.
    """
    seen: dict[str, str] = {}
    for path, rel in inputs:
        problem = check_path(path)
        if problem:
            fmt = FORMATS.get(path.suffix.lower(), "other")
            yield {"file": rel, "format": fmt, "encoding": "", "bytes": 0, "sha256": "",
                   "record": None, "status": "rejected", "reason": problem,
                   "duplicate_of": None, "article_id": None}, None  # fmt: skip
            stats.files_read += 1
            if on_file:
                on_file()
            continue
        info, items = stream_file(path, rel)
        base = {"file": rel, "format": info.fmt, "encoding": info.encoding, "bytes": info.bytes,
                "sha256": info.sha256}  # fmt: skip
        from_cache = True
        for chunk in _chunks(items, CHUNK):
            docs = [i for i in chunk if isinstance(i, Document)]
            for d in docs if repeated is not None else ():
                if d.title_in_text:
                    d.repeated = repeated.repeated(repetition.group_of(rel), d.text)
            cleaned, hit = cache.clean(rel, docs)
            from_cache = from_cache and hit
            done = iter(cleaned)
            for item in chunk:
                made = next(done) if isinstance(item, Document) else item[1]
                record = item.record if isinstance(item, Document) else item[0]
                if isinstance(made, str):
                    yield {**base, "record": record, "status": "rejected", "reason": made,
                           "duplicate_of": None, "article_id": None}, None  # fmt: skip
                    continue
                aid = made.article["article_id"]
                if aid in seen:
                    yield {**base, "record": record, "status": "duplicate",
                           "reason": f"same text as {seen[aid]}", "duplicate_of": seen[aid],
                           "article_id": aid}, None  # fmt: skip
                    continue
                seen[aid] = rel if record is None else f"{rel}#{record}"
                yield {**base, "record": record, "status": "loaded", "reason": "",
                       "duplicate_of": None, "article_id": aid}, made  # fmt: skip
        stats.files_cached += from_cache
        stats.files_read += not from_cache
        if on_file:
            on_file()


# -- manifest ------------------------------------------------------------------------------------
def read_manifest(raw_dir: Path) -> pd.DataFrame:
    """The manifest ``sources.csv`` (file, outlet, url, published, author, notes); empty if absent."""
    path = raw_dir / MANIFEST_NAME
    columns = ["file", "outlet", "url", "published", "author", "notes"]
    if not path.exists():
        return pd.DataFrame(columns=columns)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in columns:
        if col not in frame:
            frame[col] = ""
    return frame[columns]


class _Metadata:
    """The manifest and the outlet aliases, applied to each article as it is read.

    A manifest row fills in or overrides the outlet, url, published date and author of the file
    it names (``*_source`` becomes ``manifest``); the outlet then goes through the aliases and
    gets the label figures show.
    """

    def __init__(self, lexicon: pd.DataFrame, manifest: pd.DataFrame | None = None) -> None:
        self.by_file: dict[str, list] = {}
        rows = manifest.itertuples(index=False) if manifest is not None else ()
        for row in rows:
            if row.file.strip():
                self.by_file.setdefault(row.file.strip(), []).append(row)
        self.aliases = outlets.alias_map(lexicon)
        self.matched: set[str] = set()
        self.spellings: dict[str, str] = {}  # an outlet not in the lexicon: its first spelling
        self.unknown: dict[str, str] = {}  # unknown-outlet label -> the file that has it

    def apply(self, article: dict) -> dict:
        out = dict(article)
        for row in self.by_file.get(out["file"], []):
            self.matched.add(out["file"])
            for key in ("outlet", "url", "published", "author"):
                value = str(getattr(row, key)).strip()
                if key == "published" and value:
                    value = parse_date(value) or ""
                if value:
                    out[key], out[f"{key}_source"] = value, "manifest"
        out["outlet"] = outlets.normalize(out["outlet"], self.aliases)
        if out["outlet"]:  # "nyt" and "NYT" are one outlet even when the lexicon lacks it
            out["outlet"] = self.spellings.setdefault(
                outlets.alias_key(out["outlet"]), out["outlet"]
            )
        out["outlet_label"] = outlets.label(out["outlet"], out["file"], out["record"])
        label = out["outlet_label"]
        if outlets.is_unknown(label) and self.unknown.setdefault(label, out["file"]) != out["file"]:
            # the same file name in another folder: labelled by its path, not its name
            stem, name = Path(out["file"]).stem, str(Path(out["file"]).with_suffix(""))
            out["outlet_label"] = label.replace(stem, name, 1)
        return out

    def unmatched(self) -> list[str]:
        """Files the manifest names that no loaded article came from."""
        return [name for name in self.by_file if name not in self.matched]


def _rows_of(loaded: ArticleRows, table: str) -> list[dict]:
    return {"paragraphs": loaded.paragraphs, "removed": loaded.removed, "texts": [loaded.text]}[
        table
    ]


def _files_frame(report: list[dict]) -> pd.DataFrame:
    files = pd.DataFrame(report, columns=columns("files"))
    files["record"] = files["record"].astype("Int64")
    files["bytes"] = files["bytes"].astype("int64")
    return files


def _articles_frame(articles: list[dict]) -> pd.DataFrame:
    extra = sorted({k for a in articles for k in a if k.startswith(EXTRA_PREFIX)})
    frame = pd.DataFrame(articles, columns=[*columns("articles"), *extra])
    frame["record"] = frame["record"].astype("Int64")
    for col in ("n_words", "n_paragraphs"):
        frame[col] = frame[col].astype("int64")
    return frame


def _count(stats: IngestStats, files: pd.DataFrame) -> None:
    counts = files["status"].value_counts()
    stats.loaded, stats.duplicates, stats.rejected = (
        int(counts.get(s, 0)) for s in ("loaded", "duplicate", "rejected")
    )


# -- public API ----------------------------------------------------------------------------------
def _inputs_of(paths: Sequence[str | Path]) -> list[tuple[Path, str]]:
    inputs: list[tuple[Path, str]] = []
    for p in map(Path, paths):
        if p.is_dir():
            inputs.extend((path, (p / rel).as_posix()) for path, rel in discover(p))
        else:
            inputs.append((p, p.as_posix()))
    return inputs


def build(
    paths: Sequence[str | Path],
    *,
    parse: bool = True,
    lexicon: pd.DataFrame | None = None,
    stages: Sequence[str] = ("nlp",),
    raw_dir: Path | None = None,
) -> Corpus:
    """Ingest the given files or folders in memory (nothing written) and return the tables.

    Args:
        paths: files and/or folders (read recursively).
        parse: run the NLP layer (sentences, tokens); False leaves them empty.
        lexicon: outlet aliases (default ``data/lexicons/outlets.csv``).
        stages: per-article stages to run (``nlp`` for sentences and tokens; the analyses
            themselves are usually computed from the returned corpus).
        raw_dir: the raw folder the paths lie in: files are then named relative to it, its
            manifest applies and line repetition is counted over all of it, as ingest does.
    """
    if raw_dir is None:
        inputs, manifest, counted = _inputs_of(paths), None, _inputs_of(paths)
    else:
        inputs = [
            (Path(p), Path(p).resolve().relative_to(raw_dir.resolve()).as_posix()) for p in paths
        ]
        manifest, counted = read_manifest(raw_dir), discover(raw_dir)
    meta = _Metadata(outlets.read_lexicon() if lexicon is None else lexicon, manifest)
    repeated = repetition.count(counted)
    report, loaded = [], []
    cache = CleanedCache(None, _clean, PARSER_VERSION)
    for row, made in _read(inputs, cache, IngestStats(files=len(inputs)), repeated=repeated):
        report.append(row)
        if made is not None:
            loaded.append(made)
    tables = {
        "files": _files_frame(report),
        "articles": _articles_frame([meta.apply(m.article) for m in loaded]),
        **{t: frame_of([r for m in loaded for r in _rows_of(m, t)], t) for t in STREAMED},
    }
    if parse and len(tables["paragraphs"]):
        ids = list(tables["articles"]["article_id"])
        base = {k: tables[k] for k in ("articles", "paragraphs", "texts")}
        _, made, _ = pipeline.run_batch(pipeline.Batch("memory", ids, list(stages), base))
        tables.update(made)
    else:
        tables["sentences"], tables["tokens"] = (
            pd.DataFrame(columns=columns("sentences")),
            pd.DataFrame(columns=columns("tokens")),
        )
    return Corpus(**{name: tables[name] for name in TABLE_NAMES})


def run(
    raw_dir: Path | None = None,
    out_dir: Path | None = None,
    *,
    progress: bool = True,
    lexicon: pd.DataFrame | None = None,
    jobs: int = 1,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
    batch_size: int = 100,
) -> IngestStats:
    """Read ``raw_dir`` into the processed tables in ``out_dir``; returns what was done.

    Files are read one at a time (exports a chunk of records at a time) and each new article
    goes to the per-article stages as soon as its batch is full, so memory does not grow with the
    corpus, only the one-row-per-article ``articles`` and ``files`` tables do. Unchanged
    documents come from the cache (``out_dir/cache``); articles already processed keep their parts
    (see :mod:`analysis.pipeline`). Writes the ingest tables as Parquet, the per-article stage
    tables as parts, and ``ingest_report.csv``. Read the result with :func:`analysis.corpus.load`.

    Args:
        raw_dir, out_dir: default ``data/raw`` and ``data/processed``.
        progress: a progress bar of articles read and analysed (with an ETA), files read beside it.
        lexicon: outlet aliases (default ``data/lexicons/outlets.csv``).
        jobs: worker processes for the per-article stages.
        engine: ``local`` or ``dask``; ``scheduler`` is the Dask scheduler address.
        batch_size: articles per batch of the per-article stages (bounds memory).
    """
    raw_dir = Path(raw_dir or PATHS.raw)
    out_dir = Path(out_dir or PATHS.processed)
    out_dir.mkdir(parents=True, exist_ok=True)
    with ingest_lock(out_dir) as note:
        stats = _run_locked(raw_dir, out_dir, progress=progress, lexicon=lexicon, jobs=jobs,
                            engine=engine, scheduler=scheduler, batch_size=batch_size)  # fmt: skip
        if note:
            stats.repaired.insert(0, note)
        return stats


def _label(file: str, record: object) -> str:
    return file if record is None or pd.isna(record) else f"{file}#{int(record)}"


def _previous(out_dir: Path) -> dict[str, tuple[str, str | None]]:
    """Article id -> (file label, fingerprint) of the last ingest into ``out_dir`` ({} if none or
    unreadable: the ingest rebuilds what it cannot read)."""
    try:
        articles = pd.read_parquet(
            out_dir / "articles.parquet", columns=["article_id", "file", "record"]
        )
        committed = store.Index.read(out_dir).committed.get("fingerprints", {})
    except Exception:
        return {}
    return {
        a: (_label(f, r), committed.get(a))
        for a, f, r in zip(
            articles["article_id"], articles["file"], articles["record"], strict=True
        )
    }


def _account(
    stats: IngestStats, previous: dict[str, tuple[str, str | None]], articles: list[dict],
    fingerprints: dict[str, str], repaired: list[str], report: list[dict],
) -> pd.DataFrame:  # fmt: skip
    """Rows of the ingest report for what changed since the last ingest: articles removed (their
    file deleted or its text changed) and changed, and parts repaired; fills ``stats``."""
    now = {a["article_id"]: _label(a["file"], a["record"]) for a in articles}
    labels = set(now.values())
    # a file still read but now rejected or a duplicate: its own report row says why it is gone
    explained = {_label(r["file"], r["record"]) for r in report if r["status"] != "loaded"}
    rows = []
    for aid, (label, fingerprint) in previous.items():
        if aid not in now and label in explained:
            continue
        if aid not in now and label not in labels:
            stats.removed_articles.append(label)
            rows.append((label, "removed", "no longer in the raw folder: its rows were removed "
                         f"from every table (was article {aid})"))  # fmt: skip
        elif aid not in now:
            stats.changed_articles.append(label)
            rows.append((label, "changed", f"text changed since the last ingest: parsed again, "
                         f"the rows of article {aid} removed from every table"))  # fmt: skip
        elif fingerprint != fingerprints.get(aid):
            stats.changed_articles.append(label)
            rows.append((label, "changed", "text changed since the last ingest (whitespace or "
                         "layout only, same article id): parsed again"))  # fmt: skip
    stats.repaired.extend(repaired)
    rows += [(what.split(" ")[0], "repaired", f"{what}: rebuilt") for what in repaired]
    return pd.DataFrame(
        [{"file": f, "record": None, "status": st, "reason": why} for f, st, why in rows],
        columns=columns("files"),
    )


def _run_locked(
    raw_dir: Path,
    out_dir: Path,
    *,
    progress: bool,
    lexicon: pd.DataFrame | None,
    jobs: int,
    engine: Literal["local", "dask"],
    scheduler: str | None,
    batch_size: int,
) -> IngestStats:
    """:func:`run`, once the output folder's lock is held."""
    started = time.perf_counter()
    previous = _previous(out_dir)
    inputs = discover(raw_dir, skip=out_dir)
    stats = IngestStats(files=len(inputs))
    manifest = read_manifest(raw_dir)
    meta = _Metadata(outlets.read_lexicon() if lexicon is None else lexicon, manifest)
    cache = CleanedCache(out_dir / "cache", _clean, PARSER_VERSION)
    writers = {t: TableWriter(out_dir / f"{t}.parquet", t) for t in STREAMED}
    report: list[dict] = []
    articles: list[dict] = []
    bar = _Progress(len(inputs)) if progress else None
    repeated = repetition.count(inputs, out_dir / "repetition.pkl")

    def arrivals() -> Iterator[pipeline.ArticleInputs]:
        reading = _read(
            inputs, cache, stats, on_file=bar.file_done if bar else None, repeated=repeated
        )
        while True:
            begun = time.perf_counter()
            row, made = next(reading, (None, None))
            if row is None:
                return
            report.append(row)
            if made is not None:
                article = meta.apply(made.article)
                articles.append(article)
                if bar:
                    bar.article_read()
                for table, writer in writers.items():
                    writer.add(_rows_of(made, table))
            stats.read_seconds += time.perf_counter() - begun
            if made is not None:
                yield pipeline.ArticleInputs(article, made.paragraphs, made.text)

    done = pipeline.run_stages(
        arrivals(),
        out_dir,
        jobs=jobs,
        batch_size=batch_size,
        engine=engine,
        scheduler=scheduler,
        on_done=bar.analysed if bar else None,
    )
    if bar:
        bar.close()
    for writer in writers.values():
        writer.close()
    if done.failed:
        articles = _drop_failed(done.failed, articles, report, out_dir)
    files = _files_frame(report)
    write_if_changed(files, "files", out_dir / "files.parquet")
    write_if_changed(_articles_frame(articles), "articles", out_dir / "articles.parquet")
    store.commit(out_dir, done.fingerprints)
    changes = _account(stats, previous, articles, done.fingerprints, done.repaired, report)
    full = pd.concat([files, changes], ignore_index=True) if len(changes) else files
    full = full.astype({"record": "Int64", "bytes": "Int64"})
    write_csv(full, out_dir / "ingest_report.csv")
    cache.prune()
    _count(stats, files)
    stats.report = full
    stats.manifest_rows, stats.manifest_unmatched = len(manifest), meta.unmatched()
    stats.articles_parsed = done.articles_processed
    stats.stage_seconds, stats.batches_run = done.stage_seconds, done.batches_run
    stats.seconds = time.perf_counter() - started
    _write_run_stats(stats, out_dir / "run_stats.json")
    return stats


def _drop_failed(
    failed: dict[str, str], articles: list[dict], report: list[dict], out_dir: Path
) -> list[dict]:
    """Take the articles whose stages failed out of the ingest tables; their report rows say why,
    with the batch and its files. Returns the articles kept."""
    labels = {a["article_id"]: _label(a["file"], a["record"]) for a in articles}
    by_batch: dict[str, list[str]] = {}
    for aid, why in failed.items():
        by_batch.setdefault(why, []).append(labels.get(aid, aid))
    for row in report:
        why = failed.get(row["article_id"] or "")
        if row["status"] == "loaded" and why:
            files = by_batch[why]
            row["status"] = "rejected"
            row["reason"] = (f"its analysis failed ({why}; files of that batch: "
                             f"{', '.join(files[:5])}{', ...' if len(files) > 5 else ''})")  # fmt: skip
    for table in STREAMED:
        path = out_dir / f"{table}.parquet"
        frame = pd.read_parquet(path)
        write_if_changed(frame[~frame["article_id"].isin(failed)], table, path)
    return [a for a in articles if a["article_id"] not in failed]


class _Progress:
    """One progress bar counting articles through read, parse and analysis: its total is the
    articles read so far (fixed, and the ETA meaningful, once every file is read), its count the
    articles whose every stage is done (analysed now or already up to date); the files read are
    beside it."""

    def __init__(self, files: int) -> None:
        from tqdm.auto import tqdm

        self.files, self.files_read = files, 0
        self.bar = tqdm(total=0, desc="Ingesting", unit="article", leave=False)
        self._postfix()

    def _postfix(self) -> None:
        self.bar.set_postfix_str(f"files read {self.files_read}/{self.files}", refresh=False)

    def article_read(self) -> None:
        self.bar.total += 1
        self.bar.refresh()

    def file_done(self) -> None:
        self.files_read += 1
        self._postfix()
        self.bar.refresh()

    def analysed(self, articles: int) -> None:
        self.bar.update(min(articles, self.bar.total - self.bar.n))

    def close(self) -> None:
        self.bar.close()


def _write_run_stats(stats: IngestStats, path: Path) -> None:
    """What the last ingest did and how long each part took (read by benchmarks/run.py)."""
    keep = {k: v for k, v in vars(stats).items() if k != "report"}
    path.write_text(json.dumps(keep, indent=1, default=str))
