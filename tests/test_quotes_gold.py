"""Quote attribution against the hand annotations of the five sample articles (tests/fixtures)."""

from __future__ import annotations

import json

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


def test_the_accuracy_caveat_is_read_from_the_stored_results(tmp_path):
    rows = [{"kind": "all", "f1": 0.6967, "precision": 0.8996, "recall": 0.5684,
             "speaker_accuracy": 0.9236},
            {"kind": "direct", "recall": 0.899}, {"kind": "mixed", "recall": 0.8}]  # fmt: skip
    path = tmp_path / "dev.json"
    path.write_text(json.dumps({"PolNeAR dev (84 articles): PressLens, all attributions": rows}))
    assert quote_scoring.describe_polnear(path) == (
        "Accuracy on PolNeAR dev (84 articles), never tuned on: content F1 0.697 on all "
        "attributions (precision 0.90, recall 0.57); it finds 90% of direct quotes and 80% of "
        "partial ones, and names the right speaker for 92% of the matches "
        "(`benchmarks/results/quotes_polnear_dev.md`)."
    )
    assert "not measured here" in quote_scoring.describe_polnear(tmp_path / "missing.json")
