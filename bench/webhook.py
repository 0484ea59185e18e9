"""Benchmark: the webhook path, `backcoach serve` as real processes on PostgreSQL, over HTTP.

Run: .venv/bin/python bench/webhook.py [--pg-url URL] [--users U] [--updates N]
     [--paced-seconds S] [--kill-seconds K] [--kill-rounds R] [--kill-only] [--json]

Everything is real but Telegram: `backcoach serve` processes (uvicorn, the webhook route, the inbox
table, the inbox worker, PTB, the flows, PostgreSQL, the Bot API calls over httpx) and the fake Bot
API (tests/fakes/botapi.py), a real HTTP server in a process of its own that notes when each
sendMessage arrives. This process plays Telegram's side: it POSTs typed check-in answers of U
people round-robin to the replicas' /telegram (alternating between replicas, as a load balancer
would) and reads, at the fake, when each person's reply came.

With one replica, then two: updates/s (N updates POSTed as fast as 32 connections take them, from
the first POST to the last reply), and the latency from POST to the first reply message, paced at
100 and 200 updates/s. Then, with two replicas at 100/s, one is killed (SIGKILL) halfway: the POSTs
go to the other one, and the killed replica's claims are taken up after their timeout
(BACKCOACH_CLAIM_TIMEOUT, 5 s here). Every update is checked at the fake to have been answered
exactly once: each person's count of messages against what their answers call for (measured per
answer in the paced run). --kill-rounds repeats the kill phase (a new replica A each time);
--kill-only skips the throughput phases. No HTTPS proxy: uvicorn is reached over plain HTTP on
the loopback.
Targets (DESIGN §8): updates/s and p50/p99 at 100 and 200 updates/s, reported; nothing lost when a
replica is killed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench.common, run as a file

import asyncpg  # type: ignore[import-untyped]  # noqa: E402
import httpx  # noqa: E402

from bench.common import (  # noqa: E402
    BotApiProcess,
    database_url,
    emit,
    onboarded,
    onboarding_answers,
    shown,
)
from bot.coach import Coach  # noqa: E402
from bot.content import load_content  # noqa: E402
from bot.storage import Database, upgrade  # noqa: E402
from bot.storage.db import driver_url  # noqa: E402
from bot.telegram.handlers import external_id  # noqa: E402
from flows.model import Event, EventKind  # noqa: E402

TOKEN = "123456:BENCH"
SECRET = "bench-secret"
CLAIM_TIMEOUT = 5  # seconds before a dead replica's inbox claims are taken up again
CONTENT = load_content()
ONBOARDING = onboarding_answers(CONTENT)
CYCLE = ["/checkin", "2", "2", "3", "6", "2"]  # as bench/updates.py: a check-in, "not today"
POSTS_AT_ONCE = 32


def message(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    person = {"id": user_id, "is_bot": False, "first_name": "Ann", "language_code": "en"}
    body: dict[str, Any] = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "from": person,
        "text": text,
    }
    if text.startswith("/"):
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": body}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Replica:
    """One `backcoach serve` process."""

    def __init__(self, name: str, url: str, api: str, home: str) -> None:
        self.name = name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": api,
            "DATABASE_URL": url,
            "BACKCOACH_HOME": home,
            "BACKCOACH_WEBHOOK_URL": self.base,
            "BACKCOACH_WEBHOOK_SECRET": SECRET,
            "BACKCOACH_PORT": str(self.port),
            "BACKCOACH_AUTO_MIGRATE": "false",
            "BACKCOACH_CLAIM_TIMEOUT": str(CLAIM_TIMEOUT),
            "BACKCOACH_LOG_LEVEL": os.environ.get("BENCH_SERVE_LOG", "WARNING"),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "serve"], cwd=ROOT, env=env
        )

    async def ready(self, client: httpx.AsyncClient, within: float = 60) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"replica {self.name} exited ({self.process.returncode})")
            try:
                if (await client.get(f"{self.base}/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
        raise RuntimeError(f"replica {self.name} not healthy after {within:.0f} s")

    def cpu_seconds(self) -> float:
        """User + system CPU of the process so far (from /proc)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Posted:
    update_id: int
    chat: int
    position: int  # in CYCLE
    at: float  # time.monotonic() when the POST began


