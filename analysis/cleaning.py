"""Turn a page-text dump into paragraphs, metadata and an audit of what was removed.

A page dump is what a browser's "save as text" or a copy-paste of a news page gives: the article
wrapped in menus, tickers, share counts, related-story blocks, tag lists and footers. The cleaner
recognizes the outlets of the sample corpus by their page furniture (see ``profiles``) and applies
general rules that also work on outlets it has never seen:

- everything above the headline (mastheads, navigation menus, breaking-news tickers);
- bylines, source lines, datelines, share counts and reading times (kept as metadata);
- "Related News", "Read more:", "Read next:" blocks and links; video-player promos ("JUST
  WATCHED ... Replay More Videos");
- image-viewer controls, alt texts and photo credits (captions, and photo galleries run into one
  line, are kept as ``caption`` paragraphs);
- tag lists (kept as metadata), repeated bylines from page breaks, subscription blocks, footers,
  "scroll to top";
- Markdown link markup ``[text](url)`` (the link text stays);
- paragraphs split by a page break are rejoined (several spans, one paragraph).

Every offset indexes the text given to :func:`clean_page` (the decoded raw file).

Example:
    >>> page = clean_page("A headline\\n\\nFirst paragraph of the story. It goes on.\\n\\nscroll to top")
    >>> [p.kind for p in page.paragraphs], page.meta["title"]
    (['body'], 'A headline')
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from analysis import lineshape, profiles
from analysis.dates import find_date, parse_date
from analysis.repetition import repetition_key

#: The headline is looked for among this many non-blank lines above the article's first prose.
HEADLINE_WINDOW = 40
#: A byline or date this many non-blank lines below a candidate marks it as the headline.
META_WINDOW = 6
#: Headlines usually have this many words or more; shorter candidates are labels or names.
FULL_HEADLINE_WORDS = 6
#: The headline may stand this many non-blank lines below the first prose line (an image caption
#: or a promo blurb above it reads as prose), when it is repeated or stands above a byline.
HEADLINE_LOOKAHEAD = 6
#: A byline or date at most this many non-blank lines below a candidate (a standfirst or a caption
#: between)
#: marks it as the headline more strongly than one further down.
BYLINE_NEAR_LINES = 3
#: A headline repeated in the page may be this short ("Tridents' challenge"): repetition is the
#: evidence its length is not.
MIN_REPEATED_HEADLINE_WORDS = 2
#: A line repeats the headline when the headline is at least this share of it.
MIN_REPEAT_COVER = 0.5
#: At most this many headline-shaped lines stacked one above the other (tagline, headline,
#: standfirst, alt text) are weighed against each other for the headline.
HEADLINE_STACK = 3
#: Each non-blank line between a candidate and the first prose line costs it this much.
HEADLINE_DISTANCE_COST = 0.1
#: A headline has at least this many words (a menu word or a section label has one or two).
MIN_HEADLINE_WORDS = 3
#: The article ends after its last prose line when more than this many non-prose lines follow
#: before the next prose line (comments, author boxes, related stories, footers).
MAX_GAP_LINES = 8
#: A longer gap, up to this weight (a recipe card, a comparison table, a list of pros and cons),
#: is crossed when the prose on both sides of it runs to :data:`MIN_SIDE_PROSE_LINES` lines each:
#: a list inside the story, not a lone form note or a teaser above or below it.
LONG_GAP_LINES = 16
#: Prose lines each side of a long gap needs (see :data:`LONG_GAP_LINES`).
MIN_SIDE_PROSE_LINES = 3
#: A short line that is not furniture (a list item, a subheading, a line of code) weighs this much
#: in a gap: lists and tables inside an article do not end it.
SHORT_LINE_WEIGHT = 0.25
#: Furniture only for looking like a list ("menu bullet"): inside the article it is the article's
#: list (a recipe's ingredients, a settings table, a numbered ranking), so it is kept there and
#: weighs as a short line in a gap; outside the article it is a menu and goes.
LIST_LIKE = frozenset({"menu bullet"})
#: A "Most Read" box inside the article (the story goes on after it with this many prose
#: paragraphs among the next lines, one more allowed for a subheading) takes only its own list
#: with it, not the rest of the story.
MIN_RESUMED_PROSE = 3
#: A "Related Stories" or "Most Read" heading weighs this much in a gap: a short related box inside
#: an article is crossed, a long one (or a footer) is not.
HEADING_WEIGHT = 3.0
#: A reader-comments section (:func:`lineshape.comment_header` lines) needs this many comment
#: headers after the article's first prose; from its first header on, nothing is the article.
MIN_COMMENT_HEADERS = 2
#: A numbered list in sequence ("1. ...", "2. ...", "3. ..."; a menu is never numbered) of at least
#: this many items is the article's own list: its items are not menu bullets, and in a gap the
#: whole list weighs as one short line.
MIN_NUMBERED_ITEMS = 3
#: An author's biography is one of the article's last this many body paragraphs.
MAX_BIO_PARAGRAPHS = 2
#: What follows the author's name in a biography.
_BIO_VERB = r",?\s+(?:is|was|has|writes|covers|reports|teaches|lives|edits)\b"
#: The text right above a form field in the same block (no blank line between: "Daily news about
#: ... . [Email] [Sign up]") is the form's blurb up to this many words.
MAX_FORM_TEXT_WORDS = 25
#: Short lines right after the last prose line still belong to the story when a short sentence
#: ends them ("A subheading" / "The talks resume on Monday."), up to this many lines.
MAX_TAIL_LINES = 3

Span = tuple[int, int]


@dataclass
class Paragraph:
    """One paragraph: ``kind`` and the spans of the source text whose join (by a space) is its text."""

    kind: str
    spans: list[Span]

    def text(self, source: str) -> str:
        return " ".join(source[s:e] for s, e in self.spans)


@dataclass
class Removed:
    """A stretch of the source text the cleaner dropped, and the rule that dropped it."""

    start: int
    end: int
    reason: str


@dataclass
class Page:
    """What the cleaner found: paragraphs, removed stretches and metadata with provenance."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)
    meta_source: dict[str, str] = field(default_factory=dict)

    def set_meta(self, key: str, value: object, source: str) -> None:
        if value in (None, "", []) or self.meta.get(key) not in (None, "", []):
            return
        self.meta[key] = value
        self.meta_source[key] = source


@dataclass
class _Line:
    start: int  # offset of first non-blank character
    end: int  # offset after last non-blank character
    raw_start: int  # offset of the line start
    text: str  # stripped text
    indent: int

    @property
    def bullet(self) -> bool:
        return bool(_BULLET.match(self.text))

    @property
    def item(self) -> str:
        return _BULLET.sub("", self.text, count=1).strip()

    @property
    def item_start(self) -> int:
        m = _BULLET.match(self.text)
        return self.start + (m.end() if m else 0)


