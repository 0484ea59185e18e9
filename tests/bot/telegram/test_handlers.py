"""The Telegram front end, in process: real PTB Application and coach, offline Bot API.

Every test checks the exact requests the bot makes, as Telegram would receive them.
"""

from __future__ import annotations

import re

import pytest

from bot.storage import Database
from flows.dialogue import COMMANDS
from tests.bot.telegram_helpers import (
    ANN,
    CHECKIN,
    CONTENT,
    PHOTO,
    STICKER,
    buttons,
    labels,
    running_bot,
    text,
    together,
)
from tests.flows.transcript import unstamped

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
BLOCKED = "Forbidden: bot was blocked by the user"


@sqlite_only
async def test_start_up_publishes_exactly_the_commands(db: Database) -> None:
    """setMyCommands lists exactly flows.dialogue.COMMANDS, each with a one-line description,
    once per language: the default (English) without a language_code, then each other language
    with its own code and its own words."""
    async with running_bot(db) as h:
        published = h.api.sent("setMyCommands")
    assert [p.get("language_code") for p in published] == [None, "de", "es"]
    for menu, language in zip(published, ("en", "de", "es"), strict=True):
        commands = menu["commands"]
        assert [c["command"] for c in commands] == list(COMMANDS)
        for command in commands:
            assert re.fullmatch(r"[a-z0-9_]{1,32}", command["command"])
            assert 0 < len(command["description"].strip()) <= 256
            assert "\n" not in command["description"]
            described = CONTENT.text(language, f"command.{command['command']}")
            assert command["description"] == described


@sqlite_only
async def test_start_sends_the_intro_with_one_button(db: Database) -> None:
    """/start answers with the intro in HTML and one row of buttons: Continue, then each other
    language by its own name."""
    async with running_bot(db) as h:
        await h.say("/start")
        (call,) = h.api.calls[-1:]
        intro = h.last()
    assert (call.method, call.params["chat_id"], call.params["parse_mode"]) == (
        "sendMessage",
        ANN,
        "HTML",
    )
    assert intro["text"] == text("onboarding.intro_languages")
    ((button, *others),) = buttons(intro)
    assert button[0] == text("choice.go_on")
    assert re.fullmatch(r"a\|\d+\|go_on", button[1])
    assert [label for label, _ in others] == ["Deutsch", "Español"]
    assert [data.rsplit("|", 1)[1] for _, data in others] == ["lang:de", "lang:es"]


@sqlite_only
async def test_pressing_a_button_edits_the_question_and_asks_the_next(db: Database) -> None:
    """The press is answered, the question edited to show "→ Continue" without buttons, then
    consent is asked."""
    async with running_bot(db) as h:
        await h.say("/start")
        intro = h.last()
        h.api.clear()
        await h.press("Continue")
        methods = h.api.methods()
        edit = h.api.sent("editMessageText")[0]
        edited = h.api.messages[(ANN, intro["message_id"])]
        consent = h.last()
    assert methods == ["answerCallbackQuery", "editMessageText", "sendMessage"]
    assert (edit["chat_id"], edit["message_id"]) == (ANN, intro["message_id"])
    assert edit["text"].endswith("\n\n<b>→ Continue</b>") and "reply_markup" not in edit
    assert edited["text"] == text("onboarding.intro_languages") + "\n\n→ Continue"
    assert "reply_markup" not in edited
    assert consent["text"] == text("onboarding.consent", version=CONTENT.policy_version)
    assert labels(consent) == [["I agree", "No thanks"]]


@sqlite_only
async def test_a_scale_question_has_two_rows_of_buttons_with_the_step(db: Database) -> None:
    """0–10 comes as two rows of buttons whose data carry the current step; the text says what 0
    and 10 mean."""
    async with running_bot(db) as h:
        await h.to_fear()
        question = h.last()
        conversation, _ = await h.state()
    rows = buttons(question)
    assert len(rows) == 2
    assert [b for row in rows for b in row] == [
        (str(n), f"a|{conversation.step}|{n}") for n in range(11)
    ]
    assert f"0 = {text('onboarding.fear_low')}" in question["text"]
    assert f"10 = {text('onboarding.fear_high')}" in question["text"]


@sqlite_only
async def test_a_scale_splits_0_to_5_and_6_to_10(db: Database) -> None:
    """The brief's layout of a 0–10 question: 0–5 on the first row, 6–10 on the second."""
    async with running_bot(db) as h:
        await h.to_fear()
        rows = labels(h.last())
    assert rows == [[str(n) for n in range(0, 6)], [str(n) for n in range(6, 11)]]