@dataclass
class Phase:
    name: str
    replicas: int
    posted: list[Posted] = field(default_factory=list)
    sends: list[tuple[int, float]] = field(default_factory=list)  # (chat, monotonic)
    refused: int = 0  # POSTs a replica did not take (retried at the other)
    began: float = 0.0
    drained: float = 0.0
    cpu: float = 0.0  # the replicas' CPU seconds during the phase

    def replies(self, expected: dict[int, int]) -> dict[int, list[float]]:
        """Each posted update's messages (times): a chat's messages in the order they came,
        dealt to its updates in the order they were posted, as many to each as its answer calls
        for (a person's updates are handled one at a time and in order)."""
        by_chat: dict[int, list[float]] = defaultdict(list)
        for chat, at in self.sends:
            by_chat[chat].append(at)
        out: dict[int, list[float]] = {}
        dealt: Counter[int] = Counter()
        for p in sorted(self.posted, key=lambda p: p.update_id):
            times = sorted(by_chat.get(p.chat, ()))
            first = dealt[p.chat]
            out[p.update_id] = times[first : first + expected[p.position]]
            dealt[p.chat] += expected[p.position]
        return out

    def latencies(self, expected: dict[int, int]) -> list[float]:
        """From each POST to the first message of its reply."""
        replies = self.replies(expected)
        return [replies[p.update_id][0] - p.at for p in self.posted if replies[p.update_id]]

    def accounted(self, expected: dict[int, int]) -> tuple[int, int]:
        """(updates missing messages, extra messages): each chat's messages against what its
        posted answers call for."""
        want: Counter[int] = Counter()
        for p in self.posted:
            want[p.chat] += expected[p.position]
        got = Counter(chat for chat, _ in self.sends)
        missing = sum(max(0, want[c] - got[c]) for c in want)
        extra = sum(max(0, got[c] - want[c]) for c in got)
        return missing, extra


