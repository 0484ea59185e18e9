"""The real `backcoach chat` process, driven through its standard input as a person would type."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from bot.content import load_content
from tests.e2e.clock import ROOT, far_nudge_time, far_recap_data
from tests.onboarding import MORE_FEARS


def onboarding() -> list[str]:
    """What a person types through onboarding: consent and the safety questions in words (they
    take no number), no red flags, London, a nudge time a day away, no micro-breaks."""
    screen = ["no"] * len(load_content().red_flags)
    fears = ["6", "5", "4", "0", *MORE_FEARS]
    return [
        *("1", "I agree", "1", *screen, "2", *fears, "not now"),
        *("1", "london", far_nudge_time(), "no"),
    ]


class Terminal:
    """A running `backcoach chat` with helpers to type and to wait for text."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.seen = ""

    @classmethod
    async def open(
        cls,
        home: Path,
        *args: str,
        scale: str = "3600",
        locale: str = "C.UTF-8",
        data: Path | None = None,
    ) -> Terminal:
        """`locale` is the terminal's LANG (English unless a test asks for another); `data` its
        data/ (by default a copy with the weekly recap a scaled week away)."""
        env = {
            **os.environ,
            "BACKCOACH_HOME": str(home),
            "BACKCOACH_DATA_DIR": str(data or far_recap_data(home)),
            "BACKCOACH_TIME_SCALE": scale,
            "BACKCOACH_TICK_SECONDS": "0.2",
            "PYTHONUNBUFFERED": "1",
            "LANG": locale,
        }
        for name in ("LC_ALL", "LC_MESSAGES", "TELEGRAM_BOT_TOKEN"):
            env.pop(name, None)
        env.pop("DATABASE_URL", None)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            *(args or ("chat",)),
            cwd=ROOT,
            env=env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        return cls(process)

    async def expect(self, text: str, timeout: float = 45) -> str:
        """Waits until `text` has been printed since the last expectation; returns that output."""
        assert self.process.stdout is not None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while text not in self.seen:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(f"never saw {text!r}; output was:\n{self.seen[-3000:]}")
            try:
                chunk = await asyncio.wait_for(self.process.stdout.read(4096), remaining)
            except TimeoutError:
                continue
            if not chunk:
                raise AssertionError(
                    f"process ended before {text!r}; output was:\n{self.seen[-3000:]}"
                )
            self.seen += chunk.decode()
        upto = self.seen.index(text) + len(text)
        out, self.seen = self.seen[:upto], self.seen[upto:]
        return out

    async def type(self, *lines: str) -> None:
        assert self.process.stdin is not None
        for line in lines:
            self.process.stdin.write((line + "\n").encode())
        await self.process.stdin.drain()

    async def leave(self, goodbye: str = "Bye for now") -> int:
        """Closes standard input (Ctrl-D) and waits for the goodbye."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        await self.expect(goodbye)
        return await asyncio.wait_for(self.process.wait(), 10)


async def test_onboarding_checkin_follow_up_and_advice(tmp_path: Path) -> None:
    """Onboarding, a bending check-in, the follow-up an 'hour' later, then light and next step."""
    chat = await Terminal.open(tmp_path)
    await chat.expect("1) Continue")
    for line in onboarding():
        await chat.type(line)
    await chat.expect("Start a check-in now")
    await chat.type("1")
    menu = await chat.expect("One of my portfolio movements")
    assert "bending, level 1" in menu
    await chat.type("2", "2", "4", "6", "1")
    await chat.expect("worst pain during")
    await chat.type("3", "7")
    await chat.expect("check back in about an hour")
    await chat.expect("How is the pain now?")  # one hour = one second at this scale
    await chat.type("2")
    advice = await chat.expect("Next time:")
    assert "green" in advice
    assert "went from 2 to 3 during and was 2 an hour later" in advice
    assert "You expected 4 and it peaked at 3" in advice
    assert await chat.leave() == 0


async def test_quitting_mid_checkin_and_starting_again_resumes(tmp_path: Path) -> None:
    """Ctrl-D in the middle of a check-in; the next start asks the same question, answers kept."""
    chat = await Terminal.open(tmp_path, scale="1")
    for line in onboarding():
        await chat.type(line)
    await chat.expect("Start a check-in now")
    await chat.type("1", "2", "3")
    await chat.expect("How much pain do you expect")
    assert await chat.leave() == 0

    chat = await Terminal.open(tmp_path, scale="1")
    resumed = await chat.expect("How much pain do you expect")
    assert "Welcome back" in resumed
    await chat.type("five", "5")
    retry = await chat.expect("How confident are you")
    assert "whole number from 0 to 10" in retry
    assert await chat.leave() == 0


async def test_run_without_a_token_opens_the_terminal_chat(tmp_path: Path) -> None:
    """`backcoach run` with no TELEGRAM_BOT_TOKEN says so and opens the coach in the terminal."""
    chat = await Terminal.open(tmp_path, "run")
    opening = await chat.expect("1) Continue")
    assert "No TELEGRAM_BOT_TOKEN" in opening
    assert await chat.leave() == 0


async def test_a_bad_setting_exits_with_a_one_line_message(tmp_path: Path) -> None:
    """An unusable BACKCOACH_TIME_SCALE stops the command with status 2 and names the variable."""
    chat = await Terminal.open(tmp_path, "chat", scale="zero")
    assert await asyncio.wait_for(chat.process.wait(), 20) == 2
    assert chat.process.stdout is not None
    output = (await chat.process.stdout.read()).decode()
    assert output.strip().startswith("backcoach: BACKCOACH_TIME_SCALE")
    assert len(output.strip().splitlines()) == 1


async def test_broken_content_exits_with_a_one_line_message_naming_the_file(
    tmp_path: Path,
) -> None:
    """A data directory whose catalogue has lost a message stops the command before anything
    starts, with status 2 and one line naming the file and the key (no traceback)."""
    data = far_recap_data(tmp_path)
    catalogue = data / "messages" / "en.ftl"
    kept = catalogue.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(kept) if line[:1].isalpha() and " = " in line)
    key = kept[first].split(" = ")[0].replace("-", ".")  # the flows' name of the message
    catalogue.write_text("".join(kept[:first] + kept[first + 1 :]), encoding="utf-8")
    chat = await Terminal.open(tmp_path, "chat", data=data)
    assert await asyncio.wait_for(chat.process.wait(), 20) == 2
    assert chat.process.stdout is not None
    output = (await chat.process.stdout.read()).decode().strip()
    assert output.startswith("backcoach: the coach's content is not valid, nothing started:")
    assert "en.ftl" in output and key in output, output
    assert len(output.splitlines()) == 1, output
    assert not (tmp_path / "backcoach.db").exists()


async def test_a_week_1_person_at_6_whose_walk_leaves_them_at_6_hears_green(tmp_path: Path) -> None:
    """Person (a) through the real process: week 1, pain 6 before a walk, 6 during and 6 an hour
    later is green, with the reason in their numbers; /plan stays with gentle movement."""
    chat = await Terminal.open(tmp_path)
    await chat.expect("1) Continue")
    for line in onboarding():
        await chat.type(line)
    await chat.expect("Start a check-in now")
    await chat.type("1")
    menu = await chat.expect("One of my portfolio movements")
    menu += await chat.expect(">")  # "A walk" is listed last unless it is today's step
    await chat.type("A walk" if "A walk" in menu else "1")
    await chat.expect("walk")
    await chat.expect("how much pain do you have right now?")
    await chat.type("6")
    await chat.expect("Tell me when you've done it")
    await chat.type("Done it")
    await chat.expect("worst pain during")
    await chat.type("6")
    waiting = await chat.expect("check back in about an hour")
    assert "red" not in waiting.lower()
    await chat.expect("How is the pain now?")
    await chat.type("6")
    advice = await chat.expect("Keep it up")
    assert "green" in advice and "red" not in advice.lower()
    assert "went from 6 to 6 during and was 6 an hour later" in advice
    await chat.type("/plan")
    assert "Today's gentle movement" in await chat.expect("Today's gentle movement")
    assert await chat.leave() == 0


async def test_recap_export_and_delete_write_then_remove_the_files(tmp_path: Path) -> None:
    """/recap saves its chart as a PNG under <home>/recap and prints the path, /export writes
    under <home>/export; after /delete every one of those files is gone and said to be, and the
    goodbye no longer says that everything is saved."""
    chat = await Terminal.open(tmp_path)
    for line in onboarding():
        await chat.type(line)
    await chat.expect("Start a check-in now")
    await chat.type("1", "2", "2", "4", "6", "1")
    await chat.expect("worst pain during")
    await chat.type("3", "7")
    await chat.expect("How is the pain now?")
    await chat.type("2")
    await chat.expect("Next time:")
    await chat.type("/recap")
    await chat.expect("  chart: ")
    chart = Path((await chat.expect(".png")).strip())
    assert chart.parent == (tmp_path / "recap").resolve()
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    await chat.type("/export")
    await chat.expect("backcoach-checkins.csv")
    exported = sorted((tmp_path / "export").iterdir())
    assert [p.name for p in exported] == ["backcoach-checkins.csv", "backcoach-export.json"]
    await chat.type("/delete")
    await chat.expect("Yes, delete everything")
    await chat.type("Yes, delete everything")
    said = await chat.expect(f"removed {chart}")
    assert all(f"removed {path.resolve()}" in said + chat.seen for path in exported)
    assert not chart.exists() and not any(path.exists() for path in exported)
    assert await chat.leave() == 0
    assert chat.process.stdout is not None
    goodbye = chat.seen + (await chat.process.stdout.read()).decode()
    assert "saved" not in goodbye  # nothing is, after /delete


async def test_ctrl_c_says_goodbye_once(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT) at the prompt: the goodbye is printed once and the exit status is 0."""
    chat = await Terminal.open(tmp_path)
    await chat.expect("1) Continue")
    await asyncio.sleep(0.3)  # at the prompt
    chat.process.send_signal(signal.SIGINT)
    assert await asyncio.wait_for(chat.process.wait(), 10) == 0
    assert chat.process.stdout is not None
    rest = chat.seen + (await chat.process.stdout.read()).decode()
    assert rest.count("Bye for now") == 1, rest
