"""The real `backcoach run` process against a fake Bot API HTTP server, driven by its buttons."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest

from bot.content import load_content
from tests.e2e.clock import far_nudge_time, far_recap_data
from tests.fakes.botapi import FakeBotApi, FakeUser
from tests.onboarding import MORE_FEARS

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:TEST"
CONTENT = load_content()


def bot_env(api: FakeBotApi, home: Path, **settings: str) -> dict[str, str]:
    """The environment of a bot process under test: the fake Bot API, a home and data of its own
    (the weekly recap a scaled week away), an hour in a second; `settings` add or override."""
    return {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,  # the token the fake answers to
        "TELEGRAM_API_URL": api.base_url,
        "BACKCOACH_HOME": str(home),
        "BACKCOACH_DATA_DIR": str(far_recap_data(home)),
        "BACKCOACH_TIME_SCALE": "3600",  # an hour passes in a second
        "BACKCOACH_TICK_SECONDS": "0.2",
        **settings,
    }


def start(command: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """Starts `backcoach <command>` with `env`, its output appended to `log`."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", command],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


class Bot:
    """One `backcoach run` process."""

    def __init__(
        self,
        api: FakeBotApi,
        home: Path,
        *,
        scale: str = "3600",
        log: str = "bot.log",
        **settings: str,
    ) -> None:
        env = bot_env(api, home, BACKCOACH_TIME_SCALE=scale, **settings)
        env.pop("DATABASE_URL", None)
        self.log = home / log
        self.process = start("run", env, self.log)

    def stop(self) -> int:
        """Stops the bot as a service manager would (SIGTERM) and waits for it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(20)


class Person:
    """A person in the chat who answers each question by pressing a button on it."""

    def __init__(self, user: FakeUser) -> None:
        self.user = user
        self.seen = 0

    def expect(self, text: str, timeout: float = 45) -> dict[str, Any]:
        message = self.user.wait_for(text, timeout=timeout, after=self.seen)
        self.seen = message["message_id"]
        return message

    def answer(self, question: str, button: str) -> None:
        """Waits for the question, then presses the button with that label on it."""
        self.user.press(self.expect(question), button)

    def type(self, question: str, text: str) -> None:
        """Waits for the question, then types the answer."""
        self.expect(question)
        self.user.send_text(text)


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN) as fake:
        yield fake


class Answers(Protocol):
    """A person who answers a question by pressing one of its buttons, or by typing."""

    def answer(self, question: str, button: str) -> object: ...

    def type(self, question: str, text: str) -> object: ...


def onboard(ann: Person, nudge_at: str | None = None) -> None:
    ann.user.send_text("/start")
    answer_onboarding(ann, nudge_at)


def answer_onboarding(ann: Answers, nudge_at: str | None = None) -> None:
    """Presses through onboarding after /start: no red flags, London, a nudge a day away (or at
    `nudge_at`, local time in London)."""
    ann.answer("Hi, I'm backcoach", "Continue")
    ann.answer("a word on privacy", "I agree")
    ann.answer("18 or older", "Yes")
    total = len(CONTENT.red_flags)
    for n in range(1, total + 1):
        ann.answer(f"Safety check {n} of {total}", "No")
    ann.answer("When did this episode", "1–2 weeks ago")
    for rating in ("5", "0", "3", "2", *MORE_FEARS):
        ann.answer("How threatening does", rating)
    ann.answer("everyday things", "Not now")
    ann.answer("movement portfolio", "Use the suggested set")
    ann.answer("Which time zone", "Europe/London")
    ann.type("What time would you like", nudge_at or far_nudge_time())
    ann.answer("micro-breaks", "No thanks")


def check_in_until_the_follow_up_is_due(ann: Person) -> None:
    """From the end of onboarding, a bending check-in by buttons up to "I'll check back in about
    an hour" (before 2, expected 4, confidence 6, during 3, confidence after 7)."""
    ann.answer("do today's step now", "Start a check-in now")
    ann.answer("What are you checking in on?", "bending, level 1")
    ann.answer("Before you start", "2")
    ann.answer("How much pain do you expect", "4")
    ann.answer("How confident are you", "6")
    ann.answer("Here's the step", "Done it")
    ann.answer("worst pain during", "3")
    ann.answer("Now that you've done it", "7")
    ann.expect("check back in about an hour")


