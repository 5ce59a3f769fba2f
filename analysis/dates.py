"""Read publication dates written the many ways news pages write them, as ISO 8601 strings.

Example:
    >>> parse_date("16 Apr 2024 07:22"), parse_date("January 26, 2024"), parse_date("Monday")
    ('2024-04-16T07:22', '2024-01-26', None)
"""

from __future__ import annotations

import re
from datetime import datetime

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PATTERNS = (
    re.compile(
        rf"^(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>\d{{4}})(?:,?\s+(?P<t>\d{{1,2}}:\d{{2}}))?$",
        re.I,
    ),
    re.compile(
        rf"^(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})(?:,?\s+(?P<t>\d{{1,2}}:\d{{2}}))?$",
        re.I,
    ),
)
_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)


def parse_date(text: str | None) -> str | None:
    """Return ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM`` for a recognizable date, else None."""
    if not text:
        return None
    t = re.sub(r"\s+", " ", str(text)).strip().rstrip(".")
    t = re.sub(r"^(?:Published|Updated|Posted)(?: on)?:?\s+", "", t, flags=re.I)
    t = re.sub(r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+", "", t, flags=re.I)
    if m := _ISO.match(t):
        y, mo, d, hh, mm = m.groups()
        return _fmt(int(y), int(mo), int(d), f"{hh}:{mm}" if hh else None)
    for pattern in _PATTERNS:
        if m := pattern.match(t):
            month = datetime.strptime(m.group("m")[:3].title(), "%b").month
            return _fmt(int(m.group("y")), month, int(m.group("d")), m.group("t"))
    return None


def _fmt(year: int, month: int, day: int, time: str | None) -> str | None:
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    if not 1900 <= year <= 2100:
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    if time:
        hh, mm = time.split(":")
        return f"{date}T{int(hh):02d}:{mm}"
    return date
