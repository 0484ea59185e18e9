"""The coach's vocabulary: frozen records in, frozen records out.

Everything here is plain data. The shell (bot/) loads these from storage, hands them to a flow with
the time and the content, and applies what comes back. Over 300 lines on purpose: the whole
vocabulary in one place, so the records a flow may receive and the effects it may return are read
as one closed set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any, TypeAlias

JSON: TypeAlias = Any


class Light(StrEnum):
    """Traffic light for one check-in."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    UNFINISHED = "unfinished"


class Phase(StrEnum):
    """Stage of recovery; moves on responses, not on the calendar alone."""

    SETTLE = "settle"
    REBUILD = "rebuild"
    PROGRESS = "progress"
    RETURN = "return"


class Flow(StrEnum):
    """The flows, by the name a frame keeps of its flow. Stored in the database and in JSON
    contexts: a value is never renamed."""

    ONBOARDING = "onboarding"
    CHECKIN = "checkin"
    MORNING = "morning"
    SAFETY = "safety"
    SETTINGS = "settings"
    BREAK = "break"
    RESCREEN = "rescreen"
    DELETE = "delete"
    CONSENT = "consent"
    CRISIS = "crisis"
    PORTFOLIO = "portfolio"
    GOALS = "goals"


class ActivityKind(StrEnum):
    """What a check-in is about."""

    EXPOSURE = "exposure"  # a step on an exposure ladder
    PORTFOLIO = "portfolio"  # one of the person's portfolio movements
    WALK = "walk"


class CheckinStatus(StrEnum):
    OPEN = "open"  # before/done/during still being asked
    AWAITING_A1 = "awaiting_a1"  # done; one-hour follow-up pending
    AWAITING_A2 = "awaiting_a2"  # not settled at one hour; two-hour follow-up pending
    FINISHED = "finished"  # light decided
    SKIPPED = "skipped"  # "not today": recorded, never punished


class SafetyHold(StrEnum):
    EMERGENCY = "emergency"
    URGENT = "urgent"


