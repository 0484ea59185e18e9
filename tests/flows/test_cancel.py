"""Leaving a dialogue (/cancel, "stop"), taking back the last answer ("wrong one"), short re-asks
and stickers (DESIGN §3, "The conversation keeps its thread")."""

from __future__ import annotations

import pytest

from bot.render import as_text
from flows.dialogue import COMMANDS
from flows.model import CheckinStatus, Event, EventKind, Origin, Reply
from tests.flows.questions import QUESTIONS, SHORT, assert_unchanged, at
from tests.flows.transcript import CONTENT, ONBOARDING, START, Chat, keys_of, onboard

CANCEL = ["/cancel", "cancel", "Stop", "never mind", "nevermind", "Never mind."]
WRONG = ["I pressed the wrong one", "wrong one", "oops", "undo"]


def cancel(chat: Chat, how: str) -> list[Reply]:
    return chat.play(how)


# ---------------------------------------- /cancel and its words


@pytest.mark.parametrize("how", CANCEL)
def test_cancel_at_what_are_you_checking_in_on_leaves_it(how: str) -> None:
    """/cancel or a cancel word at "What are you checking in on?": "stopped", nothing open."""
    chat = at(("checkin", "choose"))
    assert keys_of(cancel(chat, how)) == ["common.cancelled"]
    assert chat.state is None
    assert chat.facts.checkins == ()


@pytest.mark.parametrize("how", CANCEL)
def test_cancel_mid_checkin_keeps_what_was_stored(how: str) -> None:
    """Cancelled after pain before and expected pain: both stay stored, nothing is asked."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]", "2", "4")
    assert chat.state == ("checkin", "confidence")
    assert keys_of(cancel(chat, how)) == ["common.cancelled"]
    assert chat.state is None and chat.conversation.suspended is None
    (ci,) = chat.facts.checkins
    assert (ci.baseline, ci.expected, ci.status) == (2, 4, CheckinStatus.OPEN)
    assert keys_of(chat.say("5")) == ["common.idle"]


def test_cancel_does_not_resume_a_dialogue_set_aside() -> None:
    """/cancel in a morning check that set a check-in aside: both are left, nothing resumed."""
    chat = at(("checkin", "expected"))
    chat.command("morning")
    assert chat.conversation.suspended is not None
    assert keys_of(chat.command("cancel")) == ["common.cancelled"]
    assert chat.conversation.active is None and chat.conversation.suspended is None
    assert chat.facts.checkins[-1].baseline == 2


@pytest.mark.parametrize("how", ["/cancel", "stop"])
def test_cancel_in_onboarding_stops_and_start_begins_setting_up_again(how: str) -> None:
    """Onboarding can be stopped: "saved; send /start to go through it again"; what was agreed
    to and answered stays stored; /start begins with the introduction again."""
    chat = at(("onboarding", "tz"))
    profile = chat.facts.profile
    assert keys_of(cancel(chat, how)) == ["common.cancelled_setup"]
    assert chat.state is None
    assert chat.facts.profile == profile and profile.consent_version is not None
    assert keys_of(chat.command("start")) == ["onboarding.intro_languages"]


@pytest.mark.parametrize("how", ["/cancel", "cancel", "stop"])
def test_cancel_does_not_leave_a_safety_hold(how: str) -> None:
    """In a red-flag hold, /cancel or a cancel word leaves nothing: the hold is asked again."""
    chat = at(("safety", "hold"))
    before = chat.fork()
    replies = cancel(chat, how)
    assert keys_of(replies)[-1] == "safety.checked"
    assert "common.cancelled" not in keys_of(replies)
    assert_unchanged(before, chat)


@pytest.mark.parametrize("where", [("rescreen", "q"), ("delete", "confirm"), ("crisis", "safe")])
def test_cancel_does_not_skip_a_safety_question_consent_or_deletion(where: tuple[str, str]) -> None:
    """/cancel at a red-flag question, crisis care or the delete question: that question again."""
    chat = at(where)
    before = chat.fork()
    replies = chat.command("cancel")
    assert keys_of(replies)[-1] == before.asked.key
    assert "common.cancelled" not in keys_of(replies)
    assert_unchanged(before, chat)


def test_cancel_with_nothing_open_says_so() -> None:
    """/cancel with nothing asked: "nothing to stop"."""
    assert keys_of(onboard().command("cancel")) == ["common.nothing_to_cancel"]


def test_cancel_after_a_red_still_asks_the_safety_question() -> None:
    """A RED at once leaves "confidence after" open; cancelling it still asks the red-flag
    question that ends a check-in after a RED."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]", "2", "4", "6", "[done]", "8")
    assert chat.state == ("checkin", "confidence_after")
    keys = keys_of(chat.command("cancel"))
    assert keys[0] == "common.cancelled"
    assert chat.state == ("rescreen", "quick")


def test_cancel_is_a_command_in_help_and_the_menu() -> None:
    """/cancel is among the commands (so in Telegram's menu, described) and in /help."""
    assert "cancel" in COMMANDS
    assert CONTENT.text("en", "command.cancel")
    (help_,) = onboard().command("help")
    assert "\n/cancel — " in as_text(CONTENT, "en", help_)


# ---------------------------------------- "I pressed the wrong one"


