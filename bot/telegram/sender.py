"""Sending the coach's replies to a chat: HTML, buttons, long texts split, errors handled.

The only module (with its low-level `api`) that talks to the Bot API, and it touches no database:
`Sender.send` reports a `Delivery` (sent with the message carrying the live buttons, blocked, or
failed) and its caller records it (`Coach.record`). 429 waits `retry_after` and tries again;
timeouts and server errors are retried with backoff; 403 means the person blocked the bot. The
buttons of the previous question are retired whenever a new question (or none) takes its place,
unless it is still open: a note came, or it was set aside for another question. A reply asking for
the person's export is followed by the files (from the data the turn read), sent as documents.
"""

from __future__ import annotations

import asyncio
import html as html_escape
import logging
import warnings
from collections.abc import Awaitable, Callable, Collection
from contextvars import ContextVar
from datetime import timedelta
from typing import TypeVar

from telegram import Bot, InputFile, Message
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.warnings import PTBDeprecationWarning

from bot.chart import png_async
from bot.export import EXPORT, export_files
from bot.metrics import SENDS
from bot.said import Delivery, Said
from bot.summary import SUMMARY, summary_file_async
from bot.telegram import api
from bot.telegram.limiter import Limiter
from bot.telegram.render import Markup, keyboard, message_html, split
from flows.content import Content
from flows.model import Reply

log = logging.getLogger(__name__)
T = TypeVar("T")
ATTEMPTS = 4
RETRY_AFTER_WAITS = 8  # Telegram says how long to wait: worth waiting more often than for errors
CAPTION_LIMIT = 1024  # Telegram's limit for a photo caption


# Per send (a context variable: each task sees its own): chats whose next slot is already taken.
_PREPAID: ContextVar[list[int] | None] = ContextVar("backcoach_prepaid", default=None)


class Blocked(Exception):
    """The person blocked the bot (HTTP 403)."""


class SendFailed(Exception):
    """Telegram kept refusing a message after the turn was stored; the person should be re-asked."""

    def __init__(self, user_id: int, chat_id: int) -> None:
        super().__init__(f"sending to a chat failed after retries (user {user_id})")
        self.user_id = user_id
        self.chat_id = chat_id


async def call(
    make: Callable[[], Awaitable[T]],
    *,
    attempts: int = ATTEMPTS,
    pace: Callable[[], Awaitable[None]] | None = None,
) -> T:
    """Calls the Bot API: a 429 waits its `retry_after` (then `pace`, the rate limiter, again, so
    the retry queues with everything else) up to RETRY_AFTER_WAITS times; timeouts and network
    errors are retried `attempts` times with backoff; 403 raises Blocked."""
    failures = waits = 0
    while True:
        try:
            result = await make()
        except Forbidden as error:
            SENDS.labels("blocked").inc()
            raise Blocked from error
        except RetryAfter as error:
            SENDS.labels("retry_after").inc()
            waits += 1
            if waits > RETRY_AFTER_WAITS:
                SENDS.labels("failed").inc()
                raise
            with warnings.catch_warnings():
                # PTB 22 warns that retry_after will become a timedelta; both are handled here.
                warnings.simplefilter("ignore", PTBDeprecationWarning)
                wait = error.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            log.warning("rate limited by Telegram; waiting %.1f s", seconds)
            await asyncio.sleep(seconds)
            if pace is not None:
                await pace()
        except (TimedOut, NetworkError) as error:
            failures += 1
            if isinstance(error, BadRequest) or failures >= attempts:
                SENDS.labels("failed").inc()
                raise
            SENDS.labels("retried").inc()
            await asyncio.sleep(0.5 * 2 ** (failures - 1))
        else:
            SENDS.labels("ok").inc()
            return result


