"""Numeric claims: troop numbers, attack and strike counts, casualties and bases, with their hedges.

For every number in a parsed sentence (digits, number words, vague quantities such as "dozens"),
the extractor finds what it counts through the dependency parse and the editable lexicon
``data/lexicons/claims.csv`` (term, kind, category; the kinds: ``noun`` counted nouns, ``verb``
and ``casualty`` casualty words, ``people`` kinds of people, ``military`` military words,
``cause`` natural causes of death):

- a counted noun: "2,500 troops" (troops), "85 targets" struck (strikes), "two airbases" (bases),
  "13 rockets" fired (attacks);
- a casualty verb or noun governing the counted people: "killing three US soldiers",
  "the martyrdom of 16 people" (killed), "70 personnel incurring minor injuries" (injured);
- "N times" after an attack verb: "targeted ... in Iraq over 60 times" (attacks);
- a bare number joined by "and" to a claim carries its noun over: "2,500 troops in Iraq and 900
  in Syria".

A casualty count counts people (or a kind of people) killed or injured, reported as done: not
animals, not the killers ("who massacred the staff"), not deaths of illness or suicides ("died of
a heart attack", "took their own lives"), not threatened, hypothetical or projected deaths, not the
whole a partitive takes from ("two of the 17 hostages died": 2). A troop count is a force level:
troops placed, deployed, kept or moved ("2,500 troops in Iraq", "sent 3,000 troops"), not
soldiers in an incident ("two soldiers were arrested"); rockets, drones and missiles count as
attacks or strikes only when fired.

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
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import deptree, schema
from analysis.config import PATHS
from analysis.corpus import Corpus, with_articles
from analysis.deptree import Token, Tree
from analysis.schema import NO_PLACE
from analysis.triggers import CUE_WORDS, SPEECH_VERBS, VAGUE

CATEGORIES = ("troops", "attacks", "strikes", "killed", "injured", "bases")
#: The columns of :func:`extract`: the stored claims with the article metadata joined.
COLUMNS = schema.joined_columns("claims")

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 1_000_000,
}  # fmt: skip
#: The hedge words before a number and the qualifier each gives (the dev set's scheme).
QUALIFIERS = {
    ("more", "than"): "more_than", ("upwards", "of"): "more_than", ("over",): "more_than",
    ("at", "least"): "at_least",
    ("up", "to"): "at_most", ("fewer", "than"): "at_most", ("less", "than"): "at_most",
    ("nearly",): "at_most", ("almost",): "at_most", ("as", "many", "as"): "at_most",
    ("as", "much", "as"): "at_most",
    ("an", "estimated"): "approx", ("estimated",): "approx", ("under",): "at_most", ("about",): "approx", ("around",): "approx",
    ("approximately",): "approx", ("roughly",): "approx", ("some",): "approx",
}  # fmt: skip
#: "several hundred", "a few thousand": the vague word multiplies the number after it.
MULTIPLIER_WORDS = {"several": 3, "few": 3}
#: The number words a vague word can multiply ("tens of thousands", "several hundred").
UNIT_WORDS = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "hundreds": 100,
              "thousands": 1000, "millions": 1_000_000}  # fmt: skip
#: Number words that multiply a plain number before them: "1.5 million", "two thousand", "two
#: dozen" (24, vague as "dozen" is).
SCALE_WORDS = frozenset({"hundred", "thousand", "million", "dozen"})
#: "tens of thousands" = 20,000 and "hundreds of thousands" = 200,000 (as "hundreds" = 200).
VAGUE_MULTIPLES = {"tens": 20, "hundreds": 200}
#: Dependency labels of a number inside the phrase it counts ("2,500 troops").
COUNT_DEPS = frozenset({"nummod", "quantmod", "compound", "amod"})
#: Words between a count and its noun that leave the noun counted ("2,000 more troops").
MORE_WORDS = frozenset({"more", "other", "additional", "further"})
#: Verbs that make "N lives" deaths ("claimed 17 lives", "lost their lives"); "saved" does not.
LIFE_VERBS = frozenset({"claim", "take", "cost", "lose"})
#: Nouns a death count is the value of ("raised the death toll to 120").
TOLL_WORDS = frozenset({"toll"})
#: Prepositions that lead from a casualty word to its victims ("the martyrdom of 16 people").
VICTIM_PREPS = frozenset({"of", "among", "including"})
#: Words that make "with" join a phrase to the one before it, sharing its role: "killed six
#: children along with two men", "together with".
JOINING_WORDS = frozenset({"along", "together"})
#: Prepositions that give a death's cause ("died of a heart attack", "died after a stroke").
CAUSE_PREPS = frozenset({"of", "from", "after"})
#: The casualty rules' answer for a count in a killing that counts no casualties.
NOT_COUNTED = "not counted"
#: Words at most between a claim and a bare number "and" joins to it ("troops in Iraq and 900").
MAX_ELLIPSIS_GAP = 8
#: "Forces" counted below this are units, not people: "two security forces", "three forces".
MIN_FORCE_PEOPLE = 10
#: Words that take a part of a counted whole ("most of the 40 passengers", "two of the 17").
PARTITIVE_WORDS = frozenset({"some", "many", "most", "all", "none", "several", "few", "each",
                             "both", "any", "half", "dozens", "hundreds", "thousands", "scores"})  # fmt: skip
#: A number set off by commas after a noun is an age up to this value ("a man, 45, was killed").
MAX_AGE = 120
#: Endings of nouns for people ("cartoonists", "bystanders", "Christians", "gunmen"), so that a
#: kind of people the lexicon does not list still counts as victims.
PEOPLE_SUFFIXES = ("ist", "ists", "er", "ers", "ian", "ians", "man", "men")
#: Verbs whose object is a subset of their casualty subject ("the dead included 21 women").
SUBSET_VERBS = frozenset({"include"})
#: Compounds that make "forces" units, not people ("six task forces").
UNIT_COMPOUNDS = frozenset({"task"})
#: How many heads above a counted phrase a casualty verb or noun may be ("the martyrdom of 16
#: people": people -> of -> martyrdom); beyond that it belongs to another phrase.
MAX_CASUALTY_HOPS = 3
#: How deep inside a relative clause on the counted noun its casualty verb may be ("two SEALs,
#: who battled ... before being killed": battled -> before -> killed).
MAX_CLAUSE_DEPTH = 2
#: Verbs whose object (or passive subject) is fired at a target: "fired 13 rockets".
FIRE_VERBS = frozenset({"fire", "launch", "shoot", "lob", "hurl", "rain", "unleash", "intercept"})
#: Nouns for projectiles fired together: "a barrage of 20 rockets", "a strike of 60 missiles".
SALVO_WORDS = frozenset({"barrage", "volley", "salvo", "wave", "hail", "strike", "attack"})
#: Verbs whose subject, a projectile, reached a target: "two rockets hit the base".
LANDING_VERBS = frozenset({"hit", "strike", "land", "fall", "slam", "explode", "target"})
#: Verbs above a killing that make it threatened or planned, not reported as done.
UNREALIZED_VERBS = frozenset({"threaten", "vow", "plan", "intend", "want", "seek", "try",
                              "attempt", "aim", "hope", "pledge", "promise", "plot", "project",
                              "predict", "forecast"})  # fmt: skip
#: Modals that make a count speculation, not a report or a plan: "could still keep a few troops".
SPECULATIVE_MODALS = frozenset({"could", "might"})
#: Modals that make a casualty hypothetical ("could kill"), unless perfect ("may have killed").
HYPOTHETICAL_MODALS = frozenset({*SPECULATIVE_MODALS, "would", "will"})
#: How serious injuries are, from the word that says so.
INJURY_KINDS = {
    "minor": "minor", "light": "minor", "slight": "minor", "slightly": "minor",
    "lightly": "minor", "serious": "serious", "seriously": "serious", "severe": "serious",
    "severely": "serious", "grave": "serious", "gravely": "serious", "critical": "critical",
    "critically": "critical",
}  # fmt: skip
#: The dependency labels of a clause a speech verb reports ("officials said [five were killed]").
REPORTED_CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})
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
LOCATIVE = {"in", "across", "near", "inside", "throughout", "at", "into", "within", "around",
             "outside", "off"}  # fmt: skip
#: Words before a place that name where a count is: "in Iraq", "sent to Afghanistan".
PLACE_PREPS = frozenset({*LOCATIVE, "to", "from"})
#: Words between a preposition and a place's name: "in the northern city of".
PLACE_LEAD_WORDS = frozenset({"the", "northern", "northeast", "western", "eastern", "southern"})
#: Nouns for a place whose name follows "of": "the city of Kirkuk", "the province of Anbar".
PLACE_NOUNS = frozenset({"city", "town", "village", "province", "region", "district", "capital",
                         "state", "governorate", "neighborhood", "neighbourhood"})  # fmt: skip
#: Nouns for violent events, whose place modifier is the place of their counts: "the Paris
#: attacks", "the Texas plant blast" (with the lexicon's attack, strike and casualty nouns).
EVENT_NOUNS = frozenset({"blast", "explosion", "shooting", "war", "offensive", "fighting",
                         "clash", "siege", "battle", "bombardment", "rampage", "uprising"})  # fmt: skip
#: Prepositions on a troop count that place it: "troops in Iraq", "on the ground", "to Iraq".
FORCE_PREPS = frozenset({*LOCATIVE, "on", "to"})
#: Nouns a troop count is a deployment of: "the pullout of 2,000 advisers", "a force of 500".
FORCE_NOUNS = frozenset({"pullout", "withdrawal", "deployment", "presence", "surge", "drawdown",
                         "force", "contingent", "level", "number", "total", "reduction",
                         "increase", "redeployment", "rotation", "reinforcement"})  # fmt: skip
#: Nouns for a total a number can be the value of: "the number of troops to 3,100".
TOTAL_WORDS = frozenset({"number", "total", "level", "strength", "size", "count"})
#: Adverbs that place a troop count: "5,200 troops there", "troops overseas".
FORCE_PLACES = frozenset({"there", "here", "overseas", "abroad", "home", "nearby"})
#: Verbs that deploy, keep or move a force: "sent 3,000 troops", "2,500 troops remain".
FORCE_VERBS = frozenset({
    "send", "deploy", "redeploy", "station", "base", "keep", "withdraw", "pull", "remove",
    "leave", "remain", "stay", "maintain", "add", "number", "total", "commit",
    "dispatch", "order", "authorize", "authorise", "surge", "cut", "reduce", "increase", "boost",
    "bring", "return", "move", "arrive", "position", "rotate", "mass", "amass", "gather",
    "assemble", "field", "need", "request", "recommend", "approve", "announce", "double",
    "triple", "race", "advance", "march", "enter", "cross", "pour", "head", "push",
    "land", "fly", "serve", "train", "evacuate", "mobilize", "mobilise", "recall",
    "reinforce", "house", "host",
})  # fmt: skip
#: Verbs that make a troop count a force level only when the clause places it: "the US has 5,000
#: troops in Iraq", "there are 900 troops" (but "he has two Marines sitting to his right").
WEAK_FORCE_VERBS = frozenset({"have", "be", "include"})
NATIONALITY = {"us": "US", "u.s.": "US", "american": "US", "united states": "US", "america": "US"}
ATTACK_VERBS = {
    "target",
    "attack",
    "strike",
    "hit",
    "shell",
    "bomb",
    "assault",
    "raid",
    "retaliate",
}
#: Verbs whose "with" phrase is projectiles fired: "showered Israel with hundreds of rockets".
BARRAGE_VERBS = frozenset({"shower", "pound", "pelt", "bombard", "blast", "rain", *ATTACK_VERBS})
TIME_ANCHOR = re.compile(
    r"\b(since (?:the )?[\w -]+?(?=[,.;]| using| with|$)|(?:this|last|next) (?:year|month|week)"
    r"|in the (?:past|last) (?:year|month|week|\w+ (?:days|weeks|months|years))|so far this year)",
    re.I,
)


class Number(NamedTuple):
    """A number in a sentence: its value, whether a vague word gives it, and its first token."""

    value: float
    vague: bool
    first: Token


@lru_cache(maxsize=4)
def read_lexicon(path: Path | None = None) -> pd.DataFrame:
    """The category lexicon ``data/lexicons/claims.csv`` (term, kind, category)."""
    return pd.read_csv(path or PATHS.lexicons / "claims.csv", dtype=str, keep_default_na=False)


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
    before2 = s.get(num.token - 2)
    hyphen = before is not None and before.text == "-"
    if t.lower() == "one" and hyphen and before2 is not None and before2.text.lower() == "no":
        return True  # "no-one"
    after = s.get(num.token + 1)
    if t.lower() == "one" and after is not None and after.text.lower() == "of":
        return True  # "one of the five officers": an individual, not a count
    if (
        re.search(r"\d(st|nd|rd|th)$", t, re.I)
        or num.tag == "JJ"
        and num.text.lower() not in NUMBER_WORDS
        and not _a_few(s, num)
    ):
        return True  # ordinal
    prev, nxt = s.get(num.token - 1), s.get(num.token + 1)
    if _age(s, num, prev, nxt) or _proportion(s, num):
        return True
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


def _a_few(s: Tree, num: Token) -> bool:
    """Whether an adjective "few" is the count "a few" ("sent a few more troops"); a bare
    "few" or "several" tagged as an adjective is no number."""
    before = s.get(num.token - 1)
    return num.text.lower() == "few" and before is not None and before.text.lower() == "a"


def _proportion(s: Tree, num: Token) -> bool:
    """Whether a number is part of a proportion: "three out of every four", "one in five"."""
    words = [
        t.text.lower() if t is not None else ""
        for t in (s.get(num.token + k) for k in (-2, -1, 1, 2))
    ]
    return (
        words[1] == "every"
        or words[2:] == ["out", "of"]
        or words[:2] == ["out", "of"]
        or words[2] == "in"
        and number_value(words[3])[0] is not None
        or words[1] == "in"
        and number_value(words[0])[0] is not None  # "five" of "one in five"
    )


def _age(s: Tree, num: Token, prev: Token | None, nxt: Token | None) -> bool:
    """Whether a number is someone's age: "aged 45", or set off by commas after a noun ("the
    gunman, 28, was killed"), up to :data:`MAX_AGE`."""
    if prev is not None and prev.text.lower() == "aged":
        return True
    value = number_value(num.text)[0]
    head = s.get(s.head(num.token))
    return (
        value is not None
        and value <= MAX_AGE
        and prev is not None
        and prev.text == ","
        and (nxt is None or nxt.text in {",", ".", ";"})
        and head is not None
        and head.pos in {"NOUN", "PROPN"}
        and head.token < num.token
    )


