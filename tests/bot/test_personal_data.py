"""Privacy in the shell: erasure leaves no row behind, the export is what is stored, and accounts
silent for a year are deleted — on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.chat import TerminalChat
from bot.coach import RETENTION, Coach, Said
from bot.export import CSV_NAME, EXPORT, HEADERS, JSON_NAME, export_files, write_files
from bot.said import Delivery
from bot.storage import Database, DueEvent, Repository, UnknownUser, tables
from bot.storage import privacy as privacy_queries
from bot.storage.convert import CHECKIN_FIELDS, checkin_values, frame_json, profile_values
from bot.telegram.sender import Sender
from bot.ticker import Ticker
from flows.model import (
    ActivityKind,
    Answer3,
    Checkin,
    CheckinStatus,
    Conversation,
    DeleteEverything,
    Effect,
    Event,
    EventKind,
    Frame,
    Goal,
    LevelState,
    Light,
    Morning,
    Outcome,
    Phase,
    Profile,
    RateGoal,
    RecordRedFlags,
    Reply,
    SafetyHold,
    SaveCheckin,
    SaveGoal,
    SaveMorning,
    SaveProfile,
    Schedule,
    SetLevel,
)
from tests.bot.telegram_helpers import CHECKIN, CONTENT, Clock, running_bot, text

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
GOODBYE = Reply("common.later")  # any catalogue text: the flows' own goodbye is theirs to test
INTERNAL = {"id", "user_id"}


def owner(table: sa.Table) -> sa.ColumnElement[Any]:
    return table.c.id if table is tables.users else table.c.user_id


async def new_user(db: Database, external_id: str) -> int:
    user_id = await db.run(lambda repo: repo.people.user_id_for(external_id, 7))
    assert user_id is not None
    return user_id


def everything(user_id: int) -> tuple[Effect, ...]:
    """Effects that leave a row of the person in every table the flows write."""
    profile = Profile(
        user_id=user_id,
        tz="Europe/Berlin",
        nudge_time=time(7, 30),
        episode_start=date(2026, 3, 1),
        consent_version="2026-01",
        consent_at=NOW - timedelta(days=8),
        adult_at=NOW - timedelta(days=8),
        onboarded_at=NOW - timedelta(days=8),
        fears={"bend": 6, "lift": 4},
        portfolio=("cat_cow", "bridge"),
        phase=Phase.REBUILD,
        recap_slot="6 18:00",
        micro_breaks=True,
        breaks_ignored=1,
        safety_hold=SafetyHold.URGENT,
        safety_hold_at=NOW - timedelta(days=2),
        crisis_on=date(2026, 3, 9),
        quick_screen_on=date(2026, 3, 8),
    )
    done = Checkin(
        1, ActivityKind.EXPOSURE, "bend", 1, NOW - timedelta(days=2), CheckinStatus.FINISHED,
        baseline=2, expected=4, confidence_before=6, done_at=NOW - timedelta(days=2),
        during=3, a1=1, a1_at=NOW - timedelta(days=2, hours=-1), confidence_after=7,
        morning=2, light=Light.GREEN, level_after=2,
    )  # fmt: skip
    walk = Checkin(2, ActivityKind.WALK, "walk", None, NOW, CheckinStatus.OPEN, baseline=3)
    return (
        SaveProfile(profile),
        SaveCheckin(done),
        SaveCheckin(walk),
        SetLevel(LevelState("bend", 2)),
        SetLevel(LevelState("lift", 1, return_to=2)),
        SaveMorning(Morning(date(2026, 3, 9), 2)),
        SaveMorning(Morning(date(2026, 3, 10), 3)),
        Schedule("followup", NOW + timedelta(hours=1), f"a1:{user_id}:2", {"no": 2}),
        Schedule("nudge", NOW + timedelta(days=1), f"nudge:{user_id}:2026-03-11"),
        RecordRedFlags((("fever", Answer3.NO), ("bladder", Answer3.UNSURE)), "weekly"),
        SaveGoal(Goal(1, ("lift", "bend"), NOW - timedelta(days=8), text="lift my toddler")),
        RateGoal(1, 3, "onboarding"),
    )


async def person(db: Database, external_id: str, update_ids: tuple[int, ...] = ()) -> int:
    """A person with a row in every table: profile, conversation, check-ins, levels, mornings,
    due events, red-flag answers, goals and their ratings, and processed update ids."""
    user_id = await new_user(db, external_id)

    def work(repo: Repository) -> None:
        repo.turns.apply(user_id, everything(user_id), NOW)
        frame = Frame("checkin", "during", {"no": 2, "typed": "a little stiff"})
        repo.turns.save_conversation(user_id, Conversation(frame, None, 5), 0, now=NOW)
        repo.turns.set_prompt(user_id, 42)
        repo.people.touch(user_id, NOW)
        for update_id in update_ids:
            repo.updates.mark_processed(0, update_id, user_id, now=NOW)

    await db.run(work)
    return user_id


async def rows_of(db: Database, user_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row of the person in every table of the schema, as plain dicts."""

    def work(repo: Repository) -> dict[str, list[dict[str, Any]]]:
        found = {}
        for table in tables.ALL_TABLES:
            query = sa.select(table).where(owner(table) == user_id)
            found[table.name] = [dict(r._mapping) for r in repo.sql.rows(query)]
        return found

    return await db.run(work)


