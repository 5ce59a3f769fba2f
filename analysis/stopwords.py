"""spaCy's English stop words, without importing spaCy.

Importing spaCy takes a second or more, and the process that reads and cleans the files needs no
model: it reads the list from spaCy's own source file (``spacy/lang/en/stop_words.py``, the file
``spacy.lang.en.stop_words`` is), so the words are exactly spaCy's.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path


def _spacy_stop_words() -> frozenset[str]:
    """The ``STOP_WORDS`` of spaCy's English stop-word module, run as a module of its own."""
    spacy = importlib.util.find_spec("spacy")
    if spacy is None or not spacy.submodule_search_locations:
        raise ImportError("spaCy is not installed: run `make env`")
    path = Path(next(iter(spacy.submodule_search_locations))) / "lang" / "en" / "stop_words.py"
    spec = importlib.util.spec_from_file_location("_spacy_en_stop_words", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"spaCy's English stop words are missing ({path})")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


#: spaCy's English stop words (lower case, with the contractions in both apostrophes).
STOP_WORDS: frozenset[str] = _spacy_stop_words()
