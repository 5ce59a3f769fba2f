"""Quote attribution: who is quoted, saying what, in each article.

Works on the parsed corpus (dependency parse in ``tokens``; nothing is re-parsed here). Three
patterns are found: quotation-mark quotes attributed by a speech cue in the same sentence or
continuing the previous speaker; reported speech (a speech verb with a clausal complement, or
"according to / as per / per X"); and participial cues ("stating that"). Speakers are resolved to a
canonical name through the story's ``speakers.csv`` (:func:`analysis.config.list_path`) and, for pronouns and role nouns, to the
nearest preceding compatible named speaker of the same article.

Example:
    >>> from analysis import corpus, quotes
    >>> q = quotes.attribute(corpus.load())          # doctest: +SKIP
    >>> q[["speaker_canonical", "kind", "content"]]   # doctest: +SKIP
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import namedtuple
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from analysis import entities, quotemarks
from analysis.config import list_path
from analysis.triggers import CALL_VERBS, CUE_LEMMAS, CUE_WORDS, SPEECH_VERBS

COLUMNS = [
    "file", "outlet_label", "published", "article_id", "sentence", "kind", "speaker", "speaker_canonical",
    "speaker_type", "affiliation", "cue", "content", "content_start", "content_end",
    "speaker_start", "speaker_end", "cue_start", "cue_end",
]  # fmt: skip

OBJECT_VERBS = frozenset(
    [
        "emphasize",
        "emphasise",
        "stress",
        "affirm",
        "reaffirm",
        "urge",
        "reiterate",
        "underline",
        "underscore",
        "highlight",
    ]
)  # "emphasized the importance of ...": the object is the reported content
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PRONOUNS = {
    "he": "person", "she": "person", "i": "person", "they": "group", "it": "organization",
    "we": "group",
}  # fmt: skip
ROLE_NOUNS = {
    "minister": "person", "president": "person", "official": "person", "spokesman": "person",
    "spokeswoman": "person", "spokesperson": "person", "secretary": "person",
    "ministry": "organization", "office": "organization", "government": "organization",
    "statement": "document", "report": "document", "leaders": "document",
}  # fmt: skip
ANONYMOUS = re.compile(r"anonymity|\bunnamed\b|\bsources?\b|^an? .*official|^officials$", re.I)
MIN_QUOTE_WORDS = 4
NOT_SAYING = frozenset(["refuse", "decline", "fail"])
TITLES = r"^(Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Prof)\.?\s+"


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


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("U.S.", "US")).strip().lower()


_COMPILED: list[tuple[pd.DataFrame, dict]] = []  # (lexicon table, its patterns), last 4 used


def _compiled(speakers: pd.DataFrame) -> dict:
    """The lexicon's aliases as compiled patterns (longest first) and a memo of lookups, built once
    per lexicon table."""
    for table, lex in _COMPILED:
        if table is speakers:
            return lex
    recs = list(speakers.itertuples(index=False))
    lex = {
        "lookup": [
            (re.compile(rf"(?<![\w-]){re.escape(_norm(r.alias))}(?![\w-])"), r[1:4]) for r in recs
        ],
        "mentions": [
            (re.compile(rf"(?<![\w-]){re.escape(r.alias)}(?![\w-])", re.I), r)
            for r in recs
            if not r.alias.lower().startswith("the ") and r.type in ("person", "organization")
        ],
        "memo": {},
    }
    _COMPILED[:] = [*_COMPILED[-3:], (speakers, lex)]
    return lex


def _lookup(mention: str, speakers: pd.DataFrame) -> tuple[str, str, str] | None:
    """Canonical name, type and affiliation of the longest lexicon alias in ``mention``, or None."""
    lex = _compiled(speakers)
    if mention not in lex["memo"]:
        text = f" {_norm(mention)} "
        lex["memo"][mention] = next((hit for pat, hit in lex["lookup"] if pat.search(text)), None)
    return lex["memo"][mention]


@lru_cache(maxsize=8)
def _row_type(columns: tuple[str, ...]) -> type:
    return namedtuple("Token", columns)


class _Article:
    """Token-level view of one article with helpers over the dependency parse."""

    def __init__(self, toks: pd.DataFrame, text: str, regions: list[tuple[int, int]]) -> None:
        self.text = text
        self.regions = regions
        # rows as named tuples (attribute access, far cheaper than iloc), built from plain lists
        cols = tuple(toks.columns)
        values = (toks[c].tolist() for c in cols)
        self.rows = list(map(_row_type(cols)._make, zip(*values, strict=True)))
        self.base = self.rows[0].token
        self.starts = [r.start for r in self.rows]
        self.by_sentence: dict[int, list[int]] = {}
        self.children: dict[int, list[int]] = {}
        for r in self.rows:
            self.by_sentence.setdefault(r.sentence, []).append(r.token)
            if r.token != r.head:
                self.children.setdefault(r.head, []).append(r.token)

    def row(self, i: int):  # noqa: ANN202 - a row of the tokens table as a named tuple
        return self.rows[i - self.base]

    def subtree(self, i: int, skip: Iterable[int] = ()) -> list[int]:
        out, stack, skip = [], [i], set(skip)
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(c for c in self.children.get(j, []) if c not in skip)
        return sorted(out)

    def span(self, ids: list[int]) -> tuple[int, int]:
        ids = [i for i in ids if not self.row(i).is_punct] or ids
        return int(self.row(min(ids)).start), int(self.row(max(ids)).end)

    def quoted(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e + 1 for s, e in self.regions)


def _to_raw(starts: list[tuple[int, int]], k: int) -> int:
    """Map an offset in a joined paragraph text to the raw file (starts: paragraph/raw piece starts)."""
    base_p, base_r = max((p, r) for p, r in starts if p <= k)
    return base_r + k - base_p


def _paragraph_regions(paragraphs: pd.DataFrame, text: str) -> list[tuple[int, int]]:
    """Quote regions (raw offsets) of every paragraph, quoted separately per paragraph."""
    regions = []
    for spans in paragraphs.spans:
        pieces = [(int(s), int(e)) for s, e in spans]
        ptext, starts, pos = "", [], 0
        for s, e in pieces:
            starts.append((pos, s))
            ptext += text[s:e] + " "
            pos += e - s + 1

        for r in quotemarks.quote_regions(ptext):
            regions.append((_to_raw(starts, r.start), _to_raw(starts, max(r.end - 1, r.start)) + 1))
    return regions


def _mention(art: _Article, head: int, verb: int | None = None) -> tuple[str, int, int]:
    skip = [c for c in art.children.get(head, []) if art.row(c).dep == "appos"]
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


def _is_long_quote(text: str) -> bool:
    return len(text.split()) >= MIN_QUOTE_WORDS


def _cue_of(art: _Article, verb: int) -> tuple[int, int]:
    kids = art.children.get(verb, [])
    ids = [verb] + [c for c in kids if art.row(c).dep in ("aux", "prt") and c < verb]
    ids += [
        c for c in kids if art.row(c).dep == "prep" and art.row(c).lemma == "for" and c == verb + 1
    ]
    return art.span(ids)


def _subject(art: _Article, verb: int, seen: int = 0) -> int | None:
    for c in art.children.get(verb, []):
        if art.row(c).dep in SUBJECT_DEPS:
            return c
    row = art.row(verb)
    if row.dep in ("advcl", "xcomp", "conj") and int(row.head) != verb and seen < 3:
        return _subject(art, int(row.head), seen + 1)  # "..., stating that": the head's subject
    return None


SPEAKER_NOUNS = frozenset(
    [
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "ministry",
        "statement",
        "leader",
        "leaders",
        "government",
        "president",
        "committee",
        "office",
        "source",
        "sources",
        "analyst",
        "expert",
        "report",
        "military",
    ]
)


def _speakerlike(art: _Article, tok: int) -> bool:
    """Whether a subject can be a speaker (a name, pronoun or speaker noun), not "this incident"."""
    row = art.row(tok)
    return row.pos in ("PROPN", "PRON") or bool(row.ent_type) or row.lemma.lower() in SPEAKER_NOUNS


def _right_content(art: _Article, verb: int, first: int) -> list[int]:
    """Tokens of the verb's right-hand dependents from ``first`` on, minus participial cues."""
    ids: set[int] = set()
    for c in art.children.get(verb, []):
        r = art.row(c)
        if (
            c < first
            or r.dep in ("punct", "cc", "nsubj", "nsubjpass")
            or r.dep == "advcl"
            and r.lemma in SPEECH_VERBS
        ):
            continue
        ids.update(art.subtree(c))
    return sorted(ids)


