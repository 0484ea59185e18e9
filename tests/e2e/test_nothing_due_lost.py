"""Nothing due is lost (DESIGN §7), with real `backcoach run` processes and the fake Bot API over
HTTP: a due event is done only when Telegram has taken its message.

At BACKCOACH_TIME_SCALE 600 an hour passes in 6 s: a check-in's follow-up comes 6 s after it.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.clock import ZONE
from tests.e2e.test_telegram_bot import (
    TOKEN,
    Bot,
    Person,
    check_in_until_the_follow_up_is_due,
    onboard,
)
from tests.fakes.botapi import FakeBotApi

FOLLOW_UP = "How is the pain now?"
NUDGE = "Good morning"
FAST = {"BACKCOACH_SEND_RETRY_MOST": "3", "BACKCOACH_LOG_LEVEL": "INFO"}


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN) as fake:
        yield fake


def count(person: Person, text: str) -> int:
    return sum(text in (m["text"] or "") for m in person.user.messages())


def test_a_60_second_outage_loses_no_follow_up_and_no_nudge(
    api: FakeBotApi, tmp_path: Path
) -> None:
    """Telegram is unreachable for 60 s while a follow-up and two morning nudges come due: once
    it is back, the follow-up is asked once (and its answer gets the light) and each nudge is
    sent once; the bot logged that the sends failed and would be tried again."""
    bot = Bot(api, tmp_path, scale="600", **FAST)
    try:
        # Bob's and Cat's nudges: five scaled hours away, i.e. 30 s after they are set.
        soon = f"{datetime.now(ZONE) + timedelta(hours=5):%H:%M}"
        bob, cat, ann = (Person(api.user(n)) for n in (3001, 3002, 3003))
        for person in (bob, cat):
            onboard(person, soon)
            person.answer("do today's step now", "Later")  # nothing open when the nudge comes
        onboard(ann)  # her nudge is a day away
        check_in_until_the_follow_up_is_due(ann)
        api.go_down()  # the follow-up (6 s) and the nudges (~20 s) fall due in the outage
        time.sleep(60)
        assert count(ann, FOLLOW_UP) == count(bob, NUDGE) == count(cat, NUDGE) == 0
        api.come_back()
        ann.answer(FOLLOW_UP, "2")
        assert "green" in ann.expect("green")["text"]
        bob.expect(NUDGE, timeout=20)
        cat.expect(NUDGE, timeout=20)
        time.sleep(3)  # a second copy would have come by now
        assert count(ann, FOLLOW_UP) == 1
        assert count(bob, NUDGE) == count(cat, NUDGE) == 1
    finally:
        assert bot.stop() == 0
    said = bot.log.read_text()
    assert "(followup) not sent" in said and "(nudge) not sent" in said, said


def test_a_process_killed_with_the_follow_up_in_flight_asks_it_after_restart(
    api: FakeBotApi, tmp_path: Path
) -> None:
    """The follow-up's request is on its way when the process is killed (SIGKILL) and never
    reaches Telegram: the restarted process asks it (once its claim is stale), and the answer
    gets the check-in its light."""
    settings = {**FAST, "BACKCOACH_CLAIM_TIMEOUT": "2"}
    bot = Bot(api, tmp_path, scale="600", **settings)
    ann = Person(api.user(3101))
    onboard(ann)
    check_in_until_the_follow_up_is_due(ann)
    gate = api.hold("sendMessage", chat_id=3101)
    deadline = time.monotonic() + 30
    while api.held() == 0:
        assert time.monotonic() < deadline, "the follow-up never came due"
        time.sleep(0.05)
    bot.process.send_signal(signal.SIGKILL)
    bot.process.wait(10)
    api.drop(gate)  # the request in flight is lost with the process
    assert count(ann, FOLLOW_UP) == 0
    bot = Bot(api, tmp_path, scale="600", log="restarted.log", **settings)
    try:
        ann.answer(FOLLOW_UP, "2")
        assert "green" in ann.expect("green")["text"]
        assert count(ann, FOLLOW_UP) == 1
    finally:
        assert bot.stop() == 0
