"""A fake Telegram Bot API: a real HTTP server on 127.0.0.1 that answers in Telegram's own shapes.

PTB sends parameters form-encoded (strings as is, everything else JSON-encoded: chat_id "1001",
reply_markup '{"inline_keyboard": ...}'), or multipart/form-data when it uploads files.

Webhook mode: setWebhook is recorded (`webhook`: url, secret_token, allowed_updates) and shown by
getWebhookInfo; while it is set getUpdates answers 409, as Telegram does. The fake does not push
updates itself: a test takes them (`take_updates`) and posts them to the bot's webhook, so it
decides when each one arrives. Unlike Telegram it accepts http:// and any port (a local server).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import email.parser
import email.policy
import itertools
import json
import re
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlsplit

Json = dict[str, Any]
Match = str | Callable[[Json], bool]
STR_FIELDS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "action",
        "language_code",
        "inline_message_id",
        "description",
        "short_description",
        "name",
        "business_connection_id",
        "secret_token",
    }
)
HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
BLOCKED = "Forbidden: bot was blocked by the user"
TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
DEFAULT_ERRORS = {400: NOT_MODIFIED, 403: BLOCKED, 500: "Internal Server Error", 502: "Bad Gateway"}
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?")


def _file(name: str, **fields: Any) -> Json:
    return {"file_id": name, "file_unique_id": f"{name}u", **fields}


_VIDEO = {"width": 640, "height": 360, "duration": 3}
_DOCUMENT = _file("document-1", file_name="scan.pdf", mime_type="application/pdf")
# The media part of a user's message, by kind, in the Bot API's shapes (an animation also comes
# as a document, for old clients).
MEDIA: dict[str, Json] = {
    "photo": {
        "photo": [
            {"file_id": f"p{w}", "file_unique_id": f"pu{w}", "width": w, "height": w}
            for w in (90, 320)
        ]
    },
    "video": {"video": _file("video-1", **_VIDEO)},
    "document": {"document": _DOCUMENT},
    "animation": {"animation": _file("animation-1", **_VIDEO), "document": _DOCUMENT},
    "audio": {"audio": _file("audio-1", duration=60)},
    "voice": {"voice": _file("voice-1", duration=4, mime_type="audio/ogg")},
}


class _Dropped(Exception):
    """A held request that is lost (FakeBotApi.drop): it is never answered nor takes effect."""


class ApiError(Exception):
    """A Telegram error answer: HTTP status, description and optional retry_after."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.payload: Json = {"ok": False, "error_code": code, "description": description}
        if retry_after is not None:
            self.payload["parameters"] = {"retry_after": retry_after}
        self.code = code


class Call(NamedTuple):
    """One request the server received (files appear in params as "<N bytes>")."""

    method: str
    params: Json
    chat_id: int | str | None
    at: float


@dataclass
class _Failure:
    method: str
    code: int
    description: str
    retry_after: int | None
    chat_id: int | str | None
    times: int


class _Html(HTMLParser):
    """Telegram's HTML parse mode: allowed tags only, balanced; collects the plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HTML_TAGS:
            self.error = self.error or f'Unsupported start tag "{tag}"'
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.error = self.error or f'Unmatched end tag "{tag}"'

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def _plain(text: str, parse_mode: str | None) -> str:
    """The text a user sees, or 400 "can't parse entities" like Telegram."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        if bad := re.search(r"<(?![a-zA-Z/])(\S*)", text):
            where = len(text[: bad.start()].encode())
            raise ApiError(
                400,
                "Bad Request: can't parse entities: "
                f'Unsupported start tag "{bad[1]}" at byte offset {where}',
            )
        parser = _Html()
        parser.feed(text)
        parser.close()
        if parser.stack and not parser.error:
            parser.error = f'Can\'t find end tag corresponding to start tag "{parser.stack[-1]}"'
        if parser.error:
            raise ApiError(400, f"Bad Request: can't parse entities: {parser.error}")
        return "".join(parser.out)
    if mode == "markdownv2":
        text = re.sub(r"(?<!\\)\[(.*?)(?<!\\)\]\((.*?)(?<!\\)\)", r"\1", text)
        out, escaped = [], False
        for i, ch in enumerate(text):
            if escaped or ch not in "\\_*~|`>#+-={}.!()[]":
                out.append(ch)
            elif ch in "#+-={}.!()[]" or (ch == ">" and i and text[i - 1] != "\n"):
                raise ApiError(
                    400,
                    f"Bad Request: can't parse entities: Character '{ch}' is reserved and "
                    "must be escaped with the preceding '\\'",
                )
            escaped = ch == "\\" and not escaped
        return "".join(out)
    return text


