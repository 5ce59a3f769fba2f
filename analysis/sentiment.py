"""Sentiment an analyst can audit: TextBlob (the default) and VADER, own voice apart from quotes.

Every sentence of the ``sentences`` table is scored three times: as a whole, in the outlet's own
words (tokens outside quotation marks), and in the quoted words (tokens inside them). Very short
quoted stretches (one or two words, e.g. "Israel" or "aggression" in scare quotes) are names or
scare quotes, not someone speaking, so they stay in the outlet's own voice. Paragraphs and articles
are scored on their text. Per-outlet aggregates use articles as the unit, with bootstrap 95%
intervals, and show no interval for outlets with fewer than :data:`MIN_ARTICLES_FOR_CI` articles.
The words that drove a score come from TextBlob's assessments and VADER's lexicon.

Scores: TextBlob polarity in [-1, 1] and subjectivity in [0, 1]; VADER compound in [-1, 1].
Neither lexicon sees sarcasm, and news words such as "strike" or "attack" carry little lexicon
weight while "war" and "killing" carry a lot, whoever is being described.

Example:
    >>> scored = score_sentences(c.sentences, c.tokens, c.articles)  # doctest: +SKIP
    >>> by_outlet(score_articles(scored, c.articles))  # doctest: +SKIP
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

# TextBlob's default analyzer is pattern's sentiment; called directly it gives TextBlob's numbers
# without building a TextBlob and a namedtuple class per call (and without scoring twice for
# the assessments, as TextBlob does)
from textblob.en import sentiment as pattern_sentiment

from analysis.config import list_path

#: Outlets with fewer articles get their articles drawn as points and no interval.
MIN_ARTICLES_FOR_CI = 3
#: Quoted stretches of at most this many words are names or scare quotes, not quoted speech.
SCARE_QUOTE_MAX_WORDS = 2
PARSED_KINDS = ("standfirst", "body", "subheading")


@lru_cache(maxsize=1)
def _vader():  # noqa: ANN202 - vaderSentiment's analyzer
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def textblob_scores(text: str) -> tuple[float, float]:
    """(polarity, subjectivity) of ``text`` by TextBlob's default analyzer; (0, 0) for no text."""
    if not text or not text.strip():
        return 0.0, 0.0
    polarity, subjectivity = pattern_sentiment(text)
    return float(polarity), float(subjectivity)


def textblob_assessed(text: str) -> tuple[float, float, str]:
    """(polarity, subjectivity, scored words) of ``text`` by TextBlob in one pass; the scored words
    are the assessments with a polarity, ``"significant +0.38|genocidal -0.80"``."""
    if not text or not text.strip():
        return 0.0, 0.0, ""
    score = pattern_sentiment(text)
    words = "|".join(f"{' '.join(w)} {p:+.2f}" for w, p, _subj, _ in score.assessments if p)
    return float(score[0]), float(score[1]), words


def vader_compound(text: str) -> float:
    """VADER's compound score of ``text`` (0 for no text)."""
    if not text or not text.strip():
        return 0.0
    return float(_vader().polarity_scores(text)["compound"])


def drivers(text: str) -> str:
    """The words that moved the scores, e.g. ``TextBlob: terrible -1.0, significant +0.38 | VADER: war -2.9``."""
    if not text or not text.strip():
        return ""
    tb = [
        f"{' '.join(words)} {polarity:+.2f}"
        for words, polarity, _subj, _ in pattern_sentiment(text).assessments
        if polarity
    ]
    lexicon = _vader().lexicon
    vd = [
        f"{w} {lexicon[w.lower()]:+.1f}"
        for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)
        if w.lower() in lexicon
    ]
    return f"TextBlob: {', '.join(tb) or '-'} | VADER: {', '.join(vd) or '-'}"


def _voices(tokens: pd.DataFrame) -> pd.DataFrame:
    """Per sentence: the own-voice text and the quoted text rebuilt from tokens (scare quotes kept own)."""
    t = tokens[["article_id", "sentence", "start", "end", "text", "in_quotes", "is_punct"]].copy()
    key = t["article_id"] + "\x00" + t["sentence"].astype(str)
    # a quoted run = consecutive in-quote tokens of one sentence; short runs are scare quotes
    run_break = (t["in_quotes"] != t["in_quotes"].shift()) | (key != key.shift())
    run = run_break.cumsum()
    words = (~t["is_punct"]).groupby(run).transform("sum")
    quoted = t["in_quotes"] & (words > SCARE_QUOTE_MAX_WORDS)
    # a space goes before a token when the source has a gap before it
    gap = (t["start"] > t["end"].shift()) & (key == key.shift())
    piece = np.where(gap, " ", "") + t["text"]
    t = t.assign(_key=key, _piece=piece, _quoted=quoted)
    own = t[~t["_quoted"]].groupby(["article_id", "sentence"])["_piece"].agg("".join)
    quo = t[t["_quoted"]].groupby(["article_id", "sentence"])["_piece"].agg("".join).str.strip()
    return pd.DataFrame({"own_text": own, "quoted_text": quo}).fillna("").reset_index()


