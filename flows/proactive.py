"""Proactive events: what the coach does when something it scheduled falls due.

Follow-ups interrupt politely, the morning nudge and the weekly recap never take the next answer
of a question just asked, the weekly red-flag screen is postponed but never dropped, and each
chain (nudge, recap, micro-break) schedules its next one whatever this one does.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flows import checkin, crisis, goals, outreach, rescreen
from flows.model import Event, EventKind, Flow, Frame, Schedule, frame_json, frame_of
from flows.recap import say_recap
from flows.rhythm import after_quiet_hours
from flows.session import FRESH, UNINTERRUPTED, K, Session

__all__ = ["PATIENCE", "WEEKLY_SCREEN", "chains_go_on", "due"]

WEEKLY_SCREEN = "rescreen"  # due-event kind of a weekly screen that was postponed
POSTPONE = timedelta(hours=1)
HELD_POSTPONE = timedelta(days=1)
PATIENCE = 6  # postponements (hours) after which the screen sets an open dialogue aside

CHAINS = {
    outreach.NUDGE: outreach.nudge,
    outreach.RECAP: outreach.recap,
    outreach.BREAK: outreach.micro_break,
}


def chains_go_on(s: Session, event: Event) -> Event | None:
    """A due nudge, recap or micro-break first schedules its next one, whatever it does itself;
    behind a red-flag hold (the weekly screen then waits for the hold to lift) or past its
    lateness limit it does nothing more."""
    if event.kind is not EventKind.DUE or event.name not in CHAINS:
        return event
    _next_in_chain(s, event)
    held = s.facts.profile.safety_hold is not None
    if held and event.name == outreach.RECAP:
        _postpone_screen(s, tries=0, held=True)  # the weekly screen, once the hold is lifted
    if held or event.payload.get("late"):
        return None
    return event


def due(s: Session, event: Event) -> None:
    """Handles a due event once nothing with precedence stands in front of it."""
    profile = s.facts.profile
    if s.held():
        if event.name == WEEKLY_SCREEN:
            _postpone_screen(s, tries=0, held=True)  # asked once the hold is lifted
        if s.in_flow(Flow.SAFETY):
            s.say_on_hold()
            s.reask()
        return  # behind a hold nothing proactive reaches coaching, asked or not
    if profile.onboarded_at is None:
        return  # nothing proactive before onboarding is finished
    if profile.paused:
        return  # paused: nothing unasked; a pending follow-up can still be answered via /checkin
    if event.name == checkin.FOLLOW_UP:
        _follow_up(s, event)
    elif event.name == outreach.NUDGE:
        _nudge(s, event)
    elif event.name == outreach.RECAP:
        if outreach.held_by_quiet_hours(profile, s.content, s.now):
            _after_quiet_hours(s, event)
        elif s.answering():
            s.say(K.recap_ready)  # a note: the open question keeps the next answer
            _weekly_screen(s, tries=0, then=_goal_rating(s))
        else:
            say_recap(s.view())
            _weekly_screen(s, tries=0, then=_goal_rating(s))
    elif event.name == WEEKLY_SCREEN:
        if outreach.held_by_quiet_hours(profile, s.content, s.now):
            _postpone_screen(s, tries=int(event.payload.get("tries", 0)), quiet=True)
        else:
            _weekly_screen(s, tries=int(event.payload.get("tries", 0)) + 1)
    elif event.name == outreach.BREAK and profile.micro_breaks and _free_for_a_break(s):
        s.active = None  # an offer left unanswered is replaced (and counted as ignored)
        exercise = outreach.pick_exercise(s.view(), s.now)
        s.start(Frame(Flow.BREAK, "offer", {"exercise": exercise}))


def _follow_up(s: Session, event: Event) -> None:
    """Asks a check-in's follow-up, setting aside what is in front; or says it waits."""
    no = int(event.payload.get("no", 0))
    which = str(event.payload.get("ask", "a1"))
    if not checkin.follow_up_pending(s.facts.checkins, no, which):
        return  # answered early, closed out, or deleted: nothing to ask
    if s.in_flow(Flow.CRISIS):
        return  # no coaching question now; the check-in waits, and /checkin asks it
    active = s.active
    asking = active is not None and active.flow == Flow.CHECKIN and active.state == which
    if asking and active is not None and active.context.get("no") == no:
        return  # already asking it
    ci = next(c for c in s.facts.checkins if c.no == no)
    activity = checkin.activity_name(s.view(), ci)
    if (s.active is not None and s.suspended is not None) or s.protected():
        # No room to set two dialogues aside, or a safety question (or their data) in front:
        # say so without taking the next answer; /checkin asks it when they are ready.
        s.say(checkin.K.followup_later, activity=activity)
        return
    s.say(checkin.K.followup_intro, activity=activity)
    s.interrupt(Frame(Flow.CHECKIN, which, {"no": no}))


