"""Count the words each outlet uses: terms per outlet or article, as counts and rates per 1,000 words.

Terms come from the ``tokens`` table (nothing is parsed again): lemmas or surface words, single words
or n-grams. Words that spaCy splits at a hyphen are joined back first (``Iran - backed`` is counted as
``Iran-backed``, ``al - Sudani`` as ``al-Sudani``). Terms are case-folded (``The`` and ``the`` are
one term) except acronyms (``US`` is not ``us``), and each term is shown as most of its mid-sentence
occurrences write it (``Iraqi``, ``Resistance``, ``coalition``). By default spelling variants are
one term: dotted initials lose their dots (``U.S.`` is ``US``) and multi-word names that the entity
recognizer or the proper-noun tags mark (``United States``, ``Prime Minister``) are one word;
``merge_variants=False`` counts the raw forms. Stop words (spaCy's list plus
the editable ``data/lexicons/stopwords_news.txt``), numbers and punctuation are dropped by option.
Each occurrence carries its ``voice``: ``own`` (the outlet's words) or ``quoted`` (inside quotation
marks, the outlet quoting someone), so the two can be counted apart.

Everything is computed on integer codes (a string operation runs once per distinct word, not once
per token), so the 4.7 million tokens of a 4,000-article corpus take seconds.

Example:
    >>> c = corpus.load()                                            # doctest: +SKIP
    >>> counts = term_counts(c.tokens, c.articles, n=(1, 2))         # doctest: +SKIP
    >>> top_terms(counts, k=10)                                      # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from analysis import outlets, wordcount
from analysis.config import PATHS
from analysis.corpus import article_outlets
from analysis.stopwords import STOP_WORDS

Unit = Literal["lemma", "word"]
Voice = Literal["all", "own", "quoted", "split"]
By = Literal["outlet", "article"]

NEWS_STOPWORDS = "stopwords_news.txt"
HYPHENS = ("-", "‐", "‑")
TERM_COLUMNS = ["article_id", "sentence", "token", "start", "end", "term", "n", "voice"]
#: Titles before a name ("Mr. Ryan", "Dr. Fauci"), matched with or without the dot: left out of term
#: counts like stop words unless ``honorifics=True`` (they lead every outlet's list otherwise).
HONORIFICS = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof", "rev", "messrs"]
)


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


def _stop_set(stopwords: Iterable[str] | None, honorifics: bool) -> frozenset[str]:
    """The stop words a count uses: ``stopwords`` (default :func:`read_stopwords`), plus
    :data:`HONORIFICS` unless they are counted."""
    words = read_stopwords() if stopwords is None else frozenset(w.lower() for w in stopwords)
    return words if honorifics else words | HONORIFICS


def words(tokens: pd.DataFrame) -> pd.DataFrame:
    """The tokens as words: whitespace tokens dropped, hyphenated compounds joined into one row.

    A hyphen with no space on either side between two non-punctuation tokens of one sentence joins
    them (``US - led`` becomes ``US-led``, lemma ``US-led``). Returns the token columns used here
    (article_id, sentence, token, start, end, text, lemma, pos, is_punct, like_num, in_quotes,
    ent_type, ent_iob) plus ``compound`` (a joined hyphenated word).

    Example:
        >>> words(c.tokens).query("compound")["text"].head(2).tolist()  # doctest: +SKIP
        ['al-Sudani', 'US-led']
    """
    keep = ["article_id", "sentence", "token", "start", "end", "text", "lemma", "pos", "is_punct",
            "like_num", "in_quotes", "ent_type", "ent_iob"]  # fmt: skip
    codes, uniques = pd.factorize(tokens["text"])
    blank = np.array([not u.strip() for u in uniques], dtype=bool)
    tok = tokens.loc[(tokens["pos"] != "SPACE").to_numpy() & ~blank[codes], keep].reset_index(
        drop=True
    )
    tok["compound"] = False
    if tok.empty:
        return tok
    art = pd.factorize(tok["article_id"])[0]
    sent = tok["sentence"].to_numpy()
    start, end = tok["start"].to_numpy(), tok["end"].to_numpy()
    punct = tok["is_punct"].to_numpy(dtype=bool)
    same_prev = np.r_[False, (art[1:] == art[:-1]) & (sent[1:] == sent[:-1])]
    touch_prev = np.r_[False, start[1:] == end[:-1]] & same_prev
    touch_next = np.r_[touch_prev[1:], False]
    hyphen = tok["text"].isin(HYPHENS).to_numpy() & touch_prev & touch_next
    hyphen &= np.r_[False, ~punct[:-1]] & np.r_[~punct[1:], False]
    joins_prev = hyphen | np.r_[False, hyphen[:-1]]
    if not joins_prev.any():
        return tok
    first = np.flatnonzero(~joins_prev & np.r_[joins_prev[1:], False])
    group = np.cumsum(~joins_prev)
    like_num = tok["like_num"].to_numpy(dtype=bool)
    joined = tok["text"].iloc[first].to_numpy(dtype=object)
    last_end = end[first].copy()
    all_num = like_num[first].copy()
    step = 1
    while True:
        nxt = first + step
        more = nxt < len(tok)
        more[more] = joins_prev[nxt[more]] & (group[nxt[more]] == group[first[more]])
        if not more.any():
            break
        joined[more] = joined[more] + tok["text"].iloc[nxt[more]].to_numpy(dtype=object)
        last_end[more] = end[nxt[more]]
        all_num[more] &= like_num[nxt[more]]
        step += 1
    tok.loc[first, "text"] = joined
    tok.loc[first, "lemma"] = joined
    tok.loc[first, "end"] = last_end
    tok.loc[first, "like_num"] = all_num
    tok.loc[first, "compound"] = True
    return tok[~joins_prev].reset_index(drop=True)


#: Entity types whose multi-word spans are names, counted as one term ("United States", "Joe
#: Biden", "the Islamic State" as "Islamic State"); dates, times, amounts and numbers are not.
NAME_TYPES = frozenset(
    [
        "PERSON",
        "NORP",
        "FAC",
        "ORG",
        "GPE",
        "LOC",
        "PRODUCT",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
    ]
)
#: Initials with dots, as in "U.S.", "U.K.", "U.N.", "D.C." (a final dot optional, as spaCy splits
#: one off at a sentence end): the same term as "US", "UK", "UN", "DC".
DOTTED_INITIALS = re.compile(r"(?<![A-Za-z.])[A-Z](?:\.[A-Z])+\.?(?![A-Za-z])")


def undot(text: str) -> str:
    """``text`` with dotted initials written without dots: ``U.S.-led`` -> ``US-led``.

    Example:
        >>> undot("U.S."), undot("U.N. Security Council"), undot("a.m."), undot("No.")
        ('US', 'UN Security Council', 'a.m.', 'No.')
    """
    return DOTTED_INITIALS.sub(lambda m: m.group().replace(".", ""), text)


def names(seq: pd.DataFrame) -> pd.DataFrame:
    """The words of :func:`words` with each multi-word name joined into one row.

    A name is what the layers say it is, not a list: a multi-word entity span of a
    :data:`NAME_TYPES` type (a leading determiner left out: "the United States" gives "United
    States"), or, outside entities, a run of proper nouns separated by single spaces ("Prime
    Minister", "Defense Secretary"). The joined row has the text and lemma of the whole name, the
    first word's start, the last word's end, and ``compound`` set (never a stop word).

    Example:
        >>> names(words(c.tokens)).query("compound")["text"].head(2).tolist()  # doctest: +SKIP
        ['Middle East', 'United States']
    """
    if seq.empty:
        return seq
    art = pd.factorize(seq["article_id"])[0]
    sent = seq["sentence"].to_numpy()
    start, end = seq["start"].to_numpy(), seq["end"].to_numpy()
    same_prev = np.r_[False, (art[1:] == art[:-1]) & (sent[1:] == sent[:-1])]
    iob = seq["ent_iob"].astype(str).to_numpy()
    # punctuation and possessive endings stay out: "ISIS (Daesh", "States'" are not names
    wordish = (
        ~seq["is_punct"].to_numpy(dtype=bool)
        & ~seq["pos"].isin(["PUNCT", "PART", "SYM"]).to_numpy()
    )
    named = seq["ent_type"].isin(NAME_TYPES).to_numpy() & (iob != "O") & wordish
    det = (seq["pos"] == "DET").to_numpy()
    propn = (seq["pos"] == "PROPN").to_numpy() & wordish
    in_span = (
        named
        & (iob == "I")
        & np.r_[False, named[:-1]]
        & ~np.r_[False, det[:-1] & (iob[:-1] == "B")]
    )
    one_space = np.r_[False, start[1:] == end[:-1] + 1]
    propn_run = propn & np.r_[False, propn[:-1]] & ~named & ~np.r_[False, named[:-1]] & one_space
    joins_prev = same_prev & (in_span | propn_run)
    if not joins_prev.any():
        return seq
    group = np.cumsum(~joins_prev) - 1
    gap = np.r_[False, start[1:] > end[:-1]]
    piece = np.where(joins_prev & gap, " ", "") + seq["text"].astype(str).to_numpy(dtype=object)
    multi = np.bincount(group)[group] > 1
    joined = pd.Series(piece[multi]).groupby(group[multi], sort=False).agg("".join)
    last_end = pd.Series(end[multi]).groupby(group[multi], sort=False).max()
    heads = np.flatnonzero(~joins_prev & multi)
    out = seq.copy()
    out.loc[heads, "text"] = joined.to_numpy()
    out.loc[heads, "lemma"] = joined.to_numpy()
    out.loc[heads, "end"] = last_end.to_numpy()
    out.loc[heads, "compound"] = True
    out.loc[heads, "like_num"] = False
    return out[~joins_prev].reset_index(drop=True)


def _sentence_initial(art: np.ndarray, sent: np.ndarray, punct: np.ndarray) -> np.ndarray:
    """True for the first non-punctuation word of each sentence."""
    word_rows = np.flatnonzero(~punct)
    a, s = art[word_rows], sent[word_rows]
    initial = np.zeros(len(art), dtype=bool)
    if len(word_rows):
        new = np.r_[True, (a[1:] != a[:-1]) | (s[1:] != s[:-1])]
        initial[word_rows[new]] = True
    return initial


class _Vocab:
    """Each word's term code, stop-word flag and the term strings, computed on distinct words."""

    def __init__(
        self, seq: pd.DataFrame, unit: Unit, stop_set: frozenset[str], *, merge_variants: bool
    ) -> None:
        self.art, art_ids = pd.factorize(seq["article_id"])
        self.art_ids = np.asarray(art_ids, dtype=object)
        self.sent = seq["sentence"].to_numpy()
        pos = seq["pos"]
        self.punct = seq["is_punct"].to_numpy(dtype=bool) | pos.isin(["PUNCT", "SYM"]).to_numpy()
        self.num = seq["like_num"].to_numpy(dtype=bool) | (pos == "NUM").to_numpy()
        self.quoted = seq["in_quotes"].to_numpy(dtype=bool)
        initial = _sentence_initial(self.art, self.sent, seq["is_punct"].to_numpy(dtype=bool))
        t_codes, t_u = pd.factorize(seq["text"])
        t_u = np.asarray(t_u, dtype=object)
        symbol = np.array([not any(ch.isalnum() for ch in u) for u in t_u], dtype=bool)
        self.punct |= symbol[t_codes]  # "=", "•", "|": no letter or digit, never a word
        t_low = np.array([u.lower() for u in t_u], dtype=object)
        acronym = np.array([len(u) >= 2 and u.isupper() for u in t_u], dtype=bool)
        if unit == "word":
            b_codes, b_u = t_codes, t_u
        else:
            b_codes, b_u = pd.factorize(seq["lemma"])
            b_u = np.asarray(b_u, dtype=object)
            propn = (pos == "PROPN").to_numpy()
            b_codes = _fix_initial_lemmas(
                initial, propn, t_codes, t_u, t_low, acronym, b_codes, b_u
            )
        pair_codes, pairs = pd.factorize(t_codes.astype(np.int64) * len(b_u) + b_codes)
        pt, pb = pairs // len(b_u), pairs % len(b_u)
        text, base = t_u[pt], b_u[pb]
        if merge_variants:  # "U.S." and "US" one term, shown without the dots
            base = np.array([undot(u) for u in base], dtype=object)
        base_low = np.array([u.lower() for u in base], dtype=object)
        key = np.where(acronym[pt], base, base_low)
        cap = text != t_low[pt]
        capitalized = np.array([u[:1].upper() + u[1:] for u in base], dtype=object)
        cand = np.where(base != base_low, base, np.where(t_low[pt] == base, text, capitalized))
        n_all = np.bincount(pair_codes, minlength=len(pairs))
        n_mid = np.bincount(pair_codes, weights=~initial, minlength=len(pairs))
        norm = _display(key, cand, cap, n_all, n_mid)
        term_of_pair, self.strings = pd.factorize(norm)
        self.strings = np.asarray(self.strings, dtype=object)
        self.term = term_of_pair[pair_codes]
        stop_pair = (
            pd.Series(t_low[pt]).str.rstrip(".").isin(stop_set).to_numpy()
            | pd.Series(base_low).str.rstrip(".").isin(stop_set).to_numpy()
        )
        stop_pair &= ~acronym[pt]
        self.stop = stop_pair[pair_codes] & ~seq["compound"].to_numpy(dtype=bool)


def _fix_initial_lemmas(
    initial: np.ndarray,
    propn: np.ndarray,
    t_codes: np.ndarray,
    t_u: np.ndarray,
    t_low: np.ndarray,
    acronym: np.ndarray,
    b_codes: np.ndarray,
    b_u: np.ndarray,
) -> np.ndarray:
    """Lemma codes with a sentence-initial word spaCy took for a proper noun fixed ("Militias").

    Such a word gets the most common lemma of its lower-case form used mid-sentence as a common
    word elsewhere in the corpus; a word never seen lower-case keeps its lemma.
    """
    rows = np.flatnonzero(initial & propn & ~acronym[t_codes])
    rows = rows[t_u[t_codes[rows]] == b_u[b_codes[rows]]]
    if not len(rows):
        return b_codes
    low_of_text = pd.factorize(t_low)[0]
    low = low_of_text[t_codes]
    is_lower = (t_u == t_low)[t_codes]
    pool = ~initial & ~propn & is_lower & np.isin(low, np.unique(low[rows]))
    if not pool.any():
        return b_codes
    pairs = pd.DataFrame({"low": low[pool], "lemma": b_codes[pool]}).value_counts().reset_index()
    best = pairs.drop_duplicates("low").set_index("low")["lemma"]
    fixed = pd.Series(low[rows]).map(best).to_numpy()
    found = ~pd.isna(fixed)
    out = b_codes.copy()
    out[rows[found]] = fixed[found].astype(b_codes.dtype)
    return out


def _display(
    key: np.ndarray, cand: np.ndarray, cap: np.ndarray, n_all: np.ndarray, n_mid: np.ndarray
) -> np.ndarray:
    """Each distinct (text, base) pair's term: its case-folded key, shown as most mid-sentence uses write it."""
    frame = pd.DataFrame({"key": key, "cand": cand, "cap": cap, "n_all": n_all, "n_mid": n_mid})
    frame["cap_mid"] = frame["n_mid"] * frame["cap"]
    frame["cap_all"] = frame["n_all"] * frame["cap"]
    per_key = frame.groupby("key")[["n_all", "n_mid", "cap_all", "cap_mid"]].sum()
    share = np.where(per_key["n_mid"] > 0, per_key["cap_mid"] / per_key["n_mid"].clip(lower=1),
                     per_key["cap_all"] / per_key["n_all"])  # fmt: skip
    capped_keys = per_key.index[share >= 0.5]
    capped = frame[frame["cap"] & frame["key"].isin(capped_keys)]
    forms = capped.groupby(["key", "cand"])["n_all"].sum().reset_index()
    forms = forms.sort_values(["n_all", "cand"], ascending=[False, True])
    display = forms.drop_duplicates("key").set_index("key")["cand"]
    return frame["key"].map(display).fillna(frame["key"]).to_numpy(dtype=object)


class _Grams:
    """The n-gram occurrences kept by the filters: first word's row, length, term code, voice."""

    VOICES = np.array(["own", "quoted", "mixed"], dtype=object)

    def __init__(
        self,
        v: _Vocab,
        lengths: list[int],
        *,
        drop_stopwords: bool,
        drop_numbers: bool,
        drop_punct: bool,
    ) -> None:
        firsts, ns, grams, voices, strings = [], [], [], [], []
        offset = 0
        for length in sorted(set(lengths)):
            m = len(v.term) - length + 1
            if m <= 0:
                continue
            first = np.arange(m)
            last = first + length - 1
            ok = (v.art[first] == v.art[last]) & (v.sent[first] == v.sent[last])
            n_quoted = np.zeros(m, dtype=np.int64)
            for k in range(length):
                if drop_punct:
                    ok &= ~v.punct[first + k]
                if drop_numbers:
                    ok &= ~v.num[first + k]
                n_quoted += v.quoted[first + k]
            if drop_stopwords:
                ok &= ~v.stop[first] & ~v.stop[last]
            idx = first[ok]
            key = v.term[idx].astype(np.int64)
            for k in range(1, length):
                key = pd.factorize(key * len(v.strings) + v.term[idx + k])[0].astype(np.int64)
            local, _ = pd.factorize(key)
            rep = idx[np.unique(local, return_index=True)[1]]
            text = v.strings[v.term[rep]]
            for k in range(1, length):
                text = text + " " + v.strings[v.term[rep + k]]
            nq = n_quoted[ok]
            firsts.append(idx)
            ns.append(np.full(len(idx), length, dtype=np.int64))
            grams.append(local + offset)
            voices.append(np.where(nq == 0, 0, np.where(nq == length, 1, 2)).astype(np.int8))
            strings.append(text)
            offset += len(text)
        self.first = np.concatenate(firsts) if firsts else np.array([], dtype=np.int64)
        self.n = np.concatenate(ns) if ns else np.array([], dtype=np.int64)
        self.gram = np.concatenate(grams) if grams else np.array([], dtype=np.int64)
        self.voice = np.concatenate(voices) if voices else np.array([], dtype=np.int8)
        # one term per string: a name merged into one word ("Donald Trump", n = 1) where the
        # recognizer found it, and the same two words as a bigram where it did not, are one term
        # (its n the smaller)
        text_codes, texts = pd.factorize(
            np.concatenate(strings) if strings else np.array([], dtype=object)
        )
        self.gram = text_codes[self.gram] if len(self.gram) else self.gram
        self.strings = np.asarray(texts, dtype=object)
        self.gram_n = np.full(len(self.strings), np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(self.gram_n, self.gram, self.n)

    def keep(self, voice: Voice) -> np.ndarray:
        if voice == "all":
            return np.ones(len(self.first), dtype=bool)
        if voice == "split":
            return self.voice != 2
        return self.voice == (0 if voice == "own" else 1)


def _check(unit: str, n: int | Sequence[int], voice: str) -> list[int]:
    if voice not in ("all", "own", "quoted", "split"):
        raise ValueError(f"voice must be all, own, quoted or split, not {voice!r}")
    if unit not in ("lemma", "word"):
        raise ValueError(f"unit must be lemma or word, not {unit!r}")
    lengths = [n] if isinstance(n, int) else list(n)
    if not lengths or min(lengths) < 1:
        raise ValueError(f"n must be one or more positive n-gram lengths, not {n!r}")
    return lengths


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
    merge_variants: bool = True,
    honorifics: bool = False,
) -> pd.DataFrame:
    """Every occurrence of a term (word or n-gram) in ``tokens``, one row each.

    N-grams stay inside a sentence; with the filters on, an n-gram is dropped when any of its words is
    punctuation or a number, or when it starts or ends with a stop word (stop words inside are kept:
    ``groups allied with Iran``). A word is a stop word when its lower-cased text or lemma is in the
    list (a final dot ignored: ``Mr.``); acronyms (``US``) and hyphenated compounds never are.

    Args:
        tokens: the ``tokens`` table.
        unit: ``lemma`` (``forces`` counts as ``force``) or ``word`` (the text as written).
        n: n-gram length, or several (``(1, 2, 3)``).
        voice: ``all``; ``own`` (outside quotation marks); ``quoted`` (inside); ``split`` (both, an
            n-gram straddling a quotation mark dropped).
        stopwords: the stop-word list (default :func:`read_stopwords`).
        drop_stopwords, drop_numbers, drop_punct: the filters.
        merge_variants: count spellings of one term as one: dotted initials as the same letters
            without dots (``U.S.`` is ``US``, :func:`undot`) and multi-word names as one word
            (:func:`names`: ``United States``, ``Prime Minister``). False counts the raw forms.
        honorifics: count titles such as ``Mr.`` and ``Dr.`` (:data:`HONORIFICS`) as words.

    Returns:
        ``article_id``, ``sentence``, ``token`` (first token's index), ``start``, ``end`` (offsets
        into ``texts.text``), ``term``, ``n``, ``voice`` (``own`` | ``quoted`` | ``mixed``).

    Example:
        >>> terms(c.tokens, n=2, voice="own")  # doctest: +SKIP
    """
    lengths = _check(unit, n, voice)
    seq = names(words(tokens)) if merge_variants else words(tokens)
    v = _Vocab(
        seq,
        unit,
        _stop_set(stopwords, honorifics),
        merge_variants=merge_variants,
    )
    g = _Grams(
        v, lengths, drop_stopwords=drop_stopwords, drop_numbers=drop_numbers, drop_punct=drop_punct
    )
    keep = g.keep(voice)
    first, length = g.first[keep], g.n[keep]
    return pd.DataFrame({
        "article_id": v.art_ids[v.art[first]],
        "sentence": v.sent[first],
        "token": seq["token"].to_numpy()[first],
        "start": seq["start"].to_numpy()[first],
        "end": seq["end"].to_numpy()[first + length - 1],
        "term": g.strings[g.gram[keep]],
        "n": length,
        "voice": _Grams.VOICES[g.voice[keep]],
    })  # fmt: skip


def _keys(by: By, voice: Voice) -> list[str]:
    if by not in ("outlet", "article"):
        raise ValueError(f"by must be outlet or article, not {by!r}")
    keys = ["outlet_label"] if by == "outlet" else ["outlet_label", "article_id"]
    return keys + (["voice"] if voice == "split" else [])


def _word_counts(tokens: pd.DataFrame, labels: pd.Series, by: By, voice: Voice) -> pd.DataFrame:
    keep = (tokens["pos"] != "SPACE").to_numpy()
    runs = wordcount.words_per_run(
        tokens.loc[keep, ["article_id", "start", "end", "text", "in_quotes"]]
    )
    if voice in ("own", "quoted"):
        runs = runs[runs["in_quotes"] == (voice == "quoted")]
    frame = runs.assign(
        voice=np.where(runs["in_quotes"].to_numpy(dtype=bool), "quoted", "own"),
        outlet_label=runs["article_id"].map(labels),
    )
    if voice != "split":
        frame = frame.assign(voice="own")
    out = frame.groupby(_keys(by, voice), sort=True)["words"].sum().reset_index()
    return out.astype({"words": np.int64})


def word_counts(
    tokens: pd.DataFrame, articles: pd.DataFrame, *, by: By = "outlet", voice: Voice = "all"
) -> pd.DataFrame:
    """How many words each outlet (or article) wrote: the denominator of the rates.

    Words as :mod:`analysis.wordcount` defines them, the rule of ``articles.n_words`` too, so
    every notebook and table gives the same total for the same articles. With ``voice="split"``
    there is one row per voice.

    Returns:
        ``outlet_label`` (and ``article_id`` when ``by="article"``), ``voice`` when split, ``words``.
    """
    _check("word", 1, voice)
    labels = article_outlets(articles).set_index("article_id")["outlet_label"]
    return _word_counts(tokens, labels, by, voice)


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
    merge_variants: bool = True,
    honorifics: bool = False,
    self_mentions: bool = False,
    min_count: int = 1,
) -> pd.DataFrame:
    """Term counts and rates per outlet or per article (options as in :func:`terms`).

    An outlet's own name in its own articles ("Fox News" in Fox News, "The Hill" as "Hill") is left
    out unless ``self_mentions=True`` (:func:`self_mention`): it says who publishes, not what the
    outlet talks about. Another outlet's name is counted.

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
    lengths = _check(unit, n, voice)
    keys = _keys(by, voice)
    v = _Vocab(
        names(words(tokens)) if merge_variants else words(tokens),
        unit,
        _stop_set(stopwords, honorifics),
        merge_variants=merge_variants,
    )
    g = _Grams(
        v, lengths, drop_stopwords=drop_stopwords, drop_numbers=drop_numbers, drop_punct=drop_punct
    )
    keep = g.keep(voice)
    labels = article_outlets(articles).set_index("article_id")["outlet_label"]
    outlet_codes, outlet_names = pd.factorize(pd.Series(v.art_ids).map(labels))
    split = voice == "split"
    voices = g.voice[keep] if split else np.zeros(int(keep.sum()), dtype=np.int8)
    occ = pd.DataFrame({"art": v.art[g.first[keep]], "voice": voices, "gram": g.gram[keep]})
    per_article = (
        occ.groupby(["art", "voice", "gram"], sort=False).size().rename("count").reset_index()
    )
    per_article["outlet"] = outlet_codes[per_article["art"].to_numpy()]
    group = ["outlet", "voice", "gram"] if by == "outlet" else ["outlet", "art", "voice", "gram"]
    out = per_article.groupby(group, sort=False).agg(
        count=("count", "sum"), articles=("art", "size")
    )
    out = out[out["count"] >= min_count].reset_index()
    result = pd.DataFrame(
        {"outlet_label": np.asarray(outlet_names, dtype=object)[out["outlet"].to_numpy()]}
    )
    if by == "article":
        result["article_id"] = v.art_ids[out["art"].to_numpy()]
    if split:
        result["voice"] = _Grams.VOICES[out["voice"].to_numpy()]
    result["term"] = g.strings[out["gram"].to_numpy()]
    result["n"] = g.gram_n[out["gram"].to_numpy()]
    result["count"] = out["count"].to_numpy()
    result["articles"] = out["articles"].to_numpy()
    result = result.merge(_word_counts(tokens, labels, by, voice), on=keys, how="left")
    result["rate_per_1000"] = result["count"] / result["words"] * 1000
    if not self_mentions and not result.empty:
        result = result[~self_mention(result["term"], result["outlet_label"])]
    result = result.sort_values(
        [*keys, "count", "term"], ascending=[True] * len(keys) + [False, True]
    )
    return result.reset_index(drop=True)


def _name_keys(name: str) -> set[str]:
    """``name`` as :func:`analysis.outlets.alias_key` matches it, with and without a leading "the"."""
    key = outlets.alias_key(name)
    return {key, key.removeprefix("the")} - {""}


def self_mention(terms: pd.Series, outlet_labels: pd.Series) -> np.ndarray:
    """Whether each term names the outlet beside it: its label or one of its aliases in
    ``data/lexicons/outlets.csv``, case, spaces, punctuation and a leading "the" ignored.

    Example:
        >>> self_mention(pd.Series(["Fox News", "Fox News"]), pd.Series(["Fox News", "CNN"]))
        array([ True, False])
    """
    own = {label: _name_keys(str(label)) for label in pd.unique(outlet_labels)}
    for alias, outlet in outlets.alias_map(outlets.read_lexicon()).items():
        if outlet in own:
            own[outlet] |= _name_keys(alias)
    anyone = set().union(*own.values()) if own else set()
    codes, uniques = pd.factorize(terms)
    keys = [_name_keys(str(t)) for t in uniques]  # each distinct term once
    maybe = np.array([bool(k & anyone) for k in keys], dtype=bool)
    out = np.zeros(len(terms), dtype=bool)
    labels = outlet_labels.to_numpy()
    for i in np.flatnonzero(maybe[codes] if len(codes) else out):
        out[i] = bool(keys[codes[i]] & own[labels[i]])
    return out


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