def _find(art: _Article, sent_ids: list[int]) -> list[dict]:
    """Attribution candidates of one sentence (token ids of the sentence)."""
    found: list[dict] = []
    for i in sent_ids:
        row = art.row(i)
        lemma, low = row.lemma.lower(), row.text.lower()
        if low in CUE_WORDS and row.dep in ("prep", "ROOT") or low == "per" and row.pos == "ADP":
            head_ids = [i] + (
                [c for c in art.children.get(i, []) if art.row(c).dep == "prep"]
                if low == "according"
                else []
            )
            objs = [
                c for p in head_ids for c in art.children.get(p, []) if art.row(c).dep == "pobj"
            ]
            if not objs:
                continue
            phrase = set(art.subtree(i))
            if i - 1 in sent_ids and art.row(i - 1).text.lower() == "as":
                phrase.add(i - 1)
            cue_ids = [j for j in phrase if j <= i or j in head_ids]
            rest = [j for j in sent_ids if j not in phrase and not art.row(j).is_punct]
            if len(rest) >= 4:
                found.append(
                    {
                        "verb": i,
                        "speaker_tok": objs[0],
                        "content_ids": rest,
                        "cue": art.span(sorted(cue_ids)),
                    }
                )
            continue
        if row.pos not in ("VERB", "AUX") or lemma not in CUE_LEMMAS:
            continue
        if art.quoted(int(row.start), int(row.end)):
            continue
        kids = art.children.get(i, [])
        marks = [c for c in kids if art.row(c).dep == "mark" and art.row(c).text.lower() == "as"]
        if (
            marks and lemma not in CALL_VERBS
        ):  # "as X notes, ...", "as outlined in the statement, ..."
            agents = [
                c
                for p in kids
                if art.row(p).dep in ("prep", "agent")
                for c in art.children.get(p, [])
                if art.row(c).dep == "pobj"
            ]
            subj = next((c for c in kids if art.row(c).dep in SUBJECT_DEPS), None)
            spk = subj if subj is not None else (agents[0] if agents else None)
            if spk is None:
                continue
            rest = [j for j in sent_ids if j not in set(art.subtree(i)) and not art.row(j).is_punct]
            found.append(
                {"verb": i, "speaker_tok": spk, "content_ids": rest, "cue": art.span([marks[0], i])}
            )
            continue
        if any(art.row(c).dep == "neg" for c in kids) or art.row(row.head).lemma in NOT_SAYING:
            continue  # "would not say", "refused to say": nothing is attributed
        # the reported clause, after the cue or before it ("It would mean ..., Ms Hewitt told GMTV")
        comp = [c for c in kids if art.row(c).dep == "ccomp"]
        if any(art.row(art.subtree(c)[0]).text.lower() in ("whether", "if") for c in comp):
            continue  # "to say whether ...": a question, not a statement
        ids: list[int] = sorted({j for c in comp for j in art.subtree(c)})
        if lemma in CALL_VERBS:
            fors = [c for c in kids if art.row(c).dep == "prep" and art.row(c).lemma == "for"]
            ids = _right_content(art, i, fors[0] + 1) if fors else []
            ids = [j for j in ids if j not in fors]
        elif not ids and lemma in OBJECT_VERBS:
            objs = [c for c in kids if art.row(c).dep == "dobj"]
            ids = _right_content(art, i, objs[0]) if objs else []
        elif not ids:
            that = [
                j
                for j in art.subtree(i)
                if j > i and art.row(j).dep == "mark" and art.row(j).text.lower() == "that"
            ]
            ids = art.subtree(int(art.row(that[0]).head)) if that else []
        if not ids:
            continue
        subj = _subject(art, i)
        if subj is None or art.row(subj).text.lower() in ("that", "which", "who"):
            continue  # a relative clause: "the report, which said ..."
        if lemma in OBJECT_VERBS and not _speakerlike(art, subj):
            continue
        head = int(row.head)
        if row.dep == "advcl" and found and art.row(head).lemma not in SPEECH_VERBS:
            subj = found[-1]["speaker_tok"]  # "According to X, A did B, adding that ..."
        if ids and art.row(ids[0]).text.lower() == "that":
            ids = ids[1:]
        found.append({"verb": i, "speaker_tok": subj, "content_ids": ids, "cue": _cue_of(art, i)})
    # a cue inside another candidate's content belongs to that content ("said A and claimed B")
    spans = [(c, art.span(c["content_ids"])) for c in found if c["content_ids"]]
    return [
        c
        for c, _ in spans
        if not any(o is not c and s <= art.row(c["verb"]).start < e for o, (s, e) in spans)
    ]


