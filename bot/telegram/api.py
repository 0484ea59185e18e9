"""The Bot API calls of every turn, posted as plain JSON through python-telegram-bot's public
`Bot.do_api_request`.

`Bot.send_message` and its kin turn each parameter into PTB objects and back, then parse the
answer into a `Message`; on a busy bot that was most of the CPU of an update (docs/PERFORMANCE.md),
and the coach needs nothing from the answer but the new message's id. These calls pass the
parameters as JSON-ready values and read the answer as a dict (`do_api_request` without a
`return_type`). They go through the Bot's own request object (its HTTP client, timeouts and
connection pool) and its error mapping, so a 403, a 429 with retry_after, "message is not
modified" or a timeout raise the same `TelegramError`s as `Bot` methods do. Photos and documents,
rare and carrying files, still go through `Bot`.
"""

from __future__ import annotations

import warnings
from typing import Any

from telegram import Bot
from telegram.constants import ParseMode
from telegram.warnings import PTBUserWarning

from bot.telegram.render import Markup

# do_api_request suggests Bot's own method for every endpoint Bot has: skipping that method's
# object layer is the point here.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.", category=PTBUserWarning)


async def post(bot: Bot, method: str, **parameters: object) -> Any:
    """Calls a Bot API method with JSON-ready parameters (None ones left out); returns the
    `result` of Telegram's answer as parsed JSON, or raises its TelegramError."""
    given = {name: value for name, value in parameters.items() if value is not None}
    return await bot.do_api_request(method, api_kwargs=given)


async def send_message(bot: Bot, chat_id: int, html: str, markup: Markup | None = None) -> int:
    """Sends an HTML message (with inline buttons, if given); returns its message id."""
    sent = await post(
        bot,
        "sendMessage",
        chat_id=chat_id,
        text=html,
        parse_mode=ParseMode.HTML.value,
        reply_markup=markup,
    )
    return int(sent["message_id"])


async def remove_buttons(bot: Bot, chat_id: int, message_id: int) -> None:
    """Takes the inline buttons off a message."""
    await post(bot, "editMessageReplyMarkup", chat_id=chat_id, message_id=message_id)


async def edit_text(bot: Bot, chat_id: int, message_id: int, html: str) -> None:
    """Replaces a message's text (HTML); its buttons go with the old text."""
    await post(
        bot,
        "editMessageText",
        chat_id=chat_id,
        message_id=message_id,
        text=html,
        parse_mode=ParseMode.HTML.value,
    )


async def answer_callback(bot: Bot, query_id: str) -> None:
    """Answers a button press, so the person's app stops showing it as loading."""
    await post(bot, "answerCallbackQuery", callback_query_id=query_id)
