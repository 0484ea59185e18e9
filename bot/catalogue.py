"""Message catalogues in Project Fluent syntax (data/messages/<lang>.ftl), checked at start-up.

Why Fluent (fluent.runtime, with Babel underneath): a message is one self-contained unit that can
carry its own plural and select variants (`{ $weeks -> [one] … *[other] … }`) chosen by CLDR's
rules for the language, so a translator fixes grammar in the catalogue without code changes; gettext
would split every plural into msgid/msgid_plural pairs keyed by the English text, which breaks our
rule that keys, not English sentences, are the contract between flows/ and data/.

A key of the flows ("common.not_a_choice") is the Fluent id with dots as hyphens
("common-not_a_choice"). Dates and weekday names are written by Babel in the language's own way
("12 Oct", "12 oct", "12. Okt."; `day`, `weekday`) before they reach a message. Every problem a
catalogue can have — a syntax error, a missing or extra id, a variable the English message does
not have, a plural variant the language does not have, a message that fails to format — is found
here, when the coach starts, and names the file and the key; formatting at send time cannot fail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_skeleton, get_day_names
from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import FluentInt
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from flows.content import FALLBACK_LANGUAGE

__all__ = [
    "FALLBACK_LANGUAGE",
    "CatalogueError",
    "FluentCatalogue",
    "babel_locale",
    "fluent_id",
    "key_of",
    "load_catalogues",
    "syntax_errors",
]

# The coach writes British English: its dates read "12 Oct", not "Oct 12".
_BABEL_LOCALE = {"en": "en_GB"}
MISSING = "–"  # an absent or empty value shows as a dash, never a crash
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})
# What start-up formats every message with, to prove it formats: a number picks a plural variant.
_SAMPLE_NUMBERS = (0, 1, 2, 5, 21)


class _SmallInt(FluentInt):
    """An integer under 1,000 written as Python writes it, which is how every language here
    writes it: Babel's number patterns took half of a message's formatting time, for pain scores.
    It still selects plural variants as a number."""

    def format(self, locale: Locale) -> str:
        return str(int(self))


_SMALL = {n: _SmallInt(n) for n in range(-999, 1000)}
# formatted messages kept per language, only those whose values are all numbers (scores, levels,
# counts): the same few recur all day, and nothing a person typed is kept
_CACHED = 4096


class CatalogueError(Exception):
    """A catalogue is malformed or incomplete; str() names the file and the key."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file, self.key, self.problem = file, key, problem
        super().__init__(f"{file}: {key}: {problem}")


def fluent_id(key: str) -> str:
    return key.replace(".", "-")


def key_of(message_id: str) -> str:
    return message_id.replace("-", ".")


def babel_locale(language: str) -> str:
    return _BABEL_LOCALE.get(language, language)


class _Uses(Visitor):
    """What one message refers to: variables, functions, messages, and the variant keys of each
    select."""

    def __init__(self) -> None:
        super().__init__()
        self.variables: set[str] = set()
        self.functions: set[str] = set()
        self.variant_keys: set[str] = set()
        self.references: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.variables.add(node.id.name)

    def visit_FunctionReference(self, node: ast.FunctionReference) -> None:
        self.functions.add(node.id.name)
        self.generic_visit(node)

    def visit_MessageReference(self, node: ast.MessageReference) -> None:
        self.references.add(node.id.name)

    def visit_Variant(self, node: ast.Variant) -> None:
        if isinstance(node.key, ast.Identifier):
            self.variant_keys.add(node.key.name)
        self.generic_visit(node)


