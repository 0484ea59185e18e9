"""The free-text safety screen: every typed message passes it before any coaching (DESIGN §5).

Trip-words come from data/safety/<lang>.toml, which documents how a message is read. Reading is
deliberately conservative: when unsure, trigger — a false alarm costs a kind message, a miss costs
far more. Crisis (self-harm) outranks emergency: someone at risk of harming themselves needs the
helplines first. Pure and fast: each ScreenRules compiles once, on first use.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flows.content import SCREEN_KINDS, ScreenKind, ScreenRule, ScreenRules

if TYPE_CHECKING:
    from flows.reader import Reader

__all__ = [
    "CHECK_CAUDA",
    "CHECK_CRISIS",
    "ContextRules",
    "Finding",
    "any_of",
    "clean",
    "fold",
    "pattern",
    "screen",
]

_APOSTROPHES = str.maketrans("", "", "'’‘ʼ`´")
_NOT_WORD = re.compile(r"[\W_]+")
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")
_LINE_BREAK = re.compile(r"\r\n?")
_SINGLE_BREAK = re.compile(r"(?<!\n)\n(?![ \t]*\n)")  # a line break not part of a blank line
# the check questions (rules' and reader's): the emergency signs, and self-harm
CHECK_CAUDA = "check_cauda"
CHECK_CRISIS = "check_crisis"
_JOIN = "\ue000"  # a single line break read as a space: no separator, but no context crosses it


@dataclass(frozen=True)
class Finding:
    """What the screen found: the kind of reply needed, and the rule (red flag) that tripped."""

    kind: ScreenKind
    id: str
    also: Finding | None = None  # a check question the reader adds to the rules' finding


@dataclass(frozen=True)
class ContextRules(ScreenRules):
    """The screen's rules with what reads a hit in its message: whose it is, what explains or
    raises it (data/safety/<lang>.toml documents each list)."""

    others: tuple[str, ...] = ()  # someone else as the subject: "my wife", "she", "my dog"
    selves: tuple[str, ...] = ()  # words that give a clause back to the person: "i", "my", "said"
    relatives: tuple[str, ...] = ()  # "my dad who had a fall": the fall is the dad's
    shared: tuple[str, ...] = ()  # "so did i", "me too": someone else's symptom is theirs too
    explained: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (rule id, its causes' patterns)
    undone: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (rule id, what undoes a cause after it)
    raised: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (rule id, raised to, patterns)


def fold(text: str) -> str:
    """Lower-cases, drops accents and apostrophes ("Can’t" → "cant"), spells "&" as "and"."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().replace("&", " and ")


def clean(clause: str) -> str:
    """Turns a folded clause into single-spaced words: emoji and punctuation become spaces."""
    return _REPEATS.sub(r"\1\1", _NOT_WORD.sub(" ", clause)).strip()


@functools.cache  # the loader compiles each pattern to check it; the screen reuses that compile
def pattern(fragment: str) -> re.Pattern[str]:
    """Compiles one rule pattern to match whole words; raises re.error if it is malformed.

    Multi-line: the screen searches a message's clean clauses as one text, one clause a line, so
    that ^ and $ stand for a clause's start and end (no pattern can cross a line: clean clauses
    hold only words and single spaces, and no pattern matches a line break)."""
    return re.compile(rf"\b(?:{fragment})\b", re.MULTILINE)


def any_of(phrases: Iterable[str]) -> str:
    """A regex alternation of folded phrases, longest first so "no sign of" beats "no"."""
    words = sorted({clean(fold(p)) for p in phrases} - {""}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words) or r"(?!x)x"


@dataclass(frozen=True)
class _Pattern:
    """One compiled pattern: of a rule (a hit), or a cue that explains or raises a rule's hits."""

    regex: re.Pattern[str]
    rank: int  # the kind's place in SCREEN_KINDS (0 most serious), then the rule's in the file
    order: int
    rule: ScreenRule | None = None
    # (rule id, what it does: "explained" | "undone" | "raised", the rule it is raised to or "")
    cue: tuple[str, str, str] | None = None
    owned: bool = True  # a hit counts only when it is the person's own, not someone else's


