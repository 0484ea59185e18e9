"""The screen corpus (data/safety/corpus/en.toml) and what the screen must answer for each of
its cases; shared by the test_screen* files. The `rules` fixture (the shipped English screen) is in
conftest.py."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flows.content import SCREEN_KINDS, ScreenRules
from flows.screen import Finding, screen

CORPUS_DIR = Path(__file__).resolve().parents[2] / "data" / "safety" / "corpus"
CORPUS: list[dict[str, Any]] = tomllib.loads((CORPUS_DIR / "en.toml").read_text(encoding="utf-8"))[
    "case"
]
POSITIVES = [c for c in CORPUS if c["expect"] != "none"]
NEGATIVES = [c for c in CORPUS if c["expect"] == "none"]
MAX_FALSE_POSITIVE_RATE = 0.05  # escalations (any kind but "check") on calm texts
MAX_CHECK_RATE = 0.15  # check questions on calm texts: one question each, but not every message
KINDS = (*SCREEN_KINDS, "none")
E, U, C, Q, K = "emergency", "urgent", "crisis", "clarify", "check"
# the check question that answers a case of each kind, when the specific rules do not find it
RIGHT_CHECK = {E: "check_cauda", C: "check_crisis"}


def kind_of(text: str, rules: ScreenRules) -> str:
    """The kind the screen finds in `text`, or "none"."""
    finding = screen(text, rules)
    return finding.kind if finding else "none"


def answer(case: dict[str, Any]) -> Finding | None:
    """What the screen must return for `case`: its check question if it carries one, else its
    kind (and rule, where named; None for "none")."""
    if "check" in case:
        return Finding(K, case["check"])
    if case["expect"] == "none":
        return None
    return Finding(case["expect"], case.get("id", "?"))


def expected_kind(case: dict[str, Any]) -> str:
    """The kind the screen must return for `case` ("check" for a case a check question answers)."""
    return K if "check" in case else case["expect"]


def found(text: str, rules: ScreenRules) -> Finding | None:
    """What the screen finds in `text` (None: nothing)."""
    return screen(text, rules)


# ---------------------------------------- scoring a held-out set (what a case's answer counts as)

# what may be returned for a held-out case of each kind for it to count as found (strict)
ACCEPTED: Mapping[str, frozenset[str]] = {
    E: frozenset({E, C}),
    C: frozenset({C}),
    U: frozenset({U, E, C}),
    Q: frozenset({Q, E}),
    "none": frozenset({"none"}),
}


@dataclass(frozen=True)
class Scored:
    """One held-out case and what the screen returned for it."""

    expect: str
    text: str
    finding: Finding | None

    @property
    def kind(self) -> str:
        return self.finding.kind if self.finding else "none"

    @property
    def found(self) -> bool:
        """Found as its kind, or one its kind accepts: the strict number."""
        return self.kind in ACCEPTED[self.expect]

    @property
    def checked(self) -> bool:
        """Not found, but asked the check question that answers its kind (as the finding, or the
        reader's check added to a lesser finding of the rules)."""
        right = RIGHT_CHECK.get(self.expect)
        if self.found or right is None:
            return False
        asked, finding = [], self.finding
        while finding is not None:
            asked.append((finding.kind, finding.id))
            finding = finding.also
        return (K, right) in asked

    @property
    def left(self) -> bool:
        """An emergency or crisis case neither found nor asked its check question."""
        return self.expect in RIGHT_CHECK and not self.found and not self.checked


def score(cases: Sequence[dict[str, Any]], find: Callable[[str], Finding | None]) -> list[Scored]:
    """Each case with what `find` returns for its text."""
    return [Scored(c["expect"], c["text"], find(c["text"])) for c in cases]
