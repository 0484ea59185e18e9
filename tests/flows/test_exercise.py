"""An exercise described in full says what to do, what to feel, and an easier and a harder way."""

from __future__ import annotations

from dataclasses import replace

from bot.render import as_text
from tests.flows.transcript import CONTENT, keys_of, onboard


def test_a_portfolio_checkin_describes_feel_and_options_on_one_line() -> None:
    """The check-in's "here's how" for a portfolio movement carries its feel and the
    "Easier: … Harder: …" line."""
    chat = onboard()
    first = chat.facts.profile.portfolio[0]
    chat.play("/checkin", "[portfolio]", f"[p:{first}]")
    (go,) = chat.say("2")
    assert go.key == "checkin.go_exercise"
    exercise = CONTENT.exercises[first]
    lines = as_text(CONTENT, "en", go).splitlines()
    assert f"What you should feel: {exercise.feel}" in lines
    assert f"Easier: {exercise.easier} Harder: {exercise.harder}" in lines


def test_breathing_is_described_with_why_it_helps_before_how() -> None:
    """Checked in on, the breathing practice says what it is for, then the 60-second practice."""
    chat = onboard()
    profile = replace(chat.facts.profile, portfolio=("breathing",))
    chat.facts = replace(chat.facts, profile=profile)
    chat.play("/checkin", "[portfolio]")
    assert keys_of(chat.press("p:breathing")) == ["checkin.baseline"]
    (go,) = chat.say("1")
    text = as_text(CONTENT, "en", go)
    breathing = CONTENT.exercises["breathing"]
    assert text.index(breathing.why) < text.index(breathing.how)
