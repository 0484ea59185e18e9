"""After /delete nothing of the old conversation comes back (DESIGN §3), through the real PTB
stack on the offline Bot API: the goodbye is the last message, and later presses create nobody."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from bot.storage import Database, tables
from tests.bot.telegram_helpers import Harness, running_bot, text

BEGIN_AGAIN = text("privacy.begin_again")


async def users(h: Harness) -> int:
    """How many user rows the database holds."""
    query = sa.select(sa.func.count()).select_from(tables.users)
    return int(await h.coach.db.run(lambda repo: repo.sql.scalar(query)))


def live(h: Harness) -> list[dict[str, Any]]:
    """The bot's messages in the chat that still carry buttons."""
    return [m for m in h.api.messages.values() if m.get("reply_markup")]


async def to_walk_question(h: Harness) -> None:
    """Onboards, then starts a walk and gets as far as "Done it / Not today"."""
    await h.onboard()
    for label in ("Start a check-in now", "A walk", "2"):
        await h.press(label)
    assert [b for row in h.last()["reply_markup"]["inline_keyboard"] for b in row]


async def test_the_goodbye_is_the_last_message_with_no_live_button(db: Database) -> None:
    """/delete in the middle of a walk, then "Yes, delete everything": only the goodbye is sent,
    no "Back to where we were", and no message in the chat keeps a button."""
    async with running_bot(db) as h:
        await to_walk_question(h)
        await h.say("/delete")
        h.api.clear()
        await h.press("Yes, delete everything")
        texts = h.api.texts()
        left = live(h)
    assert texts == [text("privacy.deleted")]
    assert not any(text("common.resume") in t for t in texts)
    assert left == []


async def test_a_double_tap_on_delete_creates_nobody(db: Database) -> None:
    """Two quick taps on "Yes, delete everything": no user row afterwards, and the second tap
    sends at most the one line "Send /start to begin again."."""
    async with running_bot(db) as h:
        await h.onboard()
        await h.say("/delete")
        first = h.press_update("Yes, delete everything")
        second = h.press_update("Yes, delete everything")
        h.api.clear()
        await h.feed_concurrently(first, second)
        texts = h.api.texts()
        count = await users(h)
        left = live(h)
    assert count == 0
    assert texts[0] == text("privacy.deleted")
    assert texts[1:] in ([], [BEGIN_AGAIN])
    assert left == []


async def test_a_stale_button_after_deletion_creates_nothing(db: Database) -> None:
    """A button of the deleted person's old question, pressed after the goodbye: no user row, no
    conversation, its buttons removed and one line saying how to begin again."""
    async with running_bot(db) as h:
        await to_walk_question(h)
        stale = h.press_update("Done it")
        await h.say("/delete")
        await h.press("Yes, delete everything")
        h.api.clear()
        await h.feed(stale)
        texts = h.api.texts()
        count = await users(h)
        conversations = await h.coach.db.run(
            lambda repo: repo.sql.scalar(
                sa.select(sa.func.count()).select_from(tables.conversations)
            )
        )
        left = live(h)
    assert (count, conversations) == (0, 0)
    assert texts == [BEGIN_AGAIN]
    assert left == []


async def test_a_stale_button_redelivered_is_answered_once(db: Database) -> None:
    """Telegram delivering that stale press again: answered (answerCallbackQuery), nothing sent,
    nobody created."""
    async with running_bot(db) as h:
        await h.onboard()
        stale = h.press_update("Start a check-in now")
        await h.say("/delete")
        await h.press("Yes, delete everything")
        await h.feed(stale)
        h.api.clear()
        await h.feed(stale)
        methods = h.api.methods()
        count = await users(h)
    assert (methods, count) == (["answerCallbackQuery"], 0)


async def test_typed_text_from_someone_new_still_starts_onboarding(db: Database) -> None:
    """A message (not a button) from someone without an account begins onboarding, as always."""
    async with running_bot(db) as h:
        await h.say("hello")
        texts = h.api.texts()
        count = await users(h)
    assert count == 1 and texts[0].startswith(text("onboarding.intro")[:40])
