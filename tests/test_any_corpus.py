"""Every notebook runs on corpora unlike the samples, and says nothing that is only true of them.

The corpora are generated here (made-up sentences, a few articles each, so the whole run stays
within a few minutes): one article from one outlet with no date, no quotes and no claims; one with
no named entity at all (no targets); and many small outlets with dates, quotes and a claim.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from analysis import ingest, runner
from analysis.config import PATHS

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


def _corpora() -> dict[str, list[dict]]:
    many = [
        _article(i, f"Outlet {i % 15:02d} News", f"2025-0{1 + i % 9}-1{i % 10}", quotes=True,
                 claim=i % 4 == 0)
        for i in range(30)
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
        "many-outlets": many,
    }


def _run(name: str, records: list[dict], root: Path) -> tuple[str, list[Path]]:
    raw, processed = root / name / "raw", root / name / "processed"
    raw.mkdir(parents=True)
    with (raw / "articles.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in records)
    ingest.run(raw, processed, progress=False, jobs=1)
    done = runner.run_notebooks(
        raw_dir=raw,
        processed_dir=processed,
        figures_dir=root / name / "figures",
        reports_dir=root / name / "reports",
        notebooks_dir=PATHS.notebooks,
    )
    return (root / name / "reports" / "report.html").read_text(encoding="utf-8"), done


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
    report, executed = _run(name, _corpora()[name], tmp_path)
    seen = _text(executed) + report
    for phrase in SAMPLE_ONLY:
        assert phrase not in seen, f"{name}: sample-only text {phrase!r} in the output"
    assert re.search(r"Nothing to show", seen) or name == "many-outlets"
    assert "Traceback" not in seen
