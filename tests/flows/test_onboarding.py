"""Onboarding transcripts replayed through `turn`: consent, age, episode, fears, portfolio, time
zone, morning time and micro-breaks."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest

from flows.content import PURPOSES
from flows.model import (
    Answer3,
    Phase,
    SaveProfile,
    SetLevel,
)
from tests.flows.transcript import (
    AFTER_SCREEN,
    CONTENT,
    FEARS,
    ONBOARDING,
    RED_FLAGS_NO,
    START,
    TO_SCREEN,
    Chat,
    keys_of,
    onboard,
    question,
)

# ---------------------------------------- the whole way through


def test_onboarding_records_consent_with_policy_version_and_time() -> None:
    """Agreeing stores the policy version and the moment of consent."""
    chat = onboard()
    assert chat.facts.profile.consent_version == CONTENT.policy_version
    assert chat.facts.profile.consent_at == START


def test_onboarding_records_adult_confirmation() -> None:
    """Saying "yes" to 18+ stores when it was confirmed."""
    assert onboard().facts.profile.adult_at == START


def test_onboarding_records_every_red_flag_answer_in_order() -> None:
    """All twelve answers are recorded, in screen order, in the onboarding context."""
    chat = onboard()
    answers = [pair for record in chat.red_flags for pair in record.answers]
    assert answers == [(q.id, Answer3.NO) for q in CONTENT.red_flags]
    assert len(answers) == 12
    assert {record.context for record in chat.red_flags} == {"onboarding"}


def test_onboarding_sets_episode_start_from_the_chosen_range() -> None:
    """ "In the last 7 days" puts the episode start three days before today."""
    assert onboard().facts.profile.episode_start == START.date() - timedelta(days=3)


def test_onboarding_stores_fear_ratings_per_movement() -> None:
    """Each ladder's fear rating is kept by movement id."""
    fears = onboard().facts.profile.fears
    assert dict(fears) == dict(zip(CONTENT.ladders, map(int, FEARS), strict=True))


def test_onboarding_starts_a_ladder_at_level_1_for_each_feared_movement_only() -> None:
    """Movements rated above 0 get level 1; a movement rated 0 gets no ladder."""
    chat = onboard()
    assert {m: (s.level, s.return_to) for m, s in chat.facts.levels.items()} == {
        "bend": (1, None),
        "twist": (1, None),
        "carry": (1, None),
    }


def test_onboarding_suggested_portfolio_is_the_first_exercise_of_each_purpose() -> None:
    """ "Use the suggested set" picks, per purpose, the first exercise listed in the library."""
    first = [next(e.id for e in CONTENT.exercises.values() if e.purpose == p) for p in PURPOSES]
    assert onboard().facts.profile.portfolio == tuple(first)


def test_onboarding_reads_a_typed_city_as_its_iana_zone() -> None:
    """Typing "london" stores Europe/London."""
    assert onboard().facts.profile.tz == "Europe/London"


def test_onboarding_reads_7am_as_the_morning_time() -> None:
    """Typing "7am" stores 07:00 as the nudge time."""
    assert onboard().facts.profile.nudge_time == time(7, 0)


def test_onboarding_finishes_with_todays_step_and_an_offer_to_start() -> None:
    """The last answer onboards the person, reads back the micro-break choice, names ladders and
    today's step, offers a check-in."""
    chat = Chat(now=START)
    chat.play(*ONBOARDING[:-1])
    assert chat.facts.profile.onboarded_at is None
    replies = chat.play(ONBOARDING[-1])
    assert chat.facts.profile.onboarded_at == START
    keys = keys_of(replies)
    assert keys[:2] == ["settings.breaks_off", "onboarding.done"]
    assert any(k.startswith("plan.") for k in keys)
    assert keys[-1] == "onboarding.start_now"
    assert chat.state == ("onboarding", "start_now")


