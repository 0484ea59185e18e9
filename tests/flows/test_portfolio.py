"""/portfolio: the five movements with what each is for, and swapping one for another like it."""

from __future__ import annotations

import pytest

from bot.render import as_text
from flows.content import PURPOSES
from flows.dialogue import COMMANDS
from flows.model import SaveProfile
from tests.flows.transcript import CONTENT, START, Chat, keys_of, onboard


def test_portfolio_shows_each_movement_with_what_it_is_for() -> None:
    """The menu has one line per purpose: its short name, the person's movement and one sentence
    on what it is for; the choices are the five purposes and "keep"."""
    chat = onboard()
    (menu,) = chat.command("portfolio")
    text = as_text(CONTENT, "en", menu)
    for purpose, exercise_id in zip(PURPOSES, chat.facts.profile.portfolio, strict=True):
        why = CONTENT.text("en", f"purpose_why.{purpose}")
        assert f"{CONTENT.exercises[exercise_id].name} — {why}" in text
    assert [c.value for c in menu.choices] == [*PURPOSES, "keep"]


def test_portfolio_swap_by_buttons_changes_only_that_purpose() -> None:
    """Hip mobility → the other hip movement: stored in place of the old one, the rest untouched,
    confirmed with the new movement's how-to, and offered by the next portfolio check-in."""
    chat = onboard()
    before = chat.facts.profile.portfolio
    old = before[PURPOSES.index("hip_mobility")]
    (new,) = [e.id for e in CONTENT.by_purpose("hip_mobility") if e.id != old]
    chat.play("/portfolio", "[hip_mobility]")
    assert [c.value for c in chat.asked.choices] == [new, "keep"]
    (done,) = chat.press(new)
    assert done.key == "portfolio.swapped"
    assert done.params["how"] == CONTENT.exercises[new].how
    after = chat.facts.profile.portfolio
    assert after == tuple(new if e == old else e for e in before)
    assert chat.state is None
    chat.play("/checkin", "[portfolio]")
    assert f"p:{new}" in [c.value for c in chat.asked.choices]


@pytest.mark.parametrize(
    ("purpose", "movement", "swapped_in"),
    [
        ("upper", "seated rotation", "seated_rotation"),
        ("Upper back mobility", "SEATED", "seated_rotation"),
        ("hip", "figure four", "figure_four"),
        ("2", "1", "figure_four"),  # numbers, as the terminal shows them
    ],
)
def test_portfolio_swap_by_typed_words(purpose: str, movement: str, swapped_in: str) -> None:
    """A purpose's name or first letters and a movement's name (hyphens typed as spaces, any
    case) or start do the same as the buttons."""
    chat = onboard()
    before = chat.facts.profile.portfolio
    chat.play("/portfolio", purpose)
    assert chat.state == ("portfolio", "movement")
    chat.say(movement)
    after = chat.facts.profile.portfolio
    assert swapped_in in after and swapped_in not in before
    assert len(set(before) - set(after)) == 1


@pytest.mark.parametrize("steps", [(), ("[dynamic_control]",)])
def test_portfolio_bad_input_is_re_asked_kindly_and_changes_nothing(steps: tuple[str]) -> None:
    """Words that fit no choice get "didn't catch that" and the same question, at either step."""
    chat = onboard()
    chat.play("/portfolio", *steps)
    asked = chat.asked.key
    replies = chat.say("a purple elephant")
    assert keys_of(replies) == ["common.not_a_choice", asked]
    assert chat.last is not None
    assert not any(isinstance(e, SaveProfile) for e in chat.last.effects)


@pytest.mark.parametrize(
    ("leave", "said"),
    [
        ("cancel", "common.cancelled"),
        ("never mind", "common.cancelled"),
        ("Stop", "common.cancelled"),
        ("/cancel", "common.cancelled"),
        ("[keep]", "portfolio.unchanged"),
        ("no", "portfolio.unchanged"),
    ],
)
@pytest.mark.parametrize("steps", [(), ("[decompression]",)])
def test_portfolio_can_be_left_at_any_step_and_keeps_everything(
    steps: tuple[str], leave: str, said: str
) -> None:
    """ "cancel", "never mind", "stop" and /cancel stop it (as any dialogue); a no or the keep
    button say it stays as it is; either way the portfolio is as it was."""
    chat = onboard()
    before = chat.facts.profile.portfolio
    replies = chat.play("/portfolio", *steps, leave)
    assert keys_of(replies)[-1] == said
    assert chat.state is None
    assert chat.facts.profile.portfolio == before


def test_portfolio_is_a_command_in_help_and_the_menu() -> None:
    """/portfolio is among the commands (so in Telegram's menu, with a description) and in /help."""
    assert "portfolio" in COMMANDS
    assert CONTENT.text("en", "command.portfolio")
    (help_,) = onboard().command("help")
    assert "\n/portfolio — " in as_text(CONTENT, "en", help_)


def test_portfolio_before_onboarding_asks_to_finish_setting_up() -> None:
    """Someone who has not set up yet has no portfolio to show."""
    chat = Chat(now=START)
    assert keys_of(chat.command("portfolio"))[0] == "common.setup_first"
