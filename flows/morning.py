"""The morning check: waking pain against usual, yesterday's check-ins closed out, today's step."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from flows.catalogue import keys
from flows.checkin import followup_key
from flows.decision import Rule, judge, next_step, reds_in_window, usual_morning
from flows.engine import LATER, Ask, FlowSpec, Turn, on_answer
from flows.model import (
    ActivityKind,
    Cancel,
    Checkin,
    CheckinStatus,
    Choice,
    Flow,
    Frame,
    LevelState,
    Light,
    Morning,
    SaveMorning,
    Scale,
    SetLevel,
)
from flows.modes import (
    FLARE,
    end_flare,
    flare_on,
    morning_calm,
    refresh,
    start_flare,
    start_pause,
)
from flows.plan import describe_plan, local_today, portfolio_reminder, todays_plan

AWAITING = (CheckinStatus.AWAITING_A1, CheckinStatus.AWAITING_A2)
K = keys(
    "morning",
    "waking",
    "first",
    "usual",
    "bad",
    "better",
    "closed_red",
    "closed_unfinished",
    "start_now",
    "pain_none",
    "pain_worst",
)


class MorningTurn(Turn):
    """Turn model for the morning check."""

    def wants_checkin(self) -> bool:
        return bool(self.value == "checkin")

    def says_flared(self) -> bool:
        return bool(self.value == "flare")

    def flaring(self) -> bool:
        """The flare-up plan is on: the morning check asks how it is going."""
        return flare_on(self.profile, self.today, self.content.thresholds)

    def record_waking(self) -> None:
        t = self.content.thresholds
        today = self.today
        pain = int(self.value)
        usual = usual_morning(self.facts.mornings, today, t)
        morning = Morning(today, pain)
        self.effects.append(SaveMorning(morning))
        kept = tuple(m for m in self.facts.mornings if m.day != today)
        self.facts = replace(self.facts, mornings=(*kept, morning))
        if usual is None:
            self.say(K.first, pain=pain)
        elif pain >= usual + t.bad_morning_rise:
            self.say(K.bad, pain=pain, usual=f"{usual:g}")
        elif pain < usual:
            self.say(K.better, pain=pain, usual=f"{usual:g}")
        else:
            self.say(K.usual, pain=pain, usual=f"{usual:g}")
        yesterday = today - timedelta(days=1)
        stepped: set[str] = set()
        for checkin in self.facts.checkins:
            if checkin.done_at is None or checkin.morning is not None:
                continue
            done_on = local_today(self.facts, checkin.done_at)
            if done_on == yesterday:
                self.close_out(checkin, pain, usual, stepped)
            elif done_on < yesterday and checkin.status in AWAITING:
                self.close_unfinished(checkin)
        self.ctx = {**self.ctx, "pain": pain}

    def today_step(self) -> None:
        """Ends any mode whose time is up, then says today's step (and, from rebuild on, a
        portfolio movement)."""
        refresh(self)
        describe_plan(self, todays_plan(self.facts, self.content, self.now))
        portfolio_reminder(self)

    def record_flare(self) -> None:
        """Counts a calm flare morning; two in a row end the flare-up plan."""
        t = self.content.thresholds
        pain = int(self.ctx.get("pain", 0))
        calm = morning_calm(self.facts, pain, str(self.value), t)
        count = self.profile.flare_calm + 1 if calm else 0
        self.save_profile(flare_calm=count)
        if count >= t.flare_calm_mornings:
            end_flare(self)
        elif calm:
            self.say(FLARE.calm)
        else:
            self.say(FLARE.not_calm)

    def flare_now(self) -> None:
        """The person says their back has flared: the flare-up plan starts, with today's step."""
        start_flare(self)
        describe_plan(self, todays_plan(self.facts, self.content, self.now))

    def close_out(self, ci: Checkin, pain: int, usual: float | None, stepped: set[str]) -> None:
        """Applies the next-morning rule to yesterday's check-in, closing it if still open."""
        if ci.baseline is None or ci.during is None:
            return
        if ci.status is not CheckinStatus.FINISHED and ci.status not in AWAITING:
            return
        if ci.light is Light.RED:
            # RED from the pain during, its follow-ups never answered: the light stands.
            self.close_red(ci, pain)
            return
        t = self.content.thresholds
        verdict = judge(ci.baseline, ci.during, ci.a1, ci.a2, t, morning=pain, usual_morning=usual)
        turned_red = verdict.rule is Rule.RED_MORNING
        if not turned_red:
            if ci.status in AWAITING:
                self.close_unfinished(ci, morning=pain)
            else:
                self.save_checkin(replace(ci, morning=pain))
            return
        if ci.status in AWAITING:
            self.cancel_followups(ci)
        ci = self.save_checkin(
            replace(ci, status=CheckinStatus.FINISHED, light=Light.RED, morning=pain)
        )
        self.say(K.closed_red, activity=self.activity(ci), pain=pain, usual=f"{usual:g}")
        if ci.kind is ActivityKind.EXPOSURE and ci.activity not in stepped:
            stepped.add(ci.activity)
            self.step_back(ci)
        if reds_in_window(self.facts.checkins, self.now, t) >= t.pause_reds:
            start_pause(self, "reds", skip=ci.activity)

    def close_red(self, ci: Checkin, morning: int | None = None) -> None:
        """Closes a RED check-in whose follow-ups were never answered: it keeps its light."""
        if ci.status in AWAITING:
            self.cancel_followups(ci)
        self.save_checkin(replace(ci, status=CheckinStatus.FINISHED, morning=morning))

    def close_unfinished(self, ci: Checkin, morning: int | None = None) -> None:
        """Closes a check-in whose follow-up never came: finished, without a light."""
        if ci.light is Light.RED:
            self.close_red(ci, morning)
            return
        self.cancel_followups(ci)
        self.save_checkin(
            replace(ci, status=CheckinStatus.FINISHED, light=Light.UNFINISHED, morning=morning)
        )
        self.say(K.closed_unfinished, activity=self.activity(ci))

    def cancel_followups(self, ci: Checkin) -> None:
        for which in ("a1", "a2"):
            self.effects.append(Cancel(followup_key(self.profile.user_id, ci.no, which)))

    def step_back(self, ci: Checkin) -> None:
        """One level back from where the ladder stands now (at most once per ladder per morning)."""
        stored = self.facts.levels.get(ci.activity)
        if stored is None:
            return
        ladder = self.content.ladders[ci.activity]
        decision = next_step(stored, Light.RED, None, self.content.thresholds, top=ladder.top)
        new = LevelState(ci.activity, decision.level, decision.return_to)
        if new != stored:
            self.effects.append(SetLevel(new))
            self.facts = replace(self.facts, levels={**self.facts.levels, ci.activity: new})
        self.save_checkin(replace(ci, level_after=decision.level))

    def activity(self, ci: Checkin) -> str:
        if ci.kind is ActivityKind.EXPOSURE:
            return self.content.ladders[ci.activity].name
        return self.content.exercises[ci.activity].name

    def later(self) -> None:
        self.say(LATER.later)

    def start_checkin(self) -> None:
        self.then = Frame(Flow.CHECKIN, "choose", {})


