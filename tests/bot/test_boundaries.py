"""Where the shell may talk to Telegram: replies flow one way (DESIGN §2, §7).

Only the sender (bot/telegram/sender.py) and its low-level module (bot/telegram/api.py) send,
edit or answer anything; no module imports python-telegram-bot's private modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHELL = sorted((ROOT / "bot").rglob("*.py"))
SENDERS = {ROOT / "bot/telegram/sender.py", ROOT / "bot/telegram/api.py"}
# Bot API methods that put something in front of a person (or answer their press).
TALKING = ("send_", "edit_message", "answer_callback", "copy_message", "forward_message")


def calls_that_talk(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name.startswith(TALKING) and name not in ("send_signal",):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
        if isinstance(node, ast.ImportFrom) and node.module == "bot.telegram.api":
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports bot.telegram.api")
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == "bot.telegram"
            and any(alias.name == "api" for alias in node.names)
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports bot.telegram.api")
    return found


def test_only_the_sender_sends_edits_or_answers() -> None:
    """No module but the sender and api.py calls a Bot API method that shows the person
    something (send_*, edit_message_*, answer_callback_*) or imports the low-level api."""
    talking = [found for path in SHELL if path not in SENDERS for found in calls_that_talk(path)]
    assert talking == []


def test_the_check_finds_a_send_outside_the_sender(tmp_path: Path) -> None:
    """The walk above sees a direct send (so the test before it can fail)."""
    rogue = ROOT / "bot" / "_rogue_for_test.py"
    rogue.write_text("async def f(bot):\n    await bot.send_message(1, 'hi')\n")
    try:
        assert calls_that_talk(rogue) == ["bot/_rogue_for_test.py:2 send_message"]
    finally:
        rogue.unlink()


def test_no_private_python_telegram_bot_module_is_imported() -> None:
    """python-telegram-bot's modules whose names start with "_" are private: none is imported
    by the shell, its tests or its benchmarks."""
    private = []
    for path in [*SHELL, *(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "telegram" and any(part.startswith("_") for part in parts):
                    private.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert private == []
