"""Stories: lexicon coverage, the choice of lists, corpus-derived lists and the draft round trip."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import cli, entities, naming, quotes, sentiment, story
from analysis.config import Paths, list_path


def _top(*rows: tuple[str, list[str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {"entity": [r[0] for r in rows], "kind": "place", "count": 1, "articles": 1,
         "variants": [r[1] for r in rows]}
    )  # fmt: skip


def test_thresholds_are_pinned():
    assert (story.TOP_ENTITIES, story.MIN_COVERAGE, story.MIN_VARIANT_COUNT) == (20, 0.3, 2)


def test_coverage_counts_entities_a_pattern_names_as_a_whole():
    top = _top(("United States", ["US", "United States"]), ("Iraq", ["Iraq"]),
               ("Iraqi Kurdistan", ["Iraqi Kurdistan"]), ("Ohio", ["Ohio"]))  # fmt: skip
    patterns = [re.compile("US|Washington"), re.compile("Iraq")]
    # "US" names the United States through a variant, "Iraq" names Iraq, not "Iraqi Kurdistan"
    assert story.coverage(top, patterns) == 0.5
    assert story.coverage(top.iloc[:0], patterns) == 0.0


def test_samples_use_their_story_and_other_names_do_not(sample_corpus):
    found = entities.mentions(sample_corpus)
    chosen = story.choose(found, "auto")
    assert chosen.used and chosen.story == "us-iraq-2024"
    assert chosen.coverage["all"] >= story.MIN_COVERAGE
    assert not story.choose(found, "none").used
    other = found.assign(entity="Springfield " + found.index.astype(str).str[-1:], name="x")
    assert not story.choose(other, "auto").used
    assert "No story lists used" in story.lists_sentence(
        story.choose(other, "auto"), ["targets.csv"]
    )


def test_unknown_story_is_named(sample_corpus):
    with pytest.raises(FileNotFoundError, match="no story folder"):
        story.choose(entities.mentions(sample_corpus), "no-such-story")


def test_list_path_reads_story_lists_from_the_story(tmp_path, monkeypatch):
    paths = Paths(tmp_path)
    assert list_path("speakers.csv", "abc", paths) == tmp_path / "data/stories/abc/speakers.csv"
    assert list_path("speakers.csv", "none", paths) is None
    assert list_path("claims.csv", "abc", paths) == tmp_path / "data/lexicons/claims.csv"
    monkeypatch.setenv("PRESSLENS_STORY", "xyz")
    assert list_path("targets.csv", None, paths) == tmp_path / "data/stories/xyz/targets.csv"


def test_corpus_lists_from_variants():
    top = _top(("Donald Trump", ["Trump", "Donald Trump"]), ("Ohio", ["Ohio"]))
    targets = story.corpus_targets(top)
    assert targets["pattern"].tolist() == ["Donald\\ Trump|Trump", "Ohio"]
    framing = story.corpus_framing(top)  # only entities written in two ways are a naming question
    assert framing[["concept", "term"]].values.tolist() == [["Donald Trump", "Trump"],
                                                             ["Donald Trump", "Donald Trump"]]  # fmt: skip


def test_draft_round_trip(sample_corpus, tmp_path, monkeypatch):
    found = entities.mentions(sample_corpus)
    monkeypatch.setattr(story, "PATHS", Paths(tmp_path))
    written = story.draft(found, tmp_path / "data" / "stories" / "drafted")
    assert [p.name for p in written] == ["framing.csv", "targets.csv", "speakers.csv"]
    assert len(naming.read_lexicon(written[0])) > 0
    targets = sentiment.read_targets(written[1])
    assert "Mohammed Shia al-Sudani" in set(targets["target"])
    speakers = pd.read_csv(written[2], dtype=str, keep_default_na=False)
    assert (speakers["affiliation"] == "").all() and speakers["mentions"].astype(int).gt(0).all()
    assert "al-Sudani" in set(quotes.load_speakers(str(written[2]))["alias"])
    chosen = story.choose(found, "drafted")  # a draft names every entity it was drawn from
    assert chosen.used and chosen.coverage["targets.csv"] == 1.0
    with pytest.raises(FileExistsError):
        story.draft(found, tmp_path / "data" / "stories" / "drafted")


def test_story_draft_command(sample_raw, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "PATHS", Paths(tmp_path))
    assert cli.main(["story", "draft", "--raw", str(sample_raw), "--name", "mine", "--quiet",
                     "--jobs", "1"]) == 0  # fmt: skip
    assert (tmp_path / "data" / "stories" / "mine" / "speakers.csv").exists()
    assert "--story mine" in capsys.readouterr().out