C = keys("choice", "checkin_now", "later", "flared")


def start_choices(turn: Turn) -> tuple[Choice, ...]:
    """Start now, later, and (unless a flare-up plan is on) "my back has flared up"."""
    choices = (Choice("checkin", C.checkin_now), Choice("later", C.later))
    if flare_on(turn.profile, turn.today, turn.content.thresholds):
        return choices
    return (*choices, Choice("flare", C.flared))


FLARE_CHOICES = (
    Choice("settled", FLARE.settled),
    Choice("easing", FLARE.easing),
    Choice("same", FLARE.same),
    Choice("worse", FLARE.worse),
)
STATES = ("waking", "flare", "start_now")
TRANSITIONS: tuple[dict[str, Any], ...] = (
    on_answer("waking", "flare", when="flaring", then="record_waking"),
    on_answer("waking", "start_now", then=["record_waking", "today_step"]),
    on_answer("flare", "start_now", then=["record_flare", "today_step"]),
    on_answer("start_now", "end", when="wants_checkin", then="start_checkin"),
    on_answer("start_now", "end", when="says_flared", then="flare_now"),
    on_answer("start_now", "end", then="later"),
)
ASKS: dict[str, Ask] = {
    "waking": Ask(K.waking, scale=Scale(low=K.pain_none, high=K.pain_worst)),
    "flare": Ask(FLARE.how, choices=lambda t: FLARE_CHOICES),
    "start_now": Ask(K.start_now, choices=start_choices),
}

FLOW = FlowSpec(Flow.MORNING, MorningTurn, STATES, TRANSITIONS, ASKS)
