"""Speakers: the speaker lexicon, name families and the resolution of a mention to a person."""

from __future__ import annotations

import re


def norm(text: str) -> str:
    """A name or mention folded for comparison: curly apostrophes straightened, "U.S." as "US",
    spaces collapsed, lower case."""
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("U.S.", "US")).strip().lower()
