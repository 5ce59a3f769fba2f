"""Sentiment an analyst can audit: TextBlob (the default), VADER and a learned model, own voice
apart from quotes.

Every sentence of the ``sentences`` table is scored three times: as a whole, in the outlet's own
words (tokens outside quotation marks), and in the quoted words (tokens inside them). Quoted
stretches shorter than :data:`analysis.quotemarks.MIN_QUOTE_WORDS` words ("Israel" or
"aggression" in scare quotes) are names or scare quotes, not someone speaking, so they stay in the
outlet's own voice. The lexicons read each sentence with the words of names, titles of works and
number phrases blanked ("New York", "Best Buy", "$10,000": :func:`unscored`), and with the news
overrides of ``data/lexicons/sentiment_overrides.csv`` ("more", "own", "party", ...). The
learned model (:mod:`analysis.sentiment_model`, trained on NewsMTSC's human labels) scores each
sentence and each target mention too. Paragraphs and articles are scored on their text.
Per-outlet aggregates use articles as the unit, with bootstrap 95% intervals, and show no
interval for outlets with fewer than :data:`MIN_ARTICLES_FOR_CI` articles. The words that drove
a score come from TextBlob's assessments and VADER's lexicon.

Scores: TextBlob polarity in [-1, 1] and subjectivity in [0, 1]; VADER compound in [-1, 1];
learned P(positive) - P(negative) in [-1, 1]. How far each agrees with people on NewsMTSC is in
``benchmarks/results/sentiment_eval.json`` (:func:`agreement_with_people`). Neither lexicon sees
sarcasm, and news words such as "attack" carry little lexicon weight while "war" and "killing"
carry a lot, whoever is being described.

Example:
    >>> scored = score_sentences(c.sentences, c.tokens, c.articles)  # doctest: +SKIP
    >>> by_outlet(score_articles(scored, c.articles))  # doctest: +SKIP
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

# TextBlob's default analyzer is pattern's sentiment; a copy of it (same lexicon file and options,
# with the news overrides applied) gives TextBlob's numbers without building a TextBlob and a
# namedtuple class per call (and without scoring twice for the assessments, as TextBlob does)
from textblob.en import Sentiment as PatternSentiment
from textblob.en import sentiment as pattern_default

from analysis import quotemarks, sentiment_model
from analysis.config import PATHS, list_path
from analysis.schema import PARSED_KINDS

if TYPE_CHECKING:
    from analysis.corpus import Corpus

#: Outlets with fewer articles get their articles drawn as points and no interval.
MIN_ARTICLES_FOR_CI = 3
#: spaCy entity types whose words never score: names (people, organizations, places, groups),
#: titles of works, events, laws and products, and number phrases (money, quantities, dates).
#: "New York", "Best Buy", "Good Morning America" and "$10,000" name or count things; they
#: say nothing about how the writer feels (measured on NewsMTSC: benchmarks/results/sentiment_eval.md).
UNSCORED_ENTITY_TYPES = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
     "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
)  # fmt: skip
OVERRIDES_FILE = "sentiment_overrides.csv"
#: The TextBlob subjectivity of a word the override list adds (TextBlob's middle value).
NEW_WORD_SUBJECTIVITY = 0.5
#: What a word that does not score becomes (``New York`` -> ``___ ____``): no lexicon knows it,
#: offsets stay valid, and the learned model still sees that a name stood there.
BLANK = "_"


@dataclass(frozen=True)
class Lexicons:
    """TextBlob's and VADER's analyzers with the news overrides applied (see :func:`lexicons`)."""

    textblob: PatternSentiment
    vader: object  # vaderSentiment's SentimentIntensityAnalyzer
    overrides: pd.DataFrame


def read_overrides(path: Path | None = None) -> pd.DataFrame:
    """The editable override list ``data/lexicons/sentiment_overrides.csv``.

    Columns: word (lower case), textblob (new polarity, -1 to 1), vader (new valence, -4 to 4),
    why. An empty cell leaves that lexicon's entry as it is; ``0`` removes the word from the
    lexicon, so it no longer scores (nor dilutes TextBlob's average as a zero); a value sets it,
    adding the word when the lexicon lacks it.
    """
    path = path or PATHS.lexicons / OVERRIDES_FILE
    table = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    for col in ("textblob", "vader"):
        table[col] = pd.to_numeric(table[col].str.strip(), errors="raise")
    return table.assign(word=table["word"].str.strip().str.lower())


def lexicons(overrides: pd.DataFrame | None = None) -> Lexicons:
    """Fresh TextBlob and VADER analyzers with ``overrides`` applied (default: :func:`read_overrides`).

    Build them once per batch and pass them on: the library's own analyzers are never changed.

    Example:
        >>> lex = lexicons()  # doctest: +SKIP
        >>> textblob_scores("more talks", lex=lex)  # doctest: +SKIP
        (0.0, 0.0)
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    overrides = read_overrides() if overrides is None else overrides
    tb = PatternSentiment(
        path=pattern_default.path,
        synset="wordnet_id",
        negations=pattern_default.negations,
        modifiers=pattern_default.modifiers,
        modifier=pattern_default.modifier,
        tokenizer=pattern_default.tokenizer,
        language="en",
    )
    tb.load()
    vd = SentimentIntensityAnalyzer()
    for row in overrides.itertuples(index=False):
        if not pd.isna(row.textblob):
            if row.textblob == 0:
                if dict.__contains__(tb, row.word):
                    dict.__delitem__(tb, row.word)
            elif not dict.__contains__(tb, row.word):  # a new word, half subjective
                dict.__setitem__(
                    tb, row.word, {None: [float(row.textblob), NEW_WORD_SUBJECTIVITY, 1.0]}
                )
            else:
                entry = dict.__getitem__(tb, row.word)
                for pos, (_p, subj, intensity) in list(entry.items()):
                    entry[pos] = [float(row.textblob), subj, intensity]
        if not pd.isna(row.vader):
            if row.vader == 0:
                vd.lexicon.pop(row.word, None)
            else:
                vd.lexicon[row.word] = float(row.vader)
    return Lexicons(textblob=tb, vader=vd, overrides=overrides)


def _default(lex: Lexicons | None) -> Lexicons:
    return lex if lex is not None else _lexicons_for(PATHS.lexicons / OVERRIDES_FILE)


def _lexicons_for(path: Path) -> Lexicons:
    """The lexicons for the override file as it is now (rebuilt when its content changes)."""
    return _lexicons_of(path.read_bytes())


@lru_cache(maxsize=2)
def _lexicons_of(content: bytes) -> Lexicons:
    import io

    return lexicons(read_overrides(io.BytesIO(content)))  # type: ignore[arg-type]


def textblob_scores(text: str, *, lex: Lexicons | None = None) -> tuple[float, float]:
    """(polarity, subjectivity) of ``text`` by TextBlob's analyzer (with the news overrides of
    ``lex``, default the project's list); (0, 0) for no text."""
    if not text or not text.strip():
        return 0.0, 0.0
    polarity, subjectivity = _default(lex).textblob(text)
    return float(polarity), float(subjectivity)


def textblob_assessed(text: str, *, lex: Lexicons | None = None) -> tuple[float, float, str]:
    """(polarity, subjectivity, scored words) of ``text`` by TextBlob in one pass; the scored words
    are the assessments with a polarity, ``"significant +0.38|genocidal -0.80"``."""
    if not text or not text.strip():
        return 0.0, 0.0, ""
    score = _default(lex).textblob(text)
    words = "|".join(f"{' '.join(w)} {p:+.2f}" for w, p, _subj, _ in score.assessments if p)
    return float(score[0]), float(score[1]), words


def vader_compound(text: str, *, lex: Lexicons | None = None) -> float:
    """VADER's compound score of ``text`` (0 for no text), with the news overrides of ``lex``."""
    if not text or not text.strip():
        return 0.0
    return float(_default(lex).vader.polarity_scores(text)["compound"])


def drivers(text: str, *, lex: Lexicons | None = None) -> str:
    """The words that moved the scores, e.g. ``TextBlob: terrible -1.0, significant +0.38 | VADER: war -2.9``."""
    if not text or not text.strip():
        return ""
    lex = _default(lex)
    tb = [
        f"{' '.join(words)} {polarity:+.2f}"
        for words, polarity, _subj, _ in lex.textblob(text).assessments
        if polarity
    ]
    lexicon = lex.vader.lexicon
    vd = [
        f"{w} {lexicon[w.lower()]:+.1f}"
        for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)
        if w.lower() in lexicon
    ]
    return f"TextBlob: {', '.join(tb) or '-'} | VADER: {', '.join(vd) or '-'}"


