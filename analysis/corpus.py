"""Load a folder of articles into clean tables, incrementally, and account for every file.

``ingest`` reads every file under the raw folder (recursively), cleans it, drops duplicates, applies
the manifest (``data/raw/sources.csv``) and the outlet aliases, parses the text with spaCy and writes
the tables of :mod:`analysis.schema` as Parquet to ``data/processed/``, plus ``ingest_report.csv``.
An unchanged input file is not read again (its parse is cached by content hash and code version),
and an article already parsed is not parsed again.

Every input ends as ``loaded``, ``duplicate`` (of which file) or ``rejected`` (with a reason), one
row per article or record in the ``files`` table. Bad input never raises.

Example:
    >>> result = ingest()                       # doctest: +SKIP
    >>> corpus = load(); corpus.articles.shape  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import nlp, outlets, pipeline
from analysis.cleaning import clean_page
from analysis.config import PATHS
from analysis.dates import parse_date
from analysis.readers import Document, FileInfo, read_file


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


@dataclass
class _FileResult:
    """One file's parse, independent of other files (so it can be cached by content)."""

    info: FileInfo
    articles: list[dict]
    paragraphs: list[dict]
    removed: list[dict]
    texts: list[dict]
    problems: list[tuple[int | None, str]]


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


def _words(text: str) -> int:
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


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
        "n_words": sum(_words(t) for t in content),
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


def _parse_file(path: Path, rel: str) -> _FileResult:
    docs, problems, info = read_file(path, rel)
    result = _FileResult(info, [], [], [], [], list(problems))
    for doc in docs:
        try:
            made = _article_from(doc)
        except Exception as exc:  # a cleaning bug must not stop the other files
            made = f"could not be cleaned ({type(exc).__name__}: {exc})"
        if isinstance(made, str):
            result.problems.append((doc.record, made))
            continue
        article, paragraphs, removed, text = made
        result.articles.append(article)
        result.paragraphs.extend(paragraphs)
        result.removed.extend(removed)
        result.texts.append(text)
    return result


