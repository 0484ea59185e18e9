"""The morning check: waking pain against usual, today's step, yesterday's check-ins closed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from flows.model import (
    Cancel,
    CheckinStatus,
    Event,
    EventKind,
    LevelState,
    Light,
    Morning,
    Phase,
    SaveMorning,
    SetLevel,
)
from tests.flows.test_checkin import exposure, finish, green, last, level
from tests.flows.transcript import START, Chat, keys_of, onboard

EVENING = START + timedelta(hours=10)  # 18:00 on day 0
NEXT_MORNING = START + timedelta(days=1, hours=-1)  # 07:00 on day 1
DAY1 = NEXT_MORNING.date()


def with_mornings(chat: Chat, today: date, *pains: int) -> Chat:
    """Gives the person waking-pain readings on the days just before `today` (oldest first)."""
    days = [today - timedelta(days=n) for n in range(len(pains), 0, -1)]
    chat.facts = replace(
        chat.facts, mornings=tuple(Morning(d, p) for d, p in zip(days, pains, strict=True))
    )
    return chat


def rebuilding(chat: Chat, bend: int) -> Chat:
    """Puts the person past settling, bending at level `bend`: today's step is an exposure."""
    profile = replace(chat.facts.profile, phase=Phase.REBUILD)
    levels = {"bend": LevelState("bend", bend)}
    chat.facts = replace(chat.facts, profile=profile, levels=levels)
    return chat


def morning(chat: Chat, pain: int) -> list[str]:
    """Runs /morning with the given waking pain; returns the reply keys of that answer."""
    chat.command("morning")
    return keys_of(chat.say(str(pain)))


def test_first_morning_has_no_usual_yet() -> None:
    """No earlier mornings: thanks, "I'll learn your usual", today's gentle step (no portfolio
    movement while settling in week 1), offer to start."""
    chat = onboard()
    assert keys_of(chat.command("morning")) == ["morning.waking"]
    keys = keys_of(chat.say("3"))
    assert keys == ["morning.first", "plan.gentle", "morning.start_now"]
    assert SaveMorning(Morning(START.date(), 3)) in (chat.last.effects if chat.last else ())
    assert chat.facts.mornings == (Morning(START.date(), 3),)


def test_two_earlier_mornings_are_not_yet_a_usual() -> None:
    """Fewer than three readings say nothing about usual: still the first-morning wording."""
    chat = with_mornings(onboard(), START.date(), 1, 1)
    assert morning(chat, 5)[0] == "morning.first"


def test_morning_at_usual_plus_1_is_usual() -> None:
    """Waking pain one above usual is an ordinary morning."""
    chat = with_mornings(onboard(), START.date(), 2, 2, 2)
    assert morning(chat, 3)[0] == "morning.usual"


def test_morning_below_usual_is_better() -> None:
    """Waking pain below usual is acknowledged as better."""
    chat = with_mornings(onboard(), START.date(), 2, 2, 2)
    assert morning(chat, 1)[0] == "morning.better"


def test_morning_at_usual_plus_2_is_bad() -> None:
    """Waking pain two or more above usual is a bad morning."""
    chat = with_mornings(onboard(), START.date(), 2, 3, 2)
    assert morning(chat, 4)[0] == "morning.bad"


def test_bad_morning_makes_todays_step_one_level_easier() -> None:
    """A bad morning's plan is one level below the stored level; the stored level stays."""
    chat = rebuilding(with_mornings(onboard(), START.date(), 2, 2, 2), bend=3)
    chat.command("morning")
    replies = chat.say("4")
    plan = next(r for r in replies if r.key.startswith("plan.exposure"))
    assert plan.key == "plan.exposure_easier"
    assert (plan.params["ladder"], plan.params["level"]) == ("bending", 2)
    assert level(chat) == (3, None)
    assert not any(isinstance(e, SetLevel) for e in (chat.last.effects if chat.last else ()))


def test_bad_morning_plan_stays_easier_for_the_rest_of_the_day() -> None:
    """/plan later the same day still offers the easier level."""
    chat = rebuilding(with_mornings(onboard(), START.date(), 2, 2, 2), bend=3)
    chat.play("/morning", "4", "[later]")
    chat.now += timedelta(hours=4)
    replies = chat.command("plan")
    assert [(r.key, r.params["level"]) for r in replies] == [("plan.exposure_easier", 2)]


def test_bad_morning_at_level_1_cannot_go_easier() -> None:
    """At level 1 a bad morning's plan is level 1, not marked easier."""
    chat = rebuilding(with_mornings(onboard(), START.date(), 2, 2, 2), bend=1)
    replies = chat.play("/morning", "5")
    assert [(r.key, r.params["level"]) for r in replies if r.key.startswith("plan.exposure")] == [
        ("plan.exposure", 1)
    ]


