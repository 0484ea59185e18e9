"""Where each question is: how to reach every question from a new person, and what each says to
input that does not fit; shared by the dialogue tests (test_input, test_commands, test_cancel)."""

from __future__ import annotations

from tests.flows.transcript import (
    FEARS,
    ONBOARDING,
    RED_FLAGS_NO,
    START,
    TO_SCREEN,
    Chat,
    onboard,
    unstamped,
)

# (flow state, how to get there from a new person); "ONB" first means: start from onboarded.
ONB = "<onboarded>"
EXPOSURE = ("/checkin", "[l:bend]", "2", "4", "6", "[done]", "3", "7")
SCREENED = len(TO_SCREEN) + len(RED_FLAGS_NO)  # onboarding's steps up to the episode question
RATED = SCREENED + 1 + len(FEARS)  # onboarding's answers up to the last fear rating
QUESTIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("onboarding", "intro"): ONBOARDING[:1],
    ("onboarding", "consent"): ONBOARDING[:2],
    ("onboarding", "adult"): ONBOARDING[:3],
    ("rescreen", "q"): ONBOARDING[:4],
    ("onboarding", "episode"): ONBOARDING[:SCREENED],
    ("onboarding", "fear"): ONBOARDING[: SCREENED + 1],
    ("goals", "add"): ONBOARDING[:RATED],
    ("onboarding", "portfolio_mode"): ONBOARDING[: RATED + 1],
    ("onboarding", "portfolio"): (*ONBOARDING[: RATED + 1], "[choose]"),
    ("onboarding", "tz"): ONBOARDING[: RATED + 2],
    ("onboarding", "nudge_time"): ONBOARDING[: RATED + 3],
    ("onboarding", "start_now"): ONBOARDING,
    ("checkin", "pending"): (ONB, *EXPOSURE, "/checkin"),
    ("checkin", "choose"): (ONB, "/checkin"),
    ("checkin", "portfolio"): (ONB, "/checkin", "[portfolio]"),
    ("checkin", "baseline"): (ONB, *EXPOSURE[:2]),
    ("checkin", "expected"): (ONB, *EXPOSURE[:3]),
    ("checkin", "confidence"): (ONB, *EXPOSURE[:4]),
    ("checkin", "go"): (ONB, *EXPOSURE[:5]),
    ("checkin", "during"): (ONB, *EXPOSURE[:6]),
    ("checkin", "confidence_after"): (ONB, *EXPOSURE[:7]),
    ("checkin", "a1"): (ONB, *EXPOSURE, "+60"),
    ("checkin", "a2"): (ONB, *EXPOSURE, "+60", "4", "+60"),
    ("morning", "waking"): (ONB, "/morning"),
    ("morning", "start_now"): (ONB, "/morning", "2"),
    ("safety", "hold"): (*ONBOARDING[:4], "[unsure]"),
    ("safety", "cleared"): (*ONBOARDING[:4], "[unsure]", "[yes]"),
    ("rescreen", "quick"): (ONB, "/checkin", "[walk]", "2", "[done]", "7"),
    ("crisis", "safe"): (ONB, "I want to end it all"),
    ("crisis", "ask"): (ONB, "been saying my goodbyes this week"),
    ("rescreen", "check"): (ONB, "bowels have gone weird lately"),
    ("crisis", "wait"): (ONB, "I want to end it all", "[safe]"),
    ("crisis", "rest"): (ONB, "I want to end it all", "[safe]", "[not_now]"),
    ("delete", "confirm"): (ONB, "/delete"),
    ("goals", "menu"): (ONB, "/goals"),
    ("goals", "movements"): (ONB, "/goals", "[add]", "walk the dog for an hour"),
    ("goals", "rate_new"): (ONB, "/goals", "[add]", "[s:socks]"),
    ("goals", "more"): (ONB, "/goals", "[add]", "[s:socks]", "4"),
    ("goals", "rate"): (ONB, "/goals", "[add]", "[s:socks]", "4", "[no]", "/goals", "[rate]"),
    ("goals", "pick"): (ONB, "/goals", "[add]", "[s:socks]", "4", "[no]", "/goals", "[retire]"),
    ("goals", "rename"): (
        *(ONB, "/goals", "[add]", "[s:socks]", "4", "[no]"),
        *("/goals", "[rename]", "[g:1]"),
    ),
}
SCALES = [
    q
    for q in QUESTIONS
    if q[1]
    in (
        "fear",
        "baseline",
        "expected",
        "confidence",
        "during",
        "a1",
        "a2",
        "confidence_after",
        "waking",
        "rate_new",
        "rate",
    )
]
# A goal in the person's own words: any few words are an answer (flows.goals checks length,
# links and emoji: tests/flows/test_goals.py).
OWN_WORDS = [("goals", "add"), ("goals", "rename")]
CHOICES = [q for q in QUESTIONS if q not in SCALES and q not in OWN_WORDS]
FREE_ENTRY = {
    ("onboarding", "episode"): "common.invalid_days",
    ("onboarding", "tz"): "common.invalid_zone",
    ("onboarding", "nudge_time"): "common.invalid_time",
}
PURE_CHOICES = [q for q in CHOICES if q not in FREE_ENTRY]
# Safety answers, consent and deletion: a button or the choice's words, never a bare number.
EXPLICIT = {
    ("onboarding", "consent"),
    ("rescreen", "q"),
    ("rescreen", "quick"),
    ("safety", "hold"),
    ("safety", "cleared"),
    ("crisis", "safe"),
    ("crisis", "ask"),
    ("rescreen", "check"),
    ("crisis", "wait"),
    ("crisis", "rest"),
    ("delete", "confirm"),
}
NUMBERED = [q for q in CHOICES if q not in EXPLICIT]
GENTLE = {(flow, state): "crisis.listening" for flow, state in EXPLICIT if flow == "crisis"}


