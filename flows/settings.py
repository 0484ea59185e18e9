"""Settings (/settings): change the time zone or the morning time; /pause and /resume."""

from __future__ import annotations

from datetime import time
from typing import Any

from flows.catalogue import keys
from flows.engine import Ask, FlowSpec, Turn, on_answer
from flows.model import Choice
from flows.onboarding import NUDGE_TIMES, parse_time, parse_zone

K = keys("settings", "menu", "tz", "nudge_time", "saved_tz", "saved_time", "unchanged")
C = keys("choice", "change_tz", "change_time", "keep")


class SettingsTurn(Turn):
    """Turn model for /settings."""

    def wants_tz(self) -> bool:
        return bool(self.value == "tz")

    def wants_time(self) -> bool:
        return bool(self.value == "time")

    def unchanged(self) -> None:
        self.say(K.unchanged)

    def save_tz(self) -> None:
        self.save_profile(tz=str(self.value))
        self.say(K.saved_tz, tz=self.value)

    def save_time(self) -> None:
        hour, minute = (int(x) for x in str(self.value).split(":"))
        self.save_profile(nudge_time=time(hour, minute))
        self.say(K.saved_time, time=self.value)


def menu_params(turn: Turn) -> dict[str, Any]:
    nudge = turn.profile.nudge_time
    return {
        "tz": turn.profile.tz or "UTC",
        "time": nudge.strftime("%H:%M") if nudge else "–",
    }


STATES = ("menu", "tz", "nudge_time")
TRANSITIONS: tuple[dict[str, Any], ...] = (
    on_answer("menu", "tz", when="wants_tz"),
    on_answer("menu", "nudge_time", when="wants_time"),
    on_answer("menu", "end", then="unchanged"),
    on_answer("tz", "end", then="save_tz"),
    on_answer("nudge_time", "end", then="save_time"),
)
ASKS: dict[str, Ask] = {
    "menu": Ask(
        K.menu,
        params=menu_params,
        choices=lambda t: (
            Choice("tz", C.change_tz),
            Choice("time", C.change_time),
            Choice("keep", C.keep),
        ),
    ),
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
}

FLOW = FlowSpec("settings", SettingsTurn, STATES, TRANSITIONS, ASKS)
