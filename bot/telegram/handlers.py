"""The conversation handlers: a command, a button press, a message or an edit becomes one event.

Every text the person sends is screened (DESIGN §5): a caption and the new words of an edited
message reach the coach as answers marked with their origin, and the coach decides what they mean.
One way: the coach's turn commits, the sender sends and reports, the coach records the report.
Handlers never call the Bot API themselves. In webhook mode (`inbox`) the turn keeps its replies on
the update's inbox row until the report says Telegram took them: a reply that could not be sent is
tried again by the inbox worker, and an update taken up again after a crash sends what was kept.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Collection

from telegram import Message, MessageEntity, Update
from telegram.ext import ContextTypes

from bot.coach import Coach
from bot.metrics import UPDATES
from bot.said import Outcome, Said
from bot.storage.inbox import CLAIM
from bot.telegram.render import parse_callback
from bot.telegram.sender import Sender, SendFailed
from flows.model import LANGUAGE_HINT, Event, EventKind, Origin

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE


def external_id(user_id: int) -> str:
    """How a Telegram user is known in storage (no name, no username)."""
    return f"tg:{user_id}"


def command_name(message: Message) -> str:
    """The command Telegram marked at the start of the message ("/help, please" is /help)."""
    text = message.text or ""
    length = next(
        (
            e.length
            for e in message.entities
            if e.type == MessageEntity.BOT_COMMAND and e.offset == 0
        ),
        len(text.split()[0]) if text.split() else 1,
    )
    return text[1:length].split("@", 1)[0].lower()


def answer_of(message: Message) -> Event:
    """The answer a new message carries: its text, else its caption (screened, never taken as an
    answer), else nothing (a sticker or a bare photo: the question is asked again, kindly)."""
    if message.caption:  # a message has a caption or a text, never both
        return Event(EventKind.ANSWER, value=message.caption, origin=Origin.CAPTION)
    if message.text is None:
        return Event(EventKind.ANSWER, origin=Origin.WORDLESS)
    return Event(EventKind.ANSWER, value=message.text)


def edit_of(message: Message) -> Event:
    """The event of an edited message: its new text or caption, to be screened. An edited
    "/help" is words like any other, never a command run again."""
    return Event(EventKind.ANSWER, value=message.text or message.caption or "", origin=Origin.EDIT)


class ConversationHandlers:
    """Handlers bound to one coach and one sender; `inbox` when updates come from the webhook's
    inbox (backcoach serve)."""

    def __init__(self, coach: Coach, sender: Sender, *, inbox: bool = False) -> None:
        self.coach = coach
        self.sender = sender
        self.inbox = inbox

    async def _run(self, update: Update, event: Event) -> Said | None:
        user = update.effective_user
        chat = update.effective_chat
        if user is None or chat is None:
            return None
        if user.language_code:  # the app's language: a new person is set up in it (DESIGN §10)
            payload = {**event.payload, LANGUAGE_HINT: user.language_code}
            event = dataclasses.replace(event, payload=payload)
        # One transaction: the person (created on first contact), the update id, the turn.
        said = await self.coach.handle_external(
            external_id(user.id),
            chat.id,
            event,
            update_id=update.update_id,
            inbox=self.inbox,
            claim=CLAIM.get() if self.inbox else None,
        )
        UPDATES.labels("duplicate" if said.duplicate else "handled").inc()
        return said

    async def _deliver(
        self, update: Update, chat_id: int, said: Said, retired: Collection[int] = ()
    ) -> None:
        """Sends the turn's replies and records what became of them. Replies that could not be
        sent raise SendFailed: the error handler apologises and asks the open question again —
        unless they wait in the inbox, to be sent again after a backoff."""
        delivery = await self.sender.send(chat_id, said, retired=retired)
        kept = update.update_id if self.inbox and said.replies else None
        await self.coach.record(said, delivery, inbox=kept)
        if delivery.outcome is Outcome.FAILED and not said.deleted and kept is None:
            raise SendFailed(said.user_id, chat_id)

    async def command(self, update: Update, context: Context) -> None:
        """Runs a /command; words typed after it are screened (a deep-link payload after /start
        is accepted and otherwise ignored)."""
        message = update.effective_message
        if message is None or not message.text:
            return
        name = command_name(message)
        words = message.text.split(maxsplit=1)[1] if len(message.text.split()) > 1 else ""
        said = await self._run(update, Event(EventKind.COMMAND, name=name, value=words))
        if said is not None and not said.duplicate:
            await self._deliver(update, message.chat_id, said)

    async def text(self, update: Update, context: Context) -> None:
        """Takes typed text as the answer to the question in front of the person."""
        message = update.effective_message
        if message is None:
            return
        said = await self._run(update, answer_of(message))
        if said is not None and not said.duplicate:
            await self._deliver(update, message.chat_id, said)

    async def other(self, update: Update, context: Context) -> None:
        """A photo's, video's or document's caption is screened; a sticker, a bare photo or
        anything without words gets a kind re-ask of the pending question."""
        await self.text(update, context)

    async def edited(self, update: Update, context: Context) -> None:
        """Screens the new words of an edited message; sends only what the coach says (a calm
        edit: nothing)."""
        message = update.effective_message  # the edited message, as PTB sets it
        if message is None:
            return
        said = await self._run(update, edit_of(message))
        # An empty send would still retire the live question's buttons: nothing happened.
        if said is not None and not said.duplicate and said.replies:
            await self._deliver(update, message.chat_id, said)

    async def button(self, update: Update, context: Context) -> None:
        """Answers a button press: the question is edited to show the choice; the coach replies."""
        query = update.callback_query
        if query is None:
            return
        parsed = parse_callback(query.data)
        await self.sender.answer_press(query.id)
        if parsed is None or query.message is None or not isinstance(query.message, Message):
            return  # forged, malformed, or from a message we can no longer see: ignored safely
        step, value = parsed
        said = await self._run(update, Event(EventKind.ANSWER, value=value, step=step))
        if said is None or said.duplicate:
            return
        question = query.message
        await self.sender.show_choice(question, query.data or "", stale=said.stale)
        await self._deliver(update, question.chat_id, said, retired={question.message_id})
