"""/settings, /pause and /resume as whole conversations."""

from __future__ import annotations

from datetime import UTC, time, timedelta

from bot.render import as_text
from tests.flows.transcript import CONTENT, EXPOSURE_AND_FOLLOWUP, keys_of, onboard


def test_settings_changes_the_time_zone() -> None:
    """Settings → time zone → a typed city name is stored as its IANA zone."""
    chat = onboard()
    replies = chat.command("settings")
    assert keys_of(replies) == ["settings.menu"]
    assert replies[0].params["tz"] == "Europe/London"
    chat.press("tz")
    replies = chat.say("new_york")
    assert keys_of(replies) == ["settings.saved_tz"]
    assert chat.facts.profile.tz == "America/New_York"
    assert chat.state is None


def test_settings_changes_the_morning_time() -> None:
    """Settings → morning time → "6:45am" is stored as 06:45."""
    chat = onboard()
    chat.command("settings")
    chat.press("time")
    assert keys_of(chat.say("6:45am")) == ["settings.saved_time"]
    assert chat.facts.profile.nudge_time == time(6, 45)


def test_settings_with_a_bad_zone_re_asks_and_keeps_the_old_one() -> None:
    """An unknown zone is re-asked kindly; the stored zone stays as it was."""
    chat = onboard()
    chat.command("settings")
    chat.press("tz")
    replies = chat.say("Atlantis/Nowhere")
    assert keys_of(replies) == ["common.invalid_zone", "settings.tz"]
    assert chat.facts.profile.tz == "Europe/London"


def test_settings_keep_changes_nothing() -> None:
    """ "Nothing, thanks" ends settings with the profile unchanged."""
    chat = onboard()
    before = chat.facts.profile
    chat.command("settings")
    assert keys_of(chat.press("keep")) == ["settings.unchanged"]
    assert chat.facts.profile == before


def test_pause_silences_follow_ups_and_resume_brings_them_back() -> None:
    """Paused: a due follow-up sends nothing, /checkin can still answer it; /resume restores."""
    chat = onboard()
    assert keys_of(chat.command("pause")) == ["common.paused"]
    assert chat.facts.profile.paused
    chat.play(*EXPOSURE_AND_FOLLOWUP[:8])
    assert chat.wait(61) == []
    assert keys_of(chat.command("pause")) == ["common.already_paused"]
    assert keys_of(chat.command("resume")) == ["common.resumed"]
    assert not chat.facts.profile.paused
    assert keys_of(chat.command("checkin"))[-1] == "checkin.pending"


def test_pause_in_the_middle_of_a_question_re_asks_it() -> None:
    """/pause mid check-in pauses and asks the pending question again."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]")
    replies = chat.command("pause")
    assert keys_of(replies) == ["common.paused", "checkin.baseline_short"]
    assert chat.state == ("checkin", "baseline")
    chat.now += timedelta(minutes=1)
    assert keys_of(chat.command("resume")) == ["common.resumed", "checkin.baseline_short"]


def test_help_says_everything_settings_changes() -> None:
    """/help's /settings line names all five things the settings menu offers to change."""
    chat = onboard()
    (help_,) = chat.command("help")
    line = next(x for x in as_text(CONTENT, "en", help_).splitlines() if x.startswith("/settings"))
    for item in ("time zone", "morning time", "weekly recap", "micro-breaks", "language"):
        assert item in line
    chat.command("settings")
    assert [c.value for c in chat.asked.choices] == [
        "tz",
        "time",
        "recap",
        "breaks",
        "language",
        "keep",
    ]


def test_settings_turns_micro_breaks_off_again_and_cancels_the_pending_one() -> None:
    """The menu's micro-break choice switches off what onboarding's yes switched on."""
    chat = onboard(then="[later]")
    chat.play("/settings", "[breaks]")
    assert [e.kind for e in chat.due.values()].count("break") == 1
    replies = chat.play("/settings", "[breaks]")
    assert keys_of(replies)[-1] == "settings.breaks_off"
    assert not chat.facts.profile.micro_breaks
    assert [e.kind for e in chat.due.values()].count("break") == 0


def test_settings_takes_an_offset_notes_daylight_saving_and_moves_the_nudge() -> None:
    """Settings → time zone → "UTC+2" stores Etc/GMT-2, reads it back as UTC+2 with the
    daylight-saving note, shows UTC+2 in the menu, and the 07:00 nudge now comes at 05:00 UTC."""
    chat = onboard()
    chat.command("settings")
    chat.press("tz")
    replies = chat.say("UTC+2")
    assert keys_of(replies) == ["settings.saved_tz", "zone.fixed"]
    assert replies[0].params == {"tz": "UTC+2"}
    assert chat.facts.profile.tz == "Etc/GMT-2"
    (nudge,) = [e for e in chat.due.values() if e.kind == "nudge"]
    assert time(5) <= nudge.due_at.astimezone(UTC).time() < time(5, 10)  # spread over 600 s
    assert chat.command("settings")[0].params["tz"] == "UTC+2"


def test_settings_refuses_a_half_hour_offset_and_keeps_the_old_zone() -> None:
    """Settings → time zone → "UTC+5:30" asks for the city instead; the zone is unchanged."""
    chat = onboard()
    chat.command("settings")
    chat.press("tz")
    assert keys_of(chat.say("UTC+5:30")) == ["zone.not_whole_hour", "settings.tz"]
    assert chat.facts.profile.tz == "Europe/London"
