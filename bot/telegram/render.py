"""Replies as Telegram messages: escaped HTML text, inline keyboards, short callback data."""

from __future__ import annotations

import html
import re
from typing import Any

from bot.render import label_of, scale_hint, text_of
from flows.content import Content
from flows.model import Reply

Markup = dict[str, Any]  # {"inline_keyboard": [[{"text": …, "callback_data": …}, …], …]}
LIMIT = 4000  # Telegram allows 4096 characters per message; leave room for the edit suffix
CALLBACK = re.compile(r"^a\|(\d{1,9})\|([^|]{1,54})$")
SHORT_LABEL = 14  # labels up to this length share a row, three to a row


def callback_data(step: int | None, value: str) -> str:
    """The short, namespaced callback data of an answer button: "a|<step>|<value>"."""
    data = f"a|{step or 0}|{value}"
    if len(data.encode()) > 64:
        raise ValueError(f"callback data too long for Telegram: {len(data.encode())} bytes")
    return data


def parse_callback(data: str | None) -> tuple[int, str] | None:
    """Reads callback data back into (step, value); None for anything malformed or forged."""
    match = CALLBACK.match(data or "")
    return (int(match.group(1)), match.group(2)) if match else None


def message_html(content: Content, language: str, reply: Reply) -> str:
    """The message body as HTML; catalogue text and parameters are escaped alike."""
    body = html.escape(text_of(content, language, reply), quote=False)
    if reply.scale is not None:
        body += f"\n<i>{html.escape(scale_hint(content, language, reply), quote=False)}</i>"
    return body


def keyboard(content: Content, language: str, reply: Reply) -> Markup | None:
    """Inline buttons for a question, as Bot API JSON: 0–10 in two rows, or the choices."""
    if reply.scale is not None:
        lo, hi = reply.scale.lo, reply.scale.hi
        middle = (lo + hi) // 2 + 1  # 0–5 on the first row, 6–10 on the second
        rows = [range(lo, middle), range(middle, hi + 1)]
        return {
            "inline_keyboard": [
                [_button(str(n), callback_data(reply.step, str(n))) for n in row] for row in rows
            ]
        }
    if not reply.choices:
        return None
    buttons = [
        _button(label_of(content, language, c), callback_data(reply.step, c.value))
        for c in reply.choices
    ]
    per_row = 3 if all(len(b["text"]) <= SHORT_LABEL for b in buttons) else 1
    return {"inline_keyboard": [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]}


def _button(text: str, data: str) -> dict[str, str]:
    return {"text": text, "callback_data": data}


def split(text: str, limit: int = LIMIT) -> list[str]:
    """Cuts a long text into parts below Telegram's limit, at paragraph or line breaks."""
    parts: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n\n", 0, limit)
        if cut <= 0:
            cut = text.rfind("\n", 0, limit)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    parts.append(text)
    return parts
