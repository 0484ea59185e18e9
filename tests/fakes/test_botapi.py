"""The fake Bot API behaves like Telegram as far as the real python-telegram-bot client can tell."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import threading
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter

from tests.fakes.botapi import FakeBotApi

pytestmark = pytest.mark.filterwarnings(
    "ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning"
)
TOKEN = "123456:TEST"
KEYBOARD = InlineKeyboardMarkup(
    [[InlineKeyboardButton("Better", callback_data="cmp:better")],
     [InlineKeyboardButton("Same", callback_data="cmp:same")]]
)  # fmt: skip


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN) as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(TOKEN, base_url=api.base_url) as client:
        yield client


def seconds(error: RetryAfter) -> float:
    """RetryAfter.retry_after: an int (deprecated, warns) or a timedelta with PTB_TIMEDELTA=1."""
    value = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


async def test_get_me_and_wrong_token(api: FakeBotApi, bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username, me.first_name) == (
        123456,
        True,
        "backcoach_bot",
        "backcoach",
    )
    with pytest.raises(InvalidToken):
        async with telegram.Bot("123456:WRONG", base_url=api.base_url):
            pass
    assert api.calls[0].method == "getMe" and api.calls[0].chat_id is None


async def test_send_edit_and_not_modified(api: FakeBotApi, bot: telegram.Bot) -> None:
    ann = api.user(1001, "Ann")
    sent = await bot.send_message(1001, "How is your back?", reply_markup=KEYBOARD)
    assert sent.chat.type == "private" and sent.from_user and sent.from_user.is_bot
    assert isinstance(sent.date, dtm.datetime) and sent.reply_markup == KEYBOARD
    second = await bot.send_message(1001, "<b>Bold</b> &amp; plain", parse_mode="HTML")
    assert second.message_id == sent.message_id + 1 and second.text == "Bold & plain"
    assert ann.last_keyboard() == [
        [{"text": "Better", "callback_data": "cmp:better"}],
        [{"text": "Same", "callback_data": "cmp:same"}],
    ]

    edited = await bot.edit_message_text("Noted: better", 1001, sent.message_id)
    assert isinstance(edited, telegram.Message) and edited.edit_date is not None
    assert edited.reply_markup is None  # no reply_markup in the edit → Telegram drops it
    first = ann.messages()[0]
    assert first["edited"] and first["text"] == "Noted: better"
    assert first["history"][0]["text"] == "How is your back?"
    assert ann.last_keyboard() is None

    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("Noted: better", 1001, sent.message_id)
    await bot.edit_message_reply_markup(1001, sent.message_id, reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_reply_markup(1001, sent.message_id, reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", 1001, 999)
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(4242, "hello?")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities: unsupported start tag"):
        await bot.send_message(1001, "pain <3 today", parse_mode="HTML")
    with pytest.raises(BadRequest, match="reserved"):
        await bot.send_message(1001, "Walk 10 min.", parse_mode="MarkdownV2")
    # parameters arrive typed: PTB form-encodes non-strings as JSON
    params = api.requests_of("sendMessage")[0]
    assert params["chat_id"] == 1001 and params["reply_markup"]["inline_keyboard"][0][0]


async def test_injected_errors(api: FakeBotApi, bot: telegram.Bot) -> None:
    api.user(1001)
    api.fail_next("sendMessage", 403)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(1001, "hi")
    api.fail_next("sendMessage", 429, retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(1001, "hi")
    assert seconds(caught.value) == 3
    api.fail_next("*", 502, chat_id=1001, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError):
            await bot.send_chat_action(1001, "typing")
    assert (await bot.send_message(1001, "hi")).text == "hi"
    with pytest.raises(telegram.error.EndPointNotFound):
        await bot.do_api_request("fooBar")


async def test_block_and_unblock(api: FakeBotApi, bot: telegram.Bot) -> None:
    ann = api.user(1001)
    ann.block()
    with pytest.raises(Forbidden):
        await bot.send_message(1001, "still there?")
    ann.unblock()
    await bot.send_message(1001, "welcome back")
    updates = await bot.get_updates()
    statuses = [
        (u.my_chat_member.old_chat_member.status, u.my_chat_member.new_chat_member.status)
        for u in updates
        if u.my_chat_member
    ]
    assert statuses == [("member", "kicked"), ("kicked", "member")]


async def test_long_poll_wakes_on_update_and_honours_offset(
    api: FakeBotApi, bot: telegram.Bot
) -> None:
    ann = api.user(1001, "Ann", language_code="de")
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    # other requests are served while the long poll waits
    assert (await bot.send_message(1001, "ping")).text == "ping"
    ann.send_text("/start@backcoach_bot now")
    updates = await poll
    assert time.monotonic() - started < 1
    (update,) = updates
    assert update.effective_user and update.effective_user.language_code == "de"
    assert update.message and update.message.text == "/start@backcoach_bot now"
    assert update.message.entities[0].type == "bot_command"
    assert update.message.entities[0].length == len("/start@backcoach_bot")
    assert update.effective_chat and update.effective_chat.id == 1001

    again = await bot.get_updates(timeout=0)  # not confirmed yet
    assert [u.update_id for u in again] == [update.update_id]
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()
    started = time.monotonic()
    assert await bot.get_updates(offset=update.update_id + 1, timeout=1) == ()
    assert time.monotonic() - started >= 1

    ann.send_sticker()
    ann.send_photo()
    ann.edit(update.message.message_id, "/start")
    ann.group_message("hello all")
    kinds = await bot.get_updates(offset=update.update_id + 1)
    assert kinds[0].message and kinds[0].message.sticker and kinds[0].message.text is None
    assert kinds[1].message and kinds[1].message.photo
    assert kinds[2].edited_message and kinds[2].edited_message.text == "/start"
    assert kinds[3].effective_chat and kinds[3].effective_chat.type == "supergroup"
    # user and bot messages share one id sequence per chat, as in Telegram
    assert kinds[1].message.message_id == kinds[0].message.message_id + 1


async def test_second_poller_conflicts(api: FakeBotApi, bot: telegram.Bot) -> None:
    async with telegram.Bot(TOKEN, base_url=api.base_url) as other:
        first = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.1)
        assert await other.get_updates(timeout=0) == ()
        with pytest.raises(Conflict, match="terminated by other getUpdates"):
            await first


async def test_press_and_answer_callback_query(api: FakeBotApi, bot: telegram.Bot) -> None:
    ann = api.user(1001)
    sent = await bot.send_message(1001, "Compared with yesterday?", reply_markup=KEYBOARD)
    query = ann.press(ann.messages()[-1], "Same")
    (update,) = await bot.get_updates()
    assert update.callback_query and update.callback_query.data == "cmp:same"
    assert update.callback_query.message and update.callback_query.message.message_id == (
        sent.message_id
    )
    assert await update.callback_query.answer("Saved")
    assert api.callback_answers[query["id"]]["text"] == "Saved"
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query["id"])
    with pytest.raises(AssertionError, match="not in"):
        ann.press(sent.message_id, "Worse")


async def test_commands_photo_and_housekeeping(api: FakeBotApi, bot: telegram.Bot) -> None:
    commands = [("checkin", "Daily check-in"), ("help", "What I can do")]
    assert await bot.set_my_commands(commands)
    assert [(c.command, c.description) for c in await bot.get_my_commands()] == commands
    assert await bot.get_my_commands(language_code="de") == ()
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([("Check-In", "bad name")])

    ann = api.user(1001)
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 2000
    photo = await bot.send_photo(1001, png, caption="Your week")
    assert photo.photo and photo.caption == "Your week"
    assert ann.messages()[-1]["photo_size"] == len(png)
    assert api.requests_of("sendPhoto")[0]["photo"] == f"<{len(png)} bytes>"
    assert await bot.send_chat_action(1001, "typing")
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.delete_message(1001, photo.message_id)
    assert ann.messages() == []


async def test_rate_limit_per_chat() -> None:
    with FakeBotApi(token=TOKEN, max_per_chat_per_second=2) as api:
        api.user(1001)
        api.user(1002)
        async with telegram.Bot(TOKEN, base_url=api.base_url) as bot:
            await bot.send_message(1001, "1")
            await bot.send_message(1001, "2")
            await bot.send_message(1002, "other chat is fine")
            with pytest.raises(RetryAfter) as caught:
                await bot.send_message(1001, "3")
            assert seconds(caught.value) == 1
    per_chat = [c.chat_id for c in api.calls if c.method == "sendMessage"]
    assert per_chat == [1001, 1001, 1002, 1001]


async def test_wait_for_sync_and_async(api: FakeBotApi, bot: telegram.Bot) -> None:
    ann = api.user(1001)
    seen: list[str] = []
    waiter = threading.Thread(target=lambda: seen.append(ann.wait_for("plan", timeout=3)["text"]))
    waiter.start()
    await bot.send_message(1001, "Today's plan: walk")
    found = await ann.await_for(lambda m: m["text"].startswith("Today"), timeout=2)
    await asyncio.to_thread(waiter.join, 3)
    assert seen == ["Today's plan: walk"] and found["message_id"] == 1
    with pytest.raises(AssertionError, match="Today's plan"):
        await ann.await_for("nothing like this", timeout=0.1)
    with pytest.raises(AssertionError):
        ann.wait_for("plan", timeout=0.1, after=found["message_id"])


def test_plain_http_form_json_and_errors(api: FakeBotApi) -> None:
    api.user(1001)

    def post(
        method: str, body: bytes, ctype: str, token: str = TOKEN
    ) -> tuple[int, dict[str, Any]]:
        url = f"http://127.0.0.1:{api.port}/bot{token}/{method}"
        req = urllib.request.Request(url, body, {"Content-Type": ctype})
        try:
            with urllib.request.urlopen(req, timeout=3) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read())

    form = "application/x-www-form-urlencoded"
    status, body = post("sendMessage", b"chat_id=1001&text=123", form)
    assert status == 200 and body["ok"] and body["result"]["text"] == "123"
    status, body = post(
        "SENDMESSAGE", json.dumps({"chat_id": 1001, "text": "j"}).encode(), "application/json"
    )
    assert status == 200 and body["result"]["message_id"] == 2
    assert post("getMe", b"", form, token="1:x") == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    assert post("noSuchMethod", b"", form)[0] == 404
    api.fail_next("sendMessage", 429, retry_after=7)
    status, body = post("sendMessage", b"chat_id=1001&text=x", form)
    assert status == 429 and body["parameters"] == {"retry_after": 7}
    assert body["description"] == "Too Many Requests: retry after 7"


def test_close_wakes_a_long_poll() -> None:
    api = FakeBotApi(token=TOKEN)
    got: list[object] = []
    url = f"{api.base_url}{TOKEN}/getUpdates?timeout=30"
    poller = threading.Thread(
        target=lambda: got.append(json.loads(urllib.request.urlopen(url).read()))
    )
    poller.start()
    time.sleep(0.1)
    started = time.monotonic()
    api.close()
    poller.join(2)
    assert got == [{"ok": True, "result": []}] and time.monotonic() - started < 1


async def test_allowed_updates_filter_like_telegram(api: FakeBotApi, bot: telegram.Bot) -> None:
    ann = api.user(1001)
    api.queue_update({"chat_member": {}})  # not in Telegram's default set: never delivered
    ann.send_text("hi")
    assert [u.message.text for u in await bot.get_updates() if u.message] == ["hi"]
    assert len(await bot.get_updates()) == 1
    ann.block()
    updates = await bot.get_updates(allowed_updates=["message"])  # remembered from now on
    assert [u.update_id for u in updates] == [2] and api.pending_updates()[0]["update_id"] == 2


async def test_an_outage_refuses_connections_until_the_server_comes_back(
    api: FakeBotApi, bot: telegram.Bot
) -> None:
    """While down, a long poll in progress is cut and new requests are refused (httpx's
    ConnectError); after coming back the same URL answers again."""
    poll = asyncio.create_task(bot.get_updates(timeout=dtm.timedelta(seconds=5)))
    await asyncio.sleep(0.2)
    api.go_down()
    with pytest.raises(NetworkError):
        await poll
    with pytest.raises(NetworkError, match="ConnectError"):
        await bot.get_updates(timeout=dtm.timedelta(seconds=0))
    api.come_back()
    assert await bot.get_updates(timeout=dtm.timedelta(seconds=0)) == ()
