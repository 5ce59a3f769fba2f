"""Outlet names: alias normalization and the labels that tables and figures show.

The editable list is ``data/lexicons/outlets.csv`` (columns ``outlet``, ``aliases`` separated by
semicolons, ``colour``). An article whose outlet is unknown is labelled by its file name, so two
unknown articles are never pooled into one fake outlet.

Example:
    >>> normalize("AlMayadeen.net", {alias_key("almayadeen.net"): "Al Mayadeen English"})
    'Al Mayadeen English'
    >>> label(None, "raw/002_x.txt", None)
    'Unknown (002_x)'
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
UNKNOWN_LABEL_START = "Unknown ("


def label(outlet: object, file: str, record: int | None) -> str:
    """What figures show: the outlet, or ``Unknown (<file stem>[ #record])`` when unknown."""
    if isinstance(outlet, str) and outlet.strip():
        return outlet
    stem = PurePosixPath(file).stem
    where = f"{stem} #{record}" if record else stem
    return f"{UNKNOWN_LABEL_START}{where})"


def is_unknown(outlet_label: str) -> bool:
    """Whether ``outlet_label`` is the label :func:`label` gives an article of unknown outlet.

    Example:
        >>> is_unknown(label(None, "raw/002_x.txt", None)), is_unknown("Reuters")
        (True, False)
    """
    return outlet_label.startswith(UNKNOWN_LABEL_START)
