"""Check-in transcripts: before, during, the follow-ups, the light and the next ladder step."""

from __future__ import annotations

from datetime import timedelta

from flows.model import (
    ActivityKind,
    Cancel,
    Checkin,
    CheckinStatus,
    Event,
    EventKind,
    LevelState,
    Light,
    Reply,
    Schedule,
    SetLevel,
)
from tests.flows.transcript import START, Chat, clear_rescreen, keys_of, onboard, question

DONE = START + timedelta(minutes=1)  # when the activity is reported done in `exposure`


def choose_ladder(chat: Chat, movement: str) -> None:
    """Picks a ladder at "what are you checking in on?" (today's step if it is that one)."""
    choices = question(chat.last.replies if chat.last else []).choices
    values = [c.value for c in choices]
    if f"l:{movement}" in values:
        chat.press(f"l:{movement}")
    else:
        chat.press("plan")
    assert chat.facts.checkins[-1].activity == movement


def exposure(
    chat: Chat,
    b: int,
    d: int,
    *,
    expected: int = 4,
    conf: int = 6,
    conf_after: int | None = 7,
    movement: str = "bend",
) -> list[Reply]:
    """Runs an exposure check-in up to confidence after; returns the replies from pain during on."""
    clear_rescreen(chat)
    chat.command("checkin")
    if chat.state == ("checkin", "pending"):  # an earlier RED's follow-up: answered later
        chat.press("new")
    choose_ladder(chat, movement)
    chat.play(str(b), str(expected), str(conf), "[done]")
    replies = chat.say(str(d))
    return replies if conf_after is None else replies + chat.say(str(conf_after))


def finish(chat: Chat, a1: int) -> list[Reply]:
    """Lets the hour pass and answers the one-hour follow-up; returns the advice."""
    chat.wait(60)
    return chat.say(str(a1))


def green(chat: Chat, movement: str = "bend") -> list[Reply]:
    """A GREEN exposure check-in: 2 before, 3 during, 2 an hour later."""
    exposure(chat, 2, 3, movement=movement)
    return finish(chat, 2)


def last(chat: Chat) -> Checkin:
    return chat.facts.checkins[-1]


def settle_red(chat: Chat, a1: int = 2) -> list[Reply]:
    """After a RED from the pain during: the safety question, then the hour's answer."""
    clear_rescreen(chat)
    chat.wait(60)
    return chat.say(str(a1))


def level(chat: Chat, movement: str = "bend") -> tuple[int, int | None]:
    state = chat.facts.levels[movement]
    return state.level, state.return_to


def effects(chat: Chat) -> tuple[object, ...]:
    return chat.last.effects if chat.last else ()


def by_key(replies: list[Reply], key: str) -> Reply:
    return next(r for r in replies if r.key == key)


# ---------------------------------------- GREEN


def test_exposure_checkin_asks_before_expected_confidence_go_during_and_confidence_after() -> None:
    """An exposure step asks pain, expected, confidence, done?, pain during, confidence after."""
    chat = onboard()
    chat.command("checkin")
    seen = [keys_of(chat.press("l:bend"))]
    for answer in ("2", "4", "6"):
        seen.append(keys_of(chat.say(answer)))
    seen.append(keys_of(chat.press("done")))
    seen.append(keys_of(chat.say("3")))
    assert seen == [
        ["checkin.baseline"],
        ["checkin.expected"],
        ["checkin.confidence"],
        ["checkin.go_exposure"],
        ["checkin.during"],
        ["checkin.confidence_after"],
    ]
    ci = last(chat)
    assert (ci.kind, ci.activity, ci.level) == (ActivityKind.EXPOSURE, "bend", 1)
    assert (ci.baseline, ci.expected, ci.confidence_before) == (2, 4, 6)


def test_the_one_hour_followup_is_scheduled_after_the_activity() -> None:
    """After pain during and confidence after, a1 is scheduled an hour on; nothing is judged."""
    chat = onboard()
    chat.now = DONE
    replies = exposure(chat, 2, 3)
    assert keys_of(replies) == ["checkin.confidence_after", "checkin.wait_a1"]
    assert chat.state is None
    ci = last(chat)
    assert (ci.status, ci.during, ci.done_at, ci.light) == (
        CheckinStatus.AWAITING_A1,
        3,
        DONE,
        None,
    )
    assert list(chat.followups.values()) == [
        Schedule(
            "followup",
            DONE + timedelta(hours=1),
            f"followup:1:{ci.no}:a1",
            {"no": ci.no, "ask": "a1"},
        )
    ]


