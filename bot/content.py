"""Content loader: reads data/, checks all of it at start-up, hands the coach a frozen Content."""

from __future__ import annotations

import dataclasses
import re
import tomllib
import unicodedata
import zoneinfo
from collections.abc import Iterable, Mapping
from datetime import time
from pathlib import Path
from types import MappingProxyType
from typing import Any

import flows.catalogue
import flows.helplines
import flows.screen
from bot.catalogue import FALLBACK_LANGUAGE, CatalogueError, FluentCatalogue, load_catalogues
from flows.content import (
    BREAK_PURPOSES,
    BREATHING,
    PURPOSES,
    SCREEN_KINDS,
    WHERE,
    Content,
    Exercise,
    GoalSettings,
    Ladder,
    LadderStep,
    LocalText,
    RedFlagQuestion,
    Rhythm,
    ScreenRule,
    ScreenRules,
    Thresholds,
)
from flows.reader import READ_KINDS, Example, Reader, ReadKind
from flows.screen import fold

__all__ = [
    "ContentError",
    "default_data_dir",
    "load_content",
    "load_goals",
    "load_rhythm",
    "load_screen",
    "load_thresholds",
]

Table = Mapping[str, Any]

GENTLE_IDS = ("walk", "knee_rolls", "cat_cow", "supported_bridge")
# every exercise has all of these but `why` (required for breathing only)
EXERCISE_KEYS = (
    "id",
    "name",
    "purpose",
    "how",
    "cues",
    "stop_if",
    "minutes",
    "where",
    "feel",
    "easier",
    "harder",
    "why",
)
MIN_MICRO_BREAKS = 3  # the desk-and-standing set, besides breathing
MAX_BREAK_MINUTES = 2  # a micro-break is 60–90 seconds
CORE_LADDERS = ("bend", "lift", "twist")
MIN_LADDER_STEPS = 5
# A safety floor: the screen may grow, but it never loses one of DESIGN §5's questions.
RED_FLAGS = {
    **dict.fromkeys(("bladder", "bowel", "saddle", "sexual", "both_legs", "weakness"), "emergency"),
    **dict.fromkeys(("fever", "cancer", "trauma", "weight", "night", "fracture"), "urgent"),
}
_ID = re.compile(r"[a-z][a-z0-9_]*")
# {name} in a screen pattern refers to [words]; {0,4}, a quantifier, does not match
_WORD_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_SCREEN_LISTS = (
    "negations",
    "pseudo_negations",
    "terminators",
    "joiners",
    "reassurances",
    "linkers",
)
_CONTEXT_LISTS = (
    "others",
    "selves",
    "relatives",
    "shared",
)  # whose a hit is: flows.screen.ContextRules


class ContentError(Exception):
    """A content file is missing, malformed or inconsistent; str() names the file and the key."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file, self.key, self.problem = file, key, " ".join(problem.split())
        super().__init__(f"{file}: {key}: {self.problem}")


def default_data_dir() -> Path:
    """Returns the repository's data/ when running from a checkout, else the packaged copy."""
    repo = Path(__file__).resolve().parents[1] / "data"
    return repo if repo.is_dir() else Path(__file__).parent / "_data"