_BULLET = re.compile(r"^(?:[•·▪●◦‣∙]|[-*+](?=\s))\s*")
_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s")
_TERMINAL = tuple(".!?:;\"”’')…")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\((?:[^()\s]*)\)")

_BY = re.compile(r"^(?:By|BY|by|Written by|Posted by|Words by|Author:|Reporting by)\s*:?\s+")
#: One name: capitalized words or initials ("J.O. Haselhoef", "Mohammed Shia al-Sudani", "Sarah
#: O'Neil"), a particle allowed inside; at most this many words.
MAX_NAME_WORDS = 5
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:al|el|de|da|del|van|von|der|den|la|le|bin|ibn|di|du)-?[\w'’-]*)"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,{MAX_NAME_WORDS - 1}}}"
_NAMES = re.compile(rf"^{_NAME}(?:(?:\s*,\s*|\s+(?:and|&)\s+){_NAME})*$")
_BYLINE_SEPARATORS = " \t|,·•–—-/:"
_BY_ALONE = re.compile(
    r"^(?:(?:Article|Story|Words|Written|Posted|Reported|Verified|Fact[- ]checked|Reviewed|Edited)"
    r"\s+)?(?:by|and|&|Authors?)\s*:?$",
    re.I,
)
#: An author's name on its own line (a byline split over lines, or a name over the date): this
#: many capitalized words at most, no stop word.
MAX_AUTHOR_LINE_WORDS = 3
#: A caption's end: a sentence, then a credit or note in brackets ("... in 2009. (AFP/Getty
#: Images)", "... Dominica. (FILE)"), or "Photo: NAME".
_CAPTION_END = re.compile(r"[.!?]\s*[(\[][^()\[\]]{1,80}[)\]]$|\b(?:Photo|Image|Credit)s?\s*:\s*\S")
#: An image's file name: an alt text is no headline.
_FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|svg)\b", re.I)
_ON_DAY = re.compile(r"\s+on(?:\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?)?\s*,?\s*$")
_TIME_ALONE = re.compile(r"^(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?$", re.I)
#: An author's e-mail address or handle in a byline ("By NAME | name@site.com", "By NAME@handle")
#: is dropped with it.
_EMAIL = re.compile(r"\s*[|,·•–—-]?\s*(?:\S+@\S+\.\w+|@\w+)")
#: A dateline of several dates ("Published: DATE | Updated: DATE").
_DATE_PARTS = re.compile(r"\s*\|\s*|\.\s+(?=(?:Updated|Last|Modified|Published))", re.I)
#: "Staff Report by NAME": a name-shaped label, then "by" and the name.
_NAME_BY = re.compile(rf"^{_NAME}\s+by\s+({_NAME}(?:\s+(?:and|&)\s+{_NAME})*)$")
_SOURCE = re.compile(r"^Source:\s*(.{2,80})$")
_SHARES = re.compile(r"^\d[\d,.]*\s*[kKmM]?\s+(?:Shares?|Comments?|Views?)$", re.I)
_READING = re.compile(r"^\d+\s*(?:-\s*)?(?:min(?:ute)?s?)\.?\s+read$", re.I)
_RELATED = re.compile(
    r"^(?:Related(?: News| Articles| Stories| Content| Posts)?|See also|More on this)$", re.I
)
_READ_LINK = re.compile(r"^(?:Read (?:more|next|also)|Also read|See also|Related)\s*:\s*\S", re.I)
_TICKER = re.compile(r"^(?:BREAKING(?: NEWS)?|Breaking News|Latest News|Live Updates|Just In)$")
_SCROLL = re.compile(r"^(?:scroll to top|back to top|top of page|↑\s*top)$", re.I)
_FOOTER = re.compile(
    r"^(?:Most Read|Most Popular|Read Next|More from .{1,40}|Trending(?: Now)?|Recommended(?: for you)?"
    r"|Latest (?:Stories|Posts|Articles)|More (?:Stories|Articles)"
    r"|You (?:may|might) also like|Subscribe(?: to .{1,60})?|Sign up for .{1,60}|Newsletter"
    r"|All Rights Reserved|Privacy Policy|Terms of (?:Use|Service)|Copyright\b.*|©.*|Share this article"
    r"|Leave a (?:comment|reply)|Comments|Related Topics)$",
    re.I,
)
_TEASER_STARTS = ("most", "read next", "more from", "more stories", "latest", "trending",
                  "recommended", "you ")  # fmt: skip
_AUTHOR_BOX = re.compile(rf"^(?:About the authors?|About {_NAME}|More (?:from|by) {_NAME})$")
_CREDIT_WORDS = (
    r"(?:Reuters|AP|AFP|Getty|iStock|Images|Pool|Photo|Shutterstock|EPA|Anadolu|Xinhua|WANA|Alamy)"
)
_CREDIT_LINE = re.compile(rf"^(?=.*{_CREDIT_WORDS})[\w .&'’-]+(?:/[\w .&'’-]+)+$")
_TRAILING_CREDIT = re.compile(
    rf"(?:\[[^\[\]]*{_CREDIT_WORDS}[^\[\]]*\]|\((?:AP|AFP|Reuters|Getty Images)[^()]*\))\s*$"
)
_TITLE_SUFFIX = re.compile(r"\s+\|\s+[^|]{1,60}$")
_PROMO_STARTS = ("subscribe", "sign up", "newsletter")
_REPORTING = re.compile(r"\b(?:said|says|told|according to|reported|announced|stated)\b")
#: A video player's text run into one line: "JUST WATCHED <title> Replay More Videos ..." (CNN).
_VIDEO_PROMO = re.compile(r"^(?:JUST WATCHED|MUST WATCH)\b.*\bReplay\b", re.S)
#: A photo gallery run into one line: "Photos: ... Hide Caption 1 of 24 Photos: ..." (CNN exports).
_GALLERY = re.compile(r"\bHide Caption \d+ of \d+\b", re.I)
_VIEWER = re.compile(r"^(?:x|×|✕|close|zoom|expand|\d+\s*/\s*\d+)$", re.I)


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            out.append(_Line(start, start + len(stripped), pos, stripped, lead))
        else:
            out.append(_Line(pos, pos, pos, "", 0))
        pos += len(raw) + 1
    return out


