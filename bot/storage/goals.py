"""The person's own goals and their ratings (DESIGN §9): written, and read back as flows records.

`Goals` is the Repository's part for the goals and goal_ratings tables (`repo.goals`). A turn's
goals ride along with the user row (`head` in bot.storage.queries) as two JSON arrays, so they
cost no round trip of their own; `Goals.history` reads everything the clinician summary draws on.
A goal's text is health data: nothing here logs it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, ColumnElement, func, insert, select

from bot.storage import convert
from bot.storage import queries as q
from bot.storage import tables as t
from bot.storage.convert import CHECKIN_FIELDS
from bot.storage.part import Part
from bot.storage.people import UnknownUser
from flows.model import Answer3, Goal, GoalRating, RateGoal
from flows.summary import History, ScreenAnswer

__all__ = ["Goals", "goals_of", "head_columns"]

_g, _r, _u = t.goals, t.goal_ratings, t.users
_GOAL_COLUMNS = ("no", "suggestion", "text", "movements", "created_at", "retired_at")


def head_columns(postgres: bool) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """Two scalar subqueries for the turn's load: the person's goals as
    [[no, suggestion, text, movements, created_at, retired_at], …] and their ratings as
    [[goal_no, rated_at, value], …]; each NULL when there are none."""
    agg, row = (
        (func.json_agg, func.json_build_array)
        if postgres
        else (func.json_group_array, func.json_array)
    )
    movements = _g.c.movements if postgres else func.json(_g.c.movements)
    goals = select(
        agg(
            row(_g.c.no, _g.c.suggestion, _g.c.text, movements, _g.c.created_at, _g.c.retired_at),
            type_=JSON,
        )
    ).where(_g.c.user_id == _u.c.id)
    ratings = select(agg(row(_r.c.goal_no, _r.c.rated_at, _r.c.value), type_=JSON)).where(
        _r.c.user_id == _u.c.id
    )
    return goals.scalar_subquery().label("goals"), ratings.scalar_subquery().label("ratings")


def _when(value: Any) -> datetime | None:
    """A time as the JSON functions give it back: ISO text, with or without its offset."""
    if value is None:
        return None
    at = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def goals_of(
    goals: Sequence[Sequence[Any]] | None, ratings: Sequence[Sequence[Any]] | None
) -> tuple[Goal, ...]:
    """The two JSON arrays of `head_columns` as Goals by number, each with its ratings oldest
    first."""
    by_goal: dict[int, list[GoalRating]] = {}
    for goal_no, rated_at, value in ratings or ():
        at = _when(rated_at)
        assert at is not None
        by_goal.setdefault(int(goal_no), []).append(GoalRating(at, int(value)))
    found = []
    for no, suggestion, text, movements, created_at, retired_at in goals or ():
        if isinstance(movements, str):
            movements = json.loads(movements)
        created = _when(created_at)
        assert created is not None
        found.append(
            Goal(
                no=int(no),
                movements=tuple(movements or ()),
                created_at=created,
                suggestion=suggestion,
                text=text,
                retired_at=_when(retired_at),
                ratings=tuple(sorted(by_goal.get(int(no), ()), key=lambda r: r.at)),
            )
        )
    return tuple(sorted(found, key=lambda g: g.no))


class Goals(Part):
    """Works the goals and goal_ratings tables (`repo.goals`); the caller commits."""

    def save(self, user_id: int, goal: Goal) -> None:
        """Adds a goal or changes its words, movements or retirement (ratings stay)."""
        row = {
            "user_id": user_id,
            "no": goal.no,
            "suggestion": goal.suggestion,
            "text": goal.text,
            "movements": list(goal.movements),
            "created_at": goal.created_at,
            "retired_at": goal.retired_at,
        }
        changed = tuple(name for name in _GOAL_COLUMNS if name != "no")
        stmt = q.insert_on_conflict(self._postgres, _g, ("user_id", "no"), changed)
        self.session.execute(stmt, row)

    def rate(self, user_id: int, rating: RateGoal, now: datetime) -> None:
        """Records one rating of a goal."""
        row: dict[str, Any] = {"user_id": user_id, "goal_no": rating.goal_no}
        row["value"] = rating.value
        row |= {"context": rating.context, "rated_at": now}
        self.session.execute(insert(_r), row)

    def history(self, user_id: int) -> History:
        """Everything the clinician summary draws on: the profile, every check-in, goal and
        rating, every red-flag answer, the ladders' levels now. UnknownUser if there is no such
        person."""
        params = {"user_id": user_id, "since_day": date.min}
        head = self.session.execute(q.head(self._postgres), params).first()
        if head is None:
            raise UnknownUser(user_id)
        ck, rf = t.checkins, t.redflag_answers
        checkins = self.session.execute(
            select(*(ck.c[name] for name in CHECKIN_FIELDS))
            .where(ck.c.user_id == user_id)
            .order_by(ck.c.no)
        )
        answers = self.session.execute(
            select(rf.c.answered_at, rf.c.question_id, rf.c.answer, rf.c.context)
            .where(rf.c.user_id == user_id)
            .order_by(rf.c.answered_at, rf.c.id)
        )
        return History(
            profile=convert.profile(head),
            checkins=tuple(convert.checkin(r) for r in checkins),
            goals=goals_of(head.goals, head.ratings),
            screens=tuple(
                ScreenAnswer(a.answered_at, a.question_id, Answer3(a.answer), a.context)
                for a in answers
            ),
            levels=convert.levels(head.levels),
        )
