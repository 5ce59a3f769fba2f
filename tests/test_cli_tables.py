"""The claims and quotes tables as a terminal shows them: snapshots at 80 and 200 columns.

The snapshots in ``tests/fixtures/snapshots/`` were read by hand. When quote attribution or claim
extraction changes on purpose, rerun with ``PRESSLENS_UPDATE_SNAPSHOTS=1``, read the diff and
commit it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from analysis import claims, quotes
from analysis.cli import CLAIMS, MAX_WORD_WIDTH, MIN_COLUMN_WIDTH, QUOTES, format_table, main
from analysis.config import PATHS

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = "tests/fixtures/samples"  # relative, as a user types it (the file headings show it)
SNAPSHOTS = FIXTURES / "snapshots"


def run(capsys, monkeypatch, args: list[str], columns: int = 80) -> tuple[int, str, str]:
    monkeypatch.chdir(PATHS.root)
    monkeypatch.setenv("COLUMNS", str(columns))
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("command", ["claims", "quotes"])
def test_table_matches_its_snapshot_and_fits(capsys, monkeypatch, command, width):
    code, out, err = run(capsys, monkeypatch, [command, SAMPLES, "--format", "table"], width)
    assert code == 0 and err == ""
    snapshot = SNAPSHOTS / f"{command}-{width}.txt"
    if os.environ.get("PRESSLENS_UPDATE_SNAPSHOTS"):
        snapshot.write_text(out, encoding="utf-8")
    assert out == snapshot.read_text(encoding="utf-8")
    assert max(len(line) for line in out.splitlines()) <= width
    assert "None" not in out and "…" not in out and "nan" not in out


def test_table_wraps_every_word_of_the_content(capsys, monkeypatch):
    """Nothing is cut: the content column, read line by line, is every quote word for word."""
    _, table, _ = run(capsys, monkeypatch, ["quotes", SAMPLES, "--columns", "content"], 80)
    _, jsonl, _ = run(capsys, monkeypatch, ["quotes", SAMPLES, "--format", "jsonl"])
    lines = [ln for ln in table.splitlines()[2:] if ln and not ln.endswith(".txt:")]
    assert max(map(len, lines)) <= 80
    contents = [json.loads(line)["content"] for line in jsonl.splitlines()]
    assert " ".join(lines).split() == " ".join(contents).split()


def test_claims_table_has_the_time_anchor_and_integer_counts(capsys, monkeypatch):
    _, out, _ = run(capsys, monkeypatch, ["claims", f"{SAMPLES}/004_6ed6ba85c6cd73f2.txt"], 200)
    header = out.splitlines()[0].split()
    assert "time_anchor" in header
    assert "Since the beginning of the Israel-Hamas conflict in October of last year" in out
    assert " 2500 " in out and "2500.0" not in out


def test_records_follow_the_order_of_the_paths_given(capsys, monkeypatch):
    later, earlier = f"{SAMPLES}/004_6ed6ba85c6cd73f2.txt", f"{SAMPLES}/002_85466fba3cc1c82f.txt"
    _, out, _ = run(capsys, monkeypatch, ["quotes", later, earlier, "--format", "jsonl"])
    files = [json.loads(line)["file"] for line in out.splitlines()]
    assert files[0] == later and files[-1] == earlier
    assert files == sorted(files, key=[later, earlier].index)


@pytest.mark.parametrize(("command", "module"), [(CLAIMS, claims), (QUOTES, quotes)])
def test_every_json_field_can_be_a_table_column(command, module):
    assert command.all_columns() == module.COLUMNS
    assert set(command.default_columns) <= set(module.COLUMNS)


def test_columns_option_picks_json_fields(capsys, monkeypatch):
    path = f"{SAMPLES}/004_6ed6ba85c6cd73f2.txt"
    _, out, _ = run(capsys, monkeypatch, ["quotes", path, "--columns", "speaker,cue_start"], 80)
    assert out.splitlines()[0].split() == ["speaker", "cue_start"]
    code, _, err = run(capsys, monkeypatch, ["quotes", path, "--columns", "speaker,nope"])
    assert code == 1 and err.startswith("error: --columns: no column nope; choose from article_id,")


def test_help_shows_the_defaults(capsys):
    with pytest.raises(SystemExit):
        main(["claims", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "(default: table)" in out and "default for the table: file, category, value" in out


@pytest.mark.parametrize("args", [["show", "X"], ["claims", "X"], ["quotes", "data/none", "X"]])
def test_a_wrong_path_gets_one_wording(capsys, monkeypatch, tmp_path, args):
    missing = str(tmp_path / "x.txt")
    code, out, err = run(capsys, monkeypatch, [missing if a == "X" else a for a in args])
    first = next(a for a in args[1:] if a != "X") if args[0] == "quotes" else missing
    assert code == 1 and out == ""
    assert err.startswith(f"error: {first}: no such file or folder; give a file")
    assert err.count("\n") == 1


def test_a_file_that_cannot_be_read_is_named_with_the_reason(capsys, monkeypatch, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, _, err = run(capsys, monkeypatch, ["show", str(tmp_path / "empty.txt")])
    assert code == 1
    assert err.startswith(f"error: {tmp_path / 'empty.txt'}: not loaded (rejected: ")


# format_table on hand-made frames: the rules, independent of the analyses
def test_format_table_wraps_text_not_words_and_fits():
    frame = pd.DataFrame(
        {
            "kind": ["direct", "indirect"],
            "content": ["one two three four five six seven eight nine ten eleven twelve", None],
            "n": [3.0, None],
        }
    )
    out = format_table(frame, width=30)
    assert out.splitlines() == [
        "kind      content            n",
        "--------  -----------------  -",
        "direct    one two three      3",
        "          four five six",
        "          seven eight nine",
        "          ten eleven twelve",
        "",
        "indirect",
    ]


def test_format_table_groups_by_file():
    frame = pd.DataFrame({"file": ["a.txt", "a.txt", "b.txt"], "text": ["x y", "z", "w"]})
    out = format_table(frame, width=10).splitlines()
    assert out == ["text", "----", "a.txt:", "x y", "z", "", "b.txt:", "w"]


@pytest.mark.parametrize("width", [20, 12])
def test_a_text_column_keeps_its_floor(width):
    """Narrower than the floor, the lines overflow rather than break words every few letters."""
    frame = pd.DataFrame({"id": ["x" * 10], "text": ["aa bb cc dd ee ff gg hh"]})
    lines = format_table(frame, width=width).splitlines()
    assert lines[1] == "-" * 10 + "  " + "-" * MIN_COLUMN_WIDTH
    assert lines[2:] == ["x" * 10 + "  aa bb cc", " " * 12 + "dd ee ff", " " * 12 + "gg hh"]


def test_thresholds():
    assert (MIN_COLUMN_WIDTH, MAX_WORD_WIDTH) == (8, 16)


def test_empty_table_says_so():
    assert format_table(pd.DataFrame(columns=["a"]), width=80) == "(no records)"
