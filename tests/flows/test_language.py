"""Choosing the language (DESIGN §10): from the app's language on /start, confirmed in the first
question, changed in /settings; the coach's words, dates and typed answers in that language."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.render import as_text
from flows.model import LANGUAGE_HINT, Event, EventKind
from tests.flows.transcript import (
    AFTER_SCREEN,
    CONTENT,
    ONBOARDING,
    RED_FLAGS_NO,
    START,
    TO_SCREEN,
    Chat,
    onboard,
)

OTHERS = [code for code in CONTENT.languages if code != "en"]


def start(chat: Chat, hint: str | None) -> list:
    payload = {} if hint is None else {LANGUAGE_HINT: hint}
    return chat.send(Event(EventKind.COMMAND, name="start", payload=payload))


def test_spanish_and_german_are_offered() -> None:
    assert set(OTHERS) == {"es", "de"}


@pytest.mark.parametrize(
    ("hint", "language"),
    [
        ("es-MX", "es"),
        ("es", "es"),
        ("de-AT", "de"),
        ("DE", "de"),
        ("ja", "en"),
        (None, "en"),
        ("", "en"),
        ("en-US", "en"),
    ],
)
def test_a_new_person_is_set_up_in_the_language_their_app_uses(
    hint: str | None, language: str
) -> None:
    chat = Chat(now=START)
    (intro,) = start(chat, hint)
    assert chat.facts.profile.language == language
    assert intro.key == "onboarding.intro_languages"
    offered = [c.value for c in intro.choices]
    # Continue, then every other language by its own name
    assert offered == ["go_on", *(f"lang:{c}" for c in CONTENT.languages if c != language)]
    labels = [c.label for c in intro.choices[1:]]
    assert labels == [CONTENT.text(c, "language.name") for c in CONTENT.languages if c != language]


def test_a_language_button_on_the_first_question_asks_it_again_in_that_language() -> None:
    chat = Chat(now=START)
    start(chat, "en-GB")
    (intro,) = chat.press("lang:de")
    assert chat.facts.profile.language == "de"
    assert intro.key == "onboarding.intro_languages"
    assert "lang:en" in [c.value for c in intro.choices]
    assert as_text(CONTENT, "de", intro).startswith(CONTENT.text("de", "onboarding.intro")[:20])


def test_the_apps_language_does_not_override_a_person_already_set_up() -> None:
    chat = onboard()
    start(chat, "es-ES")
    assert chat.facts.profile.language == "en"


def test_a_forged_language_button_is_asked_again_not_saved() -> None:
    chat = Chat(now=START)
    start(chat, None)
    replies = chat.press("lang:xx")
    assert chat.facts.profile.language == "en"
    assert replies[-1].key in ("onboarding.intro_short", "onboarding.intro_languages")


def test_settings_switches_language_and_the_open_question_comes_back_in_it() -> None:
    """Mid check-in: /settings → Language → Deutsch; the reply is German and the open check-in
    question is asked again (rendered in German)."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]")
    assert chat.asked.key == "checkin.baseline"
    replies = chat.play("/settings", "[language]", "Deutsch")
    assert chat.facts.profile.language == "de"
    keys = [r.key for r in replies]
    assert "settings.saved_language" in keys
    assert keys[-1].startswith("checkin.baseline")
    assert chat.asked.step is not None
    rendered = as_text(CONTENT, "de", chat.asked)
    assert rendered.startswith(CONTENT.text("de", chat.asked.key, chat.asked.params)[:15])
    replies = chat.say("2")  # the answer still counts
    assert chat.asked.key == "checkin.expected"


