"""One turn's storage: its conversation and facts in, its outcome (state and effects) out.

`Turns` is the Repository's part for a turn (`repo.turns`): it reads the person, the
conversation and the facts (found by outside id: all in one statement; by user id: two), and
applies a flow's effects through the other parts (people, due events, privacy, goals). The
caller owns the transaction and commits before any network call. Rows become flows.model
records in bot.storage.convert.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple, assert_never

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from bot.storage import convert
from bot.storage import queries as q
from bot.storage import tables as t
from bot.storage.due import DueEvents, utcnow
from bot.storage.goals import Goals, goals_of
from bot.storage.part import Part
from bot.storage.people import People, UnknownUser
from bot.storage.privacy import Privacy
from flows.model import (
    Cancel,
    CancelKind,
    Checkin,
    Conversation,
    DeleteEverything,
    Effect,
    Facts,
    RateGoal,
    RecordRedFlags,
    SaveCheckin,
    SaveGoal,
    SaveMorning,
    SaveProfile,
    Schedule,
    SetLevel,
)

RECENT = timedelta(days=14)


class Loaded(NamedTuple):
    """What a turn starts from: the conversation, the facts, the version, the live prompt, when
    the person was last active, and the last button press taken as an answer."""

    conversation: Conversation
    facts: Facts
    version: int
    prompt_message_id: int | None
    last_active_at: datetime | None = None
    last_press: str | None = None


def _since(now: datetime) -> dict[str, Any]:
    """The parameters that bound what a turn loads."""
    # One day more for mornings: `day` is the person's local date, `now` is UTC.
    return {"since": now - RECENT, "since_day": (now - RECENT - timedelta(days=1)).date()}


def _loaded(head: Any, checkins: tuple[Checkin, ...]) -> Loaded:
    """A turn's start from its head row (bot.storage.queries.head) and its check-ins."""
    conversation = Conversation(
        active=convert.frame(head.active),
        suspended=convert.frame(head.suspended),
        step=head.step or 0,
    )
    facts = Facts(
        profile=convert.profile(head),
        levels=convert.levels(head.levels),
        checkins=checkins,
        mornings=convert.mornings(head.mornings),
        next_checkin_no=(head.max_no or 0) + 1,
        goals=goals_of(head.goals, head.ratings),
    )
    return Loaded(
        conversation,
        facts,
        int(head.version or 0),
        head.prompt_message_id,
        head.last_active_at,
        head.last_press,
    )


class StaleConversation(Exception):
    """Another turn saved this conversation after it was loaded."""


