"""Who and what each outlet mentions: named-entity mentions from the parse, with alias merging.

Mentions come from the ``ent_type``/``ent_iob`` columns of the ``tokens`` table (spaCy's named-entity
recognizer, nothing re-parsed), in four kinds: ``person`` (PERSON), ``organization`` (ORG), ``place``
(GPE, LOC, FAC) and ``nationality`` (NORP: nationalities, religious and political groups).

Names are merged in four steps: (1) normalization ("the United States'" -> "United States",
"U.S." -> "US", "al - Sudani's" -> "al-Sudani"); (2) the editable alias list
``data/lexicons/entity_aliases.csv`` (alias, entity, note: "US" -> "United States") and one spelling
for names differing only in case ("WASHINGTON" -> "Washington"); (3) each name's kind is its majority
kind across the corpus (a name tagged PERSON 40 times and ORG twice is a person); (4) for people,
names sharing a surname (an "al-" prefix ignored) are grouped: spellings of one full name ("Mohamed"
/ "Mohammed Shia al-Sudani", similarity >= 92%) and full names whose words contain another's merge
into the most mentioned full name (the longer spelling on a tie), and a bare surname ("Sudani",
"al-Sudani") joins it when it is the only full name with that surname, or is mentioned at least
three times as often as the next one ("Obama" -> "Barack Obama" even when "Michelle Obama" occurs).
Otherwise ("Clinton" with "Hillary Clinton" 121 and "Bill Clinton" 60 times) the bare surname stays
as written: two people are never merged by a guess.

Example:
    >>> found = mentions(c)                          # doctest: +SKIP
    >>> by_outlet(found, kind="person").head()       # doctest: +SKIP
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from analysis.config import PATHS
from analysis.corpus import Corpus, article_outlets

Kind = Literal["person", "organization", "place", "nationality"]
KINDS: dict[str, str] = {
    "PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
    "NORP": "nationality",
}  # fmt: skip
ALIASES = "entity_aliases.csv"
#: A bare surname joins the most mentioned full name when it has this many times the mentions of
#: the next full name with that surname ("Obama" -> "Barack Obama", not "Michelle Obama").
DOMINANT = 3
MENTION_COLUMNS = [
    "outlet_label",
    "article_id",
    "start",
    "end",
    "text",
    "ent_type",
    "kind",
    "name",
    "entity",
]
_PREFIX = re.compile(r"^(?:al|el|ul|ad|as|ash|at|az)[-‐]", re.IGNORECASE)
_DOTTED = re.compile(r"^(?:[A-Z]\.){2,}$")
_POSSESSIVE = re.compile(r"(?:['’]s?|\s+['’]s?)$")


def read_aliases(path: str | Path | None = None) -> dict[str, str]:
    """The alias list as {alias: entity}; default ``data/lexicons/entity_aliases.csv`` (empty if absent)."""
    if path is None:
        path = PATHS.lexicons / ALIASES
        if not path.exists():
            return {}
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if not {"alias", "entity"} <= set(frame.columns):
        raise ValueError(f"{path}: needs the columns alias and entity")
    return {
        a.strip(): e.strip()
        for a, e in zip(frame["alias"], frame["entity"], strict=True)
        if a.strip()
    }


def normalize(name: str) -> str:
    """A mention's text as a name: spaces collapsed, leading "the", possessive and stray marks dropped.

    Example:
        >>> normalize("the United States '"), normalize("U.S."), normalize("al - Sudani's")
        ('United States', 'US', 'al-Sudani')
    """
    name = " ".join(name.split())
    name = re.sub(r"\s*([-‐])\s*", r"\1", name)
    name = _POSSESSIVE.sub("", name)
    name = re.sub(r"^[\s\"“”‘’'(\[]+|[\s\"“”‘’'(),.\[\]:;]+$", "", name)
    name = re.sub(r"^(?:the|The|a|A|an|An)\s+", "", name)
    if _DOTTED.match(name + ("." if not name.endswith(".") else "")) and "." in name:
        name = name.replace(".", "")
    return name


def _surname(name: str) -> str:
    last = name.split()[-1] if name.split() else name
    return _PREFIX.sub("", last).lower()


def merge_names(names: pd.Series) -> dict[str, str]:
    """{name: canonical} for person names (one per mention), grouped by surname: "Obama" joins
    "Barack Obama" when that full name dominates its surname (see the module docstring)."""
    by_key: dict[str, list[tuple[int, str]]] = {}
    for name, count in names.value_counts().items():
        by_key.setdefault(_surname(name), []).append((int(count), name))
    mapping: dict[str, str] = {}
    for group in by_key.values():
        full = sorted((g for g in group if " " in g[1]), key=lambda g: (-g[0], -len(g[1]), g[1]))
        canon: list[str] = []
        for _, name in full:
            target = next(
                (
                    c
                    for c in canon
                    if fuzz.ratio(name, c) >= 92 or fuzz.token_set_ratio(name, c) == 100
                ),
                None,
            )
            if target is None:
                canon.append(name)
                target = name
            mapping[name] = target
        totals = sorted(
            ((sum(c for c, n in full if mapping[n] == k), k) for k in canon), reverse=True
        )
        if totals and (len(totals) == 1 or totals[0][0] >= DOMINANT * totals[1][0]):
            for _, name in group:
                mapping.setdefault(name, totals[0][1])
    return mapping


def mentions(
    corpus: Corpus,
    *,
    kinds: tuple[Kind, ...] = ("person", "organization", "place", "nationality"),
    aliases: dict[str, str] | None = None,
    merge: bool = True,
) -> pd.DataFrame:
    """Every named-entity mention of the given kinds, with its merged entity name.

    Args:
        corpus: the tables (``tokens``, ``texts``, ``articles``).
        kinds: which kinds to keep.
        aliases: {alias: entity} (default :func:`read_aliases`), applied after normalization.
        merge: also merge people across the corpus (:func:`merge_people`). Without it each article
            is handled on its own, so the result can be computed article by article (a pipeline
            stage) and merged afterwards.

    Returns:
        ``outlet_label``, ``article_id``, ``start``, ``end`` (offsets into ``texts.text``), ``text``
        (as written), ``ent_type`` (spaCy label), ``kind``, ``name`` (normalized), ``entity`` (after
        alias merging), in reading order.

    Example:
        >>> mentions(c, kinds=("person",))[["text", "entity"]].head(3)  # doctest: +SKIP
    """
    aliases = read_aliases() if aliases is None else aliases
    types = [t for t, k in KINDS.items() if k in kinds]
    tok = corpus.tokens
    ent = tok.loc[(tok["ent_iob"] != "O") & tok["ent_type"].isin(types), ["article_id", "token", "start", "end",
                                                                          "ent_type", "ent_iob"]]  # fmt: skip
    if ent.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in MENTION_COLUMNS})
    codes = pd.factorize(ent["article_id"])[0]
    token = ent["token"].to_numpy()
    typ = ent["ent_type"].to_numpy()
    new = (ent["ent_iob"] == "B").to_numpy() | np.r_[
        True, (codes[1:] != codes[:-1]) | (token[1:] != token[:-1] + 1) | (typ[1:] != typ[:-1])
    ]
    grouped = ent.assign(_m=np.cumsum(new)).groupby("_m", sort=False)
    found = grouped.agg(article_id=("article_id", "first"), start=("start", "min"), end=("end", "max"),
                        ent_type=("ent_type", "first")).reset_index(drop=True)  # fmt: skip
    text_of = dict(zip(corpus.texts["article_id"], corpus.texts["text"], strict=True))
    found["text"] = [" ".join(text_of[a][s:e].split()) for a, s, e in
                     zip(found["article_id"], found["start"], found["end"], strict=True)]  # fmt: skip
    found["kind"] = found["ent_type"].map(KINDS)
    unique = pd.Series(found["text"].unique())
    found["name"] = found["text"].map(dict(zip(unique, unique.map(normalize), strict=True)))
    found = found[found["name"] != ""]
    found["entity"] = merge_case(found["name"].map(lambda n: aliases.get(n, n)))
    found["kind"] = vote_kinds(found)
    found = found.merge(article_outlets(corpus.articles), on="article_id", how="left")
    found = found[MENTION_COLUMNS].reset_index(drop=True)
    return merge_people(found) if merge else found


def merge_case(names: pd.Series) -> pd.Series:
    """Names that differ only in case written one way: the most frequent spelling ("WASHINGTON"
    becomes "Washington"; on a tie the one with fewer capitals).

    Example:
        >>> merge_case(pd.Series(["Washington", "WASHINGTON", "Washington"])).tolist()
        ['Washington', 'Washington', 'Washington']
    """
    counts = names.value_counts()
    best: dict[str, tuple[int, int, str]] = {}
    for name, count in counts.items():
        key = (int(count), -sum(ch.isupper() for ch in name), name)
        folded = name.casefold()
        if folded not in best or key > best[folded]:
            best[folded] = key
    spelling = {name: best[name.casefold()][2] for name in counts.index}
    return names.map(spelling)


def vote_kinds(found: pd.DataFrame) -> pd.Series:
    """Each mention's kind set to its entity's majority kind across the corpus, so one name is one
    row. A one-word name also counts, as person votes, the mentions of the full person names it is
    the surname of: the recognizer tags a bare "Trump" an organization about half the time, but the
    corpus writes "Donald Trump" as a person; "Washington" (a place) is outvoted by nothing unless a
    person "... Washington" is mentioned more often than the place. Ties go to the kind listed first
    in :data:`KINDS` (person, organization, place, nationality)."""
    if found.empty:
        return found["kind"]
    order = {k: i for i, k in enumerate(dict.fromkeys(KINDS.values()))}
    votes = found.groupby(["entity", "kind"]).size().unstack(fill_value=0)
    full = votes.index.str.contains(" ")
    people = votes[full & (votes.idxmax(axis=1) == "person")].sum(axis=1)
    by_surname = people.groupby(people.index.map(_surname)).sum()
    single = votes.index[~full]
    if "person" not in votes.columns:
        votes["person"] = 0
    extra = pd.Series(single.map(_surname), index=single).map(by_surname).fillna(0)
    votes.loc[single, "person"] += extra.to_numpy(dtype=votes["person"].dtype)
    votes = votes[sorted(votes.columns, key=order.get)]  # idxmax keeps the first on a tie
    return found["entity"].map(votes.idxmax(axis=1))


def merge_people(found: pd.DataFrame) -> pd.DataFrame:
    """A copy of :func:`mentions` output with people merged by surname across all its rows.

    Example:
        >>> merge_people(mentions(c, merge=False))  # doctest: +SKIP
    """
    out = found.copy()
    people = out["kind"] == "person"
    names = out.loc[people, "entity"]
    out.loc[people, "entity"] = names.map(merge_names(names)).fillna(names)
    return out


def by_outlet(found: pd.DataFrame, *, kind: Kind | None = None) -> pd.DataFrame:
    """Mentions per outlet and entity.

    Args:
        found: output of :func:`mentions`.
        kind: keep one kind.

    Returns:
        ``outlet_label``, ``kind``, ``entity``, ``count``, ``articles`` (the outlet's articles naming
        it), ``share`` (of the outlet's mentions of that kind, 0-1); sorted by outlet, kind, count.

    Example:
        >>> by_outlet(mentions(c), kind="person")  # doctest: +SKIP
    """
    if kind is not None:
        found = found[found["kind"] == kind]
    keys = ["outlet_label", "kind", "entity"]
    out = found.groupby(keys, sort=False).agg(
        count=("start", "size"), articles=("article_id", "nunique")
    )
    out = out.reset_index()
    out["share"] = out["count"] / out.groupby(["outlet_label", "kind"])["count"].transform("sum")
    out = out.sort_values(
        ["outlet_label", "kind", "count", "entity"], ascending=[True, True, False, True]
    )
    return out.reset_index(drop=True)
