"""The repository on SQLite and PostgreSQL: records round-trip, turns serialise, claims are once."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from bot.storage import Repository, StaleConversation, UnknownUser, tables
from bot.storage.convert import DueEvent
from bot.storage.database import Database
from flows.model import (
    ActivityKind,
    Answer3,
    Cancel,
    CancelKind,
    Checkin,
    CheckinStatus,
    Conversation,
    Effect,
    Facts,
    Frame,
    LevelState,
    Light,
    Morning,
    Phase,
    Profile,
    RecordRedFlags,
    SafetyHold,
    SaveCheckin,
    SaveMorning,
    SaveProfile,
    Schedule,
    SetLevel,
)

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


async def new_user(db: Database, external_id: str = "tg:1", chat_id: int = 1) -> int:
    user_id = await db.run(lambda repo: repo.people.user_id_for(external_id, chat_id))
    assert user_id is not None
    return user_id


async def apply(db: Database, user_id: int, *effects: Effect, scale: float = 1.0) -> None:
    await db.run(lambda repo: repo.turns.apply(user_id, effects, NOW, time_scale=scale))


async def load(db: Database, user_id: int, now: datetime = NOW) -> tuple[Conversation, Facts, int]:
    return await db.run(lambda repo: repo.turns.load(user_id, now))


async def schedule(db: Database, user_id: int, key: str, minutes: float) -> None:
    due = NOW + timedelta(minutes=minutes)
    await apply(db, user_id, Schedule("followup", due, key, {"no": 1}))


async def claim(db: Database, limit: int = 10, worker: str = "w1") -> list[DueEvent]:
    return await db.run(lambda repo: repo.due.claim_due(NOW, limit, worker))


async def events(db: Database, user_id: int) -> dict[str, str]:
    return await db.run(
        lambda repo: {e.dedupe_key: e.status for e in repo.due.due_events_for(user_id)}
    )


async def rows(db: Database, query: sa.Select[Any]) -> Sequence[sa.Row[Any]]:
    return await db.run(lambda repo: repo.sql.rows(query))


async def scalar(db: Database, query: sa.Select[Any]) -> object:
    return await db.run(lambda repo: repo.sql.scalar(query))


def checkin(no: int, created_at: datetime, status: CheckinStatus) -> Checkin:
    return Checkin(no, ActivityKind.WALK, "walk", None, created_at, status)


def assert_utc(value: datetime | None) -> None:
    assert value is not None and value.tzinfo is UTC


# ------------------------------------------------------------------------------------ users


async def test_user_id_for_creates_once(db: Database) -> None:
    """The same outside id always maps to the same user."""
    first = await new_user(db, "tg:42", 42)
    assert await new_user(db, "tg:42", 42) == first
    assert await new_user(db, "tg:43", 43) != first


async def test_user_id_for_without_create_finds_nobody(db: Database) -> None:
    """Looking up an unknown id without create returns None and stores nothing."""
    assert await db.run(lambda repo: repo.people.user_id_for("tg:7", create=False)) is None
    assert await scalar(db, sa.select(sa.func.count()).select_from(tables.users)) == 0


async def test_load_of_unknown_user_raises(db: Database) -> None:
    """Loading a user id that does not exist is an error, not an empty profile."""
    with pytest.raises(UnknownUser):
        await load(db, 999)


# ---------------------------------------------------------------------------- round trips


async def test_new_user_loads_defaults(db: Database) -> None:
    """A fresh user loads an idle conversation, a default profile and version 0."""
    user_id = await new_user(db)
    conversation, facts, version = await load(db, user_id)
    assert (conversation, version) == (Conversation(), 0)
    assert facts.profile == Profile(user_id=user_id)
    assert (facts.levels, facts.checkins, facts.mornings, facts.next_checkin_no) == ({}, (), (), 1)


async def test_profile_round_trips(db: Database) -> None:
    """Every Profile field comes back equal, datetimes as aware UTC."""
    user_id = await new_user(db)
    profile = Profile(
        user_id=user_id,
        language="de",
        tz="Europe/Berlin",
        nudge_time=time(7, 45),
        episode_start=date(2026, 3, 1),
        consent_version="2026-01",
        consent_at=datetime(2026, 3, 2, 8, 0, tzinfo=BERLIN),
        adult_at=NOW,
        onboarded_at=NOW,
        fears={"bend": 7, "lift": 9},
        portfolio=("cat_cow", "bridge"),
        phase=Phase.REBUILD,
        paused=True,
        recap_slot="5 17:00",
        micro_breaks=True,
        breaks_ignored=2,
        safety_hold=SafetyHold.URGENT,
        safety_hold_at=NOW,
        assessed_at=NOW + timedelta(hours=1),
    )
    await apply(db, user_id, SaveProfile(profile))
    loaded = (await load(db, user_id))[1].profile
    assert loaded == profile
    assert_utc(loaded.consent_at)
    assert loaded.consent_at == datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


async def test_checkin_round_trips(db: Database) -> None:
    """A check-in with every field set comes back equal, enums and aware UTC datetimes included."""
    user_id = await new_user(db)
    full = Checkin(
        no=1,
        kind=ActivityKind.EXPOSURE,
        activity="bend",
        level=3,
        created_at=NOW - timedelta(hours=3),
        status=CheckinStatus.FINISHED,
        baseline=2,
        expected=6,
        confidence_before=4,
        done_at=NOW - timedelta(hours=2, minutes=30),
        during=3,
        a1=2,
        a1_at=NOW - timedelta(hours=1, minutes=30),
        a2=None,
        a2_at=None,
        confidence_after=7,
        morning=2,
        light=Light.GREEN,
        level_after=4,
    )
    await apply(db, user_id, SaveCheckin(replace(full, status=CheckinStatus.OPEN)))
    await apply(db, user_id, SaveCheckin(full))
    facts = (await load(db, user_id))[1]
    assert facts.checkins == (full,)
    assert_utc(facts.checkins[0].created_at)
    assert facts.next_checkin_no == 2


async def test_levels_round_trip(db: Database) -> None:
    """Exposure levels come back by movement, the last write for a movement winning."""
    user_id = await new_user(db)
    await apply(
        db,
        user_id,
        SetLevel(LevelState("bend", 2)),
        SetLevel(LevelState("bend", 1, return_to=2)),
        SetLevel(LevelState("lift", 3)),
    )
    assert (await load(db, user_id))[1].levels == {
        "bend": LevelState("bend", 1, return_to=2),
        "lift": LevelState("lift", 3),
    }


async def test_mornings_round_trip(db: Database) -> None:
    """Mornings come back by day, oldest first, the last write for a day winning."""
    user_id = await new_user(db)
    await apply(
        db,
        user_id,
        SaveMorning(Morning(date(2026, 3, 10), 4)),
        SaveMorning(Morning(date(2026, 3, 9), 3)),
        SaveMorning(Morning(date(2026, 3, 10), 2)),
    )
    assert (await load(db, user_id))[1].mornings == (
        Morning(date(2026, 3, 9), 3),
        Morning(date(2026, 3, 10), 2),
    )


async def test_red_flag_answers_are_recorded(db: Database) -> None:
    """Each red-flag answer becomes one row with its context and time."""
    user_id = await new_user(db)
    answers = (("bladder", Answer3.NO), ("fever", Answer3.UNSURE))
    await apply(db, user_id, RecordRedFlags(answers, "onboarding"))
    found = await rows(db, sa.select(tables.redflag_answers))
    assert {(r.question_id, r.answer, r.context) for r in found} == {
        ("bladder", "no", "onboarding"),
        ("fever", "unsure", "onboarding"),
    }
    assert all(r.answered_at == NOW for r in found)


async def test_conversation_round_trips(db: Database) -> None:
    """Active and suspended frames with nested JSON context come back equal; the version grows."""
    user_id = await new_user(db)
    conversation = Conversation(
        active=Frame("checkin", "during", {"no": 3, "answers": {"b": 2}, "seen": [1, 2]}),
        suspended=Frame("onboarding", "tz", {}),
        step=7,
    )
    assert await db.run(lambda repo: repo.turns.save_conversation(user_id, conversation, 0)) == 1
    loaded, _, version = await load(db, user_id)
    assert (loaded, version) == (conversation, 1)


async def test_naive_datetime_is_refused(db: Database) -> None:
    """A datetime without a zone never reaches the database."""
    user_id = await new_user(db)
    naive = datetime(2026, 3, 10, 9, 0)
    with pytest.raises(sa.exc.StatementError, match="naive datetime"):
        await apply(db, user_id, SaveCheckin(checkin(1, naive, CheckinStatus.OPEN)))
    with pytest.raises(ValueError, match="naive datetime"):
        await apply(db, user_id, Schedule("followup", naive, "a1:1"))


# ---------------------------------------------------------------------------- load window


async def test_load_excludes_old_finished_checkins(db: Database) -> None:
    """A finished check-in older than 14 days is not loaded, but still counts for numbering."""
    user_id = await new_user(db)
    old = checkin(1, NOW - timedelta(days=15), CheckinStatus.FINISHED)
    recent = checkin(2, NOW - timedelta(days=13), CheckinStatus.SKIPPED)
    await apply(db, user_id, SaveCheckin(old), SaveCheckin(recent))
    facts = (await load(db, user_id))[1]
    assert facts.checkins == (recent,)
    assert facts.next_checkin_no == 3


async def test_load_keeps_old_unfinished_checkins(db: Database) -> None:
    """An unfinished check-in is loaded however old it is."""
    user_id = await new_user(db)
    stale = [
        checkin(no, NOW - timedelta(days=30), status)
        for no, status in enumerate(
            (CheckinStatus.OPEN, CheckinStatus.AWAITING_A1, CheckinStatus.AWAITING_A2), start=1
        )
    ]
    await apply(db, user_id, *(SaveCheckin(c) for c in stale))
    assert (await load(db, user_id))[1].checkins == tuple(stale)


async def test_load_keeps_mornings_of_the_last_two_weeks(db: Database) -> None:
    """Mornings from 15 days back (zone margin) are loaded; older ones are not."""
    user_id = await new_user(db)
    days = [NOW.date() - timedelta(days=n) for n in (16, 15, 0)]
    await apply(db, user_id, *(SaveMorning(Morning(day, 1)) for day in days))
    assert [m.day for m in (await load(db, user_id))[1].mornings] == days[1:]


# ---------------------------------------------------------------------------- versions


async def test_stale_conversation_raises(db: Database) -> None:
    """Of two turns that loaded the same version, the second to save is refused."""
    user_id = await new_user(db)
    await db.run(lambda repo: repo.turns.save_conversation(user_id, Conversation(step=1), 0))
    version = (await load(db, user_id))[2]
    await db.run(lambda repo: repo.turns.save_conversation(user_id, Conversation(step=2), version))
    with pytest.raises(StaleConversation):
        await db.run(
            lambda repo: repo.turns.save_conversation(user_id, Conversation(step=3), version)
        )
    assert (await load(db, user_id))[0].step == 2


async def test_first_save_race_raises(db: Database) -> None:
    """Two first saves of one conversation (both from version 0): the second is refused."""
    user_id = await new_user(db)
    await db.run(lambda repo: repo.turns.save_conversation(user_id, Conversation(step=1), 0))
    with pytest.raises(StaleConversation):
        await db.run(lambda repo: repo.turns.save_conversation(user_id, Conversation(step=9), 0))


# ---------------------------------------------------------------------------- scheduling


async def test_schedule_is_idempotent_by_dedupe_key(db: Database) -> None:
    """Scheduling the same key twice keeps one event, with the first due time."""
    user_id = await new_user(db)
    await schedule(db, user_id, "a1:1", 60)
    await schedule(db, user_id, "a1:1", 90)
    [event] = await db.run(lambda repo: repo.due.due_events_for(user_id))
    assert (event.due_at, event.status) == (NOW + timedelta(minutes=60), "pending")


async def test_schedule_leaves_claimed_and_done_events_alone(db: Database) -> None:
    """A claimed or finished event is not reopened by scheduling its key again."""
    user_id = await new_user(db)
    await schedule(db, user_id, "a1:1", -2)
    await schedule(db, user_id, "a1:2", -1)
    first, _ = await claim(db)
    await db.run(lambda repo: repo.due.finish_due(first.id, "done"))
    await schedule(db, user_id, "a1:1", 5)
    await schedule(db, user_id, "a1:2", 5)
    assert await events(db, user_id) == {"a1:1": "done", "a1:2": "claimed"}


async def test_schedule_rearms_a_cancelled_key(db: Database) -> None:
    """A cancelled event is pending again when its key is scheduled anew."""
    user_id = await new_user(db)
    await schedule(db, user_id, "nudge:1:2026-03-10", 30)
    await apply(db, user_id, Cancel("nudge:1:2026-03-10"))
    await schedule(db, user_id, "nudge:1:2026-03-10", 45)
    [event] = await db.run(lambda repo: repo.due.due_events_for(user_id))
    assert (event.status, event.due_at) == ("pending", NOW + timedelta(minutes=45))


async def test_time_scale_divides_the_delay(db: Database) -> None:
    """With time_scale 60, an event an hour away comes due in a minute."""
    user_id = await new_user(db)
    due = Schedule("followup", NOW + timedelta(hours=1), "a1:1")
    await apply(db, user_id, due, scale=60)
    [event] = await db.run(lambda repo: repo.due.due_events_for(user_id))
    assert event.due_at == NOW + timedelta(minutes=1)
    assert_utc(event.due_at)


async def test_cancel_only_cancels_pending(db: Database) -> None:
    """Cancel turns a pending event to cancelled and leaves a claimed one claimed."""
    user_id = await new_user(db)
    await schedule(db, user_id, "claimed", -1)
    await claim(db)
    await schedule(db, user_id, "pending", 30)
    await apply(db, user_id, Cancel("claimed"), Cancel("pending"))
    assert await events(db, user_id) == {"claimed": "claimed", "pending": "cancelled"}


async def test_cancel_kind_cancels_pending_events_of_that_kind(db: Database) -> None:
    """CancelKind stops the person's pending events of one kind: not other kinds, not claimed
    ones, not someone else's."""
    alice, bob = await new_user(db, "tg:1", 1), await new_user(db, "tg:2", 2)
    for user_id, name in ((alice, "alice"), (bob, "bob")):
        for kind, minutes in (("nudge", 10), ("nudge", 20), ("recap", 30)):
            key = f"{name}:{kind}:{minutes}"
            await apply(db, user_id, Schedule(kind, NOW + timedelta(minutes=minutes), key))
    await apply(db, alice, Schedule("nudge", NOW - timedelta(minutes=1), "alice:nudge:claimed"))
    await claim(db)
    await apply(db, alice, CancelKind("nudge"))
    assert await events(db, alice) == {
        "alice:nudge:claimed": "claimed",
        "alice:nudge:10": "cancelled",
        "alice:nudge:20": "cancelled",
        "alice:recap:30": "pending",
    }
    assert set((await events(db, bob)).values()) == {"pending"}


