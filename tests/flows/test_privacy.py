"""/privacy, /export, /delete, and agreeing to a new privacy notice."""

from __future__ import annotations

from dataclasses import replace

from flows.model import DeleteEverything
from tests.flows.transcript import CONTENT, keys_of, onboard


def test_privacy_says_what_is_kept_and_re_asks() -> None:
    """/privacy in the middle of a check-in: the notice, then the pending question again."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]")
    replies = chat.command("privacy")
    assert keys_of(replies) == ["privacy.notice", "checkin.baseline_short"]
    assert replies[0].params["version"] == CONTENT.policy_version


def test_export_asks_the_shell_to_attach_the_data() -> None:
    """/export answers with a reply carrying the "export" attachment."""
    replies = onboard().command("export")
    assert replies[0].key == "privacy.export" and replies[0].attachment == "export"


def test_delete_asks_first_and_keep_changes_nothing() -> None:
    """/delete asks for confirmation; "No, keep it" leaves everything as it was."""
    chat = onboard()
    before = chat.facts
    assert keys_of(chat.command("delete")) == ["privacy.confirm_delete"]
    assert keys_of(chat.press("keep")) == ["privacy.kept"]
    assert chat.facts == before
    assert chat.last is not None and not any(
        isinstance(e, DeleteEverything) for e in chat.last.effects
    )


def test_delete_confirmed_erases_everything() -> None:
    """ "Yes, delete everything" emits DeleteEverything and says goodbye."""
    chat = onboard()
    chat.command("delete")
    replies = chat.press("delete")
    assert keys_of(replies) == ["privacy.deleted"]
    assert chat.last is not None and DeleteEverything() in chat.last.effects


def test_delete_works_behind_a_safety_hold() -> None:
    """Even while coaching is held for a red flag, /delete is offered, and "keep" goes back."""
    chat = onboard()
    chat.say("I can't feel my inner thighs")
    assert chat.state == ("safety", "hold")
    assert keys_of(chat.command("delete")) == ["privacy.confirm_delete"]
    assert keys_of(chat.press("keep"))[:2] == ["privacy.kept", "common.resume"]
    assert chat.state == ("safety", "hold")


def test_behind_a_hold_the_delete_question_lets_no_coaching_through() -> None:
    """/delete asked while a red-flag hold stands: /plan, /progress, /recap and a follow-up coming
    due give no coaching (found by tests/bot/test_stateful.py); "keep" goes back to the hold."""
    chat = onboard()
    chat.play("/checkin", "[walk]", "2", "[done]", "3")  # the walk waits for its follow-up
    chat.say("I can't feel my inner thighs")
    assert chat.state == ("safety", "hold")
    chat.command("delete")
    for command in ("plan", "progress", "recap", "start", "checkin", "morning"):
        keys = keys_of(chat.command(command))
        assert keys == ["common.on_hold_emergency", "privacy.confirm_delete"], (command, keys)
    assert keys_of(chat.wait(61)) == []  # the follow-up is not asked, nor announced
    assert chat.state == ("delete", "confirm")
    assert keys_of(chat.press("keep"))[:2] == ["privacy.kept", "common.resume"]
    assert chat.state == ("safety", "hold")


def test_a_new_privacy_notice_is_agreed_before_anything_else() -> None:
    """After the policy version changes, the next message asks for consent first."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]")
    old = chat.facts.profile
    chat.facts = replace(chat.facts, profile=replace(old, consent_version="2025-01"))
    assert keys_of(chat.say("3")) == ["privacy.new_version"]
    replies = chat.press("agree")
    assert keys_of(replies) == ["privacy.agreed", "common.resume_checkin", "checkin.baseline"]
    assert chat.facts.profile.consent_version == CONTENT.policy_version
    assert chat.facts.profile.consent_at == chat.now


def test_declining_a_new_notice_pauses_and_asks_again() -> None:
    """Declining pauses everything; the next message shows the notice again."""
    chat = onboard()
    old = chat.facts.profile
    chat.facts = replace(chat.facts, profile=replace(old, consent_version="2025-01"))
    chat.command("plan")
    assert keys_of(chat.press("decline")) == ["privacy.declined"]
    assert chat.facts.profile.paused
    assert keys_of(chat.command("checkin")) == ["privacy.new_version"]


def test_nothing_is_resumed_after_delete() -> None:
    """ "Yes, delete everything" in the middle of a walk: the goodbye alone, no "Back to where we
    were", no question, and a conversation with nothing active or set aside."""
    chat = onboard()
    chat.play("/checkin", "[walk]", "2")  # the walk asks "Done it" / "Not today"
    chat.command("delete")
    assert chat.conversation.suspended is not None
    replies = chat.press("delete")
    assert keys_of(replies) == ["privacy.deleted"]
    assert all(not r.choices for r in replies)
    assert (chat.conversation.active, chat.conversation.suspended) == (None, None)
