"""Speakers: the speaker lexicon, name families, and the resolution of a speaker mention.

A speaker mention ("he", "the governor", "Paul D. Ryan", "The Washington Post") becomes a
canonical speaker with a type (person, organization, group, media, document, anonymous,
unresolved, unknown) and an affiliation:

- a name through the lexicon (``data/lexicons/speakers.csv``) or, for a person it does not list,
  through the article's earlier mentions of the same name family (full name, with or without a
  middle initial or a title, surname: "Mr. Ryan" after "Paul D. Ryan" is "Paul Ryan");
- "he"/"she" to the previous speaker whose gender agrees, else the nearest person named before
  whose gender agrees (gender from titles and from the pronouns the article uses after a name);
- a description ("the governor") to the person the article introduced with it, else kept as
  described;
- an outlet or a document as its own speaker (``media``, ``document``), never through a
  place-name alias of the lexicon.

Example:
    >>> lex = Lexicon(load_speakers())
    >>> resolve("Sabrin Singh", 0, [], lex)[0]
    'Sabrina Singh'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis.config import list_path

TITLES = r"^(Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Prof|Sen|Rep|Gov)\.?\s+"
PRONOUNS = {
    "he": "person", "she": "person", "i": "person", "they": "group", "it": "organization",
    "we": "group",
}  # fmt: skip
#: Possessive pronouns of a person read as the pronoun they belong to ("his support of ...": he).
POSSESSIVES = {"his": "he", "her": "she", "my": "i"}
#: Pronouns that never name a speaker of their own: the addressee ("you know ..."), a group's or
#: thing's possessive ("their support of ...": often the people just named, not a speaker), a
#: demonstrative, a relative pronoun left as the subject.
NOT_NAMES = frozenset(
    ["you", "your", "their", "its", "our", "this", "that", "which", "who", "whom", "it's"]
)
#: The gender a pronoun or a title gives a person ("m", "f").
GENDER_WORDS = {
    "he": "m", "him": "m", "his": "m", "himself": "m", "mr": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f", "mrs": "f", "ms": "f", "miss": "f",
}  # fmt: skip
ROLE_NOUNS = {
    "minister": "person", "president": "person", "official": "person", "spokesman": "person",
    "spokeswoman": "person", "spokesperson": "person", "secretary": "person", "governor": "person",
    "senator": "person", "speaker": "person", "congressman": "person", "congresswoman": "person",
    "candidate": "person", "nominee": "person", "chairman": "person", "chairwoman": "person",
    "mayor": "person", "businessman": "person", "billionaire": "person", "son": "person",
    "daughter": "person", "director": "person", "ministry": "organization",
    "office": "organization", "government": "organization", "campaign": "organization",
    "statement": "document", "report": "document", "leaders": "group",
}  # fmt: skip
#: The abbreviated title a description may have been introduced with ("Gov. Chris Christie").
ROLE_ABBREVIATIONS = {"governor": "gov", "senator": "sen", "congressman": "rep",
                      "congresswoman": "rep", "secretary": "sec"}  # fmt: skip
#: Head nouns of documents that speak for themselves ("the report found", "a poll shows").
DOCUMENT_NOUNS = frozenset(
    ["report", "statement", "poll", "survey", "study", "analysis", "email", "emails", "memo",
     "letter", "document", "documents", "video", "tweet", "post", "filing", "data", "review",
     "audit", "investigation", "records", "record", "release", "ad", "advertisement", "figures",
     "results", "research", "transcript", "complaint", "lawsuit", "indictment", "ruling", "book"]
)  # fmt: skip
#: Words that name a news outlet ("The Washington Post", "CNN", "The Hill"): an outlet is its own
#: speaker, never the place in its name. Not "Capitol Hill" nor a "Press Secretary" (people).
MEDIA = re.compile(
    r"\b(Post|Times|Journal|News|Herald|Tribune|Gazette|Magazine|Press(?! [Ss]ecretary)|Reuters|"
    r"Bloomberg|CNN|MSNBC|CNBC|Fox|NBC|ABC|CBS|NPR|PBS|BBC|Politico|Breitbart|Axios|"
    r"(?<!Capitol )Hill|TIME|Newsweek|"
    r"Atlantic|Guardian|Economist|BuzzFeed|HuffPost|Huffington|Telegraph|Daily|Examiner|Observer|"
    r"Register|Chronicle|Inquirer|Globe|Slate|Vox|Salon|Mediaite|Axios)\b"
)
ANONYMOUS = re.compile(r"anonymity|\bunnamed\b|\bsources?\b|^an? .*official|^officials$", re.I)
_INITIAL = re.compile(r"^[A-Z]\.?$")
#: A mention that reads as a person's name: capitalized words, initials or a title ("Mr. Ryan").
_NAME = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}")


def norm(text: str) -> str:
    """A name or mention folded for comparison: curly apostrophes straightened, "U.S." as "US",
    spaces collapsed, lower case."""
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("U.S.", "US")).strip().lower()


def person_name(name: str) -> str:
    """A person's name without title, middle initials or a possessive: the form one name family
    shares ("Mr. Paul D. Ryan's" -> "Paul Ryan").

    Example:
        >>> person_name("Paul D. Ryan"), person_name("Mr. Trump")
        ('Paul Ryan', 'Trump')
    """
    name = re.sub(TITLES, "", name.strip())
    name = re.sub(r"['’]s?$", "", name)
    words = name.split()
    kept = [w for k, w in enumerate(words) if not (0 < k < len(words) - 1 and _INITIAL.match(w))]
    return " ".join(kept)


class Mention(NamedTuple):
    """A named speaker candidate of an article: where it is, who it is, and whether it spoke."""

    start: int
    canonical: str
    type: str
    affiliation: str
    alias: str
    spoke: bool = False
    context: str = ""  # the words around a recognized name ("the House speaker, Paul D. Ryan")

    @property
    def identity(self) -> tuple[str, str, str]:
        """(canonical, type, affiliation): who the mention names, as :func:`resolve` returns it."""
        return self.canonical, self.type, self.affiliation


def load_speakers(path: str | None = None) -> pd.DataFrame:
    """Read the speaker lexicon (canonical, aliases, type, affiliation), one row per alias.

    Example:
        >>> load_speakers().query("alias == 'Sudani'").canonical.iloc[0]
        'Mohammed Shia al-Sudani'
    """
    path = path or list_path("speakers.csv")  # the story's list; none without a story
    columns = ["canonical", "aliases", "type", "affiliation"]
    exists = path is not None and Path(path).exists()
    table = pd.read_csv(path, dtype=str).fillna("") if exists else pd.DataFrame(columns=columns)
    rows = []
    for rec in table.itertuples(index=False):
        for alias in {rec.canonical, *[a for a in rec.aliases.split("|") if a]}:
            rows.append((alias, rec.canonical, rec.type, rec.affiliation))
    out = pd.DataFrame(rows, columns=["alias", "canonical", "type", "affiliation"])
    return out.assign(n=out.alias.str.len()).sort_values("n", ascending=False).drop(columns="n")


class Lexicon:
    """The speaker lexicon compiled for one run: alias patterns (longest first) and the lookups
    made so far. Build one per call of :func:`analysis.quotes.attribute` and pass it down."""

    def __init__(self, table: pd.DataFrame) -> None:
        recs = list(table.itertuples(index=False))
        self.table = table
        self.exact = {norm(r.alias): r[1:4] for r in reversed(recs)}
        self.lookup = [
            (re.compile(rf"(?<![\w-]){re.escape(norm(r.alias))}(?![\w-])"), r[1:4]) for r in recs
        ]
        self.mentions = [
            (re.compile(rf"(?<![\w-]){re.escape(r.alias)}(?![\w-])", re.I), r)
            for r in recs
            if not r.alias.lower().startswith("the ") and r.type in ("person", "organization")
        ]
        self._memo: dict[str, tuple[str, str, str] | None] = {}

    def find(self, mention: str) -> tuple[str, str, str] | None:
        """Canonical name, type and affiliation of the longest alias in ``mention``, or None."""
        if mention not in self._memo:
            text = f" {norm(mention)} "
            self._memo[mention] = next((hit for pat, hit in self.lookup if pat.search(text)), None)
        return self._memo[mention]


def lexicon_mentions(text: str, lex: Lexicon) -> list[Mention]:
    """Every named speaker from the lexicon in the article text, in order."""
    out, low = [], text.replace("’", "'")
    folded = low.lower()
    for pat, rec in lex.mentions:
        if rec.alias.lower() not in folded:  # a substring test first: most aliases are absent
            continue
        for m in pat.finditer(low):
            out.append(Mention(m.start(), rec.canonical, rec.type, rec.affiliation, rec.alias))
    return sorted(out)


def person_of(name: str, at: int, named: list[Mention], lex: Lexicon) -> tuple[str, str, str]:
    """A person's canonical name: the lexicon's, else the fuller name of an earlier mention of the
    same family in the article ("Mr. Ryan" after "Paul D. Ryan"), else the name itself, without
    title or middle initials."""
    hit = lex.find(name)
    if hit:
        return hit
    family = _family(name, at, named)
    return family.identity if family else (person_name(name) or name, "person", "")


def _family(name: str, at: int, named: list[Mention]) -> Mention | None:
    """The article's person of the same name family as ``name``: the nearest earlier mention whose
    surname it shares, or one whose names include its single word ("Sir Digby" after "Digby
    Jones"); else a later mention with a fuller name of that family (a headline's "Trump" before
    the body's "Donald Trump"). None when no person of the article shares the name."""
    words = norm(person_name(name)).split() or [norm(name)]
    people = [m for m in named if m.type == "person"]
    earlier = [m for m in reversed(people) if m.start < at]
    for m in earlier:
        if norm(m.canonical).split()[-1:] == words[-1:]:
            return m
    for m in earlier:
        if len(words) == 1 and words[0] in norm(m.canonical).split():
            return m
    return next(
        (m for m in people if m.start > at and len(norm(m.canonical).split()) > len(words)
         and norm(m.canonical).split()[-1:] == words[-1:]),
        None,
    )  # fmt: skip


def genders(text: str, named: list[Mention], quoted: list[tuple[int, int]]) -> dict[str, str]:
    """The gender the article gives each named person: from a title ("Mrs. Clinton"), else from
    the first gendered pronoun outside quotations after a mention and before the next named
    person (the article's own "he" or "she" for that person); a tie gives nothing."""
    pron = [
        (m.start(), GENDER_WORDS[m.group(0).lower()])
        for m in re.finditer(r"\b(he|him|his|himself|she|her|hers|herself)\b", text, re.I)
        if not any(s <= m.start() < e for s, e in quoted)
    ]
    votes: dict[str, list[str]] = {}
    people = [m for m in named if m.type == "person"]
    for k, m in enumerate(people):
        before = text[max(m.start - 6, 0) : m.start].lower()
        title = re.match(r"(mr|mrs|ms|miss)\b", m.alias.lower()) or re.search(
            r"\b(mr|mrs|ms|miss)\.?\s+$", before
        )
        if title:
            votes.setdefault(m.canonical, []).extend([GENDER_WORDS[title.group(1)]] * 2)
            continue
        stop = people[k + 1].start if k + 1 < len(people) else len(text)
        first = next((g for p, g in pron if m.start < p < stop), None)
        if first:
            votes.setdefault(m.canonical, []).append(first)
    out = {}
    for name, vs in votes.items():
        m, f = vs.count("m"), vs.count("f")
        if m != f:
            out[name] = "m" if m > f else "f"
    return out


def _pronoun(
    word: str, spoke: list[Mention], before: list[Mention], gender: dict[str, str]
) -> tuple[str, str, str] | None:
    want = PRONOUNS[word]
    if want == "group":  # "they": the previous speaker, whatever its kind
        return spoke[-1].identity if spoke else None
    sex = GENDER_WORDS.get(word, "")
    for pool in (spoke, before):
        for m in reversed(pool):
            kind = "person" if m.type in ("person", "anonymous") else m.type
            if want == "person" and kind == "person":
                if sex and gender.get(m.canonical, sex) != sex:
                    continue  # "she" is not the man named last
                return m.identity
            if want == "organization" and kind not in ("person", "group"):
                return m.identity
    return None


def _description(
    mention: str, words: list[str], role: str, before: list[Mention], lex: Lexicon,
) -> tuple[str, str, str] | None:  # fmt: skip
    """'the governor': the person the article introduced with that description, else None."""
    phrase = " ".join(words[1:])
    short = ROLE_ABBREVIATIONS.get(role)
    for m in reversed(before):
        if phrase in norm(m.alias) or phrase in norm(m.canonical):
            return m.identity
    for m in reversed(before):  # introduced with the description: "New Jersey Gov. Chris Christie"
        around = norm(m.context)
        if (
            m.type == "person"
            and ROLE_NOUNS[role] == "person"
            and (
                re.search(rf"\b{re.escape(phrase)}\b", around)
                or short
                and re.search(rf"\b{short}\.? ", around)
            )
        ):
            return m.identity
    for m in reversed(before):
        if ROLE_NOUNS[role] != "person" and (role in norm(m.alias) or role in norm(m.canonical)):
            return m.identity
        if ROLE_NOUNS[role] == "document" and m.type == "document":
            return m.identity
    return None


def resolve(
    mention: str,
    at: int,
    named: list[Mention],
    lex: Lexicon,
    people: tuple[str, ...] = (),
    fallback_type: str = "unknown",
    gender: dict[str, str] | None = None,
    subject: str | None = None,
) -> tuple[str, str, str]:
    """Canonical name, type and affiliation of the speaker mention found at offset ``at``.

    ``named``: the article's named candidates (:class:`Mention`, those that spoke flagged);
    ``people``: the person names inside the mention, which decide over a title in it ("US
    President Donald Trump" is Donald Trump whoever the lexicon's US President is; two names
    joined by "and" speak together); ``gender``: :func:`genders`; ``subject``: the person named
    as the subject of the mention's sentence, whom "he" or "she" there names when the gender
    agrees (before the previous speaker).
    """
    gender = gender or {}
    words = norm(mention).split()
    first = words[0] if words else ""
    exact = lex.exact.get(norm(mention))
    if exact and not (first in ("the", "this", "that") and exact[1] == "person"):
        return exact
    if MEDIA.search(mention) and not people:
        return re.sub(r"^[Tt]he\s+", "", mention), "media", ""
    if people:  # unless the whole mention names a lexicon entry that includes every one of them
        whole = lex.find(mention)
        if whole and all(norm(p).split()[-1] in norm(whole[0]).split() for p in people):
            return whole
        found = [person_of(p, at, named, lex) for p in dict.fromkeys(people)]
        found = list(dict.fromkeys(found))
        if len(found) == 1 or not re.search(r"\band\b|&", mention):
            return found[-1]  # the head of "Clinton campaign chairman John Podesta" comes last
        affiliations = "; ".join(dict.fromkeys(a for _, _, a in found if a))
        return " and ".join(dict.fromkeys(n for n, _, _ in found)), "group", affiliations
    before = [m for m in named if m.start < at]
    spoke = [m for m in before if m.spoke]  # previous speakers, nearest last
    if len(words) == 1 and (first in PRONOUNS or first in POSSESSIVES):
        word = POSSESSIVES.get(first, first)
        sex = GENDER_WORDS.get(word, "")
        if subject and sex:
            own = person_of(subject, at, named, lex)
            if gender.get(own[0], sex) == sex:
                return own
        return _pronoun(word, spoke, before, gender) or (mention, "unresolved", "")
    if len(words) == 1 and first in NOT_NAMES:
        return mention, "unresolved", ""
    hit = lex.find(mention)
    if (
        ANONYMOUS.search(mention)
        and (hit is None or hit[0].endswith("officials"))
        and not re.match(r"^\w+ officials$", mention, re.I)
    ):
        return mention, "anonymous", hit[2] if hit else ""
    role = next((w for w in reversed(words) if w in ROLE_NOUNS), None)
    if first in ("the", "this", "that") and role:
        linked = _description(mention, words, role, before, lex)
        if linked:
            return linked
        if exact or ROLE_NOUNS[role] != "person" and hit:
            return exact or hit
        return mention, ROLE_NOUNS[role], ""
    if hit:
        return hit
    family = _family(mention, at, named) if _NAME.fullmatch(mention.strip()) else None
    if family:  # a name the recognizer missed here ("Trump" read as a noun) but found elsewhere
        return family.identity
    if words and words[-1] in DOCUMENT_NOUNS:
        return mention, "document", ""
    return mention, ROLE_NOUNS[role] if role else fallback_type, ""
