"""Part-of-speech, morphology and lemmas: spaCy's attribute ruler and lemmatizer, remembered.

spaCy's ``attribute_ruler`` runs ~180 Matcher patterns (several with Python predicates) on every
token and its ``lemmatizer`` works token by token in Python: together a quarter of the pipeline's
time. On a document without a dependency parse, every single-token pattern and the lemmatizer
depend on nothing but the token's text and tag, so :class:`Attributes` runs the two real
components once per (text, tag) pair, on a one-token document, and copies the result to every
later token with that pair. A document that one of the ruler's multi-token patterns matches
("gon na", "let 's"; looked for only where a token could begin one) goes through the real
components whole. The output is spaCy's own, bit for bit
(``tests/test_attributes.py`` compares the two on the samples and on BBC articles).

Example:
    >>> Attributes(nlp)(doc)  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

SET = [POS, MORPH, LEMMA]


class Attributes:
    """Apply ``nlp``'s attribute ruler and lemmatizer to parse-free documents, with a memo."""

    def __init__(self, nlp: Language) -> None:
        self.vocab = nlp.vocab
        self.ruler = nlp.get_pipe("attribute_ruler")
        self.lemmatizer = nlp.get_pipe("lemmatizer")
        # the multi-token patterns, and their first tokens to tell which tokens could begin one
        self.multi, self.openers = Matcher(self.vocab), Matcher(self.vocab)
        for k, rule in enumerate(self.ruler.patterns):
            longer = [p for p in rule["patterns"] if len(p) > 1]
            if longer:
                self.multi.add(str(k), longer)
                self.openers.add(str(k), [p[:1] for p in longer])
        self.memo: dict[tuple[int, int], tuple[int, int, int, bool]] = {}
        # the lemmatizer asks "is this form a known word?" of lists of thousands: make them sets
        if self.lemmatizer.lookups.has_table("lemma_index"):
            index = self.lemmatizer.lookups.get_table("lemma_index")
            for key, words in list(index.items()):
                index[key] = frozenset(words)

    def _learn(self, orth: int, tag: int) -> tuple[int, int, int, bool]:
        """(POS, MORPH, LEMMA) the real components give a lone token with this text and tag, and
        whether such a token could begin a multi-token pattern."""
        one = Doc(self.vocab, words=[self.vocab.strings[orth]], spaces=[False])
        one.from_array([TAG], np.array([[tag]], dtype=np.uint64))
        opens = bool(self.openers(one, allow_missing=True))
        self.lemmatizer(self.ruler(one))
        tok = one[0]
        found = (tok.pos, tok.morph.key, tok.lemma, opens)
        self.memo[(orth, tag)] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        """Set POS, MORPH and LEMMA on a tagged ``doc`` that has no dependency parse."""
        if not len(doc):
            return doc
        if doc.has_annotation("DEP"):
            raise ValueError("Attributes works on documents without a dependency parse")
        arr = doc.to_array([ORTH, TAG])
        memo, learn = self.memo, self._learn
        values = [memo.get(key) or learn(*key) for key in zip(*arr.T.tolist(), strict=True)]
        if any(v[3] for v in values) and self.multi(doc, allow_missing=True):
            return self.lemmatizer(self.ruler(doc))
        doc.from_array(SET, np.array([v[:3] for v in values], dtype=np.uint64))
        return doc
