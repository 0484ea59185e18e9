"""Safety as a person meets it, through the real processes: `backcoach run` against the fake Bot
API, and `backcoach chat` in a terminal. A typed red flag holds coaching; a typed "1", "0", "yes"
or "/checkin" does not lift it; only the two-step confirmation does. A caption and an edit carrying
a red flag escalate in the same turn. A crisis message holds coaching behind "are you safe?"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.content import load_content
from flows.screen import screen
from tests.e2e.test_telegram_bot import Bot, Person, api, onboard  # noqa: F401  (api: a fixture)
from tests.e2e.test_terminal_chat import Terminal, onboarding
from tests.fakes.botapi import FakeBotApi

HOLD = "Has a doctor or physiotherapist checked you since these symptoms began?"
IN_WORDS = "type it out in words"
CLEARED = "Did they say that gentle activity is fine for you?"


@pytest.fixture
def ann(api: FakeBotApi, tmp_path: Path) -> Iterator[Person]:  # noqa: F811
    """An onboarded person talking to a running bot."""
    bot = Bot(api, tmp_path)
    try:
        person = Person(api.user(1001))
        onboard(person)
        person.expect("All set")
        yield person
    finally:
        assert bot.stop() == 0


def test_telegram_a_typed_red_flag_holds_until_both_answers(ann: Person) -> None:
    """Typed bladder trouble: emergency advice and the hold; "1", "0" and /checkin re-ask it;
    "yes" asks the second question; only the second "yes" lets coaching carry on."""
    ann.user.send_text("sorry, I can't control my bladder since this morning")
    assert "get emergency medical help now: call 999" in ann.expect(HOLD)["text"]
    for typed in ("1", "0"):
        ann.user.send_text(typed)
        assert HOLD in ann.expect(IN_WORDS)["text"]
    ann.user.send_text("/checkin")
    assert HOLD in ann.expect("Coaching is paused")["text"]
    ann.user.send_text("yes")
    ann.expect(CLEARED)
    ann.user.send_text("/plan")
    paused = ann.expect("Coaching is paused")
    assert CLEARED in paused["text"]
    ann.user.press(paused, "Yes")
    ann.expect("Thank you for getting checked")
    ann.user.send_text("/checkin")
    ann.expect("What are you checking in on")


def test_telegram_a_caption_with_a_red_flag_escalates(ann: Person) -> None:
    """A photo captioned with saddle numbness gets the emergency reply and the hold."""
    ann.user.send_media("photo", caption="my bum and inner thighs have gone numb")
    assert "get emergency medical help now" in ann.expect(HOLD)["text"]


def test_telegram_an_edit_that_adds_a_red_flag_escalates(ann: Person) -> None:
    """An earlier message edited to add a red flag gets the emergency reply in the same turn."""
    sent = ann.user.send_text("/plan")
    ann.expect("Today")
    ann.user.edit(sent["message_id"], "/plan - also I keep wetting myself")
    assert "get emergency medical help now" in ann.expect(HOLD)["text"]


def test_telegram_a_crisis_message_holds_coaching_until_they_carry_on(ann: Person) -> None:
    """Crisis words: London's helplines, "are you safe?"; "ok" and /checkin do not lead to a
    coaching question; "I'm safe right now" then "Carry on with coaching" does."""
    ann.user.send_text("honestly some days I think everyone would be better off without me")
    reply = ann.expect("Are you safe right now?")
    assert "call 999" in reply["text"] and "Samaritans: 116 123" in reply["text"]
    ann.user.send_text("ok")
    ann.expect("Are you safe right now?")
    ann.user.send_text("/checkin")
    again = ann.expect("Are you safe right now?")
    ann.user.press(again, "I'm safe right now")
    ann.answer("There's no rush", "Carry on with coaching")
    ann.expect("let's carry on, gently")
    ann.user.send_text("/checkin")
    ann.expect("What are you checking in on")


async def test_terminal_a_typed_red_flag_holds_until_both_answers(tmp_path: Path) -> None:
    """In the terminal: the hold's choices show without numbers; "1" and "yes" alone do not lift
    it; "yes" and "yes" in words do."""
    chat = await Terminal.open(tmp_path, scale="1")
    for line in onboarding():
        await chat.type(line)
    await chat.expect("Start a check-in now")
    await chat.type("both my legs have gone numb and weak")
    hold = await chat.expect(HOLD)
    assert "emergency medical help now: call 999" in hold
    choices = await chat.expect("Not yet")
    assert "type one: Yes, I've been checked · Not yet" in choices and "1)" not in choices
    await chat.type("1")
    await chat.expect(IN_WORDS)
    await chat.type("yes")
    await chat.expect(CLEARED)
    await chat.type("/checkin")
    await chat.expect("Coaching is paused")
    await chat.type("yes")
    await chat.expect("Thank you for getting checked")
    assert await chat.leave() == 0


def test_telegram_wording_only_the_learned_reader_knows_gets_the_direct_question(
    ann: Person,
) -> None:
    """A fear of self-harm in words no rule has (the running bot trained its reader at start-up):
    the direct question comes in the same turn, and "Yes" leads on to crisis care."""
    text = "honestly not sure i trust myself tonight with everything in the cupboard"
    assert screen(text, load_content(required_keys=()).screen["en"]) is None  # no rule knows it
    ann.user.send_text(text)
    question = ann.expect("Are you having thoughts of ending your life")
    ann.user.press(question, "Yes")
    assert "Samaritans: 116 123" in ann.expect("Are you safe right now?")["text"]


def test_telegram_a_fall_told_with_despair_gets_the_urgent_advice_then_the_direct_question(
    ann: Person,
) -> None:
    """The rules read a fall (urgent), the running bot's reader reads despair: the urgent advice
    with the hold, then "are you having thoughts of ending your life?"; "No" gives the helplines
    and leads to the hold's own question. Everyday medication talk before it gets no crisis
    reply at all."""
    ann.user.send_text("/plan")
    ann.expect("Today")
    ann.user.send_text("took all my tablets today and did the walk")
    calm = ann.expect("")
    assert "Are you safe" not in calm["text"] and "ending your life" not in calm["text"]
    ann.user.send_text(
        "slipped and fell in the shower, lay there thinking nobody would even notice if i never"
        " got up"
    )
    question = ann.expect("Are you having thoughts of ending your life")
    assert "Please contact a doctor today" in question["text"]
    ann.user.press(question, "No")
    reply = ann.expect(HOLD)
    assert "Samaritans: 116 123" in reply["text"]
