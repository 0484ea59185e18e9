"""The red-flag screen asked again: weekly with the recap and after any RED — every question,
every answer, every entry point, escalating in the same turn."""

from __future__ import annotations

from datetime import timedelta

import pytest

from flows.model import SafetyHold
from tests.flows.transcript import CONTENT, Chat, keys_of, onboard

QUESTIONS = [(i, q.id, q.category) for i, q in enumerate(CONTENT.red_flags)]


def after_red() -> Chat:
    """A walk that was RED at once: the re-screen starts in the same turn."""
    chat = onboard()
    replies = chat.play("/checkin", "[walk]", "2", "[done]", "7")
    assert keys_of(replies)[-2:] == ["rescreen.after_red", "rescreen.question"]
    return chat


def weekly() -> Chat:
    """The Sunday recap: the re-screen follows it."""
    chat = onboard()
    chat.due = {k: e for k, e in chat.due.items() if e.kind == "recap"}
    (recap,) = chat.due.values()
    chat.now = recap.due_at
    replies = chat.wait(1)
    assert keys_of(replies)[-2:] == ["rescreen.weekly", "rescreen.question"]
    return chat


ENTRIES = {"after_red": after_red, "weekly": weekly}


def answer_up_to(chat: Chat, index: int, answer: str) -> list:  # type: ignore[type-arg]
    for _ in range(index):
        chat.press("no")
    return chat.press(answer)


@pytest.mark.parametrize("entry", list(ENTRIES))
@pytest.mark.parametrize("answer", ["yes", "unsure"])
@pytest.mark.parametrize(("index", "qid", "category"), QUESTIONS, ids=[q[1] for q in QUESTIONS])
def test_every_red_flag_escalates_at_every_entry(
    entry: str, answer: str, index: int, qid: str, category: str
) -> None:
    """Emergency: held in the same turn. Urgent: held when the screen ends. "Not sure" = yes."""
    chat = ENTRIES[entry]()
    replies = answer_up_to(chat, index, answer)
    if category == "emergency":
        assert keys_of(replies)[-1] == "safety.emergency"
        assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY
    else:
        while chat.state == ("rescreen", "q"):
            replies = chat.press("no")
        assert keys_of(replies)[-1] == "safety.urgent"
        assert chat.facts.profile.safety_hold is SafetyHold.URGENT
    assert chat.red_flags[-1].context in ("after_red", "weekly")


@pytest.mark.parametrize("entry", list(ENTRIES))
def test_all_no_says_clear_and_coaching_goes_on(entry: str) -> None:
    """Eleven noes: "nothing there that needs a doctor" and no hold."""
    chat = ENTRIES[entry]()
    replies = answer_up_to(chat, len(CONTENT.red_flags) - 1, "no")
    assert "rescreen.clear" in keys_of(replies)
    assert chat.facts.profile.safety_hold is None


def test_after_assessment_the_rest_of_the_rescreen_is_asked() -> None:
    """An emergency at question 2, assessed: questions 3 to 11 are still asked."""
    chat = after_red()
    answer_up_to(chat, 1, "yes")
    chat.press("assessed")
    assert chat.state == ("rescreen", "q")
    asked = 0
    while chat.state == ("rescreen", "q"):
        chat.press("no")
        asked += 1
    assert asked == len(CONTENT.red_flags) - 2


HELD_EVENTS = ["/checkin", "/plan", "/progress", "/morning", "/recap", "/start", "3", "[5]"]


@pytest.mark.parametrize("event", HELD_EVENTS)
def test_nothing_reaches_coaching_while_held(event: str) -> None:
    """After an emergency answer, no command, typed answer, old button or due event gives advice."""
    chat = after_red()
    answer_up_to(chat, 0, "yes")
    replies = chat.play(event) + chat.wait(24 * 60)
    coaching = [
        k
        for k in keys_of(replies)
        if k.split(".")[0] in ("advice", "next", "plan", "recap", "morning", "checkin")
    ]
    assert coaching == []
    assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY


def test_the_weekly_rescreen_waits_if_something_else_is_set_aside() -> None:
    """A recap while two dialogues are open sends the recap without forcing the screen in."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]", "/morning")
    assert chat.conversation.suspended is not None
    chat.due = {k: e for k, e in chat.due.items() if e.kind == "recap"}
    (recap,) = chat.due.values()
    chat.now = recap.due_at + timedelta(minutes=1)
    assert "rescreen.weekly" not in keys_of(chat.wait(0))
