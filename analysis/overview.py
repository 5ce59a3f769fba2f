"""Tables for the corpus overview: articles per outlet, dates, lengths, provenance, cleaning audit.

Each function takes the ``articles`` (and ``removed``) tables and returns a new DataFrame with the
columns its docstring lists; nothing is mutated.

Example:
    >>> per_outlet = articles_per_outlet(corpus.articles)  # doctest: +SKIP
"""

from __future__ import annotations

import textwrap

import pandas as pd

from analysis import prose
from analysis.schema import META_NAMES

#: Removal rules grouped for the audit chart (the table keeps the exact rule).
REASON_GROUPS = {
    "navigation menu": "navigation and masthead",
    "masthead or navigation above the headline": "navigation and masthead",
    "breaking-news ticker": "breaking-news ticker",
    "related-news block": "related and read-more links",
    "read-more link": "related and read-more links",
    "share count": "byline, date, shares, reading time",
    "reading time": "byline, date, shares, reading time",
    "byline": "byline, date, shares, reading time",
    "dateline": "byline, date, shares, reading time",
    "source line": "byline, date, shares, reading time",
    "repeated byline (page break)": "page break (repeated byline)",
    "subscription block": "subscription and footer",
    "newsletter or subscription promo": "subscription and footer",
    "scroll to top": "subscription and footer",
    "tag list (kept as tags)": "tag list",
}


def summary(articles: pd.DataFrame, files: pd.DataFrame) -> str:
    """One Markdown paragraph: articles, outlets, words, dates, and what happened to every file."""
    status = files["status"].value_counts()
    dates = pd.to_datetime(
        articles["published"].str.slice(0, 10), errors="coerce", format="%Y-%m-%d"
    )
    span = (
        f"published between {dates.min():%d %B %Y} and {dates.max():%d %B %Y}"
        if dates.notna().any()
        else "with no known publication date"
    )
    unknown = int(articles["outlet"].isna().sum())
    unnamed = f" and {unknown:,} article(s) whose outlet is unknown" if unknown else ""
    undated = int(dates.isna().sum())
    undated_note = f" ({undated:,} undated)" if undated and dates.notna().any() else ""
    return (
        f"**{len(articles):,} articles** from **{articles['outlet'].nunique():,} named outlet(s)**"
        f"{unnamed}, {int(articles['n_words'].sum()):,} words,"
        f" {span}{undated_note}. Of {files['file'].nunique():,} input file(s):"
        f" {int(status.get('loaded', 0))} article(s) loaded, {int(status.get('duplicate', 0))}"
        f" duplicate(s) skipped, {int(status.get('rejected', 0))} rejected"
        " (see `data/processed/ingest_report.csv`)."
    )


def articles_per_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """Columns: outlet_label, articles, words (sum of ``n_words``), most articles first."""
    out = (
        articles.groupby("outlet_label")
        .agg(articles=("article_id", "size"), words=("n_words", "sum"))
        .reset_index()
        .sort_values(["articles", "outlet_label"], ascending=[False, True])
    )
    return out.reset_index(drop=True)


def dated(articles: pd.DataFrame) -> pd.DataFrame:
    """Columns: article_id, file, outlet_label, title, published, date (Timestamp or NaT), is_dated."""
    out = articles[["article_id", "file", "outlet_label", "title", "published"]].copy()
    out["date"] = pd.to_datetime(
        out["published"].str.slice(0, 10), errors="coerce", format="%Y-%m-%d"
    )
    out["is_dated"] = out["date"].notna()
    return out.sort_values(["date", "outlet_label"], na_position="last").reset_index(drop=True)


def lengths(articles: pd.DataFrame) -> pd.DataFrame:
    """Columns: article_id, file, record, outlet_label, title, article (a label to plot: the title
    shortened, or the file and record when there is none, made unique), n_words, n_paragraphs;
    longest first."""
    cols = ["article_id", "file", "record", "outlet_label", "title", "n_words", "n_paragraphs"]
    out = articles[cols].sort_values("n_words", ascending=False).reset_index(drop=True)
    where = [
        f if pd.isna(r) else f"{f}#{r}" for f, r in zip(out["file"], out["record"], strict=True)
    ]
    names = pd.Series(
        [textwrap.shorten(t, 45) if isinstance(t, str) and t.strip() else w
         for t, w in zip(out["title"], where, strict=True)]
    )  # fmt: skip
    twice = names.duplicated(keep=False).to_numpy()
    names[twice] = [
        f"{n} ({w})" for n, w in zip(names[twice], pd.Series(where)[twice], strict=True)
    ]
    out.insert(5, "article", names)
    return out


