"""The free-text safety screen: every red flag and crisis is found; negations and chatter are not.

The rules are the real data/safety/en.toml, loaded through bot.content.load_content. The corpus
(screen_corpus.toml) is data: each typed phrasing with the kind the screen must find. A "check"
finding (one broad question, when in doubt) is a RESPONSE but not a FIND: a case is found only as
its own kind. `pytest -s -k corpus_numbers` prints per kind the cases, those found as their kind
(strict), those answered by a check question, and those missed entirely; for "none", the
escalations (false alarms) and the check questions, each with its rate.
"""

from __future__ import annotations

import re
import shutil
import time
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content import ContentError, default_data_dir, load_content
from flows import screen as screen_module
from flows.content import SCREEN_KINDS, ScreenRules
from flows.screen import ContextRules, Finding, clean, fold, pattern, screen

CORPUS: list[dict[str, Any]] = tomllib.loads(
    Path(__file__).with_name("screen_corpus.toml").read_text(encoding="utf-8")
)["case"]
POSITIVES = [c for c in CORPUS if c["expect"] != "none"]
NEGATIVES = [c for c in CORPUS if c["expect"] == "none"]
MAX_FALSE_POSITIVE_RATE = 0.05  # escalations (any kind but "check") on calm texts
MAX_CHECK_RATE = 0.15  # check questions on calm texts: one question each, but not every message
KINDS = (*SCREEN_KINDS, "none")
E, U, C, Q, K = "emergency", "urgent", "crisis", "clarify", "check"
# the check question that answers a case of each kind, when the specific rules do not find it
RIGHT_CHECK = {E: "check_cauda", C: "check_crisis"}


@pytest.fixture(scope="module")
def rules() -> ScreenRules:
    """The shipped English screen, as the bot loads it."""
    return load_content(required_keys=()).screen["en"]


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


# --- what users met: each example that was missed, or that raised a false alarm ------------


def found(text: str, rules: ScreenRules) -> Finding | None:
    """What the screen finds in `text` (None: nothing)."""
    return screen(text, rules)


def test_bladder_out_of_control_is_a_bladder_emergency(rules: ScreenRules) -> None:
    """ "my bladder is out of control" is the bladder emergency."""
    assert found("my bladder is out of control", rules) == Finding(E, "bladder")


def test_misspelt_control_is_read(rules: ScreenRules) -> None:
    """ "i cant controll my bladder" (double l) is the bladder emergency."""
    assert found("i cant controll my bladder", rules) == Finding(E, "bladder")


def test_not_making_it_to_the_toilet_is_incontinence(rules: ScreenRules) -> None:
    """ "I didn't make it to the toilet": its "didn't" is the symptom, not a negation."""
    assert found("I didn't make it to the toilet", rules) == Finding(E, "bladder")


def test_wearing_a_pad_and_leaking_is_incontinence(rules: ScreenRules) -> None:
    """ "I had to wear a pad, I keep leaking" is the bladder emergency."""
    assert found("I had to wear a pad, I keep leaking", rules) == Finding(E, "bladder")


def test_a_line_break_inside_a_sentence_is_a_space(rules: ScreenRules) -> None:
    """ "I can't control\\nmy bladder" is read across the line break."""
    assert found("I can't control\nmy bladder", rules) == Finding(E, "bladder")


def test_no_negation_reaches_over_a_line_break(rules: ScreenRules) -> None:
    """A line's "no" does not silence the next line, read as a list or as one sentence."""
    assert found("no pain\nnumb groin", rules) == Finding(E, "saddle")
    assert found("no fever\ncan't\npee", rules) == Finding(E, "bladder")
    assert found("my cat is sick\nnumb down\nthere", rules) == Finding(E, "saddle")


def test_kms_is_a_crisis_and_kilometres_are_not(rules: ScreenRules) -> None:
    """ "kms" (kill myself) is a crisis; "5 kms" is a distance."""
    assert found("kms", rules) == Finding(C, "self_harm")
    assert found("i should just kys tbh", rules) == Finding(C, "self_harm")
    assert found("I walked 5 kms today", rules) is None


