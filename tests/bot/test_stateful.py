"""A hypothesis state machine drives random events through the real coach on a real SQLite file.

One person talks to the real `Coach` (real flows, real SQLite copied from the migrated template)
on a hand-moved clock: they press the buttons they were offered, type numbers in and out of range,
stray words, red-flag symptoms and crisis language, send every command (/start mid-flow, /delete
too: a confirmed deletion is a legitimate ending and the person starts afresh), press stale and
forged buttons, have Telegram redeliver updates, let minutes, hours and days pass under the real
Ticker (follow-ups, nudges, recaps), and restart (a new Database and Coach on the same file).

After every step: nothing raised (nor hung); the stored conversation names known flows and
states; a standing red-flag hold has the hold (or the /delete question) in front; every exposure
level lies on its ladder, no turn or tick moves it more than one level, a new ladder starts at 1,
and a `return_to` is the level just above (never beyond). In every turn: while a red-flag hold is
unresolved no reply is coaching advice (ADVICE_KEYS, from the catalogue;
`test_advice_is_what_a_person_without_a_hold_gets` shows it is not vacuous); a redelivered update
says nothing and changes nothing; a stale or forged button is flagged stale and changes no coaching
data; every reply renders; every question can be answered; every update of the person's gets an
answer (never a silent drop).

Hypothesis stateful tests are synchronous: the machine owns an event loop and runs the async coach
on it with `run_until_complete`.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import pytest
from hypothesis import HealthCheck, assume, currently_in_test_context, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from bot.coach import Coach, Said
from bot.render import as_text
from bot.said import Delivery
from bot.storage import Database, DueEvent
from bot.ticker import Ticker
from flows.dialogue import COMMANDS, FLOWS, UNINTERRUPTED
from flows.model import (
    Event,
    EventKind,
    Frame,
    Reply,
)
from tests.bot.stateful_checks import (
    CONTENT,
    MILESTONES,
    STRAY,
    SYMPTOMS,
    Clock,
    Snapshot,
    _due_row,
    check_no_advice_under_hold,
    is_advice,
    stored,
)

T = TypeVar("T")

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday morning; London is on UTC
PERSON, CHAT = "stateful:1", 4242
HANG_SECONDS = 20  # far above any one turn or tick; a hang fails rather than blocks CI


# ------------------------------------------------------------------------- the machine


class Dialogue(RuleBasedStateMachine):
    """One person and the real coach; see the module's docstring."""

    template: ClassVar[Path]
    folder: ClassVar[Path]
    runs: ClassVar[itertools.count[int]] = itertools.count()

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.path = self.folder / f"run-{next(self.runs)}.db"
        shutil.copyfile(self.template, self.path)
        self.url = f"sqlite+aiosqlite:///{self.path}"
        self.clock = Clock(START)
        self.update_ids = itertools.count(1)
        self.used: list[int] = []  # update ids handled since the person last began
        self.question: Reply | None = None  # the latest question asked
        self.asked: list[Reply] = []  # every question asked, oldest first
        self.deliveries: list[tuple[DueEvent, Said]] = []
        self.seen_keys: set[str] = set()
        self.last_press: tuple[int, str] | None = None  # the last button taken as an answer
        self.db = Database.open(self.url)
        self.coach = Coach(self.db, CONTENT, clock=self.clock)
        self.ticker = Ticker(self.coach, self._deliver)
        self.last = self.snapshot()  # as stored after the latest turn or tick

    def teardown(self) -> None:
        for milestone in MILESTONES:  # how deep runs get: pytest --hypothesis-show-statistics
            if currently_in_test_context() and any(
                key.startswith(milestone) for key in self.seen_keys
            ):
                event(f"reached {milestone}")
        try:
            self.run(self.db.dispose())
            self.loop.run_until_complete(self.loop.shutdown_default_executor())
        finally:
            self.loop.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    # -- plumbing

    def run(self, work: Awaitable[T]) -> T:
        """Runs a coroutine on the machine's loop; a turn that hangs fails, showing every task."""

        async def wrapped() -> T:
            try:
                return await asyncio.wait_for(work, HANG_SECONDS)
            except TimeoutError:
                tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
                stacks = "\n".join(f"{t!r}: {t.get_stack()}" for t in tasks)
                raise AssertionError(f"hung for {HANG_SECONDS}s; other tasks:\n{stacks}") from None

        return self.loop.run_until_complete(wrapped())

    def snapshot(self) -> Snapshot:
        now = self.clock.now

        async def load() -> Snapshot:
            user_id = await self.coach.known_user(PERSON)
            if user_id is None:
                return Snapshot(None)

            def work(repo: Any) -> Snapshot:
                conversation, facts, version, *_ = repo.turns.load_turn(user_id, now)
                due = tuple(_due_row(e) for e in repo.due.due_events_for(user_id))
                return Snapshot(user_id, conversation, facts, version, due)

            return await self.db.run(work)

        return self.run(load())

    def live_question(self) -> Reply | None:
        """The question now waiting for an answer, if the latest one asked still is."""
        snap = self.last
        q = self.question
        if q is None or snap.conversation is None or snap.conversation.active is None:
            return None
        return q if q.step == snap.conversation.step else None

    def _heard(self, said: Said, held: bool) -> None:
        """Checks one turn's replies and remembers the question it asked."""
        check_no_advice_under_hold(held, said.replies)
        for reply in said.replies:
            self.seen_keys.add(reply.key)
            as_text(CONTENT, said.language, reply)  # every reply renders
            if reply.step is not None:
                assert reply.choices or reply.scale is not None, f"unanswerable {reply.key}"
                self.question = reply
                self.asked.append(reply)

    def send(self, event: Event) -> Said:
        """One update from the person, as Telegram would deliver it (with a fresh update id)."""
        before = self.last
        update_id = next(self.update_ids)
        said = self.run(self.coach.handle_external(PERSON, CHAT, event, update_id=update_id))
        assert not said.duplicate, "a new update was taken for a duplicate"
        assert said.replies, f"{event} got no answer at all"
        self._heard(said, before.held)
        self.last = self.snapshot()
        check_levels(before, self.last)
        if said.deleted:
            # Erased: whatever was asked is gone; only this update's id stays remembered.
            self.used, self.question, self.asked = [update_id], None, []
            self.last_press = None
        else:
            self.used.append(update_id)
        return said

    def press(self, value: str, step: int | None) -> Said:
        said = self.send(Event(EventKind.ANSWER, value=value, step=step))
        if step is not None and not said.stale and not said.deleted:
            self.last_press = (step, value)  # the coach takes a repeat of it as a double tap
        return said

    def type(self, text: str) -> Said:
        return self.send(Event(EventKind.ANSWER, value=text))

    def command(self, name: str, value: str = "") -> Said:
        return self.send(Event(EventKind.COMMAND, name=name, value=value))

    async def _deliver(self, due: DueEvent, said: Said) -> Delivery:
        self.deliveries.append((due, said))
        return Delivery.sent(said.prompt_message_id)

    def tick(self) -> None:
        before = self.last
        self.deliveries = []
        if self.run(self.ticker.tick()) == 0:
            return  # nothing claimed, nothing changed
        for _, said in self.deliveries:
            self._heard(said, before.held)  # nothing due can lift a hold or set one
        self.last = self.snapshot()
        check_levels(before, self.last)  # nor move a ladder

    def pass_time(self, total: timedelta, hop: timedelta) -> None:
        """Moves the clock on in hops, ticking after each."""
        until = self.clock.now + total
        while self.clock.now < until:
            self.clock.now = min(self.clock.now + hop, until)
            self.tick()

    # -- choosing an answer

    def valid_answer(self, q: Reply, data: st.DataObject) -> str:
        """A fitting answer to `q`, biased towards going deeper: mostly "no" to red flags,
        consent and 18+ given, "done it", and keeping one's data."""
        if q.scale is not None:
            return str(data.draw(st.integers(q.scale.lo, q.scale.hi), label="score"))
        values = [c.value for c in q.choices]
        preferred = {
            "onboarding.redflag": ("no", 95),
            "rescreen.question": ("no", 90),
            "onboarding.consent": ("agree", 95),
            "privacy.new_version": ("agree", 95),
            "onboarding.adult": ("yes", 95),
            "privacy.confirm_delete": ("keep", 70),
            "checkin.go_exposure": ("done", 85),
            "checkin.go_exercise": ("done", 85),
        }.get(q.key)
        if preferred is not None and preferred[0] in values:
            value, percent = preferred
            if data.draw(st.integers(0, 99), label="bias") < percent:
                return value
        return data.draw(st.sampled_from(values), label="choice")

    def answer_or_begin(self, data: st.DataObject) -> None:
        """Answers the live question (a button mostly, sometimes typed); with nothing to answer,
        starts something."""
        q = self.live_question()
        if q is None:
            if not self.last.onboarded:
                self.command("start")
            else:
                name = data.draw(st.sampled_from(("checkin", "checkin", "morning", "settings")))
                self.command(name)
            return
        value = self.valid_answer(q, data)
        if q.scale is None and data.draw(st.integers(0, 9), label="typed") == 0:
            number = [c.value for c in q.choices].index(value) + 1
            self.type(str(number))  # "type its number", as in the terminal chat
        else:
            self.press(value, q.step)

    # -- rules

    @initialize(data=st.data(), onboard=st.sampled_from(("fresh", "onboarded", "onboarded")))
    def begin(self, data: st.DataObject, onboard: str) -> None:
        """Starts from a person never seen, or one who has just been through onboarding."""
        if onboard == "fresh":
            return
        for _ in range(60):
            if self.last.onboarded:
                break
            self.answer_or_begin(data)

    # Answering what is asked is weighted up (hypothesis picks among rules evenly) so that the
    # dialogue gets deep: check-ins, follow-ups, mornings, re-screens.
    @rule(data=st.data())
    def answer(self, data: st.DataObject) -> None:
        self.answer_or_begin(data)

    @rule(data=st.data())
    def answer_more(self, data: st.DataObject) -> None:
        self.answer_or_begin(data)

    @rule(data=st.data())
    def answer_again(self, data: st.DataObject) -> None:
        self.answer_or_begin(data)

    @rule(data=st.data())
    def answer_a_few(self, data: st.DataObject) -> None:
        for _ in range(data.draw(st.integers(2, 6), label="answers")):
            self.answer_or_begin(data)

    @rule(number=st.integers(-3, 14), form=st.sampled_from(("{}", "{}/10", " {} ", "{}.0")))
    def type_number(self, number: int, form: str) -> None:
        self.type(form.format(number))

    @rule(text=st.sampled_from(STRAY))
    def type_stray(self, text: str) -> None:
        self.type(text)

    @rule(text=st.sampled_from(SYMPTOMS))
    def type_symptom(self, text: str) -> None:
        self.type(text)

    @rule(text=st.text(max_size=30))
    def type_anything(self, text: str) -> None:
        self.type(text)

    @rule(
        name=st.sampled_from((*COMMANDS, "start", "START", "bogus")),
        value=st.sampled_from(("", "", "deep-link-payload")),
    )
    def command_(self, name: str, value: str) -> None:
        self.command(name, value)

    @precondition(
        lambda self: any(self.question and q.step < self.question.step for q in self.asked)
    )
    @rule(data=st.data())
    def press_stale(self, data: st.DataObject) -> None:
        """Presses a button (or a number) of a question that has passed."""
        assert self.question is not None and self.question.step is not None
        old = [q for q in self.asked if q.step is not None and q.step < self.question.step]
        q = data.draw(st.sampled_from(old), label="old question")
        assert q.step is not None
        value = self.valid_answer(q, data)
        assume((q.step, value) != self.last_press)  # a double tap: a quiet no-op (its own rule)
        before = self.snapshot()
        said = self.press(value, q.step)
        assert said.stale, "a button of a passed question was not recognised as stale"
        self.assert_facts_unchanged(before, "a stale button")

    @rule(
        value=st.one_of(st.text(max_size=20), st.sampled_from(("yes", "assessed", "delete", "5"))),
        step=st.one_of(st.integers(max_value=-1), st.integers(10**6, 2**62)),
    )
    def press_forged(self, value: str, step: int) -> None:
        """A button no question ever had: garbage value, impossible step."""
        before = self.snapshot()
        said = self.press(value, step)
        assert said.stale
        self.assert_facts_unchanged(before, "a forged button")

    @precondition(lambda self: bool(self.used))
    @rule(data=st.data())
    def redeliver(self, data: st.DataObject) -> None:
        """Telegram delivers an update again: nothing is said and nothing changes."""
        update_id = data.draw(st.sampled_from(self.used), label="update id")
        event = data.draw(
            st.sampled_from(
                (
                    Event(EventKind.COMMAND, name="start"),
                    Event(EventKind.COMMAND, name="delete"),
                    Event(EventKind.ANSWER, value="delete", step=self.live_step()),
                    Event(EventKind.ANSWER, value="3"),
                )
            ),
            label="event",
        )
        before = self.snapshot()
        said = self.run(self.coach.handle_external(PERSON, CHAT, event, update_id=update_id))
        assert said.duplicate and said.replies == ()
        assert self.snapshot() == before, "a redelivered update changed something"

    def live_step(self) -> int | None:
        q = self.live_question()
        return None if q is None else q.step

    @rule(minutes=st.integers(1, 150))
    def wait_minutes(self, minutes: int) -> None:
        self.pass_time(timedelta(minutes=minutes), timedelta(minutes=minutes))

    @rule(hours=st.integers(1, 12))
    def wait_hours(self, hours: int) -> None:
        self.pass_time(timedelta(hours=hours), timedelta(minutes=30))

    @rule(days=st.integers(1, 3), hop=st.sampled_from((1, 3, 8)))
    def wait_days(self, days: int, hop: int) -> None:
        self.pass_time(timedelta(days=days), timedelta(hours=hop))

    @rule()
    def restart(self) -> None:
        """The process ends; a new one opens the same file and carries on."""
        self.run(self.db.dispose())
        self.db = Database.open(self.url)
        self.coach = Coach(self.db, CONTENT, clock=self.clock)
        self.ticker = Ticker(self.coach, self._deliver)

    # -- invariants

    def assert_facts_unchanged(self, before: Snapshot, what: str) -> None:
        after = self.snapshot()
        if before.facts is None or after.facts is None:
            assert before.facts is None or after.facts is not None, f"{what} deleted the person"
            return
        assert after.facts == before.facts, f"{what} changed the person's coaching data"

    @invariant()
    def stored_state_is_valid(self) -> None:
        after = self.snapshot()
        assert stored(after) == stored(self.last), "the store changed outside any turn"
        if after.conversation is None or after.facts is None:
            return
        conversation = after.conversation
        for frame in (conversation.active, conversation.suspended):
            if frame is not None:
                check_frame(frame)
        profile = after.facts.profile
        if profile.safety_hold is not None:
            assert profile.safety_hold_at is not None
            active = conversation.active
            assert active is not None and active.flow in UNINTERRUPTED, (
                f"a red-flag hold stands but the dialogue is {active}"
            )
        for movement, state in after.facts.levels.items():
            assert movement in CONTENT.ladders, f"level on an unknown ladder {movement!r}"
            top = CONTENT.ladders[movement].top
            assert 1 <= state.level <= top, f"{movement} at {state.level} of {top}"
            if state.return_to is not None:
                # After a RED: the level it stepped back from, never beyond (DESIGN §4).
                assert state.return_to == state.level + 1, f"{movement}: {state}"