def test_checkin_at_the_easier_level_does_not_move_the_ladder() -> None:
    """A GREEN on the bad-morning step leaves the stored level where it was and says so."""
    chat = rebuilding(with_mornings(onboard(), START.date(), 2, 2, 2), bend=3)
    chat.play("/morning", "4", "[checkin]")
    assert chat.state == ("checkin", "choose")
    chat.play("[plan]", "2", "4", "6", "[done]", "3", "7")
    assert last(chat).level == 2
    keys = keys_of(finish(chat, 2))
    assert "next.none" in keys
    assert level(chat) == (3, None)
    assert last(chat).level_after == 3


def test_morning_start_now_opens_a_checkin() -> None:
    """ "Start a check-in now" after the morning check goes straight to choosing the activity."""
    chat = onboard()
    chat.play("/morning", "2")
    assert keys_of(chat.press("checkin")) == ["checkin.choose"]


def test_nudge_starts_the_morning_check_when_idle() -> None:
    """A nudge coming due for an onboarded, idle person asks about waking pain."""
    chat = onboard()
    chat.now = NEXT_MORNING
    replies = chat.send(Event(EventKind.DUE, name="nudge"))
    assert keys_of(replies) == ["morning.waking"]
    assert chat.state == ("morning", "waking")


def test_nudge_is_silent_while_paused() -> None:
    """A paused person gets no morning check."""
    chat = onboard()
    chat.facts = replace(chat.facts, profile=replace(chat.facts.profile, paused=True))
    assert chat.send(Event(EventKind.DUE, name="nudge")) == []
    assert chat.state is None


def test_nudge_before_onboarding_is_silent() -> None:
    """Someone who never finished onboarding gets no morning check."""
    chat = Chat(now=START)
    assert chat.send(Event(EventKind.DUE, name="nudge")) == []


# ---------------------------------------- yesterday's check-ins


def awaiting_overnight(chat: Chat) -> Chat:
    """An evening exposure check-in whose one-hour follow-up never got answered (nor delivered)."""
    chat.now = EVENING
    exposure(chat, 2, 3)
    chat.due.clear()  # the person never saw it: e.g. the reminder was skipped
    chat.now = NEXT_MORNING
    return chat


def test_morning_closes_out_yesterdays_unanswered_checkin_as_unfinished() -> None:
    """An ordinary morning closes yesterday's waiting check-in unlit, cancelling its follow-ups."""
    chat = awaiting_overnight(with_mornings(onboard(), DAY1, 2, 2, 2))
    no = last(chat).no
    keys = morning(chat, 2)
    assert "morning.closed_unfinished" in keys
    ci = last(chat)
    assert (ci.status, ci.light, ci.morning) == (CheckinStatus.FINISHED, Light.UNFINISHED, 2)
    effects = chat.last.effects if chat.last else ()
    assert Cancel(f"followup:1:{no}:a1") in effects
    assert Cancel(f"followup:1:{no}:a2") in effects
    assert level(chat) == (1, None)


def test_first_morning_also_closes_out_yesterdays_checkin() -> None:
    """Without a usual, yesterday's waiting check-in is still closed out as unfinished."""
    chat = awaiting_overnight(onboard())
    morning(chat, 6)
    assert (last(chat).status, last(chat).light) == (CheckinStatus.FINISHED, Light.UNFINISHED)


def test_an_unfinished_closeout_does_not_count_as_green() -> None:
    """After a closed-out check-in, the next GREEN at that level only repeats it."""
    chat = awaiting_overnight(with_mornings(onboard(), DAY1, 2, 2, 2))
    chat.play("/morning", "2", "[later]")
    assert "next.repeat" in keys_of(green(chat))


def two_greens_then_an_ordinary_morning(chat: Chat) -> Chat:
    """Day 0: two GREENs take bending to level 2; day 1: an ordinary morning closes them."""
    green(chat)
    green(chat)
    with_mornings(chat, DAY1, 2, 2, 2)
    chat.now = NEXT_MORNING
    chat.play("/morning", "2", "[later]")
    assert level(chat) == (2, None)
    return chat


def test_bad_morning_turns_yesterdays_waiting_checkin_red_and_steps_back() -> None:
    """A bad morning closes yesterday's waiting level-2 check-in RED; the ladder steps back."""
    chat = two_greens_then_an_ordinary_morning(onboard())
    chat.now = EVENING + timedelta(days=1)
    exposure(chat, 2, 3)
    chat.due.clear()
    chat.now = NEXT_MORNING + timedelta(days=1)
    no = last(chat).no
    keys = morning(chat, 4)
    assert "morning.closed_red" in keys
    assert "morning.closed_unfinished" not in keys
    ci = last(chat)
    assert (ci.no, ci.status, ci.light, ci.morning) == (no, CheckinStatus.FINISHED, Light.RED, 4)
    assert (ci.level, ci.level_after) == (2, 1)
    assert level(chat) == (1, 2)
    assert Cancel(f"followup:1:{no}:a1") in (chat.last.effects if chat.last else ())


