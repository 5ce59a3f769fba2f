"""Every notebook executes on the sample corpus, and again after a new article is added."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from analysis import ingest, runner
from analysis.config import PATHS

NEW_ARTICLE = {
    "title": "Coalition talks enter second round",
    "text": (
        "The United States and Iraq opened a second round of talks on Monday, officials said.\n\n"
        "About 2,500 US troops remain in Iraq, a Pentagon spokesman told reporters in Washington.\n\n"
        '"We are making progress," the Iraqi foreign minister said after the meeting in Baghdad.'
    ),
    "source": "Test Wire Service",
    "date": "2024-02-10",
}


def _run(raw: Path, root: Path) -> list:
    processed, figures, reports = root / "processed", root / "figures", root / "reports"
    ingest.run(raw, processed, progress=False)
    return runner.run_notebooks(
        raw_dir=raw,
        processed_dir=processed,
        figures_dir=figures,
        reports_dir=reports,
        notebooks_dir=PATHS.notebooks,
    )


@pytest.mark.slow
def test_notebooks_run_on_samples_and_pick_up_a_new_article(tmp_path, sample_raw):
    raw = tmp_path / "raw"
    shutil.copytree(sample_raw, raw)
    notebooks = sorted(PATHS.notebooks.glob("[0-9][0-9]-*.ipynb"))
    assert notebooks, "no notebooks found"

    done = _run(raw, tmp_path)
    assert len(done) == len(notebooks)
    report = (tmp_path / "reports" / "report.html").read_text(encoding="utf-8")
    assert "import analysis" not in report and "from analysis" not in report  # no code cells
    for nb in notebooks:
        prefix = nb.name[:2]
        assert list((tmp_path / "figures").glob(f"{prefix}-*.png")), f"{nb.name} wrote no figure"

    (raw / "new").mkdir()
    (raw / "new" / "wire.jsonl").write_text(json.dumps(NEW_ARTICLE) + "\n", encoding="utf-8")
    _run(raw, tmp_path)
    data = (tmp_path / "figures" / "00-articles-per-outlet.csv").read_text(encoding="utf-8")
    assert "Test Wire Service" in data
