"""Onboarding (/start): what the coach is, consent, 18+, the red-flag screen, the episode, feared
movements, the person's own goals (flows.goals), the portfolio, time zone, morning time and
micro-breaks, each read back as understood. Ends with a summary of the settings and today's first
step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import time, timedelta
from typing import Any

from flows.catalogue import keyed, keys
from flows.content import PURPOSES
from flows.engine import LATER, Ask, FlowSpec, Invalid, Turn, on_answer
from flows.engine import K as K_INVALID
from flows.goals import active, goal_movements, onboarding_frame
from flows.model import (
    Choice,
    Facts,
    Flow,
    Frame,
    LevelState,
    Scale,
    SetLevel,
    frame_json,
)
from flows.outreach import all_chains, break_hours, switch_breaks
from flows.parse import days_ago
from flows.plan import describe_plan, todays_plan
from flows.rescreen import QUESTION, screen_frame
from flows.settings import (
    LANGUAGE_PREFIX,
    NUDGE_TIMES,
    current,
    language_choices,
    parse_time,
    set_language,
)
from flows.tz import label, note_if_fixed, parse_zone

K = keys(
    "onboarding",
    "intro",
    "intro_languages",
    "intro_short",
    "consent",
    "consent_short",
    "declined",
    "adult",
    "under_18",
    "redflag_intro",
    "redflag",
    "episode",
    "episode_long",
    "fear",
    "fear_low",
    "fear_high",
    "portfolio_mode",
    "portfolio_mode_short",
    "portfolio_pick",
    "tz",
    "tz_noted",
    "nudge_time",
    "time_noted",
    "breaks",
    "breaks_short",
    "done",
    "done_no_ladders",
    "start_now",
)
C = keys(
    "choice",
    "go_on",
    "agree",
    "decline",
    "yes",
    "no",
    "unsure",
    "ep_week",
    "ep_2weeks",
    "ep_6weeks",
    "ep_12weeks",
    "ep_older",
    "suggested",
    "choose",
    "checkin_now",
    "later",
    "breaks_yes",
    "breaks_no",
)

PURPOSE = keyed("purpose", PURPOSES)  # what each movement of the portfolio is for

EPISODE_DAYS = {"week": 3, "2weeks": 10, "6weeks": 28, "12weeks": 63, "older": 100}
EPISODE_CHOICES = {
    "week": C.ep_week,
    "2weeks": C.ep_2weeks,
    "6weeks": C.ep_6weeks,
    "12weeks": C.ep_12weeks,
    "older": C.ep_older,
}
LONG_EPISODE_DAYS = 84  # beyond ~12 weeks the episode is no longer recent: suggest a review


def yes_no_unsure() -> Sequence[Choice]:
    return (Choice("yes", C.yes), Choice("no", C.no), Choice("unsure", C.unsure))


class Onboarding(Turn):
    """Turn model for onboarding."""

    # -- guards

    def agreed(self) -> bool:
        return bool(self.value == "agree")

    def is_yes(self) -> bool:
        return bool(self.value == "yes")

    def more_fears(self) -> bool:
        return int(self.ctx.get("fi", 0)) + 1 < len(self.content.ladders)

    def choose_own(self) -> bool:
        return bool(self.value == "choose")

    def more_purposes(self) -> bool:
        return int(self.ctx.get("pi", 0)) + 1 < len(purposes(self))

    def wants_checkin(self) -> bool:
        return bool(self.value == "checkin")

    def picked_language(self) -> bool:
        return str(self.value).startswith(LANGUAGE_PREFIX)

    def switch_language(self) -> None:
        set_language(self, str(self.value))

    # -- actions

    def declined(self) -> None:
        self.say(K.declined)

    def too_young(self) -> None:
        self.say(K.under_18)

    def record_consent(self) -> None:
        self.save_profile(consent_version=self.content.policy_version, consent_at=self.now)

    def record_adult(self) -> None:
        self.save_profile(adult_at=self.now)
        self.say(K.redflag_intro)
        self.then = screen_frame("onboarding", then=Frame(Flow.ONBOARDING, "episode"))

    def to_screen(self) -> None:
        """A screen begun before the red-flag questions moved into their own flow: it carries on
        there, from the question it had reached (asked again)."""
        urgent = ["?"] if self.ctx.get("urgent") else []
        context = {"i": int(self.ctx.get("rf", 0)), "context": "onboarding", "urgent": urgent}
        context["then"] = frame_json(Frame(Flow.ONBOARDING, "episode"))
        self.then = Frame(Flow.RESCREEN, "q", context)

    def record_episode(self) -> None:
        days = EPISODE_DAYS.get(self.value, self.value)
        self.ctx["episode_days"] = int(days)
        if int(days) >= LONG_EPISODE_DAYS:
            self.say(K.episode_long)

    def record_fear(self) -> None:
        index = int(self.ctx.get("fi", 0))
        movement = list(self.content.ladders)[index]
        fears = dict(self.ctx.get("fears", {}))
        fears[movement] = int(self.value)
        self.ctx["fears"] = fears
        self.ctx["fi"] = index + 1

    def to_goals(self) -> None:
        """The person's own goals come next (DESIGN §9), then the rest of onboarding."""
        rest = Frame("onboarding", "portfolio_mode", dict(self.ctx))
        full = len(active(self.facts)) >= self.content.goals.max_goals
        self.then = rest if full else onboarding_frame(rest)

    def suggested_portfolio(self) -> None:
        self.ctx["portfolio"] = [self.content.by_purpose(p)[0].id for p in purposes(self)]

    def record_portfolio(self) -> None:
        index = int(self.ctx.get("pi", 0))
        self.ctx["portfolio"] = [*self.ctx.get("portfolio", []), self.value]
        self.ctx["pi"] = index + 1

    def record_tz(self) -> None:
        """Keeps the zone and reads it back ("Europe/London — noted."), with a fixed offset's
        note on summer time."""
        self.ctx["tz"] = self.value
        self.say(K.tz_noted, tz=label(self.value))
        note_if_fixed(self, self.value)

    def record_time(self) -> None:
        """Keeps the morning time and reads it back with the zone ("Europe/London — 07:45 each
        morning")."""
        self.ctx["nudge_time"] = self.value
        self.say(K.time_noted, tz=label(str(self.ctx.get("tz", "UTC"))), time=self.value)

    def finish(self) -> None:
        hour, minute = (int(x) for x in str(self.ctx.get("nudge_time", "08:00")).split(":"))
        fears: dict[str, int] = {k: int(v) for k, v in self.ctx.get("fears", {}).items()}
        episode = self.today - timedelta(days=int(self.ctx.get("episode_days", 0)))
        self.save_profile(
            tz=self.ctx.get("tz", "UTC"),
            nudge_time=time(hour, minute),
            episode_start=episode,
            fears=fears,
            portfolio=tuple(self.ctx.get("portfolio", ())),
            onboarded_at=self.now,
        )
        self.effects.extend(all_chains(self.profile, self.content, self.now))
        switch_breaks(self, self.value == "yes")
        # The goals' movements get a ladder too, and come first (DESIGN §9).
        linked = goal_movements(self.facts)
        feared = [m for m in self.content.ladders if fears.get(m, 0) > 0 or m in linked]
        feared.sort(key=lambda m: linked.index(m) if m in linked else len(linked))
        for movement in feared:
            if movement not in self.facts.levels:
                self.effects.append(SetLevel(LevelState(movement)))
        self.facts = self._with_levels(feared)
        if feared:
            names = ", ".join(self.content.ladders[m].name for m in feared)
            self.say(K.done, ladders=names, **current(self))
        else:
            self.say(K.done_no_ladders, **current(self))
        describe_plan(self, todays_plan(self.facts, self.content, self.now))

    def _with_levels(self, movements: Sequence[str]) -> Facts:
        levels = dict(self.facts.levels)
        for movement in movements:
            levels.setdefault(movement, LevelState(movement))
        return replace(self.facts, levels=levels)

    def later(self) -> None:
        self.say(LATER.later)

    def start_checkin(self) -> None:
        self.then = Frame(Flow.CHECKIN, "choose", {})