async def test_cancel_pending_cancels_all_of_one_user(db: Database) -> None:
    """cancel_pending stops every pending event of that person and no one else's."""
    alice, bob = await new_user(db, "tg:1", 1), await new_user(db, "tg:2", 2)
    await schedule(db, alice, "alice:1", 10)
    await schedule(db, alice, "alice:2", 20)
    await schedule(db, bob, "bob:1", 10)
    assert await db.run(lambda repo: repo.due.cancel_pending(alice)) == 2
    assert set((await events(db, alice)).values()) == {"cancelled"}
    assert await events(db, bob) == {"bob:1": "pending"}


# ---------------------------------------------------------------------------- claiming


async def test_claim_takes_only_due_pending_events(db: Database) -> None:
    """Only pending events due by now are claimed: not future, not cancelled ones."""
    user_id = await new_user(db)
    await schedule(db, user_id, "due", -1)
    await schedule(db, user_id, "now", 0)
    await schedule(db, user_id, "future", 1)
    await schedule(db, user_id, "cancelled", -5)
    await apply(db, user_id, Cancel("cancelled"))
    assert {e.dedupe_key for e in await claim(db)} == {"due", "now"}


async def test_claim_is_oldest_first_within_limit(db: Database) -> None:
    """A claim takes the longest-overdue events first and no more than the limit."""
    user_id = await new_user(db)
    for key, minutes in (("c", -1), ("a", -30), ("d", 0), ("b", -10)):
        await schedule(db, user_id, key, minutes)
    assert [e.dedupe_key for e in await claim(db, limit=3)] == ["a", "b", "c"]


