"""The free-text screen on what users met: each example that was missed, or that raised a false
alarm."""

from __future__ import annotations

import pytest

from flows.content import SCREEN_KINDS, ScreenRules
from flows.screen import Finding
from tests.flows.screen_cases import (
    C,
    E,
    K,
    Q,
    U,
    found,
)

# --- what users met: each example that was missed, or that raised a false alarm ------------


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