def _nudge(s: Session, event: Event) -> None:
    """The morning nudge: the morning check, unless a question just asked keeps the next
    answer; after a crisis message, a gentle check on how they are instead."""
    if crisis.recent(s.view()):
        _gentle_morning(s)
    elif s.in_flow(Flow.CRISIS):
        return  # coaching waits until they choose to carry on
    elif s.in_flow(Flow.MORNING) and s.answering():
        return  # already at the morning check
    else:
        if s.in_flow(Flow.MORNING):
            s.active = None  # yesterday's morning question, never answered: today's replaces it
        if s.answering():
            _nudge_waits(s, event)
        elif not s.interrupt(Frame(Flow.MORNING, "waking")):
            s.say(K.morning_ready)  # two dialogues already open: a note, not a third


def _weekly_screen(s: Session, *, tries: int, then: Frame | None = None) -> None:
    """Starts the weekly red-flag screen, or postpones it while something else is open: it never
    takes the next answer of an open question, and it is never dropped (DESIGN §5). `then` (the
    goals' weekly re-rating) follows the screen; when the screen waits, a note says /goals."""
    busy = s.active is not None
    if busy and (tries < PATIENCE or s.suspended is not None or s.protected() or s.answering()):
        _postpone_screen(s, tries=tries)
        if then is not None:
            s.say(goals.K.rate_note)
        return
    s.say(rescreen.K.weekly)
    s.interrupt(rescreen.screen_frame("weekly", then=then))


def _goal_rating(s: Session) -> Frame | None:
    """The goals' weekly re-rating, when it is due (DESIGN §9: once a week, with the recap)."""
    return goals.rating_frame(s.facts, s.now, s.content.goals)


def _nudge_waits(s: Session, event: Event) -> None:
    """Moves the nudge on until the open question is no longer fresh; when that would make it
    later than a nudge may be sent, says in a note that the morning check is ready instead."""
    assert s.active is not None
    at = outreach.when_due(event.payload, s.now)
    due = (s.active.asked_at or s.now) + FRESH
    if due > at + timedelta(hours=s.content.rhythm.nudge_late_hours):
        s.say(K.morning_ready)
        return
    key = f"{outreach.NUDGE}:{s.facts.profile.user_id}:{due.isoformat()}:waiting"
    s.effects.append(Schedule(outreach.NUDGE, due, key, {"at": at.isoformat(), "once": True}))


def _postpone_screen(s: Session, *, tries: int, quiet: bool = False, held: bool = False) -> None:
    """Schedules the weekly screen again: an hour on, after quiet hours, or (behind a red-flag
    hold) a day on, once per local date however many recaps fall due meanwhile."""
    profile = s.facts.profile
    zone = ZoneInfo(profile.tz or "UTC")
    due = _quiet_hours_end(s) if quiet else s.now + (HELD_POSTPONE if held else POSTPONE)
    at = due.astimezone(zone).date().isoformat() + ":held" if held else due.isoformat()
    key = f"{WEEKLY_SCREEN}:{profile.user_id}:{at}"
    s.effects.append(Schedule(WEEKLY_SCREEN, due, key, {"tries": tries}))


def _gentle_morning(s: Session) -> None:
    """After a crisis message the morning nudge is a gentle check on how they are, with the
    helplines; a crisis frame still open hands over what it would have resumed."""
    resume = None
    if s.active is not None and s.active.flow == Flow.CRISIS:
        resume = s.active.context.get("resume")
        s.active = None
    elif s.active is not None and s.active.flow not in UNINTERRUPTED:
        resume = frame_json(s.active)
        s.active = None
    elif s.active is not None:
        return  # a safety question or their data comes first; the gentle check is not pressed
    s.start(crisis.morning_frame(frame_of(resume)))


def _free_for_a_break(s: Session) -> bool:
    """A break never interrupts a dialogue; it only replaces an unanswered break offer."""
    return s.active is None or s.active.flow == Flow.BREAK


def _next_in_chain(s: Session, event: Event) -> None:
    """Schedules the next nudge / recap / micro-break after the one now due."""
    if event.payload.get("once"):
        return  # a held-over one-off: its chain was continued when it was first due
    profile = s.facts.profile
    if event.name == outreach.BREAK:
        if profile.paused or not profile.micro_breaks:
            return  # the chain stops; /resume or switching breaks on starts it again
        if s.in_flow(Flow.BREAK):
            ignored = outreach.count_ignored(profile)
            s.effects.append(ignored)
            s.facts = replace(s.facts, profile=ignored.profile)
            profile = ignored.profile
    at = datetime.fromisoformat(str(event.payload.get("at", s.now.isoformat())))
    following = CHAINS[event.name](profile, s.content, max(s.now, at))
    if following is not None:
        s.effects.append(following)


def _after_quiet_hours(s: Session, event: Event) -> None:
    """Holds a proactive message until the person's quiet hours end (one-off, no chain)."""
    due = _quiet_hours_end(s)
    key = f"{event.name}:{s.facts.profile.user_id}:{due.date().isoformat()}:held"
    s.effects.append(Schedule(event.name, due, key, {"at": due.isoformat(), "once": True}))


def _quiet_hours_end(s: Session) -> datetime:
    """The first instant after the person's quiet hours (now, outside them)."""
    rhythm = s.content.rhythm
    zone = ZoneInfo(s.facts.profile.tz or "UTC")
    return after_quiet_hours(zone, s.now, rhythm.quiet_start, rhythm.quiet_end)