async def test_claimed_event_carries_delivery_details(db: Database) -> None:
    """A claimed event names its user, chat, payload, attempt and claimer."""
    user_id = await new_user(db, "tg:555", 555)
    await schedule(db, user_id, "a1:1", -1)
    [event] = await claim(db, worker="host-1")
    assert (event.user_id, event.external_id, event.chat_id) == (user_id, "tg:555", 555)
    assert (event.kind, event.payload, event.attempts) == ("followup", {"no": 1}, 1)
    claimed_by = await scalar(db, sa.select(tables.due_events.c.claimed_by))
    assert claimed_by == "host-1"


async def test_second_claim_gets_nothing(db: Database) -> None:
    """Once claimed, an event is not claimed again."""
    user_id = await new_user(db)
    await schedule(db, user_id, "a1:1", -1)
    assert len(await claim(db)) == 1
    assert await claim(db, worker="w2") == []


async def test_concurrent_claimers_never_share_an_event(db: Database, db_url: str) -> None:
    """Two workers claiming at once split the due events without overlap.

    The second worker has a Database of its own, as a second process would (on SQLite its own
    connection and thread, so the two claims really do run at the same time).
    """
    user_id = await new_user(db)
    for n in range(20):
        await schedule(db, user_id, f"k{n}", -n)
    other = Database.open(db_url)
    try:
        first, second = await asyncio.gather(claim(db, 20, "w1"), claim(other, 20, "w2"))
    finally:
        await other.dispose()
    ids_first, ids_second = {e.id for e in first}, {e.id for e in second}
    assert not ids_first & ids_second
    assert len(ids_first | ids_second) == 20


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)], indirect=True
)
async def test_locked_events_are_skipped_not_waited_for(db: Database) -> None:
    """On PostgreSQL a claim skips rows another open claim holds instead of blocking."""
    user_id = await new_user(db)
    for n in range(6):
        await schedule(db, user_id, f"k{n}", -n)
    async with db.held() as holder:  # the claim below is held open across an await
        held = await holder.run(lambda repo: repo.due.claim_due(NOW, 3, "w1"))
        other = await asyncio.wait_for(claim(db, 10, "w2"), timeout=5)
    assert {e.id for e in held}.isdisjoint(e.id for e in other)
    assert len(held) + len(other) == 6


