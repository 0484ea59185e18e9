"""Safety as it happens in a conversation (DESIGN §5): explicit answers, the two-step way out of a
hold, correcting a mis-tap, crisis care, the clarifying question, nothing stored before consent."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.render import as_text
from flows.model import Answer3, Event, EventKind, SafetyHold
from flows.rescreen import CORRECTION
from tests.flows.transcript import (
    CONTENT,
    START,
    TO_SCREEN,
    Chat,
    assessed,
    hold_keys,
    keys_of,
    onboard,
)

EMERGENCY_FIRST = CONTENT.red_flags[0]  # bladder: the first question of the screen
assert EMERGENCY_FIRST.category == "emergency"


def held_at_onboarding(answer: str = "yes") -> Chat:
    """A new person whose first safety answer (bladder) holds coaching."""
    chat = Chat(now=START)
    chat.play(*TO_SCREEN, f"[{answer}]")
    assert chat.state == ("safety", "hold")
    return chat


def in_a_checkin(tz: str = "Europe/London") -> Chat:
    chat = onboard()
    chat.facts = replace(chat.facts, profile=replace(chat.facts.profile, tz=tz))
    chat.play("/checkin", "[l:bend]")
    assert chat.state == ("checkin", "baseline")
    return chat


# ---------------------------------------- leaving a hold takes two explicit answers


@pytest.mark.parametrize("typed", ["1", "0", "yes", "/checkin", "/start", "ok", "assessed"])
def test_one_answer_never_lifts_a_hold(typed: str) -> None:
    """A typed number, one "yes", "ok" or a command: the hold stays; at most the second question
    ("did they say gentle activity is fine?") is asked."""
    chat = held_at_onboarding()
    keys = keys_of(chat.play(typed))
    assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY
    assert "safety.resumed" not in keys
    assert chat.state in (("safety", "hold"), ("safety", "cleared"))


def test_both_answers_in_words_lift_the_hold_and_record_the_time() -> None:
    """ "yes" (checked) then "yes" (activity is fine): lifted, stamped, and the screen goes on."""
    chat = held_at_onboarding()
    chat.now = START + timedelta(hours=3)
    assert keys_of(chat.say("yes")) == ["safety.cleared"]
    replies = chat.say("Yes")
    assert keys_of(replies)[:2] == ["safety.resumed", "rescreen.question"]
    assert chat.facts.profile.safety_hold is None
    assert chat.facts.profile.assessed_at == START + timedelta(hours=3)


@pytest.mark.parametrize("answer", ["no", "unsure"])
def test_not_told_it_is_fine_keeps_the_hold(answer: str) -> None:
    """Checked, but not told gentle activity is fine (or not sure): coaching stays paused."""
    chat = held_at_onboarding()
    replies = chat.play("[yes]", f"[{answer}]")
    assert keys_of(replies)[-2:] == ["safety.keep_paused", "safety.checked"]
    assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY
    assert chat.state == ("safety", "hold")


def test_not_yet_checked_keeps_the_hold_and_says_what_to_do() -> None:
    """ "Not yet": stay paused, get checked; the emergency number is the person's own."""
    chat = held_at_onboarding()
    replies = chat.say("no")
    assert keys_of(replies) == ["safety.not_yet", "safety.checked"]
    assert replies[0].params["emergency"]
    assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY


def test_a_double_tap_on_the_first_answer_does_not_answer_the_second() -> None:
    """The same "yes, checked" button twice: the second press is stale, the hold stays."""
    chat = held_at_onboarding()
    step = chat.conversation.step
    chat.say("yes", step=step)
    replies = chat.say("yes", step=step)
    assert keys_of(replies) == ["common.stale", "safety.cleared"]
    assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY


# ---------------------------------------- explicit answers: words, not numbers


@pytest.mark.parametrize(
    ("typed", "answer"),
    [("y", "yes"), ("Yeah", "yes"), ("nope", "no"), ("N", "no"), ("not sure", "unsure"),
     ("I don't know", "unsure"), ("dunno", "unsure")],
)  # fmt: skip
def test_a_red_flag_question_takes_the_usual_words(typed: str, answer: str) -> None:
    """Typed synonyms answer a red-flag question exactly like its buttons."""
    chat = Chat(now=START)
    chat.play(*TO_SCREEN)
    chat.say(typed)
    assert chat.red_flags[-1].answers == ((EMERGENCY_FIRST.id, Answer3(answer)),)


