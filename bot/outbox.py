"""What a turn has to send, kept as JSON until Telegram has accepted it (DESIGN §7): a due
event's replies on its row, an update's (backcoach serve) on its inbox row; and how long a send
Telegram did not take waits before it is tried again (`Backoff`, shared by both).

A `Said` is frozen dataclasses all the way down (replies, choices, scales, charts); `said_json`
writes it as plain JSON and `said_of` reads it back, field by field from the type hints, so a field
added to a reply later is kept without a change here. Read back, it is the same value:
`said_of(said_json(s)) == s` (tested). Attachment data (an export) is never kept: only the person's
own request attaches it, never a due event.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.said import Said

T = TypeVar("T")
RETRY_FIRST = 10.0  # seconds before a failed send is tried again; doubled each time …
RETRY_MOST = 300.0  # … up to this: after an outage of any length, asked within 5 minutes


@dataclass(frozen=True)
class Backoff:
    """When a send Telegram did not take is tried again: `first` seconds after the first
    failure, twice as long after each further one, never more than `most` seconds."""

    first: float = RETRY_FIRST
    most: float = RETRY_MOST

    @classmethod
    def up_to(cls, most: float) -> Backoff:
        """The default backoff, capped at `most` seconds (BACKCOACH_SEND_RETRY_MOST)."""
        return cls(min(RETRY_FIRST, most), most)

    def wait(self, failures: int) -> float:
        """Seconds to wait after `failures` failed sends in a row (1: the first failure)."""
        return float(min(self.first * 2 ** max(0, failures - 1), self.most))


def said_json(said: Said) -> dict[str, Any]:
    """The Said as JSON (dicts, lists, strings, numbers)."""
    if said.attachments:
        raise ValueError("a Said with attachment data is not kept in an outbox")
    return typing.cast(dict[str, Any], _plain(said))


def said_of(data: Mapping[str, Any]) -> Said:
    """The Said that `said_json` wrote."""
    return typing.cast(Said, _read(Said, data))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _read(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        if value is None:
            return None
        if len(options) == 1:
            return _read(options[0], value)
        return value  # a union of plain types (float | None, str | int): JSON keeps it as is
    if origin is tuple:
        args = typing.get_args(kind)
        item = args[0] if args else Any
        return tuple(_read(item, v) for v in value)
    if origin in (dict, Mapping) or kind is Mapping:
        return dict(value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        fields = {f.name for f in dataclasses.fields(kind) if f.init}
        return kind(**{k: _read(hints[k], v) for k, v in value.items() if k in fields})
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    return value
