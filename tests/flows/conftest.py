"""Fixtures shared by the flows' tests."""

from __future__ import annotations

import pytest

from bot.content import load_content
from flows.content import ScreenRules
from flows.screen import screen


@pytest.fixture(scope="module")
def rules() -> ScreenRules:
    """The shipped English screen, as the bot loads it, its patterns compiled (the first message
    a screen reads compiles them, about 3 s: not inside a property test's per-example deadline)."""
    loaded = load_content(required_keys=()).screen["en"]
    screen("", loaded)
    return loaded
