"""Content types: what data/ holds, as the coach sees it once loaded and validated by the shell."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, time
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, Protocol

from flows.helplines import CountryHelp, Helplines

if TYPE_CHECKING:
    from flows.reader import Reader  # flows.reader imports the screen, which imports this


@dataclass(frozen=True)
class Thresholds:
    """Clinical numbers from data/thresholds.toml (see that file for sources)."""

    version: str
    settled_margin: int = 1  # settled(x): x <= b + settled_margin
    red_rise: int = 4  # RED when d - b >= red_rise
    severe_during: int = 8  # RED when d >= severe_during ...
    severe_rise: int = 2  # ... and d - b >= severe_rise (a rise into severe pain)
    green_rise_max: int = 1  # GREEN (settled at one hour) when d - b <= green_rise_max ...
    green_mild_max: int = 3  # ... or d <= green_mild_max (mild all along)
    hard_day_pain: int = 7  # a check-in starting at this pain or more never moves a ladder up
    bad_morning_rise: int = 2  # bad morning: waking pain >= usual + bad_morning_rise
    week_rise: float = 1.0  # hold when 7-day mean waking pain > previous 7 days' mean + week_rise
    flare_reds_in_row: int = 2
    pause_reds: int = 3
    pause_window_days: int = 7
    pause_lift_days: int = 7  # the pause lifts after this many days without a RED
    flare_max_days: int = 7  # the flare-up plan ends after this many days at most ...
    flare_calm_mornings: int = 2  # ... or after this many mornings in a row back near usual
    followup1_minutes: int = 60
    followup2_minutes: int = 120
    usual_morning_days: int = 7  # "usual" morning pain = median of the last N mornings
    rebuild_greens: int = 2  # settle -> rebuild after this many GREENs on gentle movement
    settle_days: int = 14  # an episode older than this starts in rebuild rather than settle
    progress_level: int = 3  # rebuild -> progress once any ladder reaches this level
    return_min_days: int = 28  # progress -> return no earlier than this after the episode began
    return_level: int = 5  # ... and once any ladder reaches this level


@dataclass(frozen=True)
class Rhythm:
    """When the coach reaches out, from data/rhythm.toml (product choices, not clinical rules)."""

    version: str
    quiet_start: time = time(21, 0)  # quiet hours hold proactive messages other than the nudge
    quiet_end: time = time(8, 0)
    nudge_spread_seconds: int = 600  # people who share a nudge time are spread over this window
    nudge_late_hours: int = 3  # a nudge later than this is skipped (and recorded), not sent
    recap_weekday: int = 6  # Monday 0 … Sunday 6
    recap_time: time = time(18, 0)
    break_minutes: int = 60  # micro-breaks: every N minutes within working hours
    break_backoff_after: int = 3  # ignored in a row before backing off
    break_backoff_factor: int = 2  # the interval is multiplied by this when backing off
    work_start: time = time(9, 0)
    work_end: time = time(17, 0)


@dataclass(frozen=True)
class Exercise:
    """One movement from the exercise library."""

    id: str
    name: str
    purpose: str  # "gentle", "breathing", "micro_break" or one of the five portfolio purposes
    how: str
    cues: tuple[str, ...]
    stop_if: str
    minutes: int = 2
    where: str = "floor"  # what it needs: one of WHERE
    feel: str = ""  # what the person should feel
    easier: str = ""  # a gentler version
    harder: str = ""  # a harder version
    why: str = ""  # what it is for (breathing has one; others may)


@dataclass(frozen=True)
class LadderStep:
    level: int
    name: str
    how: str


@dataclass(frozen=True)
class Ladder:
    """Graded exposure for one feared movement, level 1 (easy) to N (the everyday goal)."""

    movement: str
    name: str  # "bending"
    question: str  # how the fear question names it: "bending forward"
    steps: tuple[LadderStep, ...]

    @property
    def top(self) -> int:
        return len(self.steps)

    def step(self, level: int) -> LadderStep:
        return self.steps[max(1, min(level, self.top)) - 1]


@dataclass(frozen=True)
class RedFlagQuestion:
    """One screening question; its wording is catalogue key `redflag.q.<id>`."""

    id: str
    category: str  # "emergency" or "urgent"


ScreenKind = Literal["crisis", "emergency", "urgent", "clarify", "check"]
# Most serious first. "clarify" (a weakness of one leg) asks one question: both legs? getting worse?
# "check" (ask when in doubt) asks one broad question when a message touches a red flag's body
# systems, or language near death or self-harm, that no specific rule has classified.
SCREEN_KINDS: tuple[ScreenKind, ...] = ("crisis", "emergency", "urgent", "clarify", "check")


@dataclass(frozen=True)
class ScreenRule:
    """One trip-word rule of the free-text safety screen; `id` names the red flag it stands for."""

    id: str
    kind: ScreenKind
    patterns: tuple[str, ...]  # regular expressions over folded text, shorthands expanded


@dataclass(frozen=True)
class ScreenRules:
    """The free-text screen for one language, from data/safety/<lang>.toml (see that file)."""

    version: str
    rules: tuple[ScreenRule, ...]  # in file order: the first of a kind wins
    separators: tuple[str, ...]  # regular expressions that end a clause
    negations: tuple[str, ...]  # the phrase lists below are folded and whole-word
    pseudo_negations: tuple[str, ...] = ()
    terminators: tuple[str, ...] = ()
    joiners: tuple[str, ...] = ()
    reassurances: tuple[str, ...] = ()
    linkers: tuple[str, ...] = ()
    window: int = 5  # words before a hit in which a negation counts


@dataclass(frozen=True)
class GoalSettings:
    """The person's own goals (DESIGN §9), from data/goals.toml: suggestions and their movements,
    and the numbers of the patient-specific functional scale (see that file for sources)."""

    version: str = "none"
    suggestions: Mapping[str, tuple[str, ...]] = field(  # suggestion id -> movements, in order
        default_factory=lambda: MappingProxyType({})
    )
    real_change: int = 2  # a change of a goal's rating this big or more is a real one
    max_goals: int = 3  # active goals at once
    max_chars: int = 60  # a goal in the person's words
    rerate_days: int = 6  # the recap asks the ratings again when the last is this old


WHERE: tuple[str, ...] = ("floor", "chair", "standing")
# Micro-breaks are drawn only from these purposes; none of their movements needs the floor.
BREAK_PURPOSES: tuple[str, ...] = ("micro_break", "breathing")
BREATHING = "breathing"  # the id of the breathing practice (micro-breaks, the flare-up plan)


# Content loaded without data/helplines.toml (some tests): every zone gets this fallback.
NO_HELPLINES = Helplines("none", date.min, MappingProxyType({}), CountryHelp("", "112", ()), {})

PURPOSES: tuple[str, ...] = (
    "decompression",
    "hip_mobility",
    "thoracic_mobility",
    "deep_stabilisation",
    "dynamic_control",
)


class Catalogue(Protocol):
    """One language's messages (bot.catalogue reads them from data/messages/<lang>.ftl)."""

    def format(self, key: str, params: Mapping[str, Any] | None = None) -> str: ...

    def __contains__(self, key: object) -> bool: ...

    def day(self, day: date, *, year: bool = False) -> str: ...

    def weekday(self, number: int) -> str: ...


