"""Line classification by shape, on real lines: furniture from the dev page dumps
(../shared/corpora/pagedumps), body lines from the dumps, the BBC and Middle East corpora."""

from __future__ import annotations

import pytest

from analysis import lineshape
from analysis.lineshape import classify, features

FURNITURE = [
    ("Leave a Reply", "call to action"),
    ("Sign up for our newsletter. We won't share your email address.", "call to action"),
    ("Follow Us", "call to action"),
    ("Privacy Policy", "call to action"),
    ("Post Your Comments", "call to action"),
    ("PC Gamer Newsletter", "call to action"),
    ("Subscribe now to our eNATION edition for the full story.", "call to action"),
    ("Take your favorite fandoms with you and never miss a beat.", "call to action"),
    ("Share this with Facebook", "call to action"),
    ("Search for: [                    ] [Search]", "form field"),
    ("Home>Articles>Amazon Liable for Defective Third-Party Products Rules", "breadcrumb"),
    ("Copyleft © 2002-2016 The Anarcat", "copyright line"),
    ("[amaz-1-1210x642]", "image placeholder"),
    ("https://californiaglobe.com/wp-content/uploads/2020/08/a.mp3", "URL alone"),
    ("Barbados senior men’s national football team left the island today to set up a two-week training...", "truncated teaser"),
    ("5 Comments", "counter (comments, shares, views)"),
    ("San FranciscoEast BaySouth BayPeninsulaNorth Bay", "menu entries run together"),
    ("━━━━━━━━━━━━", "separator"),
    ("• Latin America", "menu bullet"),
    ("2022-04-26 21:21:50", "numbers only"),
    ("This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.", "about the page itself"),
    ("Please understand that comments are moderated and it is not always possible to publish all that have been submitted.", "about the page itself"),
    ("Jump to RecipePrint Recipe", "call to action"),
    ("No Result", "call to action"),
    ("Full Bio", "call to action"),
]  # fmt: skip

BODY = [
    # dev page dumps
    "Amazon is expected to bring the case to a higher court in the near future.",
    "California’s ruling may affect other rulings nationwide, including suits in Ohio, Texas, and Pennsylvania.",
    # BBC
    "Maternity pay for new mothers is to rise by £1,400 as part of new proposals announced by the Trade and Industry Secretary Patricia Hewitt.",
    "Smoke-free areas will save lives and improve Scotland's health, First Minister Jack McConnell has insisted.",
    # Middle East
    "Much has been made recently about the inaccurate representation of Chris Kyle in “American Sniper.”",
    # hand-made: furniture words inside prose
    "The minister said he would share the report with the committee before the vote next week.",
    "No results were found in the survey of the three towns, the council said.",
    "The jump to a four-day week was agreed by the union after months of talks.",
]  # fmt: skip

#: Real furniture the shape rules still miss (known leaks, see benchmarks/results/loader_eval.md).
MISSED = [
    "Customer Care",
]


@pytest.mark.parametrize(("line", "why"), FURNITURE)
def test_furniture_lines(line, why):
    assert classify(line) == ("furniture", why)


@pytest.mark.parametrize("line", BODY)
def test_body_lines_are_prose(line):
    assert classify(line) == ("good", "prose")


@pytest.mark.parametrize("line", MISSED)
def test_known_misses_are_not_furniture_yet(line):
    assert classify(line)[0] != "furniture"


@pytest.mark.parametrize(
    "line",
    [
        "Tridents’ challenge",  # a headline: short, no stop words
        "- Spend three years on probation",  # a list item of a story, not a menu
        "As somebody who grew up there, I can say the town was a good place to live and work, and "
        "it still is for many of the families who stayed on after the mines closed, whatever the "
        "papers in London like to say about the place and the people who live there...",
    ],
)
def test_short_lines_and_lists_are_left_to_context(line):
    assert classify(line)[0] == "short" or classify(line) == ("good", "prose")


def test_thresholds():
    assert lineshape.MIN_PROSE_WORDS == 10
    assert lineshape.MIN_STOPWORD_SHARE == 0.25
    assert lineshape.MIN_UNPUNCTUATED_PROSE_WORDS == 30
    # nine words are short, ten are prose
    assert classify("The talks went on for hours in the capital.")[0] == "short"
    assert classify("The talks went on for many hours in the capital.")[0] == "good"
    # a long line without a final stop is a headline or teaser title, not prose
    assert (
        classify("Army will ease restrictions on Thursday morning unless rocket fire resumes")[0]
        == "short"
    )


