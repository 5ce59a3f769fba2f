"""Property-based checks: the readers never raise, and offsets always slice the raw text."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis import readers
from analysis.cleaning import clean_page

EXTENSIONS = [".txt", ".md", ".html", ".json", ".jsonl", ".csv", ".bin"]
# text that looks like page dumps: words, bullets, blank lines, quotes, link markup, furniture
PIECES = st.sampled_from(
    ["\n", "\n\n", "  • ", "- ", "BREAKING", "Related News", "Read more: x", "2 Shares", "4 Min Read",
     "By Someone", "Source: Agencies", "[link](#)", "“", "”", '"', "'", "scroll to top", "Most Read",
     "The minister said talks went on.", "eventually leading", "x", "(AP)", "Written by [A B](#) on May 1, 2024"]
)  # fmt: skip
PAGE_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=40).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), ext=st.sampled_from(EXTENSIONS))
def test_readers_never_raise_on_arbitrary_bytes(data, ext):
    docs, problems, info = readers.read_bytes(data, f"file{ext}")
    assert docs or problems
    assert all(isinstance(reason, str) and reason for _, reason in problems)


@settings(max_examples=300, deadline=None)
@given(text=PAGE_TEXT)
def test_paragraph_offsets_slice_the_raw_text(text):
    page = clean_page(text)
    for p in page.paragraphs:
        joined = " ".join(text[s:e] for s, e in p.spans)
        assert joined == p.text(text)
        assert all(0 <= s < e <= len(text) for s, e in p.spans)
        assert joined.strip() == joined and joined
    for r in page.removed:
        assert 0 <= r.start < r.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(text=PAGE_TEXT)
@example(text="\nRelated News\n2 Shares\n  • ")  # a meta line leading a block was dropped and kept
def test_kept_and_removed_never_overlap(text):
    page = clean_page(text)
    kept = {i for p in page.paragraphs for s, e in p.spans for i in range(s, e)}
    removed = {i for r in page.removed for i in range(r.start, r.end)}
    assert not kept & removed


@settings(max_examples=300, deadline=None)
@given(text=PAGE_TEXT)
def test_every_character_is_kept_removed_or_title(text):
    """The cleaning can be audited: nothing disappears without a row in ``removed``."""
    page = clean_page(text)
    covered = {i for p in page.paragraphs for s, e in p.spans for i in range(s, e)}
    covered |= {i for r in page.removed for i in range(r.start, r.end)}
    if "title_span" in page.meta:
        s, e = page.meta["title_span"]
        covered |= set(range(s, e))
    lost = [i for i, ch in enumerate(text) if not ch.isspace() and i not in covered]
    assert not lost, [text[i] for i in lost]


RECORDS = st.lists(
    st.fixed_dictionaries(
        {"title": st.text(max_size=20), "text": st.one_of(PAGE_TEXT, st.just(""))},
        optional={"source": st.text(max_size=10), "date": st.sampled_from(["2024-01-27", "x"])},
    ),
    max_size=6,
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=RECORDS, junk=st.lists(st.sampled_from(["{not json", "", "[1]", "  "]), max_size=3))
def test_streamed_exports_read_like_whole_files(tmp_path_factory, records, junk):
    """An export read record by record gives the documents and problems of reading it whole."""
    import csv
    import io
    import json

    folder = tmp_path_factory.mktemp("stream")
    lines = [json.dumps(r) for r in records] + junk
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["title", "text", "source", "date"])
    writer.writeheader()
    writer.writerows(records)
    for name, data in (("e.jsonl", "\n".join(lines)), ("e.csv", out.getvalue())):
        path = folder / name
        path.write_text(data, encoding="utf-8")
        docs, problems, info = readers.read_file(path, name)
        streamed_info, items = readers.stream_file(path, name)
        items = list(items)
        assert [i for i in items if isinstance(i, readers.Document)] == docs
        assert [i for i in items if not isinstance(i, readers.Document)] == problems
        assert (streamed_info.sha256, streamed_info.bytes, streamed_info.encoding) == (
            info.sha256, info.bytes, info.encoding
        )  # fmt: skip
