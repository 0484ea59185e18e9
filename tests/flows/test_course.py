"""A course of recovery, person by person, through the pure harness (DESIGN §4 of 2026-12-06).

Five people: a week-1 person at 6 whose walk leaves them at 6; a week-5 person whose lifting flares;
a person with three REDs on walks in a week; a flare that ends after two calm mornings; a low-pain
person who progresses. Each step asserts the light, the ladder levels and what /plan and the
recap say.
"""

from __future__ import annotations

from datetime import timedelta

from flows.model import Light, Morning, Phase, Reply
from tests.flows.transcript import (
    AFTER_SCREEN,
    RED_FLAGS_NO,
    START,
    TO_SCREEN,
    Chat,
    clear_rescreen,
    keys_of,
    onboard,
)


def person(episode: str = "week", fears: tuple[str, ...] = ("5", "0", "3", "2")) -> Chat:
    """Onboards someone whose episode began `episode` ago and who rates bend/lift/twist/carry."""
    chat = Chat(now=START)
    after = ("[" + episode + "]", *fears, *AFTER_SCREEN[5:])
    chat.play(*TO_SCREEN, *RED_FLAGS_NO, *after, "[later]")
    chat.due.clear()  # nudges and recaps are driven by hand here
    return chat


def walk(chat: Chat, b: int, d: int, a1: int | None = None) -> list[Reply]:
    """Logs a walk: pain before, done, peak pain during, then (if given) the hour's answer."""
    clear_rescreen(chat)
    chat.command("checkin")
    if chat.state == ("checkin", "pending"):
        chat.press("new")
    values = [c.value for c in chat.asked.choices]
    chat.press("walk" if "walk" in values else "plan")
    assert chat.facts.checkins[-1].activity == "walk"
    replies = chat.play(str(b), "[done]", str(d))
    if a1 is not None:
        replies += chat.play("+60", str(a1))
    return replies


def ladder(chat: Chat, movement: str, b: int, d: int, a1: int | None = None) -> list[Reply]:
    """Logs a ladder step (expected pain 4, confidence 6 before and 7 after)."""
    clear_rescreen(chat)
    chat.command("checkin")
    if chat.state == ("checkin", "pending"):
        chat.press("new")
    values = [c.value for c in chat.asked.choices]
    chat.press(f"l:{movement}" if f"l:{movement}" in values else "plan")
    assert chat.facts.checkins[-1].activity == movement
    replies = chat.play(str(b), "4", "6", "[done]", str(d), "7")
    if a1 is not None:
        replies += chat.play("+60", str(a1))
    return replies


def levels(chat: Chat) -> dict[str, int]:
    return {m: s.level for m, s in chat.facts.levels.items()}


def last_light(chat: Chat) -> Light | None:
    return chat.facts.checkins[-1].light


def recap(chat: Chat) -> dict[str, Reply]:
    return {r.key: r for r in chat.command("recap")}


def plan_keys(chat: Chat) -> list[str]:
    return keys_of(chat.command("plan"))


def test_a_week_1_person_at_6_whose_walk_leaves_them_at_6_is_green() -> None:
    """(a) Week 1, pain 6 before, 6 during, 6 an hour later: GREEN (no longer RED), the gentle
    plan, and the recap counts one green and offers gentle movement."""
    chat = person("week")
    assert plan_keys(chat) == ["plan.gentle"]
    replies = walk(chat, 6, 6)
    assert keys_of(replies)[-1] == "checkin.wait_a1"  # no light from the pain during
    keys = keys_of(chat.play("+60", "6"))
    advice = keys.index("advice.green")
    assert keys[advice : advice + 3] == ["advice.green", "reason.green.steady", "next.gentle_green"]
    assert last_light(chat) is Light.GREEN
    assert levels(chat) == {"bend": 1, "twist": 1, "carry": 1}
    assert plan_keys(chat) == ["plan.gentle"]
    said = recap(chat)
    assert dict(said["recap.counts"].params) == {"green": 1, "amber": 0, "red": 0}
    assert "focus.settle" in said
    assert "recap.no_evidence" not in said  # nothing was predicted


