"""Typed messages pass the red-flag and crisis screen before anything else, in the same turn."""

from __future__ import annotations

from flows.model import Answer3, Event, EventKind, Origin, SafetyHold
from tests.flows.transcript import START, Chat, assessed, hold_keys, keys_of, onboard


def in_a_checkin() -> Chat:
    chat = onboard()
    chat.play("/checkin", "[l:bend]")
    assert chat.state == ("checkin", "baseline")
    return chat


def test_a_typed_emergency_symptom_stops_coaching_at_once() -> None:
    """Saddle numbness typed as an answer: an emergency hold at once, not taken as an answer."""
    chat = in_a_checkin()
    replies = chat.say("4, and I can't feel my inner thighs since this morning")
    assert keys_of(replies) == ["safety.heard", *hold_keys("emergency")]
    assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY
    assert chat.red_flags[-1].answers == (("text:saddle", Answer3.YES),)
    assert chat.red_flags[-1].context == "free_text"
    assert chat.facts.checkins[-1].baseline is None  # the "4" was not taken as the pain score


def test_after_assessment_the_interrupted_question_is_asked_again() -> None:
    """Once assessed, the check-in picks up at the question that was pending."""
    chat = in_a_checkin()
    chat.say("I've wet myself and can't control my bladder")
    replies = assessed(chat)
    assert keys_of(replies)[:2] == ["safety.cleared", "safety.resumed"]
    assert chat.state == ("checkin", "baseline")


def test_a_typed_urgent_symptom_pauses_coaching() -> None:
    """A fever typed in: urgent hold, a doctor today."""
    chat = in_a_checkin()
    replies = chat.say("I have a fever and feel awful")
    assert keys_of(replies) == ["safety.heard", *hold_keys("urgent")]
    assert chat.facts.profile.safety_hold is SafetyHold.URGENT


def test_negated_symptoms_are_not_escalated() -> None:
    """ "no numbness" is an ordinary (if unreadable) answer: re-asked, no hold."""
    chat = in_a_checkin()
    replies = chat.say("no numbness and my bladder is fine")
    assert "safety.heard" not in keys_of(replies)
    assert chat.facts.profile.safety_hold is None
    assert keys_of(replies)[-1] == "checkin.baseline_short"


def test_crisis_language_gets_helplines_and_asks_if_they_are_safe() -> None:
    """Self-harm talk: the helplines, then "are you safe right now?"; the check-in waits; only the
    date is kept."""
    chat = in_a_checkin()
    before = chat.conversation.active
    assert keys_of(chat.say("honestly I want to kill myself")) == [
        "crisis.reply",
        "crisis.safe_now",
    ]
    assert chat.state == ("crisis", "safe")
    assert chat.conversation.active is not None
    assert chat.conversation.active.context["resume"]["state"] == before.state  # type: ignore[union-attr]
    assert chat.facts.profile.crisis_on == START.date()
    assert chat.facts.profile.safety_hold is None


def test_an_emergency_while_held_urgent_makes_the_hold_an_emergency() -> None:
    """Held for a fever, then bowel trouble typed: the hold becomes an emergency one."""
    chat = in_a_checkin()
    chat.say("I've had a temperature all week")
    replies = chat.say("and now I've lost control of my bowels")
    assert keys_of(replies) == ["safety.heard", *hold_keys("emergency")]
    assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY


def test_a_symptom_typed_during_onboarding_holds_before_any_health_question() -> None:
    """Even at the consent question a typed red flag gets the emergency advice in the same turn,
    and nothing is stored: no answer, no hold, the consent question still waiting."""
    chat = Chat(now=START)
    chat.play("/start", "[go_on]")
    before = chat.conversation
    replies = chat.say("both my legs are numb")
    assert keys_of(replies) == [
        "safety.heard",
        "safety.emergency_before_consent",
        "safety.not_stored",
    ]
    assert chat.last is not None and chat.last.effects == ()
    assert chat.conversation == before
    assert chat.facts.profile.safety_hold is None and chat.red_flags == []


def test_a_caption_with_a_red_flag_escalates_like_typed_text() -> None:
    """A photo's caption is screened: a bladder symptom holds coaching in the same turn."""
    chat = in_a_checkin()
    caption = Event(EventKind.ANSWER, value="I can't control my bladder", origin=Origin.CAPTION)
    assert keys_of(chat.send(caption)) == ["safety.heard", *hold_keys("emergency")]
    assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY


def test_a_calm_caption_is_not_taken_as_an_answer() -> None:
    """A caption "4" does not answer the pain question: the question is asked again."""
    chat = in_a_checkin()
    replies = chat.send(Event(EventKind.ANSWER, value="4", origin=Origin.CAPTION))
    assert keys_of(replies)[-1] == "checkin.baseline_short"
    assert chat.state == ("checkin", "baseline")
    assert chat.facts.checkins[-1].baseline is None


def test_an_edit_adding_a_red_flag_escalates() -> None:
    """An edited message that now names saddle numbness holds coaching."""
    chat = in_a_checkin()
    edit = Event(EventKind.ANSWER, value="4 and my groin is numb", origin=Origin.EDIT)
    assert keys_of(chat.send(edit)) == ["safety.heard", *hold_keys("emergency")]
    assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY


def test_a_calm_edit_changes_nothing_and_says_nothing() -> None:
    """An edit without a red flag is ignored: no reply, no answer rewritten, same conversation."""
    chat = in_a_checkin()
    before = chat.conversation
    assert chat.send(Event(EventKind.ANSWER, value="5", origin=Origin.EDIT)) == []
    assert chat.conversation == before
    assert chat.facts.checkins[-1].baseline is None


def test_words_after_a_command_are_screened_and_the_command_is_not_run() -> None:
    """ "/plan my bladder keeps leaking": the emergency hold, no plan."""
    chat = in_a_checkin()
    replies = chat.send(Event(EventKind.COMMAND, name="plan", value="my bladder keeps leaking"))
    assert keys_of(replies) == ["safety.heard", *hold_keys("emergency")]
    assert not [k for k in keys_of(replies) if k.startswith("plan.")]
