"""Ingest: formats, crosswalk, manifest, outlet aliases, incremental runs."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from analysis import corpus, ingest

ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Talks begin | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-01-27T10:00:00Z">
<script>var tracking = true;</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Talks begin on the coalition's future</h1>
<p>The United States and Iraq held a first round of talks on Saturday about the future of the
coalition, officials in Baghdad said in a statement released after the meeting.</p>
<p>About 2,500 US troops remain in Iraq, and the talks are expected to last several months,
according to officials familiar with the discussions who were not named.</p>
<p>The meeting came after weeks of attacks on bases housing coalition troops across the region,
which prompted retaliatory strikes and complaints from the government in Baghdad.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def test_jsonl_crosswalk_and_record_offsets(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    records = [
        {"headline": "One", "body": "First story text. It has two sentences.", "source": {"id": "x", "name": "Wire One"},
         "authors": ["A. Writer", "B. Writer"], "date": "2020-03-01", "link": "http://one"},
        {"title": "Two", "content": "Second story text here. More words follow.", "media_name": "Wire Two",
         "publication_date": "2016-05-04"},
    ]  # fmt: skip
    (raw / "export.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    ingest.run(raw, tmp_path / "out", progress=False)
    c = corpus.load(tmp_path / "out")
    arts = c.articles.sort_values("record")
    assert list(arts["record"]) == [1, 2]
    first = arts.iloc[0]
    assert (first["title"], first["outlet"], first["author"], first["published"], first["url"]) == (
        "One", "Wire One", "A. Writer, B. Writer", "2020-03-01", "http://one"
    )  # fmt: skip
    assert first["outlet_source"] == "export" and first["offset_base"] == "record_text"
    assert (arts.iloc[1]["outlet"], arts.iloc[1]["published"]) == ("Wire Two", "2016-05-04")
    text = c.text_of(first["article_id"])
    para = c.paragraphs[c.paragraphs["article_id"] == first["article_id"]].iloc[0]
    assert text[para["start"] : para["end"]] == para["text"] == records[0]["body"]


def test_csv_export(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    pd.DataFrame(
        {
            "Title": ["A", "B"],
            "Text": ["Story A has words. Many.", "Story B too. Yes."],
            "Outlet": ["X", "Y"],
        }
    ).to_csv(raw / "rows.csv", index=False)
    ingest.run(raw, tmp_path / "out", progress=False)
    c = corpus.load(tmp_path / "out")
    assert sorted(c.articles["outlet"]) == ["X", "Y"]


def test_html_through_trafilatura(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.html").write_text(ARTICLE_HTML, encoding="utf-8")
    ingest.run(raw, tmp_path / "out", progress=False)
    c = corpus.load(tmp_path / "out")
    art = c.articles.iloc[0]
    assert art["offset_base"] == "extracted_text"
    assert art["outlet"] == "Example News" and art["outlet_source"] == "html"
    assert art["author"] == "Jane Reporter" and art["published"] == "2024-01-27"
    body = " ".join(c.paragraphs["text"])
    assert "2,500 US troops" in body and "tracking" not in body and "Home" not in body


def test_bom_and_crlf_keep_offsets(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    text = "Headline here\r\n\r\nThe talks went on. Officials said so.\r\n\r\nA second paragraph follows here.\r\n"
    (raw / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    ingest.run(raw, tmp_path / "out", progress=False)
    c = corpus.load(tmp_path / "out")
    assert c.articles.iloc[0]["encoding"] == "utf-8-sig"
    source = c.texts.iloc[0]["text"]
    assert source == text
    for row in c.paragraphs.itertuples(index=False):
        assert source[row.start : row.end] == row.text


def test_manifest_fills_in_and_overrides(tmp_path, sample_raw):
    raw = tmp_path / "raw"
    shutil.copytree(sample_raw, raw)
    manifest = pd.read_csv(raw / "sources.csv", dtype=str, keep_default_na=False)
    manifest.loc[manifest["file"] == "003_061041191efdf3ad.txt", ["outlet", "published"]] = [
        "Some Wire",
        "2024-04-16",
    ]
    manifest.loc[manifest["file"] == "004_6ed6ba85c6cd73f2.txt", "author"] = "L. Miguel"
    manifest.to_csv(raw / "sources.csv", index=False)
    stats = ingest.run(raw, tmp_path / "out", progress=False)
    c = corpus.load(tmp_path / "out")
    arts = c.articles.set_index("file")
    assert arts.loc["003_061041191efdf3ad.txt", ["outlet", "outlet_source", "published"]].tolist() == [
        "Some Wire", "manifest", "2024-04-16"
    ]  # fmt: skip
    assert arts.loc["004_6ed6ba85c6cd73f2.txt", "author"] == "L. Miguel"
    assert "sources.csv" not in set(c.files["file"])
    assert stats.manifest_rows == 5


def test_outlet_aliases_are_normalized(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    rows = [
        {"text": f"Story {i} about Iraq. More text.", "source": name}
        for i, name in enumerate(["almayadeen.net", "Al Mayadeen English"])
    ]
    (raw / "e.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    lexicon = pd.DataFrame(
        {
            "outlet": ["Al Mayadeen English"],
            "aliases": ["Al Mayadeen; almayadeen.net"],
            "colour": [""],
        }
    )
    ingest.run(raw, tmp_path / "out", progress=False, lexicon=lexicon)
    c = corpus.load(tmp_path / "out")
    assert set(c.articles["outlet"]) == {"Al Mayadeen English"}


def test_second_ingest_processes_nothing(tmp_path, sample_raw):
    raw = tmp_path / "raw"
    shutil.copytree(sample_raw, raw)
    out = tmp_path / "out"
    s1 = ingest.run(raw, out, progress=False)
    first = corpus.load(out)
    mtimes = {p.relative_to(out): p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    s2 = ingest.run(raw, out, progress=False)
    second = corpus.load(out)
    assert (s1.files_read, s1.articles_parsed) == (5, 5)
    assert (s2.files_read, s2.files_cached, s2.articles_parsed) == (0, 5, 0)
    assert {p.relative_to(out): p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == mtimes
    pd.testing.assert_frame_equal(first.tokens, second.tokens)
    # one new article: only it is read and parsed
    (raw / "new.txt").write_text(
        "New headline\n\nA new article about talks. It is short.\n", encoding="utf-8"
    )
    s3 = ingest.run(raw, out, progress=False)
    third = corpus.load(out)
    assert (s3.files_read, s3.articles_parsed, s3.loaded) == (1, 1, 6)
    assert len(third.tokens) > len(first.tokens)


def test_load_without_tables_says_what_to_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="python -m analysis ingest"):
        corpus.load(tmp_path)
