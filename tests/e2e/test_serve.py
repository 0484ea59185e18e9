"""Real `backcoach serve` processes on one PostgreSQL database, against the fake Bot API.

The test plays Telegram's side of the webhook: it takes the updates a person's presses produce
from the fake and POSTs them to a replica with the secret. Replicas are killed with SIGKILL at
the awkward moments; afterwards every acknowledged update has had exactly one effect.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.storage.db import driver_url
from tests.conftest import create_pg_database, drop_pg_database, run_in_thread
from tests.e2e.test_telegram_bot import answer_onboarding, bot_env, start
from tests.fakes.botapi import FakeBotApi, FakeUser

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:AAE-serve-e2e-token"
SECRET = "e2e-Webhook_secret"
ANN = 1001
BLOCKER = 10**12  # an update id Telegram will not reach in these tests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Replica:
    """One `backcoach serve` process."""

    def __init__(
        self,
        api: FakeBotApi,
        db_url: str,
        home: Path,
        *,
        claim_timeout: float = 3,
        env: dict[str, str] | None = None,
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = bot_env(
            api,
            home,
            DATABASE_URL=db_url,
            BACKCOACH_WEBHOOK_URL=self.url,
            BACKCOACH_WEBHOOK_SECRET=SECRET,
            BACKCOACH_PORT=str(self.port),
            BACKCOACH_CLAIM_TIMEOUT=str(claim_timeout),
            **(env or {}),
        )
        self.log = home / f"serve-{self.port}.log"
        self.process = start("serve", env, self.log)
        self.client = httpx.Client(base_url=self.url, timeout=10)

    def ready(self, timeout: float = 90) -> Replica:
        """Waits until /healthz answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited {self.process.returncode}: {self.tail()}")
            try:
                if self.client.get("/healthz").status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"serve did not become healthy: {self.tail()}")

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def post(self, body: dict[str, Any]) -> int:
        """POSTs one update as Telegram does; returns the HTTP status."""
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        return self.client.post("/telegram", json=body, headers=headers).status_code

    def kill(self) -> None:
        """kill -9: no shutdown of any kind."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self.client.close()

    def stop(self) -> int:
        """Stops it as a service manager would (SIGTERM) and waits."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(20)
        self.client.close()
        return code


class Telegram:
    """Telegram's side: the fake's queued updates are posted to a replica, which must say 200."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    def deliver(self, *replicas: Replica) -> list[dict[str, Any]]:
        """Posts every queued update, round-robin over the replicas given."""
        updates = self.api.take_updates()
        for n, update in enumerate(updates):
            assert replicas[n % len(replicas)].post(update) == 200
        return updates


class Person:
    """Ann, pressing buttons; each press goes to the replica currently serving."""

    def __init__(self, user: FakeUser, telegram: Telegram, replica: Replica) -> None:
        self.user = user
        self.telegram = telegram
        self.replica = replica
        self.seen = 0

    def expect(self, text: str, timeout: float = 45) -> dict[str, Any]:
        message = self.user.wait_for(text, timeout=timeout, after=self.seen)
        self.seen = message["message_id"]
        return message

    def send(self, text: str) -> dict[str, Any]:
        self.user.send_text(text)
        return self.telegram.deliver(self.replica)[0]

    def press(self, message: dict[str, Any], button: str) -> dict[str, Any]:
        self.user.press(message, button)
        return self.telegram.deliver(self.replica)[0]

    def answer(self, question: str, button: str) -> dict[str, Any]:
        """Waits for the question, presses the button; returns the update Telegram posted."""
        return self.press(self.expect(question), button)

    def type(self, question: str, text: str) -> dict[str, Any]:
        """Waits for the question, types the answer; returns the update Telegram posted."""
        self.expect(question)
        return self.send(text)

    def count(self, text: str) -> int:
        return sum(text in (m["text"] or "") for m in self.user.messages())


def onboard(ann: Person) -> None:
    ann.send("/start")
    answer_onboarding(ann)


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN) as fake:
        yield fake


@pytest.fixture
def db_url(pg_admin_url: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test (the replicas migrate it)."""
    name = f"backcoach_e2e_{os.getpid()}_{request.node.name[:20].lower()}"
    name = "".join(c if c.isalnum() else "_" for c in name)
    url = create_pg_database(pg_admin_url, name)
    try:
        yield url
    finally:
        drop_pg_database(pg_admin_url, name)


def sql(db_url: str, query: str, *args: Any) -> list[Any]:
    """Runs one statement on the test's database; returns the rows."""
    import asyncpg

    dsn = driver_url(db_url)

    async def go() -> list[Any]:
        connection = await asyncpg.connect(dsn)
        try:
            return list(await connection.fetch(query, *args))
        finally:
            await connection.close()

    return run_in_thread(go())