def _is_headline_like(text: str, *, max_words: int = 25) -> bool:
    words = text.split()
    return (
        0 < len(words) <= max_words
        and not text.endswith((".", ",", ";", ":"))
        and (text[0].isupper() or text[0].isdigit())
    )


def _looks_like_date(text: str) -> bool:
    """A date alone, or several ("Published: DATE | Updated: DATE")."""
    parts = [p for p in _DATE_PARTS.split(text) if p.strip()]
    return bool(parts) and all(parse_date(p) is not None and len(p.split()) <= 8 for p in parts)


def byline(text: str) -> tuple[str, str | None] | None:
    """(author, ISO date or None) when ``text`` is a byline, else None.

    Forms: "By NAME", "By NAME and NAME", "By NAME | DATE", "Written by NAME on DATE", and
    "NAME | DATE" without "By". The names need a name's shape (:data:`_NAMES`): "By noon, their
    allies had buckled." is a sentence, not a byline.
    """
    t = _EMAIL.sub("", _MD_LINK.sub(r"\1", text.strip())).strip(_BYLINE_SEPARATORS)
    lead = _BY.match(t)
    rest = t[lead.end() :] if lead else t
    found = find_date(rest)
    date = found[0] if found else None
    if found and not lead and found[1] == 0:  # "Oct 30 2020 by Emily Co": the date, then the name
        after = re.match(r"^[\s|,·•–—-]*(?:by|By|BY)\s+(.+)$", rest[found[2] :])
        if after and _NAMES.match(after.group(1).strip()):
            return after.group(1).strip(), date
    if not lead and not found and (m := _NAME_BY.match(t)):  # "Staff Report by Jane Roe"
        return m.group(1), None
    if found:
        tail = rest[found[2] :].strip(_BYLINE_SEPARATORS + ".")
        if tail and parse_date(tail) is None and not _TIME_ALONE.match(tail):
            return None  # more text after the date (a second date is fine): not a byline
        rest = rest[: found[1]]
    rest = _ON_DAY.sub("", rest.strip(_BYLINE_SEPARATORS))
    if not lead and not (found and re.search(r"[|·•]", t)):
        return None
    if not rest or len(rest) > 80 or not _NAMES.match(rest):
        return None
    return rest, date


def _is_meta_line(line: _Line) -> bool:
    t = line.item
    return bool(byline(t) or _SOURCE.match(t) or _SHARES.match(t) or _READING.match(t)) or (
        _looks_like_date(t)
    )


