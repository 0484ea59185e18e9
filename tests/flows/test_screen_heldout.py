"""The held-out safety-screen corpus (tests/flows/screen_heldout.toml), scored against the shipped
English rules. The corpus was written blind, before the rules changed: it measures the screen and
must never be tuned against. Run with `pytest -s` to see the scores per kind."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from bot.content import load_content
from flows.screen import screen

HELDOUT = Path(__file__).with_name("screen_heldout.toml")
KINDS = ("emergency", "crisis", "urgent", "clarify", "none")
# What the screen may answer for each expected kind without it counting as a miss. Crisis outranks
# emergency; a one-legged weakness the screen escalates to an emergency is not missed. "clarify" is
# compared as a string: the kind may not exist in the code yet.
ACCEPTED: dict[str, frozenset[str]] = {
    "emergency": frozenset({"emergency", "crisis"}),
    "crisis": frozenset({"crisis"}),
    "urgent": frozenset({"urgent", "emergency", "crisis"}),
    "clarify": frozenset({"clarify", "emergency"}),
    "none": frozenset({"none"}),
}
MIN_CASES = 400
MAX_URGENT_MISSED = 0.10
MAX_FALSE_ALARMS = 0.10


def load_cases() -> list[tuple[str, str]]:
    """The held-out cases as (text, expected kind), in file order."""
    with HELDOUT.open("rb") as f:
        data = tomllib.load(f)
    cases: list[tuple[str, str]] = []
    for case in data["case"]:
        text = case["text"]
        expect = case["expect"]
        assert isinstance(text, str) and isinstance(expect, str), case
        cases.append((text, expect))
    return cases


CASES = load_cases()


@pytest.fixture(scope="module")
def found() -> dict[str, str]:
    """What the shipped English rules find in each held-out text ("none" for nothing)."""
    rules = load_content(required_keys=()).screen["en"]
    kinds: dict[str, str] = {}
    for text, _ in CASES:
        finding = screen(text, rules)
        kind: str = finding.kind if finding else "none"
        kinds[text] = kind
    return kinds


def misses(found: dict[str, str], expect: str) -> list[tuple[str, str]]:
    """The cases expected as `expect` that the screen found as a kind not accepted for it."""
    return [
        (text, found[text])
        for text, kind in CASES
        if kind == expect and found[text] not in ACCEPTED[expect]
    ]


def show_misses(expect: str, missed: list[tuple[str, str]]) -> None:
    """Print each missed case of one kind with what the screen found instead."""
    for text, kind in missed:
        print(f"  missed {expect}: {text!r} -> {kind}")


def false_alarm_rate(found: dict[str, str]) -> float:
    """The share of "none" cases in which the screen found anything."""
    calm = [text for text, kind in CASES if kind == "none"]
    return sum(found[text] != "none" for text in calm) / len(calm)


def test_heldout_structure() -> None:
    """The held-out file has at least 400 cases, every kind present, known kinds, unique texts."""
    assert len(CASES) >= MIN_CASES, len(CASES)
    counts = Counter(kind for _, kind in CASES)
    assert set(counts) == set(KINDS), counts
    folded = [" ".join(text.casefold().split()) for text, _ in CASES]
    repeated = [text for text, n in Counter(folded).items() if n > 1]
    assert not repeated, repeated
    assert all(text.strip() for text, _ in CASES)


def test_heldout_report(found: dict[str, str]) -> None:
    """Prints per kind the cases, those found as that kind, the misses, and the false-alarm rate."""
    print()
    for expect in KINDS:
        texts = [text for text, kind in CASES if kind == expect]
        exact = sum(found[text] == expect for text in texts)
        missed = len(misses(found, expect))
        print(f"{expect:>9}: {len(texts):3} cases, {exact:3} found as {expect}, {missed:3} missed")
    print(f"false-alarm rate on none: {false_alarm_rate(found):.1%}")


def test_heldout_no_emergency_missed(found: dict[str, str]) -> None:
    """Every emergency case is found as an emergency (or as a crisis, which outranks it)."""
    missed = misses(found, "emergency")
    show_misses("emergency", missed)
    assert not missed, missed


def test_heldout_no_crisis_missed(found: dict[str, str]) -> None:
    """Every crisis case is found as a crisis."""
    missed = misses(found, "crisis")
    show_misses("crisis", missed)
    assert not missed, missed


def test_heldout_clarify_found(found: dict[str, str]) -> None:
    """Every one-legged-weakness case is found as clarify or as an emergency."""
    missed = misses(found, "clarify")
    show_misses("clarify", missed)
    assert not missed, missed


def test_heldout_urgent_mostly_found(found: dict[str, str]) -> None:
    """At most 10% of urgent cases are missed (urgent, emergency or crisis all count as found)."""
    missed = misses(found, "urgent")
    show_misses("urgent", missed)
    total = sum(kind == "urgent" for _, kind in CASES)
    assert len(missed) / total <= MAX_URGENT_MISSED, missed


def test_heldout_false_alarms_on_none(found: dict[str, str]) -> None:
    """At most 10% of the calm ("none") cases trip the screen."""
    alarms = [
        (text, found[text]) for text, kind in CASES if kind == "none" and found[text] != "none"
    ]
    for text, kind in alarms:
        print(f"  false alarm: {text!r} -> {kind}")
    assert false_alarm_rate(found) <= MAX_FALSE_ALARMS, alarms
