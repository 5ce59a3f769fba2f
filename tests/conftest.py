"""Shared fixtures: the gold annotations, the sample corpus ingested once, and ../shared."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from analysis import corpus, ingest
from analysis.config import PATHS

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = FIXTURES / "samples"  # the five sample articles and their manifest, copied from data/raw
SHARED = PATHS.root.parent / "shared"


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    """The hand annotations of the five sample articles (copied from ../shared/gold/seeds.json)."""
    return json.loads((FIXTURES / "seeds.json").read_text(encoding="utf-8"))["articles"]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (corpora for generalization checks); skips when a clone has no shared folder."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found: these checks need the shared corpora beside the project")
    return SHARED


@pytest.fixture(scope="session")
def sample_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample corpus and its manifest (tests/fixtures/samples, never the user's data/raw)."""
    dest = tmp_path_factory.mktemp("raw")
    for path in SAMPLES.iterdir():
        shutil.copy2(path, dest / path.name)
    return dest


@pytest.fixture(scope="session")
def sample_processed(sample_raw: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus ingested and parsed once for the whole session."""
    out = tmp_path_factory.mktemp("processed")
    ingest.run(sample_raw, out, progress=False)
    return out


@pytest.fixture(scope="session")
def sample_corpus(sample_processed: Path) -> corpus.Corpus:
    """The sample corpus tables."""
    return corpus.load(sample_processed)
