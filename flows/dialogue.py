"""One turn of dialogue: `turn(conversation, event, facts, content, now) -> Outcome`.

Routes an event to the right flow. Safety comes first: while a red-flag hold is open nothing but the
hold's own answer reaches a flow. Commands do what they say and the dialogue they interrupted is
re-asked (or suspended and resumed later); scheduled follow-ups interrupt politely.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flows import (
    checkin,
    crisis,
    goal_flow,
    goals,
    morning,
    onboarding,
    outreach,
    portfolio,
    privacy,
    rescreen,
    safety,
    settings,
)
from flows.catalogue import keys
from flows.content import Content
from flows.engine import END, SYNONYMS, FlowSpec, Turn, enter, run_answer
from flows.model import (
    ASKED_AT,
    ASKED_STEP,
    Answer3,
    CancelKind,
    Conversation,
    Effect,
    Event,
    EventKind,
    Facts,
    Frame,
    Origin,
    Outcome,
    RecordRedFlags,
    Reply,
    SafetyHold,
    Schedule,
    frame_json,
    frame_of,
)
from flows.modes import lift_pause, refresh, start_flare
from flows.plan import describe_plan, describe_progress, todays_plan
from flows.recap import say_recap
from flows.rhythm import after_quiet_hours
from flows.screen import Finding, screen
from flows.summary import ask_summary

FLOWS: dict[str, FlowSpec] = {
    f.name: f
    for f in (
        onboarding.FLOW,
        checkin.FLOW,
        morning.FLOW,
        safety.FLOW,
        settings.FLOW,
        outreach.FLOW,
        rescreen.FLOW,
        privacy.DELETE,
        privacy.CONSENT,
        crisis.FLOW,
        portfolio.FLOW,
        goal_flow.FLOW,
    )
}
PRIVACY_COMMANDS = ("privacy", "export", "delete")
# Flows nothing else may push aside: the safety hold, the red-flag screen, crisis care, the
# person's say over their data.
UNINTERRUPTED = ("safety", "rescreen", "crisis", "delete", "consent")

K = keys(
    "common",
    "stale",
    "idle",
    "carry_on",
    "welcome_back",
    "in_progress",
    "finish_first",
    "setup_first",
    "resume",
    "resume_checkin",
    "morning_ready",
    "recap_ready",
    "unknown_command",
    "help",
    "on_hold",
    "on_hold_emergency",
    "paused",
    "already_paused",
    "resumed",
    "not_paused",
    "cancelled",
    "cancelled_setup",
    "nothing_to_cancel",
    "not_cancelled",
    "undo",
)

AGAIN = "again"  # internal: asks the pending question again (after a reply could not be sent)
# Context keys for "I pressed the wrong one": the question just answered (state and context), and,
# once it is asked again, the context of the question it had led to.
BACK = "back"
UNDONE = "undone"

COMMANDS = (
    "start",
    "checkin",
    "plan",
    "progress",
    "morning",
    "recap",
    "portfolio",
    "goals",
    "summary",
    "settings",
    "flare",
    "carry_on",
    "pause",
    "resume",
    "cancel",
    "privacy",
    "export",
    "delete",
    "help",
)


@dataclass
class Session:
    """What accumulates over one turn, across the frames it passes through."""

    facts: Facts
    content: Content
    now: datetime
    active: Frame | None
    suspended: Frame | None
    step: int
    replies: list[Reply] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    stale: bool = False  # a button of a question that has passed: said so, not taken

    def model(self, frame: Frame) -> Turn:
        spec = FLOWS[frame.flow]
        return spec.model(
            frame, self.facts, self.content, self.now, self.replies, self.effects, self.step
        )

    def absorb(self, model: Turn) -> None:
        self.facts = model.facts
        self.step = model.step

    def say(self, key: str, **params: object) -> None:
        self.replies.append(Reply(key=key, params=params))

    def start(self, frame: Frame, *, short: bool = False) -> None:
        """Makes `frame` active and asks its question (`short`: again, in its short form)."""
        model = self.model(frame)
        enter(FLOWS[frame.flow], model, frame.state, short=short)
        self.absorb(model)
        self.active = self.stamped(model.frame(), asked=True)

    def stamped(self, frame: Frame, *, asked: bool) -> Frame:
        """Notes on a frame that has just asked its question when, and at which step: how fresh
        the question is, and which button answers it (DESIGN §3)."""
        if not asked:
            return frame
        return replace(
            frame, context={**frame.context, ASKED_AT: self.now.isoformat(), ASKED_STEP: self.step}
        )

    def reask(self, *, short: bool = True) -> None:
        """Asks the pending question again: short, as the person has seen it in full."""
        if self.active is not None:
            self.start(self.active, short=short)

    def interrupt(self, frame: Frame) -> bool:
        """Starts `frame`, suspending the active dialogue; False if there is no room for that."""
        if self.active is not None:
            if self.suspended is not None:
                return False
            self.suspended = self.active
        self.start(frame)
        return True

    def answer(self, event: Event) -> None:
        assert self.active is not None
        frame = self.active
        model = self.model(frame)
        said = len(self.replies)
        moved = run_answer(FLOWS[frame.flow], model, frame.state, event)
        asked = model.step != self.step
        self.absorb(model)
        if model.state != END:
            self.active = self.stamped(model.frame(), asked=asked)
            if moved:
                only_asked = all(r.step is not None for r in self.replies[said:])
                self.active = _remember(frame, self.active, undoable=only_asked)
            return
        self.active = None
        if model.then is not None and _still_open(self, model.then):
            self.start(model.then)
        elif self.suspended is not None:
            self.resume()

    def resume(self) -> None:
        """Asks the set-aside question again, first saying what it was about."""
        frame, self.suspended = self.suspended, None
        if frame is not None and _still_open(self, frame):
            key, params = _context_of(self, frame)
            self.say(key, **params)
            self.start(frame)

    def take_back(self, event: Event) -> bool:
        """Takes a press of a set-aside question's button as its answer: that question comes back
        in front, and what was in front waits behind it. False when the press is not for it."""
        frame = self.suspended
        if frame is None or event.step is None or event.step == self.step:
            return False
        if frame.asked_step != event.step or _protected(self) or not _still_open(self, frame):
            return False
        self.active, self.suspended = frame, self.active
        self.answer(event)
        return True

    def outcome(self) -> Outcome:
        conversation = Conversation(active=self.active, suspended=self.suspended, step=self.step)
        outcome = Outcome(conversation, tuple(self.replies), tuple(self.effects), self.stale)
        return privacy.last_words(outcome)


def turn(
    conversation: Conversation, event: Event, facts: Facts, content: Content, now: datetime
) -> Outcome:
    """Handles one event for one person and says what to store, send and schedule."""
    s = Session(facts, content, now, conversation.active, conversation.suspended, conversation.step)
    if event.kind is EventKind.DUE and event.name in CHAINS:
        _next_in_chain(s, event)  # the chain goes on whatever this one does: hold, pause, lateness
        if facts.profile.safety_hold is not None and event.name == outreach.RECAP:
            _postpone_screen(s, tries=0, held=True)  # the weekly screen, once the hold is lifted
        if facts.profile.safety_hold is not None or event.payload.get("late"):
            return s.outcome()
    typed = event.kind is EventKind.COMMAND or (
        event.kind is EventKind.ANSWER and event.step is None
    )
    if typed and event.value.strip():  # every text the person typed: answers, words after a command
        finding = _screen(content, facts.profile.language, event.value)
        if finding is not None:
            _escalate(s, finding)  # in the same turn; what was typed is not taken as an answer
            return s.outcome()
    if event.kind is EventKind.ANSWER and event.origin is Origin.EDIT:
        return s.outcome()  # an edit without a red flag changes nothing: answers are not rewritten
    if event.kind is EventKind.ANSWER and event.origin is Origin.CAPTION:
        event = replace(event, value="")  # a caption is screened, never taken as an answer
    privacy_command = event.kind is EventKind.COMMAND and event.name.lower() in PRIVACY_COMMANDS
    if privacy_command:
        _privacy(s, event.name.lower())  # the person's data is theirs, whatever else is going on
        return s.outcome()
    free = s.active is None or s.active.flow not in UNINTERRUPTED
    if facts.profile.safety_hold is not None and free:
        # Red flags win: whatever was going on waits behind the hold, which is asked now.
        resume = s.active
        _on_hold(s)
        s.start(Frame("safety", "hold", {"resume": frame_json(resume)} if resume else {}))
        return s.outcome()
    profile = facts.profile
    outdated = (
        profile.onboarded_at is not None and profile.consent_version != content.policy_version
    )
    if outdated and free:
        # A new privacy notice is agreed to before anything else; what was going on waits.
        if s.suspended is None:
            s.suspended = s.active
        s.active = None
        s.start(Frame("consent", "ask"))
        return s.outcome()
    if not _still_open(s, s.active):
        s.active = None  # a follow-up question whose check-in was closed meanwhile
    if event.kind is EventKind.DUE:
        _due(s, event)
    elif event.kind is EventKind.COMMAND:
        _command(s, event.name.lower())
    elif not s.take_back(event):
        _answer(s, event)
    return s.outcome()


def _privacy(s: Session, name: str) -> None:
    """/privacy, /export and /delete: answered at any point, even behind a safety hold."""
    if name == "privacy":
        privacy.say_notice(_view(s))
        s.reask()
    elif name == "export":
        privacy.say_export(_view(s))
        s.reask()
    elif s.active is not None and s.active.flow == "delete":
        s.reask()
    elif not s.interrupt(Frame("delete", "confirm")):
        s.suspended = None  # nothing set aside is worth more than the person's say over their data
        s.interrupt(Frame("delete", "confirm"))


def _screen(content: Content, language: str, text: str) -> Finding | None:
    rules = content.screen.get(language) or content.screen.get("en")
    return screen(text, rules) if rules is not None else None


def _escalate(s: Session, finding: Finding) -> None:
    """Answers a red flag or crisis found in typed text, in the same turn (DESIGN §5).

    Crisis: the helplines and "are you safe?"; an emergency or urgent flag: what to do now and a
    hold on coaching; one weak leg: one clarifying question. Before consent the person gets the
    same advice, but nothing is stored: no answer, no hold, no date.
    """
    view = _view(s)
    active = s.active
    consented = s.facts.profile.consent_version is not None
    if finding.kind == "crisis":
        resume = active
        if active is not None and active.flow == "crisis":  # already in crisis care: start afresh
            resume = frame_of(active.context.get("resume"))
        frame = crisis.begin(view, consented=consented, resume=resume)
        s.absorb(view)
        if frame is not None:
            s.active = None
            s.start(frame)
        return
    if finding.kind in ("clarify", "check"):
        _ask_to_be_sure(s, view, finding, consented=consented)
        return
    kind = SafetyHold.EMERGENCY if finding.kind == "emergency" else SafetyHold.URGENT
    view.say(safety.K.heard)
    if not consented:
        safety.instruction(view, kind, unsure=False, consented=False)
        s.absorb(view)
        return
    view.effects.append(RecordRedFlags(((f"text:{finding.id}", Answer3.YES),), "free_text"))
    in_hold = active is not None and active.flow == "safety"
    frame = safety.hold(view, kind, resume=None if in_hold else active)
    s.absorb(view)
    s.active = None
    s.start(active if in_hold and active is not None else frame)


def _ask_to_be_sure(s: Session, view: Turn, finding: Finding, *, consented: bool) -> None:
    """When in doubt, one question before anything else: one weak leg (both? worse?), words near
    the emergency signs (any change in bladder, bowel, feeling down below, sex, both legs?), or
    words near self-harm (are you having thoughts of ending your life?). A yes or not sure
    leads on to the hold or to crisis care; before consent the advice comes as a sentence."""
    about_crisis = finding.id == CHECK_CRISIS
    if not consented:
        if about_crisis:
            view.say(crisis.K.check_before_consent, **crisis.helplines(view))
        else:
            key = rescreen.K.clarify_before_consent
            if finding.kind == "check":
                key = rescreen.K.check_before_consent
            view.say(key, emergency=safety.emergency_number(view))
        s.absorb(view)
        return
    active = s.active
    if about_crisis:
        if active is not None and active.flow == "crisis":
            s.reask()  # crisis care is already under way
            return
    elif _held(s) or (active is not None and active.flow in UNINTERRUPTED):
        s.reask()  # already held, or in the screen itself: its own question comes first
        return
    s.active = None
    if about_crisis:
        s.start(crisis.ask_frame(active))
    elif finding.kind == "check":
        s.start(rescreen.check_frame(active))
    else:
        s.start(rescreen.clarify_frame(active))


CHECK_CRISIS = "check_crisis"  # the screen rule of words near self-harm (asked, not assumed)


def _still_open(s: Session, frame: Frame | None) -> bool:
    """False for a follow-up frame whose check-in no longer waits for that answer, and for a
    check-in frame whose check-in is no longer among the facts (finished long ago: the shell
    loads recent ones and the unfinished)."""
    if frame is None or frame.flow != "checkin":
        return True
    if "no" in frame.context and frame.state != "pending":
        no = int(frame.context["no"])
        if not any(c.no == no for c in s.facts.checkins):
            return False
    if frame.state not in ("a1", "a2", "pending"):
        return True
    no = int(frame.context.get("no", 0))
    if frame.state == "pending":
        return checkin.awaiting(s.facts.checkins) is not None
    return checkin.follow_up_pending(s.facts.checkins, no, frame.state)


def _answer(s: Session, event: Event) -> None:
    if s.active is None:
        if s.facts.profile.onboarded_at is None:
            s.start(Frame("onboarding", "intro"))
        else:
            s.say(K.idle)
        return
    if event.step is not None and event.step != s.step:
        s.stale = True
        s.say(K.stale)
        s.reask()
        return
    typed = event.step is None and event.origin is Origin.TYPED
    if typed and s.active.flow not in UNINTERRUPTED:  # safety answers keep their own words
        view = _view(s)
        if view.means(event.value, SYNONYMS.cancel):
            _cancel(s)
            return
        if BACK in s.active.context and view.means(event.value, SYNONYMS.wrong):
            _undo(s)
            return
    s.answer(event)


def _remember(answered: Frame, asked: Frame, *, undoable: bool) -> Frame:
    """The frame now asked, holding the question just answered if "I pressed the wrong one" may
    take it back: a question that is no safety answer, consent or deletion, in the same flow, and
    whose answer led straight to the next question (nothing said yet that would be untrue after)."""
    context = {k: v for k, v in asked.context.items() if k != BACK}
    spec = FLOWS[answered.flow]
    before, now = spec.asks.get(answered.state), spec.asks.get(asked.state)
    if (
        undoable
        and asked.flow == answered.flow
        and answered.flow not in UNINTERRUPTED
        and before is not None
        and now is not None
        and not (before.explicit or now.explicit)
    ):
        kept = {k: v for k, v in answered.context.items() if k not in (BACK, UNDONE)}
        context[BACK] = {"state": answered.state, "context": kept}
    return replace(asked, context=context)


def _undo(s: Session) -> None:
    """ "I pressed the wrong one": asks the question just answered again. What its answer stored
    stays until the new answer overwrites it (it is the same question)."""
    assert s.active is not None
    frame = s.active
    back = frame.context[BACK]
    assert isinstance(back, dict)
    left = {k: v for k, v in frame.context.items() if k not in (BACK, UNDONE)}
    previous = dict(back["context"]) if isinstance(back.get("context"), dict) else {}
    s.say(K.undo)
    s.start(Frame(frame.flow, str(back["state"]), {**previous, UNDONE: left}), short=True)


def _cancel(s: Session) -> None:
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
    setting_up = frame.flow == "onboarding" or bool(frame.context.get("onboarding"))
    s.say(K.cancelled_setup if setting_up else K.cancelled)
    s.active, left = None, s.suspended
    s.suspended = None
    if left is not None and left.flow not in UNINTERRUPTED:
        left = None  # set aside, not resumed by a cancel (a waiting follow-up: /checkin asks it)
    then = None
    if frame.flow == "checkin" and frame.context.get("rescreen"):
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


def _on_hold(s: Session) -> None:
    """Says coaching is paused; behind an emergency hold, with the emergency number again."""
    if s.facts.profile.safety_hold is SafetyHold.EMERGENCY:
        s.say(K.on_hold_emergency, emergency=safety.emergency_number(_view(s)))
    else:
        s.say(K.on_hold)


def _held(s: Session) -> bool:
    """Coaching is held for a red flag, whether the hold is asked now or waits behind the /delete
    question (or a new privacy notice) put in front of it."""
    return s.facts.profile.safety_hold is not None or (
        s.active is not None and s.active.flow == "safety"
    )


def _command(s: Session, name: str) -> None:
    profile = s.facts.profile
    if s.active is not None and s.active.flow == "crisis":
        # Coaching waits until the person chooses to carry on; /help still answers.
        s.say(K.help if name == "help" else crisis.K.listening)
        s.reask()
        return
    if _held(s):
        if name == "help":
            s.say(K.help)
        _on_hold(s)
        s.reask()
        return
    if name == "cancel":
        _cancel(s)
        return
    if name == "start":
        if profile.onboarded_at is None:
            if s.active is not None and s.active.flow == "onboarding":
                s.say(K.carry_on)
                s.reask()
            else:
                s.start(Frame("onboarding", "intro"))
            return
        s.say(K.welcome_back)
        if s.active is not None:
            s.reask()
        else:
            describe_plan(_view(s), todays_plan(s.facts, s.content, s.now))
        return
    if name == AGAIN:
        if s.active is None:
            s.say(K.idle)
        s.reask(short=False)  # the question in full: it may never have reached the person
        return
    if name not in COMMANDS:
        s.say(K.unknown_command, command=name[:32])
        s.say(K.help)
        s.reask()
        return
    if name == "help":
        s.say(K.help)
        s.reask()
        return
    if profile.onboarded_at is None:
        s.say(K.setup_first)
        if s.active is None:
            s.start(Frame("onboarding", "intro"))
        else:
            s.reask()
        return
    if name in ("plan", "progress", "recap", "flare", "carry_on"):
        _modes(s, name)
        rating = _goal_rating(s) if name == "recap" and s.active is None else None
        if rating is not None:
            s.start(rating)  # the goals' ratings come with the recap once a week
        else:
            s.reask()
    elif name == "checkin":
        _new_frame(s, _checkin_frame(s))
    elif name == "morning":
        _new_frame(s, Frame("morning", "waking"))
    elif name == "settings":
        _new_frame(s, Frame("settings", "menu"))
    elif name == "portfolio":
        _new_frame(s, Frame("portfolio", "purpose"))
    elif name == "goals":
        _new_frame(s, goals.menu_frame())
    elif name == "summary":
        view = _view(s)
        ask_summary(view)
        s.absorb(view)
        s.reask()
    elif name in ("pause", "resume"):
        _pause(s, paused=name == "pause")


def _modes(s: Session, name: str) -> None:
    """/plan, /progress, /recap, /flare and /carry_on: each first ends a flare or pause whose
    time is up, so that what they say is true today."""
    view = _view(s)
    refresh(view)
    if name == "plan":
        describe_plan(view, todays_plan(view.facts, s.content, s.now))
    elif name == "progress":
        describe_progress(view)
    elif name == "recap":
        say_recap(view)
    elif name == "flare":
        start_flare(view)
        describe_plan(view, todays_plan(view.facts, s.content, s.now))
    else:
        lift_pause(view, clinician=True)
    s.absorb(view)


def _pause(s: Session, *, paused: bool) -> None:
    """Stops (or restarts) every message the coach would send unasked."""
    if s.facts.profile.paused == paused:
        s.say(K.already_paused if paused else K.not_paused)
    else:
        view = _view(s)
        view.save_profile(paused=paused)
        s.absorb(view)
        if not paused:
            restart = outreach.micro_break(view.profile, s.content, s.now)
            s.effects.extend([CancelKind(outreach.BREAK), *([restart] if restart else [])])
        s.say(K.paused if paused else K.resumed)
    s.reask()


def _checkin_frame(s: Session) -> Frame:
    waiting = checkin.awaiting(s.facts.checkins)
    if waiting is not None:
        return Frame("checkin", "pending", {"no": waiting.no})
    return Frame("checkin", "choose")


def _new_frame(s: Session, frame: Frame) -> None:
    if s.active is not None and s.active.flow == frame.flow:
        s.say(K.in_progress)
        s.reask()
    elif not s.interrupt(frame):
        s.say(K.finish_first)
        s.reask()


def _due(s: Session, event: Event) -> None:
    profile = s.facts.profile
    if _held(s):
        if event.name == WEEKLY_SCREEN:
            _postpone_screen(s, tries=0, held=True)  # asked once the hold is lifted
        if s.active is not None and s.active.flow == "safety":
            _on_hold(s)
            s.reask()
        return  # behind a hold nothing proactive reaches coaching, asked or not
    if profile.onboarded_at is None:
        return  # nothing proactive before onboarding is finished
    if profile.paused:
        return  # paused: nothing unasked; a pending follow-up can still be answered via /checkin
    in_crisis = s.active is not None and s.active.flow == "crisis"
    if event.name == "followup":
        no = int(event.payload.get("no", 0))
        which = str(event.payload.get("ask", "a1"))
        if not checkin.follow_up_pending(s.facts.checkins, no, which):
            return  # answered early, closed out, or deleted: nothing to ask
        if in_crisis:
            return  # no coaching question now; the check-in waits, and /checkin asks it
        active = s.active
        asking = active is not None and active.flow == "checkin" and active.state == which
        if asking and active is not None and active.context.get("no") == no:
            return  # already asking it
        ci = next(c for c in s.facts.checkins if c.no == no)
        activity = checkin.activity_name(_view(s), ci)
        if (s.active is not None and s.suspended is not None) or _protected(s):
            # No room to set two dialogues aside, or a safety question (or their data) in front:
            # say so without taking the next answer; /checkin asks it when they are ready.
            s.say(checkin.K.followup_later, activity=activity)
            return
        s.say(checkin.K.followup_intro, activity=activity)
        s.interrupt(Frame("checkin", which, {"no": no}))
    elif event.name == "nudge":
        if crisis.recent(_view(s)):
            _gentle_morning(s)
        elif in_crisis:
            return  # coaching waits until they choose to carry on
        elif s.active is not None and s.active.flow == "morning" and _answering(s):
            return  # already at the morning check
        else:
            if s.active is not None and s.active.flow == "morning":
                s.active = None  # yesterday's morning question, never answered: today's replaces it
            if _answering(s):
                _nudge_waits(s, event)
            elif not s.interrupt(Frame("morning", "waking")):
                s.say(K.morning_ready)  # two dialogues already open: a note, not a third
    elif event.name == "recap":
        if outreach.held_by_quiet_hours(profile, s.content, s.now):
            _after_quiet_hours(s, event)
        elif _answering(s):
            s.say(K.recap_ready)  # a note: the open question keeps the next answer
            _weekly_screen(s, tries=0, then=_goal_rating(s))
        else:
            say_recap(_view(s))
            _weekly_screen(s, tries=0, then=_goal_rating(s))
    elif event.name == WEEKLY_SCREEN:
        if outreach.held_by_quiet_hours(profile, s.content, s.now):
            _postpone_screen(s, tries=int(event.payload.get("tries", 0)), quiet=True)
        else:
            _weekly_screen(s, tries=int(event.payload.get("tries", 0)) + 1)
    elif event.name == "break" and profile.micro_breaks and _free_for_a_break(s):
        s.active = None  # an offer left unanswered is replaced (and counted as ignored)
        exercise = outreach.pick_exercise(_view(s), s.now)
        s.start(Frame("break", "offer", {"exercise": exercise}))


WEEKLY_SCREEN = "rescreen"  # due-event kind of a weekly screen that was postponed
POSTPONE = timedelta(hours=1)
HELD_POSTPONE = timedelta(days=1)
PATIENCE = 6  # postponements (hours) after which the screen sets an open dialogue aside


def _weekly_screen(s: Session, *, tries: int, then: Frame | None = None) -> None:
    """Starts the weekly red-flag screen, or postpones it while something else is open: it never
    takes the next answer of an open question, and it is never dropped (DESIGN §5). `then` (the
    goals' weekly re-rating) follows the screen; when the screen waits, a note says /goals."""
    busy = s.active is not None
    if busy and (tries < PATIENCE or s.suspended is not None or _protected(s) or _answering(s)):
        _postpone_screen(s, tries=tries)
        if then is not None:
            s.say(goals.K.rate_note)
        return
    s.say(rescreen.K.weekly)
    s.interrupt(rescreen.screen_frame("weekly", then=then))


def _goal_rating(s: Session) -> Frame | None:
    """The goals' weekly re-rating, when it is due (DESIGN §9: once a week, with the recap)."""
    return goals.rating_frame(s.facts, s.now, s.content.goals)


def _protected(s: Session) -> bool:
    return s.active is not None and s.active.flow in UNINTERRUPTED


FRESH = timedelta(minutes=30)  # a question asked this recently owns the next typed message


def _answering(s: Session) -> bool:
    """True while the question in front was asked in the last 30 minutes: nothing proactive
    takes it over (DESIGN §3)."""
    asked = s.active.asked_at if s.active is not None else None
    return asked is not None and s.now - asked < FRESH


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


def _context_of(s: Session, frame: Frame) -> tuple[str, dict[str, object]]:
    """What a set-aside question was about: for a check-in its activity and when it was done
    (or begun), in local time ("Back to Walking at 10:05:")."""
    no = frame.context.get("no") if frame.flow == "checkin" else None
    ci = next((c for c in s.facts.checkins if c.no == no), None)
    if ci is None:
        return K.resume, {}
    zone = ZoneInfo(s.facts.profile.tz or "UTC")
    at = (ci.done_at or ci.created_at).astimezone(zone).strftime("%H:%M")
    return K.resume_checkin, {"activity": checkin.activity_name(_view(s), ci), "time": at}


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
    if s.active is not None and s.active.flow == "crisis":
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
    return s.active is None or s.active.flow == "break"


CHAINS = {
    outreach.NUDGE: outreach.nudge,
    outreach.RECAP: outreach.recap,
    outreach.BREAK: outreach.micro_break,
}


def _next_in_chain(s: Session, event: Event) -> None:
    """Schedules the next nudge / recap / micro-break after the one now due."""
    if event.payload.get("once"):
        return  # a held-over one-off: its chain was continued when it was first due
    profile = s.facts.profile
    if event.name == outreach.BREAK:
        if profile.paused or not profile.micro_breaks:
            return  # the chain stops; /resume or switching breaks on starts it again
        if s.active is not None and s.active.flow == "break":
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


def _view(s: Session) -> Turn:
    """A model to read facts and say things with, outside any flow's machine."""
    view = s.model(s.active or Frame("checkin", "choose"))
    return view