@dataclass(frozen=True)
class _Compiled:
    split: re.Pattern[str]
    patterns: tuple[_Pattern, ...]
    gates: tuple[tuple[re.Pattern[str], tuple[int, ...]], ...]  # one a rule or cue: its patterns
    rules: dict[str, tuple[int, int, ScreenRule]]
    cue: re.Pattern[str]
    pseudo: re.Pattern[str]
    stop: re.Pattern[str]
    join: re.Pattern[str]
    calm: re.Pattern[str]
    subject: re.Pattern[str]
    shared: re.Pattern[str]
    window: int


@functools.cache
def _compile(rules: ScreenRules) -> _Compiled:
    def words(phrases: Iterable[str]) -> str:
        return rf"\b(?:{any_of(phrases)})\b"

    context = rules if isinstance(rules, ContextRules) else ContextRules("", (), (), ())
    linkers = rf"(?:(?:{any_of(rules.linkers)}) ){{0,3}}"
    ranked = {
        rule.id: (SCREEN_KINDS.index(rule.kind), order, rule)
        for order, rule in enumerate(rules.rules)
    }
    patterns = [
        _Pattern(pattern(p), rank, order, rule=rule, owned=rule.kind != "crisis")
        for rank, order, rule in ranked.values()
        for p in rule.patterns
    ]
    cues: list[tuple[str, str, str, tuple[str, ...]]]
    cues = [(rule_id, "explained", "", ps) for rule_id, ps in context.explained]
    cues += [(rule_id, "undone", "", ps) for rule_id, ps in context.undone]
    cues += [(rule_id, "raised", to, ps) for rule_id, to, ps in context.raised]
    patterns += [
        # what undoes a cause counts whoever it seems to be about ("now they're numb again")
        _Pattern(pattern(p), -1, -1, cue=(rule_id, does, to), owned=does != "undone")
        for rule_id, does, to, ps in cues
        for p in ps
    ]
    # whose a clause is: someone else named where a subject stands (at the start, after a
    # terminator or one of the person's words) or before "who"; else the person's (i, my, said …)
    others = rf"(?:{any_of(context.others)})s?"
    introducers = any_of((*rules.terminators, *context.selves))
    relatives = any_of(context.relatives)
    subject = (
        rf"(?P<other>(?:^|\b(?:{introducers}) ){others}\b|\b{others} (?=(?:{relatives})\b))"
        rf"|\b(?:{any_of(context.selves)})\b"
    )
    # a rule's patterns as one alternation finds a match wherever any of them would: a message
    # that the gate passes over skips them all (most messages trip few rules, if any)
    groups: dict[object, list[int]] = {}
    for n, p in enumerate(patterns):
        groups.setdefault(p.rule or p.cue, []).append(n)
    gates = tuple(
        (re.compile("|".join(patterns[n].regex.pattern for n in ns), re.MULTILINE), tuple(ns))
        for ns in groups.values()
    )
    return _Compiled(
        split=re.compile("|".join(f"(?:{s})" for s in rules.separators) or r"(?!x)x"),
        patterns=tuple(patterns),
        gates=gates,
        rules=ranked,
        cue=re.compile(words(rules.negations)),
        pseudo=re.compile(words(rules.pseudo_negations)),
        stop=re.compile(words(rules.terminators)),
        join=re.compile(rf"(?:{any_of(rules.joiners)})"),
        calm=re.compile(rf" ?{linkers}(?:{any_of(rules.reassurances)})\b"),
        subject=re.compile(subject if context.others else r"(?!x)x"),
        shared=re.compile(words(context.shared) if context.shared else r"(?!x)x"),
        window=rules.window,
    )


