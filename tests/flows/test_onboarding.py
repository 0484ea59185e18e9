"""Onboarding transcripts, the red-flag screen and the safety hold, replayed through `turn`."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.render import as_text
from flows.content import PURPOSES
from flows.model import (
    Answer3,
    Event,
    EventKind,
    Phase,
    RecordRedFlags,
    SafetyHold,
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
    assessed,
    hold_keys,
    hold_question,
    keys_of,
    onboard,
    question,
    unstamped,
)

COACHING = ("advice.", "next.", "plan.", "reason.")
QUESTIONS = [(i, q.id, q.category) for i, q in enumerate(CONTENT.red_flags)]


def coaching(keys: list[str]) -> list[str]:
    """The reply keys that would be coaching advice."""
    return [k for k in keys if k.startswith(COACHING)]


def held(answer: str, index: int) -> Chat:
    """A new person who answers `answer` to red-flag question `index` and "no" to the others."""
    chat = Chat(now=START)
    chat.play(*TO_SCREEN)
    for i in range(len(CONTENT.red_flags)):
        if chat.state != ("rescreen", "q"):
            break
        chat.press(answer if i == index else "no")
    return chat


def urgent_hold() -> Chat:
    """A person held after a "yes" to the first urgent question."""
    first_urgent = next(i for i, q in enumerate(CONTENT.red_flags) if q.category == "urgent")
    return held("yes", first_urgent)


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


# ---------------------------------------- red flags


@pytest.mark.parametrize("answer", ["yes", "unsure"])
@pytest.mark.parametrize(("index", "qid", "category"), QUESTIONS, ids=[q[1] for q in QUESTIONS])
def test_red_flag_answer_sets_the_hold_of_its_kind(
    index: int, qid: str, category: str, answer: str
) -> None:
    """A yes or not-sure holds coaching: emergency at once, urgent after the whole screen."""
    chat = Chat(now=START)
    chat.play(*TO_SCREEN, *(["[no]"] * index))
    replies = chat.press(answer)
    if category == "emergency":
        assert chat.facts.profile.safety_hold is SafetyHold.EMERGENCY
        assert keys_of(replies) == hold_keys("emergency", unsure=answer == "unsure")
        recorded = [pair for r in chat.red_flags for pair in r.answers]
        assert recorded[-1] == (qid, Answer3(answer))
        assert len(recorded) == index + 1
    else:
        for _ in range(index + 1, len(CONTENT.red_flags)):
            assert chat.facts.profile.safety_hold is None
            assert chat.state == ("rescreen", "q")
            replies = chat.press("no")
        assert chat.facts.profile.safety_hold is SafetyHold.URGENT
        assert keys_of(replies)[-3:] == hold_keys("urgent", unsure=answer == "unsure")[-3:]
        recorded = [pair for r in chat.red_flags for pair in r.answers]
        assert len(recorded) == len(CONTENT.red_flags)
        assert recorded[index] == (qid, Answer3(answer))
    assert chat.facts.profile.safety_hold_at == START
    assert chat.state == ("safety", "hold")
    assert chat.facts.profile.onboarded_at is None


URGENT = [q for q in QUESTIONS if q[2] == "urgent"]
EMERGENCY = [q for q in QUESTIONS if q[2] == "emergency"]


@pytest.mark.parametrize(("index", "qid", "category"), URGENT, ids=[q[1] for q in URGENT])
def test_assessed_lifts_the_hold_and_resumes_at_the_episode_question(
    index: int, qid: str, category: str
) -> None:
    """Checked and told it's fine: the hold clears, assessed_at is stamped, the episode is next."""
    chat = held("unsure", index)
    chat.now = START + timedelta(hours=5)
    assert keys_of(chat.press("yes")) == ["safety.cleared"]
    assert chat.facts.profile.safety_hold is SafetyHold.URGENT  # one answer is not enough
    replies = chat.press("yes")
    assert keys_of(replies) == ["safety.resumed", "onboarding.episode"]
    assert chat.facts.profile.safety_hold is None
    assert chat.facts.profile.assessed_at == START + timedelta(hours=5)
    assert chat.state == ("onboarding", "episode")
    chat.play(*AFTER_SCREEN, "[later]")
    assert chat.facts.profile.onboarded_at is not None
    assert chat.facts.profile.consent_version == CONTENT.policy_version


