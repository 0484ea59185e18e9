"""Goals and the clinician summary end to end (DESIGN §9), in the real processes: the terminal
chat and `backcoach run` against the fake Bot API. A goal is named in onboarding, the weekly
recap asks its rating again after the red-flag screen, and /summary makes one PDF (twice quickly:
still one), written under <home>/summary in the terminal and sent as a document in Telegram."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import pypdf

from bot.content import load_content
from tests.e2e.clock import ZONE, far_nudge_time, far_recap_data
from tests.e2e.test_telegram_bot import Bot, Person, api  # noqa: F401 (the fixture)
from tests.e2e.test_terminal_chat import Terminal
from tests.fakes.botapi import FakeBotApi
from tests.onboarding import MORE_FEARS

SCREEN = len(load_content().red_flags)


def recap_soon_data(home: Path) -> Path:
    """A copy of data/ whose weekly recap comes three scaled hours after now (3 s at 3600), with
    no quiet hours to hold it, and the goals' ratings asked with every recap (rerate_days 0: the
    processes run on the real clock, on which a week does not pass)."""
    data = far_recap_data(home / "soon")
    soon = datetime.now(ZONE) + timedelta(hours=3)
    rhythm = data / "rhythm.toml"
    text = re.sub(
        r"(?m)^recap_weekday = \d+$", f"recap_weekday = {soon.weekday()}", rhythm.read_text()
    )
    text = re.sub(r'(?m)^recap_time = "[^"]*"$', f'recap_time = "{soon:%H:%M}"', text)
    text = re.sub(r'(?m)^quiet_start = "[^"]*"$', 'quiet_start = "23:59"', text)
    text = re.sub(r'(?m)^quiet_end = "[^"]*"$', 'quiet_end = "00:00"', text)
    rhythm.write_text(text)
    goals = data / "goals.toml"
    goals.write_text(re.sub(r"(?m)^rerate_days = \d+$", "rerate_days = 0", goals.read_text()))
    return data


def pdf_text(data: bytes) -> str:
    return " ".join(pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


async def test_terminal_goals_weekly_rating_and_summary(tmp_path: Path) -> None:
    """In the terminal: a goal in the person's words with its movements, a suggested one; the
    weekly recap's screen then the ratings; /summary writes one PDF under <home>/summary and
    prints its path, /summary again says it was just sent; /delete removes it."""
    chat = await Terminal.open(tmp_path)
    fears = ["6", "5", "4", "0", *MORE_FEARS]
    await chat.type("1", "I agree", "1", *["no"] * SCREEN, "2", *fears)
    await chat.expect("everyday things")
    await chat.type("https://example.org")
    await chat.expect("no links")
    await chat.type("carry my toddler upstairs")
    await chat.expect("Which movements does “carry my toddler upstairs” need?")
    await chat.type("lifting and carrying")
    await chat.expect("How well can you do “carry my toddler upstairs” at the moment?")
    await chat.type("11")
    await chat.expect("whole number from 0 to 10")
    await chat.type("3", "Add another")
    await chat.expect("Sit through a film")
    await chat.type("Sit through a film", "6", "That's all")
    listed = await chat.expect("They decide which movements")
    assert "carry my toddler upstairs: 3/10" in listed
    await chat.type("1", "london", far_nudge_time(), "no")
    done = await chat.expect("Movements to build up:")
    done += await chat.expect("\n")
    assert "Movements to build up: lifting, carrying, sitting" in done
    await chat.type("/summary")
    path = Path((await chat.expect(".pdf")).split()[-1])
    await chat.type("/summary")
    await chat.expect("just above")
    written = sorted((tmp_path / "summary").iterdir())
    assert written == [path] and path.parent == (tmp_path / "summary").resolve()
    words = pdf_text(path.read_bytes())
    assert "carry my toddler upstairs" in words and "Sit through a film" in words
    assert "No check-ins yet" in words
    await chat.type("/delete")
    await chat.expect("Yes, delete everything")
    await chat.type("Yes, delete everything")
    await chat.expect(f"removed {path}")
    assert not path.exists()
    assert await chat.leave() == 0


async def test_terminal_weekly_recap_asks_the_goal_ratings(tmp_path: Path) -> None:
    """The weekly recap shows the goal's line, the red-flag screen follows, then the rating."""
    chat = await Terminal.open(tmp_path, data=recap_soon_data(tmp_path))
    fears = ["6", "5", "4", "0", *MORE_FEARS]
    await chat.type("1", "I agree", "1", *["no"] * SCREEN, "2", *fears)
    await chat.expect("everyday things")
    await chat.type("Put my socks on", "4", "That's all")
    await chat.type("1", "london", far_nudge_time(), "no", "2")
    recap = await chat.expect("Safety check 1 of", timeout=30)
    assert "Put my socks on: 4/10" in recap
    await chat.type(*["no"] * SCREEN)
    await chat.expect("this week's goal ratings")
    await chat.type("6")
    await chat.expect("How your goals are going")
    rated = await chat.expect("\n\n")
    assert "Put my socks on: 4 → 6 since" in rated and "a real change" in rated
    assert await chat.leave() == 0


def test_telegram_goals_weekly_rating_and_one_summary(api: FakeBotApi, tmp_path: Path) -> None:  # noqa: F811
    """Through the fake Bot API: a suggested goal pressed in onboarding, the weekly recap's
    screen and then the rating by buttons, and /summary twice: one PDF document."""
    home = tmp_path
    bot = Bot(api, home, BACKCOACH_DATA_DIR=str(recap_soon_data(home)))
    try:
        ann = Person(api.user(1201))
        ann.user.send_text("/start")
        ann.answer("Hi, I'm backcoach", "Continue")
        ann.answer("a word on privacy", "I agree")
        ann.answer("18 or older", "Yes")
        for n in range(1, SCREEN + 1):
            ann.answer(f"Safety check {n} of {SCREEN}", "No")
        ann.answer("When did this episode", "1–2 weeks ago")
        for rating in ("5", "0", "3", "2", *MORE_FEARS):
            ann.answer("How threatening does", rating)
        ann.answer("everyday things", "Carry the shopping")
        ann.answer("How well can you do “Carry the shopping”", "3")
        ann.answer("add another", "That's all")
        ann.answer("movement portfolio", "Use the suggested set")
        ann.answer("Which time zone", "Europe/London")
        ann.type("What time would you like", far_nudge_time())
        ann.answer("micro-breaks", "No thanks")
        ann.answer("do today's step now", "Later")
        recap = ann.expect("Safety check 1 of", timeout=30)
        assert "Carry the shopping: 3/10" in recap["text"]
        ann.user.press(recap, "No")
        for n in range(2, SCREEN + 1):
            ann.answer(f"Safety check {n} of {SCREEN}", "No")
        ann.answer("this week's goal ratings", "5")
        assert "Carry the shopping" in ann.expect("How your goals are going")["text"]
        ann.user.send_text("/summary")
        ann.expect("one-page summary")
        ann.user.send_text("/summary")
        ann.expect("just above")
        documents = api.requests_of("sendDocument")
        assert len(documents) == 1
    finally:
        assert bot.stop() == 0
