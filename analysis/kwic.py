"""Find a word or pattern in the articles and show every occurrence in context (keyword in context).

Searches the article text that was parsed (standfirst, body and subheading paragraphs), never the
page furniture that cleaning removed or the captions. Each match keeps ``article_id`` and its offsets
into ``texts.text``, so it can be traced to the source file; context is cut at the paragraph's edge.

Example:
    >>> kwic(c, "occupation forces")                      # doctest: +SKIP
    >>> find(c, r"Iran-backed \\w+", regex=True)          # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis.corpus import Corpus, article_outlets
from analysis.schema import PARSED_KINDS

MATCH_COLUMNS = ["article_id", "paragraph", "start", "end", "match", "span_start", "span_end"]


def term_pattern(term: str) -> str:
    r"""A regular expression for ``term``, any run of spaces matching any whitespace.

    Example:
        >>> term_pattern("occupation forces")
        'occupation\\s+forces'
    """
    return r"\s+".join(re.escape(w) for w in term.split())


def _lowered(pattern: str) -> str:
    """``pattern`` with its literal letters lower-cased, escapes (``\\S``, ``\\W``) left alone."""
    return re.sub(
        r"\\.|.",
        lambda m: m.group() if m.group().startswith("\\") else m.group().lower(),
        pattern,
        flags=re.DOTALL,
    )


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _spans(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """One row per source span of each parsed paragraph: article_id, paragraph, span_start, span_end."""
    parsed = paragraphs[paragraphs["kind"].isin(PARSED_KINDS)]
    spans = parsed[["article_id", "paragraph", "spans"]].explode("spans").dropna(subset=["spans"])
    bounds = np.array([list(s) for s in spans["spans"]], dtype=np.int64).reshape(-1, 2)
    return pd.DataFrame({
        "article_id": spans["article_id"].to_numpy(), "paragraph": spans["paragraph"].to_numpy(),
        "span_start": bounds[:, 0], "span_end": bounds[:, 1],
    })  # fmt: skip


def find(
    corpus: Corpus,
    pattern: str | re.Pattern[str],
    *,
    regex: bool = False,
    case_sensitive: bool = False,
) -> pd.DataFrame:
    """Every match of a term or regular expression in the parsed text of the corpus.

    Args:
        corpus: the tables (``texts`` and ``paragraphs`` are used).
        pattern: a term (see :func:`term_pattern`) or, with ``regex=True``, a regular expression
            (a compiled one keeps its own flags). Matches are whole words (see :func:`find_many`).
        regex: treat ``pattern`` as a regular expression.
        case_sensitive: match case exactly (ignored for a compiled pattern).

    Returns:
        ``article_id``, ``paragraph``, ``start``, ``end`` (offsets into ``texts.text``), ``match``
        (the text matched), ``span_start``, ``span_end`` (the paragraph span holding the match).
    """
    if isinstance(pattern, re.Pattern):
        compiled = pattern
    else:
        flags = 0 if case_sensitive else re.IGNORECASE
        compiled = re.compile(pattern if regex else term_pattern(pattern), flags)
    return find_many(corpus, [compiled]).drop(columns="pattern")


def find_many(corpus: Corpus, patterns: list[re.Pattern[str]]) -> pd.DataFrame:
    """The matches of several compiled patterns, as :func:`find` plus ``pattern`` (its list index).

    Matches are whole words: one that starts or ends inside a word is dropped, so patterns need no
    ``\\b`` (and run much faster without one: Python's regex engine scans quickly for a pattern
    that starts with a literal). All texts are searched at once, joined with a separator no pattern
    can cross; a case-insensitive pattern runs lower-cased on a lower-cased copy (the same speed
    trick), then matches outside the parsed paragraphs are dropped.
    """
    texts = corpus.texts
    columns = ["pattern", *MATCH_COLUMNS]
    sep = "\x00\n\x00"
    lengths = texts["text"].str.len().to_numpy(dtype=np.int64)
    bases = np.r_[0, np.cumsum(lengths + len(sep))[:-1]].astype(np.int64)
    joined = sep.join(texts["text"])
    lowered = joined.lower()
    if len(lowered) != len(joined):  # a rare letter whose lower case is longer: no fast path
        lowered = None
    found = []
    for k, compiled in enumerate(patterns):
        if compiled.flags & re.IGNORECASE and lowered is not None:
            fast = re.compile(_lowered(compiled.pattern), compiled.flags & ~re.IGNORECASE)
            hits = fast.finditer(lowered)
        else:
            hits = compiled.finditer(joined)
        for m in hits:
            s, e = m.span()
            if e == s or (s and _is_word(joined[s]) and _is_word(joined[s - 1])):
                continue
            if e < len(joined) and _is_word(joined[e - 1]) and _is_word(joined[e]):
                continue
            found.append((k, s, e, joined[s:e]))
    if not found:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    hits = pd.DataFrame(found, columns=["pattern", "g_start", "g_end", "match"])
    which = np.searchsorted(bases, hits["g_start"].to_numpy(), side="right") - 1
    hits["article_id"] = texts["article_id"].to_numpy()[which]
    hits["start"] = hits["g_start"].to_numpy() - bases[which]
    hits["end"] = hits["g_end"].to_numpy() - bases[which]
    spans = _spans(corpus.paragraphs).sort_values("span_start")
    located = pd.merge_asof(
        hits.sort_values("start"), spans, left_on="start", right_on="span_start", by="article_id"
    )
    located = located[located["span_end"].notna() & (located["end"] <= located["span_end"])]
    located = located.astype({"paragraph": "int64", "span_start": "int64", "span_end": "int64"})
    located = located.sort_values(["article_id", "start", "pattern"], key=_reading_order(texts))
    return located[columns].reset_index(drop=True)


def _reading_order(texts: pd.DataFrame) -> Callable[[pd.Series], pd.Series]:
    order = {a: i for i, a in enumerate(texts["article_id"])}
    return lambda s: s.map(order) if s.name == "article_id" else s


def in_quotes(matches: pd.DataFrame, tokens: pd.DataFrame) -> pd.Series:
    """Whether each match starts on a token inside quotation marks (False when no token starts there)."""
    if matches.empty:
        return pd.Series([], dtype=bool, index=matches.index)
    left = matches[["article_id", "start"]].reset_index().sort_values("start")
    right = tokens[["article_id", "start", "end", "in_quotes"]].rename(columns={"start": "t_start"})
    right = right.sort_values("t_start")
    hit = pd.merge_asof(left, right, left_on="start", right_on="t_start", by="article_id")
    inside = hit["in_quotes"].fillna(False).astype(bool) & (hit["start"] < hit["end"])
    return pd.Series(inside.to_numpy(), index=hit["index"].to_numpy()).reindex(matches.index)


def kwic(
    corpus: Corpus,
    pattern: str,
    *,
    window: int = 60,
    regex: bool = False,
    case_sensitive: bool = False,
) -> pd.DataFrame:
    """Every occurrence of a term with its left and right context, article and outlet.

    Args:
        corpus: the tables.
        pattern: a term (whole words) or, with ``regex=True``, a regular expression.
        window: characters of context on each side, cut at the paragraph's edge; line breaks and runs
            of spaces are shown as one space.
        regex: treat ``pattern`` as a regular expression.
        case_sensitive: match case exactly.

    Returns:
        ``outlet_label``, ``article_id``, ``paragraph``, ``start``, ``end``, ``left``, ``match``,
        ``right``, ``in_quotes`` (the match lies inside quotation marks), in reading order.

    Example:
        >>> kwic(c, "Resistance", case_sensitive=True)[["outlet_label", "left", "match", "right"]]  # doctest: +SKIP
    """
    matches = find(corpus, pattern, regex=regex, case_sensitive=case_sensitive)
    columns = [
        "outlet_label",
        "article_id",
        "paragraph",
        "start",
        "end",
        "left",
        "match",
        "right",
        "in_quotes",
    ]
    if matches.empty:
        return pd.DataFrame(columns=columns)
    text_of = dict(zip(corpus.texts["article_id"], corpus.texts["text"], strict=True))
    rows = zip(matches["article_id"], matches["start"], matches["end"], matches["span_start"],
               matches["span_end"], strict=True)  # fmt: skip
    left, right = [], []
    for aid, s, e, ps, pe in rows:
        text = text_of[aid]
        left.append(" ".join(text[max(ps, s - window) : s].split()))
        right.append(" ".join(text[e : min(pe, e + window)].split()))
    out = matches.assign(left=left, right=right, in_quotes=in_quotes(matches, corpus.tokens))
    out = out.merge(article_outlets(corpus.articles), on="article_id", how="left")
    return out[columns]
