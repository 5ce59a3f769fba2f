"""Load a folder of articles into clean tables, incrementally, and account for every file.

``ingest`` reads every file under the raw folder (recursively), cleans it, drops duplicates, applies
the manifest (``data/raw/sources.csv``) and the outlet aliases, parses the text with spaCy and writes
the tables of :mod:`analysis.schema` as Parquet to ``data/processed/``, plus ``ingest_report.csv``.
Files are read one at a time and exports a record at a time, and each article goes on to the
analysis as it is read, so memory does not grow with the corpus. A document already cleaned is not
cleaned again (cleaned documents are cached by content and code version, a hundred at a time), and
an article already parsed is not parsed again.

Every input ends as ``loaded``, ``duplicate`` (of which file) or ``rejected`` (with a reason), one
row per article or record in the ``files`` table. Bad input never raises.

Example:
    >>> result = ingest()                       # doctest: +SKIP
    >>> corpus = load(); corpus.articles.shape  # doctest: +SKIP
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from spacy.util import minibatch

from analysis import nlp, outlets, pipeline, wordcount
from analysis.cleaning import clean_page
from analysis.config import PATHS
from analysis.dates import parse_date
from analysis.readers import Document, stream_file


def _code_version(*modules: str) -> str:
    """Hash of the source of the modules a cached result depends on: editing them redoes the work."""
    digest = hashlib.sha1()
    for name in modules:
        digest.update((Path(__file__).parent / f"{name}.py").read_bytes())
    return digest.hexdigest()[:12]


#: Cached file parses are redone when the reading or cleaning code changes.
PARSER_VERSION = _code_version("readers", "cleaning", "profiles", "dates", "corpus")
MANIFEST_NAME = "sources.csv"
META_FIELDS = ("outlet", "title", "author", "published", "source_line", "standfirst", "tags", "url")
REPORT_COLUMNS = [
    "file", "record", "status", "reason", "duplicate_of", "article_id", "format", "encoding", "bytes", "sha256",
]  # fmt: skip


TABLE_NAMES = ("files", "articles", "paragraphs", "removed", "texts", "sentences", "tokens")


class Corpus:
    """The processed tables (columns documented in :mod:`analysis.schema`).

    ``sentences`` and ``tokens`` (millions of rows on a big corpus) are read from disk the first
    time they are used when the corpus comes from :func:`load`, so a notebook that needs only the
    articles never pays for them.
    """

    def __init__(
        self,
        files: pd.DataFrame,
        articles: pd.DataFrame,
        paragraphs: pd.DataFrame,
        removed: pd.DataFrame,
        texts: pd.DataFrame,
        sentences: pd.DataFrame | None = None,
        tokens: pd.DataFrame | None = None,
        *,
        processed_dir: Path | None = None,
    ) -> None:
        self.files, self.articles, self.paragraphs = files, articles, paragraphs
        self.removed, self.texts = removed, texts
        self._stage_tables = {"sentences": sentences, "tokens": tokens}
        self._processed_dir = processed_dir

    def _stage_table(self, name: str) -> pd.DataFrame:
        if self._stage_tables[name] is None:
            if self._processed_dir is None:
                raise ValueError(f"this corpus has no '{name}' table")
            self._stage_tables[name] = pipeline.read_table(name, self._processed_dir, self.articles)
        return self._stage_tables[name]

    @property
    def sentences(self) -> pd.DataFrame:
        return self._stage_table("sentences")

    @property
    def tokens(self) -> pd.DataFrame:
        return self._stage_table("tokens")

    def table(self, name: str) -> pd.DataFrame:
        """A per-article analysis table computed at ingest (``sentence_sentiment``, ``claims``),
        with the article's ``file``, ``outlet_label`` and ``published`` joined in front."""
        if self._processed_dir is None:
            raise ValueError(f"this corpus was not loaded from disk: compute '{name}' directly")
        frame = pipeline.read_table(name, self._processed_dir, self.articles)
        meta = self.articles[["article_id", "file", "outlet_label", "published"]]
        out = meta.merge(frame, on="article_id", how="inner")
        return out[["article_id", *[c for c in out.columns if c != "article_id"]]]

    def text_of(self, article_id: str) -> str:
        """The source text an article's offsets index."""
        return self.texts.loc[self.texts["article_id"] == article_id, "text"].iloc[0]


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


# -- discovering and reading files ---------------------------------------------------------------
def discover(raw_dir: Path) -> list[tuple[Path, str]]:
    """Every file under ``raw_dir`` (recursively, sorted) as (path, path relative to raw_dir)."""
    found = []
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(raw_dir).as_posix()
        if rel == MANIFEST_NAME:
            continue
        found.append((path, rel))
    return found