def test_bad_morning_turns_yesterdays_green_red() -> None:
    """Yesterday's GREEN at level 2 turns RED on a bad morning; the ladder goes back to 1."""
    chat = two_greens_then_an_ordinary_morning(onboard())
    chat.now = EVENING + timedelta(days=1)
    green(chat)
    assert (last(chat).level, last(chat).light) == (2, Light.GREEN)
    chat.now = NEXT_MORNING + timedelta(days=1)
    assert "morning.closed_red" in morning(chat, 4)
    assert last(chat).light is Light.RED
    assert level(chat) == (1, 2)


def test_ordinary_morning_keeps_yesterdays_green() -> None:
    """An ordinary morning records the morning pain on yesterday's GREEN and keeps its light."""
    chat = onboard()
    green(chat)
    with_mornings(chat, DAY1, 2, 2, 2)
    chat.now = NEXT_MORNING
    keys = morning(chat, 3)
    assert "morning.closed_red" not in keys
    assert (last(chat).light, last(chat).morning) == (Light.GREEN, 3)


def test_bad_morning_does_not_touch_a_walk_ladder() -> None:
    """A walk from yesterday turned RED by a bad morning moves no ladder."""
    chat = onboard()
    chat.play("/checkin", "[walk]", "2", "[done]", "3", "+60", "2")
    with_mornings(chat, DAY1, 2, 2, 2)
    levels = dict(chat.facts.levels)
    chat.now = NEXT_MORNING
    assert "morning.closed_red" in morning(chat, 5)
    assert last(chat).light is Light.RED
    assert chat.facts.levels == levels


def test_bad_morning_steps_a_ladder_back_once_from_where_it_stands() -> None:
    """Several of yesterday's check-ins turning RED step a ladder back one level, remembering it."""
    chat = onboard()
    for _ in range(4):
        green(chat)
    assert level(chat) == (3, None)
    with_mornings(chat, DAY1, 2, 2, 2)
    chat.now = NEXT_MORNING
    morning(chat, 5)
    assert level(chat) == (2, 3)


def test_bad_morning_does_not_judge_checkins_from_days_ago() -> None:
    """Only the first morning after a check-in is its "next morning"; older ones keep theirs."""
    chat = onboard()
    green(chat)
    with_mornings(chat, START.date(), 2, 2, 2)  # then no morning check on days 1 to 3
    chat.now = NEXT_MORNING + timedelta(days=3)
    morning(chat, 5)
    assert chat.facts.checkins[0].light is Light.GREEN


def test_nudge_comes_through_after_a_question_left_unanswered_overnight() -> None:
    """Yesterday's unanswered follow-up question does not swallow this morning's nudge."""
    chat = onboard()
    chat.now = EVENING
    exposure(chat, 2, 3)
    chat.wait(60)
    assert chat.state == ("checkin", "a1")
    chat.now = NEXT_MORNING
    assert "morning.waking" in keys_of(chat.send(Event(EventKind.DUE, name="nudge")))


def followup_asked_then_morning(chat: Chat) -> Chat:
    """Yesterday evening's follow-up was asked and ignored; this morning they run /morning."""
    chat.now = EVENING
    exposure(chat, 2, 3)
    chat.wait(60)
    assert chat.state == ("checkin", "a1")
    chat.now = NEXT_MORNING
    chat.play("/morning", "2")
    assert (last(chat).status, last(chat).light) == (CheckinStatus.FINISHED, Light.UNFINISHED)
    return chat


def test_morning_suspends_an_open_followup_question() -> None:
    """/morning during a follow-up question runs the morning check first."""
    chat = onboard()
    chat.now = EVENING
    exposure(chat, 2, 3)
    chat.wait(60)
    chat.now = NEXT_MORNING
    assert keys_of(chat.command("morning")) == ["morning.waking"]
    assert chat.conversation.suspended is not None
    assert chat.conversation.suspended.state == "a1"


def test_a_checkin_closed_by_the_morning_is_not_reopened() -> None:
    """Once the morning closed yesterday's check-in, its follow-up question is not asked again."""
    chat = followup_asked_then_morning(onboard())
    keys = keys_of(chat.press("later"))
    assert "checkin.a1" not in keys
    chat.play("2", "7")
    assert last(chat).light is Light.UNFINISHED


def test_a_red_during_counts_even_if_confidence_after_is_never_answered() -> None:
    """Pain 7 during, then silence: by next morning the check-in is RED and the ladder is back."""
    chat = two_greens_then_an_ordinary_morning(onboard())
    chat.now = EVENING + timedelta(days=1)
    exposure(chat, 2, 7, conf_after=None)
    chat.now = NEXT_MORNING + timedelta(days=1)
    chat.play("/morning", "2", "[later]")
    assert chat.facts.checkins[-1].light is Light.RED
    assert chat.facts.checkins[-1].status is CheckinStatus.FINISHED
    assert chat.followups == {}
    assert level(chat) == (1, 2)
