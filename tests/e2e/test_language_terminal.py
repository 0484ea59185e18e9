"""The terminal chat in the terminal's language: `LANG=de_DE.UTF-8 backcoach chat` greets, asks
and says goodbye in German, and typed German answers are understood."""

from __future__ import annotations

from pathlib import Path

from bot.content import load_content
from tests.e2e.test_terminal_chat import Terminal

CONTENT = load_content()


def de(key: str, **params: object) -> str:
    return CONTENT.text("de", key, params)


async def test_a_german_terminal_is_set_up_in_german(tmp_path: Path) -> None:
    chat = await Terminal.open(tmp_path, locale="de_DE.UTF-8")
    try:
        await chat.expect(de("terminal.banner"))
        await chat.expect(de("onboarding.intro")[:40])
        await chat.expect(f"1) {de('choice.go_on')}")
        await chat.type("1")
        await chat.expect(de("onboarding.consent", version=CONTENT.policy_version)[:40])
        choices = de("choice.agree") + " · " + de("choice.decline")
        await chat.expect(de("terminal.type_one", choices=choices))
        await chat.type(de("choice.agree").lower())
        await chat.expect(de("onboarding.adult"))
        await chat.type("ja")
        await chat.expect(de("onboarding.redflag_intro"))
    finally:
        code = await chat.leave(de("terminal.bye"))  # not "Bye for now"
    assert code == 0
