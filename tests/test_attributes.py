"""The memoized attribute ruler and lemmatizer give spaCy's own output, bit for bit."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from analysis import ingest, nlp
from analysis.attributes import Attributes
from analysis.config import spacy_model_name

ATTRS = [POS, MORPH, LEMMA, TAG]
# texts that take both paths: the memo, and the real components for a multi-token pattern
TRICKY = [
    "We're gonna win, y'all, and let's say it ain't over.",
    "Got ta go: the militias got weapons and let the convoy pass.",
    "Iran-backed groups fired 3 rockets; officials said 2,500 US troops remain.",
    "",
]


@pytest.fixture(scope="module")
def pipelines():
    """PressLens's pipeline (memo) and a separate, untouched spaCy pipeline (the reference)."""
    return nlp.load_model(), spacy.load(spacy_model_name())


def _tagged(pipeline, texts: list[str]) -> list[Doc]:
    skip = ["parser", "attribute_ruler", "lemmatizer", "ner", "senter"]
    return list(pipeline.pipe(texts, disable=[p for p in skip if p in pipeline.component_names]))


def _same_as_spacy(pipelines, texts: list[str]) -> int:
    ours, reference = pipelines
    fast = Attributes(ours)
    slow_ruler = reference.get_pipe("attribute_ruler")
    slow_lemmatizer = reference.get_pipe("lemmatizer")
    mine = [fast(d) for d in _tagged(ours, texts)]
    theirs = [slow_lemmatizer(slow_ruler(d)) for d in _tagged(reference, texts)]
    for a, b in zip(mine, theirs, strict=True):
        assert [t.text for t in a] == [t.text for t in b]
        assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all(), a.text
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
    return sum(len(d) for d in mine)


def test_tricky_texts(pipelines):
    assert _same_as_spacy(pipelines, TRICKY) > 40


def test_samples(pipelines, sample_raw: Path):
    paragraphs = ingest.build([sample_raw], parse=False).paragraphs
    texts = list(paragraphs[paragraphs["kind"].isin(nlp.PARSED_KINDS)]["text"])
    assert _same_as_spacy(pipelines, texts) > 3000


@pytest.mark.slow
def test_bbc_articles(pipelines, shared_dir: Path):
    files = sorted((shared_dir / "corpora" / "bbc" / "business").glob("*.txt"))[:150]
    paragraphs = ingest.build(files, parse=False).paragraphs
    assert _same_as_spacy(pipelines, list(paragraphs["text"])) > 50_000


def test_refuses_a_parsed_doc(pipelines):
    doc = pipelines[1]("He said it.")
    with pytest.raises(ValueError, match="without a dependency parse"):
        Attributes(pipelines[0])(doc)


def test_tricky_texts_take_both_paths(pipelines):
    fast = Attributes(pipelines[0])
    docs = _tagged(pipelines[0], TRICKY[:3])
    assert [bool(fast.multi(d, allow_missing=True)) for d in docs] == [True, True, False]
