"""Lines that recur across the page dumps of one folder are page furniture, counted over the corpus.

Menus, footers, "Related" boxes and newsletter blurbs of a site come back in every page saved from
it, even when they read like prose; an article's sentences do not. So a folder of 50 dumps from
one site cleans better than one dump: each line (by :func:`repetition_key`: case, digits and
bullets ignored) is counted once per file, per folder, over every page dump (``.txt``,
``.md``) of the corpus, and a line found in :data:`MIN_FILES` files of its folder is furniture. A
line shaped like prose (``lineshape`` class ``good``) needs more: :data:`MIN_FILES` files *and*
:data:`MIN_PROSE_SHARE` of the folder, so that a wire paragraph quoted by a few outlets of one
story stays in each of them. A single file cleans on shape alone.

Counting is incremental: each file's lines are cached by the file's SHA-256 (``cache`` argument),
so a rerun reads only new or changed files.

Example:
    >>> rep = Repetition()
    >>> for n in range(3):
    ...     rep.add("site", f"Headline {n}\\nSubscribe to our newsletter\\nStory {n} text.")
    >>> rep.repeated("site", "Another headline\\nSubscribe to our newsletter")
    {'subscribe to our newsletter': 3}
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from analysis import lineshape

#: A line in at least this many files of a folder is furniture (two files may share a quote).
MIN_FILES = 3
#: A prose line must also be in at least this share of the folder's files.
MIN_PROSE_SHARE = 0.5
#: Only these inputs are counted: page dumps, whose lines are the page's lines.
DUMP_SUFFIXES = (".txt", ".md")


def repetition_key(line: str) -> str:
    """A line as repetition counts it: case, digits, list bullets and spacing ignored."""
    item = lineshape.strip_bullet(line.strip())
    return " ".join(re.sub(r"\d+", "0", item).casefold().split())


def keys_of(text: str) -> set[str]:
    """The distinct line keys of ``text`` that hold a letter."""
    return {
        k
        for line in text.splitlines()
        if (k := repetition_key(line)) and any(c.isalpha() for c in k)
    }


def group_of(file: str) -> str:
    """The group a file's lines are counted in: its folder (relative to the raw folder)."""
    return PurePosixPath(file).parent.as_posix()


class Repetition:
    """Per group, how many files hold each line key."""

    def __init__(self) -> None:
        self.files: Counter[str] = Counter()
        self.counts: dict[str, Counter[str]] = {}

    def add(self, group: str, text: str, keys: set[str] | None = None) -> None:
        """Count one file's lines (``keys`` when already computed)."""
        self.files[group] += 1
        self.counts.setdefault(group, Counter()).update(keys_of(text) if keys is None else keys)

    def repeated(self, group: str, text: str) -> dict[str, int]:
        """The lines of ``text`` that are furniture by repetition, with their file counts."""
        counts, files = self.counts.get(group, Counter()), self.files[group]
        out: dict[str, int] = {}
        for line in text.splitlines():
            key = repetition_key(line)
            n = counts.get(key, 0)
            if n < MIN_FILES or key in out:
                continue
            if lineshape.classify(line)[0] == "good" and n < MIN_PROSE_SHARE * files:
                continue
            out[key] = n
        return out


def count(inputs: Sequence[tuple[Path, str]], cache: Path | None = None) -> Repetition:
    """Count the lines of every page dump in ``inputs`` ((path, name relative to the raw folder)),
    reusing the keys cached in ``cache`` for files whose bytes did not change."""
    from analysis.inputs import check_path
    from analysis.readers import ReadProblem, decode

    known: dict[str, set[str]] = {}
    if cache is not None and cache.exists():
        try:
            known = pickle.loads(cache.read_bytes())
        except Exception:  # a corrupt cache is simply recounted
            known = {}
    used: dict[str, set[str]] = {}
    rep = Repetition()
    for path, rel in inputs:
        if path.suffix.lower() not in DUMP_SUFFIXES or check_path(path) is not None:
            continue  # only regular files are opened (a FIFO would block), as ingest does
        try:
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            keys = known.get(digest)
            if keys is None:
                keys = keys_of(decode(data)[0])
        except (OSError, ReadProblem):
            continue
        used[digest] = keys
        rep.add(group_of(rel), "", keys)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps(used, protocol=pickle.HIGHEST_PROTOCOL))
    return rep