def _negated(c: _Compiled, before: str) -> bool:
    """Whether a negation cue governs a hit, given the clause text from the last hit up to it."""
    before = c.stop.split(c.pseudo.sub(" ", before))[-1]
    return bool(c.cue.search(" ".join(before.split()[-c.window :])))


def _someone_elses(c: _Compiled, clause: str, floor: int, start: int) -> bool:
    """Whether the last word before a hit (in `clause`, from `floor` up to `start`) that says
    whose the clause is names someone else. A hit that begins with the person's own word ("I keep
    leaking", "my bladder") is theirs, whoever came before it ("using my wife's pads because")."""
    own = c.subject.match(clause, start)
    if own is not None and own.group("other") is None:
        return False
    marks = list(c.subject.finditer(clause[floor:start]))
    return bool(marks) and marks[-1].group("other") is not None


def _live(
    c: _Compiled, clause: str, lines: tuple[int, ...], found: list[tuple[int, int, int]]
) -> Iterator[tuple[_Pattern, int, bool]]:
    """Yields the patterns found in one clean clause (`found`: start, end, pattern, in order) that
    are neither negated nor reassured, each with where it starts and whether it is someone
    else's. `lines` are where joined lines start: patterns span them, but no negation,
    reassurance or subject reaches over."""
    seen: list[tuple[int, int, bool]] = []  # (start, end, negated)
    for start, end, n in found:
        floor = max((j for j in lines if j <= start), default=0)
        ceiling = min((j for j in lines if j > end), default=len(clause))
        inside = [neg for s, e, neg in seen if floor <= s < start < e]
        if inside:  # a hit within a longer one (begun on its line) shares its verdict
            negated = inside[-1]
        else:
            left, prior = max(((e, neg) for s, e, neg in seen if e <= start), default=(0, False))
            if left < floor:
                left, prior = floor, False
            between = clause[left:start]
            joined = left > floor and c.join.fullmatch(between.strip()) is not None
            # a hit that begins with a terminator ("I'll end it") starts a new statement
            fresh = c.stop.match(clause, start) is not None
            negated = prior if joined else not fresh and _negated(c, between)
        seen.append((start, end, negated))
        p = c.patterns[n]
        if not negated and not c.calm.match(clause, end, ceiling):
            yield p, start, p.owned and _someone_elses(c, clause, floor, start)


def _readings(text: str) -> tuple[str, ...]:
    """The folded message, and if it has a single line break, the message with it joined."""
    text = _LINE_BREAK.sub("\n", fold(text))
    joined = _SINGLE_BREAK.sub(_JOIN, text)
    return (text,) if joined == text else (text, joined)


def _clauses(c: _Compiled, text: str) -> Iterator[tuple[str, tuple[int, ...]]]:
    """Yields each clean clause of a reading, with where its joined lines start."""
    for raw in c.split.split(text):
        parts = [part for line in raw.split(_JOIN) if (part := clean(line))]
        starts = itertools.accumulate((len(part) + 1 for part in parts[:-1]), initial=0)
        if parts:
            yield " ".join(parts), tuple(starts)[1:]


