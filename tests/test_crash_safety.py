"""Crash-safe tables: what is missing, torn or corrupt is named on reading and rebuilt by the next
ingest; one ingest at a time; kill -9 at any point leaves a clean table or a clear error."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import corpus, ingest, lock, store
from analysis.config import PATHS

TABLES = ("sentence_sentiment", "claims", "quotes")


def _snapshot(out: Path) -> dict[str, pd.DataFrame]:
    c = corpus.load(out)
    tables = {"articles": c.articles, "texts": c.texts, "paragraphs": c.paragraphs,
              "sentences": c.sentences, "tokens": c.tokens}  # fmt: skip
    tables.update({name: c.table(name) for name in TABLES})
    return tables


def _assert_same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


@pytest.fixture(scope="module")
def clean(tmp_path_factory, sample_raw):
    """The sample corpus ingested once (batches of 2), and its tables."""
    out = tmp_path_factory.mktemp("clean")
    ingest.run(sample_raw, out, progress=False, batch_size=2)
    return out, _snapshot(out)


@pytest.fixture
def damaged(tmp_path, clean):
    """A copy of the clean output folder to damage."""
    out = tmp_path / "out"
    shutil.copytree(clean[0], out)
    return out


def _heals(out: Path, sample_raw: Path, clean) -> ingest.IngestStats:
    stats = ingest.run(sample_raw, out, progress=False, batch_size=2)
    _assert_same(_snapshot(out), clean[1])
    return stats


def test_deleted_part_is_named_on_read_and_rebuilt(damaged, sample_raw, clean):
    part = sorted((damaged / "tokens").glob("*.parquet"))[0]
    part.unlink()
    with pytest.raises(
        store.IncompleteTables, match=r"tokens.*is missing.*python -m analysis ingest"
    ):
        _ = corpus.load(damaged).tokens
    stats = _heals(damaged, sample_raw, clean)
    assert any(part.name in what and "missing" in what for what in stats.repaired)
    assert 0 < stats.articles_parsed <= 2  # only that batch
    assert (stats.report["status"] == "repaired").any()


def test_torn_part_is_named_and_rebuilt(damaged, sample_raw, clean):
    part = sorted((damaged / "quotes").glob("*.parquet"))[0]
    part.write_bytes(part.read_bytes()[:100])
    with pytest.raises(store.IncompleteTables, match=r"quotes.*torn"):
        corpus.load(damaged).table("quotes")
    stats = _heals(damaged, sample_raw, clean)
    assert stats.articles_parsed == 0 and set(stats.stage_seconds) == {"quotes"}


def test_truncated_index_is_named_and_rebuilt(damaged, sample_raw, clean):
    index = damaged / store.INDEX_NAME
    index.write_text(index.read_text()[:200])
    with pytest.raises(
        store.IncompleteTables, match=r"parts\.json is unreadable.*python -m analysis ingest"
    ):
        corpus.load(damaged)
    stats = _heals(damaged, sample_raw, clean)
    assert "parts.json" in stats.repaired[0]


def test_texts_that_miss_an_article_are_refused_at_load(damaged, sample_raw, clean):
    texts = pd.read_parquet(damaged / "texts.parquet")
    texts.iloc[1:].to_parquet(damaged / "texts.parquet")  # a kill between texts and articles
    with pytest.raises(
        store.IncompleteTables, match=r"texts\.parquet has .* bytes|texts covers 4 of 5"
    ):
        corpus.load(damaged)
    _heals(damaged, sample_raw, clean)


def test_truncated_ingest_table_is_named(damaged, sample_raw, clean):
    path = damaged / "articles.parquet"
    path.write_bytes(path.read_bytes()[:50])
    with pytest.raises(store.IncompleteTables, match=r"articles\.parquet is unreadable"):
        corpus.load(damaged)
    _heals(damaged, sample_raw, clean)


def test_parts_of_an_interrupted_rerun_are_refused_not_partial(damaged):
    """A part listed for some articles only (a rerun killed half way): an error, never fewer rows."""
    index = json.loads((damaged / store.INDEX_NAME).read_text())
    key = sorted(index["stages"]["claims"])[0]
    del index["stages"]["claims"][key]
    (damaged / store.INDEX_NAME).write_text(json.dumps(index))
    with pytest.raises(
        store.IncompleteTables, match=r"'claims' table has no current part for 2 of 5"
    ):
        corpus.load(damaged).table("claims")


def test_second_ingest_into_the_folder_is_refused(damaged, sample_raw):
    with (
        lock.ingest_lock(damaged),
        pytest.raises(
            lock.IngestRunning, match=rf"another ingest is running \(pid {os.getpid()}\)"
        ),
    ):
        ingest.run(sample_raw, damaged, progress=False)


def test_stale_lock_of_a_dead_process_is_cleared(damaged, sample_raw):
    (damaged / lock.LOCK_NAME).write_text("999999999\n")
    stats = ingest.run(sample_raw, damaged, progress=False, batch_size=2)
    assert "stale lock left by pid 999999999" in stats.repaired[0]


def test_concurrent_ingests_one_refused_tables_intact(tmp_path, sample_raw, clean):
    out = tmp_path / "out"
    code = ("import sys; from analysis import ingest; "
            "ingest.run(sys.argv[1], sys.argv[2], progress=False, batch_size=2)")  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(PATHS.root)}
    procs = [subprocess.Popen([sys.executable, "-c", code, str(sample_raw), str(out)], env=env,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]  # fmt: skip
    results = [(p.wait(), p.stderr.read()) for p in procs]
    assert sorted(rc for rc, _ in results) == [0, 1]
    assert any("another ingest is running (pid" in err for _, err in results)
    _assert_same(_snapshot(out), clean[1])


def _changed(path: Path, before: dict[Path, int]) -> bool:
    try:
        return path.stat().st_mtime_ns != before.get(path)
    except FileNotFoundError:
        return False


#: The moments a rerun (one article edited) is killed at: right after it rewrites each of these.
KILL_POINTS = ("tokens", "parts.json", "texts.parquet", "articles.parquet")


def _kill_when(proc: subprocess.Popen, out: Path, point: str) -> None:
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}

    def hit() -> bool:
        if point in ("tokens",):
            return any(p not in before for p in (out / point).glob("*.parquet"))
        return _changed(out / point, before)

    deadline = time.monotonic() + 120
    while proc.poll() is None and not hit() and time.monotonic() < deadline:
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def test_kill_9_at_any_point_then_load_is_clean_or_a_clear_error(tmp_path, sample_raw, clean):
    raw = tmp_path / "raw"
    shutil.copytree(sample_raw, raw)
    target = sorted(raw.glob("*.txt"))[2]
    target.write_text(target.read_text(encoding="utf-8") + "\n\nAn added line.\n", encoding="utf-8")
    edited = tmp_path / "edited"
    ingest.run(raw, edited, progress=False, batch_size=2)
    after = _snapshot(edited)
    code = ("import sys; from analysis import ingest; "
            "ingest.run(sys.argv[1], sys.argv[2], progress=False, batch_size=2)")  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(PATHS.root)}
    outcomes = {}
    for point in KILL_POINTS:
        out = tmp_path / f"out-{point}"
        shutil.copytree(clean[0], out)
        proc = subprocess.Popen([sys.executable, "-c", code, str(raw), str(out)], env=env)
        _kill_when(proc, out, point)
        try:
            tables = _snapshot(out)
        except (store.IncompleteTables, FileNotFoundError) as exc:
            assert "python -m analysis ingest" in str(exc)
            outcomes[point] = "clear error"
            ingest.run(raw, out, progress=False, batch_size=2)  # the next ingest heals it
            _assert_same(_snapshot(out), after)
            continue
        try:
            _assert_same(tables, clean[1])
            outcomes[point] = "tables before the edit"
        except AssertionError:
            _assert_same(tables, after)
            outcomes[point] = "tables after the edit"
    print("kill outcomes:", outcomes)
    assert "clear error" in outcomes.values()  # the kills did land inside the rerun
