"""The words that make a sentence need a dependency parse: speech cues and numbers.

Quote attribution reads the parse around a speech cue ("said", "according to") and claim
extraction around a number ("2,500 troops", "dozens of rockets"); no other analysis reads it. The
NLP layer (:mod:`analysis.nlp`) parses only the sentences with a token :func:`is_trigger` picks, and
:mod:`analysis.quotes` and :mod:`analysis.claims` take their cue and number words from here, so
the sentences they look at are always parsed.

Example:
    >>> is_trigger("say", "said", False), is_trigger("minister", "minister", False)
    (True, False)
"""

from __future__ import annotations

#: Lemmas of the verbs that report speech ("said", "told", "warned").
SPEECH_VERBS = frozenset(
    ["say", "tell", "state", "note", "add", "declare", "affirm", "reaffirm", "confirm",
     "emphasize", "emphasise", "stress", "reiterate", "explain", "urge", "assert", "acknowledge",
     "suggest", "report", "complain", "claim", "announce", "warn", "insist", "argue", "contend",
     "maintain", "deny", "admit", "reveal", "write", "tweet", "indicate", "point", "mention",
     "describe", "underline", "underscore", "highlight", "clarify", "vow", "pledge", "threaten",
     "demand", "ask", "accuse", "criticize", "criticise", "promise", "post", "respond", "reply",
     "recall", "concede", "predict", "propose", "blame", "praise", "mock", "dismiss", "reject", "defend", "cite", "echo", "endorse", "allege",
     "caution", "tout", "boast", "brag", "joke", "quip", "lament", "observe", "remark",
     "testify", "assure", "hint", "counter", "retort", "decry", "condemn", "denounce", "applaud",
     "hail", "thank", "conclude", "estimate", "agree", "disagree", "recommend",
     "advise", "express", "voice", "forecast", "contradict", "yell", "shout", "chant",
     "answer", "exclaim", "scream", "laud", "refer", "dub", "label", "brand", "slam", "blast",
     "rip", "hammer", "chide", "scold", "rebuke", "lambaste", "fault", "question", "portray",
     "talk", "speak"]
)  # fmt: skip
#: Speech cues that report a clause only ("said that ...", never "said the words"): for the
#: others an object or an infinitive can be what is reported ("praised the effort", "vowed to").
CLAUSE_VERBS = frozenset(
    ["say", "tell", "state", "note", "add", "declare", "explain", "insist", "argue", "contend",
     "maintain", "indicate", "point", "clarify", "agree", "disagree", "complain",
     "acknowledge", "admit", "confirm", "report", "assert", "believe", "think", "feel",
     "doubt", "suspect", "assume", "hint", "counter", "yell", "shout", "chant", "answer",
     "exclaim", "scream"]
)  # fmt: skip
#: Speech cues that also name deeds ("attacked the base", "responded by deploying"): they report
#: an object or an infinitive only when a person is their subject.
ACTION_VERBS = frozenset(["respond", "defend", "reject", "post", "support", "oppose", "slam",
                          "blast", "rip", "hammer", "question"])  # fmt: skip
#: Speech cues that report only the topic an "about" or "of" phrase names ("talked about his
#: plan", "spoke of a crisis"), never where, when or to whom ("spoke at the rally on Monday").
TOPIC_VERBS = frozenset(["talk", "speak"])
#: Lemmas of the verbs that report a thought or an intention, not a statement ("believes",
#: "wants"): attributions of their own kind, ``thought``.
THOUGHT_VERBS = frozenset(
    ["believe", "think", "want", "hope", "fear", "feel", "expect", "worry", "intend",
     "wish", "doubt", "suspect", "assume", "seek", "prefer", "support",
     "oppose", "favor", "favour"]
)  # fmt: skip
#: Verbs through which a document speaks ("the report found", "a poll shows"): cues only when
#: their subject is a document (:data:`analysis.speakers.DOCUMENT_NOUNS`).
DOCUMENT_VERBS = frozenset(["find", "show", "conclude", "suggest", "indicate"])
CALL_VERBS = frozenset({"call"})  # "called for X"
#: Nouns that report what their possessor said or thinks: "Trump's claim that ...", "his support
#: of the loophole", "Clinton's criticism of ..." (those of NOUN_THOUGHTS are thoughts).
NOUN_THOUGHTS = frozenset(["belief", "hope", "fear", "support", "opposition",
                           "wish"])  # fmt: skip
NOUN_CUES = (
    frozenset(
        [
            "claim",
            "assertion",
            "statement",
            "criticism",
            "call",
            "promise",
            "pledge",
            "warning",
            "accusation",
            "suggestion",
            "argument",
            "demand",
            "insistence",
            "denial",
            "admission",
            "threat",
            "vow",
            "complaint",
            "allegation",
            "remark",
            "remarks",
            "contention",
            "prediction",
            "endorsement",
        ]
    )
    | NOUN_THOUGHTS
)
#: Every lemma quote attribution treats as a cue.
CUE_LEMMAS = SPEECH_VERBS | THOUGHT_VERBS | DOCUMENT_VERBS | CALL_VERBS | NOUN_CUES | {"outline"}
#: Words (lower-cased) that introduce a source: "according to X", "per X".
CUE_WORDS = frozenset({"according", "per"})
#: Word forms of cue verbs that are far more often nouns ("the talks", "the question"): no cue
#: (:func:`cue_lemma`), so they do not make a sentence need a parse ("talked", "questioned" do)
#: and the parser is not run on every sentence about peace talks.
NOUN_FORMS = frozenset({"talk", "talks", "question", "questions"})
#: Vague quantities claim extraction counts, with the value it plots for each.
VAGUE = {"dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000, "scores": 40,
         "several": 3, "few": 3}  # fmt: skip


_IRREGULAR = {"said": "say", "told": "tell", "thought": "think", "wrote": "write",
              "written": "write", "sought": "seek", "felt": "feel",
              "found": "find", "shown": "show", "meant": "mean"}  # fmt: skip


def _forms(lemma: str) -> set[str]:
    """The inflected forms of a regular verb ("hope": hopes, hoped, hoping)."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    out = {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing"}
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou":
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # planned, planning
    return out


#: Word forms of the cue verbs, to their lemma: the tagger's lemma is sometimes wrong ("hopes" as
#: "hop"), and a cue it misses would leave its sentence unparsed.
CUE_FORMS = {f: lemma for lemma in sorted(CUE_LEMMAS) for f in _forms(lemma)} | {
    w: v for w, v in _IRREGULAR.items() if v in CUE_LEMMAS
}


def cue_lemma(lemma: str, word: str) -> str:
    """The cue lemma of a token: its lemma when that is a cue, else the cue its lower-cased word
    form inflects, else its lemma; "" for a form that is far more often a noun
    (:data:`NOUN_FORMS`: "talks", "question").

    Example:
        >>> cue_lemma("hop", "hopes"), cue_lemma("say", "said"), cue_lemma("talk", "talks")
        ('hope', 'say', '')
    """
    if word in NOUN_FORMS:
        return ""
    low = lemma.lower()
    return low if low in CUE_LEMMAS else CUE_FORMS.get(word, low)


def is_trigger(lemma: str, word: str, like_num: bool) -> bool:
    """Whether one token (its lemma, lower-cased text and spaCy ``like_num`` flag) is a number, a
    vague quantity or a speech cue."""
    return like_num or word in CUE_WORDS or word in VAGUE or cue_lemma(lemma, word) in CUE_LEMMAS