@pytest.mark.parametrize("typed", ["1", "2", "3", "ok", "sure"])
def test_a_red_flag_question_takes_no_number_and_no_ok(typed: str) -> None:
    """ "2" or "ok" at a red-flag question is no answer: asked again in words, nothing recorded."""
    chat = Chat(now=START)
    chat.play(*TO_SCREEN)
    replies = chat.say(typed)
    assert keys_of(replies) == ["common.not_a_choice_words", "rescreen.question"]
    assert chat.red_flags == []


def test_the_terminal_shows_explicit_choices_without_numbers() -> None:
    """As text, a safety question lists its choices on one line to type; others are numbered."""
    chat = Chat(now=START)
    chat.play(*TO_SCREEN)
    screen = as_text(CONTENT, "en", chat.asked)
    assert screen.endswith("\n   type one: Yes · No · Not sure") and "1)" not in screen
    chat.play("[no]")
    assert "1)" not in as_text(CONTENT, "en", chat.asked)
    plain = Chat(now=START)
    plain.play("/start")
    assert "   1) Continue" in as_text(CONTENT, "en", plain.asked)


def test_not_sure_is_explained_kindly_and_never_as_a_described_symptom() -> None:
    """A "not sure" hold starts with "you weren't sure, so to be safe", and nothing it says claims
    the person described a symptom or mentions tapping a button."""
    chat = held_at_onboarding("unsure")
    assert chat.last is not None
    assert keys_of(chat.last.replies) == hold_keys("emergency", unsure=True)
    text = " ".join(as_text(CONTENT, "en", r) for r in chat.last.replies).lower()
    assert "weren't sure" in text
    assert "described" not in text and "tap" not in text and "button" not in text


# ---------------------------------------- correcting a mis-tap


def test_a_mis_tap_that_held_coaching_can_be_corrected_and_is_recorded_as_a_correction() -> None:
    """ "Yes" to bladder by mistake, then "I pressed the wrong one" and "no": the hold lifts, the
    first answer stays on record and the new one is recorded as a correction."""
    chat = held_at_onboarding()
    assert "wrong" in [c.value for c in chat.asked.choices]
    assert keys_of(chat.press("wrong")) == ["rescreen.question"]
    assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY  # until it is answered again
    replies = chat.press("no")
    assert keys_of(replies) == ["rescreen.corrected", "rescreen.question"]
    assert chat.facts.profile.safety_hold is None
    answers = [(r.context, r.answers) for r in chat.red_flags]
    assert answers == [
        ("onboarding", ((EMERGENCY_FIRST.id, Answer3.YES),)),
        (CORRECTION, ((EMERGENCY_FIRST.id, Answer3.NO),)),
    ]
    assert chat.asked.params["n"] == 2  # the screen carries on with the next question


def test_a_correction_confirming_the_flag_holds_again() -> None:
    """Going back and answering "yes" again holds coaching again."""
    chat = held_at_onboarding()
    chat.press("wrong")
    assert keys_of(chat.press("yes")) == hold_keys("emergency")
    assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY


def test_the_wrong_one_can_be_typed_and_is_offered_only_right_after_an_answer() -> None:
    """ "I pressed the wrong one" typed works; the first question of a screen does not offer it."""
    chat = Chat(now=START)
    chat.play(*TO_SCREEN)
    assert "wrong" not in [c.value for c in chat.asked.choices]
    chat.play("[no]")
    assert "wrong" in [c.value for c in chat.asked.choices]
    chat.say("I pressed the wrong one")
    assert chat.asked.params["n"] == 1
    chat.press("unsure")
    assert chat.red_flags[-1].context == CORRECTION
    assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY


def test_a_mis_tap_on_an_urgent_question_corrected_to_no_holds_nothing() -> None:
    """ "Yes" to fever, corrected to "no" at the next question: the screen ends without a hold."""
    first_urgent = next(i for i, q in enumerate(CONTENT.red_flags) if q.category == "urgent")
    chat = Chat(now=START)
    chat.play(*TO_SCREEN, *["[no]"] * first_urgent, "[yes]")
    chat.press("wrong")
    while chat.state == ("rescreen", "q"):
        chat.press("no")
    assert chat.facts.profile.safety_hold is None
    assert chat.state == ("onboarding", "episode")