async def test_release_stale_claims(db: Database) -> None:
    """Claims older than the limit go back to pending; fresh ones stay claimed."""
    user_id = await new_user(db)
    await schedule(db, user_id, "old", -1)
    await claim(db)
    await schedule(db, user_id, "fresh", -1)
    await db.run(lambda repo: repo.due.claim_due(NOW + timedelta(minutes=10), 10, "w2"))
    later = NOW + timedelta(minutes=12)
    released = await db.run(lambda repo: repo.due.release_stale_claims(later, timedelta(minutes=5)))
    assert released == 1
    assert await events(db, user_id) == {"old": "pending", "fresh": "claimed"}


async def test_next_due_at_is_the_earliest_pending(db: Database) -> None:
    """next_due_at names the earliest pending due time, as aware UTC, or None."""
    user_id = await new_user(db)
    assert await db.run(lambda repo: repo.due.next_due_at()) is None
    await schedule(db, user_id, "later", 20)
    await schedule(db, user_id, "sooner", 5)
    found = await db.run(lambda repo: repo.due.next_due_at())
    assert found == NOW + timedelta(minutes=5)
    assert_utc(found)


# ---------------------------------------------------------------------------- housekeeping


async def test_delete_user_cascades(db: Database) -> None:
    """Deleting a person removes their rows from every table and leaves others' alone."""
    gone, kept = await new_user(db, "tg:1", 1), await new_user(db, "tg:2", 2)
    for user_id in (gone, kept):
        await apply(
            db,
            user_id,
            SaveCheckin(checkin(1, NOW, CheckinStatus.OPEN)),
            SetLevel(LevelState("bend")),
            SaveMorning(Morning(NOW.date(), 3)),
            Schedule("nudge", NOW, f"nudge:{user_id}"),
            RecordRedFlags((("fever", Answer3.NO),), "weekly"),
        )

        def save_and_mark(repo: Repository, user_id: int = user_id) -> None:
            repo.turns.save_conversation(user_id, Conversation(step=1), 0)
            repo.updates.mark_processed(0, 1000 + user_id, user_id)

        await db.run(save_and_mark)
    await db.run(lambda repo: repo.privacy.delete_user(gone))

    def counts(repo: Repository) -> dict[str, tuple[object, object]]:
        found = {}
        for table in tables.ALL_TABLES:
            column = table.c.id if table is tables.users else table.c.user_id
            count = sa.select(sa.func.count()).select_from(table)
            found[table.name] = (
                repo.sql.scalar(count.where(column == gone)),
                repo.sql.scalar(count.where(column == kept)),
            )
        return found

    for name, (of_gone, of_kept) in (await db.run(counts)).items():
        assert of_gone == 0, name
        assert of_kept == 1, name