def _kind(art: _Article, start: int, end: int) -> str:
    inside = [(s, e) for s, e in art.regions if s >= start - 1 and e <= end + 1]
    if not inside:
        return "indirect"
    covered = sum(e - s for s, e in inside)
    return "direct" if covered >= 0.9 * (end - start) else "mixed"


def _mentions(text: str, speakers: pd.DataFrame) -> list[tuple[int, str, str, str, str]]:
    """Every named speaker from the lexicon in the article text: (offset, canonical, type, affiliation, alias)."""
    out, low = [], text.replace("’", "'")
    folded = low.lower()
    for pat, rec in _compiled(speakers)["mentions"]:
        if rec.alias.lower() not in folded:  # a substring test first: most aliases are absent
            continue
        for m in pat.finditer(low):
            out.append((m.start(), rec.canonical, rec.type, rec.affiliation, rec.alias))
    return sorted(out)


def _persons(art: _Article) -> list[tuple[int, int]]:
    """Spans of the person names the entity recognizer found outside quotations, in order."""
    spans: list[tuple[int, int]] = []
    for r in art.rows:
        if r.ent_type != "PERSON" or art.quoted(int(r.start), int(r.end)):
            continue
        if r.text.isupper():  # "ET", "AP": the recognizer's usual misreadings of acronyms
            continue
        if r.ent_iob == "I" and spans and art.text[spans[-1][1] : r.start].strip() in ("", "-"):
            spans[-1] = (spans[-1][0], int(r.end))
        else:
            spans.append((int(r.start), int(r.end)))
    return spans


