"""One view of the dependency parse of a sentence or an article: token records and tree walks.

Claim extraction and quote attribution read the parse the same way: a token's head, its
children, the subtree under it, the chain of heads above it, the tokens of one sentence and the
character span of a set of tokens. :class:`Tree` gives those over rows of the ``tokens`` table
(see :data:`analysis.schema`), addressed by the article-level token index (``token``), with each
row as a light named record (``row.text``, ``row.dep``, ``row.head`` ...).

Example:
    >>> tree = Tree.from_frame(corpus.tokens[corpus.tokens.article_id == aid])  # doctest: +SKIP
    >>> [tree.row(i).text for i in tree.subtree(tree.head(i) or i)]  # doctest: +SKIP
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import groupby
from operator import attrgetter
from typing import Any

import pandas as pd

#: A token record: a named tuple of a row of the tokens table (``row.text``, ``row.dep`` ...).
Token = Any


@lru_cache(maxsize=8)
def record_type(columns: tuple[str, ...]) -> type:
    """The named-record type of token rows with these columns (one type per column set)."""
    return namedtuple("Token", columns)


def records(tokens: pd.DataFrame, columns: Sequence[str] | None = None) -> list[Token]:
    """The rows of a tokens table as named records, built from plain column lists (far cheaper
    than ``itertuples`` or ``iloc`` on many rows). ``columns`` defaults to all of them."""
    cols = tuple(columns or tokens.columns)
    make = record_type(cols)._make
    return list(map(make, zip(*(tokens[c].tolist() for c in cols), strict=True)))


def sentence_trees(rows: Iterable[Token]) -> Iterator[tuple[tuple[str, int], Tree]]:
    """((article_id, sentence), Tree) for each sentence of rows sorted by article, sentence, token."""
    for key, group in groupby(rows, key=attrgetter("article_id", "sentence")):
        yield key, Tree(list(group))


class Tree:
    """The dependency tree over token records sorted by ``token`` (one sentence or one article).

    The records need the columns ``token``, ``head`` and ``sentence``; :meth:`span` also reads
    ``start``, ``end`` and ``is_punct``. Token indices outside the rows are simply absent: a
    head outside the rows is no head (:meth:`head` returns None).
    """

    def __init__(self, rows: list[Token]) -> None:
        self.rows = rows
        self.base = rows[0].token if rows else 0  # article-level index of the first row
        self.starts = [r.start for r in rows] if rows and hasattr(rows[0], "start") else []
        self.children: dict[int, list[int]] = {}
        self.by_sentence: dict[int, list[int]] = {}
        for r in rows:
            self.by_sentence.setdefault(r.sentence, []).append(r.token)
            if r.head != r.token:
                self.children.setdefault(r.head, []).append(r.token)

    @classmethod
    def from_frame(cls, tokens: pd.DataFrame) -> Tree:
        """The tree over a tokens table (sorted here by ``token``)."""
        return cls(records(tokens.sort_values("token", kind="stable")))

    def __iter__(self) -> Iterator[Token]:
        return iter(self.rows)

    def row(self, i: int) -> Token:
        """The record of token ``i`` (IndexError when it is not in the rows)."""
        k = i - self.base
        if not 0 <= k < len(self.rows):
            raise IndexError(
                f"token {i} is not in this tree ({self.base}..{self.base + len(self.rows) - 1})"
            )
        return self.rows[k]

    def get(self, i: int | None) -> Token | None:
        """The record of token ``i``, or None outside the rows (before the sentence start, or
        ``i`` None: ``tree.get(tree.head(i))`` is the head's record or None)."""
        if i is None:
            return None
        k = i - self.base
        return self.rows[k] if 0 <= k < len(self.rows) else None

    def head(self, i: int) -> int | None:
        """The head of token ``i``, or None for a root (or a head outside the rows)."""
        h = self.row(i).head
        return h if h != i and self.get(h) is not None else None

    def kids(self, i: int, *deps: str) -> list[int]:
        """The children of token ``i``, in text order (only those with one of ``deps`` when given)."""
        kids = self.children.get(i, [])
        return [c for c in kids if self.row(c).dep in deps] if deps else kids

    def rows_of(self, ids: Iterable[int]) -> list[Token]:
        """The records of tokens ``ids``."""
        return [self.row(i) for i in ids]

    def subtree(self, i: int, skip: Iterable[int] = ()) -> list[int]:
        """Token ``i`` and everything under it, in text order, leaving out the subtrees of ``skip``."""
        out, stack, skipped = [], [i], set(skip)
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(c for c in self.kids(j) if c not in skipped)
        return sorted(out)

    def head_chain(self, i: int, *, limit: int | None = None) -> list[int]:
        """The heads above token ``i``, nearest first, up to the root (at most ``limit``)."""
        chain: list[int] = []
        h = self.head(i)
        while h is not None and h not in chain and (limit is None or len(chain) < limit):
            chain.append(h)
            h = self.head(h)
        return chain

    def sentence(self, k: int) -> list[int]:
        """The token indices of sentence ``k``."""
        return self.by_sentence.get(k, [])

    def span(self, ids: Iterable[int]) -> tuple[int, int]:
        """Character offsets covering tokens ``ids``, leaving out punctuation at either end."""
        ids = list(ids)
        words = [i for i in ids if not self.row(i).is_punct] or ids
        return int(self.row(min(words)).start), int(self.row(max(words)).end)