def purposes(turn: Turn) -> Sequence[str]:
    return PURPOSES


def red_flag_params(turn: Turn) -> dict[str, Any]:
    """The question a frame stored before the red-flag screen moved into flows.rescreen was at.
    Asked again, its answer hands over to that one screen (`to_screen`), which asks it and the
    rest: no red-flag answer is recorded, and no hold set, here."""
    index = int(turn.ctx.get("rf", 0))
    question = turn.content.red_flags[index]
    return {
        "n": index + 1,
        "total": len(turn.content.red_flags),
        "question": turn.text(QUESTION[question.id]),
    }


def fear_params(turn: Turn) -> dict[str, Any]:
    ladder = list(turn.content.ladders.values())[int(turn.ctx.get("fi", 0))]
    return {"movement": ladder.question}


def portfolio_params(turn: Turn) -> dict[str, Any]:
    purpose = purposes(turn)[int(turn.ctx.get("pi", 0))]
    return {"purpose": turn.text(PURPOSE[purpose])}


def portfolio_choices(turn: Turn) -> Sequence[Choice]:
    purpose = purposes(turn)[int(turn.ctx.get("pi", 0))]
    return tuple(Choice(e.id, e.name, literal=True) for e in turn.content.by_purpose(purpose))


def parse_days(turn: Turn, text: str) -> Any:
    days = days_ago(text, turn.today)
    return Invalid(K_INVALID.invalid_days) if days is None else days


