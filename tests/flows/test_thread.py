"""The conversation keeps its thread (DESIGN §3): nothing proactive takes over a fresh question."""

from __future__ import annotations

from datetime import timedelta

from flows.dialogue import PATIENCE
from flows.model import Event, EventKind, Reply
from tests.flows.transcript import Chat, keys_of, onboard

TO_DURING = ("/checkin", "[l:bend]", "2", "4", "6", "[done]")  # now asking the peak pain


def before_nudge(minutes: int) -> Chat:
    """An onboarded person, `minutes` before tomorrow's morning nudge."""
    chat = onboard()
    (nudge,) = [e for e in chat.due.values() if e.kind == "nudge"]
    chat.now = nudge.due_at - timedelta(minutes=minutes)
    return chat


def test_a_nudge_during_a_fresh_checkin_question_does_not_take_the_next_answer() -> None:
    """A nudge due 5 minutes after the peak-pain question waits: the "6" is the peak pain."""
    chat = before_nudge(5)
    chat.play(*TO_DURING)
    replies = chat.wait(10)
    assert "morning.waking" not in keys_of(replies)
    assert chat.state == ("checkin", "during")
    waiting = [e for e in chat.due.values() if e.kind == "nudge" and e.payload.get("once")]
    assert len(waiting) == 1
    chat.say("6")
    assert chat.facts.checkins[-1].during == 6
    assert chat.facts.mornings == ()


def test_a_nudge_after_40_minutes_takes_over_and_the_question_comes_back_with_context() -> None:
    """A question left 40 minutes is set aside for the morning check, then resumed with the
    activity and the local time it began."""
    chat = before_nudge(40)
    chat.play(*TO_DURING)
    asked_at = chat.now
    assert "morning.waking" in keys_of(chat.wait(45))
    assert chat.conversation.suspended is not None
    assert chat.conversation.suspended.state == "during"
    replies = chat.play("2", "[later]")
    resume = next(r for r in replies if r.key == "common.resume_checkin")
    assert resume.params["time"] == asked_at.strftime("%H:%M")  # London is on UTC in March
    assert str(resume.params["activity"]).startswith("bending")
    assert keys_of(replies)[-1] == "checkin.during"
    chat.say("6")
    assert chat.facts.checkins[-1].during == 6 and chat.facts.mornings[-1].pain == 2


def test_the_set_aside_followups_button_still_works_after_a_nudge() -> None:
    """A press on the set-aside follow-up's button answers it; the morning check comes back."""
    chat = before_nudge(60 + 45)
    chat.play(*TO_DURING, "3", "7")
    assert keys_of(chat.wait(61))[-1] == "checkin.a1"
    assert "morning.waking" in keys_of(chat.wait(45))
    aside = chat.conversation.suspended
    assert aside is not None and aside.state == "a1" and aside.asked_step is not None
    replies = chat.send(Event(EventKind.ANSWER, value="2", step=aside.asked_step))
    assert "common.stale" not in keys_of(replies)
    assert chat.facts.checkins[-1].a1 == 2
    assert keys_of(replies)[-2:] == ["common.resume", "morning.waking"]


def test_a_recap_during_a_fresh_question_is_a_note_and_the_rescreen_waits() -> None:
    """The weekly recap due while a question is fresh says it is ready; the screen is postponed."""
    chat = onboard()
    chat.due = {k: e for k, e in chat.due.items() if e.kind == "recap"}
    (recap,) = chat.due.values()
    chat.now = recap.due_at - timedelta(minutes=5)
    chat.play(*TO_DURING)
    replies = chat.wait(10)
    assert keys_of(replies) == ["common.recap_ready"]
    assert chat.state == ("checkin", "during")
    assert [e.kind for e in chat.due.values()].count("rescreen") == 1


def test_a_rescreen_out_of_patience_still_waits_for_a_fresh_question() -> None:
    """After its six hourly tries the weekly screen still does not take a fresh question."""
    chat = onboard()
    chat.play(*TO_DURING)
    chat.now += timedelta(minutes=10)
    replies = chat.send(Event(EventKind.DUE, name="rescreen", payload={"tries": PATIENCE}))
    assert "rescreen.weekly" not in keys_of(replies)
    assert chat.state == ("checkin", "during")
    assert any(e.kind == "rescreen" for e in chat.due.values())


def test_a_nudge_waiting_until_its_lateness_limit_becomes_a_note() -> None:
    """Kept waiting by fresh questions, the nudge is a note at its limit, never dropped."""
    chat = before_nudge(5)
    chat.play(*TO_DURING)
    replies: list[Reply] = []
    for _ in range(10):  # the question is asked again every 25 minutes, for over four hours
        replies += chat.wait(25)
        replies += chat.command("help")
    assert "morning.waking" not in keys_of(replies)
    assert keys_of(replies).count("common.morning_ready") == 1
    assert not [e for e in chat.due.values() if e.kind == "nudge" and e.payload.get("once")]
    assert chat.state == ("checkin", "during")