def _person_of(
    name: str, at: int, named: list[tuple[int, str, str, str, str]], speakers: pd.DataFrame
) -> tuple[str, str, str]:
    """A person's canonical name: the lexicon's, else the fuller name of an earlier mention with the
    same surname in the article ("Ms Hewitt" after "Patricia Hewitt"), else the name itself."""
    hit = _lookup(name, speakers)
    if hit:
        return hit
    words = _norm(re.sub(TITLES, "", name)).split()
    earlier = [m for m in reversed(named) if m[0] < at and m[2] == "person"]
    for _, canon, typ, aff, _ in earlier:
        if _norm(canon).split()[-1] == words[-1]:
            return canon, typ, aff
    for _, canon, typ, aff, _ in earlier:  # "Sir Digby" after "Digby Jones"
        if len(words) == 1 and words[0] in _norm(canon).split():
            return canon, typ, aff
    return re.sub(TITLES, "", name), "person", ""


def _article_named(
    text: str, persons: list[tuple[int, int]], speakers: pd.DataFrame
) -> list[tuple[int, str, str, str, str]]:
    """Named speaker candidates of an article: lexicon names and the recognized person names."""
    named = _mentions(text, speakers)
    for start, end in persons:
        named = sorted([*named, (start, *_person_of(text[start:end], start, named, speakers), "")])
    return named


