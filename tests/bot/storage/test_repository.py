"""The repository on SQLite and PostgreSQL: records round-trip, turns serialise, the SQLite
engine is set up (due events: test_due.py; the inbox: test_inbox.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.storage import Repository, StaleConversation, UnknownUser, tables
from bot.storage.database import Database
from flows.model import (
    ActivityKind,
    Answer3,
    Checkin,
    CheckinStatus,
    Conversation,
    Frame,
    Goal,
    LevelState,
    Light,
    Morning,
    Phase,
    Profile,
    RateGoal,
    RecordRedFlags,
    SafetyHold,
    SaveCheckin,
    SaveGoal,
    SaveMorning,
    SaveProfile,
    Schedule,
    SetLevel,
)
from tests.bot.storage.helpers import (
    BERLIN,
    NOW,
    apply,
    assert_utc,
    checkin,
    load,
    new_user,
    rows,
    scalar,
)

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
            SaveGoal(Goal(1, ("lift",), NOW, text="pick up my grandson")),
            RateGoal(1, 3, "onboarding"),
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