def _article_id(texts: Iterable[str]) -> str:
    normalized = " ".join(" ".join(texts).split())
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


def _article_from(doc: Document) -> tuple[dict, list[dict], list[dict], dict] | str:
    page = clean_page(doc.text, title_in_text=doc.title_in_text)
    paras = [(p.kind, p.spans, p.text(doc.text)) for p in page.paragraphs]
    content = [t for kind, _, t in paras if kind in nlp.PARSED_KINDS]
    if not any(kind == "body" for kind, _, _ in paras):
        return f"no article text found ({len(page.removed)} stretches of page furniture, no body paragraph)"
    article_id = _article_id(content)
    meta = dict(doc.meta)
    source = dict(doc.meta_source)
    standfirst = next((t for kind, _, t in paras if kind == "standfirst"), None)
    if standfirst:
        meta.setdefault("standfirst", standfirst)
        source.setdefault("standfirst", "text")
    for key, value in page.meta.items():
        if key in META_FIELDS and key not in meta:
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
    }
    for key in META_FIELDS:
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
class _Loaded:
    """One article's rows of the ingest tables."""

    article: dict
    paragraphs: list[dict]
    removed: list[dict]
    text: dict


#: Documents cleaned, and cached, together: an export of any size is cleaned this many at a time.
CHUNK = 100


def _clean(doc: Document) -> _Loaded | str:
    """One document's rows, or why it has no article; a cleaning bug must not stop the others."""
    try:
        made = _article_from(doc)
    except Exception as exc:
        return f"could not be cleaned ({type(exc).__name__}: {exc})"
    return made if isinstance(made, str) else _Loaded(*made)