def _path(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


class _Doc:
    """One parsed TOML file, with typed getters whose errors name the file and the key."""

    def __init__(self, data_dir: Path, relative: str) -> None:
        self.name = f"data/{relative}"
        try:
            self.root: Table = tomllib.loads((data_dir / relative).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise self.error("(file)", "missing") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise self.error("(syntax)", str(exc)) from None

    def error(self, key: str, problem: str) -> ContentError:
        """Builds the error for `key` in this file."""
        return ContentError(self.name, key, problem)

    def get(self, table: Table, key: str, where: str, kind: type) -> Any:
        """Returns table[key], checked to be present, of `kind` (bool is no int), and not blank."""
        value, path = table.get(key), _path(where, key)
        if value is None:
            raise self.error(path, "missing")
        if kind is float and type(value) is int:
            value = float(value)
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise self.error(path, f"expected {kind.__name__}, got {type(value).__name__}")
        if (value.strip() == "") if isinstance(value, str) else value in ([], {}):
            raise self.error(path, "empty")
        return value

    def text(self, table: Table, key: str, where: str = "", *, one_line: bool = False) -> str:
        """Returns a non-blank string, optionally required to fit on one line."""
        value: str = self.get(table, key, where, str).strip()
        if one_line and "\n" in value:
            raise self.error(_path(where, key), "must be one line")
        return value

    def ident(self, table: Table, key: str, where: str) -> str:
        """Returns an id: lower case letters, digits and underscores."""
        value = self.text(table, key, where)
        if not _ID.fullmatch(value):
            raise self.error(_path(where, key), f"{value!r} is not a lower_snake_case id")
        return value

    def count(self, table: Table, key: str, where: str, low: int) -> int:
        """Returns an integer of at least `low`."""
        value: int = self.get(table, key, where, int)
        if value < low:
            raise self.error(_path(where, key), f"must be >= {low}")
        return value

    def entries(self, table: Table, key: str, where: str = "") -> list[Table]:
        """Returns an array of tables (`[[key]]`)."""
        items: list[Any] = self.get(table, key, where, list)
        for i, item in enumerate(items, 1):
            if not isinstance(item, dict):
                raise self.error(f"{_path(where, key)}[{i}]", "expected a table")
        return items

    def strings(self, table: Table, key: str, where: str, low: int, high: int) -> tuple[str, ...]:
        """Returns a list of `low` to `high` non-blank strings."""
        items: list[Any] = self.get(table, key, where, list)
        path = _path(where, key)
        if not low <= len(items) <= high:
            raise self.error(path, f"{len(items)} items; {low} to {high} needed")
        for i, item in enumerate(items, 1):
            if not isinstance(item, str) or not item.strip():
                raise self.error(f"{path}[{i}]", "expected non-empty text")
        return tuple(item.strip() for item in items)

    def only(self, table: Table, allowed: Iterable[str], where: str) -> None:
        """Rejects keys outside `allowed`: a typo must not pass silently."""
        unknown = sorted(set(table) - set(allowed))
        if unknown:
            raise self.error(_path(where, unknown[0]), "unknown key")

    def unique(self, values: Iterable[str], where: str) -> None:
        """Rejects a repeated value; `where` is a pattern such as "exercise[{}].id"."""
        seen: dict[str, int] = {}
        for i, value in enumerate(values, 1):
            if value in seen:
                raise self.error(where.format(i), f"duplicate {value!r} (first at {seen[value]})")
            seen[value] = i


def load_thresholds(data_dir: Path | None = None) -> Thresholds:
    """Loads data/thresholds.toml: every field of Thresholds, no more, no less, and sane."""
    doc = _Doc(data_dir or default_data_dir(), "thresholds.toml")
    version = doc.text(doc.root, "version")
    sources: Table = doc.get(doc.root, "sources", "", dict)
    for name in sources:
        doc.text(sources, name, "sources")
    values: Table = doc.get(doc.root, "values", "", dict)
    fields = [f for f in dataclasses.fields(Thresholds) if f.name != "version"]
    doc.only(values, [f.name for f in fields], "values")
    kwargs: dict[str, Any] = {}
    for f in fields:
        kind = float if isinstance(f.default, float) else int
        kwargs[f.name] = value = doc.get(values, f.name, "values", kind)
        if value < 0:
            raise doc.error(f"values.{f.name}", "must be >= 0")
    t = Thresholds(version=version, **kwargs)
    positive = "flare_reds_in_row pause_reds pause_window_days usual_morning_days rebuild_greens"
    positive += " progress_level followup1_minutes bad_morning_rise severe_rise pause_lift_days"
    positive += " flare_max_days flare_calm_mornings"
    rules = [(name, getattr(t, name) >= 1, "must be >= 1") for name in positive.split()] + [
        ("followup2_minutes", t.followup2_minutes > t.followup1_minutes, "must be > followup1"),
        ("severe_during", t.severe_during <= 10, "must be <= 10 (pain is scored 0–10)"),
        ("hard_day_pain", t.hard_day_pain <= 10, "must be <= 10 (pain is scored 0–10)"),
        ("green_mild_max", t.green_mild_max < t.severe_during, "must be < severe_during"),
        ("green_rise_max", t.green_rise_max < t.severe_rise, "must be < severe_rise"),
        ("severe_rise", t.severe_rise <= t.red_rise, "must be <= red_rise"),
        ("return_level", t.return_level >= t.progress_level, "must be >= progress_level"),
    ]
    for name, ok, problem in rules:
        if not ok:
            raise doc.error(f"values.{name}", problem)
    return t


def _exercises(data_dir: Path) -> dict[str, Exercise]:
    doc = _Doc(data_dir, "exercises.toml")
    doc.text(doc.root, "version")
    found: list[Exercise] = []
    purposes = ("gentle", *BREAK_PURPOSES, *PURPOSES)
    for i, e in enumerate(doc.entries(doc.root, "exercise"), 1):
        where = f"exercise[{i}]"
        doc.only(e, EXERCISE_KEYS, where)
        exercise = Exercise(
            id=doc.ident(e, "id", where),
            name=doc.text(e, "name", where, one_line=True),
            purpose=doc.text(e, "purpose", where),
            how=doc.text(e, "how", where),
            cues=doc.strings(e, "cues", where, 2, 4),
            stop_if=doc.text(e, "stop_if", where, one_line=True),
            minutes=doc.count(e, "minutes", where, 1),
            where=doc.text(e, "where", where),
            feel=doc.text(e, "feel", where, one_line=True),
            easier=doc.text(e, "easier", where, one_line=True),
            harder=doc.text(e, "harder", where, one_line=True),
            why=doc.text(e, "why", where) if "why" in e else "",
        )
        if exercise.purpose not in purposes:
            problem = f"{exercise.purpose!r} is not one of {', '.join(purposes)}"
            raise doc.error(f"{where}.purpose", problem)
        if exercise.where not in WHERE:
            problem = f"{exercise.where!r} is not one of {', '.join(WHERE)}"
            raise doc.error(f"{where}.where", problem)
        _check_break(doc, exercise, where)
        found.append(exercise)
    doc.unique((x.id for x in found), "exercise[{}].id")
    for purpose in PURPOSES:
        if (n := sum(x.purpose == purpose for x in found)) < 2:
            raise doc.error("exercise", f"purpose {purpose!r} has {n} movements; 2 needed")
    if (n := sum(x.purpose == "micro_break" for x in found)) < MIN_MICRO_BREAKS:
        problem = f"purpose 'micro_break' has {n} movements; {MIN_MICRO_BREAKS} needed"
        raise doc.error("exercise", problem)
    exercises = {x.id: x for x in found}
    for gentle in GENTLE_IDS:
        if gentle not in exercises or exercises[gentle].purpose != "gentle":
            raise doc.error("exercise", f"gentle movement {gentle!r} is missing")
    if BREATHING not in exercises or exercises[BREATHING].purpose != BREATHING:
        raise doc.error("exercise", f"the breathing practice {BREATHING!r} is missing")
    return exercises


def _check_break(doc: _Doc, exercise: Exercise, where: str) -> None:
    """A micro-break movement fits a desk or a spot to stand in, and a minute or so; breathing
    says what it is for."""
    if exercise.purpose not in BREAK_PURPOSES:
        return
    if exercise.where == "floor":
        problem = "'floor': a micro-break is done at a desk or standing, never on the floor"
        raise doc.error(f"{where}.where", problem)
    if exercise.minutes > MAX_BREAK_MINUTES:
        problem = f"must be <= {MAX_BREAK_MINUTES} for a micro-break (60–90 seconds)"
        raise doc.error(f"{where}.minutes", problem)
    if exercise.purpose == BREATHING and not exercise.why:
        raise doc.error(f"{where}.why", "missing: breathing says what it is for")


def _ladders(data_dir: Path, min_steps: int) -> dict[str, Ladder]:
    doc = _Doc(data_dir, "ladders.toml")
    doc.text(doc.root, "version")
    found: list[Ladder] = []
    for i, item in enumerate(doc.entries(doc.root, "ladder"), 1):
        where = f"ladder[{i}]"
        doc.only(item, ("movement", "name", "question", "step"), where)
        steps = []
        for level, s in enumerate(doc.entries(item, "step", where), 1):
            at = f"{where}.step[{level}]"
            doc.only(s, ("name", "how"), at)
            steps.append(
                LadderStep(level, doc.text(s, "name", at, one_line=True), doc.text(s, "how", at))
            )
        if len(steps) < min_steps:
            raise doc.error(f"{where}.step", f"{len(steps)} steps; at least {min_steps} needed")
        movement = doc.ident(item, "movement", where)
        name = doc.text(item, "name", where, one_line=True)
        question = doc.text(item, "question", where, one_line=True)
        found.append(Ladder(movement, name, question, tuple(steps)))
    doc.unique((x.movement for x in found), "ladder[{}].movement")
    ladders = {x.movement: x for x in found}
    for core in CORE_LADDERS:
        if core not in ladders:
            raise doc.error("ladder", f"ladder {core!r} is missing")
    return ladders


def _red_flags(data_dir: Path) -> tuple[RedFlagQuestion, ...]:
    doc = _Doc(data_dir, "redflags.toml")
    doc.text(doc.root, "version")
    found: list[RedFlagQuestion] = []
    for i, q in enumerate(doc.entries(doc.root, "question"), 1):
        where = f"question[{i}]"
        doc.only(q, ("id", "category"), where)
        question = RedFlagQuestion(doc.ident(q, "id", where), doc.text(q, "category", where))
        if question.category not in ("emergency", "urgent"):
            raise doc.error(f"{where}.category", f"{question.category!r} is not emergency/urgent")
        found.append(question)
    doc.unique((q.id for q in found), "question[{}].id")
    categories = {q.id: q.category for q in found}
    for qid, category in RED_FLAGS.items():
        if categories.get(qid) != category:
            raise doc.error("question", f"{category} question {qid!r} is missing")
    return tuple(found)


def load_goals(data_dir: Path, ladders: Mapping[str, Ladder]) -> GoalSettings:
    """Loads data/goals.toml: the scale's numbers and the suggestions, each needing one or more
    known movements (a ladder of data/ladders.toml)."""
    doc = _Doc(data_dir, "goals.toml")
    doc.only(doc.root, ("version", "sources", "values", "suggestion"), "")
    version = doc.text(doc.root, "version")
    sources: Table = doc.get(doc.root, "sources", "", dict)
    for name in sources:
        doc.text(sources, name, "sources")
    values: Table = doc.get(doc.root, "values", "", dict)
    numbers = ("real_change", "max_goals", "max_chars", "rerate_days")
    doc.only(values, numbers, "values")
    # rerate_days 0: the ratings are asked with every recap (the end-to-end tests use it)
    found = {
        name: doc.count(values, name, "values", int(name != "rerate_days")) for name in numbers
    }
    suggestions: dict[str, tuple[str, ...]] = {}
    items = doc.entries(doc.root, "suggestion")
    for i, item in enumerate(items, 1):
        where = f"suggestion[{i}]"
        doc.only(item, ("id", "movements"), where)
        ident = doc.ident(item, "id", where)
        movements = doc.strings(item, "movements", where, 1, len(ladders))
        for j, movement in enumerate(movements, 1):
            if movement not in ladders:
                known = ", ".join(ladders)
                raise doc.error(
                    f"{where}.movements[{j}]", f"unknown movement {movement!r} (known: {known})"
                )
        doc.unique(movements, f"{where}.movements[{{}}]")
        suggestions[ident] = movements
    doc.unique((doc.ident(item, "id", "") for item in items), "suggestion[{}].id")
    return GoalSettings(version, MappingProxyType(suggestions), **found)


def _zones(doc: _Doc, zones: frozenset[str]) -> tuple[str, ...]:
    """data/zones.toml `common`: the zone buttons of a language with no list of its own."""
    return _zone_list(doc, doc.root, "common", "", zones)


def _zone_list(
    doc: _Doc, table: Table, key: str, where: str, zones: frozenset[str]
) -> tuple[str, ...]:
    """A list of 1 to 64 distinct IANA zone names at `where`.`key`."""
    listed = doc.strings(table, key, where, 1, 64)
    path = _path(where, key)
    for i, name in enumerate(listed, 1):
        if name not in zones:
            raise doc.error(f"{path}[{i}]", f"{name!r} is not an IANA time zone")
    doc.unique(listed, f"{path}[{{}}]")
    return listed


def _zones_for(doc: _Doc, zones: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """data/zones.toml [common_for]: a language -> the zone buttons its speakers see (a list for
    a language no catalogue offers is kept, unused)."""
    table: Table = doc.get(doc.root, "common_for", "", dict) if "common_for" in doc.root else {}
    for language in table:
        if not re.fullmatch(r"[a-z]{2,3}", language):
            problem = "not a language code (two or three lower-case letters, as 'es')"
            raise doc.error(f"common_for.{language}", problem)
    return {language: _zone_list(doc, table, language, "common_for", zones) for language in table}


def _zone_aliases(doc: _Doc, zones: frozenset[str]) -> dict[str, str]:
    """data/zones.toml [aliases]: lower case, without accents, single spaces -> an IANA zone."""
    table: Table = doc.root.get("aliases", {})
    for name, value in table.items():
        if not isinstance(value, str) or value not in zones:
            raise doc.error(f"aliases.{name}", f"{value!r} is not an IANA time zone")
        folded = unicodedata.normalize("NFD", name)
        if name != " ".join(name.lower().split()) or folded != name or "_" in name:
            problem = "write the name in lower case, without accents, words single-spaced"
            raise doc.error(f"aliases.{name}", problem)
    return dict(table)


def _messages(data_dir: Path, required: Iterable[str]) -> dict[str, FluentCatalogue]:
    try:
        return load_catalogues(data_dir / "messages", required)
    except CatalogueError as exc:
        raise ContentError(exc.file, exc.key, exc.problem) from None


_TEXT_FIELDS = ("name", "how", "cues", "stop_if", "feel", "easier", "harder", "why")


def _local_tables(
    data_dir: Path, language: str, section: str, ids: Iterable[str]
) -> tuple[_Doc, dict[str, Table]]:
    """data/text/<lang>/<section>s.toml: its version, and one `[<section>.<id>]` table for each id
    of the English file, none missing and none more."""
    doc = _Doc(data_dir, f"text/{language}/{section}s.toml")
    doc.text(doc.root, "version")
    table: Table = doc.get(doc.root, section, "", dict)
    wanted = list(ids)
    doc.only(table, wanted, section)
    found: dict[str, Table] = {}
    for name in wanted:
        if name not in table:
            raise doc.error(f"{section}.{name}", "missing")
        found[name] = doc.get(table, name, section, dict)
    return doc, found


def _local_exercises(
    data_dir: Path, language: str, english: Mapping[str, Exercise]
) -> dict[str, Exercise]:
    """data/text/<lang>/exercises.toml: every exercise's words in that language (the numbers,
    purposes and places stay those of data/exercises.toml)."""
    doc, tables = _local_tables(data_dir, language, "exercise", english)
    local: dict[str, Exercise] = {}
    for exercise_id, base in english.items():
        where, e = f"exercise.{exercise_id}", tables[exercise_id]
        doc.only(e, _TEXT_FIELDS if base.why else _TEXT_FIELDS[:-1], where)
        n = len(base.cues)
        local[exercise_id] = dataclasses.replace(
            base,
            name=doc.text(e, "name", where, one_line=True),
            how=doc.text(e, "how", where),
            cues=doc.strings(e, "cues", where, n, n),
            stop_if=doc.text(e, "stop_if", where, one_line=True),
            feel=doc.text(e, "feel", where, one_line=True),
            easier=doc.text(e, "easier", where, one_line=True),
            harder=doc.text(e, "harder", where, one_line=True),
            why=doc.text(e, "why", where) if base.why else "",
        )
    return local


def _local_ladders(
    data_dir: Path, language: str, english: Mapping[str, Ladder]
) -> dict[str, Ladder]:
    """data/text/<lang>/ladders.toml: every ladder's name, question and steps in that language,
    as many steps as data/ladders.toml, in its order."""
    doc, tables = _local_tables(data_dir, language, "ladder", english)
    local: dict[str, Ladder] = {}
    for movement, base in english.items():
        where, item = f"ladder.{movement}", tables[movement]
        doc.only(item, ("name", "question", "step"), where)
        steps = doc.entries(item, "step", where)
        if len(steps) != base.top:
            problem = f"{len(steps)} steps; data/ladders.toml has {base.top}"
            raise doc.error(f"{where}.step", problem)
        local_steps = []
        for level, s in enumerate(steps, 1):
            at = f"{where}.step[{level}]"
            doc.only(s, ("name", "how"), at)
            name = doc.text(s, "name", at, one_line=True)
            local_steps.append(LadderStep(level, name, doc.text(s, "how", at)))
        local[movement] = Ladder(
            movement,
            doc.text(item, "name", where, one_line=True),
            doc.text(item, "question", where, one_line=True),
            tuple(local_steps),
        )
    return local


def load_rhythm(data_dir: Path) -> Rhythm:
    """Loads data/rhythm.toml: every field of Rhythm; times as "HH:MM"."""
    doc = _Doc(data_dir, "rhythm.toml")
    version = doc.text(doc.root, "version")
    values: Table = doc.get(doc.root, "values", "", dict)
    fields = [f for f in dataclasses.fields(Rhythm) if f.name != "version"]
    doc.only(values, [f.name for f in fields], "values")
    kwargs: dict[str, Any] = {}
    for f in fields:
        if isinstance(f.default, time):
            raw = doc.text(values, f.name, "values")
            try:
                kwargs[f.name] = time.fromisoformat(raw)
            except ValueError:
                raise doc.error(f"values.{f.name}", f"not a time of day: {raw!r}") from None
        else:
            kwargs[f.name] = value = doc.get(values, f.name, "values", int)
            if value < 0:
                raise doc.error(f"values.{f.name}", "must be >= 0")
    rhythm = Rhythm(version=version, **kwargs)
    if rhythm.recap_weekday > 6:
        raise doc.error("values.recap_weekday", "must be 0 (Monday) to 6 (Sunday)")
    if rhythm.work_start >= rhythm.work_end:
        raise doc.error("values.work_end", "must be after work_start")
    if rhythm.break_minutes < 15:
        raise doc.error("values.break_minutes", "must be >= 15")
    return rhythm


def _expand(doc: _Doc, fragment: str, words: Mapping[str, str], gap: int, key: str) -> str:
    """Replaces " ... " with up to `gap` words and {name} with its fragment; checks it compiles."""

    def word(match: re.Match[str]) -> str:
        if match.group(1) not in words:
            raise doc.error(key, f"unknown word {{{match.group(1)}}}")
        return f"(?:{words[match.group(1)]})"

    if re.search(r"[A-Z'’](?<!\\[A-Z])", fragment):
        raise doc.error(key, "write patterns in lower case without apostrophes (text is folded)")
    if re.search(r"([a-z])\1\1", fragment):
        problem = "a letter three times in a row never matches (text is read with runs cut to two)"
        raise doc.error(key, problem)
    expanded = _WORD_REF.sub(word, fragment.replace(" ... ", f" {{w}}{{0,{gap}}}?"))
    try:
        flows.screen.pattern(expanded)
    except re.error as exc:
        raise doc.error(key, f"bad regular expression: {exc}") from None
    return expanded


_Cues = list[tuple[str, tuple[str, ...]]]
_ScreenRulesRead = tuple[list[ScreenRule], _Cues, _Cues, list[tuple[str, str, tuple[str, ...]]]]


def _screen_rules(doc: _Doc, words: Mapping[str, str], gap: int) -> _ScreenRulesRead:
    """Reads the [[rule]]s of a screen: the rules, each rule's causes, what undoes a cause,
    each rule's raises."""

    def expand_all(table: Table, key: str, where: str) -> tuple[str, ...]:
        return tuple(
            _expand(doc, fragment, words, gap, f"{where}.{key}[{j}]")
            for j, fragment in enumerate(doc.strings(table, key, where, 1, 256), 1)
        )

    rules: list[ScreenRule] = []
    explained: _Cues = []
    undone: _Cues = []
    raised: list[tuple[str, str, tuple[str, ...]]] = []
    for i, r in enumerate(doc.entries(doc.root, "rule"), 1):
        where = f"rule[{i}]"
        doc.only(r, ("id", "kind", "patterns", "explained_by", "undone_by", "raised"), where)
        rule_id, kind = doc.ident(r, "id", where), doc.text(r, "kind", where)
        if kind not in SCREEN_KINDS:
            raise doc.error(f"{where}.kind", f"{kind!r} is not one of {', '.join(SCREEN_KINDS)}")
        rules.append(ScreenRule(rule_id, kind, expand_all(r, "patterns", where)))
        if "explained_by" in r:
            explained.append((rule_id, expand_all(r, "explained_by", where)))
        if "undone_by" in r:
            if "explained_by" not in r:
                raise doc.error(
                    f"{where}.undone_by", "undoes nothing: the rule has no explained_by"
                )
            undone.append((rule_id, expand_all(r, "undone_by", where)))
        if "raised" in r:
            targets: Table = doc.get(r, "raised", where, dict)
            raised += [(rule_id, to, expand_all(targets, to, f"{where}.raised")) for to in targets]
    doc.unique((r.id for r in rules), "rule[{}].id")
    kinds = {r.id: r.kind for r in rules}
    for rule_id, to, _ in raised:
        at = next(i for i, r in enumerate(rules, 1) if r.id == rule_id)
        if to not in kinds:
            raise doc.error(f"rule[{at}].raised.{to}", "no rule has this id")
        if SCREEN_KINDS.index(kinds[to]) > SCREEN_KINDS.index(kinds[rule_id]):
            raise doc.error(f"rule[{at}].raised.{to}", "must be of a kind at least as serious")
    return rules, explained, undone, raised


def load_screen(data_dir: Path, language: str) -> ScreenRules:
    """Loads data/safety/<language>.toml: the free-text screen's rules, each pattern compiled."""
    doc = _Doc(data_dir, f"safety/{language}.toml")
    root = doc.root
    keys = ("version", "window", "gap", "separators", "words", "rule")
    doc.only(root, (*keys, *_SCREEN_LISTS, *_CONTEXT_LISTS), "")
    version = doc.text(root, "version")
    window, gap = doc.count(root, "window", "", 1), doc.count(root, "gap", "", 1)
    lists = {name: doc.strings(root, name, "", 1, 256) for name in _SCREEN_LISTS + _CONTEXT_LISTS}
    for name, phrases in lists.items():
        for i, phrase in enumerate(phrases, 1):
            if not flows.screen.clean(flows.screen.fold(phrase)):
                raise doc.error(f"{name}[{i}]", "no words left once folded")
    separators = doc.strings(root, "separators", "", 1, 64)
    for i, separator in enumerate(separators, 1):
        _expand(doc, separator, {}, gap, f"separators[{i}]")
    # {w}: one word that is not a negation, so that no gap steps over "not" or "isn't"
    words = {"w": rf"(?!(?:{flows.screen.any_of(lists['negations'])})\b)\w+ "}
    table: Table = doc.get(root, "words", "", dict)
    for name in table:
        if name in words:
            raise doc.error(f"words.{name}", "reserved: {w} is built in")
        words[name] = _expand(doc, doc.text(table, name, "words"), words, gap, f"words.{name}")
    rules, explained, undone, raised = _screen_rules(doc, words, gap)
    kinds = {r.id: r.kind for r in rules}
    for flag, category in RED_FLAGS.items():  # the screen keeps a rule for every question
        if kinds.get(flag) != category:
            raise doc.error("rule", f"{category} rule {flag!r} is missing")
    if "crisis" not in kinds.values():
        raise doc.error("rule", "no crisis rule: the self-harm screen is missing")
    return flows.screen.ContextRules(
        version,
        tuple(rules),
        separators,
        negations=lists["negations"],
        pseudo_negations=lists["pseudo_negations"],
        terminators=lists["terminators"],
        joiners=lists["joiners"],
        reassurances=lists["reassurances"],
        linkers=lists["linkers"],
        window=window,
        others=lists["others"],
        selves=lists["selves"],
        relatives=lists["relatives"],
        shared=lists["shared"],
        explained=tuple(explained),
        undone=tuple(undone),
        raised=tuple(raised),
    )


def _screens(data_dir: Path) -> dict[str, ScreenRules]:
    languages = [path.stem for path in sorted((data_dir / "safety").glob("*.toml"))]
    if FALLBACK_LANGUAGE not in languages:
        raise ContentError(f"data/safety/{FALLBACK_LANGUAGE}.toml", "(file)", "missing")
    return {language: load_screen(data_dir, language) for language in languages}


# each corpus kind as the learned reader sees it ("check": a case check_cauda answers)
_READ_AS: dict[str, ReadKind] = {
    "emergency": "emergency",
    "check": "emergency",
    "crisis": "crisis",
    "urgent": "none",
    "clarify": "none",
    "none": "none",
}
MIN_READER_EXAMPLES = 50  # of each kind: fewer and the model has too little to learn from


def _labels(catalogue: FluentCatalogue | None) -> tuple[str, ...]:
    """A catalogue's button labels without parameters ("Continue", "Not sure", "None of these"):
    the shared `choice.*` and a dialogue's own `<dialogue>.btn_*`."""
    if catalogue is None:
        return ()
    ids: frozenset[str] = catalogue.keys()
    buttons = (k for k in ids if k.startswith("choice.") or k.split(".")[-1].startswith("btn_"))
    plain = (k for k in buttons if not catalogue.variables(k))
    return tuple(sorted(catalogue.format(k) for k in plain))


def _synonyms(catalogue: FluentCatalogue | None) -> tuple[str, ...]:
    """The words a catalogue accepts typed for an answer (`synonym.*`: "never mind", "dunno")."""
    if catalogue is None:
        return ()
    keys: frozenset[str] = catalogue.keys()
    ids = sorted(k for k in keys if k.startswith("synonym."))
    words = (word.strip() for k in ids for word in catalogue.format(k).split("|"))
    return tuple(sorted({word for word in words if word}))


def _cases(doc: _Doc) -> list[Example]:
    """The [[case]]s of a corpus file as the reader's examples."""
    examples: list[Example] = []
    for i, case in enumerate(doc.entries(doc.root, "case"), 1):
        where = f"case[{i}]"
        text = doc.get(case, "text", where, str)
        expect = doc.text(case, "expect", where)
        if expect not in _READ_AS:
            raise doc.error(f"{where}.expect", f"{expect!r} is not one of {', '.join(_READ_AS)}")
        examples.append(Example(text, _READ_AS[expect]))
    return examples


def load_reader(
    data_dir: Path, language: str, calm: Iterable[str] = (), typed: Iterable[str] = ()
) -> Reader:
    """Loads a language's learned reader (flows/reader.py), untrained: its examples are the
    screen corpus (data/safety/corpus/<lang>.toml: [[case]] text and expect), the held-out sets
    already scored (data/safety/learnt/<lang>.toml, the same schema, if there is one), the
    everyday messages (data/safety/everyday/<lang>.txt, one a line, all calm) and `calm`: the
    coach's own button labels, which people type back. Those labels and `typed` (the words the
    coach accepts for an answer: "never mind", "dunno") are not read when typed back; `typed`
    is not trained on (a few hundred one- and two-word calm examples move the model)."""
    doc = _Doc(data_dir, f"safety/corpus/{language}.toml")
    examples = _cases(doc)
    if (data_dir / "safety" / "learnt" / f"{language}.toml").exists():
        examples += _cases(_Doc(data_dir, f"safety/learnt/{language}.toml"))
    everyday = f"data/safety/everyday/{language}.txt"
    try:
        lines = (data_dir / "safety" / "everyday" / f"{language}.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(everyday, "(file)", "missing") from None
    examples += [Example(line.strip(), "none") for line in lines.splitlines() if line.strip()]
    labels = tuple(calm)
    examples += [Example(label, "none") for label in labels]
    for kind in READ_KINDS:
        have = sum(e.kind == kind for e in examples)
        if have < MIN_READER_EXAMPLES:
            problem = f"{have} {kind} examples; the reader needs at least {MIN_READER_EXAMPLES}"
            raise doc.error("case", problem)
    folded = tuple(sorted({" ".join(fold(label).split()) for label in (*labels, *typed)}))
    return Reader(language, tuple(examples), labels=folded)


def load_content(
    data_dir: Path | None = None, *, required_keys: Iterable[str] | None = None
) -> Content:
    """Loads and validates everything in data/; raises ContentError on the first problem."""
    from bot.helplines import load_helplines  # it raises this module's ContentError

    root = data_dir or default_data_dir()
    thresholds = load_thresholds(root)
    exercises = _exercises(root)
    ladders = _ladders(root, max(MIN_LADDER_STEPS, thresholds.return_level))
    red_flags = _red_flags(root)
    policy = _Doc(root, "policy.toml")
    policy_version = policy.text(policy.root, "version")
    summary_key = policy.text(policy.root, "summary_key")
    zones = frozenset(zoneinfo.available_timezones())
    zones_doc = _Doc(root, "zones.toml")  # read once: the common list, per language, aliases
    common_zones = _zones(zones_doc, zones)
    goals = load_goals(root, ladders)
    required = set(flows.catalogue.REGISTERED if required_keys is None else required_keys)
    required |= {f"goals.suggestion.{s}" for s in goals.suggestions}
    required |= {f"redflag.q.{q.id}" for q in red_flags} | {summary_key}
    required |= {f"redflag.sign.{q.id}" for q in red_flags if q.category == "emergency"}
    required |= {f"summary.flag.{q.id}" for q in red_flags}
    helplines = load_helplines(root)
    required |= {
        f"{flows.helplines.NAME}{line.key}" for line in helplines.fallback.lines if line.key
    }
    messages = _messages(root, required)
    screens = _screens(root)
    local = {FALLBACK_LANGUAGE: LocalText(MappingProxyType(exercises), MappingProxyType(ladders))}
    for language in messages:
        if language == FALLBACK_LANGUAGE:
            continue
        if language not in screens:
            problem = "missing: a language is offered only with its own free-text safety screen"
            raise ContentError(f"data/safety/{language}.toml", "(file)", problem)
        local[language] = LocalText(
            MappingProxyType(_local_exercises(root, language, exercises)),
            MappingProxyType(_local_ladders(root, language, ladders)),
        )
    return Content(
        thresholds=thresholds,
        exercises=MappingProxyType(exercises),
        ladders=MappingProxyType(ladders),
        red_flags=red_flags,
        messages=MappingProxyType(dict(messages)),
        local=MappingProxyType(local),
        policy_version=policy_version,
        zones=zones,
        common_zones=common_zones,
        zones_for=MappingProxyType(_zones_for(zones_doc, zones)),
        zone_aliases=MappingProxyType(_zone_aliases(zones_doc, zones)),
        rhythm=load_rhythm(root),
        screen=MappingProxyType(screens),
        readers=MappingProxyType(
            {
                language: load_reader(
                    root,
                    language,
                    _labels(messages.get(language)),
                    _synonyms(messages.get(language)),
                )
                for language in screens
            }
        ),
        helplines=helplines,
        goals=goals,
    )
