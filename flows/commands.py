"""The commands: `COMMANDS` maps each published name to what it needs and what it does.

A command typed during crisis care or behind a red-flag hold is not run (crisis care and the hold
come first); an unknown one gets help; one that needs onboarding before it is finished leads
into setting up. The `anytime` ones (/privacy, /export, /delete) are run earlier, by
flows.precedence, ahead of everything but a red flag in what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flows import checkin, crisis, goals, outreach, privacy
from flows.engine import Turn
from flows.model import CancelKind, Flow, Frame
from flows.modes import lift_pause, refresh, start_flare
from flows.plan import describe_plan, describe_progress, todays_plan
from flows.recap import say_recap
from flows.session import UNINTERRUPTED, K, Session
from flows.summary import ask_summary

__all__ = ["AGAIN", "COMMANDS", "Command", "cancel", "run"]


@dataclass(frozen=True)
class Command:
    """A command: whether onboarding must be finished first, what it does, and whether it is
    answered at any point, even behind a safety hold or a new privacy notice (flows.precedence
    runs those: the person's data is theirs, whatever else is going on)."""

    needs_onboarding: bool
    run: Callable[[Session], None]
    anytime: bool = False


def run(s: Session, name: str) -> None:
    """Runs the command `name` (lower case, without its slash)."""
    if s.in_flow(Flow.CRISIS):
        # Coaching waits until the person chooses to carry on; /help still answers.
        s.say(K.help if name == "help" else crisis.K.listening)
        s.reask()
        return
    if s.held():
        if name == "help":
            s.say(K.help)
        s.say_on_hold()
        s.reask()
        return
    command = COMMANDS.get(name) or INTERNAL.get(name)
    if command is None:
        s.say(K.unknown_command, command=name[:32])
        s.say(K.help)
        s.reask()
        return
    if command.needs_onboarding and s.facts.profile.onboarded_at is None:
        s.say(K.setup_first)
        if s.active is None:
            s.start(Frame(Flow.ONBOARDING, "intro"))
        else:
            s.reask()
        return
    command.run(s)


def start(s: Session) -> None:
    """/start: sets up a new person, or welcomes back and shows today's plan."""
    if s.facts.profile.onboarded_at is None:
        if s.in_flow(Flow.ONBOARDING):
            s.say(K.carry_on)
            s.reask()
        else:
            s.begin_onboarding()
        return
    s.say(K.welcome_back)
    if s.active is not None:
        s.reask()
    else:
        describe_plan(s.view(), todays_plan(s.facts, s.content, s.now))


def again(s: Session) -> None:
    """Asks the pending question again, in full: it may never have reached the person."""
    if s.active is None:
        s.say(K.idle)
    s.reask(short=False)


def help_(s: Session) -> None:
    """/help: the list of commands, then the pending question again."""
    s.say(K.help)
    s.reask()


def cancel(s: Session) -> None:
    """/cancel, "stop", "never mind": leaves the dialogue, keeping what was already stored
    (DESIGN §3). Not a safety question, consent or deletion: those are answered. A dialogue set
    aside is not resumed; /checkin still asks a follow-up that waits."""
    frame = s.active
    if frame is None:
        s.say(K.nothing_to_cancel)
        return
    if frame.flow in UNINTERRUPTED:
        s.say(K.not_cancelled)
        s.reask()
        return
    setting_up = frame.flow == Flow.ONBOARDING or bool(frame.context.get("onboarding"))
    s.say(K.cancelled_setup if setting_up else K.cancelled)
    s.active, left = None, s.suspended
    s.suspended = None
    if left is not None and left.flow not in UNINTERRUPTED:
        left = None  # set aside, not resumed by a cancel (a waiting follow-up: /checkin asks it)
    then = None
    if frame.flow == Flow.CHECKIN and frame.context.get("rescreen"):
        # After a RED the safety question that ends the check-in is still asked (once a day).
        model = s.model(frame)
        assert isinstance(model, checkin.CheckinTurn)
        model.rescreen_after_red()
        s.absorb(model)
        then = model.then
    if then is not None:
        s.start(then)
        s.suspended = left
    elif left is not None:  # a safety question a follow-up had interrupted
        s.say(K.resume)
        s.start(left)


def _mode(say: Callable[[Turn], None]) -> Callable[[Session], None]:
    """/plan, /progress, /recap, /flare and /carry_on: each first ends a flare or pause whose
    time is up, so that what they say is true today, then asks the pending question again."""

    def run_mode(s: Session) -> None:
        view = s.view()
        refresh(view)
        say(view)
        s.absorb(view)
        s.reask()

    return run_mode


def _recap(s: Session) -> None:
    """/recap: the week; once a week the goals' ratings follow (DESIGN §9)."""
    view = s.view()
    refresh(view)
    say_recap(view)
    s.absorb(view)
    rating = goals.rating_frame(s.facts, s.now, s.content.goals) if s.active is None else None
    if rating is not None:
        s.start(rating)
    else:
        s.reask()


def _plan(view: Turn) -> None:
    describe_plan(view, todays_plan(view.facts, view.content, view.now))


def _flare(view: Turn) -> None:
    start_flare(view)
    describe_plan(view, todays_plan(view.facts, view.content, view.now))


def _carry_on(view: Turn) -> None:
    lift_pause(view, clinician=True)


def _privacy(s: Session) -> None:
    """/privacy: the privacy notice, then the pending question again."""
    privacy.say_notice(s.view())
    s.reask()


def _export(s: Session) -> None:
    """/export: the person's data, then the pending question again."""
    privacy.say_export(s.view())
    s.reask()


def _delete(s: Session) -> None:
    """/delete: asks to confirm, in front of everything else."""
    if s.in_flow(Flow.DELETE):
        s.reask()
    elif not s.interrupt(Frame(Flow.DELETE, "confirm")):
        s.suspended = None  # nothing set aside is worth more than the person's say over their data
        s.interrupt(Frame(Flow.DELETE, "confirm"))


def _opens(frame: Callable[[Session], Frame]) -> Callable[[Session], None]:
    """A command that opens a dialogue: set beside the one in front, or a note when it is open
    already or two are open."""

    def open_frame(s: Session) -> None:
        new = frame(s)
        if s.in_flow(new.flow):
            s.say(K.in_progress)
            s.reask()
        elif not s.interrupt(new):
            s.say(K.finish_first)
            s.reask()

    return open_frame


def _checkin_frame(s: Session) -> Frame:
    waiting = checkin.awaiting(s.facts.checkins)
    if waiting is not None:
        return Frame(Flow.CHECKIN, "pending", {"no": waiting.no})
    return Frame(Flow.CHECKIN, "choose")


def _pause(*, paused: bool) -> Callable[[Session], None]:
    """/pause and /resume: stop (or restart) every message the coach would send unasked."""

    def pause(s: Session) -> None:
        if s.facts.profile.paused == paused:
            s.say(K.already_paused if paused else K.not_paused)
        else:
            view = s.view()
            view.save_profile(paused=paused)
            s.absorb(view)
            if not paused:
                restart = outreach.micro_break(view.profile, s.content, s.now)
                s.effects.extend([CancelKind(outreach.BREAK), *([restart] if restart else [])])
            s.say(K.paused if paused else K.resumed)
        s.reask()

    return pause


# Published in this order (Telegram's menu lists them so).
COMMANDS: dict[str, Command] = {
    "start": Command(needs_onboarding=False, run=start),
    "checkin": Command(needs_onboarding=True, run=_opens(_checkin_frame)),
    "plan": Command(needs_onboarding=True, run=_mode(_plan)),
    "progress": Command(needs_onboarding=True, run=_mode(describe_progress)),
    "morning": Command(needs_onboarding=True, run=_opens(lambda s: Frame(Flow.MORNING, "waking"))),
    "recap": Command(needs_onboarding=True, run=_recap),
    "portfolio": Command(
        needs_onboarding=True, run=_opens(lambda s: Frame(Flow.PORTFOLIO, "purpose"))
    ),
    "goals": Command(needs_onboarding=True, run=_opens(lambda s: goals.menu_frame())),
    "summary": Command(needs_onboarding=True, run=_mode(ask_summary)),
    "settings": Command(needs_onboarding=True, run=_opens(lambda s: Frame(Flow.SETTINGS, "menu"))),
    "flare": Command(needs_onboarding=True, run=_mode(_flare)),
    "carry_on": Command(needs_onboarding=True, run=_mode(_carry_on)),
    "pause": Command(needs_onboarding=True, run=_pause(paused=True)),
    "resume": Command(needs_onboarding=True, run=_pause(paused=False)),
    "cancel": Command(needs_onboarding=False, run=cancel),
    "privacy": Command(needs_onboarding=False, run=_privacy, anytime=True),
    "export": Command(needs_onboarding=False, run=_export, anytime=True),
    "delete": Command(needs_onboarding=False, run=_delete, anytime=True),
    "help": Command(needs_onboarding=False, run=help_),
}

AGAIN = "again"  # internal: asks the pending question again (after a reply could not be sent)
INTERNAL: dict[str, Command] = {AGAIN: Command(needs_onboarding=False, run=again)}
