"""Who and what each outlet mentions: named-entity mentions from the parse, with alias merging.

Mentions come from the ``ent_type``/``ent_iob`` columns of the ``tokens`` table (spaCy's named-entity
recognizer, nothing re-parsed), in four kinds: ``person`` (PERSON), ``organization`` (ORG), ``place``
(GPE, LOC, FAC) and ``nationality`` (NORP: nationalities, religious and political groups).

Names are merged in three steps: (1) normalization ("the United States'" -> "United States",
"U.S." -> "US", "al - Sudani's" -> "al-Sudani"); (2) the editable alias list
``data/lexicons/entity_aliases.csv`` (alias, entity, note: "US" -> "United States"); (3) for people,
names sharing a surname (an "al-" prefix ignored) are grouped: spellings of one full name ("Mohamed"
/ "Mohammed Shia al-Sudani") and full names whose words contain another's merge into the most
mentioned full name (the longer spelling on a tie), and a bare surname ("Sudani", "al-Sudani") joins it when the corpus holds only
one full name with that surname. Two different people with one surname ("Joe Biden", "Hunter
Biden") stay apart, and a bare "Biden" is then left as written.

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
from analysis.corpus import Corpus
from analysis.frequency import article_outlets

Kind = Literal["person", "organization", "place", "nationality"]
KINDS: dict[str, str] = {
    "PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
    "NORP": "nationality",
}  # fmt: skip
ALIASES = "entity_aliases.csv"
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


def _merge_people(names: pd.Series) -> dict[str, str]:
    """{name: canonical} for person names, grouped by surname (see the module docstring)."""
    counts = names.value_counts()
    frame = pd.DataFrame({"name": counts.index, "count": counts.to_numpy()})
    frame["key"] = frame["name"].map(_surname)
    frame["words"] = frame["name"].str.split().str.len()
    frame["length"] = frame["name"].str.len()
    mapping: dict[str, str] = {}
    for _, group in frame.groupby("key", sort=False):
        full = group[group["words"] > 1].sort_values(
            ["count", "length", "name"], ascending=[False, False, True]
        )
        canon: list[str] = []
        for name in full["name"]:
            target = next(
                (
                    c
                    for c in canon
                    if fuzz.ratio(name, c) >= 85 or fuzz.token_set_ratio(name, c) == 100
                ),
                None,
            )
            if target is None:
                canon.append(name)
                target = name
            mapping[name] = target
        if len(canon) == 1:
            for name in group.loc[group["words"] == 1, "name"]:
                mapping[name] = canon[0]
    return mapping


def mentions(
    corpus: Corpus,
    *,
    kinds: tuple[Kind, ...] = ("person", "organization", "place", "nationality"),
    aliases: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Every named-entity mention of the given kinds, with its merged entity name.

    Args:
        corpus: the tables (``tokens``, ``texts``, ``articles``).
        kinds: which kinds to keep.
        aliases: {alias: entity} (default :func:`read_aliases`), applied after normalization.

    Returns:
        ``outlet_label``, ``article_id``, ``start``, ``end`` (offsets into ``texts.text``), ``text``
        (as written), ``ent_type`` (spaCy label), ``kind``, ``name`` (normalized), ``entity`` (after
        alias merging), in reading order.
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
    entity = found["name"].map(lambda n: aliases.get(n, n))
    people = found["kind"] == "person"
    entity[people] = entity[people].map(_merge_people(entity[people])).fillna(entity[people])
    found["entity"] = entity
    found = found.merge(article_outlets(corpus.articles), on="article_id", how="left")
    return found[MENTION_COLUMNS].reset_index(drop=True)


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
