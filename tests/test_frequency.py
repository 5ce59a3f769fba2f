"""Term counts, rates, stop words, n-grams and quoted words, against hand counts."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis import corpus, frequency, ingest

# The title line is not parsed; the two body paragraphs hold 31 words (punctuation excluded,
# "Iran-backed" one word): 4 + 16 in the first, 11 in the second. Five of them are quoted:
# "the occupation forces must leave".
SHORT = """Talks on the coalition

Militias attacked the base. The militias said "the occupation forces must leave" and officials \
also said the US would respond.

Iran-backed militias fired 3 rockets at occupation forces, officials told reporters.
"""


@pytest.fixture(scope="module")
def short(tmp_path_factory: pytest.TempPathFactory) -> corpus.Corpus:
    path = tmp_path_factory.mktemp("short") / "short.txt"
    path.write_text(SHORT, encoding="utf-8")
    return ingest.build([path])


def _as_dict(counts: pd.DataFrame, *keys: str) -> dict:
    return {tuple(row[k] for k in keys) if len(keys) > 1 else row[keys[0]]: row["count"]
            for _, row in counts.iterrows()}  # fmt: skip


def test_stopwords_include_spacy_and_news_list(tmp_path: Path) -> None:
    words = frequency.read_stopwords()
    assert {"the", "would", "said", "told"} <= words
    assert "militia" not in words
    assert {"mr", "mrs", "dr"} <= frequency.HONORIFICS
    custom = tmp_path / "stop.txt"
    custom.write_text("# comment\nMilitia\n", encoding="utf-8")
    assert frequency.read_stopwords(custom, spacy_list=False) == {"militia"}


def test_lemma_unigrams_hand_counted(short: corpus.Corpus) -> None:
    counts = frequency.term_counts(short.tokens, short.articles)
    # militia: "Militias" (sentence-initial, tagged PROPN by spaCy), "militias", "militias" = 3.
    # Dropped: the, said x2 (news list), must, and, also, would, at, told (news list), 3 (number).
    # "US" is an acronym, never the stop word "us"; "Iran-backed" is one compound word.
    assert _as_dict(counts, "term") == {
        "militia": 3, "force": 2, "occupation": 2, "official": 2, "Iran-backed": 1, "US": 1,
        "attack": 1, "base": 1, "fire": 1, "leave": 1, "reporter": 1, "respond": 1, "rocket": 1,
    }  # fmt: skip
    assert set(counts["words"]) == {31}
    militia = counts.set_index("term").loc["militia"]
    assert militia["rate_per_1000"] == pytest.approx(3 / 31 * 1000)


def test_filters_can_be_turned_off(short: corpus.Corpus) -> None:
    counts = frequency.term_counts(
        short.tokens, short.articles, unit="word", drop_stopwords=False, drop_numbers=False
    )
    words = _as_dict(counts, "term")
    assert words["the"] == 4  # the base, The militias, the occupation, the US
    assert words["said"] == 2
    assert words["3"] == 1
    assert words["militias"] == 3  # the surface word, capital folded
    assert "." not in words


def test_ngrams_hand_counted(short: corpus.Corpus) -> None:
    bigrams = frequency.term_counts(short.tokens, short.articles, n=2)
    # No bigram may hold punctuation or a number, or start or end with a stop word.
    assert _as_dict(bigrams, "term") == {
        "occupation force": 2, "militia attack": 1, "Iran-backed militia": 1, "militia fire": 1,
    }  # fmt: skip
    trigrams = frequency.term_counts(short.tokens, short.articles, n=3)
    # Stop words inside a trigram are kept ("attack the base", "US would respond").
    assert set(trigrams["term"]) == {
        "attack the base", "force must leave", "US would respond", "Iran-backed militia fire",
        "rocket at occupation", "official tell reporter",
    }  # fmt: skip
    both = frequency.term_counts(short.tokens, short.articles, n=(1, 2))
    assert set(both["n"]) == {1, 2}
    assert len(both) == 13 + 4


def test_quoted_words_kept_apart(short: corpus.Corpus) -> None:
    split = frequency.term_counts(short.tokens, short.articles, n=(1, 2), voice="split")
    got = _as_dict(split, "voice", "term")
    assert got[("quoted", "occupation")] == 1 and got[("own", "occupation")] == 1
    assert got[("quoted", "occupation force")] == 1 and got[("own", "occupation force")] == 1
    assert got[("quoted", "leave")] == 1 and ("own", "leave") not in got
    assert got[("own", "militia")] == 3
    words = split.drop_duplicates("voice").set_index("voice")["words"]
    assert words.to_dict() == {"own": 26, "quoted": 5}
    quoted_rate = split[(split["voice"] == "quoted") & (split["term"] == "leave")]["rate_per_1000"]
    assert quoted_rate.iloc[0] == pytest.approx(1 / 5 * 1000)
    own_only = frequency.term_counts(short.tokens, short.articles, voice="own")
    assert "leave" not in set(own_only["term"])
    assert set(own_only["words"]) == {26}


def test_terms_keep_offsets(short: corpus.Corpus) -> None:
    occ = frequency.terms(short.tokens, n=2)
    text = short.texts["text"].iloc[0]
    spans = {text[s:e] for s, e in zip(occ["start"], occ["end"], strict=True)}
    assert spans == {
        "occupation forces",
        "Militias attacked",
        "Iran-backed militias",
        "militias fired",
    }


def test_per_article_counts(short: corpus.Corpus) -> None:
    per_article = frequency.term_counts(short.tokens, short.articles, by="article")
    assert set(per_article["article_id"]) == set(short.articles["article_id"])
    assert per_article.set_index("term").loc["militia", "count"] == 3


def test_top_terms_ranks(short: corpus.Corpus) -> None:
    counts = frequency.term_counts(short.tokens, short.articles)
    top = frequency.top_terms(counts, k=2)
    assert list(top["term"]) == ["militia", "force"]  # force/occupation/official tie at 2: by name
    assert list(top["rank"]) == [1, 2]


def test_bad_option_raises(short: corpus.Corpus) -> None:
    with pytest.raises(ValueError, match="voice"):
        frequency.terms(short.tokens, voice="others")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="n must"):
        frequency.terms(short.tokens, n=0)


def test_sample_coalition_own_and_quoted(sample_corpus: corpus.Corpus) -> None:
    # Counted by hand in tests/fixtures/samples/004 (The New American): "coalition" 8 times in the article text,
    # 3 inside quotation marks ("international coalition advisors", "the coalition countries",
    # "the international coalition's advisers"), 5 in the outlet's own words.
    # tests/fixtures/samples/003 has 8, none quoted (its title "... US-Led Coalition" is not article text).
    # The raw forms: by default "Global Coalition" in 003 is a name of its own (see below).
    counts = frequency.term_counts(
        sample_corpus.tokens,
        sample_corpus.articles,
        unit="word",
        voice="split",
        merge_variants=False,
    )
    coalition = counts[counts["term"] == "coalition"]
    got = {(r.outlet_label, r.voice): r.count for r in coalition.itertuples()}
    assert got[("The New American", "own")] == 5
    assert got[("The New American", "quoted")] == 3
    unknown_003 = [k for k in got if k[0] == "Unknown: 003"]
    assert unknown_003 == [(unknown_003[0][0], "own")] and got[unknown_003[0]] == 8


def test_article_outlets_labels_unknown_files() -> None:
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet_label": ["X", None],
                             "file": ["x.txt", "dir/y.txt"], "record": [None, None]})  # fmt: skip
    assert list(frequency.article_outlets(articles)["outlet_label"]) == ["X", "Unknown: y"]


def test_empty_tokens_give_empty_tables(short: corpus.Corpus) -> None:
    empty = short.tokens.iloc[:0]
    counts = frequency.term_counts(empty, short.articles, n=(1, 2))
    assert counts.empty
    assert list(counts.columns) == [
        "outlet_label",
        "term",
        "n",
        "count",
        "articles",
        "words",
        "rate_per_1000",
    ]
    assert frequency.terms(empty).empty


# Two made-up articles: each outlet names itself once and the other outlet once; "Mr." twice.
OUTLETS = [
    {"title": "Harbour vote", "source": "Valley Post",
     "text": "Mr. Berg spoke to the Valley Post about the harbour. Mr. Berg said the Town Crier "
             "was wrong about the harbour."},
    {"title": "Harbour plans", "source": "The Town Crier",
     "text": "The council told the Town Crier that the harbour plans had changed, and the Valley "
             "Post agreed."},
]  # fmt: skip


@pytest.fixture(scope="module")
def two_outlets(tmp_path_factory: pytest.TempPathFactory) -> corpus.Corpus:
    path = tmp_path_factory.mktemp("outlets") / "two.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in OUTLETS), encoding="utf-8")
    return ingest.build([path])


def test_honorifics_and_self_mentions_left_out_by_default(two_outlets: corpus.Corpus) -> None:
    def terms(**options: bool) -> dict:
        counts = frequency.term_counts(two_outlets.tokens, two_outlets.articles, **options)
        return _as_dict(counts, "outlet_label", "term")

    default = terms()
    assert ("Valley Post", "Mr.") not in default
    assert ("Valley Post", "Valley Post") not in default  # its own name
    assert default[("Valley Post", "Town Crier")] == 1  # the other outlet's name is counted
    assert default[("The Town Crier", "Valley Post")] == 1
    assert ("The Town Crier", "Town Crier") not in default  # "The Town Crier" is its label
    assert default[("Valley Post", "Berg")] == 2
    assert terms(honorifics=True)[("Valley Post", "Mr.")] == 2
    assert terms(self_mentions=True)[("Valley Post", "Valley Post")] == 1
    assert terms(self_mentions=True)[("The Town Crier", "Town Crier")] == 1


def test_self_mention_reads_aliases_and_ignores_case() -> None:
    terms = pd.Series(["FOX NEWS", "the Hill", "Hill", "Fox News"])
    labels = pd.Series(["Fox News", "The Hill", "The Hill", "CNN"])
    assert frequency.self_mention(terms, labels).tolist() == [True, True, True, False]


def _tokens(sentences: list[list[tuple[str, str, str]]]) -> pd.DataFrame:
    """A hand-made tokens table: (text, pos, entity IOB + type such as 'B-PERSON' or 'O')."""
    rows, start = [], 0
    for s, words in enumerate(sentences):
        for text, pos, ent in words:
            iob, _, kind = ent.partition("-")
            rows.append({"article_id": "a1", "sentence": s, "token": len(rows), "start": start,
                         "end": start + len(text), "text": text, "lemma": text, "pos": pos,
                         "is_punct": False, "like_num": False, "in_quotes": False,
                         "ent_type": kind, "ent_iob": iob})  # fmt: skip
            start += len(text) + 1
    return pd.DataFrame(rows)


def test_a_name_and_the_same_words_as_a_bigram_are_one_term() -> None:
    """The recognizer finds the whole name in one sentence (one merged word) and only its first
    word in the other (a bigram of two words): both are the term "Donald Trump", counted twice,
    listed once."""
    found = [
        ("Donald", "PROPN", "B-PERSON"),
        ("Trump", "PROPN", "I-PERSON"),
        ("spoke", "VERB", "O"),
    ]
    missed = [("Donald", "PROPN", "B-PERSON"), ("Trump", "PROPN", "O"), ("spoke", "VERB", "O")]
    tokens = _tokens([found, missed])
    articles = pd.DataFrame({"article_id": ["a1"], "outlet_label": ["Valley Post"],
                             "file": ["a.txt"], "record": [None]})  # fmt: skip
    counts = frequency.term_counts(tokens, articles, n=(1, 2))
    trump = counts[counts["term"] == "Donald Trump"]
    assert len(trump) == 1
    assert trump[["n", "count", "articles"]].iloc[0].tolist() == [1, 2, 1]
    assert not counts.duplicated(["outlet_label", "term"]).any()
