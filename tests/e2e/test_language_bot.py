"""The coach in Spanish and German through the real `backcoach run` on the fake Bot API: a person
whose Telegram app is set to the language is set up in it, presses through onboarding and a
check-in with its follow-up, and reads every question and the advice in their language; the
command menu is set per language; /settings switches language mid-question."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.catalogue import FluentCatalogue
from bot.content import load_content
from tests.e2e.test_telegram_bot import Bot, Person
from tests.fakes.botapi import FakeBotApi
from tests.onboarding import MORE_FEARS

CONTENT = load_content()
TOKEN = "123456:TEST"


class Speaker:
    """What the coach says in one language, looked up in its catalogue (never hard-coded here,
    so the test follows the wording)."""

    def __init__(self, language: str) -> None:
        self.language = language
        catalogue = CONTENT.messages[language]
        assert isinstance(catalogue, FluentCatalogue)
        self.catalogue = catalogue

    def __call__(self, key: str, **params: object) -> str:
        return CONTENT.text(self.language, key, params)

    def snippet(self, key: str) -> str:
        """A piece of the message that does not depend on its parameters: its longest stretch
        between them, up to 30 characters."""
        marked = self.catalogue.format(key, dict.fromkeys(self.catalogue.variables(key), "\0"))
        longest = max((part.strip() for part in marked.split("\0")), key=len)
        return longest.split("\n")[0][:30]


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN) as fake:
        yield fake


def onboard(person: Person, say: Speaker, zone: str) -> None:
    person.answer(say.snippet("onboarding.intro"), say("choice.go_on"))
    person.answer(say.snippet("onboarding.consent"), say("choice.agree"))
    person.answer(say.snippet("onboarding.adult"), say("choice.yes"))
    for _ in CONTENT.red_flags:
        person.answer(say.snippet("onboarding.redflag"), say("choice.no"))
    person.answer(say.snippet("onboarding.episode"), say("choice.ep_2weeks"))
    for rating in ("5", "0", "3", "2", *MORE_FEARS):
        person.answer(say.snippet("onboarding.fear"), rating)
    person.answer(say.snippet("goals.ask_onboarding"), say("goals.btn_skip"))
    person.answer(say.snippet("onboarding.portfolio_mode"), say("choice.suggested"))
    person.answer(say.snippet("onboarding.tz"), zone)
    person.type(say.snippet("onboarding.nudge_time"), "06:45")
    person.answer(say.snippet("onboarding.breaks"), say("choice.breaks_no"))


def check_in_with_follow_up(person: Person, say: Speaker) -> str:
    """A bending check-in at level 1 by buttons, then the follow-up; returns the advice."""
    person.answer(say.snippet("onboarding.start_now"), say("choice.checkin_now"))
    bending = say("choice.ladder_step", name=CONTENT.speaking(say.language).ladders["bend"].name)
    person.answer(say.snippet("checkin.choose"), bending.split(",")[0])
    person.answer(say.snippet("checkin.baseline"), "2")
    person.answer(say.snippet("checkin.expected"), "4")
    person.answer(say.snippet("checkin.confidence"), "6")
    person.answer(say.snippet("checkin.go_exposure"), say("choice.done"))
    person.answer(say.snippet("checkin.during"), "3")
    person.answer(say.snippet("checkin.confidence_after"), "7")
    person.expect(say.snippet("checkin.wait_a1"))
    person.answer(say.snippet("checkin.a1"), "2")
    return str(person.expect(say("light.green"))["text"])


@pytest.mark.parametrize(
    ("language_code", "language", "zone"),
    [("es-MX", "es", "Europe/Madrid"), ("de-AT", "de", "Europe/Berlin")],
)
def test_onboarding_and_a_checkin_with_its_follow_up_in_the_apps_language(
    api: FakeBotApi, tmp_path: Path, language_code: str, language: str, zone: str
) -> None:
    say = Speaker(language)
    bot = Bot(api, tmp_path, scale="900")  # the follow-up comes four seconds after the check-in
    try:
        person = Person(api.user(2001, language_code=language_code))
        person.user.send_text("/start")
        onboard(person, say, zone)
        advice = check_in_with_follow_up(person, say)
        assert say("advice.green", light=say("light.green")) in advice
        assert say("advice.expect_better", expected=4, d=3) in advice
        english = Speaker("en")
        texts = "\n".join(m["text"] or "" for m in person.user.messages())
        for key in ("onboarding.consent", "checkin.baseline", "checkin.a1", "advice.green"):
            assert english.snippet(key) not in texts, f"English {key} reached a {language} chat"
        # the menu in each language, English for everyone else
        for code in CONTENT.languages:
            menu = api.commands("" if code == "en" else code)
            described = {c["command"]: c["description"] for c in menu}
            assert described["checkin"] == CONTENT.text(code, "command.checkin")
    finally:
        assert bot.stop() == 0


def test_switching_language_mid_checkin_asks_the_open_question_again_in_the_new_one(
    api: FakeBotApi, tmp_path: Path
) -> None:
    """A person set up in English switches to German in /settings while a check-in question is
    open: the settings reply and the question asked again are German."""
    en, de = Speaker("en"), Speaker("de")
    bot = Bot(api, tmp_path)
    try:
        person = Person(api.user(2003, language_code="en-GB"))
        person.user.send_text("/start")
        onboard(person, en, "Europe/London")
        person.answer(en.snippet("onboarding.start_now"), en("choice.checkin_now"))
        bending = en("choice.ladder_step", name=CONTENT.ladders["bend"].name)
        person.answer(en.snippet("checkin.choose"), bending.split(",")[0])
        person.expect(en.snippet("checkin.baseline"))
        person.user.send_text("/settings")
        person.answer(en.snippet("settings.menu"), en("choice.change_language"))
        person.answer(en.snippet("settings.language"), de("language.name"))
        # one message: the reply, then the open question asked again, both German
        again = person.expect(de("settings.saved_language"))
        assert de.snippet("checkin.baseline") in again["text"]
        person.user.press(again, "2")
        person.expect(de.snippet("checkin.expected"))
    finally:
        assert bot.stop() == 0


def test_an_unknown_language_code_gets_english_and_the_others_offered(
    api: FakeBotApi, tmp_path: Path
) -> None:
    """A person whose app is in Japanese is set up in English; the first question offers Spanish
    and German by their own names, and pressing one asks it again in that language."""
    en, es = Speaker("en"), Speaker("es")
    bot = Bot(api, tmp_path)
    try:
        person = Person(api.user(2004, language_code="ja"))
        person.user.send_text("/start")
        intro = person.expect(en.snippet("onboarding.intro"))
        labels = [b["text"] for row in intro["reply_markup"]["inline_keyboard"] for b in row]
        assert labels == [
            en("choice.go_on"),
            *(CONTENT.text(c, "language.name") for c in ("de", "es")),
        ]
        person.user.press(intro, es("language.name"))
        person.answer(es.snippet("onboarding.intro"), es("choice.go_on"))
        person.expect(es.snippet("onboarding.consent"))
    finally:
        assert bot.stop() == 0