class Turns(Part):
    """Loads what a turn starts from and stores what it decided, through one session."""

    def __init__(
        self,
        session: Session,
        postgres: bool,
        people: People,
        due: DueEvents,
        privacy: Privacy,
        goals: Goals,
    ) -> None:
        super().__init__(session, postgres)
        self._people = people
        self._due = due
        self._privacy = privacy
        self._goals = goals

    # ------------------------------------------------------------------------------ one turn

    def load(self, user_id: int, now: datetime) -> tuple[Conversation, Facts, int]:
        """Loads the conversation, the facts a flow needs, and the conversation's version."""
        conversation, facts, version, *_ = self.load_turn(user_id, now)
        return conversation, facts, version

    def load_turn(self, user_id: int, now: datetime) -> Loaded:
        """Loads what `load` does and the id of the message holding the live buttons."""
        params = {"user_id": user_id, **_since(now)}
        head = (self.session.execute(q.head(self._postgres), params)).first()
        if head is None:
            raise UnknownUser(user_id)
        checkins = self.session.execute(q.CHECKINS, params)
        return _loaded(head, tuple(convert.checkin(r) for r in checkins))

    def load_turn_of(
        self, external_id: str, chat_id: int | None, now: datetime
    ) -> tuple[int, Loaded] | None:
        """The user id behind an outside id and what `load_turn` loads, in one statement (the
        chat id kept current); None when nobody has that outside id."""
        params = {"external_id": external_id, **_since(now)}
        head = (self.session.execute(q.turn_by_external(self._postgres), params)).first()
        if head is None:
            return None
        if chat_id is not None and head.chat_id != chat_id:
            self._people.update(head.id, chat_id=chat_id)
        return int(head.id), _loaded(head, convert.checkins(head.checkins))

    def save_conversation(
        self,
        user_id: int,
        conv: Conversation,
        expected_version: int,
        *,
        now: datetime | None = None,
        last_press: str | None = None,
    ) -> int:
        """Saves the conversation unless saved since `expected_version`; returns the new version.

        `last_press`, when given, replaces the remembered last button press taken as an answer.
        """
        c = t.conversations
        values: dict[str, Any] = {
            "active": convert.frame_json(conv.active),
            "suspended": convert.frame_json(conv.suspended),
            "step": conv.step,
            "updated_at": now or utcnow(),
            "version": expected_version + 1,
        }
        if last_press is not None:
            values["last_press"] = last_press
        if expected_version == 0:
            stmt = q.insert_on_conflict(self._postgres, c, ("user_id",), returning=("version",))
            values["user_id"] = user_id
        else:
            stmt = q.SAVE_CONVERSATION
            values |= {"b_user_id": user_id, "b_expected": expected_version}
        if (self.session.execute(stmt, values)).first() is None:
            raise StaleConversation(f"user {user_id}: version {expected_version} is stale")
        return expected_version + 1

    def apply(
        self, user_id: int, effects: Sequence[Effect], now: datetime, *, time_scale: float = 1.0
    ) -> None:
        """Applies a flow's effects in order; Schedule delays are divided by `time_scale`.

        DeleteEverything is applied last, whatever its place: the person and every row of theirs
        are deleted, so nothing of this turn outlives it either.
        """
        if time_scale <= 0:
            raise ValueError(f"time_scale must be positive, not {time_scale}")
        erase = False
        for effect in effects:
            match effect:
                case SaveProfile():
                    self._people.update(user_id, **convert.profile_values(effect.profile))
                case SaveCheckin():
                    row = {"user_id": user_id, **convert.checkin_values(effect.checkin)}
                    self._upsert(t.checkins, row, ("user_id", "no"))
                case SetLevel():
                    state = effect.state
                    row = {"user_id": user_id, "movement": state.movement, "level": state.level}
                    row |= {"return_to": state.return_to, "updated_at": now}
                    self._upsert(t.exposure_levels, row, ("user_id", "movement"))
                case SaveMorning():
                    day, pain = effect.morning.day, effect.morning.pain
                    row = {"user_id": user_id, "day": day, "pain": pain}
                    self._upsert(t.mornings, row, ("user_id", "day"))
                case Schedule():
                    self._due.schedule(user_id, effect, now, time_scale=time_scale)
                case Cancel():
                    self._due.cancel(user_id, effect.dedupe_key, now)
                case CancelKind():
                    self._due.cancel_kind(user_id, effect.kind, now)
                case RecordRedFlags():
                    self._record_red_flags(user_id, effect, now)
                case SaveGoal():
                    self._goals.save(user_id, effect.goal)
                case RateGoal():
                    self._goals.rate(user_id, effect, now)
                case DeleteEverything():
                    erase = True
                case _:
                    assert_never(effect)
        if erase:
            self._privacy.delete_user(user_id)

    def set_prompt(self, user_id: int, message_id: int | None) -> None:
        """Records the message holding the live buttons."""
        self.session.execute(q.SET_PROMPT, {"b_user_id": user_id, "prompt_message_id": message_id})

    # ------------------------------------------------------------------------------ helpers

    def _upsert(self, table: Table, row: dict[str, Any], key: tuple[str, ...]) -> None:
        changed = tuple(name for name in row if name not in key)
        self.session.execute(q.insert_on_conflict(self._postgres, table, key, changed), row)

    def _record_red_flags(self, user_id: int, e: RecordRedFlags, now: datetime) -> None:
        rows = [
            {"user_id": user_id, "question_id": question, "answer": answer.value}
            | {"context": e.context, "answered_at": now}
            for question, answer in e.answers
        ]
        if rows:
            self.session.execute(insert(t.redflag_answers), rows)
