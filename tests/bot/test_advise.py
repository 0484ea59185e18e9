"""`backcoach advise`: the clinician's check of the rules, through a real argument parser."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.advise import add_parser

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Run:
    """What one command printed and returned."""

    status: int
    out: str
    err: str


def advise(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    """Runs `advise` with `argv` through a parser built as bot/cli.py builds it."""
    parser = argparse.ArgumentParser(prog="backcoach")
    add_parser(parser.add_subparsers(dest="command", required=True))
    try:
        args = parser.parse_args(["advise", *argv])
        status = int(args.func(args))
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 1
    captured = capsys.readouterr()
    return Run(status, captured.out, captured.err)


@pytest.mark.parametrize(
    ("argv", "first_line"),
    [
        (
            ["--baseline", "2", "--during", "3", "--after1", "2"],
            "GREEN — pain went from 2 to 3 during and was 2 an hour later: no more than 1 above "
            "the start during, and settled within the hour.",
        ),
        (
            ["--baseline", "6", "--during", "6", "--after1", "6"],
            "GREEN — pain went from 6 to 6 during and was 6 an hour later: no more than 1 above "
            "the start during, and settled within the hour.",
        ),
        (
            ["--baseline", "0", "--during", "2", "--after1", "1"],
            "GREEN — pain went from 0 to 2 during and was 1 an hour later: mild all along (3 or "
            "less) and settled within the hour.",
        ),
        (
            ["--baseline", "1", "--during", "4", "--after1", "1"],
            "AMBER — pain went from 1 to 4 during and was 1 an hour later: settled within the "
            "hour, but a rise of 3 during is more than 1, to a peak above 3.",
        ),
        (
            ["--baseline", "2", "--during", "4", "--after1", "4", "--after2", "3"],
            "AMBER — pain went from 2 to 4 during, was 4 an hour later and 3 two hours later: "
            "not settled at one hour, but back to 3 or less within two hours.",
        ),
        (
            ["--baseline", "6", "--during", "8"],
            "RED — pain went from 6 to 8 during: a rise of 2 during took pain to 8 (8 or more "
            "after a rise of 2 or more): too much for now.",
        ),
        (
            ["--baseline", "1", "--during", "5", "--after1", "1"],
            "RED — pain went from 1 to 5 during and was 1 an hour later: a rise of 4 during "
            "(4 or more) is too much for now.",
        ),
        (
            ["--baseline", "2", "--during", "3", "--after1", "4", "--after2", "4"],
            "RED — pain went from 2 to 3 during, was 4 an hour later and 4 two hours later: "
            "it had not settled back to 3 or less within two hours.",
        ),
        (
            ["--baseline", "2", "--during", "3"],
            "UNFINISHED — pain went from 2 to 3 during: the one-hour answer (--after1) is "
            "needed before a light can be given.",
        ),
        (
            ["--baseline", "2", "--during", "3", "--after1", "4"],
            "UNFINISHED — pain went from 2 to 3 during and was 4 an hour later: not settled at "
            "one hour (above 3), so the two-hour answer (--after2) is needed before a light can "
            "be given.",
        ),
    ],
    ids=[
        "green-steady",
        "green-steady-from-6",
        "green-mild",
        "amber-rise",
        "amber-late",
        "red-severe",
        "red-rise",
        "red-unsettled",
        "unfinished-a1",
        "unfinished-a2",
    ],
)
def test_advise_prints_the_light_and_the_reason_in_the_numbers(
    capsys: pytest.CaptureFixture[str], argv: list[str], first_line: str
) -> None:
    """The first line names the light and explains it with the numbers given."""
    run = advise(capsys, *argv)
    assert run.status == 0, run.err
    assert run.out.splitlines()[0] == first_line
    assert run.err == ""


def test_advise_without_level_prints_no_next_step(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --level there is no ladder, so no "Next:" line."""
    run = advise(capsys, "--baseline", "2", "--during", "3", "--after1", "2")
    assert not any(line.startswith("Next:") for line in run.out.splitlines())
    assert run.out.splitlines()[-1].startswith("Rule: green.steady (thresholds ")


def test_advise_with_level_prints_the_next_level(capsys: pytest.CaptureFixture[str]) -> None:
    """With --level and --previous green, a GREEN moves up one level and says why."""
    run = advise(
        capsys,
        "--baseline",
        "2",
        "--during",
        "3",
        "--after1",
        "2",
        "--level",
        "2",
        "--previous",
        "green",
    )
    assert "Next: level 3 — move up: GREEN twice in a row at level 2." in run.out.splitlines()


