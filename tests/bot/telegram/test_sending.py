"""Sending through the real PTB stack to the offline Bot API: blocked people, 429s, failed
sends, order, restarts, the lean calls' wire format."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import pytest
import telegram
import telegram.error

from bot.storage import Database
from bot.telegram import api
from bot.telegram.render import LIMIT, split
from tests.bot.offline import MAX_TEXT, NOT_MODIFIED, TOKEN, OfflineBotApi
from tests.bot.telegram.test_handlers import BLOCKED, sqlite_only
from tests.bot.telegram_helpers import (
    ANN,
    CHECKIN,
    CONTENT,
    Clock,
    Harness,
    buttons,
    running_bot,
    text,
)


@sqlite_only
async def test_blocking_marks_blocked_and_cancels_due_events(db: Database) -> None:
    """my_chat_member "kicked": blocked, pending events cancelled; "member" again: unblocked."""
    async with running_bot(db) as h:
        await h.onboard()
        for label in CHECKIN:
            await h.press(label)
        pending = [("nudge", "pending"), ("recap", "pending"), ("followup", "pending")]
        assert await h.due_statuses() == pending
        h.api.clear()
        await h.feed(h.people.member(ANN, "member", "kicked"))
        blocked, due = await h.blocked(), await h.due_statuses()
        await h.feed(h.people.member(ANN, "kicked", "member"))
        unblocked = not await h.blocked()
    assert blocked and unblocked
    assert due and all(status != "pending" for _, status in due)
    assert h.api.calls == []


@sqlite_only
async def test_a_403_on_send_marks_the_person_blocked(db: Database) -> None:
    """sendMessage answered 403 "bot was blocked": the person is marked blocked, no error."""
    async with running_bot(db) as h:
        await h.say("/start")
        h.api.fail("sendMessage", 403, BLOCKED)
        h.api.clear()
        await h.press("Continue")
        sends = h.api.sent("sendMessage")
        blocked = await h.blocked()
    assert len(sends) == 1  # nothing more after the 403 (no error message either)
    assert blocked


@sqlite_only
async def test_a_429_is_waited_out_and_retried(db: Database) -> None:
    """sendMessage 429 retry_after 1: the bot waits, sends again, and that send succeeds."""
    async with running_bot(db) as h:
        h.api.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
        loop = asyncio.get_running_loop()
        started = loop.time()
        await h.say("/start")
        waited = loop.time() - started
        calls = [c for c in h.api.calls if c.method == "sendMessage"]
    assert len(calls) == 2 and calls[0].params == calls[1].params
    assert calls[0].result is None and calls[1].result["text"] == text("onboarding.intro_languages")
    assert waited >= 1.0


@sqlite_only
async def test_message_not_modified_on_an_edit_is_ignored(db: Database) -> None:
    """A 400 "message is not modified" on the edit of a pressed question is harmless."""
    async with running_bot(db) as h:
        await h.say("/start")
        h.api.fail("editMessageText", 400, NOT_MODIFIED)
        await h.press("Continue")
        asked = h.last()["text"]
    assert asked == text("onboarding.consent", version=CONTENT.policy_version)


def test_a_long_text_is_split_below_the_limit_at_line_breaks() -> None:
    """A 9,000-character text becomes parts under 4096 characters, each cut at a line break."""
    lines = [f"line {n:04d} " + "x" * 50 for n in range(150)]
    long = "\n".join(lines)
    assert len(long) >= 9_000
    parts = split(long)
    assert len(parts) == 3
    assert all(len(part) <= min(LIMIT, MAX_TEXT) for part in parts)
    assert [line for part in parts for line in part.split("\n")] == lines


@sqlite_only
async def test_one_persons_updates_run_in_order_others_in_parallel(db: Database) -> None:
    """Two updates of one person run one after the other, in order; another person's update
    runs while the first person's is still sending."""
    async with running_bot(db) as h:
        await h.to_fear()
        await h.say("/start", user=2002)
        h.api.clear()
        gate = h.api.hold("sendMessage")
        ann = [h.people.message(ANN, "4"), h.people.message(ANN, "5")]
        bob = h.press_update("Continue", user=2002)
        work = asyncio.create_task(h.feed_concurrently(*ann, bob))
        for _ in range(200):
            await asyncio.sleep(0.005)
            chats = [p["chat_id"] for p in h.api.sent("sendMessage")]
            if 2002 in chats and ANN in chats:
                break
        await asyncio.sleep(0.1)  # time enough for Ann's second update, were it not waiting
        in_flight = [p["chat_id"] for p in h.api.sent("sendMessage")]
        gate.set()
        await work
        conversation, _ = await h.state()
    assert sorted(in_flight) == [ANN, 2002]  # Bob is served while Ann's first reply is held
    assert conversation.active is not None
    assert conversation.active.context["fears"] == {"bend": 4, "lift": 5}