def unscored(tokens: pd.DataFrame, *, types: frozenset[str] = UNSCORED_ENTITY_TYPES) -> pd.Series:
    """True for the tokens that must not score: inside a named entity, a title or a number phrase
    of one of ``types`` (spaCy's ``ent_type``), or a number itself (``like_num``)."""
    return tokens["ent_type"].isin(types) | tokens["like_num"].astype(bool)


def blank_words(text: str, words: list[str], blank: list[bool]) -> str:
    """``text`` with the ``words`` (its tokens, in order) flagged in ``blank`` replaced by
    :data:`BLANK` characters.

    The result has the length of ``text``, so offsets into it stay valid. A token not found in
    the text (a tokenizer that changed it) is left alone.

    Example:
        >>> blank_words("Sales in New York rose.", ["Sales", "in", "New", "York", "rose", "."],
        ...             [False, False, True, True, False, False])
        'Sales in ___ ____ rose.'
    """
    out, pos = list(text), 0
    for word, off in zip(words, blank, strict=True):
        at = text.find(word, pos)
        if at < 0:
            continue
        if off:
            out[at : at + len(word)] = BLANK * len(word)
        pos = at + len(word)
    return "".join(out)


def _voices(tokens: pd.DataFrame, *, unscored_types: frozenset[str]) -> pd.DataFrame:
    """Per sentence: the own-voice text and the quoted text rebuilt from tokens (short quoted
    stretches kept own: names, titles, scare quotes), each also as the lexicons read it
    (``own_scored``, ``quoted_scored``: the words of :func:`unscored` blanked), and the token
    texts with their blank flags (``_words``, ``_blank``) for the whole sentence."""
    t = tokens[["article_id", "sentence", "start", "end", "text", "in_quotes", "is_punct",
                "ent_type", "like_num"]].copy()  # fmt: skip
    t["text"] = t["text"].astype(object)  # Python strings: joined per sentence below, fast
    key = t["article_id"] + "\x00" + t["sentence"].astype(str)
    # a quoted run = consecutive in-quote tokens of one sentence; short runs are scare quotes
    run_break = (t["in_quotes"] != t["in_quotes"].shift()) | (key != key.shift())
    run = run_break.cumsum()
    words = (~t["is_punct"]).groupby(run).transform("sum")
    quoted = t["in_quotes"] & (words >= quotemarks.MIN_QUOTE_WORDS)
    blank = unscored(t, types=unscored_types)
    # a space goes before a token when the source has a gap before it
    gap = np.where((t["start"] > t["end"].shift()) & (key == key.shift()), " ", "")
    piece = gap + t["text"]
    scored_piece = gap + np.where(blank, t["text"].str.replace(r"\S", BLANK, regex=True), t["text"])
    t = t.assign(_piece=piece, _scored=scored_piece, _quoted=quoted, _blank=blank)
    keys = ["article_id", "sentence"]
    own, quo = t[~t["_quoted"]].groupby(keys), t[t["_quoted"]].groupby(keys)
    return (
        pd.DataFrame(
            {
                "own_text": own["_piece"].agg("".join),
                "own_scored": own["_scored"].agg("".join),
                "quoted_text": quo["_piece"].agg("".join).str.strip(),
                "quoted_scored": quo["_scored"].agg("".join).str.strip(),
            }
        )
        .fillna("")
        .join(t.groupby(keys).agg(_words=("text", list), _blank=("_blank", list)))
        .reset_index()
    )


