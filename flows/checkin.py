"""The check-in: pain before, (for exposure steps) expected pain and confidence, done or not today,
peak pain during, the follow-ups at one and two hours, confidence after, then the advice
(flows.advice says what the numbers mean).

Over 300 lines on purpose: one flow, whose turn model, transition table and questions are read
together (the table is the clinical spec of a check-in)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any

from flows import advice
from flows.catalogue import keys
from flows.decision import judge, settled
from flows.engine import Ask, FlowSpec, Turn, on_answer
from flows.exercise import described
from flows.goals import goal_movements, ladder_of
from flows.model import (
    ActivityKind,
    Cancel,
    Checkin,
    CheckinStatus,
    Choice,
    Flow,
    Light,
    Scale,
    Schedule,
)
from flows.modes import current_phase, in_mode, phase_cap
from flows.plan import level_today, todays_plan
from flows.rescreen import K as RESCREEN
from flows.rescreen import quick_frame

K = keys(
    "checkin",
    "pending",
    "choose",
    "portfolio",
    "baseline",
    "baseline_short",
    "expected",
    "confidence",
    "go_exposure",
    "go_exercise",
    "go_short",
    "during",
    "a1",
    "a2",
    "confidence_after",
    "skipped",
    "wait_a1",
    "wait_a2",
    "followup_intro",
    "followup_later",
    "hour1",
    "hour2",
    "pain_none",
    "pain_worst",
    "conf_none",
    "conf_full",
)
C = keys(
    "choice",
    "todays_step",
    "ladder_step",
    "a_portfolio",
    "a_walk",
    "done",
    "not_today",
    "answer_now",
    "new_checkin",
)
AFTER = keys("after", "settled", "above", "well_above")

PAIN = Scale(low=K.pain_none, high=K.pain_worst)
CONFIDENCE = Scale(low=K.conf_none, high=K.conf_full)


FOLLOW_UP = "followup"  # due-event kind of a check-in's follow-up


def followup_key(user_id: int, no: int, which: str) -> str:
    """The dedupe key of a check-in's follow-up event."""
    return f"{FOLLOW_UP}:{user_id}:{no}:{which}"


FOLLOW_UP_STATUS = {"a1": CheckinStatus.AWAITING_A1, "a2": CheckinStatus.AWAITING_A2}


def follow_up_pending(checkins: Sequence[Checkin], no: int, which: str) -> bool:
    """True while check-in `no` still waits for the `which` ("a1"/"a2") answer."""
    ci = next((c for c in checkins if c.no == no), None)
    return ci is not None and ci.status is FOLLOW_UP_STATUS.get(which)


def awaiting(checkins: Sequence[Checkin]) -> Checkin | None:
    """The most recent check-in still waiting for a follow-up answer, if any."""
    waiting = [
        c for c in checkins if c.status in (CheckinStatus.AWAITING_A1, CheckinStatus.AWAITING_A2)
    ]
    return waiting[-1] if waiting else None


