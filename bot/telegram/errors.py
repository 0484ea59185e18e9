"""The one error handler: logs what failed without the token or anything the person said."""

from __future__ import annotations

import logging
import traceback

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.coach import Coach
from bot.render import fill
from flows.catalogue import keys

log = logging.getLogger(__name__)
K = keys("common", "error")


class ErrorHandler:
    """Logs first, then tells the person kindly; their data is untouched (the turn rolled back)."""

    def __init__(self, coach: Coach) -> None:
        self.coach = coach

    async def __call__(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        where = update.update_id if isinstance(update, Update) else None
        # Only the type and the stack: an exception's message can quote what the person typed.
        stack = "".join(traceback.format_tb(error.__traceback__)) if error else ""
        log.error("update %s failed: %s\n%s", where, type(error).__name__, stack)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        text = fill(self.coach.content.text("en", K.error), {})
        try:
            await context.bot.send_message(update.effective_chat.id, text)
        except TelegramError:
            pass  # cannot reach them right now; the log line above is what matters