# ---------------------------------------- nothing stored before consent


@pytest.mark.parametrize(
    ("text", "first"),
    [("I can't control my bladder", "safety.heard"), ("I want to kill myself", "crisis.reply")],
)
def test_before_consent_a_red_flag_or_crisis_gets_its_reply_and_nothing_is_stored(
    text: str, first: str
) -> None:
    """At the consent question: the escalation reply in the same turn, and no effect at all."""
    chat = Chat(now=START)
    chat.play("/start", "[go_on]")
    before = chat.conversation
    replies = chat.say(text)
    assert keys_of(replies)[0] == first
    assert chat.last is not None and chat.last.effects == ()
    assert chat.conversation == before
    assert chat.facts.profile.crisis_on is None and chat.facts.profile.safety_hold is None


# ---------------------------------------- crisis care


def test_crisis_helplines_follow_the_persons_country() -> None:
    """In Madrid the crisis reply gives Spain's 112 and its line; in London, 999 and Samaritans."""
    madrid = in_a_checkin("Europe/Madrid")
    (reply, _) = madrid.say("i want to die")
    assert reply.params["emergency"] == CONTENT.helplines.countries["ES"].emergency
    assert "024" in reply.params["helplines"]
    london = in_a_checkin("Europe/London")
    (reply, _) = london.say("i want to die")
    assert reply.params["emergency"] == "999"
    assert "116 123" in reply.params["helplines"]


def test_without_a_known_country_the_fallback_list_is_given() -> None:
    """A person on UTC gets "your local emergency number" and the international directory."""
    chat = in_a_checkin("UTC")
    (reply, _) = chat.say("i want to die")
    assert "local emergency number" in reply.params["emergency"]
    assert "findahelpline.com" in reply.params["helplines"]


@pytest.mark.parametrize("typed", ["ok", "5", "/checkin", "/plan", "what now"])
def test_after_a_crisis_message_no_coaching_question_comes_until_they_carry_on(typed: str) -> None:
    """ "ok", a number, a command: the coach stays with "are you safe?"; no pain question."""
    chat = in_a_checkin()
    chat.say("I keep thinking about ending my life")
    keys = keys_of(chat.play(typed))
    assert keys[-1] == "crisis.safe_now"
    assert not [k for k in keys if k.startswith(("checkin.", "plan.", "advice."))]
    assert chat.facts.checkins[-1].baseline is None


def test_safe_then_carry_on_returns_to_the_open_question() -> None:
    """ "I'm safe right now", then "carry on with coaching": the pain question is asked again."""
    chat = in_a_checkin()
    chat.say("kms")
    assert keys_of(chat.press("safe")) == ["crisis.glad", "crisis.carry_on_or_rest"]
    assert keys_of(chat.press("not_now")) == ["crisis.resting", "crisis.whenever"]
    assert keys_of(chat.say("/checkin")) == ["crisis.listening", "crisis.whenever"]
    replies = chat.press("carry_on")
    assert keys_of(replies) == ["crisis.back", "checkin.baseline"]
    assert chat.state == ("checkin", "baseline")


def test_not_safe_gets_the_emergency_number_and_the_helplines_again() -> None:
    """ "I'm not safe": call the emergency number now, with the helplines; coaching still waits."""
    chat = in_a_checkin()
    chat.say("I want to die")
    replies = chat.press("unsafe")
    assert keys_of(replies) == ["crisis.unsafe", "crisis.carry_on_or_rest"]
    assert replies[0].params["emergency"] == "999"


def test_the_next_mornings_nudge_is_a_gentle_check_with_the_helplines() -> None:
    """The nudge after a crisis message asks how they are (helplines included), not waking pain;
    the morning after that is an ordinary one again."""
    chat = onboard()
    chat.say("I want to die")
    chat.press("safe")
    chat.press("carry_on")
    nudge = Event(EventKind.DUE, name="nudge")
    chat.now = START + timedelta(days=1)
    replies = chat.send(nudge)
    assert keys_of(replies) == ["crisis.morning"]
    assert "116 123" in replies[0].params["helplines"]
    assert keys_of(chat.press("doing_ok")) == ["crisis.morning_ok"]
    chat.now = START + timedelta(days=2)
    assert keys_of(chat.send(nudge)) == ["morning.waking"]


