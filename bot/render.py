"""Turns the coach's replies (catalogue key + parameters + choices) into text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flows.content import Content
from flows.model import Choice, Reply

MISSING = "–"


class _Params(dict[str, Any]):
    """Format parameters where an absent or empty value shows as a dash, never a crash."""

    def __missing__(self, key: str) -> str:
        return MISSING


def fill(template: str, params: Mapping[str, Any]) -> str:
    """Formats a catalogue template; None values show as a dash."""
    values = _Params({k: (MISSING if v is None else v) for k, v in params.items()})
    return template.format_map(values)


def text_of(content: Content, language: str, reply: Reply) -> str:
    """The message body of a reply, without its choices."""
    return fill(content.text(language, reply.key), reply.params)


def label_of(content: Content, language: str, choice: Choice) -> str:
    """The visible label of one choice."""
    return (
        choice.label
        if choice.literal
        else fill(content.text(language, choice.label), choice.params)
    )


def scale_hint(content: Content, language: str, reply: Reply) -> str:
    """ "0 = no pain … 10 = worst pain imaginable" for a scale question."""
    assert reply.scale is not None
    low = content.text(language, reply.scale.low)
    high = content.text(language, reply.scale.high)
    return f"{reply.scale.lo} = {low} … {reply.scale.hi} = {high}"


def as_text(content: Content, language: str, reply: Reply) -> str:
    """A reply as plain text for the terminal: body, then numbered choices or the scale.

    The choices of an explicit question (a safety answer, consent, deletion) get no numbers: they
    are listed on one line to be typed in words, so a pain score typed by habit is never taken
    for one."""
    lines = [text_of(content, language, reply)]
    if reply.scale is not None:
        lines.append(f"   ({scale_hint(content, language, reply)} — type a number)")
    labels = [label_of(content, language, choice) for choice in reply.choices]
    if reply.explicit and labels:
        lines.append("   type one: " + " · ".join(labels))
    else:
        lines += (f"   {number}) {label}" for number, label in enumerate(labels, start=1))
    return "\n".join(lines)
