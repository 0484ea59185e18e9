"""Choosing helplines by time zone, and rendering them: plain data in, data out."""

from __future__ import annotations

from datetime import date

import pytest

from bot.content import load_content
from flows.helplines import CountryHelp, Helplines, Line, for_zone, lines_text

CONTENT = load_content()

SOURCE = "https://example.org/help"
GB = CountryHelp("GB", "999", (Line("Samaritans", "116 123", "", "24/7", SOURCE),))
ES = CountryHelp("ES", "112", (Line("Línea 024", "024", "", "24/7", SOURCE),))
MX = CountryHelp("MX", "911", (Line("Línea de la Vida", "800 911 2000", "", "24/7", SOURCE),))
IN = CountryHelp("IN", "112", (Line("Tele-MANAS", "14416", "", "24/7", SOURCE),))
FALLBACK = CountryHelp("", "112", (Line("Find A Helpline", "", "", "24/7", SOURCE, "x.org"),))
HELPLINES = Helplines(
    version="test",
    reviewed=date(2026, 12, 6),
    countries={"GB": GB, "ES": ES, "MX": MX, "IN": IN},
    fallback=FALLBACK,
    zone_country={
        "Europe/London": "GB",
        "Europe/Madrid": "ES",
        "Atlantic/Canary": "ES",
        "America/Mexico_City": "MX",
        "Asia/Kolkata": "IN",
        "Europe/Paris": "FR",  # a country with no entry
    },
)


@pytest.mark.parametrize(
    ("tz", "expected"),
    [
        ("Europe/Madrid", ES),
        ("Atlantic/Canary", ES),
        ("America/Mexico_City", MX),
        ("Europe/London", GB),
        ("Asia/Kolkata", IN),
    ],
)
def test_a_zone_gets_its_own_countrys_helplines(tz: str, expected: CountryHelp) -> None:
    """A zone that belongs to a listed country gets that country's entry."""
    assert for_zone(HELPLINES, tz) == expected


@pytest.mark.parametrize("tz", ["UTC", None, "", "Mars/Olympus_Mons", "europe/london"])
def test_no_zone_or_a_zone_of_no_country_gets_the_fallback(tz: str | None) -> None:
    """UTC, no zone at all, and a zone the map does not know (case matters) get the fallback."""
    assert for_zone(HELPLINES, tz) == FALLBACK


def test_a_country_without_an_entry_gets_the_fallback() -> None:
    """A zone whose country is known but not listed (Paris) gets the fallback, not nothing."""
    assert for_zone(HELPLINES, "Europe/Paris") == FALLBACK


def english(key: str, **params: object) -> str:
    return CONTENT.text("en", key, params)


def test_lines_text_shows_each_line_with_its_number_and_hours() -> None:
    """One bullet per line: the name, the phone, the text number when there is one, the hours."""
    help = CountryHelp(
        "US",
        "911",
        (
            Line("988 Suicide & Crisis Lifeline", "988", "988", "24/7", SOURCE),
            Line("Telefono Amico Italia", "02 2327 2327", "", "daily 9:00–24:00", SOURCE),
        ),
    )
    assert lines_text(help, english) == (
        "• 988 Suicide & Crisis Lifeline: 988, text 988 (24/7)\n"
        "• Telefono Amico Italia: 02 2327 2327 (daily 9:00–24:00)"
    )


def test_lines_text_leaves_out_a_missing_phone_and_shows_a_website() -> None:
    """A text-only line starts with its text number; a web-only line shows the address."""
    help = CountryHelp(
        "",
        "112",
        (
            Line("Shout", "", "SHOUT to 85258", "24/7", SOURCE),
            Line("Find A Helpline", "", "", "24/7", SOURCE, "findahelpline.com"),
        ),
    )
    assert lines_text(help, english) == (
        "• Shout: text SHOUT to 85258 (24/7)\n• Find A Helpline: findahelpline.com (24/7)"
    )


def speaker(language: str):
    def say(key: str, **params: object) -> str:
        return CONTENT.text(language, key, params)

    return say


def test_a_helpline_reads_in_the_persons_language() -> None:
    """The same line in Spanish and German: the words around the number are theirs."""
    help = CountryHelp("ES", "112", (Line("Línea 024", "024", "", "daily 9:00–24:00", SOURCE),))
    for language in ("es", "de"):
        shown = lines_text(help, speaker(language))
        assert shown.startswith("• Línea 024: 024 (")
        assert CONTENT.text(language, "helpline.daily", {"hours": "9:00–24:00"}) in shown
        assert "daily" not in shown


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_the_shipped_fallback_list_is_named_in_the_persons_language(language: str) -> None:
    """Someone with no known country (before onboarding asks the time zone) reads the fallback
    list in their language: its lines are named by the catalogue, not in English for everyone."""
    shown = lines_text(CONTENT.helplines.fallback, speaker(language))
    for key in ("directory", "emergency"):
        assert f"• {CONTENT.text(language, f'helpline.name.{key}')}:" in shown
    if language != "en":
        assert "from most mobile phones" not in shown and "every country" not in shown