@pytest.mark.parametrize(("index", "qid", "category"), EMERGENCY, ids=[q[1] for q in EMERGENCY])
def test_assessed_lifts_an_emergency_hold(index: int, qid: str, category: str) -> None:
    """Checked and told it's fine after an emergency answer: the hold clears; the screen goes on."""
    chat = held("yes", index)
    replies = assessed(chat)
    assert keys_of(replies)[:2] == ["safety.cleared", "safety.resumed"]
    assert chat.facts.profile.safety_hold is None
    assert chat.facts.profile.assessed_at == START
    assert chat.state is not None and chat.state[0] in ("onboarding", "rescreen")


@pytest.mark.parametrize(
    ("index", "qid", "category"), EMERGENCY[:-1], ids=[q[1] for q in EMERGENCY[:-1]]
)
def test_after_an_emergency_hold_the_rest_of_the_screen_is_asked(
    index: int, qid: str, category: str
) -> None:
    """Once assessed, the red-flag questions not yet answered are asked before going on."""
    chat = held("yes", index)
    assessed(chat)
    assert chat.state == ("rescreen", "q")
    while chat.state == ("rescreen", "q"):
        chat.press("no")
    ids = [q for r in chat.red_flags for q, _ in r.answers]
    assert sorted(set(ids)) == sorted(q.id for q in CONTENT.red_flags)


def test_a_hold_after_the_screen_does_not_record_answers_twice() -> None:
    """An urgent hold records each of the eleven questions exactly once."""
    chat = urgent_hold()
    ids = [qid for r in chat.red_flags for qid, _ in r.answers]
    assert sorted(ids) == sorted(q.id for q in CONTENT.red_flags)
    assert all(isinstance(r, RecordRedFlags) for r in chat.red_flags)


HELD_COMMANDS = ["checkin", "plan", "progress", "start", "morning", "help", "settings"]


@pytest.mark.parametrize("kind", ["emergency", "urgent"])
@pytest.mark.parametrize("command", HELD_COMMANDS)
def test_while_held_a_command_gives_no_coaching_and_reasks_the_hold(
    kind: str, command: str
) -> None:
    """Every command while held says coaching is paused and shows the hold again."""
    chat = held("yes", 0) if kind == "emergency" else urgent_hold()
    replies = chat.command(command)
    keys = keys_of(replies)
    assert coaching(keys) == []
    assert keys[-1] == hold_question(kind)
    assert f"common.on_hold{'_emergency' if kind == 'emergency' else ''}" in keys
    assert chat.state == ("safety", "hold")
    assert chat.facts.profile.safety_hold is SafetyHold(kind)


def test_while_held_a_stale_button_is_refused_and_the_hold_reasked() -> None:
    """A button from an earlier question cannot lift or skip the hold."""
    chat = urgent_hold()
    replies = chat.say("yes", step=chat.conversation.step - 1)
    assert keys_of(replies) == ["common.stale", "safety.checked"]
    assert chat.facts.profile.safety_hold is SafetyHold.URGENT


@pytest.mark.parametrize("text", ["3", "0", "1", "2", "10", "done", "hello", "/checkin"])
def test_while_held_a_typed_answer_is_not_taken_as_assessed(text: str) -> None:
    """A number, a stray word or a command re-asks the hold's question and keeps the hold."""
    chat = urgent_hold()
    replies = chat.play(text)
    keys = keys_of(replies)
    assert coaching(keys) == []
    assert keys[-1] == "safety.checked"
    assert "safety.cleared" not in keys and "safety.resumed" not in keys
    assert chat.facts.profile.safety_hold is SafetyHold.URGENT


def test_while_held_the_morning_nudge_is_not_sent() -> None:
    """A nudge coming due during a hold starts no morning check."""
    chat = onboard()
    chat.facts = replace(
        chat.facts, profile=replace(chat.facts.profile, safety_hold=SafetyHold.URGENT)
    )
    replies = chat.send(Event(EventKind.DUE, name="nudge"))
    assert coaching(keys_of(replies)) == []
    assert "morning.waking" not in keys_of(replies)


