"""Is a line of a page dump article prose or page furniture? Judged by its shape, not by a list.

In the spirit of jusText (Pomikálek 2011) and boilerpipe (Kohlschütter et al. 2010), but for the
lines of a text dump rather than HTML blocks. Each line gets named features (:func:`features`) and
one of three classes (:func:`classify`):

- ``good``: prose: long enough (:data:`MIN_PROSE_WORDS`), with the share of stop words running
  text has (:data:`MIN_STOPWORD_SHARE`), ending like a sentence, not an address to the reader;
- ``furniture``: a shape no article sentence has: a form field, an image placeholder, a URL, a
  separator, a breadcrumb, a number or date alone, a short call to action, a short menu bullet,
  a copyright line, a photo credit, a "N comments" counter, a teaser cut short with "...", a sentence about the
  page itself ("This site is protected by reCAPTCHA");
- ``short``: anything else (headlines, subheadings, captions, short quotes, menu labels): the
  cleaner decides those by their neighbours.

The only word lists are generic: English stop words (spaCy's) and the vocabulary of web furniture
(:data:`CTA_WORDS`: subscribe, share, newsletter, cookie, ...), never words of a story.

Example:
    >>> classify("Officials from both countries met in the capital on Monday to discuss the plan.")
    ('good', 'prose')
    >>> classify("Sign up for our newsletter")
    ('furniture', 'call to action')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from analysis.dates import find_date
from analysis.stopwords import STOP_WORDS

#: A prose line has at least this many words (jusText's "short" limit is about 10 words).
MIN_PROSE_WORDS = 10
#: A line without sentence punctuation at its end is prose only when this long (headlines and
#: teaser titles are shorter and end without a stop).
MIN_UNPUNCTUATED_PROSE_WORDS = 30
#: Running English text is about 40-50% stop words; menus, lists of names and titles far fewer.
MIN_STOPWORD_SHARE = 0.25
#: A call to action is short: above this many words a line mentioning "share" is prose.
MAX_CTA_WORDS = 14
#: A teaser cut short with "..." has this many words (a reader's long comment ending in "..." is
#: longer, two words are a label).
MIN_TEASER_WORDS, MAX_TEASER_WORDS = 5, 40
#: Menu bullets are short: a bullet of at most this many words without sentence punctuation, in
#: title case or without stop words ("Latin America", "State of Our Nation"; not "Pay the fine").
MAX_MENU_WORDS = 5
#: A label of at most this many words ("PC Gamer Newsletter") is furniture wherever its CTA or
#: label word is.
MAX_LABEL_WORDS = 3
#: Generic web furniture vocabulary: what pages say to their reader about the page itself. These
#: words mark a call to action wherever they lead a short line ("Share this", "Sign up for ...").
CTA_WORDS = (
    r"subscribe|subscription|subscriber|sign[ -]?(?:up|in|out)|log[ -]?(?:in|out)|register"
    r"|newsletters?|share|shares|shared|tweet|facebook|twitter|instagram|youtube|linkedin|whatsapp"
    r"|pinterest|reddit|telegram|flipboard|rss|email|e-mail|print|comments?|reply|replies"
    r"|advertisement|advertising|advertise|sponsored|cookies?|privacy|terms|copyright"
    r"|rights reserved|read (?:more|next|also|the full)|click|tap here|download|skip to|jump to"
    r"|donate|donations?|follow us|about us|back to top|powered by|notifications?|feedback|unsubscribe"
    r"|inbox|password|sitemap|faq|opens? in (?:a )?new (?:tab|window)|copy (?:this )?link"
)
#: Words that are furniture only as a label of at most :data:`MAX_LABEL_WORDS` words ("Home",
#: "Most Popular", "Next"), since a headline may start with them ("Next steps for ...").
LABEL_WORDS = (
    r"app|apps|related|trending|popular|recommended|menu|search|follow|contact|home|watch|listen"
    r"|podcasts?|more stories|next|previous|loading|join|account|premium|membership|support"
    r"|careers|editions?|close|open|toggle|navigation|video|videos|photos?|gallery|more|view all"
    r"|bio|profile|no results?"
)
#: A teaser cut short and signed by where it comes from ("... of the river …   Wikipedia"), up to
#: ``2 * MAX_TEASER_WORDS`` words: at most :data:`MAX_LABEL_WORDS` capitalized words after the "…".
_CUT_WITH_SOURCE = re.compile(r"(?:\.\.\.|…)\s+(?:[A-Z][\w'’-]*\s*){1,3}$")
_CTA = re.compile(rf"\b(?:{CTA_WORDS})\b", re.I)
#: A call to action that opens the line, after at most one word ("Please subscribe", "Share").
_CTA_LEAD = re.compile(rf"(?:\W*\w+\W+)?\b(?:{CTA_WORDS})\b", re.I)
_LABEL = re.compile(rf"\b(?:{CTA_WORDS}|{LABEL_WORDS})\b", re.I)
#: Menu entries run together by the dump lose their spaces: "San FranciscoEast BaySouth Bay"
#: (this many joins, in a line with fewer stop words than prose).
MIN_GLUED_WORDS = 2
#: This many joins mark a run-together menu whatever its stop words ("Contact UsTake Action in
#: Your CommunityJobs").
MANY_GLUED_WORDS = 4
_GLUED = re.compile(r"[a-z][A-Z]")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_FORM_FIELD = re.compile(
    r"\[\s{3,}\]|\[(?:Search|Submit|Subscribe|Go|Send|Post Comment|OK)\]", re.I
)
_IMAGE = re.compile(r"^(?:\[[^\]]{0,80}\]\s*)+$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_SEPARATOR = re.compile(r"^[\W_]+$")
_BREADCRUMB = re.compile(
    r"\S\s*(?:»|›|>|::)\s*\S.*(?:»|›|>|::)|^(?:Home|You are here)\s*[»›>/:]", re.I
)
_NUMBERS = re.compile(r"^[\d\W_]+(?:[ap]\.?m\.?)?$", re.I)
_COUNTER = re.compile(
    r"^\(?\d[\d,.]*[kKmM]?\)?\s+(?:comments?|shares?|views?|likes?|responses?|replies|reactions?)\b",
    re.I,
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b|all rights reserved)", re.I)
#: An image w3m renders inside a line, as its alt text in brackets ("... till fragrant.[DSC_0511]"),
#: not a Markdown link ``[text](url)``: left out of the words and of the line's end.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_INLINE_IMAGE = re.compile(r"\[[^\[\]\n]{0,80}\](?!\()")
#: Table cells in a dump line are set apart by runs of spaces; a line's shape is its longest cell's.
_COLUMN_GAP = re.compile(r"\s{3,}")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_BULLET = re.compile(r"^(?:[•·▪●◦‣∙□■]|[-*+](?=\s)|\d{1,3}\.(?=\s))\s*")
#: A sentence about the page itself ("This site is protected by reCAPTCHA", "comments are
#: moderated", "This post contains affiliate links": "this site" opening a sentence, not "after
#: reading this post, I ...") is furniture up to this many words.
MAX_SELF_REFERENCE_WORDS = 40
_SELF_REFERENCE = re.compile(
    r"(?:^|[.!?:]\s+)(?:this|our) (?:site|website|web site|page|post|newsletter|blog)\b"
    r"|\bcomments? (?:are|is|may|will)\b"
    r"|\b(?:advertising|affiliate) (?:disclosure|disclaimer|links?|commissions?)\b|\bnot responsible for\b",
    re.I,
)
#: A photo credit ("Photo by NAME on SITE", "Image: NAME/AGENCY", "Courtesy of NAME") is short: at
#: most this many words.
MAX_CREDIT_WORDS = 12
_CREDIT = re.compile(
    r"^(?:(?:photo(?:graph)?s?|images?|pictures?|illustrations?|credits?)(?:\s+credits?)?"
    r"\s*(?:by\b|:|\||-\s)|(?:courtesy|care) of\s)",
    re.I,
)
#: An app promo: getting the site's app for a phone platform ("Download our apps for iOS and
#: Android"), up to ``2 * MAX_CTA_WORDS`` words.
_APP_PROMO = re.compile(
    r"\b(?:download|get|install)\b[^.!?]{0,60}\bapps?\b[^.!?]{0,40}"
    r"\b(?:iOS|Android|iPhone|iPad|App Store|Google Play)\b",
    re.I,
)
_READER = re.compile(r"\b(?:you|your|you're|we|our|us)\b", re.I)
_IMPERATIVE = re.compile(
    r"^(?:subscribe|sign|log|download|follow|join|get|click|tap|share|support|donate|read|watch"
    r"|listen|register|create|enter|become|try|see|discover|take|don't miss|never miss|want|like"
    r"|check out|find|send|give|help|leave|post|add|view|visit|explore|learn)\b",
    re.I,
)

#: A reader's comment opens with its author's name and when it was posted, to the minute ("Jane
#: June 28, 2015 at 10:25 pm"): at most this many words before the date, nothing after it but
#: "Reply" or a permalink sign.
MAX_COMMENTER_WORDS = 4
_COMMENT_TAIL = re.compile(r"^[\s|·•,#-]*(?:reply|permalink|#)?\s*$", re.I)
_BYLINE_LEAD = re.compile(r"^(?:by|posted|published|updated|written|last|on|date)\b", re.I)
_SAYS = re.compile(
    rf"^(?:\S+\s+){{0,{MAX_COMMENTER_WORDS - 1}}}\S+\s+(?:says|said|wrote)\s*:$", re.I
)


def comment_header(text: str) -> bool:
    """A reader comment's header: a name (:data:`MAX_COMMENTER_WORDS` words at most, no byline
    word such as "By" or "Published") followed by a date with its time, and nothing more; or
    the name and "says:" ("Jane Roe says:")."""
    item = strip_bullet(text.strip())
    if _SAYS.match(item):  # "Jane Roe says:", not "He says:"
        return not any(w.lower() in STOP_WORDS for w in item.split()[:-1])
    found = find_date(item)
    if found is None or "T" not in found[0] or not _COMMENT_TAIL.match(item[found[2] :]):
        return False
    name = item[: found[1]].strip(" ,|·•-–—")
    n = len(name.split())
    return 0 < n <= MAX_COMMENTER_WORDS and not _BYLINE_LEAD.match(name)


@dataclass(frozen=True)
class Features:
    """The named shape features of one line (its text stripped of a list bullet)."""

    words: int
    stopword_share: float
    sentence_end: bool
    bullet: bool
    cta: bool
    cta_lead: bool
    reader_address: bool
    title_case: bool
    form_field: bool
    image: bool
    url: bool
    separator: bool
    breadcrumb: bool
    numbers_only: bool
    counter: bool
    copyright: bool
    truncated: bool
    glued: bool
    self_reference: bool
    labels_only: bool
    photo_credit: bool
    app_promo: bool


def _drop_format_char(match: re.Match) -> str:
    """An invisible format character (Unicode category Cf) as nothing, any other as itself."""
    char = match.group()
    return "" if unicodedata.category(char) == "Cf" else char


def strip_bullet(text: str) -> str:
    """``text`` without a leading list bullet."""
    return _BULLET.sub("", text, count=1).strip()


@lru_cache(maxsize=1 << 14)  # a line is read by several rules and recurs across a site's pages
def features(text: str) -> Features:
    """The shape features of ``text`` (one line of a dump)."""
    t = text.strip()
    bullet = bool(_BULLET.match(t))
    item = strip_bullet(t)
    # invisible format characters (zero-width spaces, U+2063) and inline images are no text
    # a table row ("Choose the length of each half.      • 10 minutes"): its longest cell
    plain = max(_COLUMN_GAP.split(item), key=len)
    plain = _INLINE_IMAGE.sub("", _NON_ASCII.sub(_drop_format_char, plain))
    plain = " ".join(plain.split()) or item
    words = _WORD.findall(plain)
    lowered = [w.lower() for w in words]
    stops = sum(w in STOP_WORDS for w in lowered)
    content = [w for w in words if w.lower() not in STOP_WORDS]
    return Features(
        words=len(words),
        stopword_share=stops / len(words) if words else 0.0,
        sentence_end=bool(_SENTENCE_END.search(plain)),
        bullet=bullet,
        cta=bool(_CTA.search(item)),
        cta_lead=bool(_CTA_LEAD.match(item))
        or (len(words) <= MAX_LABEL_WORDS and bool(_LABEL.search(item))),
        self_reference=bool(_SELF_REFERENCE.search(item))
        and len(words) <= MAX_SELF_REFERENCE_WORDS,
        glued=(
            len(_GLUED.findall(item)) >= MIN_GLUED_WORDS
            and (stops / len(words) if words else 0.0) < MIN_STOPWORD_SHARE
        )
        or len(_GLUED.findall(item)) >= MANY_GLUED_WORDS,
        photo_credit=bool(_CREDIT.match(plain)) and len(words) <= MAX_CREDIT_WORDS,
        app_promo=bool(_APP_PROMO.search(plain)) and len(words) <= 2 * MAX_CTA_WORDS,
        labels_only=bool(words) and not _LABEL.sub("", item).strip(" \t|·•-–—/&,"),
        reader_address=bool(_IMPERATIVE.match(item)) and bool(_READER.search(item)),
        title_case=bool(content) and all(w[0].isupper() for w in content),
        form_field=bool(_FORM_FIELD.search(item)),
        image=bool(_IMAGE.match(item)),
        url=bool(_URL.match(item)),
        separator=bool(item) and bool(_SEPARATOR.match(item)),
        breadcrumb=bool(_BREADCRUMB.search(item)) and not _SENTENCE_END.search(item),
        numbers_only=bool(item) and bool(_NUMBERS.match(item)),
        counter=bool(_COUNTER.match(item)),
        copyright=bool(_COPYRIGHT.search(item)) and len(words) <= MAX_CTA_WORDS,
        truncated=(
            item.endswith(("...", "…", "[…]", "[...]"))
            and MIN_TEASER_WORDS <= len(words) <= MAX_TEASER_WORDS
        )
        or (
            bool(_CUT_WITH_SOURCE.search(item))
            and MIN_TEASER_WORDS <= len(words) <= 2 * MAX_TEASER_WORDS
        ),
    )


def short_sentence(text: str) -> bool:
    """A short line shaped like a sentence of running text (ends like one, stop words as prose)."""
    f = features(text)
    return f.sentence_end and f.words >= 3 and f.stopword_share >= MIN_STOPWORD_SHARE


def classify(text: str) -> tuple[str, str]:
    """``(good | short | furniture, the feature that decided)`` for one line."""
    f = features(text)
    if f.form_field:
        return "furniture", "form field"
    if f.image:
        return "furniture", "image placeholder"
    if f.url:
        return "furniture", "URL alone"
    if f.separator:
        return "furniture", "separator"
    if f.numbers_only:
        return "furniture", "numbers only"
    if f.counter:
        return "furniture", "counter (comments, shares, views)"
    if f.copyright:
        return "furniture", "copyright line"
    if f.glued and not f.sentence_end:
        return "furniture", "menu entries run together"
    if f.truncated:
        return "furniture", "truncated teaser"
    if f.photo_credit:
        return "furniture", "photo credit"
    if f.breadcrumb and f.words <= 2 * MAX_CTA_WORDS:
        return "furniture", "breadcrumb"
    if f.cta_lead and f.words <= MAX_CTA_WORDS and not f.sentence_end:
        return "furniture", "call to action"
    if f.labels_only and f.words <= MAX_CTA_WORDS:
        return "furniture", "menu labels only"
    if f.reader_address and f.words <= 2 * MAX_CTA_WORDS:
        return "furniture", "call to action"
    if f.self_reference:
        return "furniture", "about the page itself"
    if f.app_promo:
        return "furniture", "app promo"
    if (
        f.bullet
        and f.words <= MAX_MENU_WORDS
        and not f.sentence_end
        and (f.title_case or f.stopword_share == 0)
    ):
        return "furniture", "menu bullet"
    if (
        f.words >= MIN_PROSE_WORDS
        and f.stopword_share >= MIN_STOPWORD_SHARE
        and (f.sentence_end or f.words >= MIN_UNPUNCTUATED_PROSE_WORDS)
    ):
        return "good", "prose"
    return "short", "short or low stop-word share"
