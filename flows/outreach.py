"""The coach reaching out: morning nudges, weekly recaps and micro-breaks, scheduled in local time.

Each kind is a chain of due events: delivering one schedules the next, computed afresh in the
person's IANA zone (flows.rhythm). Dedupe keys carry the local date, so there is at most one nudge
and one recap per local date whatever happens to the chain.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flows.catalogue import keys
from flows.content import BREATHING, Content
from flows.engine import Ask, FlowSpec, Turn, on_answer
from flows.exercise import described
from flows.model import CancelKind, Choice, Effect, Flow, Profile, SaveProfile, Schedule
from flows.modes import in_mode
from flows.rhythm import in_quiet_hours, local_instant, next_daily, next_weekly, spread

K = keys("outreach", "break_offer", "break_done", "break_skipped")
SWITCHED = keys("settings", "breaks_on", "breaks_off")
C = keys("choice", "break_done", "break_skip")
NUDGE, RECAP, BREAK = "nudge", "recap", "break"


def _zone(profile: Profile) -> ZoneInfo:
    return ZoneInfo(profile.tz or "UTC")


def recap_slot(profile: Profile, content: Content) -> tuple[int, time]:
    """The person's weekly recap slot (weekday, time), or the default one."""
    if profile.recap_slot:
        day, _, at = profile.recap_slot.partition(" ")
        return int(day), time.fromisoformat(at)
    return content.rhythm.recap_weekday, content.rhythm.recap_time


def nudge(profile: Profile, content: Content, after: datetime) -> Schedule | None:
    """The next morning nudge after `after`, spread by a stable per-person offset."""
    if profile.nudge_time is None or profile.onboarded_at is None:
        return None
    offset = spread(profile.user_id, content.rhythm.nudge_spread_seconds)
    day, due = next_daily(_zone(profile), profile.nudge_time, after, offset)
    key = f"{NUDGE}:{profile.user_id}:{day.isoformat()}"
    return Schedule(NUDGE, due, key, {"at": due.isoformat()})


def recap(profile: Profile, content: Content, after: datetime) -> Schedule | None:
    """The next weekly recap after `after`."""
    if profile.onboarded_at is None:
        return None
    weekday, at = recap_slot(profile, content)
    offset = spread(profile.user_id, content.rhythm.nudge_spread_seconds)
    day, due = next_weekly(_zone(profile), weekday, at, after, offset)
    return Schedule(
        RECAP, due, f"{RECAP}:{profile.user_id}:{day.isoformat()}", {"at": due.isoformat()}
    )


def micro_break(profile: Profile, content: Content, after: datetime) -> Schedule | None:
    """The next micro-break: N minutes on (longer after ignored ones), within working hours."""
    if not profile.micro_breaks or profile.onboarded_at is None:
        return None
    r = content.rhythm
    minutes = r.break_minutes
    if profile.breaks_ignored >= r.break_backoff_after:
        minutes *= r.break_backoff_factor
    zone = _zone(profile)
    due = after + timedelta(minutes=minutes)
    local = due.astimezone(zone)
    if not r.work_start <= local.time() < r.work_end or local.weekday() >= 5:
        day, due = next_daily(zone, r.work_start, due, timedelta(0))
        while day.weekday() >= 5:  # working days only
            day, due = next_daily(zone, r.work_start, due, timedelta(0))
    stamp = due.strftime("%Y%m%dT%H%M")
    return Schedule(BREAK, due, f"{BREAK}:{profile.user_id}:{stamp}", {"at": due.isoformat()})


def switch_breaks(turn: Turn, on: bool) -> None:
    """Turns micro-breaks on or off, (re)starts or stops their chain, and says what changed."""
    turn.save_profile(micro_breaks=on, breaks_ignored=0)
    turn.effects.append(CancelKind(BREAK))
    following = micro_break(turn.profile, turn.content, turn.now)
    if following is not None:
        turn.effects.append(following)
    turn.say(SWITCHED.breaks_on if on else SWITCHED.breaks_off, **break_hours(turn.content))


