"""What one turn wants sent (`Said`), and what became of sending it (`Delivery`).

Replies flow one way (DESIGN §2, §7): a turn commits and returns a Said holding everything a send
needs, the data of any attachment included (read in the turn's own transaction); a sender turns
it into messages and reports a Delivery, touching no database; whoever called the sender records
the Delivery in one small unit of work (`Coach.record`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from flows.model import Reply


@dataclass(frozen=True)
class Said:
    """What one turn wants sent: the replies and the language to render them in.

    `stale` is set when the event answered a question that had already passed (an old button).
    `duplicate` is set when the update had been handled before, or repeats the button press just
    taken as an answer (a double tap; see `_Turn.press`): nothing changed, nothing to send.
    `prompt_message_id` is the message that held the live buttons when the turn began.
    `deleted` is set when no person stands behind the turn: it erased them (the replies are a
    goodbye), or a button was pressed by someone without an account (the replies say how to begin
    again; `user_id` is 0). Nothing more may be written for this user id.
    `keep_prompt` is set when the question with the live buttons is still open after the turn (a
    note came, or it was set aside for another): its buttons stay (DESIGN §3).
    `attachments` holds, per attachment a reply names (e.g. "export"), the data it is made from,
    read in the turn's transaction.
    """

    user_id: int
    language: str
    replies: tuple[Reply, ...]
    stale: bool = False
    duplicate: bool = False
    prompt_message_id: int | None = None
    deleted: bool = False
    keep_prompt: bool = False
    attachments: Mapping[str, Any] = field(default_factory=dict)


class Outcome(StrEnum):
    SENT = "sent"  # Telegram accepted every message
    BLOCKED = "blocked"  # the person blocked the bot (403): nothing more is sent to them
    FAILED = "failed"  # Telegram kept refusing or could not be reached, after retries


@dataclass(frozen=True)
class Delivery:
    """What became of a Said: sent (with the message now carrying the live buttons), blocked or
    failed. `prompt` is meaningful only when sent."""

    outcome: Outcome
    prompt: int | None = None

    @classmethod
    def sent(cls, prompt: int | None) -> Delivery:
        return cls(Outcome.SENT, prompt)

    @classmethod
    def blocked(cls) -> Delivery:
        return cls(Outcome.BLOCKED)

    @classmethod
    def failed(cls) -> Delivery:
        return cls(Outcome.FAILED)
