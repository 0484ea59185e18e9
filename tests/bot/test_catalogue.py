"""The message catalogues (Fluent, data/messages/<lang>.ftl) and a language's other content: what
start-up refuses, naming the file and the key, and how messages format in each language."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.catalogue import FluentCatalogue
from bot.content import ContentError, default_data_dir, load_content
from flows.content import Content

REAL = default_data_dir()


def overlay_from_english(data: Path, language: str) -> None:
    """Writes data/text/<language>/ with the English words: complete, so a test can break it."""
    content = load_content(data)
    folder = data / "text" / language
    folder.mkdir(parents=True, exist_ok=True)
    lines = ['version = "test"']
    for e in content.exercises.values():
        lines.append(f"[exercise.{e.id}]")
        for field in ("name", "how", "stop_if", "feel", "easier", "harder", "why"):
            value = getattr(e, field)
            if value:
                lines.append(f"{field} = {json.dumps(value, ensure_ascii=False)}")
        lines.append(f"cues = {json.dumps(list(e.cues), ensure_ascii=False)}")
    (folder / "exercises.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ['version = "test"']
    for ladder in content.ladders.values():
        lines += [
            f"[ladder.{ladder.movement}]",
            f"name = {json.dumps(ladder.name)}",
            f"question = {json.dumps(ladder.question)}",
        ]
        for step in ladder.steps:
            lines += [
                f"[[ladder.{ladder.movement}.step]]",
                f"name = {json.dumps(step.name, ensure_ascii=False)}",
                f"how = {json.dumps(step.how, ensure_ascii=False)}",
            ]
    (folder / "ladders.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A scratch copy of data/ with only English: the shipped languages removed, so that each
    test adds the language it needs."""
    copy = tmp_path / "data"
    shutil.copytree(REAL, copy)
    for path in (copy / "messages").glob("*.ftl"):
        if path.stem != "en":
            path.unlink()
    shutil.rmtree(copy / "text", ignore_errors=True)
    return copy


def add_language(data: Path, language: str, *, ftl: str | None = None) -> Path:
    """Adds `language` as a complete copy of English (its catalogue, its screen with the reader's
    corpus and everyday messages, its words); returns its catalogue's path."""
    overlay_from_english(data, language)  # first: it loads the data as it is
    path = data / "messages" / f"{language}.ftl"
    english = (data / "messages" / "en.ftl").read_text(encoding="utf-8")
    path.write_text(english if ftl is None else ftl, encoding="utf-8")
    safety = data / "safety"
    for english, copy in (
        (safety / "en.toml", safety / f"{language}.toml"),
        (safety / "corpus" / "en.toml", safety / "corpus" / f"{language}.toml"),
        (safety / "everyday" / "en.txt", safety / "everyday" / f"{language}.txt"),
    ):
        if not copy.exists():
            shutil.copy(english, copy)
    return path


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def cut(path: Path, start: str, next_: str) -> None:
    """Removes from `start` up to the next `next_` after it."""
    text = path.read_text(encoding="utf-8")
    begin = text.index(start)
    path.write_text(text[:begin] + text[text.index(next_, begin + 1) :], "utf-8")


def refusal(data: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_content(data)
    return str(caught.value)


# --- refused at start-up ----------------------------------------------------------------------


def test_a_complete_copy_of_english_as_a_second_language_loads(data: Path) -> None:
    """The baseline the refusals below break: a language with every part loads and is offered."""
    add_language(data, "fr")
    content = load_content(data)
    assert content.languages == ("en", "fr")
    assert content.speaking("fr").ladders["bend"].name == content.ladders["bend"].name


def test_a_catalogue_that_is_not_fluent_is_refused_with_its_line(data: Path) -> None:
    """A syntax error (an unclosed placeable) is named by file and line."""
    path = add_language(data, "fr")
    replace_in(path, "common-stale = ", "common-stale = { $broken ")
    line = path.read_text(encoding="utf-8").split("common-stale = ")[0].count("\n") + 1
    assert refusal(data).startswith(f"data/messages/fr.ftl: line {line}: not Fluent syntax")


def test_a_message_missing_from_a_language_is_refused_by_key(data: Path) -> None:
    """Every language has every message English has."""
    path = add_language(data, "fr")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        "\n".join(x for x in text.splitlines() if not x.startswith("common-stale =")), "utf-8"
    )
    assert refusal(data) == (
        "data/messages/fr.ftl: common.stale: missing (it is in data/messages/en.ftl)"
    )


def test_a_message_english_lacks_is_refused(data: Path) -> None:
    path = add_language(data, "fr")
    path.write_text(path.read_text(encoding="utf-8") + "\ncommon-extra = Bonjour\n", "utf-8")
    assert refusal(data) == "data/messages/fr.ftl: common.extra: not in data/messages/en.ftl"


def test_a_broken_placeholder_is_refused_by_key(data: Path) -> None:
    """A variable English does not pass ($nmae for $name) would print nothing at send time."""
    path = add_language(data, "fr")
    replace_in(path, "{ $activity } at { $time }", "{ $activty } at { $time }")
    assert refusal(data) == (
        "data/messages/fr.ftl: common.resume_checkin: uses $activty, which "
        "data/messages/en.ftl does not pass"
    )


