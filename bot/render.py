"""Turns the coach's replies (catalogue key + parameters + choices) into text."""

from __future__ import annotations

from flows.catalogue import keys
from flows.content import Content
from flows.model import Choice, Reply

TERMINAL = keys("terminal", "type_number", "type_one")  # how the terminal asks for an answer


def text_of(content: Content, language: str, reply: Reply) -> str:
    """The message body of a reply, without its choices."""
    return content.text(language, reply.key, reply.params)


def label_of(content: Content, language: str, choice: Choice) -> str:
    """The visible label of one choice."""
    return choice.label if choice.literal else content.text(language, choice.label, choice.params)


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
        hint = {"hint": scale_hint(content, language, reply)}
        lines.append("   " + content.text(language, TERMINAL.type_number, hint))
    labels = [label_of(content, language, choice) for choice in reply.choices]
    if reply.explicit and labels:
        lines.append(
            "   " + content.text(language, TERMINAL.type_one, {"choices": " · ".join(labels)})
        )
    else:
        lines += (f"   {number}) {label}" for number, label in enumerate(labels, start=1))
    return "\n".join(lines)