@pytest.mark.parametrize("how", WRONG)
def test_wrong_one_after_a_scale_asks_it_again_and_the_new_value_overwrites(how: str) -> None:
    """ "wrong one" right after pain before (2): pain before again; the new answer (5) replaces
    the stored 2 — it is the same question — and the check-in goes on."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]", "2")
    assert keys_of(chat.say(how)) == ["common.undo", "checkin.baseline_short"]
    assert chat.state == ("checkin", "baseline")
    assert chat.facts.checkins[-1].baseline == 2  # kept until answered again
    chat.say("5")
    assert chat.state == ("checkin", "expected")
    assert chat.facts.checkins[-1].baseline == 5


def test_wrong_one_after_a_choice_asks_it_again_for_the_same_checkin() -> None:
    """ "oops" right after choosing bending: "What are you checking in on?" again; choosing a
    walk makes that same check-in a walk (no second one left open)."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]")
    assert keys_of(chat.say("oops")) == ["common.undo", "checkin.choose"]
    chat.press("walk")
    (ci,) = chat.facts.checkins
    assert ci.activity == "walk" and chat.state == ("checkin", "baseline")


def test_wrong_one_takes_back_only_the_answer_just_given() -> None:
    """Two answers, then "wrong one" twice: the first takes back the last answer; the second is
    no answer to the pain question and is re-asked."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]", "2", "4")
    assert keys_of(chat.say("wrong one"))[-1] == "checkin.expected"
    assert keys_of(chat.say("wrong one")) == ["common.not_a_score", "checkin.expected"]
    assert chat.facts.checkins[-1].baseline == 2


def test_wrong_one_after_advice_was_given_is_not_taken_back() -> None:
    """A peak pain that brought the advice at once is not taken back: "wrong one" is re-asked."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]", "2", "4", "6", "[done]", "8")
    assert keys_of(chat.say("wrong one")) == ["common.not_a_score", "checkin.confidence_after"]


def test_wrong_one_does_not_undo_a_safety_answer_outside_its_own_correction() -> None:
    """At a red-flag question, "wrong one" is that flow's own correction, never a general undo."""
    chat = at(("rescreen", "q"))
    chat.press("no")
    replies = chat.say("wrong one")
    assert "common.undo" not in keys_of(replies)


# ---------------------------------------- short re-asks and stickers

LONG = 200  # characters of a question's text (without its choices)
WALK_GO = (*ONBOARDING, "[later]", "/checkin", "[walk]", "2")


def question_text(reply: Reply) -> str:
    return CONTENT.text("en", reply.key, reply.params)


def reasked_after_junk(chat: Chat) -> Reply:
    replies = chat.say("a purple elephant")
    return [r for r in replies if r.step is not None][-1]


def asked_at(where: tuple[str, str]) -> Chat:
    """A person just asked `where`; also the micro-break question and a walk's how-to."""
    if where == ("checkin", "go:walk"):
        chat = Chat(now=START)
        chat.play(*WALK_GO)
        return chat
    if where == ("onboarding", "breaks"):
        chat = Chat(now=START)
        chat.play(*ONBOARDING[:-1])
        return chat
    return at(where)


LONG_ASKS = [
    where
    for where in [*QUESTIONS, ("onboarding", "breaks"), ("checkin", "go:walk")]
    if len(question_text(asked_at(where).asked)) > LONG and where != ("rescreen", "quick")
]  # the re-screen is left out: its question is its list of signs


@pytest.mark.parametrize("where", LONG_ASKS, ids=[f"{f}.{s}" for f, s in LONG_ASKS])
def test_a_question_with_a_long_introduction_is_asked_again_in_short(
    where: tuple[str, str],
) -> None:
    """A question over 200 characters is asked again, after input that does not fit, in its
    short form: under 200 characters, with the same choices."""
    chat = asked_at(where)
    choices = chat.asked.choices
    again = reasked_after_junk(chat)
    assert again.key == SHORT[chat.state or ("", "")]
    assert len(question_text(again)) < LONG
    assert again.choices == choices


def test_the_questions_with_a_long_introduction_are_known() -> None:
    """The long questions: introduction, consent, portfolio choice, micro-breaks, the how-to, and
    the check after words near the emergency signs."""
    assert {w if w[1] != "go:walk" else ("checkin", "go") for w in LONG_ASKS} == {
        ("onboarding", "intro"),
        ("onboarding", "consent"),
        ("onboarding", "portfolio_mode"),
        ("onboarding", "breaks"),
        ("checkin", "go"),
        ("rescreen", "check"),
    }


def test_a_command_in_the_middle_asks_the_short_form_again() -> None:
    """/plan at the exercise's how-to: the plan, then the short "tell me when you've done it"."""
    chat = Chat(now=START)
    chat.play(*WALK_GO)
    assert keys_of(chat.command("plan"))[-1] == "checkin.go_short"


def test_a_reply_that_could_not_be_sent_is_asked_again_in_full() -> None:
    """After a failed send ("again"), the question comes in full: it may never have arrived."""
    chat = at(("checkin", "baseline"))
    assert keys_of(chat.command("again"))[-1] == "checkin.baseline"


WORDLESS = Event(EventKind.ANSWER, origin=Origin.WORDLESS)


@pytest.mark.parametrize(
    ("where", "said", "again"),
    [
        (("checkin", "baseline"), "common.no_words", "checkin.baseline_short"),
        (("checkin", "go"), "common.no_words", "checkin.go_short"),
        (("safety", "hold"), "common.no_words", "safety.checked"),
        (("crisis", "safe"), "crisis.listening", "crisis.safe_now"),
    ],
    ids=["baseline", "go", "hold", "crisis"],
)
def test_a_sticker_gets_a_kind_line_and_the_short_question(
    where: tuple[str, str], said: str, again: str
) -> None:
    """A sticker or bare photo: "I can only read words and numbers" (in crisis care: "I'm here"),
    the question again in short; nothing changes."""
    chat = at(where)
    before = chat.fork()
    assert keys_of(chat.send(WORDLESS)) == [said, again]
    assert_unchanged(before, chat)
