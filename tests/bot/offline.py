"""An offline Bot API for in-process handler tests: python-telegram-bot's own test suite swaps its
network edge for a fake `BaseRequest` in the same way. Every request is recorded; the answers are
Telegram-shaped, so the real PTB stack (Bot, Application, handlers) runs unchanged on top of it.
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

TOKEN = "123456:OFFLINE"
BOT = {"id": 123456, "is_bot": True, "first_name": "backcoach", "username": "backcoach_bot"}


@dataclass
class Call:
    method: str
    params: dict[str, Any]


@dataclass
class OfflineBotApi(BaseRequest):
    """Answers Bot API calls from memory; `fail` makes the next call of a method fail."""

    calls: list[Call] = field(default_factory=list)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    failures: dict[str, list[tuple[int, str, dict[str, Any]]]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    def fail(self, method: str, code: int, description: str, **parameters: Any) -> None:
        """Makes the next call of `method` fail as Telegram would."""
        self.failures.setdefault(method, []).append((code, description, parameters))

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.json_parameters) if request_data else {}
        params = {k: _decode(v) for k, v in params.items()}
        self.calls.append(Call(name, params))
        if self.failures.get(name):
            code, description, parameters = self.failures[name].pop(0)
            body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
            if parameters:
                body["parameters"] = parameters
            return code, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": self._answer(name, params)}).encode()

    def _answer(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getMe":
            return BOT
        if name == "sendMessage":
            chat_id = int(params["chat_id"])
            message = {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT,
                "text": params["text"],
            }
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            self.messages[(chat_id, message["message_id"])] = message
            return message
        if name in ("editMessageText", "editMessageReplyMarkup"):
            key = (int(params["chat_id"]), int(params["message_id"]))
            message = self.messages[key]
            if "text" in params:
                message["text"] = params["text"]
            message.pop("reply_markup", None)
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            return message
        return True

    # -- reading what happened

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """Parameters of every call of `method`, in order."""
        return [c.params for c in self.calls if c.method == method]

    def clear(self) -> None:
        self.calls.clear()


def _decode(value: str) -> Any:
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


class People:
    """Builds Telegram-shaped updates from a person, with growing update ids."""

    def __init__(self) -> None:
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(10_000)
        self._query_ids = itertools.count(1)

    def message(
        self,
        user_id: int,
        text: str | None = None,
        *,
        chat_type: str = "private",
        chat_id: int | None = None,
        language_code: str | None = "en",
        extra: dict[str, Any] | None = None,
        kind: str = "message",
    ) -> dict[str, Any]:
        person: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Ann"}
        if language_code:
            person["language_code"] = language_code
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id or user_id, "type": chat_type},
            "from": person,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                length = len(text.split()[0])
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        message.update(extra or {})
        return {"update_id": next(self._update_ids), kind: message}

    def press(self, user_id: int, message: dict[str, Any], data: str) -> dict[str, Any]:
        person = {"id": user_id, "is_bot": False, "first_name": "Ann"}
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": str(next(self._query_ids)),
                "from": person,
                "chat_instance": "1",
                "message": message,
                "data": data,
            },
        }

    def member(self, user_id: int, old: str, new: str) -> dict[str, Any]:
        person = {"id": user_id, "is_bot": False, "first_name": "Ann"}
        return {
            "update_id": next(self._update_ids),
            "my_chat_member": {
                "chat": {"id": user_id, "type": "private"},
                "from": person,
                "date": int(time.time()),
                "old_chat_member": {"user": BOT, "status": old},
                "new_chat_member": {"user": BOT, "status": new, "until_date": 0},
            },
        }


def as_update(data: dict[str, Any], bot: Any) -> Update:
    return Update.de_json(data, bot)