def test_a_follow_up_due_during_crisis_care_asks_nothing() -> None:
    """A one-hour follow-up falling due while "are you safe?" waits asks no pain question."""
    chat = onboard()
    chat.play("/checkin", "[walk]", "2", "[done]", "3")
    chat.say("I don't want to be here anymore")
    keys = keys_of(chat.wait(61))
    assert "checkin.a1" not in keys
    assert chat.state == ("crisis", "safe")


# ---------------------------------------- one weak leg: one clarifying question


def test_one_weak_leg_asks_one_question_before_any_hold() -> None:
    """ "My left leg feels weak" asks "both legs, or getting worse?"; no: advice and carry on."""
    chat = in_a_checkin()
    replies = chat.say("my left leg feels weak")
    assert keys_of(replies) == ["rescreen.clarify"]
    assert chat.facts.profile.safety_hold is None
    replies = chat.press("no")
    assert keys_of(replies) == ["rescreen.clarify_clear", "checkin.baseline"]
    assert chat.facts.profile.safety_hold is None


@pytest.mark.parametrize("answer", ["yes", "unsure"])
def test_a_weak_leg_that_is_both_or_worsening_is_an_emergency(answer: str) -> None:
    """Yes (or not sure) to the clarifying question: the emergency hold."""
    chat = in_a_checkin()
    chat.say("my left leg feels weak")
    replies = chat.press(answer)
    assert keys_of(replies) == hold_keys("emergency", unsure=answer == "unsure")
    assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY
    assessed(chat)
    assert chat.state == ("checkin", "baseline")


# ---------------------------------------- the weekly screen is postponed, never dropped


