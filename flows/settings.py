"""Settings (/settings): time zone, morning time, weekly recap, micro-breaks on or off, language."""

from __future__ import annotations

from datetime import time
from typing import Any

from flows.catalogue import keys
from flows.content import FALLBACK_LANGUAGE
from flows.engine import Ask, FlowSpec, Invalid, Turn, on_answer, plain
from flows.engine import K as K_INVALID
from flows.model import Choice, Flow, Profile
from flows.outreach import all_chains, recap_slot, switch_breaks
from flows.parse import time_of_day
from flows.tz import label, note_if_fixed, parse_zone

K = keys(
    "settings",
    "menu",
    "tz",
    "nudge_time",
    "recap",
    "saved_tz",
    "saved_time",
    "saved_recap",
    "unchanged",
    "language",
    "saved_language",
    "slot",
)
C = keys(
    "choice", "change_tz", "change_time", "change_recap", "toggle_breaks", "change_language", "keep"
)
LANGUAGE_NAME = keys("language", "name").name  # a language's own name, in its own catalogue
LANGUAGE_PREFIX = "lang:"  # a language button's value: "lang:es"
BREAKS = keys("settings", "breaks_state_on", "breaks_state_off")  # micro-breaks on or off
NUDGE_TIMES = ("07:00", "07:30", "08:00", "08:30", "09:00")
RECAP_SLOTS = ("6 18:00", "6 10:00", "5 17:00", "0 08:30")


class SettingsTurn(Turn):
    """Turn model for /settings."""

    def wants_tz(self) -> bool:
        return bool(self.value == "tz")

    def wants_time(self) -> bool:
        return bool(self.value == "time")

    def wants_recap(self) -> bool:
        return bool(self.value == "recap")

    def wants_breaks(self) -> bool:
        return bool(self.value == "breaks")

    def wants_language(self) -> bool:
        return bool(self.value == "language")

    def save_language(self) -> None:
        set_language(self, str(self.value))
        self.say(K.saved_language)

    def toggle_breaks(self) -> None:
        switch_breaks(self, not self.profile.micro_breaks)

    def save_recap(self) -> None:
        before = self.profile
        self.save_profile(recap_slot=str(self.value))
        self.rechain(before)
        self.say(K.saved_recap, slot=slot_label(self, str(self.value)))

    def rechain(self, before: Profile) -> None:
        """Recomputes every pending nudge, recap and break for the new settings."""
        self.effects.extend(all_chains(self.profile, self.content, self.now, before=before))

    def unchanged(self) -> None:
        self.say(K.unchanged)

    def save_tz(self) -> None:
        before = self.profile
        self.save_profile(tz=str(self.value))
        self.rechain(before)
        self.say(K.saved_tz, tz=label(str(self.value)))
        note_if_fixed(self, str(self.value))

    def save_time(self) -> None:
        hour, minute = (int(x) for x in str(self.value).split(":"))
        before = self.profile
        self.save_profile(nudge_time=time(hour, minute))
        self.rechain(before)
        self.say(K.saved_time, time=self.value)


def slot_label(turn: Turn, slot: str) -> str:
    """A recap slot "6 18:00" as the person's language says it: "Sunday 18:00"."""
    day, _, at = slot.partition(" ")
    return turn.text(K.slot, day=turn.content.weekday(turn.profile.language, int(day)), time=at)


def language_choices(turn: Turn) -> tuple[Choice, ...]:
    """One button per language offered, each named in its own language, the person's first."""
    ordered = sorted(turn.content.languages, key=lambda code: code != turn.profile.language)
    return tuple(
        Choice(LANGUAGE_PREFIX + code, turn.content.text(code, LANGUAGE_NAME), literal=True)
        for code in ordered
    )