def score_sentences(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    lex: Lexicons | None = None,
    unscored_types: frozenset[str] = UNSCORED_ENTITY_TYPES,
) -> pd.DataFrame:
    """Score every sentence as a whole, in the outlet's own voice, and in the quoted voices.

    The lexicons read each sentence with the words of names, titles and number phrases blanked
    (``scored_text``, see :func:`unscored`) and with the news overrides of ``lex`` (default: the
    project's ``data/lexicons/sentiment_overrides.csv``).

    Returns:
        One row per sentence: article_id, outlet_label, sentence, paragraph, start, end, text,
        scored_text, polarity, subjectivity, vader, learned (whole sentence, see
        :func:`learned_scores`), textblob_words; own_text,
        own_polarity, own_subjectivity, own_vader, own_learned; quoted_text, quoted_polarity,
        quoted_subjectivity, quoted_vader, quoted_learned (NaN when the sentence quotes nobody);
        has_quote.
    """
    lex = _default(lex)
    voices = _voices(tokens, unscored_types=unscored_types)
    out = sentences[["article_id", "sentence", "paragraph", "start", "end", "text"]].merge(
        voices, on=["article_id", "sentence"], how="left"
    )
    text_cols = ["own_text", "own_scored", "quoted_text", "quoted_scored"]
    out[text_cols] = out[text_cols].fillna("")
    out["scored_text"] = [
        blank_words(t, w, b) if isinstance(w, list) else t
        for t, w, b in zip(out["text"], out["_words"], out["_blank"], strict=True)
    ]
    out = out.merge(articles[["article_id", "outlet_label"]], on="article_id", how="left")
    has_quote = (out["quoted_text"].str.strip() != "").to_numpy()
    assessed = [textblob_assessed(t, lex=lex) for t in out["scored_text"]]
    whole = [(a[0], a[1]) for a in assessed]
    whole_vader = [vader_compound(t, lex=lex) for t in out["scored_text"]]
    # a sentence without a quotation is all own voice: its scores are the whole sentence's
    own = [
        textblob_scores(t, lex=lex) if q else w
        for t, q, w in zip(out["own_scored"], has_quote, whole, strict=True)
    ]
    own_vader = [
        vader_compound(t, lex=lex) if q else v
        for t, q, v in zip(out["own_scored"], has_quote, whole_vader, strict=True)
    ]
    quoted = [
        textblob_scores(t, lex=lex) if q else (np.nan, np.nan)
        for t, q in zip(out["quoted_scored"], has_quote, strict=True)
    ]
    out["polarity"], out["subjectivity"] = [w[0] for w in whole], [w[1] for w in whole]
    out["vader"] = whole_vader
    out["textblob_words"] = [a[2] for a in assessed]
    out["own_polarity"], out["own_subjectivity"] = [o[0] for o in own], [o[1] for o in own]
    out["own_vader"] = own_vader
    out["has_quote"] = has_quote
    out["quoted_polarity"] = [q[0] for q in quoted]
    out["quoted_subjectivity"] = [q[1] for q in quoted]
    out["quoted_vader"] = [
        vader_compound(t, lex=lex) if q else np.nan
        for t, q in zip(out["quoted_scored"], has_quote, strict=True)
    ]
    out["learned"] = learned_scores(out["scored_text"], out["polarity"], out["vader"], lex=lex)
    # the learned score of each voice: scored again only where the sentence quotes someone
    quoting = np.flatnonzero(has_quote)
    own_learned, quoted_learned = out["learned"].to_numpy(copy=True), np.full(len(out), np.nan)
    for col, target in (("own", own_learned), ("quoted", quoted_learned)):
        target[quoting] = learned_scores(
            out[f"{col}_scored"].iloc[quoting],
            out[f"{col}_polarity"].iloc[quoting].fillna(0.0),
            out[f"{col}_vader"].iloc[quoting].fillna(0.0),
            lex=lex,
        )
    out["own_learned"], out["quoted_learned"] = own_learned, quoted_learned
    own_empty = out["own_text"].str.strip() == ""
    for col in ("own_polarity", "own_subjectivity", "own_vader", "own_learned"):
        out[col] = out[col].where(~own_empty)
    cols = ["article_id", "outlet_label", "sentence", "paragraph", "start", "end", "text", "scored_text",
            "polarity", "subjectivity", "vader", "textblob_words", "learned", "own_text",
            "own_polarity", "own_subjectivity", "own_vader", "own_learned", "has_quote", "quoted_text",
            "quoted_polarity", "quoted_subjectivity", "quoted_vader", "quoted_learned"]  # fmt: skip
    return out[cols]