@pytest.mark.parametrize(
    "text",
    [
        "having trouble starting to pee",
        "my stream is really weak now",
        "I haven't had a wee since this morning and it's 9pm",
        "I have to strain to wee",
    ],
)
def test_retention_in_plain_words_is_a_bladder_emergency(text: str, rules: ScreenRules) -> None:
    """Trouble starting, a weak stream, not having gone for hours, straining: retention."""
    assert found(text, rules) == Finding(E, "bladder")


def test_a_bowel_accident_is_no_fall(rules: ScreenRules) -> None:
    """An "accident" the message says was poo is the bowel emergency, not trauma."""
    assert found("had an accident this morning, it was poo", rules) == Finding(E, "bowel")
    assert found("I had a bowel accident", rules) == Finding(E, "bowel")
    assert found("I had an accident at work and hurt my back", rules) == Finding(U, "trauma")


@pytest.mark.parametrize(
    "text",
    [
        "I wet myself today",
        "I keep leaking",
        "I've started wearing pads because I leak",
        "I dribble all the time now",
        "I didn't make it to the loo this morning",
    ],
)
def test_incontinence_in_everyday_words(text: str, rules: ScreenRules) -> None:
    """Wet myself, leaking, pads, dribbling, didn't make it: the bladder emergency."""
    assert found(text, rules) == Finding(E, "bladder")


@pytest.mark.parametrize(
    "text",
    [
        "maybe everyone would be better off without me",
        "sometimes I think about not being here",
        "I'm going to end it tonight",
        "I've been saving up my tablets",
        "overdose",
    ],
)
def test_possibility_intention_and_method_are_a_crisis(text: str, rules: ScreenRules) -> None:
    """Self-harm as a possibility, an intention or a method is a crisis."""
    assert found(text, rules) == Finding(C, "self_harm")


def test_others_named_in_crisis_language_are_still_the_person(rules: ScreenRules) -> None:
    """ "my family would be better off without me" is a crisis: no someone-else reading."""
    assert found("my family would be better off without me", rules) == Finding(C, "self_harm")


@pytest.mark.parametrize(
    "text",
    [
        "I've been on steroids for years and now I have sudden new back pain",
        "I have osteoporosis and suddenly my back is really painful",
        "my doctor thinks it might be a compression fracture",
    ],
)
def test_steroids_or_osteoporosis_with_new_pain_is_fracture_risk(
    text: str, rules: ScreenRules
) -> None:
    """Long-term steroids or osteoporosis with sudden new pain: the urgent rule "fracture"."""
    assert found(text, rules) == Finding(U, "fracture")


def test_a_steroid_injection_is_no_fracture_risk(rules: ScreenRules) -> None:
    """An epidural steroid injection or a short course is no long-term steroid use."""
    assert found("I had a steroid injection last month and it helped", rules) is None
    assert found("the GP gave me a short course of steroids", rules) is None


@pytest.mark.parametrize(
    "text",
    [
        "my wife had cancer",
        "my dog is unwell",
        "my dad fell off a ladder",
        "my mum has osteoporosis",
        "I hurt my back lifting my dad who had a fall",
    ],
)
def test_someone_elses_symptoms_are_not_the_persons(text: str, rules: ScreenRules) -> None:
    """Another person or an animal as the subject: their red flag is not the person's."""
    assert found(text, rules) is None


def test_the_person_speaks_again_after_someone_else(rules: ScreenRules) -> None:
    """ "I", "my" or reported speech after someone else gives the clause back to the person."""
    assert found("my wife thinks I have a fever", rules) == Finding(U, "fever")
    assert found("my wife says my left leg is dragging", rules) == Finding(E, "weakness")
    assert found("they found a tumour", rules) == Finding(U, "cancer")
    assert found("took my dog out and fell on the ice", rules) == Finding(U, "trauma")
    assert found("my mum had cancer and so did I", rules) == Finding(U, "cancer")


def test_a_hit_that_begins_with_the_persons_word_is_theirs(rules: ScreenRules) -> None:
    """ "using my wife's pads because I keep leaking": the hit begins with "I", so it is theirs."""
    assert found("using my wife's pads because I keep dribbling", rules) == Finding(E, "bladder")
    assert found("my wife keeps leaking", rules) is None


