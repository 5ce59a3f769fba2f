"""Dates, bylines and headlines of page dumps in the forms people see (issue 21's list)."""

from __future__ import annotations

import pytest

from analysis import cleaning
from analysis.cleaning import byline, clean_page
from analysis.dates import find_date, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("January 29, 2024", "2024-01-29"),
        ("Published January 29, 2024", "2024-01-29"),
        ("Jan. 29, 2024 10:32 AM ET", "2024-01-29T10:32"),
        ("29 January 2024", "2024-01-29"),
        ("Updated: 2024-01-29", "2024-01-29"),
        ("Posted on April 29, 2022", "2022-04-29"),
        ("Thursday, November 9, 2023 7:35AM", "2023-11-09T07:35"),
        ("8 January 2020, 3:51 pm", "2020-01-08T15:51"),
        ("2022-04-26 21:21:50", "2022-04-26T21:21"),
        ("2 hours ago", None),  # relative forms are left alone
        ("April 29 4:05 am", None),  # no year
        ("Jan 32, 2024", None),
    ],
)
def test_date_forms(text, iso):
    assert parse_date(text) == iso


def test_a_date_inside_a_line_with_its_offsets():
    line = "By Sarah Whitfield | January 29, 2024"
    iso, start, end = find_date(line)
    assert iso == "2024-01-29" and line[start:end] == "January 29, 2024"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("By Jane Roe", ("Jane Roe", None)),
        ("By David Brand and Ramsey Khalifeh", ("David Brand and Ramsey Khalifeh", None)),
        ("By Sarah Whitfield | January 29, 2024", ("Sarah Whitfield", "2024-01-29")),
        ("Sarah Whitfield | January 29, 2024", ("Sarah Whitfield", "2024-01-29")),
        ("By Evan Symon, August 14, 2020 2:30 pm", ("Evan Symon", "2020-08-14T14:30")),
        ("by J.O. Haselhoef Apr. 26, 2022Apr. 26, 2022", ("J.O. Haselhoef", "2022-04-26")),
        ("Written by [Luis Miguel](#) on January 26, 2024", ("Luis Miguel", "2024-01-26")),
        ("By noon, their own allies in Congress had buckled.", None),
        ("By the time they arrived, it was over.", None),
        ("Sarah Whitfield said on January 29, 2024 that she would run", None),
    ],
)
def test_bylines_need_a_names_shape(text, found):
    assert byline(text) == found


DUMP = """Daily Planet

  • Home
  • World
  • Sport

Search for: [                    ] [Search]

Home » World » Ports reopen after the storm

Ports reopen after the storm

Shipping resumed on the coast, officials say

By Sarah Whitfield | January 29, 2024

The harbour authority said on Monday that the ports had reopened after three days of closure.

Officials said the storm had damaged two piers, which would take several weeks to repair.

Fishermen said they had lost most of a week of work and asked the government for help.

Leave a Reply

Your email address will not be published. Required fields are marked *

Comment [                                             ]

  • Privacy Policy
  • Terms of Use
"""


def test_a_dump_from_an_unseen_site():
    page = clean_page(DUMP)
    assert page.meta["title"] == "Ports reopen after the storm"
    assert page.meta["author"] == "Sarah Whitfield"
    assert page.meta["published"] == "2024-01-29"
    body = [p.text(DUMP) for p in page.paragraphs if p.kind == "body"]
    assert body[0].startswith("The harbour authority") and body[-1].startswith("Fishermen")
    reasons = {DUMP[r.start : r.end]: r.reason for r in page.removed}
    assert (
        reasons["Search for: [                    ] [Search]"]
        == "masthead or navigation above the headline"
    )
    assert reasons["Leave a Reply"] == "footer (from 'Leave a Reply')"
    assert (
        reasons["Comment [                                             ]"]
        == reasons["Leave a Reply"]
    )
    standfirst = [p.text(DUMP) for p in page.paragraphs if p.kind == "standfirst"]
    assert standfirst == ["Shipping resumed on the coast, officials say"]
    assert all(r.reason for r in page.removed)


