"""Every notebook runs on corpora unlike the samples, and says nothing that is only true of them.

The corpora are generated here (made-up sentences, short articles, so the whole run stays within a
few minutes), and each goes through ``python -m analysis run`` in a private project root: one
article from one outlet with no date, no quotes and no claims; one with no named entity at all (no
targets); 150 outlets with dates, quotes and claims; 5,000 one-sentence articles.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from PIL import Image

from analysis import plots
from analysis.config import PATHS

#: Inches a saved figure may exceed the plotting bounds by (titles, notes, tight bounding box).
PAGE_MARGIN = 2.0
DPI = plots.STYLE["savefig.dpi"]

#: Sentences true only of the sample corpus: none may appear in another corpus's report.
SAMPLE_ONLY = ["five articles", "Five articles", "Al Mayadeen", "New American", "al-Sudani",
               "Sudani", "occupation forces", "two named outlets"]  # fmt: skip

PLAIN = (
    "The bakery on the corner opened early on a grey morning.\n\n"
    "Bread and rolls were sold before the rain began, and the queue moved slowly along the wall.\n\n"
    "Later in the day the shop closed for cleaning and opened again in the evening."
)


def _article(i: int, outlet: str, date: str | None, *, quotes: bool, claim: bool) -> dict:
    mayor = ["Anna Berg", "Tomas Lind", "Maria Holm"][i % 3]
    text = [
        f"The city council of Northport met on Tuesday to discuss the new harbour bridge, {mayor} said.",
        f"Mayor {mayor} told reporters that the bridge would open next spring.",
    ]
    if quotes:
        text.append(f'"We have waited long enough for this bridge," {mayor} said after the vote.')
        text.append("Berg said that the council would publish the plans on Friday.")
    if claim:
        text.append("About 300 soldiers were sent to Northport to help after the flood.")
    text.append(f"The council of Northport meets again next month, according to {outlet}.")
    record = {"title": f"Northport council meeting {i}", "text": "\n\n".join(text),
              "source": outlet}  # fmt: skip
    if date:
        record["date"] = date
    return record


def _tiny(i: int) -> dict:
    """A one-sentence article: 5,000 of them stay quick to parse."""
    return {"title": f"Harbour note {i}", "source": ["Town Crier", "Valley Post", "Coast Daily"][i % 3],
            "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "text": f"The harbour of Northport handled {i % 90 + 10} ships on day {i}."}  # fmt: skip


def _corpora() -> dict[str, list[dict]]:
    many = [
        _article(i, f"Outlet {i:03d} News", f"2025-0{1 + i % 9}-1{i % 10}", quotes=True,
                 claim=i % 4 == 0)
        for i in range(150)
    ]  # fmt: skip
    return {
        "one-article": [{"title": "Rolls and bread", "text": PLAIN, "source": "Town Crier"}],
        "no-entities": [
            {
                "title": f"Morning {i}",
                "text": f"{PLAIN}\n\nThe rain stopped after {i} hours.",
                "source": s,
                "date": "2025-03-0" + str(i),
            }
            for i, s in enumerate(["Town Crier", "Valley Post", "Town Crier"], start=1)
        ],
        "150-outlets": many,
        "5000-articles": [_tiny(i) for i in range(5000)],
    }


def _run(name: str, records: list[dict], root: Path) -> tuple[str, list[Path], str]:
    """``python -m analysis run`` on ``records`` in a private project root (its own lexicons,
    stories, notebooks, figures and report): the report, the executed notebooks, the output."""
    project = root / name
    for part in ("data/lexicons", "data/stories", "notebooks", "benchmarks/results"):
        shutil.copytree(
            PATHS.root / part, project / part, ignore=shutil.ignore_patterns("executed")
        )
    raw = project / "data" / "raw"
    raw.mkdir(parents=True)
    with (raw / "articles.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in records)
    env = {**os.environ, "PRESSLENS_ROOT": str(project)}
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "run", "--quiet", "--jobs", "1"],
        env=env, capture_output=True, text=True, check=False, cwd=project,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    executed = sorted((project / "reports").rglob("*.ipynb"))
    return (project / "reports" / "report.html").read_text(encoding="utf-8"), executed, output


def _text(executed: list[Path]) -> str:
    """Markdown sources and outputs of executed notebooks (what a reader sees)."""
    parts = []
    for path in executed:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                parts.append(cell.source)
            for out in cell.get("outputs", []):
                parts.append(out.get("text", ""))
                parts += [str(v) for k, v in out.get("data", {}).items() if k.startswith("text/")]
    return "\n".join(parts)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(_corpora()))
def test_every_notebook_runs_and_speaks_of_this_corpus(tmp_path, name):
    report, executed, output = _run(name, _corpora()[name], tmp_path)
    assert len(executed) == len(list(PATHS.notebooks.glob("[0-9]*.ipynb")))
    seen = _text(executed) + report + output
    for phrase in SAMPLE_ONLY:
        assert phrase not in seen, f"{name}: sample-only text {phrase!r} in the output"
    assert re.search(r"Nothing to show", seen) or name in ("150-outlets", "5000-articles")
    assert "Traceback" not in seen
    # A figure never grows past a printable page (the plotting bounds, plus the tight bounding box's
    # margin for titles and notes), whatever the number of outlets or articles.
    limit = ((plots.MAX_WIDTH + PAGE_MARGIN) * DPI, (plots.MAX_HEIGHT + PAGE_MARGIN) * DPI)
    for png in (tmp_path / name / "figures").glob("*.png"):
        with Image.open(png) as image:
            assert image.width <= limit[0] and image.height <= limit[1], (png.name, image.size)
