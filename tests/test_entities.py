"""Named-entity mentions and alias merging, against hand counts on the samples."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import corpus, entities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the United States '", "United States"),
        ("U.S.", "US"),
        ("al - Sudani's", "al-Sudani"),
        ("The Iraqi Resistance's", "Iraqi Resistance"),
        ("a Combined Joint Task Force", "Combined Joint Task Force"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert entities.normalize(text) == expected


@pytest.fixture(scope="module")
def found(sample_corpus: corpus.Corpus) -> pd.DataFrame:
    return entities.mentions(sample_corpus)


def test_sudani_aliases_merge(found: pd.DataFrame) -> None:
    # Al Mayadeen English, counted by hand in the article text (captions and tags excluded):
    # 000: "Mohammed Shia al-Sudani", "Biden and al-Sudani declared", "Biden and al-Sudani
    #      discussed", "as al-Sudani called", "Al-Sudani made", "al-Sudani stated" = 6
    # 001: "Mohammed Shia al-Sudani", "Sudani stated", "Al-Sudani's statement", "al-Sudani said",
    #      "Al-Sudani stressed", "al-Sudani explained" = 6
    table = entities.by_outlet(found, kind="person")
    sudani = table[table["entity"] == "Mohammed Shia al-Sudani"].set_index("outlet_label")["count"]
    assert sudani["Al Mayadeen English"] == 12
    # 003 spells him "Mohamed Shia al-Sudani" once, then "al-Sudani" 3 times: one entity, 4 mentions.
    unknown_003 = next(o for o in sudani.index if o == "Unknown: 003")
    assert sudani[unknown_003] == 4
    variants = set(found.loc[found["entity"] == "Mohammed Shia al-Sudani", "name"])
    assert {"Sudani", "al-Sudani", "Al-Sudani", "Mohamed Shia al-Sudani"} <= variants


def test_us_aliases_merge(found: pd.DataFrame) -> None:
    places = found[found["kind"] == "place"]
    assert set(places.loc[places["name"].isin(["US", "United States", "America"]), "entity"]) == {
        "United States"
    }


def test_people_with_one_surname_stay_apart() -> None:
    names = pd.Series(
        ["Joe Biden", "Joe Biden", "Hunter Biden", "Biden", "Mohammed Shia al-Sudani", "Sudani"]
    )
    mapping = entities.merge_names(names)
    assert mapping["Hunter Biden"] == "Hunter Biden"
    assert (
        "Biden" not in mapping
    )  # two full names share the surname: a bare "Biden" is left as written
    assert mapping["Sudani"] == "Mohammed Shia al-Sudani"


def test_mentions_are_traceable(found: pd.DataFrame, sample_corpus: corpus.Corpus) -> None:
    for row in found.head(50).itertuples():
        assert (
            " ".join(sample_corpus.text_of(row.article_id)[row.start : row.end].split()) == row.text
        )


def test_merge_can_run_after_per_article_mentions(
    sample_corpus: corpus.Corpus, found: pd.DataFrame
) -> None:
    raw = entities.mentions(sample_corpus, merge=False)
    assert "Sudani" in set(raw["entity"])  # not merged yet
    merged = entities.merge_people(raw)
    pd.testing.assert_frame_equal(merged, found)
    assert "Sudani" in set(raw["entity"])  # the input is left alone


def test_names_differing_in_case_are_one_spelling():
    names = pd.Series(["Washington", "WASHINGTON", "Washington", "NATO", "Nato", "NATO"])
    assert entities.merge_case(names).tolist() == ["Washington"] * 3 + ["NATO"] * 3


def test_kind_is_the_majority_and_a_surname_counts_its_full_names():
    found = pd.DataFrame({
        "entity": ["Trump"] * 3 + ["Donald Trump"] * 2 + ["Washington"] * 2 + ["Sam Smith"],
        "kind": ["organization", "organization", "person", "person", "person", "place", "place",
                 "person"],
    })  # fmt: skip
    # "Trump": 2 organization votes against 1 + 2 person ("Donald Trump"); Washington stays a place
    assert entities.vote_kinds(found).tolist() == ["person"] * 5 + ["place"] * 2 + ["person"]
