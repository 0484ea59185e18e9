"""Input that does not fit: scales, choices, explicit questions, stale and forged buttons, and
the usual ways of typing an answer."""

from __future__ import annotations

import pytest

from bot.render import label_of
from tests.flows.questions import (
    CHOICES,
    EXPLICIT,
    NUMBERED,
    PURE_CHOICES,
    QUESTIONS,
    SCALES,
    again,
    assert_unchanged,
    at,
    ids,
    not_a_choice,
)
from tests.flows.transcript import (
    CONTENT,
    START,
    Chat,
    keys_of,
)

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
