"""Benchmark: the cost of one FSM turn and of one full turn (flows + SQLite), with baselines;
and the floor under any unit of work: seven trivial statements through SQLAlchemy versus sqlite3.

Run: .venv/bin/python bench/turns.py [--turns N] [--json]
Prints figures and ratios against baselines measured in the same run (never asserted in tests).
Target (DESIGN §8): one FSM turn (attach + trigger + detach) <= 1 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench.common, run as a file

import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker
from transitions import Machine

from bench.common import emit, onboarding_answers
from bot.coach import Coach
from bot.content import load_content
from bot.storage import Database, upgrade
from bot.storage.db import make_sqlite_engine
from flows.checkin import FLOW as CHECKIN
from flows.checkin import CheckinTurn
from flows.model import (
    ActivityKind,
    Checkin,
    Event,
    EventKind,
    Facts,
    Frame,
    LevelState,
    Profile,
)

CONTENT = load_content()
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def per_call(fn: object, n: int) -> float:
    """Seconds per call of fn() over n calls."""
    assert callable(fn)
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def fsm_turn(n: int) -> tuple[float, float, float]:
    """(bare transitions trigger, our FSM turn, our full answer turn) in seconds per turn."""

    class Bare:
        pass

    bare_machine = Machine(
        model=None,
        states=["a", "b"],
        transitions=[{"trigger": "answer", "source": "a", "dest": "b"}],
        initial=None,
        auto_transitions=False,
    )

    def bare() -> None:
        m = Bare()
        bare_machine.add_model(m, initial="a")
        m.trigger("answer")  # type: ignore[attr-defined]
        bare_machine.remove_model(m)

    checkin = Checkin(1, ActivityKind.EXPOSURE, "bend", 1, NOW, baseline=2)
    facts = Facts(
        Profile(user_id=1, tz="Europe/London"),
        levels={"bend": LevelState("bend")},
        checkins=(checkin,),
        next_checkin_no=2,
    )
    frame = Frame("checkin", "expected", {"no": 1})

    def ours() -> None:
        m = CheckinTurn(frame, facts, CONTENT, NOW, [], [], 0)
        CHECKIN.attach(m, "expected")
        m.value = 4
        m.trigger("answer")  # type: ignore[attr-defined]
        CHECKIN.detach(m)

    from flows.dialogue import turn
    from flows.model import Conversation

    conversation = Conversation(active=frame, step=3)
    event = Event(EventKind.ANSWER, value="4", step=3)

    def full() -> None:
        turn(conversation, event, facts, CONTENT, NOW)

    for fn in (bare, ours, full):
        per_call(fn, 200)  # warm up
    return per_call(bare, n), per_call(ours, n), per_call(full, n)


def sql_floor(n: int) -> tuple[float, float]:
    """(SQLAlchemy, raw sqlite3) seconds for a unit of seven trivial statements (four point
    SELECTs, three UPDATEs) and its COMMIT, on a WAL file with the bot's pragmas: the part of a
    turn's unit of work that is SQLAlchemy's own, whatever the queries."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_sqlite_engine(f"sqlite:///{folder}/floor.db")
        meta = sa.MetaData()
        table = sa.Table(
            "t", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("v", sa.Integer)
        )
        meta.create_all(engine)
        with engine.begin() as connection:
            connection.execute(table.insert(), [{"id": i, "v": i} for i in range(1000)])
        one = sa.select(table).where(table.c.id == sa.bindparam("id"))
        change = sa.update(table).where(table.c.id == sa.bindparam("b_id"))
        sessions = sessionmaker(engine)

        def orm(i: int) -> None:
            with sessions.begin() as session:
                for k in range(4):
                    session.execute(one, {"id": (i + k) % 1000}).first()
                for k in range(3):
                    session.execute(change, {"b_id": (i + k) % 1000, "v": i})

        raw = engine.raw_connection()
        cursor = raw.cursor()

        def bare(i: int) -> None:
            for k in range(4):
                cursor.execute("SELECT id, v FROM t WHERE id = ?", ((i + k) % 1000,)).fetchone()
            for k in range(3):
                cursor.execute("UPDATE t SET v = ? WHERE id = ?", (i, (i + k) % 1000))
            raw.commit()

        costs = []
        for fn in (orm, bare):
            for i in range(200):
                fn(i)  # warm up
            start = time.process_time()
            for i in range(n):
                fn(i)
            costs.append((time.process_time() - start) / n)
        raw.close()
        engine.dispose()
        return costs[0], costs[1]


