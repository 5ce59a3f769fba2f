"""Quote attribution against the hand annotations of the five sample articles (tests/fixtures)."""

from __future__ import annotations

import pytest

from analysis import quote_scoring, quotes


@pytest.fixture(scope="module")
def scores(sample_corpus, gold):
    found = quotes.attribute(sample_corpus)
    statements = found[found.kind != "thought"]  # the sample gold annotates statements only
    gold_table = quote_scoring.gold_table(gold, sample_corpus.articles)
    return quote_scoring.score(statements, gold_table).set_index("kind")


def test_content_f1_floor(scores):
    assert scores.loc["all", "f1"] >= 0.90, scores.to_string()


def test_speaker_accuracy_floor(scores):
    assert scores.loc["all", "speaker_accuracy"] >= 0.90, scores.to_string()


@pytest.mark.parametrize("kind", ["direct", "mixed", "indirect"])
def test_every_kind_found(scores, kind):
    assert scores.loc[kind, "recall"] >= 0.80, scores.to_string()


def test_score_matches_one_to_one():
    import pandas as pd

    gold = pd.DataFrame({"article_id": ["a"], "content": ["the talks will start soon"], "kind": ["indirect"],
                         "optional": [False], "aliases": [["Pentagon"]]})  # fmt: skip
    pred = pd.DataFrame({"article_id": ["a", "a"], "content": ["the talks will start soon", "the talks will start"],
                         "kind": ["indirect", "indirect"], "speaker_canonical": ["Pentagon", "CNN"]})  # fmt: skip
    row = quote_scoring.score(pred, gold).set_index("kind").loc["all"]
    assert (row.tp, row.fp, row.fn, row.speaker_accuracy) == (1, 1, 0, 1.0)
