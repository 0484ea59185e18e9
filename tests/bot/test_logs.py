"""Nothing a person types, and not the bot token, ever reaches a log line.

Representative conversations run through the real Telegram stack in process (PTB Application,
handlers, coach, database, tick) with every logger captured at DEBUG, clamped as the `backcoach`
command clamps them (bot.logs.configure_logging). Each captured record — its formatted message,
its arguments, its exception and stack text — is searched for the token, the token's secret part
and every answer typed. The error paths are there too: a turn that fails with an exception quoting
the input, a reply Telegram refuses, a due event whose turn fails in the tick; then /export and
/delete.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from bot.logs import FLOORS, configure_logging
from bot.storage import Database
from flows.dialogue import turn as real_turn
from flows.model import Event, EventKind, Facts
from tests.bot.telegram_helpers import ONBOARDING, START, Clock, Harness, buttons, running_bot, text
from tests.onboarding import MORE_FEARS

TOKEN = "918273:AAH-backcoach_Secret-Part_7x9q"
SECRET = TOKEN.split(":", 1)[1]
ZONE = "America/Argentina/Ushuaia"
INVALID = "my-unique-typed-answer-XYZ"
NOT_A_SCORE = "seven-ish-typed-QWE"
CRASH = "typed-text-that-crashes-LMN"

# Onboarding is answered by typing wherever the flow takes text.
EPISODE = "17 days ago"  # instead of pressing "1–2 weeks ago"
FEARS = ["6 out of 10", "5/10", "4 of 10", "0 out of 10", *[f"{x} out of 10" for x in MORE_FEARS]]
SETUP = [ZONE.lower(), "6:52am"]  # the time zone and the morning time
CHECKIN_TYPED = ["2 out of 10", "4/10", "6 of 10"]  # before, expected, confidence
AFTER_TYPED = ["3/10", "7 out of 10"]  # peak during, confidence after
FOLLOW_UP = "1 of 10"
GOAL = "lift my grandson Théodore-QRS"  # a goal in the person's words: health data
TYPED = [
    INVALID, NOT_A_SCORE, CRASH, EPISODE, *FEARS, GOAL, ZONE, *SETUP, *CHECKIN_TYPED, *AFTER_TYPED,
    FOLLOW_UP,
]  # fmt: skip


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every logger at DEBUG, the libraries clamped as in production; levels restored after."""
    saved = {name: logging.getLogger(name).level for name in FLOORS}
    caplog.set_level(logging.DEBUG)
    configure_logging(logging.DEBUG)
    try:
        yield caplog
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


def everything_logged(record: logging.LogRecord) -> str:
    """All the text a handler could write for a record."""
    parts = [record.getMessage(), repr(record.args), record.exc_text or "", record.stack_info or ""]
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(parts)


def leaks(records: list[logging.LogRecord]) -> list[tuple[str, str, str]]:
    """(logger, secret, message) for every record that holds a secret or a typed answer."""
    secrets = [TOKEN, SECRET, *TYPED]
    found = []
    for record in records:
        logged = everything_logged(record)
        found += [(record.name, s, record.getMessage()[:200]) for s in secrets if s in logged]
    return found


