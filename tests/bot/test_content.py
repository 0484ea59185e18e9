"""Content loading: the real data/ loads, and each kind of broken content is refused by name."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from bot.content import ContentError, default_data_dir, load_content
from flows.content import PURPOSES, Content

REAL = default_data_dir()


def load(data: Path, required: tuple[str, ...] = ()) -> Content:
    """Loads `data` with only the given keys required beyond the loader's own."""
    return load_content(data, required_keys=required)


def refusal(data: Path, required: tuple[str, ...] = ()) -> str:
    """Returns the one-line message of the ContentError that loading `data` raises."""
    with pytest.raises(ContentError) as caught:
        load(data, required)
    message = str(caught.value)
    assert "\n" not in message
    return message


def append(path: Path, text: str) -> None:
    """Appends TOML text to a file of the copy."""
    with path.open("a", encoding="utf-8") as f:
        f.write("\n" + text)


def edit(path: Path, pattern: str, replacement: str) -> None:
    """Rewrites the first line of a file of the copy that matches `pattern`."""
    text = path.read_text(encoding="utf-8")
    new = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert new != text, pattern
    path.write_text(new, encoding="utf-8")


def count(data: Path, file: str, array: str) -> int:
    """Returns how many `[[array]]` entries a file of the copy holds."""
    return len(tomllib.loads((data / file).read_text(encoding="utf-8"))[array])


def ladder_toml(movement: str, steps: int, *, skip_how_at: int = 0) -> str:
    """Returns a ladder entry with `steps` steps, optionally without `how` at one level."""
    lines = [f'[[ladder]]\nmovement = "{movement}"\nname = "reaching"\nquestion = "reaching up"']
    for level in range(1, steps + 1):
        how = "" if level == skip_how_at else f'how = "Reach up {level} times."'
        lines.append(f'[[ladder.step]]\nname = "Level {level}"\n{how}')
    return "\n".join(lines)


EXERCISE_FIELDS = {
    "how": "Slowly.",
    "cues": ["Breathe out.", "Stay small."],
    "stop_if": "Stop if it hurts more.",
    "minutes": 1,
    "where": "chair",
    "feel": "A gentle ease.",
    "easier": "Smaller.",
    "harder": "Slower.",
}


