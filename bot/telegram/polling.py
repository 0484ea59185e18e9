"""Long polling's connection to Telegram: a failed poll is one log line saying when the next try
comes, and a token Telegram refuses stops the bot instead of leaving it running deaf.

python-telegram-bot 22 retries a failed getUpdates by itself (telegram.ext._utils.networkloop):
after an error it waits 1 s, then 1.5 times longer after each further error, up to 30 s; a success
or a timeout ends the waiting. It logs those retries only at DEBUG and hands each error to the
Application's error handlers, with no update. This request sees every poll's outcome, so it knows
the delay PTB is about to wait and can say so.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from telegram.error import InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.logs import described

__all__ = ["PollBackoff", "PollingRequest", "QuietRefusedToken", "reason"]

log = logging.getLogger(__name__)
NO_UPDATES = b'{"ok": true, "result": []}'
# A timeout as BaseRequest.do_request takes it: seconds, None, or BaseRequest.DEFAULT_NONE (PTB's
# own name for that type, ODVInput, is private).
Timeout = Any
PTB_NETWORK_LOOP = "telegram.ext"  # its retry loop logs a refused token with a traceback


class PollBackoff:
    """The delay PTB waits after each failed poll, mirrored (see the module's docstring)."""

    FIRST = 1.0
    FACTOR = 1.5
    LONGEST = 30.0

    def __init__(self) -> None:
        self.delay = 0.0

    def failed(self) -> float:
        """Records a failed poll; returns the delay before the next one."""
        self.delay = self.FIRST if self.delay == 0 else min(self.LONGEST, self.FACTOR * self.delay)
        return self.delay

    def told_to_wait(self, seconds: float) -> float:
        """Records Telegram's "retry after"; PTB waits that long and half a second more."""
        self.delay = seconds + 0.5
        return self.delay

    def succeeded(self) -> None:
        """A poll got an answer (or timed out, which PTB retries at once): no waiting."""
        self.delay = 0.0


def reason(error: TelegramError) -> str:
    """Why a request did not reach Telegram, in a word: the network error's class (ConnectError,
    ReadError, …), never its message (which could carry the URL, and the token in it)."""
    return type(error.__cause__ or error).__name__


def _retry_after(payload: bytes) -> float:
    try:
        return float(json.loads(payload)["parameters"]["retry_after"])
    except (ValueError, KeyError, TypeError):
        return 0.0


def _phrase(code: int) -> str:
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return ""


def _seconds(delay: float) -> str:
    return f"{round(delay, 1):g}"


class PollingRequest(HTTPXRequest):
    """The getUpdates connection (one, as PTB's default): logs each failed poll in one line at
    WARNING with the coming retry delay, its stack only at DEBUG; when Telegram refuses the
    token (401, or 404 for one that is malformed) calls `on_refused`, which stops the bot."""

    def __init__(self, on_refused: Callable[[], None] | None = None) -> None:
        super().__init__(connection_pool_size=1)
        self.backoff = PollBackoff()
        self.on_refused = on_refused

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Timeout = BaseRequest.DEFAULT_NONE,
        write_timeout: Timeout = BaseRequest.DEFAULT_NONE,
        connect_timeout: Timeout = BaseRequest.DEFAULT_NONE,
        pool_timeout: Timeout = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        try:
            code, payload = await super().do_request(
                url,
                method,
                request_data,
                read_timeout=read_timeout,
                write_timeout=write_timeout,
                connect_timeout=connect_timeout,
                pool_timeout=pool_timeout,
            )
        except TimedOut:
            self.backoff.succeeded()  # PTB polls again at once
            log.debug("a poll timed out; polling again")
            raise
        except NetworkError as error:
            delay = self.backoff.failed()
            log.warning(
                "Telegram unreachable (%s); retrying in %s s", reason(error), _seconds(delay)
            )
            log.debug("the failed poll: %s", described(error))
            raise
        if code == HTTPStatus.OK:
            self.backoff.succeeded()
        elif code in (HTTPStatus.UNAUTHORIZED, HTTPStatus.NOT_FOUND) and self.on_refused:
            self.on_refused()
            # Raised, the InvalidToken would escape PTB's Updater.stop() and skip the shutdown;
            # the bot is stopping, so this poll ends as an empty one.
            return HTTPStatus.OK, NO_UPDATES
        elif code == HTTPStatus.TOO_MANY_REQUESTS:
            delay = self.backoff.told_to_wait(_retry_after(payload))
            log.warning("Telegram asked to slow down; polling again in %s s", _seconds(delay))
        else:
            delay = self.backoff.failed()
            status = f"{code} {_phrase(code)}".strip()
            what = "unreachable" if code >= HTTPStatus.INTERNAL_SERVER_ERROR else "refused a poll"
            log.warning("Telegram %s (%s); retrying in %s s", what, status, _seconds(delay))
        return code, payload


class QuietRefusedToken(logging.Filter):
    """Drops PTB's own log of a refused token (an ERROR with a traceback): `backcoach run` says
    it in one line instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, InvalidToken)
