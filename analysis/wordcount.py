"""What counts as a word: one rule for article lengths (``articles.n_words``, notebook 00) and for the
denominators of the word rates (:func:`analysis.frequency.word_counts`, notebook 01).

A word is a run of letters or digits, with inner hyphens and apostrophes kept inside it
(``US-led``, ``Iran's`` and ``don't`` are one word each; ``U.S.`` is two letters, so two words, as
``2,500`` is two numbers): the same count whether it is taken from the paragraph text or from the
tokens spaCy made of it.

Example:
    >>> count_words("The US-led coalition's 2,500 troops")
    6
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(text: str) -> int:
    """How many words ``text`` has (:data:`WORD` matches)."""
    return len(WORD.findall(text))


def words_per_run(tokens: pd.DataFrame) -> pd.DataFrame:
    """The words of ``tokens`` counted by :func:`count_words` on each run of touching tokens.

    A run is a stretch of one article's tokens with no space between them (``don`` + ``'t``,
    ``Iran`` + ``'s`` + ``,``): the text a word regex sees. Each run's words go to the quotation
    state of its first token that has a letter or digit.

    Args:
        tokens: ``article_id``, ``start``, ``end``, ``text``, ``in_quotes``, in text order.

    Returns:
        ``article_id``, ``in_quotes``, ``words``: one row per run with at least one word.
    """
    if tokens.empty:
        return pd.DataFrame({"article_id": [], "in_quotes": [], "words": []})
    art = pd.factorize(tokens["article_id"])[0]
    start, end = tokens["start"].to_numpy(), tokens["end"].to_numpy()
    new_run = np.r_[True, (art[1:] != art[:-1]) | (start[1:] != end[:-1])]
    run = np.cumsum(new_run) - 1
    text = tokens["text"].astype(str)
    codes, uniques = pd.factorize(text)
    wordy = np.array([any(ch.isalnum() for ch in u) for u in uniques], dtype=bool)[codes]
    joined = text.groupby(run, sort=False).agg("".join)
    run_codes, run_texts = pd.factorize(joined)
    n = np.array([count_words(t) for t in run_texts], dtype=np.int64)[run_codes]
    quoted = tokens["in_quotes"].to_numpy(dtype=bool)
    first_wordy = pd.Series(np.where(wordy, np.arange(len(run)), len(run))).groupby(run).min()
    first = first_wordy.to_numpy()
    has = first < len(run)
    out = pd.DataFrame({
        "article_id": tokens["article_id"].to_numpy()[np.flatnonzero(new_run)],
        "in_quotes": np.where(has, quoted[np.minimum(first, len(run) - 1)], False),
        "words": n,
    })  # fmt: skip
    return out[out["words"] > 0].reset_index(drop=True)