async def db_turns(n: int) -> tuple[float, list[float]]:
    """(bare unit of work, latencies of full turns) in seconds."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/bench.db"
        await upgrade(url)
        db = Database.open(url)
        clock_now = [NOW]
        coach = Coach(db, CONTENT, clock=lambda: clock_now[0])

        async def bare() -> None:
            await db.run(lambda repo: repo.ping())

        for _ in range(50):
            await bare()
        start = time.perf_counter()
        for _ in range(n):
            await bare()
        bare_cost = (time.perf_counter() - start) / n

        user = await coach.user("bench:1")
        script = onboarding_answers(CONTENT, feared=("6", "5", "4", "2"))
        await coach.handle(user, Event(EventKind.COMMAND, name="start"))
        for answer in script:
            await coach.handle(user, Event(EventKind.ANSWER, value=answer))
        # A check-in cycle on a ladder: choose, before, expected, confidence, done, during.
        cycle = ["2", "2", "3", "6", "1", "3"]
        latencies: list[float] = []
        while len(latencies) < n:
            await coach.handle(user, Event(EventKind.COMMAND, name="checkin"))
            for answer in cycle:
                start = time.perf_counter()
                await coach.handle(user, Event(EventKind.ANSWER, value=answer))
                latencies.append(time.perf_counter() - start)
            clock_now[0] += timedelta(hours=3)
            # Answer the follow-up (a1 settled) and confidence after, finishing the check-in.
            await coach.handle(user, Event(EventKind.COMMAND, name="checkin"))
            for answer in ("1", "2", "7"):
                await coach.handle(user, Event(EventKind.ANSWER, value=answer))
        await db.dispose()
        return bare_cost, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=2000)
    parser.add_argument("--json", action="store_true", help="also print a BENCH-JSON line")
    args = parser.parse_args()

    bare, ours, full = fsm_turn(args.turns * 5)
    print(f"FSM: bare transitions attach+trigger+detach   {bare * 1e6:8.1f} µs")
    print(f"FSM: one check-in turn (attach+trigger+detach) {ours * 1e6:8.1f} µs")
    print(f"FSM: flows.turn() incl. parsing and replies   {full * 1e6:8.1f} µs")
    print(f"     ratio ours / bare = {ours / bare:.2f}; target <= 1000 µs: {ours * 1e6 <= 1000}")

    orm, raw = sql_floor(args.turns)
    print(f"SQL: 7 statements + COMMIT, SQLAlchemy session {orm * 1e6:8.1f} µs CPU")
    print(f"SQL: the same through the raw sqlite3 cursor   {raw * 1e6:8.1f} µs CPU")

    bare_tx, latencies = asyncio.run(db_turns(args.turns))
    mean = statistics.fmean(latencies)
    q = statistics.quantiles(latencies, n=100)
    print(f"DB:  bare unit of work (SELECT 1, committed)   {bare_tx * 1e3:8.3f} ms")
    print(f"DB:  full turn (load + flow + apply + commit)  {mean * 1e3:8.3f} ms mean")
    print(f"     p50 {q[49] * 1e3:.3f} ms, p99 {q[98] * 1e3:.3f} ms, {1 / mean:,.0f} turns/s")
    print(f"     ratio full turn / bare transaction = {mean / bare_tx:.1f}")
    if args.json:
        emit(
            {
                "bench": "turns",
                "bare_fsm_us": bare * 1e6,
                "fsm_turn_us": ours * 1e6,
                "flows_turn_us": full * 1e6,
                "sql_unit_sqlalchemy_us": orm * 1e6,
                "sql_unit_raw_us": raw * 1e6,
                "db_bare_ms": bare_tx * 1e3,
                "db_turn_mean_ms": mean * 1e3,
                "db_turn_p50_ms": q[49] * 1e3,
                "db_turn_p99_ms": q[98] * 1e3,
            }
        )


if __name__ == "__main__":
    main()