def _people_in(text: str, persons: list[tuple[int, int]], start: int, end: int) -> list[str]:
    """The person names the entity recognizer found inside a speaker mention, else the one in
    apposition right after it ("The Shadow Secretary of State for the Family, Theresa May, said")."""
    inside = [text[s:e] for s, e in persons if start <= s and e <= end]
    after = [text[s:e] for s, e in persons if s >= end and re.fullmatch(r"\s*,\s*", text[end:s])]
    return inside or after[:1]


def _mention_type(art: _Article, start: int, end: int) -> str:
    """The type of a speaker mention neither the lexicon nor a name resolves: organization when
    it contains an organization, place or nationality entity, else unknown."""
    first = bisect_left(art.starts, start)
    ents = {r.ent_type for r in art.rows[first : bisect_left(art.starts, end)] if r.end <= end}
    return "organization" if ents & {"ORG", "GPE", "NORP", "FAC"} else "unknown"


def _resolve(
    mention: str,
    at: int,
    named: list[tuple[int, str, str, str, str]],
    speakers: pd.DataFrame,
    people: tuple[str, ...] = (),
    fallback_type: str = "unknown",
) -> tuple[str, str, str]:
    """Canonical name, type and affiliation of the speaker mention found at offset ``at``
    (``people``: the person names inside the mention, which decide over a title in it: "US
    President Donald Trump" is Donald Trump whoever the lexicon's US President is; two names
    joined by "and" speak together)."""
    if people:  # unless the whole mention names a lexicon entry that includes every one of them
        whole = _lookup(mention, speakers)
        if whole and all(_norm(p).split()[-1] in _norm(whole[0]).split() for p in people):
            return whole
        found = [_person_of(p, at, named, speakers) for p in dict.fromkeys(people)]
        if len(found) == 1:
            return found[0]
        # "US President Joe Biden and Iraqi Prime Minister Mohammed Shia al-Sudani": both speak
        affiliations = "; ".join(dict.fromkeys(a for _, _, a in found if a))
        return " and ".join(dict.fromkeys(n for n, _, _ in found)), "group", affiliations
    words = _norm(mention).split()
    first = words[0] if words else ""
    before = [m for m in named if m[0] < at]
    spoke = [m for m in before if m[4].endswith(" ")]  # previous speakers, nearest last
    if first in PRONOUNS and len(words) == 1:
        want = PRONOUNS[first]
        if want == "group":  # "they": the previous speaker, whatever its kind
            return spoke[-1][1:4] if spoke else (mention, "unresolved", "")
        # "he", "she", "it": the previous speaker of that kind, else the nearest name of that kind
        for pool in (spoke, before):
            for _, name, typ, aff, _ in reversed(pool):
                kind = "person" if typ in ("person", "anonymous") else typ
                if kind == want or want == "organization" and kind not in ("person", "group"):
                    return (name, typ, aff)
        return mention, "unresolved", ""
    hit = _lookup(mention, speakers)
    if (
        ANONYMOUS.search(mention)
        and (hit is None or hit[0].endswith("officials"))
        and not re.match(r"^\w+ officials$", mention, re.I)
    ):
        return mention, "anonymous", hit[2] if hit else ""
    role = next((w for w in reversed(words) if w in ROLE_NOUNS), None)
    if first in ("the", "this", "that") and role:
        phrase = " ".join(words[1:])
        exact = speakers[speakers.alias.map(_norm) == _norm(mention)]
        for _, name, typ, aff, alias in reversed(before):
            if phrase in _norm(alias) or phrase in _norm(name):
                return name, typ, aff
        if len(exact):
            return tuple(exact.iloc[0][["canonical", "type", "affiliation"]])
        for _, name, typ, aff, alias in reversed(before):
            if (
                role in _norm(alias)
                or role in _norm(name)
                or ROLE_NOUNS[role] == "document"
                and typ != "person"
            ):
                return name, typ, aff
        if ROLE_NOUNS[role] == "person" and not hit:  # "the minister": the person last speaking
            for pool in (spoke, before):
                for _, name, typ, aff, _ in reversed(pool):
                    if typ == "person":
                        return name, typ, aff
    if hit:
        return hit
    return mention, ROLE_NOUNS[role] if role else fallback_type, ""