def learned_scores(
    texts: pd.Series | list[str],
    polarity: pd.Series | list[float],
    vader: pd.Series | list[float],
    spans: list[tuple[int, int] | None] | None = None,
    *,
    lex: Lexicons | None = None,
) -> np.ndarray:
    """The learned model's score, P(positive) - P(negative), of each text (names blanked) as a
    whole or toward the mention at its span; ``polarity`` and ``vader`` are the text's lexicon
    scores, already computed by the caller."""
    lex = _default(lex)
    model = sentiment_model.load()
    texts = list(texts)
    spans = spans or [None] * len(texts)
    rows = [
        sentiment_model.features(t, sp, lexicon_inputs(t, sp, lex, whole=(p, v)))
        for t, sp, p, v in zip(texts, spans, polarity, vader, strict=True)
    ]
    proba = model.proba(rows)
    return proba[:, 2] - proba[:, 0] if len(proba) else np.zeros(0)


def score_paragraphs(paragraphs: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Score each standfirst, body and subheading paragraph on its text.

    Returns: article_id, outlet_label, paragraph, kind, start, end, polarity, subjectivity, vader.
    """
    p = paragraphs[paragraphs["kind"].isin(PARSED_KINDS)]
    scores = [textblob_scores(t) for t in p["text"]]
    out = p[["article_id", "paragraph", "kind", "start", "end"]].assign(
        polarity=[s[0] for s in scores],
        subjectivity=[s[1] for s in scores],
        vader=[vader_compound(t) for t in p["text"]],
    )
    out = out.merge(articles[["article_id", "outlet_label"]], on="article_id", how="left")
    return out[["article_id", "outlet_label", "paragraph", "kind", "start", "end", "polarity",
                "subjectivity", "vader"]]  # fmt: skip


def score_articles(scored_sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Article scores: whole text, own voice and quoted voices (sentence scores weighted by length).

    Returns: article_id, outlet_label, file, title, sentences, polarity, subjectivity, vader,
    own_polarity, own_subjectivity, own_vader, learned, own_learned, quoted_polarity, quoted_vader,
    quoted_learned, quoted_sentences.
    """
    s = scored_sentences.assign(_w=scored_sentences["text"].str.len().clip(lower=1))

    def wmean(frame: pd.DataFrame, col: str) -> float:
        ok = frame[col].notna()
        return (
            float(np.average(frame.loc[ok, col], weights=frame.loc[ok, "_w"]))
            if ok.any()
            else np.nan
        )

    rows = []
    for aid, g in s.groupby("article_id", sort=False):
        rows.append(
            {
                "article_id": aid,
                "sentences": len(g),
                **{
                    c: wmean(g, c)
                    for c in (
                        "polarity",
                        "subjectivity",
                        "vader",
                        "own_polarity",
                        "own_subjectivity",
                        "own_vader",
                        "learned",
                        "own_learned",
                        "quoted_polarity",
                        "quoted_vader",
                        "quoted_learned",
                    )
                },  # fmt: skip
                "quoted_sentences": int(g["has_quote"].sum()),
            }
        )
    out = pd.DataFrame(rows)
    meta = articles[["article_id", "outlet_label", "file", "title"]]
    return meta.merge(out, on="article_id", how="inner")


def bootstrap_ci(
    values: np.ndarray, *, n_boot: int = 2000, seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (resampling the values)."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return np.nan, np.nan
    rng = np.random.default_rng(seed)
    means = rng.choice(values, size=(n_boot, len(values)), replace=True).mean(axis=1)
    alpha = (1 - level) / 2
    return float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha))


