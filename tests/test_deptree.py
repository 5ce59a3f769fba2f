"""The shared dependency-tree view, on hand-built token rows (no parser involved)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import deptree

# "Forces struck 85 targets ." (article tokens 10-14) then "It ended ." (15-17): heads by hand
ROWS = pd.DataFrame(
    {
        "article_id": ["a"] * 8,
        "sentence": [0, 0, 0, 0, 0, 1, 1, 1],
        "token": list(range(10, 18)),
        "text": ["Forces", "struck", "85", "targets", ".", "It", "ended", "."],
        "dep": ["nsubj", "ROOT", "nummod", "dobj", "punct", "nsubj", "ROOT", "punct"],
        "head": [11, 11, 13, 11, 11, 16, 16, 16],
        "start": [0, 7, 14, 17, 24, 26, 29, 34],
        "end": [6, 13, 16, 24, 25, 28, 34, 35],
        "is_punct": [False, False, False, False, True, False, False, True],
    }
)


@pytest.fixture
def tree() -> deptree.Tree:
    return deptree.Tree.from_frame(ROWS.sample(frac=1, random_state=1))  # order restored by token


def test_records_are_named(tree):
    assert tree.row(12).text == "85" and tree.row(12).dep == "nummod"
    assert tree.get(9) is None and tree.get(None) is None
    with pytest.raises(IndexError):
        tree.row(30)


@pytest.mark.parametrize(
    ("token", "head", "kids", "subtree", "chain"),
    [
        (12, 13, [], [12], [13, 11]),
        (13, 11, [12], [12, 13], [11]),
        (11, None, [10, 13, 14], [10, 11, 12, 13, 14], []),
        (16, None, [15, 17], [15, 16, 17], []),
    ],
)
def test_walks(tree, token, head, kids, subtree, chain):
    assert tree.head(token) == head
    assert tree.kids(token) == kids
    assert tree.subtree(token) == subtree
    assert tree.head_chain(token) == chain


def test_subtree_skip_chain_limit_and_span(tree):
    assert tree.subtree(11, skip=[13]) == [10, 11, 14]
    assert tree.head_chain(12, limit=1) == [13]
    assert tree.span(tree.subtree(11)) == (0, 24)  # the full stop is left out
    assert [r.text for r in tree.rows_of(tree.sentence(1))] == ["It", "ended", "."]


def test_sentence_trees_split_by_article_and_sentence():
    rows = deptree.records(ROWS)
    keys = [(key, [r.token for r in t]) for key, t in deptree.sentence_trees(rows)]
    assert keys == [(("a", 0), [10, 11, 12, 13, 14]), (("a", 1), [15, 16, 17])]
    first = dict(deptree.sentence_trees(rows))[("a", 1)]
    assert first.head(15) == 16 and first.get(12) is None  # other sentences are outside its rows
