"""Onboarding reads back the time zone and the morning time, and ends with a summary of the
settings."""

from __future__ import annotations

import pytest

from bot.render import as_text
from tests.flows.transcript import (
    CONTENT,
    FEARS,
    ONBOARDING,
    RED_FLAGS_NO,
    START,
    TO_SCREEN,
    Chat,
    keys_of,
    unstamped,
)

# ---------------------------------------- reading back the time zone and the morning time

BEFORE_TZ = (*TO_SCREEN, *RED_FLAGS_NO, "[week]", *FEARS, "[skip]", "[suggested]")


def at_tz() -> Chat:
    """A new person who has just been asked for their time zone."""
    chat = Chat(now=START)
    chat.play(*BEFORE_TZ)
    assert chat.state == ("onboarding", "tz")
    return chat


def test_onboarding_reads_back_london_and_7_45am() -> None:
    """ "london" is read back as Europe/London, then "7.45am" as "Europe/London — 07:45 each
    morning", each before the next question."""
    chat = at_tz()
    replies = chat.say("london")
    assert keys_of(replies) == ["onboarding.tz_noted", "onboarding.nudge_time"]
    assert replies[0].params == {"tz": "Europe/London"}
    replies = chat.say("7.45am")
    assert keys_of(replies) == ["onboarding.time_noted", "onboarding.breaks"]
    assert replies[0].params == {"tz": "Europe/London", "time": "07:45"}
    assert as_text(CONTENT, "en", replies[0]) == "Europe/London — 07:45 each morning."


def test_onboarding_ends_with_a_summary_of_the_settings_before_todays_step() -> None:
    """The last answer brings the summary — zone, morning time, micro-breaks, the default weekly
    recap slot (data/rhythm.toml) and the ladders started — then today's step."""
    chat = Chat(now=START)
    replies = chat.play(*ONBOARDING)
    keys = keys_of(replies)
    (done,) = [r for r in replies if r.key == "onboarding.done"]
    assert done.params == {
        "tz": "Europe/London",
        "time": "07:00",
        "breaks": "off",
        "recap": "Sunday 18:00",
        "language": "English",
        "ladders": ", ".join(CONTENT.ladders[m].name for m in ("bend", "twist", "carry")),
    }
    first_plan = next(i for i, k in enumerate(keys) if k.startswith("plan."))
    assert keys.index("onboarding.done") < first_plan


def test_onboarding_summary_without_ladders_still_names_the_settings() -> None:
    """With nothing feared, the summary still lists zone, time, micro-breaks and recap."""
    chat = Chat(now=START)
    fears = ["0"] * len(CONTENT.ladders)
    replies = chat.play(*TO_SCREEN, *RED_FLAGS_NO, "[week]", *fears, "[skip]", "[suggested]")
    replies = chat.play("Europe/Berlin", "[08:30]", "[yes]")
    (done,) = [r for r in replies if r.key == "onboarding.done_no_ladders"]
    assert done.params == {
        "tz": "Europe/Berlin",
        "time": "08:30",
        "breaks": "on",
        "recap": "Sunday 18:00",
        "language": "English",
    }


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("UTC+2", "Etc/GMT-2", "UTC+2"),
        ("GMT-5", "Etc/GMT+5", "UTC-5"),
        ("+02:00", "Etc/GMT-2", "UTC+2"),
        ("gmt+2", "Etc/GMT-2", "UTC+2"),  # not Etc/GMT+2, which is two hours *behind* UTC
        ("UTC+0", "UTC", "UTC"),
    ],
)
def test_onboarding_takes_a_whole_hour_offset_and_says_it_skips_daylight_saving(
    typed: str, stored: str, shown: str
) -> None:
    """A whole-hour offset is stored as its Etc zone, read back as UTC±N, with the note that it
    won't follow daylight saving and a city would."""
    chat = at_tz()
    replies = chat.say(typed)
    assert keys_of(replies) == ["onboarding.tz_noted", "zone.fixed", "onboarding.nudge_time"]
    assert replies[0].params == replies[1].params == {"tz": shown}
    assert "daylight saving" in as_text(CONTENT, "en", replies[1])
    chat.play("7am", "[no]", "[later]")
    assert chat.facts.profile.tz == stored


@pytest.mark.parametrize("typed", ["+05:30", "UTC+5:30", "UTC+5:45", "GMT-3:30"])
def test_onboarding_refuses_a_half_hour_offset_and_asks_for_the_city(typed: str) -> None:
    """An offset that is not whole hours has no fixed zone: a kind re-ask naming cities; the
    city then works and needs no note."""
    chat = at_tz()
    replies = chat.say(typed)
    assert keys_of(replies) == ["zone.not_whole_hour", "onboarding.tz"]
    assert "Kolkata" in as_text(CONTENT, "en", replies[0])
    assert chat.state == ("onboarding", "tz")
    assert keys_of(chat.say("Kolkata")) == ["onboarding.tz_noted", "onboarding.nudge_time"]
    chat.play("7am", "[no]", "[later]")
    assert chat.facts.profile.tz == "Asia/Kolkata"


@pytest.mark.parametrize("typed", ["Atlantis", "UTC+15", "the usual", "Europe"])
def test_onboarding_re_asks_an_unreadable_zone_saying_how_to_give_it(typed: str) -> None:
    """Junk at the zone question gets invalid_zone — naming a city, an IANA name and an offset —
    and the same question again; everything answered before is kept."""
    chat = at_tz()
    before = chat.conversation.active
    replies = chat.say(typed)
    assert keys_of(replies) == ["common.invalid_zone", "onboarding.tz"]
    text = as_text(CONTENT, "en", replies[0])
    assert all(part in text for part in ("Berlin", "Europe/Berlin", "UTC+2"))
    assert chat.state == ("onboarding", "tz")
    assert before is not None and chat.conversation.active is not None
    assert unstamped(chat.conversation.active).context == unstamped(before).context
