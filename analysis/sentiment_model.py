"""The learned sentiment option: a linear model trained on NewsMTSC's human labels.

A multinomial logistic regression (negative, neutral, positive) on hashed features of a sentence
and, when one is given, of the words around a target mention: the sentence's words and word pairs,
the words just left and right of the mention (by distance) and in its clause, words under a
negation, and the TextBlob and VADER scores of the sentence, of the mention's window and of its
clause. Names, titles and numbers are blanked before
(:func:`analysis.sentiment.unscored`), so the model learns how news talks, not who is in the news.
It was trained by ``benchmarks/train_sentiment_model.py`` on NewsMTSC ``train`` (MIT licence);
the weights ship in ``analysis/models/`` with the training data's hash and the scores, and load
without any download. The score it gives is P(positive) - P(negative), from -1 to 1.

Example:
    >>> model = load()  # doctest: +SKIP
    >>> text = "Critics praised the plan."
    >>> model.score([text], [None], [sentiment.lexicon_inputs(text, None, None)])  # doctest: +SKIP
    array([0.61])
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).parent / "models"
MODEL_NAME = "newsmtsc_linear"
#: Hashed feature slots: 2**18 keeps collisions rare for the ~60,000 features of the training
#: set while the stored weights (nonzero rows only) stay under a few MB.
N_FEATURES = 2**18
#: Words either side of the mention read as its left and right context.
CONTEXT_WORDS = 4
#: Words either side of the mention scored by the lexicons (as ``window_text`` in sentiment).
LEXICON_WINDOW = 8
#: Words after a negation ("not", "no", "never", "n't") marked as negated.
NEGATION_SCOPE = 3
CLASSES = ("negative", "neutral", "positive")
MENTION = "<t>"
#: Words that open a new clause: the words of the mention's clause are read apart, since a
#: sentence often says one thing of one actor and another of the next.
CLAUSE_WORDS = frozenset({"but", "while", "although", "though", "whereas", "because", "after",
                          "before", "when", "who", "which", "whom", "that", "said", "says"})  # fmt: skip
#: Distance buckets (in words from the mention) for the left and right context features.
DISTANCE_BUCKETS = ((1, "1"), (3, "2-3"), (8, "4-8"))
_WORD = re.compile(r"<t>|_+|[a-z]+(?:'[a-z]+)?|n't|[!?,;:()]")
_CLAUSE_BREAK = re.compile(
    r"[,;:()]|\b(?:" + "|".join(sorted(CLAUSE_WORDS)) + r")\b", re.IGNORECASE
)
_BREAKS = frozenset({",", ";", ":", "(", ")"})
SUFFIXES = ("ing", "ed", "es", "s", "ly")
_NEGATIONS = frozenset({"not", "no", "never", "n't", "without", "nor", "neither"})


@lru_cache(maxsize=1 << 17)  # the same few thousand features recur in every sentence
def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_FEATURES


def stem(word: str) -> str:
    """A crude stem, so "accused", "accuses" and "accusing" share a feature: the first of
    :data:`SUFFIXES` that leaves at least four letters is cut."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _words(text: str) -> list[str]:
    """Lower-cased words and breaks; a blanked name (``___``) is the one word ``<e>``."""
    return ["<e>" if w[0] == "_" else w for w in _WORD.findall(text.lower())]


def clause_text(text: str, span: tuple[int, int]) -> str:
    """The clause of ``text`` around the mention at ``span``: from the last break (``,;:()`` or
    a word of :data:`CLAUSE_WORDS`) before it to the first one after it."""
    left = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, span[0])]
    right = _CLAUSE_BREAK.search(text, span[1])
    return text[left[-1] if left else 0 : right.start() if right else len(text)]


