"""Sentences for the notebooks and the report, computed from the tables of the corpus at hand.

Nothing here is typed for one corpus: a number, an outlet name or a size in a finding or caveat
comes from the table it describes, so the same notebook reads true on any corpus.

Example:
    >>> nothing("no troop numbers were found")
    '*Nothing to show: no troop numbers were found.*'
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis import markup

#: Below this many articles an outlet's mean is one or two articles, not a habit (the notebooks'
#: bootstrap intervals need the same minimum).
MIN_ARTICLES = 3


def nothing(why: str) -> str:
    """The one line a section shows when it has nothing to show, saying why."""
    return f"*Nothing to show: {why.rstrip('.')}.*"


def count_note(n: int, what: str) -> str:
    """A note's count, or nothing when there is none: ``count_note(3, "undated")`` is
    ``"3 undated."``, ``count_note(0, "undated")`` is ``""``."""
    return f"{n:,} {what}." if n else ""


def bullets(lines: Iterable[str], *, empty: str = "nothing to summarize") -> str:
    """Markdown bullets, each line escaped (:func:`analysis.markup.bullets`: text from articles
    never becomes markup), or :func:`nothing` when there are no lines."""
    lines = list(lines)
    return markup.bullets(lines) if lines else nothing(empty)


def size_caveat(articles: pd.DataFrame) -> str:
    """How much stands behind a comparison of outlets: articles, outlets, and the outlets with too
    few articles (fewer than :data:`MIN_ARTICLES`) to say anything about their usual coverage.

    Args:
        articles: the ``articles`` table (``outlet_label`` per article).
    """
    per = articles["outlet_label"].value_counts()
    if per.empty:
        return "The corpus has no article."
    n, k = len(articles), len(per)
    few = per[per < MIN_ARTICLES]
    head = f"{n:,} article{'s' if n != 1 else ''} from {k:,} outlet{'s' if k != 1 else ''}"
    if k == 1:
        return f"{head}: there is no other outlet to compare with; the figures describe this outlet's articles only."
    if few.empty:
        return f"{head}, each with at least {MIN_ARTICLES} articles (most: {per.index[0]}, {per.iloc[0]:,})."
    return (
        f"{head}; {len(few):,} of the outlets {'has' if len(few) == 1 else 'have'} fewer than "
        f"{MIN_ARTICLES} articles, so what "
        f"their figures show is what those articles say, not the outlet's usual coverage."
    )
