"""The person's own goals (DESIGN §9): named in onboarding and in /goals, in their words or from a
suggestion, rated 0–10, linked to movements that decide which ladders come first, re-rated weekly
with the recap; a change of 2 or more named real, 1 not."""

from __future__ import annotations

from datetime import timedelta

import pytest

from flows.engine import Turn
from flows.goals import change_line, check_text
from flows.model import Event, EventKind, Frame, Goal, GoalRating, Reply
from flows.plan import todays_plan
from tests.flows.transcript import (
    CONTENT,
    FEARS,
    RED_FLAGS_NO,
    START,
    TO_SCREEN,
    Chat,
    keys_of,
    onboard,
)

UP_TO_GOALS = (*TO_SCREEN, *RED_FLAGS_NO, "[week]", *FEARS)  # bend 5, lift 0, twist 3, carry 2
REST = ("[suggested]", "london", "7am", "[no]", "[later]")


def at_goals() -> Chat:
    chat = Chat(now=START)
    chat.play(*UP_TO_GOALS)
    assert chat.state == ("goals", "add")
    return chat


def test_onboarding_asks_for_goals_after_the_fears_with_suggestions_as_buttons() -> None:
    """After the last fear rating: the goals question, every suggestion a button (its words a
    catalogue key), and "Not now"."""
    chat = at_goals()
    asked = chat.asked
    assert asked.key == "goals.ask_onboarding"
    labels = [c.label for c in asked.choices]
    assert labels == [
        *(f"goals.suggestion.{s}" for s in CONTENT.goals.suggestions),
        "goals.btn_skip",
    ]


def test_a_suggested_goal_carries_its_movements_and_its_rating() -> None:
    """Pressing a suggestion stores it with the suggestion's movements; its 0–10 rating follows."""
    chat = at_goals()
    chat.press("s:pick_up_child")
    assert chat.state == ("goals", "rate_new")
    chat.press("3")
    (goal,) = chat.facts.goals
    assert (goal.suggestion, goal.text, goal.movements) == ("pick_up_child", None, ("lift", "bend"))
    assert [r.value for r in goal.ratings] == [3]
    assert chat.state == ("goals", "more")


def test_a_typed_goal_asks_its_movements_with_buttons() -> None:
    """A goal in the person's words asks which movements it needs; taps toggle them (a tick
    shows), Done stores the goal with them in ladder order."""
    chat = at_goals()
    chat.say("  carry   the washing upstairs ")
    assert chat.state == ("goals", "movements")
    assert chat.asked.params["goal"] == "carry the washing upstairs"
    chat.press("m:carry")
    chat.press("m:bend")
    chat.press("m:twist")
    chat.press("m:twist")  # tapped again: off
    ticked = [c.params["name"] for c in chat.asked.choices if c.label == "goals.btn_movement_on"]
    assert ticked == ["bending", "carrying"]
    chat.press("done")
    chat.press("6")
    (goal,) = chat.facts.goals
    assert (goal.text, goal.movements) == ("carry the washing upstairs", ("bend", "carry"))


def test_movements_can_be_typed_by_name() -> None:
    """At the movements question "lifting and carrying" picks both and stores the goal."""
    chat = at_goals()
    chat.play("move the sofa", "lifting and carrying", "5")
    assert chat.facts.goals[0].movements == ("lift", "carry")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("   ", "goals.empty"),
        ("x" * 61, "goals.too_long"),
        ("🙂🏃‍♀️💪", "goals.no_words"),
        ("7.5", "goals.no_words"),
        ("https://example.org/my-goal", "goals.link"),
        ("see www.example.org", "goals.link"),
        ("garden like on example.com", "goals.link"),
    ],
    ids=["empty", "61 chars", "only emoji", "a number", "url", "www", "domain"],
)
def test_a_goal_that_is_not_a_few_words_gets_a_kind_reask(text: str, key: str) -> None:
    """Empty, over 60 characters, only emoji or numbers, or a link: a kind word on what fits,
    the short question again, and nothing stored."""
    chat = at_goals()
    before = chat.fork()
    replies = chat.say(text)
    assert keys_of(replies) == [key, "goals.ask_short"]
    assert chat.facts == before.facts and chat.state == ("goals", "add")