class Driver:
    """Telegram's side: posts updates, waits for the inbox to drain, reads the fake."""

    def __init__(self, users: int, api: BotApiProcess, admin_dsn: str) -> None:
        self.users = users
        self.api = api
        self.dsn = admin_dsn
        self.next_update = 1_000
        self.turn = 0  # how many updates each person has had (they move in step)
        self.client = httpx.AsyncClient(
            timeout=30, limits=httpx.Limits(max_connections=64, max_keepalive_connections=64)
        )
        self._rr = 0

    def batch(self) -> list[tuple[int, int, int]]:
        """One update for every person: (update_id, chat, position)."""
        out = []
        position = self.turn % len(CYCLE)
        for chat in range(1, self.users + 1):
            out.append((self.next_update, chat, position))
            self.next_update += 1
        self.turn += 1
        return out

    def updates(self, count: int) -> list[tuple[int, int, int]]:
        out: list[tuple[int, int, int]] = []
        while len(out) < count:
            out += self.batch()
        return out

    async def post(self, phase: Phase, replicas: list[Replica], item: tuple[int, int, int]) -> None:
        update_id, chat, position = item
        body = message(update_id, chat, CYCLE[position])
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        at = time.monotonic()
        for attempt in range(20):
            alive = [r for r in replicas if r.process.poll() is None]
            replica = alive[(self._rr + attempt) % len(alive)]
            try:
                response = await self.client.post(
                    f"{replica.base}/telegram", json=body, headers=headers
                )
                if response.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            phase.refused += 1  # as Telegram does: the same update again, another replica
            await asyncio.sleep(0.05)
        else:
            raise RuntimeError(f"update {update_id} was never taken")
        self._rr += 1
        phase.posted.append(Posted(update_id, chat, position, at))

    async def flood(self, phase: Phase, replicas: list[Replica], count: int) -> None:
        """POSTs `count` updates as fast as POSTS_AT_ONCE connections take them."""
        queue = self.updates(count)
        items = iter(queue)

        async def connection() -> None:
            for item in items:
                await self.post(phase, replicas, item)

        await asyncio.gather(*(connection() for _ in range(POSTS_AT_ONCE)))

    async def paced(
        self,
        phase: Phase,
        replicas: list[Replica],
        rate: float,
        seconds: float,
        at_half: Any = None,
    ) -> None:
        """POSTs at `rate` per second for `seconds` (open loop); calls `at_half` halfway."""
        items = self.updates(int(rate * seconds))
        loop = asyncio.get_running_loop()
        start = loop.time()
        half = len(items) // 2

        async def one(i: int, item: tuple[int, int, int]) -> None:
            await asyncio.sleep(max(0.0, start + i / rate - loop.time()))
            if i == half and at_half is not None:
                at_half()
            await self.post(phase, replicas, item)

        await asyncio.gather(*(one(i, item) for i, item in enumerate(items)))

    async def drain(self, within: float = 120) -> None:
        """Waits until the inbox is empty (every update went through the bot)."""
        connection = await asyncpg.connect(self.dsn)
        try:
            deadline = time.monotonic() + within
            while time.monotonic() < deadline:
                if await connection.fetchval("SELECT count(*) FROM inbox") == 0:
                    return
                await asyncio.sleep(0.1)
            raise RuntimeError(f"the inbox did not drain within {within:.0f} s")
        finally:
            await connection.close()

    async def run(
        self, name: str, replicas: list[Replica], go: Any, *args: Any, **kwargs: Any
    ) -> Phase:
        phase = Phase(name, len([r for r in replicas if r.process.poll() is None]))
        self.api.ask("sends")  # forget what came before
        cpu = sum(r.cpu_seconds() for r in replicas)
        phase.began = time.monotonic()
        await go(self, phase, replicas, *args, **kwargs)
        await self.drain()
        await asyncio.sleep(0.2)  # the last sends' bookkeeping
        phase.drained = time.monotonic()
        phase.cpu = sum(r.cpu_seconds() for r in replicas) - cpu
        phase.sends = self.api.ask("sends")
        return phase


async def onboard(url: str, users: int) -> None:
    """Onboards every person through the real flows (in this process, straight to the
    database), many at a time."""
    db = Database.open(url)
    coach = Coach(db, CONTENT)

    async def person(chat: int) -> None:
        said = await coach.handle_external(
            external_id(chat), chat, Event(EventKind.COMMAND, name="start")
        )
        for value in ONBOARDING:
            said = await coach.handle(said.user_id, Event(EventKind.ANSWER, value=value))
        onboarded(said)

    try:
        for first in range(1, users + 1, 50):
            await asyncio.gather(*(person(c) for c in range(first, min(first + 50, users + 1))))
    finally:
        await db.dispose()


def quantile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else float("nan")


def describe(phase: Phase, expected: dict[int, int]) -> dict[str, Any]:
    lat = phase.latencies(expected)
    answered = len(lat)
    last = max((at for _, at in phase.sends), default=phase.drained)
    seconds = last - phase.began
    missing, extra = phase.accounted(expected)
    return {
        "phase": phase.name,
        "replicas": phase.replicas,
        "updates": len(phase.posted),
        "answered": answered,
        "per_s": len(phase.posted) / seconds if seconds > 0 else 0.0,
        "p50_ms": quantile(lat, 50) * 1e3,
        "p99_ms": quantile(lat, 99) * 1e3,
        "cpu_ms_per_update": max(0.0, phase.cpu) / max(1, len(phase.posted)) * 1e3,
        "missing": missing,
        "extra": extra,
        "refused": phase.refused,
    }


def show(r: dict[str, Any]) -> None:
    print(
        f"{r['phase']:<34} {r['replicas']} replica(s): {r['updates']:5} updates, "
        f"{r['per_s']:6.0f}/s, POST→reply p50 {r['p50_ms']:7.1f} ms p99 {r['p99_ms']:7.1f} ms, "
        f"{r['cpu_ms_per_update']:.1f} ms replica CPU/update; missing {r['missing']}, "
        f"extra {r['extra']}, POSTs retried {r['refused']}",
        flush=True,
    )


