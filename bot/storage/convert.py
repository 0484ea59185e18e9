"""Rows to flows.model records and back; pure, no SQL."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, TypeAlias

from sqlalchemy import Row

from flows import model
from flows.model import (
    ActivityKind,
    Checkin,
    CheckinStatus,
    Frame,
    LevelState,
    Light,
    Morning,
    Phase,
    Profile,
    SafetyHold,
)

AnyRow: TypeAlias = Row[*tuple[Any, ...]]
CHECKIN_FIELDS = tuple(f.name for f in dataclasses.fields(Checkin))


@dataclass(frozen=True)
class DueEvent:
    """A due event with what is needed to deliver it."""

    id: int
    user_id: int
    external_id: str
    chat_id: int | None
    kind: str
    due_at: datetime
    payload: Mapping[str, Any]
    attempts: int
    dedupe_key: str
    status: str = "claimed"
    outbox: Mapping[str, Any] | None = None  # its turn ran: the replies it still has to send


def plain(value: Any) -> Any:
    """An Enum's stored value; anything else as it is."""
    return value.value if isinstance(value, Enum) else value


def frame_json(frame: Frame | None) -> dict[str, Any] | None:
    """A frame as stored: {"flow", "state", "context"} (flows.model.frame_json), or None."""
    return None if frame is None else model.frame_json(frame)


def frame(data: Mapping[str, Any] | None) -> Frame | None:
    """A stored frame back as a Frame (flows.model.frame_of)."""
    return model.frame_of(data)


def profile_values(p: Profile) -> dict[str, Any]:
    """The users columns a Profile sets (never the id, chat id or bookkeeping)."""
    return {
        "language": p.language,
        "tz": p.tz,
        "nudge_time": p.nudge_time,
        "episode_start": p.episode_start,
        "consent_version": p.consent_version,
        "consent_at": p.consent_at,
        "adult_at": p.adult_at,
        "onboarded_at": p.onboarded_at,
        "fears": dict(p.fears),
        "portfolio": list(p.portfolio),
        "phase": p.phase.value,
        "paused": p.paused,
        "recap_slot": p.recap_slot,
        "micro_breaks": p.micro_breaks,
        "breaks_ignored": p.breaks_ignored,
        "safety_hold": plain(p.safety_hold),
        "safety_hold_at": p.safety_hold_at,
        "assessed_at": p.assessed_at,
        "crisis_on": p.crisis_on,
        "quick_screen_on": p.quick_screen_on,
        "flare_since": p.flare_since,
        "flare_calm": p.flare_calm,
        "paused_since": p.paused_since,
        "pause_reason": p.pause_reason,
        "summary_at": p.summary_at,
    }


def profile(r: AnyRow) -> Profile:
    """A users row as a Profile."""
    return Profile(
        user_id=r.id,
        language=r.language,
        tz=r.tz,
        nudge_time=r.nudge_time,
        episode_start=r.episode_start,
        consent_version=r.consent_version,
        consent_at=r.consent_at,
        adult_at=r.adult_at,
        onboarded_at=r.onboarded_at,
        fears=dict(r.fears or {}),
        portfolio=tuple(r.portfolio or ()),
        phase=Phase(r.phase),
        paused=bool(r.paused),
        recap_slot=r.recap_slot,
        micro_breaks=bool(r.micro_breaks),
        breaks_ignored=int(r.breaks_ignored or 0),
        safety_hold=SafetyHold(r.safety_hold) if r.safety_hold else None,
        safety_hold_at=r.safety_hold_at,
        assessed_at=r.assessed_at,
        crisis_on=r.crisis_on,
        quick_screen_on=r.quick_screen_on,
        flare_since=r.flare_since,
        flare_calm=int(r.flare_calm or 0),
        paused_since=r.paused_since,
        pause_reason=r.pause_reason,
        summary_at=r.summary_at,
    )


def levels(data: Sequence[Sequence[Any]] | None) -> dict[str, LevelState]:
    """[[movement, level, return_to], …] as levels by movement."""
    return {movement: LevelState(movement, level, back) for movement, level, back in data or ()}


def mornings(data: Sequence[Sequence[Any]] | None) -> tuple[Morning, ...]:
    """[[day "YYYY-MM-DD", pain], …] as mornings, oldest first."""
    days = sorted((date.fromisoformat(day), pain) for day, pain in data or ())
    return tuple(Morning(day, pain) for day, pain in days)


def checkin_values(c: Checkin) -> dict[str, Any]:
    """A Checkin as checkins columns (enums as their values)."""
    return {name: plain(getattr(c, name)) for name in CHECKIN_FIELDS}


def checkin(r: Sequence[Any]) -> Checkin:
    """A checkins row as a Checkin: its columns are CHECKIN_FIELDS, in that order (read by
    position: a row's name mapping costs more than the rest of this)."""
    values = dict(zip(CHECKIN_FIELDS, r, strict=True))
    values["kind"] = ActivityKind(values["kind"])
    values["status"] = CheckinStatus(values["status"])
    values["light"] = Light(values["light"]) if values["light"] is not None else None
    return Checkin(**values)


_TIMES = frozenset(
    name for name, kind in Checkin.__annotations__.items() if kind.startswith("datetime")
)


def checkins(data: Sequence[Sequence[Any]] | None) -> tuple[Checkin, ...]:
    """[[CHECKIN_FIELDS…], …] as JSON (bot.storage.queries.turn_by_external) as check-ins by
    number. Times come as JSON text: with an offset from PostgreSQL, naive UTC from SQLite."""
    found = []
    for values in data or ():
        fields = dict(zip(CHECKIN_FIELDS, values, strict=True))
        for name in _TIMES:
            if fields[name] is not None:
                fields[name] = _utc(datetime.fromisoformat(fields[name]))
        found.append(checkin(tuple(fields.values())))
    return tuple(sorted(found, key=lambda c: c.no))


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def due_event(r: AnyRow, external_id: str, chat_id: int | None, status: str) -> DueEvent:
    """A due_events row, with its user's addresses, as a DueEvent."""
    return DueEvent(
        id=r.id,
        user_id=r.user_id,
        external_id=external_id,
        chat_id=chat_id,
        kind=r.kind,
        due_at=r.due_at,
        payload=r.payload,
        attempts=r.attempts,
        dedupe_key=r.dedupe_key,
        status=status,
        outbox=r.outbox,
    )
