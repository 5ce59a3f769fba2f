"""How each outlet names the same actors: matches of an editable framing lexicon, per outlet.

The lexicon (the story's ``framing.csv``, e.g. ``data/stories/us-iraq-2024/``) has one row per way of naming something: ``concept``
(what is named: "Iran-aligned armed groups"), ``term`` (the label shown: "Iran-backed militias"),
``pattern`` (a regular expression; blank means the term itself), ``case_sensitive`` (true/false)
and ``note``. Edit it to add a term; nothing else changes. Matches are whole words (a match starting
or ending inside a word is dropped), so patterns need no ``\\b``; one that starts with a literal
word runs fastest.

When two terms of one concept match overlapping text, the longer match wins ("Iran-backed militias"
is not also counted as "militias"); terms of different concepts are counted independently. A match
wrapped in quotation marks of its own ("Israel", "Israel's") is *scare-quoted*: the outlet distancing
itself from the name, counted apart from the plain form.

Example:
    >>> found = matches(c)                                  # doctest: +SKIP
    >>> usage(found).query("concept == 'Israel'")           # doctest: +SKIP
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from analysis.config import list_path
from analysis.corpus import Corpus, article_outlets
from analysis.kwic import find_many, in_quotes, term_pattern

Voice = Literal["own", "quoted", "scare quotes"]
LEXICON = "framing.csv"
LEXICON_COLUMNS = ["concept", "term", "pattern", "case_sensitive", "note"]
OPENING = frozenset("\"“‘'«„")
CLOSING = re.compile(r"(?:['’]s)?[\"”’'»]")
MATCH_COLUMNS = [
    "outlet_label", "article_id", "paragraph", "start", "end", "concept", "term", "match",
    "scare_quoted", "in_quotes", "voice",
]  # fmt: skip


def read_lexicon(path: str | Path | None = None) -> pd.DataFrame:
    """Read and check the framing lexicon.

    Returns:
        ``concept``, ``term``, ``pattern`` (filled in from the term when blank), ``case_sensitive``
        (bool), ``note``, ``regex`` (the compiled pattern).

    Raises:
        ValueError: a missing column, an empty concept or term, or a pattern that does not compile,
            naming the file and line.

    Example:
        >>> "Israel" in set(read_lexicon()["concept"])
        True
    """
    path = Path(path) if path else list_path(LEXICON)
    if path is None or not path.exists():  # no story: nothing to match
        return pd.DataFrame({c: pd.Series(dtype=object) for c in [*LEXICON_COLUMNS, "regex"]})
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("concept", "term") if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(LEXICON_COLUMNS)}"
        )
    for col in LEXICON_COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
    frame = frame[LEXICON_COLUMNS].copy()
    frame["concept"] = frame["concept"].str.strip()
    frame["term"] = frame["term"].str.strip()
    frame["case_sensitive"] = (
        frame["case_sensitive"].str.strip().str.lower().isin(["true", "yes", "1"])
    )
    compiled = []
    for line, row in enumerate(frame.itertuples(index=False), start=2):
        if not row.concept or not row.term:
            raise ValueError(f"{path} line {line}: concept and term must not be empty")
        pattern = row.pattern.strip() or term_pattern(row.term)
        try:
            compiled.append(re.compile(pattern, 0 if row.case_sensitive else re.IGNORECASE))
        except re.error as exc:
            raise ValueError(
                f"{path} line {line}: pattern {pattern!r} is not a valid regular expression ({exc})"
            ) from None
    frame["pattern"] = [c.pattern for c in compiled]
    frame["regex"] = compiled
    return frame


def _longest_per_concept(found: pd.DataFrame) -> pd.DataFrame:
    """Drop a match overlapped by a longer match of the same concept (the earlier one on a tie)."""
    keyed = found.assign(_id=np.arange(len(found)), _len=found["end"] - found["start"])
    cols = ["article_id", "concept", "_id", "start", "end", "_len"]
    pairs = keyed[cols].merge(keyed[cols], on=["article_id", "concept"], suffixes=("", "_o"))
    overlap = (
        (pairs["start_o"] < pairs["end"])
        & (pairs["start"] < pairs["end_o"])
        & (pairs["_id"] != pairs["_id_o"])
    )
    longer = (pairs["_len_o"] > pairs["_len"]) | (
        (pairs["_len_o"] == pairs["_len"]) & (pairs["start_o"] < pairs["start"])
    )
    beaten = set(pairs.loc[overlap & longer, "_id"])
    return keyed[~keyed["_id"].isin(beaten)].drop(columns=["_id", "_len"])


def _scare_quoted(found: pd.DataFrame, texts: pd.DataFrame) -> np.ndarray:
    text_of = dict(zip(texts["article_id"], texts["text"], strict=True))
    flags = []
    for aid, s, e in zip(found["article_id"], found["start"], found["end"], strict=True):
        text = text_of[aid]
        flags.append(s > 0 and text[s - 1] in OPENING and CLOSING.match(text, e) is not None)
    return np.array(flags, dtype=bool)


def matches(corpus: Corpus, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every match of the framing lexicon in the parsed text, one row each.

    Args:
        corpus: the tables.
        lexicon: output of :func:`read_lexicon` (default: the project lexicon).

    Returns:
        ``outlet_label``, ``article_id``, ``paragraph``, ``start``, ``end`` (offsets into
        ``texts.text``), ``concept``, ``term``, ``match`` (the text), ``scare_quoted`` (wrapped in
        its own quotation marks), ``in_quotes`` (inside quotation marks, scare quotes included),
        ``voice`` (``scare quotes`` | ``quoted`` | ``own``), in reading order.
    """
    lexicon = read_lexicon() if lexicon is None else lexicon
    found = find_many(corpus, list(lexicon["regex"]))
    if found.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in MATCH_COLUMNS})
    idx = found["pattern"].to_numpy(dtype=np.int64)
    found = found.assign(
        concept=lexicon["concept"].to_numpy()[idx], term=lexicon["term"].to_numpy()[idx]
    )
    order = {a: i for i, a in enumerate(corpus.texts["article_id"])}
    found = _longest_per_concept(found)
    found = found.sort_values(
        ["article_id", "start", "pattern"],
        key=lambda s: s.map(order) if s.name == "article_id" else s,
    )
    found = found.reset_index(drop=True)
    found["scare_quoted"] = _scare_quoted(found, corpus.texts)
    found["in_quotes"] = (
        in_quotes(found, corpus.tokens).to_numpy() | found["scare_quoted"].to_numpy()
    )
    found["voice"] = np.where(
        found["scare_quoted"], "scare quotes", np.where(found["in_quotes"], "quoted", "own")
    )
    found = found.merge(article_outlets(corpus.articles), on="article_id", how="left")
    return found[MATCH_COLUMNS]


