"""The red-flag screen at onboarding and the safety hold it sets, replayed through `turn`."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from flows.model import (
    Answer3,
    Event,
    EventKind,
    RecordRedFlags,
    SafetyHold,
)
from tests.flows.transcript import (
    AFTER_SCREEN,
    CONTENT,
    START,
    TO_SCREEN,
    Chat,
    assessed,
    hold_keys,
    hold_question,
    keys_of,
    onboard,
)

COACHING = ("advice.", "next.", "plan.", "reason.")
QUESTIONS = [(i, q.id, q.category) for i, q in enumerate(CONTENT.red_flags)]


def coaching(keys: list[str]) -> list[str]:
    """The reply keys that would be coaching advice."""
    return [k for k in keys if k.startswith(COACHING)]


def held(answer: str, index: int) -> Chat:
    """A new person who answers `answer` to red-flag question `index` and "no" to the others."""
    chat = Chat(now=START)
    chat.play(*TO_SCREEN)
    for i in range(len(CONTENT.red_flags)):
        if chat.state != ("rescreen", "q"):
            break
        chat.press(answer if i == index else "no")
    return chat


def urgent_hold() -> Chat:
    """A person held after a "yes" to the first urgent question."""
    first_urgent = next(i for i, q in enumerate(CONTENT.red_flags) if q.category == "urgent")
    return held("yes", first_urgent)


# ---------------------------------------- red flags


@pytest.mark.parametrize("answer", ["yes", "unsure"])
@pytest.mark.parametrize(("index", "qid", "category"), QUESTIONS, ids=[q[1] for q in QUESTIONS])
def test_red_flag_answer_sets_the_hold_of_its_kind(
    index: int, qid: str, category: str, answer: str
) -> None:
    """A yes or not-sure holds coaching: emergency at once, urgent after the whole screen."""
    chat = Chat(now=START)
    chat.play(*TO_SCREEN, *(["[no]"] * index))
    replies = chat.press(answer)
    if category == "emergency":
        assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY
        assert keys_of(replies) == hold_keys("emergency", unsure=answer == "unsure")
        recorded = [pair for r in chat.red_flags for pair in r.answers]
        assert recorded[-1] == (qid, Answer3(answer))
        assert len(recorded) == index + 1
    else:
        for _ in range(index + 1, len(CONTENT.red_flags)):
            assert chat.facts.profile.safety_hold is None
            assert chat.state == ("rescreen", "q")
            replies = chat.press("no")
        assert chat.facts.profile.safety_hold is SafetyHold.URGENT
        assert keys_of(replies)[-3:] == hold_keys("urgent", unsure=answer == "unsure")[-3:]
        recorded = [pair for r in chat.red_flags for pair in r.answers]
        assert len(recorded) == len(CONTENT.red_flags)
        assert recorded[index] == (qid, Answer3(answer))
    assert chat.facts.profile.safety_hold_at == START
    assert chat.state == ("safety", "hold")
    assert chat.facts.profile.onboarded_at is None


URGENT = [q for q in QUESTIONS if q[2] == "urgent"]
EMERGENCY = [q for q in QUESTIONS if q[2] == "emergency"]


@pytest.mark.parametrize(("index", "qid", "category"), URGENT, ids=[q[1] for q in URGENT])
def test_assessed_lifts_the_hold_and_resumes_at_the_episode_question(
    index: int, qid: str, category: str
) -> None:
    """Checked and told it's fine: the hold clears, assessed_at is stamped, the episode is next."""
    chat = held("unsure", index)
    chat.now = START + timedelta(hours=5)
    assert keys_of(chat.press("yes")) == ["safety.cleared"]
    assert chat.facts.profile.safety_hold is SafetyHold.URGENT  # one answer is not enough
    replies = chat.press("yes")
    assert keys_of(replies) == ["safety.resumed", "onboarding.episode"]
    assert chat.facts.profile.safety_hold is None
    assert chat.facts.profile.assessed_at == START + timedelta(hours=5)
    assert chat.state == ("onboarding", "episode")
    chat.play(*AFTER_SCREEN, "[later]")
    assert chat.facts.profile.onboarded_at is not None
    assert chat.facts.profile.consent_version == CONTENT.policy_version


@pytest.mark.parametrize(("index", "qid", "category"), EMERGENCY, ids=[q[1] for q in EMERGENCY])
def test_assessed_lifts_an_emergency_hold(index: int, qid: str, category: str) -> None:
    """Checked and told it's fine after an emergency answer: the hold clears; the screen goes on."""
    chat = held("yes", index)
    replies = assessed(chat)
    assert keys_of(replies)[:2] == ["safety.cleared", "safety.resumed"]
    assert chat.facts.profile.safety_hold is None
    assert chat.facts.profile.assessed_at == START
    assert chat.state is not None and chat.state[0] in ("onboarding", "rescreen")


@pytest.mark.parametrize(
    ("index", "qid", "category"), EMERGENCY[:-1], ids=[q[1] for q in EMERGENCY[:-1]]
)
def test_after_an_emergency_hold_the_rest_of_the_screen_is_asked(
    index: int, qid: str, category: str
) -> None:
    """Once assessed, the red-flag questions not yet answered are asked before going on."""
    chat = held("yes", index)
    assessed(chat)
    assert chat.state == ("rescreen", "q")
    while chat.state == ("rescreen", "q"):
        chat.press("no")
    ids = [q for r in chat.red_flags for q, _ in r.answers]
    assert sorted(set(ids)) == sorted(q.id for q in CONTENT.red_flags)


