"""Commands in the middle of a dialogue, follow-ups that interrupt, and a question whose check-in
is no longer loaded."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from flows import dialogue
from flows.model import CheckinStatus, Event, EventKind
from tests.flows.questions import (
    EXPOSURE,
    again,
    assert_unchanged,
    at,
    ids,
)
from tests.flows.transcript import (
    CONTENT,
    START,
    Chat,
    assessed,
    keys_of,
    onboard,
    unstamped,
)

# ---------------------------------------- commands mid-dialogue

MID = [("checkin", "baseline"), ("checkin", "go"), ("checkin", "a1"), ("morning", "waking")]


@pytest.mark.parametrize(
    ("command", "said"),
    [("plan", "plan."), ("progress", "plan.progress_header"), ("help", "common.help")],
)
@pytest.mark.parametrize("where", MID, ids=ids(MID))
def test_an_information_command_answers_then_reasks_the_pending_question(
    where: tuple[str, str], command: str, said: str
) -> None:
    """/plan, /progress and /help reply, then re-ask the pending question; nothing changes."""
    chat = at(where)
    before = chat.fork()
    replies = chat.command(command)
    keys = keys_of(replies)
    assert keys[0].startswith(said)
    assert keys[-1] == again(before)
    assert_unchanged(before, chat)


@pytest.mark.parametrize("command", ["plan", "progress", "checkin", "morning"])
def test_a_coaching_command_during_onboarding_asks_to_finish_setting_up(command: str) -> None:
    """Before onboarding is done, coaching commands say "finish setting up" and re-ask."""
    chat = at(("onboarding", "fear"))
    before = chat.fork()
    keys = keys_of(chat.command(command))
    assert keys == ["common.setup_first", "onboarding.fear"]
    assert_unchanged(before, chat)


def test_a_coaching_command_from_a_new_person_starts_onboarding() -> None:
    """/checkin from someone never seen asks them to set up first and starts onboarding."""
    chat = Chat(now=START)
    assert keys_of(chat.command("checkin")) == ["common.setup_first", "onboarding.intro_languages"]
    assert chat.state == ("onboarding", "intro")


def test_checkin_during_a_checkin_says_it_is_in_progress() -> None:
    """/checkin while one is open: "let's finish it" and the same question."""
    chat = at(("checkin", "expected"))
    before = chat.fork()
    assert keys_of(chat.command("checkin")) == ["common.in_progress", "checkin.expected"]
    assert_unchanged(before, chat)


def test_morning_during_a_morning_check_says_it_is_in_progress() -> None:
    """/morning while the morning check is open: "let's finish it"."""
    chat = at(("morning", "waking"))
    assert keys_of(chat.command("morning")) == ["common.in_progress", "morning.waking"]


def test_morning_during_a_checkin_suspends_it_and_resumes_after() -> None:
    """/morning mid check-in: the morning check, then "back to where we were" and the question."""
    chat = at(("checkin", "expected"))
    frame = chat.conversation.active
    assert keys_of(chat.command("morning")) == ["morning.waking"]
    assert chat.conversation.suspended == frame
    chat.say("2")
    replies = chat.press("later")
    assert keys_of(replies) == ["common.later", "common.resume_checkin", "checkin.expected"]
    assert unstamped(chat.conversation.active) == unstamped(frame)
    assert chat.conversation.suspended is None
    chat.play("4", "6")
    assert chat.facts.checkins[-1].expected == 4


def test_checkin_during_a_morning_check_suspends_it_and_resumes_after() -> None:
    """/checkin mid morning check runs a check-in (a walk), then asks the waking pain again."""
    chat = at(("morning", "waking"))
    chat.command("checkin")
    chat.play("[walk]", "2")
    replies = chat.press("not_today")
    assert keys_of(replies) == ["checkin.skipped", "common.resume", "morning.waking"]
    assert chat.state == ("morning", "waking")


def test_a_third_dialogue_waits_until_one_of_two_is_finished() -> None:
    """One dialogue open and one suspended: a third says "let's finish this one first"."""
    chat = at(("checkin", "expected"))
    chat.command("morning")
    before = chat.fork()
    assert keys_of(chat.command("checkin")) == ["common.finish_first", "morning.waking"]
    assert_unchanged(before, chat)


def test_start_before_onboarding_is_finished_carries_on() -> None:
    """/start halfway through onboarding: "let's carry on" and the pending question, no restart."""
    chat = at(("onboarding", "tz"))
    before = chat.fork()
    assert keys_of(chat.command("start")) == ["common.carry_on", "onboarding.tz"]
    assert_unchanged(before, chat)


def test_start_from_a_new_person_begins_onboarding() -> None:
    """/start from someone never seen shows the introduction."""
    chat = Chat(now=START)
    assert keys_of(chat.command("start")) == ["onboarding.intro_languages"]


def test_start_after_onboarding_welcomes_back_with_todays_step() -> None:
    """/start when onboarded and idle: welcome back and today's step, no new onboarding."""
    chat = onboard()
    keys = keys_of(chat.command("start"))
    assert keys[0] == "common.welcome_back"
    assert keys[1].startswith("plan.")
    assert chat.state is None


def test_start_after_onboarding_mid_checkin_welcomes_back_and_reasks() -> None:
    """/start in the middle of a check-in: welcome back and the pending question."""
    chat = at(("checkin", "during"))
    assert keys_of(chat.command("start")) == ["common.welcome_back", "checkin.during"]
    assert chat.state == ("checkin", "during")


