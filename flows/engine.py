"""The machinery every dialogue shares: one `transitions` machine per flow, a model per turn.

A flow is a table of transitions plus, for each state that asks something, an `Ask`: the question's
catalogue key and what kind of answer it takes. The engine parses the answer for the current state,
re-asks kindly when it does not fit, and otherwise fires the single trigger `answer`; the table's
conditions pick the destination, its `before` callbacks record what was said. Over 300 lines on
purpose: the machine, the per-turn model and answer parsing are one mechanism.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from transitions import Machine

from flows.catalogue import keys
from flows.content import Content
from flows.model import (
    Checkin,
    Choice,
    Effect,
    Event,
    Facts,
    Frame,
    Origin,
    Reply,
    SaveCheckin,
    SaveProfile,
    Scale,
)
from flows.parse import score

END = "end"

K = keys(
    "common",
    "not_a_choice",
    "not_a_choice_words",
    "not_a_score",
    "invalid_time",
    "invalid_zone",
    "invalid_days",
    "invalid_slot",
    "no_words",
)
LATER = keys("common", "later")
# The usual ways of typing a choice's value, per language ("y", "nope", "not sure"), separated by
# "|". `ok` counts as yes only where a bare number would too: never for a safety answer.
SYNONYMS = keys("synonym", "yes", "no", "unsure", "wrong", "ok", "cancel")
_DROP = str.maketrans("", "", "'’‘`´.!?)¿¡")


# --------------------------------------------------------------------------- answers


class Invalid:
    """An answer that does not fit; `key` says kindly what would (with `params`)."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Ask:
    """What a state asks: the question key, its parameters, and the kind of answer it takes.

    `choices` (buttons / numbered options) may be combined with `parse` for free entry;
    `scale` asks for a whole number in a range.
    """

    key: str | Callable[[Turn], str]
    params: Callable[[Turn], Mapping[str, Any]] | None = None
    choices: Callable[[Turn], Sequence[Choice]] | None = None
    scale: Scale | None = None
    parse: Callable[[Turn, str], Any] | None = None  # returns a value or Invalid
    # A safety answer, consent or deletion (DESIGN §3, §5): taken only from a button or the
    # choice's words, never from a bare number, and shown without numbers in the terminal.
    explicit: bool = False
    invalid: str | None = None  # what to say when the answer does not fit (default: by kind)
    # Asked instead of `key` when the question is asked again (input that did not fit, a sticker,
    # a command in between): the question and its choices, not its whole introduction again.
    short: str | None = None


def on_answer(
    source: str, dest: str, *, when: str | list[str] | None = None, then: str | list[str] = ""
) -> dict[str, Any]:
    """One row of a flow's transition table for the trigger `answer`."""
    row: dict[str, Any] = {"trigger": "answer", "source": source, "dest": dest}
    if then:
        row["after"] = then
    if when is not None:
        row["conditions"] = when
    return row


def plain(text: str) -> str:
    """Typed text as it is compared: case, accents, quotes and end punctuation ignored
    ("¿Sí?" reads "si", "Español" "espanol", "Übermorgen" "ubermorgen")."""
    folded = unicodedata.normalize("NFD", text.casefold())
    bare = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(bare.translate(_DROP).split())


def pick(turn: Turn, text: str, choices: Sequence[Choice], *, explicit: bool = False) -> str | None:
    """Matches typed text to a choice: its value, its label, a usual synonym ("y", "nope", "not
    sure"), a unique start of its label ("carry on"), or, unless `explicit`, "ok" for yes and its
    number in the list."""
    wanted = plain(text)
    if not wanted:
        return None
    for choice in choices:
        if wanted in (choice.value.lower(), plain(turn.label(choice))):
            return choice.value

    def meaning(answer: str) -> str | None:
        meant = [c.value for c in choices if answer in (c.value, c.means)]
        return meant[0] if len(meant) == 1 else None

    for answer in ("yes", "no", "unsure", "wrong"):
        if wanted in turn.words(getattr(SYNONYMS, answer)) and (found := meaning(answer)):
            return found
    if len(wanted) >= 3 and not wanted.isdecimal():
        starting = [c.value for c in choices if plain(turn.label(c)).startswith(wanted)]
        if len(starting) == 1:
            return starting[0]
    if explicit:
        return None
    if wanted in turn.words(SYNONYMS.ok) and (found := meaning("yes")):
        return found
    if wanted.isdecimal() and 1 <= int(wanted) <= len(choices):  # not isdigit: "¹" is a digit
        return choices[int(wanted) - 1].value
    return None


# --------------------------------------------------------------------------- the per-turn model