def test_onboarding_start_now_opens_a_checkin() -> None:
    """ "Start a check-in now" ends onboarding in the check-in's first question."""
    chat = onboard(then="[checkin]")
    assert chat.state == ("checkin", "choose")
    assert keys_of(chat.last.replies if chat.last else []) == ["checkin.choose"]


def test_onboarding_later_leaves_the_person_idle() -> None:
    """ "Later" ends onboarding with nothing pending."""
    chat = onboard()
    assert chat.state is None
    assert keys_of(chat.last.replies if chat.last else []) == ["common.later"]


def test_onboarding_with_no_feared_movement_starts_no_ladder() -> None:
    """Rating every movement 0 ends with the no-ladders message and no levels."""
    chat = Chat(now=START)
    replies = chat.play(
        *TO_SCREEN,
        *RED_FLAGS_NO,
        "[week]",
        *["0"] * len(CONTENT.ladders),
        "[skip]",
        "[suggested]",
        "UTC",
        "8:00",
        "[no]",
    )
    assert "onboarding.done_no_ladders" in keys_of(replies)
    assert chat.facts.levels == {}
    assert not any(isinstance(e, SetLevel) for e in (chat.last.effects if chat.last else ()))


def test_onboarding_lets_the_person_choose_each_portfolio_movement() -> None:
    """ "Let me choose" asks once per purpose and keeps each pick."""
    chat = Chat(now=START)
    chat.play(*TO_SCREEN, *RED_FLAGS_NO, "[week]", *FEARS, "[skip]", "[choose]")
    picks = []
    for _ in PURPOSES:
        assert chat.state == ("onboarding", "portfolio")
        options = question(chat.last.replies if chat.last else []).choices
        picks.append(options[-1].value)
        chat.press(options[-1].value)
    assert chat.state == ("onboarding", "tz")
    chat.play("Europe/Berlin", "[08:30]", "[no]", "[later]")
    assert chat.facts.profile.portfolio == tuple(picks)
    assert chat.facts.profile.tz == "Europe/Berlin"
    assert chat.facts.profile.nudge_time == time(8, 30)


def test_onboarding_reads_a_typed_episode_start() -> None:
    """ "5 days ago" typed at the episode question sets the start five days back."""
    chat = Chat(now=START)
    chat.play(*TO_SCREEN, *RED_FLAGS_NO, "5 days ago", *AFTER_SCREEN[1:], "[later]")
    assert chat.facts.profile.episode_start == START.date() - timedelta(days=5)


def test_onboarding_suggests_a_review_for_an_episode_over_12_weeks() -> None:
    """An episode older than ~12 weeks gets the "deserves a review" note."""
    chat = Chat(now=START)
    replies = chat.play(*TO_SCREEN, *RED_FLAGS_NO, "[older]")
    assert "onboarding.episode_long" in keys_of(replies)
    assert chat.state == ("onboarding", "fear")


def test_declining_consent_ends_onboarding_without_storing_anything() -> None:
    """ "No thanks" says so, ends the dialogue and saves no profile."""
    chat = Chat(now=START)
    replies = chat.play("/start", "[go_on]", "[decline]")
    assert keys_of(replies)[-1] == "onboarding.declined"
    assert chat.state is None
    assert chat.facts.profile.consent_at is None
    assert not any(isinstance(e, SaveProfile) for e in (chat.last.effects if chat.last else ()))


def test_under_18_ends_onboarding_without_coaching() -> None:
    """Answering "no" to 18+ ends onboarding; the person is neither adult nor onboarded."""
    chat = Chat(now=START)
    replies = chat.play("/start", "[go_on]", "[agree]", "[no]")
    assert keys_of(replies)[-1] == "onboarding.under_18"
    assert chat.state is None
    assert chat.facts.profile.adult_at is None
    assert chat.facts.profile.onboarded_at is None