@pytest.mark.parametrize(
    ("language", "typed", "slot"),
    [
        ("en", "Sunday 18:00", "6 18:00"),
        ("en", "sun 6pm", "6 18:00"),
        ("es", "domingo 18:00", "6 18:00"),
        ("es", "miercoles 9:30", "2 09:30"),  # typed without its accent
        ("de", "Sonntag 18 Uhr", "6 18:00"),
        ("de", "Mi 9:30", "2 09:30"),
        ("de", "Sunday 18:00", "6 18:00"),  # English is always understood
    ],
)
def test_a_recap_day_is_read_in_the_persons_language(language: str, typed: str, slot: str) -> None:
    chat = onboard()
    chat.facts = replace(chat.facts, profile=replace(chat.facts.profile, language=language))
    chat.play("/settings", "[recap]", typed)
    assert chat.facts.profile.recap_slot == slot


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [("en", "1 point", "2 points"), ("es", "1 punto", "2 puntos"), ("de", "1 Punkt", "2 Punkte")],
)
def test_points_take_the_languages_plural_at_one_and_two(language: str, one: str, two: str) -> None:
    params = {"pain": 4, "when": "x", "b": 3}
    assert one in CONTENT.text(language, "after.above", {**params, "diff": 1})
    assert two in CONTENT.text(language, "after.above", {**params, "diff": 2})


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "2 Mar"), ("es", "2 mar"), ("de", "2. März")]
)
def test_the_recap_header_writes_its_dates_in_the_persons_language(
    language: str, expected: str
) -> None:
    assert CONTENT.day(language, date(2026, 3, 2)) == expected


def test_every_reply_of_a_whole_onboarding_renders_in_each_language() -> None:
    for language in CONTENT.languages:
        chat = Chat(now=START)
        start(chat, language)
        chat.play(*ONBOARDING[1:], "[later]")
        assert chat.facts.profile.language == language
        assert chat.facts.profile.onboarded_at is not None


def test_a_german_noun_keeps_its_capital_inside_a_sentence() -> None:
    """The portfolio names a purpose inside a sentence by its own inline form, not the button's
    name lower-cased: "Für Entlastung hast du …", never "für entlastung"."""
    chat = onboard()
    chat.facts = replace(chat.facts, profile=replace(chat.facts.profile, language="de"))
    chat.play("/portfolio", "[decompression]")
    assert chat.asked.key == "portfolio.pick"
    assert as_text(CONTENT, "de", chat.asked).startswith("Für Entlastung hast du")


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Ciudad de México", "America/Mexico_City"),
        ("Bogotá", "America/Bogota"),  # accents ignored
        ("Wien", "Europe/Vienna"),
        ("München", "Europe/Berlin"),
        ("Buenos Aires", "America/Argentina/Buenos_Aires"),
    ],
)
def test_a_city_typed_in_spanish_or_german_finds_its_time_zone(typed: str, zone: str) -> None:
    chat = onboard()
    chat.play("/settings", "[tz]", typed)
    assert chat.facts.profile.tz == zone


@pytest.mark.parametrize(
    ("hint", "near", "far"),
    [
        (
            "es-MX",
            ["Europe/Madrid", "America/Mexico_City", "America/Argentina/Buenos_Aires"],
            "Asia/Tokyo",
        ),
        ("de-CH", ["Europe/Berlin", "Europe/Vienna", "Europe/Zurich"], "America/Los_Angeles"),
        ("en-GB", ["Europe/London", "Asia/Kolkata", "Australia/Sydney"], "America/Mexico_City"),
    ],
)
def test_the_time_zone_buttons_are_where_speakers_of_the_persons_language_live(
    hint: str, near: list[str], far: str
) -> None:
    """Onboarding's zone question offers the zones of the person's language as buttons (a
    Spanish speaker sees Mexico City and Buenos Aires, not Tokyo), so the helplines a crisis
    gets are their country's with one tap; /settings offers the same."""
    chat = Chat(now=START)
    start(chat, hint)
    chat.play(*TO_SCREEN[1:], *RED_FLAGS_NO, *AFTER_SCREEN[: AFTER_SCREEN.index("london")])
    offered = [c.value for c in chat.asked.choices]
    assert chat.asked.key == "onboarding.tz"
    assert all(zone in offered for zone in near) and far not in offered
    chat.play("london", "7am", "[no]", "[later]", "/settings", "[tz]")
    assert [c.value for c in chat.asked.choices] == offered


def test_a_city_two_countries_share_is_asked_again() -> None:
    """Valencia is in Spain and in Venezuela: no guess, the question again."""
    chat = onboard()
    replies = chat.play("/settings", "[tz]", "Valencia")
    assert chat.facts.profile.tz == "Europe/London"
    assert "common.invalid_zone" in [r.key for r in replies]
