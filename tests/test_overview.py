"""Overview tables on the samples, checked by hand against the raw files."""

from __future__ import annotations

import textwrap

import pandas as pd

from analysis import overview


def test_articles_per_outlet(sample_corpus):
    table = overview.articles_per_outlet(sample_corpus.articles)
    assert table.iloc[0].tolist()[:2] == ["Al Mayadeen English", 2]
    assert table["articles"].sum() == 5


def test_undated_articles_are_kept(sample_corpus):
    dates = overview.dated(sample_corpus.articles)
    assert len(dates) == 5 and (~dates["is_dated"]).sum() == 2
    assert dates.iloc[0]["published"] == "2024-01-25T23:52"


def test_audit_accounts_for_every_character(sample_corpus, sample_raw):
    audit = overview.cleaning_audit(
        sample_corpus.articles, sample_corpus.paragraphs, sample_corpus.removed
    )
    for file, part in audit.groupby("file"):
        raw = (sample_raw / file).read_text(encoding="utf-8")
        title = sample_corpus.articles.set_index("file").loc[file, "title"]
        non_space = len(raw) - sum(ch.isspace() for ch in raw)
        # kept + removed + title cover the raw file up to the whitespace between lines
        assert part["chars"].sum() + len(title) >= non_space
        assert part["chars"].sum() + len(title) <= len(raw)
    ticker = audit[
        (audit["file"] == "000_788efbf25b089b4e.txt")
        & (audit["part"] == "removed: breaking-news ticker")
    ]
    assert ticker["chars"].iloc[0] > 1000


def test_source_counts(sample_corpus):
    counts = overview.source_counts(sample_corpus.articles)
    assert counts.loc["outlet", "profile"] == 3 and counts.loc["outlet", "missing"] == 2
    assert counts.loc["title", "text"] == 5


def test_length_labels_are_titles_and_unique(sample_corpus):
    table = overview.lengths(sample_corpus.articles)
    assert table["article"].is_unique and list(table["n_words"]) == sorted(
        table["n_words"], reverse=True
    )
    first = table.iloc[0]
    assert first["article"] == textwrap.shorten(first["title"], 45)
    twins = sample_corpus.articles.assign(title="Same headline", record=[1, 2, 3, 4, 5])
    labels = overview.lengths(twins)["article"]
    assert labels.is_unique and labels.str.startswith("Same headline (").all()


def test_summary_says_only_what_is_there():
    files = pd.DataFrame({"file": ["a.jsonl", "a.jsonl", "a.jsonl"],
                          "status": ["loaded", "loaded", "duplicate"]})  # fmt: skip
    dated = pd.DataFrame({"outlet": ["X", "Y"], "n_words": [1200, 300],
                          "published": ["2016-05-04", "2016-06-10T08:00"]})  # fmt: skip
    assert overview.summary(dated, files) == (
        "**2 articles** from **2 named outlet(s)**, 1,500 words, published between 04 May 2016"
        " and 10 June 2016. Of 1 input file(s): 2 article(s) loaded, 1 duplicate(s) skipped,"
        " 0 rejected (see `data/processed/ingest_report.csv`)."
    )
    mixed = dated.assign(outlet=["X", None], published=["2016-05-04", None])
    text = overview.summary(mixed, files)
    assert "from **1 named outlet(s)** and 1 article(s) whose outlet is unknown" in text
    assert "published between 04 May 2016 and 04 May 2016 (1 undated)." in text
    assert "with no known publication date." in overview.summary(
        dated.assign(published=None), files
    )