class _Cleaner:
    def __init__(
        self, text: str, *, title_in_text: bool, repeated: dict[str, int] | None = None
    ) -> None:
        self.text = text
        self.lines = _lines(text)
        self.shapes = [_shape(ln.text, repeated or {}) for ln in self.lines]
        self._hard_wraps()
        self._context()
        self.page = Page()
        self.title_in_text = title_in_text
        self.profile = profiles.detect(text)
        self.bylines: set[str] = set()
        self.promos: set[int] = set()  # offsets of in-article newsletter promo lines
        self.boxes: set[int] = set()  # footer-like headings inside the article (a "Most Read" box)

    def _hard_wraps(self) -> None:
        """A paragraph hard-wrapped over several lines (the next line goes on in lower case) is
        classified as one text: all its lines get the class of the whole."""
        group: list[int] = []
        for i, line in enumerate([*self.lines, _Line(0, 0, 0, "", 0)]):
            prev = self.lines[group[-1]] if group else None
            if (
                prev is not None
                and line.text[:1].islower()
                and not line.bullet
                and not prev.text.endswith((".", "!", "?"))
                and i == group[-1] + 1
            ):
                group.append(i)
                continue
            if len(group) > 1 and self.shapes[group[0]][0] != "furniture":
                whole = _shape(" ".join(self.lines[j].text for j in group), {})
                for j in group:
                    self.shapes[j] = whole
            group = [i] if line.text and not line.bullet else []

    def _ticker_lines(self) -> set[int]:
        """Lines of a ticker block: a "Breaking News" label followed, without a blank line, by at
        least two lines that are not dates (one headline under "Latest News" is the article's)."""
        found: set[int] = set()
        for block in _blocks(self.lines):
            for k, line in enumerate(block):
                if _TICKER.match(line.text):
                    rest = [ln for ln in block[k + 1 :] if not _looks_like_date(ln.text)]
                    if len(rest) >= 2:
                        found |= {self.lines.index(ln) for ln in block[k:]}
                    break
        return found

    def _context(self) -> None:
        """Reclassify lines by their neighbours: a ticker's lines are furniture; a prose line
        between two list items (bullets that are not menu furniture) describes a list item (a
        related story), it is not the article."""
        nonblank = [i for i, ln in enumerate(self.lines) if ln.text]
        self.ticker = self._ticker_lines()
        self.numbered = self._numbered_lists(nonblank)
        for i in self.numbered:  # furniture only for looking like a menu: the article's list
            if self.shapes[i][0] == "short" or self.shapes[i][1] in LIST_LIKE:
                self.shapes[i] = ("short", "numbered list item")
        headers = [i for i in nonblank if lineshape.comment_header(self.lines[i].text)]
        prose = next((i for i in nonblank if self.shapes[i][0] == "good"), None)
        after = [i for i in headers if prose is not None and i > prose]
        if len(after) >= MIN_COMMENT_HEADERS:
            for i in nonblank:
                if i >= after[0]:
                    self.shapes[i] = ("furniture", "reader comments")
        for i in nonblank:  # a form's blurb: a short text right above its field, same block
            nxt = i + 1 < len(self.lines) and self.shapes[i + 1][1] == "form field"
            if (
                nxt
                and self.shapes[i][0] != "furniture"
                and lineshape.features(self.lines[i].text).words <= MAX_FORM_TEXT_WORDS
            ):
                self.shapes[i] = ("furniture", "text of a form")
        self._stacked_repeats(nonblank)
        for k, i in enumerate(nonblank):
            if i in self.ticker:
                self.shapes[i] = ("short", "breaking-news ticker")
            elif (
                self.shapes[i][0] == "good"
                and not self.lines[i].bullet
                and 0 < k < len(nonblank) - 1
                and all(
                    self.lines[j].bullet and self.shapes[j][0] == "short"
                    for j in (nonblank[k - 1], nonblank[k + 1])
                )
            ):
                self.shapes[i] = ("short", "prose between list items")

    def _stacked_repeats(self, nonblank: list[int]) -> None:
        """A short line repeated on the next line inside the story (below its first
        :data:`MIN_SIDE_PROSE_LINES` prose lines: a video player's title, its alt text and its
        caption, "Meghan reveals 'concerns' ..." three times, HTML entities read) is furniture:
        a story never says a line twice in a row. A headline repeated above the story stays."""
        prose = [i for i in nonblank if self.shapes[i][0] == "good"][:MIN_SIDE_PROSE_LINES]
        if len(prose) < MIN_SIDE_PROSE_LINES:
            return
        keys = {i: html.unescape(self.lines[i].item).casefold() for i in nonblank if i > prose[-1]}
        pairs = [
            (i, j)
            for i, j in zip(nonblank, nonblank[1:], strict=False)
            if i in keys and keys[i] == keys.get(j) and self.shapes[i][0] == "short"
        ]
        for k in {k for pair in pairs for k in pair}:
            self.shapes[k] = ("furniture", "line repeated in a row")

    def _numbered_lists(self, nonblank: list[int]) -> dict[int, int]:
        """Lines of numbered lists in sequence (:data:`MIN_NUMBERED_ITEMS` items at least, each
        number one more or one less than the one before), each mapped to its list's first line."""
        found: dict[int, int] = {}
        run: list[tuple[int, int]] = []  # (line, number)
        for i in [*nonblank, None]:
            m = _NUMBERED.match(self.lines[i].text) if i is not None else None
            n = int(m.group(1)) if m else None
            step = n - run[-1][1] if n is not None and run else None
            if step in (1, -1) and (len(run) == 1 or step == run[1][1] - run[0][1]):
                run.append((i, n))
                continue
            if len(run) >= MIN_NUMBERED_ITEMS:
                found.update(dict.fromkeys((j for j, _ in run), run[0][0]))
            run = [(i, n)] if n is not None else []
        return found

    # -- bookkeeping -------------------------------------------------------------------------
    def drop(self, line: _Line, reason: str) -> None:
        if line.text:
            self.page.removed.append(Removed(line.start, line.end, reason))

    def drop_range(self, lines: list[_Line], reason: str) -> None:
        for line in lines:
            self.drop(line, reason)

    def add(self, kind: str, spans: list[Span]) -> None:
        self.page.paragraphs.append(Paragraph(kind, spans))

    # -- phases ------------------------------------------------------------------------------
    def run(self) -> Page:
        if self.profile:
            self.page.set_meta("outlet", self.profile.outlet, "profile")
        lines = self.lines
        begin = self.header_end() if self.title_in_text else 0
        end = self.footer_start(begin)
        prose_end = self.prose_end(begin) if self.title_in_text else end
        if any(ln.text for ln in lines[prose_end:end]):
            end = prose_end
            first = next((ln.text for ln in lines[end:] if ln.text), "")
            self.footer_reason = f"after the article's last prose (from '{first[:40]}')"
        for line in lines[end:]:
            self.drop(line, self.footer_reason)
        self.body(lines[begin:end])
        self._author_bio()
        if not any(p.kind == "body" for p in self.page.paragraphs):
            for (
                p
            ) in self.page.paragraphs:  # a lone first paragraph is the story, not its standfirst
                if p.kind == "standfirst":
                    p.kind = "body"
        self.page.removed.sort(key=lambda r: r.start)
        return self.page

    def _author_bio(self) -> None:
        """Drop an author's biography from the article's last :data:`MAX_BIO_PARAGRAPHS` body
        paragraphs: one that opens with a byline author's name and a verb of who they are ("Jane
        Roe is a professor at ...", "... writes about ...")."""
        author = self.page.meta.get("author")
        if not isinstance(author, str):
            return
        names = [n.strip() for n in re.split(r"\s*,\s*|\s+(?:and|&)\s+", author) if n.strip()]
        bio = re.compile(rf"^(?:{'|'.join(map(re.escape, names))}){_BIO_VERB}")
        body = [p for p in self.page.paragraphs if p.kind == "body"][-MAX_BIO_PARAGRAPHS:]
        for p in body:
            if bio.match(p.text(self.text)):
                self.page.paragraphs.remove(p)
                for start, end in p.spans:
                    self.page.removed.append(Removed(start, end, "author bio"))

    def prose_run(self) -> tuple[int, int] | None:
        """First and last line of the article's prose: the run of prose lines with the most
        characters, a run going on while the lines between two prose lines weigh at most
        :data:`MAX_GAP_LINES` (furniture 1, other short lines :data:`SHORT_LINE_WEIGHT`, a footer
        or related-stories heading or a form field :data:`HEADING_WEIGHT`); a longer gap up to
        :data:`LONG_GAP_LINES` between two runs of :data:`MIN_SIDE_PROSE_LINES` prose lines each
        is crossed too (:func:`_join_long_gaps`)."""
        if hasattr(self, "_run"):
            return self._run
        runs: list[list[float]] = []  # [first, last, characters, prose lines, gap before]
        gap = 0.0
        for i, (cls, _) in enumerate(self.shapes):
            if cls == "good":
                if runs and gap <= MAX_GAP_LINES:
                    runs[-1][1] = i
                    runs[-1][2] += len(self.lines[i].text)
                    runs[-1][3] += 1
                else:
                    runs.append([i, i, len(self.lines[i].text), 1, gap if runs else float("inf")])
                gap = 0.0
            elif self._teaser_heading(i) and not self._story_resumes(i, len(self.lines) - 1):
                gap = float("inf")  # a "Related" box of teasers the story does not come back from
            elif self._heading_of_furniture(i) or self.shapes[i][1] == "form field":
                gap += HEADING_WEIGHT
            elif cls == "short" and lineshape.short_sentence(self.lines[i].text):
                continue  # a short sentence of running text (a table's note, a caption) is text
            elif self.numbered.get(i, i) != i:
                continue  # a numbered list weighs once, at its first item
            elif cls != "blank":
                positive = cls == "furniture" and self.shapes[i][1] not in LIST_LIKE
                gap += 1.0 if positive else SHORT_LINE_WEIGHT
        runs = _join_long_gaps(runs)
        best = max(runs, key=lambda r: r[2], default=None)
        self._run = (int(best[0]), int(best[1])) if best else None
        return self._run

    def _in_run(self, i: int) -> bool:
        """Whether line ``i`` lies between the article's first and last prose line, or in the
        same block (no blank line between) as one of them: a list item led or closed by prose."""
        run = self.prose_run()
        if run is None:
            return False
        first, last = run
        while first > 0 and self.lines[first - 1].text:
            first -= 1
        while last + 1 < len(self.lines) and self.lines[last + 1].text:
            last += 1
        return first <= i <= last

    def _inside_article(self, i: int) -> bool:
        """Whether the box heading at line ``i`` stands inside the article: within its prose run,
        and its list is followed by :data:`MIN_RESUMED_PROSE` prose paragraphs in a row (the story
        goes on; after a "Related" box only teasers and captions, mixed with titles, follow)."""
        run = self.prose_run()
        return run is not None and run[0] < i < run[1] and self._story_resumes(i, run[1])

    def _story_resumes(self, i: int, last: int) -> bool:
        """Whether :data:`MIN_RESUMED_PROSE` prose paragraphs in a row (a subheading may stand
        between) follow the box heading at line ``i``, up to line ``last``."""
        after = [j for j in range(i + 1, last + 1) if self.lines[j].text]
        first = next((k for k, j in enumerate(after) if self.shapes[j][0] == "good"), None)
        if first is None:
            return False
        resumed = after[first : first + MIN_RESUMED_PROSE + 1]
        return sum(self.shapes[j][0] == "good" for j in resumed) >= MIN_RESUMED_PROSE

    def _teaser_heading(self, i: int) -> bool:
        """A heading over other stories' teasers told in prose ("Related", "Most Read", "Latest
        Stories", "You may also like", followed by a prose line that is not a list bullet): a box
        the article ends at unless the story resumes after it. A heading over a bulleted list or
        over headlines is a closed box; the story may go on right after it."""
        t = self.lines[i].item
        nxt = next((j for j in range(i + 1, len(self.lines)) if self.lines[j].text), None)
        if nxt is None or self.lines[nxt].bullet or self.shapes[nxt][0] != "good":
            return False
        return bool(_RELATED.match(t)) or (
            bool(_FOOTER.match(t)) and t.lower().startswith(_TEASER_STARTS)
        )

    def _heading_of_furniture(self, i: int) -> bool:
        """A footer, related-stories or author-box heading ("Most Read", "Related Stories",
        "About Jane Roe")."""
        t = self.lines[i].item
        return bool(_FOOTER.match(t) or _RELATED.match(t) or _AUTHOR_BOX.match(t))

    def prose_start(self) -> int | None:
        """Index of the article's first prose line (see :meth:`prose_run`), or None."""
        run = self.prose_run()
        return run[0] if run else None

    def headline(self, start: int) -> int | None:
        """Index of the headline near the first prose line ``start``, or None.

        Candidates are headline-shaped lines (:func:`_headline_candidate`) among the
        :data:`HEADLINE_WINDOW` lines above ``start`` and the :data:`HEADLINE_LOOKAHEAD` lines
        below it (a caption or promo may read as prose above the headline). Each is scored on
        named features: repeated elsewhere in the page (breadcrumbs, "N thoughts on ...", share
        texts: :meth:`_repeated_in_page`), directly above a byline or date
        (:data:`BYLINE_NEAR_LINES`), a byline or date further below (:data:`META_WINDOW`), a full
        headline's length, title case, stop words, distance to the prose. A line below the prose
        start must be repeated or stand above a byline, and not repeat a line above the prose. Ties go to the earliest (the headline
        comes before the standfirst).
        """
        nonblank = [i for i, ln in enumerate(self.lines) if ln.text]
        content = [i for i in nonblank if self.shapes[i][1] != "separator"]
        above = [i for i in nonblank if i < start][-HEADLINE_WINDOW:]
        below = [i for i in nonblank if i >= start][:HEADLINE_LOOKAHEAD]
        scored: list[tuple[int, float]] = []
        for i in above + below:
            line = self.lines[i]
            repeated = self._repeated_in_page(i)
            if (
                i in self.ticker
                or self._author_line(i)
                or self._section_label(i)
                or _BY_ALONE.match(line.item)  # "Fact checked by" over a name
            ):
                continue
            after = [j for j in content if j > i][:META_WINDOW]
            if not _headline_candidate(
                line,
                self.shapes[i][0],
                min_words=MIN_REPEATED_HEADLINE_WORDS if repeated else None,
                bullet_ok=bool(after) and self._is_meta(after[0]),
            ):
                continue
            if self._kicker(i, after):
                continue
            meta = [k for k, j in enumerate(after) if self._is_meta(j)]
            byline_near = bool(meta) and meta[0] < BYLINE_NEAR_LINES
            if i >= start and (
                not (repeated or byline_near)
                or any(self.lines[j].text.casefold() == line.text.casefold() for j in above)
            ):
                continue  # below the prose: only with evidence, and not a repeat of one above
            d = abs(sum(1 for j in nonblank if min(i, start) <= j < max(i, start)))
            feats = lineshape.features(line.text)
            score = (
                4 * repeated
                + 4 * byline_near
                + 1 * bool(meta)
                + 2 * (feats.words >= FULL_HEADLINE_WORDS)
                + feats.title_case
                + (feats.stopword_share > 0)
                - HEADLINE_DISTANCE_COST * d
            )
            scored.append((i, score))
        if not scored:  # no full candidate: a short headline right above the prose
            last = next((i for i in reversed(above) if self.shapes[i][0] != "furniture"), None)
            if last is None or last in self.ticker or self._author_line(last):
                return None
            short = _headline_candidate(
                self.lines[last], self.shapes[last][0], min_words=MIN_REPEATED_HEADLINE_WORDS
            )
            return last if short and not self._section_label(last) else None
        best, score = max(scored, key=lambda s: (s[1], -s[0]))
        # headline-shaped lines stacked right above the best (a site tagline, the headline, its
        # standfirst, an image's alt text): the headline is the top one with a standfirst below
        # it (a line at least as long, not in title case), else the lowest
        near = dict(scored)
        stack = [best]
        for i in reversed([i for i in nonblank if i < best][-(HEADLINE_STACK - 1) :]):
            if near.get(i, float("-inf")) < score - 1:
                break
            stack.insert(0, i)
        feats = [lineshape.features(self.lines[i].text) for i in stack]
        return next(
            i
            for k, i in enumerate(stack)
            if k == len(stack) - 1
            or (not feats[k + 1].title_case and feats[k + 1].words >= feats[k].words)
        )

    def _is_meta(self, i: int) -> bool:
        """A byline, date, share count or reading time, a lone "By" over a name, or an author's
        name on its own line (:meth:`_author_line`)."""
        line = self.lines[i]
        return _is_meta_line(line) or _BY_ALONE.match(line.item) is not None or self._author_line(i)

    def _kicker(self, i: int, following: list[int]) -> bool:
        """A short line (fewer than :data:`MIN_HEADLINE_WORDS` words) right above a full
        headline-shaped line (its own repeats between, as a menu's selected entry repeats it: "US
        & Canada" / "US & Canada"): a section label or kicker over the headline, not the headline."""
        if lineshape.features(self.lines[i].text).words >= MIN_HEADLINE_WORDS:
            return False
        key = self.lines[i].item.casefold()
        nxt = next((j for j in following if self.lines[j].item.casefold() != key), None)
        if nxt is None:
            return False
        line = self.lines[nxt]
        return _headline_candidate(line, self.shapes[nxt][0]) and not _BY.match(line.text)

    def _author_line(self, i: int) -> bool:
        """A name alone on its line (:data:`MAX_AUTHOR_LINE_WORDS`) next to a lone "By" or "and"
        above it or a date or byline below it: part of a byline, not a headline."""
        t = self.lines[i].item
        feats = lineshape.features(t)
        if not (0 < feats.words <= MAX_AUTHOR_LINE_WORDS and feats.stopword_share == 0):
            return False
        if not _NAMES.match(t):
            return False
        nonblank = [
            j for j, ln in enumerate(self.lines) if ln.text and self.shapes[j][1] != "separator"
        ]
        k = nonblank.index(i)
        while k and self.lines[nonblank[k - 1]].item == t:  # the name repeated ("Jane Roe" twice)
            k -= 1
        before = nonblank[k - 1] if k else None
        after = nonblank[k + 1] if k + 1 < len(nonblank) else None
        return (before is not None and _BY_ALONE.match(self.lines[before].item) is not None) or (
            after is not None and _is_meta_line(self.lines[after])
        )

    def _repeated_in_page(self, i: int) -> bool:
        """Whether line ``i``'s text is repeated in another line of the page that it makes up at
        least :data:`MIN_REPEAT_COVER` of (a breadcrumb's last part, "12 thoughts on ...", a
        share text; not a short phrase inside a long caption), prose lines excepted."""
        return any(cover >= MIN_REPEAT_COVER for cover, _ in self._repeats(i))

    def _section_label(self, i: int) -> bool:
        """A short line (fewer than :data:`MIN_HEADLINE_WORDS` words) that is also a menu entry
        (a bullet of the same words) elsewhere in the page: a section label ("Restaurant
        reviews"), not a short headline."""
        if lineshape.features(self.lines[i].text).words >= MIN_HEADLINE_WORDS:
            return False
        return any(cover == 1.0 and bullet for cover, bullet in self._repeats(i))

    def _repeats(self, i: int) -> list[tuple[float, bool]]:
        """(share of the other line line ``i`` makes up, whether that line is a bullet) for each
        other non-prose line holding ``i``'s text (case and spacing ignored)."""
        key = " ".join(lineshape.strip_bullet(self.lines[i].text).casefold().split())
        if not key:
            return []
        out = []
        for j, (ln, (cls, _)) in enumerate(zip(self.lines, self.shapes, strict=True)):
            if j == i or not ln.text or cls == "good":
                continue
            other = " ".join(ln.item.casefold().split())
            if key in other:
                out.append((len(key) / len(other), ln.bullet))
        return out

    def header_end(self) -> int:
        """Find the headline; drop what stands above it. Returns the index after the headline."""
        lines = self.lines
        nonblank = [i for i, ln in enumerate(lines) if ln.text]
        if not nonblank:
            return len(lines)
        start = self.prose_start()
        found = self.headline(start) if start is not None else None
        if found is not None:
            for i in nonblank:
                if i < found:
                    self.meta_line(lines[i])
            self._drop_header(found, skip_meta=True)
            self.title(lines[found])
            return found + 1
        limit = nonblank[: max(12, len(nonblank) // 2)]
        meta_idx = next(
            (i for i in limit if _is_meta_line(lines[i]) and not _TICKER.match(lines[i].text)), None
        )
        title_idx = nonblank[0]
        if meta_idx is not None:
            before = [i for i in nonblank if i < meta_idx]
            # headline sits right above the meta block (separated by a blank line), else right below
            prev = before[-1] if before else None
            if (
                prev is not None
                and not lines[prev].bullet
                and _is_headline_like(lines[prev].text)
                and lines[prev - 1].text == ""
                and not self._in_ticker(prev)
            ):
                title_idx = prev
            else:
                after = [i for i in nonblank if i > meta_idx and not _is_meta_line(lines[i])]
                if after:
                    title_idx = after[0]
                for i in nonblank:
                    if i < title_idx:
                        self.meta_line(lines[i])
                self._drop_header(title_idx, skip_meta=True)
                self.title(lines[title_idx])
                return title_idx + 1
        self._drop_header(title_idx, skip_meta=False)
        self.title(lines[title_idx])
        return title_idx + 1

    def _in_ticker(self, idx: int) -> bool:
        for j in range(idx, -1, -1):
            if not self.lines[j].text:
                return False
            if _TICKER.match(self.lines[j].text):
                return True
        return False

    def _drop_header(self, title_idx: int, *, skip_meta: bool) -> None:
        in_ticker = False
        for line in self.lines[:title_idx]:
            if not line.text:
                in_ticker = False
                continue
            if skip_meta and _is_meta_line(line):
                continue
            if _TICKER.match(line.text):
                in_ticker = True
            if in_ticker:
                reason = "breaking-news ticker"
            elif line.bullet or line.indent:
                reason = "navigation menu"
            else:
                reason = "masthead or navigation above the headline"
            self.drop(line, reason)

    def title(self, line: _Line) -> None:
        text, start, end = line.item, line.item_start, line.end
        if line.bullet:
            self.page.removed.append(Removed(line.start, start, "list bullet"))
        m = _TITLE_SUFFIX.search(text)
        if m:
            self.page.removed.append(Removed(start + m.start() + 1, line.end, "title suffix"))
            text, end = text[: m.start()], start + m.start()
        self.page.set_meta("title", text, "text")
        self.page.meta["title_span"] = (start, end)

    def meta_line(self, line: _Line) -> bool:
        """Record byline, source, date, share-count and reading-time lines. True if it was one."""
        t = line.item
        key = re.sub(r"\s+", " ", t.lower())
        if found := byline(t):
            if key in self.bylines:
                self.drop(line, "repeated byline (page break)")
                return True
            self.bylines.add(key)
            self.page.set_meta("author", found[0], "text")
            self.page.set_meta("published", found[1], "text")
            self.drop(line, "byline")
            return True
        if m := _SOURCE.match(t):
            self.page.set_meta("source_line", m.group(1).strip(), "text")
            self.drop(line, "source line")
            return True
        if _SHARES.match(t):
            self.drop(line, "share count")
            return True
        if _READING.match(t):
            self.drop(line, "reading time")
            return True
        if _looks_like_date(t):
            self.page.set_meta("published", parse_date(_DATE_PARTS.split(t)[0]), "text")
            self.drop(line, "dateline")
            return True
        return False

    def prose_end(self, begin: int) -> int:
        """Index after the article's prose (:meth:`prose_run`), its last short sentences and a tag
        list right after it (or after one more line, "Read more: ..."); the end of the page when
        no furniture follows (a clean text ending in a table or a line-up). ``len(lines)`` when the page has no prose."""
        run = self.prose_run()
        if run is None or run[1] < begin:
            return len(self.lines)
        last = run[1]
        for unit in self._tail_units(last + 1)[:MAX_TAIL_LINES]:
            # the story's last short lines, up to a short sentence or a numbered list
            if any(self.shapes[j][0] == "furniture" for j in unit):
                break
            if unit[0] in self.numbered or lineshape.short_sentence(self.lines[unit[-1]].text):
                last = unit[-1]
        end = last + 1
        if not any(cls == "furniture" for cls, _ in self.shapes[end:]):
            return len(self.lines)  # no furniture follows: a clean text's tables and line-ups
        following = _blocks(self.lines[end:])[:2]
        for block in following:  # a tag list, perhaps after a one-line block
            if all(ln.bullet and 0 < len(ln.item.split()) <= 6 for ln in block):
                end = self.lines.index(block[-1]) + 1
                break
            if len(block) > 1:
                break
        return end

    def _tail_units(self, start: int) -> list[list[int]]:
        """The non-blank lines from ``start`` in units: a numbered list (:meth:`_numbered_lists`)
        is one unit, and so is a line ending in ":" with the short lines it introduces (its list,
        up to a sentence or a prose line); any other line is a unit of its own."""
        units: list[list[int]] = []
        for j in range(start, len(self.lines)):
            line = self.lines[j]
            if not line.text:
                continue
            if units and (self.numbered.get(j, j) != j or self._colon_item(units, j)):
                units[-1].append(j)
            else:
                units.append([j])
        return units

    def _colon_item(self, units: list[list[int]], j: int) -> bool:
        """Whether line ``j`` goes on the unit before it: a line ending in ":" and the short
        lines (not short sentences) it introduces."""
        return (
            self.lines[units[-1][0]].text.endswith(":")
            and self.shapes[j][0] == "short"
            and not lineshape.short_sentence(self.lines[j].text)
        )

    def footer_start(self, begin: int) -> int:
        """Index of the first footer line after some body text (everything from it is dropped).

        A newsletter or subscription line followed by more reporting (a later paragraph with a
        reporting verb) is an in-article promo: only that line goes (see :meth:`body`).
        """
        seen_body = False
        first = max(begin, self.prose_start() or 0) if self.title_in_text else begin
        for i in range(first, len(self.lines)):
            t = self.lines[i].text
            if not t:
                continue
            if _SCROLL.match(t):
                self.footer_reason = "scroll to top"
                return i
            if seen_body and _AUTHOR_BOX.match(t):
                self.footer_reason = f"author box (from '{t[:40]}')"
                return i
            if seen_body and _FOOTER.match(t):
                low = t.lower()
                promo = low.startswith(_PROMO_STARTS)
                if not promo and self._inside_article(i):  # a "Most Read" box: only it goes
                    self.boxes.add(i)
                    continue
                if promo:
                    if self._reporting_follows(i):
                        self.promos.add(self.lines[i].start)
                        continue
                    self.footer_reason = "subscription block"
                elif low.startswith(_TEASER_STARTS):
                    self.footer_reason = f"'{t}' block"
                else:
                    self.footer_reason = f"footer (from '{t[:40]}')"
                return i
            if len(t.split()) > 8:
                seen_body = True
        self.footer_reason = "footer"
        return len(self.lines)

    def _reporting_follows(self, index: int) -> bool:
        return any(
            len(ln.text.split()) >= 15 and _REPORTING.search(ln.text)
            for ln in self.lines[index + 1 :]
        )

    def body(self, lines: list[_Line]) -> None:
        blocks = _blocks(lines)
        blocks = self._take_tags(blocks)
        pending_standfirst = self.title_in_text
        related_open = False
        broke_page = False
        box: str | None = None  # reason while inside a box heading's list, up to the next prose
        for block in blocks:
            # meta lines (byline, dates, shares, reading time) anywhere in the page, alone or
            # leading a block: recorded and dropped; the rest of the block goes on
            meta = next((k for k, ln in enumerate(block) if not _is_meta_line(ln)), len(block))
            for line in block[:meta]:
                self.meta_line(line)
                broke_page |= self.page.removed[-1].reason.startswith("repeated byline")
            block = block[meta:]
            if not block:
                continue
            first = block[0]
            if _SCROLL.match(first.text):
                self.drop_range(block, "scroll to top")
                continue
            if len(block) == 1 and first.start in self.promos:
                self.drop(first, "newsletter or subscription promo")
                continue
            if _RELATED.match(first.item) and all(ln.bullet for ln in block[1:]):
                self.drop_range(block, "related-news block")  # the heading and its list
                related_open = True
                continue
            if related_open and (
                all(ln.bullet for ln in block)
                or (len(block) == 1 and _is_headline_like(first.text, max_words=20))
            ):
                self.drop_range(block, "related-news block")
                continue
            related_open = False
            if len(block) == 1 and _READ_LINK.match(first.text):
                self.drop(first, "read-more link")
                continue
            if len(block) == 1 and _VIDEO_PROMO.match(first.text):
                self.drop(first, "video promo")
                continue
            if self._image_block(block):
                broke_page = True
                continue
            for k, line in enumerate(block):
                idx = self.lines.index(line)
                shape, why = self.shapes[idx]
                if idx in self.boxes:
                    box = f"'{line.text[:40]}' box inside the article"
                if box is not None and shape != "good":
                    self.drop(line, box)
                    continue
                box = None
                if shape == "furniture" and why in LIST_LIKE and self._in_run(idx):
                    shape = "short"
                if shape == "furniture" and self.title_in_text:
                    self.drop(line, f"furniture: {why}")
                    continue
                kind = self._kind(line, pending_standfirst, len(block))
                pending_standfirst = False
                spans = self._spans(line)
                if not spans:
                    continue
                target = self._continues(line, kind) if (broke_page or k > 0) else None
                if target is not None:
                    target.spans.extend(spans)
                else:
                    self.add(kind, spans)
                broke_page = False

    def _continues(self, line: _Line, kind: str) -> Paragraph | None:
        """The body paragraph that ``line`` continues (split by a page break or a hard wrap)."""
        if kind != "body" or not line.text[:1].islower():
            return None
        last = next((p for p in reversed(self.page.paragraphs) if p.kind == "body"), None)
        if last is None:
            return None
        tail = self.text[last.spans[-1][0] : last.spans[-1][1]].rstrip("\"”’'»)")
        return None if tail.endswith((".", "!", "?")) else last

    def _take_tags(self, blocks: list[list[_Line]]) -> list[list[_Line]]:
        """A run of short bullet items at the end of the article is its tag list."""
        if (
            blocks
            and len(blocks[-1]) >= 2
            and all(ln.bullet and 0 < len(ln.item.split()) <= 6 for ln in blocks[-1])
        ):
            tags = [ln.item for ln in blocks[-1]]
            self.page.set_meta("tags", tags, "text")
            self.drop_range(blocks[-1], "tag list (kept as tags)")
            return blocks[:-1]
        return blocks

    def _image_block(self, block: list[_Line]) -> bool:
        """Image viewer furniture, alt texts, photo credits and captions. True if handled."""
        texts = [ln.item for ln in block]
        if any(ln.bullet and _VIEWER.match(ln.item) for ln in block):
            caption_lines = [ln for ln in block if not ln.bullet and ln.indent]
            for ln in block:
                if ln.bullet and _VIEWER.match(ln.item):
                    self.drop(ln, "image viewer control")
                elif ln.bullet:
                    same = any(c.item == ln.item for c in caption_lines)
                    self.drop(ln, "image caption (duplicate)" if same else "image alt text")
                    if not caption_lines:
                        caption_lines = [ln]
                        self.page.removed.pop()
            for ln in caption_lines:
                self.add("caption", [(ln.item_start, ln.end)])
            return True
        if len(block) == 1 and (_CREDIT_LINE.match(texts[0]) or _GALLERY.search(texts[0])):
            self.add("caption", [(block[0].start, block[0].end)])
            return True
        if (
            len(block) == 1
            and _TRAILING_CREDIT.search(texts[0])
            and not texts[0].startswith(("“", '"'))
        ):
            self.add("caption", [(block[0].start, block[0].end)])
            return True
        return False

    def _kind(self, line: _Line, pending_standfirst: bool, block_len: int) -> str:
        t = line.text
        if pending_standfirst and (self.profile or _single_sentence(t)) and block_len == 1:
            return "standfirst"
        if line.bullet:
            return "body"
        words = len(t.split())
        if (
            words <= 8
            and not t.endswith((".", ",", ":", ";", '"', "”", "'", "’"))
            and t[0].isupper()
        ):
            return "subheading"
        if t.startswith(">"):
            return "blockquote"
        return "body"

    def _spans(self, line: _Line) -> list[Span]:
        start = line.item_start if line.bullet else line.start
        if line.bullet:
            self.page.removed.append(Removed(line.start, start, "list bullet"))
        spans: list[Span] = []
        pos = start
        segment = self.text[start : line.end]
        for m in _MD_LINK.finditer(segment):
            a, b = start + m.start(), start + m.end()
            inner = (start + m.start(1), start + m.end(1))
            if a > pos:
                spans.append((pos, a))
            self.page.removed.append(Removed(a, a + 1, "link markup"))
            self.page.removed.append(Removed(inner[1], b, "link markup"))
            spans.append(inner)
            pos = b
        if pos < line.end:
            spans.append((pos, line.end))
        # trim whitespace at span edges so that joining by one space reproduces the text
        trimmed = []
        for s, e in spans:
            while s < e and self.text[s].isspace():
                s += 1
            while e > s and self.text[e - 1].isspace():
                e -= 1
            if e > s:
                trimmed.append((s, e))
        return trimmed


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    """Group lines into blank-line separated blocks; hard-wrapped lines are joined later by spans."""
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _shape(text: str, repeated: dict[str, int]) -> tuple[str, str]:
    """The line's class (:func:`lineshape.classify`); a line repeated across files is furniture."""
    if not text:
        return "blank", ""
    if (count := repeated.get(repetition_key(text))) is not None:
        return "furniture", f"repeated in {count} files of the folder"
    return lineshape.classify(text)


def _headline_candidate(
    line: _Line, shape: str, *, min_words: int | None = None, bullet_ok: bool = False
) -> bool:
    """Shaped like a headline: not a bullet (unless ``bullet_ok``: a headline the page wrote as a
    list item, right above its byline), furniture, byline, date or caption; at least
    ``min_words`` (:data:`MIN_HEADLINE_WORDS`) words, no final stop."""
    t = line.item
    return (
        (bullet_ok or not line.bullet)
        and shape != "furniture"
        and not _is_meta_line(line)
        and not _looks_like_date(t)
        and not _CAPTION_END.search(t)
        and not _FILE_NAME.search(t)
        and lineshape.features(t).words >= (MIN_HEADLINE_WORDS if min_words is None else min_words)
        and not t.endswith(("|", "»", "›", ">"))
        and _is_headline_like(t, max_words=30)
        and sum(c.isalpha() for c in t) >= len(t) / 2
    )


def _join_long_gaps(runs: list[list[float]]) -> list[list[float]]:
    """Prose runs ([first, last, characters, prose lines, gap before]) with each long gap
    (:data:`LONG_GAP_LINES`) crossed where both sides hold :data:`MIN_SIDE_PROSE_LINES` prose
    lines."""
    out: list[list[float]] = []
    for run in runs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and run[4] <= LONG_GAP_LINES
            and min(prev[3], run[3]) >= MIN_SIDE_PROSE_LINES
        ):
            prev[1], prev[2], prev[3] = run[1], prev[2] + run[2], prev[3] + run[3]
        else:
            out.append(list(run))
    return out


def _single_sentence(text: str) -> bool:
    return len(text.split()) <= 45 and len(re.findall(r"[.!?][\"”’']?(?:\s|$)", text)) <= 1


def clean_page(
    text: str, *, title_in_text: bool = True, repeated: dict[str, int] | None = None
) -> Page:
    """Clean one page dump. ``title_in_text=False`` for texts whose title comes from elsewhere.

    Args:
        text: the decoded raw text.
        title_in_text: whether the first lines hold the headline (page dumps) or not (exports).
        repeated: lines (by :func:`analysis.repetition.repetition_key`) that recur across files of the same folder,
            with the number of files (see :mod:`analysis.repetition`): dropped as furniture.

    Returns:
        A :class:`Page` with paragraphs (``standfirst|body|subheading|caption|blockquote``), the
        removed stretches with reasons, and metadata found in the text.
    """
    return _Cleaner(text, title_in_text=title_in_text, repeated=repeated).run()