def features(
    text: str, span: tuple[int, int] | None, scores: tuple[float, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """Hashed feature indices and values of ``text`` (names already blanked) toward the mention
    at ``span`` (character offsets; None for the sentence as a whole); ``scores`` from
    :func:`analysis.sentiment.lexicon_inputs`."""
    feats: dict[str, float] = {"bias": 1.0}
    if span is not None:
        for w in _words(text[span[0] : span[1]]):  # "critics", "the mayor", "<e>"
            feats[f"m:{w}"] = 1.0
        text = f"{text[: span[0]]} {MENTION} {text[span[1] :]}"
    words = _words(text)
    negated = 0
    for i, w in enumerate(words):
        feats[f"u:{w}"] = 1.0
        feats[f"s:{stem(w)}"] = 1.0
        if i:
            feats[f"b:{words[i - 1]} {w}"] = 1.0
        if negated:
            feats[f"n:{w}"] = 1.0
            negated -= 1
        if w in _NEGATIONS:
            negated = NEGATION_SCOPE
    if MENTION in words:
        at = words.index(MENTION)
        left, right = words[max(0, at - CONTEXT_WORDS) : at], words[at + 1 : at + 1 + CONTEXT_WORDS]
        for w in left:
            feats[f"l:{w}"] = 1.0
        for w in right:
            feats[f"r:{w}"] = 1.0
        feats[f"l1:{left[-1] if left else '^'}"] = 1.0
        feats[f"r1:{right[0] if right else '$'}"] = 1.0
        for side, step in (("l", -1), ("r", 1)):
            for dist in range(1, DISTANCE_BUCKETS[-1][0] + 1):
                j = at + step * dist
                if not 0 <= j < len(words):
                    break
                bucket = next(name for top, name in DISTANCE_BUCKETS if dist <= top)
                feats[f"{side}{bucket}:{words[j]}"] = 1.0
        lo = at
        while lo > 0 and words[lo - 1] not in _BREAKS and words[lo - 1] not in CLAUSE_WORDS:
            lo -= 1
        hi = at + 1
        while hi < len(words) and words[hi] not in _BREAKS and words[hi] not in CLAUSE_WORDS:
            hi += 1
        for side, part in (("cl", words[lo:at]), ("cr", words[at + 1 : hi])):
            for i, w in enumerate(part):
                feats[f"{side}:{w}"] = 1.0
                feats[f"{side}s:{stem(w)}"] = 1.0
                if i:
                    feats[f"{side}b:{part[i - 1]} {w}"] = 1.0
        feats["neg_near"] = float(any(w in _NEGATIONS for w in left + right))
        feats["mention_first"] = float(at == 0)
    else:
        feats["no_mention"] = 1.0
    names = ("tb_sent", "vd_sent", "tb_win", "vd_win", "tb_clause", "vd_clause")
    for name, value in zip(names, scores, strict=True):
        feats[name] = value
        sign = "pos" if value > 0 else "neg" if value < 0 else "zero"
        feats[f"{name}:{sign}"] = 1.0
    idx = np.fromiter((_hash(f) for f in feats), dtype=np.int64, count=len(feats))
    return idx, np.fromiter(feats.values(), dtype=np.float64, count=len(feats))


@dataclass(frozen=True)
class LinearModel:
    """Weights ``(N_FEATURES, 3)`` and the record of how they were trained (``meta``)."""

    weights: np.ndarray
    meta: dict

    def proba(self, rows: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        """Class probabilities (negative, neutral, positive) of featurized rows, shape (n, 3)."""
        if not rows:
            return np.zeros((0, 3))
        logits = np.array([vals @ self.weights[idx] for idx, vals in rows])
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def score(
        self,
        texts: Sequence[str],
        spans: Sequence[tuple[int, int] | None],
        inputs: Sequence[tuple[float, ...]],
    ) -> np.ndarray:
        """P(positive) - P(negative) per text toward its span (None: the whole sentence), given
        each text's lexicon scores ``inputs`` (:func:`analysis.sentiment.lexicon_inputs`)."""
        rows = [features(t, s, x) for t, s, x in zip(texts, spans, inputs, strict=True)]
        p = self.proba(rows)
        return p[:, 2] - p[:, 0] if len(p) else np.zeros(0)


def save(weights: np.ndarray, meta: dict, directory: Path = MODEL_DIR) -> tuple[Path, Path]:
    """Write the nonzero rows of ``weights`` (float32, compressed) and ``meta`` as JSON."""
    directory.mkdir(parents=True, exist_ok=True)
    rows = np.flatnonzero(np.abs(weights).sum(axis=1))
    npz = directory / f"{MODEL_NAME}.npz"
    np.savez_compressed(npz, rows=rows.astype(np.int32), values=weights[rows].astype(np.float32))
    js = directory / f"{MODEL_NAME}.json"
    js.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return npz, js


@lru_cache(maxsize=2)
def load(directory: Path = MODEL_DIR) -> LinearModel:
    """The shipped model (read once: it is package data, not a file users edit)."""
    npz = directory / f"{MODEL_NAME}.npz"
    if not npz.exists():
        raise FileNotFoundError(
            f"{npz} is missing: reinstall PressLens or rerun benchmarks/train_sentiment_model.py"
        )
    with np.load(npz) as data:
        weights = np.zeros((N_FEATURES, len(CLASSES)), dtype=np.float64)
        weights[data["rows"]] = data["values"]
    meta = json.loads((directory / f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
    return LinearModel(weights=weights, meta=meta)
