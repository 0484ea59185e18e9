"""Morning nudges, weekly recaps and micro-breaks as chains of due events in local time."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.render import as_text
from flows.content import BREAK_PURPOSES, BREATHING
from flows.model import Event, EventKind
from tests.flows.transcript import CONTENT, START, Chat, keys_of, onboard

LONDON = ZoneInfo("Europe/London")


def kinds(chat: Chat) -> Counter[str]:
    return Counter(e.kind for e in chat.due.values())


def only(chat: Chat, kind: str):  # type: ignore[no-untyped-def]
    (event,) = [e for e in chat.due.values() if e.kind == kind]
    return event


def test_onboarding_schedules_the_first_nudge_and_recap() -> None:
    """07:00 London: the first nudge is tomorrow 07:00 (+ spread), the recap on Sunday at 18:00."""
    chat = onboard()
    nudge = only(chat, "nudge")
    assert nudge.dedupe_key == "nudge:1:2026-03-03"
    local = nudge.due_at.astimezone(LONDON)
    assert local.date() == date(2026, 3, 3) and timedelta(0) <= local - local.replace(
        hour=7, minute=0, second=0
    ) < timedelta(minutes=10)
    recap = only(chat, "recap")
    assert recap.due_at.astimezone(LONDON).date() == date(2026, 3, 8)  # Sunday
    assert recap.due_at.astimezone(LONDON).hour == 18


def test_a_nudge_opens_the_morning_check_and_schedules_the_next_day() -> None:
    """The nudge asks waking pain; the next nudge is for the next local date."""
    chat = onboard()
    replies = chat.wait(24 * 60)
    assert "morning.waking" in keys_of(replies)
    assert only(chat, "nudge").dedupe_key == "nudge:1:2026-03-04"


def test_ten_days_of_nudges_one_per_local_day_across_a_dst_change() -> None:
    """Half-hour steps over ten days spanning the March DST change: one nudge each local date."""
    chat = onboard(datetime(2026, 3, 25, 12, tzinfo=UTC))
    asked: list[date] = []
    for _ in range(10 * 48):
        replies = chat.wait(30)
        if "morning.waking" in keys_of(replies):
            asked.append(chat.now.astimezone(LONDON).date())
            chat.say("2")  # answer it, so the next one finds the person free
            chat.say("2")  # "later"
    assert asked == [date(2026, 3, 26) + timedelta(days=i) for i in range(10)]


def test_a_late_nudge_is_skipped_but_the_chain_goes_on() -> None:
    """A nudge delivered as late says nothing and schedules the next day's."""
    chat = onboard()
    nudge = only(chat, "nudge")
    chat.due.clear()
    chat.now = nudge.due_at + timedelta(hours=4)
    replies = chat.send(Event(EventKind.DUE, name="nudge", payload={**nudge.payload, "late": True}))
    assert replies == []
    assert only(chat, "nudge").dedupe_key == "nudge:1:2026-03-04"


def test_while_paused_nudges_are_silent_and_keep_their_chain() -> None:
    """Paused: no morning question, but tomorrow's nudge is still scheduled for after /resume."""
    chat = onboard()
    chat.command("pause")
    assert "morning.waking" not in keys_of(chat.wait(24 * 60))
    assert only(chat, "nudge").dedupe_key == "nudge:1:2026-03-04"


def test_changing_the_zone_recomputes_the_pending_nudge_and_recap() -> None:
    """Moving to New York cancels the London nudge and schedules 07:00 New York time."""
    chat = onboard()
    chat.play("/settings", "[tz]", "America/New_York")
    assert kinds(chat) == Counter({"nudge": 1, "recap": 1})
    local = only(chat, "nudge").due_at.astimezone(ZoneInfo("America/New_York"))
    assert (local.hour, local.minute) == (7, local.minute) and local.minute < 10


def test_a_recap_is_sent_at_its_slot_and_the_next_week_scheduled() -> None:
    """Sunday 18:00: the recap comes (a kind one for an empty week) and next Sunday's is due."""
    chat = onboard()
    chat.play("/pause")  # keep the nudges quiet for this test
    chat.play("/resume")
    sunday = only(chat, "recap").due_at
    chat.due = {k: e for k, e in chat.due.items() if e.kind == "recap"}
    chat.now = sunday
    replies = chat.wait(1)
    assert keys_of(replies) == ["recap.empty", "rescreen.weekly", "rescreen.question"]
    assert only(chat, "recap").due_at.astimezone(LONDON).date() == date(2026, 3, 15)


