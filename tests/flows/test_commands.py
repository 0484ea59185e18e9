"""Commands in the middle of a dialogue, follow-ups that interrupt, and input that does not fit."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.render import label_of
from flows import dialogue
from flows.dialogue import FLOWS
from flows.model import CheckinStatus, Event, EventKind, Morning, Phase, Reply, SafetyHold
from tests.flows.transcript import (
    CONTENT,
    FEARS,
    ONBOARDING,
    RED_FLAGS_NO,
    START,
    TO_SCREEN,
    Chat,
    assessed,
    keys_of,
    onboard,
    unstamped,
)

# ---------------------------------------- where each question is

# (flow state, how to get there from a new person); "ONB" first means: start from onboarded.
ONB = "<onboarded>"
EXPOSURE = ("/checkin", "[l:bend]", "2", "4", "6", "[done]", "3", "7")
SCREENED = len(TO_SCREEN) + len(RED_FLAGS_NO)  # onboarding's steps up to the episode question
RATED = SCREENED + 1 + len(FEARS)  # onboarding's answers up to the last fear rating
QUESTIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("onboarding", "intro"): ONBOARDING[:1],
    ("onboarding", "consent"): ONBOARDING[:2],
    ("onboarding", "adult"): ONBOARDING[:3],
    ("rescreen", "q"): ONBOARDING[:4],
    ("onboarding", "episode"): ONBOARDING[:SCREENED],
    ("onboarding", "fear"): ONBOARDING[: SCREENED + 1],
    ("goals", "add"): ONBOARDING[:RATED],
    ("onboarding", "portfolio_mode"): ONBOARDING[: RATED + 1],
    ("onboarding", "portfolio"): (*ONBOARDING[: RATED + 1], "[choose]"),
    ("onboarding", "tz"): ONBOARDING[: RATED + 2],
    ("onboarding", "nudge_time"): ONBOARDING[: RATED + 3],
    ("onboarding", "start_now"): ONBOARDING,
    ("checkin", "pending"): (ONB, *EXPOSURE, "/checkin"),
    ("checkin", "choose"): (ONB, "/checkin"),
    ("checkin", "portfolio"): (ONB, "/checkin", "[portfolio]"),
    ("checkin", "baseline"): (ONB, *EXPOSURE[:2]),
    ("checkin", "expected"): (ONB, *EXPOSURE[:3]),
    ("checkin", "confidence"): (ONB, *EXPOSURE[:4]),
    ("checkin", "go"): (ONB, *EXPOSURE[:5]),
    ("checkin", "during"): (ONB, *EXPOSURE[:6]),
    ("checkin", "confidence_after"): (ONB, *EXPOSURE[:7]),
    ("checkin", "a1"): (ONB, *EXPOSURE, "+60"),
    ("checkin", "a2"): (ONB, *EXPOSURE, "+60", "4", "+60"),
    ("morning", "waking"): (ONB, "/morning"),
    ("morning", "start_now"): (ONB, "/morning", "2"),
    ("safety", "hold"): (*ONBOARDING[:4], "[unsure]"),
    ("safety", "cleared"): (*ONBOARDING[:4], "[unsure]", "[yes]"),
    ("rescreen", "quick"): (ONB, "/checkin", "[walk]", "2", "[done]", "7"),
    ("crisis", "safe"): (ONB, "I want to end it all"),
    ("crisis", "ask"): (ONB, "been saying my goodbyes this week"),
    ("rescreen", "check"): (ONB, "bowels have gone weird lately"),
    ("crisis", "wait"): (ONB, "I want to end it all", "[safe]"),
    ("crisis", "rest"): (ONB, "I want to end it all", "[safe]", "[not_now]"),
    ("delete", "confirm"): (ONB, "/delete"),
    ("goals", "menu"): (ONB, "/goals"),
    ("goals", "movements"): (ONB, "/goals", "[add]", "walk the dog for an hour"),
    ("goals", "rate_new"): (ONB, "/goals", "[add]", "[s:socks]"),
    ("goals", "more"): (ONB, "/goals", "[add]", "[s:socks]", "4"),
    ("goals", "rate"): (ONB, "/goals", "[add]", "[s:socks]", "4", "[no]", "/goals", "[rate]"),
    ("goals", "pick"): (ONB, "/goals", "[add]", "[s:socks]", "4", "[no]", "/goals", "[retire]"),
    ("goals", "rename"): (
        *(ONB, "/goals", "[add]", "[s:socks]", "4", "[no]"),
        *("/goals", "[rename]", "[g:1]"),
    ),
}
SCALES = [
    q
    for q in QUESTIONS
    if q[1]
    in (
        "fear",
        "baseline",
        "expected",
        "confidence",
        "during",
        "a1",
        "a2",
        "confidence_after",
        "waking",
        "rate_new",
        "rate",
    )
]
# A goal in the person's own words: any few words are an answer (flows.goals checks length,
# links and emoji: tests/flows/test_goals.py).
OWN_WORDS = [("goals", "add"), ("goals", "rename")]
CHOICES = [q for q in QUESTIONS if q not in SCALES and q not in OWN_WORDS]
FREE_ENTRY = {
    ("onboarding", "episode"): "common.invalid_days",
    ("onboarding", "tz"): "common.invalid_zone",
    ("onboarding", "nudge_time"): "common.invalid_time",
}
PURE_CHOICES = [q for q in CHOICES if q not in FREE_ENTRY]
# Safety answers, consent and deletion: a button or the choice's words, never a bare number.
EXPLICIT = {
    ("onboarding", "consent"),
    ("rescreen", "q"),
    ("rescreen", "quick"),
    ("safety", "hold"),
    ("safety", "cleared"),
    ("crisis", "safe"),
    ("crisis", "ask"),
    ("rescreen", "check"),
    ("crisis", "wait"),
    ("crisis", "rest"),
    ("delete", "confirm"),
}
NUMBERED = [q for q in CHOICES if q not in EXPLICIT]
GENTLE = {(flow, state): "crisis.listening" for flow, state in EXPLICIT if flow == "crisis"}


def not_a_choice(where: tuple[str, str]) -> str:
    """What a question says to an answer that is none of its options."""
    if where in FREE_ENTRY:
        return FREE_ENTRY[where]
    if where in GENTLE:
        return GENTLE[where]
    return "common.not_a_choice_words" if where in EXPLICIT else "common.not_a_choice"


def at(where: tuple[str, str]) -> Chat:
    """A person who has just been asked the question `where`."""
    script = QUESTIONS[where]
    chat = onboard() if script[0] == ONB else Chat(now=START)
    chat.play(*(s for s in script if s != ONB))
    assert chat.state == where
    return chat


# The questions with a long introduction, and the short form they are asked again with.
SHORT = {
    ("onboarding", "intro"): "onboarding.intro_short",
    ("onboarding", "consent"): "onboarding.consent_short",
    ("onboarding", "portfolio_mode"): "onboarding.portfolio_mode_short",
    ("onboarding", "breaks"): "onboarding.breaks_short",
    ("goals", "add"): "goals.ask_short",
    ("goals", "movements"): "goals.movements_more",
    ("goals", "rate"): "goals.rate",
    ("checkin", "baseline"): "checkin.baseline_short",
    ("checkin", "go"): "checkin.go_short",
    ("rescreen", "check"): "rescreen.check_short",
}


def again(chat: Chat) -> str:
    """The key the pending question is asked again with: its short form, if it has one."""
    assert chat.state is not None
    return SHORT.get(chat.state, chat.asked.key)


def ids(questions: list[tuple[str, str]]) -> list[str]:
    return [f"{flow}.{state}" for flow, state in questions]


def assert_unchanged(before: Chat, after: Chat) -> None:
    """Nothing stored, nothing scheduled, the same question still pending."""
    assert after.last is not None and after.last.effects == ()
    assert after.facts == before.facts
    assert after.due == before.due
    assert unstamped(after.conversation.active) == unstamped(before.conversation.active)
    assert after.conversation.suspended == before.conversation.suspended


# ---------------------------------------- input that does not fit

ESSAY = "Well, it is hard to say. " * 40
NOT_SCORES = ["four", "11", "-1", "4.5", "🙂", ESSAY, "", "4/5", "1 0"]


@pytest.mark.parametrize(
    "text", NOT_SCORES, ids=["four", "11", "-1", "4.5", "emoji", "essay", "empty", "4/5", "1 0"]
)
@pytest.mark.parametrize("where", SCALES, ids=ids(SCALES))
def test_a_scale_question_reasks_anything_but_a_whole_number_in_range(
    where: tuple[str, str], text: str
) -> None:
    """Not a 0–10 whole number: "I need a whole number", the same question again, nothing saved."""
    chat = at(where)
    before = chat.fork()
    asked = again(chat)
    replies = chat.say(text)
    assert keys_of(replies) == ["common.not_a_score", asked]
    assert dict(replies[0].params) == {"lo": 0, "hi": 10}
    assert replies[1].step == before.conversation.step + 1
    assert_unchanged(before, chat)


@pytest.mark.parametrize("text", ["4/10", " 4 ", "4", "4 out of 10"])
@pytest.mark.parametrize("where", SCALES, ids=ids(SCALES))
def test_a_scale_question_accepts_4_written_several_ways(where: tuple[str, str], text: str) -> None:
    """ "4", " 4 ", "4/10" and "4 out of 10" are all the answer 4."""
    chat = at(where)
    twin = chat.fork()
    replies = chat.say(text)
    assert not {"common.not_a_score", "common.not_a_choice"} & set(keys_of(replies))
    twin.press("4")
    assert (chat.facts, chat.conversation, chat.due) == (twin.facts, twin.conversation, twin.due)


def test_a_typed_baseline_is_stored() -> None:
    """ "4/10" at pain before is stored as baseline 4."""
    chat = at(("checkin", "baseline"))
    chat.say("4/10")
    assert chat.facts.checkins[-1].baseline == 4


NOT_CHOICES = [
    pytest.param(where, text, id=f"{where[0]}.{where[1]}-{label}")
    for where in CHOICES
    for text, label in [
        ("junk", "junk"),
        ("", "empty"),
        ("0", "0"),
        ("99", "99"),
        ("maybe later", "words"),
        ("🙂", "emoji"),
    ]
    if not (where == ("onboarding", "nudge_time") and text == "0")  # "0" is a time: midnight
]


@pytest.mark.parametrize(("where", "text"), NOT_CHOICES)
def test_a_choice_question_reasks_input_that_is_no_option(
    where: tuple[str, str], text: str
) -> None:
    """Junk at a choice: "pick one" (or what free entry takes) and the question again."""
    chat = at(where)
    before = chat.fork()
    asked = again(chat)
    replies = chat.say(text)
    assert keys_of(replies) == [not_a_choice(where), asked]
    assert_unchanged(before, chat)


def test_exactly_the_safety_consent_and_delete_questions_are_explicit() -> None:
    """The questions that take no bare number are the safety, consent and deletion ones."""
    assert {where for where in CHOICES if at(where).asked.explicit} == EXPLICIT


@pytest.mark.parametrize("where", sorted(EXPLICIT), ids=ids(sorted(EXPLICIT)))
def test_a_bare_number_never_answers_an_explicit_question(where: tuple[str, str]) -> None:
    """A bare number at a safety, consent or delete question: asked again, nothing changes."""
    chat = at(where)
    for text in ("0", "1", "2", "3", "10"):
        before = chat.fork()
        replies = chat.say(text)
        assert keys_of(replies) == [not_a_choice(where), again(before)], text
        assert_unchanged(before, chat)


@pytest.mark.parametrize("where", NUMBERED, ids=ids(NUMBERED))
def test_a_choice_can_be_typed_by_its_number(where: tuple[str, str]) -> None:
    """Typing an option's number does exactly what pressing it does."""
    chat = at(where)
    for number, choice in enumerate(chat.asked.choices, start=1):
        typed, pressed = chat.fork(), chat.fork()
        typed.say(str(number))
        pressed.press(choice.value)
        assert (typed.facts, typed.conversation, typed.due) == (
            pressed.facts,
            pressed.conversation,
            pressed.due,
        )


