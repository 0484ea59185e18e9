"""Fixtures shared by the flows' tests."""

from __future__ import annotations

import pytest

from bot.content import load_content
from flows.content import ScreenRules


@pytest.fixture(scope="module")
def rules() -> ScreenRules:
    """The shipped English screen, as the bot loads it."""
    return load_content(required_keys=()).screen["en"]