def test_headline_is_not_a_menu_word_or_section_label():
    text = "Menu\n\nShare\n\nTrending Now\n\nWorld\n\nMinisters agree on a new budget plan\n\n" \
        "By Jane Roe\n\n" + "\n\n".join(
            f"Paragraph {n} of the story says what the ministers agreed on during the talks." for n in range(3)
        )  # fmt: skip
    assert clean_page(text).meta["title"] == "Ministers agree on a new budget plan"


def test_headline_thresholds():
    assert cleaning.MIN_HEADLINE_WORDS == 3
    assert cleaning.HEADLINE_WINDOW == 40
    assert cleaning.MAX_GAP_LINES == 8


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("By Ana Diaz on Thu, Nov 9, 2023 at 4:00 am", ("Ana Diaz", "2023-11-09T04:00")),
        ("Oct 30 2020 by Ana Diaz", ("Ana Diaz", "2020-10-30")),
        ("By Ana Diaz | adiaz@example.com", ("Ana Diaz", None)),
        ("Oct 30 2020 by the river, a crowd gathered.", None),
    ],
)
def test_more_byline_forms(text, found):
    assert byline(text) == found


def test_a_dateline_of_two_dates_gives_the_first():
    text = "PUBLISHED: November 8, 2023 at 4:56 p.m. | UPDATED: November 8, 2023 at 6:00 p.m."
    assert cleaning._looks_like_date(text)
    page = clean_page(f"Ports reopen\n\n{text}\n\n" + STORY)
    assert page.meta["published"] == "2023-11-08T16:56"


STORY = "\n\n".join(
    f"Paragraph {n} of the story says what the ministers agreed on during the long talks."
    for n in range(4)
)


def _title(text: str) -> str:
    return clean_page(text).meta["title"]


def test_a_section_label_that_is_also_a_menu_entry_is_not_the_headline():
    menu = "  • World news\n  • Local sport\n  • Restaurant reviews\n\n"
    text = (
        menu
        + "Restaurant reviews\n\nA new noodle bar opens by the harbour\n\nBy Ana Diaz\n\n"
        + STORY
    )
    assert _title(text) == "A new noodle bar opens by the harbour"


def test_a_short_headline_repeated_in_the_page_counts():
    text = "Site name\n\nPosted on April 29, 2022\n\nHarbour blues\n\nArticle by\n\nstaff\n\n" \
        "Harbour blues\n\n" + STORY + "\n\nHarbour blues\n\nHarbour blues\n"  # fmt: skip
    assert _title(text) == "Harbour blues"


def test_the_headline_below_a_caption_that_reads_as_prose():
    caption = "Workers repair the pier at the harbour after the storm damaged it on Monday, officials said."
    text = (
        f"Menu\n\n{caption}\n\nPorts reopen after the storm\n\nPorts reopen after the storm\n\n"
        + STORY
    )
    page = clean_page(text)
    assert page.meta["title"] == "Ports reopen after the storm"
    reasons = {text[r.start : r.end]: r.reason for r in page.removed}
    assert reasons[caption] == "masthead or navigation above the headline"


@pytest.mark.parametrize(
    "caption",
    [
        "Workers repair the pier at the harbour. (FILE)",
        "Workers repair the pier at the harbour. (Ana Diaz/AFP/Getty Images)",
        "harbour storm pier 0031.jpg",
    ],
)
def test_a_caption_or_file_name_is_not_the_headline(caption):
    text = f"Ports reopen after the storm\n\nBy Ana Diaz\n\n{caption}\n\n" + STORY
    assert _title(text) == "Ports reopen after the storm"


def test_an_author_name_over_the_date_is_not_the_headline():
    text = "Ports reopen after the storm\n\nShipping resumes on the coast\n\nAna Diaz\n\n" \
        "January 29, 2024\n\n" + STORY  # fmt: skip
    assert _title(text) == "Ports reopen after the storm"


def test_headline_context_thresholds():
    assert cleaning.HEADLINE_LOOKAHEAD == 6
    assert cleaning.BYLINE_NEAR_LINES == 3
    assert cleaning.MIN_REPEATED_HEADLINE_WORDS == 2
    assert cleaning.MIN_REPEAT_COVER == 0.5
    assert cleaning.MAX_AUTHOR_LINE_WORDS == 3


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Staff Report by Ana Diaz", ("Ana Diaz", None)),
        ("By Ana Diaz@AnaDiaz", ("Ana Diaz", None)),
        ("Paid by the hour", None),
    ],
)
def test_label_by_name_and_handles(text, found):
    assert byline(text) == found


