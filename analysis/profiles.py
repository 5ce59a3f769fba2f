"""Outlet profiles: recognize a known outlet's page dump by its page furniture.

A profile names the outlet and the furniture that identifies it. The cleaner's general rules do the
cleaning; a profile only adds certainty about the outlet and that the first paragraph after the
headline is a standfirst. Add a profile here when a new outlet's dumps need it.

Example:
    >>> detect("Al Mayadeen English\\n...\\nAl Mayadeen is an Arab Independent Media Satellite Channel.").outlet
    'Al Mayadeen English'
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """An outlet recognized by page furniture: ``markers`` are regexes, ``needed`` of them must match."""

    outlet: str
    markers: tuple[str, ...]
    needed: int = 1


PROFILES: tuple[Profile, ...] = (
    Profile(
        "Al Mayadeen English",
        (
            r"(?m)^Al Mayadeen English\s*$",
            r"Al Mayadeen is an Arab Independent Media Satellite Channel",
            r"(?m)^\s*•\s*By Al Mayadeen English\s*$",
        ),
        needed=2,
    ),
    Profile(
        "The New American",
        (
            r"(?m)^Subscribe to the New American\s*$",
            r'"The New American" magazine',
            r"(?m)^Written by \[[^\]]+\]\([^)]*\) on \w+ \d{1,2}, \d{4}\s*$",
        ),
        needed=2,
    ),
)


def detect(text: str) -> Profile | None:
    """Return the profile whose markers match ``text``, or None for an outlet not profiled."""
    for profile in PROFILES:
        hits = sum(bool(re.search(marker, text)) for marker in profile.markers)
        if hits >= profile.needed:
            return profile
    return None