def test_things_are_no_one_who_falls(rules: ScreenRules) -> None:
    """ "the ladder fell over", "my phone fell down the sofa": a thing fell, not the person."""
    assert found("the ladder fell over", rules) is None
    assert found("my phone fell down the back of the sofa", rules) is None
    assert found("the ladder fell over and I landed on my back", rules) == Finding(U, "trauma")


@pytest.mark.parametrize(
    "text", ["lost weight on purpose", "I'm dieting", "I've lost 5kg since I started dieting"]
)
def test_a_stated_cause_explains_weight_loss(text: str, rules: ScreenRules) -> None:
    """On purpose, dieting, trying to: weight loss with a stated cause is no red flag."""
    assert found(text, rules) is None


def test_a_denied_cause_explains_nothing(rules: ScreenRules) -> None:
    """ "not dieting", "without trying": the weight loss stays unexplained, and urgent."""
    assert found("I've lost weight and I'm not dieting", rules) == Finding(U, "weight")
    assert found("I've lost a stone without trying", rules) == Finding(U, "weight")


def test_one_weak_leg_asks_first(rules: ScreenRules) -> None:
    """ "my left leg feels weak" is "clarify": one question (both legs? worse?) first."""
    assert found("my left leg feels weak", rules) == Finding(Q, "one_leg_weak")


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("both legs feel weak", Finding(E, "both_legs")),
        ("my left leg feels weak and now the right one too", Finding(E, "both_legs")),
        ("my left leg feels weak, it's getting worse", Finding(E, "weakness")),
        ("my left leg feels weak. It's getting worse", Finding(E, "weakness")),
        ("my left leg feels weak, it's not getting worse", Finding(Q, "one_leg_weak")),
    ],
)
def test_both_legs_or_worsening_weakness_is_an_emergency(
    text: str, finding: Finding, rules: ScreenRules
) -> None:
    """Weakness in both legs, or getting worse (said anywhere in the message): emergency."""
    assert found(text, rules) == finding


def test_clarify_is_the_least_serious_kind_but_check(rules: ScreenRules) -> None:
    """Crisis > emergency > urgent > clarify > check: any other finding beside a weak leg wins."""
    assert SCREEN_KINDS == (C, E, U, Q, K)
    assert found("my left leg feels weak and my bladder is a worry", rules) == Finding(
        Q, "one_leg_weak"
    )
    assert found("my left leg feels weak and I can't pee", rules) == Finding(E, "bladder")
    assert found("my left leg feels weak and I have a fever", rules) == Finding(U, "fever")


def test_misspellings_and_slang_are_read(rules: ScreenRules) -> None:
    """ "bladdder", "bowls" for bowels, "unalive": read as what they mean."""
    assert found("bladdder issues since yesterday", rules) == Finding(E, "bladder")
    assert found("cant controll my bowls", rules) == Finding(E, "bowel")
    assert found("I want to unalive myself", rules) == Finding(C, "self_harm")


@pytest.mark.parametrize(
    "text", ["no numbness", "bladder's fine", "this stretch is killing me", "dead tired"]
)
def test_negations_and_figures_of_speech_stay_quiet(text: str, rules: ScreenRules) -> None:
    """Negations, reassurance and figures of speech find nothing."""
    assert found(text, rules) is None


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
    causes = [p for rule_id, ps in rules.explained if rule_id == case.get("id") for p in ps]
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
    """ "no numbness in my groin", "never had cancer", "without any fever": each cue negates."""
    cue = data.draw(st.sampled_from(rules.negations))
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
    cues = [p for _, ps in rules.explained for p in ps] + [p for *_, ps in rules.raised for p in ps]
    patterns = [p for rule in rules.rules for p in rule.patterns] + cues
    assert [p for p in patterns if crossing.search(p)] == []