def _number(s: Tree, num: Token) -> Number | None:
    """The value a token starts or ends, or None when it is no number or another token reports it.

    One number may take several tokens: "Thirty-three" (Thirty, -, three) and "several hundred",
    "a few thousand" (the vague word multiplies the last: 300, 3,000) are reported by their last
    token; "tens of thousands" and "hundreds of thousands" by the unit (20,000, 200,000); "a
    few" counts 3 (a bare "few" is no count); "1.5 million" and "two thousand" by the scale word.
    """
    text = num.text.lower()
    nxt, nxt2 = s.get(num.token + 1), s.get(num.token + 2)
    if nxt is not None and nxt2 is not None:
        if nxt.text == "-" and nxt2.text.lower() in NUMBER_WORDS:
            return None  # "Thirty" of "Thirty-three"
        if nxt.text.lower() == "of" and nxt2.text.lower() in UNIT_WORDS and text in VAGUE_MULTIPLES:
            return None  # "hundreds" of "hundreds of thousands"
    if text in MULTIPLIER_WORDS and nxt is not None and nxt.text.lower() in NUMBER_WORDS:
        return None  # "several" of "several hundred"
    value, vague = number_value(num.text)
    if value is None:
        return None
    if not vague and nxt is not None and nxt.text.lower() in SCALE_WORDS:
        return None  # "1.5" of "1.5 million", "two" of "two thousand"
    prev, prev2 = s.get(num.token - 1), s.get(num.token - 2)
    half = prev2 is not None and prev2.text.lower() == "half"
    if text in SCALE_WORDS and half and prev is not None and prev.text.lower() == "a":
        return Number(value / 2, vague, prev2)  # "half a million", "half a dozen"
    scaled = number_value(prev.text) if prev is not None and text in SCALE_WORDS else (None, True)
    if scaled[0] is not None and not scaled[1]:
        return Number(scaled[0] * value, vague, prev)  # "1.5 million" = 1,500,000
    first = num
    if text == "few" and (prev is None or prev.text.lower() != "a"):
        return None
    if text in {"few", "dozen"} and prev is not None and prev.text.lower() == "a":
        first = prev
    if prev is not None and prev2 is not None:
        if prev.text == "-" and value < 10 and NUMBER_WORDS.get(prev2.text.lower(), 0) >= 20:
            return Number(NUMBER_WORDS[prev2.text.lower()] + value, vague, prev2)
        if (
            prev.text.lower() == "of"
            and text in UNIT_WORDS
            and prev2.text.lower() in VAGUE_MULTIPLES
        ):
            lead = prev2.text.lower()
            return Number(VAGUE_MULTIPLES[lead] * UNIT_WORDS[text], True, prev2)
    if prev is not None and prev.text.lower() in MULTIPLIER_WORDS and text in UNIT_WORDS:
        start = prev2 if prev.text.lower() == "few" and prev2 is not None else prev
        return Number(MULTIPLIER_WORDS[prev.text.lower()] * value, True, start)
    if nxt is not None and nxt2 is not None and nxt.text == "-" and nxt2.text.lower() == "odd":
        return Number(value, True, first)  # "30,000-odd": approximate
    return Number(value, vague, first)


def _qualifier(s: Tree, first: Token, vague: bool) -> tuple[str, int]:
    """The qualifier before a number's first token and how many words it takes ("more than" ->
    2); a vague quantity with no explicit qualifier is ``approx`` ("dozens", "30,000-odd")."""
    words = [t.text.lower() for t in s.rows_of(range(max(first.token - 3, s.base), first.token))]
    for size in (3, 2, 1):
        name = QUALIFIERS.get(tuple(words[-size:])) if len(words) >= size else None
        if name is not None:
            return name, size
    return ("approx" if vague else "exact"), 0


def _lookup(lex: dict[tuple[str, str], str], kind: str, tok: Token | None) -> str | None:
    """The lexicon category of a token by lemma, then by its lower-cased and singular form."""
    if tok is None:
        return None
    # a verb by its lemma only: "wound up at 38" is "wind up", not an injury
    forms = [tok.lemma.lower()] if kind == "verb" else []
    for form in forms or (tok.lemma.lower(), tok.text.lower(), tok.text.lower().removesuffix("s")):
        if (kind, form) in lex:
            return lex[(kind, form)]
    return None


def _casualty(lex: dict[tuple[str, str], str], tok: Token | None) -> str | None:
    """killed/injured when a token is a casualty verb ("killed") or noun ("deaths", "dead")."""
    cat = _lookup(lex, "verb", tok) or _lookup(lex, "casualty", tok)
    return cat if cat in {"killed", "injured"} else None


