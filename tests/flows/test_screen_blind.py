"""The whole screen — rules, then the learned reader — scored on the newest blind held-out sets.

tests/flows/heldout/<lang>.toml (English v17: 160 cases; Spanish v15 and German v15: 80 each)
were written blind on 2026-12-07 by helpers that opened none of the project (rules, screen,
corpora, earlier sets, reader): the twelfth round, short, sideways and in answer to the coach (a
pain number with a few words after it, "yes but…", a correction, "is it normal that…?", an aside
in brackets, a fragment, text-speak, voice-to-text; at least a third under ten words), with calm
texts from the same material. Scored with the screen as the eleventh round found it (rules
2026-12.35, es50, de45; the reader trained on ten rounds' sets), then after the changes it saw
(a rules round on the eleventh round's misses, by class: 2026-12.38, es51, de46; the eleventh
round's sets joined the reader's examples). Emergency / crisis left:

- before: rules alone en 1 / 3 of 50 / 40, es 3 / 8 of 28 / 22, de 5 / 6 of 28 / 22 (26 of
  200); with the reader **none** (0 of 200), for the first time; calm texts escalated or checked
  with the reader en 9 of 50, es 4 of 22, de 6 of 22.
- after: rules alone en 1 / 3, es 3 / 7, de 5 / 6 (25 of 200); with the reader **none**; calm en
  8, es 4, de 6. As committed.

The eleventh round (en v16, es and de v14; lives with other conditions and other people: the
person's new sign beside an older explained one or someone else's), before it was learnt: rules
alone 36 of 200 left, with the reader 2 (en 0 / 0, es 0 / 1, de 1 / 0), the same after a cue that
undoes a cause and the tenth round's misses by class: "perdí a mi hijo en marzo … solo quiero
irme con él" (a wish to join a dead child) and "Mit da Prostata bin i eh scho langsam … Owa seit
gestan auf d'Nocht geht goa nix mehr" (retention in Bavarian beside a slow prostate), both
nothing found; the rules round on its misses (es51, de46) now finds both.

The tenth round (en v15, es and de v13; the week between two check-ins), before it was learnt:
rules alone 35 of 200 left, with the reader 2 (en 1 / 0, es 0 / 0, de 1 / 0): "Abeg is it normal
that my buttocks and the middle place are numb?" and "der linke fuss haengt … jetzt fängt rechts
auch an schwach zu werden" (both mended by class in 2026-12.35 and de45).

The ninth round (en v14, es and de v12; time, degree and doubt), before it was learnt: rules alone
42 of 200 left, with the reader 5 (en 1 / 0, es 2 / 0, de 1 / 1); after a rules round on the eighth
round's misses (2026-12.31, es46, de40, written without that set) and the eighth round learnt,
rules alone 41, with the reader the same 5: four were a weakness of one leg spread to the other
("today the right one's going too", "hoy la der tb esta floja", "heute will das rechte auch nicht
mehr"), read as one weak leg, although that rules round had been told of the class; the fifth a
countdown, "noch 3 tage … danach ist schluss". The rules then learnt the class from the ninth
round's cases (2026-12.32, es47, de41: the other side named with "too", "tb", "auch" a few words
on): the tenth round, written after, is the blind test of that change, and left one case of it.

The eighth round (en v13, es and de v11; how the sign hides: understatement, voice-to-text, the
sign in a long check-in or a reply to the coach), before it was learnt: rules alone 46 of 200
left, with the reader 3, after a rules round on the seventh round's misses and the seventh round
learnt 3 (rules alone 40): two legs read as one weak leg, and a will made and the dog rehomed,
"fühlt sich richtig an so".
The seventh round (en v12, es and de v10; people whose lives shape how they say things), before
it was learnt: rules alone 47 of 200 left, with the reader 4, after a rules round on the sixth
round's misses and the sixth round learnt 3 (a leg weaker each day read as one weak leg; "thank u
for trying … I'm done now ❤️"; insulin left out on purpose, asked the emergency question).
The sixth round (en v11, es and de v9; messages as they come during use), before it was learnt:
rules alone 42 of 200 left, with the reader 6, after a rules round on the fifth round's misses
and the rules' self-harm check beside a lesser flag 5, after learning the fifth round 5.
The rounds before (each scored the same way; docs/DESIGN-NOTES.md has every figure): the first
(en v6, es and de v4) rules alone 30 of 320 left, with the first reader 4; the second (en v7, es
and de v5) rules alone 55 of 260, with the reader 13, after learning the first round 9, after a
rules round on the first round's misses 8 (rules alone 49); the third (en v8, es and de v6) rules
alone 70 of 200, with the reader 11, after learning the second round 9; the fourth (en v9, es
and de v7) rules alone 37 of 200, with the reader 7, after the changes it saw 4; the fifth (en
v10, es and de v8) rules alone 48 of 200, with the reader 8, after the changes it saw 7, after a
rules round on its own misses 1. The reader's
settings (features, C = 10, balanced classes, thresholds 0.5, and 0.4 for crisis) were chosen on the
corpus (cross-validation), the earlier held-out sets and the everyday set below, the crisis
threshold's 0.3 by leaving each learnt round out in turn; never on a blind set still blind.
The bounds below are the rules-alone score and the shipped one: regression guards, not the bar
(DESIGN §5 asks for no emergency or crisis case left unanswered, and two of 200 still are).

tests/flows/heldout/everyday_<lang>.txt (300 en, 150 es, 150 de) are everyday messages written
to measure the reader's false alarms, never trained on: the check questions the reader adds to
the rules' on them are bounded below (lines within 80% of a training line are left out: the
everyday training files were written later and a few came out alike).

Counted as in test_screen_heldout.py: strict = found as its kind (or more serious); with check =
or asked the check question that answers its kind (check_cauda, check_crisis); left = neither.
Calm texts: escalations (any kind but a check) and check questions.

Run ``pytest -s tests/flows/test_screen_blind.py`` for the tables.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from bot.content import default_data_dir
from flows.screen import Finding, fold, screen
from tests.flows.screen_cases import Scored, score
from tests.flows.transcript import CONTENT

HERE = Path(__file__).parent / "heldout"
LANGUAGES = ("en", "es", "de")
KINDS = ("emergency", "crisis", "urgent", "clarify", "none")
# Cases left without any response, at most: (rules alone, rules and reader), per language and kind.
LEFT_AT_MOST: Mapping[str, Mapping[str, tuple[int, int]]] = {
    "en": {"emergency": (1, 0), "crisis": (3, 0)},
    "es": {"emergency": (3, 0), "crisis": (7, 0)},
    "de": {"emergency": (5, 0), "crisis": (6, 0)},
}
# Calm texts that got an escalation or a check question, at most (rules and reader).
CALM_ALARMS_AT_MOST: Mapping[str, int] = {"en": 8, "es": 4, "de": 6}  # of 50, 22, 22


def _load(lang: str) -> list[dict[str, Any]]:
    path = HERE / f"{lang}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["case"] if path.exists() else []


SETS = {lang: _load(lang) for lang in LANGUAGES}


Find = Callable[[str], Finding | None]


def _score(lang: str, find: Find) -> list[Scored]:
    return score(SETS[lang], find)


def _finders(lang: str) -> tuple[Find, Find]:
    rules, reader = CONTENT.screen[lang], CONTENT.readers[lang]
    return (lambda t: screen(t, rules)), (lambda t: screen(t, rules, reader))


def _table(lang: str, alone: list[Scored], both: list[Scored]) -> str:
    lines = [f"{lang}: rules alone | rules and reader", "  kind       cases strict +check left"]
    for kind in KINDS[:-1]:
        a = [r for r in alone if r.expect == kind]
        b = [r for r in both if r.expect == kind]
        cells = [
            f"{sum(r.found for r in x):>4} {sum(r.checked for r in x):>4} "
            f"{sum(not r.found and not r.checked for r in x):>4}"
            for x in (a, b)
        ]
        lines.append(f"  {kind:<10} {len(a):>5} {cells[0]} | {cells[1]}")
    for name, rows in (("alone", alone), ("with reader", both)):
        calm = [r for r in rows if r.expect == "none"]
        escalated = sum(r.kind not in ("none", "check") for r in calm)
        checked = sum(r.kind == "check" for r in calm)
        lines.append(f"  calm {len(calm)} ({name}): {escalated} escalated, {checked} checked")
    for r in both:
        if r.left:
            lines.append(f"  left {r.expect}: {r.text!r} -> {r.kind}")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_blind_set_shape(lang: str) -> None:
    """Each blind set is there, of known kinds, with emergency, crisis and calm cases."""
    kinds = {c["expect"] for c in SETS[lang]}
    assert kinds <= set(KINDS) and {"emergency", "crisis", "none"} <= kinds
    assert len(SETS[lang]) >= 80


@pytest.mark.parametrize("lang", LANGUAGES)
def test_blind_scores(lang: str) -> None:
    """Prints both scores; no more emergency or crisis cases left without a response than the
    pinned scores (rules alone, and rules with the reader), and the reader never loses a case
    the rules alone answered."""
    alone_find, both_find = _finders(lang)
    alone, both = _score(lang, alone_find), _score(lang, both_find)
    print("\n" + _table(lang, alone, both))
    for kind, (at_most_alone, at_most_both) in LEFT_AT_MOST[lang].items():
        assert sum(r.left for r in alone if r.expect == kind) <= at_most_alone, kind
        assert sum(r.left for r in both if r.expect == kind) <= at_most_both, kind
    pairs = zip(alone, both, strict=True)
    lost = [b.text for a, b in pairs if b.left and not a.left]
    assert lost == []


# Check questions the reader adds on the everyday sets, at most (as shipped: en 4 of 248 fresh
# lines, es 5 of 136, de 1 of 127).
EVERYDAY_CHECKS_AT_MOST: Mapping[str, int] = {"en": 4, "es": 5, "de": 2}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_everyday_messages_rarely_get_a_check_question(lang: str) -> None:
    """On everyday messages nobody trained on, the reader adds at most the pinned number of
    check questions to the rules' (printed), and never an escalation: it only ever asks."""
    rules, reader = CONTENT.screen[lang], CONTENT.readers[lang]
    trained = [fold(e.text) for e in reader.examples]
    lines = (HERE / f"everyday_{lang}.txt").read_text(encoding="utf-8").splitlines()
    fresh = [
        t for t in lines if t.strip() and not difflib.get_close_matches(fold(t), trained, 1, 0.8)
    ]
    added = []  # (text, the check the reader added: alone, or beside the rules' own finding)
    for text in fresh:
        alone = screen(text, rules)
        found = screen(text, rules, reader)
        if found != alone and found is not None:
            added.append((text, found if alone is None else found.also))
    print(f"\n{lang}: {len(added)} check questions added on {len(fresh)} fresh everyday lines")
    for text, check in added:
        print(f"  {check.id if check else '?'}: {text!r}")
    assert all(check is not None and check.kind == "check" for _, check in added)
    assert len(added) <= EVERYDAY_CHECKS_AT_MOST[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_rules_escalate_on_no_everyday_message(lang: str) -> None:
    """No everyday message, of the reader's training file or of the set above, gets an
    escalation from the rules (a check question at most): everyday talk never holds coaching."""
    rules = CONTENT.screen[lang]
    training = default_data_dir() / "safety" / "everyday" / f"{lang}.txt"
    lines = []
    for path in (HERE / f"everyday_{lang}.txt", training):
        lines += [t for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
    escalated = [t for t in lines if (f := screen(t, rules)) is not None and f.kind != "check"]
    assert escalated == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_blind_calm_alarms(lang: str) -> None:
    """Calm texts (negations, someone else's, figures of speech, chatter) escalated or asked a
    check question, with the reader: at most the pinned count."""
    _, both_find = _finders(lang)
    calm = [r for r in _score(lang, both_find) if r.expect == "none"]
    assert sum(r.kind != "none" for r in calm) <= CALM_ALARMS_AT_MOST[lang]