def test_a_week_5_person_whose_lifting_flares_gets_the_flare_up_plan() -> None:
    """(b) Week 5 starts in rebuild; lifting GREEN twice climbs to 2, then 2 REDs in a row step it
    back and start the flare-up plan: ladders paused in /plan, the morning check and the recap."""
    chat = person("6weeks", fears=("3", "6", "0", "0"))
    assert plan_keys(chat)[0] == "plan.exposure"  # rebuild from the start, not settle
    assert levels(chat) == {"lift": 1, "bend": 1}
    for _ in range(2):
        ladder(chat, "lift", 2, 3, a1=2)
        assert last_light(chat) is Light.GREEN
    assert levels(chat)["lift"] == 2
    ladder(chat, "bend", 2, 3, a1=2)
    ladder(chat, "bend", 2, 3, a1=2)
    assert levels(chat) == {"lift": 2, "bend": 2}

    first = keys_of(ladder(chat, "lift", 2, 7))
    assert last_light(chat) is Light.RED
    assert "advice.nonlinear" in first and "flare.start" not in first
    assert levels(chat)["lift"] == 1
    second = keys_of(ladder(chat, "lift", 2, 6))
    assert last_light(chat) is Light.RED
    assert "flare.start" in second and "advice.nonlinear" in second
    assert not any(k.startswith("next.") for k in second)  # the flare says what comes next
    assert chat.facts.profile.flare_since == START.date()
    assert levels(chat) == {"lift": 1, "bend": 1}  # bend one below where the flare began

    assert plan_keys(chat) == ["flare.plan"]
    clear_rescreen(chat)
    chat.command("checkin")
    if chat.state == ("checkin", "pending"):
        chat.press("new")
    assert not any(c.value.startswith("l:") for c in chat.asked.choices)
    chat.command("cancel")
    said = recap(chat)
    assert "focus.flare" in said
    assert said["recap.phase"].params["phase"].startswith("settling")

    chat.now += timedelta(days=1)
    chat.command("morning")
    assert keys_of(chat.say("5"))[-1] == "flare.how"
    assert keys_of(chat.press("same")) == ["flare.not_calm", "flare.plan", "morning.start_now"]


def test_three_reds_on_walks_in_a_week_pause_progression() -> None:
    """(c) Three walks RED within a week: the third pauses progression and suggests a clinician;
    /plan, /progress and the recap say it is paused and why; /carry_on lifts it."""
    chat = person("6weeks", fears=("3", "6", "0", "0"))
    for day in range(3):
        chat.now = START + timedelta(days=day, hours=2)
        replies = keys_of(walk(chat, 2, 7))
        assert last_light(chat) is Light.RED
        assert "advice.nonlinear" in replies
    assert "pause.start" in replies
    assert chat.facts.profile.pause_reason == "reds"
    clear_rescreen(chat)
    assert plan_keys(chat) == ["pause.plan"]
    assert "pause.progress" in keys_of(chat.command("progress"))
    said = recap(chat)
    assert "focus.paused" in said
    assert said["focus.paused"].params["why"] == "three red check-ins within a week"
    assert keys_of(chat.command("carry_on")) == ["pause.lifted_clinician"]
    assert plan_keys(chat) == ["plan.exposure"]


def test_a_flare_ends_after_two_calm_mornings_and_ladders_resume_one_level_below() -> None:
    """(d) /flare with bending at 3: bending waits at 2; two mornings within 1 of usual end the
    flare; /plan offers the ladders again, one level below where they stood."""
    chat = person("6weeks", fears=("5", "0", "0", "0"))
    chat.facts = type(chat.facts)(
        **{
            **chat.facts.__dict__,
            "mornings": tuple(Morning(START.date() - timedelta(days=d), 2) for d in (3, 2, 1)),
        }
    )
    for _ in range(4):
        ladder(chat, "bend", 2, 3, a1=2)
    assert levels(chat) == {"bend": 3}
    keys = keys_of(chat.command("flare"))
    assert keys[:2] == ["flare.start", "advice.nonlinear"] and keys[-1] == "flare.plan"
    assert levels(chat) == {"bend": 2}
    assert plan_keys(chat) == ["flare.plan"]
    for day, ends in ((1, False), (2, True)):
        chat.now = START + timedelta(days=day)
        chat.command("morning")
        chat.say("3")  # usual is 2: within one point
        keys = keys_of(chat.press("easing"))
        chat.press("later")
        assert ("flare.ended" in keys) is ends
    assert chat.facts.profile.flare_since is None
    assert plan_keys(chat) == ["plan.exposure"]
    assert levels(chat) == {"bend": 2}


def test_a_low_pain_person_progresses() -> None:
    """(e) Week 1, 0 -> 1 -> 0 on bending twice: GREEN both times, the phase moves to rebuild and
    bending climbs to 2; /plan offers a ladder and the recap shows 'bending: 1 → 2'."""
    chat = person("week")
    assert chat.facts.profile.phase is Phase.SETTLE
    ladder(chat, "bend", 0, 1, a1=0)
    assert last_light(chat) is Light.GREEN and levels(chat)["bend"] == 1
    replies = keys_of(ladder(chat, "bend", 0, 1, a1=0))
    assert last_light(chat) is Light.GREEN
    assert "phase_moved.rebuild" in replies and "next.up" in replies
    assert levels(chat)["bend"] == 2
    assert plan_keys(chat)[0] == "plan.exposure"
    said = recap(chat)
    assert said["recap.moves"].params["lines"] == "bending: 1 → 2"
    assert dict(said["recap.counts"].params) == {"green": 2, "amber": 0, "red": 0}
    assert "focus.rebuild" in said


def test_onboard_helper_still_matches_the_default_person() -> None:
    """The default transcript person is in week 1 and settling: nothing here changes onboarding."""
    chat = onboard()
    assert chat.facts.profile.phase is Phase.SETTLE