def _counted(s: Tree, num: Token) -> tuple[Token | None, Token, bool]:
    """(counted noun, anchor, partitive) of a number.

    The counted noun is the number's head ("2,500 troops"), past a "more"/"other" ("a few
    thousand more troops"), or the object of its "of" ("dozens of soldiers", "eight of the
    injured": partitive); the anchor is the token that stands for the counted phrase in its
    clause (the noun, or the number itself when it is the head of its phrase).
    """
    if num.dep in COUNT_DEPS or num.dep == "npadvmod":
        head = s.get(s.head(num.token))
        if head is not None and head.pos == "NUM" and head.dep in COUNT_DEPS:
            head = s.get(s.head(head.token))  # "dozen" of "two dozen attacks" hangs on "two"
        if head is not None and head.lemma.lower() in MORE_WORDS and head.dep in COUNT_DEPS:
            head = s.get(s.head(head.token))
        while head is not None and head.dep == "compound" and head.pos == "NOUN":
            up = s.get(s.head(head.token))  # "2,000 special forces troops": the last noun counts
            if up is None or up.pos not in {"NOUN", "PROPN"} or up.token < head.token:
                break
            head = up
        if head is not None and (num.dep in COUNT_DEPS or head.pos in {"NOUN", "PROPN"}):
            return head, head, False
    of = next(
        (k for k in s.rows_of(s.kids(num.token)) if k.dep == "prep" and k.lemma == "of"), None
    )
    noun = next((k for k in s.rows_of(s.kids(of.token)) if k.dep == "pobj"), None) if of else None
    return noun, num, noun is not None


def _phrase_casualty(
    s: Tree, noun: Token, partitive: bool, lex: dict[tuple[str, str], str]
) -> tuple[str, Token] | None:
    """(category, event) when the counted phrase says it itself: "350,000 deaths", "the five
    dead", "eight of the injured", "the three people who were killed", "three foreign fighters
    who died", "left four hostages dead", "claimed 17 lives"."""
    cat = _casualty(lex, noun) if _lookup(lex, "casualty", noun) else None
    prep = s.get(s.head(noun.token)) if noun.dep == "pobj" else None
    if cat is not None and (prep is None or partitive or prep.lemma.lower() not in CAUSE_PREPS):
        return cat, noun  # "caused 350,000 deaths", "responsible for 603 deaths"
    head = s.get(s.head(noun.token))
    life = noun.lemma.lower() == "life" and not _own(s, noun)
    if life and head is not None and head.lemma.lower() in LIFE_VERBS:
        return "killed", head
    for kid in s.rows_of(_phrase_kids(s, noun, partitive)):
        if life and kid.dep in {"acl", "relcl"} and kid.lemma.lower() in LIFE_VERBS:
            return "killed", kid  # "thousands of lives lost"
        if kid.dep in {"amod", "acl", "relcl"} and (cat := _casualty(lex, kid)) is not None:
            return (NOT_COUNTED if _killers(s, kid, lex) else cat), kid  # "who massacred the staff"
        if kid.pos == "VERB":  # "personnel incurring minor injuries"
            for obj in s.rows_of(s.kids(kid.token)):
                if obj.dep == "dobj" and _lookup(lex, "casualty", obj):
                    return _casualty(lex, obj), obj
        if kid.dep == "relcl":  # "who battled ... before being killed": within the clause
            depth = len(s.head_chain(kid.token))
            for deeper in s.rows_of(s.subtree(kid.token)):  # a verb or "found dead"
                cat = _casualty(lex, deeper) if deeper.pos in {"VERB", "ADJ"} else None
                cat = cat or (
                    "killed" if _lost_lives(s, deeper) else None
                )  # "who lost their lives"
                own = any(  # "who are orphaned when their parents die": others died
                    k.dep in {"nsubj", "nsubjpass"} and k.tag not in {"WP", "WDT"}
                    for k in s.rows_of(s.kids(deeper.token))
                )
                if cat and not own and len(s.head_chain(deeper.token)) - depth <= MAX_CLAUSE_DEPTH:
                    if _killers(s, deeper, lex):
                        return NOT_COUNTED, deeper  # "the two brothers who massacred the staff"
                    return cat, deeper
    return _left_dead(s, noun, lex) or _stray_relative(s, noun, lex)


def _own_casualty(s: Tree, num: Token, lex: dict[tuple[str, str], str]) -> tuple[str, Token] | None:
    """(category, event) for a number heading its phrase with a casualty participle on it:
    "603 deaths and thousands wounded", "12 killed"."""
    for kid in s.rows_of(s.kids(num.token, "acl", "amod")):
        if kid.tag == "VBN" and (cat := _lookup(lex, "verb", kid)) is not None:
            return cat, kid
    return None


def _lives_lost(s: Tree, noun: Token | None, anchor: Token) -> tuple[str, Token] | None:
    """("killed", verb) for counted lives that a verb of losing or taking has as subject or
    object: "thousands of lives lost", "the war cost tens of thousands of lives" (not "their own
    lives")."""
    verb = s.get(s.head(anchor.token))
    if noun is None or noun.lemma.lower() != "life" or _own(s, noun) or verb is None:
        return None
    role = anchor.dep in {"nsubj", "nsubjpass", "dobj"}
    return ("killed", verb) if role and verb.lemma.lower() in LIFE_VERBS else None


def _phrase_kids(s: Tree, noun: Token, partitive: bool) -> list[int]:
    """The dependents of a counted noun, and of a partitive's count the clauses and adjectives
    the parse hangs there: "the thousands of our countrymen [who died there]", "hundreds of
    residents [dead]"."""
    kids = list(s.kids(noun.token))
    of = s.head(noun.token) if partitive else None
    count = s.head(of) if of is not None else None
    return kids + (s.kids(count, "relcl", "acl", "amod") if count is not None else [])


def _killers(s: Tree, verb: Token, lex: dict[tuple[str, str], str]) -> bool:
    """Whether a relative clause's "who" did the killing: "who killed 12 people" (active, with
    people or a number as object), not "who were killed", "who died" or "who died fighting"."""
    kids = s.rows_of(s.kids(verb.token))
    return any(k.dep == "nsubj" and k.tag in {"WP", "WDT"} for k in kids) and any(
        k.dep == "dobj" and k.lemma.lower() != "life" and (k.pos == "NUM" or _is_people(s, k, lex))
        for k in kids
    )


def _lost_lives(s: Tree, verb: Token) -> bool:
    """Whether a verb's object is lives lost or taken, not the victims' own: "lost their lives"."""
    return verb.lemma.lower() in LIFE_VERBS and any(
        k.dep == "dobj" and k.lemma.lower() == "life" and not _own(s, k)
        for k in s.rows_of(s.kids(verb.token))
    )


def _shot_dead(s: Tree, verb: Token) -> bool:
    """Whether a verb has "dead" as its result: "police shot dead 55 people", "beaten dead"."""
    return verb.pos == "VERB" and any(
        k.lemma.lower() == "dead" and k.dep in {"oprd", "advmod", "acomp", "xcomp", "ccomp", "dobj"}
        for k in s.rows_of(s.kids(verb.token))
    )


def _left_dead(s: Tree, noun: Token, lex: dict[tuple[str, str], str]) -> tuple[str, Token] | None:
    """(category, event) for an object with a casualty complement: "left four hostages dead",
    "left the ambassador and three other Americans dead" (a conjunct shares the object's role)."""
    first = _first_conjunct(s, noun)
    of = s.get(s.head(first.token)) if first.dep == "pobj" else None
    count = s.get(s.head(of.token)) if of is not None and of.lemma == "of" else None
    if count is not None and number_value(count.text)[0] is not None:
        first = count  # "left hundreds of residents dead"
    verb = s.get(s.head(first.token))
    if verb is None or first.dep != "dobj":
        return None
    for kid in s.rows_of(s.kids(verb.token)):
        if kid.dep in {"oprd", "xcomp", "ccomp"} and _lookup(lex, "casualty", kid):
            return _casualty(lex, kid), kid
    after = s.get(max(s.subtree(first.token)) + 1)  # "left X and three others dead" misparsed
    if verb.lemma.lower() == "leave" and after is not None and after.pos in {"ADJ", "VERB"}:
        cat = _casualty(lex, after)
        return (cat, after) if cat is not None else None
    return None


def _stray_relative(
    s: Tree, noun: Token, lex: dict[tuple[str, str], str]
) -> tuple[str, Token] | None:
    """(category, event) for a "who" clause the parse hung on a word that names no people inside
    the counted phrase: "three foreign jihadis fighting with ISIS who died" (the jihadis died,
    not ISIS)."""
    for tok in s.rows_of(s.subtree(noun.token)):
        if (
            tok.token == noun.token
            or len(s.head_chain(tok.token)) - len(s.head_chain(noun.token)) > MAX_CASUALTY_HOPS
            or _is_people(s, tok, lex)
        ):
            continue
        for clause in s.rows_of(s.kids(tok.token, "relcl")):
            who = [k for k in s.rows_of(s.kids(clause.token)) if k.dep in {"nsubj", "nsubjpass"}]
            cat = _casualty(lex, clause)
            if cat is not None and who and who[0].lemma.lower() == "who":
                return cat, clause
    return None


def _first_conjunct(s: Tree, tok: Token) -> Token:
    """The first of conjoined phrases, whose role the others share ("21 women and five children")."""
    while tok.dep == "conj" and (up := s.get(s.head(tok.token))) is not None and up.pos in {
        "NOUN", "PROPN", "NUM"
    }:  # fmt: skip
        tok = up
    return tok