class CheckinTurn(Turn):
    """Turn model for a check-in."""

    @property
    def checkin(self) -> Checkin:
        no = int(self.ctx["no"])
        return next(c for c in self.facts.checkins if c.no == no)

    def update(self, **changes: Any) -> Checkin:
        return self.save_checkin(replace(self.checkin, **changes))

    # -- guards

    def answer_now(self) -> bool:
        return bool(self.value == "now")

    def waiting_a2(self) -> bool:
        return self.checkin.status is CheckinStatus.AWAITING_A2

    def picked_portfolio(self) -> bool:
        return bool(self.value == "portfolio")

    def is_exposure(self) -> bool:
        return self.checkin.kind is ActivityKind.EXPOSURE

    def said_done(self) -> bool:
        return bool(self.value == "done")

    def red_already(self) -> bool:
        """The peak pain just given is enough for a RED: no need to wait for the follow-up."""
        b = self.checkin.baseline or 0
        return judge(b, int(self.value), None, None, self.content.thresholds).light is Light.RED

    def red_exposure(self) -> bool:
        return self.red_already() and self.is_exposure()

    def red_known(self) -> bool:
        """The light was RED from the pain during: the follow-ups are recorded, not judged."""
        return self.checkin.light is Light.RED

    def a1_waits(self) -> bool:
        ci = self.checkin
        t = self.content.thresholds
        late = ci.done_at is not None and self.now >= ci.done_at + timedelta(
            minutes=t.followup2_minutes
        )
        return not settled(int(self.value), ci.baseline or 0, t) and not late

    # -- choosing the activity

    def start_pending(self) -> None:
        self.ctx = {}

    def start(self) -> None:
        choice = str(self.value)
        kind, activity, level = ActivityKind.WALK, "walk", None
        if choice == "plan":
            plan = todays_plan(self.facts, self.content, self.now)
            kind, activity, level = plan.kind, plan.activity, plan.level
        elif choice.startswith("l:"):
            kind, activity = ActivityKind.EXPOSURE, choice[2:]
            level = level_today(self.facts, self.content, activity, self.now)[0]
        elif choice.startswith("p:"):
            kind, activity = ActivityKind.PORTFOLIO, choice[2:]
        no = self.facts.next_checkin_no
        undone = self.ctx.get("undone")
        if isinstance(undone, dict) and "no" in undone:
            no = int(undone["no"])  # "wrong one" right after choosing: that check-in, chosen anew
        self.save_checkin(
            Checkin(no=no, kind=kind, activity=activity, level=level, created_at=self.now)
        )
        self.ctx = {"no": no}

    # -- recording answers

    def record_baseline(self) -> None:
        self.update(baseline=int(self.value))

    def record_expected(self) -> None:
        self.update(expected=int(self.value))

    def record_confidence(self) -> None:
        self.update(confidence_before=int(self.value))

    def record_skip(self) -> None:
        self.update(status=CheckinStatus.SKIPPED)
        self.say(K.skipped)

    def record_during(self) -> None:
        self.update(during=int(self.value), done_at=self.now)

    def advise_now(self) -> None:
        """Records the peak pain and advises at once (it was enough for a RED); the follow-ups
        are still asked: they show whether it settled."""
        self.record_during()
        self.advise()
        self.schedule_a1()

    def await_a1(self) -> None:
        """Records the peak pain and schedules the one-hour follow-up."""
        self.record_during()
        self.schedule_a1()

    def schedule_a1(self) -> None:
        ci = self.update(status=CheckinStatus.AWAITING_A1)
        due = self.now + timedelta(minutes=self.content.thresholds.followup1_minutes)
        key = followup_key(self.profile.user_id, ci.no, "a1")
        self.effects.append(Schedule(FOLLOW_UP, due, key, {"no": ci.no, "ask": "a1"}))
        if ci.kind is not ActivityKind.EXPOSURE:
            self.say(K.wait_a1)  # exposure steps say it after confidence-after

    def record_a1(self) -> None:
        ci = self.checkin
        value = int(self.value)
        changes: dict[str, Any] = {"a1": value, "a1_at": self.now}
        if not settled(value, ci.baseline or 0, self.content.thresholds) and not self.a1_waits():
            # Answered after the two-hour mark and still not settled: not settled within two hours.
            changes.update(a2=value, a2_at=self.now)
        self.update(**changes)
        self.effects.append(Cancel(followup_key(self.profile.user_id, ci.no, "a1")))

    def schedule_a2(self) -> None:
        ci = self.update(status=CheckinStatus.AWAITING_A2)
        assert ci.done_at is not None and ci.a1 is not None
        due = max(
            ci.done_at + timedelta(minutes=self.content.thresholds.followup2_minutes), self.now
        )
        key = followup_key(self.profile.user_id, ci.no, "a2")
        self.effects.append(Schedule(FOLLOW_UP, due, key, {"no": ci.no, "ask": "a2"}))
        self.say_after(ci.a1, K.hour1)
        self.say(K.wait_a2, a1=ci.a1, b=ci.baseline)

    def record_a2(self) -> None:
        self.update(a2=int(self.value), a2_at=self.now)
        self.effects.append(Cancel(followup_key(self.profile.user_id, self.checkin.no, "a2")))

    def say_after(self, pain: int, when: str) -> None:
        """Says what a follow-up's pain means against the start, without softening it."""
        b = self.checkin.baseline or 0
        t = self.content.thresholds
        if settled(pain, b, t):
            key = AFTER.settled
        elif pain - b >= t.red_rise:
            key = AFTER.well_above
        else:
            key = AFTER.above
        self.say(key, pain=pain, b=b, diff=pain - b, when=self.text(when))

    def report_a1(self) -> None:
        """After a RED known from the pain during: what the one-hour answer means, and the
        two-hour question if it has not settled."""
        if self.a1_waits():
            self.schedule_a2()
            return
        ci = self.update(status=CheckinStatus.FINISHED)
        assert ci.a1 is not None
        self.say_after(ci.a1, K.hour1)

    def report_a2(self) -> None:
        """After a RED known from the pain during: what the two-hour answer means."""
        ci = self.update(status=CheckinStatus.FINISHED)
        assert ci.a2 is not None
        self.say_after(ci.a2, K.hour2)

    def record_conf_after(self) -> None:
        ci = self.update(confidence_after=int(self.value))
        if ci.light is not None and ci.confidence_before is not None:
            self.say(advice.ADV.confidence, before=ci.confidence_before, after=ci.confidence_after)
        if ci.status is CheckinStatus.AWAITING_A1:
            self.say(K.wait_a1)
        self.rescreen_after_red()

    # -- the advice (flows.advice), and the safety question after a RED

    def advise(self) -> None:
        """Says the light, why, and what comes next."""
        advice.advise(self)

    def rescreen_after_red(self) -> None:
        """After a RED, once this check-in's questions end, one combined safety question — at
        most once a (local) day, so that a bad day does not become a wall of questions."""
        if self.ctx.get("rescreen") and self.profile.quick_screen_on != self.today:
            self.save_profile(quick_screen_on=self.today)
            self.say(RESCREEN.after_red)
            self.then = quick_frame()


