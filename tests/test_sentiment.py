"""Sentiment on hand-checked sentences: voices, targets, negation, small groups, the bootstrap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import corpus, ingest, sentiment

TEXT = (
    "Talks in Baghdad\n\n"
    "Officials said the plan was terrible and the Resistance rejected it.\n\n"
    "“It is a wonderful day for our country,” the minister said. Washington called the "
    "“aggression” unacceptable, and nobody asked us.\n"
)


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sent")
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    c = ingest.build([folder / "a.txt"])
    return sentiment.score_sentences(c.sentences, c.tokens, c.articles)


def _row(scored, start_of_text):
    return scored[scored["text"].str.startswith(start_of_text)].iloc[0]


def test_quoted_words_are_scored_apart(scored):
    row = _row(scored, "“It is a wonderful day")
    assert row["has_quote"]
    assert row["own_text"].strip() == "the minister said."
    assert "wonderful day for our country" in row["quoted_text"]
    assert row["quoted_polarity"] == pytest.approx(1.0)  # "wonderful" = +1.0 in TextBlob
    assert row["own_polarity"] == pytest.approx(0.0)


def test_scare_quotes_stay_in_the_outlets_voice(scored):
    row = _row(scored, "Washington called")
    assert not row["has_quote"] and pd.isna(row["quoted_polarity"])
    assert "“aggression”" in row["own_text"]


def test_sentence_without_quotes(scored):
    row = _row(scored, "Officials said")
    assert row["polarity"] == pytest.approx(-1.0)  # "terrible" = -1.0
    assert row["own_polarity"] == row["polarity"] and not row["has_quote"]


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("Washington called the move unacceptable.", {"United States"}),
        ("The Resistance struck again.", {"armed groups"}),
        # "Iran-backed" names the militias, not Iran as an actor of the sentence
        ("Iran-backed militias fired rockets at the base.", {"armed groups"}),
        ("Nobody asked us about it.", set()),  # the pronoun "us" is not the US
        (
            "Baghdad and the U.S. held talks on the coalition.",
            {"Iraq", "United States", "the coalition"},
        ),
        ("They bombed “Israel” again.", {"Israel"}),
    ],
)
def test_targets_match_their_aliases(text, targets):
    frame = pd.DataFrame(
        [{"article_id": "a", "outlet_label": "X", "sentence": 0, "start": 0, "text": text,
          "polarity": 0.0, "own_polarity": 0.0, "vader": 0.0}]
    )  # fmt: skip
    found = sentiment.target_mentions(frame, sentiment.read_targets())
    assert set(found["target"]) == targets


@pytest.mark.parametrize(
    ("text", "textblob", "vader_sign"),
    [
        ("The talks were good.", 0.7, 1),
        ("The talks were not good.", -0.35, -1),  # TextBlob: negation multiplies by -0.5
        ("The talks were not bad.", 0.35, 1),
    ],
)
def test_negation(text, textblob, vader_sign):
    assert sentiment.textblob_scores(text)[0] == pytest.approx(textblob)
    assert np.sign(sentiment.vader_compound(text)) == vader_sign


def test_drivers_name_the_words():
    text = "The war is terrible, but significant progress has been made."
    found = sentiment.drivers(text)
    assert "terrible -1.00" in found and "significant +0.38" in found
    assert "war -2.9" in found and "progress +1.8" in found


def test_small_groups_get_no_interval():
    articles = pd.DataFrame(
        {"outlet_label": ["A", "A", "B", "B", "B"], "own_polarity": [0.1, 0.3, 0.0, 0.2, 0.4]}
    )
    table = sentiment.by_outlet(articles, seed=0).set_index("outlet_label")
    assert not table.loc["A", "show_interval"] and np.isnan(table.loc["A", "ci_low"])
    assert table.loc["A", "articles"] == 2 and table.loc["A", "mean"] == pytest.approx(0.2)
    assert table.loc["B", "show_interval"]
    assert table.loc["B", "ci_low"] <= 0.2 <= table.loc["B", "ci_high"]


def test_bootstrap_is_reproducible_and_sane():
    values = np.array([0.0, 0.2, 0.4])
    a = sentiment.bootstrap_ci(values, seed=7)
    assert a == sentiment.bootstrap_ci(values, seed=7)
    assert 0.0 <= a[0] < 0.2 < a[1] <= 0.4 + 1e-9  # a mean of resampled values stays in range
    assert sentiment.bootstrap_ci(np.array([0.5, 0.5, 0.5]), seed=1) == (0.5, 0.5)


def test_samples_score_every_sentence(sample_corpus):
    scored = sentiment.score_sentences(
        sample_corpus.sentences, sample_corpus.tokens, sample_corpus.articles
    )
    assert len(scored) == len(sample_corpus.sentences)
    assert scored["polarity"].between(-1, 1).all() and scored["vader"].between(-1, 1).all()
    genocide = scored[scored["text"].str.contains("genocidal war")].iloc[0]
    # "war" pulls VADER down and "support" up: the audit shows both
    assert "war -2.9" in sentiment.drivers(genocide["text"])
    assert "support +1.7" in sentiment.drivers(genocide["text"])


def test_window_text_keeps_the_words_near_the_mention():
    s = "Critics said on Monday that the Pentagon failed badly; others praised the troops."
    start = s.index("Pentagon")
    assert sentiment.window_text(s, start, start + 8, k=2) == "that the Pentagon failed badly"


def test_evaluation_script_on_a_tiny_newsmtsc_file(tmp_path, capsys):
    import json
    import runpy

    rows = [
        {"sentence_normalized": "The terrible plan failed.", "targets": [{"from": 4, "to": 17, "mention": "terrible plan", "polarity": 2.0}]},
        {"sentence_normalized": "A wonderful success for Smith.", "targets": [{"from": 24, "to": 29, "mention": "Smith", "polarity": 6.0}]},
        {"sentence_normalized": "Jones met officials on Tuesday.", "targets": [{"from": 0, "to": 5, "mention": "Jones", "polarity": 4.0}]},
    ]  # fmt: skip
    data = tmp_path / "tiny.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    script = corpus.PATHS.root / "benchmarks" / "sentiment_eval.py"
    argv = ["--train", str(data), "--test", str(data), "--out", str(tmp_path), "--json"]
    module = runpy.run_path(str(script))
    assert module["main"](argv) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["sentence/textblob"] == {"macro_f1": 1.0, "accuracy": 1.0, "n": 3}
    assert set(summary) >= {"sentence/vader", "target/vader_window", "target/textblob_sentence"}


def test_driver_words_per_group():
    texts = ["A terrible war.", "Terrible news and good news.", "A wonderful day."]
    scored = pd.DataFrame(
        {
            "outlet_label": ["A", "A", "B"],
            "textblob_words": [sentiment.textblob_assessed(t)[2] for t in texts],
        }
    )
    assert scored.textblob_words[1] == "terrible -1.00|good +0.70"
    table = sentiment.driver_words(scored, k=3).set_index(["outlet_label", "word"])
    assert table.loc[("A", "terrible"), "uses"] == 2
    assert table.loc[("A", "terrible"), "polarity_sum"] == pytest.approx(-2.0)
    assert table.loc[("A", "good"), "direction"] == "positive"
    assert table.loc[("B", "wonderful"), "sentences"] == 1


def test_paragraph_scores(sample_corpus):
    paras = sentiment.score_paragraphs(sample_corpus.paragraphs, sample_corpus.articles)
    parsed = sample_corpus.paragraphs["kind"].isin(["standfirst", "body", "subheading"]).sum()
    assert len(paras) == parsed and paras["polarity"].between(-1, 1).all()