class _Cache:
    """Cleaned chunks of documents, pickled under ``folder`` and keyed by their content and the
    reading code's version, so a rerun cleans only what changed (one new record of a big export
    cleans one chunk). :meth:`prune` deletes the entries the last read did not use."""

    def __init__(self, folder: Path | None) -> None:
        self.folder, self.used = folder, set()

    @staticmethod
    def key(rel: str, docs: list[Document]) -> str:
        digest = hashlib.sha1(f"{PARSER_VERSION}\0{rel}".encode())
        for d in docs:
            head = json.dumps([d.record, d.fmt, d.encoding, d.offset_base, d.title_in_text, d.meta,
                               d.meta_source], sort_keys=True, default=str)  # fmt: skip
            digest.update(f"\0{head}\0{len(d.text)}\0".encode())
            digest.update(d.text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def clean(self, rel: str, docs: list[Document]) -> tuple[list[_Loaded | str], bool]:
        """The cleaned ``docs`` (in order) and whether they came from the cache."""
        if self.folder is None:
            return [_clean(d) for d in docs], False
        key = self.key(rel, docs)
        self.used.add(key)
        path = self.folder / f"{key}.pkl"
        if path.exists():
            try:
                with path.open("rb") as fh:
                    return pickle.load(fh), True
            except Exception:  # a corrupt cache entry is simply redone
                pass
        cleaned = [_clean(d) for d in docs]
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(cleaned, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        return cleaned, False

    def prune(self) -> None:
        if self.folder is not None and self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.stem not in self.used:
                    path.unlink(missing_ok=True)


def _read(
    inputs: Sequence[tuple[Path, str]],
    cache: _Cache,
    stats: IngestStats,
    *,
    on_file: Callable[[], None] | None = None,
) -> Iterator[tuple[dict, _Loaded | None]]:
    """Every input's report row(s), in order, each with its article's rows when it is loaded.

    Files are read one at a time and exports a chunk of records at a time; an article whose text
    was already loaded is a duplicate of the first file (or record) that had it. Counts files
    read and files entirely from the cache in ``stats``.
    """
    seen: dict[str, str] = {}
    for path, rel in inputs:
        info, items = stream_file(path, rel)
        base = {"file": rel, "format": info.fmt, "encoding": info.encoding, "bytes": info.bytes,
                "sha256": info.sha256}  # fmt: skip
        from_cache = True
        for chunk in minibatch(items, CHUNK):
            docs = [i for i in chunk if isinstance(i, Document)]
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
        out["outlet_label"] = outlets.label(out["outlet"], out["file"], out["record"])
        return out

    def unmatched(self) -> list[str]:
        """Files the manifest names that no loaded article came from."""
        return [name for name in self.by_file if name not in self.matched]


# -- tables --------------------------------------------------------------------------------------
ARTICLE_COLUMNS = [
    "article_id", "file", "record", "format", "encoding", "offset_base", "outlet", "outlet_label",
    *[c for key in META_FIELDS[1:] for c in (key, f"{key}_source")], "outlet_source", "n_words", "n_paragraphs",
]  # fmt: skip
#: The tables written as articles arrive (row groups), with their Parquet types.
STREAMED = {
    "paragraphs": pa.schema([("article_id", pa.string()), ("paragraph", pa.int64()),
                             ("kind", pa.string()), ("text", pa.string()),
                             ("spans", pa.list_(pa.list_(pa.int64()))), ("start", pa.int64()),
                             ("end", pa.int64())]),
    "removed": pa.schema([("article_id", pa.string()), ("file", pa.string()), ("start", pa.int64()),
                          ("end", pa.int64()), ("text", pa.string()), ("reason", pa.string())]),
    "texts": pa.schema([("article_id", pa.string()), ("offset_base", pa.string()),
                        ("text", pa.string())]),
}  # fmt: skip


def _rows_of(loaded: _Loaded, table: str) -> list[dict]:
    return {"paragraphs": loaded.paragraphs, "removed": loaded.removed, "texts": [loaded.text]}[
        table
    ]


def _streamed_frame(rows: list[dict], table: str) -> pd.DataFrame:
    """Rows of a streamed table as the DataFrame reading its Parquet file gives."""
    return pa.Table.from_pylist(rows, STREAMED[table]).to_pandas()


def _files_frame(report: list[dict]) -> pd.DataFrame:
    files = pd.DataFrame(report, columns=REPORT_COLUMNS)
    files["record"] = files["record"].astype("Int64")
    files["bytes"] = files["bytes"].astype("int64")
    return files


def _articles_frame(articles: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(articles, columns=ARTICLE_COLUMNS)
    frame["record"] = frame["record"].astype("Int64")
    for col in ("n_words", "n_paragraphs"):
        frame[col] = frame[col].astype("int64")
    return frame


def _count(stats: IngestStats, files: pd.DataFrame) -> None:
    counts = files["status"].value_counts()
    stats.loaded, stats.duplicates, stats.rejected = (
        int(counts.get(s, 0)) for s in ("loaded", "duplicate", "rejected")
    )


class _TableWriter:
    """Writes one streamed table as Parquet row groups while articles arrive; on :meth:`close`
    the file replaces the old one only if its bytes differ (an unchanged rerun touches nothing)."""

    #: Rows per row group: a few MB of text each, so the buffer stays small.
    GROUP_ROWS = {"paragraphs": 20_000, "removed": 20_000, "texts": 500}

    def __init__(self, path: Path, table: str) -> None:
        self.path, self.table, self.group_rows = path, table, self.GROUP_ROWS[table]
        self.tmp = path.with_suffix(".parquet.tmp")
        self.writer = pq.ParquetWriter(self.tmp, STREAMED[table])
        self.rows: list[dict] = []

    def add(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= self.group_rows:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, STREAMED[self.table]))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()
        _replace_if_changed(self.tmp, self.path)


def _replace_if_changed(tmp: Path, path: Path) -> None:
    if path.exists() and filecmp.cmp(tmp, path, shallow=False):
        tmp.unlink()
    else:
        tmp.replace(path)


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
) -> Corpus:
    """Ingest the given files or folders in memory (nothing written) and return the tables.

    Args:
        paths: files and/or folders (read recursively).
        parse: run the NLP layer (sentences, tokens); False leaves them empty.
        lexicon: outlet aliases (default ``data/lexicons/outlets.csv``).
        stages: per-article stages to run (``nlp`` for sentences and tokens; the analyses
            themselves are usually computed from the returned corpus).
    """
    inputs = _inputs_of(paths)
    meta = _Metadata(outlets.read_lexicon() if lexicon is None else lexicon)
    report, loaded = [], []
    for row, made in _read(inputs, _Cache(None), IngestStats(files=len(inputs))):
        report.append(row)
        if made is not None:
            loaded.append(made)
    tables = {
        "files": _files_frame(report),
        "articles": _articles_frame([meta.apply(m.article) for m in loaded]),
        **{t: _streamed_frame([r for m in loaded for r in _rows_of(m, t)], t) for t in STREAMED},
    }
    if parse and len(tables["paragraphs"]):
        ids = list(tables["articles"]["article_id"])
        base = {k: tables[k] for k in ("articles", "paragraphs", "texts")}
        _, made, _ = pipeline.run_batch(pipeline.Batch("memory", ids, list(stages), base))
        tables.update(made)
    else:
        tables["sentences"], tables["tokens"] = (
            pd.DataFrame(columns=nlp.SENTENCE_COLUMNS),
            pd.DataFrame(columns=nlp.TOKEN_COLUMNS),
        )
    return Corpus(**{name: tables[name] for name in TABLE_NAMES})


def ingest(
    raw_dir: Path | None = None,
    out_dir: Path | None = None,
    *,
    progress: bool = True,
    lexicon: pd.DataFrame | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 100,
) -> IngestStats:
    """Read ``raw_dir`` into the processed tables in ``out_dir``; returns what was done.

    Files are read one at a time (exports a chunk of records at a time) and each new article
    goes to the per-article stages as soon as its batch is full, so memory does not grow with the
    corpus, only the one-row-per-article ``articles`` and ``files`` tables do. Unchanged
    documents come from the cache (``out_dir/cache``); articles already processed keep their parts
    (see :mod:`analysis.pipeline`). Writes the ingest tables as Parquet, the per-article stage
    tables as parts, and ``ingest_report.csv``. Read the result with :func:`load`.

    Args:
        raw_dir, out_dir: default ``data/raw`` and ``data/processed``.
        progress: a progress bar (files read, articles analysed).
        lexicon: outlet aliases (default ``data/lexicons/outlets.csv``).
        jobs: worker processes for the per-article stages.
        engine: ``local`` or ``dask``; ``scheduler`` is the Dask scheduler address.
        batch_size: articles per batch of the per-article stages (bounds memory).
    """
    started = time.perf_counter()
    raw_dir = Path(raw_dir or PATHS.raw)
    out_dir = Path(out_dir or PATHS.processed)
    out_dir.mkdir(parents=True, exist_ok=True)
    inputs = discover(raw_dir)
    stats = IngestStats(files=len(inputs))
    manifest = read_manifest(raw_dir)
    meta = _Metadata(outlets.read_lexicon() if lexicon is None else lexicon, manifest)
    cache = _Cache(out_dir / "cache")
    writers = {t: _TableWriter(out_dir / f"{t}.parquet", t) for t in STREAMED}
    report: list[dict] = []
    articles: list[dict] = []
    bar = _Progress(len(inputs)) if progress else None

    def arrivals() -> Iterator[pipeline.ArticleInputs]:
        reading = _read(inputs, cache, stats, on_file=bar.file_done if bar else None)
        while True:
            begun = time.perf_counter()
            row, made = next(reading, (None, None))
            if row is None:
                return
            report.append(row)
            if made is not None:
                article = meta.apply(made.article)
                articles.append(article)
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
    files = _files_frame(report)
    _write_if_changed(files, out_dir / "files.parquet")
    _write_if_changed(_articles_frame(articles), out_dir / "articles.parquet")
    files.to_csv(out_dir / "ingest_report.csv", index=False)
    cache.prune()
    _count(stats, files)
    stats.report = files
    stats.manifest_rows, stats.manifest_unmatched = len(manifest), meta.unmatched()
    stats.articles_parsed = done.articles_processed
    stats.stage_seconds = done.stage_seconds
    stats.seconds = time.perf_counter() - started
    _write_run_stats(stats, out_dir / "run_stats.json")
    return stats


class _Progress:
    """One progress bar: files read, with the number of articles analysed beside it."""

    def __init__(self, files: int) -> None:
        from tqdm.auto import tqdm

        self.bar = tqdm(total=files, desc="Ingesting", unit="file", leave=False)
        self.done = 0

    def file_done(self) -> None:
        self.bar.update()

    def analysed(self, articles: int) -> None:
        self.done += articles
        self.bar.set_postfix(analysed=self.done)

    def close(self) -> None:
        self.bar.close()


def _write_run_stats(stats: IngestStats, path: Path) -> None:
    """What the last ingest did and how long each part took (read by benchmarks/run.py)."""
    keep = {k: v for k, v in vars(stats).items() if k != "report"}
    path.write_text(json.dumps(keep, indent=1, default=str))


def _write_if_changed(frame: pd.DataFrame, path: Path) -> None:
    """Write Parquet only when the table changed, so an unchanged rerun leaves files untouched."""
    tmp = path.with_suffix(".parquet.tmp")
    frame.to_parquet(tmp, index=False)
    _replace_if_changed(tmp, path)


INGEST_TABLES = ("files", "articles", "paragraphs", "removed", "texts")


def load(processed_dir: Path | None = None) -> Corpus:
    """Read the processed tables written by :func:`ingest`.

    Raises:
        FileNotFoundError: with what to run, when the tables are missing.
    """
    processed_dir = Path(processed_dir or PATHS.processed)
    missing = [t for t in INGEST_TABLES if not (processed_dir / f"{t}.parquet").exists()]
    if missing:
        raise FileNotFoundError(
            f"No processed tables in {processed_dir} ({', '.join(missing)} missing). "
            "Run `python -m analysis ingest` first."
        )
    tables = {t: pd.read_parquet(processed_dir / f"{t}.parquet") for t in INGEST_TABLES}
    return Corpus(**tables, processed_dir=processed_dir)