def attribute(corpus, *, speakers: pd.DataFrame | None = None) -> pd.DataFrame:  # noqa: ANN001
    """One row per attribution (who is reported as saying what) in every parsed article.

    Args:
        corpus: an :class:`analysis.corpus.Corpus` with ``sentences`` and ``tokens`` (parse done).
        speakers: the speaker lexicon from :func:`load_speakers` (default: the project lexicon).

    Returns:
        Columns ``file, outlet_label, published, article_id, sentence, kind (direct|mixed|indirect), speaker,
        speaker_canonical, speaker_type, affiliation, cue, content, content_start, content_end,
        speaker_start, speaker_end, cue_start, cue_end``; offsets index ``texts.text``. A quote
        continuing the previous speaker has no cue or speaker offsets (-1).

    Example:
        >>> attribute(ingest.build(["data/raw"]))[["speaker_canonical", "content"]]  # doctest: +SKIP
    """
    lex = load_speakers() if speakers is None else speakers
    arts = corpus.articles.set_index("article_id")
    texts = corpus.texts.set_index("article_id").text
    parsed = corpus.paragraphs[
        corpus.paragraphs.kind.isin(["body", "standfirst", "subheading", "blockquote"])
    ]
    paras = dict(tuple(parsed.groupby("article_id", sort=False)))
    sentences = dict(tuple(corpus.sentences.groupby("article_id", sort=False)))
    rows = []
    for aid, toks in corpus.tokens.groupby("article_id", sort=False):
        text, meta = texts[aid], arts.loc[aid]
        regions = [r for r in _paragraph_regions(paras[aid], text) if r[1] > r[0]]
        pieces = sorted((int(a), int(b)) for spans in paras[aid].spans for a, b in spans)
        art = _Article(toks.sort_values("token"), text, regions)
        persons = _persons(art)
        named = _article_named(text, persons, lex)
        sents = sentences[aid].sort_values("sentence")
        found: list[tuple[int, int, int, str, tuple[int, int], tuple[int, int]]] = []
        for sent in sents.itertuples(index=False):
            for cand in _find(art, art.by_sentence.get(sent.sentence, [])):
                cs, ce = art.span(cand["content_ids"])
                _, ss, se = _mention(art, cand["speaker_tok"], cand["verb"])
                if len(text[cs:ce].split()) < 2 or ss >= cs and se <= ce:
                    continue
                long = next(
                    (
                        (s, e)
                        for s, e in regions
                        if s <= cs < e and _is_long_quote(text[s:e]) and e - s >= ce - cs
                    ),
                    None,
                )
                if long:  # the clause is part of a longer verbatim quote: take the whole quote
                    cs, ce = long
                found.append((sent.sentence, cs, ce, "", (ss, se), cand["cue"]))
        for sent in sents.itertuples(index=False):
            for s, e in regions:
                if not (sent.start <= s < sent.end) or not _is_long_quote(text[s:e]):
                    continue
                if any(
                    cs - 2 <= s and e <= ce + 2 or s <= cs and ce <= e for _, cs, ce, *_ in found
                ):
                    continue
                # the sentences the quote touches, up to the mark closing it
                lo, hi = max(bisect_left(art.starts, s) - 1, 0), bisect_left(art.starts, e + 3)
                touched = sorted({r.sentence for r in art.rows[lo:hi] if r.end > s})
                sent_ids = [i for k in touched for i in art.by_sentence[k]]
                cand = _cue_near(art, sent_ids, s, e)
                if cand is not None:
                    _, ss, se = _mention(art, cand["speaker_tok"], cand["verb"])
                    found.append((sent.sentence, s, e, "direct", (ss, se), cand["cue"]))
                else:  # no cue: the quote continues the speaker of the attribution before it
                    prev = max((f for f in found if f[1] < s), key=lambda f: f[1], default=None)
                    if prev is not None:
                        found.append((sent.sentence, s, e, "direct", prev[4], (-1, -1)))
        found.sort(key=lambda f: f[1])
        resolved: dict[tuple[int, int], tuple[str, str, str]] = {}
        for sno, cs, ce, kind, (ss, se), cue in found:
            mention = text[ss:se]
            if (ss, se) not in resolved:
                people = tuple(_people_in(text, persons, ss, se))
                resolved[(ss, se)] = _resolve(
                    mention, ss, named, lex, people, _mention_type(art, ss, se)
                )
                canon, typ, aff = resolved[(ss, se)]
                if typ != "unresolved":
                    named = sorted([*named, (ss, canon, typ, aff, f"{mention} ")])
            canon, typ, aff = resolved[(ss, se)]
            ss, se = (-1, -1) if cue == (-1, -1) else (ss, se)
            rows.append(
                {
                    "file": meta.file,
                    "outlet_label": meta.outlet_label,
                    "published": meta.published,
                    "article_id": aid,
                    "sentence": int(sno),
                    "kind": kind or _kind(art, cs, ce),
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
    return pd.DataFrame(rows, columns=COLUMNS)


def _clean(text: str, pieces: list[tuple[int, int]], start: int, end: int) -> str:
    """The article text between two offsets without what cleaning removed in between (a photo credit
    or byline at a page break), the kept pieces joined by a space."""
    kept = [text[max(a, start) : min(b, end)] for a, b in pieces if a < end and b > start]
    return " ".join(k.strip() for k in kept if k.strip()) or text[start:end]


def _cue_near(art: _Article, ids: list[int], qs: int, qe: int) -> dict | None:
    """A speech verb outside the quote, in the sentence, with a subject: '"...," said X.'."""
    for i in ids:
        row = art.row(i)
        if row.lemma.lower() not in SPEECH_VERBS or row.pos not in ("VERB", "AUX"):
            continue
        if qs <= row.start < qe:
            continue
        subj = _subject(art, i)
        if subj is None or art.quoted(int(art.row(subj).start), int(art.row(subj).end)):
            continue
        return {"verb": i, "speaker_tok": subj, "cue": _cue_of(art, i)}
    return None


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def token_f1(a: str, b: str) -> float:
    """Bag-of-words F1 overlap between two strings.

    Example:
        >>> round(token_f1("the US will stay", "the US will leave"), 2)
        0.75
    """
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    common = sum(min(ta.count(w), tb.count(w)) for w in set(ta))
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def score(pred: pd.DataFrame, gold: pd.DataFrame, *, threshold: float = 0.5) -> pd.DataFrame:
    """Content P/R/F1 and speaker accuracy per kind, matching one-to-one, best overlap first.

    ``pred`` has article_id, content, speaker_canonical, speaker, kind; ``gold`` has article_id,
    content, kind, optional, aliases (list of names counting as the right speaker).
    """
    pairs = []
    for aid in set(gold.article_id) | set(pred.article_id):
        p, g = (
            pred[pred.article_id == aid].reset_index(),
            gold[gold.article_id == aid].reset_index(),
        )
        cands = sorted(
            (
                (token_f1(pr.content, gr.content), i, j)
                for i, pr in p.iterrows()
                for j, gr in g.iterrows()
            ),
            reverse=True,
        )
        mp, mg = set(), set()
        for f, i, j in cands:
            if f < threshold or i in mp or j in mg:
                continue
            mp.add(i), mg.add(j)
            names = [_norm(a) for a in g.loc[j, "aliases"]]
            said = _norm(f"{p.loc[i, 'speaker_canonical']}")
            pairs.append(
                {
                    "kind": g.loc[j, "kind"],
                    "optional": g.loc[j, "optional"],
                    "speaker_ok": any(n and n in said for n in names),
                }
            )
        for j in set(g.index) - mg:
            pairs.append(
                {"kind": g.loc[j, "kind"], "optional": g.loc[j, "optional"], "missed": True}
            )
        for i in set(p.index) - mp:
            pairs.append({"kind": p.loc[i, "kind"], "optional": False, "spurious": True})
    df = pd.DataFrame(pairs).reindex(
        columns=["kind", "optional", "speaker_ok", "missed", "spurious"]
    )
    df = df[~df.optional.astype(bool)]
    out = []
    for kind, d in [("all", df), *df.groupby("kind")]:
        tp = int((d.missed.isna() & d.spurious.isna()).sum())
        fn, fp = int(d.missed.notna().sum()), int(d.spurious.notna().sum())
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        acc = d.speaker_ok.dropna().astype(bool).mean() if tp else 0.0
        out.append(
            {
                "kind": kind,
                "tp": tp,
                "fp": fp,
                "fn": fn,
                "precision": prec,
                "recall": rec,
                "f1": f1,
                "speaker_accuracy": float(acc),
            }
        )
    return pd.DataFrame(out)


def _shingles(norm: str, k: int = 4) -> set[str]:
    words = _tokens(norm)
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
    norm = q.content.map(_norm).tolist()
    aid = q.article_id.tolist()
    index: dict[str, list[int]] = {}
    group = list(range(len(q)))
    for i, text in enumerate(norm):
        if len(text) <= min_chars:
            continue
        seen: set[int] = set()
        for sh in _shingles(text):
            for j in index.get(sh, []):
                if j in seen or aid[j] == aid[i]:
                    continue
                seen.add(j)
                if group[i] == i and fuzz.token_set_ratio(text, norm[j]) >= threshold:
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


def gold_table(annotations: list[dict], articles: pd.DataFrame) -> pd.DataFrame:
    """Gold attributions (seeds.json ``articles`` records) as a frame for :func:`score`.

    Returns columns ``article_id, content, kind, optional, aliases`` (aliases: the canonical speaker
    and its surface forms), joining annotation ``file`` names to ``articles.file``.
    """
    ids = {
        f.replace("\\", "/").rsplit("/", 1)[-1]: a
        for f, a in zip(articles.file, articles.article_id, strict=True)
    }
    rows = [
        {"article_id": ids[rec["file"]], "content": at["content"], "kind": at["kind"],
         "optional": bool(at.get("optional")), "aliases": [at["speaker_canonical"], *at.get("speaker_aliases", [])]}
        for rec in annotations if rec["file"] in ids for at in rec.get("attributions", [])
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["article_id", "content", "kind", "optional", "aliases"])


def stage(corpus) -> dict[str, pd.DataFrame]:  # noqa: ANN001 - a batch Corpus
    """The pipeline stage: the ``quotes`` table without the article metadata (file, outlet_label,
    published), which is joined from ``articles`` when the table is read."""
    return {"quotes": attribute(corpus).drop(columns=["file", "outlet_label", "published"])}
