"""The same button pressed twice quickly: the second press is answered and does nothing else.

A press repeats the last press taken as an answer when it carries the same callback data (the same
question's step, the same value): the first press's reply is already on its way.
"""

from __future__ import annotations

from bot.storage import Database
from tests.bot.telegram_helpers import running_bot, text


async def test_the_same_button_twice_sends_nothing_the_second_time(db: Database) -> None:
    """ "I agree" pressed twice before its buttons went: the second press is only answered
    (answerCallbackQuery), nothing is sent or edited, nothing stored changes."""
    async with running_bot(db) as h:
        await h.say("/start")
        await h.press("Continue")
        first = h.press_update("I agree")
        second = h.press_update("I agree")
        await h.feed(first)
        before = await h.state()
        h.api.clear()
        await h.feed(second)
        methods = h.api.methods()
        after = await h.state()
    assert methods == ["answerCallbackQuery"]
    assert after == before


async def test_two_quick_presses_at_once_get_one_reply(db: Database) -> None:
    """The same button twice at once: one answer to the question, no "That question has passed"."""
    async with running_bot(db) as h:
        await h.onboard()
        first = h.press_update("Start a check-in now")
        second = h.press_update("Start a check-in now")
        h.api.clear()
        await h.feed_concurrently(first, second)
        texts = h.api.texts()
    assert len(texts) == 1
    assert not any(text("common.stale") in t for t in texts)


async def test_another_button_of_the_answered_question_has_passed(db: Database) -> None:
    """Only the very same press is a repeat: a different button of the question just answered
    still says "That question has passed" and asks the current question."""
    async with running_bot(db) as h:
        await h.say("/start")
        await h.press("Continue")
        agree = h.press_update("I agree")
        decline = h.press_update("No thanks")
        await h.feed(agree)
        h.api.clear()
        await h.feed(decline)
        texts = h.api.texts()
    assert texts == [text("common.stale") + "\n\n" + text("onboarding.adult")]