def _governing_casualty(
    s: Tree, anchor: Token, lex: dict[tuple[str, str], str]
) -> tuple[str, Token] | None:
    """(category, event) for a casualty verb or noun above the counted phrase ("killing three
    US soldiers", "the martyrdom of 16 people", "a death toll of 45", "Ten were killed")."""
    head = s.get(s.head(anchor.token))
    at = anchor.dep == "pobj" and head is not None and head.lemma == "at" and anchor.pos == "NUM"
    if at and _casualty(lex, s.get(s.head(head.token))):
        return NOT_COUNTED, head  # "died in Germany at 50": an age
    below = anchor
    for up in s.rows_of(s.head_chain(anchor.token, limit=MAX_CASUALTY_HOPS)):
        taker = s.get(s.head(up.token)) if up.lemma.lower() == "life" else None
        if taker is not None and taker.lemma.lower() in LIFE_VERBS and not _own(s, up):
            return "killed", taker  # "claimed the lives of 12 soldiers"
        if (cat := _casualty(lex, up) or ("killed" if _shot_dead(s, up) else None)) is not None:
            if below.dep == "conj" and up.pos == "ADJ":
                break  # "left 80,000 dead and five million displaced": joined to it, not its victims
            if below.dep == "nsubj" and any(k.dep == "dobj" for k in s.rows_of(s.kids(up.token))):
                return NOT_COUNTED, up  # "five soldiers killed two militants": the killers
            return cat, up
        if _joining(s, up):
            below = up
            continue  # "killed six children ... along with two men": the men share the role
        if up.pos in {"VERB", "AUX"} or up.pos == "ADP" and up.lemma not in VICTIM_PREPS:
            break  # the count's clause ends at its verb; "after dinner with two ..." is no victim
        if _partitive_whole(s, up):
            break  # "two of the 17 hostages died": the 17 are the whole, not the dead
        below = up
    return _toll_value(s, anchor, lex)


def _joining(s: Tree, prep: Token) -> bool:
    """Whether a preposition joins its object to the phrase before it: "along with", "together
    with" (either word, as the parse attaches them)."""
    if prep.lemma.lower() in JOINING_WORDS and prep.pos in {"ADP", "ADV"}:
        return any(s.row(k).lemma.lower() == "with" for k in s.kids(prep.token, "prep"))
    before = s.get(prep.token - 1)
    return (
        prep.lemma.lower() == "with"
        and before is not None
        and (before.lemma.lower() in JOINING_WORDS)
    )


def _own(s: Tree, life: Token) -> bool:
    """Whether "lives" are the victims' own ("took their own lives"): suicides, no casualties."""
    return any(k.lemma.lower() == "own" for k in s.rows_of(s.kids(life.token)))


def _partitive_whole(s: Tree, prep: Token) -> bool:
    """Whether ``prep`` is the "of" of a part taken from a counted whole: "two of the 17
    hostages", "most of the 40 passengers"."""
    part = s.get(s.head(prep.token)) if prep.lemma == "of" else None
    return part is not None and (part.pos == "NUM" or part.lemma.lower() in PARTITIVE_WORDS)


def _toll_value(
    s: Tree, anchor: Token, lex: dict[tuple[str, str], str]
) -> tuple[str, Token] | None:
    """(category, toll) for a number a casualty total takes in its clause: "raised the death toll
    to 120", "the death toll has reached 31", "bringing the number of fatalities to five"."""
    if anchor.dep not in {"dobj", "attr", "pobj"}:
        return None
    for up in s.rows_of(s.head_chain(anchor.token, limit=MAX_CASUALTY_HOPS)):
        if up.pos not in {"VERB", "AUX", "ADP"}:
            return None
        for kid in s.rows_of(s.kids(up.token, "dobj", "nsubj", "nsubjpass")):
            if kid.lemma.lower() in TOLL_WORDS:
                return "killed", kid
            if kid.lemma.lower() in TOTAL_WORDS and kid.token != anchor.token:
                for of in s.rows_of(s.kids(kid.token, "prep")):
                    for obj in s.rows_of(s.kids(of.token, "pobj") if of.lemma == "of" else []):
                        if (cat := _casualty(lex, obj)) is not None:
                            return cat, kid  # "the number of fatalities", "of injured"
    return None


def _conjoined_casualty(
    s: Tree, anchor: Token, lex: dict[tuple[str, str], str]
) -> tuple[str, Token] | None:
    """(category, event) for the subject of two joined verbs, the second a casualty verb with no
    subject of its own: "one militant was shot and killed"."""
    verb = s.get(s.head(anchor.token))
    if verb is None or anchor.dep not in {"nsubj", "nsubjpass"}:
        return None
    for kid in s.rows_of(s.kids(verb.token)):
        own_subject = any(k.dep in {"nsubj", "nsubjpass"} for k in s.rows_of(s.kids(kid.token)))
        if kid.dep == "conj" and not own_subject and (cat := _lookup(lex, "verb", kid)):
            return cat, kid
    return None


def _predicate_casualty(
    s: Tree, anchor: Token, lex: dict[tuple[str, str], str]
) -> tuple[str, Token] | None:
    """(category, event) when the counted phrase is the subject of a casualty predicate: "hundreds
    are dead", "the three men were found dead", "two suffered minor injuries", "30 civilians
    lost their lives", "Four are in critical condition"."""
    anchor = _first_conjunct(s, anchor)
    verb = s.get(s.head(anchor.token))
    if verb is None:
        return None
    if anchor.dep == "dobj" and verb.lemma.lower() in SUBSET_VERBS:  # "the dead included 21 women"
        for kid in s.rows_of(s.kids(verb.token)):
            if kid.dep == "nsubj" and (cat := _casualty(lex, kid)) is not None:
                return cat, kid
    if anchor.dep not in {"nsubj", "nsubjpass"}:
        return None
    for kid in s.rows_of(s.kids(verb.token)):
        if kid.dep in {"acomp", "oprd", "attr", "dobj", "xcomp"} and _lookup(lex, "casualty", kid):
            return _casualty(lex, kid), kid
        if kid.dep == "xcomp" and kid.tag == "VBN" and not s.kids(kid.token, "dobj"):
            cat = _lookup(lex, "verb", kid)  # "are believed to have died", "feared killed"
            if cat in {"killed", "injured"}:
                return cat, kid
        life = kid.lemma.lower() == "life" and not _own(s, kid)  # "took their own lives": suicides
        if kid.dep == "dobj" and life and verb.lemma.lower() in LIFE_VERBS:
            return "killed", verb
        if kid.dep == "prep" and kid.lemma == "among":  # "13 foreigners are among the dead"
            for obj in s.rows_of(s.kids(kid.token)):
                if obj.dep == "pobj" and (cat := _casualty(lex, obj)) is not None:
                    return cat, obj
        if kid.dep == "prep" and kid.lemma in {"for", "with"}:  # "treated for injuries"
            for obj in s.rows_of(s.kids(kid.token, "pobj")):
                if _lookup(lex, "casualty", obj) == "injured" and verb.pos == "VERB":
                    return "injured", obj
        if kid.dep == "prep" and kid.lemma == "in":
            for obj in s.rows_of(s.kids(kid.token)):
                if obj.lemma.lower() == "condition" and any(
                    m.lemma.lower() in INJURY_KINDS for m in s.rows_of(s.kids(obj.token))
                ):
                    return "injured", obj
    return None


def _adjacent_casualty(
    s: Tree, num: Token, lex: dict[tuple[str, str], str]
) -> tuple[str, Token] | None:
    """(category, event) for a count with its casualty word right after it and joined to it in
    the parse: "12 killed and 30 injured", "more than 500 dead", "thousands more injured"; or a
    conjoined count whose participle ends its phrase ("600 deaths and thousands wounded", where
    the parse hangs "wounded" elsewhere), not one that modifies a noun after it."""
    nxt = s.get(num.token + 1)
    while nxt is not None and number_value(nxt.text)[0] is not None:
        nxt = s.get(nxt.token + 1)  # "two dozen dead" from "two"
    if nxt is not None and nxt.lemma.lower() in MORE_WORDS:
        nxt = s.get(nxt.token + 1)
    aux = nxt is not None and nxt.dep == "auxpass"
    if aux:
        nxt = s.get(nxt.token + 1)  # "and 326 were killed", the parse joining 326 elsewhere
    if nxt is None or nxt.tag not in {"VBN", "VBD", "JJ", "NNS", "NN"}:
        return None
    if aux and s.kids(nxt.token, "nsubj", "nsubjpass"):
        return None  # the participle has its own subject
    linked = num.token in {nxt.head, *s.kids(nxt.token)} or nxt.head in {
        num.token,
        *s.head_chain(num.token, limit=2),
    }  # "most of the 126 dead": "dead" hung on "most"
    after = s.get(nxt.token + 1)
    ends = nxt.tag == "VBN" and (after is None or after.pos not in {"NOUN", "PROPN", "ADJ"})
    linked = linked or (num.dep == "conj" or aux) and ends
    cat = _casualty(lex, nxt)
    return (cat, nxt) if cat is not None and linked else None


def _unrealized(s: Tree, event: Token) -> bool:
    """Whether a killing or injury is threatened or hypothetical, not reported as having happened:
    "threatening to kill", "vowed to kill", "could kill" (but "may have killed" happened)."""
    cur = event
    head = s.get(s.head(event.token))
    projected = head is not None and head.lemma.lower() in UNREALIZED_VERBS
    if event.pos == "NOUN" and event.dep == "dobj" and projected:
        return True  # "the model projected 180,000 deaths"
    while cur.dep in {"xcomp", "conj"} and (up := s.get(s.head(cur.token))) is not None:
        if up.lemma.lower() in UNREALIZED_VERBS:  # the verb whose complement the killing is
            return True
        cur = up
    aux = {k.lemma.lower() for k in s.rows_of(s.kids(event.token)) if k.dep in {"aux", "auxpass"}}
    return bool(aux & HYPOTHETICAL_MODALS) and "have" not in aux