def score_sentences(
    sentences: pd.DataFrame, tokens: pd.DataFrame, articles: pd.DataFrame
) -> pd.DataFrame:
    """Score every sentence as a whole, in the outlet's own voice, and in the quoted voices.

    Returns:
        One row per sentence: article_id, outlet_label, sentence, paragraph, start, end, text,
        polarity, subjectivity, vader (whole sentence); own_text, own_polarity, own_subjectivity,
        own_vader; quoted_text, quoted_polarity, quoted_subjectivity, quoted_vader (NaN when the
        sentence quotes nobody); has_quote.
    """
    voices = _voices(tokens)
    out = sentences[["article_id", "sentence", "paragraph", "start", "end", "text"]].merge(
        voices, on=["article_id", "sentence"], how="left"
    )
    out[["own_text", "quoted_text"]] = out[["own_text", "quoted_text"]].fillna("")
    out = out.merge(articles[["article_id", "outlet_label"]], on="article_id", how="left")
    has_quote = (out["quoted_text"].str.strip() != "").to_numpy()
    assessed = [textblob_assessed(t) for t in out["text"]]
    whole = [(a[0], a[1]) for a in assessed]
    whole_vader = [vader_compound(t) for t in out["text"]]
    # a sentence without a quotation is all own voice: its scores are the whole sentence's
    own = [
        textblob_scores(t) if q else w
        for t, q, w in zip(out["own_text"], has_quote, whole, strict=True)
    ]
    own_vader = [
        vader_compound(t) if q else v
        for t, q, v in zip(out["own_text"], has_quote, whole_vader, strict=True)
    ]
    quoted = [
        textblob_scores(t) if q else (np.nan, np.nan)
        for t, q in zip(out["quoted_text"], has_quote, strict=True)
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
        vader_compound(t) if q else np.nan
        for t, q in zip(out["quoted_text"], has_quote, strict=True)
    ]
    own_empty = out["own_text"].str.strip() == ""
    for col in ("own_polarity", "own_subjectivity", "own_vader"):
        out[col] = out[col].where(~own_empty)
    cols = ["article_id", "outlet_label", "sentence", "paragraph", "start", "end", "text", "polarity",
            "subjectivity", "vader", "textblob_words", "own_text", "own_polarity", "own_subjectivity", "own_vader",
            "has_quote", "quoted_text", "quoted_polarity", "quoted_subjectivity", "quoted_vader"]  # fmt: skip
    return out[cols]


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
    own_polarity, own_subjectivity, own_vader, quoted_polarity, quoted_vader, quoted_sentences.
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
                        "quoted_polarity",
                        "quoted_vader",
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


def voices_by_outlet(scored_sentences: pd.DataFrame) -> pd.DataFrame:
    """Own voice against quoted voices per outlet (sentence level, TextBlob and VADER).

    Returns: outlet_label, voice (own | quoted), sentences (N), articles (N), polarity, vader.
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
    """The words a reader links to a mention: ``k`` words either side, cut at ``;`` and ``:``."""
    left = re.split(r"[;:]", sentence[:start])[-1].split()[-k:]
    right = re.split(r"[;:]", sentence[end:])[0].split()[:k]
    return " ".join([*left, sentence[start:end], *right])


def target_mentions(
    scored_sentences: pd.DataFrame, targets: pd.DataFrame, *, window: int = 8
) -> pd.DataFrame:
    """Sentences that mention a target, with the sentence's scores and the scores of the words
    around the mention.

    A sentence mentioning two aliases of one target counts once for it. On NewsMTSC, VADER on the
    ``window`` words either side of the mention agrees best with people at target level
    (``benchmarks/results/sentiment_eval.md``), so ``window_vader`` is offered beside the sentence
    scores. Returns: article_id, outlet_label, sentence, target, mention (first alias matched),
    mention_start, mention_end (offsets into the source text when the sentence text is a plain
    slice of it), text, polarity, own_polarity, vader, window_polarity, window_vader.
    """
    rows = []
    compiled = [
        (row.target, re.compile(rf"(?<![\w-])(?:{row.pattern})(?![\w-])"))
        for row in targets.itertuples()
    ]
    for s in scored_sentences.itertuples(index=False):
        for target, rx in compiled:
            m = rx.search(s.text)
            if m:
                near = window_text(s.text, m.start(), m.end(), window)
                rows.append({"article_id": s.article_id, "outlet_label": s.outlet_label, "sentence": s.sentence,
                             "target": target, "mention": m.group(0), "mention_start": s.start + m.start(),
                             "mention_end": s.start + m.end(), "text": s.text, "polarity": s.polarity,
                             "own_polarity": s.own_polarity, "vader": s.vader,
                             "window_polarity": textblob_scores(near)[0], "window_vader": vader_compound(near)})  # fmt: skip
    cols = ["article_id", "outlet_label", "sentence", "target", "mention", "mention_start", "mention_end",
            "text", "polarity", "own_polarity", "vader", "window_polarity", "window_vader"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def targets_by_outlet(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mean scores per outlet and target.

    Returns: outlet_label, target, sentences, articles, polarity, vader, window_polarity, window_vader.
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


def stage(corpus) -> dict[str, pd.DataFrame]:  # noqa: ANN001 - a batch Corpus
    """The pipeline stage: the ``sentence_sentiment`` table (score_sentences without outlet_label,
    which is joined from ``articles`` when the table is read, so a manifest change needs no rerun)."""
    scored = score_sentences(corpus.sentences, corpus.tokens, corpus.articles)
    return {"sentence_sentiment": scored.drop(columns="outlet_label")}
