"""What the benchmarks share: a throw-away PostgreSQL database, the machine, a JSON result line.

A PostgreSQL benchmark creates its own database (`backcoach_bench_<pid>_<n>`) on the admin URL
(--pg-url, else BACKCOACH_TEST_PG_URL, else the local server with trust auth), migrates it, and
drops it afterwards, whatever happened. Nothing else on the server is touched.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import platform
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from bot.said import Said
from bot.storage.db import driver_url
from flows.content import Content
from flows.engine import LATER

PG_ADMIN_DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"
JSON_PREFIX = "BENCH-JSON "
_names = itertools.count(1)


def pg_admin_url(given: str | None = None) -> str:
    """The PostgreSQL admin URL: --pg-url, else BACKCOACH_TEST_PG_URL, else the local server."""
    return given or os.environ.get("BACKCOACH_TEST_PG_URL") or PG_ADMIN_DEFAULT


def shown(url: str) -> str:
    """A URL fit to print (no password)."""
    return make_url(url).render_as_string(hide_password=True)


def _admin_sync(admin_url: str, *statements: str) -> Any:
    """Runs statements on the admin database; returns the last one's value."""
    import asyncpg  # type: ignore[import-untyped]

    async def work() -> Any:
        connection = await asyncpg.connect(driver_url(admin_url), timeout=10)
        try:
            value = None
            for statement in statements:
                value = await connection.fetchval(statement)
            return value
        finally:
            await connection.close()

    # A loop of its own in a thread of its own: callable with or without a running loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work()).result()


def pg_version(admin_url: str) -> str:
    """The server's version string, or why it could not be read."""
    try:
        return str(_admin_sync(admin_url, "SHOW server_version"))
    except Exception as error:  # reported, not fatal: the PostgreSQL parts will say so too
        return f"unreachable ({type(error).__name__}: {error})"


def create_database(admin_url: str) -> tuple[str, str]:
    """A fresh, empty database for this benchmark: (name, SQLAlchemy asyncpg URL)."""
    name = f"backcoach_bench_{os.getpid()}_{next(_names)}"
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    _admin_sync(admin_url, drop, f'CREATE DATABASE "{name}"')
    return name, driver_url(admin_url, database=name, driver="postgresql+asyncpg")


def drop_database(admin_url: str, name: str) -> None:
    """Drops a benchmark database, closing whatever is still connected to it."""
    if not name.startswith("backcoach_bench_"):
        raise ValueError(f"not a benchmark database: {name}")
    _admin_sync(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database_url(db: str, folder: str, admin_url: str | None = None) -> Iterator[str]:
    """A URL of an empty (unmigrated) database: an SQLite file in `folder`, or a fresh
    PostgreSQL database dropped on the way out."""
    if db == "sqlite":
        yield f"sqlite+aiosqlite:///{folder}/bench.db"
        return
    admin = pg_admin_url(admin_url)
    name, url = create_database(admin)
    try:
        yield url
    finally:
        drop_database(admin, name)


def backend_name(db: str) -> str:
    return {"sqlite": "SQLite", "postgres": "PostgreSQL"}[db]


def cpus() -> int:
    """CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def machine(admin_url: str | None = None) -> dict[str, str]:
    """The machine the figures come from."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return {
        "cpu": model,
        "cores": f"{cpus()} usable of {os.cpu_count()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "sqlite": sqlite3.sqlite_version,
        "postgresql": pg_version(pg_admin_url(admin_url)),
        "os": f"{platform.system()} {platform.release()}",
        "load average (1/5/15 min) at start": load,
    }


def emit(result: dict[str, Any]) -> None:
    """One machine-readable line for bench/all.py (printed only with --json)."""
    print(JSON_PREFIX + json.dumps(result), flush=True)


def onboarded(said: Said) -> None:
    """Fails the benchmark unless `said` is onboarding's last reply ("later"): people stuck in a
    question that the answers no longer fit would measure re-asks, not check-ins."""
    keys = [reply.key for reply in said.replies]
    if keys[-1:] != [LATER.later]:
        raise SystemExit(f"onboarding did not finish as the benchmark expects: {keys}")


def onboarding_answers(content: Content, feared: tuple[str, ...] = ("6", "5", "4")) -> list[str]:
    """The values a benchmark person answers onboarding with after /start: consent, no red flags,
    the episode, a fear rating per ladder (`feared` for the first ones, 0 for the rest), no goals
    for now, the suggested portfolio, London at 08:00, no micro-breaks, and "later"."""
    fears = [*feared, *["0"] * (len(content.ladders) - len(feared))]
    screen = ["no"] * len(content.red_flags)
    return ["go_on", "agree", "yes", *screen, "2weeks", *fears, "skip", "suggested",
            "Europe/London", "08:00", "no", "later"]  # fmt: skip


# ------------------------------------------------------------------- the fake Bot API over HTTP


def _serve_bot_api(conn: Any, token: str, chats: list[int]) -> None:
    """Child process: tests/fakes/botapi.FakeBotApi on a free port, answering the parent's
    questions over `conn` until it says "stop"."""
    import resource

    from tests.fakes import botapi

    # socketserver's listen backlog is 5: a bot opening many connections at once would see
    # some of them reset. Telegram's servers take them all.
    botapi._Server.request_queue_size = 1024
    api = botapi.FakeBotApi(token)
    for chat in chats:
        api.user(chat)
    conn.send(api.base_url)
    seen = 0
    while True:
        question = conn.recv()
        if question == "stop":
            break
        with api._lock:
            calls = list(api.calls)
        if question == "count":
            conn.send(sum(1 for c in calls if c.method == "sendMessage"))
        elif question == "sends":  # the sendMessage calls since last asked: (chat, monotonic)
            conn.send([(c.chat_id, c.at) for c in calls[seen:] if c.method == "sendMessage"])
            seen = len(calls)
        elif question == "stats":
            usage = resource.getrusage(resource.RUSAGE_SELF)
            methods: dict[str, int] = {}
            for c in calls:
                methods[c.method] = methods.get(c.method, 0) + 1
            conn.send({"calls": methods, "cpu": usage.ru_utime + usage.ru_stime})
    api.close()


class BotApiProcess:
    """The fake Bot API (tests/fakes/botapi.py), a real HTTP server in a process of its own, so
    that its CPU is not the bot's. Times it notes are time.monotonic(), the same clock in every
    process of the machine."""

    def __init__(self, token: str, chats: list[int]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_serve_bot_api, args=(child, token, chats), daemon=True
        )
        self._process.start()
        self.base_url: str = self._conn.recv()

    def ask(self, question: str) -> Any:
        self._conn.send(question)
        return self._conn.recv()

    def close(self) -> None:
        if self._process.is_alive():
            self._conn.send("stop")
            self._process.join(10)
        if self._process.is_alive():
            self._process.kill()

    def __enter__(self) -> BotApiProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
