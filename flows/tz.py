"""The person's time zone as an answer: a city, an IANA name or a whole-hour UTC offset; how it is
named back to them, and the note a fixed offset needs.

An offset is stored as its Etc zone ("UTC+2" is Etc/GMT-2) and named back as the person wrote it
("UTC+2"), never by the Etc name, whose sign reads the wrong way round. An offset that is not a
whole number of hours ("UTC+5:30") is refused with a request for the city: the IANA database has
no fixed zone for it, and the city's zone follows its clock changes anyway.
"""

from __future__ import annotations

import re
from typing import Any

from flows.catalogue import keys
from flows.engine import Invalid, Turn
from flows.engine import K as K_INVALID
from flows.parse import offset_zone, utc_offset, zone

__all__ = ["K", "is_fixed", "label", "note_if_fixed", "parse_zone"]

K = keys("zone", "fixed", "not_whole_hour")

_ETC = re.compile(r"^Etc/GMT([+-]\d{1,2})$")
_FIXED = frozenset(
    {"UTC", "GMT", "UCT", "Zulu", "Universal", "Greenwich", "GMT0", "GMT+0", "GMT-0"}
)


def parse_zone(turn: Turn, text: str) -> Any:
    """Reads a typed zone: a UTC offset first ("GMT+2" must not be the tail of Etc/GMT+2, which is
    two hours behind), then an IANA name or a city."""
    minutes = utc_offset(text)
    if minutes is not None:
        if minutes % 60:
            return Invalid(K.not_whole_hour)
        found = offset_zone(minutes, turn.content.zones)
    else:
        found = zone(text, turn.content.zones, turn.content.zone_aliases)
    return Invalid(K_INVALID.invalid_zone) if found is None else found


def label(name: str) -> str:
    """How a zone is named to the person: "UTC+2" for Etc/GMT-2, otherwise its IANA name."""
    match = _ETC.match(name)
    if not match:
        return name
    hours = -int(match.group(1))
    return f"UTC{hours:+d}" if hours else "UTC"


def is_fixed(name: str) -> bool:
    """True for a zone that is a fixed offset from UTC (no summer time by design)."""
    return name.startswith("Etc/") or name in _FIXED


def note_if_fixed(turn: Turn, name: str) -> None:
    """Says that a fixed offset does not follow daylight saving and that a city would."""
    if is_fixed(name):
        turn.say(K.fixed, tz=label(name))
