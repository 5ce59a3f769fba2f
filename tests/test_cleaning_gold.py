"""The loader against the hand annotations of the five samples (tests/fixtures/seeds.json)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import corpus, outlets


def _article(c: corpus.Corpus, file: str):
    return c.articles.set_index("file").loc[file]


def _paras(c: corpus.Corpus, file: str, kind: str) -> list[str]:
    aid = _article(c, file)["article_id"]
    p = c.paragraphs[(c.paragraphs["article_id"] == aid) & (c.paragraphs["kind"] == kind)]
    return list(p["text"])


FIELDS = ["title", "author", "published", "source_line", "standfirst", "outlet"]


@pytest.mark.parametrize("index", range(5))
def test_metadata_matches_gold(sample_corpus, gold, index):
    g = gold[index]
    art = _article(sample_corpus, g["file"])
    for field in FIELDS:
        if g[field] is None:
            assert pd.isna(art[field]), field
        else:
            assert art[field] == g[field], field
    assert list(art["tags"] if art["tags"] is not None else []) == g["tags"]


@pytest.mark.parametrize("index", range(5))
def test_body_boundaries_and_no_furniture(sample_corpus, gold, index):
    g = gold[index]
    body = _paras(sample_corpus, g["file"], "body")
    assert body[0].startswith(g["body_first"])
    assert body[-1].endswith(g["body_last"])
    for furniture in g["not_in_body"]:
        assert not any(furniture in text for text in body), furniture


@pytest.mark.parametrize("index", range(5))
def test_captions_and_subheadings_kept_apart(sample_corpus, gold, index):
    g = gold[index]
    assert _paras(sample_corpus, g["file"], "caption") == g["captions"]
    assert _paras(sample_corpus, g["file"], "subheading") == g["subheadings"]


def test_paragraph_split_by_page_break_is_rejoined(sample_corpus, gold):
    g = next(a for a in gold if "rejoined_paragraph" in a)
    aid = _article(sample_corpus, g["file"])["article_id"]
    paras = sample_corpus.paragraphs[sample_corpus.paragraphs["article_id"] == aid]
    hit = paras[paras["text"].str.contains(g["rejoined_paragraph"], regex=False)]
    assert len(hit) == 1
    assert len(hit.iloc[0]["spans"]) == 2  # one paragraph, two stretches of the raw file


def test_unknown_outlets_are_labelled_by_file_not_pooled(sample_corpus, gold):
    unknown = [g["file"] for g in gold if g["outlet"] is None]
    arts = sample_corpus.articles.set_index("file").loc[unknown]
    assert arts["outlet"].isna().all()
    assert (arts["outlet_source"] == "missing").all()
    assert arts["outlet_label"].nunique() == len(unknown)
    assert all(outlets.is_unknown(label) for label in arts["outlet_label"])


def test_every_offset_slices_the_raw_file(sample_corpus, sample_raw):
    texts = sample_corpus.texts.set_index("article_id")["text"]
    files = sample_corpus.articles.set_index("article_id")["file"]
    for row in sample_corpus.paragraphs.itertuples(index=False):
        raw = (sample_raw / files[row.article_id]).read_text(encoding="utf-8")
        assert texts[row.article_id] == raw
        assert " ".join(raw[s:e] for s, e in row.spans) == row.text
    for row in sample_corpus.removed.itertuples(index=False):
        assert texts[row.article_id][row.start : row.end] == row.text


def test_gold_spans_point_into_the_same_text(sample_corpus, gold):
    texts = sample_corpus.texts.set_index("article_id")["text"]
    for g in gold:
        text = texts[_article(sample_corpus, g["file"])["article_id"]]
        for item in g["attributions"]:
            s, e = item["content_span"]
            assert text[s:e] == item["content"]
