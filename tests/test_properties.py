"""Property-based checks: the readers never raise, and offsets always slice the raw text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
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
