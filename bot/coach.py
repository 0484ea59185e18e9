"""One turn, end to end: load, ask the flows, store it all in one transaction, return replies.

A turn is one unit of work on the Database: find (or create) the person, drop an update seen
before, load, run the flows, apply the effects, save the conversation (version-checked), touch.
Turns of one person run one at a time (a lock per person in this process, the conversation's
version column across processes); the transaction commits before the caller sends anything.

Replies flow one way: the turn's Said carries all a send needs; the sender reports a Delivery and
touches no database; `Coach.record` stores what the Delivery says in one small unit of work. A due
event's turn keeps its replies with the event ("sending") until a Delivery says Telegram took them;
so does an update's turn in webhook mode, on the update's inbox row (`inbox`).
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.export import EXPORT
from bot.outbox import said_json, said_of
from bot.said import Delivery, Outcome
from bot.said import Said as Said
from bot.storage import Database, DueEvent, Repository, StaleConversation, UnknownUser
from bot.storage.inbox import ClaimLost
from bot.storage.turns import Loaded
from bot.storage.updates import UPDATES_KEPT
from flows import privacy
from flows.content import FALLBACK_LANGUAGE, Content
from flows.dialogue import turn
from flows.model import Conversation, DeleteEverything, Event, EventKind, SaveProfile
from flows.summary import SUMMARY

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
RETRIES = 3
RETENTION = timedelta(days=365)  # an account silent this long is deleted (DESIGN §6)


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class _Turn:
    """One turn as a unit of work; the person is given by user id or by outside id."""

    coach: Coach
    event: Event
    now: datetime
    user_id: int | None = None
    external_id: str | None = None
    chat_id: int | None = None
    due: DueEvent | None = None
    update_id: int | None = None
    inbox: bool = False  # the update waits in the inbox: the replies are kept on its row
    claim: int | None = None  # … claimed with this attempts count (by the inbox worker)

    def __call__(self, repo: Repository) -> Said:
        user_id, loaded = self._person(repo)
        if user_id is None:
            return self._nobody(repo)
        now = self.now
        if self.due is not None and not repo.due.is_claimed(
            self.due.id, user_id, self.due.attempts
        ):
            return Said(
                user_id, FALLBACK_LANGUAGE, ()
            )  # its person was deleted after the claim: gone too
        if self.update_id is not None and not repo.updates.mark_processed(
            self.coach.bot_id, self.update_id, user_id, now=now
        ):
            return self._kept(repo) or Said(user_id, FALLBACK_LANGUAGE, (), duplicate=True)
        if loaded is None:
            loaded = repo.turns.load_turn(user_id, now)
        conversation, facts, version, prompt, last_active, last_press = loaded
        press = self.press()
        if press is not None and press == last_press:
            return Said(user_id, facts.profile.language, (), duplicate=True)
        outcome = turn(conversation, self.event, facts, self.coach.content, now)
        repo.turns.apply(user_id, outcome.effects, now, time_scale=self.coach.time_scale)
        # Stale: a button the flows said had passed, or of no question open when it was pressed.
        step = self.event.step
        stale = step is not None and (outcome.stale or not conversation.live(step))
        # the person's language after the turn: a reply to "Español" is already in Spanish
        saved = [e.profile for e in outcome.effects if isinstance(e, SaveProfile)]
        language = saved[-1].language if saved else facts.profile.language
        keep = _still_asked(conversation, outcome.conversation)
        said = Said(
            user_id, language, outcome.replies, stale, prompt_message_id=prompt, keep_prompt=keep
        )
        if any(isinstance(effect, DeleteEverything) for effect in outcome.effects):
            # The person and every row of theirs are gone: nothing is saved or touched after.
            # The update id alone stays, unattributed, so that Telegram delivering this very
            # update again cannot bring them back.
            if self.update_id is not None:
                repo.updates.mark_processed(self.coach.bot_id, self.update_id, None, now=now)
            return self._keep(repo, replace(said, deleted=True))
        taken = None if stale else press
        repo.turns.save_conversation(
            user_id, outcome.conversation, version, now=now, last_press=taken
        )
        if self.due is None:
            # Only what the person does counts as being active.
            repo.people.touch(user_id, now, last=last_active)
            self._keep(repo, said)
        elif self.event.payload.get("late"):
            repo.due.finish_due(self.due.id, "skipped", now=now)
        elif said.replies:
            # Kept with the event until Telegram takes them (Coach.record): nothing due is lost.
            repo.due.hold_replies(self.due.id, said_json(said), now)
        else:
            repo.due.finish_due(self.due.id, "done", now=now)
        return self._attached(repo, said)

    def _attached(self, repo: Repository, said: Said) -> Said:
        """The Said with the data its replies attach, read here, in the turn's own transaction:
        the sender touches no database."""
        if any(reply.attachment == EXPORT for reply in said.replies):
            export = repo.privacy.export(said.user_id)
            said = replace(said, attachments={**said.attachments, EXPORT: export})
        if any(reply.attachment == SUMMARY for reply in said.replies):
            # The clinician summary's history, and the time it is made at (bot.summary draws it).
            history = repo.goals.history(said.user_id)
            said = replace(said, attachments={**said.attachments, SUMMARY: (history, self.now)})
        return said

    def _keep(self, repo: Repository, said: Said) -> Said:
        """An update's replies kept on its inbox row, in this same commit, until Telegram takes
        them (Coach.record): a replica that takes the row up after a crash sends them."""
        if self.inbox and self.update_id is not None and said.replies:
            repo.inbox.hold_replies(self.update_id, said_json(said), self.now, self.claim)
        return said

    def _kept(self, repo: Repository) -> Said | None:
        """The replies this update's turn kept and that are not sent yet: the turn ran before
        (the update id says so) in a process that died, or whose send failed. They are sent as
        they were (an attachment's data read again); nothing is run again."""
        if not self.inbox or self.update_id is None:
            return None
        kept = repo.inbox.kept(self.update_id)
        if kept is None:
            return None
        said = said_of(kept)
        return said if said.deleted else self._attached(repo, said)

    def press(self) -> str | None:
        """The button press this event is ("<step>|<value>"), None for anything else.

        A press that equals the last press taken as an answer (not stale when it came) is a
        repeat: the same button of the same question pressed again before its buttons went, the
        first press's reply already on its way. Since every question asked takes a new step, the
        question it belongs to has been answered with that very value: nothing is done again, and
        no "That question has passed". A different button of that question is stale as ever.
        """
        if self.event.step is None:
            return None
        return f"{self.event.step}|{self.event.value}"[:64]

    def _person(self, repo: Repository) -> tuple[int | None, Loaded | None]:
        """The person's user id, created on first contact by a message or command, and what
        the turn loads when it came with the lookup (one statement). No user id when there is no
        one and no one is created: the update was handled before and its person has been deleted
        since (their /delete redelivered), or it is a button press (a second tap on "Yes, delete
        everything", a stale button of a deleted person)."""
        if self.user_id is not None:
            return self.user_id, None
        assert self.external_id is not None
        found = repo.turns.load_turn_of(self.external_id, self.chat_id, self.now)
        if found is not None:
            return found
        if self.update_id is not None and repo.updates.seen(self.coach.bot_id, self.update_id):
            return None, None
        if self.event.step is not None:
            return None, None  # a button is no first contact: only what the person sends starts
        return _existing(repo.people.user_id_for(self.external_id, self.chat_id)), None

    def _nobody(self, repo: Repository) -> Said:
        """No one behind the update: a redelivery changes nothing; a button press gets one line
        on how to begin again (its update id kept, unattributed, so it is said once)."""
        if self.update_id is not None and not repo.updates.mark_processed(
            self.coach.bot_id, self.update_id, None, now=self.now
        ):
            return self._kept(repo) or Said(0, FALLBACK_LANGUAGE, (), duplicate=True)
        begin_again = Said(0, FALLBACK_LANGUAGE, privacy.begin_again(), stale=True, deleted=True)
        return self._keep(repo, begin_again)


def _still_asked(before: Conversation, after: Conversation) -> bool:
    """True when the question that had the live buttons is still open after a turn: nothing new
    was asked, or it was set aside for another question (other than /delete's)."""
    if before.active is None:
        return False
    unchanged = after.active == before.active and after.step == before.step
    set_aside = before.suspended is None and after.suspended == before.active
    # The delete question takes the other buttons away: after a deletion none may stay live.
    deleting = after.active is not None and after.active.flow == "delete"
    return unchanged or (set_aside and not deleting)


def _existing(user_id: int | None) -> int:
    assert user_id is not None  # user_id_for with create=True always finds or makes one
    return user_id


class Coach:
    """Runs turns against the database; knows nothing about how replies are shown."""

    def __init__(
        self,
        db: Database,
        content: Content,
        *,
        clock: Clock = system_clock,
        time_scale: float = 1.0,
        bot_id: int = 0,
    ) -> None:
        self.db = db
        self.content = content
        self.clock = clock
        self.time_scale = time_scale
        # Whose update ids a turn's update_id is (Settings.bot_id; 0 where there is no bot).
        self.bot_id = bot_id
        # Keyed by outside id (str) where the caller knows it, else by user id (int).
        self._locks: weakref.WeakValueDictionary[str | int, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    def _lock(self, key: str | int) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    async def user(self, external_id: str, chat_id: int | None = None) -> int:
        """Finds or creates the person behind an outside id, keeping the chat id current."""
        return await self.db.run(
            lambda repo: _existing(repo.people.user_id_for(external_id, chat_id))
        )

    async def known_user(self, external_id: str) -> int | None:
        """The person behind an outside id, if we have ever coached them."""
        return await self.db.run(lambda repo: repo.people.user_id_for(external_id, create=False))

    async def handle_external(
        self,
        external_id: str,
        chat_id: int | None,
        event: Event,
        *,
        update_id: int | None = None,
        inbox: bool = False,
        claim: int | None = None,
    ) -> Said:
        """Runs one event of the person behind an outside id (created on first contact).

        One transaction: the person, the update-id check, the turn. With `update_id`, an update
        seen before changes nothing and returns no replies. With `inbox` too (the update waits in
        the webhook's inbox), the turn keeps its replies on the update's inbox row until `record`
        hears Telegram took them; run again for that update, it returns those replies, unsent so
        far, instead (and changes nothing). With `claim` (the inbox claim's attempts count), a
        turn whose claim was taken over by another replica meanwhile changes nothing and returns
        no replies: the update is the other replica's now.
        """
        async with self._lock(external_id):
            return await self._run(
                lambda now: _Turn(
                    self,
                    event,
                    now,
                    external_id=external_id,
                    chat_id=chat_id,
                    update_id=update_id,
                    inbox=inbox and update_id is not None,
                    claim=claim,
                ),
                # Their data was deleted between lookup and load: the retry starts them afresh.
                retry_on=(StaleConversation, UnknownUser),
            )

    async def handle(
        self,
        user_id: int,
        event: Event,
        *,
        due: DueEvent | None = None,
        update_id: int | None = None,
    ) -> Said:
        """Runs one event through the flows and commits its outcome; returns what to send.

        With `update_id`, an update seen before changes nothing and returns no replies.
        """
        key: str | int = due.external_id if due is not None else user_id
        async with self._lock(key):
            return await self._run(
                lambda now: _Turn(self, event, now, user_id=user_id, due=due, update_id=update_id),
                retry_on=(StaleConversation,),
            )

    async def _run(
        self,
        make: Callable[[datetime], _Turn],
        retry_on: tuple[type[Exception], ...],
    ) -> Said:
        for attempt in range(1, RETRIES + 1):
            try:
                return await self.db.run(make(self.clock()))
            except ClaimLost as lost:
                log.info("inbox: update %s was taken over by another replica; left to it", lost)
                return Said(0, FALLBACK_LANGUAGE, (), duplicate=True)
            except retry_on:
                # Another process moved this conversation on: reload and run the event again.
                log.info("conversation changed under turn; retry %d", attempt)
        raise RuntimeError("conversation kept changing; gave up after retries")

    async def record(
        self,
        said: Said,
        delivery: Delivery,
        *,
        due: DueEvent | None = None,
        inbox: int | None = None,
        retry_at: datetime | None = None,
    ) -> None:
        """Stores what became of a Said, in one small unit of work (nothing when nothing changed).

        Sent: the message now carrying the live buttons is remembered; a due event is done.
        Blocked: the person is marked blocked and what is due for them cancelled; a due event is
        done. Failed: a due event keeps its replies and is tried again from `retry_at` (by any
        process); for anything else there is nothing to store (the caller tells the person).
        A due event whose claim this process lost meanwhile is left to the claim's new holder.
        `inbox`: the update id whose inbox row keeps the replies (webhook mode): sent or blocked,
        the row goes, after the rest is stored; failed, it stays (the inbox worker retries it).
        """
        await self._record(said, delivery, due, retry_at)
        if inbox is not None and delivery.outcome is not Outcome.FAILED:
            # Its own statement, after the rest: a crash in between sends the replies again.
            await self.db.run(lambda repo: repo.inbox.done(inbox), one_statement=True)

    async def _record(
        self, said: Said, delivery: Delivery, due: DueEvent | None, retry_at: datetime | None
    ) -> None:
        user_id = said.user_id
        prompt_moved = (
            delivery.outcome is Outcome.SENT and delivery.prompt != said.prompt_message_id
        )
        blocked = delivery.outcome is Outcome.BLOCKED
        if due is None and (said.deleted or not (prompt_moved or blocked)):
            return  # nothing of theirs to write: the common case of an answer, no transaction
        now = self.clock()

        def work(repo: Repository) -> None:
            if due is not None and not repo.due.is_claimed(due.id, due.user_id, due.attempts):
                return
            if delivery.outcome is Outcome.FAILED:
                if due is not None:
                    repo.due.retry_send(due.id, retry_at or now, now)
                return
            if delivery.outcome is Outcome.BLOCKED:
                repo.people.set_blocked(user_id, True)
                repo.due.cancel_pending(user_id, now=now)
            elif prompt_moved and not said.deleted:
                repo.turns.set_prompt(user_id, delivery.prompt)
            if due is not None:
                repo.due.finish_due(due.id, "done", now=now)

        # An answer's new prompt is one UPDATE: autocommitted, one round trip instead of three.
        await self.db.run(work, one_statement=due is None and not blocked)

    async def set_blocked(self, user_id: int, blocked: bool) -> None:
        """Marks that the person blocked (or unblocked) the bot; blocking cancels what is due."""
        now = self.clock()

        def work(repo: Repository) -> None:
            repo.people.set_blocked(user_id, blocked)
            if blocked:
                repo.due.cancel_pending(user_id, now=now)

        await self.db.run(work)

    async def finish_due(self, due: DueEvent, status: str) -> None:
        """Ends a claimed event without a turn (a kept reply too late to send: skipped)."""
        now = self.clock()

        def work(repo: Repository) -> None:
            if repo.due.is_claimed(due.id, due.user_id, due.attempts):
                repo.due.finish_due(due.id, status, now=now)

        await self.db.run(work)

    async def export(self, user_id: int) -> dict[str, Any]:
        """Everything stored about the person, as stored (bot.export turns it into files)."""
        return await self.db.run(lambda repo: repo.privacy.export(user_id))

    async def forget_inactive(self, inactive_for: timedelta = RETENTION) -> int:
        """Deletes everyone not active for `inactive_for` (a year), with all their data; returns
        how many people went. Only the count is logged."""
        before = self.clock() - inactive_for
        count = await self.db.run(lambda repo: repo.privacy.delete_inactive(before))
        log.info("retention: deleted %d inactive account(s)", count)
        return count

    async def forget_updates(self, kept_for: timedelta = UPDATES_KEPT) -> int:
        """Forgets the update ids handled more than `kept_for` (two days) ago; returns how many.
        Telegram redelivers an update for about a day, so older ids guard nothing."""
        before = self.clock() - kept_for
        count = await self.db.run(lambda repo: repo.updates.prune(before))
        log.info("pruned %d processed update id(s)", count)
        return count

    async def handle_due(self, due: DueEvent, *, late: bool = False) -> Said:
        """Delivers a claimed due event to its person's flows. In the same commit the event keeps
        the replies to send ("sending"; `record` ends it), or is done when there is nothing to send.

        A `late` one is recorded as skipped: the flows only schedule what comes next.
        """
        payload = {**due.payload, "late": True} if late else due.payload
        event = Event(EventKind.DUE, name=due.kind, payload=payload)
        return await self.handle(due.user_id, event, due=due)