def check_levels(before: Snapshot, after: Snapshot) -> None:
    """One turn (or one tick) moves each ladder at most one level; a new ladder starts at 1;
    ladders go only with the person."""
    if after.facts is None:
        return  # erased (/delete)
    old = before.facts.levels if before.facts is not None else {}
    for movement, state in after.facts.levels.items():
        was = old.get(movement)
        if was is None:
            assert state.level == 1, f"a new ladder {movement} starts at {state.level}"
        else:
            assert abs(state.level - was.level) <= 1, f"{movement}: {was} -> {state}"
    assert set(old) <= set(after.facts.levels), "a ladder disappeared"


def check_frame(frame: Frame) -> None:
    assert frame.flow in FLOWS, f"unknown flow {frame.flow!r}"
    states = FLOWS[frame.flow].machine.states
    assert frame.state in states and frame.state != "end", f"{frame.flow} has no {frame.state!r}"


# ------------------------------------------------------------------------- the tests

# Sized to run in well under a minute on 2 cores; BACKCOACH_STATEFUL_EXAMPLES=500 (say) explores
# further on demand.
PROFILE = settings(
    max_examples=int(os.environ.get("BACKCOACH_STATEFUL_EXAMPLES", "25")),
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_random_dialogues_keep_the_invariants(sqlite_template: Path, tmp_path: Path) -> None:
    """Random events through the real coach and SQLite: see the module's docstring."""
    Dialogue.template, Dialogue.folder = sqlite_template, tmp_path
    run_state_machine_as_test(Dialogue, settings=PROFILE)


def _scripted(sqlite_template: Path, tmp_path: Path) -> Dialogue:
    Dialogue.template, Dialogue.folder = sqlite_template, tmp_path
    return Dialogue()


ONBOARDING = ["go_on", "agree", "yes", *["no"] * len(CONTENT.red_flags), "2weeks"]
ONBOARDING += ["6"] * len(CONTENT.ladders) + ["skip", "suggested", "Europe/London", "08:00", "no"]
ONBOARDING += ["later"]


def _onboard(machine: Dialogue) -> None:
    """Onboarding by buttons: no red flags, every movement feared (6), London, 08:00."""
    machine.command("start")
    for value in ONBOARDING:
        q = machine.live_question()
        assert q is not None
        machine.press(value, q.step)


def _bend_checkin(machine: Dialogue) -> list[str]:
    """An exposure check-in on bending, b=2 d=3, then a1=2 an hour later; the keys said."""
    keys = [r.key for r in machine.command("checkin").replies]
    q = machine.live_question()
    assert q is not None
    for value in ("l:bend", "2", "4", "6", "done", "3", "7"):
        q = machine.live_question()
        assert q is not None
        keys += [r.key for r in machine.press(value, q.step).replies]
    machine.pass_time(timedelta(minutes=61), timedelta(minutes=61))
    keys += [r.key for _, said in machine.deliveries for r in said.replies]
    q = machine.live_question()
    assert q is not None and q.key == "checkin.a1"
    keys += [r.key for r in machine.press("2", q.step).replies]
    return keys


def test_advice_is_what_a_person_without_a_hold_gets(sqlite_template: Path, tmp_path: Path) -> None:
    """The advice invariant is not vacuous: without a hold, /plan, a check-in and a morning give
    ADVICE keys — and the same replies under a hold would fail the check."""
    machine = _scripted(sqlite_template, tmp_path)
    try:
        _onboard(machine)
        plan = machine.command("plan").replies
        keys = [r.key for r in plan] + _bend_checkin(machine)
        keys += [r.key for r in machine.command("morning").replies]
        q = machine.live_question()
        assert q is not None
        keys += [r.key for r in machine.press("2", q.step).replies]
        advice = [key for key in keys if is_advice(key)]
        for expected in ("plan.gentle", "advice.green", "reason.green.steady", "next.repeat"):
            assert expected in advice
        assert any(key.startswith("morning.") and is_advice(key) for key in keys)
        check_no_advice_under_hold(False, plan)
        with pytest.raises(AssertionError, match="unresolved red-flag hold"):
            check_no_advice_under_hold(True, plan)
        machine.stored_state_is_valid()
    finally:
        machine.teardown()


def test_under_a_hold_no_command_or_due_event_gives_advice(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """A symptom typed after onboarding holds; every command and days of follow-ups, nudges and
    recaps then pass the advice check — also while a /delete confirmation stands in front of the
    hold (where /plan, /progress and /recap used to give today's step, progress and the recap)."""
    machine = _scripted(sqlite_template, tmp_path)
    try:
        _onboard(machine)
        machine.command("checkin")
        for value in ("walk", "2", "done", "3"):  # a walk waiting for its follow-up
            q = machine.live_question()
            assert q is not None
            machine.press(value, q.step)
        machine.type("I have a fever")
        assert machine.snapshot().held
        for name in (*COMMANDS, "start"):
            if name != "delete":
                machine.command(name)
        machine.command("delete")  # the confirmation is asked; the hold waits behind it
        for name in ("plan", "progress", "recap", "checkin", "morning", "start", "help"):
            said = machine.command(name)
            assert said.replies[-1].key == "privacy.confirm_delete"
        machine.pass_time(timedelta(days=8), timedelta(hours=3))
        assert machine.snapshot().held
        machine.stored_state_is_valid()
    finally:
        machine.teardown()


def test_redelivered_delete_changes_nothing(sqlite_template: Path, tmp_path: Path) -> None:
    """/delete confirmed, then Telegram delivers that update again: no reply, nobody created."""
    machine = _scripted(sqlite_template, tmp_path)
    try:
        _onboard(machine)
        machine.command("delete")
        q = machine.live_question()
        assert q is not None
        said = machine.press("delete", q.step)
        assert said.deleted and machine.snapshot().user_id is None
        (update_id,) = machine.used
        event = Event(EventKind.ANSWER, value="delete", step=q.step)
        again = machine.run(machine.coach.handle_external(PERSON, CHAT, event, update_id=update_id))
        assert again.duplicate and again.replies == ()
        assert machine.snapshot().user_id is None
    finally:
        machine.teardown()


def test_the_level_check_sees_a_jump(sqlite_template: Path, tmp_path: Path) -> None:
    """The level checks read what is stored: a jump of two levels is caught."""
    from flows.model import LevelState, SetLevel

    machine = _scripted(sqlite_template, tmp_path)
    try:
        _onboard(machine)
        before = machine.snapshot()
        assert before.user_id is not None and before.facts is not None
        assert before.facts.levels, "onboarding with fears gives ladders"
        movement = next(iter(before.facts.levels))
        user_id = before.user_id

        def jump(repo: Any) -> None:
            repo.turns.apply(user_id, [SetLevel(LevelState(movement, 3))], machine.clock.now)

        machine.run(machine.db.run(jump))
        with pytest.raises(AssertionError, match=movement):
            check_levels(before, machine.snapshot())
    finally:
        machine.teardown()