def _is_people(s: Tree, noun: Token, lex: dict[tuple[str, str], str]) -> bool:
    """Whether a counted noun names people (or a kind of people): "civilians", "Palestinians",
    "others", "soldiers", "14 of them", a noun of a people ending (:data:`PEOPLE_SUFFIXES`:
    "cartoonists", "bystanders"); "elephants" are not."""
    return (
        noun.ent_type in {"NORP", "PERSON"}
        or noun.tag == "NNPS"  # "Tamils", "Kurds": a people the recognizer did not label
        or _lookup(lex, "people", noun) is not None
        or _lookup(lex, "noun", noun) in {"troops", "troops_military"}
        or _lookup(lex, "casualty", noun) is not None
        or noun.lemma.lower() == "life"  # "claimed 17 lives"
        or noun.lemma.lower() in MORE_WORDS  # "wounded 27 more"
        or noun.pos == "PRON"
        and noun.lemma.lower() in {"they", "those", "whom", "we"}
        or noun.pos == "NOUN"
        and noun.text.lower().endswith(PEOPLE_SUFFIXES)  # "cartoonists"
    )


def _military(s: Tree, noun: Token, lex: dict[tuple[str, str], str]) -> bool:
    """Whether "members", "advisers" are military people.

    A phrase that says whose members they are decides by itself: "service members", "military
    advisers", "members of the armed forces" are; "faculty members", "White House advisers",
    "members of Congress" are not. Bare "2,000 advisers" are military when the sentence is
    (it names troops, strikes or a military word elsewhere); "52 members in the Senate" is not.
    """
    head = s.get(s.head(noun.token))
    phrase = [*s.rows_of(s.subtree(noun.token)), *([head] if head is not None else [])]
    if any(_lookup(lex, "military", t) and not _inside_name(s, t) for t in phrase):
        return True
    owners = [
        k for k in s.rows_of(s.kids(noun.token))
        if k.dep in {"compound", "amod", "nmod", "poss"} or k.dep == "prep" and k.lemma == "of"
    ]  # fmt: skip
    if owners:
        return False
    return any(
        _lookup(lex, "military", t) or _lookup(lex, "noun", t) in {"troops", "strikes"}
        for t in s.rows
        if t.token != noun.token
    )


def _inside_name(s: Tree, tok: Token) -> bool:
    """Whether a word is a non-final part of a proper name: "Service" of "Service Employees
    International Union" (not "Army" of "members of the Army")."""
    head = s.get(s.head(tok.token))
    return tok.pos == "PROPN" and tok.dep == "compound" and head is not None and head.pos == "PROPN"


def _casualty_category(
    s: Tree, num: Token, noun: Token | None, anchor: Token, partitive: bool, lex: dict
) -> tuple[str, Token] | None:
    """(killed|injured, event) of a count of casualties; (:data:`NOT_COUNTED`, event) when the
    count takes part in a killing but counts no casualties (the victims are not people, the
    killing is threatened or hypothetical, the count did the killing); None without one."""
    found = (
        (
            _phrase_casualty(s, noun, partitive, lex)
            if noun is not None
            else _own_casualty(s, num, lex)
        )
        or _adjacent_casualty(s, num, lex)
        or _governing_casualty(s, anchor, lex)
        or _predicate_casualty(s, anchor, lex)
        or _conjoined_casualty(s, anchor, lex)
        or _lives_lost(s, noun, anchor)
    )
    if found is None:
        return None
    if (
        _unrealized(s, found[1])
        or _natural_death(s, found[1], lex)
        or (noun is not None and noun != found[1] and not _is_people(s, noun, lex))
    ):
        return NOT_COUNTED, found[1]
    return found


def _natural_death(s: Tree, event: Token, lex: dict[tuple[str, str], str]) -> bool:
    """Whether a death has an illness or other natural cause (lexicon kind ``cause``): "died of
    a heart attack", "died from cancer", "cancer deaths"; "died of his wounds" is a casualty."""
    causes = [k for k in s.kids(event.token, "compound", "amod", "nsubj")]  # "the virus killed"
    head = s.head(event.token)
    if event.dep == "conj" and head is not None and not s.kids(event.token, "nsubj"):
        causes += s.kids(head, "nsubj")  # "the virus spread and killed thousands"
    for prep in s.rows_of(s.kids(event.token, "prep")):
        if prep.lemma.lower() in CAUSE_PREPS:
            causes += s.subtree(prep.token)
    return any(_lookup(lex, "cause", t) for t in s.rows_of(causes))


def _category(
    s: Tree, num: Token, lex: dict[tuple[str, str], str]
) -> tuple[str | None, Token | None, Token | None]:
    """(category, counted noun, casualty event) of a number, or (None, None, None).

    Casualties first (see :func:`_casualty_category`), then "N times" after an attack verb, then
    the counted noun's lexicon category: "members" and "advisers" are troops only when military
    (:func:`_military`), targets and sites are strikes only when struck.
    """
    noun, anchor, partitive = _counted(s, num)
    casualty = _casualty_category(s, num, noun, anchor, partitive, lex)
    if casualty is not None and casualty[0] == NOT_COUNTED:
        return None, None, None  # not a troop count either: "vowed to kill 30 soldiers"
    if casualty is not None:
        return casualty[0], noun, casualty[1]
    if noun is None or _hyphenated(s, num, noun):
        return None, None, None
    verb = s.get(s.head(anchor.token))
    verb_lemma = verb.lemma.lower() if verb is not None else ""
    if noun.lemma.lower() == "time" and verb_lemma in ATTACK_VERBS:
        return "attacks", noun, None
    cat = _lookup(lex, "noun", noun)
    if any(
        k.dep == "compound" and k.lemma.lower() in UNIT_COMPOUNDS
        for k in s.rows_of(s.kids(noun.token))
    ):
        return None, None, None  # "six task forces": units, not people
    if cat == "troops_military":
        cat = "troops" if _military(s, noun, lex) else None
    value = number_value(num.text)[0] or 0
    if cat == "troops" and noun.lemma.lower() == "force" and value < MIN_FORCE_PEOPLE:
        return None, None, None  # "two separate security forces": units, not people
    if cat == "troops" and noun.dep == "poss":
        return None, None, None  # "three soldiers' homes": the homes are counted
    if cat == "troops" and not _force_level(s, noun, anchor):
        return None, None, None  # "two soldiers were arrested": people in an incident
    if cat == "troops" and _speculative(s, anchor):
        return None, None, None  # "a deal that could still keep a few US troops in Iraq"
    if cat in {"attacks_fired", "strikes_fired"}:  # rockets, drones, missiles count when fired
        cat = cat.removesuffix("_fired") if _fired(s, noun) else None
    if cat == "strikes_target":  # targets, sites, facilities count as strikes when struck
        struck = verb_lemma in ATTACK_VERBS or _struck(s, noun, lex)
        cat = "strikes" if struck else None
    return (cat, noun, None) if cat is not None else (None, None, None)


def _struck(s: Tree, noun: Token, lex: dict[tuple[str, str], str]) -> bool:
    """Whether targets are struck by strikes the clause names: "strikes on 85 targets",
    "conducted airstrikes in Iraq and Syria against five facilities", or by an attack verb
    through a preposition: "retaliate on three sites", "bombed ... at 12 locations"."""
    for up in s.rows_of(s.head_chain(noun.token, limit=MAX_CASUALTY_HOPS)):
        if _lookup(lex, "noun", up) == "strikes":
            return True
        if up.pos == "VERB":
            return up.lemma.lower() in ATTACK_VERBS or any(
                k.dep == "dobj" and _lookup(lex, "noun", k) == "strikes"
                for k in s.rows_of(s.kids(up.token))
            )
    return False


def _force_level(s: Tree, noun: Token, anchor: Token) -> bool:
    """Whether a troop count is a force level, military people present or moved somewhere, and
    not people in an incident ("two soldiers were arrested", "eight Marines taken aside"):

    - the phrase places them or says whose they are: "troops in Iraq", "on the ground", "his
      40,000 troops", or a noun above it names a place: "the bases in Syria, housing 900 troops";
    - it counts a deployment: "the pullout of 2,000 advisers", "a force of" (:data:`FORCE_NOUNS`);
    - its verb, or a verb that verb's complement chain reaches, deploys, keeps or moves them:
      "sent 3,000 troops", "are preparing to deploy", "were poised to race across France"
      (:data:`FORCE_VERBS`).
    """
    for k in s.rows_of([*s.kids(noun.token), *s.kids(anchor.token)]):
        if k.dep == "poss" or k.dep == "prep" and k.lemma.lower() in FORCE_PREPS:
            return True
        if k.dep in {"acl", "relcl", "amod"} and k.lemma.lower() in FORCE_VERBS:
            return True  # "2,000 troops deployed to Syria", "troops who are stationed there"
        if k.dep == "advmod" and k.lemma.lower() in FORCE_PLACES:
            return True  # "5,200 troops there"
    for up in s.rows_of(s.head_chain(anchor.token, limit=MAX_CASUALTY_HOPS)):
        if up.pos in {"NOUN", "PROPN"} and _names_place(s, up):
            return True  # "the bases in Syria, housing 900 troops"
    after = s.get(max(s.subtree(anchor.token)) + 1)
    while after is not None and after.pos == "ADV":
        after = s.get(after.token + 1)  # "10,000 troops still in the country" ("in" on the verb)
    placed = after is not None and after.dep == "prep" and after.lemma.lower() in FORCE_PREPS
    if placed and after.head == anchor.head:
        return True
    first = _first_conjunct(s, anchor)
    head = s.get(s.head(first.token))
    if head is not None and head.lemma.lower() == "of":
        head = s.get(s.head(head.token))
    if head is None:
        return False
    if head.lemma.lower() in FORCE_NOUNS:
        return True
    verbs, seen = [head], 0
    while seen < len(verbs) and len(verbs) <= MAX_CLAUSE_DEPTH + 1:
        verb = verbs[seen]
        seen += 1
        if verb.lemma.lower() in FORCE_VERBS:
            return True
        if verb.lemma.lower() in WEAK_FORCE_VERBS and _placed(s, verb):
            return True  # "has 5,000 troops in Iraq", "there are 900 troops"
        verbs += s.rows_of(s.kids(verb.token, "xcomp", "conj"))
    return False