def by_outlet(
    scored_articles: pd.DataFrame,
    *,
    value: str = "own_polarity",
    n_boot: int = 2000,
    seed: int = 0,
    min_articles: int = MIN_ARTICLES_FOR_CI,
) -> pd.DataFrame:
    """Mean of ``value`` per outlet over its articles, with a bootstrap 95% interval over articles.

    Outlets with fewer than ``min_articles`` articles get no interval (``ci_low``/``ci_high`` NaN,
    ``show_interval`` False): their articles are shown as points instead.

    Returns: outlet_label, articles (N with a value), mean, ci_low, ci_high, show_interval, value.
    """
    rows = []
    for outlet, g in scored_articles.groupby("outlet_label"):
        vals = g[value].dropna().to_numpy()
        lo = hi = np.nan
        show = len(vals) >= min_articles
        if show:
            lo, hi = bootstrap_ci(vals, n_boot=n_boot, seed=seed)
        rows.append({"outlet_label": outlet, "articles": len(vals), "mean": vals.mean() if len(vals) else np.nan,
                     "ci_low": lo, "ci_high": hi, "show_interval": show, "value": value})  # fmt: skip
    return pd.DataFrame(rows).sort_values("mean", ascending=False).reset_index(drop=True)


#: The verdict for a difference whose 95% interval includes zero.
NO_DIFFERENCE = "no measurable difference"


def outlet_differences(
    scored_articles: pd.DataFrame,
    *,
    value: str = "own_polarity",
    n_boot: int = 2000,
    seed: int = 0,
    min_articles: int = MIN_ARTICLES_FOR_CI,
) -> pd.DataFrame:
    """Each outlet against all the other outlets' articles: the difference of the means, its 95%
    bootstrap interval (articles resampled within each side) and Cohen's d, with a verdict that
    says :data:`NO_DIFFERENCE` when the interval includes zero.

    Outlets (or the rest) with fewer than ``min_articles`` articles are left out.

    Returns: outlet_label, value, articles, others (N articles of the rest), mean, others_mean,
    difference, ci_low, ci_high, cohen_d, measurable, verdict; sorted by difference.

    Example:
        >>> outlet_differences(per_article, value="own_vader")  # doctest: +SKIP
    """
    cols = ["outlet_label", "value", "articles", "others", "mean", "others_mean", "difference",
            "ci_low", "ci_high", "cohen_d", "measurable", "verdict"]  # fmt: skip
    data = scored_articles[["outlet_label", value]].dropna()
    rng = np.random.default_rng(seed)
    rows = []
    for outlet in sorted(data["outlet_label"].unique()):
        mine = data.loc[data["outlet_label"] == outlet, value].to_numpy(dtype=float)
        rest = data.loc[data["outlet_label"] != outlet, value].to_numpy(dtype=float)
        if len(mine) < min_articles or len(rest) < min_articles:
            continue
        diff = float(mine.mean() - rest.mean())
        boot = (rng.choice(mine, size=(n_boot, len(mine))).mean(axis=1)
                - rng.choice(rest, size=(n_boot, len(rest))).mean(axis=1))  # fmt: skip
        lo, hi = (float(q) for q in np.quantile(boot, [0.025, 0.975]))
        pooled = np.sqrt(((len(mine) - 1) * mine.var(ddof=1) + (len(rest) - 1) * rest.var(ddof=1))
                         / (len(mine) + len(rest) - 2))  # fmt: skip
        measurable = not (lo <= 0 <= hi)
        rows.append({"outlet_label": outlet, "value": value, "articles": len(mine), "others": len(rest),
                     "mean": float(mine.mean()), "others_mean": float(rest.mean()), "difference": diff,
                     "ci_low": lo, "ci_high": hi, "cohen_d": float(diff / pooled) if pooled > 0 else np.nan,
                     "measurable": measurable, "verdict": verdict(diff, lo, hi)})  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values("difference", ascending=False).reset_index(drop=True)


