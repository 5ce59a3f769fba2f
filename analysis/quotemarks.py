"""Find the stretches of a paragraph that lie inside quotation marks.

Handles curly double quotes (“…”), straight double quotes ("…"), NYT-style doubled single quotes
(''…''), guillemets («…»), curly single quotes (‘…’) and straight single quotes used as quotation
marks ('Israel'), while leaving apostrophes (Iraq's, Trump’s, 90s') alone. An unbalanced mark is
ignored, and since callers work paragraph by paragraph it can never spill into the next paragraph.
A long quotation whose paragraphs were run into one (each part opened, only the last closed) is
read as one quotation per part.

Example:
    >>> [(s, e) for s, e, _ in quote_regions('He said "no" twice.')]
    [(9, 11)]
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: A stretch in quotation marks with at least this many words is a quotation (someone's words);
#: shorter ones are names, titles or scare quotes ("Israel", "aggression").
MIN_QUOTE_WORDS = 4


#: The characters that open or close a quotation (straight marks count either way).
MARKS = frozenset("\"“”‘’'«»„")


class QuoteRegion(NamedTuple):
    """Content of one quotation: ``start``/``end`` exclude the marks; ``mark`` is the opening mark."""

    start: int
    end: int
    mark: str


_WORD = re.compile(r"\w")
_MARK = re.compile("[" + re.escape("".join(sorted(MARKS))) + "]")


def _is_opening_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in '([{—–-"“') and bool(_WORD.match(after))


def _is_closing_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in '.,;:!?)]}—–"”')


def _reopens(text: str, i: int) -> bool:
    """A double mark at ``i`` that opens, not closes: after a finished sentence and a space,
    before a word ('... 26 weeks. "We are going ...'). Newspapers open each paragraph of a long
    quotation without closing the previous one; when paragraphs were run together, that mark
    ends the quotation so far and starts the next."""
    before = text[:i].rstrip()
    after = text[i + 1] if i + 1 < len(text) else " "
    return (
        i > 0
        and text[i - 1].isspace()
        and before[-1:] in (".", "!", "?")
        and bool(_WORD.match(after))
    )


def _closes_mixed(open_mark: str, ch: str) -> bool:
    """Whether ``ch`` closes a double quotation opened by the other style of mark: writers and
    editing tools mix straight and curly marks ('“A," she said. "B.”'), and a straight opening
    left waiting for a straight close would swallow the next quotation or lose this one."""
    return open_mark == "“" and ch == '"' or open_mark == '"' and ch == "”"


def quote_regions(text: str) -> list[QuoteRegion]:
    """Return the quoted stretches of ``text`` in order, outermost first, nested ones dropped.

    Args:
        text: one paragraph (never a whole article: an unbalanced mark is then contained).

    Returns:
        ``QuoteRegion(start, end, mark)`` for each balanced quotation, ``text[start:end]`` being the
        words between the marks.
    """
    regions: list[QuoteRegion] = []
    i = 0
    n = len(text)
    open_at: int | None = None
    open_mark = ""
    close_for = {"“": "”", "«": "»", '"': '"', "''": "''", "‘": "’", "'": "'", "„": "“"}
    while i < n:
        at = _MARK.search(text, i)  # nothing happens between marks
        if at is None:
            break
        i = at.start()
        ch = text[i]
        two = text[i : i + 2]
        if open_at is None:
            mark = ""
            if two == "''" and (i == 0 or not _WORD.match(text[i - 1])):
                mark = "''"
            elif ch in '“«"„' or (ch in "‘'" and _is_opening_single(text, i)):
                mark = ch
            if mark:
                open_at, open_mark = i + len(mark), mark
                i += len(mark)
                continue
        else:
            closer = close_for[open_mark]
            if open_mark in ("'", "‘"):
                hit = text.startswith(closer, i) and _is_closing_single(text, i)
                if open_mark == "‘" and ch == "'" and _is_closing_single(text, i):
                    hit = True
            elif open_mark == "''":
                hit = two == "''"
            else:
                hit = text.startswith(closer, i) or _closes_mixed(open_mark, ch)
                if hit and _reopens(text, i):  # a quote continued in a new paragraph, run together
                    end = len(text[:i].rstrip())
                    regions.append(QuoteRegion(open_at, end, open_mark))
                    open_at = i + 1
                    i += 1
                    continue
            if hit:
                regions.append(QuoteRegion(open_at, i, open_mark))
                i += len(closer)
                open_at = None
                continue
        i += 1
    return regions


def inside_mask(text: str) -> list[bool]:
    """One flag per character of ``text``: True where the character lies inside a quotation."""
    mask = [False] * len(text)
    for start, end, mark in quote_regions(text):
        for k in range(max(start - len(mark), 0), min(end + len(mark), len(text))):
            mask[k] = True
    return mask