def crashing_turns(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Makes a turn fail, with an exception that quotes the input, when the person types CRASH
    or when a due event comes while `failing` holds a kind."""
    failing: list[str] = []

    def turn(conversation: Any, event: Event, facts: Facts, *rest: Any) -> Any:
        if event.value == CRASH:
            raise ValueError(f"could not read {event.value!r} from a person in {facts.profile.tz}")
        if event.kind is EventKind.DUE and event.name in failing:
            raise RuntimeError(f"{event.name} failed; zone {facts.profile.tz!r}, typed {CRASH!r}")
        return real_turn(conversation, event, facts, *rest)

    monkeypatch.setattr("bot.coach.turn", turn)
    return failing


async def until(h: Harness, found: Any, seconds: float = 5) -> None:
    for _ in range(int(seconds / 0.02)):
        if found():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the tick never delivered")


async def onboard_by_typing(h: Harness) -> None:
    await h.say("/start")
    await h.say(INVALID)  # a button was expected: kindly re-asked
    assert h.last()["text"].startswith(text("common.not_a_choice"))
    for label in ONBOARDING[: ONBOARDING.index("1–2 weeks ago")]:
        await h.press(label)
    await h.say(EPISODE)
    await h.say(NOT_A_SCORE)  # not a number: re-asked
    assert h.last()["text"].startswith(text("common.not_a_score", lo=0, hi=10))
    for typed in FEARS:
        await h.say(typed)
    await h.say(GOAL)  # a goal of their own, with no ladder movement, rated
    await h.press("None of these")
    await h.say("3 out of 10")
    await h.press("That's all")
    await h.press("Use the suggested set")
    for typed in SETUP:
        await h.say(typed)
    await h.press("No thanks")  # no micro-breaks
    assert h.last()["text"].endswith(text("onboarding.start_now"))


async def test_no_log_line_holds_the_token_or_anything_typed(
    db: Database, debug_logs: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Onboarding typed (with answers re-asked), a check-in typed, its follow-up from the tick,
    /export, three failures, /delete: not one record holds a secret."""
    failing = crashing_turns(monkeypatch)
    clock = Clock(START + timedelta(hours=6))  # noon in Ushuaia: no quiet hours in the way
    debug_on = all(logging.getLogger(name).isEnabledFor(logging.DEBUG) for name in ("bot", ""))
    async with running_bot(db, clock, tick_seconds=0.05, token=TOKEN) as h:
        await onboard_by_typing(h)
        _, facts = await h.state()
        assert facts.profile.tz == ZONE and facts.profile.nudge_time is not None

        await h.press("Start a check-in now")
        await h.press("Today's step: bending, level 1")  # an episode weeks old starts in rebuild
        await h.say(CRASH)  # the turn fails: logged, rolled back, the person told
        assert h.last()["text"] == text("common.error")
        for _ in range(4):  # every attempt of the sender: the reply is lost, the turn kept
            h.api.fail("sendMessage", 500, "Internal Server Error")
        await h.say(CHECKIN_TYPED[0])
        for typed in CHECKIN_TYPED[1:]:
            await h.say(typed)
        await h.press("Done it")
        for typed in AFTER_TYPED:
            await h.say(typed)
        assert h.last()["text"] == text("checkin.wait_a1")

        h.api.clear()
        clock.now += timedelta(hours=1, minutes=1)  # the tick asks the follow-up
        await until(h, lambda: h.api.texts() and buttons(h.last()))
        await h.say(FOLLOW_UP)
        _, facts = await h.state()
        assert (facts.checkins[0].baseline, facts.checkins[0].a1) == (2, 1)
        await h.say("/export")  # the person's data goes out as files, and not into the log
        assert len(h.api.documents()) == 2

        failing.append("nudge")  # the next morning's nudge fails in the tick
        clock.now += timedelta(days=1)
        await until(
            h,
            lambda: any(
                r.name == "bot.ticker" and r.levelno >= logging.ERROR for r in debug_logs.records
            ),
        )
        await h.say("/delete")
        await h.press("Yes, delete everything")
        assert await h.user_id() is None

    records = debug_logs.records
    names = {r.name for r in records}
    assert {"bot.telegram.errors", "bot.ticker"} <= names  # the error paths were logged
    assert debug_on  # every logger not clamped by configure_logging really was at DEBUG
    assert leaks(records) == []


def test_the_check_itself_finds_a_leak() -> None:
    """A record quoting a typed answer, in its arguments or its exception, is caught."""
    quoting = logging.LogRecord("x", logging.INFO, __file__, 1, "got %s", (FOLLOW_UP,), None)
    try:
        raise ValueError(f"bad {ZONE}")
    except ValueError as error:
        failing = logging.LogRecord("y", 40, __file__, 1, "failed", None, (ValueError, error, None))
    token = logging.LogRecord(
        "z", logging.DEBUG, __file__, 1, f"POST /bot{TOKEN}/getMe", None, None
    )
    assert [(name, secret) for name, secret, _ in leaks([quoting, failing, token])] == [
        ("x", FOLLOW_UP),
        ("y", ZONE),
        ("z", TOKEN),
        ("z", SECRET),
    ]