@pytest.mark.parametrize("where", CHOICES, ids=ids(CHOICES))
def test_a_choice_can_be_typed_by_its_label_in_any_case(where: tuple[str, str]) -> None:
    """Typing an option's label, upper or lower case, does exactly what pressing it does."""
    chat = at(where)
    for choice in chat.asked.choices:
        label = label_of(CONTENT, "en", choice)
        for text in (label.upper(), label.lower()):
            typed, pressed = chat.fork(), chat.fork()
            typed.say(text)
            pressed.press(choice.value)
            assert (typed.facts, typed.conversation) == (pressed.facts, pressed.conversation), text


@pytest.mark.parametrize("where", list(QUESTIONS), ids=ids(list(QUESTIONS)))
def test_a_stale_button_is_refused_and_the_current_question_reasked(where: tuple[str, str]) -> None:
    """An earlier question's button: "that has passed", the current question, no change."""
    chat = at(where)
    before = chat.fork()
    asked = chat.asked
    value = asked.choices[0].value if asked.choices else "3"
    replies = chat.say(value, step=chat.conversation.step - 1)
    assert keys_of(replies) == ["common.stale", again(before)]
    assert_unchanged(before, chat)


@pytest.mark.parametrize("where", PURE_CHOICES, ids=ids(PURE_CHOICES))
def test_a_forged_button_value_on_the_current_step_is_not_a_choice(where: tuple[str, str]) -> None:
    """A button value the question never offered is refused with "pick one of the options"."""
    chat = at(where)
    before = chat.fork()
    replies = chat.press("forged:value")
    assert keys_of(replies) == [not_a_choice(where), again(before)]
    assert_unchanged(before, chat)


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
    assert keys_of(chat.command("checkin")) == ["common.setup_first", "onboarding.intro"]
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
    assert keys_of(chat.command("start")) == ["onboarding.intro"]


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
    assert keys_of(chat.say("hello")) == ["onboarding.intro"]
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