def provenance(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: file, then for each metadata field its value and where it came from.

    Columns: file, outlet_label, and for each field of ``schema.META_NAMES`` the value and
    ``<field>_source`` (profile, html, export, manifest, text or missing).
    """
    cols = ["file", "outlet_label"]
    for field in META_NAMES:
        cols += [field, f"{field}_source"]
    return articles[cols].reset_index(drop=True)


def source_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """How many articles got each metadata field from each source: field x source counts."""
    rows = [
        {"field": field, "source": src, "articles": int(n)}
        for field in META_NAMES
        for src, n in articles[f"{field}_source"].value_counts().items()
    ]
    table = pd.DataFrame(rows, columns=["field", "source", "articles"])
    wide = table.pivot_table(index="field", columns="source", values="articles", fill_value=0)
    return wide.reindex(list(META_NAMES), fill_value=0).astype(int)


def reason_group(reason: str) -> str:
    """The audit chart's group of a removal rule (footer rules and "'X' block" rules pooled)."""
    if reason in REASON_GROUPS:
        return REASON_GROUPS[reason]
    if reason.startswith("footer"):
        return "subscription and footer"
    if reason.startswith("'"):
        return "'Most Read' and similar blocks"
    return reason


def cleaning_audit(
    articles: pd.DataFrame, paragraphs: pd.DataFrame, removed: pd.DataFrame
) -> pd.DataFrame:
    """Characters kept (per paragraph kind) and removed (per rule group) for every article.

    Columns: article_id, file, outlet_label, part ("kept: body", "removed: breaking-news ticker",
    ...), chars. ``removed`` itself keeps the exact rule and offsets of every stretch.
    """
    rem = removed.assign(
        chars=removed["end"] - removed["start"],
        part="removed: " + removed["reason"].map(reason_group),
    )
    spans_chars = paragraphs["spans"].map(lambda spans: sum(int(e) - int(s) for s, e in spans))
    kept = paragraphs.assign(chars=spans_chars, part="kept: " + paragraphs["kind"])
    table = pd.concat([kept[["article_id", "part", "chars"]], rem[["article_id", "part", "chars"]]])
    table = table.groupby(["article_id", "part"], as_index=False)["chars"].sum()
    meta = articles[["article_id", "file", "outlet_label"]]
    out = meta.merge(table, on="article_id")
    return out.sort_values(["file", "part"]).reset_index(drop=True)


def removed_by_rule(removed: pd.DataFrame) -> pd.DataFrame:
    """What the cleaning removed, per rule: columns reason, stretches, chars, articles; most
    characters first."""
    out = (
        removed.assign(chars=removed["end"] - removed["start"])
        .groupby("reason")
        .agg(
            stretches=("start", "size"), chars=("chars", "sum"), articles=("article_id", "nunique")
        )
    )
    return (
        out.reset_index()
        .sort_values(["chars", "reason"], ascending=[False, True])
        .reset_index(drop=True)
    )


def caveats(articles: pd.DataFrame) -> list[str]:
    """The corpus overview's caveats, computed: its size per outlet, undated articles and
    articles whose outlet is unknown."""
    lines = [prose.size_caveat(articles)]
    dates = pd.to_datetime(
        articles["published"].str.slice(0, 10), errors="coerce", format="%Y-%m-%d"
    )
    if dates.isna().any():
        lines.append(
            f"{int(dates.isna().sum()):,} of {len(articles):,} articles have no known date: they are "
            "counted as undated, and a `date` column in `data/raw/sources.csv` can give them one."
        )
    unknown = int(articles["outlet"].isna().sum())
    if unknown:
        lines.append(
            f'{unknown:,} article(s) name no outlet and are labelled "Unknown (file)", one label '
            "per file, never pooled; an `outlet` column in `data/raw/sources.csv` can name them."
        )
    return lines