class FluentCatalogue:
    """One language's messages: `format(key, params)` renders one in that language."""

    def __init__(self, language: str, file: str, source: str) -> None:
        self.language, self.file = language, file
        self.locale = Locale.parse(babel_locale(language))
        resource = FluentParser(with_spans=True).parse(source)
        for error in _syntax_errors(file, source, resource):
            raise error
        self.uses: dict[str, _Uses] = {}
        for entry in resource.body:
            if isinstance(entry, ast.Message):
                name = entry.id.name
                if name in self.uses:
                    raise CatalogueError(file, key_of(name), "defined twice")
                if entry.value is None:
                    raise CatalogueError(file, key_of(name), "has no text")
                uses = _Uses()
                uses.visit(entry.value)
                self.uses[name] = uses
        self.bundle = FluentBundle([babel_locale(language)], use_isolating=False)
        self._formatted: dict[tuple[str, tuple[tuple[str, Any], ...]], str] = {}
        self._weekdays = get_day_names("wide", locale=self.locale)
        self.bundle.add_resource(FluentResource(source))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and fluent_id(key) in self.uses

    def keys(self) -> frozenset[str]:
        return frozenset(key_of(name) for name in self.uses)

    def variables(self, key: str) -> frozenset[str]:
        return frozenset(self.uses[fluent_id(key)].variables)

    def day(self, day: date, *, year: bool = False) -> str:
        """A date as this language writes it short: "12 Oct", "12 oct", "12. Okt." (with the year
        if asked)."""
        return format_skeleton("yMMMd" if year else "MMMd", day, locale=self.locale)

    def weekday(self, number: int) -> str:
        """The weekday's name, 0 = Monday: "Monday", "lunes", "Montag"."""
        return str(self._weekdays[number])

    def format(self, key: str, params: Mapping[str, Any] | None = None) -> str:
        """The message `key` in this language; absent or None values show as a dash."""
        values = params or {}
        if not all(v is None or type(v) in (int, float) for v in values.values()):
            # words may be the person's own (a goal): formatted afresh, never kept in memory
            return self._format(key, params)
        memo = (key, tuple(sorted(values.items())))
        found = self._formatted.get(memo)
        if found is None:
            if len(self._formatted) >= _CACHED:
                self._formatted.clear()
            found = self._formatted[memo] = self._format(key, params)
        return found

    def _format(self, key: str, params: Mapping[str, Any] | None) -> str:
        message = self.bundle.get_message(fluent_id(key))
        assert message.value is not None  # checked at load
        values = {k: _value(v) for k, v in (params or {}).items()}
        values.update({name: MISSING for name in self.uses[fluent_id(key)].variables - set(values)})
        text, _errors = self.bundle.format_pattern(message.value, values)
        return str(text)

    # -- start-up checks

    def check_against(self, reference: FluentCatalogue) -> None:
        """Same ids as the reference (English), no variable it lacks, only this language's plural
        categories, and every message formats."""
        for error in self.differences(reference):
            raise error
        self.check()

    def differences(self, reference: FluentCatalogue) -> list[CatalogueError]:
        """Every way this catalogue's ids and variables differ from the reference's, missing ids
        first, then ids the reference lacks, then variables it does not pass."""
        mine, theirs = set(self.uses), set(reference.uses)
        found = [
            CatalogueError(self.file, key_of(name), f"missing (it is in {reference.file})")
            for name in sorted(theirs - mine)
        ]
        found += [
            CatalogueError(self.file, key_of(name), f"not in {reference.file}")
            for name in sorted(mine - theirs)
        ]
        for name in sorted(mine & theirs):
            extra = self.uses[name].variables - reference.uses[name].variables
            if extra:
                problem = f"uses ${', $'.join(sorted(extra))}, which {reference.file} does not pass"
                found.append(CatalogueError(self.file, key_of(name), problem))
        return found

    def check(self) -> None:
        categories = set(self.locale.plural_form.tags) | {"other"}
        for name, uses in sorted(self.uses.items()):
            unknown = uses.functions - {"NUMBER"}
            if unknown:
                raise CatalogueError(self.file, key_of(name), f"unknown function {sorted(unknown)}")
            wrong = (uses.variant_keys & PLURAL_CATEGORIES) - categories
            if wrong:
                raise CatalogueError(
                    self.file,
                    key_of(name),
                    f"plural variant [{', '.join(sorted(wrong))}] does not exist in "
                    f"{self.language} (its categories: {', '.join(sorted(categories))})",
                )
            for missing in sorted(uses.references - set(self.uses)):
                raise CatalogueError(self.file, key_of(name), f"refers to unknown {missing}")
            message = self.bundle.get_message(name)
            assert message.value is not None
            for number in _SAMPLE_NUMBERS:
                values: dict[str, Any] = {v: number for v in uses.variables}
                _text, errors = self.bundle.format_pattern(message.value, values)
                if errors:
                    raise CatalogueError(self.file, key_of(name), f"does not format: {errors[0]}")


def syntax_errors(file: str, source: str) -> list[CatalogueError]:
    """Every part of `source` that is not Fluent syntax, by line."""
    return _syntax_errors(file, source, FluentParser(with_spans=True).parse(source))


def _syntax_errors(file: str, source: str, resource: ast.Resource) -> list[CatalogueError]:
    found = []
    for entry in resource.body:
        if isinstance(entry, ast.Junk):
            line = source.count("\n", 0, entry.span.start if entry.span else 0) + 1
            why = entry.annotations[0].message if entry.annotations else "syntax error"
            found.append(CatalogueError(file, f"line {line}", f"not Fluent syntax: {why}"))
    return found


def _value(value: Any) -> Any:
    if value is None:
        return MISSING
    if type(value) is int and -1000 < value < 1000:
        return _SMALL[value]
    return value


def load_catalogues(
    messages_dir: Path, required_keys: Iterable[str], *, relative: str = "data/messages"
) -> dict[str, FluentCatalogue]:
    """Loads every data/messages/<lang>.ftl; English must hold every key the code declares, and
    every other language exactly English's keys."""
    catalogues: dict[str, FluentCatalogue] = {}
    for path in sorted(messages_dir.glob("*.ftl")):
        catalogues[path.stem] = FluentCatalogue(
            path.stem, f"{relative}/{path.name}", path.read_text(encoding="utf-8")
        )
    reference_file = f"{relative}/{FALLBACK_LANGUAGE}.ftl"
    reference = catalogues.get(FALLBACK_LANGUAGE)
    if reference is None:
        raise CatalogueError(reference_file, "(file)", "missing")
    missing = sorted(set(required_keys) - reference.keys())
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise CatalogueError(reference_file, missing[0], "missing" + more)
    reference.check()
    for language, catalogue in catalogues.items():
        if language != FALLBACK_LANGUAGE:
            catalogue.check_against(reference)
    return catalogues
