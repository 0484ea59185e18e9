"""The weekly recap's numbers, checked against a known week of check-ins."""

from __future__ import annotations

from datetime import timedelta

from flows.model import Reply
from tests.flows.transcript import START, Chat, clear_rescreen, keys_of, onboard


def checkin(chat: Chat, before: int, during: int, after: int | None, expected: int = 4) -> None:
    """A bending check-in on the current day; `after` None leaves the follow-up unanswered."""
    chat.play("/checkin", "[l:bend]", str(before), str(expected), "6", "[done]", str(during), "7")
    if after is not None:
        chat.play("+60", str(after))


def by_key(replies: list[Reply], key: str) -> Reply:
    return next(r for r in replies if r.key == key)


def known_week() -> Chat:
    """Last week: one check-in (4 → 5 → 4). This week: three, on Tue, Wed and Thu, plus a skip."""
    chat = onboard(START - timedelta(days=7))
    chat.due.clear()  # no nudges or scheduled recaps: this week is driven by hand
    checkin(chat, 4, 5, 4)  # last week, Monday: the week to compare with
    chat.now = START + timedelta(days=1, hours=1)  # Tuesday
    checkin(chat, 2, 3, 2, expected=5)  # green, predicted 5
    chat.now += timedelta(days=1)
    checkin(chat, 2, 3, 2, expected=3)  # green, as predicted: level 1 -> 2
    chat.now += timedelta(days=1)
    checkin(chat, 3, 7, None, expected=6)  # red at once: back to 1
    clear_rescreen(chat)  # the safety questions asked again after a red
    chat.play("/checkin", "[new]", "[walk]", "2", "[not_today]")
    chat.now += timedelta(days=3)  # Sunday
    return chat


def test_recap_counts_lights_and_skips() -> None:
    """Three done, one skipped; two green and one red."""
    replies = known_week().command("recap")
    header = by_key(replies, "recap.header")
    assert (header.params["done"], header.params["skipped"]) == (3, 1)
    counts = by_key(replies, "recap.counts").params
    assert (counts["green"], counts["amber"], counts["red"]) == (2, 0, 1)


def test_recap_compares_pain_with_last_week() -> None:
    """Means of before / during / an hour after, this week against the week before."""
    trend = by_key(known_week().command("recap"), "recap.trend").params
    assert (trend["before"], trend["during"], trend["after"]) == ("2.3", "4.3", "2")
    assert (trend["last_before"], trend["last_during"], trend["last_after"]) == ("4", "5", "4")


def test_recap_lists_ladder_moves_and_the_evidence_log() -> None:
    """Bending went 1 → 2 → 1 over the week (up, then back, shown as a path); the step predicted
    at 5 peaked at 3."""
    replies = known_week().command("recap")
    assert by_key(replies, "recap.moves").params["lines"] == "bending: 1 → 2 → 1"
    evidence = by_key(replies, "recap.evidence").params["lines"]
    assert evidence.count("•") == 1  # 3 as predicted, or 7 against 6, is not evidence
    assert "expected 5, it peaked at 3" in evidence


def test_recap_chart_has_a_point_per_day_with_data() -> None:
    """The chart has seven days; the days without a check-in have no point."""
    chart = by_key(known_week().command("recap"), "recap.header").chart
    assert chart is not None and len(chart.days) == 7
    before = dict(zip(chart.days, chart.series[0].values, strict=True))
    assert before["day.tue"] == 2 and before["day.thu"] == 3 and before["day.sat"] is None


def test_a_brand_new_person_s_empty_recap_has_no_weeks_like_this_comfort() -> None:
    """Onboarded two days ago, nothing done: the recap says nothing yet since they started."""
    chat = onboard()
    chat.now += timedelta(days=2)
    replies = chat.command("recap")
    assert keys_of(replies) == ["recap.empty_new"]


def test_a_week_without_predictions_has_no_evidence_line() -> None:
    """Walks only (nothing predicted): no 'nothing went better than predicted' line."""
    chat = onboard()
    chat.play("/checkin", "[walk]", "2", "[done]", "3", "+60", "2")
    keys = keys_of(chat.command("recap"))
    assert not {"recap.no_evidence", "recap.as_predicted", "recap.evidence"} & set(keys)


def test_an_empty_week_gets_a_short_kind_recap_without_a_chart() -> None:
    """No check-ins this week: one kind message, no chart."""
    chat = onboard()
    chat.now += timedelta(days=8)
    replies = chat.command("recap")
    assert keys_of(replies) == ["recap.empty"]
    assert all(r.chart is None for r in replies)
