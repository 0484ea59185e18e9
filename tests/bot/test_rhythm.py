"""The coach's rhythm over days of simulated time: the real tick, database and Telegram stack.

A hand-moved clock drives the real Ticker (claims, turns, deliveries) in 10-minute steps through
build_application's own wiring (Sender + RateLimiter) onto the offline Bot API; people answer by
pressing the buttons they were sent. Checked: one morning nudge per local day at the chosen time,
the weekly recap on Sunday evening with its chart, quiet nights, /pause and /resume, a change of
zone, both March 2026 DST changes; 403 and 429. Restarts are in test_rhythm_restarts.py, the
rate limits in telegram/test_limiter.py, the simulation in rhythm_sim.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.storage import Database
from flows.rhythm import in_quiet_hours
from tests.bot.rhythm_sim import (
    ANN,
    BLOCKED,
    BOB,
    FOLLOWUP,
    LONDON,
    MONDAY,
    NEW_YORK,
    RHYTHM,
    STEP,
    WAKING,
    answer_mornings,
    days,
    due_at,
    due_events,
    local,
    simulation,
    sqlite_only,
    statuses,
)
from tests.bot.telegram_helpers import text as catalogue_text


@sqlite_only
async def test_nine_days_in_london(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ann (London, 07:00) over nine days: one nudge a morning at 07:00 + her spread, in the
    tick after it is due; the recap on Sunday 18:00 with its chart (she did a check-in); nothing
    else unasked at night."""
    async with simulation(db, monkeypatch, MONDAY) as sim:
        sim.on_proactive = answer_mornings
        ann = await sim.onboard(ANN, "Europe/London", "07:00")
        await sim.checkin(ANN)
        await sim.run(MONDAY + timedelta(days=9))
    nudges = sim.nudges(ANN)
    assert [local(s, LONDON).date() for s in nudges] == days(date(2026, 3, 3), date(2026, 3, 11))
    for s in nudges:
        due = due_at(LONDON, local(s, LONDON).date(), time(7), ann)
        assert due <= s.at < due + STEP
    (photo,) = sim.photos(ANN)
    recap = due_at(LONDON, date(2026, 3, 8), RHYTHM.recap_time, ann)
    assert recap <= photo.at < recap + STEP
    header = catalogue_text("recap.header", start="2 Mar", end="8 Mar", done=1, skipped=0)
    assert photo.text == header
    night = [
        s
        for s in sim.proactive(ANN)
        if in_quiet_hours(local(s, LONDON).time(), RHYTHM.quiet_start, RHYTHM.quiet_end)
    ]
    assert night and all(s in nudges for s in night if s.method in ("sendMessage", "sendPhoto"))


