"""The per-article stages: what each computes, from which code and lexicons, and its version.

A stage turns a batch of articles (a :class:`analysis.corpus.Corpus` of just those articles) into
tables keyed by ``article_id``. Its version hashes its code, the lexicons it reads, the model (for
NLP) and the versions of the stages it builds on, computed afresh on every call: editing a module
or a lexicon and ingesting again, even in the same JupyterLab kernel, reruns exactly the stages
that read it.

Example:
    >>> [s.name for s in STAGES]
    ['nlp', 'sentiment', 'claims', 'quotes']
    >>> owner("tokens").name
    'nlp'
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.config import PATHS, list_path, model_version

if TYPE_CHECKING:
    import pandas as pd

    from analysis.corpus import Corpus

PACKAGE_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Stage:
    """A per-article stage: ``func`` ("module:function") maps a batch Corpus to its output tables."""

    name: str
    tables: tuple[str, ...]
    func: str
    modules: tuple[str, ...]
    lexicons: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


STAGES: tuple[Stage, ...] = (
    Stage(
        "nlp",
        ("sentences", "tokens"),
        "analysis.nlp:stage",
        ("nlp", "quotemarks", "attributes", "triggers"),
    ),
    Stage(
        "sentiment",
        ("sentence_sentiment",),
        "analysis.sentiment:stage",
        ("sentiment", "sentiment_model", "quotemarks"),
        ("sentiment_overrides.csv",),
        after=("nlp",),
    ),
    Stage(
        "claims",
        ("claims",),
        "analysis.claims:stage",
        ("claims", "deptree", "triggers"),
        ("claims.csv",),
        after=("nlp",),
    ),
    Stage(
        "quotes",
        ("quotes",),
        "analysis.quotes:stage",
        ("quotes", "speakers", "entities", "quotemarks", "triggers"),
        ("speakers.csv",),
        after=("nlp",),
    ),
)


def digest(*parts: bytes | str) -> str:
    """A short hash of ``parts`` (versions and batch keys)."""
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:12]


def stage(name: str) -> Stage:
    """The stage called ``name``.

    Raises:
        KeyError: when no stage has that name.
    """
    for s in STAGES:
        if s.name == name:
            return s
    raise KeyError(f"no stage '{name}'; stages: {', '.join(s.name for s in STAGES)}")


def owner(table: str) -> Stage:
    """The stage that writes ``table``."""
    for s in STAGES:
        if table in s.tables:
            return s
    raise KeyError(f"no stage writes a '{table}' table")


def version(name: str, story: str | None = None) -> str:
    """Hash of the stage's code, lexicons (a story list from the story in use, see
    :func:`analysis.config.list_path`), model (for NLP) and the versions it builds on, read from
    disk on every call (a few milliseconds), so an edit is seen at once."""
    s = stage(name)
    parts: list[bytes | str] = [s.name]
    parts += [(PACKAGE_DIR / f"{m}.py").read_bytes() for m in s.modules]
    for lex in s.lexicons:
        path = list_path(lex, story, PATHS)
        parts.append(path.read_bytes() if path and path.exists() else b"(missing)")
    if name == "nlp":
        parts.append(model_version())
    parts += [version(dep, story) for dep in s.after]
    return digest(*parts)


def function(s: Stage) -> Callable[[Corpus], dict[str, pd.DataFrame]]:
    """The function that computes stage ``s``."""
    module, _, attr = s.func.partition(":")
    return getattr(import_module(module), attr)
