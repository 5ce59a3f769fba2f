"""Read publication dates written the many ways news pages write them, as ISO 8601 strings.

Forms read: ``29 January 2024``, ``January 29, 2024``, ``Jan. 29, 2024``, ISO ``2024-01-29``,
day first with dots ``29.01.2024``
(with a time and zone or not), each with an optional time (``10:32``, ``10:32 AM``, ``2:30 pm``,
a zone such as ``ET`` or ``GMT+1`` ignored) and an optional lead word (``Published``, ``Updated:``,
``Posted on``, a weekday). Relative forms ("2 hours ago") and dates without a year are not dates.

Example:
    >>> parse_date("16 Apr 2024 07:22"), parse_date("January 26, 2024"), parse_date("Monday")
    ('2024-04-16T07:22', '2024-01-26', None)
    >>> parse_date("Jan. 29, 2024 10:32 AM ET"), parse_date("Updated: 2024-01-29")
    ('2024-01-29T10:32', '2024-01-29')
    >>> find_date("By Sarah Whitfield | January 29, 2024")
    ('2024-01-29', 21, 37)
"""

from __future__ import annotations

import re
from datetime import datetime

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_TIME = (
    r"(?:,?\s*(?:at\s+)?(?P<t>\d{1,2}[:.]\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*(?:[A-Z]{2,4}T?|UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?)?"
)
_DATES = (
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH}),?\s+(?P<y>\d{{4}}){_TIME}", re.I
    ),
    re.compile(
        rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}}){_TIME}", re.I
    ),
    re.compile(
        r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:[T ](?P<t>\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?"
        r"(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d-])"
    ),
    # day first with dots, as most of Europe writes it ("21.10.2019")
    re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})\.(?P<mo>\d{{1,2}})\.(?P<y>\d{{4}})(?![\d.]){_TIME}"),
)
_LEAD = re.compile(
    r"^(?:(?:Published|Updated|Posted|Last (?:updated|modified)|Date|First published)"
    r"(?:\s+(?:on|at))?\s*:?\s*)?(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?",
    re.I,
)


def find_date(text: str | None) -> tuple[str, int, int] | None:
    """The first date in ``text`` as (ISO string, start, end offsets), or None."""
    if not text:
        return None
    found = []
    for pattern in _DATES:
        for m in pattern.finditer(str(text)):
            iso = _from_match(m)
            if iso:
                found.append((m.start(), -len(m.group(0)), iso, m.end()))
                break
    if not found:
        return None
    start, _, iso, end = min(found)
    return iso, start, end


def parse_date(text: str | None) -> str | None:
    """``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM`` when ``text`` is a date (and nothing more), else None."""
    if not text:
        return None
    t = re.sub(r"\s+", " ", str(text)).strip().rstrip(".")
    t = t[_LEAD.match(t).end() :]
    for pattern in _DATES:
        m = pattern.fullmatch(t)
        if m:
            return _from_match(m)
    return None


def _from_match(m: re.Match) -> str | None:
    groups = m.groupdict()
    if groups.get("mo"):
        month = int(groups["mo"])
    else:
        month = datetime.strptime(groups["m"][:3].title(), "%b").month
    time = groups.get("t")
    if time:
        hh, mm = (int(x) for x in re.split(r"[:.]", time))
        ampm = (groups.get("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hh < 12:
            hh += 12
        elif ampm == "am" and hh == 12:
            hh = 0
        time = f"{hh:02d}:{mm:02d}" if hh < 24 and mm < 60 else None
    return _fmt(int(groups["y"]), month, int(groups["d"]), time)


def _fmt(year: int, month: int, day: int, time: str | None) -> str | None:
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    if not 1900 <= year <= 2100:
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    return f"{date}T{time}" if time else date