def not_a_choice(where: tuple[str, str]) -> str:
    """What a question says to an answer that is none of its options."""
    if where in FREE_ENTRY:
        return FREE_ENTRY[where]
    if where in GENTLE:
        return GENTLE[where]
    return "common.not_a_choice_words" if where in EXPLICIT else "common.not_a_choice"


def at(where: tuple[str, str]) -> Chat:
    """A person who has just been asked the question `where`."""
    script = QUESTIONS[where]
    chat = onboard() if script[0] == ONB else Chat(now=START)
    chat.play(*(s for s in script if s != ONB))
    assert chat.state == where
    return chat


# The questions with a long introduction, and the short form they are asked again with.
SHORT = {
    ("onboarding", "intro"): "onboarding.intro_short",
    ("onboarding", "consent"): "onboarding.consent_short",
    ("onboarding", "portfolio_mode"): "onboarding.portfolio_mode_short",
    ("onboarding", "breaks"): "onboarding.breaks_short",
    ("goals", "add"): "goals.ask_short",
    ("goals", "movements"): "goals.movements_more",
    ("goals", "rate"): "goals.rate",
    ("checkin", "baseline"): "checkin.baseline_short",
    ("checkin", "go"): "checkin.go_short",
    ("rescreen", "check"): "rescreen.check_short",
}


def again(chat: Chat) -> str:
    """The key the pending question is asked again with: its short form, if it has one."""
    assert chat.state is not None
    return SHORT.get(chat.state, chat.asked.key)


def ids(questions: list[tuple[str, str]]) -> list[str]:
    return [f"{flow}.{state}" for flow, state in questions]


def assert_unchanged(before: Chat, after: Chat) -> None:
    """Nothing stored, nothing scheduled, the same question still pending."""
    assert after.last is not None and after.last.effects == ()
    assert after.facts == before.facts
    assert after.due == before.due
    assert unstamped(after.conversation.active) == unstamped(before.conversation.active)
    assert after.conversation.suspended == before.conversation.suspended
