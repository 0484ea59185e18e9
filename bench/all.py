"""Every benchmark in one run, then a table of the DESIGN §8 targets: figure, met or not.

Run: .venv/bin/python bench/all.py [--quick] [--pg-url URL] [--only STEP ...] [--save FILE]

In order, each as a subprocess whose output is streamed as it comes:
  turns             bench/turns.py: one FSM turn (attach + trigger + detach), and a full turn
  updates-sqlite    bench/updates.py --db sqlite: the update path vs a bare PTB echo bot, both
                    over HTTP to the fake Bot API in a process of its own
  updates-postgres  bench/updates.py --db postgres: the same on a fresh PostgreSQL database
  webhook-postgres  bench/webhook.py: `backcoach serve` processes (one, then two) on PostgreSQL
                    over HTTP: updates/s, POST→reply p50/p99 at 100 and 200/s, a replica killed
  fanout-postgres   bench/fanout.py --db postgres --processes 2: 3,000 nudges at the default
                    30/s from two bot processes sharing one PostgreSQL (and one send budget)
  memory            bench/fanout.py --db sqlite: a bot process's RSS after a fan-out to 1,000
                    people vs after 100,000 (at 1,000/s, drive=loop: 10–20 minutes on 2 cores);
                    --quick uses 10,000 instead, and the table says so

The machine (CPU model, cores, Python, SQLite and PostgreSQL versions, load) is printed first;
the summary is a Markdown table, ready for docs/PERFORMANCE.md. Nothing is asserted: the exit
status is 1 only when a benchmark could not run. Run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench.common, run as a file

from bench.common import JSON_PREFIX, machine, pg_admin_url, shown  # noqa: E402

BENCH = ROOT / "bench"
FULL_MEMORY_PEOPLE = 100_000
QUICK_MEMORY_PEOPLE = 10_000
FANOUT_PEOPLE = 3_000
FANOUT_RATE = 30  # the configured default (BACKCOACH_SEND_RATE)
MEMORY_RATE = 1_000  # the highest configurable rate: the fan-out runs as fast as it can


@dataclass
class Step:
    name: str
    title: str
    argv: list[str]
    results: list[dict[str, Any]] = field(default_factory=list)
    exit: int | None = None  # None: not run
    seconds: float = 0.0

    def result(self, **match: Any) -> dict[str, Any] | None:
        """The last JSON result whose fields match."""
        for found in reversed(self.results):
            if all(found.get(k) == v for k, v in match.items()):
                return dict(found)
        return None


def steps(args: argparse.Namespace) -> list[Step]:
    pg = ["--pg-url", args.pg_url]
    memory = QUICK_MEMORY_PEOPLE if args.quick else args.memory_people
    updates = ["--updates", str(args.updates), "--users", str(args.users)]
    return [
        Step("turns", "FSM turn cost", ["turns.py", "--json"]),
        Step(
            "updates-sqlite",
            "update path vs echo bot, SQLite",
            ["updates.py", "--db", "sqlite", *updates, "--json"],
        ),
        Step(
            "updates-postgres",
            "update path vs echo bot, PostgreSQL",
            ["updates.py", "--db", "postgres", *pg, *updates, "--json"],
        ),
        Step(
            "webhook-postgres",
            "the webhook path: backcoach serve, 1 and 2 replicas on PostgreSQL, over HTTP",
            ["webhook.py", *pg, "--users", str(args.users), "--json"],
        ),
        Step(
            "fanout-postgres",
            f"fan-out, 2 processes on PostgreSQL, {args.fanout_people:,} people at {FANOUT_RATE}/s",
            [
                "fanout.py",
                "--db",
                "postgres",
                *pg,
                "--processes",
                "2",
                "--users",
                str(args.fanout_people),
                "--rate",
                str(FANOUT_RATE),
                "--no-baseline",
                "--max-seconds",
                str(max(600, 3 * args.fanout_people // FANOUT_RATE)),
                "--json",
            ],
        ),
        Step(
            "memory",
            f"memory, 1 process on SQLite: 1,000 vs {memory:,} people at {MEMORY_RATE:,}/s"
            + (" (--quick)" if args.quick else ""),
            [
                "fanout.py",
                "--db",
                "sqlite",
                "--users",
                str(memory),
                "--rate",
                str(MEMORY_RATE),
                "--drive",
                "loop",
                "--max-seconds",
                "7200",
                "--json",
            ],
        ),
    ]


def run(step: Step, number: int, total: int) -> None:
    command = [sys.executable, str(BENCH / step.argv[0]), *step.argv[1:]]
    print(f"\n=== [{number}/{total}] {step.title}", flush=True)
    print(f"$ {' '.join([sys.executable, 'bench/' + step.argv[0], *step.argv[1:]])}", flush=True)
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    began = time.perf_counter()
    with subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(JSON_PREFIX):
                try:
                    step.results.append(json.loads(line[len(JSON_PREFIX) :]))
                except json.JSONDecodeError:
                    print(f"(unreadable result line: {line.strip()[:200]})")
                continue
            print(line, end="", flush=True)
        step.exit = process.wait()
    step.seconds = time.perf_counter() - began
    state = "done" if step.exit == 0 else f"FAILED (exit {step.exit})"
    print(f"=== {step.name}: {state} in {step.seconds:.0f} s", flush=True)


Row = tuple[str, str, str]  # target, figure, verdict


def verdict(ok: bool | None) -> str:
    return "not run" if ok is None else ("met" if ok else "**not met**")


def missing(step: Step, target: str) -> Row:
    why = "not run" if step.exit is None else f"no figure (exit {step.exit})"
    return target, "—", why


def summary(by_name: dict[str, Step], quick: bool) -> list[Row]:
    rows: list[Row] = []
    step = by_name.get("turns")
    if step is not None:
        r = step.result(bench="turns")
        target = "one FSM turn (attach + trigger + detach) ≤ 1 ms"
        if r is None:
            rows.append(missing(step, target))
        else:
            figure = f"{r['fsm_turn_us']:.0f} µs (bare transitions {r['bare_fsm_us']:.0f} µs)"
            rows.append((target, figure, verdict(r["fsm_turn_us"] <= 1000)))
    for name, backend in (("updates-sqlite", "SQLite"), ("updates-postgres", "PostgreSQL")):
        step = by_name.get(name)
        if step is None:
            continue
        note = "" if backend == "SQLite" else " (§8 states it for SQLite)"
        r = step.result(bench="updates")
        targets = [
            f"{backend}: update path ≥ 1,000 updates/s{note}",
            f"{backend}: ≥ 1/3 of the echo bot's rate, same run, both over HTTP{note}",
            f"{backend}: p99 ≤ 50 ms at 200 updates/s{note}",
        ]
        if r is None:
            rows += [missing(step, target) for target in targets]
            continue
        rows.append(
            (
                targets[0],
                f"{r['ours_per_s']:,.0f} updates/s (saturated p50 {r['saturated_p50_ms']:.0f} ms,"
                f" p99 {r['saturated_p99_ms']:.0f} ms)",
                verdict(r["ours_per_s"] >= 1000),
            )
        )
        rows.append(
            (
                targets[1],
                f"{r['ratio']:.3f} (echo bot {r['echo_per_s']:,.0f} updates/s)",
                verdict(r["ratio"] >= 1 / 3),
            )
        )
        rows.append(
            (
                targets[2],
                f"p50 {r['paced_p50_ms']:.1f} ms, p99 {r['paced_p99_ms']:.1f} ms",
                verdict(r["paced_p99_ms"] <= 50),
            )
        )
    sqlite, postgres = by_name.get("updates-sqlite"), by_name.get("updates-postgres")
    if sqlite is not None and postgres is not None:
        a, b = sqlite.result(bench="updates"), postgres.result(bench="updates")
        target = "PostgreSQL ≥ 60% of SQLite's updates/s, same run"
        if a is None or b is None:
            rows.append(missing(postgres if b is None else sqlite, target))
        else:
            share = b["ours_per_s"] / a["ours_per_s"]
            figure = f"{share:.2f} ({b['ours_per_s']:,.0f} vs {a['ours_per_s']:,.0f} updates/s)"
            rows.append((target, figure, verdict(share >= 0.6)))
    step = by_name.get("webhook-postgres")
    if step is not None:
        rows += webhook_rows(step)
    step = by_name.get("fanout-postgres")
    if step is not None:
        r = step.result(bench="fanout", role="scenario")
        targets = [
            "fan-out ≥ 95% of the configured rate, 2 processes, one PostgreSQL",
            "fan-out duplicates = 0, 2 processes, one PostgreSQL",
        ]
        if r is None:
            rows += [missing(step, target) for target in targets]
        else:
            rows.append(
                (
                    targets[0],
                    f"{r['steady_per_s']:.1f}/s of {r['rate']:g}/s = {r['steady_ratio']:.3f} "
                    f"first→last send ({r['overall_ratio']:.3f} incl. the first tick's wait); "
                    f"{r['delivered']:,} of {r['people']:,} delivered, {r['lost']} lost",
                    verdict(r["steady_ratio"] >= 0.95),
                )
            )
            rows.append(
                (
                    targets[1],
                    f"{r['duplicates']} ({r['refused']} sends refused with 429)",
                    verdict(r["duplicates"] == 0),
                )
            )
    step = by_name.get("memory")
    if step is not None:
        r = step.result(bench="fanout", role="scenario")
        people = f"{r['people']:,}" if r else "N"
        scale = " — **--quick: 10k, not 100k**" if quick else ""
        targets = [
            f"memory ≤ 50 MB more after {people} people than after 1,000{scale}",
            f"fan-out ≥ 95% of {MEMORY_RATE:,}/s (the highest rate), {people} people, "
            "1 process, SQLite (drive=loop)",
        ]
        if r is None or "memory_growth_mb" not in r:
            rows += [missing(step, target) for target in targets]
        else:
            rows.append(
                (
                    targets[0],
                    f"{r['rss_mb']:.1f} MB vs {r['baseline_rss_mb']:.1f} MB: "
                    f"{r['memory_growth_mb']:+.1f} MB",
                    verdict(r["memory_growth_mb"] <= 50),
                )
            )
            rows.append(
                (
                    targets[1],
                    f"{r['steady_per_s']:.0f}/s = {r['steady_ratio']:.3f}; duplicates "
                    f"{r['duplicates']}, lost {r['lost']}; bot CPU "
                    f"{r['cpu_ms_per_event']:.1f} ms per nudge",
                    verdict(r["steady_ratio"] >= 0.95 and r["duplicates"] == 0),
                )
            )
    return rows


def webhook_rows(step: Step) -> list[Row]:
    """The webhook path: figures for 1 and 2 replicas (§8 asks for them, with no threshold),
    p99 ≤ 50 ms as for the update path, and nothing lost when a replica is killed."""
    r = step.result(bench="webhook")
    if r is None:
        return [missing(step, "webhook path (backcoach serve, PostgreSQL)")]
    rows: list[Row] = []
    phases = r["phases"]
    for count in (1, 2):
        mine = {
            p["phase"]: p for p in phases if p["replicas"] == count and "killed" not in p["phase"]
        }
        if "saturated" in mine:
            p = mine["saturated"]
            rows.append(
                (
                    f"webhook, {count} replica(s): updates/s, POST → reply",
                    f"{p['per_s']:,.0f} updates/s ({p['cpu_ms_per_update']:.1f} ms of replica "
                    f"CPU per update)",
                    "reported",
                )
            )
        for rate in (100, 200):
            p = mine.get(f"paced {rate}/s")
            if p is not None:
                rows.append(
                    (
                        f"webhook, {count} replica(s): p99 POST → reply ≤ 50 ms at {rate}/s",
                        f"p50 {p['p50_ms']:.1f} ms, p99 {p['p99_ms']:.1f} ms",
                        verdict(p["p99_ms"] <= 50),
                    )
                )
    killed = [p for p in phases if "killed" in p["phase"]]
    for p in killed:
        rows.append(
            (
                "webhook, 2 replicas, one SIGKILLed mid-run: every update answered exactly once",
                f"{p['updates']:,} updates: {p['missing']} unanswered, {p['extra']} messages "
                f"extra ({p['refused']} POSTs retried at the other replica)",
                verdict(p["missing"] == 0 and p["extra"] == 0),
            )
        )
    return rows


def table(rows: list[Row]) -> str:
    lines = ["| Target (DESIGN §8) | Figure | |", "|---|---|---|"]
    lines += [f"| {target} | {figure} | {ok} |" for target, figure, ok in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"memory at {QUICK_MEMORY_PEOPLE:,} people instead of {FULL_MEMORY_PEOPLE:,}",
    )
    parser.add_argument(
        "--pg-url", help="PostgreSQL admin URL (default: $BACKCOACH_TEST_PG_URL or local server)"
    )
    parser.add_argument("--only", nargs="+", metavar="STEP", help="run only these steps")
    parser.add_argument("--save", type=Path, help="also write every figure to this JSON file")
    # Sizes, for trying the command out; the defaults are the benchmark.
    parser.add_argument("--updates", type=int, default=2000, help=argparse.SUPPRESS)
    parser.add_argument("--users", type=int, default=200, help=argparse.SUPPRESS)
    parser.add_argument("--fanout-people", type=int, default=FANOUT_PEOPLE, help=argparse.SUPPRESS)
    parser.add_argument(
        "--memory-people", type=int, default=FULL_MEMORY_PEOPLE, help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    args.pg_url = pg_admin_url(args.pg_url)
    chosen = steps(args)
    names = [s.name for s in chosen]
    if args.only:
        unknown = set(args.only) - set(names)
        if unknown:
            parser.error(f"unknown step(s) {sorted(unknown)}; steps: {', '.join(names)}")
        chosen = [s for s in chosen if s.name in args.only]

    started = datetime.now(UTC)
    facts = machine(args.pg_url)
    print(
        f"backcoach benchmarks, {started:%Y-%m-%d %H:%M} UTC" + (" (--quick)" if args.quick else "")
    )
    for key, value in facts.items():
        print(f"- {key}: {value}")
    print(f"- PostgreSQL admin URL: {shown(args.pg_url)}")
    for number, step in enumerate(chosen, 1):
        run(step, number, len(chosen))

    rows = summary({s.name: s for s in chosen}, args.quick)
    minutes = (datetime.now(UTC) - started).total_seconds() / 60
    print(
        f"\n=== Summary ({started:%Y-%m-%d}, {minutes:.0f} min"
        + (", --quick)" if args.quick else ")")
    )
    print(
        f"Machine: {facts['cpu']}, {facts['cores']} cores; {facts['python']}; SQLite "
        f"{facts['sqlite']}; PostgreSQL {facts['postgresql']}\n"
    )
    print(table(rows))
    failed = [s.name for s in chosen if s.exit not in (0, None)]
    if failed:
        print(f"\nFailed to run: {', '.join(failed)}")
    if args.save:
        saved = {
            "started": started.isoformat(),
            "quick": args.quick,
            "machine": facts,
            "steps": {
                s.name: {"exit": s.exit, "seconds": s.seconds, "results": s.results} for s in chosen
            },
            "summary": [list(row) for row in rows],
        }
        args.save.write_text(json.dumps(saved, indent=2) + "\n")
        print(f"\nfigures saved to {args.save}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
