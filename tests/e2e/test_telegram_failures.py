"""The real `backcoach run` process when Telegram refuses its token or cannot be reached."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_telegram_bot import ROOT, TOKEN, Bot, Person, bot_env
from tests.fakes.botapi import FakeBotApi

REFUSED = "Telegram refused the bot token"
RETRY = re.compile(r"Telegram unreachable \((\w+)\); retrying in ([\d.]+) s")


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN) as fake:
        yield fake


def parts_of(token: str) -> list[str]:
    """The token and each of its two halves (the bot's id and its secret)."""
    return [token, *token.split(":")]


def run_until_exit(api: FakeBotApi, home: Path, token: str) -> subprocess.CompletedProcess[str]:
    env = {**bot_env(api, home), "TELEGRAM_BOT_TOKEN": token, "BACKCOACH_LOG_LEVEL": "INFO"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("status", [401, 404])
def test_a_refused_token_is_one_line_without_the_token_and_exit_2(
    tmp_path: Path, status: int
) -> None:
    """getMe answered 401 (wrong or revoked) or 404 (malformed): one line, exit 2, no token."""
    token = "987654:NotTheRightSecret-xyz"
    with FakeBotApi(token=TOKEN if status == 401 else token) as api:
        if status == 404:
            api.fail_next("getMe", 404, "Not Found")
        done = run_until_exit(api, tmp_path, token)
    said = done.stdout + done.stderr
    assert done.returncode == 2, said
    lines = [line for line in said.splitlines() if line.strip()]
    assert len(lines) == 1 and REFUSED in lines[0], said
    assert not [part for part in parts_of(token) if part in said]


def test_a_token_revoked_while_polling_stops_the_bot_with_one_line(
    api: FakeBotApi, tmp_path: Path
) -> None:
    """getUpdates answered 401 after a good start: the bot stops, exit 2, the refusal said once,
    no traceback and no part of the token in its output."""
    api.fail_next("getUpdates", 401, "Unauthorized")
    bot = Bot(api, tmp_path)
    assert bot.process.wait(30) == 2
    said = bot.log.read_text()
    assert said.count(REFUSED) == 1, said
    assert "Traceback" not in said
    assert not [part for part in parts_of(TOKEN) if part in said]


def test_an_outage_logs_one_line_per_failed_poll_and_polling_resumes(
    api: FakeBotApi, tmp_path: Path
) -> None:
    """Telegram unreachable for a few polls, logging at INFO: one WARNING line per failed poll
    naming the error and PTB's growing retry delay (1, 1.5, 2.2 s), no traceback; afterwards
    the bot answers again."""
    bot = Bot(api, tmp_path, BACKCOACH_LOG_LEVEL="INFO")
    try:
        ann = Person(api.user(1001))
        ann.user.send_text("/start")
        welcome = ann.expect("Hi, I'm backcoach")
        api.go_down()
        time.sleep(4)  # failures at about 0, 1, 2.5 and 4.75 s: three or four of them
        api.come_back()
        ann.user.press(welcome, "Continue")
        ann.expect("a word on privacy", timeout=20)
    finally:
        assert bot.stop() == 0
    said = bot.log.read_text()
    failures = [line for line in said.splitlines() if "Telegram unreachable" in line]
    delays = [float(RETRY.search(line)[2]) for line in failures]  # type: ignore[index]
    assert 3 <= len(delays) <= 5, said
    assert delays == [1.0, 1.5, 2.2, 3.4, 5.1][: len(delays)], said
    assert all(" WARNING bot.telegram.polling: " in line for line in failures)
    assert "ConnectError" in said
    assert "Traceback" not in said
    assert " ERROR " not in said


def test_a_bad_gateway_answer_is_one_line_per_poll_with_its_status(
    api: FakeBotApi, tmp_path: Path
) -> None:
    """getUpdates answered 502 twice: two WARNING lines naming the status with delays 1 and
    1.5 s, no traceback; the bot keeps polling."""
    api.fail_next("getUpdates", 502, times=2)
    bot = Bot(api, tmp_path, BACKCOACH_LOG_LEVEL="INFO")
    try:
        ann = Person(api.user(1001))
        ann.user.send_text("/start")
        ann.expect("Hi, I'm backcoach", timeout=20)
    finally:
        assert bot.stop() == 0
    said = bot.log.read_text()
    failures = [line for line in said.splitlines() if "Telegram unreachable" in line]
    assert [line.split(": ", 1)[1] for line in failures] == [
        "Telegram unreachable (502 Bad Gateway); retrying in 1 s",
        "Telegram unreachable (502 Bad Gateway); retrying in 1.5 s",
    ], said
    assert "Traceback" not in said
