"""The red-flag screen asked again: weekly with the recap and after any RED — every question,
every answer, every entry point, escalating in the same turn."""

from __future__ import annotations

from datetime import timedelta

import pytest

from flows.model import Answer3, SafetyHold
from tests.flows.transcript import CONTENT, Chat, assessed, hold_keys, keys_of, onboard

QUESTIONS = [(i, q.id, q.category) for i, q in enumerate(CONTENT.red_flags)]


def after_red() -> Chat:
    """A walk that was RED at once: the one combined safety question starts in the same turn."""
    chat = onboard()
    replies = chat.play("/checkin", "[walk]", "2", "[done]", "7")
    assert keys_of(replies)[-2:] == ["rescreen.after_red", "rescreen.quick"]
    return chat


def after_red_flagged(answer: str = "yes") -> Chat:
    """After a RED, a yes (or not sure) to the combined question: the emergency questions follow."""
    chat = after_red()
    assert keys_of(chat.press(answer)) == ["rescreen.question"]
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


ENTRIES = {
    "after_red": after_red_flagged,
    "after_red_unsure": lambda: after_red_flagged("unsure"),
    "weekly": weekly,
}
CASES = [
    (entry, *q)
    for entry in ENTRIES
    for q in QUESTIONS
    if entry == "weekly" or q[2] == "emergency"  # after a RED: the emergency signs only
]


def answer_up_to(chat: Chat, index: int, answer: str) -> list:  # type: ignore[type-arg]
    for _ in range(index):
        chat.press("no")
    return chat.press(answer)


@pytest.mark.parametrize("answer", ["yes", "unsure"])
@pytest.mark.parametrize(
    ("entry", "index", "qid", "category"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES]
)
def test_every_red_flag_escalates_at_every_entry(
    entry: str, answer: str, index: int, qid: str, category: str
) -> None:
    """Emergency: held in the same turn. Urgent: held when the screen ends. "Not sure" = yes."""
    chat = ENTRIES[entry]()
    replies = answer_up_to(chat, index, answer)
    if category == "emergency":
        assert keys_of(replies) == hold_keys("emergency", unsure=answer == "unsure")
        assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY
    else:
        while chat.state == ("rescreen", "q"):
            replies = chat.press("no")
        assert keys_of(replies)[-2:] == hold_keys("urgent")[-2:]
        assert ("safety.unsure" in keys_of(replies)) == (answer == "unsure")
        assert chat.facts.profile.safety_hold is SafetyHold.URGENT
    assert chat.red_flags[-1].context in ("after_red", "weekly")
    assert (qid, Answer3(answer)) in [pair for r in chat.red_flags for pair in r.answers]


def test_after_a_red_only_the_emergency_questions_follow_a_yes() -> None:
    """A yes to the combined question asks each emergency sign, and none of the urgent ones."""
    chat = after_red_flagged()
    asked = 0
    while chat.state == ("rescreen", "q"):
        chat.press("no")
        asked += 1
    emergency = [q.id for q in CONTENT.red_flags if q.category == "emergency"]
    assert asked == len(emergency)
    recorded = [qid for r in chat.red_flags if r.context == "after_red" for qid, _ in r.answers]
    assert recorded == ["quick", *emergency]
    assert chat.facts.profile.safety_hold is None


def test_after_a_red_a_no_to_the_combined_question_asks_nothing_more() -> None:
    """One question after a RED: a no is recorded, "nothing there", and no individual questions."""
    chat = after_red()
    replies = chat.press("no")
    assert keys_of(replies) == ["rescreen.clear"]
    assert chat.state is None
    assert chat.red_flags[-1].answers == (("quick", Answer3.NO),)


def test_the_combined_question_lists_every_emergency_sign() -> None:
    """The combined question names each emergency sign, one per line, with yes / no / not sure."""
    chat = after_red()
    asked = chat.asked
    signs = asked.params["signs"].splitlines()
    assert len(signs) == sum(q.category == "emergency" for q in CONTENT.red_flags)
    assert [c.value for c in asked.choices] == ["yes", "no", "unsure"]
    assert asked.explicit


def test_the_combined_question_comes_at_most_once_a_day() -> None:
    """A second RED the same day asks no safety question; the next day's RED asks it again."""
    chat = after_red()
    chat.press("no")
    second = chat.play("/checkin", "[walk]", "2", "[done]", "8")
    assert "rescreen.quick" not in keys_of(second)
    chat.now += timedelta(days=1)
    third = chat.play("/checkin", "[walk]", "2", "[done]", "8")
    assert "rescreen.quick" in keys_of(third)


@pytest.mark.parametrize("entry", ["after_red", "weekly"])
def test_all_no_says_clear_and_coaching_goes_on(entry: str) -> None:
    """All noes: "none of those warning signs" and no hold."""
    if entry == "weekly":
        chat = weekly()
        replies = answer_up_to(chat, len(CONTENT.red_flags) - 1, "no")
    else:
        chat = after_red()
        replies = chat.press("no")
    assert "rescreen.clear" in keys_of(replies)
    assert chat.facts.profile.safety_hold is None


def test_after_assessment_the_rest_of_the_rescreen_is_asked() -> None:
    """An emergency at question 2 after a RED, assessed: the other emergency questions follow."""
    chat = after_red_flagged()
    answer_up_to(chat, 1, "yes")
    assessed(chat)
    assert chat.state == ("rescreen", "q")
    asked = 0
    while chat.state == ("rescreen", "q"):
        chat.press("no")
        asked += 1
    assert asked == sum(q.category == "emergency" for q in CONTENT.red_flags) - 2


HELD_EVENTS = ["/checkin", "/plan", "/progress", "/morning", "/recap", "/start", "3", "[5]"]


@pytest.mark.parametrize("event", HELD_EVENTS)
def test_nothing_reaches_coaching_while_held(event: str) -> None:
    """After an emergency answer, no command, typed answer, old button or due event gives advice."""
    chat = after_red_flagged()
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
    (later,) = (e for e in chat.due.values() if e.kind == "rescreen")
    assert later.due_at == chat.now + timedelta(hours=1)  # postponed, not dropped