def verdict(difference: float, ci_low: float, ci_high: float) -> str:
    """How to say a difference: :data:`NO_DIFFERENCE` when its interval includes zero, else
    ``"more positive by 0.12"`` or ``"more negative by 0.05"``."""
    if ci_low <= 0 <= ci_high:
        return NO_DIFFERENCE
    return f"more {'positive' if difference > 0 else 'negative'} by {abs(difference):.2f}"


def describe_differences(
    differences: pd.DataFrame, *, scale: str = "on a scale from -1 to 1"
) -> str:
    """One line per outlet of :func:`outlet_differences`, for the notebook's prose."""
    if differences.empty:
        return "Too few articles per outlet to compare outlets."
    lines = [
        f"- {r.outlet_label}: {r.verdict} than the other outlets ({r.difference:+.2f} {scale}, "
        f"95% interval {r.ci_low:+.2f} to {r.ci_high:+.2f}, Cohen's d {r.cohen_d:+.2f}; "
        f"{r.articles} articles against {r.others})"
        for r in differences.itertuples(index=False)
    ]
    return "\n".join(lines)


def voices_by_outlet(scored_sentences: pd.DataFrame) -> pd.DataFrame:
    """Own voice against quoted voices per outlet (sentence level, TextBlob and VADER).

    Returns: outlet_label, voice (own | quoted), sentences (N), articles (N), polarity, vader,
    learned.
    """
    rows = []
    for outlet, g in scored_sentences.groupby("outlet_label"):
        for voice in ("own", "quoted"):
            ok = g[f"{voice}_polarity"].notna()
            rows.append(
                {
                    "outlet_label": outlet,
                    "voice": voice,
                    "sentences": int(ok.sum()),
                    "articles": int(g.loc[ok, "article_id"].nunique()),
                    "polarity": float(g.loc[ok, f"{voice}_polarity"].mean())
                    if ok.any()
                    else np.nan,
                    "vader": float(g.loc[ok, f"{voice}_vader"].mean()) if ok.any() else np.nan,
                    "learned": float(g.loc[ok, f"{voice}_learned"].mean()) if ok.any() else np.nan,
                }
            )
    return pd.DataFrame(rows)


# -- targets -------------------------------------------------------------------------------------
def read_targets(path: Path | None = None) -> pd.DataFrame:
    """The story's editable target list ``targets.csv`` (target, pattern, note); empty without a story.

    ``pattern`` is a regular expression matched case-sensitively on word boundaries.
    """
    path = path or list_path("targets.csv")
    if path is None or not path.exists():
        return pd.DataFrame(columns=["target", "pattern", "note"])
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def window_text(sentence: str, start: int, end: int, k: int = 8) -> str:
    """The words a reader links to a mention: ``k`` words either side, cut at ``;`` and ``:``;
    blanked words (names, numbers: :data:`BLANK`) are left out and not counted."""

    def words(part: str) -> list[str]:
        return [w for w in part.split() if w.strip(BLANK + ".,'\"")]

    left = words(re.split(r"[;:]", sentence[:start])[-1])[-k:]
    right = words(re.split(r"[;:]", sentence[end:])[0])[:k]
    return " ".join([*left, sentence[start:end], *right])