def test_the_one_hour_followup_does_not_wait_for_confidence_after() -> None:
    """Pain during given, confidence after left unanswered: the hour still brings the follow-up."""
    chat = onboard()
    exposure(chat, 2, 3, conf_after=None)
    assert chat.state == ("checkin", "confidence_after")
    assert "checkin.a1" in keys_of(chat.wait(60))


def test_one_hour_followup_asks_pain_now() -> None:
    """When the hour has passed the coach names the activity and asks pain now."""
    chat = onboard()
    exposure(chat, 2, 3)
    replies = chat.wait(60)
    assert keys_of(replies) == ["checkin.followup_intro", "checkin.a1"]
    assert chat.state == ("checkin", "a1")


def test_first_green_gives_green_light_reasons_and_repeat() -> None:
    """b=2 expected 4 d=3 a1=2: GREEN, the numbers, better than expected, repeat level 1."""
    chat = onboard()
    exposure(chat, 2, 3, expected=4, conf=6, conf_after=7)
    chat.wait(60)
    replies = chat.say("2")
    assert keys_of(replies) == [
        "advice.green",
        "reason.green.steady",
        "advice.expect_better",
        "advice.confidence",
        "next.repeat",
    ]
    assert dict(by_key(replies, "reason.green.steady").params) == {
        "b": 2,
        "d": 3,
        "a1": 2,
        "a2": None,
        "rise": 1,
    }
    assert dict(by_key(replies, "advice.confidence").params) == {"before": 6, "after": 7}
    ci = last(chat)
    assert (ci.status, ci.light, ci.a1, ci.confidence_after) == (
        CheckinStatus.FINISHED,
        Light.GREEN,
        2,
        7,
    )
    assert (ci.level, ci.level_after) == (1, 1)
    assert level(chat) == (1, None)
    assert not any(isinstance(e, SetLevel) for e in effects(chat))


def test_second_green_at_the_same_level_moves_up_one() -> None:
    """Two GREENs in a row at level 1 move the ladder to level 2."""
    chat = onboard()
    green(chat)
    replies = green(chat)
    assert "next.up" in keys_of(replies)
    assert by_key(replies, "next.up").params["level"] == 2
    assert level(chat) == (2, None)
    assert [e.state for e in effects(chat) if isinstance(e, SetLevel)] == [LevelState("bend", 2)]
    assert last(chat).level_after == 2


def test_third_green_right_after_moving_up_repeats_the_new_level() -> None:
    """The first GREEN at a new level repeats it: no previous GREEN there yet."""
    chat = onboard()
    green(chat)
    green(chat)
    replies = green(chat)
    assert last(chat).level == 2
    assert "next.repeat" in keys_of(replies)
    assert level(chat) == (2, None)


def test_two_gentle_greens_move_the_phase_to_rebuild() -> None:
    """The second GREEN moves the recovery phase from settle to rebuild, once."""
    chat = onboard()
    assert "phase_moved.rebuild" not in keys_of(green(chat))
    assert "phase_moved.rebuild" in keys_of(green(chat))
    assert chat.facts.profile.phase.value == "rebuild"


# ---------------------------------------- AMBER


def test_rise_of_two_settled_at_one_hour_is_amber_and_repeats() -> None:
    """d - b = 2, settled at one hour: AMBER (amber.rise), the level stays where it is."""
    chat = onboard()
    green(chat)
    green(chat)
    exposure(chat, 2, 4)
    replies = finish(chat, 3)
    keys = keys_of(replies)
    assert keys[:2] == ["advice.amber", "reason.amber.rise"]
    assert "next.repeat" in keys
    assert "advice.not_a_substitute" not in keys
    assert last(chat).light is Light.AMBER
    assert level(chat) == (2, None)


def test_amber_does_not_count_as_the_previous_green() -> None:
    """GREEN, AMBER, GREEN at one level repeats: the GREENs were not in a row."""
    chat = onboard()
    green(chat)
    exposure(chat, 2, 4)
    finish(chat, 3)
    replies = green(chat)
    assert "next.repeat" in keys_of(replies)
    assert level(chat) == (1, None)


# ---------------------------------------- RED


def two_greens(chat: Chat) -> Chat:
    green(chat)
    green(chat)
    assert level(chat) == (2, None)
    return chat