@pytest.mark.parametrize("where", [None, ("checkin", "confidence")], ids=["idle", "mid-checkin"])
def test_an_unknown_command_names_it_and_shows_help(where: tuple[str, str] | None) -> None:
    """An unknown command: "I don't know /x", the help text, and the pending question if any."""
    chat = onboard() if where is None else at(where)
    replies = chat.command("Frobnicate")
    keys = keys_of(replies)
    assert keys[:2] == ["common.unknown_command", "common.help"]
    assert replies[0].params["command"] == "frobnicate"
    assert keys[2:] == ([] if where is None else ["checkin.confidence"])


def test_a_typed_answer_with_nothing_pending_says_so() -> None:
    """An onboarded person typing with nothing asked is told what they can do."""
    chat = onboard()
    assert keys_of(chat.say("4")) == ["common.idle"]
    assert chat.state is None


def test_a_typed_message_from_a_new_person_starts_onboarding() -> None:
    """A first message from someone never seen shows the introduction."""
    chat = Chat(now=START)
    assert keys_of(chat.say("hello")) == ["onboarding.intro_languages"]
    assert chat.state == ("onboarding", "intro")


def test_a_button_with_nothing_pending_says_so() -> None:
    """A button pressed after its dialogue ended: nothing is waiting."""
    chat = onboard()
    assert keys_of(chat.say("done", step=chat.conversation.step)) == ["common.idle"]


# ---------------------------------------- follow-ups interrupting


def test_a_followup_coming_due_mid_checkin_suspends_it_and_resumes_after() -> None:
    """The hour passes while another check-in is open: ask a1, advise, then back to the open one."""
    chat = onboard()
    chat.play(*EXPOSURE, "/checkin", "[new]", "[walk]")
    assert chat.state == ("checkin", "baseline")
    second = chat.conversation.active
    replies = chat.wait(60)
    assert keys_of(replies) == ["checkin.followup_intro", "checkin.a1"]
    assert chat.conversation.suspended == second
    replies = chat.say("2")
    keys = keys_of(replies)
    assert keys[0] == "advice.green"
    assert keys[-2:] == ["common.resume_checkin", "checkin.baseline"]
    assert unstamped(chat.conversation.active) == unstamped(second)
    assert [c.status for c in chat.facts.checkins] == [CheckinStatus.FINISHED, CheckinStatus.OPEN]


def test_a_followup_coming_due_while_it_is_being_answered_asks_nothing_more() -> None:
    """Answering early ("Answer it now") and the hour then passing does not ask twice."""
    chat = onboard()
    chat.play(*EXPOSURE, "/checkin", "[now]")
    assert chat.state == ("checkin", "a1")
    before = chat.fork()
    assert chat.wait(60) == []
    assert chat.conversation == before.conversation


def test_a_followup_for_an_unknown_checkin_is_ignored() -> None:
    """A follow-up naming a check-in that is not there says nothing."""
    chat = onboard()
    event = Event(EventKind.DUE, name="followup", payload={"no": 99, "ask": "a1"})
    assert chat.send(event) == []
    assert chat.state is None


def test_a_followup_with_no_room_to_ask_says_how_to_answer_it() -> None:
    """With a check-in suspended behind the morning check, a due follow-up says to use /checkin."""
    chat = onboard()
    chat.play(*EXPOSURE, "/checkin", "[new]", "[walk]", "/morning")
    assert chat.conversation.suspended is not None
    before = chat.fork()
    replies = chat.wait(60)
    assert keys_of(replies) == ["checkin.followup_later"]
    assert chat.conversation == before.conversation
    chat.play("2", "[later]", "2", "[not_today]")
    assert chat.state is None
    assert keys_of(chat.command("checkin")) == ["checkin.pending"]
    assert keys_of(chat.press("now")) == ["checkin.a1"]


# ---------------------------------------- a question whose check-in is no longer loaded

RED_STEP = ("/checkin", "[l:bend]", "2", "4", "6", "[done]", "8")  # RED at once: confidence after


@pytest.mark.parametrize("event", ["5", "/plan", "/start", "/checkin", "/morning", "[5]"])
def test_a_question_whose_checkin_is_no_longer_loaded_is_dropped(event: str) -> None:
    """A RED step leaves "confidence after" asked, its check-in finished. Left a fortnight, the
    check-in is no longer among the facts (the shell loads 14 days): the next event drops that
    question instead of raising StopIteration (which hung the person's turns for good; found by
    tests/bot/test_stateful.py)."""
    chat = onboard()
    chat.play(*RED_STEP)
    assert chat.state == ("checkin", "confidence_after")
    chat.now += timedelta(days=15)
    chat.facts = replace(chat.facts, checkins=())
    replies = chat.play(event)
    assert replies
    assert chat.state != ("checkin", "confidence_after")


def test_a_hold_lifted_after_its_checkin_left_the_facts_does_not_resume_it() -> None:
    """A symptom typed at "confidence after" holds; assessed a fortnight later, the check-in is no
    longer loaded: the hold lifts without going back to that question."""
    chat = onboard()
    chat.play(*RED_STEP)
    chat.say("I have a fever")
    assert chat.state == ("safety", "hold")
    chat.now += timedelta(days=15)
    chat.facts = replace(chat.facts, checkins=())
    assert keys_of(assessed(chat))[:2] == ["safety.cleared", "safety.resumed"]
    assert chat.state is None


def test_help_names_every_command() -> None:
    """/help mentions every command the coach answers (and Telegram's menu lists)."""
    help_text = CONTENT.text("en", "common.help")
    assert [c for c in dialogue.COMMANDS if f"/{c}" not in help_text] == []
