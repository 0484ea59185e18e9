"""The free-text safety screen: every typed message passes it before any coaching (DESIGN §5).

Trip-words come from data/safety/<lang>.toml, which documents how a message is read. Reading is
deliberately conservative: when unsure, trigger — a false alarm costs a kind message, a miss costs
far more. Crisis (self-harm) outranks emergency: someone at risk of harming themselves needs the
helplines first. Pure and fast: each ScreenRules compiles once, on first use.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from flows.content import SCREEN_KINDS, ScreenKind, ScreenRule, ScreenRules

__all__ = ["Finding", "any_of", "clean", "fold", "pattern", "screen"]

_APOSTROPHES = str.maketrans("", "", "'’‘ʼ`´")
_NOT_WORD = re.compile(r"[\W_]+")
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")


@dataclass(frozen=True)
class Finding:
    """What the screen found: the kind of reply needed, and the rule (red flag) that tripped."""

    kind: ScreenKind
    id: str


def fold(text: str) -> str:
    """Lower-cases, drops accents and apostrophes ("Can’t" → "cant"), spells "&" as "and"."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().replace("&", " and ")


def clean(clause: str) -> str:
    """Turns a folded clause into single-spaced words: emoji and punctuation become spaces."""
    return _REPEATS.sub(r"\1\1", _NOT_WORD.sub(" ", clause)).strip()


def pattern(fragment: str) -> re.Pattern[str]:
    """Compiles one rule pattern to match whole words; raises re.error if it is malformed."""
    return re.compile(rf"\b(?:{fragment})\b")


def any_of(phrases: Iterable[str]) -> str:
    """A regex alternation of folded phrases, longest first so "no sign of" beats "no"."""
    words = sorted({clean(fold(p)) for p in phrases} - {""}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words) or r"(?!x)x"


@dataclass(frozen=True)
class _Compiled:
    split: re.Pattern[str]
    hits: tuple[tuple[int, int, ScreenRule, re.Pattern[str]], ...]  # (kind rank, order, …)
    cue: re.Pattern[str]
    pseudo: re.Pattern[str]
    stop: re.Pattern[str]
    join: re.Pattern[str]
    calm: re.Pattern[str]
    window: int


@functools.cache
def _compile(rules: ScreenRules) -> _Compiled:
    def words(phrases: Iterable[str]) -> str:
        return rf"\b(?:{any_of(phrases)})\b"

    linkers = rf"(?:(?:{any_of(rules.linkers)}) ){{0,3}}"
    return _Compiled(
        split=re.compile("|".join(f"(?:{s})" for s in rules.separators) or r"(?!x)x"),
        hits=tuple(
            (SCREEN_KINDS.index(rule.kind), order, rule, pattern(p))
            for order, rule in enumerate(rules.rules)
            for p in rule.patterns
        ),
        cue=re.compile(words(rules.negations)),
        pseudo=re.compile(words(rules.pseudo_negations)),
        stop=re.compile(words(rules.terminators)),
        join=re.compile(rf"(?:{any_of(rules.joiners)})"),
        calm=re.compile(rf" ?{linkers}(?:{any_of(rules.reassurances)})\b"),
        window=rules.window,
    )


def _negated(c: _Compiled, before: str) -> bool:
    """Whether a negation cue governs a hit, given the clause text from the last hit up to it."""
    before = c.stop.split(c.pseudo.sub(" ", before))[-1]
    return bool(c.cue.search(" ".join(before.split()[-c.window :])))


def _live_hits(c: _Compiled, clause: str) -> Iterator[tuple[int, int, ScreenRule]]:
    """Yields the hits in one clean clause that are neither negated nor reassured."""
    found = sorted(
        (
            ((m.start(), m.end(), rank, order), rule)
            for rank, order, rule, regex in c.hits
            for m in regex.finditer(clause)
        ),
        key=lambda hit: hit[0],
    )
    seen: list[tuple[int, int, bool]] = []  # (start, end, negated)
    for (start, end, rank, order), rule in found:
        inside = [n for s, e, n in seen if s < start < e]
        if inside:  # a hit within a longer one shares its verdict
            negated = inside[-1]
        else:
            left, prior = max(((e, n) for s, e, n in seen if e <= start), default=(0, False))
            between = clause[left:start]
            joined = left > 0 and c.join.fullmatch(between.strip()) is not None
            negated = prior if joined else _negated(c, between)
        seen.append((start, end, negated))
        if not negated and not c.calm.match(clause, end):
            yield rank, order, rule


def screen(text: str, rules: ScreenRules) -> Finding | None:
    """Returns the most serious red flag or crisis that `text` raises, or None if it raises none."""
    c = _compile(rules)
    best: tuple[int, int, ScreenRule] | None = None
    for raw in c.split.split(fold(text)):
        clause = clean(raw)
        for hit in _live_hits(c, clause) if clause else ():
            if best is None or hit[:2] < best[:2]:
                best = hit
    return None if best is None else Finding(best[2].kind, best[2].id)
