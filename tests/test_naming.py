"""The framing lexicon on the samples, counted by hand from tests/fixtures/samples/, and on short texts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import corpus, ingest, naming


@pytest.fixture(scope="module")
def found(sample_corpus: corpus.Corpus) -> pd.DataFrame:
    return naming.matches(sample_corpus)


@pytest.fixture(scope="module")
def usage(found: pd.DataFrame) -> pd.DataFrame:
    return naming.usage(found)


def _count(usage: pd.DataFrame, outlet: str, term: str, *, scare: bool = False) -> int:
    hit = usage[
        (usage["outlet_label"] == outlet)
        & (usage["term"] == term)
        & (usage["scare_quoted"] == scare)
    ]
    return int(hit["count"].sum())


def test_lexicon_reads_and_compiles() -> None:
    lexicon = naming.read_lexicon()
    assert {"Israel", "Iran-aligned armed groups", "people killed"} <= set(lexicon["concept"])
    assert not lexicon.duplicated(["concept", "term"]).any()
    assert all(lexicon["regex"].map(lambda r: r.pattern))


def test_bad_lexicon_names_line(tmp_path: Path) -> None:
    path = tmp_path / "framing.csv"
    path.write_text(
        "concept,term,pattern,case_sensitive,note\nX,ok,,false,\nX,bad,(unclosed,false,\n"
    )
    with pytest.raises(ValueError, match="line 3"):
        naming.read_lexicon(path)


def test_resistance_per_outlet(usage: pd.DataFrame) -> None:
    # tests/fixtures/samples/001 (Al Mayadeen English): "The Iraqi Resistance's operations", "local Resistance
    # groups", "the Resistance attacked" = 3 in the article. Its tag list ("Islamic Resistance in
    # Iraq") and 000's breaking-news ticker ("the Resistance thwarted", "Popular Resistance
    # Committees") are page furniture, not counted. No other sample writes "Resistance".
    resistance = usage[usage["term"] == "the Resistance"]
    assert dict(zip(resistance["outlet_label"], resistance["count"], strict=True)) == {
        "Al Mayadeen English": 3
    }


def test_israel_in_scare_quotes_for_al_mayadeen(usage: pd.DataFrame) -> None:
    # tests/fixtures/samples/000: 'following "Israel's" war', 'retaliatory strikes on "Israel"', 'since "Israel"
    # launched' = 3 scare-quoted, none plain ("Read next ... "Israel"" and the 'Israel' headlines
    # in Related News / Read Next are furniture). 001 writes only "Israeli".
    assert _count(usage, "Al Mayadeen English", "Israel", scare=True) == 3
    assert _count(usage, "Al Mayadeen English", "Israel", scare=False) == 0
    row = usage[(usage["outlet_label"] == "Al Mayadeen English") & (usage["term"] == "Israel")]
    assert list(row["form"]) == ["\u201cIsrael\u201d"]
    # The New American writes "Israel-Hamas conflict" (a Gaza-war term, not the state alone).
    assert _count(usage, "The New American", "Israel") == 0
    assert _count(usage, "The New American", "Israel-Hamas war") == 1
    # 003 (no outlet): "attack on Israel" three times, plain.
    unknown_003 = next(o for o in usage["outlet_label"] if o == "Unknown: 003")
    assert _count(usage, unknown_003, "Israel") == 3


def test_longer_name_wins_within_concept(usage: pd.DataFrame) -> None:
    # 004: "attacks by Iran-backed militias", "Shiite, Iran-backed paramilitary groups" = 2; plain
    # "militia" 3 more ("Militia attacks", "militia attacks", "militia installations").
    assert _count(usage, "The New American", "Iran-backed militias") == 2
    assert _count(usage, "The New American", "militia(s)") == 3
    # 003: "armed groups affiliated with Iran" counts once, as the longer name.
    unknown_003 = next(o for o in usage["outlet_label"] if o == "Unknown: 003")
    assert _count(usage, unknown_003, "groups affiliated with Iran") == 1
    assert _count(usage, unknown_003, "armed groups") == 0


def test_matches_are_traceable(found: pd.DataFrame, sample_corpus: corpus.Corpus) -> None:
    text_of = dict(zip(sample_corpus.texts["article_id"], sample_corpus.texts["text"], strict=True))
    for row in found.itertuples():
        assert text_of[row.article_id][row.start : row.end] == row.match


def test_shares_sum_to_one(usage: pd.DataFrame) -> None:
    sums = usage.groupby(["outlet_label", "concept"])["share"].sum()
    assert sums.to_numpy() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("text", "scare", "voice"),
    [
        ('Strikes on "Israel" continued.', True, "scare quotes"),
        ("Strikes on \u201cIsrael\u2019s\u201d allies continued.", True, "scare quotes"),
        ('He said "we will answer Israel soon" today.', False, "quoted"),
        ("Strikes on Israel continued.", False, "own"),
    ],
)
def test_scare_quotes_short_texts(tmp_path: Path, text: str, scare: bool, voice: str) -> None:
    path = tmp_path / "one.txt"
    path.write_text(f"A headline\n\n{text}\n", encoding="utf-8")
    c = ingest.build([path])
    lexicon = naming.read_lexicon()
    got = naming.matches(c, lexicon[lexicon["concept"] == "Israel"])
    assert len(got) == 1
    assert bool(got["scare_quoted"].iloc[0]) is scare
    assert got["voice"].iloc[0] == voice