def test_onboarding_asks_about_sitting_reaching_and_getting_up_from_the_floor() -> None:
    """The fear questions name every ladder, the three later ones included, in file order."""
    chat = Chat(now=START)
    asked = []
    for answer in (*TO_SCREEN, *RED_FLAGS_NO, "[week]", *FEARS):
        asked += [r for r in chat.play(answer) if r.key == "onboarding.fear"]
    assert [r.params["movement"] for r in asked] == [
        "bending forward",
        "lifting things",
        "twisting or turning",
        "carrying things",
        "sitting for a long time",
        "reaching up above your head",
        "getting down to the floor and up again",
    ]


@pytest.mark.parametrize("movement", ["sit", "reach", "get_up"])
def test_a_feared_later_movement_gets_its_ladder_and_is_todays_step(movement: str) -> None:
    """Rated above 0, sitting, reaching or getting up from the floor starts at level 1, and once
    past settling /plan offers its first step with the dose."""
    fears = ["6" if m == movement else "0" for m in CONTENT.ladders]
    chat = Chat(now=START)
    chat.play(*TO_SCREEN, *RED_FLAGS_NO, "[week]", *fears, *AFTER_SCREEN[1 + len(FEARS) :])
    assert set(chat.facts.levels) == {movement}
    chat.facts = replace(chat.facts, profile=replace(chat.facts.profile, phase=Phase.REBUILD))
    (plan,) = [r for r in chat.play("[later]", "/plan") if r.key.startswith("plan.")]
    ladder = CONTENT.ladders[movement]
    assert plan.key == "plan.exposure"
    assert (plan.params["ladder"], plan.params["level"]) == (ladder.name, 1)
    assert plan.params["how"] == ladder.step(1).how


def test_onboarding_asks_about_micro_breaks_after_the_morning_time() -> None:
    """After the morning time comes the micro-break question, naming working hours and the
    back-off; nothing is stored as onboarded yet."""
    chat = Chat(now=START)
    chat.play(*ONBOARDING[:-1])
    asked = chat.asked
    assert asked.key == "onboarding.breaks"
    assert asked.params == {"start": "09:00", "end": "17:00", "minutes": 60}
    assert [c.value for c in asked.choices] == ["yes", "no"]
    assert chat.facts.profile.onboarded_at is None


@pytest.mark.parametrize("answer", ["[yes]", "yes please", "y"])
def test_yes_to_micro_breaks_turns_them_on_and_schedules_the_first(answer: str) -> None:
    """A yes (button or words) sets micro_breaks and schedules one break, on a working day in
    working hours; the reply reads it back."""
    chat = Chat(now=START)
    chat.play(*ONBOARDING[:-1])
    replies = chat.play(answer)
    assert chat.facts.profile.micro_breaks
    (due,) = [e for e in chat.due.values() if e.kind == "break"]
    local = due.due_at.astimezone(ZoneInfo("Europe/London"))
    assert local.weekday() < 5 and time(9) <= local.time() < time(17)
    assert keys_of(replies)[0] == "settings.breaks_on"


@pytest.mark.parametrize("answer", ["[no]", "no thanks", "nope"])
def test_no_to_micro_breaks_schedules_none(answer: str) -> None:
    """A no leaves micro-breaks off and schedules no break, while nudge and recap are set."""
    chat = Chat(now=START)
    chat.play(*ONBOARDING[:-1], answer)
    assert chat.facts.profile.onboarded_at == START
    assert not chat.facts.profile.micro_breaks
    assert sorted(e.kind for e in chat.due.values()) == ["nudge", "recap"]


def test_a_muddled_micro_break_answer_is_asked_again() -> None:
    """Words that are neither yes nor no get a kind re-ask of the same question, in short."""
    chat = Chat(now=START)
    chat.play(*ONBOARDING[:-1])
    assert keys_of(chat.say("purple")) == ["common.not_a_choice", "onboarding.breaks_short"]
    assert chat.facts.profile.onboarded_at is None
