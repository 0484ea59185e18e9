"""Reading one webhook request: a capped body that must be one Telegram update.

Anything else is refused with a status and a short reason (never an echo of what was sent).
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import ClientDisconnect, Request
from telegram import Bot, Update

from bot.storage.inbox import Json, sender_of, without_names

MAX_BODY = 256 * 1024  # bytes; Telegram's updates are a few KiB


class Rejected(Exception):
    """The request cannot be taken: the HTTP status to answer and why."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


async def read_update(
    request: Request, bot: Bot, cap: int = MAX_BODY
) -> tuple[int, int | None, Json]:
    """The update id, its sender and the update with names removed, or Rejected."""
    raw = await _read(request, cap)
    try:
        body = json.loads(raw, parse_constant=_no_constant)
        # PostgreSQL keeps JSON as UTF-8: a lone surrogate ("\\ud800") could not be stored.
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):  # UnicodeError is a ValueError
        raise Rejected(400, "the body is not valid JSON") from None
    if not isinstance(body, dict):
        raise Rejected(400, "the body is not a JSON object")
    update_id = body.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool) or not 0 <= update_id < 2**63:
        raise Rejected(400, "update_id is missing or not a whole number")
    stored = without_names(body)
    try:
        Update.de_json(stored, bot)
    except Exception:
        raise Rejected(400, "the body is not a Telegram update") from None
    return update_id, sender_of(stored), stored


async def _read(request: Request, cap: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise Rejected(400, "Content-Length is not a number")
        if int(declared) > cap:
            raise Rejected(413, f"the body is over {cap} bytes")
    received = bytearray()
    try:
        async for chunk in request.stream():
            received += chunk
            if len(received) > cap:  # a chunked body, or one longer than it said
                raise Rejected(413, f"the body is over {cap} bytes")
    except ClientDisconnect:
        raise Rejected(400, "the client went away mid-body") from None
    return bytes(received)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")
