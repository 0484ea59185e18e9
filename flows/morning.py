"""The morning check: waking pain against usual, yesterday's check-ins closed out, today's step."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flows.catalogue import keys
from flows.checkin import followup_key
from flows.decision import judge, next_step, usual_morning
from flows.engine import LATER, Ask, FlowSpec, Turn
from flows.model import (
    ActivityKind,
    Cancel,
    Checkin,
    CheckinStatus,
    Choice,
    Frame,
    LevelState,
    Light,
    Morning,
    SaveMorning,
    Scale,
    SetLevel,
)
from flows.plan import describe_plan, local_today, portfolio_reminder, todays_plan

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
        for checkin in self.facts.checkins:
            if checkin.done_at is not None and local_today(self.facts, checkin.done_at) < today:
                self.close_out(checkin, pain, usual)
        describe_plan(self, todays_plan(self.facts, self.content, self.now))
        portfolio_reminder(self)

    def close_out(self, ci: Checkin, pain: int, usual: float | None) -> None:
        """Applies the next-morning rule to an earlier check-in and closes it if still open."""
        if ci.morning is not None or ci.baseline is None or ci.during is None:
            return
        if ci.status not in (
            CheckinStatus.FINISHED,
            CheckinStatus.AWAITING_A1,
            CheckinStatus.AWAITING_A2,
        ):
            return
        t = self.content.thresholds
        verdict = judge(ci.baseline, ci.during, ci.a1, ci.a2, t, morning=pain, usual_morning=usual)
        turned_red = verdict.light is Light.RED and ci.light is not Light.RED
        if ci.status is not CheckinStatus.FINISHED:
            for which in ("a1", "a2"):
                self.effects.append(Cancel(followup_key(self.profile.user_id, ci.no, which)))
            light = verdict.light if turned_red else Light.UNFINISHED
            ci = self.save_checkin(
                replace(ci, status=CheckinStatus.FINISHED, light=light, morning=pain)
            )
            if not turned_red:
                self.say(K.closed_unfinished, activity=self.activity(ci))
        else:
            ci = self.save_checkin(replace(ci, morning=pain, light=verdict.light))
        if turned_red:
            self.say(K.closed_red, activity=self.activity(ci), pain=pain, usual=f"{usual:g}")
            self.step_back(ci)

    def step_back(self, ci: Checkin) -> None:
        if ci.kind is not ActivityKind.EXPOSURE or ci.level is None:
            return
        stored = self.facts.levels.get(ci.activity)
        if stored is None or stored.level < ci.level:
            return  # the ladder already went back since
        ladder = self.content.ladders[ci.activity]
        base = LevelState(ci.activity, ci.level, stored.return_to)
        decision = next_step(base, Light.RED, None, self.content.thresholds, top=ladder.top)
        new = LevelState(ci.activity, decision.level, decision.return_to)
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
        self.then = Frame("checkin", "choose", {})


C = keys("choice", "checkin_now", "later")
A = "answer"
STATES = ("waking", "start_now")
TRANSITIONS: tuple[dict[str, Any], ...] = (
    {"trigger": A, "source": "waking", "dest": "start_now", "after": "record_waking"},
    {
        "trigger": A,
        "source": "start_now",
        "dest": "end",
        "conditions": "wants_checkin",
        "after": "start_checkin",
    },
    {"trigger": A, "source": "start_now", "dest": "end", "after": "later"},
)
ASKS: dict[str, Ask] = {
    "waking": Ask(K.waking, scale=Scale(low=K.pain_none, high=K.pain_worst)),
    "start_now": Ask(
        K.start_now, choices=lambda t: (Choice("checkin", C.checkin_now), Choice("later", C.later))
    ),
}

FLOW = FlowSpec("morning", MorningTurn, STATES, TRANSITIONS, ASKS)
