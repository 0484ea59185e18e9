"""Captions and edited messages are screened like typed text (DESIGN §5).

Through `backcoach serve`'s webhook, as Telegram posts updates: the real PTB stack talking HTTP to
the fake Bot API, on SQLite and PostgreSQL. What is stored is read back from the database.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import pytest

from bot.storage import Database, Repository
from bot.telegram.handlers import external_id
from flows.model import Conversation, Facts, SafetyHold
from tests.bot.telegram_helpers import CHECKIN, ONBOARDING, text, together
from tests.bot.web.test_webhook import TOKEN, Site, eventually, inbox_ids, processed, serving
from tests.fakes.botapi import FakeBotApi, Json, Match

ANN = 1001
BLADDER = "I can't control my bladder"
GO_NOW = text("safety.emergency", emergency="999")  # onboarded in London
EMERGENCY = together(text("safety.heard"), GO_NOW, text("safety.checked"))
# Before consent (at the first question): the same advice, with no time zone yet known, and no hold.
GO_NOW_EARLY = text(
    "safety.emergency_before_consent",
    emergency=text("safety.local_emergency", number="112"),
)
EMERGENCY_EARLY = together(text("safety.heard"), GO_NOW_EARLY, text("safety.not_stored"))
PAIN_NOW = CHECKIN.index("2")  # presses up to the check-in's first pain question


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN) as fake:
        yield fake


def labels(message: Json) -> list[str]:
    rows = (message["reply_markup"] or {}).get("inline_keyboard", [])
    return [button["text"] for row in rows for button in row]


class Ann:
    """Ann in her private chat; what she does reaches the bot as Telegram would post it."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.user = site.api.user(ANN)
        self.seen = 0  # the bot's latest message she has read

    async def expect(self, match: Match) -> Json:
        """Waits for the bot's next message that matches; she has read up to it."""
        message = await self.user.await_for(match, after=self.seen)
        self.seen = message["message_id"]
        return message

    async def press(self, label: str) -> None:
        """Waits for a question with that button, then presses it."""
        question = await self.expect(lambda m: label in labels(m))
        self.user.press(question, label)
        await self.site.deliver()

    async def say(self, words: str) -> Json:
        """Types a message; returns it as Telegram holds it."""
        sent = self.user.send_text(words)
        await self.site.deliver()
        return sent

    async def at_the_pain_question(self) -> Json:
        """Onboards by the buttons shown, starts a check-in, and reads the first pain question."""
        await self.say("/start")
        for label in ONBOARDING + CHECKIN[:PAIN_NOW]:
            await self.press(label)
        return await self.expect(lambda m: "2" in labels(m))

    async def settled(self, db: Database) -> None:
        """Waits until every update delivered has been handled to the end (replies sent)."""
        await eventually(lambda: _no_inbox(db))


async def _no_inbox(db: Database) -> bool:
    return await inbox_ids(db) == []


@asynccontextmanager
async def ann_on(db_url: str, api: FakeBotApi) -> AsyncIterator[Ann]:
    """Ann and a running `backcoach serve`, whose hourly tick sends no nudge mid-test."""
    async with serving(db_url, api) as site:
        yield Ann(site)


async def stored(db: Database) -> tuple[Conversation, Facts]:
    """Ann's conversation and facts, as her next turn would load them."""

    def read(repo: Repository) -> tuple[Conversation, Facts]:
        user_id = repo.people.user_id_for(external_id(ANN), create=False)
        assert user_id is not None
        conversation, facts, _ = repo.turns.load(user_id, datetime.now(UTC))
        return conversation, facts

    return await db.run(read)


def frame(conversation: Conversation) -> tuple[str, str] | None:
    active = conversation.active
    return None if active is None else (active.flow, active.state)


async def test_a_captioned_photo_naming_a_red_flag_holds_coaching_in_the_same_turn(
    api: FakeBotApi, db_url: str, db: Database
) -> None:
    """A photo captioned "I can't control my bladder" mid check-in gets the emergency reply, and
    the stored profile has an emergency safety hold."""
    async with ann_on(db_url, api) as ann:
        await ann.at_the_pain_question()
        ann.user.send_photo(caption=BLADDER)
        await ann.site.deliver()
        reply = await ann.expect(GO_NOW)
        _, facts = await stored(db)
    assert reply["text"] == EMERGENCY
    assert facts.profile.safety_hold is SafetyHold.EMERGENCY


async def test_a_calm_caption_does_not_answer_the_pain_question(
    api: FakeBotApi, db_url: str, db: Database
) -> None:
    """A photo captioned "4" at the pain question gets the question again, in its short form; no
    score is stored."""
    async with ann_on(db_url, api) as ann:
        await ann.at_the_pain_question()
        before, _ = await stored(db)
        ann.user.send_photo(caption="4")
        await ann.site.deliver()
        again = await ann.expect(lambda m: "2" in labels(m))
        after, facts = await stored(db)
    short = together(text("common.not_a_score", lo=0, hi=10), text("checkin.baseline_short"))
    assert again["text"].startswith(short)
    assert frame(after) == frame(before) == ("checkin", "baseline")
    assert [c.baseline for c in facts.checkins] == [None]