@sqlite_only
async def test_a_typed_score_with_out_of_ten_is_accepted(db: Database) -> None:
    """Typing "4/10" at a 0–10 question counts as 4."""
    async with running_bot(db) as h:
        await h.to_fear()
        await h.say("4/10")
        conversation, _ = await h.state()
        asked = h.last()["text"]
    assert conversation.active is not None
    assert conversation.active.context["fears"] == {"bend": 4}
    assert asked.startswith(text("onboarding.fear", movement=CONTENT.ladders["lift"].question))


@sqlite_only
async def test_a_score_in_words_is_kindly_reasked(db: Database) -> None:
    """Typing "four" re-asks with common.not_a_score and changes nothing stored."""
    async with running_bot(db) as h:
        await h.to_fear()
        question = h.last()["text"]
        before = await h.state()
        h.api.clear()
        await h.say("four")
        after = await h.state()
        texts = h.api.texts()
    assert texts == [together(text("common.not_a_score", lo=0, hi=10), question)]
    assert after[1] == before[1]
    assert unstamped(after[0].active) == unstamped(before[0].active)


@sqlite_only
async def test_a_typed_answer_retires_the_old_buttons(db: Database) -> None:
    """After a typed answer, the answered question's keyboard is removed."""
    async with running_bot(db) as h:
        await h.to_fear()
        old = h.last()
        h.api.clear()
        await h.say("4")
        (edit,) = h.api.sent("editMessageReplyMarkup")
        stored = h.api.messages[(ANN, old["message_id"])]
    assert (edit["chat_id"], edit["message_id"]) == (ANN, old["message_id"])
    assert "reply_markup" not in edit and "reply_markup" not in stored


@sqlite_only
async def test_a_stale_button_says_the_question_has_passed(db: Database) -> None:
    """A press on an earlier question: "has passed", the current question again, its keyboard
    removed, nothing stored changed."""
    async with running_bot(db) as h:
        await h.say("/start")
        await h.press("Continue")
        consent = h.last()
        stale = h.press_update("I agree")
        h.api.fail("editMessageReplyMarkup", 400, "Bad Request: message can't be edited")
        await h.say("i agree")  # agrees by typing; retiring the consent buttons fails this time
        assert "reply_markup" in h.api.messages[(ANN, consent["message_id"])]
        before = await h.state()
        h.api.clear()
        await h.feed(stale)
        after = await h.state()
        methods, texts = h.api.methods(), h.api.texts()
        stored = h.api.messages[(ANN, consent["message_id"])]
        retired = [e["message_id"] for e in h.api.sent("editMessageReplyMarkup")]
    assert methods[:2] == ["answerCallbackQuery", "editMessageReplyMarkup"]
    assert texts == [together(text("common.stale"), text("onboarding.adult"))]
    assert "reply_markup" not in stored and consent["message_id"] == retired[0]
    assert after[1] == before[1] and unstamped(after[0].active) == unstamped(before[0].active)


@pytest.mark.parametrize("data", ["x", "a|notanumber|1", "a|1|", "a|1|" + "j" * 66])
@sqlite_only
async def test_forged_callback_data_is_answered_and_ignored(db: Database, data: str) -> None:
    """Malformed or forged button data: the press is answered, nothing else happens."""
    async with running_bot(db) as h:
        await h.say("/start")
        before = await h.state()
        h.api.clear()
        await h.feed(h.people.press(ANN, h.last(), data))
        after = await h.state()
    assert h.api.methods() == ["answerCallbackQuery"]
    assert after == before


async def test_a_duplicate_update_changes_nothing(db: Database) -> None:
    """The same update handled twice: the second time sends nothing and changes nothing."""
    async with running_bot(db) as h:
        await h.say("/start")
        await h.press("Continue")
        agree = h.people.message(ANN, "1")
        await h.feed(agree)
        before = await h.state()
        h.api.clear()
        await h.feed(agree)  # Telegram re-delivers it, e.g. after a crash before the offset moved
        after = await h.state()
    assert h.api.calls == []
    assert after == before
    assert before[1].profile.adult_at is None  # "1" was not taken as "Yes" to the next question


@sqlite_only
async def test_text_where_a_button_is_expected_reasks(db: Database) -> None:
    """Typed words at the consent question: "answer in words" (it takes no number), then the
    question again in its short form (the notice is above)."""
    async with running_bot(db) as h:
        await h.say("/start")
        await h.press("Continue")
        consent = h.last()
        h.api.clear()
        await h.say("maybe later")
        texts, question = h.api.texts(), h.last()
    short = text("onboarding.consent_short", version=CONTENT.policy_version)
    assert texts == [together(text("common.not_a_choice_words"), short)]
    assert labels(question) == [["I agree", "No thanks"]]
    assert "reply_markup" not in h.api.messages[(ANN, consent["message_id"])]