def _hits(c: _Compiled, text: str) -> list[tuple[int, int, ScreenRule]]:
    """The live hits in one reading of a message, once explained and raised."""
    read = list(_clauses(c, text))
    clauses = [clause for clause, _ in read]
    lines = "\n".join(clauses)  # one search per pattern, not one per pattern and clause
    starts = list(itertools.accumulate((len(clause) + 1 for clause in clauses), initial=0))
    # matches of one pattern do not overlap, so a hit begun on an earlier line could swallow a
    # joined line's own: each joined line is searched from its start too
    origins = [
        0,
        *(s + j for s, (_, joined) in zip(starts[:-1], read, strict=True) for j in joined),
    ]
    found: list[set[tuple[int, int, int]]] = [set() for _ in clauses]
    for gate, ns in c.gates:
        if not gate.search(lines):
            continue
        for n, origin in itertools.product(ns, origins):
            for m in c.patterns[n].regex.finditer(lines, origin):
                i = bisect.bisect_right(starts, m.start()) - 1
                found[i].add((m.start() - starts[i], m.end() - starts[i], n))
    shared = c.shared.search(lines) is not None
    hits: list[tuple[int, int, ScreenRule]] = []
    explained: dict[str, tuple[int, int]] = {}  # rule id: where its first live cause is
    undone: dict[str, tuple[int, int]] = {}  # rule id: where the last cue undoing a cause is
    raised: dict[str, str] = {}
    for i, ((clause, joined), hits_in) in enumerate(zip(read, found, strict=True)):
        for p, start, theirs in _live(c, clause, joined, sorted(hits_in)):
            if theirs and not shared:
                continue
            if p.rule is not None:
                hits.append((p.rank, p.order, p.rule))
            elif p.cue is not None:
                rule_id, does, to = p.cue
                if does == "explained":
                    explained.setdefault(rule_id, (i, start))
                elif does == "undone":
                    undone[rule_id] = (i, start)
                else:
                    raised.setdefault(rule_id, to)
    # a cause explains a rule's hits for the whole message, unless a cue after it undoes it
    # ("went within minutes of getting out … this morning it's numb again")
    still = {rule_id for rule_id, at in explained.items() if undone.get(rule_id, (-1, -1)) < at}
    return [c.rules.get(raised.get(h[2].id, ""), h) for h in hits if h[2].id not in still]


def screen(text: str, rules: ScreenRules, reader: Reader | None = None) -> Finding | None:
    """Returns the most serious red flag or crisis that `text` raises, or None if it raises none.

    The rules answer first; when they find nothing, the learned `reader` (if given) may ask a
    check question about wording they have not seen (flows/reader.py). When they find something
    less than what the reader suspects — a fall where the reader reads self-harm, a fever where
    it reads the emergency signs — the reader's check question comes `also`; so does the rules'
    own self-harm check when they find it beside an urgent flag, one weak leg or the emergency
    check (their most serious finding alone would leave it unasked)."""
    c = _compile(rules)
    found = [hit for reading in _readings(text) for hit in _hits(c, reading)]
    best = min(found, key=lambda h: h[:2], default=None)
    if best is None:
        return reader.read(text) if reader is not None else None
    finding = Finding(best[2].kind, best[2].id)
    if finding.kind == "crisis":
        return finding
    # the rules' own self-harm check, found beside a more serious flag ("I fell down the stairs
    # and honestly what's the point any more"), then the reader's questions
    asks = reader.read(text) if reader is not None else None
    if any(hit[2].id == CHECK_CRISIS for hit in found) and not _asks(asks, CHECK_CRISIS):
        asks = Finding("check", CHECK_CRISIS, asks)
    also = _unasked(finding, asks)
    return Finding(finding.kind, finding.id, also) if also is not None else finding


def _asks(chain: Finding | None, check: str) -> bool:
    """`chain` (a finding and those `also` beside it) holds the check question `check`."""
    return chain is not None and (chain.id == check or _asks(chain.also, check))


def _unasked(finding: Finding, check: Finding | None) -> Finding | None:
    """The check questions (a chain through `also`: the rules' own self-harm check and the
    reader's questions) that ask what the rules' most serious `finding` leaves unasked:
    self-harm after an urgent flag, one weak leg or the emergency check; the emergency signs
    after an urgent flag (an emergency, one weak leg and the emergency check
    already ask about them). Nothing after an emergency: its reply sends the person to emergency
    care now, and its words (wetting oneself, numbness) lift the reader's self-harm chance
    without self-harm in them. The rules' own self-harm check stays the one question it is."""
    if check is None:
        return None
    rest = _unasked(finding, check.also)
    if check.id == CHECK_CRISIS:
        adds = finding.kind != "emergency" and finding.id != CHECK_CRISIS
    else:
        adds = finding.kind == "urgent"
    return Finding(check.kind, check.id, rest) if adds else rest