class Answer3(StrEnum):
    """A red-flag answer. "Not sure" is never "no"."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


# --------------------------------------------------------------------------- records (stored facts)


@dataclass(frozen=True)
class Profile:
    """What the coach keeps about one person (nothing identifying)."""

    user_id: int
    language: str = "en"
    tz: str | None = None
    nudge_time: time | None = None
    episode_start: date | None = None
    consent_version: str | None = None
    consent_at: datetime | None = None
    adult_at: datetime | None = None
    onboarded_at: datetime | None = None
    fears: Mapping[str, int] = field(default_factory=dict)  # movement id -> 0..10
    portfolio: tuple[str, ...] = ()  # exercise ids, one per purpose
    phase: Phase = Phase.SETTLE
    paused: bool = False
    recap_slot: str | None = None  # "<weekday 0-6> HH:MM"; None: the default from data/rhythm.toml
    micro_breaks: bool = False
    breaks_ignored: int = 0
    safety_hold: SafetyHold | None = None
    safety_hold_at: datetime | None = None
    assessed_at: datetime | None = None
    crisis_on: date | None = None  # local date of a message about self-harm (never its words)
    quick_screen_on: date | None = None  # local date of the last one-question re-screen
    flare_since: date | None = None  # the flare-up plan: local date it began (None: not on)
    flare_calm: int = 0  # mornings in a row back near usual since the flare began
    paused_since: datetime | None = None  # progression paused (3 REDs in a week, or a long flare)
    pause_reason: str | None = None  # "reds" | "flare"
    summary_at: datetime | None = None  # when /summary last made the clinician's PDF


@dataclass(frozen=True)
class LevelState:
    """Position on one exposure ladder."""

    movement: str
    level: int = 1
    return_to: int | None = None  # after a RED: the level to come back to, not beyond


@dataclass(frozen=True)
class Checkin:
    """One check-in, saved whole after every answer so nothing typed is lost."""

    no: int  # per-user sequence number
    kind: ActivityKind
    activity: str  # movement id for EXPOSURE, exercise id otherwise
    level: int | None  # ladder level for EXPOSURE
    created_at: datetime
    status: CheckinStatus = CheckinStatus.OPEN
    baseline: int | None = None  # b: pain before
    expected: int | None = None  # predicted peak pain (exposure only)
    confidence_before: int | None = None
    done_at: datetime | None = None
    during: int | None = None  # d: peak pain during
    a1: int | None = None
    a1_at: datetime | None = None
    a2: int | None = None
    a2_at: datetime | None = None
    confidence_after: int | None = None
    morning: int | None = None  # next morning's waking pain, when known
    light: Light | None = None
    level_after: int | None = None


@dataclass(frozen=True)
class Morning:
    """Waking pain on one local date."""

    day: date
    pain: int


@dataclass(frozen=True)
class GoalRating:
    """How well the person could do a goal's activity, 0 (can't) to 10 (as before)."""

    at: datetime
    value: int


@dataclass(frozen=True)
class Goal:
    """One of the person's own goals (DESIGN §9, PSFS): an everyday activity they want back.

    `suggestion` names a suggestion of data/goals.toml (its words are a catalogue key); `text` is
    the person's own words (health data: never logged) and wins over the suggestion when set.
    """

    no: int  # per-user sequence number
    movements: tuple[str, ...]  # the ladder movements it needs
    created_at: datetime
    suggestion: str | None = None
    text: str | None = None
    retired_at: datetime | None = None
    ratings: tuple[GoalRating, ...] = ()  # oldest first

    @property
    def active(self) -> bool:
        return self.retired_at is None


@dataclass(frozen=True)
class Facts:
    """Everything a flow may consult for one turn, loaded by the shell."""

    profile: Profile
    levels: Mapping[str, LevelState] = field(default_factory=dict)
    checkins: tuple[Checkin, ...] = ()  # recent (>= 14 days) plus any unfinished, oldest first
    mornings: tuple[Morning, ...] = ()  # recent (>= 14 days), oldest first
    next_checkin_no: int = 1
    goals: tuple[Goal, ...] = ()  # every goal, retired ones too, by number; all their ratings


# --------------------------------------------------------------------------- dialogue


ASKED_AT, ASKED_STEP = "asked_at", "asked_step"  # frame context: when and at which step it asked


@dataclass(frozen=True)
class Frame:
    """Where one dialogue stands; its context notes when it last asked its question."""

    flow: str
    state: str
    context: Mapping[str, JSON] = field(default_factory=dict)

    @property
    def asked_at(self) -> datetime | None:
        """When this frame last asked its question (None for a frame stored before it was noted)."""
        at = self.context.get(ASKED_AT)
        return datetime.fromisoformat(at) if isinstance(at, str) else None

    @property
    def asked_step(self) -> int | None:
        """The step its question's buttons carry."""
        step = self.context.get(ASKED_STEP)
        return step if isinstance(step, int) else None


@dataclass(frozen=True)
class Conversation:
    """The person's dialogue: the active frame (None when idle) and one suspended frame.

    `step` grows with every question asked; buttons carry it, so a stale one is recognised.
    """

    active: Frame | None = None
    suspended: Frame | None = None
    step: int = 0

    def live(self, step: int) -> bool:
        """True when a button carrying `step` answers an open question: the one in front, or the
        one set aside (DESIGN §3: its buttons still work)."""
        return step == self.step or (
            self.suspended is not None and self.suspended.asked_step == step
        )


def frame_json(frame: Frame) -> dict[str, JSON]:
    """A frame as the plain JSON a conversation stores: {"flow", "state", "context"}."""
    return {"flow": frame.flow, "state": frame.state, "context": dict(frame.context)}


def frame_of(data: Mapping[str, JSON] | None) -> Frame | None:
    """A stored frame back as a Frame (nothing stored: None)."""
    if not data:
        return None
    return Frame(data["flow"], data["state"], data.get("context") or {})


class EventKind(StrEnum):
    COMMAND = "command"  # name = command without slash, value = argument text
    ANSWER = "answer"  # value = typed text or button value; step = the button's step, if any
    DUE = "due"  # name = due-event kind; payload = its payload


class Origin(StrEnum):
    """Where the text of an ANSWER came from. Every text is screened (DESIGN §5); only typed
    text answers a question."""

    TYPED = "typed"  # a message's text, a button's value, a terminal line
    CAPTION = "caption"  # the caption of a photo, video or document
    EDIT = "edit"  # the new text (or caption) of a message the person edited
    WORDLESS = "wordless"  # a sticker, a photo without caption: nothing to read, nothing to screen


LANGUAGE_HINT = "language"  # Event.payload: the language the person's app uses ("es-MX"), if known


