"""Bad input: every file is accounted for with a clear reason, and never affects the others."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from analysis import corpus, ingest, readers
from analysis.cli import main

GOOD = "A headline about Iraq\n\nThe coalition met in Baghdad on Saturday. Officials said talks would go on.\n"


def _bad_files(folder: Path, sample_raw: Path) -> dict[str, str]:
    """Write one file per kind of bad input; returns file -> expected words in the reason."""
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes(
        "Caf\xe9 talks in Baghdad\n\nThe minister's caf\xe9 meeting went on for hours, officials said.\n".encode(
            "latin-1"
        )
    )
    (folder / "scripts.html").write_text(
        "<html><head><script>var a = 1;</script></head><body><nav><a href='/'>Home</a></nav>"
        "<script>track()</script></body></html>",
        encoding="utf-8",
    )
    rec = {
        "title": "T",
        "text": "Troops stayed in Iraq. Talks went on for weeks.",
        "source": "Wire",
    }
    (folder / "export.jsonl").write_text(json.dumps(rec) + "\n{not json\n", encoding="utf-8")
    (folder / "notext.csv").write_text("title,url\nA,http://x\n", encoding="utf-8")
    shutil.copy(sample_raw / "003_061041191efdf3ad.txt", folder / "original.txt")
    shutil.copy(sample_raw / "003_061041191efdf3ad.txt", folder / "zz_copy.txt")
    (folder / "nav.txt").write_text(
        "  • Home\n  • News\n  • Politics\n  • Sports\n\nscroll to top\n", encoding="utf-8"
    )
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    (folder / "gone.txt").symlink_to(folder / "does-not-exist.txt")
    (folder / "huge.txt").write_text(
        "word " * (readers.MAX_ARTICLE_BYTES // 5 + 10), encoding="utf-8"
    )
    return {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "scripts.html": "no article text",
        "export.jsonl": "malformed record 2",
        "notext.csv": "no text column",
        "zz_copy.txt": "same text as original.txt",
        "nav.txt": "no article text",
        "picture.png": "unsupported file type",
        "gone.txt": "unreadable",
        "huge.txt": "too large",
    }


@pytest.fixture(scope="module")
def bad_ingest(tmp_path_factory: pytest.TempPathFactory, sample_raw: Path):
    root = tmp_path_factory.mktemp("bad")
    expected = _bad_files(root / "raw", sample_raw)
    stats = ingest.run(root / "raw", root / "out", progress=False)
    c = corpus.load(root / "out")
    return root, expected, c, stats


def test_every_file_is_accounted_for(bad_ingest):
    root, _, c, _ = bad_ingest
    on_disk = {p.name for p in (root / "raw").iterdir()}
    assert set(c.files["file"]) == on_disk
    assert set(c.files["status"]) <= {"loaded", "duplicate", "rejected"}


@pytest.mark.parametrize(
    "name",
    ["empty.txt", "binary.txt", "scripts.html", "export.jsonl", "notext.csv", "zz_copy.txt", "nav.txt",
     "picture.png", "gone.txt", "huge.txt"],
)  # fmt: skip
def test_bad_file_has_a_clear_reason(bad_ingest, name):
    _, expected, c, _ = bad_ingest
    rows = c.files[(c.files["file"] == name) & (c.files["status"] != "loaded")]
    assert len(rows) == 1
    assert expected[name] in rows.iloc[0]["reason"]


def test_good_files_still_load(bad_ingest):
    _, _, c, stats = bad_ingest
    loaded = set(c.files.loc[c.files["status"] == "loaded", "file"])
    assert {"good.txt", "latin1.txt", "export.jsonl", "original.txt"} <= loaded
    assert stats.loaded == 4 and stats.duplicates == 1 and stats.rejected == 9


def test_duplicate_names_its_original(bad_ingest):
    _, _, c, _ = bad_ingest
    dup = c.files[c.files["status"] == "duplicate"].iloc[0]
    assert (dup["file"], dup["duplicate_of"]) == ("zz_copy.txt", "original.txt")


def test_legacy_encoding_is_detected_and_recorded(bad_ingest):
    _, _, c, _ = bad_ingest
    art = c.articles.set_index("file").loc["latin1.txt"]
    assert art["encoding"] == "cp1252"
    assert "café meeting" in c.paragraphs.set_index("article_id").loc[art["article_id"], "text"]


def test_report_csv_is_written(bad_ingest):
    root, _, _, _ = bad_ingest
    report = (root / "out" / "ingest_report.csv").read_text(encoding="utf-8")
    assert "huge.txt" in report and "too large" in report


def test_cli_prints_summary_not_traceback(bad_ingest, capsys):
    root, _, _, _ = bad_ingest
    code = main(["ingest", "--raw", str(root / "raw"), "--out", str(root / "out2"), "--quiet"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "4 article(s) loaded, 1 duplicate(s) skipped, 9 rejected" in out
    assert "huge.txt: not loaded (rejected: too large" in out
    assert "Traceback" not in out + err


def test_cli_fails_only_when_nothing_loads(tmp_path, capsys):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "empty.txt").write_bytes(b"")
    code = main(
        ["ingest", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "out"), "--quiet"]
    )
    _, err = capsys.readouterr()
    assert code == 1 and "no article could be loaded" in err
