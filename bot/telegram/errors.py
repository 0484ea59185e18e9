"""The one error handler: logs what failed without the token or anything the person said."""

from __future__ import annotations

import logging
import traceback

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.coach import Coach
from bot.logs import described
from bot.metrics import UPDATES
from bot.said import Outcome, Said
from bot.telegram.sender import Sender, SendFailed
from flows.catalogue import keys
from flows.content import primary_language
from flows.model import Event, EventKind, Reply

log = logging.getLogger(__name__)
K = keys("common", "error", "send_failed")


class ErrorHandler:
    """Logs first, then tells the person kindly.

    A failed turn rolled back, so they are asked to send that again. A turn that was stored but
    whose reply could not be sent is followed by the question in front of them, asked again.
    """

    def __init__(self, coach: Coach, sender: Sender) -> None:
        self.coach = coach
        self.sender = sender

    async def __call__(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        if update is None and isinstance(error, TelegramError):
            # A failed poll, handed here by run_polling: PollingRequest has logged it in one line.
            log.debug("polling failed: %s", described(error))
            return
        where = update.update_id if isinstance(update, Update) else None
        # Only the type and the stack: an exception's message can quote what the person typed.
        stack = "".join(traceback.format_tb(error.__traceback__)) if error else ""
        log.error("update %s failed: %s\n%s", where, type(error).__name__, stack)
        UPDATES.labels("failed").inc()
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        key = K.send_failed if isinstance(error, SendFailed) else K.error
        # Nothing to retire and no one to record: an apology only (keep_prompt, no prompt).
        user = update.effective_user
        language = self.coach.content.offered(
            primary_language(user.language_code if user else None)
        )
        apology = Said(0, language, (Reply(key),), keep_prompt=True)
        chat_id = update.effective_chat.id
        if (await self.sender.send(chat_id, apology)).outcome is not Outcome.SENT:
            return  # cannot reach them right now; the log line above is what matters
        if isinstance(error, SendFailed):
            try:
                again = await self.coach.handle(error.user_id, Event(EventKind.COMMAND, "again"))
                await self.coach.record(again, await self.sender.send(error.chat_id, again))
            except Exception as failure:
                log.error("asking again after a failed send failed: %s", described(failure))
