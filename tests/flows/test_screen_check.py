"""The free-text screen's check tier (one question when in doubt), clauses, negation, priority
and folding."""

from __future__ import annotations

import pytest

from flows.content import ScreenRules
from flows.screen import Finding, clean, fold
from tests.flows.screen_cases import (
    C,
    E,
    K,
    Q,
    U,
    found,
    kind_of,
)

# --- the check tier: what asks one question, and what does not ----------------------------------

CHECK_CAUDA_ASKS = [
    "brown marks in my knickers and I never felt a thing",
    "ran the tap, sat there, still couldn't go",
    "the bath water felt hot everywhere except my bum",
    "trumped and it wasn't just wind",
    "is it normal to need depends at 50?",
    "couldn't finish, just no feeling",
    "L and R leg numb",
    "the sciatica has jumped to both sides now",
    "worried about my waterworks",
]
CHECK_CAUDA_QUIET = [
    "my bladder's fine",  # reassured
    "no problems with the loo",  # negated
    "my bladder and bowels are fine",  # a list, reassured as a whole
    "went for a wee and it was fine",  # calm later in the clause
    "my husband has bladder trouble",  # someone else's
    "my mum wears pads now",
    "I stretched both legs",  # everyday uses of the words
    "inner thigh stretch felt nice",
    "it's a pain in the bum getting up early",
    "the bladder exercise video was useful",
    "heat pads help my back",
]
CHECK_CRISIS_ASKS = [
    "been saying my goodbyes",
    "if I didn't have the kids I'd have ended it by now",
    "started giving my things away, won't need them",
    "relapsed on sh",
    "keep looking at the rope in the garage",
    "I can't do this anymore",
    "what's the point",
    "I'm a burden to everyone",
    "sick to death of this back",
    "I punch my legs when the pain gets too much",
]
CHECK_CRISIS_QUIET = [
    "dying for a coffee",  # figures of speech
    "this stretch is killing me",
    "dead tired",
    "I nearly died laughing",
    "bored to death of clams",
    "my phone died",
    "I don't want to die, I want to get better",  # negated
    "my dad died years ago",  # someone else's
    "I hurt myself lifting the shopping",  # an injury, not self-harm
    "cut myself shaving this morning",
    "I'm saving my painkillers for the bad days",
    "the glute bridge is easier now",
]


@pytest.mark.parametrize("text", CHECK_CAUDA_ASKS)
def test_check_cauda_asks_when_a_red_flag_body_system_is_unclassified(
    text: str, rules: ScreenRules
) -> None:
    """Bladder, bowel, underwear, saddle, sex or both legs, unclassified: check_cauda asks."""
    assert found(text, rules) == Finding(K, "check_cauda")


@pytest.mark.parametrize("text", CHECK_CAUDA_QUIET)
def test_check_cauda_stays_quiet(text: str, rules: ScreenRules) -> None:
    """Negated, reassured, someone else's, or an everyday use of the words: nothing is asked."""
    assert found(text, rules) is None


@pytest.mark.parametrize("text", CHECK_CRISIS_ASKS)
def test_check_crisis_asks_near_death_or_self_harm(text: str, rules: ScreenRules) -> None:
    """Death, ending, means, self-injury or despair that no crisis rule classified: it asks."""
    assert found(text, rules) == Finding(K, "check_crisis")


@pytest.mark.parametrize("text", CHECK_CRISIS_QUIET)
def test_check_crisis_stays_quiet(text: str, rules: ScreenRules) -> None:
    """Figures of speech, negations, someone else's death and everyday injuries ask nothing."""
    assert found(text, rules) is None


def test_check_is_the_least_serious_finding(rules: ScreenRules) -> None:
    """A specific finding in the same message outranks a check question."""
    assert found("worried about my waterworks and I can't pee", rules) == Finding(E, "bladder")
    assert found("worried about my waterworks. I want to die", rules) == Finding(C, "self_harm")
    assert found("worried about my waterworks and I have a fever", rules) == Finding(U, "fever")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("no fever but I can't feel my inner thighs", E),  # "but" ends the negation
        ("no fever and I can't pee", E),
        ("no fever, can't pee", E),
        ("no numbness or tingling in my groin", None),  # "or" carries it
        ("I'm not suicidal but I can't pee", E),
        ("if this pain doesn't stop by friday I'll end it", C),  # "I'll" starts a new statement
        ("I can't pee and I want to die", C),  # crisis outranks emergency
        ("I fell down the stairs and now I can't pee", E),  # emergency outranks urgent
        ("not sure if it matters but I have a fever", U),  # "not sure" negates nothing
        ("I don't know why I can't feel my groin", E),
        ("CAN’T PÉE 😭😭", E),  # case, accents, curly apostrophe, emoji
        ("numbbbb groin", E),  # repeated letters
        ("self-harm", C),
        ("temperature is 39.2", U),  # a decimal point is no full stop
    ],
)
def test_clauses_negation_and_priority(text: str, kind: str | None, rules: ScreenRules) -> None:
    """Negation reaches only its own clause; the most serious kind wins; spelling is forgiven."""
    assert kind_of(text, rules) == (kind or "none")


def test_folding_and_cleaning() -> None:
    """Folding drops case, accents and apostrophes; cleaning keeps only single-spaced words."""
    assert fold("Can’t PÉE & won't") == "cant pee  and  wont"
    assert clean(fold("  Can’t…  pee!! 😭 (help)")) == "cant pee help"
    assert clean("feverrrrr") == "feverr"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("I fell down the stairs on Monday and honestly what is the point any more", (U, "trauma")),
        ("fell off the ladder. what's the point", (U, "trauma")),
        ("had a fever all night, I can't do this anymore", (U, "fever")),
        ("my left leg feels weak and I feel hopeless", (Q, "one_leg_weak")),
    ],
)
def test_the_rules_own_self_harm_check_comes_beside_a_lesser_flag(
    text: str, first: tuple[str, str], rules: ScreenRules
) -> None:
    """Despair the rules read (their check_crisis) beside a fall, a fever or one weak leg: the
    more serious finding first, and the self-harm question `also`, not lost behind it."""
    kind, rule = first
    assert found(text, rules) == Finding(kind, rule, Finding(K, "check_crisis"))


def test_the_rules_own_self_harm_check_is_not_added_beside_an_emergency_or_to_itself(
    rules: ScreenRules,
) -> None:
    """Beside an emergency the reply already sends the person to emergency care (as for the
    reader's question); the check alone is asked once, with nothing beside it."""
    assert found("I keep wetting myself and I feel hopeless", rules) == Finding(E, "bladder")
    assert found("I feel hopeless, so hopeless", rules) == Finding(K, "check_crisis")
    assert found("I fell down the stairs yesterday", rules) == Finding(U, "trauma")
