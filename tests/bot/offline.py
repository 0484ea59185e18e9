"""An offline Bot API for in-process handler tests: python-telegram-bot's own test suite swaps its
network edge for a fake `BaseRequest` in the same way. Every request is recorded; the answers are
Telegram-shaped, so the real PTB stack (Bot, Application, handlers) runs unchanged on top of it.

Honest where it matters to the bot: HTML is parsed as Telegram parses it (plain text + entities
with UTF-16 offsets; a stray "<" or an unknown tag is a 400), texts over 4096 characters, callback
data over 64 bytes, edits of unknown messages and edits that change nothing are refused with
Telegram's own descriptions.
"""

from __future__ import annotations

import asyncio
import copy
import html
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

TOKEN = "123456:OFFLINE"
BOT = {"id": 123456, "is_bot": True, "first_name": "backcoach", "username": "backcoach_bot"}
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    result: Any = None  # what Telegram answered (None for a failed call)
    at: float = field(default_factory=time.monotonic)  # when the request arrived
    files: dict[str, Upload] = field(default_factory=dict)  # multipart uploads by part name


@dataclass(frozen=True)
class Upload:
    """One file uploaded as multipart/form-data, as python-telegram-bot hands it over."""

    filename: str
    content: bytes
    mime_type: str


class ApiError(Exception):
    """A Telegram error answer: HTTP status and description."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


@dataclass
class OfflineBotApi(BaseRequest):
    """Answers Bot API calls from memory; `fail` makes the next call of a method fail."""

    calls: list[Call] = field(default_factory=list)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    failures: dict[str, list[tuple[int, str, dict[str, Any]]]] = field(default_factory=dict)
    gates: dict[str, asyncio.Event] = field(default_factory=dict)
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

    def hold(self, method: str) -> asyncio.Event:
        """Holds every call of `method` (recorded on arrival) until the returned event is set."""
        gate = self.gates[method] = asyncio.Event()
        return gate

    async def do_request(  # type: ignore[override]  # timeouts mean nothing offline
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.json_parameters) if request_data else {}
        params = {k: _decode(v) for k, v in params.items()}
        files = request_data.multipart_data if request_data else {}
        for key, (_, data, _) in files.items():  # an uploaded file (a chart), by its size
            params[key] = f"<{len(data) if isinstance(data, bytes) else '?'} bytes>"
        call = Call(name, params, files=_uploads(request_data))
        self.calls.append(call)
        gate = self.gates.get(name)
        if gate is not None:
            await gate.wait()
        if self.failures.get(name):
            code, description, parameters = self.failures[name].pop(0)
            return code, _error(code, description, parameters)
        try:
            call.result = self._answer(name, params)
        except ApiError as error:
            return error.code, _error(error.code, error.description, {})
        return 200, json.dumps({"ok": True, "result": call.result}).encode()

    def _answer(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getMe":
            return BOT
        if name == "sendMessage":
            chat_id = int(params["chat_id"])
            message: dict[str, Any] = {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT,
                **_text(params),
            }
            if params.get("reply_markup"):
                message["reply_markup"] = _markup(params["reply_markup"])
            self.messages[(chat_id, message["message_id"])] = message
            return copy.deepcopy(message)
        if name == "sendPhoto":
            chat_id = int(params["chat_id"])
            photo: dict[str, Any] = {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT,
                "photo": [
                    {"file_id": "AgAC", "file_unique_id": "AQAD", "width": 640, "height": 480}
                ],
            }
            if params.get("caption"):
                caption = _text({**params, "text": params["caption"]})
                if len(caption["text"]) > MAX_CAPTION:
                    raise ApiError(400, "Bad Request: message caption is too long")
                photo["caption"] = caption["text"]
                if caption.get("entities"):
                    photo["caption_entities"] = caption["entities"]
            self.messages[(chat_id, photo["message_id"])] = photo
            return copy.deepcopy(photo)
        if name == "sendDocument":
            return self._document(params, self.calls[-1].files)
        if name in ("editMessageText", "editMessageReplyMarkup"):
            key = (int(params["chat_id"]), int(params["message_id"]))
            if key not in self.messages:
                raise ApiError(400, "Bad Request: message to edit not found")
            old = self.messages[key]
            new = {k: v for k, v in old.items() if k not in ("reply_markup", "edit_date")}
            if name == "editMessageText":
                new.pop("entities", None)
                new.update(_text(params))
            if params.get("reply_markup") and params["reply_markup"].get("inline_keyboard"):
                new["reply_markup"] = _markup(params["reply_markup"])
            if _same(old, new):
                raise ApiError(400, NOT_MODIFIED)
            new["edit_date"] = int(time.time())
            self.messages[key] = new
            return copy.deepcopy(new)
        return True

    def _document(self, params: dict[str, Any], files: dict[str, Upload]) -> dict[str, Any]:
        """sendDocument with an uploaded file (multipart part "document") → a Message."""
        upload = files.get("document")
        if upload is None:
            raise ApiError(400, "Bad Request: there is no document in the request")
        if not upload.content:
            raise ApiError(400, "Bad Request: file must be non-empty")
        chat_id = int(params["chat_id"])
        message_id = next(self._ids)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT,
            "document": {
                "file_id": f"document-{message_id}",
                "file_unique_id": f"d{message_id}",
                "file_name": upload.filename,
                "mime_type": upload.mime_type,
                "file_size": len(upload.content),
            },
        }
        if params.get("caption"):
            message["caption"] = _text({**params, "text": params["caption"]})["text"]
        self.messages[(chat_id, message_id)] = message
        return copy.deepcopy(message)

    # -- reading what happened

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """Parameters of every call of `method`, in order."""
        return [c.params for c in self.calls if c.method == method]

    def delivered(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Every message Telegram accepted from sendMessage, as returned (plain text + entities)."""
        return [
            c.result
            for c in self.calls
            if c.method == "sendMessage"
            and c.result is not None
            and (chat_id is None or c.result["chat"]["id"] == chat_id)
        ]

    def texts(self, chat_id: int | None = None) -> list[str]:
        """The plain text of every delivered message, in order."""
        return [m["text"] for m in self.delivered(chat_id)]

    def documents(self, chat_id: int | None = None) -> list[Upload]:
        """Every file Telegram accepted from sendDocument, in order."""
        return [
            c.files["document"]
            for c in self.calls
            if c.method == "sendDocument"
            and c.result is not None
            and (chat_id is None or c.result["chat"]["id"] == chat_id)
        ]

    def methods(self) -> list[str]:
        return [c.method for c in self.calls]

    def clear(self) -> None:
        self.calls.clear()