def test_a_postponed_weekly_screen_comes_once_the_conversation_is_free() -> None:
    """A recap during an open check-in postpones the screen an hour; when the check-in is done,
    the postponed screen is asked."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]")
    chat.due = {k: e for k, e in chat.due.items() if e.kind == "recap"}
    (recap,) = chat.due.values()
    chat.now = recap.due_at
    keys = keys_of(chat.wait(1))
    assert "rescreen.weekly" not in keys and chat.state == ("checkin", "baseline")
    chat.play("2", "4", "6", "[not_today]")
    keys = keys_of(chat.wait(61))
    assert keys[-2:] == ["rescreen.weekly", "rescreen.question"]


def test_a_weekly_screen_due_during_a_hold_waits_a_day_and_comes_after_the_hold() -> None:
    """A recap falling due while coaching is held sends nothing and postpones the screen a day;
    once the hold is lifted, the postponed screen is asked."""
    chat = onboard()
    chat.play("I've had a fever for two days")
    assert chat.facts.profile.safety_hold is SafetyHold.URGENT
    chat.send(Event(EventKind.DUE, name="recap"))
    (later,) = (e for e in chat.due.values() if e.kind == "rescreen")
    assert later.due_at == chat.now + timedelta(days=1)
    assessed(chat)
    chat.due = {key: e for key, e in chat.due.items() if e.kind == "rescreen"}  # no nudge first
    keys = keys_of(chat.wait(24 * 60 + 1))
    assert keys[-2:] == ["rescreen.weekly", "rescreen.question"]


@pytest.mark.parametrize("typed", ["carry on", "Carry on with coaching", "yes"])
def test_carrying_on_after_a_crisis_message_can_be_typed(typed: str) -> None:
    """The start of the label, the label or "yes" carries on; the open question comes back."""
    chat = in_a_checkin()
    chat.play("I want to die", "[safe]", "[not_now]")
    replies = chat.say(typed)
    assert keys_of(replies) == ["crisis.back", "checkin.baseline"]


def test_the_unique_start_of_a_label_answers_and_other_words_do_not() -> None:
    """At the hold "not y" is "Not yet"; text that starts no label is asked again."""
    chat = held_at_onboarding()
    assert keys_of(chat.say("not y")) == ["safety.not_yet", "safety.checked"]
    assert keys_of(chat.say("xyz"))[0] == "common.not_a_choice_words"


# ---------------------------------------- when in doubt: one question ("check")


def test_words_near_the_emergency_signs_ask_one_question_first() -> None:
    """ "bowels have gone weird lately" asks whether anything changed; no: thanks, and the open
    question is asked again; nothing is held."""
    chat = in_a_checkin()
    assert keys_of(chat.say("bowels have gone weird lately")) == ["rescreen.check"]
    assert chat.facts.profile.safety_hold is None
    replies = chat.press("no")
    assert keys_of(replies)[:1] == ["rescreen.check_clear"]
    assert chat.state == ("checkin", "baseline")
    assert chat.red_flags[-1].answers == (("check", Answer3.NO),)


@pytest.mark.parametrize("answer", ["yes", "unsure"])
def test_a_yes_to_the_check_asks_the_emergency_questions_and_holds_on_a_yes(answer: str) -> None:
    """Yes (or not sure) to the check: the emergency questions one by one; a yes to bowel holds."""
    chat = in_a_checkin()
    chat.say("bowels have gone weird lately")
    assert keys_of(chat.press(answer)) == ["rescreen.question"]
    chat.press("no")  # bladder
    assert keys_of(chat.press("yes")) == hold_keys("emergency")  # bowel
    assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY
    assessed(chat)
    while chat.state == ("rescreen", "q"):
        chat.press("no")
    assert chat.state == ("checkin", "baseline")  # the open question comes back at the end


def test_words_near_self_harm_ask_directly_and_a_no_carries_on() -> None:
    """ "been saying my goodbyes this week": "are you having thoughts of ending your life?"; no:
    thanks with the helplines, and the open question again; nothing stored."""
    chat = in_a_checkin()
    assert keys_of(chat.say("been saying my goodbyes this week")) == ["crisis.ask"]
    replies = chat.press("no")
    assert keys_of(replies)[0] == "crisis.ask_clear"
    assert "116 123" in replies[0].params["helplines"]
    assert chat.state == ("checkin", "baseline")
    assert chat.facts.profile.crisis_on is None


@pytest.mark.parametrize("answer", ["yes", "unsure"])
def test_a_yes_to_the_direct_question_is_crisis_care(answer: str) -> None:
    """Yes (or not sure) to the direct question: the helplines and "are you safe right now?",
    and the date is kept."""
    chat = in_a_checkin()
    chat.say("i might just end things tonight")
    replies = chat.press(answer)
    assert keys_of(replies) == ["crisis.reply", "crisis.safe_now"]
    assert chat.facts.profile.crisis_on == START.date()


def test_before_consent_a_check_is_advice_and_nothing_is_stored() -> None:
    """At the consent question words near self-harm get the helplines as a sentence, then the
    consent question again (it is still open, with new buttons); no effect."""
    chat = Chat(now=START)
    chat.play("/start", "[go_on]")
    before = chat.conversation
    replies = chat.say("sh again last night")
    assert keys_of(replies) == [
        "crisis.check_before_consent",
        "safety.not_stored",
        "onboarding.consent_short",
    ]
    assert chat.last is not None and chat.last.effects == ()
    assert before.active is not None and chat.conversation.active is not None
    assert (chat.conversation.active.flow, chat.conversation.active.state) == (
        before.active.flow,
        "consent",
    )
    assert chat.conversation.step == before.step + 1  # the consent question asked afresh


def test_a_follow_up_does_not_push_a_safety_question_aside() -> None:
    """A one-hour follow-up falling due while the after-RED safety question waits is a note
    ('send /checkin and I'll ask'); the safety question keeps the next answer; /checkin then
    offers the waiting follow-up, and answering it now asks it."""
    chat = onboard()
    chat.play("/checkin", "[walk]", "2", "[done]", "7")
    assert chat.state == ("rescreen", "quick")
    keys = keys_of(chat.wait(61))
    assert keys == ["checkin.followup_later"]
    assert chat.state == ("rescreen", "quick")
    chat.say("no")
    assert chat.red_flags[-1].answers == (("quick", Answer3.NO),)
    assert keys_of(chat.command("checkin"))[-1] == "checkin.pending"
    assert keys_of(chat.play("[now]"))[-1] == "checkin.a1"
