"""The person's data: /privacy says what is kept and why, /export hands it over, /delete erases it
(after a confirmation), and a new privacy notice is agreed to before anything else goes on.

After an erase nothing of the old conversation comes back (DESIGN §3): `last_words` cuts a turn's
outcome at the goodbye, whatever else the turn went on to do.
"""

from __future__ import annotations

from typing import Any

from flows.catalogue import keys
from flows.engine import Ask, FlowSpec, Turn, on_answer
from flows.model import Choice, Conversation, DeleteEverything, Flow, Outcome, Reply

K = keys(
    "privacy",
    "notice",
    "export",
    "confirm_delete",
    "deleted",
    "kept",
    "new_version",
    "agreed",
    "declined",
    "begin_again",
)
C = keys("choice", "delete_all", "keep_all", "agree", "decline")


def say_notice(turn: Turn) -> None:
    """What is stored, why, for how long, and how to get it or erase it."""
    turn.say(K.notice, version=turn.content.policy_version)


def say_export(turn: Turn) -> None:
    """The person's data, attached as files by the shell."""
    turn.replies.append(Reply(K.export, attachment="export"))


class DeleteTurn(Turn):
    """Turn model for /delete."""

    def confirmed(self) -> bool:
        return bool(self.value == "delete")

    def erase(self) -> None:
        self.effects.append(DeleteEverything())
        self.say(K.deleted)

    def keep(self) -> None:
        self.say(K.kept)


def begin_again() -> tuple[Reply, ...]:
    """What a button pressed by someone without an account gets (deleted, or never started):
    nothing is created for them, and one line says how to begin."""
    return (Reply(K.begin_again),)


def last_words(outcome: Outcome) -> Outcome:
    """An outcome that erases the person ends there: the goodbye is the last reply, the erase the
    last effect, and nothing is active or set aside (no resumed flow, no question, no buttons)."""
    erase = next(
        (i for i, e in enumerate(outcome.effects) if isinstance(e, DeleteEverything)), None
    )
    if erase is None:
        return outcome
    goodbye = next(
        (i for i, r in enumerate(outcome.replies) if r.key == K.deleted), len(outcome.replies) - 1
    )
    return Outcome(
        Conversation(step=outcome.conversation.step),
        outcome.replies[: goodbye + 1],
        outcome.effects[: erase + 1],
    )


class ConsentTurn(Turn):
    """Turn model for agreeing to a new version of the privacy notice."""

    def agreed(self) -> bool:
        return bool(self.value == "agree")

    def record(self) -> None:
        self.save_profile(consent_version=self.content.policy_version, consent_at=self.now)
        self.say(K.agreed)

    def refused(self) -> None:
        self.save_profile(paused=True)
        self.say(K.declined)


def consent_params(turn: Turn) -> dict[str, Any]:
    return {"version": turn.content.policy_version}


DELETE = FlowSpec(
    Flow.DELETE,
    DeleteTurn,
    ("confirm",),
    (
        on_answer("confirm", "end", when="confirmed", then="erase"),
        on_answer("confirm", "end", then="keep"),
    ),
    {
        "confirm": Ask(
            K.confirm_delete,
            choices=lambda t: (
                Choice("delete", C.delete_all, means="yes"),
                Choice("keep", C.keep_all, means="no"),
            ),
            explicit=True,
        )
    },
)

CONSENT = FlowSpec(
    Flow.CONSENT,
    ConsentTurn,
    ("ask",),
    (
        on_answer("ask", "end", when="agreed", then="record"),
        on_answer("ask", "end", then="refused"),
    ),
    {
        "ask": Ask(
            K.new_version,
            params=consent_params,
            choices=lambda t: (
                Choice("agree", C.agree, means="yes"),
                Choice("decline", C.decline, means="no"),
            ),
            explicit=True,
        )
    },
)
