"""`backcoach advise`: the decision rules case by case, for a clinician to check them.

Takes one check-in's numbers on the command line and prints the light, why, and (with --level) the
next ladder step, exactly as the coach would decide them with data/thresholds.toml. The reasons are
composed here, not taken from the catalogue: this is a tool for checking rules, not coaching text.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from typing import NoReturn

from bot.content import ContentError, load_thresholds
from flows.content import Thresholds
from flows.decision import StepDecision, Verdict, judge, next_step, settled
from flows.model import LevelState, Light

__all__ = ["add_parser", "run"]

PROG = "backcoach advise"
_WHOLE = re.compile(r"[0-9]+")
_PREVIOUS = {"green": Light.GREEN, "amber": Light.AMBER, "red": Light.RED}


class _AdviseParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Prints `backcoach advise: <message>` on one line and exits with status 2."""
        self.exit(2, f"{PROG}: {' '.join(message.split())}\n")


class _Invalid(ValueError):
    """A value on the command line that the rules cannot take; str() is the one-line message."""


@dataclass(frozen=True)
class _Case:
    """One check-in as typed on the command line."""

    baseline: int
    during: int
    a1: int | None
    a2: int | None
    level: int | None
    previous: Light | None


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds the `advise` subcommand to the command line."""
    # argparse builds every subparser with one class; swap ours in for this one only.
    parser_class = sub._parser_class
    sub._parser_class = _AdviseParser
    try:
        parser = sub.add_parser(
            "advise",
            prog=PROG,
            help="show the light and next step for one check-in's numbers",
            description="Show the traffic light, the reason and (with --level) the next ladder "
            "step for one check-in, using data/thresholds.toml. Pain is 0–10.",
        )
    finally:
        sub._parser_class = parser_class
    parser.add_argument("--baseline", required=True, metavar="B", help="pain before (0–10)")
    parser.add_argument("--during", required=True, metavar="D", help="peak pain during (0–10)")
    parser.add_argument("--after1", metavar="A1", help="pain one hour after (0–10)")
    parser.add_argument("--after2", metavar="A2", help="pain two hours after (0–10)")
    parser.add_argument("--level", metavar="L", help="current ladder level (1 or more)")
    parser.add_argument(
        "--previous",
        metavar="LIGHT",
        help="light of the previous finished check-in at this level: green, amber or red "
        "(leave out when there was none)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Prints the light, the reason and the next step for the numbers given; returns the status."""
    try:
        case = _case(args)
    except _Invalid as problem:
        print(f"{PROG}: {problem}", file=sys.stderr)
        return 2
    try:
        t = load_thresholds()
    except ContentError as problem:
        print(f"{PROG}: {problem}", file=sys.stderr)
        return 1
    verdict = judge(case.baseline, case.during, case.a1, case.a2, t)
    reason = _reason(case, verdict, t)
    step = _step(case, verdict, t)
    if args.json:
        out: dict[str, object] = {
            "light": verdict.light.value,
            "reason": reason,
            "rule": verdict.rule,
        }
        if step is not None:
            out |= {"next_level": step.level, "move": step.move}
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"{verdict.light.value.upper()} — {reason}")
    if step is not None and case.level is not None:
        print(f"Next: level {step.level} — {_step_reason(case.level, verdict.light, step, t)}")
    print(f"Rule: {verdict.rule} (thresholds {t.version})")
    return 0


# --------------------------------------------------------------------------- input


def _pain(value: str, option: str) -> int:
    """Returns the 0–10 pain score typed for `option`."""
    if not _WHOLE.fullmatch(value.strip()) or int(value) > 10:
        raise _Invalid(f"{option} must be a whole number from 0 to 10, got {value!r}")
    return int(value)


def _optional_pain(value: str | None, option: str) -> int | None:
    """Returns the 0–10 pain score typed for `option`, None when it was left out."""
    return None if value is None else _pain(value, option)


