"""The free-text safety screen in every language besides English (issue 16): Spanish and German.

Each language has its own rules (data/safety/<lang>.toml), its own tuning corpus
(data/safety/corpus/<lang>.toml, at least 300 phrasings) and its own held-out set
(tests/flows/screen_heldout_<lang>.toml), never tuned against. v1 was written and committed before
the language's first rule; v2 (2026-12-06) was written blind, without opening the rules, the screen
or the corpus, and committed on its own before the round of tuning that followed it (git log); v1's
cases then moved into the corpus as tuning cases. Each new held-out set does the same.

Corpus, as for English (tests/flows/test_screen.py): every emergency and crisis case is found as
its kind and rule, with no exception; an urgent, clarify or calm case the rules cannot yet pass
carries xfail = "reason" (strict: it must still fail) and is counted. Held-out: scored, never
fixed case by case; the numbers are printed per kind, with the same two tiers as English (strict:
found as its kind or a more serious one; with check: or answered by the right check question),
and guarded against regression by the bounds below.

``pytest -s tests/flows/test_screen_languages.py -k numbers`` prints both reports per language,
each also with what the person's language and English together would find (for comparison: the
bot runs the person's language's rules only; docs/DESIGN-NOTES.md says why).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from bot.content import RED_FLAGS, load_content
from flows.content import SCREEN_KINDS, ScreenRules
from flows.screen import Finding, screen
from tests.flows.screen_cases import RIGHT_CHECK, Scored, score

HERE = Path(__file__).parent
CORPUS_DIR = HERE.resolve().parents[1] / "data" / "safety" / "corpus"
LANGUAGES = ("es", "de")
KINDS = ("emergency", "crisis", "urgent", "clarify", "none")
CHECK = "check"
MIN_CORPUS = 300
MIN_HELDOUT = 60
MAX_CORPUS_FALSE_ALARMS = 0.05  # escalations on calm corpus texts, xfail included
MAX_CORPUS_CHECKS = 0.15  # check questions on calm corpus texts
# Held-out regression guards, not DESIGN's bar (which is zero emergency and crisis misses).
# "left" = neither found nor answered by the right check question. Held-out v3 (es and de, 125
# cases each: 45 emergency, 25 crisis, 15 urgent, 5 clarify, 35 calm) was written blind on
# 2026-12-06 by helpers that opened none of the rules, the screen, the corpora or earlier sets,
# and kept outside the repository while the rules were tuned on the corpora (v2's misses, then
# probe rounds: es13 to es36, de13 to de30). Scored once before that tuning and once after:
#   es: before (es12) emergency 36 found + 3 checked, 6 left; crisis 16 + 3, 6 left; urgent 15
#       of 15; clarify 1 of 5; calm 0 escalations, 1 check. After (es36): emergency 40 + 2, 3
#       left; crisis 17 + 4, 4 left; urgent 15; clarify 1; calm 0 escalations, 1 check.
#   de: before (de12) emergency 35 + 5, 5 left; crisis 16 + 1, 8 left; urgent 13; clarify 2;
#       calm 1 escalation, 3 checks. After (de30): emergency 37 + 4, 4 left; crisis 20 + 0, 5
#       left; urgent 14; clarify 2; calm 1 escalation, 2 checks.
# (Clarify is low because the writing brief also labelled numbness of one leg as clarify; the
# rules ask the one-leg question for weakness only.) Earlier sets: v1 and v2 moved into the corpora.
# The guards pin the after counts: a rule change that leaves one more held-out emergency or
# crisis case unanswered fails here. Lower them when a round of tuning (on the corpus) lowers
# the truth.
HELDOUT_UNANSWERED_AT_MOST: Mapping[str, Mapping[str, int]] = {
    "es": {"emergency": 3, "crisis": 4},
    "de": {"emergency": 4, "crisis": 5},
}
MAX_HELDOUT_URGENT_MISS = 0.20
MAX_HELDOUT_FALSE_ALARMS = 0.10


def _load(path: Path) -> list[dict[str, Any]]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["case"] if path.exists() else []


CORPUS = {lang: _load(CORPUS_DIR / f"{lang}.toml") for lang in LANGUAGES}
HELDOUT = {lang: _load(HERE / f"screen_heldout_{lang}.toml") for lang in LANGUAGES}


@pytest.fixture(scope="module")
def screens() -> Mapping[str, ScreenRules]:
    """Every shipped screen, as the bot loads them."""
    return load_content(required_keys=()).screen


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def _kind(finding: Finding | None) -> str:
    return finding.kind if finding else "none"


def _together(text: str, screens: Mapping[str, ScreenRules], lang: str) -> Finding | None:
    """The more serious of what the person's language and English find (a comparison only: the
    bot screens with the person's language's rules alone)."""
    found = [f for f in (screen(text, screens[lang]), screen(text, screens["en"])) if f]
    return min(found, key=lambda f: SCREEN_KINDS.index(f.kind), default=None)


def _table(title: str, rows: list[Scored], *, misses: bool = True) -> str:
    lines = [title, f"  {'kind':>9} {'cases':>5} {'strict':>6} {'+check':>6} {'left':>5}"]
    for kind in KINDS[:-1]:
        of = [r for r in rows if r.expect == kind]
        strict, asked = sum(r.found for r in of), sum(r.checked for r in of)
        left = len(of) - strict - asked
        lines.append(f"  {kind:>9} {len(of):5d} {strict:6d} {asked:6d} {left:5d}")
    calm = [r for r in rows if r.expect == "none"]
    alarms = sum(r.finding is not None and r.finding.kind != CHECK for r in calm)
    checks = sum(r.finding is not None and r.finding.kind == CHECK for r in calm)
    lines.append(f"  {'none':>9} {len(calm):5d}  escalations {alarms}, check questions {checks}")
    if misses:
        wrong = [r for r in rows if not r.found and not (r.expect == "none" and r.finding is None)]
        lines += [f"    {r.expect}: {r.text!r} -> {r.finding}" for r in wrong]
    return "\n".join(lines)


# --- structure ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_a_full_screen(lang: str, screens: Mapping[str, ScreenRules]) -> None:
    """Each language ships rules for every red flag (same ids and kinds as English) and both
    check rules, so that a finding maps to the same question in every language. Crisis rules
    may be split differently (English reads "all my tablets" in a rule of its own): a crisis
    finding gets the same reply whichever rule found it, and its id is never stored."""
    kinds = {r.id: r.kind for r in screens[lang].rules}
    english = {r.id: r.kind for r in screens["en"].rules}
    assert {i: k for i, k in kinds.items() if k != "crisis"} == {
        i: k for i, k in english.items() if k != "crisis"
    }
    assert {flag: kinds.get(flag) for flag in RED_FLAGS} == dict(RED_FLAGS)


def _needs_heldout(lang: str) -> None:
    """Skips, with the reason, while a language's held-out set is absent (between its old set
    moving into the corpus and a new blind one landing)."""
    if not HELDOUT[lang]:
        pytest.skip(f"no held-out set: screen_heldout_{lang}.toml is absent")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_corpus_shape(lang: str) -> None:
    """At least 300 corpus cases; every kind present; no text twice (compared without case,
    spaces or punctuation); no emergency or crisis case marked xfail."""
    corpus = CORPUS[lang]
    assert len(corpus) >= MIN_CORPUS
    assert {c["expect"] for c in corpus} >= set(KINDS)
    folded = Counter(_fold(c["text"]) for c in corpus)
    assert [t for t, n in folded.items() if n > 1] == []
    assert not any("xfail" in c for c in corpus if c["expect"] in ("emergency", "crisis"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout_shape(lang: str) -> None:
    """At least 60 held-out cases; every kind present; no text twice in it nor also in the corpus
    (compared without case, spaces or punctuation)."""
    _needs_heldout(lang)
    heldout = HELDOUT[lang]
    assert len(heldout) >= MIN_HELDOUT
    assert {c["expect"] for c in heldout} == set(KINDS)
    folded = Counter(_fold(c["text"]) for c in (*CORPUS[lang], *heldout))
    assert [t for t, n in folded.items() if n > 1] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_corpus_names_every_rule(lang: str) -> None:
    """Every red flag and the crisis rule has at least three corpus phrasings naming it."""
    per_rule = Counter(c.get("id") for c in CORPUS[lang])
    assert {f: per_rule[f] >= 3 for f in (*RED_FLAGS, "self_harm")} == dict.fromkeys(
        (*RED_FLAGS, "self_harm"), True
    )


# --- the corpus -----------------------------------------------------------------------------


def _want(case: dict[str, Any]) -> Finding | None:
    if "check" in case:
        return Finding(CHECK, case["check"])
    return None if case["expect"] == "none" else Finding(case["expect"], case.get("id", "?"))


def _params(positive: bool) -> list[Any]:
    out = []
    for lang in LANGUAGES:
        for n, case in enumerate(CORPUS[lang]):
            if (case["expect"] != "none") != positive:
                continue
            marks = (
                [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            )
            out.append(pytest.param(lang, case, marks=marks, id=f"{lang}{n}-{case['text'][:40]}"))
    return out


@pytest.mark.parametrize(("lang", "case"), _params(positive=True))
def test_positive_is_found_as_its_kind(
    lang: str, case: dict[str, Any], screens: Mapping[str, ScreenRules]
) -> None:
    """Each phrasing is found as exactly its kind (and rule, where named), or answered by exactly
    the check question it names."""
    finding = screen(case["text"], screens[lang])
    want = _want(case)
    assert want is not None and finding is not None, finding
    if "id" in case or "check" in case:
        assert finding == want
    else:
        assert finding.kind == want.kind


@pytest.mark.parametrize(("lang", "case"), _params(positive=False))
def test_negative_finds_nothing(
    lang: str, case: dict[str, Any], screens: Mapping[str, ScreenRules]
) -> None:
    """Each negation, someone else's symptom, explained cause, figure of speech or chatter finds
    nothing (or only the check question it names)."""
    assert screen(case["text"], screens[lang]) == _want(case)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_corpus_numbers(lang: str, screens: Mapping[str, ScreenRules]) -> None:
    """Prints the corpus table (alone and with English); no emergency or crisis case is left
    unfound, escalations on calm texts stay under 5% and check questions under 15%."""
    rows = score(CORPUS[lang], lambda t: screen(t, screens[lang]))
    both = score(CORPUS[lang], lambda t: _together(t, screens, lang))
    print(f"\n{_table(f'{lang} corpus ({len(rows)} cases), {lang} rules:', rows)}")
    print(_table(f"{lang} corpus, {lang} and en rules together:", both, misses=False))
    missed = [r for r in rows if r.expect in RIGHT_CHECK and not r.found]
    assert missed == []
    calm = [r for r in rows if r.expect == "none"]
    alarms = [r for r in calm if r.finding is not None and r.finding.kind != CHECK]
    checks = [r for r in calm if r.finding is not None and r.finding.kind == CHECK]
    assert len(alarms) <= MAX_CORPUS_FALSE_ALARMS * len(calm), alarms
    assert len(checks) <= MAX_CORPUS_CHECKS * len(calm), checks


# --- the held-out set -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout_numbers(lang: str, screens: Mapping[str, ScreenRules]) -> None:
    """Prints the held-out table (alone and with English) and every case not found. Regression
    guard, not DESIGN's bar: no more emergency or crisis cases left without a response (found or
    the right check question) than the last honest score (HELDOUT_UNANSWERED_AT_MOST), at most 20%
    of urgent cases missed, at most 10% of calm texts escalated."""
    _needs_heldout(lang)
    rows = score(HELDOUT[lang], lambda t: screen(t, screens[lang]))
    both = score(HELDOUT[lang], lambda t: _together(t, screens, lang))
    print(f"\n{_table(f'{lang} held-out ({len(rows)} cases), {lang} rules:', rows)}")
    print(_table(f"{lang} held-out, {lang} and en rules together:", both, misses=False))
    for kind in RIGHT_CHECK:
        of = [r for r in rows if r.expect == kind]
        left = [r for r in of if not r.found and not r.checked]
        assert len(left) <= HELDOUT_UNANSWERED_AT_MOST[lang][kind], left
    urgent = [r for r in rows if r.expect == "urgent"]
    assert sum(not r.found for r in urgent) <= MAX_HELDOUT_URGENT_MISS * len(urgent)
    calm = [r for r in rows if r.expect == "none"]
    alarms = [r for r in calm if r.finding is not None and r.finding.kind != CHECK]
    assert len(alarms) <= MAX_HELDOUT_FALSE_ALARMS * len(calm), alarms


# --- spelling -------------------------------------------------------------------------------

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _spelling_changes(cases: Sequence[dict[str, Any]], rules: ScreenRules) -> list[tuple[str, str]]:
    """The (text, variant) pairs whose kind changes when typed without accents, with "ue" for
    "ü" (and "ss" for "ß"), or in capitals."""
    changed = []
    for case in cases:
        text = case["text"]
        want = _kind(screen(text, rules))
        for variant in (_plain(text), text.translate(_UMLAUTS), text.upper()):
            if _kind(screen(variant, rules)) != want:
                changed.append((text, variant))
    return changed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_accents_umlauts_and_capitals_change_nothing(
    lang: str, screens: Mapping[str, ScreenRules]
) -> None:
    """Every corpus text finds the same kind when typed without accents, with "ue" for "ü" (and
    "ss" for "ß"), or in capitals: people type all three."""
    assert _spelling_changes(CORPUS[lang], screens[lang]) == []


# Held-out texts whose kind changes with the spelling (scored, never fixed case by case). de v3:
# 1, "betäubung" typed "betaeubung" (patterns allow "ae"/"oe"/"ue" one by one; a German fold of
# them would mend the class).
HELDOUT_SPELLING_CHANGES_AT_MOST: Mapping[str, int] = {"es": 0, "de": 1}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout_spelling_changes(lang: str, screens: Mapping[str, ScreenRules]) -> None:
    """Prints the held-out texts whose kind changes when typed without accents, with "ue" for
    "ü" or in capitals; no more of them than the last score (a regression guard)."""
    _needs_heldout(lang)
    changed = _spelling_changes(HELDOUT[lang], screens[lang])
    print(f"\n{lang} held-out: {len(changed)} spelling variants change the kind")
    for text, variant in changed:
        print(f"    {text!r} -> {variant!r}")
    assert len(changed) <= HELDOUT_SPELLING_CHANGES_AT_MOST[lang], changed