@pytest.mark.parametrize("extra", [STICKER, PHOTO], ids=["sticker", "photo"])
@sqlite_only
async def test_a_sticker_or_photo_gets_a_kind_reask(db: Database, extra: dict[str, object]) -> None:
    """A sticker or photo where a score is expected: "I can only read words and numbers", the
    question again, no error."""
    async with running_bot(db) as h:
        await h.to_fear()
        question = h.last()["text"]
        h.api.clear()
        await h.feed(h.people.message(ANN, None, extra=extra))
        texts = h.api.texts()
    assert texts == [together(text("common.no_words"), question)]


@sqlite_only
async def test_an_edited_message_is_ignored(db: Database) -> None:
    """An edit of an earlier message makes no request at all and changes nothing."""
    async with running_bot(db) as h:
        await h.to_fear()
        before = await h.state()
        h.api.clear()
        await h.feed(h.people.message(ANN, "9", kind="edited_message"))
        after = await h.state()
    assert h.api.calls == []
    assert after == before


@sqlite_only
async def test_a_person_without_language_code_is_coached(db: Database) -> None:
    """No language_code on the user: /start still answers with the intro."""
    async with running_bot(db) as h:
        await h.say("/start", language_code=None)
        texts = h.api.texts()
    assert texts == [text("onboarding.intro_languages")]


@sqlite_only
async def test_start_with_a_deep_link_payload_is_start(db: Database) -> None:
    """ "/start abc" (a deep link) behaves exactly as /start."""
    async with running_bot(db) as h:
        await h.say("/start abc")
        texts, intro = h.api.texts(), h.last()
    assert texts == [text("onboarding.intro_languages")]
    assert labels(intro) == [["Continue", "Deutsch", "Español"]]


@sqlite_only
async def test_start_in_a_checkin_welcomes_back_and_resumes(db: Database) -> None:
    """/start in the middle of a check-in: "Welcome back." and the pending question again."""
    async with running_bot(db) as h:
        await h.onboard()
        for label in CHECKIN[:3]:
            await h.press(label)
        pending = h.last()
        h.api.clear()
        await h.say("/start")
        texts, question = h.api.texts(), h.last()
    assert texts == [together(text("common.welcome_back"), pending["text"])]
    assert labels(question) == labels(pending)


@pytest.mark.parametrize("chat_type", ["group", "supergroup"])
@sqlite_only
async def test_a_group_is_left_without_storing_anything(db: Database, chat_type: str) -> None:
    """A group message: leaveChat, no user row, nothing sent to the group."""
    async with running_bot(db) as h:
        h.api.clear()
        await h.say("/start", chat_type=chat_type, chat_id=-1001234)
        stored = await h.user_id()
    assert [(c.method, c.params) for c in h.api.calls] == [("leaveChat", {"chat_id": -1001234})]
    assert stored is None


@sqlite_only
async def test_an_echoed_command_is_escaped(db: Database) -> None:
    """An unknown command is named as Telegram marked it; the HTML typed after it never goes out."""
    async with running_bot(db) as h:
        entity = {"entities": [{"type": "bot_command", "offset": 0, "length": 2}]}
        await h.say("/x<b>", extra=entity)  # Telegram marks only "/x" as the command
        sent = h.api.sent("sendMessage")
        texts = h.api.texts()
    assert texts[0].startswith(together(text("common.unknown_command", command="x"), ""))
    assert all("<b>" not in message["text"] for message in sent)


@sqlite_only
async def test_a_command_followed_by_punctuation_is_that_command(db: Database) -> None:
    """ "/help, please": Telegram marks "/help" as the command, so the help is shown."""
    async with running_bot(db) as h:
        entity = {"entities": [{"type": "bot_command", "offset": 0, "length": 5}]}
        await h.say("/help, please", extra=entity)
        texts = h.api.texts()
    assert texts[0] == text("common.help")

    # is stored as "yes, I am 18 or older" to a question the person never saw


async def test_words_after_a_command_are_screened(db: Database) -> None:
    """ "/plan my bladder keeps leaking" through the handlers: the emergency reply, no plan, and
    the stored profile is held."""
    async with running_bot(db) as h:
        await h.onboard()
        h.api.clear()
        await h.say("/plan my bladder keeps leaking")
        texts = h.api.texts()
        _, facts = await h.state()
    assert len(texts) == 1 and text("safety.heard") in texts[0]
    assert "Today's" not in texts[0]
    assert facts.profile.safety_hold is not None