def test_sixty_characters_is_still_a_goal() -> None:
    """Exactly 60 characters (the limit) is taken; the reply to 61 names both numbers."""
    assert check_text("y" * 60, CONTENT.goals) == "y" * 60
    chat = at_goals()
    (said, _) = chat.say("x" * 61)
    assert dict(said.params) == {"lo": 0, "hi": 10, "chars": 60, "length": 61}


def test_a_red_flag_typed_as_a_goal_escalates_and_is_not_a_goal() -> None:
    """A goal that mentions losing bladder control is screened like any text: the emergency
    reply and the hold, and no goal stored."""
    chat = at_goals()
    replies = chat.say("walk without wetting myself, I've lost bladder control")
    assert "safety.heard" in keys_of(replies)
    assert chat.facts.profile.safety_hold is not None
    assert chat.facts.goals == ()


@pytest.mark.parametrize("text", ["11", "-1", "seven", "4.5"])
def test_a_rating_outside_0_to_10_is_asked_again(text: str) -> None:
    """A rating that is not a whole number 0–10: "I need a whole number", the question again."""
    chat = at_goals()
    chat.press("s:socks")
    replies = chat.say(text)
    assert keys_of(replies) == ["common.not_a_score", "goals.rate_new"]
    assert chat.facts.goals[0].ratings == ()


def test_up_to_three_goals_then_onboarding_goes_on() -> None:
    """A third goal ends the goals step (no "add another?"); onboarding carries on with the
    portfolio and its context (the fear ratings) intact."""
    chat = at_goals()
    chat.play("[s:socks]", "4", "[yes]", "[s:sit_film]", "5", "[yes]", "sleep through", "[done]")
    replies = chat.say("2")
    assert "goals.list_onboarding" in keys_of(replies)
    assert chat.state == ("onboarding", "portfolio_mode")
    chat.play(*REST)
    assert dict(chat.facts.profile.fears)["bend"] == 5
    assert [g.no for g in chat.facts.goals] == [1, 2, 3]


def test_the_goals_movements_decide_which_ladders_come_first() -> None:
    """A goal needing lifting gives lifting a ladder (though rated 0 for fear) and makes it the
    first ladder offered, ahead of bending (feared most)."""
    chat = at_goals()
    chat.play("[s:shopping]", "3", "[no]", *REST)
    assert list(chat.facts.levels) == ["carry", "lift", "bend", "twist"]
    later = chat.fork()
    later.now = START + timedelta(days=30)  # past settling: the ladders are offered
    plan = todays_plan(later.facts, CONTENT, later.now)
    assert plan.activity == "carry"


def test_not_now_skips_goals_and_says_where_to_add_them() -> None:
    """ "Not now" says /goals adds them later and goes on with onboarding."""
    chat = at_goals()
    assert keys_of(chat.press("skip"))[0] == "goals.skipped"
    assert chat.state == ("onboarding", "portfolio_mode")


def test_goals_command_adds_renames_rates_and_retires() -> None:
    """/goals: add from a suggestion, rename it in the person's words, rate it, retire it."""
    chat = onboard()
    chat.play("/goals", "[add]", "[s:garden]", "2", "[no]")
    chat.play("/goals", "[rename]", "[g:1]", "an afternoon on the allotment")
    assert chat.facts.goals[0].text == "an afternoon on the allotment"
    chat.now += timedelta(days=7)
    replies = chat.play("/goals", "[rate]", "5")
    assert keys_of(replies)[-1] == "goals.rated"
    assert "(+3: a real change)" in replies[-1].params["lines"]
    chat.play("/goals", "[retire]", "[g:1]")
    assert chat.facts.goals[0].retired_at is not None
    assert [r.value for r in chat.facts.goals[0].ratings] == [2, 5]
    assert [c.value for c in chat.play("/goals")[-1].choices] == ["add", "keep"]


def _line(first: int, last: int) -> str:
    chat = onboard()
    ratings = (GoalRating(START, first), GoalRating(START + timedelta(days=7), last))
    goal = Goal(1, ("bend",), START, suggestion="socks", ratings=ratings)
    view = Turn(Frame("goals", "menu"), chat.facts, CONTENT, chat.now, [], [], 0)
    return change_line(view, goal)


@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        (3, 5, "(+2: a real change)"),
        (3, 4, "(+1: within the usual ups and downs"),
        (5, 3, "(-2: a real drop"),
        (5, 4, "(-1: within the usual ups and downs"),
        (4, 4, "the same as on"),
    ],
)
def test_a_change_of_2_or_more_is_named_real_and_1_is_not(
    first: int, last: int, words: str
) -> None:
    """+2 and -2 are real changes; +1 and -1 are within the noise; no change says so."""
    assert words in _line(first, last)


