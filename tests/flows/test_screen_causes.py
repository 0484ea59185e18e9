"""A rule's cause (`explained_by`) and what undoes it (`undone_by`), read by the screen itself:
small rules written here, so that the tests do not depend on the shipped data's wording."""

from __future__ import annotations

import pytest

from flows.content import ScreenRule
from flows.screen import ContextRules, screen

RULES = ContextRules(
    "test",
    (ScreenRule("saddle", "emergency", ("numb bum",)),),
    separators=(r"[.;]",),
    negations=("not", "no"),
    others=("my wife",),
    selves=("i", "my"),
    explained=(("saddle", ("went within minutes",)),),
    undone=(("saddle", ("numb again", "still numb")),),
)


@pytest.mark.parametrize(
    "text",
    [
        "numb bum on the drive, went within minutes",
        "went within minutes. numb bum on the drive",  # a cause anywhere in the message
        "numb again on the drive, numb bum, went within minutes",  # undone only after the cause
    ],
)
def test_a_cause_explains_the_rule_for_the_whole_message(text: str) -> None:
    """A live cause silences the rule's hits wherever they are, unless undone after it."""
    assert screen(text, RULES) is None


@pytest.mark.parametrize(
    "text",
    [
        "numb bum on the drive, went within minutes. today numb again",
        "numb bum on the drive, went within minutes and still numb",  # later in the same clause
        "numb bum; went within minutes; numb again; went within minutes",  # the first cause counts
        "numb bum, went within minutes. my wife says numb again",  # whoever it seems to be about
    ],
)
def test_what_undoes_a_cause_after_it_brings_the_rule_back(text: str) -> None:
    """A cue of `undone_by` found after the rule's first live cause: the hits count again."""
    finding = screen(text, RULES)
    assert finding is not None and (finding.kind, finding.id) == ("emergency", "saddle")


def test_a_negated_undoing_cue_undoes_nothing() -> None:
    """An undoing cue is read like a hit: "not still numb" does not bring the rule back."""
    assert screen("numb bum on the drive, went within minutes. not still numb", RULES) is None