def test_advise_json_is_one_object_with_the_light_keys(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints exactly one object: light, reason and rule, nothing else without --level."""
    run = advise(capsys, "--baseline", "2", "--during", "3", "--after1", "2", "--json")
    assert run.status == 0
    assert len(run.out.strip().splitlines()) == 1
    out = json.loads(run.out)
    assert set(out) == {"light", "reason", "rule"}
    assert (out["light"], out["rule"]) == ("green", "green.steady")
    assert out["reason"].startswith("pain went from 2 to 3 during and was 2 an hour later")


@pytest.mark.parametrize(
    ("argv", "light", "next_level", "move"),
    [
        (["--after1", "2", "--level", "2", "--previous", "green"], "green", 3, "up"),
        (["--after1", "2", "--level", "2", "--previous", "GREEN"], "green", 3, "up"),
        (["--after1", "2", "--level", "2"], "green", 2, "repeat"),
        (["--after1", "2", "--level", "2", "--previous", "amber"], "green", 2, "repeat"),
        (["--after1", "2", "--level", "2", "--previous", "red"], "green", 2, "repeat"),
        (
            ["--after1", "4", "--after2", "3", "--level", "2", "--previous", "green"],
            "amber",
            2,
            "repeat",
        ),
        (
            ["--after1", "4", "--after2", "4", "--level", "3", "--previous", "green"],
            "red",
            2,
            "back",
        ),
        (["--after1", "4", "--after2", "4", "--level", "1"], "red", 1, "repeat"),
        (["--level", "4", "--previous", "green"], "unfinished", 4, "none"),
        (["--after1", "2", "--level", "250", "--previous", "green"], "green", 251, "up"),
    ],
    ids=[
        "green-green-up",
        "previous-any-case",
        "green-first-repeat",
        "green-amber-repeat",
        "green-red-repeat",
        "amber-repeat",
        "red-back",
        "red-at-1-stays",
        "unfinished-none",
        "no-ladder-cap",
    ],
)
def test_advise_json_gives_the_next_level_and_move(
    capsys: pytest.CaptureFixture[str], argv: list[str], light: str, next_level: int, move: str
) -> None:
    """With --level, --json adds next_level and move as the ladder table decides them."""
    run = advise(capsys, "--baseline", "2", "--during", "3", *argv, "--json")
    out = json.loads(run.out)
    assert set(out) == {"light", "reason", "rule", "next_level", "move"}
    assert (out["light"], out["next_level"], out["move"]) == (light, next_level, move)


@pytest.mark.parametrize(
    ("argv", "light", "rule", "next_level", "move"),
    [
        (["6", "6", "--after1", "6"], "green", "green.steady", 2, "repeat"),
        (["6", "6", "--after1", "6", "--previous", "green"], "green", "green.steady", 3, "up"),
        (["7", "7", "--after1", "7", "--previous", "green"], "green", "green.steady", 2, "repeat"),
        (["0", "2", "--after1", "1", "--previous", "green"], "green", "green.mild", 3, "up"),
        (["1", "4", "--after1", "1", "--previous", "green"], "amber", "amber.rise", 2, "repeat"),
        (["6", "8"], "red", "red.severe", 1, "back"),
        (["7", "8"], "unfinished", "unfinished.a1", 2, "none"),
        (["3", "7"], "red", "red.rise", 1, "back"),
        (["3", "6", "--after1", "4"], "amber", "amber.rise", 2, "repeat"),
    ],
    ids=[
        "6-6-6-green-repeats",
        "6-6-6-green-twice-moves-up",
        "start-7-never-up",
        "0-2-1-green",
        "1-4-1-amber",
        "6-8-severe",
        "7-8-no-light-yet",
        "3-7-rise",
        "3-6-4-amber",
    ],
)
def test_advise_json_follows_the_new_light_table(
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    light: str,
    rule: str,
    next_level: int,
    move: str,
) -> None:
    """`advise --json` gives the light, rule and next level of the 2026-12-06 table."""
    b, d, *rest = argv
    run = advise(capsys, "--baseline", b, "--during", d, *rest, "--level", "2", "--json")
    out = json.loads(run.out)
    assert (out["light"], out["rule"], out["next_level"], out["move"]) == (
        light,
        rule,
        next_level,
        move,
    )


BAD_VALUES = [
    (option, value)
    for option in ("--baseline", "--during", "--after1", "--after2")
    for value in ("11", "-1", "4.5", "four", "")
] + [
    ("--level", "0"),
    ("--level", "-2"),
    ("--level", "1.5"),
    ("--level", "two"),
    ("--previous", "blue"),
    ("--previous", ""),
]


@pytest.mark.parametrize(("option", "value"), BAD_VALUES, ids=[f"{o}={v!r}" for o, v in BAD_VALUES])
def test_advise_rejects_a_bad_value_with_one_line_naming_the_option(
    capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    """A value the rules cannot take exits 2 with one stderr line naming the option and value."""
    given = {"--baseline": "2", "--during": "3", "--after1": "2", option: value}
    argv = [part for pair in given.items() for part in pair]
    run = advise(capsys, *argv)
    assert run.status == 2
    assert run.out == ""
    assert len(run.err.splitlines()) == 1
    assert run.err.startswith(f"backcoach advise: {option} must be ")
    assert f"got {value!r}" in run.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--baseline", "2", "--during", "3", "--after2", "3"], "--after2 needs --after1"),
        (["--baseline", "2"], "the following arguments are required: --during"),
        (["--during", "3"], "the following arguments are required: --baseline"),
        (["--baseline", "2", "--during"], "argument --during: expected one argument"),
    ],
    ids=["after2-without-after1", "no-during", "no-baseline", "during-without-value"],
)
def test_advise_usage_errors_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Missing options and --after2 without --after1 exit 2 with one line, no usage dump."""
    run = advise(capsys, *argv)
    assert run.status == 2
    assert run.out == ""
    assert run.err.splitlines() == [run.err.strip()]
    assert run.err.startswith(f"backcoach advise: {message}")


@pytest.mark.skipif(not (ROOT / "bot" / "cli.py").exists(), reason="bot/cli.py not written yet")
def test_backcoach_advise_runs_as_a_command() -> None:
    """`python -m bot.cli advise ... --json` prints the verdict; a bad value exits 2 on one line."""
    command = [sys.executable, "-m", "bot.cli", "advise", "--baseline", "2", "--during", "3"]
    good = subprocess.run(
        [*command, "--after1", "2", "--level", "2", "--previous", "green", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout) == {
        "light": "green",
        "reason": "pain went from 2 to 3 during and was 2 an hour later: no more than 1 above the "
        "start during, and settled within the hour.",
        "rule": "green.steady",
        "next_level": 3,
        "move": "up",
    }
    bad = subprocess.run(
        [*command, "--after1", "11"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert bad.returncode == 2
    assert bad.stderr.splitlines() == [
        "backcoach advise: --after1 must be a whole number from 0 to 10, got '11'"
    ]