def usage(found: pd.DataFrame, *, voice: Voice | None = None) -> pd.DataFrame:
    """Which terms each outlet uses for each concept: counts and shares, scare-quoted forms apart.

    Args:
        found: output of :func:`matches`.
        voice: keep only matches in this voice (``own``, ``quoted``, ``scare quotes``); default all.

    Returns:
        ``outlet_label``, ``concept``, ``term``, ``scare_quoted``, ``form`` (the term, in quotation
        marks when scare-quoted), ``count``, ``articles`` (how many of the outlet's articles use it),
        ``share`` (of the outlet's matches for the concept, 0-1); sorted by outlet, concept, count.

    Example:
        >>> usage(matches(c)).query("concept == 'Israel'")  # doctest: +SKIP
    """
    if voice is not None:
        found = found[found["voice"] == voice]
    keys = ["outlet_label", "concept", "term", "scare_quoted"]
    out = found.groupby(keys, sort=False).agg(
        count=("start", "size"), articles=("article_id", "nunique")
    )
    out = out.reset_index()
    out["form"] = np.where(out["scare_quoted"], "\u201c" + out["term"] + "\u201d", out["term"])
    out["share"] = out["count"] / out.groupby(["outlet_label", "concept"])["count"].transform("sum")
    out = out.sort_values(
        ["outlet_label", "concept", "count", "form"], ascending=[True, True, False, True]
    )
    return out[
        ["outlet_label", "concept", "term", "scare_quoted", "form", "count", "articles", "share"]
    ].reset_index(drop=True)


def describe(usage_table: pd.DataFrame) -> list[str]:
    """Sentences for a notebook's findings: each outlet's usual name for each concept, scare quotes.

    Example:
        >>> describe(usage(matches(c)))[:1]  # doctest: +SKIP
        ['Israel: Al Mayadeen English mostly writes “Israel” (3 of 5); ...']
    """
    lines = []
    for concept, part in usage_table.groupby("concept", sort=True):
        parts = []
        for outlet, rows in part.groupby("outlet_label", sort=True):
            top = rows.sort_values(["count", "form"], ascending=[False, True]).iloc[0]
            parts.append(
                f"{outlet} mostly writes {top['form']} ({top['count']} of {rows['count'].sum()})"
            )
        lines.append(f"{concept}: " + "; ".join(parts) + ".")
    scare = usage_table[usage_table["scare_quoted"]]
    for row in scare.itertuples(index=False):
        lines.append(f"{row.outlet_label} puts {row.term} in scare quotes {row.count} time(s).")
    return lines