def pending_params(turn: Turn) -> dict[str, Any]:
    ci = awaiting(turn.facts.checkins)
    return {"activity": activity_name(turn, ci) if ci else ""}


def activity_name(turn: Turn, ci: Checkin) -> str:
    """Names a check-in's activity in a few words."""
    if ci.kind is ActivityKind.EXPOSURE:
        ladder = ladder_of(turn, ci.activity)
        return f"{ladder.name} ({ladder.step(ci.level or 1).name})"
    return turn.content.exercises[ci.activity].name


def goal_rank(turn: Turn, movement: str) -> int:
    """Where a movement stands among the goals' movements (DESIGN §9: they come first)."""
    linked = goal_movements(turn.facts)
    return linked.index(movement) if movement in linked else len(linked)


def choose_choices(turn: Turn) -> Sequence[Choice]:
    plan = todays_plan(turn.facts, turn.content, turn.now)
    t = turn.content.thresholds
    paused = in_mode(turn.facts, turn.today, turn.now, t)  # a flare or pause: no ladders
    cap = phase_cap(current_phase(turn.facts, turn.today, turn.now, t), t)
    if plan.kind is ActivityKind.EXPOSURE:
        ladder = turn.content.ladders[plan.activity]
        step = turn.text(C.ladder_step, name=ladder.name, level=plan.level)
        today = Choice("plan", C.todays_step, {"name": step})
    else:
        today = Choice("plan", C.todays_step, {"name": turn.content.exercises[plan.activity].name})
    others = [
        Choice(
            f"l:{m}",
            C.ladder_step,
            {
                "name": turn.content.ladders[m].name,
                "level": s.level if cap is None else min(s.level, cap),
            },
        )
        for m, s in sorted(turn.facts.levels.items(), key=lambda item: goal_rank(turn, item[0]))
        if m in turn.content.ladders
        and not paused
        and not (plan.kind is ActivityKind.EXPOSURE and m == plan.activity)
    ]
    extra = [Choice("walk", C.a_walk)] if plan.activity != "walk" else []
    if turn.profile.portfolio:
        extra.insert(0, Choice("portfolio", C.a_portfolio))
    return (today, *others, *extra)


