"""Sentiment on hand-checked sentences: voices, targets, negation, small groups, the bootstrap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import corpus, ingest, quotemarks, sentiment

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


# -- words that mean something in news: names, titles, numbers and the override list ----------
NEWS_TEXT = (
    "Sales\n\n"
    "She spent $10,000 at Best Buy on Friday.\n\n"
    "The governor of New York appeared on Good Morning America.\n\n"
    "Donald Trump is investing more in the conspiracy theories.\n\n"
    "The plan is terrible.\n\n"
    "Critics called it “a great day for liars” and left.\n\n"
    "He called it “a great day” and left.\n"
)


@pytest.fixture(scope="module")
def news_scored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("news")
    (folder / "a.txt").write_text(NEWS_TEXT, encoding="utf-8")
    c = ingest.build([folder / "a.txt"])
    return sentiment.score_sentences(c.sentences, c.tokens, c.articles)


@pytest.mark.parametrize(
    ("start", "before", "after", "vader", "blanked"),
    [
        # "best" +1.0 in "Best Buy": a shop, not praise; "10,000" and "Friday" are number phrases;
        # "spent" (-0.1) still scores
        ("She spent", 0.45, -0.1, 0.0, ["Best", "Buy", "10,000", "Friday"]),
        # "new" +0.14 in "New York", "good" +0.7 in a programme's title
        ("The governor", 0.42, 0.0, 0.0, ["New", "York", "Good", "Morning", "America"]),
        # "more" +0.5: a quantity (the override list); VADER's "conspiracy" still scores
        ("Donald Trump", 0.5, 0.0, -0.5667, ["Donald", "Trump"]),
    ],
)
def test_names_titles_numbers_and_overrides_do_not_score(
    news_scored, start, before, after, vader, blanked
):
    row = _row(news_scored, start)
    plain = sentiment.textblob_scores(row["text"], lex=_plain())[0]
    assert plain == pytest.approx(before, abs=0.01)
    assert row["polarity"] == pytest.approx(after) and row["vader"] == pytest.approx(
        vader, abs=1e-3
    )
    assert len(row["scored_text"]) == len(row["text"])
    for word in blanked:
        assert word not in row["scored_text"].split()
        assert "_" * len(word) in row["scored_text"]


def test_sentiment_words_still_score(news_scored):
    row = _row(news_scored, "The plan is terrible")
    assert row["polarity"] == pytest.approx(-1.0) and row["vader"] < -0.4
    assert row["scored_text"] == row["text"]


def test_quotations_need_four_words(news_scored):
    assert quotemarks.MIN_QUOTE_WORDS == 4
    long_quote = _row(news_scored, "Critics called")
    assert long_quote["has_quote"] and "great day for liars" in long_quote["quoted_text"]
    three_words = _row(news_scored, "He called it")  # "a great day": a phrase, the outlet's voice
    assert not three_words["has_quote"] and pd.isna(three_words["quoted_polarity"])
    # TextBlob: "great" +0.8 and "left" 0.0, averaged
    assert three_words["own_polarity"] == pytest.approx(0.4)


def _plain() -> sentiment.Lexicons:
    return sentiment.lexicons(sentiment.read_overrides().iloc[0:0])


def test_override_list_is_general_news_vocabulary():
    table = sentiment.read_overrides()
    assert list(table.columns) == ["word", "textblob", "vader", "why"]
    assert table["word"].is_unique and (table["why"].str.len() > 0).all()
    assert table["textblob"].dropna().between(-1, 1).all()
    assert table["vader"].dropna().between(-4, 4).all()
    assert {"more", "own", "party"} <= set(table["word"])


def test_an_override_removes_or_sets_a_word_and_leaves_the_library_alone():
    import textblob.en

    custom = pd.DataFrame(
        {
            "word": ["more", "attack"],
            "textblob": [0.0, -0.5],
            "vader": [0.0, np.nan],
            "why": ["", ""],
        }
    )
    lex = sentiment.lexicons(custom)
    # a removed word no longer scores, nor dilutes the average of the others as a zero
    assert sentiment.textblob_scores("more good news", lex=lex)[0] == pytest.approx(0.7)
    assert sentiment.textblob_scores("the attack", lex=lex)[0] == pytest.approx(-0.5)
    assert "more" not in lex.vader.lexicon
    # the libraries' own analyzers are untouched
    assert textblob.en.sentiment("more")[0] == pytest.approx(0.5)
    assert sentiment.textblob_scores("more", lex=_plain())[0] == pytest.approx(0.5)


def test_unscored_entity_types_are_pinned():
    assert {
        "PERSON",
        "ORG",
        "GPE",
        "WORK_OF_ART",
        "EVENT",
        "MONEY",
        "CARDINAL",
    } <= sentiment.UNSCORED_ENTITY_TYPES
    assert len(sentiment.UNSCORED_ENTITY_TYPES) == 18


def test_blank_words_keeps_offsets():
    text = "Sales at Best Buy rose."
    words = ["Sales", "at", "Best", "Buy", "rose", "."]
    out = sentiment.blank_words(text, words, [False, False, True, True, False, False])
    assert out == "Sales at ____ ___ rose." and len(out) == len(text)


# -- comparisons that do not overstate -------------------------------------------------------
def test_differences_say_no_measurable_difference_when_the_interval_spans_zero():
    rng = np.random.default_rng(3)
    same = pd.DataFrame({"outlet_label": ["A"] * 30 + ["B"] * 30 + ["C"] * 30,
                         "own_vader": rng.normal(0.0, 0.2, 90)})  # fmt: skip
    table = sentiment.outlet_differences(same, value="own_vader", seed=0).set_index("outlet_label")
    assert set(table.index) == {"A", "B", "C"}
    for row in table.itertuples():
        assert row.ci_low <= 0 <= row.ci_high
        assert row.verdict == sentiment.NO_DIFFERENCE and not row.measurable
    apart = same.assign(own_vader=same["own_vader"] + np.where(same["outlet_label"] == "A", 0.5, 0))
    table = sentiment.outlet_differences(apart, value="own_vader", seed=0).set_index("outlet_label")
    assert table.loc["A", "measurable"] and table.loc["A", "ci_low"] > 0
    assert table.loc["A", "verdict"].startswith("more positive by 0.")
    assert table.loc["A", "difference"] == pytest.approx(
        apart.loc[apart.outlet_label == "A", "own_vader"].mean()
        - apart.loc[apart.outlet_label != "A", "own_vader"].mean()
    )
    text = sentiment.describe_differences(table.reset_index())
    assert "- A: more positive by" in text and "95% interval" in text


@pytest.mark.parametrize(
    ("diff", "lo", "hi", "expected"),
    [
        (0.03, -0.01, 0.07, "no measurable difference"),
        (-0.10, -0.18, -0.02, "more negative by 0.10"),
        (0.12, 0.0, 0.2, "no measurable difference"),  # an interval touching zero includes it
    ],
)
def test_verdict(diff, lo, hi, expected):
    assert sentiment.verdict(diff, lo, hi) == expected


def test_small_outlets_are_not_compared():
    table = pd.DataFrame(
        {"outlet_label": ["A", "A", "B", "B", "B"], "own_polarity": [0.1, 0.3, 0.0, 0.2, 0.4]}
    )
    assert sentiment.outlet_differences(table).empty
    assert sentiment.describe_differences(sentiment.outlet_differences(table)).startswith("Too few")


def test_agreement_with_people_reads_the_stored_results(tmp_path):
    import json

    results = {
        "sentence/textblob": {"macro_f1": 0.46, "n": 427}, "target/textblob_sentence": {"macro_f1": 0.43, "n": 1476},
        "sentence/vader": {"macro_f1": 0.62, "n": 427}, "target/vader_window": {"macro_f1": 0.55, "n": 1476},
        "sentence/learned": {"macro_f1": 0.70, "n": 427}, "target/learned": {"macro_f1": 0.66, "n": 1476},
    }  # fmt: skip
    path = tmp_path / "eval.json"
    path.write_text(json.dumps(results))
    table = sentiment.agreement_with_people(path)
    assert list(table["method"]) == ["learned", "VADER", "TextBlob"]
    line = sentiment.describe_agreement_with_people(table)
    assert "learned 0.70 per sentence / 0.66 toward a target" in line
    assert "TextBlob 0.46 per sentence / 0.43" in line and "1476 targets" in line


def test_shipped_results_name_every_method():
    table = sentiment.agreement_with_people()
    assert set(table["method"]) == set(sentiment.METHODS)
