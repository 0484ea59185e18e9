"""Loading the screen: the loader refuses broken screen data by file and key."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.content import ContentError, load_content

# --- loading: the loader refuses broken screen data by file and key ----------------------------


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


def test_an_undoing_cue_without_a_cause_is_refused(data: Path) -> None:
    """`undone_by` undoes a rule's cause: on a rule with no `explained_by` it is refused."""
    n = add_rule(data, "id = \"soon\"\nkind = \"urgent\"\npatterns = ['x']\nundone_by = ['y']")
    message = refusal(data)
    assert message.startswith(f"data/safety/en.toml: rule[{n}].undone_by: undoes nothing")


def test_a_bad_undoing_cue_is_refused(data: Path) -> None:
    """An `undone_by` pattern is checked like any other."""
    rule = "id = \"soon\"\nkind = \"urgent\"\npatterns = ['x']\nexplained_by = ['y']"
    n = add_rule(data, rule + "\nundone_by = ['(']")
    message = refusal(data)
    assert message.startswith(f"data/safety/en.toml: rule[{n}].undone_by[1]: bad regular")


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


def test_a_letter_three_times_in_a_row_is_refused(data: Path) -> None:
    """Text is read with a run of one letter cut to two ("numbbb" as "numbb"), so a pattern that
    spells a letter three times ("fussspitze") could never match: refused, not left dead."""
    n = add_rule(data, 'id = "dead"\nkind = "urgent"\npatterns = ["fussspitze"]')
    assert "three times in a row" in refusal(data)
    assert refusal(data).startswith(f"data/safety/en.toml: rule[{n}].patterns[1]:")


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