def exercise_toml(id_: str, purpose: str, *, without: str = "", **changes: object) -> str:
    """Returns a complete exercise entry, less the field `without`, with `changes` applied."""
    fields = {"id": id_, "name": "Test", "purpose": purpose, **EXERCISE_FIELDS, **changes}
    fields.pop(without, None)
    lines = [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "[[exercise]]\n" + "\n".join(lines)


# --- the real content ---------------------------------------------------------------------


def test_real_data_loads() -> None:
    """The shipped data/ passes every check (catalogue keys required as registered so far)."""
    content = load_content(REAL)
    assert content.policy_version == "2026-11"


def test_a_scratch_copy_of_the_data_loads(data: Path) -> None:
    """The scratch copy other tests break loads as it is: ladders, zones."""
    content = load(data)
    assert {"bend", "lift", "twist"} <= set(content.ladders)
    assert "Europe/London" in content.common_zones and "Europe/London" in content.zones


def test_every_ladder_has_at_least_five_levels(data: Path) -> None:
    """Each exposure ladder runs from level 1 to at least level 5, numbered by position."""
    for ladder in load(data).ladders.values():
        assert ladder.top >= 5
        assert [s.level for s in ladder.steps] == list(range(1, ladder.top + 1))


def test_every_exercise_has_cues_and_stop_if(data: Path) -> None:
    """Each movement carries 2–4 cues and a one-line stop-if."""
    for exercise in load(data).exercises.values():
        assert 2 <= len(exercise.cues) <= 4
        assert exercise.stop_if and "\n" not in exercise.stop_if


def test_every_purpose_has_two_movements_and_gentle_set_is_complete(data: Path) -> None:
    """Each portfolio purpose offers a choice, and the settle phase has its four movements."""
    content = load(data)
    assert all(len(content.by_purpose(p)) >= 2 for p in PURPOSES)
    gentle = {e.id for e in content.by_purpose("gentle")}
    assert {"walk", "knee_rolls", "cat_cow", "supported_bridge"} <= gentle


def test_thresholds_file_matches_documented_defaults(data: Path) -> None:
    """The shipped numbers are the ones DESIGN §4 and flows.content document."""
    t = load(data).thresholds
    assert (t.red_rise, t.severe_during, t.severe_rise) == (4, 8, 2)
    assert (t.green_rise_max, t.green_mild_max, t.hard_day_pain) == (1, 3, 7)
    assert (t.followup1_minutes, t.followup2_minutes, t.bad_morning_rise) == (60, 120, 2)


def test_red_flags_cover_both_categories(data: Path) -> None:
    """The screen holds the six emergency and six urgent questions of DESIGN §5 (fracture risk
    joined the urgent ones on 2026-12-06)."""
    categories = [q.category for q in load(data).red_flags]
    assert (categories.count("emergency"), categories.count("urgent")) == (6, 6)


# --- refusals: each names the file and the key --------------------------------------------


def test_ladder_step_without_how_is_refused(data: Path) -> None:
    """A step missing its `how` is named by ladder and level."""
    n = count(data, "ladders.toml", "ladder") + 1
    append(data / "ladders.toml", ladder_toml("reach", 6, skip_how_at=3))
    assert refusal(data) == f"data/ladders.toml: ladder[{n}].step[3].how: missing"


def test_ladder_with_four_steps_is_refused(data: Path) -> None:
    """A ladder shorter than five levels is refused."""
    n = count(data, "ladders.toml", "ladder") + 1
    append(data / "ladders.toml", ladder_toml("reach", 4))
    assert refusal(data).startswith(f"data/ladders.toml: ladder[{n}].step: 4 steps")


def test_unknown_threshold_is_refused(data: Path) -> None:
    """A key in [values] that Thresholds does not have is refused (a typo must not pass)."""
    edit(data / "thresholds.toml", r"^\[values\]$", "[values]\nred_durign = 6")
    assert refusal(data) == "data/thresholds.toml: values.red_durign: unknown key"


def test_missing_threshold_is_refused(data: Path) -> None:
    """Every field of Thresholds must be set in the file."""
    edit(data / "thresholds.toml", r"^severe_during = .*$", "")
    assert refusal(data) == "data/thresholds.toml: values.severe_during: missing"


def test_threshold_of_wrong_type_is_refused(data: Path) -> None:
    """A threshold written as text is refused."""
    edit(data / "thresholds.toml", r"^red_rise = .*$", 'red_rise = "four"')
    assert refusal(data) == "data/thresholds.toml: values.red_rise: expected int, got str"


def test_second_follow_up_before_first_is_refused(data: Path) -> None:
    """The two-hour follow-up must come after the one-hour one."""
    edit(data / "thresholds.toml", r"^followup2_minutes = .*$", "followup2_minutes = 30")
    assert refusal(data).startswith("data/thresholds.toml: values.followup2_minutes: must be >")


def test_duplicate_exercise_id_is_refused(data: Path) -> None:
    """Two movements with one id are refused at the second."""
    n = count(data, "exercises.toml", "exercise") + 1
    append(data / "exercises.toml", exercise_toml("walk", "gentle"))
    assert refusal(data).startswith(f"data/exercises.toml: exercise[{n}].id: duplicate 'walk'")


def test_unknown_exercise_purpose_is_refused(data: Path) -> None:
    """A purpose outside gentle and the five portfolio purposes is refused."""
    n = count(data, "exercises.toml", "exercise") + 1
    append(data / "exercises.toml", exercise_toml("plank", "core"))
    assert refusal(data).startswith(f"data/exercises.toml: exercise[{n}].purpose: 'core'")


def test_a_micro_break_that_needs_the_floor_is_refused(data: Path) -> None:
    """A micro-break movement marked as done on the floor is refused, naming file and key."""
    n = count(data, "exercises.toml", "exercise") + 1
    append(data / "exercises.toml", exercise_toml("desk_plank", "micro_break", where="floor"))
    message = refusal(data)
    assert message.startswith(f"data/exercises.toml: exercise[{n}].where: 'floor'")
    assert "never on the floor" in message


def test_breathing_that_needs_the_floor_is_refused(data: Path) -> None:
    """Breathing is offered as a micro-break too, so it may not need the floor either."""
    ribs = 'feel = "Your ribs widening'  # the line after breathing's `where`
    edit(data / "exercises.toml", rf'^where = "chair"\n{ribs}', f'where = "floor"\n{ribs}')
    assert re.match(r"data/exercises.toml: exercise\[\d+\]\.where: 'floor'", refusal(data))


def test_a_long_micro_break_is_refused(data: Path) -> None:
    """A micro-break takes a minute or so: more than 2 minutes is refused."""
    n = count(data, "exercises.toml", "exercise") + 1
    append(data / "exercises.toml", exercise_toml("desk_long", "micro_break", minutes=5))
    assert refusal(data).startswith(f"data/exercises.toml: exercise[{n}].minutes: must be <= 2")


@pytest.mark.parametrize("field", ["feel", "easier", "harder", "where"])
def test_an_exercise_without_feel_easier_harder_or_where_is_refused(data: Path, field: str) -> None:
    """Every movement says what to feel, an easier and a harder version, and what it needs."""
    n = count(data, "exercises.toml", "exercise") + 1
    append(data / "exercises.toml", exercise_toml("calf_raise", "gentle", without=field))
    assert refusal(data) == f"data/exercises.toml: exercise[{n}].{field}: missing"


def test_an_unknown_place_for_an_exercise_is_refused(data: Path) -> None:
    """`where` is floor, chair or standing; anything else is a typo."""
    n = count(data, "exercises.toml", "exercise") + 1
    append(data / "exercises.toml", exercise_toml("calf_raise", "gentle", where="sofa"))
    assert refusal(data).startswith(f"data/exercises.toml: exercise[{n}].where: 'sofa'")


def test_breathing_without_why_is_refused(data: Path) -> None:
    """The breathing practice must say what it is for."""
    edit(data / "exercises.toml", r"^why = .*$", "")
    assert re.match(r"data/exercises.toml: exercise\[\d+\]\.why: missing", refusal(data))


def test_the_breathing_practice_cannot_be_dropped(data: Path) -> None:
    """The flare-up plan and micro-breaks refer to the exercise "breathing": it must exist."""
    edit(data / "exercises.toml", r'^id = "breathing"$', 'id = "breathing_renamed"')
    assert (
        refusal(data)
        == "data/exercises.toml: exercise: the breathing practice 'breathing' is missing"
    )


def test_every_exercise_has_feel_and_easier_and_harder(data: Path) -> None:
    """Every shipped movement says what to feel and has both options, each on one line."""
    for exercise in load(data).exercises.values():
        for text in (exercise.feel, exercise.easier, exercise.harder):
            assert text and "\n" not in text, exercise.id


def test_the_micro_break_set_is_desk_or_standing_and_breathing_is_in_it(data: Path) -> None:
    """Micro-breaks draw from breathing and at least three desk-or-standing movements."""
    breaks = load(data).micro_breaks
    assert "breathing" in {e.id for e in breaks}
    assert sum(e.purpose == "micro_break" for e in breaks) >= 3
    assert all(e.where in ("chair", "standing") and e.minutes <= 2 for e in breaks)


def test_unknown_red_flag_category_is_refused(data: Path) -> None:
    """A red-flag question must be emergency or urgent."""
    edit(data / "redflags.toml", r'^category = "urgent"$', 'category = "later"')
    assert refusal(data).startswith("data/redflags.toml: question[7].category: 'later'")


def test_dropping_a_red_flag_question_is_refused(data: Path) -> None:
    """The screen may never lose one of DESIGN §5's questions."""
    edit(data / "redflags.toml", r'^\[\[question\]\]\nid = "saddle".*\ncategory = .*$', "")
    assert refusal(data) == "data/redflags.toml: question: emergency question 'saddle' is missing"


def test_invalid_common_zone_is_refused(data: Path) -> None:
    """Every zone offered in the picker must be a real IANA name."""
    edit(data / "zones.toml", r'^    "UTC",$', '    "UTC",\n    "Mars/Olympus_Mons",')
    message = refusal(data)
    assert message.startswith("data/zones.toml: common[12]: 'Mars/Olympus_Mons'")


def test_a_languages_zone_buttons_are_checked_like_the_english_ones(data: Path) -> None:
    """A zone in a language's own list must be a real IANA name, named by language and place."""
    edit(
        data / "zones.toml",
        r'^de = \["Europe/Berlin", ',
        'de = ["Europe/Berlin", "Mars/Olympus_Mons", ',
    )
    message = refusal(data)
    assert message.startswith("data/zones.toml: common_for.de[2]: 'Mars/Olympus_Mons'")


def test_zone_buttons_under_a_name_that_is_no_language_code_are_refused(data: Path) -> None:
    """A typo such as "German" for "de" must not pass silently (its speakers would see the
    English buttons)."""
    edit(data / "zones.toml", r"^de = ", "German = ")
    assert refusal(data) == (
        "data/zones.toml: common_for.German: not a language code (two or three lower-case "
        "letters, as 'es')"
    )


def test_a_city_alias_to_no_real_zone_is_refused(data: Path) -> None:
    """A city's other-language name must lead to a real IANA zone, named in lower case."""
    append(data / "zones.toml", '"atlantis" = "Ocean/Atlantis"')
    assert (
        refusal(data)
        == "data/zones.toml: aliases.atlantis: 'Ocean/Atlantis' is not an IANA time zone"
    )


def test_a_city_alias_with_capitals_or_accents_is_refused(data: Path) -> None:
    append(data / "zones.toml", '"Zürich" = "Europe/Zurich"')
    assert refusal(data).startswith("data/zones.toml: aliases.Zürich: write the name in lower case")