def test_the_weekly_recap_asks_the_ratings_again_after_the_screen() -> None:
    """A week on, the recap shows the goals' lines and, after the weekly red-flag screen, asks
    each goal's rating; the answers are stored as weekly ratings."""
    chat = onboard()
    chat.play("/goals", "[add]", "[s:socks]", "3", "[no]")
    chat.now += timedelta(days=7)
    replies = chat.send(Event(EventKind.DUE, name="recap", payload={"at": chat.now.isoformat()}))
    assert "recap.goals" in keys_of(replies)
    assert chat.state == ("rescreen", "q")
    for _ in CONTENT.red_flags:
        replies = chat.press("no")
    assert chat.state == ("goals", "rate")
    assert replies[-1].key == "goals.rate_weekly"
    replies = chat.press("6")
    assert keys_of(replies)[-1] == "goals.rated"
    assert [r.value for r in chat.facts.goals[0].ratings] == [3, 6]


def test_recap_on_demand_asks_the_ratings_once_a_week() -> None:
    """/recap asks for the ratings when the last is 6 days old or more, not sooner."""
    chat = onboard()
    chat.play("/goals", "[add]", "[s:socks]", "3", "[no]")
    chat.command("recap")
    assert chat.state is None
    chat.now += timedelta(days=6)
    chat.command("recap")
    assert chat.state == ("goals", "rate")


def test_summary_twice_quickly_is_one_document() -> None:
    """/summary attaches the PDF; again within a minute says it was just sent, without another."""
    chat = onboard()

    def attached(replies: list[Reply]) -> list[str | None]:
        return [r.attachment for r in replies if r.attachment]

    first = chat.command("summary")
    assert attached(first) == ["summary"] and keys_of(first) == ["summary.ready_empty"]
    chat.now += timedelta(seconds=20)
    second = chat.command("summary")
    assert attached(second) == [] and keys_of(second) == ["summary.just_sent"]
    chat.now += timedelta(minutes=2)
    assert attached(chat.command("summary")) == ["summary"]


def in_return_phase(chat: Chat, level: int) -> Chat:
    """The person moved on to the return phase, bending at `level`."""
    from dataclasses import replace

    from flows.model import LevelState, Phase

    profile = replace(chat.facts.profile, phase=Phase.RETURN)
    levels = {**chat.facts.levels, "bend": LevelState("bend", level)}
    chat.facts = replace(chat.facts, profile=profile, levels=levels)
    return chat


def test_the_return_phase_turns_a_goal_into_ladder_steps() -> None:
    """In the return phase two GREENs at bending's top level move on to the goal that needs
    bending, in its words: first a short try, then the whole of it."""
    chat = at_goals()
    chat.play("[s:socks]", "4", "[no]", *REST)
    top = CONTENT.ladders["bend"].top
    in_return_phase(chat, top)
    green = ("2", "4", "6", "[done]", "3", "7", "+60", "2")
    chat.play("/checkin", "[plan]", *green)  # bending: the goals' movement comes first
    replies = chat.play("/checkin", "[l:bend]", *green)  # (today's plan moved on to twisting)
    assert chat.facts.levels["bend"].level == top + 1
    (up,) = [r for r in replies if r.key == "next.up"]
    assert up.params["step"] == "Your goal, a first try: Put my socks on"
    assert up.params["top"] == top + 2
    progress = chat.command("progress")[0].params["ladders"]
    assert f"level {top + 1} of {top + 2}" in progress


def test_before_the_return_phase_the_ladder_ends_at_its_own_top() -> None:
    """Outside the return phase a goal adds no step: bending stays at its top."""
    chat = at_goals()
    chat.play("[s:socks]", "4", "[no]", *REST)
    top = CONTENT.ladders["bend"].top
    in_return_phase(chat, top)
    from dataclasses import replace

    from flows.model import Phase

    chat.facts = replace(chat.facts, profile=replace(chat.facts.profile, phase=Phase.PROGRESS))
    green = ("2", "4", "6", "[done]", "3", "7", "+60", "2")
    chat.play("/checkin", "[plan]", *green, "/checkin", "[l:bend]", *green)
    assert [c.activity for c in chat.facts.checkins] == ["bend", "bend"]
    assert chat.facts.levels["bend"].level == top
