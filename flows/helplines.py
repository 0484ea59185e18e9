"""Helplines and emergency numbers by country, chosen from the person's time zone (DESIGN §5).

The numbers live in data/helplines.toml with their sources and review date; the shell loads and
checks them and maps every IANA zone to its country. Here the choice and the bullet lines are pure:
a zone with no country, or a country with no entry, gets the fallback list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from flows.catalogue import keys

__all__ = ["NAME", "CountryHelp", "Helplines", "Line", "for_zone", "lines_text"]

ALWAYS = "24/7"  # a line's hours: always open
DAILY = "daily "  # or "daily 15:30–00:30"
K = keys("helpline", "line", "text", "always", "daily")
NAME = "helpline.name."  # + a fallback line's key: its name is not a service's own, so translated


class Say(Protocol):
    def __call__(self, key: str, **params: Any) -> str: ...


@dataclass(frozen=True)
class Line:
    """One helpline as the person would use it; phone and text are blank when not offered."""

    name: str  # as the service calls itself: "Samaritans", "Línea 024"
    phone: str  # as dialled in the country: "116 123"; alternatives joined by " / "
    text: str  # SMS or chat: "988", "SHOUT to 85258"
    hours: str  # ALWAYS ("24/7") or "daily 15:30–00:30": written in the person's language
    source: str  # the official page the number was checked against
    web: str = ""  # a website, for the fallback's directory; country lines need phone or text
    key: str = ""  # the fallback's lines: their name in the person's language, helpline.name.<key>


@dataclass(frozen=True)
class CountryHelp:
    """What one country offers: the ambulance number and its helplines ("" for the fallback)."""

    country: str  # ISO 3166 alpha-2, "" for the fallback
    emergency: str  # the number to call for an ambulance: "999", "112"
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Helplines:
    """Every country's entry, the fallback, and which country each IANA zone belongs to."""

    version: str
    reviewed: date  # when the numbers were last checked against their sources
    countries: Mapping[str, CountryHelp]
    fallback: CountryHelp
    zone_country: Mapping[str, str]  # "Europe/Madrid" -> "ES"; zones of no country are absent


def for_zone(helplines: Helplines, tz: str | None) -> CountryHelp:
    """Returns the entry for the country of `tz`, or the fallback when there is none."""
    country = helplines.zone_country.get(tz) if tz else None
    if country is None:
        return helplines.fallback
    return helplines.countries.get(country, helplines.fallback)


def lines_text(help: CountryHelp, text: Say) -> str:
    """Renders the lines as bullets in the person's language ("• name: phone, text …, web
    (hours)"), one per line; `text` renders a catalogue key."""
    bullets = []
    for line in help.lines:
        ways = [line.phone] if line.phone else []
        ways += [text(K.text, number=line.text)] if line.text else []
        ways += [line.web] if line.web else []
        if line.hours == ALWAYS:
            hours = text(K.always)
        else:
            hours = text(K.daily, hours=line.hours.removeprefix(DAILY))
        name = text(f"{NAME}{line.key}") if line.key else line.name
        bullets.append(text(K.line, name=name, ways=", ".join(ways), hours=hours))
    return "\n".join(bullets)