def _decode(name: str, value: Any) -> Any:
    """A parameter as Telegram reads it: JSON for everything but string-typed fields."""
    if name in STR_FIELDS or not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _parse(query: str, ctype: str, body: bytes) -> tuple[Json, dict[str, bytes]]:
    """Query string, form, JSON or multipart body → (params, files)."""
    raw: Json = dict(parse_qsl(query))
    files: dict[str, bytes] = {}
    if ctype.startswith("application/json") and body:
        raw.update(json.loads(body))
    elif ctype.startswith("application/x-www-form-urlencoded"):
        raw.update(parse_qsl(body.decode()))
    elif ctype.startswith("multipart/form-data"):
        head = f"Content-Type: {ctype}\r\n\r\n".encode()
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        for part in msg.iter_parts():
            name = str(part.get_param("name", header="content-disposition"))
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            if part.get_filename() is not None:
                files[name] = data
            else:
                raw[name] = data.decode()
    return {k: _decode(k, v) for k, v in raw.items()}, files


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 60
    wbufsize = -1  # one write per response (flushed by handle_one_request): no Nagle stalls
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() != "chunked":
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))
        chunks = []
        while size := int(self.rfile.readline().split(b";")[0], 16):
            chunks.append(self.rfile.read(size))
            self.rfile.readline()
        self.rfile.readline()
        return b"".join(chunks)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        ctype = self.headers.get("Content-Type", "")
        try:
            status, payload = self.server.api._dispatch(url.path, url.query, ctype, self._body())
        except _Dropped:
            self.close_connection = True  # no answer: the request never reached Telegram
            return
        data = json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up (a cancelled long poll)

    do_GET = do_POST


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    api: FakeBotApi

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.api._lock:
            self.api._connections.add(request)
        super().process_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], OSError):  # a connection cut by go_down is quiet
            super().handle_error(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.api._lock:
            self.api._connections.discard(request)
        super().shutdown_request(request)


class FakeBotApi:
    """The Bot API for one bot token, served on 127.0.0.1:<free port> from a background thread."""

    def __init__(
        self,
        token: str = "123456:TEST",
        max_per_second: int | None = None,
        max_per_chat_per_second: int | None = None,
    ) -> None:
        self.token = token
        self.max_per_second = max_per_second
        self.max_per_chat_per_second = max_per_chat_per_second
        head = token.split(":")[0]
        self.bot_user: Json = {
            "id": int(head) if head.isdigit() else 123456,
            "is_bot": True,
            "first_name": "backcoach",
            "username": "backcoach_bot",
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.calls: list[Call] = []
        self.my_commands: dict[tuple[str, str], list[Json]] = {}
        self.callback_answers: dict[str, Json] = {}
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._updates: list[Json] = []
        self._update_ids = itertools.count(1)
        self._chats: dict[int | str, Json] = {}
        self._next_mid: dict[int | str, int] = {}
        self._msgs: dict[int | str, dict[int, Json]] = {}
        self._users: dict[int, FakeUser] = {}
        self._queries: set[str] = set()
        self._query_ids = itertools.count(1)
        self._failures: list[_Failure] = []
        self._blocked: set[int | str] = set()
        self._sent: deque[tuple[float, int | str]] = deque()
        self._poll_gen = 0
        self._allowed: frozenset[str] | None = None  # None: Telegram's default set
        self.webhook: Json | None = None  # url, secret_token, allowed_updates once set
        self._holds: list[tuple[str, int | str | None, threading.Event]] = []
        self._held = 0
        self._dropped: set[int] = set()  # ids of the gates whose held requests are lost
        self._closed = False
        self._connections: set[socket.socket] = set()
        self._server, self._thread = self._serve(0)
        self.port: int = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/bot"

    def _serve(self, port: int) -> tuple[_Server, threading.Thread]:
        server = _Server(("127.0.0.1", port), _Handler)
        server.api = self
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        return server, thread

    def __enter__(self) -> FakeBotApi:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Wakes long pollers, stops the server and frees the port."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._stop_serving()

    def _stop_serving(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def go_down(self) -> None:
        """An outage, as when the network or Telegram is down: open connections are cut and new
        ones refused until `come_back`."""
        self._stop_serving()
        with self._lock:
            cut, self._connections = list(self._connections), set()
        for connection in cut:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def come_back(self) -> None:
        """Ends an outage: the server listens again on the same port."""
        self._server, self._thread = self._serve(self.port)

    # ----- test-side controls -----

    def user(
        self,
        user_id: int = 1001,
        first_name: str = "Ann",
        language_code: str | None = "en",
        username: str | None = None,
    ) -> FakeUser:
        """A person with a private chat with the bot (same object for the same id)."""
        with self._lock:
            if user_id not in self._users:
                self._users[user_id] = FakeUser(self, user_id, first_name, language_code, username)
            return self._users[user_id]

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str | None = None,
        retry_after: int | None = None,
        chat_id: int | str | None = None,
        times: int = 1,
    ) -> None:
        """Makes the next `times` calls of `method` ("*" = any) fail Telegram-style."""
        if error_code == 429:
            retry_after = retry_after or 1
            description = description or f"Too Many Requests: retry after {retry_after}"
        text = description or DEFAULT_ERRORS.get(error_code, "Bad Request")
        with self._lock:
            self._failures.append(_Failure(method, error_code, text, retry_after, chat_id, times))

    def queue_update(self, body: Json) -> Json:
        """Queues an update (e.g. {"message": {...}}) with the next update_id and wakes pollers."""
        with self._cond:
            update = {"update_id": next(self._update_ids), **body}
            self._updates.append(update)
            self._cond.notify_all()
            return update

    def take_updates(self) -> list[Json]:
        """Removes and returns the queued updates (of the kinds asked for), for a test to post to
        the webhook as Telegram would."""
        with self._cond:
            taken = self._deliverable()
            self._updates = []
            return copy.deepcopy(taken)

    def hold(self, method: str, chat_id: int | str | None = None) -> threading.Event:
        """Makes calls of `method` (to one chat, or any) wait until the returned event is set.

        A held request is answered, and takes effect, only after the release: like a request
        Telegram received just as its sender died.
        """
        gate = threading.Event()
        with self._lock:
            self._holds.append((method.lower(), chat_id, gate))
        return gate

    def drop(self, gate: threading.Event) -> None:
        """Ends a hold by losing what it held: each held request's connection is closed without
        an answer and nothing of it takes effect (a request that never reached Telegram)."""
        with self._lock:
            self._holds = [hold for hold in self._holds if hold[2] is not gate]
            self._dropped.add(id(gate))
        gate.set()

    def held(self) -> int:
        """How many requests are waiting on a hold right now."""
        with self._lock:
            return self._held

    def requests_of(self, method: str) -> list[Json]:
        """The params of every call of `method` so far."""
        with self._lock:
            return [c.params for c in self.calls if c.method.lower() == method.lower()]

    def pending_updates(self) -> list[Json]:
        """Updates not yet confirmed by a getUpdates offset."""
        with self._lock:
            return copy.deepcopy(self._updates)

    def commands(self, language_code: str = "", scope: Json | None = None) -> list[Json]:
        """The command list set for a scope and language."""
        return self.my_commands.get((json.dumps(scope or {"type": "default"}), language_code), [])

    # ----- internals -----

    def _dispatch(self, path: str, query: str, ctype: str, body: bytes) -> tuple[int, Json]:
        match = re.fullmatch(r"/bot([^/]+)/(\w+)", path)
        if not match:
            return 404, ApiError(404, "Not Found").payload
        if match[1] != self.token:
            return 401, ApiError(401, "Unauthorized").payload
        handler = getattr(self, f"_m_{match[2].lower()}", None)
        if handler is None:
            return 404, ApiError(404, "Not Found").payload
        try:
            params, files = _parse(query, ctype, body)
        except ValueError:
            return 400, ApiError(400, "Bad Request: can't parse request").payload
        logged = {**params, **{k: f"<{len(v)} bytes>" for k, v in files.items()}}
        chat_id = params.get("chat_id")
        with self._lock:
            self.calls.append(Call(match[2], logged, chat_id, time.monotonic()))
        self._wait_on_holds(match[2].lower(), chat_id)
        try:
            with self._cond:  # getUpdates' wait releases it
                self._gate(match[2].lower(), chat_id)
                return 200, {"ok": True, "result": handler(params, files)}
        except ApiError as err:
            return err.code, err.payload

    def _wait_on_holds(self, method: str, chat_id: int | str | None) -> None:
        with self._lock:
            gates = [g for m, c, g in self._holds if m == method and c in (None, chat_id)]
            self._held += len(gates)
        for gate in gates:
            gate.wait(60)
            with self._lock:
                self._held -= 1
                if id(gate) in self._dropped:
                    raise _Dropped

    def _gate(self, method: str, chat_id: int | str | None) -> None:
        with self._lock:
            for f in self._failures:
                if f.method.lower() in (method, "*") and f.chat_id in (None, chat_id):
                    f.times -= 1
                    if f.times <= 0:
                        self._failures.remove(f)
                    raise ApiError(f.code, f.description, f.retry_after)
            if chat_id is None or method == "getupdates":
                return
            if chat_id in self._blocked:
                raise ApiError(403, BLOCKED)
            now = time.monotonic()
            while self._sent and self._sent[0][0] <= now - 1:
                self._sent.popleft()
            per_chat = sum(1 for _, c in self._sent if c == chat_id)
            if (self.max_per_second is not None and len(self._sent) >= self.max_per_second) or (
                self.max_per_chat_per_second is not None
                and per_chat >= self.max_per_chat_per_second
            ):
                raise ApiError(429, "Too Many Requests: retry after 1", 1)
            self._sent.append((now, chat_id))

    def _chat(self, params: Json) -> int | str:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        if chat_id not in self._chats:
            raise ApiError(400, "Bad Request: chat not found")
        return chat_id  # type: ignore[no-any-return]

    def _add_chat(self, chat: Json) -> None:
        with self._lock:
            self._chats.setdefault(chat["id"], chat)
            self._msgs.setdefault(chat["id"], {})

    def _new_mid(self, chat_id: int | str) -> int:
        with self._lock:
            self._next_mid[chat_id] = self._next_mid.get(chat_id, 0) + 1
            return self._next_mid[chat_id]

    @staticmethod
    def _markup(value: Any) -> Json | None:
        markup = _decode("reply_markup", value)
        if markup is not None and not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        for row in (markup or {}).get("inline_keyboard", []):
            for button in row:
                if len(button.get("callback_data", "x").encode()) not in range(1, 65):
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if set(button) <= {"text"}:
                    raise ApiError(
                        400,
                        "Bad Request: can't parse inline keyboard button: "
                        "Text buttons are unallowed in the inline keyboard",
                    )
        return markup

    def _tg(self, rec: Json) -> Json:
        """A stored bot message as Telegram's Message object."""
        msg: Json = {
            "message_id": rec["message_id"],
            "from": self.bot_user,
            "chat": self._chats[rec["chat_id"]],
            "date": rec["date"],
        }
        if rec["edit_date"]:
            msg["edit_date"] = rec["edit_date"]
        if rec["text"] is not None:
            msg["text"] = rec["text"]
        if rec["photo_size"] is not None:
            uid = f"{rec['chat_id']}_{rec['message_id']}"
            msg["photo"] = [
                {
                    "file_id": f"photo-{uid}",
                    "file_unique_id": f"u{uid}",
                    "width": 640,
                    "height": 480,
                    "file_size": rec["photo_size"],
                }
            ]
        if rec["document_size"] is not None:
            uid = f"{rec['chat_id']}_{rec['message_id']}"
            msg["document"] = {
                "file_id": f"document-{uid}",
                "file_unique_id": f"d{uid}",
                "file_size": rec["document_size"],
            }
        if (rec["photo_size"] is not None or rec["document_size"] is not None) and rec["caption"]:
            msg["caption"] = rec["caption"]
        if rec["reply_markup"] and "inline_keyboard" in rec["reply_markup"]:
            msg["reply_markup"] = rec["reply_markup"]
        return copy.deepcopy(msg)

    def _store(self, chat_id: int | str, **fields: Any) -> Json:
        with self._cond:
            rec: Json = {
                "message_id": self._new_mid(chat_id),
                "chat_id": chat_id,
                "date": int(time.time()),
                "text": None,
                "raw_text": None,
                "parse_mode": None,
                "caption": None,
                "photo_size": None,
                "document_size": None,
                "reply_markup": None,
                "edited": False,
                "edit_date": None,
                "history": [],
                "deleted": False,
                **fields,
            }
            self._msgs[chat_id][rec["message_id"]] = rec
            self._cond.notify_all()
            return self._tg(rec)

    def _find(self, params: Json, missing: str) -> Json:
        rec = self._msgs[self._chat(params)].get(params.get("message_id"))  # type: ignore[arg-type]
        if rec is None or rec["deleted"]:
            raise ApiError(400, f"Bad Request: {missing}")
        return rec

    def _edit(self, rec: Json, **changes: Any) -> Json:
        with self._cond:
            keys = ("text", "raw_text", "caption", "reply_markup")
            rec["history"].append({k: rec[k] for k in keys})
            rec.update(changes, edited=True, edit_date=int(time.time()))
            self._cond.notify_all()
            return self._tg(rec)

    def bot_messages(self, chat_id: int | str) -> list[Json]:
        """The bot's messages to a chat in order, as plain dicts (deleted ones flagged)."""
        with self._lock:
            return copy.deepcopy(list(self._msgs.get(chat_id, {}).values()))

    # ----- Bot API methods (looked up case-insensitively, like Telegram) -----

    def _m_getme(self, p: Json, f: dict[str, bytes]) -> Json:
        return self.bot_user

    def _m_getupdates(self, p: Json, f: dict[str, bytes]) -> list[Json]:
        offset, limit = int(p.get("offset") or 0), int(p.get("limit") or 100)
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        deadline = time.monotonic() + float(p.get("timeout") or 0)
        with self._cond:
            self._poll_gen += 1
            gen = self._poll_gen
            self._cond.notify_all()
            if offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            elif offset < 0:
                self._updates = self._updates[offset:]
            if "allowed_updates" in p:  # remembered across calls; [] → back to the default
                self._allowed = frozenset(p["allowed_updates"]) or None
            while not self._deliverable() and not self._closed and time.monotonic() < deadline:
                self._cond.wait(deadline - time.monotonic())
                if gen != self._poll_gen:
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; "
                        "make sure that only one bot instance is running",
                    )
            return copy.deepcopy(self._updates[: max(1, min(limit, 100))])

    def _deliverable(self) -> list[Json]:
        """Drops queued updates of kinds the bot did not ask for, as Telegram does."""
        self._updates = [
            u
            for u in self._updates
            if (k := next(iter(set(u) - {"update_id"})))
            and (k in self._allowed if self._allowed else k not in NOT_BY_DEFAULT)
        ]
        return self._updates

    def _m_deletewebhook(self, p: Json, f: dict[str, bytes]) -> bool:
        with self._lock:
            self.webhook = None
            if p.get("drop_pending_updates"):
                self._updates.clear()
        return True

    def _m_setwebhook(self, p: Json, f: dict[str, bytes]) -> bool:
        url = str(p.get("url") or "")
        if not url:  # an empty URL removes the webhook
            return self._m_deletewebhook(p, f)
        if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", url):
            raise ApiError(
                400, "Bad Request: bad webhook: Failed to resolve host: Name or service not known"
            )
        secret = p.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        allowed = p.get("allowed_updates")
        if allowed is not None and not isinstance(allowed, list):
            raise ApiError(400, "Bad Request: can't parse allowed updates")
        with self._lock:
            if "allowed_updates" in p:
                self._allowed = frozenset(allowed or ()) or None
            if p.get("drop_pending_updates"):
                self._updates.clear()
            self.webhook = {"url": url, "secret_token": secret, "allowed_updates": allowed}
        return True

    def _m_getwebhookinfo(self, p: Json, f: dict[str, bytes]) -> Json:
        with self._lock:
            info: Json = {
                "url": self.webhook["url"] if self.webhook else "",
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }
            if self.webhook and self.webhook["allowed_updates"] is not None:
                info["allowed_updates"] = list(self.webhook["allowed_updates"])
            return info

    def _commands_key(self, p: Json) -> tuple[str, str]:
        return json.dumps(p.get("scope") or {"type": "default"}), p.get("language_code") or ""

    def _m_setmycommands(self, p: Json, f: dict[str, bytes]) -> bool:
        commands = p.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, 'Bad Request: parameter "commands" can\'t be parsed')
        for c in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", c.get("command", "")) or not (
                1 <= len(c.get("description", "")) <= 256
            ):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        with self._lock:
            self.my_commands[self._commands_key(p)] = commands
        return True

    def _m_getmycommands(self, p: Json, f: dict[str, bytes]) -> list[Json]:
        return self.my_commands.get(self._commands_key(p), [])

    def _m_deletemycommands(self, p: Json, f: dict[str, bytes]) -> bool:
        with self._lock:
            self.my_commands.pop(self._commands_key(p), None)
        return True

    def _m_sendmessage(self, p: Json, f: dict[str, bytes]) -> Json:
        chat_id, raw = self._chat(p), str(p.get("text") or "")
        text = _plain(raw, p.get("parse_mode"))
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        markup = self._markup(p.get("reply_markup"))
        return self._store(
            chat_id, text=text, raw_text=raw, parse_mode=p.get("parse_mode"), reply_markup=markup
        )

    def _m_sendphoto(self, p: Json, f: dict[str, bytes]) -> Json:
        return self._send_file(p, f, "photo")

    def _m_senddocument(self, p: Json, f: dict[str, bytes]) -> Json:
        return self._send_file(p, f, "document")

    def _send_file(self, p: Json, f: dict[str, bytes], kind: str) -> Json:
        """sendPhoto / sendDocument: the file (uploaded or attach://), a caption; stored by size."""
        chat_id, given = self._chat(p), p.get(kind)
        if isinstance(given, str) and given.startswith("attach://"):
            given = f.get(given.removeprefix("attach://"))
        data = f.get(kind, given)
        if not data:
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        caption = _plain(str(p.get("caption") or ""), p.get("parse_mode"))
        if len(caption) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        size = len(data) if isinstance(data, bytes) else 0
        return self._store(
            chat_id,
            caption=caption,
            reply_markup=self._markup(p.get("reply_markup")),
            **{f"{kind}_size": size},
        )

    def _m_editmessagetext(self, p: Json, f: dict[str, bytes]) -> Json:
        rec, raw = self._find(p, "message to edit not found"), str(p.get("text") or "")
        text = _plain(raw, p.get("parse_mode"))
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if rec["text"] is None:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        markup = self._markup(p.get("reply_markup"))  # omitted → the keyboard goes, as in Telegram
        if (raw, markup) == (rec["raw_text"], rec["reply_markup"]):
            raise ApiError(400, NOT_MODIFIED)
        return self._edit(rec, text=text, raw_text=raw, reply_markup=markup)

    def _m_editmessagereplymarkup(self, p: Json, f: dict[str, bytes]) -> Json:
        rec, markup = (
            self._find(p, "message to edit not found"),
            self._markup(p.get("reply_markup")),
        )
        if markup == rec["reply_markup"]:
            raise ApiError(400, NOT_MODIFIED)
        return self._edit(rec, reply_markup=markup)

    def _m_deletemessage(self, p: Json, f: dict[str, bytes]) -> bool:
        self._find(p, "message to delete not found")["deleted"] = True
        return True

    def _m_answercallbackquery(self, p: Json, f: dict[str, bytes]) -> bool:
        with self._lock:
            query_id = str(p.get("callback_query_id"))
            if query_id not in self._queries:
                raise ApiError(400, TOO_OLD)
            self._queries.discard(query_id)
            self.callback_answers[query_id] = p
        return True

    def _m_sendchataction(self, p: Json, f: dict[str, bytes]) -> bool:
        self._chat(p)
        return True

    def _m_leavechat(self, p: Json, f: dict[str, bytes]) -> bool:
        self._chat(p)
        return True

    def _ok(self, p: Json, f: dict[str, bytes]) -> bool:
        return True

    _m_close = _m_logout = _m_setmydescription = _m_setmyshortdescription = _ok
    _m_setmyname = _m_setchatmenubutton = _ok