def parse_language(turn: Turn, text: str) -> Any:
    """A language typed by its name in any offered language ("español", "Deutsch", "english")
    or its code ("es")."""
    typed = plain(text)
    for code in turn.content.languages:
        if typed in (code, plain(turn.content.text(code, LANGUAGE_NAME))):
            return LANGUAGE_PREFIX + code
    return Invalid(K_INVALID.not_a_choice)


def set_language(turn: Turn, value: str) -> None:
    """Saves the language of a language button ("lang:es"); an unknown one is ignored."""
    code = value.removeprefix(LANGUAGE_PREFIX)
    if code in turn.content.languages and code != turn.profile.language:
        turn.save_profile(language=code)
        turn.content = turn.content.speaking(code)


def current(turn: Turn) -> dict[str, Any]:
    """The person's settings as shown to them: zone, morning time, weekly recap, micro-breaks."""
    nudge = turn.profile.nudge_time
    weekday, at = recap_slot(turn.profile, turn.content)
    breaks = BREAKS.breaks_state_on if turn.profile.micro_breaks else BREAKS.breaks_state_off
    return {
        "tz": label(turn.profile.tz or "UTC"),
        "time": nudge.strftime("%H:%M") if nudge else "–",
        "recap": slot_label(turn, f"{weekday} {at.strftime('%H:%M')}"),
        "language": turn.content.text(turn.profile.language, LANGUAGE_NAME),
        "breaks": turn.text(breaks),
    }


def parse_time(turn: Turn, text: str) -> Any:
    """Reads a typed morning time ("7.45am") as "HH:MM"."""
    found = time_of_day(text)
    return Invalid(K_INVALID.invalid_time) if found is None else found.strftime("%H:%M")


def parse_slot(turn: Turn, text: str) -> Any:
    """Reads "Sunday 18:00", "sun 6pm", "domingo 18:00", "So 18 Uhr" as a recap slot
    "<weekday> HH:MM": a weekday's name, or its unambiguous start (up to three letters used), in
    the person's language or in English."""
    day, _, rest = text.strip().partition(" ")
    typed = plain(day).rstrip(".")
    languages = {turn.profile.language, FALLBACK_LANGUAGE}
    matches = sorted(
        {
            i
            for i in range(7)
            for language in languages
            if typed and plain(turn.content.weekday(language, i)).startswith(typed[:3])
        }
    )
    at = time_of_day(rest)
    if len(matches) != 1 or at is None:
        return Invalid(K_INVALID.invalid_slot)
    return f"{matches[0]} {at.strftime('%H:%M')}"


STATES = ("menu", "tz", "nudge_time", "recap", "language")
TRANSITIONS: tuple[dict[str, Any], ...] = (
    on_answer("menu", "tz", when="wants_tz"),
    on_answer("menu", "nudge_time", when="wants_time"),
    on_answer("menu", "recap", when="wants_recap"),
    on_answer("menu", "end", when="wants_breaks", then="toggle_breaks"),
    on_answer("menu", "language", when="wants_language"),
    on_answer("menu", "end", then="unchanged"),
    on_answer("tz", "end", then="save_tz"),
    on_answer("nudge_time", "end", then="save_time"),
    on_answer("recap", "end", then="save_recap"),
    on_answer("language", "end", then="save_language"),
)
ASKS: dict[str, Ask] = {
    "menu": Ask(
        K.menu,
        params=current,
        choices=lambda t: (
            Choice("tz", C.change_tz),
            Choice("time", C.change_time),
            Choice("recap", C.change_recap),
            Choice("breaks", C.toggle_breaks),
            Choice("language", C.change_language),
            Choice("keep", C.keep),
        ),
    ),
    "recap": Ask(
        K.recap,
        choices=lambda t: tuple(Choice(x, slot_label(t, x), literal=True) for x in RECAP_SLOTS),
        parse=parse_slot,
    ),
    "language": Ask(K.language, choices=language_choices, parse=parse_language),
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


FLOW = FlowSpec(Flow.SETTINGS, SettingsTurn, STATES, TRANSITIONS, ASKS)
