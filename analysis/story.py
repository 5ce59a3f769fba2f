"""Which story's lists the analyses use, how much of the corpus they cover, and lists drawn from
the corpus itself when they cover too little.

A story folder (``data/stories/NAME/``) holds the lists that describe one story:
``framing.csv`` (names of actors and loaded words), ``targets.csv`` (sentiment targets) and
``speakers.csv`` (speakers, types and affiliations). The story in use is a parameter
(:func:`analysis.config.story_setting`): a name, ``none``, or ``auto``, which uses the sample
story only when its lists cover the corpus.

Coverage is the share of the corpus's :data:`TOP_ENTITIES` most-mentioned people, organizations
and places (after name merging, :func:`analysis.entities.mentions`) that a list names: a list
names an entity when one of its patterns or aliases matches one of the entity's written variants
as a whole. Below :data:`MIN_COVERAGE` the analyses work from the corpus instead: targets are the
most-mentioned entities, naming compares the corpus's own variant names for each of them, and
speakers keep the names the articles give with an ``unknown`` affiliation (no guess). Canonical
person merging for speakers is :func:`analysis.quotes.merge_speakers` (surname rule of
:func:`analysis.entities.merge_names`), nothing more here.

Example:
    >>> choice = choose(entities.mentions(c))         # doctest: +SKIP
    >>> lists_sentence(choice, ["targets.csv"])        # doctest: +SKIP
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import entities, naming, quotes, sentiment
from analysis.config import AUTO, NO_STORY, PATHS, SAMPLE_STORY, STORY_LISTS, story_setting
from analysis.corpus import Corpus

#: Entities (people, organizations, places) whose coverage is measured: enough to be the story's
#: main actors, few enough that a story list naming the actors it is about covers most of them.
TOP_ENTITIES = 20
#: A story's lists are used (in ``auto``) when they name at least this share of the top entities:
#: the sample story names 0.70 of the samples' top 20 and 0.15 of the 2016 election corpus's
#: (PolNeAR train), so the threshold sits between the two with room either side.
MIN_COVERAGE = 0.3
#: An entity's variant name counts for naming and targets when written at least this often
#: (one-off spellings and recognizer slips stay out).
MIN_VARIANT_COUNT = 2
ENTITY_KINDS = ("person", "organization", "place")
TOP_COLUMNS = ["entity", "kind", "count", "articles", "variants"]


@dataclass(frozen=True)
class Choice:
    """The story chosen for a corpus: ``story`` is None when the analyses work from the corpus."""

    setting: str
    story: str | None
    coverage: dict[str, float] = field(default_factory=dict)
    entities: int = 0

    @property
    def used(self) -> bool:
        return self.story is not None


def top_entities(found: pd.DataFrame, n: int = TOP_ENTITIES) -> pd.DataFrame:
    """The ``n`` most-mentioned people, organizations and places.

    Args:
        found: output of :func:`analysis.entities.mentions` (names merged, kinds voted).

    Returns:
        ``entity``, ``kind``, ``count`` (mentions), ``articles``, ``variants`` (the normalized names
        written for it, most frequent first, each written at least :data:`MIN_VARIANT_COUNT` times;
        the entity itself always), most mentioned first.
    """
    found = found[found["kind"].isin(ENTITY_KINDS)]
    if found.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in TOP_COLUMNS})
    top = found.groupby("entity").agg(
        kind=("kind", lambda k: k.value_counts().index[0]),
        count=("start", "size"),
        articles=("article_id", "nunique"),
    )
    top = top.reset_index().sort_values(["count", "entity"], ascending=[False, True]).head(n)
    names = found[found["entity"].isin(top["entity"])].groupby("entity")["name"]
    variants = {}
    for entity, written in names:
        counts = entities.merge_case(written).value_counts()
        kept = [v for v, k in counts.items() if k >= MIN_VARIANT_COUNT]
        variants[entity] = kept if entity in kept else [entity, *kept]
    top["variants"] = top["entity"].map(variants)
    return top[TOP_COLUMNS].reset_index(drop=True)


def list_patterns(name: str, path: Path) -> list[re.Pattern]:
    """The patterns of one story list: framing and target patterns, speaker names and aliases."""
    if not path.exists():
        return []
    if name == "framing.csv":
        return list(naming.read_lexicon(path)["regex"])
    if name == "targets.csv":
        return [re.compile(rf"(?:{p})") for p in sentiment.read_targets(path)["pattern"] if p]
    table = quotes.load_speakers(str(path))
    return [re.compile(re.escape(a), re.IGNORECASE) for a in table["alias"] if a]


def coverage(top: pd.DataFrame, patterns: list[re.Pattern]) -> float:
    """Share of the entities of ``top`` (:func:`top_entities`) that a pattern matches as a whole,
    on the entity's name or one of its variants (0 when ``top`` is empty)."""
    if top.empty:
        return 0.0
    named = [
        any(p.fullmatch(v) for v in {e, *variants} for p in patterns)
        for e, variants in zip(top["entity"], top["variants"], strict=True)
    ]
    return sum(named) / len(named)


def choose(found: pd.DataFrame, story: str | None = None) -> Choice:
    """The story for a corpus given its entity mentions and the setting (``story``, else
    ``PRESSLENS_STORY``, else ``auto``): a named story is used as asked, ``none`` never, ``auto``
    the sample story when its lists' combined coverage reaches :data:`MIN_COVERAGE`.

    Raises:
        FileNotFoundError: a named story with no folder in ``data/stories/``.
    """
    setting = story_setting(story)
    top = top_entities(found)
    if setting == NO_STORY:
        return Choice(setting, None, {}, len(top))
    name = SAMPLE_STORY if setting == AUTO else setting
    folder = PATHS.story(name)
    if not folder.is_dir():
        known = ", ".join(sorted(p.name for p in PATHS.stories.glob("*") if p.is_dir()))
        raise FileNotFoundError(f"no story folder {folder} (stories: {known or 'none'})")
    per_list = {lst: list_patterns(lst, folder / lst) for lst in STORY_LISTS}
    cover = {lst: coverage(top, pats) for lst, pats in per_list.items()}
    cover["all"] = coverage(top, [p for pats in per_list.values() for p in pats])
    used = setting != AUTO or cover["all"] >= MIN_COVERAGE
    return Choice(setting, name if used else None, cover, len(top))