class FakeUser:
    """A person talking to the bot in a private chat (chat id = user id)."""

    def __init__(
        self,
        api: FakeBotApi,
        user_id: int,
        first_name: str,
        language_code: str | None,
        username: str | None,
    ) -> None:
        self.api, self.id = api, user_id
        self.user: Json = {"id": user_id, "is_bot": False, "first_name": first_name}
        self.chat: Json = {"id": user_id, "type": "private", "first_name": first_name}
        if username:
            self.user["username"] = self.chat["username"] = username
        if language_code:
            self.user["language_code"] = language_code
        api._add_chat(self.chat)

    def _send(self, chat: Json, **fields: Any) -> Json:
        self.api._add_chat(chat)
        msg = {
            "message_id": self.api._new_mid(chat["id"]),
            "from": self.user,
            "chat": chat,
            "date": int(time.time()),
            **fields,
        }
        self.api.queue_update({"message": msg})
        return msg

    @staticmethod
    def _text_fields(text: str) -> Json:
        command = COMMAND.match(text)
        if not command:
            return {"text": text}
        entity = {"offset": 0, "length": len(command[0]), "type": "bot_command"}
        return {"text": text, "entities": [entity]}

    def send_text(self, text: str) -> Json:
        """Queues a text message (with a bot_command entity for "/cmd ...")."""
        return self._send(self.chat, **self._text_fields(text))

    def send_sticker(self) -> Json:
        """Queues a sticker message (no text)."""
        sticker = {
            "file_id": "sticker-1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return self._send(self.chat, sticker=sticker)

    def send_photo(self, caption: str | None = None) -> Json:
        """Queues a photo message (no text), with a caption if given."""
        return self.send_media("photo", caption)

    def send_media(self, kind: str, caption: str | None = None) -> Json:
        """Queues a photo, video, document, animation, audio or voice message, with a caption
        if given (Telegram sends captions without text)."""
        fields: Json = copy.deepcopy(MEDIA[kind])
        if caption is not None:
            fields["caption"] = caption
        return self._send(self.chat, **fields)

    def group_message(self, text: str, chat_id: int = -100123) -> Json:
        """Queues a message from this user in a group (supergroup for -100… ids)."""
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        chat = {"id": chat_id, "type": kind, "title": "Test group"}
        return self._send(chat, **self._text_fields(text))

    def edit(self, message_id: int, new_text: str) -> Json:
        """Queues an edited_message update for one of the user's messages."""
        return self._edited(message_id, **self._text_fields(new_text))

    def edit_caption(self, message_id: int, caption: str, kind: str = "photo") -> Json:
        """Queues an edited_message update for the new caption of one of the user's media."""
        return self._edited(message_id, **copy.deepcopy(MEDIA[kind]), caption=caption)

    def _edited(self, message_id: int, **fields: Any) -> Json:
        msg = {
            "message_id": message_id,
            "from": self.user,
            "chat": self.chat,
            "date": int(time.time()) - 1,
            "edit_date": int(time.time()),
            **fields,
        }
        self.api.queue_update({"edited_message": msg})
        return msg

    def press(
        self, message: Json | int, button_text: str | None = None, data: str | None = None
    ) -> Json:
        """Queues a callback_query for a button of a bot message (by visible text or data)."""
        mid = message if isinstance(message, int) else message["message_id"]
        with self.api._lock:
            rec = self.api._msgs[self.id].get(mid)
            assert rec and not rec["deleted"], f"no bot message {mid} in chat {self.id}"
            buttons = [
                b for row in (rec["reply_markup"] or {}).get("inline_keyboard", []) for b in row
            ]
            if data is None:
                found = [b for b in buttons if b["text"] == button_text] or [
                    b for b in buttons if button_text and button_text in b["text"]
                ]
                assert len(found) == 1, f"button {button_text!r} not in {buttons}"
                data = found[0].get("callback_data")
            elif not any(b.get("callback_data") == data for b in buttons):
                raise AssertionError(f"no button with data {data!r} in {buttons}")
            query_id = f"{self.id}{next(self.api._query_ids):06d}"
            self.api._queries.add(query_id)
            query = {
                "id": query_id,
                "from": self.user,
                "message": self.api._tg(rec),
                "chat_instance": f"ci{self.id}",
                "data": data,
            }
        self.api.queue_update({"callback_query": query})
        return query

    def _member_update(self, old: str, new: str) -> None:
        def member(status: str) -> Json:
            extra = {"until_date": 0} if status == "kicked" else {}
            return {"user": self.api.bot_user, "status": status, **extra}

        self.api.queue_update(
            {
                "my_chat_member": {
                    "chat": self.chat,
                    "from": self.user,
                    "date": int(time.time()),
                    "old_chat_member": member(old),
                    "new_chat_member": member(new),
                }
            }
        )

    def block(self) -> None:
        """The user blocks the bot: my_chat_member member→kicked, then sends get 403."""
        with self.api._lock:
            self.api._blocked.add(self.id)
        self._member_update("member", "kicked")

    def unblock(self) -> None:
        """The user unblocks the bot: my_chat_member kicked→member; sends work again."""
        with self.api._lock:
            self.api._blocked.discard(self.id)
        self._member_update("kicked", "member")

    def messages(self) -> list[Json]:
        """The bot's messages to this chat in order (text, reply_markup, edited, history…)."""
        return [m for m in self.api.bot_messages(self.id) if not m["deleted"]]

    def last_keyboard(self) -> list[list[Json]] | None:
        """The inline keyboard rows of the latest bot message that still has one."""
        for msg in reversed(self.messages()):
            if msg["reply_markup"] and "inline_keyboard" in msg["reply_markup"]:
                return msg["reply_markup"]["inline_keyboard"]  # type: ignore[no-any-return]
        return None

    def _match(self, match: Match, after: int) -> Json | None:
        for msg in self.messages():
            if msg["message_id"] <= after:
                continue
            shown = msg["text"] if msg["text"] is not None else msg["caption"] or ""
            if match(msg) if callable(match) else match in shown:
                return msg
        return None

    def _timeout(self, match: Match, timeout: float) -> AssertionError:
        last = [(m["message_id"], m["text"] or m["caption"]) for m in self.messages()[-5:]]
        return AssertionError(f"no bot message matching {match!r} in {timeout}s; last: {last}")

    def wait_for(self, match: Match, timeout: float = 10, after: int = 0) -> Json:
        """Blocks until a bot message (id > after) contains `match` or satisfies it."""
        deadline = time.monotonic() + timeout
        with self.api._cond:
            while (found := self._match(match, after)) is None:
                if time.monotonic() >= deadline:
                    raise self._timeout(match, timeout)
                self.api._cond.wait(min(0.2, deadline - time.monotonic()))
        return found

    async def await_for(self, match: Match, timeout: float = 10, after: int = 0) -> Json:
        """The async wait_for: polls with asyncio.sleep."""
        deadline = time.monotonic() + timeout
        while (found := self._match(match, after)) is None:
            if time.monotonic() >= deadline:
                raise self._timeout(match, timeout)
            await asyncio.sleep(0.02)
        return found
