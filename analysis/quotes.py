"""Quote attribution: who is reported as saying (or thinking) what, in each article.

Works on the parsed corpus (dependency parse in ``tokens``; nothing is re-parsed here). Each
pattern is a small function over one sentence's parse:

- :func:`_according_to`: "according to X", "per X", "as per X";
- :func:`_as_cue`: "as X noted, ...";
- :func:`_reported`: a statement cue (:data:`analysis.triggers.SPEECH_VERBS`: said, asked,
  accused, promised, urged, wrote, tweeted, called on ...) or a thought cue (believes, wants:
  kind ``thought``) with what it reports: a clause, an object, an infinitive, or what follows a
  colon; "the report found", "a poll shows" for documents. Negated and hypothetical speech ("did
  not say", "could say", "refused to say", "did not cite what X said") is not reported;
- :func:`_quotations`: passages in quotation marks of at least
  :data:`analysis.quotemarks.MIN_QUOTE_WORDS` words, attributed by a cue near them or continuing
  the previous speaker; a quotation running on into the next paragraph is one attribution.

Speakers are resolved by :mod:`analysis.speakers`. Kinds: ``direct`` (all in quotation marks),
``mixed`` (a partial quote), ``indirect``, ``thought``.

Example:
    >>> from analysis import corpus, quotes
    >>> q = quotes.attribute(corpus.load())          # doctest: +SKIP
    >>> q[["speaker_canonical", "kind", "content"]]   # doctest: +SKIP
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import namedtuple
from functools import cached_property, lru_cache
from typing import NamedTuple

import pandas as pd
from rapidfuzz import fuzz

from analysis import entities, quotemarks, schema
from analysis.corpus import Corpus, with_articles
from analysis.deptree import Tree, records
from analysis.quotemarks import MIN_QUOTE_WORDS
from analysis.schema import PARSED_KINDS
from analysis.speakers import (
    DOCUMENT_NOUNS,
    Lexicon,
    Mention,
    genders,
    lexicon_mentions,
    load_speakers,
    norm,
    person_of,
    resolve,
)
from analysis.triggers import (
    ACTION_VERBS,
    CALL_VERBS,
    CLAUSE_VERBS,
    CUE_LEMMAS,
    CUE_WORDS,
    DOCUMENT_VERBS,
    NOUN_CUES,
    NOUN_THOUGHTS,
    SPEECH_VERBS,
    THOUGHT_VERBS,
    TOPIC_VERBS,
    cue_lemma,
)

__all__ = ["attribute", "load_speakers", "reuse", "share_of_voice", "speakers_by_outlet",
           "merge_speakers", "with_kinds", "describe", "stage", "COLUMNS"]  # fmt: skip

#: The columns of :func:`attribute`: the stored attributions with the article metadata joined.
COLUMNS = schema.joined_columns("quotes")

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
DOCUMENT_ONLY = DOCUMENT_VERBS - SPEECH_VERBS  # "found", "shows": cues for documents only
NOT_SAYING = frozenset(["refuse", "decline", "fail"])
#: Modal auxiliaries that make speech hypothetical ("could say", "might argue"): not reported.
HYPOTHETICAL = frozenset(["could", "might", "may", "should", "would"])
#: Dependents of a cue that can open what it reports when there is no clause ("praised the
#: efforts of ...", "promised to begin ...", "called on X to ...", "called the show X").
CONTENT_DEPS = frozenset(["dobj", "xcomp", "ccomp", "prep", "oprd", "dative", "attr", "acomp"])
#: A passage in quotation marks whose words of this length or more are all capitalized, and
#: that ends without a sentence mark, is a title ("Tales From the Crypt"), not someone's words.
TITLE_WORD_LEN = 4


#: Nouns for people who speak: as subjects of an action verb they make it speech.
PERSON_NOUNS = frozenset(
    ["official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister", "leader",
     "leaders", "president", "analyst", "analysts", "expert", "experts", "aide", "aides",
     "adviser", "advisers", "people", "voters", "critics", "supporters", "republicans",
     "democrats", "governor", "senator", "candidate", "nominee", "witness", "witnesses",
     "scientist", "scientists", "researcher", "researchers", "economist", "economists",
     "strategist", "strategists", "lawmaker", "lawmakers", "activist", "activists", "source",
     "sources", "chairman", "chairwoman", "secretary", "director", "spokesmen", "reporter",
     "reporters", "host", "moderator", "many", "some", "others", "both", "all"]
)  # fmt: skip
SPEAKER_NOUNS = PERSON_NOUNS | DOCUMENT_NOUNS | frozenset(
    ["ministry", "government", "committee", "office", "military", "campaign", "party", "police",
     "administration", "department", "agency", "group", "organization", "council", "court",
     "commission", "board", "union", "coalition", "team"]
)  # fmt: skip


class Candidate(NamedTuple):
    """An attribution found in one sentence's parse, before its speaker is resolved."""

    verb: int  # the cue token
    speaker_tok: int  # the head token of the speaker mention
    content_ids: list[int]
    cue: tuple[int, int]  # raw offsets of the cue
    kind: str = ""  # "thought", or "" to decide from the quotation marks
    speaker_span: tuple[int, int] | None = None  # raw offsets, when not the subtree of speaker_tok


class Found(NamedTuple):
    """One attribution of an article with raw offsets (cue ``(-1, -1)``: continues a speaker)."""

    sentence: int
    paragraph: int
    content: tuple[int, int]
    kind: str
    speaker: tuple[int, int]
    cue: tuple[int, int]


@lru_cache(maxsize=8)
def _row_type(columns: tuple[str, ...]) -> type:
    return namedtuple("Token", columns)


class _Article(Tree):
    """One article's dependency tree (:class:`analysis.deptree.Tree`, the view claims use too)
    with its source text and the stretches inside quotation marks."""

    def __init__(self, toks: pd.DataFrame, text: str, regions: list[tuple[int, int]]) -> None:
        super().__init__(records(toks))
        self.text = text
        self.regions = regions

    def quoted(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e + 1 for s, e in self.regions)

    @cached_property
    def person_words(self) -> frozenset[str]:
        """Words the entity recognizer tagged as part of a person's name somewhere in the article
        ("Trump", "Sanders"): the tagger may read the same word as a noun elsewhere ("Sanders:
        ..." as "sander")."""
        return frozenset(
            r.text for r in self.rows if r.ent_type == "PERSON" and r.text[:1].isupper()
        )


def _to_raw(starts: list[tuple[int, int]], k: int) -> int:
    """Map an offset in a joined paragraph text to the raw file (starts: paragraph/raw piece starts)."""
    base_p, base_r = max((p, r) for p, r in starts if p <= k)
    return base_r + k - base_p


