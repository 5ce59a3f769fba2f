"""Per-article stages: the same tables whatever runs them (one process, workers, Dask), incrementally."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pytest

from analysis import corpus, ingest, pipeline, stages, store
from analysis.config import PATHS, Paths


def _tables(out) -> dict[str, pd.DataFrame]:
    c = corpus.load(out)
    tables = {"sentences": c.sentences, "tokens": c.tokens}
    tables.update({name: c.table(name) for name in ("sentence_sentiment", "claims")})
    return tables


@pytest.fixture(scope="module")
def local_tables(tmp_path_factory, sample_raw):
    out = tmp_path_factory.mktemp("local")
    ingest.run(sample_raw, out, progress=False, jobs=1, batch_size=2)
    return out, _tables(out)


def _assert_same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])


def test_batches_are_parts_on_disk(local_tables):
    out, _ = local_tables
    index = store.Index.read(out)
    batches = index.stages["nlp"]
    assert sorted(len(entry["articles"]) for entry in batches.values()) == [1, 2, 2]
    for key, entry in batches.items():
        assert store.part_path(out, "tokens", entry["version"], key).exists()


def test_worker_processes_write_the_same_tables(tmp_path, sample_raw, local_tables):
    ingest.run(sample_raw, tmp_path, progress=False, jobs=2, batch_size=2)
    _assert_same(local_tables[1], _tables(tmp_path))


def test_batching_changes_no_table(tmp_path, sample_raw, local_tables):
    """One batch for the whole corpus, or one per article: the same tables as batches of two."""
    for size in (1, 100):
        out = tmp_path / f"size{size}"
        ingest.run(sample_raw, out, progress=False, jobs=1, batch_size=size)
        _assert_same(local_tables[1], _tables(out))


def test_tail_thresholds_are_pinned():
    assert pipeline.TAIL_BATCHES_PER_JOB == 4
    assert pipeline.MIN_TAIL_BATCH_WORDS == 2_000


@pytest.mark.parametrize(
    ("words", "pieces", "cuts"),
    [([10] * 8, 4, [0, 2, 4, 6]),  # equal articles: equal runs
     ([100, 1, 1, 1, 1], 2, [0, 1]),  # one long article is a run of its own
     ([1, 1, 1, 100], 2, [0, 3]),
     ([5, 5], 4, [0, 1]),  # never more runs than articles
     ([0, 0, 0], 3, [0, 1, 2]),  # no word count: each article weighs one
     ([3, 3, 3], 1, [0])],
)  # fmt: skip
def test_balanced_split(words, pieces, cuts):
    assert pipeline.balanced_split(words, pieces) == cuts


def _arrivals(n: int, words: int) -> list[pipeline.ArticleInputs]:
    return [
        pipeline.ArticleInputs({"article_id": f"a{i:04d}", "n_words": words}, [], {"text": "x",
                               "offset_base": 0})
        for i in range(n)
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("n", "jobs", "sizes"),
    [(150, 2, [19, 19, 19, 18, 19, 19, 19, 18]),  # a small corpus: 4 batches per worker
     (150, 1, [100, 50]),  # one job: full batches, the rest in one
     # full batches while more than two are waiting, then the last 150 as a small corpus
     (450, 2, [100, 100, 100, 19, 19, 19, 18, 19, 19, 19, 18]),
     (3, 2, [3]),  # under MIN_TAIL_BATCH_WORDS in all: one batch
     (1, 2, [1])],
)  # fmt: skip
def test_batches_keep_every_worker_busy(tmp_path, n, jobs, sizes):
    batcher = pipeline.Batcher(tmp_path, batch_size=100, batch_words=120_000, jobs=jobs)
    made = [len(b.article_ids) for b in batcher.batches(_arrivals(n, 500))]
    assert made == sizes and sum(made) == n


def test_word_cap_closes_a_batch(tmp_path):
    batcher = pipeline.Batcher(tmp_path, batch_size=100, batch_words=10_000, jobs=1)
    made = [len(b.article_ids) for b in batcher.batches(_arrivals(50, 3_000))]
    assert made == [3] * 16 + [2]


@pytest.mark.slow
def test_dask_local_cluster_writes_the_same_tables(tmp_path, sample_raw, local_tables):
    pytest.importorskip("distributed")
    ingest.run(sample_raw, tmp_path, progress=False, engine="dask", batch_size=2)
    _assert_same(local_tables[1], _tables(tmp_path))


def test_removed_article_parts_are_collected(tmp_path, sample_raw):
    raw = tmp_path / "raw"
    shutil.copytree(sample_raw, raw)
    out = tmp_path / "out"
    ingest.run(raw, out, progress=False, jobs=1, batch_size=1)
    (raw / "003_061041191efdf3ad.txt").unlink()
    stats = ingest.run(raw, out, progress=False, jobs=1, batch_size=1)
    assert stats.articles_parsed == 0
    assert len(list((out / "tokens").glob("*.parquet"))) == 4
    assert corpus.load(out).tokens["article_id"].nunique() == 4


def test_code_change_invalidates_the_stage(tmp_path, sample_raw, monkeypatch):
    out = tmp_path / "out"
    ingest.run(sample_raw, out, progress=False, jobs=1)
    monkeypatch.setattr(pipeline, "version", lambda name, story=None: "changedcode00")
    stats = ingest.run(sample_raw, out, progress=False, jobs=1)
    assert stats.articles_parsed == 5
    assert {p.name.split("-")[0] for p in (out / "tokens").glob("*.parquet")} == {"changedcode00"}


@pytest.mark.parametrize(
    ("lexicon", "row", "stage"),
    [("stories/us-iraq-2024/speakers.csv", "New Person,New Person,person,\n", "quotes"),
     ("lexicons/claims.csv", "sorties,noun,strikes\n", "claims")],
)  # fmt: skip
def test_lexicon_edit_reruns_only_the_stage_reading_it(
    tmp_path, sample_raw, monkeypatch, lexicon, row, stage
):
    """Edit a lexicon and ingest again in the same process (a JupyterLab kernel rerunning its
    ingest cell): exactly the stage that reads the lexicon reruns, nothing is memoized."""
    root = tmp_path / "root"
    shutil.copytree(PATHS.lexicons, root / "data" / "lexicons")
    shutil.copytree(PATHS.stories, root / "data" / "stories")
    monkeypatch.setattr(stages, "PATHS", Paths(root))
    out = tmp_path / "out"
    ingest.run(sample_raw, out, progress=False)
    before = {name: stages.version(name) for name in ("nlp", "sentiment", "claims", "quotes")}
    tokens = {p.name: p.stat().st_mtime_ns for p in (out / "tokens").glob("*.parquet")}
    with (root / "data" / lexicon).open("a", encoding="utf-8") as fh:
        fh.write(row)
    after = {name: stages.version(name) for name in before}
    assert {name for name in before if before[name] != after[name]} == {stage}
    stats = ingest.run(sample_raw, out, progress=False)
    assert stats.articles_parsed == 0 and set(stats.stage_seconds) == {stage}
    assert {p.name: p.stat().st_mtime_ns for p in (out / "tokens").glob("*.parquet")} == tokens
    versions = {p.name.split("-")[0] for p in (out / stage).glob("*.parquet")}
    assert versions == {after[stage]}
    again = ingest.run(sample_raw, out, progress=False)
    assert again.articles_parsed == 0 and not again.stage_seconds


def test_warm_loads_the_model_and_every_stage():
    code = ("import sys; from analysis import nlp, pipeline; pipeline.warm(); "
            "print(nlp.load_model.cache_info().currsize, 'analysis.quotes' in sys.modules)")  # fmt: skip
    out = subprocess.check_output([sys.executable, "-c", code], text=True).split()
    assert out == ["1", "True"]


def test_workers_start_when_the_pool_is_made():
    """Every worker is started at once (warming up while reading goes on), not at its first batch."""
    pool = pipeline._warmed_pool(2)
    try:
        assert len(pool._processes) == 2
    finally:
        pool.shutdown()