def test_a_recap_due_in_quiet_hours_waits_for_the_morning_once() -> None:
    """A recap slot of Sunday 22:00 is held to 08:00 Monday, sent once, the chain unchanged."""
    chat = onboard()
    chat.play("/settings", "[recap]", "Sunday 22:00")
    chat.due = {k: e for k, e in chat.due.items() if e.kind == "recap"}
    chat.now = only(chat, "recap").due_at
    assert chat.wait(1) == []
    held = [e for e in chat.due.values() if e.payload.get("once")]
    assert len(held) == 1 and held[0].due_at.astimezone(LONDON).hour == 8
    chat.now = held[0].due_at
    assert keys_of(chat.wait(1))[0] == "recap.empty"
    assert kinds(chat) == Counter({"recap": 1})  # only next week's


def test_micro_breaks_are_offered_within_working_hours() -> None:
    """Switching breaks on schedules one on a working day between 09:00 and 17:00."""
    chat = onboard()
    chat.play("/settings", "[breaks]")
    assert chat.facts.profile.micro_breaks
    local = only(chat, "break").due_at.astimezone(LONDON)
    assert local.weekday() < 5 and 9 <= local.hour < 17


def test_ignored_breaks_back_off_and_a_done_one_resets() -> None:
    """Three ignored offers double the interval; "done" brings it back."""
    chat = onboard(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    chat.play("/settings", "[breaks]")
    chat.due = {k: e for k, e in chat.due.items() if e.kind == "break"}
    gaps = []
    for _ in range(4):
        before = only(chat, "break").due_at
        chat.now = before
        assert keys_of(chat.wait(0)) == ["outreach.break_offer"]
        gaps.append(only(chat, "break").due_at - before)
    assert chat.facts.profile.breaks_ignored == 3
    assert gaps == [timedelta(minutes=60)] * 3 + [timedelta(minutes=120)]
    chat.press("done")
    assert chat.facts.profile.breaks_ignored == 0


def test_pause_stops_breaks_and_resume_restarts_them() -> None:
    """While paused a break due sends nothing and is not rescheduled; /resume schedules one."""
    chat = onboard(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    chat.play("/settings", "[breaks]", "/pause")
    chat.now = only(chat, "break").due_at
    assert chat.wait(0) == []
    assert kinds(chat)["break"] == 0
    chat.command("resume")
    assert kinds(chat)["break"] == 1


def test_start_is_a_monday_in_winter() -> None:
    """The fixtures' start is a Monday on GMT (London on UTC)."""
    assert START.weekday() == 0 and START.astimezone(LONDON).utcoffset() == timedelta(0)


def test_a_week_of_micro_breaks_never_offers_a_floor_exercise() -> None:
    """Every offer of a working week (each one done) is breathing or a desk-or-standing movement,
    and the whole set comes round."""
    chat = onboard(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    chat.play("/settings", "[breaks]")
    chat.due = {k: e for k, e in chat.due.items() if e.kind == "break"}
    offered = []
    while (due := only(chat, "break").due_at) < datetime(2026, 3, 7, tzinfo=UTC):
        chat.now = due
        assert keys_of(chat.wait(0)) == ["outreach.break_offer"]
        offered.append(CONTENT.exercises[chat.conversation.active.context["exercise"]])
        chat.press("done")
    assert len(offered) == 7 + 4 * 8  # Monday from 10:30, then 09:00…16:00 each day
    assert all(e.where != "floor" and e.purpose in BREAK_PURPOSES for e in offered)
    assert {e.id for e in offered} == {e.id for e in CONTENT.micro_breaks}


def test_a_micro_break_offer_says_what_to_feel_and_an_easier_and_harder_way() -> None:
    """The offer carries the movement's how, what to feel and the easier/harder line."""
    chat = onboard(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    chat.play("/settings", "[breaks]")
    chat.now = only(chat, "break").due_at
    (offer,) = chat.wait(0)
    exercise = CONTENT.exercises[chat.conversation.active.context["exercise"]]
    text = as_text(CONTENT, "en", offer)
    assert exercise.how in text and exercise.feel in text
    assert f"Easier: {exercise.easier} Harder: {exercise.harder}" in text


def test_during_a_flare_a_micro_break_offers_relaxed_breathing() -> None:
    """With the flare-up plan on, every micro-break offer of a working day is the breathing
    practice; without it, the same hours offer the desk-and-standing movements too."""
    offered: dict[str, set[str]] = {"calm": set(), "flare": set()}
    for hour in range(9, 17):
        chat = onboard(datetime(2026, 3, 3, hour, 5, tzinfo=UTC))
        chat.facts = replace(chat.facts, profile=replace(chat.facts.profile, micro_breaks=True))
        flaring = chat.fork()
        flaring.command("flare")
        for name, person in (("calm", chat), ("flare", flaring)):
            person.send(Event(EventKind.DUE, name="break"))
            assert person.state == ("break", "offer")
            assert person.conversation.active is not None
            offered[name].add(str(person.conversation.active.context["exercise"]))
    assert offered["flare"] == {BREATHING}
    assert offered["calm"] - {BREATHING}
