"""The person's own goals in storage (DESIGN §9): saved, rated, loaded with every turn, read whole
for the summary, exported, and erased with the person. On SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from bot.storage import Database, Repository
from flows.model import (
    ActivityKind,
    Answer3,
    Checkin,
    CheckinStatus,
    Effect,
    Goal,
    GoalRating,
    RateGoal,
    RecordRedFlags,
    SaveCheckin,
    SaveGoal,
)

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
WORDS = "pick up my grandson Théo"  # the person's own words, accents and all


async def person(db: Database) -> int:
    return await db.run(lambda repo: repo.people.user_id_for("tg:7", 7) or 0)


async def apply(db: Database, user_id: int, *effects: Effect, now: datetime = NOW) -> None:
    await db.run(lambda repo: repo.turns.apply(user_id, effects, now))


async def goals(db: Database, user_id: int) -> tuple[Goal, ...]:
    return (await db.run(lambda repo: repo.turns.load(user_id, NOW + timedelta(days=1))))[1].goals


async def test_goals_and_their_ratings_come_back_with_the_turn(db: Database) -> None:
    """A typed goal and a suggested one load with their movements and their ratings, oldest
    first, as aware UTC times."""
    user_id = await person(db)
    await apply(
        db,
        user_id,
        SaveGoal(Goal(1, ("lift", "bend"), NOW, text=WORDS)),
        SaveGoal(Goal(2, ("sit",), NOW, suggestion="sit_film")),
        RateGoal(1, 3, "onboarding"),
        RateGoal(2, 5, "onboarding"),
    )
    await apply(db, user_id, RateGoal(1, 6, "weekly"), now=NOW + timedelta(days=7))
    first, second = await goals(db, user_id)
    assert (first.text, first.suggestion, first.movements) == (WORDS, None, ("lift", "bend"))
    assert first.created_at == NOW and first.created_at.tzinfo is not None
    assert first.ratings == (GoalRating(NOW, 3), GoalRating(NOW + timedelta(days=7), 6))
    assert (second.text, second.suggestion, second.movements) == (None, "sit_film", ("sit",))
    assert second.ratings == (GoalRating(NOW, 5),)
    assert first.active and second.active


async def test_renaming_and_retiring_keep_the_ratings(db: Database) -> None:
    """Saving a goal again changes its words or retires it; its ratings stay."""
    user_id = await person(db)
    goal = Goal(1, ("sit",), NOW, suggestion="sit_film")
    await apply(db, user_id, SaveGoal(goal), RateGoal(1, 4, "goals"))
    later = NOW + timedelta(days=2)
    await apply(
        db, user_id, SaveGoal(Goal(1, ("sit",), NOW, text="a whole film", retired_at=later))
    )
    (stored,) = await goals(db, user_id)
    assert stored.text == "a whole film" and stored.retired_at == later and not stored.active
    assert stored.ratings == (GoalRating(NOW, 4),)


async def test_the_export_holds_the_goals_and_every_rating(db: Database) -> None:
    """/export includes the goals in the person's words and every rating with its time."""
    user_id = await person(db)
    await apply(db, user_id, SaveGoal(Goal(1, ("lift",), NOW, text=WORDS)), RateGoal(1, 2, "goals"))
    found = await db.run(lambda repo: repo.privacy.export(user_id))
    assert [g["text"] for g in found["goals"]] == [WORDS]
    assert found["goals"][0]["movements"] == ["lift"]
    assert [(r["goal_no"], r["value"], r["context"]) for r in found["goal_ratings"]] == [
        (1, 2, "goals")
    ]


async def test_delete_erases_goals_and_ratings(db: Database) -> None:
    """Deleting the person leaves none of their goals or ratings behind."""
    import sqlalchemy as sa

    from bot.storage import tables as t

    user_id = await person(db)
    await apply(db, user_id, SaveGoal(Goal(1, ("lift",), NOW, text=WORDS)), RateGoal(1, 2, "goals"))
    await db.run(lambda repo: repo.privacy.delete_user(user_id))

    def left(repo: Repository) -> tuple[object, object]:
        count = sa.select(sa.func.count())
        return (
            repo.sql.scalar(count.select_from(t.goals)),
            repo.sql.scalar(count.select_from(t.goal_ratings)),
        )

    assert await db.run(left) == (0, 0)


async def test_the_summary_history_is_the_whole_record(db: Database) -> None:
    """repo.goals.history() holds every check-in (not only the recent ones), every red-flag
    answer, and the goals with their ratings."""
    user_id = await person(db)
    old = NOW - timedelta(days=60)
    checkin = Checkin(1, ActivityKind.WALK, "walk", None, old, CheckinStatus.SKIPPED)
    await apply(db, user_id, SaveCheckin(checkin), now=old)
    await apply(db, user_id, RecordRedFlags((("fever", Answer3.UNSURE),), "weekly"))
    await apply(db, user_id, SaveGoal(Goal(1, ("lift",), NOW, text=WORDS)), RateGoal(1, 2, "goals"))
    history = await db.run(lambda repo: repo.goals.history(user_id))
    assert [c.no for c in history.checkins] == [1]
    assert [(a.question, a.answer, a.context) for a in history.screens] == [
        ("fever", Answer3.UNSURE, "weekly")
    ]
    assert history.screens[0].at == NOW
    assert [(g.text, [r.value for r in g.ratings]) for g in history.goals] == [(WORDS, [2])]


async def test_goal_text_is_never_logged(db: Database, caplog: pytest.LogCaptureFixture) -> None:
    """Saving, rating and loading a goal logs nothing of its words, at any level."""
    caplog.set_level(logging.DEBUG)
    user_id = await person(db)
    await apply(db, user_id, SaveGoal(Goal(1, ("lift",), NOW, text=WORDS)), RateGoal(1, 2, "goals"))
    await goals(db, user_id)
    assert "grandson" not in caplog.text