STATES = (
    "intro",
    "consent",
    "adult",
    "redflag",
    "episode",
    "fear",
    "portfolio_mode",
    "portfolio",
    "tz",
    "nudge_time",
    "breaks",
    "start_now",
)

# fmt: off
TRANSITIONS: tuple[dict[str, Any], ...] = (
    on_answer("intro", "intro", when="picked_language", then="switch_language"),
    on_answer("intro", "consent"),
    on_answer("consent", "adult", when="agreed", then="record_consent"),
    on_answer("consent", "end", then="declined"),
    on_answer("adult", "end", when="is_yes", then="record_adult"),  # the screen, then "episode"
    on_answer("adult", "end", then="too_young"),
    on_answer("redflag", "end", then="to_screen"),  # only frames stored before the screen moved
    on_answer("episode", "fear", then="record_episode"),
    on_answer("fear", "fear", when="more_fears", then="record_fear"),
    on_answer("fear", "end", then=["record_fear", "to_goals"]),  # goals, then "portfolio_mode"
    on_answer("portfolio_mode", "portfolio", when="choose_own"),
    on_answer("portfolio_mode", "tz", then="suggested_portfolio"),
    on_answer("portfolio", "portfolio", when="more_purposes", then="record_portfolio"),
    on_answer("portfolio", "tz", then="record_portfolio"),
    on_answer("tz", "nudge_time", then="record_tz"),
    on_answer("nudge_time", "breaks", then="record_time"),
    on_answer("breaks", "start_now", then="finish"),
    on_answer("start_now", "end", when="wants_checkin", then="start_checkin"),
    on_answer("start_now", "end", then="later"),
)
# fmt: on

SCORE = Scale(low=K.fear_low, high=K.fear_high)

ASKS: dict[str, Ask] = {
    "intro": Ask(
        lambda t: K.intro_languages if len(t.content.languages) > 1 else K.intro,
        choices=lambda t: (
            Choice("go_on", C.go_on),
            *(c for c in language_choices(t) if c.value != LANGUAGE_PREFIX + t.profile.language),
        ),
        short=K.intro_short,
    ),
    "consent": Ask(
        K.consent,
        params=lambda t: {"version": t.content.policy_version},
        choices=lambda t: (
            Choice("agree", C.agree, means="yes"),
            Choice("decline", C.decline, means="no"),
        ),
        explicit=True,
        short=K.consent_short,
    ),
    "adult": Ask(K.adult, choices=lambda t: (Choice("yes", C.yes), Choice("no", C.no))),
    "redflag": Ask(
        K.redflag, params=red_flag_params, choices=lambda t: yes_no_unsure(), explicit=True
    ),
    "episode": Ask(
        K.episode,
        choices=lambda t: tuple(Choice(k, EPISODE_CHOICES[k]) for k in EPISODE_DAYS),
        parse=parse_days,
    ),
    "fear": Ask(K.fear, params=fear_params, scale=SCORE),
    "portfolio_mode": Ask(
        K.portfolio_mode,
        choices=lambda t: (Choice("suggested", C.suggested), Choice("choose", C.choose)),
        short=K.portfolio_mode_short,
    ),
    "portfolio": Ask(K.portfolio_pick, params=portfolio_params, choices=portfolio_choices),
    "tz": Ask(
        K.tz,
        choices=lambda t: tuple(Choice(z, z, literal=True) for z in t.content.common_zones),
        parse=parse_zone,
    ),
    "nudge_time": Ask(
        K.nudge_time,
        choices=lambda t: tuple(Choice(x, x, literal=True) for x in NUDGE_TIMES),
        parse=parse_time,
    ),
    "breaks": Ask(
        K.breaks,
        params=lambda t: break_hours(t.content),
        choices=lambda t: (
            Choice("yes", C.breaks_yes, means="yes"),
            Choice("no", C.breaks_no, means="no"),
        ),
        short=K.breaks_short,
    ),
    "start_now": Ask(
        K.start_now, choices=lambda t: (Choice("checkin", C.checkin_now), Choice("later", C.later))
    ),
}

FLOW = FlowSpec(Flow.ONBOARDING, Onboarding, STATES, TRANSITIONS, ASKS)
