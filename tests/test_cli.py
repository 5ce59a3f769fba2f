"""The command line as a user meets it: --help, show (text and JSON) on every sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.cli import main

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
    assert shown["outlet_label"] == (g["outlet"] or f"Unknown ({path.stem})")
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
    assert err.startswith("error:") and "does not exist" in err


def test_claims_command_prints_one_record_per_claim(capsys):
    path = SAMPLES / "004_6ed6ba85c6cd73f2.txt"
    assert main(["claims", str(path), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 7
    keys = {"file", "article_id", "category", "value", "value_max", "qualifier", "location", "subject",
            "attributed_to", "text", "start", "end"}  # fmt: skip
    assert set(records[0]) == keys
    raw = path.read_text(encoding="utf-8")
    assert all(raw[r["start"] : r["end"]] == r["text"] for r in records)
    assert [r["value"] for r in records if r["category"] == "troops"] == [900, 2500]


def test_quotes_command_prints_one_record_per_attribution(capsys):
    path = SAMPLES / "004_6ed6ba85c6cd73f2.txt"
    assert main(["quotes", str(path), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    keys = {"file", "article_id", "kind", "speaker", "speaker_canonical", "speaker_type",
            "affiliation", "cue", "content", "content_start", "content_end"}  # fmt: skip
    assert records and all(set(r) == keys for r in records)
    raw = path.read_text(encoding="utf-8")
    assert all(raw[r["content_start"] : r["content_end"]] == r["content"] for r in records
               if "\n" not in raw[r["content_start"] : r["content_end"]])  # fmt: skip
    sudani = [r for r in records if r["content"].startswith("We are a sovereign country")]
    assert [(r["kind"], r["speaker_canonical"], r["affiliation"]) for r in sudani] == [
        ("direct", "Mohammed Shia al-Sudani", "Iraqi government")
    ]