_OPENING = re.compile(r"\s*[“\"]")
#: A double mark opening after a cue's comma or colon ('said: “', 'added, "').
_CUED_OPENING = re.compile(r"[:,]\s+([“\"])(?=\w)")


def _paragraph_regions(paragraphs: pd.DataFrame, text: str) -> list[tuple[int, int]]:
    """Quote regions (raw offsets) of every paragraph, quoted separately per paragraph. A paragraph
    that opens a quotation it never closes (the next paragraph goes on quoting) is quoted to its
    end."""
    regions = []
    for spans in paragraphs.spans:
        pieces = [(int(s), int(e)) for s, e in spans]
        ptext, starts, pos = "", [], 0
        for s, e in pieces:
            starts.append((pos, s))
            ptext += text[s:e] + " "
            pos += e - s + 1
        found = quotemarks.quote_regions(ptext)
        opening = _OPENING.match(ptext)
        if opening and not any(r.start <= opening.end() <= r.start + 1 for r in found):
            # the opening mark is unbalanced: the quotation runs to the end of the paragraph
            found = [
                quotemarks.QuoteRegion(opening.end(), len(ptext.rstrip()), opening.group(0).strip())
            ]
        last = max((r.end for r in found), default=-1)
        cued = [m for m in _CUED_OPENING.finditer(ptext) if m.start(1) > last + 1
                and len(ptext[m.end() :].split()) >= MIN_QUOTE_WORDS]  # fmt: skip
        if cued:  # 'she said: “A ...' never closed: the quotation runs on to the paragraph's end
            found.append(quotemarks.QuoteRegion(cued[0].end(), len(ptext.rstrip()), cued[0][1]))
        for r in found:
            regions.append((_to_raw(starts, r.start), _to_raw(starts, max(r.end - 1, r.start)) + 1))
    return regions


def _mention(art: _Article, head: int, verb: int | None = None) -> tuple[str, int, int]:
    skip = art.kids(head, "appos")
    ids = [j for j in art.subtree(head, skip) if verb is None or head > verb or j < verb]
    if art.row(max(ids)).dep == "cc":  # "A and B said", parsed as two subjects of the verb
        ids += next(
            (
                art.subtree(c)
                for c in art.children.get(verb if verb is not None else head, [])
                if art.row(c).dep in SUBJECT_DEPS and min(art.subtree(c)) == max(ids) + 1
            ),
            [],
        )
    start, end = art.span(ids)
    while start > 1 and re.match(r"\w-$", art.text[start - 2 : start]):  # al-|Sudani split
        start = art.text.rfind(" ", 0, start - 1) + 1
    while re.match(r"-\w", art.text[end : end + 2]):
        end = re.match(r"-[\w-]+", art.text[end:]).end() + end
    return art.text[start:end], start, end