def target_mentions(
    scored_sentences: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    window: int = 8,
    lex: Lexicons | None = None,
) -> pd.DataFrame:
    """Sentences that mention a target, with the sentence's scores, the scores of the words
    around the mention, and the learned model's score toward the mention.

    A sentence mentioning two aliases of one target counts once for it. The window and the
    learned model read ``scored_text`` (names, titles and numbers blanked) when the table has it.
    On NewsMTSC the learned model agrees best with people at target level, then VADER on the
    ``window`` words either side of the mention (``benchmarks/results/sentiment_eval.md``).
    Returns: article_id, outlet_label, sentence, target, mention (first alias matched),
    mention_start, mention_end (offsets into the source text when the sentence text is a plain
    slice of it), text, polarity, own_polarity, vader, window_polarity, window_vader, learned.
    """
    lex = _default(lex)
    rows = []
    compiled = [
        (row.target, re.compile(rf"(?<![\w-])(?:{row.pattern})(?![\w-])"))
        for row in targets.itertuples()
    ]
    has_scored = "scored_text" in scored_sentences.columns
    for s in scored_sentences.itertuples(index=False):
        for target, rx in compiled:
            m = rx.search(s.text)
            if m:
                scored = s.scored_text if has_scored else s.text
                near = window_text(scored, m.start(), m.end(), window)
                rows.append({"article_id": s.article_id, "outlet_label": s.outlet_label, "sentence": s.sentence,
                             "target": target, "mention": m.group(0), "mention_start": s.start + m.start(),
                             "mention_end": s.start + m.end(), "text": s.text, "polarity": s.polarity,
                             "own_polarity": s.own_polarity, "vader": s.vader,
                             "window_polarity": textblob_scores(near, lex=lex)[0],
                             "window_vader": vader_compound(near, lex=lex),
                             "_scored": scored, "_span": (m.start(), m.end())})  # fmt: skip
    cols = ["article_id", "outlet_label", "sentence", "target", "mention", "mention_start", "mention_end",
            "text", "polarity", "own_polarity", "vader", "window_polarity", "window_vader", "learned"]  # fmt: skip
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(rows)
    out["learned"] = learned_scores(
        out["_scored"], out["polarity"], out["vader"], list(out["_span"]), lex=lex
    )
    return out[cols]