def held_mid_checkin() -> Chat:
    """An onboarded person asked for pain before an exposure step when a hold is set elsewhere."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]")
    assert chat.state == ("checkin", "baseline")
    chat.facts = replace(
        chat.facts,
        profile=replace(chat.facts.profile, safety_hold=SafetyHold.URGENT, safety_hold_at=START),
    )
    return chat


def test_while_held_a_due_followup_asks_nothing_and_reasks_the_hold() -> None:
    """A follow-up coming due during a hold asks no pain question and shows the hold again."""
    chat = onboard()
    chat.play("/checkin", "[l:bend]", "2", "4", "6", "[done]", "3", "7")
    chat.facts = replace(
        chat.facts, profile=replace(chat.facts.profile, safety_hold=SafetyHold.URGENT)
    )
    keys = keys_of(chat.wait(60))
    assert coaching(keys) == []
    assert "checkin.a1" not in keys
    assert keys[-1] == "safety.checked"
    assert chat.state == ("safety", "hold")


@pytest.mark.parametrize("command", HELD_COMMANDS)
def test_a_hold_set_mid_checkin_stops_the_checkin_at_the_next_command(command: str) -> None:
    """With a hold set while a check-in is open, any command shows the hold, not coaching."""
    chat = held_mid_checkin()
    keys = keys_of(chat.command(command))
    assert coaching(keys) == []
    assert keys[-1] == "safety.checked"
    assert chat.state == ("safety", "hold")


@pytest.mark.parametrize("button", [False, True], ids=["typed", "button"])
def test_a_hold_set_mid_checkin_is_not_lifted_by_a_pain_score_of_1(button: bool) -> None:
    """A "1" meant as a pain score (typed or on the last question's step) is not "assessed"."""
    chat = held_mid_checkin()
    keys = keys_of(chat.say("1", step=chat.conversation.step if button else None))
    assert chat.facts.profile.safety_hold is SafetyHold.URGENT
    assert coaching(keys) == []
    assert keys[-1] == "safety.checked"
    assert chat.facts.checkins[-1].baseline is None


def test_a_hold_set_mid_checkin_resumes_the_checkin_once_assessed() -> None:
    """After "assessed" the interrupted check-in question is asked again."""
    chat = held_mid_checkin()
    chat.command("plan")
    replies = assessed(chat)
    assert keys_of(replies) == ["safety.cleared", "safety.resumed", "checkin.baseline"]
    assert chat.state == ("checkin", "baseline")


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


# ---------------------------------------- reading back the time zone and the morning time

BEFORE_TZ = (*TO_SCREEN, *RED_FLAGS_NO, "[week]", *FEARS, "[skip]", "[suggested]")


def at_tz() -> Chat:
    """A new person who has just been asked for their time zone."""
    chat = Chat(now=START)
    chat.play(*BEFORE_TZ)
    assert chat.state == ("onboarding", "tz")
    return chat


def test_onboarding_reads_back_london_and_7_45am() -> None:
    """ "london" is read back as Europe/London, then "7.45am" as "Europe/London — 07:45 each
    morning", each before the next question."""
    chat = at_tz()
    replies = chat.say("london")
    assert keys_of(replies) == ["onboarding.tz_noted", "onboarding.nudge_time"]
    assert replies[0].params == {"tz": "Europe/London"}
    replies = chat.say("7.45am")
    assert keys_of(replies) == ["onboarding.time_noted", "onboarding.breaks"]
    assert replies[0].params == {"tz": "Europe/London", "time": "07:45"}
    assert as_text(CONTENT, "en", replies[0]) == "Europe/London — 07:45 each morning."


def test_onboarding_ends_with_a_summary_of_the_settings_before_todays_step() -> None:
    """The last answer brings the summary — zone, morning time, micro-breaks, the default weekly
    recap slot (data/rhythm.toml) and the ladders started — then today's step."""
    chat = Chat(now=START)
    replies = chat.play(*ONBOARDING)
    keys = keys_of(replies)
    (done,) = [r for r in replies if r.key == "onboarding.done"]
    assert done.params == {
        "tz": "Europe/London",
        "time": "07:00",
        "breaks": "off",
        "recap": "Sunday 18:00",
        "ladders": ", ".join(CONTENT.ladders[m].name for m in ("bend", "twist", "carry")),
    }
    first_plan = next(i for i, k in enumerate(keys) if k.startswith("plan."))
    assert keys.index("onboarding.done") < first_plan


def test_onboarding_summary_without_ladders_still_names_the_settings() -> None:
    """With nothing feared, the summary still lists zone, time, micro-breaks and recap."""
    chat = Chat(now=START)
    fears = ["0"] * len(CONTENT.ladders)
    replies = chat.play(*TO_SCREEN, *RED_FLAGS_NO, "[week]", *fears, "[skip]", "[suggested]")
    replies = chat.play("Europe/Berlin", "[08:30]", "[yes]")
    (done,) = [r for r in replies if r.key == "onboarding.done_no_ladders"]
    assert done.params == {
        "tz": "Europe/Berlin",
        "time": "08:30",
        "breaks": "on",
        "recap": "Sunday 18:00",
    }


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("UTC+2", "Etc/GMT-2", "UTC+2"),
        ("GMT-5", "Etc/GMT+5", "UTC-5"),
        ("+02:00", "Etc/GMT-2", "UTC+2"),
        ("gmt+2", "Etc/GMT-2", "UTC+2"),  # not Etc/GMT+2, which is two hours *behind* UTC
        ("UTC+0", "UTC", "UTC"),
    ],
)
def test_onboarding_takes_a_whole_hour_offset_and_says_it_skips_daylight_saving(
    typed: str, stored: str, shown: str
) -> None:
    """A whole-hour offset is stored as its Etc zone, read back as UTC±N, with the note that it
    won't follow daylight saving and a city would."""
    chat = at_tz()
    replies = chat.say(typed)
    assert keys_of(replies) == ["onboarding.tz_noted", "zone.fixed", "onboarding.nudge_time"]
    assert replies[0].params == replies[1].params == {"tz": shown}
    assert "daylight saving" in as_text(CONTENT, "en", replies[1])
    chat.play("7am", "[no]", "[later]")
    assert chat.facts.profile.tz == stored