def test_onboarding_and_a_checkin_with_its_follow_up(api: FakeBotApi, tmp_path: Path) -> None:
    """A person onboards and checks in by buttons; the follow-up comes and the advice follows."""
    bot = Bot(api, tmp_path)
    try:
        ann = Person(api.user(1001))
        onboard(ann)
        check_in_until_the_follow_up_is_due(ann)
        ann.answer("How is the pain now?", "2")
        advice = ann.expect("green")["text"]  # the advice comes as one message
        assert "carry on" in advice
        assert "went from 2 to 3 during and was 2 an hour later" in advice
        assert "You expected 4 and it peaked at 3" in advice
        assert "Next time:" in advice

        commands = [c.params for c in api.calls if c.method == "setMyCommands"]
        assert [c["command"] for c in commands[0]["commands"]][:2] == ["start", "checkin"]
        answered = [m for m in ann.user.messages() if "Continue" not in (m["text"] or "")]
        assert any("→ Europe/London" in (m["text"] or "") for m in answered)
        live = [m for m in ann.user.messages() if m["reply_markup"]]
        assert len(live) <= 1, "only the latest question may keep live buttons"
    finally:
        assert bot.stop() == 0


def test_a_restart_in_the_middle_of_a_checkin_resumes(api: FakeBotApi, tmp_path: Path) -> None:
    """The bot restarts between two answers; the next press continues the same check-in."""
    bot = Bot(api, tmp_path)
    ann = Person(api.user(1002))
    try:
        onboard(ann)
        ann.answer("do today's step now", "Start a check-in now")
        ann.answer("What are you checking in on?", "bending, level 1")
        ann.answer("Before you start", "3")
        question = ann.expect("How much pain do you expect")
    finally:
        assert bot.stop() == 0
    bot = Bot(api, tmp_path)
    try:
        ann.user.press(question, "5")
        ann.expect("How confident are you")
        ann.user.send_text("/progress")
        ann.expect("bending: level 1 of")
    finally:
        assert bot.stop() == 0


def test_a_blocked_person_gets_nothing_more(api: FakeBotApi, tmp_path: Path) -> None:
    """After blocking, a due follow-up is not sent; after unblocking, /start works again."""
    bot = Bot(api, tmp_path, scale="900")  # the follow-up comes four seconds later
    try:
        ann = Person(api.user(1003))
        onboard(ann)
        check_in_until_the_follow_up_is_due(ann)
        ann.user.block()
        # The hour passes while blocked: no follow-up reaches the chat.
        with pytest.raises(AssertionError):
            ann.user.wait_for("How is the pain now?", timeout=6, after=ann.seen)
        ann.user.unblock()
        ann.user.send_text("/start")
        ann.expect("Welcome back")
    finally:
        assert bot.stop() == 0


def test_a_second_poller_on_the_same_database_is_refused(api: FakeBotApi, tmp_path: Path) -> None:
    """Two `backcoach run` on one database would split a person's updates between them: the
    second says why and exits 1, having polled nothing; the first carries on."""
    first = Bot(api, tmp_path)
    try:
        ann = Person(api.user(1001))
        ann.user.send_text("/start")
        welcome = ann.expect("Hi, I'm backcoach")  # the first is polling
        second = Bot(api, tmp_path, log="second.log")
        assert second.process.wait(30) == 1
        said = second.log.read_text()
        assert "another `backcoach run` is already polling" in said
        assert "Application started" not in said  # it never polled
        ann.user.press(welcome, "Continue")
        ann.expect("a word on privacy")  # still answered, by the first
    finally:
        assert first.stop() == 0