def _cached_parse(path: Path, rel: str, cache_dir: Path | None) -> tuple[_FileResult, bool]:
    """Parse ``path`` or take its cached parse. Returns (result, came_from_cache)."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return _parse_file(path, rel), False
    key = (
        cache_dir
        / f"{digest[:32]}-{PARSER_VERSION}-{hashlib.sha1(rel.encode()).hexdigest()[:8]}.pkl"
        if cache_dir
        else None
    )
    if key is not None and key.exists():
        try:
            with key.open("rb") as fh:
                return pickle.load(fh), True
        except Exception:  # a corrupt cache entry is simply redone
            pass
    result = _parse_file(path, rel)
    if key is not None:
        key.parent.mkdir(parents=True, exist_ok=True)
        tmp = key.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(key)
    return result, False


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


def apply_manifest(
    articles: pd.DataFrame, manifest: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """Fill in or override metadata from the manifest. Returns (articles, manifest files not found)."""
    out = articles.copy()
    unmatched = []
    for row in manifest.itertuples(index=False):
        hit = out["file"] == row.file.strip()
        if not hit.any():
            if row.file.strip():
                unmatched.append(row.file.strip())
            continue
        for key in ("outlet", "url", "published", "author"):
            value = str(getattr(row, key)).strip()
            if key == "published" and value:
                value = parse_date(value) or ""
            if value:
                out.loc[hit, key] = value
                out.loc[hit, f"{key}_source"] = "manifest"
    return out, unmatched


def _label_outlets(articles: pd.DataFrame, lexicon: pd.DataFrame) -> pd.DataFrame:
    out = articles.copy()
    aliases = outlets.alias_map(lexicon)
    out["outlet"] = [outlets.normalize(o, aliases) for o in out["outlet"]]
    out["outlet_label"] = [
        outlets.label(o, f, None if pd.isna(r) else int(r))
        for o, f, r in zip(out["outlet"], out["file"], out["record"], strict=True)
    ]
    return out


# -- tables --------------------------------------------------------------------------------------
def _empty(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


ARTICLE_COLUMNS = [
    "article_id", "file", "record", "format", "encoding", "offset_base", "outlet", "outlet_label",
    *[c for key in META_FIELDS[1:] for c in (key, f"{key}_source")], "outlet_source", "n_words", "n_paragraphs",
]  # fmt: skip
PARAGRAPH_COLUMNS = ["article_id", "paragraph", "kind", "text", "spans", "start", "end"]
REMOVED_COLUMNS = ["article_id", "file", "start", "end", "text", "reason"]
TEXT_COLUMNS = ["article_id", "offset_base", "text"]


def _frame(rows: list[dict], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns)) if rows else _empty(columns)


def _assemble(
    results: list[tuple[str, _FileResult]],
) -> tuple[dict[str, pd.DataFrame], IngestStats]:
    stats = IngestStats(files=len(results))
    report: list[dict] = []
    seen: dict[str, str] = {}
    articles, paragraphs, removed, texts = [], [], [], []
    for rel, res in results:
        base = {"file": rel, "format": res.info.fmt, "encoding": res.info.encoding,
                "bytes": res.info.bytes, "sha256": res.info.sha256}  # fmt: skip
        for record, reason in res.problems:
            report.append({**base, "record": record, "status": "rejected", "reason": reason,
                           "duplicate_of": None, "article_id": None})  # fmt: skip
        loaded: set[str] = set()
        for art in res.articles:
            where = rel if art["record"] is None else f"{rel}#{art['record']}"
            if art["article_id"] in seen:
                report.append({**base, "record": art["record"], "status": "duplicate",
                               "reason": f"same text as {seen[art['article_id']]}",
                               "duplicate_of": seen[art["article_id"]], "article_id": art["article_id"]})  # fmt: skip
                continue
            seen[art["article_id"]] = where
            loaded.add(art["article_id"])
            report.append({**base, "record": art["record"], "status": "loaded", "reason": "",
                           "duplicate_of": None, "article_id": art["article_id"]})  # fmt: skip
            articles.append(art)
        paragraphs.extend(p for p in res.paragraphs if p["article_id"] in loaded)
        removed.extend(r for r in res.removed if r["article_id"] in loaded)
        texts.extend(t for t in res.texts if t["article_id"] in loaded)
    # two identical records of one export share an article_id: keep the first one's rows
    tables = {
        "files": _frame(report, REPORT_COLUMNS),
        "articles": _frame(articles, [c for c in ARTICLE_COLUMNS if c != "outlet_label"]),
        "paragraphs": _frame(paragraphs, PARAGRAPH_COLUMNS).drop_duplicates(
            ["article_id", "paragraph"]
        ),
        "removed": _frame(removed, REMOVED_COLUMNS).drop_duplicates(
            ["article_id", "start", "end", "reason"]
        ),
        "texts": _frame(texts, TEXT_COLUMNS).drop_duplicates("article_id"),
    }
    files = tables["files"]
    stats.loaded = int((files["status"] == "loaded").sum())
    stats.duplicates = int((files["status"] == "duplicate").sum())
    stats.rejected = int((files["status"] == "rejected").sum())
    return tables, stats


def _typed(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    files = tables["files"]
    files["record"] = files["record"].astype("Int64")
    files["bytes"] = files["bytes"].astype("int64")
    art = tables["articles"]
    art["record"] = art["record"].astype("Int64")
    for col in ("n_words", "n_paragraphs"):
        art[col] = art[col].astype("int64")
    for name in ("paragraphs", "removed"):
        for col in ("start", "end") + (("paragraph",) if name == "paragraphs" else ()):
            tables[name][col] = tables[name][col].astype("int64")
    return tables


# -- public API ----------------------------------------------------------------------------------
def _collect(
    inputs: Sequence[tuple[Path, str]], cache_dir: Path | None, *, progress: bool
) -> tuple[list[tuple[str, _FileResult]], int]:
    results: list[tuple[str, _FileResult]] = []
    cached = 0
    iterator: Iterable = inputs
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(inputs, desc="Reading files", unit="file", leave=False)
    for path, rel in iterator:
        res, hit = _cached_parse(path, rel, cache_dir)
        cached += hit
        results.append((rel, res))
    return results, cached


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
    inputs: list[tuple[Path, str]] = []
    for p in map(Path, paths):
        if p.is_dir():
            inputs.extend((path, (p / rel).as_posix()) for path, rel in discover(p))
        else:
            inputs.append((p, p.as_posix()))
    results, _ = _collect(inputs, None, progress=False)
    tables, _ = _assemble(results)
    tables = _typed(tables)
    tables["articles"] = _label_outlets(
        tables["articles"], outlets.read_lexicon() if lexicon is None else lexicon
    )
    if parse and len(tables["paragraphs"]):
        ids = list(tables["articles"]["article_id"])
        base = {k: tables[k] for k in ("articles", "paragraphs", "texts")}
        _, made, _ = pipeline.run_batch(pipeline.Batch("memory", ids, list(stages), base))

        tables.update(made)
    else:
        tables["sentences"], tables["tokens"] = (
            _empty(nlp.SENTENCE_COLUMNS),
            _empty(nlp.TOKEN_COLUMNS),
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

    Unchanged files come from the cache (``out_dir/cache``); articles already processed keep their
    parts (see :mod:`analysis.pipeline`). Writes the ingest tables as Parquet, the per-article stage
    tables as parts, and ``ingest_report.csv``. Read the result with :func:`load`.

    Args:
        raw_dir, out_dir: default ``data/raw`` and ``data/processed``.
        progress: progress bars.
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
    results, cached = _collect(inputs, out_dir / "cache", progress=progress)
    tables, stats = _assemble(results)
    del results
    tables = _typed(tables)
    manifest = read_manifest(raw_dir)
    tables["articles"], stats.manifest_unmatched = apply_manifest(tables["articles"], manifest)
    tables["articles"] = _label_outlets(
        tables["articles"], outlets.read_lexicon() if lexicon is None else lexicon
    )
    tables["articles"] = tables["articles"][ARTICLE_COLUMNS]
    stats.manifest_rows = len(manifest)
    stats.files_read, stats.files_cached = len(inputs) - cached, cached
    for name, frame in tables.items():
        _write_if_changed(frame, out_dir / f"{name}.parquet")
    tables["files"].to_csv(out_dir / "ingest_report.csv", index=False)
    stats.report = tables["files"]
    stats.read_seconds = time.perf_counter() - started
    base = {k: tables[k] for k in ("articles", "paragraphs", "texts")}
    done = pipeline.run_stages(
        base,
        out_dir,
        jobs=jobs,
        batch_size=batch_size,
        engine=engine,
        scheduler=scheduler,
        progress=progress,
    )
    stats.articles_parsed = done.articles_processed
    stats.stage_seconds = done.stage_seconds
    stats.seconds = time.perf_counter() - started
    _write_run_stats(stats, out_dir / "run_stats.json")
    return stats


def _write_run_stats(stats: IngestStats, path: Path) -> None:
    """What the last ingest did and how long each part took (read by benchmarks/run.py)."""
    keep = {k: v for k, v in vars(stats).items() if k != "report"}
    path.write_text(json.dumps(keep, indent=1, default=str))


def _write_if_changed(frame: pd.DataFrame, path: Path) -> None:
    """Write Parquet only when the table changed, so an unchanged rerun leaves files untouched."""
    tmp = path.with_suffix(".parquet.tmp")
    frame.to_parquet(tmp, index=False)
    if path.exists():
        try:
            if pd.read_parquet(path).equals(pd.read_parquet(tmp)):
                tmp.unlink()
                return
        except Exception:
            pass
    tmp.replace(path)


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