def test_a_plural_form_the_language_lacks_is_refused(data: Path) -> None:
    """German has the plural categories one and other: a [few] variant is a translator's slip."""
    path = add_language(data, "de")
    replace_in(path, "[one] 1 point", "[few] 1 point")
    assert refusal(data).startswith(
        "data/messages/de.ftl: after.above: plural variant [few] does not exist in de"
    )


def test_a_select_without_its_default_variant_is_refused(data: Path) -> None:
    path = add_language(data, "fr")
    replace_in(path, "*[other] { $diff } points", "[other] { $diff } points")
    assert refusal(data).startswith("data/messages/fr.ftl: line ")


def test_a_key_the_code_needs_missing_from_english_is_refused() -> None:
    with pytest.raises(ContentError) as caught:
        load_content(REAL, required_keys=("test_only.absent",))
    assert str(caught.value) == "data/messages/en.ftl: test_only.absent: missing"


def test_without_english_nothing_starts(data: Path) -> None:
    (data / "messages" / "en.ftl").unlink()
    assert refusal(data) == "data/messages/en.ftl: (file): missing"


def test_a_language_without_its_own_safety_screen_is_refused(data: Path) -> None:
    """A language is offered only with its free-text screen (DESIGN §10)."""
    add_language(data, "fr")
    (data / "safety" / "fr.toml").unlink()
    assert refusal(data).startswith("data/safety/fr.toml: (file): missing")


def test_a_language_missing_an_exercise_is_refused_by_id(data: Path) -> None:
    add_language(data, "fr")
    cut(data / "text" / "fr" / "exercises.toml", "[exercise.walk]", "[exercise.")
    assert refusal(data) == "data/text/fr/exercises.toml: exercise.walk: missing"


def test_a_ladder_with_a_step_too_few_is_refused(data: Path) -> None:
    add_language(data, "fr")
    cut(data / "text" / "fr" / "ladders.toml", "[[ladder.bend.step]]", "[[ladder.bend.step]]")
    top = load_content(REAL).ladders["bend"].top
    assert refusal(data) == (
        f"data/text/fr/ladders.toml: ladder.bend.step: {top - 1} steps; data/ladders.toml has {top}"
    )


# --- formatting -------------------------------------------------------------------------------

PLURALS = """\
weeks = { $n ->
    [one] { $n } week
   *[other] { $n } weeks
 }
"""


@pytest.mark.parametrize(
    ("language", "n", "expected"),
    [
        ("en", 0, "0 weeks"),
        ("en", 1, "1 week"),
        ("en", 2, "2 weeks"),
        ("en", 1.5, "1.5 weeks"),
        ("es", 0, "0 weeks"),  # CLDR: Spanish 0 is "other"
        ("es", 1, "1 week"),
        ("es", 2, "2 weeks"),
        ("de", 1, "1 week"),
        ("de", 2, "2 weeks"),
        ("de", 1.5, "1,5 weeks"),  # and the decimal comma
        ("de", 12000, "12.000 weeks"),  # grouping beyond the small numbers' fast path
        ("en", -1, "-1 week"),  # CLDR reads the absolute value
    ],
)
def test_a_plural_variant_follows_the_languages_rule_at_its_boundary(
    language: str, n: float, expected: str
) -> None:
    catalogue = FluentCatalogue(language, "t.ftl", PLURALS)
    assert catalogue.format("weeks", {"n": n}) == expected


@pytest.mark.parametrize(
    ("language", "short", "long", "monday"),
    [
        ("en", "2 Oct", "2 Oct 2026", "Monday"),
        ("es", "2 oct", "2 oct 2026", "lunes"),
        ("de", "2. Okt.", "2. Okt. 2026", "Montag"),
    ],
)
def test_dates_and_weekdays_are_written_the_languages_way(
    language: str, short: str, long: str, monday: str
) -> None:
    catalogue = FluentCatalogue(language, "t.ftl", "x = y\n")
    assert catalogue.day(date(2026, 10, 2)) == short
    assert catalogue.day(date(2026, 10, 2), year=True) == long
    assert catalogue.weekday(0) == monday


def test_an_absent_or_empty_value_prints_a_dash_not_a_crash() -> None:
    catalogue = FluentCatalogue("en", "t.ftl", "x = from { $a } to { $b }\n")
    assert catalogue.format("x", {"a": None}) == "from – to –"


def test_english_plurals_read_right_in_the_real_catalogue() -> None:
    content: Content = load_content(REAL)
    one = content.text("en", "after.above", {"pain": 4, "when": "now", "diff": 1, "b": 3})
    two = content.text("en", "after.above", {"pain": 5, "when": "now", "diff": 2, "b": 3})
    assert "still 1 point above" in one
    assert "still 2 points above" in two


def test_a_message_with_a_persons_words_is_not_kept_after_formatting() -> None:
    """Formatted messages are cached only when every value is a number: a goal's words (which
    /delete must erase) never stay in the process's memory."""
    catalogue = FluentCatalogue("en", "t.ftl", "goal = Your goal: { $goal } ({ $now }/10)\n")
    assert catalogue.format("goal", {"goal": "carry my daughter", "now": 4}).startswith("Your")
    assert not any("carry my daughter" in text for text in catalogue._formatted.values())
    catalogue.format("goal", {"goal": None, "now": 4})
    assert list(catalogue._formatted.values()) == ["Your goal: – (4/10)"]