@dataclass(frozen=True)
class Event:
    kind: EventKind
    name: str = ""
    value: str = ""
    step: int | None = None
    payload: Mapping[str, JSON] = field(default_factory=dict)
    origin: Origin = Origin.TYPED


@dataclass(frozen=True)
class Choice:
    """One button / numbered option. `label` is a catalogue key unless `literal`."""

    value: str
    label: str
    params: Mapping[str, JSON] = field(default_factory=dict)
    literal: bool = False
    means: str | None = None  # "yes" / "no": typed synonyms of that answer pick this choice


@dataclass(frozen=True)
class Scale:
    """A 0..10 answer; `low`/`high` are catalogue keys naming what the ends mean."""

    low: str
    high: str
    lo: int = 0
    hi: int = 10


@dataclass(frozen=True)
class Series:
    """One line of a chart: a catalogue key naming it (the words themselves when `literal`: a
    goal in the person's words) and a value per point (None: no data)."""

    label: str
    values: tuple[float | None, ...]
    literal: bool = False


@dataclass(frozen=True)
class Chart:
    """The weekly recap drawn as a picture: pain before, during and after per day; under it,
    when given, the lights per day (series green, amber, red: counts) and the goals' ratings by
    week (one series per goal, a value per label of `weeks`)."""

    title: str  # catalogue key
    days: tuple[str, ...]  # one label per point, e.g. "Mon"
    series: tuple[Series, ...]
    low: float = 0
    high: float = 10
    lights: tuple[Series, ...] = ()  # green, amber, red: check-ins per day
    weeks: tuple[str, ...] = ()  # literal labels of the goals' weeks ("30 Nov")
    goals: tuple[Series, ...] = ()  # each goal's rating in each week (literal labels)
    lights_title: str = ""  # catalogue keys of the two lower panels' titles
    goals_title: str = ""


@dataclass(frozen=True)
class Reply:
    """One message: a catalogue key with parameters, and what the person can answer."""

    key: str
    params: Mapping[str, JSON] = field(default_factory=dict)
    choices: tuple[Choice, ...] = ()
    scale: Scale | None = None
    step: int | None = None  # set on questions: buttons carry it back
    chart: Chart | None = None  # sent as a picture, with the text as its caption
    # "export": the shell attaches the person's data as files; "summary": the clinician's PDF
    attachment: str | None = None
    explicit: bool = False  # choices taken only by button or words: the terminal shows no numbers


# --------------------------------------------------------------------------- effects


@dataclass(frozen=True)
class SaveProfile:
    profile: Profile


@dataclass(frozen=True)
class SaveCheckin:
    checkin: Checkin


@dataclass(frozen=True)
class SetLevel:
    state: LevelState


@dataclass(frozen=True)
class SaveMorning:
    morning: Morning


@dataclass(frozen=True)
class Schedule:
    """Schedule a due event; the shell divides (due_at - now) by BACKCOACH_TIME_SCALE."""

    kind: str
    due_at: datetime
    dedupe_key: str
    payload: Mapping[str, JSON] = field(default_factory=dict)


@dataclass(frozen=True)
class Cancel:
    dedupe_key: str


@dataclass(frozen=True)
class CancelKind:
    """Cancels every pending due event of one kind for this person (e.g. all nudges)."""

    kind: str


@dataclass(frozen=True)
class DeleteEverything:
    """Erases the person and every row that belongs to them; nothing is saved after it."""


@dataclass(frozen=True)
class RecordRedFlags:
    answers: tuple[tuple[str, Answer3], ...]  # (question id, answer)
    context: str  # "onboarding", "weekly", "after_red"


@dataclass(frozen=True)
class SaveGoal:
    """Adds or changes a goal (its ratings are recorded by RateGoal)."""

    goal: Goal


@dataclass(frozen=True)
class RateGoal:
    goal_no: int
    value: int
    context: str  # "onboarding", "weekly", "goals"


Effect: TypeAlias = (
    SaveProfile
    | SaveCheckin
    | SetLevel
    | SaveMorning
    | Schedule
    | Cancel
    | CancelKind
    | RecordRedFlags
    | SaveGoal
    | RateGoal
    | DeleteEverything
)


@dataclass(frozen=True)
class Outcome:
    conversation: Conversation
    replies: tuple[Reply, ...] = ()
    effects: tuple[Effect, ...] = ()
    stale: bool = False  # the event was a button of a question that had passed (not taken)
