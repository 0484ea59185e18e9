"""The coach stays pure: no I/O, no clock, one machine per flow, no models left attached."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from flows.dialogue import FLOWS
from flows.engine import END
from tests.flows.transcript import EXPOSURE_AND_FOLLOWUP, ONBOARDING, START, Chat

FLOWS_DIR = Path(__file__).resolve().parents[2] / "flows"
MODULES = sorted(FLOWS_DIR.glob("*.py"))
FORBIDDEN_IMPORTS = {
    "telegram",
    "sqlalchemy",
    "apscheduler",
    "bot",
    "aiosqlite",
    "asyncpg",
    "httpx",
    "os",
    "pathlib",
    "time",
    "random",
}
CLOCK_CALLS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
}


def imported_modules(tree: ast.AST) -> list[str]:
    """Top-level names of every module imported (absolute imports only)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module.split(".")[0])
    return found


def impure_calls(tree: ast.AST) -> list[str]:
    """Calls that read the clock or open a file: datetime.now/utcnow/today, date.today, open()."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open":
            found.append(f"line {node.lineno}: open()")
        elif isinstance(func, ast.Attribute):
            owner = func.value
            name = (
                owner.id
                if isinstance(owner, ast.Name)
                else owner.attr
                if isinstance(owner, ast.Attribute)
                else ""
            )
            if (name, func.attr) in CLOCK_CALLS:
                found.append(f"line {node.lineno}: {name}.{func.attr}()")
    return found


def test_every_flows_module_is_checked() -> None:
    """The walk finds the flows package, so the checks below are not vacuous."""
    names = {m.stem for m in MODULES}
    assert {
        "dialogue",
        "engine",
        "checkin",
        "onboarding",
        "morning",
        "safety",
        "decision",
        "parse",
    } <= names


@pytest.mark.parametrize("module", MODULES, ids=[m.stem for m in MODULES])
def test_flows_module_imports_no_io_library(module: Path) -> None:
    """flows/ never imports Telegram, storage, the scheduler, the shell, the network or the OS."""
    tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
    assert sorted(set(imported_modules(tree)) & FORBIDDEN_IMPORTS) == []


@pytest.mark.parametrize("module", MODULES, ids=[m.stem for m in MODULES])
def test_flows_module_reads_no_clock_and_opens_no_file(module: Path) -> None:
    """Time comes in as `now`; content comes in loaded: no datetime.now, date.today or open()."""
    tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
    assert impure_calls(tree) == []


def test_the_checks_catch_what_they_look_for() -> None:
    """The import and call detectors flag a module that does the forbidden things."""
    bad = ast.parse(
        "import os\nimport time as t\nfrom telegram.ext import Application\n"
        "from datetime import datetime, date\n"
        "datetime.now()\ndate.today()\nopen('x')\nimport datetime as dt\ndt.datetime.utcnow()\n"
    )
    assert set(imported_modules(bad)) >= {"os", "time", "telegram"}
    assert len(impure_calls(bad)) == 4
    fine = ast.parse("from datetime import time, timedelta\nfrom flows.model import Facts\n")
    assert set(imported_modules(fine)) & FORBIDDEN_IMPORTS == set()


# A catalogue key reads "namespace.name" ("advice.green", "next.gentle_red"): a literal piece of an
# f-string, a concatenation or a .format() that starts that way, or that starts or ends with the
# dot between two pieces, is a key being built.
KEY_START = re.compile(r"^[a-z_]+\.")
KEY_SEAM = re.compile(r"^\.|\.$")
# The one module that makes keys: keys(), keyed() and Family turn a declared name into its key.
DECLARES_KEYS = "catalogue"


def _text(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def built_keys(tree: ast.AST) -> list[str]:
    """Message keys assembled at run time (f-string, +, .format) instead of looked up."""
    found = []
    for node in ast.walk(tree):
        pieces: list[str] = []
        if isinstance(node, ast.JoinedStr):
            texts = [_text(v) for v in node.values]
            pieces = [t for t in texts if t is not None]
            head = texts[0] if texts else None
            if (head is not None and KEY_START.match(head)) or any(
                KEY_SEAM.search(p) for p in pieces
            ):
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = _text(node.left), _text(node.right)
            if (left is not None and (KEY_START.match(left) or KEY_SEAM.search(left))) or (
                right is not None and KEY_SEAM.search(right)
            ):
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = _text(node.func.value)
            if node.func.attr == "format" and owner is not None and KEY_START.match(owner):
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize(
    "module",
    [m for m in MODULES if m.stem != DECLARES_KEYS],
    ids=[m.stem for m in MODULES if m.stem != DECLARES_KEYS],
)
def test_flows_module_looks_message_keys_up(module: Path) -> None:
    """Message keys are looked up among declared keys (keys, keyed, Family), never built from
    pieces: what is said can be found by its key, and the start-up check sees every key."""
    tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
    assert built_keys(tree) == []


@pytest.mark.parametrize(
    "source",
    [
        'turn.say(f"advice.{verdict.light.value}")',
        'turn.say(f"next.gentle_{light}")',
        'turn.text(f"redflag.q.{question.id}")',
        'Choice(k, f"choice.ep_{k}")',
        'turn.say("reason." + rule)',
        'turn.say(prefix + "." + name)',
        'turn.say(f"{prefix}.{name}")',
        'turn.say("phase.{}".format(phase))',
    ],
)
def test_the_key_check_sees_a_built_key(source: str) -> None:
    """The key detector flags each way a key was (or could be) built in flows/."""
    assert built_keys(ast.parse(source)) != []


def test_the_key_check_lets_other_strings_be() -> None:
    """Schedule keys, choice values, numbers and bullets are not message keys."""
    fine = ast.parse(
        'f"followup:{user_id}:{no}:{which}"\nf"l:{m}"\nf"{usual:g}"\n"• " + turn.text(key)\n'
        'f"{ladder.name} ({step})"\nf"UTC{hours:+d}"\n'
    )
    assert built_keys(fine) == []


def conversation_through_every_flow() -> None:
    """Onboarding, a check-in with its follow-up, a morning check and a red-flag hold."""
    chat = Chat(now=START)
    chat.play(*ONBOARDING, "[later]", *EXPOSURE_AND_FOLLOWUP, "/morning", "2", "[later]")
    assert chat.facts.checkins[-1].light is not None
    held = Chat(now=START)
    held.play(*ONBOARDING[:4], "[yes]", "/plan", "[yes]", "[yes]")
    assert held.facts.profile.assessed_at is not None
    low = Chat(now=START)
    low.play(*ONBOARDING, "[later]", "I want to end it all", "[safe]", "[carry_on]")
    assert low.facts.profile.crisis_on is not None


def test_each_flow_has_one_machine_for_the_whole_process() -> None:
    """Turns reuse each flow's machine: the same object before and after a whole conversation."""
    machines = {name: spec.machine for name, spec in FLOWS.items()}
    conversation_through_every_flow()
    assert {name: spec.machine for name, spec in FLOWS.items()} == machines
    assert all(FLOWS[name].machine is machine for name, machine in machines.items())


def test_no_model_stays_attached_after_a_turn() -> None:
    """Every per-turn model is removed again: the machines hold no models between turns."""
    conversation_through_every_flow()
    assert {name: list(spec.machine.models) for name, spec in FLOWS.items()} == {
        name: [] for name in FLOWS
    }


def test_machines_have_no_auto_transitions() -> None:
    """Only the table's own trigger exists: no to_<state>() shortcuts that skip the guards."""
    for spec in FLOWS.values():
        assert set(spec.machine.events) == {"answer"}, spec.name


def test_every_flow_state_is_a_machine_state() -> None:
    """Each flow's declared states (plus the end) are exactly its machine's states."""
    for spec in FLOWS.values():
        assert set(spec.machine.states) == {*spec.states, END}, spec.name
