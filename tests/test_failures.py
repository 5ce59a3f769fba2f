"""No article stops the others: a stage that raises, or a worker the system kills, costs only
the articles it happens on, named with their batch and file; the rest of the corpus is finished."""

from __future__ import annotations

import os
import signal

import pytest

from analysis import corpus, ingest, pipeline

BODY = (
    "Council approves new bridge {n}\n\n"
    "The city council voted on Tuesday to build bridge number {n} over the river, officials said.\n\n"
    "Work is expected to start next spring and to take two years, the mayor said on {word}.\n"
)


def _raw(tmp_path, words):
    raw = tmp_path / "raw"
    raw.mkdir()
    for n, word in enumerate(words):
        (raw / f"{n:03d}.txt").write_text(BODY.format(n=n, word=word), encoding="utf-8")
    return raw


@pytest.fixture
def poisoned(monkeypatch):
    """The NLP stage, made to fail on a batch holding the word 'Poison' (how is set per test)."""
    real = pipeline.function

    def install(fail):
        def function(s):
            inner = real(s)

            def wrapped(c):
                if s.name == "nlp" and c.texts["text"].str.contains("Poison").any():
                    fail()
                return inner(c)

            return wrapped

        monkeypatch.setattr(pipeline, "function", function)

    return install


def _check(out, stats, n_good):
    c = corpus.load(out)
    assert len(c.articles) == n_good and c.tokens["article_id"].nunique() == n_good
    bad = stats.report.set_index("file").loc["002.txt"]
    assert bad["status"] == "rejected" and "batch " in bad["reason"] and "002.txt" in bad["reason"]
    return bad["reason"]


def test_stage_exception_costs_only_its_article(tmp_path, poisoned):
    def fail():
        raise ValueError("[E088] Text of length 1000001 exceeds maximum")

    poisoned(fail)
    raw = _raw(tmp_path, ["Monday", "Friday", "Poison", "Sunday"])
    stats = ingest.run(raw, tmp_path / "out", progress=False, batch_size=4)
    reason = _check(tmp_path / "out", stats, 3)
    assert "a stage raised ValueError: [E088]" in reason


def test_killed_worker_is_named_and_the_rest_finished(tmp_path, poisoned):
    poisoned(lambda: os.kill(os.getpid(), signal.SIGKILL))
    raw = _raw(tmp_path, ["Monday", "Friday", "Poison", "Sunday", "Tuesday"])
    stats = ingest.run(raw, tmp_path / "out", progress=False, batch_size=1, jobs=2)
    reason = _check(tmp_path / "out", stats, 4)
    assert "worker process died" in reason
