"""The clinician summary (DESIGN §9): a one-page A4 PDF whose text reads back, with the period,
the phase, each goal with its ratings, the ladders' levels and the red-flag screens; a useful page
before any check-in; drawn off the event loop; no name; the page renders to an image."""

from __future__ import annotations

import io
from datetime import timedelta

import pypdf
import pypdfium2
import pytest

from bot.content import load_content
from bot.summary import summary_file, summary_file_async
from flows.summary import summarise
from tests.bot.summary_person import NOW, TYPED_GOAL, history

CONTENT = load_content()
A4_POINTS = (595, 842)


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


@pytest.fixture(scope="module")
def full() -> tuple[str, bytes]:
    return summary_file(history(), CONTENT, NOW)


def test_the_summary_is_one_a4_page_named_by_its_date(full: tuple[str, bytes]) -> None:
    """One page, A4, the file named by the local date only."""
    name, pdf = full
    assert name == "backcoach-summary-2026-12-06.pdf"
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4_POINTS


def test_its_text_holds_the_period_episode_phase_and_counts(full: tuple[str, bytes]) -> None:
    """The period (local dates), the episode's start, the phase and the check-ins done and set
    aside read back from the PDF."""
    words = text_of(full[1])
    assert "Period: 26 Oct 2026 – 6 Dec 2026 (6 weeks shown)" in words
    assert "Episode began: about 10 Oct 2026" in words
    assert "Phase now: progressing" in words
    assert "17 done · 4 set aside" in words
    assert "Made: 6 Dec 2026 18:30 (Europe/Berlin)" in words  # the person's clock, not UTC


def test_its_text_holds_each_goal_with_its_ratings(full: tuple[str, bytes]) -> None:
    """Each goal in the person's words (or its suggestion's), every rating with its date, and
    the change named real at 2 or more, not at 1."""
    words = text_of(full[1])
    assert f"“{TYPED_GOAL}”: 2 (26 Oct) → 3 (2 Nov) → 3 (9 Nov)" in words
    assert "→ 5 (30 Nov) — change +3: real" in words
    assert "“Sit through a film”: 6 (26 Oct)" in words
    assert "change +1: below 2, within the noise" in words


def test_its_text_holds_the_ladders_and_the_screens(full: tuple[str, bytes]) -> None:
    """Each ladder's level now and its path; each screen with its date, a "not sure" named, and
    the assessment that lifted the hold."""
    words = text_of(full[1])
    assert "bending: level 3 of 7 now" in words
    assert "lifting: level 2 of 7 now" in words
    assert "26 Oct 2026 · first screen: no red flags" in words
    assert "9 Nov 2026 · weekly screen: not sure: fever or unwell" in words
    assert "Reported checked by a clinician on 14 Nov 2026" in words
    assert "11 of 17 steps hurt less than predicted" in words


def test_the_screens_are_in_date_order() -> None:
    """Screens are listed oldest first, whatever order they were loaded in."""
    lines = summarise(history(), CONTENT, NOW).screens
    dates = [line.split(" · ")[0] for line in lines if " · " in line]
    assert dates == ["26 Oct 2026", "9 Nov 2026", "13 Nov 2026", "23 Nov 2026"]


def test_with_no_checkins_the_page_says_so_and_still_shows_goals_and_screens() -> None:
    """Before any check-in: a page that says there are none yet, with the goals and screens."""
    words = text_of(summary_file(history(checkins=False), CONTENT, NOW)[1])
    assert "No check-ins yet" in words
    assert "0 done · 0 set aside" in words
    assert TYPED_GOAL in words and "first screen: no red flags" in words
    assert "No predictions made in this period." in words


def test_a_hold_now_is_on_the_page() -> None:
    """A red-flag hold that is on names its kind and the date it began."""
    from dataclasses import replace

    from flows.model import SafetyHold

    h = history()
    held = replace(h.profile, safety_hold=SafetyHold.URGENT, safety_hold_at=NOW - timedelta(days=1))
    words = text_of(summary_file(replace(h, profile=held), CONTENT, NOW)[1])
    assert "Coaching held now (urgent signs) since 5 Dec 2026" in words


async def test_it_is_drawn_off_the_event_loop(full: tuple[str, bytes]) -> None:
    """The async variant (a worker thread) makes the same page."""
    name, pdf = await summary_file_async(history(), CONTENT, NOW)
    assert name == full[0] and text_of(pdf) == text_of(full[1])


def test_the_page_renders_to_an_image_with_ink_on_it(full: tuple[str, bytes]) -> None:
    """The PDF rasterises (pypdfium2) to a portrait A4 image that is not blank: its charts put
    colour on the page."""
    page = pypdfium2.PdfDocument(full[1])[0]
    image = page.render(scale=1.0).to_pil().convert("RGB")
    width, height = image.size
    assert abs(width - A4_POINTS[0]) <= 1 and height == A4_POINTS[1]
    colours = image.getcolors(maxcolors=1_000_000) or []
    blue = sum(n for n, (r, g, b) in colours if b > 150 and r < 80)  # the "before" line
    assert blue > 50


def test_no_name_is_on_the_page(full: tuple[str, bytes]) -> None:
    """The page carries no name: the PDF's metadata names no author, and its text no person."""
    reader = pypdf.PdfReader(io.BytesIO(full[1]))
    assert not (reader.metadata or {}).get("/Author")


def test_a_red_flag_in_a_typed_message_is_named() -> None:
    """A red flag found in a typed message is listed as such with its name; a rule that is no
    screen question is "a possible red flag"."""
    from dataclasses import replace

    from flows.model import Answer3
    from flows.summary import ScreenAnswer

    h = history()
    typed = (
        ScreenAnswer(NOW - timedelta(days=2), "text:bladder", Answer3.YES, "free_text"),
        ScreenAnswer(NOW - timedelta(days=1), "text:some_new_rule", Answer3.YES, "free_text"),
    )
    lines = summarise(replace(h, screens=(*h.screens, *typed)), CONTENT, NOW).screens
    assert "4 Dec 2026 · in a typed message: yes: bladder" in lines
    assert "5 Dec 2026 · in a typed message: yes: a possible red flag" in lines