def test_a_kicker_over_the_headline_is_not_the_headline():
    text = "Site name\n\nHarbour News\n\nA new noodle bar opens by the harbour\n\nBy\n\nAna Diaz\n\n" \
        "Harbour News\n\n" + STORY  # fmt: skip
    assert _title(text) == "A new noodle bar opens by the harbour"


def test_a_headline_may_start_with_a_number():
    text = "Site name\n\n90+ ways to cook rice at home\n\nOct 30 2020 by Ana Diaz\n\n" + STORY
    page = clean_page(text)
    assert page.meta["title"] == "90+ ways to cook rice at home"
    assert page.meta["author"] == "Ana Diaz"


def test_a_day_first_dotted_date():
    assert parse_date("21.10.2019") == "2019-10-21"
    assert parse_date("21.10.2019 14:05") == "2019-10-21T14:05"
    assert parse_date("1.2.3.2019") is None  # a version number, not a date
    assert byline("Posted by Ana Diaz 21.10.2019") == ("Ana Diaz", "2019-10-21")


COMMENTED = """My River Blog

  • Home
  • About

The best rivers for a quiet paddle

by jroe on March 3, 2019

I have spent most of the last ten summers on rivers, and these are the ones I keep going back to.

Some of them are well known, but most of the people I meet on them have never heard of the others.

My favourites that did not make the list:

Lower Tamar

Upper Dart

Here is the list, best first.

1. The Wye
2. The Severn
3. The Spey
4. The Tay

Tweet

{ 3 comments… read them below or add one }

Sam June 28, 2019 at 10:25 pm

You forgot the Thames, which is by far the best river in the country for a paddle on a summer evening.

Alex July 2, 2019 at 8:01 am

I have paddled all four of these and I agree with the order, although the Spey is colder than you think.

I would add that the Tay is best in the autumn, when the leaves turn and the water is at its clearest.

Kim July 9, 2019 at 6:40 pm

Thank you for the list, we went to the Wye last weekend with the children and they loved every minute of it.
"""


def test_reader_comments_are_not_the_article_and_its_lists_stay():
    page = clean_page(COMMENTED)
    assert page.meta["title"] == "The best rivers for a quiet paddle"
    body = " ".join(p.text(COMMENTED) for p in page.paragraphs if p.kind in ("body", "subheading"))
    assert body.startswith("I have spent most") and body.endswith("4. The Tay")
    assert "Upper Dart" in body and "Thames" not in body
    reasons = {COMMENTED[r.start : r.end]: r.reason for r in page.removed}
    assert reasons["Sam June 28, 2019 at 10:25 pm"].startswith("after the article's last prose")


def test_comment_and_list_thresholds():
    assert cleaning.MIN_COMMENT_HEADERS == 2
    assert cleaning.MIN_NUMBERED_ITEMS == 3
    # one comment header alone (a dated note) does not end the article
    one = COMMENTED.replace("Alex July 2, 2019 at 8:01 am", "Alex").replace(
        "Kim July 9, 2019 at 6:40 pm", "Kim"
    )
    assert "Thames" in " ".join(p.text(one) for p in clean_page(one).paragraphs)


PROSE = "\n\n".join(
    f"Paragraph {n} of the story says what the officials agreed on during the long talks."
    for n in range(4)
)


@pytest.mark.parametrize(
    ("top", "title"),
    [
        # a site tagline over the headline is longer than the headline
        (
            "Security Notes\n\nThe latest news and thoughts from our team on keeping your "
            "accounts safe online\n\nStronger account protection now available for every user\n\n"
            "May 19, 2020\n\nPosted by Ana Diaz",
            "Stronger account protection now available for every user",
        ),
        # the headline, its longer standfirst, an image's alt text right above the byline
        (
            "Markets brace for the rate decision\n\nTraders expect the central bank to raise "
            "rates for the third time this year, analysts say\n\nA trader watches the screens "
            "on the floor of the exchange\n\nBy Jane Roe",
            "Markets brace for the rate decision",
        ),
    ],
)
def test_the_headline_among_stacked_lines(top, title):
    assert clean_page(f"{top}\n\n{PROSE}").meta["title"] == title