# --- loading: the loader refuses broken screen data by file and key ----------------------------


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A scratch copy of data/ that a test may break."""
    copy = tmp_path / "data"
    shutil.copytree(default_data_dir(), copy)
    return copy


def refusal(data: Path) -> str:
    """The message of the ContentError that loading `data` raises."""
    with pytest.raises(ContentError) as caught:
        load_content(data, required_keys=())
    return str(caught.value)


def add_rule(data: Path, text: str) -> int:
    """Appends a [[rule]] to the English screen; returns its position."""
    path = data / "safety" / "en.toml"
    n = len(tomllib.loads(path.read_text(encoding="utf-8"))["rule"]) + 1
    with path.open("a", encoding="utf-8") as f:
        f.write(f"\n[[rule]]\n{text}\n")
    return n


def test_real_screen_loads(data: Path) -> None:
    """Every language file under data/safety/ loads, English among them, with a version."""
    content = load_content(data, required_keys=())
    assert "en" in content.screen and content.screen["en"].version


def test_bad_regular_expression_is_refused(data: Path) -> None:
    """A pattern that does not compile is named by rule and pattern."""
    n = add_rule(data, "id = \"broken\"\nkind = \"urgent\"\npatterns = ['fine', '(unclosed']")
    message = refusal(data)
    assert message.startswith(f"data/safety/en.toml: rule[{n}].patterns[2]: bad regular expression")


def test_dropping_the_fracture_rule_is_refused(data: Path) -> None:
    """The screen keeps DESIGN §5's fracture risk as an urgent rule (before its question)."""
    path = data / "safety" / "en.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('id = "fracture"', 'id = "fractures"'), encoding="utf-8")
    assert refusal(data) == "data/safety/en.toml: rule: urgent rule 'fracture' is missing"


def test_raising_to_an_unknown_rule_is_refused(data: Path) -> None:
    """A `raised` key must name a rule of the file."""
    n = add_rule(
        data, "id = \"soon\"\nkind = \"urgent\"\npatterns = ['x']\nraised = { nope = ['y'] }"
    )
    assert refusal(data) == f"data/safety/en.toml: rule[{n}].raised.nope: no rule has this id"


def test_raising_to_a_less_serious_kind_is_refused(data: Path) -> None:
    """A finding may be raised, never lowered: an emergency rule cannot be raised to "fever"."""
    n = add_rule(
        data, "id = \"soon\"\nkind = \"emergency\"\npatterns = ['x']\nraised = { fever = ['y'] }"
    )
    assert refusal(data).startswith(f"data/safety/en.toml: rule[{n}].raised.fever: must be")


def test_a_bad_cause_is_refused(data: Path) -> None:
    """An `explained_by` pattern is checked like any other."""
    n = add_rule(data, "id = \"soon\"\nkind = \"urgent\"\npatterns = ['x']\nexplained_by = ['(']")
    message = refusal(data)
    assert message.startswith(f"data/safety/en.toml: rule[{n}].explained_by[1]: bad regular")


def test_unknown_kind_is_refused(data: Path) -> None:
    """A rule's kind must be crisis, emergency, urgent, clarify or check."""
    n = add_rule(data, 'id = "later"\nkind = "later"\npatterns = [\'whenever\']')
    assert refusal(data).startswith(f"data/safety/en.toml: rule[{n}].kind: 'later' is not one of")


def test_unknown_word_is_refused(data: Path) -> None:
    """A {name} that [words] does not define is refused."""
    n = add_rule(data, 'id = "typo"\nkind = "urgent"\npatterns = [\'{nmub} groin\']')
    assert refusal(data) == f"data/safety/en.toml: rule[{n}].patterns[1]: unknown word {{nmub}}"


def test_upper_case_pattern_is_refused(data: Path) -> None:
    """Patterns see folded text, so a capital letter or apostrophe could never match."""
    n = add_rule(data, 'id = "loud"\nkind = "urgent"\npatterns = ["Can\'t pee"]')
    assert refusal(data).startswith(f"data/safety/en.toml: rule[{n}].patterns[1]: write patterns")


def test_dropping_a_red_flag_rule_is_refused(data: Path) -> None:
    """Every red flag of DESIGN §5 keeps a rule of its kind in the free-text screen."""
    path = data / "safety" / "en.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('id = "night"', 'id = "nights"'), encoding="utf-8")
    assert refusal(data) == "data/safety/en.toml: rule: urgent rule 'night' is missing"


def test_missing_english_screen_is_refused(data: Path) -> None:
    """English is the reference screen and must exist."""
    (data / "safety" / "en.toml").unlink()
    assert refusal(data) == "data/safety/en.toml: (file): missing"