def test_a_hold_after_the_screen_does_not_record_answers_twice() -> None:
    """An urgent hold records each of the eleven questions exactly once."""
    chat = urgent_hold()
    ids = [qid for r in chat.red_flags for qid, _ in r.answers]
    assert sorted(ids) == sorted(q.id for q in CONTENT.red_flags)
    assert all(isinstance(r, RecordRedFlags) for r in chat.red_flags)


HELD_COMMANDS = ["checkin", "plan", "progress", "start", "morning", "help", "settings"]


@pytest.mark.parametrize("kind", ["emergency", "urgent"])
@pytest.mark.parametrize("command", HELD_COMMANDS)
def test_while_held_a_command_gives_no_coaching_and_reasks_the_hold(
    kind: str, command: str
) -> None:
    """Every command while held says coaching is paused and shows the hold again."""
    chat = held("yes", 0) if kind == "emergency" else urgent_hold()
    replies = chat.command(command)
    keys = keys_of(replies)
    assert coaching(keys) == []
    assert keys[-1] == hold_question(kind)
    assert f"common.on_hold{'_emergency' if kind == 'emergency' else ''}" in keys
    assert chat.state == ("safety", "hold")
    assert chat.facts.profile.safety_hold is SafetyHold(kind)


def test_while_held_a_stale_button_is_refused_and_the_hold_reasked() -> None:
    """A button from an earlier question cannot lift or skip the hold."""
    chat = urgent_hold()
    replies = chat.say("yes", step=chat.conversation.step - 1)
    assert keys_of(replies) == ["common.stale", "safety.checked"]
    assert chat.facts.profile.safety_hold is SafetyHold.URGENT


@pytest.mark.parametrize("text", ["3", "0", "1", "2", "10", "done", "hello", "/checkin"])
def test_while_held_a_typed_answer_is_not_taken_as_assessed(text: str) -> None:
    """A number, a stray word or a command re-asks the hold's question and keeps the hold."""
    chat = urgent_hold()
    replies = chat.play(text)
    keys = keys_of(replies)
    assert coaching(keys) == []
    assert keys[-1] == "safety.checked"
    assert "safety.cleared" not in keys and "safety.resumed" not in keys
    assert chat.facts.profile.safety_hold is SafetyHold.URGENT


def test_while_held_the_morning_nudge_is_not_sent() -> None:
    """A nudge coming due during a hold starts no morning check."""
    chat = onboard()
    chat.facts = replace(
        chat.facts, profile=replace(chat.facts.profile, safety_hold=SafetyHold.URGENT)
    )
    replies = chat.send(Event(EventKind.DUE, name="nudge"))
    assert coaching(keys_of(replies)) == []
    assert "morning.waking" not in keys_of(replies)


def held_mid_checkin() -> Chat:
    """An onboarded person asked for pain before an exposure step when a hold is set elsewhere."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]")
    assert chat.state == ("checkin", "baseline")
    chat.facts = replace(
        chat.facts,
        profile=replace(chat.facts.profile, safety_hold=SafetyHold.URGENT, safety_hold_at=START),
    )
    return chat


def test_while_held_a_due_followup_asks_nothing_and_reasks_the_hold() -> None:
    """A follow-up coming due during a hold asks no pain question and shows the hold again."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]", "2", "4", "6", "[done]", "3", "7")
    chat.facts = replace(
        chat.facts, profile=replace(chat.facts.profile, safety_hold=SafetyHold.URGENT)
    )
    keys = keys_of(chat.wait(60))
    assert coaching(keys) == []
    assert "checkin.a1" not in keys
    assert keys[-1] == "safety.checked"
    assert chat.state == ("safety", "hold")


@pytest.mark.parametrize("command", HELD_COMMANDS)
def test_a_hold_set_mid_checkin_stops_the_checkin_at_the_next_command(command: str) -> None:
    """With a hold set while a check-in is open, any command shows the hold, not coaching."""
    chat = held_mid_checkin()
    keys = keys_of(chat.command(command))
    assert coaching(keys) == []
    assert keys[-1] == "safety.checked"
    assert chat.state == ("safety", "hold")


@pytest.mark.parametrize("button", [False, True], ids=["typed", "button"])
def test_a_hold_set_mid_checkin_is_not_lifted_by_a_pain_score_of_1(button: bool) -> None:
    """A "1" meant as a pain score (typed or on the last question's step) is not "assessed"."""
    chat = held_mid_checkin()
    keys = keys_of(chat.say("1", step=chat.conversation.step if button else None))
    assert chat.facts.profile.safety_hold is SafetyHold.URGENT
    assert coaching(keys) == []
    assert keys[-1] == "safety.checked"
    assert chat.facts.checkins[-1].baseline is None


def test_a_hold_set_mid_checkin_resumes_the_checkin_once_assessed() -> None:
    """After "assessed" the interrupted check-in question is asked again."""
    chat = held_mid_checkin()
    chat.command("plan")
    replies = assessed(chat)
    assert keys_of(replies) == ["safety.cleared", "safety.resumed", "checkin.baseline"]
    assert chat.state == ("checkin", "baseline")