def _is_title(text: str) -> bool:
    """Whether a quoted passage reads as a title ("Make America Great Again"), not speech."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    long = [w for w in words if len(w) >= TITLE_WORD_LEN]
    return bool(long) and all(w[0].isupper() for w in long) and not re.search(r"[.!?]\W*$", text)


def _is_long_quote(text: str) -> bool:
    return len(text.split()) >= MIN_QUOTE_WORDS and not _is_title(text)


def _is_utterance(text: str, sent_start: int, start: int, end: int) -> bool:
    """Whether a quotation too short for :func:`_is_long_quote` is still someone's words: it ends
    with its own punctuation inside the marks and opens the sentence or follows a comma or colon
    ('"Stay there!" he yelled', 'she answered, "Denver."'), as a scare quote or a title does not."""
    before = text[sent_start : max(start - 1, sent_start)].rstrip(" “\"‘'")
    closed = text[end : end + 2].lstrip(" ")[:1] in quotemarks.MARKS
    return (
        closed
        and bool(re.search(r"\w[,.!?]$", text[start:end].rstrip()))
        and (not before.strip() or before[-1:] in ",:")
    )


def _cue_of(art: _Article, verb: int) -> tuple[int, int]:
    kids = art.children.get(verb, [])
    ids = [verb] + [c for c in kids if art.row(c).dep in ("aux", "prt") and c < verb]
    ids += [c for c in kids if art.row(c).dep in ("prep", "prt") and c == verb + 1
            and art.row(c).lemma in ("for", "on")]  # fmt: skip
    return art.span(ids)


def _subject(art: _Article, verb: int, seen: int = 0) -> int | None:
    for c in art.children.get(verb, []):
        if art.row(c).dep in SUBJECT_DEPS:
            return c
    row = art.row(verb)
    head = int(row.head)
    if row.dep == "pcomp" and art.row(head).dep == "prep" and seen < 3:
        head = int(art.row(head).head)  # "hinted at it by mentioning ...": the verb's subject
    elif row.dep not in ("advcl", "xcomp", "conj"):
        return None
    if head != verb and seen < 3:
        return _subject(art, head, seen + 1)  # "..., stating that": the head's subject
    return None


def _speakerlike(art: _Article, tok: int) -> bool:
    """Whether a subject can be a source: a name, a pronoun or a speaker noun ("police", "the
    report"), not "this incident", "substantial progress" or "what"."""
    row = art.row(tok)
    if row.pos == "PRON":
        return row.text.lower() not in ("this", "that", "what", "there")
    return row.pos == "PROPN" or bool(row.ent_type) or row.lemma.lower() in SPEAKER_NOUNS


def _personal(art: _Article, tok: int) -> bool:
    """Whether a subject is a person (a person's name, a personal pronoun, a speaker noun for
    people): the source an action verb needs to be speech ("Clinton attacked Trump", not "the
    militia attacked US forces")."""
    row = art.row(tok)
    if row.pos == "PRON":
        return row.text.lower() in ("he", "she", "i", "we", "they", "who", "you")
    return row.ent_type == "PERSON" or row.lemma.lower() in PERSON_NOUNS


#: Cues whose object is often no one's words ("this incident underscores the risk"): their
#: subject must be a name, a pronoun or a speaker noun.
EMPHASIS_VERBS = frozenset(["emphasize", "emphasise", "stress", "affirm", "reaffirm", "reiterate",
                            "underline", "underscore", "highlight", "urge"])  # fmt: skip


def _can_report(art: _Article, subj: int, lemma: str) -> bool:
    """Whether the subject of a cue that reports an object or infinitive is its source: a person
    for an action verb, a speaker for an emphasis verb, any noun or pronoun for the others."""
    if lemma in ACTION_VERBS:
        return _personal(art, subj)
    if lemma in EMPHASIS_VERBS:
        return _speakerlike(art, subj)
    row = art.row(subj)
    return row.pos in ("NOUN", "PROPN") or _speakerlike(art, subj)


def _right_content(art: _Article, verb: int, first: int) -> list[int]:
    """Tokens of the verb's right-hand dependents from ``first`` on, minus participial cues."""
    ids: set[int] = set()
    for c in art.children.get(verb, []):
        r = art.row(c)
        if (
            c < first
            or r.dep in ("punct", "cc", "nsubj", "nsubjpass", "conj", "mark")
            or r.dep == "advcl"
            and r.lemma in SPEECH_VERBS
        ):
            continue
        ids.update(art.subtree(c))
    return sorted(ids)


def _according_to(art: _Article, i: int, sent_ids: list[int]) -> Candidate | None:
    """'According to X, ...', 'per X', 'as per X': the rest of the sentence is X's."""
    low = art.row(i).text.lower()
    head_ids = [i] + (art.kids(i, "prep") if low == "according" else [])  # "according" + "to"
    objs = [c for p in head_ids for c in art.kids(p, "pobj")]
    if not objs or low == "per" and not _speakerlike(art, objs[0]):
        return None  # "$200,000 per speech" is a rate, "per the report" a source
    phrase = set(art.subtree(i))
    if i - 1 in sent_ids and art.row(i - 1).text.lower() == "as":
        phrase.add(i - 1)
    cue_ids = [j for j in phrase if j <= i or j in head_ids]
    rest = [j for j in sent_ids if j not in phrase and not art.row(j).is_punct]
    if len(rest) < 4:
        return None
    return Candidate(i, objs[0], rest, art.span(sorted(cue_ids)))


#: Sources that speak through "in": "In a new poll, ...", "in the survey".
POLL_NOUNS = frozenset(["poll", "polls", "survey", "surveys", "study", "analysis"])


def _as_cue(art: _Article, i: int, sent_ids: list[int]) -> Candidate | None:
    """'As X notes, ...', 'as outlined in the statement, ...': the clause the as-clause modifies
    is X's ('the fact that the race "is a dead heat," as Cruz said, ...': the race is a dead
    heat), the rest of the sentence when it modifies the main clause."""
    marks = [c for c in art.kids(i, "mark") if art.row(c).text.lower() == "as"]
    kids = art.children.get(i, [])
    agents = [c for p in art.kids(i, "prep", "agent") for c in art.kids(p, "pobj")]
    subj = next((c for c in kids if art.row(c).dep in SUBJECT_DEPS), None)
    spk = subj if subj is not None else (agents[0] if agents else None)
    if spk is None or art.kids(i, "dobj", "ccomp", "xcomp"):
        return None  # "as he urged the party to ...": a clause reporting its own content
    own = set(art.subtree(i))
    head = int(art.row(i).head)
    scope = set(art.subtree(head)) if head != i and art.row(head).dep != "ROOT" else set(sent_ids)
    rest = [j for j in sent_ids if j in scope and j not in own and not art.row(j).is_punct]
    if rest and art.row(rest[0]).text.lower() == "that":
        rest = rest[1:]
    return Candidate(i, spk, rest, art.span([marks[0], i])) if rest else None


#: A colon statement names its speaker in at most this many words before the colon
#: ("Judicial Watch: State Department hid ...", "Former AG Mukasey at RNC: ...").
MAX_COLON_SPEAKER_WORDS = 6
_NAME_ENTS = frozenset(["PERSON", "ORG", "NORP", "GPE"])


def _colon_statement(art: _Article, sent_ids: list[int]) -> Candidate | None:
    """'Name: statement' opening a paragraph (a headline or a summary line): what follows the
    colon is the named person's or organization's, when the words before it are a name."""
    colon = next((k for k, i in enumerate(sent_ids) if art.row(i).text == ":"), None)
    if not colon or colon > MAX_COLON_SPEAKER_WORDS or len(sent_ids) - colon - 1 < MIN_QUOTE_WORDS:
        return None
    first = art.row(sent_ids[0])
    if art.text[: first.start].rstrip(" \t")[-1:] not in ("", "\n"):
        return None  # not at the start of a paragraph
    left = [art.row(i) for i in sent_ids[:colon]]
    known = [r.ent_type in ("PERSON", "ORG") or r.text in art.person_words for r in left]
    if not any(known) or not all(
        k
        or r.ent_type in _NAME_ENTS
        or r.pos == "PROPN"
        or r.text.lower() in ("'s", "’s", "at", "of")
        for k, r in zip(known, left, strict=True)
    ):
        return None
    rest = sent_ids[colon + 1 :]
    cue = (int(art.row(sent_ids[colon]).start), int(art.row(sent_ids[colon]).end))
    speaker = (int(left[0].start), int(left[-1].end))
    return Candidate(sent_ids[colon], sent_ids[colon - 1], rest, cue, speaker_span=speaker)


def _noun_cue(art: _Article, i: int) -> Candidate | None:
    """'Trump's claim that Obama founded ISIS', 'his support of the loophole': the possessor says
    or thinks what the noun's clause or "of"/"for" phrase holds."""
    owner = art.kids(i, "poss")
    if not owner or art.row(owner[0]).pos not in ("PROPN", "PRON"):
        return None
    comp = [c for c in art.kids(i, "acl", "ccomp", "prep")
            if art.row(c).dep != "prep" or art.row(c).lemma in ("of", "for", "that")]  # fmt: skip
    ids = sorted({j for c in comp for j in art.subtree(c) if j > i})
    if ids and art.row(ids[0]).text.lower() in ("that", "of", "for"):
        ids = ids[1:]
    if len(ids) < 2:
        return None
    kind = "thought" if art.row(i).lemma.lower() in NOUN_THOUGHTS else ""
    return Candidate(i, owner[0], ids, art.span([i]), kind)


def _not_reported(art: _Article, i: int, lemma: str) -> bool:
    """Negated or hypothetical speech: "did not say", "would not say", "could say", "refused to
    say", "did not cite what X said" (thoughts may be negated: "does not believe" reports one)."""
    if lemma in THOUGHT_VERBS:
        return False
    row = art.row(i)
    if art.kids(i, "neg") or art.row(row.head).lemma in NOT_SAYING:
        return True
    if any(art.row(c).lemma.lower() in HYPOTHETICAL for c in art.kids(i, "aux")):
        return True
    head = int(row.head)
    return (
        row.dep in ("ccomp", "relcl", "xcomp", "pcomp")
        and head != i
        and bool(art.kids(head, "neg"))
    )


def _complement(art: _Article, i: int, lemma: str) -> tuple[list[int], bool]:
    """What a cue reports, and whether it is a clause: its clause; else (for cues that take one)
    its object or infinitive; else a "that" clause further down; else what follows a colon."""
    kids = art.children.get(i, [])
    ids = sorted({j for c in art.kids(i, "ccomp") for j in art.subtree(c)})
    if lemma in CALL_VERBS:  # "called for X", "called on X to Y", "called him divisive"
        objs = art.kids(i, "dobj")
        preps = [
            c
            for c in art.kids(i, "prep")
            if art.row(c).lemma in ("for", "on") and not any(o < c for o in objs)
        ]  # not "called his remarks racist on Monday"
        if preps:  # the prep's object and what follows it: "called on X to do Y"
            after = _right_content(art, i, preps[0] + 1)
            return sorted(set(art.subtree(preps[0])[1:]) | set(after)), False
        after = [o for o in objs if o > i]  # not "what X called" before the cue
        ids = _right_content(art, i, after[0] if after else i + 1)
        named = art.kids(i, "oprd", "xcomp") or any(art.quoted(*art.span([j])) for j in ids)
        return (ids if named else []), False  # "called him divisive", 'called it "chaos" today'
    if lemma in TOPIC_VERBS:  # "talked about his plan", not "spoke at the rally"
        about = [c for c in art.kids(i, "prep") if art.row(c).lemma in ("about", "of")]
        return (art.subtree(about[0])[1:] if about else []), False
    clause = bool(ids)
    if not ids and lemma not in CLAUSE_VERBS:
        firsts = [c for c in kids if c > i and art.row(c).dep in CONTENT_DEPS]
        ids = _right_content(art, i, min(firsts)) if firsts else []
        if ids and art.row(ids[0]).dep == "prep" and art.row(ids[0]).head == i:
            ids = ids[1:]  # "asked for copies": what was asked for
    if not ids:
        that = [j for j in art.subtree(i) if j > i and art.row(j).dep == "mark"
                and art.row(j).text.lower() == "that"]  # fmt: skip
        ids = art.subtree(int(art.row(that[0]).head)) if that else []
        clause = bool(ids)
    if not ids and art.row(i).dep == "parataxis":  # "Those who vote, he said, must register"
        head = int(art.row(i).head)
        ids, clause = art.subtree(head, skip=[i]), True
    if not ids:
        colon = next((c for c in kids if c > i and art.row(c).text == ":"), None)
        if colon is not None:
            ids = [j for j in art.by_sentence[art.row(i).sentence] if j > colon]
    if ids and art.row(ids[0]).text.lower() == "that":
        ids = ids[1:]
    return ids, clause


#: Subjects that report nothing ("it seems", "there is"), whatever the cue.
NOT_SPEAKERS = frozenset(["there", "this", "what"])
#: Fine-grained tags of a verb that reports on its own: finite ("tells", "said") or a participle
#: in "-ing" ("..., claiming that"); a bare or modal verb ("would respond and defend") is part of
#: what is reported.
REPORTING_TAGS = frozenset(["VBD", "VBZ", "VBP", "VBG"])


def _before_inner_cue(art: _Article, ids: list[int], verb: int) -> list[int]:
    """What a cue reports, up to a cue of its own inside it: a finite or "-ing" speech or thought
    verb with a subject of its own, coordinated with the reported clause or modifying it ('said A
    while Sanders suggests B', 'said A, and when asked, he said "B"'), is another attribution,
    not part of this one; a negated one ('said A but did not suggest B') is no part of what was
    said. One without a subject ('declared that A and urged B', 'said A, contending that B')
    goes on the same statement, as the sample gold reads it (PolNeAR splits those; the two
    disagree). Unchanged when the cut would leave less than two words."""
    for j in ids:
        row = art.row(j)
        lemma = cue_lemma(row.lemma, row.text.lower())
        own = row.tag in REPORTING_TAGS and art.kids(j, *SUBJECT_DEPS)
        if (
            j == verb
            or lemma not in SPEECH_VERBS | THOUGHT_VERBS
            or row.dep not in ("conj", "advcl")
            or not (own or art.kids(j, "neg"))
            or art.quoted(int(row.start), int(row.end))
        ):
            continue
        cut = min(art.subtree(j))
        kept = [k for k in ids if k < cut]
        while kept and (art.row(kept[-1]).is_punct or art.row(kept[-1]).dep in ("cc", "mark")):
            kept.pop()
        return kept if len(kept) >= 2 else ids
    return ids


def _reported(art: _Article, i: int, found: list[Candidate]) -> Candidate | None:
    """A statement or thought cue with what it reports and a subject that can speak (any subject
    for a reported clause; a name, pronoun or speaker noun for an object or infinitive)."""
    row = art.row(i)
    lemma = cue_lemma(row.lemma, row.text.lower())
    if _not_reported(art, i, lemma):
        return None
    comp = art.kids(i, "ccomp")
    if lemma not in ("ask", "question") and any(
        art.row(art.subtree(c)[0]).text.lower() in ("whether", "if") for c in comp
    ):
        return None  # "to say whether ...": a question, not a statement
    ids, clause = _complement(art, i, lemma)
    if not ids:
        return None
    subj = _subject(art, i)
    if subj is None or art.row(subj).dep == "nsubjpass" and art.row(subj).head == i:
        return None  # "the attacks were called aggression": the subject is not the source
    if art.row(subj).text.lower() in ("that", "which", "who") and row.dep == "relcl":
        subj = int(row.head)  # "the report, which said ...": the report
    low = art.row(subj).text.lower()
    if low in ("that", "which", "who") or low in NOT_SPEAKERS and lemma not in THOUGHT_VERBS:
        return None
    if not clause and not _can_report(art, subj, lemma):
        return None
    if lemma in DOCUMENT_ONLY and not {art.row(subj).lemma.lower(), low} & DOCUMENT_NOUNS:
        return None  # "the report found", "a poll shows"; not "police found a car"
    if (
        row.dep == "advcl"
        and found
        and art.row(row.head).lemma not in SPEECH_VERBS
        and not art.kids(i, *SUBJECT_DEPS)
    ):
        subj = found[-1].speaker_tok  # "According to X, A did B, adding that ..."
    kind = "thought" if lemma in THOUGHT_VERBS else ""
    cue = _cue_of(art, i)
    ids = _attached_ids(art, ids, cue, subj, i) or _before_inner_cue(art, ids, i)
    return Candidate(i, subj, ids, cue, kind)


def _attached_ids(
    art: _Article, ids: list[int], cue: tuple[int, int], subj: int, verb: int
) -> list[int]:
    """The tokens of the quotation a cue reports by its punctuation
    (:func:`_attached_quotation`), or none."""
    _, ss, se = _mention(art, subj, verb)
    span = _attached_quotation(art.text, art.regions, art.span(ids), cue, (ss, se))
    if span is None:
        return []
    lo, hi = bisect_left(art.starts, span[0]), bisect_left(art.starts, span[1])
    return [r.token for r in art.rows[lo:hi]]


def _find(art: _Article, sent_ids: list[int]) -> list[Candidate]:
    """Attribution candidates of one sentence (token ids of the sentence)."""
    found: list[Candidate] = []
    for i in sent_ids:
        row = art.row(i)
        low = row.text.lower()
        lemma = cue_lemma(row.lemma, low)
        cand = None
        if low in CUE_WORDS and row.dep in ("prep", "ROOT") or low == "per" and row.pos == "ADP":
            cand = _according_to(art, i, sent_ids)
        elif (
            low == "in"
            and row.dep == "prep"
            and any(art.row(c).lemma.lower() in POLL_NOUNS for c in art.kids(i, "pobj"))
        ):
            cand = _according_to(
                art, i, sent_ids
            )  # "In the survey, Trump leads Clinton by 8 points"
        elif row.pos == "NOUN" and row.lemma.lower() in NOUN_CUES:
            cand = _noun_cue(art, i)
        elif row.pos in ("VERB", "AUX") and lemma in CUE_LEMMAS:
            if art.quoted(int(row.start), int(row.end)):
                continue
            marks = [c for c in art.kids(i, "mark") if art.row(c).text.lower() == "as"]
            if marks and lemma in SPEECH_VERBS and lemma not in CALL_VERBS:
                cand = _as_cue(art, i, sent_ids)
            cand = cand or _reported(art, i, found)
        if cand is not None:
            found.append(cand)
    if not found:
        cand = _colon_statement(art, sent_ids)
        found += [cand] if cand else []
    # one content, one cue: the cue nearest to it ("hinted, stating that ..." is "stating")
    best: dict[tuple[int, int], Candidate] = {}
    for c in found:
        key = art.span(c.content_ids)
        if key not in best or abs(c.verb - c.content_ids[0]) < abs(
            best[key].verb - best[key].content_ids[0]
        ):
            best[key] = c
    found = [c for c in found if best[art.span(c.content_ids)] is c]
    # a cue inside another candidate's content belongs to that content ("said A and claimed B")
    spans = [(c, art.span(c.content_ids)) for c in found if c.content_ids]
    return [
        c
        for c, _ in spans
        if not any(o is not c and s <= art.row(c.verb).start < e for o, (s, e) in spans)
    ]


def _kind(art: _Article, start: int, end: int) -> str:
    inside = [(s, e) for s, e in art.regions if s >= start - 1 and e <= end + 1]
    if not inside:
        return "indirect"
    covered = sum(e - s for s, e in inside)
    return "direct" if covered >= 0.9 * (end - start) else "mixed"


def _persons(art: _Article) -> list[tuple[int, int]]:
    """Spans of the person names the entity recognizer found outside quotations, in order; a
    middle initial between two parts ("Paul D. Ryan") keeps them one name."""
    spans: list[tuple[int, int]] = []
    for r in art.rows:
        if r.ent_type != "PERSON" or art.quoted(int(r.start), int(r.end)):
            continue
        if r.text.isupper() and len(r.text) > 1 and not r.text.endswith("."):
            continue  # "ET", "AP": the recognizer's usual misreadings of acronyms
        gap = art.text[spans[-1][1] : r.start] if spans else "x"
        if re.fullmatch(r"\s*(?:-|[A-Z]\.\s*)?", gap):
            spans[-1] = (spans[-1][0], int(r.end))
        else:
            spans.append((int(r.start), int(r.end)))
    return spans


def _article_named(text: str, persons: list[tuple[int, int]], lex: Lexicon) -> list[Mention]:
    """Named speaker candidates of an article: lexicon names and the recognized person names
    (with the words around each, for descriptions that refer back to it)."""
    named = lexicon_mentions(text, lex)
    for start, end in persons:
        canon, typ, aff = person_of(text[start:end], start, named, lex)
        around = text[max(start - 60, 0) : end + 60]
        named = sorted([*named, Mention(start, canon, typ, aff, text[start:end], context=around)])
    return named


def _people_in(text: str, persons: list[tuple[int, int]], start: int, end: int) -> list[str]:
    """The person names the entity recognizer found inside a speaker mention (not a possessor:
    "Ms. Merkel's spokesman"), else the one in apposition right after it ("The Shadow Secretary
    of State for the Family, Theresa May, said")."""
    inside = [
        text[s:e]
        for s, e in persons
        if start <= s and e <= end and not re.match(r"['’]s\b", text[e : e + 2])
    ]  # "Ms. Merkel's spokesman" is not Merkel
    after = [text[s:e] for s, e in persons if s >= end and re.fullmatch(r"\s*,\s*", text[end:s])]
    return inside or after[:1]


def _sentence_subject(
    art: _Article, persons: list[tuple[int, int]], sentence: int, before: int
) -> str | None:
    """The person named as the subject of the sentence's main verb, or of a clause of it outside
    quotation marks, before offset ``before`` (a pronoun speaker later in the sentence: 'Gray
    ticked through the code: "A," he said' is Gray; in '"Trump lies," he said' the quoted
    clause's subject is no one's name for "he"), or None."""
    root = next((i for i in art.by_sentence.get(sentence, []) if art.row(i).dep == "ROOT"), None)
    if root is None:
        return None
    clauses = [root] + [c for c in art.kids(root, "ccomp", "parataxis") if c < root
                        and not art.quoted(int(art.row(c).start), int(art.row(c).end))]  # fmt: skip
    for verb in clauses:
        for subj in art.kids(verb, "nsubj"):
            if art.row(subj).pos == "PRON":
                continue
            s, e = art.span(art.subtree(subj))
            name = next(
                (art.text[a:b] for a, b in persons if s <= a and b <= e and b <= before), None
            )
            if name:
                return name
    return None


def _mention_type(art: _Article, start: int, end: int) -> str:
    """The type of a speaker mention neither the lexicon nor a name resolves: organization when
    it contains an organization, place or nationality entity, else unknown."""
    first = bisect_left(art.starts, start)
    ents = {r.ent_type for r in art.rows[first : bisect_left(art.starts, end)] if r.end <= end}
    return "organization" if ents & {"ORG", "GPE", "NORP", "FAC"} else "unknown"


def _clean(text: str, pieces: list[tuple[int, int]], start: int, end: int) -> str:
    """The article text between two offsets without what cleaning removed in between (a photo credit
    or byline at a page break), the kept pieces joined by a space; pieces apart by whitespace only
    (a paragraph break) keep it, so such a content is the text its offsets slice."""
    kept = [(max(a, start), min(b, end)) for a, b in pieces if a < end and b > start]
    out = text[kept[0][0] : kept[0][1]] if kept else ""
    for (_, b), (a, e) in zip(kept, kept[1:], strict=False):
        gap = text[b:a]
        out = out + gap + text[a:e] if not gap.strip() else out.rstrip() + " " + text[a:e].lstrip()
    return out.strip() or text[start:end]


def _cue_near(art: _Article, ids: list[int], qs: int, qe: int) -> Candidate | None:
    """A speech verb outside the quote, in the sentence, with a subject: '"...," said X.'; the
    cue nearest the quotation ('When the guard spoke again, she answered, "Denver."': answered).
    """
    near = sorted(
        ids, key=lambda i: min(abs(int(art.row(i).start) - qe), abs(qs - int(art.row(i).end)))
    )
    for i in near:
        row = art.row(i)
        if cue_lemma(row.lemma, row.text.lower()) not in SPEECH_VERBS or row.pos not in (
            "VERB",
            "AUX",
        ):
            continue
        if qs <= row.start < qe:
            continue
        subj = _subject(art, i)
        if subj is None or art.quoted(int(art.row(subj).start), int(art.row(subj).end)):
            continue
        return Candidate(i, subj, [], _cue_of(art, i))
    return None


def _quote_kind(text: str, sent_start: int, qs: int) -> str:
    """``mixed`` for a quotation woven into the writer's sentence ('it will be "as big as it needs
    to be"'), ``direct`` when it opens the sentence (also one the parser ran into the sentence
    before it: a finished sentence precedes it) or follows a cue and a comma or colon."""
    before = text[sent_start : max(qs - 1, sent_start)].rstrip(" “\"‘'")
    return "direct" if not before.strip() or before.rstrip()[-1:] in ",:—–.!?" else "mixed"


def _sentence_attributions(
    art: _Article, sents: pd.DataFrame, regions: list[tuple[int, int]]
) -> list[Found]:
    """Attributions the cue patterns find, sentence by sentence; a clause inside a longer verbatim
    quote takes the whole quote."""
    text, found = art.text, []
    for sent in sents.itertuples(index=False):
        for cand in _find(art, art.by_sentence.get(sent.sentence, [])):
            cs, ce = art.span(cand.content_ids)
            _, ss, se = _mention(art, cand.speaker_tok, cand.verb)
            ss, se = cand.speaker_span or (ss, se)
            inside = ss >= cs and se <= ce and not cs <= cand.cue[0] < ce  # unless parenthetical
            if len(text[cs:ce].split()) < 2 or inside:
                continue
            long = next(
                ((s, e) for s, e in regions
                 if s <= cs < e and _is_long_quote(text[s:e]) and e - s >= ce - cs),
                None,
            )  # fmt: skip
            if long:
                cs, ce = long
            found.append(
                Found(sent.sentence, sent.paragraph, (cs, ce), cand.kind, (ss, se), cand.cue)
            )
    return found


#: What may stand between a quotation and the speaker and cue that follow it: its closing marks
#: and punctuation ('"A," she said'); between a cue and the quotation after it: a comma or a
#: colon and the opening marks ('she said, "A"'), also after a short phrase of the cue ('said of
#: the episode, "A"', 'said Tuesday, "A"').
_CLOSING_GAP = re.compile(r"[\s”\"’',.!?—–-]*")
_OPENING_GAP = re.compile(
    r"(?:\s+(?:of|in|on|at|to|about|during|after|before|with|from)\b(?:\s+[\w’'.-]+){1,5}"
    r"|\s+(?:[A-Z]\w+day|later|earlier|afterward|again|then))?\s*[,:]\s*[“\"‘']*"
)
#: Between a cue and a quotation that closes with its own punctuation ('cautioned "let's wait,"
#: before ...'), the opening marks alone are enough.
_BARE_OPENING_GAP = re.compile(r"\s*[“\"‘']+")


def _attached_quotation(
    text: str,
    regions: list[tuple[int, int]],
    content: tuple[int, int],
    cue: tuple[int, int],
    speaker: tuple[int, int],
) -> tuple[int, int] | None:
    """The quotation a cue reports by its punctuation, when the parse gave the cue a content
    reaching past it ('"A," he said in Iowa of the voters ...', a sentence before the quotation
    run into it, 'she said, "A," when asked ...'): the quotation opens a sentence and closes, and
    then only the speaker and the cue follow (a quotation woven into the writer's clause before
    it stays part of that clause: 'he "made a mistake," she said'), or the cue, a comma or colon
    and the quotation open (or the marks alone,
    before a quotation closing with its own punctuation). None when no such
    quotation of :data:`MIN_QUOTE_WORDS` words or more overlaps the content."""
    cs, ce = content
    first, last = min(cue[0], speaker[0]), max(cue[1], speaker[1])
    for s, e in regions:
        if not (s < ce and e > cs) or (s <= cs and ce <= e + 1) or not _is_long_quote(text[s:e]):
            continue
        before = text[cs:s].rstrip(" “\"‘'\n")
        if (
            e <= first
            and _CLOSING_GAP.fullmatch(text[e:first])
            and before[-1:] in ("", ".", "!", "?", "”", '"', ":")
        ):
            return s, e  # the quotation opens the content or a sentence of it: its own words
        gap = text[last:s]
        if s >= last and (
            _OPENING_GAP.fullmatch(gap)
            or _BARE_OPENING_GAP.fullmatch(gap)
            and re.search(r"\w[,.!?]$", text[s:e].rstrip())
        ):
            return s, e
    return None


def _reaching(text: str, f: Found, quote_start: int) -> Found:
    """``f`` with its content starting right after its cue (and "that"): a quotation between a cue
    and the clause the parse gave it ('explained that to avoid "A," the B must end') is the
    start of what the cue reports, not a quotation of its own."""
    lead = re.match(r"[\s,:]*(?:that\b\s*)?", text[f.cue[1] : quote_start])
    return f._replace(content=(f.cue[1] + lead.end(), f.content[1]))


def _quotations(
    art: _Article, sents: pd.DataFrame, regions: list[tuple[int, int]], found: list[Found]
) -> list[Found]:
    """Quotations no cue pattern covered: attributed by a speech verb near them, else continuing
    the speaker of the attribution before them."""
    text, out = art.text, list(found)
    for sent in sents.itertuples(index=False):
        for s, e in regions:
            if not (sent.start <= s < sent.end):
                continue
            short = not _is_long_quote(text[s:e])
            if short and not _is_utterance(text, int(sent.start), s, e):
                continue
            out = [_reaching(text, f, s) if f.sentence == sent.sentence and f.cue[1] <= s
                   and e <= f.content[0] else f for f in out]  # fmt: skip
            if any(f.content[0] - 2 <= s and e <= f.content[1] + 2
                   or s <= f.content[0] and f.content[1] <= e for f in out):  # fmt: skip
                continue
            # the sentences the quote touches, up to the mark closing it
            lo, hi = max(bisect_left(art.starts, s) - 1, 0), bisect_left(art.starts, e + 3)
            touched = sorted({r.sentence for r in art.rows[lo:hi] if r.end > s})
            sent_ids = [i for k in touched for i in art.by_sentence[k]]
            kind = _quote_kind(text, int(sent.start), s)
            cand = _cue_near(art, sent_ids, s, e)
            owner = next((f for f in out if cand is not None and f.cue == cand.cue), None)
            if owner is not None:  # '"A," he said, "B."': B continues the attribution of A
                out.append(
                    Found(sent.sentence, sent.paragraph, (s, e), kind, owner.speaker, (-1, -1))
                )
            elif cand is not None:
                _, ss, se = _mention(art, cand.speaker_tok, cand.verb)
                out.append(Found(sent.sentence, sent.paragraph, (s, e), kind, (ss, se), cand.cue))
            elif not short:  # no cue: the quote continues the speaker of the attribution before it
                prev = max(
                    (f for f in out if f.content[0] < s), key=lambda f: f.content[0], default=None
                )
                if prev is not None:
                    out.append(
                        Found(sent.sentence, sent.paragraph, (s, e), kind, prev.speaker, (-1, -1))
                    )
    return sorted(out, key=lambda f: f.content[0])


def _runs_on(text: str, end: int, start: int) -> bool:
    """Whether a quotation ending at ``end`` runs on into the one starting at ``start`` in the
    next paragraph: between them only a paragraph break and the one opening mark of the new
    paragraph (the convention for a quote that goes on: its paragraph is left without a closing
    mark). Any word between them (a cue, narration) or a closing mark makes them two quotations."""
    gap = text[end:start]
    marks = [ch for ch in gap if ch in quotemarks.MARKS]
    return "\n" in gap and len(marks) == 1 and not re.search(r"\w", gap)


def _join_continuations(art: _Article, found: list[Found]) -> list[Found]:
    """One attribution for a quotation that runs on into the next paragraph (its paragraph left
    open, the next one opening with a quotation mark and no cue): the two are one quote of the
    same speaker. Quotations with anything written between them ('"A," she said. "B."') stay
    separate attributions, the second continuing the speaker of the first."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and f.cue == (-1, -1)
            and f.speaker == prev.speaker
            and f.kind in ("", "direct")
            and _kind(art, *prev.content) == "direct"
            and _runs_on(art.text, prev.content[1], f.content[0])
        ):
            out[-1] = prev._replace(content=(prev.content[0], f.content[1]), kind="direct")
            continue
        out.append(f)
    return out


def attribute(corpus: Corpus, *, speakers: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per attribution (who is reported as saying or thinking what) in every parsed
    article, with each article's ``file``, ``outlet_label`` and ``published`` joined after
    ``article_id`` (:data:`COLUMNS`).

    Args:
        corpus: an :class:`analysis.corpus.Corpus` with ``sentences`` and ``tokens`` (parse done).
        speakers: the speaker lexicon from :func:`load_speakers` (default: the project lexicon).

    Returns:
        Columns ``article_id, file, outlet_label, published, sentence, kind (direct|mixed|indirect|
        thought), speaker, speaker_canonical, speaker_type, affiliation, cue, content,
        content_start, content_end, speaker_start, speaker_end, cue_start, cue_end``; offsets
        index ``texts.text``. A quote continuing the previous speaker has no cue or speaker offsets
        (-1); a quotation that runs on into the next paragraph (left open, the next paragraph
        opening with a quotation mark) is one row spanning both; quotations with words between
        them are separate rows.

    Example:
        >>> attribute(ingest.build(["data/raw"]))[["speaker_canonical", "content"]]  # doctest: +SKIP
    """
    return with_articles(attribution_rows(corpus, speakers=speakers), corpus.articles)


def attribution_rows(corpus: Corpus, *, speakers: pd.DataFrame | None = None) -> pd.DataFrame:
    """The attributions as the pipeline stores them: keyed by ``article_id``, without the
    article metadata (the columns of ``schema.columns("quotes")``)."""
    lex = Lexicon(load_speakers() if speakers is None else speakers)
    texts = corpus.texts.set_index("article_id").text
    parsed = corpus.paragraphs[corpus.paragraphs.kind.isin(PARSED_KINDS)]
    paras = dict(tuple(parsed.groupby("article_id", sort=False)))
    sentences = dict(tuple(corpus.sentences.groupby("article_id", sort=False)))
    rows = []
    for aid, toks in corpus.tokens.groupby("article_id", sort=False):
        text = texts[aid]
        regions = [r for r in _paragraph_regions(paras[aid], text) if r[1] > r[0]]
        pieces = sorted((int(a), int(b)) for spans in paras[aid].spans for a, b in spans)
        art = _Article(toks.sort_values("token"), text, regions)
        persons = _persons(art)
        named = _article_named(text, persons, lex)
        gender = genders(text, named, regions)
        sents = sentences[aid].sort_values("sentence")
        found = _sentence_attributions(art, sents, regions)
        found = _join_continuations(art, _quotations(art, sents, regions, found))
        resolved: dict[tuple[int, int], tuple[str, str, str]] = {}
        for f in found:
            (ss, se), (cs, ce), cue = f.speaker, f.content, f.cue
            mention = text[ss:se]
            if (ss, se) not in resolved:
                people = tuple(_people_in(text, persons, ss, se))
                subject = _sentence_subject(art, persons, f.sentence, ss)
                resolved[(ss, se)] = resolve(
                    mention, ss, named, lex, people, _mention_type(art, ss, se), gender, subject
                )
                canon, typ, aff = resolved[(ss, se)]
                if typ != "unresolved":
                    named = sorted([*named, Mention(ss, canon, typ, aff, mention, spoke=True)])
            canon, typ, aff = resolved[(ss, se)]
            ss, se = (-1, -1) if cue == (-1, -1) else (ss, se)
            cs, ce = _trimmed(text, cs, ce)
            rows.append(
                {
                    "article_id": aid,
                    "sentence": int(f.sentence),
                    "kind": f.kind or _kind(art, cs, ce),
                    "speaker": mention,
                    "speaker_canonical": canon,
                    "speaker_type": typ,
                    "affiliation": aff,
                    "cue": text[cue[0] : cue[1]] if cue[0] >= 0 else "",
                    "content": _clean(text, pieces, cs, ce),
                    "content_start": cs,
                    "content_end": ce,
                    "speaker_start": ss,
                    "speaker_end": se,
                    "cue_start": cue[0],
                    "cue_end": cue[1],
                }  # fmt: skip
            )
    return pd.DataFrame(rows, columns=schema.columns("quotes"))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved inwards past whitespace, so content never begins or ends with a
    space and its offsets slice to it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _shingles(folded: str, k: int = 4) -> set[str]:
    words = _tokens(folded)
    return {" ".join(words[i : i + k]) for i in range(max(len(words) - k + 1, 1))}


def reuse(quotes_df: pd.DataFrame, *, threshold: float = 85.0, min_chars: int = 30) -> pd.DataFrame:
    """Quotes carried by more than one article: contents grouped by fuzzy match.

    Two attributions in different articles join a group when their normalized contents (case,
    curly apostrophes and "U.S." folded) score ``threshold`` or more on rapidfuzz's
    ``token_set_ratio`` and both are longer than ``min_chars``. Only pairs that share a run of four
    words are compared, so the cost grows with the number of candidate pairs, not with the square
    of the table (a quote paraphrased with no four words in common is not found).

    Returns one row per group: ``group, content, n_articles, outlets, speakers, same_speaker,
    article_ids`` (``same_speaker``: every outlet attributed it to the same canonical speaker).

    Example:
        >>> reuse(corpus.table("quotes"))  # doctest: +SKIP
    """
    q = quotes_df.reset_index(drop=True)
    norm_text = q.content.map(norm).tolist()
    aid = q.article_id.tolist()
    index: dict[str, list[int]] = {}
    group = list(range(len(q)))
    for i, text in enumerate(norm_text):
        if len(text) <= min_chars:
            continue
        seen: set[int] = set()
        for sh in _shingles(text):
            for j in index.get(sh, []):
                if j in seen or aid[j] == aid[i]:
                    continue
                seen.add(j)
                if group[i] == i and fuzz.token_set_ratio(text, norm_text[j]) >= threshold:
                    group[i] = group[j]
            index.setdefault(sh, []).append(i)
    q = q.assign(group=group)
    columns = [
        "group",
        "content",
        "n_articles",
        "outlets",
        "speakers",
        "same_speaker",
        "article_ids",
    ]
    out = []
    for g, d in q.groupby("group"):
        if d.article_id.nunique() < 2:
            continue
        out.append(
            {
                "group": g,
                "content": d.content.iloc[0],
                "n_articles": d.article_id.nunique(),
                "outlets": sorted(d.outlet_label.astype(str).unique()),
                "speakers": sorted(d.speaker_canonical.unique()),
                "same_speaker": d.speaker_canonical.nunique() == 1,
                "article_ids": sorted(d.article_id.unique()),
            }
        )
    return pd.DataFrame(out, columns=columns).sort_values(
        ["n_articles", "group"], ascending=[False, True], ignore_index=True
    )


def share_of_voice(quotes_df: pd.DataFrame, *, by: str = "affiliation") -> pd.DataFrame:
    """Attributions and quoted words per outlet and ``by`` column (e.g. affiliation, speaker_canonical).

    Example:
        >>> share_of_voice(q, by="affiliation")  # doctest: +SKIP
    """
    q = quotes_df.assign(
        words=quotes_df.content.str.split().str.len(), **{by: quotes_df[by].replace("", "unknown")}
    )
    out = (
        q.groupby(["outlet_label", by])
        .agg(attributions=("content", "size"), words=("words", "sum"))
        .reset_index()
    )
    tot = out.groupby("outlet_label")[["attributions", "words"]].transform("sum")
    return out.assign(
        share_attributions=out.attributions / tot.attributions, share_words=out.words / tot.words
    )


def speakers_by_outlet(quotes_df: pd.DataFrame, *, top: int = 15) -> pd.DataFrame:
    """How often each outlet gives each speaker a voice, for the ``top`` speakers overall.

    Returns ``outlet_label, speaker_canonical, affiliation, count, share`` (share: of the outlet's
    attributions), the speakers ordered by total attributions; an empty affiliation reads "unknown".

    Example:
        >>> speakers_by_outlet(corpus.table("quotes"), top=10)  # doctest: +SKIP
    """
    q = quotes_df.assign(affiliation=quotes_df.affiliation.replace("", "unknown"))
    totals = q.groupby("outlet_label").size()
    keep = q.speaker_canonical.value_counts().index[:top]
    out = (
        q[q.speaker_canonical.isin(keep)]
        .groupby(["outlet_label", "affiliation", "speaker_canonical"])
        .size()
        .rename("count")
        .reset_index()
    )
    return out.assign(share=out["count"] / out.outlet_label.map(totals))[
        ["outlet_label", "speaker_canonical", "affiliation", "count", "share"]
    ]


def merge_speakers(quotes_df: pd.DataFrame) -> pd.DataFrame:
    """A copy with person speakers merged across articles: "Obama" becomes "Barack Obama" when that
    full name dominates the surname in the table (:func:`analysis.entities.merge_names`); lexicon
    names keep their canonical form.

    Example:
        >>> merge_speakers(corpus.table("quotes"))  # doctest: +SKIP
    """
    out = quotes_df.copy()
    people = out["speaker_type"] == "person"
    names = out.loc[people, "speaker_canonical"]
    out.loc[people, "speaker_canonical"] = names.map(entities.merge_names(names)).fillna(names)
    return out


def with_kinds(quotes_df: pd.DataFrame, *, thoughts: bool = True) -> pd.DataFrame:
    """The attributions to analyse: every kind, or statements only (``thoughts=False`` leaves out
    the reported thoughts and intentions, kind ``thought``).

    Example:
        >>> with_kinds(corpus.table("quotes"), thoughts=False)  # doctest: +SKIP
    """
    return quotes_df if thoughts else quotes_df[quotes_df["kind"] != "thought"]


def describe(quotes_df: pd.DataFrame) -> list[str]:
    """One sentence per outlet: attributions, the most quoted speaker, the share that is verbatim
    and the affiliation with the largest share of attributions.

    Example:
        >>> describe(corpus.table("quotes"))[0]  # doctest: +SKIP
        'Al Mayadeen English: 31 attributions in 2 article(s); most quoted: ...'
    """
    lines = []
    for outlet, d in quotes_df.groupby("outlet_label", sort=True):
        top = d.speaker_canonical.value_counts()
        aff = d.affiliation.replace("", "unknown").value_counts(normalize=True)
        lines.append(
            f"{outlet}: {len(d)} attributions in {d.article_id.nunique()} article(s); most quoted: "
            f"{top.index[0]} ({top.iloc[0]}); {(d.kind == 'direct').mean():.0%} verbatim; "
            f"largest affiliation: {aff.index[0]} ({aff.iloc[0]:.0%} of attributions)."
        )
    return lines


def stage(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The pipeline stage: the ``quotes`` table keyed by ``article_id``; the article metadata is
    joined when the table is read (:func:`analysis.corpus.with_articles`)."""
    return {"quotes": attribution_rows(corpus)}