@pytest.mark.parametrize("typed", ["+05:30", "UTC+5:30", "UTC+5:45", "GMT-3:30"])
def test_onboarding_refuses_a_half_hour_offset_and_asks_for_the_city(typed: str) -> None:
    """An offset that is not whole hours has no fixed zone: a kind re-ask naming cities; the
    city then works and needs no note."""
    chat = at_tz()
    replies = chat.say(typed)
    assert keys_of(replies) == ["zone.not_whole_hour", "onboarding.tz"]
    assert "Kolkata" in as_text(CONTENT, "en", replies[0])
    assert chat.state == ("onboarding", "tz")
    assert keys_of(chat.say("Kolkata")) == ["onboarding.tz_noted", "onboarding.nudge_time"]
    chat.play("7am", "[no]", "[later]")
    assert chat.facts.profile.tz == "Asia/Kolkata"


@pytest.mark.parametrize("typed", ["Atlantis", "UTC+15", "the usual", "Europe"])
def test_onboarding_re_asks_an_unreadable_zone_saying_how_to_give_it(typed: str) -> None:
    """Junk at the zone question gets invalid_zone — naming a city, an IANA name and an offset —
    and the same question again; everything answered before is kept."""
    chat = at_tz()
    before = chat.conversation.active
    replies = chat.say(typed)
    assert keys_of(replies) == ["common.invalid_zone", "onboarding.tz"]
    text = as_text(CONTENT, "en", replies[0])
    assert all(part in text for part in ("Berlin", "Europe/Berlin", "UTC+2"))
    assert chat.state == ("onboarding", "tz")
    assert before is not None and chat.conversation.active is not None
    assert unstamped(chat.conversation.active).context == unstamped(before).context