@sqlite_only
async def test_pause_resume_and_a_change_of_zone(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bob (London, 08:00): nothing at all while paused (not the nudge, not his check-in's
    follow-up), nudges again after /resume; moving to New York one evening makes the next
    nudge come at 08:00 New York time, and his recap moves to Sunday 18:00 there."""
    async with simulation(db, monkeypatch, MONDAY) as sim:
        sim.on_proactive = answer_mornings
        bob = await sim.onboard(BOB, "Europe/London", "08:00")
        await sim.run(datetime(2026, 3, 5, 11, 50, tzinfo=UTC))
        await sim.checkin(BOB)  # its follow-up comes due at 12:50, while paused
        await sim.say("/pause", BOB)
        paused = sim.clock.now
        await sim.run(datetime(2026, 3, 7, 12, 0, tzinfo=UTC))
        during_pause = [s for s in sim.proactive(BOB) if s.at > paused]
        await sim.say("/resume", BOB)
        await sim.run(datetime(2026, 3, 9, 18, 0, tzinfo=UTC))
        await sim.say("/settings", BOB)
        await sim.press(catalogue_text("choice.change_tz"), BOB)
        await sim.press("America/New_York", BOB)
        moved = sim.clock.now
        await sim.run(datetime(2026, 3, 12, 0, 0, tzinfo=UTC))
        pending = [e for e in await due_events(sim, BOB) if e.status == "pending"]
    assert during_pause == []
    dates = [local(s, LONDON).date() for s in sim.nudges(BOB)]
    assert dates == [date(2026, 3, d) for d in (3, 4, 5, 8, 9, 10, 11)]
    for s in sim.nudges(BOB):
        zone = LONDON if s.at < moved else NEW_YORK
        due = due_at(zone, local(s, zone).date(), time(8), bob)
        assert due <= s.at < due + STEP
    assert [local(s, NEW_YORK).hour for s in sim.nudges(BOB) if s.at > moved] == [8, 8]
    (next_recap,) = [e for e in pending if e.kind == "recap"]
    assert next_recap.due_at == due_at(NEW_YORK, date(2026, 3, 15), RHYTHM.recap_time, bob)


@sqlite_only
@pytest.mark.parametrize(
    ("zone", "start", "changed"),
    [
        ("America/New_York", datetime(2026, 3, 4, 14, tzinfo=UTC), date(2026, 3, 8)),
        ("Europe/London", datetime(2026, 3, 25, 9, tzinfo=UTC), date(2026, 3, 29)),
    ],
    ids=["new-york-8-march", "london-29-march"],
)
async def test_nudges_and_recap_keep_local_time_over_the_dst_change(
    db: Database, monkeypatch: pytest.MonkeyPatch, zone: str, start: datetime, changed: date
) -> None:
    """07:00 local every morning on both sides of the clocks going forward (the UTC instant
    moves by an hour), and the Sunday recap at 18:00 local on the day of the change itself."""
    tz = ZoneInfo(zone)
    async with simulation(db, monkeypatch, start) as sim:
        sim.on_proactive = answer_mornings
        user_id = await sim.onboard(ANN, zone, "07:00")
        await sim.run(start + timedelta(days=7))
    nudges = sim.nudges(ANN)
    first = start.astimezone(tz).date() + timedelta(days=1)
    assert [local(s, tz).date() for s in nudges] == days(first, first + timedelta(days=6))
    for s in nudges:
        due = due_at(tz, local(s, tz).date(), time(7), user_id)
        assert due <= s.at < due + STEP
    assert {local(s, tz).utcoffset() for s in nudges} == {
        local(nudges[0], tz).utcoffset(),
        local(nudges[0], tz).utcoffset() + timedelta(hours=1),  # type: ignore[operator]
    }
    (recap,) = [s for s in sim.messages(ANN) if s.text.startswith("Your week")]
    due = due_at(tz, changed, RHYTHM.recap_time, user_id)
    assert due <= recap.at < due + STEP


# --------------------------------------------------------------------------- bugs found


@sqlite_only
async def test_onboarding_left_at_start_now_still_gets_the_morning_nudges(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone who never answers "would you like to do today's step now?" is onboarded: the
    next mornings' nudges still come."""
    async with simulation(db, monkeypatch, MONDAY) as sim:
        await sim.onboard(ANN, "Europe/London", "08:00", then=None)
        await sim.run(MONDAY + timedelta(days=2))
    assert [local(s, LONDON).date() for s in sim.nudges(ANN)] == days(
        date(2026, 3, 3), date(2026, 3, 4)
    )


@sqlite_only
async def test_an_ignored_nudge_does_not_silence_the_next_mornings(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone who leaves a morning question unanswered still gets the next day's nudge."""
    async with simulation(db, monkeypatch, MONDAY) as sim:
        await sim.onboard(ANN, "Europe/London", "08:00")
        await sim.run(MONDAY + timedelta(days=4))
    dates = [local(s, LONDON).date() for s in sim.nudges(ANN)]
    assert dates == days(date(2026, 3, 3), date(2026, 3, 6))


@sqlite_only
async def test_a_follow_up_due_in_quiet_hours_is_still_asked(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check-in at 20:30 London: its one-hour follow-up (21:30) is the answer to the person's
    own "done", so quiet hours do not hold it (data/rhythm.toml); nothing else comes at night."""
    evening = datetime(2026, 3, 2, 20, 30, tzinfo=UTC)
    async with simulation(db, monkeypatch, evening) as sim:
        await sim.onboard(ANN, "Europe/London", "09:00")
        await sim.checkin(ANN)
        await sim.run(evening + timedelta(hours=14))
    sent = sim.messages(ANN)
    (asked,) = [s for s in sent if s.text.startswith(FOLLOWUP)]
    assert local(asked, LONDON).hour == 21
    night = [
        s
        for s in sent
        if in_quiet_hours(local(s, LONDON).time(), RHYTHM.quiet_start, RHYTHM.quiet_end)
    ]
    assert night == [asked]


@sqlite_only
@pytest.mark.parametrize(
    ("at", "change"),
    [
        # 06:30 in New York, after the London nudge: the next New York nudge is today's.
        (datetime(2026, 3, 9, 10, 30, tzinfo=UTC), ("choice.change_tz", "America/New_York")),
        # 08:00 in London, after the 07:00 nudge, moving the morning to 09:00: today's again.
        (datetime(2026, 3, 9, 8, 0, tzinfo=UTC), ("choice.change_time", "09:00")),
    ],
    ids=["zone", "time"],
)
async def test_a_settings_change_after_todays_nudge_keeps_the_chain(
    db: Database, monkeypatch: pytest.MonkeyPatch, at: datetime, change: tuple[str, str]
) -> None:
    """Changing the zone or the morning time after today's nudge: one nudge today (already
    sent), and the next ones on the following mornings."""
    button, choice = change
    async with simulation(db, monkeypatch, MONDAY) as sim:
        sim.on_proactive = answer_mornings
        await sim.onboard(ANN, "Europe/London", "07:00")
        await sim.run(at)
        await sim.say("/settings", ANN)
        await sim.press(catalogue_text(button), ANN)
        await sim.press(choice, ANN)
        await sim.run(datetime(2026, 3, 12, 0, 0, tzinfo=UTC))
        chain = await statuses(sim, ANN)
    after = [local(s, LONDON).date() for s in sim.nudges(ANN) if s.at > at]
    assert after == [date(2026, 3, 10), date(2026, 3, 11)], chain


# --------------------------------------------------------------------------- Telegram says no


@sqlite_only
async def test_a_403_on_a_nudge_marks_the_person_blocked_and_cancels_their_events(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bot was blocked: the nudge's 403 marks Ann blocked and cancels everything pending
    for her (tomorrow's nudge, Sunday's recap, which the nudge's own turn had just scheduled);
    nothing more is sent to her; Bob, due half an hour later, is unaffected."""
    async with simulation(db, monkeypatch, MONDAY) as sim:
        sim.on_proactive = answer_mornings
        await sim.onboard(ANN, "Europe/London", "08:00")
        await sim.onboard(BOB, "Europe/London", "08:30")
        await sim.run(datetime(2026, 3, 3, 7, 50, tzinfo=UTC))
        sim.h.api.fail("sendMessage", 403, BLOCKED)
        await sim.run(datetime(2026, 3, 3, 8, 20, tzinfo=UTC))
        blocked = await sim.h.blocked(ANN)
        chain = await statuses(sim, ANN)
        await sim.run(datetime(2026, 3, 6, 0, 0, tzinfo=UTC))
    assert blocked
    assert chain["nudge:2026-03-03"] == "done"
    assert "pending" not in chain.values() and chain["nudge:2026-03-04"] == "cancelled"
    assert len(sim.proactive(ANN)) == 1  # the refused nudge
    assert len(sim.nudges(BOB)) == 3


@sqlite_only
async def test_a_429_on_a_nudge_waits_retry_after_and_sends_it_once(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telegram answers the nudge 429 retry_after 1: the same request again a second later,
    accepted; the nudge is delivered once and its event is done."""
    async with simulation(db, monkeypatch, MONDAY) as sim:
        await sim.onboard(ANN, "Europe/London", "08:00")
        sim.clock.now = datetime(2026, 3, 3, 8, 15, tzinfo=UTC)
        sim.h.api.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
        first = len(sim.h.api.calls)
        await sim.tick()
        chain = await statuses(sim, ANN)
    tries = [c for c in sim.h.api.calls[first:] if c.method == "sendMessage"]
    assert len(tries) == 2 and tries[0].params == tries[1].params
    assert tries[0].result is None and WAKING in tries[1].result["text"]
    assert tries[1].at - tries[0].at >= 1.0
    assert len(sim.nudges(ANN)) == 1 and chain["nudge:2026-03-03"] == "done"