@pytest.mark.parametrize("text", ["¹", "²", "1²"])
def test_a_superscript_digit_typed_at_a_choice_is_reasked_not_a_crash(text: str) -> None:
    """ "¹" passes str.isdigit() but not int(): it is no option number, and is asked again
    (it raised ValueError; found by tests/bot/test_stateful.py)."""
    chat = Chat(now=START)
    chat.command("start")
    assert keys_of(chat.say(text)) == ["common.not_a_choice", "onboarding.intro_short"]


@pytest.mark.parametrize("typed", ["ok", "y", "Yeah", "yes"])
def test_the_usual_words_for_yes_pick_yes_where_a_number_would(typed: str) -> None:
    """ "ok", "y", "yeah" at the 18+ question do what pressing Yes does."""
    chat = at(("onboarding", "adult"))
    typed_chat, pressed = chat.fork(), chat.fork()
    typed_chat.say(typed)
    pressed.press("yes")
    assert (typed_chat.facts, typed_chat.conversation) == (pressed.facts, pressed.conversation)


@pytest.mark.parametrize("typed", ["bending", "Bend", "a walk"])
def test_the_start_of_a_label_picks_that_choice(typed: str) -> None:
    """The unique start of a choice's label ("bending" for "bending, level 1") picks it."""
    chat = at(("checkin", "choose"))
    value = next(
        c.value
        for c in chat.asked.choices
        if label_of(CONTENT, "en", c).lower().startswith(typed.lower())
    )
    typed_chat, pressed = chat.fork(), chat.fork()
    typed_chat.say(typed)
    pressed.press(value)
    assert (typed_chat.facts, typed_chat.conversation) == (pressed.facts, pressed.conversation)


def test_help_names_every_command() -> None:
    """/help mentions every command the coach answers (and Telegram's menu lists)."""
    help_text = CONTENT.text("en", "common.help")
    assert [c for c in dialogue.COMMANDS if f"/{c}" not in help_text] == []
