"""The send limiter: the overall rate and one message a second per chat, for bursts and fan-outs."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, datetime

import pytest

from bot.storage import Database
from bot.storage import tables as t
from bot.telegram.limiter import (
    RateLimiter,
)
from tests.bot.rhythm_sim import ANN, BOB, JITTER, MONDAY, NEAR, simulation, sqlite_only


@sqlite_only
async def test_the_limiter_keeps_the_overall_and_per_chat_rates(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """40 people due a nudge in the same instant, two of them a recap too; send_rate 30, real
    time: in no second does the offline Bot API see more than 30 requests, and never two to one
    chat less than a second apart."""
    people = [3000 + i for i in range(40)]
    async with simulation(db, monkeypatch, MONDAY, virtual_limiter=False) as sim:
        for person in people:
            await sim.onboard(person, "Europe/London", "08:00")
        sim.clock.now = now = datetime(2026, 3, 3, 8, 15, tzinfo=UTC)
        twice = [await sim.h.user_id(person) for person in people[-2:]]
        d = t.due_events
        await sim.h.coach.db.run(
            lambda repo: repo.sql.run(
                d.update()
                .where(d.c.status == "pending")
                .where((d.c.kind == "nudge") | d.c.user_id.in_(twice))
                .values(due_at=now)
            )
        )
        first = len(sim.h.api.calls)
        claimed = await sim.tick()
    calls = sim.h.api.calls[first:]
    assert claimed == len(people) + 2
    assert Counter(c.method for c in calls)["sendMessage"] == claimed
    times = sorted(c.at for c in calls)
    # A request reaches the API a little after its slot (up to JITTER): windows a little short
    # of a second see what the limiter scheduled, not that wobble.
    busiest = max(sum(1 for u in times if start <= u < start + 1.0 - JITTER) for start in times)
    by_chat: dict[int, list[float]] = {}
    for c in calls:
        by_chat.setdefault(int(c.params["chat_id"]), []).append(c.at)
    closest = min(b - a for ts in by_chat.values() for a, b in itertools.pairwise(ts))
    assert busiest <= 30
    assert closest >= 1.0 - JITTER


class Slots:
    """A monotonic clock that stands still, and a sleep that records: each wait's slot."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slots: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slots[-1] = self.now + seconds

    def limiter(self, per_second: float) -> RateLimiter:
        return RateLimiter(per_second, clock=self, sleep=self.sleep)

    async def wait(self, limiter: RateLimiter, chat: int) -> float:
        self.slots.append(self.now)
        await limiter.wait(chat)
        return self.slots[-1]


async def test_the_limiter_spaces_a_burst_overall_and_per_chat() -> None:
    """A burst of 300 sends to 100 chats (three each, interleaved) at 30 a second: any 1-second
    window holds at most 30 slots, any chat's slots are at least a second apart."""
    clock = Slots()
    limiter = clock.limiter(30)
    for _ in range(3):
        for chat in range(100):
            await clock.wait(limiter, chat)
    slots = clock.slots
    assert max(sum(1 for u in slots if s <= u < s + 1.0 - 1e-9) for s in slots) <= 30
    for chat in range(100):
        mine = slots[chat::100]
        assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(mine))


async def test_a_chat_waiting_for_its_second_does_not_hold_up_the_others() -> None:
    """Ann's second message must wait a second; Bob's, asked for just after, need not: it
    takes the next overall slot (about 1/30 s; the limiter may keep a little under the rate),
    not one after Ann's."""
    clock = Slots()
    limiter = clock.limiter(30)
    await clock.wait(limiter, ANN)
    ann_again = await clock.wait(limiter, ANN)
    bob = await clock.wait(limiter, BOB)
    assert ann_again == pytest.approx(1.0)
    assert 1 / 30 <= bob <= 1 / (30 * NEAR)


async def test_a_fan_out_of_two_requests_each_keeps_near_the_configured_rate() -> None:
    """60 chats, two requests each in a row (as a nudge that retires the previous question's
    buttons makes: sendMessage, then editMessageReplyMarkup) at 30/s: done in about 120 / 30 =
    4 s (+ the last chat's second), not in 60."""
    clock = Slots()
    limiter = clock.limiter(30)
    finished = [await clock.wait(limiter, chat) for chat in range(60) for _ in range(2)]
    assert max(finished) <= 119 / (30 * NEAR) + 1.0
