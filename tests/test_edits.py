"""Deletions and edits between ingests: rows leave every table, offsets always slice to their text."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis import corpus, ingest, stages
from analysis.config import PATHS, Paths

STAGE_TABLES = ("sentence_sentiment", "claims", "quotes")


@pytest.fixture
def lexicon_root(tmp_path, monkeypatch):
    """A private copy of the lexicons, so a test can edit one."""
    root = tmp_path / "root"
    shutil.copytree(PATHS.lexicons, root / "data" / "lexicons")
    monkeypatch.setattr(stages, "PATHS", Paths(root))
    return root / "data" / "lexicons"


def _snapshot(out) -> dict[str, pd.DataFrame]:
    c = corpus.load(out)
    tables = {
        "articles": c.articles,
        "texts": c.texts,
        "sentences": c.sentences,
        "tokens": c.tokens,
    }
    tables.update({name: c.table(name) for name in STAGE_TABLES})
    return tables


def test_delete_and_lexicon_edit_in_one_rerun(tmp_path, sample_raw, lexicon_root):
    """The wedge of issue 17: one article deleted and speakers.csv edited, then ingest again."""
    raw = tmp_path / "raw"
    shutil.copytree(sample_raw, raw)
    out = tmp_path / "out"
    ingest.run(raw, out, progress=False, batch_size=5)
    gone_file = "003_061041191efdf3ad.txt"
    gone = corpus.load(out).articles.set_index("file").loc[gone_file, "article_id"]
    (raw / gone_file).unlink()
    with (lexicon_root / "speakers.csv").open("a", encoding="utf-8") as fh:
        fh.write("New Person,New Person,person,\n")
    stats = ingest.run(raw, out, progress=False, batch_size=5)
    assert stats.articles_parsed == 0 and set(stats.stage_seconds) == {"quotes"}
    assert stats.removed_articles == [gone_file]
    after = _snapshot(out)
    # the same as a clean ingest of the four remaining files
    clean = tmp_path / "clean"
    ingest.run(raw, clean, progress=False, batch_size=5)
    expected = _snapshot(clean)
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(after[name], frame, obj=name)
        assert gone not in set(frame["article_id"])
    # and the deleted article's rows left the parts on disk, not only the loaded tables
    for part in (out / "tokens").glob("*.parquet"):
        assert gone not in set(pd.read_parquet(part, columns=["article_id"])["article_id"])
    again = ingest.run(raw, out, progress=False, batch_size=5)
    assert again.articles_parsed == 0 and not again.stage_seconds
