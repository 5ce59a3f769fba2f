"""Quote attribution on short hand-checked texts: one case per pattern the module must handle."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import corpus, ingest, quote_scoring, quotemarks, quotes, speakers, triggers

# each case: paragraphs of a tiny article -> expected (kind, speaker_canonical, content) rows
CASES = {
    "after-cue-straight": (
        ['"We will not accept foreign bases on our soil," said al-Sudani.'],
        [("direct", "Mohammed Shia al-Sudani", "We will not accept foreign bases on our soil,")],
    ),
    "quotes-around-narration-stay-two": (
        [
            "“The end of the coalition mission is a necessity for Iraq,” al-Sudani said. "
            "“This is a request from the people of this country.”"
        ],
        [
            (
                "direct",
                "Mohammed Shia al-Sudani",
                "The end of the coalition mission is a necessity for Iraq,",
            ),
            (
                "direct",
                "Mohammed Shia al-Sudani",
                "This is a request from the people of this country.",
            ),
        ],
    ),
    "multi-sentence-quote-is-one": (
        ["“The budget is late. The schools will pay for it. We will not wait,” Dana Price said."],
        [
            (
                "direct",
                "Dana Price",
                "The budget is late. The schools will pay for it. We will not wait,",
            )
        ],
    ),
    "quote-running-on-into-the-next-paragraph": (
        [
            "Dana Price said: “The budget is late and the schools will pay for it.",
            "“We will not wait for the council to make up its mind.”",
            "“Nobody asked the teachers what they need,” added Omar Reyes.",
        ],
        [
            (
                "direct",
                "Dana Price",
                "The budget is late and the schools will pay for it.\n\n“We will not wait for "
                "the council to make up its mind.",
            ),
            ("direct", "Omar Reyes", "Nobody asked the teachers what they need,"),
        ],
    ),
    "closed-quote-then-new-paragraph-quote-is-two": (
        [
            "“The budget is late,” Dana Price said.",
            "“We will not wait for the council to make up its mind.”",
        ],
        [
            ("direct", "Dana Price", "The budget is late,"),
            ("direct", "Dana Price", "We will not wait for the council to make up its mind."),
        ],
    ),
    "nyt-marks": (
        ["Lloyd Austin said, ''The working groups will meet in the coming days.''"],
        [("direct", "Lloyd Austin", "The working groups will meet in the coming days.")],
    ),
    "indirect-that": (
        ["The Pentagon emphasized that the Iraqi government has not requested a withdrawal."],
        [("indirect", "Pentagon", "the Iraqi government has not requested a withdrawal.")],
    ),
    "mixed": (
        ['Sabrin Singh acknowledged that the footprint "will certainly be part of the talks".'],
        [("mixed", "Sabrina Singh", 'the footprint "will certainly be part of the talks')],
    ),
    "according-to": (
        ["According to the Associated Press, the talks could keep a few US troops in Iraq."],
        [("indirect", "Associated Press", "the talks could keep a few US troops in Iraq")],
    ),
    "per": (
        ["Per American officials, members of the mission will meet Iraqi delegates on Saturday."],
        [
            (
                "indirect",
                "US officials",
                "members of the mission will meet Iraqi delegates on Saturday",
            )
        ],
    ),
    "as-x-notes": (
        ["As CNN notes, the strikes made the discussions more urgent for both governments."],
        [("indirect", "CNN", "the strikes made the discussions more urgent for both governments")],
    ),
    "participle-and-pronoun": (
        [
            "Mohamed Shia al-Sudani met the delegation in Baghdad on Monday.",
            "He said the country can defend itself, adding that the coalition is no longer needed.",
        ],
        [
            ("indirect", "Mohammed Shia al-Sudani", "the country can defend itself"),
            ("indirect", "Mohammed Shia al-Sudani", "the coalition is no longer needed."),
        ],
    ),
    "role-noun": (
        [
            "Iraq's Foreign Ministry has reported that a committee will be formed soon.",
            "The ministry said that military officials will meet on Thursday.",
        ],
        [
            ("indirect", "Iraqi Foreign Ministry", "a committee will be formed soon."),
            ("indirect", "Iraqi Foreign Ministry", "military officials will meet on Thursday."),
        ],
    ),
    "anonymous": (
        [
            "A U.S. defense official who spoke on condition of anonymity said the talks "
            "had been planned for months."
        ],
        [
            (
                "indirect",
                "A U.S. defense official who spoke on condition of anonymity",
                "the talks had been planned for months.",
            )
        ],
    ),
    "scare-quotes-are-not-quotes": (
        ['The attacks by "Israel" on Gaza were called "aggression" by the crowd in Baghdad.'],
        [],
    ),
    "unbalanced-mark-stays-in-paragraph": (
        [
            'The minister left the meeting early, "without comment.',
            '"Our forces are ready to defend the country," said Mohsen al-Mandalawi.',
        ],
        [("direct", "Mohsen al-Mandalawi", "Our forces are ready to defend the country,")],
    ),
    "run-together-quote-paragraphs": (
        [
            'Trade Secretary Patricia Hewitt said: "We have already doubled the pay. "We are '
            'going to extend it to nine months." Ms Hewitt said new mothers would benefit.'
        ],
        [
            ("direct", "Patricia Hewitt", "We have already doubled the pay."),
            ("direct", "Patricia Hewitt", "We are going to extend it to nine months."),
            ("indirect", "Patricia Hewitt", "new mothers would benefit."),
        ],
    ),
    "name-over-title": (
        ["US President Donald Trump said the troops would stay in the region for now."],
        [("indirect", "Donald Trump", "the troops would stay in the region for now.")],
    ),
    "two-speakers-together": (
        [
            "US President Joe Biden and Iraqi Prime Minister Mohammed Shia al-Sudani said they "
            "would work together on the transition."
        ],
        [
            (
                "indirect",
                "Joe Biden and Mohammed Shia al-Sudani",
                "they would work together on the transition.",
            )
        ],
    ),
    "content-before-cue": (
        ["Paid leave would be increased to nine months by 2007, Ms Hewitt told GMTV."],
        [("indirect", "Hewitt", "Paid leave would be increased to nine months by 2007")],
    ),
    "accused-of": (
        ["Senator Maria Lopez accused the governor of hiding the budget figures from voters."],
        [("indirect", "Maria Lopez", "the governor of hiding the budget figures from voters")],
    ),
    "promised-to-and-middle-initial": (
        ["Paul D. Ryan promised to pass the tax bill before the end of the year."],
        [("indirect", "Paul Ryan", "to pass the tax bill before the end of the year")],
    ),
    "name-family-and-called-on": (
        [
            "Paul D. Ryan spoke in Janesville on Monday.",
            "Mr. Ryan called on his colleagues to support the measure.",
        ],
        [("indirect", "Paul Ryan", "his colleagues to support the measure")],
    ),
    "outlet-is-media-not-a-place": (
        ["The Washington Post reported that the talks had collapsed on Friday."],
        [("indirect", "Washington Post", "the talks had collapsed on Friday")],
    ),
    "negated-and-hypothetical-speech": (
        [
            "Jane Smith did not say that the plan would fail.",
            "A critic could say that the plan is far too expensive.",
            "Mr. Trump did not cite what Mrs. Clinton said about the trade deal.",
        ],
        [],
    ),
    "title-in-quotation-marks-is-not-a-quote": (
        ['The crowd cheered as the band played "Tales From the Crypt Again" at the rally.'],
        [],
    ),
    "partial-quote-is-mixed": (
        ['Tom Baker said the wall will be "as big as it needs to be" when it is finished.'],
        [("mixed", "Tom Baker", 'the wall will be "as big as it needs to be" when it is finished')],
    ),
    "thought": (
        ["Anna Kovacs believes that the party will win the state in November."],
        [("thought", "Anna Kovacs", "the party will win the state in November")],
    ),
    "pronoun-agrees-in-gender": (
        [
            "Mrs. Kovacs spoke after Mr. Grant left the stage.",
            "She said the campaign would spend more on television.",
        ],
        [("indirect", "Kovacs", "the campaign would spend more on television")],
    ),
    "description-links-to-the-person-introduced": (
        ["The governor, Mike Pence, arrived late.", "The governor said taxes would fall."],
        [("indirect", "Mike Pence", "taxes would fall")],
    ),
    "colon-statement": (
        ["Judicial Watch: State Department hid key emails for years"],
        [("indirect", "Judicial Watch", "State Department hid key emails for years")],
    ),
    "quotes-between-cue-and-clause-are-its-content": (
        [
            'Moreover, Mayor Ruth Okafor explained that to avoid "a wider crisis in a fragile '
            'city," the "endless cuts [to schools]" must be brought to an end and aid must be '
            'delivered "as soon as possible."'
        ],
        [
            (
                "mixed",
                "Ruth Okafor",
                'to avoid "a wider crisis in a fragile city," the "endless cuts [to schools]" must '
                'be brought to an end and aid must be delivered "as soon as possible.',
            )
        ],
    ),
    "countering-a-deed-is-not-speech": (
        ["The police played a role in countering the attack by closing the roads to the port."],
        [],
    ),
    "short-utterance-with-a-cue": (
        [
            '"Stay there!" the officer yelled at the driver.',
            'When the guard spoke again, she answered, "Denver."',
        ],
        [("direct", "the officer", "Stay there!"), ("direct", "she", "Denver.")],
    ),
    "short-scare-quote-is-not-an-utterance": (
        ['The senator said the plan was a "total mess." The crowd laughed.'],
        [("mixed", "The senator", 'the plan was a "total mess')],
    ),
    "quotation-then-cue-is-the-quotation": (  # the parser runs the two sentences into one
        [
            "Mrs. Okafor spoke at a rally in Salem, a city sure to horrify many voters. ''Wow, "
            "what a great idea it was to come here,'' she said in Salem earlier this year."
        ],
        [("direct", "Okafor", "Wow, what a great idea it was to come here,")],
    ),
    "cue-comma-quotation-is-the-quotation": (
        [
            'Omar Reyes said, "We will see what the voters decide," when he was asked whether he '
            "would run again."
        ],
        [("direct", "Omar Reyes", "We will see what the voters decide,")],
    ),
    "a-cue-inside-the-content-is-its-own": (
        [
            "Mayor Ruth Okafor said the city would open two new shelters in May while the "
            "council chairman insists that the money has run out."
        ],
        [
            ("indirect", "Ruth Okafor", "the city would open two new shelters in May"),
            ("indirect", "the council chairman", "the money has run out"),
        ],
    ),
    "referred-to-x-as-a-quoted-name": (
        ["Mr. Trump referred to the demonstrators as ''my friends'' on Tuesday."],
        [("mixed", "Trump", "the demonstrators as ''my friends'' on Tuesday")],
    ),
    "dubbed-x-a-quoted-name": (
        ['Sanders dubbed the plan "a gift to Wall Street" at the rally.'],
        [("mixed", "Sanders", 'the plan "a gift to Wall Street" at the rally')],
    ),
    "called-x-a-quoted-name-before-a-prep-on": (  # "on Tuesday" is not "called on X to"
        [
            "Speaker Paul D. Ryan called Donald J. Trump's remarks about a Latino judge "
            "''racist,'' on Tuesday."
        ],
        [
            (
                "mixed",
                "Paul Ryan",
                "Donald J. Trump's remarks about a Latino judge ''racist,'' on Tuesday",
            )
        ],
    ),
    "colon-headline-name-the-tagger-reads-as-a-noun": (  # "Trump" tagged as the noun here
        [
            "Bernie Sanders and Donald Trump campaigned in Iowa on Monday on many issues that "
            "matter to voters.",
            "Trump: My immigration plans aren't set in stone",
        ],
        [("indirect", "Donald Trump", "My immigration plans aren't set in stone")],
    ),
    "cue-with-a-phrase-then-comma-quotation": (
        [
            "On the same day that footage emerged of a man at a rally punching a protester, "
            "Mr. Trump said of the episode, ''I don't like it,'' and moved on."
        ],
        [("direct", "Trump", "I don't like it,")],
    ),
    "temporal-as-clause-is-not-an-as-cue": (  # "as he urged the party to ...", not "as X noted"
        [
            "Bernie Sanders spoke in Burlington on Thursday.",
            "“The time is long overdue for a fundamental transformation of the Democratic Party,” "
            "Sanders insisted to the gathered cameras, with Weaver standing behind him as he urged "
            "the party to ax its superdelegate system.",
        ],
        [
            (
                "direct",
                "Bernie Sanders",
                "The time is long overdue for a fundamental transformation of the Democratic Party,",
            ),
            ("indirect", "Bernie Sanders", "the party to ax its superdelegate system"),
        ],
    ),
    "quotation-after-a-colon-then-its-cue": (  # "he" is the sentence's subject, not Trump
        [
            "The rally in Ohio ran late into the night.",
            'Donald Trump told the crowd in Dayton on Friday: "We will win this state."',
            "The crowd cheered for several minutes before the next speaker came on.",
            "C. Boyden Gray, who served as White House counsel, ticked through the code of conduct the family has long embodied: "
            "''Civility and good manners were kind of assumed,'' he said.",
        ],
        [
            ("direct", "Donald Trump", "We will win this state."),
            ("direct", "C. Boyden Gray", "Civility and good manners were kind of assumed,"),
        ],
    ),
    "plural-document-noun-shows": (
        ["The results show that Catholic Republicans are out of step with the party's base."],
        [("indirect", "The results", "Catholic Republicans are out of step with the party's base")],
    ),
    "a-cue-without-a-subject-inside-the-clause-goes-on-the-statement": (  # as the sample gold
        [
            "Mayor Ruth Okafor said there is no reason for the state police to remain in the city, "
            "contending that the city's own officers are able to keep order.",
            "The Pentagon emphasized that the city government has not formally requested a "
            "withdrawal and claimed that the troops are still there at the invitation of the "
            "government.",
        ],
        [
            (
                "indirect",
                "Ruth Okafor",
                "there is no reason for the state police to remain in the city, contending that "
                "the city's own officers are able to keep order",
            ),
            (
                "indirect",
                "Pentagon",
                "the city government has not formally requested a withdrawal and claimed that the "
                "troops are still there at the invitation of the government",
            ),
        ],
    ),
    "a-negated-coordinated-cue-is-no-part-of-what-was-said": (
        [
            "Ted Cruz said he would offer “a prayer” for the eventual Republican nominee but "
            "did not suggest it would be Trump."
        ],
        [("mixed", "Ted Cruz", "he would offer “a prayer” for the eventual Republican nominee")],
    ),
    "per-a-rate-is-no-source": (
        [
            "Trump routinely netted hundreds of thousands of dollars per speech before launching "
            "his bid.",
            "Per the report, the senator voted twice against the bill last year.",
        ],
        [("indirect", "the report", "the senator voted twice against the bill last year")],
    ),
    "asked-for-reports-what-was-asked-for": (
        ["Reporters asked for copies of the emails on Tuesday."],
        [("indirect", "Reporters", "copies of the emails on Tuesday")],
    ),
    "talking-about-reports-the-topic-speaking-at-does-not": (
        [
            "Donald Trump talked about his plan to build a wall on the border.",
            "Donald Trump spoke at the rally in Des Moines on Monday night.",
        ],
        [("indirect", "Donald Trump", "his plan to build a wall on the border")],
    ),
    "a-person-slamming-is-speech-a-storm-blasting-is-not": (
        [
            "Hillary Clinton slammed Donald Trump for his comments about the judge.",
            "The storm blasted the coast for hours on Sunday.",
        ],
        [("indirect", "Hillary Clinton", "Donald Trump for his comments about the judge")],
    ),
    "questioning-whether-is-reported": (
        ["Ted Cruz questioned whether Donald Trump could win the general election."],
        [("indirect", "Ted Cruz", "whether Donald Trump could win the general election")],
    ),
    "not-saying-is-not-an-attribution": (
        ["The spokesman would not say whether there were plans for a military response."],
        [],
    ),
}


@pytest.fixture(scope="module")
def attributed(tmp_path_factory) -> tuple[corpus.Corpus, pd.DataFrame]:
    folder = tmp_path_factory.mktemp("quotes")
    for name, (paragraphs, _) in CASES.items():
        text = f"Quote test {name}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    c = ingest.build([folder])
    return c, quotes.attribute(c)


@pytest.mark.parametrize("name", list(CASES))
def test_attribution(attributed, name):
    c, found = attributed
    aid = c.articles.loc[c.articles.file.str.endswith(f"{name}.txt"), "article_id"].iloc[0]
    rows = found[found.article_id == aid].sort_values("content_start")
    got = [(r.kind, r.speaker_canonical, r.content.strip(" .,")) for r in rows.itertuples()]
    assert got == [(k, s, t.strip(" .,")) for k, s, t in CASES[name][1]]


def test_offsets_index_the_source_text(attributed):
    c, found = attributed
    texts = c.texts.set_index("article_id").text
    for r in found.itertuples():
        assert texts[r.article_id][r.content_start : r.content_end] == r.content
        if r.speaker_start >= 0:
            assert texts[r.article_id][r.speaker_start : r.speaker_end] == r.speaker


def test_columns(attributed):
    _, found = attributed
    assert list(found.columns) == quotes.COLUMNS


def test_attribute_does_not_mutate(attributed):
    c, _ = attributed
    before = c.tokens.copy()
    quotes.attribute(c)
    pd.testing.assert_frame_equal(c.tokens, before)


@pytest.mark.parametrize(
    ("mention", "canonical"),
    [
        ("al-Sudani", "Mohammed Shia al-Sudani"),
        ("Sudani", "Mohammed Shia al-Sudani"),
        ("Mohamed Shia al-Sudani", "Mohammed Shia al-Sudani"),
        ("Sabrin Singh", "Sabrina Singh"),
        ("Iraq’s foreign ministry", "Iraqi Foreign Ministry"),
        ("US Secretary of Defense Lloyd Austin", "Lloyd Austin"),
    ],
)
def test_canonical_speaker(mention, canonical):
    assert (
        speakers.resolve(mention, 0, [], speakers.Lexicon(speakers.load_speakers()))[0] == canonical
    )


@pytest.mark.parametrize(
    ("mention", "kind"),
    [
        ("The Washington Post", "media"),
        ("The Hill", "media"),
        ("the Capitol Hill aide", "unknown"),  # a person on Capitol Hill, not the outlet
        ("the White House Press Secretary", "person"),
        ("the leaders", "group"),
        ("the report", "document"),
    ],
)
def test_speaker_type(mention, kind):
    assert speakers.resolve(mention, 0, [], speakers.Lexicon(speakers.load_speakers()))[1] == kind


def _person(start: int, name: str) -> speakers.Mention:
    return speakers.Mention(start, name, "person", "", name, spoke=True)


@pytest.mark.parametrize(
    ("mention", "at", "expected"),
    [
        ("his", 50, ("Paul Ryan", "person")),  # "his support of ...": the man who spoke before
        ("her", 50, ("Hillary Clinton", "person")),
        ("you", 50, ("you", "unresolved")),  # the addressee is no speaker
        ("Trump", 0, ("Donald Trump", "person")),  # a headline's surname, the body's full name
    ],
)
def test_pronoun_and_family_speakers(mention, at, expected):
    named = [_person(10, "Hillary Clinton"), _person(30, "Paul Ryan"), _person(60, "Donald Trump")]
    gender = {"Hillary Clinton": "f", "Paul Ryan": "m"}
    lex = speakers.Lexicon(speakers.load_speakers())
    assert speakers.resolve(mention, at, named, lex, gender=gender)[:2] == expected


def test_token_f1():
    assert quote_scoring.token_f1("the US will stay", "the US will leave") == pytest.approx(0.75)
    assert quote_scoring.token_f1("", "anything") == 0.0


def test_thresholds_pinned():
    assert quote_scoring.MATCH_F1 == 0.5
    assert quotemarks.MIN_QUOTE_WORDS == 4
    assert quotes.TITLE_WORD_LEN == 4
    assert quotes.MAX_COLON_SPEAKER_WORDS == 6


def test_match_threshold_is_inclusive():
    gold = pd.DataFrame({"article_id": ["a"], "content": ["one two three four"], "kind": ["indirect"],
                         "optional": [False], "aliases": [["X"]]})  # fmt: skip
    half = pd.DataFrame({"article_id": ["a"], "content": ["one two five six"], "kind": ["indirect"],
                         "speaker_canonical": ["X"], "speaker": ["X"]})  # fmt: skip
    assert (
        quote_scoring.token_f1("one two five six", "one two three four") == quote_scoring.MATCH_F1
    )
    assert quote_scoring.score(half, gold).set_index("kind").loc["all", "tp"] == 1


def test_short_and_title_quotations_are_not_quotes():
    n = quotemarks.MIN_QUOTE_WORDS
    assert not quotes._is_long_quote(" ".join(["word"] * (n - 1)))
    assert quotes._is_long_quote(" ".join(["word"] * n))
    assert not quotes._is_long_quote("Make America Great Again")  # every long word capitalized
    assert quotes._is_long_quote("Make America great again.")


@pytest.mark.parametrize(
    ("candidate", "gold", "expected"),
    [
        ("Paul Ryan", "the House speaker, Paul D. Ryan", True),
        ("Paul Ryan", "Mr. Ryan", True),
        ("he", "he", True),
        ("Donald Trump", "Clinton", False),
        ("", "Clinton", False),
    ],
)
def test_speaker_names_gold_mention(candidate, gold, expected):
    assert quote_scoring.names(candidate, gold) is expected


@pytest.mark.parametrize(
    ("name", "family"),
    [("Paul D. Ryan", "Paul Ryan"), ("Mr. Trump", "Trump"), ("Donald J. Trump's", "Donald Trump")],
)
def test_person_name_family(name, family):
    assert speakers.person_name(name) == family


def test_gold_thought_cues():
    assert quote_scoring.is_thought_cue("believes") and quote_scoring.is_thought_cue("has hoped")
    assert not quote_scoring.is_thought_cue("said") and not quote_scoring.is_thought_cue(":")


def test_lexicon_is_compiled_per_call_not_memoized():
    assert not hasattr(quotes, "_COMPILED")
    lex = speakers.Lexicon(speakers.load_speakers())
    assert lex.find("Sabrin Singh")[0] == "Sabrina Singh" and lex.find("nobody here") is None


def test_reuse_groups_same_quote_across_outlets():
    q = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "outlet_label": ["X", "Y", "Z"],
            "speaker_canonical": ["S", "S", "T"],
            "content": [
                "The end of the coalition mission is a necessity for Iraq.",
                "the end of the coalition mission is a necessity for Iraq",
                "Something else entirely was said about the weather today.",
            ],
        }
    )
    out = quotes.reuse(q)
    assert len(out) == 1
    assert out.outlets.iloc[0] == ["X", "Y"] and bool(out.same_speaker.iloc[0])


def test_reuse_needs_shared_words_and_another_article():
    q = pd.DataFrame(
        {
            "article_id": ["a", "a", "b"],
            "outlet_label": ["X", "X", "Y"],
            "speaker_canonical": ["S", "S", "S"],
            "content": [
                "The end of the coalition mission is a necessity for Iraq.",
                "The end of the coalition mission is a necessity for Iraq.",
                "Iraq will negotiate the timetable with every coalition country soon.",
            ],
        }
    )
    assert quotes.reuse(q).empty  # the same article twice is not reuse; the third shares no run


def test_content_skips_furniture_removed_at_a_page_break(sample_corpus):
    found = quotes.attribute(sample_corpus)
    row = found[found.content.str.startswith("Baghdad aims")].iloc[0]
    raw = sample_corpus.texts.set_index("article_id").text[row.article_id]
    assert "Getty Images" in raw[row.content_start : row.content_end]  # the span crosses the break
    assert "Getty Images" not in row.content and "Written by" not in row.content
    assert row.content.endswith("relations with the coalition countries")


def test_describe_counts_each_outlet():
    q = pd.DataFrame(
        {
            "outlet_label": ["X", "X", "X", "Y"],
            "article_id": ["a", "a", "b", "c"],
            "speaker_canonical": ["S", "S", "T", "U"],
            "affiliation": ["gov", "gov", "", ""],
            "kind": ["direct", "indirect", "indirect", "mixed"],
        }
    )
    assert quotes.describe(q) == [
        "X: 3 attributions in 2 article(s); most quoted: S (2); 33% verbatim; "
        "largest affiliation: gov (67% of attributions).",
        "Y: 1 attributions in 1 article(s); most quoted: U (1); 0% verbatim; "
        "largest affiliation: unknown (100% of attributions).",
    ]


def test_merge_speakers_across_articles():
    q = pd.DataFrame(
        {
            "speaker_canonical": ["Barack Obama", "Barack Obama", "Obama", "Pentagon"],
            "speaker_type": ["person", "person", "person", "organization"],
        }
    )
    merged = quotes.merge_speakers(q)
    assert list(merged.speaker_canonical) == ["Barack Obama"] * 3 + ["Pentagon"]
    assert list(q.speaker_canonical)[2] == "Obama"  # the input is not changed


def test_no_content_begins_or_ends_with_a_space(sample_corpus):
    """Issue 17's 7 of 2,508 quote contents with a stray space: contents and their offsets are
    trimmed."""
    found = sample_corpus.table("quotes")
    assert len(found)
    assert not found["content"].str.match(r"^\s|.*\s$").any()
    texts = sample_corpus.texts.set_index("article_id")["text"]
    for row in found.itertuples(index=False):
        span = texts[row.article_id][row.content_start : row.content_end]
        assert span == span.strip()


def test_content_offsets_are_trimmed_of_whitespace():
    text = ' \n"we will stay until the job is done" \n'
    start, end = quotes._trimmed(text, 0, len(text))
    assert text[start:end] == '"we will stay until the job is done"'
    assert quotes._trimmed("   ", 0, 3)[0] == quotes._trimmed("   ", 0, 3)[1]


def test_discontinuous_joins_continued_quotations_of_a_paragraph():
    text = (
        '"We will win the state," Ann Lee said. "Nobody else can."\n\n"They will try," Bo Kim said.'
    )
    rows = pd.DataFrame(
        [
            ("a", "direct", "We will win the state,", 1, 23, 25, "Ann Lee"),
            ("a", "direct", "Nobody else can.", 40, 56, -1, "Ann Lee"),
            ("a", "direct", "They will try,", 60, 74, 76, "Bo Kim"),
        ],
        columns=["article_id", "kind", "content", "content_start", "content_end", "cue_start",
                 "speaker_canonical"],
    )  # fmt: skip
    assert text[40:56] == "Nobody else can." and text[60:74] == "They will try,"
    out = quote_scoring.discontinuous(rows, pd.Series({"a": text}))
    assert out.content.tolist() == ["We will win the state, Nobody else can.", "They will try,"]
    assert out.content_end.tolist() == [56, 74]
    assert rows.content.tolist()[1] == "Nobody else can."  # the input is not changed
    # a cue-less quotation in the next paragraph is not joined across the break
    rows.loc[2, ["cue_start", "speaker_canonical"]] = [-1, "Ann Lee"]
    assert len(quote_scoring.discontinuous(rows, pd.Series({"a": text}))) == 2


@pytest.mark.parametrize(
    ("lemma", "word", "expected"),
    [
        ("slam", "slammed", True),
        ("refer", "referred", True),
        (",", ",", False),
        ("talk", "talks", False),  # far more often the noun: no cue, no parse of its own
        ("talk", "talked", True),
        ("minister", "minister", False),
    ],
)
def test_parse_triggers(lemma, word, expected):
    assert triggers.is_trigger(lemma, word, False) is expected