def test_a_rise_of_4_is_red_at_once_and_the_followups_are_still_asked() -> None:
    """A rise of 4 (2 to 6) is advised at once, confidence after is asked, and the one-hour
    follow-up is still scheduled."""
    chat = two_greens(onboard())
    replies = exposure(chat, 2, 6, conf_after=None)
    assert keys_of(replies)[0] == "advice.red"
    assert keys_of(replies)[-1] == "checkin.confidence_after"
    ci = last(chat)
    assert (ci.light, ci.status) == (Light.RED, CheckinStatus.AWAITING_A1)
    assert list(chat.followups) == [f"followup:1:{ci.no}:a1"]
    assert keys_of(chat.say("5")) == [
        "advice.confidence",
        "checkin.wait_a1",
        "rescreen.after_red",
        "rescreen.quick",
    ]


def test_the_hour_after_a_red_is_recorded_and_named_without_softening() -> None:
    """3 -> 7 is RED at once; 7 an hour later is recorded, called well above the start of 3, and
    the two-hour question is still asked; 4 then is recorded as settled. The light stays RED."""
    chat = onboard()
    exposure(chat, 3, 7)
    replies = settle_red(chat, 7)
    assert keys_of(replies) == ["after.well_above", "checkin.wait_a2"]
    assert dict(replies[0].params) == {"pain": 7, "b": 3, "diff": 4, "when": "an hour later"}
    chat.wait(60)
    replies = chat.say("4")
    assert keys_of(replies) == ["after.settled"]
    ci = last(chat)
    assert (ci.a1, ci.a2, ci.light, ci.status) == (7, 4, Light.RED, CheckinStatus.FINISHED)
    assert level(chat) == (1, None)


def test_red_during_steps_back_one_level_and_remembers_where_to_return() -> None:
    """A RED at level 2 goes back to level 1 with return_to 2, and says it is no substitute."""
    chat = two_greens(onboard())
    replies = exposure(chat, 2, 6, conf_after=5)
    keys = keys_of(replies)
    assert keys[:2] == ["advice.red", "reason.red.rise"]
    assert "next.back" in keys
    assert keys.count("advice.not_a_substitute") == 1
    assert level(chat) == (1, 2)
    ci = last(chat)
    assert (ci.light, ci.level, ci.level_after, ci.a1) == (Light.RED, 2, 1, None)


def test_rise_of_4_is_red_at_once() -> None:
    """d - b >= 4 (1 to 5) is RED without waiting for the hour (red.rise)."""
    chat = two_greens(onboard())
    keys = keys_of(exposure(chat, 1, 5))
    assert keys[:2] == ["advice.red", "reason.red.rise"]
    assert level(chat) == (1, 2)


def test_green_after_red_returns_to_the_red_level_not_beyond() -> None:
    """After stepping back, the next GREEN returns to the RED level; return_to cleared."""
    chat = two_greens(onboard())
    exposure(chat, 2, 6)
    settle_red(chat)
    replies = green(chat)
    assert "next.return" in keys_of(replies)
    assert by_key(replies, "next.return").params["level"] == 2
    assert level(chat) == (2, None)
    replies = green(chat)
    assert "next.repeat" in keys_of(replies)
    assert level(chat) == (2, None)


def test_red_at_level_1_stays_at_level_1() -> None:
    """A RED at the bottom of a ladder cannot step below level 1."""
    chat = onboard()
    exposure(chat, 2, 7)
    assert last(chat).light is Light.RED
    assert level(chat) == (1, None)


def test_two_reds_in_a_row_offer_the_flare_up_plan() -> None:
    """The second RED in a row on one movement steps back and offers the flare-up plan."""
    chat = two_greens(onboard())
    green(chat)
    green(chat)
    assert level(chat) == (3, None)
    assert "flare.start" not in keys_of(exposure(chat, 2, 6))
    keys = keys_of(exposure(chat, 2, 6))
    assert "flare.start" in keys
    assert keys.count("advice.nonlinear") == 1
    assert level(chat)[0] == 1
    assert chat.facts.profile.flare_since == START.date()


def test_three_reds_in_a_week_pause_progression_and_suggest_a_clinician() -> None:
    """A third RED within 7 days pauses progression, suggests a physio or doctor, and /plan
    offers gentle movement only."""
    chat = onboard()
    for movement in ("bend", "twist", "carry"):
        keys = keys_of(exposure(chat, 2, 6, movement=movement))
        settle_red(chat)
    assert "pause.start" in keys
    assert chat.facts.profile.pause_reason == "reds"
    assert keys_of(chat.command("plan")) == ["pause.plan"]
    chat.command("checkin")
    assert not any(c.value.startswith("l:") for c in chat.asked.choices)
    assert level(chat, "bend") == (1, None)