def targets_by_outlet(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mean scores per outlet and target.

    Returns: outlet_label, target, sentences, articles, polarity, vader, window_polarity,
    window_vader, learned.
    """
    return (
        mentions.groupby(["outlet_label", "target"])
        .agg(
            sentences=("sentence", "size"),
            articles=("article_id", "nunique"),
            polarity=("polarity", "mean"),
            vader=("vader", "mean"),
            window_polarity=("window_polarity", "mean"),
            window_vader=("window_vader", "mean"),
            learned=("learned", "mean"),
        )
        .reset_index()
    )


def driver_words(
    scored_sentences: pd.DataFrame, *, by: str = "outlet_label", k: int = 8
) -> pd.DataFrame:
    """The words that moved TextBlob's scores most, per outlet (or per article with
    ``by="article_id"``): how often each scored word occurs and its total polarity.

    Returns: ``by``, word, direction (positive | negative), uses, polarity_sum, sentences (N
    sentences scored for the group); the ``k`` strongest words of each direction per group.
    """
    rows = []
    for key, g in scored_sentences.groupby(by):
        for scored in g["textblob_words"]:  # TextBlob's assessments, kept at ingest
            for item in filter(None, scored.split("|")):
                word, polarity = item.rsplit(" ", 1)
                rows.append({by: key, "word": word, "polarity": float(polarity), "n_sent": len(g)})
    cols = [by, "word", "direction", "uses", "polarity_sum", "sentences"]
    if not rows:
        return pd.DataFrame(columns=cols)
    hits = pd.DataFrame(rows)
    table = (
        hits.groupby([by, "word"])
        .agg(
            uses=("polarity", "size"),
            polarity_sum=("polarity", "sum"),
            sentences=("n_sent", "first"),
        )
        .reset_index()
    )
    table["direction"] = np.where(table["polarity_sum"] > 0, "positive", "negative")
    table["strength"] = table["polarity_sum"].abs()
    table = table.sort_values([by, "direction", "strength"], ascending=[True, False, False])
    return table.groupby([by, "direction"]).head(k)[cols].reset_index(drop=True)


def extremes(scored_sentences: pd.DataFrame, *, k: int = 3) -> pd.DataFrame:
    """The ``k`` most positive and most negative sentences per outlet, with the words that drove them.

    Returns: outlet_label, direction (positive | negative), polarity, vader, text, drivers,
    article_id, start, end.
    """
    rows = []
    for _, g in scored_sentences.groupby("outlet_label"):
        pos = g[g["polarity"] > 0].nlargest(k, "polarity").assign(direction="positive")
        neg = g[g["polarity"] < 0].nsmallest(k, "polarity").assign(direction="negative")
        rows.append(pd.concat([pos, neg]))
    if not rows:
        return pd.DataFrame()
    out = pd.concat(rows, ignore_index=True)
    out["drivers"] = [drivers(t) for t in out["text"]]
    return out[
        [
            "outlet_label",
            "direction",
            "polarity",
            "vader",
            "text",
            "drivers",
            "article_id",
            "start",
            "end",
        ]
    ]


def agreement(scored_sentences: pd.DataFrame) -> dict[str, float]:
    """How far TextBlob and VADER agree on sentences: Pearson and Spearman r, and sign agreement."""
    s = scored_sentences[["polarity", "vader"]].dropna()
    if len(s) < 3:
        return {"sentences": len(s), "pearson": np.nan, "spearman": np.nan, "same_sign": np.nan}
    same = (np.sign(s["polarity"]) == np.sign(s["vader"])).mean()
    return {
        "sentences": len(s),
        "pearson": float(s["polarity"].corr(s["vader"])),
        "spearman": float(s["polarity"].rank().corr(s["vader"].rank())),
        "same_sign": float(same),
    }


def describe_agreement(agree: dict[str, float]) -> str:
    """One sentence on how far TextBlob and VADER agree (for the notebook's prose)."""
    if pd.isna(agree["pearson"]):
        return f"Too few sentences ({agree['sentences']}) to compare the two lexicons."
    return (
        f"On {agree['sentences']:,} sentences, TextBlob and VADER correlate at Pearson r = "
        f"{agree['pearson']:.2f} (Spearman {agree['spearman']:.2f}) and give the same sign to "
        f"{agree['same_sign']:.0%} of them (a zero counts as its own sign)."
    )


#: The score columns of each method in the sentence (whole, own voice) and target tables, and the NewsMTSC results
#: (``benchmarks/sentiment_eval.py``) that measure them: sentence level, then target level.
METHODS = {
    "learned": {"sentence": "learned", "own": "own_learned", "target": "learned",
                "eval": ("sentence/learned", "target/learned")},
    "VADER": {"sentence": "vader", "own": "own_vader", "target": "window_vader",
              "eval": ("sentence/vader", "target/vader_window")},
    "TextBlob": {"sentence": "polarity", "own": "own_polarity", "target": "polarity",
                 "eval": ("sentence/textblob", "target/textblob_sentence")},
}  # fmt: skip
EVAL_RESULTS = Path("benchmarks") / "results" / "sentiment_eval.json"


def agreement_with_people(path: Path | None = None) -> pd.DataFrame:
    """How well each method agrees with people: macro-F1 (negative, neutral, positive) on NewsMTSC
    ``devtest_mt``, read from the stored results of ``benchmarks/sentiment_eval.py``.

    Returns: method, sentence_f1, target_f1, sentence_n, target_n; best first (target level).
    """
    path = path or PATHS.root / EVAL_RESULTS
    if not path.exists():
        raise FileNotFoundError(
            f"{path} not found: run benchmarks/sentiment_eval.py to measure the methods"
        )
    results = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for method, spec in METHODS.items():
        sent, targ = (results.get(k) for k in spec["eval"])
        if sent is None or targ is None:
            continue
        rows.append({"method": method, "sentence_f1": sent["macro_f1"], "target_f1": targ["macro_f1"],
                     "sentence_n": sent["n"], "target_n": targ["n"]})  # fmt: skip
    return pd.DataFrame(rows).sort_values("target_f1", ascending=False).reset_index(drop=True)


def describe_agreement_with_people(table: pd.DataFrame) -> str:
    """One line on how well each method agrees with people (from :func:`agreement_with_people`)."""
    parts = [
        f"{r.method} {r.sentence_f1:.2f} per sentence / {r.target_f1:.2f} toward a target"
        for r in table.itertuples(index=False)
    ]
    n = table.iloc[0]
    return (
        "Agreement with people on NewsMTSC devtest_mt (macro-F1 over negative, neutral and positive; "
        f"0.33 is chance; {n.sentence_n} sentences, {n.target_n} targets): "
        + "; ".join(parts)
        + "."
    )


def lexicon_inputs(
    text: str,
    span: tuple[int, int] | None,
    lex: object,
    *,
    whole: tuple[float, float] | None = None,
) -> tuple[float, ...]:
    """The lexicon scores the learned model (:mod:`analysis.sentiment_model`) reads, TextBlob polarity and VADER compound of: the sentence
    (``whole`` when the caller has them), the mention's window and the mention's clause (the
    sentence again when there is no mention)."""

    def both(t: str) -> tuple[float, float]:
        return textblob_scores(t, lex=lex)[0], vader_compound(t, lex=lex)

    whole = whole or both(text)
    if span is None:
        return (*whole, *whole, *whole)
    near = window_text(text, span[0], span[1], sentiment_model.LEXICON_WINDOW)
    return (*whole, *both(near), *both(sentiment_model.clause_text(text, span)))


def stage(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The pipeline stage: the ``sentence_sentiment`` table (score_sentences without outlet_label,
    which is joined from ``articles`` when the table is read, so a manifest change needs no rerun)."""
    scored = score_sentences(corpus.sentences, corpus.tokens, corpus.articles)
    return {"sentence_sentiment": scored.drop(columns="outlet_label")}