def test_headline_stack_threshold():
    assert cleaning.HEADLINE_STACK == 3


RELATED = f"""Ports reopen after the storm

By Jane Roe

{PROSE}

Related

Workers repair a pier in the harbour after the storm damaged it on Monday, as boats wait offshore.

Fishing Fleet Counts The Cost Of A Lost Week

A ferry leaves the port on the first crossing since the storm, with a few passengers on board.

Ferry Crossings Resume After Three Days

Residents clear fallen trees from a road near the coast on Tuesday, a day after the storm hit.

Coastal Towns Begin The Clean Up
"""


def test_a_related_box_the_story_does_not_return_from_ends_it():
    page = clean_page(RELATED)
    body = " ".join(p.text(RELATED) for p in page.paragraphs)
    assert body.startswith("Paragraph 0") and body.endswith("during the long talks.")
    assert "Ferry" not in body and "Workers repair" not in body


def test_a_bulleted_related_box_inside_the_story_does_not_end_it():
    text = RELATED.split("Related")[0] + (
        "Related\n\n  • Fishing Fleet Counts The Cost\n  • Ferry Crossings Resume\n\n"
        "The last paragraph of the story says when the piers will be repaired, in the spring.\n\n"
        "Share this article\n\n  • Privacy Policy\n"
    )
    body = " ".join(p.text(text) for p in clean_page(text).paragraphs)
    assert body.endswith("in the spring.") and "Ferry" not in body


def test_a_headline_written_as_a_list_item_over_its_byline():
    text = "  • Home\n  • About\n\n  • Small numbers are shared objects\n\n"
    text += f"Posted by Ana Diaz 21.10.2019\n\n{PROSE}"
    page = clean_page(text)
    assert page.meta["title"] == "Small numbers are shared objects"
    assert page.meta["published"] == "2019-10-21"
    # a bullet that is not over a byline stays a menu entry
    menu = text.replace("Posted by Ana Diaz 21.10.2019\n\n", "")
    assert clean_page(menu).meta["title"] != "Small numbers are shared objects"


def test_a_two_word_headline_when_there_is_no_longer_one():
    text = f"  • Home\n  • Blog\n\nPath shortcuts\n\n{PROSE}"
    assert clean_page(text).meta["title"] == "Path shortcuts"


def _body_and_reasons(text: str) -> tuple[str, dict[str, str]]:
    """The cleaned body of ``text`` and each removed stretch's reason."""
    page = clean_page(text)
    body = " ".join(p.text(text) for p in page.paragraphs)
    return body, {text[r.start : r.end]: r.reason for r in page.removed}


def test_an_authors_biography_and_a_forms_blurb_are_not_the_article():
    text = (
        f"Ports reopen after the storm\n\nBy Jane Roe\n\n{PROSE}\n\n"
        "Jane Roe is a reporter who covers shipping and the coast for the Daily Planet.\n\n"
        "Sign up for the Morning Briefing\n\n"
        "The news of the coast, every morning in your inbox, free of charge.\n"
        "Email [                    ] [Sign up]\n"
    )
    body, reasons = _body_and_reasons(text)
    assert body.endswith("during the long talks.") and "Jane Roe is" not in body
    bio = "Jane Roe is a reporter who covers shipping and the coast for the Daily Planet."
    assert reasons[bio] == "author bio"
    # a sentence opening with another name stays
    other = text.replace("Jane Roe is a reporter", "John Doe is a fisherman")
    assert "John Doe is" in " ".join(p.text(other) for p in clean_page(other).paragraphs)


def test_bio_and_form_thresholds():
    assert cleaning.MAX_BIO_PARAGRAPHS == 2
    assert cleaning.MAX_FORM_TEXT_WORDS == 25


def test_the_blurb_of_a_sign_up_form_inside_the_article_goes():
    text = (
        f"Ports reopen after the storm\n\nBy Jane Roe\n\n{PROSE}\n\n"
        "Sign up for the Morning Briefing\n\n"
        "The news of the coast, every morning in your inbox, free of charge.\n"
        "Email [                    ] [Sign up]\n\n"
        "The harbour master said on Tuesday that the last of the piers would open next week.\n"
    )
    body, reasons = _body_and_reasons(text)
    assert body.endswith("open next week.") and "every morning" not in body
    blurb = "The news of the coast, every morning in your inbox, free of charge."
    assert reasons[blurb] == "furniture: text of a form"


