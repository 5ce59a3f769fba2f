"""The spaCy layer: offsets into the raw file, sentence and token tables, quotation marks."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import nlp
from analysis.quotemarks import quote_regions


def test_token_and_sentence_offsets_slice_the_source(sample_corpus):
    texts = sample_corpus.texts.set_index("article_id")["text"]
    for row in sample_corpus.tokens.itertuples(index=False):
        assert texts[row.article_id][row.start : row.end] == row.text
    spans = sample_corpus.paragraphs.set_index(["article_id", "paragraph"])["spans"]
    first = sample_corpus.tokens.groupby(["article_id", "sentence"])["start"].min()
    last = sample_corpus.tokens.groupby(["article_id", "sentence"])["end"].max()
    for row in sample_corpus.sentences.itertuples(index=False):
        source = texts[row.article_id][row.start : row.end]
        assert (row.start, row.end) == (
            first[(row.article_id, row.sentence)],
            last[(row.article_id, row.sentence)],
        )
        # a sentence crossing a page break or link markup is its paragraph's spans, clipped and joined
        pieces = [
            texts[row.article_id][max(s, row.start) : min(e, row.end)]
            for s, e in spans[(row.article_id, row.paragraph)]
            if min(e, row.end) > max(s, row.start)
        ]
        assert " ".join(pieces) == row.text, source


def test_captions_are_not_parsed(sample_corpus):
    kinds = sample_corpus.paragraphs.set_index(["article_id", "paragraph"])["kind"]
    parsed = {
        kinds[(a, p)]
        for a, p in sample_corpus.sentences[["article_id", "paragraph"]].itertuples(index=False)
    }
    assert parsed == {"standfirst", "body", "subheading"}


def test_heads_point_inside_the_article(sample_corpus):
    t = sample_corpus.tokens
    sizes = t.groupby("article_id")["token"].max()
    assert (t["head"] <= t["article_id"].map(sizes)).all() and (t["head"] >= 0).all()


def test_quote_flags_on_a_known_sentence(sample_corpus):
    s = sample_corpus.sentences
    whole = s[s["text"].str.startswith("“We are a sovereign country")]
    assert len(whole) == 1 and not whole.iloc[0]["in_quotes"]  # "... said al-Sudani." follows
    second = s[
        s["text"] == "“This is a request from the people, and this is a democratic country.”"
    ]
    assert len(second) == 1 and bool(second.iloc[0]["in_quotes"])
    tok = sample_corpus.tokens
    aid = second.iloc[0]["article_id"]
    said = tok[
        (tok["article_id"] == aid)
        & (tok["text"] == "said")
        & (tok["start"] > whole.iloc[0]["start"])
    ]
    assert not said.iloc[0]["in_quotes"]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "no" twice.', ["no"]),
        ("on 'Israel' and Iraq's view", ["Israel"]),
        ("“timing is not related,” he said", ["timing is not related,"]),
        ("the ‘Resistance’ and Trump’s plan", ["Resistance"]),
        ("''We are here,'' said X", ["We are here,"]),
        ('an "unbalanced mark and a "closed one"', ["unbalanced mark and a "]),
        ("the 90s' music and Iraq's army", []),
        ('“We are late," she said. "We will not wait.”', ["We are late,", "We will not wait."]),
    ],
)
def test_quote_regions(text, quoted):
    assert [text[s:e] for s, e, _ in quote_regions(text)] == quoted


def test_a_fresh_model_after_many_tokens_parses_the_same(sample_corpus, monkeypatch):
    paragraphs = sample_corpus.paragraphs
    before = nlp.parse(paragraphs)
    model = nlp.load_model()
    monkeypatch.setattr(nlp, "RELOAD_TOKENS", 1)
    nlp.parse(paragraphs.head(3))  # counts past the limit: the models are dropped
    assert nlp.load_model() is not model
    monkeypatch.undo()
    after = nlp.parse(paragraphs)
    for a, b in zip(before, after, strict=True):
        pd.testing.assert_frame_equal(a, b)
