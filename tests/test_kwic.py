"""Keyword in context on the samples, counted by hand from tests/fixtures/samples/."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import corpus, ingest, kwic


def test_find_matches_whole_words_only(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(
        "A headline\n\nThey are considered occupation  forces, not preoccupation forces or "
        "occupation forcesx. OCCUPATION FORCES.\n",
        encoding="utf-8",
    )
    c = ingest.build([path], parse=False)
    found = kwic.find(c, "occupation forces")
    assert list(found["match"]) == ["occupation  forces", "OCCUPATION FORCES"]
    assert kwic.find(c, "occupation forces", case_sensitive=True)["match"].tolist() == [
        "occupation  forces"
    ]
    assert kwic.find(c, r"occupation\w*", regex=True)["match"].tolist() == [
        "occupation",
        "occupation",
        "OCCUPATION",
    ]


def test_occupation_forces_in_context(sample_corpus: corpus.Corpus) -> None:
    # tests/fixtures/samples/000: "in Syria they are officially considered occupation forces." is the only use in
    # article text; the tag "US occupation forces" under the article is furniture.
    table = kwic.kwic(sample_corpus, "occupation forces", window=30)
    assert len(table) == 1
    row = table.iloc[0]
    assert row["outlet_label"] == "Al Mayadeen English"
    assert row["left"].endswith("officially considered")
    assert row["right"] == "."  # the paragraph ends there: context stops at its edge
    assert (
        sample_corpus.text_of(row["article_id"])[row["start"] : row["end"]] == "occupation forces"
    )
    assert not row["in_quotes"]


def test_kwic_flags_quoted_matches(sample_corpus: corpus.Corpus) -> None:
    # tests/fixtures/samples/002 (Al Jazeera-like page): ISIL 4 times, twice inside quotation marks
    # ("Global Coalition against Daesh [ISIL]", "threat posed by ISIS [ISIL]").
    table = kwic.kwic(sample_corpus, "ISIL", case_sensitive=True)
    assert len(table) == 4
    assert table["in_quotes"].sum() == 2
    assert table["outlet_label"].str.contains("002").all()


@pytest.mark.parametrize(
    ("pattern", "regex", "expected"), [("Resistance", False, 3), (r"\bIS\b", True, 2)]
)
def test_find_counts(
    sample_corpus: corpus.Corpus, pattern: str, regex: bool, expected: int
) -> None:
    # "Resistance": 3 in 001's article text. "IS": 001's standfirst and its 4th body paragraph quote
    # "threat posed by IS and its danger" (2).
    found = kwic.find(sample_corpus, pattern, regex=regex, case_sensitive=True)
    assert len(found) == expected
