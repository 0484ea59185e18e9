"""Properties of any conversation: random commands, answers, buttons and due events keep it
sound."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows.dialogue import FLOWS
from flows.model import Event, EventKind, Morning, Phase, Reply, SafetyHold
from tests.flows.questions import (
    EXPOSURE,
    at,
)
from tests.flows.transcript import (
    CONTENT,
    START,
    Chat,
    keys_of,
    onboard,
)

# ---------------------------------------- properties of any conversation

COMMANDS = ("start", "checkin", "plan", "progress", "morning", "help", "bogus")
WORDS = (
    "four", "", "4/10", " 4 ", "4.5", "-1", "🙂", "yes", "no", "unsure", "done", "not_today",
    "now", "new", "walk", "portfolio", "l:bend", "l:twist", "plan", "assessed", "agree", "go_on",
    "suggested", "choose", "london", "7am", "week", "later", "checkin",
)  # fmt: skip
TEXTS = st.one_of(st.sampled_from(WORDS), st.integers(0, 12).map(str))
EVENTS = st.one_of(
    st.tuples(st.just("command"), st.sampled_from(COMMANDS)),
    st.tuples(st.just("say"), TEXTS),
    st.tuples(st.just("press"), TEXTS),
    st.tuples(st.just("option"), st.integers(0, 7)),  # the i-th button of the current question
    st.tuples(st.just("stale"), TEXTS),
    st.tuples(st.just("wait"), st.sampled_from([20, 60, 120, 24 * 60])),
    st.tuples(st.just("nudge"), st.just("")),
)
COACHING = ("advice.", "next.", "plan.")


def _rebuilding() -> Chat:
    chat = onboard()
    profile = replace(chat.facts.profile, phase=Phase.REBUILD)
    days = [START.date() - timedelta(days=n) for n in (3, 2, 1)]
    chat.facts = replace(chat.facts, profile=profile, mornings=tuple(Morning(d, 2) for d in days))
    return chat


def _held_mid_checkin() -> Chat:
    chat = onboard()
    chat.play(*EXPOSURE)
    chat.facts = replace(
        chat.facts, profile=replace(chat.facts.profile, safety_hold=SafetyHold.URGENT)
    )
    return chat


STARTS: dict[str, Chat] = {
    "new": Chat(now=START),
    "screening": at(("rescreen", "q")),
    "onboarded": onboard(),
    "rebuilding": _rebuilding(),
    "held": at(("safety", "hold")),
    "held-mid-checkin": _held_mid_checkin(),
}


def _send(chat: Chat, kind: str, value: object) -> list[Reply]:
    if kind == "command":
        return chat.command(str(value))
    if kind == "say":
        return chat.say(str(value))
    if kind == "press":
        return chat.press(str(value))
    if kind == "option":
        asked = [r for r in (chat.last.replies if chat.last else ()) if r.step is not None]
        choices = asked[-1].choices if asked else ()
        return (
            chat.press(choices[int(str(value)) % len(choices)].value)
            if choices
            else chat.say(str(value))
        )
    if kind == "stale":
        return chat.say(str(value), step=chat.conversation.step - 1)
    if kind == "wait":
        return chat.wait(int(str(value)))
    return chat.send(Event(EventKind.DUE, name="nudge"))


def _check_frames(chat: Chat) -> None:
    for frame in (chat.conversation.active, chat.conversation.suspended):
        assert frame is None or (frame.flow in FLOWS and frame.state in FLOWS[frame.flow].states), (
            frame
        )
    if chat.conversation.active is None:
        assert chat.conversation.suspended is None


def _check_levels(before: dict[str, int], chat: Chat) -> None:
    for movement, state in chat.facts.levels.items():
        top = CONTENT.ladders[movement].top
        assert 1 <= state.level <= top, state
        assert state.return_to is None or state.level < state.return_to <= top, state
        if movement in before:
            assert abs(state.level - before[movement]) <= 1, (before[movement], state)


def _check_hold(held_before: bool, keys: list[str], held_after: bool) -> None:
    if held_before:
        until = keys.index("safety.resumed") if "safety.resumed" in keys else len(keys)
        assert [k for k in keys[:until] if k.startswith(COACHING)] == [], keys
    elif held_after:
        hold = next(i for i, k in enumerate(keys) if k.startswith("safety."))
        assert [k for k in keys[hold:] if k.startswith(COACHING)] == [], keys


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.sampled_from(sorted(STARTS)), events=st.lists(EVENTS, max_size=40))
def test_any_sequence_of_inputs_keeps_the_conversation_sound(
    start: str, events: list[tuple[str, object]]
) -> None:
    """Random commands, answers, buttons and due events never crash, never leave a bad state,
    never move a ladder more than one level in a turn, and never coach while a hold is open."""
    chat = STARTS[start].fork()
    for kind, value in events:
        levels = {m: s.level for m, s in chat.facts.levels.items()}
        held_before = chat.facts.profile.safety_hold is not None
        step = chat.conversation.step
        keys = keys_of(_send(chat, kind, value))
        _check_frames(chat)
        _check_levels(levels, chat)
        _check_hold(held_before, keys, chat.facts.profile.safety_hold is not None)
        assert chat.conversation.step >= step
        steps = [r.step for r in (chat.last.replies if chat.last else ()) if r.step is not None]
        if steps and kind != "wait":
            assert steps[-1] == chat.conversation.step
