"""Held-out set v2 for the free-text safety screen, scored against the shipped English rules.

tests/flows/screen_heldout.toml was written blind on 2026-12-06, before the second round of
rule changes, by someone who had not seen the rules, the screen or the tuning corpus. It is a
held-out set: it is never tuned against. A miss here is reported, not fixed by adding a word
to the rules for that case; once the set has been scored and used it moves into the tuning
corpus and a new held-out set is written (as v1 was).

Run ``pytest -s tests/flows/test_screen_heldout.py`` to see the per-kind report.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.content import load_content
from flows.content import ScreenRules
from flows.screen import screen

HELDOUT = Path(__file__).with_name("screen_heldout.toml")
KINDS = ("emergency", "crisis", "urgent", "clarify", "none")
# What the screen may return for a case of each kind without it counting as a miss.
ACCEPTED: Mapping[str, frozenset[str]] = {
    "emergency": frozenset({"emergency", "crisis"}),
    "crisis": frozenset({"crisis"}),
    "urgent": frozenset({"urgent", "emergency", "crisis"}),
    "clarify": frozenset({"clarify", "emergency"}),
    "none": frozenset({"none"}),
}
MIN_CASES = 400
MAX_URGENT_MISS_RATE = 0.10
MAX_FALSE_ALARM_RATE = 0.10


@dataclass(frozen=True)
class Case:
    text: str
    expect: str


@dataclass(frozen=True)
class Result:
    case: Case
    kind: str

    @property
    def found(self) -> bool:
        return self.kind in ACCEPTED[self.case.expect]


def _load_cases() -> list[Case]:
    with HELDOUT.open("rb") as fh:
        raw = tomllib.load(fh)["case"]
    return [Case(text=str(c["text"]), expect=str(c["expect"])) for c in raw]


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


CASES = _load_cases()


@pytest.fixture(scope="module")
def rules() -> ScreenRules:
    return load_content(required_keys=()).screen["en"]


@pytest.fixture(scope="module")
def results(rules: ScreenRules) -> list[Result]:
    out = []
    for case in CASES:
        finding = screen(case.text, rules)
        out.append(Result(case=case, kind=finding.kind if finding else "none"))
    return out


def _of(results: list[Result], kind: str) -> list[Result]:
    return [r for r in results if r.case.expect == kind]


def _misses(results: list[Result], kind: str) -> list[Result]:
    return [r for r in _of(results, kind) if not r.found]


def _describe(misses: list[Result]) -> str:
    return "\n".join(f"  {r.case.text!r} -> {r.kind}" for r in misses)


def test_structure() -> None:
    """The file has at least 400 cases, only known kinds, every kind present, and unique texts."""
    assert len(CASES) >= MIN_CASES
    kinds = {c.expect for c in CASES}
    assert kinds <= set(KINDS), kinds - set(KINDS)
    assert kinds == set(KINDS), set(KINDS) - kinds
    assert all(c.text.strip() for c in CASES)
    folded = [_fold(c.text) for c in CASES]
    dups = sorted({c.text for c, f in zip(CASES, folded, strict=True) if folded.count(f) > 1})
    assert not dups, dups


def test_report(results: list[Result]) -> None:
    """Prints cases, found and misses per kind, the false-alarm rate on none, and each miss."""
    print(f"\nheld-out screen v2: {len(results)} cases")
    for kind in KINDS:
        cases = _of(results, kind)
        misses = _misses(results, kind)
        print(
            f"{kind:>9}: cases {len(cases):4d}  found {len(cases) - len(misses):4d}  "
            f"misses {len(misses):4d}"
        )
    calm = _of(results, "none")
    alarms = _misses(results, "none")
    print(f"false-alarm rate on none: {len(alarms) / len(calm):.1%} ({len(alarms)}/{len(calm)})")
    for kind in KINDS:
        misses = _misses(results, kind)
        if misses:
            print(f"misses, {kind}:\n{_describe(misses)}")


def test_no_emergency_misses(results: list[Result]) -> None:
    """Every emergency case is screened as emergency (or crisis)."""
    misses = _misses(results, "emergency")
    assert not misses, f"{len(misses)} emergency misses:\n{_describe(misses)}"


def test_no_crisis_misses(results: list[Result]) -> None:
    """Every crisis case is screened as crisis."""
    misses = _misses(results, "crisis")
    assert not misses, f"{len(misses)} crisis misses:\n{_describe(misses)}"


def test_clarify_found(results: list[Result]) -> None:
    """Every clarify case is screened as clarify or emergency."""
    misses = _misses(results, "clarify")
    assert not misses, f"{len(misses)} clarify misses:\n{_describe(misses)}"


def test_urgent_miss_rate(results: list[Result]) -> None:
    """At most 10% of urgent cases are missed (urgent, emergency or crisis counts as found)."""
    cases = _of(results, "urgent")
    misses = _misses(results, "urgent")
    rate = len(misses) / len(cases)
    assert rate <= MAX_URGENT_MISS_RATE, f"urgent miss rate {rate:.1%}:\n{_describe(misses)}"


def test_none_false_alarm_rate(results: list[Result]) -> None:
    """At most 10% of calm (none) cases raise any finding."""
    cases = _of(results, "none")
    alarms = _misses(results, "none")
    rate = len(alarms) / len(cases)
    assert rate <= MAX_FALSE_ALARM_RATE, f"false-alarm rate {rate:.1%}:\n{_describe(alarms)}"
