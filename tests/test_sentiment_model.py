"""The learned sentiment model ships with the package, loads offline and gives its stored scores."""

from __future__ import annotations

import socket

import numpy as np
import pytest

from analysis import sentiment, sentiment_model


@pytest.fixture
def offline(monkeypatch):
    """No network: any socket connection fails."""

    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_model_loads_offline_and_gives_the_stored_scores(offline):
    sentiment_model.load.cache_clear()
    model = sentiment_model.load()
    examples = model.meta["examples"]
    assert len(examples) >= 5
    texts = [e["text"] for e in examples]
    spans = [tuple(e["span"]) if e["span"] else None for e in examples]
    inputs = [sentiment.lexicon_inputs(t, s, None) for t, s in zip(texts, spans, strict=True)]
    got = model.score(texts, spans, inputs)
    assert got == pytest.approx([e["score"] for e in examples], abs=1e-5)


def test_model_reads_the_sentence_toward_the_mention():
    model = sentiment_model.load()
    text = "Critics accused the mayor of lying to voters."
    span = (text.index("the mayor"), text.index("the mayor") + len("the mayor"))
    texts = [text, "The senator praised the mayor for her courage."]
    spans = [span, (20, 29)]
    inputs = [sentiment.lexicon_inputs(t, s, None) for t, s in zip(texts, spans, strict=True)]
    accused, praised = model.score(texts, spans, inputs)
    assert accused < -0.2 < 0.2 < praised


def test_model_record_names_its_training_data_and_scores():
    meta = sentiment_model.load().meta
    assert meta["training_data"]["file"] == "train.jsonl"
    assert len(meta["training_data"]["sha256"]) == 64
    assert "MIT" in meta["training_data"]["source"]
    assert meta["options"]["n_features"] == sentiment_model.N_FEATURES
    assert 0.0 < meta["scores"]["dev"]["target"]["macro_f1"] <= 1.0
    size = (sentiment_model.MODEL_DIR / f"{sentiment_model.MODEL_NAME}.npz").stat().st_size
    assert size == meta["file_bytes"] and size < 10_000_000


def test_features_are_stable_hashes():
    a = sentiment_model.features(
        "Police said the plan was not good.", None, (0.1, 0.2, 0.1, 0.2, 0.1, 0.2)
    )
    b = sentiment_model.features(
        "Police said the plan was not good.", None, (0.1, 0.2, 0.1, 0.2, 0.1, 0.2)
    )
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert a[0].max() < sentiment_model.N_FEATURES
    # "good" after "not" is a negated feature; the mention-less sentence has no context features
    names = {"n:good", "no_mention", "u:good"}
    assert {sentiment_model._hash(n) for n in names} <= set(a[0])


def test_thresholds_are_pinned():
    assert sentiment_model.N_FEATURES == 2**18
    assert sentiment_model.CONTEXT_WORDS == 4
    assert sentiment_model.LEXICON_WINDOW == 8
    assert sentiment_model.NEGATION_SCOPE == 3


def test_target_mentions_carry_the_learned_score():
    import pandas as pd

    text = "Critics accused Washington of lying."
    frame = pd.DataFrame(
        [{"article_id": "a", "outlet_label": "X", "sentence": 0, "start": 0, "text": text,
          "scored_text": text, "polarity": 0.0, "own_polarity": 0.0, "vader": -0.5}]
    )  # fmt: skip
    found = sentiment.target_mentions(frame, sentiment.read_targets())
    assert list(found["target"]) == ["United States"]
    assert found["learned"].iloc[0] < 0