def _speculative(s: Tree, anchor: Token) -> bool:
    """Whether the verb of a counted phrase (or a verb its complement hangs on) is under "could"
    or "might": "could still keep a few US troops" (a plan, "would send", still counts)."""
    for verb in s.rows_of(s.head_chain(anchor.token, limit=MAX_CLAUSE_DEPTH)):
        aux = {k.lemma.lower() for k in s.rows_of(s.kids(verb.token, "aux"))}
        if aux & SPECULATIVE_MODALS:
            return True
        if verb.dep not in {"xcomp", "conj"}:
            return False
    return False


def _names_place(s: Tree, noun: Token) -> bool:
    """Whether a noun has a locative phrase naming a place: "the bases in Syria"."""
    return any(
        obj.ent_type in {"GPE", "LOC"}
        for prep in s.rows_of(s.kids(noun.token, "prep"))
        if prep.lemma.lower() in FORCE_PREPS
        for obj in s.rows_of(s.kids(prep.token, "pobj"))
    )


def _placed(s: Tree, verb: Token) -> bool:
    """Whether a verb places what it has or is: a locative phrase, "there" or "overseas"."""
    return any(
        k.dep == "prep"
        and k.lemma.lower() in FORCE_PREPS
        or k.dep in {"advmod", "expl"}
        and k.lemma.lower() in FORCE_PLACES
        for k in s.rows_of(s.kids(verb.token))
    )


def _fired(s: Tree, noun: Token) -> bool:
    """Whether rockets, drones or missiles are fired at something, not owned or sold: "fired 13
    rockets", "13 rockets were launched", "rockets fired at the base", "10 drones hit the
    airport", "a barrage of 20 rockets"; "stockpiled 100,000 rockets" and "bought 50 drones"
    are not."""
    first = _first_conjunct(s, noun)
    verb = s.get(s.head(first.token))
    if verb is not None and verb.lemma == "of" and first.dep == "pobj":
        count = s.get(s.head(verb.token))  # "hundreds of rockets": the count takes the role
        if count is not None and number_value(count.text)[0] is not None:
            first, verb = count, s.get(s.head(count.token))
    if verb is not None and _test_launch(s, verb):
        return False  # "test-fired two missiles"
    if verb is not None and verb.lemma == "with" and first.dep == "pobj":
        fire = s.get(s.head(verb.token))
        return fire is not None and fire.pos == "VERB" and fire.lemma.lower() in BARRAGE_VERBS
    if verb is not None and verb.lemma == "of":  # "a barrage of 20 rockets", "fired a volley of"
        salvo = s.get(s.head(verb.token))
        if salvo is not None and salvo.lemma.lower() in SALVO_WORDS:
            return True
    if verb is not None and verb.lemma.lower() in FIRE_VERBS and first.dep in {"dobj", "nsubjpass"}:
        return True
    if verb is not None and verb.lemma.lower() in LANDING_VERBS and first.dep == "nsubj":
        return True
    if verb is not None and verb.lemma.lower() in FIRE_VERBS and _reduced_passive(s, verb, first):
        return True  # "422 rockets fired from Gaza": the parse makes the rockets the subject
    return any(
        k.lemma.lower() in FIRE_VERBS | LANDING_VERBS
        for k in s.rows_of(s.kids(noun.token, "acl", "relcl"))
    )


def _reduced_passive(s: Tree, verb: Token, subject: Token) -> bool:
    """Whether a participle the parse gives a subject is a passive without its auxiliary: "422
    rockets fired from Gaza" (a past participle, no auxiliary, no object)."""
    kids = s.rows_of(s.kids(verb.token))
    return (
        subject.dep == "nsubj"
        and verb.tag == "VBN"
        and not any(k.dep in {"aux", "auxpass", "dobj"} for k in kids)
    )


def _test_launch(s: Tree, verb: Token) -> bool:
    """Whether a firing verb is a test: "test-fired", "test-launched"."""
    before, before2 = s.get(verb.token - 1), s.get(verb.token - 2)
    hyphen = before is not None and before.text == "-" and before2 is not None
    return (
        hyphen
        and before2.text.lower() == "test"
        or any(
            k.lemma.lower() == "test" for k in s.rows_of(s.kids(verb.token)) if k.token < verb.token
        )
    )


def _hyphenated(s: Tree, num: Token, noun: Token) -> bool:
    """A number hyphenated to a word describes a noun, not a count of it: "the 168-member
    committee", "a three-vehicle convoy", "one-time attacks" (not "30,000-odd", "twenty-five")."""
    nxt, word = s.get(num.token + 1), s.get(num.token + 2)
    if nxt is None or nxt.text != "-" or word is None:
        return False
    if word.token == noun.token:
        return noun.dep in {"amod", "compound", "nmod"}
    odd = word.text.lower() == "odd"  # "30,000-odd troops": an approximate count
    return not odd and number_value(word.text)[0] is None and word.pos in {"NOUN", "ADJ"}


def _bare_troops(s: Tree, num: Token, lex: dict[tuple[str, str], str]) -> bool:
    """A number with no noun counts troops when the sentence is about troops (it names a troop
    noun or a military organisation) and the number is held or placed like a force: "his
    40,000", "5,500 in theater"."""
    roles = {"dobj", "nsubj", "nsubjpass", "attr", "conj", "appos", "pobj"}
    if num.dep not in roles or num.ent_type in {"DATE", "TIME", "MONEY"}:
        return False
    if number_value(num.text)[0] == 1:
        return False  # "one on an airbase": a pronoun for a noun said elsewhere
    kids = s.rows_of(s.kids(num.token))
    # "the 14,000 we sent": a force someone moved (not "the 11 million who entered", who moved)
    sent = any(
        k.dep == "relcl" and k.lemma in FORCE_VERBS and not _relative_subject(s, k) for k in kids
    )
    held = any(k.dep == "poss" for k in kids) or any(
        k.dep == "prep" and k.lemma in {"in", "on"} for k in kids
    )  # "his 40,000", "5,500 in theater"
    if num.dep == "pobj" and not sent:
        return False  # "of the 300 in the hospital": only a force moved makes it troops
    military = any(
        _lookup(lex, "noun", t) == "troops" or _lookup(lex, "military", t)
        for t in s.rows
        if t.token != num.token
    )
    return (held or sent) and military


def _relative_subject(s: Tree, verb: Token) -> bool:
    """Whether a relative clause's subject is its relative pronoun ("who entered the country"):
    the noun it modifies did the verb."""
    return any(k.tag in {"WP", "WDT"} for k in s.rows_of(s.kids(verb.token, "nsubj", "nsubjpass")))


def _troop_total(s: Tree, num: Token, lex: dict[tuple[str, str], str]) -> bool:
    """A number that a count of troops reaches or stands at in its clause: "bring the number of
    U.S. advisers to about 3,100", "troop levels stand at 5,000" (:data:`TOTAL_WORDS`)."""
    if num.dep not in {"pobj", "dobj", "attr"}:
        return False
    for up in s.rows_of(s.head_chain(num.token, limit=MAX_CASUALTY_HOPS)):
        if up.pos not in {"VERB", "AUX", "ADP"}:
            return False
        for kid in s.rows_of(s.kids(up.token, "dobj", "nsubj", "nsubjpass")):
            if kid.token == num.token or kid.lemma.lower() not in TOTAL_WORDS:
                continue
            counted = [*s.kids(kid.token, "compound")]
            for of in s.kids(kid.token, "prep"):
                counted += s.kids(of, "pobj") if s.row(of).lemma == "of" else []
            for t in s.rows_of(counted):
                cat = _lookup(lex, "noun", t)
                if cat == "troops" or cat == "troops_military" and _military(s, t, lex):
                    return True
    return False


def _attribution(s: Tree, num: Token) -> str | None:
    """Who the sentence says reports the number: the object of "according to" / "per", or the
    subject of a speech verb (:data:`analysis.triggers.SPEECH_VERBS`) whose reported clause holds
    the number ("five were killed, U.S. officials said", "the Pentagon said in a statement that
    ..."), or the agent of a passive one ("was reported by the ministry")."""
    for t in s.rows:
        if t.text.lower() in CUE_WORDS and t.dep in {"prep", "ROOT", "advmod"}:
            preps = [t, *[k for k in s.rows_of(s.kids(t.token)) if k.dep == "prep"]]
            obj = next(
                (k for p in preps for k in s.rows_of(s.kids(p.token)) if k.dep == "pobj"), None
            )
            rate = obj is not None and obj.lemma.lower() in TIME_UNITS  # "300 raids per year"
            if (
                obj is not None
                and not rate
                and not (min(s.subtree(obj.token)) <= num.token <= max(s.subtree(obj.token)))
            ):
                return _source_text(s, obj)
    clause = [num.token, *s.head_chain(num.token)]
    for step, up in enumerate(clause[1:], start=1):
        row = s.row(up)
        came_from = s.row(clause[step - 1])
        speech = row.lemma.lower() in SPEECH_VERBS and row.pos in {"VERB", "AUX"}
        if speech and came_from.dep in {*REPORTED_CLAUSE_DEPS, "nsubjpass"}:
            return _speaker(s, row)
        for kid in s.rows_of(s.kids(up)):  # "five were killed, said officials"
            if (
                kid.dep == "parataxis"
                and kid.lemma.lower() in SPEECH_VERBS
                and kid.token not in clause
            ):
                return _speaker(s, kid)
    return None


