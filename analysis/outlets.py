"""Outlet names: alias normalization and the labels that tables and figures show.

The editable list is ``data/lexicons/outlets.csv`` (columns ``outlet``, ``aliases`` separated by
semicolons, ``colour``). An article whose outlet is unknown is labelled by its file name
without the hash ("Unknown: 002"), so unknown articles of different files are not pooled into one
fake outlet and the label stays short enough for a figure's axis.

Example:
    >>> normalize("AlMayadeen.net", {alias_key("almayadeen.net"): "Al Mayadeen English"})
    'Al Mayadeen English'
    >>> label(None, "raw/002_85466fba3cc1c82f.txt", None)
    'Unknown: 002'
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pandas as pd

from analysis.config import PATHS


def read_lexicon(path: Path | None = None) -> pd.DataFrame:
    """The outlet list (outlet, aliases, colour); empty when the file is missing."""
    path = path or PATHS.lexicons / "outlets.csv"
    if not path.exists():
        return pd.DataFrame(columns=["outlet", "aliases", "colour"])
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def alias_key(name: str) -> str:
    """A name as aliases match it: case, spaces and punctuation ignored ("NYT" = "n.y.t.")."""
    return re.sub(r"[\W_]+", "", name.casefold())


def alias_map(lexicon: pd.DataFrame) -> dict[str, str]:
    """Name or alias (by :func:`alias_key`) -> canonical outlet name."""
    mapping: dict[str, str] = {}
    for row in lexicon.itertuples(index=False):
        canonical = row.outlet.strip()
        for name in [canonical, *str(row.aliases).split(";")]:
            if alias_key(name):
                mapping[alias_key(name)] = canonical
    return mapping


def normalize(name: object, aliases: dict[str, str]) -> str | None:
    """The canonical outlet for ``name`` (an alias or itself, whitespace tidied), None if empty."""
    if name is None or (isinstance(name, float) and pd.isna(name)):
        return None
    text = " ".join(str(name).split())
    if not text:
        return None
    return aliases.get(alias_key(text), text)


#: How the label of an article whose outlet is unknown begins; :func:`label` writes it and
#: :func:`is_unknown` reads it, nothing else spells it.
UNKNOWN_LABEL_START = "Unknown: "
#: A part of a file name made of at least this many hex characters, letters and digits mixed, is
#: a hash or a random id (``85466fba3cc1c82f``): it tells a reader nothing and the label drops it.
#: A date (``20240125``: digits only) or a word is kept.
MIN_HASH_LENGTH = 8
#: Characters of a hash kept when the rest of the name cannot tell files apart (1 in 65,536 that
#: two such files share a label).
KEPT_HASH_LENGTH = 4
_HASH = re.compile(rf"(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{{{MIN_HASH_LENGTH},}}", re.I)
_SEPARATORS = re.compile(r"([_\-\s.]+)")


def short_name(file: str) -> str:
    """The file's stem without its hash-like parts.

    When what is left holds no number (nothing that tells two files apart, as in
    ``article_<hash>``), the hash's first :data:`KEPT_HASH_LENGTH` characters stay, and a stem that
    is all hash keeps its first :data:`MIN_HASH_LENGTH`.

    Example:
        >>> short_name("raw/002_85466fba3cc1c82f.txt"), short_name("dumps/guardian-2024-01-25.txt")
        ('002', 'guardian-2024-01-25')
        >>> short_name("article_85466fba3cc1c82f.txt"), short_name("85466fba3cc1c82f.html")
        ('article_8546', '85466fba')
    """
    stem = PurePosixPath(file).stem
    parts = _SEPARATORS.split(stem)
    hashes = [p for p in parts if _HASH.fullmatch(p)]
    kept = "".join(p for p in parts if p not in hashes)
    kept = _SEPARATORS.sub(lambda m: m.group(1)[0], kept).strip("_- .")
    if not hashes or any(ch.isdigit() for ch in kept):
        return kept
    return f"{kept}_{hashes[0][:KEPT_HASH_LENGTH]}" if kept else hashes[0][:MIN_HASH_LENGTH]


def label(outlet: object, file: str, record: int | None) -> str:
    """What figures show: the outlet, or ``Unknown: <short file name>[ #record]`` when unknown
    (:func:`short_name`; the ``file`` column keeps the whole name)."""
    if isinstance(outlet, str) and outlet.strip():
        return outlet
    name = short_name(file)
    return f"{UNKNOWN_LABEL_START}{name} #{record}" if record else f"{UNKNOWN_LABEL_START}{name}"


def is_unknown(outlet_label: str) -> bool:
    """Whether ``outlet_label`` is the label :func:`label` gives an article of unknown outlet.

    Example:
        >>> is_unknown(label(None, "raw/002_x.txt", None)), is_unknown("Reuters")
        (True, False)
    """
    return outlet_label.startswith(UNKNOWN_LABEL_START)
