"""Numeric claims: troop numbers, attack and strike counts, casualties and bases, with their hedges.

For every number in a parsed sentence (digits, number words, vague quantities such as "dozens"),
the extractor finds what it counts through the dependency parse and the editable lexicon
``data/lexicons/claims.csv`` (term, kind ``noun``/``verb``, category):

- a counted noun: "2,500 troops" (troops), "85 targets" struck (strikes), "two airbases" (bases);
- a casualty verb or noun governing the counted people: "killing three US soldiers",
  "the martyrdom of 16 people" (killed), "70 personnel incurring minor injuries" (injured);
- "N times" after an attack verb: "targeted ... in Iraq over 60 times" (attacks);
- a bare number joined by "and" to a claim carries its noun over: "2,500 troops in Iraq and 900
  in Syria".

It never reports years, dates, durations ("ten years", "two- to five-year"), money, percentages,
ages or ordinals; page furniture never reaches it because the cleaner removed it. Each claim
keeps its qualifier (``exact``, ``approx``, ``more_than``, ``at_least``, ``at_most``), the location
(a place named after a locative preposition, nearest to the number), the subject (whose troops,
who was killed), a time anchor ("since October"), who the number is attributed to, and the
phrase's offsets into the source text.

Example:
    >>> claims = extract(corpus.load())  # doctest: +SKIP
    >>> consistency(claims)              # doctest: +SKIP
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import deptree
from analysis.config import PATHS
from analysis.deptree import Token, Tree
from analysis.triggers import VAGUE

CATEGORIES = ("troops", "attacks", "strikes", "killed", "injured", "bases")
COLUMNS = [
    "file", "article_id", "outlet_label", "published", "category", "value", "value_max", "vague",
    "qualifier", "location", "subject", "time_anchor", "attributed_to", "text", "start", "end",
    "sentence", "sentence_text",
]  # fmt: skip

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 1_000_000,
}  # fmt: skip
QUALIFIERS = (
    (("more", "than"), "more_than"), (("upwards", "of"), "more_than"), (("over",), "more_than"),
    (("at", "least"), "at_least"), (("up", "to"), "at_most"), (("fewer", "than"), "at_most"),
    (("less", "than"), "at_most"), (("nearly",), "at_most"), (("almost",), "at_most"),
    (("an", "estimated"), "approx"), (("about",), "approx"), (("around",), "approx"),
    (("approximately",), "approx"), (("roughly",), "approx"), (("some",), "approx"),
    (("an", "estimated"), "approx"),
)  # fmt: skip
TIME_UNITS = {
    "year",
    "month",
    "week",
    "day",
    "hour",
    "minute",
    "second",
    "decade",
    "century",
    "time-frame",
}
MONTHS = {
    *["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"],
    *[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
}
LOCATIVE = {"in", "across", "near", "inside", "throughout", "at", "into", "within"}
NATIONALITY = {"us": "US", "u.s.": "US", "american": "US", "united states": "US", "america": "US"}
ATTACK_VERBS = {"target", "attack", "strike", "hit", "shell", "bomb", "assault", "raid"}
TIME_ANCHOR = re.compile(
    r"\b(since (?:the )?[\w -]+?(?=[,.;]| using| with|$)|(?:this|last|next) (?:year|month|week)"
    r"|in the (?:past|last) (?:year|month|week|\w+ (?:days|weeks|months|years))|so far this year)",
    re.I,
)
ACCORDING = re.compile(
    r"\b(?i:according to|as per|per)\s+((?:the |a )?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)"
)


@lru_cache(maxsize=4)
def read_lexicon(path: Path | None = None) -> pd.DataFrame:
    """The category lexicon ``data/lexicons/claims.csv`` (term, kind, category)."""
    return pd.read_csv(path or PATHS.lexicons / "claims.csv", dtype=str, keep_default_na=False)


def _compound_number(s: Tree, num: Token) -> tuple[float | None, bool]:
    """The value of "Thirty-three" (split by the tokenizer into Thirty, -, three); (None, False)
    for the tens word itself, which the units word reports."""
    nxt, nxt2 = s.get(num.token + 1), s.get(num.token + 2)
    if (
        nxt is not None
        and nxt.text == "-"
        and nxt2 is not None
        and nxt2.text.lower() in NUMBER_WORDS
    ):
        return None, False
    prev, prev2 = s.get(num.token - 1), s.get(num.token - 2)
    value, vague = number_value(num.text)
    if value is not None and prev is not None and prev.text == "-" and prev2 is not None:
        tens = NUMBER_WORDS.get(prev2.text.lower())
        if tens and tens >= 20 and value < 10:
            return tens + value, vague
    return value, vague


def number_value(text: str) -> tuple[float | None, bool]:
    """The value of a number token and whether it is vague: "2,500" -> (2500, False)."""
    t = text.lower().strip("-")
    if t in VAGUE:
        return float(VAGUE[t]), True
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t]), False
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", t):
        return float(t.replace(",", "")), False
    return None, False


def _excluded(s: Tree, num: Token, noun: Token | None) -> bool:
    """Years, dates, durations, money, percentages, ages and ordinals are not claims."""
    t = num.text
    if re.fullmatch(r"(1[89]|20)\d\d", t):
        return True  # a year
    before = s.get(num.token - 1)
    if (
        t.lower() == "one"
        and before is not None
        and before.text.lower() in {"no", "any", "every", "some", "each"}
    ):
        return True  # "no one", "any one": a pronoun, not a count
    if (
        re.search(r"\d(st|nd|rd|th)$", t, re.I)
        or num.tag == "JJ"
        and num.text.lower() not in NUMBER_WORDS
    ):
        return True  # ordinal
    prev, nxt = s.get(num.token - 1), s.get(num.token + 1)
    if prev is not None and (
        prev.text in {"$", "€", "£"} or prev.text.lower().rstrip(".") in MONTHS
    ):
        return True
    if nxt is not None and (
        nxt.text in {"%", "percent", "per"} or nxt.text.lower().rstrip(".") in MONTHS
    ):
        return True
    if noun is not None:
        lemma = noun.lemma.lower()
        if (
            lemma in TIME_UNITS
            or lemma.rstrip("s") in TIME_UNITS
            or lemma in {"dollar", "billion", "million"}
        ):
            return True
        if re.search(r"-(year|month|week|day|hour)s?(-old)?$", noun.text.lower()):
            return True
    if nxt is not None and re.match(r"-(year|month|day|week|hour)", nxt.text.lower()):
        return True
    # the entity recognizer's DATE/TIME/MONEY labels decide only when no counted noun does: it
    # calls "between 10 and 20 soldiers" a DATE
    return noun is None and num.ent_type in {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"}


def _qualifier(s: Tree, num: Token) -> tuple[str, int]:
    """The qualifier before a number and how many words it takes ("more than" -> 2)."""
    words = [t.text.lower() for t in (s.get(num.token - 2), s.get(num.token - 1)) if t is not None]
    for pattern, name in QUALIFIERS:
        if tuple(words[-len(pattern) :]) == pattern:
            return name, len(pattern)
    return "exact", 0


def _lookup(lex: dict[tuple[str, str], str], kind: str, tok: Token) -> str | None:
    """The lexicon category of a token by lemma, then by its lower-cased and singular form."""
    for form in (tok.lemma.lower(), tok.text.lower(), tok.text.lower().removesuffix("s")):
        if (kind, form) in lex:
            return lex[(kind, form)]
    return None


def _casualty_modifier(s: Tree, noun: Token, lex: dict[tuple[str, str], str]) -> str | None:
    """killed/injured when the counted phrase says so itself: "350,000 deaths", "the five dead",
    "the three people who were killed", "left four hostages dead"."""
    cat = _lookup(lex, "casualty", noun)
    if cat in {"killed", "injured"} and noun.dep != "pobj":
        return cat
    for kid in s.rows_of(s.kids(noun.token)):
        if kid.dep in {"amod", "acl", "relcl"}:
            cat = _lookup(lex, "verb", kid) or _lookup(lex, "casualty", kid)
            if cat in {"killed", "injured"}:
                return cat
    head = s.get(s.head(noun.token))
    if head is not None and noun.dep == "dobj":
        for kid in s.rows_of(s.kids(head.token)):
            if kid.dep == "oprd" and (_lookup(lex, "casualty", kid) in {"killed", "injured"}):
                return _lookup(lex, "casualty", kid)
    return None


def _category(
    s: Tree, num: Token, lex: dict[tuple[str, str], str]
) -> tuple[str | None, Token | None]:
    """(category, counted noun) of a number, or (None, None).

    The counted noun is the number's head ("2,500 troops") or, for "dozens of soldiers", the
    object of its "of". The casualty verb or noun is looked for above the counted phrase.
    """
    anchor = noun = (
        s.get(s.head(num.token)) if num.dep in {"nummod", "quantmod", "compound", "amod"} else None
    )
    if noun is None:
        of = next(
            (k for k in s.rows_of(s.kids(num.token)) if k.dep == "prep" and k.text.lower() == "of"),
            None,
        )
        noun = (
            next((k for k in s.rows_of(s.kids(of.token)) if k.dep == "pobj"), None)
            if of is not None
            else None
        )
        anchor = num
    if noun is None:  # "wounded more than 20": the number is the casualty verb's object
        verb = s.get(s.head(num.token))
        if verb is not None and num.dep in {"dobj", "nsubjpass", "attr"}:
            cat = _lookup(lex, "verb", verb)
            if cat in {"killed", "injured"}:
                return cat, None
        return None, None
    lemma = noun.lemma.lower()
    cat = _casualty_modifier(s, noun, lex)
    if cat is not None:
        return cat, noun
    verb = s.get(s.head(anchor.token))
    # "N times" after an attack verb
    if lemma == "time" and verb is not None and verb.lemma.lower() in ATTACK_VERBS:
        return "attacks", noun
    # casualties: a casualty verb or noun governing the counted people
    cur = anchor
    for _ in range(3):
        up = s.get(s.head(cur.token))
        if up is None:
            break
        cat = _lookup(lex, "verb", up) or _lookup(lex, "casualty", up)
        if cat in {"killed", "injured"}:
            return cat, noun
        cur = up
    for kid in s.rows_of(s.kids(noun.token)):  # "personnel incurring minor injuries"
        if kid.pos == "VERB":
            for obj in s.rows_of(s.kids(kid.token)):
                cat = _lookup(lex, "casualty", obj)
                if cat in {"killed", "injured"}:
                    return cat, noun
    if verb is not None and anchor.dep in {
        "nsubj",
        "nsubjpass",
    }:  # "One member has suffered injuries"
        for obj in s.rows_of(s.kids(verb.token)):
            cat = _lookup(lex, "casualty", obj)
            if obj.dep in {"dobj", "attr"} and cat in {"killed", "injured"}:
                return cat, noun
    cat = _lookup(lex, "noun", noun)
    if cat == "strikes_target":  # targets, sites, locations count as strikes when struck
        return (
            ("strikes", noun)
            if verb is not None and verb.lemma.lower() in ATTACK_VERBS
            else (None, None)
        )
    return cat, noun


def _range_end(s: Tree, num: Token) -> Token | None:
    """The upper number of a range starting at ``num``: "N to M", "N-M", "between N and M"."""
    link, high = s.get(num.token + 1), s.get(num.token + 2)
    if link is None or high is None or number_value(high.text)[0] is None:
        return None
    before = s.get(num.token - 1)
    joined = link.text.lower() in {"to", "-", "–"} or (
        link.text.lower() == "and" and before is not None and before.text.lower() == "between"
    )
    return high if joined else None


def _ellipsis_source(s: Tree, num: Token, claimed: dict[int, dict]) -> Token | None:
    """For a bare number joined by "and" to an earlier claim ("2,500 troops in Iraq and 900 in
    Syria"), the earlier claim's number; None otherwise."""
    if num.dep not in {"conj", "appos", "dobj", "pobj"}:
        return None
    earlier = [i for i in claimed if i < num.token]
    if not earlier:
        return None
    source = s.get(max(earlier))
    between = [t for t in s.rows if source.token < t.token < num.token]
    joined = any(t.text.lower() == "and" for t in between)
    no_other_number = not any(number_value(t.text)[0] is not None for t in between)
    return source if joined and no_other_number and len(between) <= 8 else None


def _locations(s: Tree) -> list[tuple[int, str]]:
    """Places named after a locative preposition: (token index, name), conjoined places joined."""
    ents: list[list[Token]] = []
    for t in s.rows:
        if t.ent_type in {"GPE", "LOC"} and t.ent_iob == "B":
            ents.append([t])
        elif t.ent_type in {"GPE", "LOC"} and t.ent_iob == "I" and ents:
            ents[-1].append(t)
    found: list[tuple[int, str]] = []
    for ent in ents:
        k = ent[0].token - 1
        prev = s.get(k)
        while prev is not None and (
            prev.pos == "ADJ"
            or prev.text.lower()
            in {"the", "northern", "northeast", "western", "eastern", "southern"}
        ):
            k -= 1
            prev = s.get(k)
        name = " ".join(t.text for t in ent)
        if prev is not None and prev.text.lower() in LOCATIVE:
            found.append((ent[0].token, name))
        elif (
            found
            and prev is not None
            and prev.text.lower() == "and"
            and found[-1][0] >= ent[0].token - 4
        ):
            first = found.pop()
            found.append((first[0], f"{first[1]} and {name}"))
    return found


def _location(s: Tree, num: Token) -> str | None:
    places = _locations(s)
    if not places:
        return None
    return min(places, key=lambda p: (abs(p[0] - num.token), p[0] < num.token))[1]


def _subject(s: Tree, noun: Token | None, category: str) -> str | None:
    if noun is None:
        return None
    mods = [
        t
        for t in s.rows_of(s.subtree(noun.token))
        if t.token < noun.token and t.dep in {"compound", "amod", "nmod"}
    ]
    nations = [
        NATIONALITY.get(t.text.lower(), t.text) for t in mods if t.ent_type in {"GPE", "NORP"}
    ]
    if category == "troops":
        if nations:
            return nations[0]
        verb = s.get(s.head(noun.token))
        for kid in s.rows_of(s.kids(verb.token)) if verb is not None else []:
            if kid.dep == "nsubj":
                text = " ".join(t.text for t in s.rows_of(s.subtree(kid.token)))
                return NATIONALITY.get(text.lower().removeprefix("the "), text)
        return None
    verb = s.get(s.head(noun.token))
    if (
        category in {"attacks", "strikes"}
        and verb is not None
        and verb.lemma.lower() in ATTACK_VERBS
    ):
        # attacks: what was attacked ("targeted US facilities ... 60 times"); strikes: who struck
        role = {"attacks": "dobj", "strikes": "nsubj"}[category]
        for kid in s.rows_of(s.kids(verb.token)):
            if kid.dep == role and kid.token != noun.token:
                words = [
                    t.text for t in s.rows_of(s.subtree(kid.token)) if t.dep not in {"prep", "pobj"}
                ][:6]
                text = " ".join(words)
                return NATIONALITY.get(text.lower().removeprefix("the "), text)
    hedges = {w for pattern, _ in QUALIFIERS for w in pattern}
    words = [t.text for t in mods if t.pos != "NUM" and t.text.lower() not in hedges] + [noun.text]
    return " ".join(words)


def _span(s: Tree, num: Token, noun: Token | None, qualifier_words: int) -> tuple[int, int]:
    """The qualifier, the number and the counted noun (or the number alone when the noun is far)."""
    first = s.get(num.token - qualifier_words) or num
    last = num
    if noun is not None and 0 < noun.token - num.token <= 4:
        last = noun
    elif noun is not None:
        nxt = s.get(num.token + 1)
        last = nxt if nxt is not None and nxt.lemma == noun.lemma else num
    return first.start, last.end


def _sentence_claims(s: Tree, lex: dict[tuple[str, str], str]) -> list[dict]:
    claims: list[dict] = []
    by_num: dict[int, dict] = {}
    range_ends: set[int] = set()
    for num in s.rows:
        if num.token in range_ends:
            continue
        value, vague = _compound_number(s, num)
        if value is None or num.pos not in {"NUM", "NOUN", "ADJ", "DET"}:
            continue
        high = _range_end(s, num)
        value_max = None
        category, noun = _category(s, num, lex)
        if (
            high is not None
        ):  # "between 10 and 20 soldiers", "3,000 to 5,000 troops", "40-50 rockets"
            range_ends.add(high.token)
            value_max = number_value(high.text)[0]
            if category is None:
                category, noun = _category(s, high, lex)
            if noun is not None and _excluded(s, high, noun):
                continue
        source = None
        if category is None:
            source = _ellipsis_source(s, num, by_num)
            if source is None:
                continue
            category, noun = by_num[source.token]["category"], None
        if _excluded(s, num, noun):
            continue
        if category not in CATEGORIES:
            continue
        qualifier, qualifier_words = _qualifier(s, num)
        if source is not None and qualifier == "exact":
            qualifier = by_num[source.token]["qualifier"]
        start, end = _span(s, num, noun, qualifier_words)
        if high is not None:
            before = s.get(num.token - 1)
            start = (
                before.start if before is not None and before.text.lower() == "between" else start
            )
            end = max(end, high.end)
        if noun is None:  # carried over: the number and its place ("900 in Syria")
            place = [
                t
                for t in s.rows
                if num.token < t.token <= num.token + 3 and t.ent_type in {"GPE", "LOC"}
            ]
            if place:
                end = max(end, place[-1].end)
        claim = {
            "category": category,
            "value": value,
            "value_max": value_max,
            "vague": vague,
            "qualifier": qualifier,
            "location": _location(s, num),
            "subject": by_num[source.token]["subject"]
            if source is not None
            else _subject(s, noun, category),
            "in_quotes": num.in_quotes,
            "start": start,
            "end": end,
        }
        by_num[num.token] = claim
        claims.append(claim)
    return claims


def extract(corpus, *, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:  # noqa: ANN001 - a Corpus
    """One row per numeric claim in the corpus (columns: :data:`COLUMNS`).

    ``value_max`` is set for ranges ("between 10 and 20"); ``vague`` marks "dozens", "hundreds";
    ``attributed_to`` is the source of an "according to X" / "as per X" in the sentence, or
    "quoted" when the number sits inside quotation marks; offsets index ``texts.text``.
    """
    lex_frame = read_lexicon() if lexicon is None else lexicon
    lex = {(r.kind, r.term.lower()): r.category for r in lex_frame.itertuples(index=False)}
    tokens = corpus.tokens
    if tokens.empty:
        return pd.DataFrame(columns=COLUMNS)
    has_number = tokens["like_num"] | tokens["text"].str.lower().isin(list(VAGUE))
    keys = tokens.loc[has_number, ["article_id", "sentence"]].drop_duplicates()
    wanted = tokens.merge(keys, on=["article_id", "sentence"]).sort_values(
        ["article_id", "sentence", "token"], kind="stable"
    )
    sent = corpus.sentences
    sentences = dict(
        zip(zip(sent["article_id"], sent["sentence"], strict=True), sent["text"], strict=True)
    )
    meta = corpus.articles.set_index("article_id")
    rows = []
    cols = ["article_id", "sentence", "token", "text", "lemma", "pos", "tag", "dep", "head",
            "ent_type", "ent_iob", "start", "end", "is_punct", "in_quotes"]  # fmt: skip
    for (aid, sidx), s in deptree.sentence_trees(deptree.records(wanted, cols)):
        text = sentences[(aid, sidx)]
        for claim in _sentence_claims(s, lex):
            m = ACCORDING.search(text)
            attributed = m.group(1) if m else ("quoted" if claim.pop("in_quotes") else None)
            claim.pop("in_quotes", None)
            anchor = TIME_ANCHOR.search(text)
            source_text = corpus.text_of(aid) if hasattr(corpus, "text_of") else text
            rows.append(
                {
                    "file": meta.at[aid, "file"],
                    "article_id": aid,
                    "outlet_label": meta.at[aid, "outlet_label"],
                    "published": meta.at[aid, "published"],
                    **claim,
                    "time_anchor": anchor.group(1) if anchor else None,
                    "attributed_to": attributed,
                    "text": source_text[claim["start"] : claim["end"]],
                    "sentence": int(sidx),
                    "sentence_text": text,
                }
            )
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["value"] = out["value"].astype(float)
    order = {a: i for i, a in enumerate(corpus.articles["article_id"])}
    out = out.sort_values(
        ["article_id", "start"], key=lambda col: col.map(order) if col.name == "article_id" else col
    )
    return out.reset_index(drop=True)


def consistency(claims: pd.DataFrame) -> pd.DataFrame:
    """For each category and location, what each outlet reported, the spread, and disagreements.

    Two reports disagree beyond their qualifiers when their ranges do not overlap: ``exact`` is
    the value, ``approx`` ±10%, ``more_than``/``at_least`` the value and up, ``at_most`` up to
    the value. Returns: category, location, outlets, reports (e.g. "Al Mayadeen English: 2,500;
    The New American: ~2,500"), min, max, spread (max/min), disagree.
    """
    if claims.empty:
        return pd.DataFrame(
            columns=[
                "category",
                "location",
                "outlets",
                "reports",
                "min",
                "max",
                "spread",
                "disagree",
            ]
        )
    c = claims.assign(location=claims["location"].fillna("(no place named)"))
    lo = np.where(
        c["qualifier"] == "approx",
        c["value"] * 0.9,
        np.where(c["qualifier"] == "at_most", 0, c["value"]),
    )
    hi = np.where(
        c["qualifier"] == "approx",
        c["value"] * 1.1,
        np.where(c["qualifier"].isin(["more_than", "at_least"]), np.inf, c["value"]),
    )
    c = c.assign(_lo=lo, _hi=hi)
    mark = {"exact": "", "approx": "~", "more_than": ">", "at_least": "≥", "at_most": "≤"}
    rows = []
    for (cat, loc), g in c.groupby(["category", "location"]):
        reports = "; ".join(
            f"{o}: "
            + ", ".join(
                sorted(
                    {f"{mark[q]}{v:,.0f}" for q, v in zip(h["qualifier"], h["value"], strict=True)}
                )
            )
            for o, h in g.groupby("outlet_label")
        )
        rows.append(
            {
                "category": cat,
                "location": loc,
                "outlets": g["outlet_label"].nunique(),
                "reports": reports,
                "min": g["value"].min(),
                "max": g["value"].max(),
                "spread": g["value"].max() / g["value"].min() if g["value"].min() else np.nan,
                "disagree": bool(g["_lo"].max() > g["_hi"].min()),
            }
        )
    return pd.DataFrame(rows)


def evaluate(predicted: pd.DataFrame, gold: list[dict], text: str) -> dict[str, object]:
    """Score one article's claims against hand annotations (the ``claims`` of ``seeds.json``).

    A prediction matches a gold claim when their spans overlap and category and value agree
    (one-to-one); ``optional`` gold claims are neither required nor penalized. ``not_claims`` are
    checked separately (see :func:`reported_not_claims`). Returns counts: tp, fp, fn, and among
    matches qualifier_ok and location_ok; for reading, the texts of false positives and misses;
    and the records: ``matches`` (prediction row, gold claim), ``unmatched`` prediction rows,
    ``missed_claims``.
    """
    used: set[int] = set()
    tp = qual = loc = loc_scored = 0
    optional_hits = 0
    false_pos, unmatched, matches = [], [], []
    for p in predicted.itertuples(index=False):
        hit = None
        for k, g in enumerate(gold):
            if k in used:
                continue
            gs, ge = g["span"]
            if (
                p.start < ge
                and gs < p.end
                and p.category == g["category"]
                and float(p.value) == float(g["value"])
            ):
                hit = k
                break
        if hit is None:
            false_pos.append(p.text)
            unmatched.append(p)
            continue
        used.add(hit)
        g = gold[hit]
        if g.get("optional"):
            optional_hits += 1
            continue
        tp += 1
        matches.append((p, g))
        qual += p.qualifier == g["qualifier"]
        if "location" in g:  # hand labels without a location are not scored on it
            loc_scored += 1
            loc += (p.location if isinstance(p.location, str) else None) == g["location"]
    required = [k for k, g in enumerate(gold) if not g.get("optional")]
    missed = [gold[k]["text"] for k in required if k not in used]
    return {"tp": tp, "fp": len(false_pos), "fn": len(missed), "qualifier_ok": qual,
            "location_ok": loc, "location_scored": loc_scored, "false_positives": false_pos,
            "missed": missed, "optional_found": optional_hits, "matches": matches,
            "unmatched": unmatched, "missed_claims": [gold[k] for k in required if k not in used]}  # fmt: skip


def reported_not_claims(predicted: pd.DataFrame, not_claims: list[str], text: str) -> list[str]:
    """The ``not_claims`` strings (page furniture, dates, durations) that a predicted span overlaps."""
    hits = []
    for phrase in not_claims:
        for m in re.finditer(re.escape(phrase), text):
            if any(
                p.start < m.end() and m.start() < p.end for p in predicted.itertuples(index=False)
            ):
                hits.append(phrase)
    return hits


def top_locations(claims: pd.DataFrame, *, n: int = 4) -> pd.DataFrame:
    """The claims whose location is one of the ``n`` places with the most claims (others dropped
    from the chart, never from the table); claims with no place named are kept as their own group."""
    counts = claims["location"].fillna("(no place named)").value_counts()
    keep = set(counts.head(n).index)
    return claims[claims["location"].fillna("(no place named)").isin(keep)].copy()


def stage(corpus) -> dict[str, pd.DataFrame]:  # noqa: ANN001 - a batch Corpus
    """The pipeline stage: the ``claims`` table without the article metadata (file, outlet_label,
    published), which is joined from ``articles`` when the table is read."""
    return {"claims": extract(corpus).drop(columns=["file", "outlet_label", "published"])}
