"""The free-text safety screen: every red flag and crisis is found; negations and chatter are not.

The corpus and example tables are here; the check tier, reported cases, properties and loading
are in test_screen_check, test_screen_reported, test_screen_properties and test_screen_loading.

The rules are the real data/safety/en.toml, loaded through bot.content.load_content. The corpus
(data/safety/corpus/en.toml) is data: each typed phrasing with the kind the screen must find. A
"check" finding (one broad question, when in doubt) is a RESPONSE but not a FIND: a case is found
only as its own kind. `pytest -s -k corpus_numbers` prints per kind the cases, those found as
their kind (strict), those answered by a check question, and those missed entirely; for "none",
the escalations (false alarms) and the check questions, each with its rate. These are the rules
alone: the learned reader behind them (flows/reader.py) is trained on this corpus, so its score
here would mean nothing; tests/flows/test_screen_blind.py scores both on unseen text."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import pytest

from flows.content import SCREEN_KINDS, ScreenRules
from flows.screen import Finding, screen
from tests.flows.screen_cases import (
    CORPUS,
    KINDS,
    MAX_CHECK_RATE,
    MAX_FALSE_POSITIVE_RATE,
    NEGATIVES,
    POSITIVES,
    RIGHT_CHECK,
    C,
    E,
    K,
    Q,
    U,
    answer,
    expected_kind,
)

# --- the corpus ----------------------------------------------------------------------------


def test_corpus_covers_every_rule_and_kind(rules: ScreenRules) -> None:
    """At least 1,200 cases; several phrasings for every rule; plenty of chatter and negations."""
    assert len(CORPUS) >= 1200
    assert {c["expect"] for c in CORPUS} == {*SCREEN_KINDS, "none"}
    per_rule = Counter(c.get("id") for c in POSITIVES)
    assert {rule.id: per_rule[rule.id] >= 5 for rule in rules.rules} == {
        rule.id: True for rule in rules.rules
    }
    assert len(NEGATIVES) >= 600


def _param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
    return pytest.param(case, marks=marks, id=case["text"][:60])


@pytest.mark.parametrize("case", [_param(c) for c in POSITIVES])
def test_positive_is_found_as_its_kind(case: dict[str, Any], rules: ScreenRules) -> None:
    """Each phrasing is found as exactly its kind (and rule, where named), or, where the case says
    so, answered by exactly its check question."""
    finding = screen(case["text"], rules)
    assert finding is not None and finding.kind == expected_kind(case), finding
    if "id" in case or "check" in case:
        assert finding == answer(case)


@pytest.mark.parametrize("case", [_param(c) for c in NEGATIVES])
def test_negative_finds_nothing(case: dict[str, Any], rules: ScreenRules) -> None:
    """Each negation, other person's symptom, explained cause or piece of chatter finds nothing
    (or, where the case says so, only the check question it names)."""
    assert screen(case["text"], rules) == answer(case)


def passes(case: dict[str, Any], rules: ScreenRules) -> bool:
    """Whether the screen returns exactly what `case` expects (its kind, rule or check question)."""
    finding = screen(case["text"], rules)
    want = answer(case)
    if want is None or finding is None:
        return finding == want
    named = "id" in case or "check" in case
    return finding == want if named else finding.kind == want.kind


def test_corpus_numbers(rules: ScreenRules) -> None:
    """Prints per kind: cases, found as that kind (strict), answered by a check question, missed
    entirely; for "none": escalations and check questions. Escalations on "none" stay below 5%,
    check questions on "none" at 15% at most."""
    began = time.perf_counter()
    findings = [screen(c["text"], rules) for c in CORPUS]
    each = (time.perf_counter() - began) / len(CORPUS)
    failed = [c for c in CORPUS if not passes(c, rules)]
    print(f"\nsafety screen corpus: {len(CORPUS)} cases, {each * 1e6:.0f} µs a message")
    print(f"  {'kind':<10} {'cases':>6} {'strict':>7} {'check':>6} {'missed':>7} {'xfail':>6}")
    calm: list[Finding | None] = []
    for kind in KINDS:
        pairs = [(c, f) for c, f in zip(CORPUS, findings, strict=True) if c["expect"] == kind]
        marked = sum("xfail" in c for c, _ in pairs)
        if kind == "none":
            calm = [f for _, f in pairs]
            continue
        strict = sum(f is not None and f.kind == kind for _, f in pairs)
        asked = sum(f is not None and f.kind == K for _, f in pairs) if kind != K else 0
        missed = len(pairs) - strict - asked
        print(f"  {kind:<10} {len(pairs):>6} {strict:>7} {asked:>6} {missed:>7} {marked:>6}")
    alarms = [f for f in calm if f is not None and f.kind != K]
    checks = [f for f in calm if f is not None and f.kind == K]
    print(
        f"  {'none':<10} {len(calm):>6}   escalations {len(alarms)}"
        f" ({len(alarms) / len(calm):.1%}), check questions {len(checks)}"
        f" ({len(checks) / len(calm):.1%})"
    )
    for case in failed:
        if "xfail" not in case:
            print(f"  unexpected: {case['text']!r} -> {screen(case['text'], rules)}")
    assert sorted(c["text"] for c in failed) == sorted(c["text"] for c in CORPUS if "xfail" in c)
    assert len(alarms) / len(calm) < MAX_FALSE_POSITIVE_RATE  # known ones (xfail) included
    assert len(checks) / len(calm) <= MAX_CHECK_RATE


def test_no_emergency_or_crisis_is_left_unread() -> None:
    """No emergency or crisis case may be marked xfail: every one of them must be found."""
    assert [c["text"] for c in POSITIVES if "xfail" in c and c["expect"] in (C, E)] == []


def test_every_emergency_and_crisis_case_gets_its_response(rules: ScreenRules) -> None:
    """Every emergency and crisis case is found as its kind, or answered by the RIGHT check
    question (an emergency by check_cauda, a crisis by check_crisis); none is missed entirely."""
    unanswered = []
    for case in (c for c in POSITIVES if c["expect"] in RIGHT_CHECK):
        finding = screen(case["text"], rules)
        right = Finding(K, RIGHT_CHECK[case["expect"]])
        if not ((finding is not None and finding.kind == case["expect"]) or finding == right):
            unanswered.append((case["text"], finding))
    assert unanswered == []


def test_only_emergency_crisis_and_calm_cases_carry_a_check() -> None:
    """A `check` key answers an emergency case with check_cauda, a crisis with check_crisis, or
    marks a calm text that a check question asks about; never an urgent or clarify case."""
    wrong = [
        c["text"]
        for c in CORPUS
        if ("check" in c and c["check"] != RIGHT_CHECK.get(c["expect"], c["check"]))
        or ("check" in c and c["expect"] in (U, Q, K))
    ]
    assert wrong == []


# --- example tables: each category at its boundaries ---------------------------------------

EXAMPLES: dict[str, list[tuple[str, str | None]]] = {
    "saddle": [
        ("numbness in my groin", E),
        ("no numbness in my groin", None),
        ("my groin isn't numb", None),
        ("numbness in the bottom of my foot", None),
        ("my bottom feels numb", E),
        ("can't feel the stretch in my inner thighs", None),
        ("can't feel my inner thighs", E),
    ],
    "bladder": [
        ("I can't pee", E),
        ("I can pee fine", None),
        ("no problems with my bladder", None),
        ("the bladder exercise video was useful", None),
        ("bladdar problems", E),
        ("I need to pee but nothing comes out", E),
        ("I haven't peed since yesterday", E),
    ],
    "bowel": [
        ("lost control of my bowels", E),
        ("bowels are normal", None),
        ("no bladder or bowel problems", None),
        ("I soiled myself", E),
    ],
    "sexual": [
        ("can't get an erection", E),
        ("no erection problems", None),
        ("numb during sex", E),
        ("sex life is fine", None),
    ],
    "both_legs": [
        ("pain in both legs", E),
        ("sciatica down my left leg", None),
        ("both legs are fine", None),
        ("no weakness in my legs", None),
        ("my legs are both tingling", E),
        ("I stretched both legs", None),
    ],
    "weakness": [
        ("my leg is getting weaker", E),
        ("my leg keeps giving way", E),
        ("foot drop", E),
        ("no foot drop", None),
        ("I was dragging my feet about the exercises", None),
        ("I can't lift my foot", E),
        ("can't lift heavy boxes yet", None),
    ],
    "fever": [
        ("I have a fever", U),
        ("no fever", None),
        ("not feeling unwell", None),
        ("my temperature is normal", None),
        ("temp of 38.5", U),
        ("I'm sick of this pain", None),
    ],
    "cancer": [
        ("I had cancer", U),
        ("never had cancer", None),
        ("cancelled my gym class", None),
        ("cancer was ruled out", None),
        ("Tumeric latte helps", None),
        ("they found a tumour", U),
    ],
    "trauma": [
        ("I fell down the stairs", U),
        ("I fell asleep early", None),
        ("I haven't fallen", None),
        ("I fell.", U),
        ("I did it by accident", None),
        ("car crash last week", U),
        ("slipped disc diagnosed years ago", None),
    ],
    "weight": [
        ("losing weight without trying", U),
        ("I'm trying to lose weight", None),
        ("lifted some weights", None),
        ("I lost 6kg", U),
    ],
    "night": [
        ("severe pain at night", U),
        ("no pain at night", None),
        ("the pain wakes me up every night", U),
        ("the pain doesn't wake me at night", None),
        ("I need to pee a lot at night", None),
    ],
    "self_harm": [
        ("I want to die", C),
        ("I don't want to die, I want to get better", None),
        ("I'm not suicidal", None),
        ("I'm suicidal", C),
        ("my back is killing me", None),
        ("I hurt myself lifting the shopping", None),
        ("I want to hurt myself", C),
    ],
}
TABLE = [(rule, text, kind) for rule, rows in EXAMPLES.items() for text, kind in rows]


@pytest.mark.parametrize(("rule", "text", "kind"), TABLE, ids=[t for _, t, _ in TABLE])
def test_example_table(rule: str, text: str, kind: str | None, rules: ScreenRules) -> None:
    """Each category's boundary: the phrasing trips its rule, or (None) trips nothing."""
    assert screen(text, rules) == (Finding(kind, rule) if kind else None)