def _speaker(s: Tree, verb: Token) -> str | None:
    """The subject of a speech verb (or the agent of a passive one), as its short noun phrase."""
    for kid in s.rows_of(s.kids(verb.token)):
        if kid.dep == "nsubj" and kid.lemma.lower() not in {"it", "there", "that", "which", "who"}:
            return _source_text(s, kid)
        if kid.dep == "agent":
            obj = next((k for k in s.rows_of(s.kids(kid.token)) if k.dep == "pobj"), None)
            if obj is not None:
                return _source_text(s, obj)
    return None


def _source_text(s: Tree, head: Token) -> str:
    """A source's noun phrase without its clauses and appositions ("U.S. officials", "the
    ministry", "an activist linked to the Free Syrian Army")."""
    skip = [
        k
        for k in s.kids(head.token)
        if s.row(k).dep in {"relcl", "appos", "punct", "cc", "conj"} and s.row(k).tag != "HYPH"
    ]
    rows = s.rows_of(s.subtree(head.token, skip))
    # spaced as in the text: "Al-Malki", "officials'"
    return "".join(
        tok.text if k == 0 or tok.start == rows[k - 1].end else " " + tok.text
        for k, tok in enumerate(rows)
    )


def _kind(s: Tree, event: Token | None) -> str | None:
    """How serious the injuries are when the sentence says: "minor injuries", "seriously
    injured", "in critical condition" -> minor, serious, critical."""
    if event is None:
        return None
    for kid in s.rows_of(s.kids(event.token)):
        if kid.dep in {"amod", "advmod"} and kid.lemma.lower() in INJURY_KINDS:
            return INJURY_KINDS[kid.lemma.lower()]
    return None


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


def _ellipsis_source(
    s: Tree, num: Token, claimed: dict[int, dict], lex: dict[tuple[str, str], str]
) -> Token | None:
    """For a bare number joined by "and" to an earlier claim ("2,500 troops in Iraq and 900 in
    Syria") or counting "more" of it ("8,400 forces in Afghanistan, and ... a plan to send about
    4,000 more", "97 rockets hit Israel, while another 99 were intercepted": its verb deploys,
    fires, strikes or kills, not "20 more were arrested"), the earlier claim's number; None
    otherwise."""
    head = s.get(s.head(num.token))
    more = head is not None and head.lemma.lower() in MORE_WORDS and num.dep in COUNT_DEPS
    more = more or any(s.row(k).lemma.lower() == "another" for k in s.kids(num.token, "det"))
    if num.dep not in {"conj", "appos", "dobj", "pobj"} and not more:
        return None
    earlier = [i for i in claimed if i < num.token]
    if not earlier:
        return None
    source = s.get(max(earlier))
    between = [t for t in s.rows if source.token < t.token < num.token]
    joined = any(t.text.lower() == "and" for t in between)
    no_other_number = not any(number_value(t.text)[0] is not None for t in between)
    near = joined and len(between) <= MAX_ELLIPSIS_GAP
    verb = s.get(s.head((head if more and head is not None else num).token))
    fits = verb is None or verb.pos not in {"VERB", "AUX"} or _claim_verb(verb, lex)
    return source if no_other_number and (near or more and fits) else None


def _claim_verb(verb: Token, lex: dict[tuple[str, str], str]) -> bool:
    """Whether a verb is one a claim's count takes: it deploys or keeps a force, fires, lands or
    strikes, kills or injures ("send 4,000 more", "another 99 were intercepted")."""
    lemma = verb.lemma.lower()
    verbs = FORCE_VERBS | FIRE_VERBS | LANDING_VERBS | ATTACK_VERBS | WEAK_FORCE_VERBS
    return lemma in verbs or _lookup(lex, "verb", verb) is not None


def _place_names(s: Tree) -> list[list[Token]]:
    """The tokens of each place the recognizer names (GPE, LOC), without a leading "the"."""
    ents: list[list[Token]] = []
    for t in s.rows:
        if t.ent_type in {"GPE", "LOC"} and t.ent_iob == "B":
            ents.append([t])
        elif t.ent_type in {"GPE", "LOC"} and t.ent_iob == "I" and ents:
            ents[-1].append(t)
    return [kept for e in ents if (kept := [t for t in e if t.pos != "DET" or t is not e[0]])]


def _modifier(s: Tree, ent: list[Token]) -> bool:
    """Whether a place only modifies a noun after it: "the U.S. diplomatic post", "a Texas plant"."""
    head = s.get(s.head(ent[-1].token))
    return ent[-1].dep in {"compound", "amod"} and head is not None and head.token > ent[-1].token


def _text(ent: list[Token]) -> str:
    """A place's name as written, from its tokens."""
    return " ".join(t.text for t in ent)


def _locations(s: Tree, lex: dict[tuple[str, str], str]) -> list[tuple[int, str]]:
    """Places a count can be in: (token index, name).

    A place named after a locative preposition ("in Iraq", "to Afghanistan"), with its country
    or state when the text gives one ("Benghazi, Libya"); conjoined places are joined by their
    first names ("in Dayton, Ohio, and El Paso, Texas": "Dayton and El Paso"). When the
    sentence has none, a place that names an event ("the Paris attacks", "the Texas plant
    blast": :func:`_event_place`). A place that only modifies a noun ("at the U.S. post in
    Benghazi") is not one.
    """
    ents = _place_names(s)
    found: list[tuple[int, str, str, int]] = []  # (first token, name, first name, last token)
    k = 0
    while k < len(ents):
        ent, name, last = ents[k], _text(ents[k]), ents[k][-1].token
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        comma = s.get(last + 1)
        if nxt is not None and comma is not None and comma.text == "," and nxt[0].token == last + 2:
            name, last, k = f"{name}, {_text(nxt)}", nxt[-1].token, k + 1  # "Benghazi, Libya"
        k += 1
        prev = _before_place(s, ent[0])
        if prev is not None and prev.text.lower() in PLACE_PREPS and not _modifier(s, ent):
            found.append((ent[0].token, name, _text(ent), last))
        elif (
            found
            and prev is not None
            and prev.text.lower() == "and"
            and found[-1][3] >= prev.token - 2
        ):
            first = found.pop()
            joined = f"{first[2]} and {_text(ent)}"
            found.append((first[0], joined, joined, last))
    if found:
        return [(f[0], f[1]) for f in found]
    return [(e[0].token, _text(e)) for e in ents if _event_place(s, e, lex)]


def _before_place(s: Tree, first: Token) -> Token | None:
    """The word before a place's name, past adjectives and "the" ("in the northern Gaza Strip")
    and a place noun's "of" ("in the oil city of Kirkuk": :data:`PLACE_NOUNS`)."""
    prev = s.get(first.token - 1)
    while prev is not None:
        if prev.pos == "ADJ" or prev.text.lower() in PLACE_LEAD_WORDS:
            prev = s.get(prev.token - 1)
            continue
        noun = s.get(prev.token - 1) if prev.text.lower() == "of" else None
        if noun is None or noun.lemma.lower() not in PLACE_NOUNS:
            return prev
        prev = s.get(noun.token - 1)
        while prev is not None and prev.dep in {"compound", "amod"} and prev.head == noun.token:
            prev = s.get(prev.token - 1)  # "the oil city of"
    return None


def _event_place(s: Tree, ent: list[Token], lex: dict[tuple[str, str], str]) -> bool:
    """Whether a place modifies a noun for an attack, a strike, a casualty or another violent
    event (:data:`EVENT_NOUNS`): "the Paris suicide bombing attacks", "Texas fertilizer plant
    blast"; its head is found through the compounds after it."""
    up = s.get(s.head(ent[-1].token))
    for _ in range(MAX_CASUALTY_HOPS):
        if up is None or up.pos not in {"NOUN", "PROPN"}:
            return False
        lemma = up.lemma.lower()
        if (
            lemma in EVENT_NOUNS
            or _lookup(lex, "noun", up) in {"attacks", "strikes"}
            or _lookup(lex, "casualty", up)
        ):
            return ent[-1].dep == "compound"
        if up.dep != "compound":
            return False
        up = s.get(s.head(up.token))
    return False


def _location(s: Tree, num: Token, lex: dict[tuple[str, str], str]) -> str | None:
    """The place of a count: of the sentence's places (:func:`_locations`), the nearest, after it
    before before it."""
    places = _locations(s, lex)
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
            if kid.dep == "nsubj" and kid.token != noun.token:
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
    hedges = {w for pattern in QUALIFIERS for w in pattern}
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
        if num.token in range_ends or num.pos not in {"NUM", "NOUN", "ADJ", "DET"}:
            continue
        number = _number(s, num)
        if number is None:
            continue
        high = _range_end(s, num)
        value_max = None
        attach = number.first if s.head(num.token) == number.first.token else num  # "two dozen"
        category, noun, event = _category(s, attach, lex)
        if (
            high is not None
        ):  # "between 10 and 20 soldiers", "3,000 to 5,000 troops", "40-50 rockets"
            range_ends.add(high.token)
            value_max = number_value(high.text)[0]
            if category is None:
                category, noun, event = _category(s, high, lex)
            if noun is not None and _excluded(s, high, noun):
                continue
        source = None
        if category is None:
            source = _ellipsis_source(s, num, by_num, lex)
            if source is not None:
                category = by_num[source.token]["category"]
            elif _bare_troops(s, num, lex) or _troop_total(s, num, lex):
                category = "troops"
            else:
                continue
        scaled = number.first is not num and not number_value(number.first.text)[1]
        excluded = _excluded(s, num, noun) or scaled and _excluded(s, number.first, noun)
        if excluded or category not in CATEGORIES:
            continue
        qualifier, qualifier_words = _qualifier(s, number.first, number.vague)
        if source is not None and qualifier == "exact":
            qualifier = by_num[source.token]["qualifier"]
        start, end = _span(s, number.first, noun, qualifier_words)
        end = max(end, num.end)
        if high is not None:
            before = s.get(num.token - 1)
            start = (
                before.start if before is not None and before.text.lower() == "between" else start
            )
            end = max(end, high.end)
        if noun is None:  # the number and its place ("900 in Syria") or its casualty word
            after = [t for t in s.rows if num.token < t.token <= num.token + 3]
            place = [t for t in after if t.ent_type in {"GPE", "LOC"}]
            if place:
                end = max(end, place[-1].end)
            if event is not None and event in after:
                end = max(end, event.end)
        claim = {
            "category": category,
            "value": number.value,
            "value_max": value_max,
            "vague": number.vague,
            "qualifier": qualifier,
            "kind": _kind(s, event) if category == "injured" else None,
            "location": _location(s, num, lex),
            "subject": by_num[source.token]["subject"]
            if source is not None
            else _subject(s, noun, category),
            "attributed_to": _attribution(s, num) or ("quoted" if num.in_quotes else None),
            "start": start,
            "end": end,
        }
        by_num[num.token] = claim
        claims.append(claim)
    return claims