def _error(code: int, description: str, parameters: dict[str, Any]) -> bytes:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return json.dumps(body).encode()


def _uploads(request_data: RequestData | None) -> dict[str, Upload]:
    """The files of a multipart request (file handles read), by part name."""
    if request_data is None or not request_data.contains_files:
        return {}
    found = {}
    for part, (filename, content, mime_type) in request_data.multipart_data.items():
        data = content if isinstance(content, bytes) else content.read()
        found[part] = Upload(filename, data, mime_type)
    return found


def _decode(value: str) -> Any:
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


def _same(old: dict[str, Any], new: dict[str, Any]) -> bool:
    keys = ("text", "entities", "reply_markup")
    return all(old.get(k) == new.get(k) for k in keys)


def _markup(markup: dict[str, Any]) -> dict[str, Any]:
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


def _text(params: dict[str, Any]) -> dict[str, Any]:
    """The message's text and entities, parsed as Telegram parses `parse_mode`."""
    source = str(params.get("text", ""))
    mode = str(params.get("parse_mode") or "").upper()
    text, entities = parse_html(source) if mode == "HTML" else (source, [])
    if not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if len(text) > MAX_TEXT:
        raise ApiError(400, "Bad Request: message is too long")
    return {"text": text, "entities": entities} if entities else {"text": text}


# -- Telegram's HTML: a handful of tags, four named entities, every numeric one

TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*)?)>")
ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")
KINDS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and entities (UTF-16 offsets) of an HTML-formatted text, or a 400."""
    out: list[str] = []
    entities: list[dict[str, Any]] = []
    open_tags: list[tuple[str, int, dict[str, Any]]] = []
    i = 0
    while i < len(source):
        char = source[i]
        if char == "<":
            tag = TAG.match(source, i)
            if tag is None or tag.group(2).lower() not in KINDS:
                where = len(source[:i].encode())
                name = tag.group(2) if tag else source[i + 1 : i + 2]
                raise ApiError(
                    400,
                    f'Bad Request: can\'t parse entities: Unsupported start tag "{name}" '
                    f"at byte offset {where}",
                )
            closing, name = tag.group(1) == "/", tag.group(2).lower()
            offset = _utf16("".join(out))
            if not closing:
                extra: dict[str, Any] = {}
                if name == "a":
                    href = re.search(r'href="([^"]*)"', tag.group(3))
                    extra["url"] = html.unescape(href.group(1)) if href else ""
                open_tags.append((name, offset, extra))
            else:
                if not open_tags or open_tags[-1][0] != name:
                    raise ApiError(
                        400,
                        f"Bad Request: can't parse entities: Unmatched end tag at byte offset "
                        f'{len(source[:i].encode())}, expected "</{open_tags[-1][0]}>", '
                        f'found "</{name}>"'
                        if open_tags
                        else "Bad Request: can't parse entities: Unexpected end tag",
                    )
                _, start, extra = open_tags.pop()
                if offset > start:
                    entities.append(
                        {"type": KINDS[name], "offset": start, "length": offset - start, **extra}
                    )
            i = tag.end()
        elif char == "&" and (entity := ENTITY.match(source, i)):
            out.append(html.unescape(entity.group(0)))
            i = entity.end()
        else:
            out.append(char)
            i += 1
    if open_tags:
        raise ApiError(
            400,
            f"Bad Request: can't parse entities: Can't find end tag corresponding to start "
            f'tag "{open_tags[-1][0]}"',
        )
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


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
        chat: dict[str, Any] = {"id": chat_id or user_id, "type": chat_type}
        if chat_type != "private":
            chat["title"] = "Back pain club"
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": person,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                length = len(text.split()[0])
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        if kind == "edited_message":
            message["edit_date"] = message["date"]
        message.update(extra or {})
        return {"update_id": next(self._update_ids), kind: message}

    def press(self, user_id: int, message: dict[str, Any], data: str) -> dict[str, Any]:
        """A press of a button with `data` on `message` (a message as the Bot API returned it)."""
        person = {"id": user_id, "is_bot": False, "first_name": "Ann"}
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": str(next(self._query_ids)),
                "from": person,
                "chat_instance": "1",
                "message": copy.deepcopy(message),
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
                "old_chat_member": _member(old),
                "new_chat_member": _member(new),
            },
        }


def _member(status: str) -> dict[str, Any]:
    """A ChatMember of the bot with the fields Telegram sends for that status."""
    if status == "kicked":
        return {"user": BOT, "status": status, "until_date": 0}
    return {"user": BOT, "status": status}


def as_update(data: dict[str, Any], bot: Any) -> Update:
    return Update.de_json(data, bot)