# ---------------------------------------- not settled at one hour


def unsettled_at_one_hour(chat: Chat) -> list[Reply]:
    """b=2, d=3, a1=4 (b + 2): not settled at the hour."""
    chat.now = DONE
    exposure(chat, 2, 3)
    chat.wait(60)
    return chat.say("4")


def test_not_settled_at_one_hour_schedules_the_two_hour_followup() -> None:
    """a1 = b + 2 leaves the check-in awaiting a2, due two hours after it was done."""
    chat = onboard()
    replies = unsettled_at_one_hour(chat)
    assert keys_of(replies) == ["after.above", "checkin.wait_a2"]
    assert dict(replies[0].params) == {"pain": 4, "b": 2, "diff": 2, "when": "an hour later"}
    ci = last(chat)
    assert (ci.status, ci.a1, ci.a2, ci.light) == (CheckinStatus.AWAITING_A2, 4, None, None)
    key = f"followup:1:{ci.no}:a2"
    assert Schedule(
        "followup", DONE + timedelta(hours=2), key, {"no": ci.no, "ask": "a2"}
    ) in effects(chat)
    assert Cancel(f"followup:1:{ci.no}:a1") in effects(chat)
    assert chat.state is None


def test_settled_at_two_hours_is_amber_late() -> None:
    """Settled at the second follow-up: AMBER (amber.late), the level stays."""
    chat = onboard()
    unsettled_at_one_hour(chat)
    assert keys_of(chat.wait(60)) == ["checkin.followup_intro", "checkin.a2"]
    keys = keys_of(chat.say("3"))
    assert keys[:2] == ["advice.amber", "reason.amber.late"]
    assert (last(chat).a2, last(chat).light) == (3, Light.AMBER)
    assert level(chat) == (1, None)


def test_not_settled_at_two_hours_is_red_unsettled() -> None:
    """Still b + 2 at two hours: RED (red.unsettled) and it says it is no substitute."""
    chat = onboard()
    unsettled_at_one_hour(chat)
    chat.wait(60)
    replies = chat.say("4")
    keys = keys_of(replies)
    assert keys[:2] == ["advice.red", "reason.red.unsettled"]
    assert by_key(replies, "reason.red.unsettled").params["a2"] == 4
    assert "advice.not_a_substitute" in keys
    assert last(chat).light is Light.RED


def test_late_unsettled_one_hour_answer_is_red_without_asking_again() -> None:
    """An a1 given more than two hours after, still not settled, is RED at once: no a2 is asked."""
    chat = onboard()
    chat.now = DONE
    exposure(chat, 2, 3)
    chat.wait(60)
    chat.now = DONE + timedelta(hours=2, minutes=30)
    keys = keys_of(chat.say("4"))
    assert keys[:2] == ["advice.red", "reason.red.unsettled"]
    assert not any(isinstance(e, Schedule) for e in effects(chat))
    ci = last(chat)
    assert (ci.a1, ci.a2, ci.light) == (4, 4, Light.RED)


# ---------------------------------------- not today


def test_not_today_is_recorded_without_follow_up_or_level_change() -> None:
    """ "Not today" marks the check-in skipped, schedules nothing and leaves the ladder alone."""
    chat = two_greens(onboard())
    chat.command("checkin")
    choose_ladder(chat, "bend")
    chat.play("2", "4", "6")
    replies = chat.press("not_today")
    assert keys_of(replies) == ["checkin.skipped"]
    assert last(chat).status is CheckinStatus.SKIPPED
    assert last(chat).light is None
    assert not any(isinstance(e, Schedule | SetLevel) for e in effects(chat))
    assert chat.followups == {}
    assert level(chat) == (2, None)
    assert chat.state is None


def test_not_today_does_not_break_a_run_of_greens() -> None:
    """A skipped check-in between two GREENs does not stop the second from moving up."""
    chat = onboard()
    green(chat)
    chat.command("checkin")
    choose_ladder(chat, "bend")
    chat.play("2", "4", "6", "[not_today]")
    assert "next.up" in keys_of(green(chat))


# ---------------------------------------- answering early


def test_checkin_while_a_followup_waits_offers_to_answer_it() -> None:
    """/checkin with a follow-up pending asks whether to answer it now."""
    chat = onboard()
    exposure(chat, 2, 3)
    replies = chat.command("checkin")
    assert keys_of(replies) == ["checkin.pending"]
    assert [c.value for c in replies[0].choices] == ["now", "new"]
    assert chat.state == ("checkin", "pending")