async def test_an_edit_that_adds_a_red_flag_escalates(
    api: FakeBotApi, db_url: str, db: Database
) -> None:
    """Ann answers the pain question "4", then edits it to "4 and my groin is numb": the emergency
    reply comes and coaching is held."""
    async with ann_on(db_url, api) as ann:
        await ann.at_the_pain_question()
        answer = await ann.say("4")
        await ann.expect(lambda m: "4" in labels(m))  # the next question: the answer counted
        ann.user.edit(answer["message_id"], "4 and my groin is numb")
        await ann.site.deliver()
        reply = await ann.expect(GO_NOW)
        _, facts = await stored(db)
    assert reply["text"] == EMERGENCY
    assert facts.profile.safety_hold is SafetyHold.EMERGENCY


async def test_a_calm_edit_sends_nothing_and_changes_nothing(
    api: FakeBotApi, db_url: str, db: Database
) -> None:
    """Editing the answer "4" to "5" is handled (screened) but makes no Bot API call, and what is
    stored stays as it was."""
    async with ann_on(db_url, api) as ann:
        await ann.at_the_pain_question()
        answer = await ann.say("4")
        await ann.expect(lambda m: "4" in labels(m))
        await ann.settled(db)
        before, calls = await stored(db), len(api.calls)
        ann.user.edit(answer["message_id"], "5")
        (update_id,) = await ann.site.deliver()
        await ann.settled(db)
        after = await stored(db)
        handled = await processed(db)
    assert update_id in handled
    assert api.calls[calls:] == []
    assert after == before
    assert [c.baseline for c in after[1].checkins] == [4]


async def test_the_same_edit_delivered_twice_is_answered_once(
    api: FakeBotApi, db_url: str, db: Database
) -> None:
    """Telegram posting one edited_message update twice gets one emergency reply."""
    async with ann_on(db_url, api) as ann:
        await ann.at_the_pain_question()
        answer = await ann.say("4")
        await ann.expect(lambda m: "4" in labels(m))
        ann.user.edit(answer["message_id"], "4 and my groin is numb")
        (update,) = api.take_updates()
        for _ in range(2):
            assert (await ann.site.post(update)).status_code == 200
        await ann.expect(GO_NOW)
        await ann.settled(db)
        handled = await processed(db)
    replies = [m for m in ann.user.messages() if GO_NOW in (m["text"] or "")]
    assert len(replies) == 1
    assert update["update_id"] in handled


@pytest.mark.parametrize("kind", ["photo", "video", "document", "animation", "audio", "voice"])
async def test_a_caption_of_any_media_is_screened(
    api: FakeBotApi, db_url: str, db: Database, kind: str
) -> None:
    """A bladder symptom in the caption of a photo, video, document, animation, audio or voice
    message gets the emergency advice even at the very first question, before consent, and
    nothing about it is stored (no hold)."""
    async with ann_on(db_url, api) as ann:
        await ann.say("/start")
        await ann.expect(text("onboarding.intro"))
        ann.user.send_media(kind, caption=BLADDER)
        await ann.site.deliver()
        reply = await ann.expect(GO_NOW_EARLY)
        await ann.settled(db)
        _, facts = await stored(db)
    assert reply["text"] == EMERGENCY_EARLY
    assert facts.profile.safety_hold is None and facts.profile.consent_version is None


async def test_an_edited_caption_that_adds_a_red_flag_escalates(
    api: FakeBotApi, db_url: str, db: Database
) -> None:
    """A photo sent without words, its caption then edited to "my groin is numb": the emergency
    reply comes."""
    async with ann_on(db_url, api) as ann:
        await ann.say("/start")
        await ann.expect(text("onboarding.intro"))
        photo = ann.user.send_photo()
        await ann.site.deliver()
        await ann.expect(text("common.no_words"))  # a bare photo: words only, and the question
        ann.user.edit_caption(photo["message_id"], "my groin is numb")
        await ann.site.deliver()
        reply = await ann.expect(GO_NOW_EARLY)
    assert reply["text"] == EMERGENCY_EARLY


async def test_an_edited_command_is_not_run_again(
    api: FakeBotApi, db_url: str, db: Database
) -> None:
    """ "/help" edited to "/help me" is handled as a calm edit: nothing is sent, help is not shown
    a second time."""
    async with ann_on(db_url, api) as ann:
        command = await ann.say("/help")
        await ann.expect(lambda m: bool(m["text"]))
        await ann.settled(db)
        calls = len(api.calls)
        ann.user.edit(command["message_id"], "/help me")
        (update_id,) = await ann.site.deliver()
        await ann.settled(db)
        handled = await processed(db)
    assert update_id in handled
    assert api.calls[calls:] == []