@sqlite_only
async def test_an_error_is_logged_safely_and_the_person_told(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """sendMessage keeps failing with 500: no crash, a log line without token or answers, the
    kind "trouble sending" text with the question now waiting, and the turn stored whole."""
    caplog.set_level(logging.INFO)
    async with running_bot(db) as h:
        await h.say("/start")
        await h.press("Continue")
        for _ in range(4):  # every attempt of the sender
            h.api.fail("sendMessage", 500, "Internal Server Error")
        h.api.clear()
        await h.say("I agree")
        texts = h.api.texts()
        conversation, facts = await h.state()
    assert texts == [text("common.send_failed"), "Are you 18 or older?"]
    assert facts.profile.consent_version == CONTENT.policy_version
    assert conversation.active is not None and conversation.active.state == "adult"
    logged = caplog.text
    assert "failed: SendFailed" in logged
    assert TOKEN not in logged and TOKEN.split(":")[1] not in logged
    assert "I agree" not in logged


@sqlite_only
async def test_after_a_failed_send_the_next_question_is_shown(db: Database) -> None:
    """The turn committed but its reply was lost: the person must see the question now waiting,
    or their retry is taken as the answer to a question they never saw."""
    async with running_bot(db) as h:
        await h.say("/start")
        await h.press("Continue")
        for _ in range(4):
            h.api.fail("sendMessage", 500, "Internal Server Error")
        h.api.clear()
        await h.say("I agree")  # agrees; the 18+ question is lost with the failed send
        texts = h.api.texts()
    assert text("onboarding.adult") in texts  # today: only common.error, then a retried "yes"


@sqlite_only
async def test_a_restart_continues_the_checkin(db: Database, db_url: str) -> None:
    """A new Application and coach on the same database take the next answer of the same
    check-in."""
    api = OfflineBotApi()  # Telegram outlives the restart
    async with running_bot(db, api=api) as h:
        await h.onboard()
        for label in CHECKIN[:4]:
            await h.press(label)
        _, facts = await h.state()
        press = h.press_update("6")
    again_db = Database.open(db_url)
    try:
        async with running_bot(again_db, api=api) as again:
            await again.feed(press)
            _, after = await again.state()
            asked = again.last()["text"]
    finally:
        await again_db.dispose()
    (before,) = facts.checkins
    (checkin,) = after.checkins
    assert (checkin.no, checkin.baseline, checkin.expected) == (before.no, 2, 4)
    assert checkin.confidence_before == 6
    assert asked.endswith(CONTENT.text("en", "checkin.go_exposure", {"how": "\0"}).split("\0")[1])


@sqlite_only
async def test_onboarding_checkin_and_follow_up_by_buttons(db: Database) -> None:
    """Onboarding, an exposure check-in and the one-hour follow-up, all by pressing buttons;
    the follow-up comes from the app's own tick and the advice gives the light and numbers."""
    clock = Clock()
    async with running_bot(db, clock, tick_seconds=0.05) as h:
        await h.onboard()
        for label in CHECKIN:
            await h.press(label)
        assert h.last()["text"] == text("checkin.wait_a1")
        h.api.clear()
        clock.now += timedelta(hours=1, minutes=1)
        for _ in range(100):
            await asyncio.sleep(0.02)
            if h.api.texts() and buttons(h.last()):
                break
        activity = h.api.texts()[0].split("\n\n")[0]
        h.api.clear()
        await h.press("1")
        advice = "\n\n".join(h.api.texts()).split("\n\n")
        _, facts = await h.state()
    before, after = CONTENT.text("en", "checkin.followup_intro", {"activity": "\0"}).split("\0")
    assert activity.startswith(before + CONTENT.ladders["bend"].name)
    assert activity.endswith(after)
    assert advice[0] == text("advice.green", light=text("light.green"))
    assert text("reason.green.steady", b=2, d=3, a1=1) in advice
    assert text("advice.expect_better", expected=4, d=3) in advice
    assert facts.checkins[0].light == "green"


async def test_the_lean_bot_api_calls_speak_the_same_wire_format_and_errors() -> None:
    """bot.telegram.api posts through the Bot's own request: parameters as Bot methods would send
    them (None left out, buttons as JSON, HTML parse mode), the message id read back, and
    Telegram's refusals raised as the same TelegramErrors."""
    offline = OfflineBotApi()
    async with telegram.Bot(TOKEN, request=offline) as bot:
        markup = {"inline_keyboard": [[{"text": "Yes", "callback_data": "a|3|yes"}]]}
        sent = await api.send_message(bot, 7, "<b>Ready?</b>", markup)
        await api.remove_buttons(bot, 7, sent)
        offline.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
        with pytest.raises(telegram.error.Forbidden):
            await api.send_message(bot, 7, "hello")
        await api.edit_text(bot, 7, sent, "<b>Ready?</b> yes")
        with pytest.raises(telegram.error.BadRequest, match="not modified"):
            await api.edit_text(bot, 7, sent, "<b>Ready?</b> yes")
    send, remove, _, edit, _ = (c for c in offline.calls if c.method != "getMe")
    assert send.params == {
        "chat_id": 7,
        "text": "<b>Ready?</b>",
        "parse_mode": "HTML",
        "reply_markup": markup,
    }
    assert send.result["message_id"] == sent
    assert remove.params == {"chat_id": 7, "message_id": sent}  # no reply_markup: buttons go
    assert edit.params["parse_mode"] == "HTML"


async def _wait_for(h: Harness, key: str) -> None:
    """Lets the app's own tick run until a message with `key`'s text has been sent."""
    for _ in range(200):
        await asyncio.sleep(0.02)
        if any(text(key) in t for t in h.api.texts()):
            return
    raise AssertionError(f"{key} never sent: {h.api.texts()}")


@sqlite_only
async def test_the_followups_button_still_works_after_a_nudge_takes_over(db: Database) -> None:
    """A follow-up left 45 minutes is set aside by the morning nudge; pressing its button
    afterwards answers it (no "That question has passed") and the morning check comes back."""
    clock = Clock()
    async with running_bot(db, clock, tick_seconds=0.05) as h:
        await h.onboard()
        (nudge_at,) = [at for kind, at in await h.pending() if kind == "nudge"]
        clock.now = nudge_at - timedelta(minutes=110)
        for label in CHECKIN:
            await h.press(label)
        clock.now += timedelta(minutes=61)
        await _wait_for(h, "checkin.a1")
        followup = h.last()
        clock.now = nudge_at + timedelta(minutes=1)
        await _wait_for(h, "morning.waking")
        await asyncio.sleep(0.3)  # the delivery's last calls (retiring old buttons) are done
        assert h.api.messages[(ANN, followup["message_id"])].get("reply_markup")
        h.api.clear()
        (data,) = [d for row in buttons(followup) for label, d in row if label == "1"]
        await h.feed(h.people.press(ANN, followup, data))
        texts = h.api.texts()
        shown = h.api.messages[(ANN, followup["message_id"])]["text"]
        conversation, facts = await h.state()
    assert text("common.stale") not in "\n".join(texts)
    assert shown.endswith("→ 1")  # the press counted: the choice is shown on the question
    assert facts.checkins[0].a1 == 1
    assert text("morning.waking") in texts[-1]
    assert conversation.active is not None and conversation.active.flow == "morning"