def lists_sentence(choice: Choice, lists: list[str]) -> str:
    """One sentence for a notebook: which lists it used and how much of the corpus they cover."""
    names = ", ".join(f"`{lst}`" for lst in lists)
    if choice.used:
        shares = ", ".join(f"`{lst}` {choice.coverage.get(lst, 0):.0%}" for lst in lists)
        return (
            f"Lists used: {names} of the story `{choice.story}`; they name this share of the "
            f"corpus's {choice.entities} most-mentioned people, organizations and places: {shares}."
        )
    if choice.setting == NO_STORY:
        why = "no story was asked for"
    elif not choice.entities:
        why = "the corpus names no person, organization or place to measure the story's lists on"
    else:
        why = (
            f"the sample story `{SAMPLE_STORY}` names only {choice.coverage.get('all', 0):.0%} of "
            f"the corpus's {choice.entities} most-mentioned people, organizations and places "
            f"(below {MIN_COVERAGE:.0%})"
        )
    return (
        f"No story lists used ({why}): the lists here are drawn from the corpus itself "
        f"(its most-mentioned entities and the names it writes for them); "
        f"`python -m analysis story draft` writes them as a story to edit."
    )


def corpus_targets(top: pd.DataFrame) -> pd.DataFrame:
    """Sentiment targets from the corpus: each top entity, matched by its written variants.

    Returns:
        ``target``, ``pattern`` (the variants, longest first, as a regular expression), ``note``
        (the kind and mention count), in the format of the story's ``targets.csv``.
    """
    rows = [
        {
            "target": r.entity,
            "pattern": "|".join(re.escape(v) for v in sorted(r.variants, key=len, reverse=True)),
            "note": f"{r.kind}, {r.count} mentions",
        }
        for r in top.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["target", "pattern", "note"])


def corpus_framing(top: pd.DataFrame) -> pd.DataFrame:
    """A naming lexicon from the corpus: for each top entity written in two or more ways, one term
    per variant (concept = the entity), in the format of :func:`analysis.naming.read_lexicon`."""
    rows = [
        {"concept": r.entity, "term": v, "pattern": re.escape(v), "case_sensitive": True,
         "note": f"variant of {r.entity} ({r.kind})"}
        for r in top.itertuples(index=False) if len(r.variants) > 1 for v in r.variants
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=naming.LEXICON_COLUMNS)
    frame["regex"] = [re.compile(p) for p in frame["pattern"]]
    return frame


def framing_for(choice: Choice, found: pd.DataFrame) -> pd.DataFrame:
    """The naming lexicon to use: the story's ``framing.csv``, else :func:`corpus_framing`."""
    if choice.used:
        return naming.read_lexicon(PATHS.story(choice.story) / "framing.csv")
    return corpus_framing(top_entities(found))


def targets_for(choice: Choice, found: pd.DataFrame) -> pd.DataFrame:
    """The sentiment targets to use: the story's ``targets.csv``, else :func:`corpus_targets`."""
    if choice.used:
        return sentiment.read_targets(PATHS.story(choice.story) / "targets.csv")
    return corpus_targets(top_entities(found))


def quotes_for(choice: Choice, corpus: Corpus) -> pd.DataFrame:
    """The attributions to use: the ingested ``quotes`` table when the story is used (speakers
    resolved through its ``speakers.csv``), else attributions found again with no speaker list, so
    that every affiliation is ``unknown`` and every name is the article's own."""
    if choice.used:
        return corpus.table("quotes")
    none = pd.DataFrame(columns=["alias", "canonical", "type", "affiliation"])
    return quotes.attribute(corpus, speakers=none)


def draft(found: pd.DataFrame, folder: Path, *, n: int = 40) -> list[Path]:
    """Write a story folder drafted from a corpus's entity mentions, for the user to edit.

    ``targets.csv``: the ``n`` most-mentioned entities with their variants; ``framing.csv``: the
    variant names of each entity written in two or more ways; ``speakers.csv``: the most-mentioned
    people and organizations as candidate speakers, with their variants as aliases, the mention
    count and an empty affiliation. Returns the files written.

    Raises:
        FileExistsError: when the folder already holds a story list (an edited story is never
            overwritten).
    """
    existing = [folder / lst for lst in STORY_LISTS if (folder / lst).exists()]
    if existing:
        raise FileExistsError(f"{existing[0]} exists: draft into a new folder")
    folder.mkdir(parents=True, exist_ok=True)
    top = top_entities(found, n)
    corpus_targets(top).to_csv(folder / "targets.csv", index=False)
    corpus_framing(top).drop(columns="regex").to_csv(folder / "framing.csv", index=False)
    people = top[top["kind"].isin(["person", "organization"])]
    speakers = pd.DataFrame(
        {
            "canonical": people["entity"],
            "aliases": ["|".join(v for v in vs if v != e) for e, vs in zip(people["entity"], people["variants"], strict=True)],
            "type": people["kind"],
            "affiliation": "",
            "mentions": people["count"],
        }
    )  # fmt: skip
    speakers.to_csv(folder / "speakers.csv", index=False)
    return [folder / lst for lst in STORY_LISTS]