def test_answering_the_followup_early_cancels_it() -> None:
    """ "Answer it now" asks a1 at once; the answer cancels the scheduled follow-up."""
    chat = onboard()
    exposure(chat, 2, 3)
    chat.now += timedelta(minutes=20)
    chat.command("checkin")
    assert keys_of(chat.press("now")) == ["checkin.a1"]
    replies = chat.say("2")
    ci = last(chat)
    assert Cancel(f"followup:1:{ci.no}:a1") in effects(chat)
    assert chat.followups == {}
    assert ci.a1 == 2
    assert ci.a1_at == START + timedelta(minutes=20)
    assert "advice.green" in keys_of(replies)


def test_a_followup_coming_due_after_an_early_answer_is_a_no_op() -> None:
    """The a1 event arriving after it was answered says nothing and changes nothing."""
    chat = onboard()
    exposure(chat, 2, 3)
    chat.play("/checkin", "[now]", "2")
    before = (chat.conversation, chat.facts)
    replies = chat.send(
        Event(EventKind.DUE, name="followup", payload={"no": last(chat).no, "ask": "a1"})
    )
    assert replies == []
    assert (chat.conversation, chat.facts) == before
    assert chat.last is not None and chat.last.effects == ()


def test_starting_a_new_checkin_leaves_the_pending_one_waiting() -> None:
    """A new check-in "anyway" opens one; the earlier one still awaits its follow-up."""
    chat = onboard()
    exposure(chat, 2, 3)
    chat.command("checkin")
    assert keys_of(chat.press("new")) == ["checkin.choose"]
    chat.press("walk")
    assert [c.status for c in chat.facts.checkins] == [
        CheckinStatus.AWAITING_A1,
        CheckinStatus.OPEN,
    ]
    assert len(chat.followups) == 1


def test_answering_early_while_awaiting_a2_asks_the_two_hour_question() -> None:
    """With a2 pending, "Answer it now" asks a2 and cancels its scheduled follow-up."""
    chat = onboard()
    unsettled_at_one_hour(chat)
    chat.command("checkin")
    assert keys_of(chat.press("now")) == ["checkin.a2"]
    chat.say("3")
    assert Cancel(f"followup:1:{last(chat).no}:a2") in effects(chat)
    assert chat.followups == {}


# ---------------------------------------- portfolio and walk


def test_portfolio_checkin_gives_gentle_advice_and_no_ladder_change() -> None:
    """A portfolio movement gets the same light but gentle next-step advice."""
    chat = onboard()
    portfolio = chat.facts.profile.portfolio
    chat.play("/checkin", "[portfolio]")
    assert [c.value for c in question(chat.last.replies if chat.last else []).choices] == [
        f"p:{e}" for e in portfolio
    ]
    assert keys_of(chat.press(f"p:{portfolio[0]}")) == ["checkin.baseline"]
    assert keys_of(chat.say("2")) == ["checkin.go_exercise"]
    chat.play("[done]", "3", "+60")
    keys = keys_of(chat.say("2"))
    assert keys == ["advice.green", "reason.green.steady", "next.gentle_green"]
    ci = last(chat)
    assert (ci.kind, ci.activity, ci.level, ci.expected) == (
        ActivityKind.PORTFOLIO,
        portfolio[0],
        None,
        None,
    )
    assert not any(isinstance(e, SetLevel) for e in effects(chat))


def test_walk_checkin_amber_gives_gentle_amber() -> None:
    """A walk with d - b = 2, settled at the hour, is AMBER with gentle advice; no ladder moves."""
    chat = onboard()
    levels = dict(chat.facts.levels)
    chat.play("/checkin", "[walk]", "2", "[done]", "4", "+60")
    keys = keys_of(chat.say("3"))
    assert keys == ["advice.amber", "reason.amber.rise", "next.gentle_amber"]
    assert last(chat).kind is ActivityKind.WALK
    assert chat.facts.levels == levels


def test_walk_red_during_is_advised_at_once() -> None:
    """A walk with pain 7 during is RED in the same turn, with gentle red advice, then the
    red-flag screen again."""
    chat = onboard()
    chat.play("/checkin", "[walk]", "2", "[done]")
    keys = keys_of(chat.say("7"))
    assert keys == [
        "advice.red",
        "reason.red.rise",
        "next.gentle_red",
        "advice.nonlinear",
        "advice.not_a_substitute",
        "checkin.wait_a1",
        "rescreen.after_red",
        "rescreen.quick",
    ]
    assert chat.state == ("rescreen", "quick")
    assert len(chat.followups) == 1
