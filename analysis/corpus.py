"""The corpus as the analyses read it: the processed tables, loaded from disk or built in memory.

:func:`load` reads what :func:`analysis.ingest.run` wrote; :class:`Corpus` holds the tables (columns
in :mod:`analysis.schema`) and reads the big per-article ones (``sentences``, ``tokens``) and the
stage tables (``claims``, ``quotes``, ``sentence_sentiment``) only when asked for; :func:`with_articles`
is the one place article metadata (file, outlet, date) is joined onto a per-article table. This
module loads no NLP model and no ingest code, so a notebook that only reads tables stays light.

Example:
    >>> c = load()                                    # doctest: +SKIP
    >>> c.table("claims")  # article_id, file, outlet_label, published, then the claims  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import outlets
from analysis.config import PATHS
from analysis.schema import JOINED
from analysis.store import INGEST_TABLES, check_ingest_tables, read_ingest_table, read_table

TABLE_NAMES = ("files", "articles", "paragraphs", "removed", "texts", "sentences", "tokens")


def article_outlets(articles: pd.DataFrame) -> pd.DataFrame:
    """``article_id`` and ``outlet_label`` of each article (an unknown outlet gets its file label)."""
    label = articles["outlet_label"].astype(object)
    missing = label.isna()
    if missing.any():
        label = label.copy()
        label[missing] = [
            outlets.label(None, f, None if pd.isna(r) else int(r))
            for f, r in zip(
                articles.loc[missing, "file"], articles.loc[missing, "record"], strict=True
            )
        ]
    return pd.DataFrame(
        {"article_id": articles["article_id"].to_numpy(), "outlet_label": label.to_numpy()}
    )


def with_articles(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (rows keyed by ``article_id``) with each article's ``file``, ``outlet_label`` and
    ``published`` (:data:`analysis.schema.JOINED`) joined after ``article_id``; rows of articles
    not in ``articles`` are dropped, the order of ``frame`` is kept."""
    meta = articles[["article_id", *JOINED]]
    out = frame.merge(meta, on="article_id", how="inner", sort=False)
    rest = [c for c in frame.columns if c != "article_id"]
    return out[["article_id", *JOINED, *rest]]


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
            self._stage_tables[name] = read_table(name, self._processed_dir, self.articles)
        return self._stage_tables[name]

    @property
    def sentences(self) -> pd.DataFrame:
        return self._stage_table("sentences")

    @property
    def tokens(self) -> pd.DataFrame:
        return self._stage_table("tokens")

    def table(self, name: str) -> pd.DataFrame:
        """A per-article analysis table computed at ingest (``sentence_sentiment``, ``claims``,
        ``quotes``), with the article's ``file``, ``outlet_label`` and ``published`` joined after
        ``article_id`` (:func:`with_articles`)."""
        if self._processed_dir is None:
            raise ValueError(f"this corpus was not loaded from disk: compute '{name}' directly")
        return with_articles(read_table(name, self._processed_dir, self.articles), self.articles)

    def text_of(self, article_id: str) -> str:
        """The source text an article's offsets index."""
        return self.texts.loc[self.texts["article_id"] == article_id, "text"].iloc[0]


def load(processed_dir: Path | None = None) -> Corpus:
    """Read the processed tables written by :func:`analysis.ingest.run`.

    Raises:
        FileNotFoundError: with what to run, when the tables are missing.
        analysis.store.IncompleteTables: when a table is unreadable or the tables do not match
            (an interrupted ingest): names what and the command that repairs it.
    """
    processed_dir = Path(processed_dir or PATHS.processed)
    missing = [t for t in INGEST_TABLES if not (processed_dir / f"{t}.parquet").exists()]
    if missing:
        raise FileNotFoundError(
            f"No processed tables in {processed_dir} ({', '.join(missing)} missing). "
            "Run `python -m analysis ingest` first."
        )
    tables = {t: read_ingest_table(processed_dir, t) for t in INGEST_TABLES}
    check_ingest_tables(processed_dir, tables)
    return Corpus(**tables, processed_dir=processed_dir)