def _case(args: argparse.Namespace) -> _Case:
    """Validates the command line into one check-in."""
    baseline = _pain(args.baseline, "--baseline")
    during = _pain(args.during, "--during")
    a1 = _optional_pain(args.after1, "--after1")
    a2 = _optional_pain(args.after2, "--after2")
    if a2 is not None and a1 is None:
        raise _Invalid("--after2 needs --after1 (the two-hour answer follows the one-hour one)")
    level: int | None = None
    if args.level is not None:
        if not _WHOLE.fullmatch(args.level.strip()) or int(args.level) < 1:
            raise _Invalid(f"--level must be a whole number of 1 or more, got {args.level!r}")
        level = int(args.level)
    previous: Light | None = None
    if args.previous is not None:
        previous = _PREVIOUS.get(args.previous.strip().lower())
        if previous is None:
            raise _Invalid(f"--previous must be green, amber or red, got {args.previous!r}")
    return _Case(baseline, during, a1, a2, level, previous)


# --------------------------------------------------------------------------- output


def _story(c: _Case, t: Thresholds) -> str:
    """Tells the numbers that matter: before, during, and the follow-ups that were used."""
    story = f"pain went from {c.baseline} to {c.during} during"
    if c.a1 is None:
        return story
    if c.a2 is None or settled(c.a1, c.baseline, t):
        return f"{story} and was {c.a1} an hour later"
    return f"{story}, was {c.a1} an hour later and {c.a2} two hours later"


def _reason(c: _Case, v: Verdict, t: Thresholds) -> str:
    """Explains the verdict in the person's numbers, briefly."""
    b, d = c.baseline, c.during
    back_to = b + t.settled_margin
    why = {
        "red.rise": f"a rise of {d - b} during ({t.red_rise} or more) is too much for now.",
        "red.severe": (
            f"a rise of {d - b} during took pain to {d} ({t.severe_during} or more after a rise "
            f"of {t.severe_rise} or more): too much for now."
        ),
        "red.unsettled": f"it had not settled back to {back_to} or less within two hours.",
        "red.morning": "waking pain the next morning was well above usual.",
        "green.steady": (
            f"no more than {t.green_rise_max} above the start during, and settled within the hour."
        ),
        "green.mild": f"mild all along ({t.green_mild_max} or less) and settled within the hour.",
        "amber.rise": (
            f"settled within the hour, but a rise of {d - b} during is more than "
            f"{t.green_rise_max}, to a peak above {t.green_mild_max}."
        ),
        "amber.late": f"not settled at one hour, but back to {back_to} or less within two hours.",
        "unfinished.a1": "the one-hour answer (--after1) is needed before a light can be given.",
        "unfinished.a2": (
            f"not settled at one hour (above {back_to}), so the two-hour answer (--after2) is "
            "needed before a light can be given."
        ),
    }[v.rule]
    return f"{_story(c, t)}: {why}"


def _step(c: _Case, v: Verdict, t: Thresholds) -> StepDecision | None:
    """Returns the next ladder step when a level was given (a RED counts as the first RED)."""
    if c.level is None:
        return None
    reds = 1 if v.light is Light.RED else 0
    return next_step(
        LevelState("advise", c.level),
        v.light,
        c.previous,
        t,
        top=c.level + 1,  # the ladder is not known here: never cap
        baseline=c.baseline,
        reds_in_row=reds,
        reds_in_window=reds,
    )


def _step_reason(level: int, light: Light, s: StepDecision, t: Thresholds) -> str:
    """Explains the next step briefly."""
    if s.move == "up":
        why = f"move up: GREEN twice in a row at level {level}."
    elif s.move == "back":
        why = f"step back one level; after a GREEN there, return to level {level}, not beyond."
    elif s.move == "return":
        why = "return to the level that was RED before progressing again."
    elif s.move == "hold":
        why = "hold progression: " + (
            f"{t.pause_reds} REDs within {t.pause_window_days} days."
            if s.held == "reds"
            else "waking pain is rising week on week."
        )
    elif s.held == "hard_day":
        why = (
            f"repeat this level: the check-in started at {t.hard_day_pain} or more, a very "
            "painful day, so a GREEN is not built on."
        )
    elif s.move == "none":
        why = "no change until the check-in is finished."
    elif light is Light.RED:
        why = "stay at level 1, the easiest."
    elif light is Light.AMBER:
        why = "repeat this level until it is GREEN."
    else:
        why = "repeat this level: one more GREEN here before moving up."
    if s.flare:
        why += " Offer the flare-up plan."
    if s.see_clinician:
        why += " Pause and suggest seeing a physiotherapist or doctor."
    return why