async def main(args: argparse.Namespace) -> int:
    users = args.users
    with (
        tempfile.TemporaryDirectory() as home,
        database_url("postgres", home, args.pg_url) as url,
        BotApiProcess(TOKEN, list(range(1, users + 1))) as api,
    ):
        print(f"database: PostgreSQL ({shown(url)}); fake Bot API at {api.base_url}", flush=True)
        await upgrade(url)
        began = time.perf_counter()
        await onboard(url, users)
        print(f"{users} people onboarded in {time.perf_counter() - began:.0f} s", flush=True)
        driver = Driver(users, api, driver_url(url))
        replicas = [Replica("A", url, api.base_url, home)]
        results: list[dict[str, Any]] = []
        try:
            await replicas[0].ready(driver.client)
            # Warm-up: one whole check-in cycle each (the first one may say more).
            await driver.run("warm-up", replicas, Driver.flood, users * len(CYCLE))
            # What each answer of the cycle calls for, from a paced run (clean attribution).
            # What each answer of the cycle calls for: one update per person at a time, each
            # round drained before the next, so that every message is known to be its reply.
            by_position: dict[int, Counter[int]] = defaultdict(Counter)
            for _ in CYCLE:
                probe = await driver.run("probe", replicas, Driver.flood, users)
                got = Counter(chat for chat, _ in probe.sends)
                for p in probe.posted:
                    by_position[p.position][got[p.chat]] += 1
            expected = {pos: c.most_common(1)[0][0] for pos, c in by_position.items()}
            print(f"messages per answer of the cycle {CYCLE}: {expected}; "
                  f"as counted (messages: people): {dict(by_position)}")  # fmt: skip
            for count in (1, 2):
                if count == 2:
                    replicas.append(Replica("B", url, api.base_url, home))
                    await replicas[1].ready(driver.client)
                    await driver.run("warm-up B", replicas, Driver.flood, users * len(CYCLE))
                if args.kill_only:
                    continue
                phase = await driver.run("saturated", replicas, Driver.flood, args.updates)
                results.append(describe(phase, expected))
                show(results[-1])
                for rate in (100, 200):
                    phase = await driver.run(
                        f"paced {rate}/s", replicas, Driver.paced, rate, args.paced_seconds
                    )
                    results.append(describe(phase, expected))
                    show(results[-1])
            for round_ in range(1, args.kill_rounds + 1):
                if round_ > 1:  # the killed replica's place is taken by a new one
                    replicas[0] = Replica("A", url, api.base_url, home)
                    await replicas[0].ready(driver.client)
                killed = replicas[0]
                phase = await driver.run(
                    "paced 100/s, replica A killed halfway",
                    replicas,
                    Driver.paced,
                    100,
                    args.kill_seconds,
                    at_half=killed.kill,
                )
                phase.replicas = 2
                results.append(describe(phase, expected))
                show(results[-1])
            print(f"fake Bot API: {api.ask('stats')}")
        finally:
            for replica in replicas:
                replica.stop()
            await driver.client.aclose()
    if args.json:
        emit({"bench": "webhook", "users": users, "phases": results})
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--pg-url", help="PostgreSQL admin URL (default: $BACKCOACH_TEST_PG_URL or local server)"
    )
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--updates", type=int, default=2000, help="updates in the saturated run")
    parser.add_argument("--paced-seconds", type=float, default=5.0)
    parser.add_argument("--kill-seconds", type=float, default=10.0)
    parser.add_argument(
        "--kill-rounds", type=int, default=1, help="kill phases, each with a new replica A"
    )
    parser.add_argument(
        "--kill-only", action="store_true", help="skip the throughput phases: only the kills"
    )
    parser.add_argument("--json", action="store_true", help="also print a BENCH-JSON line")
    sys.exit(asyncio.run(main(parser.parse_args())))
