"""The stop-word list is spaCy's, read without importing spaCy in the reading process."""

from __future__ import annotations

import subprocess
import sys

from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

from analysis.stopwords import STOP_WORDS


def test_stop_words_are_spacys() -> None:
    assert frozenset(SPACY_STOP_WORDS) == STOP_WORDS
    assert {"the", "n't", "n’t", "whereas"} <= STOP_WORDS


def test_reading_and_cleaning_do_not_import_spacy() -> None:
    """The process that reads and cleans files starts its workers without spaCy's import cost."""
    code = (
        "import sys, analysis.cli, analysis.ingest, analysis.cleaning, analysis.frequency;"
        "from analysis.stages import STAGES, version; [version(s.name) for s in STAGES];"
        "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