def _card_page(card_lines: int, after: int) -> str:
    """A story, a recipe card of ``card_lines`` short lines, then ``after`` more prose lines."""
    prose = "Paragraph {} of the story says what the cooks did in the kitchen that day."
    card = [f"{n + 1} cups of rice noodles" for n in range(card_lines)]
    return "\n\n".join(
        ["Noodles for a quiet weeknight", "By Jane Roe", *(prose.format(n) for n in range(3)),
         *card, *(prose.format(n) for n in range(3, 3 + after)), "Privacy Policy"]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("card_lines", "after", "kept"),
    [
        (40, 3, True),  # a card of weight 10 (40 short lines): crossed, the story goes on
        (64, 3, True),  # weight 16.0 = LONG_GAP_LINES: still crossed
        (65, 3, False),  # weight 16.25: the article ends before the card
        (40, 2, False),  # two prose lines after it are not the story going on
    ],
)
def test_a_long_list_inside_the_story_is_crossed(card_lines, after, kept):
    text = _card_page(card_lines, after)
    body = " ".join(p.text(text) for p in clean_page(text).paragraphs if p.kind == "body")
    assert ("Paragraph 3 of the story" in body) is kept
    assert "Paragraph 1 of the story" in body


def test_long_gap_thresholds():
    assert cleaning.LONG_GAP_LINES == 16
    assert cleaning.MIN_SIDE_PROSE_LINES == 3


def test_a_section_label_repeated_by_the_menu_is_no_headline():
    # real BBC page lines: the selected menu entry, the section label, then the headline
    text = (
        "US & Canada selected\n\nUS & Canada\n\nUS & Canada\n\n"
        "Coronavirus: New York ramps up mass burials amid outbreak\n\n"
        + "\n\n".join(
            f"Paragraph {n} of the story says what the city officials did about the burials." for n in range(3)
        )
    )  # fmt: skip
    assert clean_page(text).meta["title"] == (
        "Coronavirus: New York ramps up mass burials amid outbreak"
    )


@pytest.mark.parametrize("label", ["Verified by", "Fact checked by", "Reviewed by", "Edited by"])
def test_a_reviewer_and_a_repeated_name_are_byline_lines_not_headlines(label):
    # the shape of a real finance page: "By / NAME / NAME / Full Bio", then a reviewer the same way
    prose = "\n\n".join(
        f"Paragraph {n} of the story says what the two exchanges charge their users."
        for n in range(3)
    )
    text = (
        "Coinbase vs. Coinbase Pro\n\nBy\n\nJacob Wade\n\nJacob Wade\n\nFull Bio\n\n"
        f"{prose}\n\n{label}\n\nMarisa Figat\n\nMarisa Figat\n\nFull Bio\n\n{prose}"
    )
    page = clean_page(text)
    assert page.meta["title"] == "Coinbase vs. Coinbase Pro"


def test_a_line_repeated_in_a_row_inside_the_story_is_a_player_title():
    # real CNN page lines: a video's title, its alt text and caption, HTML entities left in
    prose = "Paragraph {} of the story says what the couple told the interviewer that night."
    repeats = [
        "Meghan reveals &#39;concerns&#39; within royal family about her baby&#39;s skin color",
        "Meghan reveals &#39;concerns&#39; within royal family about her baby&#39;s skin color",
        "Meghan reveals 'concerns' within royal family about her baby's skin color",
    ]
    text = "\n\n".join(
        ["Harry and Meghan talk about royal life", "Harry and Meghan talk about royal life",
         *(prose.format(n) for n in range(3)), *repeats, prose.format(3), prose.format(4)]
    )  # fmt: skip
    page = clean_page(text)
    assert page.meta["title"] == "Harry and Meghan talk about royal life"  # the top stays
    body = " ".join(p.text(text) for p in page.paragraphs)
    assert "skin color" not in body and "Paragraph 4 of the story" in body
    reasons = {r.reason for r in page.removed if "skin color" in text[r.start : r.end]}
    assert reasons == {"furniture: line repeated in a row"}