def without_ids(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k not in INTERNAL} for row in rows]


# ------------------------------------------------------------------------------------ erasure


async def test_delete_everything_leaves_no_row_of_the_person(db: Database) -> None:
    """DeleteEverything (applied last, wherever it stands) empties every table of the person;
    another person's rows are untouched."""
    gone = await person(db, "tg:1", (101, 102))
    kept = await person(db, "tg:2", (201,))
    before = await rows_of(db, kept)
    later = Checkin(3, ActivityKind.WALK, "walk", None, NOW)
    effects = (DeleteEverything(), SaveCheckin(later), SaveMorning(Morning(NOW.date(), 1)))
    await db.run(lambda repo: repo.turns.apply(gone, effects, NOW))
    assert {name: rows for name, rows in (await rows_of(db, gone)).items() if rows} == {}
    assert await rows_of(db, kept) == before
    assert all(before[table.name] for table in tables.ALL_TABLES)  # the check covered them all


def deleting_turn(*effects: Effect) -> Any:
    """A stand-in for flows.dialogue.turn whose every outcome erases the person."""

    def turn(conversation: Conversation, event: Event, *_: Any) -> Outcome:
        return Outcome(Conversation(), (GOODBYE,), (*effects, DeleteEverything()))

    return turn


async def test_a_deleting_turn_saves_nothing_after_and_still_says_goodbye(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The turn's replies come back marked deleted; no conversation or touch re-creates rows;
    its due events can never be claimed; only the update id stays, belonging to no one."""
    clock = Clock(NOW)
    coach = Coach(db, CONTENT, clock=clock)
    gone = await person(db, "tg:1", (101,))
    monkeypatch.setattr("bot.coach.turn", deleting_turn(SaveMorning(Morning(NOW.date(), 5))))
    said = await coach.handle_external("tg:1", 1, Event(EventKind.ANSWER, "yes"), update_id=102)
    assert (said.user_id, said.replies, said.deleted) == (gone, (GOODBYE,), True)
    assert said.prompt_message_id == 42  # so the confirmation's buttons can be retired
    assert {name: rows for name, rows in (await rows_of(db, gone)).items() if rows} == {}
    clock.now = NOW + timedelta(days=2)
    assert await db.run(lambda repo: repo.due.claim_due(clock.now, 100, "w")) == []
    p = tables.processed_updates
    updates = await db.run(
        lambda repo: [tuple(r) for r in repo.sql.rows(sa.select(p.c.update_id, p.c.user_id))]
    )
    assert updates == [(102, None)]


async def test_a_redelivered_delete_does_not_bring_the_person_back(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telegram sending the /delete update again finds it handled and creates nobody."""
    coach = Coach(db, CONTENT, clock=Clock(NOW))
    await person(db, "tg:1")
    monkeypatch.setattr("bot.coach.turn", deleting_turn())
    event = Event(EventKind.ANSWER, "yes")
    await coach.handle_external("tg:1", 1, event, update_id=7)
    again = await coach.handle_external("tg:1", 1, event, update_id=7)
    assert again.duplicate and again.replies == ()
    assert await coach.known_user("tg:1") is None


async def test_after_deletion_the_next_update_starts_afresh(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same Telegram user writing again is a new person: a new row, onboarding from the
    start, none of the old data."""
    coach = Coach(db, CONTENT, clock=Clock(NOW))
    await person(db, "tg:1", (1,))
    with monkeypatch.context() as patched:
        patched.setattr("bot.coach.turn", deleting_turn())
        await coach.handle_external("tg:1", 1, Event(EventKind.ANSWER, "yes"), update_id=2)
    said = await coach.handle_external("tg:1", 1, Event(EventKind.COMMAND, "start"), update_id=3)
    assert [r.key for r in said.replies] == ["onboarding.intro_languages"]
    data = await coach.export(said.user_id)
    assert data["profile"]["consent_at"] is None and data["profile"]["tz"] is None
    assert (data["checkins"], data["exposure_levels"], data["mornings"]) == ([], [], [])
    assert (data["due_events"], data["redflag_answers"]) == ([], [])
    assert data["processed_updates"] == {"count": 1}


async def test_a_due_event_claimed_before_the_deletion_is_dropped(db: Database) -> None:
    """An event already claimed when its person is deleted is gone with them: its turn does
    nothing, creates nothing and raises nothing."""
    coach = Coach(db, CONTENT, clock=Clock(NOW + timedelta(hours=2)))
    gone = await person(db, "tg:1")
    (due,) = await db.run(lambda repo: repo.due.claim_due(NOW + timedelta(hours=2), 10, "w"))
    await db.run(lambda repo: repo.privacy.delete_user(gone))
    said = await coach.handle_due(due)
    assert said.replies == ()
    assert {name: rows for name, rows in (await rows_of(db, gone)).items() if rows} == {}


# ------------------------------------------------------------------------------------- export


def iso(value: Any) -> Any:
    """A value as the JSON file must hold it."""
    if isinstance(value, dict):
        return {k: iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso(v) for v in value]
    return value.isoformat() if isinstance(value, datetime | date | time) else value


def test_the_export_covers_every_table_of_the_schema() -> None:
    """Each table is a section of the export: a table added later cannot be forgotten."""
    covered = [*privacy_queries.SINGLE.values(), *privacy_queries.COUNTED.values()]
    covered += [table for table, _ in privacy_queries.MANY.values()]
    assert sorted(t.name for t in covered) == sorted(t.name for t in tables.ALL_TABLES)


async def test_the_export_is_what_is_stored(db: Database) -> None:
    """Every row of the person, every column but the internal ids, equal to what load() and
    direct queries return; nothing of anyone else."""
    ann = await person(db, "tg:1", (11, 12))
    await person(db, "tg:2", (21,))
    data = await db.run(lambda repo: repo.privacy.export(ann))
    stored = await rows_of(db, ann)
    conversation, facts, version = await db.run(lambda repo: repo.turns.load(ann, NOW))

    assert data["profile"] == without_ids(stored["users"])[0]
    assert {k: data["profile"][k] for k in profile_values(facts.profile)} == profile_values(
        facts.profile
    )
    assert (data["profile"]["external_id"], data["profile"]["last_active_at"]) == ("tg:1", NOW)
    assert data["conversation"] == without_ids(stored["conversations"])[0]
    assert data["conversation"] | {"updated_at": None} == {
        "active": frame_json(conversation.active),
        "suspended": None,
        "step": 5,
        "version": version,
        "updated_at": None,
        "prompt_message_id": 42,
        "last_press": None,
    }
    assert data["checkins"] == [checkin_values(c) for c in facts.checkins]
    assert data["checkins"] == without_ids(stored["checkins"])
    levels = [(r["movement"], r["level"], r["return_to"]) for r in data["exposure_levels"]]
    assert levels == [(m, s.level, s.return_to) for m, s in sorted(facts.levels.items())]
    assert [(r["day"], r["pain"]) for r in data["mornings"]] == [
        (m.day, m.pain) for m in facts.mornings
    ]
    due = await db.run(lambda repo: repo.due.due_events_for(ann))
    assert [(r["kind"], r["due_at"], r["dedupe_key"], r["status"]) for r in data["due_events"]] == [
        (e.kind, e.due_at, e.dedupe_key, e.status) for e in due
    ]
    for name in ("exposure_levels", "mornings", "due_events", "redflag_answers"):
        assert sorted(map(repr, data[name])) == sorted(map(repr, without_ids(stored[name])))
    assert [(r["question_id"], r["answer"]) for r in data["redflag_answers"]] == [
        ("fever", "no"),
        ("bladder", "unsure"),
    ]
    assert data["processed_updates"] == {"count": 2}


async def test_export_of_nobody_is_an_error(db: Database) -> None:
    with pytest.raises(UnknownUser):
        await db.run(lambda repo: repo.privacy.export(999))


async def test_export_files_are_json_and_a_checkin_csv(db: Database, tmp_path: Path) -> None:
    """The JSON file holds the export with ISO times in UTC; the CSV one line per check-in, headed
    in plain words, its times on the person's clock (Europe/Berlin, UTC+1 in March) and the zone
    named; written files are for their owner's eyes only."""
    ann = await person(db, "tg:1")
    data = await db.run(lambda repo: repo.privacy.export(ann))
    files = export_files(data)
    assert [name for name, _ in files] == [JSON_NAME, CSV_NAME]
    parsed = json.loads(files[0][1])
    assert parsed == iso(data)
    assert parsed["profile"]["consent_at"] == "2026-03-02T09:30:00+00:00"
    assert parsed["profile"]["nudge_time"] == "07:30:00"
    assert parsed["mornings"][0] == {"day": "2026-03-09", "pain": 2}
    assert files[0][1].decode().startswith('{\n  "profile": {')
    lines = files[1][1].decode().splitlines()
    assert len(lines) == 1 + len(data["checkins"]) == 3
    table = list(csv.DictReader(io.StringIO(files[1][1].decode())))
    assert list(table[0])[:2] == ["check-in", "kind"] and list(table[0])[-1] == "time zone"
    assert len(table[0]) == len(CHECKIN_FIELDS) + 1
    assert {"pain before", "worst pain during", "pain 1 hour after", "pain 2 hours after"} <= set(
        table[0]
    )
    assert table[0]["light"] == "green" and table[0]["pain 2 hours after"] == ""
    assert table[1]["pain before"] == "3"
    assert table[0]["started"] == "2026-03-08 10:30"
    assert table[0]["time zone"] == "Europe/Berlin"
    written = write_files(tmp_path / "export", files)
    assert [p.name for p in written] == [JSON_NAME, CSV_NAME]
    assert all(p.read_bytes() == content for p, (_, content) in zip(written, files, strict=True))
    assert {p.stat().st_mode & 0o777 for p in written} == {0o600}


# ---------------------------------------------------------------------------------- retention


async def set_times(db: Database, user_id: int, created: datetime, active: datetime | None) -> None:
    u = tables.users
    query = sa.update(u).where(u.c.id == user_id).values(created_at=created, last_active_at=active)
    await db.run(lambda repo: repo.sql.run(query))


async def test_retention_deletes_exactly_the_accounts_silent_for_a_year(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """Last active (or, never active, created) more than 365 days ago: deleted with everything
    they own. Exactly 365 days: kept. Only the count is logged."""
    caplog.set_level(logging.INFO, logger="bot.coach")
    year = timedelta(days=365)
    people = {
        "just_over": (NOW - 2 * year, NOW - year - timedelta(seconds=1)),
        "exactly": (NOW - 2 * year, NOW - year),
        "never_active_old": (NOW - year - timedelta(days=1), None),
        "never_active_new": (NOW - timedelta(days=10), None),
        "old_but_active": (NOW - 3 * year, NOW - timedelta(days=1)),
    }
    ids = {}
    for name, (created, active) in people.items():
        ids[name] = await person(db, f"tg:{name}")
        await set_times(db, ids[name], created, active)
    coach = Coach(db, CONTENT, clock=Clock(NOW))
    assert year == RETENTION
    assert await coach.forget_inactive() == 2
    left = await db.run(lambda repo: {r.id for r in repo.sql.rows(sa.select(tables.users.c.id))})
    assert left == {ids["exactly"], ids["never_active_new"], ids["old_but_active"]}
    for name in ("just_over", "never_active_old"):
        assert {n: r for n, r in (await rows_of(db, ids[name])).items() if r} == {}
    assert [r.getMessage() for r in caplog.records] == ["retention: deleted 2 inactive account(s)"]


async def test_only_what_the_person_does_counts_as_activity(db: Database) -> None:
    """A nudge or follow-up delivered to a silent person does not keep their account alive."""
    clock = Clock(NOW)
    coach = Coach(db, CONTENT, clock=clock)
    said = await coach.handle_external("tg:1", 1, Event(EventKind.COMMAND, "start"))
    u = tables.users
    last = sa.select(u.c.last_active_at).where(u.c.id == said.user_id)
    assert await db.run(lambda repo: repo.sql.scalar(last)) == NOW
    soon = NOW + timedelta(minutes=5)
    await db.run(
        lambda repo: repo.turns.apply(said.user_id, (Schedule("nudge", soon, "n:1"),), NOW)
    )
    clock.now = soon
    (due,) = await db.run(lambda repo: repo.due.claim_due(soon, 10, "w"))
    await coach.handle_due(due)
    assert await db.run(lambda repo: repo.sql.scalar(last)) == NOW


async def test_activity_is_written_at_most_hourly(db: Database) -> None:
    """Retention counts in years: a turn rewrites the activity time only when the stored one is
    an hour old (or from the future: a clock set back), saving a write on most turns."""
    clock = Clock(NOW)
    coach = Coach(db, CONTENT, clock=clock)
    said = await coach.handle_external("tg:1", 1, Event(EventKind.COMMAND, "start"))
    u = tables.users
    last = sa.select(u.c.last_active_at).where(u.c.id == said.user_id)
    for minutes, stored in ((10, NOW), (59, NOW), (61, NOW + timedelta(minutes=61)), (0, NOW)):
        clock.now = NOW + timedelta(minutes=minutes)
        await coach.handle_external("tg:1", 1, Event(EventKind.COMMAND, "help"))
        assert await db.run(lambda repo: repo.sql.scalar(last)) == stored, minutes


async def test_retention_runs_as_a_daily_job_soon_after_start(db: Database) -> None:
    """The retention job is an interval job of 24 hours whose first run is within minutes."""
    coach = Coach(db, CONTENT)

    async def deliver(due: DueEvent, said: Said) -> Delivery:
        return Delivery.sent(said.prompt_message_id)

    scheduler = AsyncIOScheduler()
    Ticker(coach, deliver).schedule_retention(scheduler)
    scheduler.start(paused=True)
    try:
        job = scheduler.get_job("backcoach-retention")
        assert job is not None
        assert job.trigger.interval == timedelta(hours=24)
        wait = job.next_run_time - datetime.now(UTC)
        assert timedelta(0) < wait <= timedelta(minutes=5)
    finally:
        scheduler.shutdown(wait=False)


# ---------------------------------------------------------------------------------- telegram


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_an_export_reply_is_its_text_then_two_documents(db: Database) -> None:
    """A reply with attachment "export" goes as its text, then the JSON and the CSV files as
    documents holding what is stored about the person."""
    async with running_bot(db) as h:
        await h.onboard()
        user_id = await h.user_id()
        assert user_id is not None
        sender = Sender(h.app.bot, h.coach.content)
        h.api.clear()
        reply = Reply("common.later", attachment="export")
        data = await h.coach.export(user_id)
        said = Said(
            user_id, "en", (Reply("common.welcome_back"), reply), attachments={EXPORT: data}
        )
        await sender.send(1001, said)
        methods = h.api.methods()
        texts = h.api.texts()
        documents = h.api.documents(1001)
    assert methods == ["sendMessage", "sendDocument", "sendDocument"]
    assert texts == [text("common.welcome_back") + "\n\n" + text("common.later")]
    assert [(d.filename, d.mime_type) for d in documents] == [
        (JSON_NAME, "application/json"),
        (CSV_NAME, "text/csv"),
    ]
    exported = json.loads(documents[0].content)
    assert exported == iso(data)
    assert exported["profile"]["tz"] == "Europe/London"
    assert documents[1].content.decode().splitlines()[0] == ",".join(
        [*HEADERS.values(), "time zone"]
    )


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_delete_through_telegram_erases_the_person_for_good(db: Database) -> None:
    """/delete, then "Yes, delete everything": the goodbye is sent and the question's buttons go;
    nothing of theirs is left, their pending follow-up never comes, Telegram delivering the
    press again brings nobody back, and /start later begins afresh."""
    clock = Clock()
    async with running_bot(db, clock, tick_seconds=0.05) as h:
        await h.onboard()
        for label in CHECKIN:
            await h.press(label)
        old = await h.user_id()
        assert old is not None and ("followup", "pending") in await h.due_statuses()
        await h.say("/delete")
        confirm = h.last()
        h.api.clear()
        press = await h.press("Yes, delete everything")
        texts = h.api.texts()
        shown = h.api.messages[(1001, confirm["message_id"])]
        left = await rows_of(db, old)
        h.api.clear()
        clock.now += timedelta(hours=3)  # the follow-up was due in one hour
        await asyncio.sleep(0.3)  # several ticks
        await h.feed(press)  # Telegram delivers the press again
        after = (h.api.methods(), await h.user_id())
        await h.say("/start")
        new = await h.user_id()
        _, facts = await h.state()
    assert texts == [text("privacy.deleted")]
    assert "reply_markup" not in shown and shown["text"].endswith("→ Yes, delete everything")
    assert {name: rows for name, rows in left.items() if rows} == {}
    assert after == (["answerCallbackQuery"], None)  # the press is answered, nothing else
    assert new is not None and facts.profile.onboarded_at is None and facts.checkins == ()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_the_export_command_sends_the_persons_data(db: Database) -> None:
    """/export through the real handlers and flows: a text, then the two files."""
    async with running_bot(db) as h:
        await h.onboard()
        h.api.clear()
        await h.say("/export")
        methods = h.api.methods()
        documents = h.api.documents(1001)
    assert "sendMessage" in methods
    assert methods.index("sendMessage") < methods.index("sendDocument")
    assert [d.filename for d in documents] == [JSON_NAME, CSV_NAME]
    assert json.loads(documents[0].content)["profile"]["tz"] == "Europe/London"


async def test_a_crisis_message_keeps_only_its_date(db: Database) -> None:
    """After a crisis message through Telegram, /export shows the date and no stored row holds
    any of its words."""
    words = "some days I want to end it all"
    clock = Clock()
    async with running_bot(db, clock=clock) as h:
        await h.onboard()
        await h.say(words)
        h.api.clear()
        await h.say("/export")
        documents = h.api.documents(1001)
    exported = json.loads(documents[0].content)
    local_day = clock.now.astimezone(ZoneInfo("Europe/London")).date()
    assert exported["profile"]["crisis_on"] == local_day.isoformat()
    user_id = await db.run(lambda repo: repo.people.user_id_for("tg:1001", create=False))
    assert user_id is not None
    stored = json.dumps(await rows_of(db, user_id), default=str)
    assert "end it" not in stored and words not in stored


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_the_terminal_chat_writes_the_export_and_prints_where(
    db: Database, tmp_path: Path
) -> None:
    """In the terminal, /export prints its text and the paths of the two files it wrote."""
    out = io.StringIO()
    chat = TerminalChat(Coach(db, CONTENT, clock=Clock(NOW)), out, export_dir=tmp_path / "export")
    await chat.send(Event(EventKind.COMMAND, "start"))
    await chat.send(Event(EventKind.COMMAND, "export"))
    printed = out.getvalue()
    written = [tmp_path / "export" / JSON_NAME, tmp_path / "export" / CSV_NAME]
    assert text("privacy.export") in printed
    assert all(f"  {path.resolve()}\n" in printed for path in written)
    exported = json.loads(written[0].read_bytes())
    assert exported["profile"]["external_id"] == "terminal:local"
    assert written[1].read_text().splitlines()[0].startswith("check-in,kind,activity,")
