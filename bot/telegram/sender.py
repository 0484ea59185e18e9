"""Sending the coach's replies to a chat: HTML, buttons, long texts split, errors handled.

429 waits `retry_after` and tries again; timeouts and server errors are retried with backoff; 403
means the person blocked the bot: they are marked blocked and nothing more is sent. The buttons of
the previous question are retired whenever a new question (or none) takes its place, unless it is
still open: a note came, or it was set aside for another question. A reply asking
for the person's export is followed by the files, sent as documents.
"""

from __future__ import annotations

import asyncio
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
from bot.coach import Coach, Said
from bot.export import EXPORT, export_files
from bot.metrics import SENDS
from bot.summary import SUMMARY, summary_file_async
from bot.telegram import api
from bot.telegram.api import Markup
from bot.telegram.limiter import Limiter
from bot.telegram.render import keyboard, message_html, split
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
    """Turns a Said into messages in one chat."""

    def __init__(self, bot: Bot, coach: Coach, limiter: Limiter | None = None) -> None:
        self.bot = bot
        self.coach = coach
        self.limiter = limiter

    async def send(
        self,
        chat_id: int,
        said: Said,
        *,
        retired: Collection[int] = (),
        proactive: bool = False,
        paced: bool = False,
    ) -> None:
        """Sends every reply; a 403 marks the person blocked instead of failing.

        Proactive sends (nudges, follow-ups, recaps) pass the rate limiter; answers do not wait.
        `paced`: the caller already waited for this chat's first slot (the tick does, before the
        turn, so that a turn stored as done is sent moments later, not after a queue).
        """
        prepaid = _PREPAID.set([chat_id] if paced else None)
        try:
            prompt = await self._send_all(chat_id, said, proactive)
            old = said.prompt_message_id
            if prompt is None and said.keep_prompt:
                prompt = old  # a note: the question above it is still the one to answer
            if prompt != old and not said.deleted:
                await self.coach.set_prompt(said.user_id, prompt)
            if old is not None and old != prompt and old not in retired and not said.keep_prompt:
                await self._pace(chat_id, proactive)
                await self.retire(chat_id, old)
        except Blocked:
            if said.deleted:
                return  # nothing of theirs is left to mark
            log.info("a person blocked the bot; marking them blocked")
            await self.coach.set_blocked(said.user_id, True)
        except TelegramError as error:
            if said.deleted:
                # Their data is gone: there is no question to ask again, and no one to mark.
                log.warning("the goodbye after a deletion could not be sent")
                return
            raise SendFailed(said.user_id, chat_id) from error
        finally:
            _PREPAID.reset(prepaid)

    async def _send_all(self, chat_id: int, said: Said, proactive: bool) -> int | None:
        """Sends the replies as few messages as reads well: text runs up to and including a
        question become one message, its buttons at the end; a chart goes as a photo."""
        content = self.coach.content
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
            files = await self._attachment(said, reply)  # read before any of it is sent
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
        the clinician's one-page PDF (drawn off the event loop)."""
        if reply.attachment is None:
            return []
        if reply.attachment == SUMMARY:
            history = await self.coach.history(said.user_id)
            return [await summary_file_async(history, self.coach.content, self.coach.clock())]
        if reply.attachment != EXPORT:
            log.warning("unknown attachment %r: not sent", reply.attachment)
            return []
        return export_files(await self.coach.export(said.user_id))

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
        except BadRequest:
            pass  # already without buttons, or too old to edit: nothing live is left either way