@dataclass(frozen=True)
class LocalText:
    """The words of the exercises and ladders in one language."""

    exercises: Mapping[str, Exercise]
    ladders: Mapping[str, Ladder]


FALLBACK_LANGUAGE = "en"


def primary_language(tag: str | None) -> str | None:
    """The primary subtag of a language tag or locale name, lower case: "es-MX" and
    "es_ES.UTF-8" are "es"; None for none, "C" or "POSIX"."""
    if not tag:
        return None
    primary = tag.replace("_", "-").split(".")[0].split("-")[0].strip().lower()
    return primary if primary.isalpha() and primary not in ("c", "posix") else None


@dataclass(frozen=True)
class Content:
    """All loaded content: the English exercises and ladders, and every language's words."""

    thresholds: Thresholds
    exercises: Mapping[str, Exercise]
    ladders: Mapping[str, Ladder]  # ordered as in the file
    red_flags: tuple[RedFlagQuestion, ...]
    messages: Mapping[str, Catalogue]  # language -> its catalogue; FALLBACK_LANGUAGE always
    policy_version: str
    zones: frozenset[str] = field(default_factory=frozenset)  # valid IANA names
    common_zones: tuple[str, ...] = ()  # the zone buttons in `language`
    # a language -> the zone buttons its speakers see, where not the English ones
    zones_for: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    english_zones: tuple[str, ...] = ()  # the English buttons, when `language` has others
    # a city's name as people write it in another language ("ciudad de mexico", "wien") -> zone
    zone_aliases: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    rhythm: Rhythm = field(default_factory=lambda: Rhythm("default"))
    screen: Mapping[str, ScreenRules] = field(  # language -> the free-text safety screen
        default_factory=lambda: MappingProxyType({})
    )
    readers: Mapping[str, Reader] = field(  # language -> the screen's learned second tier
        default_factory=lambda: MappingProxyType({})
    )
    helplines: Helplines = field(default_factory=lambda: NO_HELPLINES)  # by the person's country
    goals: GoalSettings = field(default_factory=GoalSettings)
    # language -> its exercises and ladders (the fields above hold `language`'s)
    local: Mapping[str, LocalText] = field(default_factory=lambda: MappingProxyType({}))
    language: str = FALLBACK_LANGUAGE  # whose exercises and ladders the fields above hold

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages offered, English first."""
        return (FALLBACK_LANGUAGE, *sorted(k for k in self.messages if k != FALLBACK_LANGUAGE))

    def offered(self, language: str | None) -> str:
        """`language` if it is offered, else the fallback."""
        return language if language is not None and language in self.messages else FALLBACK_LANGUAGE

    def text(self, language: str, key: str, params: Mapping[str, Any] | None = None) -> str:
        """Message `key` in `language` (the fallback for one not offered), formatted."""
        catalogue = self.messages.get(language) or self.messages[FALLBACK_LANGUAGE]
        return catalogue.format(key, params)

    def day(self, language: str, day: date, *, year: bool = False) -> str:
        """A date as `language` writes it: "12 Oct", "12 oct", "12. Okt."."""
        catalogue = self.messages.get(language) or self.messages[FALLBACK_LANGUAGE]
        return catalogue.day(day, year=year)

    def weekday(self, language: str, number: int) -> str:
        """Weekday `number` (0 = Monday) by its name in `language`."""
        catalogue = self.messages.get(language) or self.messages[FALLBACK_LANGUAGE]
        return catalogue.weekday(number)

    def speaking(self, language: str) -> Content:
        """This content with the exercises' and ladders' words in `language`."""
        language = self.offered(language)
        local = self.local.get(language)
        if local is None or language == self.language:
            return self
        english = self.english_zones or self.common_zones
        return replace(
            self,
            exercises=local.exercises,
            ladders=local.ladders,
            language=language,
            common_zones=self.zones_for.get(language, english),
            english_zones=english,
        )

    def by_purpose(self, purpose: str) -> tuple[Exercise, ...]:
        return tuple(e for e in self.exercises.values() if e.purpose == purpose)

    @property
    def micro_breaks(self) -> tuple[Exercise, ...]:
        """The movements a micro-break may offer: breathing and the desk-and-standing set."""
        return tuple(
            e for e in self.exercises.values() if e.purpose in BREAK_PURPOSES and e.where != "floor"
        )