async def test_mark_update_processed_only_once(db: Database) -> None:
    """An update id is new the first time and already seen the second."""
    user_id = await new_user(db)
    assert await db.run(lambda repo: repo.updates.mark_processed(0, 77, user_id)) is True
    assert await db.run(lambda repo: repo.updates.mark_processed(0, 77, user_id)) is False


async def test_set_blocked(db: Database) -> None:
    """set_blocked marks and unmarks the person."""
    user_id = await new_user(db)
    query = sa.select(tables.users.c.blocked).where(tables.users.c.id == user_id)
    for blocked in (True, False):
        await db.run(lambda repo, blocked=blocked: repo.people.set_blocked(user_id, blocked))
        assert await scalar(db, query) is blocked


# ---------------------------------------------------------------------------- SQLite engine


async def test_sqlite_pragmas_are_in_effect(tmp_path: Path) -> None:
    """Every SQLite connection runs with WAL, foreign keys, a busy timeout and secure_delete
    (folder made). secure_delete is set, not left to the build: Debian's SQLite has it on by
    default, others do not, and without it /delete leaves the rows in free pages."""
    db = Database.open(f"sqlite+aiosqlite:///{tmp_path / 'new' / 'x.db'}")
    names = ("journal_mode", "foreign_keys", "busy_timeout", "synchronous", "secure_delete")
    try:
        pragmas = await db.run(
            lambda repo: {name: repo.sql.scalar(sa.text(f"PRAGMA {name}")) for name in names}
        )
    finally:
        await db.dispose()
    assert pragmas == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "synchronous": 1,
        "secure_delete": 1,
    }


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)], indirect=True
)
async def test_a_claim_reads_its_rows_in_index_order_however_many_are_due(db: Database) -> None:
    """A morning's crowd due at the same instant: PostgreSQL's plan for the claim's pick walks
    the (status, due_at, id) index and stops after the batch, instead of sorting every due event
    (which it did with an index on (status, due_at) alone: 4.6 ms a claim at 20,000). How it then
    joins the 32 ids to the table is the planner's choice."""
    user_id = await db.run(lambda repo: repo.people.user_id_for("tg:1", 1))
    due = NOW - timedelta(seconds=30)
    rows = [
        {"user_id": user_id, "kind": "nudge", "due_at": due, "payload": {}, "status": "pending"}
        | {"attempts": 0, "dedupe_key": f"n:{i}", "updated_at": NOW}
        for i in range(5000)
    ]
    await db.run(lambda repo: repo.sql.run(sa.insert(tables.due_events), rows))
    await db.run(lambda repo: repo.sql.run(sa.text("ANALYZE due_events")))
    seen: list[tuple[str, Any]] = []

    def plan(repo: Repository) -> list[str]:
        connection = repo.sql.connection()

        def keep(_c: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
            if statement.lstrip().upper().startswith("UPDATE DUE_EVENTS"):
                seen.append((statement, params))

        sa.event.listen(connection, "before_cursor_execute", keep)
        try:
            assert len(repo.due.claim_due(NOW, 32, "w")) == 32
        finally:
            sa.event.remove(connection, "before_cursor_execute", keep)
        (statement, params), *_ = seen
        raw = connection.exec_driver_sql("EXPLAIN " + statement, params)
        return [line for (line,) in raw]

    lines = await db.run(plan)
    assert any("ix_due_events_status_due_at_id" in line for line in lines), lines
    assert not any("Sort" in line for line in lines), lines  # neither a Sort nor an Incremental
