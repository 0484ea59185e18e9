"""Who the bot talks to: private chats only; blocking and unblocking are remembered."""

from __future__ import annotations

import logging

from telegram import ChatMemberUpdated, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.coach import Coach
from bot.telegram.handlers import external_id

log = logging.getLogger(__name__)


async def private_only(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Leaves any group, supergroup or channel and stops the update there, storing nothing."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    if chat.type != ChatType.CHANNEL or update.my_chat_member is not None:
        try:
            await context.bot.leave_chat(chat.id)
        except TelegramError:
            log.info("could not leave a non-private chat")
    raise ApplicationHandlerStop


class MembershipHandlers:
    """Handles the person blocking or unblocking the bot."""

    def __init__(self, coach: Coach) -> None:
        self.coach = coach

    async def changed(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Marks the person blocked when they block the bot, and unblocked when they return."""
        change: ChatMemberUpdated | None = update.my_chat_member
        if change is None:
            return
        status = change.new_chat_member.status
        blocked = status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)
        person = await self.coach.known_user(external_id(change.from_user.id))
        if person is not None:  # someone we never coached: nothing to remember
            await self.coach.set_blocked(person, blocked)
