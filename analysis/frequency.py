"""Count the words each outlet uses: terms per outlet or article, as counts and rates per 1,000 words.

Terms come from the ``tokens`` table (nothing is parsed again): lemmas or surface words, single words
or n-grams. Words that spaCy splits at a hyphen are joined back first (``Iran - backed`` is counted as
``Iran-backed``, ``al - Sudani`` as ``al-Sudani``). Terms are case-folded (``The`` and ``the`` are
one term) except acronyms (``US`` is not ``us``), and each term is shown as most of its mid-sentence
occurrences write it (``Iraqi``, ``Resistance``, ``coalition``). Stop words (spaCy's list plus the editable
``data/lexicons/stopwords_news.txt``), numbers and punctuation are dropped by option. Each occurrence
carries its ``voice``: ``own`` (the outlet's words) or ``quoted`` (inside quotation marks, the outlet
quoting someone), so the two can be counted apart.

Example:
    >>> c = corpus.load()                                            # doctest: +SKIP
    >>> counts = term_counts(c.tokens, c.articles, n=(1, 2))         # doctest: +SKIP
    >>> top_terms(counts, k=10)                                      # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS

from analysis import outlets
from analysis.config import PATHS

Unit = Literal["lemma", "word"]
Voice = Literal["all", "own", "quoted", "split"]
By = Literal["outlet", "article"]

NEWS_STOPWORDS = "stopwords_news.txt"
HYPHENS = ("-", "‐", "‑")
TERM_COLUMNS = ["article_id", "sentence", "token", "start", "end", "term", "n", "voice"]


def read_stopwords(path: str | Path | None = None, *, spacy_list: bool = True) -> frozenset[str]:
    """The stop-word list: spaCy's English list plus the news list, all lower-cased.

    Args:
        path: a text file with one word a line (``#`` starts a comment); default
            ``data/lexicons/stopwords_news.txt`` (skipped when absent).
        spacy_list: include spaCy's English stop words.

    Example:
        >>> {"said", "the"} <= read_stopwords()
        True
    """
    words = {w.lower() for w in STOP_WORDS} if spacy_list else set()
    if path is None:
        path = PATHS.lexicons / NEWS_STOPWORDS
        if not path.exists():
            return frozenset(words)
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"stop-word list {path} does not exist")
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)


def article_outlets(articles: pd.DataFrame) -> pd.DataFrame:
    """``article_id`` and ``outlet_label`` of each article (an unknown outlet gets its file label)."""
    label = articles["outlet_label"].astype(object)
    missing = label.isna()
    if missing.any():
        label = label.copy()
        label[missing] = [
            outlets.label(None, f, None if pd.isna(r) else int(r))
            for f, r in zip(
                articles.loc[missing, "file"], articles.loc[missing, "record"], strict=True
            )
        ]
    return pd.DataFrame(
        {"article_id": articles["article_id"].to_numpy(), "outlet_label": label.to_numpy()}
    )


def words(tokens: pd.DataFrame) -> pd.DataFrame:
    """The tokens as words: whitespace tokens dropped, hyphenated compounds joined into one row.

    A hyphen with no space on either side between two non-punctuation tokens of one sentence joins
    them (``US - led`` becomes ``US-led``, lemma ``US-led``). Returns the token columns plus
    ``acronym`` (``US``, ``U.S.``) and ``compound`` (a joined hyphenated word).
    """
    keep = ["article_id", "sentence", "token", "start", "end", "text", "lemma", "pos", "is_punct",
            "like_num", "in_quotes"]  # fmt: skip
    tok = tokens.loc[(tokens["pos"] != "SPACE") & (tokens["text"].str.strip() != ""), keep]
    tok = tok.reset_index(drop=True)
    text = tok["text"]
    acronym = (text.str.isupper() & (text.str.len() >= 2)).to_numpy()
    codes = pd.factorize(tok["article_id"])[0]
    sent = tok["sentence"].to_numpy()
    start, end = tok["start"].to_numpy(), tok["end"].to_numpy()
    punct = tok["is_punct"].to_numpy(dtype=bool)
    same_prev = np.r_[False, (codes[1:] == codes[:-1]) & (sent[1:] == sent[:-1])]
    touch_prev = np.r_[False, start[1:] == end[:-1]] & same_prev
    touch_next = np.r_[touch_prev[1:], False]
    hyphen = text.isin(HYPHENS).to_numpy() & touch_prev & touch_next
    hyphen &= np.r_[False, ~punct[:-1]] & np.r_[~punct[1:], False]
    joins_prev = hyphen | np.r_[False, hyphen[:-1]]
    tok["acronym"], tok["compound"] = acronym, False
    if not joins_prev.any():
        return tok
    group = np.cumsum(~joins_prev)
    in_compound = joins_prev | np.r_[joins_prev[1:], False]
    sub = tok.loc[in_compound, ["text", "end", "like_num"]].assign(_g=group[in_compound])
    grouped = sub.groupby("_g", sort=True)
    first = in_compound & ~joins_prev
    joined = grouped["text"].agg("".join).to_numpy()
    tok.loc[first, "text"] = joined
    tok.loc[first, "lemma"] = joined
    tok.loc[first, "end"] = grouped["end"].max().to_numpy()
    tok.loc[first, "like_num"] = grouped["like_num"].all().to_numpy()
    tok.loc[first, "acronym"] = False
    tok.loc[first, "compound"] = True
    return tok[~joins_prev].reset_index(drop=True)


def terms(
    tokens: pd.DataFrame,
    *,
    unit: Unit = "lemma",
    n: int | Sequence[int] = 1,
    voice: Voice = "all",
    stopwords: Iterable[str] | None = None,
    drop_stopwords: bool = True,
    drop_numbers: bool = True,
    drop_punct: bool = True,
) -> pd.DataFrame:
    """Every occurrence of a term (word or n-gram) in ``tokens``, one row each.

    N-grams stay inside a sentence; with the filters on, an n-gram is dropped when any of its words is
    punctuation or a number, or when it starts or ends with a stop word (stop words inside are kept:
    ``groups allied with Iran``). A word is a stop word when its lower-cased text or lemma is in the
    list; acronyms (``US``) and hyphenated compounds never are.

    Args:
        tokens: the ``tokens`` table.
        unit: ``lemma`` (``forces`` counts as ``force``) or ``word`` (the text as written).
        n: n-gram length, or several (``(1, 2, 3)``).
        voice: ``all``; ``own`` (outside quotation marks); ``quoted`` (inside); ``split`` (both, an
            n-gram straddling a quotation mark dropped).
        stopwords: the stop-word list (default :func:`read_stopwords`).
        drop_stopwords, drop_numbers, drop_punct: the filters.

    Returns:
        ``article_id``, ``sentence``, ``token`` (first token's index), ``start``, ``end`` (offsets
        into ``texts.text``), ``term``, ``n``, ``voice`` (``own`` | ``quoted`` | ``mixed``).

    Example:
        >>> terms(tokens, n=2, voice="own")  # doctest: +SKIP
    """
    if voice not in ("all", "own", "quoted", "split"):
        raise ValueError(f"voice must be all, own, quoted or split, not {voice!r}")
    if unit not in ("lemma", "word"):
        raise ValueError(f"unit must be lemma or word, not {unit!r}")
    lengths = [n] if isinstance(n, int) else list(n)
    if not lengths or min(lengths) < 1:
        raise ValueError(f"n must be one or more positive n-gram lengths, not {n!r}")
    stop_set = read_stopwords() if stopwords is None else frozenset(w.lower() for w in stopwords)
    seq = words(tokens)
    initial = _sentence_initial(seq)
    base = _fix_initial_lemmas(seq, initial) if unit == "lemma" else seq["text"]
    norm = _truecase(seq, base, initial)
    stop = (
        seq["text"].str.lower().isin(stop_set).to_numpy()
        | seq["lemma"].str.lower().isin(stop_set).to_numpy()
    )
    stop &= ~seq["acronym"].to_numpy() & ~seq["compound"].to_numpy()
    num = seq["like_num"].to_numpy(dtype=bool) | (seq["pos"] == "NUM").to_numpy()
    punct = seq["is_punct"].to_numpy(dtype=bool) | seq["pos"].isin(["PUNCT", "SYM"]).to_numpy()
    quoted = seq["in_quotes"].to_numpy(dtype=bool)
    codes = pd.factorize(seq["article_id"])[0]
    sent = seq["sentence"].to_numpy()
    frames = []
    for length in sorted(set(lengths)):
        m = len(seq) - length + 1
        if m <= 0:
            continue
        first = np.arange(m)
        last = first + length - 1
        ok = (codes[first] == codes[last]) & (sent[first] == sent[last])
        n_quoted = np.zeros(m, dtype=np.int64)
        for k in range(length):
            if drop_punct:
                ok &= ~punct[first + k]
            if drop_numbers:
                ok &= ~num[first + k]
            n_quoted += quoted[first + k]
        if drop_stopwords:
            ok &= ~stop[first] & ~stop[last]
        idx = first[ok]
        term = pd.Series(norm[idx], dtype=object)
        for k in range(1, length):
            term = term + " " + pd.Series(norm[idx + k], dtype=object)
        nq = n_quoted[ok]
        frames.append(
            pd.DataFrame(
                {
                    "article_id": seq["article_id"].to_numpy()[idx],
                    "sentence": sent[idx],
                    "token": seq["token"].to_numpy()[idx],
                    "start": seq["start"].to_numpy()[idx],
                    "end": seq["end"].to_numpy()[idx + length - 1],
                    "term": term.to_numpy(),
                    "n": length,
                    "voice": np.where(nq == 0, "own", np.where(nq == length, "quoted", "mixed")),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=TERM_COLUMNS)
    if voice == "split":
        out = out[out["voice"] != "mixed"]
    elif voice != "all":
        out = out[out["voice"] == voice]
    return out.reset_index(drop=True)


def _sentence_initial(seq: pd.DataFrame) -> np.ndarray:
    """True for the first non-punctuation word of each sentence."""
    is_word = ~(seq["is_punct"].to_numpy(dtype=bool))
    keys = [pd.factorize(seq["article_id"])[0][is_word], seq["sentence"].to_numpy()[is_word]]
    first = pd.Series(np.arange(len(seq))[is_word]).groupby(keys).head(1).to_numpy()
    initial = np.zeros(len(seq), dtype=bool)
    initial[first] = True
    return initial


def _fix_initial_lemmas(seq: pd.DataFrame, initial: np.ndarray) -> pd.Series:
    """Lemma of a sentence-initial word spaCy took for a proper noun ("Militias" -> "militia").

    Such a word gets the most common lemma of its lower-case form elsewhere in the corpus (as a
    common word, mid-sentence); a word never seen lower-case keeps its lemma.
    """
    lemma = seq["lemma"]
    suspect = initial & (seq["pos"] == "PROPN").to_numpy() & (lemma == seq["text"]).to_numpy()
    suspect &= ~seq["acronym"].to_numpy()
    if not suspect.any():
        return lemma
    low = seq["text"].str.lower()
    pool = ~initial & low.isin(set(low[suspect])).to_numpy() & (seq["text"] == low).to_numpy()
    pool &= (seq["pos"] != "PROPN").to_numpy()
    if not pool.any():
        return lemma
    pairs = pd.DataFrame({"low": low[pool].to_numpy(), "lemma": lemma[pool].to_numpy()})
    best = pairs.value_counts().reset_index().drop_duplicates("low").set_index("low")["lemma"]
    fixed = low[suspect].map(best)
    lemma = lemma.copy()
    lemma[fixed.dropna().index] = fixed.dropna()
    return lemma


def _truecase(seq: pd.DataFrame, base: pd.Series, initial: np.ndarray) -> np.ndarray:
    """Case-fold ``base`` (acronyms excepted) and show each term as most mid-sentence uses write it."""
    acronym = seq["acronym"].to_numpy()
    key = base.where(acronym, base.str.lower())
    text = seq["text"]
    cap = (text != text.str.lower()).to_numpy()
    has_upper = base != base.str.lower()
    capitalized = base.str[:1].str.upper() + base.str[1:]
    cand = base.where(has_upper, text.where(text.str.lower() == base, capitalized))
    frame = pd.DataFrame({"key": key.to_numpy(), "cand": cand.to_numpy(), "cap": cap, "mid": ~initial})
    share = frame.groupby("key")["cap"].mean()
    share_mid = frame[frame["mid"]].groupby("key")["cap"].mean()
    share.loc[share_mid.index] = share_mid
    capped = frame[frame["cap"] & frame["key"].isin(share.index[share >= 0.5])]
    forms = capped.groupby(["key", "cand"]).size().sort_values(ascending=False).reset_index()
    display = forms.drop_duplicates("key").set_index("key")["cand"]
    return frame["key"].map(display).fillna(frame["key"]).to_numpy(dtype=object)


def word_counts(
    tokens: pd.DataFrame, articles: pd.DataFrame, *, by: By = "outlet", voice: Voice = "all"
) -> pd.DataFrame:
    """How many words each outlet (or article) wrote: the denominator of the rates.

    A word is a token that is neither punctuation nor whitespace, a hyphenated compound counting once;
    stop words and numbers count. With ``voice="split"`` there is one row per voice.

    Returns:
        ``outlet_label`` (and ``article_id`` when ``by="article"``), ``voice`` when split, ``words``.
    """
    seq = words(tokens)
    seq = seq[~(seq["is_punct"] | seq["pos"].isin(["PUNCT", "SYM"]))]
    seq = seq.assign(voice=np.where(seq["in_quotes"], "quoted", "own"))
    if voice in ("own", "quoted"):
        seq = seq[seq["voice"] == voice]
    keys = _keys(by, voice)
    seq = seq.merge(article_outlets(articles), on="article_id", how="left")
    return seq.groupby(keys, sort=True).size().rename("words").reset_index()


def _keys(by: By, voice: Voice) -> list[str]:
    if by not in ("outlet", "article"):
        raise ValueError(f"by must be outlet or article, not {by!r}")
    keys = ["outlet_label"] if by == "outlet" else ["outlet_label", "article_id"]
    return keys + (["voice"] if voice == "split" else [])


def term_counts(
    tokens: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: By = "outlet",
    unit: Unit = "lemma",
    n: int | Sequence[int] = 1,
    voice: Voice = "all",
    stopwords: Iterable[str] | None = None,
    drop_stopwords: bool = True,
    drop_numbers: bool = True,
    drop_punct: bool = True,
    min_count: int = 1,
) -> pd.DataFrame:
    """Term counts and rates per outlet or per article (options as in :func:`terms`).

    The rate is per 1,000 words of the outlet (article) in the same voice, words as in
    :func:`word_counts`, whatever the n-gram length.

    Returns:
        ``outlet_label`` (and ``article_id`` when ``by="article"``), ``voice`` when split, ``term``,
        ``n``, ``count``, ``articles`` (how many articles use the term), ``words``, ``rate_per_1000``;
        sorted by group then descending count. Terms counted fewer than ``min_count`` times in the
        group are left out.

    Example:
        >>> term_counts(c.tokens, c.articles, n=2, voice="split")  # doctest: +SKIP
    """
    keys = _keys(by, voice)
    occ = terms(tokens, unit=unit, n=n, voice=voice, stopwords=stopwords, drop_stopwords=drop_stopwords,
                drop_numbers=drop_numbers, drop_punct=drop_punct)  # fmt: skip
    art_keys = ["article_id", *(["voice"] if voice == "split" else []), "term", "n"]
    per_article = occ.groupby(art_keys, sort=False).size().rename("count").reset_index()
    per_article = per_article.merge(article_outlets(articles), on="article_id", how="left")
    if by == "article":
        out = per_article.assign(articles=1)
    else:
        out = (
            per_article.groupby([*keys, "term", "n"], sort=False)
            .agg(count=("count", "sum"), articles=("article_id", "size"))
            .reset_index()
        )
    out = out[out["count"] >= min_count]
    out = out.merge(word_counts(tokens, articles, by=by, voice=voice), on=keys, how="left")
    out["rate_per_1000"] = out["count"] / out["words"] * 1000
    columns = [*keys, "term", "n", "count", "articles", "words", "rate_per_1000"]
    out = out.sort_values([*keys, "count", "term"], ascending=[True] * len(keys) + [False, True])
    return out[columns].reset_index(drop=True)


def top_terms(
    counts: pd.DataFrame, *, k: int = 10, by: Sequence[str] | None = None
) -> pd.DataFrame:
    """The ``k`` most frequent terms of each group of :func:`term_counts` output, with ``rank`` (1 = top).

    Args:
        counts: output of :func:`term_counts`.
        k: terms kept per group.
        by: group columns (default: every column before ``term``).
    """
    group = list(by) if by is not None else list(counts.columns[: counts.columns.get_loc("term")])
    ordered = counts.sort_values(
        [*group, "count", "term"], ascending=[True] * len(group) + [False, True]
    )
    out = ordered.groupby(group, sort=False).head(k).copy()
    out["rank"] = out.groupby(group, sort=False).cumcount() + 1
    return out.reset_index(drop=True)