def extract(corpus: Corpus, *, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per numeric claim in the corpus, with each article's ``file``, ``outlet_label``
    and ``published`` joined after ``article_id`` (columns: :data:`COLUMNS`).

    ``value_max`` is set for ranges ("between 10 and 20"); ``vague`` marks "dozens", "hundreds";
    ``attributed_to`` is the source of an "according to X" / "as per X" in the sentence, or
    "quoted" when the number sits inside quotation marks; offsets index ``texts.text``.
    """
    return with_articles(claim_rows(corpus, lexicon=lexicon), corpus.articles)


def claim_rows(corpus: Corpus, *, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """The claims as the pipeline stores them: keyed by ``article_id``, without the article
    metadata (the columns of ``schema.columns("claims")``)."""
    columns = schema.columns("claims")
    lex_frame = read_lexicon() if lexicon is None else lexicon
    lex = {(r.kind, r.term.lower()): r.category for r in lex_frame.itertuples(index=False)}
    tokens = corpus.tokens
    if tokens.empty:
        return pd.DataFrame(columns=columns)
    has_number = tokens["like_num"] | tokens["text"].str.lower().isin(list(VAGUE))
    keys = tokens.loc[has_number, ["article_id", "sentence"]].drop_duplicates()
    wanted = tokens.merge(keys, on=["article_id", "sentence"]).sort_values(
        ["article_id", "sentence", "token"], kind="stable"
    )
    sent = corpus.sentences
    sentences = dict(
        zip(zip(sent["article_id"], sent["sentence"], strict=True), sent["text"], strict=True)
    )
    rows = []
    cols = ["article_id", "sentence", "token", "text", "lemma", "pos", "tag", "dep", "head",
            "ent_type", "ent_iob", "start", "end", "is_punct", "in_quotes"]  # fmt: skip
    for (aid, sidx), s in deptree.sentence_trees(deptree.records(wanted, cols)):
        text = sentences[(aid, sidx)]
        for claim in _sentence_claims(s, lex):
            anchor = TIME_ANCHOR.search(text)
            source_text = corpus.text_of(aid) if hasattr(corpus, "text_of") else text
            rows.append(
                {
                    "article_id": aid,
                    **claim,
                    "time_anchor": anchor.group(1) if anchor else None,
                    "text": source_text[claim["start"] : claim["end"]],
                    "sentence": int(sidx),
                    "sentence_text": text,
                }
            )
    out = pd.DataFrame(rows, columns=columns)
    out["value"] = out["value"].astype(float)
    order = {a: i for i, a in enumerate(corpus.articles["article_id"])}
    out = out.sort_values(
        ["article_id", "start"], key=lambda col: col.map(order) if col.name == "article_id" else col
    )
    return out.reset_index(drop=True)


#: "about N" is read as N ± this share when two reports are compared.
APPROX_MARGIN = 0.1
#: A vague word is read as this range around its plotted value: "hundreds" (200) as 100 to 1,000,
#: "dozens" (24) as 12 to 120, so "hundreds" never disagrees with "350".
VAGUE_RANGE = (0.5, 5.0)
#: What makes two claims comparable: the same quantity of the same people in the same place
#: over the same time ("1 seriously injured" and "over 70 minor injuries" are two quantities).
COMPARED_BY = ("category", "location", "subject", "time_anchor", "kind")
CONSISTENCY_COLUMNS = [
    *COMPARED_BY,
    "outlets",
    "reports",
    "min",
    "max",
    "spread",
    "disagree",
    "why",
]
MARKS = {"exact": "", "approx": "~", "more_than": ">", "at_least": "≥", "at_most": "≤"}


def bounds(claims: pd.DataFrame) -> pd.DataFrame:
    """The range of values each claim allows (columns ``low``, ``high``): ``exact`` the value,
    ``approx`` ±:data:`APPROX_MARGIN`, a vague word :data:`VAGUE_RANGE`, ``more_than``/``at_least``
    the value and up, ``at_most`` up to the value."""
    v, q = claims["value"].astype(float), claims["qualifier"]
    vague = claims["vague"].fillna(False).astype(bool) if "vague" in claims else False
    low = np.select(
        [vague, q == "approx", q == "at_most"],
        [v * VAGUE_RANGE[0], v * (1 - APPROX_MARGIN), 0.0],
        v,
    )
    high = np.select(
        [q.isin(["more_than", "at_least"]), vague, q == "approx"],
        [np.inf, v * VAGUE_RANGE[1], v * (1 + APPROX_MARGIN)],
        v,
    )
    return pd.DataFrame({"low": low, "high": high}, index=claims.index)


def _report(qualifier: str, value: float, vague: bool) -> str:
    return f"{'≈' if vague else MARKS.get(qualifier, '')}{value:,.0f}"


def consistency(claims: pd.DataFrame) -> pd.DataFrame:
    """For each comparable quantity, what each outlet reported, the spread, and disagreements.

    Claims are compared only with claims of the same :data:`COMPARED_BY` values (category,
    place, subject, time anchor, injury kind; a missing one is its own value, "(none)"). Two
    reports disagree when their ranges (:func:`bounds`) do not overlap; ``why`` then names the
    two reports no single number fits. Returns :data:`CONSISTENCY_COLUMNS`; ``reports`` reads
    e.g. "Al Mayadeen English: 2,500; The New American: ~2,500" (``≈`` marks a vague word).
    """
    if claims.empty:
        return pd.DataFrame(columns=CONSISTENCY_COLUMNS)
    keys = [k for k in COMPARED_BY if k in claims]
    c = claims.assign(**{k: claims[k].fillna("(none)").astype(str) for k in keys})
    c = c.assign(vague=c["vague"].fillna(False).astype(bool) if "vague" in c else False)
    c = pd.concat([c, bounds(c)], axis=1)
    rows = []
    for key, g in c.groupby(keys, sort=True):
        reports = "; ".join(
            f"{o}: " + ", ".join(sorted({_report(*r) for r in zip(h["qualifier"], h["value"], h["vague"], strict=True)}))
            for o, h in g.groupby("outlet_label")
        )  # fmt: skip
        top, bottom = g.loc[g["low"].idxmax()], g.loc[g["high"].idxmin()]
        disagree = bool(top["low"] > bottom["high"])
        why = (
            f"{top['outlet_label']} reports {_report(top['qualifier'], top['value'], top['vague'])}"
            f" and {bottom['outlet_label']} {_report(bottom['qualifier'], bottom['value'], bottom['vague'])}:"
            " no one number fits both"
            if disagree
            else ""
        )
        lo, hi = g["value"].min(), g["value"].max()
        rows.append({**dict(zip(keys, key, strict=True)), "outlets": g["outlet_label"].nunique(),
                     "reports": reports, "min": lo, "max": hi,
                     "spread": hi / lo if lo else np.nan, "disagree": disagree, "why": why})  # fmt: skip
    return pd.DataFrame(rows).reindex(columns=CONSISTENCY_COLUMNS)


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


#: Panels a claims chart draws at most: the comparable quantities with the most claims (the
#: others stay in the table and the figure's CSV; the chart's note says how many are left out).
MAX_PANELS = 6


def panels(claims: pd.DataFrame, *, n: int = MAX_PANELS) -> pd.DataFrame:
    """The claims of the ``n`` quantities with the most claims, with a ``panel`` column naming
    each: category (with the injury kind), place and, when the sentence gives one, time anchor
    ("attacks · Iraq · since October", "injured (minor) · Iraq"), so that a chart never shows
    a number without its place, and compares only like with like (see :data:`COMPARED_BY`).

    Rows keep every column; they come ordered by panel, largest first. Example:
        >>> panels(found[found.category == "troops"])["panel"].unique()  # doctest: +SKIP
        array(['troops · Iraq', 'troops · Syria'], dtype=object)
    """
    if claims.empty:
        return claims.assign(panel=pd.Series(dtype=str))
    place = claims["location"].fillna(NO_PLACE)
    anchor = claims["time_anchor"].map(lambda t: f" · {t}" if isinstance(t, str) and t else "")
    kind = claims["kind"].map(lambda k: f" ({k})" if isinstance(k, str) and k else "")
    named = claims.assign(panel=claims["category"] + kind + " · " + place + anchor)
    keep = named["panel"].value_counts().head(n).index
    order = {p: k for k, p in enumerate(keep)}
    kept = named[named["panel"].isin(keep)]
    return kept.sort_values("panel", key=lambda p: p.map(order), kind="stable")


def left_out(claims: pd.DataFrame, shown: pd.DataFrame) -> str:
    """The note for a chart that shows ``shown`` of ``claims``: how many were left out."""
    rest = len(claims) - len(shown)
    return f" {rest} claim(s) of smaller groups not drawn (in the table)." if rest else ""


def stage(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The pipeline stage: the ``claims`` table keyed by ``article_id``; the article metadata is
    joined when the table is read (:func:`analysis.corpus.with_articles`)."""
    return {"claims": claim_rows(corpus)}
