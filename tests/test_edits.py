"""Deletions and edits between ingests: rows leave every table, offsets always slice to their text."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import corpus, ingest, stages
from analysis.config import PATHS, Paths

STAGE_TABLES = ("sentence_sentiment", "claims", "quotes")


@pytest.fixture
def lexicon_root(tmp_path, monkeypatch):
    """A private copy of the lexicons and stories, so a test can edit one."""
    root = tmp_path / "root"
    shutil.copytree(PATHS.lexicons, root / "data" / "lexicons")
    shutil.copytree(PATHS.stories, root / "data" / "stories")
    monkeypatch.setattr(stages, "PATHS", Paths(root))
    return root / "data"


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
    with (lexicon_root / "stories" / "us-iraq-2024" / "speakers.csv").open(
        "a", encoding="utf-8"
    ) as fh:
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


ARTICLE = (
    "Council approves new bridge\n\n"
    "The city council voted on Tuesday to build a new bridge over the river.\n\n"
    '"This bridge will connect two neighbourhoods," said Mayor Jane Smith at the meeting.\n\n'
    "Work is expected to start next spring and to take two years, officials said.\n"
)


def _slices_hold(out) -> int:
    c = corpus.load(out)
    text = c.text_of(c.articles["article_id"].iloc[0])
    tokens = c.tokens
    assert len(tokens) > 0
    for row in tokens.itertuples(index=False):
        assert text[row.start : row.end] == row.text
    for row in c.sentences.itertuples(index=False):
        assert text[row.start : row.end].split()[0] == row.text.split()[0]
    return len(tokens)


def test_whitespace_only_edit_reparses_so_offsets_slice(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text(ARTICLE, encoding="utf-8")
    ingest.run(raw, out, progress=False)
    aid = corpus.load(out).articles["article_id"].iloc[0]
    (raw / "a.txt").write_text(ARTICLE.replace("voted on", "voted   on"), encoding="utf-8")
    stats = ingest.run(raw, out, progress=False)
    assert corpus.load(out).articles["article_id"].iloc[0] == aid  # same article id ...
    assert stats.articles_parsed == 1 and stats.changed_articles == ["a.txt"]  # ... parsed again
    assert (stats.report["status"] == "changed").sum() == 1
    _slices_hold(out)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.sampled_from([" ", "  ", "\n", "\t", " x ", "\n\n"])),
        min_size=1,
        max_size=4,
    )  # fmt: skip
)
def test_offsets_slice_to_their_text_after_any_edit(tmp_path, edits):
    """Random edits (whitespace or a word inserted) between ingests into one output folder."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir(exist_ok=True)
    text = ARTICLE
    for where, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at:]
    (raw / "a.txt").write_text(text, encoding="utf-8")
    ingest.run(raw, out, progress=False)
    _slices_hold(out)
