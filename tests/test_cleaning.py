"""General cleaning rules on pages from outlets the cleaner has never seen (hand-made examples)."""

from __future__ import annotations

import pytest

from analysis.cleaning import clean_page
from analysis.dates import parse_date

UNSEEN = """Daily Planet

  • Home
  • World
  • Politics
Breaking News
Minister resigns over budget row
Storm closes ports

Coalition talks resume in Baghdad | World news

  • By Jane Roe
  • 3 Mar 2024 09:15
  • 12 Shares
6 min read

Officials from both countries met for a second round on Monday.

Delegations met in the capital on Monday to discuss the timetable, officials said after the
meeting, which lasted five hours.

Read more: Earlier talks stalled over the timetable

Related Stories

Ports reopen after the storm

Markets slide on budget fears

The talks will resume next month, a spokesman said.

Sign up for our morning briefing

A second official said the timetable was "not yet settled" and declined to give a date.

  • Iraq
  • Diplomacy

Most Read
Another story entirely
Copyright 2024 Daily Planet
"""


@pytest.fixture(scope="module")
def page():
    return clean_page(UNSEEN)


def _texts(page, kind):
    return [p.text(UNSEEN) for p in page.paragraphs if p.kind == kind]


def test_metadata_from_the_page(page):
    assert page.meta["title"] == "Coalition talks resume in Baghdad"
    assert page.meta["author"] == "Jane Roe"
    assert page.meta["published"] == "2024-03-03T09:15"
    assert page.meta["tags"] == ["Iraq", "Diplomacy"]


def test_body_is_only_the_story(page):
    assert _texts(page, "standfirst") == [
        "Officials from both countries met for a second round on Monday."
    ]
    assert _texts(page, "body") == [
        "Delegations met in the capital on Monday to discuss the timetable, officials said after the "
        "meeting, which lasted five hours.",
        "The talks will resume next month, a spokesman said.",
        'A second official said the timetable was "not yet settled" and declined to give a date.',
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Home", "navigation menu"),
        ("Storm closes ports", "breaking-news ticker"),
        ("12 Shares", "share count"),
        ("6 min read", "reading time"),
        ("Read more: Earlier talks stalled over the timetable", "read-more link"),
        ("Markets slide on budget fears", "related-news block"),
        ("Sign up for our morning briefing", "newsletter or subscription promo"),
        ("Diplomacy", "tag list (kept as tags)"),
        ("Copyright 2024 Daily Planet", "'Most Read' block"),
        ("| World news", "title suffix"),
    ],
)
def test_furniture_is_removed_with_its_rule(page, text, reason):
    hits = [r for r in page.removed if UNSEEN[r.start : r.end].endswith(text)]
    assert hits and hits[0].reason == reason


def test_hard_wrapped_lines_are_one_paragraph(page):
    wrapped = [p for p in page.paragraphs if p.text(UNSEEN).startswith("Delegations")]
    assert len(wrapped) == 1 and len(wrapped[0].spans) == 2


def test_markdown_links_keep_their_text():
    text = "Title line\n\nAs [The Associated Press](https://apnews.com) notes, the talks went on for hours today."
    page = clean_page(text)
    assert (
        page.paragraphs[0].text(text)
        == "As The Associated Press notes, the talks went on for hours today."
    )
    assert [r.reason for r in page.removed] == ["link markup", "link markup"]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Reuters/Jane Doe/Getty Images", "caption"),
        ("Troops at a base near Erbil on Monday. [John Smith/Reuters]", "caption"),
        (
            "Photos: Iraq after the vote Voters queue in Baghdad. Hide Caption 1 of 3 Photos: "
            "Iraq after the vote Ballots are counted in Mosul. Hide Caption 2 of 3",
            "caption",
        ),
        ("A short subheading", "subheading"),
        ("A long body paragraph that says something about the talks, and ends properly.", "body"),
    ],
)
def test_paragraph_kinds(line, kind):
    text = f"Title line\n\nFirst paragraph of the story goes here. It has two sentences.\n\n{line}\n\nLast paragraph of the story, which ends."
    page = clean_page(text)
    kinds = {p.text(text): p.kind for p in page.paragraphs}
    assert kinds[line] == kind


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("16 Apr 2024 07:22", "2024-04-16T07:22"),
        ("January 26, 2024", "2024-01-26"),
        ("Published: Tue, 5 March 2024", "2024-03-05"),
        ("2024-01-27T10:00:00Z", "2024-01-27T10:00"),
        ("31 Feb 2024", None),
        ("Monday", None),
        ("24 Issues Per Year", None),
    ],
)
def test_dates(text, iso):
    assert parse_date(text) == iso


def test_video_player_promo_is_removed():
    promo = "JUST WATCHED Should the U.S. cut off aid? Replay More Videos ... MUST WATCH Should the U.S. cut off aid? 06:22"
    text = f"Title line\n\nFirst paragraph of the story goes here. It has two sentences.\n\n{promo}\n\nLast paragraph of the story, which ends."
    page = clean_page(text)
    assert [p.text(text) for p in page.paragraphs if p.kind == "body"][-1].startswith("Last")
    assert [r.reason for r in page.removed if text[r.start : r.end] == promo] == ["video promo"]


def test_a_byline_leading_a_block_is_metadata_and_the_rest_is_body():
    text = (
        "Title of the story\n\nBy Jane Doe\nBAGHDAD - The talks began on Monday, officials said.\n"
    )
    page = clean_page(text)
    assert page.meta["author"] == "Jane Doe"
    assert [p.text(text) for p in page.paragraphs] == [
        "BAGHDAD - The talks began on Monday, officials said."
    ]
    assert [(text[r.start : r.end], r.reason) for r in page.removed] == [("By Jane Doe", "byline")]


LISTS_AND_BOXES = """Home

Harbour works begin on the east quay

By Jane Roe

Engineers started work on the east quay on Monday, the port authority said in a statement.

The plan lists the stages that the crews will follow over the coming months:

  • Drain Basin
  • Lift Piles
  • Pour Footings

Most Read
Another story entirely

The first stage should take about six weeks if the weather holds, the engineers said.

Residents living near the quay were told to expect noise during the working day.

The authority said it would publish a timetable for each stage once the drain is done.

About Jane Roe
Jane Roe covers the port and shipping for the paper and has written about it for years.
"""


def test_lists_and_boxes_inside_the_article():
    page = clean_page(LISTS_AND_BOXES)
    body = " ".join(p.text(LISTS_AND_BOXES) for p in page.paragraphs if p.kind == "body")
    assert "Lift Piles" in body  # a list-like list inside the article is its list
    assert "The first stage should take" in body  # the story goes on after the box
    assert "residents".title() in body and "publish a timetable" in body
    assert "Another story entirely" not in body
    assert "covers the port" not in body  # the author box ends the article
    reasons = {r.reason for r in page.removed}
    assert "'Most Read' box inside the article" in reasons
    assert any(r.startswith("author box") for r in reasons)


def test_list_and_box_thresholds():
    from analysis import cleaning

    assert frozenset({"menu bullet"}) == cleaning.LIST_LIKE
    assert cleaning.MIN_RESUMED_PROSE == 3