def portfolio_choices(turn: Turn) -> Sequence[Choice]:
    return tuple(
        Choice(f"p:{e}", turn.content.exercises[e].name, literal=True)
        for e in turn.profile.portfolio
        if e in turn.content.exercises
    )


def is_exposure(turn: Turn) -> bool:
    return isinstance(turn, CheckinTurn) and turn.is_exposure()


def checkin_params(turn: Turn) -> dict[str, Any]:
    assert isinstance(turn, CheckinTurn)
    ci = turn.checkin
    params: dict[str, Any] = {"activity": activity_name(turn, ci), "b": ci.baseline, "d": ci.during}
    params["a1"] = ci.a1
    if ci.kind is ActivityKind.EXPOSURE:
        step = ladder_of(turn, ci.activity).step(ci.level or 1)
        params.update(how=step.how)
    else:
        params.update(described(turn, turn.content.exercises[ci.activity]))
    return params


STATES = (
    "pending",
    "choose",
    "portfolio",
    "baseline",
    "expected",
    "confidence",
    "go",
    "during",
    "confidence_after",
    "a1",
    "a2",
)
# fmt: off
TRANSITIONS: tuple[dict[str, Any], ...] = (
    on_answer("pending", "a2", when=["answer_now", "waiting_a2"]),
    on_answer("pending", "a1", when="answer_now"),
    on_answer("pending", "choose", then="start_pending"),
    on_answer("choose", "portfolio", when="picked_portfolio"),
    on_answer("choose", "baseline", then="start"),
    on_answer("portfolio", "baseline", then="start"),
    on_answer("baseline", "expected", when="is_exposure", then="record_baseline"),
    on_answer("baseline", "go", then="record_baseline"),
    on_answer("expected", "confidence", then="record_expected"),
    on_answer("confidence", "go", then="record_confidence"),
    on_answer("go", "during", when="said_done"),
    on_answer("go", "end", then="record_skip"),
    on_answer("during", "confidence_after", when="red_exposure", then="advise_now"),
    on_answer("during", "end", when="red_already", then=["advise_now", "rescreen_after_red"]),
    on_answer("during", "confidence_after", when="is_exposure", then="await_a1"),
    on_answer("during", "end", then="await_a1"),
    on_answer("confidence_after", "end", then="record_conf_after"),
    on_answer("a1", "end", when="red_known", then=["record_a1", "report_a1"]),
    on_answer("a1", "end", when="a1_waits", then=["record_a1", "schedule_a2"]),
    on_answer("a1", "end", then=["record_a1", "advise", "rescreen_after_red"]),
    on_answer("a2", "end", when="red_known", then=["record_a2", "report_a2"]),
    on_answer("a2", "end", then=["record_a2", "advise", "rescreen_after_red"]),
)
# fmt: on

ASKS: dict[str, Ask] = {
    "pending": Ask(
        K.pending,
        params=pending_params,
        choices=lambda t: (Choice("now", C.answer_now), Choice("new", C.new_checkin)),
    ),
    "choose": Ask(K.choose, choices=choose_choices),
    "portfolio": Ask(K.portfolio, choices=portfolio_choices),
    "baseline": Ask(K.baseline, params=checkin_params, scale=PAIN, short=K.baseline_short),
    "expected": Ask(K.expected, params=checkin_params, scale=PAIN),
    "confidence": Ask(K.confidence, params=checkin_params, scale=CONFIDENCE),
    "go": Ask(
        lambda t: K.go_exposure if t.ctx and is_exposure(t) else K.go_exercise,
        params=checkin_params,
        choices=lambda t: (Choice("done", C.done), Choice("not_today", C.not_today)),
        short=K.go_short,
    ),
    "during": Ask(K.during, params=checkin_params, scale=PAIN),
    "a1": Ask(K.a1, params=checkin_params, scale=PAIN),
    "a2": Ask(K.a2, params=checkin_params, scale=PAIN),
    "confidence_after": Ask(K.confidence_after, params=checkin_params, scale=CONFIDENCE),
}

FLOW = FlowSpec(Flow.CHECKIN, CheckinTurn, STATES, TRANSITIONS, ASKS)
