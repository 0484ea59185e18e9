"""Message keys: every catalogue key the coach uses is declared here, at import, by its flow.

`keys("checkin", "ask_baseline")` returns a namespace whose attributes are full keys
("checkin.ask_baseline") and records them, so the shell can check at start-up that every
catalogue has every key the code can ask for.
"""

from __future__ import annotations

from types import SimpleNamespace

REGISTERED: set[str] = set()


def keys(prefix: str, *names: str) -> SimpleNamespace:
    """Declares the keys `prefix.name` and returns them as attributes."""
    full = {name: f"{prefix}.{name}" for name in names}
    REGISTERED.update(full.values())
    return SimpleNamespace(**full)


def declare(*full_keys: str) -> None:
    """Declares keys built at run time from data (e.g. one per red-flag question)."""
    REGISTERED.update(full_keys)