class Turn:
    """The temporary model attached to a flow's machine for one turn."""

    state: str
    flow: ClassVar[FlowSpec]

    def __init__(
        self,
        frame: Frame,
        facts: Facts,
        content: Content,
        now: datetime,
        replies: list[Reply],
        effects: list[Effect],
        step: int,
    ) -> None:
        self.ctx: dict[str, Any] = dict(frame.context)
        self.facts = facts
        self.profile = facts.profile
        self.content = content
        self.now = now
        self.replies = replies
        self.effects = effects
        self.step = step
        self.value: Any = None
        self.then: Frame | None = None  # a frame to start when this one ends

    # -- saying things

    def say(self, key: str, /, **params: Any) -> None:
        """Adds a message to this turn's replies (questions go through `ask`)."""
        self.replies.append(Reply(key=key, params=params))

    def text(self, key: str, **params: Any) -> str:
        """Renders a catalogue entry to use inside another message."""
        return self.content.text(self.profile.language, key, params)

    def day(self, day: date, *, year: bool = False) -> str:
        """A date as the person's language writes it ("12 Oct", "12 oct", "12. Okt.")."""
        return self.content.day(self.profile.language, day, year=year)

    def label(self, choice: Choice) -> str:
        """Returns a choice's visible label."""
        return choice.label if choice.literal else self.text(choice.label, **choice.params)

    def words(self, key: str) -> tuple[str, ...]:
        """The "|"-separated phrases of a catalogue entry, as typed text is compared."""
        return tuple(plain(w) for w in self.content.text(self.profile.language, key).split("|"))

    def means(self, text: str, key: str) -> bool:
        """True when typed `text` is one of the phrases of catalogue entry `key`."""
        return bool(plain(text)) and plain(text) in self.words(key)

    def ask(self, *, short: bool = False) -> None:
        """Asks the current state's question (`short`: again, in its short form if it has one)."""
        spec = self.flow.asks.get(self.state)
        if spec is None:
            return
        self.step += 1
        params = dict(spec.params(self)) if spec.params else {}
        choices = tuple(spec.choices(self)) if spec.choices else ()
        if short and spec.short is not None:
            key = spec.short
        else:
            key = spec.key if isinstance(spec.key, str) else spec.key(self)
        self.replies.append(
            Reply(
                key=key,
                params=params,
                choices=choices,
                scale=spec.scale,
                step=self.step,
                explicit=spec.explicit,
            )
        )

    # -- recording things

    def save_profile(self, **changes: Any) -> None:
        """Updates the profile for the rest of the turn and records the change."""
        self.profile = replace(self.profile, **changes)
        self.facts = replace(self.facts, profile=self.profile)
        self.effects.append(SaveProfile(self.profile))

    def save_checkin(self, checkin: Checkin) -> Checkin:
        """Records a check-in and keeps facts in step with it."""
        others = tuple(c for c in self.facts.checkins if c.no != checkin.no)
        ordered = tuple(sorted((*others, checkin), key=lambda c: c.no))
        self.facts = replace(
            self.facts,
            checkins=ordered,
            next_checkin_no=max(self.facts.next_checkin_no, checkin.no + 1),
        )
        self.effects.append(SaveCheckin(checkin))
        return checkin

    # -- reading the clock the shell gave us

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.profile.tz or "UTC")

    @property
    def today(self) -> date:
        return self.now.astimezone(self.zone).date()

    def frame(self) -> Frame:
        return Frame(flow=self.flow.name, state=self.state, context=self.ctx)


# --------------------------------------------------------------------------- flows


@dataclass
class FlowSpec:
    """One dialogue: its name, states, transition table, questions and turn model class."""

    name: str
    model: type[Turn]
    states: Sequence[str]
    transitions: Sequence[Mapping[str, Any]]
    asks: Mapping[str, Ask]
    machine: Machine = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.machine = Machine(
            model=None,
            states=[*self.states, END],
            transitions=[dict(t) for t in self.transitions],
            initial=None,
            auto_transitions=False,
        )
        self.model.flow = self

    def attach(self, turn: Turn, state: str) -> None:
        self.machine.add_model(turn, initial=state)

    def detach(self, turn: Turn) -> None:
        self.machine.remove_model(turn)


def parse_answer(turn: Turn, event: Event) -> Any:
    """Turns the raw answer into the value the current state expects, or an Invalid."""
    spec = turn.flow.asks[turn.state]
    text = event.value
    if event.origin is Origin.WORDLESS:  # a sticker, a bare photo: nothing to read
        return Invalid(spec.invalid or K.no_words)
    choices = tuple(spec.choices(turn)) if spec.choices else ()
    if spec.scale is not None:
        value = score(text, spec.scale.lo, spec.scale.hi)
        return Invalid(K.not_a_score) if value is None else value
    picked = pick(turn, text, choices, explicit=spec.explicit) if choices else None
    if picked is not None:
        return picked
    if spec.parse is not None:
        return spec.parse(turn, text)
    if spec.invalid is not None:
        return Invalid(spec.invalid)
    return Invalid(K.not_a_choice_words if spec.explicit else K.not_a_choice)


def run_answer(spec: FlowSpec, turn: Turn, state: str, event: Event) -> bool:
    """Feeds one answer through the flow's machine; False when it did not fit (re-asked)."""
    spec.attach(turn, state)
    try:
        value = parse_answer(turn, event)
        if isinstance(value, Invalid):
            turn.say(value.key, **{"lo": 0, "hi": 10, **value.params})
            turn.ask(short=True)
            return False
        turn.value = value
        moved = bool(turn.trigger("answer"))  # type: ignore[attr-defined]
        if not moved:
            turn.say(K.not_a_choice)
        if turn.state != END:
            turn.ask(short=not moved)
        return moved
    finally:
        spec.detach(turn)


def enter(spec: FlowSpec, turn: Turn, state: str, *, short: bool = False) -> None:
    """Puts the turn in `state` without a transition and asks its question (`short`: again)."""
    spec.attach(turn, state)
    try:
        turn.ask(short=short)
    finally:
        spec.detach(turn)