def test_features_of_a_line():
    f = features("• Sign up for our newsletter")
    assert f.bullet and f.cta and f.cta_lead and not f.sentence_end
    assert f.words == 5 and f.stopword_share == pytest.approx(3 / 5)
    assert features("Donald Trump Meets Press").title_case


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("Menu Menu Close Close", "menu labels only"),
        ("Video Photos Podcasts Search", "menu labels only"),
        ("Home | Video | Podcasts | Trending", "menu labels only"),
        ("About UsOur NewsroomJoin Us in the CityJobs & InternshipsContests", "menu entries run together"),
    ],
)  # fmt: skip
def test_label_runs_and_long_glued_menus(line, why):
    assert classify(line) == ("furniture", why)


@pytest.mark.parametrize(
    "line",
    ["The search for a new home goes on", "Watch what the markets do next week"],
)
def test_label_words_inside_a_headline_are_not_a_label_run(line):
    assert classify(line)[0] != "furniture"


def test_glued_thresholds():
    assert lineshape.MIN_GLUED_WORDS == 2
    assert lineshape.MANY_GLUED_WORDS == 4


def test_inline_images_and_invisible_characters_are_not_text():
    # w3m writes an image inside a line as its alt text in brackets; U+2063 is invisible
    line = "• Stir the sauce until it thickens and pour it over the rice.[IMG_0042]"
    assert features(line).sentence_end and classify(line) == ("good", "prose")
    assert features("• Drain the beans and rinse them well.\u2063").sentence_end
    # a Markdown link is not an image: its text stays
    assert features("See [the full report](http://example.com)").words > 3


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("Photo by Jane Roe on Unsplash", "photo credit"),
        ("Image: John Doe/Example Agency", "photo credit"),
        ("Photograph: Ana Diaz for the Daily Planet", "photo credit"),
        ("Courtesy of the Harbour Development Company", "photo credit"),
        ("For the latest updates download the Daily Planet apps for iOS and Android.", "app promo"),
        ("For breaking news, get the Daily Planet app on the App Store.", "app promo"),
    ],
)
def test_photo_credits_and_app_promos(line, why):
    assert classify(line) == ("furniture", why)


@pytest.mark.parametrize(
    "line",
    [
        "Photographs of the flood were shared widely across the region on Monday.",
        "The company said users could download the app again once the update was ready.",
    ],
)
def test_credit_and_app_words_inside_prose(line):
    assert classify(line) == ("good", "prose")


def test_credit_and_app_thresholds():
    assert lineshape.MAX_CREDIT_WORDS == 12
    line = "Photo by " + " ".join(["Roe"] * 8) + " on Unsplash"  # 12 words
    assert classify(line) == ("furniture", "photo credit")
    assert classify(line.replace(" on", " Roe on")) != ("furniture", "photo credit")


@pytest.mark.parametrize(
    ("line", "header"),
    [
        ("Sam June 28, 2019 at 10:25 pm", True),
        ("Ana Diaz 2 July 2019, 8:01 am | Reply", True),
        ("Jane Roe says:", True),
        ("He says:", False),  # a quotation's lead-in, not a commenter
        ("by jroe on March 3, 2019", False),  # a byline
        ("Published March 3, 2019 at 10:00", False),  # a dateline
        ("Sam June 28, 2019", False),  # no time
        ("The four ministers met on June 28, 2019 at 10:25", False),  # more than a name before
    ],
)
def test_comment_headers(line, header):
    assert lineshape.comment_header(line) is header


def test_comment_header_threshold():
    assert lineshape.MAX_COMMENTER_WORDS == 4
    assert lineshape.comment_header("One Two Three Four June 28, 2019 at 10:25 pm")
    assert not lineshape.comment_header("One Two Three Four Five June 28, 2019 at 10:25 pm")


def test_a_teaser_signed_by_its_source():
    line = (
        "• River system — A river system is the network of a river and the streams that feed it "
        "from the hills, and the lakes and the marshes along the way to the sea where … …   "
        "Wikipedia"
    )
    assert classify(line) == ("furniture", "truncated teaser")
    # an ellipsis and a sentence after it are prose
    assert classify("He paused and said the words we had waited for all week... Nothing.")[0] == (
        "good"
    )


def test_a_table_row_is_judged_by_its_longest_cell():
    row = "Choose how long you want each half of the match to last.        • 10 minutes"
    assert classify(row) == ("good", "prose")
    assert classify("Option                                     Value")[0] == "short"
    # brackets inside a sentence (footnotes, offsets) leave its end a sentence's end
    assert features("The value may be stored at either offset [4] or [6].").sentence_end
