"""The command line as a user meets it: --help, show (text and JSON) on every sample."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import claims, outlets, quotes
from analysis.cli import main
from analysis.config import PATHS, SETUP_COMMAND

SAMPLES = PATHS.root / "tests" / "fixtures" / "samples"  # copies of the five sample articles

SHOW_KEYS = {
    "file", "article_id", "outlet", "outlet_label", "outlet_source", "title", "author", "published",
    "source_line", "standfirst", "tags", "url", "paragraphs", "removed",
}  # fmt: skip
SAMPLES = Path(__file__).parent / "fixtures" / "samples"  # never the user's data/raw


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    for command in ("ingest", "show", "run", "claims"):
        assert command in out


@pytest.mark.parametrize("index", range(5))
def test_show_json_matches_gold(capsys, gold, index):
    g = gold[index]
    path = SAMPLES / g["file"]
    assert main(["show", str(path), "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert set(shown) == SHOW_KEYS
    for key in ("outlet", "title", "author", "published", "source_line", "standfirst", "tags"):
        assert shown[key] == g[key], key
    assert shown["outlet_label"] == (g["outlet"] or outlets.label(None, path.name, None))
    raw = path.read_text(encoding="utf-8")
    body = [p for p in shown["paragraphs"] if p["kind"] == "body"]
    assert body[0]["text"].startswith(g["body_first"]) and body[-1]["text"].endswith(g["body_last"])
    for p in shown["paragraphs"]:
        assert " ".join(raw[s:e] for s, e in p["spans"]) == p["text"]
    for r in shown["removed"]:
        assert raw[r["start"] : r["end"]] == r["text"] and r["reason"]


def test_show_text_reads_like_a_report(capsys):
    assert main(["show", str(SAMPLES / "000_788efbf25b089b4e.txt")]) == 0
    out = capsys.readouterr().out
    assert "outlet_label Al Mayadeen English" in out
    assert "breaking-news ticker" in out and "[caption " in out


def test_show_missing_file_is_one_line(capsys, tmp_path):
    assert main(["show", str(tmp_path / "nope.txt")]) == 1
    err = capsys.readouterr().err
    assert (
        err == f"error: {tmp_path / 'nope.txt'}: no such file or folder; give a file of articles\n"
    )


def test_claims_command_prints_one_record_per_claim(capsys):
    path = SAMPLES / "004_6ed6ba85c6cd73f2.txt"
    assert main(["claims", str(path), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 7
    assert list(records[0]) == claims.COLUMNS
    raw = path.read_text(encoding="utf-8")
    assert all(raw[r["start"] : r["end"]] == r["text"] for r in records)
    assert [r["value"] for r in records if r["category"] == "troops"] == [900, 2500]


def test_quotes_command_prints_one_record_per_attribution(capsys):
    path = SAMPLES / "004_6ed6ba85c6cd73f2.txt"
    assert main(["quotes", str(path), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records and all(list(r) == quotes.COLUMNS for r in records)
    raw = path.read_text(encoding="utf-8")
    assert all(raw[r["content_start"] : r["content_end"]] == r["content"] for r in records
               if "\n" not in raw[r["content_start"] : r["content_end"]])  # fmt: skip
    sudani = [r for r in records if r["content"].startswith("We are a sovereign country")]
    assert [(r["kind"], r["speaker_canonical"], r["affiliation"]) for r in sudani] == [
        ("direct", "Mohammed Shia al-Sudani", "Iraqi government")
    ]


def test_a_missing_dependency_ends_with_one_line_naming_the_setup_command(tmp_path):
    """A Python without pandas (as outside .venv): one line saying to run `make env`, no traceback."""
    (tmp_path / "a.txt").write_text("A title\n\nA paragraph of an article.\n", encoding="utf-8")
    code = (
        "import sys; sys.modules['pandas'] = None\n"  # importing pandas now fails, as if missing
        "from analysis.cli import main\n"
        f"sys.exit(main(['show', {str(tmp_path / 'a.txt')!r}]))"
    )
    env = {"PATH": os.defpath, "PYTHONPATH": str(PATHS.root)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert (
        done.stderr.startswith("error: pandas is not installed")
        and f"`{SETUP_COMMAND}`" in done.stderr
    )
