"""A person six weeks into an episode, for the clinician summary's tests: check-ins on two
ladders and walks, lights of every colour, predictions, goals rated weekly, screens with a
"not sure" and a hold that was lifted."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flows.model import (
    ActivityKind,
    Answer3,
    Checkin,
    CheckinStatus,
    Goal,
    GoalRating,
    LevelState,
    Light,
    Phase,
    Profile,
)
from flows.summary import History, ScreenAnswer

NOW = datetime(2026, 12, 6, 17, 30, tzinfo=UTC)
START = NOW - timedelta(days=41)
TYPED_GOAL = "lift my toddler into the car seat"


def _checkins() -> tuple[Checkin, ...]:
    found = []
    levels = {"bend": 1, "lift": 1}
    for day in range(0, 41, 2):
        at = START + timedelta(days=day, hours=1)
        no = len(found) + 1
        if day % 10 == 8:
            found.append(Checkin(no, ActivityKind.WALK, "walk", None, at, CheckinStatus.SKIPPED))
            continue
        movement = "bend" if day % 4 == 0 else "lift"
        before = 4 - day // 14
        light = Light.RED if day == 18 else Light.AMBER if day % 6 == 0 else Light.GREEN
        during = before + (4 if light is Light.RED else 2 if light is Light.AMBER else 1)
        level = levels[movement]
        after = max(level - 1, 1) if light is Light.RED else level + (day % 8 == 0)
        levels[movement] = after
        found.append(
            Checkin(
                no, ActivityKind.EXPOSURE, movement, level, at, CheckinStatus.FINISHED,
                baseline=before, expected=during + 2 if day % 3 else during, done_at=at,
                during=during, a1=before + (2 if light is Light.RED else 0),
                a1_at=at + timedelta(hours=1), light=light, level_after=after,
            )
        )  # fmt: skip
    return tuple(found)


def history(*, checkins: bool = True) -> History:
    profile = Profile(
        user_id=1,
        tz="Europe/Berlin",
        episode_start=date(2026, 10, 10),
        onboarded_at=START,
        consent_version="2026-01",
        fears={"bend": 6, "lift": 5},
        phase=Phase.PROGRESS,
        assessed_at=START + timedelta(days=19),
    )
    weekly = [START + timedelta(days=7 * i) for i in range(6)]

    def rated(*values: int) -> tuple[GoalRating, ...]:
        return tuple(GoalRating(at, v) for at, v in zip(weekly, values, strict=True))

    goals = (
        Goal(1, ("lift", "bend"), START, text=TYPED_GOAL, ratings=rated(2, 3, 3, 4, 5, 5)),
        Goal(2, ("sit",), START, suggestion="sit_film", ratings=rated(6, 6, 7, 6, 7, 7)),
    )
    screens = (
        *(ScreenAnswer(START, q, Answer3.NO, "onboarding") for q in ("bladder", "fever")),
        ScreenAnswer(START + timedelta(days=18), "bladder", Answer3.NO, "after_red"),
        ScreenAnswer(START + timedelta(days=14), "fever", Answer3.UNSURE, "weekly"),
        ScreenAnswer(START + timedelta(days=28), "fever", Answer3.NO, "weekly"),
    )
    found = _checkins() if checkins else ()
    levels = {"bend": LevelState("bend", 3), "lift": LevelState("lift", 2)}
    return History(profile, found, goals, screens, levels)