def hold_person(db_url: str, user: int = ANN) -> None:
    """Another replica is, just now, handling one of this person's updates: theirs wait."""
    now = datetime.now(UTC)
    sql(
        db_url,
        "INSERT INTO inbox (update_id, sender, body, received_at, claimed_at, claimed_by, attempts)"
        " VALUES ($1, $2, '{}', $3, $3, 'elsewhere:1', 1)",
        BLOCKER,
        user,
        now,
    )


def wait_until(check: Any, timeout: float = 15, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while not (result := check()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)
    return result


def inbox_ids(db_url: str) -> list[int]:
    return [r["update_id"] for r in sql(db_url, "SELECT update_id FROM inbox ORDER BY 1")]


def handled(db_url: str, update_id: int) -> int:
    rows = sql(
        db_url, "SELECT count(*) AS n FROM processed_updates WHERE update_id = $1", update_id
    )
    return int(rows[0]["n"])


# ------------------------------------------------------------------------------- tests


@pytest.mark.postgres
def test_serve_registers_its_webhook_and_survives_a_kill_mid_checkin(
    api: FakeBotApi, db_url: str, tmp_path: Path
) -> None:
    """setWebhook carries the secret; a check-in walked over the webhook continues after kill -9."""
    replica = Replica(api, db_url, tmp_path).ready()
    try:
        assert api.webhook == {
            "url": f"{replica.url}/telegram",
            "secret_token": SECRET,
            "allowed_updates": ["message", "edited_message", "callback_query", "my_chat_member"],
        }
        ann = Person(api.user(ANN), Telegram(api), replica)
        onboard(ann)
        ann.answer("do today's step now", "Start a check-in now")
        ann.answer("What are you checking in on?", "bending, level 1")
        ann.answer("Before you start", "3")
        question = ann.expect("How much pain do you expect")
    finally:
        replica.kill()
    replica = Replica(api, db_url, tmp_path).ready()
    try:
        ann.replica = replica
        ann.press(question, "5")
        ann.answer("How confident are you", "6")
        ann.expect("Here's the step")
        ann.send("/progress")
        ann.expect("bending: level 1 of")
        wait_until(lambda: inbox_ids(db_url) == [], what="the inbox to empty")
    finally:
        assert replica.stop() == 0
    assert api.webhook is not None, "a stopping replica leaves the webhook to the others"
    logs = "".join(path.read_text() for path in tmp_path.glob("serve-*.log"))
    assert "taking updates" in logs
    for secret in (TOKEN, SECRET, "How much pain"):
        assert secret not in logs


@pytest.mark.postgres
def test_a_kill_between_the_inbox_and_handling_loses_nothing(
    api: FakeBotApi, db_url: str, tmp_path: Path
) -> None:
    """Acknowledged, then the replica dies before handling it: the next one handles it once."""
    replica = Replica(api, db_url, tmp_path, claim_timeout=60).ready()
    ann = Person(api.user(ANN), Telegram(api), replica)
    try:
        ann.send("/start")
        welcome = ann.expect("Hi, I'm backcoach")
        hold_person(db_url)  # so this replica leaves Ann's next update in the inbox
        pressed = ann.press(welcome, "Continue")  # 200: acknowledged
        time.sleep(1.5)  # the worker polls every second: it looked, and passed it by
        assert inbox_ids(db_url) == [pressed["update_id"], BLOCKER]
        assert handled(db_url, pressed["update_id"]) == 0
    finally:
        replica.kill()
    sql(db_url, "DELETE FROM inbox WHERE update_id = $1", BLOCKER)
    replica = Replica(api, db_url, tmp_path, claim_timeout=60).ready()
    try:
        ann.replica = replica
        privacy = ann.expect("a word on privacy")
        wait_until(lambda: inbox_ids(db_url) == [], what="the inbox to empty")
        assert handled(db_url, pressed["update_id"]) == 1
        time.sleep(0.5)
        assert ann.count("a word on privacy") == 1, "one effect, one reply"
        answered = [q for q in api.callback_answers if q == pressed["callback_query"]["id"]]
        assert len(answered) == 1
        ann.press(privacy, "I agree")
        ann.expect("18 or older")  # exactly one step on: the next question is the next one
    finally:
        assert replica.stop() == 0


@pytest.mark.postgres
@pytest.mark.parametrize("reached", [False, True], ids=["lost-on-the-wire", "reached-telegram"])
def test_a_kill_while_replying_sends_the_kept_reply(
    api: FakeBotApi, db_url: str, tmp_path: Path, reached: bool
) -> None:
    """The turn is stored and its reply in flight when the replica dies; the replica taking the
    claim over finds the update handled (nothing runs again) and sends the reply the turn kept:
    once if the request in flight was lost with the process, twice if Telegram had it."""
    replica = Replica(api, db_url, tmp_path, claim_timeout=2).ready()
    ann = Person(api.user(ANN), Telegram(api), replica)
    try:
        ann.send("/start")
        welcome = ann.expect("Hi, I'm backcoach")
        gate = api.hold("sendMessage", chat_id=ANN)
        pressed = ann.press(welcome, "Continue")
        wait_until(lambda: api.held() == 1, what="the reply to be in flight")
        assert handled(db_url, pressed["update_id"]) == 1  # committed before sending
    finally:
        replica.kill()
    if reached:
        gate.set()  # Telegram had the request: it is delivered though its sender died
    else:
        api.drop(gate)  # the request is lost with its sender
    replica = Replica(api, db_url, tmp_path, claim_timeout=2).ready()
    try:
        ann.replica = replica
        wait_until(lambda: inbox_ids(db_url) == [], what="the stale claim to be taken over")
        time.sleep(0.5)
        assert handled(db_url, pressed["update_id"]) == 1
        assert ann.count("a word on privacy") == (2 if reached else 1)
        ann.answer("a word on privacy", "I agree")
        ann.expect("18 or older")  # exactly one step on
    finally:
        assert replica.stop() == 0


@pytest.mark.postgres
def test_two_replicas_keep_one_persons_updates_in_order(
    api: FakeBotApi, db_url: str, tmp_path: Path
) -> None:
    """Updates of one person posted alternately to two replicas are handled one by one, in
    update-id order; two people at once do not hold each other up."""
    first = Replica(api, db_url, tmp_path)
    second = Replica(api, db_url, tmp_path)  # both migrate at once: one waits for the other
    first.ready()
    second.ready()
    try:
        telegram = Telegram(api)
        ann, bo = api.user(ANN), api.user(1002, first_name="Bo")
        ann.send_text("/start")
        bo.send_text("/start")
        for n in range(6):
            ann.send_text(f"hello {n}")
            bo.send_text(f"hi {n}")
        posted = telegram.deliver(first, second)
        assert len(posted) == 14
        wait_until(lambda: inbox_ids(db_url) == [], what="both replicas to finish")
        for person in (ANN, 1002):
            rows = sql(
                db_url,
                "SELECT p.update_id FROM processed_updates p JOIN users u ON u.id = p.user_id"
                " WHERE u.external_id = $1 ORDER BY p.handled_at, p.update_id",
                f"tg:{person}",
            )
            order = [r["update_id"] for r in rows]
            assert len(order) == 7
            assert order == sorted(order), "one person's updates in update-id order"
        assert first.process.poll() is None and second.process.poll() is None
    finally:
        assert first.stop() == 0
        assert second.stop() == 0


def bare_env(home: Path) -> dict[str, str]:
    """This environment without any TELEGRAM_ or BACKCOACH_ setting, at home in `home`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BACKCOACH_"))}
    return env | {"BACKCOACH_HOME": str(home), "TELEGRAM_BOT_TOKEN": TOKEN}


def serve_once(env: dict[str, str], *, timeout: float) -> subprocess.CompletedProcess[str]:
    """Runs `backcoach serve` to its end, capturing what it printed."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "serve"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_serve_without_its_settings_names_what_is_missing(tmp_path: Path) -> None:
    """No token, webhook URL or secret: one line saying which, exit status 2."""
    env = bare_env(tmp_path)
    done = serve_once(env, timeout=30)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "backcoach serve: set BACKCOACH_WEBHOOK_URL, BACKCOACH_WEBHOOK_SECRET "
        "(see README: Polling or webhook)"
    ]


def test_serve_that_cannot_reach_telegram_exits_1_without_its_token(tmp_path: Path) -> None:
    """The Bot API unreachable at start-up: exit status 1; the token appears nowhere."""
    env = bare_env(tmp_path)
    env.pop("DATABASE_URL", None)
    env |= {
        "TELEGRAM_API_URL": f"http://127.0.0.1:{free_port()}/bot",  # nobody listens
        "BACKCOACH_WEBHOOK_URL": "https://coach.example.org",
        "BACKCOACH_WEBHOOK_SECRET": SECRET,
        "BACKCOACH_PORT": str(free_port()),
    }
    done = serve_once(env, timeout=60)
    assert done.returncode == 1
    assert "backcoach serve: could not start" in done.stderr
    assert TOKEN not in done.stderr + done.stdout and SECRET not in done.stderr + done.stdout
