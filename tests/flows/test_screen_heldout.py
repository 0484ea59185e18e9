"""A held-out set for the free-text safety screen, scored against the shipped English rules.

tests/flows/screen_heldout.toml is written blind, by someone who has not seen the rules, the
screen or the tuning corpus. It is never tuned against: a miss here is reported, not fixed by
adding a word to the rules for that case; once a set has been scored and used it moves into the
tuning corpus (data/safety/corpus/en.toml, as v1, v2 and v3 did) and a new one is written. Until
one exists, every test here is skipped, with the reason.

Two numbers per kind, because the screen answers in two tiers:
- strict: found as its own kind (or a more serious one) by the specific rules, the answer that
  names the red flag (emergency care now, the crisis helplines, a doctor today);
- with check: strict, or answered by the broad "check" tier's question (check_cauda for an
  emergency, check_crisis for a crisis). A check asks ONE question when a message touches a red
  flag's body systems or comes near death or self-harm and no specific rule classified it: the
  answer to that question leads to the right care, so it counts as a response, never as found.
Phrase rules always miss some unseen wording, so the safety floor is the response, not the strict
find. DESIGN §5's bar is that no emergency or crisis case is left without one; the screen does NOT
meet it on unseen text. Held-out v4 (317 cases) was written blind on 2026-12-06, before round 4, by
the session that then wrote round 4: before it opened the rules, the screen or the corpora (so its
cases were known to whoever tuned round 4, which was fitted to the corpus and held-out v3's misses
only; v4's misses were not looked at until both scores were taken). Scored once against the
round-3 rules (2026-12.5): emergency 82/95 strict, 91 with check (4 left); crisis 54/59 strict, 55
with check (4 left); urgent 35/38; clarify 14/16; 3 of 109 calm texts escalated, 4 were asked a
check question. Against the round-4 rules (2026-12.7): emergency 83/95 strict, 92 with check (3
left); crisis 54/59, 55 (4 left); urgent 36/38; clarify 14/16; 1 escalation, 5 check questions.
Its misses were then read, so in round 5 it moved into the tuning corpus (its section "held-out
v4").

Held-out v5 (320 cases: 95 emergency, 60 crisis, 40 urgent, 15 clarify, 110 calm) was written blind
on 2026-12-06 by a helper that opened none of the rules, the screen, the corpora or the earlier
held-out sets, before round 5 changed a rule; it was kept outside the repository, out of the
tuners' reach, while round 5 (v4's misses, then eight rounds of probes, 2026-12.8 to 2026-12.20)
was fitted to the corpus only. Scored once against the round-4 rules (2026-12.7): emergency 84/95
strict, 90 with check (5 left); crisis 48/60, 52 (8 left); urgent 37/40; clarify 6/15; 10 of 110
calm texts escalated, 6 asked a check question. Against the round-5 rules (2026-12.20): emergency
89/95 strict, 92 with check (3 left); crisis 50/60, 53 (7 left); urgent 37/40; clarify 6/15; 10
escalations, 5 check questions. Clarify is low because the writing brief (wrongly) also labelled
numbness or tingling in one leg as clarify; the rules ask the one-leg question for weakness only
(DESIGN §5), so those count as misses here. The bounds below are set from the round-5 score: the
two tests on emergency and crisis guard against regression (at most 3.5% of emergency and 12% of
crisis cases left without a response) and print every case left; they are not the bar, and
docs/SAFETY.md says so. Urgent is held to its strict number (check asks nothing about it), calm
texts to both an escalation bound and a check-question bound. When v5's misses are read, it moves
into the corpus and a new blind set takes its place.

Run ``pytest -s tests/flows/test_screen_heldout.py`` to see the per-kind report.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from bot.content import load_content
from flows.content import ScreenRules
from flows.screen import screen
from tests.flows.screen_cases import Scored, score

HELDOUT = Path(__file__).with_name("screen_heldout.toml")
pytestmark = pytest.mark.skipif(
    not HELDOUT.exists(),
    reason=f"no held-out set: {HELDOUT.name} is absent",
)
KINDS = ("emergency", "crisis", "urgent", "clarify", "none")
MIN_CASES = 300
MAX_URGENT_MISS_RATE = 0.08  # v5: 3/40
MAX_FALSE_ALARM_RATE = 0.095  # escalations: any finding but a check; v5: 10/110 (v4: 1/109)
MAX_CHECK_RATE = 0.10  # check questions on calm texts; v5: 5/110
# Regression guard, not DESIGN's bar (which is zero): the share of emergency or crisis cases that
# may be left without a response. Set from v5 after round 5: 3/95 emergency, 7/60 crisis (one more
# of either fails).
MAX_UNANSWERED_RATE: Mapping[str, float] = {"emergency": 0.035, "crisis": 0.12}


def _load_cases() -> list[dict[str, Any]]:
    if not HELDOUT.exists():
        return []
    with HELDOUT.open("rb") as fh:
        cases: list[dict[str, Any]] = tomllib.load(fh)["case"]
    return cases


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


CASES = _load_cases()


@pytest.fixture(scope="module")
def rules() -> ScreenRules:
    return load_content(required_keys=()).screen["en"]


@pytest.fixture(scope="module")
def results(rules: ScreenRules) -> list[Scored]:
    return score(CASES, lambda text: screen(text, rules))


def _of(results: list[Scored], kind: str) -> list[Scored]:
    return [r for r in results if r.expect == kind]


def _describe(rows: list[Scored]) -> str:
    return "\n".join(f"  {r.text!r} -> {r.finding}" for r in rows)


def test_structure() -> None:
    """The file has at least 300 cases, only known kinds, every kind present, and unique texts."""
    assert len(CASES) >= MIN_CASES
    kinds = {c["expect"] for c in CASES}
    assert kinds <= set(KINDS), kinds - set(KINDS)
    assert kinds == set(KINDS), set(KINDS) - kinds
    assert all(c["text"].strip() for c in CASES)
    folded = [_fold(c["text"]) for c in CASES]
    dups = sorted({c["text"] for c, f in zip(CASES, folded, strict=True) if folded.count(f) > 1})
    assert not dups, dups


def test_report(results: list[Scored]) -> None:
    """Prints per kind: cases, found (strict), answered with check, left without a response;
    for none: escalations and check questions; then each case that is not found."""
    print(f"\nheld-out screen: {len(results)} cases ({HELDOUT.name})")
    print(
        f"{'kind':>9}  {'cases':>5}  {'strict':>6}  {'+check':>6}  {'with check':>10}  {'none':>4}"
    )
    for kind in KINDS[:-1]:
        rows = _of(results, kind)
        strict = sum(r.found for r in rows)
        checked = sum(r.checked for r in rows)
        left = len(rows) - strict - checked
        print(
            f"{kind:>9}  {len(rows):5d}  {strict:6d}  {checked:6d}  "
            f"{strict + checked:4d} ({(strict + checked) / len(rows):4.0%})  {left:4d}"
        )
    calm = _of(results, "none")
    alarms = [r for r in calm if r.finding is not None and r.kind != "check"]
    checks = [r for r in calm if r.kind == "check"]
    print(
        f"{'none':>9}  {len(calm):5d}  escalations {len(alarms)} ({len(alarms) / len(calm):.1%}), "
        f"check questions {len(checks)} ({len(checks) / len(calm):.1%})"
    )
    for kind in KINDS[:-1]:
        rows = [r for r in _of(results, kind) if not r.found]
        if rows:
            print(f"not found, {kind}:\n{_describe(rows)}")
    for label, rows in (("escalations", alarms), ("check questions", checks)):
        if rows:
            print(f"{label} on none:\n{_describe(rows)}")


@pytest.mark.parametrize("kind", ["emergency", "crisis"])
def test_emergency_and_crisis_cases_left_without_a_response(
    results: list[Scored], kind: str
) -> None:
    """At most 3.5% of emergency (12% of crisis) cases are neither found as their kind nor asked
    the right check question — a regression guard; DESIGN's bar of none is not met (module
    docstring)."""
    rows = _of(results, kind)
    left = [r for r in rows if r.left]
    rate = len(left) / len(rows)
    assert rate <= MAX_UNANSWERED_RATE[kind], f"{len(left)} {kind} cases left:\n{_describe(left)}"


def test_urgent_miss_rate(results: list[Scored]) -> None:
    """At most 8% of urgent cases are missed (urgent, emergency or crisis counts; check does
    not: its question asks nothing about fever, cancer, falls, weight or night pain)."""
    rows = _of(results, "urgent")
    misses = [r for r in rows if not r.found]
    rate = len(misses) / len(rows)
    assert rate <= MAX_URGENT_MISS_RATE, f"urgent miss rate {rate:.1%}:\n{_describe(misses)}"


def test_none_false_alarm_rate(results: list[Scored]) -> None:
    """At most 9.5% of calm (none) cases raise an escalation (any finding but a check)."""
    rows = _of(results, "none")
    alarms = [r for r in rows if r.finding is not None and r.kind != "check"]
    rate = len(alarms) / len(rows)
    assert rate <= MAX_FALSE_ALARM_RATE, f"false-alarm rate {rate:.1%}:\n{_describe(alarms)}"


def test_none_check_rate(results: list[Scored]) -> None:
    """At most 10% of calm (none) cases are asked a check question."""
    rows = _of(results, "none")
    checks = [r for r in rows if r.kind == "check"]
    rate = len(checks) / len(rows)
    assert rate <= MAX_CHECK_RATE, f"check-question rate {rate:.1%}:\n{_describe(checks)}"
