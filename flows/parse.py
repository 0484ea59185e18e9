"""Reading what people type: numbers, times of day, time zones, UTC offsets and dates.

Strict where a guess could hurt: an answer that is not clearly one thing is asked again. The
usual English, Spanish and German ways are read whatever the person's language ("4 out of 10",
"4 de 10", "4 von 10"; "18 Uhr"; "3 days ago", "hace 3 días", "vor 3 Tagen"): none of them can
be mistaken for another.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, time

_SCORE = re.compile(
    r"^\s*(\d{1,2})\s*(?:(?:/|out of|of|de|sobre|von)\s*10)?\s*[.!]?\s*$", re.IGNORECASE
)


def score(text: str, lo: int = 0, hi: int = 10) -> int | None:
    """The whole number in lo..hi that `text` unambiguously is ("4", " 4 ", "4/10", "4 de 10",
    "4 von 10"), else None."""
    match = _SCORE.match(text)
    if not match:
        return None
    value = int(match.group(1))
    return value if lo <= value <= hi else None


_TIME = re.compile(
    r"^\s*(\d{1,2})(?:\s*[:.h]\s*(\d{2})|(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|uhr|h)?\s*$", re.I
)


def time_of_day(text: str) -> time | None:
    """Reads "7:30", "07.30", "0730", "7am", "7:30 pm", "18 Uhr", "7.30 h" as a time of day;
    None if it is not one."""
    match = _TIME.match(text)
    if not match:
        return None
    hour = int(match.group(1))
    minute = int(match.group(2) or match.group(3) or 0)
    suffix = (match.group(4) or "").lower().replace(".", "")
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def zone(text: str, zones: Iterable[str], aliases: Mapping[str, str] | None = None) -> str | None:
    """The IANA zone meant by `text` ("Europe/London", "europe/london", "London", "Bogotá"), or
    by a city's name in another language (`aliases`: "ciudad de mexico", "wien"), else None."""
    bare = "".join(
        c
        for c in unicodedata.normalize("NFD", text.strip().lower())
        if not unicodedata.combining(c)
    )
    wanted = bare.replace(" ", "_")
    if not wanted:
        return None
    if aliases and " ".join(bare.replace("_", " ").split()) in aliases:
        return aliases[" ".join(bare.replace("_", " ").split())]
    by_lower = {z.lower(): z for z in zones}
    if wanted in by_lower:
        return by_lower[wanted]
    tails = [z for low, z in by_lower.items() if low.rsplit("/", 1)[-1] == wanted]
    return tails[0] if len(tails) == 1 else None


_OFFSET = re.compile(
    r"^\s*(?:utc|gmt)?\s*([+\-\u2212])\s*(\d{1,2})(?:\s*[:.h]?\s*(\d{2}))?\s*$", re.I
)
MAX_OFFSET_HOURS = 14  # the furthest east any place is (Kiribati); the furthest west is 12


def utc_offset(text: str) -> int | None:
    """Reads "UTC+2", "GMT-5", "+05:30", "UTC+5:30", "utc -0300" as minutes east of UTC; a sign
    is needed ("UTC" or "2" alone is not an offset); None if it is not one."""
    match = _OFFSET.match(text)
    if not match:
        return None
    hours, minutes = int(match.group(2)), int(match.group(3) or 0)
    if hours > MAX_OFFSET_HOURS or minutes > 59:
        return None
    sign = 1 if match.group(1) == "+" else -1
    return sign * (hours * 60 + minutes)


def offset_zone(minutes: int, zones: Iterable[str]) -> str | None:
    """The IANA zone for a whole-hour offset: "UTC" for 0, else "Etc/GMT-2" for UTC+2 (the Etc
    zones carry the POSIX sign, the inverse of the usual one); None for an offset that is not a
    whole number of hours or has no zone (there is no Etc zone for UTC+5:30)."""
    if minutes % 60:
        return None
    hours = minutes // 60
    name = "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
    return name if name in set(zones) else None


_AGO = re.compile(
    r"^\s*(?:about|around|roughly|maybe|nearly|almost|over|just over|a little over)?\s*"
    r"(\d{1,3}|an?|one|two|three|four|five|six)\s*"
    r"(day|days|d|week|weeks|w|fortnight|fortnights)\s*(ago|back)?\s*$",
    re.IGNORECASE,
)
_AGO_ES = re.compile(
    r"^\s*(?:hace\s+)?(?:unos|unas|casi|mas de|más de|como)?\s*"
    r"(\d{1,3}|una?|uno|dos|tres|cuatro|cinco|seis)\s*(d[ií]as?|semanas?)\s*$",
    re.IGNORECASE,
)
_AGO_DE = re.compile(
    r"^\s*(?:vor\s+)?(?:etwa|ungefähr|ca\.?|fast|knapp|über|gut)?\s*"
    r"(\d{1,3}|eine[mr]?|ein|zwei|drei|vier|fünf|sechs)\s*(tage?n?|wochen?)\s*(?:her)?\s*$",
    re.IGNORECASE,
)
_COUNTS = {
    **{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6},
    **{"un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6},
    **{"ein": 1, "eine": 1, "einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4},
    **{"fünf": 5, "sechs": 6},
}
# by the unit's first letter (months: pick the range): day, día, Tag; week, semana, Woche
_UNIT_DAYS = {"d": 1, "t": 1, "w": 7, "s": 7, "f": 14}


def days_ago(text: str, today: date) -> int | None:
    """Reads "3 days ago", "2 weeks", "about a fortnight ago", "a week back", "hace 3 días",
    "vor 2 Wochen", or an ISO date not in the future, as a number of days."""
    match = _AGO.match(text) or _AGO_ES.match(text) or _AGO_DE.match(text)
    if match:
        count = match.group(1).lower()
        n = int(count) if count.isdecimal() else _COUNTS[count]
        return n * _UNIT_DAYS[match.group(2).lower()[0]]
    try:
        when = date.fromisoformat(text.strip())
    except ValueError:
        return None
    delta = (today - when).days
    return delta if 0 <= delta <= 3650 else None