def break_hours(content: Content) -> dict[str, Any]:
    """When micro-breaks come: working hours and how often."""
    r = content.rhythm
    return {
        "start": r.work_start.strftime("%H:%M"),
        "end": r.work_end.strftime("%H:%M"),
        "minutes": r.break_minutes,
    }


def all_chains(
    profile: Profile, content: Content, now: datetime, *, before: Profile | None = None
) -> list[Effect]:
    """Cancels and recomputes every chain (after onboarding or a change of zone or times).

    `before` is the profile as it was: when its nudge already went out today, the next one is
    tomorrow's — one nudge per local date, whatever the change.
    """
    effects: list[Effect] = [CancelKind(NUDGE), CancelKind(RECAP), CancelKind(BREAK)]
    for make in (nudge, recap, micro_break):
        after = _after_todays_nudge(profile, before, now) if make is nudge else now
        scheduled = make(profile, content, after)
        if scheduled is not None:
            effects.append(scheduled)
    return effects


def _after_todays_nudge(profile: Profile, before: Profile | None, now: datetime) -> datetime:
    if before is None or before.nudge_time is None or before.onboarded_at is None:
        return now
    old_zone = _zone(before)
    sent = local_instant(old_zone, now.astimezone(old_zone).date(), before.nudge_time) <= now
    if not sent:
        return now
    zone = _zone(profile)
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    return max(now, local_instant(zone, tomorrow, time(0)) - timedelta(microseconds=1))


def when_due(payload: Any, now: datetime) -> datetime:
    """The instant a due event was meant for (its payload's "at"), not later than now."""
    try:
        return min(datetime.fromisoformat(str(payload["at"])), now)
    except (KeyError, ValueError):
        return now


def held_by_quiet_hours(profile: Profile, content: Content, now: datetime) -> bool:
    """True when it is quiet hours where the person is."""
    local = now.astimezone(_zone(profile)).time()
    return in_quiet_hours(local, content.rhythm.quiet_start, content.rhythm.quiet_end)


# --------------------------------------------------------------------------- the micro-break offer


class BreakTurn(Turn):
    """Turn model for a micro-break offer."""

    def did_it(self) -> bool:
        return bool(self.value == "done")

    def done(self) -> None:
        self.reset_ignored()
        self.say(K.break_done)

    def skipped(self) -> None:
        self.reset_ignored()
        self.say(K.break_skipped)

    def reset_ignored(self) -> None:
        if self.profile.breaks_ignored:
            self.save_profile(breaks_ignored=0)


def break_params(turn: Turn) -> dict[str, Any]:
    offered = str(turn.ctx.get("exercise", BREATHING))
    exercise = turn.content.exercises.get(offered) or turn.content.exercises[BREATHING]
    return {"name": exercise.name, **described(turn, exercise)}


def pick_exercise(turn: Turn, now: datetime) -> str:
    """A micro-break movement (breathing or the desk-and-standing set, never one that needs the
    floor), a different one each hour; during a flare-up plan or a progression pause, relaxed
    breathing only (DESIGN §4: the flare plan offers breathing and comfortable positions)."""
    if in_mode(turn.facts, turn.today, now, turn.content.thresholds):
        return BREATHING
    movements = [e.id for e in turn.content.micro_breaks] or [BREATHING]
    return movements[(now.hour + now.toordinal()) % len(movements)]


def count_ignored(profile: Profile) -> SaveProfile:
    return SaveProfile(replace(profile, breaks_ignored=profile.breaks_ignored + 1))


FLOW = FlowSpec(
    Flow.BREAK,
    BreakTurn,
    ("offer",),
    (
        on_answer("offer", "end", when="did_it", then="done"),
        on_answer("offer", "end", then="skipped"),
    ),
    {
        "offer": Ask(
            K.break_offer,
            params=break_params,
            choices=lambda t: (Choice("done", C.break_done), Choice("skip", C.break_skip)),
        )
    },
)