class Sender:
    """Turns a Said into messages in one chat, and edits and answers what a button press needs."""

    def __init__(self, bot: Bot, content: Content, limiter: Limiter | None = None) -> None:
        self.bot = bot
        self.content = content
        self.limiter = limiter

    async def send(
        self,
        chat_id: int,
        said: Said,
        *,
        retired: Collection[int] = (),
        proactive: bool = False,
        paced: bool = False,
    ) -> Delivery:
        """Sends every reply and reports what became of them; never raises for Telegram's errors.

        Proactive sends (nudges, follow-ups, recaps) pass the rate limiter; answers do not wait.
        `paced`: the caller already waited for this chat's first slot (the tick does, before the
        turn, so that a turn stored is sent moments later, not after a queue).
        """
        prepaid = _PREPAID.set([chat_id] if paced else None)
        try:
            prompt = await self._send_all(chat_id, said, proactive)
            old = said.prompt_message_id
            if prompt is None and said.keep_prompt:
                prompt = old  # a note: the question above it is still the one to answer
            if old is not None and old != prompt and old not in retired and not said.keep_prompt:
                await self._pace(chat_id, proactive)
                await self.retire(chat_id, old)
            return Delivery.sent(prompt)
        except Blocked:
            if not said.deleted:
                log.info("a person blocked the bot")
            return Delivery.blocked()
        except TelegramError as error:
            log.warning("sending to a chat failed after retries: %s", type(error).__name__)
            return Delivery.failed()
        finally:
            _PREPAID.reset(prepaid)

    async def _send_all(self, chat_id: int, said: Said, proactive: bool) -> int | None:
        """Sends the replies as few messages as reads well: text runs up to and including a
        question become one message, its buttons at the end; a chart goes as a photo."""
        content = self.content
        prompt: int | None = None
        pending: list[str] = []

        async def flush(markup: Markup | None = None) -> int | None:
            if not pending:
                return None
            parts = split("\n\n".join(pending))
            pending.clear()
            for part in parts[:-1]:
                await self._pace(chat_id, proactive)
                await self._send(chat_id, part, None, proactive)
            await self._pace(chat_id, proactive)
            return await self._send(chat_id, parts[-1], markup, proactive)

        for reply in said.replies:
            if reply.chart is not None:
                await flush()
                picture = await png_async(reply.chart, content, said.language)
                caption = message_html(content, said.language, reply)[:CAPTION_LIMIT]
                await self._pace(chat_id, proactive)
                await self._photo(chat_id, picture, caption, proactive)
                continue
            files = await self._attachment(said, reply)
            pending.append(message_html(content, said.language, reply))
            markup = keyboard(content, said.language, reply)
            if markup is not None:
                sent = await flush(markup)
                prompt = sent if sent is not None else prompt
            elif files:
                await flush()
            for name, data in files:
                await self._pace(chat_id, proactive)
                await self._document(chat_id, name, data, proactive)
        await flush()
        return prompt

    async def _attachment(self, said: Said, reply: Reply) -> list[tuple[str, bytes]]:
        """The files a reply carries: "export" is everything stored about the person, "summary"
        the clinician's one-page PDF (drawn off the event loop); both read by the turn, in its
        transaction."""
        if reply.attachment is None:
            return []
        if reply.attachment == SUMMARY and SUMMARY in said.attachments:
            history, made_at = said.attachments[SUMMARY]
            return [await summary_file_async(history, self.content, made_at)]
        if reply.attachment != EXPORT or EXPORT not in said.attachments:
            log.warning("attachment %r without its data: not sent", reply.attachment)
            return []
        return export_files(said.attachments[EXPORT])

    async def pace(self, chat_id: int) -> None:
        """Waits for this chat's next proactive send slot (see `send(paced=True)`)."""
        if self.limiter is not None:
            await self.limiter.wait(chat_id)

    async def _pace(self, chat_id: int, proactive: bool) -> None:
        if proactive and self.limiter is not None:
            prepaid = _PREPAID.get()
            if prepaid is not None and chat_id in prepaid:
                prepaid.remove(chat_id)  # this send's slot was taken before the turn
                return
            await self.limiter.wait(chat_id)

    async def _send(self, chat_id: int, html: str, markup: Markup | None, proactive: bool) -> int:
        return await call(
            lambda: api.send_message(self.bot, chat_id, html, markup),
            pace=lambda: self._pace(chat_id, proactive),
        )

    async def _document(self, chat_id: int, name: str, data: bytes, proactive: bool) -> Message:
        return await call(
            lambda: self.bot.send_document(chat_id, InputFile(data, filename=name)),
            pace=lambda: self._pace(chat_id, proactive),
        )

    async def _photo(self, chat_id: int, picture: bytes, caption: str, proactive: bool) -> Message:
        return await call(
            lambda: self.bot.send_photo(chat_id, picture, caption=caption),
            pace=lambda: self._pace(chat_id, proactive),
        )

    async def retire(self, chat_id: int, message_id: int) -> None:
        """Removes the buttons from an earlier question (it has passed)."""
        try:
            await call(lambda: api.remove_buttons(self.bot, chat_id, message_id))
        except (BadRequest, Blocked):
            pass  # already without buttons, too old to edit, or the person left: nothing live

    async def show_choice(self, question: Message, data: str, *, stale: bool) -> None:
        """Edits a question whose button was pressed: its buttons go, and the choice is shown
        under it (unless the press did not count: a stale button only loses its buttons)."""
        label = None
        if question.reply_markup is not None and not stale:
            for row in question.reply_markup.inline_keyboard:
                for button in row:
                    if button.callback_data == data:
                        label = button.text
        if label is None:
            await self.retire(question.chat_id, question.message_id)
            return
        chat, message = question.chat_id, question.message_id
        text = f"{question.text_html}\n\n<b>→ {html_escape.escape(label, quote=False)}</b>"
        try:
            await call(lambda: api.edit_text(self.bot, chat, message, text))
        except (BadRequest, Blocked):
            pass  # "message is not modified" or too old: nothing live is left either way

    async def answer_press(self, query_id: str) -> None:
        """Answers a button press, so the person's app stops showing it as loading."""
        try:
            await call(lambda: api.answer_callback(self.bot, query_id))
        except (BadRequest, Blocked):
            pass  # too old to answer, or the person left: the press itself is still handled
