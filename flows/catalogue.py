"""Message keys: every catalogue key the coach uses is declared here, at import, by its flow.

`keys("checkin", "ask_baseline")` returns a namespace whose attributes are full keys
("checkin.ask_baseline") and records them, so the shell can check at start-up that every
catalogue has every key the code can ask for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TypeVar

M = TypeVar("M", bound=str)

REGISTERED: set[str] = set()


def keys(prefix: str, *names: str) -> SimpleNamespace:
    """Declares the keys `prefix.name` and returns them as attributes."""
    full = {name: f"{prefix}.{name}" for name in names}
    REGISTERED.update(full.values())
    return SimpleNamespace(**full)


def declare(*full_keys: str) -> None:
    """Declares keys built at run time from data (e.g. one per red-flag question)."""
    REGISTERED.update(full_keys)


def keyed(prefix: str, members: Iterable[M]) -> dict[M, str]:
    """Declares one key `prefix.<member>` per member (of an Enum, or a fixed tuple) and returns
    each member's key, so that code looks a key up by its member instead of building it."""
    table = {member: f"{prefix}.{member}" for member in members}
    REGISTERED.update(table.values())
    return table


@dataclass(frozen=True)
class Family:
    """Keys named by data, `prefix.<id>` (one per red-flag question, say): declared by the content
    loader, which knows the ids; looked up here by id."""

    prefix: str

    def __getitem__(self, name: str) -> str:
        return f"{self.prefix}.{name}"
