"""The free-text screen's properties (chatter, line breaks, negation cues) and its cost: rules
compiled once, no pattern across a clause."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from flows import screen as screen_module
from flows.content import ScreenRules
from flows.screen import ContextRules, Finding, clean, fold, pattern, screen
from tests.flows.screen_cases import (
    CORPUS,
    KINDS,
    NEGATIVES,
    POSITIVES,
    E,
    expected_kind,
    kind_of,
)

# --- properties ----------------------------------------------------------------------------

# Clause breaks. A single line break is no longer one: it may join two lines' words (see
# test_a_single_line_break_never_loses_a_positive); a blank line is.
SEPARATORS = (". ", "! ", "\n\n", ", ", "; ", "? ")
BARE = (
    "numbness in my groin",
    "tingling around my bottom",
    "pins and needles between my legs",
    "bladder problems",
    "loss of bladder control",
    "incontinence",
    "bowel incontinence",
    "erectile problems",
    "weakness in both legs",
    "numbness in both legs",
    "foot drop",
    "fever",
    "high temperature",
    "night sweats",
    "cancer",
    "a tumour",
    "car accident",
    "night pain",
    "suicidal thoughts",
    "self harm",
)


def explains(chatter: str, case: dict[str, Any], rules: ScreenRules) -> bool:
    """Whether `chatter` states a cause of the case's red flag ("I'm dieting" for weight loss)."""
    assert isinstance(rules, ContextRules)
    words = clean(fold(chatter))
    # the rule named by the case, or else the one that finds it ("I've lost a stone without
    # trying" names none; "lost weight on purpose" explains the weight rule's find)
    found = screen(case["text"], rules)
    rule = case.get("id") or (found.id if found else None)
    causes = [p for rule_id, ps in rules.explained if rule_id == rule for p in ps]
    return any(pattern(cause).search(words) for cause in causes)


def unrelated(chatter: dict[str, Any], case: dict[str, Any], rules: ScreenRules) -> bool:
    """Chatter that finds nothing (a known false positive is not chatter) and explains nothing."""
    return screen(chatter["text"], rules) is None and not explains(chatter["text"], case, rules)


@given(
    case=st.sampled_from([c for c in POSITIVES if "xfail" not in c]),
    chatter=st.sampled_from(NEGATIVES),
    separator=st.sampled_from(SEPARATORS),
    before=st.booleans(),
)
def test_unrelated_chatter_keeps_a_positive_positive(
    rules: ScreenRules, case: dict[str, Any], chatter: dict[str, Any], separator: str, before: bool
) -> None:
    """A red flag stays found, as its kind (or its check question), whatever everyday chatter
    comes before or after it."""
    if not unrelated(chatter, case, rules):
        return
    parts = (chatter["text"], case["text"]) if before else (case["text"], chatter["text"])
    assert kind_of(separator.join(parts), rules) == expected_kind(case)


@given(
    case=st.sampled_from([c for c in POSITIVES if "xfail" not in c]),
    chatter=st.sampled_from(NEGATIVES),
    before=st.booleans(),
)
def test_a_single_line_break_never_loses_a_positive(
    rules: ScreenRules, case: dict[str, Any], chatter: dict[str, Any], before: bool
) -> None:
    """Chatter a line break away leaves a red flag found, as its kind or a more serious one."""
    if not unrelated(chatter, case, rules):
        return
    parts = (chatter["text"], case["text"]) if before else (case["text"], chatter["text"])
    found = kind_of("\n".join(parts), rules)
    assert found != "none" and KINDS.index(found) <= KINDS.index(expected_kind(case))


@given(data=st.data(), symptom=st.sampled_from(BARE), filler=st.sampled_from(("", "any ", "a ")))
def test_a_negation_cue_before_a_bare_symptom_silences_it(
    rules: ScreenRules, data: st.DataObject, symptom: str, filler: str
) -> None:
    """ "no numbness in my groin", "never had cancer", "without any fever": each cue negates,
    when the cue and the words after it fit the window a negation reaches back over ("post on
    a forum any car accident" puts the cue's first word six words before "accident")."""
    cue = data.draw(st.sampled_from(rules.negations))
    assume(len(f"{cue} {filler}{symptom}".split()) <= rules.window + 1)
    assert screen(symptom, rules) is not None
    assert screen(f"{cue} {filler}{symptom}", rules) is None


# --- fast enough for every message -----------------------------------------------------------


def test_rules_compile_once_not_per_message(rules: ScreenRules) -> None:
    """Screening the whole corpus, and a message of Telegram's maximum length, compiles nothing."""
    screen("warm up", rules)
    before = screen_module._compile.cache_info()
    for case in CORPUS:
        screen(case["text"], rules)
    long = " ".join(c["text"] for c in NEGATIVES)[:4096]
    assert screen(long + ". I can't pee", rules) == Finding(E, "bladder")
    assert screen_module._compile.cache_info().misses == before.misses


def test_no_pattern_can_cross_a_clause(rules: ScreenRules) -> None:
    """Clauses are searched as the lines of one text: no pattern may match a line break."""
    assert isinstance(rules, ContextRules)
    crossing = re.compile(r"\\[sSWDB]|\[\^|(?<!\\)\.")
    cues = [p for _, ps in (*rules.explained, *rules.undone) for p in ps]
    cues += [p for *_, ps in rules.raised for p in ps]
    patterns = [p for rule in rules.rules for p in rule.patterns] + cues
    assert [p for p in patterns if crossing.search(p)] == []
