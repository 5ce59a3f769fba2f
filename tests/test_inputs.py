"""Odd inputs accounted for: rejected by type or size without being read, decoded, routed."""

from __future__ import annotations

import os
import socket

import pytest

from analysis import ingest, inputs

BODY = (
    "Council approves new bridge\n\n"
    "The city council voted on Tuesday to build a new bridge over the river, officials said.\n\n"
    "“It will connect two neighbourhoods,” said Mayor Jane Smith at the meeting on Tuesday.\n"
)


def _report(folder):
    c = ingest.build([folder], parse=False)
    return c, c.files.set_index(c.files["file"].str.rsplit("/", n=1).str[-1])


def test_thresholds_are_pinned():
    assert inputs.MAX_FILE_BYTES == 5_000_000 and inputs.MIN_GOOD_PER_BAD == 2
    assert ingest.MAX_PARAGRAPH_CHARS == 100_000 and ingest.MAX_ARTICLE_CHARS == 1_000_000


def test_fifo_socket_and_symlinks_rejected_by_type_without_opening(tmp_path):
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink(tmp_path / "pipe.txt", tmp_path / "link-to-pipe.txt")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "s.sock"))
    try:
        _, files = _report(tmp_path)  # would hang forever opening the FIFO
    finally:
        sock.close()
    assert files.loc["good.txt", "status"] == "loaded"
    assert "FIFO" in files.loc["pipe.txt", "reason"]
    assert "FIFO (named pipe) (through a symlink)" in files.loc["link-to-pipe.txt", "reason"]
    assert "socket" in files.loc["s.sock", "reason"]
    assert "unreadable" in files.loc["dangling.txt", "reason"]


def test_big_file_rejected_by_size_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: 6 MB on paper, nothing written
        fh.truncate(6_000_000)
    assert "rejected without reading it" in inputs.check_path(big)


def test_long_paragraph_rejected_with_reason_others_loaded(tmp_path):
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "wall.txt").write_text("Title\n\n" + "word " * 30_000, encoding="utf-8")
    _, files = _report(tmp_path)
    assert files.loc["good.txt", "status"] == "loaded"
    assert files.loc["wall.txt", "status"] == "rejected"
    assert "a paragraph of 149,999 characters (limit 100,000)" in files.loc["wall.txt", "reason"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_decoded(tmp_path, codec):
    (tmp_path / "a.txt").write_bytes(BODY.encode(codec))
    c, files = _report(tmp_path)
    assert files.loc["a.txt", "status"] == "loaded"
    assert "“It will connect" in c.texts["text"].iloc[0]


def test_a_stray_bad_byte_keeps_utf8_and_is_counted(tmp_path):
    data = BODY.encode("utf-8").replace(b"voted", b"vot\xffed")
    (tmp_path / "a.txt").write_bytes(data)
    c, files = _report(tmp_path)
    assert files.loc["a.txt", "encoding"] == "utf-8 (1 bad byte replaced)"
    text = c.texts["text"].iloc[0]
    assert "“It will connect" in text and "vot\ufffded" in text and "â" not in text


def test_legacy_file_is_still_cp1252():
    assert inputs.decode_special("a £15.8m signing".encode("cp1252")) is None  # the readers' cp1252


def test_html_saved_as_txt_goes_to_the_html_reader(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>Bridge approved</title></head><body><article>"
            "<h1>Bridge approved</h1>" + "<p>The city council voted on Tuesday to build a new "
            "bridge over the river, officials said at the meeting.</p>" * 6
            + "</article></body></html>")  # fmt: skip
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    c, files = _report(tmp_path)
    assert files.loc["page.txt", "format"] == "html"
    assert "<" not in c.articles["title"].iloc[0] and "<p>" not in c.texts["text"].iloc[0]


def test_same_stem_in_two_folders_gets_two_unknown_labels(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "001.txt").write_text(BODY.replace("Tuesday", sub), encoding="utf-8")
    c, _ = _report(tmp_path)
    assert c.articles["outlet_label"].nunique() == 2


def test_output_folder_inside_raw_is_not_read_back(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(BODY, encoding="utf-8")
    out = raw / "processed"
    ingest.run(raw, out, progress=False)
    stats = ingest.run(raw, out, progress=False)
    assert stats.files == 1 and stats.loaded == 1


def test_ingest_arguments_that_are_files_say_so(tmp_path, capsys):
    from analysis.cli import main

    a_file = tmp_path / "a.txt"
    a_file.write_text(BODY, encoding="utf-8")
    assert main(["ingest", "--raw", str(a_file), "--out", str(tmp_path / "o"), "--quiet"]) == 1
    assert "is a file, expected a folder" in capsys.readouterr().err
    assert main(["ingest", "--raw", str(tmp_path), "--out", str(a_file), "--quiet"]) == 1
    assert "--out" in (err := capsys.readouterr().err) and "is a file, expected a folder" in err
